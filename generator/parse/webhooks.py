"""The spec's webhooks as the IR of events (:class:`generator.parse.ir.Webhooks`).

OpenAPI 3.1 ``webhooks`` (or the 3.0 extension ``x-webhooks``) name the requests an API sends
to its users. Each webhook is an event: its name (the key), the model its JSON request body
parses into (inline bodies were named by :mod:`generator.models.webhookbodies`), and its docs.

How ``unwrap()`` tells the events apart, decided once here:

* **tagged**: a property every event's body pins to values of its own (``const``, or an
  ``enum`` whose values no other event has), at the top (``type``) or one object down
  (``message.type``, as a body ``{"message": {"type": "status-update", ...}}`` has it); the
  first that qualifies, top-level ones first, in the first event's property order. The union
  reads that property and validates exactly one event, and an unknown value is the open
  fallback (``UnknownVariant``, every field kept);
* **untagged** otherwise: the events are tried in spec order, and a body that fits none is the
  fallback.

A webhook whose body is not a JSON object model is skipped with a warning that says why.
"""

from __future__ import annotations

import json
from typing import Any

from . import ir
from .clashes import CLIENT_ATTRIBUTES, CLIENT_MODULE_NAMES
from .mediatypes import is_json
from ..common import naming
from ..common import pointer as jsonpointer
from ..common.walkers import webhook_items, webhook_operation
from ..config import GeneratorConfig
from ..load.refs import UnresolvedRef, deref
from ..models.models import ModelModule

_SCHEMAS = "#/components/schemas/"
_NESTING = 2  # how deep the tag may sit: `type` or `message.type`


def build_webhooks(
    doc: dict[str, Any],
    config: GeneratorConfig,
    models: ModelModule,
    resources: tuple[ir.Resource, ...],
    model_modules: tuple[str, ...],
    warnings: list[ir.Finding],
) -> ir.Webhooks | None:
    """The IR of ``doc``'s webhooks; None when it has none that parse."""
    found: list[tuple[str, str, dict[str, Any], str, dict[str, Any]]] = []  # (name, method, operation, class, body)
    by_class = {cls.class_name: cls for cls in models.classes}
    for name, key, item in webhook_items(doc):
        here = jsonpointer.join([key, name])
        picked = webhook_operation(item)
        if picked is None:
            warnings.append(ir.Finding(here, f"webhook {name!r} skipped: its path item has no operation", skips_operation=True))
            continue
        method, operation = picked
        here = jsonpointer.join([key, name, method])
        try:
            body = deref(doc, operation.get("requestBody"))
        except UnresolvedRef:
            body = None
        content = body.get("content") if isinstance(body, dict) else None
        media = next((m for m in content if is_json(m)), None) if isinstance(content, dict) else None
        schema = (content[media] or {}).get("schema") if media is not None and isinstance(content[media], dict) else None
        ref = schema.get("$ref") if isinstance(schema, dict) else None
        cls = by_class.get(models.class_for(ref) or "") if isinstance(ref, str) else None
        target = _SchemaReader(doc).resolve(schema) if cls is not None else None
        if cls is None or cls.is_enum or target is None or target.get("type") not in (None, "object"):
            why = "no JSON request body" if schema is None else "its JSON body is not an object schema"
            warnings.append(ir.Finding(here, f"webhook {name!r} skipped: {why}", skips_operation=True))
            continue
        found.append((name, method, operation, cls.class_name, {"$ref": ref}))
    if not found:
        return None

    reader = _SchemaReader(doc)
    untaggable = any(by_class[cls].union for *_, cls, _ in found)  # a union body: its members are the variants
    tag_path, tags = ((), [()] * len(found)) if untaggable else _discriminator(reader, [s for *_, s in found])
    events = tuple(
        ir.WebhookEvent(
            name=name,
            model=cls,
            tags=tags[index],
            summary=str(operation.get("summary") or ""),
            description=str(operation.get("description") or (reader.resolve(body) or {}).get("description") or ""),
            method=method.upper(),
        )
        for index, (name, method, operation, cls, body) in enumerate(found)
    )
    union = _unique("WebhookEvent", set(by_class) | {"UnknownVariant"}, "Union")
    taken_names = {r.name for r in resources} | CLIENT_ATTRIBUTES
    accessor = "webhooks" if "webhooks" not in taken_names else _unique("webhook_events", taken_names, "_")
    if accessor != "webhooks":
        warnings.append(ir.Finding("#/webhooks", f"a resource is client.webhooks already; the webhook events are client.{accessor}"))
    taken_classes = {r.class_name for r in resources} | {f"Async{r.class_name}" for r in resources}
    taken_classes |= CLIENT_MODULE_NAMES | {config.client_name, config.async_client_name, config.error_base_name}
    signing = config.webhooks
    return ir.Webhooks(
        events=events,
        tag_path=tag_path,
        union=union,
        union_module=_unique(naming.snake_case(union), set(model_modules), "_"),
        accessor=accessor,
        class_name=_unique("Webhooks", taken_classes, "Resource"),
        secret_env=(signing.secret_env if signing and signing.secret_env else None)
        or f"{config.api_key_env.removesuffix('_API_KEY')}_WEBHOOK_SECRET",
        signing=signing,
    )


def _unique(name: str, taken: set[str], suffix: str) -> str:
    if name not in taken:
        return name
    candidate, counter = name + suffix, 2
    while candidate in taken:
        candidate, counter = f"{name}{suffix}{counter}", counter + 1
    return candidate


def _discriminator(reader: _SchemaReader, schemas: list[dict[str, Any]]) -> tuple[tuple[str, ...], list[tuple[str, ...]]]:
    """The tag's path and each event's tag values (JSON text); ``((), [(), ...])`` when none qualifies."""
    untagged: tuple[tuple[str, ...], list[tuple[str, ...]]] = ((), [() for _ in schemas])
    for path in reader.paths(schemas[0], _NESTING):
        values = [reader.pinned(schema, path) for schema in schemas]
        if not all(values):
            continue
        seen: set[str] = set()
        texts = []
        for event_values in values:
            assert event_values is not None
            text = tuple(dict.fromkeys(json.dumps(v) for v in event_values))
            if seen & set(text):
                break
            seen |= set(text)
            texts.append(text)
        else:
            return path, texts
    return untagged


class _SchemaReader:
    """Object schemas read through ``$ref`` and ``allOf`` (the way the bodies write them)."""

    def __init__(self, doc: dict[str, Any]) -> None:
        self.schemas = (doc.get("components") or {}).get("schemas") or {}

    def resolve(self, schema: Any) -> dict[str, Any] | None:
        for _ in range(100):
            if not (isinstance(schema, dict) and isinstance(schema.get("$ref"), str)):
                break
            ref = schema["$ref"]
            if not ref.startswith(_SCHEMAS):
                return None
            schema = self.schemas.get(jsonpointer.unescape(ref[len(_SCHEMAS) :]))
        return schema if isinstance(schema, dict) and "$ref" not in schema else None

    def properties(self, schema: Any, depth: int = 0) -> dict[str, Any]:
        """An object schema's properties, its ``allOf`` parts merged (its own win)."""
        schema = self.resolve(schema)
        if schema is None or depth > 20 or schema.get("type") not in (None, "object"):
            return {}
        merged: dict[str, Any] = {}
        for part in schema.get("allOf") or []:
            merged.update(self.properties(part, depth + 1))
        own = schema.get("properties")
        merged.update(own if isinstance(own, dict) else {})
        return merged

    def paths(self, schema: Any, depth: int) -> list[tuple[str, ...]]:
        """Every property path of ``schema`` up to ``depth`` levels, shallower ones first."""
        level: list[tuple[tuple[str, ...], Any]] = [((), schema)]
        found: list[tuple[str, ...]] = []
        for _ in range(depth):
            deeper = []
            for path, node in level:
                for name, prop in self.properties(node).items():
                    found.append((*path, name))
                    deeper.append(((*path, name), prop))
            level = deeper
        return found

    def pinned(self, schema: Any, path: tuple[str, ...]) -> list[Any] | None:
        """The values ``schema`` allows at ``path`` when it pins them (a ``const`` or an ``enum``
        of JSON scalars); None when it does not."""
        node: Any = schema
        for name in path:
            node = self.properties(node).get(name)
            if node is None:
                return None
        target = self.resolve(node)
        if target is None:
            return None
        for part in [target, *(target.get("allOf") or [])]:
            part = self.resolve(part) or {}
            if "const" in part:
                values = [part["const"]]
            elif isinstance(part.get("enum"), list) and part["enum"]:
                values = list(part["enum"])
            else:
                continue
            if all(v is None or isinstance(v, (str, int, float, bool)) for v in values):
                return values
        return None
