"""The inflation lesson (notebook 03): the two annual measures, the official index against the
corrected series, how many times prices multiplied, and where the article's figures fall.

Every function reads the validated datasets and returns a small table: the official numbers are
INE's spliced monthly consumer price index (``consumer_prices.csv``) and the rates computed from it
(``inflation.csv``, same source id); Clio-Infra's series, which follows a corrected index for
1971-1978, is kept beside it and always named as such.
"""

from __future__ import annotations

import pandas as pd

from analysis.data.datasets import load
from analysis.study.indicators import annual_average_from_monthly_index, compound_pct, multiple
from analysis.study.sources import ARTICLE

INE = "ine_ipc_empalme_1928_2009"
CLIO = "clioinfra_inflation_dezwart"
WDI = "wdi_fp_cpi_totl_zg"
# The spans a multiple is quoted for: from the index of one month to that of a later one.
SPANS = (
    ("1970-12", "1973-12"),  # three calendar years, December 1970 to December 1973
    ("1971-12", "1972-12"),  # 1972 alone
    (
        "1970-10",
        "1973-08",
    ),  # the last month before Allende took office to the last before the coup
)
# Gaps below this (in percentage points) count as the same figure: the suite keeps rates to six
# decimals and Clio-Infra rounds to five.
SAME = 0.01


def ine_index() -> pd.Series:
    """INE's official monthly consumer price index, indexed by month ("YYYY-MM")."""
    prices = load("consumer_prices")
    return prices.set_index("month")["index"].astype("float64")


def _rates(source_id: str, measure: str = "twelve_month") -> pd.Series:
    frame = load("inflation")
    rows = frame[(frame["source_id"] == source_id) & (frame["measure"] == measure)]
    return rows.set_index("period")["inflation_pct"].astype("float64")


def _december(source_id: str) -> pd.Series:
    """A source's December-on-December rates, indexed by year (int)."""
    rates = _rates(source_id)
    rates = rates[rates.index.str.endswith("-12")]
    rates.index = rates.index.str[:4].astype(int)
    return rates


def two_measures(year: int) -> pd.DataFrame:
    """The year's two measures of inflation computed straight from INE's monthly index, beside the
    rows of ``inflation.csv`` that hold them: December on December (the index of December against
    the December before) and the annual average (the mean of the year's twelve indices against the
    mean of the year before's)."""
    index = ine_index()
    december = (index[f"{year}-12"] / index[f"{year - 1}-12"] - 1) * 100
    average = annual_average_from_monthly_index(index, year)
    stored = load("inflation")
    stored = stored[stored["source_id"] == INE].set_index(["period", "measure"])["inflation_pct"]
    return pd.DataFrame(
        {
            "measure": ["December on December", "annual average"],
            "from_the_index": [round(december, 1), round(average, 1)],
            "in_inflation_csv": [
                round(float(stored[(f"{year}-12", "twelve_month")]), 1),
                round(float(stored[(str(year), "annual_average")]), 1),
            ],
        }
    )


def long_run_range(first: int, last: int) -> pd.DataFrame:
    """The lowest and highest December-on-December rate of INE's index between two years."""
    rates = _december(INE).loc[first:last]
    return pd.DataFrame(
        {
            "year": [int(rates.idxmin()), int(rates.idxmax())],
            "ine_december_pct": [round(rates.min(), 1), round(rates.max(), 1)],
        },
        index=pd.Index(["lowest", "highest"], name=f"{first}-{last}"),
    )


def annual_measures(first: int, last: int) -> pd.DataFrame:
    """Both annual measures year by year: INE's December-on-December rate and annual average (the
    official index), Clio-Infra's December-on-December rate (a corrected index for 1971-1978) and
    the World Bank's annual average (WDI, which credits the IMF), rounded to one decimal."""
    years = range(first, last + 1)
    average = _rates(INE, "annual_average")
    wdi = _rates(WDI, "annual_average")
    table = pd.DataFrame(
        {
            "ine_december": _december(INE).reindex(years),
            "ine_annual_average": [average.get(str(y)) for y in years],
            "clioinfra_december": _december(CLIO).reindex(years),
            "wdi_annual_average": [wdi.get(str(y)) for y in years],
        },
        index=pd.Index(list(years), name="year"),
    )
    return table.astype("float64").round(1)


def other_figures(first: int, last: int) -> pd.DataFrame:
    """The figures of every further source for the years ``first``-``last`` (not INE, Clio-Infra,
    the World Bank or the article): period, measure, rate and who gives it."""
    frame = load("inflation")
    rows = frame[
        ~frame["source_id"].isin([INE, CLIO, WDI, ARTICLE])
        & frame["period"].str[:4].astype(int).between(first, last)
    ]
    names = load("sources").set_index("source_id")["attribution"]
    return pd.DataFrame(
        {
            "period": rows["period"],
            "measure": rows["measure"],
            "inflation_pct": rows["inflation_pct"].round(1),
            "source": rows["source_id"].map(names),
        }
    ).reset_index(drop=True)


def official_vs_corrected(first: int, last: int) -> pd.DataFrame:
    """INE's official December-on-December rate against Clio-Infra's, year by year, with the gap in
    points and whether they are the same figure (within :data:`SAME` points)."""
    years = range(first, last + 1)
    ine, clio = _december(INE).reindex(years), _december(CLIO).reindex(years)
    gap = clio - ine
    return pd.DataFrame(
        {
            "ine_official": ine.round(1),
            "clioinfra_corrected": clio.round(1),
            "gap_points": gap.round(1) + 0.0,  # + 0.0: no "-0.0"
            "same_figure": gap.abs() < SAME,
        },
        index=pd.Index(list(years), name="year"),
    )


def index_multiple(start: str, end: str) -> float:
    """How many times prices multiplied between two months on INE's official index:
    ``I[end] / I[start]`` (months as "YYYY-MM")."""
    index = ine_index()
    return multiple(float(index[start]), float(index[end]))


def compounded_multiple(source_id: str, first_year: int, last_year: int) -> float:
    """How many times prices multiplied from December ``first_year - 1`` to December ``last_year``
    by compounding one source's December-on-December rates (raises KeyError if a year is missing)."""
    rates = _december(source_id)
    wanted = list(range(first_year, last_year + 1))
    missing = [y for y in wanted if y not in rates.index]
    if missing:
        raise KeyError(f"{source_id} has no December-on-December rate for {missing}")
    return 1 + compound_pct(rates.loc[wanted]) / 100


def price_multiples(spans: tuple[tuple[str, str], ...] = SPANS) -> pd.DataFrame:
    """How many times prices multiplied over each span, on both series: INE's official monthly
    index (``I[to] / I[from]``) and Clio-Infra's corrected series (its December-on-December rates
    compounded; only for spans from a December to a December, since it has no monthly figures)."""
    out = []
    for start, end in spans:
        december = start.endswith("-12") and end.endswith("-12")
        clio = compounded_multiple(CLIO, int(start[:4]) + 1, int(end[:4])) if december else None
        out.append(
            {
                "from": start,
                "to": end,
                "ine_official_index": round(index_multiple(start, end), 1),
                "clioinfra_corrected": None if clio is None else round(clio, 1),
            }
        )
    return pd.DataFrame(out).astype({"clioinfra_corrected": "float64"})


def twelve_month_rates(first: str, last: str) -> pd.DataFrame:
    """INE's twelve-month rate for each month from ``first`` to ``last`` ("YYYY-MM"), with the
    article's figure beside the month it names."""
    ine = _rates(INE)
    months = [m for m in ine.index if len(m) == 7 and first <= m <= last]
    article = _rates(ARTICLE)
    return pd.DataFrame(
        {
            "ine_twelve_month_pct": ine.loc[months].round(1),
            "article_pct": article.reindex(months),
        },
        index=pd.Index(months, name="month"),
    )


def first_month_at_or_above(threshold: float, start: str = "1969-01") -> str | None:
    """The first month from ``start`` in which INE's twelve-month rate reached ``threshold``."""
    ine = _rates(INE)
    months = sorted(m for m in ine.index if len(m) == 7 and m >= start)
    for month in months:
        if ine[month] >= threshold:
            return month
    return None


def article_against_ine() -> pd.DataFrame:
    """Each of the article's inflation figures against INE's twelve-month rate to the month it
    names: the gap in points, and the first month the official rate reached the article's figure."""
    ine = _rates(INE)
    out = []
    for period, value in _rates(ARTICLE).sort_index().items():
        official = float(ine[period])
        out.append(
            {
                "month": period,
                "article_pct": value,
                "ine_pct": round(official, 2),
                "gap_points": round(value - official, 1) + 0.0,
                "ine_first_reached_it": first_month_at_or_above(value),
            }
        )
    return pd.DataFrame(out)
