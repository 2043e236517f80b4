"""Every figure draws in both languages, titled, labelled and sourced; the build is deterministic."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from matplotlib.figure import Figure

from analysis import build, figures
from analysis.figures import REGISTRY
from analysis.i18n import STRINGS


@pytest.mark.parametrize("spec", REGISTRY, ids=lambda s: s.name)
@pytest.mark.parametrize("lang", ["en", "es"])
def test_figure_is_titled_labelled_and_sourced(spec, lang: str) -> None:
    fig = getattr(figures, spec.name)(lang=lang)
    assert isinstance(fig, Figure)
    meta = fig._chile73
    assert meta["title"] and meta["sources"]
    ax = fig.axes[0]
    suptitle = fig._suptitle.get_text() if fig._suptitle else None
    assert meta["title"] in (ax.get_title(loc="left"), suptitle)
    texts = [t.get_text() for t in fig.texts]
    assert any(("Source" in t or "Fuente" in t) for t in texts), texts
    assert any(a.get_xlabel() or a.get_ylabel() for a in fig.axes)


def test_translations_are_complete() -> None:
    for key, texts in STRINGS.items():
        assert set(texts) == {"en", "es"}, key
        assert all(texts.values()), key


def test_rendering_is_byte_identical() -> None:
    from analysis.style import render

    a = render(figures.strike_wave(lang="es"), "svg")
    b = render(figures.strike_wave(lang="es"), "svg")
    assert a == b
    assert b"<dc:date>" not in a
    png = render(figures.strike_wave(lang="en"), "png")
    assert png == render(figures.strike_wave(lang="en"), "png")
    assert b"matplotlib" not in png.lower()


def test_committed_figures_match_the_code(capsys) -> None:
    report = build.build(check=True, log=lambda _: None)
    assert report.differs == [], "run `make figures` and commit: " + ", ".join(report.differs)


def test_incremental_build(tmp_path: Path, monkeypatch) -> None:
    """Nothing changed: nothing redrawn. One dataset changed: only its figures are redrawn."""
    out = tmp_path / "figures"
    datasets = tmp_path / "datasets"
    shutil.copytree(build.DATASETS, datasets)
    monkeypatch.setattr(build, "DATASETS", datasets)
    only = ["up_vote", "external_debt"]
    first = build.build(only=only, figures_dir=out, jobs=1, log=lambda _: None)
    assert sorted(first.redrawn) == sorted(only)
    files = {p: p.read_bytes() for p in out.rglob("*.*")}
    again = build.build(only=only, figures_dir=out, jobs=1, log=lambda _: None)
    assert again.redrawn == [] and sorted(again.unchanged) == sorted(only)
    assert {p: p.read_bytes() for p in out.rglob("*.*")} == files
    with (datasets / "external_debt.csv").open("a", encoding="utf-8") as fh:
        fh.write("")  # touching is not a change: content hashes decide
    (datasets / "external_debt.csv").write_bytes(
        (datasets / "external_debt.csv").read_bytes() + b"\n"
    )
    third = build.build(only=only, figures_dir=out, jobs=1, log=lambda _: None)
    assert third.redrawn == ["external_debt"]
    assert "datasets/external_debt.csv" in third.reasons["external_debt"][0]
    manifest = json.loads((out / "manifest.json").read_text())
    assert set(manifest["figures"]) == set(only)


def test_parallel_output_equals_serial(tmp_path: Path) -> None:
    only = ["strike_wave", "up_vote", "coverage"]
    serial = build.build(only=only, figures_dir=tmp_path / "a", jobs=1, log=lambda _: None)
    parallel = build.build(only=only, figures_dir=tmp_path / "b", jobs=2, log=lambda _: None)
    assert sorted(serial.written) == sorted(parallel.written)
    for rel in serial.written:
        assert (tmp_path / "a" / rel).read_bytes() == (tmp_path / "b" / rel).read_bytes(), rel


def test_hand_edited_figure_is_redrawn(tmp_path: Path) -> None:
    out = tmp_path / "figs"
    build.build(only=["up_vote"], figures_dir=out, jobs=1, log=lambda _: None)
    target = out / "en" / "up_vote.svg"
    target.write_text("edited")
    report = build.build(only=["up_vote"], figures_dir=out, jobs=1, log=lambda _: None)
    assert report.redrawn == ["up_vote"]
    assert any("edited by hand" in r for r in report.reasons["up_vote"])
    assert target.read_text() != "edited"


def test_no_figure_is_shadowed_by_a_module() -> None:
    """``figures.name`` must reach the function: a submodule of the same name would hide it."""
    import pkgutil

    import analysis.figures as pkg

    modules = {m.name for m in pkgutil.iter_modules(pkg.__path__)}
    assert not modules & {s.name for s in REGISTRY}


def test_no_change_rerun_imports_neither_pandas_nor_matplotlib(tmp_path: Path) -> None:
    """When nothing changed, the build answers from the manifest alone."""
    import subprocess
    import sys

    out = tmp_path / "figs"
    build.build(only=["up_vote"], figures_dir=out, jobs=1, log=lambda _: None)
    code = (
        "import sys; from pathlib import Path; from analysis import build; "
        f"r = build.build(only=['up_vote'], figures_dir=Path({str(out)!r}), jobs=1, log=lambda _: None); "
        "print(r.redrawn, 'pandas' in sys.modules, 'matplotlib' in sys.modules)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[] False False"
