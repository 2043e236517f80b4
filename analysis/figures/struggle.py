"""The struggle from below and the state's answer: occupations, nationalisation, agrarian reform."""

from __future__ import annotations

from matplotlib.figure import Figure

from ..datasets import load
from ..i18n import t
from ..sources import ARTICLE, attributions
from ..style import ARTICLE_STYLE, COLORS, HATCHES, finish, new_figure
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
    years = sorted(set(frame["year"]))
    ax.set_xticks(years, [str(y) for y in years])
    up_band(ax, lang)
    ax.legend(loc="upper left", fontsize=8)
    note = t("occ.note", lang) if len(set(rows["source_id"])) > 1 else None
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
    """Estates and hectares expropriated under the agrarian reform, by period and source."""
    frame = load("nationalisation")
    rows = frame[frame["indicator"].isin(["estates_expropriated", "hectares_expropriated"])]
    fig, ax = new_figure()
    used: list[str] = []
    labels = []
    for i, (key, g) in enumerate(rows.groupby(["indicator", "scope", "source_id"], sort=True)):
        indicator, scope, sid = key
        value = float(g["value"].iloc[0])
        scale = 1000 if indicator == "hectares_expropriated" else 1
        ax.barh(
            i,
            value / scale,
            color=COLORS[(1 if scale == 1 else 2)],
            hatch=HATCHES[1 if scale == 1 else 2],
            edgecolor="white",
        )
        unit = t("agr.thousand_ha", lang) if scale == 1000 else t("agr.estates", lang)
        ax.text(value / scale, i, f" {value / scale:,.0f} {unit}", va="center", fontsize=7.5)
        labels.append(f"{scope} ({attributions([sid])[0]})")
        used.append(str(sid))
    ax.set_yticks(range(len(labels)), labels, fontsize=7.5)
    ax.invert_yaxis()
    ax.grid(axis="x")
    ax.grid(axis="y", visible=False)
    return finish(
        fig,
        ax,
        title=t("agr.title", lang),
        ylabel="",
        xlabel=t("agr.xlabel", lang),
        source_ids=used,
        lang=lang,
    )
