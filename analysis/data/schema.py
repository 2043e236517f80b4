"""The data package descriptor (``datasets/datapackage.json``): the single statement of every rule.

The descriptor follows the Frictionless Data Package / Table Schema standard. Each field carries a
``type`` (integer, number, string, date), an optional ``unit`` and ``constraints``; each resource a
``primaryKey`` and ``foreignKeys``. Rules that Table Schema cannot say (shares of one election summing
to at most 100) live in the resource's ``x-checks`` list.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from analysis.core.paths import DATAPACKAGE

TYPES = ("string", "integer", "number", "date")
CONSTRAINTS = {
    "string": {"required", "pattern", "maxLength", "minLength", "enum"},
    "integer": {"required", "minimum", "maximum", "enum"},
    "number": {"required", "minimum", "maximum", "enum"},
    "date": {"required", "minimum", "maximum"},
}
CHECKS = ("share_sum",)


class DescriptorError(ValueError):
    """``datapackage.json`` cannot be used; ``problems`` says where and why, one line each."""

    def __init__(self, path: Path, problems: list[str]):
        self.path = path
        self.problems = problems
        super().__init__(
            "\n".join(
                [f"{path.name} is not a usable data package:", *(f"  - {p}" for p in problems)]
            )
        )


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
    digest: str = ""

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


def check_descriptor(raw: Any) -> list[str]:
    """Every structural problem of a parsed descriptor, each with its JSON location."""
    if not isinstance(raw, dict):
        return ["the top level must be a JSON object"]
    resources = raw.get("resources")
    if not isinstance(resources, list) or not resources:
        return ["'resources' must be a non-empty list"]
    out: list[str] = []
    seen: set[str] = set()
    for i, r in enumerate(resources):
        at = f"resources[{i}]"
        if not isinstance(r, dict):
            out.append(f"{at} must be an object")
            continue
        name = r.get("name")
        if not isinstance(name, str) or not name:
            out.append(f"{at} has no 'name'")
        else:
            at = f"resources[{i}] ({name})"
            if name in seen:
                out.append(f"{at}: the name is used twice")
            seen.add(name)
        if not isinstance(r.get("path"), str) or not r.get("path"):
            out.append(f"{at} has no 'path'")
        schema = r.get("schema")
        if not isinstance(schema, dict):
            out.append(f"{at} has no 'schema' object")
            continue
        fields = schema.get("fields")
        if not isinstance(fields, list) or not fields:
            out.append(f"{at}.schema has no 'fields' list")
            continue
        names = []
        for j, f in enumerate(fields):
            fat = f"{at}.schema.fields[{j}]"
            if not isinstance(f, dict) or not isinstance(f.get("name"), str):
                out.append(f"{fat} must be an object with a 'name'")
                continue
            fat += f" ({f['name']})"
            names.append(f["name"])
            ftype = f.get("type", "string")
            if ftype not in TYPES:
                out.append(f"{fat}: unknown type {ftype!r}; known types: {', '.join(TYPES)}")
                continue
            cons = f.get("constraints", {})
            if not isinstance(cons, dict):
                out.append(f"{fat}: 'constraints' must be an object")
                continue
            for key in cons:
                if key not in CONSTRAINTS[ftype]:
                    out.append(f"{fat}: constraint {key!r} is not supported for {ftype} fields")
        pk = schema.get("primaryKey", [])
        for k in [pk] if isinstance(pk, str) else pk if isinstance(pk, list) else [None]:
            if k not in names:
                out.append(f"{at}.schema.primaryKey names {k!r}, which is not a field")
        for fk in schema.get("foreignKeys", []):
            if not (
                isinstance(fk, dict)
                and isinstance(fk.get("fields"), str | list)
                and isinstance(fk.get("reference"), dict)
                and isinstance(fk["reference"].get("resource"), str)
                and isinstance(fk["reference"].get("fields"), str | list)
            ):
                out.append(f"{at}.schema.foreignKeys: each needs 'fields' and a 'reference'")
        for check in r.get("x-checks", []):
            if not isinstance(check, dict) or check.get("check") not in CHECKS:
                out.append(f"{at}.x-checks: unknown check {check!r}; known: {', '.join(CHECKS)}")
    known = {r.get("name") for r in resources if isinstance(r, dict)}
    for i, r in enumerate(resources):
        if not isinstance(r, dict) or not isinstance(r.get("schema"), dict):
            continue
        for fk in r["schema"].get("foreignKeys", []):
            target = fk.get("reference", {}).get("resource") if isinstance(fk, dict) else None
            if isinstance(target, str) and target not in known:
                out.append(f"resources[{i}].schema.foreignKeys refers to unknown {target!r}")
    return out


_PARSED: dict[tuple[str, str], Package] = {}


def package(path: Path = DATAPACKAGE) -> Package:
    """The parsed descriptor, re-read whenever its content changes.

    Raises :class:`DescriptorError` when the file is missing, not JSON, or not a data package this
    suite can apply (a resource without a schema, an unknown field type, ...)."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except (FileNotFoundError, IsADirectoryError, PermissionError) as exc:
        raise DescriptorError(path, [f"cannot be read: {exc.strerror or exc}"]) from None
    digest = hashlib.sha256(data).hexdigest()
    key = (str(path), digest)
    if key in _PARSED:
        return _PARSED[key]
    try:
        raw = json.loads(data.decode("utf-8"))
    except UnicodeDecodeError as exc:
        raise DescriptorError(
            path, [f"not UTF-8 text ({exc.reason} at byte {exc.start})"]
        ) from None
    except json.JSONDecodeError as exc:
        raise DescriptorError(
            path, [f"not valid JSON: {exc.msg} (line {exc.lineno}, column {exc.colno})"]
        ) from None
    problems = check_descriptor(raw)
    if problems:
        raise DescriptorError(path, problems)
    pkg = Package(
        raw=raw, resources={r["name"]: _resource(r) for r in raw["resources"]}, digest=digest
    )
    if len(_PARSED) > 16:
        _PARSED.clear()
    _PARSED[key] = pkg
    return pkg


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
        "## How values are written",
        "",
        "Every CSV is UTF-8 without a byte-order mark, comma-separated, with a header that lists the",
        "schema's fields in the schema's order. A cell is read exactly as written; nothing is coerced.",
        "",
        "| type | accepted | refused |",
        "|---|---|---|",
        "| integer | ASCII digits with an optional leading minus, no leading zeros, within 64 bits: "
        "`0`, `-12`, `1932` | `+6`, `0006`, `6.0`, `1,000`, `１９３２` and other non-ASCII digits |",
        "| number | an integer as above, optionally a dot with digits on both sides, optionally an "
        "exponent: `5434.0`, `-0.25`, `1.2e-05` | `+1`, `36.`, `.5`, `1,5`, `inf`, `nan`, `1e999` |",
        "| date | `YYYY-MM-DD`, a real calendar day | `1970-9-4`, `04/09/1970`, `1970-02-30` |",
        "| string | any text without control characters other than the line feed, with no "
        "leading or trailing spaces | NUL, tab, escape and the like |",
        "",
        "Patterns (`pattern`) match ASCII digits only for `\\d`. Primary keys are compared as typed",
        "values. A blank cell is a missing value.",
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
