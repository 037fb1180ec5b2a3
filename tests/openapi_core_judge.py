"""A second independent judge for the contract test: an HTTP server on 127.0.0.1 that checks
each request against the spec with openapi-core and answers as the spec documents.

Prism inlines every ``$ref`` before it answers, and some specs never finish loading (the whole
Vapi spec: ``POST /call`` expands to ~1e8 nodes; stoplightio/prism#1479). openapi-core (the
python-openapi project) resolves ``$ref`` lazily, so it loads such a spec in about a second. This
module is the server; it runs in its own virtual environment (tests/judges.py builds it from
tests/openapi_core_judge.requirements.txt: openapi-core cannot be installed beside the
generator's pinned openapi-spec-validator) as ``python -m tests.openapi_core_judge SPEC PORT``.

For each request:

- openapi-core validates it against the spec (path and method, every parameter, the body and its
  media type, security: the credential present where its scheme says). Any problem: a 422 with
  the problems in the ``x-judge-violations`` header, in the shape of Prism's ``sl-violations``
  (``[{"location": ["request", ...], "message": ..., "severity": "Error"}]``), so the contract
  test reads both judges the same way.
- Else the answer is the operation's documented success (its lowest 2xx, else ``2XX``, else
  ``default``, else its lowest 3xx), in the first of its media types the request's ``Accept``
  allows (none: 406 with a violation), with a body built from the response schema by
  tests/contract_values.ValueBuilder, and the response's required headers. That answer is
  checked by openapi-core's response validation before it leaves: a problem is reported in the
  same header with location ``["response", ...]`` (so a wrong answer is never taken as the
  client's fault).
- A response no value can be built for: a 500 problem of type ``JUDGE_ERRORS + "NO_ANSWER"``.
"""

from __future__ import annotations

import json
import sys
import traceback
from collections.abc import Iterable
from http.cookies import SimpleCookie
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, unquote, urlencode, urlsplit

from openapi_core import Config, OpenAPI
from openapi_core.datatypes import RequestParameters
from openapi_core.templating.paths.finders import APICallPathFinder
from werkzeug.datastructures import Headers, ImmutableMultiDict

from tests.contract_values import NoValue, ValueBuilder
from tests.judge_protocol import JUDGE_ERRORS, VIOLATIONS_HEADER

_METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")


class _Request:
    """One HTTP request as openapi-core's ``Request`` protocol reads it."""

    def __init__(self, host_url: str, method: str, target: str, headers: list[tuple[str, str]], body: bytes) -> None:
        split = urlsplit(target)
        self.host_url = host_url
        self.path = unquote(split.path)
        self.method = method.lower()
        self.body = body
        header = Headers(headers)
        self.content_type = header.get("Content-Type", "")
        cookies = SimpleCookie()
        for raw in header.getlist("Cookie"):
            cookies.load(raw)
        self.parameters = RequestParameters(
            query=ImmutableMultiDict(parse_qsl(split.query, keep_blank_values=True)),
            header=header,
            cookie=ImmutableMultiDict([(k, m.value) for k, m in cookies.items()]),
        )


class _Response:
    """An answer as openapi-core's ``Response`` protocol reads it."""

    def __init__(self, status: int, content_type: str, headers: dict[str, str], data: bytes) -> None:
        self.status_code, self.content_type, self.data = status, content_type, data
        self.headers = Headers({**headers, **({"Content-Type": content_type} if content_type else {})})


class Judge:
    """The spec, read once: openapi-core's view of it (servers pointed at this judge) and the raw
    document the answers are built from."""

    def __init__(self, document: dict[str, Any], base_url: str) -> None:
        self.document, self.base_url = document, base_url
        config = Config(spec_validator_cls=None, extra_media_type_deserializers=_deserializers(document))
        self.api = OpenAPI.from_dict(_served_at(document, base_url), config=config)
        self.finder = APICallPathFinder(self.api.spec)
        self.builder = ValueBuilder(document)

    def answer(self, request: _Request) -> tuple[int, dict[str, str], bytes]:
        problems = [_problem(error) for error in self.api.iter_request_errors(request)]
        if problems:
            return 422, {VIOLATIONS_HEADER: json.dumps(problems)}, b'{"title": "the request breaks the spec"}'
        found = self.finder.find(request.method, self.base_url + request.path)
        template = found.path.parts[-1]
        operation = self.document["paths"][template][request.method]
        try:
            status, content_type, headers, data = self._success(operation, request.parameters.header.get("Accept"))
        except _NotAcceptable as exc:
            violation = {"location": ["request", "header", "accept"], "message": str(exc), "severity": "Error"}
            return 406, {VIOLATIONS_HEADER: json.dumps([violation])}, b""
        except NoValue as exc:
            body = {"type": JUDGE_ERRORS + "NO_ANSWER", "title": "no answer could be built", "detail": str(exc)}
            return 500, {"Content-Type": "application/problem+json"}, json.dumps(body).encode()
        response = _Response(status, content_type, headers, data)
        own = [_problem(error, "response") for error in self.api.iter_response_errors(request, response)]
        out = dict(headers)
        if content_type:
            out["Content-Type"] = content_type
        if own:
            out[VIOLATIONS_HEADER] = json.dumps(own)
        return status, out, data

    def _success(self, operation: dict[str, Any], accept: str | None) -> tuple[int, str, dict[str, str], bytes]:
        responses = self.builder.resolve(operation.get("responses")) or {}
        code, status = _documented_success(responses)
        response = self.builder.resolve(responses[code]) if code is not None else {}
        headers = self._headers(response)
        content = response.get("content") or {}
        if not content:
            return status, "", headers, b""
        media_type = _negotiate(list(content), accept)
        if media_type is None:
            raise _NotAcceptable(f"Accept {accept!r} allows none of the documented media types {sorted(content)}")
        media = self.builder.resolve(content[media_type]) or {}
        schema = media.get("schema")
        value = self._example(media) if schema is None else self._value(media, schema)
        return status, media_type, headers, _serialize(media_type, value, schema, self.builder)

    def _value(self, media: dict[str, Any], schema: Any) -> Any:
        for candidate in _examples(media, self.builder):
            if self.builder.is_valid(schema, candidate):
                return candidate
        return self.builder.value(schema, for_request=False)

    def _example(self, media: dict[str, Any]) -> Any:
        return next(iter(_examples(media, self.builder)), None)

    def _headers(self, response: dict[str, Any]) -> dict[str, str]:
        out: dict[str, str] = {}
        for name, header in (response.get("headers") or {}).items():
            header = self.builder.resolve(header) or {}
            if not header.get("required") or name.lower() == "content-type":
                continue
            value = self.builder.value(header.get("schema") or {"type": "string"}, for_request=False)
            out[name] = ",".join(map(_scalar, value)) if isinstance(value, list) else _scalar(value)
        return out


class _NotAcceptable(Exception):
    pass


def _served_at(document: dict[str, Any], base_url: str) -> dict[str, Any]:
    """The document with every ``servers`` (root, path item, operation) replaced by this judge's
    own URL: the client is pointed here with ``base_url``, which overrides them all."""
    paths = {}
    for path, item in (document.get("paths") or {}).items():
        if isinstance(item, dict):
            item = {k: ({kk: vv for kk, vv in v.items() if kk != "servers"} if k in _METHODS and isinstance(v, dict) else v)
                    for k, v in item.items() if k != "servers"}
        paths[path] = item
    return {**document, "servers": [{"url": base_url}], "paths": paths}


def _documented_success(responses: dict[str, Any]) -> tuple[str | None, int]:
    """The response a valid request gets, and its status: the lowest 2xx, else ``2XX``, else
    ``default`` (as 200), else the lowest 3xx, else the lowest code documented."""
    codes = [str(c) for c in responses]
    exact = sorted(c for c in codes if c.isdigit())
    successes = [c for c in exact if c.startswith("2")]
    if successes:
        return successes[0], int(successes[0])
    if "2XX" in codes or "2xx" in codes:
        return ("2XX" if "2XX" in codes else "2xx"), 200
    if "default" in codes:
        return "default", 200
    redirects = [c for c in exact if c.startswith("3")]
    if redirects:
        return redirects[0], int(redirects[0])
    return (exact[0], int(exact[0])) if exact else (None, 204)


def _negotiate(media_types: list[str], accept: str | None) -> str | None:
    """The first documented media type (in spec order) one of ``accept``'s ranges allows."""
    ranges = []
    for part in (accept or "*/*").split(","):
        kind, _, params = part.strip().partition(";")
        quality = next((p.strip()[2:] for p in params.split(";") if p.strip().startswith("q=")), "1")
        try:
            if float(quality) <= 0:
                continue
        except ValueError:
            pass
        ranges.append(kind.strip().lower())
    for media_type in media_types:
        base = media_type.split(";")[0].strip().lower()
        major = base.split("/")[0]
        if any(r in ("*/*", "*", base, f"{major}/*") for r in ranges):
            return media_type
    return None


def _examples(media: dict[str, Any], builder: ValueBuilder) -> Iterable[Any]:
    if "example" in media:
        yield media["example"]
    for example in (media.get("examples") or {}).values():
        example = builder.resolve(example)
        if isinstance(example, dict) and "value" in example:
            yield example["value"]


def _scalar(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return value if isinstance(value, str) else json.dumps(value)


def _event(value: Any) -> bytes:
    """One server-sent event. A schema of an event stream describes each event: an object of the
    event's fields (``event`` and ``data``, maybe ``id``, ``retry``; ``data`` as JSON when it is not
    text) is written as those fields, any other value as the event's ``data``."""
    if isinstance(value, dict) and "data" in value and set(value) <= _EVENT_FIELDS and len(value) > 1:
        lines = [f"{key}: {value[key]}" for key in ("event", "id", "retry") if key in value]
        lines.append(f"data: {_scalar(value['data'])}")
    else:
        lines = [f"data: {_scalar(value)}"]
    return ("\n".join(lines) + "\n\n").encode()


_EVENT_FIELDS = {"event", "data", "id", "retry"}
_BINARY = ("application/octet-stream", "image/", "audio/", "video/", "application/pdf", "application/zip", "font/")


def _deserializers(document: dict[str, Any]) -> dict[str, Any]:
    """How openapi-core reads each media type the spec names. It reads JSON only as
    ``application/json`` (and ``application/vnd.api+json``), text only as ``text/plain`` and
    ``text/html``, and everything else as bytes, which no string or object schema accepts: so a
    ``+json`` or ``*/json`` type is read as JSON, an event stream as its events, and any other
    type that is not a binary family as UTF-8 text."""
    found: dict[str, Any] = {}
    for media_type in set(_media_types(document)):
        base = media_type.split(";")[0].strip().lower()
        if base in ("application/json", "multipart/form-data", "application/x-www-form-urlencoded") or base.endswith("/xml"):
            continue
        if base.endswith("+json") or base.split("/")[-1] == "json":
            found[base] = _read_json
        elif base == "text/event-stream":
            found[base] = _read_event
        elif not base.startswith(_BINARY):
            found[base] = _read_text
    return found


def _media_types(node: Any) -> Iterable[str]:
    if isinstance(node, dict):
        content = node.get("content")
        if isinstance(content, dict):
            yield from (k for k in content if isinstance(k, str))
        for value in node.values():
            yield from _media_types(value)
    elif isinstance(node, list):
        for value in node:
            yield from _media_types(value)


def _read_json(value: bytes, **parameters: str) -> Any:
    return json.loads(value)


def _read_text(value: bytes, **parameters: str) -> Any:
    try:
        return value.decode(parameters.get("charset", "utf-8"))
    except (UnicodeDecodeError, LookupError):
        return value


def _read_event(value: bytes, **parameters: str) -> Any:
    """An event stream as openapi-core checks it (it reads no event streams itself): the first
    event, read back as :func:`_event` wrote it (its fields, or its data alone), ``data`` decoded
    from JSON when it is JSON."""
    fields: dict[str, Any] = {}
    for line in value.decode("utf-8").split("\n\n", 1)[0].splitlines():
        key, _, text = line.partition(":")
        fields[key] = text[1:] if text.startswith(" ") else text
    if "data" in fields:
        try:
            fields["data"] = json.loads(fields["data"])
        except ValueError:
            pass
    return fields if len(fields) > 1 else fields.get("data")


def _serialize(media_type: str, value: Any, schema: Any, builder: ValueBuilder) -> bytes:
    base = media_type.split(";")[0].strip().lower()
    if base == "application/json" or base.endswith("+json") or "json" in base.split("/")[-1]:
        return json.dumps(value).encode()
    if base == "text/event-stream":
        return b"".join(_event(event) for event in (value if isinstance(value, list) else [value]))
    if base == "application/x-www-form-urlencoded" and isinstance(value, dict):
        return urlencode({k: _scalar(v) for k, v in value.items()}).encode()
    resolved = builder.resolve(schema) if isinstance(schema, dict) else None
    if isinstance(resolved, dict) and resolved.get("format") == "binary" or value is None and base.startswith(_BINARY):
        return b"judge-bytes"  # any bytes are a valid file
    return value.encode() if isinstance(value, str) else _scalar(value).encode()


def _problem(error: Exception, side: str = "request") -> dict[str, Any]:
    """One openapi-core error as a violation (what it is, where, and the schema's own words)."""
    name = type(error).__name__
    location = [side]
    spec = getattr(error, "name", None)
    where = getattr(error, "location", None)
    if where and spec:
        location += [str(where), str(spec)]
    elif "Body" in name or "MediaType" in name or "Data" in name:
        location.append("body")
    elif "Security" in name:
        location.append("security")
    elif "Path" in name or "Operation" in name or "Server" in name:
        location.append("path")
    elif "Header" in name:
        location.append("header")
    message = f"{name}: {error}"
    cause = error.__cause__
    details = getattr(cause, "schema_errors", None)
    if details:
        message += " -- " + "; ".join(
            f"{'.'.join(map(str, getattr(e, 'absolute_path', []) or [])) or '(root)'}: {getattr(e, 'message', e)}"
            for e in list(details)[:5]
        )
    elif cause is not None:
        message += f" -- {type(cause).__name__}: {cause}"
    return {"location": location, "message": message[:2000], "severity": "Error"}


def _handler(judge: Judge) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def _any(self) -> None:
            body = self._body()
            request = _Request(judge.base_url, self.command, self.path, list(self.headers.items()), body)
            try:
                status, headers, data = judge.answer(request)
            except Exception as exc:  # noqa: BLE001 - the judge's own fault, reported, never a hang
                problem = {"type": JUDGE_ERRORS + "JUDGE_FAILED", "title": "the judge failed", "detail": f"{type(exc).__name__}: {exc}"}
                traceback.print_exc()
                status, headers, data = 500, {"Content-Type": "application/problem+json"}, json.dumps(problem).encode()
            self.send_response(status)
            for key, value in headers.items():
                self.send_header(key, value)
            if self.command != "HEAD":
                self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(data)

        def _body(self) -> bytes:
            if "chunked" in self.headers.get("Transfer-Encoding", "").lower():
                chunks = []
                while True:
                    size = int(self.rfile.readline().split(b";")[0].strip() or b"0", 16)
                    if size == 0:
                        while self.rfile.readline() not in (b"\r\n", b"\n", b""):
                            pass
                        return b"".join(chunks)
                    chunks.append(self.rfile.read(size))
                    self.rfile.readline()
            length = int(self.headers.get("Content-Length") or 0)
            return self.rfile.read(length) if length else b""

        do_GET = do_PUT = do_POST = do_DELETE = do_OPTIONS = do_HEAD = do_PATCH = do_TRACE = _any

        def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - the base class's name
            # the path only: a query may carry a credential
            sys.stderr.write(f"{self.command} {urlsplit(self.path).path} -> {args[1] if len(args) > 1 else ''}\n")

    return Handler


def main(argv: list[str]) -> None:
    spec, port = Path(argv[0]), int(argv[1])
    judge = Judge(json.loads(spec.read_text(encoding="utf-8")), f"http://127.0.0.1:{port}")
    server = ThreadingHTTPServer(("127.0.0.1", port), _handler(judge))
    sys.stderr.write(f"judging {spec} on 127.0.0.1:{port}\n")
    sys.stderr.flush()
    server.serve_forever()


if __name__ == "__main__":
    main(sys.argv[1:])
