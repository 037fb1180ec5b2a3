"""Which declared parameters a client does not send, by OpenAPI's rule (shared by the stage that
hoists parameter schemas into models and the one that makes them arguments)."""

from __future__ import annotations

from typing import Any


def is_ignored(location: str, wire_name: str) -> bool:
    """A header parameter named ``Content-Type``, which OpenAPI says to ignore: the request
    body's media type is the Content-Type sent (a caller's value would replace a multipart
    boundary, or contradict the body). ``Accept`` and ``Authorization``, which OpenAPI ignores
    too, stay arguments: the client's own ``Accept`` (the spec's response media types) is sent
    unless one is given, and a spec may have no other way to pass its credential."""
    return location == "header" and wire_name.lower() == "content-type"


def is_ignored_parameter(param: Any) -> bool:
    """:func:`is_ignored` for a parameter object (already dereferenced)."""
    return isinstance(param, dict) and is_ignored(str(param.get("in")), str(param.get("name")))
