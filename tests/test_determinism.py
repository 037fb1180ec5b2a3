"""The output depends on the spec and nothing else: not the hash seed, the time zone, the
locale (even an ASCII-only one), the working directory, or where the repository lives.

Each run is a ``python -m generator generate --no-cache`` subprocess of spec/openapi.yaml
into a fresh directory (no stage of it is remembered from another run); the trees must be byte-identical to each other and to the committed
generated/. The runs vary several things at once (every value listed below is used by one
run) and go two at a time, to keep the file to a few runs of wall time.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pytest

from generator.output.writer import read_tree

ROOT = Path(__file__).resolve().parent.parent
_DROP = ("PYTHONHASHSEED", "TZ", "LANG", "LANGUAGE", "PYTHONUTF8", "PYTHONCOERCECLOCALE", "PYTHONIOENCODING")


def _other_locale() -> str:
    """A locale `locale -a` lists besides C and POSIX, else POSIX."""
    try:
        names = subprocess.run(["locale", "-a"], capture_output=True, text=True, timeout=10).stdout.split()
    except (OSError, subprocess.SubprocessError):
        names = []
    usual = {"c", "c.utf8", "c.utf-8", "posix"}
    others = sorted(name for name in names if name.lower() not in usual)
    return others[0] if others else "POSIX"


@dataclass(frozen=True)
class Variant:
    name: str
    env: dict[str, str]
    where: str  # "repo": cwd is the repository; "elsewhere": another directory; "root": /; "copy": a copy of the repo


VARIANTS = (
    # An ASCII-only locale without PEP 538/540 help: any open() without encoding= would show.
    Variant(
        "hashseed0-utc-ascii-locale-repo",
        {"PYTHONHASHSEED": "0", "TZ": "UTC", "LC_ALL": "C", "PYTHONCOERCECLOCALE": "0", "PYTHONUTF8": "0"},
        "repo",
    ),
    Variant("hashseed1-kolkata-cutf8-elsewhere", {"PYTHONHASHSEED": "1", "TZ": "Asia/Kolkata", "LC_ALL": "C.UTF-8"}, "elsewhere"),
    Variant(
        "hashseed12345-los-angeles-other-locale-root",
        {"PYTHONHASHSEED": "12345", "TZ": "America/Los_Angeles", "LC_ALL": _other_locale()},
        "root",
    ),
    Variant("hashseed-random-kolkata-lang-copy", {"PYTHONHASHSEED": "random", "TZ": "Asia/Kolkata", "LANG": "C.UTF-8"}, "copy"),
)


def _copy_repository(target: Path) -> Path:
    for name in ("generator", "templates", "spec"):
        shutil.copytree(ROOT / name, target / name, ignore=shutil.ignore_patterns("__pycache__"))
    return target


def _run(variant: Variant, base: Path) -> dict[str, bytes]:
    work = base / variant.name
    work.mkdir()
    out = work / "out"
    env = {k: v for k, v in os.environ.items() if k not in _DROP and not k.startswith("LC_")}
    env.update(variant.env)
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    spec = ROOT / "spec" / "openapi.yaml"
    if variant.where == "copy":
        copy = _copy_repository(work / "elsewhere" / "repo copy")
        cwd, spec, env["PYTHONPATH"] = copy, Path("spec/openapi.yaml"), str(copy)
        where = subprocess.run(
            [sys.executable, "-c", "import generator; print(generator.__file__)"],
            cwd=cwd, env=env, capture_output=True, text=True, check=True,
        ).stdout.strip()
        assert Path(where).is_relative_to(copy), f"the copy ran the original generator: {where}"
    else:
        env["PYTHONPATH"] = str(ROOT)
        cwd = {"repo": ROOT, "elsewhere": work, "root": Path("/")}[variant.where]
        if variant.where == "repo":
            spec = spec.relative_to(ROOT)
    result = subprocess.run(
        [sys.executable, "-m", "generator", "generate", "--no-cache", "--spec", str(spec), "--out", str(out)],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, f"{variant.name}: {result.stderr}"
    return read_tree(out)


@pytest.fixture(scope="module")
def trees(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, bytes]]:
    base = tmp_path_factory.mktemp("determinism")
    with ThreadPoolExecutor(max_workers=2) as pool:
        futures = {v.name: pool.submit(_run, v, base) for v in VARIANTS}
        return {name: future.result() for name, future in futures.items()}


def _differences(a: dict[str, bytes], b: dict[str, bytes]) -> list[str]:
    return sorted(path for path in set(a) | set(b) if a.get(path) != b.get(path))


def test_every_run_writes_the_same_bytes(trees: dict[str, dict[str, bytes]]) -> None:
    names = list(trees)
    first = trees[names[0]]
    assert first, "the run wrote nothing"
    for name in names[1:]:
        assert _differences(first, trees[name]) == [], f"{name} differs from {names[0]}"


def test_and_they_are_the_committed_output(trees: dict[str, dict[str, bytes]]) -> None:
    committed = read_tree(ROOT / "generated")
    for name, tree in trees.items():
        assert _differences(committed, tree) == [], f"{name} differs from generated/ (run `make generate`?)"
