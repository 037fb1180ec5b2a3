from __future__ import annotations

from typing import Annotated

from pydantic import Field

from .._models import BaseModel


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
