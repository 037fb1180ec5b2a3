"""What the generated package declares, tested: its HTTP tests (the client against real servers
on 127.0.0.1) on every Python it lists, and with the lowest versions of its dependencies that
it allows on the oldest and on the newest of those Pythons, each in its own virtual environment.

Everything is read from the rendered ``generated/pyproject.toml``: the Pythons from its
classifiers (each checked against ``requires-python``), and for each Python the lowest version
of every declared dependency whose environment marker holds there (``pydantic>=2.8; python_version
>= '3.13'``: pydantic 2.7's pydantic-core has no wheel for 3.13). The newest versions are the
ones this project locks (``requirements.lock``).

The environments are kept in ``.test-venvs/`` (tests/pythons.py), so only the first run pays for
the installs; a run then costs the tests themselves, under a minute per Python on an idle machine.
"""

from __future__ import annotations

import re
import subprocess
import sys
from collections.abc import Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

import pytest
from packaging.markers import default_environment
from packaging.requirements import Requirement
from packaging.version import Version

from tests.pythons import PYTHONS, interpreter, kept_venv

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - the project's own venv is 3.11; tomli is declared for 3.10
    import tomli as tomllib

ROOT = Path(__file__).resolve().parent.parent
PYPROJECT = ROOT / "generated" / "pyproject.toml"
LOCK = ROOT / "requirements.lock"
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
    "tests/test_media_client_http.py",
    "tests/test_stream_release.py",
]
PYTEST = "pytest==9.2.0"

pytestmark = pytest.mark.slow


def _project() -> dict[str, object]:
    return tomllib.loads(PYPROJECT.read_text(encoding="utf-8"))["project"]  # type: ignore[no-any-return]


def declared_pythons() -> list[str]:
    """The pyenv versions of the Pythons the package's classifiers list, oldest first."""
    project = _project()
    minors = [c.rsplit(" :: ", 1)[1] for c in project["classifiers"] if re.fullmatch(r"Programming Language :: Python :: 3\.\d+", c)]  # type: ignore[attr-defined]
    floor = tuple(int(part) for part in re.search(r">=\s*(3\.\d+)", str(project["requires-python"])).group(1).split("."))  # type: ignore[union-attr]
    versions = []
    for minor in sorted(minors, key=lambda m: tuple(int(p) for p in m.split("."))):
        assert tuple(int(p) for p in minor.split(".")) >= floor, f"classifier {minor} is below requires-python"
        (full,) = [v for v in PYTHONS if v.startswith(minor + ".")] or [None]
        assert full is not None, f"the package declares Python {minor}; tests/pythons.py has no interpreter for it"
        versions.append(full)
    return versions


def _environment(python: str) -> dict[str, str]:
    """The marker environment of another Python on this platform (PEP 508 names)."""
    environment = default_environment()
    environment.update(python_version=".".join(python.split(".")[:2]), python_full_version=python)
    return environment


def _requirements_on(python: str) -> list[Requirement]:
    environment = _environment(python)
    declared = [Requirement(text) for text in _project()["dependencies"]]  # type: ignore[attr-defined]
    return [r for r in declared if r.marker is None or r.marker.evaluate(environment)]


def lowest(requirement: Requirement) -> str:
    """The lowest version ``requirement`` allows: its ``>=``, ``~=`` or ``==`` bound."""
    bounds = [Version(s.version) for s in requirement.specifier if s.operator in (">=", "~=", "==")]
    assert bounds, f"{requirement} declares no lower bound, so there is no lowest version to test"
    floor = max(bounds)
    if str(floor) != ".".join(map(str, floor.release)):  # a pre- or post-release, as written
        return str(floor)
    return ".".join(map(str, (*floor.release, 0, 0)[: max(3, len(floor.release))]))  # 2.7 -> 2.7.0


def _locked() -> dict[str, str]:
    pins = (re.match(r"^([A-Za-z0-9._-]+)==([^\s;]+)", line) for line in LOCK.read_text().splitlines())
    return {_normal(m[1]): m[2] for m in pins if m}


def _normal(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def requirements(python: str, deps: str) -> list[str]:
    """What the run on ``python`` installs: every dependency declared there, at its lowest
    allowed version or at the version this project locks."""
    locked = _locked()
    pins = []
    for requirement in _requirements_on(python):
        version = lowest(requirement) if deps == "lowest" else locked[_normal(requirement.name)]
        assert requirement.specifier.contains(version, prereleases=True), f"{requirement.name}=={version} breaks {requirement}"
        pins.append(f"{requirement.name}=={version}")
    return [PYTEST, *pins]


PYTHONS_DECLARED = declared_pythons()
RUNS = {
    **{f"python {version}": (version, "newest") for version in PYTHONS_DECLARED},
    **{f"lowest deps on {version}": (version, "lowest") for version in (PYTHONS_DECLARED[0], PYTHONS_DECLARED[-1])},
}


def _run_http_tests(version: str, pins: list[str]) -> subprocess.CompletedProcess[str]:
    python = kept_venv(version, pins)
    return subprocess.run(
        [str(python), "-m", "pytest", "-q", "-x", "-p", "no:cacheprovider", "-m", "not slow", *HTTP_TESTS],
        cwd=ROOT, capture_output=True, text=True, timeout=900,
    )


@pytest.fixture(scope="module")
def runs() -> Iterator[dict[str, Future[subprocess.CompletedProcess[str]]]]:
    """The runs, one after another in the background, while the tests wait for theirs (one
    at a time: the machine's cores are shared)."""
    with ThreadPoolExecutor(1) as pool:
        yield {name: pool.submit(_run_http_tests, version, requirements(version, deps)) for name, (version, deps) in RUNS.items()}


@pytest.mark.parametrize("name", list(RUNS))
def test_the_http_tests_pass(name: str, runs: dict[str, Future[subprocess.CompletedProcess[str]]]) -> None:
    version, deps = RUNS[name]
    result = runs[name].result()
    assert result.returncode == 0, f"Python {version}, {requirements(version, deps)}:\n{result.stdout[-6000:]}\n{result.stderr[-2000:]}"
    assert re.search(r"\b\d+ passed\b", result.stdout) and " failed" not in result.stdout


@pytest.mark.parametrize("version", PYTHONS_DECLARED)
def test_the_lowest_versions_install_from_wheels_on_every_declared_python(version: str, tmp_path: Path) -> None:
    """pip, run by that Python, resolves the lowest versions to wheels for it (their own
    dependencies included); nothing is installed. A floor whose compiled dependency has no
    wheel for a declared Python (pydantic 2.7 on 3.13) fails here, by name."""
    python = interpreter(version)
    assert python is not None, f"Python {version} is not installed (pyenv install {version})"
    pins = requirements(version, "lowest")[1:]
    result = subprocess.run(
        [str(python), "-m", "pip", "install", "--dry-run", "--ignore-installed", "--only-binary=:all:",
         "--disable-pip-version-check", "--quiet", "--target", str(tmp_path / "target"), *pins],
        capture_output=True, text=True, timeout=600,
    )
    assert result.returncode == 0, f"Python {version} cannot install {pins}:\n{result.stderr[-3000:]}"
