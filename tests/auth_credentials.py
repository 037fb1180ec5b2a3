"""Credentials for every security scheme of a generated client, for tests against a mock server.

``every_credential(package)`` gives the constructor keyword arguments that configure every
scheme of ``package._security.SCHEMES`` with a dummy value: a bearer or API key argument, a
username and password for Basic, and for OAuth2 its ``access_token`` (so that no token endpoint
is needed; a mock such as Prism only checks that ``Authorization: Bearer`` is there). Each call
then sends the first alternative of its operation's ``security``.
"""

from __future__ import annotations

from types import ModuleType
from typing import Any


def every_credential(package: ModuleType, value: str = "test-credential") -> dict[str, Any]:
    from importlib import import_module

    auth = import_module(f"{package.__name__}._auth")
    schemes = import_module(f"{package.__name__}._security").SCHEMES
    kwargs: dict[str, Any] = {}
    for scheme in schemes.values():
        if isinstance(scheme, auth.HTTPBearer):
            kwargs[scheme.token] = value
        elif isinstance(scheme, auth.HTTPBasic):
            kwargs[scheme.username], kwargs[scheme.password] = "test-user", value
        elif isinstance(scheme, auth.APIKey):
            kwargs[scheme.key] = value
        elif scheme.token:  # OAuth2: a token as if obtained elsewhere
            kwargs[scheme.token] = value
        else:
            kwargs[scheme.client_id], kwargs[scheme.client_secret] = "test-client", value
    return kwargs
