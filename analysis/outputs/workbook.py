"""The datasets as one Excel workbook, and back.

``export(path)`` writes ``chile-1973-stats.xlsx``: a README sheet, one sheet per dataset (typed cells,
a bold frozen header with units, number formats, an autofilter, each ``source_id`` linked to its row in
the sources sheet) and the sources sheet. The same data always gives the same bytes.

Export refuses a dataset that does not validate (with the same located errors as ``validate``) and a
text longer than an Excel cell holds; it never truncates. Text that Excel would read as a formula
(``=1+1``, ``+5``, ``-x``, ``@a``) is written as text, so it comes back as the same string.

``import_workbook(path)`` reads a workbook a curator edited, validates every sheet with the rules of the
CSVs, reports each violation by sheet, row and column, and says what changed against ``datasets/``. It
refuses what is not a plain .xlsx of values: formulas (with or without a cached result), merged
cells, error cells, values in a column without a header, columns the schema does not know, and files
past its limits (size, compression ratio, rows, cell length).

``write_changes`` writes the changed CSVs, only when asked, all together or not at all
(:func:`analysis.fileio.write_many`): the staged set is validated as a whole before anything is
switched, and a crash leaves either every old file or every new one.
"""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import tempfile
import zipfile
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from analysis.core.fileio import csv_bytes, write_atomic, write_many
from analysis.core.paths import DATASETS, ROOT
from analysis.data import schema as _schema
from analysis.data.datasets import (
    DatasetError,
    RawTable,
    Violation,
    _descriptor,
    read_raw,
    resource_path,
    validate_all,
    validate_table,
)

__all__ = [
    "WorkbookError",
    "csv_bytes",
    "export",
    "export_bytes",
    "import_workbook",
    "report",
    "write_changes",
]

SOURCES = "sources"
README = "README"
ZIP_TIME = (1980, 1, 1, 0, 0, 0)
FIXED_TIME = datetime(2000, 1, 1)
_UNIT = re.compile(r"^(?P<name>[^\[]+?)(\s*\[.*\])?$")
# Excel reads a text starting with one of these as a formula when it is typed or re-saved.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
# Limits of what import accepts (and what export can write).
CELL_LIMIT = 32_767  # characters in one Excel cell
MAX_FILE_BYTES = 50 * 1024 * 1024
MAX_UNCOMPRESSED_BYTES = 400 * 1024 * 1024
MAX_COMPRESSION_RATIO = 200  # uncompressed / compressed, for members larger than 1 MiB
MAX_ROWS = 200_000  # per sheet


class WorkbookError(ValueError):
    """A file that import or export refuses as a whole; the message names it and says why."""


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
    invalid = [v for vs in validate_all(directory).values() for v in vs]
    if invalid:
        raise DatasetError(invalid)
    # Every table read once, now that all of them are known to be valid.
    tables: dict[str, RawTable] = {}
    for n in dataset_names(pkg):
        table, problems = read_raw(resource_path(directory, pkg.resource(n)))
        if table is None:
            raise DatasetError(problems)
        tables[n] = table
    too_long = [
        Violation(
            Path(res.path).name,
            line,
            col,
            "cell_length",
            f"{len(text):,} characters; an Excel cell holds at most {CELL_LIMIT:,}, and the "
            "workbook never truncates",
        )
        for n, table in tables.items()
        for res in [pkg.resource(n)]
        for row, line in zip(table.rows, table.lines, strict=True)
        for col, text in row.items()
        if len(text) > CELL_LIMIT
    ]
    if too_long:
        raise DatasetError(too_long)
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
    source_rows = {r["source_id"]: i + 2 for i, r in enumerate(tables[SOURCES].rows)}
    for name, table in tables.items():
        res = pkg.resource(name)
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
                if isinstance(value, str) and value.startswith(FORMULA_START):
                    cell.data_type = "s"  # text, not a formula
                    cell.quotePrefix = True  # and Excel keeps it text when it is edited
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


def check_export_target(path: Path, directory: Path = DATASETS) -> None:
    """Refuse a target that is curated data or not a workbook: raise :class:`WorkbookError`."""
    path = Path(path)
    resolved = path.resolve()
    for curated in {Path(directory).resolve(), DATASETS.resolve()}:
        if resolved.is_relative_to(curated):
            raise WorkbookError(
                f"{path}: refusing to write a workbook inside {curated.name}/, which holds the "
                "curated data; choose a path outside it (for example dist/chile-1973-stats.xlsx)"
            )
    if path.suffix.lower() != ".xlsx":
        raise WorkbookError(f"{path}: a workbook's name must end in .xlsx")
    if path.exists():
        if not path.is_file():
            raise WorkbookError(f"{path} exists and is not a regular file; nothing was written")
        if path.stat().st_size and not zipfile.is_zipfile(path):
            raise WorkbookError(
                f"{path} exists and is not a workbook; refusing to overwrite it with one"
            )


def export(path: Path, directory: Path = DATASETS) -> Path:
    """Write the workbook to ``path`` atomically, after checking the target and every dataset."""
    path = Path(path)
    check_export_target(path, directory)
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


def _col_letter(i: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(i)


def _sheet_table(
    ws, res: _schema.Resource, original: RawTable | None, result: ImportResult
) -> RawTable:
    label = f"sheet '{ws.title}'"

    def refuse(row: int | None, column: str | None, rule: str, message: str) -> None:
        result.violations.append(Violation(label, row, column, rule, message))

    for merged in sorted(ws.merged_cells.ranges, key=str):
        refuse(
            merged.min_row,
            None,
            "merged_cells",
            f"cells {merged.coord} are merged; unmerge them so that each value has its own cell",
        )
    if ws.max_row > MAX_ROWS + 1:
        refuse(None, None, "too_many_rows", f"{ws.max_row:,} rows; at most {MAX_ROWS:,} are read")
        return RawTable(label, [], [], [])
    rows_iter = ws.iter_rows()
    header_cells = next(rows_iter, None) or ()
    header: list[tuple[int, str]] = []
    unnamed: set[int] = set()
    for cell in header_cells:
        i = cell.column
        if cell.data_type == "f":
            refuse(
                1, None, "formula", f"cell {cell.coordinate} holds a formula, not a column name"
            )
            continue
        h = cell.value
        if h is None or str(h).strip() == "":
            unnamed.add(i)
            continue
        m = _UNIT.match(str(h).strip())
        header.append((i, m.group("name").strip() if m else str(h).strip()))
    ftypes = {f.name: f.type for f in res.fields}
    for i, n in header:
        if n not in ftypes:
            refuse(
                1,
                n,
                "unknown_column",
                f"column {_col_letter(i)} ('{n}') is not in the schema of {res.name}; remove it, or "
                "add the field to datapackage.json first",
            )
    names = [n for _, n in header if n in ftypes]
    by_col = {i: n for i, n in header if n in ftypes}
    by_key: dict[tuple[str, ...], dict[str, str]] = {}
    if original is not None and res.primary_key:
        by_key = {tuple(r[k] for k in res.primary_key): r for r in original.rows}
    rows, lines = [], []
    for cells in rows_iter:
        values: dict[str, Any] = {}
        r = cells[0].row if cells else 0
        blank = True
        for cell in cells:
            if cell.value is None:
                continue
            blank = False
            where = by_col.get(cell.column)
            if cell.data_type == "f":
                refuse(
                    r,
                    where,
                    "formula",
                    f"cell {cell.coordinate} holds a formula; type its value instead (formulas, "
                    "and results cached from them, are not imported)",
                )
            elif cell.data_type == "e":
                refuse(
                    r, where, "error_cell", f"cell {cell.coordinate} holds the error {cell.value}"
                )
            elif isinstance(cell.value, str) and (
                len(cell.value) > CELL_LIMIT
                or (
                    len(cell.value) == CELL_LIMIT
                    and getattr(ws.parent, "_chile73_overlong", False)
                )
            ):
                refuse(
                    r,
                    where,
                    "cell_length",
                    f"cell {cell.coordinate} holds more than {CELL_LIMIT:,} characters, the most "
                    "a cell may hold; it would be cut",
                )
            elif cell.column in unnamed:
                refuse(
                    r,
                    None,
                    "unnamed_column",
                    f"cell {cell.coordinate} holds a value in a column without a header; it "
                    "would be lost",
                )
            elif where is not None:
                values[where] = cell.value
        if blank:
            continue
        first_pass = {n: to_text(values.get(n), ftypes[n]) for n in names}
        key = tuple(first_pass.get(k, "") for k in res.primary_key)
        old = by_key.get(key, {})
        rows.append({n: to_text(values.get(n), ftypes[n], old.get(n)) for n in names})
        lines.append(r)
    return RawTable(label, names, rows, lines)


def _open(path: Path):
    """Load ``path`` as a workbook of values, or raise :class:`WorkbookError` saying why not."""
    path = Path(path)
    if not path.exists():
        raise WorkbookError(f"{path}: no such file")
    if not path.is_file():
        raise WorkbookError(f"{path} is not a regular file (a folder, FIFO or device)")
    size = path.stat().st_size
    suffix = path.suffix.lower()
    if size == 0:
        raise WorkbookError(f"{path} is empty: expected an .xlsx workbook")
    if suffix == ".xls":
        raise WorkbookError(
            f"{path} is in the old Excel 97-2003 format (.xls); save it as an .xlsx workbook"
        )
    if suffix == ".csv":
        raise WorkbookError(
            f"{path} is a CSV file, not a workbook; workbook import reads .xlsx files only"
        )
    if suffix not in (".xlsx", ".xlsm"):
        raise WorkbookError(
            f"{path}: expected an .xlsx workbook, got a {suffix or 'nameless'} file"
        )
    if size > MAX_FILE_BYTES:
        raise WorkbookError(
            f"{path} is {size:,} bytes; workbook import reads files of at most {MAX_FILE_BYTES:,}"
        )
    if not zipfile.is_zipfile(path):
        raise WorkbookError(f"{path} is not an .xlsx workbook (not a zip archive)")
    try:
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
            total = sum(m.file_size for m in members)
            if total > MAX_UNCOMPRESSED_BYTES:
                raise WorkbookError(
                    f"{path} unpacks to {total:,} bytes; at most {MAX_UNCOMPRESSED_BYTES:,} are read"
                )
            for m in members:
                if m.file_size > 2**20 and m.file_size > MAX_COMPRESSION_RATIO * max(
                    m.compress_size, 1
                ):
                    raise WorkbookError(
                        f"{path}: member {m.filename} is compressed {m.file_size // max(m.compress_size, 1)}"
                        f" to 1; at most {MAX_COMPRESSION_RATIO} to 1 is accepted"
                    )
            bad = archive.testzip()
            if bad is not None:
                raise WorkbookError(f"{path} is damaged: member {bad} fails its checksum")
            overlong = _has_overlong_text(archive)
    except (zipfile.BadZipFile, EOFError, OSError) as exc:
        raise WorkbookError(f"{path} is a damaged or truncated archive ({exc})") from None
    from openpyxl import load_workbook

    try:
        wb = load_workbook(path, data_only=False)
    except Exception as exc:  # openpyxl raises many kinds for a malformed package
        raise WorkbookError(
            f"{path} cannot be read as a workbook ({type(exc).__name__}: {exc})"
        ) from None
    wb._chile73_overlong = overlong  # openpyxl cuts such text to the cell limit when it reads it
    return wb


def _has_overlong_text(archive: zipfile.ZipFile) -> bool:
    """Whether any text in the workbook's XML is longer than a cell may hold."""
    from xml.etree.ElementTree import iterparse

    for name in archive.namelist():
        if not (name == "xl/sharedStrings.xml" or name.startswith("xl/worksheets/")):
            continue
        if not name.endswith(".xml"):
            continue
        with archive.open(name) as fh:
            for _, elem in iterparse(fh):
                if elem.tag.endswith("}t") and elem.text and len(elem.text) > CELL_LIMIT:
                    return True
                elem.clear()
    return False


def import_workbook(path: Path, directory: Path = DATASETS) -> ImportResult:
    """Read and check an edited workbook; nothing is written."""
    directory = Path(directory)
    pkg = _descriptor(directory)
    wb = _open(path)
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
        original, _ = read_raw(resource_path(directory, res))
        tables[name] = _sheet_table(wb[name], res, original, result)
    lookup = {SOURCES: {r["source_id"] for r in tables[SOURCES].rows}} if SOURCES in tables else {}
    for name, table in tables.items():
        res = pkg.resource(name)
        result.violations += validate_table(table, res, lookup)
        fields = res.field_names
        if any(f not in table.header for f in fields):
            continue
        new = csv_bytes(fields, [[r[f] for f in fields] for r in table.rows])
        path_csv = resource_path(directory, res)
        old_bytes = path_csv.read_bytes() if path_csv.is_file() else b""
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
    """Write the changed CSVs of a valid import, all together or not at all.

    Refuses when any violation was found. The staged files are validated as a whole, together
    with the unchanged ones (foreign keys across files included), before any file is replaced."""
    if not result.ok:
        raise ValueError("the workbook has violations; nothing was written")
    directory = Path(directory)
    pkg = _descriptor(directory)
    files = {pkg.resource(name).path: data for name, data in result.new_bytes.items()}
    if not files:
        return []

    def check(staged: dict[str, Path]) -> None:
        with tempfile.TemporaryDirectory(prefix="chile73-staged-") as tmp:
            view = Path(tmp)
            for res in pkg.resources.values():
                src = staged.get(res.path, resource_path(directory, res))
                if src.is_file():
                    shutil.copyfile(src, view / res.path)
            own = directory / "datapackage.json"
            if own.is_file():
                shutil.copyfile(own, view / "datapackage.json")
            problems = [v for vs in validate_all(view).values() for v in vs]
        if problems:
            raise DatasetError(problems)

    return write_many(directory, files, check)


def report(result: ImportResult) -> str:
    """What an import found, for people."""
    out = []
    for n in result.notices:
        out.append(f"note: {n}")
    for v in result.violations:
        out.append(f"error: {v}")
    for name, ch in result.changes.items():
        if ch.empty:
            if name in result.new_bytes:
                out.append(f"{name}: the same rows and values, written in another order or form")
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
    if not result.new_bytes and not result.violations:
        out.append("No changes against datasets/: every file would be written byte for byte.")
    return "\n".join(out)
