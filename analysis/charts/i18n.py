"""Every string a chart shows, in English and Spanish, in one table.

The strings every chart shares are below; each figure module adds its own at its top with
:func:`register`. ``t("up_period", "es")`` returns the Spanish text. Event labels come from
``events.csv`` (``label_en`` / ``label_es``), source names from ``sources.csv`` and, in Spanish,
:mod:`analysis.charts.sources_es`. While a figure is drawn, :func:`collecting` can gather every text
handed out, which is how the tests check that a chart shows nothing the table did not give.
"""

from __future__ import annotations

from contextlib import contextmanager

LANGUAGES = ("en", "es")

STRINGS: dict[str, dict[str, str]] = {
    # shared by every chart (a figure module registers its own strings with register())
    "source": {"en": "Source", "es": "Fuente"},
    "sources": {"en": "Sources", "es": "Fuentes"},
    "year": {"en": "Year", "es": "Año"},
    "up_period": {"en": "Popular Unity", "es": "Unidad Popular"},
    "article": {"en": "The article's figure", "es": "Cifra del artículo"},
    "article.source": {"en": "the article under audit", "es": "el artículo auditado"},
    "note": {"en": "Note", "es": "Nota"},
    "datasets.all": {
        "en": "every source in datasets/sources.csv",
        "es": "todas las fuentes de datasets/sources.csv",
    },
    "credit.many": {
        "en": "Sources: {n} sources of the suite's datasets; the chart's data file (CSV) names the source of every point, and datasets/sources.csv cites each in full.",
        "es": "Fuentes: {n} fuentes de los datos de la colección; el archivo de datos del gráfico (CSV) indica la fuente de cada punto y datasets/sources.csv cita cada una completa.",
    },
    "credit_suffix": {"en": "Chart: chile-1973-stats", "es": "Gráfico: chile-1973-stats"},
    "audit.supported": {"en": "claim supported", "es": "afirmación respaldada"},
    "audit.differs": {"en": "claim differs", "es": "afirmación discrepa"},
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
