"""Every request format, over real HTTP on 127.0.0.1, sync and async: the golden client of
tests/fixtures/wire sends forms, multipart uploads, text and binary bodies and parameters of
every style, and the server decodes them with real parsers (the standard library's form
decoder, python-multipart) and checks the exact values.
"""

from __future__ import annotations

import hashlib
import inspect
import io
import json
import os
import subprocess
import sys
import textwrap
import uuid
from datetime import date, datetime, timedelta, timezone
from http.cookies import SimpleCookie
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, unquote

import pytest

from tests.conftest import ScriptedServer
from tests.wire_servers import StreamingUploadServer, parse_multipart

GOLDEN = Path(__file__).resolve().parent / "fixtures" / "wire" / "expected"
if str(GOLDEN) not in sys.path:
    sys.path.insert(0, str(GOLDEN))

import wire_formats  # noqa: E402
import wire_formats.types  # noqa: E402

pytestmark = pytest.mark.anyio
ECHO = {"ok": True, "id": "x1"}


@pytest.fixture(params=[False, True], ids=["sync", "async"])
def client(request: pytest.FixtureRequest, server: ScriptedServer) -> Any:
    cls = wire_formats.AsyncWireFormats if request.param else wire_formats.WireFormats
    return cls(api_key="wk-secret", base_url=server.url)


async def run(result: Any) -> Any:
    return await result if inspect.isawaitable(result) else result


def form_pairs(body: bytes) -> list[tuple[str, str]]:
    return parse_qsl(body.decode("ascii"), keep_blank_values=True, strict_parsing=True)


# -- forms ---------------------------------------------------------------------------------------


async def test_form_body_uses_the_bracket_convention_and_each_fields_encoding(server: ScriptedServer, client: Any) -> None:
    server.json(ECHO)
    echo = await run(
        client.charges.create(
            amount=2000,
            currency="usd",
            capture=False,
            description="Tea & cake, 50% off",
            capture_before=datetime(2024, 5, 1, 12, 30, tzinfo=timezone(timedelta(hours=2))),
            metadata={"order_id": "6735", "note": "a=b&c"},
            items=[{"price": "p_1", "quantity": 2}, {"price": "p_2"}],
            expand=["customer", "invoice.subscription"],
            tags=["x,y", "z"],
            purpose=wire_formats.types.Purpose.FINE_TUNE,
            shipping={"name": "Ann", "city": "Zürich"},
        )
    )
    assert echo.ok is True
    sent = server.requests[0]
    assert sent.headers["content-type"] == "application/x-www-form-urlencoded"
    assert form_pairs(sent.body) == [
        ("amount", "2000"),
        ("currency", "usd"),
        ("capture", "false"),
        ("description", "Tea & cake, 50% off"),
        ("capture_before", "2024-05-01T12:30:00+02:00"),
        ("metadata[order_id]", "6735"),
        ("metadata[note]", "a=b&c"),
        ("items[0][price]", "p_1"),
        ("items[0][quantity]", "2"),
        ("items[1][price]", "p_2"),
        ("expand[]", "customer"),
        ("expand[]", "invoice.subscription"),
        ("tags", "x,y,z"),
        ("purpose", "fine-tune"),
        ("shipping", '{"name":"Ann","city":"Zürich"}'),
    ]
    # The form serializer escapes commas, the joining one too (Prism rejects a raw one).
    assert b"&tags=x%2Cy%2Cz&" in sent.body


async def test_form_body_leaves_out_arguments_not_given(server: ScriptedServer, client: Any) -> None:
    server.json(ECHO)
    await run(client.charges.create(amount=1, currency="eur", capture=True))
    assert form_pairs(server.requests[0].body) == [("amount", "1"), ("currency", "eur"), ("capture", "true")]


# -- parameters ----------------------------------------------------------------------------------


async def test_parameters_of_every_style(server: ScriptedServer, client: Any) -> None:
    server.json(ECHO)
    await run(
        client.search.search(
            ids=[1, 2],
            tags=["a,b", "c"],
            words=["big", "red"],
            codes=["x|y", "z"],
            filter={"status": "open", "created": {"gt": 5, "lte": 9}},
            where={"name": "Ann & Bo", "age": 30},
            q="a b+c/é?#",
            active=False,
            since=datetime(2024, 1, 2, 3, 4, 5),
            x_trace_ids=["t1", "t2"],
            session="s 1;x",
        )
    )
    sent = server.requests[0]
    assert parse_qsl(sent.query, keep_blank_values=True, strict_parsing=True) == [
        ("ids", "1"),
        ("ids", "2"),
        ("tags", "a,b,c"),
        ("words", "big red"),
        ("codes", "x|y|z"),
        ("filter[status]", "open"),
        ("filter[created][gt]", "5"),
        ("filter[created][lte]", "9"),
        ("where", '{"name":"Ann & Bo","age":30}'),
        ("q", "a b+c/é?#"),
        ("active", "false"),
        ("since", "2024-01-02T03:04:05Z"),
    ]
    raw = sent.query.split("&")
    # Delimiters stay delimiters, the same character inside a value is escaped.
    assert "tags=a%2Cb,c" in raw and "words=big%20red" in raw and "codes=x%7Cy%7Cz" in raw
    assert json.loads(dict(parse_qsl(sent.query))["where"]) == {"name": "Ann & Bo", "age": 30}
    assert sent.headers["x-trace-ids"] == "t1,t2"
    cookie = SimpleCookie(sent.headers["cookie"])
    assert unquote(cookie["session"].value) == "s 1;x"


async def test_parameters_left_out_are_not_sent(server: ScriptedServer, client: Any) -> None:
    server.json(ECHO)
    await run(client.search.search(filter={"status": "open"}))
    sent = server.requests[0]
    assert sent.query == "filter%5Bstatus%5D=open"
    assert "cookie" not in sent.headers and "x-trace-ids" not in sent.headers


async def test_parameters_declared_with_content_are_sent_as_json_in_every_location(server: ScriptedServer, client: Any) -> None:
    server.json(ECHO)
    await run(
        client.params.lookup(
            {"kind": "a/b c", "n": 1},
            opts=[1, 2],
            note="plain text, as is",
            x_context={"kind": "Zürich"},
            prefs={"kind": "p; q"},
        )
    )
    sent = server.requests[0]
    # The path segment is the JSON text, percent-encoded whole: no slash or space survives.
    assert sent.path == "/lookup/%7B%22kind%22%3A%22a%2Fb%20c%22%2C%22n%22%3A1%7D"
    assert json.loads(unquote(sent.path.removeprefix("/lookup/"))) == {"kind": "a/b c", "n": 1}
    assert parse_qsl(sent.query, strict_parsing=True) == [("opts", "[1,2]"), ("note", "plain text, as is")]
    # A header holds ASCII: the JSON escapes what is not.
    assert sent.headers["x-context"] == '{"kind":"Z\\u00fcrich"}'
    assert json.loads(sent.headers["x-context"]) == {"kind": "Zürich"}
    cookie = SimpleCookie(sent.headers["cookie"])
    assert json.loads(unquote(cookie["prefs"].value)) == {"kind": "p; q"}


async def test_nullable_union_parameters_are_plain_arguments_sent_as_scalars(server: ScriptedServer, client: Any) -> None:
    server.json(ECHO)
    request_id = uuid.UUID("12345678-1234-5678-1234-567812345678")
    await run(
        client.params.list_optional(
            limit=10,
            q="tea",
            color="green",
            since=datetime(2024, 1, 2, 3, 4, 5, tzinfo=timezone.utc),
            ids=[1, 2],
            flag=False,
            shade=wire_formats.types.ListOptionalShade.DARK,
            ref=7,
            x_request_id=request_id,  # a UUID or its text (`format: uuid`)
            theme="dark",
            page=2,  # a $ref to a constrained integer: an int, not the model's RootModel
            pages=[3, 4],
        )
    )
    sent = server.requests[0]
    assert parse_qsl(sent.query, strict_parsing=True) == [
        ("q", "tea"),
        ("limit", "10"),
        ("color", "green"),
        ("since", "2024-01-02T03:04:05Z"),
        ("ids", "1"),
        ("ids", "2"),
        ("flag", "false"),
        ("shade", "dark"),
        ("ref", "7"),
        ("page", "2"),
        ("pages", "3"),
        ("pages", "4"),
    ]
    assert sent.headers["x-request-id"] == str(request_id)
    assert sent.headers["cookie"] == "theme=dark"


async def test_none_for_a_nullable_parameter_is_not_sent_even_when_required(server: ScriptedServer, client: Any) -> None:
    """A query string has no null: ``None`` leaves the parameter out, as openapi-python-client
    does, for a required nullable parameter too (README: "None is not sent")."""
    server.json(ECHO)
    await run(client.params.list_optional(limit=None, q=None, color=None, ids=None, flag=None, x_request_id=None, theme=None))
    sent = server.requests[0]
    assert sent.query == ""
    assert "x-request-id" not in sent.headers and "cookie" not in sent.headers


async def test_path_styles_label_and_matrix(server: ScriptedServer, client: Any) -> None:
    server.json(ECHO)
    await run(client.params.get_path_styles(["a b", "c"], ["d", "e/f"], {"x": 1, "y": 2}))
    assert server.requests[0].path == "/paths/.a%20b,c/;matrix=d,e%2Ff/;x=1;y=2"


async def test_header_and_cookie_objects_reserved_characters_and_typed_scalars(server: ScriptedServer, client: Any) -> None:
    server.json(ECHO)
    uid = uuid.UUID("87654321-4321-8765-4321-876543218765")
    await run(
        client.params.get_styled(
            point={"x": 3, "y": 4},
            path="/a/b:c,d?e=f&g+h#i",
            day=date(2024, 5, 6),
            uid=uid,
            purpose=wire_formats.types.Purpose.FINE_TUNE,
            x_point={"x": 1, "y": 2},
            x_point_exploded={"x": 5, "y": 6},
            x_enabled=False,
            x_since=datetime(2024, 1, 1, 12, tzinfo=timezone(timedelta(hours=1))),
            ids=["u", "v"],
        )
    )
    sent = server.requests[0]
    raw = sent.query.split("&")
    # allowReserved: reserved characters stay, but those that would end or split the query.
    assert raw[:2] == ["point=x,3,y,4", "path=/a/b:c,d?e%3Df%26g%2Bh%23i"]
    assert parse_qsl(sent.query, strict_parsing=True)[1:] == [
        ("path", "/a/b:c,d?e=f&g+h#i"),
        ("day", "2024-05-06"),
        ("uid", str(uid)),
        ("purpose", "fine-tune"),
    ]
    assert sent.headers["x-point"] == "x,1,y,2"
    assert sent.headers["x-point-exploded"] == "x=5,y=6"
    assert sent.headers["x-enabled"] == "false"
    assert sent.headers["x-since"] == "2024-01-01T12:00:00+01:00"
    assert unquote(SimpleCookie(sent.headers["cookie"])["ids"].value) == "u,v"


# -- multipart -----------------------------------------------------------------------------------


async def test_multipart_fields_files_and_a_json_part(server: ScriptedServer, client: Any, tmp_path: Path) -> None:
    report = tmp_path / "report.csv"
    report.write_bytes(b"a,b\n1,2\n")
    server.json(ECHO, status=201)
    await run(
        client.files.upload(
            file=report,
            purpose="assistant",
            attachments=[b"\x00\x01raw", io.BytesIO(b"from a file object"), ("notes.txt", b"hello", "text/plain")],
            note="naïve, “quoted”",
            count=3,
            public=True,
            expires=date(2025, 1, 31),
            labels=["x", "y"],
            metadata={"team": "ops"},
        )
    )
    sent = server.requests[0]
    parts = parse_multipart(sent.headers["content-type"], sent.body)
    got = [(p.name, p.filename, p.content_type, p.data) for p in parts]
    assert got == [
        ("file", "report.csv", "text/csv", b"a,b\n1,2\n"),
        ("attachments", "upload", "application/octet-stream", b"\x00\x01raw"),
        ("attachments", "upload", "application/octet-stream", b"from a file object"),
        ("attachments", "notes.txt", "text/plain", b"hello"),
        ("purpose", None, None, b"assistant"),
        ("note", None, None, "naïve, “quoted”".encode()),
        ("count", None, None, b"3"),
        ("public", None, None, b"true"),
        ("expires", None, None, b"2025-01-31"),
        ("labels", None, None, b"x"),
        ("labels", None, None, b"y"),
        ("metadata", None, "application/json", b'{"team": "ops"}'),
    ]
    assert int(sent.headers["content-length"]) == len(sent.body)


async def test_multipart_names_a_file_object_after_its_path(server: ScriptedServer, client: Any, tmp_path: Path) -> None:
    path = tmp_path / "photo.png"
    path.write_bytes(b"\x89PNG....")
    server.json(ECHO, status=201)
    with path.open("rb") as handle:
        await run(client.files.upload(file=handle, purpose="assistant"))
    sent = server.requests[0]
    parts = parse_multipart(sent.headers["content-type"], sent.body)
    assert [(p.name, p.filename, p.content_type, p.data) for p in parts] == [
        ("file", "photo.png", "image/png", b"\x89PNG...."),
        ("purpose", None, None, b"assistant"),
    ]


async def test_a_retried_upload_sends_the_whole_file_again(
    server: ScriptedServer, client: Any, tmp_path: Path, sleeps: list[float]
) -> None:
    path = tmp_path / "data.bin"
    path.write_bytes(os.urandom(300_000))
    server.json({"message": "busy"}, status=503)
    server.json(ECHO, status=201)
    await run(client.files.upload(file=path, purpose="assistant", max_retries=1))
    assert len(server.requests) == 2
    for sent in server.requests:
        (file_part, _) = parse_multipart(sent.headers["content-type"], sent.body)
        assert file_part.data == path.read_bytes()


async def test_an_upload_from_a_pipe_is_sent_chunked_and_not_retried(server: ScriptedServer, client: Any) -> None:
    read_end, write_end = os.pipe()
    os.write(write_end, b"streamed from a pipe")
    os.close(write_end)
    server.json({"message": "busy"}, status=503)
    server.json(ECHO, status=201)
    with open(read_end, "rb", buffering=0) as pipe:
        with pytest.raises(wire_formats.InternalServerError):
            await run(client.files.upload(file=pipe, purpose="assistant", max_retries=2))
    assert len(server.requests) == 1, "a body that cannot be read again is sent once"
    sent = server.requests[0]
    assert sent.headers["transfer-encoding"] == "chunked" and "content-length" not in sent.headers
    parts = parse_multipart(sent.headers["content-type"], sent.body)
    assert [(p.name, p.data) for p in parts] == [("file", b"streamed from a pipe"), ("purpose", b"assistant")]


# -- text and binary bodies ----------------------------------------------------------------------


async def test_text_body_is_sent_as_utf8(server: ScriptedServer, client: Any) -> None:
    server.json(ECHO)
    await run(client.notes.put("n 1", body="héllo\nwörld"))
    sent = server.requests[0]
    assert (sent.method, sent.path) == ("PUT", "/notes/n%201")
    assert sent.headers["content-type"] == "text/plain; charset=utf-8"
    assert sent.body.decode("utf-8") == "héllo\nwörld"


@pytest.mark.parametrize("kind", ["bytes", "path", "file", "tuple"])
async def test_binary_body_from_every_kind_of_file_argument(
    server: ScriptedServer, client: Any, tmp_path: Path, kind: str
) -> None:
    data = os.urandom(200_000)
    path = tmp_path / "blob.bin"
    path.write_bytes(data)
    server.reply(server.Reply(204))
    argument: Any = {
        "bytes": data,
        "path": path,
        "file": io.BytesIO(data),
        "tuple": ("blob.bin", data, "application/x-blob"),
    }[kind]
    assert await run(client.files.put_content("f1", body=argument)) is None
    sent = server.requests[0]
    assert sent.body == data and sent.headers["content-length"] == str(len(data))
    assert sent.headers["content-type"] == ("application/x-blob" if kind == "tuple" else "application/octet-stream")


# -- a large upload is streamed ------------------------------------------------------------------

UPLOAD_SCRIPT = textwrap.dedent(
    """
    import asyncio, json, resource, sys
    from pathlib import Path
    sys.path.insert(0, sys.argv[1])
    import wire_formats

    url, path = sys.argv[2], Path(sys.argv[3])
    client = wire_formats.WireFormats(api_key="k", base_url=url)
    aclient = wire_formats.AsyncWireFormats(api_key="k", base_url=url)
    client.files.upload(file=b"warm-up", purpose="assistant")  # imports and builds everything once
    asyncio.run(aclient.files.upload(file=b"warm-up", purpose="assistant"))
    peak = lambda: resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    before = peak()
    client.files.upload(file=path, purpose="assistant")
    after_sync = peak()

    async def upload():
        async with wire_formats.AsyncWireFormats(api_key="k", base_url=url) as c:
            await c.files.upload(file=("big.bin", path, "application/x-big"), purpose="assistant")

    asyncio.run(upload())
    print(json.dumps({"before": before, "after_sync": after_sync, "after_async": peak()}))
    """
)


def test_a_50_mb_upload_streams_from_disk(tmp_path: Path) -> None:
    """The client's process (a child, measured by its own peak RSS) never holds the file."""
    size = 50 * 1024 * 1024
    path = tmp_path / "big.bin"
    digest = hashlib.sha256()
    block = os.urandom(1024 * 1024)
    with path.open("wb") as out:
        for index in range(size // len(block)):
            chunk = block[:-1] + bytes([index % 256])
            digest.update(chunk)
            out.write(chunk)
    with StreamingUploadServer() as server:
        result = subprocess.run(
            [sys.executable, "-c", UPLOAD_SCRIPT, str(GOLDEN), server.url, str(path)],
            capture_output=True,
            text=True,
            timeout=300,
        )
    assert result.returncode == 0, result.stderr
    memory = json.loads(result.stdout)
    grew_sync = memory["after_sync"] - memory["before"]
    grew_async = memory["after_async"] - memory["before"]
    print(f"\npeak RSS growth while uploading 50 MB: sync {grew_sync / 2**20:.1f} MB, async {grew_async / 2**20:.1f} MB")
    assert grew_sync < 10 * 2**20 and grew_async < 10 * 2**20, memory
    big = [parts for parts in server.uploads if parts[0].size == size]
    assert len(big) == 2
    for parts in big:
        assert parts[0].sha256 == digest.hexdigest()
        assert [p.name for p in parts] == ["file", "purpose"]
    assert [(p.filename, p.content_type) for p in (big[0][0], big[1][0])] == [
        ("big.bin", "application/octet-stream"),
        ("big.bin", "application/x-big"),
    ]


# -- typing --------------------------------------------------------------------------------------

CALL_SITE = textwrap.dedent(
    """
    import uuid

    import wire_formats
    from wire_formats.types import ListOptionalColor, LookupKey

    client = wire_formats.WireFormats(api_key="k")
    client.params.list_optional(limit=None, q="tea", color=ListOptionalColor.RED, ids=[1], flag=None, ref=3)
    client.params.list_optional(limit=5, q=None, since="2024-01-01T00:00:00Z", ref="r", x_request_id=None)
    client.params.list_optional(limit=5, x_request_id=uuid.uuid4(), page=1, pages=2)
    client.params.get_styled(uid=str(uuid.uuid4()))
    client.params.lookup(LookupKey(kind="k"), opts=[1, 2], note="n")
    """
)


def test_nullable_union_parameters_are_plain_arguments_for_mypy_strict(tmp_path: Path) -> None:
    """A caller passes ``str``/``int``/``None`` straight in: no RootModel to build, mypy --strict agrees."""
    script = tmp_path / "call_site.py"
    script.write_text(CALL_SITE)
    (tmp_path / "wrong.py").write_text('import wire_formats\nwire_formats.WireFormats(api_key="k").params.list_optional(limit="five")\n')
    env = {**os.environ, "MYPYPATH": str(GOLDEN)}
    command = [sys.executable, "-m", "mypy", "--strict", "--no-incremental", "--cache-dir", os.devnull]
    ok = subprocess.run([*command, str(script)], capture_output=True, text=True, env=env, cwd=tmp_path)
    assert ok.returncode == 0, ok.stdout + ok.stderr
    wrong = subprocess.run([*command, str(tmp_path / "wrong.py")], capture_output=True, text=True, env=env, cwd=tmp_path)
    assert wrong.returncode == 1 and '"limit"' in wrong.stdout and "int | None" in wrong.stdout, wrong.stdout


@pytest.mark.parametrize("value", ["Zürich", "a\r\nX-Injected: 1"])
async def test_a_header_parameter_a_header_cannot_carry_raises_naming_the_header(
    server: ScriptedServer, client: Any, value: str
) -> None:
    with pytest.raises(wire_formats.ArgumentError, match="`X-Trace-Ids`") as raised:
        await run(client.search.search(x_trace_ids=[value]))
    assert value not in str(raised.value) and not server.requests


async def test_a_content_type_parameter_is_ignored_the_body_sends_its_own(server: ScriptedServer, client: Any) -> None:
    """OpenAPI ignores a header parameter named Content-Type: no argument, the multipart boundary kept."""
    assert "content_type" not in inspect.signature(client.files.upload).parameters
    server.json(ECHO, status=201)
    await run(client.files.upload(file=b"x", purpose="assistant"))
    content_type = server.requests[0].headers["content-type"]
    assert content_type.startswith("multipart/form-data; boundary=")
    assert [p.name for p in parse_multipart(content_type, server.requests[0].body)] == ["file", "purpose"]
