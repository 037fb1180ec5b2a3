"""How parameters are written on the wire: OpenAPI ``style``, ``explode`` and ``content``.

Each location has a default (query and cookie ``form``, exploded; path and header
``simple``); a parameter that differs gets an :class:`ir.Encoding`, and its resource passes
the value wrapped as ``styled(value, style, explode=...)`` so that the runtime (``_query``)
writes it that way. A parameter with ``content`` (instead of ``schema``) is typed by that
content's schema and, for JSON, sent as JSON text in every location (any other media type: as
its text). A query parameter with ``allowReserved`` is written with reserved characters kept.
"""

from __future__ import annotations

from typing import Any

from . import ir, mediatypes
from ..common import pysource
from ..load.refs import deref

# Styles each location allows (OpenAPI 3.1, "Style Values").
ALLOWED_STYLES = {
    "query": ("form", "spaceDelimited", "pipeDelimited", "deepObject"),
    "path": ("simple", "label", "matrix"),
    "header": ("simple",),
    "cookie": ("form",),
}
DEFAULT_STYLE = {"query": "form", "path": "simple", "header": "simple", "cookie": "form"}


class UnsupportedStyle(Exception):
    """A style this generator cannot write; the operation is skipped with a warning."""


def content_media_type(param: dict[str, Any]) -> str | None:
    """The media type of a parameter's ``content`` (a map with exactly one entry), if any."""
    content = param.get("content")
    if isinstance(content, dict) and content:
        return str(next(iter(content)))
    return None


def schema_of(param: dict[str, Any]) -> Any:
    """The parameter's schema: ``schema``, or the schema of its ``content`` entry."""
    media_type = content_media_type(param)
    if media_type is not None:
        return (param["content"][media_type] or {}).get("schema") or {}
    return param.get("schema") or {}


def encoding(param: dict[str, Any], location: str) -> ir.Encoding | None:
    """The parameter's :class:`ir.Encoding`, or ``None`` when it is written the default way."""
    media_type = content_media_type(param)
    if media_type is not None:
        # JSON content is sent as JSON text; any other content type is passed through as text.
        return ir.Encoding(content_type=media_type) if mediatypes.is_json(media_type) else None
    allow_reserved = location == "query" and param.get("allowReserved") is True
    default = DEFAULT_STYLE.get(location, "form")
    style = param.get("style") or default
    if style not in ALLOWED_STYLES.get(location, ()):
        raise UnsupportedStyle(f"parameter {param.get('name')!r} in {location} with style {style!r}")
    explode = param.get("explode")
    explode = (style == "form") if not isinstance(explode, bool) else explode
    if style == "deepObject":
        explode = True  # OpenAPI defines deepObject only exploded; `explode: false` is read the same
    if style == default and explode == (default == "form") and not allow_reserved:
        return None
    return ir.Encoding(style=style, explode=explode, allow_reserved=allow_reserved)


def annotation(mapper: Any, doc: dict[str, Any], schema: Any, unsupported: type[Exception]) -> str:
    """The argument's type; an inline object (a ``deepObject`` filter) is ``dict[str, Any]``,
    and a ``format: binary`` string is ``str`` (a parameter is text on the wire). A ``$ref`` to a
    plain scalar (``id: {type: integer, minimum: 1}``, which the models stage makes a RootModel)
    is that scalar's type: the caller passes ``42``, not ``Id(42)``."""
    try:
        return str(mapper.annotation(_scalar_refs_inlined(doc, schema), for_input=True))
    except unsupported:
        resolved = deref(doc, schema) if isinstance(schema, dict) else {}
        if isinstance(resolved, dict) and (resolved.get("type") == "object" or "properties" in resolved):
            return "dict[str, Any]"
        if isinstance(resolved, dict) and resolved.get("type") == "string" and resolved.get("format") == "binary":
            return "str"
        raise


_SCALAR_TYPES = ("string", "integer", "number", "boolean")


def _scalar_refs_inlined(doc: dict[str, Any], schema: Any, depth: int = 0) -> Any:
    """``schema`` with each ``$ref`` to a plain scalar (no enum, const or union: those keep their
    class) replaced by its target, through array items and union members."""
    if not isinstance(schema, dict) or depth > 8:
        return schema
    if isinstance(schema.get("$ref"), str):
        target = deref(doc, schema)
        plain = isinstance(target, dict) and target.get("type") in _SCALAR_TYPES and target.get("format") != "binary"
        if plain and not any(key in target for key in ("enum", "const", "oneOf", "anyOf", "allOf", "$ref")):
            return target
        return schema
    result = dict(schema)
    if isinstance(schema.get("items"), dict):
        result["items"] = _scalar_refs_inlined(doc, schema["items"], depth + 1)
    for key in ("oneOf", "anyOf"):
        if isinstance(schema.get(key), list):
            result[key] = [_scalar_refs_inlined(doc, member, depth + 1) for member in schema[key]]
    return result


def argument_expression(param: ir.Parameter) -> str:
    """What the resource passes for ``param``: the argument, or it wrapped with its style."""
    enc = param.encoding
    if enc is None:
        return param.name
    if enc.content_type is not None:
        return f"styled({param.name}, json=True)"
    arguments = [param.name, pysource.literal(enc.style)]
    if not enc.explode:
        arguments.append("explode=False")
    if enc.allow_reserved:
        arguments.append("allow_reserved=True")
    return f"styled({', '.join(arguments)})"
