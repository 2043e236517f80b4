"""Chile 1973 statistics: load validated datasets, compute indicators, draw the suite's figures.

Importing the package is cheap: pandas and matplotlib are imported only when a function needs them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__all__ = ["load", "validate_all", "DatasetError", "Violation", "__version__"]
__version__ = "0.1.0"

if TYPE_CHECKING:  # pragma: no cover
    from .datasets import DatasetError, Violation, load, validate_all


def __getattr__(name: str) -> Any:
    if name in {"load", "validate_all", "DatasetError", "Violation"}:
        from . import datasets

        return getattr(datasets, name)
    raise AttributeError(f"module 'analysis' has no attribute {name!r}")
