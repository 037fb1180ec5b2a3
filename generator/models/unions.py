"""Tagged unions: a ``oneOf``/``anyOf`` whose variants are told apart by one property.

Why: without help, pydantic tries the variants of a union one by one and keeps the first
that validates. With open enums (every enum accepts unknown values) and ``extra="allow"``,
every object variant accepts every object, so ``{"provider": "openai"}`` came back typed as
whichever model came first, and a union of 20 variants cost 20 validations. A tagged union
reads the tag, validates exactly one variant, and sends a tag it does not know to a fallback
(``UnknownVariant``) that keeps all the data and is never one of the known classes.

Which unions are tagged:

* **declared**: the union has a ``discriminator``. A variant's tag values are the
  ``mapping`` keys that point at it; a variant the mapping does not name answers to its
  component name (as OpenAPI says) and, when its own schema pins the property to one value
  (``const``, or an ``enum`` of one value), to that value too (real specs rely on it).
* **inferred**: no ``discriminator``, but every variant is an object schema with the same
  *required* property pinned to one value (``const``, or an ``enum`` of one value, also
  through a ``$ref``, also inside ``allOf`` parts), and no two variants share a value. The
  property chosen is the first that qualifies, in the first variant's property order. This is
  not a warning and ``--strict`` does not refuse it: it is how the spec already reads.

In both cases every variant must be a ``$ref`` to a component schema (the tag names its
class); a union that does not qualify is left to datamodel-code-generator as before.

How: before datamodel-code-generator runs (:func:`mark_unions`), each tagged union is
replaced by a ``$ref`` to a placeholder object schema (the component itself when the whole
component is the union), so datamodel-code-generator writes every reference to it with one
name. After it runs (:func:`write_unions`), each placeholder class is replaced by a type
alias::

    AssistantVoice: TypeAlias = Annotated[
        Union[AzureVoice, CartesiaVoice, ..., UnknownVariant], TagOf("provider", {"azure": "AzureVoice", ...})
    ]

which :mod:`.modsplit` then places like any other definition (its imports follow its names);
the aliases come after every class, so that in a cycle their variants exist when they run.
A schema that is the union and more (``allOf: [<the union>, {properties}]``) is a tagged union
too, of one class per variant with the rest added (:class:`_Refiner`).
"""

from __future__ import annotations

import ast
import copy
import re
from dataclasses import dataclass
from typing import Any

from ..common import naming, pysource

_PLACEHOLDER_KEY = "x-codegen-tagged-union"  # marks a placeholder schema; never in the output
_SCHEMAS_PREFIX = "#/components/schemas/"
_SIBLINGS = ("description", "title", "deprecated", "readOnly", "writeOnly")


@dataclass(frozen=True)
class TaggedUnion:
    key: str  # the placeholder's component key
    property: str  # the tag's wire name
    variants: tuple[tuple[str, tuple[Any, ...]], ...]  # (variant's component key, its tag values)
    declared: bool  # True: the spec has a `discriminator`; False: inferred


def mark_unions(schemas: dict[str, Any]) -> tuple[TaggedUnion, ...]:
    """Replace each tagged union in ``schemas`` (modified in place) by a placeholder; the unions found."""
    finder = _Finder(schemas)
    for key in list(schemas):
        schema = schemas[key]
        if not isinstance(schema, dict):
            continue
        union = finder.analyse(schema)
        if union is not None:  # the whole component is the union: it becomes the placeholder
            schemas[key] = finder.placeholder(schema, key, union)
            continue
        finder.walk(schema, naming.class_name(key) if _has_letters(key) else "Model")
    _alias_wrappers(schemas, finder)
    _Refiner(schemas, finder.found).refine_all()
    return tuple(finder.found)


def _alias_wrappers(schemas: dict[str, Any], finder: _Finder) -> None:
    """A component that is only ``allOf: [<a tagged union>]`` (a title or description beside it)
    is that union under another name: a placeholder too, so it becomes the same alias. Left to
    datamodel-code-generator, it is a class inheriting the placeholder, which cannot inherit the
    alias the placeholder becomes (the package would not import)."""
    changed = True
    while changed:
        changed = False
        by_key = {union.key: union for union in finder.found}
        for key, schema in schemas.items():
            members = schema.get("allOf") if isinstance(schema, dict) else None
            if not (isinstance(members, list) and len(members) == 1 and isinstance(members[0], dict)):
                continue
            ref = members[0].get("$ref")
            target = ref.removeprefix(_SCHEMAS_PREFIX) if isinstance(ref, str) and ref.startswith(_SCHEMAS_PREFIX) else None
            if target in by_key and len(members[0]) == 1 and set(schema) - {"allOf"} <= set(_SIBLINGS):
                union = by_key[target]
                schemas[key] = finder.placeholder(schema, key, (union.property, union.variants, union.declared))
                changed = True


class _Refiner:
    """A schema ``allOf: [<a tagged union>, <more>]`` (its own ``properties``, other parts) is
    each variant with the rest added: it becomes a tagged union (same tag, same values) of one
    class per variant, ``allOf: [<the variant>, <more>]``, named after the schema and the variant.
    Left to datamodel-code-generator, it is a class inheriting the placeholder, which cannot
    inherit the alias the placeholder becomes (the package would not import); a model of the
    variants' common fields only would type none of each variant's own fields. A tag the union
    does not know is kept whole by ``UnknownVariant``, as for any tagged union."""

    def __init__(self, schemas: dict[str, Any], found: list[TaggedUnion]) -> None:
        self.schemas = schemas
        self.found = found

    def refine_all(self) -> None:
        done: set[str] = set()
        while True:  # a variant class made here can refine a second union: it is walked in turn
            pending = [key for key in self.schemas if key not in done]
            if not pending:
                return
            for key in pending:
                done.add(key)
                schema = self.schemas[key]
                if not isinstance(schema, dict) or schema.get(_PLACEHOLDER_KEY):
                    continue
                name = naming.class_name(key) if _has_letters(key) else "Model"
                refined = self.refined(schema, key, name)
                if refined is not None:  # the whole component: it becomes the placeholder itself
                    self.schemas[key] = refined
                else:
                    self.walk(schema, name)

    def walk(self, node: Any, name: str) -> None:
        """Refine every schema below ``node``, with the names :meth:`_Finder.walk` gives."""
        if isinstance(node, list):
            for item in node:
                self.walk(item, name)
            return
        if not isinstance(node, dict):
            return
        for key, value in list(node.items()):
            if key == "properties" and isinstance(value, dict):
                for prop, schema in value.items():
                    value[prop] = self.visit(schema, name + (naming.class_name(prop) if _has_letters(str(prop)) else "Field"))
            elif key in ("items", "additionalProperties") and isinstance(value, dict):
                node[key] = self.visit(value, name + ("Item" if key == "items" else "Value"))
            elif key in ("allOf", "anyOf", "oneOf", "prefixItems") and isinstance(value, list):
                node[key] = [self.visit(item, name) for item in value]
            elif key not in ("enum", "const", "default", "example", "examples", "discriminator") and isinstance(value, (dict, list)):
                self.walk(value, name)

    def visit(self, node: Any, name: str) -> Any:
        if not isinstance(node, dict):
            return node
        key = name
        counter = 2
        while key in self.schemas:
            key, counter = f"{name}{counter}", counter + 1
        refined = self.refined(node, key, name)
        if refined is None:
            self.walk(node, name)
            return node
        self.schemas[key] = refined
        return {"$ref": _SCHEMAS_PREFIX + key, **{k: node[k] for k in _SIBLINGS if k in node and k != "title"}}

    def refined(self, node: dict[str, Any], key: str, name: str) -> dict[str, Any] | None:
        """The placeholder ``node`` becomes (registered as the union ``key``), or None."""
        members = node.get("allOf")
        if not isinstance(members, list):
            return None
        by_key = {union.key: union for union in self.found}
        index = next((i for i, member in enumerate(members) if _target(member, by_key) is not None), None)
        own = {k: v for k, v in node.items() if k not in ("allOf", *_SIBLINGS)}
        if index is None or (len(members) == 1 and not own):
            return None  # no tagged union in it, or only the union under another name (_alias_wrappers)
        union = by_key[_target(members[index], by_key) or ""]
        rest = [m for i, m in enumerate(members) if i != index] + ([own] if own else [])
        variants = []
        for variant, values in union.variants:
            base = name + (naming.class_name(variant) if _has_letters(variant) else "Variant")
            variant_key, counter = base, 2
            while variant_key in self.schemas or variant_key == key:
                variant_key, counter = f"{base}{counter}", counter + 1
            self.schemas[variant_key] = {"allOf": [{"$ref": _SCHEMAS_PREFIX + variant}, *copy.deepcopy(rest)]}
            variants.append((variant_key, values))
        self.found.append(TaggedUnion(key, union.property, tuple(variants), union.declared))
        return {"type": "object", _PLACEHOLDER_KEY: True, **({"description": node["description"]} if "description" in node else {})}


def _target(member: Any, by_key: dict[str, TaggedUnion]) -> str | None:
    """The tagged union's key when ``member`` is only a ``$ref`` to it (a description beside)."""
    if not isinstance(member, dict) or set(member) - {"$ref", *_SIBLINGS}:
        return None
    ref = member.get("$ref")
    if not (isinstance(ref, str) and ref.startswith(_SCHEMAS_PREFIX)):
        return None
    target = ref[len(_SCHEMAS_PREFIX) :].replace("~1", "/").replace("~0", "~")
    return target if target in by_key else None


def _has_letters(text: str) -> bool:
    try:
        naming.class_name(text)
    except ValueError:
        return False
    return True


class _Finder:
    def __init__(self, schemas: dict[str, Any]) -> None:
        self.schemas = schemas
        self.found: list[TaggedUnion] = []

    # -- finding ----------------------------------------------------------------------------

    def walk(self, node: Any, name: str) -> None:
        """Replace the tagged unions below ``node`` (not ``node`` itself); ``name``: for placeholders."""
        if isinstance(node, list):
            for item in node:
                self.walk(item, name)
            return
        if not isinstance(node, dict):
            return
        for key, value in list(node.items()):
            if key == "properties" and isinstance(value, dict):
                for prop, schema in value.items():
                    value[prop] = self.visit(schema, name + (naming.class_name(prop) if _has_letters(str(prop)) else "Field"))
            elif key in ("items", "additionalProperties") and isinstance(value, dict):
                node[key] = self.visit(value, name + ("Item" if key == "items" else "Value"))
            elif key in ("allOf", "anyOf", "oneOf", "prefixItems") and isinstance(value, list):
                node[key] = [self.visit(item, name) for item in value]
            elif key not in ("enum", "const", "default", "example", "examples", "discriminator") and isinstance(value, (dict, list)):
                self.walk(value, name)

    def visit(self, node: Any, name: str) -> Any:
        if not isinstance(node, dict):
            return node
        union = self.analyse(node)
        if union is None:
            self.walk(node, name)
            return node
        key = name
        counter = 2
        while key in self.schemas:
            key, counter = f"{name}{counter}", counter + 1
        self.schemas[key] = self.placeholder(node, key, union)
        return {"$ref": _SCHEMAS_PREFIX + key, **{k: node[k] for k in _SIBLINGS if k in node and k != "title"}}

    def placeholder(self, node: dict[str, Any], key: str, union: tuple[str, tuple[tuple[str, tuple[Any, ...]], ...], bool]) -> dict[str, Any]:
        prop, variants, declared = union
        self.found.append(TaggedUnion(key, prop, variants, declared))
        return {"type": "object", _PLACEHOLDER_KEY: True, **({"description": node["description"]} if "description" in node else {})}

    # -- deciding ---------------------------------------------------------------------------

    def analyse(self, node: dict[str, Any]) -> tuple[str, tuple[tuple[str, tuple[Any, ...]], ...], bool] | None:
        """``(property, variants, declared)`` when ``node`` is a tagged union, else None."""
        members = node.get("oneOf") if "oneOf" in node else node.get("anyOf")
        if not isinstance(members, list) or not members or ("oneOf" in node and "anyOf" in node):
            return None
        if any(k in node for k in ("properties", "allOf", "items", "enum", "const")) or node.get(_PLACEHOLDER_KEY):
            return None  # a union mixed with other constraints: left as it is
        keys = [self.component_key(m) for m in members]
        if any(k is None for k in keys) or len(set(keys)) != len(keys):
            return None
        component_keys = [k for k in keys if k is not None]
        discriminator = node.get("discriminator")
        if isinstance(discriminator, dict) and isinstance(discriminator.get("propertyName"), str):
            return self.declared(discriminator, component_keys)
        return self.inferred(component_keys)

    def component_key(self, member: Any) -> str | None:
        if not isinstance(member, dict) or not isinstance(member.get("$ref"), str):
            return None
        if set(member) - {"$ref", *_SIBLINGS}:
            return None
        ref = member["$ref"]
        if not ref.startswith(_SCHEMAS_PREFIX) or "/" in ref[len(_SCHEMAS_PREFIX) :]:
            return None
        key = ref[len(_SCHEMAS_PREFIX) :].replace("~1", "/").replace("~0", "~")
        target = self.schemas.get(key)
        if not isinstance(target, dict) or target.get(_PLACEHOLDER_KEY) or "oneOf" in target or "anyOf" in target:
            return None  # a union of unions: its variants are not classes
        return key

    def declared(self, discriminator: dict[str, Any], keys: list[str]) -> tuple[str, tuple[tuple[str, tuple[Any, ...]], ...], bool] | None:
        prop = discriminator["propertyName"]
        mapping = discriminator.get("mapping") if isinstance(discriminator.get("mapping"), dict) else {}
        taken: set[Any] = set()
        variants = []
        for key in keys:
            values: list[Any] = []
            for value, target in mapping.items():
                if isinstance(target, str) and target in (_SCHEMAS_PREFIX + key, key):
                    values.append(value)
            if not values:
                values.append(key)
                own = self.pinned(self.schemas[key], prop)
                if own is not None:
                    values.append(own[1])
            fresh = tuple(v for v in dict.fromkeys(values) if _hashable_scalar(v) and _tag_key(v) not in taken)
            taken.update(_tag_key(v) for v in fresh)
            variants.append((key, fresh))
        return prop, tuple(variants), True

    def inferred(self, keys: list[str]) -> tuple[str, tuple[tuple[str, tuple[Any, ...]], ...], bool] | None:
        first = self.object_parts(self.schemas[keys[0]])
        if first is None:
            return None
        for prop in first[0]:
            values = []
            for key in keys:
                pinned = self.pinned(self.schemas[key], prop)
                if pinned is None or not pinned[0]:
                    break
                values.append(pinned[1])
            else:
                if len({_tag_key(v) for v in values}) == len(values) and all(_hashable_scalar(v) for v in values):
                    return prop, tuple((key, (value,)) for key, value in zip(keys, values)), False
        return None

    def pinned(self, schema: dict[str, Any], prop: str) -> tuple[bool, Any] | None:
        """``(required, value)`` when ``schema`` is an object whose ``prop`` holds one value."""
        parts = self.object_parts(schema)
        if parts is None or prop not in parts[0]:
            return None
        target = self.resolve(parts[0][prop])
        if target is None:
            return None
        if "const" in target:
            return prop in parts[1], target["const"]
        enum = target.get("enum")
        if isinstance(enum, list) and len(enum) == 1:
            return prop in parts[1], enum[0]
        return None

    def object_parts(self, schema: Any, depth: int = 0) -> tuple[dict[str, Any], set[str]] | None:
        """The properties and required names of an object schema, ``allOf`` parts merged."""
        schema = self.resolve(schema)
        if schema is None or depth > 20:
            return None
        kind = schema.get("type")
        if kind not in (None, "object") or any(k in schema for k in ("oneOf", "anyOf")):
            return None
        own = dict(schema.get("properties") or {}) if isinstance(schema.get("properties"), dict) else {}
        required = {r for r in schema.get("required") or [] if isinstance(r, str)}
        properties: dict[str, Any] = {}
        for part in schema.get("allOf") or []:  # later parts refine earlier ones; its own properties win
            inner = self.object_parts(part, depth + 1)
            if inner is None:
                return None
            properties.update(inner[0])
            required |= inner[1]
        properties.update(own)
        if kind is None and not properties:
            return None
        return properties, required

    def resolve(self, schema: Any) -> dict[str, Any] | None:
        seen = 0
        while isinstance(schema, dict) and isinstance(schema.get("$ref"), str) and seen < 100:
            ref = schema["$ref"]
            if not ref.startswith(_SCHEMAS_PREFIX):
                return None
            schema = self.schemas.get(ref[len(_SCHEMAS_PREFIX) :].replace("~1", "/").replace("~0", "~"))
            seen += 1
        return schema if isinstance(schema, dict) and "$ref" not in schema else None


def _hashable_scalar(value: Any) -> bool:
    return isinstance(value, (str, int, float, bool)) or value is None


def _tag_key(value: Any) -> tuple[str, Any]:
    return (type(value).__name__, value)  # True and 1 are different tags


# -- after datamodel-code-generator -------------------------------------------------------------


def write_unions(source: str, unions: tuple[TaggedUnion, ...], class_of: dict[str, str], package: str) -> str:
    """``source`` with each placeholder class replaced by its tagged-union type alias.

    ``class_of`` maps a component key to the class datamodel-code-generator named for it.
    """
    if not unions:
        return source
    tree = ast.parse(source)
    lines = source.splitlines(keepends=True)
    spans = {node.name: (node.lineno, node.end_lineno) for node in tree.body if isinstance(node, ast.ClassDef)}
    placeholders: list[tuple[int, int]] = []
    aliases: list[str] = []
    for union in unions:
        name = class_of.get(union.key)
        if name is None or name not in spans:
            raise ValueError(f"datamodel-code-generator wrote no class for the union {union.key!r}")
        start, end = spans[name]
        assert end is not None
        placeholders.append((start, end))
        aliases.append(_alias(name, union, class_of))
    for start, end in sorted(placeholders, reverse=True):
        del lines[start - 1 : end]
    # The aliases go after every class: an alias is evaluated when its module runs, and in a
    # cycle (a variant holding the union again) its variants are defined in the same module.
    # The classes refer to the alias only in annotations, which pydantic resolves on first use.
    lines += ["\n\n", "\n\n".join(aliases)]
    body = "".join(lines)
    body = _with_import(body, "typing", ("Annotated", "TypeAlias", "Union"))
    return _with_import(body, f"{package}._unions", ("TagOf", "UnknownVariant"))


def _with_import(source: str, module: str, names: tuple[str, ...]) -> str:
    """``source`` importing ``names`` from ``module``: added to its one-line import of it, or
    as a new import after ``from __future__``. (:mod:`.modsplit` keeps only what each module uses.)"""
    existing = re.search(rf"^from {re.escape(module)} import ([\w, ]+)$", source, re.MULTILINE)
    if existing is not None:
        merged = sorted({*(n.strip() for n in existing.group(1).split(",")), *names})
        return source.replace(existing.group(0), f"from {module} import {', '.join(merged)}", 1)
    line = f"from {module} import {', '.join(sorted(names))}\n"
    future = "from __future__ import annotations\n"
    if source.startswith(future):
        return future + line + source[len(future) :]
    return line + source


def _alias(name: str, union: TaggedUnion, class_of: dict[str, str]) -> str:
    members = []
    tags: dict[str, str] = {}
    for key, values in union.variants:
        cls = class_of[key]
        members.append(cls)
        for value in values:
            tags.setdefault(pysource.literal(value), cls)
    members.append("UnknownVariant")
    mapping = "{" + ", ".join(f"{value}: {pysource.literal(cls)}" for value, cls in tags.items()) + "}"
    return f"{name}: TypeAlias = Annotated[Union[{', '.join(members)}], TagOf({pysource.literal(union.property)}, {mapping})]\n"
