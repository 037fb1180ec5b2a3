"""The security schemes of the Vapi Calls API, and the client arguments that carry their credentials."""

from __future__ import annotations

from ._auth import HTTPBearer, Scheme

__all__ = ["CREDENTIAL_ENVIRONMENT", "DEFAULT_SECURITY", "REQUIRED_CREDENTIALS", "SCHEMES"]

SCHEMES: dict[str, Scheme] = {
    "bearer": HTTPBearer(token="api_key"),
}
"""Each scheme of ``components/securitySchemes`` the client can use, by its name in the spec."""

DEFAULT_SECURITY: tuple[tuple[str, ...], ...] = (("bearer",),)
"""The spec's root ``security``: alternatives, each the schemes sent together."""

CREDENTIAL_ENVIRONMENT: dict[str, str] = {
    "api_key": "VAPI_API_KEY",
}
"""The environment variable each credential argument is read from when it is not given."""

REQUIRED_CREDENTIALS: tuple[str, ...] = ("api_key",)
"""The credentials every operation needs: the clients raise at construction without them."""
