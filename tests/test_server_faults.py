"""A faulty server, over real sockets on 127.0.0.1: every fault becomes one of the client's
documented exceptions (or a parse), sync and async, and no call outlives
``timeout x (retries + 1)`` plus the backoff it slept.

The server here is a raw socket server (not the ``server`` fixture of conftest.py) because
the faults need byte-level control: a reset in the middle of a body, a body that stops, a
Content-Length that lies. Backoff is shortened (and recorded) so the file stays fast.

Only the faults that are about time (a server that stalls or trickles) get the short timeout
whose firing they test; every other fault gets one no busy machine can reach, so a slow
scheduler can never turn a first attempt into a timeout and a retry. Stalls last until the
test ends, far longer than any bound checked, so a bound that holds holds for the right reason.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import socket
import struct
import sys
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest

GENERATED = Path(__file__).resolve().parent.parent / "generated"
if str(GENERATED) not in sys.path:
    sys.path.insert(0, str(GENERATED))

import vapi_calls  # noqa: E402  (needs generated/ on sys.path)
from vapi_calls import _base_client  # noqa: E402

TIMEOUT = 0.4  # seconds, for every phase (connect, read, write, pool), where a timeout is tested
UNREACHED = 60.0  # seconds: the timeout of the faults that are not about time
STALL = 120.0  # seconds a stalled server waits (unless the test ends first): beyond every bound
RETRIES = 2
SLACK = 3.0  # scheduling, interpreter and pydantic time on a loaded 2-core machine
CALL = {"id": "call_1", "orgId": "org_1", "createdAt": "2024-05-01T10:00:00Z", "updatedAt": "2024-05-01T10:05:00.5+02:00"}

Behaviour = Callable[[socket.socket, int], None]


class RawServer:
    """Accepts connections, reads one request head from each, then lets ``behaviour`` write
    (or not write) whatever bytes it likes. ``requests`` counts the request heads read."""

    def __init__(self) -> None:
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        self.behaviour: Behaviour = lambda conn, n: None
        self.requests = 0
        self.released = threading.Event()  # ends every stalled response
        self._lock = threading.Lock()
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def _serve(self) -> None:
        while True:
            try:
                conn, _ = self.listener.accept()
            except OSError:
                return
            threading.Thread(target=self._handle, args=(conn,), daemon=True).start()

    def _handle(self, conn: socket.socket) -> None:
        with conn:
            conn.settimeout(STALL)
            head = b""
            try:
                while b"\r\n\r\n" not in head:
                    chunk = conn.recv(65536)
                    if not chunk:
                        return
                    head += chunk
                with self._lock:
                    self.requests += 1
                    number = self.requests
                self.behaviour(conn, number)
            except OSError:
                pass  # the client gave up first: that is the point of several faults

    def close(self) -> None:
        self.released.set()
        self.listener.close()


def head(status: str, headers: dict[str, str]) -> bytes:
    lines = [f"HTTP/1.1 {status}", *(f"{k}: {v}" for k, v in headers.items()), "", ""]
    return "\r\n".join(lines).encode("latin-1")


def respond(status: str, body: bytes, content_type: str | None = "application/json") -> Behaviour:
    def behaviour(conn: socket.socket, _: int) -> None:
        headers = {"Content-Length": str(len(body)), "Connection": "close"}
        if content_type is not None:
            headers["Content-Type"] = content_type
        conn.sendall(head(status, headers) + body)

    return behaviour


def reset_mid_body(conn: socket.socket, _: int) -> None:
    body = json.dumps([CALL] * 50).encode()
    conn.sendall(head("200 OK", {"Content-Type": "application/json", "Content-Length": str(len(body))}) + body[:100])
    time.sleep(0.05)
    conn.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))  # close with RST


def short_body(conn: socket.socket, _: int) -> None:
    """Content-Length promises more than arrives before an orderly close."""
    body = json.dumps([CALL]).encode()
    conn.sendall(head("200 OK", {"Content-Type": "application/json", "Content-Length": str(len(body) + 40)}) + body)


def stall_after_head(server: RawServer) -> Behaviour:
    def behaviour(conn: socket.socket, _: int) -> None:
        conn.sendall(head("200 OK", {"Content-Type": "application/json", "Content-Length": "5000"}) + b'[{"id": "ca')
        server.released.wait(STALL)

    return behaviour


def stall_before_head(server: RawServer) -> Behaviour:
    def behaviour(conn: socket.socket, _: int) -> None:
        server.released.wait(STALL)

    return behaviour


HTML_502 = b"<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center><hr><center>nginx</center></body></html>\n"
BIG = json.dumps([{**CALL, "id": f"call_{i}", "transcript": "x" * 900} for i in range(10_500)]).encode()


@dataclass(frozen=True)
class Fault:
    name: str
    make: Callable[[RawServer], Behaviour] | None  # None: nothing listens (connection refused)
    expect: type[BaseException] | None  # None: the call returns (parsed)
    attempts: int  # requests the server should see
    message: str = ""
    timed: bool = False  # the fault is about time: the call gets TIMEOUT, and its duration is bounded


FAULTS = (
    Fault("connection-refused", None, vapi_calls.APIConnectionError, 0),
    Fault("reset-mid-body", lambda s: reset_mid_body, vapi_calls.APIConnectionError, RETRIES + 1),
    Fault("body-shorter-than-content-length", lambda s: short_body, vapi_calls.APIConnectionError, RETRIES + 1),
    Fault("body-stalls", stall_after_head, vapi_calls.APITimeoutError, RETRIES + 1, "timed out", timed=True),
    Fault("no-response-at-all", stall_before_head, vapi_calls.APITimeoutError, RETRIES + 1, "timed out", timed=True),
    Fault(
        "truncated-json",
        lambda s: respond("200 OK", json.dumps([CALL]).encode()[:-7]),
        vapi_calls.APIResponseValidationError,
        1,
        "does not match the spec",
    ),
    Fault(
        "html-502",
        lambda s: respond("502 Bad Gateway", HTML_502, "text/html"),
        vapi_calls.InternalServerError,
        RETRIES + 1,
        "Error code: 502",
    ),
    Fault(
        "200-not-json",
        lambda s: respond("200 OK", b"<html>maintenance</html>"),
        vapi_calls.APIResponseValidationError,
        1,
        "does not match the spec",
    ),
    Fault(
        "200-wrong-content-type",
        lambda s: respond("200 OK", json.dumps([CALL]).encode(), "text/html; charset=utf-8"),
        vapi_calls.APIResponseValidationError,
        1,
        "Expected a JSON response, got content type 'text/html'",
    ),
    Fault(
        "200-no-content-type",
        lambda s: respond("200 OK", json.dumps([CALL]).encode(), None),
        vapi_calls.APIResponseValidationError,
        1,
        "Expected a JSON response, got content type 'none'",
    ),
    Fault("200-empty-body", lambda s: respond("200 OK", b""), vapi_calls.APIResponseValidationError, 1, "does not match the spec"),
    Fault(
        "shape-the-spec-does-not-allow",
        lambda s: respond("200 OK", json.dumps({"calls": [{"id": "sk-secret-value"}]}).encode()),
        vapi_calls.APIResponseValidationError,
        1,
        "does not match the spec",
    ),
    Fault(
        "field-of-the-wrong-type",
        lambda s: respond("200 OK", json.dumps([{**CALL, "createdAt": "yesterday"}]).encode()),
        vapi_calls.APIResponseValidationError,
        1,
        "0.createdAt",
    ),
    Fault("10-mb-body", lambda s: respond("200 OK", BIG), None, 1),
)


@pytest.fixture
def server() -> Iterator[RawServer]:  # shadows conftest's `server`: this file needs raw sockets
    raw = RawServer()
    yield raw
    raw.close()


@pytest.fixture
def backoff(monkeypatch: pytest.MonkeyPatch) -> list[float]:
    """Retry delays, recorded and shortened to 10 ms (the real ones are 0.5 s, 1 s, ...)."""
    slept: list[float] = []

    def short(retries_taken: int) -> float:
        slept.append(0.01)
        return 0.01

    monkeypatch.setattr(_base_client, "_backoff", short)
    return slept


def _refused_url() -> str:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    return f"http://127.0.0.1:{port}"  # closed again: nothing listens there


class Clock:
    """How long the call itself took: the client is made before it and closed after it (making
    one loads the CA bundle, which a busy machine can take a second over)."""

    seconds = 0.0

    @contextlib.contextmanager
    def timing(self) -> Iterator[None]:
        started = time.monotonic()
        try:
            yield
        finally:
            self.seconds = time.monotonic() - started


def _call(mode: str, base_url: str, retries: int = RETRIES, timeout: float = TIMEOUT, clock: Clock | None = None) -> Any:
    # Strict: a body of the wrong shape raises (a lenient client returns it: tests/test_drift.py).
    timing = (clock or Clock()).timing
    settings: dict[str, Any] = {
        "api_key": "sk-test-key",
        "base_url": base_url,
        "timeout": timeout,
        "max_retries": retries,
        "strict_response_validation": True,
    }
    if mode == "sync":
        with vapi_calls.Vapi(**settings) as client, timing():
            return client.calls.list()

    async def run() -> Any:
        async with vapi_calls.AsyncVapi(**settings) as client:
            with timing():
                return await client.calls.list()

    return asyncio.run(run())


@pytest.mark.parametrize("mode", ["sync", "async"])
@pytest.mark.parametrize("fault", FAULTS, ids=lambda f: f.name)
def test_fault(fault: Fault, mode: str, server: RawServer, backoff: list[float]) -> None:
    if fault.make is None:
        base_url = _refused_url()
    else:
        server.behaviour = fault.make(server)
        base_url = server.url
    timeout = TIMEOUT if fault.timed else UNREACHED
    clock = Clock()
    if fault.expect is None:
        result = _call(mode, base_url, timeout=timeout, clock=clock)
        error = None
    else:
        with pytest.raises(fault.expect) as caught:
            _call(mode, base_url, timeout=timeout, clock=clock)
        error = caught.value
    elapsed = clock.seconds

    if fault.timed:  # every attempt ended by its timeout, long before the server's stall did
        assert elapsed <= TIMEOUT * (RETRIES + 1) + sum(backoff) + SLACK < STALL, f"the call took {elapsed:.2f} s"
    assert server.requests == fault.attempts
    if error is None:
        assert len(result) == 10_500 and isinstance(result[0], vapi_calls.types.Call)
        assert result[-1].id == "call_10499" and result[0].transcript == "x" * 900
        return
    assert isinstance(error, vapi_calls.VapiError) and isinstance(error, vapi_calls.APIError)
    assert type(error).__name__ in vapi_calls.__all__, "a documented, exported exception"
    assert fault.message in str(error), str(error)
    assert "sk-test-key" not in str(error) and "sk-secret-value" not in str(error)
    assert error.retries_taken == max(fault.attempts - 1, 0) or fault.attempts == 0
    if isinstance(error, vapi_calls.APIStatusError):
        assert error.status_code == 502 and isinstance(error.body, str) and "Bad Gateway" in error.body
    if isinstance(error, vapi_calls.APIResponseValidationError):
        assert error.status_code == 200


def test_no_call_outlives_its_timeouts_even_with_real_backoff(server: RawServer) -> None:
    """The bound with the real backoff (0.5 s, then 1 s, each less up to 25 %), once."""
    server.behaviour = stall_before_head(server)
    slept: list[float] = []
    real_backoff = _base_client._backoff

    def recorded(retries_taken: int) -> float:
        slept.append(real_backoff(retries_taken))
        return slept[-1]

    _base_client._backoff = recorded  # type: ignore[assignment]
    clock = Clock()
    try:
        with pytest.raises(vapi_calls.APITimeoutError):
            _call("sync", server.url, clock=clock)
        elapsed = clock.seconds
    finally:
        _base_client._backoff = real_backoff  # type: ignore[assignment]
    assert len(slept) == RETRIES and 0.375 <= slept[0] <= 0.5 and 0.75 <= slept[1] <= 1.0
    assert TIMEOUT * (RETRIES + 1) + sum(slept) - 0.1 <= elapsed <= TIMEOUT * (RETRIES + 1) + sum(slept) + SLACK


@pytest.mark.parametrize("flavour", ["sync", "async"])
def test_a_body_that_trickles_does_not_hold_a_call_forever(server: RawServer, flavour: str) -> None:
    """Each byte arrives within the read timeout, but the whole body never does: the
    attempt's deadline (the read timeout, for the whole attempt) ends it."""
    bound = TIMEOUT + SLACK  # one attempt

    def trickle(conn: socket.socket, _: int) -> None:
        conn.sendall(head("200 OK", {"Content-Type": "application/json", "Content-Length": "100000"}))
        stop = time.monotonic() + bound + 10.0  # then give up, so the test ends either way
        while time.monotonic() < stop and not server.released.wait(TIMEOUT / 3):
            conn.sendall(b" ")

    server.behaviour = trickle
    clock = Clock()
    with pytest.raises(vapi_calls.APIConnectionError):  # APITimeoutError is one
        _call(flavour, server.url, retries=0, clock=clock)
    elapsed = clock.seconds
    assert elapsed <= bound, f"the call took {elapsed:.2f} s"
