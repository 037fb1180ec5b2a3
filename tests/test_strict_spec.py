"""The project's own spec generates strictly: losing an operation stops `make generate`.

A typo'd type in a copy of spec/ (with its own config, which says ``strict: true``) makes
``generate`` and ``check`` exit 2 with the exact place of the typo, and the output directory
stays as it was. ``allow_skips`` lets a named operation be skipped, with a reason; an entry that
matches nothing is an error. The same spec without ``strict: true`` (as ``SPEC=...`` for a
third-party spec) is generated leniently: a warning, the operation skipped.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from generator.output.writer import read_tree

ROOT = Path(__file__).resolve().parent.parent
SPEC_DIR = ROOT / "spec"

# A new query parameter with a one-character typo, as the last parameter of GET /call.
ANCHOR = "      responses:\n        '200':\n          description: The calls matching the filters."
TYPO = "        - name: probeWithTypo\n          in: query\n          schema: {type: strng}\n" + ANCHOR
# Where it lands: the index after the spec's own parameters of GET /call.
INDEX = len(yaml.safe_load((SPEC_DIR / "openapi.yaml").read_text(encoding="utf-8"))["paths"]["/call"]["get"]["parameters"])
POINTER = f"#/paths/~1call/get/parameters/{INDEX}/schema/type"


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "generator", *args], capture_output=True, text=True, cwd=cwd, env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"}
    )


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A copy of spec/ (spec and config) with the typo, and an output directory holding a tree."""
    shutil.copytree(SPEC_DIR, tmp_path / "spec")
    spec = tmp_path / "spec" / "openapi.yaml"
    text = spec.read_text(encoding="utf-8")
    assert text.count(ANCHOR) == 1
    spec.write_text(text.replace(ANCHOR, TYPO), encoding="utf-8")
    out = tmp_path / "out"
    (out / "pkg").mkdir(parents=True)
    (out / "pkg" / "old.py").write_text("OLD = 1\n")
    return tmp_path


def _typo_place(project: Path) -> str:
    lines = (project / "spec" / "openapi.yaml").read_text(encoding="utf-8").splitlines()
    line = next(i for i, text in enumerate(lines, 1) if "{type: strng}" in text)
    return f"spec/openapi.yaml:{line}:{lines[line - 1].index('strng') + 1}"


def test_the_projects_config_asks_for_strict_generation() -> None:
    text = (SPEC_DIR / "openapi.generator.yaml").read_text(encoding="utf-8")
    assert re.search(r"^strict: true$", text, re.M)


@pytest.mark.parametrize("command", ["generate", "check"])
def test_a_typo_stops_generate_and_check_at_its_place(project: Path, command: str) -> None:
    before = read_tree(project / "out")
    result = run(command, "--spec", "spec/openapi.yaml", "--out", "out", "--no-cache", cwd=project)
    assert result.returncode == 2, result.stderr
    lines = result.stderr.splitlines()
    assert lines[0] == (
        f"error: {_typo_place(project)}: {POINTER}: GET /call would be skipped: "
        "not valid OpenAPI 3.1.0: 'strng' is not valid under any of the given schemas"
    ), result.stderr
    assert "strict: true" in lines[-1] and "allow_skips" in lines[-1]
    assert "Traceback" not in result.stderr and result.stdout == ""
    assert read_tree(project / "out") == before


def test_a_named_skip_with_a_reason_is_allowed_and_a_stale_one_is_an_error(project: Path) -> None:
    config = project / "spec" / "openapi.generator.yaml"
    text = config.read_text(encoding="utf-8").replace("allow_skips: []\n", "")
    config.write_text(
        text + "allow_skips:\n  - operation: GET /call\n    reason: probeWithTypo is not served yet\n", encoding="utf-8"
    )
    result = run("generate", "--spec", "spec/openapi.yaml", "--out", "out", "--no-cache", cwd=project)
    assert result.returncode == 0, result.stderr
    assert result.stderr.splitlines() == [
        f"warning: {_typo_place(project)}: {POINTER}: skipped: not valid OpenAPI "
        "3.1.0: 'strng' is not valid under any of the given schemas (allowed: probeWithTypo is not served yet)"
    ]

    spec = project / "spec" / "openapi.yaml"
    spec.write_text(spec.read_text(encoding="utf-8").replace("{type: strng}", "{type: string}"), encoding="utf-8")
    stale = run("generate", "--spec", "spec/openapi.yaml", "--out", "out", "--no-cache", cwd=project)
    assert stale.returncode == 2, stale.stderr
    entry_line = config.read_text(encoding="utf-8").splitlines().index("  - operation: GET /call") + 1
    assert stale.stderr.splitlines()[0] == (
        f"error: spec/openapi.generator.yaml:{entry_line}:5: #/allow_skips/0: "
        "allow_skips names GET /call, which is not skipped; remove the entry"
    )


def test_a_spec_whose_config_is_not_strict_is_generated_leniently(project: Path) -> None:
    config = project / "spec" / "openapi.generator.yaml"
    config.write_text(config.read_text(encoding="utf-8").replace("strict: true", "strict: false"), encoding="utf-8")
    result = run("generate", "--spec", "spec/openapi.yaml", "--out", "out", "--no-cache", cwd=project)
    assert result.returncode == 0, result.stderr
    assert result.stderr.startswith(f"warning: {_typo_place(project)}: {POINTER}: skipped:")
    resource = (project / "out" / "vapi_calls" / "resources" / "calls.py").read_text(encoding="utf-8")
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
def test_a_bad_policy_in_the_config_is_refused(project: Path, setting: str, pointer: str, message: str) -> None:
    config = project / "spec" / "openapi.generator.yaml"
    text = config.read_text(encoding="utf-8").replace("strict: true\n", "").replace("allow_skips: []\n", "")
    config.write_text(text + setting + "\n", encoding="utf-8")
    result = run("generate", "--spec", "spec/openapi.yaml", "--out", "out", "--no-cache", cwd=project)
    assert result.returncode == 2, result.stderr
    assert re.match(rf"^error: spec/openapi\.generator\.yaml:\d+:\d+: {re.escape(pointer)}: .*{re.escape(message)}", result.stderr), result.stderr
