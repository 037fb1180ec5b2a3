"""Every failure is one of the package's typed errors, and its message says what failed where.

Over real HTTP on 127.0.0.1 (conftest's ``server``), sync and async: a call on a closed client
(or on a ``with_options`` copy of one) is a ``ClientClosedError``; a timeout names the method,
the URL and the timeout that fired; a refused connection names the method, the URL and the
reason; a redirect loop is an ``APIConnectionError`` too; no message holds the API key or a
password of the base URL.
"""

from __future__ import annotations

from typing import Any

import httpx
import pytest
import vapi_calls

from .conftest import API_KEY, Flavour, ScriptedServer

pytestmark = pytest.mark.anyio


async def test_a_call_on_a_closed_client_is_a_typed_error(flavour: Flavour, server: ScriptedServer) -> None:
    client = flavour.client()
    await flavour.run(client.close())
    with pytest.raises(vapi_calls.ClientClosedError) as caught:
        await flavour.run(client.calls.list(limit=1))
    assert isinstance(caught.value, vapi_calls.VapiError)
    assert f"GET {server.url}/call?limit=1: the client is closed" in str(caught.value)
    assert server.requests == []


async def test_a_copy_shares_the_pool_closing_the_parent_closes_it_and_closing_a_copy_does_not(
    flavour: Flavour, server: ScriptedServer
) -> None:
    parent = flavour.client()
    copy = parent.with_options(timeout=5.0)
    await flavour.run(copy.close())  # a copy does not own the pool
    server.json([])
    assert await flavour.run(parent.calls.list()) == []
    await flavour.run(parent.close())
    with pytest.raises(vapi_calls.ClientClosedError) as caught:
        await flavour.run(copy.calls.get("call_1"))
    assert "with_options() copy" in str(caught.value) and f"GET {server.url}/call/call_1" in str(caught.value)


async def test_a_timeout_names_the_method_url_and_the_timeout_that_fired(flavour: Flavour, server: ScriptedServer) -> None:
    server.reply(server.Reply(200, [], delay=60.0))  # long after the timeout, even on a busy machine
    client = flavour.client(timeout=httpx.Timeout(30.0, read=0.2), max_retries=0)  # only the read timeout can fire
    with pytest.raises(vapi_calls.APITimeoutError) as caught:
        await flavour.run(client.calls.list(assistant_id="a1", extra_query={"token": API_KEY}))
    message = str(caught.value)
    assert message.startswith(f"Request timed out: GET {server.url}/call?assistantId=a1&token=[REDACTED] "), message
    assert "(read timeout of 0.2 s; 1 attempt;" in message
    assert API_KEY not in message


async def test_a_refused_connection_names_the_method_url_and_reason(flavour: Flavour, refused_url: str) -> None:
    user_url = refused_url.replace("http://", "http://someone:hunter2@")
    client = flavour.client(base_url=user_url, max_retries=1)
    with pytest.raises(vapi_calls.APIConnectionError) as caught:
        await flavour.run(client.calls.delete("call_1"))
    message = str(caught.value)
    assert not isinstance(caught.value, vapi_calls.APITimeoutError)
    assert message.startswith(f"Connection error: DELETE {refused_url}/call/call_1 (ConnectError: "), message
    assert message.endswith("; 2 attempts)"), message  # DELETE is idempotent: retried once
    assert "hunter2" not in message and API_KEY not in message


async def test_a_redirect_loop_is_a_connection_error_not_httpx(flavour: Flavour, server: ScriptedServer) -> None:
    def loop(request: Any) -> Any:
        return server.Reply(302, b"", {"Location": "/call"})

    server.responder = loop
    client = flavour.client(max_retries=2)
    with pytest.raises(vapi_calls.APIConnectionError) as caught:
        await flavour.run(client.calls.list())
    assert "TooManyRedirects" in str(caught.value)
    assert len(server.requests) == 21, "one attempt: a redirect loop is not retried"


async def test_an_argument_that_cannot_be_sent_is_an_argument_error(flavour: Flavour, server: ScriptedServer) -> None:
    client = flavour.client()
    with pytest.raises(vapi_calls.ArgumentError, match="`id`") as empty:
        await flavour.run(client.calls.get(""))
    with pytest.raises(vapi_calls.ArgumentError, match="POST /call: the request body is not JSON") as nan:
        await flavour.run(client.calls.create(assistant={"silenceTimeoutSeconds": float("nan")}))  # type: ignore[arg-type]
    with pytest.raises(vapi_calls.ArgumentError, match="page_size"):
        await flavour.collect(client.calls.list_all(page_size=0))
    with pytest.raises(vapi_calls.ArgumentError, match="max_retries"):
        flavour.client(max_retries=-1)
    for error in (empty.value, nan.value):
        assert isinstance(error, vapi_calls.VapiError) and isinstance(error, ValueError)
    assert server.requests == [], "nothing was sent"
