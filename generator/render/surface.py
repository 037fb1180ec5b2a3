"""``API.md``: the public surface of the generated client, for reading in a pull request.

Deterministic and sorted: constructors, each method's HTTP route and full signature, each
model's fields, each enum's values. A change to the spec that changes what callers can
write shows up as a diff of this file.
"""

from __future__ import annotations

from typing import Any

import jinja2

from ..parse import ir
from . import webhook_views
from . import auth_view

CLIENT_OPTIONS = (
    ("base_url", "str | httpx.URL | None", "None", "the spec's server, or the {base_env} environment variable"),
    ("timeout", "float | httpx.Timeout | None", "60 s (5 s to connect)", "per request, per attempt"),
    ("max_retries", "int", "2", "retries of connection errors, timeouts, 408, 409, 429 and 5xx"),
    ("default_headers", "Mapping[str, str] | None", "None", "sent with every request"),
    ("default_query", "Mapping[str, object] | None", "None", "sent with every request"),
    ("http_client", "httpx.Client | httpx.AsyncClient | None", "None", "an httpx client to use"),
)

PER_CALL_OPTIONS = "extra_headers: Mapping[str, str] | None = None, extra_query: Mapping[str, object] | None = None, timeout: Timeout | NotGiven = NOT_GIVEN, max_retries: int | NotGiven = NOT_GIVEN"


def body_arguments(body: ir.Body | None) -> tuple[list[str], list[str]]:
    """(required, optional) keyword arguments for a request body; left-out ones are not sent."""
    if body is None:
        return [], []
    if body.whole_annotation is not None:
        if body.required:
            return [f"body: {body.whole_annotation}"], []
        return [], [f"body: {body.whole_annotation} | NotGiven = NOT_GIVEN"]
    required = [f"{f.name}: {f.annotation}" for f in body.fields if f.required]
    optional = [f"{f.name}: {f.annotation} | NotGiven = NOT_GIVEN" for f in body.fields if not f.required]
    return required, optional


def _signature(op: ir.Operation) -> str:
    """The method's signature, its arguments in the generated order (see ``render``)."""
    params = op.signature_parameters
    positional = [f"{p.name}: {p.annotation}" for p in params if p.required and p.location == "path"]
    body_required, body_optional = body_arguments(op.body)
    keyword = [f"{p.name}: {p.annotation}" for p in params if p.required and p.location != "path"]
    keyword += body_required
    keyword += [f"{p.name}: {p.annotation} | NotGiven = NOT_GIVEN" for p in params if not p.required]
    keyword += body_optional
    return f"{op.name}({', '.join([*positional, '*', *keyword])}, **options) -> {op.return_annotation}"


def _streamed_signature(op: ir.Operation) -> str | None:
    """The ``stream=True`` overload of a method whose ``stream`` flag switches the answer to events."""
    response = op.response
    if response.stream_flag is None or response.events is None:
        return None
    signature = _signature(op)
    flag = next(f for f in (op.body.fields if op.body else ()) if f.name == response.stream_flag)
    old = f"{flag.name}: {flag.annotation}" + ("" if flag.required else " | NotGiven = NOT_GIVEN")
    head, _ = signature.rsplit(" -> ", 1)
    return head.replace(old, f"{flag.name}: Literal[True]") + f" -> Stream[{response.events.item}]"


def _every_page(op: ir.Operation) -> dict[str, Any]:
    """The ``_all`` iterator's row: its signature, and its style beside the route."""
    pagination = op.pagination
    assert pagination is not None
    params = [p for p in op.signature_parameters if p.name != pagination.page_size_param]
    page = f"PagedItems[{pagination.item_annotation}, {op.return_annotation}]"
    shown = ir.Operation(**{**op.__dict__, "name": f"{op.name}_all", "parameters": tuple(params), "return_annotation": page})
    own = (f", page_size: int = {pagination.page_size_default}" if pagination.page_size_param else "") + ", max_items: int | None = None"
    signature = _signature(shown).replace(", **options", f"{own}, **options")
    return {"route": f"{op.http_method} {op.path} (every page: {pagination.style})", "signature": signature, "deprecated": op.deprecated}


def surface_view(api: ir.Api) -> dict[str, Any]:
    config = api.config
    options = [
        (name, annotation, default, note.format(env=config.api_key_env, base_env=config.api_key_env.removesuffix("_API_KEY") + "_BASE_URL"))
        for name, annotation, default, note in CLIENT_OPTIONS
    ]
    options[:0] = auth_view.options(api)  # credentials, environment and server variables first
    resources = []
    for resource in sorted(api.resources, key=lambda r: r.name):
        methods = []
        for op in sorted(resource.operations, key=lambda o: o.name):
            body_type = f" ({op.body.media_type})" if op.body and op.body.kind != "json" else ""
            body_type += auth_view.route_note(op)
            methods.append({"route": f"{op.http_method} {op.path}{body_type}", "signature": _signature(op), "deprecated": op.deprecated})
            streamed = _streamed_signature(op)
            if streamed:
                methods.append({"route": f"{op.http_method} {op.path}{body_type} (event stream)", "signature": streamed, "deprecated": op.deprecated})
            if op.pagination:
                methods.append(_every_page(op))
        resources.append({"name": resource.name, "methods": methods})
    return {
        "options": options,
        "per_call": PER_CALL_OPTIONS,
        "uses_files": any("FileTypes" in arg for r in api.resources for op in r.operations for arg in sum(body_arguments(op.body), [])),
        "resources": resources,
        "models": [m for m in api.models if m.kind == "model"],
        "enums": [m for m in api.models if m.kind == "enum"],
        "unions": [m for m in api.models if m.kind == "union"],
        "webhooks": webhook_views.surface_view(api),
    }


def render_surface(env: jinja2.Environment, api: ir.Api) -> str:
    return env.get_template("metadata/API.md.jinja").render(api=api, config=api.config, view=surface_view(api))
