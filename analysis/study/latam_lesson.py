"""The regional lesson (notebook 09): Chile's inflation and output per person beside Argentina's,
Bolivia's, Brazil's, Peru's and Uruguay's, 1950-1990, and what the comparison can and cannot bear.

Each country's series is its preferred source by the one rule of
:func:`analysis.study.sources.preferred_source`, as on the charts. The inflation rows do not all
share a basis: Clio-Infra states none, and the rows' notes establish it where another series can
be matched (INE's December-on-December rates for Chile, the World Bank's annual averages for the
neighbours); :func:`basis_counts` and :func:`chile_basis_check` show how far that goes.
"""

from __future__ import annotations

import pandas as pd

from analysis.data.datasets import load
from analysis.study.sources import disagreements, preferred_source

ORDER = ("Chile", "Argentina", "Bolivia", "Brazil", "Peru", "Uruguay")
CLIO = "clioinfra_inflation_dezwart"
INE = "ine_ipc_empalme_1928_2009"
INFLATION = "inflation_pct"
GDP = "gdp_pc_2011intl"
WDI = "wdi_fp_cpi_totl_zg"
# Gaps below this (in percentage points) count as the same figure: Clio-Infra prints INE's rates to
# five decimals until 1985 and rounded to one decimal after it.
SAME = 0.1
# The basis a row's note gives, by the words it uses, checked in this order.
BASES = (
    ("suspect", "suspect"),
    ("check:", "to check"),
    ("equals WDI annual-average", "annual average (equals the World Bank's)"),
    ("annual-average CPI change", "annual average (stated)"),
    ("close to official INE Dec-Dec", "December on December (matches INE where checked)"),
    ("INE December-to-December", "December on December (stated)"),
    ("Dec-Dec basis possible", "not stated (December possible)"),
)
NOT_STATED = "not stated"


def _rows(indicator: str) -> pd.DataFrame:
    frame = load("latin_america")
    return frame[frame["indicator"] == indicator]


def preferred(indicator: str = INFLATION, *, suspect: bool = True) -> pd.DataFrame:
    """Each country's rows of one indicator from its preferred source (the series a chart draws);
    ``suspect=False`` leaves out the values their notes mark as suspect (the chart does not join
    them into the line)."""
    rows = _rows(indicator)
    keep = [g[g["source_id"] == preferred_source(g, "value")] for _, g in rows.groupby("country")]
    out = pd.concat(keep, ignore_index=True)
    if not suspect:
        out = out[out["note"].map(basis) != "suspect"]
    return out.reset_index(drop=True)


def _wide(rows: pd.DataFrame) -> pd.DataFrame:
    table = rows.pivot_table(index="year", columns="country", values="value", aggfunc="first")
    table.index = table.index.astype(int)
    return table[[c for c in ORDER if c in table.columns]]


def peaks() -> pd.DataFrame:
    """Each country's highest inflation rate, 1950-1990, and its highest before 1980, from its
    preferred source, suspect values left out."""
    out = []
    for country, g in preferred(suspect=False).groupby("country"):
        series = g.set_index(g["year"].astype(int))["value"]
        early = series.loc[:1979]
        out.append(
            {
                "country": country,
                "source_id": g["source_id"].iloc[0],
                "peak_year": int(series.idxmax()),
                "peak_pct": round(series.max(), 1),
                "before_1980_year": int(early.idxmax()),
                "before_1980_pct": round(early.max(), 1),
            }
        )
    table = pd.DataFrame(out).set_index("country")
    return table.loc[[c for c in ORDER if c in table.index]]


def above_chile(year: int = 1973) -> pd.DataFrame:
    """For each neighbour, the first year its preferred series went above Chile's rate of ``year``
    (Chile's own preferred series), and that rate; suspect values left out."""
    wide = _wide(preferred(suspect=False))
    chile = float(wide.loc[year, "Chile"])
    out = []
    for country in wide.columns.drop("Chile"):
        over = wide[country][wide[country] > chile]
        out.append(
            {
                "country": country,
                f"chile_{year}_pct": round(chile, 1),
                "first_year_above": int(over.index[0]) if len(over) else None,
                "its_rate_pct": round(float(over.iloc[0]), 1) if len(over) else None,
            }
        )
    return pd.DataFrame(out).astype({"first_year_above": "Int64"}).set_index("country")


def basis(note: object) -> str:
    """The basis of an inflation rate as its row's note gives it (see :data:`BASES`)."""
    text = "" if pd.isna(note) else str(note)
    for words, name in BASES:
        if words in text:
            return name
    return NOT_STATED


def basis_counts(source_id: str = CLIO) -> pd.DataFrame:
    """How many of one source's inflation rows, country by country, the notes put on each basis."""
    rows = _rows(INFLATION)
    rows = rows[rows["source_id"] == source_id]
    table = pd.crosstab(rows["country"], rows["note"].map(basis))
    return table.loc[[c for c in ORDER if c in table.index]]


def chile_basis_check(first: int = 1950, last: int = 1990) -> pd.DataFrame:
    """Clio-Infra's rate for Chile (in ``latin_america.csv``) against INE's official December-on-
    December rate and annual average (``inflation.csv``), year by year, with which it equals."""
    rows = _rows(INFLATION)
    clio = rows[(rows["source_id"] == CLIO) & (rows["country"] == "Chile")]
    clio = clio.set_index(clio["year"].astype(int))["value"]
    ine = load("inflation")
    ine = ine[ine["source_id"] == INE]
    dec = ine[(ine["measure"] == "twelve_month") & ine["period"].str.endswith("-12")]
    dec = dec.set_index(dec["period"].str[:4].astype(int))["inflation_pct"]
    avg = ine[ine["measure"] == "annual_average"]
    avg = avg.set_index(avg["period"].astype(int))["inflation_pct"]
    years = list(range(first, last + 1))
    table = pd.DataFrame(
        {
            "clioinfra": clio.reindex(years),
            "ine_december": dec.reindex(years),
            "ine_annual_average": avg.reindex(years),
        },
        index=pd.Index(years, name="year"),
    )
    same_dec = (table["clioinfra"] - table["ine_december"]).abs() < SAME
    same_avg = (table["clioinfra"] - table["ine_annual_average"]).abs() < SAME
    table["equals"] = [
        "December on December" if d else "annual average" if a else "neither"
        for d, a in zip(same_dec, same_avg, strict=True)
    ]
    return table.round(1)


def equals_counts(first: int = 1950, last: int = 1990) -> pd.Series:
    """How many years Clio-Infra's Chile rate equals INE's December rate, its annual average, or
    neither (see :func:`chile_basis_check`)."""
    return chile_basis_check(first, last)["equals"].value_counts()


def inflation_in(years: list[int]) -> pd.DataFrame:
    """Each country's inflation rate in the given years, from its preferred source."""
    return _wide(preferred()).loc[years].round(1)


def annual_averages(years: list[int]) -> pd.DataFrame:
    """Each country's annual-average inflation in the given years from one compiler, the World Bank
    (WDI, which credits the IMF): the one basis the dataset gives for several countries at once
    (it has no row for Argentina, and Brazil's start in 1981)."""
    rows = _rows(INFLATION)
    wide = _wide(rows[rows["source_id"] == WDI])
    return wide.reindex(years).round(1)


def gdp_index(years: list[int], base: int = 1950) -> pd.DataFrame:
    """Output per person in the given years as an index, ``base`` = 100 (Maddison Project)."""
    wide = _wide(_rows(GDP))
    return (wide.loc[years] / wide.loc[base] * 100).round(1)


def gdp_change(first: int, last: int) -> pd.DataFrame:
    """Output per person in two years (2011 international dollars) and the change, in percent."""
    wide = _wide(_rows(GDP))
    return pd.DataFrame(
        {
            f"in_{first}": wide.loc[first].round(0),
            f"in_{last}": wide.loc[last].round(0),
            "change_pct": ((wide.loc[last] / wide.loc[first] - 1) * 100).round(1),
        }
    )


def source_disagreements(min_spread_pct: float = 50) -> pd.DataFrame:
    """Country-years for which two sources' inflation rates are at least ``min_spread_pct`` apart."""
    return disagreements(
        _rows(INFLATION), ["country", "year"], "value", min_spread_pct=min_spread_pct
    )
