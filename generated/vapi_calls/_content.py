"""Bodies that are not JSON: binary files (:class:`BinaryResponse`), text, and event streams.

:func:`parse_content` is what ``APIResponse.parse()`` does for them: the operation's response
kind (from the spec's media types) says which.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING, Any, get_args, get_origin

import httpx

if TYPE_CHECKING:
    from ._response import APIResponse

__all__ = ["BinaryResponse"]


class BinaryResponse:
    """A binary body (a file, an image, audio...), read into memory.

    For a body too large for memory, use ``with_streaming_response``: it hands over the
    response before its body is read, to iterate or write to a file chunk by chunk.
    """

    def __init__(self, response: httpx.Response) -> None:
        self.response = response

    @property
    def content(self) -> bytes:
        """The whole body."""
        return self.response.content

    @property
    def content_type(self) -> str | None:
        """The ``Content-Type`` the server sent (e.g. ``audio/wav``)."""
        value: str | None = self.response.headers.get("content-type")
        return value

    @property
    def headers(self) -> httpx.Headers:
        return self.response.headers

    @property
    def status_code(self) -> int:
        return self.response.status_code

    def read(self) -> bytes:
        return self.response.content

    def iter_bytes(self, chunk_size: int | None = None) -> Iterator[bytes]:
        """The body in chunks of ``chunk_size`` bytes (the last may be shorter)."""
        return self.response.iter_bytes(chunk_size)

    def write_to_file(self, file: str | os.PathLike[str]) -> None:
        """Write the body to ``file`` (created or truncated)."""
        with open(file, "wb") as out:
            for chunk in self.response.iter_bytes():
                out.write(chunk)

    def __repr__(self) -> str:
        return f"<BinaryResponse [{self.status_code}] {self.content_type or 'no content type'}, {len(self.content)} bytes>"


def parse_content(
    response: APIResponse[Any], kind: str, event_types: Mapping[str, Any] | None
) -> Any:
    """A non-JSON body as its method returns it: ``str``, :class:`BinaryResponse`, or a stream
    (``Stream[T]`` or ``AsyncStream[T]``: the type the method asked for names the class)."""
    if kind == "text":
        return response.http_response.text
    if kind == "binary":
        return BinaryResponse(response.http_response)
    if kind == "events":
        stream_class: Any = get_origin(response._cast_to)
        (item_type,) = get_args(response._cast_to)

        listed, report = response._mismatches, response._on_mismatch

        def found(mismatches: list[Any]) -> None:  # as for a JSON body: listed, and reported
            listed.extend(mismatches)  # (not through `response`: the stream must not hold it)
            if report is not None:
                report(mismatches)

        stream = stream_class(
            item_type,
            response.http_response,
            by_event=event_types,
            strict=response._strict,
            on_mismatch=found,
        )
        response._hand_over()  # the stream owns the connection now
        return stream
    raise ValueError(f"unknown response kind {kind!r}")
