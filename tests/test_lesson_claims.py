"""The claims lesson (notebook 08): its tables on a small ledger checked by hand, and on the data."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from analysis import load
from analysis.study import claims_lesson as lesson
from analysis.study.claims import VERDICTS


def _ledger(rows: list[tuple]) -> pd.DataFrame:
    """A ledger from (claim_id, section, kind, verdict, dataset, value, unit, difference,
    difference_pct, detail) tuples, with the other columns of ``audit()`` left empty."""
    names = [
        "claim_id",
        "section",
        "kind",
        "verdict",
        "dataset",
        "value",
        "unit",
        "difference",
        "difference_pct",
        "detail",
    ]
    f = pd.DataFrame(rows, columns=names)
    f["section"] = f["section"].astype("string")
    f["dataset"] = f["dataset"].astype("string")
    f["unit"] = f["unit"].astype("string")
    for column in ("claim", "refers_to", "source_id"):
        f[column] = f["claim_id"] + " " + column
    for column in ("low", "high", "independent", "spread_low", "spread_high"):
        f[column] = math.nan
    f["n_sources"], f["n_agree"], f["basis"] = 0, 0, ""
    return f


SMALL = _ledger(
    [
        ("C001", "Towards the coup", "date", "supported", "events", None, None, None, None, "ok"),
        (
            "C002",
            "Towards the coup",
            "point",
            "differs",
            "strikes",
            10.0,
            "strikes",
            5.0,
            100.0,
            "d",
        ),
        ("C003", "Early days", "point", "article_only", None, 3.0, "percent", None, None, "x"),
        ("C004", "Early days", "date", "differs", "events", None, None, -30.0, None, "d"),
        ("C005", "Towards the coup", "ratio", "differs", "strikes", 2.0, "ratio", 0.5, 33.3, "d"),
        (
            "C006",
            "Early days",
            "upper_bound",
            "differs",
            "elections",
            0.0,
            "percent_of_valid_votes",
            -0.8,
            None,
            "d",
        ),
    ]
)


def test_tally_counts_every_verdict_with_zeros_and_totals() -> None:
    t = lesson.tally(SMALL, "kind")
    assert list(t.columns) == [*VERDICTS, "all"]
    # kinds in the grammar's order, whatever the ledger's order
    assert list(t.index) == ["point", "upper_bound", "ratio", "date", "all"]
    assert t.loc["date", "supported"] == 1 and t.loc["date", "differs"] == 1
    assert t.loc["all", "mixed"] == 0
    assert t.loc["all", "all"] == len(SMALL)
    assert (t.drop(index="all")["all"] == t.drop(index="all")[list(VERDICTS)].sum(axis=1)).all()


def test_tally_puts_grades_best_first() -> None:
    graded = SMALL.assign(grade=["press", "producer", "press", "partisan", "scholarly", "other"])
    assert list(lesson.tally(graded, "grade").index) == [
        "producer",
        "scholarly",
        "press",
        "partisan",
        "other",
        "all",
    ]


def test_tally_by_section_keeps_article_order_and_without_by_is_one_row() -> None:
    assert list(lesson.tally(SMALL, "section").index) == ["Towards the coup", "Early days", "all"]
    one = lesson.tally(SMALL)
    assert list(one.index) == ["all"]
    assert one.loc["all", "differs"] == 4 and one.loc["all", "all"] == 6


def test_select_filters_and_rejects_unknown_names() -> None:
    assert list(lesson.select(SMALL, verdict="differs", dataset="strikes")["claim_id"]) == [
        "C002",
        "C005",
    ]
    assert list(lesson.select(SMALL, kind=["date"], section="COUP")["claim_id"]) == ["C001"]
    assert list(lesson.select(SMALL, dataset="events", columns=["claim_id"]).columns) == [
        "claim_id"
    ]
    with pytest.raises(ValueError, match="unknown verdict"):
        lesson.select(SMALL, verdict="supportd")
    with pytest.raises(ValueError, match="unknown kind"):
        lesson.select(SMALL, kind="points")


def test_gaps_are_the_differing_claims_in_their_units() -> None:
    g = lesson.gaps(SMALL).set_index("claim_id")
    assert list(g.index) == ["C002", "C004", "C005", "C006"]
    assert g.loc["C002", "gap"] == 5.0 and g.loc["C002", "gap_unit"] == "strikes"
    assert g.loc["C002", "gap_pct"] == 100.0
    assert g.loc["C004", "gap_unit"] == "days" and math.isnan(g.loc["C004", "gap_pct"])
    assert g.loc["C006", "gap_unit"] == "points"
    assert list(lesson.gaps(SMALL, dataset="strikes")["claim_id"]) == ["C002", "C005"]
    assert lesson.gap_unit("order", "days") == "days"
    assert lesson.gap_unit("point", None) == "units"


def test_split_note_finds_the_parts_and_what_the_audit_added() -> None:
    p = lesson.split_note(
        "stated as 'half'; no endnote. Searched: no dataset covers it. Would settle: the survey "
        "itself (cited in studies) (no independent rows in occupations.csv match the claim)"
    )
    assert p == {
        "reading": "stated as 'half'; no endnote",
        "searched": "no dataset covers it",
        "would_settle": "the survey itself (cited in studies)",
        "data_check": "no independent rows in occupations.csv match the claim",
    }
    q = lesson.split_note("Searched: events.csv. Would settle: a chronology")
    assert q["reading"] == "" and q["would_settle"] == "a chronology"
    r = lesson.split_note("a note (events.csv cannot tell at the claim's precision (day): 1972)")
    assert r["reading"] == "a note" and r["data_check"].startswith("events.csv cannot tell")
    assert lesson.split_note("no dataset tests this claim yet")["searched"] == ""


def test_grade_of_a_pair_is_the_worse_of_the_two() -> None:
    kinds = pd.Series({"a": "producer", "b": "press", "c": "encyclopedia"})
    assert lesson.grade_of("a", kinds) == "producer"
    assert lesson.grade_of("a / b", kinds) == "press"
    assert lesson.grade_of("c / a", kinds) == "encyclopedia"


def test_rows_used_adds_grade_and_shared_origin() -> None:
    used = pd.DataFrame(
        {
            "claim_id": ["C1", "C1", "C2"],
            "claimed": [1.0, 1.0, 2.0],
            "source_id": ["ine_ipc_empalme_1928_2009", "clioinfra_inflation_dezwart", "x / y"],
            "value": [1.0, 1.1, 2.0],
            "basis": ["", "", ""],
            "kind": ["point"] * 3,
            "verdict": ["supported"] * 3,
            "agrees": [True, True, True],
        }
    )
    roots = {
        "ine_ipc_empalme_1928_2009": frozenset({"ine_ipc"}),
        "clioinfra_inflation_dezwart": frozenset({"ine_ipc"}),
        "x": frozenset({"r1"}),
    }
    t = lesson.rows_used(used, "C1", roots=roots)
    assert list(t["origin"]) == ["ine_ipc", "ine_ipc"]
    assert list(t["grade"]) == ["producer", "scholarly"]
    both = lesson.rows_used(used, roots=roots)
    assert both.loc[2, "origin"] == "r1; y"  # a source with no parent is its own origin


# ------------------------------------------------------------------------------------------
# On the data
# ------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def ledger() -> pd.DataFrame:
    return lesson.audit()


@pytest.fixture(scope="module")
def used() -> pd.DataFrame:
    return lesson.evidence(every_kind=True)


def test_tables_agree_with_the_ledger(ledger) -> None:
    c = lesson.counts(ledger)
    for by in (None, "kind", "section"):
        t = lesson.tally(ledger, by)
        assert t.loc["all", "all"] == len(ledger)
        assert {v: int(t.loc["all", v]) for v in VERDICTS} == c
    assert len(lesson.gaps(ledger)) == c["differs"]
    assert len(lesson.open_claims(ledger)) == c["article_only"]


def test_open_claims_split_each_note_without_losing_it(ledger) -> None:
    o = lesson.open_claims(ledger)
    parts = ["reading", "searched", "would_settle", "data_check"]
    for row, detail in zip(
        o.itertuples(), ledger.loc[ledger["verdict"] == "article_only", "detail"], strict=True
    ):
        found = [getattr(row, p) for p in parts]
        assert any(found), row.claim_id
        assert all(x in detail for x in found), row.claim_id


def test_card_states_the_claim_and_its_verdict(ledger) -> None:
    cid = str(ledger.iloc[0]["claim_id"])
    text = lesson.card(ledger, cid)
    assert text.startswith("claim_id:") and cid in text
    assert "verdict:" in text and "detail:" in text
    assert all(len(line) <= 99 for line in text.splitlines())
    with pytest.raises(KeyError):
        lesson.card(ledger, "C999")


def test_few_sources_are_judged_claims_with_a_named_grade(ledger) -> None:
    t = lesson.few_sources(ledger)
    assert set(t["verdict"]) <= {"supported", "differs", "mixed"}
    assert (t["n_sources"] == 1).all()
    assert set(t["grade"]) <= set(load("sources")["kind"])
    judged = ledger["verdict"].isin(["supported", "differs", "mixed"])
    assert len(lesson.few_sources(ledger, most=99)) == judged.sum()


def test_rows_used_and_sources_used_cover_the_evidence(ledger, used) -> None:
    rows = lesson.rows_used(used)
    assert len(rows) == len(used)
    kinds = set(load("sources")["kind"])
    assert set(rows["grade"]) <= kinds
    s = lesson.sources_used(ledger, used)
    assert s.iloc[0]["source_id"] == "article" and s.iloc[0]["claims"] == len(ledger)
    named = {x for label in used["source_id"] for x in label.split(" / ")}
    assert named <= set(s["source_id"])
