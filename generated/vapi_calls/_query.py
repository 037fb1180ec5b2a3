"""Query strings and paths: how Python values are written on the wire."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime, timezone
from enum import Enum
from typing import Any
from urllib.parse import quote

from ._exceptions import ArgumentError
from ._sentinels import NotGiven

__all__ = ["encode_query", "format_path", "json_data", "to_wire"]


def to_wire(value: object) -> str:
    """One value as text: ISO 8601 for dates (naive datetimes are taken as UTC), ``true``/``false``."""
    if isinstance(value, Enum):
        value = value.value
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, datetime):
        if value.tzinfo is None:
            value = value.replace(tzinfo=timezone.utc)
        text = value.isoformat()
        return text[: -len("+00:00")] + "Z" if text.endswith("+00:00") else text
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def encode_query(params: Mapping[str, object]) -> list[tuple[str, str | int | float | bool | None]]:
    """Query pairs, leaving out arguments not given (``NOT_GIVEN``) and ``None`` (a query string
    has no null); a list repeats its key (``form``, exploded)."""
    pairs: list[tuple[str, str | int | float | bool | None]] = []
    for key, value in params.items():
        if value is None or isinstance(value, NotGiven):
            continue
        if isinstance(value, (list, tuple)):
            pairs.extend((key, to_wire(item)) for item in value if item is not None)
        else:
            pairs.append((key, to_wire(value)))
    return pairs


def format_path(template: str, values: Mapping[str, object]) -> str:
    """Fill ``{name}`` placeholders, percent-encoding each value so it cannot change the path."""
    for name, value in values.items():
        text = to_wire(value)
        if not text:
            raise ArgumentError(f"Expected a non-empty value for `{name}` but received {value!r}")
        # A dot segment, even percent-encoded, is resolved away by URL normalization.
        if text in (".", ".."):
            raise ArgumentError(
                f"Expected a value for `{name}` other than {text!r}, which would change the path"
            )
        template = template.replace("{" + name + "}", quote(text, safe=""))
    return template


def json_data(value: object) -> Any:
    """``value`` as JSON-ready data: models by their wire names, dates as ISO 8601, and
    arguments that were not given (the ``NotGiven`` sentinel) left out of objects."""
    model_dump = getattr(value, "model_dump", None)
    if callable(model_dump):  # a pydantic model (checked by duck type: no pydantic import here)
        return model_dump(mode="json", by_alias=True, exclude_unset=True)
    if isinstance(value, Mapping):
        return {str(k): json_data(v) for k, v in value.items() if not isinstance(v, NotGiven)}
    if isinstance(value, (list, tuple)):
        return [json_data(item) for item in value]
    if isinstance(value, (datetime, date, Enum)):
        return to_wire(value)
    return value
