"""The timeline of Chile 1879-1990: every dated event, one lane per kind of event."""

from __future__ import annotations

from matplotlib.figure import Figure

from analysis.charts.figures._common import finish
from analysis.charts.i18n import t
from analysis.charts.style import COLORS, MARKERS, decimal_year, house_style
from analysis.data.datasets import load

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


def _label_offsets(xs: list[float], gap: float) -> list[int]:
    """Vertical offsets (points) for labels in one lane, so that neighbours closer than ``gap`` years
    take turns above and below and do not overprint each other."""
    levels = (5, -11, 17, -23)
    out, last, k = [], None, 0
    for x in xs:
        k = k + 1 if last is not None and x - last < gap else 0
        out.append(levels[k % len(levels)])
        last = x
    return out


def timeline(lang: str = "en") -> Figure:
    """Two panels: 1879-1990 at a glance, and 1969-1973 with every event labelled."""
    frame = load("events").sort_values("date")
    frame = frame.drop_duplicates(subset=["label_en"], keep="first")
    with house_style():
        fig = Figure(figsize=(11, 9.5), dpi=100)
        top, bottom = fig.subplots(2, 1, height_ratios=[1, 1.5])
    fig.set_layout_engine("constrained")
    zoom = (1969.6, 1973.9)
    for ax, (start, end), detail in ((top, (1878, 1991), False), (bottom, zoom, True)):
        rows = frame[[start <= decimal_year(d) <= end for d in frame["date"]]]
        lanes = [c for c in LANES if c in set(rows["category"])]
        with house_style():
            for i, cat in enumerate(lanes):
                g = rows[rows["category"] == cat]
                xs = [decimal_year(d) for d in g["date"]]
                k = LANES.index(cat)
                ax.plot(
                    xs,
                    [i] * len(xs),
                    linestyle="none",
                    marker=MARKERS[k % len(MARKERS)],
                    color=COLORS[k % len(COLORS)],
                    markersize=6 if detail else 5,
                )
                if detail:
                    offsets = _label_offsets(xs, gap=0.35)
                    for x, text, dy in zip(xs, g[f"label_{lang}"], offsets, strict=True):
                        ax.annotate(
                            text,
                            (x, i),
                            xytext=(4, dy),
                            textcoords="offset points",
                            fontsize=7,
                            color="0.15",
                            va="center",
                        )
            ax.set_yticks(range(len(lanes)), [t(f"cat.{c}", lang) for c in lanes], fontsize=8)
            ax.set_ylim(len(lanes) - 0.4, -0.6)
            ax.set_xlim(start, end)
            ax.grid(axis="x")
            ax.grid(axis="y", visible=False)
    bottom.set_xticks([1970, 1971, 1972, 1973], ["1970", "1971", "1972", "1973"])
    top.axvspan(*zoom, color="0.88", zorder=0, lw=0)
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
