"""The regional lesson (notebook 09): peaks, bases and output per person."""

from __future__ import annotations

import pytest

from analysis.study import latam_lesson as lesson


def test_peaks_use_each_countrys_preferred_source():
    table = lesson.peaks()
    assert list(table.index) == list(lesson.ORDER)
    assert table.loc["Chile", "source_id"] == lesson.CLIO
    assert table.loc["Argentina", "source_id"] == "argendata_inflacion_arg"
    assert (table.loc["Chile", "peak_year"], table.loc["Chile", "peak_pct"]) == (1973, 606.1)
    # Suspect values are left out, as on the chart (Bolivia's 198% for 1960).
    assert table.loc["Bolivia", "before_1980_year"] != 1960
    # Before 1980 no neighbour came near Chile's 1973.
    assert table["before_1980_pct"].drop("Chile").max() < table.loc["Chile", "peak_pct"]


def test_above_chile():
    table = lesson.above_chile(1973)
    assert table.loc["Bolivia", "first_year_above"] == 1984
    assert table["first_year_above"].isna().loc["Uruguay"]


def test_basis_from_notes():
    assert lesson.basis("suspect: far above") == "suspect"
    assert lesson.basis(None) == lesson.NOT_STATED
    assert lesson.basis("equals WDI annual-average rate to the digits shown").startswith(
        "annual average"
    )
    counts = lesson.basis_counts()
    assert counts.loc["Chile"].sum() == 41
    assert counts.loc["Chile", "December on December (matches INE where checked)"] == 41


def test_chile_clioinfra_is_ine_december_except_1971_1978():
    table = lesson.chile_basis_check()
    neither = list(table.index[table["equals"] == "neither"])
    assert neither == list(range(1971, 1979))
    assert set(table["equals"]) == {"December on December", "neither"}


def test_annual_averages_from_one_compiler():
    table = lesson.annual_averages([1973])
    assert "Argentina" not in table.columns
    assert table.loc[1973, "Chile"] == 352.8


def test_gdp_change_and_index():
    change = lesson.gdp_change(1971, 1975)
    assert change.loc["Chile", "change_pct"] == pytest.approx(-23.3)
    assert (change["change_pct"].drop("Chile") > 0).all()
    index = lesson.gdp_index([1950, 1990])
    assert (index.loc[1950] == 100).all()
    assert index.loc[1990].idxmax() == "Brazil"


def test_source_disagreements():
    table = lesson.source_disagreements(50)
    assert (table["spread_pct"] >= 50).all()
