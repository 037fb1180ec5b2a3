from __future__ import annotations

from .._models import BaseModel
from .server_message_hang import ServerMessageHang


class HangWebhookEvent(BaseModel):
    message: ServerMessageHang
