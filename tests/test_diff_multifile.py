"""``generator diff --base REF`` and the pull-request review on a multi-file spec: every file the
spec refers to is read as it was at REF (generator/changes/diff/snapshot.py), not only the root
file, and no temporary path reaches the report or an error."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from generator.changes import review
from tests.scratch import git
from tests.test_diff import cli, run

ROOT_SPEC = {
    "openapi": "3.1.0",
    "info": {"title": "Things API", "version": "1.0"},
    "paths": {
        "/things/{thing_id}": {
            "get": {
                "operationId": "getThing",
                "parameters": [{"name": "thing_id", "in": "path", "required": True, "schema": {"type": "string"}}],
                "responses": {
                    "200": {
                        "description": "The thing.",
                        "content": {"application/json": {"schema": {"$ref": "models/things.yaml#/Thing"}}},
                    }
                },
            }
        }
    },
}
# Two levels deep, each reference relative to the file that holds it.
THINGS = {"Thing": {"type": "object", "required": ["id"], "properties": {"id": {"$ref": "../common/ids.yaml#/Id"}, "size": {"type": "integer"}}}}
IDS = {"Id": {"type": "string", "description": "An opaque identifier."}}


def write(path: Path, doc: dict) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(yaml.safe_dump(doc, sort_keys=False), encoding="utf-8")


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A repository whose spec, ``api/root.yaml``, refers to ``api/models/things.yaml``, which
    refers to ``api/common/ids.yaml``; all three committed."""
    repo = tmp_path / "repo"
    write(repo / "api" / "root.yaml", ROOT_SPEC)
    write(repo / "api" / "models" / "things.yaml", THINGS)
    write(repo / "api" / "common" / "ids.yaml", IDS)
    git(repo, "init", "--quiet", "--initial-branch=main")
    git(repo, "add", "-A")
    git(repo, "commit", "--quiet", "-m", "spec")
    return repo


def test_base_reads_every_file_of_the_spec_at_the_ref(repo: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(repo)
    clean = cli(capsys, "diff", "--base", "HEAD", "--spec", "api/root.yaml", "--format", "json")
    assert clean.returncode == 0, clean.stderr
    assert json.loads(clean.stdout)["changes"] == []

    # Only the referenced files change: a field removed one level down, a type changed two levels down.
    write(repo / "api" / "models" / "things.yaml", {"Thing": {**THINGS["Thing"], "properties": {"id": THINGS["Thing"]["properties"]["id"]}}})
    write(repo / "api" / "common" / "ids.yaml", {"Id": {**IDS["Id"], "type": "integer"}})
    result = cli(capsys, "diff", "--base", "HEAD", "--spec", "api/root.yaml")
    assert result.returncode == 0, result.stderr
    assert "From `HEAD:api/root.yaml` to `api/root.yaml`: 2 breaking" in result.stdout
    assert "`Thing.size` (#/components/schemas/Thing/properties/size): response field removed" in result.stdout
    assert "`Thing.id` (#/components/schemas/Thing/properties/id): response field type changed incompatibly: `str` -> `int`" in result.stdout
    assert "generator-diff-" not in result.stdout and "/tmp" not in result.stdout

    # Committed, the working tree is the ref again; the commit before still shows both changes.
    git(repo, "commit", "--quiet", "-am", "edit the models")
    again = cli(capsys, "diff", "--base", "HEAD", "--spec", "api/root.yaml", "--format", "json")
    assert json.loads(again.stdout)["changes"] == []
    before = cli(capsys, "diff", "--base", "HEAD~1", "--spec", "api/root.yaml", "--fail-on", "breaking")
    assert before.returncode == 1 and "response field removed" in before.stdout


def test_a_referenced_file_missing_at_the_ref_is_a_clear_error(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    write(repo / "api" / "root.yaml", ROOT_SPEC)
    git(repo, "init", "--quiet", "--initial-branch=main")
    git(repo, "add", "-A")
    git(repo, "commit", "--quiet", "-m", "root only")  # the models were never committed
    write(repo / "api" / "models" / "things.yaml", THINGS)
    write(repo / "api" / "common" / "ids.yaml", IDS)

    result = run("diff", "--base", "HEAD", "--spec", "api/root.yaml", cwd=repo)
    assert result.returncode == 2
    assert result.stdout == ""
    assert len(result.stderr.strip().splitlines()) == 1 and "Traceback" not in result.stderr
    assert result.stderr.startswith("error: HEAD:api/root.yaml:"), result.stderr
    assert "$ref 'models/things.yaml#/Thing': file HEAD:api/models/things.yaml not found" in result.stderr
    assert "generator-diff-" not in result.stderr


def test_an_error_in_a_referenced_file_at_the_ref_names_that_file(repo: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    (repo / "api" / "common" / "ids.yaml").write_text("Id: {type: string\n", encoding="utf-8")
    git(repo, "commit", "--quiet", "-am", "break the ids")
    write(repo / "api" / "common" / "ids.yaml", IDS)  # fixed in the working tree only
    monkeypatch.chdir(repo / "api")
    result = cli(capsys, "diff", "--base", "HEAD", "--spec", "root.yaml")
    assert result.returncode == 2
    assert result.stderr.startswith("error: HEAD:api/common/ids.yaml:2:"), result.stderr
    assert "invalid YAML" in result.stderr and "generator-diff-" not in result.stderr


def test_the_review_compares_every_file_at_both_commits(repo: Path) -> None:
    git(repo, "checkout", "--quiet", "-b", "feature")
    write(repo / "api" / "models" / "things.yaml", {"Thing": {**THINGS["Thing"], "properties": {"id": THINGS["Thing"]["properties"]["id"]}}})
    git(repo, "commit", "--quiet", "-am", "drop size")
    write(repo / "api" / "common" / "ids.yaml", {"Id": {**IDS["Id"], "type": "integer"}})  # not committed: not reviewed

    result = review.review(repo / "api" / "root.yaml", "main", "feature", [], "")
    assert result.verdict == review.FAIL, result.body
    assert "`Thing.size` (#/components/schemas/Thing/properties/size): response field removed" in result.body
    assert "1 breaking" in result.body and "`Thing.id`" not in result.body
