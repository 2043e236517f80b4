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
import math
import re
import stat
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from analysis.core.fileio import recover, sha256
from analysis.core.paths import DATAPACKAGE, DATASETS
from analysis.data import schema as _schema
from analysis.data.rules import broken

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

# The exact lexical forms each type accepts (ASCII digits only; documented in datasets/README.md):
# integer  an optional minus, then 0 or digits without a leading zero, within 64 bits: -12, 0, 1932
# number   an integer as above, then optionally a dot and digits, then optionally an exponent:
#          -1.5, 0.25, 5434.0, 1.2e-05; never "+1", "36.", ".5", "1,5", "inf", "nan" or 1e999
# date     YYYY-MM-DD, a real calendar day
_INTEGER = re.compile(r"-?(0|[1-9][0-9]*)", re.ASCII)
_NUMBER = re.compile(r"-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?", re.ASCII)
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", re.ASCII)
_INT64 = (-(2**63), 2**63 - 1)
# Control characters other than the line feed (which a quoted note may hold) are refused anywhere.
_CONTROL = re.compile(r"[\x00-\x09\x0b-\x1f\x7f]")


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
        mode = path.stat().st_mode
    except FileNotFoundError:
        return None, [Violation(label, None, None, "missing_file", "the file does not exist")]
    if not stat.S_ISREG(mode):
        return None, [
            Violation(
                label, None, None, "not_a_file", "not a regular file (a folder, FIFO or device)"
            )
        ]
    try:
        data = path.read_bytes()
    except OSError as exc:
        return None, [Violation(label, None, None, "unreadable", f"cannot be read: {exc}")]
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
        if not _INTEGER.fullmatch(value):
            raise ValueError(
                f"{value!r} is not an integer (ASCII digits, optional minus, no plus sign, "
                "no leading zeros)"
            )
        number = int(value)
        if not _INT64[0] <= number <= _INT64[1]:
            raise ValueError(f"{value!r} does not fit in a 64-bit integer")
        return number
    if ftype == "number":
        if not _NUMBER.fullmatch(value):
            raise ValueError(
                f"{value!r} is not a number (ASCII digits, dot decimals with digits on both sides, "
                "no plus sign, no leading zeros, no thousands separators)"
            )
        number = float(value)
        if not math.isfinite(number):
            raise ValueError(f"{value!r} is out of range for a number")
        return number
    if ftype == "date":
        if not _DATE.fullmatch(value):
            raise ValueError(f"{value!r} is not an ISO date YYYY-MM-DD")
        try:
            return date.fromisoformat(value)
        except ValueError:
            raise ValueError(f"{value!r} is not a calendar date") from None
    return value


def _check_cells(table: RawTable, resource: _schema.Resource) -> list[Violation]:
    out: list[Violation] = []
    missing = set(resource.missing_values)
    fields = [f for f in resource.fields if f.name in table.header]
    for row, line in zip(table.rows, table.lines, strict=True):
        for f in fields:
            raw = row[f.name]
            bad = _CONTROL.search(raw)
            if bad:
                out.append(
                    Violation(
                        table.file,
                        line,
                        f.name,
                        "control_character",
                        f"holds the control character U+{ord(bad.group()):04X} at position "
                        f"{bad.start() + 1}",
                    )
                )
                continue
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
            for rule, message in broken(c, value, raw, f.type):
                out.append(Violation(table.file, line, f.name, rule, message))
    return out


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
    if not out and table.header != expected:
        for i, (got, want) in enumerate(zip(table.header, expected, strict=True), start=1):
            if got != want:
                out.append(
                    Violation(
                        table.file,
                        1,
                        got,
                        "column_order",
                        f"column {i} is '{got}' but the schema puts '{want}' there; the header "
                        f"must follow the schema's order: {', '.join(expected)}",
                    )
                )
                break
    return out


def _check_primary_key(table: RawTable, resource: _schema.Resource) -> list[Violation]:
    key = resource.primary_key
    if not key or any(k not in table.header for k in key):
        return []
    types = {f.name: f.type for f in resource.fields}
    first: dict[tuple[Any, ...], int] = {}
    out = []
    for row, line in zip(table.rows, table.lines, strict=True):
        shown_values = tuple(row[k] for k in key)
        value = tuple(_key_value(row[k], types.get(k, "string")) for k in key)
        if value in first:
            shown = ", ".join(f"{k}={v!r}" for k, v in zip(key, shown_values, strict=True))
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


def _key_value(raw: str, ftype: str) -> Any:
    """A key cell compared as the value it stands for (so 1932 and 1932.0 are one key)."""
    try:
        return (ftype, _parse(raw, ftype))
    except ValueError:
        return ("text", raw)


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


def resource_path(directory: Path, resource: _schema.Resource) -> Path:
    """The file of ``resource`` inside ``directory``; refuses a path that would leave it.

    A descriptor path must be relative, must not climb with ``..`` and must not leave the folder
    through a symbolic link: the data package describes its own files and nothing else."""
    rel = Path(resource.path)
    problem = None
    if rel.is_absolute() or resource.path.startswith(("/", "\\")):
        problem = "is absolute"
    elif ".." in rel.parts:
        problem = "climbs out of the folder with '..'"
    else:
        path = directory / rel
        try:
            inside = path.resolve().is_relative_to(directory.resolve())
        except (OSError, RuntimeError):  # a symlink loop
            inside = False
        if not inside:
            problem = "leaves the datasets folder through a symbolic link"
    if problem:
        raise DatasetError(
            [
                Violation(
                    "datapackage.json",
                    None,
                    f"resources[{resource.name}].path",
                    "path",
                    f"{resource.path!r} {problem}; a resource path must name a file inside "
                    "datasets/",
                )
            ]
        )
    return directory / rel


def _lookups(
    resource: _schema.Resource, directory: Path, pkg: _schema.Package
) -> dict[str, set[str]]:
    """The key values of the resources that ``resource`` refers to (e.g. every source_id)."""
    out: dict[str, set[str]] = {}
    for fk in resource.foreign_keys:
        target = pkg.resource(fk["reference"]["resource"])
        col = fk["reference"]["fields"]
        col = col if isinstance(col, str) else col[0]
        table, _ = read_raw(resource_path(directory, target))
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
    directory = Path(directory)
    recover(directory)
    pkg = _descriptor(directory)
    resource = pkg.resource(name)
    try:
        path = resource_path(directory, resource)
        table, problems = read_raw(path)
        if table is None:
            return problems
        return problems + validate_table(table, resource, _lookups(resource, directory, pkg))
    except DatasetError as err:
        return err.violations


def validate_all(directory: Path = DATASETS) -> dict[str, list[Violation]]:
    """Violations per dataset, for every resource in the data package."""
    pkg = _descriptor(Path(directory))
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
    """Read, validate and type dataset ``name``; raise :class:`DatasetError` listing every violation.

    Frames are cached by the content of every input they depend on (the CSV, the files its foreign
    keys point to, the descriptor), so any edit, even one that keeps a file's size and time, is
    seen."""
    directory = Path(directory)
    recover(directory)
    pkg = _descriptor(directory)
    resource = pkg.resource(name)
    path = resource_path(directory, resource)
    inputs = [path] + [
        resource_path(directory, pkg.resource(fk["reference"]["resource"]))
        for fk in resource.foreign_keys
    ]
    key = (
        str(path.resolve()),
        pkg.digest,
        *(_content_digest(p) for p in inputs),
    )
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


def _content_digest(path: Path) -> str:
    try:
        return sha256(path.read_bytes()) if path.is_file() else "not-a-file"
    except FileNotFoundError:
        return "missing"


_CACHE: dict[tuple[Any, ...], pd.DataFrame] = {}


def names(directory: Path = DATASETS) -> Iterable[str]:
    """The names of every dataset in the data package."""
    return _descriptor(directory).names
