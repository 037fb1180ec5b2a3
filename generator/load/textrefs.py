"""A ``$ref`` where a string belongs becomes the string it points to, or is dropped with a warning.

OpenAPI allows a Reference Object only in place of certain objects; a description, summary or
title is a plain string. Large multi-file specs keep their long texts in other files all the
same, and Redocly and swagger-cli bundle them: ``description: {$ref: intro.md}`` (a whole
Markdown or text file) or ``description: {$ref: 'texts.yaml#/introduction'}`` (a string inside
a YAML or JSON file, or inside this one: ``#/x-texts/intro``). Each such reference becomes the
text it names. One that cannot (a missing file or fragment, a target that is not a string, a
remote URL) is dropped with a warning naming why: no client needs its prose, so the spec is
never refused over it.

Which places hold text is decided by the document's structure
(:mod:`generator.common.structure`), so a schema property named ``description`` is a schema,
not text. This runs on the bundled document; a reference is read relative to the file its
value came from (:attr:`LoadedSpec.origins`). The input is not modified: only the mappings on
the way to a changed place are copied.
"""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path
from typing import Any
from urllib.parse import unquote

from ..common import pointer as jsonpointer
from ..common import structure
from ..errors import Finding, SpecError
from .loader import LoadedSpec, display_path, load

_REMOTE = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://|^//")
_DOCUMENT_SUFFIXES = (".json", ".yaml", ".yml", "")


class _Unusable(Exception):
    """Why a text reference gives no text."""


def resolve_text_refs(spec: LoadedSpec) -> LoadedSpec:
    """``spec`` with every ``$ref`` in a text place replaced by its text or left out
    (``spec`` itself when it has none)."""
    places = [(where, node["$ref"]) for where, node, kind in structure.walk(spec.document) if kind == structure.TEXT and "$ref" in node]
    if not places:
        return spec
    reader = _Reader()
    document = spec.document
    findings = list(spec.findings)
    for where, ref in places:
        source = _origin(spec, where)
        try:
            text: str | None = reader.text(ref, source)
        except _Unusable as why:
            text = None
            findings.append(Finding(jsonpointer.join([*where, "$ref"]), f"{why}; the {where[-1]} is left out (it can only be text)"))
        document = _with(document, where, text)
    sources = tuple(sorted(set(spec.sources) | reader.read))
    return replace(spec, document=document, sources=sources, findings=tuple(findings))


class _Reader:
    def __init__(self) -> None:
        self.files: dict[Path, LoadedSpec] = {}
        self.read: set[Path] = set()  # files read here (the run cache hashes them)

    def text(self, ref: Any, source: LoadedSpec) -> str:
        if not isinstance(ref, str):
            raise _Unusable("$ref must be a string")
        if _REMOTE.match(ref):
            raise _Unusable(f"$ref {ref!r} is a remote reference (no network)")
        location, hash_mark, fragment = ref.partition("#")
        if not location:
            return _string_at(source.document, "#" + fragment, ref)
        path = (source.path.parent / unquote(location)).resolve()
        if not hash_mark and path.suffix.lower() not in _DOCUMENT_SUFFIXES:
            return self._file_text(path, ref)
        return _string_at(self._document(path, ref), "#" + fragment, ref)

    def _file_text(self, path: Path, ref: str) -> str:
        self.read.add(path)  # hashed by the run cache (a missing one too: it notices when it appears)
        try:
            return path.read_text(encoding="utf-8")
        except FileNotFoundError:
            raise _Unusable(f"$ref {ref!r}: file {display_path(path)} not found") from None
        except (OSError, UnicodeDecodeError) as exc:
            raise _Unusable(f"$ref {ref!r}: cannot read {display_path(path)}: {exc}") from None

    def _document(self, path: Path, ref: str) -> Any:
        if path not in self.files:
            self.read.add(path)  # hashed by the run cache (a missing one too: it notices when it appears)
            if not path.is_file():
                raise _Unusable(f"$ref {ref!r}: file {display_path(path)} not found")
            try:
                self.files[path] = load(path)
            except SpecError as exc:
                raise _Unusable(f"$ref {ref!r}: {exc}") from None
        return self.files[path].document


def _string_at(document: Any, fragment: str, ref: str) -> str:
    node = document
    try:
        for part in jsonpointer.split(fragment):
            node = node[int(part)] if isinstance(node, list) else node[part]
    except (KeyError, IndexError, ValueError, TypeError):
        raise _Unusable(f"$ref {ref!r} does not resolve") from None
    if not isinstance(node, str):
        raise _Unusable(f"$ref {ref!r} points to a {type(node).__name__}, not a string")
    return node


def _origin(spec: LoadedSpec, where: list[str]) -> LoadedSpec:
    """The file the value at ``where`` came from (its references are relative to it)."""
    for cut in range(len(where), 0, -1):
        origin = spec.origins.get(jsonpointer.join(where[:cut]))
        if origin is not None:
            return origin[0]
    return spec


def _with(document: dict[str, Any], where: list[str], text: str | None) -> dict[str, Any]:
    """``document`` with the value at ``where`` set to ``text`` (left out when ``None``), the
    mappings and lists on the way copied."""
    top: Any = _copy(document)
    node = top
    for part in where[:-1]:
        key: Any = int(part) if isinstance(node, list) else part
        node[key] = _copy(node[key])
        node = node[key]
    if text is None:
        del node[where[-1]]
    else:
        node[where[-1]] = text
    return top  # type: ignore[no-any-return]


def _copy(node: Any) -> Any:
    return dict(node) if isinstance(node, dict) else list(node) if isinstance(node, list) else node
