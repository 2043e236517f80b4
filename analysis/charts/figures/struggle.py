"""The struggle from below and the state's answer: occupations, nationalisation, agrarian reform."""

from __future__ import annotations

from matplotlib.figure import Figure

from analysis.charts.figures._common import finish, up_band
from analysis.charts.i18n import fmt_number, t
from analysis.charts.style import COLORS, HATCHES, house_style, new_figure
from analysis.data.datasets import load
from analysis.study.sources import ARTICLE, attributions

KINDS = ("factory", "rural_land", "urban_land")


def occupations(lang: str = "en") -> Figure:
    """Occupations as the sources count them: each count spans the period it covers.

    Few sources give a yearly count; most give a total for a period (312 urban land seizures in
    Santiago, 1967-1972). Each row is drawn as a bar from its period's start to its end, in the lane
    of its kind, labelled with its count and area, so a six-year total never looks like one year."""
    from analysis.charts.style import decimal_year

    frame = load("occupations")
    counted = frame[frame["unit"] == "occupations"]
    fig, ax = new_figure()
    kinds = [k for k in KINDS if k in set(counted["kind"])]
    lanes = {k: i for i, k in enumerate(kinds)}
    used: list[str] = []
    for _, row in counted.sort_values(["kind", "period_start"]).iterrows():
        start, end = decimal_year(row["period_start"]), decimal_year(row["period_end"]) + 1 / 365
        lane = lanes[row["kind"]]
        article = row["source_id"] == ARTICLE
        colour = COLORS[lane + 1]
        ax.barh(
            lane,
            end - start,
            left=start,
            height=0.5,
            color="white" if article else colour,
            edgecolor=colour,
            hatch=HATCHES[lane + 1] if article else None,
            linewidth=1.5,
        )
        families = frame[
            (frame["unit"] == "families")
            & (frame["kind"] == row["kind"])
            & (frame["period_start"] == row["period_start"])
            & (frame["period_end"] == row["period_end"])
            & (frame["source_id"] == row["source_id"])
        ]
        first, last = row["period_start"].year, row["period_end"].year
        label = t("occ.count", lang).format(
            n=fmt_number(row["count"], lang),
            area=row["area"],
            period=str(first) if first == last else f"{first}-{last}",
        )
        if not families.empty:
            label += t("occ.families", lang).format(n=fmt_number(families["count"].iloc[0], lang))
        if article:
            label += " (" + t("article", lang).lower() + ")"
        ax.annotate(
            label,
            (end, lane),
            xytext=(6, 0),
            textcoords="offset points",
            va="center",
            fontsize=9,
        )
        used.append(row["source_id"])
    ax.set_yticks(range(len(kinds)), [t(f"occ.{k}", lang) for k in kinds])
    ax.set_ylim(-0.7, len(kinds) - 0.3)
    ax.invert_yaxis()
    years = list(range(1965, 1975))
    ax.set_xticks(years, [str(y) for y in years])
    ax.set_xlim(1965, 1978)
    up_band(ax, lang)
    return finish(
        fig,
        ax,
        title=t("occ.title", lang),
        ylabel="",
        xlabel=t("occ.xlabel", lang),
        source_ids=list(dict.fromkeys(used)),
        lang=lang,
        note=t("occ.note", lang),
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
