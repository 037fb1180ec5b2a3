"""Which operations paginate, and how: recognised from parameters and answers, never from an
array alone; set or switched off per operation in the generator config or ``x-pagination``;
a mistaken override is one error at its place in the config (exit 2)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from generator.errors import SpecError
from generator.parse import ir
from generator.pipeline import analyse

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = ROOT / "tests" / "fixtures" / "pagination" / "openapi.yaml"


def paginations(spec: Path) -> dict[str, ir.Pagination | None]:
    api = analyse(spec).api
    return {f"{op.http_method} {op.path}": op.pagination for r in api.resources for op in r.operations}


@pytest.fixture(scope="module")
def zoo() -> dict[str, ir.Pagination | None]:
    return paginations(FIXTURE)


def wire(field: ir.PageField | None) -> str | None:
    return field.wire if field else None


def test_each_style_is_recognised_with_its_fields(zoo: dict[str, ir.Pagination | None]) -> None:
    found = {
        route: (p.style, wire(p.items), p.cursor_param, p.page_size_param, p.source)
        for route, p in zoo.items()
        if p is not None
    }
    assert found == {
        "GET /charges": ("cursor-id", "data", "starting_after", "limit", "recognised"),
        "GET /messages": ("cursor", "messages", "cursor_", "limit", "recognised"),
        "GET /files": ("cursor", "files", "page_token", "page_size_", "recognised"),
        "GET /orders": ("offset", "results", "offset", "limit", "recognised"),
        "GET /events": ("page", None, "page", "per_page", "recognised"),
        "GET /users": ("next-url", "data", None, "limit", "recognised"),
        "GET /repos": ("link-header", None, None, "per_page", "recognised"),
        "GET /invoices": ("offset", "lines", "start", "max", "config"),
    }
    charges, messages, orders, users = (zoo[k] for k in ("GET /charges", "GET /messages", "GET /orders", "GET /users"))
    assert charges and (wire(charges.id_field), wire(charges.has_more_field), charges.page_size_default) == ("id", "has_more", 50)
    assert messages and messages.cursor_field == ir.PageField(("response_metadata", "next_cursor"), "response_metadata.next_cursor")
    assert orders and wire(orders.total_field) == "total"  # from the allOf part that is a $ref
    assert users and users.next_field == ir.PageField(("links", "next"), "links.next")
    assert all(p.item_annotation == "Item" for p in zoo.values() if p)


def test_no_false_positive_on_operations_that_do_not_page(zoo: dict[str, ir.Pagination | None]) -> None:
    assert zoo["POST /charges"] is None  # answers a page, but is a POST
    assert zoo["GET /charges/{id}"] is None  # one object with a `next` URL and a list inside
    assert zoo["GET /tags"] is None  # a list and a limit, nothing to go on
    assert zoo["GET /reports"] is None  # recognisable, switched off in the config


# -- small specs -------------------------------------------------------------------------


def _spec(tmp_path: Path, operation: dict[str, Any], schemas: dict[str, Any] | None = None, config: str | None = None) -> Path:
    spec = {
        "openapi": "3.1.0",
        "info": {"title": "Probe", "version": "1"},
        "paths": {"/things": {"get": {"operationId": "listThings", "responses": {"200": {"description": "ok"}}, **operation}}},
        "components": {"schemas": {"Thing": {"type": "object", "properties": {"id": {"type": "string"}}}, **(schemas or {})}},
    }
    path = tmp_path / "probe.json"
    path.write_text(json.dumps(spec), encoding="utf-8")
    if config is not None:
        (tmp_path / "probe.generator.yaml").write_text(config, encoding="utf-8")
    return path


def _query(*names: str, kind: str = "integer") -> list[dict[str, Any]]:
    return [{"name": name, "in": "query", "schema": {"type": kind}} for name in names]


def _answer(ref: str) -> dict[str, Any]:
    return {"200": {"description": "ok", "content": {"application/json": {"schema": {"$ref": f"#/components/schemas/{ref}"}}}}}


PAGE = {
    "type": "object",
    "properties": {"data": {"type": "array", "items": {"$ref": "#/components/schemas/Thing"}}, "next": {"type": "string"}},
}


def test_a_bare_next_string_beside_a_cursor_parameter_is_that_cursor(tmp_path: Path) -> None:
    spec = _spec(tmp_path, {"parameters": _query("cursor", kind="string"), "responses": _answer("Page")}, {"Page": PAGE})
    found = paginations(spec)["GET /things"]
    assert found and (found.style, wire(found.cursor_field), found.cursor_param) == ("cursor", "next", "cursor_")


def test_a_next_string_without_cursor_parameter_is_a_url(tmp_path: Path) -> None:
    spec = _spec(tmp_path, {"responses": _answer("Page")}, {"Page": PAGE})
    found = paginations(spec)["GET /things"]
    assert found and (found.style, wire(found.next_field)) == ("next-url", "next")


def test_two_lists_without_a_telling_name_are_not_guessed(tmp_path: Path) -> None:
    page = {"type": "object", "properties": {
        "alpha": {"type": "array", "items": {"$ref": "#/components/schemas/Thing"}},
        "beta": {"type": "array", "items": {"type": "string"}},
        "total": {"type": "integer"},
    }}
    spec = _spec(tmp_path, {"parameters": _query("offset", "limit"), "responses": _answer("Page")}, {"Page": page})
    assert paginations(spec)["GET /things"] is None


def test_a_lone_page_parameter_is_too_weak(tmp_path: Path) -> None:
    answer = {"200": {"description": "ok", "content": {"application/json": {"schema": {"type": "array", "items": {"$ref": "#/components/schemas/Thing"}}}}}}
    spec = _spec(tmp_path, {"parameters": _query("page"), "responses": answer})
    assert paginations(spec)["GET /things"] is None


def test_a_page_total_and_has_next_page_under_metadata(tmp_path: Path) -> None:
    meta = {"type": "object", "properties": {"totalPages": {"type": "number"}, "hasNextPage": {"type": "boolean"}, "totalItems": {"type": "number"}}}
    page = {"type": "object", "properties": {
        "results": {"type": "array", "items": {"$ref": "#/components/schemas/Thing"}},
        "metadata": {"allOf": [{"$ref": "#/components/schemas/Meta"}]},
    }}
    spec = _spec(tmp_path, {"parameters": _query("page", "limit"), "responses": _answer("Page")}, {"Page": page, "Meta": meta})
    found = paginations(spec)["GET /things"]
    assert found and found.style == "page"
    assert (wire(found.total_pages_field), wire(found.has_more_field), wire(found.total_field)) == (
        "metadata.totalPages", "metadata.hasNextPage", "metadata.totalItems"
    )


def test_x_pagination_none_switches_a_recognition_off(tmp_path: Path) -> None:
    spec = _spec(tmp_path, {"x-pagination": "none", "responses": _answer("Page")}, {"Page": PAGE})
    assert paginations(spec)["GET /things"] is None


def test_the_config_wins_over_x_pagination(tmp_path: Path) -> None:
    spec = _spec(
        tmp_path,
        {"x-pagination": "none", "parameters": _query("skip", "top"), "responses": _answer("Page")},
        {"Page": PAGE},
        "pagination:\n  GET /things: {style: offset, offset_parameter: skip, pageSizeParameter: top}\n",
    )
    found = paginations(spec)["GET /things"]
    assert found and (found.style, found.cursor_param, found.page_size_param, found.source) == ("offset", "skip", "top", "config")


@pytest.mark.parametrize(
    ("config", "message"),
    [
        ("pagination:\n  GET /things: {style: sideways}\n", "pagination needs a style, one of time-cursor, cursor"),
        ("pagination:\n  GET /things: {style: offset, offset_parameter: nope}\n", "'nope' is not a query parameter of this operation"),
        ("pagination:\n  GET /things: {style: offset, colour: blue}\n", "unknown pagination setting 'colour'"),
        ("pagination:\n  GET /things: {style: cursor, items: nothing}\n", "the answer has no array property 'nothing'"),
        ("pagination:\n  GET /thing: none\n", "pagination: GET /thing is not an operation of the spec"),
        ("pagination:\n  things: none\n", "pagination keys must read `METHOD /path`"),
        ("pagination: [GET /things]\n", "pagination must map `METHOD /path`"),
    ],
    ids=["style", "parameter", "setting", "items", "operation", "key", "shape"],
)
def test_a_mistaken_override_is_one_error_at_its_place(tmp_path: Path, config: str, message: str) -> None:
    spec = _spec(tmp_path, {"parameters": _query("offset", "limit"), "responses": _answer("Page")}, {"Page": PAGE}, config)
    with pytest.raises(SpecError) as caught:
        analyse(spec)
    assert message in caught.value.message
    assert caught.value.location.file.endswith("probe.generator.yaml")
    assert caught.value.location.line == (1 if "[" in config else 2)


def test_the_cli_reports_it_with_exit_2_and_no_traceback(tmp_path: Path) -> None:
    spec = _spec(tmp_path, {"responses": _answer("Page")}, {"Page": PAGE}, "pagination:\n  GET /things: {style: offset}\n")
    result = subprocess.run(
        [sys.executable, "-m", "generator", "generate", "--spec", str(spec), "--out", str(tmp_path / "out")],
        capture_output=True, text=True, cwd=tmp_path, env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"},
    )
    assert result.returncode == 2
    assert "probe.generator.yaml:2:" in result.stderr and "pagination (offset)" in result.stderr
    assert "Traceback" not in result.stderr and not (tmp_path / "out").exists()


def test_x_pagination_on_a_non_list_is_an_error_at_the_operation(tmp_path: Path) -> None:
    answer = {"200": {"description": "ok", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Thing"}}}}}
    spec = _spec(tmp_path, {"x-pagination": {"style": "next-url", "nextField": "id"}, "responses": answer})
    with pytest.raises(SpecError) as caught:
        analyse(spec)
    assert caught.value.location.pointer == "#/paths/~1things/get/x-pagination"
    assert "no item list" in caught.value.message


def test_the_generated_readme_and_api_md_say_how_each_operation_pages(zoo: dict[str, ir.Pagination | None]) -> None:
    expected = FIXTURE.parent / "expected"
    readme = (expected / "README.md").read_text(encoding="utf-8")
    surface = (expected / "API.md").read_text(encoding="utf-8")
    for route, found in zoo.items():
        if found is None:
            assert f"`{route}` |" not in readme.split("## Pagination")[1].split("##")[0]
            assert f"`{route} (every page" not in surface
            continue
        assert f"`{route} (every page: {found.style})`" in surface, route
        row = next(line for line in readme.splitlines() if line.startswith("| `client.") and f"| `{route}` |" in line)
        assert row.endswith("(set in the generator config) |" if found.source == "config" else "(recognised from the spec) |")
    assert "`response_metadata.next_cursor` is sent back as `cursor`" in readme
    assert "PagedItems[Item, ChargeList]" in surface and "page_size: int = 50, max_items: int \\| None = None" in surface  # Markdown escapes the |


def test_an_iterator_name_taken_by_another_method_is_dropped_with_a_warning(tmp_path: Path) -> None:
    answer = {"200": {"description": "ok", "content": {"application/json": {"schema": {"type": "array", "items": {"$ref": "#/components/schemas/Thing"}}}}}}
    spec = _spec(tmp_path, {"operationId": "find", "tags": ["things"], "parameters": _query("offset", "limit"), "responses": answer})
    doc = json.loads(spec.read_text(encoding="utf-8"))
    doc["paths"]["/everything"] = {"get": {"operationId": "find_all", "tags": ["things"], "responses": answer}}
    spec.write_text(json.dumps(doc), encoding="utf-8")
    api = analyse(spec).api
    ops = {op.name: op for r in api.resources for op in r.operations}
    assert set(ops) == {"find", "find_all"} and ops["find"].pagination is None
    assert any("`find_all` is another method; no iterator" in w.message for w in api.warnings)
