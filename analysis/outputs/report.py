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


_LEDGER_SCRIPT = """
const table = document.getElementById('ledger');
const rows = Array.from(table.tBodies[0].rows);
function apply() {
  const v = document.getElementById('verdict').value, s = document.getElementById('section').value;
  const q = document.getElementById('q').value.toLowerCase();
  let n = 0;
  for (const r of rows) {
    const show = (!v || r.dataset.verdict === v) && (!s || r.dataset.section === s)
      && (!q || r.textContent.toLowerCase().includes(q));
    r.hidden = !show; if (show) n++;
  }
  document.getElementById('shown').textContent = n;
}
for (const id of ['verdict', 'section', 'q']) document.getElementById(id).addEventListener('input', apply);
table.tHead.addEventListener('click', e => {
  const th = e.target.closest('th'); if (!th) return;
  const i = th.cellIndex, dir = th.dataset.dir === 'asc' ? -1 : 1; th.dataset.dir = dir > 0 ? 'asc' : 'desc';
  const key = r => r.cells[i].dataset.sort ?? r.cells[i].textContent;
  rows.sort((a, b) => { const x = key(a), y = key(b), nx = parseFloat(x), ny = parseFloat(y);
    return dir * (isNaN(nx) || isNaN(ny) ? x.localeCompare(y) : nx - ny); });
  for (const r of rows) table.tBodies[0].appendChild(r);
});
apply();
"""


def ledger_page(out: Path) -> Path:
    """``out/claims.html``: the claims ledger as a table a reader can sort and filter by verdict and
    section, each claim with the independent rows its verdict used."""
    import pandas as pd

    from analysis.study.claims import audit, evidence

    ledger = audit()
    used = evidence(every_kind=True)
    esc = html.escape

    def cell(value, sort=None) -> str:
        text = "" if value is None or (isinstance(value, float) and pd.isna(value)) else str(value)
        attr = f' data-sort="{esc(str(sort))}"' if sort is not None else ""
        return f"<td{attr}>{esc(text)}</td>"

    body = []
    for r in ledger.itertuples():
        rows = used[used["claim_id"] == r.claim_id]
        detail = "".join(
            f"<li><code>{esc(e.source_id)}</code>: {e.value:g} ({esc(e.basis)})</li>"
            for e in rows.itertuples()
        )
        evidence_html = (
            f"<details><summary>{len(rows)} row(s)</summary><ul>{detail}</ul>"
            f'<p>in <a href="../../datasets/{esc(str(r.dataset))}.csv">{esc(str(r.dataset))}.csv</a></p>'
            "</details>"
            if len(rows)
            else ""
        )
        body.append(
            f'<tr data-verdict="{esc(r.verdict)}" data-section="{esc(r.section)}">'
            + cell(r.claim_id)
            + cell(r.section)
            + cell(r.claim)
            + cell(r.value, sort="" if pd.isna(r.value) else r.value)
            + f'<td class="v {esc(r.verdict)}">{esc(r.verdict)}</td>'
            + cell(r.independent)
            + cell(r.source_id)
            + cell(r.detail)
            + f"<td>{evidence_html}</td></tr>"
        )
    options = "".join(f"<option>{esc(v)}</option>" for v in sorted(set(ledger["verdict"])))
    sections = "".join(
        f"<option>{esc(s)}</option>" for s in dict.fromkeys(ledger["section"].astype(str))
    )
    heads = [
        "claim",
        "section",
        "what the article says",
        "value",
        "verdict",
        "independent",
        "source",
        "detail",
        "rows used",
    ]
    page = f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>The claims audit</title>
<style>body{{font-family:sans-serif;margin:1.5rem;line-height:1.35}} table{{border-collapse:collapse;font-size:.85rem}}
th,td{{border-bottom:1px solid #ddd;padding:.3rem .4rem;vertical-align:top;text-align:left}} th{{cursor:pointer;background:#f4f4f4;position:sticky;top:0}}
.v.supported{{color:#1b6e1b}} .v.differs{{color:#a33}} .v.mixed{{color:#a60}} .v.article_only{{color:#666}} label{{margin-right:1rem}}</style></head><body>
<h1>The claims audit</h1>
<p>Every testable claim of the article, with the verdict computed from the suite's data. Click a column to sort; filter by
verdict, section or text. <a href="index.html">Back to the notebooks</a>.</p>
<p><label>Verdict <select id="verdict"><option value="">all</option>{options}</select></label>
<label>Section <select id="section"><option value="">all</option>{sections}</select></label>
<label>Text <input id="q" type="search"></label> <span id="shown"></span> shown</p>
<table id="ledger"><thead><tr>{"".join(f"<th>{h}</th>" for h in heads)}</tr></thead>
<tbody>{"".join(body)}</tbody></table>
<script>{_LEDGER_SCRIPT}</script></body></html>
"""
    path = out / "claims.html"
    write_atomic(path, page.encode("utf-8"))
    return path


GALLERY_LINKS = {
    "en": [
        (".png", "PNG"),
        (".slide.png", "slide PNG (1920×1080)"),
        (".svg", "SVG"),
        (".csv", "data (CSV)"),
        (".metadata.json", "metadata"),
    ],
    "es": [
        (".png", "PNG"),
        (".slide.png", "PNG para diapositiva (1920×1080)"),
        (".svg", "SVG"),
        (".csv", "datos (CSV)"),
        (".metadata.json", "metadatos"),
    ],
}


def gallery_page(out: Path) -> Path:
    """``out/gallery.html``: every chart in both languages, each linked to its image sizes, its
    plotted data and its metadata (title, subtitle, note and full citations)."""
    import json

    def rel(target: Path) -> str:
        return Path(os.path.relpath(target, out)).as_posix()

    cards = []
    for spec in derive():
        if spec.kind != "figure":
            continue
        blocks = []
        for lang, label in (("en", "English"), ("es", "Español")):
            base = FIGURES / lang / spec.name
            meta_path = base.with_name(f"{spec.name}.metadata.json")
            meta = json.loads(meta_path.read_text(encoding="utf-8")) if meta_path.is_file() else {}
            links = " · ".join(
                f'<a href="{rel(base.with_name(spec.name + suffix))}">{html.escape(text)}</a>'
                for suffix, text in GALLERY_LINKS[lang]
            )
            blocks.append(
                f'<div class="lang" lang="{lang}"><h3>{html.escape(meta.get("title", spec.name))}</h3>'
                f'<p class="sub">{html.escape(meta.get("subtitle", ""))}</p>'
                f'<a href="{rel(base.with_name(spec.name + ".svg"))}"><img loading="lazy" '
                f'src="{rel(base.with_name(spec.name + ".png"))}" width="480" height="270" '
                f'alt="{html.escape(meta.get("title", spec.name))}"></a>'
                f'<p class="links">{label}: {links}</p></div>'
            )
        cards.append(
            f'<section id="{spec.name}"><h2><code>{spec.name}</code></h2>{"".join(blocks)}</section>'
        )
    page = f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Chile 1973: the charts</title>
<style>body{{font-family:sans-serif;max-width:64rem;margin:2rem auto;padding:0 1rem;line-height:1.4}}
section{{border-top:1px solid #ccc;padding:.6rem 0;display:grid;grid-template-columns:1fr 1fr;gap:1rem}}
section h2{{grid-column:1/3;font-size:1rem;margin:.2rem 0}} h3{{font-size:1rem;margin:.2rem 0}}
img{{max-width:100%;height:auto;border:1px solid #eee}} .sub{{color:#444;margin:.2rem 0}}
.links{{font-size:.85rem}}</style></head><body>
<h1>The charts / Los gráficos</h1>
<p>Every chart of the suite in English and Spanish, at report and slide size, with the plotted
points as CSV (each point with its source) and a metadata file with full citations.
Cada gráfico en inglés y español, con sus datos y metadatos.</p>
{"".join(cards)}
</body></html>
"""
    path = out / "gallery.html"
    write_atomic(path, page.encode("utf-8"))
    return path


def build_report(out: Path = DIST / "report") -> Path:
    """Write ``out/index.html`` and one page per notebook; returns the index."""
    from nbconvert import HTMLExporter

    exporter = HTMLExporter(template_name="lab")
    out.mkdir(parents=True, exist_ok=True)

    def rel(target: Path) -> str:
        return Path(os.path.relpath(target, out)).as_posix()

    items: dict[str, list[str]] = {"en": [], "es": []}
    for edition in items:
        for path in notebook_paths(editions=(edition,)):
            body, _ = exporter.from_filename(str(path))
            write_atomic(out / f"{path.stem}.html", body.encode("utf-8"))
            title, lead = _title_and_lead(path)
            items[edition].append(
                f'<li><a href="{path.stem}.html">{html.escape(title)}</a>'
                f"<p>{html.escape(lead)}</p></li>"
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
<h2>Contents</h2><ol>{"".join(items["en"])}</ol>
<h2 lang="es">En español</h2><p lang="es">Los mismos cuadernos, con el mismo código, narrados en español.</p>
<ol lang="es">{"".join(items["es"])}</ol>
<h2>The claims audit</h2><p><a href="claims.html">Every claim of the article and its verdict</a>, sortable and filterable.</p>
<h2>Figures</h2><p><a href="gallery.html">The chart gallery</a>: every chart in both languages with its downloads (slide size, SVG, data, metadata).</p><ul>{figures}<li><a href="{rel(FIGURES / "claims_audit.md")}">The claims audit (ledger)</a></li></ul>
<h2>Data</h2><ul>{data}
<li><a href="{rel(DIST / "chile-1973-stats.xlsx")}">Every dataset in one Excel workbook</a> (built by <code>make workbook</code>)</li></ul>
</body></html>
"""
    ledger_page(out)
    gallery_page(out)
    index = out / "index.html"
    write_atomic(index, page.encode("utf-8"))
    return index
