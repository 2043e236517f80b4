"""The economy story charts plot the dataset's rows, from the rule's preferred source, at mid-year;
the ores-and-metals ceiling is context, never a copper export value; headlines hold on the data."""

from __future__ import annotations

import pytest
from helpers import drawn
from matplotlib.colors import to_hex

from analysis import load
from analysis.charts.figures import economy
from analysis.charts.i18n import t
from analysis.charts.style import INK, decimal_year
from analysis.study.sources import preferred_source

LANGS = ("en", "es")
NAMES = (
    "boom_and_crisis",
    "copper_long_run",
    "copper_price",
    "gdp_per_capita",
    "copper_exports",
    "real_wages",
)


def _rows(fig, **match) -> list[dict]:
    return [r for r in fig._chile73["data"] if all(r[k] == v for k, v in match.items())]


def _by_year(rows: list[dict]) -> dict[int, float]:
    return {int(r["x"]): float(r["value"]) for r in rows}


def _values(rows) -> dict[int, float]:
    """A dataset's rows as {year: value}."""
    return {int(y): float(v) for y, v in zip(rows["year"], rows["value"], strict=True)}


def _dataset(name: str, indicator: str, start: int = 1900, end: int = 2000):
    frame = load(name)
    return frame[(frame["indicator"] == indicator) & frame["year"].between(start, end)]


def _ink_line(ax) -> dict[float, float]:
    """The points of the preferred (ink, solid) line drawn on ``ax``, NaN gaps left out."""
    lines = [
        ln
        for ln in ax.get_lines()
        if ln.get_linestyle() == "-"
        and to_hex(ln.get_color()) == to_hex(INK)
        and len(ln.get_xdata()) >= 4
    ]
    assert len(lines) == 1
    xs, ys = lines[0].get_xdata(), lines[0].get_ydata()
    return {round(float(x), 3): float(y) for x, y in zip(xs, ys, strict=True) if y == y}


def _check_story(fig, ax, rows, series_role="preferred") -> str:
    """The recorded line is the rule's source, value by value, drawn at mid-year."""
    sid = preferred_source(rows, "value")
    line = _rows(fig, kind="line", role=series_role, source_id=sid)
    given = rows[rows["source_id"] == sid]
    assert _by_year(line) == _values(given)
    others = _rows(fig, role="other")
    rest = rows[rows["source_id"] != sid]
    assert sorted((int(r["x"]), r["source_id"], float(r["value"])) for r in others) == sorted(
        zip(rest["year"].astype(int), rest["source_id"], rest["value"].astype(float), strict=True)
    )
    return sid


@pytest.mark.parametrize("lang", LANGS)
def test_boom_and_crisis_plots_the_preferred_growth_series(lang: str) -> None:
    fig = drawn("boom_and_crisis", lang)
    rows = _dataset("economy", "gdp_growth_pct", 1965, 1980)
    sid = _check_story(fig, fig.axes[0], rows)
    given = rows[rows["source_id"] == sid].set_index("year")["value"]
    assert _ink_line(fig.axes[0]) == {round(y + 0.5, 3): float(v) for y, v in given.items()}
    # The headline: 9% in 1971, shrinking in 1972 and 1973, -13% in 1975.
    assert round(given[1971]) == 9 and given[1972] < 0 and given[1973] < 0
    assert round(given[1975]) == -13


def test_boom_and_crisis_unemployment_callouts_are_the_dataset_rows() -> None:
    fig = drawn("boom_and_crisis")
    frame = _dataset("economy", "unemployment_santiago_pct")
    calls = _rows(fig, kind="callout")
    assert calls and all(r["role"] == "context" for r in calls)
    given = {
        (int(y), s): float(v)
        for y, s, v in zip(frame["year"], frame["source_id"], frame["value"], strict=True)
    }
    for r in calls:
        assert given[(int(r["x"]), r["source_id"])] == float(r["value"])
    assert {int(r["x"]) for r in calls} == {1970, 1971, 1974, 1975}
    assert {r["source_id"] for r in calls} <= set(fig._chile73["sources"])


def test_copper_long_run_plots_the_preferred_output_series_and_one_nationalisation() -> None:
    fig = drawn("copper_long_run")
    ax = fig.axes[0]
    rows = _dataset("copper", "chile_production_kt")
    sid = _check_story(fig, ax, rows)
    assert sid == "clioinfra_copper_kleingoldewijk"
    given = rows[rows["source_id"] == sid].set_index("year")["value"]
    assert _ink_line(ax) == {round(y + 0.5, 3): float(v) for y, v in given.items()}
    # Nationalisation marked once, at 11 July 1971 (events.csv also has 11 June).
    import pandas as pd

    marks = {
        round(float(ln.get_xdata()[0]), 3)
        for ln in ax.get_lines()
        if ln.get_linestyle() == ":" and len(set(ln.get_xdata())) == 1
    }
    assert round(decimal_year(pd.Timestamp("1971-07-11")), 3) in marks
    assert round(decimal_year(pd.Timestamp("1971-06-11")), 3) not in marks
    # The headline: under 5% growth 1970-1973, more than double by 1990.
    assert given[1973] / given[1970] - 1 < 0.05 and given[1990] / given[1973] > 2


def test_copper_price_plots_the_pink_sheet_and_the_fall_of_1970_1972() -> None:
    fig = drawn("copper_price")
    ax = fig.axes[0]
    for indicator in ("world_price_real_2010", "world_price_nominal"):
        rows = _dataset("copper", indicator)
        sid = preferred_source(rows, "value")
        line = _rows(fig, kind="line", source_id=sid)
        assert _by_year(line) == _values(rows)
    real = _dataset("copper", "world_price_real_2010").set_index("year")["value"]
    assert _ink_line(ax) == {round(y + 0.5, 3): float(v) for y, v in real.items()}
    fall = 1 - real[1972] / real[1970]
    assert 0.28 < fall < 0.38  # "about a third"


def test_gdp_per_capita_plots_maddison_and_its_headline_holds() -> None:
    fig = drawn("gdp_per_capita")
    rows = _dataset("economy", "gdp_pc_2011intl")
    sid = _check_story(fig, fig.axes[0], rows)
    given = rows[rows["source_id"] == sid].set_index("year")["value"]
    assert _ink_line(fig.axes[0]) == {round(y + 0.5, 3): float(v) for y, v in given.items()}
    assert 2.9 < given[1990] / given[1900] < 3.1  # tripled
    assert 0.2 < 1 - given[1975] / given[1971] < 0.25  # almost a quarter


@pytest.mark.parametrize("lang", LANGS)
def test_the_upper_bound_is_context_never_a_copper_export_value(lang: str) -> None:
    fig = drawn("copper_exports", lang)
    bound = _dataset("copper", "ores_metals_exports_usd_m_upper_bound")
    exports = _dataset("copper", "chile_copper_exports_usd_m")
    bound_sources = set(bound["source_id"])
    # Every ores-and-metals value is recorded as context (a range), under its own label...
    recorded = [r for r in fig._chile73["data"] if r["source_id"] in bound_sources]
    assert recorded and all(r["role"] == "context" and r["kind"] == "range" for r in recorded)
    assert _by_year(recorded) == _values(bound)
    assert {r["series"] for r in recorded} == {t("economy.exports.bound.series", lang)}
    # ...and the copper export series holds the true copper export values only, as points.
    series = t("economy.exports.series", lang)
    copper = [r for r in fig._chile73["data"] if r["series"] == series]
    given = exports[exports["source_id"] != "article"]
    assert _by_year(copper) == _values(given)
    assert {r["source_id"] for r in copper} == set(given["source_id"])
    assert not bound_sources & {r["source_id"] for r in copper}
    if len(given) < 4:
        assert all(r["kind"] == "points" for r in copper)
    # The ceiling is credited like everything plotted.
    assert bound_sources <= set(fig._chile73["sources"])


def test_copper_exports_price_and_headline() -> None:
    fig = drawn("copper_exports")
    price = _dataset("copper", "world_price_nominal")
    line = _rows(fig, kind="line", source_id=preferred_source(price, "value"))
    assert _by_year(line) == _values(price)
    bound = _dataset("copper", "ores_metals_exports_usd_m_upper_bound").set_index("year")["value"]
    p = price.set_index("year")["value"]
    # The ceiling's highest year is a peak of the price.
    assert bound.idxmax() == 1974 and p[1974] > p[1973] and p[1974] > p[1975]
    # "1.56 billion dollars in 1974 and 0.85 billion in 1975, as the price fell": the Central
    # Bank's figures (the 1975 one revised from an estimate of December 1975).
    exports = _dataset("copper", "chile_copper_exports_usd_m")
    assert sorted(set(exports["year"])) == [1972, 1974, 1975, 1988]
    final = exports[~exports["note"].str.startswith("estimate")].set_index("year")["value"]
    assert round(final[1974] / 1000, 2) == 1.56 and round(final[1975] / 1000, 2) == 0.85
    assert p[1975] < p[1974]


@pytest.mark.parametrize("lang", LANGS)
def test_real_wages_are_labelled_points_one_row_per_basis(lang: str) -> None:
    fig = drawn("real_wages", lang)
    frame = load("economy")
    frame = frame[frame["year"].between(1965, 1975)]
    data = fig._chile73["data"]
    assert not [r for r in data if r["kind"] == "line"]
    labels = set()
    for indicator in economy.WAGES:
        rows = frame[frame["indicator"] == indicator]
        for _, g in rows.groupby("unit"):
            sid = preferred_source(g, "value")
            given = g[g["source_id"] == sid]
            got = [r for r in data if r["source_id"] == sid and r["kind"] == "points"]
            assert _by_year(got) == _values(given)
            labels |= {r["series"] for r in got}
    # One labelled row per basis: as many series as (indicator, unit) pairs.
    pairs = frame[frame["indicator"].isin(economy.WAGES)][["indicator", "unit"]].drop_duplicates()
    assert len(labels) == len(pairs)


def test_real_wages_headline_holds() -> None:
    frame = load("economy")
    growth = frame[frame["indicator"] == "real_wage_growth_pct"]
    assert (growth[growth["year"] == 1971]["value"] > 10).all()  # jumped in 1971, by every source
    index = frame[frame["indicator"] == "real_wage_index"]
    early = index[index["unit"].str.contains("January 1970 = 100")]["value"].item()
    after = index[index["unit"].str.contains("after the September 1973 coup")]["value"].item()
    assert 95 <= early <= 102  # back at the January 1970 level
    assert 0.3 <= 1 - after / 100 <= 0.37  # a third below 1970


@pytest.mark.parametrize("name", NAMES)
def test_no_line_joins_fewer_than_four_points_and_headlines_differ_by_language(name: str) -> None:
    en, es = drawn(name, "en"), drawn(name, "es")
    assert en._chile73["title"] != es._chile73["title"]
    for fig in (en, es):
        counts: dict[tuple, int] = {}
        for r in fig._chile73["data"]:
            if r["kind"] == "line":
                key = (r["series"], r["source_id"])
                counts[key] = counts.get(key, 0) + 1
        assert all(n >= 4 for n in counts.values())
