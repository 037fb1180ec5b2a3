"""SIGKILL the generator at random moments: the output is always exactly the old tree or
exactly the new one, and the next run cleans up and writes the new tree.

Two kinds of trials, all with delays from a seeded RNG over a measured duration:
- the whole CLI (``python -m generator generate``), killed anywhere in its run;
- the writer stage alone (``generator.output.writer.write_tree`` in a fresh interpreter, fed the
  generator's output), where every kill lands in or around the write. Most of a CLI run is
  start-up and generation, and a kill there proves little; these trials are cheap, so
  there are many of them.
``CODEGEN_TEST_SLOW_WRITE`` (see generator/output/writer.py) widens the write and post-swap windows.
"""

from __future__ import annotations

import os
import pickle
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from generator.output.writer import read_tree, write_tree
from tests.snapshots import expected_dir

ROOT = Path(__file__).resolve().parent.parent
OLD_SPEC = ROOT / "tests" / "fixtures" / "petstore" / "openapi.yaml"
NEW_SPEC = ROOT / "tests" / "fixtures" / "todo" / "openapi.yaml"
SEED = 20240601
PAUSE = "0.01"  # seconds per file written (and 5x after the swap)
CLI_TRIALS = 3
WRITER_TRIALS = 24

WRITER_SCRIPT = """
import pickle, sys
from pathlib import Path
from generator.output.writer import write_tree
write_tree(Path(sys.argv[1]), pickle.loads(Path(sys.argv[2]).read_bytes()))
"""


def _env() -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(ROOT), "CODEGEN_TEST_SLOW_WRITE": PAUSE, "PYTHONDONTWRITEBYTECODE": "1"}


def _leftovers(out: Path) -> list[str]:
    return sorted(p.name for p in out.parent.glob(f".{out.name}.*"))


def _kill_after(argv: list[str], delay: float) -> int:
    process = subprocess.Popen(argv, cwd=ROOT, env=_env(), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        process.wait(timeout=delay)
    except subprocess.TimeoutExpired:
        process.send_signal(signal.SIGKILL)
    process.wait(timeout=60)
    assert process.stderr is not None
    stderr = process.stderr.read().decode()
    process.stderr.close()
    assert "Traceback" not in stderr, stderr
    return process.returncode


def _fresh_out(directory: Path, tree: dict[str, bytes]) -> Path:
    directory.mkdir(exist_ok=True)
    out = directory / "out"
    write_tree(out, tree)
    return out


def _outcome(out: Path, old: dict[str, bytes], new: dict[str, bytes]) -> str:
    actual = read_tree(out)
    assert actual in (old, new), (
        "the output is neither the old tree nor the new one: "
        f"{len(set(actual) ^ set(old))} files differ from old, {len(set(actual) ^ set(new))} from new"
    )
    return "old" if actual == old else "new"


@pytest.fixture(scope="module")
def old_tree() -> dict[str, bytes]:
    return read_tree(expected_dir(OLD_SPEC))


@pytest.fixture(scope="module")
def cli_run(tmp_path_factory: pytest.TempPathFactory, old_tree: dict[str, bytes]) -> tuple[dict[str, bytes], float]:
    """One uninterrupted CLI run over an old tree and the leftovers of a killed run: it must
    clean them up and write the new tree. Gives the new tree and the run's duration."""
    out = _fresh_out(tmp_path_factory.mktemp("calibrate"), old_tree)
    junk_new = out.parent / ".out.new-killed"
    (junk_new / "half").mkdir(parents=True)
    (junk_new / "half" / "written.py").write_text("x =")
    junk_old = out.parent / ".out.old-killed"
    junk_old.mkdir()
    (junk_old / "stale.py").write_text("y = 1\n")
    started = time.monotonic()
    result = subprocess.run(
        [sys.executable, "-m", "generator", "generate", "--spec", str(NEW_SPEC), "--out", str(out)],
        cwd=ROOT,
        env=_env(),
        capture_output=True,
        text=True,
        timeout=120,
    )
    duration = time.monotonic() - started
    assert result.returncode == 0, result.stderr
    assert _leftovers(out) == []
    new = read_tree(out)
    assert new != old_tree and "todo_list_api/__init__.py" in new
    return new, duration


def test_cli_killed_at_random_moments(
    tmp_path: Path, old_tree: dict[str, bytes], cli_run: tuple[dict[str, bytes], float]
) -> None:
    new_tree, duration = cli_run
    rng = random.Random(SEED)
    for trial in range(CLI_TRIALS):
        out = _fresh_out(tmp_path / f"trial{trial}", old_tree)
        argv = [sys.executable, "-m", "generator", "generate", "--spec", str(NEW_SPEC), "--out", str(out)]
        _kill_after(argv, rng.uniform(0, duration))
        _outcome(out, old_tree, new_tree)
        write_tree(out, new_tree)  # what the next run does once it has generated
        assert read_tree(out) == new_tree and _leftovers(out) == []


def test_writer_killed_at_random_moments(
    tmp_path: Path, old_tree: dict[str, bytes], cli_run: tuple[dict[str, bytes], float]
) -> None:
    new_tree, _ = cli_run
    payload = tmp_path / "files.pickle"
    payload.write_bytes(pickle.dumps(new_tree))

    def argv(out: Path) -> list[str]:
        return [sys.executable, "-c", WRITER_SCRIPT, str(out), str(payload)]

    calibrate = _fresh_out(tmp_path / "calibrate", old_tree)
    started = time.monotonic()
    assert _kill_after(argv(calibrate), 120) == 0
    duration = time.monotonic() - started
    assert read_tree(calibrate) == new_tree and _leftovers(calibrate) == []

    rng = random.Random(SEED)
    seen: dict[str, int] = {}
    for trial in range(WRITER_TRIALS):
        out = _fresh_out(tmp_path / f"trial{trial}", old_tree)
        _kill_after(argv(out), rng.uniform(0, 1.1 * duration))
        state = _outcome(out, old_tree, new_tree) + ("+leftovers" if _leftovers(out) else "")
        seen[state] = seen.get(state, 0) + 1
        write_tree(out, new_tree)  # the next run: cleans up, then writes the new tree
        assert read_tree(out) == new_tree
        assert _leftovers(out) == [], f"trial {trial} ({state}): leftovers survived the next run"
    # The kills hit the interesting windows: mid-write (the old tree, a half-written one
    # beside it) and after the swap (the new tree, the old one beside it).
    assert seen.get("old+leftovers", 0) >= 1, seen
    assert seen.get("new", 0) + seen.get("new+leftovers", 0) >= 1, seen
