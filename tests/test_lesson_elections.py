"""The elections lesson (notebook 02): its tables against the data, and its arithmetic by hand."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis import load
from analysis.study import elections_lesson as lesson


@pytest.fixture(scope="module")
def elections() -> pd.DataFrame:
    return load("elections")


def test_result_takes_the_preferred_source_never_the_article(elections) -> None:
    best, sid = lesson.result("1970-09-04", "presidential", elections)
    assert sid != "article"
    assert list(best["contender"])[:2] == ["Salvador Allende", "Jorge Alessandri Rodríguez"]
    assert (best["share_basis"] == "valid").all()
    assert (best["source_id"] == sid).all()
    # The Chamber in 1973: the scholarly district files, not the encyclopedia's infobox.
    _, sid = lesson.result("1973-03-04", "deputies", elections)
    assert sid == "riffo_congreso_1973"
    with pytest.raises(ValueError):
        lesson.result("1999-01-01", "presidential", elections)


def test_presidential_winners_majorities_and_congress(elections) -> None:
    t = lesson.presidential_winners(elections).set_index("date")
    assert list(t.index.str[:4]) == [
        "1932",
        "1938",
        "1942",
        "1946",
        "1952",
        "1958",
        "1964",
        "1970",
    ]
    # The table opens with three majority winners; after them only Frei's 1964.
    assert list(t["majority"]) == [True, True, True, False, False, False, True, False]
    assert (t.loc["1970-09-04", "congress_for"], t.loc["1970-09-04", "congress_against"]) == (
        153,
        35,
    )
    assert t.loc["1946-09-04", "congress_for"] == 138
    assert t.loc["1952-09-04", "congress_against"] == 12
    assert pd.isna(t.loc["1958-09-04", "congress_for"])  # the data hold no 1958 vote in Congress
    assert t.loc["1964-09-04", "runner_up"] == "Salvador Allende"
    assert t.loc["1964-09-04", "runner_up_pct"] > t.loc["1970-09-04", "share_pct"]
    assert t.loc["1970-09-04", "lead_points"] == pytest.approx(1.34)


def test_chamber_by_party_shows_the_christian_democrats_rise(elections) -> None:
    t = lesson.chamber_by_party(elections)
    assert list(t.columns) == [1961, 1965, 1969, 1973]
    assert t.loc["PDC", 1961] == pytest.approx(15.93)
    assert t.loc["PDC", 1965] == pytest.approx(43.60)
    assert t.max().max() == t.loc["PDC", 1965]
    assert pd.isna(t.loc["PN", 1965]) and pd.isna(t.loc["PL", 1969])
    used = lesson.sources_used(elections, "deputies")
    assert "article" not in set(used)
    assert len(used) == 4


def test_bases_1970(elections) -> None:
    t = lesson.bases_1970(elections)
    allende = t[(t["contender"] == "Salvador Allende") & (t["source_id"] == "enwiki_pres_1970")]
    row = allende.iloc[0]
    assert row["share_of_valid"] == pytest.approx(36.61)
    assert row["share_of_all_ballots"] == pytest.approx(36.22)
    assert row["article"] == pytest.approx(36.2)
    assert (t["share_of_all_ballots"] < t["share_of_valid"]).all()


def test_march_1973_seats_at_stake(elections) -> None:
    t = lesson.march_1973(elections).set_index(["chamber", "side"])
    assert t.loc[("deputies", "UP"), "seats"] == 63
    assert t.loc[("deputies", "CODE"), "seats"] == 87
    assert t.loc[("deputies", "CODE"), "seats_at_stake"] == 150
    assert t.loc[("deputies", "CODE"), "seat_pct"] == 58.0
    # The Senate rows count the seats renewed that day, not the whole Senate.
    assert t.loc[("senate", "CODE"), "seats"] == 14
    assert t.loc[("senate", "CODE"), "seats_at_stake"] == 25
    assert t.loc[("senate", "CODE"), "seats"] < lesson.two_thirds(25)
    assert not (t["source_id"] == "article").any()


def test_senate_renewals_leave_out_a_source_with_one_party(elections) -> None:
    t = lesson.senate_seats_won(elections)
    assert "bcn_parl_1965" not in set(t["source_id"])  # it gives the PDC's seats only
    won = t.set_index(["date", "source_id"])["seats_won"]
    assert won["1973-03-04", "riffo_congreso_senate_1973"] == 25
    assert won["1969-03-02", "riffo_congreso_senate_1969_electos"] == 30
    # The Senate files list every member: the renewed circunscripciones give 20 seats in 1965,
    # where the encyclopedia counts 21.
    assert won["1965-03-07", "riffo_congreso_senate_1965_electos"] == 20
    assert won["1965-03-07", "enwiki_parl_1965_senate"] == 21


def test_two_thirds() -> None:
    assert lesson.two_thirds(50) == 34
    assert lesson.two_thirds(25) == 17
    assert lesson.two_thirds(150) == 100
    assert lesson.two_thirds(3) == 2
    with pytest.raises(ValueError):
        lesson.two_thirds(0)
