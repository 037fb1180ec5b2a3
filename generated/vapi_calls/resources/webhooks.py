"""Webhooks: the requests the API sends to your server, verified and read as typed events."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from .. import types as _types
from .._webhooks import HeadersLike, WebhookSigning, WebhooksResource

if TYPE_CHECKING:
    from ..types import WebhookEvent

__all__ = ["Webhooks"]


class Webhooks(WebhooksResource):
    """The webhooks of the Vapi Calls API: the requests it sends to your server.

    - ``end-of-call-report``: :class:`EndOfCallReportWebhookEvent`
    - ``status-update``: :class:`StatusUpdateWebhookEvent`
    - ``hang``: :class:`HangWebhookEvent`
    - ``tool-calls``: :class:`ToolCallsWebhookEvent`

    The event is chosen by its ``message.type``; an event this version does not know is an
    ``UnknownVariant`` (every field kept). Verification is computation only: this one class serves
    the sync and the async client.
    """

    _signing = WebhookSigning("shared-secret-header", header="x-vapi-secret")
    _secret_env = "VAPI_WEBHOOK_SECRET"

    def unwrap(
        self, payload: str | bytes, headers: HeadersLike, *, secret: str | bytes | None = None
    ) -> WebhookEvent:
        """The request body as its event: WebhookEvent (see ``types``).

        With a secret (``secret=``, or the VAPI_WEBHOOK_SECRET environment variable) the signature
        is checked first, as :meth:`verify` does.

        Raises:
            WebhookVerificationError: a secret was given and the signature does not match.
            WebhookPayloadError: the body is not a JSON object (or, with
                strict_response_validation=True, not an event of the spec).
        """
        event = self._unwrap(payload, headers, secret, _types.WebhookEvent)
        return cast("WebhookEvent", event)

    def verify(
        self,
        payload: str | bytes,
        headers: HeadersLike,
        secret: str | bytes | None = None,
    ) -> None:
        """Raise unless the request is signed: the secret itself in the ``x-vapi-secret`` header,
        compared in constant time.

        Args:
            payload: the request body exactly as received (bytes).
            headers: the request's headers (any mapping, or (name, value) pairs).
            secret: the webhook secret; by default the VAPI_WEBHOOK_SECRET environment variable.

        Raises:
            WebhookVerificationError: the signature is missing or does not match.
            ArgumentError: no secret was given or set.
        """
        self._verify(payload, headers, secret)
