"""The HTML edition: one page per notebook and an index linking pages, figures and data."""

from __future__ import annotations

from pathlib import Path

from analysis.outputs.notebooks import notebook_paths
from analysis.outputs.report import build_report


def test_report_pages_and_index(tmp_path: Path) -> None:
    index = build_report(tmp_path / "report")
    text = index.read_text(encoding="utf-8")
    for path in notebook_paths():
        page = tmp_path / "report" / f"{path.stem}.html"
        assert page.exists() and f'href="{path.stem}.html"' in text
        assert "<img" in page.read_text(encoding="utf-8") or "figures." not in path.read_text(
            encoding="utf-8"
        )
    assert "strikes.csv" in text and "chile-1973-stats.xlsx" in text and "claims_audit.md" in text


def test_claims_ledger_page(tmp_path: Path) -> None:
    from analysis.study.claims import audit

    build_report(tmp_path / "report")
    page = (tmp_path / "report" / "claims.html").read_text(encoding="utf-8")
    ledger = audit()
    assert page.count("<tr data-verdict=") == len(ledger)
    for verdict in set(ledger["verdict"]):
        assert f"<option>{verdict}</option>" in page
    assert 'href="claims.html"' in (tmp_path / "report" / "index.html").read_text(encoding="utf-8")


def test_gallery_links_every_chart_to_its_downloads(tmp_path: Path) -> None:
    from analysis.outputs.registry import derive
    from analysis.outputs.report import gallery_page

    page = gallery_page(tmp_path).read_text(encoding="utf-8")
    for spec in derive():
        if spec.kind == "figure":
            for lang in ("en", "es"):
                for suffix in (".png", ".slide.png", ".svg", ".csv", ".metadata.json"):
                    assert f"{lang}/{spec.name}{suffix}" in page, (spec.name, lang, suffix)
