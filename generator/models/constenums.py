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

from ..common import naming, structure

_BRANCH_KEYS = frozenset({"const", "title", "description", "type", "deprecated"})


def const_unions_as_enums(document: dict[str, Any]) -> dict[str, Any]:
    """``document`` with each ``oneOf``/``anyOf`` of ``const`` s rewritten as an ``enum``."""
    return _rewrite(document)  # type: ignore[no-any-return]


def _rewrite(node: Any, kind: str = "document") -> Any:
    # Recursive on purpose: the loader bounds nesting to 100 levels. What is data (an example,
    # a default) is decided by the document's structure: a property named `default` is a schema.
    if isinstance(node, list):
        return [_rewrite(item, structure.child(kind, str(index))) for index, item in enumerate(node)]
    if not isinstance(node, dict):
        return node
    result = {}
    for key, value in node.items():
        below = structure.child(kind, str(key))
        result[key] = value if below in (structure.DATA, structure.EXTENSION) else _rewrite(value, below)
    for key in ("oneOf", "anyOf"):
        enum = _as_enum(result.get(key))
        if enum is not None and "enum" not in result and "const" not in result:
            del result[key]
            result.update(enum)
            break
    return result


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
