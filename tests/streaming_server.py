"""A server on 127.0.0.1 that writes responses piece by piece, for downloads and event streams.

Each route is a function of the request that returns a :class:`Streamed` answer: a status,
headers and an iterable of byte chunks, sent with ``Transfer-Encoding: chunked``, each chunk
flushed on its own (Nagle off) after ``pause`` seconds, so the client really receives the
pieces one by one. A chunk may be a callable: it is called (to wait for the test, say) and
sends nothing. ``disconnected`` is set when the client hung up before the answer was done.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import urlsplit


@dataclass
class Streamed:
    status: int = 200
    chunks: Iterable[bytes | Callable[[], None]] = ()
    headers: dict[str, str] = field(default_factory=dict)
    pause: float = 0.0


@dataclass
class Seen:
    method: str
    path: str
    headers: dict[str, str]
    body: bytes


class StreamingServer:
    def __init__(self) -> None:
        self.routes: dict[str, Callable[[Seen], Streamed]] = {}
        self.requests: list[Seen] = []
        self.disconnected = threading.Event()
        self.finished = threading.Event()
        self._httpd = _Server(("127.0.0.1", 0), _Handler)
        self._httpd.owner = self
        self._thread = threading.Thread(target=self._httpd.serve_forever, kwargs={"poll_interval": 0.01}, daemon=True)
        self._thread.start()

    @property
    def url(self) -> str:
        host, port = self._httpd.server_address[:2]
        return f"http://{host}:{port}"

    def route(self, path: str, answer: Callable[[Seen], Streamed] | Streamed) -> None:
        self.routes[path] = answer if callable(answer) else (lambda _seen, a=answer: a)

    def stop(self) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()
        self._thread.join(timeout=5)


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    owner: StreamingServer

    def handle_error(self, request: Any, client_address: Any) -> None:
        pass


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True
    server: _Server

    def _handle(self) -> None:
        owner = self.server.owner
        length = int(self.headers.get("Content-Length") or 0)
        seen = Seen(self.command, urlsplit(self.path).path, {k.lower(): v for k, v in self.headers.items()},
                    self.rfile.read(length) if length else b"")
        owner.requests.append(seen)
        route = owner.routes.get(seen.path)
        answer = route(seen) if route else Streamed(404, [b'{"message": "no route"}'], {"Content-Type": "application/json"})
        self.send_response(answer.status)
        for name, value in answer.headers.items():
            self.send_header(name, value)
        self.send_header("Transfer-Encoding", "chunked")
        self.end_headers()
        self.wfile.flush()
        try:
            for chunk in answer.chunks:
                if callable(chunk):
                    chunk()
                    continue
                if answer.pause:
                    time.sleep(answer.pause)
                if chunk:
                    self.wfile.write(b"%x\r\n%s\r\n" % (len(chunk), chunk))
                    self.wfile.flush()
            self.wfile.write(b"0\r\n\r\n")
            self.wfile.flush()
            owner.finished.set()
        except (BrokenPipeError, ConnectionResetError):
            owner.disconnected.set()
            self.close_connection = True

    do_GET = do_POST = _handle

    def log_message(self, format: str, *args: Any) -> None:
        pass
