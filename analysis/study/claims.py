"""The claims audit: every number in the article, tested against the independent data at run time.

``datasets/claims.csv`` says, for each claim, which dataset and rows test it (a pandas query), which
column, how to aggregate and what tolerance. :func:`audit` computes each verdict from the data now,
never from a stored answer:

- ``supported``: at least one independent source lies within the tolerance;
- ``differs``: independent sources exist and all lie outside it (by how much, and which way);
- ``article_only``: no independent source yet (the claim's note says what would settle it);
- ``not_quantitative``: nothing to measure.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from analysis.core.paths import DATASETS
from analysis.data.datasets import load
from analysis.study.coverage import origins
from analysis.study.sources import ARTICLE

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

VERDICTS = ("supported", "differs", "article_only", "not_quantitative")
# Columns that tell on what basis an independent row stands (shown next to a match).
BASIS_COLUMNS = ("share_basis", "measure", "coverage", "election", "indicator", "kind", "scope")


@dataclass(frozen=True)
class Verdict:
    claim_id: str
    verdict: str
    independent: float | None
    source_id: str | None
    basis: str
    difference_pct: float | None
    detail: str


def _basis(row: pd.Series) -> str:
    return ", ".join(
        f"{c}={row[c]}"
        for c in BASIS_COLUMNS
        if c in row.index and row[c] == row[c] and row[c] is not None
    )


def _candidates(claim: pd.Series, directory: Path) -> pd.DataFrame:
    """The independent values that test ``claim``: one per row, or one per source when summed."""

    frame = load(str(claim["dataset"]), directory)
    # Dates as ISO text, so that a query can say date == '1970-09-04' or date >= '1907'.
    dates = frame.select_dtypes(include="datetime").columns
    frame = frame.assign(**{c: frame[c].dt.strftime("%Y-%m-%d") for c in dates})
    # Not evidence: the article itself, and any source that copies it (derived_from, followed).
    copies = _copies_of_the_article(Path(directory))
    rows = frame[~frame["source_id"].isin({ARTICLE, *copies})]
    query = claim["query"]
    if isinstance(query, str) and query.strip():
        rows = rows.query(query, engine="python")
    column = str(claim["column"])
    if column == "date":
        return rows.assign(value=rows["date"], basis=[_basis(r) for _, r in rows.iterrows()])
    rows = rows.dropna(subset=[column])
    if claim["aggregate"] == "sum_by_source":
        return _sum_by_source(rows, column)
    return rows.assign(
        value=rows[column].astype(float), basis=[_basis(r) for _, r in rows.iterrows()]
    )


def _sum_by_source(rows: pd.DataFrame, column: str) -> pd.DataFrame:
    """One value per source (and share basis): the sum of its rows.

    Where a source gives an alliance total (a row whose contender is the alliance itself), that
    total is used as printed instead of the sum of the alliance's parties, so nothing counts twice.
    """
    import pandas as pd

    keys = ["source_id", "share_basis"] if "share_basis" in rows else ["source_id"]
    out = []
    for key, g in rows.groupby(keys, sort=True):
        key = key if isinstance(key, tuple) else (key,)
        basis = ", ".join(f"{k}={v}" for k, v in zip(keys[1:], key[1:], strict=True))
        if {"contender", "alliance"} <= set(g.columns):
            totals = g[g["contender"] == g["alliance"]]
            if not totals.empty:
                for value in totals[column]:
                    out.append(
                        {
                            "source_id": key[0],
                            "value": float(value),
                            "basis": f"alliance total; {basis}",
                        }
                    )
                continue
        out.append(
            {
                "source_id": key[0],
                "value": float(g[column].sum()),
                "basis": f"sum of {len(g)} rows; {basis}",
            }
        )
    return pd.DataFrame(out, columns=["source_id", "value", "basis"])


def _open(cid: str, detail: str) -> Verdict:
    """A claim no independent value tests yet; ``detail`` says what would settle it."""
    return Verdict(cid, "article_only", None, None, "", None, detail)


_COPIES: dict[tuple[str, bytes], frozenset[str]] = {}


def _copies_of_the_article(directory: Path) -> frozenset[str]:
    """The sources whose numbers come from the article (``derived_from``, followed), cached by the
    content of ``sources.csv``."""
    path = directory / "sources.csv"
    key = (str(path.resolve()), path.read_bytes() if path.is_file() else b"")
    if key not in _COPIES:
        found = frozenset(sid for sid, roots in origins(directory).items() if ARTICLE in roots)
        _COPIES.clear()
        _COPIES[key] = found
    return _COPIES[key]


class ClaimError(ValueError):
    """A claim cannot be judged as written (for example, it has a figure but no tolerance)."""


def judge(claim: pd.Series, directory: Path = DATASETS) -> Verdict:
    """The verdict on one claim, computed from the data in ``directory``."""
    import pandas as pd

    cid = str(claim["claim_id"])
    if claim["kind"] == "not_quantitative":
        return Verdict(cid, "not_quantitative", None, None, "", None, "no figure to test")
    dataset = claim["dataset"]
    note = "" if pd.isna(claim["note"]) else str(claim["note"])
    if not isinstance(dataset, str) or not dataset:
        return _open(cid, note or "no dataset tests this claim yet")
    cands = _candidates(claim, directory)
    if cands.empty:
        return _open(cid, note or f"no independent rows in {dataset}.csv yet")
    if str(claim["column"]) == "date":
        target = str(claim["refers_to"])
        hit = cands[cands["value"].str.startswith(target)]
        best = hit.iloc[0] if not hit.empty else cands.iloc[0]
        verdict = "supported" if not hit.empty else "differs"
        detail = f"{dataset}.csv dates it {best['value']} ({best['source_id']})"
        return Verdict(
            cid, verdict, None, str(best["source_id"]), str(best["basis"]), None, detail
        )
    if claim["value"] != claim["value"] or claim["value"] is None:
        return _open(cid, note or "the claim gives no figure to compare")
    value = float(claim["value"])
    if pd.isna(claim["tolerance_pct"]):
        raise ClaimError(
            f"claims.csv, claim {cid}: a figure tested against {dataset}.csv needs an explicit "
            "tolerance_pct (none is assumed)"
        )
    tol = float(claim["tolerance_pct"])
    cands = cands.assign(diff=(value - cands["value"]) / cands["value"] * 100)
    cands = cands.assign(absdiff=cands["diff"].abs()).sort_values(["absdiff", "source_id"])
    best = cands.iloc[0]
    within = cands[cands["absdiff"] <= tol]
    if not within.empty:
        bases = sorted({str(b) for b in within["basis"] if b})
        detail = f"matches {len(within)} independent value(s) within {tol:g}%" + (
            f"; basis: {'; '.join(bases)}" if bases else ""
        )
        verdict = "supported"
    else:
        direction = "higher" if best["diff"] > 0 else "lower"
        detail = (
            f"the article is {abs(best['diff']):.1f}% {direction} than the nearest independent value "
            f"({best['value']:g}, {best['source_id']}); {len(cands)} independent value(s) checked"
        )
        verdict = "differs"
    return Verdict(
        cid,
        verdict,
        float(best["value"]),
        str(best["source_id"]),
        str(best["basis"]),
        round(float(best["diff"]), 2),
        detail,
    )


def evidence(directory: Path | str = DATASETS) -> pd.DataFrame:
    """Every independent value that tests a numeric claim: claim_id, value claimed, source, value."""
    import pandas as pd

    directory = Path(directory)
    claims = load("claims", directory)
    parts = []
    for _, claim in claims.iterrows():
        testable = (
            isinstance(claim["dataset"], str) and claim["dataset"] and claim["column"] != "date"
        )
        if not testable or claim["value"] != claim["value"] or claim["kind"] == "not_quantitative":
            continue
        cands = _candidates(claim, directory)
        if not cands.empty:
            parts.append(
                pd.DataFrame(
                    {
                        "claim_id": claim["claim_id"],
                        "claimed": float(claim["value"]),
                        "source_id": cands["source_id"].astype(str).to_numpy(),
                        "value": cands["value"].astype(float).to_numpy(),
                        "basis": cands["basis"].astype(str).to_numpy(),
                    }
                )
            )
    columns = ["claim_id", "claimed", "source_id", "value", "basis"]
    return pd.concat(parts, ignore_index=True) if parts else pd.DataFrame(columns=columns)


def audit(directory: Path | str = DATASETS) -> pd.DataFrame:
    """The whole ledger: each claim with its verdict, computed now from ``directory``."""
    import pandas as pd

    directory = Path(directory)
    claims = load("claims", directory)
    verdicts = [judge(row, directory) for _, row in claims.iterrows()]
    v = pd.DataFrame([vars(x) for x in verdicts])
    out = claims[["claim_id", "section", "claim", "value", "unit", "refers_to", "dataset"]].merge(
        v, on="claim_id"
    )
    return out


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
        "",
        "| verdict | claims |",
        "|---|---:|",
        *[f"| {k} | {n} |" for k, n in c.items()],
        "",
        "| id | claim | article | unit | refers to | verdict | independent | source | difference | detail |",
        "|---|---|---:|---|---|---|---:|---|---:|---|",
    ]

    def cell(x: object) -> str:
        if x is None or (isinstance(x, float) and x != x):
            return ""
        if isinstance(x, float):
            return f"{x:g}"
        return str(x).replace("|", "/").replace("\n", " ")

    for r in ledger.itertuples():
        diff = (
            ""
            if r.difference_pct is None or r.difference_pct != r.difference_pct
            else f"{r.difference_pct:+.1f}%"
        )
        lines.append(
            f"| {r.claim_id} | {cell(r.claim)} | {cell(r.value)} | {cell(r.unit)} | {cell(r.refers_to)} | "
            f"**{r.verdict}** | {cell(r.independent)} | {cell(r.source_id)} | {diff} | {cell(r.detail)} |"
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
