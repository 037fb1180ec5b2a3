"""The generator's layering: each subpackage is one stage of the pipeline, and no module imports
from a stage later than its own (shared helpers sit at the bottom, the commands at the top).
Every import counts, including the ones inside functions and ``if TYPE_CHECKING:`` blocks: a
lazy import back up is still a cycle between stages."""

from __future__ import annotations

import ast
import shutil
from pathlib import Path

import pytest

import generator
from generator.common import resources, stagecache

PACKAGE = Path(generator.__file__).resolve().parent

# Lowest first. A subpackage is one stage; the top-level modules each have their own place.
ORDER: tuple[tuple[str, ...], ...] = (
    ("errors", "progress", "common"),  # shared by every stage: errors and findings, pointers, names, source, walkers
    ("load",),  # stage 1: YAML/JSON with positions, bundling, $refs
    ("validate",),  # stage 2: checks and the strictness policy
    ("config",),  # the generator config beside the spec (reads the strictness policy)
    ("models",),  # stage 3: schema preparation, pydantic models, tagged unions
    ("parse",),  # stage 4: the IR
    ("render",),  # stage 5: templates -> files
    ("output",),  # stages 6-7: black, dependencies, atomic write, the run cache
    ("pipeline",),  # the stages in order
    ("changes",),  # the API diff, changelog sections, the pull-request review (run the pipeline)
    ("cli",),  # `generator generate|check|diff`
    ("release",),  # `make release` (runs the CLI) and `make publish`
    ("__main__", "__init__"),
)
RANK = {unit: rank for rank, units in enumerate(ORDER) for unit in units}


def _unit(module: str) -> str:
    """``generator.parse.ir`` -> ``parse``; ``generator.cli`` -> ``cli``; ``generator`` -> ``__init__``."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "__init__"


def _module_name(path: Path, root: Path = PACKAGE.parent) -> str:
    parts = path.relative_to(root).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imported(path: Path, root: Path = PACKAGE.parent) -> list[tuple[int, str]]:
    """``(line, module)`` for every import of a generator module by ``path``, absolute or relative."""
    name = _module_name(path, root)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names if alias.name.split(".")[0] == "generator"]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                module = ".".join(base + ([node.module] if node.module else []))
            else:
                module = node.module or ""
            if module.split(".")[0] != "generator":
                continue
            if node.module is None or module in ("generator",):
                # `from . import x` / `from generator import x`: x is a module (or a package)
                found += [(node.lineno, f"{module}.{alias.name}") for alias in node.names]
            else:
                found.append((node.lineno, module))
    return found


def _modules() -> list[Path]:
    return sorted(p for p in PACKAGE.rglob("*.py") if "templates" not in p.relative_to(PACKAGE).parts)


def test_every_module_has_a_place_in_the_order() -> None:
    units = {_unit(_module_name(path)) for path in _modules()}
    assert units - RANK.keys() == set(), "a new top-level module or stage needs a place in ORDER"


def test_no_import_runs_back_up_the_pipeline() -> None:
    upward = []
    for path in _modules():
        own = _unit(_module_name(path))
        for line, module in _imported(path):
            target = _unit(module)
            if RANK[target] > RANK[own]:
                upward.append(f"{path.relative_to(PACKAGE.parent)}:{line}: {own} imports {module} ({target} is later)")
    assert upward == []


def test_the_check_sees_an_upward_import(tmp_path: Path) -> None:
    """The parser resolves relative imports: a stage-2 module importing stage 4 is caught."""
    module = tmp_path / "generator" / "validate" / "probe.py"
    module.parent.mkdir(parents=True)
    module.write_text("from ..parse import ir\nfrom . import validate\nfrom ..errors import Finding\n", encoding="utf-8")
    imported = [m for _, m in _imported(module, tmp_path)]
    assert imported == ["generator.parse", "generator.validate.validate", "generator.errors"]
    assert [RANK[_unit(m)] > RANK["validate"] for m in imported] == [True, False, False]


def test_resources_find_the_package_root_and_the_templates() -> None:
    assert resources.PACKAGE_DIR == PACKAGE
    assert (resources.TEMPLATES / "package").is_dir()


def test_the_toolchain_key_covers_modules_in_subpackages(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The caches key on every generator module, however deep: an edit in a stage's subpackage
    is a new key."""
    copy = tmp_path / "generator"
    shutil.copytree(PACKAGE, copy, ignore=shutil.ignore_patterns("__pycache__", "templates"))
    monkeypatch.setattr(resources, "PACKAGE_DIR", copy)
    key = stagecache.toolchain_key.__wrapped__
    before = key()
    ir = copy / "parse" / "ir.py"
    ir.write_text(ir.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    assert key() != before
