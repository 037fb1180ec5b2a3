from __future__ import annotations

from enum import Enum

from .._models import open_enum_member


class ToolMessageStartType(str, Enum):
    """
    This message is triggered when the tool call starts.
    """

    REQUEST_START = "request-start"

    @classmethod
    def _missing_(cls, value: object) -> ToolMessageStartType | None:
        return open_enum_member(cls, value)

    @property
    def is_unknown(self) -> bool:
        """Whether the server sent a value this spec does not list (kept as ``value``)."""
        return type(self)._member_map_.get(self._name_) is not self
