from __future__ import annotations

from enum import Enum

from .._models import open_enum_member


class ConditionOperator(str, Enum):
    """
    This is the operator you want to use to compare the parameter and value.
    """

    EQ = "eq"
    NEQ = "neq"
    GT = "gt"
    GTE = "gte"
    LT = "lt"
    LTE = "lte"

    @classmethod
    def _missing_(cls, value: object) -> ConditionOperator | None:
        return open_enum_member(cls, value)
