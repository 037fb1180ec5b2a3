"""Tagged unions: which unions the generator tags (generator/models/unions.py), and how the generated
types behave (the petstore fixture has an inferred union, ``Pet.details``, and a declared one,
``PetToy``)."""

from __future__ import annotations

import copy
import sys
from pathlib import Path
from typing import Any

import pydantic
import pytest

from generator.models.patterns import regex_body
from generator.models.unions import TaggedUnion, mark_unions

GOLDEN = Path(__file__).resolve().parent / "fixtures" / "petstore" / "expected"
if str(GOLDEN) not in sys.path:
    sys.path.insert(0, str(GOLDEN))

from petstore import types  # noqa: E402


def _obj(tag: Any, *, required: bool = True, kind: str = "const", prop: str = "provider") -> dict[str, Any]:
    pinned = {"type": "string", "const": tag} if kind == "const" else {"type": "string", "enum": [tag]}
    return {"type": "object", "required": [prop] if required else [], "properties": {prop: pinned, "x": {"type": "number"}}}


def _ref(name: str) -> dict[str, str]:
    return {"$ref": f"#/components/schemas/{name}"}


def _schemas(union: dict[str, Any], **variants: dict[str, Any]) -> dict[str, Any]:
    return {**copy.deepcopy(variants), "Owner": {"type": "object", "properties": {"thing": union}}}


def test_an_inferred_union_becomes_a_placeholder_named_after_its_place() -> None:
    schemas = _schemas({"description": "d", "oneOf": [_ref("A"), _ref("B")]}, A=_obj("a"), B=_obj("b", kind="enum"))
    (union,) = mark_unions(schemas)
    assert union == TaggedUnion("OwnerThing", "provider", (("A", ("a",)), ("B", ("b",))), declared=False)
    assert schemas["Owner"]["properties"]["thing"] == {"$ref": "#/components/schemas/OwnerThing", "description": "d"}
    assert schemas["OwnerThing"]["type"] == "object"


def test_a_union_with_properties_of_its_own_is_each_variant_with_them() -> None:
    own = {"type": "object", "properties": {"kind": {"type": "string"}}}
    schemas = {"A": _obj("a"), "B": _obj("b"), "U": {"oneOf": [_ref("A"), _ref("B")]}, "Owner": {"type": "object", "properties": {"thing": {"allOf": [_ref("U"), own]}}}}
    unions = {union.key: union for union in mark_unions(schemas)}
    assert unions["OwnerThing"] == TaggedUnion("OwnerThing", "provider", (("OwnerThingA", ("a",)), ("OwnerThingB", ("b",))), declared=False)
    assert schemas["Owner"]["properties"]["thing"] == _ref("OwnerThing")
    assert schemas["OwnerThingA"] == {"allOf": [_ref("A"), own]} and schemas["OwnerThingB"] == {"allOf": [_ref("B"), own]}
    assert schemas["OwnerThingA"]["allOf"][1] is not schemas["OwnerThingB"]["allOf"][1]  # each variant its own copy


@pytest.mark.parametrize(
    "variants",
    [
        {"A": _obj("a"), "B": _obj("b", required=False)},  # the tag must be required in every variant
        {"A": _obj("a"), "B": _obj("a")},  # values must differ
        {"A": _obj("a"), "B": _obj("b", prop="type")},  # the same property
        {"A": _obj("a"), "B": {"type": "string"}},  # every variant an object
        {"A": _obj("a"), "B": {**_obj("b"), "properties": {"provider": {"type": "string", "enum": ["b", "c"]}}}},
    ],
    ids=["not-required", "same-value", "other-property", "not-an-object", "two-values"],
)
def test_no_tag_is_inferred_when_the_rule_does_not_hold(variants: dict[str, Any]) -> None:
    schemas = _schemas({"oneOf": [_ref(k) for k in variants]}, **variants)
    before = copy.deepcopy(schemas)
    assert mark_unions(schemas) == ()
    assert schemas == before


def test_inline_variants_are_not_tagged() -> None:
    schemas = _schemas({"anyOf": [_ref("A"), _obj("b")]}, A=_obj("a"))
    assert mark_unions(schemas) == ()


def test_a_declared_discriminator_uses_the_mapping_then_the_component_name_and_pinned_value() -> None:
    union_schema = {
        "oneOf": [_ref("Ball"), _ref("Rope")],
        "discriminator": {"propertyName": "shape", "mapping": {"round": "#/components/schemas/Ball", "sphere": "Ball"}},
    }
    schemas = {"Toy": union_schema, "Ball": _obj("x", required=False, prop="shape"), "Rope": _obj("rope", required=False, prop="shape")}
    (union,) = mark_unions(schemas)
    assert union == TaggedUnion("Toy", "shape", (("Ball", ("round", "sphere")), ("Rope", ("Rope", "rope"))), declared=True)
    assert schemas["Toy"]["type"] == "object"  # the component itself is the placeholder


def test_a_single_variant_union_is_tagged_so_other_tags_have_a_fallback() -> None:
    schemas = {"Voice": {"oneOf": [_ref("Azure")]}, "Azure": _obj("azure")}
    (union,) = mark_unions(schemas)
    assert union.variants == (("Azure", ("azure",)),)


def test_the_tag_is_found_through_refs_and_all_of() -> None:
    schemas = {
        "U": {"oneOf": [_ref("A"), _ref("B")]},
        "Base": {"type": "object", "required": ["kind"], "properties": {"kind": {"type": "string"}}},
        "AKind": {"type": "string", "enum": ["a"]},
        "A": {"allOf": [_ref("Base"), {"type": "object", "properties": {"kind": _ref("AKind")}}]},
        "B": {"type": "object", "required": ["kind"], "properties": {"kind": {"const": "b"}}},
    }
    (union,) = mark_unions(schemas)
    assert union.property == "kind" and union.variants == (("A", ("a",)), ("B", ("b",)))


def test_js_regex_literals_become_their_body() -> None:
    assert regex_body("/^\\p{L}+$/u") == "^\\p{L}+$"
    assert regex_body("/^ab$/im") == "(?im)^ab$"
    assert regex_body("/api/") == "/api/"  # no flags, no anchor: a pattern with slashes
    assert regex_body("^a+$") == "^a+$"


# -- the generated types (petstore fixture) ------------------------------------------------------

PET = {"id": 1, "name": "Rex", "status": "available"}


@pytest.mark.parametrize(
    ("details", "cls"),
    [({"kind": "dog", "barks": True}, "Dog"), ({"kind": "cat", "lives": 9}, "Cat"), ({"kind": "axolotl", "gills": 6}, "UnknownVariant")],
)
def test_the_tag_picks_the_class(details: dict[str, Any], cls: str) -> None:
    pet = types.Pet.model_validate({**PET, "details": details})
    assert type(pet.details) is getattr(types, cls)
    assert pet.to_dict()["details"] == details
    assert pet.details is not None and not (cls == "UnknownVariant" and isinstance(pet.details, (types.Dog, types.Cat)))


def test_a_declared_union_in_a_list_and_its_mapping() -> None:
    toys = [{"shape": "round", "diameter": 3}, {"shape": "rope", "length": 2}, {"shape": "cube"}]
    pet = types.Pet.model_validate({**PET, "toys": toys})
    assert [type(t).__name__ for t in pet.toys or []] == ["Ball", "Rope", "UnknownVariant"]


def test_a_variant_that_fails_is_an_error_not_another_variant() -> None:
    with pytest.raises(pydantic.ValidationError) as caught:
        types.Pet.model_validate({**PET, "details": {"kind": "cat", "lives": "nine"}})
    errors = [(e["loc"], e["type"]) for e in caught.value.errors()]
    assert errors == [(("details", "kind", "cat", "lives"), "int_parsing"), (("details", "other"), "union_variant")]


def test_models_built_by_the_caller_keep_their_class() -> None:
    pet = types.Pet(id=1, name="Rex", status=types.PetStatus.AVAILABLE, details=types.Cat(kind="cat", lives=3))
    assert type(pet.details) is types.Cat
    assert pet.to_dict()["details"] == {"kind": "cat", "lives": 3}


def test_inside_a_call_an_unknown_tag_is_a_mismatch() -> None:
    from petstore._unions import known_variants_only

    with known_variants_only(), pytest.raises(pydantic.ValidationError):
        types.Pet.model_validate({**PET, "details": {"kind": "axolotl"}})


def test_a_tag_that_is_true_false_a_number_or_null_picks_its_class_too() -> None:
    """pydantic keys tagged unions by str or int only; other JSON scalars are read in Python
    (a spec pinning ``valid: true`` / ``valid: false`` on two variants, as real specs do)."""
    from typing import Annotated, Union

    from petstore._models import BaseModel
    from petstore._unions import TagOf, UnknownVariant

    class Valid(BaseModel):
        valid: bool
        number: str

    class Invalid(BaseModel):
        valid: bool

    class Nothing(BaseModel):
        valid: None = None

    tag = TagOf("valid", {True: "Valid", False: "Invalid", None: "Nothing"})
    adapter = pydantic.TypeAdapter(Annotated[Union[Valid, Invalid, Nothing, UnknownVariant], tag])
    assert type(adapter.validate_json(b'{"valid": true, "number": "+44"}')) is Valid
    assert type(adapter.validate_python({"valid": False})) is Invalid
    assert type(adapter.validate_json(b'{"valid": null}')) is Nothing
    assert type(adapter.validate_json(b'{"valid": 1}')) is UnknownVariant  # 1 is not true
    with pytest.raises(pydantic.ValidationError):
        adapter.validate_json(b'{"valid": true}')  # the variant its tag names, or an error
    assert tag.variant({"valid": True}, unknown=True) == "Valid" and tag.variant({"valid": 1}, unknown=False) is None
