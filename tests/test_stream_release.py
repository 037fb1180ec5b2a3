"""A response the caller stops reading gives its connection back, over real HTTP, sync and async.

The media fixture's golden client reads an endless event stream (or a long download) from
tests/streaming_server.py. The caller stops early in every way Python allows: ``break`` out of
the ``for`` loop (no ``with``), an exception inside the loop, the stream object dropped (before
and after reading from it), a ``with_raw_response`` stream never parsed, the raw ``events()``
iterator left, and a ``with_streaming_response`` download left inside its block. Each time the
server must see the client hang up, and the client's pool must hold no busy connection; a
stream read to its end leaves its connection idle in the pool, ready for the next call.

The sync client closes at once (the iterator ``for`` held is finalised when the loop is left);
the async client closes on the event loop's next turns (asyncio finalises an abandoned async
generator, or the dropped stream, with a task), so the async checks poll for a few seconds.
"""

from __future__ import annotations

import asyncio
import gc
import json
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.streaming_server import Streamed, StreamingServer

GOLDEN = Path(__file__).resolve().parent / "fixtures" / "media" / "expected"
if str(GOLDEN) not in sys.path:
    sys.path.insert(0, str(GOLDEN))

import media_lab  # noqa: E402

pytestmark = pytest.mark.anyio

WAIT = 10.0  # seconds to wait for a hang-up that should come at once (a busy machine is slow, never this slow)


@pytest.fixture
def server() -> Iterator[StreamingServer]:
    running = StreamingServer()
    try:
        yield running
    finally:
        running.stop()


@pytest.fixture(params=[False, True], ids=["sync", "async"])
def is_async(request: pytest.FixtureRequest) -> bool:
    return bool(request.param)


@pytest.fixture
def client(server: StreamingServer, is_async: bool, small_ca_file: str, monkeypatch: pytest.MonkeyPatch) -> Iterator[Any]:
    monkeypatch.setenv("SSL_CERT_FILE", small_ca_file)
    cls = media_lab.AsyncMediaLab if is_async else media_lab.MediaLab
    yield cls(base_url=server.url, max_retries=0)


def endless_events(server: StreamingServer) -> None:
    """Events for longer than any check waits (at least 5,000 x 2 ms), unless the client hangs
    up first (the server notices at its next write). Finite, so a client that never hangs up
    fails the test instead of hanging it."""
    frames = (f"data: {json.dumps({'id': str(i), 'delta': 'x'})}\n\n".encode() for i in range(5_000))
    server.route("/completions", Streamed(200, frames, {"Content-Type": "text/event-stream"}, pause=0.002))


def busy_connections(client: Any) -> int:
    """Connections of the client's pool that are in the middle of a response."""
    pool = client._client._transport._pool
    return sum(1 for connection in pool.connections if not connection.is_idle())


async def released(server: StreamingServer, client: Any, *, is_async: bool) -> None:
    """The server saw the client hang up, and the pool holds no busy connection.

    Polled, never a blocking wait: for the async client the close runs on this event loop."""
    deadline = time.monotonic() + WAIT
    while not (server.disconnected.is_set() and busy_connections(client) == 0):
        assert time.monotonic() < deadline, (
            f"not released: server saw the hang-up: {server.disconnected.is_set()}, "
            f"busy connections: {busy_connections(client)}"
        )
        if is_async:
            await asyncio.sleep(0.01)
        else:
            time.sleep(0.01)


async def start_stream(client: Any, is_async: bool, call: Callable[[Any], Any] | None = None) -> Any:
    result = (call or (lambda c: c.completions.create(messages=[], stream=True)))(client)
    return await result if is_async else result


async def test_break_without_with_closes_the_response(server: StreamingServer, client: Any, is_async: bool) -> None:
    endless_events(server)
    stream = await start_stream(client, is_async)
    got = []
    if is_async:
        async for item in stream:
            got.append(item.id)
            if len(got) == 3:
                break
    else:
        for item in stream:
            got.append(item.id)
            if len(got) == 3:
                break
        assert stream.response.is_closed, "the sync client closes as the loop is left"
    assert got == ["0", "1", "2"]
    await released(server, client, is_async=is_async)
    assert stream.response.is_closed  # `stream` is still referenced: not garbage collection's doing


async def test_an_exception_inside_the_loop_closes_the_response(server: StreamingServer, client: Any, is_async: bool) -> None:
    endless_events(server)
    stream = await start_stream(client, is_async)
    with pytest.raises(LookupError, match="the caller's own error"):
        if is_async:
            async for _item in stream:
                raise LookupError("the caller's own error")
        else:
            for _item in stream:
                raise LookupError("the caller's own error")
    await released(server, client, is_async=is_async)
    assert stream.response.is_closed


@pytest.mark.parametrize("read_first", [False, True], ids=["never-read", "part-read"])
async def test_a_dropped_stream_closes_the_response(
    server: StreamingServer, client: Any, is_async: bool, read_first: bool
) -> None:
    endless_events(server)
    stream = await start_stream(client, is_async)
    if read_first:
        first = await stream.__anext__() if is_async else next(stream)
        assert first.id == "0"
    response = stream.response
    del stream
    if not is_async:
        assert response.is_closed, "nothing refers back to the stream: dropped is closed, before any collection"
    gc.collect()
    await released(server, client, is_async=is_async)
    assert response.is_closed


async def test_a_raw_stream_dropped_unparsed_closes_the_response(server: StreamingServer, client: Any, is_async: bool) -> None:
    endless_events(server)
    raw = await start_stream(client, is_async, lambda c: c.completions.with_raw_response.create(messages=[], stream=True))
    assert raw.status_code == 200
    del raw
    gc.collect()
    await released(server, client, is_async=is_async)


async def test_a_raw_stream_parsed_then_dropped_keeps_the_stream_open(
    server: StreamingServer, client: Any, is_async: bool
) -> None:
    """The stream owns the connection once it is made: dropping the raw response closes nothing."""
    endless_events(server)
    raw = await start_stream(client, is_async, lambda c: c.completions.with_raw_response.create(messages=[], stream=True))
    stream = raw.parse()
    del raw
    gc.collect()
    if is_async:
        await asyncio.sleep(0.05)  # a close scheduled on the loop would run now
        items = [await stream.__anext__() for _ in range(3)]
    else:
        items = [next(stream) for _ in range(3)]
    assert [item.id for item in items] == ["0", "1", "2"] and not server.disconnected.is_set()
    if is_async:
        await stream.close()
    else:
        stream.close()
    await released(server, client, is_async=is_async)


async def test_leaving_the_raw_events_iterator_closes_the_response(server: StreamingServer, client: Any, is_async: bool) -> None:
    endless_events(server)
    stream = await start_stream(client, is_async)
    if is_async:
        async for event in stream.events():
            assert event.event == "message"
            break
    else:
        for event in stream.events():
            assert event.event == "message"
            break
    await released(server, client, is_async=is_async)


async def test_a_stream_stopped_early_cannot_be_read_on(server: StreamingServer, client: Any, is_async: bool) -> None:
    """After a loop left early the stream is closed: another loop ends at once, no error."""
    endless_events(server)
    stream = await start_stream(client, is_async)
    if is_async:
        async for _item in stream:
            break
        await released(server, client, is_async=is_async)
        assert [item async for item in stream] == []
    else:
        for _item in stream:
            break
        assert list(stream) == []


async def test_a_stream_read_to_its_end_leaves_its_connection_in_the_pool(
    server: StreamingServer, client: Any, is_async: bool
) -> None:
    """(A ``[DONE]`` before the body's end closes the connection instead: the server may keep
    sending after it, tests/test_media_client_http.py.)"""
    frames = b"".join(f"data: {json.dumps({'id': str(i), 'delta': 'x'})}\n\n".encode() for i in range(5))
    server.route("/completions", Streamed(200, [frames], {"Content-Type": "text/event-stream"}))
    for _ in range(2):
        stream = await start_stream(client, is_async)
        if is_async:
            assert len([item async for item in stream]) == 5
        else:
            assert len(list(stream)) == 5
        assert stream.response.is_closed
    pool = client._client._transport._pool
    assert len(pool.connections) == 1 and busy_connections(client) == 0, "one keep-alive connection, reused"


async def test_a_streamed_download_left_inside_its_block_is_closed_by_the_block(
    server: StreamingServer, client: Any, is_async: bool
) -> None:
    server.route("/files/big/content", Streamed(200, (b"x" * 4096 for _ in range(5_000)),
                                                {"Content-Type": "application/octet-stream"}, pause=0.002))
    if is_async:
        async with client.files.with_streaming_response.download("big") as response:
            async for _chunk in response.iter_bytes():
                break
    else:
        with client.files.with_streaming_response.download("big") as response:
            for _chunk in response.iter_bytes():
                break
    assert response.http_response.is_closed
    await released(server, client, is_async=is_async)
