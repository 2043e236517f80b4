"""The wider economy: growth 1965-1980, copper output, price and exports, GDP per person, real wages.

Story charts. Each quantity is drawn from one preferred source, chosen by the rule of
:func:`analysis.study.sources.preferred_source`; other sources of the same quantity are small grey
hollow circles. Yearly values (annual totals, annual averages, growth of one year's total over the
last) are drawn at mid-year (x = year + 0.5), so that they sit correctly against the Popular Unity
band and dated events.

Where the data hold only a few scattered values (Santiago unemployment, the true value of copper
exports, real wages in 1965-1975) they are written as labelled points or callouts, never joined into
a line. The World Bank's ores-and-metals exports are only an upper bound for copper exports: they are
drawn as a faint ceiling and recorded as context, never as a copper export value.
"""

from __future__ import annotations

from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter

from analysis.charts.figures._common import (
    UP_END,
    UP_START,
    events,
    finish,
    marks,
    story_series,
    up_band,
)
from analysis.charts.i18n import fmt_number, fmt_pct, register, say, t
from analysis.charts.style import FAINT, INK, label_ends, mark_events, new_figure, record
from analysis.data.datasets import load
from analysis.study.sources import noted, preferred_source

GROWTH = "gdp_growth_pct"
GDP_PC = "gdp_pc_2011intl"
OUTPUT = "chile_production_kt"
PRICE_REAL = "world_price_real_2010"
PRICE_NOMINAL = "world_price_nominal"
EXPORTS = "chile_copper_exports_usd_m"
UPPER_BOUND = "ores_metals_exports_usd_m_upper_bound"
COPPER_SHARE = "copper_share_of_exports_pct"
UNEMPLOYMENT = "unemployment_santiago_pct"
# Real-wage measures, in the order the chart lists them: (indicator, unit), since the unit states
# each one's basis and no two of them can share an axis.
WAGES = (
    "real_wage_labourers_subsistence_ratio",
    "real_wage_growth_pct",
    "real_wage_index",
)
# events.csv dates the nationalisation of copper twice (11 June and 11 July 1971); the chart marks
# the constitutional amendment of 11 July 1971.
NATIONALISED = ("Copper nationalised", "1971-07-11")
NOMINAL_COLOR = "#0072B2"
BOUND_FILL = "0.91"
MONTH = 1 / 12

register(
    {
        # boom and crisis
        "economy.boom.headline": {
            "en": "The economy grew 9% in 1971, shrank in 1972-73 and fell 13% in 1975",
            "es": "El PIB creció 9 % en 1971, se contrajo en 1972-73 y cayó 13 % en 1975",
        },
        "economy.boom.subtitle": {
            "en": "Real GDP growth, % change on the previous year, Chile 1965-1980 "
            "(each year drawn at mid-year)",
            "es": "Crecimiento del PIB real, variación % sobre el año anterior, Chile 1965-1980 "
            "(cada año a mitad de año)",
        },
        "economy.boom.label": {"en": "Maddison\nProject", "es": "Maddison\nProject"},
        "economy.boom.unemp71": {
            "en": "Unemployment in Greater Santiago:\n{a} at the end of 1970,\n{b} at the end of 1971",
            "es": "Desempleo en el Gran Santiago:\n{a} a fines de 1970,\n{b} a fines de 1971",
        },
        "economy.boom.unemp75": {
            "en": "Unemployment in Santiago:\n{a} in December 1974,\n{b} in December 1975",
            "es": "Desempleo en Santiago:\n{a} en diciembre de 1974,\n{b} en diciembre de 1975",
        },
        "economy.boom.note": {
            "en": "Note: Maddison growth computed from GDP per person and population. Grey "
            "circles: the same measure as given by further sources (some give GNP, or estimates made before "
            "the year closed). Unemployment: city surveys, not national rates.",
            "es": "Nota: crecimiento de Maddison calculado a partir del PIB por persona y la "
            "población. Círculos grises: otras fuentes para la misma medida (algunas dan el PNB, o "
            "estimaciones hechas antes del cierre del año). Desempleo: encuestas urbanas, no tasas "
            "nacionales.",
        },
        # copper output
        "economy.output.headline": {
            "en": "Chile's copper output grew less than 5% from 1970 to 1973, "
            "then more than doubled by 1990",
            "es": "La producción chilena de cobre creció menos de 5 % entre 1970 y 1973 "
            "y luego se duplicó con creces hacia 1990",
        },
        "economy.output.subtitle": {
            "en": "Copper output (mine or smelter not stated by Clio-Infra), thousand tonnes of "
            "copper content a year, Chile 1950-1990 (each year drawn at mid-year)",
            "es": "Producción de cobre (Clio-Infra no dice si de mina o de fundición), miles de "
            "toneladas de cobre fino al año, Chile 1950-1990 (cada año a mitad de año)",
        },
        "economy.output.label": {"en": "Clio-Infra", "es": "Clio-Infra"},
        "economy.output.note": {
            "en": "Note: no yearly series before 1955; the 1950 value is a press figure. Grey "
            "circles: the same measure as given by further sources (press, US Embassy reports, US "
            "Bureau of Mines).",
            "es": "Nota: no hay serie anual antes de 1955; el valor de 1950 es una cifra de prensa. "
            "Círculos grises: otras fuentes para la misma medida (prensa, informes de la Embajada "
            "de EE. UU., Oficina de Minas de EE. UU.).",
        },
        # copper price
        "economy.price.headline": {
            "en": "The real price of copper fell by about a third between 1970 and 1972",
            "es": "El precio real del cobre cayó cerca de un tercio entre 1970 y 1972",
        },
        "economy.price.subtitle": {
            "en": "World copper price (London Metal Exchange, grade A), US$ per tonne, annual "
            "averages drawn at mid-year, 1960-1990; 2010 dollars deflated by the World Bank's "
            "index of manufactures unit values (MUV)",
            "es": "Precio mundial del cobre (Bolsa de Metales de Londres, grado A), US$ por "
            "tonelada, promedios anuales a mitad de año, 1960-1990; dólares de 2010 deflactados "
            "con el índice de valor unitario de las manufacturas (MUV) del Banco Mundial",
        },
        "economy.price.real": {"en": "In 2010\ndollars", "es": "En dólares\nde 2010"},
        "economy.price.nominal": {"en": "In dollars\nof the day", "es": "En dólares\ncorrientes"},
        "economy.price.point": {"en": "{year}: {value}", "es": "{year}: {value}"},
        # GDP per person
        "economy.gdp.headline": {
            "en": "Output per person tripled from 1900 to 1990, but fell by almost a quarter "
            "from 1971 to 1975",
            "es": "El producto por persona se triplicó entre 1900 y 1990, pero cayó casi un cuarto "
            "entre 1971 y 1975",
        },
        "economy.gdp.subtitle": {
            "en": "GDP per person, 2011 international dollars (at purchasing-power parity), "
            "Chile 1900-1990 (each year drawn at mid-year)",
            "es": "PIB por persona, dólares internacionales de 2011 (en paridad de poder de "
            "compra), Chile 1900-1990 (cada año a mitad de año)",
        },
        "economy.gdp.label": {"en": "Maddison\nProject", "es": "Maddison\nProject"},
        "economy.gdp.point": {"en": "{year}: {value}", "es": "{year}: {value}"},
        # copper exports
        "economy.exports.headline": {
            "en": "Copper exports earned 1.56 billion dollars in 1974 and 0.85 billion in 1975, "
            "as the price fell",
            "es": "Las exportaciones de cobre rindieron 1557 millones de US$ en 1974 y 854 millones "
            "en 1975, al caer el precio",
        },
        "economy.exports.subtitle": {
            "en": "Top: world copper price, dollars of the day per tonne. Bottom: value of "
            "exports, millions of dollars of the day (a year without a dot: no value found). "
            "Chile 1960-1990, years drawn at mid-year",
            "es": "Arriba: precio mundial del cobre, dólares corrientes por tonelada. Abajo: valor "
            "de las exportaciones, millones de dólares corrientes (un año sin punto: no se halló "
            "valor). Chile 1960-1990, años a mitad de año",
        },
        "economy.exports.price": {"en": "Copper\nprice", "es": "Precio del\ncobre"},
        "economy.exports.bound": {
            "en": "Upper bound: ores and\nmetals exports, 1962-1975",
            "es": "Techo: exportaciones de\nminerales y metales, 1962-1975",
        },
        "economy.exports.series": {"en": "Copper exports", "es": "Exportaciones de cobre"},
        "economy.exports.bound.series": {
            "en": "Upper bound: ores and metals exports",
            "es": "Techo: exportaciones de minerales y metales",
        },
        "economy.exports.share.series": {
            "en": "Copper's share of exports",
            "es": "Participación del cobre en las exportaciones",
        },
        "economy.exports.point": {
            "en": "{year}: US${value} million ({share} of all exports)",
            "es": "{year}: {value} millones de US$ ({share} del total)",
        },
        "economy.exports.year": {
            "en": "{year}: US${value} million",
            "es": "{year}: {value} millones de US$",
        },
        "economy.exports.year.estimate": {
            "en": "{year}: US${value} million\n(estimate of Dec. {year})",
            "es": "{year}: {value} millones de US$\n(estimación de dic. de {year})",
        },
        "economy.exports.year.revised": {
            "en": "{year}: US${value} million\n(estimated at {first} in Dec. {year})",
            "es": "{year}: {value} millones de US$\n(estimados en {first} en dic. de {year})",
        },
        "economy.exports.note": {
            "en": "Note: ores and metals (iron ore, nitrates and other metals besides copper) = "
            "merchandise exports times their ores-and-metals share; copper exports were at most "
            "this. Hollow: estimates made before the year closed (the CIA's for 1972, the Central "
            "Bank's first for 1975). 1974-1975: the Central Bank's figures as reported by the US "
            "Embassy; 1988: the Central Bank's, as quoted by the US Bureau of Mines; the share is "
            "the CIA's.",
            "es": "Nota: minerales y metales (hierro, salitre y otros metales además del cobre) = "
            "exportaciones de bienes por su proporción de minerales y metales; las exportaciones de "
            "cobre fueron a lo sumo esto. Huecos: estimaciones hechas antes del cierre del año (la "
            "de la CIA para 1972, la primera del Banco Central para 1975). 1974-1975: cifras del "
            "Banco Central citadas por la Embajada de EE. UU.; 1988: del Banco Central, citado por "
            "la Oficina de Minas de EE. UU.; la proporción es de la CIA.",
        },
        # real wages
        "economy.wages.headline": {
            "en": "Real wages jumped in 1971, were back at their early-1970 level by 1973, "
            "and a third below 1970 after the coup",
            "es": "Los salarios reales saltaron en 1971, en 1973 volvieron al nivel de inicios de "
            "1970 y tras el golpe quedaron un tercio por debajo del de 1970",
        },
        "economy.wages.subtitle": {
            "en": "Real wages, Chile 1965-1975: no yearly series covers the period, so each "
            "source is shown on its own basis, values as printed",
            "es": "Salarios reales, Chile 1965-1975: ninguna serie anual cubre el período, así que "
            "cada fuente se muestra en su propia base, con los valores publicados",
        },
        "economy.wages.real_wage_labourers_subsistence_ratio": {
            "en": "Day wage of an unskilled building labourer, in daily subsistence baskets",
            "es": "Jornal de un peón de la construcción, en canastas diarias de subsistencia",
        },
        "economy.wages.real_wage_growth_pct": {
            "en": "Average real wage, % change on the previous year",
            "es": "Salario real promedio, variación % sobre el año anterior",
        },
        "economy.wages.real_wage_index.jan1970": {
            "en": "Real wage index, January 1970 = 100: average of January-August 1973",
            "es": "Índice de salarios reales, enero de 1970 = 100: promedio de enero-agosto de 1973",
        },
        "economy.wages.real_wage_index.year1970": {
            "en": "Real wage index, 1970 = 100: three months after the coup",
            "es": "Índice de salarios reales, 1970 = 100: tres meses después del golpe",
        },
        "economy.wages.note": {
            "en": "Note: the two indexes differ in base and deflator and are not a series. The "
            "labourer's wage has no value for 1967-1968 and 1970.",
            "es": "Nota: los dos índices difieren en base y deflactor y no forman una serie. El "
            "jornal del peón no tiene valor para 1967-1968 y 1970.",
        },
    }
)


def _mid(rows) -> list[float]:
    """Yearly values at mid-year."""
    return list(rows["year"].astype("float64") + 0.5)


def _point_labels(ax, rows, key: str, lang: str, where: dict) -> None:
    """Dot and label the value of a drawn series (rows with ``_x`` and ``_y``) in the given years;
    ``where`` maps a year to the label's offset in points and alignment."""
    at = rows.set_index("year")
    for year, (dx, dy, ha) in where.items():
        r = at.loc[year]
        ax.plot([r["_x"]], [r["_y"]], marker="o", markersize=5, color=INK, zorder=4)
        ax.annotate(
            t(key, lang, year=year, value=fmt_number(r["_y"], lang)),
            (r["_x"], r["_y"]),
            xytext=(dx, dy),
            textcoords="offset points",
            fontsize=8.5,
            color=INK,
            ha=ha,
            va="center",
        )


def _number_axis(ax, lang: str, axis: str = "y") -> None:
    target = ax.yaxis if axis == "y" else ax.xaxis
    target.set_major_formatter(FuncFormatter(lambda v, _: fmt_number(v, lang)))


def _mark(ax, lang: str, start: str, end: str, labels: tuple[str, ...]) -> None:
    """Dotted lines at the named events (annotations, not data: not in the credit)."""
    frame = events(start, end, labels=labels)
    label, date = NATIONALISED
    frame = frame[(frame["label_en"] != label) | (frame["date"] == date)]
    frame = frame.assign(**{f"label_{lang}": [say(v, lang) for v in frame[f"label_{lang}"]]})
    mark_events(ax, frame, lang)


def _context_sources(fig) -> list[str]:
    """Sources of what a chart records as context (callouts, bounds): credited like the rest."""
    rows = fig._chile73["data"]
    return list(dict.fromkeys(r["source_id"] for r in rows if r["role"] == "context"))


def _quantity(frame, indicator: str, start: int | None = None, end: int | None = None):
    rows = frame[frame["indicator"] == indicator]
    if start is not None:
        rows = rows[rows["year"].between(start, end)]
    return rows


def boom_and_crisis(lang: str = "en") -> Figure:
    """Real GDP growth 1965-1980: the boom of 1971, the contraction of 1972-1973, the slump of 1975;
    Santiago unemployment as callouts (too few values for an axis)."""
    frame = load("economy")
    fig, ax = new_figure()
    up_band(ax, lang)
    ax.axhline(0, color="0.3", lw=0.8, zorder=1)
    growth = _quantity(frame, GROWTH, 1965, 1980)
    _, main = story_series(
        ax, growth, "year", "value", lang, series=t("economy.boom.label", lang), position=_mid
    )
    unemp = frame[frame["indicator"] == UNEMPLOYMENT].set_index("year")
    callouts = (
        ("economy.boom.unemp71", (1970, 1971), (1968.0, -9.5)),
        ("economy.boom.unemp75", (1974, 1975), (1978.4, -9.5)),
    )
    for key, years, (x, y) in callouts:
        # One value a year: where sources disagree, the one the house rule prefers.
        picked = []
        for year in years:
            g = unemp.loc[[year]]
            picked.append(g[g["source_id"] == preferred_source(g, "value")].iloc[0])
        rows = {c: [r[c] for r in picked] for c in ("value", "source_id")}
        a, b = (fmt_pct(v, lang, 1) for v in rows["value"])
        ax.text(x, y, t(key, lang, a=a, b=b), ha="center", va="center", fontsize=8.5, color="0.25")
        record(
            ax,
            t(key, lang, a="", b="").split("\n")[0].rstrip(":"),
            list(years),
            list(rows["value"]),
            list(rows["source_id"]),
            kind="callout",
            role="context",
        )
    ax.set_xlim(1964.8, 1981.2)
    ax.set_ylim(-16, 17)
    _number_axis(ax, lang)
    _mark(ax, lang, "1965-01-01", "1980-12-31", ("Coup", "Shock programme"))
    finish(
        fig,
        ax,
        title=t("economy.boom.headline", lang),
        subtitle=t("economy.boom.subtitle", lang),
        note=t("economy.boom.note", lang),
        source_ids=_context_sources(fig),
        lang=lang,
        label_room=0.09,
    )
    last = main.iloc[-1]
    label_ends(ax, [(last["_x"], last["_y"], t("economy.boom.label", lang), INK)])
    return fig


def copper_long_run(lang: str = "en") -> Figure:
    """Chile's copper output 1950-1990: the preferred series from 1955, other sources faint."""
    frame = load("copper")
    fig, ax = new_figure()
    up_band(ax, lang)
    rows = _quantity(frame, OUTPUT)
    _, main = story_series(
        ax, rows, "year", "value", lang, series=t("economy.output.label", lang), position=_mid
    )
    ax.set_xlim(1949, 1991.5)
    ax.set_ylim(0, 2000)
    _number_axis(ax, lang)
    _mark(
        ax,
        lang,
        "1949-01-01",
        "1990-12-31",
        ("Copper Chileanisation", "Copper nationalised", "Coup"),
    )
    finish(
        fig,
        ax,
        title=t("economy.output.headline", lang),
        subtitle=t("economy.output.subtitle", lang),
        note=t("economy.output.note", lang),
        lang=lang,
        label_room=0.09,
    )
    last = main.iloc[-1]
    label_ends(ax, [(last["_x"], last["_y"], t("economy.output.label", lang), INK)])
    return fig


def copper_price(lang: str = "en") -> Figure:
    """The world copper price 1960-1990 in 2010 dollars (the story) and in dollars of the day."""
    frame = load("copper")
    fig, ax = new_figure()
    up_band(ax, lang)
    _, nominal = story_series(
        ax,
        _quantity(frame, PRICE_NOMINAL),
        "year",
        "value",
        lang,
        series=t("economy.price.nominal", lang).replace("\n", " "),
        position=_mid,
        color=NOMINAL_COLOR,
        lw=1.6,
    )
    _, real = story_series(
        ax,
        _quantity(frame, PRICE_REAL),
        "year",
        "value",
        lang,
        series=t("economy.price.real", lang).replace("\n", " "),
        position=_mid,
    )
    _point_labels(
        ax, real, "economy.price.point", lang, {1970: (6, 10, "left"), 1972: (-8, -12, "right")}
    )
    ax.set_xlim(1959.5, 1991)
    ax.set_ylim(0, 9500)
    _number_axis(ax, lang)
    _mark(ax, lang, "1960-01-01", "1990-12-31", ("Copper nationalised", "Coup", "1982 crisis"))
    finish(
        fig,
        ax,
        title=t("economy.price.headline", lang),
        subtitle=t("economy.price.subtitle", lang),
        lang=lang,
        label_room=0.1,
    )
    label_ends(
        ax,
        [
            (real["_x"].iloc[-1], real["_y"].iloc[-1], t("economy.price.real", lang), INK),
            (
                nominal["_x"].iloc[-1],
                nominal["_y"].iloc[-1],
                t("economy.price.nominal", lang),
                NOMINAL_COLOR,
            ),
        ],
    )
    return fig


def gdp_per_capita(lang: str = "en") -> Figure:
    """Real GDP per person 1900-1990 (2011 international dollars), with the peak of 1971 and the
    trough of 1975 written on the line."""
    frame = load("economy")
    fig, ax = new_figure()
    up_band(ax, lang)
    _, main = story_series(
        ax,
        _quantity(frame, GDP_PC),
        "year",
        "value",
        lang,
        series=t("economy.gdp.label", lang),
        position=_mid,
    )
    _point_labels(
        ax, main, "economy.gdp.point", lang, {1971: (-6, 10, "right"), 1975: (4, -14, "left")}
    )
    ax.set_xlim(1899, 1991.5)
    ax.set_ylim(0, 13500)
    _number_axis(ax, lang)
    _mark(ax, lang, "1899-01-01", "1990-12-31", ("1929 crash hits Chile", "Coup", "1982 crisis"))
    finish(
        fig,
        ax,
        title=t("economy.gdp.headline", lang),
        subtitle=t("economy.gdp.subtitle", lang),
        lang=lang,
        label_room=0.09,
    )
    last = main.iloc[-1]
    label_ends(ax, [(last["_x"], last["_y"], t("economy.gdp.label", lang), INK)])
    return fig


def copper_exports(lang: str = "en") -> Figure:
    """The copper price (top) against the value of copper exports (bottom): the values found (a CIA
    estimate for 1972, the Central Bank's for 1974, 1975 and 1988) as labelled points, estimates made
    before the year closed hollow, the ores-and-metals exports of 1962-1975 only as a ceiling."""
    frame = load("copper")
    fig, (top, bottom) = new_figure(nrows=2, ncols=1, sharex=True, height_ratios=[1, 1.5])
    up_band(top, lang)
    bottom.axvspan(UP_START, UP_END, color="0.88", zorder=0, lw=0)
    _, price = story_series(
        top,
        _quantity(frame, PRICE_NOMINAL),
        "year",
        "value",
        lang,
        series=t("economy.exports.price", lang).replace("\n", " "),
        position=_mid,
    )
    top.set_ylim(0, 3400)
    _number_axis(top, lang)

    # The ceiling: ores and metals exports, recorded as context, never as copper exports.
    bound = _quantity(frame, UPPER_BOUND).sort_values("year")
    bx = _mid(bound)
    bottom.fill_between(bx, 0, bound["value"], color=BOUND_FILL, lw=0, zorder=1)
    bottom.plot(bx, bound["value"], color=FAINT, lw=1.4, ls="--", zorder=2)
    record(
        bottom,
        t("economy.exports.bound.series", lang),
        bound["year"],
        bound["value"],
        list(bound["source_id"]),
        kind="range",
        role="context",
    )
    # The copper export values found: too few for a line, so every one is a labelled point, an
    # estimate made before the year closed (its note says so) marked hollow.
    exports = _quantity(frame, EXPORTS)
    true = exports[exports["source_id"] != "article"].sort_values(["year", "source_id"])
    estimate = noted(true, "estimate", at_start=True)
    share = _quantity(frame, COPPER_SHARE).set_index("year")
    for hollow, group in sorted(true.groupby(estimate), key=lambda kv: not kv[0]):
        face = "white" if hollow else INK
        marks(bottom, _mid(group), group["value"], color=INK, size=7, face=face, edge=1.0)
    record(
        bottom,
        t("economy.exports.series", lang),
        true["year"],
        true["value"],
        list(true["source_id"]),
        kind="points",
        role="preferred",
    )
    # One label a year: the years up to 1973 in the empty space at the top left, with a leader; later
    # years beside their points (1988 to its left).
    slots = [(1960.5, 3300), (1960.5, 2500)]
    for year, g in true.assign(_estimate=estimate.to_numpy()).groupby("year"):
        final = g[~g["_estimate"]]
        row = (final if len(final) else g).iloc[-1]
        value = fmt_number(row["value"], lang)
        # Beside the point by default; up to the empty space with a leader inside or before the
        # shaded years; to the left of the point for the last year, with its share of exports.
        place = {"xytext": (8, 0), "textcoords": "offset points", "ha": "left"}
        if year <= 1973:
            place = {"xytext": slots.pop(0), "textcoords": "data", "ha": "left"}
            place["arrowprops"] = {"arrowstyle": "-", "color": "0.45", "lw": 0.8, "shrinkB": 5}
        if len(final) and len(final) < len(g):
            first = fmt_number(g[g["_estimate"]].iloc[0]["value"], lang)
            text = t("economy.exports.year.revised", lang, year=year, value=value, first=first)
        elif not len(final):
            text = t("economy.exports.year.estimate", lang, year=year, value=value)
        elif year in share.index:
            s = share.loc[year]
            record(
                bottom,
                t("economy.exports.share.series", lang),
                [year],
                [s["value"]],
                s["source_id"],
                kind="callout",
                role="context",
            )
            share_text = fmt_pct(s["value"], lang)
            text = t("economy.exports.point", lang, year=year, value=value, share=share_text)
            place = {"xytext": (-8, 0), "textcoords": "offset points", "ha": "right"}
        else:
            text = t("economy.exports.year", lang, year=year, value=value)
        bottom.annotate(
            text,
            (year + 0.5, row["value"]),
            va="center",
            fontsize=8.5,
            color=INK,
            **place,
        )
    bottom.set_ylim(0, 4200)
    bottom.set_xlim(1959.5, 1991)
    _number_axis(bottom, lang)
    _mark(top, lang, "1960-01-01", "1990-12-31", ("Copper nationalised",))
    finish(
        fig,
        top,
        title=t("economy.exports.headline", lang),
        subtitle=t("economy.exports.subtitle", lang),
        note=t("economy.exports.note", lang),
        source_ids=_context_sources(fig),
        lang=lang,
        label_room=0.1,
    )
    label_ends(
        top, [(price["_x"].iloc[-1], price["_y"].iloc[-1], t("economy.exports.price", lang), INK)]
    )
    # The ceiling's label sits inside its shaded area, clear of the labels of the points.
    bottom.text(
        bx[0] + 0.3,
        300,
        t("economy.exports.bound", lang).replace("\n", " "),
        ha="left",
        va="center",
        fontsize=8.5,
        fontweight="bold",
        color="0.4",
    )
    return fig


def _wage_rows(frame):
    """The real-wage measures of 1965-1975, one per (indicator, unit), each from its preferred source;
    in the chart's order, top to bottom."""
    out = []
    for indicator in WAGES:
        rows = frame[(frame["indicator"] == indicator) & frame["year"].between(1965, 1975)]
        for unit, g in rows.groupby("unit", sort=False):
            sid = preferred_source(g, "value")
            out.append((indicator, unit, sid, g[g["source_id"] == sid].sort_values("year")))
    return out


def _wage_key(indicator: str, unit: str) -> str:
    if indicator != "real_wage_index":
        return f"economy.wages.{indicator}"
    return f"economy.wages.{indicator}.{'jan1970' if 'January 1970' in unit else 'year1970'}"


def _wage_position(indicator: str, unit: str, year: int) -> float:
    """Where a value sits in time: a year at mid-year; January-August 1973 at its middle (end of
    April); a level three months after the coup of 11 September at mid-December."""
    if indicator == "real_wage_index" and "January-August" in unit:
        return year + 4 * MONTH
    if indicator == "real_wage_index" and "after the September 1973 coup" in unit:
        return year + 11.5 * MONTH
    return year + 0.5


def _wage_value(indicator: str, value: float, lang: str) -> str:
    if indicator == "real_wage_growth_pct":
        return ("+" if value > 0 else "") + fmt_pct(value, lang)
    if indicator == "real_wage_labourers_subsistence_ratio":
        return fmt_number(value, lang, 1)
    return fmt_number(value, lang, 1 if value != round(value) else 0)


def real_wages(lang: str = "en") -> Figure:
    """Real wages 1965-1975 as a small table on a time axis: one row per measure and basis, each value
    a labelled point (no measure has enough values for a line, and no two share a basis)."""
    frame = load("economy")
    measures = _wage_rows(frame)
    fig, ax = new_figure()
    up_band(ax, lang)
    n = len(measures)
    for i, (indicator, unit, sid, rows) in enumerate(measures):
        y = n - 1 - i
        ax.axhline(y, color="0.8", lw=0.8, zorder=1)
        ax.text(
            1964.6,
            y + 0.32,
            t(_wage_key(indicator, unit), lang),
            ha="left",
            va="bottom",
            fontsize=9,
            color="0.25",
        )
        xs = [_wage_position(indicator, unit, int(yr)) for yr in rows["year"]]
        ax.plot(xs, [y] * len(xs), linestyle="none", marker="o", markersize=7, color=INK, zorder=3)
        for x, v in zip(xs, rows["value"], strict=True):
            ax.annotate(
                _wage_value(indicator, v, lang),
                (x, y),
                xytext=(0, -9),
                textcoords="offset points",
                ha="center",
                va="top",
                fontsize=10,
                fontweight="bold",
                color=INK,
            )
        record(
            ax,
            t(_wage_key(indicator, unit), lang),
            rows["year"],
            rows["value"],
            sid,
            kind="points",
            role="preferred",
        )
    ax.set_ylim(-0.75, n - 0.2)
    ax.set_yticks([])
    ax.grid(False)
    ax.spines["left"].set_visible(False)
    ax.set_xlim(1964.5, 1976)
    ax.set_xticks(range(1965, 1977))
    _mark(ax, lang, "1965-01-01", "1975-12-31", ("Coup",))
    finish(
        fig,
        ax,
        title=t("economy.wages.headline", lang),
        subtitle=t("economy.wages.subtitle", lang),
        note=t("economy.wages.note", lang),
        lang=lang,
    )
    return fig
