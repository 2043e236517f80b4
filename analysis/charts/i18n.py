"""Every string a chart shows, in English and Spanish, in one place.

``t("strikes.title", "es")`` returns the Spanish text. Event labels come from ``events.csv``
(``label_en`` / ``label_es``); source names from ``sources.csv``.
"""

from __future__ import annotations

from contextlib import contextmanager

LANGUAGES = ("en", "es")

STRINGS: dict[str, dict[str, str]] = {
    # shared
    "source": {"en": "Source", "es": "Fuente"},
    "sources": {"en": "Sources", "es": "Fuentes"},
    "year": {"en": "Year", "es": "Año"},
    "up_period": {"en": "Popular Unity", "es": "Unidad Popular"},
    "dictatorship": {"en": "Dictatorship", "es": "Dictadura"},
    "article": {"en": "The article's figure", "es": "Cifra del artículo"},
    "article.source": {"en": "the article under audit", "es": "el artículo auditado"},
    "note": {"en": "Note", "es": "Nota"},
    "datasets.all": {
        "en": "every source in datasets/sources.csv",
        "es": "todas las fuentes de datasets/sources.csv",
    },
    "credit.many": {
        "en": "Sources: {n} sources of the suite's datasets; the chart's data file (CSV) names the "
        "source of every point, and datasets/sources.csv cites each in full.",
        "es": "Fuentes: {n} fuentes de los datos de la colección; el archivo de datos del gráfico "
        "(CSV) indica la fuente de cada punto y datasets/sources.csv cita cada una completa.",
    },
    "others.note": {
        "en": "Grey circles: other sources for the same measure.",
        "es": "Círculos grises: otras fuentes para la misma medida.",
    },
    "suspect.hollow": {
        "en": "Hollow: suspect value, not joined to the line.",
        "es": "Vacío: valor dudoso, no unido a la línea.",
    },
    "credit_suffix": {"en": "Chart: chile-1973-stats", "es": "Gráfico: chile-1973-stats"},
    "no_data": {"en": "no data", "es": "sin datos"},
    # strikes
    "strikes.title": {
        "en": "The strike wave: strikes per year, Chile 1932-1990",
        "es": "La ola de huelgas: huelgas por año, Chile 1932-1990",
    },
    "strikes.ylabel": {"en": "Strikes per year (number)", "es": "Huelgas por año (número)"},
    "strikes.workers.title": {
        "en": "Workers involved in strikes, Chile 1932-1990",
        "es": "Trabajadores en huelga, Chile 1932-1990",
    },
    "strikes.workers.ylabel": {
        "en": "Workers involved (thousands)",
        "es": "Trabajadores involucrados (miles)",
    },
    "strikes.size.title": {
        "en": "Smaller, more frequent strikes: workers per strike, Chile 1932-1990",
        "es": "Huelgas más pequeñas y frecuentes: trabajadores por huelga, Chile 1932-1990",
    },
    "strikes.size.ylabel": {
        "en": "Workers per strike (number)",
        "es": "Trabajadores por huelga (número)",
    },
    "strikes.trend": {"en": "Trend 1945-1965, extended", "es": "Tendencia 1945-1965, prolongada"},
    "strikes.gap": {"en": "no series 1974-1979", "es": "sin serie 1974-1979"},
    "strikes.suspect": {
        "en": "1967: probably a digitising error",
        "es": "1967: probable error de digitación",
    },
    "strikes.legal_only": {
        "en": "from 1980: legal strikes only,\nnot comparable",
        "es": "desde 1980: solo huelgas legales,\nno comparable",
    },
    # elections
    "pres.title": {
        "en": "Presidential elections, Chile 1932-1970: share of valid votes",
        "es": "Elecciones presidenciales, Chile 1932-1970: porcentaje de votos válidos",
    },
    "pres.ylabel": {"en": "Share of valid votes (%)", "es": "Votos válidos (%)"},
    "pres1970.title": {
        "en": "The three-way race of 4 September 1970",
        "es": "La elección a tres bandas del 4 de septiembre de 1970",
    },
    "pres1970.xlabel": {"en": "Share of votes (%)", "es": "Porcentaje de votos (%)"},
    "basis.valid": {"en": "share of valid votes", "es": "sobre votos válidos"},
    "basis.cast": {"en": "share of all ballots", "es": "sobre votos emitidos"},
    "up.title": {
        "en": "The Popular Unity vote, 1970-1973",
        "es": "El voto de la Unidad Popular, 1970-1973",
    },
    "up.ylabel": {"en": "Share of valid votes (%)", "es": "Votos válidos (%)"},
    "up.pres1970": {"en": "Presidential\n4 Sep 1970", "es": "Presidencial\n4 sep 1970"},
    "up.mun1971": {"en": "Municipal\n4 Apr 1971", "es": "Municipal\n4 abr 1971"},
    "up.dep1973": {"en": "Deputies\n4 Mar 1973", "es": "Diputados\n4 mar 1973"},
    "deputies.title": {
        "en": "Chamber of Deputies elections, 1961-1973: vote by party",
        "es": "Elecciones de diputados, 1961-1973: votación por partido",
    },
    "deputies.ylabel": {"en": "Share of valid votes (%)", "es": "Votos válidos (%)"},
    # inflation
    "infl.title": {
        "en": "Consumer price inflation, Chile 1940-1990 (December on December)",
        "es": "Inflación de precios al consumidor, Chile 1940-1990 (diciembre a diciembre)",
    },
    "infl.ylabel": {
        "en": "Inflation (% a year, log scale)",
        "es": "Inflación (% anual, escala log.)",
    },
    "infl.up.title": {
        "en": "Inflation under Popular Unity and after, 1969-1976: two measures",
        "es": "La inflación con la Unidad Popular y después, 1969-1976: dos medidas",
    },
    "infl.up.ylabel": {"en": "Inflation (% a year)", "es": "Inflación (% anual)"},
    "measure.twelve_month": {"en": "December on December", "es": "Diciembre a diciembre"},
    "measure.annual_average": {"en": "Annual average", "es": "Promedio anual"},
    # debt
    "debt.title": {
        "en": "External debt, Chile 1955-1990",
        "es": "Deuda externa, Chile 1955-1990",
    },
    "debt.ylabel": {
        "en": "Debt outstanding (billions of current US$)",
        "es": "Deuda vigente (miles de millones de US$ corrientes)",
    },
    # overview
    "coverage.title": {
        "en": "What the datasets cover: years with at least one sourced value",
        "es": "Qué cubren los datos: años con al menos un valor con fuente",
    },
    "coverage.xlabel": {"en": "Year", "es": "Año"},
    "disagree.title": {
        "en": "Where sources disagree: spread between sources for the same quantity",
        "es": "Donde las fuentes discrepan: diferencia entre fuentes para una misma cifra",
    },
    "disagree.xlabel": {
        "en": "Largest value over smallest, minus one (%)",
        "es": "Valor mayor sobre menor, menos uno (%)",
    },
    # claims audit
    "audit.title": {
        "en": "The article's figures against independent sources",
        "es": "Las cifras del artículo frente a fuentes independientes",
    },
    "audit.xlabel": {
        "en": "Independent value ÷ the article's figure (1× = the same; log scale)",
        "es": "Valor independiente ÷ cifra del artículo (1× = igual; escala log.)",
    },
    "audit.supported": {"en": "claim supported", "es": "afirmación respaldada"},
    "audit.differs": {"en": "claim differs", "es": "afirmación discrepa"},
    # copper and the economy
    "copper.title": {
        "en": "The world price of copper, 1960-1990 (US$ per tonne)",
        "es": "El precio mundial del cobre, 1960-1990 (US$ por tonelada)",
    },
    "copper.ylabel": {"en": "US$ per metric ton", "es": "US$ por tonelada métrica"},
    "copper.nominal": {"en": "current dollars", "es": "dólares corrientes"},
    "copper.real": {"en": "constant 2010 dollars", "es": "dólares constantes de 2010"},
    "copper.long.title": {
        "en": "The real price of copper since 1900 (index, 1900 = 100)",
        "es": "El precio real del cobre desde 1900 (índice, 1900 = 100)",
    },
    "copper.long.ylabel": {
        "en": "Real price index (1900 = 100)",
        "es": "Índice de precio real (1900 = 100)",
    },
    "gdp.title": {
        "en": "Output per person, Chile 1900-1990",
        "es": "Producto por persona, Chile 1900-1990",
    },
    "gdp.ylabel": {
        "en": "GDP per capita (2011 international dollars)",
        "es": "PIB per cápita (dólares internacionales de 2011)",
    },
    "boom.title": {
        "en": "Boom and crisis, 1965-1975: growth, jobs, wages and money",
        "es": "Auge y crisis, 1965-1975: crecimiento, empleo, salarios y dinero",
    },
    "panel.santiago": {"en": " (Greater Santiago)", "es": " (Gran Santiago)"},
    "panel.m1": {"en": " (M1)", "es": " (M1)"},
    "panel.growth": {
        "en": "Real GDP growth (% a year)",
        "es": "Crecimiento del PIB real (% anual)",
    },
    "panel.unemployment": {
        "en": "Unemployment (% of the labour force)",
        "es": "Desempleo (% de la fuerza de trabajo)",
    },
    "panel.wages": {
        "en": "Real wages (% change a year)",
        "es": "Salarios reales (variación % anual)",
    },
    "panel.money": {"en": "Money supply (% change a year)", "es": "Dinero (variación % anual)"},
    "panel.pct": {"en": "Percent", "es": "Porcentaje"},
    # Latin America
    "latam.infl.title": {
        "en": "Inflation in Chile and its neighbours, 1950-1990 (log scale)",
        "es": "Inflación en Chile y sus vecinos, 1950-1990 (escala log.)",
    },
    "latam.gdp.title": {
        "en": "Output per person in Chile and its neighbours, 1950-1990",
        "es": "Producto por persona en Chile y sus vecinos, 1950-1990",
    },
    "latam.gdp.ylabel": {
        "en": "GDP per capita, index (1950 = 100)",
        "es": "PIB per cápita, índice (1950 = 100)",
    },
    # timeline
    "timeline.title": {
        "en": "A timeline of Chile, 1879-1990, and the Popular Unity years in detail",
        "es": "Cronología de Chile, 1879-1990, y los años de la Unidad Popular en detalle",
    },
    "cat.war": {"en": "War", "es": "Guerra"},
    "cat.massacre": {"en": "Massacre", "es": "Masacre"},
    "cat.party": {"en": "Parties, unions", "es": "Partidos, sindicatos"},
    "cat.election": {"en": "Election", "es": "Elección"},
    "cat.plebiscite": {"en": "Plebiscite", "es": "Plebiscito"},
    "cat.reform": {"en": "Reform, law", "es": "Reforma, ley"},
    "cat.nationalisation": {"en": "Nationalisation", "es": "Nacionalización"},
    "cat.policy": {"en": "Government", "es": "Gobierno"},
    "cat.economy": {"en": "Economy", "es": "Economía"},
    "cat.strike": {"en": "Strike, protest", "es": "Huelga, protesta"},
    "cat.lockout": {"en": "Lockout", "es": "Paro patronal"},
    "cat.coup": {"en": "Coup, revolt", "es": "Golpe, alzamiento"},
    # occupations and reform
    "occ.title": {
        "en": "Occupations of land and factories: counted only as period totals",
        "es": "Tomas de terrenos y fábricas: solo hay totales por período",
    },
    "occ.count": {
        "en": "{n} in {area}, {period}",
        "es": "{n} en {area}, {period}",
    },
    "occ.xlabel": {
        "en": "Period each count covers",
        "es": "Período que cubre cada cifra",
    },
    "occ.families": {"en": " ({n} families)", "es": " ({n} familias)"},
    "occ.factory": {"en": "Factories", "es": "Fábricas"},
    "occ.rural_land": {"en": "Farms (tomas de fundos)", "es": "Fundos"},
    "occ.urban_land": {"en": "Urban land (tomas de terreno)", "es": "Terrenos urbanos"},
    "occ.note": {
        "en": "Each bar spans the period its count covers; no source read gives a count per year.",
        "es": "Cada barra abarca el período que cubre su cifra; ninguna fuente consultada da cifras por año.",
    },
    "agr.title": {
        "en": "Agrarian reform: estates and land expropriated",
        "es": "Reforma agraria: predios y tierras expropiados",
    },
    "agr.estates_expropriated": {"en": "Estates expropriated", "es": "Predios expropiados"},
    "agr.hectares_expropriated": {
        "en": "Land expropriated",
        "es": "Tierras expropiadas (millones de ha)",
    },
    "state.title": {
        "en": "The state's share of output, 1970 and 1972, by sector",
        "es": "La participación del Estado en la producción, 1970 y 1972, por sector",
    },
    "state.ylabel": {
        "en": "Share of output under state control (%)",
        "es": "Producción bajo control estatal (%)",
    },
    "sector.whole": {"en": "Whole economy", "es": "Toda la economía"},
    "sector.manufacturing": {"en": "Manufacturing", "es": "Industria"},
    "sector.mining": {"en": "Mining", "es": "Minería"},
    "sector.banking": {"en": "Banking", "es": "Banca"},
}

# Units of the article's claims (claims.csv), as short chart text.
UNITS: dict[str, dict[str, str]] = {
    "percent": {"en": "%", "es": "%"},
    "percent_of_votes": {"en": "% of votes", "es": "% de los votos"},
    "percent_of_votes_cast": {"en": "% of ballots", "es": "% de los votos emitidos"},
    "percent_of_valid_votes": {"en": "% of valid votes", "es": "% de los votos válidos"},
    "usd_millions": {"en": "million US$", "es": "millones de US$"},
    "strikes": {"en": "strikes", "es": "huelgas"},
    "workers": {"en": "workers", "es": "trabajadores"},
    "killed": {"en": "killed", "es": "muertos"},
    "firms": {"en": "firms", "es": "empresas"},
    "occupations": {"en": "occupations", "es": "tomas"},
    "persons": {"en": "people", "es": "personas"},
}


def unit(name: str, lang: str = "en") -> str:
    """A claim's unit as chart text; an unknown unit is shown as written."""
    return UNITS.get(name, {}).get(lang, name.replace("_", " "))


def register(table: dict[str, dict[str, str]]) -> None:
    """Add a figure module's strings to the table; a key may be defined once only."""
    for key, texts in table.items():
        if key in STRINGS and STRINGS[key] != texts:
            raise KeyError(f"translation key {key!r} is defined twice")
        if set(texts) != set(LANGUAGES):
            raise KeyError(f"translation key {key!r} needs exactly {LANGUAGES}")
        STRINGS[key] = texts


# While a figure is drawn, the texts handed out in each language are kept here, so that a test can
# check that every string a figure shows came from the table (see :func:`collecting`).
_SEEN: list[tuple[str, set[str]]] = []


def _seen(text: str, lang: str) -> str:
    for want, bucket in _SEEN:
        if want == lang:
            bucket.add(text)
    return text


@contextmanager
def collecting(lang: str):
    """Within the block, collect every text handed out in ``lang`` (by :func:`t`, :func:`say` and
    the number and date formatters)."""
    bucket: set[str] = set()
    _SEEN.append((lang, bucket))
    try:
        yield bucket
    finally:
        _SEEN.remove((lang, bucket))


def say(text: str, lang: str) -> str:
    """A text that comes from the data in the language asked (an event's ``label_es``, a source's
    Spanish name, a party's name), passed through so that it counts as translated."""
    return _seen(text, lang)


def t(key: str, lang: str = "en", **fields: object) -> str:
    """The text of ``key`` in ``lang`` (``en`` or ``es``), with ``{fields}`` filled in."""
    if lang not in LANGUAGES:
        raise ValueError(f"language must be one of {LANGUAGES}, not {lang!r}")
    text = STRINGS[key][lang]
    if fields:
        text = text.format(**fields)
    return _seen(text, lang)


MONTHS = {
    "en": "January February March April May June July August September October November December",
    "es": "enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre diciembre",
}


def fmt_month(year: int, month: int, lang: str = "en", *, short: bool = False) -> str:
    """A month as a reader writes it: "June 1973", "junio de 1973" (short: "Jun 1973", "jun 1973")."""
    name = MONTHS[lang].split()[month - 1]
    if short:
        return _seen(f"{name[:3]} {year}", lang)
    return _seen(f"{name} {year}" if lang == "en" else f"{name} de {year}", lang)


def fmt_pct(value: float, lang: str = "en", decimals: int = 0) -> str:
    """A percentage as printed in the language: 36.6% in English, 36,6 % in Spanish."""
    number = fmt_number(value, lang, decimals)
    return _seen(f"{number}%" if lang == "en" else f"{number} %", lang)


def fmt_number(value: float, lang: str = "en", decimals: int = 0) -> str:
    """A number with the language's separators: 1,939.5 in English, 1.939,5 in Spanish."""
    text = f"{value:,.{decimals}f}"
    if lang == "es":
        text = text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")
        if len(text.lstrip("-").split(",")[0]) == 5:  # Spanish writes 4-digit numbers unbroken
            text = text.replace(".", "", 1)
    return _seen(text, lang)
