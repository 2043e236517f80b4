"""Strike figures: the long run, the workers involved and the size of strikes."""

from __future__ import annotations

from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter

from ..datasets import load
from ..i18n import fmt_number, t
from ..indicators import workers_per_strike as _wps
from ..style import finish, new_figure
from ._common import key_events, plot_sources, up_band

EVENTS = ("Popular Front wins", "CUT founded", "Coup", "Plan Laboral")


def _axes_common(ax, lang: str) -> None:
    ax.set_xlim(1930, 1991)
    ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _: fmt_number(v, lang)))
    ax.legend(loc="upper left", bbox_to_anchor=(0, 0.86))


def strike_wave(lang: str = "en") -> Figure:
    """Strikes per year, 1932-1990, every source, with the article's 1969 and 1970 figures."""
    frame = load("strikes")
    fig, ax = new_figure()
    used = plot_sources(ax, frame, "year", "strikes", lang)
    ax.set_ylim(bottom=0)
    up_band(ax, lang)
    used += key_events(ax, lang, "1930-01-01", "1990-12-31", EVENTS)
    _axes_common(ax, lang)
    return finish(
        fig,
        ax,
        title=t("strikes.title", lang),
        ylabel=t("strikes.ylabel", lang),
        xlabel=t("year", lang),
        source_ids=used,
        lang=lang,
    )


def strike_workers(lang: str = "en") -> Figure:
    """Workers involved in strikes per year, in thousands."""
    frame = load("strikes")
    fig, ax = new_figure()
    used = plot_sources(ax, frame, "year", "workers_involved", lang, scale=1000)
    ax.set_ylim(bottom=0)
    up_band(ax, lang)
    used += key_events(ax, lang, "1930-01-01", "1990-12-31", EVENTS)
    _axes_common(ax, lang)
    return finish(
        fig,
        ax,
        title=t("strikes.workers.title", lang),
        ylabel=t("strikes.workers.ylabel", lang),
        xlabel=t("year", lang),
        source_ids=used,
        lang=lang,
    )


def workers_per_strike(lang: str = "en") -> Figure:
    """Average workers per strike: the 1960s-70s wave was one of many small, plant-level strikes."""
    frame = load("strikes")
    frame = frame.assign(workers_per_strike=_wps(frame))
    fig, ax = new_figure()
    used = plot_sources(ax, frame, "year", "workers_per_strike", lang)
    ax.set_ylim(bottom=0)
    up_band(ax, lang)
    used += key_events(ax, lang, "1930-01-01", "1990-12-31", EVENTS)
    _axes_common(ax, lang)
    return finish(
        fig,
        ax,
        title=t("strikes.size.title", lang),
        ylabel=t("strikes.size.ylabel", lang),
        xlabel=t("year", lang),
        source_ids=used,
        lang=lang,
    )
