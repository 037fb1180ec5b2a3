"""The generator as another team gets it: its wheel, installed into a fresh virtual environment
of the lowest Python it claims, run as ``openapi-client-generator`` from an empty directory
outside the repository (no PYTHONPATH, no checkout in sight).

The spec is ``tests/data/opc-baseline-3.1.yaml``, a copy of openapi-python-client's end-to-end
baseline (``../shared/specs/``, MIT), so the test does not depend on files beside the clone.
"""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from tests.pythons import LOWEST, interpreter, make_venv, pip_install

ROOT = Path(__file__).resolve().parent.parent
SPEC = ROOT / "tests" / "data" / "opc-baseline-3.1.yaml"



def test_the_readme_the_pyproject_and_this_test_claim_the_same_lowest_python() -> None:
    import tomllib

    claimed = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["requires-python"]
    assert claimed == ">=" + ".".join(LOWEST.split(".")[:2])
    assert f"Python {claimed[2:]}+" in (ROOT / "README.md").read_text()


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [sys.executable, "-m", "build", "--no-isolation", "--wheel", "--outdir", str(out), str(ROOT)],
        check=True, capture_output=True,
    )
    (built,) = out.glob("openapi_client_generator-*.whl")
    return built


@pytest.fixture(scope="module")
def installed(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bin/ folder of a fresh venv of the lowest claimed Python with only the wheel installed."""
    python = interpreter(LOWEST)
    assert python is not None, f"Python {LOWEST} is missing (pyenv install {LOWEST})"
    venv_python = make_venv(python, tmp_path_factory.mktemp("venv") / "venv")
    pip_install(venv_python, str(wheel))
    return venv_python.parent


@pytest.mark.slow
def test_the_wheel_carries_the_templates_and_the_console_script(wheel: Path) -> None:
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        entry_points = next(archive.read(n).decode() for n in names if n.endswith("entry_points.txt"))
    templates = {n for n in names if n.startswith("generator/templates/")}
    repo_templates = {f"generator/{p.relative_to(ROOT).as_posix()}" for p in (ROOT / "templates").rglob("*") if p.is_file()}
    assert templates == repo_templates
    assert "openapi-client-generator = generator.cli:entry" in entry_points


def _run(bin_dir: Path, cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV", "CODEGEN_CACHE_DIR")}
    env["XDG_CACHE_HOME"] = str(cwd / ".user-cache")
    env["PATH"] = f"{bin_dir}{os.pathsep}{env.get('PATH', '')}"
    return subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True, timeout=600)


@pytest.mark.slow
def test_the_console_script_generates_an_importable_client_from_anywhere(installed: Path, tmp_path: Path) -> None:
    work = tmp_path / "elsewhere"
    work.mkdir()
    spec = work / "api.yaml"
    spec.write_bytes(SPEC.read_bytes())

    result = _run(installed, work, "openapi-client-generator", "generate", "--spec", "api.yaml", "--out", "client")
    assert result.returncode == 0, result.stderr
    assert "client" in result.stdout
    assert "warning: api.yaml:" in result.stderr  # the same warnings as `python -m generator`
    package = next(p.name for p in (work / "client").iterdir() if (p / "__init__.py").is_file())
    imported = _run(installed, work / "client", str(installed / "python"), "-c", f"import {package}; print({package}.__version__)")
    assert imported.returncode == 0, imported.stderr
    assert imported.stdout.strip() == "0.1.0"
    # The cache went to the user's cache folder, not into site-packages or the working directory.
    assert list((work / ".user-cache" / "openapi-client-generator").iterdir())
    assert sorted(p.name for p in work.iterdir()) == [".user-cache", "api.yaml", "client"]

    # The same commands and exit codes as `python -m generator`.
    again = _run(installed, work, "openapi-client-generator", "generate", "--spec", "api.yaml", "--out", "client")
    assert again.returncode == 0 and "unchanged" in again.stdout
    assert _run(installed, work, "openapi-client-generator", "check", "--spec", "api.yaml", "--out", "client").returncode == 0
    (work / "client" / "README.md").write_text("edited\n", encoding="utf-8")
    drift = _run(installed, work, "openapi-client-generator", "check", "--spec", "api.yaml", "--out", "client")
    assert drift.returncode == 1 and "+++ b/README.md" in drift.stdout
    (work / "bad.yaml").write_text("openapi: 3.1.0\ninfo: [\n", encoding="utf-8")
    bad = _run(installed, work, "openapi-client-generator", "generate", "--spec", "bad.yaml", "--out", "client")
    assert bad.returncode == 2 and bad.stderr.startswith("error: bad.yaml:") and "Traceback" not in bad.stderr
    usage = _run(installed, work, "openapi-client-generator", "--help")
    assert usage.returncode == 0 and usage.stdout.startswith("usage: openapi-client-generator")
