"""Enums: values added or removed, members renamed, by direction."""

from __future__ import annotations

from ...parse import ir
from .places import _model_place
from .report import BREAKING, Change, NON_BREAKING, REQUEST, RESPONSE
from .sides import Side


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
