"""The chronology of the Popular Unity years: the dated events of 1970-1973 on one time line.

Each event is drawn once. Where sources give one event two dates (events.csv keeps a row per source,
so that the disagreement shows), the date drawn is that of the source the one rule of
:func:`analysis.study.sources.preferred_source` prefers, among the rows not flagged as a probable
slip; the other dates are small grey rings on the line, and the note says which they are. Labels
hang from stems above and below the line, each placed at the nearest level where it touches no other
label and no other stem, checked against the laid-out figure, so no two labels collide.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.lines import Line2D

from analysis.charts.figures._common import finish, up_band
from analysis.charts.i18n import MONTHS, fmt_month, register, say, t
from analysis.charts.style import FAINT, INK, decimal_year, new_figure, record
from analysis.data.datasets import load
from analysis.study.sources import ARTICLE, preferred_source

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.axes import Axes

START, END = "1970-01-01", "1973-12-31"
# Kinds of event (events.csv category) in groups, each with one colour and marker on every chart
# of this module: the group's name is the legend's entry.
GROUPS = {
    "election": ("elections", "#0072B2", "o"),
    "plebiscite": ("elections", "#0072B2", "o"),
    "policy": ("government", INK, "s"),
    "reform": ("economy", "#009E73", "D"),
    "nationalisation": ("economy", "#009E73", "D"),
    "economy": ("economy", "#009E73", "D"),
    "party": ("mobilisation", "#E69F00", "^"),
    "strike": ("mobilisation", "#E69F00", "^"),
    "lockout": ("lockout", "#CC79A7", "v"),
    "coup": ("violence", "#D55E00", "X"),
    "war": ("violence", "#D55E00", "X"),
    "massacre": ("violence", "#D55E00", "X"),
}
# Events dated in events.csv (to test claims of the article) that the timeline leaves out: on a
# 16:9 canvas there is no room for another label beside the coup and the march of September 1973
# or in the crowded months of 1971-1972. They stay in the data and in the claims audit.
OFF_TIMELINE = (
    "Allende dies",
    "Cordones letter to Allende",
    "Commanders join cabinet",
    "Yarur mill seized",
)
LEVELS = 7  # label levels above the line (and as many below)
FONTSIZE = 8.5
PAD = 2.0  # pixels kept free above and below each label
PAD_X = 6.0  # and on its sides, so that two labels on one level never read as one

register(
    {
        "chronology.headline": {
            "en": "Three years of Popular Unity: elections and copper first, then a lockout, a "
            "tank revolt and the coup",
            "es": "Tres años de Unidad Popular: primero elecciones y el cobre; luego un paro "
            "patronal, el tanquetazo y el golpe",
        },
        "chronology.subtitle": {
            "en": "Dated events, Chile, {start} to {end}: each drawn once, even where sources "
            "disagree on the date",
            "es": "Hechos fechados, Chile, de {start} a {end}: cada uno una sola vez, aunque las "
            "fuentes discrepen en la fecha",
        },
        "chronology.note": {
            "en": "Note: grey rings, a second date given for the same event: {dates}.",
            "es": "Nota: anillos grises, una segunda fecha dada para el mismo hecho: {dates}.",
        },
        "chronology.other_date": {"en": "{label}, {date}", "es": "{label}, {date}"},
        "chronology.day": {"en": "{day} {month} {year}", "es": "{day} de {month} de {year}"},
        "chronology.list": {"en": "; ", "es": "; "},
        "chronology.group.elections": {"en": "Elections", "es": "Elecciones"},
        "chronology.group.government": {"en": "Government", "es": "Gobierno"},
        "chronology.group.economy": {
            "en": "Reform, nationalisation",
            "es": "Reforma, nacionalización",
        },
        "chronology.group.mobilisation": {
            "en": "Parties, protests, strikes",
            "es": "Partidos, protestas, huelgas",
        },
        "chronology.group.lockout": {"en": "Lockout", "es": "Paro patronal"},
        "chronology.group.violence": {"en": "Revolt, coup", "es": "Alzamiento, golpe"},
    }
)


def _slip(rows: pd.DataFrame) -> pd.Series:
    """Rows whose note calls their date a probable slip or suspect: never the date drawn."""
    return rows["note"].fillna("").str.contains(r"\bslip\b|suspect", regex=True)


def chronology_events(start: str = START, end: str = END) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The events between ``start`` and ``end``, each once, and the other dates sources give them.

    Rows sharing a ``label_en`` are one event. Its date is the row of the source
    :func:`~analysis.study.sources.preferred_source` prefers among the rows not flagged as a slip
    (all rows, if every one is flagged; the article's row where it is the only one); a row giving
    the same date confirms it and is not an other date. Events in :data:`OFF_TIMELINE` are left
    out. Returns (events, other dates), both sorted by date."""
    frame = load("events")
    frame = frame[(frame["date"] >= start) & (frame["date"] <= end)]
    frame = frame[~frame["label_en"].isin(OFF_TIMELINE)]
    keep, other = [], []
    for _, group in frame.groupby("label_en", sort=False):
        if len(group) == 1:
            keep.append(group.index[0])
            continue
        fit = group[~_slip(group)]
        fit = fit if len(fit) else group
        try:
            sid = preferred_source(fit, "date")
        except ValueError:  # only the article dates it
            sid = ARTICLE
        chosen = fit[fit["source_id"] == sid].sort_values("date").index[0]
        keep.append(chosen)
        other += [
            i
            for i in group.index
            if i != chosen and group.at[i, "date"] != group.at[chosen, "date"]
        ]
    return frame.loc[keep].sort_values("date"), frame.loc[other].sort_values("date")


def _day(day: pd.Timestamp, lang: str) -> str:
    month = MONTHS[lang].split()[day.month - 1]
    return t("chronology.day", lang, day=day.day, month=month, year=day.year)


def _overlap(a: tuple[float, ...], b: tuple[float, ...]) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def _place(ax: Axes, items: list[tuple[float, str, str]]) -> list[tuple[float, int]]:
    """Write each ``(x, text, colour)`` as a label on a stem rising (or falling) from the line.

    Each label sits at a level above or below the line, its text to the right of its stem or,
    failing that, to the left; a label's box, grown by ``PAD`` and ``PAD_X`` pixels, may overlap no
    other label and no stem, no stem may cross a label, and every box stays inside the axes. Levels
    are chosen event by event, nearest the line first, going back to change an earlier choice when a
    later event finds no place (measured on the laid-out figure, in pixels). Returns (x, level) per
    item."""
    fig = ax.figure
    if not hasattr(fig.canvas, "get_renderer"):
        FigureCanvasAgg(fig)
    fig.draw_without_rendering()  # the layout is final: pixel positions hold
    renderer = fig.canvas.get_renderer()
    frame = ax.get_window_extent(renderer)
    to_px = ax.transData.transform
    offset = 3 * fig.dpi / 72  # the text's distance from its stem

    def label(x: float, text: str, colour: str, level: int, ha: str):
        ann = ax.annotate(
            text,
            (x, level),
            xytext=(3 if ha == "left" else -3, 0),
            textcoords="offset points",
            ha=ha,
            va="center",
            fontsize=FONTSIZE,
            color=colour,
            annotation_clip=False,
        )
        ann.set_in_layout(False)
        return ann

    sizes = []
    for x, text, colour in items:
        ann = label(x, text, colour, 0, "left")
        box = ann.get_window_extent(renderer)
        sizes.append((box.width, box.height))
        ann.remove()
    tries = [
        (sign * k, ha)
        for k in range(1, LEVELS + 1)
        for ha in ("left", "right")
        for sign in (1, -1)
    ]

    def geometry(i: int, level: int, ha: str):
        (px, base), (_, y) = to_px((items[i][0], 0)), to_px((items[i][0], level))
        w, h = sizes[i]
        x0 = px + offset if ha == "left" else px - offset - w
        box = (x0 - PAD_X, y - h / 2 - PAD, x0 + w + PAD_X, y + h / 2 + PAD)
        stem = (px - 0.75, min(base, y), px + 0.75, max(base, y))
        inside = frame.x0 <= box[0] and box[2] <= frame.x1 and frame.y0 <= box[1]
        return box, stem, inside and box[3] <= frame.y1

    options = []
    for i in range(len(items)):
        options.append(
            [(lv, ha, *geometry(i, lv, ha)[:2]) for lv, ha in tries if geometry(i, lv, ha)[2]]
        )
    chosen: list[tuple] = []
    best: list[tuple] = []
    budget = [200_000]

    def search(i: int) -> bool:
        nonlocal best
        if len(chosen) > len(best):
            best = list(chosen)
        if i == len(items):
            return True
        for option in options[i]:
            budget[0] -= 1
            if budget[0] < 0:
                return False
            _, _, box, stem = option
            if any(
                _overlap(box, b) or _overlap(box, s) or _overlap(stem, b) for _, _, b, s in chosen
            ):
                continue
            chosen.append(option)
            if search(i + 1):
                return True
            chosen.pop()
        return False

    search(0)
    out = []
    for i, (x, text, colour) in enumerate(items):
        # an event left without a place is drawn at the last level, for the checks to find
        level, ha = best[i][:2] if i < len(best) else tries[-1]
        label(x, text, colour, level, ha)
        out.append((x, level))
    return out


def timeline(lang: str = "en") -> Figure:
    """The events of 1970-1973 on one time line, each once, coloured by kind of event."""
    frame, other = chronology_events()
    fig, ax = new_figure()
    up_band(ax, lang)
    xs = [decimal_year(d) for d in frame["date"]]
    ax.axhline(0, color="0.35", lw=1.0, zorder=1)
    seen: dict[str, tuple[str, str]] = {}
    for x, cat in zip(xs, frame["category"], strict=True):
        group, colour, marker = GROUPS[cat]
        seen.setdefault(group, (colour, marker))
        ax.plot([x], [0], marker=marker, color=colour, markersize=6.5, zorder=4, linestyle="none")
    for day in other["date"]:
        ax.plot(
            [decimal_year(day)],
            [0],
            marker="o",
            markersize=7,
            markerfacecolor="white",
            markeredgecolor=FAINT,
            markeredgewidth=1.2,
            linestyle="none",
            zorder=3,
        )
    record(
        ax,
        "events",
        [f"{d:%Y-%m-%d}" for d in frame["date"]],
        list(frame["label_en"]),
        list(frame["source_id"].astype(str)),
        kind="points",
    )
    if len(other):
        record(
            ax,
            "events",
            [f"{d:%Y-%m-%d}" for d in other["date"]],
            list(other["label_en"]),
            list(other["source_id"].astype(str)),
            kind="points",
            role="other",
        )
    ax.set_ylim(-LEVELS - 0.7, LEVELS + 0.7)
    first, last = frame["date"].min(), frame["date"].max()
    ax.set_xlim(first.year + (first.month - 2.5) / 12, last.year + (last.month + 2.5) / 12)
    years = list(range(first.year + 1, last.year + 1))
    ax.set_xticks(years, [str(y) for y in years])
    ax.set_xticks(
        [y + m / 12 for y in range(first.year, last.year + 1) for m in range(12)], minor=True
    )
    ax.set_yticks([])
    ax.grid(axis="y", visible=False)
    ax.grid(axis="x", color="0.85", lw=0.8)
    for side in ("left", "right", "top"):
        ax.spines[side].set_visible(False)
    handles = [
        Line2D(
            [],
            [],
            marker=m,
            color=c,
            linestyle="none",
            markersize=6.5,
            label=t(f"chronology.group.{g}", lang),
        )
        for g, (c, m) in seen.items()
    ]
    ax.legend(
        handles=handles,
        loc="upper center",
        bbox_to_anchor=(0.5, -0.09),
        ncol=len(handles),
        frameon=False,
        fontsize=8.5,
        handletextpad=0.3,
        columnspacing=1.4,
    )
    note = None
    if len(other):
        dates = t("chronology.list", lang).join(
            t(
                "chronology.other_date",
                lang,
                label=say(r[f"label_{lang}"], lang),
                date=_day(r["date"], lang),
            )
            for _, r in other.iterrows()
        )
        note = t("chronology.note", lang, dates=dates)
    finish(
        fig,
        ax,
        title=t("chronology.headline", lang),
        subtitle=t(
            "chronology.subtitle",
            lang,
            start=fmt_month(first.year, first.month, lang),
            end=fmt_month(last.year, last.month, lang),
        ),
        note=note,
        lang=lang,
    )
    labels = [say(v, lang) for v in frame[f"label_{lang}"]]
    colours = [GROUPS[c][1] for c in frame["category"]]
    spots = _place(ax, [(x, text, INK) for x, text in zip(xs, labels, strict=True)])
    for (x, level), colour in zip(spots, colours, strict=True):
        ax.plot([x, x], [0, level], color=colour, lw=0.9, zorder=2)
    return fig
