"""The commands as a person runs them: generate, check (drift), and bad input."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from generator.output.writer import read_tree

ROOT = Path(__file__).resolve().parent.parent
PETSTORE = ROOT / "tests" / "fixtures" / "petstore" / "openapi.yaml"


def run(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run([sys.executable, "-m", "generator", *args], capture_output=True, text=True, cwd=cwd, env=env)


@pytest.fixture
def spec_copy(tmp_path: Path) -> Path:
    target = tmp_path / "spec"
    target.mkdir()
    for source in PETSTORE.parent.glob("openapi*.yaml"):
        shutil.copy(source, target / source.name)
    return target / "openapi.yaml"


def test_check_passes_on_the_committed_client() -> None:
    result = run("check")
    assert result.returncode == 0, result.stdout + result.stderr


def test_adding_a_query_parameter_makes_check_fail_then_generate_fixes_it(spec_copy: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert run("generate", "--spec", str(spec_copy), "--out", str(out)).returncode == 0
    assert run("check", "--spec", str(spec_copy), "--out", str(out)).returncode == 0

    text = spec_copy.read_text()
    text = text.replace(
        "        - {name: limit, in: query, schema: {type: integer, default: 20}}",
        "        - {name: limit, in: query, schema: {type: integer, default: 20}}\n"
        "        - {name: sortOrder, in: query, schema: {type: string}, description: Newest or oldest first.}",
    )
    spec_copy.write_text(text)
    drift = run("check", "--spec", str(spec_copy), "--out", str(out))
    assert drift.returncode == 1
    assert "+        sort_order: str | NotGiven = NOT_GIVEN," in drift.stdout
    assert "+            sort_order: Newest or oldest first." in drift.stdout
    assert "make generate" in drift.stderr

    assert run("generate", "--spec", str(spec_copy), "--out", str(out)).returncode == 0
    assert run("check", "--spec", str(spec_copy), "--out", str(out)).returncode == 0
    assert '"sortOrder": sort_order' in (out / "petstore" / "resources" / "pets.py").read_text()


def test_generate_twice_is_a_no_op(spec_copy: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    run("generate", "--spec", str(spec_copy), "--out", str(out))
    again = run("generate", "--spec", str(spec_copy), "--out", str(out))
    assert again.returncode == 0 and "unchanged" in again.stdout


def test_files_no_longer_produced_are_removed(spec_copy: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    run("generate", "--spec", str(spec_copy), "--out", str(out))
    stray = out / "petstore" / "resources" / "stale.py"
    stray.write_text("x = 1\n")
    assert run("generate", "--spec", str(spec_copy), "--out", str(out)).returncode == 0
    assert not stray.exists()
    assert not list(tmp_path.glob(".out.*")), "no staging directories left behind"


def test_a_bad_spec_exits_2_with_place_and_leaves_output_alone(spec_copy: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    run("generate", "--spec", str(spec_copy), "--out", str(out))
    before = read_tree(out)
    text = spec_copy.read_text().replace("$ref: '#/components/schemas/PetStatus'}}", "$ref: '#/components/schemas/Missing'}}", 1)
    spec_copy.write_text(text)
    result = run("generate", "--spec", str(spec_copy), "--out", str(out))
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1
    line = text[: text.index("schemas/Missing")].count("\n") + 1  # where the broken $ref is, however the fixture grows
    assert f"openapi.yaml:{line}:52: " in lines[0]
    assert "#/paths/~1pets/get/parameters/0/schema/$ref" in lines[0]
    assert "'#/components/schemas/Missing' does not resolve" in lines[0]
    assert read_tree(out) == before
    assert not list(tmp_path.glob(".out.*"))


def test_invalid_yaml_names_line_and_column(tmp_path: Path) -> None:
    spec = tmp_path / "api.yaml"
    spec.write_text("openapi: 3.1.0\ninfo: {title: x\npaths: {}\n")
    result = run("generate", "--spec", str(spec), "--out", str(tmp_path / "out"))
    assert result.returncode == 2
    assert "api.yaml:3:" in result.stderr and "invalid YAML" in result.stderr
    assert not (tmp_path / "out").exists()


def test_swagger_2_is_refused_clearly(tmp_path: Path) -> None:
    spec = tmp_path / "api.yaml"
    spec.write_text("swagger: '2.0'\ninfo: {title: x, version: '1'}\npaths: {}\n")
    result = run("generate", "--spec", str(spec), "--out", str(tmp_path / "out"))
    assert result.returncode == 2
    assert "api.yaml:1:10: #/swagger: this is a Swagger / OpenAPI 2.0 document" in result.stderr


def test_an_unchanged_generate_is_skipped_and_any_change_regenerates(spec_copy: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    first = run("generate", "--spec", str(spec_copy), "--out", str(out)).stdout
    count = len(read_tree(out))
    assert first == f"wrote: {out} ({count} files: {count} added)\n"
    assert "inputs unchanged" in run("generate", "--spec", str(spec_copy), "--out", str(out)).stdout

    spec_copy.write_text(spec_copy.read_text().replace("summary: Get a pet", "summary: Get one pet"))
    edited = run("generate", "--spec", str(spec_copy), "--out", str(out))
    assert edited.stdout == f"wrote: {out} ({count} files: 1 changed)\n"  # the resource
    assert "Get one pet" in (out / "petstore" / "resources" / "pets.py").read_text()

    (out / "petstore" / "types" / "__init__.py").unlink()
    assert run("generate", "--spec", str(spec_copy), "--out", str(out)).stdout == f"wrote: {out} ({count} files: 1 added)\n"
    assert (out / "petstore" / "types" / "__init__.py").exists()

    config = spec_copy.with_name("openapi.generator.yaml")
    config.write_text(config.read_text().replace("version: 2.0.0", "version: 2.0.1"))
    assert "wrote" in run("generate", "--spec", str(spec_copy), "--out", str(out)).stdout
