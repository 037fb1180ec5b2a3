"""A response handed over unread gives its connection back when nothing holds it any more.

An event stream (or a raw response to one) keeps its connection out of the pool until its
body is read or it is closed. A caller who drops the object without doing either would
otherwise leak that connection for as long as the process lives (httpx does not close a
response it collects), and a pool whose connections all leaked makes every later call wait
for one. :func:`close_when_dropped` ties the response's release to the object that owns it.

The sync client's response is closed from the finaliser itself. The async client's needs an
``await``, which a finaliser cannot do: it is handed to the asyncio event loop the response
was made on, as asyncio itself does for an async generator left unfinished. Under another
event loop (trio) there is nothing to hand it to: close such a stream with ``async with``,
``await stream.close()``, or by reading it to the end.
"""

from __future__ import annotations

import sys
import weakref
from typing import Any

import httpx

__all__ = ["close_when_dropped"]

# The tasks closing dropped async responses (asyncio keeps only weak references to tasks).
_closing: set[Any] = set()


def close_when_dropped(owner: object, response: httpx.Response) -> weakref.finalize[..., Any]:
    """Close ``response`` when ``owner`` is garbage (``detach()`` the result to hand it on)."""
    finalizer: weakref.finalize[..., Any]
    if isinstance(response.stream, httpx.AsyncByteStream):
        finalizer = weakref.finalize(owner, _aclose_soon, response, _running_asyncio_loop())
    else:
        finalizer = weakref.finalize(owner, response.close)
    finalizer.atexit = False  # at exit the process lets go of every connection anyway
    return finalizer


def _running_asyncio_loop() -> Any:
    asyncio = sys.modules.get("asyncio")  # imported by any asyncio program; not imported here
    if asyncio is None:
        return None
    try:
        return asyncio.get_running_loop()
    except RuntimeError:  # another event loop (trio), or none
        return None


def _aclose_soon(response: httpx.Response, loop: Any) -> None:
    if response.is_closed or loop is None or loop.is_closed():
        return
    try:
        loop.call_soon_threadsafe(_start_aclose, loop, response)
    except RuntimeError:  # the loop closed meanwhile
        pass


def _start_aclose(loop: Any, response: httpx.Response) -> None:
    task = loop.create_task(response.aclose())
    _closing.add(task)
    task.add_done_callback(_forget)


def _forget(task: Any) -> None:
    _closing.discard(task)
    if not task.cancelled():
        task.exception()  # a connection that failed to close is gone all the same
