"""Walkers over an OpenAPI document that every stage shares (validation, model preparation, the
IR, the API diff): kept at the bottom so no stage imports one from a later stage."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

HTTP_METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")


def operations(doc: dict[str, Any]) -> Iterator[tuple[str, str, dict[str, Any], dict[str, Any]]]:
    """Each ``(path, method, operation, path_item)`` in document order."""
    for path, item in (doc.get("paths") or {}).items():
        if not isinstance(item, dict):
            continue
        for method in HTTP_METHODS:
            operation = item.get(method)
            if isinstance(operation, dict):
                yield path, method, operation, item


def webhook_items(doc: dict[str, Any]) -> Iterator[tuple[str, str, dict[str, Any]]]:
    """Each webhook as ``(name, key, path_item)``: OpenAPI 3.1's ``webhooks`` or, for a 3.0
    document, the common extension ``x-webhooks`` (``key`` says which). A path item that is a
    local ``$ref`` (``#/components/pathItems/...``) is followed."""
    key = "webhooks" if isinstance(doc.get("webhooks"), dict) else "x-webhooks"
    for name, item in (doc.get(key) or {}).items() if isinstance(doc.get(key), dict) else ():
        for _ in range(16):  # a short chain of path-item references
            if not (isinstance(item, dict) and isinstance(item.get("$ref"), str) and item["$ref"].startswith("#/")):
                break
            node: Any = doc
            for part in item["$ref"][2:].split("/"):
                part = part.replace("~1", "/").replace("~0", "~")
                node = node.get(part) if isinstance(node, dict) else None
            item = node
        if isinstance(item, dict) and "$ref" not in item:
            yield str(name), key, item


def webhook_operation(item: dict[str, Any]) -> tuple[str, dict[str, Any]] | None:
    """The operation of a webhook's path item that describes the request the API sends: the
    first (in method order) with a ``requestBody``, else the first; None when it has none."""
    found = [(method, item[method]) for method in HTTP_METHODS if isinstance(item.get(method), dict)]
    with_body = [(method, op) for method, op in found if op.get("requestBody") is not None]
    return (with_body or found or [None])[0]
