"""Chile against its neighbours, 1950-1990: inflation and GDP per capita.

Comparison charts: Chile in the highlight colour, the neighbours in grey, direct labels for Chile and
a few neighbours. Each country's line is its preferred source by the one rule of
:func:`analysis.study.sources.preferred_source` (Clio-Infra for every country but Argentina, where
Fundar's Argendata gives as many years and wins the tie on its id; the Maddison Project for GDP).
Rates follow the suite's time convention, placed by their basis as the rows' notes give it: a
December-on-December rate at the end of its year, an annual average (or a rate whose basis the
compiler does not state) at mid-year.
"""

from __future__ import annotations

import pandas as pd
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter, MultipleLocator

from analysis.charts.figures._common import finish, key_events, story_series, up_band
from analysis.charts.figures.inflation import log_axis
from analysis.charts.i18n import fmt_number, register, t
from analysis.charts.style import FAINT, HIGHLIGHT, label_ends, new_figure
from analysis.data.datasets import load
from analysis.study.sources import noted, preferred_source

ORDER = ("CHL", "ARG", "BOL", "BRA", "PER", "URY")
CHILE = "CHL"
# Neighbours named on the charts, at their line's end or, where ends crowd, at one telling year:
# on the inflation chart the three hyperinflations of the 1980s (Bolivia at its 1985 peak); on the
# GDP chart the richest (Argentina, in 1980), the fastest-growing and the poorest neighbour.
NAMED_INFLATION = {"ARG": None, "PER": None, "BOL": 1985}
NAMED_GDP = {"BRA": None, "BOL": None, "ARG": 1980}
LABEL_GREY = "0.45"

register(
    {
        "latam.country.CHL": {"en": "Chile", "es": "Chile"},
        "latam.country.ARG": {"en": "Argentina", "es": "Argentina"},
        "latam.country.BOL": {"en": "Bolivia", "es": "Bolivia"},
        "latam.country.BRA": {"en": "Brazil", "es": "Brasil"},
        "latam.country.PER": {"en": "Peru", "es": "Perú"},
        "latam.country.URY": {"en": "Uruguay", "es": "Uruguay"},
        "latam.inflation.headline": {
            "en": "Chile's inflation of 1973 topped its neighbours' until the hyperinflations of "
            "the 1980s",
            "es": "La inflación chilena de 1973 superó a la de sus vecinos hasta las "
            "hiperinflaciones de los años ochenta",
        },
        "latam.inflation.subtitle": {
            "en": "Consumer prices, % a year, log scale, 1950-1990; a December-on-December rate at "
            "the end of its year, an annual average at mid-year",
            "es": "Precios al consumidor, % anual, escala logarítmica, 1950-1990; una tasa de "
            "diciembre a diciembre al final de su año, un promedio anual a mitad de año",
        },
        "latam.inflation.note": {
            "en": "Grey lines: Argentina, Bolivia, Brazil, Peru and Uruguay. A rate whose basis the "
            "compiler does not state is drawn at mid-year. Years of falling prices have no place on "
            "a log scale: {falls}. Small circles: further sources for Chile; large hollow circles: "
            "suspect values, not joined ({suspect}).",
            "es": "Líneas grises: Argentina, Bolivia, Brasil, Perú y Uruguay. Una tasa cuya base el "
            "compilador no indica se dibuja a mitad de año. Los años en que los precios bajaron no "
            "caben en una escala logarítmica: {falls}. Círculos pequeños: otras fuentes para Chile; "
            "círculos grandes vacíos: valores dudosos, no unidos ({suspect}).",
        },
        "latam.gdp.headline": {
            "en": "Chile's output per person fell by almost a quarter in 1971-1975, while every "
            "neighbour's grew",
            "es": "El producto por persona de Chile cayó casi un cuarto en 1971-1975, mientras el de "
            "todos sus vecinos crecía",
        },
        "latam.gdp.subtitle": {
            "en": "GDP per person, thousands of 2011 international dollars (at mid-year), "
            "1950-1990",
            "es": "PIB por persona, miles de dólares internacionales de 2011 (a mitad de año), "
            "1950-1990",
        },
        "latam.gdp.note": {
            "en": "Grey lines: Argentina, Bolivia, Brazil, Peru and Uruguay. International dollars "
            "correct for differences in prices between countries.",
            "es": "Líneas grises: Argentina, Bolivia, Brasil, Perú y Uruguay. Los dólares "
            "internacionales corrigen las diferencias de precios entre países.",
        },
    }
)


def _name(iso: str, lang: str) -> str:
    return t(f"latam.country.{iso}", lang)


def _basis_x(rows: pd.DataFrame) -> list[float]:
    """A rate's place by its basis, as the row's note gives it: December on December at the end of its
    year, an annual average or an unstated basis at mid-year."""
    notes = rows["note"].fillna("")
    dec = notes.str.contains("Dec-Dec|December-to-December|December on December", regex=True)
    return list(
        rows["year"].astype("float64") + dec.map({True: 1.0, False: 0.5}).astype("float64")
    )


def _suspect(rows: pd.DataFrame) -> pd.Series:
    return noted(rows, "suspect", at_start=True)


def _countries(
    ax, rows: pd.DataFrame, lang: str, *, positive: bool = False, **kw
) -> dict[str, pd.DataFrame]:
    """One line per country, Chile last (on top) and highlighted, with its other sources faint; each
    country's source is its preferred one over all its rows (``positive``: only values above zero
    are drawn, for a log scale). Returns each country's drawn rows (with ``_x`` and ``_y``)."""
    drawn = {}
    for iso in (*ORDER[1:], CHILE):
        g = rows[rows["iso3"] == iso]
        if g.empty:
            continue
        chile = iso == CHILE
        _, drawn[iso] = story_series(
            ax,
            g[g["value"] > 0] if positive else g,
            "year",
            "value",
            lang,
            series=_name(iso, lang),
            color=HIGHLIGHT if chile else FAINT,
            lw=2.6 if chile else 1.3,
            others=chile,
            source=preferred_source(g, "value"),
            **kw,
        )
    return drawn


def _years(ax) -> None:
    ax.set_xlim(1950, 1992)
    ax.xaxis.set_major_locator(MultipleLocator(10))
    ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _: f"{int(round(v))}"))


def _spans(frame: pd.DataFrame, lang: str) -> str:
    """The years of some rows, country by country: "Bolivia 1963; Uruguay 1950-1951"."""
    parts = []
    for iso in ORDER:
        years = sorted(int(y) for y in frame[(frame["iso3"] == iso)]["year"])
        if not years:
            continue
        spans, start = [], years[0]
        for a, b in zip(years, [*years[1:], None], strict=True):
            if b != a + 1:
                spans.append(f"{start}" if start == a else f"{start}-{a}")
                start = b
        parts.append(f"{_name(iso, lang)} {', '.join(spans)}")
    return "; ".join(parts)


def _chile_from_inflation(rows: pd.DataFrame) -> pd.DataFrame:
    """Chile's December-on-December rates 1950-1990 from ``inflation.csv`` by the sources that
    ``latin_america.csv`` does not already hold for Chile (INE's index among them), so that the
    one rule picks Chile's line here from the same sources as on the suite's inflation charts."""
    infl = load("inflation")
    held = set(rows[rows["iso3"] == CHILE]["source_id"])
    dec = infl[
        (infl["measure"] == "twelve_month")
        & infl["period"].str.endswith("-12")
        & ~infl["source_id"].isin(held | {"article"})
    ]
    years = dec["period"].str[:4].astype(int)
    dec, years = dec[years.between(1950, 1990)], years[years.between(1950, 1990)]
    return pd.DataFrame(
        {
            "country": "Chile",
            "iso3": CHILE,
            "year": years.to_numpy(),
            "indicator": "inflation_pct",
            "value": dec["inflation_pct"].to_numpy(),
            "unit": "percent",
            "source_id": dec["source_id"].to_numpy(),
            "note": ("Dec-Dec; " + dec["note"].fillna("")).to_numpy(),
        }
    )


def latam_inflation(lang: str = "en") -> Figure:
    """Consumer price inflation in six countries on a log scale, each rate placed by its basis;
    Chile's line is chosen by the one rule among latin_america.csv's and inflation.csv's sources."""
    frame = load("latin_america")
    rows = frame[frame["indicator"] == "inflation_pct"]
    rows = pd.concat([rows, _chile_from_inflation(rows)], ignore_index=True)
    fig, ax = new_figure()
    up_band(ax, lang)
    drawn = _countries(
        ax, rows, lang, positive=True, position=_basis_x, step=1.5, suspect=_suspect
    )
    log_axis(ax, lang, 1, 20000)
    _years(ax)
    key_events(ax, lang, "1950-01-01", "1990-12-31", ("Coup",))
    # Years of falling prices in the drawn series (a log scale has no place for them), suspect values.
    preferred = {iso: g["source_id"].iloc[0] for iso, g in drawn.items()}
    mine = rows[rows["source_id"] == rows["iso3"].map(preferred)]
    falls, suspect = mine[mine["value"] <= 0], mine[_suspect(mine) & (mine["value"] > 0)]
    finish(
        fig,
        ax,
        title=t("latam.inflation.headline", lang),
        subtitle=t("latam.inflation.subtitle", lang),
        note=t(
            "latam.inflation.note",
            lang,
            falls=_spans(falls, lang),
            suspect=_spans(suspect, lang),
        ),
        lang=lang,
        label_room=0.09,
    )
    _labels(ax, drawn, NAMED_INFLATION, lang, beside=True)
    return fig


def _end(rows: pd.DataFrame) -> tuple[float, float]:
    last = rows.sort_values("_x").iloc[-1]
    return float(last["_x"]), float(last["_y"])


def _labels(ax, drawn: dict, named: dict, lang: str, *, beside: bool) -> None:
    """Chile's label and those of the named neighbours at their lines' ends; a neighbour given a
    year is named at that year's point instead (beside it on the left, or above it)."""
    ends = [(*_end(drawn[CHILE]), _name(CHILE, lang), HIGHLIGHT)]
    for iso, year in named.items():
        if year is None:
            ends.append((*_end(drawn[iso]), _name(iso, lang), LABEL_GREY))
            continue
        point = drawn[iso][drawn[iso]["year"] == year].iloc[0]
        ax.annotate(
            _name(iso, lang),
            (point["_x"], point["_y"]),
            xytext=(-7, 0) if beside else (0, 5),
            textcoords="offset points",
            ha="right" if beside else "center",
            va="center" if beside else "bottom",
            fontsize=9,
            fontweight="bold",
            color=LABEL_GREY,
        )
    label_ends(ax, ends, fontsize=9)


def latam_gdp(lang: str = "en") -> Figure:
    """GDP per person in six countries, in thousands of 2011 international dollars (Maddison)."""
    frame = load("latin_america")
    rows = frame[frame["indicator"] == "gdp_pc_2011intl"]
    fig, ax = new_figure()
    up_band(ax, lang)
    drawn = _countries(ax, rows, lang, scale=1000, position=lambda r: r["year"] + 0.5)
    _years(ax)
    ax.set_ylim(0, 14.5)
    ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _: fmt_number(v, lang)))
    key_events(ax, lang, "1950-01-01", "1990-12-31", ("Coup",))
    finish(
        fig,
        ax,
        title=t("latam.gdp.headline", lang),
        subtitle=t("latam.gdp.subtitle", lang),
        note=t("latam.gdp.note", lang),
        lang=lang,
        label_room=0.09,
    )
    _labels(ax, drawn, NAMED_GDP, lang, beside=False)
    return fig
