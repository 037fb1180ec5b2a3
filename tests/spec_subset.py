"""A spec cut down to some of its operations, and how big each operation is once every ``$ref``
is inlined, for the contract test (tests/test_contract.py).

Prism inlines every ``$ref`` of the spec before it answers anything, so its start grows with the
fully expanded tree: on the whole Vapi spec, ``POST /call`` alone expands to ~1e8 nodes and
Prism never finishes loading (stoplightio/prism#1479). :func:`expanded_size` measures that tree
(the same count Prism's inlining walks, capped so that measuring stays quick), and
:func:`subset` writes the document with only the operations that stay small, each component they
reach kept and nothing else, which Prism loads in seconds. The rest goes to a judge that resolves
``$ref`` lazily (tests/judges.py). Nothing here knows a spec by name: it reads the document.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from generator.common.walkers import operations

Operation = tuple[str, str]  # ("POST", "/call")


def _target(document: dict[str, Any], ref: str) -> Any:
    node: Any = document
    for token in ref[2:].split("/"):
        token = token.replace("~1", "/").replace("~0", "~")
        node = node[int(token)] if isinstance(node, list) else node[token]
    return node


class _Sizer:
    """Node counts of subtrees with every local ``$ref`` inlined (a ``$ref`` back into its own
    expansion counts as one node: an inliner stops there too), each component counted once."""

    def __init__(self, document: dict[str, Any], limit: int) -> None:
        self.document, self.limit = document, limit
        self.memo: dict[str, int] = {}

    def size(self, node: Any, stack: tuple[str, ...] = ()) -> int:
        if isinstance(node, dict):
            ref = node.get("$ref")
            if isinstance(ref, str) and ref.startswith("#/"):
                if ref in stack:
                    return 1
                if ref not in self.memo:
                    try:
                        target = _target(self.document, ref)
                    except (KeyError, IndexError, ValueError, TypeError):
                        return 1
                    self.memo[ref] = self.size(target, (*stack, ref))
                return self.memo[ref]
            children: Iterable[Any] = node.values()
        elif isinstance(node, list):
            children = node
        else:
            return 1
        total = 1
        for child in children:
            total += self.size(child, stack)
            if total > self.limit:
                return total  # past the cap the exact count does not matter
        return total


def expanded_sizes(document: dict[str, Any], limit: int = 10**9) -> dict[Operation, int]:
    """Each operation's node count with every ``$ref`` inlined (its path item's parameters too),
    at most a little over ``limit``."""
    sizer = _Sizer(document, limit)
    sizes: dict[Operation, int] = {}
    for path, method, operation, item in operations(document):
        shared = item.get("parameters") if isinstance(item, dict) else None
        sizes[(method.upper(), path)] = sizer.size(operation) + (sizer.size(shared) if shared else 0)
    return sizes


def _refs(node: Any) -> Iterable[str]:
    if isinstance(node, dict):
        ref = node.get("$ref")
        if isinstance(ref, str) and ref.startswith("#/"):
            yield ref
        for value in node.values():
            yield from _refs(value)
    elif isinstance(node, list):
        for value in node:
            yield from _refs(value)


def subset(document: dict[str, Any], keep: Iterable[Operation]) -> dict[str, Any]:
    """``document`` with only the operations in ``keep`` (path items holding none dropped), the
    components they reach (transitively) and the security schemes they name; every other
    top-level key as it was, but ``webhooks`` (no operation of ``paths``)."""
    wanted = {(method.upper(), path) for method, path in keep}
    paths: dict[str, Any] = {}
    for path, item in (document.get("paths") or {}).items():
        if not isinstance(item, dict):
            continue
        methods = {k: v for k, v in item.items() if (k.upper(), path) in wanted}
        if methods:
            others = {k: v for k, v in item.items() if k.upper() not in _METHODS}
            paths[path] = {**others, **methods}
    result = {k: v for k, v in document.items() if k not in ("paths", "components", "webhooks")}
    result["paths"] = paths
    components = document.get("components")
    if not isinstance(components, dict):
        return result
    reached: set[str] = set()
    todo = list(_refs(paths))
    while todo:
        ref = todo.pop()
        if ref in reached or not ref.startswith("#/components/"):
            continue
        reached.add(ref)
        try:
            todo.extend(_refs(_target(document, ref)))
        except (KeyError, IndexError, ValueError, TypeError):
            continue
    kept: dict[str, dict[str, Any]] = {}
    for ref in reached:
        parts = [t.replace("~1", "/").replace("~0", "~") for t in ref[len("#/components/"):].split("/")]
        if len(parts) >= 2 and isinstance(components.get(parts[0]), dict) and parts[1] in components[parts[0]]:
            kept.setdefault(parts[0], {})[parts[1]] = components[parts[0]][parts[1]]
    schemes = components.get("securitySchemes")
    if isinstance(schemes, dict):
        named = _security_names(document.get("security"))
        for item in paths.values():
            for key, operation in item.items():
                if key.upper() in _METHODS and isinstance(operation, dict):
                    named |= _security_names(operation.get("security"))
        kept["securitySchemes"] = {k: v for k, v in schemes.items() if k in named}
    result["components"] = {kind: kept[kind] for kind in components if kind in kept}
    return result


_METHODS = {"GET", "PUT", "POST", "DELETE", "OPTIONS", "HEAD", "PATCH", "TRACE"}


def _security_names(requirements: Any) -> set[str]:
    names: set[str] = set()
    for requirement in requirements or []:
        if isinstance(requirement, dict):
            names.update(str(k) for k in requirement)
    return names
