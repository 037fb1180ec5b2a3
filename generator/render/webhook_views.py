"""What the templates need to render the webhooks (:class:`generator.parse.ir.Webhooks`):
the event union's module in ``types/``, the ``client.webhooks`` resource, the client's
accessor, and the README's and API.md's sections. Every decision is made here."""

from __future__ import annotations

import json
import textwrap
from typing import Any

from ..common import layout, pysource
from ..models.models import MODELS_PACKAGE
from ..parse import ir

EXCEPTION_NAMES = ("WebhookError", "WebhookPayloadError", "WebhookTimestampError", "WebhookVerificationError")

_SCHEME_TEXT = {
    "standard-webhooks": "the Standard Webhooks scheme (HMAC-SHA256 in `webhook-signature`, over `webhook-id`, `webhook-timestamp` and the body)",
    "stripe-v1": "an HMAC-SHA256 of the timestamp and the body in the `{header}` header (`t=...,v1=...`)",
    "shared-secret-header": "the secret itself in the `{header}` header, compared in constant time",
}


def _wrapped(text: str, indent: int) -> str:
    """``text`` with each plain paragraph wrapped to the line length, for a docstring at
    ``indent``; lists and ``Args:`` blocks (lines that start indented or with ``-``) are kept."""
    width = layout.WIDTH - indent
    paragraphs = []
    for paragraph in text.split("\n\n"):
        lines = paragraph.split("\n")
        if len(lines) == 1 and not lines[0].startswith(("-", " ")):
            paragraphs.append("\n".join(textwrap.wrap(lines[0], width, break_long_words=False, break_on_hyphens=False)))
        else:
            paragraphs.append(paragraph)
    return "\n\n".join(paragraphs)


def members(webhooks: ir.Webhooks) -> list[str]:
    """The union's variants: each event's model once, in spec order."""
    return list(dict.fromkeys(event.model for event in webhooks.events))


def union_module_view(webhooks: ir.Webhooks, model_modules: tuple[Any, ...], title: str) -> dict[str, Any]:
    """``types/<union_module>.py``: the type alias of the events' union."""
    module_of = {name: module.name for module in model_modules for name in module.defines}
    classes = members(webhooks)
    imports = []
    for module in sorted({module_of[name] for name in classes if name in module_of}):
        imports += layout.import_from(f".{module}", sorted(n for n in classes if module_of.get(n) == module))
    union = f"Union[{', '.join([*classes, 'UnknownVariant'])}]"
    if webhooks.tag_path:
        parts = [pysource.literal(part) for part in webhooks.tag_path]
        path = parts[0] if len(parts) == 1 else f"({', '.join(parts)})"  # a nested tag: its path
        tags = {}
        for event in webhooks.events:
            for tag in event.tags:
                tags.setdefault(pysource.literal(json.loads(tag)), pysource.literal(event.model))
        mapping = "{" + ", ".join(f"{k}: {v}" for k, v in tags.items()) + "}"
        meta = f"TagOf({path}, {mapping})"
        told = f"told apart by `{'.'.join(webhooks.tag_path)}`"
    else:
        meta = 'Field(union_mode="left_to_right")'
        told = "tried in the spec's order (their bodies share no tag)"
    alias = f"{webhooks.union}: TypeAlias = Annotated[{union}, {meta}]"
    return {
        "docstring": _wrapped(
            f"The events the {title} sends to your webhook URL: one of them, {told}; an "
            "event this version does not know is an `UnknownVariant`, which keeps every field.",
            0,
        ),
        "imports": imports,
        "tagged": bool(webhooks.tag_path),
        "alias": layout.statement(layout.black_strings(alias), 0),
        "all": layout.collection("__all__ = [", [pysource.literal(webhooks.union)], "]"),
    }


def resource_view(api: ir.Api, webhooks: ir.Webhooks) -> dict[str, Any]:
    """``resources/<accessor>.py``: the ``client.webhooks`` class."""
    signing = webhooks.signing
    scheme = None
    if signing is not None:
        args = [pysource.literal(signing.scheme)]
        if signing.header:
            args.append(f"header={pysource.literal(signing.header)}")
        if signing.scheme != "shared-secret-header":  # the others carry a signed timestamp
            args.append(f"tolerance={signing.tolerance}")
        scheme = layout.statement(layout.black_strings(f"_signing = WebhookSigning({', '.join(args)})"), 4)
    events = "\n".join(f"- ``{event.name}``: :class:`{event.model}`" for event in webhooks.events)
    told = (
        f"The event is chosen by its ``{'.'.join(webhooks.tag_path)}``"
        if webhooks.tag_path
        else "The events are tried in the spec's order"
    )
    docstring = (
        f"The webhooks of the {api.title}: the requests it sends to your server.\n\n"
        f"{events}\n\n{told}; an event this version does not know is an ``UnknownVariant`` "
        "(every field kept). Verification is computation only: this one class serves the sync and "
        "the async client."
    )
    verify_doc = None
    if signing is not None:
        verify_doc = (
            f"Raise unless the request is signed: {_scheme_text(signing).replace('`', '``')}.\n\n"
            "Args:\n"
            "    payload: the request body exactly as received (bytes).\n"
            "    headers: the request's headers (any mapping, or (name, value) pairs).\n"
            f"    secret: the webhook secret; by default the {webhooks.secret_env} environment variable.\n"
        )
        if signing.tolerance:
            verify_doc += f"    tolerance: seconds the signed timestamp may be off (default {signing.tolerance}; 0: not checked).\n"
        verify_doc += (
            "\nRaises:\n"
            "    WebhookVerificationError: the signature is missing or does not match.\n"
        )
        if signing.scheme != "shared-secret-header":
            verify_doc += "    WebhookTimestampError: the timestamp is missing or outside the tolerance.\n"
        verify_doc += "    ArgumentError: no secret was given or set."
    unwrap_doc = (
        f"The request body as its event: {webhooks.union} (see ``types``).\n\n"
        + (
            f"With a secret (``secret=``, or the {webhooks.secret_env} environment variable) the "
            "signature is checked first, as :meth:`verify` does.\n\n"
            if signing is not None
            else ""
        )
        + "Raises:\n"
        + ("    WebhookVerificationError: a secret was given and the signature does not match.\n" if signing else "")
        + "    WebhookPayloadError: the body is not a JSON object (or, with\n"
        "        strict_response_validation=True, not an event of the spec)."
    )
    return {
        "docstring": _wrapped(docstring, 4),
        "class_name": webhooks.class_name,
        "union": webhooks.union,
        "models_alias": f"_{MODELS_PACKAGE}",
        "models_package": MODELS_PACKAGE,
        "signing": scheme,
        "secret_env": webhooks.secret_env,
        "verify": _wrapped(verify_doc, 8) if verify_doc else None,
        "tolerance": bool(signing and signing.tolerance),
        "unwrap": _wrapped(unwrap_doc, 8),
        "runtime_imports": layout.import_from(
            ".._webhooks", ["HeadersLike", *(["WebhookSigning"] if signing else []), "WebhooksResource"]
        ),
        "all": layout.collection("__all__ = [", [pysource.literal(webhooks.class_name)], "]"),
    }


def accessor_view(webhooks: ir.Webhooks) -> dict[str, Any]:
    """The client's cached property ``webhooks`` (the same class on both clients)."""
    return {
        "signature": layout.signature(f"def {webhooks.accessor}(", ["self"], f") -> {webhooks.class_name}:", 4),
        "description": "Unwrap and verify the webhook requests the API sends to your server.",
        "imports": layout.import_from(f".resources.{webhooks.accessor}", [webhooks.class_name], indent=8),
        "class_name": webhooks.class_name,
    }


def _scheme_text(signing: Any) -> str:
    return _SCHEME_TEXT[signing.scheme].format(header=signing.header)


def readme_view(api: ir.Api) -> dict[str, Any] | None:
    webhooks = api.webhooks
    if webhooks is None:
        return None
    signing = webhooks.signing
    example = webhooks.events[0]
    return {
        "accessor": webhooks.accessor,
        "union": webhooks.union,
        "events": [(e.name, e.model, e.summary or e.description.split("\n")[0]) for e in webhooks.events],
        "tag": ".".join(webhooks.tag_path),
        "example": example,
        "secret_env": webhooks.secret_env,
        "scheme": _scheme_text(signing) if signing else None,
        "tolerance": signing.tolerance if signing else 0,
    }


def surface_view(api: ir.Api) -> dict[str, Any] | None:
    """API.md's webhooks section: the methods, the union and every event."""
    webhooks = api.webhooks
    if webhooks is None:
        return None
    methods = [f"unwrap(payload: str | bytes, headers: HeadersLike, *, secret: str | bytes | None = None) -> {webhooks.union}"]
    if webhooks.signing is not None:
        extra = ", *, tolerance: int | None = None" if webhooks.signing.tolerance else ""
        methods.append(f"verify(payload: str | bytes, headers: HeadersLike, secret: str | bytes | None = None{extra}) -> None")
    signing = webhooks.signing
    return {
        "accessor": webhooks.accessor,
        "methods": methods,
        "union": webhooks.union,
        "tag": ".".join(webhooks.tag_path),
        "events": [(e.name, e.model, list(e.tags)) for e in webhooks.events],
        "signature": (
            f"{signing.scheme}"
            + (f", header {signing.header}" if signing.header else "")
            + (f", tolerance {signing.tolerance} s" if signing.tolerance else "")
            + f"; secret from {webhooks.secret_env}"
        )
        if signing
        else None,
    }
