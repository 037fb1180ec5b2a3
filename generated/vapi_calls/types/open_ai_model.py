from __future__ import annotations

from typing import Annotated

from pydantic import Field

from .._models import BaseModel
from .knowledge_base import KnowledgeBase
from .open_ai_message import OpenAIMessage
from .open_ai_model_provider import OpenAIModelProvider
from .transfer_call_tool import TransferCallTool


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
