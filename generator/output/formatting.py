"""Stage 6: black on every Python file; a file that does not compile is a bug.

black is the slowest stage, so it does only what is needed. The runtime modules copied as
they are (``preformatted``) were black-formatted when they were written. With a cache, a file
is formatted only when its unformatted text is new (after a spec edit most files come out of
the templates exactly as last time; black's version and mode are part of every key). Unless
the work is small, the files are shared out to one forked worker process per CPU, largest
first, so the last file to finish is a small one.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor

from ..common import forked, layout
from .. import progress
from ..common.stagecache import StageCache

# Below this much text, starting worker processes costs more than it saves (black is imported
# before the fork, so a worker starts in milliseconds).
_PARALLEL_FROM = 20_000  # characters, about a tenth of a second of black on one core


class GeneratedCodeError(Exception):
    """The generator produced invalid Python: a bug in the generator, never in the spec.

    ``path`` is the file and ``problem`` what is wrong with it, so that the file's model or
    operations can be left out instead (generator/output/salvage.py)."""

    def __init__(self, path: str, problem: str) -> None:
        super().__init__(f"{path}: {problem}")
        self.path = path
        self.problem = problem

    def __reduce__(self) -> tuple[type[GeneratedCodeError], tuple[str, str]]:
        return (GeneratedCodeError, (self.path, self.problem))  # it crosses from a forked black worker


def format_files(
    files: dict[str, str],
    cache: StageCache | None = None,
    preformatted: frozenset[str] = frozenset(),
    lay_out: frozenset[str] = frozenset(),
) -> dict[str, str]:
    """``files`` with every Python file black-formatted, except the ``preformatted`` ones; the
    ``lay_out`` ones (not written in black's style) are laid out first (generator/common/layout.py),
    so that black's first pass is more often its only one."""
    result = {}
    pending: dict[str, tuple[str, str]] = {}  # path -> (cache key, unformatted text)
    for path, text in files.items():
        if not path.endswith(".py") or path in preformatted:
            result[path] = text
            continue
        key = cache.key("black", text) if cache else ""
        cached = cache.get("format", key) if cache else None
        if cached is not None:
            result[path] = cached.decode("utf-8")
        else:
            pending[path] = (key, text)
    report = progress.current()
    unchanged = sum(path.endswith(".py") and path not in preformatted for path in files) - len(pending)
    what = "files formatted" + (f" ({unchanged} more unchanged since an earlier run)" if unchanged else "")
    report.count(0, len(pending), what)
    texts = {path: text for path, (_, text) in pending.items()}
    for done, (path, formatted) in enumerate(_format_all(texts, lay_out), 1):
        report.count(done, len(pending), what)
        result[path] = formatted
        if cache:
            cache.put("format", pending[path][0], formatted.encode("utf-8"))
    return dict(sorted(result.items()))


def _format_all(texts: dict[str, str], lay_out: frozenset[str] = frozenset()) -> Iterator[tuple[str, str]]:
    """(path, formatted text) for each file, one at a time, as they are done."""
    paths = sorted(texts, key=lambda path: (-len(texts[path]), path))  # largest first
    workers = min(len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else 1, len(paths))
    if workers < 2 or sum(map(len, texts.values())) < _PARALLEL_FROM or not forked.can_fork():
        for path in paths:
            yield path, format_python(path, texts[path], path in lay_out)
        return
    import multiprocessing

    import black  # noqa: F401  (imported once here, inherited by the forked workers)

    # "fork" (see generator.common.forked): the workers start at once, share the parent's memory
    # copy-on-write, and never re-import the caller's __main__, as "spawn" would do to a
    # script without an `if __name__ == "__main__"` guard.
    with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork")) as pool:
        yield from zip(paths, pool.map(format_python, paths, [texts[p] for p in paths], [p in lay_out for p in paths]))


def format_python(path: str, text: str, lay_out: bool = False) -> str:
    """``text`` black-formatted; ``lay_out``: given :func:`layout.module`'s head start first."""
    import black  # imported on a cache miss only: it is a tenth of a second to import

    mode = black.Mode(target_versions={black.TargetVersion.PY310}, line_length=100)
    try:
        compile(text, path, "exec")
        if lay_out:
            try:
                # When black's first pass changes nothing, it skips its second (stability)
                # pass, which costs as much again.
                return black.format_str(layout.module(text), mode=mode)
            except (black.InvalidInput, ValueError):
                pass  # the layout is only ever a head start: black on the text as it came
        return black.format_str(text, mode=mode)
    except (SyntaxError, black.InvalidInput, ValueError) as exc:
        raise GeneratedCodeError(path, f"generated code is not valid Python: {exc}") from None
