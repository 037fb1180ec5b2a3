from __future__ import annotations

from .._models import BaseModel
from .server_message_tool_calls import ServerMessageToolCalls


class ToolCallsWebhookEvent(BaseModel):
    message: ServerMessageToolCalls
