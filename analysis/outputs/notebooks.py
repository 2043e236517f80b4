"""Execute the notebooks in a fresh kernel and store their outputs (``make notebooks``).

nbval compares stored outputs with a fresh run, so after a change of data the notebooks are re-run
and saved with this module. Execution metadata (timings) is dropped so saved files stay stable.
"""

from __future__ import annotations

import time
from collections.abc import Iterable
from pathlib import Path

from analysis.core.fileio import write_atomic
from analysis.core.paths import NOTEBOOKS

# The two editions: English in notebooks/, Spanish in notebooks/es/, paired by their number.
EDITIONS = {"en": NOTEBOOKS, "es": NOTEBOOKS / "es"}
# The one line in which the two editions' code may differ: the language of the charts.
LANG_LINE = 'LANG = "{lang}"'


def notebook_paths(
    names: Iterable[str] | None = None, editions: Iterable[str] = ("en", "es")
) -> list[Path]:
    """The suite's notebooks in reading order (``NN_topic.ipynb``), English edition first, then
    the Spanish one; or only the ones named (by stem or file name)."""
    paths: list[Path] = []
    for edition in editions:
        paths += sorted(EDITIONS[edition].glob("[0-9][0-9]_*.ipynb"))
    if names:
        wanted = set(names)
        paths = [p for p in paths if p.stem in wanted or p.name in wanted]
    return paths


def edition_pairs() -> list[tuple[Path, Path | None]]:
    """Each English notebook with its Spanish edition (same number), or None where there is none."""
    spanish = {p.name[:2]: p for p in notebook_paths(editions=("es",))}
    return [(p, spanish.get(p.name[:2])) for p in notebook_paths(editions=("en",))]


def execute(path: Path, *, save: bool = True, timeout: int = 600) -> float:
    """Run one notebook top to bottom in a fresh ``python3`` kernel; returns the seconds it took."""
    import nbformat
    from nbclient import NotebookClient

    nb = nbformat.read(path, as_version=4)
    start = time.perf_counter()
    NotebookClient(
        nb,
        timeout=timeout,
        kernel_name="python3",
        resources={"metadata": {"path": str(path.parent)}},
    ).execute()
    seconds = time.perf_counter() - start
    if save:
        for cell in nb.cells:
            cell.metadata.pop("execution", None)
        write_atomic(path, (nbformat.writes(nb) + "\n").encode("utf-8"))
    return seconds
