"""Decoding what a client sent, with real parsers: python-multipart's streaming multipart parser
(RFC 7578) and the standard library's form/query decoder. Used by the tests of request formats.
"""

from __future__ import annotations

import hashlib
import json
import threading
from collections.abc import Iterable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from python_multipart import MultipartParser
from python_multipart.multipart import parse_options_header


@dataclass
class Part:
    """One part of a multipart body, as the parser saw it."""

    name: str
    filename: str | None
    content_type: str | None
    data: bytes = b""
    size: int = 0
    sha256: str = ""
    headers: dict[str, str] = field(default_factory=dict)


class MultipartDecoder:
    """Feeds bytes to python-multipart as they arrive; keeps each part's data (``keep_data``)
    or only its size and SHA-256 (for large uploads)."""

    def __init__(self, content_type: str, keep_data: bool = True) -> None:
        kind, options = parse_options_header(content_type)
        if kind != b"multipart/form-data" or b"boundary" not in options:
            raise AssertionError(f"not a multipart/form-data content type: {content_type!r}")
        self.parts: list[Part] = []
        self._keep = keep_data
        self._header_name = b""
        self._header_value = b""
        self._headers: dict[str, str] = {}
        self._hash: Any = None

        def on_part_begin() -> None:
            self._headers = {}
            self._hash = hashlib.sha256()

        def on_header_field(data: bytes, start: int, end: int) -> None:
            self._header_name += data[start:end]

        def on_header_value(data: bytes, start: int, end: int) -> None:
            self._header_value += data[start:end]

        def on_header_end() -> None:
            self._headers[self._header_name.decode("latin-1").lower()] = self._header_value.decode("utf-8")
            self._header_name = self._header_value = b""

        def on_headers_finished() -> None:
            _, params = parse_options_header(self._headers.get("content-disposition", ""))
            filename = params.get(b"filename")
            self.parts.append(
                Part(
                    name=params[b"name"].decode("utf-8"),
                    filename=None if filename is None else filename.decode("utf-8"),
                    content_type=self._headers.get("content-type"),
                    headers=dict(self._headers),
                )
            )

        def on_part_data(data: bytes, start: int, end: int) -> None:
            chunk = data[start:end]
            part = self.parts[-1]
            part.size += len(chunk)
            self._hash.update(chunk)
            if self._keep:
                part.data += chunk

        def on_part_end() -> None:
            self.parts[-1].sha256 = self._hash.hexdigest()

        self._parser = MultipartParser(
            options[b"boundary"],
            {
                "on_part_begin": on_part_begin,
                "on_header_field": on_header_field,
                "on_header_value": on_header_value,
                "on_header_end": on_header_end,
                "on_headers_finished": on_headers_finished,
                "on_part_data": on_part_data,
                "on_part_end": on_part_end,
            },
        )

    def feed(self, chunk: bytes) -> None:
        self._parser.write(chunk)

    def finish(self) -> list[Part]:
        self._parser.finalize()
        return self.parts


def parse_multipart(content_type: str, body: bytes | Iterable[bytes]) -> list[Part]:
    decoder = MultipartDecoder(content_type)
    for chunk in [body] if isinstance(body, bytes) else body:
        decoder.feed(chunk)
    return decoder.finish()


class StreamingUploadServer:
    """An HTTP server on 127.0.0.1 that decodes each multipart upload while it arrives, keeping
    only sizes and hashes, so the test process holds no copy of a large upload."""

    def __init__(self) -> None:
        self.uploads: list[list[Part]] = []
        outer = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_POST(self) -> None:
                decoder = MultipartDecoder(self.headers["Content-Type"], keep_data=False)
                remaining = int(self.headers["Content-Length"])
                while remaining:
                    chunk = self.rfile.read(min(remaining, 256 * 1024))
                    if not chunk:
                        break
                    decoder.feed(chunk)
                    remaining -= len(chunk)
                outer.uploads.append(decoder.finish())
                body = json.dumps({"ok": True, "id": "upload"}).encode()
                self.send_response(201)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, format: str, *args: Any) -> None:
                pass

        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._httpd.daemon_threads = True
        self._thread = threading.Thread(target=self._httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)

    @property
    def url(self) -> str:
        host, port = self._httpd.server_address[:2]
        return f"http://{host}:{port}"

    def __enter__(self) -> StreamingUploadServer:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()
        self._thread.join(timeout=5)
