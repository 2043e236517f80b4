"""The console command: validate, figures into another folder, claims."""

from __future__ import annotations

from pathlib import Path

from analysis import cli
from analysis.core.paths import FIGURES


def test_validate_passes(capsys) -> None:
    assert cli.main(["validate"]) == 0
    assert "datasets are valid" in capsys.readouterr().out


def test_figures_go_where_asked(tmp_path: Path, capsys) -> None:
    before = (FIGURES / "manifest.json").read_bytes()
    out = tmp_path / "figs"
    assert cli.main(["figures", "--out", str(out), "--only", "up_vote", "--serial"]) == 0
    assert (out / "en" / "up_vote.svg").exists() and (out / "es" / "up_vote.png").exists()
    assert (out / "manifest.json").exists()
    assert (FIGURES / "manifest.json").read_bytes() == before
    assert "1 redrawn" in capsys.readouterr().out.replace(
        "outputs (figures and the claims ledger):", ""
    )


def test_claims_prints_the_ledger(capsys) -> None:
    assert cli.main(["claims", "--verdict", "differs"]) == 0
    out = capsys.readouterr().out
    assert "C041" in out and "supported:" in out
