"""The generator's decisions about request formats (generator/parse/requestbodies.py,
generator/parse/paramstyles.py), and the runtime's encoding rules (``_query.style_pairs``) case by case."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pytest

from generator.parse import ir, paramstyles, requestbodies

GOLDEN = Path(__file__).resolve().parent / "fixtures" / "wire" / "expected"
if str(GOLDEN) not in sys.path:
    sys.path.insert(0, str(GOLDEN))

from wire_formats import _query  # noqa: E402

DOC: dict[str, Any] = {
    "components": {
        "schemas": {
            "Blob": {"type": "string", "format": "binary"},
            "Url": {"type": "string", "format": "uri"},
        }
    }
}


@pytest.mark.parametrize(
    ("media_type", "schema", "kind"),
    [
        ("application/json", {}, "json"),
        ("application/merge-patch+json", {}, "json"),
        ("application/x-www-form-urlencoded", {}, "form"),
        ("multipart/form-data", {}, "multipart"),
        ("multipart/mixed", {}, "multipart"),
        ("text/plain; charset=utf-8", {}, "text"),
        ("application/xml", {}, "text"),
        ("application/sdp", {}, "text"),
        ("application/atom+xml", {}, "text"),
        ("openapi/python/client", {"type": "string"}, "text"),
        ("application/octet-stream", {"type": "string", "format": "binary"}, "binary"),
        ("image/png", {}, "binary"),
        ("application/pdf", {"type": "string", "contentMediaType": "application/pdf"}, "binary"),
    ],
)
def test_kind_of_each_media_type(media_type: str, schema: dict[str, Any], kind: str) -> None:
    assert requestbodies.kind_of(media_type, schema) == kind


def test_an_operation_with_several_media_types_sends_json_first_then_a_form() -> None:
    content = {"multipart/form-data": {}, "application/x-www-form-urlencoded": {}, "application/json": {}}
    assert requestbodies.pick(DOC, content) == ("application/json", "json")
    del content["application/json"]
    assert requestbodies.pick(DOC, content) == ("application/x-www-form-urlencoded", "form")


@pytest.mark.parametrize(
    ("schema", "annotation"),
    [
        ({"type": "string", "format": "binary"}, "FileTypes"),
        ({"$ref": "#/components/schemas/Blob"}, "FileTypes"),
        ({"type": ["string", "null"], "contentMediaType": "image/png"}, "FileTypes"),
        ({"type": "array", "items": {"$ref": "#/components/schemas/Blob"}}, "list[FileTypes]"),
        ({"oneOf": [{"$ref": "#/components/schemas/Blob"}, {"$ref": "#/components/schemas/Url"}]}, "FileTypes | str"),
        ({"type": "string"}, None),
        ({"type": "string", "contentEncoding": "base64", "contentMediaType": "image/png"}, None),
    ],
)
def test_file_fields(schema: dict[str, Any], annotation: str | None) -> None:
    assert requestbodies.file_annotation(DOC, schema) == annotation


def test_form_field_encodings() -> None:
    media = {
        "encoding": {
            "meta": {"style": "deepObject", "explode": True},
            "tags": {"explode": False},
            "plain": {"style": "form"},
            "json": {"contentType": "application/json"},
        }
    }
    assert requestbodies.field_encoding(media, "meta", "form") == ir.Encoding("deepObject", True)
    assert requestbodies.field_encoding(media, "tags", "form") == ir.Encoding("form", False)
    assert requestbodies.field_encoding(media, "plain", "form") is None
    assert requestbodies.field_encoding(media, "missing", "form") is None
    assert requestbodies.field_encoding(media, "json", "form") == ir.Encoding(content_type="application/json")
    assert requestbodies.field_encoding({"encoding": {"t": {"contentType": "text/plain"}}}, "t", "form") is None
    assert requestbodies.field_encoding(media, "json", "multipart") == ir.Encoding(content_type="application/json")


@pytest.mark.parametrize(
    ("param", "location", "encoding"),
    [
        ({"name": "a"}, "query", None),
        ({"name": "a", "style": "form", "explode": True}, "query", None),
        ({"name": "a", "explode": False}, "query", ir.Encoding("form", False)),
        ({"name": "a", "style": "spaceDelimited"}, "query", ir.Encoding("spaceDelimited", False)),
        ({"name": "a", "style": "pipeDelimited", "explode": False}, "query", ir.Encoding("pipeDelimited", False)),
        ({"name": "a", "style": "deepObject", "explode": True}, "query", ir.Encoding("deepObject", True)),
        ({"name": "a", "style": "deepObject"}, "query", ir.Encoding("deepObject", True)),
        ({"name": "a", "content": {"application/json": {"schema": {}}}}, "query", ir.Encoding(content_type="application/json")),
        ({"name": "a", "content": {"text/plain": {"schema": {}}}}, "query", None),
        ({"name": "a"}, "header", None),
        ({"name": "a", "explode": True}, "header", ir.Encoding("simple", True)),
        ({"name": "a", "explode": True}, "path", ir.Encoding("simple", True)),
        ({"name": "a", "style": "label"}, "path", ir.Encoding("label", False)),
        ({"name": "a", "style": "matrix", "explode": True}, "path", ir.Encoding("matrix", True)),
        ({"name": "a"}, "cookie", None),
        ({"name": "a", "allowReserved": True}, "query", ir.Encoding("form", True, allow_reserved=True)),
        ({"name": "a", "allowReserved": True}, "header", None),  # OpenAPI defines it for the query only
    ],
)
def test_parameter_encodings(param: dict[str, Any], location: str, encoding: ir.Encoding | None) -> None:
    assert paramstyles.encoding(param, location) == encoding


@pytest.mark.parametrize(("style", "location"), [("form", "path"), ("matrix", "query"), ("deepObject", "header"), ("simple", "query")])
def test_styles_a_location_does_not_allow_skip_the_operation(style: str, location: str) -> None:
    with pytest.raises(paramstyles.UnsupportedStyle, match=f"style {style!r}"):
        paramstyles.encoding({"name": "a", "style": style}, location)


def pairs(name: str, value: object) -> list[tuple[str, str]]:
    return [(key, delimiter.join(values)) for key, values, delimiter in _query.style_pairs(name, value)]


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        # OpenAPI 3.1 "Style Examples", for color = ["blue", "black", "brown"] and {R: 100, G: 200, B: 150}
        (["blue", "black", "brown"], [("color", "blue"), ("color", "black"), ("color", "brown")]),
        (_query.Styled(["blue", "black", "brown"], "form", False), [("color", "blue,black,brown")]),
        (_query.Styled(["blue", "black", "brown"], "spaceDelimited", False), [("color", "blue black brown")]),
        (_query.Styled(["blue", "black", "brown"], "pipeDelimited", False), [("color", "blue|black|brown")]),
        ({"R": 100, "G": 200, "B": 150}, [("R", "100"), ("G", "200"), ("B", "150")]),
        (_query.Styled({"R": 100, "G": 200, "B": 150}, "form", False), [("color", "R,100,G,200,B,150")]),
        (_query.Styled({"R": 100, "G": 200, "B": 150}, "deepObject"), [("color[R]", "100"), ("color[G]", "200"), ("color[B]", "150")]),
        # The payments convention beyond OpenAPI's table: nesting, arrays of objects by index.
        (_query.Styled({"a": {"b": [1, 2]}, "c": [{"d": True}]}, "deepObject"), [
            ("color[a][b][]", "1"), ("color[a][b][]", "2"), ("color[c][0][d]", "true"),
        ]),
        (_query.Styled({"name": "x", "n": 1}, json=True), [("color", '{"name":"x","n":1}')]),
        (True, [("color", "true")]),
        (1.0, [("color", "1")]),
    ],
)
def test_runtime_style_pairs(value: object, expected: list[tuple[str, str]]) -> None:
    assert pairs("color", value) == expected


@pytest.mark.parametrize(
    ("value", "path"),
    [
        # OpenAPI 3.1 "Style Examples" for path parameters.
        ("blue", "/c/blue"),
        (["blue", "black"], "/c/blue,black"),
        (_query.Styled({"R": 100, "G": 200}, "simple", True), "/c/R=100,G=200"),
        (_query.Styled("blue", "label", False), "/c/.blue"),
        (_query.Styled(["blue", "black"], "label", False), "/c/.blue,black"),
        (_query.Styled(["blue", "black"], "label", True), "/c/.blue.black"),
        (_query.Styled("blue", "matrix", False), "/c/;color=blue"),
        (_query.Styled(["blue", "black"], "matrix", False), "/c/;color=blue,black"),
        (_query.Styled(["blue", "black"], "matrix", True), "/c/;color=blue;color=black"),
        (_query.Styled({"R": 100, "G": 200}, "matrix", True), "/c/;R=100;G=200"),
        (_query.Styled({"R": 100, "G": 200}, "matrix", False), "/c/;color=R,100,G,200"),
        ("a/b?c", "/c/a%2Fb%3Fc"),
        # `content: application/json`: the JSON text, percent-encoded whole.
        (_query.Styled({"R": 1}, json=True), "/c/%7B%22R%22%3A1%7D"),
        (_query.Styled("blue", json=True), "/c/%22blue%22"),
    ],
)
def test_runtime_path_styles(value: object, path: str) -> None:
    assert _query.format_path("/c/{color}", {"color": value}) == path


def test_runtime_header_values() -> None:
    assert _query.header_value(["blue", "black"]) == "blue,black"
    assert _query.header_value({"R": 100, "G": 200}) == "R,100,G,200"
    assert _query.header_value(_query.Styled({"R": 100, "G": 200}, "simple", True)) == "R=100,G=200"
    assert _query.cookie_header({"a": "x y;z", "b": None, "c": ["1", "2"]}) == "a=x%20y%3Bz; c=1%2C2"


def test_runtime_bodies_encode_directly() -> None:
    from wire_formats import _bodies
    from wire_formats._sentinels import NOT_GIVEN

    headers, kwargs = _bodies.FormBody({"a": {"b": 1}, "skip": NOT_GIVEN, "none": None}).encode()
    assert headers == {"Content-Type": "application/x-www-form-urlencoded"}
    assert kwargs == {"content": b"b=1"}  # an object field without encoding: form, exploded
    assert _bodies.FormBody(NOT_GIVEN).encode() == ({}, {})  # an optional body left out
    _, kwargs = _bodies.MultipartBody({"meta": _query.Styled({"a": 1, "b": [2]}, "deepObject")}).encode()
    assert kwargs == {"files": [("meta[a]", (None, b"1")), ("meta[b][]", (None, b"2"))]}
    headers, kwargs = _bodies.MultipartBody({"x": NOT_GIVEN}).encode()
    boundary = headers["Content-Type"].split("boundary=", 1)[1]
    assert kwargs == {"content": f"--{boundary}--\r\n".encode()}
    assert _bodies.TextBody("<a/>", "application/xml").encode() == ({"Content-Type": "application/xml"}, {"content": b"<a/>"})


def test_runtime_reserved_characters_kept_only_with_allow_reserved() -> None:
    value = "/a:b,c?d=e&f+g#h"
    assert _query.encode_pairs({"p": value}) == "p=%2Fa%3Ab%2Cc%3Fd%3De%26f%2Bg%23h"
    assert _query.encode_pairs({"p": _query.Styled(value, allow_reserved=True)}) == "p=/a:b,c?d%3De%26f%2Bg%23h"


def test_runtime_json_content_in_headers_and_cookies() -> None:
    assert _query.header_value(_query.Styled({"k": "ü"}, json=True)) == '{"k":"\\u00fc"}'
    assert _query.cookie_header({"c": _query.Styled({"k": 1}, json=True)}) == "c={%22k%22:1}"


def test_a_parameter_union_keeps_its_members_inline() -> None:
    """FastAPI's optional parameter is ``anyOf: [T, null]``: only the members are hoisted (an
    enum gets its class), so the argument is ``T | None``, not a RootModel of the union."""
    from generator.models.hoist import hoist_inline_schemas

    enum = {"type": "string", "enum": ["red", "green"]}
    params = [
        {"name": "q", "in": "query", "schema": {"anyOf": [{"type": "string"}, {"type": "null"}], "title": "Q"}},
        {"name": "color", "in": "query", "schema": {"anyOf": [enum, {"type": "null"}]}},
        {"name": "shade", "in": "query", "schema": {"type": "string", "enum": ["a", None], "nullable": True}},
        {"name": "where", "in": "query", "content": {"application/json": {"schema": {"oneOf": [{"type": "integer"}, enum]}}}},
    ]
    doc = {"paths": {"/x": {"get": {"operationId": "listX", "parameters": params}}}}
    hoisted = hoist_inline_schemas(doc)
    got = hoisted["paths"]["/x"]["get"]["parameters"]
    assert got[0]["schema"] == params[0]["schema"]
    assert got[1]["schema"] == {"anyOf": [{"$ref": "#/components/schemas/ListXColor"}, {"type": "null"}]}
    assert got[2]["schema"] == {"anyOf": [{"$ref": "#/components/schemas/ListXShade"}, {"type": "null"}]}
    assert got[3]["content"]["application/json"]["schema"] == {"oneOf": [{"type": "integer"}, {"$ref": "#/components/schemas/ListXWhere"}]}
    schemas = hoisted["components"]["schemas"]
    assert schemas["ListXColor"] == enum and schemas["ListXShade"] == {"type": "string", "enum": ["a"]}
    assert schemas["ListXWhere"] == enum


def test_a_parameter_ref_to_a_plain_scalar_is_that_scalar() -> None:
    """``id: {type: integer, minimum: 1}`` is a RootModel among the models; as an argument it is an int."""
    from generator.parse.paramstyles import _scalar_refs_inlined

    doc = {"components": {"schemas": {
        "Id": {"type": "integer", "minimum": 1},
        "Color": {"type": "string", "enum": ["red"]},
        "Blob": {"type": "string", "format": "binary"},
    }}}
    ref = {"$ref": "#/components/schemas/Id"}
    assert _scalar_refs_inlined(doc, ref) == {"type": "integer", "minimum": 1}
    union = {"oneOf": [ref, {"type": "array", "items": ref}]}
    assert _scalar_refs_inlined(doc, union) == {"oneOf": [{"type": "integer", "minimum": 1}, {"type": "array", "items": {"type": "integer", "minimum": 1}}]}
    for kept in ({"$ref": "#/components/schemas/Color"}, {"$ref": "#/components/schemas/Blob"}):
        assert _scalar_refs_inlined(doc, kept) == kept
