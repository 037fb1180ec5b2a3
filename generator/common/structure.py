"""What each place of an OpenAPI document holds, decided by the document's structure alone.

A key means what the object around it says, never what its name suggests: under a Schema
Object's ``properties`` every key is a property name and its value a schema, even one named
``responses``, ``parameters`` or ``default``; ``parameters`` holds Parameter Objects only in a
Path Item or an Operation, ``responses`` Response Objects only in an Operation. Every stage that
asks "what must this ``$ref`` point to?" or "is this value data or objects?" asks here, so a
schema property named like an OpenAPI keyword is never taken for one.

:func:`kind_at` follows a JSON pointer from the root through the OpenAPI 3.0/3.1 object grammar
(:data:`_FIELDS`); :func:`child` takes one step. A kind is an object kind (``"schema"``,
``"parameter"``, ``"response"``, ``"pathItem"``, ... :data:`SECTIONS` names the ones components
hold), ``"text"`` (a ``description``, ``summary`` or ``title``: a string), ``"data"`` (examples,
defaults, enums, security requirements: values, never OpenAPI objects), ``"extension"`` (an
``x-`` key: opaque), or ``"other"`` (a place the grammar does not describe: a string field, an
unknown keyword). A ``$ref`` in a place stands for an object of that place's kind.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

from .walkers import HTTP_METHODS

# The components section that holds each kind of object a ``$ref`` may stand for.
SECTIONS = {
    "schema": "schemas",
    "response": "responses",
    "parameter": "parameters",
    "example": "examples",
    "requestBody": "requestBodies",
    "header": "headers",
    "securityScheme": "securitySchemes",
    "link": "links",
    "callback": "callbacks",
    "pathItem": "pathItems",
}

TEXT, DATA, EXTENSION, OTHER = "text", "data", "extension", "other"
_TEXT_KEYS = frozenset({"description", "summary", "title"})
_MAP, _LIST = "map:", "list:"  # a mapping of names (a list) to objects of the kind that follows

_PARAMETER = {"schema": "schema", "content": "map:mediaType", "examples": "map:example", "example": DATA}
_SCHEMA = {
    **dict.fromkeys(("properties", "patternProperties", "$defs", "definitions", "dependentSchemas"), "map:schema"),
    **dict.fromkeys(
        (
            "items",  # a schema, or (JSON Schema before 2020-12) a list of them: see child()
            "additionalItems",
            "additionalProperties",
            "unevaluatedItems",
            "unevaluatedProperties",
            "not",
            "contains",
            "if",
            "then",
            "else",
            "propertyNames",
            "contentSchema",
        ),
        "schema",
    ),
    **dict.fromkeys(("allOf", "anyOf", "oneOf", "prefixItems"), "list:schema"),
    **dict.fromkeys(("enum", "const", "default", "example", "examples"), DATA),
    "dependencies": "map:schema",  # draft 4-7: a schema or a list of property names each
    "discriminator": "discriminator",
}

# The fields of each object kind whose value is not just a string; a kind whose keys are all
# names (Paths, Responses, Callback) is handled in child().
_FIELDS: dict[str, dict[str, str]] = {
    "document": {
        "info": "info",
        "paths": "paths",
        "webhooks": "map:pathItem",
        "components": "components",
        "tags": "list:tag",
        "servers": "list:server",
        "externalDocs": "externalDocs",
        "security": DATA,
    },
    "info": {"contact": "contact", "license": "license"},
    "contact": {},
    "license": {},
    "pathItem": {**dict.fromkeys(HTTP_METHODS, "operation"), "parameters": "list:parameter", "servers": "list:server"},
    "operation": {
        "parameters": "list:parameter",
        "requestBody": "requestBody",
        "responses": "responses",
        "callbacks": "map:callback",
        "externalDocs": "externalDocs",
        "servers": "list:server",
        "security": DATA,
        "tags": DATA,
    },
    "parameter": _PARAMETER,
    "header": _PARAMETER,
    "requestBody": {"content": "map:mediaType"},
    "response": {"headers": "map:header", "content": "map:mediaType", "links": "map:link"},
    "mediaType": {"schema": "schema", "examples": "map:example", "example": DATA, "encoding": "map:encoding"},
    "encoding": {"headers": "map:header"},
    "example": {"value": DATA},
    "link": {"parameters": DATA, "requestBody": DATA, "server": "server"},
    "securityScheme": {"flows": OTHER},
    "server": {"variables": "map:serverVariable"},
    "serverVariable": {"enum": DATA, "default": DATA},
    "tag": {"externalDocs": "externalDocs"},
    "externalDocs": {},
    "components": {section: _MAP + kind for kind, section in SECTIONS.items()},
    "discriminator": {"mapping": "map:schema"},  # its values name schemas
    "schema": _SCHEMA,
}
_NAMED = {"paths": "pathItem", "responses": "response", "callback": "pathItem"}  # every key a name


def child(kind: str, key: str) -> str:
    """The kind of the value under ``key`` in a value of kind ``kind``."""
    if kind.startswith(_MAP):
        return kind[len(_MAP) :]
    if kind.startswith(_LIST):
        return kind[len(_LIST) :] if key.isdigit() else OTHER
    if kind in (DATA, EXTENSION):
        return kind
    if kind in _NAMED:
        return EXTENSION if key.startswith("x-") else _NAMED[kind]
    fields = _FIELDS.get(kind)
    if fields is None:
        return OTHER  # inside text, a string field or an unknown keyword
    if key in fields:
        return fields[key]
    if key.startswith("x-"):
        return EXTENSION
    if key in _TEXT_KEYS:
        return TEXT
    if kind == "schema" and key.isdigit():
        return "schema"  # an item of `items` written as a list
    return OTHER


def kind_at(parts: Sequence[str]) -> str:
    """The kind of the value at ``parts`` (the tokens of a JSON pointer from the root)."""
    kind = "document"
    for key in parts:
        kind = child(kind, key)
    return kind


def walk(node: Any, parts: Sequence[str] = ()) -> Iterator[tuple[list[str], dict[str, Any], str]]:
    """Every mapping under ``node`` (at ``parts``), with its place and kind, in document order;
    data and extensions are not entered. Iterative: no depth limit of its own."""
    stack: list[tuple[Any, list[str], str]] = [(node, list(parts), kind_at(parts))]
    while stack:
        current, where, kind = stack.pop()
        if isinstance(current, dict):
            yield where, current, kind
            entries: Any = current.items()
        elif isinstance(current, list):
            entries = enumerate(current)
        else:
            continue
        children = []
        for key, value in entries:
            if isinstance(value, (dict, list)):  # only containers can hold objects
                below = child(kind, key if isinstance(key, str) else str(key))
                if below != DATA and below != EXTENSION:
                    children.append((value, [*where, str(key)], below))
        stack.extend(reversed(children))
