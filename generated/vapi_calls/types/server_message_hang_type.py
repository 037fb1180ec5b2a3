from __future__ import annotations

from enum import Enum

from .._models import open_enum_member


class ServerMessageHangType(str, Enum):
    """
    This is the type of the message. "hang" is sent when the assistant is hanging due to a delay. The delay can be caused by many factors, such as the model or the voice being too slow to respond, or the tool call still waiting for a response from your server.
    """

    HANG = "hang"

    @classmethod
    def _missing_(cls, value: object) -> ServerMessageHangType | None:
        return open_enum_member(cls, value)

    @property
    def is_unknown(self) -> bool:
        """Whether the server sent a value this spec does not list (kept as ``value``)."""
        return type(self)._member_map_.get(self._name_) is not self
