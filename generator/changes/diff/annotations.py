"""Python annotations as text: their members, and whether one accepts what another does."""

from __future__ import annotations

import re


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
