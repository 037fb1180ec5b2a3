"""What a caller is shown of a request: a copy without its credentials.

The request the client sends carries credentials (``Authorization``, an API key in a header, the
query string or a cookie, a client secret in a token request's form). Whatever hands a request
to the caller hands over :func:`redacted_request`'s copy instead: an exception's ``request``
and its ``response.request``, the httpx error it was raised from, the request of a raw or
streamed response. In the copy each credential is ``[REDACTED]`` (an ``Authorization`` header
keeps its scheme: ``Bearer [REDACTED]``), and everything else is as it was sent: the method,
the URL's path and other parameters, the other headers and cookies, a body that was in memory
(a file streamed from disk is not read again: the copy has no body). It is for reading; sent
again it would not authenticate.

httpx logs each request's URL itself (``INFO`` on the ``httpx`` logger), with an API key in the
query string; :class:`RedactingFilter`, installed on that logger when the package is imported,
rewrites the URL of such a record with the credentials of every live client redacted.
"""

from __future__ import annotations

import logging
import weakref
from collections.abc import Iterable
from typing import TYPE_CHECKING
from urllib.parse import unquote_plus

import httpx

if TYPE_CHECKING:
    from ._auth import Auth

__all__ = ["MARKER", "RedactingFilter", "redacted_request", "redacted_url", "register"]

MARKER = "[REDACTED]"

ALWAYS_SECRET_HEADERS = frozenset({"authorization", "proxy-authorization"})
"""Headers whose value is a credential whatever the spec says."""

_live: weakref.WeakSet[Auth] = weakref.WeakSet()


def register(auth: Auth) -> None:
    """Let httpx's own log lines redact ``auth``'s credentials while it lives."""
    _live.add(auth)


def redacted_request(request: httpx.Request, auth: Auth) -> httpx.Request:
    """A copy of ``request`` without any of ``auth``'s credentials (see the module docstring)."""
    names = auth.sensitive
    headers: list[tuple[str, str]] = []
    for name, value in request.headers.multi_items():
        lower = name.lower()
        if lower in ALWAYS_SECRET_HEADERS or lower in names.headers:
            value = _masked(value)
        elif lower == "cookie":
            value = _masked_pairs(value, ";", names.cookies)
        headers.append((name, auth.redact(value)))
    return httpx.Request(
        request.method,
        redacted_url(request.url, auth),
        headers=headers,
        content=_body(request, auth),
        extensions=request.extensions,
    )


def redacted_url(url: httpx.URL, auth: Auth) -> httpx.URL:
    """``url`` with the API keys of its query, any credential elsewhere in it and the password
    of its user info replaced by the marker."""
    if url.password:
        url = url.copy_with(password=MARKER)
    query = url.query.decode("ascii")
    if query and auth.sensitive.query:
        masked = _masked_pairs(query, "&", auth.sensitive.query)
        url = url.copy_with(query=masked.encode("ascii"))
    text = str(url)
    shown = auth.redact(text)
    return url if shown == text else httpx.URL(shown)


class RedactingFilter(logging.Filter):
    """Rewrites the URLs in httpx's log records with every live client's credentials redacted."""

    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.args, tuple) and any(isinstance(a, httpx.URL) for a in record.args):
            record.args = tuple(
                _redacted_everywhere(arg) if isinstance(arg, httpx.URL) else arg
                for arg in record.args
            )
        return True


def install_log_filter() -> None:
    """Once per process: the ``httpx`` logger's records go through :class:`RedactingFilter`."""
    logger = logging.getLogger("httpx")
    if not any(isinstance(f, RedactingFilter) for f in logger.filters):
        logger.addFilter(RedactingFilter())


def _redacted_everywhere(url: httpx.URL) -> httpx.URL:
    for auth in list(_live):
        url = redacted_url(url, auth)
    return url


def _masked(value: str) -> str:
    """``Bearer abc`` -> ``Bearer [REDACTED]``; a bare value -> the marker."""
    scheme, space, _ = value.partition(" ")
    return f"{scheme} {MARKER}" if space and scheme.isalpha() else MARKER


def _masked_pairs(text: str, separator: str, names: Iterable[str]) -> str:
    """``a=1&key=secret`` (or a ``Cookie`` header's ``a=1; key=secret``) with the value of each
    pair named in ``names`` masked; the names are compared decoded."""
    wanted = set(names)
    if not wanted:
        return text
    parts = []
    for part in text.split(separator):
        raw_name, equals, _ = part.partition("=")
        if equals and unquote_plus(raw_name.strip()) in wanted:
            part = f"{raw_name}={MARKER}"
        parts.append(part)
    return separator.join(parts)


def _body(request: httpx.Request, auth: Auth) -> bytes | None:
    """The body as sent with every credential redacted, or ``None`` for a streamed one."""
    try:
        content = request.content
    except httpx.RequestNotRead:
        return None
    for secret in auth.secrets():
        content = content.replace(secret.encode("utf-8"), MARKER.encode("ascii"))
    return content
