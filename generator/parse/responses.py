"""What a successful call returns, decided from the media types of its 2xx response.

Each media type's kind is :func:`generator.parse.mediatypes.kind` (the rule request bodies
share; a form or multipart answer is read as bytes). One rule per kind, in order of preference:

- **JSON** (``application/json``, ``*+json``): the schema's type, parsed (as before);
- **server-sent events** (``text/event-stream``): ``Stream[T]``, an iterator of typed events;
- **text** (``text/*``, ``application/xml``, ``*+xml``, ``application/sdp``, or another type but
  ``application/octet-stream`` whose schema is a non-binary string): ``str``;
- **binary** (anything else: ``application/octet-stream``, ``image/*``, ``audio/*``, ``application/pdf``,
  or any media type whose schema is ``format: binary``): a ``BinaryResponse``.

The answer is the first 2xx response's; without one, ``default``'s; a success documented only as a
redirect (``3xx``) is followed, and what it points to is bytes. ``Accept`` lists the media types of
the answer's kind as the spec spells them (``application/problem+json``, ``text/plain``).

An operation that answers JSON (or binary) *and* events, and whose JSON request body has a
boolean ``stream`` property, gets overloads (``typing.overload``): ``stream=True`` returns the stream.

The schema of an event stream describes one event. Real specs write it either as the type of
``data`` itself, or as an event object ``{event, data}`` (OpenAPI 3.2's ``itemSchema``; a ``oneOf`` of
such objects, one per ``event`` name) where a variant whose ``data`` is the string ``[DONE]`` is the
end-of-stream marker, not an item. Both give ``Stream[<type of data>]``, and one model per event name
when the variants name their events.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from . import ir, mediatypes
from ..load.refs import deref

JSON = "json"
TEXT = "text"
BINARY = "binary"
EVENTS = "events"
EMPTY = "empty"

DONE = "[DONE]"
STREAM_FLAG = "stream"


# A response schema's Python type; "Any" for what cannot be typed inline (see parse.py).
Annotate = Callable[[Any], str]


def media_kind(media_type: str, schema: Any = None) -> str:
    """The kind of answer one media type carries (``schema`` resolved), by
    :func:`generator.parse.mediatypes.kind`: a form or multipart answer is read as bytes."""
    kind = mediatypes.kind(media_type, schema)
    return BINARY if kind in (mediatypes.FORM, mediatypes.MULTIPART) else kind


def success_content(document: dict[str, Any], operation: dict[str, Any]) -> dict[str, Any]:
    """The ``content`` of the response the method returns: the first 2xx, else ``default`` (an
    operation that documents no success status succeeds with whatever ``default`` describes;
    its media types are what the server answers, so they are what ``Accept`` lists)."""
    responses = operation.get("responses") or {}
    code = _success_code(responses)
    if code is None:
        return {}
    response = deref(document, responses[code]) or {}
    content = response.get("content") if isinstance(response, dict) else None
    return content if isinstance(content, dict) else {}


def _success_code(responses: dict[str, Any]) -> str | None:
    codes = sorted((str(code) for code in responses), key=str)
    success = [code for code in codes if code.startswith("2")]
    if success:
        return success[0]
    if "default" in codes and not redirects_only(responses):
        return "default"
    return None


def redirects_only(responses: Any) -> bool:
    """Whether the success is documented only as a redirect (``307`` to a signed download URL):
    the client follows it (``_redirects`` in the package), and the answer is what the new
    location serves, which the spec does not describe (the redirect's own content is the
    redirect's body): bytes, as a ``BinaryResponse``."""
    if not isinstance(responses, dict):
        return False
    codes = [str(code) for code in responses]
    return not any(code.startswith("2") for code in codes) and any(code.startswith("3") for code in codes)


def switches_protocols(operation: dict[str, Any]) -> bool:
    """Whether the operation answers ``101 Switching Protocols`` (a WebSocket endpoint): no HTTP
    request-response method can use it, so it is skipped with a warning."""
    responses = operation.get("responses")
    return isinstance(responses, dict) and "101" in {str(code) for code in responses}


def describe(
    document: dict[str, Any],
    annotate: Annotate,
    operation: dict[str, Any],
    json_annotation: str,
    stream_flag: ir.BodyField | None,
) -> tuple[str, ir.Response]:
    """``(return annotation, response)`` of an operation; ``json_annotation`` is the JSON return type
    (when it answers JSON), and ``stream_flag`` the body's boolean ``stream`` field, if any."""
    if redirects_only(operation.get("responses")):
        return "BinaryResponse", ir.Response(kind=BINARY, accept="*/*")
    content = success_content(document, operation)
    if not content:
        return "None", ir.Response(kind=EMPTY, accept="application/json")
    kinds: dict[str, list[str]] = {}
    for media_type, media in content.items():
        schema = deref(document, (media or {}).get("schema")) if isinstance(media, dict) else None
        kinds.setdefault(media_kind(media_type, schema), []).append(str(media_type))
    events = _events(document, annotate, content[kinds[EVENTS][0]]) if EVENTS in kinds else None
    if JSON in kinds:
        plain = ir.Response(kind=JSON, accept=", ".join(kinds[JSON]))
        annotation = json_annotation
    elif BINARY in kinds:
        plain = ir.Response(kind=BINARY, accept=", ".join(kinds[BINARY]))
        annotation = "BinaryResponse"
    elif TEXT in kinds:
        plain = ir.Response(kind=TEXT, accept=", ".join(kinds[TEXT]))
        annotation = "str"
    else:
        assert events is not None and events.events is not None
        return f"Stream[{events.events.item}]", events
    if events is not None and stream_flag is not None:
        accept = f"{plain.accept}, {events.accept}"
        return annotation, ir.Response(kind=plain.kind, accept=accept, events=events.events, stream_flag=stream_flag.name)
    return annotation, plain


def stream_flag(body: ir.Body | None) -> ir.BodyField | None:
    """The request body's boolean ``stream`` field, which switches the answer to events."""
    if body is None:
        return None
    for body_field in body.fields:
        if body_field.wire_name == STREAM_FLAG and body_field.annotation in ("bool", "bool | None"):
            return body_field
    return None


def _events(document: dict[str, Any], annotate: Annotate, media: Any) -> ir.Response:
    """The events of a ``text/event-stream`` media type: the item type and the models by event name."""
    media = media if isinstance(media, dict) else {}
    schema = media.get("itemSchema") or media.get("schema")
    by_event: list[tuple[str, str]] = []
    items: list[str] = []
    for variant in _variants(document, schema):
        resolved = deref(document, variant)
        properties = resolved.get("properties") if isinstance(resolved, dict) else None
        if not (isinstance(properties, dict) and "data" in properties):
            items.append(annotate(variant))  # the schema is the data itself
            continue
        data = properties["data"]
        if _is_done_marker(deref(document, data)):
            continue
        data = _content_schema(deref(document, data)) or data
        annotation = annotate(data)
        items.append(annotation)
        name = _event_name(deref(document, properties.get("event")))
        if name is not None:
            by_event.append((name, annotation))
    unique = list(dict.fromkeys(items)) or ["Any"]
    item = "Any" if "Any" in unique else " | ".join(unique)
    if len(by_event) != len(items) or len({name for name, _ in by_event}) != len(by_event):
        by_event = []  # a per-event model only when every variant names its own event
    return ir.Response(kind=EVENTS, accept="text/event-stream", events=ir.Events(item, tuple(by_event)))


def _variants(document: dict[str, Any], schema: Any) -> list[Any]:
    """The alternatives of an event schema (``oneOf``/``anyOf`` unfolded), or the schema itself."""
    resolved = deref(document, schema)
    if not isinstance(resolved, dict) or not resolved:
        return []
    for key in ("oneOf", "anyOf"):
        if isinstance(resolved.get(key), list) and not resolved.get("properties"):
            return [v for item in resolved[key] for v in _variants(document, item)] if _is_wrapper_union(document, resolved[key]) else [schema]
    return [schema]


def _is_wrapper_union(document: dict[str, Any], variants: list[Any]) -> bool:
    """Whether each alternative is an event object (has ``data``): then they are unfolded one by one."""
    for variant in variants:
        resolved = deref(document, variant)
        properties = resolved.get("properties") if isinstance(resolved, dict) else None
        if not (isinstance(properties, dict) and "data" in properties):
            return False
    return True


def _is_done_marker(schema: Any) -> bool:
    if not isinstance(schema, dict):
        return False
    values = schema.get("enum") if isinstance(schema.get("enum"), list) else [schema["const"]] if "const" in schema else []
    return bool(values) and all(value == DONE for value in values)


def _content_schema(schema: Any) -> Any:
    """OpenAPI 3.2 / JSON Schema: ``data`` as a string whose ``contentSchema`` is the JSON it holds."""
    if isinstance(schema, dict) and isinstance(schema.get("contentSchema"), dict):
        return schema["contentSchema"]
    return None


def _event_name(schema: Any) -> str | None:
    if not isinstance(schema, dict):
        return None
    if isinstance(schema.get("const"), str):
        return str(schema["const"])
    values = schema.get("enum")
    if isinstance(values, list) and len(values) == 1 and isinstance(values[0], str):
        return values[0]
    return None
