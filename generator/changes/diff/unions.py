"""Tagged unions: the tag and the variants."""

from __future__ import annotations

from ...parse import ir
from .places import _model_place
from .report import BREAKING, Change, NON_BREAKING
from .sides import Side


def _compare_union(new: Side, a: ir.Model, b: ir.Model) -> list[Change]:
    """A tagged union (generator/models/unions.py): its tag, then its variants. A variant removed
    breaks (its objects become ``UnknownVariant``); one added does not (they were one)."""
    place = _model_place(new, b.class_name)
    if a.variants[:1] != b.variants[:1]:
        return [Change(BREAKING, place, "union tag changed", a.variants[0], b.variants[0])]
    changes = [Change(BREAKING, place, f"union variant `{v}` removed") for v in a.variants[1:] if v not in b.variants[1:]]
    changes += [Change(NON_BREAKING, place, f"union variant `{v}` added", addition=True) for v in b.variants[1:] if v not in a.variants[1:]]
    return changes
