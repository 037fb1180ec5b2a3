"""A spec full of hostile strings: the package compiles, imports and runs none of them."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from generator.pipeline import generate
from generator.output.writer import write_tree

HOSTILE = Path(__file__).resolve().parent / "fixtures" / "hostile" / "openapi.yaml"

SCRIPT = r'''
import hostile_api_7_7_if_true_x_endif as pkg
from hostile_api_7_7_if_true_x_endif import types

client = pkg.HostileApi77IfTrueXEndif(base_url="http://127.0.0.1:9", max_retries=0)
resource = client.items_import_os
try:
    resource.get("a/b")
except pkg.APIConnectionError:
    pass
try:
    resource.upload("a", meta={"k": 1})
except pkg.APIConnectionError:
    pass
print(repr(types.Item.__doc__))
print(repr(pkg._client.DEFAULT_BASE_URL))
print(sorted(member.value for member in types.Kind))
print(sorted(member.value for member in types.Mode))
event = client.webhooks.unwrap('{"kind": "\\"\\"\\""}', {})
print(type(event).__name__)
'''


def test_hostile_strings_never_run(tmp_path: Path) -> None:
    out = tmp_path / "out"
    write_tree(out, generate(HOSTILE).files)
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT], cwd=tmp_path, capture_output=True, text=True, env={"PYTHONPATH": str(out)}
    )
    assert result.returncode == 0, result.stderr
    assert not (tmp_path / "PWNED").exists()
    doc, base_url, kinds, modes, event = result.stdout.splitlines()
    assert event == "SecondXWebhookEvent", "a webhook's tag is the spec's value, quotes and all"
    assert "{{ 7*7 }}" in doc and '"""' in doc, "Jinja syntax stays text, quotes survive"
    assert "__import__(" in base_url and "touch PWNED" in base_url
    assert "{{ 7*7 }}" in kinds and "'''" in kinds
    assert modes == repr(sorted(['"""', "it's"])), "a oneOf of consts is an enum"


def test_jinja_syntax_in_the_spec_is_never_rendered(tmp_path: Path) -> None:
    files = generate(HOSTILE).files
    text = b"".join(files.values()).decode("utf-8")
    # "49" may be in the runtime's own text (RFC 6749): as often as without the expression, never more.
    inert = tmp_path / "openapi.yaml"
    inert.write_text(HOSTILE.read_text(encoding="utf-8").replace("{{ 7*7 }}", "seven by seven"), encoding="utf-8")
    inert_text = b"".join(generate(inert).files.values()).decode("utf-8")
    assert "{{ 7*7 }}" in text and text.count("49") == inert_text.count("49")
    assert "{% for x in range(3) %}" in text
