"""The raw schemas: defaults, constraints, nullability, and which models are sent or received."""

from __future__ import annotations

from typing import Any, Iterable

from ...common.walkers import operations as raw_operations
from ...load.refs import deref, lookup, UnresolvedRef
from .report import REQUEST, RESPONSE
from .sides import Side
from .text import _show


_CONSTRAINT_LOWER = ("minimum", "exclusiveMinimum", "minLength", "minItems", "minProperties")
_CONSTRAINT_UPPER = ("maximum", "exclusiveMaximum", "maxLength", "maxItems", "maxProperties")
_CONSTRAINT_OTHER = ("pattern", "multipleOf", "uniqueItems", "format")


def _resolve(doc: dict[str, Any], node: Any) -> dict[str, Any]:
    try:
        value = deref(doc, node)
    except UnresolvedRef:
        return {}
    return value if isinstance(value, dict) else {}


def _nullable(doc: dict[str, Any], schema: Any) -> bool:
    if not isinstance(schema, dict):
        return False
    types = schema.get("type")
    if schema.get("nullable") is True or (isinstance(types, list) and "null" in types) or types == "null":
        return True
    for key in ("anyOf", "oneOf"):
        if any(_nullable(doc, s) for s in schema.get(key) or [] if isinstance(s, dict)):
            return True
    if "$ref" in schema:
        return _nullable(doc, _resolve(doc, schema))
    return False


def _constraint_changes(old: dict[str, Any], new: dict[str, Any]) -> tuple[list[str], list[str]]:
    """(tightened, relaxed) descriptions of the constraint keywords that differ."""
    tightened: list[str] = []
    relaxed: list[str] = []
    for key in (*_CONSTRAINT_LOWER, *_CONSTRAINT_UPPER, *_CONSTRAINT_OTHER):
        if key == "format" or old.get(key) == new.get(key):
            continue
        a, b = old.get(key), new.get(key)
        text = f"{key} {_show(a)} -> {_show(b)}"
        numeric = all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in (a, b))
        if b is None or (key == "uniqueItems" and not b):
            relaxed.append(text)
        elif a is None or (key == "uniqueItems" and b) or not numeric or key == "multipleOf":
            tightened.append(text)
        elif key in _CONSTRAINT_LOWER:
            (tightened if b > a else relaxed).append(text)
        else:
            (tightened if b < a else relaxed).append(text)
    return tightened, relaxed


def _directions(side: Side) -> dict[str, set[str]]:
    """For each model class: sent (``request``), received (``response``), or both.

    A class is used in a direction when its schema is reachable, through ``$ref`` or by being
    nested inside a reachable schema, from a parameter or request body (request) or from a
    success response (response). A class reachable from neither is counted as both: callers
    may still import and use it.
    """
    doc = side.doc
    reached: dict[str, set[str]] = {REQUEST: set(), RESPONSE: set()}
    for _path, _method, operation, item in raw_operations(doc):
        request_roots = [*(item.get("parameters") or []), *(operation.get("parameters") or []), operation.get("requestBody")]
        responses = operation.get("responses") or {}
        response_roots = [v for k, v in responses.items() if str(k).startswith("2")]
        _reach(doc, request_roots, reached[REQUEST])
        _reach(doc, response_roots, reached[RESPONSE])
    result: dict[str, set[str]] = {}
    for cls in side.models.classes:
        found = {
            direction
            for direction, refs in reached.items()
            if any(cls.source_ref == ref or cls.source_ref.startswith(ref + "/") for ref in refs)
        }
        result[cls.class_name] = found or {REQUEST, RESPONSE}
    return result


def _reach(doc: dict[str, Any], nodes: Iterable[Any], seen: set[str]) -> None:
    stack = list(nodes)
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            ref = node.get("$ref")
            if isinstance(ref, str) and ref not in seen:
                seen.add(ref)
                try:
                    stack.append(lookup(doc, ref))
                except UnresolvedRef:
                    pass
            stack.extend(v for k, v in node.items() if k != "$ref")
        elif isinstance(node, list):
            stack.extend(node)
