"""Every file of a spec as committed at a git ref, written out to compare with the working tree.

A multi-file spec (``$ref: 'models/things.yaml#/Thing'``) is bundled from files read relative to
the file that refers to them, so the ``--base`` side needs each of them as it was at the ref, not
only the root file. :func:`export_spec` writes the root file and every file it refers to, at any
depth, into a directory that mirrors the repository's layout, so :mod:`generator.load.bundle`
resolves each relative reference inside the ref's snapshot. The files are fetched a round at a
time (one ``git cat-file --batch`` per depth of references), not one process per file.

Which strings are references is over-approximated (every ``$ref`` and every discriminator
mapping value, even inside examples; a remote URL too): a path fetched needlessly costs nothing,
and a file the ref does not hold is left out, for the bundler to report at the reference that
names it.
:func:`at_ref` turns the temporary paths in such an error back into ``REF:path``.
"""

from __future__ import annotations

import posixpath
import subprocess
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any
from urllib.parse import unquote

from ...errors import Location, SpecError
from ...load.loader import display_path, load


def export_spec(top: Path, rel: str, ref: str, into: Path) -> None:
    """Write ``rel`` (already in ``into``) and every repository file it refers to, as at ``ref``."""
    seen = {rel}
    todo = list(_referenced(into, rel))
    while todo:
        wanted = sorted({path for path in todo if path not in seen})
        seen.update(wanted)
        todo = []
        for path, content in zip(wanted, _cat_files(top, ref, wanted)):
            if content is None:
                continue  # not a file at ref: the bundler names the reference, if it is one
            target = into / path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(content)
            todo += _referenced(into, path)


def at_ref(exc: SpecError, into: Path, ref: str) -> SpecError:
    """``exc`` with the paths of the exported files shown as ``REF:path``."""
    shown = {f"{into}/", f"{display_path(into)}/"}
    file, message = exc.location.file, exc.message
    for prefix in sorted(shown, key=len, reverse=True):
        file = f"{ref}:{file[len(prefix):]}" if file.startswith(prefix) else file
        message = message.replace(prefix, f"{ref}:")
    return SpecError(replace(exc.location, file=file), message)


def _referenced(into: Path, rel: str) -> list[str]:
    """The repository paths of the files the exported ``rel`` refers to (outside: left out)."""
    try:
        document = load(into / rel).document
    except SpecError:
        return []  # not JSON or YAML (a Markdown description), or broken: the bundler reports it
    found = []
    folder = posixpath.dirname(rel)
    for reference in _references(document):
        location = unquote(reference.partition("#")[0])
        if not location or posixpath.isabs(location):
            continue  # local, or absolute: read from the file system on both sides
        path = posixpath.normpath(posixpath.join(folder, location))
        if path != ".." and not path.startswith("../"):
            found.append(path)
    return found


def _references(document: Any) -> Iterator[str]:
    stack = [document]
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            ref = node.get("$ref")
            if isinstance(ref, str):
                yield ref
            discriminator = node.get("discriminator")
            mapping = discriminator.get("mapping") if isinstance(discriminator, dict) else None
            if isinstance(mapping, dict):
                yield from (value for value in mapping.values() if isinstance(value, str))
            stack.extend(node.values())
        elif isinstance(node, list):
            stack.extend(node)


def _cat_files(top: Path, ref: str, paths: list[str]) -> list[bytes | None]:
    """The content of each of ``paths`` at ``ref`` (``None``: no such file), from one git process."""
    paths = [path for path in paths if "\n" not in path]
    request = "".join(f"{ref}:{path}\n" for path in paths).encode("utf-8")
    result = subprocess.run(["git", "cat-file", "--batch"], cwd=top, input=request, capture_output=True)
    if result.returncode != 0:
        raise SpecError(Location("git"), result.stderr.decode("utf-8", "replace").strip() or "git cat-file failed")
    out, at = result.stdout, 0
    contents: list[bytes | None] = []
    for _ in paths:
        end = out.index(b"\n", at)
        header = out[at:end].split()
        at = end + 1
        if len(header) != 3 or header[-1] == b"missing":
            contents.append(None)
            continue
        size = int(header[2])
        contents.append(out[at : at + size] if header[1] == b"blob" else None)
        at += size + 1  # the content, then a newline
    return contents

