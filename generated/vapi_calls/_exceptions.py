"""Every error the client raises derives from :class:`VapiError`.

- :class:`APIStatusError` (and one subclass per status class) when the server answers with
  a 4xx or 5xx status;
- :class:`APIConnectionError` when no answer arrived, :class:`APITimeoutError` when it did
  not arrive in time;
- :class:`APIResponseValidationError` when a successful answer cannot be parsed;
- :class:`APIStreamError` when an event stream sends an ``error`` event;
- :class:`ClientClosedError` when a request is made on a closed client;
- :class:`ArgumentError` (also a ``ValueError``) when an argument cannot be sent;
- :class:`MissingCredentialsError` when a call needs credentials the client was not given.
- :class:`WebhookError` when a webhook request cannot be trusted
  (:class:`WebhookVerificationError`, :class:`WebhookTimestampError`) or read
  (:class:`WebhookPayloadError`).

Messages carry the method and URL, and the status and the server's message, or the timeout
that fired, or the underlying reason; credentials are never part of them.
"""

from __future__ import annotations

from typing import Any

import httpx

__all__ = [
    "VapiError",
    "APIError",
    "APIStatusError",
    "BadRequestError",
    "AuthenticationError",
    "PermissionDeniedError",
    "NotFoundError",
    "ConflictError",
    "UnprocessableEntityError",
    "RateLimitError",
    "InternalServerError",
    "APIConnectionError",
    "APITimeoutError",
    "APIResponseValidationError",
    "ClientClosedError",
    "ArgumentError",
    "APIStreamError",
    "MissingCredentialsError",
    "WebhookError",
    "WebhookVerificationError",
    "WebhookTimestampError",
    "WebhookPayloadError",
]


class VapiError(Exception):
    """The base of every exception this package raises."""


class APIError(VapiError):
    """A request was made and went wrong; ``request`` is the last attempt."""

    message: str
    request: httpx.Request
    retries_taken: int

    def __init__(self, message: str, *, request: httpx.Request, retries_taken: int = 0) -> None:
        super().__init__(message)
        self.message = message
        self.request = request
        self.retries_taken = retries_taken


class APIStatusError(APIError):
    """The server answered with a 4xx or 5xx status."""

    response: httpx.Response
    status_code: int
    body: Any
    """The parsed JSON body, or the text when it is not JSON, or ``None`` when empty."""
    retry_after: float | None
    """Seconds the server asked to wait before retrying, when it said so."""

    def __init__(
        self,
        message: str,
        *,
        response: httpx.Response,
        body: Any,
        retries_taken: int = 0,
        retry_after: float | None = None,
    ) -> None:
        super().__init__(message, request=response.request, retries_taken=retries_taken)
        self.response = response
        self.status_code = response.status_code
        self.body = body
        self.retry_after = retry_after


class BadRequestError(APIStatusError):
    """400"""


class AuthenticationError(APIStatusError):
    """401"""


class PermissionDeniedError(APIStatusError):
    """403"""


class NotFoundError(APIStatusError):
    """404"""


class ConflictError(APIStatusError):
    """409"""


class UnprocessableEntityError(APIStatusError):
    """422"""


class RateLimitError(APIStatusError):
    """429"""


class InternalServerError(APIStatusError):
    """500 and above"""


class APIConnectionError(APIError):
    """No response arrived: the connection failed, was refused or broke off."""

    def __init__(
        self, message: str = "Connection error.", *, request: httpx.Request, retries_taken: int = 0
    ) -> None:
        super().__init__(message, request=request, retries_taken=retries_taken)


class APITimeoutError(APIConnectionError):
    """No response arrived within the timeout (after every retry)."""

    def __init__(
        self, message: str = "Request timed out.", *, request: httpx.Request, retries_taken: int = 0
    ) -> None:
        super().__init__(message, request=request, retries_taken=retries_taken)


class APIResponseValidationError(APIError):
    """A successful response whose body is not what the spec describes (or not JSON at all)."""

    response: httpx.Response
    status_code: int

    def __init__(self, message: str, *, response: httpx.Response, retries_taken: int = 0) -> None:
        super().__init__(message, request=response.request, retries_taken=retries_taken)
        self.response = response
        self.status_code = response.status_code


class ClientClosedError(VapiError):
    """A request on a client that is closed (``close()``, or the end of its ``with`` block).

    A client owns its connection pool unless it was given one as ``http_client``; copies made
    by ``with_options`` share the pool of the client they came from, so closing that client
    closes them too (closing a copy closes nothing).
    """


class ArgumentError(VapiError, ValueError):
    """An argument that cannot be sent: an empty path parameter, a body value that is not
    JSON (``nan``, an arbitrary object), a negative ``max_retries``. Nothing was sent."""


class APIStreamError(APIError):
    """An event stream sent an ``error`` event (the HTTP status was a success)."""

    response: httpx.Response
    body: Any
    """The event's data: the parsed JSON, or the text when it is not JSON."""
    event: Any
    """The :class:`ServerSentEvent` itself."""

    def __init__(self, message: str, *, response: httpx.Response, body: Any, event: Any) -> None:
        super().__init__(message, request=response.request)
        self.response = response
        self.body = body
        self.event = event


class WebhookError(VapiError):
    """A webhook request that cannot be trusted or read (see ``client.webhooks``).

    Messages say what is wrong, never the secret, the signature or the body.
    """


class WebhookVerificationError(WebhookError):
    """The request's signature is missing, malformed or does not match the secret."""


class WebhookTimestampError(WebhookVerificationError):
    """The signed timestamp is missing, unreadable, or further from now than the tolerance
    allows (a replayed or delayed request)."""


class WebhookPayloadError(WebhookError):
    """The body is not a JSON object (or, with ``strict_response_validation=True``, not an
    event the spec describes)."""


_STATUS_ERRORS: dict[int, type[APIStatusError]] = {
    400: BadRequestError,
    401: AuthenticationError,
    403: PermissionDeniedError,
    404: NotFoundError,
    409: ConflictError,
    422: UnprocessableEntityError,
    429: RateLimitError,
}


def status_error_class(status_code: int) -> type[APIStatusError]:
    if status_code >= 500:
        return InternalServerError
    return _STATUS_ERRORS.get(status_code, APIStatusError)


class MissingCredentialsError(VapiError):
    """A credential an operation needs (or every operation: raised by the constructor then) is
    not configured; ``missing`` names the client arguments that would provide it. Raised before
    anything is sent."""

    def __init__(self, message: str, *, missing: tuple[str, ...] = ()) -> None:
        super().__init__(message)
        self.message = message
        self.missing = missing
