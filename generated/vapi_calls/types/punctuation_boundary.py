from __future__ import annotations

from enum import Enum

from .._models import open_enum_member


class PunctuationBoundary(str, Enum):
    """
    A punctuation mark that may end a chunk of text sent to the voice provider.
    """

    IDEOGRAPHIC_FULL_STOP = "。"
    COMMA = ","
    FULL_STOP = "."
    EXCLAMATION_MARK = "!"
    QUESTION_MARK = "?"
    SEMICOLON = ";"
    RIGHT_PARENTHESIS = ")"
    ARABIC_COMMA = "،"
    URDU_FULL_STOP = "۔"
    DEVANAGARI_DANDA = "।"
    DEVANAGARI_DOUBLE_DANDA = "॥"
    PIPE = "|"
    DOUBLE_PIPE = "||"
    COLON = ":"

    @classmethod
    def _missing_(cls, value: object) -> PunctuationBoundary | None:
        return open_enum_member(cls, value)

    @property
    def is_unknown(self) -> bool:
        """Whether the server sent a value this spec does not list (kept as ``value``)."""
        return type(self)._member_map_.get(self._name_) is not self
