"""The wider economy: copper prices and output, GDP per capita, and the boom and crisis of 1965-1975."""

from __future__ import annotations

from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter

from analysis.charts.figures._common import finish, key_events, plot_sources, up_band
from analysis.charts.i18n import fmt_number, t
from analysis.charts.style import WIDE, house_style, new_figure
from analysis.data.datasets import load

EVENTS = ("Copper nationalised", "Coup", "1982 crisis")


def _lines(
    ax, frame, indicator: str, lang: str, *, start: int = 0, label_suffix: str = ""
) -> list[str]:
    """One line per source of ``indicator`` (markers only for a source with few values)."""
    rows = frame[frame["indicator"] == indicator]
    return plot_sources(ax, rows, "year", "value", lang, start=start, label_suffix=label_suffix)


def copper_price(lang: str = "en") -> Figure:
    """The world copper price 1960-1990, nominal and in constant 2010 dollars (World Bank)."""
    frame = load("copper")
    fig, ax = new_figure(WIDE)
    used = _lines(
        ax, frame, "world_price_nominal", lang, label_suffix=f": {t('copper.nominal', lang)}"
    )
    used += _lines(
        ax,
        frame,
        "world_price_real_2010",
        lang,
        start=1,
        label_suffix=f": {t('copper.real', lang)}",
    )
    ax.set_xlim(1959, 1991)
    ax.set_ylim(bottom=0)
    up_band(ax, lang)
    used += key_events(ax, lang, "1959-01-01", "1990-12-31", EVENTS)
    ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _: fmt_number(v, lang)))
    ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1), fontsize=8)
    return finish(
        fig,
        ax,
        title=t("copper.title", lang),
        ylabel=t("copper.ylabel", lang),
        xlabel=t("year", lang),
        source_ids=used,
        lang=lang,
    )


def copper_long_run(lang: str = "en") -> Figure:
    """The real price of copper since 1900 (index, 1900 = 100): booms and busts around Chile's story."""
    frame = load("copper")
    fig, ax = new_figure()
    used = _lines(ax, frame, "real_price_index_1900_100", lang)
    ax.axhline(100, color="0.5", lw=0.8, ls="--")
    ax.set_xlim(1899, 1991)
    ax.set_ylim(bottom=0)
    up_band(ax, lang)
    used += key_events(ax, lang, "1899-01-01", "1990-12-31", ("1929 crash hits Chile", *EVENTS))
    ax.legend(loc="upper left", bbox_to_anchor=(0, 0.86), fontsize=8)
    return finish(
        fig,
        ax,
        title=t("copper.long.title", lang),
        ylabel=t("copper.long.ylabel", lang),
        xlabel=t("year", lang),
        source_ids=used,
        lang=lang,
    )


def gdp_per_capita(lang: str = "en") -> Figure:
    """Real GDP per person 1900-1990 (2011 international dollars, Maddison Project)."""
    frame = load("economy")
    fig, ax = new_figure()
    used = _lines(ax, frame, "gdp_pc_2011intl", lang)
    ax.set_xlim(1899, 1991)
    ax.set_ylim(bottom=0)
    up_band(ax, lang)
    used += key_events(
        ax, lang, "1899-01-01", "1990-12-31", ("1929 crash hits Chile", "Coup", "1982 crisis")
    )
    ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _: fmt_number(v, lang)))
    ax.legend(loc="upper left", bbox_to_anchor=(0, 0.86), fontsize=8)
    return finish(
        fig,
        ax,
        title=t("gdp.title", lang),
        ylabel=t("gdp.ylabel", lang),
        xlabel=t("year", lang),
        source_ids=used,
        lang=lang,
    )


# Each panel: its title and the indicators it draws, each with the label suffix that tells them apart.
PANELS = (
    ("panel.growth", (("gdp_growth_pct", None),)),
    (
        "panel.unemployment",
        (("unemployment_pct", None), ("unemployment_santiago_pct", "panel.santiago")),
    ),
    ("panel.wages", (("real_wage_growth_pct", None),)),
    ("panel.money", (("money_supply_growth_pct", None), ("money_m1_growth_pct", "panel.m1"))),
)


def boom_and_crisis(lang: str = "en") -> Figure:
    """Growth, unemployment, real wages and money, 1965-1975: the boom of 1971 and the crisis after."""
    frame = load("economy")
    frame = frame[frame["year"].between(1965, 1975)]
    with house_style():
        fig = Figure(figsize=(11, 7), dpi=100)
        axes = fig.subplots(2, 2, sharex=True)
    fig.set_layout_engine("constrained")
    used: list[str] = []
    for ax, (key, indicators) in zip(axes.flat, PANELS, strict=True):
        with house_style():
            for indicator, suffix in indicators:
                used += _lines(
                    ax,
                    frame,
                    indicator,
                    lang,
                    start=len(ax.get_lines()),
                    label_suffix=t(suffix, lang) if suffix else "",
                )
            ax.set_title(t(key, lang), loc="left", fontsize=10, fontweight="bold")
            ax.axhline(0, color="0.3", lw=0.8)
            ax.axvspan(1970 + 306 / 365.25, 1973 + 253 / 365.25, color="0.9", zorder=0, lw=0)
            ax.set_xlim(1964.5, 1975.5)
            if ax.get_legend_handles_labels()[0]:
                ax.legend(fontsize=6.5, loc="best")
    axes[1][0].set_xlabel(t("year", lang))
    axes[1][1].set_xlabel(t("year", lang))
    return finish(
        fig,
        axes[0][0],
        title=t("boom.title", lang),
        ylabel=t("panel.pct", lang),
        source_ids=used,
        lang=lang,
        suptitle=True,
    )
