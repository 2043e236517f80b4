"""The datasets as one Excel workbook, and back.

``export(path)`` writes ``chile-1973-stats.xlsx``: a README sheet, one sheet per dataset (typed cells,
a bold frozen header with units, number formats, an autofilter, each ``source_id`` linked to its row in
the sources sheet) and the sources sheet. The same data always gives the same bytes.

``import_workbook(path)`` reads a workbook a curator edited, validates every sheet with the rules of the
CSVs, reports each violation by sheet, row and column, and says what changed against ``datasets/``.
``write_changes`` writes the changed CSVs, only when asked, each through a temporary file.
"""

from __future__ import annotations

import csv
import io
import re
import subprocess
import zipfile
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from . import schema as _schema
from .build import write_atomic
from .datasets import RawTable, Violation, _descriptor, read_raw, validate_table
from .paths import DATASETS, ROOT

SOURCES = "sources"
README = "README"
ZIP_TIME = (1980, 1, 1, 0, 0, 0)
FIXED_TIME = datetime(2000, 1, 1)
_UNIT = re.compile(r"^(?P<name>[^\[]+?)(\s*\[.*\])?$")


def dataset_names(pkg: _schema.Package) -> list[str]:
    """Every dataset sheet, in the descriptor's order, the sources last."""
    return [n for n in pkg.names if n != SOURCES] + [SOURCES]


# --------------------------------------------------------------------------------------------
# CSV text <-> cell values
# --------------------------------------------------------------------------------------------


def to_cell(text: str, ftype: str) -> Any:
    """A CSV cell as a typed workbook value (numbers as numbers, dates as dates)."""
    if text == "":
        return None
    if ftype == "integer":
        return int(text)
    if ftype == "number":
        return float(text)
    if ftype == "date":
        return date.fromisoformat(text)
    return text


def to_text(value: Any, ftype: str, original: str | None = None) -> str:
    """A workbook value as CSV text. Where the value equals the original cell, the original text is
    kept (so 5434.0 stays 5434.0 and 56 stays 56); anything else is written in a plain form. A value
    that does not fit the column's type is written as it is, for validation to report."""
    if value is None or (isinstance(value, str) and value == ""):
        return ""
    if isinstance(value, datetime):
        value = value.date() if value.time() == datetime.min.time() else value
    if original not in (None, ""):
        try:
            if to_cell(original, ftype) == value:
                return original
        except ValueError:
            pass
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, float) and ftype == "integer" and value.is_integer():
        return str(int(value))
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() and ftype != "number" else repr(value)
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def csv_bytes(header: list[str], rows: list[list[str]]) -> bytes:
    """CSV in the suite's one form: UTF-8, comma, minimal quoting, LF line ends."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return buf.getvalue().encode("utf-8")


# --------------------------------------------------------------------------------------------
# Export
# --------------------------------------------------------------------------------------------


def _git(*args: str) -> str:
    try:
        out = subprocess.run(
            ["git", *args], cwd=ROOT, capture_output=True, text=True, check=True, timeout=10
        )
        return out.stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return ""


def _fixed_zip(data: bytes) -> bytes:
    """Rewrite an xlsx with fixed zip entry times and a fixed document date: same data, same bytes."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=ZIP_TIME)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o600 << 16
            data = src.read(info.filename)
            if info.filename == "docProps/core.xml":  # openpyxl stamps the save time here
                data = re.sub(
                    rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)",
                    rb"\g<1>" + FIXED_TIME.strftime("%Y-%m-%dT%H:%M:%SZ").encode() + rb"\g<2>",
                    data,
                )
            dst.writestr(fixed, data)
    return out.getvalue()


def export_bytes(directory: Path = DATASETS, commit: str | None = None) -> bytes:
    """The workbook of every dataset in ``directory`` as bytes."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.hyperlink import Hyperlink

    pkg = _descriptor(directory)
    commit = commit if commit is not None else (_git("rev-parse", "--short", "HEAD") or "unknown")
    when = _git("log", "-1", "--format=%cs") or "unknown"
    wb = Workbook()
    wb.properties.creator = "chile-1973-stats"
    wb.properties.created = FIXED_TIME
    wb.properties.modified = FIXED_TIME
    bold = Font(bold=True)
    readme = wb.active
    readme.title = README
    lines = [
        (pkg.raw.get("title", ""), True),
        (pkg.raw.get("description", ""), False),
        ("", False),
        (
            "One sheet per dataset; the sources sheet lists every source, and each source_id links to it.",
            False,
        ),
        (
            "Units are in square brackets after each column name. Do not rename sheets or columns.",
            False,
        ),
        (
            "Edited copies can be checked and brought back with: chile73 workbook import FILE [--write]",
            False,
        ),
        ("", False),
        (
            "How to cite: Chile 1973 statistics contributors, Chile 1973: curated economic, electoral and strike statistics (CITATION.cff), and the original sources named in the sources sheet.",
            False,
        ),
        (
            "Licence: data CC BY 4.0 (https://creativecommons.org/licenses/by/4.0/); code MIT.",
            False,
        ),
        (f"Built from commit {commit} (committed {when}) by chile73 workbook export.", False),
    ]
    for i, (text, strong) in enumerate(lines, start=1):
        cell = readme.cell(row=i, column=1, value=text or None)
        if strong:
            cell.font = Font(bold=True, size=14)
    readme.column_dimensions["A"].width = 110
    source_rows: dict[str, int] = {}
    table_src, _ = read_raw(directory / pkg.resource(SOURCES).path)
    if table_src is not None:
        source_rows = {r["source_id"]: i + 2 for i, r in enumerate(table_src.rows)}
    for name in dataset_names(pkg):
        res = pkg.resource(name)
        table, problems = read_raw(directory / res.path)
        if table is None:
            raise ValueError("; ".join(str(p) for p in problems))
        ws = wb.create_sheet(name)
        fields = res.fields
        widths = []
        for col, f in enumerate(fields, start=1):
            head = f"{f.name} [{f.unit}]" if f.unit else f.name
            cell = ws.cell(row=1, column=col, value=head)
            cell.font = bold
            cell.alignment = Alignment(vertical="top")
            widths.append(len(head))
        for r, row in enumerate(table.rows, start=2):
            for col, f in enumerate(fields, start=1):
                text = row.get(f.name, "")
                value = to_cell(text, f.type)
                cell = ws.cell(row=r, column=col, value=value)
                if f.type == "integer" and value is not None:
                    cell.number_format = "0" if f.unit == "year" else "#,##0"
                elif f.type == "number" and value is not None:
                    decimals = len(text.split(".")[1]) if "." in text else 0
                    cell.number_format = "#,##0" + ("." + "0" * decimals if decimals else "")
                elif f.type == "date" and value is not None:
                    cell.number_format = "yyyy-mm-dd"
                if f.name == "source_id" and name != SOURCES and text in source_rows:
                    cell.hyperlink = Hyperlink(
                        ref=cell.coordinate, location=f"'{SOURCES}'!A{source_rows[text]}"
                    )
                    cell.style = "Hyperlink"
                widths[col - 1] = max(widths[col - 1], min(len(text), 60))
        for col, width in enumerate(widths, start=1):
            ws.column_dimensions[get_column_letter(col)].width = max(8, width + 2)
        ws.freeze_panes = "A2"
        last = get_column_letter(len(fields))
        ws.auto_filter.ref = f"A1:{last}{max(1, len(table.rows) + 1)}"
    buf = io.BytesIO()
    wb.save(buf)
    return _fixed_zip(buf.getvalue())


def export(path: Path, directory: Path = DATASETS) -> Path:
    """Write the workbook to ``path`` atomically."""
    write_atomic(path, export_bytes(directory))
    return path


# --------------------------------------------------------------------------------------------
# Import
# --------------------------------------------------------------------------------------------


@dataclass
class SheetChange:
    name: str
    added: list[tuple[str, ...]] = field(default_factory=list)
    removed: list[tuple[str, ...]] = field(default_factory=list)
    changed: list[tuple[tuple[str, ...], str, str, str]] = field(
        default_factory=list
    )  # key, column, old, new

    @property
    def empty(self) -> bool:
        return not (self.added or self.removed or self.changed)


@dataclass
class ImportResult:
    violations: list[Violation] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)
    changes: dict[str, SheetChange] = field(default_factory=dict)
    new_bytes: dict[str, bytes] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.violations


def _sheet_table(
    ws, res: _schema.Resource, original: RawTable | None, result: ImportResult
) -> RawTable:
    label = f"sheet '{ws.title}'"
    rows_iter = ws.iter_rows(values_only=True)
    header_raw = next(rows_iter, None) or ()
    header = []
    for i, h in enumerate(header_raw, start=1):
        if h is None:
            continue
        m = _UNIT.match(str(h).strip())
        header.append((i, m.group("name").strip() if m else str(h).strip()))
    names = [n for _, n in header]
    for n in names:
        if n not in res.field_names:
            result.notices.append(
                f"{label}: extra column '{n}' is not in the schema and was not imported"
            )
    ftypes = {f.name: f.type for f in res.fields}
    by_key: dict[tuple[str, ...], dict[str, str]] = {}
    if original is not None and res.primary_key:
        by_key = {tuple(r[k] for k in res.primary_key): r for r in original.rows}
    rows, lines = [], []
    for r, values in enumerate(rows_iter, start=2):
        if values is None or all(v is None for v in values):
            continue
        cells = {n: (values[i - 1] if i - 1 < len(values) else None) for i, n in header}
        row: dict[str, str] = {}
        first_pass = {n: to_text(cells[n], ftypes.get(n, "string")) for n in names if n in ftypes}
        key = tuple(first_pass.get(k, "") for k in res.primary_key)
        old = by_key.get(key, {})
        for n in names:
            if n in ftypes:
                row[n] = to_text(cells[n], ftypes[n], old.get(n))
        rows.append(row)
        lines.append(r)
    kept = [n for n in names if n in ftypes]
    return RawTable(label, kept, rows, lines)


def import_workbook(path: Path, directory: Path = DATASETS) -> ImportResult:
    """Read and check an edited workbook; nothing is written."""
    from openpyxl import load_workbook

    pkg = _descriptor(directory)
    wb = load_workbook(path, data_only=True)
    result = ImportResult()
    expected = set(dataset_names(pkg)) | {README}
    for title in wb.sheetnames:
        if title not in expected:
            result.notices.append(
                f"sheet '{title}' is not a dataset of the suite and was not imported"
            )
    tables: dict[str, RawTable] = {}
    for name in dataset_names(pkg):
        if name not in wb.sheetnames:
            result.violations.append(
                Violation(
                    f"sheet '{name}'",
                    None,
                    None,
                    "missing_sheet",
                    "the workbook has no such sheet",
                )
            )
            continue
        res = pkg.resource(name)
        original, _ = read_raw(directory / res.path)
        tables[name] = _sheet_table(wb[name], res, original, result)
    lookup = {SOURCES: {r["source_id"] for r in tables[SOURCES].rows}} if SOURCES in tables else {}
    for name, table in tables.items():
        res = pkg.resource(name)
        result.violations += validate_table(table, res, lookup)
        fields = res.field_names
        if any(f not in table.header for f in fields):
            continue
        new = csv_bytes(fields, [[r[f] for f in fields] for r in table.rows])
        path_csv = directory / res.path
        old_bytes = path_csv.read_bytes() if path_csv.exists() else b""
        if new != old_bytes:
            result.new_bytes[name] = new
        result.changes[name] = _diff(name, res, read_raw(path_csv)[0], table)
    return result


def _diff(name: str, res: _schema.Resource, old: RawTable | None, new: RawTable) -> SheetChange:
    change = SheetChange(name)
    key = res.primary_key or tuple(res.field_names)
    old_rows = {tuple(r[k] for k in key): r for r in (old.rows if old else [])}
    new_rows = {tuple(r.get(k, "") for k in key): r for r in new.rows}
    change.added = [k for k in new_rows if k not in old_rows]
    change.removed = [k for k in old_rows if k not in new_rows]
    for k, r in new_rows.items():
        if k in old_rows:
            for col in res.field_names:
                if old_rows[k].get(col, "") != r.get(col, ""):
                    change.changed.append((k, col, old_rows[k].get(col, ""), r.get(col, "")))
    return change


def write_changes(result: ImportResult, directory: Path = DATASETS) -> list[Path]:
    """Write the changed CSVs of a valid import. Refuses when any violation was found."""
    if not result.ok:
        raise ValueError("the workbook has violations; nothing was written")
    pkg = _descriptor(directory)
    written = []
    for name, data in result.new_bytes.items():
        path = directory / pkg.resource(name).path
        write_atomic(path, data)
        written.append(path)
    return written


def report(result: ImportResult) -> str:
    """What an import found, for people."""
    out = []
    for n in result.notices:
        out.append(f"note: {n}")
    for v in result.violations:
        out.append(f"error: {v}")
    for name, ch in result.changes.items():
        if ch.empty:
            continue
        out.append(
            f"{name}: {len(ch.added)} row(s) added, {len(ch.removed)} removed, {len(ch.changed)} value(s) changed"
        )
        for k in ch.added:
            out.append(f"  + {', '.join(k)}")
        for k in ch.removed:
            out.append(f"  - {', '.join(k)}")
        for k, col, old, new in ch.changed:
            out.append(f"  ~ {', '.join(k)}: {col}: {old!r} -> {new!r}")
    if not any(not c.empty for c in result.changes.values()):
        out.append("No changes against datasets/.")
    return "\n".join(out)
