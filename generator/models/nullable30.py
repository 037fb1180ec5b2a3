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

_ANNOTATIONS = ("title", "description", "default", "example", "examples", "deprecated", "readOnly", "writeOnly")


def required_nullable_as_unions(schemas: dict[str, Any], openapi_version: str) -> None:
    """Rewrite, in place, every ``nullable: true`` required property, array item and map value
    of ``schemas`` (3.0 only)."""
    if not openapi_version.startswith("3.0"):
        return
    for schema in schemas.values():
        _walk(schema)


def _walk(node: Any) -> None:
    if isinstance(node, list):
        for item in node:
            _walk(item)
        return
    if not isinstance(node, dict):
        return
    properties = node.get("properties")
    required = node.get("required")
    if isinstance(properties, dict) and isinstance(required, list):
        for name in required:
            prop = properties.get(name) if isinstance(name, str) else None
            if isinstance(prop, dict) and prop.get("nullable") is True:
                properties[name] = _with_null(prop)
    # Only where the node is a schema of that type (a property named ``items`` is not an array's).
    if node.get("type") == "array" and _is_nullable(node.get("items")):
        node["items"] = _with_null(node["items"])
    if node.get("type", "object") == "object" and _is_nullable(node.get("additionalProperties")):
        node["additionalProperties"] = _with_null(node["additionalProperties"])
    for key, value in node.items():
        if key not in ("enum", "const", "default", "example", "examples"):  # values, not schemas
            _walk(value)


def _is_nullable(schema: Any) -> bool:
    return isinstance(schema, dict) and schema.get("nullable") is True


def _with_null(prop: dict[str, Any]) -> dict[str, Any]:
    inner = {k: v for k, v in prop.items() if k != "nullable" and k not in _ANNOTATIONS}
    outer = {k: v for k, v in prop.items() if k in _ANNOTATIONS}
    return {**outer, "anyOf": [inner, {"type": "null"}]}
