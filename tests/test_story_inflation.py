"""Content of the inflation, Latin America and external debt story charts: what is drawn is the
dataset's rows, where the time convention puts them, from the source the rule prefers; the headlines
say what the data say."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from helpers import drawn
from matplotlib.colors import to_hex
from matplotlib.patches import Rectangle

from analysis import load
from analysis.charts.figures.debt import CONTEXT, PREFERRED
from analysis.charts.figures.inflation import INE, period_x
from analysis.charts.figures.latam import NAMED_GDP, NAMED_INFLATION
from analysis.charts.i18n import t
from analysis.charts.style import FAINT, HIGHLIGHT, INK
from analysis.study.sources import preferred_source


def _lines(fig, color: str | None = None, min_points: int = 4):
    """The drawn lines (not marks) of the first axes, optionally of one colour."""
    out = []
    for line in fig.axes[0].get_lines():
        if line.get_linestyle() in ("None", "none", ""):
            continue
        if len(line.get_xdata()) < min_points:
            continue
        if color is not None and to_hex(line.get_color()) != to_hex(color):
            continue
        out.append(line)
    return out


def _points(line) -> dict[float, float]:
    """A line's points, gaps (NaN) left out, x rounded to the month."""
    xs, ys = np.asarray(line.get_xdata(), float), np.asarray(line.get_ydata(), float)
    keep = ~np.isnan(ys)
    return {round(float(x), 4): float(y) for x, y in zip(xs[keep], ys[keep], strict=True)}


def _records(fig, **match):
    return [r for r in fig._chile73["data"] if all(r[k] == v for k, v in match.items())]


INFLATION = load("inflation")
DECEMBER = INFLATION[
    (INFLATION["measure"] == "twelve_month") & INFLATION["period"].str.endswith("-12")
]


def _ine(measure: str, first: str, last: str, *, december: bool = False):
    """INE's rates of one measure between two periods (only those to a December if asked)."""
    rows = INFLATION[
        (INFLATION["source_id"] == INE)
        & (INFLATION["measure"] == measure)
        & INFLATION["period"].between(first, last)
    ]
    if december:
        rows = rows[rows["period"].str.endswith("-12")]
    return rows.set_index("period")["inflation_pct"]


# ----- the time convention ---------------------------------------------------------------------


def test_period_x_puts_each_rate_where_the_convention_says() -> None:
    assert period_x("1972-12", "twelve_month") == 1973.0  # December on December: end of its year
    assert period_x("1973-06", "twelve_month") == 1973.5  # twelve months to June: end of June
    assert period_x("1973", "annual_average") == 1973.5  # an annual average: mid-year


# ----- inflation_long_run ----------------------------------------------------------------------


def test_long_run_prefers_ine_by_the_rule() -> None:
    rows = DECEMBER[DECEMBER["period"].between("1940-12", "1990-12")]
    assert preferred_source(rows, "inflation_pct") == INE
    fig = drawn("inflation_long_run")
    assert {r["source_id"] for r in _records(fig, kind="line")} == {INE}


def test_long_run_draws_december_rates_at_the_end_of_their_year() -> None:
    fig = drawn("inflation_long_run")
    (line,) = _lines(fig, INK)
    expected = {
        round(int(p[:4]) + 1.0, 4): v
        for p, v in _ine("twelve_month", "1940-12", "1990-12", december=True).items()
    }
    assert _points(line) == pytest.approx(expected)
    assert fig.axes[0].get_yscale() == "log"
    ticks = [v for v in fig.axes[0].get_yticks() if 4 <= v <= 1000]
    assert all(str(int(v))[0] in "125" and set(str(int(v))[1:]) <= {"0"} for v in ticks)


def test_long_run_marks_the_article_at_the_end_of_1972() -> None:
    fig = drawn("inflation_long_run")
    (art,) = _records(fig, role="article")
    assert (art["x"], art["value"], art["source_id"]) == ("1972-12", 140.0, "article")


def test_long_run_headline_numbers_are_ine_december_rates() -> None:
    fig = drawn("inflation_long_run")
    ine = _ine("twelve_month", "1972-12", "1973-12", december=True)
    assert f"{ine['1972-12']:.0f}%" in fig._chile73["title"]
    assert f"{ine['1973-12']:.0f}%" in fig._chile73["title"]
    # "decades of chronic inflation": every year 1940-1971 between 5% and 90%
    earlier = _ine("twelve_month", "1940-12", "1971-12", december=True)
    assert earlier.between(5, 90).all()


# ----- inflation_up: the two annual measures ----------------------------------------------------


def test_up_draws_both_annual_measures_by_the_convention() -> None:
    fig = drawn("inflation_up")
    (dec,) = _lines(fig, INK)
    (avg,) = _lines(fig, "#0072B2")
    want_dec = {
        round(int(p[:4]) + 1.0, 4): v
        for p, v in _ine("twelve_month", "1960-12", "1980-12", december=True).items()
    }
    want_avg = {
        round(int(p) + 0.5, 4): v for p, v in _ine("annual_average", "1960", "1980").items()
    }
    assert _points(dec) == pytest.approx(want_dec)
    assert _points(avg) == pytest.approx(want_avg)
    assert {r["source_id"] for r in _records(fig, kind="line")} == {INE}


def test_up_headline_holds() -> None:
    dec = _ine("twelve_month", "1960-12", "1980-12", december=True)
    avg = _ine("annual_average", "1960", "1980")
    assert 18 <= dec["1971-12"] <= 25 and 18 <= avg["1971"] <= 25  # "about 20% in 1971"
    assert dec.max() > 500 and avg.max() > 500  # "over 500% on both annual measures"


# ----- inflation_monthly ------------------------------------------------------------------------


def test_monthly_line_is_ine_twelve_month_rate_at_the_end_of_each_month() -> None:
    fig = drawn("inflation_monthly")
    (line,) = _lines(fig, INK)
    rates = _ine("twelve_month", "1969-01", "1976-12")
    assert len(rates) == 96
    expected = {round(period_x(p, "twelve_month"), 4): v for p, v in rates.items()}
    assert _points(line) == pytest.approx(expected)
    assert {r["source_id"] for r in _records(fig, kind="line")} == {INE}


def test_monthly_rates_are_those_of_the_index() -> None:
    """The twelve-month rows are INE's index: I[m] / I[m - 12 months] - 1."""
    index = load("consumer_prices").set_index("month")["index"]
    for period, rate in _ine("twelve_month", "1969-01", "1976-12").items():
        before = f"{int(period[:4]) - 1}{period[4:]}"
        assert rate == pytest.approx((index[period] / index[before] - 1) * 100, abs=1e-4)


def test_monthly_marks_the_article_where_its_figures_fall() -> None:
    fig = drawn("inflation_monthly")
    marks = sorted((r["x"], r["value"]) for r in _records(fig, role="article"))
    assert marks == [("1972-12", 140.0), ("1973-06", 283.4)]
    stars = [ln for ln in fig.axes[0].get_lines() if ln.get_marker() == "*"]
    (star,) = stars
    assert sorted(zip(star.get_xdata(), star.get_ydata(), strict=True)) == [
        pytest.approx((1973.0, 140.0)),
        pytest.approx((1973.5, 283.4)),
    ]


def test_monthly_is_not_the_annual_chart() -> None:
    monthly, annual = drawn("inflation_monthly"), drawn("inflation_up")
    assert monthly._chile73["title"] != annual._chile73["title"]
    assert len(_points(_lines(monthly, INK)[0])) == 96
    assert len(_points(_lines(annual, INK)[0])) == 21


def test_monthly_headline_holds() -> None:
    rates = _ine("twelve_month", "1969-01", "1976-12")
    assert (
        rates.idxmax() == "1974-04"
        and f"{rates.max():.0f}%" in drawn("inflation_monthly")._chile73["title"]
    )
    jumps = rates.diff()
    assert jumps[jumps > 20].index[0] == "1972-08"  # "took off in August 1972"


# ----- Latin America ----------------------------------------------------------------------------


LATAM = load("latin_america")


@pytest.mark.parametrize("name", ["latam_inflation", "latam_gdp"])
def test_chile_is_highlighted_and_neighbours_grey(name: str) -> None:
    fig = drawn(name)
    chile = _lines(fig, HIGHLIGHT)
    grey = _lines(fig, FAINT)
    assert len(chile) == 1 and len(grey) == 5
    labels = {tx.get_text(): to_hex(tx.get_color()) for tx in fig.axes[0].texts}
    assert labels.get("Chile") == to_hex(HIGHLIGHT)
    named = {t(f"latam.country.{iso}", "en") for iso in ("ARG", "BOL", "BRA", "PER", "URY")}
    assert 0 < len(named & set(labels)) <= 3
    assert len(NAMED_INFLATION) <= 3 and len(NAMED_GDP) <= 3


def test_latam_preferred_source_is_the_rule_country_by_country() -> None:
    from analysis.charts.figures.latam import _chile_from_inflation

    fig = drawn("latam_inflation")
    rows = LATAM[LATAM["indicator"] == "inflation_pct"]
    rows = pd.concat([rows, _chile_from_inflation(rows)], ignore_index=True)
    for iso, g in rows.groupby("iso3"):
        name = t(f"latam.country.{iso}", "en")
        used = {r["source_id"] for r in _records(fig, series=name, kind="line")}
        assert used == {preferred_source(g, "value")}, iso


def test_latam_inflation_places_rates_by_their_basis() -> None:
    """Chile's line is INE's December-on-December rate (end of year), as on the suite's inflation
    charts; an annual average sits at mid-year."""
    fig = drawn("latam_inflation")
    assert fig.axes[0].get_yscale() == "log"
    (chile,) = _lines(fig, HIGHLIGHT)
    infl = load("inflation")
    rows = infl[
        (infl["source_id"] == INE)
        & (infl["measure"] == "twelve_month")
        & infl["period"].str.endswith("-12")
    ]
    years = rows["period"].str[:4].astype(int)
    rows, years = rows[years.between(1950, 1990)], years[years.between(1950, 1990)]
    assert _points(chile) == pytest.approx(
        {round(y + 1.0, 4): v for y, v in zip(years, rows["inflation_pct"], strict=True)}
    )
    peru = LATAM[
        (LATAM["iso3"] == "PER")
        & (LATAM["indicator"] == "inflation_pct")
        & (LATAM["source_id"] == "clioinfra_inflation_dezwart")
        & LATAM["note"].str.contains("annual-average", na=False)
    ]
    xs = {round(x, 4) for line in _lines(fig, FAINT) for x in _points(line)}
    assert {round(y + 0.5, 4) for y in peru["year"]} <= xs


def test_latam_headlines_hold() -> None:
    infl = LATAM[LATAM["indicator"] == "inflation_pct"]
    best = {iso: preferred_source(g, "value") for iso, g in infl.groupby("iso3")}
    mine = infl[infl["source_id"] == infl["iso3"].map(best)].set_index(["iso3", "year"])["value"]
    chile_1973 = mine["CHL", 1973]
    before = mine.drop("CHL", level="iso3")
    before = before[before.index.get_level_values("year") < 1984]
    assert (before < chile_1973).all()  # topped its neighbours' until the 1980s
    gdp = LATAM[LATAM["indicator"] == "gdp_pc_2011intl"].set_index(["iso3", "year"])["value"]
    assert 0.75 <= gdp["CHL", 1975] / gdp["CHL", 1971] <= 0.8  # almost a quarter
    for iso in ("ARG", "BOL", "BRA", "PER", "URY"):
        assert gdp[iso, 1975] > gdp[iso, 1971], iso  # every neighbour's grew


# ----- external debt ----------------------------------------------------------------------------


DEBT = load("external_debt")


def test_debt_line_is_the_preferred_measure_and_source_at_year_end() -> None:
    fig = drawn("external_debt")
    total = DEBT[DEBT["measure"] == PREFERRED]
    sid = preferred_source(total[total["source_id"] != "article"], "debt_usd_millions")
    assert {r["source_id"] for r in _records(fig, kind="line")} == {sid}
    (line,) = _lines(fig, INK)
    rows = total[total["source_id"] == sid]
    assert _points(line) == pytest.approx(
        {
            round(y + 1.0, 4): v / 1000
            for y, v in zip(rows["year"], rows["debt_usd_millions"], strict=True)
        }
    )


def test_debt_context_figures_are_marks_never_the_line() -> None:
    fig = drawn("external_debt")
    context = DEBT[DEBT["measure"].isin(CONTEXT)]
    recorded = _records(fig, role="context")
    assert sorted(r["source_id"] for r in recorded) == sorted(context["source_id"])
    assert all(r["kind"] == "points" for r in recorded)
    line_sources = {r["source_id"] for r in _records(fig, kind="line")}
    assert not line_sources & set(context["source_id"])


def test_debt_marks_the_gaps_without_a_stock() -> None:
    fig = drawn("external_debt")
    hatched = sorted(
        (round(p.get_x(), 2), round(p.get_x() + p.get_width(), 2))
        for p in fig.axes[0].patches
        if isinstance(p, Rectangle) and p.get_hatch()
    )
    stocks = DEBT[~DEBT["measure"].isin(CONTEXT) & (DEBT["source_id"] != "article")]
    assert not set(stocks["year"]) & set(range(1978, 1985))
    assert (1978.5, 1985.5) in hatched  # 1978-1984: no stock (drawn at year ends 1979-1985)


def test_debt_headline_holds() -> None:
    title = drawn("external_debt")._chile73["title"]
    total = DEBT[(DEBT["measure"] == PREFERRED) & (DEBT["source_id"] != "article")]
    early = total[total["year"].between(1971, 1973)]["debt_usd_millions"] / 1000
    assert f"{early.min():.1f}-{early.max():.1f} billion" in title
    assert "19.3 billion in 1985" in title
