"""Pagination: an ``_all`` iterator added or removed, its style or its page size changed."""

from __future__ import annotations

from ...parse import ir
from .report import BREAKING, Change, NON_BREAKING


def _style(p: ir.Pagination) -> str:
    return p.style + (f" ({p.items.wire})" if p.items else "")


def _compare_pagination(a: ir.Operation, b: ir.Operation, place: str) -> list[Change]:
    old, new = a.pagination, b.pagination
    if old and not new:
        return [Change(BREAKING, place, f"`{a.name}_all` removed", note="the operation is no longer paginated")]
    if new and not old:
        return [Change(NON_BREAKING, place, f"`{b.name}_all` added", new=new.style, note="iterates over every page", addition=True)]
    if not old or not new:
        return []
    changes = []
    every_page = f"{place}, `{b.name}_all`"
    if _style(old) != _style(new):
        changes.append(Change(NON_BREAKING, every_page, "pagination style changed", _style(old), _style(new),
                              note="the same arguments; the pages are requested differently"))
    if old.page_size_param and not new.page_size_param:
        changes.append(Change(BREAKING, every_page, "argument `page_size` removed", f"page_size: int = {old.page_size_default}", None))
    elif new.page_size_param and not old.page_size_param:
        changes.append(Change(NON_BREAKING, every_page, "argument `page_size` added", None, f"page_size: int = {new.page_size_default}", addition=True))
    elif old.page_size_param and new.page_size_param and old.page_size_default != new.page_size_default:
        changes.append(Change(NON_BREAKING, every_page, "default page size changed", str(old.page_size_default), str(new.page_size_default)))
    return changes
