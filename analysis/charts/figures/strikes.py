"""Strike figures: the long run, the workers involved and the size of strikes.

Story charts. The preferred series is the ILO's (via Clio-Infra), by the one rule of
:func:`analysis.study.sources.preferred_source`; the OHL-COES observatory counts another thing (legal
and extra-legal strikes from the press, from 1979) and is drawn as its own, labelled line. The
suspect 1967 count is hollow and left out of the line and of the axis range; 1974-1978 has no series.
"""

from __future__ import annotations

from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter

from analysis.charts.figures._common import (
    article_marks,
    finish,
    key_events,
    story_series,
    up_band,
)
from analysis.charts.i18n import fmt_number, register, t
from analysis.charts.style import INK, label_ends, new_figure
from analysis.data.datasets import load
from analysis.study.indicators import workers_per_strike as _wps
from analysis.study.strikes_lesson import suspect

EVENTS = ("Popular Front wins", "Coup", "Plan Laboral")
ILO = "clioinfra_labour_disputes"
OHL = "ohl_coes_lafferte_tables"
OHL_COLOR = "#0072B2"

register(
    {
        "strikes.headline": {
            "en": "Strikes rose almost sixfold between 1964 and 1972, then were crushed by the coup",
            "es": "Las huelgas casi se sextuplicaron entre 1964 y 1972; el golpe las aplastó",
        },
        "strikes.subtitle": {
            "en": "Labour disputes (strikes and lockouts) per year, Chile 1932-1990",
            "es": "Conflictos laborales (huelgas y cierres patronales) por año, Chile 1932-1990",
        },
        "strikes.workers.headline": {
            "en": "The workers on strike peaked in 1970 and 1973, at 650,000-710,000 a year",
            "es": "Los trabajadores en huelga tocaron techo en 1970 y 1973: 650.000-710.000 al año",
        },
        "strikes.workers.subtitle": {
            "en": "Workers involved in labour disputes per year, thousands, Chile 1932-1990",
            "es": "Trabajadores involucrados en conflictos laborales por año, en miles, Chile 1932-1990",
        },
        "strikes.size.headline": {
            "en": "Strikes got smaller as they multiplied: about 115 workers each in 1971-72",
            "es": "Las huelgas se achicaron al multiplicarse: unos 115 trabajadores cada una en 1971-72",
        },
        "strikes.size.subtitle": {
            "en": "Average workers involved per labour dispute, Chile 1932-1990",
            "es": "Promedio de trabajadores involucrados por conflicto laboral, Chile 1932-1990",
        },
        "strikes.offscale": {
            "en": "{year}: {value} workers per dispute,\noff the scale (suspect) \u2191",
            "es": "{year}: {value} trabajadores por conflicto,\nfuera de escala (dudoso) \u2191",
        },
        "strikes.ilo": {"en": "ILO", "es": "OIT"},
        "strikes.ohl": {"en": "OHL-COES\n(from 1979)", "es": "OHL-COES\n(desde 1979)"},
        "strikes.note": {
            "en": "Note: 1974-1978 no series. 1967 (hollow) left out: its 114 disputes are probably "
            "a digitising error. From 1979 the OHL-COES observatory counts legal and extra-legal "
            "strikes from press reports, a different coverage. Stars: the article's figures.",
            "es": "Nota: 1974-1978 sin serie. 1967 (vacío) excluido: sus 114 conflictos son "
            "probablemente un error de digitación. Desde 1979 el observatorio OHL-COES cuenta "
            "huelgas legales y extralegales según la prensa, otra cobertura. Estrellas: cifras "
            "del artículo.",
        },
        "strikes.note.workers": {
            "en": "Note: 1974-1978 no series. From 1979 the OHL-COES observatory counts legal and "
            "extra-legal strikes from press reports, a different coverage. Stars: the article's "
            "figures.",
            "es": "Nota: 1974-1978 sin serie. Desde 1979 el observatorio OHL-COES cuenta huelgas "
            "legales y extralegales según la prensa, otra cobertura. Estrellas: cifras del "
            "artículo.",
        },
        "strikes.note.size": {
            "en": "Note: workers involved divided by disputes, per source and year. 1974-1978 no "
            "series. 1967 (hollow) left out: its dispute count is probably a digitising error.",
            "es": "Nota: trabajadores involucrados divididos por conflictos, por fuente y año. "
            "1974-1978 sin serie. 1967 (vacío) excluido: su número de conflictos es probablemente "
            "un error de digitación.",
        },
    }
)


def _chart(lang: str, frame, column: str, key: str, *, scale: float = 1.0, note: str) -> Figure:
    """The common shape of the strike charts: the ILO line, OHL-COES from 1979, events, the UP."""
    fig, ax = new_figure()
    up_band(ax, lang)
    flag = suspect if column != "workers_involved" else None
    ilo = frame[frame["source_id"].isin([ILO, "article"])]
    _, main = story_series(
        ax, ilo, "year", column, lang, series=t("strikes.ilo", lang), scale=scale, suspect=flag
    )
    ohl = frame[frame["source_id"] == OHL]
    ends = [(main["_x"].iloc[-1], main["_y"].iloc[-1], t("strikes.ilo", lang), INK)]
    if ohl[column].notna().sum() >= 4:
        _, later = story_series(
            ax,
            ohl,
            "year",
            column,
            lang,
            series=t("strikes.ohl", lang),
            scale=scale,
            color=OHL_COLOR,
            lw=1.8,
            others=False,
        )
        ends.append(
            (later["_x"].iloc[-1], later["_y"].iloc[-1], t("strikes.ohl", lang), OHL_COLOR)
        )
    article_marks(ax, frame, "year", column, lang, series=t("article", lang), scale=scale)
    ax.set_xlim(1930, 1991)
    # The axis fits the values the story rests on: a suspect value off the scale is named, not drawn.
    shown = [r["value"] / scale for r in fig._chile73["data"] if r["role"] != "suspect"]
    top = max(shown) * 1.1
    ax.set_ylim(0, top)
    off = frame[(frame["source_id"] == ILO) & suspect(frame) & (frame[column] / scale > top)]
    for r in off.itertuples():
        ax.annotate(
            t(
                "strikes.offscale",
                lang,
                year=r.year,
                value=fmt_number(getattr(r, column) / scale, lang),
            ),
            (r.year, top),
            xytext=(4, -4),
            textcoords="offset points",
            ha="right",
            va="top",
            fontsize=8,
            color="0.3",
        )
    ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _: fmt_number(v, lang)))
    key_events(ax, lang, "1930-01-01", "1990-12-31", EVENTS)
    finish(
        fig,
        ax,
        title=t(f"{key}.headline", lang),
        subtitle=t(f"{key}.subtitle", lang),
        note=note,
        lang=lang,
        label_room=0.1,
    )
    label_ends(ax, ends)
    return fig


def strike_wave(lang: str = "en") -> Figure:
    """Strikes per year, 1932-1990: the ILO series, OHL-COES from 1979, the article's figures."""
    return _chart(lang, load("strikes"), "strikes", "strikes", note=t("strikes.note", lang))


def strike_workers(lang: str = "en") -> Figure:
    """Workers involved in strikes per year, in thousands."""
    return _chart(
        lang,
        load("strikes"),
        "workers_involved",
        "strikes.workers",
        scale=1000,
        note=t("strikes.note.workers", lang),
    )


def workers_per_strike(lang: str = "en") -> Figure:
    """Average workers per labour dispute (workers involved / disputes, per year): about 115 in
    1971-1972, against 182-361 in 1964-1970 and 347 in 1973, on the ILO series."""
    frame = load("strikes")
    frame = frame[frame["source_id"] != "article"]
    return _chart(
        lang,
        frame.assign(workers_per_strike=_wps(frame)),
        "workers_per_strike",
        "strikes.size",
        note=t("strikes.note.size", lang),
    )
