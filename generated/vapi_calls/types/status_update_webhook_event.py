from __future__ import annotations

from .._models import BaseModel
from .server_message_status_update import ServerMessageStatusUpdate


class StatusUpdateWebhookEvent(BaseModel):
    message: ServerMessageStatusUpdate
