"""The strike wave, for notebook 01: the tables its cells show, computed from ``strikes.csv``.

The main series is the ILO's count of labour disputes (strikes and lockouts) as compiled by
Clio-Infra (van der Velden 2015, source ``clioinfra_labour_disputes``), the series the strike charts
draw. The article's figures are compared with it, never mixed into it. A value whose row note calls
it suspect (the 1967 count of disputes) is flagged and left out of every comparison.

Every function takes the strikes frame (``load("strikes")``) or loads it when given none.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import pandas as pd

from analysis.data.datasets import load
from analysis.study import indicators as ind
from analysis.study.sources import ARTICLE, noted

ILO = "clioinfra_labour_disputes"
COLUMNS = ["year", "strikes", "workers_involved", "person_days_lost", "source_id"]
# The comparison of notebook 01: the Frei years up to the 1970 election, the first two years of the
# Popular Unity, and 1973 (a calendar year that includes the months after the coup).
PERIODS = ((1964, 1970), (1971, 1972), (1973, 1973))


def _strikes(frame: pd.DataFrame | None) -> pd.DataFrame:
    return load("strikes") if frame is None else frame


def suspect(frame: pd.DataFrame) -> pd.Series:
    """True for the rows whose note calls their count of disputes suspect."""
    return noted(frame, "suspect")


def around(frame: pd.DataFrame | None = None, first: int = 1964, last: int = 1973) -> pd.DataFrame:
    """Every source's row for the years ``first`` to ``last``: disputes, workers involved, working
    days lost and the source, in order of year."""
    f = _strikes(frame)
    rows = f[f["year"].between(first, last)].sort_values(["year", "source_id"])
    return rows[COLUMNS].reset_index(drop=True)


def workers_per_dispute(
    frame: pd.DataFrame | None = None, first: int = 1964, last: int = 1973
) -> pd.DataFrame:
    """The ILO series (via Clio-Infra), ``first`` to ``last``: disputes, workers involved, workers
    per dispute (rounded to one decimal) and whether the year's dispute count is suspect."""
    f = _strikes(frame)
    rows = f[(f["source_id"] == ILO) & f["year"].between(first, last)].sort_values("year")
    return pd.DataFrame(
        {
            "year": rows["year"],
            "strikes": rows["strikes"],
            "workers_involved": rows["workers_involved"],
            "workers_per_dispute": ind.workers_per_strike(rows).round(1),
            "suspect": suspect(rows),
        }
    ).reset_index(drop=True)


def size_by_period(
    frame: pd.DataFrame | None = None, periods: Iterable[tuple[int, int]] = PERIODS
) -> pd.DataFrame:
    """Workers per dispute in the ILO series over each period (first and last year included): the
    lowest and highest yearly value, and all the period's workers over all its disputes. Suspect
    years are left out and named in ``left_out``."""
    out = []
    for first, last in periods:
        t = workers_per_dispute(frame, first, last)
        used = t[~t["suspect"] & t["workers_per_dispute"].notna()]
        out.append(
            {
                "period": str(first) if first == last else f"{first}-{last}",
                "years": len(used),
                "lowest": float(used["workers_per_dispute"].min()),
                "highest": float(used["workers_per_dispute"].max()),
                "all_years": round(
                    float(used["workers_involved"].sum()) / float(used["strikes"].sum()), 1
                ),
                "left_out": ", ".join(str(y) for y in t.loc[t["suspect"], "year"]),
            }
        )
    return pd.DataFrame(out)


def against_trend(
    frame: pd.DataFrame | None = None,
    base: tuple[int, int] = (1945, 1965),
    years: Sequence[int] = range(1966, 1974),
) -> pd.DataFrame:
    """The ILO count of disputes in ``years`` against a log-linear trend fitted to the ``base``
    years (first and last included) and carried forward, with how far above the trend each year
    stands (percent). Suspect years are left out of the fit and of the table."""
    f = _strikes(frame)
    ilo = f[(f["source_id"] == ILO) & ~suspect(f)].dropna(subset=["strikes"]).set_index("year")
    counts = ilo["strikes"].astype(float)
    fit = counts.loc[base[0] : base[1]]
    shown = [y for y in years if y in counts.index]
    trend = ind.log_linear_trend(list(fit.index), list(fit), shown)
    return pd.DataFrame(
        {
            "strikes": [int(counts[y]) for y in shown],
            "trend": [round(v) for v in trend],
            "above_trend_pct": [
                round(ind.excess_over_trend_pct(counts[y], v), 1)
                for y, v in zip(shown, trend, strict=True)
            ],
        },
        index=pd.Index(shown, name="year"),
    )


def article_against_ilo(frame: pd.DataFrame | None = None) -> pd.DataFrame:
    """The article's strikes and workers for each year it gives, next to the ILO series (via
    Clio-Infra), with the ratios article / ILO (above 1: the article's figure is larger)."""
    f = _strikes(frame)
    article = f[f["source_id"] == ARTICLE].set_index("year")
    ilo = f[f["source_id"] == ILO].set_index("year").reindex(article.index)
    out = pd.DataFrame(
        {
            "article_strikes": article["strikes"],
            "ilo_strikes": ilo["strikes"],
            "article_workers": article["workers_involved"],
            "ilo_workers": ilo["workers_involved"],
        }
    )
    out["strikes_ratio"] = (out["article_strikes"] / out["ilo_strikes"]).astype(float).round(2)
    out["workers_ratio"] = (out["article_workers"] / out["ilo_workers"]).astype(float).round(2)
    return out
