"""Give every inline schema of an operation a name, so the models stage can write a class for it.

An operation may describe its parameters, request body or response inline (an object with
properties, an enum, a oneOf/anyOf/allOf), or through a shared one in ``components``
(``parameters``, ``requestBodies``, ``responses``) that does. The models stage only reads
``components/schemas``, so this pass moves each such schema there under a name derived from
the operation (``ListPetsResponse``, ``CreatePetBody``, ``ListPetsStatus``) and leaves a
``$ref`` in its place. The input document is not modified; names are deterministic.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any

from ..common import naming
from ..common.parameters import is_ignored_parameter
from ..common.walkers import operations

_COMPLEX_KEYS = ("properties", "enum", "oneOf", "anyOf", "allOf", "const")


def hoist_inline_schemas(document: dict[str, Any]) -> dict[str, Any]:
    doc = dict(document)
    doc["paths"] = copy.deepcopy(document.get("paths") or {})
    components = dict(doc.get("components") or {})
    components["parameters"] = copy.deepcopy(components.get("parameters") or {})
    components["requestBodies"] = copy.deepcopy(components.get("requestBodies") or {})
    components["responses"] = copy.deepcopy(components.get("responses") or {})
    schemas = dict(components.get("schemas") or {})
    components["schemas"] = schemas
    doc["components"] = components
    hoister = _Hoister(schemas)

    for key, param in components["parameters"].items():
        if not is_ignored_parameter(param):
            _hoist_parameter(hoister, param, _name(f"{key} parameter", "Parameter"))
    # Shared bodies and responses: an operation that refers to one uses its schema as it would its own.
    for key, body in components["requestBodies"].items():
        if isinstance(body, dict):
            _hoist_content(hoister, body, _name(f"{key} body", "Body"), keep=_is_flattened_body)
    for key, response in components["responses"].items():
        if isinstance(response, dict):
            _hoist_content(hoister, response, _name(f"{key} response", "Response"))
    for path, method, operation, item in operations(doc):
        base = _name(str(operation.get("operationId") or f"{method} {path}"), f"{method.title()}Operation")
        for param in [*(item.get("parameters") or []), *(operation.get("parameters") or [])]:
            if isinstance(param, dict) and not is_ignored_parameter(param):
                _hoist_parameter(hoister, param, base + _name(str(param.get("name") or ""), "Param"))
        body = operation.get("requestBody")
        if isinstance(body, dict):
            _hoist_content(hoister, body, f"{base}Body", keep=_is_flattened_body)
        for status, response in sorted((operation.get("responses") or {}).items()):
            if isinstance(response, dict):
                suffix = "Response" if str(status).startswith("2") else f"Response{_name(str(status), 'Other')}"
                _hoist_content(hoister, response, base + suffix)
    return doc


def _name(text: str, fallback: str) -> str:
    """A class-name part for ``text``; ``fallback`` when it has no letters or digits at all."""
    try:
        return naming.class_name(text)
    except ValueError:
        return fallback


def _hoist_parameter(hoister: _Hoister, param: Any, name: str) -> None:
    """A parameter's schema: under ``schema``, or (serialized as a media type) under ``content``.

    A parameter whose schema is a union (``anyOf: [{type: string}, {type: 'null'}]``, FastAPI's
    optional parameter) keeps the union inline and hoists only its members, so that its argument
    is ``str | None`` (or ``Color | None``, ``str | int``), never a RootModel class the caller
    would have to build.
    """
    if not isinstance(param, dict):
        return
    if isinstance(param.get("schema"), dict):
        param["schema"] = _hoist_parameter_schema(hoister, param["schema"], name)
    elif isinstance(param.get("content"), dict):
        for media in param["content"].values():
            if isinstance(media, dict) and isinstance(media.get("schema"), dict):
                media["schema"] = _hoist_parameter_schema(hoister, media["schema"], name)


def _hoist_parameter_schema(hoister: _Hoister, schema: dict[str, Any], name: str) -> dict[str, Any]:
    members = _union_members(schema)
    if members is not None:
        key = "oneOf" if "oneOf" in schema else "anyOf"
        return {**schema, key: [hoister.hoist(member, name) for member in members]}
    not_null = _without_null(schema)
    if not_null is not None and not_null.get("enum") != [] and any(key in not_null for key in _COMPLEX_KEYS):
        # A nullable enum (`nullable: true`, `type: [string, 'null']`): the enum is the class, and
        # None stays beside it, as the union above would write it.
        return {"anyOf": [hoister.hoist(not_null, name), {"type": "null"}]}
    return hoister.hoist(schema, name)


def _without_null(schema: dict[str, Any]) -> dict[str, Any] | None:
    """A nullable schema without its null (OpenAPI 3.0's ``nullable``, 3.1's ``'null'`` type and
    enum value), or None when it is not nullable."""
    types = schema.get("type")
    if schema.get("nullable") is not True and not (isinstance(types, list) and "null" in types):
        return None
    result = {key: value for key, value in schema.items() if key != "nullable"}
    if isinstance(types, list):
        concrete = [kind for kind in types if kind != "null"]
        result["type"] = concrete[0] if len(concrete) == 1 else concrete
    if isinstance(result.get("enum"), list):
        result["enum"] = [value for value in result["enum"] if value is not None]
    return result


def _union_members(schema: dict[str, Any]) -> list[dict[str, Any]] | None:
    """The members of a schema that is only a ``oneOf`` or ``anyOf`` (annotations such as a
    title or default beside it, nothing that constrains it further), else None."""
    if "$ref" in schema or ("oneOf" in schema) == ("anyOf" in schema):
        return None
    if any(key in schema for key in ("properties", "allOf", "enum", "const", "items", "type", "discriminator")):
        return None
    members = schema.get("oneOf", schema.get("anyOf"))
    if not (isinstance(members, list) and members and all(isinstance(member, dict) for member in members)):
        return None
    return members


def _hoist_content(
    hoister: _Hoister, owner: dict[str, Any], name: str, keep: Callable[[dict[str, Any]], bool] | None = None
) -> None:
    """Hoist each media type's schema, but those ``keep`` says to leave inline."""
    for media in (owner.get("content") or {}).values():
        if isinstance(media, dict) and isinstance(media.get("schema"), dict):
            if keep is None or not keep(media["schema"]):
                media["schema"] = hoister.hoist(media["schema"], name)


def _is_flattened_body(schema: dict[str, Any]) -> bool:
    """An inline object body with properties: its fields become the method's keyword arguments
    (``parse._body``), so a model class for it would be exported and never used."""
    properties = schema.get("properties")
    return (
        isinstance(properties, dict)
        and bool(properties)
        and schema.get("type") in (None, "object")
        and not any(key in schema for key in ("oneOf", "anyOf", "allOf", "enum", "const"))
    )


class _Hoister:
    def __init__(self, schemas: dict[str, Any]) -> None:
        self.schemas = schemas

    def hoist(self, schema: dict[str, Any], name: str) -> dict[str, Any]:
        if "$ref" in schema:
            return schema
        if any(key in schema for key in _COMPLEX_KEYS):
            unique = name
            counter = 2
            while unique in self.schemas:
                unique = f"{name}{counter}"
                counter += 1
            self.schemas[unique] = schema
            return {"$ref": f"#/components/schemas/{unique}"}
        if isinstance(schema.get("items"), dict):
            return {**schema, "items": self.hoist(schema["items"], f"{name}Item")}
        return schema
