"""Which operations page, and how: recognised from the spec, or said by the config or ``x-pagination``.

Real APIs page in a handful of styles, and their specs say which only through names: a
``starting_after`` parameter beside a ``has_more`` field, a ``nextPageToken`` field beside a
``pageToken`` parameter, ``offset`` and ``limit``, ``page`` and ``per_page``, a ``next`` URL
in the body or a ``Link`` header. This module reads those names (following ``$ref`` and
``allOf``) and describes the walk as an :class:`ir.Pagination`; the runtime
(``templates/package/_pagination.py``) does the walking. A spec author never edits the spec:

- the generator config (``<stem>.generator.yaml``) can set or correct any part per operation,
  or switch a false recognition off::

      pagination:
        GET /things: {style: offset, items: results, total_field: meta.total}
        GET /things/{id}/history: none

- the ``x-pagination`` extension on the operation says the same (the config wins).

Recognition is deliberately narrow: only a ``GET`` that answers JSON, whose answer holds one
item list (the whole body, or the one array property, or the one named ``data``/``items``/
``results``/... or after the resource), and that has a pagination *signal* beside it. An
array alone (a ``GET /things/{id}`` with a ``tags`` list) or a ``limit`` alone is not paging.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any

from . import ir
from ..common import pointer as jsonpointer
from ..config import GeneratorConfig, PaginationOverride
from ..errors import Finding, SpecError
from ..load.loader import LoadedSpec
from ..load.refs import deref
from ..models.models import ModelClass, ModelModule
from .mediatypes import is_json

STYLES = ("time-cursor", "cursor", "cursor-id", "offset", "page", "next-url", "link-header")

# Names by role, compared without case, `_`, `-`, `.` or `@` (so `next_page_token`,
# `nextPageToken` and `NextPageToken` are one name).
_ITEM_LISTS = ("data", "items", "results", "records", "entries", "values", "elements", "list", "rows", "objects", "nodes", "hits", "content")
_TOKEN_FIELDS = ("nextcursor", "nextpagetoken", "nexttoken", "nextpagecursor", "continuationtoken", "cursor", "endcursor", "next")
_TOKEN_PARAMS = ("cursor", "pagetoken", "after", "nexttoken", "continuationtoken", "token", "nextcursor", "pagecursor", "startcursor", "startingafter")
_ID_CURSOR_PARAMS = ("startingafter", "after", "afterid", "startafter")
_HAS_MORE = ("hasmore", "hasnextpage", "hasnext", "more", "hasmorepages", "hasmoreitems")
_OFFSET_PARAMS = ("offset", "skip")
_PAGE_PARAMS = ("page", "pagenumber", "pageno", "pagenum", "pageindex")
_SIZE_PARAMS = ("limit", "pagesize", "perpage", "size", "maxresults", "pagelimit", "top", "count")
_TOTAL = ("total", "totalcount", "totalitems", "totalresults", "totalsize", "totalrecords", "count")
_TOTAL_PAGES = ("totalpages", "pagecount", "lastpage", "numpages", "pages")
_NEXT_URLS = ("next", "nexturl", "nextpageurl", "nextpageuri", "nextlink", "nextpagelink", "odatanextlink", "nexthref", "nextpage")
_URL_HINT = re.compile(r"\b(ur[il]s?|links?|href)\b", re.IGNORECASE)
DEFAULT_PAGE_SIZE = 100

# The settings an override may give (x-pagination or the config), by normalised name.
_SETTINGS = {
    "style": "style",
    "items": "items",
    "pagesizeparameter": "page_size",
    "cursorparameter": "cursor",
    "offsetparameter": "cursor",
    "pageparameter": "cursor",
    "cursorfield": "cursor_field",
    "idfield": "id_field",
    "hasmorefield": "has_more_field",
    "totalfield": "total_field",
    "totalpagesfield": "total_pages_field",
    "nextfield": "next_field",
    "firstpage": "first_page",
}


def _norm(name: str) -> str:
    return re.sub(r"[\s_.@-]", "", name).lower()


def _type(schema: dict[str, Any]) -> Any:
    """The schema's type, ``null`` aside (``[string, 'null']`` -> ``string``)."""
    kind = schema.get("type")
    if isinstance(kind, list):
        concrete = [k for k in kind if k != "null"]
        return concrete[0] if len(concrete) == 1 else None
    return kind


@dataclass(frozen=True)
class _Field:
    """A property of a page (or item) schema: where it is and what it holds."""

    path: ir.PageField
    schema: dict[str, Any]  # resolved
    annotation: str  # as the model types it
    raw: Any = None  # as written (a `$ref`, or inline)
    pointer: str | None = None  # where its schema is, to find the class of an inline object


@dataclass
class _Page:
    """What the recognisers read about one operation's answer."""

    op: ir.Operation
    items: _Field | None  # None: the page is the list (or there is no list, see ``is_list``)
    is_list: bool
    item_annotation: str
    fields: dict[str, list[_Field]]  # the page's properties, and those one object deeper, by normalised name
    item_fields: dict[str, _Field]  # an item's properties
    query: dict[str, ir.Parameter]  # the query parameters by normalised wire name
    link_header: bool  # the answer declares a `Link` header
    parameter_schemas: dict[str, dict[str, Any]]  # each query parameter's schema, by wire name
    reader: _Reader | None = None


class Unrecognised(Exception):
    """An override asks for something this operation does not have (a SpecError at its place)."""


def describe(
    spec: LoadedSpec,
    config: GeneratorConfig,
    models: ModelModule,
    operation: dict[str, Any],
    item: dict[str, Any],
    op: ir.Operation,
    here: str,
    used_models: set[str],
) -> ir.Pagination | None:
    """The pagination of ``op`` (``operation`` is its spec object at ``here``), or None.

    The config's entry for the operation wins over ``x-pagination``, which wins over what is
    recognised. Model classes the ``_all`` iterator's item type names are added to ``used_models``.
    """
    key = f"{op.http_method} {op.path}"
    override = next((entry for entry in config.pagination if entry.operation == key), None)
    if override is None and "x-pagination" not in operation and op.http_method != "GET":
        return None  # only a GET is ever recognised
    page = _read_page(spec.document, models, operation, item, op)
    found: ir.Pagination | None
    if override is not None:
        if override.settings is None:
            return None
        found = _from_settings(page, dict(override.settings), "config", lambda message: SpecError(override.where, message))
    elif "x-pagination" in operation:
        raw = operation["x-pagination"]
        where = f"{here}/x-pagination"
        if raw == "none" or raw is False:
            return None
        if not isinstance(raw, dict):
            raise spec.error(where, f"x-pagination needs a style, one of {', '.join(STYLES)} (or none)")
        found = _from_settings(page, raw, "x-pagination", lambda message: spec.error(where, message))
    else:
        found = recognise(page) if page is not None else None
    if found is not None:
        classes = {cls.class_name for cls in models.classes}
        used_models.update(name for name in re.findall(r"\w+", found.item_annotation) if name in classes)
    return found


def without_clashing_iterators(ops: list[ir.Operation], places: dict[str, str], warnings: list[Finding]) -> list[ir.Operation]:
    """A resource's operations, an ``_all`` iterator dropped (with a warning) where another
    method already has its name (``find`` paginated beside a ``find_all``): the plain method
    stays; the config can rename nothing here, so the warning says which."""
    names = {op.name for op in ops}
    kept = []
    for op in ops:
        if op.pagination is not None and f"{op.name}_all" in names:
            warnings.append(Finding(places.get(op.name, "#"), f"{op.http_method} {op.path} pages, but `{op.name}_all` is another method; no iterator"))
            op = replace(op, pagination=None)
        kept.append(op)
    return kept


def unused_overrides(config: GeneratorConfig, operations: set[str]) -> None:
    """An entry of the config's ``pagination`` that names no operation is an error (a typo
    would otherwise leave the operation recognised, or not, silently)."""
    for entry in config.pagination:
        if entry.operation not in operations:
            raise SpecError(entry.where, f"pagination: {entry.operation} is not an operation of the spec")


# -- recognition ------------------------------------------------------------------------


def recognise(page: _Page) -> ir.Pagination | None:
    """The style the names of ``page`` say, or None when they say nothing (see the module doc)."""
    op = page.op
    if op.http_method != "GET" or not page.is_list:
        return None
    if _one_resource(page):
        return None  # one resource (`GET /things/{id}`) with a list inside it is not a page
    for style in ("next-url", "cursor", "cursor-id", "link-header", "page", "offset"):
        found = _STYLE_RECOGNISERS[style](page, {})
        if found is not None:
            return found
    return None


_PAGING_PARAMS = frozenset(_TOKEN_PARAMS + _ID_CURSOR_PARAMS + _OFFSET_PARAMS + _PAGE_PARAMS + _SIZE_PARAMS)


def _one_resource(page: _Page) -> bool:
    """``/things/{id}`` or ``/Things/{Sid}.json`` (the last segment names one thing), unless a
    paging parameter says it is a collection after all (``/provider/{name}?page=2``)."""
    named = re.search(r"\{[^{}/]*\}[^/]*$", page.op.path.rstrip("/")) is not None
    return named and not (_PAGING_PARAMS & set(page.query))


def is_list_operation(
    doc: dict[str, Any], models: ModelModule, operation: dict[str, Any], item: dict[str, Any], op: ir.Operation
) -> bool:
    """A ``GET`` of a collection whose JSON answer holds one item list: what could page
    (the README's count of how many list operations of a spec do)."""
    if op.http_method != "GET":
        return False
    page = _read_page(doc, models, operation, item, op)
    return page is not None and page.is_list and not _one_resource(page)


def _next_url(page: _Page, given: dict[str, Any], explicit: bool = False) -> ir.Pagination | None:
    next_field = given.get("next_field") or _next_url_field(page)
    if next_field is None:
        return None
    return _pagination(page, "next-url", next_field=next_field.path, page_size=_page_size(page, given))


def _next_url_field(page: _Page) -> _Field | None:
    for candidate in _fields_named(page, _NEXT_URLS):
        schema = candidate.schema
        if _type(schema) not in ("string", None) or "properties" in schema:  # not HAL's `{href: ...}`
            continue
        says_url = schema.get("format") in ("uri", "url", "uri-reference") or _URL_HINT.search(
            f"{candidate.path.wire} {schema.get('description') or ''}".replace("_", " ").replace(".", " ")
        )
        # A bare `next` string beside a cursor parameter is more likely that cursor than a URL.
        if says_url or not _param(page, _TOKEN_PARAMS):
            return candidate
    return None


def _cursor(page: _Page, given: dict[str, Any], explicit: bool = False) -> ir.Pagination | None:
    token = given.get("cursor_field") or _first(_fields_named(page, _TOKEN_FIELDS), scalar=True)
    param = given.get("cursor") or (_token_param(page, token) if token else None)
    if token is None or param is None:
        return None
    return _pagination(
        page, "cursor", cursor_param=param.name, cursor_field=token.path,
        has_more_field=_path(given.get("has_more_field") or _first(_fields_named(page, _HAS_MORE), kind="boolean")),
        page_size=_page_size(page, given),
    )


def _token_param(page: _Page, token: _Field) -> ir.Parameter | None:
    """The parameter a cursor field is sent back in: the one named like it without ``next``
    (``nextPageToken`` -> ``pageToken``), else the first cursor-like one."""
    bare = _norm(token.path.wire.rsplit(".", 1)[-1]).removeprefix("next")
    return page.query.get(bare) if bare in page.query and bare in _TOKEN_PARAMS else _param(page, _TOKEN_PARAMS)


def _cursor_id(page: _Page, given: dict[str, Any], explicit: bool = False) -> ir.Pagination | None:
    has_more = given.get("has_more_field") or _first(_fields_named(page, _HAS_MORE), kind="boolean")
    param = given.get("cursor") or _param(page, _ID_CURSOR_PARAMS)
    id_field = given.get("id_field") or page.item_fields.get("id")
    if has_more is None or param is None or id_field is None:
        return None
    return _pagination(
        page, "cursor-id", cursor_param=param.name, id_field=id_field.path, has_more_field=has_more.path,
        page_size=_page_size(page, given),
    )


def _page_number(page: _Page, given: dict[str, Any], explicit: bool = False) -> ir.Pagination | None:
    param = given.get("cursor") or _param(page, _PAGE_PARAMS, integer=True)
    if param is None:
        return None
    size = _page_size(page, given)
    totals = _totals(page, given)
    total_pages = given.get("total_pages_field") or _first(_fields_named(page, _TOTAL_PAGES), kind="number")
    if size is None and not any(totals) and total_pages is None and not explicit:
        return None  # a lone `page` is too weak a signal
    first = given.get("first_page")
    if first is None:
        first = _first_page(page, param)
    return _pagination(
        page, "page", cursor_param=param.name, page_size=size, first_page=first,
        total_field=_path(totals[0]), has_more_field=_path(totals[1]), total_pages_field=_path(total_pages),
    )


def _offset(page: _Page, given: dict[str, Any], explicit: bool = False) -> ir.Pagination | None:
    param = given.get("cursor") or _param(page, _OFFSET_PARAMS, integer=True)
    size = _page_size(page, given)
    if param is None or (size is None and not explicit):
        return None
    total, has_more = _totals(page, given)
    return _pagination(page, "offset", cursor_param=param.name, page_size=size, total_field=_path(total), has_more_field=_path(has_more))


def _link_header(page: _Page, given: dict[str, Any], explicit: bool = False) -> ir.Pagination | None:
    if not page.link_header and not explicit:
        return None
    return _pagination(page, "link-header", page_size=_page_size(page, given))


def _time_cursor(page: _Page, given: dict[str, Any], explicit: bool = False) -> ir.Pagination | None:
    """Only ever said, never recognised: newest first, the next page at or before the oldest
    timestamp seen (``cursor_field``, an item's), ties skipped by ``id_field``."""
    cursor_field = given.get("cursor_field")
    param, size = given.get("cursor"), _page_size(page, given)
    if cursor_field is None or param is None or size is None:
        raise Unrecognised("time-cursor needs cursorParameter, pageSizeParameter and cursorField")
    id_field = given.get("id_field") or page.item_fields.get("id")
    if id_field is None:
        raise Unrecognised("time-cursor needs idField: the items have no `id`")
    return _pagination(page, "time-cursor", cursor_param=param.name, cursor_field=cursor_field.path, id_field=id_field.path, page_size=size)


_STYLE_RECOGNISERS = {
    "next-url": _next_url,
    "cursor": _cursor,
    "cursor-id": _cursor_id,
    "page": _page_number,
    "offset": _offset,
    "link-header": _link_header,
    "time-cursor": _time_cursor,
}


def _pagination(page: _Page, style: str, *, page_size: ir.Parameter | None = None, **fields: Any) -> ir.Pagination:
    return ir.Pagination(
        style=style,
        item_annotation=page.item_annotation,
        items=page.items.path if page.items else None,
        page_size_param=page_size.name if page_size else None,
        page_size_default=_default_size(page, page_size),
        **fields,
    )


def _default_size(page: _Page, param: ir.Parameter | None) -> int:
    """100, or less when the parameter's schema says its maximum is lower."""
    schema = page.parameter_schemas.get(param.wire_name, {}) if param is not None else {}
    maximum = schema.get("maximum")
    if isinstance(maximum, (int, float)) and not isinstance(maximum, bool):
        return max(1, min(DEFAULT_PAGE_SIZE, int(maximum)))
    return DEFAULT_PAGE_SIZE


def _first_page(page: _Page, param: ir.Parameter) -> int:
    """1, or 0 when the page parameter's schema starts there (``minimum: 0`` or ``default: 0``)."""
    schema = page.parameter_schemas.get(param.wire_name, {})
    return 0 if schema.get("minimum") == 0 or schema.get("default") in (0, "0") else 1


def _page_size(page: _Page, given: dict[str, Any]) -> ir.Parameter | None:
    return given.get("page_size") or _param(page, _SIZE_PARAMS, integer=True)


def _totals(page: _Page, given: dict[str, Any]) -> tuple[_Field | None, _Field | None]:
    total = given.get("total_field") or _first(_fields_named(page, _TOTAL), kind="number")
    has_more = given.get("has_more_field") or _first(_fields_named(page, _HAS_MORE), kind="boolean")
    return total, has_more


def _path(found: _Field | None) -> ir.PageField | None:
    return found.path if found else None


def _param(page: _Page, names: tuple[str, ...], *, integer: bool = False) -> ir.Parameter | None:
    for name in names:
        param = page.query.get(name)
        if param is not None and (not integer or param.annotation.startswith(("int", "float"))):
            return param
    return None


def _fields_named(page: _Page, names: tuple[str, ...]) -> list[_Field]:
    """The page's fields with one of ``names``, in the order of ``names``, top-level ones first."""
    found = [f for name in names for f in page.fields.get(name, ())]
    return sorted(found, key=lambda f: len(f.path.python))


def _first(fields: list[_Field], *, kind: str | None = None, scalar: bool = False) -> _Field | None:
    for f in fields:
        types = _type(f.schema)
        if kind == "boolean" and types != "boolean":
            continue
        if kind == "number" and types not in ("integer", "number"):
            continue
        if scalar and types in ("object", "array"):
            continue
        return f
    return None


# -- overrides --------------------------------------------------------------------------


def _from_settings(page: _Page | None, raw: dict[str, Any], source: str, error: Callable[[str], SpecError]) -> ir.Pagination:
    """An override's settings checked against the operation; what they leave out is recognised."""
    settings: dict[str, Any] = {}
    for name, value in raw.items():
        key = _SETTINGS.get(_norm(str(name)))
        if key is None:
            raise error(f"unknown pagination setting {name!r}; known: {', '.join(sorted({*_SETTINGS.values()}))}")
        settings[key] = value
    style = settings.pop("style", None)
    if style not in STYLES:
        raise error(f"pagination needs a style, one of {', '.join(STYLES)} (or none), not {style!r}")
    if page is None:
        raise error(f"pagination ({style}) needs an operation that answers JSON with a list of items")
    try:
        page = _with_items(page, settings.pop("items", None))
        given = _resolve_settings(page, settings, style)
        found = _STYLE_RECOGNISERS[style](page, given, True)
    except Unrecognised as exc:
        raise error(f"pagination ({style}): {exc}") from None
    if found is None:
        raise error(f"pagination ({style}): this operation does not have what the style needs; name it in the settings")
    if not page.is_list:
        raise error(f"pagination ({style}): the answer has no item list; set `items` to the property that holds it")
    return ir.Pagination(**{**found.__dict__, "source": source})


def _with_items(page: _Page, items: Any) -> _Page:
    if items is None:
        return page
    if not isinstance(items, str):
        raise Unrecognised("items must name the answer's item list (a property, or \"\" for a list answer)")
    if items == "":
        if not page.op.return_annotation.startswith("list["):
            raise Unrecognised("items is \"\" but the answer is not a list")
        return page
    found = next((f for f in page.fields.get(_norm(items), ()) if f.path.wire == items), None)
    if found is None or not _is_array(found.schema):
        raise Unrecognised(f"the answer has no array property {items!r}")
    assert page.reader is not None
    return _page_with_items(page.reader, page, found)


def _resolve_settings(page: _Page, settings: dict[str, Any], style: str) -> dict[str, Any]:
    given: dict[str, Any] = {}
    for key, value in settings.items():
        if key in ("page_size", "cursor"):
            param = next((p for p in page.op.query_parameters if p.wire_name == value), None)
            if param is None:
                raise Unrecognised(f"{value!r} is not a query parameter of this operation")
            given[key] = param
        elif key == "first_page":
            if not isinstance(value, int) or isinstance(value, bool):
                raise Unrecognised("first_page must be a whole number")
            given[key] = value
        elif key == "id_field" or (key == "cursor_field" and style == "time-cursor"):
            found = page.item_fields.get(value) if isinstance(value, str) else None
            if found is None:
                raise Unrecognised(f"the items have no field {value!r}")
            given[key] = found
        else:
            found = _page_field(page, value)
            if found is None:
                raise Unrecognised(f"the answer has no field {value!r}")
            given[key] = found
    return given


def _page_field(page: _Page, value: Any) -> _Field | None:
    if not isinstance(value, str):
        return None
    return next((f for f in page.fields.get(_norm(value.rsplit(".", 1)[-1]), ()) if f.path.wire == value), None)


# -- reading the answer -----------------------------------------------------------------


def _read_page(
    doc: dict[str, Any], models: ModelModule, operation: dict[str, Any], item: dict[str, Any], op: ir.Operation
) -> _Page | None:
    """What the answer of ``op`` holds, or None when it is not JSON the generator typed."""
    if op.response.kind != "json" or op.response.stream_flag is not None:
        return None
    response, schema = _success(doc, operation)
    if schema is None:
        return None
    reader = _Reader(doc, models)
    query = {_norm(p.wire_name): p for p in op.query_parameters}
    link = any(str(name).lower() == "link" for name in (response.get("headers") or {}))
    base = _Page(op, None, False, "Any", {}, {}, query, link, _parameter_schemas(doc, operation, item), reader=reader)
    annotation = op.return_annotation
    if annotation.startswith("list[") and annotation.endswith("]"):
        resolved = _resolved(doc, schema)
        items = resolved.get("items")
        return replace(
            base, is_list=True, item_annotation=annotation[len("list["):-1],
            item_fields=reader.fields(items, _pointer_of(schema, "/items")),
        )
    if not re.fullmatch(r"[A-Za-z_]\w*", annotation) or annotation not in reader.by_name:
        return None  # not a model: its fields cannot be read by name
    fields = reader.fields(schema, None)
    by_name: dict[str, list[_Field]] = {}
    for f in fields.values():
        by_name.setdefault(_norm(f.path.wire), []).append(f)
        if _type(f.schema) == "object" or "properties" in f.schema or "allOf" in f.schema:
            for inner in reader.fields(f.raw, f.pointer, f).values():
                by_name.setdefault(_norm(inner.path.wire.rsplit(".", 1)[-1]), []).append(inner)
    base = replace(base, fields=by_name)
    items = _the_item_list([f for f in fields.values() if _is_array(f.schema)], op)
    return _page_with_items(reader, base, items) if items else base


def _is_array(schema: dict[str, Any]) -> bool:
    return _type(schema) == "array" or "items" in schema


def _page_with_items(reader: _Reader, page: _Page, items: _Field) -> _Page:
    """``page`` with ``items`` as its item list, typed by the model's own annotation."""
    annotation = re.sub(r"\s*\|\s*None$", "", items.annotation.strip())
    inner = annotation[len("list["):-1] if annotation.startswith("list[") and annotation.endswith("]") else "Any"
    raw_items = items.schema.get("items")
    return replace(
        page, items=items, is_list=True, item_annotation=inner,
        item_fields=reader.fields(raw_items, f"{items.pointer}/items" if items.pointer else None),
    )


def _the_item_list(lists: list[_Field], op: ir.Operation) -> _Field | None:
    """The one array property; else the one with an item-list name or the resource's name."""
    if len(lists) == 1:
        return lists[0]
    for names in (_ITEM_LISTS, _resource_names(op)):
        named = [f for f in lists if _norm(f.path.wire) in names]
        if len(named) == 1:
            return named[0]
    return None


def _resource_names(op: ir.Operation) -> tuple[str, ...]:
    segments = [s for s in op.path.split("/") if s and not s.startswith("{")]
    if not segments:
        return ()
    last = _norm(re.sub(r"\.\w+$", "", segments[-1]))  # `Calls.json` -> `calls`
    return (last, last + "s", last.removesuffix("s"))


def _success(doc: dict[str, Any], operation: dict[str, Any]) -> tuple[dict[str, Any], Any]:
    responses = operation.get("responses") or {}
    codes = sorted(code for code in responses if str(code).startswith("2"))
    if not codes:
        return {}, None
    response = deref(doc, responses[codes[0]])
    if not isinstance(response, dict):
        return {}, None
    for media, content in (response.get("content") or {}).items():
        if is_json(media) and isinstance(content, dict) and content.get("schema") is not None:
            return response, content["schema"]
    return response, None


def _parameter_schemas(doc: dict[str, Any], operation: dict[str, Any], item: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """Each query parameter's resolved schema, by wire name (for its maximum and minimum)."""
    found: dict[str, dict[str, Any]] = {}
    for raw in [*(item.get("parameters") or []), *(operation.get("parameters") or [])]:
        param = _resolved(doc, raw)
        if param.get("in") == "query" and isinstance(param.get("name"), str):
            found[param["name"]] = _resolved(doc, param.get("schema") or {})
    return found


def _pointer_of(schema: Any, suffix: str) -> str | None:
    return f"{schema['$ref']}{suffix}" if isinstance(schema, dict) and isinstance(schema.get("$ref"), str) else None


class _Reader:
    """Object schemas read as their model classes have them: each property the class has, with
    its Python attribute name (through ``$ref``, ``allOf`` and nested classes)."""

    def __init__(self, doc: dict[str, Any], models: ModelModule) -> None:
        self.doc = doc
        self.models = models
        self.by_ref: dict[str, ModelClass] = {cls.source_ref: cls for cls in models.classes}
        self.by_name: dict[str, ModelClass] = {cls.class_name: cls for cls in models.classes}

    def fields(self, schema: Any, pointer: str | None, parent: _Field | None = None) -> dict[str, _Field]:
        found: dict[str, _Field] = {}
        self._walk(schema, pointer, parent, found, 0)
        return found

    def _walk(self, node: Any, pointer: str | None, parent: _Field | None, found: dict[str, _Field], depth: int) -> None:
        if not isinstance(node, dict) or depth > 16:
            return
        ref = node.get("$ref")
        if isinstance(ref, str):
            try:
                target = deref(self.doc, node)
            except Exception:
                return
            self._walk(target, ref, parent, found, depth + 1)
            return
        for part in node.get("allOf") or []:  # an inline part's properties are the enclosing class's
            self._walk(part, pointer, parent, found, depth + 1)
        cls = self.by_ref.get(pointer) if pointer else None
        properties = node.get("properties")
        if not isinstance(properties, dict) or cls is None:
            return
        by_wire = {str(f.get("original_name") or f.get("alias") or f["name"]): f for f in cls.fields}
        for wire, prop in properties.items():
            meta = by_wire.get(str(wire))
            if meta is None:
                continue
            python = (*(parent.path.python if parent else ()), str(meta["name"]))
            dotted = f"{parent.path.wire}.{wire}" if parent else str(wire)
            inner = prop.get("$ref") if isinstance(prop, dict) and isinstance(prop.get("$ref"), str) else None
            here = inner or f"{pointer}/properties/{jsonpointer.escape(str(wire))}"
            found[str(wire)] = _Field(
                ir.PageField(python, dotted), _resolved(self.doc, prop), str(meta.get("type") or "Any"), prop, here
            )


def _resolved(doc: dict[str, Any], schema: Any) -> dict[str, Any]:
    """``schema`` through ``$ref`` and single-item ``allOf`` wrappers (``allOf: [$ref]``)."""
    for _ in range(16):
        try:
            schema = deref(doc, schema)
        except Exception:
            return {}
        if not isinstance(schema, dict):
            return {}
        parts = schema.get("allOf")
        if isinstance(parts, list) and len(parts) == 1 and "properties" not in schema and "type" not in schema:
            schema = parts[0]
            continue
        return schema
    return {}
