"""Give every inline webhook body a name, so the models stage writes a class for each event.

OpenAPI 3.1 ``webhooks`` (and the 3.0 extension ``x-webhooks``) describe the requests an API
sends to its users: one path item per event, whose request body is the event's payload. The
models stage only reads ``components/schemas``, so, as :mod:`.hoist` does for operations, an
inline body schema moves there, named after the event (``end-of-call-report`` ->
``EndOfCallReportWebhookEvent``), and a ``$ref`` is left in its place. A body that already is a
``$ref`` stays. The input document is not modified; names are deterministic.
"""

from __future__ import annotations

import copy
from typing import Any

from ..common import naming
from ..common.walkers import webhook_items, webhook_operation

_COMPLEX_KEYS = ("properties", "enum", "oneOf", "anyOf", "allOf", "const", "additionalProperties")


def event_class_base(name: str) -> str:
    """The class name an inline body of webhook ``name`` gets (before de-duplication)."""
    try:
        return naming.class_name(name) + "WebhookEvent"
    except ValueError:
        return "WebhookEvent"


def hoist_webhook_bodies(document: dict[str, Any]) -> dict[str, Any]:
    if not any(isinstance(document.get(key), dict) and document[key] for key in ("webhooks", "x-webhooks")):
        return document
    doc = dict(document)
    for key in ("webhooks", "x-webhooks"):
        if key in doc:
            doc[key] = copy.deepcopy(document[key])
    components = dict(doc.get("components") or {})
    if "pathItems" in components:
        components["pathItems"] = copy.deepcopy(components["pathItems"])
    schemas = dict(components.get("schemas") or {})
    components["schemas"] = schemas
    doc["components"] = components
    seen: set[int] = set()  # a path item two webhooks share ($ref) is hoisted once
    for name, _, item in webhook_items(doc):
        picked = webhook_operation(item)
        if picked is None or id(item) in seen:
            continue
        seen.add(id(item))
        body = picked[1].get("requestBody")
        content = body.get("content") if isinstance(body, dict) else None
        for media in (content or {}).values() if isinstance(content, dict) else ():
            schema = media.get("schema") if isinstance(media, dict) else None
            if isinstance(schema, dict) and "$ref" not in schema and any(k in schema for k in _COMPLEX_KEYS):
                unique, counter = event_class_base(name), 2
                while unique in schemas:
                    unique = f"{event_class_base(name)}{counter}"
                    counter += 1
                schemas[unique] = schema
                media["schema"] = {"$ref": f"#/components/schemas/{unique}"}
    return doc
