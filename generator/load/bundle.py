"""Multi-file specs: external ``$ref`` s bundled into one document before the pipeline runs.

A spec may be split over many files (``$ref: 'resources/droplets/models.yml#/droplet'``,
relative to the file that holds the reference, any depth, YAML or JSON, with or without a
fragment). Every later stage reads one document, so this stage copies each referenced value
in once and points every reference at the copy:

- a value referenced where a schema, parameter, response, request body, header, example,
  link or callback belongs goes into ``components/<kind>/<name>``; the name is the last
  token of the fragment (``droplet``), else the file's stem (``pet`` for ``pet.yaml``), made
  unique by the file's path (``droplets_droplet``) when two different values want one name.
  Names depend only on the files, not on the order of a dictionary, so they are stable;
- the same target (file and fragment) referenced twice is one component, hence one model;
  references across files may form cycles (each target is named before its content is read);
- a value referenced where nothing else could hold it (a path item, a component slot itself)
  replaces the reference in place;
- a reference from another file back into the root file becomes a local one;
- a reference where a string belongs (``description: {$ref: intro.md}``, Redocly's multi-file
  layout) is left to :mod:`generator.load.textrefs`, which runs after this.

What a place holds is decided by the document's structure (:mod:`generator.common.structure`),
never by the names of the keys on the way: a ``$ref`` under a schema property named
``responses`` names a schema, and one in an example or an ``x-`` extension is data, left alone.

Remote references (``http:``, ``https:``) are refused: no network is assumed. Each error names
the file, line and JSON pointer of the bad reference. Values copied from another file
remember where they came from (:attr:`LoadedSpec.origins`), so later errors name that file.
"""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any
from urllib.parse import unquote

from ..common import pointer as jsonpointer
from ..common import structure
from .loader import LoadedSpec, display_path, load
from .textrefs import resolve_text_refs

_KINDS = tuple(structure.SECTIONS.values())
_REMOTE = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://|^//")
_COMPONENT_NAME = re.compile(r"[^A-Za-z0-9._-]+")
_MAX_FILES = 10_000


def has_external_refs(document: Any) -> bool:
    stack = [document]
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            ref = node.get("$ref")
            if isinstance(ref, str) and not ref.startswith("#"):
                return True
            stack.extend(node.values())
        elif isinstance(node, list):
            stack.extend(node)
    return False


def bundle(root: LoadedSpec) -> LoadedSpec:
    """``root`` with every external ``$ref`` resolved into the one document, and every ``$ref``
    where a string belongs resolved to its text (``root`` itself when it has neither)."""
    bundled = _Bundler(root).run() if has_external_refs(root.document) else root
    return resolve_text_refs(bundled)


@dataclass
class _Work:
    node: Any  # a dict or list in the bundled document, to walk
    parts: list[str]  # its place in the bundled document
    source: LoadedSpec  # the file its content comes from
    source_parts: list[str]  # its place in that file
    chain: frozenset[tuple[Path, str]] = frozenset()  # the references copied in place to get here


class _Bundler:
    def __init__(self, root: LoadedSpec) -> None:
        self.root = root
        self.document = copy.deepcopy(root.document)
        self.files: dict[Path, LoadedSpec] = {root.path.resolve(): root}
        self.targets: dict[tuple[Path, str], str] = {}  # (file, fragment) -> local ref in the bundle
        self.names: dict[str, set[str]] = {}  # kind -> component names taken
        self.origins: dict[str, tuple[LoadedSpec, str]] = {}
        components = self.document.get("components")
        for kind in _KINDS:
            section = components.get(kind) if isinstance(components, dict) else None
            self.names[kind] = set(section) if isinstance(section, dict) else set()

    def run(self) -> LoadedSpec:
        work = [_Work(self.document, [], self.root, [])]
        while work:
            item = work.pop()
            work.extend(reversed(self._walk(item)))
        extra = tuple(sorted(path for path in self.files if path != self.root.path.resolve()))
        return replace(self.root, document=self.document, origins=self.origins, sources=extra)

    def _walk(self, item: _Work) -> list[_Work]:
        """Rewrite the references in ``item.node`` (not below values it copies in); return the
        copied values still to walk."""
        more: list[_Work] = []
        stack: list[tuple[Any, list[str], list[str], str, Any]] = [(item.node, item.parts, item.source_parts, structure.kind_at(item.parts), None)]
        while stack:
            node, parts, source_parts, kind, holder = stack.pop()
            if isinstance(node, dict):
                ref = node.get("$ref")
                if isinstance(ref, str) and (item.source is not self.root or not ref.startswith("#")):
                    copied = self._resolve(node, ref, parts, item, source_parts, holder)
                    if copied is not None:
                        more.append(copied)
                        continue
                if kind == "schema":
                    more += self._discriminator_mapping(node, parts, item, source_parts)
                entries = [(key, value) for key, value in node.items() if key != "$ref"]
            elif isinstance(node, list):
                entries = [(str(index), value) for index, value in enumerate(node)]
            else:
                continue
            for key, value in reversed(entries):  # popped in document order
                below = structure.child(kind, key)
                # Data and extensions are opaque; a text place is generator.load.textrefs's.
                if isinstance(value, (dict, list)) and below not in (structure.DATA, structure.EXTENSION, structure.TEXT):
                    stack.append((value, [*parts, key], [*source_parts, key], below, (node, int(key) if isinstance(node, list) else key)))
        return more

    def _resolve(
        self, node: dict[str, Any], ref: str, parts: list[str], item: _Work, source_parts: list[str], holder: Any = None
    ) -> _Work | None:
        """Point ``node``'s ``$ref`` into the bundle; the value to walk when it was copied in.
        ``holder`` (container, key) holds ``node``: a string or number copied in replaces it there."""
        source = item.source
        where = jsonpointer.join([*source_parts, "$ref"])
        if _REMOTE.match(ref):
            raise source.error(where, f"$ref {ref!r} is a remote reference; only files beside the spec are read (no network)")
        location, _, fragment = ref.partition("#")
        fragment = "#" + fragment
        target_file = (source.path.parent / unquote(location)).resolve() if location else source.path.resolve()
        target_spec = self._load(target_file, source, where, ref)
        try:
            target = _lookup(target_spec.document, fragment)
        except (KeyError, IndexError, ValueError):
            raise source.error(where, f"$ref {ref!r} does not resolve: {fragment!r} is not in {target_spec.display_path}") from None
        if target_spec is self.root:
            node["$ref"] = fragment
            return None
        key = (target_file, fragment)
        kind = _kind_of_place(parts)
        if key in self.targets:
            node["$ref"] = self.targets[key]
            return None
        if kind is None or (len(parts) == 3 and parts[0] == "components" and parts[1] in _KINDS):
            # Nothing else can hold it (a path item), or it is a component itself: copy it here.
            if key in item.chain:
                raise source.error(where, f"$ref {ref!r} is circular: it refers to a value that refers back to it")
            if kind is not None:
                self.targets[key] = jsonpointer.join(parts)
            value = copy.deepcopy(target)
            if not isinstance(value, dict):
                if holder is None or isinstance(value, list) or structure.kind_at(parts) != structure.OTHER:
                    raise source.error(where, f"$ref {ref!r} points to a {type(value).__name__}, not an object")
                container, slot = holder  # a string field (a server's url, a tag's name): the value
                container[slot] = value
                self.origins[jsonpointer.join(parts)] = (target_spec, fragment)
                return None
            siblings = {k: v for k, v in node.items() if k != "$ref"}
            node.clear()
            node.update(value)
            node.update({k: v for k, v in siblings.items() if k not in value})
            self.origins[jsonpointer.join(parts)] = (target_spec, fragment)
            return _Work(node, parts, target_spec, jsonpointer.split(fragment), item.chain | {key})
        name = self._name(kind, target_file, fragment)
        local = jsonpointer.join(["components", kind, name])
        self.targets[key] = local
        node["$ref"] = local
        components = self.document.setdefault("components", {})
        section = components.setdefault(kind, {})
        section[name] = copy.deepcopy(target)
        self.origins[local] = (target_spec, fragment)
        return _Work(section[name], ["components", kind, name], target_spec, jsonpointer.split(fragment))

    def _discriminator_mapping(self, node: dict[str, Any], parts: list[str], item: _Work, source_parts: list[str]) -> list[_Work]:
        """A discriminator's ``mapping`` values are schema references too (``admin: './Admin.yaml'``)."""
        discriminator = node.get("discriminator")
        mapping = discriminator.get("mapping") if isinstance(discriminator, dict) else None
        if not isinstance(mapping, dict):
            return []
        more = []
        for value_key, target in mapping.items():
            is_reference = isinstance(target, str) and ("/" in target or "#" in target or Path(target).suffix in (".yaml", ".yml", ".json"))
            if not is_reference or (item.source is self.root and target.startswith("#")):
                continue  # a schema name, or a local reference already
            here = [*parts, "discriminator", "mapping", value_key]
            reference = {"$ref": target}
            copied = self._resolve(reference, target, here, item, [*source_parts, "discriminator", "mapping", value_key])
            mapping[value_key] = reference["$ref"]
            if copied is not None:
                more.append(copied)
        return more

    def _load(self, path: Path, source: LoadedSpec, where: str, ref: str) -> LoadedSpec:
        if path in self.files:
            return self.files[path]
        if len(self.files) >= _MAX_FILES:
            raise source.error(where, f"the spec refers to more than {_MAX_FILES} files")
        if not path.is_file():
            raise source.error(where, f"$ref {ref!r}: file {display_path(path)} not found")
        loaded = load(path)
        self.files[path] = loaded
        return loaded

    def _name(self, kind: str, path: Path, fragment: str) -> str:
        """A readable component name for the target: the fragment's last token, or the file's
        stem; prefixed with the file's stem and folders while it is taken."""
        tokens = jsonpointer.split(fragment)
        base = tokens[-1] if tokens else path.stem
        qualifiers = [path.stem] if tokens else []
        qualifiers += [folder for folder in reversed(path.parent.parts[-4:]) if folder not in ("/", "")]
        taken = self.names[kind]
        candidate = _clean(base)
        for qualifier in qualifiers:
            if candidate not in taken:
                break
            candidate = f"{_clean(qualifier)}_{candidate}"
        unique, number = candidate, 2
        while unique in taken:
            unique = f"{candidate}_{number}"
            number += 1
        taken.add(unique)
        return unique


def _clean(text: str) -> str:
    """A valid OpenAPI component name (``^[a-zA-Z0-9._-]+$``) for ``text``."""
    return _COMPONENT_NAME.sub("_", text).strip("_") or "item"


def _lookup(document: Any, fragment: str) -> Any:
    node = document
    for part in jsonpointer.split(fragment):
        node = node[int(part)] if isinstance(node, list) else node[part]
    return node


def _kind_of_place(parts: list[str]) -> str | None:
    """Which components section holds a value referenced at ``parts`` (``None``: only in place),
    by the document's structure."""
    section = structure.SECTIONS.get(structure.kind_at(parts))
    if section == "pathItems" and parts[:2] != ["components", "pathItems"]:
        return None  # a path item is copied where it is referenced
    return section
