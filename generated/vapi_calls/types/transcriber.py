from __future__ import annotations

from typing import Annotated, TypeAlias, Union

from .._unions import TagOf, UnknownVariant
from .deepgram_transcriber import DeepgramTranscriber

Transcriber: TypeAlias = Annotated[
    Union[DeepgramTranscriber, UnknownVariant],
    TagOf("provider", {"deepgram": "DeepgramTranscriber"}),
]
