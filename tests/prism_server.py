"""Prism (``@stoplight/prism-cli``), the independent validator the Prism and contract tests run.

Installed from npm into ``.cache/prism`` (gitignored) on first use, pinned to ``PRISM_VERSION``;
:func:`prism_mock` starts ``prism mock`` on 127.0.0.1 on a free port and stops it afterwards.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PRISM_DIR = ROOT / ".cache" / "prism"
PRISM_VERSION = "5.16.0"


class PrismDidNotStart(AssertionError):
    """Prism was still loading the spec when the time ran out (a big spec can take very long:
    stoplightio/prism#1479)."""


def prism_binary() -> Path:
    binary = PRISM_DIR / "node_modules" / ".bin" / "prism"
    if not binary.exists():
        npm = shutil.which("npm")
        assert npm, "npm is needed to install @stoplight/prism-cli for this test"
        PRISM_DIR.mkdir(parents=True, exist_ok=True)
        subprocess.run(
            [npm, "install", "--no-audit", "--no-fund", "--no-save", "--prefix", str(PRISM_DIR), f"@stoplight/prism-cli@{PRISM_VERSION}"],
            check=True,
            capture_output=True,
            timeout=600,
        )
    return binary


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextlib.contextmanager
def prism_mock(
    spec: Path, log_path: Path, *, dynamic: bool = False, seed: str | None = None, start_timeout: float = 180
) -> Iterator[str]:
    """``prism mock`` of ``spec`` on 127.0.0.1 (``dynamic``: answers made up from the schemas,
    ``-d``, the same ones each run with a ``seed``; else the spec's examples); yields its base URL,
    stops it on exit."""
    binary = prism_binary()
    port = free_port()
    with log_path.open("w+") as log:
        process = subprocess.Popen(
            [str(binary), "mock", *(["-d"] if dynamic else []), *(["--seed", seed] if seed else []), "-h", "127.0.0.1", "-p", str(port), str(spec)],
            stdout=log,
            stderr=subprocess.STDOUT,
            env={**os.environ, "NO_COLOR": "1"},
        )
        try:
            deadline = time.monotonic() + start_timeout
            while time.monotonic() < deadline:
                if process.poll() is not None:
                    log.seek(0)
                    raise AssertionError(f"prism exited early: {log.read()[-3000:]}")
                try:
                    socket.create_connection(("127.0.0.1", port), timeout=1).close()
                    break
                except OSError:
                    time.sleep(0.3)
            else:
                raise PrismDidNotStart(f"prism did not start within {start_timeout:g} s")
            yield f"http://127.0.0.1:{port}"
        finally:
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(timeout=10)
