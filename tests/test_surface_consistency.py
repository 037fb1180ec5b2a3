"""The generated surface is consistent: every method has a raw-response twin (``list_all``
too, over real HTTP), every exported model is reachable from a method, optional arguments
left out are not sent and ``None`` is sent as null only where the spec allows it, and a
count is an ``int``.
"""

from __future__ import annotations

import inspect
import json
import re
from pathlib import Path

import pytest
import vapi_calls
from vapi_calls import NOT_GIVEN, APIResponse
from vapi_calls.resources.calls import AsyncCalls, Calls

from .conftest import Flavour, ScriptedServer

pytestmark = pytest.mark.anyio

API_MD = Path(__file__).resolve().parent.parent / "generated" / "API.md"


def _public_methods(cls: type) -> set[str]:
    return {name for name, _ in inspect.getmembers(cls, inspect.isfunction) if not name.startswith("_")}


@pytest.mark.parametrize("resource_class", [Calls, AsyncCalls])
def test_with_raw_response_has_every_method(resource_class: type) -> None:
    raw = resource_class(client=None).with_raw_response
    methods = _public_methods(resource_class)
    assert {"list", "list_all", "create", "get", "update", "delete"} <= methods
    assert methods == {name for name in vars(raw) if not name.startswith("_")}


async def test_raw_list_all_yields_each_pages_response(flavour: Flavour, server: ScriptedServer, calls_payload: list) -> None:
    call = calls_payload[0]
    page_one = [{**call, "id": "c2", "createdAt": "2024-05-02T00:00:00Z"}, {**call, "id": "c1", "createdAt": "2024-05-01T00:00:00Z"}]
    page_two = [{**call, "id": "c1", "createdAt": "2024-05-01T00:00:00Z"}]  # the boundary item again: a short page ends it
    server.json(page_one, x_page="1")
    server.json(page_two, x_page="2")
    client = flavour.client()
    pages = await flavour.collect(client.calls.with_raw_response.list_all(page_size=2, assistant_id="a1"))
    assert [type(page) for page in pages] == [APIResponse, APIResponse]
    assert [page.headers["x-page"] for page in pages] == ["1", "2"]
    assert [[c.id for c in page.parse()] for page in pages] == [["c2", "c1"], ["c1"]]
    assert [r.params for r in server.requests] == [
        {"assistantId": ["a1"], "limit": ["2"]},
        {"assistantId": ["a1"], "createdAtLe": ["2024-05-01T00:00:00Z"], "limit": ["2"]},
    ]
    # and the plain iterator still yields items
    server.json(page_one)
    server.json(page_two)
    items = await flavour.collect(client.calls.list_all(page_size=2))
    assert [c.id for c in items] == ["c2", "c1"]


def test_every_exported_model_is_reachable_from_a_method() -> None:
    """No model that no method takes or returns (e.g. a body flattened into keyword arguments)."""
    text = API_MD.read_text(encoding="utf-8")
    sections = re.split(r"^### `([^`]+)`$", text, flags=re.M)
    bodies = dict(zip(sections[1::2], sections[2::2]))
    # UnknownVariant is the runtime's fallback of every tagged union, documented with the unions.
    assert "UnknownVariant" in vapi_calls.types.__all__ and "an `UnknownVariant` (from `types`)" in text
    exported = set(vapi_calls.types.__all__) - {"UnknownVariant"}
    assert exported == {name for name in bodies if not name.startswith("client.")}
    signatures = "".join(body for name, body in bodies.items() if name.startswith("client."))
    reachable: set[str] = set()
    frontier = {name for name in exported if re.search(rf"\b{name}\b", signatures)}
    while frontier:
        reachable |= frontier
        uses = "".join(bodies[name] for name in frontier)
        frontier = {name for name in exported - reachable if re.search(rf"\b{name}\b", uses)}
    assert exported - reachable == set()
    assert not hasattr(vapi_calls.types, "CreateCallBody")


def test_optional_arguments_default_to_not_given_and_none_only_where_null_is_allowed() -> None:
    for method in (Calls.list, Calls.list_all, Calls.create, Calls.update, Calls.delete):
        for parameter in inspect.signature(method).parameters.values():
            if parameter.kind is parameter.KEYWORD_ONLY and parameter.name not in ("extra_headers", "extra_query", "page_size", "max_items"):
                assert parameter.default is NOT_GIVEN, (method.__name__, parameter.name)
    annotations = {name: p.annotation for name, p in inspect.signature(Calls.create).parameters.items()}
    assert "None" in str(annotations["assistant_version"])  # nullable in the spec: null means "latest"
    assert "None" not in str(annotations["name"])
    assert "None" not in str(inspect.signature(Calls.list).parameters["assistant_id"].annotation)
    assert inspect.signature(Calls.list).parameters["limit"].annotation in ("int | NotGiven", int)


async def test_left_out_is_not_sent_and_none_is_null(flavour: Flavour, server: ScriptedServer, calls_payload: list) -> None:
    client = flavour.client()
    server.json([])
    await flavour.run(client.calls.list(limit=5))
    assert server.requests[-1].query == "limit=5"
    server.json(calls_payload[0])
    await flavour.run(client.calls.create(assistant_id="a1", assistant_version=None))
    assert json.loads(server.requests[-1].body) == {"assistantId": "a1", "assistantVersion": None}
    server.json(calls_payload[0])
    await flavour.run(client.calls.create())
    assert json.loads(server.requests[-1].body) == {}
