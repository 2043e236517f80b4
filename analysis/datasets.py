"""Validated loading of the curated datasets.

``load("strikes")`` reads ``datasets/strikes.csv``, checks it against its Table Schema in
``datasets/datapackage.json`` and returns a typed DataFrame. Any violation raises one
:class:`DatasetError` that lists every problem found, each naming the file, the line, the column and
the rule broken. Nothing is coerced silently: a value either parses under its declared type or is
reported.
"""

from __future__ import annotations

import csv
import io
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import schema as _schema
from .paths import DATAPACKAGE, DATASETS

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

_INTEGER = re.compile(r"^[+-]?\d+$")
_NUMBER = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


@dataclass(frozen=True)
class Violation:
    """One broken rule: where (file, line, column) and which rule."""

    file: str
    line: int | None
    column: str | None
    rule: str
    message: str

    def __str__(self) -> str:
        where = self.file if self.line is None else f"{self.file}, line {self.line}"
        if self.column is not None:
            where += f", column '{self.column}'"
        return f"{where}: [{self.rule}] {self.message}"


class DatasetError(ValueError):
    """A dataset broke one or more rules of its schema. ``violations`` lists them all."""

    def __init__(self, violations: Sequence[Violation]):
        self.violations = list(violations)
        files = sorted({v.file for v in self.violations})
        head = f"{len(self.violations)} violation(s) in {', '.join(files)}:"
        super().__init__("\n".join([head, *(f"  - {v}" for v in self.violations)]))


# --------------------------------------------------------------------------------------------
# Reading the raw table
# --------------------------------------------------------------------------------------------


@dataclass
class RawTable:
    """A CSV read as text: header, rows as dicts, and each row's line number in the file."""

    file: str
    header: list[str]
    rows: list[dict[str, str]]
    lines: list[int]


def read_raw(path: Path, label: str | None = None) -> tuple[RawTable | None, list[Violation]]:
    """Read ``path`` as strict UTF-8 CSV. Returns the table (or None) and the problems found."""
    label = label or path.name
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return None, [Violation(label, None, None, "missing_file", "the file does not exist")]
    return parse_csv_bytes(data, label)


def parse_csv_bytes(data: bytes, label: str) -> tuple[RawTable | None, list[Violation]]:
    """Parse CSV bytes; reports encoding problems, an empty file and ragged rows."""
    if data.startswith(b"\xef\xbb\xbf"):
        return None, [
            Violation(
                label,
                1,
                None,
                "encoding",
                "starts with a UTF-8 byte-order mark; save as UTF-8 without BOM",
            )
        ]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        return None, [
            Violation(
                label,
                line,
                None,
                "encoding",
                f"not valid UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start}); "
                "re-save the file as UTF-8",
            )
        ]
    if not text.strip():
        return None, [
            Violation(label, None, None, "empty_file", "the file is empty: expected a header row")
        ]
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    problems: list[Violation] = []
    try:
        header = next(reader)
        rows: list[dict[str, str]] = []
        lines: list[int] = []
        for cells in reader:
            if not cells:  # a blank line
                problems.append(
                    Violation(
                        label, reader.line_num, None, "blank_line", "blank line in the table"
                    )
                )
                continue
            if len(cells) != len(header):
                problems.append(
                    Violation(
                        label,
                        reader.line_num,
                        None,
                        "row_length",
                        f"row has {len(cells)} cells but the header has {len(header)}",
                    )
                )
                continue
            rows.append(dict(zip(header, cells, strict=True)))
            lines.append(reader.line_num)
    except csv.Error as exc:
        problems.append(Violation(label, reader.line_num, None, "csv_syntax", str(exc)))
        return None, problems
    return RawTable(label, header, rows, lines), problems


# --------------------------------------------------------------------------------------------
# Rules
# --------------------------------------------------------------------------------------------


def _parse(value: str, ftype: str) -> Any:
    """Parse one non-missing cell under its Table Schema type; raise ValueError when it does not."""
    if ftype == "integer":
        if not _INTEGER.match(value):
            raise ValueError(f"{value!r} is not an integer")
        return int(value)
    if ftype == "number":
        if not _NUMBER.match(value):
            raise ValueError(f"{value!r} is not a number (dot decimals, no thousands separators)")
        return float(value)
    if ftype == "date":
        if not _DATE.match(value):
            raise ValueError(f"{value!r} is not an ISO date YYYY-MM-DD")
        return date.fromisoformat(value)
    return value


def _check_cells(table: RawTable, resource: _schema.Resource) -> list[Violation]:
    out: list[Violation] = []
    missing = set(resource.missing_values)
    fields = [f for f in resource.fields if f.name in table.header]
    for row, line in zip(table.rows, table.lines, strict=True):
        for f in fields:
            raw = row[f.name]
            if raw != raw.strip():
                out.append(
                    Violation(
                        table.file,
                        line,
                        f.name,
                        "whitespace",
                        f"{raw!r} has leading or trailing spaces",
                    )
                )
                continue
            c = f.constraints
            if raw in missing:
                if c.get("required"):
                    out.append(
                        Violation(table.file, line, f.name, "required", "a value is required here")
                    )
                continue
            try:
                value = _parse(raw, f.type)
            except ValueError as exc:
                out.append(
                    Violation(table.file, line, f.name, "type", f"{exc}; the column is {f.type}")
                )
                continue
            if "minimum" in c and value < _bound(c["minimum"], f.type):
                out.append(
                    Violation(
                        table.file,
                        line,
                        f.name,
                        "minimum",
                        f"{raw} is below the minimum {c['minimum']}",
                    )
                )
            if "maximum" in c and value > _bound(c["maximum"], f.type):
                out.append(
                    Violation(
                        table.file,
                        line,
                        f.name,
                        "maximum",
                        f"{raw} is above the maximum {c['maximum']}",
                    )
                )
            if "enum" in c and raw not in c["enum"]:
                allowed = ", ".join(map(str, c["enum"]))
                out.append(
                    Violation(
                        table.file, line, f.name, "enum", f"{raw!r} is not one of: {allowed}"
                    )
                )
            if "pattern" in c and not re.fullmatch(c["pattern"], raw):
                out.append(
                    Violation(
                        table.file,
                        line,
                        f.name,
                        "pattern",
                        f"{raw!r} does not match {c['pattern']}",
                    )
                )
            if "maxLength" in c and len(raw) > c["maxLength"]:
                out.append(
                    Violation(
                        table.file,
                        line,
                        f.name,
                        "maxLength",
                        f"{len(raw)} characters; at most {c['maxLength']}",
                    )
                )
    return out


def _bound(bound: Any, ftype: str) -> Any:
    return date.fromisoformat(bound) if ftype == "date" else bound


def _check_header(table: RawTable, resource: _schema.Resource) -> list[Violation]:
    out = []
    expected = resource.field_names
    for name in expected:
        if name not in table.header:
            out.append(
                Violation(table.file, 1, name, "missing_column", "the schema requires this column")
            )
    for name in table.header:
        if name not in expected:
            out.append(
                Violation(
                    table.file,
                    1,
                    name,
                    "unknown_column",
                    "not in the schema; add it to datapackage.json or remove it",
                )
            )
    seen: set[str] = set()
    for name in table.header:
        if name in seen:
            out.append(
                Violation(table.file, 1, name, "duplicate_column", "the column appears twice")
            )
        seen.add(name)
    return out


def _check_primary_key(table: RawTable, resource: _schema.Resource) -> list[Violation]:
    key = resource.primary_key
    if not key or any(k not in table.header for k in key):
        return []
    first: dict[tuple[str, ...], int] = {}
    out = []
    for row, line in zip(table.rows, table.lines, strict=True):
        value = tuple(row[k] for k in key)
        if value in first:
            shown = ", ".join(f"{k}={v!r}" for k, v in zip(key, value, strict=True))
            out.append(
                Violation(
                    table.file,
                    line,
                    ",".join(key),
                    "primary_key",
                    f"duplicate key ({shown}) first seen on line {first[value]}",
                )
            )
        else:
            first[value] = line
    return out


def _check_foreign_keys(
    table: RawTable, resource: _schema.Resource, lookup: dict[str, set[str]]
) -> list[Violation]:
    out = []
    for fk in resource.foreign_keys:
        col = fk["fields"] if isinstance(fk["fields"], str) else fk["fields"][0]
        target = fk["reference"]["resource"]
        if col not in table.header or target not in lookup:
            continue
        known = lookup[target]
        for row, line in zip(table.rows, table.lines, strict=True):
            v = row[col]
            if v and v not in known:
                out.append(
                    Violation(
                        table.file,
                        line,
                        col,
                        "foreign_key",
                        f"{v!r} is not a {col} in {target}.csv",
                    )
                )
    return out


def _check_share_sum(table: RawTable, check: dict[str, Any]) -> list[Violation]:
    """Shares of one group (e.g. one election, basis and source) may not add up to more than 100.

    Rows whose ``contender`` equals their ``alliance`` are alliance totals; they are summed apart from
    the candidates' and parties' rows, so a source that gives both is not counted twice.
    """
    value = check["field"]
    group_by = check["groupBy"]
    limit = float(check.get("max", 100)) + float(check.get("tolerance", 0))
    if any(c not in table.header for c in [value, *group_by]):
        return []
    sums: dict[tuple[Any, ...], float] = defaultdict(float)
    last_line: dict[tuple[Any, ...], int] = {}
    for row, line in zip(table.rows, table.lines, strict=True):
        try:
            share = float(row[value]) if row[value] else 0.0
        except ValueError:
            continue  # already reported as a type violation
        level = (
            "alliance"
            if row.get("contender") and row.get("contender") == row.get("alliance")
            else "item"
        )
        key = (*(row[c] for c in group_by), level)
        sums[key] += share
        last_line[key] = line
    out = []
    for key, total in sums.items():
        if total > limit:
            group = ", ".join(f"{c}={v!r}" for c, v in zip(group_by, key, strict=False))
            out.append(
                Violation(
                    table.file,
                    last_line[key],
                    value,
                    "share_sum",
                    f"shares of {group} ({key[-1]} rows) add up to {total:.2f}, more than {limit:g}",
                )
            )
    return out


_CHECKS = {"share_sum": _check_share_sum}


def _check_resource(table: RawTable, resource: _schema.Resource) -> list[Violation]:
    out: list[Violation] = []
    for check in resource.checks:
        out.extend(_CHECKS[check["check"]](table, check))
    return out


# --------------------------------------------------------------------------------------------
# Public API
# --------------------------------------------------------------------------------------------


def _descriptor(directory: Path) -> _schema.Package:
    own = directory / "datapackage.json"
    return _schema.package(own if own.exists() else DATAPACKAGE)


def _lookups(
    resource: _schema.Resource, directory: Path, pkg: _schema.Package
) -> dict[str, set[str]]:
    """The key values of the resources that ``resource`` refers to (e.g. every source_id)."""
    out: dict[str, set[str]] = {}
    for fk in resource.foreign_keys:
        target = pkg.resource(fk["reference"]["resource"])
        col = fk["reference"]["fields"]
        col = col if isinstance(col, str) else col[0]
        table, _ = read_raw(directory / target.path)
        out[target.name] = {r[col] for r in table.rows} if table and col in table.header else set()
    return out


def validate_table(
    table: RawTable, resource: _schema.Resource, lookups: dict[str, set[str]] | None = None
) -> list[Violation]:
    """Every rule of ``resource`` applied to an already-read table."""
    out = _check_header(table, resource)
    out += _check_cells(table, resource)
    out += _check_primary_key(table, resource)
    out += _check_foreign_keys(table, resource, lookups or {})
    out += _check_resource(table, resource)
    return out


def validate(name: str, directory: Path = DATASETS) -> list[Violation]:
    """All violations of dataset ``name`` in ``directory`` (empty when it is valid)."""
    pkg = _descriptor(directory)
    resource = pkg.resource(name)
    table, problems = read_raw(directory / resource.path)
    if table is None:
        return problems
    return problems + validate_table(table, resource, _lookups(resource, directory, pkg))


def validate_all(directory: Path = DATASETS) -> dict[str, list[Violation]]:
    """Violations per dataset, for every resource in the data package."""
    pkg = _descriptor(directory)
    return {name: validate(name, directory) for name in pkg.names}


def to_frame(table: RawTable, resource: _schema.Resource) -> pd.DataFrame:
    """A typed DataFrame from a table that has passed validation."""
    import pandas as pd

    cols: dict[str, Any] = {}
    missing = set(resource.missing_values)
    for f in resource.fields:
        raw = [r[f.name] for r in table.rows]
        if f.type == "integer":
            cols[f.name] = pd.array([None if v in missing else int(v) for v in raw], dtype="Int64")
        elif f.type == "number":
            cols[f.name] = pd.array(
                [float("nan") if v in missing else float(v) for v in raw], dtype="float64"
            )
        elif f.type == "date":
            cols[f.name] = pd.to_datetime(
                pd.Series([None if v in missing else v for v in raw]), format="%Y-%m-%d"
            )
        else:
            cols[f.name] = pd.array([None if v in missing else v for v in raw], dtype="string")
    return pd.DataFrame(cols)


def load(name: str, directory: Path | str = DATASETS) -> pd.DataFrame:
    """Read, validate and type dataset ``name``; raise :class:`DatasetError` listing every violation."""
    directory = Path(directory)
    pkg = _descriptor(directory)
    resource = pkg.resource(name)
    path = directory / resource.path
    key = (str(path), *_stamp(path), *_stamp(directory / "sources.csv"))
    if key in _CACHE:
        return _CACHE[key].copy()
    table, problems = read_raw(path)
    if table is not None:
        problems += validate_table(table, resource, _lookups(resource, directory, pkg))
    if problems or table is None:
        raise DatasetError(problems)
    frame = to_frame(table, resource)
    _CACHE[key] = frame
    return frame.copy()


def _stamp(path: Path) -> tuple[int, int]:
    try:
        st = path.stat()
    except FileNotFoundError:
        return (0, 0)
    return (st.st_mtime_ns, st.st_size)


_CACHE: dict[tuple[Any, ...], pd.DataFrame] = {}


def names(directory: Path = DATASETS) -> Iterable[str]:
    """The names of every dataset in the data package."""
    return _descriptor(directory).names
