"""What kind of body a media type carries: the one rule request bodies and responses share.

In this order (the media type compared by its essence: lower case, parameters dropped):

1. ``application/json`` and ``+json`` types (``application/problem+json``,
   ``application/json; version=2``) are ``json``, unless their schema is a string of bytes
   (:func:`is_binary`): then ``binary``, the body is a file whatever its label (converters from
   Swagger 2.0 write a ``type: file`` response so, under ``application/json``);
2. ``text/event-stream`` is ``events`` (server-sent events);
3. ``application/x-www-form-urlencoded`` is ``form``; ``multipart/*`` is ``multipart``;
4. a schema with ``format: binary`` makes any other media type ``binary``, ``text/*``
   included: the spec says the body is bytes (a file served as ``text/plain`` is a file);
5. ``text/*``, XML (``application/xml``, ``+xml``), ``application/sdp`` and the other text
   formats in ``_TEXT_TYPES`` are ``text``;
6. ``application/octet-stream`` is ``binary`` (a file), even when its schema is a plain string;
7. any other media type whose schema is a string, and not bytes (:func:`is_binary`: 3.1's
   ``contentMediaType`` without ``contentEncoding``), is ``text`` (the spec types it ``str``);
8. anything else is ``binary``.

Each direction maps the kinds it has no use for: a request sends ``events`` as text, and a
response reads a ``form`` or ``multipart`` answer as bytes.
"""

from __future__ import annotations

from typing import Any

JSON = "json"
EVENTS = "events"
FORM = "form"
MULTIPART = "multipart"
TEXT = "text"
BINARY = "binary"

FORM_TYPE = "application/x-www-form-urlencoded"
_TEXT_TYPES = frozenset({
    "application/xml", "application/sdp", "application/x-ndjson", "application/jsonl", "application/yaml",
    "application/javascript",
})


def essence(media_type: str) -> str:
    """``Text/Plain; charset=utf-8`` -> ``text/plain``."""
    return media_type.split(";", 1)[0].strip().lower()


def is_json(media_type: str) -> bool:
    """``application/json``, ``application/problem+json``, ``application/json; version=2``."""
    name = essence(media_type)
    return name == "application/json" or name.endswith("+json")


def is_binary(schema: Any) -> bool:
    """A string of bytes: ``format: binary`` (3.0), or ``contentMediaType`` without
    ``contentEncoding`` (3.1)."""
    if not isinstance(schema, dict):
        return False
    types = schema.get("type")
    if isinstance(types, list):
        types = next((t for t in types if t != "null"), None)
    if types not in ("string", None):
        return False
    return schema.get("format") == "binary" or ("contentMediaType" in schema and "contentEncoding" not in schema)


def kind(media_type: str, schema: Any = None) -> str:
    """The kind of body ``media_type`` carries, by the rule above (``schema`` resolved)."""
    name = essence(media_type)
    if name == "application/json" or name.endswith("+json"):
        return BINARY if is_binary(schema) else JSON
    if name == "text/event-stream":
        return EVENTS
    if name == FORM_TYPE:
        return FORM
    if name.startswith("multipart/"):
        return MULTIPART
    if isinstance(schema, dict) and schema.get("format") == "binary":
        return BINARY
    if name.startswith("text/") or name in _TEXT_TYPES or name.endswith("+xml"):
        return TEXT
    if name == "application/octet-stream":
        return BINARY
    if isinstance(schema, dict) and schema.get("type") == "string" and not is_binary(schema):
        return TEXT
    return BINARY
