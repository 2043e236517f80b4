"""Indicators against numbers checked by hand."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from analysis import indicators as ind


def test_growth_and_multiple() -> None:
    # The article's debt: $598m (1960) to $3.1bn (1970) is 5.18 times, +418%.
    assert ind.multiple(598, 3100) == pytest.approx(5.1839, abs=1e-4)
    assert ind.growth_pct(598, 3100) == pytest.approx(418.39, abs=0.01)
    assert ind.cagr_pct(100, 121, 2) == pytest.approx(10.0)
    with pytest.raises(ZeroDivisionError):
        ind.growth_pct(0, 5)


def test_compound_and_annualise() -> None:
    assert ind.compound_pct([10, 10]) == pytest.approx(21.0)
    assert ind.compound_pct([100, 100, 100]) == pytest.approx(700.0)
    # 99.8% in nine months is (1.998 ** (12 / 9) - 1) = 151.65% a year.
    assert ind.annualise_pct(99.8, 9) == pytest.approx(151.65, abs=0.01)
    assert ind.annualise_pct(10, 12) == pytest.approx(10.0)


def test_rebase_and_index_from_rates() -> None:
    idx = pd.Series([50.0, 100.0, 200.0], index=[1970, 1971, 1972])
    assert list(ind.rebase(idx, 1971)) == [50.0, 100.0, 200.0]
    assert list(ind.rebase(idx, 1970)) == [100.0, 200.0, 400.0]
    levels = ind.index_from_rates(pd.Series([100.0, 50.0], index=[1971, 1972]))
    assert list(levels) == [200.0, 300.0]


def test_annual_average_from_monthly_index() -> None:
    months = [f"{y}-{m:02d}" for y in (1971, 1972) for m in range(1, 13)]
    index = pd.Series([100.0] * 12 + [150.0] * 12, index=months)
    assert ind.annual_average_from_monthly_index(index, 1972) == pytest.approx(50.0)


def test_impossible_conversions_say_so() -> None:
    index = pd.Series([100.0] * 12, index=[f"1972-{m:02d}" for m in range(1, 13)])
    with pytest.raises(ind.ConversionError, match="missing: 1971-01"):
        ind.annual_average_from_monthly_index(index, 1972)
    with pytest.raises(ind.ConversionError, match="cannot be derived"):
        ind.december_from_annual_average(77.8)


def test_yoy_change_leaves_gaps_empty() -> None:
    s = pd.Series([100.0, 150.0, 300.0], index=[1969, 1970, 1972])
    out = ind.yoy_change(s)
    assert out[1970] == pytest.approx(50.0)
    assert math.isnan(out[1969]) and math.isnan(out[1972])


def test_election_helpers() -> None:
    frame = pd.DataFrame(
        {
            "date": ["1973-03-04"] * 3,
            "election": ["deputies"] * 3,
            "contender": ["PS", "PC", "PDC"],
            "alliance": ["Unidad Popular", "Unidad Popular", "CODE"],
            "share_pct": [18.4, 16.2, 29.1],
            "share_basis": ["valid"] * 3,
            "source_id": ["x"] * 3,
        }
    )
    share = ind.alliance_share(frame, "Unidad Popular")
    assert share.iloc[0] == pytest.approx(34.6)
    assert ind.lead(frame) == pytest.approx(29.1 - 18.4)
    assert ind.swing(36.6, 44.2) == pytest.approx(7.6)
    # 1970: Allende's 1,070,334 votes of 2,923,294 valid (36.61%) and 2,954,799 cast (36.22%).
    assert ind.valid_share(1_070_334, 2_923_294) == pytest.approx(36.61, abs=0.005)
    assert ind.cast_share(1_070_334, 2_954_799) == pytest.approx(36.22, abs=0.005)
    assert ind.rebase_share(36.61, 2_923_294, 2_954_799) == pytest.approx(36.22, abs=0.01)


def test_strike_helpers() -> None:
    frame = pd.DataFrame(
        {"strikes": [1277, 0, None], "workers_involved": [362010, 5, 7]}, dtype="Float64"
    )
    wps = ind.workers_per_strike(frame)
    assert wps.iloc[0] == pytest.approx(283.48, abs=0.01)
    assert pd.isna(wps.iloc[1]) and pd.isna(wps.iloc[2])
    trend = ind.log_linear_trend([1, 2, 3], [10, 100, 1000], [4])
    assert trend[0] == pytest.approx(10000)
    assert ind.excess_over_trend_pct(150, 100) == pytest.approx(50)
    assert math.isnan(ind.ratio(5, 0))
