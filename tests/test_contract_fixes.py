"""What the contract test (tests/test_contract.py) found, each fixed at its root and held here
over real HTTP on 127.0.0.1, sync and async, with a client generated from a small spec:

- an optional request body left out is not sent at all (it was ``{}``, which lacks the body's
  required properties: Prism refused the todo fixture's ``PUT /todos/{id}``);
- an operation whose only response is ``default`` answers with ``default``'s media types and
  asks for them in ``Accept`` (it sent ``Accept: application/json`` for a ``text/plain``
  answer, and the server said 406); JSON of another media type is asked for by its name;
- a WebSocket endpoint (``101 Switching Protocols``) is skipped with a warning, not generated
  as a method that can never work;
- a success documented as a redirect (``307`` to a signed URL) is followed whatever
  ``http_client`` the caller passes, and returns the final answer as bytes; to another origin
  it carries no credential (no ``Authorization``, no API key header, no cookie, no key in the
  query), to the same origin it keeps them; a ``307`` resends the body, a ``303`` does not.
"""

from __future__ import annotations

import importlib
import inspect
import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from generator.output.writer import write_tree
from generator.pipeline import generate
from tests.conftest import Reply, ScriptedServer

pytestmark = pytest.mark.anyio

SPEC = """
openapi: 3.1.0
info: {title: Fixes API, version: "1"}
servers: [{url: https://api.example.com}]
security: [{bearer: []}]
components:
  securitySchemes:
    bearer: {type: http, scheme: bearer}
  schemas:
    Note:
      type: object
      required: [id, title]
      properties:
        id: {type: string}
        title: {type: string}
paths:
  /notes/{id}:
    put:
      operationId: replaceNote
      tags: [notes]
      parameters: [{name: id, in: path, required: true, schema: {type: string}}]
      requestBody:
        content:
          application/json:
            schema: {$ref: '#/components/schemas/Note'}
      responses:
        "204": {description: Replaced.}
  /status:
    get:
      operationId: getStatus
      tags: [status]
      responses:
        default:
          description: The status, as text.
          content:
            text/plain:
              schema: {type: string}
  /problem:
    get:
      operationId: getProblem
      tags: [status]
      responses:
        "200":
          description: A problem document.
          content:
            application/problem+json:
              schema: {type: object}
  /realtime:
    get:
      operationId: realtime
      tags: [status]
      responses:
        "101": {description: Switching Protocols to a WebSocket.}
  /files/{name}:
    get:
      operationId: downloadFile
      tags: [files]
      parameters: [{name: name, in: path, required: true, schema: {type: string}}]
      responses:
        "307":
          description: Redirect to a signed download URL.
          content:
            application/json:
              schema: {type: string}
        "404": {description: Not found.}
    post:
      operationId: uploadFile
      tags: [files]
      parameters: [{name: name, in: path, required: true, schema: {type: string}}]
      requestBody:
        required: true
        content:
          application/json:
            schema: {type: object, required: [data], properties: {data: {type: string}}}
      responses:
        "200":
          description: Stored.
          content:
            application/json:
              schema: {type: object}
"""


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Any, Any]]:
    folder = tmp_path_factory.mktemp("fixes")
    spec = folder / "openapi.yaml"
    spec.write_text(SPEC, encoding="utf-8")
    result = generate(spec)
    write_tree(folder / "out", result.files)
    sys.path.insert(0, str(folder / "out"))
    try:
        module = importlib.import_module("fixes_api")
        yield module, result
    finally:
        sys.path.remove(str(folder / "out"))
        for name in [n for n in sys.modules if n == "fixes_api" or n.startswith("fixes_api.")]:
            del sys.modules[name]


@pytest.fixture(params=[False, True], ids=["sync", "async"])
def is_async(request: pytest.FixtureRequest) -> bool:
    return bool(request.param)


def client_of(module: Any, is_async: bool, url: str, **options: Any) -> Any:
    cls = module.AsyncFixesApi if is_async else module.FixesApi
    return cls(api_key="sk-secret-123", base_url=url, max_retries=0, **options)


async def run(result: Any) -> Any:
    return await result if inspect.isawaitable(result) else result


async def test_an_optional_body_left_out_is_not_sent(generated: Any, is_async: bool, server: ScriptedServer) -> None:
    module, _ = generated
    server.reply(Reply(204), Reply(204))
    client = client_of(module, is_async, server.url)
    await run(client.notes.replace("n1"))
    await run(client.notes.replace("n1", title="T"))
    empty, given = server.requests
    assert empty.body == b"" and "content-type" not in empty.headers
    assert json.loads(given.body) == {"title": "T"}


async def test_a_default_only_answer_is_read_and_asked_for_by_its_media_type(
    generated: Any, is_async: bool, server: ScriptedServer
) -> None:
    module, _ = generated
    server.reply(Reply(200, "all good"), Reply(200, b'{"title": "x"}', {"Content-Type": "application/problem+json"}))
    client = client_of(module, is_async, server.url)
    assert await run(client.status.get()) == "all good"
    assert await run(client.status.get_problem()) == {"title": "x"}
    status, problem = server.requests
    assert status.headers["accept"] == "text/plain"
    assert problem.headers["accept"] == "application/problem+json"


def test_a_websocket_endpoint_is_skipped_with_a_warning(generated: Any) -> None:
    module, result = generated
    warnings = [w for w in result.api.warnings if w.pointer == "#/paths/~1realtime/get"]
    assert len(warnings) == 1 and "WebSocket" in warnings[0].message and warnings[0].skips_operation
    assert not hasattr(module.FixesApi(api_key="k").status, "realtime")


async def test_a_redirect_success_is_followed_and_credentials_stay_home(
    generated: Any, is_async: bool, server: ScriptedServer, tmp_path: Path
) -> None:
    module, _ = generated
    other = ScriptedServer()  # another port: another origin
    other.start()
    try:
        signed = f"{other.url}/bucket/report.csv?sig=abc"
        server.reply(Reply(307, b'"moved"', {"Location": signed, "Content-Type": "application/json"}))
        other.reply(Reply(200, b"a,b\n1,2\n", {"Content-Type": "text/csv"}))
        # The caller's own pool does not follow redirects: the client follows them itself.
        http = httpx.AsyncClient() if is_async else httpx.Client()
        client = client_of(
            module, is_async, server.url, http_client=http,
            default_headers={"X-Api-Key": "hdr-secret", "Cookie": "session=cookie-secret"},
            default_query={"api_key": "query-secret"},
        )
        answer = await run(client.files.download("report.csv"))
        assert answer.content == b"a,b\n1,2\n"
        (first,) = server.requests
        assert first.headers["authorization"] == "Bearer sk-secret-123" and first.headers["x-api-key"] == "hdr-secret"
        (hop,) = other.requests
        assert hop.path == "/bucket/report.csv" and hop.params == {"sig": ["abc"]}
        sent = json.dumps(hop.headers) + hop.query
        for secret in ("sk-secret-123", "hdr-secret", "cookie-secret", "query-secret"):
            assert secret not in sent, f"{secret} went to another origin"
        assert hop.headers["accept"] == "*/*"
        await run(http.aclose() if is_async else http.close())
    finally:
        other.stop()


async def test_a_redirect_to_the_same_origin_keeps_credentials_and_a_307_keeps_the_body(
    generated: Any, is_async: bool, server: ScriptedServer
) -> None:
    module, _ = generated
    server.reply(
        Reply(307, b"", {"Location": "/files/moved"}),
        Reply(200, {"ok": True}),
        Reply(303, b"", {"Location": "/files/done"}),
        Reply(200, {"ok": 2}),
    )
    client = client_of(module, is_async, server.url)
    assert await run(client.files.upload("a", data="x")) == {"ok": True}
    assert await run(client.files.upload("b", data="y")) == {"ok": 2}
    first, kept, second, after_303 = server.requests
    assert (kept.method, kept.path, json.loads(kept.body)) == ("POST", "/files/moved", {"data": "x"})
    assert kept.headers["authorization"] == "Bearer sk-secret-123"
    assert (after_303.method, after_303.path, after_303.body) == ("GET", "/files/done", b"")
    assert "content-type" not in after_303.headers


SPEC_30 = """
openapi: 3.0.3
info: {title: Nullable API, version: "1"}
paths:
  /things/{id}:
    get:
      operationId: getThing
      tags: [things]
      parameters: [{name: id, in: path, required: true, schema: {type: string}}]
      responses:
        "200":
          description: A thing.
          content:
            application/json:
              schema: {$ref: '#/components/schemas/Thing'}
components:
  schemas:
    Thing:
      type: object
      required: [id, born, note]
      properties:
        id: {type: string}
        born: {type: string, format: date, nullable: true}
        note: {type: string, nullable: true}
        size: {type: integer, default: 1}
"""


async def test_a_required_nullable_property_of_openapi_30_takes_null(
    is_async: bool, server: ScriptedServer, tmp_path: Path
) -> None:
    """``nullable: true`` on a required property (OpenAPI 3.0) is ``T | None``: the strict client
    parsed ``null`` as an error (datamodel-code-generator without ``strict_nullable`` types it ``T``)."""
    spec = tmp_path / "openapi.yaml"
    spec.write_text(SPEC_30, encoding="utf-8")
    write_tree(tmp_path / "out", generate(spec).files)
    sys.path.insert(0, str(tmp_path / "out"))
    try:
        module = importlib.import_module("nullable_api")
        cls = module.AsyncNullableApi if is_async else module.NullableApi
        server.json({"id": "t1", "born": None, "note": None})
        client = cls(base_url=server.url, strict_response_validation=True)
        thing = await run(client.things.get("t1"))
        assert (thing.born, thing.note, thing.size) == (None, None, 1)
    finally:
        sys.path.remove(str(tmp_path / "out"))
        for name in [n for n in sys.modules if n == "nullable_api" or n.startswith("nullable_api.")]:
            del sys.modules[name]


SPEC_NAMES = """
openapi: 3.1.0
info: {title: Names API, version: "1"}
paths:
  /items:
    get:
      operationId: listItems
      tags: [items]
      x-pagination: {style: time-cursor, pageSizeParameter: limit, cursorParameter: before, cursorField: created}
      parameters:
        - {name: limit, in: query, schema: {type: integer}}
        - {name: before, in: query, schema: {type: string, format: date-time}}
      responses:
        "200":
          description: A page.
          content:
            application/json:
              schema: {type: array, items: {$ref: '#/components/schemas/Item'}}
  /items/all:
    get:
      operationId: listAllItems
      tags: [items]
      responses:
        "200": {description: Everything., content: {application/json: {schema: {type: object}}}}
  /items/streaming:
    get:
      operationId: withStreamingResponse
      tags: [items]
      responses:
        "204": {description: A name every resource already has.}
components:
  schemas:
    Item:
      type: object
      required: [id, created]
      properties:
        id: {type: string}
        created: {type: string, format: date-time}
"""


def test_no_operation_vanishes_behind_another_name(tmp_path: Path) -> None:
    """A method named like a paginated method's ``_all`` iterator (or like ``with_streaming_response``)
    was a second ``def`` of that name, silently replacing the first: now the plain method keeps
    its name and the iterator is left out, and ``with_streaming_response`` is renamed, each with
    a warning."""
    spec = tmp_path / "openapi.yaml"
    spec.write_text(SPEC_NAMES, encoding="utf-8")
    result = generate(spec)
    (items,) = result.api.resources
    names = [op.name for op in items.operations]
    assert names[:2] == ["list", "list_all"] and len(names) == 3
    assert "with_streaming_response" not in names
    assert items.operations[0].pagination is None  # its iterator's name is list_all's
    messages = [w.message for w in result.api.warnings]
    assert any("`list_all` is another method; no iterator" in m for m in messages)
    assert any("'with_streaming_response' is a keyword or a resource attribute" in m for m in messages)
    source = result.files["names_api/resources/items.py"].decode()
    sync_class = source[source.index("class Items:") : source.index("class ItemsWithRawResponse")]
    for name in names:
        assert sync_class.count(f"    def {name}(") == 1, name
