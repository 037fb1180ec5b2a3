from __future__ import annotations

from enum import Enum

from .._models import open_enum_member


class BackgroundSound(str, Enum):
    """
    The background sound played during the call.
    """

    OFF = "off"
    OFFICE = "office"

    @classmethod
    def _missing_(cls, value: object) -> BackgroundSound | None:
        return open_enum_member(cls, value)
