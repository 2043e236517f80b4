"""The source and note lines printed under a chart, written from the sources' short attributions.

A chart names every source whose values it plots, in full, and only those: the sources of event
markers are not data. A Spanish chart names its sources in Spanish: an attribution is translated in
:data:`analysis.charts.sources_es.SPANISH` where it has words to translate (titles of works stay as
published)."""

from __future__ import annotations

from collections.abc import Iterable

from analysis.charts.i18n import say, t
from analysis.charts.sources_es import SPANISH
from analysis.data.datasets import load

# The pseudo-source of a chart that counts values across every dataset (the coverage chart).
ALL = "*"
# An evidence chart that sums up the whole suite (coverage, disagreements, the audit) plots values of
# dozens of sources; past this many its credit points to its data file, which names the source of
# every point. A story chart always names each of its sources.
MOST_NAMED = 8


def source_name(source_id: str, lang: str = "en") -> str:
    """A source's short attribution in the language of the chart."""
    if source_id == "article":
        return t("article.source", lang)
    if source_id == ALL:
        return t("datasets.all", lang)
    if lang == "es" and source_id in SPANISH:
        return say(SPANISH[source_id], lang)
    table = load("sources").set_index("source_id")["attribution"]
    return say(str(table[source_id]), lang)


def credit_line(source_ids: Iterable[str], lang: str = "en", *, evidence: bool = False) -> str:
    """The credit: "Source: A." or "Sources: A; B.", each source once, in the order given."""
    ids = list(dict.fromkeys(source_ids))
    if evidence and len(ids) > MOST_NAMED:
        return t("credit.many", lang, n=len(ids))
    names = list(dict.fromkeys(source_name(s, lang) for s in ids))
    label = t("source" if len(names) == 1 else "sources", lang)
    return f"{label}: {'; '.join(names)}."
