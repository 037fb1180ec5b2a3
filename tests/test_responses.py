"""generator/parse/responses.py: which kind of answer each media type is, and how event streams are typed."""

from __future__ import annotations

from typing import Any

import pytest

from generator.parse import ir, responses


@pytest.mark.parametrize(
    ("media_type", "schema", "kind"),
    [
        ("application/json", None, "json"),
        ("application/problem+json", None, "json"),
        ("Application/JSON; charset=utf-8", None, "json"),
        ("text/event-stream", None, "events"),
        ("text/plain", {"type": "string"}, "text"),
        ("text/csv", None, "text"),
        ("text/html; charset=utf-8", None, "text"),
        ("application/xml", None, "text"),
        ("application/atom+xml", None, "text"),
        ("application/sdp", None, "text"),
        ("application/octet-stream", None, "binary"),
        ("image/png", None, "binary"),
        ("audio/mpeg", None, "binary"),
        ("video/mp4", None, "binary"),
        ("application/zip", None, "binary"),
        ("application/pdf", None, "binary"),
        ("application/vnd.custom", None, "binary"),
        ("text/plain", {"type": "string", "format": "binary"}, "binary"),  # a file, served as text/plain
    ],
)
def test_media_kind(media_type: str, schema: Any, kind: str) -> None:
    assert responses.media_kind(media_type, schema) == kind


def _annotate(schema: Any) -> str:
    """A stand-in for parse.TypeMapper: refs by their last segment, strings as str."""
    if isinstance(schema, dict) and "$ref" in schema:
        return schema["$ref"].rsplit("/", 1)[-1]
    if isinstance(schema, dict) and schema.get("type") == "string":
        return "str"
    return "Any"


def _describe(content: dict[str, Any], schemas: dict[str, Any] | None = None, flag: bool = False) -> tuple[str, ir.Response]:
    document = {"components": {"schemas": schemas or {}}}
    operation = {"responses": {"200": {"description": "ok", "content": content}}}
    stream = ir.BodyField("stream", "stream", "bool", False, "") if flag else None
    return responses.describe(document, _annotate, operation, "Answer", stream)


def ref(name: str) -> dict[str, str]:
    return {"$ref": f"#/components/schemas/{name}"}


WRAPPED = {  # the shape of together.yaml: event objects with `data`, and a [DONE] sentinel
    "Chunk": {"type": "object", "properties": {"id": {"type": "string"}}},
    "ChunkEvent": {"type": "object", "required": ["data"], "properties": {"data": ref("Chunk")}},
    "Sentinel": {"type": "object", "properties": {"data": {"type": "string", "enum": ["[DONE]"]}}},
    "ChunkStream": {"oneOf": [ref("ChunkEvent"), ref("Sentinel")]},
}


def test_json_wins_and_an_empty_answer_is_none() -> None:
    assert _describe({"application/json": {}, "text/plain": {}}) == ("Answer", ir.Response("json", "application/json"))
    assert _describe({}) == ("None", ir.Response("empty", "application/json"))


def test_binary_and_text_answers_ask_for_their_media_types() -> None:
    assert _describe({"image/png": {}, "image/jpeg": {}}) == ("BinaryResponse", ir.Response("binary", "image/png, image/jpeg"))
    assert _describe({"text/csv": {"schema": {"type": "string"}}}) == ("str", ir.Response("text", "text/csv"))


def test_an_event_wrapper_union_streams_its_data_and_drops_the_done_sentinel() -> None:
    returns, response = _describe({"text/event-stream": {"schema": ref("ChunkStream")}}, WRAPPED)
    assert returns == "Stream[Chunk]"
    assert response == ir.Response("events", "text/event-stream", events=ir.Events("Chunk"))


def test_a_schema_without_data_is_the_data_itself() -> None:
    returns, response = _describe({"text/event-stream": {"schema": ref("Chunk")}}, WRAPPED)
    assert returns == "Stream[Chunk]"
    assert _describe({"text/event-stream": {"schema": {"type": "string"}}})[0] == "Stream[str]"
    assert _describe({"text/event-stream": {}})[0] == "Stream[Any]"


def test_named_events_get_one_model_each() -> None:
    schemas = {
        "A": {"type": "object"},
        "B": {"type": "object"},
        "AEvent": {"type": "object", "properties": {"event": {"const": "a"}, "data": ref("A")}},
        "BEvent": {"type": "object", "properties": {"event": {"type": "string", "enum": ["b"]}, "data": ref("B")}},
    }
    returns, response = _describe({"text/event-stream": {"schema": {"oneOf": [ref("AEvent"), ref("BEvent")]}}}, schemas)
    assert returns == "Stream[A | B]"
    assert response.events == ir.Events("A | B", (("a", "A"), ("b", "B")))


def test_openapi_3_2_item_schema_with_a_content_schema() -> None:
    item = {"type": "object", "properties": {"event": {"const": "tick"},
                                             "data": {"type": "string", "contentMediaType": "application/json", "contentSchema": ref("Chunk")}}}
    returns, response = _describe({"text/event-stream": {"itemSchema": item}}, WRAPPED)
    assert returns == "Stream[Chunk]" and response.events == ir.Events("Chunk", (("tick", "Chunk"),))


def test_a_stream_flag_overloads_json_or_binary_with_events() -> None:
    content = {"application/json": {}, "text/event-stream": {"schema": ref("ChunkStream")}}
    returns, response = _describe(content, WRAPPED, flag=True)
    assert returns == "Answer"
    assert response == ir.Response("json", "application/json, text/event-stream", ir.Events("Chunk"), "stream")
    returns, response = _describe({"audio/wav": {}, "text/event-stream": {"schema": ref("ChunkStream")}}, WRAPPED, flag=True)
    assert (returns, response.kind, response.stream_flag) == ("BinaryResponse", "binary", "stream")
    # Without the flag, the plain answer is what the method returns.
    assert _describe(content, WRAPPED) == ("Answer", ir.Response("json", "application/json"))


def test_a_spec_with_only_a_download_documents_only_downloads(tmp_path: Any) -> None:
    from generator.pipeline import generate

    spec = tmp_path / "openapi.yaml"
    spec.write_text(
        "openapi: 3.1.0\ninfo: {title: Files, version: '1'}\npaths:\n  /export:\n    get:\n      operationId: export\n"
        "      responses:\n        '200':\n          description: A zip.\n          content: {application/zip: {}}\n",
        encoding="utf-8",
    )
    readme = generate(spec).files["README.md"].decode()
    assert "client.export.with_streaming_response.export() as response:" in readme
    assert "Stream[T]" not in readme and "returns it as a `str`" not in readme


def test_hostile_media_types_and_event_names_stay_string_literals(tmp_path: Any) -> None:
    from generator.pipeline import generate

    hostile = '''x"); import os; os.system("echo pwned"); ("'''
    spec = tmp_path / "openapi.yaml"
    spec.write_text(
        "openapi: 3.1.0\ninfo: {title: Evil, version: '1'}\npaths:\n  /e:\n    get:\n      operationId: events\n"
        "      responses:\n        '200':\n          description: x\n          content:\n"
        f"            'text/event-stream':\n              schema:\n                oneOf:\n"
        f"                  - {{type: object, properties: {{event: {{const: '{hostile}'}}, data: {{type: string}}}}}}\n"
        f"                  - {{type: object, properties: {{event: {{const: '{{{{ x }}}}'}}, data: {{type: integer}}}}}}\n"
        f"  /f:\n    get:\n      operationId: file\n      responses:\n        '200':\n          description: x\n"
        f"          content: {{'image/{hostile}': {{}}}}\n",
        encoding="utf-8",
    )
    import ast

    files = generate(spec).files
    for name in ("e", "f"):
        source = next(text.decode() for path, text in files.items() if path.endswith(f"resources/{name}.py"))
        tree = ast.parse(source)
        imported = {alias.name for node in ast.walk(tree) if isinstance(node, (ast.Import, ast.ImportFrom)) for alias in node.names}
        strings = [node.value for node in ast.walk(tree) if isinstance(node, ast.Constant) and isinstance(node.value, str)]
        assert "os" not in imported and not any(isinstance(node, ast.Attribute) and node.attr == "system" for node in ast.walk(tree))
        assert any(hostile in text for text in strings), f"the hostile text is a string literal in {name}.py"
