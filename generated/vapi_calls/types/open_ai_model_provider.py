from __future__ import annotations

from enum import Enum

from .._models import open_enum_member


class OpenAIModelProvider(str, Enum):
    """
    This is the provider that will be used for the model.
    """

    OPENAI = "openai"

    @classmethod
    def _missing_(cls, value: object) -> OpenAIModelProvider | None:
        return open_enum_member(cls, value)

    @property
    def is_unknown(self) -> bool:
        """Whether the server sent a value this spec does not list (kept as ``value``)."""
        return type(self)._member_map_.get(self._name_) is not self
