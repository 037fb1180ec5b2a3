"""Stage 7: write the package so that the output directory is always the old tree or the new one.

The new tree is built beside the output (``.<name>.new-*``), then swapped in with one atomic
``renameat2(RENAME_EXCHANGE)`` where the platform has it (Linux); elsewhere with two renames
and a recovery step. Leftovers of an interrupted run are removed by the next run. Files the
generator no longer produces disappear with the old tree.

For tests only, ``CODEGEN_TEST_SLOW_WRITE=<seconds>`` in the environment makes
:func:`write_tree` sleep that long before each file it writes, and five times that long
right after the swap (while the old tree still sits beside the output), so that a test can
kill the process inside each window on purpose (``tests/test_crash_safety.py``). Unset, it
costs nothing and changes nothing.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import shutil
import tempfile
import time
from pathlib import Path

_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


def read_tree(root: Path) -> dict[str, bytes]:
    """Every file under ``root`` by POSIX relative path (empty when ``root`` does not exist)."""
    if not root.is_dir():
        return {}
    files = {}
    for path in sorted(root.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            files[path.relative_to(root).as_posix()] = path.read_bytes()
    return files


def cleanup_leftovers(out: Path) -> None:
    """Remove what an interrupted run left beside ``out`` and restore ``out`` if it was mid-swap."""
    parent = out.parent
    if not parent.is_dir():
        return
    old = sorted(parent.glob(f".{out.name}.old-*"))
    if not out.exists() and old:
        os.rename(old[-1], out)  # killed between the two renames of the fallback swap
        old = old[:-1]
    for leftover in [*old, *parent.glob(f".{out.name}.new-*")]:
        shutil.rmtree(leftover, ignore_errors=True)


def write_tree(out: Path, files: dict[str, bytes]) -> bool:
    """Make ``out`` contain exactly ``files``; return False when it already did."""
    out = out.resolve()
    cleanup_leftovers(out)
    if read_tree(out) == files:
        return False
    out.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out.name}.new-", dir=out.parent))
    pause = _test_pause()
    try:
        for relative, content in sorted(files.items()):
            if pause:
                time.sleep(pause)
            target = staging / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            with open(target, "wb") as handle:
                handle.write(content)
                handle.flush()
                os.fsync(handle.fileno())
        staging.chmod(0o755)
        _swap(staging, out)
        if pause:
            time.sleep(5 * pause)
    finally:
        shutil.rmtree(staging, ignore_errors=True)  # after the swap, this is the old tree
    return True


def _test_pause() -> float:
    """Seconds from ``CODEGEN_TEST_SLOW_WRITE`` (see the module docstring); 0 when unset."""
    try:
        return max(0.0, float(os.environ.get("CODEGEN_TEST_SLOW_WRITE") or 0))
    except ValueError:
        return 0.0


def _swap(new: Path, out: Path) -> None:
    if not out.exists():
        os.rename(new, out)
        new.mkdir()  # so the caller's cleanup has something to remove
        return
    if _exchange(new, out):
        return
    old = Path(tempfile.mkdtemp(prefix=f".{out.name}.old-", dir=out.parent))
    old.rmdir()
    os.rename(out, old)
    os.rename(new, out)
    os.rename(old, new)


def _exchange(a: Path, b: Path) -> bool:
    """Atomically exchange two paths (Linux renameat2); False where unsupported."""
    libc_name = ctypes.util.find_library("c")
    if not libc_name:
        return False
    libc = ctypes.CDLL(libc_name, use_errno=True)
    renameat2 = getattr(libc, "renameat2", None)
    if renameat2 is None:
        return False
    result = renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE)
    return result == 0
