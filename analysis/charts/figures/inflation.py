"""Inflation figures: the long run, the two annual measures around the UP years, and the twelve-month
rate month by month, 1969-1976, where the article's 140% and 283.4% fall.

Story charts. The preferred series is INE's official index (the twelve-month and annual-average rates
computed from its spliced monthly series, in inflation.csv), by the one rule of
:func:`analysis.study.sources.preferred_source`: the producer wins over Clio-Infra's compilation,
which copies it and, for 1971-1978, departs from it. One time convention for every rate: a
twelve-month rate to month m sits at x = year + m/12, so a December-on-December rate sits at the end
of its year (year + 1.0); an annual average sits at the middle of its year (year + 0.5).
"""

from __future__ import annotations

import math

import pandas as pd
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.ticker import FixedLocator, FuncFormatter, MultipleLocator, NullLocator

from analysis.charts.figures._common import (
    article_marks,
    finish,
    key_events,
    story_series,
    up_band,
)
from analysis.charts.i18n import fmt_month, fmt_number, fmt_pct, register, t
from analysis.charts.style import INK, label_ends, new_figure, record
from analysis.data.datasets import load
from analysis.study.sources import ARTICLE

INE = "ine_ipc_empalme_1928_2009"
AVERAGE_COLOR = "#0072B2"
EVENTS = ("Coup", "1982 crisis")
UP_EVENTS = ("Coup", "Shock programme")

register(
    {
        "inflation.long.headline": {
            "en": "After decades of chronic inflation, prices rose {y1972} in 1972 and {y1973} in 1973",
            "es": "Tras décadas de inflación crónica, los precios subieron {y1972} en 1972 y "
            "{y1973} en 1973",
        },
        "inflation.long.subtitle": {
            "en": "Consumer prices, % change December on December (drawn at the end of each year), "
            "log scale, Chile 1940-1990",
            "es": "Precios al consumidor, variación % de diciembre a diciembre (dibujada al final de "
            "cada año), escala logarítmica, Chile 1940-1990",
        },
        "inflation.long.note": {
            "en": "Line: INE's official index. Grey circles: the figures of further sources; "
            "Clio-Infra's depart from INE in 1971-1978, where it uses a corrected index. Star: the article's {article} for "
            "the end of 1972.",
            "es": "Línea: índice oficial del INE. Círculos grises: otras fuentes; las de Clio-Infra "
            "se apartan del INE en 1971-1978, donde usa un índice corregido. Estrella: el {article} "
            "del artículo para fines de 1972.",
        },
        "inflation.peak": {"en": "{year}: {value}", "es": "{year}: {value}"},
        "inflation.dec": {"en": "December on December", "es": "Diciembre a diciembre"},
        "inflation.avg": {"en": "Annual average", "es": "Promedio anual"},
        "inflation.twelve": {"en": "Twelve-month rate", "es": "Tasa en doce meses"},
        "inflation.dec.label": {"en": "December\non December", "es": "Diciembre\na diciembre"},
        "inflation.avg.label": {"en": "Annual\naverage", "es": "Promedio\nanual"},
        "inflation.up.headline": {
            "en": "Inflation rose from about 20% in 1971 to over 500% on both annual measures",
            "es": "La inflación pasó de cerca de 20 % en 1971 a más de 500 % en ambas medidas "
            "anuales",
        },
        "inflation.up.subtitle": {
            "en": "Consumer prices, % a year, Chile 1960-1980: December on December drawn at the end "
            "of its year, the annual average at mid-year",
            "es": "Precios al consumidor, % anual, Chile 1960-1980: diciembre a diciembre dibujado al "
            "final de su año, el promedio anual a mitad de año",
        },
        "inflation.up.note": {
            "en": "Lines: INE's official index. The annual average trails the December-on-December "
            "rate by about half a year: {dec} for 1973 against an average of {avg}. Grey circles: "
            "the figures of further sources. Star: the article's figure.",
            "es": "Líneas: índice oficial del INE. El promedio anual va unos seis meses detrás de la "
            "tasa de diciembre a diciembre: {dec} en 1973 frente a un promedio de {avg}. Círculos "
            "grises: otras fuentes. Estrella: cifra del artículo.",
        },
        "inflation.monthly.headline": {
            "en": "Inflation took off in August 1972 and peaked at {peak} in {month}, after the coup",
            "es": "La inflación se disparó en agosto de 1972 y llegó a {peak} en {month}, tras el "
            "golpe",
        },
        "inflation.monthly.subtitle": {
            "en": "Consumer prices, % change over the previous twelve months, by month (drawn at the "
            "end of each month), INE's official index, Chile 1969-1976",
            "es": "Precios al consumidor, variación % en doce meses, mes a mes (dibujada al final de "
            "cada mes), índice oficial del INE, Chile 1969-1976",
        },
        "inflation.monthly.note": {
            "en": "Stars: the article's figures where they fall. Grey circles: the figures of "
            "further sources (rates to December, or to the month they name).",
            "es": "Estrellas: cifras del artículo, donde caen. Círculos grises: otras fuentes (tasas "
            "a diciembre o al mes que indican).",
        },
        "inflation.monthly.article": {
            "en": "The article: {value}\n{when} (INE: {ine})",
            "es": "El artículo: {value}\n{when} (INE: {ine})",
        },
        "inflation.monthly.end1972": {"en": "at the end of 1972", "es": "a fines de 1972"},
        "inflation.monthly.june1973": {
            "en": "in the year to June 1973",
            "es": "en el año a junio de 1973",
        },
        "inflation.monthly.peak": {"en": "{month}: {value}", "es": "{month}: {value}"},
    }
)


# ----- the time convention and the axes ---------------------------------------------------------


def period_x(period: str, measure: str) -> float:
    """Where a rate sits on a decimal-year axis: a twelve-month rate to month m at year + m/12 (so a
    December-on-December rate at the end of its year, year + 1.0), an annual average at year + 0.5."""
    if measure == "annual_average":
        return int(period[:4]) + 0.5
    year, month = int(period[:4]), int(period[5:7])
    return year + month / 12


def positions(rows: pd.DataFrame) -> list[float]:
    """:func:`period_x` of each row (for ``story_series(position=...)``)."""
    return [period_x(p, m) for p, m in zip(rows["period"], rows["measure"], strict=True)]


def log_axis(ax: Axes, lang: str, low: float, high: float) -> None:
    """A log y axis from ``low`` to ``high`` with plain 1-2-5 ticks written as plain numbers."""
    ax.set_yscale("log")
    ax.set_ylim(low, high)
    ticks = [
        m * 10**e
        for e in range(math.floor(math.log10(low)) - 1, math.ceil(math.log10(high)) + 1)
        for m in (1, 2, 5)
        if low <= m * 10**e <= high
    ]
    ax.yaxis.set_major_locator(FixedLocator(ticks))
    ax.yaxis.set_minor_locator(NullLocator())
    ax.yaxis.set_major_formatter(
        FuncFormatter(lambda v, _: fmt_number(v, lang, 0 if v >= 1 else 1))
    )


def _pct_axis(ax: Axes, lang: str) -> None:
    ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _: fmt_number(v, lang)))


def _december(frame: pd.DataFrame) -> pd.Series:
    """Rows of December-on-December rates (twelve-month rates to a December)."""
    return (frame["measure"] == "twelve_month") & frame["period"].str.endswith("-12")


def _value(frame: pd.DataFrame, period: str, measure: str, source: str = INE) -> float:
    rows = frame[
        (frame["period"] == period)
        & (frame["measure"] == measure)
        & (frame["source_id"] == source)
    ]
    return float(rows["inflation_pct"].iloc[0])


def _years(ax: Axes, start: int, end: int, step: int) -> None:
    ax.xaxis.set_major_locator(MultipleLocator(step))
    ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _: f"{int(round(v))}"))
    ax.set_xlim(start, end)


# ----- the figures ------------------------------------------------------------------------------


def inflation_long_run(lang: str = "en") -> Figure:
    """December-on-December inflation 1940-1990 on a log scale: INE's line, other sources faint, the
    article's end-1972 figure; each rate at the end of its year."""
    frame = load("inflation")
    rows = frame[_december(frame) & frame["period"].between("1940-12", "1990-12")]
    fig, ax = new_figure()
    up_band(ax, lang)
    series = t("inflation.dec", lang)
    sid, main = story_series(
        ax, rows, "period", "inflation_pct", lang, series=series, position=positions
    )
    article_marks(ax, rows, "period", "inflation_pct", lang, series=series, position=positions)
    log_axis(ax, lang, 4, 1000)
    _years(ax, 1940, 1992, 10)
    peak = main.loc[main["_y"].idxmax()]
    text = t("inflation.peak", lang, year=peak["period"][:4], value=fmt_pct(peak["_y"], lang, 1))
    _label_peak(ax, peak, text, series, sid, offset=(8, 0), va="center")
    key_events(ax, lang, "1940-01-01", "1990-12-31", EVENTS)
    art = rows[rows["source_id"] == ARTICLE]["inflation_pct"]
    finish(
        fig,
        ax,
        title=t(
            "inflation.long.headline",
            lang,
            y1972=fmt_pct(_value(frame, "1972-12", "twelve_month"), lang),
            y1973=fmt_pct(_value(frame, "1973-12", "twelve_month"), lang),
        ),
        subtitle=t("inflation.long.subtitle", lang),
        note=t("inflation.long.note", lang, article=fmt_pct(float(art.iloc[0]), lang)),
        lang=lang,
    )
    return fig


def inflation_up(lang: str = "en") -> Figure:
    """The two annual measures, 1960-1980, each by the time convention: December on December at the
    end of its year, the annual average at mid-year. The month-by-month story is
    :func:`inflation_monthly`."""
    frame = load("inflation")
    dec = frame[_december(frame) & frame["period"].between("1960-12", "1980-12")]
    avg = frame[(frame["measure"] == "annual_average") & frame["period"].between("1960", "1980")]
    fig, ax = new_figure()
    up_band(ax, lang)
    _, d = story_series(
        ax,
        dec,
        "period",
        "inflation_pct",
        lang,
        series=t("inflation.dec", lang),
        position=positions,
    )
    _, a = story_series(
        ax,
        avg,
        "period",
        "inflation_pct",
        lang,
        series=t("inflation.avg", lang),
        position=positions,
        color=AVERAGE_COLOR,
    )
    article_marks(
        ax,
        dec,
        "period",
        "inflation_pct",
        lang,
        series=t("inflation.dec", lang),
        position=positions,
    )
    _years(ax, 1960, 1981.6, 5)
    ax.set_ylim(0, 650)
    _pct_axis(ax, lang)
    key_events(ax, lang, "1960-01-01", "1980-12-31", UP_EVENTS)
    finish(
        fig,
        ax,
        title=t("inflation.up.headline", lang),
        subtitle=t("inflation.up.subtitle", lang),
        note=t(
            "inflation.up.note",
            lang,
            dec=fmt_pct(_value(frame, "1973-12", "twelve_month"), lang),
            avg=fmt_pct(_value(frame, "1973", "annual_average"), lang),
        ),
        lang=lang,
        label_room=0.11,
    )
    label_ends(
        ax,
        [
            (d["_x"].iloc[-1], d["_y"].iloc[-1], t("inflation.dec.label", lang), INK),
            (a["_x"].iloc[-1], a["_y"].iloc[-1], t("inflation.avg.label", lang), AVERAGE_COLOR),
        ],
    )
    return fig


def inflation_monthly(lang: str = "en") -> Figure:
    """The twelve-month rate month by month, 1969-1976, from INE's index, each at the end of its
    month; the article's 140% (end of 1972) and 283.4% (twelve months to June 1973) where they fall."""
    frame = load("inflation")
    rows = frame[
        (frame["measure"] == "twelve_month") & frame["period"].between("1969-01", "1976-12")
    ]
    fig, ax = new_figure()
    up_band(ax, lang)
    series = t("inflation.twelve", lang)
    sid, main = story_series(
        ax,
        rows,
        "period",
        "inflation_pct",
        lang,
        series=series,
        position=positions,
        step=1 / 12,
    )
    article_marks(ax, rows, "period", "inflation_pct", lang, series=series, position=positions)
    _years(ax, 1969, 1977.05, 1)
    ax.set_ylim(0, 850)
    _pct_axis(ax, lang)
    key_events(ax, lang, "1969-01-01", "1976-12-31", ("Coup",))
    # The article's figures, each beside its star, with INE's rate for the same months.
    art = rows[rows["source_id"] == ARTICLE].sort_values("period")
    when = {"1972-12": "inflation.monthly.end1972", "1973-06": "inflation.monthly.june1973"}
    offsets = {"1972-12": (-40, 12), "1973-06": (4, 70)}
    for r in art.itertuples():
        ine = _value(frame, r.period, "twelve_month")
        ax.annotate(
            t(
                "inflation.monthly.article",
                lang,
                value=fmt_pct(r.inflation_pct, lang, 1 if r.inflation_pct % 1 else 0),
                when=t(when[r.period], lang),
                ine=fmt_pct(ine, lang, 1),
            ),
            (period_x(r.period, r.measure), r.inflation_pct),
            xytext=offsets.get(r.period, (-10, 30)),
            textcoords="offset points",
            ha="right",
            va="bottom",
            fontsize=8.5,
            color="#A04000",
            arrowprops={"arrowstyle": "-", "color": "#A04000", "lw": 0.7, "relpos": (1.0, 0.0)},
        )
        record(ax, series, [r.period], [ine], sid, kind="callout")
    peak = main.loc[main["_y"].idxmax()]
    year, month = int(peak["period"][:4]), int(peak["period"][5:7])
    month_name, value = fmt_month(year, month, lang), fmt_pct(peak["_y"], lang, 1)
    text = t("inflation.monthly.peak", lang, month=month_name, value=value)
    _label_peak(ax, peak, text, series, sid, offset=(8, 2), va="bottom")
    finish(
        fig,
        ax,
        title=t(
            "inflation.monthly.headline",
            lang,
            peak=fmt_pct(peak["_y"], lang),
            month=fmt_month(year, month, lang),
        ),
        subtitle=t("inflation.monthly.subtitle", lang),
        note=t("inflation.monthly.note", lang),
        lang=lang,
    )
    return fig


def _label_peak(ax, peak, text: str, series: str, sid: str, *, offset, va: str) -> None:
    """The highest point of the preferred line, labelled to its right and recorded as a callout."""
    ax.annotate(
        text,
        (peak["_x"], peak["_y"]),
        xytext=offset,
        textcoords="offset points",
        ha="left",
        va=va,
        fontsize=9,
        color=INK,
    )
    record(ax, series, [peak["period"]], [peak["inflation_pct"]], sid, kind="callout")
