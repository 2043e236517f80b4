"""Every figure draws in both languages, titled, labelled and sourced; the build is deterministic."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest
from matplotlib.figure import Figure

from analysis import figures, load
from analysis.charts.i18n import STRINGS, t
from analysis.outputs import build, registry
from analysis.study.sources import attributions, preferred_source

FIGURES = [o for o in registry.derive() if o.kind == "figure"]


@pytest.mark.parametrize("spec", FIGURES, ids=lambda s: s.name)
@pytest.mark.parametrize("lang", ["en", "es"])
def test_figure_is_titled_labelled_and_sourced(spec, lang: str) -> None:
    fig = getattr(figures, spec.name)(lang=lang)
    assert isinstance(fig, Figure)
    meta = fig._chile73
    assert meta["title"] and meta["sources"]
    ax = fig.axes[0]
    suptitle = fig._suptitle.get_text() if fig._suptitle else None
    assert meta["title"] in (ax.get_title(loc="left"), suptitle)
    # The title is a string of the translation table, in the figure's language.
    assert meta["title"] in {v[lang] for v in STRINGS.values()}, meta["title"]
    # The credit line is in that language and names the plotted sources (up to three, then a count).
    credit = next(x.get_text() for x in fig.texts if t("credit_suffix", lang) in x.get_text())
    label = t("source" if len(set(attributions(meta["sources"]))) == 1 else "sources", lang)
    assert f"{label}: " in credit, credit
    for name in attributions(meta["sources"])[:3]:
        assert name in credit, (name, credit)
    assert any(a.get_xlabel() or a.get_ylabel() for a in fig.axes)


def test_figure_functions_are_plain_functions_of_their_modules() -> None:
    """``figures.strike_wave`` is the function itself, so an editor can jump to its definition."""
    import inspect

    for spec in FIGURES:
        func = getattr(figures, spec.name)
        assert inspect.isfunction(func) and func.__module__ == spec.module, spec.name


def test_strike_chart_plots_the_dataset_rows() -> None:
    """The ILO line of the strike chart is the dataset's ILO rows, year by year (gaps kept)."""
    fig = figures.strike_wave(lang="en")
    rows = load("strikes")
    ilo = (
        rows[rows["source_id"] == "clioinfra_labour_disputes"]
        .set_index("year")["strikes"]
        .dropna()
    )
    lines = [ln for ln in fig.axes[0].get_lines() if len(ln.get_xdata()) > 10]
    xs, ys = lines[0].get_xdata(), lines[0].get_ydata()
    plotted = {int(x): y for x, y in zip(xs, ys, strict=True) if y == y}
    assert plotted == {int(y): float(v) for y, v in ilo.items()}


def test_election_1970_plots_each_source_as_given() -> None:
    """Each source's marks in the 1970 chart are its rows' shares, contender by contender."""
    fig = figures.election_1970(lang="en")
    rows = load("elections")
    race = rows[(rows["date"] == "1970-09-04") & (rows["election"] == "presidential")]
    sid = preferred_source(race[race["share_basis"] == "valid"])
    label = f"{attributions([sid])[0]} ({t('basis.valid', 'en')})"
    line = next(ln for ln in fig.axes[0].get_lines() if ln.get_label() == label)
    given = race[(race["source_id"] == sid) & (race["share_basis"] == "valid")]
    top = given.sort_values("share_pct", ascending=False)["share_pct"].head(3).tolist()
    assert sorted(x for x in line.get_xdata() if x == x) == sorted(top)
    assert sid in fig._chile73["sources"]


def test_occupation_bars_span_their_periods() -> None:
    """A total over several years is drawn across its whole period, never as one year."""
    from analysis.charts.style import decimal_year

    fig = figures.occupations(lang="en")
    rows = load("occupations")
    rows = rows[rows["unit"] == "occupations"]
    spans = sorted(
        (round(p.get_x(), 3), round(p.get_x() + p.get_width(), 3))
        for p in fig.axes[0].patches
        if p.get_height() == 0.5  # the bars (the UP band spans the whole height)
    )
    expected = sorted(
        (round(decimal_year(a), 3), round(decimal_year(b) + 1 / 365, 3))
        for a, b in zip(rows["period_start"], rows["period_end"], strict=True)
    )
    assert spans == expected


def test_translations_are_complete() -> None:
    for key, texts in STRINGS.items():
        assert set(texts) == {"en", "es"}, key
        assert all(texts.values()), key


def test_rendering_is_byte_identical() -> None:
    from analysis.charts.style import render

    a = render(figures.strike_wave(lang="es"), "svg")
    b = render(figures.strike_wave(lang="es"), "svg")
    assert a == b
    assert b"<dc:date>" not in a
    png = render(figures.strike_wave(lang="en"), "png")
    assert png == render(figures.strike_wave(lang="en"), "png")
    assert b"matplotlib" not in png.lower()


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
