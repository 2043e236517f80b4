"""Strike figures: the long run, the workers involved and the size of strikes."""

from __future__ import annotations

from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter

from analysis.charts.figures._common import finish, key_events, plot_sources, up_band
from analysis.charts.i18n import fmt_number, t
from analysis.charts.style import new_figure
from analysis.data.datasets import load
from analysis.study.indicators import workers_per_strike as _wps

EVENTS = ("Popular Front wins", "CUT founded", "Coup", "Plan Laboral")


def _caveats(ax, frame, column: str, lang: str, scale: float = 1.0) -> None:
    """Say on the chart what the data's notes say: a suspect value, and the break after 1979."""
    rows = frame[(frame["source_id"] != "article") & frame[column].notna()]
    top = ax.get_ylim()[1]
    for r in rows[rows["note"].fillna("").str.contains("suspect")].itertuples():
        y = getattr(r, column) / scale
        ax.annotate(
            t("strikes.suspect", lang),
            (r.year, y),
            xytext=(-170, -30 if y > 0.6 * top else 30),
            textcoords="offset points",
            fontsize=7.5,
            color="0.25",
            arrowprops={"arrowstyle": "->", "color": "0.4", "lw": 0.8},
        )
    later = rows[rows["year"] >= 1980]
    if not later.empty:
        ax.text(
            1985,
            0.22,
            t("strikes.legal_only", lang),
            transform=ax.get_xaxis_transform(),
            ha="center",
            va="bottom",
            fontsize=7.5,
            color="0.25",
        )
    ax.text(
        1976.5,
        0.04,
        t("strikes.gap", lang),
        transform=ax.get_xaxis_transform(),
        ha="center",
        va="bottom",
        fontsize=7,
        color="0.35",
        rotation=90,
    )


def _axes_common(ax, lang: str) -> None:
    ax.set_xlim(1930, 1991)
    ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _: fmt_number(v, lang)))
    ax.legend(loc="upper left", bbox_to_anchor=(0, 0.86))


def _chart(lang: str, frame, column: str, key: str, scale: float = 1.0) -> Figure:
    """The common shape of the strike charts: every source over 1930-1990, caveats, events."""
    fig, ax = new_figure()
    used = plot_sources(ax, frame, "year", column, lang, scale=scale)
    ax.set_ylim(bottom=0)
    _caveats(ax, frame, column, lang, scale=scale)
    up_band(ax, lang)
    used += key_events(ax, lang, "1930-01-01", "1990-12-31", EVENTS)
    _axes_common(ax, lang)
    return finish(
        fig,
        ax,
        title=t(f"{key}.title", lang),
        ylabel=t(f"{key}.ylabel", lang),
        xlabel=t("year", lang),
        source_ids=used,
        lang=lang,
    )


def strike_wave(lang: str = "en") -> Figure:
    """Strikes per year, 1932-1990, every source, with the article's 1969 and 1970 figures."""
    return _chart(lang, load("strikes"), "strikes", "strikes")


def strike_workers(lang: str = "en") -> Figure:
    """Workers involved in strikes per year, in thousands."""
    return _chart(lang, load("strikes"), "workers_involved", "strikes.workers", scale=1000)


def workers_per_strike(lang: str = "en") -> Figure:
    """Average workers per strike: the wave of 1966-1973 was one of many small, plant-level strikes."""
    frame = load("strikes")
    return _chart(
        lang, frame.assign(workers_per_strike=_wps(frame)), "workers_per_strike", "strikes.size"
    )
