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
    python scripts/corpus/run_one.py --serve [--timeout S] ...   (what sweep.py runs: one fork per spec)
"""

from __future__ import annotations

import argparse
import json
import os
import re
import select
import signal
import subprocess
import sys
import time
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


_WARM_UP_SPEC = """\
openapi: 3.0.3
info: {title: Warm Up, version: "1"}
paths:
  /things/{id}:
    get:
      operationId: getThing
      parameters: [{name: id, in: path, required: true, schema: {type: string}}]
      responses:
        '200':
          description: a thing
          content: {application/json: {schema: {$ref: '#/components/schemas/Thing'}}}
components:
  schemas:
    Thing: {type: object, properties: {id: {type: string}, kind: {type: string, enum: [a, b]}}}
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


_CHILD: int | None = None  # the fork running a spec now (its own process group)


def _end_child_and_exit(signum: int, _frame: object) -> None:
    """Terminated (the sweep stops): the spec's process group goes too."""
    if _CHILD is not None:
        try:
            os.killpg(_CHILD, signal.SIGKILL)
        except ProcessLookupError:
            pass
    os._exit(128 + signum)


def run_forked(spec: Path, out: Path, import_timeout: float, timeout: float) -> dict[str, Any]:
    """:func:`run` in a forked child of this process (its imports already made), killed with its
    process group after ``timeout`` seconds; a child that dies without a verdict is an internal error."""
    global _CHILD
    reader, writer = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: one spec, then gone
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        os.close(reader)
        os.setpgid(0, 0)
        try:
            verdict = run(spec, out, import_timeout)
        except BaseException as exc:  # noqa: BLE001 - run() records errors; this is a bug in the sweep
            verdict = {"status": "internal", "error": f"{type(exc).__name__}: {exc}"[:600]}
        with os.fdopen(writer, "w") as pipe:
            pipe.write(json.dumps(verdict))
        os._exit(0)
    os.close(writer)
    _CHILD = pid
    chunks: list[bytes] = []
    deadline = time.monotonic() + timeout
    timed_out = False
    with os.fdopen(reader, "rb") as pipe:
        while True:
            left = deadline - time.monotonic()
            if left <= 0 or not select.select([pipe], [], [], left)[0]:
                timed_out = True
                break
            chunk = os.read(pipe.fileno(), 1 << 16)
            if not chunk:
                break
            chunks.append(chunk)
    if timed_out:
        try:
            os.killpg(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
    _, status = os.waitpid(pid, 0)
    _CHILD = None
    if timed_out:
        return {"status": "timeout", "error": f"no verdict within {timeout:.0f} s"}
    try:
        return dict(json.loads(b"".join(chunks)))
    except json.JSONDecodeError:
        return {"status": "internal", "error": f"the child died without a verdict (wait status {status})"}


def serve(import_timeout: float, timeout: float) -> None:
    """One request per stdin line (``{"spec": ..., "out": ...}``), one verdict per stdout line.

    The generator is imported once here and every spec runs in a fork of this process, so a
    sweep pays for the imports (seconds, most of a small spec's run) once per worker."""
    import tempfile

    from generator import pipeline
    from openapi_spec_validator import validate

    # Once through the whole pipeline, so that every lazy import is made before the forks.
    with tempfile.TemporaryDirectory() as scratch:
        warm = Path(scratch) / "warm.yaml"
        warm.write_text(_WARM_UP_SPEC, encoding="utf-8")
        pipeline.generate(warm)
    validate({"openapi": "3.0.3", "info": {"title": "t", "version": "1"}, "paths": {}})

    signal.signal(signal.SIGTERM, _end_child_and_exit)
    for line in sys.stdin:
        request = json.loads(line)
        started = time.monotonic()
        verdict = run_forked(Path(request["spec"]), Path(request["out"]), import_timeout, timeout)
        verdict["seconds"] = round(time.monotonic() - started, 1)
        sys.stdout.write(json.dumps(verdict) + "\n")
        sys.stdout.flush()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("spec", type=Path, nargs="?")
    parser.add_argument("out", type=Path, nargs="?")
    parser.add_argument("--serve", action="store_true", help="read requests from stdin, one verdict per line (each spec in a fork)")
    parser.add_argument("--timeout", type=float, default=240, help="seconds per spec in --serve mode")
    parser.add_argument("--cpu", type=int, default=None, help="pin this process (and its forked black workers) to one CPU")
    parser.add_argument("--import-timeout", type=float, default=120)
    parser.add_argument("--no-black", action="store_true", help="compile the generated files instead of formatting them")
    args = parser.parse_args(argv)
    if args.no_black:
        compile_instead_of_black()
    if args.cpu is not None and hasattr(os, "sched_setaffinity"):
        cpus = sorted(os.sched_getaffinity(0))
        os.sched_setaffinity(0, {cpus[args.cpu % len(cpus)]})
    if args.serve:
        serve(args.import_timeout, args.timeout)
    elif args.spec is None or args.out is None:
        parser.error("SPEC and OUT are needed (or --serve)")
    else:
        print(json.dumps(run(args.spec, args.out, args.import_timeout)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
