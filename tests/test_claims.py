"""The claims audit: every claim judged from the data at run time; verdicts follow the data."""

from __future__ import annotations

import csv
from pathlib import Path

from analysis import load
from analysis.core.paths import ROOT
from analysis.study.claims import VERDICTS, audit, counts, evidence, readme_block, to_markdown


def rewrite(path: Path, change) -> None:
    """Apply ``change`` to every row of a CSV file, keeping its header and quoting."""
    with path.open(newline="", encoding="utf-8") as fh:
        reader = csv.DictReader(fh)
        fields = list(reader.fieldnames or [])
        rows = [r for r in (change(dict(r)) for r in reader) if r is not None]
    with path.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, fieldnames=fields, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def test_every_claim_has_a_verdict() -> None:
    ledger = audit()
    claims = load("claims")
    assert len(ledger) == len(claims)
    assert set(ledger["verdict"]) <= set(VERDICTS)
    assert sum(counts(ledger).values()) == len(claims)
    assert (ledger["detail"].str.len() > 0).all()


def test_article_rows_never_count_as_evidence() -> None:
    assert "article" not in set(evidence()["source_id"])


def test_a_claim_flips_when_its_data_changes(datasets_copy: Path) -> None:
    before = audit(datasets_copy).set_index("claim_id")
    assert (
        before.loc["C041", "verdict"] == "differs"
    )  # 1,939 strikes in 1969 against the ILO's 1,277

    def ilo_agrees(row):
        if row["year"] == "1969" and row["source_id"] == "clioinfra_labour_disputes":
            row["strikes"] = "1939"
        return row

    rewrite(datasets_copy / "strikes.csv", ilo_agrees)
    after = audit(datasets_copy).set_index("claim_id")
    assert after.loc["C041", "verdict"] == "supported"


def test_basis_decides_the_1970_share(datasets_copy: Path) -> None:
    """Allende's 36.2% is a share of all ballots: without cast-basis rows it no longer matches."""
    before = audit(datasets_copy).set_index("claim_id")
    assert before.loc["C049", "verdict"] == "supported"
    assert "share_basis=cast" in before.loc["C049", "detail"]

    def drop_cast(row):
        return None if (row["date"] == "1970-09-04" and row["share_basis"] == "cast") else row

    rewrite(datasets_copy / "elections.csv", drop_cast)
    after = audit(datasets_copy).set_index("claim_id")
    assert after.loc["C049", "verdict"] == "differs"
    # 36.2 against 36.6% of valid votes: the article is the lower figure, by about 1.1%.
    assert after.loc["C049", "detail"].startswith("the article is 1.1% lower than")


def test_a_claim_without_data_is_article_only(datasets_copy: Path) -> None:
    rewrite(
        datasets_copy / "strikes.csv",
        lambda r: r if r["source_id"] == "article" or r["year"] != "1970" else None,
    )
    after = audit(datasets_copy).set_index("claim_id")
    assert after.loc["C043", "verdict"] == "article_only"


def test_ledger_markdown_and_readme_counts() -> None:
    ledger = audit()
    text = to_markdown(ledger)
    assert text.count("\n| C") == len(ledger)
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert readme_block(ledger) in readme, "README's claims table is stale: run `make figures`"


def test_a_source_that_copies_the_article_is_not_evidence(datasets_copy: Path) -> None:
    """The audit follows derived_from: a page repeating the article cannot support it."""
    before = audit(datasets_copy).set_index("claim_id")
    assert before.loc["C074", "verdict"] == "supported"
    supporter = before.loc["C074", "source_id"]

    def copies_the_article(row):
        if row["source_id"] == supporter:
            row["derived_from"] = "article"
        return row

    rewrite(datasets_copy / "sources.csv", copies_the_article)
    after = audit(datasets_copy).set_index("claim_id")
    assert after.loc["C074", "verdict"] != "supported"


def test_a_figure_without_a_tolerance_is_an_error(datasets_copy: Path) -> None:
    import pytest

    from analysis.study.claims import ClaimError

    def no_tolerance(row):
        if row["claim_id"] == "C041":
            row["tolerance_pct"] = ""
        return row

    rewrite(datasets_copy / "claims.csv", no_tolerance)
    with pytest.raises(ClaimError, match="C041.*tolerance_pct"):
        audit(datasets_copy)
