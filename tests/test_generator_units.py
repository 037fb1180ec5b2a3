"""Unit tests of each generator stage, on small inline specs."""

from __future__ import annotations

import textwrap
import ast
from pathlib import Path

import pytest

from generator.common import naming, pysource
from generator.config import load_config
from generator.errors import SpecError
from generator.load.loader import load
from generator.models.models import generate_models, schemas_for_models
from generator.parse.parse import build, method_name
from generator.validate.validate import validate
from generator.output.writer import read_tree, write_tree


def spec_file(tmp_path: Path, text: str, name: str = "api.yaml") -> Path:
    path = tmp_path / name
    path.write_text(textwrap.dedent(text))
    return path


MINIMAL = """\
openapi: 3.1.0
info: {title: Widget Service, version: "1"}
paths:
  /widgets/{widgetId}:
    get:
      operationId: getWidget
      tags: [Widgets]
      parameters:
        - {name: widgetId, in: path, required: true, schema: {type: string}}
        - {name: from, in: query, schema: {type: string, format: date-time}}
      responses:
        "200":
          description: ok
          content:
            application/json:
              schema: {$ref: '#/components/schemas/Widget'}
components:
  schemas:
    Widget:
      type: object
      required: [id]
      properties:
        id: {type: string}
        secretKey: {type: string, x-sensitive: true}
        colour: {type: string, enum: [red, dark-blue]}
"""


# -- naming and escaping --------------------------------------------------------


@pytest.mark.parametrize(
    ("wire", "python"),
    [("createdAtGt", "created_at_gt"), ("HTTPServer", "http_server"), ("X-Request-Id", "x_request_id"),
     ("from", "from_"), ("class", "class_"), ("match", "match_"), ("2fa", "n2_fa"), ("ñandú", "nandu"),
     # a plural acronym is one word, not "AP" + "Is" ("Tomorrow.io APIs" named its package ..._ap_is)
     ("Tomorrow.io APIs", "tomorrow_io_apis"), ("listURLsByID", "list_urls_by_id"), ("getIDs", "get_ids"),
     ("HTTPSConnection", "https_connection")],
)
def test_python_identifier(wire: str, python: str) -> None:
    assert naming.python_identifier(wire) == python


def test_python_identifier_refuses_names_without_letters() -> None:
    with pytest.raises(ValueError):
        naming.python_identifier("?!")


@pytest.mark.parametrize(
    "text", ['"""', "'''", "\\", "\\n", "a\x00b\x1bc", "{{ x }}", "__import__('os')", "tail\\", '"', "\u2028"]
)
def test_literal_and_docstring_round_trip(text: str) -> None:
    assert eval(pysource.literal(text)) == text  # noqa: S307 - the point of the test
    namespace: dict[str, object] = {}
    exec(f'def f():\n    """{pysource.docstring(text)}"""\n', namespace)  # noqa: S102
    assert callable(namespace["f"])


# -- load -----------------------------------------------------------------------


def test_loader_remembers_line_and_column(tmp_path: Path) -> None:
    spec = load(spec_file(tmp_path, MINIMAL))
    location = spec.locate("#/paths/~1widgets~1{widgetId}/get/parameters/1/name")
    assert (location.line, location.column) == (10, 18)
    assert spec.locate("#/components/schemas/Nope").line == 19  # nearest existing ancestor


def test_loader_keeps_yaml_dates_as_strings(tmp_path: Path) -> None:
    spec = load(spec_file(tmp_path, "openapi: 3.1.0\ninfo: {title: x, version: 2024-01-01}\npaths: {}\n"))
    assert spec.document["info"]["version"] == "2024-01-01"


def test_loader_rejects_duplicate_keys(tmp_path: Path) -> None:
    with pytest.raises(SpecError, match="duplicate key 'a'") as info:
        load(spec_file(tmp_path, "a: 1\na: 2\n"))
    assert info.value.location.line == 2


# -- validate -------------------------------------------------------------------


def test_duplicate_operation_ids(tmp_path: Path) -> None:
    text = MINIMAL.replace("paths:\n", "paths:\n  /other:\n    get:\n      operationId: getWidget\n      responses: {'200': {description: ok}}\n")
    with pytest.raises(SpecError, match="duplicate operationId 'getWidget'"):
        validate(load(spec_file(tmp_path, text)))


def test_path_parameter_used_but_not_declared_is_an_implicit_string(tmp_path: Path) -> None:
    text = MINIMAL.replace("        - {name: widgetId, in: path, required: true, schema: {type: string}}\n", "")
    spec = load(spec_file(tmp_path, text))
    findings = validate(spec)
    assert any("path parameter {widgetId} is used" in f.message for f in findings)
    config = load_config(spec)
    api = build(spec, config, generate_models(spec.document, config, "api.yaml"), findings)
    (op,) = api.resources[0].operations
    assert [(p.name, p.location, p.annotation, p.required) for p in op.path_parameters] == [("widget_id", "path", "str", True)]


def test_path_parameter_declared_but_not_in_the_path(tmp_path: Path) -> None:
    text = MINIMAL.replace("/widgets/{widgetId}:", "/widgets:")
    with pytest.raises(SpecError, match="path parameter 'widgetId' is declared but '/widgets' has no"):
        validate(load(spec_file(tmp_path, text)))


def test_missing_paths(tmp_path: Path) -> None:
    with pytest.raises(SpecError, match="'paths' object is missing"):
        validate(load(spec_file(tmp_path, "openapi: 3.1.0\ninfo: {title: x, version: '1'}\n")))


# -- config ---------------------------------------------------------------------


def test_config_is_derived_from_the_title(tmp_path: Path) -> None:
    config = load_config(load(spec_file(tmp_path, MINIMAL)))
    assert (config.package_name, config.distribution_name) == ("widget_service", "widget-service")
    assert (config.client_name, config.async_client_name) == ("WidgetService", "AsyncWidgetService")
    assert config.api_key_env == "WIDGET_SERVICE_API_KEY"


def test_config_beside_the_spec_wins_and_is_checked(tmp_path: Path) -> None:
    spec = spec_file(tmp_path, MINIMAL)
    spec_file(tmp_path, "package_name: widgets\nclient_name: W\n", "api.generator.yaml")
    assert load_config(load(spec)).package_name == "widgets"
    spec_file(tmp_path, "package_name: not-valid\n", "api.generator.yaml")
    with pytest.raises(SpecError, match="package_name 'not-valid' is not a valid Python identifier"):
        load_config(load(spec))


# -- models ---------------------------------------------------------------------


def test_models_hide_secrets_and_accept_unknown_enum_values(tmp_path: Path) -> None:
    spec = load(spec_file(tmp_path, MINIMAL))
    config = load_config(spec)
    models = generate_models(spec.document, config, "api.yaml")
    assert models.class_for("#/components/schemas/Widget") == "Widget"
    source = "".join(module.source for module in models.modules)
    assert "repr=False" in source
    assert "_missing_" in source


def test_models_drop_a_specs_own_x_repr() -> None:
    doc = {"components": {"schemas": {"A": {"type": "object", "properties": {"b": {"type": "string", "x-repr": "os.system"}}}}}}
    assert "x-repr" not in str(schemas_for_models(doc))


# -- IR -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("operation_id", "resource", "expected"),
    [("listCalls", "calls", "list"), ("getCall", "calls", "get"), ("CallController_findAll", "calls", "find_all"),
     ("list", "with", "list"), ("import", "x", "import_")],
)
def test_method_names(operation_id: str, resource: str, expected: str) -> None:
    assert method_name({"operationId": operation_id}, "get", "/x", resource) == expected


def test_ir_of_an_operation(tmp_path: Path) -> None:
    spec = load(spec_file(tmp_path, MINIMAL))
    config = load_config(spec)
    api = build(spec, config, generate_models(spec.document, config, "api.yaml"))
    (resource,) = api.resources
    (op,) = resource.operations
    assert (resource.name, op.name, op.http_method, op.return_annotation) == ("widgets", "get", "GET", "Widget")
    assert [(p.name, p.location, p.annotation, p.required) for p in op.parameters] == [
        ("widget_id", "path", "str", True),
        ("from_", "query", "datetime | str", False),
    ]
    assert resource.model_imports == ("Widget",)


# -- write ----------------------------------------------------------------------


def test_write_tree_replaces_the_whole_tree(tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert write_tree(out, {"a.py": b"1", "pkg/b.py": b"2"})
    assert write_tree(out, {"a.py": b"3"})
    assert read_tree(out) == {"a.py": b"3"}
    assert not write_tree(out, {"a.py": b"3"}), "unchanged output is not rewritten"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]


def test_a_model_named_like_its_resource_is_aliased(tmp_path: Path) -> None:
    from generator.pipeline import generate

    text = """\
openapi: 3.1.0
info: {title: Boards, version: "1"}
paths:
  /board:
    get:
      operationId: getBoard
      tags: [Board]
      parameters:
        - {name: Board, in: query, schema: {type: string}}
      responses:
        "200": {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/Board'}}}}
components:
  schemas:
    Board: {type: object, properties: {name: {type: string}}}
"""
    files = generate(spec_file(tmp_path, text)).files
    module = files["boards/resources/board.py"].decode()
    assert "from ..types import Board as BoardModel" in module
    assert "-> BoardModel:" in module
    assert '{"Board": board}' in module, "wire names in strings are not renamed"
    compile(module, "board.py", "exec")


def test_defaults_the_schema_contradicts_are_left_out_of_models() -> None:
    doc = {"components": {"schemas": {
        "Export": {"type": "object", "properties": {
            "columns": {"type": "string", "enum": ["a", "b"], "default": ["a", "b"]},
            "meta": {"type": "object", "default": "none"},
            "limit": {"type": "integer", "default": 10},
            "grain": {"oneOf": [{"type": "string"}, {"type": "array", "items": {"type": "string"}}], "default": "day"},
            "size": {"anyOf": [{"type": "integer"}, {"type": "number"}], "default": 3},
        }},
    }}}
    props = schemas_for_models(doc)["components"]["schemas"]["Export"]["properties"]
    assert "default" not in props["columns"] and "default" not in props["meta"]
    assert props["limit"]["default"] == 10
    assert "default" not in props["grain"], "a union's default that does not fit every typed branch"
    assert props["size"]["default"] == 3


SHARED_COMPONENTS = """\
openapi: 3.1.0
info: {title: Runner Service, version: "1"}
paths:
  /runners/{id}/labels:
    get:
      operationId: listLabels
      parameters: [{name: id, in: path, required: true, schema: {type: string}}]
      responses:
        "200": {$ref: '#/components/responses/labels'}
    post:
      operationId: setLabels
      parameters: [{name: id, in: path, required: true, schema: {type: string}}]
      requestBody: {$ref: '#/components/requestBodies/labelChange'}
      responses:
        "200": {$ref: '#/components/responses/labels'}
components:
  requestBodies:
    labelChange:
      content:
        application/json:
          schema:
            oneOf:
              - {type: object, properties: {add: {type: array, items: {type: string}}}}
              - {type: object, properties: {remove: {type: array, items: {type: string}}}}
  responses:
    labels:
      description: The labels of a runner
      content:
        application/json:
          schema:
            type: object
            required: [total_count, labels]
            properties:
              total_count: {type: integer}
              labels: {type: array, items: {type: string}}
"""


def test_inline_schemas_of_shared_responses_and_bodies_become_models(tmp_path: Path) -> None:
    """An operation that refers to a response or body in components, whose schema is inline,
    generates (the schema is named after the component), as GitHub's spec needs."""
    from generator.pipeline import generate

    result = generate(spec_file(tmp_path, SHARED_COMPONENTS))
    assert not [w for w in result.api.warnings if "skipped" in w.message]
    ops = {op.operation_id: op for r in result.api.resources for op in r.operations}
    assert ops["listLabels"].return_annotation == ops["setLabels"].return_annotation == "LabelsResponse"
    models = "".join(text.decode() for path, text in result.files.items() if "/types/" in path)
    assert "class LabelsResponse(" in models and "LabelChangeBody" in models


def test_a_binary_string_parameter_is_a_str(tmp_path: Path) -> None:
    """A query parameter is text on the wire, whatever its `format` (`binary`, as in ReadMe's examples)."""
    from generator.pipeline import generate

    text = MINIMAL.replace(
        "        - {name: from, in: query, schema: {type: string, format: date-time}}\n",
        "        - {name: from, in: query, schema: {type: string, format: date-time}}\n"
        "        - {name: blob, in: query, schema: {type: string, format: binary}}\n",
    )
    result = generate(spec_file(tmp_path, text))
    assert not [w for w in result.api.warnings if "skipped" in w.message]
    (op,) = [op for r in result.api.resources for op in r.operations]
    assert {p.name: p.annotation for p in op.signature_parameters}["blob"] == "str"


def _module_level_names(source: str) -> set[str]:
    """What a module binds at its top level and through imports (but of its own resources)."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, (ast.Import, ast.ImportFrom)) and not (getattr(node, "module", "") or "").startswith("resources"):
            names.update((alias.asname or alias.name).split(".")[0] for alias in node.names)
    for node in ast.parse(source).body:
        targets = node.targets if isinstance(node, ast.Assign) else [node.target] if isinstance(node, ast.AnnAssign) else []
        names.update(t.id for t in targets if isinstance(t, ast.Name))
    return names - {"__all__"}


def test_resource_classes_avoid_every_name_the_client_module_binds() -> None:
    """The client module imports each resource class for type checkers, beside its own imports:
    every name it binds must be one a resource class is kept from (parse.clashes), or a tag such
    as ``Auth`` shadows it. Read from every rendered client, so a new import cannot drift."""
    from generator.parse.clashes import CLIENT_MODULE_NAMES

    root = Path(__file__).resolve().parent.parent
    clients = [*root.glob("generated/*/_client.py"), *root.glob("tests/fixtures/*/expected/*/_client.py")]
    assert len(clients) > 5
    missing = {name for path in clients for name in _module_level_names(path.read_text(encoding="utf-8"))} - CLIENT_MODULE_NAMES
    assert missing == set()


def test_a_list_reached_through_a_ref_with_no_class_uses_the_class_of_its_items_place() -> None:
    """datamodel-code-generator may write no class for a component that is a list of inline
    objects, only one for its items, named by their place (``.../Hits/items``): the list's users
    are ``list[<that class>]``. Was: every operation answering it skipped ("an inline object
    schema outside components/schemas"; brex.io, 6 operations, found by the corpus contract run)."""
    from generator.models.models import ModelClass, ModelModule
    from generator.models.modsplit import SplitModule
    from generator.parse.parse import TypeMapper

    document = {"components": {"schemas": {"Hits": {"type": "array", "items": {"properties": {"id": {"type": "string"}}}}}}}
    models = ModelModule(
        modules=(SplitModule("hits", ("HitsItem",), ""),),
        classes=(ModelClass("HitsItem", "#/components/schemas/Hits/items", False, ()),),
    )
    mapper = TypeMapper(document, models)
    assert mapper.annotation({"$ref": "#/components/schemas/Hits"}, for_input=False) == "list[HitsItem]"
    assert mapper.used_models == {"HitsItem"}
