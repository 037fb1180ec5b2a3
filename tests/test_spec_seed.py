"""Check spec/openapi.yaml against its source of truth, the Vapi "List Calls" page.

The page (shared/seed/vapi-list-calls.txt, a text capture of the Vapi API
reference for ``GET /call``) is parsed here rather than copied, so the spec
cannot drift from it silently:

* its JSON example response (the first ``[`` ... ``]`` block),
* its "Query Parameters" and "Response" field lists (a name line followed by a
  type line such as ``string``, ``number``, ``enum<string>``, ``object[]`` or
  ``string | null``, an optional ``required`` line, then the description),
* the "Available options:" enum lists of the response fields.

The example is walked against the spec's response schema (resolving ``$ref``,
following ``items``, allowing ``type: [..., "null"]``), so every check reports
the JSON path of the offending value, e.g. ``$[0].assistant.voice.provider``.

The checks are about the seed, not the prose: every parameter, field, type and
enum value of the page must be in the spec, with a compatible type; additions
(parameters, fields, enum values, operations), another order and edited
descriptions pass, so the curated spec can evolve past the page.
``test_the_spec_may_grow_past_the_page_but_not_lose_it`` mutates the spec both
ways and runs these checks on it.
"""

from __future__ import annotations

import functools
import json
import re
import sys
from pathlib import Path
from typing import Any, Iterator, NamedTuple

import pytest
import yaml

REPO_ROOT = Path(__file__).resolve().parents[1]
SPEC_PATH = REPO_ROOT / "spec" / "openapi.yaml"
# ../shared beside the repository (or beside the directory of git worktrees holding it).
SHARED = next((d / "shared" for d in REPO_ROOT.parents if (d / "shared" / "seed").is_dir()), REPO_ROOT.parent / "shared")
SEED_PATH = SHARED / "seed" / "vapi-list-calls.txt"

# Secrets that must be flagged so the generated client can mask them
# (JSON paths into the page's example response).
SENSITIVE_PATHS = [
    "$[0].phoneNumber.twilioAuthToken",
    "$[0].phoneNumber.serverUrlSecret",
    "$[0].assistant.serverUrlSecret",
    "$[0].assistantOverrides.serverUrlSecret",
    "$[0].assistant.model.tools[0].server.secret",
    "$[0].assistantOverrides.model.tools[0].server.secret",
]
# Any property whose name ends like this is a secret.
SENSITIVE_NAME = re.compile(r"(secret|authtoken|password|apikey)$", re.IGNORECASE)

# Nested enum-like example values the spec must constrain with an enum
# (suffixes of JSON paths below $[0].assistant and $[0].assistantOverrides).
NESTED_ENUM_PATHS = [
    "firstMessageMode",
    "voicemailDetectionTypes[0]",
    "clientMessages[0]",
    "serverMessages[0]",
    "backgroundSound",
    "voice.inputPunctuationBoundaries[0]",
    "voice.provider",
    "transcriber.provider",
    "model.provider",
    "model.knowledgeBase.provider",
    "model.tools[0].type",
    "model.tools[0].messages[0].type",
    "model.tools[0].messages[0].conditions[0].operator",
]

_JSON_TYPES = r"(?:string|number|integer|boolean|object|array|null)(?:\[\])?"
TYPE_LINE = re.compile(rf"^(?:enum<\w+>|{_JSON_TYPES}(?: \| {_JSON_TYPES})*)$")
NAME_LINE = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


# --------------------------------------------------------------------------
# Loading and parsing
# --------------------------------------------------------------------------


class PageField(NamedTuple):
    name: str
    type: str  # as written on the page, e.g. "enum<string>", "string | null"
    required: bool
    description: str | None  # paragraphs joined with a blank line
    options: list[str] | None  # "Available options:", if any


class Page(NamedTuple):
    example: Any
    query_parameters: list[PageField]
    response_fields: list[PageField]


@functools.lru_cache(maxsize=None)
def load_spec() -> dict[str, Any]:
    with SPEC_PATH.open(encoding="utf-8") as f:
        return yaml.safe_load(f)


def seed_page() -> Page:
    if not SEED_PATH.exists():
        pytest.skip(f"seed page not found at {SEED_PATH}; it is the source of truth for these checks")
    return _parse_seed_page(SEED_PATH.read_text(encoding="utf-8"))


@functools.lru_cache(maxsize=None)
def _parse_seed_page(text: str) -> Page:
    example, _ = json.JSONDecoder().raw_decode(text, text.index("["))
    lines = [line.strip() for line in text.splitlines()]
    query_start = lines.index("Query Parameters") + 1
    response_start = lines.index("Response", query_start)
    return Page(
        example=example,
        query_parameters=_parse_fields(lines[query_start:response_start]),
        response_fields=_parse_fields(lines[response_start + 1 :]),
    )


def _parse_fields(lines: list[str]) -> list[PageField]:
    """Split a section into fields: a name line followed by a type line starts one."""
    starts = [
        i
        for i in range(len(lines) - 1)
        if NAME_LINE.match(lines[i]) and TYPE_LINE.match(lines[i + 1])
    ]
    fields = []
    for start, end in zip(starts, starts[1:] + [len(lines)]):
        body = lines[start + 2 : end]
        required = bool(body) and body[0] == "required"
        if required:
            body = body[1:]
        options = None
        if "Available options:" in body:
            at = body.index("Available options:")
            options = []
            for line in body[at + 1 :]:
                options.append(line.rstrip(","))
                if not line.endswith(","):
                    break
            body = body[:at]
        paragraphs = "\n".join(body).split("\n\n")
        description = "\n\n".join(p.strip() for p in paragraphs if p.strip()) or None
        fields.append(PageField(lines[start], lines[start + 1], required, description, options))
    return fields


# --------------------------------------------------------------------------
# Walking the example against the spec
# --------------------------------------------------------------------------


class Node(NamedTuple):
    path: str
    value: Any
    schema: dict[str, Any] | None  # resolved; None if the spec has no place for it
    ref: str | None  # component name if reached through a $ref
    refs: tuple[str, ...] = ()  # every component passed on the way (a union, then its variant)


def resolve(schema: dict[str, Any], value: Any = None) -> tuple[dict[str, Any], str | None, tuple[str, ...]]:
    """Follow $ref chains to components, and a tagged union (``oneOf`` + ``discriminator``) to
    the variant its mapping gives for ``value``'s tag; return the schema, the last component
    name and every component name passed."""
    names: list[str] = []
    while True:
        if "$ref" in schema:
            ref = schema["$ref"]
            prefix = "#/components/schemas/"
            assert ref.startswith(prefix), f"unexpected $ref {ref!r}"
            names.append(ref[len(prefix) :])
            schema = load_spec()["components"]["schemas"][names[-1]]
        elif "oneOf" in schema and "discriminator" in schema:
            discriminator = schema["discriminator"]
            tag = value.get(discriminator["propertyName"]) if isinstance(value, dict) else None
            assert tag in discriminator["mapping"], f"{names}: tag {tag!r} names no variant"
            schema = {"$ref": discriminator["mapping"][tag]}
        else:
            return schema, (names[-1] if names else None), tuple(names)


def walk(value: Any, schema: dict[str, Any] | None, path: str = "$") -> Iterator[Node]:
    """Yield the example value at every JSON path, with the spec schema for that place."""
    if schema is None:
        yield Node(path, value, None, None)
        return
    resolved, ref, refs = resolve(schema, value)
    yield Node(path, value, resolved, ref, refs)
    if isinstance(value, dict):
        properties = resolved.get("properties", {})
        for key, child in value.items():
            if key in properties:
                child_schema = properties[key]
            elif resolved.get("additionalProperties") is True:
                child_schema = {}
            else:
                child_schema = None
            yield from walk(child, child_schema, f"{path}.{key}")
    elif isinstance(value, list):
        for index, child in enumerate(value):
            yield from walk(child, resolved.get("items"), f"{path}[{index}]")


def example_nodes() -> list[Node]:
    return list(walk(seed_page().example, response_schema()))


def node_at(path: str) -> Node:
    matches = [node for node in example_nodes() if node.path == path]
    assert matches, f"{path}: not in the page's example response"
    return matches[0]


def schema_types(schema: dict[str, Any]) -> set[str]:
    declared = schema.get("type")
    if declared is None:
        return set()
    return set(declared) if isinstance(declared, list) else {declared}


def json_type(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer"
    if isinstance(value, float):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list):
        return "array"
    return "object"


def value_fits_types(value: Any, types: set[str]) -> bool:
    if not types:  # untyped schema accepts anything
        return True
    kind = json_type(value)
    return kind in types or (kind == "integer" and "number" in types)


def all_schema_dicts(node: Any, path: str = "#") -> Iterator[tuple[str, dict[str, Any]]]:
    """Every mapping in the spec document, with its JSON pointer."""
    if isinstance(node, dict):
        yield path, node
        for key, child in node.items():
            yield from all_schema_dicts(child, f"{path}/{key}")
    elif isinstance(node, list):
        for index, child in enumerate(node):
            yield from all_schema_dicts(child, f"{path}/{index}")


def list_calls() -> dict[str, Any]:
    return load_spec()["paths"]["/call"]["get"]


def response_schema() -> dict[str, Any]:
    return list_calls()["responses"]["200"]["content"]["application/json"]["schema"]


def call_schema() -> dict[str, Any]:
    return load_spec()["components"]["schemas"]["Call"]


# --------------------------------------------------------------------------
# Tests
# --------------------------------------------------------------------------


def test_seed_page_parses() -> None:
    page = seed_page()
    assert isinstance(page.example, list) and len(page.example) == 1
    assert [f.name for f in page.query_parameters][:2] == ["assistantId", "limit"]
    assert len(page.query_parameters) == 10
    assert len(page.response_fields) == 33
    assert [f.name for f in page.response_fields if f.options] == [
        "type",
        "phoneCallProvider",
        "phoneCallTransport",
        "status",
        "endedReason",
    ]
    # The page's field list and its example describe the same Call.
    assert [f.name for f in page.response_fields] == list(page.example[0])


def test_spec_validates_with_openapi_spec_validator() -> None:
    from openapi_spec_validator import validate

    spec = load_spec()
    assert spec["openapi"] == "3.1.0"
    validate(spec)


def test_server_security_and_tags() -> None:
    spec = load_spec()
    assert spec["info"]["title"] == "Vapi Calls API"
    assert spec["servers"] == [{"url": "https://api.vapi.ai"}]
    assert spec["components"]["securitySchemes"]["bearer"] == {
        "type": "http",
        "scheme": "bearer",
        "description": "Retrieve your key from Dashboard.",
    }
    assert spec["security"] == [{"bearer": []}]
    assert "Calls" in [tag["name"] for tag in spec["tags"]]


def test_list_calls_operation() -> None:
    operation = list_calls()
    # GET /call is the page's; the rest of the resource comes from the full spec (checked below).
    assert operation["operationId"] == "listCalls"
    assert operation["tags"] == ["Calls"]
    assert operation["summary"] == "List Calls"
    assert operation.get("description")
    assert operation["responses"]["200"].get("description")
    schema = response_schema()
    assert schema["type"] == "array"
    assert schema["items"] == {"$ref": "#/components/schemas/Call"}


# A parameter the page types `number` may be curated as `integer` when it is a count (every
# integer is a number the server accepts; the spec says why in a comment).
NARROWED_PARAMETER_TYPES = {"limit": {"integer"}}


def test_query_parameters_match_page() -> None:
    """Every page parameter is there, optional, with its type; order, additions and prose are free."""
    by_name = {p["name"]: p for p in list_calls()["parameters"]}
    for page_param in seed_page().query_parameters:
        name = page_param.name
        assert name in by_name, f"{name}: a query parameter of the page is missing"
        spec_param = by_name[name]
        assert spec_param["in"] == "query", name
        assert not spec_param.get("required", False), f"{name}: the page marks no parameter required"
        types = schema_types(spec_param["schema"])
        assert types == {page_param.type} or types == NARROWED_PARAMETER_TYPES.get(name), f"{name}: type {sorted(types)}"
        if page_param.description:
            assert spec_param.get("description"), f"{name}: the page describes it, the spec does not"
        if re.fullmatch(r"(created|updated)At(Gt|Lt|Ge|Le)", name):
            assert spec_param["schema"].get("format") == "date-time", f"{name}: format"
    limit = by_name["limit"]
    assert limit["schema"].get("default") == 100, "limit: the page says it defaults to 100"


def test_response_fields_are_call_properties() -> None:
    page_names = [f.name for f in seed_page().response_fields]
    spec_names = list(call_schema()["properties"])
    missing = [name for name in page_names if name not in spec_names]
    assert not missing, f"Call lacks page fields: {missing}"


def test_required_fields() -> None:
    page_required = [f.name for f in seed_page().response_fields if f.required]
    assert page_required == ["id", "orgId", "createdAt", "updatedAt"]
    assert set(page_required) <= set(call_schema()["required"])


def test_response_field_types_match_page() -> None:
    properties = call_schema()["properties"]
    for field in seed_page().response_fields:
        if field.name not in properties:
            continue  # test_response_fields_are_call_properties says so
        schema, _, _ = resolve(properties[field.name])
        types = schema_types(schema)
        path = f"Call.{field.name}"
        # A response type may be widened (the client then accepts more), never narrowed.
        if field.type.startswith("enum<"):
            assert field.type[5:-1] in types and "enum" in schema, f"{path}: expected {field.type}"
        elif field.type.endswith("[]"):
            items, _, _ = resolve(schema["items"])
            assert "array" in types, f"{path}: expected {field.type}"
            assert field.type[:-2] in schema_types(items), f"{path}[]: expected {field.type}"
        else:
            expected = set(field.type.split(" | "))
            assert expected <= types, f"{path}: page says {field.type}, spec says {sorted(types)}"
    for name in ("createdAt", "updatedAt", "startedAt", "endedAt"):
        assert properties[name].get("format") == "date-time", f"Call.{name}: format"


def test_response_fields_the_page_describes_are_described() -> None:
    """The prose may be edited (curation keeps it verbatim, but that is not a seed fact)."""
    properties = call_schema()["properties"]
    for field in seed_page().response_fields:
        if field.description and field.name in properties:
            assert properties[field.name].get("description"), f"Call.{field.name}: the page describes it, the spec does not"


def test_call_enums_have_the_available_options() -> None:
    properties = call_schema()["properties"]
    for field in seed_page().response_fields:
        if field.options:
            assert field.name in properties, f"Call.{field.name}: missing"
            schema, _, _ = resolve(properties[field.name])
            missing = [value for value in field.options if value not in schema.get("enum", [])]
            assert not missing, f"Call.{field.name}: enum lacks the page's Available options {missing}"


FULL_SPEC_PATH = SHARED / "vapi" / "openapi.json"
# Our operation -> the full spec's (path, method), and the component its body is curated from.
CURATED_OPERATIONS = {
    ("/call", "post"): ("createCall", "CreateCallDTO"),
    ("/call/{id}", "get"): ("getCall", None),
    ("/call/{id}", "patch"): ("updateCall", "UpdateCallDTO"),
    ("/call/{id}", "delete"): ("deleteCall", "DeleteCallDTO"),
}


def test_other_call_operations_are_curated_from_the_full_spec() -> None:
    """Create, get, update and delete: nothing the full spec lacks, every body field typed as there."""
    if not FULL_SPEC_PATH.exists():
        pytest.skip(f"full spec not found at {FULL_SPEC_PATH}")
    full = json.loads(FULL_SPEC_PATH.read_text(encoding="utf-8"))
    spec = load_spec()
    for (path, method), (operation_id, dto) in CURATED_OPERATIONS.items():
        ours, theirs = spec["paths"][path][method], full["paths"][path][method]
        where = f"{method.upper()} {path}"
        assert ours["operationId"] == operation_id and ours["tags"] == ["Calls"], where
        assert ours["summary"] == theirs["summary"], where
        assert set(ours["responses"]) == set(theirs["responses"]), f"{where}: responses differ from the full spec"
        for code, response in ours["responses"].items():
            schema = response.get("content", {}).get("application/json", {}).get("schema")
            assert schema == ({"$ref": "#/components/schemas/Call"} if code.startswith("2") else None), f"{where} {code}"
        if dto is None:
            assert "requestBody" not in ours and "requestBody" not in theirs, where
            continue
        assert ours["requestBody"]["required"] == theirs["requestBody"]["required"], where
        body = ours["requestBody"]["content"]["application/json"]["schema"]
        full_properties = full["components"]["schemas"][dto]["properties"]
        for name, prop in body["properties"].items():
            assert name in full_properties, f"{where}: body field {name!r} is not in the full spec's {dto}"
            full_prop = full_properties[name]
            if "$ref" in prop:  # the full spec wraps its $ref in allOf; ours is a curated schema
                assert "allOf" in full_prop or "$ref" in full_prop, f"{where}: {name}"
                continue
            types = set(prop["type"]) if isinstance(prop["type"], list) else {prop["type"]}
            expected = {full_prop["type"]} | ({"null"} if full_prop.get("nullable") else set())
            assert types == expected, f"{where}: body field {name!r} is {sorted(types)}, the full spec says {sorted(expected)}"
    # {id} is declared once for all three (the full spec's DELETE omits it).
    assert set(spec["paths"]["/call/{id}"]) == {"parameters", "get", "patch", "delete"}
    [parameter] = spec["paths"]["/call/{id}"]["parameters"]
    assert parameter["name"] == "id" and parameter["in"] == "path" and parameter["required"] is True


def test_example_keys_exist_in_spec() -> None:
    missing = [node.path for node in example_nodes() if node.schema is None]
    assert not missing, f"example keys with no place in the spec: {missing}"


def test_example_value_types_match_spec() -> None:
    for node in example_nodes():
        if node.schema is None:
            continue
        types = schema_types(node.schema)
        assert value_fits_types(node.value, types), (
            f"{node.path}: example value {node.value!r} is {json_type(node.value)}, spec says {sorted(types)}"
        )


def test_example_enum_values_are_allowed() -> None:
    for node in example_nodes():
        if node.schema is not None and "enum" in node.schema:
            assert node.value in node.schema["enum"], (
                f"{node.path}: example value {node.value!r} not in enum {node.schema['enum']}"
            )
    for prefix in ("$[0].assistant", "$[0].assistantOverrides"):
        for suffix in NESTED_ENUM_PATHS:
            path = f"{prefix}.{suffix}"
            node = node_at(path)
            assert node.schema is not None and "enum" in node.schema, f"{path}: expected an enum"


def test_example_validates_against_response_schema() -> None:
    from jsonschema import Draft202012Validator

    schema = dict(response_schema(), components=load_spec()["components"])
    errors = sorted(Draft202012Validator(schema).iter_errors(seed_page().example), key=str)
    assert not errors, "\n".join(f"{e.json_path}: {e.message}" for e in errors)


def test_sensitive_fields_are_marked() -> None:
    for path in SENSITIVE_PATHS:
        node = node_at(path)
        assert node.schema is not None and node.schema.get("x-sensitive") is True, f"{path}: not x-sensitive"
    for pointer, schema in all_schema_dicts(load_spec()):
        for name, prop in (schema.get("properties") or {}).items():
            if isinstance(prop, dict) and SENSITIVE_NAME.search(name):
                assert prop.get("x-sensitive") is True, f"{pointer}/properties/{name}: looks secret, not x-sensitive"


def test_enums_are_strings_with_usable_member_names() -> None:
    for pointer, schema in all_schema_dicts(load_spec()):
        if "enum" not in schema or not isinstance(schema["enum"], list):
            continue
        values = schema["enum"]
        assert schema.get("type") == "string", f"{pointer}: enum without type: string"
        assert len(set(values)) == len(values), f"{pointer}: duplicate enum values"
        names = schema.get("x-enum-varnames")
        if names is None:
            unreadable = [v for v in values if not re.sub(r"[-.]", "_", v).isidentifier()]
            assert not unreadable, f"{pointer}: values {unreadable} need x-enum-varnames"
            continue
        assert len(names) == len(values), f"{pointer}: x-enum-varnames and enum differ in length"
        assert len(set(names)) == len(names), f"{pointer}: duplicate x-enum-varnames"
        bad = [n for n in names if not re.fullmatch(r"[A-Z][A-Z0-9_]*", n)]
        assert not bad, f"{pointer}: x-enum-varnames not UPPER_SNAKE: {bad}"


def test_punctuation_boundaries_are_the_distinct_example_values() -> None:
    boundaries = node_at("$[0].assistant.voice.inputPunctuationBoundaries").value
    distinct = list(dict.fromkeys(boundaries))
    enum = load_spec()["components"]["schemas"]["PunctuationBoundary"]["enum"]
    assert [value for value in enum if value in distinct] == distinct


def test_refs_have_only_description_siblings() -> None:
    for pointer, schema in all_schema_dicts(load_spec()):
        if "$ref" in schema:
            siblings = set(schema) - {"$ref", "description"}
            assert not siblings, f"{pointer}: $ref with siblings {sorted(siblings)}"


def test_component_schemas_have_descriptions() -> None:
    for name, schema in load_spec()["components"]["schemas"].items():
        assert schema.get("description"), f"components.schemas.{name}: no description"


# --------------------------------------------------------------------------
# The checks above, on mutated specs
# --------------------------------------------------------------------------

SEED_CHECKS = [
    test_query_parameters_match_page,
    test_list_calls_operation,
    test_response_fields_are_call_properties,
    test_required_fields,
    test_response_field_types_match_page,
    test_response_fields_the_page_describes_are_described,
    test_call_enums_have_the_available_options,
    test_example_keys_exist_in_spec,
    test_example_enum_values_are_allowed,
    test_example_validates_against_response_schema,
]


def _grow(spec: dict[str, Any]) -> None:
    params = spec["paths"]["/call"]["get"]["parameters"]
    params.reverse()
    params.append({"name": "sortOrder", "in": "query", "required": False, "description": "Newest or oldest first.", "schema": {"type": "string"}})
    params[0]["description"] = "Reworded: " + str(params[0].get("description"))
    call = spec["components"]["schemas"]["Call"]
    call["properties"]["transcript"]["description"] = "The transcript, reworded."
    call["properties"] = {"newField": {"type": "string", "description": "Added."}, **call["properties"]}
    call["properties"]["status"]["enum"].append("archived")
    spec["paths"]["/call"]["get"]["responses"]["404"] = {"description": "Not found."}


def _drop_parameter(spec: dict[str, Any]) -> None:
    params = spec["paths"]["/call"]["get"]["parameters"]
    params[:] = [p for p in params if p["name"] != "updatedAtLe"]


def _retype_parameter(spec: dict[str, Any]) -> None:
    next(p for p in spec["paths"]["/call"]["get"]["parameters"] if p["name"] == "assistantId")["schema"] = {"type": "integer"}


def _drop_field(spec: dict[str, Any]) -> None:
    del spec["components"]["schemas"]["Call"]["properties"]["endedReason"]


def _narrow_field(spec: dict[str, Any]) -> None:
    spec["components"]["schemas"]["Call"]["properties"]["cost"]["type"] = "integer"


def _drop_enum_value(spec: dict[str, Any]) -> None:
    spec["components"]["schemas"]["Call"]["properties"]["status"]["enum"].remove("ended")


@pytest.mark.parametrize(
    ("mutate", "failing_check"),
    [
        (_grow, None),
        (_drop_parameter, "test_query_parameters_match_page"),
        (_retype_parameter, "test_query_parameters_match_page"),
        (_drop_field, "test_response_fields_are_call_properties"),
        (_narrow_field, "test_response_field_types_match_page"),
        (_drop_enum_value, "test_call_enums_have_the_available_options"),
    ],
    ids=lambda value: getattr(value, "__name__", str(value)),
)
def test_the_spec_may_grow_past_the_page_but_not_lose_it(mutate: Any, failing_check: str | None, monkeypatch: pytest.MonkeyPatch) -> None:
    """Reordered and added parameters, an added Call field and enum value, an error response and
    reworded descriptions pass; losing a parameter, field or enum value, or changing a type, fails."""
    import copy

    spec = copy.deepcopy(load_spec())
    mutate(spec)
    monkeypatch.setattr(sys.modules[__name__], "load_spec", lambda: spec)
    failures = []
    for check in SEED_CHECKS:
        try:
            check()
        except AssertionError as exc:
            failures.append(f"{check.__name__}: {str(exc).splitlines()[0]}")
    if failing_check is None:
        assert failures == []
    else:
        assert any(f.startswith(f"{failing_check}:") for f in failures), f"the seed checks accepted it: {failures}"
