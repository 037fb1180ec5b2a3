from __future__ import annotations

from enum import Enum

from .._models import open_enum_member


class ServerMessageStatusUpdateStatus(str, Enum):
    """
    This is the status of the call.
    """

    SCHEDULED = "scheduled"
    QUEUED = "queued"
    RINGING = "ringing"
    IN_PROGRESS = "in-progress"
    FORWARDING = "forwarding"
    ENDED = "ended"
    NOT_FOUND = "not-found"
    DELETION_FAILED = "deletion-failed"

    @classmethod
    def _missing_(cls, value: object) -> ServerMessageStatusUpdateStatus | None:
        return open_enum_member(cls, value)

    @property
    def is_unknown(self) -> bool:
        """Whether the server sent a value this spec does not list (kept as ``value``)."""
        return type(self)._member_map_.get(self._name_) is not self
