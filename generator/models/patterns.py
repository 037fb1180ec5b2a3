"""``pattern`` values written as JavaScript regex literals (``/^\\p{L}+$/u``), made usable.

Specs generated from JavaScript code sometimes carry the literal, delimiters and flags
included (the whole Vapi spec does, on Deepgram's ``keywords``). Read as a regular
expression, ``/^...`` can match nothing (a slash, then the start of the string), so every
value would fail validation. A pattern is taken as a literal when it is ``/body/flags`` and
either has flags or its body starts with ``^``; it becomes the body, with the flags that
change matching as inline flags (``i``, ``m``, ``s``); ``u``, ``g``, ``y``, ``d``, ``v`` only
matter to JavaScript (pydantic's regex engine is Unicode-aware). Anything else is kept as is.
"""

from __future__ import annotations

import re
from typing import Any

_LITERAL = re.compile(r"^/(?P<body>.+)/(?P<flags>[dgimsuyv]*)$", re.DOTALL)
_INLINE = ("i", "m", "s")


def unwrap_regex_literals(node: Any) -> None:
    """Rewrite, in place, every ``pattern`` of the schemas under ``node`` that is a regex literal."""
    if isinstance(node, dict):
        pattern = node.get("pattern")
        if isinstance(pattern, str):
            node["pattern"] = regex_body(pattern)
        for key, value in node.items():
            if key not in ("enum", "const", "default", "example", "examples"):
                unwrap_regex_literals(value)
    elif isinstance(node, list):
        for item in node:
            unwrap_regex_literals(item)


def regex_body(pattern: str) -> str:
    match = _LITERAL.match(pattern)
    if match is None or not (match["flags"] or match["body"].startswith("^")):
        return pattern
    inline = "".join(flag for flag in _INLINE if flag in match["flags"])
    return (f"(?{inline})" if inline else "") + match["body"]
