"""``python -m generator diff``: spec changes classified from the point of view of callers.

Each case of the table edits a copy of the petstore fixture (path, query and header
parameters, a request body, an enum, nested and recursive models) and names the class and
a piece of the message the change must get.
"""

from __future__ import annotations

import copy
import json
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from generator.changes import diff
from generator.cli import main
from tests import diff_golden

ROOT = Path(__file__).resolve().parent.parent
PETSTORE = ROOT / "tests" / "fixtures" / "petstore" / "openapi.yaml"
BASE_DOC: dict[str, Any] = yaml.safe_load(PETSTORE.read_text(encoding="utf-8"))

Edit = Callable[[dict[str, Any]], None]


def run(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    """The real command, in a new process."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run([sys.executable, "-m", "generator", *args], capture_output=True, text=True, cwd=cwd, env=env)


def cli(capsys: pytest.CaptureFixture[str], *args: str) -> subprocess.CompletedProcess[str]:
    """The same command in this process (faster: the generator's imports are warm)."""
    capsys.readouterr()
    try:
        code = main(list(args))
    except SystemExit as exc:  # argparse usage errors
        code = int(exc.code or 0)
    out = capsys.readouterr()
    return subprocess.CompletedProcess(args, code, out.out, out.err)


def write_spec(directory: Path, doc: dict[str, Any], version: str | None = None) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    config = yaml.safe_load((PETSTORE.parent / "openapi.generator.yaml").read_text(encoding="utf-8"))
    if version is not None:
        config["version"] = version
    (directory / "openapi.generator.yaml").write_text(yaml.safe_dump(config), encoding="utf-8")
    path = directory / "openapi.yaml"
    path.write_text(yaml.safe_dump(doc, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return path


def edited(edit: Edit | None) -> dict[str, Any]:
    doc = copy.deepcopy(BASE_DOC)
    if edit is not None:
        edit(doc)
    return doc


# --------------------------------------------------------------------------- edits

def schemas(doc: dict[str, Any]) -> dict[str, Any]:
    return doc["components"]["schemas"]


def list_params(doc: dict[str, Any]) -> list[dict[str, Any]]:
    return doc["paths"]["/pets"]["get"]["parameters"]


def param(doc: dict[str, Any], name: str) -> dict[str, Any]:
    return next(p for p in list_params(doc) if p["name"] == name)


def rename_schema(doc: dict[str, Any], old: str, new: str) -> None:
    all_schemas = schemas(doc)
    all_schemas[new] = all_schemas.pop(old)
    text = json.dumps(doc).replace(f'"#/components/schemas/{old}"', f'"#/components/schemas/{new}"')
    doc.clear()
    doc.update(json.loads(text))


def remove_address(doc: dict[str, Any]) -> None:
    del schemas(doc)["Address"]
    del schemas(doc)["Owner"]["properties"]["address"]


def with_limit_maximum(value: int) -> Edit:
    def edit(doc: dict[str, Any]) -> None:
        param(doc, "limit")["schema"]["maximum"] = value

    return edit


def city_default(value: str) -> Edit:
    def edit(doc: dict[str, Any]) -> None:
        schemas(doc)["Address"]["properties"]["city"]["default"] = value

    return edit


def add_update_operation(doc: dict[str, Any]) -> None:
    doc["paths"]["/pets/{petId}"]["put"] = {
        "operationId": "updatePet",
        "tags": ["pets"],
        "requestBody": {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/NewPet"}}}},
        "responses": {"200": {"description": "The pet.", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Pet"}}}}},
    }


def rename_path_parameter(doc: dict[str, Any]) -> None:
    item = doc["paths"].pop("/pets/{petId}")
    item["parameters"][0]["name"] = "id"
    doc["paths"]["/pets/{id}"] = item


def remove_auth(doc: dict[str, Any]) -> None:
    del doc["security"]
    del doc["components"]["securitySchemes"]


def add_scheme(name: str, scheme: dict[str, Any]) -> Edit:
    return lambda d: d["components"]["securitySchemes"].update({name: scheme})


def both(*edits: Edit) -> Edit:
    def edit(doc: dict[str, Any]) -> None:
        for one in edits:
            one(doc)

    return edit


BASIC = {"type": "http", "scheme": "basic"}
HEADER_KEY = {"type": "apiKey", "in": "header", "name": "X-Key"}
SANDBOX = {"url": "https://sandbox.pets.example.com/v2", "description": "Sandbox"}


def regional(*regions: str) -> Edit:
    return lambda d: d.update(servers=[{"url": "https://{region}.pets.example.com/v2", "variables": {"region": {"enum": list(regions), "default": regions[0]}}}])


# (id, edit of the old spec or None, edit of the new spec, expected class, piece of the message)
CASES: list[tuple[str, Edit | None, Edit, str, str]] = [
    # operations
    ("operation removed", None, lambda d: d["paths"]["/pets/{petId}"].pop("delete"), "breaking",
     "`client.pets.delete` (DELETE /pets/{petId}): operation removed"),
    ("operation added", None, add_update_operation, "non-breaking", "`client.pets.update` (PUT /pets/{petId}): operation added"),
    ("method renamed by operationId", None, lambda d: d["paths"]["/pets"]["get"].update(operationId="findPets"), "breaking",
     "method renamed: `client.pets.list` -> `client.pets.find`"),
    ("operation deprecated", None, lambda d: d["paths"]["/pets"]["get"].update(deprecated=True), "non-breaking",
     "`client.pets.list` (GET /pets): operation deprecated"),
    ("success response type changed", None,
     lambda d: d["paths"]["/pets/{petId}"]["get"]["responses"]["200"]["content"]["application/json"].update(
         schema={"type": "array", "items": {"$ref": "#/components/schemas/Pet"}}),
     "breaking", "success response type changed incompatibly: `Pet` -> `list[Pet]`"),
    ("bearer auth removed", None, remove_auth, "breaking", "`PetStore(...)`: option `api_key` removed"),
    ("an operation needs another scheme", None,
     both(add_scheme("basic", BASIC), lambda d: d["paths"]["/pets"]["get"].update(security=[{"basic": []}])), "breaking",
     "`client.pets.list` (GET /pets): needs other credentials: `api_key` -> `password and username`"),
    ("every operation needs a new credential", None,
     both(add_scheme("basic", BASIC), lambda d: d.update(security=[{"bearer": [], "basic": []}])), "breaking",
     "`PetStore(...)`: new required option `password`"),
    ("another scheme accepted as an alternative", None,
     both(add_scheme("key", HEADER_KEY), lambda d: d["paths"]["/pets"]["get"].update(security=[{"bearer": []}, {"key": []}])),
     "non-breaking", "`client.pets.list` (GET /pets): security relaxed: `api_key` -> `api_key or key_api_key`"),
    ("an operation needs no credentials", None, lambda d: d["paths"]["/pets"]["get"].update(security=[]), "non-breaking",
     "`client.pets.list` (GET /pets): security relaxed: `api_key` -> `none`"),
    ("environment added", None, lambda d: d["servers"].append(SANDBOX), "non-breaking",
     "`PetStore(...)`: environment `sandbox` added: `https://sandbox.pets.example.com/v2`"),
    ("environment removed", lambda d: d["servers"].append(SANDBOX), lambda d: d["servers"].pop(), "breaking",
     "`PetStore(...)`: environment `sandbox` removed"),
    ("own server added", None, lambda d: d["paths"]["/pets"].update(servers=[{"url": "https://search.pets.example.com"}]), "non-breaking",
     "`PetStore(...)`: server `search` added to `servers`: `https://search.pets.example.com`"),
    ("own server removed", lambda d: d["paths"]["/pets"].update(servers=[{"url": "https://search.pets.example.com"}]), lambda d: d["paths"]["/pets"].pop("servers"), "breaking",
     "`PetStore(...)`: server `search` removed from `servers`"),
    ("server variable choice removed", regional("us", "eu"), regional("us"), "breaking",
     "`PetStore(...)`: option `region` type changed: `Literal[\"us\", \"eu\"]` -> `Literal[\"us\"]`"),
    ("server variable choice added", regional("us"), regional("us", "eu"), "non-breaking",
     "`PetStore(...)`: option `region` type changed"),
    # parameters
    ("query parameter removed", None, lambda d: list_params(d).remove(param(d, "tags")), "breaking",
     "argument `tags`: argument removed: was `tags: list[str] | NotGiven = NOT_GIVEN`"),
    ("header parameter removed", None, lambda d: d["paths"]["/pets"]["post"].pop("parameters"), "breaking",
     "`client.pets.create` (POST /pets), argument `x_request_id`: argument removed"),
    ("query parameter renamed (same description)", lambda d: param(d, "limit").update(description="At most this many."),
     lambda d: param(d, "limit").update(name="maxResults"), "breaking",
     "argument renamed: `limit: int | NotGiven = NOT_GIVEN` -> `max_results: int | NotGiven = NOT_GIVEN`"),
    ("path parameter renamed", None, rename_path_parameter, "breaking",
     "argument renamed: `pet_id: int` -> `id: int`"),
    ("new required query parameter", None,
     lambda d: list_params(d).append({"name": "shop", "in": "query", "required": True, "schema": {"type": "string"}}),
     "breaking", "argument `shop`: new required argument: `shop: str`"),
    ("new optional query parameter", None,
     lambda d: list_params(d).append({"name": "shop", "in": "query", "schema": {"type": "string"}}),
     "non-breaking", "argument `shop`: optional argument added: `shop: str | NotGiven = NOT_GIVEN`"),
    ("optional parameter made required", None, lambda d: param(d, "limit").update(required=True), "breaking",
     "optional argument made required: `limit: int | NotGiven = NOT_GIVEN` -> `limit: int`"),
    ("parameter type changed", None, lambda d: param(d, "limit")["schema"].update(type="string"), "breaking",
     "argument `limit`: argument type changed: `int` -> `str`"),
    ("parameter type widened", None, lambda d: param(d, "limit")["schema"].update(type="number"), "non-breaking",
     "argument type widened: `int` -> `float`"),
    ("body field type narrowed (null no longer accepted)", None,
     lambda d: schemas(d)["NewPet"]["properties"]["nickname"].update(type="string"), "breaking",
     "argument `nickname`: argument type narrowed: `str | None` -> `str`"),
    ("body field made required", None, lambda d: schemas(d)["NewPet"]["required"].append("status"), "breaking",
     "`client.pets.create` (POST /pets), argument `status`: optional argument made required"),
    ("parameter default changed", None, lambda d: param(d, "limit")["schema"].update(default=50), "breaking",
     "argument `limit`: default changed: `20` -> `50`"),
    ("parameter constraint tightened", None, with_limit_maximum(100), "breaking",
     "constraints tightened: maximum (none) -> 100"),
    ("parameter constraint relaxed", with_limit_maximum(100), with_limit_maximum(1000), "non-breaking",
     "constraints relaxed: maximum 100 -> 1000"),
    ("parameter deprecated", None, lambda d: param(d, "tags").update(deprecated=True), "non-breaking",
     "argument `tags`: argument deprecated"),
    # enums
    ("request enum value removed", None,
     lambda d: (schemas(d)["PetStatus"]["enum"].remove("class"), schemas(d)["PetStatus"]["x-enum-varnames"].remove("CLASS")),
     "breaking", "request enum value removed: was `class` (callers that send it are rejected; code that names `PetStatus.CLASS` breaks)"),
    ("response enum value added", None,
     lambda d: (schemas(d)["PetStatus"]["enum"].append("sold"), schemas(d)["PetStatus"]["x-enum-varnames"].append("SOLD")),
     "non-breaking", "response enum value added: `sold` (the client accepts unknown values, keeping them as `UNKNOWN`, so this breaks nobody)"),
    ("enum member renamed (x-enum-varnames)", None, lambda d: schemas(d)["PetStatus"]["x-enum-varnames"].__setitem__(1, "STOCKED"),
     "breaking", "enum member for 'in-stock' renamed: `PetStatus.IN_STOCK` -> `PetStatus.STOCKED`"),
    ("enum renamed", None, lambda d: rename_schema(d, "PetStatus", "SaleStatus"), "breaking",
     "enum renamed: `PetStatus` -> `SaleStatus` (callers import it from `petstore.types`)"),
    # response fields
    ("response field removed", None, lambda d: schemas(d)["Pet"]["properties"].pop("bornAt"), "breaking",
     "`Pet.born_at` (#/components/schemas/Pet/properties/bornAt): response field removed: was `born_at: datetime | None`"),
    ("response field renamed (same description)", lambda d: schemas(d)["Pet"]["properties"]["tags"].update(description="Labels."),
     lambda d: schemas(d)["Pet"]["properties"].update(keywords=schemas(d)["Pet"]["properties"].pop("tags")), "breaking",
     "response field renamed: `tags (tags)` -> `keywords (keywords)`"),
    ("response field given an incompatible type", None, lambda d: schemas(d)["Pet"]["properties"]["id"].update(type="string"),
     "breaking", "`Pet.id` (#/components/schemas/Pet/properties/id): response field type changed incompatibly: `int` -> `str`"),
    ("response field required -> optional", None, lambda d: schemas(d)["Pet"]["required"].remove("name"), "breaking",
     "`Pet.name` (#/components/schemas/Pet/properties/name): response field no longer required"),
    ("response field became nullable", None, lambda d: schemas(d)["Pet"]["properties"]["name"].update(type=["string", "null"]),
     "breaking", "`Pet.name` (#/components/schemas/Pet/properties/name): response field became nullable"),
    ("response field added", None, lambda d: schemas(d)["Pet"]["properties"].update(weight={"type": "number"}), "non-breaking",
     "`Pet.weight` (#/components/schemas/Pet/properties/weight): response field added: `weight: float | None`"),
    ("response field optional -> required", None, lambda d: schemas(d)["Pet"]["required"].append("tags"), "non-breaking",
     "`Pet.tags` (#/components/schemas/Pet/properties/tags): response field now always present"),
    ("field of a recursive model added", None,
     lambda d: schemas(d)["Category"]["properties"].update(slug={"type": "string"}), "non-breaking",
     "`Category.slug` (#/components/schemas/Category/properties/slug): response field added"),
    # models
    ("model removed", None, remove_address, "breaking",
     "`Address` (#/components/schemas/Address): model removed (callers import it from `petstore.types`)"),
    ("model renamed", None, lambda d: rename_schema(d, "Address", "PostalAddress"), "breaking",
     "model renamed: `Address` -> `PostalAddress`"),
    ("model added", None,
     lambda d: schemas(d).update(Toy={"type": "object", "properties": {"name": {"type": "string"}}}), "non-breaking",
     "`Toy` (#/components/schemas/Toy): model added"),
    ("new required field of a request model", None,
     lambda d: (schemas(d)["Owner"]["properties"].update(email={"type": "string"}), schemas(d)["Owner"]["required"].append("email")),
     "breaking", "`Owner.email` (#/components/schemas/Owner/properties/email): new required field"),
    ("model field default changed", city_default("Paris"), city_default("Lyon"), "breaking",
     "`Address.city` (#/components/schemas/Address/properties/city): default changed: `\"Paris\"` -> `\"Lyon\"`"),
    ("model field default added", None, city_default("Paris"), "non-breaking",
     "`Address.city` (#/components/schemas/Address/properties/city): default added: `\"Paris\"`"),
    # tagged unions
    ("union variant removed", None,
     lambda d: schemas(d)["PetToy"]["oneOf"].pop(), "breaking", "`PetToy` (#/components/schemas/PetToy): union variant `Rope` removed"),
    ("union variant added", None,
     lambda d: (schemas(d).update(Stick={"type": "object", "properties": {"shape": {"const": "stick"}}}),
                schemas(d)["PetToy"]["oneOf"].append({"$ref": "#/components/schemas/Stick"})),
     "non-breaking", "`PetToy` (#/components/schemas/PetToy): union variant `Stick` added"),
    # documentation
    ("summary changed", None, lambda d: d["paths"]["/pets"]["get"].update(summary="List every pet"), "documentation",
     "`client.pets.list` (GET /pets): summary changed: `List pets` -> `List every pet`"),
    ("field description changed", None,
     lambda d: schemas(d)["Address"]["properties"]["city"].update(description="The town."), "documentation",
     "`Address.city` (#/components/schemas/Address/properties/city): description changed: `The city.` -> `The town.`"),
    ("parameter description changed", None, lambda d: param(d, "tags").update(description="All of these tags."), "documentation",
     "`client.pets.list` (GET /pets), parameter `tags` (query): description changed"),
    ("example added", None, lambda d: schemas(d)["Pet"]["properties"]["name"].update(example="Rex"), "documentation",
     "`Pet.name` (#/components/schemas/Pet/properties/name): example added: `Rex`"),
    ("API description changed", None, lambda d: d["info"].update(description="Pets, for sale."), "documentation",
     "the API (#/info): description changed"),
]


@pytest.fixture(scope="module")
def base_side(tmp_path_factory: pytest.TempPathFactory) -> diff.Side:
    return diff.load_side(write_spec(tmp_path_factory.mktemp("old"), BASE_DOC))


@pytest.mark.parametrize(("before", "after", "kind", "message"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_change_is_classified(
    before: Edit | None, after: Edit, kind: str, message: str, base_side: diff.Side, tmp_path: Path
) -> None:
    old = base_side if before is None else diff.load_side(write_spec(tmp_path / "old", edited(before)))
    new_doc = edited(before)
    after(new_doc)
    report = diff.compare(old, diff.load_side(write_spec(tmp_path / "new", new_doc)))
    lines = [f"{c.kind}: {c.place}: {c.message}" for c in report.changes]
    assert any(line.startswith(f"{kind}: ") and message in line for line in lines), "\n".join(lines)
    # The class of the whole change is the class of its worst part.
    worst = next(k for k in diff.KINDS if any(c.kind == k for c in report.changes))
    assert worst == kind, "\n".join(lines)


def _lines(base_side: diff.Side, tmp_path: Path, edit: Edit) -> list[str]:
    new_doc = edited(None)
    edit(new_doc)
    report = diff.compare(base_side, diff.load_side(write_spec(tmp_path / "new", new_doc)))
    return [f"{c.kind}: {c.place}: {c.message}" for c in report.changes]


def test_an_argument_replaced_by_another_is_no_rename_without_evidence(base_side: diff.Side, tmp_path: Path) -> None:
    """Removing the optional `limit` filter and adding a required `ownerId` is two breaking
    changes, each on its own line, not "argument renamed"."""

    def replace_limit(doc: dict[str, Any]) -> None:
        params = doc["paths"]["/pets"]["get"]["parameters"]
        params.remove(param(doc, "limit"))
        params.append({"name": "ownerId", "in": "query", "required": True, "schema": {"type": "string"}})

    lines = [line for line in _lines(base_side, tmp_path, replace_limit) if "argument" in line]
    assert lines == [
        "breaking: `client.pets.list` (GET /pets), argument `limit`: argument removed: was `limit: int | NotGiven = NOT_GIVEN`",
        "breaking: `client.pets.list` (GET /pets), argument `owner_id`: new required argument: `owner_id: str`",
    ]


def test_same_type_alone_is_no_evidence_of_a_rename(base_side: diff.Side, tmp_path: Path) -> None:
    def swap(doc: dict[str, Any]) -> None:
        param(doc, "limit").update(name="offset")  # same type, no description: a different filter

    lines = _lines(base_side, tmp_path, swap)
    assert not any("renamed" in line for line in lines), lines
    assert any("argument `limit`: argument removed" in line for line in lines)
    assert any("argument `offset`: optional argument added" in line for line in lines)


def test_a_credential_only_some_operations_need_is_an_optional_option(base_side: diff.Side, tmp_path: Path) -> None:
    edit = both(add_scheme("basic", BASIC), lambda d: d["paths"]["/pets"]["get"].update(security=[{"basic": []}]))
    lines = _lines(base_side, tmp_path, edit)
    assert "non-breaking: `PetStore(...)`: option `username` added: `username: str | None` (security scheme `basic`, new)" in lines
    assert not any("api_key" in line and "removed" in line for line in lines), lines


def test_the_table_is_large_enough() -> None:
    assert len(CASES) >= 25
    assert {c[3] for c in CASES} == set(diff.KINDS)


def test_an_unchanged_spec_has_no_changes(base_side: diff.Side) -> None:
    report = diff.compare(base_side, base_side)
    assert report.changes == ()
    assert report.version.bump == "none" and report.version.suggested == "2.0.0"
    assert "No change that callers of the client can see." in diff.render_markdown(report)


# --------------------------------------------------------------------------- the version


def change(kind: str, addition: bool = False) -> diff.Change:
    return diff.Change(kind, "somewhere", "something", addition=addition)


@pytest.mark.parametrize(
    ("current", "changes", "bump", "suggested"),
    [
        ("2.0.0", [change("breaking"), change("non-breaking", True)], "major", "3.0.0"),
        ("2.3.4", [change("non-breaking", True), change("documentation")], "minor", "2.4.0"),
        ("2.3.4", [change("non-breaking")], "patch", "2.3.5"),
        ("2.3.4", [change("documentation")], "patch", "2.3.5"),
        ("2.3.4", [], "none", "2.3.4"),
        # the 0.x rule: a breaking change bumps the minor version, an addition the patch version
        ("0.1.0", [change("breaking")], "major", "0.2.0"),
        ("0.4.2", [change("non-breaking", True)], "minor", "0.4.3"),
        ("0.4.2", [change("documentation")], "patch", "0.4.3"),
        ("1", [change("non-breaking", True)], "minor", "1.1.0"),
    ],
)
def test_version_suggestion(current: str, changes: list[diff.Change], bump: str, suggested: str) -> None:
    version = diff.suggest_version(current, changes)
    assert (version.bump, version.suggested) == (bump, suggested)
    if current.startswith("0.") and bump in ("major", "minor"):
        assert "while the major version is 0" in version.reason


def test_version_comes_from_the_config_beside_the_new_spec(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    old = write_spec(tmp_path / "old", BASE_DOC, version="0.3.1")
    new_doc = edited(lambda d: d["paths"]["/pets/{petId}"].pop("delete"))
    new = write_spec(tmp_path / "new", new_doc, version="0.3.1")
    result = cli(capsys, "diff", str(old), str(new))
    assert result.returncode == 0, result.stderr
    assert "**0.4.0** (major: breaking changes; while the major version is 0, a major change bumps the minor version)" in result.stdout
    assert "Current version: 0.3.1" in result.stdout

    # A branch that already bumped the version: the suggestion counts from the old one.
    bumped = write_spec(tmp_path / "bumped", new_doc, version="0.4.0")
    again = cli(capsys, "diff", str(old), str(bumped), "--format", "json")
    version = json.loads(again.stdout)["version"]
    assert (version["current"], version["suggested"]) == ("0.4.0", "0.4.0")
    assert "counted from 0.3.1" in version["reason"]


# --------------------------------------------------------------------------- the command


def test_markdown_report_matches_the_golden_file() -> None:
    result = diff_golden.render()
    assert result.returncode == 0, result.stderr
    assert result.stdout == diff_golden.EXPECTED.read_text(encoding="utf-8"), "run `make snapshots` and review the diff"
    # breaking first, the version last
    sections = [line for line in result.stdout.splitlines() if line.startswith("### ")]
    assert sections == ["### Breaking (3)", "### Non-breaking (3)", "### Documentation only (2)", "### Suggested version"]


def test_json_report_has_the_same_data() -> None:
    result = diff_golden.render("json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["summary"] == {"breaking": 3, "non-breaking": 3, "documentation": 2}
    assert data["breaking"] is True
    assert data["version"]["suggested"] == "3.0.0" and data["version"]["bump"] == "major"
    markdown = diff_golden.EXPECTED.read_text(encoding="utf-8")
    plain_lines = {diff._plain(line) for line in markdown.splitlines()}
    for item in data["changes"]:
        assert set(item) >= {"kind", "place", "what", "old", "new", "message"}
        assert "`" not in item["place"] + item["message"], "no Markdown in the JSON report"
        assert f"- {item['place']}: {item['message']}" in plain_lines
    assert [c["kind"] for c in data["changes"]] == sorted((c["kind"] for c in data["changes"]), key=diff.KINDS.index)


def test_fail_on_breaking_exit_codes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    old = write_spec(tmp_path / "old", BASE_DOC)
    breaking = write_spec(tmp_path / "breaking", edited(lambda d: d["paths"]["/pets/{petId}"].pop("delete")))
    additive = write_spec(tmp_path / "additive", edited(add_update_operation))
    assert cli(capsys, "diff", str(old), str(breaking)).returncode == 0
    assert cli(capsys, "diff", str(old), str(breaking), "--fail-on", "breaking").returncode == 1
    assert cli(capsys, "diff", str(old), str(additive), "--fail-on", "breaking").returncode == 0
    assert cli(capsys, "diff", str(old), str(old), "--fail-on", "breaking", "--format", "json").returncode == 0
    # the real command, in its own process
    assert run("diff", str(old), str(breaking), "--fail-on", "breaking").returncode == 1


def test_bad_spec_is_one_line_and_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    old = write_spec(tmp_path / "old", BASE_DOC)
    bad = tmp_path / "bad.yaml"
    bad.write_text("openapi: 3.1.0\npaths: [\n", encoding="utf-8")
    result = run("diff", str(old), str(bad))
    assert result.returncode == 2
    assert result.stdout == ""
    assert len(result.stderr.strip().splitlines()) == 1 and "bad.yaml:" in result.stderr and "Traceback" not in result.stderr
    missing = cli(capsys, "diff", str(old), str(tmp_path / "missing.yaml"))
    assert missing.returncode == 2 and "spec file not found" in missing.stderr


def test_usage_errors(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli(capsys, "diff").returncode == 2
    assert cli(capsys, "diff", "a.yaml").returncode == 2
    assert cli(capsys, "diff", "a.yaml", "b.yaml", "--base", "HEAD").returncode == 2
    assert cli(capsys, "diff", "--base", "HEAD", "a.yaml").returncode == 2


# --------------------------------------------------------------------------- --base REF


def git(repo: Path, *args: str) -> None:
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.com", "GIT_COMMITTER_NAME": "t",
           "GIT_COMMITTER_EMAIL": "t@example.com", "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1"}
    subprocess.run(["git", *args], cwd=repo, env=env, check=True, capture_output=True)


def test_base_ref_compares_the_committed_spec_with_the_working_tree(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    repo = tmp_path / "repo"
    spec = write_spec(repo / "api", BASE_DOC, version="0.2.0")
    git(repo, "init", "-q", "-b", "main")
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", "spec")
    write_spec(repo / "api", edited(lambda d: list_params(d).remove(param(d, "tags"))), version="0.2.0")

    result = run("diff", "--base", "HEAD", "--spec", str(spec), cwd=repo)
    assert result.returncode == 0, result.stderr
    assert "From `HEAD:api/openapi.yaml` to `api/openapi.yaml`: 1 breaking, 0 non-breaking, 0 documentation." in result.stdout
    assert "`client.pets.list` (GET /pets), argument `tags`: argument removed" in result.stdout
    assert "**0.3.0**" in result.stdout
    monkeypatch.chdir(repo)
    assert cli(capsys, "diff", "--base", "HEAD", "--spec", "api/openapi.yaml", "--fail-on", "breaking").returncode == 1

    # From a subdirectory, with the spec path relative to it; the same report.
    monkeypatch.chdir(repo / "api")
    sub = cli(capsys, "diff", "--base", "HEAD", "--spec", "openapi.yaml")
    assert sub.returncode == 0 and "argument `tags`: argument removed" in sub.stdout

    # No change against the working tree once committed.
    git(repo, "commit", "-q", "-am", "drop tags")
    clean = cli(capsys, "diff", "--base", "HEAD", "--spec", str(spec), "--format", "json")
    assert json.loads(clean.stdout)["changes"] == []
    previous = cli(capsys, "diff", "--base", "HEAD~1", "--spec", str(spec), "--fail-on", "breaking")
    assert previous.returncode == 1

    unknown = cli(capsys, "diff", "--base", "no-such-ref", "--spec", str(spec))
    assert unknown.returncode == 2
    assert unknown.stderr.startswith("error: no-such-ref:api/openapi.yaml: #: cannot read the spec at git ref 'no-such-ref'")
    assert len(unknown.stderr.strip().splitlines()) == 1


def test_base_ref_with_a_broken_committed_spec_names_the_ref(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    spec = repo / "openapi.yaml"
    repo.mkdir()
    spec.write_text("openapi: 3.1.0\ninfo: [\n", encoding="utf-8")
    git(repo, "init", "-q", "-b", "main")
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", "broken")
    write_spec(repo, BASE_DOC)
    result = run("diff", "--base", "HEAD", "--spec", str(spec), cwd=repo)
    assert result.returncode == 2
    assert result.stderr.startswith("error: HEAD:openapi.yaml:"), result.stderr


def test_an_argument_change_of_a_paginated_method_is_reported_for_its_all_iterator(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    spec_dir = ROOT / "spec"
    old_dir, new_dir = tmp_path / "old", tmp_path / "new"
    shutil.copytree(spec_dir, old_dir)
    shutil.copytree(spec_dir, new_dir)
    doc = yaml.safe_load((new_dir / "openapi.yaml").read_text(encoding="utf-8"))
    params = doc["paths"]["/call"]["get"]["parameters"]
    params.append({"name": "sortOrder", "in": "query", "schema": {"type": "string"}})
    next(p for p in params if p["name"] == "assistantId")["required"] = True
    next(p for p in params if p["name"] == "limit")["schema"]["default"] = 50
    (new_dir / "openapi.yaml").write_text(yaml.safe_dump(doc, sort_keys=False), encoding="utf-8")
    result = cli(capsys, "diff", str(old_dir / "openapi.yaml"), str(new_dir / "openapi.yaml"), "--format", "json")
    assert result.returncode == 0, result.stderr
    changes = {(c["place"], c["what"]) for c in json.loads(result.stdout)["changes"]}
    for method, route in (("list", "GET /call"), ("list_all", "GET /call, every page")):
        assert (f"client.calls.{method} ({route}), argument sort_order", "optional argument added") in changes
        assert (f"client.calls.{method} ({route}), argument assistant_id", "optional argument made required") in changes
    # list_all has no `limit` (its page_size is its own): the default change is list's alone
    assert ("client.calls.list (GET /call), argument limit", "default changed") in changes
    assert not any(place.startswith("client.calls.list_all") and "argument limit" in place for place, _ in changes)


def test_a_changed_pagination_style_is_an_api_change(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    spec_dir = ROOT / "spec"
    old_dir, new_dir, gone_dir = tmp_path / "old", tmp_path / "new", tmp_path / "gone"
    for target in (old_dir, new_dir, gone_dir):
        shutil.copytree(spec_dir, target)
    doc = yaml.safe_load((new_dir / "openapi.yaml").read_text(encoding="utf-8"))
    doc["paths"]["/call"]["get"]["x-pagination"] = {"style": "link-header"}  # the same operation, paged by its Link header
    (new_dir / "openapi.yaml").write_text(yaml.safe_dump(doc, sort_keys=False), encoding="utf-8")
    config = gone_dir / "openapi.generator.yaml"
    config.write_text(config.read_text(encoding="utf-8") + "pagination:\n  GET /call: none\n", encoding="utf-8")

    result = cli(capsys, "diff", str(old_dir / "openapi.yaml"), str(new_dir / "openapi.yaml"), "--format", "json")
    assert result.returncode == 0, result.stderr
    changes = {(c["kind"], c["place"], c["what"], c["old"], c["new"]) for c in json.loads(result.stdout)["changes"]}
    assert ("non-breaking", "client.calls.list (GET /call), list_all", "pagination style changed", "time-cursor", "link-header") in changes

    result = cli(capsys, "diff", str(old_dir / "openapi.yaml"), str(gone_dir / "openapi.yaml"), "--format", "json")
    gone = {(c["kind"], c["what"]) for c in json.loads(result.stdout)["changes"]}
    assert ("breaking", "`list_all` removed") in gone
