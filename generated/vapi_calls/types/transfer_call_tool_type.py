from __future__ import annotations

from enum import Enum

from .._models import open_enum_member


class TransferCallToolType(str, Enum):
    TRANSFER_CALL = "transferCall"

    @classmethod
    def _missing_(cls, value: object) -> TransferCallToolType | None:
        return open_enum_member(cls, value)
