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
    except (OSError, UnicodeDecodeError) as exc:
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
        raise SpecError(Location(shown), "the spec file is empty")
    builder = _Builder(shown)
    try:
        document = builder.construct(root, [])
    except RecursionError:
        raise SpecError(Location(shown), "the spec is nested too deeply to read") from None
    finally:
        builder.scalars.dispose()
    if not isinstance(document, dict):
        raise SpecError(Location(shown, "#", 1, 1), "the spec must be a mapping (an OpenAPI document)")
    return LoadedSpec(path, shown, document, builder.positions)


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
