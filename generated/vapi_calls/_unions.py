"""Tagged unions: the variant is chosen by one property, and an unknown tag has a home.

A union of the spec whose variants are told apart by one property (``provider``, ``type``:
a ``discriminator``, or a property every variant pins to one value) is a pydantic
discriminated union whose tag is read by :class:`TagOf`. So exactly one variant is
validated, never the wrong one, and ``isinstance`` tells which variant the server sent.

An object whose tag names no variant this client knows (a newer server's new provider)
becomes an :class:`UnknownVariant` that keeps every field. Inside a client call, the first,
fast validation treats such a tag as a mismatch (so strict mode raises and lenient mode
reports it, see ``_lenient.py``); elsewhere (``Model.model_validate(...)``) it is accepted.
"""

from __future__ import annotations

import contextlib
import contextvars
from collections.abc import Iterator, Mapping
from enum import Enum
from typing import Any

import pydantic

from ._models import BaseModel

__all__ = ["UNKNOWN_TAG", "TagOf", "UnknownVariant", "known_variants_only"]

UNKNOWN_TAG = "<unknown>"
"""The tag of the :class:`UnknownVariant` member of every tagged union."""

_known_only: contextvars.ContextVar[bool] = contextvars.ContextVar("_known_only", default=False)


class UnknownVariant(BaseModel):
    """A variant of a union that this version of the client does not know.

    Every field the server sent is kept, under its wire name: ``to_dict()``, ``model_extra``,
    or attribute access (``variant.provider``).
    """


class TagOf:
    """Reads the tag of a tagged union's input: the name of the variant class to validate."""

    __slots__ = ("property", "tags", "classes")

    def __init__(self, property: str, tags: Mapping[Any, str]) -> None:
        self.property = property
        self.tags = dict(tags)
        """Tag value (as JSON) -> variant class name."""
        self.classes = frozenset(self.tags.values())

    @property
    def __name__(self) -> str:  # pydantic names the discriminator in its error messages
        return f"{self.property!r} tag"

    def __call__(self, value: Any) -> str | None:
        return self.variant(value, unknown=not _known_only.get())

    def variant(self, value: Any, *, unknown: bool) -> str | None:
        """The variant (class name) for ``value``: ``UNKNOWN_TAG`` for a tag no variant has
        (``None`` instead when ``unknown`` is false), ``None`` when ``value`` is not an object."""
        if isinstance(value, dict):
            raw = value.get(self.property)
        elif isinstance(value, pydantic.BaseModel):  # a model the caller built, in a request body
            name = type(value).__name__
            if name in self.classes:
                return name
            raw = (value.model_extra or {}).get(self.property)
        else:
            return None
        if isinstance(raw, Enum):
            raw = raw.value
        tag: str | None = None
        if type(raw) in (str, int, float, bool) or raw is None:  # JSON scalars: hashable
            tag = self.tags.get(raw)
        if tag is not None:
            return tag
        return UNKNOWN_TAG if unknown else None

    def expected(self) -> str:
        """What the tag may be, for a mismatch report (the spec's values, never the input)."""
        return f"{self.property} one of " + ", ".join(repr(v) for v in self.tags)


@contextlib.contextmanager
def known_variants_only() -> Iterator[None]:
    """Inside: a tag no variant has is a validation error, not an :class:`UnknownVariant`."""
    token = _known_only.set(True)
    try:
        yield
    finally:
        _known_only.reset(token)
