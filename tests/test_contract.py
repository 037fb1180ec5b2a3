"""The contract test: every operation of every spec the project holds, generated, called against
an independent judge of that spec (a validator of each request that answers as the spec
documents), and its answer parsed.

Specs: the project's own (``spec/openapi.yaml``), the fixtures (``tests/fixtures/*``), the
third-party corpus (``../shared/specs/*``) and the whole Vapi spec. The judges (tests/judges.py):
``prism mock`` for every operation Prism can load (its tree with every ``$ref`` inlined is small
enough: Prism inlines before it answers, and the whole Vapi spec never finishes loading), and
openapi-core behind a small server (tests/openapi_core_judge.py) for the rest. For each spec: each
judge started once, every generated method called once sync and once async with values built
from the spec's own schemas and examples (tests/contract.py, tests/contract_values.py), each
failure classified: (a) the client sent what the spec forbids, (b) the answer did not parse, (c)
the client raised before sending, (d) not the client's: Prism's own limitation or a spec no valid
call exists for (``PRISM_LIMITATIONS``, each with its reason and upstream issue), (e) no value
could be built. A Prism limitation gets a second opinion from openapi-core: the call counts as
working when openapi-core accepts the request and its answer parses. Every failure must be
explained here, >= 99% of each spec's operations must work or be explained, and no operation may
be missing without a warning.

``-s`` prints each spec's table (operations, accepted, parsed, per judge, each failure and each
second opinion). The large specs are ``slow``; the fixtures' and the project's own are not.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.contract import Outcome, SpecReport, run_contract
from tests.prism_server import PrismDidNotStart

ROOT = Path(__file__).resolve().parent.parent
SHARED = next((p / "shared" for p in (ROOT.parent, ROOT.parent.parent) if (p / "shared").is_dir()), ROOT.parent / "shared")

SPECS: dict[str, Path] = {
    "spec": ROOT / "spec" / "openapi.yaml",
    **{f"fixture-{p.parent.name}": p for p in sorted((ROOT / "tests" / "fixtures").glob("*/openapi.yaml"))},
    **{p.stem: p for p in sorted((SHARED / "specs").glob("*")) if p.suffix in (".json", ".yaml", ".yml")},
    "vapi-full": SHARED / "vapi" / "openapi.json",
}
SLOW = {"opc-baseline-3.0", "opc-baseline-3.1", "together", "twilio_api_v2010", "vapi-full"}

@dataclass(frozen=True)
class Limitation:
    """A failure that is not the client's: Prism's own (5.16.0), or a spec no valid call exists
    for. What it looks like, and why (with the upstream issue where there is one)."""

    why: str
    detail: str  # a regular expression the failure's detail matches
    verdicts: tuple[str, ...] = ("b",)
    operations: frozenset[str] = frozenset()  # only these ("GET /path"), when not every one
    judge: str | None = "Prism"  # the judge whose limitation it is (None: the spec's own)


PRISM_LIMITATIONS = (
    Limitation(
        "Prism (and openapi-core 0.23.1, asked for a second opinion) require a header parameter named "
        "Content-Type, which OpenAPI says SHALL be ignored: the client sends the body's media type with a "
        "body, and no Content-Type without one (here no body: none declared, or no field required); "
        "no upstream issue found",
        r"header: Request header must have required property 'content-type'",
        verdicts=("a",),
    ),
    Limitation(
        "Prism's dynamic mock (json-schema-faker) throws while it builds an answer from the response schema "
        "(the class of stoplightio/prism#2391), or overflows its stack compiling a pattern",
        r"^Prism 500 UNKNOWN: (TypeError|RangeError|SyntaxError: Invalid regular expression: .*Stack overflow)",
    ),
    Limitation(
        "Prism's dynamic mock needs a schema to answer from (stoplightio/prism#1432)",
        r"Tried to force a dynamic response for: .* but schema is not defined",
    ),
    Limitation(
        "Prism cannot write an object schema as text, as event streams are specified (stoplightio/prism#1038)",
        r"NO_COMPLEX_OBJECT_TEXT",
    ),
    Limitation(
        "Prism's mock answer breaks the spec by Prism's own check (stoplightio/prism#2384, #2650)",
        r"Prism: its own answer breaks the spec",
    ),
    Limitation(
        "Prism ignores discriminators and makes up tags no variant has (stoplightio/prism#2345, #1864)",
        r"^status 2\d\d: APIResponseValidationError: .*(does not match any of the expected tags|names no variant)",
    ),
    Limitation(
        "Prism's dynamic mock makes up a media type it then cannot parse (`Could not parse MIME type string "
        "\"string\"` in whatwg-mimetype) and exits (no upstream issue found)",
        r"Prism exited without answering \(.*Could not parse MIME type",
        verdicts=("crash",),
    ),
    Limitation(
        "Prism runs out of memory compiling a response schema's pattern (V8's RegExpCompiler: "
        "FatalProcessOutOfMemory) and exits (no upstream issue found)",
        r"Prism exited without answering \(out of memory",
        verdicts=("crash",),
    ),
    Limitation(
        "Prism 5.16 throws on an absent optional array or object header of style simple (its deserializer splits "
        "`undefined`: a TypeError in prism-http/dist/validator/deserializers/style/simple.js; no upstream issue found)",
        r"Prism exited without answering \(TypeError: Cannot read properties of undefined \(reading 'split'\) "
        r"at deserialize\w+ \(.*deserializers/style/simple\.js",
        verdicts=("crash",),
    ),
    Limitation(
        "the spec's media type `openapi/python/client` is not a media type (two slashes): Prism's content-type "
        "parser throws on it and Prism exits (the spec's test of a custom type; no upstream issue)",
        r"Prism exited without answering",
        verdicts=("crash",),
        operations=frozenset({"POST /config/content-type-override"}),
    ),
    Limitation(
        "Prism looks a query parameter whose name has a space up by its percent-encoded name "
        "(`string%20with%20num`), so the name as sent never matches (no upstream issue found)",
        r"must have required property 'string%20with%20num'",
        verdicts=("a",),
    ),
    Limitation(
        "Prism cannot read a multipart part that is JSON (an object field) or judge file parts "
        "(stoplightio/prism#2654, as tests/test_prism.py notes)",
        r"request\.body\.\w+: Request body property \w+ must be object",
        verdicts=("a",),
        operations=frozenset({"POST /tests/upload"}),
    ),
    Limitation(
        "Prism answers the documented 3xx without a Location header (the spec declares none), so there is "
        "nothing to follow; following one is tested in tests/test_contract_fixes.py",
        r"^status 30[1278]: APIStatusError",
    ),
    Limitation(
        "the spec allows no value a query can carry: the only item of the required array is null",
        r"its only valid values hold null",
        verdicts=("e",),
        judge=None,
    ),
    Limitation(
        "the spec allows no value (OpenAPI 3.0): every object fits both branches of the required "
        "`nullable_one_of_models` oneOf, and `nullable` beside a oneOf admits no null for JSON Schema",
        r"no branch of oneOf gives a valid value",
        verdicts=("e",),
        judge=None,
        operations=frozenset({"POST /tests/json_body", "POST /tests/callback"}),
    ),
)


def explain(outcome: Outcome) -> str | None:
    limitation = _limitation(outcome)
    return limitation.why if limitation is not None else None


def second_opinion(outcome: Outcome) -> bool:
    """A judge's own limitation is checked again on openapi-core (tests/openapi_core_judge.py):
    the call counts as working when that judge accepts it and its answer parses. A spec no valid
    call exists for stays explained."""
    limitation = _limitation(outcome)
    return limitation is not None and limitation.judge is not None


def _limitation(outcome: Outcome) -> Limitation | None:
    for limitation in PRISM_LIMITATIONS:
        if (outcome.failure or outcome.verdict) not in limitation.verdicts:
            continue
        if limitation.judge is not None and outcome.judge != limitation.judge:
            continue
        if limitation.operations and outcome.operation not in limitation.operations:
            continue
        if re.search(limitation.detail, outcome.detail):
            return limitation
    return None


@pytest.mark.parametrize(
    "name", [pytest.param(n, marks=pytest.mark.slow) if n in SLOW else n for n in SPECS]
)
def test_every_operation_works_against_prism(name: str, tmp_path: Path) -> None:
    spec = SPECS[name]
    if not spec.exists():
        pytest.skip(f"{spec} not found")
    try:
        report = run_contract(name, spec, tmp_path, explain, second_opinion=second_opinion)
    except PrismDidNotStart as exc:
        if name not in SLOW:
            raise
        pytest.skip(f"{exc}: Prism 5.16 reads a spec this big too slowly (stoplightio/prism#1479)")
    print("\n" + report.table())
    _check(report)


def _check(report: SpecReport) -> None:
    assert report.vanished == [], f"operations with no method and no warning: {report.vanished}"
    unexplained = [o for o in report.outcomes if o.verdict not in ("ok", "d")]
    assert unexplained == [], "\n" + report.table()
    # The bar of issue 20: >= 99% of the operations work, Prism's own limitations aside.
    working = sum(o.verdict in ("ok", "d") for o in report.outcomes)
    assert working >= math.ceil(0.99 * len(report.outcomes)), "\n" + report.table()
