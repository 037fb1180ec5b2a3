"""Honest packages: everything a generated package imports is in its declared dependencies.

The dependencies are those the rendered ``pyproject.toml`` declares; every import of every
generated module must be the standard library, the package itself, or one of them. Some
names need an extra of a dependency (pydantic's ``EmailStr`` needs ``pydantic[email]``);
they count only when the extra is declared. Some need a release of it: a name imported from
``typing_extensions`` counts only when the declared lower bound is a release that has it
(``TypeAliasType`` since 4.6.0; datamodel-code-generator writes it for a map of constrained
values), so the floor the package names is one that really works. A violation is a bug in the generator (an option
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
# The typing_extensions release that first had each backport datamodel-code-generator can import
# from it (its changelog); every other name it imports must be in Python 3.10's own typing.
_INTRODUCED = {
    "Self": (4, 0, 0),
    "Required": (4, 0, 0),
    "NotRequired": (4, 0, 0),
    "Never": (4, 1, 0),
    "LiteralString": (4, 1, 0),
    "TypeVarTuple": (4, 1, 0),
    "Unpack": (4, 1, 0),
    "override": (4, 4, 0),
    "TypeAliasType": (4, 6, 0),
    "Buffer": (4, 6, 0),
    "ReadOnly": (4, 9, 0),
    "TypeIs": (4, 10, 0),
    "NoDefault": (4, 12, 0),
}
_TYPING_310 = frozenset(
    "Annotated Any Callable ClassVar Dict Final FrozenSet Generic List Literal Mapping Optional "
    "Sequence Set Tuple Type TypeAlias TypeVar TypedDict Union cast overload".split()
)
_LOWER_BOUND = re.compile(r">=\s*([0-9]+(?:\.[0-9]+)*)")
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


def lower_bounds(pyproject: str) -> dict[str, tuple[int, ...]]:
    """The declared lower bound (``>=``) of each dependency that has one: distribution -> version.

    A dependency declared per Python (environment markers) has the lowest of its bounds: the
    oldest version some Python may install is the one its imports must work with."""
    result: dict[str, tuple[int, ...]] = {}
    for requirement in tomllib.loads(pyproject)["project"].get("dependencies", []):
        name, bound = _REQUIREMENT.match(requirement), _LOWER_BOUND.search(requirement)
        if name and bound:
            key = re.sub(r"[-_.]+", "_", name[1]).lower()
            version = tuple(int(part) for part in bound[1].split("."))
            result[key] = min(result.get(key, version), version)
    return result


def check_dependencies(files: dict[str, str], package: str) -> None:
    """Raise :class:`GeneratedCodeError` for an import of ``files`` that the package does not declare."""
    for path, problem in undeclared_imports(files, package).items():
        raise GeneratedCodeError(path, problem)


def undeclared_imports(files: dict[str, str], package: str) -> dict[str, str]:
    """Each file of ``files`` that imports what the package does not declare: path -> the first such import."""
    found: dict[str, str] = {}
    deps = declared(files["pyproject.toml"])
    floors = lower_bounds(files["pyproject.toml"])
    allowed = set(sys.stdlib_module_names) | {"__future__", package}
    for dist in deps:
        allowed.update(_MODULES.get(dist, (dist,)))
    for path, text in sorted(files.items()):
        if path.endswith(".py") and _suspect(text, allowed, deps, floors):
            problem = _first_problem(path, text, allowed, deps, floors)
            if problem:
                found[path] = problem
    return found


def _fine(module: str, names: list[str], allowed: set[str], deps: dict[str, set[str]], floors: dict[str, tuple[int, ...]]) -> str | None:
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
    if module == "typing_extensions":
        return _backports_covered(names, floors.get("typing_extensions", (0,)))
    return None


def _backports_covered(names: list[str], floor: tuple[int, ...]) -> str | None:
    for name in names:
        since = _INTRODUCED.get(name)
        if since is None and name not in _TYPING_310:
            return f"imports {name} from typing_extensions, which no release is known here to have"
        if since is not None and floor < since:
            have = ".".join(map(str, floor))
            return f"imports {name} from typing_extensions, which needs typing-extensions>={'.'.join(map(str, since))} (declared: >={have})"
    return None


def _suspect(text: str, allowed: set[str], deps: dict[str, set[str]], floors: dict[str, tuple[int, ...]]) -> bool:
    for match in _IMPORT_LINE.finditer(text):
        if match[3] is not None:
            modules = [part.split(" as ")[0].strip() for part in match[3].split(",")]
            if any(_fine(m, [], allowed, deps, floors) for m in modules if m):
                return True
        else:
            names = [part.split(" as ")[0].strip() for part in match[2].strip("()").split(",")]
            if _fine(match[1], [n for n in names if n], allowed, deps, floors):
                return True
    return False


def _first_problem(path: str, text: str, allowed: set[str], deps: dict[str, set[str]], floors: dict[str, tuple[int, ...]]) -> str | None:
    try:
        tree = ast.parse(text, filename=path)
    except SyntaxError as exc:
        return f"not valid Python: {exc}"
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if problem := _fine(alias.name, [], allowed, deps, floors):
                    return problem
        elif isinstance(node, ast.ImportFrom) and node.level == 0:
            if problem := _fine(node.module or "", [a.name for a in node.names], allowed, deps, floors):
                return problem
    return None
