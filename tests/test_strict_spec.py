"""The project's own spec generates strictly: losing an operation stops `make generate`.

A typo'd type in a copy of spec/ (with its own config, which says ``strict: true``) makes
``generate`` and ``check`` exit 2 with the exact place of the typo, and the output directory
stays as it was. ``allow_skips`` lets a named operation be skipped, with a reason; an entry that
matches nothing is an error. The same spec without ``strict: true`` (as ``SPEC=...`` for a
third-party spec) is generated leniently: a warning, the operation skipped.

Every broken copy is made by a structured edit (load, change the data, dump) and every expected
place is read from the copy as written, so no test depends on the curated spec's layout: the typo
test also runs on the spec reformatted by ``yaml.safe_dump`` with an ordinary edit (issue 21).
"""

from __future__ import annotations

import copy
import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml

from generator.output.writer import read_tree

ROOT = Path(__file__).resolve().parent.parent
SPEC_DIR = ROOT / "spec"

# A new query parameter with a one-character typo, appended to the parameters of GET /call.
TYPO = {"name": "probeWithTypo", "in": "query", "schema": {"type": "strng"}}


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "generator", *args], capture_output=True, text=True, cwd=cwd, env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"}
    )


def edit_yaml(path: Path, change: Callable[[Any], None]) -> None:
    """A structured edit of a copy: load, change the data, dump (as any YAML tool may rewrite
    the file), so no test depends on how the curated spec is laid out."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")


def place(root: Path, rel: str, pointer: str) -> str:
    """``rel:line:col`` of the value at ``pointer`` in the file as written, read from PyYAML's
    own node marks (not the generator's loader, which is under test)."""
    node = yaml.compose((root / rel).read_text(encoding="utf-8"))
    for part in pointer.removeprefix("#/").split("/"):
        key = part.replace("~1", "/").replace("~0", "~")
        if isinstance(node, yaml.SequenceNode):
            node = node.value[int(key)]
        else:
            node = next(value for name, value in node.value if name.value == key)
    return f"{rel}:{node.start_mark.line + 1}:{node.start_mark.column + 1}"


def reformatted_with_edits(spec: Path) -> None:
    """What issue 21 did to the curated spec: an optional query parameter added to GET /call,
    the Call transcript's description reworded, the file written back by ``yaml.safe_dump``."""

    def change(doc: Any) -> None:
        doc["paths"]["/call"]["get"]["parameters"].append(
            {"name": "sortOrder", "in": "query", "required": False, "description": "Newest or oldest first.", "schema": {"type": "string"}}
        )
        doc["components"]["schemas"]["Call"]["properties"]["transcript"]["description"] = "The call's transcript, as text."

    edit_yaml(spec, change)


@dataclass(frozen=True)
class Project:
    root: Path
    pointer: str  # of the typo

    @property
    def typo_place(self) -> str:
        return place(self.root, "spec/openapi.yaml", self.pointer)


@pytest.fixture
def project(request: pytest.FixtureRequest, tmp_path: Path) -> Project:
    """A copy of spec/ (spec and config) with the typo, and an output directory holding a tree.
    Parametrized indirectly with "reformatted", the copy is first reformatted and edited
    (:func:`reformatted_with_edits`); the typo is injected the same way."""
    shutil.copytree(SPEC_DIR, tmp_path / "spec")
    spec = tmp_path / "spec" / "openapi.yaml"
    if getattr(request, "param", "as-committed") == "reformatted":
        reformatted_with_edits(spec)
    index = len(yaml.safe_load(spec.read_text(encoding="utf-8"))["paths"]["/call"]["get"]["parameters"])
    edit_yaml(spec, lambda doc: doc["paths"]["/call"]["get"]["parameters"].append(copy.deepcopy(TYPO)))
    out = tmp_path / "out"
    (out / "pkg").mkdir(parents=True)
    (out / "pkg" / "old.py").write_text("OLD = 1\n")
    return Project(tmp_path, f"#/paths/~1call/get/parameters/{index}/schema/type")


def test_the_projects_config_asks_for_strict_generation() -> None:
    text = (SPEC_DIR / "openapi.generator.yaml").read_text(encoding="utf-8")
    assert re.search(r"^strict: true$", text, re.M)


@pytest.mark.parametrize("project", ["as-committed", "reformatted"], indirect=True)
@pytest.mark.parametrize("command", ["generate", "check"])
def test_a_typo_stops_generate_and_check_at_its_place(project: Project, command: str) -> None:
    before = read_tree(project.root / "out")
    result = run(command, "--spec", "spec/openapi.yaml", "--out", "out", "--no-cache", cwd=project.root)
    assert result.returncode == 2, result.stderr
    lines = result.stderr.splitlines()
    assert lines[0] == (
        f"error: {project.typo_place}: {project.pointer}: GET /call would be skipped: "
        "not valid OpenAPI 3.1.0: 'strng' is not valid under any of the given schemas"
    ), result.stderr
    assert "strict: true" in lines[-1] and "allow_skips" in lines[-1]
    assert "Traceback" not in result.stderr and result.stdout == ""
    assert read_tree(project.root / "out") == before


def test_a_named_skip_with_a_reason_is_allowed_and_a_stale_one_is_an_error(project: Project) -> None:
    config = project.root / "spec" / "openapi.generator.yaml"
    entry = {"operation": "GET /call", "reason": "probeWithTypo is not served yet"}
    edit_yaml(config, lambda data: data.update(allow_skips=[entry]))
    result = run("generate", "--spec", "spec/openapi.yaml", "--out", "out", "--no-cache", cwd=project.root)
    assert result.returncode == 0, result.stderr
    assert result.stderr.splitlines() == [
        f"warning: {project.typo_place}: {project.pointer}: skipped: not valid OpenAPI "
        "3.1.0: 'strng' is not valid under any of the given schemas (allowed: probeWithTypo is not served yet)"
    ]

    def fix_typo(doc: Any) -> None:
        (param,) = (p for p in doc["paths"]["/call"]["get"]["parameters"] if p["name"] == TYPO["name"])
        param["schema"]["type"] = "string"

    edit_yaml(project.root / "spec" / "openapi.yaml", fix_typo)
    stale = run("generate", "--spec", "spec/openapi.yaml", "--out", "out", "--no-cache", cwd=project.root)
    assert stale.returncode == 2, stale.stderr
    assert stale.stderr.splitlines()[0] == (
        f"error: {place(project.root, 'spec/openapi.generator.yaml', '#/allow_skips/0')}: #/allow_skips/0: "
        "allow_skips names GET /call, which is not skipped; remove the entry"
    )


def test_a_spec_whose_config_is_not_strict_is_generated_leniently(project: Project) -> None:
    edit_yaml(project.root / "spec" / "openapi.generator.yaml", lambda data: data.update(strict=False))
    result = run("generate", "--spec", "spec/openapi.yaml", "--out", "out", "--no-cache", cwd=project.root)
    assert result.returncode == 0, result.stderr
    assert result.stderr.startswith(f"warning: {project.typo_place}: {project.pointer}: skipped:")
    resource = (project.root / "out" / "vapi_calls" / "resources" / "calls.py").read_text(encoding="utf-8")
    assert "def list(" not in resource and "def create(" in resource


@pytest.mark.parametrize(
    ("setting", "pointer", "message"),
    [
        ("strict: yes-please", "#/strict", "strict must be true or false"),
        ("allow_skips:\n  - operation: GET /call", "#/allow_skips/0", "needs exactly `operation: METHOD /path` and `reason: ...`"),
        ("allow_skips:\n  - {operation: list calls, reason: r}", "#/allow_skips/0/operation", "must read `METHOD /path`"),
        ("allow_skips:\n  - {operation: GET /call, reason: ''}", "#/allow_skips/0/reason", "say why"),
    ],
)
def test_a_bad_policy_in_the_config_is_refused(project: Project, setting: str, pointer: str, message: str) -> None:
    config = project.root / "spec" / "openapi.generator.yaml"
    edit_yaml(config, lambda data: [data.pop(key) for key in ("strict", "allow_skips")])
    config.write_text(config.read_text(encoding="utf-8") + setting + "\n", encoding="utf-8")  # as written: bad values
    result = run("generate", "--spec", "spec/openapi.yaml", "--out", "out", "--no-cache", cwd=project.root)
    assert result.returncode == 2, result.stderr
    assert re.match(rf"^error: spec/openapi\.generator\.yaml:\d+:\d+: {re.escape(pointer)}: .*{re.escape(message)}", result.stderr), result.stderr
