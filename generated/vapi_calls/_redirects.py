"""Redirects, followed by the client itself (not by httpx) so that credentials stay home.

An API that answers with a redirect (``307`` to a signed download URL, ``302`` to a presigned
recording) means "the answer is there": the request flow in ``_base_client`` follows it and
returns the final answer, whatever ``http_client`` the caller passed (its own
``follow_redirects`` setting does not matter: every hop is sent with redirects off).

What the next request carries follows RFC 9110 as browsers and httpx apply it (``303``, and
``301``/``302`` after a ``POST``, become a ``GET`` without the body; ``307``/``308`` resend
the same method and body). To another origin (scheme, host or port), it carries only the
headers that say how to read the answer (``Accept``, ``User-Agent``, and for a resent body its
``Content-Type``): never ``Authorization``, an API key header, a cookie or any other header
the client or the caller added, since a signed URL carries its own authorization and the host
it names is not the API's. The query is the new location's own, so an API key sent as a query
parameter is not carried either.
"""

from __future__ import annotations

import httpx

__all__ = ["MAX_REDIRECTS", "next_request"]

MAX_REDIRECTS = 20
REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
# Headers a request to another origin keeps: none of them can carry a credential.
_CROSS_ORIGIN_HEADERS = frozenset({"accept", "accept-encoding", "accept-language", "user-agent"})
_BODY_HEADERS = frozenset(
    {"content-type", "content-length", "transfer-encoding", "content-encoding"}
)


def next_request(request: httpx.Request, response: httpx.Response) -> httpx.Request | None:
    """The request that follows ``response`` when it is a redirect with a location, else ``None``."""
    if response.status_code not in REDIRECT_STATUSES or "location" not in response.headers:
        return None
    try:
        url = request.url.join(response.headers["location"])
    except httpx.InvalidURL:
        return None
    if url.scheme not in ("http", "https"):
        return None
    method = request.method
    keep_body = response.status_code in (307, 308)
    if response.status_code == 303 and method != "HEAD":
        method = "GET"
    elif response.status_code in (301, 302) and method == "POST":
        method = "GET"
    keep_body = keep_body and method == request.method
    same_origin = _origin(url) == _origin(request.url)
    headers: list[tuple[str, str]] = []
    for name, value in request.headers.multi_items():
        lower = name.lower()
        if lower == "host":
            continue
        if lower in _BODY_HEADERS and not keep_body:
            continue
        if (
            not same_origin
            and lower not in _CROSS_ORIGIN_HEADERS
            and not (keep_body and lower in _BODY_HEADERS)
        ):
            continue
        headers.append((name, value))
    content = None
    if keep_body:
        try:
            content = request.content
        except (
            httpx.RequestNotRead
        ):  # a file streamed from disk: not sent twice, the redirect is the answer
            return None
    return httpx.Request(
        method, url, headers=headers, content=content, extensions=request.extensions
    )


def _origin(url: httpx.URL) -> tuple[str, str, int | None]:
    default = {"http": 80, "https": 443}.get(url.scheme)
    return url.scheme, url.host, url.port or default
