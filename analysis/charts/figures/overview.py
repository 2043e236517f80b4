"""Overview figures (evidence charts): what each dataset covers, and where sources disagree."""

from __future__ import annotations

from matplotlib.figure import Figure
from matplotlib.patches import Patch
from matplotlib.ticker import FuncFormatter

from analysis.charts.figures._common import finish
from analysis.charts.i18n import fmt_pct, register, t
from analysis.charts.style import INK, new_figure, record
from analysis.study.tables import QUANTITIES, YEARS, coverage_table, disagreement_table

register(
    {
        "coverage.headline": {
            "en": "Every dataset reaches into the Popular Unity years; occupations and "
            "nationalisation cover the fewest years",
            "es": "Todos los conjuntos de datos llegan a los años de la Unidad Popular; tomas y "
            "nacionalizaciones cubren menos años",
        },
        "coverage.subtitle": {
            "en": "Years with at least one sourced value, by dataset; dark where two or more "
            "sources give one",
            "es": "Años con al menos un valor con fuente, por conjunto de datos; oscuro donde dos "
            "o más fuentes lo dan",
        },
        "coverage.one": {"en": "one source", "es": "una fuente"},
        "coverage.many": {"en": "two or more sources", "es": "dos o más fuentes"},
        "coverage.series": {"en": "sources giving a value", "es": "fuentes que dan un valor"},
        "disagree.headline": {
            "en": "Sources agree closely on votes and debt; for 1972 the official and corrected "
            "price indices differ by 57%",
            "es": "Las fuentes coinciden en votos y deuda; para 1972 el índice de precios oficial "
            "y los corregidos difieren un 57 %",
        },
        "disagree.subtitle": {
            "en": "Each dot is one quantity given by two or more sources: largest value over "
            "smallest, minus one (%, log scale)",
            "es": "Cada punto es una cifra que dan dos o más fuentes: valor mayor sobre menor, "
            "menos uno (%, escala log.)",
        },
        "disagree.note": {
            "en": "Note: strike series that count different things (the ILO's labour disputes, "
            "the OHL-COES observatory's strikes from 1979) are not compared. Values under 0.01% "
            "are drawn at 0.01%.",
            "es": "Nota: no se comparan series de huelgas que cuentan cosas distintas (los "
            "conflictos de la OIT, las huelgas del observatorio OHL-COES desde 1979). Los valores "
            "bajo 0,01 % se dibujan en 0,01 %.",
        },
        "disagree.count": {"en": "n = {n}", "es": "n = {n}"},
        "dataset.strikes": {"en": "Strikes", "es": "Huelgas"},
        "dataset.elections": {"en": "Election results", "es": "Resultados electorales"},
        "dataset.election_totals": {"en": "Electorate and turnout", "es": "Electorado y votación"},
        "dataset.inflation": {"en": "Inflation", "es": "Inflación"},
        "dataset.consumer_prices": {
            "en": "Consumer price index",
            "es": "Índice de precios al consumidor",
        },
        "dataset.external_debt": {"en": "External debt", "es": "Deuda externa"},
        "dataset.events": {"en": "Events", "es": "Hechos"},
        "dataset.copper": {"en": "Copper", "es": "Cobre"},
        "dataset.economy": {"en": "Economy", "es": "Economía"},
        "dataset.latin_america": {"en": "Latin America", "es": "América Latina"},
        "dataset.nationalisation": {"en": "Nationalisation", "es": "Nacionalizaciones"},
        "dataset.occupations": {"en": "Occupations (tomas)", "es": "Tomas"},
    }
)


def _pct_tick(value: float, lang: str) -> str:
    decimals = 0 if value >= 1 else (1 if value >= 0.1 else 2)
    return fmt_pct(value, lang, decimals)


def coverage(lang: str = "en") -> Figure:
    """A bar for every year each dataset has a sourced value; darker where two or more sources do."""
    table = coverage_table()
    fig, ax = new_figure()
    names = list(YEARS)
    for i, name in enumerate(names):
        g = table[table["dataset"] == name]
        one = g[g["sources"] == 1]["calendar_year"]
        many = g[g["sources"] > 1]["calendar_year"]
        ax.broken_barh([(y - 0.45, 0.9) for y in one], (i - 0.35, 0.7), color="0.75")
        ax.broken_barh([(y - 0.45, 0.9) for y in many], (i - 0.35, 0.7), color=INK)
        record(
            ax,
            f"{t(f'dataset.{name}', lang)}: {t('coverage.series', lang)}",
            list(g["calendar_year"]),
            list(g["sources"]),
            "*",
            kind="bars",
            role="context",
        )
    ax.set_yticks(range(len(names)), [t(f"dataset.{n}", lang) for n in names])
    ax.invert_yaxis()
    ax.set_xlim(1875, 1992)
    ax.grid(axis="x")
    ax.grid(axis="y", visible=False)
    ax.legend(
        handles=[
            Patch(color="0.75", label=t("coverage.one", lang)),
            Patch(color=INK, label=t("coverage.many", lang)),
        ],
        loc="lower left",
        ncols=2,
        bbox_to_anchor=(0, 1.0),
    )
    return finish(
        fig,
        ax,
        title=t("coverage.headline", lang),
        subtitle=t("coverage.subtitle", lang),
        lang=lang,
        evidence=True,
    )


def source_disagreements(lang: str = "en") -> Figure:
    """Each quantity given by two or more sources: how far apart they are, dataset by dataset."""
    table = disagreement_table()
    fig, ax = new_figure()
    names = list(QUANTITIES)
    for i, name in enumerate(names):
        g = table[table["dataset"] == name]
        xs = g["spread_pct"].clip(lower=0.01)
        ax.plot(
            xs,
            [i] * len(xs),
            linestyle="none",
            marker="o",
            markerfacecolor="none",
            markeredgecolor=INK,
            markersize=7,
            alpha=0.8,
        )
        ax.text(
            1.01,
            i,
            t("disagree.count", lang, n=len(g)),
            transform=ax.get_yaxis_transform(),
            va="center",
            fontsize=9,
        )
        label = t(f"dataset.{name}", lang)
        periods = [str(q) for q in g["quantity"]]
        record(ax, label, periods, list(g["spread_pct"]), list(g["low_source"]), kind="points")
        record(ax, label, periods, list(g["spread_pct"]), list(g["high_source"]), kind="points")
    ax.set_xscale("log")
    ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _: _pct_tick(v, lang)))
    ax.set_yticks(range(len(names)), [t(f"dataset.{n}", lang) for n in names])
    ax.set_ylim(len(names) - 0.5, -0.5)
    ax.grid(axis="x")
    ax.grid(axis="y", visible=False)
    return finish(
        fig,
        ax,
        title=t("disagree.headline", lang),
        subtitle=t("disagree.subtitle", lang),
        note=t("disagree.note", lang),
        lang=lang,
        evidence=True,
        label_room=0.06,
    )
