"""Benchmarks: the figure build against executing every notebook with a Jupyter kernel.

Run with ``make bench``. Each case runs five times; the table reports the median in seconds and its ratio
to executing the notebooks. Nothing in the repository is modified: the build writes into a temporary
folder, and the "one dataset changed" case edits a temporary copy of the datasets.

    full rebuild         chile73 figures --force (every figure, both languages, both formats)
    no-change rerun      chile73 figures when nothing changed
    one dataset changed  chile73 figures after one dataset (external_debt.csv) changed
    notebooks            execute every notebook of both editions, each in a fresh kernel (nbclient)
"""

from __future__ import annotations

import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
RUNS = int(os.environ.get("BENCH_RUNS", "5"))


def timed(cmd: list[str], env: dict[str, str] | None = None) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, env={**os.environ, **(env or {})})
    return time.perf_counter() - start


def run_notebooks(each: dict[str, list[float]]) -> float:
    """Execute every notebook of both editions, each in a fresh kernel; adds each one's seconds
    to ``each`` and returns the total."""
    import nbformat
    from nbclient import NotebookClient

    from analysis.outputs.notebooks import notebook_paths

    total = 0.0
    for path in notebook_paths():
        nb = nbformat.read(path, as_version=4)
        start = time.perf_counter()
        NotebookClient(
            nb,
            timeout=600,
            kernel_name="python3",
            resources={"metadata": {"path": str(path.parent)}},
        ).execute()
        seconds = time.perf_counter() - start
        each.setdefault(path.relative_to(ROOT / "notebooks").as_posix(), []).append(seconds)
        total += seconds
    return total


def main() -> int:
    cli = str(BIN / "chile73")
    results: dict[str, list[float]] = {
        "full rebuild": [],
        "no-change rerun": [],
        "one dataset changed": [],
        "notebooks": [],
    }
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "figures"
        data = Path(tmp) / "datasets"
        shutil.copytree(ROOT / "datasets", data)
        env = {"CHILE73_DATASETS": str(data)}
        base = [cli, "figures", "--out", str(out)]
        subprocess.run(base, check=True, stdout=subprocess.DEVNULL, env={**os.environ, **env})
        debt = data / "external_debt.csv"
        for i in range(RUNS):
            results["full rebuild"].append(timed([*base, "--force"], env))
            results["no-change rerun"].append(timed(base, env))
            # A change of bytes that keeps the data valid: the same number written two ways.
            old, new = (
                (b"1970,3100,", b"1970,3100.0,")
                if i % 2 == 0
                else (b"1970,3100.0,", b"1970,3100,")
            )
            debt.write_bytes(debt.read_bytes().replace(old, new))
            results["one dataset changed"].append(timed(base, env))
            print(f"  run {i + 1}/{RUNS}: figures done", flush=True)
        peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    each: dict[str, list[float]] = {}
    for i in range(RUNS):
        results["notebooks"].append(run_notebooks(each))
        print(f"  run {i + 1}/{RUNS}: notebooks done", flush=True)
    med = {k: statistics.median(v) for k, v in results.items()}
    nb = med["notebooks"]
    lines = [
        f"Machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
        f"{platform.system()}; median of {RUNS} runs.",
        "",
        "| case | median (s) | ratio to executing the notebooks |",
        "|---|---:|---:|",
        *[f"| {k} | {v:.2f} | {v / nb:.2f} |" for k, v in med.items()],
        "",
        f"Peak memory of one build process: {peak_mb:.0f} MB.",
        "",
        "Each notebook in a fresh kernel (English in `notebooks/`, Spanish in `notebooks/es/`):",
        "",
        "| notebook | median (s) |",
        "|---|---:|",
        *[f"| `{k}` | {statistics.median(v):.2f} |" for k, v in each.items()],
    ]
    table = "\n".join(lines)
    print(table)
    (ROOT / "benchmarks" / "results.md").write_text(
        "# Benchmark results\n\n" + table + "\n", encoding="utf-8"
    )
    from analysis.outputs.docs import splice

    readme = ROOT / "README.md"
    readme.write_text(splice(readme.read_text(encoding="utf-8"), "bench", table), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
