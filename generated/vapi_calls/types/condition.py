from __future__ import annotations

from typing import Any

from .._models import BaseModel
from .condition_operator import ConditionOperator


class Condition(BaseModel):
    """
    A condition on a tool call argument.
    """

    param: str | None = None
    """
    This is the name of the parameter that you want to check.
    """
    value: dict[str, Any] | None = None
    """
    This is the value you want to compare against the parameter.
    """
    operator: ConditionOperator | None = None
    """
    This is the operator you want to use to compare the parameter and value.
    """
