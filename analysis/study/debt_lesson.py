"""The foreign-debt lesson (notebook 04): what kinds of debt figure the record holds, which years it
cannot cover, and what the article's two figures for the 1960s can be checked against.

The record is thin. ``external_debt.csv`` holds stocks on three measures (``total_external``, public
and private; ``public_external`` and ``public_medium_long_term``, the state's debt only) and figures
from speeches and the press, kept as context and never counted as a stock. None of its stocks comes
from the producer of the numbers (Chile's Central Bank); they come from documents of the time (the
US Embassy's Foreign Economic Trends reports, the CIA) and one encyclopedia.
"""

from __future__ import annotations

import pandas as pd

from analysis.data.datasets import load
from analysis.data.schema import package
from analysis.study.indicators import cagr_pct, growth_pct, multiple
from analysis.study.sources import ARTICLE

# Each measure's group: what debt it counts, or that it is context and not a stock.
GROUPS = {
    "total_external": "total external",
    "public_external": "public",
    "public_medium_long_term": "public",
    "press_figure": "press or speech",
    "speech_figure": "press or speech",
    "speech_figure_lower_bound": "press or speech",
}
STOCKS = ("total_external", "public_external", "public_medium_long_term")


def about(name: str = "external_debt") -> str:
    """The dataset's own description in the data package: what it counts and which gaps it knows."""
    return package().resource(name).description


def debt_table() -> pd.DataFrame:
    """Every row of the debt record, by year: the amount, its measure and group (total external,
    public, or press or speech), and who gives it, with the kind of source (``sources.csv``)."""
    debt = load("external_debt")
    sources = load("sources").set_index("source_id")
    table = pd.DataFrame(
        {
            "year": debt["year"],
            "debt_usd_millions": debt["debt_usd_millions"],
            "measure": debt["measure"],
            "group": debt["measure"].map(GROUPS),
            "source": debt["source_id"].map(sources["attribution"]),
            "source_kind": debt["source_id"].map(sources["kind"]),
        }
    )
    order = {g: i for i, g in enumerate(dict.fromkeys(GROUPS.values()))}
    return (
        table.assign(_g=table["group"].map(order))
        .sort_values(["year", "_g", "source"])
        .drop(columns="_g")
        .reset_index(drop=True)
    )


def by_group() -> pd.DataFrame:
    """One line per group of figures: its measures, how many rows and sources, and the years (the
    article's rows are counted apart: they are what is checked)."""
    debt = load("external_debt")
    debt = debt.assign(group=debt["measure"].map(GROUPS))
    out = []
    for group in dict.fromkeys(GROUPS.values()):
        rows = debt[debt["group"] == group]
        independent = rows[rows["source_id"] != ARTICLE]
        out.append(
            {
                "group": group,
                "measures": ", ".join(sorted(rows["measure"].unique())),
                "rows": len(independent),
                "sources": independent["source_id"].nunique(),
                "years": ", ".join(str(y) for y in sorted(independent["year"].unique())),
                "article_rows": int((rows["source_id"] == ARTICLE).sum()),
            }
        )
    return pd.DataFrame(out)


def stock_gaps(first: int = 1960, last: int = 1990) -> pd.DataFrame:
    """The runs of years from ``first`` to ``last`` for which no independent source gives a stock on
    any measure (the article's figures are what is checked, so they do not fill a gap)."""
    debt = load("external_debt")
    have = set(
        debt[debt["measure"].isin(STOCKS) & (debt["source_id"] != ARTICLE)]["year"].astype(int)
    )
    runs: list[list[int]] = []
    for year in range(first, last + 1):
        if year in have:
            continue
        if runs and runs[-1][-1] == year - 1:
            runs[-1].append(year)
        else:
            runs.append([year])
    return pd.DataFrame(
        {
            "from": [r[0] for r in runs],
            "to": [r[-1] for r in runs],
            "years": [len(r) for r in runs],
        }
    )


def notes(year: int) -> str:
    """The full notes of one year's rows, one paragraph a row: where each figure was read, what it
    counts and why it is or is not a stock."""
    debt = load("external_debt")
    rows = debt[debt["year"] == year]
    return "\n\n".join(
        f"{r.source_id} ({r.measure}, {r.debt_usd_millions:,.0f}): {r.note}"
        for r in rows.itertuples()
    )


def article_growth() -> pd.DataFrame:
    """What the article's two figures (1960 and 1970) imply: the multiple, the rise in percent and
    the compound rate a year."""
    debt = load("external_debt")
    a = debt[debt["source_id"] == ARTICLE].set_index("year")["debt_usd_millions"]
    start, end = float(a[1960]), float(a[1970])
    return pd.DataFrame(
        {
            "from_1960": [start],
            "to_1970": [end],
            "multiple": [round(multiple(start, end), 2)],
            "rise_pct": [round(growth_pct(start, end))],
            "per_year_pct": [round(cagr_pct(start, end, 10), 1)],
        }
    )


def independent_figures(first: int, last: int) -> pd.DataFrame:
    """Every figure not from the article for the years ``first``-``last``, with its group."""
    table = debt_table()
    rows = table[table["year"].between(first, last) & (table["source_kind"] != "seed")]
    return rows.reset_index(drop=True)


def change(first_year: int, last_year: int, measure: str = "total_external") -> pd.DataFrame:
    """How a stock on one measure changed between two years, from the independent sources' rows
    (raises ValueError if a year has none, or if its sources disagree)."""
    debt = load("external_debt")
    rows = debt[(debt["measure"] == measure) & (debt["source_id"] != ARTICLE)]
    values = {}
    for year in (first_year, last_year):
        found = rows[rows["year"] == year]["debt_usd_millions"].unique()
        if len(found) != 1:
            raise ValueError(f"{measure} {year}: {len(found)} different values, need exactly one")
        values[year] = float(found[0])
    start, end = values[first_year], values[last_year]
    return pd.DataFrame(
        {
            "measure": [measure],
            f"in_{first_year}": [start],
            f"in_{last_year}": [end],
            "multiple": [round(multiple(start, end), 2)],
            "per_year_pct": [round(cagr_pct(start, end, last_year - first_year), 1)],
        }
    )
