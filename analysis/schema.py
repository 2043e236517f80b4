"""The data package descriptor (``datasets/datapackage.json``): the single statement of every rule.

The descriptor follows the Frictionless Data Package / Table Schema standard. Each field carries a
``type`` (integer, number, string, date), an optional ``unit`` and ``constraints``; each resource a
``primaryKey`` and ``foreignKeys``. Rules that Table Schema cannot say (shares of one election summing
to at most 100) live in the resource's ``x-checks`` list.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from .paths import DATAPACKAGE


@dataclass(frozen=True)
class Field:
    name: str
    type: str
    description: str = ""
    unit: str | None = None
    constraints: dict[str, Any] = field(default_factory=dict)

    @property
    def required(self) -> bool:
        return bool(self.constraints.get("required", False))


@dataclass(frozen=True)
class Resource:
    name: str
    path: str
    title: str
    description: str
    fields: tuple[Field, ...]
    primary_key: tuple[str, ...]
    foreign_keys: tuple[dict[str, Any], ...]
    missing_values: tuple[str, ...]
    checks: tuple[dict[str, Any], ...]
    raw: dict[str, Any]

    @property
    def field_names(self) -> list[str]:
        return [f.name for f in self.fields]

    def field(self, name: str) -> Field:
        for f in self.fields:
            if f.name == name:
                return f
        raise KeyError(name)


@dataclass(frozen=True)
class Package:
    raw: dict[str, Any]
    resources: dict[str, Resource]

    @property
    def names(self) -> list[str]:
        return list(self.resources)

    def resource(self, name: str) -> Resource:
        try:
            return self.resources[name]
        except KeyError:
            known = ", ".join(self.resources)
            raise KeyError(f"no dataset named {name!r}; known datasets: {known}") from None


def _resource(raw: dict[str, Any]) -> Resource:
    schema = raw["schema"]
    pk = schema.get("primaryKey", [])
    return Resource(
        name=raw["name"],
        path=raw["path"],
        title=raw.get("title", raw["name"]),
        description=raw.get("description", ""),
        fields=tuple(
            Field(
                name=f["name"],
                type=f.get("type", "string"),
                description=f.get("description", ""),
                unit=f.get("unit"),
                constraints=dict(f.get("constraints", {})),
            )
            for f in schema["fields"]
        ),
        primary_key=tuple([pk] if isinstance(pk, str) else pk),
        foreign_keys=tuple(schema.get("foreignKeys", [])),
        missing_values=tuple(schema.get("missingValues", [""])),
        checks=tuple(raw.get("x-checks", [])),
        raw=raw,
    )


@lru_cache(maxsize=8)
def _read(path: str, mtime_ns: int) -> Package:
    raw = json.loads(Path(path).read_text(encoding="utf-8"))
    return Package(raw=raw, resources={r["name"]: _resource(r) for r in raw["resources"]})


def package(path: Path = DATAPACKAGE) -> Package:
    """The parsed descriptor, re-read whenever the file changes."""
    return _read(str(path), path.stat().st_mtime_ns)


def codebook(pkg: Package | None = None) -> str:
    """The data dictionary (``datasets/README.md``), generated from the descriptor so it cannot drift."""
    pkg = pkg or package()
    lines = [
        f"# {pkg.raw.get('title', 'Datasets')}",
        "",
        pkg.raw.get("description", ""),
        "",
        "Generated from `datapackage.json` by `make figures`; edit the descriptor, not this file.",
        "Licence: "
        + ", ".join(lic.get("title", lic["name"]) for lic in pkg.raw.get("licenses", []))
        + ".",
        "",
    ]
    for res in pkg.resources.values():
        lines += [f"## `{res.path}`: {res.title}", "", res.description, ""]
        if res.primary_key:
            lines.append(f"One row per {', '.join(f'`{k}`' for k in res.primary_key)}.")
        for fk in res.foreign_keys:
            ref = fk["reference"]
            lines.append(
                f"`{fk['fields']}` refers to `{ref['resource']}.csv` (`{ref['fields']}`)."
            )
        lines += [
            "",
            "| column | type | unit | required | rules | description |",
            "|---|---|---|---|---|---|",
        ]
        for f in res.fields:
            rules = "; ".join(
                f"{k} {v}" if k != "enum" else "one of " + ", ".join(map(str, v))
                for k, v in f.constraints.items()
                if k != "required"
            )
            lines.append(
                f"| `{f.name}` | {f.type} | {f.unit or ''} | {'yes' if f.required else ''} | "
                f"{rules.replace('|', '/')} | {f.description} |"
            )
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"
