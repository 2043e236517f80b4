"""The rules a single cell can break, as a table: each constraint of the Table Schema and the test
that says, for a parsed value, whether it holds and what to tell the curator when it does not.

Type parsing (the exact lexical forms each type accepts) is in ``analysis.data.datasets``; this table
is applied to values that parsed.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from typing import Any

# constraint -> (does the value break it?, the message); each gets (value, raw text, bound, type)
Check = Callable[[Any, str, Any, str], bool]
Message = Callable[[Any, str, Any], str]


def _bound(bound: Any, ftype: str) -> Any:
    return date.fromisoformat(bound) if ftype == "date" else bound


CONSTRAINTS: dict[str, tuple[Check, Message]] = {
    "minimum": (
        lambda v, raw, b, ftype: v < _bound(b, ftype),
        lambda v, raw, b: f"{raw} is below the minimum {b}",
    ),
    "maximum": (
        lambda v, raw, b, ftype: v > _bound(b, ftype),
        lambda v, raw, b: f"{raw} is above the maximum {b}",
    ),
    "enum": (
        lambda v, raw, b, ftype: raw not in b,
        lambda v, raw, b: f"{raw!r} is not one of: {', '.join(map(str, b))}",
    ),
    # Patterns match ASCII digits only for \d: a fullwidth or Arabic-Indic digit is not a digit here.
    "pattern": (
        lambda v, raw, b, ftype: not re.fullmatch(b, raw, re.ASCII),
        lambda v, raw, b: f"{raw!r} does not match {b}",
    ),
    "maxLength": (
        lambda v, raw, b, ftype: len(raw) > b,
        lambda v, raw, b: f"{len(raw)} characters; at most {b}",
    ),
    "minLength": (
        lambda v, raw, b, ftype: len(raw) < b,
        lambda v, raw, b: f"{len(raw)} characters; at least {b}",
    ),
}


def broken(constraints: dict[str, Any], value: Any, raw: str, ftype: str) -> list[tuple[str, str]]:
    """(rule, message) for every constraint of a field that the parsed ``value`` breaks."""
    out = []
    for name, (fails, message) in CONSTRAINTS.items():
        if name in constraints and fails(value, raw, constraints[name], ftype):
            out.append((name, message(value, raw, constraints[name])))
    return out
