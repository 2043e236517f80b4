"""One function per figure, each returning a matplotlib Figure in English or Spanish.

``figures.strike_wave(lang="es")`` draws the strike chart in Spanish. ``REGISTRY`` lists every figure
with the module that draws it and the datasets it reads; the build uses it to redraw only what changed.
This module imports neither pandas nor matplotlib: the figure modules do, when a figure is asked for.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import import_module
from typing import Any


@dataclass(frozen=True)
class FigureSpec:
    name: str
    module: str
    datasets: tuple[str, ...]
    code: tuple[str, ...] = ()  # library modules it depends on besides the shared ones

    def function(self) -> Any:
        return getattr(import_module(f"analysis.figures.{self.module}"), self.name)


REGISTRY: tuple[FigureSpec, ...] = (
    FigureSpec(
        "coverage",
        "overview",
        ("strikes", "elections", "election_totals", "inflation", "external_debt", "events"),
    ),
    FigureSpec(
        "source_disagreements", "overview", ("strikes", "elections", "inflation", "external_debt")
    ),
    FigureSpec("strike_wave", "strikes", ("strikes", "events")),
    FigureSpec("strike_workers", "strikes", ("strikes", "events")),
    FigureSpec("workers_per_strike", "strikes", ("strikes", "events")),
    FigureSpec("presidential_elections", "elections", ("elections",)),
    FigureSpec("election_1970", "elections", ("elections",)),
    FigureSpec("up_vote", "elections", ("elections",)),
    FigureSpec("deputies_by_party", "elections", ("elections",)),
    FigureSpec("inflation_long_run", "inflation", ("inflation", "events")),
    FigureSpec("inflation_up", "inflation", ("inflation", "events")),
    FigureSpec("external_debt", "debt", ("external_debt", "events")),
    FigureSpec("copper_price", "economy", ("copper", "events")),
    FigureSpec("copper_long_run", "economy", ("copper", "events")),
    FigureSpec("gdp_per_capita", "economy", ("economy", "events")),
    FigureSpec("boom_and_crisis", "economy", ("economy",)),
    FigureSpec("latam_inflation", "latam", ("latin_america",)),
    FigureSpec("latam_gdp", "latam", ("latin_america",)),
    FigureSpec("timeline", "chronology", ("events",)),
    FigureSpec("occupations", "struggle", ("occupations",)),
    FigureSpec("agrarian_reform", "struggle", ("nationalisation",)),
    FigureSpec("state_control", "struggle", ("nationalisation",)),
    FigureSpec(
        "claims_audit",
        "audit",
        (
            "claims",
            "strikes",
            "elections",
            "election_totals",
            "inflation",
            "external_debt",
            "events",
        ),
        ("claims.py",),
    ),
)
SPECS = {s.name: s for s in REGISTRY}
__all__ = [s.name for s in REGISTRY] + ["REGISTRY", "SPECS", "FigureSpec"]


def __getattr__(name: str) -> Any:
    if name in SPECS:
        return SPECS[name].function()
    raise AttributeError(f"module 'analysis.figures' has no attribute {name!r}")
