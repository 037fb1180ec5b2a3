"""``NOT_GIVEN``: "this argument was left out", distinct from ``None`` (which may mean null)."""

from __future__ import annotations

__all__ = ["NOT_GIVEN", "NotGiven"]


class NotGiven:
    """The default of arguments that are not sent unless given, and of per-call options."""

    def __bool__(self) -> bool:
        return False

    def __repr__(self) -> str:
        return "NOT_GIVEN"


NOT_GIVEN = NotGiven()
