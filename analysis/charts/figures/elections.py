"""Election figures: presidential races 1932-1970, the 1970 three-way race, the Popular Unity's vote,
the Chamber of Deputies by party, the March 1973 election, the "three thirds" and the electorate.

Story charts. Every election in ``elections.csv`` has its own sources (one id per page or file), so
the preferred source is chosen election by election, by the one rule of
:func:`analysis.study.sources.preferred_source`. An election's result is a count of votes, so the
rule is applied to the ``votes`` column (its default): the source drawn is one that gives the count
from which the shares follow; sources that print shares only (rounded, as in a press article) are
drawn as grey hollow marks where a chart shows other sources. The article's figures are hollow stars.

Colours come from :mod:`analysis.charts.palette`: one per party and per bloc, on every chart, never
by finishing position. Since each election has its own source, a party's results in successive
elections are recorded as points (one source each), joined by a thin line to guide the eye; a
series of three elections or fewer is drawn as labelled bars.
"""

from __future__ import annotations

import pandas as pd
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch
from matplotlib.ticker import FuncFormatter

from analysis.charts.figures._common import events, finish, marks, stars
from analysis.charts.i18n import fmt_number, fmt_pct, register, say, t
from analysis.charts.palette import (
    BLOC_COLOR,
    CANDIDATE_BLOC,
    PARTY_BLOC,
    SURNAME,
    bloc_of,
    color_of,
    surname,
)
from analysis.charts.style import (
    FAINT,
    INK,
    decimal_year,
    label_ends,
    new_figure,
    record,
)
from analysis.data.datasets import load
from analysis.study.sources import ARTICLE, preferred_source

UP = "Unidad Popular"
CODE = "Confederación de la Democracia (CODE)"
RACE_1970 = "1970-09-04"
MUNICIPAL_1971 = "1971-04-04"
MARCH_1973 = "1973-03-04"
# The parties of the Chamber chart, in the order of their labels.
PARTIES = ("PDC", "PN", "PL", "PCU", "PR", "PS", "PC")
# The blocs of the "three thirds" chart (palette.PARTY_BLOC and palette.CANDIDATE_BLOC map to them).
THIRDS = ("left", "centre", "right", "radical")
# The alliance of the 1970 candidates as elections.csv writes it -> its name on a chart.
BACKING = {
    "Unidad Popular": "elections.backing.up",
    "Partido Nacional / independents": "elections.backing.pn",
    "Partido Demócrata Cristiano": "elections.backing.pdc",
}
MAJORITY = 50.0
TWO_THIRDS = 200 / 3

register(
    {
        # shared
        "elections.bloc.left": {"en": "Left", "es": "Izquierda"},
        "elections.bloc.centre": {"en": "Centre (PDC)", "es": "Centro (DC)"},
        "elections.bloc.radical": {"en": "Radicals", "es": "Radicales"},
        "elections.bloc.right": {"en": "Right", "es": "Derecha"},
        "elections.bloc.ibanez": {"en": "Ibáñez, independents", "es": "Ibáñez, independientes"},
        "elections.bloc.others": {"en": "Others", "es": "Otros"},
        "elections.majority": {"en": "absolute majority", "es": "mayoría absoluta"},
        "elections.half": {"en": "half", "es": "mitad"},
        "elections.series.share": {
            "en": "share of valid votes (%)",
            "es": "porcentaje de los votos válidos",
        },
        "elections.series.cast": {
            "en": "share of all ballots (%)",
            "es": "porcentaje de los votos emitidos",
        },
        "elections.series.votes": {"en": "votes", "es": "votos"},
        "elections.series.congress": {
            "en": "votes in Congress",
            "es": "votos en el Congreso",
        },
        "elections.series.seats": {"en": "seats", "es": "escaños"},
        "elections.series.deputies": {"en": "Chamber of Deputies", "es": "Cámara de Diputados"},
        "elections.series.senate": {"en": "Senate", "es": "Senado"},
        "elections.series.registered": {"en": "registered voters", "es": "inscritos"},
        "elections.series.ballots": {"en": "ballots cast", "es": "votos emitidos"},
        "elections.series.turnout": {
            "en": "ballots cast as a share of registered voters (%)",
            "es": "votos emitidos como porcentaje de los inscritos",
        },
        "elections.others_note": {
            "en": "Grey circles: other sources, same basis.",
            "es": "Círculos grises: otras fuentes, misma base.",
        },
        # presidential elections
        "elections.pres.headline": {
            "en": "After 1942 only Frei, in 1964, won a majority; Allende won in 1970 with {share}",
            "es": "Después de 1942 solo Frei, en 1964, logró mayoría; Allende ganó en 1970 con "
            "el {share}",
        },
        "elections.pres.subtitle": {
            "en": "Share of valid votes of each candidate (%), presidential elections 1932-1970, "
            "in order of votes; colour: the candidate's party or bloc",
            "es": "Porcentaje de los votos válidos de cada candidato, elecciones presidenciales "
            "1932-1970, en orden de votos; color: partido o bloque del candidato",
        },
        "elections.pres.note": {
            "en": "Note: without an absolute majority, Congress chose the president between the "
            "first two. Not labelled: {small}. One source per election, the one that gives the "
            "vote counts.",
            "es": "Nota: sin mayoría absoluta, el Congreso elegía al presidente entre los dos "
            "primeros. Sin rótulo: {small}. Una fuente por elección, la que da los votos.",
        },
        "elections.pres.small": {"en": "{name} {share} ({year})", "es": "{name} {share} ({year})"},
        # 1970
        "elections.1970.headline": {
            "en": "Allende won with {share} of the vote, {margin} votes ahead of Alessandri: "
            "no candidate had a majority",
            "es": "Allende ganó con el {share} de los votos, {margin} votos más que Alessandri: "
            "ningún candidato tuvo mayoría",
        },
        "elections.1970.subtitle": {
            "en": "Presidential election of 4 September 1970: share of valid votes (%) and votes "
            "of each candidate",
            "es": "Elección presidencial del 4 de septiembre de 1970: porcentaje de los votos "
            "válidos y votos de cada candidato",
        },
        "elections.1970.value": {
            "en": "{share}   {votes} votes",
            "es": "{share}   {votes} votos",
        },
        "elections.1970.note": {
            "en": "Note: grey circles: other sources of the share of valid votes. Stars: the "
            "article's figures ({article}), shares of all ballots including blank and null ones; "
            "on that basis the same source gives {cast}. Congress confirmed Allende on 24 October "
            "1970 by {yes} votes to {no}.",
            "es": "Nota: círculos grises: otras fuentes del porcentaje de votos válidos. "
            "Estrellas: cifras del artículo ({article}), porcentajes de todos los votos emitidos, "
            "blancos y nulos incluidos; sobre esa base la misma fuente da {cast}. El Congreso "
            "ratificó a Allende el 24 de octubre de 1970 por {yes} votos contra {no}.",
        },
        "elections.backing.up": {"en": "Unidad Popular", "es": "Unidad Popular"},
        "elections.backing.pn": {
            "en": "National Party and independents",
            "es": "Partido Nacional e independientes",
        },
        "elections.backing.pdc": {
            "en": "Christian Democrats (PDC)",
            "es": "Partido Demócrata Cristiano",
        },
        # the UP vote
        "elections.up.headline": {
            "en": "The Popular Unity rose from {a} in 1970 to {b} in 1971, and won {c} in 1973",
            "es": "La Unidad Popular subió del {a} en 1970 al {b} en 1971, y obtuvo el {c} en 1973",
        },
        "elections.up.subtitle": {
            "en": "Share of valid votes (%): Allende in the presidential election, the Popular "
            "Unity's parties and lists in the municipal and Chamber of Deputies elections",
            "es": "Porcentaje de los votos válidos: Allende en la elección presidencial, los "
            "partidos y listas de la Unidad Popular en las elecciones municipales y de diputados",
        },
        "elections.up.pres1970": {
            "en": "Presidential\n4 September 1970\n(Allende)",
            "es": "Presidencial\n4 de septiembre de 1970\n(Allende)",
        },
        "elections.up.mun1971": {
            "en": "Municipal\n4 April 1971\n(UP parties)",
            "es": "Municipal\n4 de abril de 1971\n(partidos de la UP)",
        },
        "elections.up.dep1973": {
            "en": "Chamber of Deputies\n4 March 1973\n(UP lists)",
            "es": "Diputados\n4 de marzo de 1973\n(listas de la UP)",
        },
        "elections.up.note": {
            "en": "Note: 1971 is the sum of the parties the source lists as Popular Unity ({parties}). "
            "Grey circles: other sources. Stars: the article's figures (for 1971 it says "
            "\u201calmost 50%\u201d).",
            "es": "Nota: 1971 es la suma de los partidos que la fuente asigna a la Unidad Popular "
            "({parties}). Círculos grises: otras fuentes. Estrellas: cifras del artículo (para "
            "1971 dice \u201ccasi 50 %\u201d).",
        },
        # the Chamber by party
        "elections.deputies.headline": {
            "en": "The Christian Democrats surged to {pdc} in 1965; the Radicals fell from {pr61} "
            "in 1961 to {pr73} in 1973",
            "es": "La Democracia Cristiana saltó al {pdc} en 1965; los radicales cayeron del "
            "{pr61} en 1961 al {pr73} en 1973",
        },
        "elections.deputies.subtitle": {
            "en": "Share of valid votes (%) of the main parties, Chamber of Deputies elections "
            "1961-1973",
            "es": "Porcentaje de los votos válidos de los principales partidos, elecciones de "
            "diputados 1961-1973",
        },
        "elections.deputies.note": {
            "en": "Note: PDC Christian Democrats, PS Socialists, PC Communists, PR Radicals, "
            "PL Liberals, PCU Conservatives; in 1966 the Liberals and Conservatives merged into the "
            "National Party (PN). The Radicals ran with the Popular Unity in 1973. "
            "Grey circles: other sources.",
            "es": "Nota: PDC Democracia Cristiana, PS socialistas, PC comunistas, PR radicales, "
            "PL liberales, PCU conservadores; en 1966 liberales y conservadores se fusionaron en el "
            "Partido Nacional (PN). Los radicales fueron con la Unidad Popular en 1973. "
            "Círculos grises: otras fuentes.",
        },
        # March 1973
        "elections.1973.headline": {
            "en": "March 1973: the Popular Unity won 44% of the vote, no majority; the opposition "
            "took 56% of the Senate seats renewed, far from two thirds",
            "es": "Marzo de 1973: la Unidad Popular obtuvo el 44 % de los votos, sin mayoría; la "
            "oposición ganó el 56 % de los escaños renovados del Senado, lejos de dos tercios",
        },
        "elections.1973.subtitle": {
            "en": "Parliamentary election of 4 March 1973, CODE against the Popular Unity: share "
            "of valid votes and of seats (%)",
            "es": "Elección parlamentaria del 4 de marzo de 1973, CODE frente a la Unidad "
            "Popular: porcentaje de los votos válidos y de los escaños",
        },
        "elections.1973.dep_votes": {
            "en": "Chamber of Deputies\nvotes",
            "es": "Cámara de Diputados\nvotos",
        },
        "elections.1973.dep_seats": {
            "en": "Chamber of Deputies\nseats",
            "es": "Cámara de Diputados\nescaños",
        },
        "elections.1973.sen_votes": {"en": "Senate\nvotes", "es": "Senado\nvotos"},
        "elections.1973.sen_seats": {
            "en": "Senate\nseats renewed",
            "es": "Senado\nescaños renovados",
        },
        "elections.1973.seats": {
            "en": "{share}   {n} of {total} seats",
            "es": "{share}   {n} de {total} escaños",
        },
        "elections.1973.two_thirds": {
            "en": "two thirds of the Senate:\nneeded to remove the president",
            "es": "dos tercios del Senado:\nnecesarios para destituir al presidente",
        },
        "elections.1973.up": {"en": "UP", "es": "UP"},
        "elections.1973.code": {"en": "CODE", "es": "CODE"},
        "elections.1973.note": {
            "en": "Note: only {total} of the 50 Senate seats were renewed in 1973; the Senate bars "
            "count those. Removing the president after a constitutional accusation took the votes "
            "of two thirds of the senators in office. CODE: PDC, PN and allies; UP: PS, PC, PR "
            "and allies. Grey circles: other sources. Star: the article's figure.",
            "es": "Nota: en 1973 se renovaron solo {total} de los 50 escaños del Senado; las barras "
            "del Senado cuentan esos. Destituir al presidente tras una acusación constitucional "
            "exigía los votos de dos tercios de los senadores en ejercicio. CODE: PDC, PN y "
            "aliados; UP: PS, PC, PR y aliados. Círculos grises: otras fuentes. Estrella: cifra "
            "del artículo.",
        },
        # three thirds
        "elections.thirds.headline": {
            "en": "The three thirds: in 1970 the left won {left}, the right {right} and the "
            "centre {centre}",
            "es": "Los tres tercios: en 1970 la izquierda obtuvo el {left}, la derecha el {right} "
            "y el centro el {centre}",
        },
        "elections.thirds.subtitle": {
            "en": "Share of valid votes (%) by bloc: Chamber of Deputies elections of 1961, 1965, "
            "1969 and 1973 (dots) and presidential elections of 1958, 1964 and 1970 (diamonds)",
            "es": "Porcentaje de los votos válidos por bloque: elecciones de diputados de 1961, "
            "1965, 1969 y 1973 (puntos) y presidenciales de 1958, 1964 y 1970 (rombos)",
        },
        "elections.thirds.deputies": {"en": "Chamber of Deputies", "es": "Diputados"},
        "elections.thirds.president": {"en": "Presidential", "es": "Presidencial"},
        "elections.thirds.note": {
            "en": "Note: left: PS, PC and the other parties of FRAP and the Popular Unity; centre: "
            "PDC; Radicals: PR and, in 1973, its splinters with CODE (PIR, DR); right: Liberals and "
            "Conservatives, from 1966 the National Party. Presidential: the candidate's bloc; in "
            "1964 the right ran no candidate and backed Frei. Small parties and independents left "
            "out.",
            "es": "Nota: izquierda: PS, PC y los demás partidos del FRAP y la Unidad Popular; "
            "centro: PDC; radicales: PR y, en 1973, sus escisiones en la CODE (PIR, DR); derecha: "
            "liberales y conservadores, desde 1966 el Partido Nacional. Presidenciales: el bloque "
            "del candidato; en 1964 la derecha no presentó candidato y apoyó a Frei. Partidos "
            "pequeños e independientes, excluidos.",
        },
        # turnout
        "elections.turnout.headline": {
            "en": "Registered voters rose from {first} million in 1932 to {last} million in 1973; "
            "{low}-{high} of them voted",
            "es": "Los inscritos pasaron de {first} millones en 1932 a {last} millones en 1973; "
            "votó entre el {low} y el {high} de ellos",
        },
        "elections.turnout.subtitle": {
            "en": "Registered voters and ballots cast (millions) at each election; above each bar: "
            "ballots cast as a share of registered voters (%)",
            "es": "Inscritos y votos emitidos (millones) en cada elección; sobre cada barra: votos "
            "emitidos como porcentaje de los inscritos",
        },
        "elections.turnout.registered": {"en": "Registered", "es": "Inscritos"},
        "elections.turnout.cast": {"en": "Voted", "es": "Votaron"},
        "elections.turnout.presidential": {"en": "pres.", "es": "pres."},
        "elections.turnout.deputies": {"en": "dep.", "es": "dip."},
        "elections.turnout.municipal": {"en": "mun.", "es": "mun."},
        "elections.turnout.women": {
            "en": "1952: first presidential\nelection open to women",
            "es": "1952: primera elección\npresidencial con mujeres",
        },
        "elections.turnout.noreg": {"en": "no register\nfigure", "es": "sin cifra\nde inscritos"},
        "elections.turnout.note": {
            "en": "Note: pres. presidential, dep. Chamber of Deputies, mun. municipal elections "
            "(Senate renewals left out: only part of the country voted). Ballots cast include "
            "blank and null ones. Grey circles: other sources' registered voters.",
            "es": "Nota: pres. presidencial, dip. diputados, mun. municipal (renovaciones del "
            "Senado excluidas: votaba solo una parte del país). Los votos emitidos incluyen "
            "blancos y nulos. Círculos grises: inscritos según otras fuentes.",
        },
    }
)


# ----- data ------------------------------------------------------------------------------------


def _day(frame: pd.DataFrame, date: str, election: str) -> pd.DataFrame:
    """The valid-vote rows of one election."""
    return frame[
        (frame["date"] == date)
        & (frame["election"] == election)
        & (frame["share_basis"] == "valid")
    ]


def _prefer(rows: pd.DataFrame) -> str:
    """The preferred source of one election's result: the rule on the votes, or on the shares
    where no source gives votes."""
    column = "votes" if rows["votes"].notna().any() else "share_pct"
    return preferred_source(rows, column)


def _result(
    frame: pd.DataFrame, date: str, election: str
) -> tuple[pd.DataFrame, str, pd.DataFrame]:
    """(the preferred source's rows in order of share, its id, every source's rows) for the
    candidates or parties of one election (alliance totals left out)."""
    rows = _day(frame, date, election).dropna(subset=["share_pct"])
    rows = rows[rows["contender"] != rows["alliance"].fillna("")]
    sid = _prefer(rows)
    best = rows[rows["source_id"] == sid].sort_values("share_pct", ascending=False)
    return best, sid, rows


def _dates(frame: pd.DataFrame, election: str) -> list[str]:
    days = frame.loc[frame["election"] == election, "date"]
    return sorted(days.dt.strftime("%Y-%m-%d").unique())


def _decimal(date: str) -> float:
    return decimal_year(pd.Timestamp(date))


def _ink_on(color: str) -> str:
    """White text on a dark fill, black on a light one."""
    r, g, b = (int(color[i : i + 2], 16) / 255 for i in (1, 3, 5))
    return "white" if 0.2126 * r + 0.7152 * g + 0.0722 * b < 0.55 else INK


def _faint(ax, xs, ys, markersize: float = 5, zorder: float = 4) -> None:
    marks(ax, xs, ys, color=FAINT, size=markersize, edge=1.0, zorder=zorder)


def _majority_line(
    ax, lang: str, *, lw: float, ls, zorder: float, ha: str, lead: str = ""
) -> None:
    """The 50% line of an absolute majority, labelled above the plot."""
    ax.axvline(MAJORITY, color=INK, lw=lw, ls=ls, zorder=zorder)
    ax.text(
        MAJORITY,
        1.0,
        f"{lead}{fmt_pct(MAJORITY, lang)}  {t('elections.majority', lang)}",
        transform=ax.get_xaxis_transform(),
        ha=ha,
        va="bottom",
        fontsize=8.5,
        color=INK,
    )


def _pct_axis(ax, lang: str, axis: str = "y") -> None:
    fmt = FuncFormatter(lambda v, _: fmt_number(v, lang))
    (ax.yaxis if axis == "y" else ax.xaxis).set_major_formatter(fmt)


def _series(name: str, what: str, lang: str) -> str:
    """The name of a recorded series in the chart's language: "Salvador Allende: votes"."""
    return f"{name}: {t(f'elections.series.{what}', lang)}"


def _bloc_name(bloc: str, lang: str) -> str:
    return t(f"elections.bloc.{bloc}", lang)


# ----- 1. presidential elections 1932-1970 ---------------------------------------------------


def presidential_elections(lang: str = "en") -> Figure:
    """Every presidential election 1932-1970: each candidate's share of the valid vote, one bar per
    election, candidates in order of votes, coloured by party or bloc."""
    frame = load("elections")
    dates = _dates(frame, "presidential")
    fig, ax = new_figure()
    segments = []  # (row, left, share, contender, colour)
    small = []
    for row, date in enumerate(dates):
        res, sid, _ = _result(frame, date, "presidential")
        left = 0.0
        for c in res.itertuples():
            share = float(c.share_pct)
            color = color_of(str(c.contender))
            ax.barh(row, share, left=left, height=0.72, color=color, edgecolor="white", lw=1)
            segments.append((row, left, share, str(c.contender), color))
            left += share
        for c in res.itertuples():
            record(
                ax,
                _series(str(c.contender), "share", lang),
                [date],
                [c.share_pct],
                sid,
                kind="bars",
            )
    _majority_line(ax, lang, lw=1.1, ls=(0, (2, 1.5)), zorder=0.5, ha="left", lead=" ")
    years = [d[:4] for d in dates]
    ax.set_yticks(range(len(dates)), years)
    ax.invert_yaxis()
    ax.set_xlim(0, 100)
    ax.set_xticks(range(0, 101, 25))
    _pct_axis(ax, lang, "x")
    ax.tick_params(axis="y", length=0)
    ax.grid(axis="y", visible=False)
    ax.grid(axis="x", visible=False)
    ax.spines["left"].set_visible(False)
    # The key names the blocs drawn (a bloc whose every candidate got under 1% is not seen).
    blocs = [b for b in BLOC_COLOR if any(bloc_of(s[3]) == b and s[2] >= 1 for s in segments)]
    ax.legend(
        handles=[Patch(color=BLOC_COLOR[b], label=_bloc_name(b, lang)) for b in blocs],
        loc="upper left",
        bbox_to_anchor=(0.0, -0.09),
        ncol=len(blocs),
        fontsize=8.5,
        handlelength=1.2,
        columnspacing=1.4,
        borderaxespad=0,
        frameon=False,
    )
    # A segment is labelled if its name fits inside it, measured on the layout (the finish below
    # changes only the height of the plot, not its width).
    fig.draw_without_rendering()
    scale = ax.get_window_extent().width / 100  # pixels per percentage point
    labels = []
    for row, left, share, contender, color in segments:
        name = say(surname(contender), lang)
        value = fmt_number(share, lang, 1)
        words = name.split()
        options = [(f"{name} {value}", 8), (f"{name}\n{value}", 8)]
        if len(words) > 2:
            cut = len(words) // 2
            options.append((f"{' '.join(words[:cut])}\n{' '.join(words[cut:])} {value}", 8))
        options.append((f"{name}\n{value}", 7))
        for text, size in options:
            probe = ax.text(0, 0, text, fontsize=size, linespacing=1.0)
            width = probe.get_window_extent().width
            probe.remove()
            if width + 8 < share * scale:
                labels.append((left + share / 2, row, text, color, size))
                break
        else:
            if contender in SURNAME:
                small.append(
                    t(
                        "elections.pres.small",
                        lang,
                        name=name,
                        share=fmt_pct(share, lang, 1 if share >= 0.1 else 2),
                        year=dates[row][:4],
                    )
                )
    winner_1970 = next(s for s in segments if s[0] == len(dates) - 1)
    finish(
        fig,
        ax,
        title=t("elections.pres.headline", lang, share=fmt_pct(winner_1970[2], lang, 1)),
        subtitle=t("elections.pres.subtitle", lang),
        note=t("elections.pres.note", lang, small="; ".join(small)),
        lang=lang,
    )
    for x, y, text, color, size in labels:
        ax.text(
            x,
            y,
            text,
            ha="center",
            va="center",
            fontsize=size,
            color=_ink_on(color),
            linespacing=1.0,
        )
    return fig


# ----- 2. the three-way race of 4 September 1970 ---------------------------------------------


def election_1970(lang: str = "en") -> Figure:
    """4 September 1970: the share of valid votes and the votes of Allende, Alessandri and Tomic
    from the preferred source; other sources grey, the article's figures (all ballots) as stars."""
    frame = load("elections")
    best, sid, rows = _result(frame, RACE_1970, "presidential")
    best = best.head(3)
    names = list(best["contender"])
    fig, ax = new_figure()
    ys = range(len(names))
    colors = [color_of(c) for c in names]
    ax.barh(list(ys), best["share_pct"], height=0.55, color=colors, zorder=2)
    for c in best.itertuples():
        record(
            ax,
            _series(str(c.contender), "share", lang),
            [RACE_1970],
            [c.share_pct],
            sid,
            kind="bars",
        )
        record(
            ax,
            _series(str(c.contender), "votes", lang),
            [RACE_1970],
            [c.votes],
            sid,
            kind="callout",
        )
    others = rows[(rows["source_id"] != sid) & rows["contender"].isin(names)]
    if not others.empty:
        _faint(ax, others["share_pct"], [names.index(c) - 0.4 for c in others["contender"]])
        for c in others.itertuples():
            record(
                ax,
                _series(str(c.contender), "share", lang),
                [RACE_1970],
                [c.share_pct],
                str(c.source_id),
                kind="points",
                role="other",
            )
    race = frame[(frame["date"] == RACE_1970) & (frame["election"] == "presidential")]
    art = race[(race["source_id"] == ARTICLE) & race["contender"].isin(names)]
    if not art.empty:
        stars(ax, art["share_pct"], [names.index(c) + 0.4 for c in art["contender"]])
        for c in art.itertuples():
            series = _series(
                str(c.contender), "cast" if c.share_basis == "cast" else "share", lang
            )
            record(ax, series, [RACE_1970], [c.share_pct], ARTICLE, kind="points", role="article")
    cast = race[(race["source_id"] == sid) & (race["share_basis"] == "cast")].set_index(
        "contender"
    )
    cast = cast.reindex([c for c in names if c in cast.index])
    for c, v in cast["share_pct"].items():
        record(ax, _series(str(c), "cast", lang), [RACE_1970], [v], sid, kind="callout")
    runoff = frame[
        (frame["election"] == "congressional_runoff")
        & (frame["date"].dt.year == 1970)
        & (frame["source_id"] == sid)
    ]
    for c in runoff.itertuples():
        record(
            ax,
            _series(str(c.contender), "congress", lang),
            [c.date],
            [c.votes],
            sid,
            kind="callout",
        )
    runoff = runoff.set_index("contender")["votes"]
    _majority_line(ax, lang, lw=0.9, ls=(0, (3, 2)), zorder=1, ha="center")
    top = float(best["share_pct"].max())
    for y, r in zip(ys, best.itertuples(), strict=True):
        ax.text(
            float(r.share_pct) + top * 0.03,
            y,
            t(
                "elections.1970.value",
                lang,
                share=fmt_pct(float(r.share_pct), lang, 1),
                votes=fmt_number(float(r.votes), lang),
            ),
            va="center",
            ha="left",
            fontsize=10,
            fontweight="bold",
            color=INK,
        )
    ticks = [
        f"{say(str(r.contender), lang)}\n{t(BACKING[str(r.alliance)], lang)}"
        for r in best.itertuples()
    ]
    ax.set_yticks(list(ys), ticks)
    ax.set_ylim(len(names) - 0.4, -0.6)
    ax.set_xlim(0, 60)
    ax.set_xticks(range(0, 61, 10))
    _pct_axis(ax, lang, "x")
    ax.tick_params(axis="y", length=0, labelsize=10)
    ax.grid(axis="y", visible=False)
    ax.grid(axis="x")
    ax.spines["left"].set_visible(False)
    first, second = best.iloc[0], best.iloc[1]
    art_by = art.set_index("contender")["share_pct"].reindex(names).dropna()
    finish(
        fig,
        ax,
        title=t(
            "elections.1970.headline",
            lang,
            share=fmt_pct(float(first["share_pct"]), lang, 1),
            margin=fmt_number(float(first["votes"] - second["votes"]), lang),
        ),
        subtitle=t("elections.1970.subtitle", lang),
        note=t(
            "elections.1970.note",
            lang,
            article=", ".join(fmt_pct(v, lang, 1) for v in art_by),
            cast=", ".join(fmt_pct(v, lang, 2) for v in cast["share_pct"]),
            yes=fmt_number(float(runoff.iloc[0]), lang),
            no=fmt_number(float(runoff.iloc[1]), lang),
        ),
        lang=lang,
    )
    return fig


# ----- 3. the Popular Unity's vote, 1970-1973 ------------------------------------------------


def _up_results(frame: pd.DataFrame) -> list[dict]:
    """The UP's share of the valid vote at its three national elections: the preferred source's
    value, the other sources' values and the article's, with the source of each."""
    out = []
    # 1970: Allende, from the preferred source of the whole race.
    _, sid, rows = _result(frame, RACE_1970, "presidential")
    allende = rows[rows["contender"] == "Salvador Allende"]
    out.append({"key": "elections.up.pres1970", "date": RACE_1970, "sid": sid, "rows": allende})
    # 1971: the sum of the parties each source assigns to the UP.
    rows = _day(frame, MUNICIPAL_1971, "municipal")
    parties = rows[(rows["alliance"] == UP) & (rows["contender"] != UP)]
    summed = (
        parties.groupby("source_id", as_index=False)
        .agg(share_pct=("share_pct", "sum"), votes=("votes", "sum"))
        .assign(contender=UP)
    )
    out.append(
        {
            "key": "elections.up.mun1971",
            "date": MUNICIPAL_1971,
            "sid": _prefer(parties),
            "rows": summed,
            "parties": parties,
        }
    )
    # 1973: the UP lists' total, as each source gives it.
    rows = _day(frame, MARCH_1973, "deputies")
    totals = rows[(rows["contender"] == UP) & (rows["alliance"] == UP)]
    totals = totals[totals["source_id"] != ARTICLE]
    out.append(
        {"key": "elections.up.dep1973", "date": MARCH_1973, "sid": _prefer(totals), "rows": totals}
    )
    return out


def up_vote(lang: str = "en") -> Figure:
    """The Popular Unity's share of the valid vote in 1970, 1971 and 1973: three labelled bars."""
    frame = load("elections")
    results = _up_results(frame)
    fig, ax = new_figure()
    values = []
    for i, res in enumerate(results):
        rows = res["rows"]
        best = float(rows.loc[rows["source_id"] == res["sid"], "share_pct"].iloc[0])
        values.append(best)
        ax.bar(i, best, width=0.5, color=color_of(UP), zorder=2)
        record(ax, _series(UP, "share", lang), [res["date"]], [best], res["sid"], kind="bars")
        ax.text(
            i,
            best + 1.2,
            fmt_pct(best, lang, 1),
            ha="center",
            va="bottom",
            fontsize=13,
            fontweight="bold",
            color=INK,
        )
        rest = rows[rows["source_id"] != res["sid"]]
        if not rest.empty:
            _faint(ax, [i + 0.36] * len(rest), rest["share_pct"])
            record(
                ax,
                _series(UP, "share", lang),
                [res["date"]] * len(rest),
                list(rest["share_pct"]),
                list(rest["source_id"]),
                kind="points",
                role="other",
            )
    art = frame[
        (frame["source_id"] == ARTICLE)
        & (frame["share_basis"] == "valid")
        & (frame["contender"].isin([UP, "Salvador Allende"]))
    ]
    dates = [r["date"] for r in results]
    art = art[art["date"].dt.strftime("%Y-%m-%d").isin(dates)]
    if not art.empty:
        xs = [dates.index(d) - 0.36 for d in art["date"].dt.strftime("%Y-%m-%d")]
        stars(ax, xs, art["share_pct"])
        record(
            ax,
            _series(UP, "share", lang),
            list(art["date"].dt.strftime("%Y-%m-%d")),
            list(art["share_pct"]),
            ARTICLE,
            kind="points",
            role="article",
        )
    ax.axhline(MAJORITY, color=INK, lw=0.9, ls=(0, (3, 2)), zorder=3)
    ax.text(
        2.62,
        MAJORITY,
        t("elections.half", lang),
        ha="right",
        va="bottom",
        fontsize=8.5,
        color=INK,
    )
    ax.set_xticks(range(len(results)), [t(r["key"], lang) for r in results])
    ax.set_xlim(-0.55, 2.65)
    ax.set_ylim(0, 60)
    ax.set_yticks(range(0, 61, 10))
    _pct_axis(ax, lang)
    ax.tick_params(axis="x", length=0)
    parties = results[1]["parties"]
    parties = parties[parties["source_id"] == results[1]["sid"]]
    finish(
        fig,
        ax,
        title=t(
            "elections.up.headline",
            lang,
            a=fmt_pct(values[0], lang, 1),
            b=fmt_pct(values[1], lang, 1),
            c=fmt_pct(values[2], lang, 1),
        ),
        subtitle=t("elections.up.subtitle", lang),
        note=t(
            "elections.up.note",
            lang,
            parties=", ".join(say(str(p), lang) for p in parties["contender"]),
        ),
        lang=lang,
    )
    return fig


# ----- 4. the Chamber of Deputies by party, 1961-1973 ----------------------------------------


def _deputies(frame: pd.DataFrame) -> list[tuple[str, str, pd.DataFrame, pd.DataFrame]]:
    """(date, preferred source, its party rows, every source's party rows) per Chamber election."""
    out = []
    for date in _dates(frame, "deputies"):
        best, sid, rows = _result(frame, date, "deputies")
        out.append((date, sid, best, rows))
    return out


def deputies_by_party(lang: str = "en") -> Figure:
    """The main parties' shares of the valid vote in the Chamber elections of 1961-1973."""
    frame = load("elections")
    elections = _deputies(frame)
    if not elections:
        raise ValueError("elections.csv has no Chamber of Deputies results on a valid-vote basis")
    fig, ax = new_figure()
    ends = []
    values: dict[str, dict[str, float]] = {}
    for party in PARTIES:
        pts = []
        for date, sid, best, rows in elections:
            hit = best[best["contender"] == party]
            if not hit.empty:
                pts.append((date, float(hit["share_pct"].iloc[0]), sid))
            rest = rows[(rows["contender"] == party) & (rows["source_id"] != sid)]
            if not rest.empty:
                _faint(ax, [_decimal(date)] * len(rest), rest["share_pct"], zorder=2)
                record(
                    ax,
                    _series(party, "share", lang),
                    [date] * len(rest),
                    list(rest["share_pct"]),
                    list(rest["source_id"]),
                    kind="points",
                    role="other",
                )
        if not pts:
            continue
        values[party] = {d: v for d, v, _ in pts}
        color = color_of(party)
        xs = [_decimal(d) for d, _, _ in pts]
        ax.plot(xs, [v for _, v, _ in pts], color=color, lw=1.6, zorder=3)
        ax.plot(
            xs,
            [v for _, v, _ in pts],
            linestyle="none",
            marker="o",
            markersize=7,
            color=color,
            markeredgecolor="white",
            markeredgewidth=0.8,
            zorder=4,
        )
        record(
            ax,
            _series(party, "share", lang),
            [d for d, _, _ in pts],
            [v for _, v, _ in pts],
            [s for _, _, s in pts],
            kind="points",
        )
        ends.append((xs[-1], pts[-1][1], say(party, lang), color))
    years = [int(d[:4]) for d, *_ in elections]
    ax.set_xticks([_decimal(d) for d, *_ in elections], [str(y) for y in years])
    ax.set_xlim(_decimal(elections[0][0]) - 0.6, _decimal(elections[-1][0]) + 0.4)
    ax.set_ylim(0, 50)
    _pct_axis(ax, lang)
    pdc = values["PDC"]
    pr = values["PR"]
    d61, d65, d73 = (
        next(d for d, *_ in elections if d.startswith(y)) for y in ("1961", "1965", "1973")
    )
    finish(
        fig,
        ax,
        title=t(
            "elections.deputies.headline",
            lang,
            pdc=fmt_pct(pdc[d65], lang, 1),
            pr61=fmt_pct(pr[d61], lang, 1),
            pr73=fmt_pct(pr[d73], lang, 1),
        ),
        subtitle=t("elections.deputies.subtitle", lang),
        note=t("elections.deputies.note", lang),
        lang=lang,
        label_room=0.07,
    )
    label_ends(ax, ends)
    return fig


# ----- 5. March 1973: CODE against the Popular Unity -----------------------------------------


def _sides_1973(frame: pd.DataFrame, chamber: str) -> tuple[str, pd.DataFrame, pd.DataFrame]:
    """(preferred source, its rows, every source's rows) for the two sides' totals in one chamber;
    the rows gain the seat share (seats over the seats of every list of that source)."""
    rows = _day(frame, MARCH_1973, chamber)
    lists = rows[rows["source_id"] != ARTICLE]
    seats = lists.groupby("source_id")["seats"].sum(min_count=1)
    lists = lists.assign(seat_total=lists["source_id"].map(seats))
    lists = lists.assign(seat_pct=lists["seats"] / lists["seat_total"] * 100)
    totals = lists[lists["contender"].isin([UP, CODE]) & (lists["contender"] == lists["alliance"])]
    sid = _prefer(totals)
    return sid, totals[totals["source_id"] == sid], totals


def election_1973(lang: str = "en") -> Figure:
    """The parliamentary election of 4 March 1973: the Popular Unity and CODE, their shares of the
    valid vote and of the seats in the Chamber and in the Senate's renewal, with the half and the
    two thirds of the Senate marked."""
    frame = load("elections")
    fig, ax = new_figure()
    rows_y = []
    y = 0.0
    senate_span = []
    totals = {}
    for chamber in ("deputies", "senate"):
        sid, best, every = _sides_1973(frame, chamber)
        best = best.set_index("contender")
        for measure in ("votes", "seats"):
            column = "share_pct" if measure == "votes" else "seat_pct"
            key = f"elections.1973.{'dep' if chamber == 'deputies' else 'sen'}_{measure}"
            rows_y.append((y + 0.5, t(key, lang)))
            for k, side in enumerate((UP, CODE)):
                yy = y + k
                value = float(best.loc[side, column])
                color = color_of(side)
                ax.barh(yy, value, height=0.78, color=color, zorder=2)
                name = t("elections.1973.up" if side == UP else "elections.1973.code", lang)
                what = "share" if measure == "votes" else "seats"
                series = _series(f"{name}, {t(f'elections.series.{chamber}', lang)}", what, lang)
                if measure == "votes":
                    text = fmt_pct(value, lang, 1)
                    record(
                        ax, series, [MARCH_1973], [best.loc[side, "share_pct"]], sid, kind="bars"
                    )
                else:
                    total = int(best.loc[side, "seat_total"])
                    totals[chamber] = total
                    text = t(
                        "elections.1973.seats",
                        lang,
                        share=fmt_pct(value, lang, 1),
                        n=fmt_number(float(best.loc[side, "seats"]), lang),
                        total=fmt_number(total, lang),
                    )
                    record(ax, series, [MARCH_1973], [best.loc[side, "seats"]], sid, kind="bars")
                ax.text(
                    1.2,
                    yy,
                    f"{name}    {text}",
                    ha="left",
                    va="center",
                    fontsize=10,
                    fontweight="bold",
                    color="white",
                )
                rest = every[(every["contender"] == side) & (every["source_id"] != sid)]
                rest = rest.dropna(subset=[column])
                if not rest.empty:
                    _faint(ax, rest[column], [yy] * len(rest), markersize=6)
                    raw = "share_pct" if measure == "votes" else "seats"
                    record(
                        ax,
                        series,
                        [MARCH_1973] * len(rest),
                        list(rest[raw]),
                        list(rest["source_id"]),
                        kind="points",
                        role="other",
                    )
                if measure == "votes" and chamber == "deputies":
                    day = _day(frame, MARCH_1973, chamber)
                    art = day[(day["source_id"] == ARTICLE) & (day["contender"] == side)]
                    if not art.empty:
                        stars(ax, art["share_pct"], [yy] * len(art))
                        record(
                            ax,
                            series,
                            [MARCH_1973] * len(art),
                            list(art["share_pct"]),
                            ARTICLE,
                            kind="points",
                            role="article",
                        )
            if chamber == "senate":
                senate_span += [y - 0.5, y + 1.5]
            y += 2.7
    ax.axvline(MAJORITY, color=INK, lw=0.9, ls=(0, (3, 2)), zorder=1)
    ax.text(
        MAJORITY,
        1.0,
        f"{fmt_pct(MAJORITY, lang)}",
        transform=ax.get_xaxis_transform(),
        ha="center",
        va="bottom",
        fontsize=8.5,
        color=INK,
    )
    lo, hi = min(senate_span), max(senate_span)
    ax.plot([TWO_THIRDS, TWO_THIRDS], [lo, hi], color=INK, lw=1.4, zorder=3)
    ax.text(
        TWO_THIRDS + 1,
        lo + 0.1,
        t("elections.1973.two_thirds", lang),
        ha="left",
        va="top",
        fontsize=8.5,
        color=INK,
    )
    ax.set_yticks([p for p, _ in rows_y], [label for _, label in rows_y])
    ax.set_ylim(y - 2.7 + 1.6, -0.6)
    ax.set_xlim(0, 100)
    ax.set_xticks(range(0, 101, 25))
    _pct_axis(ax, lang, "x")
    ax.tick_params(axis="y", length=0)
    ax.grid(axis="y", visible=False)
    ax.grid(axis="x", visible=False)
    ax.spines["left"].set_visible(False)
    finish(
        fig,
        ax,
        title=t("elections.1973.headline", lang),
        subtitle=t("elections.1973.subtitle", lang),
        note=t("elections.1973.note", lang, total=fmt_number(totals["senate"], lang)),
        lang=lang,
    )
    return fig


# ----- 6. the three thirds, 1958-1973 --------------------------------------------------------


def _by_bloc(best: pd.DataFrame, mapping: dict[str, str]) -> dict[str, float]:
    blocs = best["contender"].map(lambda c: mapping.get(str(c), "others"))
    return best.groupby(blocs)["share_pct"].sum().to_dict()


def three_thirds(lang: str = "en") -> Figure:
    """Left, centre, right (and the Radicals) 1958-1973: each bloc's share of the valid vote in the
    Chamber elections (dots) and the presidential elections (diamonds), by palette's mapping."""
    frame = load("elections")
    fig, ax = new_figure()
    chamber = [(d, sid, _by_bloc(best, PARTY_BLOC)) for d, sid, best, _ in _deputies(frame)]
    pres = []
    for date in _dates(frame, "presidential"):
        if date >= "1958":
            best, sid, _ = _result(frame, date, "presidential")
            pres.append((date, sid, _by_bloc(best, CANDIDATE_BLOC)))
    ends = []
    for bloc in THIRDS:
        color = BLOC_COLOR[bloc]
        pts = [(d, v[bloc], s) for d, s, v in chamber if bloc in v]
        xs = [_decimal(d) for d, _, _ in pts]
        ys = [v for _, v, _ in pts]
        ax.plot(xs, ys, color=color, lw=1.6, zorder=3)
        ax.plot(
            xs,
            ys,
            linestyle="none",
            marker="o",
            markersize=7,
            color=color,
            markeredgecolor="white",
            markeredgewidth=0.8,
            zorder=4,
        )
        name = _bloc_name(bloc, lang)
        record(
            ax,
            f"{name}: {t('elections.thirds.deputies', lang)}",
            [d for d, _, _ in pts],
            ys,
            [s for *_, s in pts],
            kind="points",
        )
        pp = [(d, v[bloc], s) for d, s, v in pres if bloc in v]
        ax.plot(
            [_decimal(d) for d, _, _ in pp],
            [v for _, v, _ in pp],
            linestyle="none",
            marker="D",
            markersize=8.5,
            color=color,
            markeredgecolor="white",
            markeredgewidth=1.0,
            zorder=5,
        )
        record(
            ax,
            f"{name}: {t('elections.thirds.president', lang)}",
            [d for d, _, _ in pp],
            [v for _, v, _ in pp],
            [s for *_, s in pp],
            kind="points",
        )
        ends.append((xs[-1], ys[-1], name, color))
    handles = [
        Line2D(
            [],
            [],
            linestyle="none",
            marker="o",
            markersize=7,
            color="0.45",
            label=t("elections.thirds.deputies", lang),
        ),
        Line2D(
            [],
            [],
            linestyle="none",
            marker="D",
            markersize=7.5,
            color="0.45",
            label=t("elections.thirds.president", lang),
        ),
    ]
    ax.legend(
        handles=handles, loc="upper left", fontsize=8.5, ncol=2, handletextpad=0.3, frameon=False
    )
    days = sorted({d for d, *_ in chamber} | {d for d, *_ in pres})
    ax.set_xlim(_decimal(days[0]) - 0.6, _decimal(days[-1]) + 0.4)
    ticks = range(1960, int(days[-1][:4]) + 1, 5)
    ax.set_xticks(list(ticks), [str(y) for y in ticks])
    ax.set_xticks(range(int(days[0][:4]), int(days[-1][:4]) + 1), minor=True)
    ax.set_ylim(0, 60)
    _pct_axis(ax, lang)
    y1970 = next(v for d, _, v in pres if d.startswith("1970"))
    finish(
        fig,
        ax,
        title=t(
            "elections.thirds.headline",
            lang,
            left=fmt_pct(y1970["left"], lang, 1),
            right=fmt_pct(y1970["right"], lang, 1),
            centre=fmt_pct(y1970["centre"], lang, 1),
        ),
        subtitle=t("elections.thirds.subtitle", lang),
        note=t("elections.thirds.note", lang),
        lang=lang,
        label_room=0.1,
    )
    label_ends(ax, ends)
    return fig


# ----- 7. registration and turnout, 1932-1973 ------------------------------------------------


KINDS = ("presidential", "deputies", "municipal")


def _turnout_rows(totals: pd.DataFrame) -> list[tuple[str, str, str, pd.Series, pd.DataFrame]]:
    """(date, election, preferred source, its row, every source's rows) per national election:
    the rule applied to turnout (ballots over registered, both from one source's row), or to
    the ballots where no source gives both."""
    rows = totals[totals["election"].isin(KINDS)]
    rows = rows.assign(turnout_pct=rows["votes_cast"] / rows["registered"] * 100)
    out = []
    for (date, election), g in rows.groupby([rows["date"].dt.strftime("%Y-%m-%d"), "election"]):
        column = "turnout_pct" if g["turnout_pct"].notna().any() else "votes_cast"
        sid = preferred_source(g, column)
        out.append((date, str(election), sid, g[g["source_id"] == sid].iloc[0], g))
    return sorted(out, key=lambda r: r[0])


def turnout(lang: str = "en") -> Figure:
    """Registered voters and ballots cast at each national election 1932-1973, with turnout (ballots
    over registered) written above the bars; the first presidential vote open to women marked."""
    totals = load("election_totals")
    elections = _turnout_rows(totals)
    fig, ax = new_figure()
    reg_color, cast_color, reg_ink = "#B9C7D6", "#2F4B6E", "#6F86A0"
    shares = []
    labels = []
    reg_series = t("elections.series.registered", lang)
    cast_series = t("elections.series.ballots", lang)
    turnout_series = t("elections.series.turnout", lang)
    for i, (date, election, sid, row, every) in enumerate(elections):
        if pd.notna(row["registered"]):
            ax.bar(i, row["registered"] / 1e6, width=0.72, color=reg_color, zorder=2)
            record(ax, reg_series, [date], [row["registered"]], sid, kind="bars")
        ax.bar(i, row["votes_cast"] / 1e6, width=0.5, color=cast_color, zorder=3)
        record(ax, cast_series, [date], [row["votes_cast"]], sid, kind="bars")
        rest = every[(every["source_id"] != sid)].dropna(subset=["registered"])
        if not rest.empty:
            _faint(ax, [i] * len(rest), rest["registered"] / 1e6, markersize=6)
            record(
                ax,
                reg_series,
                [date] * len(rest),
                list(rest["registered"]),
                list(rest["source_id"]),
                kind="points",
                role="other",
            )
        top = max(float(v) for v in (row["registered"], row["votes_cast"]) if pd.notna(v))
        if pd.notna(row["turnout_pct"]):
            share = float(row["turnout_pct"])
            shares.append(share)
            text = fmt_pct(share, lang)
            record(ax, turnout_series, [date], [share], sid, kind="callout")
        else:
            text = t("elections.turnout.noreg", lang)
        highest = max([top, *rest["registered"].astype(float)]) / 1e6
        ax.text(i, highest + 0.08, text, ha="center", va="bottom", fontsize=8.5, color=INK)
        labels.append(f"{date[:4]}\n{t('elections.turnout.' + election, lang)}")
    ax.set_xticks(range(len(elections)), labels)
    ax.tick_params(axis="x", length=0, labelsize=8.5)
    ax.set_xlim(-0.6, len(elections) - 0.4)
    ax.set_ylim(0, 5.2)
    ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _: fmt_number(v, lang)))
    # The first presidential election open to women, where events.csv says so.
    women = events("1952-09-04", "1952-09-04", labels=["Ibáñez elected"])
    if not women.empty and women["description_en"].str.contains("women").any():
        k = next(i for i, e in enumerate(elections) if e[0] == "1952-09-04")
        ax.axvline(k - 0.5, color="0.35", lw=0.8, ls=":", zorder=1)
        ax.text(
            k - 0.45,
            0.97,
            t("elections.turnout.women", lang),
            transform=ax.get_xaxis_transform(),
            ha="left",
            va="top",
            fontsize=8,
            color="0.25",
        )
    first = elections[0][3]["registered"] / 1e6
    last = elections[-1][3]["registered"] / 1e6
    finish(
        fig,
        ax,
        title=t(
            "elections.turnout.headline",
            lang,
            first=fmt_number(first, lang, 2),
            last=fmt_number(last, lang, 2),
            low=fmt_number(min(shares), lang),
            high=fmt_pct(max(shares), lang),
        ),
        subtitle=t("elections.turnout.subtitle", lang),
        note=t("elections.turnout.note", lang),
        lang=lang,
        label_room=0.09,
    )
    n = len(elections) - 1
    label_ends(
        ax,
        [
            (
                n + 0.36,
                elections[-1][3]["registered"] / 1e6,
                t("elections.turnout.registered", lang),
                reg_ink,
            ),
            (
                n + 0.25,
                elections[-1][3]["votes_cast"] / 2e6,
                t("elections.turnout.cast", lang),
                cast_color,
            ),
        ],
    )
    return fig
