"""No text of a spec can make invalid Python: one test per path by which spec text reaches the
models datamodel-code-generator writes, each with the text that used to break it.

Each spec is generated in process, written out, and its package imported by a fresh
interpreter that checks the values came through as data.
"""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

from generator.pipeline import generate
from generator.output.writer import write_tree

NASTY = "it's \"\"\" ''' \\ {{ 7*7 }} __import__('os').system('touch PWNED') #"


def _spec(schemas: dict[str, Any]) -> dict[str, Any]:
    return {"openapi": "3.1.0", "info": {"title": "Text Case", "version": "1"}, "paths": {}, "components": {"schemas": schemas}}


def _run(tmp_path: Path, spec_text: str, script: str, suffix: str = ".json") -> None:
    spec = tmp_path / f"openapi{suffix}"
    spec.write_text(spec_text, encoding="utf-8")
    out = tmp_path / "out"
    write_tree(out, generate(spec).files)
    for path in out.rglob("*.py"):
        compile(path.read_bytes(), str(path), "exec", dont_inherit=True)
    result = subprocess.run(
        [sys.executable, "-c", "from text_case import types\n" + textwrap.dedent(script)],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        env={"PYTHONPATH": str(out)},
    )
    assert result.returncode == 0, result.stderr
    assert not (tmp_path / "PWNED").exists()


def test_one_of_consts_is_an_open_enum_named_from_titles_with_escaped_docstrings(tmp_path: Path) -> None:
    """The OpenAPI 3.1 enum: member names from titles, docstrings from descriptions (which used
    to reach the output unescaped: an apostrophe ended the module with a SyntaxError)."""
    spec = _spec(
        {
            "Mode": {
                "description": NASTY,
                "oneOf": [
                    {"const": "fast", "title": "Fast's way", "description": NASTY},
                    {"const": "slo'w", "title": "Slow", "description": "ends in a backslash \\"},
                ],
            }
        }
    )
    _run(
        tmp_path,
        json.dumps(spec),
        f"""
        assert types.Mode("fast") is types.Mode.FAST_S_WAY and types.Mode("slo'w") is types.Mode.SLOW
        assert types.Mode("new").name == "UNKNOWN" and types.Mode("new").value == "new"
        assert types.Mode.__doc__.strip() == {NASTY!r}
        """,
    )


def test_enum_member_descriptions_from_x_enum_descriptions(tmp_path: Path) -> None:
    spec = _spec(
        {"Kind": {"type": "string", "enum": ["a", "b"], "x-enum-descriptions": [NASTY, "\\"], "x-enum-varnames": ["A", "B"]}}
    )
    _run(tmp_path, json.dumps(spec), 'assert types.Kind("b") is types.Kind.B')


def test_values_are_literals(tmp_path: Path) -> None:
    """Patterns, examples, defaults, titles, consts and property names become repr()s."""
    prop = {"type": "string", "pattern": f"^{NASTY}$", "examples": [NASTY], "default": NASTY, "title": NASTY, "description": NASTY}
    spec = _spec({"Thing": {"type": "object", "title": NASTY, "properties": {NASTY: prop, "c": {"const": NASTY}}}})
    _run(
        tmp_path,
        json.dumps(spec),
        f"""
        thing = types.Thing.model_validate({{"c": {NASTY!r}}})
        assert thing.model_dump(by_alias=True)[{NASTY!r}] == {NASTY!r}
        """,
    )


def test_lone_surrogates_in_json_become_replacement_characters(tmp_path: Path) -> None:
    """JSON can spell half a surrogate pair, which no UTF-8 file can hold."""
    text = json.dumps(_spec({"Thing": {"type": "object", "description": "half \ud83d", "properties": {"x\udc4d": {"type": "string", "default": "\ud83d"}}}}))
    assert "\\ud83d" in text
    _run(
        tmp_path,
        text,
        """
        assert "half \\ufffd" in types.Thing.__doc__
        assert types.Thing().model_dump(by_alias=True) == {"x\\ufffd": "\\ufffd"}
        """,
    )


def test_line_separators_in_prose(tmp_path: Path) -> None:
    """Form feeds, U+2028/U+2029, vertical tabs and NEL in docstrings (str.splitlines() splits
    at them, Python's tokenizer does not)."""
    prose = "a\x0cb\u2028c\u2029d\x0be\x85f\x1cg\r\nh\ri\x00j"
    spec = _spec(
        {
            "Thing": {"type": "object", "description": prose, "properties": {"p": {"type": "string", "description": prose}}},
            "Kind": {"oneOf": [{"const": "a", "description": prose}, {"const": "b", "description": prose}]},
        }
    )
    _run(tmp_path, json.dumps(spec), 'assert types.Thing(p="x").p == "x" and types.Kind("a") is types.Kind.A')
