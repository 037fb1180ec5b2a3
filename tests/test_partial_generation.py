"""No spec ends in an internal error because of one model or one operation: what cannot be made
is left out (a model falls back to a permissive type, an operation is skipped), the rest of the
spec generates and imports, and a ``warning:`` says what was left out and why
(``generator/models/fallback.py``, ``generator/output/salvage.py``)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

import generator.output.salvage
import generator.pipeline
from generator.cli import main
from generator.pipeline import generate

SPEC = """openapi: 3.1.0
info: {title: Fallback Case, version: '1'}
paths:
  /things/{id}:
    get:
      operationId: getThing
      parameters: [{name: id, in: path, required: true, schema: {type: string}}]
      responses:
        '200': {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/Thing'}}}}
  /things:
    get:
      operationId: listThings
      responses:
        '200': {description: ok, content: {application/json: {schema: {type: array, items: {$ref: '#/components/schemas/Thing'}}}}}
  /loops:
    get:
      operationId: listLoops
      responses:
        '200': {description: ok, content: {application/json: {schema: {type: array, items: {$ref: '#/components/schemas/Loop'}}}}}
components:
  schemas:
    Thing:
      type: object
      description: A thing.
      properties:
        id: {type: string}
        part: {$ref: '#/components/schemas/Part'}
        loop: {$ref: '#/components/schemas/Loop'}
        label: {$ref: '#/components/schemas/Label'}
    Part:
      type: object
      properties:
        name: {type: string}
        meta: {type: object, required: true}
    Label:
      type: object
      properties:
        name: {type: string, required: true}
    Loop:
      allOf: [{$ref: '#/components/schemas/Loop'}]
"""

CHECK = """
import json
import fallback_case
from fallback_case.types import Part, Thing
thing = Thing.model_validate({"id": "t", "part": {"name": "p", "more": 1}, "loop": [1, {"a": 2}]})
print(json.dumps({"part": thing.to_dict()["part"], "loop": thing.to_dict()["loop"], "methods": sorted(m for m in dir(fallback_case.FallbackCase(base_url="http://127.0.0.1:9").things) if not m.startswith("_"))}))
"""


def _write(files: dict[str, bytes], out: Path) -> None:
    for path, data in files.items():
        (out / path).parent.mkdir(parents=True, exist_ok=True)
        (out / path).write_bytes(data)


def _spec(tmp_path: Path) -> Path:
    spec = tmp_path / "openapi.yaml"
    spec.write_text(SPEC, encoding="utf-8")
    return spec


def _import_check(tmp_path: Path, files: dict[str, bytes]) -> dict[str, Any]:
    out = tmp_path / "out"
    _write(files, out)
    checked = subprocess.run([sys.executable, "-c", CHECK], cwd=out, capture_output=True, text=True)
    assert checked.returncode == 0, checked.stderr
    return json.loads(checked.stdout)  # type: ignore[no-any-return]


def test_models_datamodel_code_generator_cannot_write_fall_back_to_permissive_types(tmp_path: Path) -> None:
    """An ``allOf`` of itself (an inheritance cycle) and a boolean ``required`` on an object
    property each made datamodel-code-generator refuse every model, and so the whole spec. On a
    string property (Swagger 2.0's spelling) ``required`` is an object keyword that does not apply
    and is left out (generator/models/inapplicable.py): ``Label`` is a model of its own."""
    result = generate(_spec(tmp_path))
    warned = {f.pointer: f.message for f in result.api.warnings if "model " in f.message}
    assert set(warned) == {"#/components/schemas/Loop", "#/components/schemas/Part"}
    assert "inheritance cycle" in warned["#/components/schemas/Loop"] and "it is Any for its users" in warned["#/components/schemas/Loop"]
    assert "a model without fields that keeps every field" in warned["#/components/schemas/Part"]
    assert {op.operation_id for r in result.api.resources for op in r.operations} == {"getThing", "listThings", "listLoops"}
    checked = _import_check(tmp_path, result.files)
    assert checked["part"] == {"name": "p", "more": 1} and checked["loop"] == [1, {"a": 2}]
    loops = next(r for r in result.api.resources for op in r.operations if op.operation_id == "listLoops")
    assert next(op for op in loops.operations if op.operation_id == "listLoops").return_annotation == "list[Any]"


def test_the_cli_warns_and_writes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["generate", "--spec", str(_spec(tmp_path)), "--out", str(tmp_path / "cli"), "--no-cache"]) == 0
    err = capsys.readouterr().err
    assert "internal error" not in err and "warning:" in err and "#/components/schemas/Loop: model 'Loop' cannot be generated" in err


def test_a_model_module_that_imports_an_undeclared_module_falls_back(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Fault injection: the module of ``Thing`` as written imports a package the generated
    pyproject does not declare (as a new option or type of datamodel-code-generator might)."""
    import generator.models.models as models

    split = models.split_models

    def inject(source: str, package: str) -> Any:
        modules = split(source, package)
        return tuple(
            m.__class__(m.name, m.defines, "import yaml\n" + m.source) if "class Thing(" in m.source and "part:" in m.source else m for m in modules
        )

    monkeypatch.setattr(models, "split_models", inject)
    result = generate(_spec(tmp_path))
    warned = {f.pointer: f.message for f in result.api.warnings}
    assert "its module thing.py imports 'yaml', which is not a declared dependency" in warned["#/components/schemas/Thing"]
    checked = _import_check(tmp_path, result.files)
    assert checked["part"] == {"name": "p", "more": 1}


def test_an_operation_whose_code_does_not_compile_is_skipped(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Fault injection: the rendered method of ``listThings`` is not valid Python."""
    render = generator.pipeline.render_package

    def broken(api: Any, cache: Any = None) -> Any:
        rendered = render(api, cache)
        for path, text in rendered.files.items():
            if path.endswith("/resources/things.py"):
                rendered.files[path] = text.replace("def list(", "def list((", 1)
        return rendered

    monkeypatch.setattr(generator.pipeline, "render_package", broken)
    monkeypatch.setattr(generator.output.salvage, "render_package", broken)
    result = generate(_spec(tmp_path))
    skipped = [f for f in result.api.warnings if f.skips_operation]
    assert [f.pointer for f in skipped] == ["#/paths/~1things/get"]
    assert "skipped: its generated code is unusable (generated code is not valid Python" in skipped[0].message
    checked = _import_check(tmp_path, result.files)
    assert "get" in checked["methods"] and "list" not in checked["methods"]


def test_spec_extensions_that_name_python_code_are_not_code(tmp_path: Path) -> None:
    """datamodel-code-generator reads ``x-python-type`` / ``x-python-import`` / ``customBasePath``
    as Python to import; from a spec, that would import any module (or fail the dependency check)."""
    spec = tmp_path / "openapi.yaml"
    spec.write_text(
        "openapi: 3.1.0\ninfo: {title: Ext Case, version: '1'}\npaths: {}\ncomponents:\n  schemas:\n"
        "    A:\n      type: object\n      customBasePath: yaml.YAMLObject\n      properties:\n"
        "        p: {type: string, x-python-type: yaml.Loader}\n"
        "        customBasePath: {type: string, x-python-import: {from: yaml, import: dump}}\n",
        encoding="utf-8",
    )
    a = generate(spec).files["ext_case/types/a.py"].decode()
    assert "yaml" not in a and "class A(BaseModel)" in a
    assert "p: str | None = None" in a and 'custom_base_path: Annotated[str | None, Field(alias="customBasePath")]' in a


def test_a_culprit_the_error_does_not_name_is_found_by_halving() -> None:
    from generator.models.fallback import generate_with_fallbacks, placeholder

    schemas = {name: {"type": "object", "properties": {"x": {"type": "string"}}} for name in "ABCDEFGH"}
    runs = []

    def run(document: dict[str, Any]) -> str:
        runs.append(1)
        if document["components"]["schemas"]["F"] != placeholder(schemas["F"]):
            raise ValueError("something went wrong somewhere")
        return "models"

    def fresh() -> dict[str, Any]:
        return {"components": {"schemas": dict(schemas)}}

    result, fallen = generate_with_fallbacks(fresh, {}, run)
    assert result == "models" and list(fallen) == ["F"] and fallen["F"] == "ValueError: something went wrong somewhere"
    assert len(runs) <= 2 + 1 + 3  # the failure, all replaced, about log2(8) halvings, the success
