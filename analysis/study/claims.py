"""The claims audit: every claim of the article, judged against the independent data at run time.

``datasets/claims.csv`` states each claim in a small grammar: its ``kind`` (a point value, a range, a
lower or upper bound, a direction of change, a ratio, a date at the precision of ``refers_to``, or
the order of two events), its figures (``value``, ``low``, ``high``, ``side``), its unit and basis,
and an explicit tolerance (``tolerance_pct`` or ``tolerance_abs``; a claim without one is an error,
none is assumed). It also says which rows test it: a dataset, a pandas ``query`` and, for a claim
that compares two things (a change, a ratio, a margin, an order), a second query ``versus``.

:func:`audit` computes each verdict from the data now, never from a stored answer:

- only independent sources count: not the article, nor any source that ``derived_from`` leads back
  to it; sources that share an origin count once;
- like is compared with like: the claim's basis (and the basis its unit implies) selects the rows,
  a claim whose rows stand on several bases is an error until it says which, paired rows must agree
  on what they measure, and a date row supports a claim only if it is at least as precise;
- the best-graded independent source (:data:`analysis.study.sources.KIND_RANK`) decides:
  ``supported`` when it (and every source of the same grade) agrees within the tolerance,
  ``differs`` when they all disagree (by how much and which way), ``mixed`` when sources of that
  grade disagree among themselves; the spread of all independent sources is reported;
- ``article_only``: no independent source yet (the note says what was searched and what would
  settle it); ``not_quantitative``: nothing to measure.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from analysis.core.paths import DATASETS
from analysis.data.datasets import load
from analysis.study.coverage import origins
from analysis.study.sources import ARTICLE, KIND_RANK

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

VERDICTS = ("supported", "differs", "mixed", "article_only", "not_quantitative")
KINDS = (
    "point",
    "range",
    "lower_bound",
    "upper_bound",
    "direction",
    "ratio",
    "date",
    "order",
    "not_quantitative",
)
# The older name of a point claim, still read so that a row written before the grammar works.
ALIASES = {"quantitative": "point"}
QUANTITATIVE = frozenset(
    {"point", "range", "lower_bound", "upper_bound", "direction", "ratio", "order"}
)
PAIRED = frozenset({"direction", "ratio", "order"})
SIDES = ("both", "below", "above")
# What a value measures and on what basis: rows compared with each other must agree on these.
MEASURE_COLUMNS = ("share_basis", "measure", "coverage", "indicator", "unit", "kind", "area")
# Columns shown next to a value to say where it stands.
BASIS_COLUMNS = ("share_basis", "measure", "coverage", "election", "indicator", "scope", "area")
# Claim units that carry a basis of their own.
UNIT_BASIS = {
    "percent_of_valid_votes": {"share_basis": ("valid",)},
    "percent_of_votes_cast": {"share_basis": ("cast",)},
}
# The kinds whose evidence reads as a ratio to the article's own figure (what the audit chart draws),
# when the claim compares that figure with the data directly (no versus: not a margin or a change).
FIGURE_KINDS = ("point", "range")
# A relative gap is reported only between numbers within this factor of each other.
RELATIVE_WITHIN = 1000.0
# A table of shares is complete when its shares add up to 100 within this many points.
COMPLETE_WITHIN = 0.5


class ClaimError(ValueError):
    """A claim cannot be judged as written (no tolerance, no figure, rows on mixed bases...)."""


# --------------------------------------------------------------------------------------------
# The grammar, without the data: what a claim accepts and how far a value is from it
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Rule:
    """What a claim accepts, in the unit of the quantity it is about.

    ``point``: ``value`` within the tolerance, on both sides or, with ``side`` ``below`` ("almost")
    or ``above`` ("just over"), on that side only; ``range``: between ``low`` and ``high`` (each edge
    widened by the tolerance); ``lower_bound`` ("over", "more than"): at least ``value`` less the
    tolerance; ``upper_bound`` ("less than", "under"): at most ``value`` plus the tolerance;
    ``ratio``: a point on the ratio of two quantities; ``direction``: a change beyond the tolerance
    upwards (``side`` ``above``: rose) or downwards (``below``: fell); ``order``: the number of days
    from one event to another, before (``side`` ``below``) or after (``above``), optionally within
    ``low``..``high`` days. A relative tolerance is a percent of the claim's own figure (of the
    starting value for a direction), so the test never divides by the data.
    """

    kind: str
    value: float | None = None
    low: float | None = None
    high: float | None = None
    side: str = "both"
    tolerance_pct: float | None = None
    tolerance_abs: float | None = None

    def slack(self, reference: float) -> float:
        """The tolerance around ``reference``, in the unit of the quantity."""
        if self.tolerance_abs is not None:
            return float(self.tolerance_abs)
        return abs(reference) * float(self.tolerance_pct or 0.0) / 100

    def region(self, base: float | None = None) -> tuple[float, float, bool]:
        """(lowest, highest, strict): the values that support the claim; strict excludes the ends."""
        inf = math.inf
        k = self.kind
        if k in ("point", "ratio"):
            v = float(self.value)  # type: ignore[arg-type]
            t = self.slack(v)
            lo = v if self.side == "above" else v - t
            hi = v if self.side == "below" else v + t
            return lo, hi, False
        if k == "range":
            lo, hi = float(self.low), float(self.high)  # type: ignore[arg-type]
            return lo - self.slack(lo), hi + self.slack(hi), False
        if k == "lower_bound":
            v = float(self.value)  # type: ignore[arg-type]
            return v - self.slack(v), inf, False
        if k == "upper_bound":
            v = float(self.value)  # type: ignore[arg-type]
            return -inf, v + self.slack(v), False
        if k == "direction":
            t = self.slack(base if base is not None else 0.0)
            return (t, inf, True) if self.side == "above" else (-inf, -t, True)
        if k == "order":
            t = float(self.tolerance_abs or 0.0)
            lo, hi = -inf, inf
            if self.side == "below":
                hi = -1 + t
            elif self.side == "above":
                lo = 1 - t
            if self.low is not None:
                lo = max(lo, float(self.low) - t)
            if self.high is not None:
                hi = min(hi, float(self.high) + t)
            return lo, hi, False
        raise ValueError(f"no numeric region for a {k} claim")

    def accepts(self, x: float, base: float | None = None) -> bool:
        """Whether the value ``x`` supports the claim (``base``: the starting value of a change)."""
        lo, hi, strict = self.region(base)
        return lo < x < hi if strict else lo <= x <= hi

    def reference(self, x: float) -> float:
        """The claim's own figure nearest to ``x`` (``x`` itself when inside a stated range or bound)."""
        k = self.kind
        if k in ("point", "ratio"):
            return float(self.value)  # type: ignore[arg-type]
        if k == "range":
            lo, hi = float(self.low), float(self.high)  # type: ignore[arg-type]
            return lo if x < lo else hi if x > hi else x
        if k == "lower_bound":
            return max(float(self.value), x)  # type: ignore[arg-type]
        if k == "upper_bound":
            return min(float(self.value), x)  # type: ignore[arg-type]
        # direction, order: the edge of what the claim accepts
        lo, hi, _ = self.region()
        return lo if x < lo else hi if x > hi else x

    def difference(self, x: float) -> float:
        """The article minus the data, in the unit (positive: the article is higher or later)."""
        return self.reference(x) - x


def relative_difference(claimed: float, found: float) -> float | None:
    """``claimed - found`` as a percent of ``found``; None when that has no meaning.

    A relative gap is given only where both numbers lie strictly on the same side of zero and
    within a factor of :data:`RELATIVE_WITHIN` of each other: across zero (growth of +2 against -1),
    at zero (a bound of 0) or next to it (1 against 0.0001) the gap is reported in the unit instead,
    so the sign never flips and nothing blows up."""
    if not (math.isfinite(claimed) and math.isfinite(found)) or claimed * found <= 0:
        return None
    ratio = claimed / found
    if not 1 / RELATIVE_WITHIN <= ratio <= RELATIVE_WITHIN:
        return None
    return (ratio - 1) * 100 if found > 0 else (1 - ratio) * 100


def period(text: str) -> tuple[int, int]:
    """The first and last day (as ordinals) of ``YYYY``, ``YYYY-MM``, ``YYYY-MM-DD`` or ``YYYY/YYYY``."""
    text = str(text).strip()
    if "/" in text:
        a, b = text.split("/", 1)
        return period(a)[0], period(b)[1]
    parts = [int(p) for p in text.split("-")]
    if len(parts) == 1:
        return date(parts[0], 1, 1).toordinal(), date(parts[0], 12, 31).toordinal()
    if len(parts) == 2:
        y, m = parts
        nxt = date(y + (m == 12), m % 12 + 1, 1).toordinal()
        return date(y, m, 1).toordinal(), nxt - 1
    day = date(*parts).toordinal()
    return day, day


def precision_of(text: str) -> str:
    """The precision a ``refers_to`` states: day, month or year."""
    text = str(text)
    if "/" in text:
        return "year" if len(text.split("/")[0]) == 4 else precision_of(text.split("/")[0])
    return {1: "year", 2: "month", 3: "day"}[len(text.split("-"))]


def row_period(iso: str, precision: str | None) -> tuple[int, int]:
    """The days a dated row can mean: its day, or the whole month or year it stands for."""
    iso = str(iso)[:10]
    if precision == "year":
        return period(iso[:4])
    if precision == "month":
        return period(iso[:7])
    return period(iso)


def judge_span(lo: float, hi: float, region: tuple[float, float, bool]) -> bool | None:
    """Whether every value in ``lo..hi`` supports (True), none does (False), or it depends (None)."""
    rlo, rhi, strict = region
    inside = (rlo < lo and hi < rhi) if strict else (rlo <= lo and hi <= rhi)
    if inside:
        return True
    outside = (hi <= rlo or lo >= rhi) if strict else (hi < rlo or lo > rhi)
    return False if outside else None


def decide(outcomes: list[tuple[int, bool | None]]) -> str:
    """The verdict from independent sources, each (grade, outcome): the best grade decides.

    Outcomes are True (supports), False (contradicts) or None (cannot tell, e.g. too coarse a date).
    ``article_only`` when no source can tell; ``mixed`` when the best-graded sources disagree."""
    told = [(g, o) for g, o in outcomes if o is not None]
    if not told:
        return "article_only"
    best = min(g for g, _ in told)
    top = {o for g, o in told if g == best}
    if top == {True}:
        return "supported"
    if top == {False}:
        return "differs"
    return "mixed"


# --------------------------------------------------------------------------------------------
# Reading a claim
# --------------------------------------------------------------------------------------------


def _text(x: object) -> str:
    if x is None:
        return ""
    try:
        import pandas as pd

        if pd.isna(x):  # type: ignore[call-overload]
            return ""
    except (TypeError, ValueError):
        pass
    return str(x).strip()


def _num(x: object) -> float | None:
    text = _text(x)
    return None if text == "" else float(text)


def kind_of(claim: pd.Series) -> str:
    kind = _text(claim["kind"])
    return ALIASES.get(kind, kind)


def _fail(cid: str, message: str) -> ClaimError:
    return ClaimError(f"claims.csv, claim {cid}: {message}")


def rule_of(claim: pd.Series) -> Rule:
    """The claim's :class:`Rule`, checked: every figure its kind needs, and an explicit tolerance."""
    cid = _text(claim["claim_id"])
    kind = kind_of(claim)
    if kind not in KINDS:
        raise _fail(cid, f"unknown kind {kind!r} (one of {', '.join(KINDS)})")
    get = claim.get
    value, low, high = _num(get("value")), _num(get("low")), _num(get("high"))
    side = _text(get("side")) or "both"
    pct, absolute = _num(get("tolerance_pct")), _num(get("tolerance_abs"))
    if side not in SIDES:
        raise _fail(cid, f"side must be one of {', '.join(SIDES)}, not {side!r}")
    if kind in QUANTITATIVE:
        if pct is None and absolute is None:
            raise _fail(
                cid,
                f"a {kind} claim needs an explicit tolerance_pct or tolerance_abs (none is assumed)",
            )
        if pct is not None and absolute is not None:
            raise _fail(cid, "give tolerance_pct or tolerance_abs, not both")
        if kind == "order" and pct is not None:
            raise _fail(cid, "the tolerance of an order of events is tolerance_abs, in days")
    elif pct is not None or absolute is not None:
        raise _fail(cid, f"a {kind} claim takes no tolerance (a date's is its precision)")
    needs_value = kind in ("point", "ratio", "lower_bound", "upper_bound")
    if needs_value and value is None:
        raise _fail(cid, f"a {kind} claim needs a value")
    if kind == "range" and (low is None or high is None or low > high):
        raise _fail(cid, "a range needs low and high, low not above high")
    if kind == "direction" and side == "both":
        raise _fail(cid, "a direction claim needs side above (rose) or below (fell)")
    if kind == "order" and side == "both" and low is None and high is None:
        raise _fail(cid, "an order claim needs side below (before) or above (after), or low/high")
    if kind in PAIRED and _text(get("dataset")) and not _text(get("versus")):
        raise _fail(cid, f"a {kind} claim needs versus: the rows it is compared with")
    return Rule(kind, value, low, high, side, pct, absolute)


def _basis_filter(claim: pd.Series) -> dict[str, tuple[str, ...]]:
    """The claim's basis as {column: accepted values}: its ``basis`` and what its unit implies."""
    cid = _text(claim["claim_id"])
    out: dict[str, tuple[str, ...]] = dict(UNIT_BASIS.get(_text(claim.get("unit")), {}))
    for part in filter(None, (p.strip() for p in _text(claim.get("basis")).split(";"))):
        if "=" not in part:
            raise _fail(cid, f"basis {part!r} is not column=value")
        col, values = (s.strip() for s in part.split("=", 1))
        accepted = tuple(v.strip() for v in values.split("|"))
        if col in out and not set(out[col]) & set(accepted):
            raise _fail(cid, f"basis {part!r} contradicts the unit {_text(claim.get('unit'))!r}")
        out[col] = accepted
    return out


def unit_family(unit: str) -> str:
    """A coarse name for a unit, so that a claim's short unit can be matched with a dataset's."""
    u = str(unit).lower().replace("_", " ")
    dollars = "usd" in u or "us dollar" in u
    if "percent" in u:
        return "percent"
    if "index" in u:
        return "index"
    if dollars and ("per metric ton" in u or "per tonne" in u):
        return "usd_per_tonne"
    if dollars and "million" in u:
        return "usd_millions"
    skip = {"million", "millions", "thousand", "current", "constant", "number", "of"}
    words = [w for w in re.findall(r"[a-z]+", u) if w not in skip]
    return words[0].rstrip("s") if words else ""


# --------------------------------------------------------------------------------------------
# The data: independent rows, their grade and origin
# --------------------------------------------------------------------------------------------

_GRADES: dict[
    tuple[str, bytes], tuple[frozenset[str], dict[str, int], dict[str, frozenset[str]]]
] = {}


def _grades(directory: Path) -> tuple[frozenset[str], dict[str, int], dict[str, frozenset[str]]]:
    """(copies of the article, grade of each source, origins of each source), cached by the content
    of ``sources.csv``. A copy is any source whose ``derived_from`` chain reaches the article."""
    path = directory / "sources.csv"
    key = (str(path.resolve()), path.read_bytes() if path.is_file() else b"")
    if key not in _GRADES:
        table = load("sources", directory)
        grade = {
            str(s): KIND_RANK.get(str(k), 8)
            for s, k in zip(table["source_id"], table["kind"], strict=True)
        }
        roots = origins(directory)
        copies = frozenset(s for s, r in roots.items() if ARTICLE in r)
        _GRADES.clear()
        _GRADES[key] = (copies, grade, roots)
    return _GRADES[key]


def _copies_of_the_article(directory: Path) -> frozenset[str]:
    """The sources whose numbers come from the article (``derived_from``, followed)."""
    return _grades(Path(directory))[0]


def _field_units(directory: Path, dataset: str) -> dict[str, str]:
    from analysis.data.schema import package

    own = directory / "datapackage.json"
    pkg = package(own) if own.is_file() else package()
    return {f.name: f.unit or "" for f in pkg.resource(dataset).fields}


def _labels(rows: pd.DataFrame, columns: tuple[str, ...], sep: str, keep_blank: bool) -> list[str]:
    """For each row, ``column=value`` for the given columns it has, joined by ``sep``."""
    present = [c for c in columns if c in rows.columns]
    values = [[_text(v) for v in rows[c]] for c in present]
    return [
        sep.join(f"{c}={v[i]}" for c, v in zip(present, values, strict=True) if keep_blank or v[i])
        for i in range(len(rows))
    ]


def _basis(rows: pd.DataFrame) -> list[str]:
    """Where each row stands (shown next to its value)."""
    return _labels(rows, BASIS_COLUMNS, ", ", keep_blank=False)


def _measure_key(rows: pd.DataFrame) -> list[str]:
    """What each row measures and on what basis (rows compared must have the same key)."""
    return _labels(rows, MEASURE_COLUMNS, "; ", keep_blank=True)


def _candidates(claim: pd.Series, directory: Path, query: str | None = None) -> pd.DataFrame:
    """The independent values that test ``claim`` (or, with ``query``, its ``versus`` side).

    One row per data row, or per source when summed; columns source_id, value (a number; for a
    date, the first and last day it can mean in ``start`` and ``end``), basis, key (what the value
    measures), unit. ``attrs["excluded"]`` lists sums left out because their table is incomplete."""
    import pandas as pd

    directory = Path(directory)
    dataset = _text(claim["dataset"])
    frame = load(dataset, directory)
    # Dates as ISO text, so that a query can say date == '1970-09-04' or date >= '1907'.
    dates = frame.select_dtypes(include="datetime").columns
    frame = frame.assign(**{c: frame[c].dt.strftime("%Y-%m-%d") for c in dates})
    # Not evidence: the article itself, and any source that copies it (derived_from, followed).
    frame = frame[~frame["source_id"].isin({ARTICLE, *_copies_of_the_article(directory)})]
    rows = frame
    text = _text(claim["query"]) if query is None else query
    if text:
        rows = rows.query(text, engine="python")
    for col, accepted in _basis_filter(claim).items():
        if col in rows.columns:
            rows = rows[rows[col].astype("string").isin(accepted).fillna(False)]
    units = _field_units(directory, dataset)
    kind = kind_of(claim)
    if kind in ("date", "order"):
        precision = (
            rows["precision"] if "precision" in rows else pd.Series("day", index=rows.index)
        )
        spans = [row_period(d, p) for d, p in zip(rows["date"], precision, strict=True)]
        out = rows.assign(
            value=[f"{d} ({p})" for d, p in zip(rows["date"], precision, strict=True)],
            start=[s for s, _ in spans],
            end=[e for _, e in spans],
        )
        out = out.assign(basis=_basis(out), key="", unit="days")
        return out[["source_id", "value", "start", "end", "basis", "key", "unit"]]
    column = _text(claim["column"])
    if column in rows.columns:
        values = rows[column].astype("Float64")
        unit = (
            rows["unit"].astype(str)
            if "unit" in rows
            else pd.Series(units.get(column, ""), index=rows.index)
        )
        how = ""
    else:
        values = rows.eval(column, engine="python").astype("Float64")
        unit = rows["unit"].astype(str) if "unit" in rows else pd.Series("", index=rows.index)
        how = f"computed as {column}"
    keep = values.notna()
    rows, values, unit = rows[keep], values[keep].astype(float), unit[keep]
    if _text(claim.get("aggregate")) == "sum_by_source":
        return _sum_by_source(rows, values, unit, frame, column)
    out = rows.assign(value=values, unit=unit)
    out = out.assign(
        basis=[", ".join(filter(None, (b, how))) for b in _basis(out)],
        key=_measure_key(out),
    )
    return out[["source_id", "value", "basis", "key", "unit"]].reset_index(drop=True)


def _contest_total(frame: pd.DataFrame, group: pd.DataFrame) -> float | None:
    """The sum of all shares a source gives for the contest ``group`` belongs to, if it gives any."""
    if "share_pct" not in frame or "election" not in frame:
        return None
    first = group.iloc[0]
    same = frame[
        (frame["source_id"] == first["source_id"])
        & (frame["date"] == first["date"])
        & (frame["election"] == first["election"])
        & (frame["share_basis"] == first["share_basis"])
    ]
    shares = same["share_pct"].dropna()
    return float(shares.sum()) if len(shares) else None


def _sum_by_source(
    rows: pd.DataFrame, values: pd.Series, unit: pd.Series, frame: pd.DataFrame, column: str
) -> pd.DataFrame:
    """One value per source and contest (and basis): the sum of its rows.

    An alliance total (a row whose contender is the alliance) is used as printed instead of the sum
    of the alliance's parties, so nothing counts twice; a sum is used only when the source's table of
    that contest is complete (its shares add up to 100), since part of a table is not a total."""
    import pandas as pd

    keys = ["source_id"] + [c for c in ("date", "election", *MEASURE_COLUMNS) if c in rows]
    data = rows.assign(_value=values, _unit=unit)
    out, excluded = [], []
    for key, g in data.groupby(keys, sort=True, dropna=False):
        key = key if isinstance(key, tuple) else (key,)
        label = dict(zip(keys, key, strict=True))
        shown = ", ".join(f"{k}={v}" for k, v in label.items() if k in BASIS_COLUMNS and _text(v))
        measure = "; ".join(f"{c}={label[c]}" for c in MEASURE_COLUMNS if c in label)
        if {"contender", "alliance"} <= set(g.columns):
            totals = g[(g["contender"] == g["alliance"]).fillna(False)]
            if not totals.empty:
                for v in totals["_value"]:
                    out.append(
                        (
                            label["source_id"],
                            float(v),
                            f"alliance total; {shown}",
                            measure,
                            str(g["_unit"].iloc[0]),
                        )
                    )
                continue
        total = _contest_total(frame, g) if "election" in g else None
        if "election" in g and (total is None or abs(total - 100) > COMPLETE_WITHIN):
            why = "gives no shares" if total is None else f"shares add up to {total:g}"
            excluded.append(
                f"{label['source_id']} (its table {why}, so a sum of its rows is not a total)"
            )
            continue
        out.append(
            (
                label["source_id"],
                float(g["_value"].sum()),
                f"sum of {len(g)} rows; {shown}",
                measure,
                str(g["_unit"].iloc[0]),
            )
        )
    result = pd.DataFrame(out, columns=["source_id", "value", "basis", "key", "unit"])
    result.attrs["excluded"] = excluded
    return result


# --------------------------------------------------------------------------------------------
# Judging one claim
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Verdict:
    claim_id: str
    verdict: str
    independent: float | None
    source_id: str | None
    basis: str
    difference_pct: float | None
    detail: str
    difference: float | None = None
    n_sources: int = 0
    n_agree: int = 0
    spread_low: float | None = None
    spread_high: float | None = None


@dataclass
class _Item:
    """One piece of independent evidence: a value (or a pair of values) from one source or pair."""

    label: str
    value: float
    shown: str
    basis: str
    grade: int
    roots: frozenset[str]
    outcome: bool | None
    difference: float | None = None
    difference_pct: float | None = None
    change_pct: float | None = None


def _open(cid: str, detail: str) -> Verdict:
    """A claim no independent value tests yet; ``detail`` says what would settle it."""
    return Verdict(cid, "article_only", None, None, "", None, detail)


def _groups(items: list[_Item]) -> list[list[_Item]]:
    """Items grouped by shared origin: two items whose sources share a root count as one source."""
    groups: list[tuple[frozenset[str], list[_Item]]] = []
    for item in items:
        hit = [i for i, (roots, _) in enumerate(groups) if roots & item.roots]
        roots, members = item.roots, [item]
        for i in reversed(hit):
            roots |= groups[i][0]
            members = groups[i][1] + members
            del groups[i]
        groups.append((roots, members))
    return [sorted(m, key=lambda x: (x.grade, x.label)) for _, m in groups]


def _fmt(x: float) -> str:
    return f"{x:g}" if abs(x) < 1e6 else f"{x:,.0f}"


GRADE_NAMES = {v: k for k, v in KIND_RANK.items()}


def _assess(claim: pd.Series, directory: Path) -> tuple[Verdict, list[_Item]]:
    cid = _text(claim["claim_id"])
    kind = kind_of(claim)
    rule = rule_of(claim)
    note = _text(claim.get("note"))
    if kind == "not_quantitative":
        return Verdict(cid, "not_quantitative", None, None, "", None, "no figure to test"), []
    dataset = _text(claim["dataset"])
    if not dataset:
        return _open(cid, note or "no dataset tests this claim yet"), []
    if kind not in ("date", "order") and not _text(claim["column"]):
        raise _fail(cid, f"a {kind} claim tested against {dataset}.csv needs a column")
    _, grade, roots = _grades(directory)
    cands = _candidates(claim, directory)
    excluded = list(cands.attrs.get("excluded", []))
    versus = None
    if kind in PAIRED or _text(claim.get("versus")):
        versus = _candidates(claim, directory, _text(claim["versus"]))
        excluded += versus.attrs.get("excluded", [])
    if cands.empty or (versus is not None and versus.empty):
        which = "the claim" if cands.empty else "what the claim is compared with"
        extra = f"no independent rows in {dataset}.csv match {which}"
        if excluded:
            extra += "; left out: " + "; ".join(excluded)
        return _open(cid, f"{note} ({extra})" if note else extra), []
    claim_unit = _text(claim.get("unit"))
    if kind not in ("date", "order", "ratio", "direction") and claim_unit:
        for frame in (cands, versus) if versus is not None else (cands,):
            wrong = sorted(
                {u for u in frame["unit"] if u and unit_family(u) != unit_family(claim_unit)}
            )
            if wrong:
                raise _fail(cid, f"unit {claim_unit!r} does not match the data's {wrong[0]!r}")
    if versus is None:
        if kind != "date":
            keys = sorted(set(cands["key"]))
            if len(keys) > 1:
                raise _fail(
                    cid,
                    "its rows stand on several bases ("
                    + " | ".join(keys)
                    + "); say which in basis",
                )
        items = [_item(rule, kind, r, None, grade, roots, claim) for r in cands.itertuples()]
    else:
        items = [_item(rule, kind, a, b, grade, roots, claim) for a, b in _pairs(cands, versus)]
        if not items:
            return _open(
                cid,
                (note + " " if note else "")
                + "(no rows of the two sides measure the same thing on the same basis)",
            ), []
    return _verdict(cid, kind, rule, claim, items, excluded), items


def _pairs(a: pd.DataFrame, b: pd.DataFrame) -> list[tuple[object, object]]:
    """Rows of the two sides paired like with like: the same measure and basis; the same source
    when any source gives both sides, otherwise every pairing of sources."""
    out = []
    for key in sorted(set(a["key"]) & set(b["key"])):
        xa, xb = a[a["key"] == key], b[b["key"] == key]
        same = sorted(set(xa["source_id"]) & set(xb["source_id"]))
        for p in xa.itertuples():
            for q in xb.itertuples():
                if not same or (p.source_id == q.source_id and p.source_id in same):
                    out.append((p, q))
    return out


def _item(rule: Rule, kind: str, a, b, grade, roots, claim) -> _Item:
    sources = [str(a.source_id)] + ([str(b.source_id)] if b is not None else [])
    label = sources[0] if len(set(sources)) == 1 else " / ".join(sources)
    g = max(grade.get(s, 8) for s in sources)
    r = frozenset().union(*(roots.get(s, frozenset({s})) for s in sources))
    basis = str(a.basis) if b is None or a.basis == b.basis else f"{a.basis} against {b.basis}"
    if kind == "date":
        lo, hi = period(_text(claim["refers_to"]))
        outcome = judge_span(a.start, a.end, (lo, hi, False))
        diff = None
        if outcome is False:
            diff = float(lo - a.end) if a.end < lo else float(hi - a.start)
        return _Item(label, float(a.start), str(a.value), basis, g, r, outcome, diff)
    if kind == "order":
        lo, hi = a.start - b.end, a.end - b.start
        outcome = judge_span(lo, hi, rule.region())
        shown = f"{a.value} against {b.value}: {_span(lo, hi)}"
        mid = (lo + hi) / 2
        diff = None if outcome is not False else rule.difference(mid)
        return _Item(label, float(mid), shown, basis, g, r, outcome, diff)
    x = float(a.value)
    start = None
    if b is not None:
        y = float(b.value)
        if kind == "ratio":
            if y == 0:
                return _Item(label, math.nan, f"{_fmt(x)} ÷ 0", basis, g, r, None)
            x, shown = x / y, f"{_fmt(x)} ÷ {_fmt(y)} = {x / y:.3g}"
        else:
            shown = f"{_fmt(x)} - {_fmt(y)} = {_signed(x - y)}"
            x, start = x - y, y
    else:
        shown = _fmt(x)
    outcome = rule.accepts(x, start)
    change = None
    if kind == "direction":
        diff, pct = (None if outcome else rule.difference(x)), None
        if start:
            change = x / abs(start) * 100
            shown += f" ({change:+.1f}%)"
    else:
        diff = rule.difference(x)
        pct = relative_difference(rule.reference(x), x)
    return _Item(label, x, shown, basis, g, r, outcome, diff, pct, change)


def _signed(x: float) -> str:
    return ("+" if x > 0 else "") + _fmt(x)


def _span(lo: float, hi: float) -> str:
    def days(d: float) -> str:
        return f"{abs(d):.0f} day(s) {'before' if d < 0 else 'after'}" if d else "the same day"

    return days(lo) if lo == hi else f"between {days(lo)} and {days(hi)}"


def _verdict(
    cid: str, kind: str, rule: Rule, claim: pd.Series, items: list[_Item], excluded: list[str]
) -> Verdict:
    groups = _groups(items)
    reps = [g[0] for g in groups]
    verdict = decide([(x.grade, x.outcome) for x in reps])
    told = [x for x in reps if x.outcome is not None]
    dataset = _text(claim["dataset"])
    if verdict == "article_only":
        finer = "; ".join(f"{x.shown} ({x.label})" for x in reps)
        note = _text(claim.get("note"))
        detail = f"{dataset}.csv cannot tell at the claim's precision ({precision_of(_text(claim['refers_to']))}): {finer}"
        return _open(cid, f"{note} ({detail})" if note else detail)
    best = min(x.grade for x in told)
    top = [x for x in told if x.grade == best]
    agree = [x for x in told if x.outcome]

    def closeness(x: _Item) -> tuple[float, str]:
        d = x.difference if x.difference is not None else 0.0
        return (abs(d) if math.isfinite(d) else math.inf, x.label)

    pick = sorted([x for x in top if x.outcome] or top, key=closeness)[0]
    if verdict == "differs":
        pick = sorted(top, key=closeness)[0]
    # The spread: of the values themselves, or, for a direction (whose sources may measure in
    # different units), of the changes in percent; none for dates and orders of events.
    if kind == "direction":
        numbers = [x.change_pct for x in told if x.change_pct is not None]
    elif kind in ("date", "order"):
        numbers = []
    else:
        numbers = [x.value for x in told if math.isfinite(x.value)]
    lo = min(numbers) if numbers else None
    hi = max(numbers) if numbers else None
    per = "%" if kind == "direction" else ""
    grade_name = GRADE_NAMES.get(best, "unknown kind")
    unit = _text(claim.get("unit"))
    parts = []
    if verdict == "supported":
        parts.append(
            f"supported by {len(agree)} of {len(told)} independent source(s); best-graded "
            f"({grade_name}): {pick.shown} ({pick.label})"
        )
    elif verdict == "differs":
        parts.append(_gap_text(kind, pick, unit, grade_name, claim))
    else:
        yes = "; ".join(f"{x.shown} ({x.label})" for x in top if x.outcome)
        no = "; ".join(f"{x.shown} ({x.label})" for x in top if not x.outcome)
        parts.append(
            f"independent {grade_name} sources disagree: {yes} support(s) it; {no} do(es) not"
        )
    if pick.basis:
        parts.append(f"basis: {pick.basis}")
    dissent = [
        x for x in told if x.grade > best and x.outcome != pick.outcome and verdict != "mixed"
    ]
    if dissent:
        parts.append(
            "lower-graded source(s) say otherwise: "
            + "; ".join(f"{x.shown} ({x.label})" for x in dissent)
        )
    if lo is not None and len(told) > 1:
        what = "changes" if kind == "direction" else "values"
        parts.append(
            f"spread of the {what} of {len(told)} independent sources: "
            + (f"{lo:.1f}% to {hi:.1f}%" if per else f"{_fmt(lo)} to {_fmt(hi)}")
        )
    undecided = [x for x in reps if x.outcome is None]
    if undecided:
        parts.append(
            "too coarse to tell: " + "; ".join(f"{x.shown} ({x.label})" for x in undecided)
        )
    if excluded:
        parts.append("left out: " + "; ".join(excluded))
    independent = None if kind == "date" else pick.value
    return Verdict(
        cid,
        verdict,
        independent,
        pick.label,
        pick.basis,
        None if pick.difference_pct is None else round(pick.difference_pct, 2),
        "; ".join(parts),
        None if pick.difference is None else round(pick.difference, 6),
        len(told),
        len(agree),
        lo,
        hi,
    )


def _unit_text(unit: str) -> str:
    """A claim's unit as words for a gap: shares differ in points."""
    if unit.startswith("percent"):
        return "points"
    return unit.replace("_", " ") or "units"


def _gap_text(kind: str, x: _Item, unit: str, grade: str, claim: pd.Series) -> str:
    """Why a claim differs from the best-graded value ``x``: by how much and which way."""
    where = f"the best-graded independent value ({x.shown}, {x.label}, {grade})"
    if kind == "date":
        days = x.difference or 0.0
        way = "later" if days > 0 else "earlier"
        years = f" (about {abs(days) / 365.25:.1f} years)" if abs(days) > 365 else ""
        return (
            f"the article's {_text(claim['refers_to'])} is {abs(days):.0f} day(s){years} {way} "
            f"than {where}"
        )
    if kind == "direction":
        said = "rose" if _text(claim.get("side")) == "above" else "fell"
        return f"the article says it {said}; {where} does not show that beyond the tolerance"
    if kind == "order":
        return f"the order the article gives does not hold for {where}"
    d = x.difference or 0.0
    size = _fmt(abs(d)) + " " + _unit_text(unit)
    if kind == "range":
        edge = "below" if d > 0 else "above"
        return f"{where} lies {size} {edge} the article's range ({_fmt(_num(claim['low']))} to {_fmt(_num(claim['high']))})"
    if kind in ("lower_bound", "upper_bound"):
        edge = (
            "below the article's lower" if kind == "lower_bound" else "above the article's upper"
        )
        return f"{where} lies {size} {edge} bound ({_fmt(_num(claim['value']))})"
    way = "higher" if d > 0 else "lower"
    if x.difference_pct is not None:
        size = f"{abs(x.difference_pct):.1f}%"
    return f"the article is {size} {way} than {where}"


def judge(claim: pd.Series, directory: Path = DATASETS) -> Verdict:
    """The verdict on one claim, computed from the data in ``directory``."""
    return _assess(claim, Path(directory))[0]


# --------------------------------------------------------------------------------------------
# The ledger
# --------------------------------------------------------------------------------------------


def _claimed(claim: pd.Series) -> float:
    """The claim's headline figure: its value, or the middle of its range (NaN when it has none)."""
    value = _num(claim.get("value"))
    if value is None and kind_of(claim) == "range":
        low, high = _num(claim.get("low")), _num(claim.get("high"))
        if low is not None and high is not None:
            value = (low + high) / 2
    return math.nan if value is None else value


def evidence(directory: Path | str = DATASETS, *, every_kind: bool = False) -> pd.DataFrame:
    """Every independent value that tests a numeric claim: claim_id, claimed, source_id, value, basis.

    By default only the claims whose evidence reads as a ratio to the article's own figure: points and
    ranges compared with the data directly (what the audit chart draws). With ``every_kind``, every
    numeric claim: bounds, ratios, margins, changes and orders of events too (value is then the
    ratio, the difference or the days between the two sides). Also: kind, verdict, and whether the
    row's source agrees with the claim."""
    import pandas as pd

    directory = Path(directory)
    claims = load("claims", directory)
    parts = []
    for _, claim in claims.iterrows():
        kind = kind_of(claim)
        direct = kind in FIGURE_KINDS and not _text(claim.get("versus"))
        if kind not in QUANTITATIVE or not (every_kind or direct):
            continue
        verdict, items = _assess(claim, directory)
        if verdict.verdict not in ("supported", "differs", "mixed"):
            continue
        parts.append(
            pd.DataFrame(
                {
                    "claim_id": str(claim["claim_id"]),
                    "claimed": _claimed(claim),
                    "source_id": [x.label for x in items],
                    "value": [x.value for x in items],
                    "basis": [x.basis for x in items],
                    "kind": kind,
                    "verdict": verdict.verdict,
                    "agrees": [x.outcome for x in items],
                }
            )
        )
    columns = ["claim_id", "claimed", "source_id", "value", "basis", "kind", "verdict", "agrees"]
    return pd.concat(parts, ignore_index=True) if parts else pd.DataFrame(columns=columns)


def audit(directory: Path | str = DATASETS) -> pd.DataFrame:
    """The whole ledger: each claim with its verdict, computed now from ``directory``."""
    import pandas as pd

    directory = Path(directory)
    claims = load("claims", directory)
    verdicts = [judge(row, directory) for _, row in claims.iterrows()]
    v = pd.DataFrame([vars(x) for x in verdicts])
    head = claims.assign(
        kind=[kind_of(r) for _, r in claims.iterrows()],
        value=[_claimed(r) for _, r in claims.iterrows()],
    )
    cols = ["claim_id", "section", "claim", "kind", "value", "low", "high", "unit", "refers_to"]
    return head[[*cols, "dataset"]].merge(v, on="claim_id")


def counts(ledger: pd.DataFrame) -> dict[str, int]:
    """How many claims have each verdict (every verdict listed, zero included)."""
    return {v: int((ledger["verdict"] == v).sum()) for v in VERDICTS}


def to_markdown(ledger: pd.DataFrame) -> str:
    """The ledger as a Markdown document (``figures/claims_audit.md``)."""
    c = counts(ledger)
    lines = [
        "# The claims audit",
        "",
        "Every quantitative or dated claim of the article, tested against the suite's independent data.",
        "Generated by `make figures` from `datasets/claims.csv` and the datasets; do not edit by hand.",
        "The best-graded independent source decides; `mixed` means sources of that grade disagree.",
        "",
        "| verdict | claims |",
        "|---|---:|",
        *[f"| {k} | {n} |" for k, n in c.items()],
        "",
        "| id | claim | kind | article | unit | refers to | verdict | independent | source | "
        "difference | sources (agree) | detail |",
        "|---|---|---|---:|---|---|---|---:|---|---:|---:|---|",
    ]

    def cell(x: object) -> str:
        if x is None or (isinstance(x, float) and x != x):
            return ""
        if isinstance(x, float):
            return f"{x:g}"
        text = _text(x)
        return text.replace("|", "/").replace("\n", " ")

    for r in ledger.itertuples():
        if r.difference_pct is not None and r.difference_pct == r.difference_pct:
            diff = f"{r.difference_pct:+.1f}%"
        elif r.difference is not None and r.difference == r.difference and r.kind != "date":
            diff = f"{r.difference:+g}"
        else:
            diff = ""
        article = cell(r.value)
        if r.kind == "range":
            article = f"{cell(r.low)}-{cell(r.high)}"
        n = f"{r.n_sources} ({r.n_agree})" if r.n_sources else ""
        lines.append(
            f"| {r.claim_id} | {cell(r.claim)} | {r.kind} | {article} | {cell(r.unit)} | "
            f"{cell(r.refers_to)} | **{r.verdict}** | {cell(r.independent)} | {cell(r.source_id)} | "
            f"{diff} | {n} | {cell(r.detail)} |"
        )
    return "\n".join(lines) + "\n"


README_BLOCK = "claims-counts"


def readme_block(ledger: pd.DataFrame) -> str:
    """The verdict counts as the Markdown table shown in the README (between its block markers)."""
    rows = "\n".join(f"| {v} | {n} |" for v, n in counts(ledger).items())
    return f"| verdict | claims |\n|---|---:|\n{rows}"


def ledger() -> tuple[str, str]:
    """The ledger as Markdown and the README's table of counts, from one audit."""
    table = audit()
    return to_markdown(table), readme_block(table)
