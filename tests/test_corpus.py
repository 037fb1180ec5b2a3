"""The corpus: real specs nobody here wrote (``../shared/specs/*`` and ``../shared/vapi/openapi.json``).

For each spec, the generator (unchanged between them) makes a package that
- declares only dependencies that exist in a fresh virtual environment holding nothing but
  httpx and pydantic (and their own dependencies): the wheel is built, its ``Requires-Dist``
  checked, and it is installed there with ``--no-deps``;
- imports there, every module of it, and its models validate the examples the spec carries;
- passes ``mypy --strict``.

Each test prints the spec's operations generated / total and why each skipped one was skipped
(``pytest -m slow tests/test_corpus.py -s``), and fails when a skip names a reason that is not a
wire format (the bar of the issue: only part 2's formats may be skipped) or when an operation
is lost without a warning. Marked ``slow``: minutes in all, most of it the whole Vapi spec.
One fresh environment serves the whole corpus (the packages have different import names).
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import venv
import zipfile
from pathlib import Path
from typing import Any

import pytest

from generator.load.bundle import bundle
from generator.load.loader import load
from generator.pipeline import generate
from generator.common.walkers import operations
from generator.output.writer import write_tree

ROOT = Path(__file__).resolve().parent.parent
# ../shared beside the repository (in a worktree under wt/, one more level up).
SHARED = next((p / "shared" for p in (ROOT.parent, ROOT.parent.parent) if (p / "shared").is_dir()), ROOT.parent / "shared")


def corpus() -> dict[str, Path]:
    specs = sorted(p for p in (SHARED / "specs").glob("*") if p.suffix in (".json", ".yaml", ".yml"))
    found = {p.stem: p for p in specs}
    found["vapi-full"] = SHARED / "vapi" / "openapi.json"
    return found


# The runtime dependencies a generated package may declare, and what the fresh environment gets.
RUNTIME = ("httpx", "pydantic")
# Why an operation may be skipped: a spec error the reference validator rejects, or a WebSocket
# endpoint (no HTTP method can use it, issue 20). Every media type and parameter style of the
# corpus generates (issue 12), so a skip for one is a regression.
ALLOWED_SKIPS = re.compile(r"not valid OpenAPI|a WebSocket endpoint")
# Operations openapi-python-client 0.29.1 generates from each spec (measured side by side, see
# README "Real specs"); ours must not be fewer. It refuses the Vapi file as published.
PEER_GENERATES = {"opc-baseline-3.0": 49, "opc-baseline-3.1": 49, "together": 97, "twilio_api_v2010": 188, "vapi-full": 0}


def _examples(document: dict[str, Any]) -> dict[str, list[Any]]:
    """Examples of each component schema (``example`` and ``examples``), by schema name."""
    found: dict[str, list[Any]] = {}
    for name, schema in ((document.get("components") or {}).get("schemas") or {}).items():
        if not isinstance(schema, dict):
            continue
        values = []
        if "example" in schema:
            values.append(schema["example"])
        if isinstance(schema.get("examples"), list):
            values.extend(schema["examples"])
        if values:
            found[name] = values
    return found


IMPORT_ALL = r'''
import importlib, json, pkgutil, sys
import pydantic
package, payload = sys.argv[1], json.load(sys.stdin)
root = importlib.import_module(package)
modules = [root.__name__]
for info in pkgutil.walk_packages(root.__path__, package + "."):
    importlib.import_module(info.name)
    modules.append(info.name)
types = importlib.import_module(package + ".types")
for name in getattr(types, "__all__", []):
    getattr(types, name)
checked = 0
for class_name, examples in payload.items():
    adapter = pydantic.TypeAdapter(getattr(types, class_name))  # a model, an enum, an alias
    for example in examples:
        adapter.validate_python(example)
        checked += 1
print(json.dumps({"modules": len(modules), "examples": checked}))
'''


@pytest.fixture(scope="module")
def fresh_python(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A virtual environment with httpx and pydantic (the versions of requirements.lock) and nothing else."""
    folder = tmp_path_factory.mktemp("fresh-venv")
    venv.EnvBuilder(with_pip=False).create(folder)
    python = folder / "bin" / "python"
    subprocess.run(
        [sys.executable, "-m", "pip", "--python", str(python), "install", "--quiet", "-c", str(ROOT / "requirements.lock"), *RUNTIME],
        check=True,
        capture_output=True,
        text=True,
    )
    return python


def _installed(python: Path) -> set[str]:
    listing = subprocess.run([python, "-c", "import importlib.metadata as m, json; print(json.dumps([d.metadata['Name'] for d in m.distributions()]))"], capture_output=True, text=True, check=True)
    return {re.sub(r"[-_.]+", "-", name).lower() for name in json.loads(listing.stdout)}


def _requires(wheel: Path) -> list[str]:
    with zipfile.ZipFile(wheel) as archive:
        metadata = next(n for n in archive.namelist() if n.endswith(".dist-info/METADATA"))
        text = archive.read(metadata).decode("utf-8")
    return [line.split(":", 1)[1].strip() for line in text.splitlines() if line.startswith("Requires-Dist:")]


@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(corpus()))
def test_corpus_spec(name: str, tmp_path: Path, fresh_python: Path) -> None:
    spec = corpus()[name]
    if not spec.exists():
        pytest.skip(f"{spec} not found")
    result = generate(spec)
    out = tmp_path / "out"
    write_tree(out, result.files)
    (package,) = [p.name for p in out.iterdir() if (p / "__init__.py").exists()]

    # Operations generated / total, and the reason for each skip.
    document = bundle(load(spec)).document
    total = sum(1 for _ in operations(document))
    generated = sum(len(r.operations) for r in result.api.resources)
    skipped = [w for w in result.api.warnings if w.message.startswith("skipped")]
    reasons: dict[str, int] = {}
    for warning in skipped:
        reason = re.sub(r"\(at #[^)]*\)", "", warning.message.removeprefix("skipped: "))[:140]
        reasons[reason] = reasons.get(reason, 0) + 1
    print(f"\n{name}: {generated}/{total} operations generated, {len(skipped)} skipped")
    for reason, count in sorted(reasons.items(), key=lambda kv: -kv[1]):
        print(f"  {count:4} x {reason}")
    assert generated + len(skipped) == total, "an operation was lost without a warning"
    unexpected = [reason for reason in reasons if not ALLOWED_SKIPS.search(reason)]
    assert unexpected == [], "skipped for a reason that is not a spec error"
    assert generated >= PEER_GENERATES.get(name, 0), "fewer operations than openapi-python-client"

    # The wheel declares only what the fresh environment has; installed with --no-deps there.
    build = subprocess.run(
        [sys.executable, "-m", "build", "--no-isolation", "--wheel", "--outdir", str(tmp_path / "dist"), str(out)],
        capture_output=True,
        text=True,
    )
    assert build.returncode == 0, build.stdout[-3000:] + build.stderr[-3000:]
    (wheel,) = (tmp_path / "dist").glob("*.whl")
    requires = {re.split(r"[\s<>=!~;\[]", r, maxsplit=1)[0].lower() for r in _requires(wheel)}
    assert requires <= _installed(fresh_python), f"declared dependencies missing from a fresh environment: {requires}"
    install = subprocess.run(
        [sys.executable, "-m", "pip", "--python", str(fresh_python), "install", "--quiet", "--no-deps", "--force-reinstall", str(wheel)],
        capture_output=True,
        text=True,
    )
    assert install.returncode == 0, install.stderr[-3000:]

    # Every module imports there (from the installed wheel, not the source), and the examples validate.
    examples = {k: v for k, v in _examples(document).items() if k in {m.class_name for m in result.api.models}}
    run = subprocess.run(
        [fresh_python, "-I", "-c", IMPORT_ALL, package],
        input=json.dumps(examples),
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env={k: v for k, v in os.environ.items() if not k.startswith("PYTHON")},
    )
    assert run.returncode == 0, run.stderr[-3000:]
    counts = json.loads(run.stdout)
    assert counts["examples"] == sum(len(v) for v in examples.values())
    print(f"  {counts['modules']} modules imported from the wheel, {counts['examples']} examples validated")

    mypy = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--python-version", "3.10", "--no-incremental", "-p", package],
        capture_output=True,
        text=True,
        cwd=out,
    )
    assert mypy.returncode == 0, mypy.stdout[-5000:]
