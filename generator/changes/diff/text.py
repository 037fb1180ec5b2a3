"""How values appear in the report: code spans, literals, descriptions."""

from __future__ import annotations

import json
import re
from typing import Any


def _show(value: Any) -> str:
    if value is None:
        return "(none)"
    return json.dumps(value, ensure_ascii=False, sort_keys=True, default=str)


def _code(value: str | None, limit: int = 120) -> str:
    """``value`` as a Markdown code span (any backticks in it kept), shortened to ``limit``."""
    if value is None:
        return "(none)"
    text = " ".join(str(value).split())
    if len(text) > limit:
        text = text[: limit - 1] + "\u2026"
    if not text:
        return "(empty)"
    fence = "`" * (max((len(m) for m in re.findall(r"`+", text)), default=0) + 1)
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def _text(value: Any) -> str:
    return " ".join(value.split()) if isinstance(value, str) else ""
