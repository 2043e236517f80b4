"""Each rule of the loader, broken on purpose in a small file."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from analysis import DatasetError, load
from analysis.data.datasets import validate

HEADER = "year,strikes,workers_involved,person_days_lost,coverage,source_id,note\n"


def write(folder: Path, text: str | bytes, name: str = "strikes.csv") -> None:
    path = folder / name
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")


def rules(folder: Path, name: str = "strikes") -> list[tuple[int | None, str | None, str]]:
    return [(v.line, v.column, v.rule) for v in validate(name, folder)]


def test_valid_file_loads_typed(scratch: Path) -> None:
    frame = load("strikes", scratch)
    assert list(frame["year"]) == [1969, 1970]
    assert frame["strikes"].dtype == "Int64"
    assert isinstance(frame["coverage"].dtype, pd.StringDtype)


def test_text_in_number_column(scratch: Path) -> None:
    write(scratch, HEADER + "1969,many,1,1,x,ilo,\n")
    assert rules(scratch) == [(2, "strikes", "type")]


def test_thousands_separator_is_not_coerced(scratch: Path) -> None:
    write(scratch, HEADER + '1969,"1,277",1,1,x,ilo,\n')
    assert rules(scratch) == [(2, "strikes", "type")]


def test_duplicated_key(scratch: Path) -> None:
    write(scratch, HEADER + "1969,1,1,1,x,ilo,\n1970,1,1,1,x,ilo,\n1969,2,2,2,x,ilo,\n")
    assert rules(scratch) == [(4, "year,source_id", "primary_key")]


def test_negative_count(scratch: Path) -> None:
    write(scratch, HEADER + "1969,-5,1,1,x,ilo,\n")
    assert rules(scratch) == [(2, "strikes", "minimum")]


def test_share_above_100(scratch: Path) -> None:
    write(
        scratch,
        "date,election,contender,alliance,votes,share_pct,seats,share_basis,source_id,note\n"
        "1970-09-04,presidential,Salvador Allende,Unidad Popular,1,140,,valid,ilo,\n",
        "elections.csv",
    )
    found = rules(scratch, "elections")
    assert (2, "share_pct", "maximum") in found
    assert (2, "share_pct", "share_sum") in found


def test_shares_of_one_election_sum_above_100(scratch: Path) -> None:
    write(
        scratch,
        "date,election,contender,alliance,votes,share_pct,seats,share_basis,source_id,note\n"
        "1970-09-04,presidential,A,X,,60,,valid,ilo,\n"
        "1970-09-04,presidential,B,Y,,45,,valid,ilo,\n"
        "1970-09-04,presidential,X,X,,60,,valid,ilo,alliance total\n",
        "elections.csv",
    )
    assert rules(scratch, "elections") == [(3, "share_pct", "share_sum")]


def test_dangling_source_id(scratch: Path) -> None:
    write(scratch, HEADER + "1969,1,1,1,x,nobody,\n")
    assert rules(scratch) == [(2, "source_id", "foreign_key")]


def test_missing_column(scratch: Path) -> None:
    write(scratch, "year,strikes,workers_involved,coverage,source_id,note\n1969,1,1,x,ilo,\n")
    assert rules(scratch) == [(1, "person_days_lost", "missing_column")]


def test_unknown_column_is_reported(scratch: Path) -> None:
    write(scratch, HEADER.strip() + ",extra\n1969,1,1,1,x,ilo,,y\n")
    assert rules(scratch) == [(1, "extra", "unknown_column")]


def test_empty_file(scratch: Path) -> None:
    write(scratch, "")
    assert rules(scratch) == [(None, None, "empty_file")]


def test_wrong_encoding(scratch: Path) -> None:
    write(scratch, (HEADER + "1969,1,1,1,huelgas en Valparaíso,ilo,\n").encode("latin-1"))
    assert rules(scratch) == [(2, None, "encoding")]


def test_byte_order_mark(scratch: Path) -> None:
    write(scratch, b"\xef\xbb\xbf" + HEADER.encode())
    assert rules(scratch) == [(1, None, "encoding")]


def test_ragged_row(scratch: Path) -> None:
    write(scratch, HEADER + "1969,1,1\n")
    assert rules(scratch) == [(2, None, "row_length")]


def test_required_and_whitespace(scratch: Path) -> None:
    write(scratch, HEADER + ",1,1,1, x,ilo,\n")
    assert rules(scratch) == [(2, "year", "required"), (2, "coverage", "whitespace")]


def test_bad_date_and_enum(scratch: Path) -> None:
    write(
        scratch,
        "date,election,contender,alliance,votes,share_pct,seats,share_basis,source_id,note\n"
        "04/09/1970,presidential,A,,,10,,valid,ilo,\n"
        "1970-09-04,mayor,A,,,10,,both,ilo,\n",
        "elections.csv",
    )
    assert rules(scratch, "elections") == [
        (2, "date", "type"),
        (3, "election", "enum"),
        (3, "share_basis", "enum"),
    ]


def test_every_violation_is_listed_in_one_error(scratch: Path) -> None:
    write(scratch, HEADER + "1969,x,1,1,x,ilo,\n1970,-1,1,1,x,nobody,\n")
    with pytest.raises(DatasetError) as info:
        load("strikes", scratch)
    err = info.value
    assert [v.rule for v in err.violations] == ["type", "minimum", "foreign_key"]
    text = str(err)
    assert "strikes.csv, line 2, column 'strikes': [type]" in text
    assert "strikes.csv, line 3, column 'source_id': [foreign_key]" in text


def test_missing_file(scratch: Path) -> None:
    (scratch / "strikes.csv").unlink()
    assert rules(scratch) == [(None, None, "missing_file")]


def test_unknown_dataset_name(scratch: Path) -> None:
    with pytest.raises(KeyError, match="known datasets"):
        load("strike", scratch)
