"""Stage 4: the validated spec plus its models become the IR (:mod:`generator.parse.ir`).

Every naming and typing decision is made here, once: resource and method names,
keyword-argument names, Python annotations for parameters and responses, pagination.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import replace
from typing import Any

from . import ir, mediatypes, pagination, paramstyles, requestbodies, responses, security, servers
from .mediatypes import is_json
from ..common import naming
from ..common import pointer as jsonpointer
from ..common.parameters import is_ignored
from .clashes import argument_name, renamed_method, resource_names
from .webhooks import build_webhooks
from ..config import GeneratorConfig
from ..load.loader import LoadedSpec
from ..models.models import ModelModule
from ..load.refs import deref
from ..common.walkers import HTTP_METHODS as _HTTP_METHODS
from ..common.walkers import operations

_PATH_TEMPLATE = re.compile(r"\{([^{}]+)\}")
_SUPPORTED_LOCATIONS = ("query", "path", "header", "cookie")


class Unsupported(Exception):
    """A construct this generator cannot express yet; the operation is skipped with a warning."""


class TypeMapper:
    """Python annotations for JSON schemas, using the model classes where a schema has one."""

    def __init__(self, document: dict[str, Any], models: ModelModule) -> None:
        self.document = document
        self.models = models
        self.used_models: set[str] = set()

    def annotation(self, schema: Any, *, for_input: bool, at: str | None = None) -> str:
        """``for_input`` widens date-times to ``datetime | str`` for arguments the caller passes.
        ``at`` is where ``schema`` sits when it was reached through a ``$ref`` with no class of
        its own (a list of inline objects): datamodel-code-generator names the classes inside
        it by their place (``#/components/schemas/Hits/items``), so its items find theirs."""
        if not isinstance(schema, dict) or not schema:
            return "Any"
        if at is not None and (placed := self.models.class_for(at)) is not None:
            self.used_models.add(placed)
            return placed
        ref = schema.get("$ref")
        if isinstance(ref, str) and ref in self.models.permissive:
            return "Any"  # a schema no model could be made of (generator/models/fallback.py)
        if isinstance(ref, str):
            class_name = self.models.class_for(ref)
            if class_name is None:
                return self.annotation(deref(self.document, schema), for_input=for_input, at=ref)
            self.used_models.add(class_name)
            return class_name
        types = schema.get("type")
        nullable = bool(schema.get("nullable"))
        if isinstance(types, list):
            nullable = nullable or "null" in types
            concrete = [t for t in types if t != "null"]
            if len(concrete) != 1:
                base = " | ".join(self._base({**schema, "type": t}, t, for_input=for_input, at=at) for t in concrete)
                return f"{base} | None" if nullable else base
            types = concrete[0]
        wrapped = _sole_all_of_member(schema)
        if wrapped is not None:  # `allOf: [X]`: OpenAPI 3.0's way to give a $ref a default or description
            inner = self.annotation(wrapped, for_input=for_input)
            return f"{inner} | None" if nullable and inner != "Any" and not inner.endswith("| None") else inner
        if "enum" in schema:
            raise Unsupported("an inline enum outside components/schemas")
        members = _union_members(schema)
        if members is not None:  # a union datamodel-code-generator folded into its users (no class of its own)
            return self._union(members, nullable, for_input=for_input)
        for key in ("oneOf", "anyOf", "allOf"):
            if key in schema:
                raise Unsupported(f"an inline {key} outside components/schemas")
        base = self._base(schema, types, for_input=for_input, at=at)
        return f"{base} | None" if nullable and base != "Any" else base

    def _union(self, members: list[dict[str, Any]], nullable: bool, *, for_input: bool) -> str:
        """``A | B`` for ``oneOf``/``anyOf: [A, B]``; a ``type: 'null'`` member makes it ``| None``."""
        parts: list[str] = []
        for member in members:
            if member.get("type") == "null" and len(member) == 1:
                nullable = True
                continue
            annotation = self.annotation(member, for_input=for_input)
            if annotation == "Any":
                return "Any"
            if annotation.endswith(" | None"):
                nullable, annotation = True, annotation.removesuffix(" | None")
            parts.extend(part for part in annotation.split(" | ") if part not in parts)
        if not parts:
            return "None"
        base = " | ".join(parts)
        return f"{base} | None" if nullable else base

    def _base(self, schema: dict[str, Any], kind: Any, *, for_input: bool, at: str | None = None) -> str:
        fmt = schema.get("format")
        if kind == "string":
            if fmt == "date-time":
                return "datetime | str" if for_input else "datetime"
            if fmt == "date":
                return "date | str" if for_input else "date"
            if fmt == "uuid" and for_input:
                return "UUID | str"
            if fmt == "binary":
                raise Unsupported("binary strings")
            return "str"
        if kind == "integer":
            return "int"
        if kind == "number":
            return "float"
        if kind == "boolean":
            return "bool"
        if kind == "array":
            items_at = f"{at}/items" if at is not None else None
            return f"list[{self.annotation(schema.get('items') or {}, for_input=for_input, at=items_at)}]"
        if kind == "object" or kind is None:
            if schema.get("properties"):
                raise Unsupported("an inline object schema outside components/schemas")
            return "dict[str, Any]"
        raise Unsupported(f"schema type {kind!r}")


def _union_members(schema: dict[str, Any]) -> list[dict[str, Any]] | None:
    """The alternatives of a schema that is only a ``oneOf`` or ``anyOf`` (no properties or
    ``allOf`` of its own beside it), else None."""
    if any(key in schema for key in ("properties", "allOf", "const")) or ("oneOf" in schema and "anyOf" in schema):
        return None
    members = schema.get("oneOf", schema.get("anyOf"))
    if not (isinstance(members, list) and members and all(isinstance(member, dict) for member in members)):
        return None
    return members


def _sole_all_of_member(schema: dict[str, Any]) -> Any:
    """The one member of an ``allOf`` that only annotates it (no properties, enum or union of its
    own beside it), else None: such a schema means its member (datamodel-code-generator, too,
    writes no class for it)."""
    members = schema.get("allOf")
    if not (isinstance(members, list) and len(members) == 1 and isinstance(members[0], dict)):
        return None
    if any(key in schema for key in ("properties", "additionalProperties", "items", "enum", "const", "oneOf", "anyOf")):
        return None
    return members[0]


def build(
    spec: LoadedSpec, config: GeneratorConfig, models: ModelModule, findings: list[ir.Finding] | None = None
) -> ir.Api:
    """The IR of ``spec``. Operations with a validator finding (``findings``) are skipped."""
    doc = spec.document
    grouped: dict[str, list[ir.Operation]] = {}
    descriptions: dict[str, str] = {
        tag["name"]: str(tag.get("description") or "")
        for tag in doc.get("tags") or []
        if isinstance(tag, dict) and isinstance(tag.get("name"), str)
    }
    imports: dict[str, set[str]] = {}
    warnings: list[ir.Finding] = list(models.warnings)  # e.g. a pattern left out (generator/models/regexes.py)
    method_places: dict[tuple[str, str], str] = {}
    tags: dict[str, str] = {}  # resource -> the first tag (or path segment) that named it
    resource_descriptions: dict[str, str] = {}
    invalid = {}
    for finding in findings or []:
        parts = jsonpointer.split(finding.pointer)
        if finding.skips_operation and len(parts) >= 3 and parts[0] == "paths":
            invalid.setdefault(jsonpointer.join(parts[:3]), finding)
            if len(parts) == 3 or parts[2] not in _HTTP_METHODS:
                invalid.setdefault(jsonpointer.join(parts[:2]), finding)  # the whole path item
        else:
            warnings.append(finding)
    schemes = security.schemes(doc, config, warnings)
    usable = frozenset(scheme.key for scheme in schemes)
    default_security = security.requirement(doc.get("security"), usable)
    requirements: list[tuple[tuple[str, ...], ...]] = []
    root_server = servers.root_url(doc)
    for path, method, operation, item in operations(doc):
        here = jsonpointer.join(["paths", path, method])
        finding = invalid.get(here) or invalid.get(jsonpointer.join(["paths", path]))
        if finding is not None:  # reported where the problem is, when that is inside the operation
            inside = finding.pointer == here or finding.pointer.startswith(here + "/")
            where, at = (finding.pointer, "") if inside else (here, f" (at {finding.pointer})")
            warnings.append(ir.Finding(where, f"skipped: {finding.message}{at}", skips_operation=True))
            continue
        tag = _resource_tag(operation, path)
        resource = naming.python_identifier(tag)  # tags that give one Python name join one resource
        mapper = TypeMapper(doc, models)
        try:
            op = _operation(spec, config, mapper, path, method, operation, item, resource, here, warnings)
        except Unsupported as exc:
            warnings.append(ir.Finding(here, f"skipped: {exc}", skips_operation=True))
            continue
        if op.name.endswith("_") and op.name[:-1] in naming.RESERVED | _RESOURCE_ATTRIBUTES:
            warnings.append(ir.Finding(here, f"method {op.name[:-1]!r} is a keyword or a resource attribute; it is {resource}.{op.name}"))
        op = dataclasses.replace(
            op,
            security=security.operation_requirement(operation, default_security, usable),
            server=servers.own_server(operation, item, root_server),
        )
        requirements.append(default_security if op.security is None else op.security)
        if (resource, op.name) in method_places:
            op = renamed_method(op, operation, method, path, resource, method_places, warnings)
        method_places[(resource, op.name)] = here
        grouped.setdefault(resource, []).append(op)
        tags.setdefault(resource, tag)
        if descriptions.get(tag) and resource not in resource_descriptions:
            resource_descriptions[resource] = descriptions[tag]
        imports.setdefault(resource, set()).update(mapper.used_models)

    pagination.unused_overrides(config, {f"{method.upper()} {path}" for path, method, _, _ in operations(doc)})
    for resource, ops in grouped.items():
        places = {name: where for (owner, name), where in method_places.items() if owner == resource}
        grouped[resource] = pagination.without_clashing_iterators(ops, places, warnings)
    resources = resource_names(
        tuple(
            ir.Resource(
                name=resource,
                module=resource,
                class_name=naming.class_name(tags[resource]),
                description=resource_descriptions.get(resource, ""),
                operations=tuple(ops),
                model_imports=tuple(sorted(imports[resource])),
            )
            for resource, ops in sorted(grouped.items())
        ),
        config,
        tags,
        warnings,
    )
    webhooks = build_webhooks(doc, config, models, resources, tuple(m.name for m in models.modules), warnings)
    info = doc.get("info") or {}
    credentials = {c.name for scheme in schemes for c in scheme.credentials}
    environments, server_variables = servers.environments(doc, credentials | security.CLIENT_OPTIONS)
    return ir.Api(
        config=config,
        title=str(info.get("title") or config.client_name),
        description=str(info.get("description") or ""),
        api_version=str(info.get("version") or ""),
        base_url=servers.root_url(doc),
        resources=resources,
        models=_models(doc, models),
        model_modules=models.modules,
        warnings=tuple(warnings),
        webhooks=webhooks,
        security_schemes=schemes,
        default_security=default_security,
        required_credentials=security.required_credentials(schemes, requirements),
        environments=environments,
        server_variables=server_variables,
        own_servers=servers.own_servers(doc, root_server, {op.server for r in resources for op in r.operations if op.server}),
    )


def _resource_tag(operation: dict[str, Any], path: str) -> str:
    tags = operation.get("tags")
    if isinstance(tags, list) and tags and isinstance(tags[0], str) and naming.words(tags[0]):
        return tags[0]
    segments = [s for s in path.split("/") if s and not s.startswith("{")]
    return segments[0] if segments and naming.words(segments[0]) else "default"


def method_name(operation: dict[str, Any], http_method: str, path: str, resource: str) -> str:
    """``x-method-name``, else the operationId without the resource's name, else method + path.

    ``listCalls`` under resource ``calls`` -> ``list``; ``CallController_findAll`` ->
    ``find_all`` (a ``Controller_`` prefix names the resource, not the action).
    """
    explicit = operation.get("x-method-name")
    if isinstance(explicit, str):
        return naming.python_identifier(explicit, avoid=naming.RESERVED | _RESOURCE_ATTRIBUTES)
    op_id = operation.get("operationId")
    if isinstance(op_id, str) and naming.words(op_id):
        if "_" in op_id and op_id.split("_", 1)[0].endswith("Controller"):
            op_id = op_id.split("_", 1)[1]
        words = [w.lower() for w in naming.words(op_id)]
        resource_words = set(naming.snake_case(resource).split("_"))
        singular = {w[:-1] for w in resource_words if w.endswith("s")}
        kept = [w for w in words if w not in resource_words | singular]
        return naming.python_identifier("_".join(kept or words), avoid=naming.RESERVED | _RESOURCE_ATTRIBUTES)
    segments = [s.strip("{}") for s in path.split("/") if s]
    return naming.python_identifier("_".join([http_method, *segments]), avoid=naming.RESERVED | _RESOURCE_ATTRIBUTES)


def _operation(
    spec: LoadedSpec,
    config: GeneratorConfig,
    mapper: TypeMapper,
    path: str,
    method: str,
    operation: dict[str, Any],
    item: dict[str, Any],
    resource: str,
    here: str,
    warnings: list[ir.Finding],
) -> ir.Operation:
    doc = spec.document
    if responses.switches_protocols(operation):
        raise Unsupported("a WebSocket endpoint (it answers 101 Switching Protocols), which an HTTP method cannot use")
    name = method_name(operation, method, path, resource)
    params = _parameters(spec, mapper, path, method, operation, item, warnings)
    body = _body(spec, mapper, operation, {p.name for p in params}, here, warnings)
    returns, response = responses.describe(
        doc, _lenient(mapper), operation, _return_annotation(doc, mapper, operation), responses.stream_flag(body)
    )
    op = ir.Operation(
        name=name,
        http_method=method.upper(),
        path=path,
        operation_id=str(operation.get("operationId") or name),
        summary=str(operation.get("summary") or ""),
        description=str(operation.get("description") or ""),
        parameters=params,
        return_annotation=returns,
        deprecated=bool(operation.get("deprecated")),
        body=body,
        response=response,
    )
    paged = pagination.describe(spec, config, mapper.models, operation, item, op, here, mapper.used_models)
    return replace(op, pagination=paged) if paged else op


def _parameters(
    spec: LoadedSpec,
    mapper: TypeMapper,
    path: str,
    method: str,
    operation: dict[str, Any],
    item: dict[str, Any],
    warnings: list[ir.Finding],
) -> tuple[ir.Parameter, ...]:
    doc = spec.document
    merged: dict[tuple[str, str], tuple[dict[str, Any], str]] = {}
    for base, params in ((["paths", path], item.get("parameters")), (["paths", path, method], operation.get("parameters"))):
        for index, raw in enumerate(params or []):
            param = deref(doc, raw)
            merged[(str(param.get("in")), str(param.get("name")))] = (param, jsonpointer.join([*base, "parameters", str(index)]))
    for name in _PATH_TEMPLATE.findall(path):
        if ("path", name) not in merged:  # used but not declared (validate.py warned)
            merged[("path", name)] = ({"name": name, "in": "path", "required": True, "schema": {"type": "string"}}, jsonpointer.join(["paths", path, method]))
    result: list[ir.Parameter] = []
    names: dict[str, str] = {}
    # Path parameters are named first: they keep their names when a query one shares it.
    for (location, wire_name), (param, where) in sorted(merged.items(), key=lambda kv: kv[0][0] != "path"):
        if location not in _SUPPORTED_LOCATIONS:
            raise spec.error(where, f"unsupported parameter location {location!r}")
        if is_ignored(location, wire_name):  # OpenAPI's rule (Content-Type)
            continue
        try:
            encoding = paramstyles.encoding(param, location)
        except paramstyles.UnsupportedStyle as exc:
            raise Unsupported(str(exc)) from None
        name = argument_name(wire_name, location, names, where, warnings, _ARGUMENT_AVOID)
        names[name] = wire_name
        schema = paramstyles.schema_of(param)
        annotation = paramstyles.annotation(mapper, doc, schema, Unsupported)
        resolved = deref(doc, schema) if isinstance(schema, dict) else {}
        default = resolved.get("default") if isinstance(resolved, dict) else None
        result.append(
            ir.Parameter(
                wire_name=wire_name,
                name=name,
                location=location,
                annotation=annotation,
                required=bool(param.get("required")) or location == "path",
                description=str(param.get("description") or ""),
                default_doc=None if default is None else str(default),
                deprecated=bool(param.get("deprecated")),
                encoding=encoding,
            )
        )
    return tuple(result)


# Keyword arguments every generated method has; a spec parameter must not take their names.
_METHOD_ARGUMENTS = frozenset({"extra_headers", "extra_query", "timeout", "max_retries", "page_size", "max_items"})
_ARGUMENT_AVOID = naming.RESERVED | naming.BODY_NAMES | _METHOD_ARGUMENTS
# Names a method must not take: the raw-response accessor on every resource.
_RESOURCE_ATTRIBUTES = frozenset({"with_raw_response", "with_streaming_response"})


def _body(
    spec: LoadedSpec, mapper: TypeMapper, operation: dict[str, Any], taken: set[str], here: str, warnings: list[ir.Finding]
) -> ir.Body | None:
    raw = operation.get("requestBody")
    if raw is None:
        return None
    doc = spec.document
    request_body = deref(doc, raw)
    content = request_body.get("content") or {}
    if not content:
        return None
    media_type, kind = requestbodies.pick(doc, content)
    media = content[media_type] or {}
    schema = media.get("schema") or {}
    required = bool(request_body.get("required"))
    if kind in ("text", "binary"):
        return ir.Body(required, (), requestbodies.whole_annotation(kind), kind, media_type)
    resolved = deref(doc, schema)
    properties = resolved.get("properties") if isinstance(resolved, dict) else None
    if not isinstance(properties, dict) or not properties or resolved.get("type") not in (None, "object"):
        if kind != "json":
            return ir.Body(required, (), "dict[str, Any]", kind, media_type)
        return ir.Body(required=required, fields=(), whole_annotation=mapper.annotation(schema, for_input=True))
    required_fields = set(resolved.get("required") or [])
    fields = []
    names = {name: name for name in taken}
    for wire_name, prop in requestbodies.declared_properties(resolved):
        if isinstance(prop, dict) and prop.get("readOnly"):
            continue
        name = argument_name(wire_name, "body", names, f"{here}/requestBody", warnings, _ARGUMENT_AVOID, frozenset(taken))
        names[name] = wire_name
        # A description beside a $ref (OpenAPI 3.1) says what this field is; the target's is generic.
        description = str(prop.get("description") or (deref(doc, prop) or {}).get("description") or "")
        fields.append(
            ir.BodyField(
                wire_name=wire_name,
                name=name,
                annotation=(kind == "multipart" and requestbodies.file_annotation(doc, prop))
                or (_body_field_annotation(mapper, prop) if prop != {} else "Any"),
                required=required and wire_name in required_fields,
                description=description,
                encoding=requestbodies.field_encoding(media, wire_name, kind),
            )
        )
    return ir.Body(required=required, fields=tuple(fields), kind=kind, media_type=media_type)


def _body_field_annotation(mapper: TypeMapper, schema: Any) -> str:
    """A body field's type; an inline composite schema (allOf, nested object) is typed ``Any``:
    the value is sent as given, and the server validates it."""
    try:
        return mapper.annotation(schema, for_input=True)
    except Unsupported:
        return "Any"


def _lenient(mapper: TypeMapper) -> responses.Annotate:
    """Response types where an inline composite schema is ``Any`` (the decoded JSON) instead of a skip."""

    def annotate(schema: Any) -> str:
        try:
            return mapper.annotation(schema, for_input=False)
        except Unsupported:
            return "Any"

    return annotate


def _return_annotation(doc: dict[str, Any], mapper: TypeMapper, operation: dict[str, Any]) -> str:
    content = responses.success_content(doc, operation)
    if not content:
        return "None"
    json_types = [media for media, value in content.items() if mediatypes.kind(media, _schema_of(doc, value)) == mediatypes.JSON]
    if not json_types:
        return "None"  # not JSON: generator/parse/responses.py decides what the method returns
    schema = (content[json_types[0]] or {}).get("schema")
    if schema is None:
        return "Any"
    return mapper.annotation(schema, for_input=False)


def _schema_of(doc: dict[str, Any], media: Any) -> Any:
    return deref(doc, media.get("schema")) if isinstance(media, dict) else None


def _models(doc: dict[str, Any], models: ModelModule) -> tuple[ir.Model, ...]:
    result = []
    for cls in models.classes:
        try:
            schema = deref(doc, {"$ref": cls.source_ref})
        except Exception:
            schema = {}
        description = str(schema.get("description") or "") if isinstance(schema, dict) else ""
        if cls.union:
            result.append(ir.Model(cls.class_name, "union", description, variants=cls.union))
            continue
        if cls.is_enum:
            values = tuple(str(v) for v in (schema.get("enum") or [])) if isinstance(schema, dict) else ()
            result.append(ir.Model(cls.class_name, "enum", description, enum_values=values))
            continue
        props = (schema.get("properties") or {}) if isinstance(schema, dict) else {}
        fields = []
        for f in cls.fields:
            wire = f.get("original_name") or f.get("alias") or f["name"]
            prop = props.get(wire) if isinstance(props, dict) else None
            default = prop.get("default") if isinstance(prop, dict) else None
            fields.append(
                ir.ModelField(
                    name=f["name"],
                    wire_name=str(wire),
                    annotation=str(f.get("type") or "Any"),
                    required=bool(f.get("required")),
                    default=None if default is None else repr(default),
                )
            )
        result.append(ir.Model(cls.class_name, "model", description, fields=tuple(fields)))
    return tuple(sorted(result, key=lambda m: m.class_name))
