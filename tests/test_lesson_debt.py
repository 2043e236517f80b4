"""The foreign-debt lesson (notebook 04): groups, gaps and the article's figures."""

from __future__ import annotations

import pytest

from analysis import load
from analysis.study import debt_lesson as lesson


def test_every_measure_has_a_group():
    assert set(load("external_debt")["measure"]) <= set(lesson.GROUPS)


def test_gaps_are_the_years_with_no_independent_stock():
    gaps = lesson.stock_gaps(1960, 1990)
    runs = list(zip(gaps["from"], gaps["to"], strict=True))
    assert runs == [
        (1960, 1968),
        (1970, 1970),
        (1972, 1972),
        (1976, 1976),
        (1978, 1984),
        (1990, 1990),
    ]
    assert "1960-1968, 1970, 1972, 1976, 1978-1984 or 1990" in lesson.about()


def test_by_group_counts_the_article_apart():
    table = lesson.by_group().set_index("group")
    assert list(table.index) == ["total external", "public", "press or speech"]
    assert table.loc["total external", "article_rows"] == 2
    assert table["rows"].sum() + 2 == len(load("external_debt"))
    assert table.loc["public", "years"] == "1969, 1974, 1975, 1977"


def test_debt_table_has_every_row_with_its_source_kind():
    table = lesson.debt_table()
    assert len(table) == len(load("external_debt"))
    assert table["source_kind"].notna().all()
    assert list(table["year"]) == sorted(table["year"])


def test_article_growth():
    row = lesson.article_growth().iloc[0]
    assert row["multiple"] == pytest.approx(5.18)
    assert row["per_year_pct"] == pytest.approx(17.9)


def test_independent_figures_leave_out_the_article():
    table = lesson.independent_figures(1960, 1972)
    assert "seed" not in set(table["source_kind"])
    assert table["year"].min() == 1964


def test_change_between_two_years():
    row = lesson.change(1977, 1985).iloc[0]
    assert (row["in_1977"], row["in_1985"]) == (5434.0, 19318.0)
    assert row["multiple"] == pytest.approx(3.56)
    with pytest.raises(ValueError):
        lesson.change(1960, 1985)  # no independent stock for 1960


def test_notes_give_every_row_of_the_year():
    text = lesson.notes(1971)
    assert text.count("\n\n") == 3  # four rows give 1971
    assert "cia1972_im72_14" in text
