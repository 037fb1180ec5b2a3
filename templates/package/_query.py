"""Query strings, paths, headers and cookies: how Python values are written on the wire.

Parameters follow OpenAPI's ``style`` and ``explode`` (3.1, "Style Values"): a query array is
repeated (``form``, exploded: ``ids=1&ids=2``) or joined (``ids=1,2``, ``ids=1%201``,
``ids=1%7C2``); an object is spread into top-level pairs (``form``, exploded) or written in
brackets (``deepObject``: ``filter[status]=open``, ``items[0][price]=p_1``, ``expand[]=x``); a
parameter with ``content: application/json`` is sent as JSON text, in every location (in a path
percent-encoded whole: ``/items/%7B%22a%22%3A1%7D``). Form bodies use the same rules (see
``_bodies``). Names and values are percent-encoded one by one, so in a query a comma inside a
value is ``%2C`` while the comma between values stays a comma; a query parameter with
``allowReserved`` keeps RFC 3986's reserved characters as they are (``path=/a/b:c``), except those
that would end or split the query (``#``, ``&``, ``=``, ``+``).

``None`` is not sent, in any location: an optional argument given as ``None`` is left out of the
request as one not given at all (as openapi-python-client does), and a path parameter must have a
value (:class:`ArgumentError` otherwise).
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import date, datetime, timezone
from enum import Enum
from typing import Any
from urllib.parse import quote
from uuid import UUID

from ._exceptions import ArgumentError
from ._sentinels import NotGiven

__all__ = [
    "Styled",
    "cookie_header",
    "encode_pairs",
    "encode_query",
    "format_path",
    "header_parameter",
    "header_value",
    "json_data",
    "style_pairs",
    "styled",
    "to_wire",
]


def to_wire(value: object) -> str:
    """One value as text: ISO 8601 for dates (naive datetimes are taken as UTC), ``true``/``false``."""
    if isinstance(value, Enum):
        value = value.value
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, datetime):
        if value.tzinfo is None:
            value = value.replace(tzinfo=timezone.utc)
        text = value.isoformat()
        return text[: -len("+00:00")] + "Z" if text.endswith("+00:00") else text
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if value is None:
        return ""
    return str(value)


@dataclass(frozen=True)
class Styled:
    """A parameter or form field with the way the spec says to write it (when not the default)."""

    value: object
    style: str = "form"
    explode: bool = True
    json: bool = False
    """Sent as JSON text (a parameter's ``content: application/json``)."""
    allow_reserved: bool = False
    """A query parameter's ``allowReserved``: reserved characters are not percent-encoded."""


def styled(
    value: object,
    style: str = "form",
    *,
    explode: bool = True,
    json: bool = False,
    allow_reserved: bool = False,
) -> Styled | None:
    """``value`` with its style; ``None`` (the argument was left out) stays ``None``."""
    if value is None or isinstance(value, NotGiven):
        return None
    return Styled(value, style, explode, json, allow_reserved)


# The text between joined values, percent-encoded, by style (OpenAPI: "spaceDelimited" is %20).
_DELIMITERS = {"form": ",", "simple": ",", "spaceDelimited": " ", "pipeDelimited": "|"}


def style_pairs(name: str, value: object) -> Iterator[tuple[str, list[str], str]]:
    """``(name, values, delimiter)`` triples for one parameter or form field, not yet encoded.

    ``value`` may be :class:`Styled`; otherwise it is written as ``form``, exploded (the
    default for query parameters and form fields). Each triple is one ``name=value`` pair
    whose value is ``values`` joined by ``delimiter``.
    """
    style, explode = "form", True
    if isinstance(value, Styled):
        if value.json:
            yield name, [
                json.dumps(json_data(value.value), ensure_ascii=False, separators=(",", ":"))
            ], ","
            return
        style, explode, value = value.style, value.explode, value.value
    data = json_data(value)
    if style == "deepObject":
        yield from _deep_pairs(name, data)
        return
    delimiter = _DELIMITERS.get(style, ",")
    if isinstance(data, list):
        items = [
            to_wire(item) if not isinstance(item, (dict, list)) else _json_text(item)
            for item in data
            if item is not None
        ]
        if explode:
            yield from ((name, [item], delimiter) for item in items)
        elif items:
            yield name, items, delimiter
    elif isinstance(data, dict):
        if explode:
            for key, item in data.items():
                yield from style_pairs(
                    key, item if not isinstance(item, dict) else _json_text(item)
                )
        elif data:
            yield name, [
                text for key, item in data.items() for text in (key, to_wire(item))
            ], delimiter
    else:
        yield name, [to_wire(data)], delimiter


def _json_text(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def _deep_pairs(name: str, data: object) -> Iterator[tuple[str, list[str], str]]:
    """The bracket convention: ``a[b][c]=v``; arrays of objects by index (``items[0][price]``),
    arrays of plain values with empty brackets (``expand[]=customer``)."""
    if isinstance(data, dict):
        for key, item in data.items():
            yield from _deep_pairs(f"{name}[{key}]", item)
    elif isinstance(data, list):
        nested = any(isinstance(item, (dict, list)) for item in data)
        for index, item in enumerate(data):
            yield from _deep_pairs(f"{name}[{index}]" if nested else f"{name}[]", item)
    else:
        yield name, [to_wire(data)], ","


# Between joined values: a comma stays a comma (a comma inside a value is %2C).
_ENCODED_DELIMITERS = {",": ",", " ": "%20", "|": "%7C"}
_ESCAPED_DELIMITERS = {",": "%2C", " ": "%20", "|": "%7C"}


def _quote(text: str) -> str:
    return quote(text, safe="")


# RFC 3986's reserved characters an ``allowReserved`` value keeps, but those that would end the
# query (``#``) or change its pairs (``&``, ``=``, and ``+``, which a form decoder reads as a space).
_RESERVED_KEPT = ":/?[]@!$'()*,;"


def _quote_reserved(text: str) -> str:
    return quote(text, safe=_RESERVED_KEPT)


def encode_pairs(params: Mapping[str, object], *, form_body: bool = False) -> str:
    """``name=value&...``, percent-encoded; ``None`` values (arguments left out) are not sent.

    In a query string the comma between joined values stays a comma (RFC 3986 allows it there);
    a form body escapes it too (``%2C``), as the form-urlencoded serializer does.
    """
    delimiters = _ESCAPED_DELIMITERS if form_body else _ENCODED_DELIMITERS
    parts = []
    for key, value in params.items():
        if value is None or isinstance(value, NotGiven):
            continue
        quote_value = (
            _quote_reserved if isinstance(value, Styled) and value.allow_reserved else _quote
        )
        for name, values, delimiter in style_pairs(key, value):
            parts.append(
                _quote(name)
                + "="
                + delimiters[delimiter].join(quote_value(text) for text in values)
            )
    return "&".join(parts)


encode_query = encode_pairs


def header_parameter(name: str, value: object) -> str:
    """A header parameter's text (:func:`header_value`), checked to be sendable: a header holds
    visible ASCII and spaces only (RFC 9110, 5.5), so anything else is the caller's to encode
    (the API documents how) and raises :class:`ArgumentError` naming the header, never the value
    (it may be a secret)."""
    text = header_value(value)
    if not all(" " <= char <= "~" or char == "\t" for char in text):
        raise ArgumentError(
            f"The header `{name}` can carry only ASCII text without line breaks;"
            " encode the value first, as the API documents"
        )
    return text


def header_value(value: object) -> str:
    """A header parameter (style ``simple``): arrays and objects comma-separated."""
    explode = False
    if isinstance(value, Styled):
        if value.json:  # ASCII: a header holds only ASCII text reliably (RFC 9110, 5.5)
            return json.dumps(json_data(value.value), separators=(",", ":"))
        explode, value = value.explode, value.value
    data = json_data(value)
    if isinstance(data, list):
        return ",".join(to_wire(item) for item in data)
    if isinstance(data, dict):
        if explode:
            return ",".join(f"{key}={to_wire(item)}" for key, item in data.items())
        return ",".join(text for key, item in data.items() for text in (key, to_wire(item)))
    return to_wire(data)


# RFC 6265 cookie-octets, except "%" (so percent-encoding can be undone).
_COOKIE_SAFE = "!#$&'()*+-./:<=>?@[]^_`{|}~"


def cookie_header(cookies: Mapping[str, object]) -> str:
    """``a=1; b=2`` for cookie parameters (style ``form``), values percent-encoded where a
    cookie may not hold them; ``None`` values are not sent."""
    return "; ".join(
        f"{name}={quote(header_value(value), safe=_COOKIE_SAFE)}"
        for name, value in cookies.items()
        if value is not None and not isinstance(value, NotGiven)
    )


def format_path(template: str, values: Mapping[str, object]) -> str:
    """Fill ``{name}`` placeholders, percent-encoding each value so it cannot change the path.

    Style ``simple`` (the default) joins arrays with commas; :class:`Styled` values may ask for
    ``label`` (``.blue.black``) or ``matrix`` (``;color=blue,black``), or JSON text (the
    parameter's ``content: application/json``), percent-encoded whole.
    """
    for name, value in values.items():
        style, explode, as_json = "simple", False, False
        if isinstance(value, Styled):
            style, explode, as_json, value = value.style, value.explode, value.json, value.value
        data = json_data(value)
        if as_json:
            items = [_json_text(data)] if data is not None else []
        elif isinstance(data, list):
            items = [to_wire(item) for item in data]
        elif isinstance(data, dict):
            items = (
                [f"{k}={to_wire(v)}" for k, v in data.items()]
                if explode
                else [t for k, v in data.items() for t in (k, to_wire(v))]
            )
        else:
            items = [to_wire(data)]
        text = ",".join(items)
        if not text:
            raise ArgumentError(f"Expected a non-empty value for `{name}` but received {value!r}")
        # A dot segment, even percent-encoded, is resolved away by URL normalization.
        if style == "simple" and text in (".", ".."):
            raise ArgumentError(
                f"Expected a value for `{name}` other than {text!r}, which would change the path"
            )
        keeps_equals = isinstance(data, dict) and explode and not as_json
        encoded = [quote(item, safe="=" if keeps_equals else "") for item in items]
        if style == "label":
            filled = "." + ("." if explode else ",").join(encoded)
        elif style == "matrix":
            if explode and isinstance(data, dict):
                filled = "".join(f";{item}" for item in encoded)
            elif explode and isinstance(data, list):
                filled = "".join(f";{quote(name, safe='')}={item}" for item in encoded)
            else:
                filled = f";{quote(name, safe='')}=" + ",".join(encoded)
        else:
            filled = ",".join(encoded)
        template = template.replace("{" + name + "}", filled)
    return template


def json_data(value: object) -> Any:
    """``value`` as JSON-ready data: models by their wire names, dates as ISO 8601, UUIDs as
    text, and arguments that were not given (the ``NotGiven`` sentinel) left out of objects."""
    model_dump = getattr(value, "model_dump", None)
    if callable(model_dump):  # a pydantic model (checked by duck type: no pydantic import here)
        return model_dump(mode="json", by_alias=True, exclude_unset=True)
    if isinstance(value, Mapping):
        return {str(k): json_data(v) for k, v in value.items() if not isinstance(v, NotGiven)}
    if isinstance(value, (list, tuple)):
        return [json_data(item) for item in value]
    if isinstance(value, (datetime, date, Enum, UUID)):
        return to_wire(value)
    return value
