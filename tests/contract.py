"""The contract run behind tests/test_contract.py: every generated operation of a spec called
against an independent judge of that spec, each outcome classified.

For one spec, :func:`run_contract` generates the client (into a temporary directory), imports it
in this process, starts each judge once on the spec (the bundled document the generator read:
``prism mock`` wherever Prism can load the operation, openapi-core behind a small server for the
rest, tests/judges.py), and for each generated method builds a valid call from the spec's own
schemas and examples (tests/contract_values.py: required parameters and body fields only), calls
it with the sync client and again with the async one, and classifies what happened, the same way
whichever judge answered:

- ``ok``: the judge accepted the request (no request violation in its violations header, Prism's
  ``sl-violations`` or openapi-core's ``x-judge-violations``; no judge error such as 406 Not
  Acceptable) and the answer parsed (a client with ``strict_response_validation=True``; a stream
  read to its end; bytes read);
- ``a``: the client sent what the spec forbids (a violation, or a judge error that names the request);
- ``b``: the answer did not parse;
- ``c``: the client raised before sending anything;
- ``d``: the judge's own limitation, or a spec no valid call exists for (only through the test's
  allow-list, each with its reason and upstream issue);
- ``crash``: the judge exited on the request (it is started again for the next call);
- ``e``: no value could be built for a required parameter or body field.

Credentials come from :func:`credentials_for` alone (the one place the contract test knows how a
client authenticates): the generated clients' own credential arguments, each scheme's.
"""

from __future__ import annotations

import asyncio
import contextlib
import importlib
import json
import re
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx

from generator.common import pointer as jsonpointer
from generator.common.walkers import operations
from generator.load.bundle import bundle
from generator.load.loader import load
from generator.output.writer import write_tree
from generator.parse import ir
from generator.pipeline import generate
from tests.auth_credentials import every_credential
from tests.contract_values import NoValue, ValueBuilder
from tests.judges import OPENAPI_CORE, PRISM, Assign, Judge, prism_where_it_can
from tests.spec_subset import Operation, subset

# Judge errors that say the request broke the spec (the others say something about the judge or the spec).
REQUEST_ERRORS = {
    "UNPROCESSABLE_ENTITY", "NOT_ACCEPTABLE", "NO_PATH_MATCHED_ERROR", "NO_METHOD_MATCHED_ERROR",
    "UNAUTHORIZED", "INVALID_CONTENT_TYPE", "UNSUPPORTED_MEDIA_TYPE",
}
SECRET = "contract-test-secret-7f3a"


@dataclass
class Outcome:
    operation: str  # "GET /pets/{petId}"
    method: str  # "pets.get"
    verdict: str  # "ok", or the failure class "a".."e"
    detail: str = ""
    judge: str = "Prism"  # the judge's name
    failure: str = ""  # for "d": the class it had before it was explained
    why: str = ""  # for "d": why it is not the client's
    accepted: bool = False
    parsed: bool = False


@dataclass
class SpecReport:
    name: str
    in_spec: int  # operations the spec declares
    skipped: dict[str, str]  # operation -> the generator's warning
    vanished: list[str]  # operations neither generated nor skipped with a warning
    outcomes: list[Outcome] = field(default_factory=list)
    not_called: list[str] = field(default_factory=list)  # generated, but the time budget ran out first

    @property
    def accepted(self) -> int:
        return sum(o.accepted for o in self.outcomes)

    @property
    def parsed(self) -> int:
        return sum(o.parsed for o in self.outcomes)

    def by_judge(self) -> dict[str, tuple[int, int, int]]:
        """Per judge: operations it judged, accepted, parsed."""
        counts: dict[str, tuple[int, int, int]] = {}
        for o in self.outcomes:
            n, a, p = counts.get(o.judge, (0, 0, 0))
            counts[o.judge] = (n + 1, a + o.accepted, p + o.parsed)
        return counts

    def table(self) -> str:
        lines = [
            f"{self.name}: {len(self.outcomes)} operations generated of {self.in_spec} "
            f"({len(self.skipped)} skipped with a warning), {self.accepted} accepted, {self.parsed} parsed"
        ]
        for judge, (count, accepted, parsed) in sorted(self.by_judge().items()):
            lines.append(f"  judged by {judge}: {count} operations, {accepted} accepted, {parsed} parsed")
        for op, reason in sorted(self.skipped.items()):
            lines.append(f"  skipped  {op}: {reason[:160]}")
        for op in self.vanished:
            lines.append(f"  VANISHED {op}: no method and no warning")
        for outcome in self.outcomes:
            if outcome.verdict != "ok":
                why = f"{outcome.why} -- " if outcome.why else ""
                lines.append(f"  ({outcome.verdict}) {outcome.operation} [{outcome.method}]: {why}{outcome.detail[:300]}")
            elif outcome.why:
                lines.append(f"  (ok, {outcome.judge}) {outcome.operation} [{outcome.method}]: {outcome.detail[:300]}")
        return "\n".join(lines)


# -- credentials: the one seam -----------------------------------------------------------------


def credentials_for(document: dict[str, Any], client_class: type) -> dict[str, Any]:
    """Client keyword arguments that satisfy the spec's security schemes, for every operation:
    each scheme's own constructor arguments (``api_key``, ``username``/``password``,
    ``access_token``, ...), each given a made-up value, from the generated ``_security`` module
    (:func:`tests.auth_credentials.every_credential`). OAuth2 gets an access token, as if
    obtained elsewhere: Prism serves no token endpoint. ``document`` is unused now that the
    client knows its schemes; it stays so the seam keeps one shape."""
    del document
    package = importlib.import_module(client_class.__module__.rsplit(".", 1)[0])
    return every_credential(package, SECRET)


# -- one spec -------------------------------------------------------------------------------------


# Why a failure is not the client's (a judge's own limitation, with its upstream issue), or None.
Explain = Callable[[Outcome], "str | None"]
# Whether a failure explained as Prism's limitation should be tried on openapi-core too.
SecondOpinion = Callable[[Outcome], bool]


def run_contract(
    name: str,
    spec: Path,
    work: Path,
    explain: Explain,
    assign: Assign = prism_where_it_can,
    second_opinion: SecondOpinion = lambda outcome: False,
    *,
    deadline: float | None = None,
) -> SpecReport:
    """Generate ``spec``'s client into ``work``, call every operation against its judge, classify.

    ``assign`` says which judge judges each operation (by default Prism wherever it can load the
    operation, openapi-core for the rest: tests/judges.py); each judge is started once, on the
    document cut down to its own operations. ``explain`` tells a judge's limitation from a client
    failure (then the failure is ``d``); an explained failure ``second_opinion`` picks is called
    again against openapi-core, and counts as working when openapi-core accepts it and its answer
    parses (the outcome says both). Past ``deadline`` (``time.monotonic()``) no further operation
    is called, each is listed in ``not_called`` (the corpus run's time budget per spec,
    scripts/corpus/contract.py).
    """
    result = generate(spec)
    out = work / "client"
    write_tree(out, result.files)
    (package,) = [p.name for p in out.iterdir() if (p / "__init__.py").exists()]
    document = bundle(load(spec)).document
    report = _inventory(name, document, result.api)
    judged = _without_extensions(document)
    assignment = assign(judged)
    builder = ValueBuilder(document)
    with _imported(out, package) as module, contextlib.ExitStack() as stack:
        sync_class, async_class = _client_classes(module, result.api)
        credentials = credentials_for(document, sync_class)
        calls = [_Call(resource, op, document, builder) for resource in result.api.resources for op in resource.operations]
        servers = _Servers(stack, judged, work, assignment)

        def run(call: _Call, judge: Judge) -> Outcome:
            server = servers.get(judge, (call.op.http_method, call.op.path))
            sync = _classify(call, server.call(lambda url: _run_sync(call, sync_class, url, credentials, judge)), judge, explain)
            exchange = server.call(lambda url: asyncio.run(_run_async(call, async_class, url, credentials, judge)))
            outcome = _classify(call, exchange, judge, explain)
            if sync.verdict != "ok" or outcome.verdict == "ok":
                return sync
            outcome.detail = f"async only: {outcome.detail}"
            return outcome

        for call in calls:
            if deadline is not None and time.monotonic() > deadline:
                report.not_called.append(call.label)
                continue
            judge = assignment.get((call.op.http_method, call.op.path), PRISM)
            outcome = run(call, judge)
            if outcome.verdict == "d" and judge is not OPENAPI_CORE and second_opinion(outcome):
                again = run(call, OPENAPI_CORE)
                if again.verdict == "ok":
                    again.why = outcome.why
                    again.detail = f"{judge.name}: {outcome.why} -- {OPENAPI_CORE.name} accepts the request and the answer parses"
                    again.judge = f"{OPENAPI_CORE.name} (second opinion)"
                    outcome = again
                else:
                    outcome.detail += f" -- {OPENAPI_CORE.name} too: ({again.verdict}) {again.detail}"
            report.outcomes.append(outcome)
    return report


class _Servers:
    """The judges' servers, each started on first use: a judge that inlines the document
    before it answers (Prism) on the document cut down to the operations assigned to it, the
    others on the whole document (so they can give second opinions on any operation)."""

    def __init__(self, stack: contextlib.ExitStack, document: dict[str, Any], work: Path, assignment: dict[Operation, Judge]) -> None:
        self.stack, self.document, self.work, self.assignment = stack, document, work, assignment
        self.started: dict[str, _Server] = {}

    def get(self, judge: Judge, operation: Operation) -> _Server:
        if judge.name not in self.started:
            mine = [op for op, j in self.assignment.items() if j is judge]
            whole = not judge.eager or len(mine) == len(self.assignment)
            document = self.document if whole else subset(self.document, mine)
            spec = self.work / f"{_file_name(judge)}.json"
            spec.write_text(json.dumps(document), encoding="utf-8")
            self.started[judge.name] = _Server(self.stack, judge, spec, self.work)
        return self.started[judge.name]


def _file_name(judge: Judge) -> str:
    return "openapi" if judge is PRISM else "openapi-" + "".join(c if c.isalnum() else "-" for c in judge.name.lower())


class _Server:
    """One judge's server on the spec, started again when a request made it exit (its crashes
    are outcomes too: the call is marked, the next one gets a fresh server)."""

    def __init__(self, stack: contextlib.ExitStack, judge: Judge, spec: Path, work: Path) -> None:
        self.stack, self.judge, self.spec, self.work, self.starts = stack, judge, spec, work, 0
        self._start()

    def _start(self) -> None:
        self.starts += 1
        self.inner = contextlib.ExitStack()
        self.log = self.work / f"{_file_name(self.judge)}-{self.starts}.log"
        self.url = self.inner.enter_context(self.judge.serve(self.spec, self.log))
        self.stack.callback(self.inner.close)

    def call(self, run: Callable[[str], _Exchange]) -> _Exchange:
        exchange = run(self.url)
        if exchange.sent and exchange.status is None and isinstance(exchange.error, Exception):
            exchange.crashed = True  # no answer at all: the server died on the request
            self.inner.close()
            exchange.crash_reason = crash_reason(self.log.read_text(encoding="utf-8", errors="replace"))
            self._start()
        return exchange


def crash_reason(log: str) -> str:
    """Why a judge's process died, from the end of its log: V8 running out of memory, or the
    last error thrown with the first place it names (``TypeError: ... at .../simple.js:29``),
    so a limitation is recognised by its cause, whichever operation met it."""
    lines = [line.strip() for line in log.splitlines()[-300:] if line.strip()]
    for line in lines:
        if "out of memory" in line.lower() or "OutOfMemory" in line:
            return f"out of memory: {line[:200]}"
    errors = [i for i, line in enumerate(lines) if re.match(r"^(\w+Error|Error)\b.*:", line)]
    if not errors:
        return "no error in its log"
    first = errors[-1]
    where = next((line for line in lines[first + 1 :] if line.startswith("at ")), "")
    return f"{lines[first][:300]} {where[:200]}".strip()


def _without_extensions(value: Any) -> Any:
    """The document without ``x-`` keys, for Prism: extensions do not change what is valid, and
    a ``$ref`` inside one (which OpenAPI does not resolve) would make Prism refuse the file."""
    if isinstance(value, dict):
        return {k: _without_extensions(v) for k, v in value.items() if not (isinstance(k, str) and k.startswith("x-"))}
    if isinstance(value, list):
        return [_without_extensions(v) for v in value]
    return value


def _inventory(name: str, document: dict[str, Any], api: ir.Api) -> SpecReport:
    generated = {(op.http_method, op.path) for r in api.resources for op in r.operations}
    skipped: dict[str, str] = {}
    in_spec = 0
    vanished = []
    warned = {w.pointer: w.message for w in api.warnings if w.message.startswith("skipped")}
    for path, method, _operation, _item in operations(document):
        in_spec += 1
        key = f"{method.upper()} {path}"
        here = jsonpointer.join(["paths", path, method])
        reason = next((m for p, m in warned.items() if p == here or p.startswith(here + "/")), None)
        if (method.upper(), path) in generated:
            continue
        if reason is not None:
            skipped[key] = reason
        else:
            vanished.append(key)
    return SpecReport(name=name, in_spec=in_spec, skipped=skipped, vanished=vanished)


class _imported:
    """The generated package importable from ``out`` for the block (one already imported under
    that name, e.g. the committed ``vapi_calls``, is put back afterwards)."""

    def __init__(self, out: Path, package: str) -> None:
        self.out, self.package = out, package

    def __enter__(self) -> Any:
        self.saved = {k: v for k, v in sys.modules.items() if k == self.package or k.startswith(self.package + ".")}
        for key in self.saved:
            del sys.modules[key]
        sys.path.insert(0, str(self.out))
        return importlib.import_module(self.package)

    def __exit__(self, *exc: object) -> None:
        sys.path.remove(str(self.out))
        for key in [k for k in sys.modules if k == self.package or k.startswith(self.package + ".")]:
            del sys.modules[key]
        sys.modules.update(self.saved)


def _client_classes(module: Any, api: ir.Api) -> tuple[type, type]:
    return getattr(module, api.config.client_name), getattr(module, api.config.async_client_name)


# -- one call -------------------------------------------------------------------------------------


class _Call:
    """One generated method and the arguments built for it (or why none could be)."""

    def __init__(self, resource: ir.Resource, op: ir.Operation, document: dict[str, Any], builder: ValueBuilder) -> None:
        self.resource, self.op = resource, op
        self.label = f"{op.http_method} {op.path}"
        self.method = f"{resource.name}.{op.name}"
        self.no_value: str | None = None
        self.kwargs: dict[str, Any] = {}
        try:
            self.kwargs = _arguments(op, document, builder)
        except NoValue as exc:
            self.no_value = str(exc)


def _arguments(op: ir.Operation, document: dict[str, Any], builder: ValueBuilder) -> dict[str, Any]:
    spec_op = document["paths"][op.path][op.http_method.lower()]
    item = document["paths"][op.path]
    declared: dict[tuple[str, str], Any] = {}
    for raw in [*(item.get("parameters") or []), *(spec_op.get("parameters") or [])]:
        param = builder.resolve(raw)
        declared[(str(param.get("in")), str(param.get("name")))] = param
    kwargs: dict[str, Any] = {}
    for parameter in op.parameters:
        if not parameter.required:
            continue
        param = declared.get((parameter.location, parameter.wire_name)) or {"schema": {"type": "string"}}
        kwargs[parameter.name] = _parameter_value(param, builder, parameter.wire_name)
    if op.body is not None and op.body.required:
        request_body = builder.resolve(spec_op.get("requestBody")) or {}
        media = ((request_body.get("content") or {}).get(op.body.media_type)) or {}
        schema = media.get("schema") or {}
        if op.body.whole_annotation is not None:
            if op.body.kind == "binary":
                kwargs["body"] = ("upload.bin", b"contract-test-bytes", op.body.media_type)
            elif op.body.kind == "text":
                kwargs["body"] = str(_example(media, builder, schema) if schema else "text")
            else:
                kwargs["body"] = _example(media, builder, schema)
        elif op.body.kind in ("multipart", "form"):
            kwargs.update(_field_values(op.body, builder, schema))
        else:
            value = _example(media, builder, schema)
            if not isinstance(value, dict):
                raise NoValue(f"the body is not an object: {value!r}"[:200])
            for body_field in op.body.fields:
                if body_field.wire_name not in value and not body_field.required:
                    continue
                if "FileTypes" in body_field.annotation:
                    one = ("upload.bin", b"contract-test-bytes")
                    kwargs[body_field.name] = [one] if body_field.annotation.startswith("list[") else one
                elif body_field.wire_name in value:
                    kwargs[body_field.name] = value[body_field.wire_name]
                else:
                    raise NoValue(f"required body field {body_field.wire_name!r} was not built")
    return kwargs


def _field_values(body: ir.Body, builder: ValueBuilder, schema: Any) -> dict[str, Any]:
    """A form's or multipart body's required fields, one by one (as the generator reads them:
    the object's own ``properties``), files as bytes."""
    properties = (builder.resolve(schema, siblings=False) or {}).get("properties") or {}
    values: dict[str, Any] = {}
    for body_field in body.fields:
        if not body_field.required:
            continue
        if "FileTypes" in body_field.annotation:
            one = ("upload.bin", b"contract-test-bytes")
            values[body_field.name] = [one] if body_field.annotation.startswith("list[") else one
        elif body_field.wire_name not in properties:  # required, no schema: any value, one a form can carry
            values[body_field.name] = "value"
        else:
            values[body_field.name] = builder.value(properties.get(body_field.wire_name, {}))
    return values


def _parameter_value(param: dict[str, Any], builder: ValueBuilder, wire_name: str) -> Any:
    if "schema" in param:
        schema = param["schema"]
    else:  # a parameter with `content`: its one media type's schema
        media = next(iter((param.get("content") or {}).values()), {}) or {}
        schema = media.get("schema") or {}
    for candidate in _parameter_examples(param, builder):
        if builder.is_valid(schema, candidate):
            return candidate
    value = builder.value(schema)
    if isinstance(value, str) and param.get("in") == "path" and not value:
        # An enum that lists "" first (a corpus spec's `dataset: ["", "mini", ...]`): another member.
        resolved = builder.resolve(schema) if isinstance(schema, dict) else {}
        value = next((v for v in (resolved or {}).get("enum") or [] if isinstance(v, str) and v), "")
    if isinstance(value, str) and param.get("in") == "path" and not value:
        raise NoValue(f"path parameter {wire_name!r}: an empty string")
    if _holds_null(value) and "content" not in param:
        raise NoValue(f"parameter {wire_name!r}: its only valid values hold null, which no parameter style can write")
    return value


def _holds_null(value: Any) -> bool:
    if isinstance(value, list):
        return any(_holds_null(v) for v in value)
    if isinstance(value, dict):
        return any(_holds_null(v) for v in value.values())
    return value is None


def _parameter_examples(param: dict[str, Any], builder: ValueBuilder) -> list[Any]:
    found = []
    if "example" in param:
        found.append(param["example"])
    for example in (param.get("examples") or {}).values():
        example = builder.resolve(example)
        if isinstance(example, dict) and "value" in example:
            found.append(example["value"])
    return found


def _example(media: dict[str, Any], builder: ValueBuilder, schema: Any) -> Any:
    """The media type's own example when it validates, else a value built from the schema."""
    candidates = []
    if "example" in media:
        candidates.append(media["example"])
    for example in (media.get("examples") or {}).values():
        example = builder.resolve(example)
        if isinstance(example, dict) and "value" in example:
            candidates.append(example["value"])
    for candidate in candidates:
        if builder.is_valid(schema, candidate):
            return candidate
    return builder.value(schema)


@dataclass
class _Exchange:
    """What one call did: the requests that left, the last answer's status and violations, the error."""

    sent: int = 0
    status: int | None = None
    violations: list[dict[str, Any]] = field(default_factory=list)
    error: BaseException | None = None
    no_value: str | None = None
    crashed: bool = False
    crash_reason: str = ""  # from the judge's log (crash_reason)


def _record_response(exchange: _Exchange, response: httpx.Response, judge: Judge) -> None:
    exchange.status = response.status_code
    raw = response.headers.get(judge.violations_header)
    if raw:
        exchange.violations = _violations(raw)


def _violations(raw: str) -> list[dict[str, Any]]:
    """A violations header read: a JSON list, which Prism prefixes with ``Too many violations!``
    when it is long (and may cut short: then where it points is read from its first entry)."""
    text = raw.removeprefix("Too many violations!").strip()
    try:
        return list(json.loads(text))
    except ValueError:
        pass
    side = "response" if text.startswith('[{"location":["response"') else "request"
    return [{"message": raw, "location": [side], "severity": "Error"}]


def _client_kwargs(url: str, credentials: dict[str, Any]) -> dict[str, Any]:
    return {**credentials, "base_url": url, "max_retries": 0, "timeout": 60, "strict_response_validation": True}


def _run_sync(call: _Call, client_class: type, url: str, credentials: dict[str, Any], judge: Judge) -> _Exchange:
    exchange = _Exchange(no_value=call.no_value)
    if call.no_value is not None:
        return exchange

    def on_request(request: httpx.Request) -> None:
        exchange.sent += 1

    def on_response(response: httpx.Response) -> None:
        _record_response(exchange, response, judge)

    http = httpx.Client(event_hooks={"request": [on_request], "response": [on_response]}, follow_redirects=True)
    try:
        client = client_class(**_client_kwargs(url, credentials), http_client=http)
        method: Callable[..., Any] = getattr(getattr(client, call.resource.name), call.op.name)
        result = method(**call.kwargs)
        _consume(result)
    except BaseException as exc:  # noqa: BLE001 - every failure is an outcome to classify
        if isinstance(exc, KeyboardInterrupt):
            raise
        exchange.error = exc
    finally:
        http.close()
    return exchange


async def _run_async(call: _Call, client_class: type, url: str, credentials: dict[str, Any], judge: Judge) -> _Exchange:
    exchange = _Exchange(no_value=call.no_value)
    if call.no_value is not None:
        return exchange

    async def on_request(request: httpx.Request) -> None:
        exchange.sent += 1

    async def on_response(response: httpx.Response) -> None:
        _record_response(exchange, response, judge)

    http = httpx.AsyncClient(event_hooks={"request": [on_request], "response": [on_response]}, follow_redirects=True)
    try:
        client = client_class(**_client_kwargs(url, credentials), http_client=http)
        method: Callable[..., Any] = getattr(getattr(client, call.resource.name), call.op.name)
        result = await method(**call.kwargs)
        await _aconsume(result)
    except Exception as exc:  # noqa: BLE001 - every failure is an outcome to classify
        exchange.error = exc
    finally:
        await http.aclose()
    return exchange


def _consume(result: Any) -> None:
    """Read what a call returned to its end: a stream's events, a download's bytes."""
    if hasattr(result, "__iter__") and hasattr(result, "close") and type(result).__name__ == "Stream":
        with result:
            for _ in result:
                pass
    elif type(result).__name__ == "BinaryResponse":
        _ = result.content


async def _aconsume(result: Any) -> None:
    if type(result).__name__ == "AsyncStream":
        async with result:
            async for _ in result:
                pass
    elif type(result).__name__ == "BinaryResponse":
        _ = result.content


def _classify(call: _Call, exchange: _Exchange, judge: Judge, explain: Explain) -> Outcome:
    outcome = _verdict(call, exchange, judge)
    if outcome.verdict in ("a", "b", "e", "crash"):
        why = explain(outcome)
        if why is not None:
            outcome.failure, outcome.why, outcome.verdict = outcome.verdict, why, "d"
    return outcome


def _verdict(call: _Call, exchange: _Exchange, judge: Judge) -> Outcome:
    outcome = Outcome(operation=call.label, method=call.method, verdict="ok", judge=judge.name)
    if exchange.no_value is not None:
        outcome.verdict, outcome.detail = "e", exchange.no_value
        return outcome
    request_violations = [
        v for v in exchange.violations
        if str(v.get("severity", "Error")) == "Error" and (v.get("location") or ["request"])[0] == "request"
    ]
    error = exchange.error
    if exchange.sent == 0:
        outcome.verdict = "c"
        outcome.detail = f"{type(error).__name__}: {error}" if error is not None else "nothing was sent"
        return outcome
    if exchange.crashed:
        outcome.verdict = "crash"
        outcome.detail = f"{judge.name} exited without answering ({exchange.crash_reason}): {type(error).__name__}: {error}"
        return outcome
    if request_violations:
        outcome.verdict = "a"
        outcome.detail = "; ".join(f"{'.'.join(map(str, v.get('location', [])))}: {v.get('message')}" for v in request_violations)
        return outcome
    judge_error = _judge_error(error, judge)
    if judge_error is not None:
        code, text = judge_error
        outcome.verdict = "a" if code in REQUEST_ERRORS else "b"
        outcome.detail = f"{judge.name} {exchange.status} {code}: {text}"
        if code not in REQUEST_ERRORS:
            outcome.accepted = True
        return outcome
    outcome.accepted = True
    own = [v for v in exchange.violations if (v.get("location") or [""])[0] == "response"]
    if error is None and judge.vouches and own:
        outcome.verdict = "b"
        outcome.detail = f"{judge.name}: its own answer breaks the spec: {own[0].get('message')}"
        return outcome
    if error is None:
        outcome.parsed = True
        return outcome
    outcome.verdict = "b"
    response_violations = [v for v in exchange.violations if (v.get("location") or [""])[0] == "response"]
    outcome.detail = f"status {exchange.status}: {type(error).__name__}: {str(error)[:400]}"
    response = getattr(error, "response", None)
    if isinstance(response, httpx.Response):
        try:
            outcome.detail += f" [answer: {response.content[:300]!r}]"
        except httpx.ResponseNotRead:  # a stream that failed as it was read
            outcome.detail += " [answer: a stream, not read]"
    if response_violations:
        outcome.detail += f" ({judge.name}: its own answer breaks the spec: {response_violations[0].get('message')})"
    return outcome


def _judge_error(error: BaseException | None, judge: Judge) -> tuple[str, str] | None:
    """The judge's own error (its problem type's last part, and what it says), if it is one."""
    body = getattr(error, "body", None)
    if isinstance(body, dict) and str(body.get("type", "")).startswith(judge.errors_prefix):
        text = str(body.get("detail") or body.get("title") or "")
        problems = body.get("validation")
        if isinstance(problems, list) and problems:
            text = "; ".join(f"{'.'.join(map(str, p.get('location', [])))}: {p.get('message')}" for p in problems if isinstance(p, dict))
        return str(body["type"])[len(judge.errors_prefix):], text[:400]
    return None
