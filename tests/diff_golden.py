"""The one fixed multi-change edit whose Markdown report is golden: tests/fixtures/diff/expected.md.

``tests/test_diff.py`` compares :func:`render` with the committed file; ``make snapshots``
(tests/snapshots.py) rewrites it. Both run the real command, ``python -m generator diff``, on
the petstore fixture and a copy of it with :func:`edit` applied.
"""

from __future__ import annotations

import copy
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
PETSTORE = ROOT / "tests" / "fixtures" / "petstore" / "openapi.yaml"
EXPECTED = ROOT / "tests" / "fixtures" / "diff" / "expected.md"


def edit(doc: dict[str, Any]) -> None:
    """Three breaking changes, three additions and two documentation changes."""
    schemas = doc["components"]["schemas"]
    list_pets = doc["paths"]["/pets"]["get"]
    list_pets["summary"] = "List the pets for sale"
    list_pets["parameters"][2]["schema"]["default"] = 50
    list_pets["parameters"].append({"name": "sortBy", "in": "query", "schema": {"type": "string"}})
    schemas["PetStatus"]["enum"].remove("in-stock")
    schemas["PetStatus"]["x-enum-varnames"].remove("IN_STOCK")
    schemas["PetStatus"]["enum"].append("sold")
    schemas["PetStatus"]["x-enum-varnames"].append("SOLD")
    del schemas["Pet"]["properties"]["bornAt"]
    schemas["Pet"]["properties"]["weight"] = {"type": "number", "description": "In kilograms."}
    schemas["Pet"]["properties"]["name"]["description"] = "The pet's name, as shown to buyers."


def write_pair(directory: Path) -> None:
    """``old/openapi.yaml`` (the fixture) and ``new/openapi.yaml`` (edited), each with its config."""
    for side in ("old", "new"):
        (directory / side).mkdir(parents=True, exist_ok=True)
        for source in PETSTORE.parent.glob("openapi*.yaml"):
            shutil.copy(source, directory / side / source.name)
    doc = yaml.safe_load(PETSTORE.read_text(encoding="utf-8"))
    edited = copy.deepcopy(doc)
    edit(edited)
    (directory / "new" / "openapi.yaml").write_text(yaml.safe_dump(edited, sort_keys=False, allow_unicode=True), encoding="utf-8")


def render(fmt: str = "markdown") -> subprocess.CompletedProcess[str]:
    with tempfile.TemporaryDirectory(prefix="diff-golden-") as tmp:
        write_pair(Path(tmp))
        env = {**os.environ, "PYTHONPATH": str(ROOT)}
        command = [sys.executable, "-m", "generator", "diff", "old/openapi.yaml", "new/openapi.yaml", "--format", fmt]
        return subprocess.run(command, cwd=tmp, env=env, capture_output=True, text=True)
