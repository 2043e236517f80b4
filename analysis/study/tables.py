"""Tables that notebooks and figures share: coverage by year, disagreements, a summary per dataset.

Pure analysis on validated frames: nothing here draws.
"""

from __future__ import annotations

import pandas as pd

from analysis.data.datasets import load
from analysis.data.schema import package
from analysis.study.sources import disagreements

# Each dataset's time column, as a function giving the calendar year of each row.
YEARS = {
    "strikes": lambda f: f["year"].astype(int),
    "elections": lambda f: f["date"].dt.year,
    "election_totals": lambda f: f["date"].dt.year,
    "inflation": lambda f: f["period"].str[:4].astype(int),
    "external_debt": lambda f: f["year"].astype(int),
    "events": lambda f: f["date"].dt.year,
    "copper": lambda f: f["year"].astype(int),
    "economy": lambda f: f["year"].astype(int),
    "latin_america": lambda f: f["year"].astype(int),
    "nationalisation": lambda f: f["date"].dt.year,
    "occupations": lambda f: f["period_end"].dt.year,
    "consumer_prices": lambda f: f["month"].str[:4].astype(int),
}
# The quantity that two sources can disagree on, per dataset: (keys, value column).
QUANTITIES = {
    "strikes": (["year", "coverage"], "strikes"),  # different coverages are not rival counts
    "elections": (["date", "election", "contender", "share_basis"], "share_pct"),
    "inflation": (["period", "measure"], "inflation_pct"),
    "external_debt": (["year", "measure"], "debt_usd_millions"),
}


def coverage_table() -> pd.DataFrame:
    """Per dataset and year: rows and distinct sources (excluding nothing)."""
    out = []
    for name, year in YEARS.items():
        f = load(name)
        f = f.assign(calendar_year=year(f))
        g = f.groupby("calendar_year").agg(
            rows=("source_id", "size"), sources=("source_id", "nunique")
        )
        out.append(g.reset_index().assign(dataset=name))
    return pd.concat(out, ignore_index=True)[["dataset", "calendar_year", "rows", "sources"]]


def disagreement_table(min_spread_pct: float = 0.0) -> pd.DataFrame:
    """Every quantity that two or more independent sources give, across datasets, with the spread."""
    out = []
    for name, (keys, value) in QUANTITIES.items():
        d = disagreements(load(name), keys, value, min_spread_pct=min_spread_pct)
        if d.empty:
            continue
        label = d[keys].astype(str).agg(" ".join, axis=1)
        out.append(
            pd.DataFrame(
                {"dataset": name, "quantity": label, **{c: d[c] for c in d.columns[len(keys) :]}}
            )
        )
    if not out:
        return pd.DataFrame(
            columns=["dataset", "quantity", "n_sources", "low", "high", "spread_pct"]
        )
    return pd.concat(out, ignore_index=True)


def dataset_summary() -> pd.DataFrame:
    """One line per dataset: its title, rows, distinct sources and the years it spans."""
    table = coverage_table()
    out = []
    for name in YEARS:
        res = package().resource(name)
        g = table[table["dataset"] == name]
        frame = load(name)
        out.append(
            {
                "dataset": f"{name}.csv",
                "title": res.title,
                "rows": len(frame),
                "sources": frame["source_id"].nunique(),
                "first_year": int(g["calendar_year"].min()),
                "last_year": int(g["calendar_year"].max()),
                "years_with_data": len(g),
                "years_with_2plus_sources": int((g["sources"] > 1).sum()),
            }
        )
    return pd.DataFrame(out)


def codebook(name: str) -> pd.DataFrame:
    """The columns of dataset ``name`` as the data package describes them: name, type, unit,
    description and rules, one row per column."""
    return pd.DataFrame(package().resource(name).fields)


def description(name: str) -> str:
    """What dataset ``name`` holds and where it is thin, as its description in the data package says."""
    return str(package().resource(name).description)


def key_years_table() -> pd.DataFrame:
    """For each key series, how many independent sources give a value in each year 1965-1975 (the
    coverage report of ``datasets/README.md`` as a table: rows are series, columns years)."""
    from analysis.study.coverage import coverage

    return pd.DataFrame(coverage()).T
