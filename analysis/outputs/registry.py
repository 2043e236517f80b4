"""Every output the build writes, and what each depends on, derived from the code rather than listed.

The figures are the names imported in ``analysis/charts/figures/__init__.py`` (one line a figure or a
group of figures); the claims ledger (``figures/claims_audit.md``) is one more output. Nothing here
imports a figure module: the source files are read as syntax trees, so a build with nothing to do
never imports pandas or matplotlib.

What an output depends on is found the same way:

- code: every module of the package that its module imports, directly or through others, plus the
  house style file;
- data: the datasets its function reaches through ``load("name")``, following the functions it calls,
  here or in other modules of the package. A ``load`` whose argument is not a literal makes the output
  depend on every dataset, except where a resolver below says which: the claims audit loads the
  datasets named in ``claims.csv``. The data package descriptor and ``sources.csv`` (credit lines)
  count wherever they are reached.
"""

from __future__ import annotations

import ast
import csv
import hashlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from analysis.core.paths import DATASETS, PACKAGE, STYLE_FILE

FIGURES_INIT = PACKAGE / "charts" / "figures" / "__init__.py"
LEDGER = "claims_audit.md"
ALL = "*"


@dataclass(frozen=True)
class Output:
    """One output: a figure (PNG and SVG in both languages) or the claims ledger (Markdown)."""

    name: str
    module: str  # e.g. analysis.charts.figures.strikes
    function: str
    kind: str = "figure"
    datasets: tuple[str, ...] = field(default=(), compare=False)
    code: tuple[str, ...] = field(default=(), compare=False)

    @property
    def qualname(self) -> str:
        return f"{self.module}.{self.function}"


# --------------------------------------------------------------------------------------------
# The package as syntax trees
# --------------------------------------------------------------------------------------------


def _module_name(path: Path) -> str:
    rel = path.relative_to(PACKAGE.parent).with_suffix("")
    parts = list(rel.parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


@dataclass
class _Module:
    name: str
    path: Path
    functions: dict[str, ast.FunctionDef]
    names: dict[str, tuple[str, str | None]]  # local name -> (module, attribute or None)
    imports: set[str]  # package modules imported anywhere in the file


@cache
def _index() -> dict[str, _Module]:
    out: dict[str, _Module] = {}
    files = sorted(PACKAGE.rglob("*.py"))
    modules = {_module_name(p) for p in files}
    for path in files:
        name = _module_name(path)
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        functions = {
            n.name: n for n in tree.body if isinstance(n, ast.FunctionDef | ast.AsyncFunctionDef)
        }
        names: dict[str, tuple[str, str | None]] = {}
        imports: set[str] = set()
        for node in _walk_runtime(tree):
            if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                if not node.module.startswith("analysis"):
                    continue
                for alias in node.names:
                    full = f"{node.module}.{alias.name}"
                    local = alias.asname or alias.name
                    if full in modules:
                        names[local] = (full, None)
                        imports.add(full)
                    else:
                        names[local] = (node.module, alias.name)
                        if node.module in modules:
                            imports.add(node.module)
            elif isinstance(node, ast.Import):
                for alias in node.names:
                    if alias.name in modules:
                        imports.add(alias.name)
        out[name] = _Module(name, path, functions, names, imports)
    return out


def _walk_runtime(tree: ast.AST):
    """Every node of ``tree`` except those under ``if TYPE_CHECKING:`` (imports for type hints)."""
    todo = [tree]
    while todo:
        node = todo.pop()
        yield node
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.If) and _is_type_checking(child.test):
                todo += child.orelse
                continue
            todo.append(child)


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _closure(module: str) -> list[str]:
    """``module`` and every package module it imports when it runs, directly or through others."""
    index = _index()
    seen: list[str] = []
    todo = [module]
    while todo:
        m = todo.pop()
        if m in seen or m not in index:
            continue
        seen.append(m)
        todo += sorted(index[m].imports)
    return sorted(seen)


def _claims_datasets() -> set[str]:
    with (DATASETS / "claims.csv").open(encoding="utf-8", newline="") as fh:
        return {r["dataset"] for r in csv.DictReader(fh) if r.get("dataset")} | {"claims"}


# Functions whose ``load`` takes a computed name, and which datasets that name can be.
RESOLVERS: dict[str, Callable[[], set[str]]] = {
    "analysis.study.claims._candidates": _claims_datasets,
}


def _reached_datasets(module: str, function: str) -> set[str]:
    """The datasets a function loads, following the calls it makes inside the package."""
    index = _index()
    found: set[str] = set()
    seen: set[tuple[str, str]] = set()
    todo = [(module, function)]
    while todo:
        mod, fn = todo.pop()
        if (mod, fn) in seen or mod not in index or fn not in index[mod].functions:
            continue
        seen.add((mod, fn))
        qual = f"{mod}.{fn}"
        if qual in RESOLVERS:
            found |= RESOLVERS[qual]()
            continue
        m = index[mod]
        for node in ast.walk(m.functions[fn]):
            if isinstance(node, ast.Call) and _is_load(node.func, m):
                arg = node.args[0] if node.args else None
                if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                    found.add(arg.value)
                else:
                    found.add(ALL)
            if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Load):
                if node.id in m.functions:
                    todo.append((mod, node.id))
                elif node.id in m.names:
                    target, attr = m.names[node.id]
                    if attr is not None:
                        todo.append((target, attr))
            elif isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name):
                target = m.names.get(node.value.id)
                if target and target[1] is None:
                    todo.append((target[0], node.attr))
    return found


def _is_load(func: ast.expr, m: _Module) -> bool:
    if isinstance(func, ast.Name):
        return m.names.get(func.id) == ("analysis.data.datasets", "load") or (
            m.name == "analysis.data.datasets" and func.id == "load"
        )
    return False


# --------------------------------------------------------------------------------------------
# The registry
# --------------------------------------------------------------------------------------------


def _figure_names() -> list[tuple[str, str]]:
    """(function, module) for every figure imported in the figures package, in file order."""
    tree = ast.parse(FIGURES_INIT.read_text(encoding="utf-8"))
    out = []
    for node in tree.body:
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith(
            "analysis.charts.figures."
        ):
            out += [(alias.asname or alias.name, node.module) for alias in node.names]
    return out


def code_digest() -> str:
    """One hash over the package's source files: the registry is derived from nothing else."""
    h = hashlib.sha256()
    for path in sorted(PACKAGE.rglob("*.py")):
        h.update(f"{path.relative_to(PACKAGE)}\n".encode())
        h.update(path.read_bytes())
    return h.hexdigest()


def derive() -> list[Output]:
    """Every output with the datasets and the code it depends on."""
    entries = [(n, m, n, "figure") for n, m in _figure_names()]
    entries.append((LEDGER, "analysis.study.claims", "ledger", "ledger"))
    everything = sorted(p.stem for p in DATASETS.glob("*.csv"))
    out = []
    for name, module, function, kind in entries:
        reached = _reached_datasets(module, function)
        datasets = everything if ALL in reached else sorted(reached)
        code = [_index()[m].path.relative_to(PACKAGE).as_posix() for m in _closure(module)]
        out.append(Output(name, module, function, kind, tuple(datasets), tuple(code)))
    return out


def outputs(cache_entry: dict | None = None) -> tuple[list[Output], dict]:
    """The registry, reusing ``cache_entry`` (from the build manifest) when the code is unchanged.

    Returns the outputs and the entry to store for next time. A cache is only trusted for the exact
    source files (and claims.csv, which says what the audit reads) it was derived from."""
    digest = code_digest() + _claims_digest()
    if cache_entry and cache_entry.get("digest") == digest:
        try:
            return [Output(**o) for o in cache_entry["outputs"]], cache_entry
        except (TypeError, KeyError):
            pass
    derived = derive()
    entry = {
        "digest": digest,
        "outputs": [
            {
                "name": o.name,
                "module": o.module,
                "function": o.function,
                "kind": o.kind,
                "datasets": list(o.datasets),
                "code": list(o.code),
            }
            for o in derived
        ],
    }
    return derived, entry


def _claims_digest() -> str:
    try:
        rows = _claims_datasets()
    except FileNotFoundError:
        return "no-claims"
    return hashlib.sha256(",".join(sorted(rows)).encode()).hexdigest()[:16]


def dependencies(output: Output) -> dict[str, Path]:
    """Every file the output depends on, by a stable label."""
    deps = {f"analysis/{rel}": PACKAGE / rel for rel in output.code}
    deps["analysis/charts/house.mplstyle"] = STYLE_FILE
    deps["datasets/datapackage.json"] = DATASETS / "datapackage.json"
    for name in output.datasets:
        deps[f"datasets/{name}.csv"] = DATASETS / f"{name}.csv"
    return dict(sorted(deps.items()))


def by_name(items: Iterable[Output]) -> dict[str, Output]:
    return {o.name: o for o in items}
