"""``VAPI_CALLS_LOG=debug`` logs more than ``info``: each attempt, each retry with its reason and
pause, and each page of a ``*_all`` iterator; neither level logs the API key.

The level is read when the package is imported, so each run is a fresh interpreter that talks
to conftest's server on 127.0.0.1 over real HTTP.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from .conftest import API_KEY, ScriptedServer

GENERATED = Path(__file__).resolve().parent.parent / "generated"

SCRIPT = textwrap.dedent(
    """
    import sys
    import vapi_calls
    client = vapi_calls.Vapi(api_key=sys.argv[2], base_url=sys.argv[1], max_retries=2)
    print([call.id for call in client.calls.list_all(page_size=1)])
    """
)


def _run(server: ScriptedServer, level: str, call: dict) -> subprocess.CompletedProcess[str]:
    server.json([{**call, "id": "c2", "createdAt": "2024-05-02T00:00:00Z"}])
    server.json({"message": "busy"}, status=503, retry_after_ms="10")
    server.json([])
    env = {**os.environ, "PYTHONPATH": str(GENERATED), "VAPI_CALLS_LOG": level}
    return subprocess.run(
        [sys.executable, "-c", SCRIPT, server.url, API_KEY], capture_output=True, text=True, env=env, timeout=60
    )


@pytest.fixture
def call(calls_payload: list) -> dict:
    return calls_payload[0]


def test_debug_logs_attempts_retries_and_pages(server: ScriptedServer, call: dict) -> None:
    run = _run(server, "debug", call)
    assert run.returncode == 0, run.stderr
    assert run.stdout.strip() == "['c2']"
    lines = [line.split("] ", 1)[1] for line in run.stderr.splitlines()]
    page_two = f"GET {server.url}/call?limit=1&createdAtLe=2024-05-02T00%3A00%3A00Z"
    assert lines == [
        "Fetching page 1: cursor none, page size 1",
        f"Sending GET {server.url}/call?limit=1 (attempt 1)",
        f'HTTP Request: GET {server.url}/call?limit=1 "HTTP/1.1 200" ' + lines[2].rsplit('" ', 1)[1],
        "Fetching page 2: cursor 2024-05-02 00:00:00+00:00, page size 1",
        f"Sending {page_two} (attempt 1)",
        f'HTTP Request: {page_two} "HTTP/1.1 503" ' + lines[5].rsplit('" ', 1)[1],
        f"Retrying {page_two} in 0.01 s: status 503 (retry 1 of 2)",
        f"Sending {page_two} (attempt 2)",
        f'HTTP Request: {page_two} "HTTP/1.1 200" ' + lines[8].rsplit('" ', 1)[1],
    ], run.stderr
    assert API_KEY not in run.stderr


def test_info_logs_only_the_requests(server: ScriptedServer, call: dict) -> None:
    run = _run(server, "info", call)
    assert run.returncode == 0, run.stderr
    lines = run.stderr.splitlines()
    assert len(lines) == 3 and all("HTTP Request: GET" in line for line in lines), run.stderr
    assert API_KEY not in run.stderr
