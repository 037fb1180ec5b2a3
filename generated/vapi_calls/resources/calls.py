"""Phone and web calls handled by Vapi assistants."""

from __future__ import annotations

import builtins
from collections.abc import Mapping
from datetime import datetime
from functools import cached_property
from uuid import UUID
from typing import TYPE_CHECKING, Any

from .. import types as _types
from .._base_client import (
    NOT_GIVEN,
    AsyncAPIClient,
    NotGiven,
    RequestOptions,
    SyncAPIClient,
    Timeout,
)
from .._pagination import (
    AsyncPagedItems,
    PagedItems,
    TimeCursorPager,
    aiterate_pages,
    iterate_pages,
    async_to_raw_pages_wrapper,
    to_raw_pages_wrapper,
)
from .._query import format_path
from .._response import async_to_raw_response_wrapper, to_raw_response_wrapper
from .._streamed_response import async_to_streamed_response_wrapper, to_streamed_response_wrapper

if TYPE_CHECKING:
    from ..types import Assistant, AssistantOverrides, Call, Customer, PhoneNumber

__all__ = [
    "AsyncCalls",
    "AsyncCallsWithRawResponse",
    "AsyncCallsWithStreamingResponse",
    "Calls",
    "CallsWithRawResponse",
    "CallsWithStreamingResponse",
]


class Calls:
    """Phone and web calls handled by Vapi assistants."""

    def __init__(self, client: SyncAPIClient) -> None:
        self._client = client

    @cached_property
    def with_raw_response(self) -> CallsWithRawResponse:
        """The same methods, returning the :class:`APIResponse` (status, headers, ``parse()``)."""
        return CallsWithRawResponse(self)

    @cached_property
    def with_streaming_response(self) -> CallsWithStreamingResponse:
        """The same methods as context managers over the response, its body not read ahead."""
        return CallsWithStreamingResponse(self)

    def list(
        self,
        *,
        assistant_id: str | NotGiven = NOT_GIVEN,
        limit: int | NotGiven = NOT_GIVEN,
        created_at_gt: datetime | str | NotGiven = NOT_GIVEN,
        created_at_lt: datetime | str | NotGiven = NOT_GIVEN,
        created_at_ge: datetime | str | NotGiven = NOT_GIVEN,
        created_at_le: datetime | str | NotGiven = NOT_GIVEN,
        updated_at_gt: datetime | str | NotGiven = NOT_GIVEN,
        updated_at_lt: datetime | str | NotGiven = NOT_GIVEN,
        updated_at_ge: datetime | str | NotGiven = NOT_GIVEN,
        updated_at_le: datetime | str | NotGiven = NOT_GIVEN,
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
            list[_types.Call],
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
                operation="listCalls",
            ),
        )

    def list_all(
        self,
        *,
        assistant_id: str | NotGiven = NOT_GIVEN,
        created_at_gt: datetime | str | NotGiven = NOT_GIVEN,
        created_at_lt: datetime | str | NotGiven = NOT_GIVEN,
        created_at_ge: datetime | str | NotGiven = NOT_GIVEN,
        created_at_le: datetime | str | NotGiven = NOT_GIVEN,
        updated_at_gt: datetime | str | NotGiven = NOT_GIVEN,
        updated_at_lt: datetime | str | NotGiven = NOT_GIVEN,
        updated_at_ge: datetime | str | NotGiven = NOT_GIVEN,
        updated_at_le: datetime | str | NotGiven = NOT_GIVEN,
        page_size: int = 100,
        max_items: int | None = None,
        extra_headers: Mapping[str, str] | None = None,
        extra_query: Mapping[str, object] | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
        max_retries: int | NotGiven = NOT_GIVEN,
    ) -> PagedItems[Call, builtins.list[Call]]:
        """Every item of `list`, fetched page by page.

        Pages by time cursor: newest first, `limit` items a page; each later page asks for items whose `createdAt` is at or before the oldest seen (`createdAtLe`), skipping the ones already yielded. The other arguments are sent on every request, and each item is yielded once.

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
            max_items: Stop after this many items (no further page is fetched).
        """
        pager: TimeCursorPager[Call, list[Call]] = TimeCursorPager(
            page_size=page_size,
            upper_bound=created_at_le,
            cursor_of=lambda item: item.created_at,
            key_of=lambda item: item.id,
        )

        def fetch(cursor: Any, size: Any) -> list[Call]:
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

        return iterate_pages(pager, fetch, max_items=max_items)

    def create(
        self,
        *,
        name: str | NotGiven = NOT_GIVEN,
        assistant_id: str | NotGiven = NOT_GIVEN,
        assistant_version: str | None | NotGiven = NOT_GIVEN,
        assistant: Assistant | NotGiven = NOT_GIVEN,
        assistant_overrides: AssistantOverrides | NotGiven = NOT_GIVEN,
        phone_number_id: str | NotGiven = NOT_GIVEN,
        phone_number: PhoneNumber | NotGiven = NOT_GIVEN,
        customer_id: str | NotGiven = NOT_GIVEN,
        customer: Customer | NotGiven = NOT_GIVEN,
        extra_headers: Mapping[str, str] | None = None,
        extra_query: Mapping[str, object] | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
        max_retries: int | NotGiven = NOT_GIVEN,
    ) -> Call:
        """Create Call

        Starts a call with an assistant (existing or transient), optionally to a customer over a phone number, and returns it.

        Args:
            name: This is the name of the call. This is just for your own reference.
            assistant_id: This is the assistant ID that will be used for the call. To use a transient assistant, use `assistant` instead.
            assistant_version: This is the assistant version to use for this call. Supported only with
                direct `assistantId`. Omit to follow the latest version.
            assistant: This is the assistant that will be used for the call. To use an existing assistant, use `assistantId` instead.
            assistant_overrides: These are the overrides for the `assistant` or `assistantId`'s settings and template variables.
            phone_number_id: This is the phone number that will be used for the call. To use a transient number, use `phoneNumber` instead.

                Only relevant for `outboundPhoneCall` and `inboundPhoneCall` type.
            phone_number: This is the phone number that will be used for the call. To use an existing number, use `phoneNumberId` instead.

                Only relevant for `outboundPhoneCall` and `inboundPhoneCall` type.
            customer_id: This is the customer that will be called. To call a transient customer , use `customer` instead.

                Only relevant for `outboundPhoneCall` and `inboundPhoneCall` type.
            customer: This is the customer that will be called. To call an existing customer, use `customerId` instead.

                Only relevant for `outboundPhoneCall` and `inboundPhoneCall` type.
        """
        return self._client.request(
            _types.Call,
            RequestOptions(
                method="POST",
                path="/call",
                body={
                    "name": name,
                    "assistantId": assistant_id,
                    "assistantVersion": assistant_version,
                    "assistant": assistant,
                    "assistantOverrides": assistant_overrides,
                    "phoneNumberId": phone_number_id,
                    "phoneNumber": phone_number,
                    "customerId": customer_id,
                    "customer": customer,
                },
                extra_headers=extra_headers,
                extra_query=extra_query,
                timeout=timeout,
                max_retries=max_retries,
                operation="createCall",
            ),
        )

    def get(
        self,
        id: UUID | str,
        *,
        extra_headers: Mapping[str, str] | None = None,
        extra_query: Mapping[str, object] | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
        max_retries: int | NotGiven = NOT_GIVEN,
    ) -> Call:
        """Get Call

        Returns the call with the given ID.

        Args:
            id: The unique identifier for the resource.
        """
        return self._client.request(
            _types.Call,
            RequestOptions(
                method="GET",
                path=format_path("/call/{id}", {"id": id}),
                extra_headers=extra_headers,
                extra_query=extra_query,
                timeout=timeout,
                max_retries=max_retries,
                operation="getCall",
            ),
        )

    def delete(
        self,
        id: UUID | str,
        *,
        ids: builtins.list[str] | NotGiven = NOT_GIVEN,
        extra_headers: Mapping[str, str] | None = None,
        extra_query: Mapping[str, object] | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
        max_retries: int | NotGiven = NOT_GIVEN,
    ) -> Call:
        """Delete Call

        Deletes the call (and its recordings) and returns it. With `ids`, the calls listed there are deleted instead, asynchronously.

        Args:
            id: The unique identifier for the resource.
            ids: These are the Call IDs to be bulk deleted.
                If provided, the call ID if any in the request query will be ignored
                When requesting a bulk delete, updates when a call is deleted will be sent as a webhook to the server URL configured in the Org settings.
                It may take up to a few hours to complete the bulk delete, and will be asynchronous.
        """
        return self._client.request(
            _types.Call,
            RequestOptions(
                method="DELETE",
                path=format_path("/call/{id}", {"id": id}),
                body={"ids": ids},
                extra_headers=extra_headers,
                extra_query=extra_query,
                timeout=timeout,
                max_retries=max_retries,
                operation="deleteCall",
            ),
        )

    def update(
        self,
        id: UUID | str,
        *,
        name: str | NotGiven = NOT_GIVEN,
        extra_headers: Mapping[str, str] | None = None,
        extra_query: Mapping[str, object] | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
        max_retries: int | NotGiven = NOT_GIVEN,
    ) -> Call:
        """Update Call

        Updates the given fields of the call and returns it.

        Args:
            id: The unique identifier for the resource.
            name: This is the name of the call. This is just for your own reference.
        """
        return self._client.request(
            _types.Call,
            RequestOptions(
                method="PATCH",
                path=format_path("/call/{id}", {"id": id}),
                body={"name": name},
                extra_headers=extra_headers,
                extra_query=extra_query,
                timeout=timeout,
                max_retries=max_retries,
                operation="updateCall",
            ),
        )


class CallsWithRawResponse:
    def __init__(self, resource: Calls) -> None:
        self.list = to_raw_response_wrapper(resource.list)
        self.list_all = to_raw_pages_wrapper(resource.list_all)
        self.create = to_raw_response_wrapper(resource.create)
        self.get = to_raw_response_wrapper(resource.get)
        self.delete = to_raw_response_wrapper(resource.delete)
        self.update = to_raw_response_wrapper(resource.update)


class CallsWithStreamingResponse:
    def __init__(self, resource: Calls) -> None:
        self.list = to_streamed_response_wrapper(resource.list)
        self.create = to_streamed_response_wrapper(resource.create)
        self.get = to_streamed_response_wrapper(resource.get)
        self.delete = to_streamed_response_wrapper(resource.delete)
        self.update = to_streamed_response_wrapper(resource.update)


class AsyncCalls:
    """Phone and web calls handled by Vapi assistants."""

    def __init__(self, client: AsyncAPIClient) -> None:
        self._client = client

    @cached_property
    def with_raw_response(self) -> AsyncCallsWithRawResponse:
        """The same methods, returning the :class:`APIResponse` (status, headers, ``parse()``)."""
        return AsyncCallsWithRawResponse(self)

    @cached_property
    def with_streaming_response(self) -> AsyncCallsWithStreamingResponse:
        """The same methods as context managers over the response, its body not read ahead."""
        return AsyncCallsWithStreamingResponse(self)

    async def list(
        self,
        *,
        assistant_id: str | NotGiven = NOT_GIVEN,
        limit: int | NotGiven = NOT_GIVEN,
        created_at_gt: datetime | str | NotGiven = NOT_GIVEN,
        created_at_lt: datetime | str | NotGiven = NOT_GIVEN,
        created_at_ge: datetime | str | NotGiven = NOT_GIVEN,
        created_at_le: datetime | str | NotGiven = NOT_GIVEN,
        updated_at_gt: datetime | str | NotGiven = NOT_GIVEN,
        updated_at_lt: datetime | str | NotGiven = NOT_GIVEN,
        updated_at_ge: datetime | str | NotGiven = NOT_GIVEN,
        updated_at_le: datetime | str | NotGiven = NOT_GIVEN,
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
            list[_types.Call],
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
                operation="listCalls",
            ),
        )

    def list_all(
        self,
        *,
        assistant_id: str | NotGiven = NOT_GIVEN,
        created_at_gt: datetime | str | NotGiven = NOT_GIVEN,
        created_at_lt: datetime | str | NotGiven = NOT_GIVEN,
        created_at_ge: datetime | str | NotGiven = NOT_GIVEN,
        created_at_le: datetime | str | NotGiven = NOT_GIVEN,
        updated_at_gt: datetime | str | NotGiven = NOT_GIVEN,
        updated_at_lt: datetime | str | NotGiven = NOT_GIVEN,
        updated_at_ge: datetime | str | NotGiven = NOT_GIVEN,
        updated_at_le: datetime | str | NotGiven = NOT_GIVEN,
        page_size: int = 100,
        max_items: int | None = None,
        extra_headers: Mapping[str, str] | None = None,
        extra_query: Mapping[str, object] | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
        max_retries: int | NotGiven = NOT_GIVEN,
    ) -> AsyncPagedItems[Call, builtins.list[Call]]:
        """Every item of `list`, fetched page by page.

        Pages by time cursor: newest first, `limit` items a page; each later page asks for items whose `createdAt` is at or before the oldest seen (`createdAtLe`), skipping the ones already yielded. The other arguments are sent on every request, and each item is yielded once.

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
            max_items: Stop after this many items (no further page is fetched).
        """
        pager: TimeCursorPager[Call, list[Call]] = TimeCursorPager(
            page_size=page_size,
            upper_bound=created_at_le,
            cursor_of=lambda item: item.created_at,
            key_of=lambda item: item.id,
        )

        async def fetch(cursor: Any, size: Any) -> list[Call]:
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

        return aiterate_pages(pager, fetch, max_items=max_items)

    async def create(
        self,
        *,
        name: str | NotGiven = NOT_GIVEN,
        assistant_id: str | NotGiven = NOT_GIVEN,
        assistant_version: str | None | NotGiven = NOT_GIVEN,
        assistant: Assistant | NotGiven = NOT_GIVEN,
        assistant_overrides: AssistantOverrides | NotGiven = NOT_GIVEN,
        phone_number_id: str | NotGiven = NOT_GIVEN,
        phone_number: PhoneNumber | NotGiven = NOT_GIVEN,
        customer_id: str | NotGiven = NOT_GIVEN,
        customer: Customer | NotGiven = NOT_GIVEN,
        extra_headers: Mapping[str, str] | None = None,
        extra_query: Mapping[str, object] | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
        max_retries: int | NotGiven = NOT_GIVEN,
    ) -> Call:
        """Create Call

        Starts a call with an assistant (existing or transient), optionally to a customer over a phone number, and returns it.

        Args:
            name: This is the name of the call. This is just for your own reference.
            assistant_id: This is the assistant ID that will be used for the call. To use a transient assistant, use `assistant` instead.
            assistant_version: This is the assistant version to use for this call. Supported only with
                direct `assistantId`. Omit to follow the latest version.
            assistant: This is the assistant that will be used for the call. To use an existing assistant, use `assistantId` instead.
            assistant_overrides: These are the overrides for the `assistant` or `assistantId`'s settings and template variables.
            phone_number_id: This is the phone number that will be used for the call. To use a transient number, use `phoneNumber` instead.

                Only relevant for `outboundPhoneCall` and `inboundPhoneCall` type.
            phone_number: This is the phone number that will be used for the call. To use an existing number, use `phoneNumberId` instead.

                Only relevant for `outboundPhoneCall` and `inboundPhoneCall` type.
            customer_id: This is the customer that will be called. To call a transient customer , use `customer` instead.

                Only relevant for `outboundPhoneCall` and `inboundPhoneCall` type.
            customer: This is the customer that will be called. To call an existing customer, use `customerId` instead.

                Only relevant for `outboundPhoneCall` and `inboundPhoneCall` type.
        """
        return await self._client.request(
            _types.Call,
            RequestOptions(
                method="POST",
                path="/call",
                body={
                    "name": name,
                    "assistantId": assistant_id,
                    "assistantVersion": assistant_version,
                    "assistant": assistant,
                    "assistantOverrides": assistant_overrides,
                    "phoneNumberId": phone_number_id,
                    "phoneNumber": phone_number,
                    "customerId": customer_id,
                    "customer": customer,
                },
                extra_headers=extra_headers,
                extra_query=extra_query,
                timeout=timeout,
                max_retries=max_retries,
                operation="createCall",
            ),
        )

    async def get(
        self,
        id: UUID | str,
        *,
        extra_headers: Mapping[str, str] | None = None,
        extra_query: Mapping[str, object] | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
        max_retries: int | NotGiven = NOT_GIVEN,
    ) -> Call:
        """Get Call

        Returns the call with the given ID.

        Args:
            id: The unique identifier for the resource.
        """
        return await self._client.request(
            _types.Call,
            RequestOptions(
                method="GET",
                path=format_path("/call/{id}", {"id": id}),
                extra_headers=extra_headers,
                extra_query=extra_query,
                timeout=timeout,
                max_retries=max_retries,
                operation="getCall",
            ),
        )

    async def delete(
        self,
        id: UUID | str,
        *,
        ids: builtins.list[str] | NotGiven = NOT_GIVEN,
        extra_headers: Mapping[str, str] | None = None,
        extra_query: Mapping[str, object] | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
        max_retries: int | NotGiven = NOT_GIVEN,
    ) -> Call:
        """Delete Call

        Deletes the call (and its recordings) and returns it. With `ids`, the calls listed there are deleted instead, asynchronously.

        Args:
            id: The unique identifier for the resource.
            ids: These are the Call IDs to be bulk deleted.
                If provided, the call ID if any in the request query will be ignored
                When requesting a bulk delete, updates when a call is deleted will be sent as a webhook to the server URL configured in the Org settings.
                It may take up to a few hours to complete the bulk delete, and will be asynchronous.
        """
        return await self._client.request(
            _types.Call,
            RequestOptions(
                method="DELETE",
                path=format_path("/call/{id}", {"id": id}),
                body={"ids": ids},
                extra_headers=extra_headers,
                extra_query=extra_query,
                timeout=timeout,
                max_retries=max_retries,
                operation="deleteCall",
            ),
        )

    async def update(
        self,
        id: UUID | str,
        *,
        name: str | NotGiven = NOT_GIVEN,
        extra_headers: Mapping[str, str] | None = None,
        extra_query: Mapping[str, object] | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
        max_retries: int | NotGiven = NOT_GIVEN,
    ) -> Call:
        """Update Call

        Updates the given fields of the call and returns it.

        Args:
            id: The unique identifier for the resource.
            name: This is the name of the call. This is just for your own reference.
        """
        return await self._client.request(
            _types.Call,
            RequestOptions(
                method="PATCH",
                path=format_path("/call/{id}", {"id": id}),
                body={"name": name},
                extra_headers=extra_headers,
                extra_query=extra_query,
                timeout=timeout,
                max_retries=max_retries,
                operation="updateCall",
            ),
        )


class AsyncCallsWithRawResponse:
    def __init__(self, resource: AsyncCalls) -> None:
        self.list = async_to_raw_response_wrapper(resource.list)
        self.list_all = async_to_raw_pages_wrapper(resource.list_all)
        self.create = async_to_raw_response_wrapper(resource.create)
        self.get = async_to_raw_response_wrapper(resource.get)
        self.delete = async_to_raw_response_wrapper(resource.delete)
        self.update = async_to_raw_response_wrapper(resource.update)


class AsyncCallsWithStreamingResponse:
    def __init__(self, resource: AsyncCalls) -> None:
        self.list = async_to_streamed_response_wrapper(resource.list)
        self.create = async_to_streamed_response_wrapper(resource.create)
        self.get = async_to_streamed_response_wrapper(resource.get)
        self.delete = async_to_streamed_response_wrapper(resource.delete)
        self.update = async_to_streamed_response_wrapper(resource.update)
