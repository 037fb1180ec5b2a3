"""Skip a ``generate`` whose inputs and output have not changed since the last one.

The key is a SHA-256 of everything that decides the output: the spec and its config, every
template, every module of the generator, and the versions of the pinned tools. The stamp also
records a hash of the output tree as written, so a hand-edited or deleted output is
regenerated. Stamps live in ``.codegen-cache/`` at the repository root (ignored by git), or
in the user's cache folder when the generator is installed (:func:`generator.common.resources.cache_dir`),
one per output directory; deleting that folder is always safe.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from ..common import resources, stagecache
from ..load.changelog_file import path_for as changelog_path_for
from ..config import config_path_for
from .writer import read_tree

CACHE_DIR = resources.cache_dir()


def input_key(spec_path: Path, sources: list[str] | tuple[str, ...] = ()) -> str:
    """The spec, its config, its changelog and the other files of a multi-file spec (``sources``,
    as the last run read them: a file added since is reached through an edit of one of these)."""
    parts: list[str | bytes] = [
        path.read_bytes() if path.exists() else b"" for path in (spec_path, config_path_for(spec_path), changelog_path_for(spec_path))
    ]
    for source in sources:  # a missing one (a text $ref left out) counts as missing: created, it regenerates
        parts += [source, Path(source).read_bytes() if Path(source).exists() else b"\0missing"]
    return stagecache.key("run", *parts)


def output_key(out: Path) -> str:
    digest = hashlib.sha256()
    for path, content in sorted(read_tree(out).items()):
        digest.update(path.encode() + b"\0" + hashlib.sha256(content).digest())
    return digest.hexdigest()


def _stamp_path(out: Path) -> Path:
    return CACHE_DIR / (hashlib.sha256(str(out.resolve()).encode()).hexdigest()[:32] + ".json")


def lookup(spec_path: Path, out: Path) -> list[str] | None:
    """The warnings of the last run when nothing changed since, else ``None``."""
    try:
        stamp = json.loads(_stamp_path(out).read_text(encoding="utf-8"))
        sources = [str(source) for source in stamp.get("sources", [])]
        if stamp["input"] == input_key(spec_path, sources) and stamp["output"] == output_key(out):
            return list(stamp["warnings"])
    except (OSError, ValueError, KeyError, TypeError):
        pass
    return None


def store(spec_path: Path, out: Path, warnings: list[str], sources: tuple[Path, ...] = ()) -> None:
    try:
        CACHE_DIR.mkdir(parents=True, exist_ok=True)
        files = [str(source) for source in sources]
        stamp = {"input": input_key(spec_path, files), "output": output_key(out), "warnings": warnings, "sources": files}
        _stamp_path(out).write_text(json.dumps(stamp), encoding="utf-8")
    except OSError:
        pass  # a cache that cannot be written only costs time
