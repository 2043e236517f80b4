"""The struggle lesson's tables (notebook 07): occupations as period totals, never a yearly series,
and the agrarian reform's totals and the averages derived from them."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis.data.datasets import load
from analysis.study import struggle_lesson as lesson


@pytest.fixture(scope="module")
def occupations() -> pd.DataFrame:
    return load("occupations")


@pytest.fixture(scope="module")
def nationalisation() -> pd.DataFrame:
    return load("nationalisation")


def occ(rows: list[tuple[str, str, str, str, int, str, str]]) -> pd.DataFrame:
    """A small occupations-like frame from (start, end, kind, area, count, unit, source) rows."""
    frame = pd.DataFrame(
        rows, columns=["period_start", "period_end", "kind", "area", "count", "unit", "source_id"]
    )
    return frame.assign(
        period_start=pd.to_datetime(frame["period_start"]),
        period_end=pd.to_datetime(frame["period_end"]),
        note=None,
    )


# ----- occupations ---------------------------------------------------------------------------


def test_periods_in_the_data(occupations: pd.DataFrame) -> None:
    table = lesson.occupation_periods(occupations)
    assert len(table) == len(occupations)
    santiago = table[table["area"] == "Santiago"]
    assert set(santiago["years"]) == {6.0}
    assert not santiago["one_calendar_year"].any()
    factory = table[table["kind"] == "factory"].iloc[0]
    assert (factory["count"], factory["years"], factory["one_calendar_year"]) == (339, 1.0, True)
    assert factory["article_only"]


def test_no_independent_yearly_count(occupations: pd.DataFrame) -> None:
    assert lesson.yearly_counts(occupations).empty
    article = lesson.yearly_counts(occupations, independent=False)
    assert list(article["count"]) == [339]


def test_a_part_year_is_not_a_calendar_year() -> None:
    frame = occ([("1971-03-01", "1971-12-31", "rural_land", "Cautín", 40, "occupations", "x")])
    table = lesson.occupation_periods(frame)
    assert table["years"].iloc[0] == pytest.approx(10 / 12, abs=0.01)
    assert not table["one_calendar_year"].iloc[0]
    assert lesson.yearly_counts(frame).empty


def test_families_per_occupation(occupations: pd.DataFrame) -> None:
    table = lesson.families_per_occupation(occupations)
    assert len(table) == 1
    row = table.iloc[0]
    assert (row["occupations"], row["families"]) == (312, 54710)
    assert row["families_per_occupation"] == pytest.approx(175.4)


def test_families_are_paired_only_with_the_same_period_and_source() -> None:
    frame = occ(
        [
            ("1967-01-01", "1972-12-31", "urban_land", "Santiago", 300, "occupations", "a"),
            ("1967-01-01", "1970-12-31", "urban_land", "Santiago", 9000, "families", "a"),
            ("1967-01-01", "1972-12-31", "urban_land", "Santiago", 50000, "families", "b"),
        ]
    )
    assert lesson.families_per_occupation(frame).empty
    only_occupations = occ(
        [("1971-01-01", "1971-12-31", "factory", "Chile", 339, "occupations", "article")]
    )
    assert lesson.families_per_occupation(only_occupations).empty


# ----- agrarian reform -----------------------------------------------------------------------


def test_reform_totals(nationalisation: pd.DataFrame) -> None:
    table = lesson.reform_totals(nationalisation).set_index("government")
    assert list(table.index) == ["Frei", "Allende"]
    assert (table.loc["Frei", "months"], table.loc["Allende", "months"]) == (72, 34)
    assert table.loc["Allende", "estates"] == 4462
    assert table.loc["Frei", "million_hectares"] == 3.4
    assert table.loc["Frei", "estates_a_year"] == pytest.approx(216.7)  # 1,300 over 6 years
    assert table.loc["Allende", "hectares_per_estate"] == 1500  # 6.5 million / 4,462


def test_reform_ratios(nationalisation: pd.DataFrame) -> None:
    ratios = lesson.reform_ratios(nationalisation)
    assert ratios["estates"] == pytest.approx(3.43)  # the figure's "3.4 times"
    assert ratios["million_hectares"] == pytest.approx(1.91)
    assert ratios["hectares_per_estate"] == pytest.approx(0.56)
    assert ratios["estates_a_year"] == pytest.approx(7.27)


def test_a_scope_without_a_term_is_refused() -> None:
    with pytest.raises(ValueError, match="term"):
        lesson._term("whole country, 1965-1973")
