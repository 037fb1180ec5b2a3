"""``python -m generator diff``: what a spec change does to code that calls the generated client.

Both specs go through the generator's own stages (load -> validate -> config -> models -> IR),
so the comparison sees what callers see: methods, keyword arguments, return types, model
classes and their fields, enum members. The raw documents fill in what the IR leaves out:
defaults, constraints, nullability, which models are sent and which are received, and the
documentation (descriptions, summaries, examples).

Every change is one of three classes, from the point of view of code calling the client:

- breaking: an operation removed; an argument removed or renamed; a new required argument; an
  optional argument made required; an argument's type changed or narrowed; a request enum
  value removed; a response field removed, renamed or given an incompatible type; a response
  field that was required becoming optional or nullable; a model or enum removed or renamed; a
  default changed; a success response's type changed incompatibly;
- non-breaking: operations, optional arguments, response fields, models added; a response enum
  value added (the client keeps unknown values as ``UNKNOWN``, so this breaks nobody);
  constraints relaxed;
- documentation: descriptions, summaries, examples.

A rename is reported only with evidence that it is one: an argument or field of the same type
and requiredness with the same wire name, the same place in the path, or the same description
(a method: the same route). Anything less is a removal and an addition, each on its own line.

The report ends with the suggested next version of the generated package: major for a breaking
change, minor for an addition, patch otherwise; while the major version is 0, a breaking change
bumps the minor version and an addition the patch version.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import tempfile
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import Any, Iterable

from ..parse import ir
from ..common import pointer as jsonpointer
from ..config import GeneratorConfig, config_path_for
from ..errors import Location, SpecError
from ..load.loader import LoadedSpec
from ..models.models import ModelModule
from ..parse.mediatypes import is_json
from ..pipeline import analyse
from ..load.refs import UnresolvedRef, deref, lookup
from ..common.walkers import operations as raw_operations

BREAKING = "breaking"
NON_BREAKING = "non-breaking"
DOCUMENTATION = "documentation"
KINDS = (BREAKING, NON_BREAKING, DOCUMENTATION)
TITLES = {BREAKING: "Breaking", NON_BREAKING: "Non-breaking", DOCUMENTATION: "Documentation only"}

REQUEST, RESPONSE = "request", "response"


# --------------------------------------------------------------------------- the result


@dataclass(frozen=True)
class Change:
    kind: str  # BREAKING, NON_BREAKING or DOCUMENTATION
    place: str  # "`client.pets.list` (GET /pets), argument `limit`" or "`Pet.name` (#/components/...)"
    what: str  # "argument removed"
    old: str | None = None
    new: str | None = None
    note: str = ""  # why, when it is not obvious
    addition: bool = False  # adds to the surface: a minor version, where it does not break

    @property
    def message(self) -> str:
        text = self.what
        if self.old is not None and self.new is not None:
            text += f": {_code(self.old)} -> {_code(self.new)}"
        elif self.old is not None:
            text += f": was {_code(self.old)}"
        elif self.new is not None:
            text += f": {_code(self.new)}"
        if self.note:
            text += f" ({self.note})"
        return text

    def sort_key(self) -> tuple[int, str, str]:
        return (KINDS.index(self.kind), self.place, self.message)


@dataclass(frozen=True)
class Version:
    current: str
    suggested: str
    bump: str  # "major", "minor", "patch" or "none"
    reason: str


@dataclass(frozen=True)
class Report:
    old_label: str
    new_label: str
    package: str  # distribution name of the generated package
    changes: tuple[Change, ...]
    version: Version
    config_file: str  # where the version is set

    def count(self, kind: str) -> int:
        return sum(1 for c in self.changes if c.kind == kind)

    @property
    def breaking(self) -> bool:
        return any(c.kind == BREAKING for c in self.changes)


# --------------------------------------------------------------------------- one side


@dataclass(frozen=True)
class Side:
    """One spec, as the generator sees it."""

    label: str
    spec: LoadedSpec
    config: GeneratorConfig
    has_config: bool
    config_file: str
    models: ModelModule
    api: ir.Api

    @property
    def doc(self) -> dict[str, Any]:
        return self.spec.document


def load_side(path: Path, label: str | None = None) -> Side:
    """The stages of :func:`generator.pipeline.generate` up to the IR (no rendering)."""
    analysis = analyse(path)
    spec, config, models, api = analysis.spec, analysis.config, analysis.models, analysis.api
    config_file = config_path_for(path)
    return Side(
        label=label or spec.display_path,
        spec=spec,
        config=config,
        has_config=config_file.exists(),
        config_file=str(Path(spec.display_path).with_name(config_file.name)),
        models=models,
        api=api,
    )


def load_side_at_ref(spec_path: Path, ref: str) -> Side:
    """The spec (and its generator config) as committed at git ``ref``."""
    spec_path = spec_path.resolve()
    where = spec_path.parent if spec_path.parent.is_dir() else Path.cwd()
    try:
        top = _git(where, "rev-parse", "--show-toplevel").strip()
    except SpecError:
        raise SpecError(Location(str(spec_path)), "not inside a git repository (--base needs one)") from None
    rel = spec_path.relative_to(Path(top).resolve()).as_posix()
    rel_config = config_path_for(Path(rel)).as_posix()
    label = f"{ref}:{rel}"
    try:
        text = _git(Path(top), "show", f"{ref}:{rel}")
    except SpecError as exc:
        raise SpecError(Location(label), f"cannot read the spec at git ref {ref!r}: {exc.message}") from None
    with tempfile.TemporaryDirectory(prefix="generator-diff-") as tmp:
        old_path = Path(tmp) / spec_path.name
        old_path.write_text(text, encoding="utf-8")
        try:
            (Path(tmp) / config_path_for(old_path).name).write_text(_git(Path(top), "show", f"{ref}:{rel_config}"), encoding="utf-8")
        except SpecError:
            pass  # no config at that ref: names derived from info.title
        try:
            side = load_side(old_path, label)
        except SpecError as exc:
            shown = exc.location.file
            file = label if shown.endswith(old_path.name) else f"{ref}:{rel_config}"
            raise SpecError(replace(exc.location, file=file), exc.message) from None
        return replace(side, config_file=rel_config)


def _git(cwd: Path, *args: str) -> str:
    if shutil.which("git") is None:
        raise SpecError(Location("git"), "git is not installed")
    result = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True)
    if result.returncode != 0:
        lines = (result.stderr or result.stdout).strip().splitlines()
        raise SpecError(Location("git"), lines[-1] if lines else f"git {args[0]} failed")
    return result.stdout


# --------------------------------------------------------------------------- annotations


def _split(text: str, sep: str) -> list[str]:
    parts, depth, current = [], 0, ""
    for char in text:
        if char == "[":
            depth += 1
        elif char == "]":
            depth -= 1
        if char == sep and depth == 0:
            parts.append(current.strip())
            current = ""
        else:
            current += char
    parts.append(current.strip())
    return [p for p in parts if p]


def _members(annotation: str) -> list[str]:
    return _split(annotation, "|")


def _accepts(wide: str, narrow: str) -> bool:
    """Does a value of type ``narrow`` always fit type ``wide``?"""
    return all(any(_member_accepts(w, n) for w in _members(wide)) for n in _members(narrow))


def _member_accepts(wide: str, narrow: str) -> bool:
    if wide == narrow or wide == "Any":
        return True
    if wide == "float" and narrow == "int":
        return True
    w_name, _, w_args = wide.partition("[")
    n_name, _, n_args = narrow.partition("[")
    if w_name != n_name or not w_args or not n_args:
        return False
    w_list, n_list = _split(w_args[:-1], ","), _split(n_args[:-1], ",")
    return len(w_list) == len(n_list) and all(_accepts(w, n) for w, n in zip(w_list, n_list))


def _without_none(annotation: str) -> str:
    return " | ".join(m for m in _members(annotation) if m != "None") or "None"


def _renamed(annotation: str, renames: dict[str, str]) -> str:
    if not renames:
        return annotation
    return re.sub(r"[A-Za-z_][A-Za-z0-9_]*", lambda m: renames.get(m.group(0), m.group(0)), annotation)


# --------------------------------------------------------------------------- raw schemas

_CONSTRAINT_LOWER = ("minimum", "exclusiveMinimum", "minLength", "minItems", "minProperties")
_CONSTRAINT_UPPER = ("maximum", "exclusiveMaximum", "maxLength", "maxItems", "maxProperties")
_CONSTRAINT_OTHER = ("pattern", "multipleOf", "uniqueItems", "format")


def _resolve(doc: dict[str, Any], node: Any) -> dict[str, Any]:
    try:
        value = deref(doc, node)
    except UnresolvedRef:
        return {}
    return value if isinstance(value, dict) else {}


def _nullable(doc: dict[str, Any], schema: Any) -> bool:
    if not isinstance(schema, dict):
        return False
    types = schema.get("type")
    if schema.get("nullable") is True or (isinstance(types, list) and "null" in types) or types == "null":
        return True
    for key in ("anyOf", "oneOf"):
        if any(_nullable(doc, s) for s in schema.get(key) or [] if isinstance(s, dict)):
            return True
    if "$ref" in schema:
        return _nullable(doc, _resolve(doc, schema))
    return False


def _constraint_changes(old: dict[str, Any], new: dict[str, Any]) -> tuple[list[str], list[str]]:
    """(tightened, relaxed) descriptions of the constraint keywords that differ."""
    tightened: list[str] = []
    relaxed: list[str] = []
    for key in (*_CONSTRAINT_LOWER, *_CONSTRAINT_UPPER, *_CONSTRAINT_OTHER):
        if key == "format" or old.get(key) == new.get(key):
            continue
        a, b = old.get(key), new.get(key)
        text = f"{key} {_show(a)} -> {_show(b)}"
        numeric = all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in (a, b))
        if b is None or (key == "uniqueItems" and not b):
            relaxed.append(text)
        elif a is None or (key == "uniqueItems" and b) or not numeric or key == "multipleOf":
            tightened.append(text)
        elif key in _CONSTRAINT_LOWER:
            (tightened if b > a else relaxed).append(text)
        else:
            (tightened if b < a else relaxed).append(text)
    return tightened, relaxed


def _show(value: Any) -> str:
    if value is None:
        return "(none)"
    return json.dumps(value, ensure_ascii=False, sort_keys=True, default=str)


def _code(value: str | None, limit: int = 120) -> str:
    """``value`` as a Markdown code span (any backticks in it kept), shortened to ``limit``."""
    if value is None:
        return "(none)"
    text = " ".join(str(value).split())
    if len(text) > limit:
        text = text[: limit - 1] + "\u2026"
    if not text:
        return "(empty)"
    fence = "`" * (max((len(m) for m in re.findall(r"`+", text)), default=0) + 1)
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{fence}{pad}{text}{pad}{fence}"


# --------------------------------------------------------------------------- who uses a model


def _directions(side: Side) -> dict[str, set[str]]:
    """For each model class: sent (``request``), received (``response``), or both.

    A class is used in a direction when its schema is reachable, through ``$ref`` or by being
    nested inside a reachable schema, from a parameter or request body (request) or from a
    success response (response). A class reachable from neither is counted as both: callers
    may still import and use it.
    """
    doc = side.doc
    reached: dict[str, set[str]] = {REQUEST: set(), RESPONSE: set()}
    for _path, _method, operation, item in raw_operations(doc):
        request_roots = [*(item.get("parameters") or []), *(operation.get("parameters") or []), operation.get("requestBody")]
        responses = operation.get("responses") or {}
        response_roots = [v for k, v in responses.items() if str(k).startswith("2")]
        _reach(doc, request_roots, reached[REQUEST])
        _reach(doc, response_roots, reached[RESPONSE])
    result: dict[str, set[str]] = {}
    for cls in side.models.classes:
        found = {
            direction
            for direction, refs in reached.items()
            if any(cls.source_ref == ref or cls.source_ref.startswith(ref + "/") for ref in refs)
        }
        result[cls.class_name] = found or {REQUEST, RESPONSE}
    return result


def _reach(doc: dict[str, Any], nodes: Iterable[Any], seen: set[str]) -> None:
    stack = list(nodes)
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            ref = node.get("$ref")
            if isinstance(ref, str) and ref not in seen:
                seen.add(ref)
                try:
                    stack.append(lookup(doc, ref))
                except UnresolvedRef:
                    pass
            stack.extend(v for k, v in node.items() if k != "$ref")
        elif isinstance(node, list):
            stack.extend(node)


# --------------------------------------------------------------------------- operations


@dataclass(frozen=True)
class _Arg:
    """One keyword argument of a method: a parameter, a body field, or the whole body."""

    name: str
    wire_name: str
    location: str  # query, path, header, body
    annotation: str
    required: bool
    deprecated: bool
    schema: dict[str, Any] = field(default_factory=dict)  # resolved schema, for default/constraints
    description: str = ""  # the parameter's or property's own, for rename evidence
    position: int | None = None  # a path parameter's place among the path's placeholders

    def form(self) -> str:
        """As in the method's signature (and API.md)."""
        if self.required:
            return f"{self.name}: {self.annotation}"
        return f"{self.name}: {self.annotation} | NotGiven = NOT_GIVEN"  # left out: not sent


def _op_place(key: tuple[str, str], op: ir.Operation) -> str:
    return f"`client.{key[0]}.{op.name}` ({op.http_method} {op.path})"


def _args(side: Side, op: ir.Operation) -> dict[str, _Arg]:
    doc = side.doc
    item = (doc.get("paths") or {}).get(op.path) or {}
    operation = item.get(op.http_method.lower()) or {}
    raw: dict[tuple[str, str], dict[str, Any]] = {}
    for param in [*(item.get("parameters") or []), *(operation.get("parameters") or [])]:
        resolved = _resolve(doc, param)
        raw[(str(resolved.get("in")), str(resolved.get("name")))] = resolved
    result: dict[str, _Arg] = {}
    placeholders = re.findall(r"\{([^{}]+)\}", op.path)
    for p in op.parameters:
        param = raw.get((p.location, p.wire_name), {})
        schema = _resolve(doc, param.get("schema") or {})
        position = placeholders.index(p.wire_name) if p.location == "path" and p.wire_name in placeholders else None
        result[p.name] = _Arg(p.name, p.wire_name, p.location, p.annotation, p.required, p.deprecated, schema,
                              _text(param.get("description") or schema.get("description")), position)
    if op.body is not None:
        body_schema = _body_schema(doc, operation)
        raw_properties = body_schema.get("properties")
        properties: dict[str, Any] = raw_properties if isinstance(raw_properties, dict) else {}
        if op.body.whole_annotation is not None:
            result["body"] = _Arg("body", "(body)", "body", op.body.whole_annotation, op.body.required, False, body_schema)
        for f in op.body.fields:
            prop = _resolve(doc, properties.get(f.wire_name) or {})
            result[f.name] = _Arg(f.name, f.wire_name, "body", f.annotation, f.required, bool(prop.get("deprecated")), prop,
                                  _text(prop.get("description")))
    return result


def _body_schema(doc: dict[str, Any], operation: dict[str, Any]) -> dict[str, Any]:
    body = _resolve(doc, operation.get("requestBody") or {})
    for media, content in (body.get("content") or {}).items():
        if is_json(media):
            return _resolve(doc, (content or {}).get("schema") or {})
    return {}


def _compare_operations(old: Side, new: Side, renames: dict[str, str]) -> list[Change]:
    changes: list[Change] = []
    old_ops = {(r.name, op.name): op for r in old.api.resources for op in r.operations}
    new_ops = {(r.name, op.name): op for r in new.api.resources for op in r.operations}
    removed = [k for k in old_ops if k not in new_ops]
    added = [k for k in new_ops if k not in old_ops]
    pairs = [(k, k) for k in old_ops if k in new_ops]
    for key in list(removed):
        route = (old_ops[key].http_method, old_ops[key].path)
        same_route = [k for k in added if (new_ops[k].http_method, new_ops[k].path) == route]
        if len(same_route) == 1:
            new_key = same_route[0]
            removed.remove(key)
            added.remove(new_key)
            pairs.append((key, new_key))
            changes.append(
                Change(BREAKING, _op_place(new_key, new_ops[new_key]), "method renamed",
                       f"client.{key[0]}.{key[1]}", f"client.{new_key[0]}.{new_key[1]}")
            )
    for key in removed:
        op = old_ops[key]
        changes.append(Change(BREAKING, _op_place(key, op), "operation removed", note="callers of this method break"))
    for key in added:
        op = new_ops[key]
        changes.append(Change(NON_BREAKING, _op_place(key, op), "operation added", addition=True))
    for old_key, new_key in pairs:
        a, b = old_ops[old_key], new_ops[new_key]
        found = _compare_operation(old, new, a, b, _op_place(new_key, b), renames)
        changes.extend(found)
        if a.pagination and b.pagination:
            changes.extend(_for_every_page(found, new_key, b, {a.pagination.page_size_param, b.pagination.page_size_param}))
    return changes


def _for_every_page(found: list[Change], key: tuple[str, str], op: ir.Operation, page_size: set[str]) -> list[Change]:
    """The argument changes of a paginated method again for its ``_all`` iterator, which takes the
    same arguments but the page size."""
    place = _op_place(key, op)
    every_page = f"`client.{key[0]}.{op.name}_all` ({op.http_method} {op.path}, every page)"
    prefix = f"{place}, argument `"
    return [
        replace(c, place=every_page + c.place[len(place):])
        for c in found
        if c.place.startswith(prefix) and c.place[len(prefix):].rstrip("`") not in page_size
    ]


def _compare_operation(old: Side, new: Side, a: ir.Operation, b: ir.Operation, place: str, renames: dict[str, str]) -> list[Change]:
    changes: list[Change] = []
    if (a.http_method, a.path) != (b.http_method, b.path):
        changes.append(Change(NON_BREAKING, place, "route changed", f"{a.http_method} {a.path}", f"{b.http_method} {b.path}",
                              note="the method's signature is unchanged"))
    if b.deprecated and not a.deprecated:
        changes.append(Change(NON_BREAKING, place, "operation deprecated", addition=True))
    elif a.deprecated and not b.deprecated:
        changes.append(Change(NON_BREAKING, place, "operation no longer deprecated"))
    changes.extend(_compare_args(_args(old, a), _args(new, b), place, renames))
    old_positional = [p.name for p in a.signature_parameters if p.required and p.location == "path"]
    new_positional = [p.name for p in b.signature_parameters if p.required and p.location == "path"]
    if old_positional != new_positional and sorted(old_positional) == sorted(new_positional):
        changes.append(Change(BREAKING, place, "positional arguments reordered", ", ".join(old_positional), ", ".join(new_positional)))
    old_return, new_return = _renamed(a.return_annotation, renames), b.return_annotation
    if old_return != new_return:
        if old_return == "None":
            changes.append(Change(NON_BREAKING, place, "now returns a value", a.return_annotation, b.return_annotation, addition=True))
        elif new_return != "None" and _accepts(old_return, new_return):
            changes.append(Change(NON_BREAKING, place, "return type narrowed", a.return_annotation, b.return_annotation,
                                  note="every value still fits the old type"))
        else:
            changes.append(Change(BREAKING, place, "success response type changed incompatibly", a.return_annotation, b.return_annotation))
    if a.pagination and not b.pagination:
        changes.append(Change(BREAKING, place, f"`{a.name}_all` removed", note="the operation is no longer paginated"))
    elif b.pagination and not a.pagination:
        changes.append(Change(NON_BREAKING, place, f"`{b.name}_all` added", note="iterates over every page", addition=True))
    return changes


def _text(value: Any) -> str:
    return " ".join(value.split()) if isinstance(value, str) else ""


def _same_argument(a: _Arg, b: _Arg, renames: dict[str, str]) -> bool:
    """Is ``b`` plausibly ``a`` renamed? Only with evidence: the same type, requiredness and
    place, and besides that the same wire name, the same path position, or the same
    (non-empty) description. Anything less is a removal and an addition."""
    if (a.location, _renamed(a.annotation, renames), a.required) != (b.location, b.annotation, b.required):
        return False
    return (
        a.wire_name == b.wire_name
        or (a.position is not None and a.position == b.position)
        or bool(a.description and a.description == b.description)
    )


def _compare_args(old: dict[str, _Arg], new: dict[str, _Arg], place: str, renames: dict[str, str]) -> list[Change]:
    changes: list[Change] = []
    removed = [n for n in old if n not in new]
    added = [n for n in new if n not in old]
    for name in list(removed):
        a = old[name]
        candidates = [n for n in added if _same_argument(a, new[n], renames)]
        rivals = [r for r in removed if _same_argument(old[r], new[candidates[0]], renames)] if len(candidates) == 1 else []
        if len(candidates) == 1 and len(rivals) == 1:
            b = new[candidates[0]]
            removed.remove(name)
            added.remove(b.name)
            changes.append(Change(BREAKING, f"{place}, argument `{name}`", "argument renamed", a.form(), b.form()))
    for name in removed:
        changes.append(Change(BREAKING, f"{place}, argument `{name}`", "argument removed", old[name].form(), None))
    for name in added:
        b = new[name]
        if b.required:
            changes.append(Change(BREAKING, f"{place}, argument `{name}`", "new required argument", None, b.form()))
        else:
            changes.append(Change(NON_BREAKING, f"{place}, argument `{name}`", "optional argument added", None, b.form(), addition=True))
    for name in old:
        if name in new:
            changes.extend(_compare_arg(old[name], new[name], f"{place}, argument `{name}`", renames))
    return changes


def _compare_arg(a: _Arg, b: _Arg, place: str, renames: dict[str, str]) -> list[Change]:
    changes: list[Change] = []
    if (a.location, a.wire_name) != (b.location, b.wire_name):
        changes.append(Change(NON_BREAKING, place, "sent differently", f"{a.location} {a.wire_name}", f"{b.location} {b.wire_name}",
                              note="the keyword argument is unchanged"))
    if not a.required and b.required:
        changes.append(Change(BREAKING, place, "optional argument made required", a.form(), b.form()))
    elif a.required and not b.required:
        changes.append(Change(NON_BREAKING, place, "required argument made optional", a.form(), b.form()))
    old_type = _renamed(a.annotation, renames)
    if old_type != b.annotation:
        if not _accepts(b.annotation, old_type):
            narrowed = _accepts(old_type, b.annotation)
            changes.append(Change(BREAKING, place, "argument type narrowed" if narrowed else "argument type changed", a.annotation, b.annotation))
        else:
            changes.append(Change(NON_BREAKING, place, "argument type widened", a.annotation, b.annotation, addition=True))
    changes.extend(_default_change(a.schema, b.schema, place))
    changes.extend(_constraints(a.schema, b.schema, place, {REQUEST}))
    if b.deprecated and not a.deprecated:
        changes.append(Change(NON_BREAKING, place, "argument deprecated", addition=True))
    elif a.deprecated and not b.deprecated:
        changes.append(Change(NON_BREAKING, place, "argument no longer deprecated"))
    return changes


def _default_change(a: dict[str, Any], b: dict[str, Any], place: str) -> list[Change]:
    if "default" not in a and "default" not in b or a.get("default") == b.get("default"):
        return []
    if "default" not in a:
        return [Change(NON_BREAKING, place, "default added", None, _show(b["default"]))]
    return [Change(BREAKING, place, "default changed" if "default" in b else "default removed", _show(a["default"]), _show(b["default"]) if "default" in b else None,
                   note="callers that leave it out get a different behaviour")]


def _constraints(a: dict[str, Any], b: dict[str, Any], place: str, directions: set[str]) -> list[Change]:
    tightened, relaxed = _constraint_changes(a, b)
    changes = []
    if tightened:
        kind = BREAKING if REQUEST in directions else NON_BREAKING
        note = "values that were valid are now rejected" if kind == BREAKING else "only the server's answers are narrower"
        changes.append(Change(kind, place, f"constraints tightened: {'; '.join(tightened)}", note=note))
    if relaxed:
        changes.append(Change(NON_BREAKING, place, f"constraints relaxed: {'; '.join(relaxed)}"))
    return changes


# --------------------------------------------------------------------------- models and enums


def _model_place(side: Side, class_name: str, field_name: str | None = None, wire: str | None = None) -> str:
    ref = next((c.source_ref for c in side.models.classes if c.class_name == class_name), "")
    if field_name is None:
        return f"`{class_name}` ({ref})" if ref else f"`{class_name}`"
    pointer = f"{ref}/properties/{jsonpointer.escape(wire or field_name)}" if ref else ""
    return f"`{class_name}.{field_name}` ({pointer})" if pointer else f"`{class_name}.{field_name}`"


def _model_schema(side: Side, class_name: str) -> dict[str, Any]:
    for cls in side.models.classes:
        if cls.class_name == class_name:
            try:
                return _resolve(side.doc, lookup(side.doc, cls.source_ref))
            except UnresolvedRef:
                return {}
    return {}


def _signature_of(model: ir.Model, own: str) -> tuple[Any, ...]:
    if model.kind == "enum":
        return ("enum", tuple(sorted(model.enum_values)))
    if model.kind == "union":
        return ("union", model.variants)
    return ("model", tuple(sorted((f.name, _renamed(f.annotation, {own: "Self"}), f.required) for f in model.fields)))


def _model_renames(old: Side, new: Side) -> dict[str, str]:
    old_models = {m.class_name: m for m in old.api.models}
    new_models = {m.class_name: m for m in new.api.models}
    removed = [n for n in old_models if n not in new_models]
    added = [n for n in new_models if n not in old_models]
    renames: dict[str, str] = {}
    for name in removed:
        shape = _signature_of(old_models[name], name)
        matches = [n for n in added if _signature_of(new_models[n], n) == shape and n not in renames.values()]
        if len(matches) == 1:
            renames[name] = matches[0]
    return renames


def _compare_models(old: Side, new: Side, renames: dict[str, str]) -> list[Change]:
    changes: list[Change] = []
    package = old.config.package_name  # where callers import them from today
    old_models = {m.class_name: m for m in old.api.models}
    new_models = {m.class_name: m for m in new.api.models}
    directions = _directions(old)
    for name, dirs in _directions(new).items():
        directions.setdefault(name, set()).update(dirs)
    for name, model in old_models.items():
        kind_word = model.kind if model.kind in ("enum", "union") else "model"
        if name in renames:
            changes.append(Change(BREAKING, _model_place(new, renames[name]), f"{kind_word} renamed", name, renames[name],
                                  note=f"callers import it from `{package}.types`"))
        elif name not in new_models:
            changes.append(Change(BREAKING, _model_place(old, name), f"{kind_word} removed", note=f"callers import it from `{package}.types`"))
    for name, model in new_models.items():
        if name not in old_models and name not in renames.values():
            kind_word = model.kind if model.kind in ("enum", "union") else "model"
            changes.append(Change(NON_BREAKING, _model_place(new, name), f"{kind_word} added", addition=True))
    for old_name, a in old_models.items():
        new_name = renames.get(old_name, old_name)
        b = new_models.get(new_name)
        if b is None:
            continue
        dirs = directions.get(old_name, set()) | directions.get(new_name, set()) or {REQUEST, RESPONSE}
        if a.kind != b.kind:
            changes.append(Change(BREAKING, _model_place(new, new_name), "changed kind", a.kind, b.kind))
        elif a.kind == "enum":
            changes.extend(_compare_enum(old, new, old_name, a, b, dirs))
        elif a.kind == "union":
            changes.extend(_compare_union(new, a, b))
        else:
            changes.extend(_compare_fields(old, new, old_name, a, b, dirs, renames))
    return changes


def _compare_union(new: Side, a: ir.Model, b: ir.Model) -> list[Change]:
    """A tagged union (generator/models/unions.py): its tag, then its variants. A variant removed
    breaks (its objects become ``UnknownVariant``); one added does not (they were one)."""
    place = _model_place(new, b.class_name)
    if a.variants[:1] != b.variants[:1]:
        return [Change(BREAKING, place, "union tag changed", a.variants[0], b.variants[0])]
    changes = [Change(BREAKING, place, f"union variant `{v}` removed") for v in a.variants[1:] if v not in b.variants[1:]]
    changes += [Change(NON_BREAKING, place, f"union variant `{v}` added", addition=True) for v in b.variants[1:] if v not in a.variants[1:]]
    return changes


def _enum_members(side: Side, class_name: str, values: tuple[str, ...]) -> dict[str, str]:
    cls = next((c for c in side.models.classes if c.class_name == class_name), None)
    names = [str(f.get("name")) for f in (cls.fields if cls else ())]
    return dict(zip(values, names)) if len(names) == len(values) else {}


def _compare_enum(old: Side, new: Side, old_name: str, a: ir.Model, b: ir.Model, dirs: set[str]) -> list[Change]:
    changes: list[Change] = []
    place = _model_place(new, b.class_name)
    members = _enum_members(old, old_name, a.enum_values)
    for value in a.enum_values:
        if value not in b.enum_values:
            member = members.get(value)
            note = f"code that names `{old_name}.{member}` breaks" if member else "code that names its member breaks"
            if REQUEST in dirs:
                note = "callers that send it are rejected; " + note
            what = "request enum value removed" if REQUEST in dirs else "enum value removed"
            changes.append(Change(BREAKING, place, what, value, None, note=note))
    new_members = _enum_members(new, b.class_name, b.enum_values)
    for value in a.enum_values:
        before, after = members.get(value), new_members.get(value)
        if value in b.enum_values and before and after and before != after:
            changes.append(Change(BREAKING, place, f"enum member for {value!r} renamed", f"{old_name}.{before}", f"{b.class_name}.{after}",
                                  note="code that names the old member breaks"))
    for value in b.enum_values:
        if value not in a.enum_values:
            if RESPONSE in dirs:
                changes.append(Change(NON_BREAKING, place, "response enum value added", None, value, addition=True,
                                      note="the client accepts unknown values, keeping them as `UNKNOWN`, so this breaks nobody"))
            else:
                changes.append(Change(NON_BREAKING, place, "request enum value added", None, value, addition=True))
    return changes


def _compare_fields(old: Side, new: Side, old_name: str, a: ir.Model, b: ir.Model, dirs: set[str], renames: dict[str, str]) -> list[Change]:
    changes: list[Change] = []
    old_fields = {f.name: f for f in a.fields}
    new_fields = {f.name: f for f in b.fields}
    old_props = _model_schema(old, old_name).get("properties") or {}
    new_props = _model_schema(new, b.class_name).get("properties") or {}
    removed = [n for n in old_fields if n not in new_fields]
    added = [n for n in new_fields if n not in old_fields]
    direction = "response field" if dirs == {RESPONSE} else "request field" if dirs == {REQUEST} else "field"

    def described(props: Any, wire: str) -> str:
        prop = props.get(wire) if isinstance(props, dict) else None
        return _text(prop.get("description")) if isinstance(prop, dict) else ""

    def same_field(f: ir.ModelField, g: ir.ModelField) -> bool:  # as _same_argument: only with evidence
        if (_renamed(f.annotation, renames), f.required) != (g.annotation, g.required):
            return False
        text = described(old_props, f.wire_name)
        return f.wire_name == g.wire_name or bool(text and text == described(new_props, g.wire_name))

    for name in list(removed):
        f = old_fields[name]
        candidates = [n for n in added if same_field(f, new_fields[n])]
        rivals = [r for r in removed if same_field(old_fields[r], new_fields[candidates[0]])] if len(candidates) == 1 else []
        if len(candidates) == 1 and len(rivals) == 1:
            g = new_fields[candidates[0]]
            removed.remove(name)
            added.remove(g.name)
            changes.append(Change(BREAKING, _model_place(new, b.class_name, name, f.wire_name), f"{direction} renamed",
                                  f"{f.name} ({f.wire_name})", f"{g.name} ({g.wire_name})"))
    for name in removed:
        f = old_fields[name]
        changes.append(Change(BREAKING, _model_place(old, old_name, name, f.wire_name), f"{direction} removed", f"{f.name}: {f.annotation}", None))
    for name in added:
        g = new_fields[name]
        place = _model_place(new, b.class_name, name, g.wire_name)
        if g.required and REQUEST in dirs:
            changes.append(Change(BREAKING, place, "new required field", None, f"{g.name}: {g.annotation}",
                                  note=f"code that builds `{b.class_name}` must pass it"))
        else:
            changes.append(Change(NON_BREAKING, place, f"{direction} added", None, f"{g.name}: {g.annotation}", addition=True))
    for name, f in old_fields.items():
        if name not in new_fields:
            continue
        g = new_fields[name]
        place = _model_place(new, b.class_name, name, g.wire_name)
        raw_a = old_props.get(f.wire_name) if isinstance(old_props, dict) else None
        raw_b = new_props.get(g.wire_name) if isinstance(new_props, dict) else None
        changes.extend(_compare_field(old, new, f, g, raw_a or {}, raw_b or {}, place, dirs, renames))
    return changes


def _compare_field(
    old: Side, new: Side, f: ir.ModelField, g: ir.ModelField, raw_a: dict[str, Any], raw_b: dict[str, Any],
    place: str, dirs: set[str], renames: dict[str, str],
) -> list[Change]:
    changes: list[Change] = []
    if f.wire_name != g.wire_name:
        changes.append(Change(NON_BREAKING, place, "wire name changed", f.wire_name, g.wire_name, note="the attribute is unchanged"))
    if f.required and not g.required:
        if RESPONSE in dirs:
            changes.append(Change(BREAKING, place, "response field no longer required", f.annotation, g.annotation,
                                  note="it may be missing, so reading it can give None"))
        else:
            changes.append(Change(NON_BREAKING, place, "field made optional", f.annotation, g.annotation))
    elif g.required and not f.required:
        if REQUEST in dirs:
            changes.append(Change(BREAKING, place, "field made required", f.annotation, g.annotation,
                                  note="code that builds the model without it breaks"))
        else:
            changes.append(Change(NON_BREAKING, place, "response field now always present", f.annotation, g.annotation))
    null_a, null_b = _nullable(old.doc, raw_a), _nullable(new.doc, raw_b)
    if null_b and not null_a:
        if RESPONSE in dirs:
            changes.append(Change(BREAKING, place, "response field became nullable", f.annotation, g.annotation,
                                  note="code that reads it must handle None"))
        else:
            changes.append(Change(NON_BREAKING, place, "field now accepts null", f.annotation, g.annotation, addition=True))
    elif null_a and not null_b:
        if REQUEST in dirs:
            changes.append(Change(BREAKING, place, "field no longer accepts null", f.annotation, g.annotation))
        else:
            changes.append(Change(NON_BREAKING, place, "response field no longer nullable", f.annotation, g.annotation))
    old_type, new_type = _without_none(_renamed(f.annotation, renames)), _without_none(g.annotation)
    if old_type != new_type:
        reads_break = RESPONSE in dirs and not _accepts(old_type, new_type)
        writes_break = REQUEST in dirs and not _accepts(new_type, old_type)
        if reads_break:
            changes.append(Change(BREAKING, place, "response field type changed incompatibly" if REQUEST not in dirs else "field type changed",
                                  f.annotation, g.annotation))
        elif writes_break:
            changes.append(Change(BREAKING, place, "field type narrowed" if _accepts(old_type, new_type) else "field type changed",
                                  f.annotation, g.annotation))
        else:
            changes.append(Change(NON_BREAKING, place, "field type changed compatibly", f.annotation, g.annotation))
    resolved_a, resolved_b = _resolve(old.doc, raw_a), _resolve(new.doc, raw_b)
    changes.extend(_default_change(resolved_a, resolved_b, place))
    changes.extend(_constraints(resolved_a, resolved_b, place, dirs))
    return changes


# --------------------------------------------------------------------------- the client itself


def _compare_client(old: Side, new: Side) -> list[Change]:
    changes: list[Change] = []
    place = f"`{new.config.client_name}(...)`"
    if old.api.auth_scheme == "bearer" and new.api.auth_scheme != "bearer":
        changes.append(Change(BREAKING, place, "option `api_key` removed", note="the spec no longer declares bearer auth"))
    elif new.api.auth_scheme == "bearer" and old.api.auth_scheme != "bearer":
        changes.append(Change(NON_BREAKING, place, "option `api_key` added", addition=True))
    if old.api.base_url != new.api.base_url:
        changes.append(Change(NON_BREAKING, place, "default base URL changed", old.api.base_url, new.api.base_url))
    for attr in ("package_name", "client_name", "async_client_name"):
        a, b = getattr(old.config, attr), getattr(new.config, attr)
        if a != b:
            changes.append(Change(BREAKING, f"`{new.config_file}`", f"{attr} renamed", a, b, note="callers import this name"))
    return changes


# --------------------------------------------------------------------------- documentation

_DOC_KEYS = ("description", "summary", "example", "examples", "externalDocs")
# Mappings whose keys are names chosen by the spec author, not OpenAPI keywords.
_NAME_MAPS = {
    "properties", "patternProperties", "schemas", "paths", "responses", "headers", "content", "securitySchemes",
    "$defs", "definitions", "variables", "callbacks", "links", "requestBodies", "parameters", "mapping",
}
_HTTP_METHODS = {"get", "put", "post", "delete", "options", "head", "patch", "trace"}


def _compare_docs(old: Side, new: Side) -> list[Change]:
    changes: list[Change] = []
    _walk_docs(old, new, old.doc, new.doc, [], False, changes)
    return changes


def _walk_docs(old: Side, new: Side, a: Any, b: Any, parts: list[str], names: bool, out: list[Change]) -> None:
    if isinstance(a, dict) and isinstance(b, dict):
        for key in sorted(set(a) | set(b)):
            if not names and key in _DOC_KEYS and parts[-1:] != ["components"]:
                if a.get(key) != b.get(key):
                    what = f"{key} {'added' if key not in a else 'removed' if key not in b else 'changed'}"
                    out.append(Change(DOCUMENTATION, _doc_place(old, new, parts), what, _doc_text(a.get(key)), _doc_text(b.get(key))))
            elif key in a and key in b:
                _walk_docs(old, new, a[key], b[key], [*parts, key], not names and key in _NAME_MAPS, out)
    elif isinstance(a, list) and isinstance(b, list):
        def keyed(items: list[Any]) -> dict[str, Any] | None:
            if items and all(isinstance(i, dict) and isinstance(i.get("name"), str) for i in items):
                return {f"{i.get('in', '')} {i['name']}".strip(): i for i in items}
            return None

        ka, kb = keyed(a), keyed(b)
        if ka is not None and kb is not None:
            for key in sorted(set(ka) & set(kb)):
                _walk_docs(old, new, ka[key], kb[key], [*parts, key], False, out)
        else:
            for index, (x, y) in enumerate(zip(a, b)):
                _walk_docs(old, new, x, y, [*parts, str(index)], False, out)


def _doc_text(value: Any) -> str | None:
    if value is None:
        return None
    return value if isinstance(value, str) else _show(value)


def _doc_place(old: Side, new: Side, parts: list[str]) -> str:
    if len(parts) >= 3 and parts[0] == "paths" and parts[2] in _HTTP_METHODS:
        label = _route_label(new, parts[1], parts[2]) or _route_label(old, parts[1], parts[2]) or f"{parts[2].upper()} {parts[1]}"
        return label + _rest(parts[3:])
    if len(parts) >= 2 and parts[0] == "paths":
        return f"path `{parts[1]}`" + _rest(parts[2:])
    if len(parts) >= 3 and parts[:2] == ["components", "schemas"]:
        ref = jsonpointer.join(parts[:3])
        cls = next((c.class_name for c in new.models.classes if c.source_ref == ref), None)
        if cls and len(parts) >= 5 and parts[3] == "properties":
            model = next((m for m in new.api.models if m.class_name == cls), None)
            name = next((f.name for f in (model.fields if model else ()) if f.wire_name == parts[4]), parts[4])
            return _model_place(new, cls, name, parts[4]) + _rest(parts[5:])
        if cls:
            return f"`{cls}` ({ref})" + _rest(parts[3:])
    if parts == ["info"]:
        return "the API (#/info)"
    return jsonpointer.join(parts) if parts else "the API (#)"


def _route_label(side: Side, path: str, method: str) -> str | None:
    for resource in side.api.resources:
        for op in resource.operations:
            if op.path == path and op.http_method == method.upper():
                return _op_place((resource.name, op.name), op)
    return None


def _rest(parts: list[str]) -> str:
    if not parts:
        return ""
    if parts[0] == "parameters" and len(parts) >= 2:
        location, _, name = parts[1].partition(" ")
        return f", parameter `{name or location}`" + (f" ({location})" if name else "") + (f" at {'/'.join(parts[2:])}" if parts[2:] else "")
    return f" at {'/'.join(parts)}"


# --------------------------------------------------------------------------- versions


def suggest_version(current: str, changes: Iterable[Change]) -> Version:
    changes = list(changes)
    match = re.match(r"^(\d+)(?:\.(\d+))?(?:\.(\d+))?", current)
    major, minor, patch = (int(g or 0) for g in match.groups()) if match else (0, 0, 0)
    if any(c.kind == BREAKING for c in changes):
        bump, why = "major", "breaking changes"
    elif any(c.kind == NON_BREAKING and c.addition for c in changes):
        bump, why = "minor", "additions, nothing breaking"
    elif changes:
        bump, why = "patch", "no additions, nothing breaking"
    else:
        return Version(current, current, "none", "no change to the client's API")
    effective = bump
    if major == 0 and bump != "patch":
        effective = {"major": "minor", "minor": "patch"}[bump]
        why += f"; while the major version is 0, a {bump} change bumps the {effective} version"
    if effective == "major":
        suggested = f"{major + 1}.0.0"
    elif effective == "minor":
        suggested = f"{major}.{minor + 1}.0"
    else:
        suggested = f"{major}.{minor}.{patch + 1}"
    return Version(current, suggested, bump, why)


# --------------------------------------------------------------------------- the whole comparison


def compare(old: Side, new: Side) -> Report:
    renames = _model_renames(old, new)
    changes = [
        *_compare_client(old, new),
        *_compare_operations(old, new, renames),
        *_compare_models(old, new, renames),
        *_compare_docs(old, new),
    ]
    unique = sorted(set(changes), key=Change.sort_key)
    base = new.config.version
    version = suggest_version(base, unique)
    if old.has_config and old.config.version != new.config.version:
        from_old = suggest_version(old.config.version, unique)
        version = replace(
            from_old,
            current=new.config.version,
            reason=from_old.reason + f"; counted from {old.config.version}, the version before this change",
        )
    return Report(old.label, new.label, new.config.distribution_name, tuple(unique), version, new.config_file)


def diff_files(old_path: Path, new_path: Path, old_label: str | None = None, new_label: str | None = None) -> Report:
    return compare(load_side(old_path, old_label), load_side(new_path, new_label))


def diff_base(spec_path: Path, ref: str) -> Report:
    return compare(load_side_at_ref(spec_path, ref), load_side(spec_path))


# --------------------------------------------------------------------------- output


def render_markdown(report: Report) -> str:
    counts = ", ".join(f"{report.count(kind)} {kind}" for kind in KINDS)
    lines = [
        f"## API changes in {report.package}",
        "",
        f"From `{report.old_label}` to `{report.new_label}`: {counts}.",
    ]
    if not report.changes:
        lines += ["", "No change that callers of the client can see."]
    for kind in KINDS:
        selected = [c for c in report.changes if c.kind == kind]
        if not selected:
            continue
        lines += ["", f"### {TITLES[kind]} ({len(selected)})", ""]
        lines += [f"- {c.place}: {c.message}" for c in selected]
    v = report.version
    lines += ["", "### Suggested version", ""]
    if v.bump == "none":
        lines.append(f"**{v.current}** stays ({v.reason}).")
    else:
        lines.append(f"**{v.suggested}** ({v.bump}: {v.reason}). Current version: {v.current}, set in `{report.config_file}`.")
    return "\n".join(lines) + "\n"


def render_json(report: Report) -> str:
    data = {
        "old": report.old_label,
        "new": report.new_label,
        "package": report.package,
        "summary": {kind: report.count(kind) for kind in KINDS},
        "breaking": report.breaking,
        "changes": [{**asdict(c), "place": _plain(c.place), "message": _plain(c.message)} for c in report.changes],
        "version": {**asdict(report.version), "config": report.config_file},
    }
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def _plain(text: str) -> str:
    """``text`` without Markdown code spans (JSON readers get the text itself)."""

    def unfence(match: re.Match[str]) -> str:
        inner = match.group(2)
        return inner[1:-1] if len(inner) > 2 and inner.startswith(" ") and inner.endswith(" ") else inner

    return re.sub(r"(`+)(.+?)\1", unfence, text)


def run(old: Path | None, new: Path | None, base: str | None, spec: Path, fmt: str, fail_on: str | None) -> int:
    """The ``diff`` command after argument parsing; raises SpecError for a bad spec."""
    if base is not None:
        report = diff_base(spec, base)
    else:
        assert old is not None and new is not None, "the CLI passes OLD and NEW, or --base"
        report = diff_files(old, new)
    print(render_json(report) if fmt == "json" else render_markdown(report), end="")
    return 1 if fail_on == "breaking" and report.breaking else 0
