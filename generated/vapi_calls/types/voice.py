from __future__ import annotations

from typing import Annotated, TypeAlias, Union

from pydantic import Discriminator, Tag

from .._unions import TagOf, UNKNOWN_TAG, UnknownVariant
from .azure_voice import AzureVoice

Voice: TypeAlias = Annotated[
    Union[Annotated[AzureVoice, Tag("AzureVoice")], Annotated[UnknownVariant, Tag(UNKNOWN_TAG)]],
    Discriminator(TagOf("provider", {"azure": "AzureVoice"})),
]
