from __future__ import annotations

from typing import Annotated

from pydantic import Field

from .._models import BaseModel
from .deepgram_transcriber_provider import DeepgramTranscriberProvider


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
