"""What ships beside every chart, as Our World in Data does and one step further: the plotted
points as CSV with the source of every point, and a metadata file (title, subtitle, note, units,
full citations), in the chart's language.

The points are what the figure function recorded while drawing
(:func:`analysis.charts.style.record`), so the download is the chart's data, not a re-query of the
datasets. Values are written as in the datasets (a point as decimal mark, no thousands separator) so
that any spreadsheet or program reads them; headers and labels are in the chart's language.
"""

from __future__ import annotations

import csv
import io
import json
from typing import Any

HEADERS = {
    "en": ["series", "period", "value", "role", "drawn_as", "source_id", "source"],
    "es": ["serie", "periodo", "valor", "papel", "dibujo", "id_fuente", "fuente"],
}
ROLES = {
    "en": {
        "preferred": "preferred series",
        "other": "other source",
        "suspect": "suspect value (not joined)",
        "article": "the article's figure",
        "context": "context",
    },
    "es": {
        "preferred": "serie preferida",
        "other": "otra fuente",
        "suspect": "valor dudoso (no unido)",
        "article": "cifra del artículo",
        "context": "contexto",
    },
}
KINDS = {
    "en": {
        "line": "line",
        "points": "points",
        "bars": "bars",
        "range": "range",
        "callout": "callout",
    },
    "es": {
        "line": "línea",
        "points": "puntos",
        "bars": "barras",
        "range": "rango",
        "callout": "recuadro",
    },
}
COLUMNS = {
    "en": {
        "series": "the quantity the line, bars or points show, as labelled on the chart (other "
        "sources for the same quantity carry its name: see role and source)",
        "period": "year (YYYY), month (YYYY-MM) or day (YYYY-MM-DD) of the value, as in the dataset",
        "value": "the value as in the dataset, before any scaling for the axis",
        "role": "the point's part in the chart: the preferred series, another source, a suspect "
        "value, the article's figure, or context",
        "drawn_as": "how the point is drawn",
        "source_id": "the source's id in datasets/sources.csv",
        "source": "the source's short attribution",
    },
    "es": {
        "serie": "la magnitud que muestran la línea, las barras o los puntos, tal como se rotula "
        "(las otras fuentes de la misma magnitud llevan su nombre: ver papel y fuente)",
        "periodo": "año (AAAA), mes (AAAA-MM) o día (AAAA-MM-DD) del valor, como en los datos",
        "valor": "el valor tal como está en los datos, antes de escalarlo para el eje",
        "papel": "el papel del punto: serie preferida, otra fuente, valor dudoso, cifra del "
        "artículo o contexto",
        "dibujo": "cómo se dibuja el punto",
        "id_fuente": "el identificador de la fuente en datasets/sources.csv",
        "fuente": "la atribución breve de la fuente",
    },
}
TEXT = {
    "en": {
        "numbers": "Values use a point as decimal mark and no thousands separator.",
        "licence": "Data: CC BY 4.0, with the sources' own terms (see each source's licence).",
    },
    "es": {
        "numbers": "Los valores usan punto decimal y no llevan separador de miles.",
        "licence": "Datos: CC BY 4.0, con los términos de cada fuente (ver su licencia).",
    },
}


def _period(x: Any) -> str:
    if hasattr(x, "strftime"):
        return x.strftime("%Y-%m-%d")
    if isinstance(x, float) and x.is_integer():
        return str(int(x))
    if hasattr(x, "item"):  # a numpy scalar
        return _period(x.item())
    return str(x)


def _value(v: Any) -> str:
    if hasattr(v, "item"):
        v = v.item()
    if v is None or (isinstance(v, float) and v != v):
        return ""
    if isinstance(v, bool):
        return str(v).lower()
    if isinstance(v, int):
        return str(v)
    if isinstance(v, float):
        return str(int(v)) if v.is_integer() and abs(v) < 1e15 else format(v, ".10g")
    return str(v)


def points_csv(rows: list[dict], lang: str, names: dict[str, str]) -> bytes:
    """The recorded points as CSV, in the order drawn."""
    buf = io.StringIO()
    out = csv.writer(buf, lineterminator="\n")
    out.writerow(HEADERS[lang])
    for r in rows:
        out.writerow(
            [
                r["series"].replace("\n", " "),
                _period(r["x"]),
                _value(r["value"]),
                ROLES[lang].get(r["role"], r["role"]),
                KINDS[lang].get(r["kind"], r["kind"]),
                r["source_id"],
                names[r["source_id"]],
            ]
        )
    return buf.getvalue().encode("utf-8")


def metadata(name: str, lang: str, info: dict, files: dict[str, str]) -> bytes:
    """The chart's metadata as JSON: what it shows, its files, and each plotted source in full."""
    from analysis.charts.credits import source_name
    from analysis.data.datasets import load

    table = load("sources").set_index("source_id")
    sources = []
    for sid in info.get("sources", []):
        row = table.loc[sid] if sid in table.index else None
        entry: dict[str, Any] = {"id": sid, "name": source_name(sid, lang)}
        if row is not None:
            for field in ("citation", "locator", "url", "kind", "producer", "licence"):
                value = row.get(field)
                if isinstance(value, str) and value:
                    entry[field] = value
        sources.append(entry)
    doc = {
        "chart": name,
        "language": lang,
        "title": info.get("title", ""),
        "subtitle": info.get("subtitle", ""),
        "note": info.get("note", ""),
        "credit": info.get("credit", ""),
        "axis": info.get("ylabel", ""),
        "files": files,
        "columns": COLUMNS[lang],
        "numbers": TEXT[lang]["numbers"],
        "licence": TEXT[lang]["licence"],
        "sources": sources,
    }
    return (json.dumps(doc, indent=2, ensure_ascii=False) + "\n").encode("utf-8")


def downloads(name: str, lang: str, fig: Any) -> dict[str, bytes]:
    """The CSV and metadata files of one drawn figure, keyed by file name."""
    from analysis.charts.credits import source_name
    from analysis.charts.style import info as figure_info

    info = figure_info(fig)
    rows = info.get("data", [])
    names = {sid: source_name(sid, lang) for sid in dict.fromkeys(r["source_id"] for r in rows)}
    files = {
        "png": f"{name}.png",
        "slide_png": f"{name}.slide.png",
        "svg": f"{name}.svg",
        "csv": f"{name}.csv",
        "metadata": f"{name}.metadata.json",
    }
    return {
        f"{name}.csv": points_csv(rows, lang, names),
        f"{name}.metadata.json": metadata(name, lang, info, files),
    }


def points(fig: Any, lang: str | None = None):
    """The points a figure plotted, as a DataFrame with the source of every point (the figure's
    data download, in the figure's language unless ``lang`` says otherwise)."""
    import pandas as pd

    from analysis.charts.credits import source_name
    from analysis.charts.style import info

    lang = lang or info(fig).get("lang", "en")
    rows = info(fig).get("data", [])
    names = {sid: source_name(sid, lang) for sid in dict.fromkeys(r["source_id"] for r in rows)}
    return pd.read_csv(io.BytesIO(points_csv(rows, lang, names)), dtype={1: str})


def save(fig: Any, path: Any, *, size: str = "slide") -> Any:
    """Save a figure for a slide or a page: ``.png`` (``size`` "slide", 1920x1080 px, or "report",
    960x540 px), ``.svg``, or its data (``.csv``) and metadata (``.json``).

    A bare file name ("huelgas.png") is saved in ``build/saved/`` of the project (created if
    needed; git ignores it); a path with a folder is saved there. Refuses to write into
    ``datasets/``; the file is written atomically. Returns the path written."""
    from pathlib import Path

    from analysis.charts.style import render, render_pngs
    from analysis.core.fileio import write_atomic
    from analysis.core.paths import DATASETS, SAVED

    given = Path(path)
    target = (SAVED / given if given.parent == Path(".") else given).resolve()
    target.parent.mkdir(parents=True, exist_ok=True)
    if target.is_relative_to(DATASETS.resolve()):
        raise ValueError(f"{path}: figures are not saved into datasets/, which holds curated data")
    from analysis.charts.style import info

    suffix = target.suffix.lower()
    lang = info(fig).get("lang", "en")
    if suffix == ".png":
        if size not in ("slide", "report"):
            raise ValueError(f"size must be 'slide' or 'report', not {size!r}")
        report, slide = render_pngs(fig)
        data = slide if size == "slide" else report
    elif suffix == ".svg":
        data = render(fig, "svg")
    elif suffix in (".csv", ".json"):
        name = target.stem.removesuffix(".metadata")
        files = downloads(name, lang, fig)
        data = files[f"{name}.csv" if suffix == ".csv" else f"{name}.metadata.json"]
    else:
        raise ValueError(f"{path}: save as .png, .svg, .csv or .json")
    write_atomic(target, data)
    return target
