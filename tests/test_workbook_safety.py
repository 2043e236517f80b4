"""The workbook round trip cannot lose or change curated data: each case below once could."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import pytest
from openpyxl import load_workbook

from analysis import cli
from analysis.data.datasets import DatasetError, validate_all
from analysis.outputs import workbook as wbmod
from analysis.outputs.workbook import (
    WorkbookError,
    export,
    import_workbook,
    report,
    write_changes,
)


@pytest.fixture
def book(datasets_copy: Path) -> Path:
    return export(datasets_copy.parent / "book.xlsx", datasets_copy)


def _strike_row(ws, year: int) -> int:
    return next(r for r in range(2, ws.max_row + 1) if ws.cell(r, 1).value == year)


def _note_col(ws) -> int:
    return next(c for c in range(1, ws.max_column + 1) if ws.cell(1, c).value == "note")


@pytest.mark.parametrize("text", ["=1+1", "+5", "-x", "@SUM(A1)", "=HYPERLINK(A1)"])
def test_formula_like_text_is_written_as_text_and_comes_back(datasets_copy: Path, text) -> None:
    path = datasets_copy / "strikes.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    lines[1] = lines[1].rsplit(",", 1)[0] + "," + text
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = export(datasets_copy.parent / "f.xlsx", datasets_copy)
    cell = load_workbook(out)["strikes"].cell(2, 7)
    assert cell.data_type == "s" and cell.value == text
    result = import_workbook(out, datasets_copy)
    assert result.ok and result.new_bytes == {}, report(result)


def test_export_refuses_an_invalid_dataset_with_its_location(datasets_copy: Path) -> None:
    path = datasets_copy / "strikes.csv"
    path.write_text(path.read_text(encoding="utf-8") + "1999,1,1\n", encoding="utf-8")
    with pytest.raises(DatasetError, match=r"strikes.csv, line \d+: \[row_length\]"):
        export(datasets_copy.parent / "x.xlsx", datasets_copy)
    assert not (datasets_copy.parent / "x.xlsx").exists()


def test_export_refuses_a_text_longer_than_a_cell(datasets_copy: Path) -> None:
    path = datasets_copy / "strikes.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    lines[3] = lines[3].rsplit(",", 1)[0] + "," + "x" * 32_768
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(DatasetError, match=r"strikes.csv, line 4, column 'note': \[cell_length\]"):
        export(datasets_copy.parent / "x.xlsx", datasets_copy)


@pytest.mark.parametrize("target", ["strikes.csv", "new.xlsx", "sub/new.xlsx"])
def test_export_never_writes_into_the_curated_data(datasets_copy: Path, target: str) -> None:
    before = (datasets_copy / "strikes.csv").read_bytes()
    with pytest.raises(WorkbookError, match="curated data"):
        export(datasets_copy / target, datasets_copy)
    assert (datasets_copy / "strikes.csv").read_bytes() == before


def test_export_refuses_the_project_datasets_folder_from_the_cli(capsys) -> None:
    from analysis.core.paths import DATASETS

    before = (DATASETS / "strikes.csv").read_bytes()
    assert cli.main(["workbook", "export", "--out", str(DATASETS / "strikes.csv")]) == 2
    assert "curated data" in capsys.readouterr().err
    assert (DATASETS / "strikes.csv").read_bytes() == before


def test_export_refuses_targets_of_the_wrong_kind(tmp_path: Path, datasets_copy: Path) -> None:
    text = tmp_path / "notes.xlsx"
    text.write_text("my notes", encoding="utf-8")
    with pytest.raises(WorkbookError, match="not a workbook"):
        export(text, datasets_copy)
    assert text.read_text(encoding="utf-8") == "my notes"
    with pytest.raises(WorkbookError, match="must end in .xlsx"):
        export(tmp_path / "book.csv", datasets_copy)
    (tmp_path / "dir.xlsx").mkdir()
    with pytest.raises(WorkbookError, match="not a regular file"):
        export(tmp_path / "dir.xlsx", datasets_copy)


def _save(wb, path: Path) -> Path:
    wb.save(path)
    return path


def test_formula_cells_are_refused_with_or_without_a_cached_value(book, datasets_copy) -> None:
    wb = load_workbook(book)
    ws = wb["strikes"]
    row = _strike_row(ws, 1967)
    ws.cell(row, 2).value = "=1000+114"
    edited = _save(wb, datasets_copy.parent / "formula.xlsx")
    result = import_workbook(edited, datasets_copy)
    assert not result.ok
    assert f"sheet 'strikes', line {row}, column 'strikes': [formula] cell B{row}" in report(
        result
    )
    # The same formula with a cached result, as Excel saves it.
    data = edited.read_bytes()
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            body = src.read(info.filename)
            if info.filename.endswith(".xml"):
                body = re.sub(
                    rb"<f>1000\+114</f><v\s*/>|<f>1000\+114</f><v></v>",
                    b"<f>1000+114</f><v>1114</v>",
                    body,
                )
            dst.writestr(info.filename, body)
    assert b"<v>1114</v>" in zipfile.ZipFile(io.BytesIO(out.getvalue())).read(
        next(
            n
            for n in src.namelist()
            if "sheet" in n and n.endswith(".xml") and b"1000+114" in src.read(n)
        )
    )
    cached = datasets_copy.parent / "cached.xlsx"
    cached.write_bytes(out.getvalue())
    result = import_workbook(cached, datasets_copy)
    assert not result.ok and "[formula]" in report(result)
    with pytest.raises(ValueError, match="nothing was written"):
        write_changes(result, datasets_copy)


def test_merged_cells_are_refused(book, datasets_copy) -> None:
    wb = load_workbook(book)
    wb["strikes"].merge_cells("G2:G4")
    result = import_workbook(_save(wb, datasets_copy.parent / "m.xlsx"), datasets_copy)
    assert not result.ok and "sheet 'strikes', line 2: [merged_cells] cells G2:G4" in report(
        result
    )


def test_a_value_without_a_header_is_reported(book, datasets_copy) -> None:
    wb = load_workbook(book)
    ws = wb["strikes"]
    ws.cell(5, ws.max_column + 2).value = "a note typed beside the table"
    result = import_workbook(_save(wb, datasets_copy.parent / "u.xlsx"), datasets_copy)
    assert not result.ok and "[unnamed_column]" in report(result)


def test_too_long_a_cell_is_refused(book, datasets_copy) -> None:
    wb = load_workbook(book)
    ws = wb["strikes"]
    ws.cell(2, _note_col(ws)).value = "y" * 32_767  # openpyxl itself cuts at the limit
    saved = _save(wb, datasets_copy.parent / "limit.xlsx")
    long = datasets_copy.parent / "long.xlsx"  # another program need not
    with zipfile.ZipFile(saved) as src, zipfile.ZipFile(long, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            body = src.read(info.filename).replace(b"y" * 32_767, b"y" * 40_000)
            dst.writestr(info.filename, body)
    result = import_workbook(long, datasets_copy)
    assert not result.ok and "[cell_length]" in report(result)


def test_size_and_compression_limits(book, datasets_copy, monkeypatch) -> None:
    bomb = datasets_copy.parent / "bomb.xlsx"
    with zipfile.ZipFile(book) as src, zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            dst.writestr(info.filename, src.read(info.filename))
        dst.writestr("xl/padding.bin", b"\0" * (8 * 2**20))
    with pytest.raises(WorkbookError, match="compressed .* to 1"):
        import_workbook(bomb, datasets_copy)
    monkeypatch.setattr(wbmod, "MAX_FILE_BYTES", 1000)
    with pytest.raises(WorkbookError, match="at most 1,000"):
        import_workbook(book, datasets_copy)


def _truncated(book: Path, tmp: Path) -> Path:
    out = tmp / "truncated.xlsx"
    out.write_bytes(book.read_bytes()[:-300])
    return out


@pytest.mark.parametrize(
    "make,expected",
    [
        pytest.param(lambda b, t: t / "missing.xlsx", "no such file", id="missing"),
        pytest.param(lambda b, t: t, "not a regular file", id="directory"),
        pytest.param(lambda b, t: _write(t / "empty.xlsx", b""), "is empty", id="empty"),
        pytest.param(lambda b, t: _write(t / "old.xls", b"\xd0\xcf\x11\xe0"), "97-2003", id="xls"),
        pytest.param(lambda b, t: _write(t / "data.csv", b"a,b\n"), "CSV file", id="csv"),
        pytest.param(lambda b, t: _write(t / "text.xlsx", b"hello"), "not a zip", id="non-zip"),
        pytest.param(_truncated, "not a zip|damaged|truncated", id="truncated"),
        pytest.param(
            lambda b, t: _zip(t / "other.xlsx", {"hello.txt": b"hi"}),
            "cannot be read as a workbook",
            id="zip-not-xlsx",
        ),
    ],
)
def test_files_that_are_not_workbooks_are_one_clear_error(
    book, datasets_copy, make, expected, capsys
) -> None:
    target = make(book, datasets_copy.parent)
    with pytest.raises(WorkbookError, match=expected):
        import_workbook(target, datasets_copy)
    assert cli.main(["workbook", "import", str(target)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: ") and "Traceback" not in err


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def _zip(path: Path, members: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w") as z:
        for name, data in members.items():
            z.writestr(name, data)
    return path


def test_no_changes_and_write_hint_never_together(book, datasets_copy, capsys, monkeypatch):
    import analysis.outputs.workbook as w

    monkeypatch.setattr(w, "DATASETS", datasets_copy)
    real = w.import_workbook
    monkeypatch.setattr(w, "import_workbook", lambda path: real(path, datasets_copy))
    assert cli.main(["workbook", "import", str(book)]) == 0
    out = capsys.readouterr().out
    assert "No changes" in out and "--write" not in out
    wb = load_workbook(book)
    wb["strikes"].cell(_strike_row(wb["strikes"], 1967), 2).value = 1114
    edited = _save(wb, datasets_copy.parent / "e.xlsx")
    assert cli.main(["workbook", "import", str(edited)]) == 0
    out = capsys.readouterr().out
    assert "--write" in out and "No changes" not in out


def test_a_removed_row_is_a_change_never_no_changes(book, datasets_copy) -> None:
    wb = load_workbook(book)
    for row in wb["strikes"].iter_rows():
        for cell in row:
            cell.hyperlink = None  # openpyxl would leave them behind on the emptied last row
    wb["strikes"].delete_rows(3)
    result = import_workbook(_save(wb, datasets_copy.parent / "d.xlsx"), datasets_copy)
    assert result.ok and "strikes" in result.new_bytes
    assert "1 removed" in report(result) and "No changes" not in report(result)


def test_write_validates_the_staged_set_as_a_whole(book, datasets_copy) -> None:
    """A workbook whose sheets are each fine can still break a rule across files: nothing is written."""
    wb = load_workbook(book)
    src = wb["sources"]
    cited = wb["strikes"]["F2"].value
    victim = next(r for r in range(2, src.max_row + 1) if src.cell(r, 1).value == cited)
    result = import_workbook(_save(wb, datasets_copy.parent / "ok.xlsx"), datasets_copy)
    assert result.ok
    # Simulate a sources sheet that dropped a cited source after the check of the sheets.
    src.delete_rows(victim)
    dropped = import_workbook(_save(wb, datasets_copy.parent / "drop.xlsx"), datasets_copy)
    dropped.violations.clear()  # as if the per-sheet check had missed it
    before = {p.name: p.read_bytes() for p in datasets_copy.glob("*.csv")}
    with pytest.raises(DatasetError, match="foreign_key"):
        write_changes(dropped, datasets_copy)
    assert {p.name: p.read_bytes() for p in datasets_copy.glob("*.csv")} == before
    assert not [p for p in datasets_copy.iterdir() if p.name.startswith(".")]


def test_write_replaces_several_files_together(book, datasets_copy) -> None:
    wb = load_workbook(book)
    wb["strikes"].cell(_strike_row(wb["strikes"], 1967), 2).value = 1114
    ws = wb["sources"]
    ws.cell(
        2, next(c for c in range(1, ws.max_column + 1) if ws.cell(1, c).value == "locator")
    ).value = "p. 1"
    result = import_workbook(_save(wb, datasets_copy.parent / "two.xlsx"), datasets_copy)
    assert result.ok and set(result.new_bytes) == {"strikes", "sources"}
    written = write_changes(result, datasets_copy)
    assert {p.name for p in written} == {"strikes.csv", "sources.csv"}
    assert not any(validate_all(datasets_copy).values())
    assert (
        import_workbook(_save(wb, datasets_copy.parent / "again.xlsx"), datasets_copy).new_bytes
        == {}
    )
