"""`make bench` in miniature, so it cannot rot: tiny sizes, one run, our side only.

No peers (bench/.venv is not needed) and nothing asserted about time: only that every row runs
and the table comes out.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_bench_smoke(tmp_path: Path) -> None:
    results = tmp_path / "RESULTS.md"
    run = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "run.py"), "--smoke", "--work", str(tmp_path / "work"), "--results", str(results)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=300,
    )
    assert run.returncode == 0, run.stderr[-3000:]
    table = [line for line in run.stdout.splitlines() if line.startswith("|")]
    assert table[0].startswith("| # | measurement |"), run.stdout
    numbers = {line.split("|")[1].strip() for line in table[2:]}
    assert {"1", "1b", "1c", "2", "4", "5", "6"} <= numbers, run.stdout
    assert "calls.list()" in run.stdout and "parse" in run.stdout
    assert "stopped" not in run.stdout
    assert results.read_text(encoding="utf-8").startswith("# Benchmark results")
