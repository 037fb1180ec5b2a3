"""Stage 3: the pydantic v2 models, written by datamodel-code-generator in process.

The spec's component schemas go in (after a small, explicit rewrite for the client's
needs); datamodel-code-generator writes one module, which :mod:`.modsplit` splits into one
module per model (so a client imports only the models it uses), plus a map from each
schema's JSON pointer to the class datamodel-code-generator named for it. The options are
chosen for a published, forward-compatible client; see the README for why each one is there.
"""

from __future__ import annotations

import copy
import functools
import io
import json
import re
import tempfile
import warnings
from dataclasses import dataclass, replace
from pathlib import Path
from collections.abc import Mapping
from typing import Any

from ..common import pointer as jsonpointer
from ..common import resources, structure
from ..config import GeneratorConfig
from ..errors import Finding, Location, SpecError
from .fallback import generate_with_fallbacks, is_object_placeholder, placeholder, warnings_for
from .modsplit import SplitModule, split_models
from .inapplicable import drop_inapplicable_object_keywords
from .nullable30 import required_nullable_as_unions
from .patterns import unwrap_regex_literals
from .regexes import PYTHON, make_compilable
from ..common.stagecache import StageCache
from .unions import TaggedUnion, mark_unions, write_unions

TEMPLATE_DIR = resources.TEMPLATES / "models"
MODELS_PACKAGE = "types"  # the public package the models live in: vapi_calls.types


@dataclass(frozen=True)
class ModelClass:
    class_name: str
    source_ref: str  # "#/components/schemas/Call" or a nested pointer for inline schemas
    is_enum: bool
    fields: tuple[dict[str, Any], ...]  # datamodel-code-generator's field metadata
    union: tuple[str, ...] = ()  # a tagged union (generator/models/unions.py): its tag property, then its variant classes


@dataclass(frozen=True)
class ModelModule:
    modules: tuple[SplitModule, ...]  # the models package's modules, dependencies first
    classes: tuple[ModelClass, ...]
    warnings: tuple[Finding, ...] = ()  # what the models leave out of the spec, and why
    permissive: tuple[str, ...] = ()  # refs of schemas that fell back to Any (generator/models/fallback.py)

    def class_for(self, ref: str) -> str | None:
        """The class of the schema at ``ref``; ``None`` when there is none, or when no module
        defines it (a class datamodel-code-generator named but folded into its users)."""
        for cls in self.classes:
            if cls.source_ref == ref:
                return cls.class_name if cls.class_name in self._defined else None
        return None

    @functools.cached_property
    def _defined(self) -> frozenset[str]:
        return frozenset(name for module in self.modules for name in module.defines)


def schemas_for_models(document: dict[str, Any]) -> dict[str, Any]:
    """The document datamodel-code-generator reads: the component schemas, rewritten.

    - ``x-sensitive: true`` becomes ``repr=False`` on the field (through ``x-repr``), so a
      secret never shows in a model's ``repr()``; a spec's own ``x-repr`` is dropped.
    - ``paths`` are left out: operations are the templates' business, not the models'.
    - datamodel-code-generator's own extensions that name Python code (``x-python-type``,
      ``x-python-import``, ``customBasePath``, ...) are dropped: spec text never becomes an
      import or a base class (with them, a spec could make the package import any module).
    """
    components = copy.deepcopy(document.get("components") or {})
    schemas = components.get("schemas") or {}
    _drop_code_extensions(schemas)
    _mark_sensitive(schemas)
    _drop_unusable_defaults(schemas)
    return {
        "openapi": document.get("openapi", "3.1.0"),
        "info": {"title": "models", "version": "0"},
        "paths": {},
        "components": {"schemas": schemas},
    }


# Keys of a schema that datamodel-code-generator turns into Python names (imports, base classes).
_CODE_KEYS = frozenset({"customBasePath", "customTypePath", "x-is-base-class", "x-is-classvar"})
_CODE_PREFIXES = ("x-python-", "x-datamodel-code-generator-")


def _drop_code_extensions(schemas: dict[str, Any]) -> None:
    """Only schemas are touched, found by the document's structure (a property may well be
    called ``customBasePath``)."""
    for _, node, kind in structure.walk(schemas, _SCHEMAS_PLACE):
        if kind == "schema":
            for key in [k for k in node if isinstance(k, str) and (k in _CODE_KEYS or k.startswith(_CODE_PREFIXES))]:
                del node[key]


def _mark_sensitive(schemas: dict[str, Any]) -> None:
    """Also gives item-less arrays ``items: {}``, so they are typed ``list[Any]``, not ``list``.
    Only schemas are touched (found by the document's structure: a property named ``x-repr``
    or ``type`` is a property)."""
    for _, node, kind in structure.walk(schemas, _SCHEMAS_PLACE):
        if kind != "schema":
            continue
        node.pop("x-repr", None)
        if node.get("x-sensitive") is True:
            node["x-repr"] = False
        if node.get("type") == "array" and "items" not in node and "prefixItems" not in node:
            node["items"] = {}


_SCHEMAS_PLACE = ("components", "schemas")


_JSON_TYPES: dict[str, tuple[type, ...]] = {
    "string": (str,),
    "integer": (int,),
    "number": (int, float),
    "boolean": (bool,),
    "array": (list,),
    "object": (dict,),
}


def _drop_unusable_defaults(schemas: dict[str, Any]) -> None:
    """Leave out ``default`` values the models could not hold.

    Real specs carry defaults that contradict their own schema (a list as the default of a
    string enum, a string for an object), and datamodel-code-generator writes them as they
    are, which mypy rejects; it also leaves a list of enum values as strings. Such a default
    only documents the server's behaviour, so dropping it from the model loses nothing a
    caller relies on.
    """
    for _, node, kind in structure.walk(schemas, _SCHEMAS_PLACE):  # a property named `default` is a property
        if kind == "schema" and "default" in node and not _default_fits(node, node["default"]):
            del node["default"]


def _default_fits(schema: dict[str, Any], default: Any) -> bool:
    if default is None:
        return True
    for key in ("oneOf", "anyOf"):
        # datamodel-code-generator gives each branch of a union the union's default: a default
        # that does not fit a typed branch (a string for an array) would be written there too.
        branches = schema.get(key)
        if isinstance(branches, list) and any(isinstance(b, dict) and "type" in b and not _default_fits(b, default) for b in branches):
            return False
    kinds = schema.get("type")
    kinds = [kinds] if isinstance(kinds, str) else kinds if isinstance(kinds, list) else []
    allowed = tuple(t for kind in kinds for t in _JSON_TYPES.get(kind, ()))
    if allowed and (not isinstance(default, allowed) or (isinstance(default, bool) and bool not in allowed)):
        return False
    if isinstance(default, (list, dict)) and not kinds:
        return False  # a container default for a $ref / composite schema: cannot be checked
    if isinstance(default, list):
        # Only a list of plain values fits: items that are enums, refs or constrained strings
        # become classes, and datamodel-code-generator would still write plain values.
        items = schema.get("items")
        return isinstance(items, dict) and set(items) <= _PLAIN_KEYS and items.get("type") in _PLAIN_TYPES
    return True


_PLAIN_KEYS = frozenset({"type", "description", "title", "example", "examples", "format"})
_PLAIN_TYPES = frozenset({"string", "integer", "number", "boolean"})


def _has_enum(node: Any) -> bool:
    if isinstance(node, dict):
        return "enum" in node or any(_has_enum(v) for v in node.values())
    if isinstance(node, list):
        return any(_has_enum(v) for v in node)
    return False


def generate_models(
    document: dict[str, Any],
    config: GeneratorConfig,
    spec_file: str,
    cache: StageCache | None = None,
    fallback: Mapping[str, str] | None = None,
) -> ModelModule:
    """The models of ``document``'s schemas; from ``cache`` when the same schemas were seen.

    A schema that cannot be made into a model falls back to a permissive type, with a warning
    (generator/models/fallback.py); ``fallback`` names components to treat so from the start
    (name -> why), for a later stage that found their module unusable."""
    source_doc = schemas_for_models(document)
    if not source_doc["components"]["schemas"]:
        return ModelModule(modules=(), classes=())
    forced = dict(sorted((fallback or {}).items()))
    key = cache.key("models", config.package_name, json.dumps(forced), json.dumps(source_doc, default=repr)) if cache else ""
    cached = cache.get("models", key) if cache else None
    if cached is not None:
        try:
            return _from_json(cached)
        except (ValueError, KeyError, TypeError):
            pass  # an unreadable entry is a miss
    unused = [source_doc]  # the first attempt rewrites this one; any later one gets a new copy

    def fresh() -> dict[str, Any]:
        return unused.pop() if unused else schemas_for_models(document)

    try:
        models, fallen = generate_with_fallbacks(fresh, forced, lambda doc: _prepared(doc, config, spec_file))
    except Exception as exc:  # no schema's fallback helps: the spec as a whole is the problem
        raise SpecError(Location(spec_file, "#/components/schemas"), f"cannot generate models: {exc}") from None
    permissive = tuple(
        f"#/components/schemas/{jsonpointer.escape(name)}"
        for name in sorted(fallen)
        if not is_object_placeholder(placeholder(source_doc["components"]["schemas"][name]))
    )
    models = replace(models, warnings=(*warnings_for(fallen, source_doc), *models.warnings), permissive=permissive)
    if cache:
        cache.put("models", key, _to_json(models))
    return models


def _prepared(source_doc: dict[str, Any], config: GeneratorConfig, spec_file: str) -> ModelModule:
    """One run of datamodel-code-generator over ``source_doc``, rewritten in place first."""
    required_nullable_as_unions(source_doc["components"]["schemas"], str(source_doc.get("openapi", "")))  # see nullable30.py
    drop_inapplicable_object_keywords(source_doc["components"]["schemas"])  # `type: array` with properties: inapplicable.py
    unwrap_regex_literals(source_doc["components"]["schemas"])  # `/^...$/u` patterns: see generator/models/patterns.py
    patterns = make_compilable(source_doc["components"]["schemas"])  # ECMA-262 patterns: see generator/models/regexes.py
    unions = mark_unions(source_doc["components"]["schemas"])  # tagged unions: see generator/models/unions.py
    models = _generate(source_doc, config, spec_file, unions, python_regex=patterns.engine == PYTHON)
    return replace(models, warnings=patterns.warnings)


def _to_json(models: ModelModule) -> bytes:
    return json.dumps(
        {
            "modules": [[m.name, list(m.defines), m.source] for m in models.modules],
            "classes": [[c.class_name, c.source_ref, c.is_enum, list(c.fields), list(c.union)] for c in models.classes],
            "warnings": [[f.pointer, f.message] for f in models.warnings],
            "permissive": list(models.permissive),
        }
    ).encode()


def _from_json(data: bytes) -> ModelModule:
    value = json.loads(data)
    return ModelModule(
        modules=tuple(SplitModule(name, tuple(defines), source) for name, defines, source in value["modules"]),
        classes=tuple(
            ModelClass(name, ref, bool(is_enum), tuple(fields), tuple(union)) for name, ref, is_enum, fields, union in value["classes"]
        ),
        warnings=tuple(Finding(pointer, message) for pointer, message in value["warnings"]),
        permissive=tuple(value["permissive"]),
    )


# String formats datamodel-code-generator would type with a class that needs a package beyond
# httpx and pydantic (EmailStr needs email-validator, ULID python-ulid). They stay ``str``: a
# client should not refuse a response over an address the server accepted, and the package's
# dependencies stay two (generator/output/deps.py checks every import of the output).
# ``byte`` (base64 data) stays ``str`` too: datamodel-code-generator's ``Base64Str`` decodes it
# and then insists the bytes are UTF-8, so an image or any binary payload (what base64 is for)
# failed to parse (a corpus OCR API's ``DiagnosticImage``); pydantic's ``Base64Bytes`` would read
# base64url (Google's APIs send it under ``format: byte``) by silently dropping ``-`` and ``_``.
# The caller decodes with the alphabet the API documents.
_PLAIN_STRING_FORMATS = ("email=string", "idn-email=string", "ulid=string", "byte=string")


def _generate(
    source_doc: dict[str, Any],
    config: GeneratorConfig,
    spec_file: str,
    unions: tuple[TaggedUnion, ...] = (),
    python_regex: bool = False,
) -> ModelModule:
    """``python_regex``: the models compile their patterns with Python's ``re`` (generator/models/regexes.py)."""
    from datamodel_code_generator import DataModelType, InputFileType, PythonVersion, generate

    runtime = f"{config.package_name}._models"
    with tempfile.TemporaryDirectory(prefix="codegen-models-") as tmp:
        output = Path(tmp) / "models.py"
        metadata = Path(tmp) / "metadata.json"
        with warnings.catch_warnings():  # an error is the caller's: generator/models/fallback.py finds its schema
            warnings.simplefilter("ignore")
            generate(
                json.dumps(source_doc),
                input_file_type=InputFileType.OpenAPI,
                input_filename="openapi.json",
                output=output,
                output_model_type=DataModelType.PydanticV2BaseModel,
                target_python_version=PythonVersion.PY_310,
                target_pydantic_version="2",
                base_class=f"{runtime}.{'PythonRegexModel' if python_regex else 'BaseModel'}",
                additional_imports=[f"{runtime}.open_enum_member"] if _has_enum(source_doc) else None,
                custom_template_dir=TEMPLATE_DIR,
                snake_case_field=True,
                use_annotated=True,
                field_constraints=True,
                use_standard_collections=True,
                use_union_operator=True,
                use_double_quotes=True,
                disable_timestamp=True,
                capitalise_enum_members=True,
                use_subclass_enum=True,
                naming_strategy="full-path",
                use_schema_description=True,
                use_field_description=True,
                collapse_root_models=True,
                output_datetime_class="datetime",
                field_extra_keys_without_x_prefix={"x-repr"},
                emit_model_metadata=metadata,
                formatters=[],  # black runs later, on every file (generator.output.formatting)
                strict_refs=True,
                treat_dot_as_module=False,
                deserialize_default_values=["enum"],
                type_mappings=list(_PLAIN_STRING_FORMATS),
            )
        source = output.read_text(encoding="utf-8")
        meta = json.loads(metadata.read_text(encoding="utf-8"))
    enums = _enum_class_names(source)
    class_of = {
        m["source_ref"].removeprefix("#/components/schemas/").replace("~1", "/").replace("~0", "~"): m["class_name"]
        for m in meta["models"]
    }
    union_of = {class_of.get(u.key): (u.property, *(class_of.get(k, k) for k, _ in u.variants)) for u in unions}
    classes = tuple(
        ModelClass(
            class_name=m["class_name"],
            source_ref=m["source_ref"],
            is_enum=m["class_name"] in enums,
            fields=tuple(m.get("fields") or ()),
            union=union_of.get(m["class_name"], ()),
        )
        for m in meta["models"]
    )
    source = _fix_bare_lists(_strip_header(source))
    if python_regex:
        source = _root_models_run_python_regex(source)
    source = write_unions(source, unions, class_of, config.package_name)
    return ModelModule(modules=split_models(source, config.package_name), classes=classes)


_BARE_LIST = re.compile(r"(RootModel\[list\]|root: list$)", re.MULTILINE)


def _fix_bare_lists(source: str) -> str:
    """``list`` -> ``list[Any]`` where datamodel-code-generator leaves an array of recursive
    maps untyped (seen with ``items: {additionalProperties: {$ref: <itself>}}``), which
    mypy --strict rejects."""
    if not _BARE_LIST.search(source):
        return source
    source = _BARE_LIST.sub(lambda m: m.group(0).replace("list", "list[Any]"), source)
    typing_import = re.search(r"^from typing import (.*)$", source, re.MULTILINE)
    if typing_import is None:
        return source.replace("from __future__ import annotations\n", "from __future__ import annotations\nfrom typing import Any\n", 1)
    names = [n.strip() for n in typing_import.group(1).split(",")]
    if "Any" not in names:
        source = source.replace(typing_import.group(0), "from typing import " + ", ".join(sorted([*names, "Any"])), 1)
    return source


_ROOT_MODEL = re.compile(r"^class \w+\(RootModel\[.*\]\):\n(?!    model_config)", re.MULTILINE)


def _root_models_run_python_regex(source: str) -> str:
    """Give each ``RootModel`` Python's regex engine too: the package's models run it (their base,
    ``PythonRegexModel``, says so), but a root model derives from pydantic's ``RootModel``, and
    datamodel-code-generator sets the engine only where its own scan of the pattern asks for it."""
    if not _ROOT_MODEL.search(source):
        return source
    source = _ROOT_MODEL.sub(lambda m: m.group(0) + '    model_config = ConfigDict(regex_engine="python-re")\n', source)
    pydantic_import = re.search(r"^from pydantic import (.*)$", source, re.MULTILINE)
    if pydantic_import is None:
        return source.replace("from __future__ import annotations\n", "from __future__ import annotations\nfrom pydantic import ConfigDict\n", 1)
    names = [n.strip() for n in pydantic_import.group(1).split(",")]
    if "ConfigDict" not in names:
        source = source.replace(pydantic_import.group(0), "from pydantic import " + ", ".join(sorted([*names, "ConfigDict"])), 1)
    return source


_ENUM_CLASS = re.compile(r"^class (\w+)\(.*Enum\):", re.MULTILINE)


def _enum_class_names(source: str) -> set[str]:
    return set(_ENUM_CLASS.findall(source))


def _strip_header(source: str) -> str:
    """Drop datamodel-code-generator's ``# generated by`` header: the package has its own."""
    lines = io.StringIO(source, newline="").readlines()
    while lines and lines[0].startswith("#"):
        lines.pop(0)
    return "".join(lines).lstrip("\n")
