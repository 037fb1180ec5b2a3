"""JSON pointers (RFC 6901) as used in error messages and ``$ref`` values."""

from __future__ import annotations

from collections.abc import Iterable


def escape(token: str | int) -> str:
    return str(token).replace("~", "~0").replace("/", "~1")


def unescape(token: str) -> str:
    return token.replace("~1", "/").replace("~0", "~")


def join(parts: Iterable[str | int]) -> str:
    """``("paths", "/call", "get")`` -> ``"#/paths/~1call/get"``."""
    return "#" + "".join("/" + escape(part) for part in parts)


def split(pointer: str) -> list[str]:
    """``"#/paths/~1call"`` -> ``["paths", "/call"]``; the inverse of :func:`join`."""
    body = pointer[1:] if pointer.startswith("#") else pointer
    if not body:
        return []
    if not body.startswith("/"):
        raise ValueError(f"not a JSON pointer: {pointer!r}")
    return [unescape(token) for token in body[1:].split("/")]
