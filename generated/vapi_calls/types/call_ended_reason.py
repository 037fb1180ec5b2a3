from __future__ import annotations

from enum import Enum

from .._models import open_enum_member


class CallEndedReason(str, Enum):
    """
    This is the explanation for how the call ended.
    """

    ASSISTANT_ERROR = "assistant-error"
    ASSISTANT_NOT_FOUND = "assistant-not-found"
    DB_ERROR = "db-error"
    NO_SERVER_AVAILABLE = "no-server-available"
    PIPELINE_ERROR_EXTRA_FUNCTION_FAILED = "pipeline-error-extra-function-failed"
    PIPELINE_ERROR_FIRST_MESSAGE_FAILED = "pipeline-error-first-message-failed"
    PIPELINE_ERROR_FUNCTION_FILLER_FAILED = "pipeline-error-function-filler-failed"
    PIPELINE_ERROR_FUNCTION_FAILED = "pipeline-error-function-failed"
    PIPELINE_ERROR_OPENAI_LLM_FAILED = "pipeline-error-openai-llm-failed"
    PIPELINE_ERROR_AZURE_OPENAI_LLM_FAILED = "pipeline-error-azure-openai-llm-failed"
    PIPELINE_ERROR_TOGETHER_AI_LLM_FAILED = "pipeline-error-together-ai-llm-failed"
    PIPELINE_ERROR_ANYSCALE_LLM_FAILED = "pipeline-error-anyscale-llm-failed"
    PIPELINE_ERROR_OPENROUTER_LLM_FAILED = "pipeline-error-openrouter-llm-failed"
    PIPELINE_ERROR_PERPLEXITY_AI_LLM_FAILED = "pipeline-error-perplexity-ai-llm-failed"
    PIPELINE_ERROR_DEEPINFRA_LLM_FAILED = "pipeline-error-deepinfra-llm-failed"
    PIPELINE_ERROR_RUNPOD_LLM_FAILED = "pipeline-error-runpod-llm-failed"
    PIPELINE_ERROR_GROQ_LLM_FAILED = "pipeline-error-groq-llm-failed"
    PIPELINE_ERROR_ANTHROPIC_LLM_FAILED = "pipeline-error-anthropic-llm-failed"
    PIPELINE_ERROR_OPENAI_VOICE_FAILED = "pipeline-error-openai-voice-failed"
    PIPELINE_ERROR_DEEPGRAM_TRANSCRIBER_FAILED = "pipeline-error-deepgram-transcriber-failed"
    PIPELINE_ERROR_DEEPGRAM_VOICE_FAILED = "pipeline-error-deepgram-voice-failed"
    PIPELINE_ERROR_ELEVEN_LABS_VOICE_FAILED = "pipeline-error-eleven-labs-voice-failed"
    PIPELINE_ERROR_PLAYHT_VOICE_FAILED = "pipeline-error-playht-voice-failed"
    PIPELINE_ERROR_LMNT_VOICE_FAILED = "pipeline-error-lmnt-voice-failed"
    PIPELINE_ERROR_AZURE_VOICE_FAILED = "pipeline-error-azure-voice-failed"
    PIPELINE_ERROR_RIME_AI_VOICE_FAILED = "pipeline-error-rime-ai-voice-failed"
    PIPELINE_ERROR_NEETS_VOICE_FAILED = "pipeline-error-neets-voice-failed"
    PIPELINE_NO_AVAILABLE_LLM_MODEL = "pipeline-no-available-llm-model"
    SERVER_SHUTDOWN = "server-shutdown"
    TWILIO_FAILED_TO_CONNECT_CALL = "twilio-failed-to-connect-call"
    UNKNOWN_ERROR = "unknown-error"
    VONAGE_DISCONNECTED = "vonage-disconnected"
    VONAGE_FAILED_TO_CONNECT_CALL = "vonage-failed-to-connect-call"
    PHONE_CALL_PROVIDER_BYPASS_ENABLED_BUT_NO_CALL_RECEIVED = (
        "phone-call-provider-bypass-enabled-but-no-call-received"
    )
    VAPI_ERROR_PHONE_CALL_WORKER_SETUP_SOCKET_ERROR = (
        "vapi-error-phone-call-worker-setup-socket-error"
    )
    VAPI_ERROR_PHONE_CALL_WORKER_WORKER_SETUP_SOCKET_TIMEOUT = (
        "vapi-error-phone-call-worker-worker-setup-socket-timeout"
    )
    VAPI_ERROR_PHONE_CALL_WORKER_COULD_NOT_FIND_CALL = (
        "vapi-error-phone-call-worker-could-not-find-call"
    )
    VAPI_ERROR_PHONE_CALL_WORKER_CALL_NEVER_CONNECTED = (
        "vapi-error-phone-call-worker-call-never-connected"
    )
    VAPI_ERROR_WEB_CALL_WORKER_SETUP_FAILED = "vapi-error-web-call-worker-setup-failed"
    ASSISTANT_NOT_INVALID = "assistant-not-invalid"
    ASSISTANT_NOT_PROVIDED = "assistant-not-provided"
    ASSISTANT_REQUEST_RETURNED_ERROR = "assistant-request-returned-error"
    ASSISTANT_REQUEST_RETURNED_INVALID_ASSISTANT = "assistant-request-returned-invalid-assistant"
    ASSISTANT_REQUEST_RETURNED_NO_ASSISTANT = "assistant-request-returned-no-assistant"
    ASSISTANT_REQUEST_RETURNED_FORWARDING_PHONE_NUMBER = (
        "assistant-request-returned-forwarding-phone-number"
    )
    ASSISTANT_ENDED_CALL = "assistant-ended-call"
    ASSISTANT_SAID_END_CALL_PHRASE = "assistant-said-end-call-phrase"
    ASSISTANT_FORWARDED_CALL = "assistant-forwarded-call"
    ASSISTANT_JOIN_TIMED_OUT = "assistant-join-timed-out"
    CUSTOMER_BUSY = "customer-busy"
    CUSTOMER_ENDED_CALL = "customer-ended-call"
    CUSTOMER_DID_NOT_ANSWER = "customer-did-not-answer"
    CUSTOMER_DID_NOT_GIVE_MICROPHONE_PERMISSION = "customer-did-not-give-microphone-permission"
    EXCEEDED_MAX_DURATION = "exceeded-max-duration"
    MANUALLY_CANCELED = "manually-canceled"
    PHONE_CALL_PROVIDER_CLOSED_WEBSOCKET = "phone-call-provider-closed-websocket"
    PIPELINE_ERROR_CUSTOM_LLM_LLM_FAILED = "pipeline-error-custom-llm-llm-failed"
    PIPELINE_ERROR_ELEVEN_LABS_VOICE_NOT_FOUND = "pipeline-error-eleven-labs-voice-not-found"
    PIPELINE_ERROR_ELEVEN_LABS_QUOTA_EXCEEDED = "pipeline-error-eleven-labs-quota-exceeded"
    PIPELINE_ERROR_ELEVEN_LABS_BLOCKED_FREE_PLAN = "pipeline-error-eleven-labs-blocked-free-plan"
    PIPELINE_ERROR_ELEVEN_LABS_BLOCKED_CONCURRENT_REQUESTS = (
        "pipeline-error-eleven-labs-blocked-concurrent-requests"
    )
    PIPELINE_ERROR_ELEVEN_LABS_UNAUTHORIZED_ACCESS = (
        "pipeline-error-eleven-labs-unauthorized-access"
    )
    SILENCE_TIMED_OUT = "silence-timed-out"
    VOICEMAIL = "voicemail"
    VONAGE_REJECTED = "vonage-rejected"

    @classmethod
    def _missing_(cls, value: object) -> CallEndedReason | None:
        return open_enum_member(cls, value)

    @property
    def is_unknown(self) -> bool:
        """Whether the server sent a value this spec does not list (kept as ``value``)."""
        return type(self)._member_map_.get(self._name_) is not self
