"""The HTML edition: every notebook as a page, with an index, readable without Python (``make report``).

Pages are converted from the notebooks' stored outputs, which nbval keeps current; the index links
every page, every figure, the datasets and the Excel workbook.
"""

from __future__ import annotations

import html
import json
import os
from pathlib import Path

from analysis.core.fileio import write_atomic
from analysis.core.paths import DATASETS, FIGURES, ROOT
from analysis.data.schema import package
from analysis.outputs.notebooks import notebook_paths
from analysis.outputs.registry import derive

DIST = ROOT / "dist"


def _title_and_lead(path: Path) -> tuple[str, str]:
    nb = json.loads(path.read_text(encoding="utf-8"))
    first = "".join(nb["cells"][0]["source"]).strip().splitlines()
    title = first[0].lstrip("# ").strip() if first else path.stem
    lead = " ".join(line.strip() for line in first[1:] if line.strip())
    return title, lead


def build_report(out: Path = DIST / "report") -> Path:
    """Write ``out/index.html`` and one page per notebook; returns the index."""
    from nbconvert import HTMLExporter

    exporter = HTMLExporter(template_name="lab")
    out.mkdir(parents=True, exist_ok=True)

    def rel(target: Path) -> str:
        return Path(os.path.relpath(target, out)).as_posix()

    items = []
    for path in notebook_paths():
        body, _ = exporter.from_filename(str(path))
        write_atomic(out / f"{path.stem}.html", body.encode("utf-8"))
        title, lead = _title_and_lead(path)
        items.append(
            f'<li><a href="{path.stem}.html">{html.escape(title)}</a><p>{html.escape(lead)}</p></li>'
        )
    figures = "".join(
        f'<li><a href="{rel(FIGURES / "en" / f"{s.name}.svg")}">{s.name}</a> '
        f'(<a href="{rel(FIGURES / "es" / f"{s.name}.svg")}">español</a>)</li>'
        for s in derive()
        if s.kind == "figure"
    )
    data = "".join(
        f'<li><a href="{rel(DATASETS / r.path)}">{r.path}</a>: {html.escape(r.title)}</li>'
        for r in package().resources.values()
    )
    page = f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Chile 1973: the notebooks</title>
<style>body{{font-family:sans-serif;max-width:52rem;margin:2rem auto;line-height:1.45;padding:0 1rem}}
li{{margin:.4rem 0}} li p{{margin:.2rem 0 .8rem;color:#333}}</style></head><body>
<h1>Chile 1973: strikes, votes, prices and debt on the road to the coup</h1>
<p>The suite's notebooks as web pages, with their charts. Every number names its source; see the
datasets and <code>sources.csv</code>.</p>
<h2>Contents</h2><ol>{"".join(items)}</ol>
<h2>Figures</h2><ul>{figures}<li><a href="{rel(FIGURES / "claims_audit.md")}">The claims audit (ledger)</a></li></ul>
<h2>Data</h2><ul>{data}
<li><a href="{rel(DIST / "chile-1973-stats.xlsx")}">Every dataset in one Excel workbook</a> (built by <code>make workbook</code>)</li></ul>
</body></html>
"""
    index = out / "index.html"
    write_atomic(index, page.encode("utf-8"))
    return index
