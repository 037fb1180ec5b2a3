from __future__ import annotations

from typing import Any

from .._models import BaseModel
from .open_ai_function import OpenAIFunction
from .server import Server
from .tool_message_start import ToolMessageStart
from .transfer_call_tool_type import TransferCallToolType


class TransferCallTool(BaseModel):
    """
    A tool that lets the assistant transfer the call to another destination.
    """

    type: TransferCallToolType | None = None
    messages: list[ToolMessageStart] | None = None
    """
    Messages spoken while the tool is running.
    """
    destinations: list[dict[str, Any]] | None = None
    """
    These are the destinations that the call can be transferred to. If no destinations are provided, server.url will be used to get the transfer destination once the tool is called.
    """
    server: Server | None = None
    """
    This is the server where a `tool-calls` webhook will be sent.
    """
    function: OpenAIFunction | None = None
    """
    This is the function definition of the tool.
    """
