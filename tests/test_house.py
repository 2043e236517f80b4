"""The house rules: imports point down the floors, one version, and CONTRIBUTING.md's steps work."""

from __future__ import annotations

import ast
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

from analysis import __version__
from analysis.core.paths import PACKAGE, ROOT

FLOORS = {"core": 0, "data": 1, "study": 2, "charts": 3, "outputs": 4, "cli": 5}


def _floor(module: str) -> int | None:
    parts = module.split(".")
    return FLOORS.get(parts[1]) if len(parts) > 1 and parts[0] == "analysis" else None


def test_every_import_points_down() -> None:
    """A module imports only from its own floor or the floors below (core < data < study < charts <
    outputs < cli); the package's ``__init__`` only re-exports, lazily."""
    wrong = []
    for path in sorted(PACKAGE.rglob("*.py")):
        rel = path.relative_to(PACKAGE.parent).with_suffix("")
        module = ".".join(p for p in rel.parts if p != "__init__")
        here = _floor(module)
        if here is None:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                there = _floor(node.module)
                if there is not None and there > here:
                    wrong.append(f"{module} imports {node.module}")
    assert not wrong, wrong


def test_one_version() -> None:
    """The version is written in pyproject.toml; the citation and the data package follow it."""
    text = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    declared = re.search(r'(?m)^version = "([^"]+)"', text).group(1)
    assert __version__ == declared
    assert f"version: {declared}" in (ROOT / "CITATION.cff").read_text(encoding="utf-8")
    pkg = json.loads((ROOT / "datasets" / "datapackage.json").read_text(encoding="utf-8"))
    assert pkg["version"] == declared
    source = (PACKAGE / "__init__.py").read_text(encoding="utf-8")
    assert declared not in source


NEW_FIGURE = '''
from analysis.charts.style import record  # noqa: E402

register(
    {
        "decades.headline": {
            "en": "Strikes per decade peaked in the 1970s",
            "es": "Las huelgas por década tocaron techo en los años setenta",
        },
        "decades.subtitle": {
            "en": "Labour disputes reported to the ILO, summed by decade",
            "es": "Conflictos laborales informados a la OIT, sumados por década",
        },
        "decades.series": {"en": "Disputes per decade", "es": "Conflictos por década"},
    }
)


def strikes_by_decade(lang: str = "en") -> Figure:
    """Strikes per decade (a figure added by following CONTRIBUTING.md)."""
    frame = load("strikes")
    rows = frame[frame["source_id"] == "clioinfra_labour_disputes"].dropna(subset=["strikes"])
    decades = (rows["year"] // 10 * 10).astype(int)
    totals = rows.groupby(decades)["strikes"].sum()
    fig, ax = new_figure()
    ax.bar(totals.index.astype(float), totals.astype(float), width=8)
    record(ax, t("decades.series", lang), list(totals.index), list(totals), ILO, kind="bars")
    return finish(
        fig,
        ax,
        title=t("decades.headline", lang),
        subtitle=t("decades.subtitle", lang),
        lang=lang,
    )
'''


def _copy(tmp: Path) -> Path:
    root = tmp / "suite"
    shutil.copytree(PACKAGE, root / "analysis", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(ROOT / "datasets", root / "datasets")
    return root


def _run(root: Path, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(root), "MPLBACKEND": "Agg"}
    env.pop("CHILE73_DATASETS", None)
    return subprocess.run(
        [sys.executable, "-m", "analysis.cli", *args],
        env=env,
        cwd=root,
        capture_output=True,
        text=True,
        timeout=600,
    )


def test_contributing_steps_add_a_figure_a_dataset_and_a_claim(tmp_path: Path) -> None:
    """Follows CONTRIBUTING.md in a copy of the suite: one function and one registry line make a
    figure that the build draws, with its dependencies derived; a CSV and a resource make a dataset;
    a row of claims.csv makes a claim with a verdict."""
    root = _copy(tmp_path)
    # A figure: one function in a module ...
    module = root / "analysis" / "charts" / "figures" / "strikes.py"
    module.write_text(module.read_text(encoding="utf-8") + NEW_FIGURE, encoding="utf-8")
    # ... and one name on its module's registry line.
    init = root / "analysis" / "charts" / "figures" / "__init__.py"
    text = init.read_text(encoding="utf-8")
    line = next(
        x for x in text.splitlines() if x.startswith("from analysis.charts.figures.strikes")
    )
    init.write_text(text.replace(line, line + ", strikes_by_decade"), encoding="utf-8")
    out = tmp_path / "figs"
    done = _run(root, "figures", "--only", "strikes_by_decade", "--serial", "--out", str(out))
    assert done.returncode == 0, done.stdout + done.stderr
    for lang in ("en", "es"):
        assert (out / lang / "strikes_by_decade.png").stat().st_size > 1000
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    derived = {o["name"]: o for o in manifest["registry"]["outputs"]}["strikes_by_decade"]
    assert derived["datasets"] == ["sources", "strikes"]
    assert "charts/figures/strikes.py" in derived["code"]

    # A dataset: a CSV and its resource in the descriptor.
    (root / "datasets" / "wages_example.csv").write_text(
        "year,value,source_id,note\n1971,1.5,article,\n", encoding="utf-8"
    )
    descriptor = root / "datasets" / "datapackage.json"
    pkg = json.loads(descriptor.read_text(encoding="utf-8"))
    pkg["resources"].append(
        {
            "name": "wages_example",
            "path": "wages_example.csv",
            "title": "An example",
            "description": "Added by following CONTRIBUTING.md.",
            "schema": {
                "fields": [
                    {"name": "year", "type": "integer", "constraints": {"required": True}},
                    {"name": "value", "type": "number"},
                    {"name": "source_id", "type": "string", "constraints": {"required": True}},
                    {"name": "note", "type": "string"},
                ],
                "missingValues": [""],
                "primaryKey": ["year", "source_id"],
                "foreignKeys": [
                    {
                        "fields": "source_id",
                        "reference": {"resource": "sources", "fields": "source_id"},
                    }
                ],
            },
        }
    )
    descriptor.write_text(json.dumps(pkg, indent=2), encoding="utf-8")
    checked = _run(root, "validate")
    assert checked.returncode == 0 and "ok   wages_example.csv" in checked.stdout, checked.stdout

    # A claim: one row of claims.csv.
    claims = root / "datasets" / "claims.csv"
    header = claims.read_text(encoding="utf-8").splitlines()[0].split(",")
    row = dict.fromkeys(header, "")
    row.update(
        claim_id="C999",
        section="Example",
        claim="Strikes numbered 3325 in 1972",
        value="3325",
        unit="strikes",
        refers_to="1972",
        kind="quantitative",
        dataset="strikes",
        query="year == 1972",
        aggregate="each",
        column="strikes",
        tolerance_pct="1",
    )
    with claims.open("a", encoding="utf-8") as fh:
        fh.write(",".join(row[h] for h in header) + "\n")
    printed = _run(root, "claims")
    assert printed.returncode == 0, printed.stderr
    assert re.search(r"C999 .* supported", printed.stdout), printed.stdout[-2000:]
