"""``make release`` in a scratch repository: the first release, a breaking spec edit (dry run,
then the release), a release with only generated-code changes, and one with nothing new.

Runs ``python -m generator.release.release`` inside the copy (its own generator, templates and spec),
exactly what ``make release`` runs."""

from __future__ import annotations

import subprocess
import sys
import tarfile
from pathlib import Path

import pytest
import yaml

from generator.changes.changelog import advice
from generator.changes.diff import Change
from tests.scratch import git, run_env, scratch_repo


def _release(repo: Path, *flags: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "generator.release.release", "--date", "2026-12-01", *flags],
        cwd=repo, env=run_env(), capture_output=True, text=True, timeout=600,
    )


def _state(repo: Path) -> tuple[str, str, str, dict[str, bytes]]:
    dist = {p.name: p.read_bytes() for p in sorted((repo / "dist").glob("*"))} if (repo / "dist").is_dir() else {}
    return git(repo, "rev-parse", "HEAD"), git(repo, "tag", "--list"), git(repo, "status", "--porcelain", "--ignored=no"), dist


def _version(repo: Path) -> str:
    return yaml.safe_load((repo / "spec" / "openapi.generator.yaml").read_text())["version"]


@pytest.mark.slow
def test_release_bumps_writes_the_changelog_builds_and_tags(tmp_path: Path) -> None:
    repo = scratch_repo(tmp_path / "repo")

    first = _release(repo)
    assert first.returncode == 0, first.stderr
    assert git(repo, "tag", "--list").split() == ["vapi-calls-v0.1.0"]
    assert _version(repo) == "0.1.0"
    assert "## 0.1.0 (2026-12-01)\n\nFirst release." in (repo / "generated" / "CHANGELOG.md").read_text()
    (sdist,) = (repo / "dist").glob("*.tar.gz")
    with tarfile.open(sdist) as archive:
        assert any(name.endswith("/CHANGELOG.md") for name in archive.getnames())
    assert git(repo, "status", "--porcelain") == ""

    # A breaking spec edit: the optional assistantId filter removed, a required filter added.
    spec = repo / "spec" / "openapi.yaml"
    text = spec.read_text()
    doc = yaml.safe_load(text)
    params = doc["paths"]["/call"]["get"]["parameters"]
    assert any(p.get("name") == "assistantId" for p in params)
    doc["paths"]["/call"]["get"]["parameters"] = [p for p in params if p.get("name") != "assistantId"] + [
        {"name": "phoneNumberId", "in": "query", "required": True, "schema": {"type": "string"}}
    ]
    spec.write_text(yaml.safe_dump(doc, sort_keys=False))
    git(repo, "commit", "--quiet", "-am", "spec: filter by phone number")

    before = _state(repo)
    dry = _release(repo, "--dry-run")
    assert dry.returncode == 0, dry.stderr
    assert _state(repo) == before  # nothing changed: files, commit, tags, dist/
    assert "vapi-calls-v0.2.0: minor" in dry.stdout
    assert "argument `assistant_id`: argument removed" in dry.stdout
    assert "argument `phone_number_id`: new required argument" in dry.stdout
    assert "renamed" not in dry.stdout

    real = _release(repo)
    assert real.returncode == 0, real.stderr
    assert _version(repo) == "0.2.0"
    assert git(repo, "tag", "--list").split() == ["vapi-calls-v0.1.0", "vapi-calls-v0.2.0"]
    history = (repo / "generated" / "CHANGELOG.md").read_text()
    assert history == (repo / "spec" / "openapi.changelog.md").read_text()
    top = history.index("## 0.2.0 (2026-12-01)")
    assert top < history.index("## 0.1.0")
    section = history[top:history.index("## 0.1.0")]
    assert section.index("### Breaking changes: update your code") < section.index("### ") + 1
    assert "**To do:** pass this argument in every call." in section
    assert "**To do:** remove this argument from your calls." in section
    assert 'version = "0.2.0"' in (repo / "generated" / "pyproject.toml").read_text()
    assert git(repo, "status", "--porcelain") == ""
    assert git(repo, "log", "-1", "--format=%s") == "Release vapi-calls-v0.2.0\n"
    check = subprocess.run([sys.executable, "-m", "generator", "check"], cwd=repo, env=run_env(), capture_output=True, text=True)
    assert check.returncode == 0, check.stdout  # what was committed is what the spec generates

    # No API change, but the generated code changed (a template fix): a patch entry.
    template = repo / "templates" / "package" / "_exceptions.py.jinja"
    template.write_text(template.read_text() + "\n# A template fix.\n")
    git(repo, "commit", "--quiet", "-am", "templates: a fix")
    patch = _release(repo)
    assert patch.returncode == 0, patch.stderr
    assert _version(repo) == "0.2.1"
    assert "the API is the same" in (repo / "generated" / "CHANGELOG.md").read_text().split("## 0.2.0")[0]

    # Nothing new: nothing released, nothing changed.
    before = _state(repo)
    none = _release(repo)
    assert none.returncode == 0 and "nothing to release" in none.stdout
    assert _state(repo) == before


def test_a_release_refuses_uncommitted_changes(tmp_path: Path) -> None:
    repo = scratch_repo(tmp_path / "repo", folders=("generator", "templates", "spec"))
    (repo / "spec" / "openapi.generator.yaml").write_text((repo / "spec" / "openapi.generator.yaml").read_text() + "# edit\n")
    result = _release(repo)
    assert result.returncode == 1 and "uncommitted changes" in result.stderr
    assert git(repo, "tag", "--list") == ""


def test_every_breaking_change_says_what_to_do() -> None:
    generic = advice(Change("breaking", "x", "something new"))
    for what in ("operation removed", "argument removed", "new required argument", "response field removed",
                 "model renamed", "request enum value removed", "default changed", "response field became nullable"):
        assert advice(Change("breaking", "x", what)) != generic, what
