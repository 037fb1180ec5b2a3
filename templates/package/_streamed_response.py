"""``with_streaming_response``: the response handed over before its body is read.

``with client.<resource>.with_streaming_response.<method>(...) as response:`` gives a
:class:`StreamedAPIResponse` (:class:`AsyncStreamedAPIResponse` with ``async with``) as soon as the
status and headers are in: iterate the body (``iter_bytes``, ``iter_text``, ``iter_lines``), write
it to a file, or ``parse()`` it; the connection is closed when the block ends. Failures (statuses,
retries) are decided as for any call, before the block starts.
"""

from __future__ import annotations

import contextvars
import functools
import os
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from types import TracebackType
from typing import Any, Generic, ParamSpec, TypeVar

import httpx

from ._response import APIResponse, _raw_response
from ._streaming import connection_error

__all__ = [
    "AsyncStreamedAPIResponse",
    "AsyncStreamedResponseContextManager",
    "StreamedAPIResponse",
    "StreamedResponseContextManager",
    "async_to_streamed_response_wrapper",
    "to_streamed_response_wrapper",
]

T = TypeVar("T")
C = TypeVar("C", bytes, str)
P = ParamSpec("P")

_streamed_response: contextvars.ContextVar[bool] = contextvars.ContextVar(
    "_streamed_response", default=False
)


def streamed_response_requested() -> bool:
    """True inside a ``with_streaming_response`` call: the client leaves the body unread."""
    return _streamed_response.get()


class StreamedAPIResponse(APIResponse[T]):
    """A successful response whose body has not been read yet (sync client)."""

    def read(self) -> bytes:
        """The whole body (read now, if it was not)."""
        try:
            return self.http_response.read()
        except httpx.TransportError as exc:
            raise connection_error(self.http_response, exc) from exc

    def iter_bytes(self, chunk_size: int | None = None) -> Iterator[bytes]:
        """The body as it arrives, decoded from its ``Content-Encoding``."""
        return self._guarded(self.http_response.iter_bytes(chunk_size))

    def iter_text(self, chunk_size: int | None = None) -> Iterator[str]:
        return self._guarded(self.http_response.iter_text(chunk_size))

    def iter_lines(self) -> Iterator[str]:
        return self._guarded(self.http_response.iter_lines())

    def write_to_file(self, file: str | os.PathLike[str]) -> None:
        """Write the body to ``file`` chunk by chunk, never holding all of it in memory."""
        with open(file, "wb") as out:
            for chunk in self.iter_bytes():
                out.write(chunk)

    def _guarded(self, chunks: Iterator[C]) -> Iterator[C]:
        try:
            yield from chunks
        except httpx.TransportError as exc:
            raise connection_error(self.http_response, exc) from exc

    def parse(self) -> T:
        """What the method returns; the body is read first, except for an event stream."""
        if self._kind != "events":
            self.read()
        return super().parse()

    def close(self) -> None:
        self.http_response.close()


class AsyncStreamedAPIResponse(APIResponse[T]):
    """A successful response whose body has not been read yet (async client)."""

    async def read(self) -> bytes:
        """The whole body (read now, if it was not)."""
        try:
            return await self.http_response.aread()
        except httpx.TransportError as exc:
            raise connection_error(self.http_response, exc) from exc

    def iter_bytes(self, chunk_size: int | None = None) -> AsyncIterator[bytes]:
        """The body as it arrives, decoded from its ``Content-Encoding``."""
        return self._guarded(self.http_response.aiter_bytes(chunk_size))

    def iter_text(self, chunk_size: int | None = None) -> AsyncIterator[str]:
        return self._guarded(self.http_response.aiter_text(chunk_size))

    def iter_lines(self) -> AsyncIterator[str]:
        return self._guarded(self.http_response.aiter_lines())

    async def write_to_file(self, file: str | os.PathLike[str]) -> None:
        """Write the body to ``file`` chunk by chunk, never holding all of it in memory."""
        with open(file, "wb") as out:
            async for chunk in self.iter_bytes():
                out.write(chunk)

    async def _guarded(self, chunks: AsyncIterator[C]) -> AsyncIterator[C]:
        try:
            async for chunk in chunks:
                yield chunk
        except httpx.TransportError as exc:
            raise connection_error(self.http_response, exc) from exc

    async def parse(self) -> T:  # type: ignore[override]
        """What the method returns; the body is read first, except for an event stream."""
        if self._kind != "events":
            await self.read()
        return super().parse()

    async def close(self) -> None:
        await self.http_response.aclose()


R = TypeVar("R", bound=APIResponse[Any])


class StreamedResponseContextManager(Generic[R]):
    """Makes the call on ``with``, closes the response when the block ends."""

    def __init__(self, call: Callable[[], object]) -> None:
        self._call = call
        self._response: R | None = None

    def __enter__(self) -> R:
        raw, streamed = _raw_response.set(True), _streamed_response.set(True)
        try:
            self._response = self._call()  # type: ignore[assignment]
        finally:
            _streamed_response.reset(streamed)
            _raw_response.reset(raw)
        assert self._response is not None
        return self._response

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if self._response is not None:
            self._response.http_response.close()


class AsyncStreamedResponseContextManager(Generic[R]):
    """Makes the call on ``async with``, closes the response when the block ends."""

    def __init__(self, call: Callable[[], Awaitable[object]]) -> None:
        self._call = call
        self._response: R | None = None

    async def __aenter__(self) -> R:
        raw, streamed = _raw_response.set(True), _streamed_response.set(True)
        try:
            self._response = await self._call()  # type: ignore[assignment]
        finally:
            _streamed_response.reset(streamed)
            _raw_response.reset(raw)
        assert self._response is not None
        return self._response

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if self._response is not None:
            await self._response.http_response.aclose()


def to_streamed_response_wrapper(
    func: Callable[P, T],
) -> Callable[P, StreamedResponseContextManager[StreamedAPIResponse[T]]]:
    """``func``, as a context manager over its unread :class:`StreamedAPIResponse`."""

    @functools.wraps(func)
    def wrapped(
        *args: P.args, **kwargs: P.kwargs
    ) -> StreamedResponseContextManager[StreamedAPIResponse[T]]:
        return StreamedResponseContextManager(functools.partial(func, *args, **kwargs))

    return wrapped


def async_to_streamed_response_wrapper(
    func: Callable[P, Awaitable[T]],
) -> Callable[P, AsyncStreamedResponseContextManager[AsyncStreamedAPIResponse[T]]]:
    """``func``, as an async context manager over its unread :class:`AsyncStreamedAPIResponse`."""

    @functools.wraps(func)
    def wrapped(
        *args: P.args, **kwargs: P.kwargs
    ) -> AsyncStreamedResponseContextManager[AsyncStreamedAPIResponse[T]]:
        return AsyncStreamedResponseContextManager(functools.partial(func, *args, **kwargs))

    return wrapped
