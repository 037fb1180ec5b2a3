from __future__ import annotations

from enum import Enum

from .._models import open_enum_member


class ServerMessageEndOfCallReportType(str, Enum):
    """
    This is the type of the message. "end-of-call-report" is sent when the call ends and post-processing is complete.
    """

    END_OF_CALL_REPORT = "end-of-call-report"

    @classmethod
    def _missing_(cls, value: object) -> ServerMessageEndOfCallReportType | None:
        return open_enum_member(cls, value)

    @property
    def is_unknown(self) -> bool:
        """Whether the server sent a value this spec does not list (kept as ``value``)."""
        return type(self)._member_map_.get(self._name_) is not self
