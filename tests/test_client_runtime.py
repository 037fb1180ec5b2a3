"""The request loop over real HTTP: retries and their delays, timeouts, connection errors,
raw responses, per-client and per-call options, logging, and bodies that do not parse."""

from __future__ import annotations

import email.utils
import logging
import time
from datetime import timedelta

import httpx
import pytest

import vapi_calls
from vapi_calls.types import Call

pytestmark = pytest.mark.anyio

RETRIED = [408, 409, 429, 500, 502]
NOT_RETRIED = [400, 401, 404, 422]


# -- retries ----------------------------------------------------------------------------------------


async def test_500_then_200_succeeds_after_one_retry(flavour, server, sleeps, calls_payload):
    client = flavour.client()
    server.json({"message": "upstream hiccup"}, status=500)
    server.json(calls_payload)

    raw = await flavour.run(client.calls.with_raw_response.list())

    assert raw.status_code == 200
    assert raw.retries_taken == 1
    assert [call.id for call in raw.parse()] == [calls_payload[0]["id"]]
    assert len(server.requests) == 2
    assert "x-retry-count" not in server.requests[0].headers
    assert server.requests[1].headers["x-retry-count"] == "1"
    assert server.requests[1].query == server.requests[0].query
    assert len(sleeps) == 1


@pytest.mark.parametrize("status", RETRIED)
async def test_retried_statuses(flavour, server, sleeps, status):
    client = flavour.client(max_retries=2)
    server.json({"message": "try again"}, status=status, times=3)

    with pytest.raises(vapi_calls.APIStatusError) as caught:
        await flavour.run(client.calls.list())

    assert caught.value.status_code == status
    assert caught.value.retries_taken == 2
    assert len(server.requests) == 3
    assert len(sleeps) == 2


@pytest.mark.parametrize("status", NOT_RETRIED)
async def test_client_errors_are_not_retried(flavour, server, sleeps, status):
    client = flavour.client(max_retries=2)
    server.json({"message": "no"}, status=status, times=3)

    with pytest.raises(vapi_calls.APIStatusError) as caught:
        await flavour.run(client.calls.list())

    assert caught.value.status_code == status
    assert caught.value.retries_taken == 0
    assert len(server.requests) == 1
    assert sleeps == []


async def test_max_retries_on_the_client(flavour, server, sleeps):
    client = flavour.client(max_retries=1)
    server.json({"message": "down"}, status=503, times=5)

    with pytest.raises(vapi_calls.InternalServerError) as caught:
        await flavour.run(client.calls.list())

    assert caught.value.retries_taken == 1
    assert len(server.requests) == 2


@pytest.mark.parametrize(("per_call", "requests"), [(0, 1), (3, 4)])
async def test_max_retries_per_call(flavour, server, sleeps, per_call, requests):
    client = flavour.client(max_retries=1)
    server.json({"message": "down"}, status=503, times=5)

    with pytest.raises(vapi_calls.InternalServerError) as caught:
        await flavour.run(client.calls.list(max_retries=per_call))

    assert caught.value.retries_taken == per_call
    assert len(server.requests) == requests
    assert len(sleeps) == per_call


async def test_x_should_retry_false_stops_a_500(flavour, server, sleeps):
    client = flavour.client(max_retries=2)
    server.json({"message": "do not bother"}, status=500, times=3, x_should_retry="false")

    with pytest.raises(vapi_calls.InternalServerError) as caught:
        await flavour.run(client.calls.list())

    assert caught.value.retries_taken == 0
    assert len(server.requests) == 1
    assert sleeps == []


async def test_x_should_retry_true_retries_a_400(flavour, server, sleeps):
    client = flavour.client(max_retries=2)
    server.json({"message": "lock busy"}, status=400, x_should_retry="true")
    server.json([])

    raw = await flavour.run(client.calls.with_raw_response.list())

    assert raw.retries_taken == 1
    assert raw.parse() == []
    assert len(server.requests) == 2


# -- delays -----------------------------------------------------------------------------------------


async def test_retry_after_seconds(flavour, server, sleeps):
    client = flavour.client()
    server.json({"message": "slow down"}, status=429, retry_after="0.01")
    server.json([])

    assert await flavour.run(client.calls.list()) == []
    assert sleeps == [0.01]


async def test_retry_after_http_date(flavour, server, sleeps):
    client = flavour.client()
    when = email.utils.formatdate(time.time() + 30, usegmt=True)
    server.json({"message": "slow down"}, status=503, retry_after=when)
    server.json([])

    assert await flavour.run(client.calls.list()) == []
    [delay] = sleeps
    assert 27 <= delay <= 30  # the date has whole seconds


async def test_retry_after_ms_wins_over_retry_after(flavour, server, sleeps):
    client = flavour.client()
    server.json({"message": "slow down"}, status=429, retry_after_ms="250", retry_after="7")
    server.json({"message": "slow down"}, status=429, retry_after_ms="40")
    server.json([])

    assert await flavour.run(client.calls.list()) == []
    assert sleeps == [0.25, 0.04]


async def test_long_retry_after_is_not_slept_through(flavour, server, sleeps):
    client = flavour.client(max_retries=2)
    server.json({"message": "quota exhausted"}, status=429, times=3, retry_after="120")

    with pytest.raises(vapi_calls.RateLimitError) as caught:
        await flavour.run(client.calls.list())

    assert caught.value.retry_after == 120
    assert caught.value.retries_taken == 0
    assert "120" in str(caught.value)
    assert "quota exhausted" in str(caught.value)
    assert len(server.requests) == 1
    assert sleeps == []


@pytest.mark.parametrize("retry_after", [None, "soon", "-3"])
async def test_backoff_without_a_usable_hint(flavour, server, sleeps, retry_after):
    client = flavour.client(max_retries=6)
    headers = {} if retry_after is None else {"retry_after": retry_after}
    server.json({"message": "down"}, status=500, times=7, **headers)

    with pytest.raises(vapi_calls.InternalServerError) as caught:
        await flavour.run(client.calls.list())

    assert caught.value.retries_taken == 6
    assert len(server.requests) == 7
    assert len(sleeps) == 6
    for n, delay in enumerate(sleeps):
        ceiling = min(0.5 * 2**n, 8.0)
        assert 0.75 * ceiling <= delay <= ceiling, (n, delay)


# -- timeouts and connection errors -----------------------------------------------------------------


# The server answers long after any bound below (it stops waiting when the test ends), so a
# bound that holds shows the timeout fired; the slack only absorbs a busy machine's scheduling.
NEVER = 60.0
SLACK = 3.0


async def test_timeout_after_retries_within_a_bound(flavour, server):
    retries = 1
    client = flavour.client(timeout=0.2, max_retries=retries)
    server.reply(*(server.Reply(200, [], delay=NEVER) for _ in range(retries + 1)))

    started = time.monotonic()
    with pytest.raises(vapi_calls.APITimeoutError) as caught:
        await flavour.run(client.calls.list())
    elapsed = time.monotonic() - started

    assert isinstance(caught.value, vapi_calls.APIConnectionError)
    assert caught.value.retries_taken == retries
    assert len(server.requests) == retries + 1
    backoff = sum(min(0.5 * 2**n, 8.0) for n in range(retries))
    assert 0.2 * (retries + 1) + 0.75 * backoff <= elapsed < 0.2 * (retries + 1) + backoff + SLACK


async def test_per_call_timeout(flavour, server):
    client = flavour.client(max_retries=0)  # the default timeout is 60 s
    server.reply(server.Reply(200, [], delay=NEVER))

    started = time.monotonic()
    with pytest.raises(vapi_calls.APITimeoutError) as caught:
        await flavour.run(client.calls.list(timeout=0.2))

    assert "read timeout of 0.2 s" in str(caught.value), "the call's timeout fired, not the client's"
    assert time.monotonic() - started < 0.2 + SLACK


async def test_connection_refused(flavour, refused_url, sleeps):
    client = flavour.client(base_url=refused_url, max_retries=1)

    with pytest.raises(vapi_calls.APIConnectionError) as caught:
        await flavour.run(client.calls.list())

    assert not isinstance(caught.value, vapi_calls.APITimeoutError)
    assert caught.value.retries_taken == 1
    assert str(caught.value.request.url).startswith(refused_url)
    assert len(sleeps) == 1


async def test_dropped_connection_is_retried(flavour, server, sleeps, calls_payload):
    client = flavour.client()
    server.reply(server.Reply(drop=True))
    server.json(calls_payload)

    raw = await flavour.run(client.calls.with_raw_response.list())

    assert raw.retries_taken == 1
    assert len(raw.parse()) == 1
    assert len(server.requests) == 2


async def test_dropped_connection_without_retries(flavour, server):
    client = flavour.client(max_retries=0)
    server.reply(server.Reply(drop=True))

    with pytest.raises(vapi_calls.APIConnectionError) as caught:
        await flavour.run(client.calls.list())

    assert not isinstance(caught.value, vapi_calls.APITimeoutError)
    assert caught.value.retries_taken == 0


# -- raw responses and options ------------------------------------------------------------------------


async def test_with_raw_response(flavour, server, calls_payload):
    client = flavour.client()
    server.json(calls_payload, x_request_id="req_7f3a")
    server.json(calls_payload)

    raw = await flavour.run(client.calls.with_raw_response.list(limit=1))
    typed = await flavour.run(client.calls.list(limit=1))

    assert isinstance(raw, vapi_calls.APIResponse)
    assert raw.status_code == 200
    assert raw.headers["x-request-id"] == "req_7f3a"
    assert isinstance(raw.http_response, httpx.Response)
    assert raw.http_response.request.url.params["limit"] == "1"
    assert raw.retries_taken == 0
    assert isinstance(raw.elapsed, timedelta) and timedelta(0) < raw.elapsed < timedelta(seconds=5)
    parsed = raw.parse()
    assert all(isinstance(call, Call) for call in parsed)
    assert parsed == typed
    assert raw.parse() is parsed  # parsed once


async def test_with_options_is_a_copy_sharing_the_pool(flavour, server, sleeps, api_key):
    client = flavour.client(default_headers={"X-Team": "support"})

    copy = client.with_options(max_retries=0, timeout=5)

    assert copy is not client
    assert copy._client is client._client
    assert copy.max_retries == 0
    assert copy.timeout == httpx.Timeout(5)
    assert client.max_retries == vapi_calls.DEFAULT_MAX_RETRIES
    assert client.timeout == vapi_calls.DEFAULT_TIMEOUT
    assert copy.api_key == client.api_key == api_key
    assert copy.base_url == client.base_url

    server.json({"message": "down"}, status=500)
    with pytest.raises(vapi_calls.InternalServerError):
        await flavour.run(copy.calls.list())
    assert len(server.requests) == 1  # the copy does not retry
    assert server.requests[0].headers["x-team"] == "support"

    await flavour.run(copy.close())  # closing the copy leaves the shared pool open
    server.json({"message": "down"}, status=500)
    server.json([])
    assert await flavour.run(client.calls.list()) == []  # the original still retries
    assert len(server.requests) == 3


async def test_extra_headers_and_extra_query(flavour, server):
    client = flavour.client(default_query={"orgScope": "all"})
    server.json([])

    await flavour.run(
        client.calls.list(
            assistant_id="asst_1",
            extra_headers={"X-Trace-Id": "trace-42", "Accept": "application/json"},
            extra_query={"includeArtifacts": True, "limit": 5},
        )
    )

    [request] = server.requests
    assert request.headers["x-trace-id"] == "trace-42"
    assert request.params == {
        "orgScope": ["all"],
        "assistantId": ["asst_1"],
        "limit": ["5"],
        "includeArtifacts": ["true"],
    }


# -- logging ------------------------------------------------------------------------------------


async def test_logging_shows_requests_without_credentials(flavour, server, sleeps, caplog, api_key):
    caplog.set_level(logging.INFO, logger="vapi_calls")
    client = flavour.client()
    server.json({"message": f"bad key {api_key}"}, status=500)
    server.reply(server.Reply(drop=True))
    server.json([])

    await flavour.run(client.calls.list(extra_query={"token": api_key}))

    ours = [record for record in caplog.records if record.name == "vapi_calls"]
    messages = [record.getMessage() for record in ours]
    assert len(messages) == 3, messages
    assert all(record.levelno == logging.INFO for record in ours)
    assert all("GET" in m and f"{server.url}/call" in m for m in messages)
    assert " 500" in messages[0] and "retries=0" in messages[0]
    assert "failed" in messages[1] and "retries=1" in messages[1]
    assert " 200" in messages[2] and "retries=2" in messages[2]
    for record in caplog.records:
        text = record.getMessage()
        assert api_key not in text
        assert "Bearer" not in text


# -- bodies that do not parse ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "content_type", "expected"),
    [
        (b"<html><body>Gateway says hi</body></html>", "text/html; charset=utf-8", "text/html"),
        (b"[]", "text/plain", "text/plain"),
        (b"[]", None, "none"),
        (b'[{"id": "abc",', "application/json", "Invalid JSON"),
    ],
    ids=["html", "text-plain", "no-content-type", "truncated-json"],
)
async def test_success_that_is_not_json(flavour, server, body, content_type, expected):
    client = flavour.client()
    headers = {} if content_type is None else {"Content-Type": content_type}
    server.reply(server.Reply(200, body, headers))

    with pytest.raises(vapi_calls.APIResponseValidationError) as caught:
        await flavour.run(client.calls.list())

    assert caught.value.status_code == 200
    assert expected in str(caught.value)
    assert len(server.requests) == 1  # not retried


@pytest.mark.parametrize(
    "body",
    [
        {"calls": [{"id": "call_secret_0001"}]},
        [
            {
                "id": {"nested": "secret-id-9921"},
                "orgId": "org_1",
                "createdAt": "Tuesday-secret-7731",
                "updatedAt": "2024-03-14T16:05:47Z",
                "cost": "secret-cost-4410",
                "phoneNumber": {"twilioAuthToken": ["secret-token-5532"]},
            }
        ],
    ],
    ids=["object-instead-of-list", "wrong-field-types"],
)
async def test_body_of_the_wrong_shape(flavour, server, body):
    client = flavour.client(strict_response_validation=True)  # lenient: tests/test_drift.py
    server.json(body)

    with pytest.raises(vapi_calls.APIResponseValidationError) as caught:
        await flavour.run(client.calls.list())

    message = str(caught.value)
    assert "does not match" in message
    assert "secret" not in message
    if isinstance(body, list):
        assert "0.createdAt" in message and "0.cost" in message


def test_parsing_pauses_the_cycle_collector_and_restores_it(monkeypatch: pytest.MonkeyPatch) -> None:
    import gc

    from vapi_calls import _response

    seen: list[bool] = []
    real = _response._adapter

    def spying_adapter(cast_to: object) -> object:
        seen.append(gc.isenabled())
        return real(cast_to)

    monkeypatch.setattr(_response, "_adapter", spying_adapter)
    body = b'[{"id": "c1", "orgId": "o", "createdAt": "2024-01-01T00:00:00Z", "updatedAt": "2024-01-01T00:00:00Z"}]'
    assert gc.isenabled()
    assert _response.parse_json(list[Call], body)[0].id == "c1"
    assert seen == [False] and gc.isenabled()

    gc.disable()  # a caller's own choice survives a parse
    try:
        _response.parse_json(list[Call], body)
        assert not gc.isenabled()
    finally:
        gc.enable()

    with pytest.raises(Exception):  # and so does a failed parse
        _response.parse_json(list[Call], b'[{"id": 1}]')
    assert gc.isenabled()
