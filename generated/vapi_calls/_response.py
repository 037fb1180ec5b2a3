"""Responses: parsing a body into the spec's types, and ``with_raw_response``."""

from __future__ import annotations

import contextlib
import contextvars
import functools
import gc
import threading
from collections.abc import Awaitable, Callable, Iterator, Mapping
from datetime import timedelta
from typing import TYPE_CHECKING, Any, Generic, ParamSpec, TypeVar, cast

import httpx

from ._exceptions import APIResponseValidationError
from ._release import close_when_dropped

if TYPE_CHECKING:  # pydantic is imported on the first parse, so `import` of the package stays cheap
    import pydantic

    from ._lenient import ResponseMismatch

__all__ = [
    "APIResponse",
    "async_to_raw_response_wrapper",
    "to_raw_response_wrapper",
]

T = TypeVar("T")
P = ParamSpec("P")

_raw_response: contextvars.ContextVar[bool] = contextvars.ContextVar("_raw_response", default=False)


def raw_response_requested() -> bool:
    """True inside a ``with_raw_response`` call: the client returns the response unparsed."""
    return _raw_response.get()


_adapters: dict[Any, pydantic.TypeAdapter[Any]] = {}


def _adapter(cast_to: Any) -> pydantic.TypeAdapter[Any]:
    """One validator per response type, built on first use (so importing stays cheap)."""
    adapter = _adapters.get(cast_to)
    if adapter is None:
        from pydantic import TypeAdapter

        adapter = _adapters[cast_to] = TypeAdapter(cast_to)
    return adapter


def parse_json(cast_to: Any, content: bytes) -> Any:
    """``content`` validated into ``cast_to``; raises :class:`pydantic.ValidationError`."""
    with _garbage_collection_paused():
        return _adapter(cast_to).validate_json(content)


_gc_lock = threading.Lock()
_gc_pauses = 0
_gc_was_enabled = False


@contextlib.contextmanager
def _garbage_collection_paused() -> Iterator[None]:
    """Validating a large body creates millions of objects but no reference cycles, and
    CPython's cycle collector would still run full passes over the growing heap many times
    (about two thirds of the time of parsing 10,000 calls). So it pauses for the parse and is
    restored after; concurrent parses share one pause, and a collector the caller disabled
    stays disabled."""
    global _gc_pauses, _gc_was_enabled
    with _gc_lock:
        if _gc_pauses == 0:
            _gc_was_enabled = gc.isenabled()
            gc.disable()
        _gc_pauses += 1
    try:
        yield
    finally:
        with _gc_lock:
            _gc_pauses -= 1
            if _gc_pauses == 0 and _gc_was_enabled:
                gc.enable()


class APIResponse(Generic[T]):
    """A successful response, before parsing. ``parse()`` gives what the method returns."""

    def __init__(
        self,
        http_response: httpx.Response,
        cast_to: type[T],
        *,
        retries_taken: int,
        elapsed: float,
        kind: str = "json",
        event_types: Mapping[str, Any] | None = None,
        strict: bool = True,
        on_mismatch: Callable[[list[ResponseMismatch]], None] | None = None,
    ) -> None:
        self.http_response = http_response
        self.retries_taken = retries_taken
        """How many retries it took to get this response."""
        self.elapsed = timedelta(seconds=elapsed)
        """Time from sending the last attempt to reading its whole body."""
        self._cast_to = cast_to
        self._kind = kind  # "json", or a body _content.py reads: "text", "binary", "events"
        self._event_types = event_types
        self._parsed: T | None = None
        self._is_parsed = False
        self._strict = strict
        self._on_mismatch = on_mismatch
        self._mismatches: list[ResponseMismatch] = []
        self._release_on_drop = (
            close_when_dropped(self, http_response)
            if kind == "events" and not http_response.is_closed
            else None
        )  # a raw stream dropped before it is parsed into one still gives its connection back

    def _hand_over(self) -> None:
        """The object parsed from the unread body owns the connection from now on."""
        if self._release_on_drop is not None:
            self._release_on_drop.detach()
            self._release_on_drop = None

    @property
    def mismatches(self) -> list[ResponseMismatch]:
        """Where the body did not match the spec (parsing it first): empty when it matched.

        Only a lenient client (``strict_response_validation=False``) returns such a body; see
        :class:`ResponseMismatch` for what each entry says (never the values). For a stream,
        the places found in the items read so far."""
        self.parse()
        return list(self._mismatches)

    @property
    def status_code(self) -> int:
        return self.http_response.status_code

    @property
    def headers(self) -> httpx.Headers:
        return self.http_response.headers

    def __repr__(self) -> str:
        return f"<APIResponse [{self.status_code}] retries_taken={self.retries_taken}>"

    def parse(self) -> T:
        """The body validated into the operation's return type (cached)."""
        if not self._is_parsed:
            self._parsed = self._parse()
            self._is_parsed = True
        return cast(T, self._parsed)

    def _parse(self) -> T:
        response = self.http_response
        if self._cast_to is type(None):
            return None
        if self._kind != "json":
            from ._content import parse_content

            return cast(T, parse_content(self, self._kind, self._event_types))
        content_type = response.headers.get("content-type", "").split(";")[0].strip().lower()
        if not (content_type == "application/json" or content_type.endswith("+json")):
            raise APIResponseValidationError(
                f"Expected a JSON response, got content type {content_type or 'none'!r} "
                f"(status {response.status_code}, {len(response.content)} bytes)",
                response=response,
                retries_taken=self.retries_taken,
            )
        from pydantic import ValidationError

        from ._unions import known_variants_only

        try:
            with known_variants_only():
                return cast(T, parse_json(self._cast_to, response.content))
        except ValidationError as exc:
            if self._strict or exc.errors(include_url=False)[0]["type"] == "json_invalid":
                raise APIResponseValidationError(
                    _describe(exc, response), response=response, retries_taken=self.retries_taken
                ) from None
        return self._parse_leniently(response)

    def _parse_leniently(self, response: httpx.Response) -> T:
        """The body typed where it fits and kept where it does not (see ``_lenient.py``)."""
        import json

        from ._lenient import parse_leniently

        with _garbage_collection_paused():
            value, self._mismatches = parse_leniently(self._cast_to, json.loads(response.content))
        if self._on_mismatch is not None:
            self._on_mismatch(self._mismatches)
        return cast(T, value)


def _describe(error: pydantic.ValidationError, response: httpx.Response) -> str:
    """A short account of what did not match, without echoing the body's values (they may be secret)."""
    problems = error.errors(include_url=False, include_input=False, include_context=False)
    lines = [
        f"{'.'.join(str(part) for part in p['loc']) or '(body)'}: {p['msg']}" for p in problems[:5]
    ]
    more = f" (and {len(problems) - 5} more)" if len(problems) > 5 else ""
    return (
        f"The response body (status {response.status_code}) does not match the spec: "
        + "; ".join(lines)
        + more
    )


@contextlib.contextmanager
def raw_responses() -> Iterator[None]:
    """Within the block, the client's requests return their :class:`APIResponse` unparsed."""
    token = _raw_response.set(True)
    try:
        yield
    finally:
        _raw_response.reset(token)


def to_raw_response_wrapper(func: Callable[P, T]) -> Callable[P, APIResponse[T]]:
    """``func``, returning the :class:`APIResponse` instead of the parsed body."""

    @functools.wraps(func)
    def wrapped(*args: P.args, **kwargs: P.kwargs) -> APIResponse[T]:
        token = _raw_response.set(True)
        try:
            return cast(APIResponse[T], func(*args, **kwargs))
        finally:
            _raw_response.reset(token)

    return wrapped


def async_to_raw_response_wrapper(
    func: Callable[P, Awaitable[T]],
) -> Callable[P, Awaitable[APIResponse[T]]]:
    """``func``, returning the :class:`APIResponse` instead of the parsed body."""

    @functools.wraps(func)
    async def wrapped(*args: P.args, **kwargs: P.kwargs) -> APIResponse[T]:
        token = _raw_response.set(True)
        try:
            return cast(APIResponse[T], await func(*args, **kwargs))
        finally:
            _raw_response.reset(token)

    return wrapped
