"""Pure functions on numbers and frames: growth, compounding, inflation conversions, elections, strikes.

None of these reads a file or draws: give them data, get numbers back.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd


class ConversionError(ValueError):
    """A conversion the data cannot support (e.g. an annual average from one December figure)."""


# ----- growth and change ---------------------------------------------------------------------


def growth_pct(start: float, end: float) -> float:
    """Percentage change from ``start`` to ``end``."""
    if start == 0:
        raise ZeroDivisionError("growth from zero is undefined")
    return (end / start - 1) * 100


def multiple(start: float, end: float) -> float:
    """How many times ``end`` is ``start`` (debt 1970 / debt 1960)."""
    if start == 0:
        raise ZeroDivisionError("a multiple of zero is undefined")
    return end / start


def cagr_pct(start: float, end: float, years: float) -> float:
    """Compound annual growth rate over ``years`` years, in percent."""
    if years <= 0:
        raise ValueError("years must be positive")
    return ((end / start) ** (1 / years) - 1) * 100


def yoy_change(series: pd.Series) -> pd.Series:
    """Year-on-year percentage change of a series indexed by consecutive years; gaps stay empty."""
    import pandas as pd

    s = series.astype("float64").sort_index()
    prev = s.reindex(s.index - 1)
    prev.index = s.index
    return (s / prev - 1) * 100 if len(s) else pd.Series(dtype="float64")


def ratio(numerator: float, denominator: float) -> float:
    """A per-unit ratio (workers per strike); NaN where the denominator is missing or zero."""
    if denominator in (0, None) or (isinstance(denominator, float) and math.isnan(denominator)):
        return float("nan")
    return numerator / denominator


# ----- inflation -----------------------------------------------------------------------------


def compound_pct(rates_pct: Iterable[float]) -> float:
    """Cumulative rise over consecutive periods: (1+r1)(1+r2)... - 1, in percent."""
    total = 1.0
    for r in rates_pct:
        total *= 1 + r / 100
    return (total - 1) * 100


def annualise_pct(rate_pct: float, months: float) -> float:
    """The yearly rate equivalent to ``rate_pct`` over ``months`` months (e.g. nine months' 99.8%)."""
    if months <= 0:
        raise ValueError("months must be positive")
    return ((1 + rate_pct / 100) ** (12 / months) - 1) * 100


def rebase(index: pd.Series, base) -> pd.Series:
    """An index rebased so that ``index[base]`` = 100."""
    value = index.loc[base]
    if value == 0:
        raise ZeroDivisionError("cannot rebase on a zero")
    return index / value * 100


def index_from_rates(rates_pct: pd.Series, base_value: float = 100.0) -> pd.Series:
    """A price index from consecutive period rates; the period before the first is ``base_value``."""
    import pandas as pd

    levels, level = [], base_value
    for r in rates_pct:
        level *= 1 + r / 100
        levels.append(level)
    return pd.Series(levels, index=rates_pct.index, dtype="float64")


def annual_average_from_monthly_index(index: pd.Series, year: int) -> float:
    """Annual-average inflation of ``year`` from a monthly price index (PeriodIndex or 'YYYY-MM').

    Needs all 24 months of ``year - 1`` and ``year``; otherwise the conversion is impossible and a
    :class:`ConversionError` says which months are missing.
    """
    wanted_prev = [f"{year - 1}-{m:02d}" for m in range(1, 13)]
    wanted_this = [f"{year}-{m:02d}" for m in range(1, 13)]
    keys = {str(k)[:7]: float(v) for k, v in index.items()}
    missing = [m for m in wanted_prev + wanted_this if m not in keys]
    if missing:
        raise ConversionError(
            f"annual-average inflation for {year} needs a monthly index for every month of "
            f"{year - 1} and {year}; missing: {', '.join(missing[:6])}{'...' if len(missing) > 6 else ''}"
        )
    prev = sum(keys[m] for m in wanted_prev) / 12
    this = sum(keys[m] for m in wanted_this) / 12
    return (this / prev - 1) * 100


def december_from_annual_average(*_: object, **__: object) -> float:
    """December-on-December inflation cannot be recovered from annual averages alone.

    Two calendar-year averages say nothing about where prices stood in each December: the same
    averages fit a steady rise and a late jump. Always raises :class:`ConversionError`; use a
    monthly index (see :func:`annual_average_from_monthly_index` for the other direction).
    """
    raise ConversionError(
        "December-on-December inflation cannot be derived from annual averages: "
        "a monthly price index (or the December index levels) is needed"
    )


# ----- elections -----------------------------------------------------------------------------


def alliance_share(frame: pd.DataFrame, alliance: str) -> pd.Series:
    """Share of ``alliance`` per election and source: the sum of its parties' shares.

    Uses party rows (contender differs from alliance); returns a Series indexed by
    (date, election, share_basis, source_id).
    """
    rows = frame[(frame["alliance"] == alliance) & (frame["contender"] != alliance)]
    return rows.groupby(["date", "election", "share_basis", "source_id"])["share_pct"].sum()


def swing(share_before: float, share_after: float) -> float:
    """Change in share, in percentage points."""
    return share_after - share_before


def lead(frame: pd.DataFrame) -> float:
    """Gap in points between the first two contenders of one election, basis and source."""
    shares = frame["share_pct"].dropna().sort_values(ascending=False).to_list()
    if len(shares) < 2:
        raise ValueError("a lead needs at least two contenders")
    return shares[0] - shares[1]


def cast_share(votes: float, votes_cast: float) -> float:
    """Share of all ballots (valid, blank and null), in percent."""
    return votes / votes_cast * 100


def valid_share(votes: float, valid_votes: float) -> float:
    """Share of valid votes, in percent."""
    return votes / valid_votes * 100


def rebase_share(share_pct: float, from_total: float, to_total: float) -> float:
    """A share restated on another basis: share x from_total / to_total (e.g. valid -> cast)."""
    return share_pct * from_total / to_total


# ----- strikes -------------------------------------------------------------------------------


def workers_per_strike(frame: pd.DataFrame) -> pd.Series:
    """Workers involved per strike, per row (NaN where either count is missing)."""
    s = frame["strikes"].astype("float64")
    w = frame["workers_involved"].astype("float64")
    return (w / s.where(s > 0)).rename("workers_per_strike")


def log_linear_trend(
    years: Sequence[int], values: Sequence[float], predict: Sequence[int]
) -> list[float]:
    """Fit log(value) = a + b*year by least squares on (years, values) and predict at ``predict``.

    The long-run trend against which a wave stands out: the 1969-1973 strikes against the growth of
    1945-1965 carried forward.
    """
    pts = [(y, math.log(v)) for y, v in zip(years, values, strict=True) if v and v > 0]
    if len(pts) < 2:
        raise ValueError("a trend needs at least two positive values")
    n = len(pts)
    mx = sum(p[0] for p in pts) / n
    my = sum(p[1] for p in pts) / n
    sxx = sum((p[0] - mx) ** 2 for p in pts)
    b = sum((p[0] - mx) * (p[1] - my) for p in pts) / sxx
    a = my - b * mx
    return [math.exp(a + b * y) for y in predict]


def excess_over_trend_pct(actual: float, trend: float) -> float:
    """How far ``actual`` stands above ``trend``, in percent."""
    return (actual / trend - 1) * 100
