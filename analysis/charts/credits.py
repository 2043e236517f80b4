"""The credit line printed under a chart, written from the sources' short attributions."""

from __future__ import annotations

from collections.abc import Iterable

from analysis.charts.i18n import t
from analysis.study.sources import attributions


def credit_line(source_ids: Iterable[str], lang: str = "en", most: int = 3) -> str:
    """The credit line printed on a chart: up to ``most`` sources, then 'and N other sources'."""
    names = attributions(source_ids)
    if len(names) > most:
        rest = len(names) - most
        other = (
            f"and {rest} other source{'s' if rest > 1 else ''}"
            if lang == "en"
            else f"y {rest} fuente{'s' if rest > 1 else ''} más"
        )
        names = [*names[:most], other]
    label = t("source" if len(names) == 1 else "sources", lang)
    return f"{label}: {'; '.join(names)}."
