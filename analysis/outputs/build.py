"""Bring every output up to date: the figures (PNG and SVG, English and Spanish) and the claims
ledger, byte-identical from run to run, plus the documentation generated from them.

The outputs and what each depends on come from :mod:`analysis.outputs.registry`, derived from the
code. A manifest (``figures/manifest.json``) records, per output, a hash of its dependencies and of
each file written. An output whose inputs and files are unchanged is not redrawn; when nothing
changed, the build returns without importing pandas or matplotlib. Outputs are drawn in a pool of
processes, one per core; the bytes are the same as a one-process run. Files are written atomically.
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
from functools import cache
from importlib import import_module
from importlib.metadata import version
from pathlib import Path

from analysis.core.fileio import file_sha256, sha256, write_atomic
from analysis.core.paths import DATASETS, FIGURES, MANIFEST, ROOT
from analysis.outputs import docs
from analysis.outputs.registry import Output, by_name, dependencies
from analysis.outputs.registry import outputs as registry_outputs

LANGS = ("en", "es")
# Per figure and language: the report-width PNG, the slide PNG, SVG, the plotted data and metadata.
SUFFIXES = (".png", ".slide.png", ".svg", ".csv", ".metadata.json")

_FILE_HASHES: dict[Path, str] = {}


def _file_sha(path: Path) -> str:
    if path not in _FILE_HASHES:
        _FILE_HASHES[path] = file_sha256(path)
    return _FILE_HASHES[path]


class FigureError(RuntimeError):
    """An output's function failed; the message names the output and the language."""


@cache
def _drawing_library() -> str:
    return f"matplotlib=={version('matplotlib')}"


def input_hash(output: Output) -> str:
    """One hash over the output's dependencies and the drawing library's version."""
    h = hashlib.sha256(_drawing_library().encode())
    for label, path in dependencies(output).items():
        h.update(f"\n{label}={_file_sha(path)}".encode())
    return h.hexdigest()


def files_of(output: Output) -> list[str]:
    """The files one output writes, relative to ``figures/``."""
    if output.kind == "ledger":
        return [output.name]
    return [f"{lang}/{output.name}{suffix}" for lang in LANGS for suffix in SUFFIXES]


def draw(output: Output) -> tuple[str, dict[str, bytes], dict[str, object]]:
    """Draw one output; returns its name, its files' bytes and what the manifest keeps of it."""
    func = getattr(import_module(output.module), output.function)
    if output.kind == "ledger":
        markdown, counts = func()
        return output.name, {output.name: markdown.encode("utf-8")}, {"readme_block": counts}
    from analysis.charts.style import info, render, render_pngs
    from analysis.outputs.downloads import downloads

    files: dict[str, bytes] = {}
    meta: dict[str, object] = {}
    for lang in LANGS:
        try:
            fig = func(lang=lang)
        except Exception as exc:  # name the figure: the traceback of a worker process does not
            raise FigureError(
                f"figure {output.name!r} ({lang}) failed: {type(exc).__name__}: {exc}"
            ) from exc
        recorded = info(fig)
        meta[f"title_{lang}"] = recorded.get("title", output.name)
        meta["sources"] = recorded.get("sources", [])
        report_png, slide_png = render_pngs(fig)
        files[f"{lang}/{output.name}.png"] = report_png
        files[f"{lang}/{output.name}.slide.png"] = slide_png
        files[f"{lang}/{output.name}.svg"] = render(fig, "svg")
        for file_name, data in downloads(output.name, lang, fig).items():
            files[f"{lang}/{file_name}"] = data
    return output.name, files, meta


def read_manifest(path: Path = MANIFEST, warn: Callable[[str], None] | None = None) -> dict:
    """The manifest, or an empty one when it is missing or unusable (then every output is redrawn).

    A manifest that is not a JSON object of entries (``null``, a list, wrong shapes, binary bytes, a
    folder) is reported through ``warn`` and ignored, never trusted and never fatal."""

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
    if not isinstance(data.get("registry", {}), dict):
        data["registry"] = {}
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


def _reasons(output: Output, entry: dict | None, figures_dir: Path) -> list[str]:
    """Why an output must be redrawn (empty when it need not be)."""
    if not entry:
        return ["not built before"]
    why = []
    if entry.get("inputs") != input_hash(output):
        old = entry.get("dependencies", {})
        changed = [
            label
            for label, path in dependencies(output).items()
            if old.get(label) != _file_sha(path)
        ]
        why.append("changed: " + ", ".join(changed) if changed else "drawing library changed")
    for rel in files_of(output):
        path = figures_dir / rel
        if not path.exists():
            why.append(f"missing {rel}")
        elif entry.get("outputs", {}).get(rel) != _file_sha(path):
            why.append(f"edited by hand: {rel}")
    return why


def _draw_all(
    todo: list[Output], jobs: int
) -> Iterable[tuple[str, dict[str, bytes], dict[str, object]]]:
    if jobs <= 1 or len(todo) <= 1:
        yield from map(draw, todo)
        return
    with ProcessPoolExecutor(
        max_workers=min(jobs, len(todo)), initializer=_die_with_parent
    ) as pool:
        yield from pool.map(draw, todo)


def _sync(path: Path, data: bytes, *, check: bool, report: Report, label: str, log) -> None:
    """Write ``data`` to ``path`` unless it already holds it; with ``check``, only note a change."""
    if path.is_file() and path.read_bytes() == data:
        return
    if check:
        report.differs.append(label)
    else:
        write_atomic(path, data)
        log(f"  {label:<26} regenerated")


def _generated_docs(
    entries: dict, registry: list[Output], figures_dir: Path, *, check: bool, report: Report, log
) -> bool:
    """The documentation generated from the data and the outputs (see :mod:`analysis.outputs.docs`).

    Returns whether the manifest's record of it changed."""
    data_key = hashlib.sha256(
        "".join(f"{p.name}={_file_sha(p)}\n" for p in sorted(DATASETS.glob("*.csv"))).encode()
        + _file_sha(DATASETS / "datapackage.json").encode()
        + _file_sha(Path(docs.__file__)).encode()
    ).hexdigest()
    cached = entries.get("_data_docs", {})
    updated = False
    files = [DATASETS / n for n in ("README.md", "sources.bib", "sources.csl.json")]
    fresh = cached.get("inputs") == data_key and all(
        cached.get("outputs", {}).get(p.name) == _file_sha(p) for p in files
    )
    if not fresh or check:
        written = {}
        for name, data in docs.data_docs().items():
            _sync(
                DATASETS / name,
                data,
                check=check,
                report=report,
                label=f"datasets/{name}",
                log=log,
            )
            written[name] = sha256(data)
        if not check:
            entries["_data_docs"] = {"inputs": data_key, "outputs": written}
            updated = True
    if figures_dir.resolve() != FIGURES.resolve():
        return updated
    ledger = entries.get("claims_audit.md", {})
    if "readme_block" in ledger:
        readme = docs.readme_with({"claims-counts": ledger["readme_block"]})
        if readme is not None:
            _sync(
                ROOT / "README.md", readme, check=check, report=report, label="README.md", log=log
            )
    return updated


def _sync_version(*, check: bool, report: Report, log) -> None:
    """Keep the version in CITATION.cff and the data package equal to the package's one version."""
    from analysis import __version__

    for path, data in docs.versioned_files(__version__).items():
        label = path.relative_to(ROOT).as_posix()
        _sync(path, data, check=check, report=report, label=label, log=log)


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
    report = Report()
    _sync_version(check=check, report=report, log=log)  # before anything is hashed
    _FILE_HASHES.clear()
    manifest_path = figures_dir / "manifest.json"
    manifest = read_manifest(manifest_path, warn=log)
    can_save = not manifest_path.exists() or manifest_path.is_file()
    entries = manifest.setdefault("figures", {})
    cached_registry = manifest.get("registry")
    registry, registry_entry = registry_outputs(cached_registry)
    manifest["registry"] = registry_entry
    dirty = registry_entry is not cached_registry or not manifest_path.is_file()
    known = by_name(registry)
    unknown = sorted(set(only or ()) - set(known))
    if unknown:
        raise FigureError(f"no such output: {', '.join(unknown)}")
    selected = [known[n] for n in only] if only else registry
    todo: list[Output] = []
    for output in selected:
        why = (
            ["forced"]
            if (force or check)
            else _reasons(output, entries.get(output.name), figures_dir)
        )
        if why:
            todo.append(output)
            report.reasons[output.name] = why
        else:
            report.unchanged.append(output.name)
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
            output = known[name]
            entries[name] = {
                **meta,
                "inputs": input_hash(output),
                "dependencies": {k: _file_sha(p) for k, p in dependencies(output).items()},
                "outputs": {rel: sha256(data) for rel, data in files.items()},
            }
        elif "readme_block" in meta:
            entries[name] = {**entries.get(name, {}), **meta}
        state = (
            ("differs: " + ", ".join(changed) if check else f"wrote {len(changed)} file(s)")
            if changed
            else "identical"
        )
        log(f"  {name:<24} {state}  ({'; '.join(report.reasons[name])})")
    dirty |= _generated_docs(entries, registry, figures_dir, check=check, report=report, log=log)
    if not check:
        stale = set(entries) - set(known) - {"_data_docs"}
        for name in stale:
            del entries[name]
        readme_path = figures_dir / "README.md"
        if dirty or todo or stale or not readme_path.is_file():  # else the files already agree
            new = _dump(manifest)
            if not can_save:
                log(f"warning: {manifest_path} is not a file; the manifest was not saved")
            elif not manifest_path.exists() or manifest_path.read_bytes() != new:
                write_atomic(manifest_path, new)
            readme = docs.figures_readme(registry, entries)
            if not readme_path.exists() or readme_path.read_bytes() != readme:
                write_atomic(readme_path, readme)
    report.seconds = time.perf_counter() - start
    return report


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
    parser.add_argument(
        "--only",
        nargs="+",
        metavar="NAME",
        help="only these outputs (figure names, claims_audit.md)",
    )
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
