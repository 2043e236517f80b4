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
FIGSIZE = (9.0, 5.0)
WIDE = (11.0, 5.0)  # for charts with the legend beside the plot


def series_style(i: int) -> dict[str, Any]:
    """Colour, line style and marker of the ``i``-th series."""
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


def new_figure(size: tuple[float, float] = FIGSIZE) -> tuple[Figure, Axes]:
    """A figure with one axes in the house style."""
    with house_style():
        fig = Figure(figsize=size, dpi=100)
        ax = fig.add_subplot()
    fig.set_layout_engine("constrained")
    _STYLED.add(id(fig))
    return fig, ax


_STYLED: set[int] = set()


def finish(
    fig: Figure,
    ax: Axes,
    *,
    title: str,
    ylabel: str,
    credit: str,
    sources: Sequence[str],
    lang: str,
    xlabel: str | None = None,
    note: str | None = None,
    suptitle: bool = False,
) -> Figure:
    """Title, axis labels with units and the credit line ``credit``; records the title and the
    ``sources`` drawn for the build.

    ``suptitle`` puts the title over the whole figure (for figures of several panels).
    """
    with house_style():
        if suptitle:
            fig.suptitle(title, x=0.01, ha="left", fontsize=12.5, fontweight="bold")
        else:
            ax.set_title(title, loc="left", fontsize=12.5, fontweight="bold", pad=12)
        ax.set_ylabel(ylabel)
        if xlabel:
            ax.set_xlabel(xlabel)
        text = credit if not note else f"{note}\n{credit}"
        fig.text(
            0.01,
            0.005,
            f"{text} {t('credit_suffix', lang)}",
            fontsize=7.5,
            color="0.25",
            ha="left",
            va="bottom",
            wrap=True,
        )
        fig.get_layout_engine().set(
            rect=(0, 0.06 if not note else 0.09, 1, 0.94 if not note else 0.91)
        )
    fig._chile73 = {"title": title, "sources": list(dict.fromkeys(sources))}  # type: ignore[attr-defined]
    return fig


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


def render(fig: Figure, fmt: str) -> bytes:
    """The figure as PNG or SVG bytes, identical from run to run."""
    buf = io.BytesIO()
    with house_style():
        fig.savefig(buf, format=fmt, metadata=SAVE_METADATA[fmt])
    return buf.getvalue()
