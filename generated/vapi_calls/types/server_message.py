from __future__ import annotations

from enum import Enum

from .._models import open_enum_member


class ServerMessage(str, Enum):
    """
    A type of message sent to your Server URL.
    """

    END_OF_CALL_REPORT = "end-of-call-report"
    STATUS_UPDATE = "status-update"
    HANG = "hang"
    TOOL_CALLS = "tool-calls"

    @classmethod
    def _missing_(cls, value: object) -> ServerMessage | None:
        return open_enum_member(cls, value)

    @property
    def is_unknown(self) -> bool:
        """Whether the server sent a value this spec does not list (kept as ``value``)."""
        return type(self)._member_map_.get(self._name_) is not self
