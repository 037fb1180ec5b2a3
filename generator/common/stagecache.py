"""Remember the results of the expensive stages, keyed by a hash of everything they read.

A regeneration after a spec edit mostly repeats work whose inputs did not change: black on
files whose unformatted text is the same as last time, datamodel-code-generator on schemas
nobody touched, openapi-spec-validator on a document whose structure did not change (a
description edit). Each of those stages asks this cache first.

Safety: every key includes the toolchain (the generator's own sources, its templates, the
versions of the pinned tools and of Python), so changing any of them misses every entry.
Entries are written atomically (write, then rename) and read as plain data (text or JSON,
never pickle); an unreadable entry is a miss. Deleting ``.codegen-cache/`` is always safe.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import os
import sys
import tempfile
from importlib import metadata
from pathlib import Path

from . import resources

DEFAULT_DIR = resources.cache_dir() / "stages"
TOOLS = ("datamodel-code-generator", "black", "jinja2", "pyyaml", "openapi-spec-validator", "pydantic")
_MAX_ENTRIES = 20_000  # per kind; beyond it the oldest half is dropped


@functools.cache
def toolchain_key() -> str:
    """A SHA-256 of what turns a spec into files, besides the spec itself."""
    digest = hashlib.sha256()
    # Labelled as in the repository (generator/..., templates/...), installed or not; an
    # installed wheel's generator/templates/ is hashed once, as templates/.
    for label, folder in (("generator", resources.PACKAGE_DIR), ("templates", resources.TEMPLATES)):
        for path in sorted(folder.rglob("*")):
            relative = path.relative_to(folder)
            if path.is_file() and "__pycache__" not in path.parts and not (label == "generator" and relative.parts[0] == "templates"):
                _add(digest, f"{label}/{relative.as_posix()}", path.read_bytes())
    for tool in TOOLS:
        try:
            _add(digest, tool, metadata.version(tool).encode())
        except metadata.PackageNotFoundError:
            _add(digest, tool, b"missing")
    _add(digest, "python", f"{sys.version_info[0]}.{sys.version_info[1]}".encode())
    return digest.hexdigest()


def _add(digest: hashlib._Hash, label: str, data: bytes) -> None:
    digest.update(label.encode() + b"\0" + len(data).to_bytes(8, "big") + data)


def key(*parts: str | bytes) -> str:
    """A SHA-256 of the toolchain and ``parts`` (each length-prefixed, so no two lists of parts
    give the same bytes)."""
    digest = hashlib.sha256()
    _add(digest, "toolchain", toolchain_key().encode())
    for part in parts:
        _add(digest, "part", part.encode() if isinstance(part, str) else part)
    return digest.hexdigest()


class StageCache:
    """A folder of entries, one subfolder per stage (``format``, ``models``, ``validation``)."""

    def __init__(self, folder: Path = DEFAULT_DIR) -> None:
        self.folder = folder

    @staticmethod
    def key(*parts: str | bytes) -> str:
        return key(*parts)

    def stage_folder(self, stage: str) -> Path | None:
        """The folder of a stage's entries (or of jinja2's bytecode cache), if it can exist."""
        folder = self.folder / stage
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError:
            return None
        return folder

    def get(self, stage: str, key: str) -> bytes | None:
        try:
            return (self.folder / stage / key).read_bytes()
        except OSError:
            return None

    def put(self, stage: str, key: str, value: bytes) -> None:
        folder = self.stage_folder(stage)
        if folder is None:
            return  # a cache that cannot be written only costs time
        try:
            fd, temporary = tempfile.mkstemp(dir=folder, prefix=".tmp-")
        except OSError:
            return
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(value)
            os.replace(temporary, folder / key)
        except OSError:
            with contextlib.suppress(OSError):
                os.unlink(temporary)

    def prune(self) -> None:
        """Bound the cache: a stage with more than ``_MAX_ENTRIES`` entries loses its oldest half."""
        try:
            stages = [Path(entry.path) for entry in os.scandir(self.folder) if entry.is_dir()]
        except OSError:
            return
        for stage in stages:
            entries = list(os.scandir(stage))
            if len(entries) <= _MAX_ENTRIES:
                continue
            entries.sort(key=lambda entry: (entry.stat().st_mtime, entry.name))
            for entry in entries[: len(entries) // 2]:
                try:
                    os.unlink(entry.path)
                except OSError:
                    pass
