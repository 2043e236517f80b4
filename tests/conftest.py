"""Shared fixtures: a scratch copy of the data package to break on purpose."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from analysis.core.paths import DATASETS

SOURCES = (
    "source_id,citation,attribution,locator,url,kind,producer,date_published,date_accessed,"
    "licence,derived_from\n"
    "ilo,ILO (1970) Year Book of Labour Statistics,ILO (1970),Table 28,,producer,"
    "International Labour Office,1970,,,\n"
    "article,The seed article,The article,note 6,,seed,,2023,,,\n"
)
STRIKES = (
    "year,strikes,workers_involved,person_days_lost,coverage,source_id,note\n"
    "1969,1277,362010,1178706,labour disputes,ilo,\n"
    "1970,1819,656170,2804517,labour disputes,ilo,\n"
)


@pytest.fixture
def scratch(tmp_path: Path) -> Path:
    """A datasets folder holding the real descriptor and two small, valid tables."""
    shutil.copy(DATASETS / "datapackage.json", tmp_path / "datapackage.json")
    (tmp_path / "sources.csv").write_text(SOURCES, encoding="utf-8")
    (tmp_path / "strikes.csv").write_text(STRIKES, encoding="utf-8")
    return tmp_path


@pytest.fixture
def datasets_copy(tmp_path: Path) -> Path:
    """A full copy of the curated datasets, for tests that modify one and watch what follows."""
    target = tmp_path / "datasets"
    shutil.copytree(DATASETS, target)
    return target
