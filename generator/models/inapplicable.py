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

from ..common import structure

_OBJECT_KEYWORDS = ("properties", "required", "additionalProperties", "patternProperties")
_SCHEMAS_PLACE = ("components", "schemas")


def drop_inapplicable_object_keywords(schemas: dict[str, Any]) -> None:
    """Rewrite ``schemas`` (``components/schemas``) in place: no object keyword beside a single
    non-object ``type``. Schemas are found by the document's structure (a property named
    ``example`` or ``type`` is a property), and rewritten before their children are visited."""
    for _, node, kind in structure.walk(schemas, _SCHEMAS_PLACE):
        type_ = node.get("type")
        if kind == "schema" and isinstance(type_, str) and type_ != "object":
            for key in _OBJECT_KEYWORDS:
                node.pop(key, None)
