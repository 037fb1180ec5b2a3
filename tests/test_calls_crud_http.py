"""``client.calls.create / get / update / delete`` against a real HTTP server on 127.0.0.1.

What goes on the wire (method, path, exact JSON body, headers), what comes back (a typed
``Call``), how ids are encoded into the path, which calls are retried, and which exception
each error status becomes. Every test runs with the sync and the async client (``flavour``,
``server`` and ``calls_payload`` come from ``conftest.py``).
"""

from __future__ import annotations

import inspect
import json
from typing import Any

import pytest

import vapi_calls
from vapi_calls.types import (
    AssistantOverrides,
    Call,
    CallStatus,
    Customer,
    FirstMessageMode,
    PhoneNumber,
)

pytestmark = pytest.mark.anyio

CALL_ID = "0b8f6c2e-5a1d-4e7b-9c3f-2d4a6e8b1c05"


@pytest.fixture
def call(calls_payload: list[dict[str, Any]]) -> dict[str, Any]:
    """One call as the server returns it (the page's example, realistic values)."""
    return calls_payload[0]


def sent_json(request: Any) -> Any:
    assert request.headers["content-type"] == "application/json"
    return json.loads(request.body)


# -- create -----------------------------------------------------------------------------------


async def test_create_sends_exactly_the_given_fields_by_wire_name(flavour, server, call):
    client = flavour.client()
    server.json({**call, "status": "queued"}, status=201)

    result = await flavour.run(
        client.calls.create(
            name="Renewal reminder",
            assistant_id="5b0a4a08-133c-4146-9315-0984f8c6be80",
            assistant_overrides=AssistantOverrides(
                first_message_mode=FirstMessageMode.ASSISTANT_WAITS_FOR_USER,
                forwarding_phone_number="+14155550100",
            ),
            phone_number=PhoneNumber(
                twilio_phone_number="+14155550123",
                twilio_account_sid="AC0123456789abcdef0123456789abcdef",
                twilio_auth_token="twilio-secret-token",
            ),
            customer=Customer(number="+14155550199", name="Ada Lovelace"),
        )
    )

    [request] = server.requests
    assert request.method == "POST"
    assert request.path == "/call"
    assert request.query == ""
    # Left-out fields are absent (not null); nested models use their wire names, and only
    # the fields that were set.
    assert sent_json(request) == {
        "name": "Renewal reminder",
        "assistantId": "5b0a4a08-133c-4146-9315-0984f8c6be80",
        "assistantOverrides": {
            "firstMessageMode": "assistant-waits-for-user",
            "forwardingPhoneNumber": "+14155550100",
        },
        "phoneNumber": {
            "twilioPhoneNumber": "+14155550123",
            "twilioAccountSid": "AC0123456789abcdef0123456789abcdef",
            "twilioAuthToken": "twilio-secret-token",
        },
        "customer": {"number": "+14155550199", "name": "Ada Lovelace"},
    }
    assert isinstance(result, Call)
    assert result.id == call["id"]
    assert result.status is CallStatus.QUEUED
    assert isinstance(result.customer, Customer)
    assert result.customer.number == call["customer"]["number"]


async def test_create_with_no_arguments_sends_an_empty_object(flavour, server, call):
    client = flavour.client()
    server.json(call, status=201)

    await flavour.run(client.calls.create())

    [request] = server.requests
    assert request.body == b"{}"
    assert sent_json(request) == {}


async def test_create_sends_null_for_the_nullable_field(flavour, server, call):
    client = flavour.client()
    server.json(call, status=201)

    await flavour.run(client.calls.create(assistant_id="asst-1", assistant_version=None))

    [request] = server.requests
    assert request.body == b'{"assistantId": "asst-1", "assistantVersion": null}'


@pytest.mark.parametrize("method", ["create", "update"])
def test_none_is_typed_only_where_the_spec_allows_null(method):
    """`assistantVersion` is nullable in the spec; `name` and the other fields are not."""
    for cls in (vapi_calls.Vapi, vapi_calls.AsyncVapi):
        resource = cls(api_key="sk-x", base_url="http://127.0.0.1:9").calls
        parameters = inspect.signature(getattr(resource, method)).parameters
        assert str(parameters["name"].annotation) == "str | NotGiven"
        if method == "create":
            assert str(parameters["assistant_version"].annotation) == "str | None | NotGiven"
            for name in ("assistant_id", "assistant", "assistant_overrides", "customer_id", "customer",
                         "phone_number_id", "phone_number"):
                assert "None" not in str(parameters[name].annotation), name
        for name, parameter in parameters.items():
            if name not in ("self", "extra_headers", "extra_query", "timeout", "max_retries"):
                assert parameter.kind in (parameter.KEYWORD_ONLY, parameter.POSITIONAL_OR_KEYWORD), name


async def test_create_keeps_unicode_and_does_not_escape_it(flavour, server, call):
    client = flavour.client()
    server.json(call, status=201)

    await flavour.run(client.calls.create(name="Relance – café ☕", customer=Customer(name="Zoë")))

    [request] = server.requests
    assert sent_json(request) == {"name": "Relance – café ☕", "customer": {"name": "Zoë"}}


async def test_create_is_not_retried_by_default(flavour, server, sleeps):
    client = flavour.client()  # max_retries=2 for idempotent requests
    server.json({"message": "queue unavailable"}, status=500)
    server.json({"message": "should not be asked"}, status=201)

    with pytest.raises(vapi_calls.InternalServerError) as caught:
        await flavour.run(client.calls.create(name="once"))

    assert caught.value.retries_taken == 0
    assert len(server.requests) == 1
    assert sleeps == []


async def test_create_is_retried_when_the_call_asks_for_it(flavour, server, sleeps, call):
    client = flavour.client()
    server.json({"message": "queue unavailable"}, status=500, times=2)
    server.json(call, status=201)

    result = await flavour.run(client.calls.create(name="retry me", max_retries=2))

    assert isinstance(result, Call)
    assert len(server.requests) == 3
    assert len(sleeps) == 2
    assert all(r.method == "POST" and sent_json(r) == {"name": "retry me"} for r in server.requests)
    assert [r.headers.get("x-retry-count") for r in server.requests] == [None, "1", "2"]


async def test_get_and_delete_are_retried_by_default(flavour, server, sleeps, call):
    client = flavour.client()
    server.json({"message": "busy"}, status=500)
    server.json(call)
    # The spec documents 503 for DELETE: "Retry the request."
    server.json({"message": "Failed to erase call recordings"}, status=503)
    server.json(call)

    assert isinstance(await flavour.run(client.calls.get(CALL_ID)), Call)
    assert isinstance(await flavour.run(client.calls.delete(CALL_ID)), Call)

    assert [r.method for r in server.requests] == ["GET", "GET", "DELETE", "DELETE"]
    assert len(sleeps) == 2


async def test_create_raw_response(flavour, server, call):
    client = flavour.client()
    server.json(call, status=201, x_request_id="req-1")

    raw = await flavour.run(client.calls.with_raw_response.create(name="raw"))

    assert raw.status_code == 201
    assert raw.headers["x-request-id"] == "req-1"
    assert isinstance(raw.parse(), Call)


# -- get, update, delete ----------------------------------------------------------------------


async def test_get_returns_the_typed_call(flavour, server, call):
    client = flavour.client()
    server.json(call)

    result = await flavour.run(client.calls.get(CALL_ID))

    [request] = server.requests
    assert (request.method, request.path, request.query, request.body) == ("GET", f"/call/{CALL_ID}", "", b"")
    assert "content-type" not in request.headers
    assert isinstance(result, Call)
    assert result.id == call["id"]
    assert result.status is CallStatus.ENDED and result.org_id == call["orgId"]


async def test_update_sends_patch_with_the_given_fields(flavour, server, call):
    client = flavour.client()
    server.json({**call, "name": "Renamed"}, times=2)

    result = await flavour.run(client.calls.update(CALL_ID, name="Renamed"))
    await flavour.run(client.calls.update(CALL_ID))

    first, second = server.requests
    assert (first.method, first.path, first.query) == ("PATCH", f"/call/{CALL_ID}", "")
    assert sent_json(first) == {"name": "Renamed"}
    assert sent_json(second) == {}  # nothing given, nothing changed
    assert isinstance(result, Call)
    assert result.model_extra == {"name": "Renamed"}  # not a field of the page's Call; kept


async def test_delete_returns_the_deleted_call(flavour, server, call):
    client = flavour.client()
    server.json(call)

    result = await flavour.run(client.calls.delete(CALL_ID))

    [request] = server.requests
    assert (request.method, request.path, request.query) == ("DELETE", f"/call/{CALL_ID}", "")
    assert sent_json(request) == {}  # the spec requires a body; `ids` left out
    assert isinstance(result, Call)
    assert result.id == call["id"]


async def test_delete_with_ids_sends_them(flavour, server, call):
    client = flavour.client()
    server.json(call)

    await flavour.run(client.calls.delete(CALL_ID, ids=["c-1", "c-2"]))

    [request] = server.requests
    assert sent_json(request) == {"ids": ["c-1", "c-2"]}


# -- the id in the path -----------------------------------------------------------------------

ENCODED_IDS = [
    ("../x", "/call/..%2Fx"),
    ("../../assistant", "/call/..%2F..%2Fassistant"),
    ("a/b", "/call/a%2Fb"),
    ("?", "/call/%3F"),
    ("x?limit=1", "/call/x%3Flimit%3D1"),
    ("#", "/call/%23"),
    ("x#frag", "/call/x%23frag"),
    ("a b", "/call/a%20b"),
    ("café", "/call/caf%C3%A9"),
    ("通话", "/call/%E9%80%9A%E8%AF%9D"),
    ("%2F", "/call/%252F"),
    ("a+b&c=d;e", "/call/a%2Bb%26c%3Dd%3Be"),
    ("...", "/call/..."),
    ("\\", "/call/%5C"),
]


@pytest.mark.parametrize(("call_id", "path"), ENCODED_IDS, ids=[raw for raw, _ in ENCODED_IDS])
async def test_the_id_is_percent_encoded_into_one_path_segment(flavour, server, call, call_id, path):
    client = flavour.client()
    server.json(call, times=3)

    await flavour.run(client.calls.get(call_id))
    await flavour.run(client.calls.update(call_id, name="n"))
    await flavour.run(client.calls.delete(call_id))

    assert [(r.method, r.path, r.query) for r in server.requests] == [
        ("GET", path, ""),
        ("PATCH", path, ""),
        ("DELETE", path, ""),
    ]


@pytest.mark.parametrize("call_id", ["", ".", ".."])
@pytest.mark.parametrize("method", ["get", "update", "delete"])
async def test_an_id_that_cannot_be_a_path_segment_raises_before_any_request(flavour, server, method, call_id):
    client = flavour.client()

    with pytest.raises(ValueError, match="`id`"):
        await flavour.run(getattr(client.calls, method)(call_id))

    assert server.requests == []


# -- errors -----------------------------------------------------------------------------------

ERRORS = [
    (400, vapi_calls.BadRequestError),
    (401, vapi_calls.AuthenticationError),
    (403, vapi_calls.PermissionDeniedError),
    (404, vapi_calls.NotFoundError),
    (409, vapi_calls.ConflictError),
    (418, vapi_calls.APIStatusError),
    (422, vapi_calls.UnprocessableEntityError),
    (429, vapi_calls.RateLimitError),
    (500, vapi_calls.InternalServerError),
    (503, vapi_calls.InternalServerError),
]

OPERATIONS = {
    "create": lambda calls: calls.create(name="n"),
    "get": lambda calls: calls.get(CALL_ID),
    "update": lambda calls: calls.update(CALL_ID, name="n"),
    "delete": lambda calls: calls.delete(CALL_ID),
}


@pytest.mark.parametrize("operation", list(OPERATIONS))
@pytest.mark.parametrize(("status", "error_class"), ERRORS, ids=[str(status) for status, _ in ERRORS])
async def test_error_status_maps_to_its_exception(flavour, server, api_key, operation, status, error_class):
    client = flavour.client(max_retries=0)
    body = {"message": f"Call {CALL_ID} failed", "error": "Error", "statusCode": status}
    server.json(body, status=status)

    with pytest.raises(vapi_calls.APIStatusError) as caught:
        await flavour.run(OPERATIONS[operation](client.calls))

    error = caught.value
    assert type(error) is error_class
    assert error.status_code == status
    assert error.body == body
    assert f"Call {CALL_ID} failed" in str(error)
    assert api_key not in str(error)
    assert len(server.requests) == 1


async def test_a_success_body_that_is_not_a_call_is_a_validation_error(flavour, server):
    client = flavour.client(strict_response_validation=True)
    server.json({"id": CALL_ID})  # orgId, createdAt and updatedAt are required

    with pytest.raises(vapi_calls.APIResponseValidationError):
        await flavour.run(client.calls.get(CALL_ID))


@pytest.mark.parametrize("prefix", ["/v1", "/v1/", "/a%20b/v1"])
async def test_a_base_url_with_a_path_keeps_it_before_every_route(flavour, server, call, prefix):
    client = flavour.client(base_url=server.url + prefix)
    server.json(call)
    server.json([])

    await flavour.run(client.calls.get("a/b"))
    await flavour.run(client.calls.list(limit=2))

    base = prefix.rstrip("/")
    assert [(r.path, r.query) for r in server.requests] == [(f"{base}/call/a%2Fb", ""), (f"{base}/call", "limit=2")]
