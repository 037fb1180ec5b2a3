"""The media fixture's golden client over real HTTP: downloads, text, and server-sent events.

Sync and async alike. Event streams are served in small chunks that split frames and UTF-8
sequences; the server notices when the client hangs up, so closing on ``break`` is checked on the
wire, and a ``with_streaming_response`` download is shown to return before the body is sent.
"""

from __future__ import annotations

import inspect
import json
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.streaming_server import Seen, Streamed, StreamingServer

GOLDEN = Path(__file__).resolve().parent / "fixtures" / "media" / "expected"
if str(GOLDEN) not in sys.path:
    sys.path.insert(0, str(GOLDEN))

import media_lab  # noqa: E402
from media_lab import types  # noqa: E402

pytestmark = pytest.mark.anyio


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
def client(server: StreamingServer, is_async: bool, small_ca_file: str, monkeypatch: pytest.MonkeyPatch) -> Any:
    monkeypatch.setenv("SSL_CERT_FILE", small_ca_file)  # loading certifi's whole bundle costs more than a test
    cls = media_lab.AsyncMediaLab if is_async else media_lab.MediaLab
    return cls(base_url=server.url, max_retries=1)


@pytest.fixture(autouse=True)
def no_sleep(monkeypatch: pytest.MonkeyPatch) -> None:
    async def asleep(seconds: float) -> None:
        pass

    monkeypatch.setattr(media_lab._base_client.time, "sleep", lambda seconds: None)
    monkeypatch.setattr(media_lab._base_client, "_async_sleep", asleep)


async def run(result: Any) -> Any:
    return await result if inspect.isawaitable(result) else result


async def collect(stream: Any) -> list[Any]:
    if hasattr(stream, "__aiter__"):
        return [item async for item in stream]
    return list(stream)


def pieces(raw: bytes, size: int) -> list[bytes]:
    return [raw[i : i + size] for i in range(0, len(raw), size)]


def sse(*frames: str) -> bytes:
    return "".join(frames).encode()


CHUNKS = [{"id": "c1", "delta": "Grüße, "}, {"id": "c1", "delta": "日本 😀"}, {"id": "c1", "delta": "!\nend"}]
EVENTS = sse(
    ": the model is thinking\n",
    *(f"data: {json.dumps(chunk, ensure_ascii=False)}\r\n\r\n" for chunk in CHUNKS),
    "data: [DONE]\n\n",
)


# -- binary and text ----------------------------------------------------------------------------------


async def test_a_download_is_a_binary_response(server: StreamingServer, client: Any, tmp_path: Path) -> None:
    payload = bytes(range(256)) * 1000
    server.route("/files/f1/content", Streamed(200, pieces(payload, 4096), {"Content-Type": "application/octet-stream"}))
    result = await run(client.files.download("f1"))
    assert isinstance(result, media_lab.BinaryResponse)
    assert result.content == payload and result.content_type == "application/octet-stream"
    assert b"".join(result.iter_bytes(1000)) == payload
    result.write_to_file(tmp_path / "out.bin")
    assert (tmp_path / "out.bin").read_bytes() == payload
    assert server.requests[0].headers["accept"] == "application/octet-stream"


async def test_an_image_asks_for_the_spec_media_types(server: StreamingServer, client: Any) -> None:
    server.route("/images/i1", Streamed(200, [b"\x89PNG\r\n\x1a\n", b"rest"], {"Content-Type": "image/png"}))
    result = await run(client.files.get_image("i1"))
    assert result.content == b"\x89PNG\r\n\x1a\nrest" and result.content_type == "image/png"
    assert server.requests[0].headers["accept"] == "image/png, image/jpeg"


async def test_text_answers_are_str(server: StreamingServer, client: Any) -> None:
    csv = "name,city\nJosé,Zürich\n"
    server.route("/reports/r1.csv", Streamed(200, pieces(csv.encode(), 5), {"Content-Type": "text/csv; charset=utf-8"}))
    server.route("/reports/r1.xml", Streamed(200, [b"<r a='1'/>"], {"Content-Type": "application/xml"}))
    assert await run(client.reports.get("r1")) == csv
    assert await run(client.reports.get_xml("r1")) == "<r a='1'/>"
    assert [r.headers["accept"] for r in server.requests] == ["text/csv", "application/xml"]


async def test_an_error_status_on_a_download_is_the_typed_error(server: StreamingServer, client: Any) -> None:
    server.route("/files/gone/content", Streamed(404, [b'{"message": "no such file"}'], {"Content-Type": "application/json"}))
    with pytest.raises(media_lab.NotFoundError, match="no such file") as caught:
        await run(client.files.download("gone"))
    assert caught.value.body == {"message": "no such file"}


# -- with_streaming_response ---------------------------------------------------------------------------


async def test_streaming_response_returns_before_the_body_is_sent(
    server: StreamingServer, client: Any, is_async: bool, tmp_path: Path
) -> None:
    entered = threading.Event()
    waited: list[bool] = []
    server.route(
        "/files/big/content",
        Streamed(
            200,
            [b"first|", lambda: waited.append(entered.wait(5)), b"second|", b"third"],
            {"Content-Type": "application/octet-stream"},
        ),
    )
    target = tmp_path / "big.bin"
    if is_async:
        async with client.files.with_streaming_response.download("big") as response:
            entered.set()  # the server sends the rest only now: entering did not wait for the body
            assert response.status_code == 200 and response.headers["content-type"] == "application/octet-stream"
            await response.write_to_file(target)
    else:
        with client.files.with_streaming_response.download("big") as response:
            entered.set()
            response.write_to_file(target)
    assert target.read_bytes() == b"first|second|third"
    assert waited == [True], "the client entered the block before the server sent the rest of the body"


async def test_streaming_response_iterates_and_parses(server: StreamingServer, client: Any, is_async: bool) -> None:
    server.route("/files/f/content", Streamed(200, [b"ab", b"cd", b"ef"], {"Content-Type": "application/octet-stream"}))
    server.route("/reports/r.csv", Streamed(200, [b"a,b\n", b"1,2\n"], {"Content-Type": "text/csv"}))
    if is_async:
        async with client.files.with_streaming_response.download("f") as response:
            assert [chunk async for chunk in response.iter_bytes()] and response.http_response.is_stream_consumed
        async with client.reports.with_streaming_response.get("r") as response:
            assert await response.parse() == "a,b\n1,2\n"
    else:
        with client.files.with_streaming_response.download("f") as response:
            assert b"".join(response.iter_bytes()) == b"abcdef"
        with client.reports.with_streaming_response.get("r") as response:
            assert response.parse() == "a,b\n1,2\n"
    assert response.http_response.is_closed


async def test_streaming_response_retries_and_raises_like_any_call(server: StreamingServer, client: Any, is_async: bool) -> None:
    answers = iter([Streamed(503, [b'{"message": "busy"}'], {"Content-Type": "application/json"}),
                    Streamed(200, [b"ok"], {"Content-Type": "application/octet-stream"}),
                    Streamed(403, [b'{"message": "not yours"}'], {"Content-Type": "application/json"})])
    server.route("/files/f/content", lambda seen: next(answers))
    if is_async:
        async with client.files.with_streaming_response.download("f") as response:
            assert response.retries_taken == 1 and await response.read() == b"ok"
        with pytest.raises(media_lab.PermissionDeniedError, match="not yours"):
            async with client.files.with_streaming_response.download("f"):
                pass
    else:
        with client.files.with_streaming_response.download("f") as response:
            assert response.retries_taken == 1 and response.read() == b"ok"
        with pytest.raises(media_lab.PermissionDeniedError, match="not yours"):
            with client.files.with_streaming_response.download("f"):
                pass


# -- server-sent events --------------------------------------------------------------------------------


@pytest.mark.parametrize("size", [1, 3, 7, 64])
async def test_a_stream_yields_typed_chunks_split_anywhere(server: StreamingServer, client: Any, size: int) -> None:
    server.route("/completions", Streamed(200, pieces(EVENTS, size), {"Content-Type": "text/event-stream"}))
    stream = await run(client.completions.create(messages=[{"role": "user", "content": "hi"}], stream=True))
    assert isinstance(stream, media_lab.AsyncStream if hasattr(stream, "__aiter__") else media_lab.Stream)
    items = await collect(stream)
    assert all(isinstance(item, types.CompletionChunk) for item in items)
    assert [item.delta for item in items] == [c["delta"] for c in CHUNKS]
    sent = server.requests[0]
    assert json.loads(sent.body) == {"messages": [{"role": "user", "content": "hi"}], "stream": True}
    assert "text/event-stream" in sent.headers["accept"]


async def test_without_stream_the_same_method_returns_json(server: StreamingServer, client: Any) -> None:
    server.route("/completions", Streamed(200, [b'{"id": "c1", "text": "whole"}'], {"Content-Type": "application/json"}))
    result = await run(client.completions.create(messages=[]))
    assert isinstance(result, types.Completion) and result.text == "whole"
    assert json.loads(server.requests[0].body) == {"messages": []}


async def test_done_ends_the_stream_even_when_the_server_keeps_the_connection(
    server: StreamingServer, client: Any
) -> None:
    release = threading.Event()
    server.route("/completions", Streamed(200, [EVENTS, lambda: release.wait(10), b"data: {}\n\n"], {"Content-Type": "text/event-stream"}))
    try:
        items = await collect(await run(client.completions.create(messages=[], stream=True)))
        assert len(items) == 3
    finally:
        release.set()
    assert server.disconnected.wait(5), "the client closed the connection after [DONE]"


async def test_break_inside_with_closes_the_connection(server: StreamingServer, client: Any, is_async: bool) -> None:
    endless = (f"data: {json.dumps({'id': str(i), 'delta': 'x' * 200})}\n\n".encode() for i in range(100_000))
    server.route("/completions", Streamed(200, endless, {"Content-Type": "text/event-stream"}, pause=0.002))
    got = []
    if is_async:
        async with await client.completions.create(messages=[], stream=True) as stream:
            async for item in stream:
                got.append(item)
                if len(got) == 3:
                    break
    else:
        with client.completions.create(messages=[], stream=True) as stream:
            for item in stream:
                got.append(item)
                if len(got) == 3:
                    break
    assert [item.id for item in got] == ["0", "1", "2"]
    assert stream.response.is_closed
    assert server.disconnected.wait(5), "the server saw the client hang up"


async def test_one_model_per_event_name(server: StreamingServer, client: Any) -> None:
    frames = sse("event: progress\ndata: {\"percent\": 10}\n\n", "event: progress\ndata: {\"percent\": 90}\n\n",
                 "id: 3\nevent: done\ndata: {\"url\": \"https://x/y\"}\n\n")
    server.route("/jobs/j1/events", Streamed(200, pieces(frames, 5), {"Content-Type": "text/event-stream"}))
    items = await collect(await run(client.jobs.watch("j1")))
    assert [type(item) for item in items] == [types.Progress, types.Progress, types.JobDone]
    assert items[1].percent == 90 and items[2].url == "https://x/y"
    assert server.requests[0].headers["accept"] == "text/event-stream"


async def test_a_text_stream_yields_the_data_as_sent(server: StreamingServer, client: Any) -> None:
    frames = sse("data: line one\n\n", "data: two\ndata: lines\n\n", ": ping\n\n", "data: {\"not\": \"parsed\"}\n\n")
    server.route("/logs", Streamed(200, pieces(frames, 4), {"Content-Type": "text/event-stream"}))
    assert await collect(await run(client.jobs.tail_logs())) == ["line one", "two\nlines", '{"not": "parsed"}']


async def test_an_error_event_raises_the_stream_error(server: StreamingServer, client: Any) -> None:
    frames = sse('data: {"id": "c", "delta": "a"}\n\n', 'event: error\ndata: {"error": {"message": "overloaded"}}\n\n')
    server.route("/completions", Streamed(200, [frames], {"Content-Type": "text/event-stream"}))
    stream = await run(client.completions.create(messages=[], stream=True))
    got: list[Any] = []
    with pytest.raises(media_lab.APIStreamError, match="overloaded") as caught:
        if hasattr(stream, "__aiter__"):
            async for item in stream:
                got.append(item)
        else:
            for item in stream:
                got.append(item)
    assert len(got) == 1 and caught.value.body == {"error": {"message": "overloaded"}}
    assert stream.response.is_closed


async def test_a_non_2xx_answer_to_a_stream_is_the_typed_error(server: StreamingServer, client: Any) -> None:
    server.route("/completions", Streamed(429, [b'{"message": "slow down"}'], {"Content-Type": "application/json", "Retry-After": "0"}))
    with pytest.raises(media_lab.RateLimitError, match="slow down") as caught:
        await run(client.completions.create(messages=[], stream=True))
    assert caught.value.retries_taken == 0 and len(server.requests) == 1  # a POST is not retried by default


async def test_an_event_that_does_not_match_its_model_is_a_validation_error_when_strict(
    server: StreamingServer, is_async: bool
) -> None:
    cls = media_lab.AsyncMediaLab if is_async else media_lab.MediaLab
    strict = cls(base_url=server.url, max_retries=1, strict_response_validation=True)
    server.route("/completions", Streamed(200, [b'data: {"id": 1}\n\n'], {"Content-Type": "text/event-stream"}))
    stream = await run(strict.completions.create(messages=[], stream=True))
    with pytest.raises(media_lab.APIResponseValidationError, match="delta"):
        await collect(stream)


async def test_an_event_that_does_not_match_its_model_is_kept_and_reported(
    server: StreamingServer, client: Any, caplog: pytest.LogCaptureFixture
) -> None:
    frames = sse('data: {"id": "c1", "delta": "a"}\n\n', 'data: {"id": 7, "extra": true}\n\n', 'data: {"id": 8}\n\n')
    server.route("/completions", Streamed(200, pieces(frames, 7), {"Content-Type": "text/event-stream"}))
    raw = await run(client.completions.with_raw_response.create(messages=[], stream=True))
    with caplog.at_level("WARNING", logger="media_lab"):
        items = await collect(raw.parse())
    assert [type(item) for item in items] == [types.CompletionChunk] * 3
    assert items[0].delta == "a" and items[1].id == 7 and items[2].id == 8  # kept as sent
    assert {(m.path, m.problem) for m in raw.mismatches} >= {("$.id", "found a number (string_type)"), ("$.delta", "missing")}
    warnings = [r.getMessage() for r in caplog.records if "does not match the spec" in r.getMessage()]
    assert len(warnings) == 2 and "7" not in " ".join(warnings)  # each place once; never a value


async def test_speech_is_audio_or_a_stream_of_chunks(server: StreamingServer, client: Any) -> None:
    def answer(seen: Seen) -> Streamed:
        if json.loads(seen.body).get("stream"):
            return Streamed(200, [b'data: {"b64": "UklG"}\n\n', b'data: {"b64": "RiQA"}\n\n'], {"Content-Type": "text/event-stream"})
        return Streamed(200, [b"RIFF", b"$\x00\x00\x00WAVE"], {"Content-Type": "audio/wav"})

    server.route("/speech", answer)
    audio = await run(client.audio.create_speech(input="hello"))
    assert isinstance(audio, media_lab.BinaryResponse) and audio.content == b"RIFF$\x00\x00\x00WAVE"
    chunks = await collect(await run(client.audio.create_speech(input="hello", stream=True)))
    assert [c.b64 for c in chunks] == ["UklG", "RiQA"] and isinstance(chunks[0], types.SpeechChunk)
    assert server.requests[0].headers["accept"] == "audio/wav, text/event-stream"


async def test_raw_events_keep_names_and_ids(server: StreamingServer, client: Any, is_async: bool) -> None:
    frames = sse("id: 1\nevent: progress\ndata: {\"percent\": 5}\n\n", "retry: 300\nevent: done\ndata: {\"url\": \"u\"}\n\n")
    server.route("/jobs/j/events", Streamed(200, [frames], {"Content-Type": "text/event-stream"}))
    stream = await run(client.jobs.watch("j"))
    if is_async:
        events = [e async for e in stream.events()]
    else:
        events = list(stream.events())
    assert [(e.event, e.id, e.retry, e.json()) for e in events] == [
        ("progress", "1", None, {"percent": 5}), ("done", "1", 300, {"url": "u"})]


def hang_up() -> None:
    raise ConnectionResetError("the test server hangs up mid-body")


async def test_a_stream_cut_off_mid_body_is_a_connection_error(server: StreamingServer, client: Any) -> None:
    server.route("/completions", Streamed(200, [b'data: {"id": "c", "delta": "a"}\n\ndata: {"id"', hang_up],
                                          {"Content-Type": "text/event-stream"}))
    stream = await run(client.completions.create(messages=[], stream=True))
    with pytest.raises(media_lab.APIConnectionError, match="broke off"):
        await collect(stream)
    assert stream.response.is_closed


async def test_a_streamed_download_cut_off_is_a_connection_error(
    server: StreamingServer, client: Any, is_async: bool, tmp_path: Path
) -> None:
    server.route("/files/f/content", Streamed(200, [b"x" * 100_000, hang_up], {"Content-Type": "application/octet-stream"}))
    with pytest.raises(media_lab.APIConnectionError):
        if is_async:
            async with client.files.with_streaming_response.download("f") as response:
                await response.write_to_file(tmp_path / "f.bin")
        else:
            with client.files.with_streaming_response.download("f") as response:
                response.write_to_file(tmp_path / "f.bin")


async def test_with_raw_response_on_a_stream_parses_into_the_stream(server: StreamingServer, client: Any) -> None:
    frames = sse('event: progress\ndata: {"percent": 50}\n\n')
    server.route("/jobs/j/events", Streamed(200, [frames], {"Content-Type": "text/event-stream", "X-Job": "j"}))
    raw = await run(client.jobs.with_raw_response.watch("j"))
    assert raw.status_code == 200 and raw.headers["x-job"] == "j"
    assert [item.percent for item in await collect(raw.parse())] == [50]
