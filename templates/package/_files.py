"""File arguments: what a caller may pass where the spec has a file, and how it is read.

A file argument accepts ``bytes``, a binary file object, a :class:`pathlib.Path` (any
``os.PathLike``), or a tuple ``(filename, content)`` / ``(filename, content, content_type)``
whose content is one of those. Files on disk are read in chunks while the request is sent,
never into memory first; a path is opened when its upload starts (again on a retry) and
closed at its end.
"""

from __future__ import annotations

import io
import os
import stat
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import IO, Union, cast

import httpx

__all__ = [
    "FileContent",
    "FileStream",
    "FileTypes",
    "file_length",
    "is_file",
    "is_replayable",
    "to_httpx_file",
]

FileContent = Union[bytes, IO[bytes], "os.PathLike[str]"]
"""The bytes of a file: in memory, a binary file object, or a path on disk."""

FileTypes = Union[
    FileContent,
    tuple[Union[str, None], FileContent],
    tuple[Union[str, None], FileContent, Union[str, None]],
]
"""A file argument: its content, or ``(filename, content[, content_type])``."""

CHUNK_SIZE = 64 * 1024


def is_file(value: object) -> bool:
    """Whether ``value`` is a file argument (and not a form field's text or number)."""
    if isinstance(value, tuple):
        return (
            len(value) in (2, 3)
            and (value[0] is None or isinstance(value[0], str))
            and _is_content(value[1])
        )
    return _is_content(value)


def _is_content(value: object) -> bool:
    return isinstance(value, (bytes, bytearray, memoryview, os.PathLike, io.IOBase)) or callable(
        getattr(value, "read", None)
    )


def is_replayable(value: object) -> bool:
    """Whether a file argument can be sent again from its start (a retry): bytes, paths and
    seekable file objects can; a pipe or a socket cannot."""
    content = value[1] if isinstance(value, tuple) else value
    return isinstance(content, (bytes, bytearray, memoryview, os.PathLike)) or _is_seekable(content)


def to_httpx_file(value: object) -> tuple[str | None, bytes | IO[bytes], str | None]:
    """``(filename, content, content_type)`` as httpx's multipart encoder takes it.

    A path becomes a file opened lazily (see :class:`_PathFile`); a file without a given
    name is named after its path (``upload`` when it has none): servers commonly need one.
    """
    filename: str | None
    content_type: str | None = None
    if isinstance(value, tuple):
        filename, content = value[0], value[1]
        if len(value) == 3:
            content_type = value[2]
    else:
        content = value
        name = getattr(value, "name", None)
        if isinstance(value, os.PathLike):
            name = os.fspath(value)
        filename = Path(name).name if isinstance(name, str) and name else "upload"
    return filename, _content(content), content_type


def _content(content: object) -> bytes | IO[bytes]:
    if isinstance(content, (bytearray, memoryview)):
        return bytes(content)
    if isinstance(content, os.PathLike):
        return cast("IO[bytes]", _PathFile(os.fspath(content)))
    if isinstance(content, bytes):
        return content
    if callable(getattr(content, "read", None)):
        if _is_regular_file(content) or (_is_seekable(content) and not _has_descriptor(content)):
            return content  # type: ignore[return-value]  # a file on disk, or in memory (BytesIO)
        return cast("IO[bytes]", _Unsized(content))  # a pipe, a socket: size unknown, sent chunked
    raise TypeError(
        f"Expected bytes, a binary file object or a path for a file, not {type(content).__name__}"
    )


def _is_regular_file(content: object) -> bool:
    try:
        return stat.S_ISREG(os.fstat(content.fileno()).st_mode)  # type: ignore[attr-defined]
    except (AttributeError, OSError, ValueError):
        return False


def _is_seekable(content: object) -> bool:
    seekable = getattr(content, "seekable", None)
    return bool(seekable()) if callable(seekable) else False


def _has_descriptor(content: object) -> bool:
    try:
        content.fileno()  # type: ignore[attr-defined]
    except (AttributeError, OSError, ValueError):
        return False
    return True


class _Unsized:
    """A stream read as it comes, hiding ``fileno``/``seek`` so that nobody takes a pipe's
    ``st_size`` of 0 for its length (httpx then sends it with chunked transfer encoding)."""

    def __init__(self, stream: object) -> None:
        self._stream = stream
        self.name = getattr(stream, "name", None)

    def read(self, size: int = -1) -> bytes:
        return self._stream.read(size)  # type: ignore[attr-defined, no-any-return]


class _PathFile(io.RawIOBase):
    """A file on disk that opens on the first read and closes when it has been read to the end.

    httpx reads upload parts in chunks and seeks to the start before each send (a retry sends
    the file again); this opens the file only then, so building a request opens nothing.
    """

    def __init__(self, path: str) -> None:
        super().__init__()
        self.name = path
        self._file: IO[bytes] | None = None

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return True

    def _opened(self) -> IO[bytes]:
        if self._file is None:
            self._file = open(
                self.name, "rb"
            )  # noqa: SIM115 - closed at the end of the read, or by close()
        return self._file

    def read(self, size: int = -1) -> bytes:
        chunk = self._opened().read(size)
        if not chunk or size < 0:
            self._release()
        return chunk

    def readinto(self, buffer: bytearray | memoryview) -> int:  # type: ignore[override]
        data = self.read(len(buffer))
        buffer[: len(data)] = data
        return len(data)

    def seek(self, offset: int, whence: int = io.SEEK_SET) -> int:
        if whence == io.SEEK_END:  # httpx asks for the size this way: no need to open the file
            return os.stat(self.name).st_size + offset
        if self._file is None:
            if whence == io.SEEK_SET and offset == 0:
                return 0
        return self._opened().seek(offset, whence)

    def tell(self) -> int:
        return 0 if self._file is None else self._file.tell()

    def _release(self) -> None:
        if self._file is not None:
            self._file.close()
            self._file = None

    def close(self) -> None:
        self._release()
        super().close()


def file_length(file: IO[bytes]) -> int | None:
    """The size of a file object without reading it, or ``None`` (sent chunked)."""
    if _is_regular_file(file):
        return os.fstat(file.fileno()).st_size
    try:
        offset = file.tell()
        end = file.seek(0, io.SEEK_END)
        file.seek(offset)
        return end
    except (AttributeError, OSError, ValueError):
        return None


class FileStream(httpx.SyncByteStream, httpx.AsyncByteStream):
    """A whole request body from a file argument (``application/octet-stream`` and other
    binary media types), streamed in chunks by the sync and the async client alike."""

    def __init__(self, content: object) -> None:
        self._content = _content(content[1] if isinstance(content, tuple) else content)

    @property
    def length(self) -> int | None:
        if isinstance(self._content, bytes):
            return len(self._content)
        return file_length(self._content)

    def __iter__(self) -> Iterator[bytes]:
        if isinstance(self._content, bytes):
            yield self._content
            return
        file = self._content
        try:
            file.seek(0)
        except (AttributeError, OSError):
            pass  # not seekable: sent from where it stands
        while chunk := file.read(CHUNK_SIZE):
            yield chunk

    async def __aiter__(self) -> AsyncIterator[bytes]:
        for chunk in self:  # files on disk: reads block briefly, as httpx's multipart does
            yield chunk
