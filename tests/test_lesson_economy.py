"""The economy lesson's tables (notebooks 05 and 06): numbers checked by hand against the datasets,
and the rule that rates are compared in percentage points, levels in percent."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from analysis.data.datasets import load
from analysis.study import economy_lesson as lesson


@pytest.fixture(scope="module")
def copper() -> pd.DataFrame:
    return load("copper")


@pytest.fixture(scope="module")
def economy() -> pd.DataFrame:
    return load("economy")


@pytest.fixture(scope="module")
def nationalisation() -> pd.DataFrame:
    return load("nationalisation")


def rates(values: dict[str, float], year: int = 1965, unit: str = "percent") -> pd.DataFrame:
    """A small economy-like frame: one growth rate per source for one year."""
    return pd.DataFrame(
        {
            "year": [year] * len(values),
            "indicator": ["gdp_growth_pct"] * len(values),
            "value": list(values.values()),
            "unit": [unit] * len(values),
            "source_id": list(values),
            "note": [None] * len(values),
        }
    )


# ----- growth gaps: percentage points, never a percent of a percent --------------------------


def test_growth_gap_is_a_difference_in_points() -> None:
    gaps = lesson.growth_gaps(rates({"a": 0.95, "b": 5.8}), 1965, 1965)
    row = gaps.iloc[0]
    assert row["gap_points"] == pytest.approx(4.85)
    assert (row["low"], row["low_source"], row["high"], row["high_source"]) == (
        0.95,
        "a",
        5.8,
        "b",
    )


@pytest.mark.parametrize(
    ("a", "b", "points"),
    [(-1.08, -0.1, 0.98), (-12.91, -12.84, 0.07), (-2.0, 3.0, 5.0), (0.0, 1.5, 1.5)],
)
def test_growth_gap_holds_for_negative_zero_and_mixed_signs(a: float, b: float, points: float):
    gaps = lesson.growth_gaps(rates({"x": a, "y": b}), 1965, 1965)
    assert gaps["gap_points"].iloc[0] == pytest.approx(points)
    assert gaps["gap_points"].iloc[0] >= 0


def test_one_source_and_the_article_make_no_gap() -> None:
    assert lesson.growth_gaps(rates({"x": 1.0}), 1965, 1965).empty
    assert lesson.growth_gaps(rates({"x": 1.0, "article": 9.0}), 1965, 1965).empty


def test_a_level_is_refused() -> None:
    with pytest.raises(ValueError, match="not a rate"):
        lesson.growth_gaps(rates({"x": 1.0, "y": 2.0}, unit="million escudos"), 1965, 1965)


def test_growth_gaps_in_the_data(economy: pd.DataFrame) -> None:
    gaps = lesson.growth_gaps(economy, 1965, 1975).set_index("year")
    # 1965: Maddison 0.59 against the US Bureau of Mines' 5.8 (real GNP): 5.21 points.
    assert gaps.loc[1965, "gap_points"] == pytest.approx(5.21, abs=0.01)
    assert gaps.loc[1965, "high_source"] == "usbm_myb1965_chile"
    # 1971: nine sources, from 7.7 to 9.42.
    assert gaps.loc[1971, "n_sources"] == 9
    assert gaps.loc[1971, "gap_points"] == pytest.approx(1.72, abs=0.01)
    # 1974: the US Embassy's estimate made before the year closed, 5.0, against Maddison's 1.12.
    assert gaps.loc[1974, "gap_points"] == pytest.approx(3.88, abs=0.01)
    assert gaps["gap_points"].idxmax() == 1965
    assert (gaps["gap_points"] < 100).all()


def test_notes_show_what_each_source_measures(economy: pd.DataFrame) -> None:
    rows = lesson.notes(economy, "gdp_growth_pct", 1965).set_index("source_id")
    assert len(rows) == 3
    assert "GNP" in rows.loc["usbm_myb1965_chile", "note"]
    assert rows["value"].is_monotonic_increasing


def test_show_notes_prints_every_note_in_full(economy: pd.DataFrame, capsys) -> None:
    lesson.show_notes(economy, "gdp_growth_pct", 1965)
    out = capsys.readouterr().out
    assert "usbm_myb1965_chile: 5.8 (percent)" in out
    assert "GNP in real terms, not GDP; as reported in the yearbook chapter" in out
    assert out.count("\n    ") == 3


# ----- levels and changes --------------------------------------------------------------------


def test_series_defaults_to_the_charts_source(copper: pd.DataFrame) -> None:
    output = lesson.series(copper, "chile_production_kt")
    assert output.name == "clioinfra_copper_kleingoldewijk"
    assert output.loc[1970] == 711.0
    with pytest.raises(KeyError):
        lesson.series(copper, "no_such_indicator")
    with pytest.raises(KeyError):
        lesson.series(copper, "chile_production_kt", "no_such_source")


def test_copper_output_changes(copper: pd.DataFrame) -> None:
    table = lesson.changes(copper, "chile_production_kt", [(1970, 1973), (1973, 1990)])
    assert list(table["change_pct"]) == [4.5, 117.5]  # 711 -> 743; 743 -> 1,616
    assert table["times"].iloc[1] == pytest.approx(2.17)


def test_price_change_depends_on_the_measure(copper: pd.DataFrame) -> None:
    table = lesson.price_change(copper, 1970, 1972).set_index("measure")["change_pct"]
    assert table["world_price_nominal"] == pytest.approx(-25.3)
    assert table["world_price_real_2010"] == pytest.approx(-34.9)  # "about a third"
    assert table["real_price_index_1900_100"] == pytest.approx(-18.6)


def test_price_table(copper: pd.DataFrame) -> None:
    table = lesson.price_table(copper, 1970, 1975)
    assert list(table.index) == list(range(1970, 1976))
    assert table.loc[1970, "usd_2010_per_tonne"] == 6098
    assert table.loc[1971, "real_change_pct"] == pytest.approx(-27.4)
    assert not math.isnan(table.loc[1970, "change_pct"])  # the year before is read for the change


def test_output_agreement_within_about_one_percent(copper: pd.DataFrame) -> None:
    table = lesson.output_agreement(copper).dropna(subset=["gap_pct"])
    # The largest gap: the 1972 presidential message's "about 730" thousand tonnes for 1971.
    assert table["gap_pct"].abs().max() == pytest.approx(1.81, abs=0.01)
    assert table.loc[table["gap_pct"].abs().idxmax(), "source_id"] == "mensaje_1972_allende"
    assert "chile_gran_mineria_production_kt" not in set(lesson.output_agreement(copper))
    assert "cia_1972_supply_demand_gap" not in set(table["source_id"])  # large mines only


def test_coverage_of_export_values(copper: pd.DataFrame) -> None:
    table = lesson.coverage(copper, lesson.EXPORT_MEASURES).set_index("indicator")
    found = table.loc[["chile_copper_exports_usd_m"]]
    # The CIA's 1972 estimate; two Embassy cables of the Central Bank's figures (1974-1975, 1975);
    # the US Bureau of Mines' 1988.
    assert sorted(found["first"]) == [1972, 1974, 1975, 1988]
    bound = table.loc["ores_metals_exports_usd_m_upper_bound"]
    assert (bound["first"], bound["last"]) == (1962, 1975)
    assert list(dict.fromkeys(table.index)) == list(lesson.EXPORT_MEASURES)


def test_ores_metals_share_gives_back_the_world_bank_share(
    copper: pd.DataFrame, economy: pd.DataFrame
) -> None:
    table = lesson.ores_metals_share(copper, economy)
    assert table.index.min() == 1965 and table.index.max() == 1975
    assert table.loc[1970, "ores_metals_share_pct"] == pytest.approx(88.1, abs=0.05)
    assert (table["ores_metals_share_pct"] <= 100).all()


# ----- nationalisation -----------------------------------------------------------------------


def test_state_shares_change_in_points(nationalisation: pd.DataFrame) -> None:
    table = lesson.state_shares(nationalisation)
    assert list(table.index) == list(lesson.SECTORS)
    assert table.loc["mining", "change_points"] == 52  # 45 -> 97
    assert table.loc["banking", "change_points"] == 29  # 67 -> 96
    assert table.loc["manufacturing", "change_points"] == 20  # 25 -> 45
    assert math.isnan(table.loc["whole economy (total)", "pct_1972"])  # printed as a range only


def test_firm_and_bank_counts(nationalisation: pd.DataFrame) -> None:
    firms = lesson.firm_counts(nationalisation)
    assert sorted(firms["value"]) == [43, 49, 55, 83, 90, 150, 725]
    assert firms.loc[firms["value"] == 150, "article_only"].item()
    assert not firms.loc[firms["value"] != 150, "article_only"].any()
    banks = lesson.bank_counts(nationalisation)
    assert list(banks["value"]) == [9, 16, 18, 14]
    assert list(banks["date"]) == ["1971-05-21", "1971-11-01", "1972-05-21", "1973-09-01"]


# ----- output, wages, money ------------------------------------------------------------------


def test_by_source_keeps_each_source(economy: pd.DataFrame) -> None:
    table = lesson.by_source(economy, "gdp_growth_pct", 1971, 1971)
    assert table.loc[1971].notna().sum() == 9
    assert table.loc[1971, "loc_country_study_chile_1994"] == 7.7


def test_wage_measures_are_listed_with_their_basis(economy: pd.DataFrame) -> None:
    table = lesson.wage_measures(economy, 1965, 1975)
    assert len(table) == 10
    assert table["unit"].notna().all()
    index = table[table["indicator"] == "real_wage_index"]
    assert sorted(index["value"]) == [65.0, 98.8]
    assert index["unit"].nunique() == 2  # two bases: never one series


def test_indicator_table_keeps_sources_apart(economy: pd.DataFrame) -> None:
    table = lesson.indicator_table(economy, lesson.MONEY, 1965, 1975)
    assert ("money_m1_growth_pct", "imf_mfs_m1_gmd") in table.columns
    assert table.loc[1971, ("money_supply_growth_pct", "orrego_balanced_view_p133")] == 93.0
    assert [c[0] for c in table.columns][0] == "money_m1_growth_pct"


def test_period_growth_of_output_per_person(economy: pd.DataFrame) -> None:
    table = lesson.period_growth(economy, [(1971, 1975), (1900, 1990)]).set_index("from")
    assert table.loc[1971, "total_change_pct"] == pytest.approx(-23.3)  # 8,773 -> 6,731
    assert table.loc[1900, "total_change_pct"] == pytest.approx(201.3)  # tripled
    assert table.loc[1971, "years"] == 4
