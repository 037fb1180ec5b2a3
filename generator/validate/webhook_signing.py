"""How the API signs its webhooks: the config's ``webhooks`` entry.

A spec cannot say how its webhook requests are signed (OpenAPI has no field for it), so the
generator config beside it does::

    webhooks:
      signature: standard-webhooks     # or stripe-v1, or shared-secret-header
      header: x-signature              # stripe-v1 and shared-secret-header: where it arrives
      tolerance: 300                   # seconds a signed timestamp may be off (not for a shared secret)
      secret_env: ACME_WEBHOOK_SECRET  # optional: where unwrap()/verify() find the secret

The schemes (the runtime's ``_webhooks.py`` checks them):

- ``standard-webhooks``: the Standard Webhooks HMAC-SHA256 scheme, headers ``webhook-id``,
  ``webhook-timestamp`` and ``webhook-signature`` (a list of ``v1,<base64>``), ``whsec_`` secrets;
- ``stripe-v1``: the payments style ``t=<timestamp>,v1=<hex>`` header, HMAC-SHA256 of ``t.payload``;
- ``shared-secret-header``: the secret itself in a header, compared in constant time.

Read next to the strictness policy because, like it, it is a config entry that the config
module checks and the later stages only read.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from ..load.loader import LoadedSpec

SCHEMES = ("standard-webhooks", "stripe-v1", "shared-secret-header")
_TIMED = frozenset({"standard-webhooks", "stripe-v1"})
_NEEDS_HEADER = frozenset({"stripe-v1", "shared-secret-header"})
_KEYS = ("signature", "header", "tolerance", "secret_env")
_HEADER = re.compile(r"^[!#$%&'*+.^_`|~0-9A-Za-z-]+$")  # an HTTP token (RFC 9110)
_ENV = re.compile(r"^[A-Z_][A-Z0-9_]*$")
DEFAULT_TOLERANCE = 300


@dataclass(frozen=True)
class WebhookSigning:
    scheme: str  # one of SCHEMES
    header: str | None  # lower-case; None for standard-webhooks (its headers are fixed)
    tolerance: int  # seconds; 0 for a shared secret (no timestamp)
    secret_env: str | None  # None: derived from the client's environment variable prefix


def read_webhook_signing(values: dict[str, Any], source: LoadedSpec | None) -> WebhookSigning | None:
    """The config's ``webhooks`` entry, checked; None when there is none."""
    raw = values.get("webhooks")
    if raw is None or source is None:
        return None
    if not isinstance(raw, dict):
        raise source.error("#/webhooks", "webhooks must be a mapping with a signature key")
    for key in raw:
        if key not in _KEYS:
            raise source.error(f"#/webhooks/{key}", f"unknown webhooks key {key!r}; known: {', '.join(_KEYS)}")
    scheme = raw.get("signature")
    if scheme not in SCHEMES:
        raise source.error("#/webhooks/signature", f"webhooks signature must be one of {', '.join(SCHEMES)}")
    header = raw.get("header")
    if scheme in _NEEDS_HEADER:
        if not isinstance(header, str) or not _HEADER.match(header):
            raise source.error("#/webhooks/header", f"webhooks signature {scheme} needs header: the name of the header it arrives in")
        header = header.lower()
    elif header is not None:
        raise source.error("#/webhooks/header", f"webhooks signature {scheme} has fixed headers; leave header out")
    tolerance = raw.get("tolerance", DEFAULT_TOLERANCE if scheme in _TIMED else 0)
    if scheme not in _TIMED and "tolerance" in raw:
        raise source.error("#/webhooks/tolerance", f"webhooks signature {scheme} carries no timestamp; leave tolerance out")
    if isinstance(tolerance, bool) or not isinstance(tolerance, int) or tolerance < 0:
        raise source.error("#/webhooks/tolerance", "webhooks tolerance must be a whole number of seconds, 0 or more")
    secret_env = raw.get("secret_env")
    if secret_env is not None and (not isinstance(secret_env, str) or not _ENV.match(secret_env)):
        raise source.error("#/webhooks/secret_env", "webhooks secret_env must be an UPPER_SNAKE environment variable name")
    return WebhookSigning(scheme=scheme, header=header, tolerance=tolerance, secret_env=secret_env)
