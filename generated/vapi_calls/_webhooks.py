"""Webhooks: check that a request came from the API, and read its body as a typed event.

The API posts events to a URL its user runs. A handler passes the raw body and the headers
to ``client.webhooks.unwrap(body, headers)`` and gets the event's model back. Everything here
is computation on the bytes given (no request is made), so one resource serves the sync and
the async client alike.

Signatures (the generator config's ``webhooks.signature`` names the scheme; ``verify()`` and,
when a secret is given or set in the environment, ``unwrap()`` check it):

- ``standard-webhooks``: the Standard Webhooks scheme. ``webhook-signature`` holds one or more
  space-separated ``v1,<base64>`` signatures, each an HMAC-SHA256 of
  ``<webhook-id>.<webhook-timestamp>.<body>`` keyed with the secret (``whsec_`` + base64 of
  the key); ``webhook-timestamp`` (Unix seconds) must be within the tolerance of now.
- ``stripe-v1``: one header of ``t=<timestamp>,v1=<hex>[,v1=<hex>...]`` pairs (the payments
  style): an HMAC-SHA256 of ``<t>.<body>`` in hex, keyed with the secret as it is written.
- ``shared-secret-header``: the secret itself in a header, compared in constant time.

A signature is compared in constant time (``hmac.compare_digest``); a timestamp further from
now than the tolerance, in either direction, is refused (0 turns that check off). Failures are
:class:`WebhookVerificationError` and its :class:`WebhookTimestampError`; a body that is not a
JSON object is :class:`WebhookPayloadError`. No message, log line or ``repr`` carries the
secret, a signature or the body.

Bodies are read like responses: the event union reads its tag and validates one event (an
unknown one is ``UnknownVariant``, every field kept); a body that does not fit is typed where it
fits and kept where not, each misfit logged once (``WARNING``), unless the client was made with
``strict_response_validation=True``, which raises :class:`WebhookPayloadError` instead.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import json
import logging
import os
import time
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar, Union

from ._constants import PACKAGE_NAME
from ._exceptions import (
    ArgumentError,
    WebhookPayloadError,
    WebhookTimestampError,
    WebhookVerificationError,
)

if TYPE_CHECKING:
    import pydantic

    from ._lenient import ResponseMismatch

__all__ = ["HeadersLike", "WebhookSigning", "WebhooksResource", "verify_signature"]

HeadersLike = Union[Mapping[str, str], Iterable[tuple[str, str]]]
"""The request's headers: any mapping (a framework's headers object) or ``(name, value)`` pairs."""

SCHEMES = ("standard-webhooks", "stripe-v1", "shared-secret-header")
_SECRET_PREFIX = "whsec_"
_MAX_REPORTED = 10_000

log = logging.getLogger(PACKAGE_NAME)


@dataclass(frozen=True)
class WebhookSigning:
    """How the API signs its webhook requests (from the generator config)."""

    scheme: str
    """One of ``standard-webhooks``, ``stripe-v1``, ``shared-secret-header``."""
    header: str | None = None
    """The header the signature (or the secret) arrives in; standard-webhooks has fixed ones."""
    tolerance: int = 300
    """Seconds a signed timestamp may be away from now; 0: not checked."""


def verify_signature(
    payload: str | bytes,
    headers: HeadersLike,
    secret: str | bytes,
    signing: WebhookSigning,
    *,
    tolerance: int | None = None,
    now: float | None = None,
) -> None:
    """Raise :class:`WebhookVerificationError` unless ``payload`` is signed with ``secret``.

    ``payload`` is the request body exactly as received (bytes; a ``str`` is taken as UTF-8):
    a body decoded and encoded again may not be the bytes that were signed.
    """
    body = payload.encode("utf-8") if isinstance(payload, str) else bytes(payload)
    found = _lower_headers(headers)
    limit = signing.tolerance if tolerance is None else tolerance
    at = time.time() if now is None else now
    if signing.scheme == "standard-webhooks":
        _verify_standard(body, found, secret, limit, at)
    elif signing.scheme == "stripe-v1":
        _verify_timestamped_hex(body, found, _header_name(signing), secret, limit, at)
    elif signing.scheme == "shared-secret-header":
        _verify_shared_secret(found, _header_name(signing), secret)
    else:
        raise ArgumentError(
            f"unknown webhook signature scheme {signing.scheme!r}; known: {', '.join(SCHEMES)}"
        )


def _header_name(signing: WebhookSigning) -> str:
    if not signing.header:
        raise ArgumentError(f"the webhook signature scheme {signing.scheme} needs a header name")
    return signing.header.lower()


def _lower_headers(headers: HeadersLike) -> dict[str, str]:
    """Header names are case-insensitive: every name lower-cased (the first of repeats kept)."""
    pairs: Iterable[Any] = headers.items() if hasattr(headers, "items") else headers
    found: dict[str, str] = {}
    for name, value in pairs:
        key = (name.decode("latin-1") if isinstance(name, bytes) else str(name)).lower()
        text = value.decode("latin-1") if isinstance(value, bytes) else str(value)
        found.setdefault(key, text)
    return found


def _key_bytes(secret: str | bytes) -> bytes:
    return secret.encode("utf-8") if isinstance(secret, str) else bytes(secret)


def _standard_key(secret: str | bytes) -> bytes:
    """A Standard Webhooks secret: ``whsec_`` and the key in base64 (raw bytes: the key)."""
    if isinstance(secret, bytes):
        return secret
    encoded = secret[len(_SECRET_PREFIX) :] if secret.startswith(_SECRET_PREFIX) else secret
    try:
        return base64.b64decode(encoded, validate=True)
    except (binascii.Error, ValueError):
        raise ArgumentError(
            "the webhook secret is not a Standard Webhooks secret (whsec_ followed by base64)"
        ) from None


def _timestamp(raw: str | None, where: str, tolerance: int, now: float) -> None:
    if raw is None or not raw.strip():
        raise WebhookTimestampError(f"the webhook request has no timestamp ({where})")
    try:
        stamp = int(raw.strip())
    except ValueError:
        raise WebhookTimestampError(
            f"the webhook timestamp ({where}) is not a number of seconds"
        ) from None
    if tolerance and abs(now - stamp) > tolerance:
        age = now - stamp
        when = f"{int(age)} s old" if age > 0 else f"{int(-age)} s in the future"
        raise WebhookTimestampError(
            f"the webhook timestamp ({where}) is {when}, beyond the tolerance of {tolerance} s"
        )


def _verify_standard(
    body: bytes, headers: dict[str, str], secret: str | bytes, tolerance: int, now: float
) -> None:
    message_id = headers.get("webhook-id")
    signatures = headers.get("webhook-signature")
    if not message_id or not signatures:
        missing = "webhook-id" if not message_id else "webhook-signature"
        raise WebhookVerificationError(f"the webhook request has no {missing} header")
    stamp = headers.get("webhook-timestamp")
    _timestamp(stamp, "webhook-timestamp", tolerance, now)
    assert stamp is not None
    signed = f"{message_id}.{stamp.strip()}.".encode() + body
    expected = base64.b64encode(hmac.new(_standard_key(secret), signed, hashlib.sha256).digest())
    for candidate in signatures.split():
        version, _, signature = candidate.partition(",")
        if version == "v1" and hmac.compare_digest(signature.encode("latin-1"), expected):
            return
    raise WebhookVerificationError("no v1 signature in webhook-signature matches the request")


def _verify_timestamped_hex(
    body: bytes,
    headers: dict[str, str],
    header: str,
    secret: str | bytes,
    tolerance: int,
    now: float,
) -> None:
    value = headers.get(header)
    if not value:
        raise WebhookVerificationError(f"the webhook request has no {header} header")
    stamp: str | None = None
    signatures: list[str] = []
    for item in value.split(","):
        key, _, part = item.strip().partition("=")
        if key == "t" and stamp is None:
            stamp = part
        elif key == "v1":
            signatures.append(part)
    _timestamp(stamp, f"t= in {header}", tolerance, now)
    if not signatures:
        raise WebhookVerificationError(f"the {header} header has no v1= signature")
    signed = f"{stamp}.".encode() + body
    expected = hmac.new(_key_bytes(secret), signed, hashlib.sha256).hexdigest().encode()
    if not any(hmac.compare_digest(s.encode("latin-1"), expected) for s in signatures):
        raise WebhookVerificationError(f"no v1= signature in {header} matches the request")


def _verify_shared_secret(headers: dict[str, str], header: str, secret: str | bytes) -> None:
    value = headers.get(header)
    if value is None:
        raise WebhookVerificationError(f"the webhook request has no {header} header")
    if not hmac.compare_digest(value.encode("utf-8"), _key_bytes(secret)):
        raise WebhookVerificationError(f"the {header} header does not match the webhook secret")


def decode_payload(payload: str | bytes) -> dict[str, Any]:
    """The body as a JSON object; :class:`WebhookPayloadError` (without the body) if it is not one."""
    try:
        data = json.loads(payload)
    except UnicodeDecodeError:
        raise WebhookPayloadError("the webhook body is not UTF-8 text") from None
    except json.JSONDecodeError as error:
        raise WebhookPayloadError(
            f"the webhook body is not JSON: {error.msg} (line {error.lineno}, column {error.colno})"
        ) from None
    if not isinstance(data, dict):
        kind = "an array" if isinstance(data, list) else "a JSON " + type(data).__name__
        raise WebhookPayloadError(f"the webhook body is {kind}, not a JSON object")
    return data


_adapters: dict[Any, pydantic.TypeAdapter[Any]] = {}


def _adapter(tp: Any) -> pydantic.TypeAdapter[Any]:
    adapter = _adapters.get(tp)
    if adapter is None:
        from pydantic import TypeAdapter

        adapter = _adapters[tp] = TypeAdapter(tp)
    return adapter


class WebhooksResource:
    """What ``client.webhooks`` of every package shares; the package's own class (in
    ``resources/``) names the event type, the signature scheme and the secret's variable."""

    _signing: ClassVar[WebhookSigning | None] = None
    _secret_env: ClassVar[str] = ""

    def __init__(self, client: Any) -> None:
        self._client = client
        self._reported: set[str] = set()

    def _secret(self, secret: str | bytes | None) -> str | bytes | None:
        if secret is not None:
            return secret
        if not self._secret_env:
            return None
        return os.environ.get(self._secret_env) or None  # an empty variable is no secret

    def _verify(
        self,
        payload: str | bytes,
        headers: HeadersLike,
        secret: str | bytes | None,
        tolerance: int | None = None,
    ) -> None:
        if self._signing is None:
            raise ArgumentError("this API's generator config names no webhook signature scheme")
        key = self._secret(secret)
        if key is None:
            raise ArgumentError(
                f"no webhook secret: pass secret=... or set the {self._secret_env} environment variable"
            )
        verify_signature(payload, headers, key, self._signing, tolerance=tolerance)

    def _unwrap(
        self,
        payload: str | bytes,
        headers: HeadersLike | None,
        secret: str | bytes | None,
        event_type: Any,
    ) -> Any:
        key = self._secret(secret)
        if key is not None and self._signing is not None:
            verify_signature(payload, headers or {}, key, self._signing)
        return self._parse(event_type, decode_payload(payload))

    def _parse(self, event_type: Any, data: dict[str, Any]) -> Any:
        from pydantic import ValidationError

        try:
            return _adapter(event_type).validate_python(data)
        except ValidationError as error:
            if getattr(self._client, "strict_response_validation", False):
                places = sorted(
                    {
                        f"{'.'.join(str(p) for p in e['loc']) or '$'} ({e['type']})"
                        for e in error.errors(include_url=False, include_input=False)
                    }
                )
                raise WebhookPayloadError(
                    "the webhook body is not an event the spec describes: " + ", ".join(places[:5])
                ) from None
        from ._lenient import parse_leniently

        value, mismatches = parse_leniently(event_type, data)
        self._report(mismatches)
        return value

    def _report(self, mismatches: list[ResponseMismatch]) -> None:
        """A ``WARNING`` per place of a body that did not fit, once per place; never a value."""
        from ._lenient import generic_path

        for mismatch in mismatches:
            place = generic_path(mismatch.path)
            if place in self._reported:
                continue
            if len(self._reported) < _MAX_REPORTED:
                self._reported.add(place)
            log.warning(
                "webhook: the body does not match the spec at %s: expected %s, %s (kept as sent)",
                place,
                mismatch.expected,
                mismatch.problem,
            )
