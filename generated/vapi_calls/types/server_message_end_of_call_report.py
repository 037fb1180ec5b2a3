from __future__ import annotations

from datetime import datetime
from typing import Annotated

from pydantic import Field

from .._models import BaseModel
from .analysis import Analysis
from .artifact import Artifact
from .assistant import Assistant
from .call import Call
from .customer import Customer
from .server_message_end_of_call_report_type import ServerMessageEndOfCallReportType


class ServerMessageEndOfCallReport(BaseModel):
    """
    Sent when the call ends and post-processing is complete.
    """

    type: ServerMessageEndOfCallReportType
    """
    This is the type of the message. "end-of-call-report" is sent when the call ends and post-processing is complete.
    """
    ended_reason: Annotated[str, Field(alias="endedReason")]
    """
    This is the reason the call ended. This can also be found at call.endedReason on GET /call/:id.
    """
    cost: float | None = None
    """
    This is the cost of the call in USD. This can also be found at call.cost on GET /call/:id.
    """
    timestamp: float | None = None
    """
    This is the timestamp of the message.
    """
    artifact: Artifact
    """
    These are the artifacts from the call. This can also be found at call.artifact on GET /call/:id.
    """
    analysis: Analysis
    """
    This is the analysis of the call. This can also be found at call.analysis on GET /call/:id.
    """
    started_at: Annotated[datetime | None, Field(alias="startedAt")] = None
    """
    This is the ISO 8601 date-time string of when the call started. This can also be found at call.startedAt on GET /call/:id.
    """
    ended_at: Annotated[datetime | None, Field(alias="endedAt")] = None
    """
    This is the ISO 8601 date-time string of when the call ended. This can also be found at call.endedAt on GET /call/:id.
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
