"""Generate a client from one spec and report what happened, as one JSON line on stdout.

Run by ``sweep.py`` in a child process (niced, with a timeout), so that a crash, a hang or a
memory blow-up of one spec costs only that spec. The verdict, ``status``:

- ``generated``: files written; ``operations`` generated of ``total``, the ``skips`` by reason,
  and ``imported`` (every module of the package imports, with httpx and pydantic only, and
  every lazily exported model resolves);
- ``invalid``: not an OpenAPI 3.x document at all (broken YAML/JSON, Swagger 2.0, no
  ``openapi`` key): ``clear`` says whether the error gives file:line:col;
- ``refused``: an OpenAPI 3.x document the generator refused with a SpecError;
  ``validator_accepts`` says whether openapi-spec-validator accepts it (then the refusal is a bug);
- ``internal``: any other exception (always a bug), with the exception's type and message.

    python scripts/corpus/run_one.py SPEC OUT [--cpu N] [--import-timeout S] [--no-black]
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import traceback
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from generator.errors import SpecError  # noqa: E402

IMPORT_ALL = r"""
import importlib, json, pkgutil, sys
package = sys.argv[1]
root = importlib.import_module(package)
modules = 1
for info in pkgutil.walk_packages(root.__path__, package + "."):
    importlib.import_module(info.name)
    modules += 1
types = importlib.import_module(package + ".types")
for name in getattr(types, "__all__", []):
    getattr(types, name)
print(json.dumps({"modules": modules}))
"""


def _openapi_version(spec: Path) -> str | None:
    """The document's ``openapi`` (or ``swagger``) version, or None when it does not parse."""
    from generator.load.loader import load

    try:
        document = load(spec).document
    except Exception:
        return None
    if not isinstance(document, dict):
        return None
    return str(document.get("openapi") or (f"swagger {document['swagger']}" if "swagger" in document else ""))


def _validator_accepts(spec: Path) -> tuple[bool | None, str]:
    """openapi-spec-validator's verdict on the document (None when it cannot even be read)."""
    from openapi_spec_validator import validate
    from generator.load.bundle import bundle
    from generator.load.loader import load

    try:
        document = bundle(load(spec)).document
    except Exception as exc:
        return None, f"{type(exc).__name__}: {exc}"[:300]
    try:
        validate(document)
    except Exception as exc:
        return False, f"{type(exc).__name__}: {str(exc).splitlines()[0] if str(exc) else ''}"[:300]
    return True, ""


def _import_check(out: Path, package: str, timeout: float) -> dict[str, Any]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTHON")}
    env.update(PYTHONPATH=str(out), PYTHONHASHSEED="0")
    try:
        run = subprocess.run([sys.executable, "-c", IMPORT_ALL, package], capture_output=True, text=True, cwd=out, env=env, timeout=timeout)
    except subprocess.TimeoutExpired:
        return {"imported": False, "import_error": f"import timed out after {timeout:.0f} s"}
    if run.returncode != 0:
        lines = [line for line in run.stderr.strip().splitlines() if line.strip()]
        return {"imported": False, "import_error": (lines[-1] if lines else f"exit {run.returncode}")[:400]}
    return {"imported": True, "modules": json.loads(run.stdout)["modules"]}


def _skip_reason(message: str) -> str:
    """A skip warning without its places and names, so that one cause counts as one reason."""
    reason = message.removeprefix("skipped: ")
    reason = re.sub(r"\(at #[^)]*\)", "", reason)
    reason = re.sub(r"'[^']*'", "'…'", reason)
    reason = re.sub(r"#/[^\s,;:)]*", "#/…", reason)
    return " ".join(reason.split())[:160]


def compile_instead_of_black() -> None:
    """Skip black (most of a run's time, and it only lays code out): compile every Python file
    instead, so that code that does not parse is still the internal error it is with black."""
    from generator import pipeline
    from generator.output.formatting import GeneratedCodeError

    def compile_only(files: dict[str, str], *args: Any, **kwargs: Any) -> dict[str, str]:
        for path, text in files.items():
            if path.endswith(".py"):
                try:
                    compile(text, path, "exec", dont_inherit=True)
                except SyntaxError as exc:
                    raise GeneratedCodeError(f"{path}:{exc.lineno}: {exc.msg}") from exc
        return dict(files)

    pipeline.format_files = compile_only  # type: ignore[assignment]


def run(spec: Path, out: Path, import_timeout: float) -> dict[str, Any]:
    from generator.common.walkers import operations
    from generator.load.bundle import bundle
    from generator.load.loader import load
    from generator.output.writer import write_tree
    from generator.pipeline import generate

    try:
        result = generate(spec)
    except SpecError as exc:
        version = _openapi_version(spec)
        clear = exc.location.line is not None and exc.location.column is not None
        if version is None or not version.startswith("3."):
            return {"status": "invalid", "clear": clear, "version": version, "error": str(exc)[:400], "message": exc.message[:300]}
        accepts, why = _validator_accepts(spec)
        return {"status": "refused", "clear": clear, "version": version, "error": str(exc)[:400], "message": exc.message[:300], "validator_accepts": accepts, "validator": why}
    except BaseException as exc:  # noqa: BLE001 - everything else is a bug, recorded to be fixed
        frames = traceback.extract_tb(exc.__traceback__)
        where = next((f"{Path(f.filename).relative_to(ROOT)}:{f.lineno}" for f in reversed(frames) if f.filename.startswith(str(ROOT / "generator"))), "")
        return {"status": "internal", "version": _openapi_version(spec), "error": f"{type(exc).__name__}: {exc}"[:600], "where": where}
    document = bundle(load(spec)).document
    total = sum(1 for _ in operations(document))
    generated = sum(len(r.operations) for r in result.api.resources)
    skips: dict[str, int] = {}
    for warning in result.api.warnings:
        if warning.message.startswith("skipped"):
            reason = _skip_reason(warning.message)
            skips[reason] = skips.get(reason, 0) + 1
    write_tree(out, result.files)
    package = result.api.config.package_name
    verdict: dict[str, Any] = {"status": "generated", "version": str(document.get("openapi")), "operations": generated, "total": total, "skips": skips, "package": package, "models": len(result.api.models)}
    verdict.update(_import_check(out, package, import_timeout))
    return verdict


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("spec", type=Path)
    parser.add_argument("out", type=Path)
    parser.add_argument("--cpu", type=int, default=None, help="pin this process (and its forked black workers) to one CPU")
    parser.add_argument("--import-timeout", type=float, default=120)
    parser.add_argument("--no-black", action="store_true", help="compile the generated files instead of formatting them")
    args = parser.parse_args(argv)
    if args.no_black:
        compile_instead_of_black()
    if args.cpu is not None and hasattr(os, "sched_setaffinity"):
        cpus = sorted(os.sched_getaffinity(0))
        os.sched_setaffinity(0, {cpus[args.cpu % len(cpus)]})
    print(json.dumps(run(args.spec, args.out, args.import_timeout)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
