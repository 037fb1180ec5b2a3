from __future__ import annotations

from enum import Enum

from .._models import open_enum_member


class CallType(str, Enum):
    """
    This is the type of call.
    """

    INBOUND_PHONE_CALL = "inboundPhoneCall"
    OUTBOUND_PHONE_CALL = "outboundPhoneCall"
    WEB_CALL = "webCall"

    @classmethod
    def _missing_(cls, value: object) -> CallType | None:
        return open_enum_member(cls, value)

    @property
    def is_unknown(self) -> bool:
        """Whether the server sent a value this spec does not list (kept as ``value``)."""
        return type(self)._member_map_.get(self._name_) is not self
