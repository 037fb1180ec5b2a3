"""Which base URL a client uses: ``base_url=``, else its environment variable, else the
spec's server for the chosen ``environment`` with its variables filled in.

A base URL the caller chose (the first two) overrides everything, including the servers some
paths or operations declare for themselves; the spec's own server does not. Those servers of
their own are named (``OWN_SERVERS`` in ``_client.py``), and ``servers={name: url}`` sends their
operations to another URL, whatever the base URL.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import Any

import httpx

from ._exceptions import ArgumentError

__all__ = ["base_url_for", "own_server_urls", "server_url"]


def base_url_for(
    given: str | httpx.URL | None, variable: str, default: str
) -> tuple[str | httpx.URL, bool]:
    """The base URL, and whether the caller chose it."""
    if given is not None:
        return given, True
    from_environment = os.environ.get(variable)
    if from_environment:
        return from_environment, True
    return default, False


def server_url(
    environments: Mapping[str, str],
    environment: str,
    variables: Mapping[str, str],
    allowed: Mapping[str, tuple[str, ...]] | None = None,
) -> str:
    """The URL of ``environment`` with each ``{variable}`` replaced by its value."""
    if environment not in environments:
        raise ArgumentError(
            f"environment must be one of {', '.join(map(repr, environments))}, not {environment!r}"
        )
    url = environments[environment]
    for name, value in variables.items():
        choices = (allowed or {}).get(name)
        if choices and value not in choices:
            raise ArgumentError(
                f"{name} must be one of {', '.join(map(repr, choices))}, not {value!r}"
            )
        if not isinstance(value, str):
            raise ArgumentError(f"{name} must be a string, not {value!r}")
        url = url.replace("{" + name + "}", value)
    return url


def own_server_urls(
    own: Mapping[str, str], chosen: Mapping[Any, str | httpx.URL] | None
) -> dict[str, str]:
    """For each own server the caller points elsewhere, its URL in the spec -> the chosen URL.

    ``chosen`` is keyed by the names in ``own`` (a ``Literal`` in the client's signature; a
    mapping's key type is invariant, hence ``Any`` here)."""
    result: dict[str, str] = {}
    for name, url in (chosen or {}).items():
        if name not in own:
            known = ", ".join(map(repr, own)) or "none"
            raise ArgumentError(f"servers: {name!r} is not a server of this API (known: {known})")
        result[own[name]] = str(url)
    return result
