from __future__ import annotations

from typing import Annotated, TypeAlias, Union

from pydantic import Discriminator, Tag

from .._unions import TagOf, UNKNOWN_TAG, UnknownVariant
from .open_ai_model import OpenAIModel

LanguageModel: TypeAlias = Annotated[
    Union[Annotated[OpenAIModel, Tag("OpenAIModel")], Annotated[UnknownVariant, Tag(UNKNOWN_TAG)]],
    Discriminator(TagOf("provider", {"openai": "OpenAIModel"})),
]
