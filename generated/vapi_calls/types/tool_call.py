from __future__ import annotations

from .._models import BaseModel
from .tool_call_function import ToolCallFunction


class ToolCall(BaseModel):
    """
    A tool call the model requests.
    """

    id: str
    """
    This is the ID of the tool call
    """
    type: str
    """
    This is the type of tool
    """
    function: ToolCallFunction
    """
    This is the function that was called
    """
