"""The generated client against a real HTTP server: what it sends, what it parses, which errors it raises."""

from __future__ import annotations

import copy
import platform
import re
from datetime import datetime, timedelta, timezone
from typing import Any

import pytest

import vapi_calls
from vapi_calls.types import Call, CallEndedReason, CallStatus, CallType

pytestmark = pytest.mark.anyio


# -- the request ------------------------------------------------------------------------------


async def test_list_sends_only_the_given_filters_in_wire_format(flavour, server):
    client = flavour.client()
    server.json([])

    result = await flavour.run(
        client.calls.list(
            assistant_id="a",
            limit=10,
            created_at_gt=datetime(2024, 1, 1, tzinfo=timezone.utc),
            created_at_le="2024-02-01T00:00:00Z",
        )
    )

    assert result == []
    [request] = server.requests
    assert request.method == "GET"
    assert request.path == "/call"
    assert request.query == (
        "assistantId=a&limit=10"
        "&createdAtGt=2024-01-01T00%3A00%3A00Z"
        "&createdAtLe=2024-02-01T00%3A00%3A00Z"
    )
    assert request.body == b""


async def test_datetimes_with_offsets_and_naive_ones_survive_the_query_string(flavour, server):
    client = flavour.client()
    server.json([])

    await flavour.run(
        client.calls.list(
            created_at_ge=datetime(2024, 1, 1, 9, 30, tzinfo=timezone(timedelta(hours=2))),
            updated_at_lt=datetime(2024, 1, 2, 3, 4, 5, 600000),  # naive: taken as UTC
        )
    )

    [request] = server.requests
    assert request.params == {
        "createdAtGe": ["2024-01-01T09:30:00+02:00"],  # "+" must not arrive as a space
        "updatedAtLt": ["2024-01-02T03:04:05.600000Z"],
    }


async def test_authorization_and_user_agent_headers(flavour, server, api_key):
    client = flavour.client()
    server.json([])

    await flavour.run(client.calls.list())

    headers = server.requests[0].headers
    assert headers["authorization"] == f"Bearer {api_key}"
    assert headers["accept"] == "application/json"
    assert headers["user-agent"] == (
        f"vapi-calls/{vapi_calls.__version__} Python/{platform.python_version()}"
    )
    assert re.fullmatch(r"vapi-calls/\d+\.\d+\.\d+\S* Python/\d+\.\d+\.\d+", headers["user-agent"])


# -- the client's settings ----------------------------------------------------------------------


async def test_missing_api_key_raises_at_construction(flavour, monkeypatch):
    monkeypatch.delenv("VAPI_API_KEY", raising=False)

    with pytest.raises(vapi_calls.VapiError, match="VAPI_API_KEY"):
        flavour.client(api_key=None)
    with pytest.raises(vapi_calls.VapiError):
        flavour.client(api_key="")


async def test_api_key_from_the_environment(flavour, server, monkeypatch):
    monkeypatch.setenv("VAPI_API_KEY", "sk-from-env-0c1d")
    client = flavour.client(api_key=None)
    server.json([])

    await flavour.run(client.calls.list())

    assert server.requests[0].headers["authorization"] == "Bearer sk-from-env-0c1d"


async def test_repr_of_client_hides_the_key(flavour, server, api_key):
    client = flavour.client()

    text = repr(client)

    assert server.url in text
    assert api_key not in text
    assert "Bearer" not in text


# -- parsing --------------------------------------------------------------------------------------


async def test_example_response_is_parsed_into_typed_calls(flavour, server, calls_payload):
    client = flavour.client()
    server.json(calls_payload)

    calls = await flavour.run(client.calls.list())

    assert len(calls) == 1
    call = calls[0]
    wire = calls_payload[0]
    assert isinstance(call, Call)
    assert call.id == wire["id"]
    assert call.org_id == wire["orgId"]
    # enums: members that compare equal to their wire strings
    assert call.type is CallType.OUTBOUND_PHONE_CALL
    assert call.type == "outboundPhoneCall"
    assert call.status == CallStatus.ENDED == "ended"
    assert call.ended_reason == "customer-ended-call"
    assert call.phone_call_provider == "twilio"
    # datetimes
    assert call.created_at == datetime(2024, 3, 14, 16, 2, 11, 482000, tzinfo=timezone.utc)
    assert isinstance(call.ended_at, datetime) and call.ended_at.tzinfo is not None
    assert call.ended_at - call.started_at == timedelta(seconds=209, microseconds=656000)
    # nested objects with snake_case attributes
    assert call.cost_breakdown.llm_prompt_tokens == 4812
    assert call.cost_breakdown.total == pytest.approx(0.2874)
    assert call.phone_call_provider_details.from_ == "+14155550100"
    assert call.phone_call_provider_details.async_amd_status_callback.startswith("https://")
    assert call.customer.number == "+14155550187"
    assert call.phone_number.twilio_account_sid == wire["phoneNumber"]["twilioAccountSid"]
    assert call.assistant.model.knowledge_base.top_k == 5
    assert call.assistant.voice.input_punctuation_boundaries[1] == ","
    assert call.assistant_overrides.first_message_mode == "assistant-speaks-first"
    assert call.assistant_overrides.variable_values == {"customerFirstName": "Jordan"}
    tool = call.assistant.model.tools[0]
    assert tool.function.name == "transfer_to_front_desk"
    assert tool.messages[0].conditions[0].operator == "eq"
    assert call.messages[0]["role"] == "bot"
    assert call.metadata == wire["metadata"]


def _same_instant(a: str, b: str) -> bool:
    # Python 3.10's fromisoformat does not read a "Z" suffix (3.11's does).
    return datetime.fromisoformat(a.replace("Z", "+00:00")) == datetime.fromisoformat(b.replace("Z", "+00:00"))


def _assert_round_trip(dumped: Any, wire: Any, path: str = "$") -> None:
    """``dumped`` is ``wire`` with the same keys; timestamps may differ only in precision."""
    if isinstance(wire, dict):
        assert isinstance(dumped, dict), path
        assert set(dumped) == set(wire), path
        for key in wire:
            _assert_round_trip(dumped[key], wire[key], f"{path}.{key}")
    elif isinstance(wire, list):
        assert isinstance(dumped, list) and len(dumped) == len(wire), path
        for i, (d, w) in enumerate(zip(dumped, wire)):
            _assert_round_trip(d, w, f"{path}[{i}]")
    elif isinstance(wire, str) and re.fullmatch(r"\d{4}-\d\d-\d\dT.*Z", wire):
        assert _same_instant(dumped, wire), path
    else:
        assert dumped == wire, path


async def test_dump_gives_back_the_wire_names_and_values(flavour, server, calls_payload):
    client = flavour.client()
    server.json(calls_payload)

    [call] = await flavour.run(client.calls.list())
    dumped = call.model_dump(mode="json", by_alias=True, exclude_unset=True)

    assert "orgId" in dumped and "org_id" not in dumped
    assert dumped["phoneCallProviderDetails"]["from"] == "+14155550100"
    assert dumped["costBreakdown"]["llmPromptTokens"] == 4812
    _assert_round_trip(dumped, calls_payload[0])
    assert call.to_dict() == dumped


async def test_unknown_enum_values_and_fields_are_kept(flavour, server, calls_payload):
    client = flavour.client()
    wire = copy.deepcopy(calls_payload[0])
    wire["endedReason"] = "call-start-error-neither-assistant-nor-server-set"
    wire["status"] = "scheduled"
    wire["artifactPlan"] = {"recordingEnabled": True}  # a top-level field the spec does not know
    wire["costBreakdown"]["analysisCostBreakdown"] = {"summary": 0.0012}  # a nested one
    wire["customer"]["sipUri"] = "sip:jordan@example.com"
    server.json([wire])

    [call] = await flavour.run(client.calls.list())

    assert call.ended_reason == "call-start-error-neither-assistant-nor-server-set"
    assert isinstance(call.ended_reason, CallEndedReason)
    assert call.ended_reason.value == "call-start-error-neither-assistant-nor-server-set"
    assert call.status == "scheduled"
    assert call.model_extra == {"artifactPlan": {"recordingEnabled": True}}
    assert call.cost_breakdown.model_extra == {"analysisCostBreakdown": {"summary": 0.0012}}
    assert call.customer.model_extra == {"sipUri": "sip:jordan@example.com"}
    dumped = call.model_dump(mode="json", by_alias=True, exclude_unset=True)
    assert dumped["endedReason"] == "call-start-error-neither-assistant-nor-server-set"
    assert dumped["status"] == "scheduled"
    assert dumped["artifactPlan"] == {"recordingEnabled": True}
    assert dumped["costBreakdown"]["analysisCostBreakdown"] == {"summary": 0.0012}
    assert dumped["customer"]["sipUri"] == "sip:jordan@example.com"


async def test_secrets_are_not_in_repr(flavour, server, calls_payload):
    client = flavour.client()
    server.json(calls_payload)

    [call] = await flavour.run(client.calls.list())

    wire = calls_payload[0]
    secrets = [
        wire["phoneNumber"]["twilioAuthToken"],
        wire["phoneNumber"]["serverUrlSecret"],
        wire["assistant"]["serverUrlSecret"],
        wire["assistantOverrides"]["serverUrlSecret"],
        wire["assistant"]["model"]["tools"][0]["server"]["secret"],
    ]
    assert call.phone_number.twilio_auth_token == secrets[0]  # kept, only hidden
    for text in (repr(call), str(call), repr(call.phone_number), repr([call])):
        for secret in secrets:
            assert secret not in text
        assert "twilio_auth_token" not in text
    assert "twilio_account_sid" in repr(call.phone_number)  # the rest is still shown


# -- errors ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("status", "error_class"),
    [
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
    ],
)
async def test_error_status_maps_to_its_exception(flavour, server, api_key, status, error_class):
    client = flavour.client(max_retries=0)
    body = {
        "message": f"Invalid key {api_key} for this organization",
        "error": "Unauthorized",
        "statusCode": status,
    }
    server.json(body, status=status)

    with pytest.raises(vapi_calls.APIStatusError) as caught:
        await flavour.run(client.calls.list())

    error = caught.value
    assert type(error) is error_class
    assert isinstance(error, vapi_calls.APIError) and isinstance(error, vapi_calls.VapiError)
    assert error.status_code == status
    assert error.response.status_code == status
    assert error.body == body
    assert error.retries_taken == 0
    assert str(status) in str(error)
    assert "Invalid key" in str(error) and "for this organization" in str(error)
    for text in (str(error), repr(error), error.message):
        assert api_key not in text
    assert len(server.requests) == 1


async def test_error_message_from_a_list_of_messages(flavour, server):
    client = flavour.client(max_retries=0)
    body = {"message": ["limit must be a number", "limit must not be less than 1"]}
    server.json(body, status=400)

    with pytest.raises(vapi_calls.BadRequestError) as caught:
        await flavour.run(client.calls.list(limit=0))

    assert caught.value.body == body
    assert "limit must be a number; limit must not be less than 1" in str(caught.value)


async def test_error_with_a_text_body(flavour, server, api_key):
    client = flavour.client(max_retries=0)
    server.reply(server.Reply(401, f"Bad credentials: {api_key}", {"Content-Type": "text/plain"}))

    with pytest.raises(vapi_calls.AuthenticationError) as caught:
        await flavour.run(client.calls.list())

    assert isinstance(caught.value.body, str) and caught.value.body.startswith("Bad credentials")
    assert "Bad credentials" in str(caught.value)
    assert api_key not in str(caught.value)


async def test_error_with_an_empty_body(flavour, server):
    client = flavour.client(max_retries=0)
    server.reply(server.Reply(404))

    with pytest.raises(vapi_calls.NotFoundError) as caught:
        await flavour.run(client.calls.list())

    assert caught.value.body is None
    assert str(caught.value) == "Error code: 404"
