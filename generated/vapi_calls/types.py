"""The models of the Vapi Calls API, generated from the spec's schemas."""

from __future__ import annotations
from vapi_calls._models import open_enum_member
from enum import Enum
from typing import Annotated, Any
from pydantic import Field
from vapi_calls._models import BaseModel
from datetime import datetime


class CallType(str, Enum):
    """
    This is the type of call.
    """

    INBOUND_PHONE_CALL = "inboundPhoneCall"
    OUTBOUND_PHONE_CALL = "outboundPhoneCall"
    WEB_CALL = "webCall"

    @classmethod
    def _missing_(cls, value: object) -> CallType | None:
        return open_enum_member(cls, value)


class CallPhoneCallProvider(str, Enum):
    """
    This is the provider of the call.

    Only relevant for outboundPhoneCall and inboundPhoneCall type.
    """

    TWILIO = "twilio"
    VONAGE = "vonage"

    @classmethod
    def _missing_(cls, value: object) -> CallPhoneCallProvider | None:
        return open_enum_member(cls, value)


class CallPhoneCallTransport(str, Enum):
    """
    This is the transport of the phone call.

    Only relevant for outboundPhoneCall and inboundPhoneCall type.
    """

    SIP = "sip"
    PSTN = "pstn"

    @classmethod
    def _missing_(cls, value: object) -> CallPhoneCallTransport | None:
        return open_enum_member(cls, value)


class CallStatus(str, Enum):
    """
    This is the status of the call.
    """

    QUEUED = "queued"
    RINGING = "ringing"
    IN_PROGRESS = "in-progress"
    FORWARDING = "forwarding"
    ENDED = "ended"

    @classmethod
    def _missing_(cls, value: object) -> CallStatus | None:
        return open_enum_member(cls, value)


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


class CostBreakdown(BaseModel):
    """
    Breakdown of the cost of a call, in USD, plus the usage it was computed from.
    """

    transport: float | None = None
    """
    This is the cost of the transport provider, like Twilio or Vonage.
    """
    stt: float | None = None
    """
    This is the cost of the speech-to-text service.
    """
    llm: float | None = None
    """
    This is the cost of the language model.
    """
    tts: float | None = None
    """
    This is the cost of the text-to-speech service.
    """
    vapi: float | None = None
    """
    This is the cost of Vapi.
    """
    total: float | None = None
    """
    This is the total cost of the call.
    """
    llm_prompt_tokens: Annotated[float | None, Field(alias="llmPromptTokens")] = None
    """
    This is the LLM prompt tokens used for the call.
    """
    llm_completion_tokens: Annotated[float | None, Field(alias="llmCompletionTokens")] = None
    """
    This is the LLM completion tokens used for the call.
    """
    tts_characters: Annotated[float | None, Field(alias="ttsCharacters")] = None
    """
    This is the TTS characters used for the call.
    """


class PhoneCallProviderDetails(BaseModel):
    """
    Details of the external (e.g. Twilio) call Vapi bridges the assistant into when phoneCallProviderBypassEnabled is true.
    """

    status_callback_event: Annotated[
        str | None, Field(alias="statusCallbackEvent", examples=["initiated"])
    ] = None
    machine_detection: Annotated[
        str | None, Field(alias="machineDetection", examples=["Enable"])
    ] = None
    to: str | None = None
    from_: Annotated[str | None, Field(alias="from")] = None
    twiml: str | None = None
    status_callback: Annotated[str | None, Field(alias="statusCallback")] = None
    async_amd: Annotated[str | None, Field(alias="asyncAmd")] = None
    async_amd_status_callback: Annotated[str | None, Field(alias="asyncAmdStatusCallback")] = None
    record: bool | None = None


class DeepgramTranscriberProvider(str, Enum):
    """
    This is the transcription provider that will be used.
    """

    DEEPGRAM = "deepgram"

    @classmethod
    def _missing_(cls, value: object) -> DeepgramTranscriberProvider | None:
        return open_enum_member(cls, value)


class DeepgramTranscriber(BaseModel):
    """
    Deepgram speech-to-text settings for the assistant.
    """

    provider: DeepgramTranscriberProvider | None = None
    """
    This is the transcription provider that will be used.
    """
    model: Annotated[str | None, Field(examples=["nova-2"])] = None
    """
    This is the Deepgram model that will be used. A list of models can be found here: https://developers.deepgram.com/docs/models-languages-overview
    """
    language: Annotated[str | None, Field(examples=["cs"])] = None
    """
    This is the language that will be set for the transcription. The list of languages Deepgram supports can be found here: https://developers.deepgram.com/docs/models-languages-overview
    """
    smart_format: Annotated[bool | None, Field(alias="smartFormat")] = None
    """
    This will be use smart format option provided by Deepgram. It's default disabled because it can sometimes format numbers as times but it's getting better.
    """
    keywords: list[str] | None = None
    """
    These keywords are passed to the transcription model to help it pick up use-case specific words. Anything that may not be a common word, like your company name, should be added here.
    """


class OpenAIModelProvider(str, Enum):
    """
    This is the provider that will be used for the model.
    """

    OPENAI = "openai"

    @classmethod
    def _missing_(cls, value: object) -> OpenAIModelProvider | None:
        return open_enum_member(cls, value)


class OpenAIMessage(BaseModel):
    """
    A message of the conversation's starting state, in OpenAI chat format.
    """

    content: str | None = None
    role: Annotated[str | None, Field(examples=["assistant"])] = None
    function_call: dict[str, Any] | None = None
    tool_calls: list[dict[str, Any]] | None = None
    """
    This is the tool calls generated by the model
    """


class TransferCallToolType(str, Enum):
    TRANSFER_CALL = "transferCall"

    @classmethod
    def _missing_(cls, value: object) -> TransferCallToolType | None:
        return open_enum_member(cls, value)


class ToolMessageStartType(str, Enum):
    """
    This message is triggered when the tool call starts.
    """

    REQUEST_START = "request-start"

    @classmethod
    def _missing_(cls, value: object) -> ToolMessageStartType | None:
        return open_enum_member(cls, value)


class ConditionOperator(str, Enum):
    """
    This is the operator you want to use to compare the parameter and value.
    """

    EQ = "eq"
    NEQ = "neq"
    GT = "gt"
    GTE = "gte"
    LT = "lt"
    LTE = "lte"

    @classmethod
    def _missing_(cls, value: object) -> ConditionOperator | None:
        return open_enum_member(cls, value)


class Condition(BaseModel):
    """
    A condition on a tool call argument.
    """

    param: str | None = None
    """
    This is the name of the parameter that you want to check.
    """
    value: dict[str, Any] | None = None
    """
    This is the value you want to compare against the parameter.
    """
    operator: ConditionOperator | None = None
    """
    This is the operator you want to use to compare the parameter and value.
    """


class Server(BaseModel):
    """
    A server Vapi sends webhook requests to.
    """

    url: str | None = None
    """
    This is where the request will be sent.
    """
    secret: Annotated[str | None, Field(repr=False)] = None


class OpenAIFunctionParameters(BaseModel):
    """
    The parameters of a function, described as a JSON Schema object.
    """

    type: Annotated[str | None, Field(examples=["object"])] = None
    """
    This must be set to 'object'. It instructs the model to return a JSON object containing the function call properties.
    """
    properties: dict[str, Any] | None = None
    """
    This provides a description of the properties required by the function.
    JSON Schema can be used to specify expectations for each property.
    """
    required: list[str] | None = None
    """
    This specifies the properties that are required by the function.
    """


class KnowledgeBaseProvider(str, Enum):
    """
    The provider of the knowledge base
    """

    CANONICAL = "canonical"

    @classmethod
    def _missing_(cls, value: object) -> KnowledgeBaseProvider | None:
        return open_enum_member(cls, value)


class KnowledgeBase(BaseModel):
    """
    Knowledge base options for the model.
    """

    top_k: Annotated[float | None, Field(alias="topK")] = None
    file_ids: Annotated[list[str] | None, Field(alias="fileIds")] = None
    """
    The file IDs associated with this knowledge base
    """
    provider: KnowledgeBaseProvider | None = None
    """
    The provider of the knowledge base
    """


class AzureVoiceProvider(str, Enum):
    """
    This is the voice provider that will be used.
    """

    AZURE = "azure"

    @classmethod
    def _missing_(cls, value: object) -> AzureVoiceProvider | None:
        return open_enum_member(cls, value)


class PunctuationBoundary(str, Enum):
    """
    A punctuation mark that may end a chunk of text sent to the voice provider.
    """

    IDEOGRAPHIC_FULL_STOP = "。"
    COMMA = ","
    FULL_STOP = "."
    EXCLAMATION_MARK = "!"
    QUESTION_MARK = "?"
    SEMICOLON = ";"
    RIGHT_PARENTHESIS = ")"
    ARABIC_COMMA = "،"
    URDU_FULL_STOP = "۔"
    DEVANAGARI_DANDA = "।"
    DEVANAGARI_DOUBLE_DANDA = "॥"
    PIPE = "|"
    DOUBLE_PIPE = "||"
    COLON = ":"

    @classmethod
    def _missing_(cls, value: object) -> PunctuationBoundary | None:
        return open_enum_member(cls, value)


class FirstMessageMode(str, Enum):
    """
    How the call starts -- who speaks first, and whether the first message is generated by the model.
    """

    ASSISTANT_SPEAKS_FIRST = "assistant-speaks-first"
    ASSISTANT_SPEAKS_FIRST_WITH_MODEL_GENERATED_MESSAGE = (
        "assistant-speaks-first-with-model-generated-message"
    )
    ASSISTANT_WAITS_FOR_USER = "assistant-waits-for-user"

    @classmethod
    def _missing_(cls, value: object) -> FirstMessageMode | None:
        return open_enum_member(cls, value)


class VoicemailDetectionType(str, Enum):
    """
    A Twilio answering-machine-detection result that is considered as voicemail.
    """

    MACHINE_END_BEEP = "machine_end_beep"
    MACHINE_END_SILENCE = "machine_end_silence"
    MACHINE_END_OTHER = "machine_end_other"

    @classmethod
    def _missing_(cls, value: object) -> VoicemailDetectionType | None:
        return open_enum_member(cls, value)


class ClientMessage(str, Enum):
    """
    A type of message sent to your Client SDKs.
    """

    TRANSCRIPT = "transcript"
    HANG = "hang"
    TOOL_CALLS = "tool-calls"
    SPEECH_UPDATE = "speech-update"
    METADATA = "metadata"
    CONVERSATION_UPDATE = "conversation-update"

    @classmethod
    def _missing_(cls, value: object) -> ClientMessage | None:
        return open_enum_member(cls, value)


class ServerMessage(str, Enum):
    """
    A type of message sent to your Server URL.
    """

    END_OF_CALL_REPORT = "end-of-call-report"
    STATUS_UPDATE = "status-update"
    HANG = "hang"
    TOOL_CALLS = "tool-calls"

    @classmethod
    def _missing_(cls, value: object) -> ServerMessage | None:
        return open_enum_member(cls, value)


class BackgroundSound(str, Enum):
    """
    The background sound played during the call.
    """

    OFF = "off"
    OFFICE = "office"

    @classmethod
    def _missing_(cls, value: object) -> BackgroundSound | None:
        return open_enum_member(cls, value)


class Customer(BaseModel):
    """
    A transient customer, defined inline on the call.
    """

    number: str | None = None
    """
    This is the number of the customer.
    """
    name: str | None = None
    """
    This is the name of the customer. This is just for your own reference.
    """
    extension: str | None = None
    """
    This is the extension that will be dialed after the call is answered.
    """


class PhoneNumber(BaseModel):
    """
    A transient Twilio phone number, defined inline on the call.
    """

    twilio_phone_number: Annotated[str | None, Field(alias="twilioPhoneNumber")] = None
    """
    These are the digits of the phone number you own on your Twilio.
    """
    twilio_account_sid: Annotated[str | None, Field(alias="twilioAccountSid")] = None
    """
    This is your Twilio Account SID that will be used to handle this phone number.
    """
    twilio_auth_token: Annotated[str | None, Field(alias="twilioAuthToken", repr=False)] = None
    """
    This is the Twilio Auth Token that will be used to handle this phone number.
    """
    name: str | None = None
    """
    This is the name of the phone number. This is just for your own reference.
    """
    assistant_id: Annotated[str | None, Field(alias="assistantId")] = None
    """
    This is the assistant that will be used for incoming calls to this phone number.
    """
    server_url: Annotated[str | None, Field(alias="serverUrl")] = None
    server_url_secret: Annotated[str | None, Field(alias="serverUrlSecret", repr=False)] = None


class DeleteCallBody(BaseModel):
    ids: list[str] | None = None
    """
    These are the Call IDs to be bulk deleted.
    If provided, the call ID if any in the request query will be ignored
    When requesting a bulk delete, updates when a call is deleted will be sent as a webhook to the server URL configured in the Org settings.
    It may take up to a few hours to complete the bulk delete, and will be asynchronous.
    """


class UpdateCallBody(BaseModel):
    name: Annotated[str | None, Field(max_length=40)] = None
    """
    This is the name of the call. This is just for your own reference.
    """


class ToolMessageStart(BaseModel):
    """
    A message the assistant says when the tool call starts.
    """

    type: ToolMessageStartType | None = None
    """
    This message is triggered when the tool call starts.
    """
    content: str | None = None
    """
    This is the content that the assistant says when this message is triggered.
    """
    conditions: list[Condition] | None = None
    """
    This is an optional array of conditions that the tool call arguments must meet in order for this message to be triggered.
    """


class OpenAIFunction(BaseModel):
    """
    A function definition passed to the LLM, in OpenAI function-calling format.
    """

    name: str | None = None
    """
    This is the the name of the function to be called.

    Must be a-z, A-Z, 0-9, or contain underscores and dashes, with a maximum length of 64.
    """
    description: str | None = None
    """
    This is the description of what the function does, used by the AI to choose when and how to call the function.
    """
    parameters: OpenAIFunctionParameters | None = None
    """
    These are the parameters the functions accepts, described as a JSON Schema object.
    """


class AzureVoice(BaseModel):
    """
    Azure text-to-speech settings for the assistant.
    """

    input_min_characters: Annotated[float | None, Field(alias="inputMinCharacters")] = None
    """
    This is the minimum number of characters in a chunk.
    """
    input_punctuation_boundaries: Annotated[
        list[PunctuationBoundary] | None, Field(alias="inputPunctuationBoundaries")
    ] = None
    """
    These are the punctuations that are considered valid boundaries for a chunk to be created.
    """
    filler_injection_enabled: Annotated[bool | None, Field(alias="fillerInjectionEnabled")] = None
    provider: AzureVoiceProvider | None = None
    """
    This is the voice provider that will be used.
    """
    voice_id: Annotated[str | None, Field(alias="voiceId", examples=["andrew"])] = None
    """
    This is the provider-specific ID that will be used.
    """
    speed: float | None = None
    """
    This is the speed multiplier that will be used.
    """


class TransferCallTool(BaseModel):
    """
    A tool that lets the assistant transfer the call to another destination.
    """

    type: TransferCallToolType | None = None
    messages: list[ToolMessageStart] | None = None
    """
    Messages spoken while the tool is running.
    """
    destinations: list[dict[str, Any]] | None = None
    """
    These are the destinations that the call can be transferred to. If no destinations are provided, server.url will be used to get the transfer destination once the tool is called.
    """
    server: Server | None = None
    """
    This is the server where a `tool-calls` webhook will be sent.
    """
    function: OpenAIFunction | None = None
    """
    This is the function definition of the tool.
    """


class OpenAIModel(BaseModel):
    """
    OpenAI language-model settings for the assistant.
    """

    messages: list[OpenAIMessage] | None = None
    """
    This is the starting state for the conversation.
    """
    tools: list[TransferCallTool] | None = None
    """
    These are the tools that the assistant can use during the call.
    """
    provider: OpenAIModelProvider | None = None
    """
    This is the provider that will be used for the model.
    """
    model: Annotated[str | None, Field(examples=["gpt-4o"])] = None
    """
    This is the OpenAI model that will be used.
    """
    fallback_models: Annotated[
        list[str] | None,
        Field(alias="fallbackModels", examples=[["gpt-4-0125-preview", "gpt-4-0613"]]),
    ] = None
    """
    These are the fallback models that will be used if the primary model fails. This shouldn't be specified unless you have a specific reason to do so. Vapi will automatically find the fastest fallbacks that make sense.
    """
    semantic_caching_enabled: Annotated[bool | None, Field(alias="semanticCachingEnabled")] = None
    num_fast_turns: Annotated[float | None, Field(alias="numFastTurns")] = None
    """
    This sets how many turns at the start of the conversation to use a smaller, faster model from the same provider before switching to the primary model. Example, gpt-3.5-turbo if provider is openai.

    Default is 0.
    """
    temperature: float | None = None
    """
    This is the temperature that will be used for calls. Default is 0.5.
    """
    knowledge_base: Annotated[KnowledgeBase | None, Field(alias="knowledgeBase")] = None
    """
    These are the options for the knowledge base.
    """
    max_tokens: Annotated[float | None, Field(alias="maxTokens")] = None
    """
    This is the max number of tokens that the assistant will be allowed to generate in each turn of the conversation. Default is 250.
    """
    emotion_recognition_enabled: Annotated[
        bool | None, Field(alias="emotionRecognitionEnabled")
    ] = None
    """
    This determines whether we detect user's emotion while they speak and send it as an additional info to model.

    Default `false` because the model is usually are good at understanding the user's emotion from text.
    """


class AssistantOverrides(BaseModel):
    """
    Overrides for the assistant's settings and template variables, applied to this call only.
    """

    transcriber: DeepgramTranscriber | None = None
    """
    These are the options for the assistant's transcriber.
    """
    model: OpenAIModel | None = None
    """
    These are the options for the assistant's LLM.
    """
    voice: AzureVoice | None = None
    """
    These are the options for the assistant's voice.
    """
    forwarding_phone_number: Annotated[str | None, Field(alias="forwardingPhoneNumber")] = None
    first_message_mode: Annotated[FirstMessageMode | None, Field(alias="firstMessageMode")] = None
    """
    This is the mode for the first message. Default is 'assistant-speaks-first'.

    Use:
    - 'assistant-speaks-first' to have the assistant speak first.
    - 'assistant-waits-for-user' to have the assistant wait for the user to speak first.
    - 'assistant-speaks-first-with-model-generated-message' to have the assistant speak first with a message generated by the model based on the conversation state.
    """
    voicemail_detection_types: Annotated[
        list[VoicemailDetectionType] | None, Field(alias="voicemailDetectionTypes")
    ] = None
    """
    These are the AMD messages from Twilio that are considered as voicemail.
    """
    recording_enabled: Annotated[bool | None, Field(alias="recordingEnabled")] = None
    """
    This determines whether assistant's calls are recorded. Defaults to true.
    """
    end_call_function_enabled: Annotated[bool | None, Field(alias="endCallFunctionEnabled")] = None
    dial_keypad_function_enabled: Annotated[
        bool | None, Field(alias="dialKeypadFunctionEnabled")
    ] = None
    hipaa_enabled: Annotated[bool | None, Field(alias="hipaaEnabled")] = None
    """
    When this is enabled, logs, recordings, and transcriptions will be stored in HIPAA-compliant storage. Defaults to false.
    """
    client_messages: Annotated[list[ClientMessage] | None, Field(alias="clientMessages")] = None
    """
    These are the messages that will be sent to your Client SDKs. You can check the shape of the messages in ClientMessage schema.
    """
    server_messages: Annotated[list[ServerMessage] | None, Field(alias="serverMessages")] = None
    """
    These are the messages that will be sent to your Server URL. You can check the shape of the messages in ServerMessage schema.
    """
    silence_timeout_seconds: Annotated[float | None, Field(alias="silenceTimeoutSeconds")] = None
    """
    This is the number of seconds of silence to wait before ending the call. Defaults to 30.
    """
    response_delay_seconds: Annotated[float | None, Field(alias="responseDelaySeconds")] = None
    llm_request_delay_seconds: Annotated[float | None, Field(alias="llmRequestDelaySeconds")] = None
    num_words_to_interrupt_assistant: Annotated[
        float | None, Field(alias="numWordsToInterruptAssistant")
    ] = None
    max_duration_seconds: Annotated[float | None, Field(alias="maxDurationSeconds")] = None
    """
    This is the maximum number of seconds that the call will last. When the call reaches this duration, it will be ended.
    """
    background_sound: Annotated[BackgroundSound | None, Field(alias="backgroundSound")] = None
    """
    This is the background sound in the call. Default for phone calls is 'office' and default for web calls is 'off'.
    """
    backchanneling_enabled: Annotated[bool | None, Field(alias="backchannelingEnabled")] = None
    variable_values: Annotated[dict[str, Any] | None, Field(alias="variableValues")] = None
    """
    These are values that will be used to replace the template variables in the assistant messages and other text-based fields.
    This uses LiquidJS syntax. https://liquidjs.com/tutorials/intro-to-liquid.html

    So for example, `{{ name }}` will be replaced with the value of `name` in `variableValues`.
    """
    name: str | None = None
    """
    This is the name of the assistant.

    This is required when you want to transfer between assistants in a call.
    """
    first_message: Annotated[str | None, Field(alias="firstMessage")] = None
    """
    This is the first message that the assistant will say. This can also be a URL to a containerized audio file (mp3, wav, etc.).

    If unspecified, assistant will wait for user to speak and use the model to respond once they speak.
    """
    voicemail_detection_enabled: Annotated[
        bool | None, Field(alias="voicemailDetectionEnabled")
    ] = None
    voicemail_message: Annotated[str | None, Field(alias="voicemailMessage")] = None
    """
    This is the message that the assistant will say if the call is forwarded to voicemail.

    If unspecified, it will hang up.
    """
    end_call_message: Annotated[str | None, Field(alias="endCallMessage")] = None
    """
    This is the message that the assistant will say if it ends the call.

    If unspecified, it will hang up without saying anything.
    """
    end_call_phrases: Annotated[list[str] | None, Field(alias="endCallPhrases")] = None
    """
    This list contains phrases that, if spoken by the assistant, will trigger the call to be hung up. Case insensitive.
    """
    metadata: dict[str, Any] | None = None
    """
    This is for metadata you want to store on the assistant.
    """
    server_url: Annotated[str | None, Field(alias="serverUrl")] = None
    server_url_secret: Annotated[str | None, Field(alias="serverUrlSecret", repr=False)] = None
    summary_prompt: Annotated[str | None, Field(alias="summaryPrompt")] = None


class Assistant(BaseModel):
    """
    A transient assistant, defined inline on the call.
    """

    transcriber: DeepgramTranscriber | None = None
    """
    These are the options for the assistant's transcriber.
    """
    model: OpenAIModel | None = None
    """
    These are the options for the assistant's LLM.
    """
    voice: AzureVoice | None = None
    """
    These are the options for the assistant's voice.
    """
    forwarding_phone_number: Annotated[str | None, Field(alias="forwardingPhoneNumber")] = None
    first_message_mode: Annotated[FirstMessageMode | None, Field(alias="firstMessageMode")] = None
    """
    This is the mode for the first message. Default is 'assistant-speaks-first'.

    Use:
    - 'assistant-speaks-first' to have the assistant speak first.
    - 'assistant-waits-for-user' to have the assistant wait for the user to speak first.
    - 'assistant-speaks-first-with-model-generated-message' to have the assistant speak first with a message generated by the model based on the conversation state.
    """
    voicemail_detection_types: Annotated[
        list[VoicemailDetectionType] | None, Field(alias="voicemailDetectionTypes")
    ] = None
    """
    These are the AMD messages from Twilio that are considered as voicemail.
    """
    recording_enabled: Annotated[bool | None, Field(alias="recordingEnabled")] = None
    """
    This determines whether assistant's calls are recorded. Defaults to true.
    """
    end_call_function_enabled: Annotated[bool | None, Field(alias="endCallFunctionEnabled")] = None
    dial_keypad_function_enabled: Annotated[
        bool | None, Field(alias="dialKeypadFunctionEnabled")
    ] = None
    hipaa_enabled: Annotated[bool | None, Field(alias="hipaaEnabled")] = None
    """
    When this is enabled, logs, recordings, and transcriptions will be stored in HIPAA-compliant storage. Defaults to false.
    """
    client_messages: Annotated[list[ClientMessage] | None, Field(alias="clientMessages")] = None
    """
    These are the messages that will be sent to your Client SDKs. You can check the shape of the messages in ClientMessage schema.
    """
    server_messages: Annotated[list[ServerMessage] | None, Field(alias="serverMessages")] = None
    """
    These are the messages that will be sent to your Server URL. You can check the shape of the messages in ServerMessage schema.
    """
    silence_timeout_seconds: Annotated[float | None, Field(alias="silenceTimeoutSeconds")] = None
    """
    This is the number of seconds of silence to wait before ending the call. Defaults to 30.
    """
    response_delay_seconds: Annotated[float | None, Field(alias="responseDelaySeconds")] = None
    llm_request_delay_seconds: Annotated[float | None, Field(alias="llmRequestDelaySeconds")] = None
    num_words_to_interrupt_assistant: Annotated[
        float | None, Field(alias="numWordsToInterruptAssistant")
    ] = None
    max_duration_seconds: Annotated[float | None, Field(alias="maxDurationSeconds")] = None
    """
    This is the maximum number of seconds that the call will last. When the call reaches this duration, it will be ended.
    """
    background_sound: Annotated[BackgroundSound | None, Field(alias="backgroundSound")] = None
    """
    This is the background sound in the call. Default for phone calls is 'office' and default for web calls is 'off'.
    """
    backchanneling_enabled: Annotated[bool | None, Field(alias="backchannelingEnabled")] = None
    name: str | None = None
    """
    This is the name of the assistant.

    This is required when you want to transfer between assistants in a call.
    """
    first_message: Annotated[str | None, Field(alias="firstMessage")] = None
    """
    This is the first message that the assistant will say. This can also be a URL to a containerized audio file (mp3, wav, etc.).

    If unspecified, assistant will wait for user to speak and use the model to respond once they speak.
    """
    voicemail_detection_enabled: Annotated[
        bool | None, Field(alias="voicemailDetectionEnabled")
    ] = None
    voicemail_message: Annotated[str | None, Field(alias="voicemailMessage")] = None
    """
    This is the message that the assistant will say if the call is forwarded to voicemail.

    If unspecified, it will hang up.
    """
    end_call_message: Annotated[str | None, Field(alias="endCallMessage")] = None
    """
    This is the message that the assistant will say if it ends the call.

    If unspecified, it will hang up without saying anything.
    """
    end_call_phrases: Annotated[list[str] | None, Field(alias="endCallPhrases")] = None
    """
    This list contains phrases that, if spoken by the assistant, will trigger the call to be hung up. Case insensitive.
    """
    metadata: dict[str, Any] | None = None
    """
    This is for metadata you want to store on the assistant.
    """
    server_url: Annotated[str | None, Field(alias="serverUrl")] = None
    server_url_secret: Annotated[str | None, Field(alias="serverUrlSecret", repr=False)] = None
    summary_prompt: Annotated[str | None, Field(alias="summaryPrompt")] = None


class CreateCallBody(BaseModel):
    name: Annotated[str | None, Field(max_length=40)] = None
    """
    This is the name of the call. This is just for your own reference.
    """
    assistant_id: Annotated[str | None, Field(alias="assistantId")] = None
    """
    This is the assistant ID that will be used for the call. To use a transient assistant, use `assistant` instead.
    """
    assistant_version: Annotated[str | None, Field(alias="assistantVersion")] = None
    """
    This is the assistant version to use for this call. Supported only with
    direct `assistantId`. Omit to follow the latest version.
    """
    assistant: Assistant | None = None
    """
    This is the assistant that will be used for the call. To use an existing assistant, use `assistantId` instead.
    """
    assistant_overrides: Annotated[AssistantOverrides | None, Field(alias="assistantOverrides")] = (
        None
    )
    """
    These are the overrides for the `assistant` or `assistantId`'s settings and template variables.
    """
    phone_number_id: Annotated[str | None, Field(alias="phoneNumberId")] = None
    """
    This is the phone number that will be used for the call. To use a transient number, use `phoneNumber` instead.

    Only relevant for `outboundPhoneCall` and `inboundPhoneCall` type.
    """
    phone_number: Annotated[PhoneNumber | None, Field(alias="phoneNumber")] = None
    """
    This is the phone number that will be used for the call. To use an existing number, use `phoneNumberId` instead.

    Only relevant for `outboundPhoneCall` and `inboundPhoneCall` type.
    """
    customer_id: Annotated[str | None, Field(alias="customerId")] = None
    """
    This is the customer that will be called. To call a transient customer , use `customer` instead.

    Only relevant for `outboundPhoneCall` and `inboundPhoneCall` type.
    """
    customer: Customer | None = None
    """
    This is the customer that will be called. To call an existing customer, use `customerId` instead.

    Only relevant for `outboundPhoneCall` and `inboundPhoneCall` type.
    """


class Call(BaseModel):
    """
    A phone or web call handled by a Vapi assistant.
    """

    type: CallType | None = None
    """
    This is the type of call.
    """
    phone_call_provider: Annotated[
        CallPhoneCallProvider | None, Field(alias="phoneCallProvider")
    ] = None
    """
    This is the provider of the call.

    Only relevant for outboundPhoneCall and inboundPhoneCall type.
    """
    phone_call_transport: Annotated[
        CallPhoneCallTransport | None, Field(alias="phoneCallTransport")
    ] = None
    """
    This is the transport of the phone call.

    Only relevant for outboundPhoneCall and inboundPhoneCall type.
    """
    status: CallStatus | None = None
    """
    This is the status of the call.
    """
    ended_reason: Annotated[CallEndedReason | None, Field(alias="endedReason")] = None
    """
    This is the explanation for how the call ended.
    """
    max_duration_seconds: Annotated[float | None, Field(alias="maxDurationSeconds")] = None
    """
    This is the maximum number of seconds that the call will last. When the call reaches this duration, it will be ended.
    """
    id: str
    """
    This is the unique identifier for the call.
    """
    org_id: Annotated[str, Field(alias="orgId")]
    """
    This is the unique identifier for the org that this call belongs to.
    """
    created_at: Annotated[datetime, Field(alias="createdAt")]
    """
    This is the ISO 8601 date-time string of when the call was created.
    """
    updated_at: Annotated[datetime, Field(alias="updatedAt")]
    """
    This is the ISO 8601 date-time string of when the call was last updated.
    """
    started_at: Annotated[datetime | None, Field(alias="startedAt")] = None
    """
    This is the ISO 8601 date-time string of when the call was started.
    """
    ended_at: Annotated[datetime | None, Field(alias="endedAt")] = None
    """
    This is the ISO 8601 date-time string of when the call was ended.
    """
    cost: float | None = None
    """
    This is the cost of the call in USD.
    """
    cost_breakdown: Annotated[CostBreakdown | None, Field(alias="costBreakdown")] = None
    """
    This is the cost of the call in USD.
    """
    transcript: str | None = None
    """
    This is the transcript of the call.
    """
    recording_url: Annotated[str | None, Field(alias="recordingUrl")] = None
    """
    This is the URL of the recording of the call.
    """
    stereo_recording_url: Annotated[str | None, Field(alias="stereoRecordingUrl")] = None
    """
    This is the URL of the recording of the call in two channels.
    """
    summary: str | None = None
    """
    This is the summary of the call.
    """
    messages: list[dict[str, Any]] | None = None
    """
    These are the messages that were spoken during the call.
    """
    phone_call_provider_id: Annotated[str | None, Field(alias="phoneCallProviderId")] = None
    """
    The ID of the call as provided by the phone number service. callSid in Twilio. conversationUuid in Vonage.

    Only relevant for outboundPhoneCall and inboundPhoneCall type.
    """
    phone_call_provider_bypass_enabled: Annotated[
        bool | None, Field(alias="phoneCallProviderBypassEnabled")
    ] = None
    """
    If enabled, prevents Vapi from initiating calls directly. Defaults to disabled. Suitable for external call handling, such as with Twilio Studio Flow, with integration details provided in phoneCallProviderDetails.

    Only relevant for outboundPhoneCall and inboundPhoneCall types.
    """
    phone_call_provider_details: Annotated[
        PhoneCallProviderDetails | None, Field(alias="phoneCallProviderDetails")
    ] = None
    """
    This is the phone call provider details to bridge the assistant into the external call. Only filled if phoneCallProviderBypassEnabled is true.

    Only relevant for outboundPhoneCall and inboundPhoneCall types.
    """
    web_call_url: Annotated[str | None, Field(alias="webCallUrl")] = None
    web_call_sip_uri: Annotated[str | None, Field(alias="webCallSipUri")] = None
    """
    This is the SIP URI of the call that the assistant will join.

    Only relevant for webCall type.
    """
    forwarded_phone_number: Annotated[str | None, Field(alias="forwardedPhoneNumber")] = None
    """
    This is the phone number that the call was forwarded to.
    """
    assistant_id: Annotated[str | None, Field(alias="assistantId")] = None
    """
    This is the assistant that will be used for the call. To use a transient assistant, use assistant instead.
    """
    assistant_overrides: Annotated[AssistantOverrides | None, Field(alias="assistantOverrides")] = (
        None
    )
    """
    Overrides for the assistant's settings and template variables.
    """
    assistant: Assistant | None = None
    """
    This is the assistant that will be used for the call. To use an existing assistant, use assistantId instead.
    """
    customer_id: Annotated[str | None, Field(alias="customerId")] = None
    """
    This is the customer that will be called. To call a transient customer , use customer instead.

    Only relevant for outboundPhoneCall and inboundPhoneCall type.
    """
    customer: Customer | None = None
    """
    This is the customer that will be called. To call an existing customer, use customerId instead.

    Only relevant for outboundPhoneCall and inboundPhoneCall type.
    """
    phone_number_id: Annotated[str | None, Field(alias="phoneNumberId")] = None
    """
    This is the phone number that will be used for the call. To use a transient number, use phoneNumber instead.

    Only relevant for outboundPhoneCall and inboundPhoneCall type.
    """
    phone_number: Annotated[PhoneNumber | None, Field(alias="phoneNumber")] = None
    """
    This is the phone number that will be used for the call. To use an existing number, use phoneNumberId instead.

    Only relevant for outboundPhoneCall and inboundPhoneCall type.
    """
    metadata: dict[str, Any] | None = None
    """
    This is the metadata associated with the call.
    """
