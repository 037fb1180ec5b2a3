"""The runtime modules copied into every package as they are (``templates/package/*.py``).

They skip the formatting stage, so they must already be what black makes of them, and they
must not hold anything meant for Jinja (they are never rendered).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.output.formatting import format_python

SOURCES = sorted((Path(__file__).resolve().parents[1] / "templates" / "package").glob("*.py"))


def test_there_are_copied_runtime_sources() -> None:
    assert {p.name for p in SOURCES} >= {"_base_client.py", "_streaming.py", "_query.py"}


@pytest.mark.parametrize("source", SOURCES, ids=lambda p: p.name)
def test_copied_runtime_source_is_black_formatted(source: Path) -> None:
    text = source.read_text(encoding="utf-8")
    assert format_python(source.name, text) == text, f"run black on {source} (line length 100, py310)"


@pytest.mark.parametrize("source", SOURCES, ids=lambda p: p.name)
def test_copied_runtime_source_has_no_template_syntax(source: Path) -> None:
    text = source.read_text(encoding="utf-8")
    assert not any(mark in text for mark in ("{{", "{%", "{#")), f"{source} is copied, not rendered: move it to .py.jinja"
