"""Overview figures: what each dataset covers, and where sources disagree."""

from __future__ import annotations

import pandas as pd
from matplotlib.figure import Figure

from ..datasets import load
from ..i18n import t
from ..sources import disagreements
from ..style import COLORS, MARKERS, finish, new_figure

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
    "strikes": (["year"], "strikes"),
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


def coverage(lang: str = "en") -> Figure:
    """A bar for every year each dataset has a sourced value; darker where two or more sources do."""
    table = coverage_table()
    fig, ax = new_figure((9, 4.2))
    names = list(YEARS)
    for i, name in enumerate(names):
        g = table[table["dataset"] == name]
        one = g[g["sources"] == 1]["calendar_year"]
        many = g[g["sources"] > 1]["calendar_year"]
        ax.broken_barh([(y - 0.45, 0.9) for y in one], (i - 0.35, 0.7), color="0.7")
        ax.broken_barh([(y - 0.45, 0.9) for y in many], (i - 0.35, 0.7), color="0.15")
    ax.set_yticks(range(len(names)), [f"{n}.csv" for n in names])
    ax.invert_yaxis()
    ax.set_xlim(1875, 1992)
    ax.grid(axis="x")
    ax.grid(axis="y", visible=False)
    one = "one source" if lang == "en" else "una fuente"
    many = "two or more sources" if lang == "en" else "dos o más fuentes"
    ax.legend(
        handles=[
            ax.bar([0], [0], color="0.7", label=one),
            ax.bar([0], [0], color="0.15", label=many),
        ],
        loc="lower left",
    )
    sources = sorted(set(load("sources")["source_id"]))
    return finish(
        fig,
        ax,
        title=t("coverage.title", lang),
        ylabel="",
        xlabel=t("coverage.xlabel", lang),
        source_ids=sources,
        lang=lang,
    )


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


def source_disagreements(lang: str = "en") -> Figure:
    """Each quantity given by two or more sources: how far apart they are, dataset by dataset."""
    table = disagreement_table()
    fig, ax = new_figure((9, 4.2))
    names = list(QUANTITIES)
    used: list[str] = []
    for i, name in enumerate(names):
        g = table[table["dataset"] == name]
        xs = g["spread_pct"].clip(lower=0.01)
        ax.plot(
            xs,
            [i] * len(xs),
            linestyle="none",
            marker=MARKERS[i],
            color=COLORS[i + 1],
            alpha=0.7,
            markersize=6,
        )
        ax.text(
            1.0, i, f"  n={len(g)}", transform=ax.get_yaxis_transform(), va="center", fontsize=8
        )
        used += list(g["low_source"]) + list(g["high_source"])
    ax.set_xscale("log")
    ax.set_yticks(range(len(names)), [f"{n}.csv" for n in names])
    ax.invert_yaxis()
    ax.grid(axis="x")
    ax.grid(axis="y", visible=False)
    return finish(
        fig,
        ax,
        title=t("disagree.title", lang),
        ylabel="",
        xlabel=t("disagree.xlabel", lang),
        source_ids=sorted(set(used)),
        lang=lang,
    )


def dataset_summary() -> pd.DataFrame:
    """One line per dataset: its title, rows, distinct sources and the years it spans."""
    from ..schema import package

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
