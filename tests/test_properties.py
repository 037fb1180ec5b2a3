"""Property tests of the generated client's models (hypothesis, hypothesis-jsonschema).

(a) Any response the spec allows for ``GET /call`` parses as ``list[Call]`` and dumps
    (``by_alias=True, mode="json", exclude_unset=True``) back to the input: datetimes compared
    as instants, numbers with ``==``.
(b) The same with unknown fields and unknown enum strings injected at every level: parsing
    still succeeds, and the dump still gives back the input (so the unknowns were kept), with
    each unknown enum string an ``UNKNOWN`` member of its enum.
(c) Responses shaped by the live API's ``Call`` schema (shared/vapi/openapi.json: many more
    fields, variants and enum values than the page) parse with the client generated from the
    page and dump back to the input. That schema is too big and too polymorphic for
    hypothesis-jsonschema, so a small strategy builder walks it (to a bounded depth).

The JSON Schemas are built from the specs here: ``$ref``s inlined, OpenAPI-only keywords
dropped, ``format: date-time`` drawn from an RFC 3339 strategy (with offsets and fractions).
"""

from __future__ import annotations

import copy
import json
import string
import sys
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pydantic
import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis_jsonschema import from_schema

ROOT = Path(__file__).resolve().parent.parent
GENERATED = ROOT / "generated"
LIVE_SPEC = ROOT.parent / "shared" / "vapi" / "openapi.json"
if str(GENERATED) not in sys.path:
    sys.path.insert(0, str(GENERATED))

from vapi_calls import types  # noqa: E402  (needs generated/ on sys.path)

CALLS = pydantic.TypeAdapter(list[types.Call])
DATE_TIME = "rfc3339-date-time"  # the format name our strategy answers to
EXACT_NUMBERS = 2**53  # a JSON number past this is not exact as the float a `number` field is
UNKNOWN_KEY = "zzUnknownField"  # no field of any model is called this, in either spelling

PROPERTY_SETTINGS = settings(
    max_examples=25,
    deadline=None,
    database=None,  # nothing written into the repository (.hypothesis/)
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much],
)


def rfc3339() -> st.SearchStrategy[str]:
    """RFC 3339 date-times: UTC as ``Z`` or a whole-minute offset, with or without a fraction."""
    offsets = st.one_of(st.just(None), st.integers(-14 * 60, 14 * 60).map(lambda m: timedelta(minutes=m)))

    def render(moment: datetime, offset: timedelta | None, digits: int) -> str:
        zone = timezone.utc if offset is None else timezone(offset)
        text = moment.replace(tzinfo=zone).isoformat(timespec="microseconds" if digits else "seconds")
        if digits:
            head, _, rest = text.partition(".")
            text = f"{head}.{rest[:digits]}{rest[6:]}"
        return text.replace("+00:00", "Z") if offset is None else text

    return st.builds(
        render,
        st.datetimes(min_value=datetime(1971, 1, 1), max_value=datetime(2099, 12, 31)),
        offsets,
        st.sampled_from([0, 3, 6]),
    )


# --- schemas ---------------------------------------------------------------------------------

_DROP = {"description", "examples", "example", "deprecated", "readOnly", "writeOnly", "title", "discriminator"}


def json_schema(node: Any, components: dict[str, Any], seen: tuple[str, ...] = ()) -> Any:
    """A self-contained JSON Schema for an OpenAPI schema: $refs inlined (a recursive one is
    an error here), OpenAPI-only keywords dropped, date-times given our format, numbers
    bounded to what a float holds exactly."""
    if isinstance(node, list):
        return [json_schema(item, components, seen) for item in node]
    if not isinstance(node, dict):
        return node
    if "$ref" in node:
        name = node["$ref"].rsplit("/", 1)[-1]
        assert name not in seen, f"recursive schema {name}"
        return json_schema(components[name], components, (*seen, name))
    result: dict[str, Any] = {}
    for key, value in node.items():
        if key in _DROP or key.startswith("x-"):
            continue
        if key == "properties":
            result[key] = {name: json_schema(prop, components, seen) for name, prop in value.items()}
        elif key == "format" and value == "date-time":
            result[key] = DATE_TIME
        else:
            result[key] = json_schema(value, components, seen)
    if result.get("type") == "number":
        result.setdefault("minimum", -EXACT_NUMBERS)
        result.setdefault("maximum", EXACT_NUMBERS)
    return result


def _curated() -> dict[str, Any]:
    spec = yaml.safe_load((ROOT / "spec" / "openapi.yaml").read_text(encoding="utf-8"))
    response = spec["paths"]["/call"]["get"]["responses"]["200"]["content"]["application/json"]["schema"]
    return json_schema(response, spec["components"]["schemas"])


CALLS_SCHEMA = _curated()


def responses() -> st.SearchStrategy[list[dict[str, Any]]]:
    schema = {**CALLS_SCHEMA, "maxItems": 3}
    return from_schema(schema, custom_formats={DATE_TIME: rfc3339()})


# --- comparing -------------------------------------------------------------------------------


def _instant(text: str) -> datetime | None:
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        return None
    return moment if moment.tzinfo is not None else None


def assert_same(expected: Any, actual: Any, where: str = "$") -> None:
    """JSON equality, except that date-time strings compare as instants."""
    if isinstance(expected, dict):
        assert isinstance(actual, dict), f"{where}: {actual!r} is not an object"
        assert sorted(expected) == sorted(actual), f"{where}: keys {sorted(expected)} != {sorted(actual)}"
        for key in expected:
            assert_same(expected[key], actual[key], f"{where}.{key}")
    elif isinstance(expected, list):
        assert isinstance(actual, list) and len(actual) == len(expected), f"{where}: {actual!r} != {expected!r}"
        for index, (left, right) in enumerate(zip(expected, actual)):
            assert_same(left, right, f"{where}[{index}]")
    elif isinstance(expected, str) and isinstance(actual, str) and expected != actual:
        left, right = _instant(expected), _instant(actual)
        assert left is not None and left == right, f"{where}: {actual!r} != {expected!r}"
    else:
        assert isinstance(expected, bool) == isinstance(actual, bool), f"{where}: {actual!r} != {expected!r}"
        assert expected == actual, f"{where}: {actual!r} != {expected!r}"


def round_trip(payload: list[dict[str, Any]]) -> list[types.Call]:
    calls = CALLS.validate_python(copy.deepcopy(payload))
    dumped = CALLS.dump_python(calls, by_alias=True, mode="json", exclude_unset=True)
    assert_same(payload, dumped)
    assert_same(payload, json.loads(CALLS.dump_json(calls, by_alias=True, exclude_unset=True)))
    return calls


# --- (a) ---------------------------------------------------------------------------------------


@PROPERTY_SETTINGS
@given(responses())
def test_any_response_the_spec_allows_parses_and_dumps_back(payload: list[dict[str, Any]]) -> None:
    calls = round_trip(payload)
    for raw, call in zip(payload, calls):
        assert call.id == raw["id"] and call.org_id == raw["orgId"]
        assert call.created_at == _instant(raw["createdAt"])


# --- (b) ---------------------------------------------------------------------------------------

_JSON = st.recursive(
    st.none() | st.booleans() | st.integers(-(10**6), 10**6) | st.text(max_size=5),
    lambda inner: st.lists(inner, max_size=2) | st.dictionaries(st.text(max_size=4), inner, max_size=2),
    max_leaves=4,
)


@st.composite
def with_unknowns(draw: st.DrawFn) -> tuple[list[dict[str, Any]], list[tuple[Any, str]]]:
    """A valid response with an unknown field added to objects and unknown strings put in
    enum fields, at every level the schema describes; also where each unknown enum went."""
    payload = draw(responses())
    unknown_enums: list[tuple[Any, str]] = []  # (path, raw value)

    def walk(value: Any, schema: dict[str, Any], path: tuple[Any, ...], tag: str | None = None) -> Any:
        if isinstance(value, dict) and "oneOf" in schema:  # a tagged union: into the variant, its tag kept
            found = [(v, p) for v in schema["oneOf"] for p, prop in v["properties"].items() if prop.get("enum") == [value.get(p)]]
            if not found:  # no tag (the spec lets it be left out): an UnknownVariant, kept whole
                return value
            return walk(value, found[0][0], path, found[0][1])
        if isinstance(value, str) and "enum" in schema and draw(st.booleans()):
            raw = "zz-" + draw(st.text(alphabet=string.ascii_lowercase + "-_. ", min_size=1, max_size=12))
            unknown_enums.append((path, raw))
            return raw
        if isinstance(value, list) and isinstance(schema.get("items"), dict):
            return [walk(item, schema["items"], (*path, index)) for index, item in enumerate(value)]
        if isinstance(value, dict) and "properties" in schema:
            result = {
                key: item if key == tag else walk(item, schema["properties"].get(key, {}), (*path, key))
                for key, item in value.items()
            }
            if draw(st.booleans()):
                result[UNKNOWN_KEY] = draw(_JSON)
            return result
        return value

    return walk(payload, CALLS_SCHEMA, ()), unknown_enums


def _get(model: Any, path: tuple[Any, ...]) -> Any:
    for step in path:
        if isinstance(step, int):
            model = model[step]
        else:
            by_alias = {field.alias or name: name for name, field in type(model).model_fields.items()}
            model = getattr(model, by_alias[step])
    return model


@PROPERTY_SETTINGS
@given(with_unknowns())
def test_unknown_fields_and_enum_values_parse_and_are_kept(case: tuple[list[dict[str, Any]], list[tuple[Any, str]]]) -> None:
    payload, unknown_enums = case
    calls = round_trip(payload)
    for path, raw in unknown_enums:
        member = _get(calls, path)
        assert member.name == "UNKNOWN" and member.value == raw and member == raw, (path, member)


def test_the_injection_reaches_nested_enums_and_objects() -> None:
    """(b) is only as good as its reach: the Call schema has enums and objects below the top."""
    def count(schema: Any, depth: int = 0) -> list[tuple[str, int]]:
        found: list[tuple[str, int]] = []
        if isinstance(schema, dict):
            if "enum" in schema:
                found.append(("enum", depth))
            if "properties" in schema:
                found.append(("object", depth))
                for prop in schema["properties"].values():
                    found += count(prop, depth + 1)
            if isinstance(schema.get("items"), dict):
                found += count(schema["items"], depth + 1)
            for variant in schema.get("oneOf") or []:
                found += count(variant, depth)
        return found

    found = count(CALLS_SCHEMA)
    assert any(kind == "enum" and depth >= 3 for kind, depth in found)
    assert any(kind == "object" and depth >= 3 for kind, depth in found)


# --- (c) ---------------------------------------------------------------------------------------


class LiveShapes:
    """Hypothesis strategies for values of the live spec's schemas, to a bounded depth.

    ``$ref``s are followed; ``allOf`` parts are merged; ``oneOf``/``anyOf`` pick a variant;
    past ``max_depth`` objects get their required properties only and arrays stay empty.
    """

    def __init__(self, document: dict[str, Any], max_depth: int = 3) -> None:
        self.schemas = document["components"]["schemas"]
        self.max_depth = max_depth
        self.cache: dict[tuple[int, int], st.SearchStrategy[Any]] = {}
        # The cache is keyed by id(); the schemas built on the fly (a oneOf variant merged with
        # its parent's keys) are kept alive here, or a later dict could reuse an id and get
        # another schema's strategy (seen: a voice object drawn for an enum of strings).
        self.keep: list[dict[str, Any]] = []

    def resolve(self, schema: dict[str, Any]) -> dict[str, Any]:
        while "$ref" in schema:
            schema = {**self.schemas[schema["$ref"].rsplit("/", 1)[-1]], **{k: v for k, v in schema.items() if k != "$ref"}}
        if "allOf" in schema:
            merged: dict[str, Any] = {k: v for k, v in schema.items() if k != "allOf"}
            for part in schema["allOf"]:
                part = self.resolve(part)
                merged = {**part, **merged}
                merged["properties"] = {**part.get("properties", {}), **merged.get("properties", {})}
                merged["required"] = sorted({*part.get("required", []), *merged.get("required", [])})
            schema = merged
        return schema

    def strategy(self, schema: dict[str, Any], depth: int = 0) -> st.SearchStrategy[Any]:
        key = (id(schema), depth)
        if key not in self.cache:
            self.keep.append(schema)
            self.cache[key] = st.deferred(lambda: self._build(self.resolve(schema), depth))
        return self.cache[key]

    def _build(self, schema: dict[str, Any], depth: int) -> st.SearchStrategy[Any]:
        nullable = schema.get("nullable") is True
        base = self._base(schema, depth)
        return st.one_of(st.none(), base) if nullable else base

    def _base(self, schema: dict[str, Any], depth: int) -> st.SearchStrategy[Any]:
        for key in ("oneOf", "anyOf"):
            if key in schema:
                own = {k: v for k, v in schema.items() if k not in (key, "discriminator")}
                variants = [self.resolve({**own, **variant}) for variant in schema[key]]
                return st.one_of(*[self.strategy(v, depth) for v in variants])
        kind = schema.get("type")
        if "const" in schema:
            return st.just(schema["const"])
        if schema.get("enum") and kind not in ("array", "object"):  # the live spec puts `enum` beside
            return st.sampled_from(schema["enum"])  # `type: array` too; its items say the same
        if isinstance(kind, list):
            kinds = [k for k in kind if k != "null"]
            return st.one_of(*[self._base({**schema, "type": k}, depth) for k in kinds or ["null"]])
        if kind == "string":
            if schema.get("format") == "date-time":
                return rfc3339()
            low, high = schema.get("minLength", 0), min(schema.get("maxLength", 8), 8)
            return st.text(alphabet=string.ascii_letters + "é☕ -", min_size=min(low, high), max_size=high)
        if kind == "integer":
            return st.integers(int(schema.get("minimum", -1000)), int(schema.get("maximum", 1000)))
        if kind == "number":
            low, high = schema.get("minimum", -1e6), schema.get("maximum", 1e6)
            return st.integers(int(low), int(high)) | st.floats(low, high, allow_nan=False, allow_infinity=False)
        if kind == "boolean":
            return st.booleans()
        if kind == "null":
            return st.none()
        if kind == "array" or "items" in schema:
            if depth >= self.max_depth:
                return st.just([])
            items = schema.get("items") or {}
            return st.lists(self.strategy(items, depth + 1), min_size=min(schema.get("minItems", 0), 2), max_size=2)
        if kind == "object" or "properties" in schema:
            properties = schema.get("properties") or {}
            required = set(schema.get("required") or []) & set(properties)
            optional = {} if depth >= self.max_depth else {k: v for k, v in properties.items() if k not in required}
            return st.fixed_dictionaries(
                {k: self.strategy(properties[k], depth + 1) for k in sorted(required)},
                optional={k: self.strategy(v, depth + 1) for k, v in optional.items()},
            )
        return _JSON


@pytest.fixture(scope="module")
def live_calls() -> st.SearchStrategy[list[dict[str, Any]]]:
    if not LIVE_SPEC.is_file():
        pytest.skip(f"{LIVE_SPEC} is not there")
    document = json.loads(LIVE_SPEC.read_text(encoding="utf-8"))
    return st.lists(LiveShapes(document).strategy(document["components"]["schemas"]["Call"]), min_size=1, max_size=2)


def test_responses_shaped_by_the_live_schema_parse(live_calls: st.SearchStrategy[list[dict[str, Any]]]) -> None:
    @PROPERTY_SETTINGS
    @given(live_calls)
    def check(payload: list[dict[str, Any]]) -> None:
        round_trip(payload)

    check()
