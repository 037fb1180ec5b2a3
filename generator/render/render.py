"""Stage 5: the IR rendered into the package's files with the Jinja templates.

Templates only render: every decision (imports, signatures, method bodies, docstrings) is
made here in Python, into small view objects. Text from the spec reaches Python source only
through the ``literal``, ``docstring`` and ``comment`` filters (:mod:`generator.common.pysource`);
Jinja never sees spec text as template source, so ``{{ }}`` in a spec stays text.
"""

from __future__ import annotations

import io
import re
import tokenize
from dataclasses import dataclass, field
from typing import Any

import jinja2

from ..parse import ir, paramstyles, requestbodies
from ..common import layout, pysource, resources
from . import auth_view, pagination_methods, response_methods, webhook_views
from ..config import GeneratorConfig
from ..models.models import MODELS_PACKAGE
from ..models.modsplit import SplitModule
from ..common.stagecache import StageCache
from .surface import body_arguments as _body_arguments
from .surface import render_surface

TEMPLATES = resources.TEMPLATES

# The runtime modules of every package. ``templates/package/<name>.py`` is the same in every
# package: it is copied as it is, already black-formatted (tests/test_runtime_sources.py holds
# it to that), so black never spends time on it. ``<name>.py.jinja`` holds the few modules that
# carry names from the spec or its config.
_RUNTIME_MODULES = (
    "_auth",
    "_base_client",
    "_bodies",
    "_constants",
    "_content",
    "_exceptions",
    "_files",
    "_lenient",
    "_models",
    "_pagination",
    "_query",
    "_redaction",
    "_redirects",
    "_release",
    "_response",
    "_sentinels",
    "_servers",
    "_streamed_response",
    "_streaming",
    "_unions",
    "_version",
    "_webhooks",
)

EXCEPTION_NAMES = (
    "APIConnectionError",
    "APIError",
    "APIResponseValidationError",
    "APIStatusError",
    "APIStreamError",
    "APITimeoutError",
    "ArgumentError",
    "AuthenticationError",
    "BadRequestError",
    "ClientClosedError",
    "ConflictError",
    "InternalServerError",
    "MissingCredentialsError",
    "NotFoundError",
    "PermissionDeniedError",
    "RateLimitError",
    "UnprocessableEntityError",
)


def environment(cache: StageCache | None = None) -> jinja2.Environment:
    """The templates' environment; with ``cache``, compiled templates are kept between runs
    (jinja2's own bytecode cache, checked against each template's source)."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(TEMPLATES)),
        bytecode_cache=jinja2.FileSystemBytecodeCache(str(folder)) if cache and (folder := cache.stage_folder("jinja")) else None,
        autoescape=False,  # the output is Python, Markdown and TOML, escaped by the filters below
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["literal"] = lambda value: layout.black_strings(pysource.literal(value))
    env.filters["docstring"] = pysource.docstring
    env.filters["docblock"] = _docblock
    env.filters["comment"] = pysource.comment
    env.filters["toml"] = _toml_string
    env.filters["md"] = _markdown_text
    return env


@dataclass(frozen=True)
class RenderedPackage:
    """The package's files by path (relative to the output directory), and which of them are
    copied runtime sources, black-formatted already."""

    files: dict[str, str]
    preformatted: frozenset[str]
    models: frozenset[str]  # datamodel-code-generator's modules: not laid out in black's style yet


def render_package(api: ir.Api, cache: StageCache | None = None) -> RenderedPackage:
    """Every file of the package."""
    env = environment(cache)
    pkg = api.config.package_name
    has_pagination = any(op.pagination for r in api.resources for op in r.operations)
    files: dict[str, str] = {}
    copied: set[str] = set()

    def render(template: str, target: str, **context: Any) -> None:
        files[target] = env.get_template(template).render(api=api, config=api.config, **context)

    for module in _RUNTIME_MODULES:
        if (module == "_pagination" and not has_pagination) or (module == "_webhooks" and not api.webhooks):
            continue
        source = TEMPLATES / "package" / f"{module}.py"
        if source.is_file():
            files[f"{pkg}/{module}.py"] = source.read_text(encoding="utf-8")
            copied.add(f"{pkg}/{module}.py")
        else:
            render(f"package/{module}.py.jinja", f"{pkg}/{module}.py")
    render("package/__init__.py.jinja", f"{pkg}/__init__.py", view=_package_view(api, has_pagination))
    render("package/_client.py.jinja", f"{pkg}/_client.py", view=_client_view(api), auth=auth_view.client_arguments(api))
    render("package/_security.py.jinja", f"{pkg}/_security.py", view=auth_view.security_view(api))
    render("package/resources/__init__.py.jinja", f"{pkg}/resources/__init__.py")
    for resource in api.resources:
        render("package/resources/resource.py.jinja", f"{pkg}/resources/{resource.module}.py", resource=resource, view=_resource_view(api, resource))
    render("package/types/__init__.py.jinja", f"{pkg}/{MODELS_PACKAGE}/__init__.py", view=_types_view(api))
    if api.webhooks:  # the events' union, and client.webhooks
        hooks = api.webhooks
        view = webhook_views.union_module_view(hooks, api.model_modules, api.title)
        render("package/types/webhook_event.py.jinja", f"{pkg}/{MODELS_PACKAGE}/{hooks.union_module}.py", view=view)
        render("package/resources/webhooks.py.jinja", f"{pkg}/resources/{hooks.accessor}.py", view=webhook_views.resource_view(api, hooks))
    models = {f"{pkg}/{MODELS_PACKAGE}/{module.name}.py": module.source for module in api.model_modules}
    files.update(models)
    files[f"{pkg}/py.typed"] = ""
    render("metadata/pyproject.toml.jinja", "pyproject.toml", view=_pyproject_view(api.config))
    render("metadata/README.md.jinja", "README.md", view=_readme_view(api), auth=auth_view.readme_view(api))
    files["API.md"] = render_surface(env, api)
    return RenderedPackage(files, frozenset(copied), frozenset(models))


# -- package --------------------------------------------------------------------


def _package_view(api: ir.Api, has_pagination: bool) -> dict[str, Any]:
    config = api.config
    exports = [
        config.client_name,
        config.async_client_name,
        config.error_base_name,
        *EXCEPTION_NAMES,
        "APIResponse",
        "AsyncStream",
        "AsyncStreamedAPIResponse",
        "BinaryResponse",
        "DEFAULT_MAX_RETRIES",
        "DEFAULT_TIMEOUT",
        "NOT_GIVEN",
        "NotGiven",
        *(["PaginationError"] if has_pagination else []),
        *(webhook_views.EXCEPTION_NAMES if api.webhooks else ()),
        "ServerSentEvent",
        "Stream",
        "StreamedAPIResponse",
        "__title__",
        "__version__",
    ]
    return {
        "package_docstring": f"{api.title}: a typed Python client.\n\n{api.description}".strip(),
        "exception_names": sorted([config.error_base_name, *EXCEPTION_NAMES, *(webhook_views.EXCEPTION_NAMES if api.webhooks else ())]),
        "has_pagination": has_pagination,
        "exports": exports,
    }


def _types_view(api: ir.Api) -> dict[str, Any]:
    module_of = {name: module.name for module in api.model_modules for name in module.defines}
    modules = list(api.model_modules)
    if api.webhooks:  # the events' union has a module of its own (generator/render/webhook_views.py)
        module_of[api.webhooks.union] = api.webhooks.union_module
        modules.append(SplitModule(api.webhooks.union_module, (api.webhooks.union,), ""))
    modules = sorted(modules, key=lambda m: m.name)
    exports = sorted({*module_of, "UnknownVariant"})  # UnknownVariant: from _unions.py
    return {
        "docstring": f"The models of the {api.title}, generated from the spec's schemas.",
        "modules": modules,
        "imports": [line for m in modules for line in layout.import_from(f".{m.name}", list(m.defines), indent=4)],
        "all": layout.collection("__all__ = [", [pysource.literal(name) for name in exports], "]"),
        "module_of": sorted(module_of.items()),
    }


# -- client ---------------------------------------------------------------------


_STRICT_DOC = (
    "A successful response that does not match the spec is returned anyway (typed where it fits, "
    "kept as sent where it does not; each place is logged once as a warning and listed in "
    "`with_raw_response`'s `mismatches`); `strict_response_validation=True` raises "
    "`APIResponseValidationError` instead."
)


def _accessor(resource: ir.Resource, prefix: str) -> dict[str, Any]:
    """The client's cached property that makes a resource (imported when first used)."""
    class_name = f"{prefix}{resource.class_name}"
    return {
        "signature": layout.signature(f"def {resource.name}(", ["self"], f") -> {class_name}:", 4),
        "description": resource.description,
        "imports": layout.import_from(f".resources.{resource.module}", [class_name], indent=8),
        "class_name": class_name,
    }


def _client_view(api: ir.Api) -> dict[str, Any]:
    config = api.config
    base_doc = api.description or api.title
    clients = []
    for prefix, name, base, http_client in (
        ("", config.client_name, "SyncAPIClient", "httpx.Client"),
        ("Async", config.async_client_name, "AsyncAPIClient", "httpx.AsyncClient"),
    ):
        clients.append(
            {
                "prefix": prefix,
                "name": name,
                "base": base,
                "http_client": http_client,
                "docstring": f"{'Async client' if prefix else 'Client'} for the {api.title}.\n\n{base_doc}".strip()
                + "\n\n" + _STRICT_DOC,
                "accessors": [_accessor(resource, prefix) for resource in api.resources]
                + ([webhook_views.accessor_view(api.webhooks)] if api.webhooks else []),
            }
        )
    return {
        "clients": clients,
        "resource_imports": [
            line
            for module, names in sorted(
                [(r.module, [r.class_name, f"Async{r.class_name}"]) for r in api.resources]
                + ([(api.webhooks.accessor, [api.webhooks.class_name])] if api.webhooks else [])
            )
            for line in layout.import_from(f".resources.{module}", names, indent=4)
        ],
        "base_url_env": f"{config.env_prefix}_BASE_URL",
    }


# -- resources ------------------------------------------------------------------


@dataclass
class _Method:
    name: str
    def_keyword: str
    positional: list[str]
    keyword: list[str]
    returns: str
    docstring: str
    body: list[str]
    decorator: str = ""

    @property
    def is_stub(self) -> bool:
        """An ``@overload``: its body is ``...``, written on the signature's last line."""
        return self.body == ["..."] and not self.docstring


@dataclass
class _Variant:
    prefix: str
    client_class: str
    raw_wrapper: str
    streamed_wrapper: str
    methods: list[_Method] = field(default_factory=list)
    raw_methods: list[tuple[str, str]] = field(default_factory=list)  # (method, wrapper)
    streamed_methods: list[str] = field(default_factory=list)  # one request each: no `*_all`
    raw_lines: list[str] = field(default_factory=list)  # the wrapper classes' assignments, laid out
    streamed_lines: list[str] = field(default_factory=list)
    raw_property: list[str] = field(default_factory=list)  # the `def` lines of `with_raw_response`
    streaming_property: list[str] = field(default_factory=list)  # and of `with_streaming_response`


def _argument(param: ir.Parameter) -> str:
    """An optional argument left out is not sent (``NOT_GIVEN``), as for body fields; ``None``
    is in its type only where the spec allows null."""
    if param.required:
        return f"{param.name}: {param.annotation}"
    return f"{param.name}: {param.annotation} | NotGiven = NOT_GIVEN"


def _body_docs(body: ir.Body | None) -> list[tuple[str, str]]:
    if body is None:
        return []
    if body.whole_annotation is not None:
        return [("body", "The request body.")]
    return [(f.name, _argument_text(f.description) or f.wire_name) for f in body.fields]


def _argument_text(description: str) -> str:
    """An argument's description for the ``Args:`` block: the spec's line breaks kept, later
    lines indented under the argument (a one-line text stays as it is)."""
    lines = [line.strip() for line in description.strip().splitlines()]
    return "\n".join(f"        {line}" if index and line else line for index, line in enumerate(lines))


def _method_docstring(op: ir.Operation, params: tuple[ir.Parameter, ...], extra: list[tuple[str, str]] | None = None) -> str:
    parts = [text for text in (op.summary or f"{op.http_method} {op.path}", op.description) if text]
    args = []
    for param in params:
        text = _argument_text(param.description) or param.wire_name
        if param.default_doc is not None and "default" not in text.lower():
            text += f" Server default: {param.default_doc}."
        if param.deprecated:
            text = "Deprecated. " + text
        args.append(f"    {param.name}: {text}")
    for name, text in extra or []:
        args.append(f"    {name}: {text}")
    if args:
        parts.append("Args:\n" + "\n".join(args))
    return "\n\n".join(parts)


def _is_union(annotation: str) -> bool:
    """``A | B`` or ``A | None`` (a union at the top level, not one inside ``list[...]``)."""
    depth = 0
    for index, char in enumerate(annotation):
        depth += (char == "[") - (char == "]")
        if char == "|" and depth == 0 and index:
            return True
    return False


def _runtime_models(annotation: str, models: tuple[str, ...]) -> str:
    """``list[Call]`` -> ``list[_types.Call]``: a resource imports its models for type checkers
    only, and looks them up when a method runs, so that importing it builds no model."""
    return _rename(annotation, {name: f"{_MODELS_ALIAS}.{name}" for name in models})


_MODELS_ALIAS = "_" + MODELS_PACKAGE


def _request_call(op: ir.Operation, is_async: bool, models: tuple[str, ...], unions: frozenset[str] = frozenset()) -> list[str]:
    def mapping(params: tuple[ir.Parameter, ...]) -> str:
        return "{" + ", ".join(f"{pysource.literal(p.wire_name)}: {paramstyles.argument_expression(p)}" for p in params) + "}"

    if op.path_parameters:
        path = f"format_path({pysource.literal(op.path)}, {mapping(op.path_parameters)})"
    else:
        path = pysource.literal(op.path)
    options = [f"method={pysource.literal(op.http_method)}", f"path={path}"]
    if op.query_parameters:
        options.append(f"query={mapping(op.query_parameters)}")
    accept = response_methods.accept_header(op.response)
    if op.header_parameters or accept:
        headers = mapping(op.header_parameters)
        if accept:  # the media types the spec answers with, before any Accept parameter of the spec
            headers = "{" + f"{pysource.literal('Accept')}: {pysource.literal(accept)}" + (", " if op.header_parameters else "") + headers[1:]
        options.append(f"headers={headers}")
    if op.cookie_parameters:
        options.append(f"cookies={mapping(op.cookie_parameters)}")
    if op.body is not None:
        options.append(f"body={requestbodies.body_expression(op.body)}")
    options += ["extra_headers=extra_headers", "extra_query=extra_query", "timeout=timeout", "max_retries=max_retries"]
    options.append(f"operation={pysource.literal(op.operation_id)}")
    options += auth_view.request_options(op)

    def runtime(annotation: str) -> str:
        spelled = _runtime_models(annotation, models)
        if annotation in unions or _is_union(annotation):  # not a class (a tagged union's alias, A | B): type checkers need its members
            return f"cast({pysource.literal(f'type[{annotation}]')}, {spelled})"
        return spelled

    return response_methods.request_lines(op, is_async, options, runtime)


_PER_CALL = ("extra_headers", "extra_query", "timeout", "max_retries")


def _pagination_method(op: ir.Operation, is_async: bool) -> _Method:
    method = pagination_methods.all_method(op, is_async, _argument)
    docstring = _method_docstring(
        ir.Operation(**{**op.__dict__, "summary": f"Every item of `{op.name}`, fetched page by page.", "description": (
            f"Pages by {pagination_methods.how(op)}. The other arguments are sent on every request, and each item is yielded once."
        )}),
        method.parameters,
        method.docstring_args,
    )
    return _Method(
        name=method.name,
        def_keyword="def",
        positional=method.positional,
        keyword=method.keyword,
        returns=method.returns,
        docstring=docstring,
        body=method.body,
    )


def _resource_view(api: ir.Api, resource: ir.Resource) -> dict[str, Any]:
    unions = frozenset(m.class_name for m in api.models if m.kind == "union")
    variants = []
    for prefix, is_async in (("", False), ("Async", True)):
        variant = _Variant(
            prefix=prefix,
            client_class="AsyncAPIClient" if is_async else "SyncAPIClient",
            raw_wrapper="async_to_raw_response_wrapper" if is_async else "to_raw_response_wrapper",
            streamed_wrapper="async_to_streamed_response_wrapper" if is_async else "to_streamed_response_wrapper",
        )
        for op in resource.operations:
            params = op.signature_parameters
            body_required, body_optional = _body_arguments(op.body)
            keyword = [_argument(p) for p in params if p.required and p.location != "path"]
            keyword += body_required
            keyword += [_argument(p) for p in params if not p.required]
            keyword += body_optional
            positional = [_argument(p) for p in params if p.required and p.location == "path"]
            def_keyword = "async def" if is_async else "def"
            for stub in response_methods.overloads(op, keyword, is_async):
                variant.methods.append(
                    _Method(op.name, def_keyword, positional, stub.keyword, stub.returns, "", ["..."], decorator="overload")
                )
            variant.methods.append(
                _Method(
                    name=op.name,
                    def_keyword=def_keyword,
                    positional=positional,
                    keyword=keyword,
                    returns=response_methods.returns(op, is_async),
                    docstring=_method_docstring(op, params, _body_docs(op.body)),
                    body=_request_call(op, is_async, resource.model_imports, unions),
                )
            )
            variant.raw_methods.append((op.name, variant.raw_wrapper))
            variant.streamed_methods.append(op.name)
            if op.pagination:
                variant.methods.append(_pagination_method(op, is_async))
                pages_wrapper = "async_to_raw_pages_wrapper" if is_async else "to_raw_pages_wrapper"
                variant.raw_methods.append((f"{op.name}_all", pages_wrapper))
        variants.append(variant)

    _qualify_shadowed_builtins(variants)
    exports = sorted(
        f"{p}{resource.class_name}{s}" for p in ("", "Async") for s in ("", "WithRawResponse", "WithStreamingResponse")
    )
    model_imports = _alias_clashing_models(variants, resource.model_imports, set(exports) | _MODULE_NAMES)
    source = " ".join(
        " ".join([*m.positional, *m.keyword, m.returns, *m.body]) for v in variants for m in v.methods
    )
    ops = resource.operations
    paginated = any(op.pagination for op in ops)
    imports = ["import builtins"] if "builtins." in source else []
    imports.append("from collections.abc import Mapping")
    dates = sorted(name for name in ("date", "datetime") if re.search(rf"\b{name}\b", source))
    if dates:
        imports.append(f"from datetime import {', '.join(dates)}")
    imports.append("from functools import cached_property")
    if re.search(r"\bUUID\b", source):
        imports.append("from uuid import UUID")
    kind_typing, kind_imports = response_methods.imports(source, any(m.decorator for v in variants for m in v.methods))
    typing_names = (["TYPE_CHECKING"] if model_imports else []) + (["Any"] if re.search(r"\bAny\b", source) else [])
    typing_names += ["cast"] if re.search(r"\bcast\(", source) else []
    typing_names = sorted(typing_names + kind_typing, key=lambda name: (not name.isupper(), name))
    if typing_names:
        imports.append(f"from typing import {', '.join(typing_names)}")
    imports.append("")
    if model_imports:
        imports.append(f"from .. import {MODELS_PACKAGE} as {_MODELS_ALIAS}")
    imports.append(
        "from .._base_client import NOT_GIVEN, AsyncAPIClient, NotGiven, RequestOptions, SyncAPIClient, Timeout"
    )
    if paginated:
        used = sorted(name for name in pagination_methods.RUNTIME_NAMES if re.search(rf"\b{name}\b", source))
        imports.append(f"from .._pagination import {', '.join([*used, 'async_to_raw_pages_wrapper', 'to_raw_pages_wrapper'])}")
    bodies = [name for name in requestbodies.RUNTIME_CLASSES if f"{name}(" in source]
    if bodies:
        imports.append(f"from .._bodies import {', '.join(bodies)}")
    if re.search(r"\bFileTypes\b", source):
        imports.append("from .._files import FileTypes")
    query_names = (["format_path"] if any(op.path_parameters for op in ops) else []) + (["styled"] if "styled(" in source else [])
    if query_names:
        imports.append(f"from .._query import {', '.join(query_names)}")
    wrappers = ["async_to_raw_response_wrapper", "to_raw_response_wrapper"]
    imports.append(f"from .._response import {', '.join(wrappers)}")
    imports.append("from .._streamed_response import async_to_streamed_response_wrapper, to_streamed_response_wrapper")
    runtime_imports = sorted([line for line in imports if line.startswith("from .._")] + kind_imports)
    imports = [line for line in imports if not line.startswith("from .._")] + runtime_imports
    type_checking = layout.import_from(f"..{MODELS_PACKAGE}", model_imports, indent=4) if model_imports else []
    _lay_out(variants, resource.class_name)
    return {
        "imports": [line for statement in imports for line in layout.import_statement(statement)],
        "type_checking_imports": type_checking,
        "variants": variants,
        "all": layout.collection("__all__ = [", [pysource.literal(name) for name in exports], "]"),
    }


# Where the resource template writes a method's arguments, its body, and the wrapper classes'
# assignments (columns).
_METHOD_INDENT = 8


def _lay_out(variants: list[_Variant], class_name: str) -> None:
    """The methods' code broken into lines as black would break it (see generator/common/layout.py)."""
    for variant in variants:
        variant.raw_property = layout.signature(
            "def with_raw_response(", ["self"], f") -> {variant.prefix}{class_name}WithRawResponse:", 4
        )
        variant.streaming_property = layout.signature(
            "def with_streaming_response(", ["self"], f") -> {variant.prefix}{class_name}WithStreamingResponse:", 4
        )
        for method in variant.methods:
            method.positional = _laid([f"{arg}," for arg in method.positional])
            method.keyword = _laid([f"{arg}," for arg in method.keyword])
            method.body = _laid(method.body)
        variant.raw_lines = _laid([f"self.{name} = {wrapper}(resource.{name})" for name, wrapper in variant.raw_methods])
        variant.streamed_lines = _laid([f"self.{name} = {variant.streamed_wrapper}(resource.{name})" for name in variant.streamed_methods])


def _laid(lines: list[str]) -> list[str]:
    """Each statement (a line, maybe indented further than the template's column, or empty)
    as black breaks it, keeping its extra indentation."""
    result = []
    for line in lines:
        code = line.lstrip()
        extra = line[: len(line) - len(code)]
        result += [extra + laid for laid in layout.statement(code, _METHOD_INDENT + len(extra))] if code else [""]
    return result


# Names a resource module defines or imports besides its models.
_MODULE_NAMES = frozenset(
    {"Mapping", "AsyncIterator", "Iterator", "date", "datetime", "cached_property", "Any", "builtins", "UUID"}
    | {"NOT_GIVEN", "AsyncAPIClient", "NotGiven", "RequestOptions", "SyncAPIClient", "Timeout"}
    | {"format_path", "styled", "FileTypes"}
    | pagination_methods.RUNTIME_NAMES
    | set(requestbodies.RUNTIME_CLASSES)
    | {"async_to_raw_response_wrapper", "to_raw_response_wrapper", _MODELS_ALIAS, "TYPE_CHECKING"}
    | {"async_to_raw_pages_wrapper", "to_raw_pages_wrapper"}
    | {"async_to_streamed_response_wrapper", "to_streamed_response_wrapper"}
    | response_methods.MODULE_NAMES
)


def _alias_clashing_models(variants: list[_Variant], models: tuple[str, ...], taken: set[str]) -> list[str]:
    """The model imports, with ``X as XModel`` for a model named like the resource class (a
    tag ``Board`` beside a schema ``Board``) or a runtime name; their uses are renamed."""
    clashing = {name for name in models if name in taken}
    if not clashing:
        return list(models)
    renames = {name: f"{name}Model" for name in clashing}
    for variant in variants:
        for method in variant.methods:
            method.positional = [_rename(arg, renames) for arg in method.positional]
            method.keyword = [_rename(arg, renames) for arg in method.keyword]
            method.returns = _rename(method.returns, renames)
            method.body = [_rename(line, renames) for line in method.body]
    return [f"{name} as {name}Model" if name in clashing else name for name in models]


def _rename(code: str, renames: dict[str, str]) -> str:
    """``code`` with the names in ``renames`` replaced; strings, attributes and spacing are left alone."""
    starts = [0]  # the offset of each line of ``code``
    for line in code.splitlines(keepends=True):
        starts.append(starts[-1] + len(line))
    pieces = []
    done = 0
    previous = ""
    for token in tokenize.generate_tokens(io.StringIO(code).readline):
        if token.type == tokenize.NAME and previous != "." and token.string in renames:
            start, end = starts[token.start[0] - 1] + token.start[1], starts[token.end[0] - 1] + token.end[1]
            pieces += [code[done:start], renames[token.string]]
            done = end
        if token.type not in (tokenize.NEWLINE, tokenize.NL, tokenize.ENDMARKER, tokenize.INDENT, tokenize.DEDENT):
            previous = token.string
    return "".join(pieces) + code[done:]


_SHADOWABLE = ("list", "dict", "type", "str", "int", "float", "bool")


def _qualify_shadowed_builtins(variants: list[_Variant]) -> None:
    """Write ``builtins.list[...]`` in signatures when a method of the class is named ``list``.

    Annotations are resolved in the class body, where a method ``list`` hides the builtin.
    """
    shadowed = {m.name for v in variants for m in v.methods} & set(_SHADOWABLE)
    if not shadowed:
        return
    renames = {name: f"builtins.{name}" for name in shadowed}
    for variant in variants:
        for method in variant.methods:
            method.positional = [_rename(arg, renames) for arg in method.positional]
            method.keyword = [_rename(arg, renames) for arg in method.keyword]
            method.returns = _rename(method.returns, renames)


# -- metadata -------------------------------------------------------------------


def _pyproject_view(config: GeneratorConfig) -> dict[str, Any]:
    """The package metadata that comes from the config or the spec's ``info`` (never made up)."""
    authors = [
        "{ " + ", ".join(f"{key} = {_toml_string(value)}" for key, value in (("name", name), ("email", email)) if value) + " }"
        for name, email in config.authors
    ]
    return {"license": config.license, "authors": authors, "urls": [(label, _toml_string(url)) for label, url in config.urls]}


def _readme_view(api: ir.Api) -> dict[str, Any]:
    example = None
    for resource in api.resources:
        for op in resource.operations:
            if op.http_method == "GET" and not op.path_parameters:
                example = (resource, op)
                break
        if example:
            break
    arguments = ", ".join(f"{p.name}={_SAMPLE_VALUES[p.annotation]}" for p in _example_parameters(example[1])) if example else ""
    methods = []
    for resource in api.resources:
        for op in resource.operations:
            shown = [p.name for p in op.path_parameters]
            if len(op.parameters) > len(op.path_parameters) or op.body:
                shown.append("...")
            methods.append(f"client.{resource.name}.{op.name}({', '.join(shown)})  # {op.http_method} {op.path}")
    return {
        **requestbodies.readme_view(api),
        "example": example,
        "example_arguments": arguments,
        "uses_datetime": "datetime(" in arguments,
        "methods": methods,
        "has_pagination": any(op.pagination for r in api.resources for op in r.operations),
        "paginated": _paginated_rows(api),
        "media": response_methods.readme_examples(api),
        "webhooks": webhook_views.readme_view(api),
    }


def _paginated_rows(api: ir.Api) -> list[dict[str, str]]:
    """The README's list of paginated operations: which iterator, and how it pages."""
    rows = []
    for resource in api.resources:
        for op in resource.operations:
            if op.pagination:
                path_args = [f'"{p.name}"' for p in op.path_parameters if p.required]
                size = [f"page_size={op.pagination.page_size_default}"] if op.pagination.page_size_param else []
                example = ", ".join([*path_args, *size])
                rows.append({
                    "resource": resource.name,
                    "method": op.name,
                    "route": f"{op.http_method} {op.path}",
                    "how": pagination_methods.how(op),
                    "source": pagination_methods.source_note(op.pagination),
                    "example": example,
                })
    return rows


def _example_parameters(op: ir.Operation) -> list[ir.Parameter]:
    """The arguments of the README's example call, chosen by role, so that adding a parameter
    does not rewrite the example: the required ones, the page size of a paginated operation and
    the first date-time filter; or, when there is none of these, the first one."""
    usable = [p for p in op.query_parameters if p.annotation in _SAMPLE_VALUES]
    picked = [p for p in usable if p.required]
    if op.pagination:
        picked += [p for p in usable if p.name == op.pagination.page_size_param]
    picked += [p for p in usable if p.annotation.startswith("datetime")][:1]
    if not picked:
        picked = usable[:1]
    return list(dict.fromkeys(picked))


# Example values for the README, by argument annotation.
_SAMPLE_VALUES = {
    "str": '"..."',
    "float": "10",
    "int": "10",
    "bool": "True",
    "datetime | str": "datetime(2024, 1, 1, tzinfo=timezone.utc)",
}


def _docblock(text: str, indent: int) -> str:
    """A docstring body for a block at ``indent``: escaped, indented, closing quotes on their own line."""
    body = pysource.docstring(text)
    if "\n" not in body:
        return body
    pad = " " * indent
    return "\n".join(line if not line else pad + line for line in body.split("\n")).lstrip() + "\n" + pad


def _toml_string(value: str) -> str:
    """A TOML basic string."""
    escaped = value.replace("\\", "\\\\").replace('"', '\\"')
    escaped = re.sub(r"[\x00-\x1f\x7f]", lambda m: f"\\u{ord(m.group()):04x}", escaped)
    return f'"{escaped}"'


def _markdown_text(value: str) -> str:
    """Text for one Markdown table cell or line: no HTML, no pipes breaking tables, one line."""
    text = " ".join(str(value).split())
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("|", "\\|")
    return text.replace("`", "'")
