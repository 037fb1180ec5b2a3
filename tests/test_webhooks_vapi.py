"""Vapi's server messages through ``client.webhooks`` of the generated ``vapi-calls``.

The spec curates the four messages a call sends by default (``end-of-call-report``,
``status-update``, ``hang``, ``tool-calls``) as webhooks, each body ``{"message": {...}}``
told apart by ``message.type``; the generator config names Vapi's check, the secret of the
server URL in ``x-vapi-secret``. The bodies here are shaped like Vapi's (the call is the
``GET /call`` example of the page, fields the curated spec leaves out are present too).

A user's handler is a real HTTP server on 127.0.0.1 that the test posts to, sync and async.
"""

from __future__ import annotations

import copy
import json
import logging
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import httpx
import pytest

import vapi_calls
from vapi_calls import types
from vapi_calls.types import UnknownVariant

from .conftest import API_KEY

SECRET = "vapi-server-url-secret-91c4e7"


def end_of_call_report(call: dict[str, Any]) -> dict[str, Any]:
    """An end-of-call-report as Vapi sends it (with fields the curated spec does not model)."""
    return {
        "message": {
            "timestamp": 1733221860123,
            "type": "end-of-call-report",
            "endedReason": "customer-ended-call",
            "cost": 0.1487,
            "costs": [{"type": "transport", "provider": "twilio", "minutes": 1.2, "cost": 0.0102}],
            "startedAt": "2024-12-03T10:29:01.120Z",
            "endedAt": "2024-12-03T10:30:59.870Z",
            "artifact": {
                "messages": [
                    {"role": "bot", "message": "Hello, how can I help?", "time": 1733221741120, "secondsFromStart": 0.6},
                    {"role": "user", "message": "I'd like to book a table.", "time": 1733221745950, "secondsFromStart": 5.4},
                ],
                "messagesOpenAIFormatted": [
                    {"role": "assistant", "content": "Hello, how can I help?"},
                    {"role": "user", "content": "I'd like to book a table."},
                ],
                "transcript": "AI: Hello, how can I help?\nUser: I'd like to book a table.\n",
                "recordingUrl": "https://storage.vapi.ai/rec-1.wav",
                "recording": {"stereoUrl": "https://storage.vapi.ai/rec-1-stereo.wav"},
                "nodes": [],
            },
            "analysis": {"summary": "The customer booked a table for two.", "successEvaluation": "true", "structuredData": {"party": 2}},
            "customer": {"number": "+14155550123"},
            "phoneNumber": {"provider": "twilio", "number": "+14155550100"},
            "call": call,
            "assistantVersion": None,
        }
    }


def status_update(call: dict[str, Any]) -> dict[str, Any]:
    return {
        "message": {
            "timestamp": 1733221741001,
            "type": "status-update",
            "status": "in-progress",
            "call": call,
            "customer": {"number": "+14155550123"},
            "inboundPhoneCallDebuggingArtifacts": {},
        }
    }


def hang(call: dict[str, Any]) -> dict[str, Any]:
    return {"message": {"timestamp": 1733221799000, "type": "hang", "call": call}}


def tool_calls(call: dict[str, Any]) -> dict[str, Any]:
    return {
        "message": {
            "timestamp": 1733221790420,
            "type": "tool-calls",
            "toolCallList": [
                {"id": "call_VaJOd8ZeZgWCEHDYomyCPSvM", "type": "function", "function": {"name": "bookTable", "arguments": '{"party": 2}'}}
            ],
            "toolWithToolCallList": [
                {
                    "type": "function",
                    "function": {"name": "bookTable", "parameters": {"type": "object", "properties": {}}},
                    "toolCall": {"id": "call_VaJOd8ZeZgWCEHDYomyCPSvM", "type": "function", "function": {"name": "bookTable"}},
                }
            ],
            "call": call,
        }
    }


@pytest.fixture
def call(calls_payload: list[dict[str, Any]]) -> dict[str, Any]:
    return copy.deepcopy(calls_payload[0])


@pytest.fixture(params=["sync", "async"])
def client(request: pytest.FixtureRequest) -> Any:
    return vapi_calls.Vapi(api_key=API_KEY) if request.param == "sync" else vapi_calls.AsyncVapi(api_key=API_KEY)


def unwrap(client: Any, body: dict[str, Any], **options: Any) -> Any:
    return client.webhooks.unwrap(json.dumps(body).encode(), {"x-vapi-secret": SECRET}, secret=SECRET, **options)


def test_an_end_of_call_report_carries_a_typed_call(client: Any, call: dict[str, Any], caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.WARNING, logger="vapi_calls"):
        event = unwrap(client, end_of_call_report(call))
    assert not caplog.records  # the body fits: nothing is reported
    assert isinstance(event, types.EndOfCallReportWebhookEvent)
    message = event.message
    assert isinstance(message, types.ServerMessageEndOfCallReport)
    assert isinstance(message.call, types.Call)
    assert message.call.id == call["id"] and message.call.org_id == call["orgId"]
    assert message.call == types.Call.model_validate(call)  # exactly the Call GET /call gives
    assert message.ended_reason == "customer-ended-call" and message.cost == pytest.approx(0.1487)
    assert isinstance(message.artifact, types.Artifact)
    assert message.artifact.messages_open_ai_formatted and message.artifact.messages_open_ai_formatted[1].content == "I'd like to book a table."
    assert isinstance(message.analysis, types.Analysis) and message.analysis.structured_data == {"party": 2}
    assert isinstance(message.customer, types.Customer) and message.customer.number == "+14155550123"
    assert message.started_at is not None and message.started_at.year == 2024
    # fields the curated spec leaves out are kept, under their wire names
    assert message.model_extra and message.model_extra["phoneNumber"]["provider"] == "twilio"
    assert message.artifact.model_extra and message.artifact.model_extra["nodes"] == []


def test_a_status_update(client: Any, call: dict[str, Any]) -> None:
    event = unwrap(client, status_update(call))
    assert isinstance(event, types.StatusUpdateWebhookEvent)
    assert event.message.status == types.ServerMessageStatusUpdateStatus.IN_PROGRESS
    assert isinstance(event.message.call, types.Call) and event.message.call.id == call["id"]


def test_a_hang(client: Any, call: dict[str, Any]) -> None:
    event = unwrap(client, hang(call))
    assert isinstance(event, types.HangWebhookEvent)
    assert event.message.timestamp == 1733221799000
    assert isinstance(event.message.call, types.Call)


def test_tool_calls(client: Any, call: dict[str, Any]) -> None:
    event = unwrap(client, tool_calls(call))
    assert isinstance(event, types.ToolCallsWebhookEvent)
    (tool_call,) = event.message.tool_call_list
    assert isinstance(tool_call, types.ToolCall)
    assert tool_call.function.name == "bookTable" and json.loads(tool_call.function.arguments) == {"party": 2}
    assert event.message.tool_with_tool_call_list[0]["toolCall"]["id"] == tool_call.id


def test_an_unknown_message_type_is_the_open_fallback(client: Any, call: dict[str, Any]) -> None:
    body = {"message": {"type": "transcript", "role": "user", "transcriptType": "final", "transcript": "Hi", "call": call}}
    event = unwrap(client, body)
    assert isinstance(event, UnknownVariant)
    assert not isinstance(event, (types.HangWebhookEvent, types.EndOfCallReportWebhookEvent))
    assert event.to_dict()["message"]["transcript"] == "Hi"  # every field kept


def test_a_body_without_a_message_type_is_the_fallback_too(client: Any) -> None:
    assert isinstance(unwrap(client, {"message": {"timestamp": 1}}), UnknownVariant)
    assert isinstance(unwrap(client, {"something": "else"}), UnknownVariant)


def test_a_drifted_message_is_kept_and_reported_without_its_value(
    client: Any, call: dict[str, Any], caplog: pytest.LogCaptureFixture
) -> None:
    body = end_of_call_report(call)
    body["message"]["cost"] = "0.14-" + SECRET  # a string where a number belongs
    del body["message"]["analysis"]  # a required field missing
    with caplog.at_level(logging.WARNING, logger="vapi_calls"):
        event = unwrap(client, body)
    assert isinstance(event, types.EndOfCallReportWebhookEvent)
    assert isinstance(event.message.call, types.Call)
    assert event.message.cost == "0.14-" + SECRET  # kept as sent
    logged = "\n".join(r.getMessage() for r in caplog.records)
    assert "$.message.cost" in logged and "$.message.analysis" in logged
    assert SECRET not in logged


def test_strict_response_validation_raises_for_a_drifted_message(call: dict[str, Any]) -> None:
    body = end_of_call_report(call)
    body["message"]["cost"] = "a lot"
    client = vapi_calls.Vapi(api_key=API_KEY, strict_response_validation=True)
    with pytest.raises(vapi_calls.WebhookPayloadError) as caught:
        unwrap(client, body)
    assert "message.cost" in str(caught.value) and "a lot" not in str(caught.value)


@pytest.mark.parametrize(
    ("body", "problem"),
    [(b"{not json", "not JSON"), (b"[1, 2]", "an array"), (b'"text"', "not a JSON object"), (b"\xff\xfe", "not")],
)
def test_an_unparseable_body_is_a_payload_error(client: Any, body: bytes, problem: str) -> None:
    with pytest.raises(vapi_calls.WebhookPayloadError, match=problem):
        client.webhooks.unwrap(body, {"x-vapi-secret": SECRET}, secret=SECRET)


def test_the_secret_header_is_checked(client: Any, call: dict[str, Any], monkeypatch: pytest.MonkeyPatch) -> None:
    payload = json.dumps(hang(call)).encode()
    client.webhooks.verify(payload, {"X-Vapi-Secret": SECRET}, SECRET)
    for headers in ({"X-Vapi-Secret": SECRET[:-1]}, {"X-Vapi-Secret": ""}, {}):
        with pytest.raises(vapi_calls.WebhookVerificationError) as caught:
            client.webhooks.unwrap(payload, headers, secret=SECRET)
        assert SECRET not in str(caught.value) and SECRET not in repr(caught.value)
    monkeypatch.setenv("VAPI_WEBHOOK_SECRET", SECRET)  # the secret from the environment
    assert isinstance(client.webhooks.unwrap(payload, {"x-vapi-secret": SECRET}), types.HangWebhookEvent)
    with pytest.raises(vapi_calls.WebhookVerificationError):
        client.webhooks.unwrap(payload, {"x-vapi-secret": "guess"})


# -- a user's handler, over real HTTP -----------------------------------------------------------


class Handler(BaseHTTPRequestHandler):
    """What a user writes: read the body, unwrap it, answer."""

    webhooks: Any = None
    received: list[Any] = []

    def do_POST(self) -> None:  # noqa: N802 (http.server's name)
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        try:
            event = self.webhooks.unwrap(body, self.headers)  # http.server's headers: an email Message
        except vapi_calls.WebhookVerificationError:
            self.send_response(401)
        except vapi_calls.WebhookError:
            self.send_response(400)
        else:
            self.received.append(event)
            self.send_response(200)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture
def handler(client: Any, monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[str, list[Any]]]:
    """A handler's URL, and the events it received."""
    monkeypatch.setenv("VAPI_WEBHOOK_SECRET", SECRET)
    received: list[Any] = []
    handler = type("VapiHandler", (Handler,), {"webhooks": client.webhooks, "received": received})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", received
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


@pytest.mark.anyio
async def test_a_handler_receives_vapis_messages_over_http(handler: tuple[str, list[Any]], call: dict[str, Any]) -> None:
    handler_url, received = handler
    bodies = [end_of_call_report(call), status_update(call), hang(call), tool_calls(call), {"message": {"type": "new-kind"}}]
    async with httpx.AsyncClient() as http:
        for body in bodies:
            answer = await http.post(handler_url, json=body, headers={"X-Vapi-Secret": SECRET})
            assert answer.status_code == 200
        assert (await http.post(handler_url, json=bodies[0], headers={"X-Vapi-Secret": "wrong"})).status_code == 401
        assert (await http.post(handler_url, json=bodies[0])).status_code == 401
        assert (await http.post(handler_url, content=b"{", headers={"X-Vapi-Secret": SECRET})).status_code == 400
    assert [type(e).__name__ for e in received] == [
        "EndOfCallReportWebhookEvent",
        "StatusUpdateWebhookEvent",
        "HangWebhookEvent",
        "ToolCallsWebhookEvent",
        "UnknownVariant",
    ]
    assert all(isinstance(e.message.call, types.Call) for e in received[:4])
