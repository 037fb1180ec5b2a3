"""What the generated package declares, tested: its HTTP tests (the client against real servers
on 127.0.0.1) on every Python it lists (3.10 to 3.13) and once with the lowest versions of its
dependencies that it allows (``httpx>=0.27``, ``pydantic>=2.7``, ``typing-extensions>=4.6.1`` in
``templates/metadata/pyproject.toml.jinja``), each in its own virtual environment. The petstore
fixture's ``Pet.labels`` (a map of constrained strings) imports ``typing_extensions.TypeAliasType``,
so the lowest run checks that floor too.

The environments are kept in ``.test-venvs/`` (tests/pythons.py), so only the first run pays for
the installs; a run then costs the tests themselves, under a minute per Python on an idle machine.
"""

from __future__ import annotations

import re
import subprocess
from collections.abc import Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

import pytest

from tests.pythons import LOWEST, PYTHONS, kept_venv

ROOT = Path(__file__).resolve().parent.parent
TEMPLATE = ROOT / "templates" / "metadata" / "pyproject.toml.jinja"
HTTP_TESTS = [
    "tests/test_client_http.py",
    "tests/test_calls_crud_http.py",
    "tests/test_pagination.py",
    "tests/test_client_runtime.py",
    "tests/test_server_faults.py",
    "tests/test_fixture_client_http.py",
    "tests/test_webhooks_vapi.py",
    "tests/test_webhook_signatures.py",
    "tests/test_pagination_styles.py",
]
PYTEST = "pytest==9.2.0"

pytestmark = pytest.mark.slow


def _pinned(name: str) -> str:
    """The version of ``name`` that the generator's own pyproject pins (the newest we test)."""
    text = (ROOT / "pyproject.toml").read_text()
    return re.search(rf'"{name}==([^"]+)"', text).group(1)  # type: ignore[union-attr]


def _lowest(name: str) -> str:
    """The lower bound the generated package declares for ``name``, as an exact version."""
    bound = re.search(rf'"{name}>=([0-9.]+)', TEMPLATE.read_text()).group(1)  # type: ignore[union-attr]
    return bound if bound.count(".") == 2 else f"{bound}.0"


RUNS = {
    **{f"python {version}": (version, "newest") for version in PYTHONS},
    "lowest deps": (LOWEST, "lowest"),
}


def _requirements(deps: str) -> list[str]:
    pick = _pinned if deps == "newest" else _lowest
    # typing-extensions is not pinned by the generator (pydantic brings the newest it allows).
    floor = [f"typing-extensions=={_lowest('typing-extensions')}"] if deps == "lowest" else []
    return [PYTEST, f"httpx=={pick('httpx')}", f"pydantic=={pick('pydantic')}", *floor]


def _run_http_tests(version: str, requirements: list[str]) -> subprocess.CompletedProcess[str]:
    python = kept_venv(version, requirements)
    return subprocess.run(
        [str(python), "-m", "pytest", "-q", "-x", "-p", "no:cacheprovider", "-m", "not slow", *HTTP_TESTS],
        cwd=ROOT, capture_output=True, text=True, timeout=900,
    )


@pytest.fixture(scope="module")
def runs() -> Iterator[dict[str, Future[subprocess.CompletedProcess[str]]]]:
    """The runs, one after another in the background, while the tests wait for theirs. Not side
    by side: test_server_faults times calls against their timeouts, and a busy CPU fails them."""
    with ThreadPoolExecutor(1) as pool:
        yield {name: pool.submit(_run_http_tests, version, _requirements(deps)) for name, (version, deps) in RUNS.items()}


@pytest.mark.parametrize("name", list(RUNS))
def test_the_http_tests_pass(name: str, runs: dict[str, Future[subprocess.CompletedProcess[str]]]) -> None:
    version, deps = RUNS[name]
    result = runs[name].result()
    assert result.returncode == 0, f"Python {version}, {_requirements(deps)}:\n{result.stdout[-6000:]}\n{result.stderr[-2000:]}"
    assert re.search(r"\b\d+ passed\b", result.stdout) and " failed" not in result.stdout
