"""The inflation lesson (notebook 03): its tables say what the index and the rates say."""

from __future__ import annotations

import math

import pytest

from analysis import load
from analysis.study import prices_lesson as lesson


def test_two_measures_from_the_index_equal_the_stored_rates():
    for year in (1972, 1973):
        table = lesson.two_measures(year)
        assert list(table["from_the_index"]) == list(table["in_inflation_csv"])
    assert list(lesson.two_measures(1972)["from_the_index"]) == [163.4, 77.8]


def test_index_multiple_is_the_ratio_of_two_months():
    index = lesson.ine_index()
    assert lesson.index_multiple("1970-12", "1973-12") == pytest.approx(
        index["1973-12"] / index["1970-12"]
    )
    assert round(lesson.index_multiple("1970-12", "1973-12"), 1) == 19.6


def test_compounding_ine_rates_gives_the_index_multiple():
    assert lesson.compounded_multiple(lesson.INE, 1971, 1973) == pytest.approx(
        lesson.index_multiple("1970-12", "1973-12"), rel=1e-6
    )


def test_corrected_series_multiple_is_named_and_larger():
    table = lesson.price_multiples().set_index(["from", "to"])
    row = table.loc[("1970-12", "1973-12")]
    assert row["ine_official_index"] == 19.6
    assert row["clioinfra_corrected"] == 32.2
    # A span not from December to December has no corrected figure: Clio-Infra is yearly.
    assert math.isnan(table.loc[("1970-10", "1973-08"), "clioinfra_corrected"])


def test_compounded_multiple_refuses_a_missing_year():
    with pytest.raises(KeyError):
        lesson.compounded_multiple(lesson.WDI, 1971, 1973)


def test_article_against_ine():
    table = lesson.article_against_ine().set_index("month")
    assert table.loc["1973-06", "ine_pct"] == pytest.approx(283.42, abs=0.01)
    assert table.loc["1973-06", "gap_points"] == 0.0
    assert table.loc["1972-12", "ine_pct"] == pytest.approx(163.43, abs=0.01)
    assert table.loc["1972-12", "ine_first_reached_it"] == "1972-10"


def test_first_month_at_or_above():
    assert lesson.first_month_at_or_above(140) == "1972-10"
    assert lesson.first_month_at_or_above(100_000) is None


def test_official_vs_corrected_departs_only_in_1971_1978():
    table = lesson.official_vs_corrected(1969, 1979)
    departs = list(table.index[~table["same_figure"]])
    assert departs == list(range(1971, 1979))


def test_annual_measures_and_long_run_range():
    table = lesson.annual_measures(1969, 1976)
    assert table.loc[1973, "ine_december"] == 508.1
    assert table.loc[1973, "ine_annual_average"] == 352.8
    assert table.loc[1972, "clioinfra_december"] == 255.2
    assert math.isnan(table.loc[1969, "wdi_annual_average"])
    span = lesson.long_run_range(1940, 1971)
    assert list(span["year"]) == [1960, 1955]


def test_twelve_month_rates_place_the_article_on_its_month():
    table = lesson.twelve_month_rates("1972-06", "1973-09")
    assert len(table) == 16
    assert table["article_pct"].dropna().to_dict() == {"1972-12": 140.0, "1973-06": 283.4}


def test_other_figures_leave_out_the_main_series():
    table = lesson.other_figures(1969, 1976)
    sources = set(load("sources").set_index("attribution").loc[table["source"]]["kind"])
    assert "seed" not in sources
    assert len(table) == len(table.drop_duplicates())
