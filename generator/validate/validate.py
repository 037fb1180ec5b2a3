"""Stage 2: is this an OpenAPI 3.x document the generator can read?

Our own structural checks run first (so that the common mistakes get a precise message and
the third-party validator never meets an unresolvable ``$ref``); the first problem they find
is raised as a :class:`~generator.errors.SpecError`. openapi-spec-validator's findings are
returned as warnings (see :func:`_validator_findings`).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import replace
from typing import Any

from ..common import forked
from ..common import pointer as jsonpointer
from ..common import structure
from ..errors import Finding
from ..load.loader import LoadedSpec
from ..load.refs import UnresolvedRef, lookup
from .schemacheck import check_schemas
from .spec_validator import located_errors
from ..common.stagecache import StageCache
from ..common.walkers import HTTP_METHODS, operations  # noqa: F401  (HTTP_METHODS: re-exported)

_PATH_TEMPLATE = re.compile(r"\{([^{}]+)\}")


def validate(spec: LoadedSpec, cache: StageCache | None = None) -> list[Finding]:
    """Raise :class:`SpecError` for what stops generation; return the validator's findings."""
    return start_validation(spec, cache)()


def start_validation(spec: LoadedSpec, cache: StageCache | None = None) -> Callable[[], list[Finding]]:
    """:func:`validate`, in two steps: our own checks now (a :class:`SpecError` is raised at
    once), the slow ones (schema names, openapi-spec-validator) in a forked child while the
    caller goes on; call the result to wait for the findings.

    The slow checks read the document without its prose (:func:`without_prose`), so what they
    find depends on :func:`structure_key` alone, and ``cache`` can remember it exactly: a
    documentation edit does not run them again.
    """
    _check_root(spec)
    misplaced = _check_refs(spec)
    _check_operation_ids(spec)
    implicit = misplaced + _check_path_parameters(spec)
    structure = replace(spec, document=without_prose(spec.document))
    key = cache.key("validation", _dumps(structure.document)) if cache else ""
    remembered = _read_findings(cache.get("validation", key)) if cache else None
    if remembered is not None:
        return lambda: implicit + remembered
    slow_checks = forked.start(lambda: check_schemas(structure) + _validator_findings(structure))

    def findings() -> list[Finding]:
        found = slow_checks()
        if cache:
            cache.put("validation", key, json.dumps([[f.pointer, f.message, f.skips_operation] for f in found]).encode())
        return implicit + found

    return findings


def _read_findings(data: bytes | None) -> list[Finding] | None:
    try:
        return [Finding(str(pointer), str(message), bool(skips)) for pointer, message, skips in json.loads(data or b"")]
    except (ValueError, TypeError):
        return None  # no entry, or an unreadable one


# Values that are data (examples, defaults, extensions), not OpenAPI or schema objects.
_DATA_KEYS = frozenset({"example", "examples", "default", "enum", "const", "value"})


def without_prose(node: Any) -> Any:
    """``node`` with every ``description`` and ``summary`` text emptied.

    OpenAPI and JSON Schema only require those to be strings, so a document is valid or not
    whatever they say. Data (examples, defaults, enums, ``x-`` extensions) is kept verbatim,
    since a schema may constrain it. Containers are copied; nothing is modified in place.
    """
    if isinstance(node, list):
        return [without_prose(item) for item in node]
    if not isinstance(node, dict):
        return node
    result = {}
    for key, value in node.items():
        if key in ("description", "summary") and isinstance(value, str):
            result[key] = ""
        elif key in _DATA_KEYS or str(key).startswith("x-"):
            result[key] = value
        else:
            result[key] = without_prose(value)
    return result


def structure_key(document: dict[str, Any]) -> str:
    """What the slow checks' result depends on: the document without its prose, as JSON."""
    return _dumps(without_prose(document))


def _dumps(document: Any) -> str:
    return json.dumps(document, default=repr, ensure_ascii=False)


def _check_root(spec: LoadedSpec) -> None:
    doc = spec.document
    if "swagger" in doc:
        raise spec.error("#/swagger", "this is a Swagger / OpenAPI 2.0 document; convert it to OpenAPI 3.x first")
    version = doc.get("openapi")
    if version is None:
        raise spec.error("#", "not an OpenAPI document: the 'openapi' field is missing")
    if not isinstance(version, str) or not re.match(r"^3\.[0-9]+\.[0-9]+", version):
        raise spec.error("#/openapi", f"unsupported OpenAPI version {version!r}; expected 3.0.x or 3.1.x")
    # OpenAPI 3.1 makes `paths` optional when `webhooks` or `components` is there: no methods then.
    paths_optional = not version.startswith("3.0") and "paths" not in doc and ("webhooks" in doc or "components" in doc)
    for key in ("info",) if paths_optional else ("info", "paths"):
        if not isinstance(doc.get(key), dict):
            raise spec.error("#" if key not in doc else f"#/{key}", f"the '{key}' object is missing or not a mapping")


# The kinds of object the client is built from: a $ref standing for one must point to one.
_BUILT_FROM = frozenset({"schema", "parameter", "requestBody", "response"})


def _check_refs(spec: LoadedSpec) -> list[Finding]:
    """Every ``$ref`` resolves, and to an object of the kind its place holds.

    The kind is decided by the document's structure (:mod:`generator.common.structure`), for
    the place and for the target alike: a schema property named ``responses`` holds a schema,
    and ``#/components/parameters/order/schema`` is a schema although a parameter holds it. A
    ``$ref`` in data (an example) or an extension is not a reference and is not read.

    A ``$ref`` to the wrong kind of object inside an operation (a response's schema that names
    ``#/components/responses/...``, which openapi-spec-validator accepts) skips that operation
    with a warning, returned; anywhere else it is an error, since every operation may use it.
    """
    doc = spec.document
    misplaced: list[Finding] = []
    for where, node, kind in structure.walk(doc):
        if "$ref" not in node:
            continue
        ref = node["$ref"]
        here = jsonpointer.join([*where, "$ref"])
        if not isinstance(ref, str):
            raise spec.error(here, "$ref must be a string")
        try:
            lookup(doc, ref)
        except UnresolvedRef as exc:
            raise spec.error(here, str(exc)) from None
        if kind not in _BUILT_FROM:
            continue  # a header, example, link...: nothing is generated from it that could go wrong
        expected = structure.SECTIONS[kind]
        found = structure.SECTIONS.get(structure.kind_at(jsonpointer.split(ref)))
        if found and found != expected:
            message = f"$ref {ref!r} points to a {found!r} object where a {expected!r} one belongs"
            if len(where) >= 3 and where[0] == "paths" and where[2] in HTTP_METHODS:
                misplaced.append(Finding(here, message, skips_operation=True))
            else:
                raise spec.error(here, message)
    return misplaced


def _validator_findings(spec: LoadedSpec) -> list[Finding]:
    """openapi-spec-validator's findings, as warnings: real specs often break a rule or two
    (a ``title`` where 3.1 forbids it, a ``const`` in 3.0) that does not stop a client from
    being generated. Operations with a finding are skipped, but for a key OpenAPI does not define
    and a default or example that breaks its schema (nothing the client is made from);
    ``--strict`` makes every finding an error."""
    from openapi_spec_validator import OpenAPIV30SpecValidator, OpenAPIV31SpecValidator

    version = spec.document["openapi"]
    validator_class = OpenAPIV30SpecValidator if version.startswith("3.0") else OpenAPIV31SpecValidator
    findings: list[Finding] = []
    try:
        for path, error in located_errors(validator_class, spec.document):
            message = " ".join(str(getattr(error, "message", error)).split())
            if _UNDECLARED_PATH_PARAMETER.match(message):
                continue  # reported by _check_path_parameters, and handled (an implicit string)
            if len(message) > 300:
                message = message[:300] + "..."
            # A default or example that breaks its schema is wrong documentation, not a wrong operation.
            in_data = any(
                part in ("default", "example", "examples") and (i == 0 or path[i - 1] not in ("properties", "responses"))
                for i, part in enumerate(path)
            )
            # A key OpenAPI does not define (`title` on an operation) is read by nothing here.
            unknown_key = _UNKNOWN_KEY.match(message) is not None
            findings.append(
                Finding(jsonpointer.join(path), f"not valid OpenAPI {version}: {message}", skips_operation=not (in_data or unknown_key))
            )
            if len(findings) >= _MAX_FINDINGS:
                break
    except Exception as exc:  # the validator raises on some inputs instead of reporting them
        findings.append(Finding("#", f"openapi-spec-validator stopped: {type(exc).__name__}: {exc}"))
    return findings


_MAX_FINDINGS = 100
# openapi-spec-validator's words for a key the object does not define (3.1; 3.0, which allows `x-` only).
_UNKNOWN_KEY = re.compile(
    r"^(?:(?:Additional|Unevaluated) properties are not allowed \(.* (?:was|were) unexpected\)"
    r"|'[^']*' does not match any of the regexes: '\^x-')$"
)
_UNDECLARED_PATH_PARAMETER = re.compile(r"^Path parameter '[^']*' for '[^']*' operation in '[^']*' was not resolved$")


def _check_operation_ids(spec: LoadedSpec) -> None:
    seen: dict[str, str] = {}
    for path, method, operation, _ in operations(spec.document):
        op_id = operation.get("operationId")
        if op_id is None:
            continue
        here = jsonpointer.join(["paths", path, method, "operationId"])
        if op_id in seen:
            raise spec.error(here, f"duplicate operationId {op_id!r} (also at {seen[op_id]})")
        seen[op_id] = here


def _check_path_parameters(spec: LoadedSpec) -> list[Finding]:
    """A parameter declared for a path without its ``{placeholder}`` is an error; a placeholder
    with no declaration (as in real specs) becomes an implicit string parameter, with a warning."""
    doc = spec.document
    warnings: list[Finding] = []
    for path, method, operation, item in operations(doc):
        used = _PATH_TEMPLATE.findall(path)
        declared: dict[str, str] = {}
        for owner, params in (("path", item.get("parameters")), ("operation", operation.get("parameters"))):
            base = ["paths", path] if owner == "path" else ["paths", path, method]
            for index, param in enumerate(params or []):
                resolved = lookup(doc, param["$ref"]) if isinstance(param, dict) and "$ref" in param else param
                if isinstance(resolved, dict) and resolved.get("in") == "path":
                    declared[str(resolved.get("name"))] = jsonpointer.join([*base, "parameters", str(index)])
        for name in used:
            if name not in declared:
                warnings.append(
                    Finding(
                        jsonpointer.join(["paths", path, method]),
                        f"path parameter {{{name}}} is used in {path!r} but not declared; taken as a required string",
                    )
                )
        for name, where in declared.items():
            if name not in used:
                raise spec.error(where, f"path parameter {name!r} is declared but {path!r} has no {{{name}}}")
    return warnings
