"""Valid values built from a spec's own schemas, for the contract test (tests/test_contract.py).

:class:`ValueBuilder` turns a JSON schema of the spec into one JSON value the schema accepts:
the schema's ``const``, ``enum``, ``example``/``examples`` or ``default`` when it validates, else a
value made from its type and constraints (``format`` date-time, date, uuid, email, uri, ...;
``minimum``/``maximum``, ``multipleOf``, ``minLength``/``maxLength``, ``pattern``, ``minItems``;
``allOf`` merged, the first ``oneOf``/``anyOf`` branch that works; objects with their required
properties only, ``readOnly`` ones left out of requests). Every value is checked against its
schema, formats included, with the OpenAPI dialect of the spec (openapi-schema-validator, the validator the
generator's own validation uses), so a wrong example in the spec is never sent.

A schema nothing valid can be made for (a pattern too hard, a recursion with no way out) raises
:class:`NoValue`: the contract test files that operation under "no value could be built".
"""

from __future__ import annotations

import base64
import copy
import random
import re
from typing import Any

from openapi_schema_validator import OAS30Validator, OAS31Validator, oas30_format_checker, oas31_format_checker

_MAX_DEPTH = 12


class NoValue(Exception):
    """No valid value could be built for a schema (why, in the message)."""


_FORMATS = {
    "date-time": "2024-01-02T03:04:05Z",
    "date": "2024-01-02",
    "time": "03:04:05Z",
    "uuid": "3fa85f64-5717-4562-b3fc-2c963f66afa6",
    "email": "user@example.com",
    "idn-email": "user@example.com",
    "uri": "https://example.com/a",
    "url": "https://example.com/a",
    "uri-reference": "https://example.com/a",
    "iri": "https://example.com/a",
    "hostname": "example.com",
    "ipv4": "192.0.2.1",
    "ipv6": "2001:db8::1",
    "byte": base64.b64encode(b"data").decode(),
    "duration": "P1D",
    "regex": "^a$",
    "json-pointer": "/a",
    "phone": "+15555550100",
}


class ValueBuilder:
    """Values for the schemas of one (bundled) document."""

    def __init__(self, document: dict[str, Any]) -> None:
        self.document = document
        version = str(document.get("openapi", "3.0"))
        self._validator_class = OAS31Validator if version.startswith("3.1") else OAS30Validator
        # Formats are checked too: a spec's example `2018-01-01 00:00` under `format: date` is
        # not sent (Prism checks formats; found by the corpus contract run).
        self._format_checker = oas31_format_checker if version.startswith("3.1") else oas30_format_checker
        self._random = random.Random(0)

    # -- checking ---------------------------------------------------------------------------

    def is_valid(self, schema: Any, value: Any) -> bool:
        if not isinstance(schema, dict):
            return True
        # The schema is checked as a part of the document, so that its "#/components/..." $refs
        # resolve there: the document itself with a $ref to the schema (its other keys are not
        # JSON Schema keywords, and are ignored).
        root = {**self.document, "$ref": "#/x-contract-schema", "x-contract-schema": schema}
        try:
            return bool(self._validator_class(root, format_checker=self._format_checker).is_valid(value))
        except Exception:  # a schema the validator cannot read: judged by the server instead
            return True

    def resolve(self, schema: Any, *, siblings: bool = True) -> Any:
        """``schema`` with its ``$ref`` followed. Keys beside a ``$ref`` are ignored in OpenAPI 3.0;
        in 3.1 they apply too (``siblings``: as an ``allOf`` of both, when they constrain)."""
        for _ in range(100):
            if not (isinstance(schema, dict) and isinstance(schema.get("$ref"), str)):
                break
            ref = schema["$ref"]
            if not ref.startswith("#/"):
                raise NoValue(f"an external $ref {ref}")
            target: Any = self.document
            for token in ref[2:].split("/"):
                token = token.replace("~1", "/").replace("~0", "~")
                target = target[int(token)] if isinstance(target, list) else target[token]
            beside = {k: v for k, v in schema.items() if k != "$ref"}
            if siblings and self._validator_class is OAS31Validator and _constrains(beside):
                return {"allOf": [target, beside]}
            schema = target
        return schema

    # -- building ---------------------------------------------------------------------------

    def value(self, schema: Any, *, for_request: bool = True) -> Any:
        """One value ``schema`` accepts (raises :class:`NoValue`)."""
        found = self._value(schema, 0, for_request)
        if not self.is_valid(schema, found):
            raise NoValue(f"the value built ({_short(found)}) does not validate")
        return found

    def _value(self, schema: Any, depth: int, for_request: bool) -> Any:
        if depth > _MAX_DEPTH:
            raise NoValue("the schema nests (or recurses) too deep")
        original = schema
        schema = self.resolve(schema)
        if schema is True or schema is None or schema == {}:
            return "value"
        if schema is False:
            raise NoValue("the schema is false")
        if not isinstance(schema, dict):
            raise NoValue("the schema is not an object")
        for candidate in self._given(schema):
            if self.is_valid(original, candidate):
                return copy.deepcopy(candidate)
        if "allOf" in schema:
            return self._all_of(schema, depth, for_request)
        for key in ("oneOf", "anyOf"):
            if isinstance(schema.get(key), list):
                return self._one_of(schema, key, depth, for_request)
        kind = _type_of(schema)
        if kind == "null":
            return None
        if kind == "string":
            return self._string(schema)
        if kind == "integer":
            return int(self._number(schema, integer=True))
        if kind == "number":
            return self._number(schema, integer=False)
        if kind == "boolean":
            return True
        if kind == "array":
            return self._array(schema, depth, for_request)
        return self._object(schema, depth, for_request)

    def _given(self, schema: dict[str, Any]) -> list[Any]:
        """The values the schema names itself, in order of preference."""
        found: list[Any] = []
        if "const" in schema:
            found.append(schema["const"])
        if isinstance(schema.get("enum"), list):
            found.extend(v for v in schema["enum"] if v is not None)
            if all(v is None for v in schema["enum"]):
                found.append(None)
        if "example" in schema:
            found.append(schema["example"])
        if isinstance(schema.get("examples"), list):
            found.extend(schema["examples"])
        if "default" in schema:
            found.append(schema["default"])
        return found

    def _all_of(self, schema: dict[str, Any], depth: int, for_request: bool) -> Any:
        rest = {k: v for k, v in schema.items() if k != "allOf"}
        parts = [*schema["allOf"], rest] if rest else list(schema["allOf"])
        merged: Any = None
        for part in parts:
            resolved = self.resolve(part)
            if isinstance(resolved, dict) and not resolved:
                continue
            if isinstance(resolved, dict) and set(resolved) <= {"description", "title", "nullable", "example", "examples", "default", "deprecated", "readOnly", "writeOnly"}:
                continue
            piece = self._value(part, depth + 1, for_request)
            if isinstance(merged, dict) and isinstance(piece, dict):
                merged = {**merged, **piece}
            elif merged is None:
                merged = piece
        if merged is None:
            return "value"
        return merged

    def _one_of(self, schema: dict[str, Any], key: str, depth: int, for_request: bool) -> Any:
        rest = {k: v for k, v in schema.items() if k not in (key, "discriminator")}
        variants = sorted(schema[key], key=lambda v: _type_of(self.resolve(v) or {}) == "null")
        problems = []
        for variant in variants:
            try:
                candidate = self._value({**rest, "allOf": [variant]} if _constrains(rest) else variant, depth + 1, for_request)
            except NoValue as exc:
                problems.append(str(exc))
                continue
            candidate = self._with_discriminator(schema, variant, candidate)
            if self.is_valid(schema, candidate):
                return candidate
        if schema.get("nullable") is True and self.is_valid(schema, None):
            return None  # every object fits several branches: null is the one value that fits
        raise NoValue(f"no branch of {key} gives a valid value" + (f" ({problems[0]})" if problems else ""))

    def _with_discriminator(self, schema: dict[str, Any], variant: Any, value: Any) -> Any:
        discriminator = schema.get("discriminator")
        if not (isinstance(discriminator, dict) and isinstance(value, dict)):
            return value
        name = discriminator.get("propertyName")
        ref = variant.get("$ref") if isinstance(variant, dict) else None
        if not isinstance(name, str) or not isinstance(ref, str):
            return value
        mapping = discriminator.get("mapping") or {}
        tag = next((k for k, v in mapping.items() if v == ref or v == ref.rsplit("/", 1)[-1]), None)
        if tag is None and name not in value:
            tag = ref.rsplit("/", 1)[-1]
        if tag is not None:
            value = {**value, name: tag}
        return value

    def _string(self, schema: dict[str, Any]) -> str:
        fmt = schema.get("format")
        pattern = schema.get("pattern")
        low = int(schema.get("minLength") or 0)
        high = schema.get("maxLength")
        if isinstance(fmt, str) and fmt in _FORMATS:
            text = _FORMATS[fmt]
        else:
            text = "string"
        if isinstance(pattern, str) and not _matches(pattern, text):
            text = self._from_pattern(pattern, low, high)
        if len(text) < low:
            text = text + "a" * (low - len(text))
        if isinstance(high, int) and len(text) > high:
            text = text[:high]
        return text

    def _from_pattern(self, pattern: str, low: int, high: Any) -> str:
        for guess in ("string", "abc", "a", "A", "1", "a1", "abc123", "ABC", "x-y", "a_b", "123", "+15555550100", "US"):
            if _matches(pattern, guess) and len(guess) >= low and (not isinstance(high, int) or len(guess) <= high):
                return guess
        shortest = _shortest_match(pattern, low)
        if shortest is not None and _matches(pattern, shortest) and (not isinstance(high, int) or len(shortest) <= high):
            return shortest
        try:
            from hypothesis import HealthCheck, find, settings
            from hypothesis import strategies as st
        except ImportError:  # pragma: no cover - hypothesis is a dev dependency
            raise NoValue(f"pattern {pattern!r}") from None
        try:
            return str(
                find(
                    st.from_regex(pattern),
                    lambda s: len(s) >= low and (not isinstance(high, int) or len(s) <= high) and s.isprintable(),
                    settings=settings(database=None, max_examples=50, max_shrinks=0, suppress_health_check=list(HealthCheck)),
                    random=self._random,
                )
            )
        except Exception:
            raise NoValue(f"nothing found that matches the pattern {pattern!r}") from None

    def _number(self, schema: dict[str, Any], *, integer: bool) -> float:
        low = schema.get("minimum")
        high = schema.get("maximum")
        exclusive_low = schema.get("exclusiveMinimum")
        exclusive_high = schema.get("exclusiveMaximum")
        step = schema.get("multipleOf")
        if isinstance(exclusive_low, (int, float)) and not isinstance(exclusive_low, bool):
            low = exclusive_low + (1 if integer else 0.5) if low is None else max(low, exclusive_low + (1 if integer else 0.5))
        elif exclusive_low is True and low is not None:
            low = low + (1 if integer else 0.5)
        if isinstance(exclusive_high, (int, float)) and not isinstance(exclusive_high, bool):
            high = exclusive_high - (1 if integer else 0.5) if high is None else min(high, exclusive_high - (1 if integer else 0.5))
        elif exclusive_high is True and high is not None:
            high = high - (1 if integer else 0.5)
        value: float = 1
        if low is not None and value < low:
            value = low
        if high is not None and value > high:
            value = high
        if isinstance(step, (int, float)) and step:
            value = (int(value / step) + (1 if value % step else 0)) * step
            if high is not None and value > high:
                value -= step
        if integer:
            import math

            value = math.ceil(value) if low is not None else int(value)
        return value

    def _array(self, schema: dict[str, Any], depth: int, for_request: bool) -> list[Any]:
        low = int(schema.get("minItems") or 0)
        items = schema.get("items", {})
        if isinstance(schema.get("prefixItems"), list):
            return [self._value(item, depth + 1, for_request) for item in schema["prefixItems"]]
        try:
            item = self._value(items, depth + 1, for_request)
        except NoValue:
            if low == 0:
                return []
            raise
        count = max(low, 1)
        if schema.get("uniqueItems") and count > 1:
            values = [item]
            resolved = self.resolve(items) or {}
            for extra in range(1, count):
                if _type_of(resolved) in ("integer", "number"):
                    values.append(item + extra)
                elif _type_of(resolved) == "string":
                    values.append(f"{item}{extra}")
                else:
                    raise NoValue("unique items that are not numbers or strings")
            return values
        return [item] * count

    def _object(self, schema: dict[str, Any], depth: int, for_request: bool) -> dict[str, Any]:
        properties = schema.get("properties") or {}
        required = [name for name in schema.get("required") or [] if isinstance(name, str)]
        result: dict[str, Any] = {}
        for name in required:
            prop = properties.get(name, {}) if isinstance(properties, dict) else {}
            resolved = self.resolve(prop)
            if for_request and isinstance(resolved, dict) and resolved.get("readOnly"):
                continue
            if not for_request and isinstance(resolved, dict) and resolved.get("writeOnly"):
                continue
            result[name] = self._value(prop, depth + 1, for_request)
        low = int(schema.get("minProperties") or 0)
        if len(result) < low and isinstance(properties, dict):
            for name, prop in properties.items():
                if len(result) >= low:
                    break
                if name not in result:
                    result[name] = self._value(prop, depth + 1, for_request)
        extra = schema.get("additionalProperties")
        while len(result) < low and extra not in (None, False):
            result[f"key{len(result)}"] = self._value(extra if isinstance(extra, dict) else {}, depth + 1, for_request)
        return result


def _type_of(schema: Any) -> str | None:
    if not isinstance(schema, dict):
        return None
    kind = schema.get("type")
    if isinstance(kind, list):
        concrete = [k for k in kind if k != "null"]
        return concrete[0] if concrete else "null"
    if isinstance(kind, str):
        return kind
    if "properties" in schema or "additionalProperties" in schema or "required" in schema:
        return "object"
    if "items" in schema:
        return "array"
    if "enum" in schema and schema["enum"]:
        first = schema["enum"][0]
        return {str: "string", bool: "boolean", int: "integer", float: "number"}.get(type(first), "string")
    if any(k in schema for k in ("minLength", "maxLength", "pattern", "format")):
        return "string"
    if any(k in schema for k in ("minimum", "maximum", "multipleOf")):
        return "number"
    return None


def _constrains(schema: dict[str, Any]) -> bool:
    """Whether keys beside a ``oneOf`` constrain its value (then each branch is combined with them)."""
    quiet = {"description", "title", "nullable", "example", "examples", "default", "deprecated", "x-stainless-naming"}
    return any(not key.startswith("x-") and key not in quiet for key in schema)


def _shortest_match(pattern: str, low: int) -> str | None:
    """A short string the regular expression matches, written from its parse tree (each repeat
    its least count, each set and branch its first member), or None when the walk cannot tell;
    deterministic and quick, unlike a search (``^AC[0-9a-fA-F]{32}$`` -> ``AC000...0``)."""
    try:
        import re._parser as sre  # type: ignore[import-not-found]
    except ImportError:  # pragma: no cover - Python 3.10
        import sre_parse as sre  # type: ignore[no-redef]

    def walk(items: Any) -> str:
        out = []
        for op, arg in items:
            name = str(op)
            if name == "LITERAL":
                out.append(chr(arg))
            elif name == "NOT_LITERAL":
                out.append("a" if chr(arg) != "a" else "b")
            elif name == "ANY":
                out.append("a")
            elif name == "IN":
                out.append(first_of(arg))
            elif name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"):
                least, _most, inner = arg
                out.append(walk(inner) * max(least, 0))
            elif name == "SUBPATTERN":
                out.append(walk(arg[-1]))
            elif name == "ATOMIC_GROUP":
                out.append(walk(arg))
            elif name == "BRANCH":
                out.append(walk(arg[1][0]))
            elif name in ("AT", "ASSERT", "ASSERT_NOT"):
                continue
            elif name == "CATEGORY":
                out.append(category(arg))
            else:
                raise ValueError(name)
        return "".join(out)

    def first_of(members: Any) -> str:
        negate = any(str(op) == "NEGATE" for op, _ in members)
        if negate:
            return "~"
        op, arg = members[0]
        if str(op) == "LITERAL":
            return chr(arg)
        if str(op) == "RANGE":
            return chr(arg[0])
        if str(op) == "CATEGORY":
            return category(arg)
        raise ValueError(str(op))

    def category(arg: Any) -> str:
        text = str(arg)
        return {"CATEGORY_DIGIT": "0", "CATEGORY_SPACE": " ", "CATEGORY_WORD": "a"}.get(text, "a" if "NOT_DIGIT" in text else "0")

    try:
        text = walk(sre.parse(pattern))
    except Exception:
        return None
    return text if len(text) >= low else None


def _matches(pattern: str, text: str) -> bool:
    try:
        return re.search(pattern, text) is not None
    except re.error:
        return True  # an ECMA regex Python cannot read: the server judges


def _short(value: Any) -> str:
    text = repr(value)
    return text if len(text) < 80 else text[:77] + "..."
