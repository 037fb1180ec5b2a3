"""The base of every model in the package's ``types``, and open enums.

Responses are forward compatible: a field the spec does not know is kept (``extra="allow"``)
and an enum value it does not know becomes a member that keeps the raw value, so a newer
server never breaks an older client. Dumping with ``by_alias=True`` gives back the wire names.
"""

from __future__ import annotations

from enum import Enum
from typing import Any, TypeVar, cast

import pydantic

__all__ = ["BaseModel", "PythonRegexModel", "open_enum_member"]

_EnumT = TypeVar("_EnumT", bound=Enum)


class BaseModel(pydantic.BaseModel):
    model_config = pydantic.ConfigDict(extra="allow", populate_by_name=True)

    def to_dict(self) -> dict[str, Any]:
        """The model as JSON-compatible data with the wire (camelCase) names.

        Values a lenient client kept as the server sent them (see ``_lenient.py``) are dumped
        as they are, without pydantic's warning (which would quote them)."""
        return self.model_dump(mode="json", by_alias=True, exclude_unset=True, warnings=False)

    def to_json(self) -> str:
        """The model as JSON with the wire names, as the server sent it."""
        return self.model_dump_json(by_alias=True, exclude_unset=True, warnings=False)


class PythonRegexModel(BaseModel):
    """The base of every model instead of ``BaseModel`` when a ``pattern`` of the spec needs
    Python's ``re`` (a lookahead, a backreference): pydantic's default engine, Rust's regex
    crate, would reject it when the model is built, so the package would not import."""

    model_config = pydantic.ConfigDict(regex_engine="python-re")


def open_enum_member(cls: type[_EnumT], value: object) -> _EnumT | None:
    """A member of ``cls`` for a string value the spec does not list.

    Called from each enum's ``_missing_``: the member's ``value`` is the raw string, its
    ``name`` is ``"UNKNOWN"``, and it compares equal to the string like any other member.
    """
    if not isinstance(value, str) or not issubclass(cls, str):
        return None
    member: Any = cast(Any, str).__new__(cls, value)
    member._name_ = "UNKNOWN"
    member._value_ = value
    return cast(_EnumT, member)
