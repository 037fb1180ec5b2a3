"""Request bodies that are not JSON: forms, multipart uploads, text and raw bytes.

A resource method describes its body with one of these; :meth:`RequestBody.encode` turns it
into headers and httpx's request arguments, anew for each attempt (so a retried upload sends
its files again from the start). Arguments that were left out (``NOT_GIVEN``) are not sent.
"""

from __future__ import annotations

import json
import os
from collections.abc import Mapping
from typing import Any

from ._files import FileStream, is_file, is_replayable, to_httpx_file
from ._query import Styled, encode_pairs, json_data, style_pairs, to_wire
from ._sentinels import NOT_GIVEN, NotGiven

__all__ = ["BinaryBody", "FormBody", "MultipartBody", "RequestBody", "TextBody", "optional_body"]


class RequestBody:
    """A body with its media type; the base client sends what :meth:`encode` returns."""

    media_type: str

    @property
    def replayable(self) -> bool:
        """Whether the body can be sent again for a retry (not when a file argument is a pipe)."""
        return True

    def encode(self) -> tuple[dict[str, str], dict[str, Any]]:
        """``(headers, keyword arguments of httpx.Request)`` for one attempt."""
        raise NotImplementedError


def _given(fields: Mapping[str, object]) -> dict[str, object]:
    return {
        name: value
        for name, value in fields.items()
        if value is not None and not isinstance(value, NotGiven)
    }


def optional_body(fields: Mapping[str, object]) -> Mapping[str, object] | NotGiven:
    """The fields of a body the spec does not require, or ``NOT_GIVEN`` (no body at all) when
    none of them was given: an empty object could break the body's own required properties."""
    if all(isinstance(value, NotGiven) for value in fields.values()):
        return NOT_GIVEN
    return fields


class FormBody(RequestBody):
    """``application/x-www-form-urlencoded``: fields as ``name=value`` pairs, written by each
    field's style (see ``_query``: exploded ``form`` by default, ``deepObject`` brackets)."""

    def __init__(
        self,
        fields: Mapping[str, object] | NotGiven,
        media_type: str = "application/x-www-form-urlencoded",
    ) -> None:
        self.fields = fields
        self.media_type = media_type

    def encode(self) -> tuple[dict[str, str], dict[str, Any]]:
        if isinstance(self.fields, NotGiven):  # an optional body that was left out
            return {}, {}
        return {"Content-Type": self.media_type}, {
            "content": encode_pairs(self.fields, form_body=True).encode("ascii")
        }


def _json_bytes(value: object) -> bytes:
    return json.dumps(json_data(value), ensure_ascii=False, allow_nan=False).encode("utf-8")


def _is_json_type(media_type: str) -> bool:
    essence = media_type.split(";", 1)[0].strip().lower()
    return essence == "application/json" or essence.endswith("+json")


_Part = tuple[str, tuple[Any, ...]]


class MultipartBody(RequestBody):
    """``multipart/form-data`` (RFC 7578): one part per field, files streamed from disk.

    A file argument (see ``_files``) becomes a file part with a filename; each item of a list
    is a part of its own (arrays of files, repeated fields); an object, or a field whose
    ``encoding.contentType`` is JSON, is one ``application/json`` part; other values are text.
    """

    def __init__(
        self,
        fields: Mapping[str, object] | NotGiven,
        content_types: Mapping[str, str] | None = None,
        media_type: str = "multipart/form-data",
    ) -> None:
        self.fields = fields
        self.content_types = content_types or {}
        self.media_type = media_type

    @property
    def replayable(self) -> bool:
        if isinstance(self.fields, NotGiven):
            return True
        values = [
            v
            for value in self.fields.values()
            for v in (value if isinstance(value, list) else [value])
        ]
        return all(is_replayable(v) for v in values if is_file(v))

    def encode(self) -> tuple[dict[str, str], dict[str, Any]]:
        if isinstance(self.fields, NotGiven):
            return {}, {}
        parts: list[_Part] = []
        for name, value in _given(self.fields).items():
            content_type = self.content_types.get(name)
            if content_type is not None and _is_json_type(content_type) and not is_file(value):
                parts.append((name, (None, _json_bytes(value), content_type)))
            elif isinstance(value, Styled):
                for key, values, delimiter in style_pairs(name, value):
                    parts.append((key, (None, delimiter.join(values).encode("utf-8"))))
            elif isinstance(value, (list, tuple)) and not is_file(value):
                parts.extend(
                    self._part(name, item, content_type) for item in value if item is not None
                )
            else:
                parts.append(self._part(name, value, content_type))
        if not parts:  # httpx sends no body at all for an empty list of parts
            boundary = os.urandom(16).hex()
            return {"Content-Type": f"multipart/form-data; boundary={boundary}"}, {
                "content": f"--{boundary}--\r\n".encode()
            }
        return {}, {"files": parts}

    @staticmethod
    def _part(name: str, value: object, content_type: str | None) -> _Part:
        if is_file(value):
            filename, content, given_type = to_httpx_file(value)
            return name, (filename, content, given_type or content_type)
        if isinstance(value, (dict, list)) or callable(getattr(value, "model_dump", None)):
            return name, (None, _json_bytes(value), "application/json")
        text = to_wire(value).encode("utf-8")
        return (name, (None, text, content_type)) if content_type else (name, (None, text))


class TextBody(RequestBody):
    """A ``str`` body (``text/*``, XML, SDP, ...), sent as UTF-8."""

    def __init__(self, text: str | NotGiven, media_type: str = "text/plain") -> None:
        self.text = text
        self.media_type = media_type

    def encode(self) -> tuple[dict[str, str], dict[str, Any]]:
        if isinstance(self.text, NotGiven):
            return {}, {}
        media_type = self.media_type
        if media_type.lower().startswith("text/") and "charset" not in media_type.lower():
            media_type += "; charset=utf-8"
        return {"Content-Type": media_type}, {"content": self.text.encode("utf-8")}


class BinaryBody(RequestBody):
    """A whole body of bytes (``application/octet-stream``, ``image/png``, ...) from a file
    argument, streamed from disk; a ``(filename, content, content_type)`` tuple sets the type."""

    def __init__(self, content: object, media_type: str = "application/octet-stream") -> None:
        self.content = content
        self.media_type = media_type

    @property
    def replayable(self) -> bool:
        return isinstance(self.content, NotGiven) or is_replayable(self.content)

    def encode(self) -> tuple[dict[str, str], dict[str, Any]]:
        if isinstance(self.content, NotGiven):
            return {}, {}
        media_type = self.media_type
        if isinstance(self.content, tuple) and len(self.content) == 3 and self.content[2]:
            media_type = self.content[2]
        stream = FileStream(self.content)
        headers = {"Content-Type": media_type}
        length = stream.length
        if length is not None:
            headers["Content-Length"] = str(length)
        else:
            headers["Transfer-Encoding"] = "chunked"
        return headers, {"stream": stream}
