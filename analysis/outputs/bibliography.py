"""The sources as a bibliography: BibTeX and CSL-JSON built from ``datasets/sources.csv``.

Each row of sources.csv becomes one entry whose key is the row's ``source_id``. The citation column
is free text in the producer's own form, so it is not parsed into journal, publisher or pages: the
entry's title is the short attribution, the full citation and the locator go into the note, and the
author is filled only when the citation opens in the form ``Author (date)``. Output is deterministic
(entries sorted by source_id, fields in a fixed order, trailing newline), so a rebuild with unchanged
sources leaves the files byte for byte the same.

Standard library only; nothing heavy is imported.
"""

from __future__ import annotations

import csv
import json
import re
from collections.abc import Iterable, Mapping
from pathlib import Path

from analysis.core.paths import DATASETS

__all__ = [
    "ENTRY_TYPES",
    "read_sources",
    "to_bibtex",
    "to_csl_json",
    "write_bibliography",
]

BIB_FILE = "sources.bib"
CSL_FILE = "sources.csl.json"

# kind -> (BibTeX entry type, CSL type, label for BibTeX howpublished / CSL genre).
# BibTeX's specific types (@book, @article, @techreport) need structured fields (publisher, journal,
# institution) that a free-text citation does not give reliably, so every kind stays @misc; the CSL
# type says only what the kind itself guarantees.
ENTRY_TYPES: dict[str, tuple[str, str, str]] = {
    "producer": ("misc", "document", "Publication of the producer"),
    "scholarly": ("misc", "document", "Scholarly work"),
    "contemporary": ("misc", "document", "Contemporary document"),
    "press": ("misc", "article-newspaper", "Press"),
    "encyclopedia": ("misc", "entry-encyclopedia", "Encyclopedia entry"),
    "partisan": ("misc", "document", "Partisan source"),
    "seed": ("misc", "document", "The article examined"),
}
_FALLBACK_TYPE = ("misc", "document", "Source")

_DATE = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")
_MONTHS = "January February March April May June July August September October November December"
# "Surname, Given (1985)", "Associated Press (11 March 1990)", "Hudson, Rex A. (ed.) (1994)",
# "Economic Development Institute of the World Bank (n.d., c. 1990)": the author before a date.
_WHEN = (
    r"\d{4}"
    r"|c\. \d{4}"
    r"|n\.d\.[^()]*"
    r"|(?:\d{1,2} )?(?:" + "|".join(_MONTHS.split()) + r") \d{4}"
)
_AUTHOR = re.compile(
    r"(?P<author>(?:[^()'\":]|(?<=\w)'(?=\w)){2,120}?)\s*(?:\(eds?\.\)\s*)?\((?:" + _WHEN + r")\)"
)
# Lower-case words allowed in a name ("Pim de Zwart", "Directorate of Intelligence"); any other
# lower-case word means the opening is a phrase, not a name ("SBIF, ... quoting Behrens, R.").
_PARTICLES = frozenset(
    [
        "de",
        "del",
        "la",
        "las",
        "los",
        "y",
        "e",
        "and",
        "of",
        "the",
        "van",
        "der",
        "von",
        "da",
        "do",
        "dos",
        "du",
        "le",
        "et",
        "al.",
        "jr.",
        "sr.",
    ]
)

_BIBTEX_ESCAPES = {
    "\\": r"\textbackslash{}",
    "{": r"\{",
    "}": r"\}",
    "&": r"\&",
    "%": r"\%",
    "$": r"\$",
    "#": r"\#",
    "_": r"\_",
    "^": r"\^{}",
    "~": r"\~{}",
}


def read_sources(path: Path) -> list[dict[str, str]]:
    """The rows of a sources.csv file as dicts (``csv.DictReader``, UTF-8)."""
    with path.open(encoding="utf-8", newline="") as handle:
        return [dict(row) for row in csv.DictReader(handle)]


def _sorted_rows(rows: Iterable[Mapping[str, str]]) -> list[Mapping[str, str]]:
    """The rows sorted by source_id; a missing or repeated id is an error (keys must be unique)."""
    out = sorted(rows, key=lambda r: r.get("source_id") or "")
    seen: set[str] = set()
    for row in out:
        sid = row.get("source_id") or ""
        if not sid:
            raise ValueError("a source row has no source_id")
        if sid in seen:
            raise ValueError(f"source_id {sid!r} appears more than once")
        seen.add(sid)
    return out


def _text(row: Mapping[str, str], name: str) -> str:
    """The stripped value of column ``name``, '' when absent (older files lack the new columns)."""
    return (row.get(name) or "").strip()


def _types(row: Mapping[str, str]) -> tuple[str, str, str]:
    return ENTRY_TYPES.get(_text(row, "kind"), _FALLBACK_TYPE)


def _date_parts(value: str) -> list[int] | None:
    """``[year]``, ``[year, month]`` or ``[year, month, day]`` from YYYY[-MM[-DD]]; None otherwise."""
    match = _DATE.fullmatch(value.strip())
    if not match:
        return None
    return [int(part) for part in match.groups() if part is not None]


def author_of(citation: str) -> str:
    """The author or corporate author when the citation opens with ``Name (date)``; else ''.

    >>> author_of("Edwards, Sebastian (1985), Stabilization with Liberalization")
    'Edwards, Sebastian'
    >>> author_of("Wikipedia (English), 'Tanquetazo'")
    ''
    """
    match = _AUTHOR.match(citation.strip())
    if not match:
        return ""
    author = match.group("author").strip(" ,;")
    if author.lower() == "anonymous":
        return ""
    for word in re.findall(r"[^\s,]+", author):
        if word[0].islower() and word.lower() not in _PARTICLES:
            return ""
    return author


def _note(row: Mapping[str, str]) -> str:
    """Full citation, locator and what the source derives from, as one sentence-per-part note."""
    parts = [_text(row, "citation").rstrip(". ")]
    if locator := _text(row, "locator"):
        parts.append(f"Locator: {locator}")
    if producer := _text(row, "producer"):
        parts.append(f"Numbers produced by: {producer}")
    if derived := _text(row, "derived_from"):
        parts.append(f"Derived from: {derived.replace(';', ', ')}")
    return ". ".join(p for p in parts if p) + "."


def bibtex_escape(text: str) -> str:
    """``text`` with BibTeX/LaTeX special characters escaped, so braces always balance."""
    return "".join(_BIBTEX_ESCAPES.get(ch, ch) for ch in text)


def _bibtex_url(url: str) -> str:
    """A URL for a BibTeX field: left as is except characters that would unbalance the braces."""
    return url.replace("\\", "%5C").replace("{", "%7B").replace("}", "%7D")


def _bibtex_entry(row: Mapping[str, str]) -> str:
    entry_type, _, label = _types(row)
    fields: list[tuple[str, str]] = []
    if author := author_of(_text(row, "citation")):
        # Double braces: the name is printed as given, not split into first and last names.
        fields.append(("author", "{" + bibtex_escape(author) + "}"))
    fields.append(("title", bibtex_escape(_text(row, "attribution") or _text(row, "source_id"))))
    published = _text(row, "date_published")
    if parts := _date_parts(published):
        fields.append(("year", str(parts[0])))
        fields.append(("date", published))
    fields.append(("howpublished", bibtex_escape(label)))
    if url := _text(row, "url"):
        fields.append(("url", _bibtex_url(url)))
    if (accessed := _text(row, "date_accessed")) and _date_parts(accessed):
        fields.append(("urldate", accessed))
    if licence := _text(row, "licence"):
        fields.append(("license", bibtex_escape(licence)))
    fields.append(("keywords", bibtex_escape(_text(row, "kind"))))
    fields.append(("note", bibtex_escape(_note(row))))
    body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields if value)
    return f"@{entry_type}{{{_text(row, 'source_id')},\n{body}\n}}\n"


def to_bibtex(rows: Iterable[Mapping[str, str]]) -> str:
    """A BibTeX database with one ``@misc`` entry per source, keyed by source_id, sorted by it."""
    header = "% Bibliography of the data package's sources, generated from sources.csv.\n"
    entries = [_bibtex_entry(row) for row in _sorted_rows(rows)]
    return header + "\n" + "\n".join(entries)


def _csl_item(row: Mapping[str, str]) -> dict[str, object]:
    _, csl_type, label = _types(row)
    item: dict[str, object] = {
        "id": _text(row, "source_id"),
        "type": csl_type,
        "title": _text(row, "attribution") or _text(row, "source_id"),
        "genre": label,
        "note": _note(row),
    }
    if author := author_of(_text(row, "citation")):
        item["author"] = [{"literal": author}]
    if parts := _date_parts(_text(row, "date_published")):
        item["issued"] = {"date-parts": [parts]}
    if url := _text(row, "url"):
        item["URL"] = url
    if parts := _date_parts(_text(row, "date_accessed")):
        item["accessed"] = {"date-parts": [parts]}
    if licence := _text(row, "licence"):
        item["license"] = licence
    return item


def to_csl_json(rows: Iterable[Mapping[str, str]]) -> str:
    """CSL-JSON (a list of items, one per source, sorted by id), as stable, indented text."""
    items = [_csl_item(row) for row in _sorted_rows(rows)]
    return json.dumps(items, indent=2, ensure_ascii=False, sort_keys=True) + "\n"


def bibliography_files(datasets_dir: Path | None = None) -> dict[str, bytes]:
    """``sources.bib`` and ``sources.csl.json`` as bytes, by file name, from ``sources.csv``."""
    folder = Path(datasets_dir) if datasets_dir is not None else DATASETS
    rows = read_sources(folder / "sources.csv")
    return {
        BIB_FILE: to_bibtex(rows).encode("utf-8"),
        CSL_FILE: to_csl_json(rows).encode("utf-8"),
    }


def write_bibliography(datasets_dir: Path | None = None) -> list[Path]:
    """Write ``sources.bib`` and ``sources.csl.json`` next to ``sources.csv``, atomically."""
    from analysis.core.fileio import write_atomic

    folder = Path(datasets_dir) if datasets_dir is not None else DATASETS
    out = []
    for name, data in bibliography_files(folder).items():
        write_atomic(folder / name, data)
        out.append(folder / name)
    return out
