"""Phone and web calls handled by Vapi assistants."""

from __future__ import annotations

import builtins
from collections.abc import AsyncIterator, Iterator, Mapping
from datetime import datetime
from functools import cached_property
from typing import Any

from .._base_client import (
    NOT_GIVEN,
    AsyncAPIClient,
    NotGiven,
    RequestOptions,
    SyncAPIClient,
    Timeout,
)
from .._pagination import TimeCursorPager, aiterate_pages, iterate_pages
from .._response import async_to_raw_response_wrapper, to_raw_response_wrapper
from ..types import Call

__all__ = [
    "AsyncCalls",
    "AsyncCallsWithRawResponse",
    "Calls",
    "CallsWithRawResponse",
]


class Calls:
    """Phone and web calls handled by Vapi assistants."""

    def __init__(self, client: SyncAPIClient) -> None:
        self._client = client

    @cached_property
    def with_raw_response(self) -> CallsWithRawResponse:
        """The same methods, returning the :class:`APIResponse` (status, headers, ``parse()``)."""
        return CallsWithRawResponse(self)

    def list(
        self,
        *,
        assistant_id: str | None = None,
        limit: float | None = None,
        created_at_gt: datetime | str | None = None,
        created_at_lt: datetime | str | None = None,
        created_at_ge: datetime | str | None = None,
        created_at_le: datetime | str | None = None,
        updated_at_gt: datetime | str | None = None,
        updated_at_lt: datetime | str | None = None,
        updated_at_ge: datetime | str | None = None,
        updated_at_le: datetime | str | None = None,
        extra_headers: Mapping[str, str] | None = None,
        extra_query: Mapping[str, object] | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
        max_retries: int | NotGiven = NOT_GIVEN,
    ) -> builtins.list[Call]:
        """List Calls

        Returns the calls of the organization, optionally filtered by assistant and by creation or update time, up to `limit` items.

        Args:
            assistant_id: This will return calls with the specified assistantId.
            limit: This is the maximum number of items to return. Defaults to 100.
            created_at_gt: This will return items where the createdAt is greater than the specified value.
            created_at_lt: This will return items where the createdAt is less than the specified value.
            created_at_ge: This will return items where the createdAt is greater than or equal to the specified value.
            created_at_le: This will return items where the createdAt is less than or equal to the specified value.
            updated_at_gt: This will return items where the updatedAt is greater than the specified value.
            updated_at_lt: This will return items where the updatedAt is less than the specified value.
            updated_at_ge: This will return items where the updatedAt is greater than or equal to the specified value.
            updated_at_le: This will return items where the updatedAt is less than or equal to the specified value.
        """
        return self._client.request(
            list[Call],
            RequestOptions(
                method="GET",
                path="/call",
                query={
                    "assistantId": assistant_id,
                    "limit": limit,
                    "createdAtGt": created_at_gt,
                    "createdAtLt": created_at_lt,
                    "createdAtGe": created_at_ge,
                    "createdAtLe": created_at_le,
                    "updatedAtGt": updated_at_gt,
                    "updatedAtLt": updated_at_lt,
                    "updatedAtGe": updated_at_ge,
                    "updatedAtLe": updated_at_le,
                },
                extra_headers=extra_headers,
                extra_query=extra_query,
                timeout=timeout,
                max_retries=max_retries,
            ),
        )

    def list_all(
        self,
        *,
        assistant_id: str | None = None,
        created_at_gt: datetime | str | None = None,
        created_at_lt: datetime | str | None = None,
        created_at_ge: datetime | str | None = None,
        created_at_le: datetime | str | None = None,
        updated_at_gt: datetime | str | None = None,
        updated_at_lt: datetime | str | None = None,
        updated_at_ge: datetime | str | None = None,
        updated_at_le: datetime | str | None = None,
        page_size: int = 100,
        extra_headers: Mapping[str, str] | None = None,
        extra_query: Mapping[str, object] | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
        max_retries: int | NotGiven = NOT_GIVEN,
    ) -> Iterator[Call]:
        """Every item of `list`, fetched page by page.

        Pages of `page_size` items are requested until a short page; the other filters are kept on every request, and each item is yielded once even when several share the page boundary.

        Args:
            assistant_id: This will return calls with the specified assistantId.
            created_at_gt: This will return items where the createdAt is greater than the specified value.
            created_at_lt: This will return items where the createdAt is less than the specified value.
            created_at_ge: This will return items where the createdAt is greater than or equal to the specified value.
            created_at_le: This will return items where the createdAt is less than or equal to the specified value.
            updated_at_gt: This will return items where the updatedAt is greater than the specified value.
            updated_at_lt: This will return items where the updatedAt is less than the specified value.
            updated_at_ge: This will return items where the updatedAt is greater than or equal to the specified value.
            updated_at_le: This will return items where the updatedAt is less than or equal to the specified value.
            page_size: Items per request.
        """
        pager: TimeCursorPager[Call] = TimeCursorPager(
            page_size=page_size,
            upper_bound=created_at_le,
            cursor_of=lambda item: item.created_at,
            key_of=lambda item: item.id,
        )

        def fetch(cursor: Any, size: int) -> list[Call]:
            return self.list(
                assistant_id=assistant_id,
                created_at_gt=created_at_gt,
                created_at_lt=created_at_lt,
                created_at_ge=created_at_ge,
                created_at_le=cursor,
                updated_at_gt=updated_at_gt,
                updated_at_lt=updated_at_lt,
                updated_at_ge=updated_at_ge,
                updated_at_le=updated_at_le,
                limit=size,
                extra_headers=extra_headers,
                extra_query=extra_query,
                timeout=timeout,
                max_retries=max_retries,
            )

        return iterate_pages(pager, fetch)


class CallsWithRawResponse:
    def __init__(self, resource: Calls) -> None:
        self.list = to_raw_response_wrapper(resource.list)


class AsyncCalls:
    """Phone and web calls handled by Vapi assistants."""

    def __init__(self, client: AsyncAPIClient) -> None:
        self._client = client

    @cached_property
    def with_raw_response(self) -> AsyncCallsWithRawResponse:
        """The same methods, returning the :class:`APIResponse` (status, headers, ``parse()``)."""
        return AsyncCallsWithRawResponse(self)

    async def list(
        self,
        *,
        assistant_id: str | None = None,
        limit: float | None = None,
        created_at_gt: datetime | str | None = None,
        created_at_lt: datetime | str | None = None,
        created_at_ge: datetime | str | None = None,
        created_at_le: datetime | str | None = None,
        updated_at_gt: datetime | str | None = None,
        updated_at_lt: datetime | str | None = None,
        updated_at_ge: datetime | str | None = None,
        updated_at_le: datetime | str | None = None,
        extra_headers: Mapping[str, str] | None = None,
        extra_query: Mapping[str, object] | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
        max_retries: int | NotGiven = NOT_GIVEN,
    ) -> builtins.list[Call]:
        """List Calls

        Returns the calls of the organization, optionally filtered by assistant and by creation or update time, up to `limit` items.

        Args:
            assistant_id: This will return calls with the specified assistantId.
            limit: This is the maximum number of items to return. Defaults to 100.
            created_at_gt: This will return items where the createdAt is greater than the specified value.
            created_at_lt: This will return items where the createdAt is less than the specified value.
            created_at_ge: This will return items where the createdAt is greater than or equal to the specified value.
            created_at_le: This will return items where the createdAt is less than or equal to the specified value.
            updated_at_gt: This will return items where the updatedAt is greater than the specified value.
            updated_at_lt: This will return items where the updatedAt is less than the specified value.
            updated_at_ge: This will return items where the updatedAt is greater than or equal to the specified value.
            updated_at_le: This will return items where the updatedAt is less than or equal to the specified value.
        """
        return await self._client.request(
            list[Call],
            RequestOptions(
                method="GET",
                path="/call",
                query={
                    "assistantId": assistant_id,
                    "limit": limit,
                    "createdAtGt": created_at_gt,
                    "createdAtLt": created_at_lt,
                    "createdAtGe": created_at_ge,
                    "createdAtLe": created_at_le,
                    "updatedAtGt": updated_at_gt,
                    "updatedAtLt": updated_at_lt,
                    "updatedAtGe": updated_at_ge,
                    "updatedAtLe": updated_at_le,
                },
                extra_headers=extra_headers,
                extra_query=extra_query,
                timeout=timeout,
                max_retries=max_retries,
            ),
        )

    def list_all(
        self,
        *,
        assistant_id: str | None = None,
        created_at_gt: datetime | str | None = None,
        created_at_lt: datetime | str | None = None,
        created_at_ge: datetime | str | None = None,
        created_at_le: datetime | str | None = None,
        updated_at_gt: datetime | str | None = None,
        updated_at_lt: datetime | str | None = None,
        updated_at_ge: datetime | str | None = None,
        updated_at_le: datetime | str | None = None,
        page_size: int = 100,
        extra_headers: Mapping[str, str] | None = None,
        extra_query: Mapping[str, object] | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
        max_retries: int | NotGiven = NOT_GIVEN,
    ) -> AsyncIterator[Call]:
        """Every item of `list`, fetched page by page.

        Pages of `page_size` items are requested until a short page; the other filters are kept on every request, and each item is yielded once even when several share the page boundary.

        Args:
            assistant_id: This will return calls with the specified assistantId.
            created_at_gt: This will return items where the createdAt is greater than the specified value.
            created_at_lt: This will return items where the createdAt is less than the specified value.
            created_at_ge: This will return items where the createdAt is greater than or equal to the specified value.
            created_at_le: This will return items where the createdAt is less than or equal to the specified value.
            updated_at_gt: This will return items where the updatedAt is greater than the specified value.
            updated_at_lt: This will return items where the updatedAt is less than the specified value.
            updated_at_ge: This will return items where the updatedAt is greater than or equal to the specified value.
            updated_at_le: This will return items where the updatedAt is less than or equal to the specified value.
            page_size: Items per request.
        """
        pager: TimeCursorPager[Call] = TimeCursorPager(
            page_size=page_size,
            upper_bound=created_at_le,
            cursor_of=lambda item: item.created_at,
            key_of=lambda item: item.id,
        )

        async def fetch(cursor: Any, size: int) -> list[Call]:
            return await self.list(
                assistant_id=assistant_id,
                created_at_gt=created_at_gt,
                created_at_lt=created_at_lt,
                created_at_ge=created_at_ge,
                created_at_le=cursor,
                updated_at_gt=updated_at_gt,
                updated_at_lt=updated_at_lt,
                updated_at_ge=updated_at_ge,
                updated_at_le=updated_at_le,
                limit=size,
                extra_headers=extra_headers,
                extra_query=extra_query,
                timeout=timeout,
                max_retries=max_retries,
            )

        return aiterate_pages(pager, fetch)


class AsyncCallsWithRawResponse:
    def __init__(self, resource: AsyncCalls) -> None:
        self.list = async_to_raw_response_wrapper(resource.list)
