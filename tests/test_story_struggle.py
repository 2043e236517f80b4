"""The struggle and chronology figures show the dataset's rows as given: occupations and firm counts
as a table of period totals (never a yearly axis), the agrarian reform and the state's share as
bars of the rows' values, and the events of 1970-1973 once each, labelled in the chart's language.
"""

from __future__ import annotations

from functools import cache

import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.patches import Rectangle

from analysis.charts.figures import chronology, struggle
from analysis.charts.i18n import fmt_number, fmt_pct
from analysis.data.datasets import load
from analysis.study.sources import preferred_source

LANGS = ("en", "es")


@cache
def drawn(name: str, lang: str):
    module = chronology if name == "timeline" else struggle
    fig = getattr(module, name)(lang=lang)
    FigureCanvasAgg(fig).draw()
    return fig


def texts(fig) -> list[str]:
    out = [x.get_text() for x in fig.texts]
    for ax in fig.axes:
        out += [x.get_text() for x in ax.texts]
        out += [lab.get_text() for lab in ax.get_yticklabels()]
    return out


def flat(text: str) -> str:
    return " ".join(text.split())


def records(fig, **match) -> list[dict]:
    return [r for r in fig._chile73["data"] if all(r[k] == v for k, v in match.items())]


def bars(ax) -> list[Rectangle]:
    return [p for p in ax.patches if isinstance(p, Rectangle) and p.get_width() > 0]


# ----- occupations: a table of period totals ---------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
def test_occupations_table_has_one_row_per_dataset_row(lang: str) -> None:
    fig = drawn("occupations", lang)
    rows = load("occupations")
    got = sorted((r["x"], r["value"], r["source_id"]) for r in records(fig, kind="callout"))
    want = sorted(
        (f"{a:%Y-%m-%d}/{b:%Y-%m-%d}", int(n), s)
        for a, b, n, s in zip(
            rows["period_start"], rows["period_end"], rows["count"], rows["source_id"], strict=True
        )
    )
    assert got == want
    shown = " ".join(texts(fig))
    for n in rows["count"]:
        assert fmt_number(n, lang) in shown
    assert not records(fig, kind="line"), "a total over a period is never a line"
    assert not fig.axes[0].axison, "no time axis"


@pytest.mark.parametrize(
    ("lang", "label"),
    [
        ("en", "January 1967 – December 1972 (6 years)"),
        ("es", "enero de 1967 a diciembre de 1972 (6 años)"),
        ("en", "January–December 1971 (1 year)"),
        ("es", "enero a diciembre de 1971 (1 año)"),
    ],
)
def test_occupations_rows_are_labelled_with_their_periods(lang: str, label: str) -> None:
    assert any(label in flat(x) for x in texts(drawn("occupations", lang)))


def test_period_labels_count_months_when_not_whole_years() -> None:
    import pandas as pd

    text = struggle._period(pd.Timestamp("1971-01-01"), pd.Timestamp("1972-04-30"), "en")
    assert text == "January 1971 – April 1972 (16 months)"
    text = struggle._period(pd.Timestamp("1971-01-01"), pd.Timestamp("1972-04-30"), "es")
    assert text == "enero de 1971 a abril de 1972 (16 meses)"


def test_occupations_article_row_is_marked_as_the_article() -> None:
    fig = drawn("occupations", "en")
    article = records(fig, role="article")
    assert [r["value"] for r in article] == [339]
    assert any("the article's figure" in x for x in texts(fig))


def test_occupations_headline_is_true_to_the_data() -> None:
    rows = load("occupations")
    santiago = rows[(rows["area"] == "Santiago") & (rows["unit"] == "occupations")]
    assert santiago["count"].tolist() == [312]
    assert "312" in drawn("occupations", "en")._chile73["title"]
    assert (
        santiago["period_start"].dt.year.tolist(),
        santiago["period_end"].dt.year.tolist(),
    ) == (
        [1967],
        [1972],
    )


# ----- the social area ----------------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
def test_social_area_shows_the_firm_counts_and_keeps_the_period_count_out(lang: str) -> None:
    fig = drawn("social_area", lang)
    rows = load("nationalisation")
    firms = rows[rows["indicator"].isin(struggle.FIRM_COUNTS)]
    shown = sorted((r["x"], r["value"], r["source_id"]) for r in records(fig, kind="callout"))
    shown = [s for s in shown if s[1] != 725]
    want = sorted(
        (f"{d:%Y-%m-%d}", float(v), s)
        for d, v, s in zip(firms["date"], firms["value"], firms["source_id"], strict=True)
    )
    assert shown == want
    assert not records(fig, kind="line"), "counts of different things are never joined"
    inquiry = records(fig, series=struggle.OVER_PERIOD)
    assert [r["role"] for r in inquiry] == ["context"], "the 725 firms are context, not a stock"
    assert not any(
        flat(x).startswith("725") for ax in fig.axes for x in [t.get_text() for t in ax.texts]
    )
    headline = fig._chile73["title"]
    counts = firms[firms["indicator"] != struggle.OVER_PERIOD]["value"]
    for v in (counts.min(), counts.max()):  # "from 43 to 150 firms"
        assert fmt_number(v, lang) in headline


# ----- agrarian reform ------------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
def test_agrarian_bars_are_the_dataset_rows(lang: str) -> None:
    fig = drawn("agrarian_reform", lang)
    rows = load("nationalisation")
    for ax, indicator in zip(fig.axes, struggle.REFORM, strict=True):
        given = rows[rows["indicator"] == indicator].sort_values("date")["value"].tolist()
        assert sorted(p.get_width() for p in bars(ax)) == sorted(given)
        assert [r["value"] for r in records(fig, series=indicator)] == given


def test_agrarian_headline_is_true_to_the_data() -> None:
    rows = load("nationalisation").set_index(["indicator", "date"])["value"]
    frei = rows[("estates_expropriated", "1964-11-01")]
    allende = rows[("estates_expropriated", "1970-11-01")]
    assert round(allende / frei, 1) == 3.4
    assert "3.4 times" in drawn("agrarian_reform", "en")._chile73["title"]
    assert "3,4 veces" in drawn("agrarian_reform", "es")._chile73["title"]


# ----- the state's control and share of output --------------------------------------------------


def _shares():
    rows = load("nationalisation")
    return rows[rows["indicator"].isin(struggle.SHARES)]


def _cia():
    rows = _shares()
    return rows[rows["source_id"] == "cia_1972_supply_demand_gap"]


@pytest.mark.parametrize("lang", LANGS)
def test_state_share_bars_are_the_dataset_rows(lang: str) -> None:
    fig = drawn("state_share", lang)
    # The bars are the CIA table's rows; a share from another source is said in the note.
    assert sorted(p.get_width() for p in bars(fig.axes[0])) == sorted(_cia()["value"])
    shown = " ".join(texts(fig))
    for v in _shares()["value"]:
        assert fmt_pct(v, lang) in shown
    others = _shares()[_shares()["source_id"] != "cia_1972_supply_demand_gap"]
    assert set(others["source_id"]) <= set(fig._chile73["sources"])


def test_state_headlines_are_true_to_the_data() -> None:
    rows = _cia().assign(year=lambda f: f["date"].dt.year).set_index(["scope", "year"])["value"]
    assert rows[("mining", 1972)] == 97 and rows[("mining", 1972)] > 2 * rows[("mining", 1970)]
    assert rows[("banking", 1972)] >= 95 and rows[("manufacturing", 1972)] < 50


# ----- the chronology -------------------------------------------------------------------------


def test_chronology_draws_each_event_once() -> None:
    events, other = chronology.chronology_events()
    assert events["label_en"].is_unique
    frame = load("events")
    frame = frame[(frame["date"] >= chronology.START) & (frame["date"] <= chronology.END)]
    frame = frame[~frame["label_en"].isin(chronology.OFF_TIMELINE)]
    assert set(events["label_en"]) == set(frame["label_en"])
    # events.csv dates three events twice, on two dates: each is drawn once, the other date listed;
    # a second row giving the same date only confirms it
    twice = frame[frame["label_en"].duplicated(keep=False)]
    two_dates = {k for k, g in twice.groupby("label_en") if g["date"].nunique() > 1}
    assert set(other["label_en"]) == two_dates
    assert len(events) + len(other) == len(frame.drop_duplicates(["label_en", "date"]))


def test_chronology_date_is_the_preferred_sources_not_a_slip() -> None:
    events, _ = chronology.chronology_events()
    frame = load("events")
    frame = frame[(frame["date"] >= chronology.START) & (frame["date"] <= chronology.END)]
    frame = frame[~frame["label_en"].isin(chronology.OFF_TIMELINE)]
    twice = frame[frame["label_en"].duplicated(keep=False)]
    for label, group in twice.groupby("label_en"):
        fit = group[~chronology._slip(group)]
        drawn_row = events[events["label_en"] == label].iloc[0]
        assert drawn_row["source_id"] == preferred_source(fit, "date"), label
    copper = events[events["label_en"] == "Copper nationalised"]
    assert copper["date"].dt.strftime("%Y-%m-%d").tolist() == ["1971-07-11"]


@pytest.mark.parametrize("lang", LANGS)
def test_chronology_labels_are_the_events_in_the_chart_language(lang: str) -> None:
    fig = drawn("timeline", lang)
    events, other = chronology.chronology_events()
    labels = [x.get_text() for x in fig.axes[0].texts]
    for text in events[f"label_{lang}"]:
        assert labels.count(text) == 1, text
    assert [r["value"] for r in records(fig, role="preferred")] == list(events["label_en"])
    assert [r["value"] for r in records(fig, role="other")] == list(other["label_en"])
    note = flat(fig._chile73["note"])
    for text in other[f"label_{lang}"]:
        assert text in note
