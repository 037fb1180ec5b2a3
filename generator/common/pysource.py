"""The one escaping path from spec strings to Python source.

Anything that comes from a spec (a description, an enum value, a default, a URL) reaches
generated code only through :func:`literal` (an expression) or :func:`docstring` (the body
of a docstring); identifiers come from :mod:`generator.common.naming`. Both are total: no input
string can end the literal early, inject code or produce a SyntaxError.
"""

from __future__ import annotations

import re
from typing import Any

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\u2028\u2029]")


def literal(value: Any) -> str:
    """A Python expression that evaluates to ``value`` (str, int, float, bool, None, lists, dicts)."""
    if value is None or isinstance(value, (bool, int)):
        return repr(value)
    if isinstance(value, float):
        if value != value or value in (float("inf"), float("-inf")):
            return f"float({str(value)!r})"
        return repr(value)
    if isinstance(value, str):
        return repr(value)  # repr escapes quotes, backslashes, NUL and every control character
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(literal(item) for item in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{literal(str(k))}: {literal(v)}" for k, v in value.items()) + "}"
    raise TypeError(f"cannot write {type(value).__name__} as a Python literal")


def docstring(text: str) -> str:
    """Text safe inside a ``\"\"\"...\"\"\"`` docstring: no early end, no escapes, no control characters.

    Backslashes are doubled and quotes escaped so the docstring reads back as ``text``;
    control characters become visible ``\\xNN`` escapes; trailing whitespace is trimmed
    so that black leaves the result alone.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\t", "    ")
    text = text.replace("\\", "\\\\").replace('"', '\\"')
    text = _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}" if ord(m.group()) < 256 else f"\\u{ord(m.group()):04x}", text)
    lines = [line.rstrip() for line in text.strip().split("\n")]
    return "\n".join(lines)


def comment(text: str) -> str:
    """Text safe after ``#`` on one line."""
    return " ".join(docstring(text).split())
