"""The openapi-core judge (tests/openapi_core_judge.py) and the split of a spec between judges
(tests/spec_subset.py, tests/judges.py): the judge refuses what the spec forbids, names where,
and answers only what the spec allows; the split sends to Prism only what Prism can load.

The judge runs over real HTTP on 127.0.0.1, in its own virtual environment (built once into
``.test-venvs/``, about 20 s the first time)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.judges import OPENAPI_CORE, PRISM, PRISM_MAX_NODES, openapi_core_judge, prism_where_it_can
from tests.spec_subset import expanded_sizes, subset

SPEC: dict[str, Any] = {
    "openapi": "3.0.3",
    "info": {"title": "Judged", "version": "1"},
    "servers": [{"url": "https://api.example.com/v2"}],
    "security": [{"bearer": []}],
    "paths": {
        "/things/{id}": {
            "parameters": [{"name": "id", "in": "path", "required": True, "schema": {"type": "integer"}}],
            "get": {
                "parameters": [{"name": "view", "in": "query", "required": True, "schema": {"enum": ["full", "short"]}}],
                "responses": {
                    "200": {
                        "description": "ok",
                        "headers": {"X-Rate": {"required": True, "schema": {"type": "integer", "minimum": 5}}},
                        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Thing"}}},
                    },
                    "404": {"description": "missing"},
                },
            },
        },
        "/things": {
            "post": {
                "requestBody": {"required": True, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/NewThing"}}}},
                "responses": {"201": {"description": "made", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Thing"}}}}},
            },
        },
        "/note": {
            "get": {
                "security": [],
                "responses": {"default": {"description": "a note", "content": {"text/plain": {"schema": {"type": "string", "minLength": 3}}}}},
            },
        },
    },
    "components": {
        "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}, "unused": {"type": "apiKey", "in": "header", "name": "K"}},
        "schemas": {
            "Thing": {
                "type": "object",
                "required": ["id", "name", "made"],
                "properties": {
                    "id": {"type": "integer", "minimum": 10},
                    "name": {"type": "string", "pattern": "^[A-Z]{3}$"},
                    "made": {"type": "string", "format": "date-time"},
                    "parts": {"type": "array", "items": {"$ref": "#/components/schemas/Part"}},
                },
            },
            "Part": {"type": "object", "properties": {"of": {"$ref": "#/components/schemas/Thing"}}},
            "NewThing": {"type": "object", "required": ["name"], "properties": {"name": {"type": "string", "maxLength": 5}}},
            "Orphan": {"type": "object"},
        },
    },
}
AUTH = {"Authorization": "Bearer secret"}


@pytest.fixture(scope="module")
def judge(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    work = tmp_path_factory.mktemp("judge")
    spec = work / "openapi.json"
    spec.write_text(json.dumps(SPEC), encoding="utf-8")
    with openapi_core_judge(spec, work / "judge.log") as url:
        yield url


def _violations(response: httpx.Response) -> list[dict[str, Any]]:
    return list(json.loads(response.headers.get(OPENAPI_CORE.violations_header, "[]")))


def test_a_valid_request_gets_the_documented_success_checked_against_the_spec(judge: str) -> None:
    response = httpx.get(f"{judge}/things/7", params={"view": "full"}, headers=AUTH)
    assert response.status_code == 200
    assert _violations(response) == []
    assert response.headers["content-type"] == "application/json"
    assert int(response.headers["X-Rate"]) >= 5  # a required header, valid by its schema
    body = response.json()
    assert body["id"] >= 10 and len(body["name"]) == 3 and body["name"].isupper() and body["made"]

    made = httpx.post(f"{judge}/things", json={"name": "abc"}, headers=AUTH)
    assert (made.status_code, _violations(made)) == (201, [])


@pytest.mark.parametrize(
    ("request_kwargs", "where"),
    [
        ({"method": "GET", "url": "/things/7", "params": {"view": "full"}}, ["request", "security"]),  # no credential
        ({"method": "GET", "url": "/things/7", "params": {"view": "full"}, "headers": {"Authorization": "Basic eDp5"}}, ["request", "security"]),
        ({"method": "GET", "url": "/things/seven", "params": {"view": "full"}, "headers": AUTH}, ["request", "path", "id"]),
        ({"method": "GET", "url": "/things/7", "headers": AUTH}, ["request", "query", "view"]),
        ({"method": "GET", "url": "/things/7", "params": {"view": "wide"}, "headers": AUTH}, ["request", "query", "view"]),
        ({"method": "POST", "url": "/things", "json": {"name": "too long"}, "headers": AUTH}, ["request", "body"]),
        ({"method": "POST", "url": "/things", "json": {}, "headers": AUTH}, ["request", "body"]),
        ({"method": "POST", "url": "/things", "headers": AUTH}, ["request", "body"]),
        ({"method": "DELETE", "url": "/things", "headers": AUTH}, ["request", "path"]),
        ({"method": "GET", "url": "/nowhere", "headers": AUTH}, ["request", "path"]),
    ],
)
def test_what_the_spec_forbids_is_refused_and_located(judge: str, request_kwargs: dict[str, Any], where: list[str]) -> None:
    kwargs = dict(request_kwargs)
    response = httpx.request(kwargs.pop("method"), judge + kwargs.pop("url"), **kwargs)
    assert response.status_code == 422
    violations = _violations(response)
    assert violations and violations[0]["location"] == where, violations
    assert all(v["severity"] == "Error" and v["message"] for v in violations)


def test_the_answer_follows_accept_and_default_is_the_success_when_no_2xx_is_documented(judge: str) -> None:
    note = httpx.get(f"{judge}/note", headers={"Accept": "text/plain"})
    assert (note.status_code, note.headers["content-type"], _violations(note)) == (200, "text/plain", [])
    assert len(note.text) >= 3
    refused = httpx.get(f"{judge}/note", headers={"Accept": "application/json"})
    assert refused.status_code == 406
    assert _violations(refused)[0]["location"] == ["request", "header", "accept"]


def test_expanded_sizes_count_the_tree_every_ref_inlined() -> None:
    sizes = expanded_sizes(SPEC)
    # POST /things reaches NewThing (small); GET /things/{id} reaches Thing and Part, which
    # refer to each other (counted once round, as an inliner stops at a cycle).
    assert sizes[("POST", "/things")] < sizes[("GET", "/things/{id}")]
    assert all(size > 1 for size in sizes.values())
    wide = {**SPEC, "components": {**SPEC["components"], "schemas": {**SPEC["components"]["schemas"]}}}
    # A schema used 2 ways, 3 levels deep, expands to 2**3 copies of the leaf: the count grows
    # with the inlined tree, not with the document.
    wide["components"]["schemas"].update(
        {"L0": {"type": "string"}, **{f"L{i}": {"anyOf": [{"$ref": f"#/components/schemas/L{i - 1}"}] * 2} for i in range(1, 4)}}
    )
    wide["paths"] = {"/w": {"get": {"responses": {"200": {"description": "", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/L3"}}}}}}}}
    wide_size = expanded_sizes(wide)[("GET", "/w")]
    wide["components"]["schemas"]["L4"] = {"anyOf": [{"$ref": "#/components/schemas/L3"}] * 2}
    wide["paths"]["/w"]["get"]["responses"]["200"]["content"]["application/json"]["schema"]["$ref"] = "#/components/schemas/L4"
    assert expanded_sizes(wide)[("GET", "/w")] > 1.8 * wide_size


def test_subset_keeps_the_operations_asked_for_and_what_they_reach() -> None:
    cut = subset(SPEC, [("POST", "/things")])
    assert list(cut["paths"]) == ["/things"] and list(cut["paths"]["/things"]) == ["post"]
    assert set(cut["components"]["schemas"]) == {"NewThing", "Thing", "Part"}  # its body and its answer's
    assert set(cut["components"]["securitySchemes"]) == {"bearer"}  # the root's requirement
    cut = subset(SPEC, [("GET", "/things/{id}")])
    assert set(cut["components"]["schemas"]) == {"Thing", "Part"}
    assert "parameters" in cut["paths"]["/things/{id}"]  # the path item's own parameters stay
    assert cut["servers"] == SPEC["servers"] and cut["security"] == SPEC["security"]


def test_prism_gets_what_it_can_load_and_openapi_core_the_rest() -> None:
    assert set(prism_where_it_can(SPEC).values()) == {PRISM}
    huge = json.loads(json.dumps(SPEC))
    schemas = huge["components"]["schemas"]
    schemas["L0"] = {"type": "string"}
    for i in range(1, 21):  # 2**20 leaves once inlined: past PRISM_MAX_NODES
        schemas[f"L{i}"] = {"anyOf": [{"$ref": f"#/components/schemas/L{i - 1}"}] * 2}
    huge["paths"]["/huge"] = {"get": {"responses": {"200": {"description": "", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/L20"}}}}}}}
    assert expanded_sizes(huge, limit=PRISM_MAX_NODES)[("GET", "/huge")] > PRISM_MAX_NODES
    assignment = prism_where_it_can(huge)
    assert assignment[("GET", "/huge")] is OPENAPI_CORE
    assert {assignment[op] for op in assignment if op != ("GET", "/huge")} == {PRISM}


def test_a_violations_header_is_read_whole_or_cut_short() -> None:
    from tests.contract import _violations

    whole = [{"location": ["response", "body"], "message": "m", "severity": "Error"}]
    assert _violations(json.dumps(whole)) == whole
    assert _violations("Too many violations! " + json.dumps(whole)) == whole  # Prism's prefix when long
    cut = _violations('Too many violations! [{"location":["response","body","x"],"severity":"Err')
    assert cut[0]["location"] == ["response"]  # where it points, from its first entry
    assert _violations("not json")[0]["location"] == ["request"]
