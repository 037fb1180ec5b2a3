"""The runtime is the same for every spec: the petstore fixture's golden client over real HTTP.

The Vapi client is tested in depth (test_client_*.py, test_pagination.py); this checks that a
client generated from another spec, with path and header parameters and a JSON body, gets the
same retries, raw responses, per-call options and errors, sync and async.
"""

from __future__ import annotations

import inspect
import json
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import Reply, ScriptedServer

GOLDEN = Path(__file__).resolve().parent / "fixtures" / "petstore" / "expected"
if str(GOLDEN) not in sys.path:
    sys.path.insert(0, str(GOLDEN))

import petstore  # noqa: E402

PET = {"id": 7, "name": "Rex", "status": "available", "owner": {"name": "Ann", "apiToken": "s3cret"}}

pytestmark = pytest.mark.anyio


@pytest.fixture(params=[False, True], ids=["sync", "async"])
def make_client(request: pytest.FixtureRequest, server: ScriptedServer) -> Any:
    def make(**options: Any) -> Any:
        cls = petstore.AsyncPetStore if request.param else petstore.PetStore
        return cls(api_key="pk-secret", base_url=server.url, **options)

    return make


async def run(result: Any) -> Any:
    return await result if inspect.isawaitable(result) else result


@pytest.fixture(autouse=True)
def no_sleep(monkeypatch: pytest.MonkeyPatch) -> list[float]:
    slept: list[float] = []

    async def asleep(seconds: float) -> None:
        slept.append(seconds)

    monkeypatch.setattr(petstore._base_client.time, "sleep", slept.append)
    monkeypatch.setattr(petstore._base_client, "_async_sleep", asleep)
    return slept


async def test_get_retries_a_503_and_the_raw_response_counts_it(server: ScriptedServer, make_client: Any) -> None:
    server.json({"message": "busy"}, status=503)
    server.json(PET)
    client = make_client()
    raw = await run(client.pets.with_raw_response.get(7))
    assert (raw.status_code, raw.retries_taken) == (200, 1)
    pet = raw.parse()
    assert isinstance(pet, petstore.types.Pet) and pet.status == "available"
    assert "s3cret" not in repr(pet), "x-sensitive fields stay out of repr"
    assert [r.path for r in server.requests] == ["/pets/7", "/pets/7"]
    assert server.requests[1].headers["x-retry-count"] == "1"


async def test_create_sends_the_body_and_is_not_retried(server: ScriptedServer, make_client: Any) -> None:
    server.json({"message": "oops"}, status=500)
    client = make_client()
    with pytest.raises(petstore.InternalServerError) as caught:
        await run(client.pets.create(name="Rex", status=petstore.types.PetStatus.IN_STOCK, x_request_id="r-1"))
    assert caught.value.retries_taken == 0 and len(server.requests) == 1
    sent = server.requests[0]
    assert (sent.method, sent.path) == ("POST", "/pets")
    assert json.loads(sent.body) == {"name": "Rex", "status": "in-stock"}
    assert sent.headers["x-request-id"] == "r-1"
    assert "pk-secret" not in str(caught.value)


async def test_per_call_options_and_with_options(server: ScriptedServer, make_client: Any) -> None:
    server.json([PET])
    client = make_client(max_retries=0)
    copy = client.with_options(default_headers={"X-Team": "pets"})
    assert copy._client is client._client
    pets = await run(copy.pets.list(tags=["a", "b"], extra_query={"debug": "1"}, extra_headers={"X-Trace": "t"}))
    assert [p.name for p in pets] == ["Rex"]
    sent = server.requests[0]
    assert sent.query == "tags=a&tags=b&debug=1"
    assert (sent.headers["x-team"], sent.headers["x-trace"]) == ("pets", "t")
    assert sent.headers["authorization"] == "Bearer pk-secret"


@pytest.mark.parametrize(("status", "error"), [(404, "NotFoundError"), (422, "UnprocessableEntityError"), (429, "RateLimitError")])
async def test_errors_map_to_the_same_classes(server: ScriptedServer, make_client: Any, status: int, error: str) -> None:
    server.reply(Reply(status, {"message": "nope"}))
    with pytest.raises(getattr(petstore, error)) as caught:
        await run(make_client(max_retries=0).pets.delete(7))
    assert caught.value.status_code == status and "nope" in str(caught.value)


@pytest.mark.parametrize(("body", "cls"), [({"shape": "round", "diameter": 4}, "Ball"), ({"shape": "kite", "wind": 3}, "UnknownVariant")])
async def test_a_response_that_is_a_tagged_union(server: ScriptedServer, make_client: Any, body: Any, cls: str) -> None:
    server.json(body)
    raw = await run(make_client().pets.with_raw_response.get_favourite_toy(7))
    toy = raw.parse()

    assert type(toy) is getattr(petstore.types, cls)
    assert toy.to_dict() == body
    # An unknown tag parses (lenient) and is reported; a strict client raises.
    assert [m.path for m in raw.mismatches] == ([] if cls == "Ball" else ["$.shape"])
    if cls == "UnknownVariant":
        server.json(body)
        with pytest.raises(petstore.APIResponseValidationError):
            await run(make_client(strict_response_validation=True).pets.get_favourite_toy(7))


async def test_a_map_of_constrained_values_parses_and_is_checked(server: ScriptedServer, make_client: Any) -> None:
    """``Pet.labels`` is typed with ``typing_extensions.TypeAliasType`` (a declared dependency,
    tested at its lowest version by tests/test_python_matrix.py)."""
    import pydantic

    server.json({**PET, "labels": {"colour": "brown"}})
    pet = await run(make_client().pets.get(7))
    assert pet.labels == {"colour": "brown"}
    with pytest.raises(pydantic.ValidationError, match="at most 16 characters"):
        petstore.types.Pet.model_validate({**PET, "labels": {"colour": "x" * 17}})


async def test_a_pattern_with_a_lookahead_imports_and_validates(server: ScriptedServer, make_client: Any) -> None:
    """``Owner.handle`` has a lookahead, which pydantic's default (Rust) engine rejects when the
    model is built: the models use Python's re (``PythonRegexModel``), from pydantic 2.7 on."""
    import pydantic

    server.json({**PET, "owner": {"name": "Ann", "handle": "ann-42.b"}})
    pet = await run(make_client().pets.get(7))
    assert pet.owner.handle == "ann-42.b"
    assert issubclass(petstore.types.Owner, petstore._models.PythonRegexModel)
    for bad in ("admin-ann", "ann smith"):
        with pytest.raises(pydantic.ValidationError, match="should match pattern"):
            petstore.types.Owner.model_validate({"name": "Ann", "handle": bad})
