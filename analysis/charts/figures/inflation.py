"""Inflation figures: the long run on a log scale, and 1969-1976 on both measures."""

from __future__ import annotations

import pandas as pd
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter

from analysis.charts.figures._common import finish, key_events, plot_sources, up_band
from analysis.charts.i18n import fmt_number, t
from analysis.charts.style import ARTICLE_STYLE, WIDE, new_figure
from analysis.data.datasets import load
from analysis.study.sources import ARTICLE

EVENTS = ("Coup", "1982 crisis", "Shock programme")


def period_x(period: str, measure: str) -> float:
    """Where a rate sits on a time axis: a twelve-month rate at the end of its last month, an annual
    average in the middle of its year."""
    if measure == "annual_average":
        return int(period[:4]) + 0.5
    year, month = int(period[:4]), int(period[5:7])
    return year + month / 12


def _with_x(frame: pd.DataFrame) -> pd.DataFrame:
    return frame.assign(
        x=[period_x(p, m) for p, m in zip(frame["period"], frame["measure"], strict=True)]
    )


def inflation_long_run(lang: str = "en") -> Figure:
    """December-on-December inflation 1940-1990, every source, log scale."""
    frame = _with_x(load("inflation"))
    december = (frame["measure"] == "twelve_month") & frame["period"].str.endswith("-12")
    fig, ax = new_figure(WIDE)
    rows = frame[december | (frame["source_id"] == ARTICLE)]
    used = plot_sources(ax, rows, "x", "inflation_pct", lang)
    ax.set_yscale("log")
    ax.yaxis.set_major_formatter(
        FuncFormatter(lambda v, _: fmt_number(v, lang, 0 if v >= 1 else 1))
    )
    ax.set_xlim(1939, 1991)
    up_band(ax, lang)
    used += key_events(ax, lang, "1939-01-01", "1990-12-31", EVENTS)
    ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1), fontsize=8)
    return finish(
        fig,
        ax,
        title=t("infl.title", lang),
        ylabel=t("infl.ylabel", lang),
        xlabel=t("year", lang),
        source_ids=used,
        lang=lang,
    )


def inflation_up(lang: str = "en") -> Figure:
    """1969-1976 on both measures (annual average at mid-year, twelve-month rates at month end)."""
    frame = _with_x(load("inflation"))
    frame = frame[(frame["x"] >= 1969) & (frame["x"] < 1977)]
    fig, ax = new_figure(WIDE)
    used: list[str] = []
    for i, measure in enumerate(("twelve_month", "annual_average")):
        rows = frame[frame["measure"] == measure]
        if measure == "twelve_month":
            rows = rows[rows["period"].str.endswith("-12")]
        # The second measure's colours start after the first's, so no two series look alike.
        used += plot_sources(
            ax,
            rows,
            "x",
            "inflation_pct",
            lang,
            start=len(used) if i else 0,
            min_points_for_line=2,
            label_suffix=f": {t('measure.' + measure, lang)}",
            article=False,
        )
    art = frame[frame["source_id"] == ARTICLE]
    if not art.empty:
        ax.plot(art["x"], art["inflation_pct"], label=t("article", lang), **ARTICLE_STYLE)
        for r in art.itertuples():
            ax.annotate(
                r.period,
                (r.x, r.inflation_pct),
                xytext=(6, 4),
                textcoords="offset points",
                fontsize=7.5,
            )
        used.append(ARTICLE)
    ax.set_xlim(1969, 1977)
    ax.set_ylim(bottom=0)
    up_band(ax, lang)
    used += key_events(ax, lang, "1969-01-01", "1976-12-31", EVENTS)
    ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1), fontsize=7.5)
    ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _: fmt_number(v, lang)))
    return finish(
        fig,
        ax,
        title=t("infl.up.title", lang),
        ylabel=t("infl.up.ylabel", lang),
        xlabel=t("year", lang),
        source_ids=used,
        lang=lang,
    )
