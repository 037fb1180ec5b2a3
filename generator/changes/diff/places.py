"""Where a change is: the method, or the model and field, it is reported on."""

from __future__ import annotations

from typing import Any

from ...common import pointer as jsonpointer
from ...load.refs import lookup, UnresolvedRef
from ...parse import ir
from .schemas import _resolve
from .sides import Side


def _op_place(key: tuple[str, str], op: ir.Operation) -> str:
    return f"`client.{key[0]}.{op.name}` ({op.http_method} {op.path})"


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
