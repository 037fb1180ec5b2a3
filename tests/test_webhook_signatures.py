"""The webhook signature schemes of the runtime's ``_webhooks.py``: good, bad, stale and missing
signatures for each, and the secret never in a message or ``repr``.

The schemes are checked through the generated packages: the fixture ``tests/fixtures/webhooks``
(Standard Webhooks, configured in its generator config) through ``client.webhooks``, and the
payments style ``t=...,v1=...`` through ``verify_signature`` (the same code its resource calls).
Signatures are computed here independently, from each scheme's definition.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import sys
import time
from pathlib import Path
from typing import Any

import pytest

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "webhooks" / "expected"
if str(FIXTURE) not in sys.path:
    sys.path.insert(0, str(FIXTURE))

import billing_api  # noqa: E402
from billing_api import types  # noqa: E402
from billing_api._webhooks import WebhookSigning, verify_signature  # noqa: E402

KEY = b"the-key-of-the-billing-webhooks-0042"
SECRET = "whsec_" + base64.b64encode(KEY).decode()
BODY = json.dumps({"type": "invoice.paid", "data": {"id": "in_1", "amount": 1250}}).encode()


def standard_headers(body: bytes = BODY, *, key: bytes = KEY, at: int | None = None, message_id: str = "msg_2Kx") -> dict[str, str]:
    stamp = str(int(time.time()) if at is None else at)
    digest = hmac.new(key, f"{message_id}.{stamp}.".encode() + body, hashlib.sha256).digest()
    return {
        "Webhook-Id": message_id,
        "Webhook-Timestamp": stamp,
        "Webhook-Signature": f"v1,{base64.b64encode(digest).decode()}",
    }


def assert_secret_hidden(error: BaseException, *secrets: str | bytes) -> None:
    shown = " ".join([str(error), repr(error), *map(str, error.args)])
    for secret in secrets:
        text = secret.decode() if isinstance(secret, bytes) else secret
        assert text not in shown
    assert base64.b64encode(KEY).decode() not in shown


@pytest.fixture(params=["sync", "async"])
def client(request: pytest.FixtureRequest) -> Any:
    """The resource is the same for both clients: verification makes no request."""
    return billing_api.BillingApi() if request.param == "sync" else billing_api.AsyncBillingApi()


# -- Standard Webhooks ----------------------------------------------------------------------------


def test_standard_good_signature_verifies_and_unwraps(client: Any) -> None:
    headers = standard_headers()
    client.webhooks.verify(BODY, headers, SECRET)
    event = client.webhooks.unwrap(BODY, headers, secret=SECRET)
    assert isinstance(event, types.InvoicePaidWebhookEvent)
    assert event.data.amount == 1250


def test_standard_any_of_several_signatures_may_match(client: Any) -> None:
    """A sender rotating its secret signs with the old and the new key, space-separated."""
    headers = standard_headers()
    other = standard_headers(key=b"an-older-key")["Webhook-Signature"]
    headers["Webhook-Signature"] = f"{other} v1a,ignored {headers['Webhook-Signature']}"
    client.webhooks.verify(BODY, headers, SECRET)


def test_standard_raw_key_bytes_and_lowercase_headers(client: Any) -> None:
    headers = {name.lower(): value for name, value in standard_headers().items()}
    client.webhooks.verify(BODY, headers, KEY)
    client.webhooks.verify(BODY, list(headers.items()), KEY)  # (name, value) pairs


@pytest.mark.parametrize(
    "tamper",
    [
        pytest.param(lambda h, b: (h, b + b" "), id="body-changed"),
        pytest.param(lambda h, b: ({**h, "Webhook-Id": "msg_other"}, b), id="id-changed"),
        pytest.param(lambda h, b: ({**h, "Webhook-Signature": "v1," + base64.b64encode(b"x" * 32).decode()}, b), id="wrong-signature"),
        pytest.param(lambda h, b: ({**h, "Webhook-Signature": h["Webhook-Signature"].replace("v1,", "v2,")}, b), id="unknown-version"),
        pytest.param(lambda h, b: ({**h, "Webhook-Signature": "garbage"}, b), id="malformed"),
    ],
)
def test_standard_bad_signature_is_refused(client: Any, tamper: Any) -> None:
    headers, body = tamper(standard_headers(), BODY)
    with pytest.raises(billing_api.WebhookVerificationError) as caught:
        client.webhooks.verify(body, headers, SECRET)
    assert not isinstance(caught.value, billing_api.WebhookTimestampError)
    assert_secret_hidden(caught.value, SECRET, KEY)
    with pytest.raises(billing_api.WebhookVerificationError):
        client.webhooks.unwrap(body, headers, secret=SECRET)  # unwrap verifies first


def test_standard_signed_with_another_secret_is_refused(client: Any) -> None:
    with pytest.raises(billing_api.WebhookVerificationError) as caught:
        client.webhooks.verify(BODY, standard_headers(key=b"someone-else"), SECRET)
    assert_secret_hidden(caught.value, SECRET)


@pytest.mark.parametrize("offset", [-301, -3600, 301, 86_400])
def test_standard_stale_or_future_timestamp_is_refused(client: Any, offset: int) -> None:
    """Even with a correct signature: a replayed request carries its old timestamp."""
    headers = standard_headers(at=int(time.time()) + offset)
    with pytest.raises(billing_api.WebhookTimestampError) as caught:
        client.webhooks.verify(BODY, headers, SECRET)
    assert "tolerance of 300 s" in str(caught.value)
    assert_secret_hidden(caught.value, SECRET)


def test_standard_tolerance_can_be_widened_or_turned_off(client: Any) -> None:
    headers = standard_headers(at=int(time.time()) - 3600)
    client.webhooks.verify(BODY, headers, SECRET, tolerance=7200)
    client.webhooks.verify(BODY, headers, SECRET, tolerance=0)
    client.webhooks.verify(BODY, standard_headers(at=int(time.time()) - 290), SECRET)  # within 300 s


@pytest.mark.parametrize("missing", ["Webhook-Id", "Webhook-Timestamp", "Webhook-Signature"])
def test_standard_missing_header_is_refused(client: Any, missing: str) -> None:
    headers = standard_headers()
    del headers[missing]
    expected = billing_api.WebhookTimestampError if missing == "Webhook-Timestamp" else billing_api.WebhookVerificationError
    with pytest.raises(expected) as caught:
        client.webhooks.verify(BODY, headers, SECRET)
    assert_secret_hidden(caught.value, SECRET)


def test_standard_unreadable_timestamp_is_refused(client: Any) -> None:
    headers = {**standard_headers(), "Webhook-Timestamp": "yesterday"}
    with pytest.raises(billing_api.WebhookTimestampError):
        client.webhooks.verify(BODY, headers, SECRET)


def test_a_secret_that_is_not_base64_is_an_argument_error(client: Any) -> None:
    with pytest.raises(billing_api.ArgumentError) as caught:
        client.webhooks.verify(BODY, standard_headers(), "whsec_not base64!")
    assert "not base64!" not in str(caught.value)


def test_the_secret_comes_from_the_environment(client: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("BILLING_API_WEBHOOK_SECRET", raising=False)
    with pytest.raises(billing_api.ArgumentError, match="BILLING_API_WEBHOOK_SECRET"):
        client.webhooks.verify(BODY, standard_headers())
    # unwrap without a secret only parses (nothing to verify with) ...
    assert isinstance(client.webhooks.unwrap(BODY, {}), types.InvoicePaidWebhookEvent)
    monkeypatch.setenv("BILLING_API_WEBHOOK_SECRET", SECRET)
    client.webhooks.verify(BODY, standard_headers())
    # ... but with one set, it verifies first.
    with pytest.raises(billing_api.WebhookVerificationError):
        client.webhooks.unwrap(BODY, {})
    assert isinstance(client.webhooks.unwrap(BODY, standard_headers()), types.InvoicePaidWebhookEvent)


def test_the_errors_derive_from_the_package_error() -> None:
    for name in ("WebhookVerificationError", "WebhookTimestampError", "WebhookPayloadError"):
        cls = getattr(billing_api, name)
        assert issubclass(cls, billing_api.WebhookError) and issubclass(cls, billing_api.BillingApiError)
    assert issubclass(billing_api.WebhookTimestampError, billing_api.WebhookVerificationError)


# -- the payments style: t=...,v1=... -------------------------------------------------------------

PAYMENTS = WebhookSigning("stripe-v1", header="acme-signature", tolerance=300)
PAYMENTS_SECRET = "whsec_payments_7f3a9c"


def payments_header(body: bytes = BODY, *, secret: str = PAYMENTS_SECRET, at: int | None = None) -> str:
    stamp = int(time.time()) if at is None else at
    digest = hmac.new(secret.encode(), f"{stamp}.".encode() + body, hashlib.sha256).hexdigest()
    return f"t={stamp},v1={digest}"


def test_payments_good_signature() -> None:
    verify_signature(BODY, {"Acme-Signature": payments_header()}, PAYMENTS_SECRET, PAYMENTS)
    # several v1 entries (a secret being rolled) and other schemes' entries beside them
    other = payments_header(secret="old")
    both = f"{payments_header()},v1={other.split('v1=')[1]},v0=deadbeef"
    verify_signature(BODY, {"acme-signature": both}, PAYMENTS_SECRET, PAYMENTS)


@pytest.mark.parametrize(
    "header",
    [
        pytest.param(lambda: payments_header(BODY + b"x"), id="body-changed"),
        pytest.param(lambda: payments_header(secret="another"), id="another-secret"),
        pytest.param(lambda: payments_header().replace("v1=", "v0="), id="no-v1"),
        pytest.param(lambda: "t=" + str(int(time.time())) + ",v1=" + "0" * 64, id="wrong-hex"),
    ],
)
def test_payments_bad_signature(header: Any) -> None:
    with pytest.raises(billing_api.WebhookVerificationError) as caught:
        verify_signature(BODY, {"acme-signature": header()}, PAYMENTS_SECRET, PAYMENTS)
    assert not isinstance(caught.value, billing_api.WebhookTimestampError)
    assert_secret_hidden(caught.value, PAYMENTS_SECRET)


@pytest.mark.parametrize("offset", [-400, 400])
def test_payments_stale_timestamp(offset: int) -> None:
    header = payments_header(at=int(time.time()) + offset)
    with pytest.raises(billing_api.WebhookTimestampError) as caught:
        verify_signature(BODY, {"acme-signature": header}, PAYMENTS_SECRET, PAYMENTS)
    assert_secret_hidden(caught.value, PAYMENTS_SECRET)
    verify_signature(BODY, {"acme-signature": header}, PAYMENTS_SECRET, PAYMENTS, tolerance=500)


def test_payments_missing_signature_or_timestamp() -> None:
    with pytest.raises(billing_api.WebhookVerificationError, match="no acme-signature header"):
        verify_signature(BODY, {}, PAYMENTS_SECRET, PAYMENTS)
    no_time = payments_header().split(",", 1)[1]
    with pytest.raises(billing_api.WebhookTimestampError):
        verify_signature(BODY, {"acme-signature": no_time}, PAYMENTS_SECRET, PAYMENTS)


# -- a shared secret in a header ------------------------------------------------------------------

SHARED = WebhookSigning("shared-secret-header", header="x-hook-secret", tolerance=0)


def test_shared_secret_good_bad_and_missing() -> None:
    secret = "s3cr3t-shared-value"
    verify_signature(BODY, {"X-Hook-Secret": secret}, secret, SHARED)
    for wrong in ("s3cr3t-shared-valuE", "", secret + " "):
        with pytest.raises(billing_api.WebhookVerificationError) as caught:
            verify_signature(BODY, {"X-Hook-Secret": wrong}, secret, SHARED)
        assert_secret_hidden(caught.value, secret)
    with pytest.raises(billing_api.WebhookVerificationError, match="no x-hook-secret header"):
        verify_signature(BODY, {"Other": secret}, secret, SHARED)


def test_shared_secret_is_compared_in_constant_time(monkeypatch: pytest.MonkeyPatch) -> None:
    """The comparison is hmac.compare_digest's (never ``==``, which stops at the first difference)."""
    import billing_api._webhooks as runtime

    seen: list[tuple[bytes, bytes]] = []
    original = hmac.compare_digest

    def compare(a: bytes, b: bytes) -> bool:
        seen.append((a, b))
        return original(a, b)

    monkeypatch.setattr(runtime.hmac, "compare_digest", compare)
    verify_signature(BODY, {"x-hook-secret": "abc"}, "abc", SHARED)
    assert seen == [(b"abc", b"abc")]


def test_no_repr_or_attribute_of_the_resource_holds_a_secret(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BILLING_API_WEBHOOK_SECRET", SECRET)
    client = billing_api.BillingApi()
    client.webhooks.unwrap(BODY, standard_headers())
    assert SECRET not in repr(client.webhooks) and SECRET not in repr(vars(client.webhooks))
