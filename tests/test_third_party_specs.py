"""Real specs nobody here wrote: each generates a package that installs as source, imports,
passes mypy --strict, and whose models validate the examples the spec carries.

Marked ``slow`` (the whole Vapi spec takes minutes); ``make test`` runs them, ``make test-fast`` skips them.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from generator.loader import load
from generator.pipeline import generate
from generator.writer import write_tree

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"

SPECS = {
    "opc-baseline-3.0": SHARED / "specs" / "opc-baseline-3.0.json",
    "opc-baseline-3.1": SHARED / "specs" / "opc-baseline-3.1.yaml",
    "vapi-full": SHARED / "vapi" / "openapi.json",
}


def _examples(document: dict[str, Any]) -> dict[str, list[Any]]:
    """Examples of each component schema (``example`` and ``examples``), by schema name."""
    found: dict[str, list[Any]] = {}
    for name, schema in ((document.get("components") or {}).get("schemas") or {}).items():
        if not isinstance(schema, dict):
            continue
        values = []
        if "example" in schema:
            values.append(schema["example"])
        if isinstance(schema.get("examples"), list):
            values.extend(schema["examples"])
        if values:
            found[name] = values
    return found


VALIDATE = r'''
import json, sys, importlib
import pydantic
package, payload = sys.argv[1], json.load(sys.stdin)
types = importlib.import_module(package + ".types")
client = importlib.import_module(package)
checked = 0
for class_name, examples in payload.items():
    model = pydantic.TypeAdapter(getattr(types, class_name))  # a model, an enum or a tagged union
    for example in examples:
        model.validate_python(example)
        checked += 1
print(checked)
'''


@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(SPECS))
def test_third_party_spec(name: str, tmp_path: Path) -> None:
    spec = SPECS[name]
    if not spec.exists():
        pytest.skip(f"{spec} not found")
    result = generate(spec)
    out = tmp_path / "out"
    write_tree(out, result.files)
    (package,) = [p.name for p in out.iterdir() if (p / "__init__.py").exists()]

    skipped = [w for w in result.api.warnings if w.message.startswith("skipped")]
    operations = sum(len(r.operations) for r in result.api.resources)
    print(f"\n{name}: {operations} operations generated, {len(skipped)} skipped")
    for warning in skipped:
        print(f"  {warning.pointer}: {warning.message[:160]}")

    document = load(spec).document
    class_by_ref = {m.class_name for m in result.api.models}
    examples = {k: v for k, v in _examples(document).items() if k in class_by_ref}
    env = {**os.environ, "PYTHONPATH": str(out)}
    run = subprocess.run(
        [sys.executable, "-c", VALIDATE, package], input=json.dumps(examples), capture_output=True, text=True, env=env
    )
    assert run.returncode == 0, run.stderr[-3000:]
    assert int(run.stdout.strip()) == sum(len(v) for v in examples.values())

    mypy = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--python-version", "3.10", "--no-incremental", "-p", package],
        capture_output=True,
        text=True,
        cwd=out,
    )
    assert mypy.returncode == 0, mypy.stdout[-5000:]
