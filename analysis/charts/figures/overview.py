"""Overview figures: what each dataset covers, and where sources disagree."""

from __future__ import annotations

from matplotlib.figure import Figure

from analysis.charts.figures._common import finish
from analysis.charts.i18n import t
from analysis.charts.style import COLORS, MARKERS, new_figure
from analysis.data.datasets import load
from analysis.study.tables import QUANTITIES, YEARS, coverage_table, disagreement_table


def coverage(lang: str = "en") -> Figure:
    """A bar for every year each dataset has a sourced value; darker where two or more sources do."""
    table = coverage_table()
    fig, ax = new_figure((9, 4.2))
    names = list(YEARS)
    for i, name in enumerate(names):
        g = table[table["dataset"] == name]
        one = g[g["sources"] == 1]["calendar_year"]
        many = g[g["sources"] > 1]["calendar_year"]
        ax.broken_barh([(y - 0.45, 0.9) for y in one], (i - 0.35, 0.7), color="0.7")
        ax.broken_barh([(y - 0.45, 0.9) for y in many], (i - 0.35, 0.7), color="0.15")
    ax.set_yticks(range(len(names)), [f"{n}.csv" for n in names])
    ax.invert_yaxis()
    ax.set_xlim(1875, 1992)
    ax.grid(axis="x")
    ax.grid(axis="y", visible=False)
    one = "one source" if lang == "en" else "una fuente"
    many = "two or more sources" if lang == "en" else "dos o más fuentes"
    ax.legend(
        handles=[
            ax.bar([0], [0], color="0.7", label=one),
            ax.bar([0], [0], color="0.15", label=many),
        ],
        loc="lower left",
    )
    sources = sorted(set(load("sources")["source_id"]))
    return finish(
        fig,
        ax,
        title=t("coverage.title", lang),
        ylabel="",
        xlabel=t("coverage.xlabel", lang),
        source_ids=sources,
        lang=lang,
    )


def source_disagreements(lang: str = "en") -> Figure:
    """Each quantity given by two or more sources: how far apart they are, dataset by dataset."""
    table = disagreement_table()
    fig, ax = new_figure((9, 4.2))
    names = list(QUANTITIES)
    used: list[str] = []
    for i, name in enumerate(names):
        g = table[table["dataset"] == name]
        xs = g["spread_pct"].clip(lower=0.01)
        ax.plot(
            xs,
            [i] * len(xs),
            linestyle="none",
            marker=MARKERS[i],
            color=COLORS[i + 1],
            alpha=0.7,
            markersize=6,
        )
        ax.text(
            1.0, i, f"  n={len(g)}", transform=ax.get_yaxis_transform(), va="center", fontsize=8
        )
        used += list(g["low_source"]) + list(g["high_source"])
    ax.set_xscale("log")
    ax.set_yticks(range(len(names)), [f"{n}.csv" for n in names])
    ax.invert_yaxis()
    ax.grid(axis="x")
    ax.grid(axis="y", visible=False)
    return finish(
        fig,
        ax,
        title=t("disagree.title", lang),
        ylabel="",
        xlabel=t("disagree.xlabel", lang),
        source_ids=sorted(set(used)),
        lang=lang,
    )
