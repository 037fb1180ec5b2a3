"""Honest packages: everything a generated package imports is in its declared dependencies.

The dependencies are those the rendered ``pyproject.toml`` declares; every import of every
generated module must be the standard library, the package itself, or one of them. Some
names need an extra of a dependency (pydantic's ``EmailStr`` needs ``pydantic[email]``);
they count only when the extra is declared. A violation is a bug in the generator (an option
of datamodel-code-generator that brings in a new type, a template change), so it stops the
run as an internal error instead of shipping a package that fails at import on a clean install.

Cheap on a large output: a regular expression lists the import lines of each file, and only a
file where one of them looks wrong is parsed, to tell a real import from docstring text.
"""

from __future__ import annotations

import ast
import re
import sys

if sys.version_info >= (3, 11):
    import tomllib
else:  # the same parser, before it joined the standard library
    import tomli as tomllib

from .formatting import GeneratedCodeError

# Import names of a distribution, where they differ from its (normalised) name.
_MODULES = {"pydantic": ("pydantic", "pydantic_core")}
# Names importable from a module only with an extra of its distribution installed.
_NEEDS_EXTRA = {
    ("pydantic", "EmailStr"): ("pydantic", "email"),
    ("pydantic", "NameEmail"): ("pydantic", "email"),
    ("pydantic.networks", "EmailStr"): ("pydantic", "email"),
    ("pydantic.networks", "NameEmail"): ("pydantic", "email"),
}
_REQUIREMENT = re.compile(r"^\s*([A-Za-z0-9][A-Za-z0-9._-]*)\s*(?:\[([^\]]*)\])?")
_IMPORT_LINE = re.compile(r"^[ \t]*(?:from[ \t]+(\.*[\w.]*)[ \t]+import[ \t]+(\([^)]*\)|[^\n]*)|import[ \t]+([^\n]+))", re.MULTILINE)


def declared(pyproject: str) -> dict[str, set[str]]:
    """The declared dependencies of a ``pyproject.toml``: distribution -> its extras."""
    result: dict[str, set[str]] = {}
    for requirement in tomllib.loads(pyproject)["project"].get("dependencies", []):
        match = _REQUIREMENT.match(requirement)
        if match:
            name = re.sub(r"[-_.]+", "_", match[1]).lower()
            result[name] = {e.strip() for e in (match[2] or "").split(",") if e.strip()}
    return result


def check_dependencies(files: dict[str, str], package: str) -> None:
    """Raise :class:`GeneratedCodeError` for an import of ``files`` that the package does not declare."""
    deps = declared(files["pyproject.toml"])
    allowed = set(sys.stdlib_module_names) | {"__future__", package}
    for dist in deps:
        allowed.update(_MODULES.get(dist, (dist,)))
    for path, text in sorted(files.items()):
        if path.endswith(".py") and _suspect(text, allowed, deps):
            problem = _first_problem(path, text, allowed, deps)
            if problem:
                raise GeneratedCodeError(f"{path}: {problem}")


def _fine(module: str, names: list[str], allowed: set[str], deps: dict[str, set[str]]) -> str | None:
    """``None``, or why importing ``names`` from ``module`` is not covered by the dependencies."""
    if module.startswith("."):
        return None
    top = module.split(".")[0]
    if top not in allowed:
        return f"imports {module!r}, which is not a declared dependency"
    for name in names:
        need = _NEEDS_EXTRA.get((module, name))
        if need and need[1] not in deps.get(need[0], set()):
            return f"imports {name} from {module}, which needs {need[0]}[{need[1]}] (not declared)"
    return None


def _suspect(text: str, allowed: set[str], deps: dict[str, set[str]]) -> bool:
    for match in _IMPORT_LINE.finditer(text):
        if match[3] is not None:
            modules = [part.split(" as ")[0].strip() for part in match[3].split(",")]
            if any(_fine(m, [], allowed, deps) for m in modules if m):
                return True
        else:
            names = [part.split(" as ")[0].strip() for part in match[2].strip("()").split(",")]
            if _fine(match[1], [n for n in names if n], allowed, deps):
                return True
    return False


def _first_problem(path: str, text: str, allowed: set[str], deps: dict[str, set[str]]) -> str | None:
    try:
        tree = ast.parse(text, filename=path)
    except SyntaxError as exc:
        return f"not valid Python: {exc}"
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if problem := _fine(alias.name, [], allowed, deps):
                    return problem
        elif isinstance(node, ast.ImportFrom) and node.level == 0:
            if problem := _fine(node.module or "", [a.name for a in node.names], allowed, deps):
                return problem
    return None
