"""A ``$ref`` that resolves to a schema is a schema reference, wherever the schema sits.

Real specs point at schemas held inside other objects: a parameter's schema
(``#/components/parameters/limit/schema``), an operation's response schema
(``#/paths/~1a/get/responses/200/content/application~1json/schema``). The models stage reads
``components/schemas`` only, so this pass moves each such schema there, under a readable name
derived from where it was (``LimitParameter``, ``ListItemsResponse200``), leaves a ``$ref`` in
its old place and points every reference at the new one. One schema referenced from many
places is one model. The input document is not modified; names are deterministic.
"""

from __future__ import annotations

import copy
from typing import Any

from ..common import naming
from ..common import pointer as jsonpointer
from ..common import structure
from ..common.walkers import HTTP_METHODS

_COMPONENT_SCHEMAS = "#/components/schemas/"


def is_schema_place(parts: list[str]) -> bool:
    """Is the value at ``parts`` a schema by its position in an OpenAPI document (its
    structure, not the names on the way: ``#/components/examples/schema/value`` is data)?"""
    return structure.kind_at(parts) == "schema"


def _movable(ref: Any) -> bool:
    if not isinstance(ref, str) or not ref.startswith("#/") or ref.startswith(_COMPONENT_SCHEMAS):
        return False
    try:
        return is_schema_place(jsonpointer.split(ref))
    except ValueError:
        return False


def localise_schema_refs(document: dict[str, Any]) -> dict[str, Any]:
    """``document`` with every schema that a ``$ref`` names outside ``components/schemas`` moved there."""
    targets = sorted({ref for ref in _refs(document) if _movable(ref)}, key=lambda r: (-len(jsonpointer.split(r)), r))
    if not targets:
        return document
    doc = copy.deepcopy(document)
    components = doc.setdefault("components", {})
    schemas = components.setdefault("schemas", {})
    moved: dict[str, str] = {}
    for ref in targets:  # the deepest first: a schema inside another moves before its container
        parts = jsonpointer.split(ref)
        parent = _resolve(doc, parts[:-1])
        key: Any = int(parts[-1]) if isinstance(parent, list) else parts[-1]
        name = _unique(_name(doc, parts), schemas)
        schemas[name] = parent[key]
        moved[ref] = _COMPONENT_SCHEMAS + jsonpointer.escape(name)
        parent[key] = {"$ref": moved[ref]}
    _rewrite(doc, moved)
    return doc


def _refs(node: Any) -> list[Any]:
    found = []
    stack = [node]
    while stack:
        current = stack.pop()
        if isinstance(current, dict):
            if "$ref" in current:
                found.append(current["$ref"])
            stack.extend(current.values())
        elif isinstance(current, list):
            stack.extend(current)
    return found


def _rewrite(node: Any, moved: dict[str, str]) -> None:
    stack = [node]
    while stack:
        current = stack.pop()
        if isinstance(current, dict):
            ref = current.get("$ref")
            if isinstance(ref, str) and ref in moved:
                current["$ref"] = moved[ref]
            stack.extend(current.values())
        elif isinstance(current, list):
            stack.extend(current)


def _resolve(doc: Any, parts: list[str]) -> Any:
    node = doc
    for part in parts:
        node = node[int(part)] if isinstance(node, list) else node[part]
    return node


def _name(doc: dict[str, Any], parts: list[str]) -> str:
    """``components/parameters/limit/schema`` -> ``LimitParameter``;
    ``paths/~1items/get/responses/200/content/application~1json/schema`` -> ``ListItemsResponse200``."""
    words: list[str] = []
    rest = parts
    if parts[0] == "components" and len(parts) >= 3:
        kind = parts[1][:-1] if parts[1].endswith("s") else parts[1]
        words, rest = [parts[2], kind], parts[3:]
    elif parts[0] == "paths" and len(parts) >= 3 and parts[2] in HTTP_METHODS:
        operation = _resolve(doc, parts[:3])
        op_id = operation.get("operationId") if isinstance(operation, dict) else None
        words = [op_id] if isinstance(op_id, str) and naming.words(op_id) else [parts[2], parts[1]]
        rest = parts[3:]
        if rest[:1] == ["parameters"] and len(rest) >= 2 and rest[1].isdigit():
            param = _resolve(doc, parts[:5])
            words.append(str(param.get("name") or "") if isinstance(param, dict) else "")
            words.append("param")
            rest = rest[2:]
    for part in rest:
        if part in ("content", "schema", "responses") or "/" in part:
            continue
        words.append("body" if part == "requestBody" else "response" if part.isdigit() and len(part) == 3 else part)
        if part.isdigit() and len(part) == 3:
            words.append(part)
    try:
        return naming.class_name(" ".join(w for w in words if w))
    except ValueError:
        return "Schema"


def _unique(name: str, schemas: dict[str, Any]) -> str:
    unique, counter = name, 2
    while unique in schemas:
        unique = f"{name}{counter}"
        counter += 1
    return unique
