"""Documentation: descriptions, summaries, examples, placed by the path or model they document."""

from __future__ import annotations

from typing import Any

from ...common import pointer as jsonpointer
from .places import _model_place, _op_place
from .report import Change, DOCUMENTATION
from .sides import Side
from .text import _show


_DOC_KEYS = ("description", "summary", "example", "examples", "externalDocs")
# Mappings whose keys are names chosen by the spec author, not OpenAPI keywords.
_NAME_MAPS = {
    "properties", "patternProperties", "schemas", "paths", "responses", "headers", "content", "securitySchemes",
    "$defs", "definitions", "variables", "callbacks", "links", "requestBodies", "parameters", "mapping",
}
_HTTP_METHODS = {"get", "put", "post", "delete", "options", "head", "patch", "trace"}


def _compare_docs(old: Side, new: Side) -> list[Change]:
    changes: list[Change] = []
    _walk_docs(old, new, old.doc, new.doc, [], False, changes)
    return changes


def _walk_docs(old: Side, new: Side, a: Any, b: Any, parts: list[str], names: bool, out: list[Change]) -> None:
    if isinstance(a, dict) and isinstance(b, dict):
        for key in sorted(set(a) | set(b)):
            if not names and key in _DOC_KEYS and parts[-1:] != ["components"]:
                if a.get(key) != b.get(key):
                    what = f"{key} {'added' if key not in a else 'removed' if key not in b else 'changed'}"
                    out.append(Change(DOCUMENTATION, _doc_place(old, new, parts), what, _doc_text(a.get(key)), _doc_text(b.get(key))))
            elif key in a and key in b:
                _walk_docs(old, new, a[key], b[key], [*parts, key], not names and key in _NAME_MAPS, out)
    elif isinstance(a, list) and isinstance(b, list):
        def keyed(items: list[Any]) -> dict[str, Any] | None:
            if items and all(isinstance(i, dict) and isinstance(i.get("name"), str) for i in items):
                return {f"{i.get('in', '')} {i['name']}".strip(): i for i in items}
            return None

        ka, kb = keyed(a), keyed(b)
        if ka is not None and kb is not None:
            for key in sorted(set(ka) & set(kb)):
                _walk_docs(old, new, ka[key], kb[key], [*parts, key], False, out)
        else:
            for index, (x, y) in enumerate(zip(a, b)):
                _walk_docs(old, new, x, y, [*parts, str(index)], False, out)


def _doc_text(value: Any) -> str | None:
    if value is None:
        return None
    return value if isinstance(value, str) else _show(value)


def _doc_place(old: Side, new: Side, parts: list[str]) -> str:
    if len(parts) >= 3 and parts[0] == "paths" and parts[2] in _HTTP_METHODS:
        label = _route_label(new, parts[1], parts[2]) or _route_label(old, parts[1], parts[2]) or f"{parts[2].upper()} {parts[1]}"
        return label + _rest(parts[3:])
    if len(parts) >= 2 and parts[0] == "paths":
        return f"path `{parts[1]}`" + _rest(parts[2:])
    if len(parts) >= 3 and parts[:2] == ["components", "schemas"]:
        ref = jsonpointer.join(parts[:3])
        cls = next((c.class_name for c in new.models.classes if c.source_ref == ref), None)
        if cls and len(parts) >= 5 and parts[3] == "properties":
            model = next((m for m in new.api.models if m.class_name == cls), None)
            name = next((f.name for f in (model.fields if model else ()) if f.wire_name == parts[4]), parts[4])
            return _model_place(new, cls, name, parts[4]) + _rest(parts[5:])
        if cls:
            return f"`{cls}` ({ref})" + _rest(parts[3:])
    if parts == ["info"]:
        return "the API (#/info)"
    return jsonpointer.join(parts) if parts else "the API (#)"


def _route_label(side: Side, path: str, method: str) -> str | None:
    for resource in side.api.resources:
        for op in resource.operations:
            if op.path == path and op.http_method == method.upper():
                return _op_place((resource.name, op.name), op)
    return None


def _rest(parts: list[str]) -> str:
    if not parts:
        return ""
    if parts[0] == "parameters" and len(parts) >= 2:
        location, _, name = parts[1].partition(" ")
        return f", parameter `{name or location}`" + (f" ({location})" if name else "") + (f" at {'/'.join(parts[2:])}" if parts[2:] else "")
    return f" at {'/'.join(parts)}"
