"""An enum written the OpenAPI 3.1 way is an enum: ``oneOf: [{const: X, title: ..., description: ...}]``.

Each such ``oneOf`` (or ``anyOf``) whose branches are all string or all integer ``const`` s becomes
``enum: [...]``, with ``x-enum-varnames`` from the branches' titles (when every branch has
one and no two give the same name; else the values name the members, as for any enum) and
``x-enum-descriptions`` from their descriptions (the members' docstrings). The models stage
then writes one open enum class like any other (unknown values become ``UNKNOWN`` members),
and the IR lists its values. The input document is not modified.
"""

from __future__ import annotations

from typing import Any

from ..common import naming

_BRANCH_KEYS = frozenset({"const", "title", "description", "type", "deprecated"})
_NOT_SCHEMAS = frozenset({"example", "examples", "default", "const", "enum"})


def const_unions_as_enums(document: dict[str, Any]) -> dict[str, Any]:
    """``document`` with each ``oneOf``/``anyOf`` of ``const`` s rewritten as an ``enum``."""
    return _rewrite(document)  # type: ignore[no-any-return]


def _rewrite(node: Any, parent: str = "") -> Any:
    # Recursive on purpose: the loader bounds nesting to 100 levels.
    if isinstance(node, list):
        return [_rewrite(item) for item in node]
    if not isinstance(node, dict):
        return node
    result = {
        key: value if _is_data(key, parent) else _rewrite(value, key) for key, value in node.items()
    }
    for key in ("oneOf", "anyOf"):
        enum = _as_enum(result.get(key))
        if enum is not None and "enum" not in result and "const" not in result:
            del result[key]
            result.update(enum)
            break
    return result


def _is_data(key: str, parent: str) -> bool:
    if key == "default" and parent == "responses":
        return False  # the default response, not a schema's default value
    return key in _NOT_SCHEMAS or str(key).startswith("x-")


def _as_enum(branches: Any) -> dict[str, Any] | None:
    if not isinstance(branches, list) or len(branches) < 2:
        return None
    if not all(isinstance(b, dict) and "const" in b and set(b) <= _BRANCH_KEYS for b in branches):
        return None
    values = [b["const"] for b in branches]
    if all(isinstance(v, str) for v in values):
        kind = "string"
    elif all(isinstance(v, int) and not isinstance(v, bool) for v in values):
        kind = "integer"
    else:
        return None
    if len(set(values)) != len(values):
        return None
    enum: dict[str, Any] = {"type": kind, "enum": values}
    titles = [b.get("title") for b in branches]
    if all(isinstance(t, str) for t in titles):
        names = [naming.snake_case(str(t)).upper() for t in titles]
        if all(names) and len(set(names)) == len(names):
            enum["x-enum-varnames"] = names
    descriptions = [b.get("description") for b in branches]
    if any(isinstance(d, str) and d for d in descriptions):
        enum["x-enum-descriptions"] = [d if isinstance(d, str) else "" for d in descriptions]
    return enum
