"""OpenAPI 3.0's ``nullable: true`` where no default of ``None`` stands for it, made a union with
null for the models: on a required property, an array's ``items`` and a map's
``additionalProperties``.

datamodel-code-generator (without ``strict_nullable``, whose other effects type optional
properties that say ``nullable: false`` as ``T = None``) drops ``nullable`` when the property is
required, and on the schema of a list's items or a map's values (``list[str]`` for items that may
be null), so a ``null`` the spec allows failed to parse (a transit API's ``stopIds`` of nullable
strings, found by the corpus contract run). Such a schema becomes
``anyOf: [<its schema>, {type: "null"}]`` (its annotations kept beside), which the models type
``T | None``. OpenAPI 3.1 says null with ``type: [..., "null"]``, typed already.
"""

from __future__ import annotations

from typing import Any

from ..common import structure

_SCHEMAS_PLACE = ("components", "schemas")
_ANNOTATIONS = ("title", "description", "default", "example", "examples", "deprecated", "readOnly", "writeOnly")


def required_nullable_as_unions(schemas: dict[str, Any], openapi_version: str) -> None:
    """Rewrite, in place, every ``nullable: true`` required property, array item and map value
    of ``schemas`` (``components/schemas``; 3.0 only). Schemas are found by the document's
    structure, each rewritten before its children are visited (a union's own branch is not
    ``nullable`` any more, so nothing is wrapped twice)."""
    if not openapi_version.startswith("3.0"):
        return
    for _, node, kind in structure.walk(schemas, _SCHEMAS_PLACE):
        if kind == "schema":
            _with_nulls(node)


def _with_nulls(node: dict[str, Any]) -> None:
    properties = node.get("properties")
    required = node.get("required")
    if isinstance(properties, dict) and isinstance(required, list):
        for name in required:
            prop = properties.get(name) if isinstance(name, str) else None
            if isinstance(prop, dict) and prop.get("nullable") is True:
                properties[name] = _with_null(prop)
    if node.get("type") == "array" and _is_nullable(node.get("items")):
        node["items"] = _with_null(node["items"])
    if node.get("type", "object") == "object" and _is_nullable(node.get("additionalProperties")):
        node["additionalProperties"] = _with_null(node["additionalProperties"])


def _is_nullable(schema: Any) -> bool:
    return isinstance(schema, dict) and schema.get("nullable") is True


def _with_null(prop: dict[str, Any]) -> dict[str, Any]:
    inner = {k: v for k, v in prop.items() if k != "nullable" and k not in _ANNOTATIONS}
    outer = {k: v for k, v in prop.items() if k in _ANNOTATIONS}
    return {**outer, "anyOf": [inner, {"type": "null"}]}
