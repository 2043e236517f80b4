"""The bibliography exports: one entry per source, stable output, escaped BibTeX, parseable files."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from analysis.core.paths import DATASETS, ROOT
from analysis.outputs.bibliography import (
    author_of,
    bibtex_escape,
    read_sources,
    to_bibtex,
    to_csl_json,
    write_bibliography,
)

FIELDS = [
    "source_id",
    "citation",
    "attribution",
    "locator",
    "url",
    "kind",
    "producer",
    "date_published",
    "date_accessed",
    "licence",
    "derived_from",
]


def _row(**values: str) -> dict[str, str]:
    row = dict.fromkeys(FIELDS, "")
    row.update(values)
    return row


TRICKY = [
    _row(
        source_id="zeta_2001",
        citation="Pérez, Ana & José (2001), 'Costs {and} benefits: 100% of 50$ #1_a^b~c\\d'",
        attribution="Pérez & José (2001)",
        locator="Table 3_b, p. 12 {note}",
        url="https://example.org/a_b?x=1&y=%C3%A9",
        kind="scholarly",
        date_published="2001-05",
        date_accessed="2026-11-25",
        licence="CC BY 4.0",
    ),
    _row(
        source_id="alpha",
        citation='Wikipedia contributors, "Tanquetazo" (English Wikipedia)',
        attribution="Wikipedia (en)",
        locator="lead",
        url="https://en.wikipedia.org/wiki/Tanquetazo",
        kind="encyclopedia",
        licence="CC BY-SA 4.0",
        derived_from="zeta_2001;beta",
    ),
    _row(
        source_id="beta", citation="Untitled note", attribution="Beta", locator="x", kind="press"
    ),
]


def _entry_keys(bib: str) -> list[str]:
    return re.findall(r"^@\w+\{([a-z0-9_]+),$", bib, flags=re.MULTILINE)


def _braces_balance(text: str) -> bool:
    """Crude check: unescaped braces never close more than they opened, and all close."""
    depth = 0
    for match in re.finditer(r"\\.|[{}]", text):
        token = match.group(0)
        if token == "{":
            depth += 1
        elif token == "}":
            depth -= 1
            if depth < 0:
                return False
    return depth == 0


@pytest.fixture(scope="module")
def real_rows() -> list[dict[str, str]]:
    return read_sources(DATASETS / "sources.csv")


def test_every_source_once_in_each_output(real_rows: list[dict[str, str]]) -> None:
    ids = sorted(r["source_id"] for r in real_rows)
    keys = _entry_keys(to_bibtex(real_rows))
    assert keys == ids
    items = json.loads(to_csl_json(real_rows))
    assert [item["id"] for item in items] == ids


def test_output_is_deterministic_and_sorted() -> None:
    shuffled = [TRICKY[2], TRICKY[0], TRICKY[1]]
    assert to_bibtex(TRICKY) == to_bibtex(shuffled) == to_bibtex(list(reversed(TRICKY)))
    assert to_csl_json(TRICKY) == to_csl_json(shuffled)
    assert _entry_keys(to_bibtex(TRICKY)) == ["alpha", "beta", "zeta_2001"]
    for text in (to_bibtex(TRICKY), to_csl_json(TRICKY)):
        assert text.endswith("\n") and not text.endswith("\n\n")


def test_special_characters_are_escaped() -> None:
    bib = to_bibtex(TRICKY)
    assert r"Pérez \& José (2001)" in bib
    assert r"100\% of 50\$ \#1\_a\^{}b\~{}c\textbackslash{}d" in bib
    assert r"Costs \{and\} benefits" in bib
    assert r"Table 3\_b, p. 12 \{note\}" in bib
    # The URL keeps its own characters (a URL field is read verbatim).
    assert "url = {https://example.org/a_b?x=1&y=%C3%A9}" in bib
    assert bibtex_escape("{}") == r"\{\}"


def test_files_parse(tmp_path: Path, real_rows: list[dict[str, str]]) -> None:
    shutil.copy(DATASETS / "sources.csv", tmp_path / "sources.csv")
    written = write_bibliography(tmp_path)
    assert [p.name for p in written] == ["sources.bib", "sources.csl.json"]
    bib = written[0].read_text(encoding="utf-8")
    assert _braces_balance(bib)
    assert _braces_balance(to_bibtex(TRICKY))
    items = json.loads(written[1].read_text(encoding="utf-8"))
    assert len(items) == len(real_rows)
    # Writing again changes nothing.
    before = [p.read_bytes() for p in written]
    assert [p.read_bytes() for p in write_bibliography(tmp_path)] == before


def test_csl_items_carry_dates_url_and_locator() -> None:
    items = {item["id"]: item for item in json.loads(to_csl_json(TRICKY))}
    zeta = items["zeta_2001"]
    assert zeta["issued"] == {"date-parts": [[2001, 5]]}
    assert zeta["accessed"] == {"date-parts": [[2026, 11, 25]]}
    assert zeta["URL"] == "https://example.org/a_b?x=1&y=%C3%A9"
    assert "Locator: Table 3_b, p. 12 {note}" in zeta["note"]
    assert zeta["author"] == [{"literal": "Pérez, Ana & José"}]
    assert zeta["license"] == "CC BY 4.0"
    assert items["alpha"]["type"] == "entry-encyclopedia"
    assert "author" not in items["alpha"] and "issued" not in items["alpha"]
    assert "Derived from: zeta_2001, beta" in items["alpha"]["note"]


def test_repeated_source_id_is_refused() -> None:
    with pytest.raises(ValueError, match="more than once"):
        to_bibtex([TRICKY[0], TRICKY[0]])


@pytest.mark.parametrize(
    ("citation", "author"),
    [
        ("Edwards, Sebastian (1985), Stabilization with Liberalization", "Edwards, Sebastian"),
        ("Hudson, Rex A. (ed.) (1994), Chile: A Country Study", "Hudson, Rex A."),
        ("Associated Press (11 March 1990), 'Key Events'", "Associated Press"),
        ('O\'Dwyer, Darragh (2023), "Chile 1973"', "O'Dwyer, Darragh"),
        ("SBIF, Cronologia bancaria, quoting Behrens, R. (1985), Los bancos", ""),
        ("Wikipedia (English), 'Tanquetazo'", ""),
        ("Chile: Selected Economic and Social Data (c. 1998), compilation", ""),
    ],
)
def test_author_only_from_a_plain_opening(citation: str, author: str) -> None:
    assert author_of(citation) == author


def test_import_is_light() -> None:
    code = "import sys, analysis.outputs.bibliography; print('pandas' in sys.modules)"
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert out.stdout.strip() == "False"
