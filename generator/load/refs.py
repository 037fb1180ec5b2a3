"""Local ``$ref`` resolution inside one document."""

from __future__ import annotations

from typing import Any

from ..common import pointer as jsonpointer


class UnresolvedRef(Exception):
    pass


def lookup(document: dict[str, Any], ref: str) -> Any:
    """The value a local ``$ref`` (``#/components/...``) points to."""
    if not ref.startswith("#"):
        raise UnresolvedRef(f"$ref {ref!r} points outside this document; only local references (#/...) are supported")
    node: Any = document
    try:
        parts = jsonpointer.split(ref)
    except ValueError as exc:
        raise UnresolvedRef(str(exc)) from None
    for part in parts:
        if isinstance(node, dict) and part in node:
            node = node[part]
        elif isinstance(node, list) and part.isdigit() and int(part) < len(node):
            node = node[int(part)]
        else:
            raise UnresolvedRef(f"$ref {ref!r} does not resolve: no {part!r} there")
    return node


def deref(document: dict[str, Any], node: Any, *, limit: int = 64) -> Any:
    """Follow ``$ref`` chains until a non-reference value."""
    for _ in range(limit):
        if not (isinstance(node, dict) and isinstance(node.get("$ref"), str)):
            return node
        node = lookup(document, node["$ref"])
    raise UnresolvedRef("$ref chain is too long or circular")
