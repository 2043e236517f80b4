"""The two editions of the notebooks cannot drift apart: same code, one line of language apart."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from analysis.outputs.notebooks import LANG_LINE, edition_pairs

PAIRS = edition_pairs()


def _cells(path: Path, kind: str) -> list[str]:
    nb = json.loads(path.read_text(encoding="utf-8"))
    return ["".join(c["source"]) for c in nb["cells"] if c["cell_type"] == kind]


@pytest.mark.parametrize("pair", PAIRS, ids=lambda p: p[0].stem)
def test_every_notebook_has_a_spanish_edition_with_the_same_code(pair) -> None:
    english, spanish = pair
    assert spanish is not None, f"{english.name} has no Spanish edition in notebooks/es/"
    en, es = _cells(english, "code"), _cells(spanish, "code")
    assert LANG_LINE.format(lang="en") in en[0], "the setup cell sets LANG"
    assert LANG_LINE.format(lang="es") in es[0]
    swapped = [c.replace(LANG_LINE.format(lang="es"), LANG_LINE.format(lang="en")) for c in es]
    assert swapped == en, "code cells differ between the editions"


@pytest.mark.parametrize("pair", PAIRS, ids=lambda p: p[0].stem)
def test_one_short_setup_cell_and_questions_for_class(pair) -> None:
    english, spanish = pair
    for path, heading in ((english, "For class"), (spanish, "Para la clase")):
        if path is None:
            continue
        code = _cells(path, "code")
        setup = [line for line in code[0].splitlines() if line.strip()]
        assert len(setup) <= 5, (path.name, "setup cell", setup)
        assert all("import" not in c for c in code[1:]), (path.name, "imports after the setup")
        assert any(f"## {heading}" in m for m in _cells(path, "markdown")), (path.name, heading)
