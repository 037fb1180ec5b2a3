"""A generated file that cannot ship costs its model or its operations, never the whole spec.

A rendered module that does not compile, or that imports what the package does not declare, is
a bug of the generator (or of datamodel-code-generator), not of the spec; but one such bug
should not lose a user every other operation. So:

- a model module: the components it was made from fall back to permissive types
  (generator/models/fallback.py) and the models are made again;
- a resource module: each of its operations is rendered alone, and those whose code is still
  unusable are skipped with a ``warning:`` (like any unsupported operation); when none is
  unusable alone, all of the resource's operations are;
- any other file (the client, the package's ``__init__``): an internal error, as before.
"""

from __future__ import annotations

from dataclasses import replace

from ..models.fallback import component_of
from ..models.models import MODELS_PACKAGE, ModelModule
from ..parse import ir
from ..common import pointer as jsonpointer
from ..render.render import render_package
from .deps import undeclared_imports


def compile_problem(path: str, text: str) -> str | None:
    try:
        compile(text, path, "exec")
    except (SyntaxError, ValueError) as exc:
        return f"generated code is not valid Python: {exc}"
    return None


def components_to_fall_back(path: str, problem: str, api: ir.Api, models: ModelModule) -> dict[str, str]:
    """The components whose models live in the model module at ``path`` (name -> why)."""
    prefix = f"{api.config.package_name}/{MODELS_PACKAGE}/"
    if not path.startswith(prefix):
        return {}
    module = path[len(prefix) :].removesuffix(".py")
    defines = {name for m in api.model_modules if m.name == module for name in m.defines}
    why = f"its module {module}.py {problem}" if problem.startswith("imports") else f"its module {module}.py: {problem}"
    found = {}
    for cls in models.classes:
        component = component_of(cls.source_ref) if cls.class_name in defines else None
        if component is not None:
            found[component] = why
    return found


def without_broken_operations(api: ir.Api, path: str, problem: str) -> ir.Api | None:
    """``api`` without the operations of the resource module at ``path`` whose code is unusable,
    each a warning; ``None`` when ``path`` is not a resource module."""
    package = api.config.package_name
    resource = next((r for r in api.resources if f"{package}/resources/{r.module}.py" == path), None)
    if resource is None:
        return None
    broken = [op for op in resource.operations if _unusable_alone(api, resource, op, path)] or list(resource.operations)
    skipped = [
        ir.Finding(jsonpointer.join(["paths", op.path, op.http_method.lower()]), f"skipped: its generated code is unusable ({problem})", skips_operation=True)
        for op in broken
    ]
    kept = tuple(op for op in resource.operations if op not in broken)
    resources = tuple(r if r is not resource else replace(r, operations=kept) for r in api.resources if r is not resource or kept)
    return replace(api, resources=resources, warnings=(*api.warnings, *skipped))


def _unusable_alone(api: ir.Api, resource: ir.Resource, operation: ir.Operation, path: str) -> bool:
    alone = replace(api, resources=(replace(resource, operations=(operation,)),))
    files = render_package(alone).files
    return bool(compile_problem(path, files[path]) or undeclared_imports({"pyproject.toml": files["pyproject.toml"], path: files[path]}, api.config.package_name))
