"""Election figures: presidential races 1932-1970, the 1970 three-way race, the UP vote, deputies."""

from __future__ import annotations

import pandas as pd
from matplotlib.figure import Figure
from matplotlib.patches import Patch

from analysis.charts.figures._common import finish
from analysis.charts.i18n import t
from analysis.charts.style import ARTICLE_STYLE, COLORS, HATCHES, MARKERS, new_figure
from analysis.data.datasets import load
from analysis.study.indicators import alliance_share
from analysis.study.sources import ARTICLE, attributions, preferred_source

UP = "Unidad Popular"


def _one_result(
    frame: pd.DataFrame, date: str, election: str, basis: str = "valid"
) -> tuple[pd.DataFrame, str]:
    rows = frame[
        (frame["date"] == date) & (frame["election"] == election) & (frame["share_basis"] == basis)
    ]
    sid = preferred_source(rows)
    return rows[rows["source_id"] == sid].sort_values("share_pct", ascending=False), sid


def _surname(name: str) -> str:
    parts = name.split()
    if len(parts) >= 3 and parts[-2][0].isupper() and parts[-1][0].isupper():
        return parts[-2]  # Spanish double surname: paternal one
    return parts[-1]


def presidential_elections(lang: str = "en") -> Figure:
    """Every presidential election 1932-1970: candidates' shares of the valid vote, stacked."""
    frame = load("elections")
    pres = frame[frame["election"] == "presidential"]
    dates = sorted(pres["date"].dt.strftime("%Y-%m-%d").unique())
    fig, ax = new_figure((9, 5.6))
    used = []
    for row, date in enumerate(dates):
        res, sid = _one_result(pres, date, "presidential")
        used.append(sid)
        left = 0.0
        for rank, (_, c) in enumerate(res.iterrows()):
            share = float(c["share_pct"])
            ax.barh(
                row,
                share,
                left=left,
                color=COLORS[rank % 4 + 1] if rank < 4 else "0.8",
                hatch=HATCHES[rank % len(HATCHES)],
                edgecolor="white",
                lw=0.8,
            )
            if share >= 9:
                ax.text(
                    left + share / 2,
                    row,
                    f"{_surname(str(c['contender']))}\n{share:.1f}".replace(
                        ".", "," if lang == "es" else "."
                    ),
                    ha="center",
                    va="center",
                    fontsize=7.5,
                    bbox={
                        "boxstyle": "round,pad=0.15",
                        "fc": "white",
                        "ec": "none",
                        "alpha": 0.85,
                    },
                )
            left += share
    ax.set_yticks(range(len(dates)), [d[:4] for d in dates])
    ax.invert_yaxis()
    ax.set_xlim(0, 100)
    ax.grid(axis="x")
    ax.grid(axis="y", visible=False)
    return finish(
        fig,
        ax,
        title=t("pres.title", lang),
        ylabel=t("year", lang),
        xlabel=t("pres.ylabel", lang),
        source_ids=used,
        lang=lang,
    )


def election_1970(lang: str = "en") -> Figure:
    """4 September 1970: each source's figure for Allende, Alessandri and Tomic, on each basis."""
    frame = load("elections")
    rows = frame[(frame["date"] == "1970-09-04") & (frame["election"] == "presidential")]
    main = (
        rows[rows["source_id"] != ARTICLE]
        .groupby("contender")["share_pct"]
        .max()
        .sort_values(ascending=False)
    )
    contenders = [c for c in main.index[:3]]
    fig, ax = new_figure((9, 4.8))
    used: list[str] = []
    series = sorted(
        {
            (str(r.source_id), str(r.share_basis))
            for r in rows.itertuples()
            if r.source_id != ARTICLE
        }
    )
    n = len(series) + 1
    for i, (sid, basis) in enumerate(series):
        g = rows[(rows["source_id"] == sid) & (rows["share_basis"] == basis)].set_index(
            "contender"
        )
        ys = [k + (i - n / 2) * 0.8 / n for k in range(len(contenders))]
        xs = [g["share_pct"].get(c, float("nan")) for c in contenders]
        ax.plot(
            xs,
            ys,
            linestyle="none",
            marker=MARKERS[i % len(MARKERS)],
            color=COLORS[i % len(COLORS)],
            markersize=7,
            label=f"{attributions([sid])[0]} ({t('basis.' + basis, lang)})",
        )
        used.append(sid)
    art = rows[rows["source_id"] == ARTICLE].set_index("contender")
    if not art.empty:
        xs = [art["share_pct"].get(c, float("nan")) for c in contenders]
        ys = [k + (n / 2) * 0.8 / n for k in range(len(contenders))]
        ax.plot(xs, ys, label=t("article", lang), **ARTICLE_STYLE)
        used.append(ARTICLE)
    ax.set_yticks(range(len(contenders)), contenders)
    ax.invert_yaxis()
    ax.grid(axis="x")
    ax.grid(axis="y", visible=False)
    ax.legend(loc="lower right", fontsize=7.5)
    return finish(
        fig,
        ax,
        title=t("pres1970.title", lang),
        ylabel="",
        xlabel=t("pres1970.xlabel", lang),
        source_ids=used,
        lang=lang,
    )


def _up_points(frame: pd.DataFrame) -> list[tuple[str, str, str, float, str]]:
    """(key, date, source, share, kind) for the UP's vote in 1970, 1971 and 1973, every source."""
    out = []
    allende = frame[
        (frame["date"] == "1970-09-04")
        & (frame["election"] == "presidential")
        & (frame["contender"] == "Salvador Allende")
        & (frame["share_basis"] == "valid")
    ]
    for r in allende.itertuples():
        out.append(("up.pres1970", "1970-09-04", str(r.source_id), float(r.share_pct)))
    for key, date, election in (
        ("up.mun1971", "1971-04-04", "municipal"),
        ("up.dep1973", "1973-03-04", "deputies"),
    ):
        rows = frame[
            (frame["date"] == date)
            & (frame["election"] == election)
            & (frame["share_basis"] == "valid")
        ]
        totals = rows[(rows["contender"] == UP) & (rows["alliance"] == UP)]
        for r in totals.itertuples():
            out.append((key, date, str(r.source_id), float(r.share_pct)))
        have = {sid for _, _, sid, _ in [p for p in out if p[0] == key]}
        for (_, _, _, sid), share in alliance_share(rows, UP).items():
            if sid not in have:
                out.append((key, date, str(sid), float(share)))
    return out


def up_vote(lang: str = "en") -> Figure:
    """The Popular Unity's share of the valid vote in 1970, 1971 and 1973, every source."""
    frame = load("elections")
    points = _up_points(frame)
    keys = ["up.pres1970", "up.mun1971", "up.dep1973"]
    sources = sorted({p[2] for p in points if p[2] != ARTICLE})
    fig, ax = new_figure((9, 5))
    for i, sid in enumerate(sources):
        pts = [
            (keys.index(k) + (i - len(sources) / 2) * 0.06, s)
            for k, _, s_id, s in points
            if s_id == sid
        ]
        ax.plot(
            [p[0] for p in pts],
            [p[1] for p in pts],
            linestyle="none",
            marker=MARKERS[i % len(MARKERS)],
            color=COLORS[i % len(COLORS)],
            markersize=7,
            label=attributions([sid])[0],
        )
    art = [(keys.index(k) + 0.2, s) for k, _, s_id, s in points if s_id == ARTICLE]
    if art:
        ax.plot(
            [p[0] for p in art], [p[1] for p in art], label=t("article", lang), **ARTICLE_STYLE
        )
    ax.axhline(50, color="0.4", lw=0.8, ls="--")
    ax.set_xticks(range(3), [t(k, lang) for k in keys])
    ax.set_xlim(-0.5, 2.5)
    ax.set_ylim(30, 55)
    ax.legend(loc="lower right", fontsize=7.5)
    used = sources + ([ARTICLE] if art else [])
    return finish(
        fig, ax, title=t("up.title", lang), ylabel=t("up.ylabel", lang), source_ids=used, lang=lang
    )


PARTIES = ("PDC", "PS", "PC", "PR", "PN", "PL", "PCU")


def deputies_by_party(lang: str = "en") -> Figure:
    """Shares of the main parties in the Chamber of Deputies elections of 1961, 1965, 1969 and 1973."""
    frame = load("elections")
    dep = frame[(frame["election"] == "deputies") & (frame["share_basis"] == "valid")]
    dates = sorted(dep["date"].dt.strftime("%Y-%m-%d").unique())
    if not dates:
        raise ValueError("elections.csv has no Chamber of Deputies results on a valid-vote basis")
    table: dict[str, dict[int, float]] = {}
    used = []
    for date in dates:
        res, sid = _one_result(dep, date, "deputies")
        used.append(sid)
        for r in res.itertuples():
            if r.contender in PARTIES:
                table.setdefault(str(r.contender), {})[int(date[:4])] = float(r.share_pct)
    fig, ax = new_figure()
    handles = []
    for i, party in enumerate(p for p in PARTIES if p in table):
        years = sorted(table[party])
        ax.plot(
            years,
            [table[party][y] for y in years],
            color=COLORS[i % len(COLORS)],
            marker=MARKERS[i % len(MARKERS)],
            linestyle="-" if i < 3 else "--",
        )
        y = years[-1]
        ax.annotate(
            party,
            (y, table[party][y]),
            xytext=(6, 0),
            textcoords="offset points",
            va="center",
            fontsize=8.5,
        )
        handles.append(Patch(color=COLORS[i % len(COLORS)], label=party))
    ax.set_xticks([int(d[:4]) for d in dates])
    ax.set_xlim(int(dates[0][:4]) - 0.5, int(dates[-1][:4]) + 1.2)
    ax.set_ylim(bottom=0)
    return finish(
        fig,
        ax,
        title=t("deputies.title", lang),
        ylabel=t("deputies.ylabel", lang),
        xlabel=t("year", lang),
        source_ids=used,
        lang=lang,
    )
