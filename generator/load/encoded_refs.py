"""``$ref`` fragments written percent-encoded, as URI fragments are: decoded once, here.

A ``$ref`` is a URI, and the JSON pointer in its fragment may be percent-encoded (RFC 6901
section 6): ``#/paths/~1jobs~1%7Bid%7D/get`` is the path item ``/jobs/{id}``, and
``#/components/schemas/Job%20Info`` the schema ``Job Info``. openapi-spec-validator decodes them,
and real specs write them so (the APIs.guru collection has several). Every later stage looks a
``$ref`` up by its plain pointer, so each local reference that does not resolve as written but
does once decoded is rewritten to the decoded form; one that resolves as written (a key with a
literal ``%``) is left alone. The document is copied only when something changes.
"""

from __future__ import annotations

import copy
from typing import Any
from urllib.parse import unquote

from .refs import UnresolvedRef, lookup


def decode_ref_fragments(document: dict[str, Any]) -> dict[str, Any]:
    """``document`` with each percent-encoded local ``$ref`` decoded (the same object if none is)."""
    changes = [node for node in _ref_holders(document) if _decoded(document, node["$ref"]) is not None]
    if not changes:
        return document
    copied = copy.deepcopy(document)
    for node in _ref_holders(copied):
        decoded = _decoded(copied, node["$ref"])
        if decoded is not None:
            node["$ref"] = decoded
    return copied


def _ref_holders(document: Any) -> list[dict[str, Any]]:
    """Every object with a local ``$ref`` that holds a percent sign, in document order."""
    found = []
    stack = [document]
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            ref = node.get("$ref")
            if isinstance(ref, str) and ref.startswith("#") and "%" in ref:
                found.append(node)
            stack.extend(reversed(list(node.values())))
        elif isinstance(node, list):
            stack.extend(reversed(node))
    return found


def _decoded(document: dict[str, Any], ref: str) -> str | None:
    """The decoded form of ``ref`` when only that form resolves, else None."""
    decoded = "#" + unquote(ref[1:])
    if decoded == ref or _resolves(document, ref) or not _resolves(document, decoded):
        return None
    return decoded


def _resolves(document: dict[str, Any], ref: str) -> bool:
    try:
        lookup(document, ref)
    except UnresolvedRef:
        return False
    return True
