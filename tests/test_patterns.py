"""ECMA-262 ``pattern``s that pydantic's engines cannot compile never stop the package importing
(``generator/models/regexes.py``): translated where the dialects only spell a thing differently,
run by Python's ``re`` where they need it (lookarounds, backreferences), and left out, with a
warning, where the engine that runs them still cannot compile them."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from generator.models.regexes import PYTHON, RUST, Patterns, make_compilable, translate
from generator.pipeline import generate


@pytest.mark.parametrize(
    ("ecma", "portable"),
    [
        # \d and \w are ASCII in ECMA-262 (Rust's Unicode \w, repeated 512 times, is over its size limit)
        (r"^\d{12}$", r"^[0-9]{12}$"),
        (r"^(\w|\.|-){1,255}$", r"^([a-zA-Z0-9_]|\.|-){1,255}$"),
        # Annex B: a '-' beside a class escape in a class is a literal; \/ is /
        (r"role\/[\w-\/.@+=,]{1,1017}$", r"role/[a-zA-Z0-9_\-/.@+=,]{1,1017}$"),
        (r"^[a-zA-Z0-9\s-_()]+$", r"^[a-zA-Z0-9\s\-_()]+$"),
        (r"[a-\d]", r"[a\-0-9]"),
        # code points, control and legacy octal escapes, surrogate pairs
        (r"\u{1F600}", r"\U0001F600"),
        (r"\uD83D\uDE00", r"\U0001F600"),
        (r"\cJ\0", r"\x0a\x00"),
        (r"[^/:|\000-\037]+", r"[^/:|\x00-\x1f]+"),
        # named groups and their backreferences
        (r"(?<year>\d{4})-\k<year>", r"(?P<year>[0-9]{4})-(?P=year)"),
        # a '[' in a class, '&&' (a set operation in Rust), [^] (any character)
        (r"[a[b]", r"[a\[b]"),
        (r"[a&&b]", r"[a&\&b]"),
        (r"^[^]$", r"^[\s\S]$"),
        # lookarounds stay (Python's re runs them); \p{L} stays (Rust's engine runs it)
        (r"^(?!aws:)(?<=x)[a-z]+$", r"^(?!aws:)(?<=x)[a-z]+$"),
        (r"^\p{L}+$", r"^\p{L}+$"),
    ],
)
def test_ecma_262_is_translated_to_what_both_engines_read(ecma: str, portable: str) -> None:
    assert translate(ecma) == portable


def _schemas(*patterns: str) -> dict[str, object]:
    return {"M": {"type": "object", "properties": {f"p{i}": {"type": "string", "pattern": p} for i, p in enumerate(patterns)}}}


def test_the_engine_is_rust_unless_a_pattern_needs_python() -> None:
    schemas = _schemas(r"^\p{L}+$", r"^[\w-.]+$")
    assert make_compilable(schemas) == Patterns(RUST, ())
    needs = _schemas(r"^(?!aws:)[a-z]+$", r"^\p{L}+$", r"\p{Print}+")
    result = make_compilable(needs)
    assert result.engine == PYTHON
    assert [f.pointer for f in result.warnings] == ["#/components/schemas/M/properties/p1/pattern", "#/components/schemas/M/properties/p2/pattern"]
    assert "another pattern of this spec needs" in result.warnings[0].message
    assert "pattern" not in needs["M"]["properties"]["p1"] and needs["M"]["properties"]["p0"]["pattern"] == r"^(?!aws:)[a-z]+$"  # type: ignore[index]


SPEC = r"""openapi: 3.1.0
info: {title: Regex Case, version: '1'}
paths:
  /keys/{id}:
    get:
      operationId: getKey
      parameters: [{name: id, in: path, required: true, schema: {type: string}}]
      responses:
        '200': {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/Key'}}}}
components:
  schemas:
    Key:
      type: object
      properties:
        tag: {type: string, pattern: '^(?!aws:)[a-zA-Z+-=._:/]+$'}
        role: {type: string, pattern: '^arn:aws[a-z0-9-]*:iam::\d{12}:role\/[\w-\/.@+=,]{1,1017}$'}
        twice: {type: string, pattern: '^(?<w>[a-z]+)-\k<w>$'}
        emoji: {type: string, pattern: '^\u{1F600}+$'}
        printable: {type: string, pattern: '^\p{Print}+$'}
        letters: {type: string, pattern: '^\p{L}+$'}
        labels: {type: object, additionalProperties: {type: string, pattern: '^(?!x-)[a-z-]+$'}}
        highs: {type: array, items: {$ref: '#/components/schemas/HighSurrogate'}}
    HighSurrogate: {type: string, pattern: '[\uD800-\uDBFF]'}  # a root model: Python's re only
    Plain:
      type: object
      properties:
        letters: {type: string, pattern: '/^\p{L}[\p{L}\d]*$/u'}
"""

CHECK = r"""
import json, sys
import pydantic
from regex_case.types import Key
def ok(data):
    try:
        Key.model_validate(data)
        return True
    except pydantic.ValidationError:
        return False
print(json.dumps({
    "valid": ok({"tag": "team:a/b", "role": "arn:aws:iam::123456789012:role/a-b/c.d@e", "twice": "ab-ab",
                 "emoji": "\U0001F600\U0001F600", "labels": {"k": "a-b"}}),
    "lookahead": ok({"tag": "aws:team"}),
    "class range": ok({"role": "arn:aws:iam::123456789012:role/a b"}),
    "ascii digits": ok({"role": "arn:aws:iam::\u0661\u0662\u0663456789012:role/a"}),
    "backreference": ok({"twice": "ab-cd"}),
    "code point": ok({"emoji": "x"}),
    "map value": ok({"labels": {"k": "x-y"}}),
    "root model": ok({"highs": ["a"]}),
    "dropped": ok({"printable": "\n", "letters": "123"}),
    "python re": Key.model_config.get("regex_engine"),
}))
"""


def _write(files: dict[str, bytes], out: Path) -> None:
    for path, data in files.items():
        (out / path).parent.mkdir(parents=True, exist_ok=True)
        (out / path).write_bytes(data)


def test_a_spec_of_patterns_rust_rejects_imports_and_validates(tmp_path: Path) -> None:
    spec = tmp_path / "openapi.yaml"
    spec.write_text(SPEC, encoding="utf-8")
    result = generate(spec)
    # (openapi-spec-validator also reports `(?<w>` and `\\k<w>`, judging ECMA-262 by Python's re)
    warned = {f.pointer: f.message for f in result.api.warnings if "not valid OpenAPI" not in f.message}
    assert set(warned) == {
        "#/components/schemas/Key/properties/printable/pattern",  # \p{Print}: neither engine (not ECMA-262)
        "#/components/schemas/Key/properties/letters/pattern",  # \p{L}: Rust only, and this spec's models run Python's re
        "#/components/schemas/Plain/properties/letters/pattern",
    }, warned
    assert all("the constraint is left out" in m for m in warned.values())
    out = tmp_path / "out"
    _write(result.files, out)
    checked = subprocess.run([sys.executable, "-c", CHECK], cwd=out, capture_output=True, text=True)
    assert checked.returncode == 0, checked.stderr
    assert json.loads(checked.stdout) == {
        "valid": True,
        "lookahead": False,
        "class range": False,
        "ascii digits": False,
        "backreference": False,
        "code point": False,
        "map value": False,
        "root model": False,
        "dropped": True,
        "python re": "python-re",
    }


def test_a_spec_whose_patterns_rust_compiles_keeps_the_default_engine(tmp_path: Path) -> None:
    spec = tmp_path / "openapi.yaml"
    plain_only = SPEC.split("    Key:")[0] + "    Plain:" + SPEC.split("    Plain:")[1]
    spec.write_text(plain_only.replace("schemas/Key", "schemas/Plain"), encoding="utf-8")
    result = generate(spec)
    assert not [f for f in result.api.warnings if "not valid OpenAPI" not in f.message]
    plain = result.files["regex_case/types/plain.py"].decode()
    assert "class Plain(BaseModel)" in plain and r"^\\p{L}[\\p{L}0-9]*$" in plain
