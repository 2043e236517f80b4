"""The tables of the lesson on occupations and land (notebook 07).

Each function takes a dataset as :func:`analysis.load` returns it (``load("occupations")``,
``load("nationalisation")``) and returns a small table for a notebook cell. Column names are
English identifiers, as in the datasets. Nothing here draws or reads a file of its own.

occupations.csv holds totals over periods, not yearly series: a function here never spreads a
total over the years it covers, and never adds rows of different units, kinds, places or periods.
"""

from __future__ import annotations

import re

import pandas as pd

from analysis.study.sources import ARTICLE

REFORM = ("estates_expropriated", "hectares_expropriated")
ABBREVIATIONS = (
    "Jan",
    "Feb",
    "Mar",
    "Apr",
    "May",
    "Jun",
    "Jul",
    "Aug",
    "Sep",
    "Oct",
    "Nov",
    "Dec",
)
MONTHS = {m: i for i, m in enumerate(ABBREVIATIONS, 1)}
# A term as the reform rows' scope writes it: "Frei government, Nov 1964-Nov 1970, whole period".
_TERM = re.compile(r"^(\w+) government, (\w{3}) (\d{4})-(\w{3}) (\d{4})")


# ----- occupations ---------------------------------------------------------------------------


def occupation_periods(occupations: pd.DataFrame) -> pd.DataFrame:
    """Every count of occupations.csv with the span it covers: what was occupied (``kind``), where,
    the count and its unit, the first and last day, the length in years, whether the count is for
    one calendar year, and whether it is the article's figure alone (confirmed by no other
    source)."""
    f = occupations.sort_values(["period_start", "kind", "unit"])
    months = (
        (f["period_end"].dt.year - f["period_start"].dt.year) * 12
        + f["period_end"].dt.month
        - f["period_start"].dt.month
        + 1
    )
    one_year = (
        (f["period_start"].dt.year == f["period_end"].dt.year)
        & (f["period_start"].dt.strftime("%m-%d") == "01-01")
        & (f["period_end"].dt.strftime("%m-%d") == "12-31")
    )
    out = pd.DataFrame(
        {
            "kind": f["kind"],
            "area": f["area"],
            "count": f["count"].astype(int),
            "unit": f["unit"],
            "from": f["period_start"].dt.strftime("%Y-%m-%d"),
            "to": f["period_end"].dt.strftime("%Y-%m-%d"),
            "years": (months / 12).round(2),
            "one_calendar_year": one_year,
            "source_id": f["source_id"],
            "article_only": f["source_id"] == ARTICLE,
        }
    )
    return out.reset_index(drop=True)


def yearly_counts(occupations: pd.DataFrame, *, independent: bool = True) -> pd.DataFrame:
    """The counts of occupations for a single calendar year, the only ones that could start a
    yearly series; by default only those from a source other than the article. An empty table is
    the answer the data give: no yearly count from an independent source."""
    table = occupation_periods(occupations)
    table = table[table["one_calendar_year"] & (table["unit"] == "occupations")]
    if independent:
        table = table[~table["article_only"]]
    return table.reset_index(drop=True)


def families_per_occupation(occupations: pd.DataFrame) -> pd.DataFrame:
    """Where one source counts both the occupations and the families taking part in them, for the
    same kind, place and period: the average number of families per occupation (families /
    occupations). An average over the whole period: it says nothing about any one occupation."""
    keys = ["period_start", "period_end", "kind", "area", "source_id"]
    table = occupations.pivot_table(index=keys, columns="unit", values="count", aggfunc="first")
    if not {"families", "occupations"} <= set(table.columns):
        return pd.DataFrame(columns=[*keys, "occupations", "families", "families_per_occupation"])
    table = table.dropna(subset=["families", "occupations"]).reset_index()
    table = table.assign(
        period_start=table["period_start"].dt.strftime("%Y-%m-%d"),
        period_end=table["period_end"].dt.strftime("%Y-%m-%d"),
        occupations=table["occupations"].astype(int),
        families=table["families"].astype(int),
        families_per_occupation=(table["families"] / table["occupations"]).round(1),
    )
    table.columns.name = None
    return table[[*keys, "occupations", "families", "families_per_occupation"]]


# ----- agrarian reform -----------------------------------------------------------------------


def _term(scope: str) -> tuple[str, int]:
    """The government and the length of its term in months, read from a reform row's scope."""
    m = _TERM.match(scope)
    if not m:
        raise ValueError(f"cannot read a government's term from {scope!r}")
    who, m0, y0, m1, y1 = m.groups()
    months = (int(y1) - int(y0)) * 12 + MONTHS[m1] - MONTHS[m0]
    return who, months


def reform_totals(nationalisation: pd.DataFrame) -> pd.DataFrame:
    """The agrarian reform by government: estates (predios) and million hectares expropriated over
    the whole term, the term's length in months (from the rows' scope), and two averages derived
    from them: estates a year (an average over the term, which says nothing about when in the
    term they were taken) and hectares per estate (the average size of an estate taken, to the
    nearest hundred hectares, since the source prints the land to a tenth of a million)."""
    rows = nationalisation[nationalisation["indicator"].isin(REFORM)].sort_values("date")
    out = []
    for scope, g in rows.groupby("scope", sort=False):
        who, months = _term(str(scope))
        values = g.set_index("indicator")["value"]
        estates, hectares = (
            float(values["estates_expropriated"]),
            float(values["hectares_expropriated"]),
        )
        out.append(
            {
                "government": who,
                "term": str(scope).split(", ")[1],
                "months": months,
                "estates": int(estates),
                "million_hectares": hectares,
                "estates_a_year": round(estates / (months / 12), 1),
                "hectares_per_estate": int(round(hectares * 1e6 / estates, -2)),
                "source_id": ";".join(dict.fromkeys(g["source_id"])),
            }
        )
    return pd.DataFrame(out)


def reform_ratios(nationalisation: pd.DataFrame, later: str = "Allende", earlier: str = "Frei"):
    """How many times ``later``'s figure is ``earlier``'s: estates, hectares, estates a year and
    hectares per estate (computed from the totals as given, before any rounding)."""
    table = reform_totals(nationalisation).set_index("government")
    a, b = table.loc[later], table.loc[earlier]
    ratios = {
        "estates": a["estates"] / b["estates"],
        "million_hectares": a["million_hectares"] / b["million_hectares"],
        "estates_a_year": (a["estates"] / a["months"]) / (b["estates"] / b["months"]),
        "hectares_per_estate": (a["million_hectares"] / a["estates"])
        / (b["million_hectares"] / b["estates"]),
    }
    return pd.Series(ratios, dtype="float64").round(2).rename(f"{later} / {earlier}")
