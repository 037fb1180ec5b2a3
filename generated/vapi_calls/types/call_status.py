from __future__ import annotations

from enum import Enum

from .._models import open_enum_member


class CallStatus(str, Enum):
    """
    This is the status of the call.
    """

    QUEUED = "queued"
    RINGING = "ringing"
    IN_PROGRESS = "in-progress"
    FORWARDING = "forwarding"
    ENDED = "ended"

    @classmethod
    def _missing_(cls, value: object) -> CallStatus | None:
        return open_enum_member(cls, value)
