"""The claims audit on one scale: each numeric claim against the independent values that test it."""

from __future__ import annotations

from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.ticker import FuncFormatter

from analysis.charts.figures._common import finish
from analysis.charts.i18n import fmt_number, t, unit
from analysis.charts.style import COLORS, new_figure
from analysis.study.claims import audit, evidence
from analysis.study.sources import ARTICLE

VERDICT_MARKERS = {"supported": ("o", COLORS[4]), "differs": ("X", COLORS[3])}


def claims_audit(lang: str = "en") -> Figure:
    """Every independent value as a ratio to the article's figure (1 = the same), on a log scale."""
    ledger = audit().set_index("claim_id")
    ev = evidence()
    ids = list(dict.fromkeys(ev["claim_id"]))
    fig, ax = new_figure((10, 1.8 + 0.3 * max(len(ids), 4)))
    labels = []
    for i, cid in enumerate(ids):
        g = ev[ev["claim_id"] == cid]
        marker, color = VERDICT_MARKERS[str(ledger.loc[cid, "verdict"])]
        ax.plot(
            g["value"] / g["claimed"],
            [i] * len(g),
            linestyle="none",
            marker=marker,
            color=color,
            markersize=6,
            alpha=0.8,
        )
        row = ledger.loc[cid]
        value = float(row["value"])
        amount = fmt_number(value, lang, 0 if value == int(value) else 1)
        sep = "" if str(row["unit"]).startswith("percent") else " "
        labels.append(f"{cid}  {amount}{sep}{unit(str(row['unit']), lang)} ({row['refers_to']})")
    ax.axvline(1, color="0.2", lw=1.0, ls="--")
    ax.set_xscale("log")
    ax.set_xticks([0.25, 0.5, 1, 2, 4], minor=False)
    ax.xaxis.set_major_formatter(
        FuncFormatter(lambda v, _: f"{fmt_number(v, lang, 2).rstrip('0').rstrip(',.')}×")
    )
    ax.xaxis.set_minor_formatter(FuncFormatter(lambda v, _: ""))
    lo, hi = ax.get_xlim()
    ax.set_xlim(min(lo, 0.3), max(hi, 3.3))
    ax.set_yticks(range(len(labels)), labels, fontsize=7.5)
    ax.invert_yaxis()
    ax.grid(axis="x")
    ax.grid(axis="y", visible=False)
    ax.legend(
        handles=[
            Line2D([], [], marker=m, color=c, linestyle="none", label=t(f"audit.{v}", lang))
            for v, (m, c) in VERDICT_MARKERS.items()
        ],
        loc="lower right",
        fontsize=8,
    )
    sources = sorted(set(ev["source_id"])) + [ARTICLE]
    return finish(
        fig,
        ax,
        title=t("audit.title", lang),
        ylabel="",
        xlabel=t("audit.xlabel", lang),
        source_ids=sources,
        lang=lang,
    )
