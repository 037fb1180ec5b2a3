"""The events the Vapi Calls API sends to your webhook URL: one of them, told apart by `message.type`;
an event this version does not know is an `UnknownVariant`, which keeps every field.
"""

from __future__ import annotations

from typing import Annotated, TypeAlias, Union

from .._unions import TagOf, UnknownVariant
from .end_of_call_report_webhook_event import EndOfCallReportWebhookEvent
from .hang_webhook_event import HangWebhookEvent
from .status_update_webhook_event import StatusUpdateWebhookEvent
from .tool_calls_webhook_event import ToolCallsWebhookEvent

__all__ = ["WebhookEvent"]

WebhookEvent: TypeAlias = Annotated[
    Union[
        EndOfCallReportWebhookEvent,
        StatusUpdateWebhookEvent,
        HangWebhookEvent,
        ToolCallsWebhookEvent,
        UnknownVariant,
    ],
    TagOf(
        ("message", "type"),
        {
            "end-of-call-report": "EndOfCallReportWebhookEvent",
            "status-update": "StatusUpdateWebhookEvent",
            "hang": "HangWebhookEvent",
            "tool-calls": "ToolCallsWebhookEvent",
        },
    ),
]
