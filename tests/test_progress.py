"""Progress on a terminal: ``generate`` shows each stage and the count of files black formats
when stderr is a terminal (a real pseudo-terminal here); nothing extra when stderr is a pipe or
with ``--quiet``; ``check`` prints what it always printed."""

from __future__ import annotations

import io
import os
import pty
import subprocess
import sys
from pathlib import Path

from generator.progress import TerminalProgress

ROOT = Path(__file__).resolve().parent.parent
PETSTORE = ROOT / "tests" / "fixtures" / "petstore" / "openapi.yaml"


def _run(*args: str, terminal: bool) -> tuple[int, str, str]:
    """(exit status, stdout, stderr) of the generator, stderr on a pty when ``terminal``."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    command = [sys.executable, "-m", "generator", *args]
    if not terminal:
        done = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
        return done.returncode, done.stdout, done.stderr
    leader, follower = pty.openpty()
    process = subprocess.Popen(command, cwd=ROOT, env=env, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=follower)
    os.close(follower)
    chunks = []
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:  # EIO: the child closed the terminal
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(leader)
    stdout = process.stdout.read().decode() if process.stdout else ""
    process.wait(timeout=300)
    return process.returncode, stdout, b"".join(chunks).decode().replace("\r\n", "\n")


def test_generate_shows_its_stages_on_a_terminal(tmp_path: Path) -> None:
    status, stdout, stderr = _run("generate", "--no-cache", "--spec", str(PETSTORE), "--out", str(tmp_path / "out"), terminal=True)
    assert status == 0, stderr
    assert str(tmp_path / "out") in stdout
    shown = [line.split("\r\x1b[K")[-1] for line in stderr.split("\n")]  # what stays on screen of each line
    stages = [line.split("] ", 1)[1] for line in shown if line.startswith("generate: [")]
    assert [s.split(" (")[0].split(":")[0] for s in stages] == [
        f"loading {PETSTORE}",
        "models",
        "validating",
        "building the client's model",
        "rendering templates",
        "formatting with black",
        f"writing {tmp_path / 'out'}",
    ]
    formatted = next(line for line in shown if "formatting with black" in line)
    total = formatted.split("/")[-1].split(" ")[0]
    assert formatted.endswith(f": {total}/{total} files formatted")  # --no-cache: every file is new
    assert int(total) > 10
    assert stderr.count("files formatted") >= 2  # the count is updated in place, from 0 up


def test_no_progress_without_a_terminal_or_with_quiet(tmp_path: Path) -> None:
    # The stage cache makes these quick; a new output folder still runs every stage.
    piped = _run("generate", "--spec", str(PETSTORE), "--out", str(tmp_path / "a"), terminal=False)
    quiet = _run("generate", "--quiet", "--spec", str(PETSTORE), "--out", str(tmp_path / "b"), terminal=True)
    for status, stdout, stderr in (piped, quiet):
        assert status == 0
        assert stderr == ""
        assert stdout.strip()  # the one line that says what was written, as ever


def test_check_output_is_unchanged_on_a_terminal(tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert _run("generate", "--spec", str(PETSTORE), "--out", str(out), terminal=False)[0] == 0
    status, stdout, stderr = _run("check", "--spec", str(PETSTORE), "--out", str(out), terminal=True)
    assert (status, stdout, stderr) == (0, f"up to date: {out}\n", "")


def test_counts_update_one_line_in_place() -> None:
    stream = io.StringIO()
    progress = TerminalProgress(stream)
    progress.stage("formatting")
    for done in range(1, 4):
        progress.count(done, 3, "files formatted")
    progress.stage("writing")
    progress.finish()
    lines = stream.getvalue().split("\n")
    assert len(lines) == 3 and lines[2] == ""
    assert lines[0].endswith(": 3/3 files formatted") and "\r\x1b[K" in lines[0]
    assert lines[1].endswith("writing")
