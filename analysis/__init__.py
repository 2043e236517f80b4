"""Chile 1973 statistics: load validated datasets, compute indicators, draw the suite's figures.

The package is layered; every import points down a floor:

    core     paths, fileio                      where things are; atomic and all-or-nothing writes
    data     schema, rules, datasets            the data package's rules; validated loading
    study    indicators, sources, claims,       analysis on frames: indicators, the source policy,
             tables, coverage                   the claims audit, tables, coverage of key years
    charts   i18n, style, figures/              translations, the house style, one function a figure
    outputs  registry, build, docs, workbook,   what the suite writes, and when
             report, notebooks, bibliography
    cli      the ``chile73`` command

Importing the package is cheap: ``analysis.load`` and the rest are looked up when first used, and
``analysis.figures`` (which imports matplotlib) only when a figure is asked for.
"""

from __future__ import annotations

from importlib import import_module
from importlib.metadata import PackageNotFoundError, version
from typing import TYPE_CHECKING, Any

__all__ = [
    "DatasetError",
    "Violation",
    "__version__",
    "cited_by",
    "figures",
    "indicators",
    "load",
    "points",
    "save",
    "validate_all",
]

try:  # the one place the version is written is pyproject.toml
    __version__ = version("chile-1973-stats")
except PackageNotFoundError:  # pragma: no cover - running from a copy that was never installed
    __version__ = "0+unknown"

if TYPE_CHECKING:  # pragma: no cover
    from analysis.charts import figures
    from analysis.data.datasets import DatasetError, Violation, load, validate_all
    from analysis.outputs.downloads import points, save
    from analysis.study import indicators
    from analysis.study.sources import cited_by

_LAZY = {
    "load": ("analysis.data.datasets", "load"),
    "validate_all": ("analysis.data.datasets", "validate_all"),
    "DatasetError": ("analysis.data.datasets", "DatasetError"),
    "Violation": ("analysis.data.datasets", "Violation"),
    "figures": ("analysis.charts.figures", None),
    "cited_by": ("analysis.study.sources", "cited_by"),
    "save": ("analysis.outputs.downloads", "save"),
    "points": ("analysis.outputs.downloads", "points"),
    "indicators": ("analysis.study.indicators", None),
}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        module, attr = _LAZY[name]
        mod = import_module(module)
        return mod if attr is None else getattr(mod, attr)
    raise AttributeError(f"module 'analysis' has no attribute {name!r}")
