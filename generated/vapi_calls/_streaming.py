"""Server-sent events: the decoder, and :class:`Stream` / :class:`AsyncStream` of typed events.

The decoder follows the WHATWG HTML "Server-sent events" section: lines end in LF, CR or CRLF
(also when a CRLF is split between two reads), ``data:`` lines of one event are joined with
``\n``, a line starting with ``:`` is a comment, one space after the colon is dropped, ``id:``
(without NUL) and ``retry:`` (digits only) are kept, a blank line dispatches, and an event the
stream ends in the middle of is dropped. It splits lines on bytes, so a read that ends inside a
UTF-8 sequence is harmless: a line is decoded only once it is complete.
"""

from __future__ import annotations

import json
from collections.abc import AsyncGenerator, AsyncIterator, Callable, Generator, Iterator, Mapping
from types import TracebackType
from typing import Any, Generic, TypeVar

import httpx

from ._exceptions import (
    APIConnectionError,
    APIResponseValidationError,
    APIStreamError,
    APITimeoutError,
)
from ._release import close_when_dropped

__all__ = ["AsyncStream", "ServerSentEvent", "SSEDecoder", "Stream"]

T = TypeVar("T")

DONE = "[DONE]"
"""The data of the event that ends a stream (as AI APIs send it)."""


class ServerSentEvent:
    """One event: ``event`` (``"message"`` when the server named none), ``data``, ``id``, ``retry``."""

    __slots__ = ("event", "data", "id", "retry")

    def __init__(self, event: str | None, data: str, id: str | None, retry: int | None) -> None:
        self.event = event or "message"
        self.data = data
        self.id = id
        """The last event ID the stream set (it carries over to later events, as the spec says)."""
        self.retry = retry
        """The reconnection time in milliseconds, when the server set one."""

    def json(self) -> Any:
        return json.loads(self.data)

    def __repr__(self) -> str:
        return f"ServerSentEvent(event={self.event!r}, data={self.data!r}, id={self.id!r}, retry={self.retry!r})"


class SSEDecoder:
    """Bytes in, in chunks of any size; complete events out."""

    def __init__(self) -> None:
        self._pending = b""  # the start of a line whose end has not arrived
        self._after_cr = (
            False  # the last chunk ended in CR: an LF starting the next one is the same line end
        )
        self._started = False
        self._event: str | None = None
        self._data: list[str] = []
        self._id: str | None = None
        self._retry: int | None = None

    def feed(self, chunk: bytes) -> list[ServerSentEvent]:
        """The events that ``chunk`` completes."""
        if self._after_cr and chunk[:1] == b"\n":
            chunk = chunk[1:]
        self._after_cr = False
        text = self._pending + chunk if self._pending else chunk
        if b"\r" in text:
            self._after_cr = text.endswith(b"\r")
            text = text.replace(b"\r\n", b"\n").replace(b"\r", b"\n")
        lines = text.split(b"\n")
        self._pending = lines.pop()
        if not self._started and lines:
            self._started = True
            lines[0] = lines[0].removeprefix(
                b"\xef\xbb\xbf"
            )  # a byte order mark before the first line
        events: list[ServerSentEvent] = []
        data = self._data
        for line in lines:
            if (
                line[:6] == b"data: "
            ):  # the common case first: this loop runs once per line of the stream
                data.append(line[6:].decode("utf-8", "replace"))
                continue
            if not line:
                if data:
                    events.append(
                        ServerSentEvent(
                            self._event,
                            data[0] if len(data) == 1 else "\n".join(data),
                            self._id,
                            self._retry,
                        )
                    )
                    data = self._data = []
                self._event = None
                continue
            name, colon, value = line.partition(b":")
            if not name and colon:
                continue  # a comment
            if value[:1] == b" ":
                value = value[1:]
            if name == b"data":
                data.append(value.decode("utf-8", "replace"))
            elif name == b"event":
                self._event = value.decode("utf-8", "replace")
            elif name == b"id":
                if b"\0" not in value:
                    self._id = value.decode("utf-8", "replace")
            elif name == b"retry":
                if value.isdigit():
                    self._retry = int(value)
        return events


OnMismatch = Callable[[list[Any]], None]
"""Told of the places where an item did not match the spec (``ResponseMismatch`` entries)."""


def _item_parser(
    item_type: Any,
    by_event: Mapping[str, Any],
    strict: bool,
    on_mismatch: OnMismatch | None,
    response: httpx.Response,
) -> Callable[[ServerSentEvent], Any]:
    """What turns an event's data into its item: the model of the event's name when the spec
    gives one, else the stream's type (``str``: the data as sent; ``Any``: the JSON, decoded).
    Unless ``strict``, an item that does not match the spec is kept as the JSON body of a
    response would be (typed where it fits, as sent where not; ``on_mismatch`` hears where).
    Everything is looked up once per stream: this runs for every event."""
    from pydantic import ValidationError

    from ._response import _adapter

    def as_type(target: Any) -> Callable[[str], Any]:
        if target is str:
            return str
        if target is Any or target is object:
            return json.loads
        validate = _adapter(target).validate_json
        if strict:
            return validate

        def leniently(data: str) -> Any:
            try:
                return validate(data)
            except ValidationError as exc:
                if exc.errors(include_url=False)[0]["type"] == "json_invalid":
                    raise
            from ._lenient import parse_leniently

            value, mismatches = parse_leniently(target, json.loads(data))
            if on_mismatch is not None:
                on_mismatch(mismatches)
            return value

        return leniently

    default = as_type(item_type)
    parsers = {name: as_type(target) for name, target in by_event.items()}

    def parse(sse: ServerSentEvent) -> Any:
        try:
            return (parsers.get(sse.event, default) if parsers else default)(sse.data)
        except ValidationError as exc:
            problems = exc.errors(include_url=False, include_input=False, include_context=False)
            where = "; ".join(
                f"{'.'.join(str(p) for p in problem['loc']) or '(data)'}: {problem['msg']}"
                for problem in problems[:3]
            )
            raise APIResponseValidationError(
                f"A {sse.event!r} event of the stream does not match the spec: {where}",
                response=response,
            ) from None
        except ValueError:  # not JSON, for a stream typed Any
            raise APIResponseValidationError(
                f"A {sse.event!r} event of the stream is not JSON", response=response
            ) from None

    return parse


def connection_error(response: httpx.Response, error: httpx.TransportError) -> APIConnectionError:
    """A body that stops arriving, as the client's own exception (never a raw httpx one)."""
    if isinstance(error, httpx.TimeoutException):
        return APITimeoutError(request=response.request)
    return APIConnectionError(
        "The connection broke off while the body was being read.", request=response.request
    )


def _error(response: httpx.Response, sse: ServerSentEvent) -> APIStreamError:
    """An ``error`` event, as the exception the stream raises."""
    try:
        body: Any = json.loads(sse.data)
    except ValueError:
        body = sse.data
    detail = body
    if isinstance(detail, dict):
        detail = detail.get("error", detail)
        if isinstance(detail, dict):
            detail = detail.get("message", "")
    message = (
        f"The stream sent an error event: {detail}"
        if isinstance(detail, str) and detail
        else "The stream sent an error event."
    )
    return APIStreamError(message[:1000], response=response, body=body, event=sse)


def _events(response: httpx.Response) -> Generator[ServerSentEvent, None, None]:
    """The body's events as they arrive; the response is closed when they end or are left."""
    decoder = SSEDecoder()
    try:
        for chunk in response.iter_bytes():
            yield from decoder.feed(chunk)
    except httpx.TransportError as exc:
        raise connection_error(response, exc) from exc
    finally:
        response.close()


async def _aevents(response: httpx.Response) -> AsyncGenerator[ServerSentEvent, None]:
    """:func:`_events`, for the async client."""
    decoder = SSEDecoder()
    try:
        async for chunk in response.aiter_bytes():
            for sse in decoder.feed(chunk):
                yield sse
    except httpx.TransportError as exc:
        raise connection_error(response, exc) from exc
    finally:
        await response.aclose()


def _items(
    response: httpx.Response,
    item_type: Any,
    by_event: Mapping[str, Any],
    strict: bool,
    on_mismatch: OnMismatch | None,
) -> Generator[Any, None, None]:
    """The typed items. Module-level, so that the generator refers to the response and not to
    its :class:`Stream`, which is then freed (and its finaliser run) as soon as it is dropped."""
    parse = _item_parser(item_type, by_event, strict, on_mismatch, response)
    events = _events(response)
    try:
        for sse in events:
            if sse.data == DONE:
                break
            if sse.event == "error":
                raise _error(response, sse)
            yield parse(sse)
    finally:
        events.close()
        response.close()


async def _aitems(
    response: httpx.Response,
    item_type: Any,
    by_event: Mapping[str, Any],
    strict: bool,
    on_mismatch: OnMismatch | None,
) -> AsyncGenerator[Any, None]:
    """:func:`_items`, for the async client."""
    parse = _item_parser(item_type, by_event, strict, on_mismatch, response)
    events = _aevents(response)
    try:
        async for sse in events:
            if sse.data == DONE:
                break
            if sse.event == "error":
                raise _error(response, sse)
            yield parse(sse)
    finally:
        await events.aclose()
        await response.aclose()


class Stream(Generic[T]):
    """The events of a ``text/event-stream`` response, each parsed into ``T``, as they arrive.

    Iterate it once. Leaving the ``for`` loop early (``break``, ``return``, an exception)
    closes the connection, and so does dropping the stream; ``with`` (or :meth:`close`) closes
    it at a point of your choosing. ``next(stream)`` reads on without closing. It ends at the
    end of the body or at a ``data: [DONE]`` event; an ``error`` event raises
    :class:`APIStreamError`. An item that does not match the spec is kept (typed where it
    fits, as sent where not, the place logged once), or raises
    :class:`APIResponseValidationError` with ``strict_response_validation=True``.
    """

    def __init__(
        self,
        item_type: Any,
        response: httpx.Response,
        *,
        by_event: Mapping[str, Any] | None = None,
        strict: bool = True,
        on_mismatch: OnMismatch | None = None,
    ) -> None:
        self.response = response
        self._iterator = _items(response, item_type, by_event or {}, strict, on_mismatch)
        close_when_dropped(self, response)

    def __iter__(self) -> Iterator[T]:
        """The items; leaving the loop before the end closes the stream (this generator is
        finalised as the loop lets go of it, at once)."""
        try:
            yield from self._iterator
        finally:
            self.close()

    def __next__(self) -> T:
        return next(self._iterator)  # type: ignore[no-any-return]

    def events(self) -> Generator[ServerSentEvent, None, None]:
        """The raw events (with ``event``, ``id``, ``retry``), for what the typed items leave
        out; leaving the loop early closes the stream too."""
        return _events(self.response)

    def close(self) -> None:
        """Close the connection (also done at the end of the stream). Reading on gives nothing."""
        self.response.close()
        try:
            self._iterator.close()
        except ValueError:  # being read in another thread: the closed response ends that read
            pass

    def __enter__(self) -> Stream[T]:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()


class AsyncStream(Generic[T]):
    """:class:`Stream`, for the async client: ``async for`` and ``async with``.

    Leaving the loop early or dropping the stream closes the connection on the event loop's
    next turns (an ``await`` cannot run where the loop is left); ``async with`` closes it as
    the block ends.
    """

    def __init__(
        self,
        item_type: Any,
        response: httpx.Response,
        *,
        by_event: Mapping[str, Any] | None = None,
        strict: bool = True,
        on_mismatch: OnMismatch | None = None,
    ) -> None:
        self.response = response
        self._iterator = _aitems(response, item_type, by_event or {}, strict, on_mismatch)
        close_when_dropped(self, response)

    def __aiter__(self) -> AsyncIterator[T]:
        return self._iterate()

    async def _iterate(self) -> AsyncGenerator[T, None]:
        """The items; left early, this generator is finalised by the event loop (asyncio and
        trio both do), and closes the stream."""
        try:
            async for item in self._iterator:
                yield item
        finally:
            await self.close()

    async def __anext__(self) -> T:
        return await self._iterator.__anext__()  # type: ignore[no-any-return]

    def events(self) -> AsyncGenerator[ServerSentEvent, None]:
        """The raw events (with ``event``, ``id``, ``retry``), for what the typed items leave out."""
        return _aevents(self.response)

    async def close(self) -> None:
        """Close the connection (also done at the end of the stream). Reading on gives nothing."""
        await self.response.aclose()
        try:
            await self._iterator.aclose()
        except RuntimeError:  # being read by another task: the closed response ends that read
            pass

    async def __aenter__(self) -> AsyncStream[T]:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.close()
