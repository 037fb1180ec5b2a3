from __future__ import annotations

from .._models import BaseModel
from .condition import Condition
from .tool_message_start_type import ToolMessageStartType


class ToolMessageStart(BaseModel):
    """
    A message the assistant says when the tool call starts.
    """

    type: ToolMessageStartType | None = None
    """
    This message is triggered when the tool call starts.
    """
    content: str | None = None
    """
    This is the content that the assistant says when this message is triggered.
    """
    conditions: list[Condition] | None = None
    """
    This is an optional array of conditions that the tool call arguments must meet in order for this message to be triggered.
    """
