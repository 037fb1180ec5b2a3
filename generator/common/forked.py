"""The generator's only parallelism: work handed to forked child processes.

Used for the two slow stages that do not depend on each other's results (openapi-spec-validator
runs while datamodel-code-generator does) and for black over many files. Forking is used only
where it is safe: on Linux, from a process with a single thread (a fork copies only the calling
thread, and a lock another thread held would stay locked in the child). Elsewhere the same work
runs in the process itself, with the same results.
"""

from __future__ import annotations

import sys
import threading
from collections.abc import Callable
from typing import TYPE_CHECKING, TypeVar

if TYPE_CHECKING:
    from multiprocessing.connection import Connection

T = TypeVar("T")


def can_fork() -> bool:
    return sys.platform.startswith("linux") and threading.active_count() == 1


def start(function: Callable[[], T]) -> Callable[[], T]:
    """Start ``function`` in a forked child; the returned callable waits for its result.

    When forking is not safe, or the child fails in any way (an exception, a crash), the
    result is computed in this process instead, so a failure surfaces here, as it would have
    without the child.
    """
    if not can_fork():
        return function
    import multiprocessing

    context = multiprocessing.get_context("fork")
    reader, writer = context.Pipe(duplex=False)
    process = context.Process(target=_run_and_send, args=(function, writer), daemon=True)
    process.start()
    writer.close()

    def result() -> T:
        try:
            succeeded, value = reader.recv()
        except (EOFError, OSError):
            succeeded, value = False, None
        finally:
            reader.close()
            process.join()
        return value if succeeded else function()

    return result


def _run_and_send(function: Callable[[], object], writer: Connection) -> None:
    try:
        outcome = (True, function())
    except BaseException:  # the parent computes it again, and sees the error itself
        outcome = (False, None)
    writer.send(outcome)
