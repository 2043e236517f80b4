"""The claims audit, for notebook 08: the tables its cells show, computed from the ledger.

The ledger is :func:`analysis.study.claims.audit`: one row per claim of the article, its verdict
computed now from the datasets (never stored), so every table here is computed from it and changes
when the data change. The rows a verdict used are :func:`analysis.study.claims.evidence` (with
``every_kind=True``: bounds, ratios, margins, changes and orders of events as well as points and
ranges). Both are handed on here, with :func:`analysis.study.sources.cited_by`, so that a notebook
needs one import: ``lesson.audit()`` is ``analysis.study.claims.audit()``.

Every function takes the ledger (or the evidence) it reads; the tables keep the ledger's column
names.
"""

from __future__ import annotations

import re
import textwrap
from collections.abc import Iterable

import pandas as pd

from analysis.data.datasets import load
from analysis.study.claims import KINDS, VERDICTS, audit, counts, evidence
from analysis.study.coverage import origins
from analysis.study.sources import ARTICLE, KIND_RANK, cited_by

__all__ = [
    "KINDS",
    "VERDICTS",
    "audit",
    "card",
    "cited_by",
    "counts",
    "evidence",
    "few_sources",
    "gaps",
    "open_claims",
    "rows_used",
    "select",
    "sources_used",
    "tally",
]

# The columns :func:`select` shows unless told otherwise: what the article says and what decided it.
SHORT = [
    "claim_id",
    "claim",
    "kind",
    "value",
    "unit",
    "refers_to",
    "dataset",
    "verdict",
    "independent",
    "source_id",
]
# The fields of claims.csv that say how a claim is tested (shown by :func:`card`).
GRAMMAR = [
    "kind",
    "value",
    "low",
    "high",
    "side",
    "unit",
    "refers_to",
    "basis",
    "dataset",
    "query",
    "versus",
    "aggregate",
    "column",
    "tolerance_pct",
    "tolerance_abs",
    "note",
]
VERDICT_FIELDS = [
    "verdict",
    "independent",
    "source_id",
    "difference",
    "difference_pct",
    "n_sources",
    "n_agree",
    "spread_low",
    "spread_high",
    "detail",
]
# What the audit itself appends to the note of a claim it cannot judge (the rest is the curator's).
AUDIT_SUFFIX = re.compile(
    r"\s*\((no independent rows .*|[A-Za-z_]+\.csv cannot tell .*"
    r"|no rows of the two sides .*)\)\s*$"
)
PAIR = " / "


def _as_set(x: str | Iterable[str] | None) -> set[str] | None:
    if x is None:
        return None
    return {x} if isinstance(x, str) else set(x)


def _check(values: set[str] | None, allowed: Iterable[str], what: str) -> None:
    unknown = sorted((values or set()) - set(allowed))
    if unknown:
        raise ValueError(f"unknown {what} {unknown[0]!r} (one of {', '.join(allowed)})")


def tally(ledger: pd.DataFrame, by: str | None = None) -> pd.DataFrame:
    """How many claims have each verdict: one row per value of ``by`` (``"kind"``, ``"section"``,
    ``"dataset"``, or ``"grade"`` in a table that has one...) in the order it first appears (kinds
    in the grammar's order, grades best first), and a row ``all``; one column per verdict (every verdict, zero included) and a column ``all``.
    With no ``by``, the single row ``all``."""
    verdicts = list(VERDICTS)
    if by is None:
        keys = pd.Series("all", index=ledger.index)
        order = ["all"]
    else:
        keys = ledger[by].astype("string").fillna("(none)")
        seen = list(dict.fromkeys(keys))
        ranked = {"kind": list(KINDS), "grade": sorted(KIND_RANK, key=KIND_RANK.__getitem__)}
        if by in ranked:
            order = [k for k in ranked[by] if k in seen] + [k for k in seen if k not in ranked[by]]
        else:
            order = seen
    table = pd.crosstab(keys, ledger["verdict"]).reindex(index=order, columns=verdicts)
    table = table.fillna(0).astype(int)
    table.columns.name = "verdict"
    table.index.name = by or ""
    if by is not None:
        table.loc["all"] = table.sum()
    table["all"] = table[verdicts].sum(axis=1)
    return table


def select(
    ledger: pd.DataFrame,
    verdict: str | Iterable[str] | None = None,
    kind: str | Iterable[str] | None = None,
    section: str | None = None,
    dataset: str | Iterable[str] | None = None,
    columns: list[str] | None = None,
) -> pd.DataFrame:
    """The claims of the ledger with the given verdict(s), kind(s) and dataset(s), in article order.

    ``section`` matches any section whose heading contains it (case ignored: ``"coup"`` finds
    "Towards the coup"). An unknown verdict or kind is an error, not an empty table. The columns are
    :data:`SHORT` unless ``columns`` names others (``ledger.columns`` lists them all)."""
    verdicts, kinds, datasets = _as_set(verdict), _as_set(kind), _as_set(dataset)
    _check(verdicts, VERDICTS, "verdict")
    _check(kinds, KINDS, "kind")
    keep = pd.Series(True, index=ledger.index)
    if verdicts is not None:
        keep &= ledger["verdict"].isin(verdicts)
    if kinds is not None:
        keep &= ledger["kind"].isin(kinds)
    if datasets is not None:
        keep &= ledger["dataset"].isin(datasets).fillna(False).astype(bool)
    if section is not None:
        heading = ledger["section"].astype("string").str.lower()
        keep &= heading.str.contains(section.lower(), regex=False).fillna(False).astype(bool)
    return ledger.loc[keep, columns or SHORT].reset_index(drop=True)


def card(ledger: pd.DataFrame, claim_id: str, claims: pd.DataFrame | None = None) -> str:
    """One claim in full, as text to print: how ``claims.csv`` states it (:data:`GRAMMAR`: kind,
    figures, unit, basis, the rows that test it, the tolerance, the note) and what the audit found
    (:data:`VERDICT_FIELDS`), one ``field: value`` line each, long values wrapped. Empty fields are
    left out, and so is the note when the detail repeats it (as an ``article_only`` claim's does)."""
    claims = load("claims") if claims is None else claims
    row = claims[claims["claim_id"] == claim_id]
    found = ledger[ledger["claim_id"] == claim_id]
    if row.empty or found.empty:
        raise KeyError(f"no claim {claim_id!r}")
    stated = row.iloc[0].reindex(["claim_id", "section", "claim", *GRAMMAR])
    stated["kind"] = found.iloc[0][
        "kind"
    ]  # the grammar's name (an older 'quantitative' is a point)
    fields = pd.concat([stated, found.iloc[0].reindex(VERDICT_FIELDS)])
    note, detail = str(fields.get("note", "") or ""), str(fields.get("detail", "") or "")
    if note and note != "<NA>" and note in detail:  # an open claim's detail repeats its note
        fields = fields.drop("note")
    width = max(len(str(k)) for k in fields.index) + 2
    lines = []
    for name, value in fields.items():
        if value is None or pd.isna(value) or str(value).strip() == "":
            continue
        text = f"{value:g}" if isinstance(value, float) else str(value)
        wrapped = textwrap.wrap(text, 99 - width) or [""]
        lines.append(f"{name + ':':<{width}}{wrapped[0]}")
        lines += [" " * width + more for more in wrapped[1:]]
    return "\n".join(lines)


def gap_unit(kind: str, unit: object) -> str:
    """The unit a gap is given in: days for a date or an order of events, points for a share or a
    rate in percent, otherwise the claim's own unit."""
    if kind in ("date", "order"):
        return "days"
    text = "" if unit is None or pd.isna(unit) else str(unit)
    if text.startswith("percent"):
        return "points"
    return text or "units"


def gaps(ledger: pd.DataFrame, dataset: str | Iterable[str] | None = None) -> pd.DataFrame:
    """Why each claim that differs does (of those tested against ``dataset``, if given), in article
    order: the article's figure (its value, or the middle of its
    range; for a date or an order, ``refers_to`` says what it claims), the best-graded independent
    value and its source (for an order of events, the days from the claim's event to the other,
    negative: before), and the gap: ``gap`` is the article minus the data in ``gap_unit``
    (positive: the article's figure is the higher, its date the later; for a bound, a range or an
    order of events, measured from the nearest edge of what the claim accepts), ``gap_pct`` the
    same as a percent of the data where the audit gives one (not for dates and orders of events,
    nor across or next to zero)."""
    d = ledger[ledger["verdict"] == "differs"]
    datasets = _as_set(dataset)
    if datasets is not None:
        d = d[d["dataset"].isin(datasets).fillna(False).astype(bool)]
    return pd.DataFrame(
        {
            "claim_id": d["claim_id"],
            "dataset": d["dataset"],
            "claim": d["claim"],
            "kind": d["kind"],
            "refers_to": d["refers_to"],
            "article": d["value"],
            "independent": d["independent"],
            "source_id": d["source_id"],
            "gap": d["difference"],
            "gap_unit": [gap_unit(k, u) for k, u in zip(d["kind"], d["unit"], strict=True)],
            "gap_pct": d["difference_pct"].astype(float).round(1),
        }
    ).reset_index(drop=True)


def few_sources(ledger: pd.DataFrame, most: int = 1) -> pd.DataFrame:
    """The claims judged from the data (supported, differs or mixed) on at most ``most`` independent
    sources (sources of one origin counted once), with the deciding source and its grade: where one
    more source, of a better grade, could change a verdict. In article order."""
    d = ledger[ledger["verdict"].isin(["supported", "differs", "mixed"])]
    d = d[d["n_sources"] <= most]
    kinds = _sources()["kind"]
    out = d[["claim_id", "claim", "kind", "verdict", "n_sources", "n_agree", "source_id"]]
    return out.assign(grade=[grade_of(x, kinds) for x in out["source_id"]]).reset_index(drop=True)


def _part(text: str, start: str, end: str | None) -> str:
    if start not in text:
        return ""
    rest = text.split(start, 1)[1]
    if end and end in rest:
        rest = rest.split(end, 1)[0]
    return rest.strip().rstrip(".").strip()


def split_note(detail: str) -> dict[str, str]:
    """An ``article_only`` claim's detail in four parts: ``reading`` (how the claim is read: basis,
    rounding, ambiguity), ``searched`` (what was looked at), ``would_settle`` (what source would
    settle it) and ``data_check`` (what the audit found in the dataset it was pointed at, if any).
    A part the note does not give is empty."""
    text = str(detail).strip()
    check = ""
    m = AUDIT_SUFFIX.search(text)
    if m:
        check, text = m.group(1).strip(), text[: m.start()].strip()
    if "Searched:" in text:
        reading = text.split("Searched:", 1)[0]
    elif "Would settle:" in text:
        reading = text.split("Would settle:", 1)[0]
    else:
        reading = text
    return {
        "reading": reading.strip().rstrip(".").strip(),
        "searched": _part(text, "Searched:", "Would settle:"),
        "would_settle": _part(text, "Would settle:", None),
        "data_check": check,
    }


def open_claims(ledger: pd.DataFrame) -> pd.DataFrame:
    """The ``article_only`` claims and what each would need: its note split by :func:`split_note`
    into how it is read, what was searched and what would settle it (and, where the claim points at
    a dataset, what the audit found there), in article order."""
    d = ledger[ledger["verdict"] == "article_only"]
    parts = pd.DataFrame([split_note(x) for x in d["detail"]], index=d.index)
    if parts.empty:
        parts = pd.DataFrame(columns=["reading", "searched", "would_settle", "data_check"])
    head = d[["claim_id", "claim", "kind", "refers_to", "dataset"]]
    return pd.concat([head, parts], axis=1).reset_index(drop=True)


def _sources() -> pd.DataFrame:
    return load("sources").set_index("source_id")


def grade_of(label: str, kinds: pd.Series, rank: dict[str, int] = KIND_RANK) -> str:
    """The grade (the sources.csv ``kind``) of a source, or of a pair ``a / b`` the worse of the
    two, as the audit counts it."""
    names = [str(kinds.get(s, "")) for s in str(label).split(PAIR)]
    return max(names, key=lambda k: rank.get(k, 8))


def rows_used(
    used: pd.DataFrame, claim_id: str | Iterable[str] | None = None, roots: dict | None = None
) -> pd.DataFrame:
    """The independent rows the verdicts used (the frame of ``evidence(every_kind=True)``), for one
    claim or several, with each source's ``grade`` (its kind in sources.csv: the best grade
    decides) and its ``origin`` (where its numbers come from, by ``derived_from``; rows of the same
    origin count as one source in the ledger's ``n_sources``)."""
    ids = _as_set(claim_id)
    rows = used if ids is None else used[used["claim_id"].isin(ids)]
    kinds = _sources()["kind"]
    roots = origins() if roots is None else roots
    origin = [
        "; ".join(sorted(set().union(*(roots.get(s, {s}) for s in str(label).split(PAIR)))))
        for label in rows["source_id"]
    ]
    out = rows.assign(
        grade=[grade_of(x, kinds) for x in rows["source_id"]],
        origin=origin,
    )
    columns = ["claim_id", "claimed", "source_id", "grade", "origin", "value", "basis", "agrees"]
    return out[columns].reset_index(drop=True)


def sources_used(ledger: pd.DataFrame, used: pd.DataFrame) -> pd.DataFrame:
    """Every source a verdict rests on (the deciding source of each claim in the ledger, and every
    source of the rows in ``used``), with its grade and full citation, and how many claims it
    helps to judge; the article heads the table, as the source of every claim."""
    ids: dict[str, set[str]] = {}
    pairs = [*zip(ledger["source_id"], ledger["claim_id"], strict=True)]
    pairs += [*zip(used["source_id"], used["claim_id"], strict=True)]
    for label, cid in pairs:
        if label is None or pd.isna(label):
            continue
        for s in str(label).split(PAIR):
            ids.setdefault(s, set()).add(str(cid))
    table = _sources()
    known = [s for s in sorted(ids) if s in table.index]
    out = pd.DataFrame(
        {
            "source_id": [ARTICLE, *known],
            "grade": [table.loc[ARTICLE, "kind"], *(table.loc[s, "kind"] for s in known)],
            "claims": [len(ledger), *(len(ids[s]) for s in known)],
            "citation": [
                table.loc[ARTICLE, "citation"],
                *(table.loc[s, "citation"] for s in known),
            ],
            "url": [table.loc[ARTICLE, "url"], *(table.loc[s, "url"] for s in known)],
        }
    )
    return out
