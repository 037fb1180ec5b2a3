from __future__ import annotations

from enum import Enum

from .._models import open_enum_member


class ServerMessageToolCallsType(str, Enum):
    """
    This is the type of the message. "tool-calls" is sent to call a tool.
    """

    TOOL_CALLS = "tool-calls"

    @classmethod
    def _missing_(cls, value: object) -> ServerMessageToolCallsType | None:
        return open_enum_member(cls, value)

    @property
    def is_unknown(self) -> bool:
        """Whether the server sent a value this spec does not list (kept as ``value``)."""
        return type(self)._member_map_.get(self._name_) is not self
