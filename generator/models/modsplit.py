"""Split the one models module datamodel-code-generator writes into one module per model.

Why: a client generated from a large spec (the whole Vapi spec has about a thousand schemas)
must not build every pydantic model when it is imported. With one module per model, the
package's ``types/__init__.py`` can import a model on first access, and importing a model
imports exactly the models it refers to.

Models that refer to each other in a cycle cannot live in separate modules (each would import
the other), so the unit is a strongly connected group of definitions: usually one class, a
whole cycle when there is one. The modules form a DAG; each imports what it uses from the
modules below it. Source text is moved, never rewritten: the split works on line ranges of
the parsed module, so descriptions reach the output exactly as datamodel-code-generator
escaped them.
"""

from __future__ import annotations

import ast
import hashlib
import io
import keyword
import sys
from dataclasses import dataclass

from ..common.naming import snake_case


class SplitError(Exception):
    """datamodel-code-generator wrote something the split does not understand: a generator bug."""


@dataclass(frozen=True)
class SplitModule:
    name: str  # the module's name inside the models package: "call"
    defines: tuple[str, ...]  # the public names it defines, in source order
    source: str


@dataclass
class _Definition:
    names: tuple[str, ...]
    text: str
    uses: set[str]
    rebuilds: list[str]  # `X.model_rebuild()` lines that belong with it


def split_models(source: str, package: str) -> tuple[SplitModule, ...]:
    """``source`` as modules of ``package.<models package>``, ordered so that each module only
    imports modules before it. Absolute imports from ``package`` become relative ones."""
    imports, definitions = _read_module(source, package)
    owner = {name: d for d in definitions for name in d.names}
    groups = _strongly_connected(definitions, owner)
    names = _module_names([group[0].names[0] for group in groups], set(owner))
    module_of = {id(d): name for group, name in zip(groups, names) for d in group}
    return tuple(
        SplitModule(name, tuple(n for d in group for n in d.names), _module_source(group, imports, owner, module_of))
        for group, name in zip(groups, names)
    )


def _read_module(source: str, package: str) -> tuple[list[ast.Import | ast.ImportFrom], list[_Definition]]:
    """The module's imports and its definitions (each with the rebuild calls that follow it)."""
    tree = ast.parse(source)
    # Python's own line ends only: str.splitlines would also split at a form feed or U+2028
    # that a docstring from the spec may hold, and the lines would no longer match ``ast``'s.
    lines = io.StringIO(source, newline="").readlines()
    imports: list[ast.Import | ast.ImportFrom] = []
    definitions: list[_Definition] = []
    owner: dict[str, _Definition] = {}
    for node in tree.body:
        if isinstance(node, ast.ImportFrom) and node.level == 0 and (node.module or "").split(".")[0] == package:
            node = ast.ImportFrom(module=(node.module or "").removeprefix(package).lstrip(".") or None, names=node.names, level=2)
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            imports.append(node)
        elif (rebuilt := _rebuilt_name(node)) is not None:
            if rebuilt not in owner:
                raise SplitError(f"line {node.lineno}: model_rebuild() of an unknown model {rebuilt!r}")
            owner[rebuilt].rebuilds.append(_text(lines, node))
        else:
            definition = _Definition(_defined_names(node), _text(lines, node), _used_names(node), [])
            definitions.append(definition)
            owner.update(dict.fromkeys(definition.names, definition))
    return imports, definitions


def _module_source(
    group: list[_Definition],
    imports: list[ast.Import | ast.ImportFrom],
    owner: dict[str, _Definition],
    module_of: dict[int, str],
) -> str:
    """One module: the imports its definitions use (from the original ones, and from the
    modules that define the other models it refers to), then the definitions, then rebuilds."""
    defined = {name for d in group for name in d.names}
    used = set().union(*(d.uses for d in group))
    kept = [
        _with_names(node, names)
        for node in imports
        if (names := [a for a in node.names if (a.asname or a.name).split(".")[0] in used or _is_future(node)])
    ]
    local: dict[str, list[str]] = {}
    for name in sorted(used - defined):
        if name in owner:
            local.setdefault(module_of[id(owner[name])], []).append(name)
    kept += [ast.ImportFrom(module=module, names=[ast.alias(n) for n in local[module]], level=1) for module in local]
    body = "\n\n".join(d.text for d in group)
    rebuilds = "".join(r for d in group for r in d.rebuilds)
    return _import_block(kept) + "\n\n" + body + ("\n\n" + rebuilds if rebuilds else "")


def _text(lines: list[str], node: ast.stmt) -> str:
    start = min([node.lineno, *(d.lineno for d in getattr(node, "decorator_list", ()))])
    assert node.end_lineno is not None
    return "".join(lines[start - 1 : node.end_lineno])


def _rebuilt_name(node: ast.stmt) -> str | None:
    """``X`` for a statement ``X.model_rebuild()``."""
    if (
        isinstance(node, ast.Expr)
        and isinstance(node.value, ast.Call)
        and isinstance(node.value.func, ast.Attribute)
        and node.value.func.attr == "model_rebuild"
        and isinstance(node.value.func.value, ast.Name)
    ):
        return node.value.func.value.id
    return None


def _defined_names(node: ast.stmt) -> tuple[str, ...]:
    if isinstance(node, ast.ClassDef):
        return (node.name,)
    if isinstance(node, ast.Assign) and all(isinstance(t, ast.Name) for t in node.targets):
        return tuple(t.id for t in node.targets if isinstance(t, ast.Name))
    if isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
        return (node.target.id,)
    raise SplitError(f"line {node.lineno}: unexpected top-level statement {type(node).__name__}")


def _used_names(node: ast.stmt) -> set[str]:
    """The names ``node`` refers to, including forward references written as strings in
    annotations and base classes (``RootModel[dict[str, "B"]]`` for a cycle)."""
    used = {n.id for n in ast.walk(node) if isinstance(n, ast.Name)}
    for n in ast.walk(node):
        types = [n.annotation] if isinstance(n, ast.AnnAssign) else n.bases if isinstance(n, ast.ClassDef) else []
        for expression in types:
            used |= _quoted_names(expression)
    return used


def _quoted_names(expression: ast.expr) -> set[str]:
    """Names inside string literals of a type expression; arguments of calls (``Field(alias=
    "X")``) are data, not types, and are skipped."""
    if isinstance(expression, ast.Call):
        return set()
    if isinstance(expression, ast.Constant) and isinstance(expression.value, str):
        try:
            parsed = ast.parse(expression.value, mode="eval").body
        except SyntaxError:
            return set()
        return {n.id for n in ast.walk(parsed) if isinstance(n, ast.Name)} | _quoted_names(parsed)
    return set().union(*(_quoted_names(child) for child in ast.iter_child_nodes(expression) if isinstance(child, ast.expr)))


def _is_future(node: ast.Import | ast.ImportFrom) -> bool:
    return isinstance(node, ast.ImportFrom) and node.module == "__future__"


def _with_names(node: ast.Import | ast.ImportFrom, names: list[ast.alias]) -> ast.Import | ast.ImportFrom:
    if isinstance(node, ast.ImportFrom):
        return ast.ImportFrom(module=node.module, names=names, level=node.level)
    return ast.Import(names=names)


def _import_block(imports: list[ast.Import | ast.ImportFrom]) -> str:
    """The imports in isort's sections (future, standard library, others, relative), each
    sorted, one blank line between sections."""

    def section(node: ast.Import | ast.ImportFrom) -> int:
        if isinstance(node, ast.ImportFrom) and node.level:
            return 3
        if _is_future(node):
            return 0
        top = (node.module if isinstance(node, ast.ImportFrom) else node.names[0].name) or ""
        return 1 if top.split(".")[0] in sys.stdlib_module_names else 2

    sections: dict[int, list[str]] = {}
    for node in imports:
        sections.setdefault(section(node), []).append(ast.unparse(node))
    return "\n".join("\n".join(sorted(lines)) + "\n" for _, lines in sorted(sections.items()))


def _strongly_connected(definitions: list[_Definition], owner: dict[str, _Definition]) -> list[list[_Definition]]:
    """Tarjan's algorithm: groups in dependency order (a group's dependencies come before it);
    within a group, definitions keep their source order, which datamodel-code-generator chose
    so that the group's classes can be created one after the other."""
    position = {id(d): i for i, d in enumerate(definitions)}
    edges = {
        id(d): sorted({position[id(owner[n])] for n in d.uses if n in owner and owner[n] is not d})
        for d in definitions
    }
    index: dict[int, int] = {}
    low: dict[int, int] = {}
    on_stack: set[int] = set()
    stack: list[int] = []
    groups: list[list[_Definition]] = []
    counter = 0
    for root in range(len(definitions)):
        if root in index:
            continue
        # Iterative, so a long chain of models cannot exhaust the recursion limit.
        work = [(root, 0)]
        while work:
            node, child = work.pop()
            if child == 0:
                index[node] = low[node] = counter
                counter += 1
                stack.append(node)
                on_stack.add(node)
            targets = edges[id(definitions[node])]
            if child < len(targets):
                work.append((node, child + 1))
                target = targets[child]
                if target not in index:
                    work.append((target, 0))
                elif target in on_stack:
                    low[node] = min(low[node], index[target])
                continue
            if low[node] == index[node]:
                members = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    members.append(member)
                    if member == node:
                        break
                groups.append([definitions[i] for i in sorted(members)])
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
    return groups


_MAX_MODULE_NAME = 80


def _module_names(first_names: list[str], taken_names: set[str]) -> list[str]:
    """A snake_case module name per group, from its first definition: ``CallType`` ->
    ``call_type``; never a keyword, never a name the package exports (``types.call`` the
    module must not hide a class ``call``), never longer than a file name may be, never twice."""
    taken = set(taken_names) | {"__init__"}
    result = []
    for name in first_names:
        base = snake_case(name)
        if not (base.isascii() and base.isidentifier()) or base.startswith("_"):
            base = "model"
        if keyword.iskeyword(base) or keyword.issoftkeyword(base):
            base += "_"
        if len(base) > _MAX_MODULE_NAME:  # file names are limited (255 bytes on most systems)
            base = f"{base[: _MAX_MODULE_NAME - 9]}_{hashlib.sha256(name.encode()).hexdigest()[:8]}"
        candidate, n = base, 2
        while candidate in taken:
            candidate, n = f"{base}_{n}", n + 1
        taken.add(candidate)
        result.append(candidate)
    return result
