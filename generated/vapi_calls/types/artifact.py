from __future__ import annotations

from typing import Annotated, Any

from pydantic import Field

from .._models import BaseModel
from .open_ai_message import OpenAIMessage


class Artifact(BaseModel):
    """
    The artifacts of a call.
    """

    messages: list[dict[str, Any]] | None = None
    """
    These are the messages that were spoken during the call.
    """
    messages_open_ai_formatted: Annotated[
        list[OpenAIMessage] | None, Field(alias="messagesOpenAIFormatted")
    ] = None
    """
    These are the messages that were spoken during the call, formatted for OpenAI.
    """
    recording_url: Annotated[
        str | None, Field(alias="recordingUrl", json_schema_extra={"deprecated": True})
    ] = None
    """
    This is the recording url for the call.
    """
    stereo_recording_url: Annotated[
        str | None, Field(alias="stereoRecordingUrl", json_schema_extra={"deprecated": True})
    ] = None
    """
    This is the stereo recording url for the call.
    """
    transcript: str | None = None
    """
    This is the transcript of the call. This is derived from artifact.messages but provided for convenience.
    """
