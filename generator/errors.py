"""Errors the generator reports to a person, with the place in the spec they refer to.

Every problem with the input becomes one :class:`SpecError`. The CLI prints it as
``file:line:col: #/json/pointer: message`` and exits with status 2; nothing else in the
generator prints tracebacks for bad input.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Location:
    """Where in the spec file a value starts (1-based line and column) and its JSON pointer."""

    file: str
    pointer: str = "#"
    line: int | None = None
    column: int | None = None

    def __str__(self) -> str:
        place = self.file
        if self.line is not None:
            place += f":{self.line}"
            if self.column is not None:
                place += f":{self.column}"
        return f"{place}: {self.pointer}"


class SpecError(Exception):
    """The spec (or its generator config) cannot be turned into a client."""

    def __init__(self, location: Location, message: str) -> None:
        super().__init__(f"{location}: {message}")
        self.location = location
        self.message = message


@dataclass(frozen=True)
class Finding:
    """A problem that does not stop generation: printed as `warning:`, an error with --strict."""

    pointer: str
    message: str
    skips_operation: bool = False  # the operation at (or around) ``pointer`` is not generated
