"""The timeline of Chile 1879-1990: every dated event, one lane per kind of event."""

from __future__ import annotations

from matplotlib.figure import Figure

from ..datasets import load
from ..i18n import t
from ..style import COLORS, MARKERS, decimal_year, finish, house_style

LANES = (
    "war",
    "massacre",
    "party",
    "election",
    "plebiscite",
    "reform",
    "nationalisation",
    "policy",
    "economy",
    "strike",
    "lockout",
    "coup",
)


def timeline(lang: str = "en") -> Figure:
    """Two panels: 1879-1990 at a glance, and 1969-1973 with every event labelled."""
    frame = load("events").sort_values("date")
    frame = frame.drop_duplicates(subset=["label_en"], keep="first")
    with house_style():
        fig = Figure(figsize=(11, 9), dpi=100)
        top, bottom = fig.subplots(2, 1, height_ratios=[1, 1.6])
    fig.set_layout_engine("constrained")
    lanes = [c for c in LANES if c in set(frame["category"])]
    for ax, (start, end), label_all in (
        (top, (1878, 1991), False),
        (bottom, (1969.6, 1973.9), True),
    ):
        with house_style():
            for i, cat in enumerate(lanes):
                g = frame[frame["category"] == cat]
                xs = [decimal_year(d) for d in g["date"]]
                ax.plot(
                    xs,
                    [i] * len(xs),
                    linestyle="none",
                    marker=MARKERS[i % len(MARKERS)],
                    color=COLORS[i % len(COLORS)],
                    markersize=6 if label_all else 5,
                )
                if label_all:
                    for k, (x, text) in enumerate(zip(xs, g[f"label_{lang}"], strict=True)):
                        if start <= x <= end:
                            ax.annotate(
                                text,
                                (x, i),
                                xytext=(4, 5 if k % 2 == 0 else -10),
                                textcoords="offset points",
                                fontsize=7,
                                color="0.15",
                            )
            ax.set_yticks(range(len(lanes)), [t(f"cat.{c}", lang) for c in lanes], fontsize=8)
            ax.set_xlim(start, end)
            ax.invert_yaxis()
            ax.grid(axis="x")
            ax.grid(axis="y", visible=False)
    top.axvspan(1969.6, 1973.9, color="0.88", zorder=0, lw=0)
    bottom.set_xlabel(t("year", lang))
    return finish(
        fig,
        top,
        title=t("timeline.title", lang),
        ylabel="",
        source_ids=list(frame["source_id"]),
        lang=lang,
        suptitle=True,
    )
