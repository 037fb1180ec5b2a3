"""Models and their fields: removed, renamed (with evidence), retyped, made required or nullable."""

from __future__ import annotations

from typing import Any

from ...parse import ir
from .annotations import _accepts, _renamed, _without_none
from .enums import _compare_enum
from .operations import _constraints, _default_change
from .places import _model_place, _model_schema
from .report import BREAKING, Change, NON_BREAKING, REQUEST, RESPONSE
from .schemas import _directions, _nullable, _resolve
from .sides import Side
from .text import _text
from .unions import _compare_union


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
