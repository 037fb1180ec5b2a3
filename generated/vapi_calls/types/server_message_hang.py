from __future__ import annotations

from .._models import BaseModel
from .assistant import Assistant
from .call import Call
from .customer import Customer
from .server_message_hang_type import ServerMessageHangType


class ServerMessageHang(BaseModel):
    """
    Sent when the assistant is hanging due to a delay.
    """

    type: ServerMessageHangType
    """
    This is the type of the message. "hang" is sent when the assistant is hanging due to a delay. The delay can be caused by many factors, such as the model or the voice being too slow to respond, or the tool call still waiting for a response from your server.
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
