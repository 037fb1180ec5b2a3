"""A scratch git repository holding a copy of this one's working tree (what a fresh clone of it
would hold once committed), for tests of the release and review workflows."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
IDENTITY = {
    "GIT_AUTHOR_NAME": "Release Test", "GIT_AUTHOR_EMAIL": "release@example.com",
    "GIT_COMMITTER_NAME": "Release Test", "GIT_COMMITTER_EMAIL": "release@example.com",
    "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1",
}


def git(repo: Path, *args: str) -> str:
    result = subprocess.run(["git", *args], cwd=repo, env={**os.environ, **IDENTITY}, capture_output=True, text=True)
    assert result.returncode == 0, f"git {' '.join(args)}: {result.stderr}"
    return result.stdout


def scratch_repo(where: Path, folders: tuple[str, ...] = ("generator", "templates", "spec", "generated")) -> Path:
    """``where`` as a git repository (branch ``main``) with one commit of ``folders`` as they are now."""
    where.mkdir(parents=True, exist_ok=True)
    for name in folders:
        shutil.copytree(ROOT / name, where / name, ignore=shutil.ignore_patterns("__pycache__", ".*.new-*", ".*.old-*"))
    for name in (".gitignore", "pyproject.toml", "Makefile"):
        shutil.copy2(ROOT / name, where / name)
    git(where, "init", "--quiet", "--initial-branch=main")
    git(where, "add", "-A")
    git(where, "commit", "--quiet", "-m", "start")
    return where


def run_env() -> dict[str, str]:
    """The environment for running the copy's generator: the copy, not this checkout, is imported."""
    env = {**os.environ, **IDENTITY}
    env.pop("PYTHONPATH", None)
    env.pop("CODEGEN_CACHE_DIR", None)
    return env
