"""Vapi Calls API: a typed Python client.

List the calls of your Vapi organization, with their status, cost, transcript, recordings and the assistant, customer and phone number used.
"""

from ._base_client import DEFAULT_MAX_RETRIES, DEFAULT_TIMEOUT, NOT_GIVEN, NotGiven
from ._client import AsyncVapi, Vapi
from ._content import BinaryResponse
from ._exceptions import (
    APIConnectionError,
    APIError,
    APIResponseValidationError,
    APIStatusError,
    APIStreamError,
    APITimeoutError,
    ArgumentError,
    AuthenticationError,
    BadRequestError,
    ClientClosedError,
    ConflictError,
    InternalServerError,
    MissingCredentialsError,
    NotFoundError,
    PermissionDeniedError,
    RateLimitError,
    UnprocessableEntityError,
    VapiError,
    WebhookError,
    WebhookPayloadError,
    WebhookTimestampError,
    WebhookVerificationError,
)
from ._pagination import PaginationError
from ._response import APIResponse
from ._streamed_response import AsyncStreamedAPIResponse, StreamedAPIResponse
from ._streaming import AsyncStream, ServerSentEvent, Stream
from ._version import __title__, __version__

__all__ = [
    "Vapi",
    "AsyncVapi",
    "VapiError",
    "APIConnectionError",
    "APIError",
    "APIResponseValidationError",
    "APIStatusError",
    "APIStreamError",
    "APITimeoutError",
    "ArgumentError",
    "AuthenticationError",
    "BadRequestError",
    "ClientClosedError",
    "ConflictError",
    "InternalServerError",
    "MissingCredentialsError",
    "NotFoundError",
    "PermissionDeniedError",
    "RateLimitError",
    "UnprocessableEntityError",
    "APIResponse",
    "AsyncStream",
    "AsyncStreamedAPIResponse",
    "BinaryResponse",
    "DEFAULT_MAX_RETRIES",
    "DEFAULT_TIMEOUT",
    "NOT_GIVEN",
    "NotGiven",
    "PaginationError",
    "WebhookError",
    "WebhookPayloadError",
    "WebhookTimestampError",
    "WebhookVerificationError",
    "ServerSentEvent",
    "Stream",
    "StreamedAPIResponse",
    "__title__",
    "__version__",
]
