"""The independent servers the contract test calls each operation against, and which one judges
which operation.

A :class:`Judge` starts a server on 127.0.0.1 for a spec file and says how it reports a request
that breaks the spec (a header of violations, problem types of its own errors), so that
tests/contract.py classifies every judge's answers with one classification.

- :data:`PRISM`: ``prism mock -d --seed`` (tests/prism_server.py), the default.
- :data:`OPENAPI_CORE`: tests/openapi_core_judge.py, openapi-core behind a small HTTP server, run
  in its own virtual environment (kept in ``.test-venvs/``, built once from
  tests/openapi_core_judge.requirements.txt).

:func:`prism_where_it_can` assigns each operation of a spec: Prism when the operation's tree with
every ``$ref`` inlined (what Prism builds before it answers anything) is small enough for Prism to
load, openapi-core for the rest (tests/spec_subset.py).
"""

from __future__ import annotations

import contextlib
import hashlib
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tests.judge_protocol import JUDGE_ERRORS, VIOLATIONS_HEADER
from tests.prism_server import free_port, prism_mock
from tests.pythons import VENVS, make_venv, pip_install
from tests.spec_subset import Operation, expanded_sizes

ROOT = Path(__file__).resolve().parent.parent
JUDGE_REQUIREMENTS = ROOT / "tests" / "openapi_core_judge.requirements.txt"
# Prism reads a big spec slowly (minutes on a busy machine).
PRISM_START = 900.0
# The largest operation, in nodes once every $ref is inlined, handed to Prism. Measured on the
# whole Vapi spec: its 79 operations of at most 52,207 nodes each (172 schemas) load in 6 s; the
# next smallest is 1.8e6 nodes, POST /call ~1e8, and a spec holding only POST /call had not loaded
# after 10 minutes of CPU. Every other spec the project holds stays under 2,000 per operation.
PRISM_MAX_NODES = 500_000


@dataclass(frozen=True)
class Judge:
    """An independent server that checks each request against the spec and answers as the
    spec documents."""

    name: str
    serve: Callable[[Path, Path], AbstractContextManager[str]]  # (spec file, log file) -> base URL
    violations_header: str  # a JSON list of {"location": [...], "message", "severity"}
    errors_prefix: str  # the problem ``type`` prefix of its own errors (a JSON body)
    eager: bool  # it inlines the whole document before answering: give it only its operations
    # Its answers are checked against the spec before they leave, so one it reports as breaking
    # the spec is its own fault and never counts as parsed (Prism's made-up answers are not).
    vouches: bool = False


def _prism(spec: Path, log: Path) -> AbstractContextManager[str]:
    return prism_mock(spec, log, dynamic=True, seed="contract", start_timeout=PRISM_START)


PRISM = Judge("Prism", _prism, "sl-violations", "https://stoplight.io/prism/errors#", eager=True)


def judge_python() -> Path:
    """The Python of the openapi-core judge's own virtual environment, of the Python running the
    tests, built once into ``.test-venvs/`` (its folder name a hash of that Python and the pins)."""
    requirements = [
        line.strip() for line in JUDGE_REQUIREMENTS.read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    ]
    key = hashlib.sha256("\n".join([sys.version, *requirements]).encode()).hexdigest()[:16]
    where = VENVS / f"openapi-core-judge-{key}"
    ready = where / ".ready"
    if not ready.exists():
        python = make_venv(Path(sys.executable), where)
        pip_install(python, *requirements)
        ready.write_text("\n".join(requirements) + "\n", encoding="utf-8")
    return where / "bin" / "python"


@contextlib.contextmanager
def openapi_core_judge(spec: Path, log_path: Path, start_timeout: float = 120) -> Iterator[str]:
    """tests/openapi_core_judge.py serving ``spec`` on 127.0.0.1; yields its base URL."""
    python = judge_python()
    port = free_port()
    with log_path.open("w+") as log:
        process = subprocess.Popen(
            [str(python), "-m", "tests.openapi_core_judge", str(spec), str(port)],
            cwd=ROOT, stdout=log, stderr=subprocess.STDOUT,
        )
        try:
            deadline = time.monotonic() + start_timeout
            while True:
                if process.poll() is not None:
                    log.seek(0)
                    raise AssertionError(f"the openapi-core judge exited early: {log.read()[-3000:]}")
                try:
                    socket.create_connection(("127.0.0.1", port), timeout=1).close()
                    break
                except OSError:
                    if time.monotonic() > deadline:
                        raise AssertionError(f"the openapi-core judge did not start within {start_timeout:g} s") from None
                    time.sleep(0.1)
            yield f"http://127.0.0.1:{port}"
        finally:
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(timeout=10)

OPENAPI_CORE = Judge("openapi-core", openapi_core_judge, VIOLATIONS_HEADER, JUDGE_ERRORS, eager=False, vouches=True)

# Which judge judges which operation of a document.
Assign = Callable[[dict[str, Any]], dict[Operation, Judge]]


def prism_where_it_can(document: dict[str, Any]) -> dict[Operation, Judge]:
    """Prism for each operation whose inlined tree it loads quickly, openapi-core for the rest."""
    sizes = expanded_sizes(document, limit=PRISM_MAX_NODES)
    return {op: PRISM if size <= PRISM_MAX_NODES else OPENAPI_CORE for op, size in sizes.items()}
