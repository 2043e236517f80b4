"""Figure QA, for every figure in both languages, drawn without pixel snapshots.

From the renderer's bounding boxes: no two texts overlap and none leaves the canvas. From the
translation table: every string a figure shows was handed out in the figure's language. From what
the chart recorded of its points: every line has enough points to be a line, and the credit names
each plotted source (and no other).
"""

from __future__ import annotations

import re
from functools import cache

import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.text import Text

from analysis import figures
from analysis.charts.credits import MOST_NAMED, source_name
from analysis.charts.i18n import collecting, t
from analysis.charts.sources_es import SPANISH
from analysis.data.datasets import load
from analysis.outputs import registry

NAMES = [o.name for o in registry.derive() if o.kind == "figure"]
LANGS = ["en", "es"]
# What may be left of a text once every string handed out for it is taken away: digits (years and
# tick values), spaces and punctuation.
RESIDUE = re.compile(
    r"^[\s\d.,:;%()\[\]\-\u2012\u2013\u2014\u2212+/\u2191\u2193\u2190\u2192$'\"×x·]*$"
)


@cache
def drawn(name: str, lang: str):
    with collecting(lang) as seen:
        fig = getattr(figures, name)(lang=lang)
        canvas = FigureCanvasAgg(fig)
        canvas.draw()
    return fig, frozenset(seen), canvas.get_renderer()


def _texts(fig) -> list[Text]:
    """The texts the renderer drew: figure texts, titles, labels, annotations, legends, the tick
    labels of ticks inside the view."""
    out: list[Text] = [*fig.texts]
    for ax in fig.axes:
        out += [ax.title, ax._left_title, ax._right_title, ax.xaxis.label, ax.yaxis.label]
        out += list(ax.texts)
        legend = ax.get_legend()
        if legend is not None:
            out += list(legend.get_texts())
            out.append(legend.get_title())
        for axis in (ax.xaxis, ax.yaxis):
            for tick in axis._update_ticks():
                out += [tick.label1, tick.label2]
    legends = getattr(fig, "legends", [])
    for legend in legends:
        out += list(legend.get_texts())
    return [x for x in out if x.get_visible() and x.get_text().strip()]


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("name", NAMES)
def test_no_text_overlaps_another_or_leaves_the_canvas(name: str, lang: str) -> None:
    fig, _, renderer = drawn(name, lang)
    width, height = fig.canvas.get_width_height()
    boxes = [(x.get_text(), x.get_window_extent(renderer)) for x in _texts(fig)]
    for text, box in boxes:
        assert box.x0 >= -1 and box.y0 >= -1, (name, lang, "leaves the canvas", text)
        assert box.x1 <= width + 1 and box.y1 <= height + 1, (
            name,
            lang,
            "leaves the canvas",
            text,
        )
    for i, (a, box_a) in enumerate(boxes):
        for b, box_b in boxes[i + 1 :]:
            w = min(box_a.x1, box_b.x1) - max(box_a.x0, box_b.x0)
            h = min(box_a.y1, box_b.y1) - max(box_a.y0, box_b.y0)
            assert w <= 1.5 or h <= 1.5, (name, lang, "overlap", a, b)


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("name", NAMES)
def test_every_string_comes_from_the_table_of_its_language(name: str, lang: str) -> None:
    fig, seen, _ = drawn(name, lang)

    def flat(text: str) -> str:  # wrapping turns spaces into line breaks
        return " ".join(text.split())

    pieces = sorted(
        {flat(p) for s in seen for p in (s, *s.split("\n")) if p.strip()}, key=len, reverse=True
    )
    for x in _texts(fig):
        rest = flat(x.get_text())
        for piece in pieces:
            rest = rest.replace(piece, " ")
        assert RESIDUE.match(rest), (name, lang, x.get_text(), rest)
        if lang == "es":  # Spanish numbers: decimal comma
            assert not re.search(r"\d\.\d(?!\d\d)", x.get_text()), (name, x.get_text())


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("name", NAMES)
def test_series_have_enough_points_and_the_credit_names_their_sources(
    name: str, lang: str
) -> None:
    fig, _, _ = drawn(name, lang)
    info = fig._chile73
    assert info["title"] and info["subtitle"], (name, "a headline and a subtitle")
    rows = info["data"]
    assert rows, (name, "records what it plots")
    lines: dict[tuple, int] = {}
    for r in rows:
        if r["kind"] == "line":
            key = (r["series"], r["role"], r["source_id"])
            lines[key] = lines.get(key, 0) + 1
    short = {k: n for k, n in lines.items() if n < 4}
    assert not short, (name, "lines of fewer than four points", short)
    credit = next(
        x.get_text()
        for x in fig.texts
        if t("credit_suffix", lang) in " ".join(x.get_text().split())
    )
    flat = " ".join(credit.split())
    plotted = {r["source_id"] for r in rows}
    if info.get("kind") == "evidence" and len(plotted) > MOST_NAMED:
        assert " ".join(t("credit.many", lang, n=len(plotted)).split()) in flat, (name, credit)
    else:
        for sid in plotted:
            assert " ".join(source_name(sid, lang).split()) in flat, (name, lang, sid, credit)
    assert not re.search(r"and \d+ other sources?|\d+ fuentes? más", flat), (name, credit)
    assert set(info["sources"]) == {r["source_id"] for r in rows}, (name, "credit = plotted")


# Words that mark an attribution as English prose (titles of works are left as published).
ENGLISH = re.compile(
    r"\b(via|from|and|cited|quoting|citing|spliced|chronicle|speech|letter|press)\b|"
    r"\((en|es|fr|ru)\)|US Embassy|World Bank|IMF|ILO"
)


def test_a_spanish_chart_names_its_sources_in_spanish() -> None:
    """Every source a figure plots whose attribution has English words has a Spanish name."""
    table = load("sources").set_index("source_id")["attribution"]
    missing = set()
    for name in NAMES:
        fig, _, _ = drawn(name, "es")
        for r in fig._chile73["data"]:
            sid = r["source_id"]
            if sid in table.index and ENGLISH.search(table[sid]) and sid not in SPANISH:
                missing.add((sid, table[sid]))
    assert not missing, sorted(missing)
