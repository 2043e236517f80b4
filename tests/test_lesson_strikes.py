"""The strike lesson (notebook 01): its tables on small frames checked by hand, and on the data."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis.study import strikes_lesson as lesson

ILO = lesson.ILO


def _frame(rows: list[tuple]) -> pd.DataFrame:
    """A strikes frame from (year, strikes, workers, source_id, note) tuples."""
    f = pd.DataFrame(rows, columns=["year", "strikes", "workers_involved", "source_id", "note"])
    f["person_days_lost"] = pd.array([None] * len(f), dtype="Int64")
    for column in ("year", "strikes", "workers_involved"):
        f[column] = f[column].astype("Int64")
    f["note"] = f["note"].astype("string")
    return f


SMALL = _frame(
    [
        (1964, 100, 25000, ILO, None),
        (1965, 200, 50000, ILO, None),
        (1966, 10, 40000, ILO, "suspect digitisation error"),
        (1967, 400, 40000, ILO, None),
        (1967, 800, 20000, "article", "article, note 6"),
    ]
)


def test_around_keeps_every_source_in_year_order() -> None:
    t = lesson.around(SMALL, 1965, 1967)
    assert list(t["year"]) == [1965, 1966, 1967, 1967]
    assert list(t.columns) == lesson.COLUMNS
    assert list(t.loc[t["year"] == 1967, "source_id"]) == ["article", ILO]


def test_workers_per_dispute_is_the_ilo_series_with_the_suspect_flag() -> None:
    t = lesson.workers_per_dispute(SMALL, 1964, 1967)
    assert list(t["year"]) == [1964, 1965, 1966, 1967]  # the article's row is not in it
    assert list(t["workers_per_dispute"]) == [250.0, 250.0, 4000.0, 100.0]
    assert list(t["suspect"]) == [False, False, True, False]


def test_size_by_period_leaves_the_suspect_year_out_and_names_it() -> None:
    t = lesson.size_by_period(SMALL, periods=[(1964, 1966), (1967, 1967)]).set_index("period")
    first = t.loc["1964-1966"]
    assert first["years"] == 2
    assert (first["lowest"], first["highest"]) == (250.0, 250.0)
    assert first["all_years"] == 250.0  # (25000 + 50000) / (100 + 200)
    assert first["left_out"] == "1966"
    assert t.loc["1967", "left_out"] == ""


def test_against_trend_on_a_steady_doubling_is_zero() -> None:
    rows = [(y, 2 ** (y - 1950), 1000, ILO, None) for y in range(1950, 1960)]
    rows.append((1955, 1, 1000, "article", None))  # another source is never fitted
    t = lesson.against_trend(_frame(rows), base=(1950, 1957), years=[1958, 1959, 1970])
    assert list(t.index) == [1958, 1959]  # a year with no count is not shown
    assert list(t["trend"]) == [256, 512]
    assert list(t["above_trend_pct"]) == [0.0, 0.0]


def test_against_trend_leaves_suspect_years_out() -> None:
    t = lesson.against_trend(SMALL, base=(1964, 1965), years=[1966, 1967])
    assert list(t.index) == [1967]
    assert t.loc[1967, "trend"] == 800  # 100, 200, ... doubling
    assert t.loc[1967, "above_trend_pct"] == -50.0


def test_article_against_ilo_ratios() -> None:
    t = lesson.article_against_ilo(SMALL)
    assert list(t.index) == [1967]
    assert t.loc[1967, "strikes_ratio"] == 2.0
    assert t.loc[1967, "workers_ratio"] == 0.5


# ----- on the data, the numbers notebook 01 writes in prose ---------------------------------


def test_the_small_strikes_of_1971_1972() -> None:
    t = lesson.size_by_period().set_index("period")
    assert t.loc["1971-1972", "lowest"] == pytest.approx(110.8)
    assert t.loc["1971-1972", "highest"] == pytest.approx(118.5)
    assert t.loc["1971-1972", "all_years"] == pytest.approx(115.0)
    assert t.loc["1964-1970", "lowest"] == pytest.approx(182.1)
    assert t.loc["1964-1970", "highest"] == pytest.approx(360.7)
    assert t.loc["1964-1970", "left_out"] == "1967"
    assert t.loc["1973", "highest"] == pytest.approx(346.8)


def test_no_year_since_1941_was_as_small_as_1971_1972() -> None:
    t = lesson.workers_per_dispute(first=1932, last=1973)
    t = t[~t["suspect"]].set_index("year")["workers_per_dispute"]
    assert t.loc[1942:1970].min() > t.loc[1971:1972].max()
    assert t.loc[1941] < t.loc[1971:1972].min()


def test_the_wave_and_the_article_on_the_data() -> None:
    trend = lesson.against_trend()
    assert 1967 not in trend.index
    assert trend.loc[1972, "strikes"] == 3325
    assert trend.loc[1972, "above_trend_pct"] == pytest.approx(386.9, abs=0.1)
    art = lesson.article_against_ilo()
    assert list(art["strikes_ratio"]) == [1.52, 2.91]
    assert list(art["workers_ratio"]) == [0.64, 0.48]
