"""Helpers shared by several test modules (not a test module itself)."""

from __future__ import annotations

import csv
from functools import cache
from pathlib import Path

from analysis import figures


@cache
def drawn(name: str, lang: str = "en"):
    """Figure ``name`` drawn once per language for the whole test run."""
    return getattr(figures, name)(lang=lang)


def rewrite(path: Path, change) -> None:
    """Apply ``change`` to every row of a CSV file, keeping its header and quoting; a row for which
    ``change`` returns None is dropped."""
    with path.open(newline="", encoding="utf-8") as fh:
        reader = csv.DictReader(fh)
        fields = list(reader.fieldnames or [])
        rows = [r for r in (change(dict(r)) for r in reader) if r is not None]
    with path.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, fieldnames=fields, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
