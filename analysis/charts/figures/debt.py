"""External debt 1955-1990, by measure and source, with the article's 1960 and 1970 figures."""

from __future__ import annotations

from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter

from analysis.charts.figures._common import finish, key_events, up_band
from analysis.charts.i18n import fmt_number, t
from analysis.charts.style import ARTICLE_STYLE, WIDE, new_figure, series_style
from analysis.data.datasets import load
from analysis.study.sources import ARTICLE, attributions

EVENTS = ("Coup", "1982 crisis")


def external_debt(lang: str = "en") -> Figure:
    """Debt outstanding in billions of current US dollars; one series per measure and source."""
    frame = load("external_debt")
    fig, ax = new_figure(WIDE)
    used = []
    rows = frame[frame["source_id"] != ARTICLE]
    groups = sorted(rows.groupby(["measure", "source_id"]), key=lambda kv: (-len(kv[1]), kv[0]))
    for i, ((measure, sid), g) in enumerate(groups):
        g = g.sort_values("year")
        style = series_style(i)
        ax.plot(
            g["year"].astype(float),
            g["debt_usd_millions"] / 1000,
            color=style["color"],
            marker=style["marker"],
            linestyle=style["linestyle"] if len(g) >= 3 else "none",
            markersize=4 if len(g) >= 3 else 6,
            label=f"{attributions([sid])[0]} ({measure.replace('_', ' ')})",
        )
        used.append(sid)
    art = frame[frame["source_id"] == ARTICLE]
    if not art.empty:
        ax.plot(
            art["year"].astype(float),
            art["debt_usd_millions"] / 1000,
            label=t("article", lang),
            **ARTICLE_STYLE,
        )
        used.append(ARTICLE)
    ax.set_xlim(1954, 1991)
    ax.set_ylim(bottom=0)
    up_band(ax, lang)
    used += key_events(ax, lang, "1954-01-01", "1990-12-31", EVENTS)
    ax.yaxis.set_major_formatter(
        FuncFormatter(lambda v, _: fmt_number(v, lang, 0 if v == int(v) else 1))
    )
    ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1), fontsize=7.5)
    return finish(
        fig,
        ax,
        title=t("debt.title", lang),
        ylabel=t("debt.ylabel", lang),
        xlabel=t("year", lang),
        source_ids=used,
        lang=lang,
    )
