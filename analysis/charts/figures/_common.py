"""Pieces the figure modules share: one line per source, the article's points, the UP band."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from analysis.charts.credits import credit_line
from analysis.charts.i18n import t
from analysis.charts.style import ARTICLE_STYLE, mark_events, series_style, shade
from analysis.charts.style import finish as _finish
from analysis.data.datasets import load
from analysis.study.sources import ARTICLE, attributions

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

UP_START, UP_END = 1970 + 306 / 365.25, 1973 + 253 / 365.25  # 3 Nov 1970, 11 Sep 1973
# The events marked on long-run charts: label_en values in events.csv.
KEY_EVENTS = ("Coup",)


def by_source(frame: pd.DataFrame) -> list[tuple[str, pd.DataFrame]]:
    """Non-article rows split by source, as (short attribution, rows), the longest series first.

    Sources with the same attribution (pages of one book, say) form one series.
    """
    rows = frame[frame["source_id"] != ARTICLE]
    label = {sid: attributions([sid])[0] for sid in rows["source_id"].unique()}
    keyed = rows.assign(_label=[label[s] for s in rows["source_id"]])
    groups = [
        (str(lab), g.drop(columns="_label")) for lab, g in keyed.groupby("_label", sort=True)
    ]
    return sorted(groups, key=lambda item: (-len(item[1]), item[0]))


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
) -> list[str]:
    """One line (or set of markers, for a source with few values) per source; the article as stars
    (unless ``article`` is False). On a yearly axis a line breaks where years are missing.

    Returns the source ids drawn, for the credit line.
    """
    used: list[str] = []
    for i, (label, g) in enumerate(by_source(frame)):
        g = g.dropna(subset=[y]).sort_values(x)
        if g.empty:
            continue
        style = series_style(start + i)
        xs, ys = g[x].astype("float64"), g[y].astype("float64") / scale
        yearly = bool((xs == xs.round()).all()) and not xs.duplicated().any()
        if len(g) >= min_points_for_line and not yearly:
            ax.plot(
                xs,
                ys,
                color=style["color"],
                linestyle=style["linestyle"],
                marker=style["marker"],
                markersize=3,
                label=f"{label}{label_suffix}",
            )
        elif len(g) >= min_points_for_line:
            # Break the line where years are missing, rather than bridging a gap.
            full = range(int(xs.min()), int(xs.max()) + 1)
            ys_full = ys.set_axis(xs.astype(int)).reindex(full)
            ax.plot(
                list(full),
                ys_full.to_list(),
                color=style["color"],
                linestyle=style["linestyle"],
                marker=style["marker"],
                markersize=3,
                label=f"{label}{label_suffix}",
            )
        else:
            ax.plot(
                xs,
                ys,
                color=style["color"],
                marker=style["marker"],
                linestyle="none",
                markersize=6,
                label=f"{label}{label_suffix}",
            )
        used += list(dict.fromkeys(g["source_id"]))
    art = frame[frame["source_id"] == ARTICLE].dropna(subset=[y])
    if article and not art.empty:
        ax.plot(
            art[x].astype("float64"),
            art[y].astype("float64") / scale,
            label=t("article", lang),
            **ARTICLE_STYLE,
        )
        used.append(ARTICLE)
    return used


def up_band(ax: Axes, lang: str) -> None:
    """Shade the Popular Unity government, 3 November 1970 to 11 September 1973."""
    shade(ax, UP_START, UP_END, t("up_period", lang))


def key_events(
    ax: Axes, lang: str, start: str, end: str, labels: Sequence[str] = KEY_EVENTS
) -> list[str]:
    """Mark the named events between two dates; returns the events' source ids."""
    return mark_events(ax, events(start, end, labels=labels), lang)


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
    fig: Figure, ax: Axes, *, source_ids: Sequence[str], lang: str, **labels: str | bool | None
) -> Figure:
    """The house finish (title, labels, credit line) with the credit written from ``source_ids``."""
    ids = list(dict.fromkeys(source_ids))
    return _finish(fig, ax, credit=credit_line(ids, lang), sources=ids, lang=lang, **labels)
