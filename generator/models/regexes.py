"""``pattern`` values (ECMA-262, OpenAPI's regex dialect) made into ones the package can compile.

pydantic compiles every ``pattern`` of a model when the model is built, that is when its module
is imported, with Rust's ``regex`` crate by default. Valid ECMA-262 patterns that it rejects
(a lookahead ``^(?!aws:)``, a backreference, a class range such as ``[\\w-\\/.@+=,]``) would make
the whole package fail at import. So each pattern is, in order:

1. translated where ECMA-262 and the engines only spell it differently (:func:`translate`):
   ``\\d`` and ``\\w`` are ASCII in ECMA-262 (``[0-9]``, ``[a-zA-Z0-9_]``; Rust's are Unicode and,
   repeated ``{1,512}`` times, exceed its size limit), a ``-`` beside a class escape inside
   ``[...]`` is a literal (Annex B), ``\\u{1F600}`` is ``\\U0001F600``, ``(?<name>`` is
   ``(?P<name>``, ``\\k<name>`` is ``(?P=name)``, ``\\cJ``, ``\\0`` and legacy octal escapes (``[\\000-\\037]``) are characters, ``[`` inside
   a class is a literal, a surrogate pair of escapes is its character;
2. compiled by both engines (pydantic-core's Rust engine, and Python's ``re``, which pydantic runs
   with ``regex_engine="python-re"``). When some pattern of the spec needs Python's engine
   (lookarounds, backreferences), the models use it (``PythonRegexModel``, supported by every
   pydantic the package allows, from 2.7); every pattern the chosen engine cannot compile is
   left out of the models, with a warning (validation is the server's job: a client must never
   fail to import over one).
"""

from __future__ import annotations

import re
import warnings
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from ..common import pointer as jsonpointer
from ..errors import Finding

RUST = "rust-regex"
PYTHON = "python-re"

# Values, not schemas: a "pattern" key below them is data.
_DATA_KEYS = frozenset({"enum", "const", "default", "example", "examples"})
_CLASS_ESCAPES = frozenset("dDwWsS")
_WORD = "a-zA-Z0-9_"
_DIGIT = "0-9"


@dataclass(frozen=True)
class Patterns:
    """What the pass decided: the engine the models run, and the constraints it left out."""

    engine: str
    warnings: tuple[Finding, ...]


def make_compilable(schemas: dict[str, Any], base: tuple[str, ...] = ("components", "schemas")) -> Patterns:
    """Translate, in place, every ``pattern`` of ``schemas``; drop those the engine cannot compile."""
    found = list(_patterns(schemas, list(base)))
    verdicts: dict[str, tuple[str | None, str | None]] = {}
    for node, _ in found:
        node["pattern"] = translate(node["pattern"])
        if node["pattern"] not in verdicts:
            verdicts[node["pattern"]] = (_rust_error(node["pattern"]), _python_error(node["pattern"]))
    needs_python = any(rust is not None and python is None for rust, python in verdicts.values())
    engine = PYTHON if needs_python else RUST
    findings = []
    for node, where in found:
        rust, python = verdicts[node["pattern"]]
        error = python if engine == PYTHON else rust
        if error is None:
            continue
        why = f"{error}; the models run Python's re, which another pattern of this spec needs" if engine == PYTHON and rust is None else error
        findings.append(Finding(where, f"pattern {node['pattern']!r} cannot be compiled by the models' regex engine ({why}): the constraint is left out"))
        del node["pattern"]
    return Patterns(engine, tuple(findings))


def _patterns(node: Any, path: list[str]) -> Iterator[tuple[dict[str, Any], str]]:
    """Each schema holding a string ``pattern``, with the pattern's JSON pointer."""
    if isinstance(node, dict):
        if isinstance(node.get("pattern"), str):
            yield node, jsonpointer.join([*path, "pattern"])
        for key, value in node.items():
            if key not in _DATA_KEYS and not (isinstance(key, str) and key.startswith("x-")):
                yield from _patterns(value, [*path, key])
    elif isinstance(node, list):
        for index, item in enumerate(node):
            yield from _patterns(item, [*path, str(index)])


def _rust_error(pattern: str) -> str | None:
    from pydantic_core import SchemaError, SchemaValidator, core_schema

    try:
        SchemaValidator(core_schema.str_schema(pattern=pattern, regex_engine=RUST))
    except SchemaError as exc:
        lines = [line.strip() for line in str(exc).splitlines() if line.strip()]
        return "Rust regex: " + (lines[-1] if lines else "rejected")
    return None


def _python_error(pattern: str) -> str | None:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # FutureWarning on sets that may nest one day
            re.compile(pattern)
    except (re.error, OverflowError, RecursionError) as exc:
        return f"Python re: {exc}"
    return None


_HEX4 = re.compile(r"[0-9A-Fa-f]{4}")
_BRACED_HEX = re.compile(r"\{([0-9A-Fa-f]{1,6})\}")
_OCTAL = re.compile(r"[0-3][0-7]{0,2}|[4-7][0-7]?")
_GROUP_NAME = re.compile(r"<([A-Za-z_][A-Za-z0-9_]*)>")


def translate(pattern: str) -> str:
    """``pattern`` in the syntax both engines read, with ECMA-262's meaning where they differ."""
    out: list[str] = []
    in_class = False
    class_start = 0  # index in out of the class's first member
    i, n = 0, len(pattern)
    while i < n:
        char = pattern[i]
        if char == "\\" and i + 1 < n:
            token, i = _escape(pattern, i, in_class)
            out.append(token)
            if in_class and pattern[i : i + 1] == "-" and pattern[i + 1 : i + 2] not in ("]", "") and _is_class_escape(pattern, i - 2):
                out.append("\\-")  # Annex B: `[\w-.]` is \w, '-' and '.'
                i += 1
            continue
        if in_class:
            if char == "]" and len(out) > class_start:
                in_class = False
                out.append(char)
            elif char == "[":
                out.append("\\[")  # a literal in ECMA-262; Rust would nest a class
            elif char == "-" and pattern[i + 1 : i + 3][:1] == "\\" and pattern[i + 2 : i + 3] in _CLASS_ESCAPES:
                out.append("\\-")  # `[a-\d]`: '-' is a literal before a class escape
            elif char in "&~|" and pattern[i + 1 : i + 2] == char:
                out.append(char + "\\" + char)  # `&&`: a set operation in Rust, two characters in ECMA-262
                i += 1
            else:
                out.append(char)
            i += 1
            continue
        if char == "[":
            if pattern.startswith("[^]", i):
                out.append("[\\s\\S]")  # ECMA-262: any character
                i += 3
                continue
            in_class = True
            out.append("[^" if pattern.startswith("[^", i) else "[")
            i += 2 if pattern.startswith("[^", i) else 1
            class_start = len(out)
            continue
        if pattern.startswith("(?<", i) and pattern[i + 3 : i + 4] not in ("=", "!"):
            out.append("(?P<")
            i += 3
            continue
        out.append(char)
        i += 1
    return "".join(out)


def _is_class_escape(pattern: str, at: int) -> bool:
    return at >= 0 and pattern[at] == "\\" and pattern[at + 1 : at + 2] in _CLASS_ESCAPES


def _escape(pattern: str, i: int, in_class: bool) -> tuple[str, int]:
    """The translation of the escape at ``pattern[i]`` (a backslash), and where the next token starts."""
    letter = pattern[i + 1]
    after = i + 2
    if letter == "d":
        return (_DIGIT if in_class else f"[{_DIGIT}]"), after
    if letter == "w":
        return (_WORD if in_class else f"[{_WORD}]"), after
    if letter == "D" and not in_class:
        return f"[^{_DIGIT}]", after
    if letter == "W" and not in_class:
        return f"[^{_WORD}]", after
    if letter == "/":
        return "/", after
    if letter == "u":
        braced = _BRACED_HEX.match(pattern, after)
        if braced:
            return f"\\U{int(braced[1], 16):08X}", braced.end()
        high = _HEX4.match(pattern, after)
        if high and 0xD800 <= int(high[0], 16) <= 0xDBFF and pattern.startswith("\\u", high.end()):
            low = _HEX4.match(pattern, high.end() + 2)
            if low and 0xDC00 <= int(low[0], 16) <= 0xDFFF:
                code = 0x10000 + ((int(high[0], 16) - 0xD800) << 10) + (int(low[0], 16) - 0xDC00)
                return f"\\U{code:08X}", low.end()
        return pattern[i:after], after
    if letter == "c" and after < len(pattern) and pattern[after].isascii() and pattern[after].isalpha():
        return f"\\x{ord(pattern[after]) % 32:02x}", after + 1
    octal = _OCTAL.match(pattern, i + 1)
    if octal and (letter == "0" or in_class):  # Annex B's legacy octal escapes (`\\1` outside a class is a backreference)
        return f"\\x{int(octal[0], 8):02x}", octal.end()
    if letter == "k" and not in_class:
        name = _GROUP_NAME.match(pattern, after)
        if name:
            return f"(?P={name[1]})", name.end()
    return pattern[i:after], after
