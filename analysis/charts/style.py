"""The house chart style: one look, titles and a credit line, event marks, deterministic files.

This module only styles: it reads no data. The figure modules hand it the credit text and the
events to mark (see ``analysis.charts.figures._common``).

Figures are built on ``matplotlib.figure.Figure`` (not pyplot), so a notebook shows each once and
no global state leaks between figures.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

import matplotlib as mpl
from matplotlib.figure import Figure

from analysis.charts.i18n import t
from analysis.core.paths import STYLE_FILE

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.axes import Axes

# Okabe-Ito colours, paired with line styles and markers so series stay apart in greyscale.
# Yellow (#F0E442) is left out: it vanishes on white and in greyscale.
COLORS = ["#000000", "#E69F00", "#0072B2", "#D55E00", "#009E73", "#CC79A7", "#56B4E9"]
LINESTYLES = ["-", "--", "-.", ":", (0, (5, 1)), (0, (3, 1, 1, 1, 1, 1))]
MARKERS = ["o", "s", "^", "D", "v", "P", "X", "*"]
HATCHES = ["", "///", "...", "xx", "\\\\", "++", "oo", "--"]
ARTICLE_STYLE: dict[str, Any] = {
    "marker": "*",
    "markersize": 13,
    "color": "#D55E00",
    "markeredgecolor": "black",
    "linestyle": "none",
    "zorder": 5,
}
SAVE_METADATA = {"png": {"Software": None}, "svg": {"Date": None, "Creator": None}}
# Every chart is 16:9. Drawn once, it is saved at two resolutions: the report's width (960x540 px)
# and a slide's (1920x1080 px), plus SVG for editors.
SIZE = (9.6, 5.4)
FIGSIZE = SIZE
WIDE = SIZE
REPORT_DPI = 100
SLIDE_DPI = 200
INK = "#1b1b1b"  # the preferred series when a chart has one quantity
FAINT = "0.62"  # other sources, comparisons
HIGHLIGHT = "#C0392B"  # the subject of a comparison (Chile)
NOTE_COLOR = "0.3"
# Characters a line holds at each text size on the 9.6-inch canvas (DejaVu Sans is about 0.55 em
# wide on average); texts are wrapped at these widths before layout, so layout knows their height.
_CHARS = {15: 70, 10.5: 112, 8: 150}


def series_style(i: int) -> dict[str, Any]:
    """Colour, line style and marker of the ``i``-th series (evidence charts)."""
    return {
        "color": COLORS[i % len(COLORS)],
        "linestyle": LINESTYLES[i % len(LINESTYLES)],
        "marker": MARKERS[i % len(MARKERS)],
    }


@contextmanager
def house_style():
    """Apply the house style file for the duration of the block."""
    with mpl.rc_context(fname=str(STYLE_FILE)):
        yield


def new_figure(size: tuple[float, float] = SIZE, **subplots: Any) -> tuple[Figure, Any]:
    """A 16:9 figure in the house style, with one axes (or ``subplots(**subplots)``)."""
    with house_style():
        fig = Figure(figsize=size, dpi=REPORT_DPI)
        ax = fig.subplots(**subplots) if subplots else fig.add_subplot()
    fig.set_layout_engine("constrained")
    return fig, ax


def info(fig: Any) -> dict[str, Any]:
    """What a figure records of itself for the build and its downloads: title, subtitle, note,
    credit, language, kind and the plotted points (``data``). Empty for a figure drawn elsewhere."""
    return fig.__dict__.setdefault("_chile73", {"data": []})


def record(
    ax_or_fig: Any,
    series: str,
    xs: Sequence[Any],
    values: Sequence[Any],
    source_ids: Sequence[str] | str,
    *,
    kind: str = "line",
    role: str = "preferred",
) -> None:
    """Note what a chart plots, point by point, for its data download and its tests.

    ``kind`` is how the points are drawn (``line``, ``points``, ``bars``, ``range``, ``callout``);
    ``role`` is ``preferred`` (the story), ``other`` (other sources, drawn faint), ``article`` (the
    article's figure) or ``context``."""
    fig = ax_or_fig if isinstance(ax_or_fig, Figure) else ax_or_fig.figure
    fig = getattr(fig, "figure", fig) or fig  # a subfigure's parent
    xs, values = list(xs), list(values)
    sids = [source_ids] * len(xs) if isinstance(source_ids, str) else list(source_ids)
    if not (len(xs) == len(values) == len(sids)):
        raise ValueError(f"record {series!r}: x, values and sources differ in length")
    store = info(fig).setdefault("data", [])
    for x, v, sid in zip(xs, values, sids, strict=True):
        store.append(
            {"series": series, "kind": kind, "role": role, "x": x, "value": v, "source_id": sid}
        )


ROLES = ("preferred", "suspect", "other", "context", "article")


def plotted_sources(fig: Figure) -> list[str]:
    """The sources of the recorded points, the preferred series' first, in order of appearance."""
    rows = info(fig).get("data", [])
    rank = {role: i for i, role in enumerate(ROLES)}
    ordered = sorted(range(len(rows)), key=lambda i: (rank.get(rows[i]["role"], 9), i))
    return list(dict.fromkeys(rows[i]["source_id"] for i in ordered))


def _wrap(text: str, size: float) -> str:
    import textwrap

    width = _CHARS[size]
    return "\n".join(
        textwrap.fill(part, width, break_on_hyphens=False) if part else part
        for part in text.split("\n")
    )


def finish(
    fig: Figure,
    ax: Axes,
    *,
    title: str,
    ylabel: str | None = None,
    credit: str,
    sources: Sequence[str],
    lang: str,
    subtitle: str | None = None,
    xlabel: str | None = None,
    note: str | None = None,
    suptitle: bool = False,
    label_room: float = 0.0,
) -> Figure:
    """The house finish: a headline (``title``) stating the finding, a subtitle with measure, unit and
    basis, the note and credit lines at the foot, axis labels only where they add something.

    Headline, subtitle and foot are wrapped before layout and placed on the figure, outside the
    axes, so the plot keeps the rest of the canvas; ``label_room`` (a fraction of the width) is kept free
    on the right for direct labels (:func:`label_ends`). Records title, subtitle, note and ``sources``
    for the build's downloads. (``suptitle`` is accepted for figures of several panels.)"""
    del suptitle
    with house_style():
        head = _wrap(title, 15)
        sub = _wrap(subtitle, 10.5) if subtitle else ""
        foot_text = f"{credit} {t('credit_suffix', lang)}"
        if note:
            foot_text = f"{note}\n{foot_text}"
        foot = _wrap(foot_text, 8)
        inch = fig.get_figheight()
        top = 1 - 0.14 / inch
        fig.text(0.012, top, head, fontsize=15, fontweight="bold", color=INK, va="top", ha="left")
        top -= (head.count("\n") + 1) * 15 * 1.25 / 72 / inch
        if sub:
            top -= 0.04 / inch
            fig.text(0.012, top, sub, fontsize=10.5, color="0.25", va="top", ha="left")
            top -= (sub.count("\n") + 1) * 10.5 * 1.3 / 72 / inch
        fig.text(0.012, 0.10 / inch, foot, fontsize=8, color=NOTE_COLOR, va="bottom", ha="left")
        bottom = 0.10 / inch + (foot.count("\n") + 1) * 8 * 1.3 / 72 / inch
        if ylabel:
            ax.set_ylabel(ylabel)
        if xlabel:
            ax.set_xlabel(xlabel)
        fig.get_layout_engine().set(
            rect=(0, bottom + 0.05 / inch, 1 - label_room, top - bottom - 0.12 / inch)
        )
    info(fig).update(
        {
            "title": title,
            "subtitle": subtitle or "",
            "note": note or "",
            "credit": credit,
            "ylabel": ylabel or "",
            "sources": list(dict.fromkeys(sources)),
            "lang": lang,
        }
    )
    return fig


def label_ends(
    ax: Axes,
    items: Sequence[tuple[float, float, str, str]],
    *,
    fontsize: float = 9.5,
    gap: float = 1.35,
    dx: float = 6,
    ha: str = "left",
) -> None:
    """Direct labels: each ``(x, y, text, colour)`` is written beside its point (a line's end),
    moved up or down only as far as needed so that no two labels overlap."""
    if not items:
        return
    fig = ax.figure
    fig.draw_without_rendering()  # the layout is final: positions in pixels hold
    trans = ax.transData
    pts = [(trans.transform((x, y))[1], i) for i, (x, y, _, _) in enumerate(items)]
    heights = [(items[i][2].count("\n") + 1) * fontsize * gap * fig.dpi / 72 for _, i in pts]
    order = sorted(range(len(pts)), key=lambda k: pts[k][0])
    placed: dict[int, float] = {}
    prev_top = None
    for k in order:
        y, i = pts[k]
        half = heights[k] / 2
        if prev_top is not None and y - half < prev_top:
            y = prev_top + half
        placed[i] = y
        prev_top = y + half
    inv = ax.transData.inverted()
    for i, (x, y, text, color) in enumerate(items):
        _, ydata = inv.transform((trans.transform((x, y))[0], placed[i]))
        ann = ax.annotate(
            text,
            (x, ydata),
            xytext=(dx if ha == "left" else -dx, 0),
            textcoords="offset points",
            ha=ha,
            va="center",
            fontsize=fontsize,
            color=color,
            fontweight="bold",
            annotation_clip=False,
        )
        ann.set_in_layout(False)


def shade(ax: Axes, start: float, end: float, label: str) -> None:
    """A light band over a period (e.g. the Popular Unity years), labelled at the top."""
    ax.axvspan(start, end, color="0.88", zorder=0, lw=0)
    ax.text(
        (start + end) / 2,
        1.0,
        label,
        transform=ax.get_xaxis_transform(),
        ha="center",
        va="bottom",
        fontsize=8,
        color="0.3",
    )


def decimal_year(ts) -> float:
    """A timestamp as a fractional year, for yearly axes (1973-09-11 -> 1973.69)."""
    return ts.year + (ts.day_of_year - 1) / 365.25


def mark_events(
    ax: Axes, frame, lang: str, *, yearly: bool = True, fontsize: float = 7.5
) -> list[str]:
    """Dotted vertical lines with short labels at the given events; returns their source ids."""
    label_col = f"label_{lang}"
    ymin, ymax = ax.get_ylim()
    for i, (_, ev) in enumerate(frame.iterrows()):
        x = decimal_year(ev["date"]) if yearly else ev["date"]
        ax.axvline(x, color="0.35", lw=0.8, ls=":", zorder=1)
        ax.text(
            x,
            0.98 - 0.07 * (i % 3),
            f" {ev[label_col]}",
            transform=ax.get_xaxis_transform(),
            rotation=0,
            ha="left",
            va="top",
            fontsize=fontsize,
            color="0.2",
            bbox={"boxstyle": "square,pad=0.1", "fc": "white", "ec": "none", "alpha": 0.8},
        )
    ax.set_ylim(ymin, ymax)
    return list(frame["source_id"])


def render_pngs(fig: Figure) -> tuple[bytes, bytes]:
    """The figure as the report's PNG (960x540) and the slide's (1920x1080), from one drawing.

    The canvas is drawn once at the slide's resolution; the report's image is that drawing
    reduced by two (each pixel the mean of four), which is also a finer antialiasing than a
    drawing at the smaller size. After this the layout is fixed, so a later SVG has the same one."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from PIL import Image

    with house_style():
        canvas = FigureCanvasAgg(fig)
        fig.set_dpi(SLIDE_DPI)
        canvas.draw()
        width, height = canvas.get_width_height()
        image = Image.frombuffer(
            "RGBA", (width, height), canvas.buffer_rgba(), "raw", "RGBA", 0, 1
        )
        image = image.convert("RGB")
        fig.set_dpi(REPORT_DPI)
    fig.set_layout_engine("none")
    out = []
    for img in (image.reduce(2), image):
        buf = io.BytesIO()
        img.save(buf, format="png", compress_level=6)
        out.append(buf.getvalue())
    return out[0], out[1]


def _stable_svg_ids(svg: bytes) -> bytes:
    """Number the SVG's clip-path ids in order of appearance.

    matplotlib names a clip path by a hash of its rectangle's coordinates at full float precision;
    a layout can differ in the last bits depending on what the same process drew before (the font
    engine keeps state), which changed the ids, and only the ids, between a serial and a parallel
    build. Numbered ids keep the file byte-identical whatever was drawn before."""
    import re

    names: dict[bytes, bytes] = {}
    pattern = re.compile(rb"(?<=id=\")(p[0-9a-f]{10})(?=\")|(?<=url\(#)(p[0-9a-f]{10})(?=\))")

    def sub(match: re.Match[bytes]) -> bytes:
        key = match.group(1) or match.group(2)
        if key not in names:
            names[key] = b"clip%d" % (len(names) + 1)
        return names[key]

    return pattern.sub(sub, svg)


def render(fig: Figure, fmt: str, dpi: float = REPORT_DPI) -> bytes:
    """The figure as PNG (at ``dpi``) or SVG bytes, identical from run to run."""
    buf = io.BytesIO()
    with house_style():
        fig.savefig(buf, format=fmt, metadata=SAVE_METADATA[fmt], dpi=dpi)
    data = buf.getvalue()
    return _stable_svg_ids(data) if fmt == "svg" else data
