from __future__ import annotations

from typing import Annotated

from pydantic import Field

from .._models import BaseModel
from .assistant import Assistant
from .call import Call
from .customer import Customer
from .open_ai_message import OpenAIMessage
from .server_message_status_update_status import ServerMessageStatusUpdateStatus
from .server_message_status_update_type import ServerMessageStatusUpdateType


class ServerMessageStatusUpdate(BaseModel):
    """
    Sent whenever the call's status changes.
    """

    type: ServerMessageStatusUpdateType
    """
    This is the type of the message. "status-update" is sent whenever the call.status changes.
    """
    status: ServerMessageStatusUpdateStatus
    """
    This is the status of the call.
    """
    ended_reason: Annotated[str | None, Field(alias="endedReason")] = None
    """
    This is the reason the call ended. This is only sent if the status is "ended".
    """
    messages_open_ai_formatted: Annotated[
        list[OpenAIMessage] | None, Field(alias="messagesOpenAIFormatted")
    ] = None
    """
    These are the conversation messages of the call. This is only sent if the status is "forwarding".
    """
    timestamp: float | None = None
    """
    This is the timestamp of the message.
    """
    transcript: str | None = None
    """
    This is the transcript of the call. This is only sent if the status is "forwarding".
    """
    summary: str | None = None
    """
    This is the summary of the call. This is only sent if the status is "forwarding".
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
