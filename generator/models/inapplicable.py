"""Object keywords on a schema whose ``type`` is not ``object``, left out for the models.

JSON Schema applies ``properties``, ``required`` and ``additionalProperties`` to objects only: on
``type: array`` they constrain nothing, and a value valid for the schema is an array. Specs carry
them there (a jobs API's ``Jobs``: ``type: array`` with ``items`` and a ``links`` property, the
shape of a paged answer written down wrong), and datamodel-code-generator then writes a second
class for the properties, which the client took for the schema's own: every answer, an array,
failed to parse (found by the corpus contract run, scripts/corpus/contract.py). The keywords are
dropped where ``type`` names one type that is not ``object``, so the model is what the schema
validates.
"""

from __future__ import annotations

from typing import Any

_OBJECT_KEYWORDS = ("properties", "required", "additionalProperties", "patternProperties")
_VALUES = ("enum", "const", "default", "example", "examples")  # data, not schemas


def drop_inapplicable_object_keywords(schemas: dict[str, Any]) -> None:
    """Rewrite ``schemas`` in place: no object keyword beside a single non-object ``type``."""
    for schema in schemas.values():
        _walk(schema)


def _walk(node: Any) -> None:
    if isinstance(node, list):
        for item in node:
            _walk(item)
        return
    if not isinstance(node, dict):
        return
    kind = node.get("type")
    # A string ``type`` is a schema's (a property named ``type`` holds a schema, a dict).
    if isinstance(kind, str) and kind != "object" and any(k in node for k in _OBJECT_KEYWORDS):
        for key in _OBJECT_KEYWORDS:
            node.pop(key, None)
    for key, value in node.items():
        if key not in _VALUES:
            _walk(value)
