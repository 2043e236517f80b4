"""Chile against its neighbours, 1950-1990: inflation and GDP per capita."""

from __future__ import annotations

import pandas as pd
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter

from analysis.charts.figures._common import finish, up_band
from analysis.charts.i18n import fmt_number, t
from analysis.charts.style import COLORS, LINESTYLES, MARKERS, WIDE, new_figure
from analysis.data.datasets import load

ORDER = ("CHL", "ARG", "BOL", "BRA", "PER", "URY")
NAMES = {
    "CHL": {"en": "Chile", "es": "Chile"},
    "ARG": {"en": "Argentina", "es": "Argentina"},
    "BOL": {"en": "Bolivia", "es": "Bolivia"},
    "BRA": {"en": "Brazil", "es": "Brasil"},
    "PER": {"en": "Peru", "es": "Perú"},
    "URY": {"en": "Uruguay", "es": "Uruguay"},
}
# One source per indicator keeps the comparison like for like across countries.
INFLATION_SOURCE = "clioinfra_inflation_dezwart"
GDP_SOURCE = "mpd2020_owid"


def _country_lines(ax, frame: pd.DataFrame, lang: str) -> None:
    for i, iso in enumerate(ORDER):
        g = frame[frame["iso3"] == iso].sort_values("year")
        if g.empty:
            continue
        chile = iso == "CHL"
        ax.plot(
            g["year"].astype(float),
            g["value"],
            color=COLORS[i % len(COLORS)],
            lw=2.6 if chile else 1.3,
            linestyle="-" if chile else LINESTYLES[i % len(LINESTYLES)],
            marker=MARKERS[i] if not chile else None,
            markersize=3,
            markevery=5,
            label=NAMES[iso][lang],
            zorder=3 if chile else 2,
        )


def _chart(
    lang: str, rows: pd.DataFrame, key: str, ylabel_key: str, source: str
) -> tuple[Figure, object]:
    """Six countries on one axis, Chile drawn heavier, the Popular Unity years shaded."""
    fig, ax = new_figure(WIDE)
    _country_lines(ax, rows, lang)
    ax.set_xlim(1949, 1991)
    up_band(ax, lang)
    ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1))
    finish(
        fig,
        ax,
        title=t(key, lang),
        ylabel=t(ylabel_key, lang),
        xlabel=t("year", lang),
        source_ids=[source],
        lang=lang,
    )
    return fig, ax


def latam_inflation(lang: str = "en") -> Figure:
    """Consumer price inflation in six countries (one compiler for all, log scale)."""
    frame = load("latin_america")
    rows = frame[
        (frame["indicator"] == "inflation_pct") & (frame["source_id"] == INFLATION_SOURCE)
    ]
    fig, ax = _chart(
        lang, rows[rows["value"] > 0], "latam.infl.title", "infl.ylabel", INFLATION_SOURCE
    )
    ax.set_yscale("log")
    ax.yaxis.set_major_formatter(
        FuncFormatter(lambda v, _: fmt_number(v, lang, 0 if v >= 1 else 1))
    )
    return fig


def latam_gdp(lang: str = "en") -> Figure:
    """GDP per capita in six countries as an index, 1950 = 100 (Maddison Project)."""
    frame = load("latin_america")
    rows = frame[
        (frame["indicator"] == "gdp_pc_2011intl") & (frame["source_id"] == GDP_SOURCE)
    ].copy()
    base = rows[rows["year"] == 1950].set_index("iso3")["value"]
    rows["value"] = rows["value"] / rows["iso3"].map(base) * 100
    fig, ax = _chart(lang, rows, "latam.gdp.title", "latam.gdp.ylabel", GDP_SOURCE)
    ax.axhline(100, color="0.5", lw=0.8, ls="--")
    return fig
