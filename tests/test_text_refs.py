"""A ``$ref`` where OpenAPI allows only a string (a description, summary or title) becomes the
string it points to, or is left out with a warning; the spec is never refused over it
(generator/load/textrefs.py). Fixture: tests/data/textrefs, a multi-file spec whose texts live
in a YAML file (a string at a fragment), in Markdown files, and in the spec itself."""

from __future__ import annotations

import shutil
import textwrap
from pathlib import Path

import pytest

from generator import cli
from generator.load.bundle import bundle
from generator.load.loader import load
from generator.pipeline import generate

FIXTURE = Path(__file__).resolve().parent / "data" / "textrefs"


def test_texts_in_other_files_become_the_strings_they_point_to(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(FIXTURE)
    spec = bundle(load(Path("openapi.yaml")))
    doc = spec.document
    assert doc["info"]["summary"] == "Notes, kept in files of their own.", "a string at a YAML fragment"
    assert doc["info"]["description"] == "# Text Refs\n\nThe whole introduction, *in Markdown*.\n", "a whole Markdown file"
    assert doc["tags"][0] == {"name": "Notes", "description": "# Notes\n\nEvery note has a **title** and a body.\n"}
    operation = doc["paths"]["/notes"]["get"]
    assert operation["summary"] == "Lists the notes, newest first.", "a string in the spec itself"
    assert operation["description"] == "All notes the caller may read."
    assert operation["responses"]["200"]["description"] == "The notes."
    note = doc["components"]["schemas"]["note"]
    assert (note["title"], note["description"]) == ("Note", "A note."), "relative to the file that holds the $ref"
    assert note["properties"]["description"] == {"type": "string", "description": "The note's text, in Markdown.\n"}, (
        "a property named `description` is a schema; its own description a Markdown file"
    )
    # What gives no string is left out, each with a warning at its $ref.
    assert doc["tags"][1] == {"name": "Archive"} and doc["tags"][2] == {"name": "Drafts"}
    found = {str(spec.locate(f.pointer)): f.message for f in spec.findings}
    assert found == {
        "openapi.yaml:14:25: #/tags/1/description/$ref": "$ref 'texts/descriptions.yml#/notAString' points to a dict, not a string; "
        "the description is left out (it can only be text)",
        "openapi.yaml:16:25: #/tags/2/description/$ref": "$ref 'texts/missing.md': file texts/missing.md not found; "
        "the description is left out (it can only be text)",
    }
    assert {p.relative_to(FIXTURE).as_posix() for p in spec.sources} == {
        "schemas/note.yaml",
        "texts/body.md",
        "texts/descriptions.yml",
        "texts/introduction.md",
        "texts/missing.md",  # hashed as missing by the run cache: created, it regenerates
    }


def test_the_spec_generates_with_its_texts_and_two_warnings(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    spec_dir = tmp_path / "spec"
    shutil.copytree(FIXTURE, spec_dir)
    out = tmp_path / "out"
    argv = ["generate", "--spec", str(spec_dir / "openapi.yaml"), "--out", str(out)]
    assert cli.main(argv) == 0
    warnings = [line for line in capsys.readouterr().err.splitlines() if line.startswith("warning:")]
    assert len(warnings) == 2 and all("the description is left out" in line for line in warnings), warnings
    notes = (out / "text_refs" / "resources" / "notes.py").read_text(encoding="utf-8")
    assert "Every note has a **title** and a body." in notes and "All notes the caller may read." in notes
    assert "The whole introduction, *in Markdown*." in (out / "text_refs" / "__init__.py").read_text(encoding="utf-8")
    assert "The note's text, in Markdown." in (out / "text_refs" / "types" / "note.py").read_text(encoding="utf-8")
    assert cli.main([*argv, "--strict"]) == 2, "--strict makes the warnings errors, as every warning"
    # The run cache sees the text files: a skipped run repeats the last run's warnings, so one
    # that no longer warns about the missing file ran again once it was created.
    capsys.readouterr()
    assert cli.main(argv) == 0 and len(capsys.readouterr().err.splitlines()) == 2
    (spec_dir / "texts" / "missing.md").write_text("Drafts not yet sent.\n", encoding="utf-8")
    assert cli.main(argv) == 0
    assert "missing.md" not in capsys.readouterr().err
    (spec_dir / "texts" / "introduction.md").write_text("Edited.\n", encoding="utf-8")
    assert cli.main(argv) == 0 and capsys.readouterr().out.startswith("wrote:")
    assert "Edited." in (out / "text_refs" / "__init__.py").read_text(encoding="utf-8")


def test_a_local_text_ref_in_a_one_file_spec(tmp_path: Path) -> None:
    spec = tmp_path / "openapi.yaml"
    spec.write_text(
        textwrap.dedent(
            """\
            openapi: 3.1.0
            info: {title: T, version: '1', description: {$ref: '#/x-texts/intro'}}
            tags: [{name: Things, description: {$ref: '#/x-texts/missing'}}]
            x-texts: {intro: Things and more things.}
            paths:
              /things:
                get:
                  operationId: listThings
                  tags: [Things]
                  responses: {'200': {description: OK}}
            """
        ),
        encoding="utf-8",
    )
    result = generate(spec)
    assert result.api.description == "Things and more things."
    assert [(w.pointer, w.message) for w in result.api.warnings] == [
        ("#/tags/0/description/$ref", "$ref '#/x-texts/missing' does not resolve; the description is left out (it can only be text)")
    ]
    assert [op.name for resource in result.api.resources for op in resource.operations] == ["list"]
