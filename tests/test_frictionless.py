"""The independent check: Frictionless reads the same data package and never accepts less than the
suite's own loader refuses.

The loader is the stricter of the two by design: Frictionless parses numbers with Python's own
conversions (so ``+0006``, ``36.``, ``1e999`` and non-ASCII digits pass it) and does not look at
control characters or spaces. What Frictionless refuses, the loader refuses too, and the committed
datasets pass both.
"""

from __future__ import annotations

import json
import warnings
from pathlib import Path

import pytest
from conftest import SOURCES
from test_malformed import CSV_CASES

from analysis.core.paths import DATASETS
from analysis.data.datasets import validate

frictionless = pytest.importorskip("frictionless")


def _errors(descriptor: Path) -> list[str]:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        report = frictionless.Package(str(descriptor)).validate()
    return [f"{task.name}: {e.type}: {e.note}" for task in report.tasks for e in task.errors]


def test_the_committed_package_is_valid_for_frictionless() -> None:
    assert _errors(DATASETS / "datapackage.json") == []


@pytest.mark.parametrize("dataset,text", [pytest.param(c[1], c[2], id=c[0]) for c in CSV_CASES])
def test_what_frictionless_refuses_the_loader_refuses(tmp_path: Path, dataset, text) -> None:
    pkg = json.loads((DATASETS / "datapackage.json").read_text(encoding="utf-8"))
    pkg["resources"] = [r for r in pkg["resources"] if r["name"] in ("sources", dataset)]
    (tmp_path / "datapackage.json").write_text(json.dumps(pkg), encoding="utf-8")
    (tmp_path / "sources.csv").write_text(SOURCES, encoding="utf-8")
    (tmp_path / f"{dataset}.csv").write_bytes(text.encode("utf-8"))
    if _errors(tmp_path / "datapackage.json"):
        assert validate(dataset, tmp_path)
