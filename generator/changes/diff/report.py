"""The result of a comparison: each change and its class, the suggested version, the report."""

from __future__ import annotations

from dataclasses import dataclass

from .text import _code


BREAKING = "breaking"
NON_BREAKING = "non-breaking"
DOCUMENTATION = "documentation"
KINDS = (BREAKING, NON_BREAKING, DOCUMENTATION)
TITLES = {BREAKING: "Breaking", NON_BREAKING: "Non-breaking", DOCUMENTATION: "Documentation only"}

REQUEST, RESPONSE = "request", "response"


@dataclass(frozen=True)
class Change:
    kind: str  # BREAKING, NON_BREAKING or DOCUMENTATION
    place: str  # "`client.pets.list` (GET /pets), argument `limit`" or "`Pet.name` (#/components/...)"
    what: str  # "argument removed"
    old: str | None = None
    new: str | None = None
    note: str = ""  # why, when it is not obvious
    addition: bool = False  # adds to the surface: a minor version, where it does not break

    @property
    def message(self) -> str:
        text = self.what
        if self.old is not None and self.new is not None:
            text += f": {_code(self.old)} -> {_code(self.new)}"
        elif self.old is not None:
            text += f": was {_code(self.old)}"
        elif self.new is not None:
            text += f": {_code(self.new)}"
        if self.note:
            text += f" ({self.note})"
        return text

    def sort_key(self) -> tuple[int, str, str]:
        return (KINDS.index(self.kind), self.place, self.message)


@dataclass(frozen=True)
class Version:
    current: str
    suggested: str
    bump: str  # "major", "minor", "patch" or "none"
    reason: str


@dataclass(frozen=True)
class Report:
    old_label: str
    new_label: str
    package: str  # distribution name of the generated package
    changes: tuple[Change, ...]
    version: Version
    config_file: str  # where the version is set

    def count(self, kind: str) -> int:
        return sum(1 for c in self.changes if c.kind == kind)

    @property
    def breaking(self) -> bool:
        return any(c.kind == BREAKING for c in self.changes)
