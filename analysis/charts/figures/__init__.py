"""One function per figure, each returning a matplotlib Figure in English or Spanish.

``figures.strike_wave(lang="es")`` draws the strike chart in Spanish. The imports below are the
registry of figures: one line names a figure and the module that draws it, in the order the suite
shows them. ``analysis.outputs.registry`` reads this file (without importing it) to know every figure
and to derive what each depends on, so adding a figure is one function in a module and one name here.

Importing this package imports matplotlib and pandas; the build's no-change check does not import it.
"""

from __future__ import annotations

from analysis.charts.figures.audit import claims_audit
from analysis.charts.figures.chronology import timeline
from analysis.charts.figures.debt import external_debt
from analysis.charts.figures.economy import (
    boom_and_crisis,
    copper_exports,
    copper_long_run,
    copper_price,
    gdp_per_capita,
    real_wages,
)
from analysis.charts.figures.elections import (
    deputies_by_party,
    election_1970,
    election_1973,
    presidential_elections,
    three_thirds,
    turnout,
    up_vote,
)
from analysis.charts.figures.inflation import inflation_long_run, inflation_monthly, inflation_up
from analysis.charts.figures.latam import latam_gdp, latam_inflation
from analysis.charts.figures.overview import coverage, source_disagreements
from analysis.charts.figures.strikes import strike_wave, strike_workers, workers_per_strike
from analysis.charts.figures.struggle import (
    agrarian_reform,
    occupations,
    social_area,
    state_share,
)
