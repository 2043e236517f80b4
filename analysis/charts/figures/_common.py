"""Pieces the figure modules share: the preferred series of a story chart, the faint marks of the
other sources, the article's points, the UP band, events and the finish with its credit line.

A *story* chart draws one preferred series per quantity, chosen by
:func:`analysis.study.sources.preferred_source` (one rule for every chart), and the other sources as
small grey hollow marks; an *evidence* chart draws every source on purpose (:func:`plot_sources`).
Every helper here records what it plots (:func:`analysis.charts.style.record`), so a chart's credit
line names exactly the sources of its points and its data download gives the source of each one.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING

import numpy as np

from analysis.charts.credits import credit_line, source_name
from analysis.charts.i18n import say, t
from analysis.charts.style import (
    ARTICLE_STYLE,
    FAINT,
    INK,
    info,
    mark_events,
    plotted_sources,
    record,
    series_style,
    shade,
)
from analysis.charts.style import finish as _finish
from analysis.data.datasets import load
from analysis.study.sources import ARTICLE, preferred_source

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

UP_START, UP_END = 1970 + 306 / 365.25, 1973 + 253 / 365.25  # 3 Nov 1970, 11 Sep 1973
# The events marked on long-run charts: label_en values in events.csv.
KEY_EVENTS = ("Coup",)


def by_source(frame: pd.DataFrame) -> list[tuple[str, pd.DataFrame]]:
    """Non-article rows split by source, as (source id, rows), the longest series first."""
    rows = frame[frame["source_id"] != ARTICLE]
    groups = [(str(sid), g) for sid, g in rows.groupby("source_id", sort=True)]
    return sorted(groups, key=lambda item: (-len(item[1]), item[0]))


def _broken(xs: np.ndarray, ys: np.ndarray, step: float | None) -> tuple[list, list]:
    """The points with a gap (NaN) wherever consecutive x are more than ``step`` apart, so a line
    never bridges missing years or months."""
    if step is None or len(xs) < 2:
        return list(xs), list(ys)
    out_x, out_y = [xs[0]], [ys[0]]
    for x0, x1, y1 in zip(xs[:-1], xs[1:], ys[1:], strict=True):
        if x1 - x0 > step * 1.01:
            out_x.append((x0 + x1) / 2)
            out_y.append(np.nan)
        out_x.append(x1)
        out_y.append(y1)
    return out_x, out_y


def marks(
    ax: Axes,
    xs,
    ys,
    *,
    color: str,
    marker: str = "o",
    size: float = 4.5,
    face: str = "none",
    edge: float = 0.9,
    zorder: float = 2,
) -> None:
    """Unjoined marks (hollow unless ``face`` is given): other sources, suspect values, estimates."""
    ax.plot(
        xs,
        ys,
        linestyle="none",
        marker=marker,
        markersize=size,
        markerfacecolor=face,
        markeredgecolor=color,
        markeredgewidth=edge,
        zorder=zorder,
    )


def story_series(
    ax: Axes,
    frame: pd.DataFrame,
    x: str,
    y: str,
    lang: str,
    *,
    series: str,
    color: str = INK,
    scale: float = 1.0,
    position: Callable[[pd.DataFrame], Sequence[float]] | None = None,
    step: float | None = 1.0,
    suspect: Callable[[pd.DataFrame], pd.Series] | None = None,
    others: bool = True,
    source: str | None = None,
    lw: float = 2.4,
) -> tuple[str, pd.DataFrame]:
    """Draw the preferred source of one quantity as a line, the other sources as grey hollow marks.

    ``position`` maps rows to x positions (default: the ``x`` column); ``step`` is the spacing
    beyond which the line breaks (None: never). Rows that ``suspect`` flags are drawn hollow and left
    out of the line. ``source`` forces the preferred source (where a chart explains why). Returns
    the preferred source id and its rows (with ``_x`` and ``_y``), for direct labels."""
    rows = frame.dropna(subset=[y])
    rows = rows[rows["source_id"] != ARTICLE]
    sid = source or preferred_source(rows, y)
    xs_all = (
        np.asarray(position(rows), dtype="float64")
        if position is not None
        else rows[x].astype("float64").to_numpy()
    )
    rows = rows.assign(_x=xs_all, _y=rows[y].astype("float64") / scale)
    if others:
        rest = rows[rows["source_id"] != sid]
        if not rest.empty:
            marks(ax, rest["_x"], rest["_y"], color=FAINT)
            record(
                ax, series, rest[x], rest[y], list(rest["source_id"]), kind="points", role="other"
            )
    main = rows[rows["source_id"] == sid].sort_values("_x")
    flagged = suspect(main) if suspect is not None else None
    if flagged is not None and flagged.any():
        bad = main[flagged.to_numpy()]
        main = main[~flagged.to_numpy()]
        marks(ax, bad["_x"], bad["_y"], color=color, size=6, face="white", edge=1.3, zorder=4)
        record(ax, series, bad[x], bad[y], sid, kind="points", role="suspect")
    xs, ys = _broken(main["_x"].to_numpy(), main["_y"].to_numpy(), step)
    ax.plot(xs, ys, color=color, lw=lw, solid_capstyle="round", zorder=3)
    lone = _isolated(main["_x"].to_numpy(), step)
    if lone.any():
        ax.plot(
            main["_x"].to_numpy()[lone],
            main["_y"].to_numpy()[lone],
            linestyle="none",
            marker="o",
            markersize=4,
            color=color,
            zorder=3,
        )
    record(ax, series, main[x], main[y], sid, kind="line")
    return sid, main


def _isolated(xs: np.ndarray, step: float | None) -> np.ndarray:
    """Points with no neighbour within ``step``: a line cannot show them, a dot does."""
    if step is None or len(xs) == 0:
        return np.zeros(len(xs), dtype=bool)
    prev = np.r_[np.inf, np.diff(xs)]
    nxt = np.r_[np.diff(xs), np.inf]
    return (prev > step * 1.01) & (nxt > step * 1.01)


def stars(ax: Axes, xs, ys) -> None:
    """The article's figures: hollow stars in the article's colour, above the other marks."""
    marks(ax, xs, ys, color=ARTICLE_STYLE["color"], marker="*", size=13, edge=1.4, zorder=5)


def article_marks(
    ax: Axes,
    frame: pd.DataFrame,
    x: str,
    y: str,
    lang: str,
    *,
    series: str,
    scale: float = 1.0,
    position: Callable[[pd.DataFrame], Sequence[float]] | None = None,
) -> None:
    """The article's own figures as hollow stars, recorded with the article as their source."""
    art = frame[frame["source_id"] == ARTICLE].dropna(subset=[y])
    if art.empty:
        return
    xs = position(art) if position is not None else art[x].astype("float64")
    stars(ax, xs, art[y].astype("float64") / scale)
    record(ax, series, art[x], art[y], ARTICLE, kind="points", role="article")


def plot_sources(
    ax: Axes,
    frame: pd.DataFrame,
    x: str,
    y: str,
    lang: str,
    *,
    scale: float = 1.0,
    min_points_for_line: int = 4,
    start: int = 0,
    label_suffix: str = "",
    article: bool = True,
    series: str | None = None,
) -> list[str]:
    """Evidence charts: one line (or markers, for a source with few values) per source, labelled for
    a legend; the article as stars (unless ``article`` is False). On a yearly axis a line breaks
    where years are missing. Returns the source ids drawn."""
    used: list[str] = []
    name = series or y
    for i, (sid, g) in enumerate(by_source(frame)):
        g = g.dropna(subset=[y]).sort_values(x)
        if g.empty:
            continue
        style = series_style(start + i)
        xs, ys = g[x].astype("float64").to_numpy(), g[y].astype("float64").to_numpy() / scale
        label = f"{source_name(sid, lang)}{label_suffix}"
        if len(g) >= min_points_for_line:
            yearly = bool((xs == xs.round()).all())
            px, py = _broken(xs, ys, 1.0 if yearly else None)
            ax.plot(
                px,
                py,
                color=style["color"],
                linestyle=style["linestyle"],
                marker=style["marker"],
                markersize=3,
                label=label,
            )
            record(ax, name, g[x], g[y], sid, kind="line", role="other")
        else:
            ax.plot(
                xs,
                ys,
                color=style["color"],
                marker=style["marker"],
                linestyle="none",
                markersize=6,
                label=label,
            )
            record(ax, name, g[x], g[y], sid, kind="points", role="other")
        used.append(sid)
    art = frame[frame["source_id"] == ARTICLE].dropna(subset=[y])
    if article and not art.empty:
        ax.plot(
            art[x].astype("float64"),
            art[y].astype("float64") / scale,
            label=t("article", lang),
            **ARTICLE_STYLE,
        )
        record(ax, name, art[x], art[y], ARTICLE, kind="points", role="article")
        used.append(ARTICLE)
    return used


def up_band(ax: Axes, lang: str) -> None:
    """Shade the Popular Unity government, 3 November 1970 to 11 September 1973."""
    shade(ax, UP_START, UP_END, t("up_period", lang))


def key_events(
    ax: Axes, lang: str, start: str, end: str, labels: Sequence[str] = KEY_EVENTS
) -> list[str]:
    """Mark the named events between two dates (annotations, not data: not in the credit)."""
    frame = events(start, end, labels=labels)
    frame = frame.assign(**{f"label_{lang}": [say(v, lang) for v in frame[f"label_{lang}"]]})
    return mark_events(ax, frame, lang)


def events(
    start: str,
    end: str,
    categories: Iterable[str] | None = None,
    labels: Iterable[str] | None = None,
):
    """Events between ``start`` and ``end`` (ISO dates), optionally only some categories or labels."""
    frame = load("events")
    frame = frame[(frame["date"] >= start) & (frame["date"] <= end)]
    if categories is not None:
        frame = frame[frame["category"].isin(list(categories))]
    if labels is not None:
        frame = frame[frame["label_en"].isin(list(labels))]
    return frame.sort_values("date")


def finish(
    fig: Figure,
    ax: Axes,
    *,
    lang: str,
    source_ids: Sequence[str] | None = None,
    evidence: bool = False,
    **labels: str | bool | float | None,
) -> Figure:
    """The house finish, its credit line naming the sources of the plotted points (recorded by the
    helpers above, or ``source_ids`` where a chart plots by hand and records nothing)."""
    ids = plotted_sources(fig)
    if source_ids:
        ids = list(dict.fromkeys([*ids, *source_ids]))
    info(fig)["kind"] = "evidence" if evidence else "story"
    credit = credit_line(ids, lang, evidence=evidence)
    return _finish(fig, ax, credit=credit, sources=ids, lang=lang, **labels)
