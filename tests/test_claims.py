"""The claims audit: every claim judged from the data at run time; verdicts follow the data."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import rewrite

from analysis import load
from analysis.core.paths import ROOT
from analysis.study.claims import (
    KINDS,
    QUANTITATIVE,
    VERDICTS,
    ClaimError,
    audit,
    counts,
    evidence,
    judge,
    readme_block,
    to_markdown,
)


def verdict(directory: Path, cid: str):
    """The verdict on one claim, computed from ``directory`` (faster than a whole audit)."""
    claims = load("claims", directory).set_index("claim_id", drop=False)
    return judge(claims.loc[cid], directory)


@pytest.fixture(scope="module")
def ledger():
    return audit()


def test_every_claim_has_a_verdict(ledger) -> None:
    claims = load("claims")
    assert len(ledger) == len(claims)
    assert set(ledger["verdict"]) <= set(VERDICTS)
    assert sum(counts(ledger).values()) == len(claims)
    assert (ledger["detail"].str.len() > 0).all()
    assert set(ledger["kind"]) <= set(KINDS)


def test_enough_claims_are_judged_from_the_data(ledger) -> None:
    computed = ledger["verdict"].isin(["supported", "differs", "mixed"])
    assert computed.sum() >= 60
    # Every kind of the grammar is in use, and each has at least one computed verdict.
    assert set(ledger.loc[computed, "kind"]) >= QUANTITATIVE | {"date"}


def test_every_open_claim_says_what_was_searched_and_what_would_settle_it(ledger) -> None:
    open_claims = ledger[ledger["verdict"] == "article_only"]
    for r in open_claims.itertuples():
        assert "Searched:" in r.detail and "Would settle:" in r.detail, r.claim_id


def test_article_rows_never_count_as_evidence() -> None:
    everything = evidence(every_kind=True)
    assert "article" not in set(everything["source_id"])
    assert not any("article" in s.split(" / ") for s in everything["source_id"])
    # The default (what the audit chart draws) keeps the documented columns.
    assert {"claim_id", "value", "claimed", "source_id"} <= set(evidence().columns)


def test_a_claim_flips_when_its_data_changes(datasets_copy: Path) -> None:
    # 1,939 strikes in 1969 against the ILO's 1,277
    assert verdict(datasets_copy, "C041").verdict == "differs"

    def ilo_agrees(row):
        if row["year"] == "1969" and row["source_id"] == "clioinfra_labour_disputes":
            row["strikes"] = "1939"
        return row

    rewrite(datasets_copy / "strikes.csv", ilo_agrees)
    assert verdict(datasets_copy, "C041").verdict == "supported"


def test_basis_decides_the_1970_share(datasets_copy: Path) -> None:
    """Allende's 36.2% is a share of all ballots: the claim is judged on cast rows only, and
    without them there is nothing like with like to judge it by."""
    before = verdict(datasets_copy, "C049")
    assert before.verdict == "supported" and "share_basis=cast" in before.detail

    def drop_cast(row):
        return None if (row["date"] == "1970-09-04" and row["share_basis"] == "cast") else row

    rewrite(datasets_copy / "elections.csv", drop_cast)
    assert verdict(datasets_copy, "C049").verdict == "article_only"

    # Judged on valid votes instead, the same 36.2 is 1.1% below 36.6.
    def valid_basis(row):
        if row["claim_id"] == "C049":
            row["unit"] = "percent_of_valid_votes"
        return row

    rewrite(datasets_copy / "claims.csv", valid_basis)
    after = verdict(datasets_copy, "C049")
    assert after.verdict == "differs"
    assert after.detail.startswith("the article is 1.1% lower than")


def test_a_claim_whose_rows_stand_on_several_bases_is_an_error(datasets_copy: Path) -> None:
    def no_basis(row):
        if row["claim_id"] == "C035":
            row["basis"] = ""
        return row

    rewrite(datasets_copy / "claims.csv", no_basis)
    with pytest.raises(ClaimError, match="C035.*several bases"):
        verdict(datasets_copy, "C035")


def test_a_unit_that_does_not_match_the_data_is_an_error(datasets_copy: Path) -> None:
    def wrong_unit(row):
        if row["claim_id"] == "C041":
            row["unit"] = "usd_millions"
        return row

    rewrite(datasets_copy / "claims.csv", wrong_unit)
    with pytest.raises(ClaimError, match="C041.*unit"):
        verdict(datasets_copy, "C041")


def test_a_claim_without_data_is_article_only(datasets_copy: Path) -> None:
    rewrite(
        datasets_copy / "strikes.csv",
        lambda r: r if r["source_id"] == "article" or r["year"] != "1970" else None,
    )
    assert verdict(datasets_copy, "C043").verdict == "article_only"


def test_ledger_markdown_and_readme_counts(ledger) -> None:
    text = to_markdown(ledger)
    assert text.count("\n| C") == len(ledger)
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert readme_block(ledger) in readme, "README's claims table is stale: run `make figures`"


def test_a_source_that_copies_the_article_is_not_evidence(datasets_copy: Path) -> None:
    """The audit follows derived_from: a page repeating the article cannot support it."""
    before = verdict(datasets_copy, "C074")
    assert before.verdict == "supported"

    def copies_the_article(row):
        if row["source_id"] == before.source_id:
            row["derived_from"] = "article"
        return row

    rewrite(datasets_copy / "sources.csv", copies_the_article)
    assert verdict(datasets_copy, "C074").verdict != "supported"


def test_sources_with_a_common_origin_count_once() -> None:
    """The 1969 Chamber results of Riffo and of en.wikipedia both come from Nohlen: one source."""
    assert verdict(ROOT / "datasets", "C112").n_sources == 1


def test_an_incomplete_table_is_not_summed() -> None:
    """en.wikipedia's 1973 party table adds up to 97.5%: its UP subtotal is not a total."""
    v = verdict(ROOT / "datasets", "C075")
    assert "left out: enwiki_parl_1973_parties" in v.detail
    assert "enwiki_parl_1973_parties" not in set(
        evidence().query("claim_id == 'C075'")["source_id"]
    )


@pytest.mark.parametrize(
    ("field", "message"),
    [
        ("tolerance_pct", "C041.*tolerance_pct"),
        ("value", "C041.*needs a value"),
    ],
)
def test_a_claim_missing_part_of_its_grammar_is_an_error(
    datasets_copy: Path, field: str, message: str
) -> None:
    def blank(row):
        if row["claim_id"] == "C041":
            row[field] = ""
        return row

    rewrite(datasets_copy / "claims.csv", blank)
    with pytest.raises(ClaimError, match=message):
        verdict(datasets_copy, "C041")


def test_an_open_claim_needs_a_tolerance_too(datasets_copy: Path) -> None:
    """The grammar holds for claims no data tests yet: the tolerance is stated before the data."""

    def blank(row):
        if row["claim_id"] == "C010":
            row["tolerance_pct"] = ""
        return row

    rewrite(datasets_copy / "claims.csv", blank)
    with pytest.raises(ClaimError, match="C010.*tolerance"):
        verdict(datasets_copy, "C010")
