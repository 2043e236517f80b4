"""The struggle from below and the state's answer: occupations, nationalisation, agrarian reform."""

from __future__ import annotations

from matplotlib.figure import Figure

from ..datasets import load
from ..i18n import fmt_number, t
from ..sources import ARTICLE, attributions
from ..style import ARTICLE_STYLE, COLORS, HATCHES, finish, house_style, new_figure
from ._common import up_band

KINDS = ("factory", "rural_land", "urban_land")


def occupations(lang: str = "en") -> Figure:
    """Occupations per year by kind: bars from the independent sources, stars for the article."""
    frame = load("occupations")
    rows = frame[frame["source_id"] != ARTICLE]
    fig, ax = new_figure()
    kinds = [k for k in KINDS if k in set(frame["kind"])]
    width = 0.8 / max(len(kinds), 1)
    used: list[str] = []
    for i, kind in enumerate(kinds):
        g = (
            rows[rows["kind"] == kind]
            .groupby("year", as_index=False)
            .agg(count=("count", "max"), sources=("source_id", lambda s: list(s)))
        )
        ax.bar(
            g["year"] + (i - (len(kinds) - 1) / 2) * width,
            g["count"],
            width=width,
            color=COLORS[i + 1],
            hatch=HATCHES[i + 1],
            edgecolor="white",
            label=t(f"occ.{kind}", lang),
        )
        for s in g["sources"]:
            used += s
    art = frame[frame["source_id"] == ARTICLE]
    if not art.empty:
        ax.plot(art["year"].astype(float), art["count"], label=t("article", lang), **ARTICLE_STYLE)
        used.append(ARTICLE)
    years = list(range(1967, 1974))
    ax.set_xticks(years, [str(y) for y in years])
    ax.set_xlim(1966.4, 1973.9)
    ax.set_ylim(bottom=0)
    up_band(ax, lang)
    ax.legend(loc="upper left", fontsize=8)
    if rows.empty:
        note = t("occ.none", lang)
    elif len(set(rows["source_id"])) > 1:
        note = t("occ.note", lang)
    else:
        note = None
    return finish(
        fig,
        ax,
        title=t("occ.title", lang),
        ylabel=t("occ.ylabel", lang),
        xlabel=t("year", lang),
        source_ids=list(dict.fromkeys(used)),
        lang=lang,
        note=note,
    )


def agrarian_reform(lang: str = "en") -> Figure:
    """Estates and land expropriated under the agrarian reform, per government and source."""
    frame = load("nationalisation")
    with house_style():
        fig = Figure(figsize=(10, 4.2), dpi=100)
        axes = fig.subplots(1, 2)
    fig.set_layout_engine("constrained")
    used: list[str] = []
    for k, (ax, indicator) in enumerate(
        zip(axes, ("estates_expropriated", "hectares_expropriated"), strict=True)
    ):
        rows = frame[frame["indicator"] == indicator].sort_values("date")
        labels = []
        with house_style():
            for i, r in enumerate(rows.itertuples()):
                ax.barh(i, r.value, color=COLORS[k + 1], hatch=HATCHES[k + 1], edgecolor="white")
                ax.text(
                    r.value,
                    i,
                    f" {fmt_number(r.value, lang, 0 if r.value >= 100 else 1)}",
                    va="center",
                    fontsize=8,
                )
                labels.append(f"{str(r.scope).split(',')[0]}\n({attributions([r.source_id])[0]})")
                used.append(str(r.source_id))
            ax.set_yticks(range(len(labels)), labels, fontsize=8)
            ax.invert_yaxis()
            ax.grid(axis="x")
            ax.grid(axis="y", visible=False)
            unit = str(rows["unit"].iloc[0]) if len(rows) else ""
            ax.set_xlabel(t(f"agr.{indicator}", lang) + (f" ({unit})" if lang == "en" else ""))
            ax.set_xlim(0, float(rows["value"].max()) * 1.25 if len(rows) else 1)
    return finish(
        fig,
        axes[0],
        title=t("agr.title", lang),
        ylabel="",
        source_ids=used,
        lang=lang,
        suptitle=True,
    )


SECTORS = ("whole economy (total)", "manufacturing", "mining", "banking")


def state_control(lang: str = "en") -> Figure:
    """Share of output under state control by sector, before and after two years of Popular Unity."""
    frame = load("nationalisation")
    rows = frame[
        frame["indicator"].isin(["share_industrial_output_pct", "share_output_state_control_pct"])
    ]
    years = sorted({d.year for d in rows["date"]})
    fig, ax = new_figure((9, 4.6))
    width = 0.8 / max(len(years), 1)
    used: list[str] = []
    sectors = [s for s in SECTORS if s in set(rows["scope"])]
    for j, year in enumerate(years):
        g = rows[[d.year == year for d in rows["date"]]].set_index("scope")
        xs = [i + (j - (len(years) - 1) / 2) * width for i in range(len(sectors))]
        ys = [float(g["value"].get(s, float("nan"))) for s in sectors]
        ax.bar(
            xs,
            ys,
            width=width,
            color=COLORS[j + 1],
            hatch=HATCHES[j + 1],
            edgecolor="white",
            label=str(year),
        )
        for x, y in zip(xs, ys, strict=True):
            if y == y:
                ax.text(x, y, f"{y:.0f}", ha="center", va="bottom", fontsize=8)
        used += list(g["source_id"])
    ax.set_xticks(range(len(sectors)), [t(f"sector.{s.split()[0]}", lang) for s in sectors])
    ax.set_ylim(0, 105)
    ax.legend(loc="upper left")
    return finish(
        fig,
        ax,
        title=t("state.title", lang),
        ylabel=t("state.ylabel", lang),
        source_ids=list(dict.fromkeys(used)),
        lang=lang,
    )
