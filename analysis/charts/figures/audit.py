"""The claims audit on one scale (an evidence chart): each numeric claim against the independent
values that test it."""

from __future__ import annotations

from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.ticker import FuncFormatter, NullFormatter

from analysis.charts.figures._common import finish
from analysis.charts.i18n import fmt_number, fmt_pct, register, say, t, unit
from analysis.charts.style import COLORS, new_figure, record
from analysis.study.claims import audit, evidence

VERDICT_MARKERS = {
    "supported": ("o", COLORS[4]),
    "mixed": ("D", COLORS[1]),
    "differs": ("X", COLORS[3]),
}

register(
    {
        "audit.headline": {
            "en": "{supported} of the article's {tested} testable claims hold up against "
            "independent sources",
            "es": "{supported} de las {tested} afirmaciones del artículo que se pueden contrastar "
            "resisten frente a fuentes independientes",
        },
        "audit.subtitle": {
            "en": "The {n} claims of a single figure or range: each independent value divided by "
            "the article's figure (1× = the same; log scale). Dates, directions and orders of "
            "events are in the ledger",
            "es": "Las {n} afirmaciones de una cifra o un rango: cada valor independiente dividido "
            "por la cifra del artículo (1× = igual; escala log.). Fechas, tendencias y órdenes "
            "de hechos están en el registro",
        },
        "audit.row": {"en": "{cid}  {amount} ({refers})", "es": "{cid}  {amount} ({refers})"},
        "audit.series": {"en": "{cid}: value ÷ the article's", "es": "{cid}: valor ÷ artículo"},
        "audit.tick": {"en": "{value}×", "es": "{value}×"},
        "audit.mixed": {"en": "sources disagree (mixed)", "es": "las fuentes discrepan (mixto)"},
    }
)


def claims_audit(lang: str = "en") -> Figure:
    """Every independent value as a ratio to the article's figure (1 = the same), on a log scale."""
    ledger = audit().set_index("claim_id")
    ev = evidence()
    ids = list(dict.fromkeys(ev["claim_id"]))
    fig, ax = new_figure()
    labels = []
    for i, cid in enumerate(ids):
        g = ev[ev["claim_id"] == cid]
        marker, color = VERDICT_MARKERS[str(ledger.loc[cid, "verdict"])]
        ratio = g["value"] / g["claimed"]
        ax.plot(
            ratio,
            [i] * len(g),
            linestyle="none",
            marker=marker,
            color=color,
            markersize=5,
            alpha=0.8,
        )
        record(
            ax,
            t("audit.series", lang, cid=cid),
            [cid] * len(g),
            list(ratio),
            list(g["source_id"]),
            kind="points",
        )
        row = ledger.loc[cid]
        value = float(row["value"])
        decimals = 0 if value == int(value) else 1
        if str(row["unit"]) == "percent":
            amount = fmt_pct(value, lang, decimals)
        else:
            amount = fmt_number(value, lang, decimals)
            sep = "" if str(row["unit"]).startswith("percent") and lang == "en" else " "
            amount = f"{amount}{sep}{unit(str(row['unit']), lang)}"
        labels.append(
            t("audit.row", lang, cid=cid, amount=say(amount, lang), refers=row["refers_to"])
        )
    ax.axvline(1, color="0.2", lw=1.0, ls="--")
    ax.set_xscale("log")
    ax.set_xticks([0.25, 0.5, 1, 2, 4], minor=False)
    ax.xaxis.set_major_formatter(
        FuncFormatter(
            lambda v, _: t(
                "audit.tick", lang, value=fmt_number(v, lang, 2).rstrip("0").rstrip(",.")
            )
        )
    )
    ax.xaxis.set_minor_formatter(NullFormatter())
    lo, hi = ax.get_xlim()
    ax.set_xlim(min(lo, 0.2), max(hi, 5))
    ax.set_yticks(range(len(labels)), labels, fontsize=max(5.5, min(8.0, 190 / len(labels))))
    ax.set_ylim(len(labels) - 0.5, -0.5)
    ax.grid(axis="x")
    ax.grid(axis="y", visible=False)
    ax.legend(
        handles=[
            Line2D([], [], marker=m, color=c, linestyle="none", label=t(f"audit.{v}", lang))
            for v, (m, c) in VERDICT_MARKERS.items()
            if v in set(ledger["verdict"])
        ],
        loc="lower right",
        fontsize=8,
    )
    counts = ledger["verdict"].value_counts()
    tested = int(sum(counts.get(v, 0) for v in VERDICT_MARKERS))
    return finish(
        fig,
        ax,
        title=t("audit.headline", lang, supported=int(counts.get("supported", 0)), tested=tested),
        subtitle=t("audit.subtitle", lang, n=len(ids)),
        lang=lang,
        evidence=True,
    )
