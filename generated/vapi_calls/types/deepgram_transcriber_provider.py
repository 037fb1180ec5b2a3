from __future__ import annotations

from enum import Enum

from .._models import open_enum_member


class DeepgramTranscriberProvider(str, Enum):
    """
    This is the transcription provider that will be used.
    """

    DEEPGRAM = "deepgram"

    @classmethod
    def _missing_(cls, value: object) -> DeepgramTranscriberProvider | None:
        return open_enum_member(cls, value)
