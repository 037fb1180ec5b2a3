from __future__ import annotations

from enum import Enum

from .._models import open_enum_member


class ClientMessage(str, Enum):
    """
    A type of message sent to your Client SDKs.
    """

    TRANSCRIPT = "transcript"
    HANG = "hang"
    TOOL_CALLS = "tool-calls"
    SPEECH_UPDATE = "speech-update"
    METADATA = "metadata"
    CONVERSATION_UPDATE = "conversation-update"

    @classmethod
    def _missing_(cls, value: object) -> ClientMessage | None:
        return open_enum_member(cls, value)

    @property
    def is_unknown(self) -> bool:
        """Whether the server sent a value this spec does not list (kept as ``value``)."""
        return type(self)._member_map_.get(self._name_) is not self
