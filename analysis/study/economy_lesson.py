"""The tables of the lessons on copper, nationalisation, output, wages and money (notebooks 05 and 06).

Each function takes a dataset as :func:`analysis.load` returns it (``load("copper")``,
``load("economy")``, ``load("nationalisation")``) and returns a small table for a notebook cell, so
that a reader calls one function instead of copying a chain of pandas. Column names are English
identifiers, as in the datasets. Nothing here draws or reads a file of its own.

Rates and levels are compared differently, and the functions say which they do:

* a **level** (tonnes, dollars, an index) is compared in percent: 743 thousand tonnes against 711
  is 4.5% more;
* a **rate** that is already a percentage (GDP growth, a share of output) is compared in
  **percentage points**, by subtraction: growth of 5.8% against 0.95% is 4.85 points apart. A
  percentage of a percentage (5.8 / 0.95 - 1 = 510%) says nothing a reader can use: it swells as
  the smaller rate nears zero and loses its sign when the rates straddle zero.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import pandas as pd

from analysis.study import indicators as ind
from analysis.study.sources import ARTICLE, preferred_source

OUTPUT = "chile_production_kt"
LARGE_MINES = "chile_gran_mineria_production_kt"
PRICE_NOMINAL = "world_price_nominal"
PRICE_REAL = "world_price_real_2010"
PRICE_INDEX = "real_price_index_1900_100"
PRICES = (PRICE_NOMINAL, PRICE_REAL, PRICE_INDEX)
EXPORT_MEASURES = (
    "chile_copper_exports_usd_m",
    "copper_share_of_exports_pct",
    "ores_metals_exports_usd_m_upper_bound",
)
UPPER_BOUND = "ores_metals_exports_usd_m_upper_bound"
MERCHANDISE_EXPORTS = "exports_goods_usd_m"
GROWTH = "gdp_growth_pct"
GDP_PC = "gdp_pc_2011intl"
WAGES = ("real_wage_labourers_subsistence_ratio", "real_wage_growth_pct", "real_wage_index")
TRADE = (
    "exports_goods_usd_m",
    "imports_goods_usd_m",
    "net_international_reserves_usd_m",
    "total_reserves_usd_m",
)
MONEY = ("money_m1_growth_pct", "money_supply_growth_pct")
SHARES = ("share_output_state_control_pct", "share_industrial_output_pct")
SECTORS = ("mining", "banking", "manufacturing", "whole economy (total)")
FIRMS = (
    "firms_in_social_area",
    "firms_intervened_or_requisitioned",
    "firms_privatised_or_returned",
)
BANKS = ("banks_under_state_control",)


# ----- one quantity, one source --------------------------------------------------------------


def series(frame: pd.DataFrame, indicator: str, source_id: str | None = None) -> pd.Series:
    """One indicator's values by year from one source: ``source_id``, or by default the source the
    charts draw (:func:`analysis.study.sources.preferred_source`). The Series is named after the
    source."""
    rows = frame[frame["indicator"] == indicator]
    if rows.empty:
        raise KeyError(f"no rows for indicator {indicator!r}")
    sid = source_id or preferred_source(rows, "value")
    rows = rows[rows["source_id"] == sid]
    if rows.empty:
        raise KeyError(f"{sid!r} gives no {indicator!r}")
    return rows.set_index("year")["value"].sort_index().rename(sid)


def changes(
    frame: pd.DataFrame,
    indicator: str,
    periods: Sequence[tuple[int, int]],
    source_id: str | None = None,
) -> pd.DataFrame:
    """How a level moved between pairs of years, from one source (the charts' by default).

    One row per ``(start, end)``: the two values, the change in percent and the multiple (end /
    start). For a level (tonnes, dollars, an index), not for a rate: see :func:`growth_gaps`."""
    values = series(frame, indicator, source_id)
    out = []
    for start, end in periods:
        a, b = float(values.loc[start]), float(values.loc[end])
        out.append(
            {
                "from": start,
                "to": end,
                "value_from": a,
                "value_to": b,
                "change_pct": round(ind.growth_pct(a, b), 1),
                "times": round(ind.multiple(a, b), 2),
                "source_id": values.name,
            }
        )
    return pd.DataFrame(out)


def notes(frame: pd.DataFrame, indicator: str, year: int) -> pd.DataFrame:
    """The rows behind one number: every source's value of ``indicator`` in ``year``, with its unit
    and the row's note (what it measures, how it was read or derived)."""
    rows = frame[(frame["indicator"] == indicator) & (frame["year"] == year)]
    rows = rows.sort_values(["value", "source_id"])
    return rows[["source_id", "value", "unit", "note"]].reset_index(drop=True)


def show_notes(frame: pd.DataFrame, indicator: str, year: int) -> None:
    """Print :func:`notes` in full, one source to a paragraph (a table would cut long notes)."""
    for r in notes(frame, indicator, year).itertuples():
        print(f"{r.source_id}: {r.value:g} ({r.unit})\n    {r.note}")


def coverage(frame: pd.DataFrame, indicators: Iterable[str]) -> pd.DataFrame:
    """What the data hold for each indicator: one row per indicator and source, with its unit, how
    many years it gives and the first and last of them. Reading it first says what a chart can
    show and where it must stay silent."""
    wanted = list(indicators)
    rows = frame[frame["indicator"].isin(wanted)]
    out = (
        rows.groupby(["indicator", "source_id"], sort=False)
        .agg(
            unit=("unit", "first"),
            years=("year", "nunique"),
            first=("year", "min"),
            last=("year", "max"),
        )
        .reset_index()
    )
    order = {name: i for i, name in enumerate(wanted)}
    out = out.assign(_order=out["indicator"].map(order)).sort_values(["_order", "first"])
    return out.drop(columns="_order").reset_index(drop=True)


# ----- copper --------------------------------------------------------------------------------


def price_table(copper: pd.DataFrame, start: int, end: int) -> pd.DataFrame:
    """The world copper price by year: the World Bank's annual average in dollars of the day and in
    2010 dollars (MUV deflator), with the percent change of each on the year before."""
    nominal = series(copper, PRICE_NOMINAL).loc[start - 1 : end]
    real = series(copper, PRICE_REAL).loc[start - 1 : end]
    table = pd.DataFrame(
        {
            "usd_per_tonne": nominal.round(0),
            "change_pct": ind.yoy_change(nominal).round(1),
            "usd_2010_per_tonne": real.round(0),
            "real_change_pct": ind.yoy_change(real).round(1),
        }
    )
    table.index.name = "year"
    return table.loc[start:end]


def price_change(copper: pd.DataFrame, start: int, end: int) -> pd.DataFrame:
    """The change in the copper price from ``start`` to ``end`` by every measure copper.csv holds:
    dollars of the day and 2010 dollars (World Bank), and Jacks's real index (1900 = 100). The
    measures differ in how (and whether) they remove inflation, so the size of a fall depends on
    the measure read."""
    out = []
    for indicator in PRICES:
        row = changes(copper, indicator, [(start, end)]).iloc[0]
        unit = copper.loc[copper["indicator"] == indicator, "unit"].iloc[0]
        out.append({"measure": indicator, "unit": unit, **row.drop(["from", "to"]).to_dict()})
    return pd.DataFrame(out)


def output_agreement(copper: pd.DataFrame) -> pd.DataFrame:
    """Every year in which another source gives Chile's copper output, beside the series the chart
    draws (Clio-Infra), with the gap in percent. Rows for the large mines only (Gran Minería) are a
    different quantity and are left out."""
    rows = copper[copper["indicator"] == OUTPUT]
    main = series(copper, OUTPUT)
    others = rows[rows["source_id"] != main.name].sort_values(["year", "source_id"])
    out = others[["year", "source_id", "value"]].rename(columns={"value": "other_kt"})
    out = out.assign(chart_kt=[main.get(y, float("nan")) for y in out["year"]])
    out = out.assign(gap_pct=((out["other_kt"] / out["chart_kt"] - 1) * 100).round(2))
    return out[["year", "chart_kt", "other_kt", "gap_pct", "source_id"]].reset_index(drop=True)


def ores_metals_share(copper: pd.DataFrame, economy: pd.DataFrame) -> pd.DataFrame:
    """The ceiling on copper exports against all merchandise exports, in the years both give.

    The ceiling (``ores_metals_exports_usd_m_upper_bound``) is the World Bank's merchandise exports
    times its share of ores and metals; dividing it by the same bank's merchandise exports
    (``exports_goods_usd_m`` in economy.csv, series TX.VAL.MRCH.CD.WT) gives back that share.
    Copper was part of ores and metals, never more: the share is a ceiling on copper's share."""
    bound = series(copper, UPPER_BOUND)
    exports = series(economy, MERCHANDISE_EXPORTS, "wdi_tx_val_mrch_cd_wt")
    years = bound.index.intersection(exports.index)
    table = pd.DataFrame(
        {
            "merchandise_exports_usd_m": exports.loc[years].round(0),
            "ores_metals_usd_m": bound.loc[years].round(0),
            "ores_metals_share_pct": (bound.loc[years] / exports.loc[years] * 100).round(1),
        }
    )
    table.index.name = "year"
    return table


# ----- nationalisation -----------------------------------------------------------------------


def state_shares(nationalisation: pd.DataFrame) -> pd.DataFrame:
    """The CIA table of December 1972: the share of each sector's output under state control in 1970
    and 1972, and the change in percentage points (a share is a rate: it is subtracted, not
    divided). A blank is a value the table does not give as a number (the whole economy in 1972,
    printed only as a range)."""
    rows = nationalisation[nationalisation["indicator"].isin(SHARES)]
    rows = rows[rows["scope"].isin(SECTORS)].assign(year=lambda d: d["date"].dt.year)
    table = rows.pivot_table(index="scope", columns="year", values="value", aggfunc="first")
    table = table.reindex([s for s in SECTORS if s in table.index])
    table.columns = [f"pct_{c}" for c in table.columns]
    first, last = table.columns[0], table.columns[-1]
    table["change_points"] = table[last] - table[first]
    table["source_id"] = rows.groupby("scope")["source_id"].first()
    table.index.name = "sector"
    return table


def _counts(frame: pd.DataFrame, indicators: Sequence[str]) -> pd.DataFrame:
    rows = frame[frame["indicator"].isin(indicators)].sort_values(["date", "value"])
    rows = rows.assign(date=rows["date"].dt.strftime("%Y-%m-%d"), value=rows["value"].astype(int))
    rows = rows.assign(article_only=rows["source_id"] == ARTICLE)
    cols = ["date", "indicator", "value", "scope", "source_id", "article_only"]
    return rows[cols].reset_index(drop=True)


def firm_counts(nationalisation: pd.DataFrame) -> pd.DataFrame:
    """Every count of firms in nationalisation.csv, by date: what each counts (``scope``), who gives
    it, and whether it is the article's figure alone. The counts measure different things (firms
    taken over, firms on a bill's list, firms under intervention, firms sold or returned over
    1973-1990) and cannot be read as one series."""
    return _counts(nationalisation, FIRMS)


def bank_counts(nationalisation: pd.DataFrame) -> pd.DataFrame:
    """The counts of banks under state control, by date, with what each counts and its source."""
    return _counts(nationalisation, BANKS)


# ----- output, growth and wages ----------------------------------------------------------------


def by_source(frame: pd.DataFrame, indicator: str, start: int, end: int) -> pd.DataFrame:
    """One indicator, year by year, one column per source (a blank is a year a source does not
    give)."""
    rows = frame[(frame["indicator"] == indicator) & frame["year"].between(start, end)]
    table = rows.pivot_table(index="year", columns="source_id", values="value", aggfunc="first")
    table.columns.name = None
    return table.round(2)


def growth_gaps(
    economy: pd.DataFrame, start: int, end: int, indicator: str = GROWTH
) -> pd.DataFrame:
    """Where the sources part ways on a growth rate, in percentage points.

    For each year from ``start`` to ``end`` that two or more sources give (the article left out):
    the lowest and highest rate, who gives each, and ``gap_points`` = highest - lowest. A growth
    rate is already a percentage, so two rates are compared by subtraction: 0.95% and 5.8% are
    4.85 points apart. (The percent gap, 5.8 / 0.95 - 1 = 510%, measures nothing: the same
    1-point gap would be 100% between 1% and 2% but 10% between 10% and 11%, and it is undefined
    for rates of opposite sign.)"""
    rows = economy[(economy["indicator"] == indicator) & economy["year"].between(start, end)]
    rows = rows[rows["source_id"] != ARTICLE].dropna(subset=["value"])
    units = set(rows["unit"])
    if not units or not all(str(u).startswith("percent") for u in units):
        raise ValueError(f"{indicator!r} is not a rate in percent: compare levels with changes()")
    out = []
    for year, g in rows.groupby("year"):
        if g["source_id"].nunique() < 2:
            continue
        low, high = g.loc[g["value"].idxmin()], g.loc[g["value"].idxmax()]
        out.append(
            {
                "year": int(year),
                "n_sources": int(g["source_id"].nunique()),
                "low": round(float(low["value"]), 2),
                "low_source": low["source_id"],
                "high": round(float(high["value"]), 2),
                "high_source": high["source_id"],
                "gap_points": round(float(high["value"] - low["value"]), 2),
            }
        )
    columns = ["year", "n_sources", "low", "low_source", "high", "high_source", "gap_points"]
    return pd.DataFrame(out, columns=columns)


def wage_measures(economy: pd.DataFrame, start: int, end: int) -> pd.DataFrame:
    """Every real-wage value from ``start`` to ``end``: year, measure, value, its basis (the unit)
    and source. No two measures share a basis, so they are listed, not joined."""
    rows = economy[economy["indicator"].isin(WAGES) & economy["year"].between(start, end)]
    rows = rows.assign(
        _order=rows["indicator"].map({w: i for i, w in enumerate(WAGES)}),
        value=rows["value"].round(2),
    ).sort_values(["_order", "year", "source_id"])
    return rows[["year", "indicator", "value", "unit", "source_id"]].reset_index(drop=True)


def indicator_table(
    frame: pd.DataFrame, indicators: Sequence[str], start: int, end: int
) -> pd.DataFrame:
    """Several indicators, year by year: one column per indicator and source (a blank is a year no
    source gives). Different sources of one indicator stay side by side, never merged."""
    rows = frame[frame["indicator"].isin(indicators) & frame["year"].between(start, end)]
    table = rows.pivot_table(
        index="year", columns=["indicator", "source_id"], values="value", aggfunc="first"
    )
    order = [c for name in indicators for c in table.columns if c[0] == name]
    return table[order].round(1)


def period_growth(
    economy: pd.DataFrame,
    periods: Sequence[tuple[int, int]],
    indicator: str = GDP_PC,
    source_id: str | None = None,
) -> pd.DataFrame:
    """Average yearly growth of a level over each period, compounded
    (:func:`analysis.study.indicators.cagr_pct`), with the total change over the period. By default
    GDP per person from the Maddison Project, the chart's source."""
    values = series(economy, indicator, source_id)
    out = []
    for start, end in periods:
        a, b = float(values.loc[start]), float(values.loc[end])
        out.append(
            {
                "from": start,
                "to": end,
                "years": end - start,
                "growth_pct_a_year": round(ind.cagr_pct(a, b, end - start), 2),
                "total_change_pct": round(ind.growth_pct(a, b), 1),
                "source_id": values.name,
            }
        )
    return pd.DataFrame(out)
