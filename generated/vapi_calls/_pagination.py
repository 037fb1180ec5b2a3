"""Walking every page of a list operation, in the styles real APIs use.

Each style is a pager that decides without doing I/O: :meth:`Pager.next_request` says which
page to ask for (a cursor or number for the operation's own argument, the page size, or the
URL the server gave), :meth:`Pager.accept` reads a page as it arrives and returns its items
not yielded before. :func:`iterate_pages` and :func:`aiterate_pages` only fetch, through the
operation's plain method, so every request takes the client's one request flow (retries,
timeouts, errors) and every filter the caller gave.

- ``TimeCursorPager``: newest first; the next page asks for items at or before the oldest
  timestamp seen (an inclusive bound, so items sharing it are not lost) and skips those
  already yielded.
- ``CursorPager``: the page names the next cursor (``next_cursor``, ``nextPageToken``), sent
  back as an argument, until there is none (or ``has_more`` is false).
- ``CursorIdPager``: while ``has_more``, the last item's id is the next ``starting_after``.
- ``OffsetPager`` / ``PagePager``: counted by items or by pages, until a short or empty page,
  the total, or ``has_more`` false.
- ``NextUrlPager`` / ``LinkHeaderPager``: the server's URL of the next page, from the body or
  from the RFC 8288 ``Link`` header (``rel="next"``), until there is none. Only a URL on the
  client's own server is followed: the client's credentials never go anywhere else.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator, Sequence
from datetime import datetime, timezone
from typing import Any, Generic, NamedTuple, ParamSpec, TypeVar, cast

import httpx

from ._base_client import requesting_url
from ._constants import PACKAGE_NAME
from ._exceptions import ArgumentError, VapiError
from ._response import APIResponse, raw_response_requested, raw_responses
from ._sentinels import NotGiven

__all__ = [
    "AsyncPagedItems",
    "CursorIdPager",
    "CursorPager",
    "LinkHeaderPager",
    "NextUrlPager",
    "OffsetPager",
    "PagePager",
    "PagedItems",
    "Pager",
    "PaginationError",
    "TimeCursorPager",
    "aiterate_pages",
    "async_to_raw_pages_wrapper",
    "iterate_pages",
    "to_raw_pages_wrapper",
]

T = TypeVar("T")
PageT = TypeVar("PageT")
P = ParamSpec("P")

log = logging.getLogger(PACKAGE_NAME)

MAX_PAGE_SIZE = 1000


class PaginationError(VapiError):
    """The pages cannot be walked without skipping or repeating items."""


class PageRequest(NamedTuple):
    """The next page to fetch: the value of the operation's cursor (or offset, or page)
    argument, its page size, and for the URL styles the URL the server gave."""

    cursor: Any
    size: Any
    url: str | None = None


def _given(value: Any) -> bool:
    return value is not None and not isinstance(value, NotGiven) and value != ""


def _checked_size(page_size: int | None) -> int | None:
    if page_size is not None and page_size < 1:
        raise ArgumentError("page_size must be at least 1")
    return page_size


class Pager(Generic[T, PageT]):
    """Which page to ask for next, and which items of a page are new (one instance per walk)."""

    def __init__(
        self,
        *,
        page_size: int | None = None,
        items_of: Callable[[PageT], Sequence[T] | None] | None = None,
    ) -> None:
        self.page_size = _checked_size(page_size)
        self._items_of = items_of
        self._next: PageRequest | None = PageRequest(None, page_size)

    def next_request(self) -> PageRequest | None:
        """The next page's request, or ``None`` when every page has been read."""
        return self._next

    def items(self, page: PageT) -> list[T]:
        found = self._items_of(page) if self._items_of is not None else cast(Sequence[T], page)
        return list(found or [])

    def accept(self, page: PageT, response: httpx.Response) -> list[T]:
        """The new items of ``page`` (``response`` is its HTTP response); sets the next request."""
        items = self.items(page)
        self._next = self._after(page, items, response)
        return items

    def _after(self, page: PageT, items: list[T], response: httpx.Response) -> PageRequest | None:
        raise NotImplementedError

    def _short(self, items: list[T], has_more: bool | None) -> bool:
        """Whether ``items`` is the last page, as far as its size and ``has_more`` say."""
        if has_more is not None:
            return not has_more or not items
        return not items or (self.page_size is not None and len(items) < self.page_size)


class TimeCursorPager(Pager[T, PageT]):
    """Newest first; the next page holds items at or before the oldest timestamp seen."""

    def __init__(
        self,
        *,
        page_size: int,
        upper_bound: Any,
        cursor_of: Callable[[T], Any],
        key_of: Callable[[T], Any],
        items_of: Callable[[PageT], Sequence[T] | None] | None = None,
    ) -> None:
        super().__init__(page_size=page_size, items_of=items_of)
        if isinstance(upper_bound, NotGiven):
            upper_bound = None
        if isinstance(upper_bound, datetime) and upper_bound.tzinfo is None:
            upper_bound = upper_bound.replace(tzinfo=timezone.utc)  # as the query sends it
        self.cursor = upper_bound  # None: no bound on the first page
        self._cursor_of = cursor_of
        self._key_of = key_of
        self._seen_at_cursor: set[Any] = set()
        self._next = PageRequest(self.cursor, page_size)

    def accept(self, page: PageT, response: httpx.Response) -> list[T]:
        items = self.items(page)
        size = cast(int, self.page_size)
        if items and self.cursor is not None and not isinstance(self.cursor, str):
            # Items newer than the cursor were yielded before (or the server ignores the
            # cursor): going on would repeat them, and a full page would loop forever.
            newest = max(self._cursor_of(item) for item in items)
            if newest > self.cursor:
                raise PaginationError(f"the server returned items after the cursor {self.cursor!r}")
        fresh = [item for item in items if self._key_of(item) not in self._seen_at_cursor]
        if len(items) < size:
            self._next = None
            return fresh
        oldest = min(self._cursor_of(item) for item in items)
        if oldest == self.cursor and not fresh:
            # A whole page shares the boundary timestamp: ask for bigger pages until it fits.
            if size >= MAX_PAGE_SIZE:
                raise PaginationError(
                    f"more than {MAX_PAGE_SIZE} items share the timestamp {oldest!r}; "
                    "they cannot be paged through with a time cursor"
                )
            self.page_size = min(size * 2, MAX_PAGE_SIZE)
            self._next = PageRequest(self.cursor, self.page_size)
            return fresh
        at_boundary = {self._key_of(item) for item in items if self._cursor_of(item) == oldest}
        self._seen_at_cursor = at_boundary | (
            self._seen_at_cursor if oldest == self.cursor else set()
        )
        self.cursor = oldest
        self._next = PageRequest(self.cursor, self.page_size)
        return fresh


class CursorPager(Pager[T, PageT]):
    """The page names the next cursor, which goes back in the cursor argument."""

    def __init__(
        self,
        *,
        cursor: Any,
        next_cursor_of: Callable[[PageT], Any],
        has_more_of: Callable[[PageT], bool | None] | None = None,
        page_size: int | None = None,
        items_of: Callable[[PageT], Sequence[T] | None] | None = None,
    ) -> None:
        super().__init__(page_size=page_size, items_of=items_of)
        self._next_cursor_of = next_cursor_of
        self._has_more_of = has_more_of
        self._next = PageRequest(cursor, page_size)
        self._seen: set[Any] = set()

    def _after(self, page: PageT, items: list[T], response: httpx.Response) -> PageRequest | None:
        cursor = self._next_cursor_of(page)
        no_more = self._has_more_of is not None and self._has_more_of(page) is False
        if not _given(cursor) or no_more:
            return None
        key = str(cursor)
        if key in self._seen:
            raise PaginationError(f"the server returned the cursor {key!r} a second time")
        self._seen.add(key)
        return PageRequest(cursor, self.page_size)


class CursorIdPager(Pager[T, PageT]):
    """While the page says there is more, the last item's id asks for the items after it."""

    def __init__(
        self,
        *,
        cursor: Any,
        key_of: Callable[[T], Any],
        has_more_of: Callable[[PageT], bool | None],
        page_size: int | None = None,
        items_of: Callable[[PageT], Sequence[T] | None] | None = None,
    ) -> None:
        super().__init__(page_size=page_size, items_of=items_of)
        self._key_of = key_of
        self._has_more_of = has_more_of
        self._next = PageRequest(cursor, page_size)
        self._seen: set[Any] = set()

    def _after(self, page: PageT, items: list[T], response: httpx.Response) -> PageRequest | None:
        if not items or not self._has_more_of(page):
            return None
        last = self._key_of(items[-1])
        if last in self._seen:
            raise PaginationError(f"the server returned the item {last!r} again after it")
        self._seen.add(last)
        return PageRequest(last, self.page_size)


class _CountedPager(Pager[T, PageT]):
    """Offsets and page numbers: the server does not say where the next page is, so a page
    equal to the one before means it ignores the argument (going on would loop)."""

    def __init__(
        self,
        *,
        page_size: int | None,
        items_of: Callable[[PageT], Sequence[T] | None] | None,
        total_of: Callable[[PageT], Any] | None,
        has_more_of: Callable[[PageT], bool | None] | None,
    ) -> None:
        super().__init__(page_size=page_size, items_of=items_of)
        self._total_of = total_of
        self._has_more_of = has_more_of
        self._previous: list[T] | None = None
        self.seen = 0

    def _last(self, page: PageT, items: list[T]) -> bool:
        if items and items == self._previous:
            raise PaginationError(
                "the server returned the same page twice; it may ignore the page argument"
            )
        self._previous = items
        self.seen += len(items)
        total = self._total_of(page) if self._total_of is not None else None
        if isinstance(total, (int, float)) and self.seen >= total:
            return True
        has_more = self._has_more_of(page) if self._has_more_of is not None else None
        return self._short(items, has_more)


class OffsetPager(_CountedPager[T, PageT]):
    """The next page starts after the items seen (``offset`` + their number)."""

    def __init__(
        self,
        *,
        offset: Any,
        page_size: int | None = None,
        items_of: Callable[[PageT], Sequence[T] | None] | None = None,
        total_of: Callable[[PageT], Any] | None = None,
        has_more_of: Callable[[PageT], bool | None] | None = None,
    ) -> None:
        super().__init__(
            page_size=page_size, items_of=items_of, total_of=total_of, has_more_of=has_more_of
        )
        self._start = offset if isinstance(offset, int) else 0
        self._next = PageRequest(offset, page_size)

    def _after(self, page: PageT, items: list[T], response: httpx.Response) -> PageRequest | None:
        if self._start and self._total_of is not None:
            self.seen = max(self.seen, self._start)  # the total counts from the first item
            self._start = 0
        if self._last(page, items):
            return None
        current = self._next.cursor if self._next is not None else None
        offset = current if isinstance(current, int) else 0
        return PageRequest(offset + len(items), self.page_size)


class PagePager(_CountedPager[T, PageT]):
    """Page after page by number, from ``page`` (or ``first_page``)."""

    def __init__(
        self,
        *,
        page: Any,
        first_page: int = 1,
        page_size: int | None = None,
        items_of: Callable[[PageT], Sequence[T] | None] | None = None,
        total_of: Callable[[PageT], Any] | None = None,
        total_pages_of: Callable[[PageT], Any] | None = None,
        has_more_of: Callable[[PageT], bool | None] | None = None,
    ) -> None:
        started_later = isinstance(page, int) and page != first_page
        super().__init__(
            page_size=page_size,
            items_of=items_of,
            total_of=None if started_later else total_of,  # it counts from the first page
            has_more_of=has_more_of,
        )
        self._first = first_page
        self._number = page if isinstance(page, int) else first_page
        self._total_pages_of = total_pages_of
        self._next = PageRequest(page if isinstance(page, int) else first_page, page_size)

    def _after(self, page: PageT, items: list[T], response: httpx.Response) -> PageRequest | None:
        pages = self._total_pages_of(page) if self._total_pages_of is not None else None
        if self._last(page, items) or (
            isinstance(pages, (int, float)) and self._number - self._first + 1 >= pages
        ):
            return None
        self._number += 1
        return PageRequest(self._number, self.page_size)


class _UrlPager(Pager[T, PageT]):
    """A later page is fetched from the URL the server gave, on the client's own server only."""

    def __init__(
        self,
        *,
        base_url: httpx.URL | str,
        page_size: int | None = None,
        items_of: Callable[[PageT], Sequence[T] | None] | None = None,
    ) -> None:
        super().__init__(page_size=page_size, items_of=items_of)
        self._base = httpx.URL(str(base_url))
        self._seen: set[str] = set()

    def _follow(self, target: Any, response: httpx.Response) -> PageRequest | None:
        if not _given(target):
            return None
        url = response.url.join(str(target))
        base = self._base
        if (url.scheme, url.host, url.port) != (base.scheme, base.host, base.port):
            raise PaginationError(
                f"the next page is on another server ({url.scheme}://{url.host}); "
                "the client does not send its credentials there"
            )
        if str(url) in self._seen:
            raise PaginationError("the server gave the same next-page URL a second time")
        self._seen.add(str(url))
        return PageRequest(None, self.page_size, str(url))


class NextUrlPager(_UrlPager[T, PageT]):
    """The page's own field holds the next page's URL (absolute, or relative to the page's)."""

    def __init__(
        self,
        *,
        base_url: httpx.URL | str,
        next_of: Callable[[PageT], Any],
        page_size: int | None = None,
        items_of: Callable[[PageT], Sequence[T] | None] | None = None,
    ) -> None:
        super().__init__(base_url=base_url, page_size=page_size, items_of=items_of)
        self._next_of = next_of

    def _after(self, page: PageT, items: list[T], response: httpx.Response) -> PageRequest | None:
        return self._follow(self._next_of(page), response)


class LinkHeaderPager(_UrlPager[T, PageT]):
    """The ``Link`` header's ``rel="next"`` (RFC 8288) holds the next page's URL."""

    def _after(self, page: PageT, items: list[T], response: httpx.Response) -> PageRequest | None:
        for link in response.links.values():
            if "next" in str(link.get("rel", "")).lower().split():
                return self._follow(link.get("url"), response)
        return None


class PagedItems(Iterator[T], Generic[T, PageT]):
    """Every item of every page (``PageT``: one page, as the plain method returns it), each
    page fetched when iteration reaches it."""

    def __init__(self, items: Iterator[T]) -> None:
        self._items = items

    def __iter__(self) -> PagedItems[T, PageT]:
        return self

    def __next__(self) -> T:
        return next(self._items)


class AsyncPagedItems(AsyncIterator[T], Generic[T, PageT]):
    """:class:`PagedItems` for the async client."""

    def __init__(self, items: AsyncIterator[T]) -> None:
        self._items = items

    def __aiter__(self) -> AsyncPagedItems[T, PageT]:
        return self

    async def __anext__(self) -> T:
        return await self._items.__anext__()


def iterate_pages(
    pager: Pager[T, PageT],
    fetch: Callable[[Any, Any], PageT],
    *,
    max_items: int | None = None,
) -> PagedItems[T, PageT]:
    """The items of every page (at most ``max_items``); inside ``with_raw_response`` (when this
    is called), each page's :class:`APIResponse` instead (the pager still reads every page)."""
    if max_items is not None and max_items < 0:
        raise ArgumentError("max_items must be 0 or more")
    pages = _pages(pager, fetch, max_items)
    if raw_response_requested():
        return cast(PagedItems[T, PageT], (response for response, _ in pages))
    return PagedItems(item for _, items in pages for item in items)


def _describe(number: int, request: PageRequest) -> str:
    if request.url is not None:
        return f"page {number}: the next-page URL the server gave"
    cursor = "none" if not _given(request.cursor) else request.cursor
    size = "" if request.size is None else f", page size {request.size}"
    return f"page {number}: cursor {cursor}{size}"


def _pages(
    pager: Pager[T, PageT], fetch: Callable[[Any, Any], Any], max_items: int | None
) -> Iterator[tuple[APIResponse[PageT], list[T]]]:
    number = count = 0
    while max_items is None or count < max_items:
        request = pager.next_request()
        if request is None:
            return
        number += 1
        if log.isEnabledFor(logging.DEBUG):
            log.debug("Fetching %s", _describe(number, request))
        with raw_responses(), requesting_url(request.url):
            response = cast(APIResponse[PageT], fetch(request.cursor, request.size))
        items = pager.accept(response.parse(), response.http_response)
        if max_items is not None:
            items = items[: max_items - count]
        count += len(items)
        yield response, items


def aiterate_pages(
    pager: Pager[T, PageT],
    fetch: Callable[[Any, Any], Awaitable[PageT]],
    *,
    max_items: int | None = None,
) -> AsyncPagedItems[T, PageT]:
    """:func:`iterate_pages` for the async client."""
    if max_items is not None and max_items < 0:
        raise ArgumentError("max_items must be 0 or more")
    if raw_response_requested():
        return cast(AsyncPagedItems[T, PageT], _araw_pages(pager, fetch, max_items))
    return AsyncPagedItems(_aitems(pager, fetch, max_items))


async def _apages(
    pager: Pager[T, PageT], fetch: Callable[[Any, Any], Awaitable[Any]], max_items: int | None
) -> AsyncIterator[tuple[APIResponse[PageT], list[T]]]:
    number = count = 0
    while max_items is None or count < max_items:
        request = pager.next_request()
        if request is None:
            return
        number += 1
        if log.isEnabledFor(logging.DEBUG):
            log.debug("Fetching %s", _describe(number, request))
        with raw_responses(), requesting_url(request.url):
            response = cast(APIResponse[PageT], await fetch(request.cursor, request.size))
        items = pager.accept(response.parse(), response.http_response)
        if max_items is not None:
            items = items[: max_items - count]
        count += len(items)
        yield response, items


async def _aitems(
    pager: Pager[T, PageT], fetch: Callable[[Any, Any], Awaitable[Any]], max_items: int | None
) -> AsyncIterator[T]:
    async for _, items in _apages(pager, fetch, max_items):
        for item in items:
            yield item


async def _araw_pages(
    pager: Pager[T, PageT], fetch: Callable[[Any, Any], Awaitable[Any]], max_items: int | None
) -> AsyncIterator[APIResponse[PageT]]:
    async for response, _ in _apages(pager, fetch, max_items):
        yield response


def to_raw_pages_wrapper(
    func: Callable[P, PagedItems[T, PageT]],
) -> Callable[P, Iterator[APIResponse[PageT]]]:
    """A ``*_all`` iterator, yielding each page's :class:`APIResponse` instead of the items."""

    @functools.wraps(func)
    def wrapped(*args: P.args, **kwargs: P.kwargs) -> Iterator[APIResponse[PageT]]:
        with raw_responses():
            return cast(Iterator[APIResponse[PageT]], func(*args, **kwargs))

    return wrapped


def async_to_raw_pages_wrapper(
    func: Callable[P, AsyncPagedItems[T, PageT]],
) -> Callable[P, AsyncIterator[APIResponse[PageT]]]:
    """:func:`to_raw_pages_wrapper` for the async client."""

    @functools.wraps(func)
    def wrapped(*args: P.args, **kwargs: P.kwargs) -> AsyncIterator[APIResponse[PageT]]:
        with raw_responses():
            return cast(AsyncIterator[APIResponse[PageT]], func(*args, **kwargs))

    return wrapped
