"""The generated measures of depth and source quality in datasets/README.md."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from analysis.core.paths import DATASETS
from analysis.study.coverage import independent_count, roots_of, source_quality

SOURCES = (
    "source_id,citation,attribution,locator,url,kind,producer,date_published,date_accessed,"
    "licence,derived_from\n"
    "ine,INE,INE,t1,,producer,INE,,,,\n"
    "wiki,Wiki,Wiki,p,,encyclopedia,,,,,ine\n"
    "blog,Blog,Blog,p,,partisan,,,,,\n"
)


def scratch(tmp_path: Path, strikes: str) -> Path:
    """A data directory holding only sources.csv and strikes.csv, with the real descriptor cut down
    to them."""
    pkg = json.loads((DATASETS / "datapackage.json").read_text(encoding="utf-8"))
    pkg["resources"] = [r for r in pkg["resources"] if r["name"] in ("sources", "strikes")]
    (tmp_path / "datapackage.json").write_text(json.dumps(pkg), encoding="utf-8")
    (tmp_path / "sources.csv").write_text(SOURCES, encoding="utf-8")
    (tmp_path / "strikes.csv").write_text(strikes, encoding="utf-8")
    return tmp_path


HEADER = "year,strikes,workers_involved,person_days_lost,coverage,source_id,note\n"


def test_a_weak_row_beside_a_strong_one_is_a_check_not_a_gap(tmp_path: Path) -> None:
    rows = HEADER + "1969,10,,,x,ine,\n1969,11,,,x,wiki,\n1970,12,,,x,blog,\n1980,1,,,x,blog,\n"
    (q,) = source_quality(scratch(tmp_path, rows))
    # 1980 is outside 1964-1975; 1969 from the encyclopedia has the producer's row beside it.
    assert (q.dataset, q.rows, q.weak, q.weak_only) == ("strikes", 3, 2, 1)


def test_copies_are_not_independent() -> None:
    roots = roots_of({"ine": "", "wiki": "ine", "blog": "wiki", "other": ""})
    assert independent_count({"ine", "wiki", "blog"}, roots) == 1
    assert independent_count({"wiki", "other"}, roots) == 2
    assert independent_count({"article", "other"}, roots) == 1


def test_the_readme_reports_both_measures() -> None:
    text = (DATASETS / "README.md").read_text(encoding="utf-8")
    assert "## Coverage of the key years, 1965-1975" in text
    assert "## Source quality, 1964-1975" in text


def test_the_real_data_is_measured(tmp_path: Path) -> None:
    for f in DATASETS.glob("*.csv"):
        shutil.copy(f, tmp_path / f.name)
    shutil.copy(DATASETS / "datapackage.json", tmp_path / "datapackage.json")
    table = {q.dataset: q for q in source_quality(tmp_path)}
    assert {"strikes", "elections", "economy"} <= set(table)
    assert "events" not in table and "claims" not in table
    assert all(0 <= q.weak_only <= q.weak <= q.rows for q in table.values())
