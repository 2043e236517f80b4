"""Where things are. Every path derives from this file, never from the working directory.

Notebooks run from ``notebooks/`` (nbval does so), tests from anywhere: both get the same paths.
"""

from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
# CHILE73_DATASETS points the library at another copy of the datasets (benchmarks and experiments
# use it so that the curated files are never touched).
DATASETS = Path(os.environ.get("CHILE73_DATASETS", ROOT / "datasets")).resolve()
DATAPACKAGE = ROOT / "datasets" / "datapackage.json"
FIGURES = ROOT / "figures"
NOTEBOOKS = ROOT / "notebooks"
MANIFEST = FIGURES / "manifest.json"
# Where a reader's saved charts go by default (``analysis.save(fig, "name.png")``); not versioned.
SAVED = ROOT / "build" / "saved"
PACKAGE = Path(__file__).resolve().parents[1]
STYLE_FILE = PACKAGE / "charts" / "house.mplstyle"


def dataset_path(name: str) -> Path:
    """The CSV file of the dataset ``name`` (e.g. ``strikes`` -> ``datasets/strikes.csv``)."""
    return DATASETS / f"{name}.csv"
