"""Stage 1: read the spec file into plain Python data, remembering where each value was.

The positions let every later stage report ``file:line:col`` for a JSON pointer without
carrying YAML nodes around: :class:`LoadedSpec.locate` turns a pointer into a
:class:`~generator.errors.Location`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from . import pointer as jsonpointer
from .errors import Location, SpecError

try:  # libyaml is several times faster on large specs; the output is identical.
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]


@dataclass(frozen=True)
class LoadedSpec:
    path: Path
    display_path: str
    document: dict[str, Any]
    positions: dict[str, tuple[int, int]] = field(repr=False)

    def locate(self, pointer: str) -> Location:
        """The location of ``pointer``, or of its nearest ancestor that has one."""
        parts = jsonpointer.split(pointer)
        while True:
            key = jsonpointer.join(parts)
            if key in self.positions:
                line, column = self.positions[key]
                return Location(self.display_path, pointer, line, column)
            if not parts:
                return Location(self.display_path, pointer)
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
