"""The Excel workbook: typed, formatted, linked, deterministic; edits come back checked."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from analysis.data.schema import package
from analysis.outputs.workbook import (
    csv_bytes,
    export,
    export_bytes,
    import_workbook,
    report,
    write_changes,
)


@pytest.fixture(scope="module")
def book(tmp_path_factory) -> Path:
    return export(tmp_path_factory.mktemp("wb") / "book.xlsx")


def test_sheets_types_formats_and_links(book: Path) -> None:
    wb = load_workbook(book)
    assert wb.sheetnames[0] == "README" and wb.sheetnames[-1] == "sources"
    assert {"strikes", "elections", "inflation", "external_debt", "events", "claims"} <= set(
        wb.sheetnames
    )
    ws = wb["strikes"]
    assert ws.freeze_panes == "A2"
    assert ws.auto_filter.ref.startswith("A1:")
    assert ws["A1"].font.bold and ws["A1"].value == "year [year]"
    assert ws["B1"].value == "strikes [strikes]"
    assert isinstance(ws["A2"].value, int) and isinstance(ws["B2"].value, int)
    assert ws["B2"].number_format == "#,##0"
    link = ws["F2"].hyperlink
    sources = wb["sources"]
    target_row = int(link.location.split("!A")[1])
    assert sources.cell(row=target_row, column=1).value == ws["F2"].value
    dates = wb["elections"]["A2"].value
    assert isinstance(dates, (date, datetime))
    assert wb["elections"]["A2"].number_format == "yyyy-mm-dd"
    readme = [c.value for c in wb["README"]["A"] if c.value]
    assert any("Built from commit" in v for v in readme)
    assert any("CC BY 4.0" in v for v in readme)


def test_export_is_byte_identical() -> None:
    assert export_bytes(commit="abc") == export_bytes(commit="abc")


def test_round_trip_changes_nothing(book: Path) -> None:
    result = import_workbook(book)
    assert result.ok, report(result)
    assert result.new_bytes == {}
    assert all(c.empty for c in result.changes.values())
    assert "No changes" in report(result)


def test_a_user_edit_shows_as_a_diff_and_is_written(book: Path, datasets_copy: Path) -> None:
    wb = load_workbook(book)
    ws = wb["strikes"]
    row = next(r for r in range(2, ws.max_row + 1) if ws.cell(r, 1).value == 1967)
    ws.cell(row, 2).value = 1114
    edited = datasets_copy.parent / "edited.xlsx"
    wb.save(edited)
    result = import_workbook(edited, datasets_copy)
    assert result.ok
    change = result.changes["strikes"]
    assert change.changed == [(("1967", "clioinfra_labour_disputes"), "strikes", "114", "1114")]
    assert list(result.new_bytes) == ["strikes"]
    before = (datasets_copy / "strikes.csv").read_text(encoding="utf-8")
    write_changes(result, datasets_copy)
    after = (datasets_copy / "strikes.csv").read_text(encoding="utf-8")
    assert after == before.replace("1967,114,", "1967,1114,")


def test_bad_edits_are_reported_by_sheet_row_and_column(book: Path, tmp_path: Path) -> None:
    wb = load_workbook(book)
    wb["strikes"]["B3"].value = "many"
    src = wb["sources"]
    cited = wb["strikes"]["F2"].value
    victim = next(r for r in range(2, src.max_row + 1) if src.cell(r, 1).value == cited)
    src.delete_rows(victim)
    wb.create_sheet("scratch")
    wb["inflation"].cell(1, 6).value = "comment"
    edited = tmp_path / "bad.xlsx"
    wb.save(edited)
    result = import_workbook(edited)
    assert not result.ok
    text = report(result)
    assert "sheet 'strikes', line 3, column 'strikes': [type]" in text
    assert f"[foreign_key] '{cited}' is not a source_id" in text
    assert "sheet 'scratch' is not a dataset" in text
    assert "column 'comment': [unknown_column]" in text
    with pytest.raises(ValueError, match="nothing was written"):
        write_changes(result)


ELECTION_FIELDS = package().resource("elections").field_names
text = st.text(
    alphabet=st.sampled_from(list("abcxyz ÁÉÍÓÚáéíóúñÑü,;\"'-()0123456789=+@\n")), max_size=20
).map(str.strip)
names = st.sampled_from(
    [
        "Carlos Ibáñez del Campo",
        "Radomiro Tomic",
        "Salvador Allende",
        "Jorge Alessandri Rodríguez",
        "Other",
    ]
)


@st.composite
def election_rows(draw):
    n = draw(st.integers(min_value=0, max_value=12))
    rows = []
    for i in range(n):
        votes = draw(st.one_of(st.just(""), st.integers(0, 10**12).map(str)))
        share = draw(
            st.one_of(
                st.just(""),
                st.decimals(
                    min_value=0, max_value=100, places=draw(st.integers(0, 5)), allow_nan=False
                ).map(lambda d: format(d, "f")),
            )
        )
        rows.append(
            [
                f"19{draw(st.integers(30, 89))}-0{draw(st.integers(1, 9))}-1{draw(st.integers(0, 9))}",
                "presidential",
                f"{draw(names)} {i}",
                draw(text),
                votes,
                share,
                "",
                draw(st.sampled_from(["valid", "cast"])),
                "article",
                draw(text),
            ]
        )
    return rows


@settings(
    max_examples=10, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(rows=election_rows())
def test_round_trip_is_byte_identical_for_generated_data(datasets_copy: Path, rows) -> None:
    scratch = datasets_copy
    (scratch / "elections.csv").write_bytes(csv_bytes(ELECTION_FIELDS, rows))
    book = scratch.parent / f"{scratch.name}-generated.xlsx"
    export(book, scratch)
    result = import_workbook(book, scratch)
    # Every sheet comes back as the same bytes: no row, value or text (formula-like ones included)
    # is lost or changed on the way.
    assert result.ok and result.new_bytes == {}, report(result)
    assert result.changes["elections"].empty
    # The sheet holds typed values: integers as int, not text; text stays text.
    ws = load_workbook(book)["elections"]
    for r, row in enumerate(rows, start=2):
        if row[4]:
            assert ws.cell(r, 5).value == int(row[4])
        assert (ws.cell(r, 10).value or "") == row[9]
        assert ws.cell(r, 10).data_type != "f"
