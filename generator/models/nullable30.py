"""OpenAPI 3.0's ``nullable: true`` on a required property, made a union with null for the models.

datamodel-code-generator (without ``strict_nullable``, whose other effects type optional
properties that say ``nullable: false`` as ``T = None``) drops ``nullable`` when the property is
required, so a ``null`` the spec allows failed to parse. Such a property becomes
``anyOf: [<its schema>, {type: "null"}]`` (its annotations kept beside), which the models type
``T | None``, still required. OpenAPI 3.1 says null with ``type: [..., "null"]``, typed already.
"""

from __future__ import annotations

from typing import Any

_ANNOTATIONS = ("title", "description", "default", "example", "examples", "deprecated", "readOnly", "writeOnly")


def required_nullable_as_unions(schemas: dict[str, Any], openapi_version: str) -> None:
    """Rewrite, in place, every required ``nullable: true`` property of ``schemas`` (3.0 only)."""
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
    for key, value in node.items():
        if key not in ("enum", "const", "default", "example", "examples"):  # values, not schemas
            _walk(value)


def _with_null(prop: dict[str, Any]) -> dict[str, Any]:
    inner = {k: v for k, v in prop.items() if k != "nullable" and k not in _ANNOTATIONS}
    outer = {k: v for k, v in prop.items() if k in _ANNOTATIONS}
    return {**outer, "anyOf": [inner, {"type": "null"}]}
