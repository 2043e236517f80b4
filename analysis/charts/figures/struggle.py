"""The struggle from below and the state's answer: occupations, the social area, agrarian reform and
the state's share of output.

Story charts, drawn from ``occupations.csv`` and ``nationalisation.csv``. These tables hold few
numbers, and most of them are totals over a period or counts of different things at a date, never a
yearly series: such figures are printed as a small table (one row per figure, its count large, what
it counts, its period and its source beside it), not spread over a time axis that would stand empty.
Where two or more figures do measure the same thing (estates expropriated under two governments, the
state's share of a sector's output in 1970 and 1972), they are bars with their values printed.
"""

from __future__ import annotations

import textwrap
from typing import TYPE_CHECKING

import pandas as pd
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter

from analysis.charts.credits import source_name
from analysis.charts.figures._common import finish
from analysis.charts.i18n import MONTHS, STRINGS, fmt_month, fmt_number, fmt_pct, register, say, t
from analysis.charts.style import ARTICLE_STYLE, FAINT, INK, new_figure, record
from analysis.data.datasets import load
from analysis.study.sources import ARTICLE, preferred_source

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.axes import Axes

KINDS = ("factory", "rural_land", "urban_land")
# The rows of nationalisation.csv that count firms held (or listed, or intervened) at a date. The
# inquiry's 725 firms (firms_privatised_or_returned) count firms privatised or returned between
# 1973 and 1990: a count over a period, never a stock, so it is named in the note, not the table.
FIRM_COUNTS = ("firms_in_social_area", "firms_intervened_or_requisitioned")
OVER_PERIOD = "firms_privatised_or_returned"
SHARES = ("share_output_state_control_pct", "share_industrial_output_pct")
# Sectors in the order the charts list them (scope values of the CIA table in nationalisation.csv).
SECTORS = ("mining", "banking", "manufacturing", "whole economy (total)")
REFORM = ("estates_expropriated", "hectares_expropriated")
# Terms of the governments whose expropriations the agrarian-reform rows total: (start, end) months.
TERMS = {"frei": ((1964, 11), (1970, 11)), "allende": ((1970, 11), (1973, 9))}
LATER = INK  # the later year (1972), or the Popular Unity government
EARLIER = FAINT  # the earlier year (1970), or the Frei government

register(
    {
        # shared pieces
        "struggle.period.span": {"en": "{start} – {end}", "es": "{start} a {end}"},
        "struggle.period.one_year": {
            "en": "{first}–{last} {year}",
            "es": "{first} a {last} de {year}",
        },
        "struggle.period.years": {"en": "{n} years", "es": "{n} años"},
        "struggle.period.year": {"en": "1 year", "es": "1 año"},
        "struggle.period.months": {"en": "{n} months", "es": "{n} meses"},
        "struggle.period.length": {"en": "{period} ({length})", "es": "{period} ({length})"},
        "struggle.day": {"en": "{day} {month} {year}", "es": "{day} de {month} de {year}"},
        "struggle.sep": {"en": " · ", "es": " · "},
        "struggle.article_only": {
            "en": "the article's figure, confirmed by no other source found",
            "es": "cifra del artículo, sin otra fuente que la confirme",
        },
        # occupations
        "struggle.occ.headline": {
            "en": "The sources found count occupations only over periods: 312 land seizures "
            "in Santiago, 1967-1972",
            "es": "Las fuentes halladas cuentan las tomas solo por períodos: 312 tomas de terreno "
            "en Santiago, 1967-1972",
        },
        "struggle.occ.subtitle": {
            "en": "Occupations of land and factories: totals over the period each source gives, "
            "not yearly counts. Occupations and families are different units and are not added.",
            "es": "Tomas de terrenos e industrias: totales del período que da cada fuente, no "
            "cifras anuales. Tomas y familias son unidades distintas y no se suman.",
        },
        "struggle.occ.note": {
            "en": "Note: no source read gives a yearly national count of factory or farm "
            "occupations for 1965-1973. A source that gives years only is read as 1 January to "
            "31 December.",
            "es": "Nota: ninguna fuente consultada da una cifra anual nacional de tomas de "
            "industrias o de fundos para 1965-1973. Una fuente que solo da años se lee como del "
            "1 de enero al 31 de diciembre.",
        },
        "struggle.occ.what": {"en": "{what} {area}", "es": "{what} {area}"},
        "struggle.occ.urban_land.occupations": {
            "en": "urban land seizures (tomas de terreno)",
            "es": "tomas de terreno",
        },
        "struggle.occ.urban_land.families": {
            "en": "families taking part in those land seizures",
            "es": "familias que participaron en esas tomas de terreno",
        },
        "struggle.occ.rural_land.occupations": {
            "en": "farm seizures (tomas de fundos)",
            "es": "tomas de fundos",
        },
        "struggle.occ.rural_land.families": {
            "en": "families taking part in those farm seizures",
            "es": "familias que participaron en esas tomas de fundos",
        },
        "struggle.occ.rural_land.estates in conflict": {
            "en": "farms hit by conflicts, seizures included,",
            "es": "predios afectados por conflictos, tomas incluidas,",
        },
        "struggle.occ.factory.occupations": {
            "en": "factory occupations (tomas de industrias)",
            "es": "tomas de industrias",
        },
        "struggle.occ.factory.families": {
            "en": "families taking part in those factory occupations",
            "es": "familias que participaron en esas tomas de industrias",
        },
        "struggle.area.santiago": {"en": "in Santiago", "es": "en Santiago"},
        "struggle.area.chile": {"en": "in Chile", "es": "en Chile"},
        # the social area
        "struggle.social.headline": {
            "en": "How large was the social area? The figures found count different things, "
            "from 43 to 150 firms",
            "es": "¿Qué tamaño tuvo el área social? Las cifras halladas cuentan cosas distintas, "
            "de 43 a 150 empresas",
        },
        "struggle.social.subtitle": {
            "en": "Firms in the social (state) area, as each source counts them at a date: too few "
            "figures, and too different, to be joined into a line",
            "es": "Empresas del área social (estatal), según las cuenta cada fuente en una fecha: "
            "cifras muy pocas, y muy distintas, para unirlas en una línea",
        },
        "struggle.social.note": {
            "en": "Not shown: {n} firms and assets privatised or returned to their owners between "
            "September 1973 and 1990 (Chamber of Deputies inquiry), a count over those years, not "
            "the firms the state held at the coup.",
            "es": "No se muestran: {n} empresas y activos privatizados o devueltos a sus dueños "
            "entre septiembre de 1973 y 1990 (comisión investigadora de la Cámara de Diputados), "
            "una cifra de esos años, no las empresas en manos del Estado el día del golpe.",
        },
        "struggle.social.firms_in_social_area": {
            "en": "firms in the social area",
            "es": "empresas en el área social",
        },
        "struggle.social.firms_in_social_area.article": {
            "en": "firms taken into the social property area, of some 3,500",
            "es": "empresas incorporadas al área de propiedad social, de unas 3500",
        },
        "struggle.social.firms_in_social_area.allende_letter_ps_1973": {
            "en": "firms on the list of a bill delimiting the social area: planned, not held",
            "es": "empresas en la lista de un proyecto de ley que delimitaba el área social: "
            "previstas, no en poder del Estado",
        },
        "struggle.social.scope.social-area firms that were state property before 4 Nov 1970": {
            "en": "firms of the social area that the state already owned before November 1970",
            "es": "empresas del área social que ya eran del Estado antes de noviembre de 1970",
        },
        "struggle.social.scope.firms incorporated into the social area by government decision "
        "since 4 Nov 1970": {
            "en": "firms the government brought into the social area after November 1970",
            "es": "empresas que el gobierno incorporó al área social desde noviembre de 1970",
        },
        "struggle.social.firms_intervened_or_requisitioned.mensaje_1972_allende": {
            "en": "firms under intervention or requisition, not counted in the social area",
            "es": "empresas intervenidas o requisadas, no contadas en el área social",
        },
        "struggle.social.firms_intervened_or_requisitioned": {
            "en": "social-area firms under intervention or requisition, whose expropriation "
            "the government requested",
            "es": "empresas del área social intervenidas o requisadas, cuya expropiación pidió "
            "el gobierno",
        },
        "struggle.firms": {"en": "firms", "es": "empresas"},
        # agrarian reform
        "struggle.agr.headline": {
            "en": "In under three years Allende's government expropriated 3.4 times as many "
            "estates as Frei's did in six",
            "es": "En menos de tres años el gobierno de Allende expropió 3,4 veces más predios "
            "que el de Frei en seis",
        },
        "struggle.agr.subtitle": {
            "en": "Agrarian reform: estates (predios) and land expropriated, totals for each "
            "government's whole term",
            "es": "Reforma agraria: predios y tierras expropiados, totales de todo el período de "
            "cada gobierno",
        },
        "struggle.agr.note": {
            "en": "Note: one memorial website gives both totals and cites no source of its own; "
            "no annual split was found.",
            "es": "Nota: un sitio web de memoria da ambos totales sin citar su propia fuente; no "
            "se halló un desglose anual.",
        },
        "struggle.agr.estates_expropriated": {
            "en": "Estates expropriated",
            "es": "Predios expropiados",
        },
        "struggle.agr.hectares_expropriated": {
            "en": "Land expropriated, million hectares",
            "es": "Tierras expropiadas, millones de hectáreas",
        },
        "struggle.gov.frei": {"en": "Frei government", "es": "Gobierno de Frei"},
        "struggle.gov.allende": {"en": "Allende government", "es": "Gobierno de Allende"},
        "struggle.gov.label": {"en": "{name}\n{period}", "es": "{name}\n{period}"},
        # state control and the state's share
        "struggle.control.headline": {
            "en": "Between 1970 and 1972 the state's share of mining output more than doubled, "
            "to 97%",
            "es": "Entre 1970 y 1972 la participación del Estado en la producción minera se "
            "duplicó con creces, hasta el 97 %",
        },
        "struggle.share.headline": {
            "en": "By 1972 the state held almost all of mining and banking, but under half of "
            "manufacturing",
            "es": "En 1972 el Estado controlaba casi toda la minería y la banca, pero menos de la "
            "mitad de la industria",
        },
        "struggle.control.subtitle": {
            "en": "Share of each sector's output under state control, %, 1970 and 1972 (a CIA "
            "memorandum of December 1972)",
            "es": "Porcentaje de la producción de cada sector bajo control estatal, 1970 y 1972 "
            "(memorando de la CIA de diciembre de 1972)",
        },
        "struggle.control.note": {
            "en": "Note: hollow, the 1972 values, footnoted in the source's table (probably "
            "estimates). The table gives the whole economy in 1972 only as a range, not shown.",
            "es": "Nota: vacíos, los valores de 1972, con nota al pie en la tabla de la fuente "
            "(probablemente estimaciones). La tabla da la economía entera en 1972 solo como un "
            "rango, que no se muestra.",
        },
        "struggle.control.range": {
            "en": "1972: only a range given",
            "es": "1972: solo se da un rango",
        },
        "struggle.sector.mining": {"en": "Mining", "es": "Minería"},
        "struggle.sector.banking": {"en": "Banking", "es": "Banca"},
        "struggle.sector.manufacturing": {"en": "Manufacturing", "es": "Industria"},
        "struggle.sector.whole economy (total)": {
            "en": "Whole economy",
            "es": "Economía en su conjunto",
        },
        "struggle.share.bar": {"en": "{value} in {year}", "es": "{value} en {year}"},
        "struggle.share.other": {
            "en": "{who} gives {value} for {sector} in {year}.",
            "es": "{who} da {value} para el sector {sector} en {year}.",
        },
    }
)


# ---------------------------------------------------------------------------------------------
# Pieces


def _period(start: pd.Timestamp, end: pd.Timestamp, lang: str) -> str:
    """A period as a reader writes it, with its length "January 1967 – December 1972 (6 years)"."""
    months = MONTHS[lang].split()
    if start.year == end.year:
        text = t(
            "struggle.period.one_year",
            lang,
            first=months[start.month - 1],
            last=months[end.month - 1],
            year=start.year,
        )
    else:
        text = t(
            "struggle.period.span",
            lang,
            start=fmt_month(start.year, start.month, lang),
            end=fmt_month(end.year, end.month, lang),
        )
    n = (end.year - start.year) * 12 + end.month - start.month + 1
    if n % 12:
        length = t("struggle.period.months", lang, n=n)
    elif n == 12:
        length = t("struggle.period.year", lang)
    else:
        length = t("struggle.period.years", lang, n=n // 12)
    return t("struggle.period.length", lang, period=text, length=length)


def _date(day: pd.Timestamp, lang: str) -> str:
    """A date: the month alone where the data give the first of a month ("July 1971"), else the
    day ("29 January 1973")."""
    if day.day == 1:
        return fmt_month(day.year, day.month, lang)
    month = MONTHS[lang].split()[day.month - 1]
    return t("struggle.day", lang, day=day.day, month=month, year=day.year)


def _provenance(sid: str, lang: str) -> str:
    """Who gives a figure: the source's short name, or the article's figure, said as such."""
    return t("struggle.article_only", lang) if sid == ARTICLE else source_name(sid, lang)


def _table(ax: Axes, rows: list[dict], lang: str) -> None:
    """A table chart: one row per figure, its number large on the left, what it counts beside it
    (bold) and, below, when and who; the article's figures carry a hollow star."""
    ax.set_axis_off()
    ax.set_xlim(0, 1)
    ax.set_ylim(0, 1)
    ax.set_xticks([])
    ax.set_yticks([])
    n = len(rows)
    sep = t("struggle.sep", lang)
    # Up to four rows at full size; more rows, smaller type and longer lines.
    big, what_size, what_width, detail_size, detail_width = (
        (24, 11.5, 76, 9.5, 105) if n <= 4 else (17, 9.5, 96, 8.5, 118)
    )
    texts = []
    for i, row in enumerate(rows):
        y = 1 - (i + 0.5) / n
        if i:
            ax.plot([0, 1], [1 - i / n] * 2, color="0.85", lw=0.8, transform=ax.transAxes)
        article = row["source_id"] == ARTICLE
        texts.append(
            ax.text(
                0.2,
                y,
                row["number"],
                ha="right",
                va="center",
                fontsize=big,
                fontweight="bold",
                color=INK,
                transform=ax.transAxes,
            )
        )
        if article:
            ax.plot(
                [0.02],
                [y],
                marker="*",
                markersize=15,
                markerfacecolor="none",
                markeredgecolor=ARTICLE_STYLE["color"],
                markeredgewidth=1.4,
                linestyle="none",
                transform=ax.transAxes,
            )
        texts.append(
            ax.text(
                0.225,
                y + 0.012,
                textwrap.fill(row["what"], what_width, break_on_hyphens=False),
                ha="left",
                va="bottom",
                fontsize=what_size,
                fontweight="bold",
                color=INK,
                transform=ax.transAxes,
            )
        )
        texts.append(
            ax.text(
                0.225,
                y - 0.012,
                textwrap.fill(
                    sep.join([row["when"], row["who"]]), detail_width, break_on_hyphens=False
                ),
                ha="left",
                va="top",
                fontsize=detail_size,
                color=ARTICLE_STYLE["color"] if article else "0.3",
                transform=ax.transAxes,
            )
        )
    for text in texts:  # the table fills the axes: its texts must not shrink them
        text.set_in_layout(False)


def _area(area: str, lang: str) -> str:
    key = f"struggle.area.{area.lower()}"
    return t(key, lang) if key in STRINGS else say(area, lang)


# ---------------------------------------------------------------------------------------------
# Figures


def occupations(lang: str = "en") -> Figure:
    """Occupations as the sources count them: each figure a total over the period it covers.

    The counts found are totals for a period (312 urban land seizures in Santiago, 1967-1972, and
    the 54,710 families who took part in them) or the article's figure for one year (339 factory
    occupations in 1971). Rows of different units, kinds and periods can be neither added nor set on
    one scale, so the chart is a table: one row per dataset row, its count printed, labelled with
    what it counts, where, the period it covers and its source."""
    frame = load("occupations")
    frame = frame.assign(
        _kind=frame["kind"].map({k: i for i, k in enumerate(KINDS)}),
        _unit=(frame["unit"] != "occupations").astype(int),
    ).sort_values(["period_start", "_kind", "_unit", "source_id"])
    fig, ax = new_figure()
    rows = []
    for r in frame.itertuples():
        what = t(f"struggle.occ.{r.kind}.{r.unit}", lang)
        rows.append(
            {
                "number": fmt_number(r.count, lang),
                "what": t("struggle.occ.what", lang, what=what, area=_area(r.area, lang)),
                "when": _period(r.period_start, r.period_end, lang),
                "who": _provenance(r.source_id, lang),
                "source_id": r.source_id,
            }
        )
        record(
            ax,
            f"{r.kind} ({r.unit}), {r.area}",
            [f"{r.period_start:%Y-%m-%d}/{r.period_end:%Y-%m-%d}"],
            [int(r.count)],
            r.source_id,
            kind="callout",
            role="article" if r.source_id == ARTICLE else "preferred",
        )
    _table(ax, rows, lang)
    return finish(
        fig,
        ax,
        title=t("struggle.occ.headline", lang),
        subtitle=t("struggle.occ.subtitle", lang),
        note=t("struggle.occ.note", lang),
        lang=lang,
    )


def social_area(lang: str = "en") -> Figure:
    """Firms in the social (state) area: each count of firms at a date, as its source gives it.

    The dataset holds three such counts, and they count different things (the article's firms taken
    into the social area by July 1971; a bill's list of 90 firms, planned, and the 49 firms under
    intervention or requisition, both in Allende's letter of 29 January 1973): too few, and too
    unlike, for a line, so each is a row of a table. The inquiry's 725 firms privatised or returned
    in 1973-1990 are a count over a period, never a stock: named in the note, outside the table."""
    frame = load("nationalisation")
    counts = frame[frame["indicator"].isin(FIRM_COUNTS) & (frame["unit"] == "firms")]
    counts = counts.sort_values(["date", "value"], ascending=[True, False])
    fig, ax = new_figure()
    rows = []
    for r in counts.itertuples():
        keys = (
            f"struggle.social.scope.{r.scope}",
            f"struggle.social.{r.indicator}.{r.source_id}",
            f"struggle.social.{r.indicator}",
        )
        rows.append(
            {
                "number": fmt_number(r.value, lang),
                "what": t(next(k for k in keys if k in STRINGS), lang),
                "when": _date(r.date, lang),
                "who": _provenance(r.source_id, lang),
                "source_id": r.source_id,
            }
        )
        record(
            ax,
            r.indicator,
            [f"{r.date:%Y-%m-%d}"],
            [float(r.value)],
            r.source_id,
            kind="callout",
            role="article" if r.source_id == ARTICLE else "preferred",
        )
    _table(ax, rows, lang)
    later = frame[frame["indicator"] == OVER_PERIOD]
    note = None
    if len(later):
        inquiry = later.iloc[0]
        note = t("struggle.social.note", lang, n=fmt_number(inquiry["value"], lang))
        record(
            ax,
            OVER_PERIOD,
            [f"{inquiry['date']:%Y-%m-%d}"],
            [float(inquiry["value"])],
            str(inquiry["source_id"]),
            kind="callout",
            role="context",
        )
    return finish(
        fig,
        ax,
        title=t("struggle.social.headline", lang),
        subtitle=t("struggle.social.subtitle", lang),
        note=note,
        lang=lang,
        source_ids=list(later["source_id"].astype(str))[:1],
    )


def agrarian_reform(lang: str = "en") -> Figure:
    """Estates and land expropriated under the agrarian reform: one total per government's term.

    Two panels, since estates and hectares cannot share a scale; in each, one bar per government
    (Frei grey, Allende ink), its value printed. The totals are the dataset's rows as given."""
    frame = load("nationalisation")
    fig, axes = new_figure(nrows=1, ncols=2, sharey=True)
    labels: list[str] = []
    for ax, indicator in zip(axes, REFORM, strict=True):
        rows = frame[frame["indicator"] == indicator].sort_values("date").reset_index(drop=True)
        decimals = 0 if (rows["value"] == rows["value"].round()).all() else 1
        names = [str(s).split()[0].lower() for s in rows["scope"]]
        colours = [LATER if name == "allende" else EARLIER for name in names]
        ax.barh(range(len(rows)), rows["value"], height=0.62, color=colours)
        for i, value in enumerate(rows["value"]):
            ax.text(
                value,
                i,
                f" {fmt_number(value, lang, decimals)}",
                ha="left",
                va="center",
                fontsize=13,
                fontweight="bold",
                color=colours[i],
            )
        record(
            ax,
            indicator,
            [f"{d:%Y-%m-%d}" for d in rows["date"]],
            [float(v) for v in rows["value"]],
            list(rows["source_id"].astype(str)),
            kind="bars",
        )
        ax.set_title(t(f"struggle.agr.{indicator}", lang), loc="left", fontsize=11)
        ax.set_xlim(0, float(rows["value"].max()) * 1.3)
        ax.set_xticks([])
        ax.grid(False)
        for side in ("top", "right", "bottom"):
            ax.spines[side].set_visible(False)
        if not labels:
            for name in names:
                (y0, m0), (y1, m1) = TERMS[name]
                period = t(
                    "struggle.period.span",
                    lang,
                    start=fmt_month(y0, m0, lang, short=True),
                    end=fmt_month(y1, m1, lang, short=True),
                )
                labels.append(
                    t(
                        "struggle.gov.label",
                        lang,
                        name=t(f"struggle.gov.{name}", lang),
                        period=period,
                    )
                )
    axes[0].set_yticks(range(len(labels)), labels, fontsize=10)
    axes[0].set_ylim(len(labels) - 0.4, -0.6)
    axes[0].tick_params(axis="y", left=False)
    axes[1].tick_params(axis="y", left=False, labelleft=False)
    return finish(
        fig,
        axes[0],
        title=t("struggle.agr.headline", lang),
        subtitle=t("struggle.agr.subtitle", lang),
        note=t("struggle.agr.note", lang),
        lang=lang,
    )


def _shares() -> pd.DataFrame:
    """The rows of the share of each sector's output under state control, by year, from every
    source (the CIA's table gives most)."""
    frame = load("nationalisation")
    rows = frame[frame["indicator"].isin(SHARES)]
    rows = rows.assign(year=[d.year for d in rows["date"]])
    return rows[rows["scope"].isin(SECTORS)]


def _sectors(rows: pd.DataFrame) -> list[str]:
    return [s for s in SECTORS if s in set(rows["scope"])]


def _percent_axis(ax: Axes, lang: str) -> None:
    ax.set_xlim(0, 112)
    ax.set_xticks([0, 25, 50, 75, 100])
    ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _: fmt_pct(v, lang)))
    ax.grid(axis="y", visible=False)
    for side in ("top", "right", "left"):
        ax.spines[side].set_visible(False)
    ax.tick_params(axis="y", left=False)


def state_share(lang: str = "en") -> Figure:
    """The state's share of each sector's output: one horizontal bar per row of the CIA table
    (1970 grey, 1972 hollow ink: footnoted in the table), each labelled with its value and year."""
    every = _shares()
    sid = preferred_source(every, "value")
    rows, others = every[every["source_id"] == sid], every[every["source_id"] != sid]
    sectors = _sectors(rows)
    years = sorted(set(rows["year"]))
    fig, ax = new_figure()
    height = 0.36
    ticks = []
    for i, sector in enumerate(sectors):
        g = rows[rows["scope"] == sector].sort_values("year")
        offsets = [(j - (len(years) - 1) / 2) * (height + 0.04) for j in range(len(years))]
        for r in g.itertuples():
            y = i + offsets[years.index(r.year)]
            later = r.year == years[-1] and len(years) > 1
            colour = LATER if later else EARLIER
            ax.barh(
                y,
                r.value,
                height=height,
                color="white" if later else colour,
                edgecolor=colour,
                linewidth=1.6 if later else 0,
            )
            ax.text(
                r.value + 1.2,
                y,
                t("struggle.share.bar", lang, value=fmt_pct(r.value, lang), year=r.year),
                ha="left",
                va="center",
                fontsize=10,
                fontweight="bold" if later else "normal",
                color=colour if later else "0.35",
            )
            record(
                ax,
                f"share of output under state control: {sector}",
                [f"{r.date:%Y-%m-%d}"],
                [float(r.value)],
                str(r.source_id),
                kind="bars",
            )
        if len(years) > 1 and years[-1] not in set(g["year"]):
            ax.text(
                1.2,
                i + offsets[-1],
                t("struggle.control.range", lang),
                ha="left",
                va="center",
                fontsize=9.5,
                fontstyle="italic",
                color="0.35",
            )
        ticks.append(t(f"struggle.sector.{sector}", lang))
    ax.set_yticks(range(len(sectors)), ticks, fontsize=11)
    ax.set_ylim(len(sectors) - 0.45, -0.55)
    _percent_axis(ax, lang)
    ax.set_xlim(0, 125)
    return finish(
        fig,
        ax,
        title=t("struggle.share.headline", lang),
        subtitle=t("struggle.control.subtitle", lang),
        note=" ".join(
            [t("struggle.control.note", lang)]
            + [_other_share(ax, r, lang) for r in others.itertuples()]
        ),
        lang=lang,
    )


def _other_share(ax: Axes, r, lang: str) -> str:
    """A share another source gives, said in the note (and recorded as context): a source of one
    figure is not a bar beside a table's."""
    record(
        ax,
        f"share of output under state control: {r.scope}",
        [f"{r.date:%Y-%m-%d}"],
        [float(r.value)],
        str(r.source_id),
        kind="callout",
        role="context",
    )
    return t(
        "struggle.share.other",
        lang,
        who=_provenance(str(r.source_id), lang),
        value=fmt_pct(r.value, lang),
        sector=t(f"struggle.sector.{r.scope}", lang).lower(),
        year=r.year,
    )
