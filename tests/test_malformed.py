"""Malformed input, table by table: each case is refused with its rule and its place, never coerced.

Every row of ``CSV_CASES`` is one edit a careless or hostile curator could make to a CSV; the test
writes it into a scratch copy of the data package and expects ``validate`` (and ``load``) to report
exactly that rule at that line and column.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from analysis import cli
from analysis.data.datasets import DatasetError, load, validate
from analysis.data.schema import DescriptorError

HEADER = "year,strikes,workers_involved,person_days_lost,coverage,source_id,note\n"
GOOD = "1969,1277,362010,1178706,labour disputes,ilo,\n"
INFLATION = "period,measure,inflation_pct,source_id,note\n"

# (id, dataset, file text, rule, line, column)
CSV_CASES = [
    ("fullwidth-digits", "strikes", HEADER + "１９６９,1,1,1,x,ilo,\n", "type", 2, "year"),
    ("devanagari-digits", "strikes", HEADER + "1969,१२,1,1,x,ilo,\n", "type", 2, "strikes"),
    (
        "arabic-indic-digits",
        "strikes",
        HEADER + "1969,1,١٢,1,x,ilo,\n",
        "type",
        2,
        "workers_involved",
    ),
    ("plus-sign-integer", "strikes", HEADER + "1969,+0006,1,1,x,ilo,\n", "type", 2, "strikes"),
    ("leading-zero-integer", "strikes", HEADER + "01969,1,1,1,x,ilo,\n", "type", 2, "year"),
    ("decimal-in-integer", "strikes", HEADER + "1969,6.0,1,1,x,ilo,\n", "type", 2, "strikes"),
    (
        "twenty-digit-integer",
        "strikes",
        HEADER + "1969,12345678901234567890,1,1,x,ilo,\n",
        "type",
        2,
        "strikes",
    ),
    ("below-minimum", "strikes", HEADER + "1969,-1,1,1,x,ilo,\n", "minimum", 2, "strikes"),
    ("above-maximum", "strikes", HEADER + "2969,1,1,1,x,ilo,\n", "maximum", 2, "year"),
    (
        "nul-in-text",
        "strikes",
        HEADER + "1969,1,1,1,x\x00y,ilo,\n",
        "control_character",
        2,
        "coverage",
    ),
    (
        "escape-in-note",
        "strikes",
        HEADER + "1969,1,1,1,x,ilo,a\x1bb\n",
        "control_character",
        2,
        "note",
    ),
    (
        "tab-in-text",
        "strikes",
        HEADER + "1969,1,1,1,x\ty,ilo,\n",
        "control_character",
        2,
        "coverage",
    ),
    ("trailing-space", "strikes", HEADER + "1969,1,1,1,x ,ilo,\n", "whitespace", 2, "coverage"),
    ("required-blank", "strikes", HEADER + "1969,1,1,1,,ilo,\n", "required", 2, "coverage"),
    (
        "unknown-source",
        "strikes",
        HEADER + "1969,1,1,1,x,nobody,\n",
        "foreign_key",
        2,
        "source_id",
    ),
    ("duplicate-key", "strikes", HEADER + GOOD + GOOD, "primary_key", 3, "year,source_id"),
    ("ragged-row", "strikes", HEADER + "1969,1,1,1,x,ilo\n", "row_length", 2, None),
    ("blank-line", "strikes", HEADER + GOOD + "\n" + "1970,1,1,1,x,ilo,\n", "blank_line", 3, None),
    ("csv-syntax", "strikes", HEADER + '1969,1,1,1,"x"y,ilo,\n', "csv_syntax", 2, None),
    (
        "swapped-columns",
        "strikes",
        "year,workers_involved,strikes,person_days_lost,coverage,source_id,note\n" + GOOD,
        "column_order",
        1,
        "workers_involved",
    ),
    (
        "duplicate-column",
        "strikes",
        "year,strikes,strikes,workers_involved,person_days_lost,coverage,source_id,note\n",
        "duplicate_column",
        1,
        "strikes",
    ),
    ("missing-column", "strikes", "year,strikes\n1969,1\n", "missing_column", 1, "coverage"),
    (
        "unknown-column",
        "strikes",
        HEADER.strip() + ",extra\n" + GOOD.strip() + ",1\n",
        "unknown_column",
        1,
        "extra",
    ),
    ("bom", "strikes", "\ufeff" + HEADER + GOOD, "encoding", 1, None),
    ("empty", "strikes", "", "empty_file", None, None),
    (
        "infinite-number",
        "inflation",
        INFLATION + "1972,annual_average,1e999,ilo,\n",
        "type",
        2,
        "inflation_pct",
    ),
    (
        "nan-number",
        "inflation",
        INFLATION + "1972,annual_average,nan,ilo,\n",
        "type",
        2,
        "inflation_pct",
    ),
    (
        "dot-without-digits",
        "inflation",
        INFLATION + "1972,annual_average,36.,ilo,\n",
        "type",
        2,
        "inflation_pct",
    ),
    (
        "plus-number",
        "inflation",
        INFLATION + "1972,annual_average,+36.5,ilo,\n",
        "type",
        2,
        "inflation_pct",
    ),
    (
        "comma-decimal",
        "inflation",
        INFLATION + '1972,annual_average,"36,5",ilo,\n',
        "type",
        2,
        "inflation_pct",
    ),
    (
        "fullwidth-number",
        "inflation",
        INFLATION + "1972,annual_average,３６,ilo,\n",
        "type",
        2,
        "inflation_pct",
    ),
    (
        "unicode-digits-pattern",
        "inflation",
        INFLATION + "１９72,annual_average,36.5,ilo,\n",
        "pattern",
        2,
        "period",
    ),
    ("enum", "inflation", INFLATION + "1972,yearly,36.5,ilo,\n", "enum", 2, "measure"),
]


@pytest.mark.parametrize(
    "dataset,text,rule,line,column",
    [pytest.param(*case[1:], id=case[0]) for case in CSV_CASES],
)
def test_malformed_csv_is_refused_with_rule_and_place(
    scratch: Path, dataset: str, text: str, rule: str, line: int | None, column: str | None
) -> None:
    (scratch / f"{dataset}.csv").write_bytes(text.encode("utf-8"))
    found = [(v.rule, v.line, v.column) for v in validate(dataset, scratch)]
    assert (rule, line, column) in found, found
    with pytest.raises(DatasetError) as err:  # load() and validate() agree
        load(dataset, scratch)
    assert any(v.rule == rule for v in err.value.violations)


def test_date_lexical_form_and_calendar(scratch: Path) -> None:
    head = "date,election,registered,votes_cast,valid_votes,blank_null,source_id,note\n"
    for bad in ("1970-9-04", "１９70-09-04", "1970-02-30", "04/09/1970"):
        (scratch / "election_totals.csv").write_text(
            head + f"{bad},presidential,1,1,1,0,ilo,\n", encoding="utf-8"
        )
        assert [v.rule for v in validate("election_totals", scratch)] == ["type"], bad


def test_maxlength(scratch: Path) -> None:
    rows = (scratch / "sources.csv").read_text(encoding="utf-8").splitlines()
    header = rows[0].split(",")
    cells = rows[1].split(",")
    cells[header.index("attribution")] = "x" * 71
    (scratch / "sources.csv").write_text("\n".join([rows[0], ",".join(cells), *rows[2:]]) + "\n")
    assert "maxLength" in [v.rule for v in validate("sources", scratch)]


# --------------------------------------------------------------------------------------------
# The descriptor
# --------------------------------------------------------------------------------------------


def _edit_descriptor(scratch: Path, edit) -> None:
    path = scratch / "datapackage.json"
    raw = json.loads(path.read_text(encoding="utf-8"))
    edit(raw)
    path.write_text(json.dumps(raw), encoding="utf-8")


def _strikes(raw: dict) -> dict:
    return next(r for r in raw["resources"] if r["name"] == "strikes")


@pytest.mark.parametrize(
    "edit,expected",
    [
        pytest.param(lambda raw: _strikes(raw).pop("schema"), "has no 'schema'", id="no-schema"),
        pytest.param(
            lambda raw: _strikes(raw)["schema"]["fields"][1].update(type="float"),
            "unknown type 'float'",
            id="unknown-type",
        ),
        pytest.param(lambda raw: raw.update(resources={}), "'resources' must be", id="no-list"),
        pytest.param(
            lambda raw: _strikes(raw)["schema"].update(primaryKey=["nope"]),
            "primaryKey names 'nope'",
            id="bad-primary-key",
        ),
    ],
)
def test_unusable_descriptor_is_one_clear_error(scratch: Path, edit, expected, capsys) -> None:
    _edit_descriptor(scratch, edit)
    with pytest.raises(DescriptorError, match=expected):
        validate("strikes", scratch)


@pytest.mark.parametrize("text", ["{", "", "[]", "null", "\xff\xfe"], ids=repr)
def test_descriptor_that_is_not_json_is_one_clear_error(scratch: Path, text: str) -> None:
    (scratch / "datapackage.json").write_bytes(text.encode("latin-1"))
    with pytest.raises(DescriptorError, match="datapackage.json"):
        validate("strikes", scratch)


def test_cli_reports_a_broken_descriptor_without_a_traceback(monkeypatch, tmp_path, capsys):
    from analysis.core import paths

    broken = tmp_path / "datasets"
    broken.mkdir()
    (broken / "datapackage.json").write_text("{ not json", encoding="utf-8")
    monkeypatch.setattr(paths, "DATASETS", broken)
    import analysis.data.datasets as ds

    monkeypatch.setattr(ds, "DATASETS", broken)
    assert cli.main(["validate"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: datapackage.json is not a usable data package")
    assert "Traceback" not in err


@pytest.mark.parametrize(
    "path,problem",
    [("/etc/passwd", "absolute"), ("../strikes.csv", "climbs"), ("link.csv", "symbolic link")],
)
def test_descriptor_paths_stay_inside_datasets(scratch: Path, path: str, problem: str) -> None:
    outside = scratch.parent / "outside.csv"
    outside.write_text(HEADER + GOOD, encoding="utf-8")
    (scratch / "link.csv").symlink_to(outside)
    _edit_descriptor(scratch, lambda raw: _strikes(raw).update(path=path))
    found = validate("strikes", scratch)
    assert [v.rule for v in found] == ["path"] and problem in found[0].message
    with pytest.raises(DatasetError, match=problem):
        load("strikes", scratch)


def test_a_fifo_is_refused_not_read(scratch: Path) -> None:
    (scratch / "strikes.csv").unlink()
    os.mkfifo(scratch / "strikes.csv")  # reading it would block for ever
    assert [v.rule for v in validate("strikes", scratch)] == ["not_a_file"]


def test_a_directory_is_refused(scratch: Path) -> None:
    (scratch / "strikes.csv").unlink()
    (scratch / "strikes.csv").mkdir()
    assert [v.rule for v in validate("strikes", scratch)] == ["not_a_file"]


# --------------------------------------------------------------------------------------------
# load()'s cache sees every input
# --------------------------------------------------------------------------------------------


def test_load_sees_a_tightened_rule(scratch: Path) -> None:
    assert len(load("strikes", scratch)) == 2
    _edit_descriptor(
        scratch,
        lambda raw: _strikes(raw)["schema"]["fields"][1]["constraints"].update(maximum=1000),
    )
    assert {v.rule for v in validate("strikes", scratch)} == {"maximum"}
    with pytest.raises(DatasetError, match="maximum"):
        load("strikes", scratch)


def test_load_sees_an_edit_that_keeps_size_and_time(scratch: Path) -> None:
    path = scratch / "strikes.csv"
    assert load("strikes", scratch)["strikes"].tolist() == [1277, 1819]
    st = path.stat()
    path.write_bytes(path.read_bytes().replace(b",1277,", b",1278,"))
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns))
    assert path.stat().st_size == st.st_size and path.stat().st_mtime_ns == st.st_mtime_ns
    assert load("strikes", scratch)["strikes"].tolist() == [1278, 1819]


def test_load_sees_a_change_in_the_sources(scratch: Path) -> None:
    load("strikes", scratch)
    sources = scratch / "sources.csv"
    sources.write_text(
        "\n".join(
            line for line in sources.read_text(encoding="utf-8").splitlines() if ",ILO" not in line
        )
        + "\n",
        encoding="utf-8",
    )
    with pytest.raises(DatasetError, match="foreign_key"):
        load("strikes", scratch)


def test_min_length(scratch: Path) -> None:
    _edit_descriptor(
        scratch,
        lambda raw: _strikes(raw)["schema"]["fields"][4]["constraints"].update(minLength=50),
    )
    assert {v.rule for v in validate("strikes", scratch)} == {"minLength"}


def test_every_constraint_of_the_rule_table_has_a_case() -> None:
    """Each constraint the validator knows is exercised by a case in this file."""
    from analysis.data.rules import CONSTRAINTS

    tested = {case[3] for case in CSV_CASES} | {"maxLength", "minLength"}
    assert set(CONSTRAINTS) <= tested, set(CONSTRAINTS) - tested


def test_an_unreadable_file_is_one_violation(scratch: Path, monkeypatch) -> None:
    real = Path.read_bytes

    def refused(self: Path) -> bytes:
        if self.name == "strikes.csv":
            raise PermissionError(13, "Permission denied", str(self))
        return real(self)

    monkeypatch.setattr(Path, "read_bytes", refused)
    assert [v.rule for v in validate("strikes", scratch)] == ["unreadable"]
