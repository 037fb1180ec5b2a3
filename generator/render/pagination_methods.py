"""The ``<method>_all`` iterator of a paginated operation, and the words that say how it pages.

The IR (:class:`ir.Pagination`) says which style and which fields; this module writes the
method body that builds the style's pager (``templates/package/_pagination.py``) and a
``fetch`` calling the plain method, so every page is one ordinary call with every filter.
The same description of the walk goes into the docstring, the README and API.md.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..parse import ir
from .surface import body_arguments

PAGER_CLASSES = {
    "time-cursor": "TimeCursorPager",
    "cursor": "CursorPager",
    "cursor-id": "CursorIdPager",
    "offset": "OffsetPager",
    "page": "PagePager",
    "next-url": "NextUrlPager",
    "link-header": "LinkHeaderPager",
}
RUNTIME_NAMES = frozenset({*PAGER_CLASSES.values(), "PagedItems", "AsyncPagedItems", "iterate_pages", "aiterate_pages"})
_PER_CALL = ("extra_headers", "extra_query", "timeout", "max_retries")


@dataclass(frozen=True)
class AllMethod:
    """What the resource template needs of an ``_all`` method (arguments not yet laid out)."""

    name: str
    positional: list[str]
    keyword: list[str]
    returns: str
    docstring_args: list[tuple[str, str]]  # the iterator's own arguments, for ``Args:``
    parameters: tuple[ir.Parameter, ...]  # the plain method's arguments it keeps
    body: list[str]


def returns(op: ir.Operation, is_async: bool) -> str:
    pagination = op.pagination
    assert pagination is not None
    return f"{'AsyncPagedItems' if is_async else 'PagedItems'}[{pagination.item_annotation}, {op.return_annotation}]"


def all_method(op: ir.Operation, is_async: bool, argument: object) -> AllMethod:
    """``argument`` spells one parameter as a signature argument (``render._argument``)."""
    pagination = op.pagination
    assert pagination is not None
    spell = argument if callable(argument) else str
    params = tuple(p for p in op.signature_parameters if p.name != pagination.page_size_param)
    body_required, body_optional = body_arguments(op.body)
    keyword = [spell(p) for p in params if p.required and p.location != "path"] + body_required
    keyword += [spell(p) for p in params if not p.required] + body_optional
    own: list[tuple[str, str]] = []
    if pagination.page_size_param:
        keyword.append(f"page_size: int = {pagination.page_size_default}")
        own.append(("page_size", "Items per request."))
    keyword.append("max_items: int | None = None")
    own.append(("max_items", "Stop after this many items (no further page is fetched)."))
    body_names = [f.name for f in op.body.fields] if op.body and op.body.whole_annotation is None else (["body"] if op.body else [])
    fetch_args = [f"{p.name}={'cursor' if p.name == pagination.cursor_param else p.name}" for p in params]
    fetch_args += [f"{name}={name}" for name in body_names]
    if pagination.page_size_param:
        fetch_args.append(f"{pagination.page_size_param}=size")
    fetch_args += [f"{name}={name}" for name in _PER_CALL]
    pager = PAGER_CLASSES[pagination.style]
    awaiting = "await " if is_async else ""
    body = [
        f"pager: {pager}[{pagination.item_annotation}, {op.return_annotation}] = {pager}({', '.join(_pager_arguments(pagination))})",
        "",
        f"{'async ' if is_async else ''}def fetch(cursor: Any, size: Any) -> {op.return_annotation}:",
        f"    return {awaiting}self.{op.name}({', '.join(fetch_args)})",
        "",
        f"return {'aiterate_pages' if is_async else 'iterate_pages'}(pager, fetch, max_items=max_items)",
    ]
    return AllMethod(
        name=f"{op.name}_all",
        positional=[spell(p) for p in params if p.required and p.location == "path"],
        keyword=keyword,
        returns=returns(op, is_async),
        docstring_args=own,
        parameters=tuple(p for p in params if not (p.required and p.location == "path")),
        body=body,
    )


def _pager_arguments(p: ir.Pagination) -> list[str]:
    size = ["page_size=page_size"] if p.page_size_param else []
    args: list[str] = []
    if p.style == "time-cursor":
        assert p.cursor_field and p.id_field
        args = [f"page_size=page_size", f"upper_bound={p.cursor_param}", f"cursor_of=lambda item: {_read('item', p.cursor_field)}", f"key_of=lambda item: {_read('item', p.id_field)}"]
        size = []
    elif p.style == "cursor":
        assert p.cursor_field
        args = [f"cursor={p.cursor_param}", f"next_cursor_of=lambda page: {_read('page', p.cursor_field)}"]
        args += [f"has_more_of=lambda page: {_read('page', p.has_more_field)}"] if p.has_more_field else []
    elif p.style == "cursor-id":
        assert p.id_field and p.has_more_field
        args = [f"cursor={p.cursor_param}", f"key_of=lambda item: {_read('item', p.id_field)}", f"has_more_of=lambda page: {_read('page', p.has_more_field)}"]
    elif p.style in ("offset", "page"):
        args = [f"offset={p.cursor_param}"] if p.style == "offset" else [f"page={p.cursor_param}", f"first_page={p.first_page}"]
        args += [f"total_of=lambda page: {_read('page', p.total_field)}"] if p.total_field else []
        args += [f"total_pages_of=lambda page: {_read('page', p.total_pages_field)}"] if p.total_pages_field else []
        args += [f"has_more_of=lambda page: {_read('page', p.has_more_field)}"] if p.has_more_field else []
    elif p.style == "next-url":
        assert p.next_field
        args = ["base_url=self._client.base_url", f"next_of=lambda page: {_read('page', p.next_field)}"]
    elif p.style == "link-header":
        args = ["base_url=self._client.base_url"]
    items = [f"items_of=lambda page: {_read('page', p.items)} or []"] if p.items else []
    return args + size + items


def _read(name: str, field: ir.PageField | None) -> str:
    """``page.meta.next_cursor``, each object on the way checked for None."""
    assert field is not None
    path = [name, *field.python]
    expression = ".".join(path)
    guards = [".".join(path[: i + 1]) for i in range(1, len(path) - 1)]
    if not guards:
        return expression
    return f"({expression} if {' and '.join(f'{g} is not None' for g in guards)} else None)"


# -- the words --------------------------------------------------------------------------


def how(op: ir.Operation) -> str:
    """One sentence (Markdown) on how ``op``'s pages are walked."""
    p = op.pagination
    assert p is not None
    wire = {param.name: param.wire_name for param in op.parameters}
    size = f", `{wire[p.page_size_param]}` items a page" if p.page_size_param else ""
    cursor = f"`{wire.get(p.cursor_param or '', p.cursor_param)}`"
    if p.style == "time-cursor":
        assert p.cursor_field
        return (f"time cursor: newest first{size}; each later page asks for items whose `{p.cursor_field.wire}` is at "
                f"or before the oldest seen ({cursor}), skipping the ones already yielded")
    if p.style == "cursor":
        assert p.cursor_field
        more = f" (or `{p.has_more_field.wire}` is false)" if p.has_more_field else ""
        return f"cursor: the page's `{p.cursor_field.wire}` is sent back as {cursor}{size}, until there is none{more}"
    if p.style == "cursor-id":
        assert p.id_field and p.has_more_field
        return f"cursor: while `{p.has_more_field.wire}`, the last item's `{p.id_field.wire}` is sent as {cursor}{size}"
    stops = ["an empty or short page"] + [f"`{f.wire}` is reached" for f in (p.total_field, p.total_pages_field) if f]
    stops += [f"`{p.has_more_field.wire}` is false"] if p.has_more_field else []
    until = "until " + (stops[0] if len(stops) == 1 else f"{', '.join(stops[:-1])} or {stops[-1]}")
    if p.style == "offset":
        return f"offset: {cursor} advances by the items received{size}, {until}"
    if p.style == "page":
        return f"page number: {cursor} counts up from {p.first_page}{size}, {until}"
    if p.style == "next-url":
        assert p.next_field
        return f"next URL: each later page is fetched from the page's `{p.next_field.wire}`{size}, until there is none"
    return f"`Link` header: each later page is fetched from its `rel=\"next\"` URL{size}, until there is none"


def source_note(p: ir.Pagination) -> str:
    return {"recognised": "recognised from the spec", "x-pagination": "from `x-pagination`", "config": "set in the generator config"}[p.source]
