"""Every figure draws in both languages, titled, labelled and sourced; the build is deterministic."""

from __future__ import annotations

import io
import json
import os
import shutil
from pathlib import Path

import pytest
from matplotlib.figure import Figure

from analysis import figures, load
from analysis.charts.i18n import STRINGS, t
from analysis.outputs import build, registry

FIGURES = [o for o in registry.derive() if o.kind == "figure"]


@pytest.mark.parametrize("spec", FIGURES, ids=lambda s: s.name)
@pytest.mark.parametrize("lang", ["en", "es"])
def test_figure_has_a_headline_a_subtitle_and_a_credit(spec, lang: str) -> None:
    """The headline and subtitle are on the figure; the credit is in its language. (What each
    string is, what a credit names and where texts sit is checked in test_figure_qa.)"""
    fig = getattr(figures, spec.name)(lang=lang)
    assert isinstance(fig, Figure)
    meta = fig._chile73
    texts = [" ".join(x.get_text().split()) for x in fig.texts]
    assert " ".join(meta["title"].split()) in texts
    assert " ".join(meta["subtitle"].split()) in texts
    credit = next(x for x in texts if t("credit_suffix", lang) in x)
    assert f"{t('source', lang)}: " in credit or f"{t('sources', lang)}: " in credit, credit


def test_figure_functions_are_plain_functions_of_their_modules() -> None:
    """``figures.strike_wave`` is the function itself, so an editor can jump to its definition."""
    import inspect

    for spec in FIGURES:
        func = getattr(figures, spec.name)
        assert inspect.isfunction(func) and func.__module__ == spec.module, spec.name


def test_strike_chart_plots_the_dataset_rows() -> None:
    """The ILO line of the strike chart is the dataset's ILO rows, year by year, except the suspect
    1967 count, which is recorded as suspect and drawn apart."""
    fig = figures.strike_wave(lang="en")
    rows = load("strikes")
    ilo = rows[rows["source_id"] == "clioinfra_labour_disputes"].dropna(subset=["strikes"])
    suspect = ilo["note"].fillna("").str.contains("suspect")
    data = fig._chile73["data"]
    line = {
        r["x"]: r["value"]
        for r in data
        if r["kind"] == "line" and r["source_id"] == ilo["source_id"].iloc[0]
    }
    assert line == dict(zip(ilo[~suspect]["year"], ilo[~suspect]["strikes"], strict=True))
    assert [r["x"] for r in data if r["role"] == "suspect"] == list(ilo[suspect]["year"])
    assert {r["x"] for r in data if r["role"] == "article"} == {1969, 1970}


def test_downloads_give_every_plotted_point_with_its_source() -> None:
    """The CSV beside a figure holds each recorded point and its source; the metadata cites them."""
    import csv
    import io

    from analysis.outputs.downloads import downloads

    for lang in ("en", "es"):
        fig = figures.strike_wave(lang=lang)
        files = downloads("strike_wave", lang, fig)
        table = list(csv.reader(io.StringIO(files["strike_wave.csv"].decode())))
        assert len(table) - 1 == len(fig._chile73["data"])
        meta = json.loads(files["strike_wave.metadata.json"])
        assert meta["title"] == fig._chile73["title"] and meta["language"] == lang
        assert {s["id"] for s in meta["sources"]} == {r[5] for r in table[1:]}
        assert all("citation" in s for s in meta["sources"] if s["id"] != "article")
    assert table[0][0] == "serie"


def test_translations_are_complete() -> None:
    for key, texts in STRINGS.items():
        assert set(texts) == {"en", "es"}, key
        assert all(texts.values()), key


def test_rendering_is_byte_identical() -> None:
    from PIL import Image

    from analysis.charts.style import render, render_pngs

    a = render(figures.strike_wave(lang="es"), "svg")
    b = render(figures.strike_wave(lang="es"), "svg")
    assert a == b
    assert b"<dc:date>" not in a
    png, slide = render_pngs(figures.strike_wave(lang="en"))
    assert (png, slide) == render_pngs(figures.strike_wave(lang="en"))
    assert b"matplotlib" not in png.lower()
    with Image.open(io.BytesIO(slide)) as big, Image.open(io.BytesIO(png)) as small:
        assert big.size == (1920, 1080) and small.size == (960, 540)


def test_incremental_build(tmp_path: Path, monkeypatch) -> None:
    """Nothing changed: nothing redrawn. One dataset changed: only its figures are redrawn."""
    out = tmp_path / "figures"
    datasets = tmp_path / "datasets"
    shutil.copytree(build.DATASETS, datasets)
    monkeypatch.setattr(build, "DATASETS", datasets)
    monkeypatch.setattr(registry, "DATASETS", datasets)
    only = ["up_vote", "external_debt"]
    first = build.build(only=only, figures_dir=out, jobs=1, log=lambda _: None)
    assert sorted(first.redrawn) == sorted(only)
    files = {p: p.read_bytes() for p in out.rglob("*.*")}
    again = build.build(only=only, figures_dir=out, jobs=1, log=lambda _: None)
    assert again.redrawn == [] and sorted(again.unchanged) == sorted(only)
    assert {p: p.read_bytes() for p in out.rglob("*.*")} == files
    os.utime(datasets / "external_debt.csv")  # a new time alone is not a change
    touched = build.build(only=only, figures_dir=out, jobs=1, log=lambda _: None)
    assert touched.redrawn == []
    (datasets / "external_debt.csv").write_bytes(
        (datasets / "external_debt.csv").read_bytes() + b"\n"
    )
    third = build.build(only=only, figures_dir=out, jobs=1, log=lambda _: None)
    assert third.redrawn == ["external_debt"]
    assert "datasets/external_debt.csv" in third.reasons["external_debt"][0]
    manifest = json.loads((out / "manifest.json").read_text())
    assert set(manifest["figures"]) - {"_data_docs"} == set(only)


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

    import analysis.charts.figures as pkg

    modules = {m.name for m in pkgutil.iter_modules(pkg.__path__)}
    assert not modules & {s.name for s in FIGURES}


def test_no_change_rerun_imports_neither_pandas_nor_matplotlib(tmp_path: Path) -> None:
    """When nothing changed, the build answers from the manifest alone."""
    import subprocess
    import sys

    out = tmp_path / "figs"
    build.build(only=["up_vote"], figures_dir=out, jobs=1, log=lambda _: None)
    code = (
        "import sys; from pathlib import Path; from analysis.outputs import build; "
        f"r = build.build(only=['up_vote'], figures_dir=Path({str(out)!r}), jobs=1, log=lambda _: None); "
        "print(r.redrawn, 'pandas' in sys.modules, 'matplotlib' in sys.modules)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[] False False"


def test_a_reader_can_save_a_chart_for_a_slide_and_read_its_data(tmp_path: Path) -> None:
    from PIL import Image

    import analysis

    fig = figures.strike_wave(lang="es")

    def size(path: Path) -> tuple[int, int]:
        with Image.open(path) as image:
            return image.size

    assert size(analysis.save(fig, tmp_path / "huelgas.png")) == (1920, 1080)
    assert size(analysis.save(fig, tmp_path / "h.png", size="report")) == (960, 540)
    assert analysis.save(fig, tmp_path / "h.svg").read_bytes().startswith(b"<?xml")
    data = analysis.points(fig)
    assert list(data.columns)[:3] == ["serie", "periodo", "valor"]
    assert len(data) == len(fig._chile73["data"])
    with pytest.raises(ValueError, match="datasets/"):
        analysis.save(fig, build.DATASETS / "x.png")
    with pytest.raises(ValueError, match="size"):
        analysis.save(fig, tmp_path / "x.png", size="poster")


def test_a_bare_file_name_is_saved_in_build_saved() -> None:
    import analysis
    from analysis.core.paths import SAVED

    path = analysis.save(figures.strike_wave(lang="en"), "test_strike_wave.csv")
    try:
        assert path == (SAVED / "test_strike_wave.csv").resolve() and path.is_file()
    finally:
        path.unlink()


def test_a_figure_is_the_same_whatever_was_drawn_before_it() -> None:
    """A worker draws many figures in turn; the files of one must not depend on the others."""
    known = registry.by_name(registry.derive())
    first = build.draw(known["copper_exports"])[1]
    build.draw(known["boom_and_crisis"])
    assert build.draw(known["copper_exports"])[1] == first


def test_overview_headlines_hold_on_the_data() -> None:
    """The coverage and disagreement charts state findings: they must stay true as data lands."""
    from analysis.study.tables import coverage_table, disagreement_table

    years = coverage_table().groupby("dataset")["calendar_year"]
    assert set(years.count().nsmallest(2).index) == {"occupations", "nationalisation"}
    assert all(((g >= 1970) & (g <= 1973)).any() for _, g in years)
    spread = disagreement_table().groupby("dataset")["spread_pct"].max()
    assert "strikes" not in spread  # the ILO and OHL-COES count different things
    assert round(spread["inflation"]) == 57 and spread.idxmax() == "inflation"
    top = disagreement_table().sort_values("spread_pct").iloc[-1]
    assert top["quantity"].startswith("1972-12")
    assert spread["elections"] < 10 and spread["external_debt"] < 10
