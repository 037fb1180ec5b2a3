"""The broken-spec corpus (tests/broken/): every file either generates a working client or is
refused with exit status 2 and one line ``path:line:col: #/pointer: message``.

For each refusal: no traceback, the output directory (pre-populated with an older tree) is
byte-identical afterwards, nothing is left beside it (``.out.new-*``/``.out.old-*``) or in
the run's TMPDIR, and ``git status`` of the repository is unchanged. For each file that
generates: every module compiles, and a script imports the package in a fresh interpreter
and, for the awkward cases (keywords and builtins, non-ASCII names, recursion, deep nesting,
responses without a schema), calls it over a mock transport.

A module fixture runs the whole corpus at once: the refusals as ``python -m generator``
subprocesses on a small pool, the cases that generate through the same ``cli.main`` in
process on one more thread (their packages are then imported by a subprocess), so the corpus
costs seconds of wall time rather than one interpreter start-up and import after another.
"""

from __future__ import annotations

import contextlib
import io
import os
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import textwrap
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from generator import cli
from generator.pipeline import generate
from generator.output.writer import read_tree, write_tree

ROOT = Path(__file__).resolve().parent.parent
BROKEN = ROOT / "tests" / "broken"
OLD_TREE_SPEC = ROOT / "tests" / "fixtures" / "todo" / "openapi.yaml"
MEMORY_LIMIT = 2 * 1024**3  # a regression to an alias bomb fails the run instead of the machine


@dataclass(frozen=True)
class Case:
    file: str
    outcome: str  # "error" or "generates"
    where: str = ""  # "line:col" of the error
    pointer: str = ""
    message: str = ""
    warnings: tuple[str, ...] = ()  # substrings, one per expected warning line
    package: str = ""  # for "generates": the import name
    script: str = ""  # for "generates": run with the package importable; may use `mock`
    strict: bool = False  # run with --strict

    @property
    def id(self) -> str:
        return self.file.removesuffix(".yaml").removesuffix(".json") + ("-strict" if self.strict else "")


def _deep_pointer(prefix: str, step: str, count: int) -> str:
    return prefix + "".join(step.format(i=i) for i in range(count))


# The helper every script gets: a client class whose HTTP goes to `handler` (a mock transport).
PRELUDE = '''
import httpx, importlib, json, sys
sent = []

def mock(body=None, status=200):
    def handler(request):
        sent.append(request)
        if body is None:
            return httpx.Response(status)
        return httpx.Response(status, json=body)
    return httpx.Client(transport=httpx.MockTransport(handler))
'''

KEYWORDS = '''
from keywords_case import KeywordsCase, types
record = {
    "id": "1", "from": "a", "class": "b", "self": "c", "type": "d", "None": "e", "True": True,
    "import": 3, "list": ["x"], "model_config": "m", "model_fields": "f", "json": "j", "copy": "k",
    "schema": "s", "datetime": "2024-01-01T00:00:00Z", "date": "2024-01-02",
    "created": "2024-01-01T05:30:00+05:30", "Any": {"x": 1},
}
client = KeywordsCase(base_url="http://api.test", http_client=mock(record))
got = client.records.get("a/b", from_="f", class_="c", self_="s", type_="t", import_="i")
assert (got.id, got.from_, got.class_, got.self, got.type, got.none, got.true) == ("1", "a", "b", "c", "d", "e", True)
assert (got.import_, got.list_, got.model_config_, got.json_, got.copy_, got.schema_) == (3, ["x"], "m", "j", "k", "s")
assert got.model_dump(by_alias=True, mode="json", exclude_unset=True) == record
request = sent[-1]
assert request.url.raw_path.startswith(b"/records/a%2Fb?"), request.url
assert dict(request.url.params) == {"from": "f", "class": "c", "self": "s", "type": "t"}
assert request.headers["import"] == "i"
assert types.Keyword("mro") is types.Keyword.MRO_ and types.Keyword("None") is types.Keyword.NONE
assert types.Keyword("from") is types.Keyword.FROM and types.Keyword("value") is types.Keyword.VALUE
'''

NON_ASCII = '''
from nandu_cafe_unicode import NanduCafeUnicode, types
body = {"größe": 1.5, "名前": "花子", "émoji": "☕", "sorte": "紅茶"}
client = NanduCafeUnicode(base_url="http://api.test", http_client=mock(body))
got = client.cafes.get("x/ÿ", groe=3, 名前="名")
assert isinstance(got, types.Größe) and got.größe == 1.5 and got.名前 == "花子"
assert got.sorte is types.Sorte.紅茶 and types.Sorte("☕") is types.Sorte.FIELD_
assert got.model_dump(by_alias=True, mode="json", exclude_unset=True) == body
request = sent[-1]
assert request.url.raw_path.startswith(b"/caf%C3%A9/x%2F%C3%BF?"), request.url
assert dict(request.url.params) == {"größe": "3", "名前": "名"}
'''

RECURSIVE = '''
from recursive_case import RecursiveCase, types
tree = {"name": "root", "children": [{"name": "a", "children": [{"name": "a1", "parent": {"name": "a"}}]}],
        "edges": [{"target": {"name": "b", "edges": [{"target": {"name": "c"}}]}}]}
got = RecursiveCase(base_url="http://api.test", http_client=mock(tree)).tree.get()
assert isinstance(got, types.Node)
assert got.children[0].children[0].parent.name == "a"
assert got.edges[0].target.edges[0].target.name == "c"
assert got.model_dump(by_alias=True, mode="json", exclude_unset=True) == tree
'''

NO_SCHEMA = '''
from no_schema_case import NoSchemaCase
assert NoSchemaCase(base_url="http://api.test", http_client=mock()).health.ping() is None
assert NoSchemaCase(base_url="http://api.test", http_client=mock({"any": ["thing", 1]})).health.status() == {"any": ["thing", 1]}
assert NoSchemaCase(base_url="http://api.test", http_client=mock(status=204)).health.reset() is None
'''

NO_RESPONSES = '''
from no_responses_case import NoResponsesCase
assert NoResponsesCase(base_url="http://api.test", http_client=mock()).items.purge() is None
assert sent[-1].method == "DELETE"
'''

DEEP_40 = '''
from deep_40_case import types
value = "leaf"
for level in reversed(range(40)):
    value = {f"level{level}": value}
got = types.Deep.model_validate(value)
assert got.model_dump(by_alias=True, mode="json", exclude_unset=True) == value
node = got
for level in range(39):
    node = getattr(node, f"level{level}")
assert node.level39 == "leaf"
'''

REF_CHAIN = '''
from ref_chain_case import types
value = {"next": "end"}
for _ in range(99):
    value = {"next": value}
got = types.Link0.model_validate(value)
assert got.model_dump(by_alias=True, mode="json", exclude_unset=True) == value
'''

ANCHORS = '''
from anchors_case import AnchorsCase
client = AnchorsCase(base_url="http://api.test", http_client=mock({"name": "n", "label": "l"}))
assert client.things.get_a().label == "l" and client.things.get_b().name == "n"
'''

PATH_STYLES = '''
from path_styles_case import PathStylesCase
items = PathStylesCase(base_url="http://api.test", http_client=mock()).items
assert items.list(["blue", "a/b"]) is None and items.get(["3", "4"]) is None
assert [r.url.raw_path for r in sent] == [b"/items/.blue,a%2Fb", b"/items/by-id/;id=3;id=4"], sent
'''

NO_OPERATIONS = '''
import {package} as pkg
assert pkg.Broken(base_url="http://api.test", http_client=mock()) is not None
assert not any(hasattr(pkg.Broken, name) for name in ("items", "list")), "the broken operation is skipped"
'''

SOME_OPERATION = '''
import {package} as pkg
assert callable(pkg.Broken(base_url="http://api.test", http_client=mock()).items.list), "the operation generates"
'''

JSON_CASE = '''
from json_case import JsonCase, types
client = JsonCase(base_url="http://api.test", http_client=mock({"mood": "\\U0001f44d"}))
assert client.items.list().mood is types.ItemMood.THUMBS_UP
assert "\\U0001f44d" in types.Item.__doc__
'''

REF_INTO = '''
from ref_into_case import RefIntoCase, types
body = {"items": [{"name": "a", "size": 2}], "order": "desc"}
client = RefIntoCase(base_url="http://api.test", http_client=mock(body))
got = client.items.list(limit=3, order=types.OrderParameter.DESC)
assert isinstance(got, types.ListItemsResponse200) and got.order is types.OrderParameter.DESC
assert got.items[0].size == 2 and dict(sent[-1].url.params) == {"limit": "3", "order": "desc"}
assert type(client.items.first()) is types.ListItemsResponse200, "one schema, one model"
'''

NAME_CLASHES = '''
from name_clashes import NameClashes
client = NameClashes(base_url="http://api.test", http_client=mock())
client.responses.list(); client.responses.create(); client.responses.list_responses()
assert [r.url.path for r in sent] == ["/responses", "/responses", "/responses/all"]
client.close_.all(); client.class_.get(); client.timeout_.get(); client.auth.get()
assert [r.url.path for r in sent[3:]] == ["/close", "/class", "/timeouts", "/auth"]
client.calls.list(start_time="a", start_time_lt="b", start_time_gt="c", arg="d")
assert sent[-1].url.params.multi_items() == [("StartTime", "a"), ("StartTime<", "b"), ("StartTime>", "c"), ("$", "d")]
client.close()
'''

CASES: tuple[Case, ...] = (
    # JSON is read as JSON: its escapes (surrogate pairs) are valid, its errors have a place.
    Case("json_surrogates.json", "generates", package="json_case", script=JSON_CASE),
    Case("invalid_json.json", "error", "5:66", "#", "invalid JSON: Expecting property name enclosed in double quotes"),
    Case("duplicate_key_json.json", "error", "6:5", "#/paths/~1items", "duplicate key '/items'"),
    # Not YAML, not OpenAPI, not a mapping.
    Case("invalid_yaml.yaml", "error", "3:1", "#", "invalid YAML: did not find expected ',' or '}'"),
    Case("invalid_yaml_indent.yaml", "error", "4:11", "#", "invalid YAML: mapping values are not allowed"),
    Case("not_utf8.yaml", "error", "2:19", "#", "the spec is not UTF-8 text"),
    Case("empty_file.yaml", "error", "1:1", "#", "the spec file is empty"),
    Case("root_is_list.yaml", "error", "1:1", "#", "the spec must be a mapping"),
    Case("root_is_scalar.yaml", "error", "1:1", "#", "the spec must be a mapping"),
    Case("not_openapi.yaml", "error", "2:1", "#", "not an OpenAPI document: the 'openapi' field is missing"),
    Case("swagger2.yaml", "error", "1:10", "#/swagger", "Swagger / OpenAPI 2.0 document; convert it to OpenAPI 3.x"),
    Case("openapi_version_float.yaml", "error", "2:10", "#/openapi", "unsupported OpenAPI version 3.1;"),
    Case("missing_openapi.yaml", "error", "1:1", "#", "the 'openapi' field is missing"),
    Case("missing_info.yaml", "error", "1:1", "#", "the 'info' object is missing or not a mapping"),
    Case("missing_paths.yaml", "error", "1:1", "#", "the 'paths' object is missing or not a mapping"),  # 3.0: required
    # 3.1: optional (webhooks or components only): a client with its models and no methods.
    Case("no_paths_31.yaml", "generates", package="only_webhooks", script="from only_webhooks import OnlyWebhooks, types\nassert types.Pet(name='Rex').name == 'Rex'\n"),
    Case("paths_is_list.yaml", "error", "4:3", "#/paths", "the 'paths' object is missing or not a mapping"),
    Case("info_is_string.yaml", "error", "2:7", "#/info", "the 'info' object is missing or not a mapping"),
    # YAML features that are errors here.
    Case("duplicate_key.yaml", "error", "8:3", "#/paths/~1items", "duplicate key '/items'"),
    Case("merge_key.yaml", "error", "10:11", "#/paths/~1items/get/responses/200", "YAML merge keys (<<) are not supported"),
    Case("billion_laughs.yaml", "error", "9:6", "#/x-f", "YAML aliases expand this value to 1,111,111 values"),
    Case(
        "deep_nesting_200.yaml",
        "error",
        "7:1814",
        _deep_pointer("#/components/schemas/Deep", "/properties/level{i}", 49),
        "the spec is nested more than 100 levels deep",
    ),
    Case(
        "deep_arrays_200.yaml",
        "error",
        "13:1962",
        _deep_pointer("#/paths/~1grid/get/responses/200/content/application~1json/schema", "/items", 92) + "/type",
        "the spec is nested more than 100 levels deep",
    ),
    # References.
    Case(
        "unresolved_local_ref.yaml",
        "error",
        "14:31",
        "#/paths/~1items/get/responses/200/content/application~1json/schema/items/$ref",
        "$ref '#/components/schemas/Itme' does not resolve",
    ),
    Case(
        "unresolved_file_ref.yaml",
        "error",
        "12:30",
        "#/paths/~1items/get/responses/200/content/application~1json/schema/$ref",
        "$ref 'other.yaml#/x': file tests/broken/other.yaml not found",
    ),
    Case(
        "ref_wrong_kind.yaml",
        "generates",
        warnings=(
            "#/paths/~1items/get/parameters/0/$ref: skipped: $ref '#/components/schemas/Limit' points to a 'schemas' object where a 'parameters' one belongs",
            "#/paths/~1status/get/responses/200/content/application~1json/schema/$ref: skipped: $ref '#/components/responses/Status' points to a 'responses' object where a 'schemas' one belongs",
        ),
        package="broken",
        script="from broken import Broken\nassert [m for m in dir(Broken(base_url='http://x').things) if not m.startswith('_')] == ['list', 'with_raw_response', 'with_streaming_response']\n",
    ),
    Case(
        "ref_wrong_kind_component.yaml",
        "error",
        "14:18",
        "#/components/requestBodies/Item/$ref",
        "points to a 'schemas' object where a 'requestBodies' one belongs",
    ),
    Case(
        "ref_not_string.yaml",
        "error",
        "12:30",
        "#/paths/~1items/get/responses/200/content/application~1json/schema/$ref",
        "$ref must be a string",
    ),
    # Operations and parameters.
    Case(
        "duplicate_operation_id.yaml",
        "error",
        "10:20",
        "#/paths/~1things/get/operationId",
        "duplicate operationId 'listItems' (also at #/paths/~1items/get/operationId)",
    ),
    Case(
        "path_param_not_in_path.yaml",
        "error",
        "8:11",
        "#/paths/~1items/get/parameters/0",
        "path parameter 'itemId' is declared but '/items' has no {itemId}",
    ),
    # Schemas whose names would collide, or that allow nothing.
    Case(
        "empty_enum.yaml",
        "generates",
        warnings=("#/components/schemas/Status/enum: an enum with no values allows no value at all",),
        package="broken",
    ),
    Case("empty_enum.yaml", "error", strict=True, message="1 warning(s) with --strict"),
    # Names that collide: generated (the second gets a numbered name) with a warning naming
    # both; --strict makes them errors.
    Case(
        "enum_collision.yaml",
        "generates",
        warnings=("#/components/schemas/Mode/enum/1: enum values 'a-b' and 'a_b' both become the member name A_B; choose the member names with x-enum-varnames",),
        package="broken",
    ),
    Case("enum_collision.yaml", "error", strict=True, message="1 warning(s) with --strict"),
    Case(
        "field_collision.yaml",
        "generates",
        warnings=("#/components/schemas/Thing/properties/foo_bar: properties 'fooBar' and 'foo_bar' both become the field name 'foo_bar'",),
        package="broken",
    ),
    Case("field_collision.yaml", "error", strict=True, message="1 warning(s) with --strict"),
    # Generated with a warning, the offending operation skipped; --strict makes them errors.
    Case(
        "path_styles.yaml",
        "generates",
        package="path_styles_case",
        script=PATH_STYLES,
    ),
    Case(
        "param_in_matrix.yaml",
        "generates",
        warnings=("param_in_matrix.yaml:8:29: #/paths/~1items/get/parameters/0/in: skipped: not valid OpenAPI 3.1.0: 'matrix' is not one of",),
        package="broken",
        script=NO_OPERATIONS.format(package="broken"),
    ),
    Case("param_in_matrix.yaml", "error", strict=True, message="1 warning(s) with --strict"),
    Case(
        "no_responses_30.yaml",
        "generates",
        warnings=("#/paths/~1items/get: skipped: not valid OpenAPI 3.0.3: 'responses' is a required property",),
        package="broken",
        script=NO_OPERATIONS.format(package="broken"),
    ),
    Case("no_responses_30.yaml", "error", strict=True, message="1 warning(s) with --strict"),
    # Keys OpenAPI does not define are reported, but the operation generates: nothing reads them.
    Case(
        "unknown_keys.yaml",
        "generates",
        warnings=("unknown_keys.yaml:9:7: #/paths/~1items/get: not valid OpenAPI 3.1.0: Unevaluated properties are not allowed ('title' was unexpected)",),
        package="broken",
        script=SOME_OPERATION.format(package="broken"),
    ),
    Case("unknown_keys.yaml", "error", strict=True, message="1 warning(s) with --strict"),
    Case(
        "unknown_keys_30.yaml",
        "generates",
        warnings=("unknown_keys_30.yaml:8:7: #/paths/~1items/get: not valid OpenAPI 3.0.3: 'title' does not match any of the regexes: '^x-'",),
        package="broken",
        script=SOME_OPERATION.format(package="broken"),
    ),
    Case("path_param_undeclared.yaml", "generates", warnings=("{itemId}",), package="broken"),
    Case("unknown_type.yaml", "generates", warnings=("'bigint' is not valid",), package="broken"),
    # Awkward but valid: must generate a client that works.
    Case("keywords.yaml", "generates", package="keywords_case", script=KEYWORDS),
    Case(
        "non_ascii.yaml",
        "generates",
        warnings=("'Größe' does not match",),  # OpenAPI 3.1 wants ASCII component names; it still works
        package="nandu_cafe_unicode",
        script=NON_ASCII,
    ),
    Case("recursive_schema.yaml", "generates", package="recursive_case", script=RECURSIVE),
    Case("response_no_schema.yaml", "generates", package="no_schema_case", script=NO_SCHEMA),
    Case("no_responses_31.yaml", "generates", package="no_responses_case", script=NO_RESPONSES),
    Case("deep_nesting_40.yaml", "generates", package="deep_40_case", script=DEEP_40),
    Case("deep_ref_chain.yaml", "generates", package="ref_chain_case", script=REF_CHAIN),
    Case("anchors_ok.yaml", "generates", package="anchors_case", script=ANCHORS),
    Case(
        "same_method_name.yaml",
        "generates",
        warnings=("#/paths/~1items~1all/get: method items.list is taken by #/paths/~1items/get; this operation is items.list_items",),
        package="broken",
    ),
    Case("same_method_name.yaml", "error", strict=True, message="1 warning(s) with --strict"),
    Case(
        "name_clashes.yaml",
        "generates",
        warnings=(
            "#/paths/~1responses~1all/get: method responses.list is taken by #/paths/~1responses/get; this operation is responses.list_responses",
            "#/tags: resource 'class' would be 'class', a keyword; it is client.class_",
            "#/tags: resource 'close' would be 'close', an attribute of the client; it is client.close_",
            "#/tags: resource class 'Timeout' is a name of the client module; it is 'TimeoutResource'",
            "#/tags: resource class 'Auth' is a name of the client module; it is 'AuthResource'",
            "#/paths/~1calls/get/parameters/1: 'StartTime<' would be the argument 'start_time', taken by 'StartTime'; it is 'start_time_lt'",
            "#/paths/~1calls/get/parameters/2: 'StartTime>' would be the argument 'start_time', taken by 'StartTime'; it is 'start_time_gt'",
            "#/paths/~1calls/get/parameters/3: '$' would be no name (it has no letters); it is 'arg'",
        ),
        package="name_clashes",
        script=NAME_CLASHES,
    ),
    Case("ref_into_schemas.yaml", "generates", package="ref_into_case", script=REF_INTO),
)


@dataclass
class Run:
    case: Case
    returncode: int
    stdout: str
    stderr: str
    seconds: float
    before: dict[str, bytes]
    after: dict[str, bytes]
    beside: list[str]  # anything next to the output directory but the directory itself
    temp_left: list[str]  # anything left in the run's TMPDIR
    script: subprocess.CompletedProcess[str] | None = None
    compile_errors: list[str] = field(default_factory=list)


def _limit_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))


def _git_status() -> str:
    return subprocess.run(
        ["git", "status", "--porcelain", "--untracked-files=all", "--ignored=no"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout


def _run_cli_subprocess(case: Case, out: Path, temp: Path) -> tuple[int, str, str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "TMPDIR": str(temp), "PYTHONDONTWRITEBYTECODE": "1"}
    argv = [sys.executable, "-m", "generator", "generate", "--spec", f"tests/broken/{case.file}", "--out", str(out)]
    if case.strict:
        argv.append("--strict")
    result = subprocess.run(
        argv, cwd=ROOT, env=env, capture_output=True, text=True, timeout=180, preexec_fn=_limit_memory
    )
    return result.returncode, result.stdout, result.stderr


def _run_cli_in_process(case: Case, out: Path, temp: Path) -> tuple[int, str, str]:
    """The same ``main`` as ``python -m generator``, without paying an interpreter start-up
    and the imports per case (only for cases that generate; refusals always run as a
    subprocess, where exit status, stderr and tracebacks are what a person sees)."""
    stdout, stderr = io.StringIO(), io.StringIO()
    saved = tempfile.tempdir
    tempfile.tempdir = str(temp)
    try:
        with contextlib.redirect_stdout(stdout), contextlib.redirect_stderr(stderr):
            code = cli.main(["generate", "--spec", str(BROKEN / case.file), "--out", str(out)])
    finally:
        tempfile.tempdir = saved
    return code, stdout.getvalue(), stderr.getvalue()


def _run_case(case: Case, workdir: Path, old_tree: Path) -> Run:
    workdir.mkdir()
    out = workdir / "out"
    shutil.copytree(old_tree, out)
    temp = workdir / "tmp"
    temp.mkdir()
    before = read_tree(out)
    started = time.monotonic()
    runner = _run_cli_in_process if case.outcome == "generates" else _run_cli_subprocess
    returncode, stdout, stderr = runner(case, out, temp)
    run = Run(
        case=case,
        returncode=returncode,
        stdout=stdout,
        stderr=stderr,
        seconds=time.monotonic() - started,
        before=before,
        after=read_tree(out),
        beside=sorted(p.name for p in workdir.iterdir() if p.name not in ("out", "tmp")),
        temp_left=sorted(p.name for p in temp.iterdir()),
    )
    if case.outcome == "generates" and returncode == 0:
        for path, content in run.after.items():
            if path.endswith(".py"):
                try:
                    compile(content, path, "exec", dont_inherit=True)
                except SyntaxError as exc:
                    run.compile_errors.append(f"{path}: {exc}")
        script = PRELUDE + f"\nimport {case.package}\n" + textwrap.dedent(case.script) + '\nprint("ok")\n'
        run.script = subprocess.run(
            [sys.executable, "-c", script],
            cwd=workdir,
            env={**os.environ, "PYTHONPATH": str(out), "PYTHONDONTWRITEBYTECODE": "1"},
            capture_output=True,
            text=True,
            timeout=120,
        )
    return run


@dataclass(frozen=True)
class Corpus:
    runs: dict[str, Run]
    git_status_before: str
    git_status_after: str


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Corpus:
    base = tmp_path_factory.mktemp("broken")
    old_tree = base / "old-tree"
    write_tree(old_tree, generate(OLD_TREE_SPEC).files)
    status_before = _git_status()
    # Refusals (subprocesses) on a pool; the cases that generate one after another on one more
    # thread, in process (a fresh thread also gives them a fresh stack, as a CLI run has).
    with ThreadPoolExecutor(max_workers=2) as pool, ThreadPoolExecutor(max_workers=1) as in_process:
        futures = {
            case.id: (in_process if case.outcome == "generates" else pool).submit(
                _run_case, case, base / case.id, old_tree
            )
            for case in CASES
        }
        results = {case_id: future.result() for case_id, future in futures.items()}
    return Corpus(results, status_before, _git_status())


def test_the_corpus_is_complete() -> None:
    files = sorted(p.name for p in [*BROKEN.glob("*.yaml"), *BROKEN.glob("*.json")])
    listed = sorted({case.file for case in CASES})
    assert files == listed, "every file in tests/broken/ has a row in CASES, and every row a file"
    assert len(files) >= 30


def test_the_runs_leave_the_repository_alone(corpus: Corpus) -> None:
    before = set(corpus.git_status_before.splitlines())
    new = [line for line in corpus.git_status_after.splitlines() if line not in before]
    # Only what a run could have made: an untracked file anywhere, or a change to what the
    # corpus reads or a default output (people editing generator/ meanwhile are not a failure).
    made = [line for line in new if line.startswith("??") or line[3:].startswith(("tests/broken/", "generated/", "spec/"))]
    assert made == [], "the runs changed `git status` of the repository"


_LINE = re.compile(r"^error: (?P<file>[^:]+):(?P<line>\d+):(?P<col>\d+): (?P<pointer>#\S*): (?P<message>.+)$")


@pytest.mark.parametrize("case", [c for c in CASES if c.outcome == "error"], ids=lambda c: c.id)
def test_refused_cleanly(case: Case, corpus: Corpus) -> None:
    run = corpus.runs[case.id]
    assert run.returncode == 2, run.stderr
    assert "Traceback" not in run.stderr
    lines = run.stderr.splitlines()
    if case.strict:
        assert lines[-1] == f"error: {case.message}", run.stderr
        assert lines[:-1] and all(_LINE.match(line) for line in lines[:-1]), run.stderr
    else:
        assert len(lines) == 1, run.stderr
        match = _LINE.match(lines[0])
        assert match, f"not `error: path:line:col: #/pointer: message`: {lines[0]!r}"
        assert match["file"] == f"tests/broken/{case.file}"
        assert f"{match['line']}:{match['col']}" == case.where, lines[0]
        assert match["pointer"] == case.pointer, lines[0]
        assert case.message in match["message"], lines[0]
    assert run.stdout == ""
    assert run.after == run.before, "the output directory changed"
    assert run.beside == [], "left beside the output directory"
    assert run.temp_left == [], "left in TMPDIR"
    assert run.seconds < 60


def test_the_alias_bomb_is_refused_quickly(corpus: Corpus) -> None:
    assert corpus.runs["billion_laughs"].seconds < 15


@pytest.mark.parametrize("case", [c for c in CASES if c.outcome == "generates"], ids=lambda c: c.id)
def test_generates_a_working_client(case: Case, corpus: Corpus) -> None:
    run = corpus.runs[case.id]
    assert run.returncode == 0, run.stderr
    assert "Traceback" not in run.stderr
    warnings = [line for line in run.stderr.splitlines() if line.startswith("warning: ")]
    assert len(warnings) == len(run.stderr.splitlines()), run.stderr
    for expected in case.warnings:
        assert any(expected in line for line in warnings), f"no warning with {expected!r}: {run.stderr}"
    if not case.warnings:
        assert warnings == []
    assert f"{case.package}/__init__.py" in run.after
    assert "todo_list_api/__init__.py" not in run.after, "the old tree was replaced, not merged"
    assert run.compile_errors == []
    assert run.beside == [] and run.temp_left == []
    assert run.script is not None
    assert run.script.returncode == 0 and run.script.stdout.strip() == "ok", run.script.stderr
