from __future__ import annotations

from typing import Annotated, TypeAlias, Union

from pydantic import Discriminator, Tag

from .._unions import TagOf, UNKNOWN_TAG, UnknownVariant
from .deepgram_transcriber import DeepgramTranscriber

Transcriber: TypeAlias = Annotated[
    Union[
        Annotated[DeepgramTranscriber, Tag("DeepgramTranscriber")],
        Annotated[UnknownVariant, Tag(UNKNOWN_TAG)],
    ],
    Discriminator(TagOf("provider", {"deepgram": "DeepgramTranscriber"})),
]
