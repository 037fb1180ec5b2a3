from __future__ import annotations

from typing import Annotated, TypeAlias, Union

from .._unions import TagOf, UnknownVariant
from .azure_voice import AzureVoice

Voice: TypeAlias = Annotated[
    Union[AzureVoice, UnknownVariant], TagOf("provider", {"azure": "AzureVoice"})
]
