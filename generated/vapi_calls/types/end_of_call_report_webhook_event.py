from __future__ import annotations

from .._models import BaseModel
from .server_message_end_of_call_report import ServerMessageEndOfCallReport


class EndOfCallReportWebhookEvent(BaseModel):
    message: ServerMessageEndOfCallReport
