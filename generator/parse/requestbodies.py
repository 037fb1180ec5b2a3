"""Request bodies by media type: which one an operation sends, how its fields are typed and
encoded, and the expression a resource passes for it.

Each media type's kind is :func:`generator.parse.mediatypes.kind` (the rule responses share;
a request sends ``text/event-stream`` as text). Kinds (the runtime class in ``_bodies`` that
writes each):

* ``json``: ``application/json`` and ``+json`` types (a plain JSON body, no wrapper);
* ``form``: ``application/x-www-form-urlencoded`` (``FormBody``), fields by their
  ``encoding`` entry (``style``, ``explode``; ``deepObject`` brackets);
* ``multipart``: ``multipart/form-data`` and other ``multipart/*`` (``MultipartBody``), files
  typed ``FileTypes``, ``encoding.contentType`` kept per part;
* ``text``: ``text/*``, XML, SDP, and any type but ``application/octet-stream`` whose schema
  is a non-binary string (``TextBody``, a ``str`` argument);
* ``binary``: every other type, e.g. ``application/octet-stream``, ``image/png``, and any type
  whose schema is ``format: binary`` (``BinaryBody``, a file argument streamed from disk).

When an operation offers several media types the first kind in that order is used.
"""

from __future__ import annotations

from typing import Any

from . import ir, mediatypes
from .mediatypes import is_binary
from ..common import pysource
from ..load.refs import deref

FORM = mediatypes.FORM_TYPE
_ORDER = ("json", "form", "multipart", "text", "binary")


def kind_of(media_type: str, schema: Any = None) -> str:
    """The kind of request body ``media_type`` carries (``schema`` resolved)."""
    kind = mediatypes.kind(media_type, schema)
    return mediatypes.TEXT if kind == mediatypes.EVENTS else kind


def pick(doc: dict[str, Any], content: dict[str, Any]) -> tuple[str, str]:
    """``(media_type, kind)`` of the body the method sends, by the order above."""
    kinds = []
    for index, (media_type, media) in enumerate(content.items()):
        schema = deref(doc, (media or {}).get("schema") or {}) if isinstance(media, dict) else {}
        kind = kind_of(str(media_type), schema)
        kinds.append((_ORDER.index(kind), index, str(media_type), kind))
    _, _, media_type, kind = min(kinds)
    return media_type, kind


def file_annotation(doc: dict[str, Any], schema: Any) -> str | None:
    """``FileTypes`` for a file field, ``list[FileTypes]`` for an array of files, a union with
    ``str`` for "a file or a URL" (``oneOf``), else ``None``."""
    resolved = deref(doc, schema) if isinstance(schema, dict) else None
    if not isinstance(resolved, dict):
        return None
    if is_binary(resolved) and (resolved.get("type") or resolved.get("format")):
        return "FileTypes"
    if resolved.get("type") == "array" and is_binary(deref(doc, resolved.get("items") or {})):
        return "list[FileTypes]"
    for key in ("oneOf", "anyOf"):
        branches = [deref(doc, b) for b in resolved.get(key) or [] if isinstance(b, dict)]
        if any(is_binary(b) and (b.get("type") or b.get("format")) for b in branches):
            return "FileTypes | str"
    return None


def declared_properties(schema: dict[str, Any]) -> list[tuple[str, Any]]:
    """A body object's properties as fields: its ``properties``, then each name its ``required``
    lists without a schema (JSON Schema: any value), so a request can carry what the server
    requires. A spec that misspells a property in one place (``required: [includeThumbnail]``
    beside ``includeThumbenail``) was otherwise a client that could not send a valid body (two
    of the corpus contract run's specs, contribly.com and testfire.net)."""
    properties = schema.get("properties") or {}
    listed = [name for name in schema.get("required") or [] if isinstance(name, str) and name not in properties]
    return [*properties.items(), *((name, {}) for name in dict.fromkeys(listed))]


def whole_annotation(kind: str) -> str:
    """The type of the single ``body`` argument of a text or binary body."""
    return "str" if kind == "text" else "FileTypes"


def field_encoding(media: Any, wire_name: str, kind: str) -> ir.Encoding | None:
    """A form or multipart field's entry of the media type's ``encoding`` map, when it differs
    from the default (``form``, exploded; the part's own content type)."""
    entries = (media or {}).get("encoding") if isinstance(media, dict) else None
    entry = entries.get(wire_name) if isinstance(entries, dict) else None
    if not isinstance(entry, dict):
        return None
    style = entry.get("style") if entry.get("style") in ("form", "spaceDelimited", "pipeDelimited", "deepObject") else "form"
    explode = entry.get("explode")
    explode = style == "form" if not isinstance(explode, bool) else explode
    if style == "deepObject":
        explode = True  # OpenAPI defines deepObject only exploded; `explode: false` is read the same
    content_type = entry.get("contentType") if isinstance(entry.get("contentType"), str) else None
    if kind == "form" and content_type is not None and not mediatypes.is_json(content_type):
        content_type = None  # a form field is text anyway; only JSON changes how it is written
    if (style, explode) == ("form", True) and content_type is None:
        return None
    return ir.Encoding(style=style, explode=explode, content_type=content_type)


def _field_expression(field: ir.BodyField, kind: str) -> str:
    enc = field.encoding
    if enc is not None and kind == "form" and enc.content_type is not None:
        return f"styled({field.name}, json=True)"  # a JSON document as one form field
    if enc is None or (enc.style, enc.explode) == ("form", True):
        return field.name
    arguments = [field.name, pysource.literal(enc.style)]
    if not enc.explode:
        arguments.append("explode=False")
    return f"styled({', '.join(arguments)})"


def body_expression(body: ir.Body) -> str:
    """The ``body=`` value of the resource's request: JSON data, or a ``_bodies`` class.

    The fields of a body the spec does not require go through ``optional_body``: when none is
    given, no body is sent (not ``{}``, which would lack the body's required properties)."""
    if body.kind == "json":
        if body.whole_annotation is not None:
            return "body"
        return _optional(body, "{" + ", ".join(f"{pysource.literal(f.wire_name)}: {f.name}" for f in body.fields) + "}")
    media = pysource.literal(body.media_type)
    if body.kind == "text":
        return f"TextBody(body, {media})"
    if body.kind == "binary":
        return f"BinaryBody(body, {media})"
    if body.whole_annotation is not None:
        fields = "body"
    else:
        fields = _optional(body, "{" + ", ".join(f"{pysource.literal(f.wire_name)}: {_field_expression(f, body.kind)}" for f in body.fields) + "}")
    if body.kind == "form":
        return f"FormBody({fields})" if body.media_type == FORM else f"FormBody({fields}, {media})"
    content_types = {f.wire_name: f.encoding.content_type for f in body.fields if f.encoding and f.encoding.content_type}
    arguments = [fields]
    if content_types:
        arguments.append(f"content_types={pysource.literal(content_types)}")
    if body.media_type != "multipart/form-data":
        arguments.append(f"media_type={media}")
    return f"MultipartBody({', '.join(arguments)})"


def _optional(body: ir.Body, fields: str) -> str:
    return fields if body.required else f"optional_body({fields})"


RUNTIME_CLASSES = ("BinaryBody", "FormBody", "MultipartBody", "TextBody", "optional_body")


def readme_view(api: ir.Api) -> dict[str, Any]:
    """What the generated README says about request formats: which kinds occur, and an upload
    call (the first operation with a file argument, its required arguments filled in)."""
    kinds = sorted({op.body.kind for r in api.resources for op in r.operations if op.body and op.body.kind != "json"})
    example = None
    for resource in api.resources:
        for op in resource.operations:
            files = [f for f in (op.body.fields if op.body else ()) if "FileTypes" in f.annotation]
            if not files or example:
                continue
            arguments = [f'{p.name}="..."' for p in op.path_parameters]
            arguments.append(f'{files[0].name}=Path("report.pdf")')
            arguments += [f"{f.name}=..." for f in op.body.fields if f.required and f is not files[0]] if op.body else []
            example = f"client.{resource.name}.{op.name}({', '.join(arguments)})"
    return {"request_formats": kinds, "upload_example": example}
