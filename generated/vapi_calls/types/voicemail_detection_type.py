from __future__ import annotations

from enum import Enum

from .._models import open_enum_member


class VoicemailDetectionType(str, Enum):
    """
    A Twilio answering-machine-detection result that is considered as voicemail.
    """

    MACHINE_END_BEEP = "machine_end_beep"
    MACHINE_END_SILENCE = "machine_end_silence"
    MACHINE_END_OTHER = "machine_end_other"

    @classmethod
    def _missing_(cls, value: object) -> VoicemailDetectionType | None:
        return open_enum_member(cls, value)

    @property
    def is_unknown(self) -> bool:
        """Whether the server sent a value this spec does not list (kept as ``value``)."""
        return type(self)._member_map_.get(self._name_) is not self
