from __future__ import annotations

from typing import Annotated, Any

from pydantic import Field

from .._models import BaseModel
from .assistant import Assistant
from .call import Call
from .customer import Customer
from .server_message_tool_calls_type import ServerMessageToolCallsType
from .tool_call import ToolCall


class ServerMessageToolCalls(BaseModel):
    """
    Sent to call a tool.
    """

    type: ServerMessageToolCallsType | None = None
    """
    This is the type of the message. "tool-calls" is sent to call a tool.
    """
    tool_with_tool_call_list: Annotated[list[dict[str, Any]], Field(alias="toolWithToolCallList")]
    """
    This is the list of tools calls that the model is requesting along with the original tool configuration.
    """
    tool_call_list: Annotated[list[ToolCall], Field(alias="toolCallList")]
    """
    This is the list of tool calls that the model is requesting.
    """
    timestamp: float | None = None
    """
    This is the timestamp of the message.
    """
    assistant: Assistant | None = None
    """
    This is the assistant that the message is associated with.
    """
    customer: Customer | None = None
    """
    This is the customer that the message is associated with.
    """
    call: Call | None = None
    """
    This is the call that the message is associated with.
    """
