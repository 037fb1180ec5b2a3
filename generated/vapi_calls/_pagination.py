"""Walking every page of a list operation, shared by the sync and async iterators.

Style ``time-cursor``: items come newest first, at most ``page_size`` a page; the next page
asks for items at or before the oldest timestamp seen (an inclusive cursor, so items that
share the boundary timestamp are not lost) and skips the ones already yielded.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator, Sequence
from datetime import datetime, timezone
from typing import Any, Generic, TypeVar, cast

from ._constants import PACKAGE_NAME
from ._exceptions import ArgumentError, VapiError
from ._response import APIResponse, raw_response_requested, raw_responses
from ._sentinels import NotGiven

__all__ = ["PaginationError", "TimeCursorPager", "iterate_pages", "aiterate_pages"]

T = TypeVar("T")

log = logging.getLogger(PACKAGE_NAME)

MAX_PAGE_SIZE = 1000


class PaginationError(VapiError):
    """The pages cannot be walked without skipping or repeating items."""


class TimeCursorPager(Generic[T]):
    """Which page to ask for next, and which items of a page are new."""

    def __init__(
        self,
        *,
        page_size: int,
        upper_bound: Any,
        cursor_of: Callable[[T], Any],
        key_of: Callable[[T], Any],
    ) -> None:
        if page_size < 1:
            raise ArgumentError("page_size must be at least 1")
        self.page_size = page_size
        if isinstance(upper_bound, NotGiven):
            upper_bound = None
        if isinstance(upper_bound, datetime) and upper_bound.tzinfo is None:
            upper_bound = upper_bound.replace(tzinfo=timezone.utc)  # as the query sends it
        self.cursor = upper_bound  # None: no bound on the first page
        self._cursor_of = cursor_of
        self._key_of = key_of
        self._seen_at_cursor: set[Any] = set()
        self._done = False

    def next_request(self) -> tuple[Any, int] | None:
        """``(cursor, page_size)`` for the next page, or ``None`` when every page has been read."""
        return None if self._done else (self.cursor, self.page_size)

    def accept(self, page: Sequence[T]) -> list[T]:
        """The items of ``page`` not yielded before; moves the cursor past them."""
        if page and self.cursor is not None and not isinstance(self.cursor, str):
            # Items newer than the cursor were yielded before (or the server ignores the
            # cursor): going on would repeat them, and a full page would loop forever.
            newest = max(self._cursor_of(item) for item in page)
            if newest > self.cursor:
                raise PaginationError(f"the server returned items after the cursor {self.cursor!r}")
        fresh = [item for item in page if self._key_of(item) not in self._seen_at_cursor]
        if len(page) < self.page_size:
            self._done = True
            return fresh
        oldest = min(self._cursor_of(item) for item in page)
        if oldest == self.cursor and not fresh:
            # A whole page shares the boundary timestamp: ask for bigger pages until it fits.
            if self.page_size >= MAX_PAGE_SIZE:
                raise PaginationError(
                    f"more than {MAX_PAGE_SIZE} items share the timestamp {oldest!r}; "
                    "they cannot be paged through with a time cursor"
                )
            self.page_size = min(self.page_size * 2, MAX_PAGE_SIZE)
            return fresh
        at_boundary = {self._key_of(item) for item in page if self._cursor_of(item) == oldest}
        self._seen_at_cursor = at_boundary | (
            self._seen_at_cursor if oldest == self.cursor else set()
        )
        self.cursor = oldest
        return fresh


def iterate_pages(
    pager: TimeCursorPager[T], fetch: Callable[[Any, int], Sequence[T]]
) -> Iterator[T]:
    """The items of every page; inside ``with_raw_response`` (when this is called), each page's
    :class:`APIResponse` instead (the pager still reads every page's items)."""
    if raw_response_requested():
        return cast(Iterator[T], _raw_pages(pager, fetch))
    return _items(pager, fetch)


def _log_page(number: int, request: tuple[Any, int]) -> None:
    if log.isEnabledFor(logging.DEBUG):
        cursor, page_size = request
        log.debug(
            "Fetching page %d: cursor %s, page size %d",
            number,
            "none" if cursor is None else cursor,
            page_size,
        )


def _items(pager: TimeCursorPager[T], fetch: Callable[[Any, int], Sequence[T]]) -> Iterator[T]:
    number = 0
    while (request := pager.next_request()) is not None:
        number += 1
        _log_page(number, request)
        yield from pager.accept(fetch(*request))


def _raw_pages(
    pager: TimeCursorPager[T], fetch: Callable[[Any, int], Any]
) -> Iterator[APIResponse[Any]]:
    number = 0
    while (request := pager.next_request()) is not None:
        number += 1
        _log_page(number, request)
        with raw_responses():
            response = fetch(*request)
        pager.accept(response.parse())
        yield response


def aiterate_pages(
    pager: TimeCursorPager[T], fetch: Callable[[Any, int], Awaitable[Sequence[T]]]
) -> AsyncIterator[T]:
    """:func:`iterate_pages` for the async client."""
    if raw_response_requested():
        return cast(AsyncIterator[T], _araw_pages(pager, fetch))
    return _aitems(pager, fetch)


async def _aitems(
    pager: TimeCursorPager[T], fetch: Callable[[Any, int], Awaitable[Sequence[T]]]
) -> AsyncIterator[T]:
    number = 0
    while (request := pager.next_request()) is not None:
        number += 1
        _log_page(number, request)
        for item in pager.accept(await fetch(*request)):
            yield item


async def _araw_pages(
    pager: TimeCursorPager[T], fetch: Callable[[Any, int], Awaitable[Any]]
) -> AsyncIterator[APIResponse[Any]]:
    number = 0
    while (request := pager.next_request()) is not None:
        number += 1
        _log_page(number, request)
        with raw_responses():
            response = await fetch(*request)
        pager.accept(response.parse())
        yield response
