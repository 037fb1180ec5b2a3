"""What a place of a spec holds follows from the document's structure, never from key names
(generator/common/structure.py): a schema property named like an OpenAPI keyword (``responses``,
``parameters``, ``default``, ``schema``, ...) is a schema property at any depth, in one file or
many. Each keyword below is a property at every depth a schema has (top level, nested object,
array items, ``allOf``, ``additionalProperties``), in a component schema, an operation's inline
response and a shared ``components/responses`` entry; the spec must generate and each property
must be typed as the schema its ``$ref`` names.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

import pytest
import yaml

from generator.common import structure
from generator.errors import SpecError
from generator.load.bundle import bundle
from generator.load.loader import load
from generator.output.writer import write_tree
from generator.pipeline import generate

KEYWORDS = (
    # OpenAPI object kinds and the fields that hold them
    "responses", "parameters", "headers", "examples", "links", "callbacks", "requestBodies",
    "securitySchemes", "schemas", "paths", "components", "webhooks", "pathItems", "requestBody",
    "content", "schema", "encoding", "servers", "tags", "security",
    # JSON Schema keywords and data
    "items", "properties", "allOf", "additionalProperties", "discriminator", "example", "default",
    "enum", "const", "description", "summary", "title", "x-total",
)  # fmt: skip


def _report(item_ref: str) -> dict[str, Any]:
    """A schema with every keyword as a property (an array of the item), at every depth."""
    ref = {"$ref": item_ref}
    arrays = {k: {"type": "array", "items": ref} for k in KEYWORDS}
    return {
        "type": "object",
        "properties": {
            **arrays,
            "nested": {"type": "object", "properties": {k: ref for k in KEYWORDS}},
            "combined": {"allOf": [{"type": "object", "properties": arrays}]},
            "mapped": {"type": "object", "additionalProperties": {"type": "object", "properties": arrays}},
        },
    }


def _document(item_ref: str, report: Any, reports_response: Any) -> dict[str, Any]:
    inline = {"description": "OK", "content": {"application/json": {"schema": _report(item_ref)}}}
    return {
        "openapi": "3.1.0",
        "info": {"title": "Keyword Names", "version": "1"},
        "paths": {
            "/reports": {"get": {"operationId": "listReports", "tags": ["Reports"], "responses": {"200": reports_response}}},
            "/inline": {"get": {"operationId": "inlineReport", "tags": ["Reports"], "responses": {"200": inline}}},
            "/report": {
                "get": {
                    "operationId": "getReport",
                    "tags": ["Reports"],
                    "responses": {"200": {"description": "OK", "content": {"application/json": {"schema": report}}}},
                }
            },
        },
        "components": {"schemas": {}, "responses": {}},
    }


def _single_file(tmp_path: Path) -> Path:
    item = "#/components/schemas/IncidentResponse"
    doc = _document(item, {"$ref": "#/components/schemas/Report"}, {"$ref": "#/components/responses/Reports"})
    doc["components"]["schemas"] = {"IncidentResponse": {"type": "object", "properties": {"id": {"type": "string"}}}, "Report": _report(item)}
    doc["components"]["responses"] = {"Reports": {"description": "OK", "content": {"application/json": {"schema": _report(item)}}}}
    spec = tmp_path / "openapi.yaml"
    spec.write_text(yaml.safe_dump(doc, sort_keys=False), encoding="utf-8")
    return spec


def _multi_file(tmp_path: Path) -> Path:
    """The same spec over files: the report and the shared response in files of their own, each
    property's item a `$ref` to a file (``IncidentResponse.yaml``, relative to the file holding it)."""
    doc = _document("schemas/IncidentResponse.yaml", {"$ref": "schemas/Report.yaml"}, {"$ref": "responses.yaml#/Reports"})
    del doc["components"]
    (tmp_path / "schemas").mkdir()
    (tmp_path / "schemas" / "Report.yaml").write_text(yaml.safe_dump(_report("IncidentResponse.yaml")), encoding="utf-8")
    (tmp_path / "schemas" / "IncidentResponse.yaml").write_text("type: object\nproperties: {id: {type: string}}\n", encoding="utf-8")
    shared = {"Reports": {"description": "OK", "content": {"application/json": {"schema": _report("schemas/IncidentResponse.yaml")}}}}
    (tmp_path / "responses.yaml").write_text(yaml.safe_dump(shared), encoding="utf-8")
    spec = tmp_path / "openapi.yaml"
    spec.write_text(yaml.safe_dump(doc, sort_keys=False), encoding="utf-8")
    return spec


# Each response model, validated from data that uses every keyword property at every depth: each
# item must come out an IncidentResponse (a property mistaken for something else would be missing,
# or typed Any / dict).
CHECK = """
import sys
from keyword_names import types
keywords = sys.argv[1].split(",")
item = {"id": "i"}
arrays = {k: [item] for k in keywords}
data = {**arrays, "nested": {k: item for k in keywords}, "combined": arrays, "mapped": {"m": arrays}}

def field(model, wire):
    names = [n for n, f in type(model).model_fields.items() if (f.alias or n) == wire]
    assert names, f"{type(model).__name__} has no property {wire!r}"
    return getattr(model, names[0])

for name in sys.argv[2].split(","):
    model = getattr(types, name).model_validate(data)
    for k in keywords:
        for where, got in (
            ("top", field(model, k)[0]),
            ("nested", field(field(model, "nested"), k)),
            ("allOf", field(field(model, "combined"), k)[0]),
            ("additionalProperties", field(field(model, "mapped")["m"], k)[0]),
        ):
            assert type(got) is types.IncidentResponse, (name, where, k, type(got))
print("ok")
"""


@pytest.mark.parametrize("layout", [_single_file, _multi_file], ids=["one-file", "multi-file"])
def test_every_keyword_as_a_property_name_generates_with_its_type(tmp_path: Path, layout: Any) -> None:
    spec = layout(tmp_path)
    result = generate(spec)
    out = tmp_path / "out"
    write_tree(out, result.files)
    models = "Report,ReportsResponse,InlineReportResponse"  # the shared response's and the operation's inline schemas
    assert not [w for w in result.api.warnings if "skipped" in w.message], result.api.warnings
    run = subprocess.run(
        [sys.executable, "-c", CHECK, ",".join(KEYWORDS), models], capture_output=True, text=True, env={"PYTHONPATH": str(out)}
    )
    assert run.returncode == 0 and run.stdout == "ok\n", run.stderr[-3000:]


def test_a_multi_file_spec_gets_one_component_per_target_wherever_it_is_named(tmp_path: Path) -> None:
    """Each `$ref` to the item file, under a property named `responses`, `parameters`,
    `examples`..., is a schema reference: one component in `components/schemas`, none in the
    sections the property names suggest."""
    spec = bundle(load(_multi_file(tmp_path)))
    components = spec.document["components"]
    assert sorted(components) == ["responses", "schemas"]
    assert list(components["responses"]) == ["Reports"]
    assert sorted(components["schemas"]) == ["IncidentResponse", "Report"]
    report = components["schemas"]["Report"]["properties"]
    for keyword in KEYWORDS:
        assert report[keyword]["items"] == {"$ref": "#/components/schemas/IncidentResponse"}, keyword
        assert report["nested"]["properties"][keyword] == {"$ref": "#/components/schemas/IncidentResponse"}, keyword


@pytest.mark.parametrize(
    ("pointer", "kind"),
    [
        ("#/components/schemas/R/properties/responses/items", "schema"),
        ("#/paths/~1a/get/responses/200/content/application~1json/schema/properties/parameters", "schema"),
        ("#/components/schemas/R/properties/default", "schema"),
        ("#/components/schemas/R/default", "data"),
        ("#/components/schemas/R/properties/x-total", "schema"),
        ("#/components/schemas/R/x-total", "extension"),
        ("#/components/schemas/R/items/0", "schema"),
        ("#/components/schemas/R/discriminator/mapping/a", "schema"),
        ("#/components/responses/Reports/content/application~1json/schema/properties/headers", "schema"),
        ("#/components/responses/Reports/headers/X-Rate", "header"),
        ("#/components/examples/schema/value", "data"),
        ("#/components/parameters/order/schema", "schema"),
        ("#/components/pathItems/p/get/callbacks/done/{$url}/post/requestBody", "requestBody"),
        ("#/paths/~1a/parameters/0", "parameter"),
        ("#/paths/~1a/get/responses/default", "response"),
        ("#/paths/~1a/get/responses/200/links/next", "link"),
        ("#/paths/~1a/get/requestBody/content/application~1json/examples/one", "example"),
        ("#/paths/~1a/get/requestBody/content/application~1json/schema/properties/requestBody", "schema"),
        ("#/paths/~1a/get/description", "text"),
        ("#/tags/0/description", "text"),
        ("#/info/summary", "text"),
        ("#/webhooks/created/post/responses/200", "response"),
    ],
)
def test_the_kind_of_a_place_follows_the_structure(pointer: str, kind: str) -> None:
    from generator.common import pointer as jsonpointer

    assert structure.kind_at(jsonpointer.split(pointer)) == kind


def _spec(tmp_path: Path, text: str) -> Path:
    spec = tmp_path / "openapi.yaml"
    spec.write_text(textwrap.dedent(text), encoding="utf-8")
    return spec


def test_a_ref_to_the_wrong_kind_is_still_refused_at_its_place(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The structure decides both sides: a response `$ref` to a schema is wrong, and so is a
    schema `$ref` to a response, even under a property named `responses`."""
    spec = _spec(
        tmp_path,
        """\
        openapi: 3.1.0
        info: {title: T, version: '1'}
        paths: {}
        components:
          schemas:
            Report:
              properties:
                responses: {$ref: '#/components/responses/Gone'}
          responses:
            Gone: {description: Gone}
        """,
    )
    monkeypatch.chdir(tmp_path)
    with pytest.raises(SpecError) as raised:
        generate(spec)
    assert str(raised.value.location) == "openapi.yaml:8:27: #/components/schemas/Report/properties/responses/$ref"
    assert raised.value.message == "$ref '#/components/responses/Gone' points to a 'responses' object where a 'schemas' one belongs"


def test_a_ref_inside_an_example_is_data_not_a_reference(tmp_path: Path) -> None:
    spec = _spec(
        tmp_path,
        """\
        openapi: 3.1.0
        info: {title: T, version: '1'}
        paths:
          /a:
            get:
              operationId: getA
              responses:
                '200':
                  description: OK
                  content:
                    application/json:
                      schema: {type: object, example: {$ref: 'nowhere.yaml#/x'}}
                      example: {$ref: '#/nowhere'}
        """,
    )
    result = generate(spec)
    assert [op.name for resource in result.api.resources for op in resource.operations] == ["get"]


def test_a_property_named_default_or_example_is_a_schema_for_the_model_rewrites() -> None:
    """The models stage's rewrites read the structure too: a `oneOf` of consts under a property
    named `default` is an enum, while a schema's own `default` value is left as it is."""
    from generator.models.constenums import const_unions_as_enums

    branches = [{"const": "a"}, {"const": "b"}]
    doc = {
        "components": {
            "schemas": {
                "R": {
                    "properties": {"default": {"oneOf": branches}, "example": {"oneOf": branches}},
                    "default": {"oneOf": branches},
                }
            }
        }
    }
    rewritten = const_unions_as_enums(doc)["components"]["schemas"]["R"]
    assert rewritten["properties"]["default"] == {"type": "string", "enum": ["a", "b"]}
    assert rewritten["properties"]["example"] == {"type": "string", "enum": ["a", "b"]}
    assert rewritten["default"] == {"oneOf": branches}, "a default value is data"
