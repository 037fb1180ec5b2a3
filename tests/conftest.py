"""Shared fixtures for the tests of the generated client over real HTTP.

* ``server``: a threaded HTTP server on 127.0.0.1 (a fresh one per test) that answers from a
  queue of scripted replies (or from a function of the request) and records every request.
* ``flavour``: runs one test body against the sync client (``Vapi``) and the async one
  (``AsyncVapi``); ``await flavour.run(client.calls.list())`` works for both.
* ``calls_payload``: the example response of the Vapi "List Calls" page, with realistic values
  (``tests/data/calls.json``).
"""

from __future__ import annotations

import inspect
import json
import socket
import sys
import threading
from collections import deque
from collections.abc import AsyncIterator, Callable, Iterable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest

TESTS_DIR = Path(__file__).resolve().parent
GENERATED_DIR = TESTS_DIR.parent / "generated"
if str(GENERATED_DIR) not in sys.path:
    sys.path.insert(0, str(GENERATED_DIR))

import vapi_calls  # noqa: E402  (needs generated/ on sys.path)

API_KEY = "sk-test-4f1c9e2a7b3d8e6f"


# -- the scripted server ----------------------------------------------------------------------


@dataclass
class Reply:
    """One scripted answer. ``body`` may be bytes, text, or anything JSON-serializable."""

    status: int = 200
    body: Any = b""
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0
    """Seconds to wait before answering."""
    drop: bool = False
    """Close the connection without answering at all."""

    def encoded(self) -> tuple[bytes, dict[str, str]]:
        headers = dict(self.headers)
        if isinstance(self.body, bytes):
            return self.body, headers
        if isinstance(self.body, str):
            headers.setdefault("Content-Type", "text/plain; charset=utf-8")
            return self.body.encode(), headers
        headers.setdefault("Content-Type", "application/json; charset=utf-8")
        return json.dumps(self.body).encode(), headers


@dataclass
class Recorded:
    """One request the server received."""

    method: str
    path: str
    query: str
    """The raw query string, as sent."""
    headers: dict[str, str]
    """Header names in lower case."""
    body: bytes

    @property
    def params(self) -> dict[str, list[str]]:
        return parse_qs(self.query, keep_blank_values=True)


class ScriptedServer:
    """Answers each request with the next queued :class:`Reply`, else with ``responder(request)``."""

    Reply = Reply  # so tests (and responders) can build replies without importing conftest

    def __init__(self) -> None:
        self.requests: list[Recorded] = []
        self.responder: Callable[[Recorded], Reply] | None = None
        self._replies: deque[Reply] = deque()
        self._lock = threading.Lock()
        self._stopped = threading.Event()
        self._httpd = _Server(("127.0.0.1", 0), _Handler)
        self._httpd.scripted = self
        self._thread = threading.Thread(
            target=self._httpd.serve_forever, kwargs={"poll_interval": 0.01}, daemon=True
        )

    @property
    def url(self) -> str:
        host, port = self._httpd.server_address[:2]
        return f"http://{host}:{port}"

    def reply(self, *replies: Reply) -> None:
        """Queue replies, answered in order, one per request."""
        with self._lock:
            self._replies.extend(replies)

    def json(self, body: Any, status: int = 200, times: int = 1, **headers: str) -> None:
        """Queue ``times`` JSON replies (``headers`` use ``_`` for ``-``: ``retry_after="1"``)."""
        headers = {name.replace("_", "-"): value for name, value in headers.items()}
        self.reply(*(Reply(status, body, headers) for _ in range(times)))

    def _next(self, request: Recorded) -> Reply:
        with self._lock:
            self.requests.append(request)
            if self._replies:
                return self._replies.popleft()
        if self.responder is not None:
            return self.responder(request)
        return Reply(418, {"message": "the test scripted no reply for this request"})  # not retried

    def wait(self, seconds: float) -> None:
        """Sleep without ``time.sleep`` (tests patch it), ending early at shutdown."""
        self._stopped.wait(seconds)

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._stopped.set()
        self._httpd.shutdown()
        self._httpd.server_close()
        self._thread.join(timeout=5)


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    scripted: ScriptedServer

    def handle_error(self, request: Any, client_address: Any) -> None:
        pass  # a client that gave up (timeout) makes the late answer fail; that is expected


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive, as real APIs do
    disable_nagle_algorithm = True  # headers and body go out as two writes: no 40 ms stalls
    server: _Server

    def _handle(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        parts = urlsplit(self.path)
        recorded = Recorded(
            method=self.command,
            path=parts.path,
            query=parts.query,
            headers={k.lower(): v for k, v in self.headers.items()},
            body=_read_chunked(self.rfile) if self.headers.get("Transfer-Encoding", "").lower() == "chunked"
            else self.rfile.read(length) if length else b"",
        )
        reply = self.server.scripted._next(recorded)
        if reply.delay:
            self.server.scripted.wait(reply.delay)
        if reply.drop:
            self.close_connection = True
            self.connection.shutdown(socket.SHUT_RDWR)
            return
        body, headers = reply.encoded()
        self.send_response(reply.status)
        for name, value in headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    do_GET = do_POST = do_PUT = do_PATCH = do_DELETE = _handle

    def log_message(self, format: str, *args: Any) -> None:
        pass


def _read_chunked(stream: Any) -> bytes:
    """A body sent with ``Transfer-Encoding: chunked`` (RFC 9112, 7.1), without trailers."""
    body = b""
    while True:
        size = int(stream.readline().split(b";", 1)[0].strip() or b"0", 16)
        if size == 0:
            stream.readline()  # the empty line after the last chunk
            return body
        body += stream.read(size)
        stream.readline()  # CRLF after the chunk


@pytest.fixture
def server() -> Iterable[ScriptedServer]:
    scripted = ScriptedServer()
    scripted.start()
    try:
        yield scripted
    finally:
        scripted.stop()


@pytest.fixture
def refused_url() -> str:
    """A URL on 127.0.0.1 where nothing listens."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return f"http://127.0.0.1:{port}"


# -- sync and async clients through one test body ----------------------------------------------


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"


class Flavour:
    """Builds clients of one flavour and resolves their results the same way for both."""

    def __init__(self, is_async: bool, server: ScriptedServer) -> None:
        self.is_async = is_async
        self._server = server
        self._clients: list[Any] = []

    def __repr__(self) -> str:
        return "async" if self.is_async else "sync"

    def client(self, **options: Any) -> Any:
        """A ``Vapi`` or ``AsyncVapi`` for the test server, closed after the test."""
        options.setdefault("api_key", API_KEY)
        options.setdefault("base_url", self._server.url)
        cls = vapi_calls.AsyncVapi if self.is_async else vapi_calls.Vapi
        client = cls(**options)
        self._clients.append(client)
        return client

    @staticmethod
    async def run(result: Any) -> Any:
        """A method's result: awaited for the async client, as is for the sync one."""
        return await result if inspect.isawaitable(result) else result

    @staticmethod
    async def collect(items: Any) -> list[Any]:
        """Every item of a sync or async iterator."""
        if hasattr(items, "__aiter__"):
            return [item async for item in items]
        return list(items)

    async def close(self) -> None:
        for client in self._clients:
            await self.run(client.close())


@pytest.fixture(scope="session")
def small_ca_file(tmp_path_factory: pytest.TempPathFactory) -> str:
    """One CA certificate of certifi's bundle. The tests speak plain HTTP, and loading the whole
    bundle (which each new client does) would cost more than the rest of a test."""
    import certifi

    bundle = Path(certifi.where()).read_text(encoding="ascii")
    end = "-----END CERTIFICATE-----"
    path = tmp_path_factory.mktemp("ca") / "one-ca.pem"
    path.write_text(
        bundle[bundle.index("-----BEGIN CERTIFICATE-----") : bundle.index(end) + len(end)]
    )
    return str(path)


@pytest.fixture(params=[False, True], ids=["sync", "async"])
async def flavour(
    request: pytest.FixtureRequest,
    server: ScriptedServer,
    small_ca_file: str,
    monkeypatch: pytest.MonkeyPatch,
) -> AsyncIterator[Flavour]:
    monkeypatch.setenv("SSL_CERT_FILE", small_ca_file)  # httpx's own setting, read per client
    chosen = Flavour(request.param, server)
    try:
        yield chosen
    finally:
        await chosen.close()


@pytest.fixture
def sleeps(monkeypatch: pytest.MonkeyPatch) -> list[float]:
    """No real waiting between retries (sync and async); returns the delays the client asked for."""
    import asyncio
    import time

    from vapi_calls import _base_client

    delays: list[float] = []

    class Time:
        def __getattr__(self, name: str) -> Any:
            return getattr(time, name)

        @staticmethod
        def sleep(seconds: float) -> None:
            delays.append(seconds)

    async def async_sleep(seconds: float) -> None:
        delays.append(seconds)
        await asyncio.sleep(0)

    monkeypatch.setattr(_base_client, "time", Time())
    monkeypatch.setattr(_base_client, "_async_sleep", async_sleep)
    return delays


# -- data ---------------------------------------------------------------------------------------


@pytest.fixture
def calls_payload() -> list[dict[str, Any]]:
    """The example ``GET /call`` response with realistic values (a fresh copy per test)."""
    return json.loads((TESTS_DIR / "data" / "calls.json").read_text(encoding="utf-8"))


@pytest.fixture
def api_key() -> str:
    return API_KEY
