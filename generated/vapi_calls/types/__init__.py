"""The models of the Vapi Calls API, generated from the spec's schemas."""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .analysis import Analysis
    from .artifact import Artifact
    from .assistant import Assistant
    from .assistant_overrides import AssistantOverrides
    from .azure_voice import AzureVoice
    from .azure_voice_provider import AzureVoiceProvider
    from .background_sound import BackgroundSound
    from .call import Call
    from .call_ended_reason import CallEndedReason
    from .call_phone_call_provider import CallPhoneCallProvider
    from .call_phone_call_transport import CallPhoneCallTransport
    from .call_status import CallStatus
    from .call_type import CallType
    from .client_message import ClientMessage
    from .condition import Condition
    from .condition_operator import ConditionOperator
    from .cost_breakdown import CostBreakdown
    from .customer import Customer
    from .deepgram_transcriber import DeepgramTranscriber
    from .deepgram_transcriber_provider import DeepgramTranscriberProvider
    from .end_of_call_report_webhook_event import EndOfCallReportWebhookEvent
    from .first_message_mode import FirstMessageMode
    from .hang_webhook_event import HangWebhookEvent
    from .knowledge_base import KnowledgeBase
    from .knowledge_base_provider import KnowledgeBaseProvider
    from .language_model import LanguageModel
    from .open_ai_function import OpenAIFunction
    from .open_ai_function_parameters import OpenAIFunctionParameters
    from .open_ai_message import OpenAIMessage
    from .open_ai_model import OpenAIModel
    from .open_ai_model_provider import OpenAIModelProvider
    from .phone_call_provider_details import PhoneCallProviderDetails
    from .phone_number import PhoneNumber
    from .punctuation_boundary import PunctuationBoundary
    from .server import Server
    from .server_message import ServerMessage
    from .server_message_end_of_call_report import ServerMessageEndOfCallReport
    from .server_message_end_of_call_report_type import ServerMessageEndOfCallReportType
    from .server_message_hang import ServerMessageHang
    from .server_message_hang_type import ServerMessageHangType
    from .server_message_status_update import ServerMessageStatusUpdate
    from .server_message_status_update_status import ServerMessageStatusUpdateStatus
    from .server_message_status_update_type import ServerMessageStatusUpdateType
    from .server_message_tool_calls import ServerMessageToolCalls
    from .server_message_tool_calls_type import ServerMessageToolCallsType
    from .status_update_webhook_event import StatusUpdateWebhookEvent
    from .tool_call import ToolCall
    from .tool_call_function import ToolCallFunction
    from .tool_calls_webhook_event import ToolCallsWebhookEvent
    from .tool_message_start import ToolMessageStart
    from .tool_message_start_type import ToolMessageStartType
    from .transcriber import Transcriber
    from .transfer_call_tool import TransferCallTool
    from .transfer_call_tool_type import TransferCallToolType
    from .voice import Voice
    from .voicemail_detection_type import VoicemailDetectionType
    from .webhook_event import WebhookEvent
    from .._unions import UnknownVariant

__all__ = [
    "Analysis",
    "Artifact",
    "Assistant",
    "AssistantOverrides",
    "AzureVoice",
    "AzureVoiceProvider",
    "BackgroundSound",
    "Call",
    "CallEndedReason",
    "CallPhoneCallProvider",
    "CallPhoneCallTransport",
    "CallStatus",
    "CallType",
    "ClientMessage",
    "Condition",
    "ConditionOperator",
    "CostBreakdown",
    "Customer",
    "DeepgramTranscriber",
    "DeepgramTranscriberProvider",
    "EndOfCallReportWebhookEvent",
    "FirstMessageMode",
    "HangWebhookEvent",
    "KnowledgeBase",
    "KnowledgeBaseProvider",
    "LanguageModel",
    "OpenAIFunction",
    "OpenAIFunctionParameters",
    "OpenAIMessage",
    "OpenAIModel",
    "OpenAIModelProvider",
    "PhoneCallProviderDetails",
    "PhoneNumber",
    "PunctuationBoundary",
    "Server",
    "ServerMessage",
    "ServerMessageEndOfCallReport",
    "ServerMessageEndOfCallReportType",
    "ServerMessageHang",
    "ServerMessageHangType",
    "ServerMessageStatusUpdate",
    "ServerMessageStatusUpdateStatus",
    "ServerMessageStatusUpdateType",
    "ServerMessageToolCalls",
    "ServerMessageToolCallsType",
    "StatusUpdateWebhookEvent",
    "ToolCall",
    "ToolCallFunction",
    "ToolCallsWebhookEvent",
    "ToolMessageStart",
    "ToolMessageStartType",
    "Transcriber",
    "TransferCallTool",
    "TransferCallToolType",
    "UnknownVariant",
    "Voice",
    "VoicemailDetectionType",
    "WebhookEvent",
]

# Each model lives in its own module, imported on first access: importing this package, or
# a resource, builds no model until one is used.
_MODULE_OF = {
    "Analysis": "analysis",
    "Artifact": "artifact",
    "Assistant": "assistant",
    "AssistantOverrides": "assistant_overrides",
    "AzureVoice": "azure_voice",
    "AzureVoiceProvider": "azure_voice_provider",
    "BackgroundSound": "background_sound",
    "Call": "call",
    "CallEndedReason": "call_ended_reason",
    "CallPhoneCallProvider": "call_phone_call_provider",
    "CallPhoneCallTransport": "call_phone_call_transport",
    "CallStatus": "call_status",
    "CallType": "call_type",
    "ClientMessage": "client_message",
    "Condition": "condition",
    "ConditionOperator": "condition_operator",
    "CostBreakdown": "cost_breakdown",
    "Customer": "customer",
    "DeepgramTranscriber": "deepgram_transcriber",
    "DeepgramTranscriberProvider": "deepgram_transcriber_provider",
    "EndOfCallReportWebhookEvent": "end_of_call_report_webhook_event",
    "FirstMessageMode": "first_message_mode",
    "HangWebhookEvent": "hang_webhook_event",
    "KnowledgeBase": "knowledge_base",
    "KnowledgeBaseProvider": "knowledge_base_provider",
    "LanguageModel": "language_model",
    "OpenAIFunction": "open_ai_function",
    "OpenAIFunctionParameters": "open_ai_function_parameters",
    "OpenAIMessage": "open_ai_message",
    "OpenAIModel": "open_ai_model",
    "OpenAIModelProvider": "open_ai_model_provider",
    "PhoneCallProviderDetails": "phone_call_provider_details",
    "PhoneNumber": "phone_number",
    "PunctuationBoundary": "punctuation_boundary",
    "Server": "server",
    "ServerMessage": "server_message",
    "ServerMessageEndOfCallReport": "server_message_end_of_call_report",
    "ServerMessageEndOfCallReportType": "server_message_end_of_call_report_type",
    "ServerMessageHang": "server_message_hang",
    "ServerMessageHangType": "server_message_hang_type",
    "ServerMessageStatusUpdate": "server_message_status_update",
    "ServerMessageStatusUpdateStatus": "server_message_status_update_status",
    "ServerMessageStatusUpdateType": "server_message_status_update_type",
    "ServerMessageToolCalls": "server_message_tool_calls",
    "ServerMessageToolCallsType": "server_message_tool_calls_type",
    "StatusUpdateWebhookEvent": "status_update_webhook_event",
    "ToolCall": "tool_call",
    "ToolCallFunction": "tool_call_function",
    "ToolCallsWebhookEvent": "tool_calls_webhook_event",
    "ToolMessageStart": "tool_message_start",
    "ToolMessageStartType": "tool_message_start_type",
    "Transcriber": "transcriber",
    "TransferCallTool": "transfer_call_tool",
    "TransferCallToolType": "transfer_call_tool_type",
    "Voice": "voice",
    "VoicemailDetectionType": "voicemail_detection_type",
    "WebhookEvent": "webhook_event",
}

if not TYPE_CHECKING:

    def __getattr__(name: str) -> object:
        if name == "UnknownVariant":  # the fallback of every tagged union (see _unions.py)
            from .._unions import UnknownVariant

            return UnknownVariant
        module = _MODULE_OF.get(name)
        if module is None:
            raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
        value = getattr(importlib.import_module(f"{__name__}.{module}"), name)
        globals()[name] = value
        return value

    def __dir__() -> list[str]:
        return sorted({*globals(), *_MODULE_OF, "UnknownVariant"})
