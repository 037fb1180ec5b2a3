from __future__ import annotations

from typing import Annotated

from pydantic import Field

from .._models import BaseModel
from .azure_voice_provider import AzureVoiceProvider
from .punctuation_boundary import PunctuationBoundary


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
