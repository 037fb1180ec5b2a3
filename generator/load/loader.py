"""Stage 1: read the spec file into plain Python data, remembering where each value was.

The positions let every later stage report ``file:line:col`` for a JSON pointer without
carrying YAML nodes around: :class:`LoadedSpec.locate` turns a pointer into a
:class:`~generator.errors.Location`.

JSON is read as JSON (a ``.json`` file, or a text that starts with ``{``): YAML is not quite
a superset of JSON (it rejects surrogate-pair escapes such as ``"\\ud83d\\udc4d"``) and
is many times slower. The JSON parser keeps no positions, so they are computed by
:mod:`generator.load.jsonpos` only when an error or a location asks for one.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from . import jsonpos
from ..common import pointer as jsonpointer
from ..errors import Finding, Location, SpecError

try:  # libyaml is several times faster on large specs; the output is identical.
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]


@dataclass(frozen=True)
class LoadedSpec:
    path: Path
    display_path: str
    document: dict[str, Any]
    positions: Mapping[str, tuple[int, int]] = field(repr=False)
    # Values copied in from other files (multi-file specs, generator.load.bundle): the pointer here
    # -> the file they came from and their pointer there, so errors name the original place.
    origins: Mapping[str, tuple[LoadedSpec, str]] = field(default_factory=dict, repr=False)
    sources: tuple[Path, ...] = ()  # the other files of a multi-file spec, as read
    findings: tuple[Finding, ...] = ()  # warnings of reading it (a text $ref dropped: generator.load.textrefs)

    def locate(self, pointer: str) -> Location:
        """The location of ``pointer``, or of its nearest ancestor that has one."""
        parts = jsonpointer.split(pointer)
        tail: list[str] = []
        while True:
            key = jsonpointer.join(parts)
            if key in self.origins:
                source, there = self.origins[key]
                return source.locate(jsonpointer.join([*jsonpointer.split(there), *tail]))
            if key in self.positions:
                line, column = self.positions[key]
                return Location(self.display_path, pointer, line, column)
            if not parts:
                return Location(self.display_path, pointer)
            tail.insert(0, parts[-1])
            parts = parts[:-1]

    def error(self, pointer: str, message: str) -> SpecError:
        return SpecError(self.locate(pointer), message)


def display_path(path: Path) -> str:
    """The path as a person typed it relative to the current directory, when it is inside it."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def load(path: Path) -> LoadedSpec:
    shown = display_path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise SpecError(Location(shown), "spec file not found") from None
    except UnicodeDecodeError as exc:
        line, column = _byte_position(path, exc.start)
        raise SpecError(Location(shown, "#", line, column), f"the spec is not UTF-8 text: {exc.reason}") from None
    except OSError as exc:
        raise SpecError(Location(shown), f"cannot read spec file: {exc}") from None
    if path.suffix.lower() == ".json" or text.lstrip()[:1] == "{":
        loaded = _load_json(path, shown, text)
        if loaded is not None or path.suffix.lower() == ".json":
            assert loaded is not None
            return loaded
    try:
        root = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        column = mark.column + 1 if mark else None
        problem = exc.problem or exc.context or "invalid YAML"
        raise SpecError(Location(shown, "#", line, column), f"invalid YAML: {problem}") from None
    except yaml.YAMLError as exc:
        raise SpecError(Location(shown), f"invalid YAML: {exc}") from None
    if root is None:
        raise SpecError(Location(shown, "#", 1, 1), "the spec file is empty")
    _check_size(root, shown)
    builder = _Builder(shown)
    try:
        document = builder.construct(root, [])
    except RecursionError:  # pragma: no cover - _check_size bounds the depth first
        raise SpecError(Location(shown), "the spec is nested too deeply to read") from None
    finally:
        builder.scalars.dispose()
    if not isinstance(document, dict):
        raise SpecError(Location(shown, "#", 1, 1), "the spec must be a mapping (an OpenAPI document)")
    return LoadedSpec(path, shown, document, builder.positions)


def _load_json(path: Path, shown: str, text: str) -> LoadedSpec | None:
    """``text`` as JSON; ``None`` when it is not JSON and the file is not named ``.json`` (a
    YAML flow mapping starts with ``{`` too)."""
    strict = path.suffix.lower() == ".json"
    try:
        document = json.loads(text, object_pairs_hook=_no_duplicates)
    except json.JSONDecodeError as exc:
        if not strict:
            return None
        raise SpecError(Location(shown, "#", exc.lineno, exc.colno), f"invalid JSON: {exc.msg}") from None
    except _Duplicate:
        try:
            jsonpos.positions(text)
        except jsonpos.DuplicateKey as dup:
            raise SpecError(Location(shown, dup.pointer, dup.line, dup.column), f"duplicate key {dup.key!r}") from None
        raise SpecError(Location(shown), "duplicate key") from None  # pragma: no cover - the scanner finds it
    except RecursionError:
        raise SpecError(Location(shown), f"the spec is nested more than {MAX_DEPTH} levels deep") from None
    if not isinstance(document, dict):
        raise SpecError(Location(shown, "#", 1, 1), "the spec must be a mapping (an OpenAPI document)")
    if _SURROGATE_ESCAPE.search(text):
        document = _without_lone_surrogates(document)
    positions = _LazyPositions(lambda: jsonpos.positions(text))
    deep = _too_deep(document)
    if deep is not None:
        where = jsonpointer.join(deep)
        line, column = positions.get(where, (None, None))
        raise SpecError(Location(shown, where, line, column), f"the spec is nested more than {MAX_DEPTH} levels deep")
    return LoadedSpec(path, shown, document, positions)


_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def _without_lone_surrogates(node: Any) -> Any:
    """JSON escapes can spell half a surrogate pair (``"\\ud83d"`` alone), which is no character
    and cannot be written as UTF-8; each becomes U+FFFD, the replacement character. (Pairs
    were already joined into one character by the parser.)"""
    if isinstance(node, str):
        return _LONE_SURROGATE.sub("\ufffd", node)
    if isinstance(node, list):
        return [_without_lone_surrogates(item) for item in node]
    if isinstance(node, dict):
        return {_without_lone_surrogates(key): _without_lone_surrogates(value) for key, value in node.items()}
    return node


class _Duplicate(Exception):
    pass


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result = dict(pairs)
    if len(result) != len(pairs):
        raise _Duplicate
    return result


def _too_deep(document: Any) -> list[str] | None:
    """The path of a value nested deeper than :data:`MAX_DEPTH`, if there is one (iterative)."""
    stack: list[tuple[Any, list[str]]] = [(document, [])]
    while stack:
        node, parts = stack.pop()
        if len(parts) > MAX_DEPTH:
            return parts
        if isinstance(node, dict):
            stack.extend((value, [*parts, key]) for key, value in node.items() if isinstance(value, (dict, list)))
        elif isinstance(node, list):
            stack.extend((value, [*parts, str(i)]) for i, value in enumerate(node) if isinstance(value, (dict, list)))
    return None


class _LazyPositions(Mapping[str, tuple[int, int]]):
    """The positions of a JSON text, computed on first use (only errors need them)."""

    def __init__(self, compute: Callable[[], dict[str, tuple[int, int]]]) -> None:
        self._compute: Callable[[], dict[str, tuple[int, int]]] | None = compute
        self._value: dict[str, tuple[int, int]] = {}

    def _get(self) -> dict[str, tuple[int, int]]:
        if self._compute is not None:
            self._value, self._compute = self._compute(), None
        return self._value

    def __getitem__(self, key: str) -> tuple[int, int]:
        return self._get()[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._get())

    def __len__(self) -> int:
        return len(self._get())


# Limits that no real spec comes near (the live Vapi spec, 3 MB of JSON, has 61k values and is
# 14 levels deep) and that keep every later stage (datamodel-code-generator, black, the
# compiler) clear of Python's recursion limit and of YAML alias bombs ("billion laughs").
MAX_DEPTH = 100
MAX_VALUES = 1_000_000


def _byte_position(path: Path, offset: int) -> tuple[int, int]:
    """1-based line and column (in bytes) of the byte at ``offset`` in the file."""
    data = path.read_bytes()[:offset]
    return data.count(b"\n") + 1, offset - (data.rfind(b"\n") + 1) + 1


def _children(node: yaml.Node) -> list[tuple[str, yaml.Node]]:
    if isinstance(node, yaml.MappingNode):
        return [(str(key.value), value) for key, value in node.value]
    if isinstance(node, yaml.SequenceNode):
        return [(str(index), item) for index, item in enumerate(node.value)]
    return []


def _check_size(root: yaml.Node, shown: str) -> None:
    """Refuse documents nested deeper than :data:`MAX_DEPTH`, or whose aliases expand them to
    more than :data:`MAX_VALUES` values, before anything builds them. Iterative: a hostile
    document cannot exhaust the stack here.

    Composed YAML shares one node for an anchor and all its aliases, so the sizes are
    computed once per distinct node (memoised), and a node that contains itself (a
    recursive alias) is found on the way.
    """
    sizes: dict[int, int] = {}
    on_path: set[int] = set()
    stack: list[tuple[yaml.Node, list[str], bool]] = [(root, [], False)]
    while stack:
        node, parts, done = stack.pop()
        key = id(node)
        if done:
            on_path.discard(key)
            sizes[key] = 1 + sum(sizes[id(child)] for _, child in _children(node))
            continue
        if key in sizes:
            continue
        if key in on_path:
            raise SpecError(_node_location(shown, parts, node), "a YAML alias refers to a value that contains it")
        if len(parts) > MAX_DEPTH:
            raise SpecError(_node_location(shown, parts, node), f"the spec is nested more than {MAX_DEPTH} levels deep")
        on_path.add(key)
        stack.append((node, parts, True))
        for name, child in reversed(_children(node)):
            stack.append((child, [*parts, name], False))
    if sizes[id(root)] <= MAX_VALUES:
        return
    node, parts = root, []
    while True:  # the smallest value that alone expands beyond the limit: where the bomb is
        bigger = [(name, child) for name, child in _children(node) if sizes[id(child)] > MAX_VALUES]
        if not bigger:
            break
        name, node = bigger[0]
        parts.append(name)
    raise SpecError(
        _node_location(shown, parts, node),
        f"YAML aliases expand this value to {sizes[id(node)]:,} values (the limit is {MAX_VALUES:,})",
    )


def _node_location(shown: str, parts: list[str], node: yaml.Node) -> Location:
    return Location(shown, jsonpointer.join(parts), node.start_mark.line + 1, node.start_mark.column + 1)


class _ScalarLoader(yaml.SafeLoader):
    """Constructs YAML scalars the safe way, but keeps timestamps as the strings JSON would have."""


_ScalarLoader.add_constructor("tag:yaml.org,2002:timestamp", yaml.SafeLoader.construct_yaml_str)


class _Builder:
    """Turns a composed YAML node tree into plain data, recording the position of every value."""

    def __init__(self, shown: str) -> None:
        self.shown = shown
        self.positions: dict[str, tuple[int, int]] = {}
        self.scalars = _ScalarLoader("")

    def construct(self, node: yaml.Node, parts: list[str]) -> Any:
        self.positions[jsonpointer.join(parts)] = (node.start_mark.line + 1, node.start_mark.column + 1)
        if isinstance(node, yaml.MappingNode):
            result: dict[str, Any] = {}
            for key_node, value_node in node.value:
                if key_node.tag == "tag:yaml.org,2002:merge":
                    raise SpecError(self._at(parts, key_node), "YAML merge keys (<<) are not supported")
                key = self._scalar(key_node, parts)
                if isinstance(key, bool) or not isinstance(key, (str, int, float)):
                    raise SpecError(self._at(parts, key_node), "mapping keys must be strings")
                key = str(key)
                if key in result:
                    raise SpecError(self._at([*parts, key], key_node), f"duplicate key {key!r}")
                result[key] = self.construct(value_node, [*parts, key])
            return result
        if isinstance(node, yaml.SequenceNode):
            return [self.construct(item, [*parts, str(i)]) for i, item in enumerate(node.value)]
        return self._scalar(node, parts)

    def _scalar(self, node: yaml.Node, parts: list[str]) -> Any:
        if not isinstance(node, yaml.ScalarNode):
            raise SpecError(self._at(parts, node), "mapping keys must be strings")
        try:
            return self.scalars.construct_object(node, deep=True)
        except yaml.YAMLError as exc:
            raise SpecError(self._at(parts, node), f"invalid YAML value: {exc}") from None

    def _at(self, parts: list[str], node: yaml.Node) -> Location:
        return Location(self.shown, jsonpointer.join(parts), node.start_mark.line + 1, node.start_mark.column + 1)
