"""Where each value of a JSON text starts: ``#/json/pointer`` -> (line, column), both 1-based.

The loader reads JSON with the standard library's C parser (a 3 MB spec in tens of
milliseconds), which keeps no positions. Positions are only needed when something is wrong
(an error message names ``file:line:col``), so this scanner runs then, over the text the
parser already accepted. It is a small tokenizer, iterative (no recursion limit), and it
also finds the first duplicate key of an object, which the parser would silently merge.
"""

from __future__ import annotations

import bisect
import json
import re

from ..common import pointer as jsonpointer

_TOKEN = re.compile(r'"(?:[^"\\]|\\.)*"|[{}\[\],:]|[^\s{}\[\],:"]+', re.DOTALL)


class DuplicateKey(Exception):
    """An object holds ``key`` twice; ``pointer`` is the second one."""

    def __init__(self, pointer: str, key: str, line: int, column: int) -> None:
        super().__init__(f"duplicate key {key!r}")
        self.pointer, self.key, self.line, self.column = pointer, key, line, column


class _Lines:
    def __init__(self, text: str) -> None:
        self.starts = [0] + [m.end() for m in re.finditer("\n", text)]

    def at(self, offset: int) -> tuple[int, int]:
        index = bisect.bisect_right(self.starts, offset) - 1
        return index + 1, offset - self.starts[index] + 1


def positions(text: str) -> dict[str, tuple[int, int]]:
    """The position of every value in ``text`` (valid JSON), by JSON pointer.

    Raises :class:`DuplicateKey` for the first key an object holds twice.
    """
    lines = _Lines(text)
    result: dict[str, tuple[int, int]] = {}
    stack: list[_Frame] = []  # the open containers, innermost last
    expecting_key = False
    for match in _TOKEN.finditer(text):
        token = match.group()
        if token == ":":
            continue
        if token == ",":
            expecting_key = bool(stack) and stack[-1].is_object
            continue
        if token in ("}", "]"):
            stack.pop()
            expecting_key = False
            continue
        if expecting_key:
            frame = stack[-1]
            key = json.loads(token) if "\\" in token else token[1:-1]
            if key in frame.keys:
                line, column = lines.at(match.start())
                raise DuplicateKey(jsonpointer.join([*frame.parts, key]), key, line, column)
            frame.keys.add(key)
            frame.name = key
            expecting_key = False
            continue
        here = stack[-1].child() if stack else []
        result[jsonpointer.join(here)] = lines.at(match.start())
        if token in ("{", "["):
            stack.append(_Frame(here, token == "{"))
            expecting_key = token == "{"
    return result


class _Frame:
    """An open object or array: its place, and the name the next value gets in it."""

    __slots__ = ("parts", "is_object", "keys", "name", "index")

    def __init__(self, parts: list[str], is_object: bool) -> None:
        self.parts = parts
        self.is_object = is_object
        self.keys: set[str] = set()
        self.name = ""
        self.index = 0

    def child(self) -> list[str]:
        if self.is_object:
            return [*self.parts, self.name]
        self.index += 1
        return [*self.parts, str(self.index - 1)]
