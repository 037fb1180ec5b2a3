"""Tagged unions: the variant is chosen by one property, and an unknown tag has a home.

A union of the spec whose variants are told apart by one property (``provider``, ``type``:
a ``discriminator``, or a property every variant pins to one value) is annotated with
:class:`TagOf`, which makes it a pydantic tagged union. So exactly one variant is validated,
never the wrong one, and ``isinstance`` tells which variant the server sent.

An object whose tag names no variant this client knows (a newer server's new provider)
becomes an :class:`UnknownVariant` that keeps every field. Inside a client call, the first,
fast validation treats such a tag as a mismatch (so strict mode raises and lenient mode
reports it, see ``_lenient.py``); elsewhere (``Model.model_validate(...)``) it is accepted.
"""

from __future__ import annotations

import contextlib
import contextvars
import json
from collections.abc import Iterator, Mapping
from enum import Enum
from typing import TYPE_CHECKING, Any, get_args

import pydantic

if TYPE_CHECKING:
    from pydantic_core import CoreSchema

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
    """The variant of a tagged union: ``Annotated[Union[A, B, UnknownVariant], TagOf("provider", ...)]``.

    pydantic reads the tag from the input (in its Rust core, without building Python objects
    from the JSON) and validates exactly the variant it names. Only when that fails does Python
    run (:meth:`_fallback`): an object whose tag no variant has becomes an
    :class:`UnknownVariant`; a model the caller built (a request body) is kept as it is.
    """

    __slots__ = ("property", "path", "tags", "classes", "_by_key")

    def __init__(self, property: str | tuple[str, ...], tags: Mapping[Any, str]) -> None:
        self.path = (property,) if isinstance(property, str) else tuple(property)
        """Where the tag is: one property, or a path into nested objects (``("message", "type")``)."""
        self.property = ".".join(self.path)
        self.tags = dict(tags)
        """Tag value (as JSON) -> variant class name."""
        self.classes = frozenset(self.tags.values())
        self._by_key = {_key(value): name for value, name in self.tags.items()}

    def __get_pydantic_core_schema__(
        self, source: Any, handler: pydantic.GetCoreSchemaHandler
    ) -> CoreSchema:
        from pydantic_core import core_schema

        schemas = {
            cls.__name__: handler.generate_schema(cls)
            for cls in get_args(source)
            if cls is not UnknownVariant
        }
        variants = [(value, schemas[name]) for value, name in self.tags.items() if name in schemas]
        choices: dict[Any, CoreSchema]
        if all(type(value) in (str, int) for value, _ in variants):
            # read by pydantic's core, from the JSON (a path of keys for a nested tag)
            discriminator: Any = self.path[0] if len(self.path) == 1 else list(self.path)
            choices = dict(variants)
        else:
            # pydantic keys tags by str or int only: a true/false, number or null tag is read
            # here, and keyed by its JSON text.
            discriminator = self._tag_key
            choices = {_key(value): schema for value, schema in variants}
        tagged = core_schema.tagged_union_schema(choices, discriminator=discriminator)
        fallback = core_schema.no_info_plain_validator_function(self._fallback)
        return core_schema.union_schema(
            [(tagged, self.property), (fallback, "other")], mode="left_to_right"
        )

    def _tag_key(self, value: Any) -> str | None:
        """The key of ``value``'s tag among the choices (``None``: no tag to go by)."""
        found, raw = self._raw_tag(value)
        if not found:
            return None
        return _key(raw) if raw is None or type(raw) in (str, int, float, bool) else None

    def _raw_tag(self, value: Any) -> tuple[bool, Any]:
        """``(True, tag)`` when ``value`` (a dict, or a model's extra fields) has the tag."""
        for name in self.path:
            if isinstance(value, pydantic.BaseModel):
                value = {**(value.model_extra or {}), **dict(value)}
            if not isinstance(value, dict) or name not in value:
                return False, None
            value = value[name]
        return True, value

    def _fallback(self, value: Any) -> Any:
        """Validation of an input the tag did not lead to a valid variant."""
        from pydantic_core import PydanticCustomError

        if isinstance(value, pydantic.BaseModel) and (
            type(value).__name__ in self.classes or isinstance(value, UnknownVariant)
        ):
            return value  # a model the caller built: what it is, it stays
        name = self.variant(value, unknown=not _known_only.get())
        if name is None:
            if self._raw_tag(value)[0]:
                raise PydanticCustomError(
                    "union_tag_unknown", "The {tag} names no variant", {"tag": self.property}
                )
            raise PydanticCustomError(
                "model_type", "Input should be an object with a {tag}", {"tag": self.property}
            )
        if name == UNKNOWN_TAG:
            return UnknownVariant.model_validate(value)
        raise PydanticCustomError(
            "union_variant", "Input is not a valid {variant}", {"variant": name}
        )

    def variant(self, value: Any, *, unknown: bool) -> str | None:
        """The variant (class name) for ``value``: ``UNKNOWN_TAG`` for a tag no variant has
        (``None`` instead when ``unknown`` is false), ``None`` when ``value`` is not an object."""
        if isinstance(value, pydantic.BaseModel) and type(value).__name__ in self.classes:
            return type(value).__name__
        if not isinstance(value, (dict, pydantic.BaseModel)):
            return None
        raw = self._raw_tag(value)[1]
        if isinstance(raw, Enum):
            raw = raw.value
        tag: str | None = None
        if type(raw) in (str, int, float, bool) or raw is None:  # JSON scalars
            tag = self._by_key.get(_key(raw))
        if tag is not None:
            return tag
        return UNKNOWN_TAG if unknown else None

    def expected(self) -> str:
        """What the tag may be, for a mismatch report (the spec's values, never the input)."""
        return f"{self.property} one of " + ", ".join(repr(v) for v in self.tags)


def _key(value: Any) -> str:
    """A tag as its JSON text, so ``true`` and ``1`` (equal in Python) stay two tags."""
    return json.dumps(value)


@contextlib.contextmanager
def known_variants_only() -> Iterator[None]:
    """Inside: a tag no variant has is a validation error, not an :class:`UnknownVariant`."""
    token = _known_only.set(True)
    try:
        yield
    finally:
        _known_only.reset(token)
