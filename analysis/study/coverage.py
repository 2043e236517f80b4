"""How deep the record is where it matters most: key series by year, 1965-1975, and how many
independent sources give each year.

Two sources are independent unless one derives from the other or both derive from a common origin
(``derived_from`` in ``sources.csv``); the article, and what copies it, never counts. Reads the CSVs
with the standard library only, so that the build can keep ``datasets/README.md`` up to date without
importing pandas.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

from analysis.core.paths import DATASETS
from analysis.data.datasets import read_raw

YEARS = tuple(range(1965, 1976))
ARTICLE = "article"
#: The kinds of source a row should not rest on alone: the article, encyclopedias, blogs and
#: statements with a cause, the press.
WEAK_KINDS = frozenset({"seed", "encyclopedia", "partisan", "press"})
#: The years the source-quality measure looks at.
QUALITY_YEARS = (1964, 1975)
#: Datasets that are not observations: the bibliography, the article's claims, the chronology.
NOT_OBSERVATIONS = frozenset({"sources", "claims", "events"})
_DATE_COLUMNS = ("year", "date", "period", "month", "period_start")
Row = Mapping[str, str]


@dataclass(frozen=True)
class Series:
    """One key series: which dataset, which rows, and the year of each row."""

    label: str
    dataset: str
    keep: Callable[[Row], bool]
    year: Callable[[Row], int | None]


def _int_year(column: str) -> Callable[[Row], int | None]:
    return lambda r: int(r[column][:4]) if r.get(column) else None


def _indicator(*names: str) -> Callable[[Row], bool]:
    return lambda r: r["indicator"] in names


def _occupation_year(r: Row) -> int | None:
    """A yearly count belongs to its year; a total over several years belongs to none of them."""
    start, end = r["period_start"][:4], r["period_end"][:4]
    return int(start) if start == end and r["unit"] == "occupations" else None


KEY_SERIES: tuple[Series, ...] = (
    Series("strikes", "strikes", lambda r: r["strikes"] != "", _int_year("year")),
    Series(
        "workers involved", "strikes", lambda r: r["workers_involved"] != "", _int_year("year")
    ),
    Series(
        "CPI, December on December",
        "inflation",
        lambda r: r["measure"] == "twelve_month" and r["period"].endswith("-12"),
        _int_year("period"),
    ),
    Series(
        "CPI, annual average",
        "inflation",
        lambda r: r["measure"] == "annual_average",
        _int_year("period"),
    ),
    Series("CPI, monthly index", "consumer_prices", lambda r: True, _int_year("month")),
    Series(
        "external debt (stock)",
        "external_debt",
        lambda r: not r["measure"].startswith(("press_", "speech_")),
        _int_year("year"),
    ),
    Series("GDP growth", "economy", _indicator("gdp_growth_pct"), _int_year("year")),
    Series(
        "real wages",
        "economy",
        _indicator(
            "real_wage_growth_pct", "real_wage_index", "real_wage_labourers_subsistence_ratio"
        ),
        _int_year("year"),
    ),
    Series(
        "unemployment",
        "economy",
        _indicator("unemployment_pct", "unemployment_santiago_pct"),
        _int_year("year"),
    ),
    Series(
        "fiscal deficit",
        "economy",
        _indicator("fiscal_deficit_pct_gdp", "fiscal_balance_pct_gdp"),
        _int_year("year"),
    ),
    Series(
        "money growth",
        "economy",
        _indicator("money_supply_growth_pct", "money_m1_growth_pct"),
        _int_year("year"),
    ),
    Series(
        "copper output",
        "copper",
        _indicator("chile_production_kt", "chile_gran_mineria_production_kt"),
        _int_year("year"),
    ),
    Series(
        "copper export value",
        "copper",
        _indicator("chile_copper_exports_usd_m"),
        _int_year("year"),
    ),
    Series("occupations", "occupations", lambda r: True, _occupation_year),
)


def origins(directory: Path = DATASETS) -> dict[str, frozenset[str]]:
    """For every source, the sources its numbers ultimately come from (itself when original)."""
    table, _ = read_raw(directory / "sources.csv")
    return roots_of(
        {r["source_id"]: r.get("derived_from", "") for r in (table.rows if table else [])}
    )


def roots_of(derived_from: Mapping[str, str]) -> dict[str, frozenset[str]]:
    """For each source id, given each one's ``derived_from`` (ids separated by ";"), the sources
    its numbers ultimately come from, following the chain (itself when original)."""
    parents = {sid: [p for p in str(d or "").split(";") if p] for sid, d in derived_from.items()}

    def roots(sid: str, seen: frozenset[str]) -> frozenset[str]:
        ps = [p for p in parents.get(sid, []) if p not in seen]
        if not ps:
            return frozenset({sid})
        return frozenset().union(*(roots(p, seen | {p}) for p in ps))

    return {sid: roots(sid, frozenset({sid})) for sid in parents}


def independent_count(source_ids: set[str], roots: dict[str, frozenset[str]]) -> int:
    """How many independent sources among ``source_ids``: distinct origins, the article excluded."""
    groups: list[frozenset[str]] = []
    for sid in sorted(source_ids):
        origin = roots.get(sid, frozenset({sid}))
        if ARTICLE in origin:
            continue
        for i, g in enumerate(groups):
            if g & origin:
                groups[i] = g | origin
                break
        else:
            groups.append(origin)
    return len(groups)


def coverage(directory: Path = DATASETS) -> dict[str, dict[int, int]]:
    """For each key series, the number of independent sources giving each year of 1965-1975."""
    roots = origins(directory)
    tables: dict[str, list[dict[str, str]]] = {}
    out: dict[str, dict[int, int]] = {}
    for s in KEY_SERIES:
        if s.dataset not in tables:
            table, _ = read_raw(directory / f"{s.dataset}.csv")
            tables[s.dataset] = table.rows if table else []
        by_year: dict[int, set[str]] = {y: set() for y in YEARS}
        for r in tables[s.dataset]:
            if not s.keep(r):
                continue
            y = s.year(r)
            if y in by_year:
                by_year[y].add(r["source_id"])
        out[s.label] = {y: independent_count(ids, roots) for y, ids in by_year.items()}
    return out


@dataclass(frozen=True)
class Quality:
    """How the rows of one dataset dated 1964-1975 stand: how many there are, how many come from a
    weak kind of source, and how many rest on weak sources alone (no row from a stronger kind gives
    the same quantity: same primary key but for ``source_id``)."""

    dataset: str
    rows: int
    weak: int
    weak_only: int


def source_quality(directory: Path = DATASETS) -> list[Quality]:
    """:class:`Quality` for every observation dataset of the data package, in its order."""
    descriptor = json.loads((directory / "datapackage.json").read_text(encoding="utf-8"))
    table, _ = read_raw(directory / "sources.csv")
    kinds = {r["source_id"]: r.get("kind", "") for r in (table.rows if table else [])}
    first, last = QUALITY_YEARS
    out = []
    for resource in descriptor["resources"]:
        name = resource["name"]
        if name in NOT_OBSERVATIONS:
            continue
        pk = resource["schema"].get("primaryKey", [])
        key = [k for k in ([pk] if isinstance(pk, str) else pk) if k != "source_id"]
        data, _ = read_raw(directory / Path(resource["path"]).name)
        rows = data.rows if data else []
        strong = {
            tuple(r[k] for k in key) for r in rows if kinds.get(r["source_id"]) not in WEAK_KINDS
        }
        n = weak = weak_only = 0
        for r in rows:
            when = next((r[c] for c in _DATE_COLUMNS if r.get(c)), "")
            m = re.match(r"\d{4}", when)
            if not m or not first <= int(m.group()) <= last:
                continue
            n += 1
            if kinds.get(r["source_id"]) in WEAK_KINDS:
                weak += 1
                weak_only += tuple(r[k] for k in key) not in strong
        out.append(Quality(name, n, weak, weak_only))
    return out


def quality_markdown(directory: Path = DATASETS) -> str:
    """The source-quality report for ``datasets/README.md``."""
    table = source_quality(directory)
    rows = sum(q.rows for q in table)
    weak = sum(q.weak for q in table)
    only = sum(q.weak_only for q in table)
    first, last = QUALITY_YEARS

    def pct(a: int, b: int) -> str:
        return f"{100 * a / b:.1f}%" if b else "-"

    lines = [
        f"## Source quality, {first}-{last}",
        "",
        f"Rows dated {first}-{last} in each dataset of observations (generated from the data). *Weak*"
        " rows come from the article, an encyclopedia, a blog or statement with a cause, or the press"
        " (`kind` in `sources.csv`). A weak row *rests on weak sources alone* when no row from a"
        " producer, a scholarly compilation or a document of the time gives the same quantity (the same"
        " primary key but for `source_id`); otherwise it is kept as a check beside the stronger row.",
        "",
        "| dataset | rows | weak | share | weak alone | share |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for q in table:
        lines.append(
            f"| `{q.dataset}` | {q.rows} | {q.weak} | {pct(q.weak, q.rows)} | {q.weak_only} |"
            f" {pct(q.weak_only, q.rows)} |"
        )
    lines += [
        f"| all | {rows} | {weak} | {pct(weak, rows)} | {only} | {pct(only, rows)} |",
        "",
    ]
    return "\n".join(lines)


def coverage_markdown(directory: Path = DATASETS) -> str:
    """The coverage report for ``datasets/README.md``: a table of years, and the totals."""
    table = coverage(directory)
    cells = [n for row in table.values() for n in row.values()]
    covered = sum(1 for n in cells if n >= 1)
    two = sum(1 for n in cells if n >= 2)
    lines = [
        "## Coverage of the key years, 1965-1975",
        "",
        "Independent sources per key series and year (generated from the data; `-` is a gap). Two",
        "sources count as one when one copies the other or both copy a third (`derived_from` in",
        "`sources.csv`); the article and what copies it do not count. Occupations count only yearly",
        "figures: a total over several years is in `occupations.csv` with its period, but fills no year.",
        "",
        "| series | " + " | ".join(str(y)[2:] for y in YEARS) + " |",
        "|---|" + "---:|" * len(YEARS),
    ]
    for label, row in table.items():
        lines.append(
            f"| {label} | " + " | ".join(str(n) if n else "-" for n in row.values()) + " |"
        )
    lines += [
        "",
        f"{covered} of {len(cells)} year-cells have at least one independent source; {two} have two"
        " or more.",
        "",
    ]
    return "\n".join(lines)
