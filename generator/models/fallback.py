"""A model that cannot be made falls back to a permissive type; the rest of the spec still generates.

datamodel-code-generator writes the models of all schemas in one run, so one schema it cannot
handle (an ``allOf`` of itself, a property whose ``required`` is a boolean) would stop them all,
and with them every operation. Here such a schema is found and replaced by a placeholder, and the
run is repeated: an object schema becomes a model without fields that keeps every field the
server sends (``extra="allow"``, as every model does); any other schema becomes ``Any`` for its
users. Each replacement is a warning at the schema that says why.

The culprit is the component the error names (datamodel-code-generator names the schema it was
reading), or else, found by halving, the first component whose replacement lets the run succeed.
A later stage can also name components whose generated module is unusable (it does not compile,
or imports what the package does not declare: see generator/pipeline.py); they fall back the same way.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from typing import Any, TypeVar

from ..common import pointer as jsonpointer
from ..errors import Finding

T = TypeVar("T")

_NAMED = re.compile(r"#/components/schemas/([^/'\"\s)#,]+)")


def placeholder(schema: Any) -> dict[str, Any]:
    """The permissive schema that stands in for ``schema``."""
    keep = {"description": schema["description"]} if isinstance(schema, dict) and isinstance(schema.get("description"), str) else {}
    if isinstance(schema, dict) and (schema.get("type") == "object" or isinstance(schema.get("properties"), dict)):
        return {"type": "object", "additionalProperties": True, **keep}
    return keep


def is_object_placeholder(schema: dict[str, Any]) -> bool:
    return schema.get("type") == "object"


def with_placeholders(document: dict[str, Any], fallen: Mapping[str, str]) -> dict[str, Any]:
    """``document`` (the models' document) with each component in ``fallen`` replaced."""
    schemas = document["components"]["schemas"]
    replaced = {name: placeholder(schema) if name in fallen else schema for name, schema in schemas.items()}
    return {**document, "components": {**document["components"], "schemas": replaced}}


def component_of(ref: str) -> str | None:
    """``#/components/schemas/Call/properties/x`` -> ``Call``."""
    parts = jsonpointer.split(ref) if ref.startswith("#") else []
    return parts[2] if len(parts) >= 3 and parts[:2] == ["components", "schemas"] else None


def generate_with_fallbacks(
    fresh: Callable[[], dict[str, Any]], fallen: dict[str, str], run: Callable[[dict[str, Any]], T]
) -> tuple[T, dict[str, str]]:
    """``run`` on the models' document (a new one from ``fresh()`` each time: ``run`` may rewrite
    it), with every component it cannot handle replaced: the result, and the components that fell
    back (name -> why). ``fallen`` are replaced from the start. Re-raises the error when no
    component's replacement helps (the failure is not any one schema's)."""
    fallen = dict(fallen)
    document = fresh()
    names = list(document["components"]["schemas"])
    for _ in range(len(names) + 1):
        try:
            return run(with_placeholders(document, fallen)), fallen
        except Exception as exc:  # datamodel-code-generator reports what it cannot handle as many types
            reason = _one_line(exc)
            named = [jsonpointer.unescape(n) for n in dict.fromkeys(_NAMED.findall(reason))]
            culprits = [n for n in named if n in names and n not in fallen] or _halve(fresh, fallen, names, run)
            if not culprits:
                raise
            for name in culprits:
                fallen[name] = reason
            document = fresh()
    raise RuntimeError("no model could be generated")  # unreachable: each round replaces one more


def _halve(fresh: Callable[[], dict[str, Any]], fallen: dict[str, str], names: list[str], run: Callable[[dict[str, Any]], Any]) -> list[str]:
    """The first component whose replacement (with those before it) lets ``run`` succeed."""
    candidates = [n for n in names if n not in fallen]

    def succeeds(count: int) -> bool:
        try:
            run(with_placeholders(fresh(), {**fallen, **dict.fromkeys(candidates[:count], "")}))
        except Exception:
            return False
        return True

    if not candidates or not succeeds(len(candidates)):
        return []
    low, high = 1, len(candidates)
    while low < high:
        middle = (low + high) // 2
        if succeeds(middle):
            high = middle
        else:
            low = middle + 1
    return [candidates[low - 1]]


def _one_line(exc: BaseException) -> str:
    text = " ".join(f"{type(exc).__name__}: {exc}".split())
    return text if len(text) <= 300 else text[:297] + "..."


def warnings_for(fallen: Mapping[str, str], document: dict[str, Any]) -> tuple[Finding, ...]:
    findings = []
    for name, reason in sorted(fallen.items()):
        kind = "a model without fields that keeps every field" if is_object_placeholder(placeholder(document["components"]["schemas"].get(name))) else "Any"
        findings.append(
            Finding(jsonpointer.join(["components", "schemas", name]), f"model {name!r} cannot be generated ({reason}); it is {kind} for its users")
        )
    return tuple(findings)
