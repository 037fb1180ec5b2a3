"""The Python interpreters the project promises (under pyenv on this machine and in CI), and
virtual environments for them, kept between runs in ``.test-venvs/`` (ignored by git).

A kept environment's folder name is a hash of the interpreter version and the exact
requirements, so changing either builds a new one; deleting ``.test-venvs/`` is always safe.
"""

from __future__ import annotations

import functools
import hashlib
import os
import shutil
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENVS = ROOT / ".test-venvs"
# Every Python the generated package (and the generator) declares, as pyenv names them.
PYTHONS = ("3.10.13", "3.11.7", "3.12.1", "3.13.0")
LOWEST = PYTHONS[0]


@functools.cache
def interpreter(version: str) -> Path | None:
    """The pyenv interpreter for ``version`` (``3.10.13``), or ``None`` when it is missing."""
    short = ".".join(version.split(".")[:2])
    command = shutil.which(f"python{short}")
    if command is None:
        return None
    result = subprocess.run(
        [command, "-c", "import sys; print(sys.executable)"],
        env={**os.environ, "PYENV_VERSION": version}, capture_output=True, text=True,
    )
    path = Path(result.stdout.strip()) if result.returncode == 0 else None
    return path if path and path.exists() else None


def make_venv(python: Path, where: Path) -> Path:
    """A new virtual environment of ``python`` at ``where``; returns its python."""
    subprocess.run([str(python), "-m", "venv", "--clear", str(where)], check=True, capture_output=True)
    return where / "bin" / "python"


def pip_install(venv_python: Path, *args: str) -> None:
    result = subprocess.run(
        [str(venv_python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check", *args],
        capture_output=True, text=True,
    )
    assert result.returncode == 0, f"pip install {' '.join(args)} failed:\n{result.stdout}\n{result.stderr}"


def kept_venv(version: str, requirements: list[str]) -> Path:
    """A virtual environment of Python ``version`` with exactly ``requirements``, built once."""
    python = interpreter(version)
    assert python is not None, f"Python {version} is not installed (pyenv install {version})"
    key = hashlib.sha256("\n".join([version, *requirements]).encode()).hexdigest()[:16]
    where = VENVS / f"py{version}-{key}"
    ready = where / ".ready"
    if not ready.exists():
        venv_python = make_venv(python, where)
        pip_install(venv_python, *requirements)
        ready.write_text("\n".join(requirements) + "\n", encoding="utf-8")
    return where / "bin" / "python"


