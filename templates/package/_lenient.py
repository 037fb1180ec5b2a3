"""Lenient parsing: a response body that does not match the spec is returned anyway.

Used only after the normal (fast) validation of a successful response failed and the client
is not in strict mode (``strict_response_validation=False``, the default). The body is
walked along its type: every part that validates is typed as usual; a part that does not is
kept as the server sent it, as deep down as possible:

* a list keeps every item; an object of a model type stays an instance of that model, built
  without validation (``model_construct``) from its fitting fields, its raw misfits and its
  unknown fields; a required field the server left out is absent (``model_fields_set``);
* a tagged union picks its variant by the tag; a tag it does not know gives an
  ``UnknownVariant`` holding all the data;
* any other value that does not fit (a string where a number belongs, an object where a
  list belongs, ``null`` where the spec allows none) is kept raw.

Each place that did not fit is a :class:`ResponseMismatch`: its JSON path, the type the spec
expects and what came instead, described by its JSON kind only, never by its value (it may be
a secret).
"""

from __future__ import annotations

import collections.abc
import re
import types
from dataclasses import dataclass
from typing import TYPE_CHECKING, Annotated, Any, Union, get_args, get_origin

from ._unions import UNKNOWN_TAG, TagOf, UnknownVariant, known_variants_only

if TYPE_CHECKING:
    import pydantic

__all__ = ["ResponseMismatch", "parse_leniently"]


@dataclass(frozen=True)
class ResponseMismatch:
    """One place where a response body did not match the spec."""

    path: str
    """JSON path of the place in the body: ``$[3].assistant.voice.voiceId``."""
    expected: str
    """What the spec says belongs there: ``str``, ``list[OpenAIMessage]``, ``provider one of 'azure'``."""
    problem: str
    """What came instead, without its value: ``missing``, ``found null``, ``found a string (float_parsing)``."""

    def __str__(self) -> str:
        return f"{self.path}: expected {self.expected}, {self.problem}"


def parse_leniently(cast_to: Any, data: Any) -> tuple[Any, list[ResponseMismatch]]:
    """``data`` (decoded JSON) as ``cast_to`` where it fits, raw where it does not; the mismatches."""
    builder = _Builder()
    with known_variants_only():
        value = builder.build(cast_to, data, "$")
    return value, builder.mismatches


def generic_path(path: str) -> str:
    """``path`` with list indexes as ``[*]``: one report per place, not per item."""
    return _INDEX.sub("[*]", path)


_INDEX = re.compile(r"\[\d+\]")
_adapters: dict[Any, pydantic.TypeAdapter[Any]] = {}


def _adapter(tp: Any) -> pydantic.TypeAdapter[Any]:
    try:
        adapter = _adapters.get(tp)
    except TypeError:  # an unhashable annotation: not cached
        adapter = None
    if adapter is None:
        from pydantic import TypeAdapter

        adapter = TypeAdapter(tp)
        try:
            _adapters[tp] = adapter
        except TypeError:
            pass
    return adapter


class _Builder:
    def __init__(self) -> None:
        self.mismatches: list[ResponseMismatch] = []

    def build(self, tp: Any, data: Any, path: str) -> Any:
        from pydantic import ValidationError

        try:
            return _adapter(tp).validate_python(data)
        except ValidationError as error:
            return self.rebuild(tp, data, path, error)

    def rebuild(self, tp: Any, data: Any, path: str, error: pydantic.ValidationError) -> Any:
        """``data`` that failed to validate as ``tp``: typed below this level where it fits."""
        import pydantic

        tp, tag_of = _unwrap(tp)
        if tag_of is not None:
            return self.tagged(tp, tag_of, data, path, error)
        origin = get_origin(tp)
        if origin is Union or origin is types.UnionType:
            options = [a for a in get_args(tp) if a is not type(None)]
            if data is None:
                return self.keep(tp, data, path, error)
            chosen = _closest(options, data)
            if chosen is None:
                return self.keep(tp, data, path, error)
            return self.build(chosen, data, path)
        if origin in (list, collections.abc.Sequence, collections.abc.MutableSequence):
            if not isinstance(data, list):
                return self.keep(tp, data, path, error)
            item = (get_args(tp) or (Any,))[0]
            return [self.build(item, value, f"{path}[{i}]") for i, value in enumerate(data)]
        if origin in (dict, collections.abc.Mapping, collections.abc.MutableMapping):
            if not isinstance(data, dict):
                return self.keep(tp, data, path, error)
            value_type = (get_args(tp) or (str, Any))[-1]
            return {
                key: self.build(value_type, value, _child(path, key)) for key, value in data.items()
            }
        if isinstance(tp, type) and issubclass(tp, pydantic.RootModel):
            root = self.build(tp.model_fields["root"].rebuild_annotation(), data, path)
            return tp.model_construct(root)
        if isinstance(tp, type) and issubclass(tp, pydantic.BaseModel) and isinstance(data, dict):
            return self.model(tp, data, path)
        return self.keep(tp, data, path, error)

    def model(self, cls: type[pydantic.BaseModel], data: dict[str, Any], path: str) -> Any:
        values: dict[str, Any] = {}
        used: set[str] = set()
        for name, field in cls.model_fields.items():
            key = field.alias or name
            if key not in data and name in data:
                key = name
            if key not in data:
                if field.is_required():
                    self.report(_child(path, key), _describe(field.rebuild_annotation()), "missing")
                continue
            used.add(key)
            values[name] = self.build(_field_type(cls, name), data[key], _child(path, key))
        extra = {key: value for key, value in data.items() if key not in used}
        return cls.model_construct(**values, **extra)

    def tagged(
        self, tp: Any, tag_of: TagOf, data: Any, path: str, error: pydantic.ValidationError
    ) -> Any:
        name = tag_of.variant(data, unknown=True)
        if name is None:  # not an object at all
            return self.keep(tp, data, path, error)
        if name == UNKNOWN_TAG:
            where = path
            for key in tag_of.path:
                where = _child(where, key)
            self.report(where, tag_of.expected(), "found a value no variant has")
            return UnknownVariant.model_validate(data)
        for member in get_args(tp):
            if getattr(member, "__name__", None) == name:
                return self.build(member, data, path)
        return self.keep(tp, data, path, error)  # pragma: no cover - every tag names a member

    def keep(self, tp: Any, data: Any, path: str, error: pydantic.ValidationError) -> Any:
        """``data`` as it is, reported."""
        if data is None:
            problem = "found null"
        else:
            codes = sorted(
                {
                    e["type"]
                    for e in error.errors(
                        include_url=False, include_input=False, include_context=False
                    )
                }
            )
            problem = f"found {_kind(data)}" + (f" ({', '.join(codes[:3])})" if codes else "")
        self.report(path, _describe(tp), problem)
        return data

    def report(self, path: str, expected: str, problem: str) -> None:
        self.mismatches.append(ResponseMismatch(path, expected, problem))


def _unwrap(tp: Any) -> tuple[Any, TagOf | None]:
    """``tp`` without ``Annotated``, and the :class:`TagOf` of a tagged union."""
    tag_of = None
    while get_origin(tp) is Annotated:
        for meta in tp.__metadata__:
            if isinstance(meta, TagOf):
                tag_of = meta
        tp = tp.__origin__
    return tp, tag_of


_field_types: dict[tuple[type, str], Any] = {}


def _field_type(cls: type[pydantic.BaseModel], name: str) -> Any:
    key = (cls, name)
    tp = _field_types.get(key)
    if tp is None:
        tp = _field_types[key] = cls.model_fields[name].rebuild_annotation()
    return tp


def _closest(options: list[Any], data: Any) -> Any:
    """The member of a union whose kind of value ``data`` is (object, list, or scalar)."""
    import pydantic

    def kind(tp: Any) -> str:
        inner, tag_of = _unwrap(tp)
        origin = get_origin(inner) or inner
        if tag_of is not None or (
            isinstance(origin, type)
            and issubclass(origin, (pydantic.BaseModel, dict, collections.abc.Mapping))
        ):
            return "object"
        if (
            isinstance(origin, type)
            and issubclass(origin, (list, collections.abc.Sequence))
            and not issubclass(origin, str)
        ):
            return "array"
        return "scalar"

    wanted = "object" if isinstance(data, dict) else "array" if isinstance(data, list) else "scalar"
    return next((option for option in options if kind(option) == wanted), None)


def _child(path: str, key: str) -> str:
    return f"{path}.{key}" if key.isidentifier() else f"{path}[{key!r}]"


def _kind(data: Any) -> str:
    if isinstance(data, bool):
        return "a boolean"
    if isinstance(data, (int, float)):
        return "a number"
    if isinstance(data, str):
        return "a string"
    if isinstance(data, list):
        return "an array"
    if isinstance(data, dict):
        return "an object"
    return type(data).__name__


def _describe(tp: Any) -> str:
    """A type as a reader writes it: ``list[OpenAIMessage] | None``."""
    tp, tag_of = _unwrap(tp)
    origin = get_origin(tp)
    if origin is Union or origin is types.UnionType:
        return " | ".join(_describe(a) for a in get_args(tp))
    if tp is type(None):
        return "None"
    if origin is not None:
        args = get_args(tp)
        name = getattr(origin, "__name__", None) or str(origin).replace("typing.", "")
        return f"{name}[{', '.join(_describe(a) for a in args)}]" if args else name
    if isinstance(tp, type):
        return tp.__name__
    return str(tp).replace("typing.", "")
