from __future__ import annotations

from enum import Enum

from .._models import open_enum_member


class ServerMessageStatusUpdateType(str, Enum):
    """
    This is the type of the message. "status-update" is sent whenever the call.status changes.
    """

    STATUS_UPDATE = "status-update"

    @classmethod
    def _missing_(cls, value: object) -> ServerMessageStatusUpdateType | None:
        return open_enum_member(cls, value)

    @property
    def is_unknown(self) -> bool:
        """Whether the server sent a value this spec does not list (kept as ``value``)."""
        return type(self)._member_map_.get(self._name_) is not self
