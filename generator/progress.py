"""What a long ``generate`` is doing, shown on a terminal: each stage as it starts, and how many
files black has formatted (the whole Vapi spec takes about a minute from scratch).

The stages report to :func:`current`, which does nothing unless the CLI installed a
:class:`TerminalProgress` (only for ``generate``, only when stderr is a terminal, never with
``--quiet``), so piped output, ``check`` and the tests that read stderr see exactly what they
saw before.
"""

from __future__ import annotations

import time
from typing import TextIO


class Progress:
    """The silent default: every report is dropped."""

    def stage(self, name: str) -> None:
        """A new stage starts."""

    def count(self, done: int, total: int, what: str) -> None:
        """``done`` of ``total`` items of the current stage are finished."""

    def finish(self) -> None:
        """The run is over (successfully or not): leave the terminal on a fresh line."""


class TerminalProgress(Progress):
    """One line per stage on ``stream``; counts update that line in place, at most 10 times a second."""

    def __init__(self, stream: TextIO, prefix: str = "generate") -> None:
        self._stream = stream
        self._prefix = prefix
        self._line = ""  # the stage line now on screen, without its count
        self._open = False  # the cursor is at the end of a line we wrote
        self._started = time.monotonic()
        self._last_count = 0.0

    def stage(self, name: str) -> None:
        self._end_line()
        self._line = f"{self._prefix}: [{time.monotonic() - self._started:5.1f}s] {name}"
        self._write(self._line)

    def count(self, done: int, total: int, what: str) -> None:
        now = time.monotonic()
        if done < total and now - self._last_count < 0.1:
            return
        self._last_count = now
        self._write(f"\r\x1b[K{self._line}: {done}/{total} {what}")

    def finish(self) -> None:
        self._end_line()

    def _write(self, text: str) -> None:
        self._stream.write(text)
        self._stream.flush()
        self._open = True

    def _end_line(self) -> None:
        if self._open:
            self._stream.write("\n")
            self._stream.flush()
            self._open = False


_current: Progress = Progress()


def current() -> Progress:
    return _current


def install(progress: Progress) -> Progress:
    """Make ``progress`` the one stages report to; returns the one it replaces."""
    global _current
    previous, _current = _current, progress
    return previous
