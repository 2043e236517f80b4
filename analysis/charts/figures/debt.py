"""External debt 1960-1990: the stock on stated measures, the figures of the press and of speeches as
context, and the years with no stock at all.

Story chart. The preferred measure is ``total_external`` (public and private, all maturities): the
widest, and the only measure with figures in more than one decade (1971-1989); the public measures
(1975-1977 only) are faint squares. Its line is the preferred source by the one rule of
:func:`analysis.study.sources.preferred_source` (the US Embassy's FET of 1989, 1985-1988); the same
measure from other sources is grey circles. Press and speech figures are context, never a stock:
hollow diamonds (triangles where the figure is a floor, "more than"). A stock is drawn at the end of
its year (x = year + 1.0), the suite's time convention. No stock could be found for 1960-1970 and
1978-1984: those spans are marked as gaps, not left as empty axis.
"""

from __future__ import annotations

import pandas as pd
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter, MultipleLocator

from analysis.charts.figures._common import (
    article_marks,
    finish,
    key_events,
    marks,
    story_series,
    up_band,
)
from analysis.charts.i18n import fmt_number, register, t
from analysis.charts.style import FAINT, INK, new_figure, record
from analysis.data.datasets import load
from analysis.study.sources import noted

EVENTS = ("Coup", "1982 crisis")
PREFERRED = "total_external"
PUBLIC = ("public_external", "public_medium_long_term")
CONTEXT = ("press_figure", "speech_figure", "speech_figure_lower_bound")
CONTEXT_COLOR = "#0072B2"
SCALE = 1000  # millions to billions

register(
    {
        "debt.headline": {
            "en": "Chile's foreign debt rose from {low}-{high} billion dollars in 1971-1973 to "
            "{end} billion in {end_year}",
            "es": "La deuda externa de Chile pasó de {low}-{high} mil millones de dólares en "
            "1971-1973 a {end} mil millones en {end_year}",
        },
        "debt.subtitle": {
            "en": "External debt outstanding, billions of current US dollars, stock at the end of "
            "each year (drawn at 31 December), Chile 1960-1990",
            "es": "Deuda externa vigente, miles de millones de dólares corrientes, saldo a fin de "
            "cada año (dibujado al 31 de diciembre), Chile 1960-1990",
        },
        "debt.note": {
            "en": "Line: total external debt (public and private), US Embassy (FET 1989); "
            "{estimate}: an estimate (hollow). Grey circles: the same measure from further sources; "
            "squares: public debt only. Blue diamonds: figures from the press and speeches, "
            "context, not stocks (triangles: \u2018more than\u2019). Stars: the article's figures.",
            "es": "Línea: deuda externa total (pública y privada), Embajada de EE. UU. (FET 1989); "
            "{estimate}: estimación (vacío). Círculos grises: la misma medida según otras "
            "fuentes; cuadrados: solo deuda pública. Rombos azules: cifras de la prensa y de "
            "discursos, contexto, no saldos (triángulos: \u2018más de\u2019). Estrellas: cifras del "
            "artículo.",
        },
        "debt.gap": {
            "en": "no stock\nfound,\n{start}-{end}",
            "es": "sin cifra\nde saldo,\n{start}-{end}",
        },
        "debt.line": {"en": "Total\nexternal debt", "es": "Deuda externa\ntotal"},
        "debt.series.public": {"en": "Public external debt", "es": "Deuda externa pública"},
        "debt.series.context": {
            "en": "Press and speech figures (context, not stocks)",
            "es": "Cifras de prensa y discursos (contexto, no saldos)",
        },
    }
)


def year_end(rows: pd.DataFrame) -> list[float]:
    """A stock at the end of its year: x = year + 1.0."""
    return list(rows["year"].astype("float64") + 1.0)


def _gaps(stock_years: list[int], start: int, end: int) -> list[tuple[int, int]]:
    """Runs of at least three years between ``start`` and ``end`` with no stock on any measure."""
    have = set(stock_years)
    runs, run = [], []
    for year in range(start, end + 1):
        if year in have:
            if len(run) >= 3:
                runs.append((run[0], run[-1]))
            run = []
        else:
            run.append(year)
    if len(run) >= 3:
        runs.append((run[0], run[-1]))
    return runs


def external_debt(lang: str = "en") -> Figure:
    """Debt outstanding in billions of current US dollars: the preferred measure and source as the
    line, other sources and measures faint, press and speech figures as context, gaps marked."""
    frame = load("external_debt")
    fig, ax = new_figure()
    up_band(ax, lang)
    stocks = frame[frame["measure"].isin([PREFERRED, *PUBLIC])]
    # The gaps: years with no stock on any measure (the article's figures are checked, not counted).
    independent = stocks[stocks["source_id"] != "article"]
    for first, last in _gaps(list(independent["year"]), 1960, 1989):
        ax.axvspan(first + 0.5, last + 1.5, facecolor="none", hatch="////", edgecolor="0.85", lw=0)
        ax.text(
            (first + last) / 2 + 1.0,
            0.5,
            t("debt.gap", lang, start=first, end=last),
            transform=ax.get_xaxis_transform(),
            ha="center",
            va="center",
            fontsize=8,
            color="0.4",
            linespacing=1.2,
            bbox={"boxstyle": "square,pad=0.25", "fc": "white", "ec": "none"},
            zorder=3,
        )
    series = t("debt.line", lang).replace("\n", " ")
    # The line: total external debt from its preferred source; an estimate is hollow, still on the
    # line (it is the series' last year, not a break).
    total = frame[frame["measure"] == PREFERRED]
    sid, main = story_series(
        ax, total, "year", "debt_usd_millions", lang, series=series, scale=SCALE, position=year_end
    )
    estimate = main[noted(main, "estimate")]
    marks(
        ax, estimate["_x"], estimate["_y"], color=INK, size=6.5, face="white", edge=1.4, zorder=4
    )
    # Public debt only: another measure, faint squares.
    public = frame[frame["measure"].isin(PUBLIC)]
    marks(ax, year_end(public), public["debt_usd_millions"] / SCALE, color=FAINT, marker="s")
    record(
        ax,
        t("debt.series.public", lang),
        public["year"],
        public["debt_usd_millions"],
        list(public["source_id"]),
        kind="points",
        role="other",
    )
    # Press and speech figures: context, hollow; a floor ("more than") points up.
    context = frame[frame["measure"].isin(CONTEXT)].sort_values(["year", "source_id"])
    for measures, marker in ((CONTEXT[:2], "D"), (CONTEXT[2:], "^")):
        rows = context[context["measure"].isin(measures)]
        marks(
            ax,
            year_end(rows),
            rows["debt_usd_millions"] / SCALE,
            color=CONTEXT_COLOR,
            marker=marker,
            size=6,
            edge=1.2,
            zorder=4,
        )
    record(
        ax,
        t("debt.series.context", lang),
        context["year"],
        context["debt_usd_millions"],
        list(context["source_id"]),
        kind="points",
        role="context",
    )
    article_marks(
        ax, total, "year", "debt_usd_millions", lang, series=series, scale=SCALE, position=year_end
    )
    ax.set_xlim(1959, 1991.5)
    ax.set_ylim(0, 22)
    ax.yaxis.set_major_locator(MultipleLocator(5))
    ax.xaxis.set_major_locator(MultipleLocator(5))
    ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _: f"{int(round(v))}"))
    ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _: fmt_number(v, lang)))
    key_events(ax, lang, "1959-01-01", "1990-12-31", EVENTS)
    # The headline's numbers, from the stock rows: 1971-1973 and the line's first year.
    early = independent[
        (independent["measure"] == PREFERRED) & independent["year"].between(1971, 1973)
    ]
    first = main.sort_values("year").iloc[0]
    finish(
        fig,
        ax,
        title=t(
            "debt.headline",
            lang,
            low=fmt_number(early["debt_usd_millions"].min() / SCALE, lang, 1),
            high=fmt_number(early["debt_usd_millions"].max() / SCALE, lang, 1),
            end=fmt_number(first["debt_usd_millions"] / SCALE, lang, 1),
            end_year=int(first["year"]),
        ),
        subtitle=t("debt.subtitle", lang),
        note=t("debt.note", lang, estimate=", ".join(str(y) for y in estimate["year"])),
        lang=lang,
    )
    # The line's label, above its middle (its end is crowded by the last year's other figure).
    ax.annotate(
        t("debt.line", lang).replace("\n", " "),
        (main["_x"].mean(), main["_y"].max()),
        xytext=(0, 6),
        textcoords="offset points",
        ha="center",
        va="bottom",
        fontsize=9.5,
        fontweight="bold",
        color=INK,
    )
    return fig
