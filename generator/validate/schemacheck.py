"""Stage 2, continued: schema problems that datamodel-code-generator would paper over.

- An enum with no values: no value is valid, so it is always a mistake.
- Two enum values that become the same member name (``a-b`` and ``a_b`` are both ``A_B``).
- Two properties that become the same field name (``fooBar`` and ``foo_bar`` are both
  ``foo_bar``).

For both collisions datamodel-code-generator calls the second one ``a_b_1`` / ``foo_bar_1``:
the client works, but which value gets the readable name depends on the order in the spec,
and a later spec that drops or reorders one silently changes what a public name means. So
each collision is a warning naming both (an error with ``--strict``); ``x-enum-varnames``
chooses enum member names. Real specs do this on purpose (openapi-python-client's test
spec has ``mixed_case`` beside ``mixedCase``). An empty enum is a warning too: the live Vapi
spec has one, in a ``oneOf`` branch that can never match.

Names are computed with datamodel-code-generator's own resolvers, set up as
:mod:`generator.models.models` sets it up, so this sees exactly the names it would write. Only
schemas are visited (component schemas, and the schemas of parameters, bodies, responses
and headers, recursively), never examples or defaults. The walk is iterative.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ..common import pointer as jsonpointer
from ..common import structure
from ..errors import Finding
from ..load.loader import LoadedSpec

def check_schemas(spec: LoadedSpec) -> list[Finding]:
    """The problems found, as warnings (``--strict`` makes them errors)."""
    warnings: list[Finding] = []
    resolvers: tuple[Any, Any] | None = None
    for parts, schema in _schemas(spec.document):
        enum = schema.get("enum")
        if isinstance(enum, list) and not enum:
            warnings.append(Finding(jsonpointer.join([*parts, "enum"]), "an enum with no values allows no value at all"))
            continue
        properties = schema.get("properties")
        needs_enum = isinstance(enum, list) and len(enum) > 1
        needs_fields = isinstance(properties, dict) and len(properties) > 1
        if not (needs_enum or needs_fields):
            continue
        if resolvers is None:
            resolvers = _resolvers()
        enum_names, field_names = resolvers
        if needs_enum:
            warnings += _check_enum(parts, schema, enum_names)
        if needs_fields:
            warnings += _check_fields(parts, properties, field_names)
    return warnings


def _check_enum(parts: list[str], schema: dict[str, Any], resolver: Any) -> list[Finding]:
    values = [v for v in schema["enum"] if v is not None]
    if not all(isinstance(v, str) for v in values):
        return []  # numbers get positional names; they cannot collide
    varnames = schema.get("x-enum-varnames")
    if isinstance(varnames, list) and len(varnames) == len(values) and all(isinstance(v, str) for v in varnames):
        labels, where, what = varnames, "x-enum-varnames", "names"
    else:
        labels, where, what = values, "enum", "values"
    seen: dict[str, str] = {}
    found = []
    for index, label in enumerate(labels):
        name = resolver.get_valid_name(label)
        if name in seen and seen[name] != label:
            hint = "" if where == "x-enum-varnames" else "; choose the member names with x-enum-varnames"
            found.append(
                Finding(
                    jsonpointer.join([*parts, where, str(index)]),
                    f"enum {what} {seen[name]!r} and {label!r} both become the member name {name}{hint}",
                )
            )
        seen[name] = label
    return found


def _check_fields(parts: list[str], properties: dict[str, Any], resolver: Any) -> list[Finding]:
    seen: dict[str, str] = {}
    found = []
    for wire_name in properties:
        name = resolver.get_valid_name(wire_name)
        if name in seen:
            found.append(
                Finding(
                    jsonpointer.join([*parts, "properties", wire_name]),
                    f"properties {seen[name]!r} and {wire_name!r} both become the field name {name!r}; "
                    "the second gets a numbered name",
                )
            )
        seen[name] = wire_name
    return found


def _resolvers() -> tuple[Any, Any]:
    """datamodel-code-generator's name resolvers for enum members and model fields, with the
    options :func:`generator.models.models.generate_models` passes (snake_case_field,
    capitalise_enum_members, use_subclass_enum, Python 3.10)."""
    from datamodel_code_generator import PythonVersion
    from datamodel_code_generator.model.field_name import PydanticFieldNameResolver
    from datamodel_code_generator.reference import EnumFieldNameResolver

    target = PythonVersion.PY_310
    enum_names = EnumFieldNameResolver(
        snake_case_field=True, capitalise_enum_members=True, use_subclass_enum=True, target_python_version=target
    )
    field_names = PydanticFieldNameResolver(snake_case_field=True, target_python_version=target)
    return enum_names, field_names


def _schemas(document: dict[str, Any]) -> Iterator[tuple[list[str], dict[str, Any]]]:
    """Every schema object in the document with its path, in document order (found by the
    document's structure: a property named ``examples`` is a schema, an example named
    ``schema`` is not)."""
    for parts, node, kind in structure.walk(document):
        if kind == "schema":
            yield parts, node
