"""Multi-file specs (generator/load/bundle.py): external $refs are bundled into one document with
stable, readable component names; bad references are errors at the place of the reference;
the run cache sees an edit to any file of the spec."""

from __future__ import annotations

import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from generator import cli
from generator.load.bundle import bundle
from generator.errors import SpecError
from generator.load.loader import load
from generator.pipeline import generate
from generator.output.writer import write_tree

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "multifile"


def test_the_fixture_bundles_into_one_document_with_readable_names() -> None:
    spec = bundle(load(FIXTURE / "openapi.yaml"))
    components = spec.document["components"]
    assert list(components["schemas"]) == ["Error", "pet", "owner", "Tag", "other_Tag", "dog", "cat", "Colour"]
    species = components["schemas"]["pet"]["properties"]["species"]
    assert species["discriminator"]["mapping"] == {"dog": "#/components/schemas/dog", "cat": "#/components/schemas/cat"}, (
        "a discriminator's mapping to files names the same components as the oneOf"
    )
    assert list(components["parameters"]) == ["limit", "petId"]
    assert list(components["requestBodies"]) == ["NewPet"]
    assert components["schemas"]["owner"]["properties"]["pets"]["items"] == {"$ref": "#/components/schemas/pet"}, "a cycle across files"
    assert components["schemas"]["Error"]["description"] == "An error \U0001f44d.", "JSON files are read as JSON"
    get = spec.document["paths"]["/pets"]["get"]
    assert get["responses"]["default"] == {"$ref": "#/components/responses/Problem"}, "a reference back into the root file"
    assert spec.document["info"]["description"].startswith("Pets, their owners"), "a Markdown file's text"
    assert sorted(p.relative_to(FIXTURE).as_posix() for p in spec.sources) == [
        "common/bodies.yaml",
        "common/other.yaml",
        "common/parameters.yaml",
        "info-description.md",
        "paths/pet.yaml",
        "paths/pets.yaml",
        "schemas/error.json",
        "schemas/models/tag.yaml",
        "schemas/owner.yaml",
        "schemas/pet.yaml",
        "schemas/pets/cat.yaml",
        "schemas/pets/dog.yaml",
    ]
    codesample = spec.document["paths"]["/pets"]["get"]["x-codeSamples"][0]["source"]
    assert codesample == {"$ref": "../samples/missing.py"}, "extensions are opaque: left as they are"


def test_a_spec_without_external_refs_is_returned_as_it_is() -> None:
    spec = load(FIXTURE.parent / "petstore" / "openapi.yaml")
    assert bundle(spec) is spec


def test_the_fixture_client_works(tmp_path: Path) -> None:
    out = tmp_path / "out"
    write_tree(out, generate(FIXTURE / "openapi.yaml").files)
    script = textwrap.dedent(
        """
        import httpx
        from multi_file_pets import MultiFilePets, types
        pet = {"name": "Rex", "owner": {"name": "Ann", "pets": [{"name": "Rex"}]}, "tags": [{"value": "good", "colour": "red"}], "label": "x"}
        client = MultiFilePets(base_url="http://api.test", http_client=httpx.Client(transport=httpx.MockTransport(lambda r: httpx.Response(200, json=pet))))
        pet["species"] = {"kind": "cat", "purrs": True}
        got = client.pets.get("rex")
        assert type(got.species) is types.Cat
        assert type(got) is types.Pet and type(got.owner) is types.Owner and type(got.owner.pets[0]) is types.Pet
        assert got.tags[0].colour is types.Colour.RED
        assert type(client.pets.create(name="Rex")) is types.Pet, "one target, one model"
        """
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, env={"PYTHONPATH": str(out)})
    assert result.returncode == 0, result.stderr


def _write(root: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(textwrap.dedent(text), encoding="utf-8")
    return root / "openapi.yaml"


ROOT_SPEC = "openapi: 3.1.0\ninfo: {title: T, version: '1'}\npaths:\n  /a:\n    $ref: 'paths/a.yaml'\n"


@pytest.mark.parametrize(
    ("path_file", "where", "message"),
    [
        (
            "get:\n  responses:\n    '200':\n      description: OK\n      content:\n        application/json:\n          schema: {$ref: '../missing.yaml'}\n",
            "paths/a.yaml:7:26: #/get/responses/200/content/application~1json/schema/$ref",
            "$ref '../missing.yaml': file missing.yaml not found",
        ),
        (
            "get:\n  responses:\n    '200':\n      description: OK\n      content:\n        application/json:\n          schema: {$ref: 'https://example.com/s.yaml'}\n",
            "paths/a.yaml:7:26: #/get/responses/200/content/application~1json/schema/$ref",
            "is a remote reference; only files beside the spec are read (no network)",
        ),
        (
            "get:\n  parameters:\n    - $ref: '../common.yaml#/nope'\n  responses: {'200': {description: OK}}\n",
            "paths/a.yaml:3:13: #/get/parameters/0/$ref",
            "$ref '../common.yaml#/nope' does not resolve: '#/nope' is not in common.yaml",
        ),
        ("$ref: 'b.yaml'\n", "paths/b.yaml:1:7: #/$ref", "is circular"),
    ],
    ids=["missing-file", "remote", "bad-fragment", "circular-path-items"],
)
def test_bad_references_are_errors_at_the_reference(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, path_file: str, where: str, message: str
) -> None:
    monkeypatch.chdir(tmp_path)
    spec = _write(
        tmp_path,
        {"openapi.yaml": ROOT_SPEC, "paths/a.yaml": path_file, "paths/b.yaml": "$ref: 'a.yaml'\n", "common.yaml": "x: {}\n"},
    )
    with pytest.raises(SpecError) as raised:
        bundle(load(spec))
    assert str(raised.value.location) == where
    assert message in raised.value.message


def test_a_later_error_names_the_file_the_value_came_from(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    spec = _write(
        tmp_path,
        {
            "openapi.yaml": ROOT_SPEC.replace("paths:\n", "paths:\n  /b:\n    get:\n      operationId: same\n      responses: {'200': {description: OK}}\n"),
            "paths/a.yaml": "get:\n  operationId: same\n  responses: {'200': {description: OK}}\n",
        },
    )
    with pytest.raises(SpecError) as raised:
        generate(spec)
    assert str(raised.value.location) == "paths/a.yaml:2:16: #/get/operationId"
    assert "duplicate operationId 'same'" in raised.value.message


def test_the_run_cache_sees_an_edit_to_any_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    spec_dir = tmp_path / "spec"
    shutil.copytree(FIXTURE, spec_dir, ignore=shutil.ignore_patterns("expected"))
    out = tmp_path / "out"
    argv = ["generate", "--spec", str(spec_dir / "openapi.yaml"), "--out", str(out)]
    assert cli.main(argv) == 0
    assert cli.main(argv) == 0
    assert "unchanged:" in capsys.readouterr().out.splitlines()[-1]
    tag = spec_dir / "schemas" / "models" / "tag.yaml"
    tag.write_text(tag.read_text(encoding="utf-8").replace("enum: [red, green]", "enum: [red, green, blue]"), encoding="utf-8")
    assert cli.main(argv) == 0
    assert capsys.readouterr().out.startswith("wrote:")
    assert "BLUE" in (out / "multi_file_pets" / "types" / "colour.py").read_text(encoding="utf-8")
