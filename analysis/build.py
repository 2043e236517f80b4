"""Regenerate every figure: PNG and SVG, English and Spanish, byte-identical from run to run.

A manifest (``figures/manifest.json``) records, per figure, a hash of everything it depends on (the
datasets it reads, the code that draws it, the style and the translations) and a hash of each file
written. A figure whose inputs and files are unchanged is not redrawn; when nothing changed, the
build returns without importing pandas or matplotlib. Figures are drawn in a pool of processes, one
per core; the output is the same bytes as a one-process run. Files are written atomically.
"""

from __future__ import annotations

import hashlib
import json
import os
import signal
import sys
import time
from collections.abc import Callable, Iterable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from importlib.metadata import version
from pathlib import Path

from .figures import REGISTRY, SPECS, FigureSpec
from .fileio import file_sha256, sha256, write_atomic
from .paths import DATASETS, FIGURES, MANIFEST, ROOT

LANGS = ("en", "es")
FORMATS = ("png", "svg")
PACKAGE = Path(__file__).resolve().parent
# Code every figure depends on, besides its own module.
SHARED_CODE = (
    "style.py",
    "style/house.mplstyle",
    "i18n.py",
    "sources.py",
    "datasets.py",
    "schema.py",
    "indicators.py",
    "figures/__init__.py",
    "figures/_common.py",
)
SHARED_DATA = ("sources.csv", "datapackage.json")


_FILE_HASHES: dict[Path, str] = {}


def _file_sha(path: Path) -> str:
    if path not in _FILE_HASHES:
        _FILE_HASHES[path] = file_sha256(path)
    return _FILE_HASHES[path]


class FigureError(RuntimeError):
    """A figure function failed; the message names the figure and the language."""


def dependencies(spec: FigureSpec) -> dict[str, Path]:
    """Every file the figure's output depends on, by a stable label."""
    deps = {f"analysis/{p}": PACKAGE / p for p in SHARED_CODE}
    deps[f"analysis/figures/{spec.module}.py"] = PACKAGE / "figures" / f"{spec.module}.py"
    for p in spec.code:
        deps[f"analysis/{p}"] = PACKAGE / p
    for name in SHARED_DATA:
        deps[f"datasets/{name}"] = DATASETS / name
    for name in spec.datasets:
        deps[f"datasets/{name}.csv"] = DATASETS / f"{name}.csv"
    return dict(sorted(deps.items()))


def input_hash(spec: FigureSpec) -> str:
    """One hash over the figure's dependencies and the drawing library's version."""
    h = hashlib.sha256(f"matplotlib=={version('matplotlib')}".encode())
    for label, path in dependencies(spec).items():
        h.update(f"\n{label}={_file_sha(path)}".encode())
    return h.hexdigest()


def outputs(name: str) -> list[str]:
    """The files one figure writes, relative to ``figures/``."""
    return [f"{lang}/{name}.{fmt}" for lang in LANGS for fmt in FORMATS]


def draw(name: str) -> tuple[str, dict[str, bytes], dict[str, object]]:
    """Draw one figure in every language and format; returns its files' bytes and its metadata."""
    from .style import render

    spec = SPECS[name]
    func = spec.function()
    files: dict[str, bytes] = {}
    meta: dict[str, object] = {}
    for lang in LANGS:
        try:
            fig = func(lang=lang)
        except Exception as exc:  # name the figure: the traceback of a worker process does not
            raise FigureError(
                f"figure {name!r} ({lang}) failed: {type(exc).__name__}: {exc}"
            ) from exc
        info = getattr(fig, "_chile73", {})
        meta[f"title_{lang}"] = info.get("title", name)
        meta["sources"] = info.get("sources", [])
        for fmt in FORMATS:
            files[f"{lang}/{name}.{fmt}"] = render(fig, fmt)
    return name, files, meta


def read_manifest(path: Path = MANIFEST, warn: Callable[[str], None] | None = None) -> dict:
    """The manifest, or an empty one when it is missing or unusable (then every figure is redrawn).

    A manifest that is not a JSON object of figure entries (``null``, a list, wrong shapes, binary
    bytes, a folder) is reported through ``warn`` and ignored, never trusted and never fatal."""

    def unusable(why: str) -> dict:
        if warn is not None:
            warn(f"warning: {path.name} {why}; ignoring it and redrawing every figure")
        return {"figures": {}}

    if not path.exists():
        return {"figures": {}}
    if not path.is_file():
        return unusable("is not a regular file")
    try:
        data = json.loads(path.read_bytes().decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        return unusable(f"is not valid JSON ({exc})")
    if not isinstance(data, dict) or not isinstance(data.get("figures", {}), dict):
        return unusable("is not an object with a 'figures' object")
    figures = data.setdefault("figures", {})
    bad = [
        k
        for k, e in figures.items()
        if not isinstance(e, dict)
        or not all(isinstance(e.get(part, {}), dict) for part in ("dependencies", "outputs"))
    ]
    if bad:
        return unusable(f"has malformed entries ({', '.join(map(str, bad[:3]))})")
    return data


def _die_with_parent() -> None:
    """In a worker: be killed when the build process dies, however it dies (SIGTERM, SIGKILL)."""
    if sys.platform.startswith("linux"):
        import ctypes

        pr_set_pdeathsig = 1
        try:
            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(pr_set_pdeathsig, signal.SIGKILL)
        except (OSError, AttributeError):  # pragma: no cover - no prctl
            pass


def _dump(obj: object) -> bytes:
    return (json.dumps(obj, indent=2, sort_keys=True, ensure_ascii=False) + "\n").encode("utf-8")


@dataclass
class Report:
    redrawn: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    reasons: dict[str, list[str]] = field(default_factory=dict)
    written: list[str] = field(default_factory=list)
    differs: list[str] = field(default_factory=list)
    seconds: float = 0.0


def _reasons(spec: FigureSpec, entry: dict | None, figures_dir: Path) -> list[str]:
    """Why a figure must be redrawn (empty when it need not be)."""
    if not entry:
        return ["not built before"]
    why = []
    if entry.get("inputs") != input_hash(spec):
        old = entry.get("dependencies", {})
        changed = [
            label
            for label, path in dependencies(spec).items()
            if old.get(label) != _file_sha(path)
        ]
        why.append("changed: " + ", ".join(changed) if changed else "drawing library changed")
    for rel in outputs(spec.name):
        path = figures_dir / rel
        if not path.exists():
            why.append(f"missing {rel}")
        elif entry.get("outputs", {}).get(rel) != _file_sha(path):
            why.append(f"edited by hand: {rel}")
    return why


CLAIMS_SPEC = FigureSpec(
    "claims_audit.md",
    "audit",
    ("claims", "strikes", "elections", "election_totals", "inflation", "external_debt", "events"),
    ("claims.py",),
)


def _claims_ledger(
    entries: dict,
    figures_dir: Path,
    *,
    force: bool,
    check: bool,
    report: Report,
    log: Callable[[str], None],
) -> None:
    """Write (or check) ``figures/claims_audit.md``, the claims ledger, when its inputs changed."""
    path = figures_dir / CLAIMS_SPEC.name
    entry = entries.get(CLAIMS_SPEC.name, {})
    fresh = (
        entry.get("inputs") == input_hash(CLAIMS_SPEC)
        and path.exists()
        and entry.get("outputs", {}).get(CLAIMS_SPEC.name) == _file_sha(path)
    )
    if fresh and not (force or check):
        report.unchanged.append(CLAIMS_SPEC.name)
        return
    from .claims import audit, to_markdown, update_readme

    ledger = audit()
    data = to_markdown(ledger).encode("utf-8")
    readme = ROOT / "README.md"
    if readme.exists() and not check and figures_dir.resolve() == FIGURES.resolve():
        old = readme.read_text(encoding="utf-8")
        new = update_readme(old, ledger)
        if new != old:
            write_atomic(readme, new.encode("utf-8"))
            log("  README.md                claims counts updated")
    same = path.exists() and path.read_bytes() == data
    report.redrawn.append(CLAIMS_SPEC.name)
    if check:
        if not same:
            report.differs.append(CLAIMS_SPEC.name)
    else:
        if not same:
            write_atomic(path, data)
            report.written.append(CLAIMS_SPEC.name)
        entries[CLAIMS_SPEC.name] = {
            "inputs": input_hash(CLAIMS_SPEC),
            "dependencies": {
                label: _file_sha(p) for label, p in dependencies(CLAIMS_SPEC).items()
            },
            "outputs": {CLAIMS_SPEC.name: sha256(data)},
        }
    log(f"  {CLAIMS_SPEC.name:<24} {'identical' if same else ('differs' if check else 'written')}")


def generated_data_docs(directory: Path = DATASETS) -> dict[str, bytes]:
    """The files of ``datasets/`` that are generated from the data package, by name: the codebook
    with its coverage report (``README.md``) and the bibliography (``sources.bib``, CSL-JSON)."""
    from .bibliography import bibliography_files
    from .coverage import coverage_markdown
    from .schema import codebook

    readme = codebook().rstrip() + "\n\n" + coverage_markdown(directory)
    return {"README.md": readme.encode("utf-8"), **bibliography_files(directory)}


def _codebook(*, check: bool, report: Report, log: Callable[[str], None]) -> None:
    """Keep the generated files of ``datasets/`` in step with the descriptor and the data."""
    for name, data in generated_data_docs().items():
        path = DATASETS / name
        if path.is_file() and path.read_bytes() == data:
            continue
        if check:
            report.differs.append(f"datasets/{name}")
        else:
            write_atomic(path, data)
            log(f"  datasets/{name:<17} regenerated")


def _draw_all(
    names: list[str], jobs: int
) -> Iterable[tuple[str, dict[str, bytes], dict[str, object]]]:
    if jobs <= 1 or len(names) <= 1:
        yield from map(draw, names)
        return
    with ProcessPoolExecutor(
        max_workers=min(jobs, len(names)), initializer=_die_with_parent
    ) as pool:
        yield from pool.map(draw, names)


def build(
    *,
    force: bool = False,
    check: bool = False,
    only: Iterable[str] | None = None,
    jobs: int | None = None,
    figures_dir: Path = FIGURES,
    log: Callable[[str], None] = print,
) -> Report:
    """Bring ``figures/`` up to date (or, with ``check``, only compare what is there with what the
    code draws now). Returns what was redrawn and why."""
    start = time.perf_counter()
    _FILE_HASHES.clear()
    manifest_path = figures_dir / "manifest.json"
    manifest = read_manifest(manifest_path, warn=log)
    can_save = not manifest_path.exists() or manifest_path.is_file()
    entries = manifest.setdefault("figures", {})
    specs = [SPECS[n] for n in only] if only else list(REGISTRY)
    report = Report()
    todo: list[str] = []
    for spec in specs:
        why = (
            ["forced"] if (force or check) else _reasons(spec, entries.get(spec.name), figures_dir)
        )
        if why:
            todo.append(spec.name)
            report.reasons[spec.name] = why
        else:
            report.unchanged.append(spec.name)
    jobs = jobs if jobs is not None else min(2, os.cpu_count() or 1)
    for name, files, meta in _draw_all(todo, jobs):
        report.redrawn.append(name)
        changed = []
        for rel, data in files.items():
            path = figures_dir / rel
            same = path.exists() and path.read_bytes() == data
            if not same:
                changed.append(rel)
                if check:
                    report.differs.append(rel)
                else:
                    write_atomic(path, data)
                    report.written.append(rel)
        if not check:
            spec = SPECS[name]
            entries[name] = {
                **meta,
                "inputs": input_hash(spec),
                "dependencies": {label: _file_sha(p) for label, p in dependencies(spec).items()},
                "outputs": {rel: sha256(data) for rel, data in files.items()},
            }
        state = (
            ("differs: " + ", ".join(changed) if check else f"wrote {len(changed)} file(s)")
            if changed
            else "identical"
        )
        log(f"  {name:<24} {state}  ({'; '.join(report.reasons[name])})")
    if not only:
        _claims_ledger(entries, figures_dir, force=force, check=check, report=report, log=log)
    _codebook(check=check, report=report, log=log)
    if not check:
        for stale in set(entries) - set(SPECS) - {CLAIMS_SPEC.name}:
            del entries[stale]
        new = _dump(manifest)
        if not can_save:
            log(f"warning: {manifest_path} is not a file; the manifest was not saved")
        elif not manifest_path.exists() or manifest_path.read_bytes() != new:
            write_atomic(manifest_path, new)
        readme = figures_readme(entries)
        readme_path = figures_dir / "README.md"
        if not readme_path.exists() or readme_path.read_bytes() != readme:
            write_atomic(readme_path, readme)
    report.seconds = time.perf_counter() - start
    return report


def figures_readme(entries: dict) -> bytes:
    """``figures/README.md``: every figure with a thumbnail, its titles and its sources."""
    lines = [
        "# Figures",
        "",
        "Generated by `make figures` from `analysis.figures`; do not edit by hand. Each figure exists in",
        "English (`en/`) and Spanish (`es/`), as PNG and SVG. Sources are listed in",
        "`datasets/sources.csv`.",
        "",
    ]
    lines += [
        "The claims ledger, every figure of the article against the data: [claims_audit.md](claims_audit.md).",
        "",
    ]
    for spec in REGISTRY:
        e = entries.get(spec.name)
        if not e:
            continue
        lines += [
            f"## `{spec.name}`",
            "",
            f"[![{e.get('title_en', spec.name)}](en/{spec.name}.png)](en/{spec.name}.svg)",
            "",
            f"- English: {e.get('title_en', '')} ([PNG](en/{spec.name}.png), [SVG](en/{spec.name}.svg))",
            f"- Español: {e.get('title_es', '')} ([PNG](es/{spec.name}.png), [SVG](es/{spec.name}.svg))",
            f"- Drawn by `analysis.figures.{spec.name}` from "
            + ", ".join(f"`datasets/{d}.csv`" for d in spec.datasets),
            "- Sources: " + ", ".join(f"`{s}`" for s in e.get("sources", [])),
            "",
        ]
    return ("\n".join(lines).rstrip() + "\n").encode("utf-8")


def main(argv: list[str] | None = None) -> int:
    """``python -m analysis.build [--force] [--check] [--serial] [--only NAME ...]``."""
    import argparse

    parser = argparse.ArgumentParser(prog="chile73 figures", description=__doc__.splitlines()[0])
    add_arguments(parser)
    return run(parser.parse_args(argv))


def add_arguments(parser) -> None:
    parser.add_argument("--force", action="store_true", help="redraw every figure")
    parser.add_argument(
        "--check",
        action="store_true",
        help="exit 1 if a committed figure differs from what the code draws",
    )
    parser.add_argument("--serial", action="store_true", help="draw in one process")
    parser.add_argument("--only", nargs="+", choices=sorted(SPECS), help="only these figures")
    parser.add_argument(
        "--out", type=Path, default=FIGURES, help="the figures folder (default: figures/)"
    )


def run(args) -> int:
    out = args.out.resolve()
    shown = out.relative_to(ROOT) if out.is_relative_to(ROOT) else out
    print(f"{'Checking' if args.check else 'Building'} figures in {shown}/ ...")
    try:
        report = build(
            force=args.force,
            check=args.check,
            only=args.only,
            jobs=1 if args.serial else None,
            figures_dir=out,
        )
    except FigureError as err:
        print(f"error: {err}", file=sys.stderr)
        return 1
    if args.check:
        if report.differs:
            print(f"{len(report.differs)} file(s) differ from what the code draws now:")
            for rel_path in report.differs:
                print(f"  {rel_path}")
            print("Run `make figures` and commit the result.")
            return 1
        print(
            f"All {len(report.redrawn)} figures match what the code draws ({report.seconds:.1f} s)."
        )
        return 0
    n = len(report.redrawn) + len(report.unchanged)
    if not report.redrawn:
        print(
            f"All {n} outputs (figures and the claims ledger) are up to date; nothing to draw ({report.seconds:.2f} s)."
        )
    else:
        print(
            f"{n} outputs (figures and the claims ledger): {len(report.redrawn)} redrawn, {len(report.unchanged)} unchanged; "
            f"{len(report.written)} file(s) written ({report.seconds:.1f} s)."
        )
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
