from __future__ import annotations

from typing import Annotated, TypeAlias, Union

from .._unions import TagOf, UnknownVariant
from .open_ai_model import OpenAIModel

LanguageModel: TypeAlias = Annotated[
    Union[OpenAIModel, UnknownVariant], TagOf("provider", {"openai": "OpenAIModel"})
]
