"""Citations and disagreements: who says what, and where sources part ways."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from analysis.data.datasets import load
from analysis.study.coverage import roots_of

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

ARTICLE = "article"
# How much a source's own kind counts when several give the same quantity (lower is preferred): the
# producer of the numbers, then scholarship that transcribes it, then documents of the time, the
# press, encyclopedias, partisan statements, and last the article being audited.
KIND_RANK = {
    "producer": 0,
    "scholarly": 1,
    "contemporary": 2,
    "press": 3,
    "encyclopedia": 4,
    "partisan": 5,
    "seed": 9,
}


def preferred_source(rows: pd.DataFrame, value: str = "votes") -> str:
    """The one source a story chart draws when several give the same quantity.

    The rule, the same for every chart and table: consider the independent sources (never the
    article, which is what is being checked, nor a source derived from it); keep those that give
    ``value`` for at least half as many rows as the fullest one; of these take the best kind
    (:data:`KIND_RANK`: the producer, then scholarship that transcribes it, then documents of the
    time...), then the fullest, then the id, so that the choice is stable. A producer's series thus
    wins over a compilation that copies it, but a fragment of a producer (a few years quoted in a
    report) does not displace a full series."""
    table = load("sources").set_index("source_id")
    kinds = table["kind"]
    roots = roots_of(table["derived_from"].fillna("").to_dict())
    counts = []
    for sid, g in rows[rows["source_id"] != ARTICLE].groupby("source_id"):
        if ARTICLE in roots.get(sid, frozenset()):
            continue
        counts.append((int(g[value].notna().sum()), len(g), str(sid)))
    if not counts:
        raise ValueError("no independent source for this quantity")
    fullest = max(c[0] for c in counts)
    stats = [
        (KIND_RANK.get(str(kinds[sid]), 8), -n, -size, sid)
        for n, size, sid in counts
        if 2 * n >= fullest
    ]
    return min(stats)[3]


def noted(frame: pd.DataFrame, word: str, *, at_start: bool = False) -> pd.Series:
    """True for the rows whose note says ``word`` (begins with it, with ``at_start``): how a row is
    flagged suspect, or an estimate made before the year closed, without a column of its own."""
    notes = frame["note"].fillna("")
    return notes.str.startswith(word) if at_start else notes.str.contains(word)


def attributions(source_ids: Iterable[str]) -> list[str]:
    """The short attributions of ``source_ids``, in the order given, without repeats."""
    table = load("sources").set_index("source_id")["attribution"]
    seen: list[str] = []
    for sid in source_ids:
        text = str(table[sid])
        if text not in seen:
            seen.append(text)
    return seen


def spread_pct(low: float, high: float) -> float:
    """How far apart two values are, in percent: high / low - 1 when both are positive; otherwise the
    gap relative to the larger magnitude (so -12.91 and -12.90 are 0.08% apart, not infinitely)."""
    if low > 0:
        return (high / low - 1) * 100
    scale = max(abs(low), abs(high))
    return 0.0 if scale == 0 else (high - low) / scale * 100


def disagreements(
    frame: pd.DataFrame,
    keys: Sequence[str],
    value: str,
    *,
    include_article: bool = False,
    min_spread_pct: float = 0.0,
) -> pd.DataFrame:
    """Quantities that two or more sources give, with their spread.

    Groups ``frame`` by ``keys`` (e.g. ``["year"]`` for strikes, or ``["period", "measure"]`` for
    inflation), keeps groups where at least two distinct sources give ``value``, and reports the
    smallest and largest value, the sources, and their :func:`spread_pct`.
    """
    import pandas as pd

    rows = frame.dropna(subset=[value])
    if not include_article:
        rows = rows[rows["source_id"] != ARTICLE]
    out = []
    for key, group in rows.groupby(list(keys), sort=True):
        if group["source_id"].nunique() < 2:
            continue
        lo, hi = float(group[value].min()), float(group[value].max())
        spread = spread_pct(lo, hi)
        if spread < min_spread_pct:
            continue
        key = key if isinstance(key, tuple) else (key,)
        record = dict(zip(keys, key, strict=True))
        record.update(
            n_sources=int(group["source_id"].nunique()),
            low=lo,
            high=hi,
            spread_pct=round(spread, 2),
            low_source=str(group.loc[group[value].idxmin(), "source_id"]),
            high_source=str(group.loc[group[value].idxmax(), "source_id"]),
        )
        out.append(record)
    columns = [*keys, "n_sources", "low", "high", "spread_pct", "low_source", "high_source"]
    return pd.DataFrame(out, columns=columns)


def cited_by(*datasets: str) -> pd.DataFrame:
    """The sources cited by the given datasets: id, citation, locator and URL, for a 'Sources' cell."""
    ids: set[str] = set()
    for name in datasets:
        frame = load(name)
        if "source_id" in frame:  # claims.csv has none: the article is its source
            ids |= set(frame["source_id"])
        else:
            ids.add(ARTICLE)
    table = load("sources")
    rows = table[table["source_id"].isin(ids)].sort_values("source_id")
    return rows[["source_id", "citation", "locator", "url"]].reset_index(drop=True)
