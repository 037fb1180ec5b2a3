"""`make bench`: this generator and its client, side by side with the tools users would pick instead.

Every comparison runs interleaved in one invocation (A, B, A, B, ...) and is reported as the ratio of
medians ours/peer: on a noisy machine absolute times drift, ratios hold. Our side runs with the
project's `.venv`; the peers (openapi-python-client, vapi-server-sdk, the datamodel-codegen CLI) run
from `bench/.venv`, which `make bench` creates from `bench/requirements.txt`.

    .venv/bin/python bench/run.py [--runs 5] [--big-runs 3] [--quick] [--smoke] [--rows corpus,...]

`--smoke` (what `make test` runs, via tests/test_bench_smoke.py): tiny sizes, one run, our side only,
no peers needed, nothing asserted about time. Standard library only.
"""

from __future__ import annotations

import argparse
import datetime
import http.server
import json
import os
import platform
import re
import shutil
import signal
import socketserver
import statistics
import subprocess
import sys
import textwrap
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"
OUR_PY = ROOT / ".venv" / "bin" / "python"
PEER_BIN = BENCH / ".venv" / "bin"
PEER_PY = PEER_BIN / "python"
SPEC = ROOT / "spec" / "openapi.yaml"
VAPI_SPEC = ROOT.parent / "shared" / "vapi" / "openapi.json"
CALLS_DATA = ROOT / "tests" / "data" / "calls.json"
GENERATED = ROOT / "generated"

# The datamodel-codegen option set of ../shared/notes/datamodel-code-generator.md. The notes use
# `--openapi-scopes schemas paths parameters`; on this Vapi spec that stops with "Parameter name 'name'
# is used more than once", so the timed run generates the schemas (all our generator asks it for too).
DMCG_OPTIONS = (
    "--input-file-type openapi --output-model-type pydantic_v2.BaseModel "
    "--target-python-version 3.10 --target-pydantic-version 2 --openapi-scopes schemas "
    "--snake-case-field --allow-population-by-field-name --use-annotated --field-constraints "
    "--use-standard-collections --use-union-operator --use-double-quotes --disable-timestamp "
    "--capitalise-enum-members --use-subclass-enum --enum-field-as-literal one "
    "--naming-strategy full-path --deserialize-default-values enum "
    "--use-schema-description --use-field-description --collapse-root-models "
    "--extra-fields allow --output-datetime-class datetime --use-title-as-name --reuse-model "
    "--formatters black isort --ignore-pyproject"
).split()


# --------------------------------------------------------------------------- measuring processes


@dataclass
class Run:
    seconds: float
    peak_mb: float
    returncode: int | None  # None: killed at the timeout
    stdout: str
    stderr: str

    @property
    def ok(self) -> bool:
        return self.returncode == 0


def measure(cmd: list[str], *, env: dict[str, str] | None = None, timeout: float = 1800, cwd: Path = ROOT) -> Run:
    """Wall time and peak RSS (ru_maxrss of the child and its descendants) of one fresh process."""
    # posix_spawn (vfork-like), not fork: a forked child starts with the runner's resident set as
    # its high-water mark, which would put a floor under every ru_maxrss below.
    assert cwd == ROOT and os.getcwd() == str(ROOT)
    out_path, err_path = WORK / ".stdout", WORK / ".stderr"
    fds = [os.open(os.devnull, os.O_RDONLY)] + [os.open(p, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644) for p in (out_path, err_path)]
    try:
        start = time.perf_counter()
        pid = os.posix_spawn(
            str(cmd[0]), [str(c) for c in cmd], {**os.environ, **(env or {})},
            file_actions=[(os.POSIX_SPAWN_DUP2, fd, i) for i, fd in enumerate(fds)], setsid=True,
        )
    finally:
        for fd in fds:
            os.close(fd)
    killed = threading.Event()

    def kill() -> None:
        killed.set()
        try:
            os.killpg(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass

    timer = threading.Timer(timeout, kill)
    timer.start()
    _, status, usage = os.wait4(pid, 0)
    seconds = time.perf_counter() - start
    timer.cancel()
    returncode = os.waitstatus_to_exitcode(status)
    return Run(
        seconds=seconds,
        peak_mb=usage.ru_maxrss / 1024,
        returncode=None if killed.is_set() else returncode,
        stdout=out_path.read_text(errors="replace"),
        stderr=err_path.read_text(errors="replace"),
    )


def interleave(jobs: dict[str, Callable[[int], Run]], runs: int, log: str) -> dict[str, list[Run]]:
    """Run each job once per round, in order, `runs` rounds: A, B, A, B, ..."""
    results: dict[str, list[Run]] = {name: [] for name in jobs}
    for i in range(runs):
        for name, job in jobs.items():
            run = job(i)
            results[name].append(run)
            status = "ok" if run.ok else ("timeout" if run.returncode is None else f"exit {run.returncode}")
            print(f"  [{log}] {name} run {i + 1}/{runs}: {run.seconds:.2f} s, {run.peak_mb:.0f} MB, {status}", file=sys.stderr)
    return results


def med(values: list[float]) -> float:
    return statistics.median(values)


def first_error(run: Run) -> str:
    lines = [line.strip() for line in (run.stderr + run.stdout).splitlines() if line.strip()]
    for line in lines:
        if re.search(r"error|exception", line, re.I) and "Traceback" not in line:
            return line[:220]
    return (lines[-1] if lines else f"exit {run.returncode}")[:220]


# --------------------------------------------------------------------------- the table


ROWS: list[list[str]] = []
NOTES: list[str] = []


def row(number: str, what: str, ours: str, peer: str, ratio: str, target: str = "", verdict: str = "") -> None:
    ROWS.append([number, what, ours, peer, ratio, target, verdict])


def s(seconds: float) -> str:
    if seconds < 0.01:
        return f"{seconds * 1000:.2f} ms"
    if seconds < 1:
        return f"{seconds * 1000:.0f} ms"
    return f"{seconds:.2f} s"


def mb(value: float) -> str:
    return f"{value:.0f} MB"


def ratio(a: float, b: float) -> str:
    return f"{a / b:.3f}" if b > 0 else "n/a"


def verdict(value: float, limit: float, below: bool = True) -> str:
    ok = value <= limit if below else value >= limit
    return "met" if ok else "**missed**"


def table() -> str:
    head = ["#", "measurement", "ours (median)", "peer (median)", "ratio ours/peer", "target", "verdict"]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for r in ROWS:
        lines.append("| " + " | ".join(cell.replace("|", "\\|") for cell in r) + " |")
    return "\n".join(lines)


# --------------------------------------------------------------------------- inputs


def edited_spec(folder: Path, nonce: str, where: str = "operations") -> Path:
    """A copy of spec/openapi.yaml (and its config) with one one-line description changed:
    the first one (a tag's: it documents operations), or with ``where="schemas"`` the first
    one under ``components: schemas:`` (a model's)."""
    folder.mkdir(parents=True, exist_ok=True)
    config = SPEC.with_name(f"{SPEC.stem}.generator.yaml")
    if config.exists():
        shutil.copyfile(config, folder / config.name)
    text = SPEC.read_text(encoding="utf-8")
    start = text.index("\n  schemas:") if where == "schemas" else 0
    edited, count = re.subn(r"(?m)^(\s+description: (?![>|])\S.*?)\s*$", rf"\1 (bench edit {nonce})", text[start:], count=1)
    assert count == 1, f"no one-line description to edit in spec/openapi.yaml ({where})"
    target = folder / SPEC.name
    target.write_text(text[:start] + edited, encoding="utf-8")
    return target


def patched_vapi_spec(target: Path) -> tuple[Path, dict[str, int]]:
    """The whole Vapi spec with what stops a generator fixed (see _patch_vapi), written by a child
    process: loading 3 MB of JSON here would raise the runner's resident set, and a spawned child's
    ru_maxrss starts from its parent's high-water mark."""
    run = subprocess.run([OUR_PY, __file__, "--patch-vapi", target], capture_output=True, text=True, check=True)
    return target, json.loads(run.stdout)


def _patch_vapi(target: Path) -> None:
    """String enums whose values do not give distinct member names get `x-enum-varnames`, and
    `enum: []` (which openapi-python-client rejects) is dropped. Nothing else changes."""
    document = json.loads(VAPI_SPEC.read_text(encoding="utf-8"))
    stats = {"x-enum-varnames added": 0, "empty enums dropped": 0}

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            enum = node.get("enum")
            if isinstance(enum, list):
                if not enum:
                    del node["enum"]
                    stats["empty enums dropped"] += 1
                elif all(isinstance(v, str) for v in enum) and "x-enum-varnames" not in node:
                    keys = [re.sub(r"\W+", "_", v).strip("_").upper() for v in enum]
                    if any(not k or k[0].isdigit() for k in keys) or len(set(keys)) != len(keys):
                        node["x-enum-varnames"] = [f"VALUE_{i}" for i in range(len(enum))]
                        stats["x-enum-varnames added"] += 1
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(document)
    target.write_text(json.dumps(document), encoding="utf-8")
    print(json.dumps(stats))


def synthetic_spec(n: int, target: Path) -> Path:
    """A deterministic OpenAPI 3.1 document with n schemas and n operations (50 per tag)."""
    schemas: dict[str, Any] = {
        "Status": {"type": "string", "enum": ["active", "paused", "archived"], "description": "Lifecycle state."}
    }
    paths: dict[str, Any] = {}
    for i in range(n):
        props: dict[str, Any] = {
            "id": {"type": "string", "description": f"Identifier of item {i}."},
            "name": {"type": "string", "maxLength": 80},
            "count": {"type": "integer", "minimum": 0},
            "ratio": {"type": "number"},
            "status": {"$ref": "#/components/schemas/Status"},
            "createdAt": {"type": "string", "format": "date-time"},
            "labels": {"type": "array", "items": {"type": "string"}},
            "metadata": {"type": "object", "additionalProperties": {"type": "string"}},
        }
        if i:
            props["parent"] = {"$ref": f"#/components/schemas/Item{i - 1}"}
        name = f"Item{i}" if i else "Item0"
        schemas[name] = {"type": "object", "description": f"Synthetic item {i}.", "required": ["id", "createdAt"], "properties": props}
        tag = f"Group{i // 50}"
        paths[f"/group{i // 50}/item{i}"] = {
            "get": {
                "operationId": f"listItem{i}",
                "tags": [tag],
                "summary": f"List item {i}",
                "parameters": [
                    {"name": "limit", "in": "query", "schema": {"type": "integer", "maximum": 1000}},
                    {"name": "createdAtGt", "in": "query", "schema": {"type": "string", "format": "date-time"}},
                ],
                "responses": {
                    "200": {
                        "description": "The items.",
                        "content": {"application/json": {"schema": {"type": "array", "items": {"$ref": f"#/components/schemas/{name}"}}}},
                    }
                },
            }
        }
    document = {
        "openapi": "3.1.0",
        "info": {"title": "Bench Synthetic", "version": "1.0.0"},
        "servers": [{"url": "https://api.example.com"}],
        "security": [{"bearer": []}],
        "paths": paths,
        "components": {"schemas": schemas, "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}}},
    }
    target.write_text(json.dumps(document, indent=1, sort_keys=True), encoding="utf-8")
    return target


def calls_payload(n: int, target: Path | None = None, live: bool = False) -> bytes:
    """n realistic calls: tests/data/calls.json replicated with distinct ids and timestamps. Written
    call by call when a target is given, so the runner never holds 10,000 parsed calls. ``live``:
    adapted to the whole Vapi spec (see ``for_live_spec``)."""
    template = CALLS_DATA.read_text(encoding="utf-8")
    first = json.loads(template)[0]
    if live:
        for_live_spec(first)
    base = datetime.datetime(2024, 3, 14, 16, 0, tzinfo=datetime.timezone.utc)
    out = open(target, "w", encoding="utf-8") if target else None
    chunks = []
    for i in range(n):
        call = dict(first)
        moment = base - datetime.timedelta(minutes=7 * i)
        call["id"] = f"{i:08x}-5a1d-4e7b-9c3f-2d4a6e8b1c05"
        for key, delta in (("createdAt", 0), ("updatedAt", 216), ("startedAt", 2), ("endedAt", 211)):
            if key in call:
                call[key] = (moment + datetime.timedelta(seconds=delta)).strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "Z"
        if out:
            out.write(("[" if i == 0 else ",") + json.dumps(call))
        else:
            chunks.append(json.dumps(call))
    if out:
        out.write("]" if n else "[]")
        out.close()
        return b""
    return ("[" + ",".join(chunks) + "]").encode()


def for_live_spec(node: Any) -> None:
    """tests/data/calls.json follows the reference page; the live spec is stricter in three places:
    a tool message condition's `value` is a string there (the page shows an object), a
    knowledge base needs a `server`, and a Deepgram keyword's intensifier is an integer
    (`Acme:1.5` -> `Acme:2`). Rewritten in place so our client of the whole spec accepts it."""
    if isinstance(node, dict):
        if node.get("provider") == "deepgram" and isinstance(node.get("keywords"), list):
            node["keywords"] = [_integer_intensifier(k) for k in node["keywords"]]
        for condition in node.get("conditions") or []:
            if isinstance(condition, dict) and not isinstance(condition.get("value"), str):
                condition["value"] = json.dumps(condition["value"])
        base = node.get("knowledgeBase")
        if isinstance(base, dict):
            base.setdefault("server", {"url": "https://kb.example.com/search"})
        for value in node.values():
            for_live_spec(value)
    elif isinstance(node, list):
        for item in node:
            for_live_spec(item)


def _integer_intensifier(keyword: Any) -> Any:
    word, sep, boost = str(keyword).partition(":")
    try:
        return f"{word}:{round(float(boost))}" if sep else keyword
    except ValueError:
        return keyword


# --------------------------------------------------------------------------- a local server


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive, as a real API
    wbufsize = 1 << 16  # headers and body in one write (two writes meet delayed ACKs: +40 ms)
    body = b"[]"

    def do_GET(self) -> None:  # noqa: N802
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(self.body)))
        self.end_headers()
        self.wfile.write(self.body)

    def log_message(self, *args: Any) -> None:
        pass


def serve(body: bytes) -> str:
    handler = type("H", (Handler,), {"body": body})
    server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_address[1]}"


# --------------------------------------------------------------------------- worker snippets

# Each prints one JSON object per line; the runner keeps the last value of each key.
IMPORT_SNIPPET = {
    "bare": "pass",
    "floor": "import httpx, pydantic",
    "ours": "import vapi_calls",
    "ours+calls": "import vapi_calls; vapi_calls.Vapi(api_key='x', base_url='http://127.0.0.1:9').calls",
    "vapi_api": "import vapi_api",
    "vapi_api+calls": "import vapi_api; getattr(vapi_api, vapi_api.__all__[0])(api_key='x', base_url='http://127.0.0.1:9').calls",
    "opc": "import vapi_calls_api_client",
    "opc+calls": "import vapi_calls_api_client; from vapi_calls_api_client.api.calls import list_calls",
    "sdk": "import vapi",
    "sdk+calls": "import vapi; vapi.Vapi(token='x', base_url='http://127.0.0.1:9').calls",
}

PARSE_SNIPPET = textwrap.dedent(
    """
    import json, statistics, sys, time
    kind, path, reps = sys.argv[1], sys.argv[2], int(sys.argv[3])
    data = open(path, 'rb').read()
    if kind in ('ours', 'vapi_api'):
        import importlib
        package = 'vapi_calls' if kind == 'ours' else 'vapi_api'
        Call = importlib.import_module(package + '.types').Call
        parse_json = importlib.import_module(package + '._response').parse_json  # what the client runs
        parse = lambda b: parse_json(list[Call], b)
    elif kind == 'opc':
        from vapi_calls_api_client.models.call import Call
        parse = lambda b: [Call.from_dict(d) for d in json.loads(b)]
    else:
        import typing
        from vapi.types import Call
        from vapi.core.unchecked_base_model import construct_type
        parse = lambda b: construct_type(type_=typing.List[Call], object_=json.loads(b))
    n = len(json.loads(data))
    if kind == 'sdk':  # minutes per list: time one call first, then the list once (the runner caps it)
        one = json.dumps(json.loads(data)[:1]).encode()
        t = time.perf_counter(); parse(one); print(json.dumps({'one': time.perf_counter() - t}), flush=True)
        reps = 1
    else:
        result = parse(data)
        assert len(result) == n and type(result[0]).__name__ == 'Call', type(result[0])
    times = []
    for _ in range(reps):
        t = time.perf_counter(); parse(data); times.append(time.perf_counter() - t)
    print(json.dumps({'n': n, 'seconds': statistics.median(times)}), flush=True)
    """
)

LIST_SNIPPET = textwrap.dedent(
    """
    import json, statistics, sys, time
    import httpx
    kind, url, reps = sys.argv[1], sys.argv[2], int(sys.argv[3])
    parse_bare = sys.argv[4] == 'json'
    if kind in ('ours', 'vapi_api'):
        import importlib
        package = importlib.import_module('vapi_calls' if kind == 'ours' else 'vapi_api')
        client = package.Vapi(api_key='x', base_url=url)
        call = lambda: client.calls.list()
    else:
        import vapi
        client = vapi.Vapi(token='x', base_url=url)
        call = lambda: client.calls.list()
    bare_client = httpx.Client()
    def bare():
        response = bare_client.get(url + '/call')
        return json.loads(response.content) if parse_bare else response.content
    if kind == 'sdk':
        t = time.perf_counter(); call(); print(json.dumps({'first': time.perf_counter() - t}), flush=True)
    else:
        call(); call()
    bare(); bare()
    ours_t, bare_t = [], []
    for _ in range(reps):  # interleaved in the process: client, bare, client, bare, ...
        t = time.perf_counter(); call(); ours_t.append(time.perf_counter() - t)
        t = time.perf_counter(); bare(); bare_t.append(time.perf_counter() - t)
        print(json.dumps({'client': statistics.median(ours_t), 'bare': statistics.median(bare_t)}), flush=True)
    """
)


def last_values(run: Run) -> dict[str, float]:
    values: dict[str, float] = {}
    for line in run.stdout.splitlines():
        try:
            values.update(json.loads(line))
        except ValueError:
            pass
    return values


# --------------------------------------------------------------------------- the rows


def row_regenerate(args: argparse.Namespace) -> None:
    print("rows 1-2: regenerate after a spec edit; from scratch; no-op generate", file=sys.stderr)
    work = WORK / "regen"
    opc_out = work / "opc"
    opc_out.parent.mkdir(parents=True, exist_ok=True)
    counter = iter(range(10**9))

    def ours_edit(where: str) -> Callable[[int], Run]:
        def run(i: int) -> Run:
            spec = edited_spec(work / f"spec-{where}", f"{os.getpid()}-{time.time_ns()}-{next(counter)}", where)
            return measure([OUR_PY, "-m", "generator", "generate", "--spec", spec, "--out", work / f"ours-{where}"])

        return run

    def ours_cold(i: int) -> Run:
        return measure([OUR_PY, "-m", "generator", "generate", "--no-cache", "--spec", SPEC, "--out", work / "ours-cold"])

    def ours_noop(i: int) -> Run:  # the spec and output the "operations" edit just wrote
        return measure([OUR_PY, "-m", "generator", "generate", "--spec", work / "spec-operations" / SPEC.name, "--out", work / "ours-operations"])

    def opc(i: int) -> Run:
        return measure(
            [PEER_BIN / "openapi-python-client", "generate", "--path", work / "spec-operations" / SPEC.name, "--output-path", opc_out, "--overwrite"],
            env={"PATH": f"{PEER_BIN}:{os.environ['PATH']}"},  # its post-hooks run ruff
        )

    jobs = {"ours edit": ours_edit("operations"), "ours no-op": ours_noop, "ours schema edit": ours_edit("schemas"), "ours cold": ours_cold}
    if not args.smoke:
        jobs["openapi-python-client"] = opc
    res = interleave(jobs, args.runs, "regen")
    for name in ("ours edit", "ours no-op", "ours schema edit", "ours cold"):
        if not all(r.ok for r in res[name]):
            raise SystemExit(f"our generator failed: {first_error(next(r for r in res[name] if not r.ok))}")
    times = {name: med([r.seconds for r in runs]) for name, runs in res.items() if all(r.ok for r in runs)}
    rows = (
        ("1", "ours edit", "regenerate `spec/` after editing one description of operations (a tag's; fresh process)"),
        ("1b", "ours schema edit", "regenerate `spec/` after editing one description of a model"),
        ("1c", "ours cold", "generate `spec/` from scratch (`--no-cache`)"),
    )
    peer = res.get("openapi-python-client")
    for number, name, what in rows:
        ours_t = times[name]
        if peer is None:
            row(number, what, s(ours_t), "(smoke: no peer)", "", "<= 1.0" if number == "1" else "")
        elif "openapi-python-client" in times:
            peer_t = times["openapi-python-client"]
            row(number, what, s(ours_t), f"openapi-python-client: {s(peer_t)}", ratio(ours_t, peer_t),
                "<= 1.0", verdict(ours_t / peer_t, 1.0))
        else:
            row(number, what, s(ours_t), f"openapi-python-client fails: {first_error(next(r for r in peer if not r.ok))}", "n/a", "<= 1.0", "n/a")
    if peer is not None and "openapi-python-client" in times:
        ours_mb, peer_mb = med([r.peak_mb for r in res["ours edit"]]), med([r.peak_mb for r in peer])
        row("1m", "peak memory of row 1", mb(ours_mb), mb(peer_mb), ratio(ours_mb, peer_mb))
    noop_t, cold_t = times["ours no-op"], times["ours cold"]
    said = (res["ours no-op"][-1].stdout.split() or ["(nothing)"])[0]
    row("2", f"`make generate` with nothing changed (it printed `{said}`)", s(noop_t),
        f"ours, from scratch: {s(cold_t)}", ratio(noop_t, cold_t), "<= 0.25", verdict(noop_t / cold_t, 0.25))


def row_big(args: argparse.Namespace) -> None:
    print("row 3: the whole Vapi spec", file=sys.stderr)
    folder = WORK / "big"
    folder.mkdir(parents=True, exist_ok=True)
    opc_out, ours_out = folder / "opc", folder / "ours"
    peer_env = {"PATH": f"{PEER_BIN}:{os.environ['PATH']}"}

    def ours(spec: Path) -> Callable[[int], Run]:
        return lambda i: measure([OUR_PY, "-m", "generator", "generate", "--no-cache", "--spec", spec, "--out", ours_out]
                                 if _has_no_cache() else [OUR_PY, "-m", "generator", "generate", "--spec", spec, "--out", ours_out])

    def opc(spec: Path) -> Callable[[int], Run]:
        return lambda i: measure([PEER_BIN / "openapi-python-client", "generate", "--path", spec, "--output-path", opc_out, "--overwrite"], env=peer_env)

    def dmcg(spec: Path, options: list[str]) -> Callable[[int], Run]:
        return lambda i: measure([PEER_BIN / "datamodel-codegen", "--input", spec, "--output", folder / "dmcg_models.py", *options], env=peer_env)

    # The file as published, once each: does each tool take it at all?
    notes_options = [o if o != "schemas" else "schemas paths parameters" for o in DMCG_OPTIONS]
    notes_options = " ".join(notes_options).split()
    probe = interleave({"ours": ours(VAPI_SPEC), "openapi-python-client": opc(VAPI_SPEC),
                        "dmcg-notes": dmcg(VAPI_SPEC, notes_options)}, 1, "vapi as published")
    status = {k: ("ok, " + s(v[0].seconds)) if v[0].ok else f"refused in {s(v[0].seconds)}: {first_error(v[0])}" for k, v in probe.items()}
    row("3a", "whole `openapi.json` as published: does it generate?", status["ours"],
        f"openapi-python-client: {status['openapi-python-client']}; datamodel-codegen with `--openapi-scopes schemas paths parameters`: "
        f"{status['dmcg-notes']}", "", "", "")

    spec, stats = patched_vapi_spec(folder / "openapi.patched.json")
    NOTES.append(
        "Row 3 times a copy of the whole Vapi spec patched only where the tools refuse it as published (row 3a): "
        + ", ".join(f"{v} {k}" for k, v in stats.items()) + "; every schema and operation is still there. "
        "datamodel-codegen runs the notes' option set with `--openapi-scopes schemas` (the `paths parameters` scopes "
        "stop on this spec), and `--formatters black isort`."
    )
    res = interleave({"ours": ours(spec), "datamodel-codegen": dmcg(spec, DMCG_OPTIONS), "openapi-python-client": opc(spec)},
                     args.big_runs, "vapi patched")
    o = res["ours"]
    if not all(r.ok for r in o):
        row("3", "whole Vapi spec (patched copy)", f"fails: {first_error(next(r for r in o if not r.ok))}", "", "", "", "**missed**")
        return
    ot, om = med([r.seconds for r in o]), med([r.peak_mb for r in o])
    d = res["datamodel-codegen"]
    if all(r.ok for r in d):
        dt, dm = med([r.seconds for r in d]), med([r.peak_mb for r in d])
        row("3", f"whole Vapi spec (patched copy), time ({args.big_runs} runs)", s(ot), f"datamodel-codegen + black + isort: {s(dt)}",
            ratio(ot, dt), "<= 0.5", verdict(ot / dt, 0.5))
        row("3m", "whole Vapi spec, peak memory", mb(om), f"datamodel-codegen: {mb(dm)}", ratio(om, dm), "<= 1.0", verdict(om / dm, 1.0))
    else:
        row("3", "whole Vapi spec (patched copy)", f"{s(ot)}, {mb(om)}", f"datamodel-codegen fails: {first_error(d[0])}", "n/a", "<= 0.5", "n/a")
    p = res["openapi-python-client"]
    if all(r.ok for r in p):
        pt, pm = med([r.seconds for r in p]), med([r.peak_mb for r in p])
        row("3o", "whole Vapi spec (patched copy) vs openapi-python-client", f"{s(ot)}, {mb(om)}",
            f"openapi-python-client: {s(pt)}, {mb(pm)}", f"{ratio(ot, pt)} (mem {ratio(om, pm)})")
    else:
        row("3o", "whole Vapi spec (patched copy) vs openapi-python-client", f"{s(ot)}, {mb(om)}",
            f"openapi-python-client fails: {first_error(next(r for r in p if not r.ok))}", "n/a")


# ../shared beside the repository (in a worktree under wt/, one more level up).
SHARED = next((p / "shared" for p in (ROOT.parent, ROOT.parent.parent) if (p / "shared").is_dir()), ROOT.parent / "shared")


def corpus_specs() -> list[Path]:
    """The third-party specs of the corpus test (tests/test_corpus.py); the whole Vapi spec has row 3."""
    return sorted(p for p in (SHARED / "specs").glob("*") if p.suffix in (".json", ".yaml", ".yml"))


def _operation_count(spec: Path) -> int:
    code = (
        "import sys; from pathlib import Path; from generator.load.bundle import bundle; from generator.load.loader import load; "
        "from generator.common.walkers import operations; print(sum(1 for _ in operations(bundle(load(Path(sys.argv[1]))).document)))"
    )
    return int(subprocess.run([OUR_PY, "-c", code, spec], capture_output=True, text=True, cwd=ROOT, check=True).stdout)


def row_corpus(args: argparse.Namespace) -> None:
    """Row 7: each corpus spec generated from scratch, ours vs openapi-python-client, with the
    operations each made (ours: total minus the operations it warned it skipped; theirs: its
    endpoint modules)."""
    print("row 7: the corpus specs", file=sys.stderr)
    folder = WORK / "corpus"
    folder.mkdir(parents=True, exist_ok=True)
    peer_env = {"PATH": f"{PEER_BIN}:{os.environ['PATH']}"}
    for spec in corpus_specs():
        ours_out, opc_out = folder / f"{spec.stem}-ours", folder / f"{spec.stem}-opc"
        jobs = {
            "ours": lambda i, spec=spec, out=ours_out: measure(
                [OUR_PY, "-m", "generator", "generate", "--no-cache", "--spec", spec, "--out", out]),
            "openapi-python-client": lambda i, spec=spec, out=opc_out: measure(
                [PEER_BIN / "openapi-python-client", "generate", "--path", spec, "--output-path", out, "--overwrite"], env=peer_env),
        }
        res = interleave(jobs, 1 if args.smoke else args.big_runs, spec.name)
        total = _operation_count(spec)
        o, p = res["ours"], res["openapi-python-client"]
        if not all(r.ok for r in o):
            row("7", f"`{spec.name}` from scratch", f"fails: {first_error(next(r for r in o if not r.ok))}", "", "", "<= 1.0", "**missed**")
            continue
        skipped = sum(1 for line in o[-1].stderr.splitlines() if ": skipped: " in line)
        ot = med([r.seconds for r in o])
        ours_cell = f"{s(ot)}, {total - skipped}/{total} ops"
        if all(r.ok for r in p):
            pt = med([r.seconds for r in p])
            made = [f for f in opc_out.glob("*/api/**/*.py") if f.name != "__init__.py"]
            row("7", f"`{spec.name}` from scratch ({len(o)} runs)", ours_cell, f"openapi-python-client: {s(pt)}, {len(made)}/{total} ops",
                ratio(ot, pt), "<= 1.0", verdict(ot / pt, 1.0))
        else:
            row("7", f"`{spec.name}` from scratch", ours_cell, f"openapi-python-client fails: {first_error(next(r for r in p if not r.ok))}",
                "n/a", "<= 1.0", "n/a")


_NO_CACHE: list[bool] = []


def _has_no_cache() -> bool:
    """Whether our CLI has `--no-cache` (then the big rows time real work, not a cache hit)."""
    if not _NO_CACHE:
        helptext = subprocess.run([OUR_PY, "-m", "generator", "generate", "--help"], capture_output=True, text=True, cwd=ROOT).stdout
        _NO_CACHE.append("--no-cache" in helptext)
    return _NO_CACHE[0]


def row_scale(args: argparse.Namespace) -> None:
    print("row 4: synthetic specs", file=sys.stderr)
    sizes = [10] if args.smoke else [10, 100] if args.quick else [10, 100, 1000, 5000]
    folder = WORK / "scale"
    folder.mkdir(parents=True, exist_ok=True)
    specs = {n: folder / f"synthetic-{n}.json" for n in sizes}
    for n, target in specs.items():  # in a child: 5,000 schemas in memory would raise the runner's high-water mark
        subprocess.run([OUR_PY, __file__, "--synthetic", str(n), target], check=True)
    cmd = lambda n: [OUR_PY, "-m", "generator", "generate", *(["--no-cache"] if _has_no_cache() else []),  # noqa: E731
                     "--spec", specs[n], "--out", folder / f"out-{n}"]
    jobs = {f"{n}": (lambda i, n=n: measure(cmd(n))) for n in sizes}
    small = {k: v for k, v in jobs.items() if int(k) <= 100}
    large = {k: v for k, v in jobs.items() if int(k) > 100}
    res = interleave(small, 1 if args.smoke else args.runs, "scale")
    if large:
        res.update(interleave(large, args.big_runs, "scale"))
    times: dict[int, float] = {}
    for n in sizes:
        runs = res[str(n)]
        if not all(r.ok for r in runs):
            row("4", f"synthetic {n} schemas + {n} operations", f"fails: {first_error(next(r for r in runs if not r.ok))}", "", "")
            continue
        t, m = med([r.seconds for r in runs]), med([r.peak_mb for r in runs])
        times[n] = t
        growth = ""
        smaller = [k for k in times if k < n]
        if smaller:
            prev = max(smaller)
            marginal = (t - times[prev]) / (n - prev)
            growth = f"; marginal {s(marginal)}/item from {prev}"
            before = [k for k in times if k < prev]
            if before:
                earlier = (times[prev] - times[max(before)]) / (prev - max(before))
                if earlier > 0 and marginal > 1.5 * earlier:
                    growth += f" (**super-linear**: {marginal / earlier:.1f}x the marginal cost of the step before)"
        row("4", f"synthetic {n} schemas + {n} operations ({len(runs)} runs)", f"{s(t)}, {mb(m)}",
            "", f"{s(t / n)}/item{growth}", "grows <= linearly", "")
    if len(times) >= 3:
        ns = sorted(times)
        steps = [(times[b] - times[a]) / (b - a) for a, b in zip(ns, ns[1:])]
        super_linear = any(steps[i + 1] > 1.5 * steps[i] for i in range(len(steps) - 1) if steps[i] > 0)
        ROWS[-1][6] = "**missed** (super-linear)" if super_linear else "met"


def row_client(args: argparse.Namespace) -> None:
    print("row 5: the generated client", file=sys.stderr)
    peers = not args.smoke and PEER_PY.exists()
    opc_dir = WORK / "regen" / "opc"
    big_ours = WORK / "big" / "ours"
    have_opc = peers and (opc_dir / "vapi_calls_api_client").is_dir()
    have_big = not args.smoke and (big_ours / "vapi_api").is_dir()
    paths = {"ours": GENERATED, "opc": opc_dir, "vapi_api": big_ours}

    def py(kind: str) -> Path:
        return PEER_PY if kind.startswith(("sdk", "opc")) else OUR_PY

    def env(kind: str) -> dict[str, str]:
        base = kind.split("+")[0]
        return {"PYTHONPATH": str(paths[base])} if base in paths else {}

    # --- import (and first `client.calls`), minus a bare interpreter of the same venv
    kinds = ["ours", "ours+calls"]
    if have_big:
        kinds += ["vapi_api", "vapi_api+calls"]
    if have_opc:
        kinds += ["opc", "opc+calls"]
    if peers:
        kinds += ["sdk", "sdk+calls"]
    jobs: dict[str, Callable[[int], Run]] = {"bare ours": lambda i: measure([OUR_PY, "-c", "pass"]),
                                             "floor": lambda i: measure([OUR_PY, "-c", IMPORT_SNIPPET["floor"]])}
    if peers:
        jobs["bare peers"] = lambda i: measure([PEER_PY, "-c", "pass"])
    for kind in kinds:
        jobs[kind] = lambda i, kind=kind: measure([py(kind), "-c", IMPORT_SNIPPET[kind]], env=env(kind), timeout=args.peer_timeout)
    for kind, job in jobs.items():  # compile the .pyc files once, outside the measurement
        job(-1)
    res = interleave(jobs, 1 if args.smoke else args.runs, "import")

    def cost(kind: str) -> tuple[float, float]:
        bare = res["bare peers" if py(kind) == PEER_PY else "bare ours"]
        runs = res[kind]
        if not all(r.ok for r in runs):
            raise SystemExit(f"import {kind} failed: {first_error(next(r for r in runs if not r.ok))}")
        return (max(med([r.seconds for r in runs]) - med([r.seconds for r in bare]), 1e-4),
                med([r.peak_mb for r in runs]) - med([r.peak_mb for r in bare]))

    ft, fm = cost("floor")
    row("5", "`import httpx, pydantic` alone: the floor of any pydantic + httpx client", f"{s(ft)}, +{mb(fm)}", "", "")
    for suffix, label in (("", "`import`"), ("+calls", "`import` + first `client.calls`")):
        ot, om = cost("ours" + suffix)
        target = "<= 0.05" if suffix else ""  # the target is import and first use; the SDK's bare import is lazy
        mark = (lambda value: verdict(value, 0.05)) if suffix else (lambda value: "")
        if peers:
            pt, pm = cost("sdk" + suffix)
            row("5", f"{label} of vapi_calls (time, memory over a bare interpreter)", f"{s(ot)}, +{mb(om)}",
                f"vapi-server-sdk: {s(pt)}, +{mb(pm)}", ratio(ot, pt), target, mark(ot / pt))
            if have_big:
                bt, bm = cost("vapi_api" + suffix)
                row("5", f"{label} of our client from the whole Vapi spec", f"{s(bt)}, +{mb(bm)}",
                    f"vapi-server-sdk: {s(pt)}, +{mb(pm)}", ratio(bt, pt), target, mark(bt / pt))
            if have_opc:
                ct, cm = cost("opc" + suffix)
                row("5", f"{label}: vapi_calls vs openapi-python-client's client of `spec/`", f"{s(ot)}, +{mb(om)}",
                    f"openapi-python-client: {s(ct)}, +{mb(cm)}", ratio(ot, ct))
        else:
            row("5", f"{label} of vapi_calls (time, memory over a bare interpreter)", f"{s(ot)}, +{mb(om)}", "(smoke)", "")

    # --- parsing
    sizes = [10] if args.smoke else [100, 10_000]
    files = {}
    for n in sizes:
        files[n] = WORK / f"calls-{n}.json"
        calls_payload(n, files[n])
    reps = {10: 3, 100: 20, 10_000: 3}
    # Our client of the whole Vapi spec parses 100 calls adapted to the live spec (for_live_spec);
    # not 10,000: without discriminators in the live spec, each call costs it about 20 ms.
    live = WORK / "calls-live-100.json"
    if have_big:
        calls_payload(100, live, live=True)
    parse_kinds = ["ours"] + (["opc"] if have_opc else [])
    for n in sizes:
        jobs = {k: (lambda i, k=k: measure([py(k), "-c", PARSE_SNIPPET, k, files[n], str(reps[n])], env=env(k))) for k in parse_kinds}
        if have_big and n == 100:
            jobs["vapi_api"] = lambda i: measure([py("vapi_api"), "-c", PARSE_SNIPPET, "vapi_api", live, "5"], env=env("vapi_api"))
        res = interleave(jobs, 1 if args.smoke else args.runs, f"parse {n}")
        times = {}
        for k, runs in res.items():
            if not all(r.ok for r in runs):
                times[k] = None
                NOTES.append(f"Parsing {n} calls with {k} failed: {first_error(next(r for r in runs if not r.ok))}")
            else:
                times[k] = med([last_values(r)["seconds"] for r in runs])
        ot = times["ours"]
        if ot is None:
            raise SystemExit(f"parsing with vapi_calls failed: {NOTES[-1]}")
        if have_opc:
            ct = times["opc"]
            row("5", f"parse {n:,} calls: the client's `parse_json(list[Call], body)` (full validation)", s(ot),
                f"openapi-python-client `Call.from_dict` (+ json.loads): {s(ct)}" if ct else "openapi-python-client: fails",
                ratio(ot, ct) if ct else "n/a", "<= 0.5", verdict(ot / ct, 0.5) if ct else "n/a")
        else:
            row("5", f"parse {n:,} calls: the client's `parse_json(list[Call], body)`", s(ot), "(smoke)", "")
        if have_big and times.get("vapi_api"):
            row("5", f"parse {n:,} calls with our client from the whole Vapi spec (calls adapted to it)", s(times["vapi_api"]),
                f"vapi_calls: {s(ot)}", ratio(times["vapi_api"], ot))
        if peers and n == 100:
            run = measure([PEER_PY, "-c", PARSE_SNIPPET, "sdk", files[n], "1"], env=env("sdk"), timeout=args.peer_timeout)
            values = last_values(run)
            if "seconds" in values:
                row("5", f"parse {n} calls (vapi-server-sdk `construct_type`, 1 run)", s(ot), f"vapi-server-sdk: {s(values['seconds'])}",
                    ratio(ot, values["seconds"]), "", "")
            else:
                one = f"; one call alone: {s(values['one'])}" if "one" in values else ""
                row("5", f"parse {n} calls (vapi-server-sdk `construct_type`, 1 run)", s(ot),
                    f"vapi-server-sdk: > {args.peer_timeout:.0f} s (stopped){one}", f"< {ratio(ot, args.peer_timeout)}", "", "")

    # --- calls.list() round trips on 127.0.0.1
    for label, body, parse in (("empty list", b"[]", "raw"), ("100 calls", calls_payload(10 if args.smoke else 100), "json")):
        url = serve(body)
        count = 5 if args.smoke else 30 if body == b"[]" else 10
        kinds = ["ours"]
        jobs = {k: (lambda i, k=k: measure([py(k), "-c", LIST_SNIPPET, k, url, str(count), parse], env=env(k))) for k in kinds}
        res = interleave(jobs, 1 if args.smoke else args.runs, f"list {label}")
        for k, runs in res.items():
            if not all(r.ok for r in runs):
                raise SystemExit(f"calls.list() with {k} failed: {first_error(next(r for r in runs if not r.ok))}")
            client_t = med([last_values(r)["client"] for r in runs])
            bare_t = med([last_values(r)["bare"] for r in runs])
            who = "vapi_calls" if k == "ours" else "our client from the whole Vapi spec"
            limit = 1.3 if body == b"[]" else 2.0
            bare_label = "bare httpx GET" + (" + json.loads" if parse == "json" else "")
            row("5", f"`calls.list()` of {who}, {label if not args.smoke else label.replace('100', '10')}, per call",
                s(client_t), f"{bare_label}: {s(bare_t)}", ratio(client_t, bare_t),
                f"<= {limit}" if not args.smoke else "", verdict(client_t / bare_t, limit) if not args.smoke else "")
        if peers:
            ours_t = med([last_values(r)["client"] for r in res["ours"]])
            run = measure([PEER_PY, "-c", LIST_SNIPPET, "sdk", url, "3" if body == b"[]" else "1", parse], timeout=args.peer_timeout)
            values = last_values(run)
            if "client" in values:
                peer_t = values["client"]
                shown = s(peer_t)
            elif "first" in values:
                peer_t, shown = values["first"], f"{s(values['first'])} (first call; later ones over the time cap)"
            else:
                peer_t, shown = args.peer_timeout, f"> {args.peer_timeout:.0f} s (stopped)"
            target = "<= 0.01" if body != b"[]" else ""
            mark = verdict(ours_t / peer_t, 0.01) if target else ""
            row("5", f"`calls.list()`, {label}: vapi_calls vs vapi-server-sdk (1 run)", s(ours_t),
                f"vapi-server-sdk `client.calls.list()`: {shown}",
                ("< " if "stopped" in shown else "") + ratio(ours_t, peer_t), target, mark)


# --------------------------------------------------------------------------- streams and downloads

MEDIA = ROOT / "tests" / "fixtures" / "media" / "expected"  # a client with an event stream and a download
DOWNLOAD_CHUNK = bytes(range(256)) * 256  # 64 KiB


class StreamHandler(http.server.BaseHTTPRequestHandler):
    """``POST /completions``: ``events`` as an event stream; ``GET /files/<n>/content``: n MiB of bytes."""

    protocol_version = "HTTP/1.1"
    events = b""

    def do_POST(self) -> None:  # noqa: N802
        self.rfile.read(int(self.headers.get("Content-Length") or 0))
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Content-Length", str(len(self.events)))
        self.end_headers()
        for i in range(0, len(self.events), 16384):  # in pieces, as a server writes events
            self.wfile.write(self.events[i : i + 16384])

    def do_GET(self) -> None:  # noqa: N802
        size = int(self.path.split("/")[2]) << 20
        self.send_response(200)
        self.send_header("Content-Type", "application/octet-stream")
        self.send_header("Content-Length", str(size))
        self.end_headers()
        for _ in range(size // len(DOWNLOAD_CHUNK)):
            self.wfile.write(DOWNLOAD_CHUNK)

    def log_message(self, *args: Any) -> None:
        pass


def serve_streams(events: bytes) -> str:
    handler = type("H", (StreamHandler,), {"events": events})
    server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_address[1]}"


STREAM_SNIPPET = textwrap.dedent(
    """
    import json, os, statistics, sys, time
    import httpx, media_lab
    kind, url, reps, folder, size = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4], sys.argv[5]
    client = media_lab.MediaLab(base_url=url, max_retries=0)
    bare_client = httpx.Client()
    if kind == 'sse':
        def ours():
            return len(list(client.completions.create(messages=[], stream=True)))
        def bare():
            items = []
            with bare_client.stream('POST', url + '/completions', json={'messages': [], 'stream': True}) as response:
                for line in response.iter_lines():
                    if line.startswith('data: '):
                        if line == 'data: [DONE]':
                            break
                        items.append(json.loads(line[6:]))
            return len(items)
    else:
        ours_path, bare_path = os.path.join(folder, 'ours.bin'), os.path.join(folder, 'bare.bin')
        def ours():
            with client.files.with_streaming_response.download(size) as response:
                response.write_to_file(ours_path)
            return os.path.getsize(ours_path)
        def bare():
            with bare_client.stream('GET', url + '/files/' + size + '/content') as response, open(bare_path, 'wb') as out:
                for chunk in response.iter_bytes():
                    out.write(chunk)
            return os.path.getsize(bare_path)
    if kind == 'memory':  # one download and nothing else: this process's peak is the runner's measure
        if reps:
            ours()
        sys.exit(0)
    assert ours() == bare(), (ours(), bare())
    ours_t, bare_t = [], []
    for _ in range(reps):  # interleaved in the process: client, bare, client, bare, ...
        t = time.perf_counter(); ours(); ours_t.append(time.perf_counter() - t)
        t = time.perf_counter(); bare(); bare_t.append(time.perf_counter() - t)
        print(json.dumps({'client': statistics.median(ours_t), 'bare': statistics.median(bare_t)}), flush=True)
    """
)


def row_streams(args: argparse.Namespace) -> None:
    """Row 6: an event stream and a large download through the media fixture's client, against bare httpx."""
    print("row 6: event streams and downloads", file=sys.stderr)
    n = 1_000 if args.smoke else 10_000
    events = "".join(f'data: {{"id": "chunk-{i}", "delta": "tok{i % 97}"}}\n\n' for i in range(n)) + "data: [DONE]\n\n"
    url = serve_streams(events.encode())
    size = "2" if args.smoke else "50"
    folder = WORK / "downloads"
    folder.mkdir(parents=True, exist_ok=True)
    env = {"PYTHONPATH": str(MEDIA)}
    reps = 1 if args.smoke else 5

    def run_kind(kind: str) -> tuple[float, float]:
        res = interleave({kind: lambda i: measure([OUR_PY, "-c", STREAM_SNIPPET, kind, url, str(reps), folder, size], env=env)},
                         1 if args.smoke else args.runs, kind)
        if not all(r.ok for r in res[kind]):
            raise SystemExit(f"{kind} failed: {first_error(next(r for r in res[kind] if not r.ok))}")
        return (med([last_values(r)["client"] for r in res[kind]]), med([last_values(r)["bare"] for r in res[kind]]))

    ours_t, bare_t = run_kind("sse")
    smoke = args.smoke
    row("6", f"an event stream of {n:,} small events, typed (`Stream[CompletionChunk]`)", s(ours_t),
        f"bare httpx `iter_lines` + `json.loads`: {s(bare_t)}", ratio(ours_t, bare_t),
        "" if smoke else "<= 1.5", "" if smoke else verdict(ours_t / bare_t, 1.5))
    ours_t, bare_t = run_kind("download")
    row("6", f"a {size} MB download to disk (`with_streaming_response` + `write_to_file`)", s(ours_t),
        f"bare httpx `iter_bytes` to a file: {s(bare_t)}", ratio(ours_t, bare_t),
        "" if smoke else "<= 1.2", "" if smoke else verdict(ours_t / bare_t, 1.2))
    memory = interleave({
        "interpreter": lambda i: measure([OUR_PY, "-c", STREAM_SNIPPET, "memory", url, "0", folder, size], env=env),
        "download": lambda i: measure([OUR_PY, "-c", STREAM_SNIPPET, "memory", url, "1", folder, size], env=env),
    }, 1 if smoke else 3, "download memory")
    for runs in memory.values():
        if not all(r.ok for r in runs):
            raise SystemExit(f"download memory failed: {first_error(next(r for r in runs if not r.ok))}")
    base, peak = (med([r.peak_mb for r in memory[k]]) for k in ("interpreter", "download"))
    row("6", f"peak memory of a {size} MB download over the same interpreter with the client imported",
        f"+{peak - base:.1f} MB ({mb(peak)})", f"interpreter: {mb(base)}", "", "" if smoke else "< 20 MB",
        "" if smoke else verdict(peak - base, 20))


# --------------------------------------------------------------------------- main


def _runner_hwm_mb() -> float:
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def machine_facts() -> list[str]:
    def version(py: Path) -> str:
        if not py.exists():
            return "absent"
        return subprocess.run([py, "-c", "import sys; print(sys.version.split()[0])"], capture_output=True, text=True).stdout.strip()

    def cpu_model() -> str:
        try:
            for line in Path("/proc/cpuinfo").read_text().splitlines():
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
        except OSError:
            pass
        return platform.processor() or "unknown"

    return [
        f"- date: {datetime.datetime.now(datetime.timezone.utc).strftime('%Y-%m-%d %H:%M UTC')}",
        f"- CPUs: {os.cpu_count()} ({cpu_model()}); load average at start: {' '.join(f'{x:.2f}' for x in os.getloadavg())}",
        f"- {platform.system()} {platform.release()}; ours: Python {version(OUR_PY)} (`.venv`), peers: Python {version(PEER_PY)} (`bench/.venv`)",
    ]


def main(argv: list[str] | None = None) -> int:
    global WORK
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=5, help="interleaved runs per comparison (default 5)")
    parser.add_argument("--big-runs", type=int, default=3, help="runs of the whole-Vapi-spec and 1000/5000 scale rows (default 3)")
    parser.add_argument("--quick", action="store_true", help="skip the whole Vapi spec; scale only 10 and 100")
    parser.add_argument("--smoke", action="store_true", help="tiny sizes, one run, our side only (for make test)")
    parser.add_argument("--client-only", action="store_true",
                        help="only row 5 (the client: import, parsing, calls.list()); peers and the whole-spec client "
                             "(bench/work/big/ours) when present; writes a table only with --results")
    parser.add_argument("--peer-timeout", type=float, default=60.0, help="cap on one vapi-server-sdk process, seconds (default 60)")
    parser.add_argument("--work", type=Path, default=BENCH / "work", help="scratch folder (default bench/work)")
    parser.add_argument("--patch-vapi", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--synthetic", nargs=2, help=argparse.SUPPRESS)
    parser.add_argument("--results", type=Path, help="where to write the table (default bench/RESULTS.md; none with --smoke)")
    parser.add_argument("--only", choices=["regenerate", "big", "scale", "client", "streams", "corpus"], action="append",
                        help="run only these rows (repeatable); the table is printed, and written only with --results")
    args = parser.parse_args(argv)
    if args.patch_vapi:
        _patch_vapi(args.patch_vapi)
        return 0
    if args.synthetic:
        synthetic_spec(int(args.synthetic[0]), Path(args.synthetic[1]))
        return 0
    if args.smoke:
        args.runs, args.big_runs, args.quick = 1, 1, True
    elif not PEER_PY.exists() and not args.client_only and args.only != ["streams"]:  # the streams row needs no peer
        parser.error(f"{PEER_PY} is missing: run `make bench` (it installs the peers from bench/requirements.txt)")
    os.chdir(ROOT)
    WORK = args.work.resolve()
    WORK.mkdir(parents=True, exist_ok=True)
    facts = machine_facts()
    started = time.perf_counter()

    heavy = args.quick or args.smoke  # the big spec and the corpus take minutes
    only = ["client"] if args.client_only else args.only
    for step in (row_regenerate, None if args.quick else row_big, row_scale, row_client, row_streams, None if heavy else row_corpus):
        if step is None or (only and step.__name__.removeprefix("row_") not in only):
            continue
        try:
            step(args)
        except (Exception, SystemExit) as exc:  # one broken row must not lose the others
            if args.smoke:
                raise
            row("!", f"{step.__name__} stopped", f"{type(exc).__name__}: {exc}"[:300], "", "", "", "")

    mode = "smoke" if args.smoke else f"--runs {args.runs} --big-runs {args.big_runs}" + (" --quick" if args.quick else "") + (f" --only {','.join(args.only)}" if args.only else "") + (" --client-only" if args.client_only else "")
    hwm = _runner_hwm_mb()
    NOTES.append(f"Peak memory is each child's ru_maxrss; the runner's own high-water mark was {hwm:.0f} MB, "
                 "so any peak at or below that figure would be a floor, not a measurement.")
    out = table()
    print(out)
    print(f"\n({mode}; {time.perf_counter() - started:.0f} s)")
    results = args.results or (None if args.smoke or args.only or args.client_only else BENCH / "RESULTS.md")
    if results:
        body = [
            "# Benchmark results",
            "",
            f"Produced by `make bench` (`bench/run.py {mode}`). Medians; each comparison interleaved in one invocation; ratio = ours / peer.",
            "",
            *facts,
            "",
            out,
            "",
            *(f"- {n}" for n in NOTES),
        ]
        existing = results.read_text(encoding="utf-8") if results.exists() else ""
        marker = "## What the numbers say"
        if marker in existing:  # keep the hand-written reading of the numbers
            body += ["", existing[existing.index(marker):].rstrip()]
        results.write_text("\n".join(body).rstrip() + "\n", encoding="utf-8")
        print(f"wrote {results}", file=sys.stderr)
    return 0


WORK = BENCH / "work"

if __name__ == "__main__":
    sys.exit(main())
