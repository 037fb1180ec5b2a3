"""Operations and their arguments: removed, added, renamed (with evidence), retyped, paginated (pagination.py)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from typing import Any

from ...parse import ir
from ...parse.mediatypes import is_json
from .annotations import _accepts, _renamed
from .pagination import _compare_pagination
from .places import _op_place
from .report import BREAKING, Change, NON_BREAKING, REQUEST
from .schemas import _constraint_changes, _resolve
from .sides import Side
from .text import _show, _text


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
    changes.extend(_compare_pagination(a, b, place))
    return changes


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
