"""The Vapi Calls API clients: :class:`Vapi` and :class:`AsyncVapi`."""

from __future__ import annotations

from collections.abc import Mapping
from functools import cached_property
from typing import TYPE_CHECKING

import httpx

from ._base_client import (
    DEFAULT_MAX_RETRIES,
    DEFAULT_TIMEOUT,
    NOT_GIVEN,
    AsyncAPIClient,
    NotGiven,
    SyncAPIClient,
    Timeout,
)
from ._auth import Auth, credentials_from_environment
from ._security import CREDENTIAL_ENVIRONMENT, DEFAULT_SECURITY, REQUIRED_CREDENTIALS, SCHEMES
from ._servers import base_url_for

if TYPE_CHECKING:
    from .resources.calls import Calls, AsyncCalls
    from .resources.webhooks import Webhooks

__all__ = ["Vapi", "AsyncVapi"]

DEFAULT_BASE_URL = "https://api.vapi.ai"


class Vapi(SyncAPIClient):
    """Client for the Vapi Calls API.

    List the calls of your Vapi organization, with their status, cost, transcript, recordings and the assistant, customer and phone number used.

    A successful response that does not match the spec is returned anyway (typed where it fits, kept as sent where it does not; each place is logged once as a warning and listed in `with_raw_response`'s `mismatches`); `strict_response_validation=True` raises `APIResponseValidationError` instead.
    """

    def __init__(
        self,
        *,
        api_key: str | None = None,
        base_url: str | httpx.URL | None = None,
        timeout: Timeout = DEFAULT_TIMEOUT,
        max_retries: int = DEFAULT_MAX_RETRIES,
        default_headers: Mapping[str, str] | None = None,
        default_query: Mapping[str, object] | None = None,
        http_client: httpx.Client | None = None,
        strict_response_validation: bool = False,
    ) -> None:
        auth = Auth(
            SCHEMES,
            credentials_from_environment({"api_key": api_key}, CREDENTIAL_ENVIRONMENT),
            default=DEFAULT_SECURITY,
            environment=CREDENTIAL_ENVIRONMENT,
            client=type(self).__name__,
            required=REQUIRED_CREDENTIALS,
        )
        base_url, base_url_given = base_url_for(base_url, "VAPI_BASE_URL", DEFAULT_BASE_URL)
        super().__init__(
            base_url=base_url,
            base_url_given=base_url_given,
            auth=auth,
            timeout=timeout,
            max_retries=max_retries,
            default_headers=default_headers,
            default_query=default_query,
            http_client=http_client,
            strict_response_validation=strict_response_validation,
        )

    @cached_property
    def calls(self) -> Calls:
        """Phone and web calls handled by Vapi assistants."""
        from .resources.calls import Calls

        return Calls(self)

    @cached_property
    def webhooks(self) -> Webhooks:
        """Unwrap and verify the webhook requests the API sends to your server."""
        from .resources.webhooks import Webhooks

        return Webhooks(self)

    def with_options(
        self,
        *,
        api_key: str | None = None,
        base_url: str | httpx.URL | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
        max_retries: int | None = None,
        default_headers: Mapping[str, str] | None = None,
        default_query: Mapping[str, object] | None = None,
        strict_response_validation: bool | None = None,
    ) -> Vapi:
        """A copy of this client with other settings, sharing its connection pool.

        This client owns the pool: closing it closes it for the copy too (a call then raises
        ``ClientClosedError``); closing the copy closes nothing.
        """
        credentials = self._auth.merged({"api_key": api_key})
        copy = type(self)(
            **credentials,
            base_url=base_url or self.base_url,
            timeout=self.timeout if isinstance(timeout, NotGiven) else timeout,
            max_retries=self.max_retries if max_retries is None else max_retries,
            default_headers={**self._custom_headers, **(default_headers or {})},
            default_query={**self._custom_query, **(default_query or {})},
            http_client=self._client,
            strict_response_validation=(
                self.strict_response_validation
                if strict_response_validation is None
                else strict_response_validation
            ),
        )
        copy._adopt(self, base_url=base_url)
        return copy


class AsyncVapi(AsyncAPIClient):
    """Async client for the Vapi Calls API.

    List the calls of your Vapi organization, with their status, cost, transcript, recordings and the assistant, customer and phone number used.

    A successful response that does not match the spec is returned anyway (typed where it fits, kept as sent where it does not; each place is logged once as a warning and listed in `with_raw_response`'s `mismatches`); `strict_response_validation=True` raises `APIResponseValidationError` instead.
    """

    def __init__(
        self,
        *,
        api_key: str | None = None,
        base_url: str | httpx.URL | None = None,
        timeout: Timeout = DEFAULT_TIMEOUT,
        max_retries: int = DEFAULT_MAX_RETRIES,
        default_headers: Mapping[str, str] | None = None,
        default_query: Mapping[str, object] | None = None,
        http_client: httpx.AsyncClient | None = None,
        strict_response_validation: bool = False,
    ) -> None:
        auth = Auth(
            SCHEMES,
            credentials_from_environment({"api_key": api_key}, CREDENTIAL_ENVIRONMENT),
            default=DEFAULT_SECURITY,
            environment=CREDENTIAL_ENVIRONMENT,
            client=type(self).__name__,
            required=REQUIRED_CREDENTIALS,
        )
        base_url, base_url_given = base_url_for(base_url, "VAPI_BASE_URL", DEFAULT_BASE_URL)
        super().__init__(
            base_url=base_url,
            base_url_given=base_url_given,
            auth=auth,
            timeout=timeout,
            max_retries=max_retries,
            default_headers=default_headers,
            default_query=default_query,
            http_client=http_client,
            strict_response_validation=strict_response_validation,
        )

    @cached_property
    def calls(self) -> AsyncCalls:
        """Phone and web calls handled by Vapi assistants."""
        from .resources.calls import AsyncCalls

        return AsyncCalls(self)

    @cached_property
    def webhooks(self) -> Webhooks:
        """Unwrap and verify the webhook requests the API sends to your server."""
        from .resources.webhooks import Webhooks

        return Webhooks(self)

    def with_options(
        self,
        *,
        api_key: str | None = None,
        base_url: str | httpx.URL | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
        max_retries: int | None = None,
        default_headers: Mapping[str, str] | None = None,
        default_query: Mapping[str, object] | None = None,
        strict_response_validation: bool | None = None,
    ) -> AsyncVapi:
        """A copy of this client with other settings, sharing its connection pool.

        This client owns the pool: closing it closes it for the copy too (a call then raises
        ``ClientClosedError``); closing the copy closes nothing.
        """
        credentials = self._auth.merged({"api_key": api_key})
        copy = type(self)(
            **credentials,
            base_url=base_url or self.base_url,
            timeout=self.timeout if isinstance(timeout, NotGiven) else timeout,
            max_retries=self.max_retries if max_retries is None else max_retries,
            default_headers={**self._custom_headers, **(default_headers or {})},
            default_query={**self._custom_query, **(default_query or {})},
            http_client=self._client,
            strict_response_validation=(
                self.strict_response_validation
                if strict_response_validation is None
                else strict_response_validation
            ),
        )
        copy._adopt(self, base_url=base_url)
        return copy
