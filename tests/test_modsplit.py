"""The split of datamodel-code-generator's one models module into a module per model."""

from __future__ import annotations

import importlib
import sys
import textwrap
from pathlib import Path

import pytest

from generator.models.modsplit import SplitError, split_models

SOURCE = textwrap.dedent(
    '''
    from __future__ import annotations
    from enum import Enum
    from typing import Any, Annotated
    from pydantic import Field
    from pkg._models import BaseModel


    class Color(str, Enum):
        RED = "red"


    class Node(BaseModel):
        """A tree: Node and Leaf refer to each other."""

        children: list[Leaf] | None = None
        color: Color = Color.RED


    class Leaf(BaseModel):
        parent: Node | None = None
        extra: Any = None


    class Import(BaseModel):
        node: Annotated[Node, Field(alias="n")]


    Node.model_rebuild()
    '''
)


def test_each_model_gets_a_module_and_a_cycle_shares_one() -> None:
    modules = split_models(SOURCE, "pkg")
    assert [(m.name, m.defines) for m in modules] == [
        ("color", ("Color",)),
        ("node", ("Node", "Leaf")),  # the cycle, in source order
        ("import_", ("Import",)),  # a keyword is not a module name
    ]


def test_a_module_imports_only_what_it_uses_and_the_runtime_relatively() -> None:
    color, node, import_ = split_models(SOURCE, "pkg")
    assert color.source.startswith("from __future__ import annotations\n\nfrom enum import Enum\n\n\nclass Color")
    assert "from .color import Color\n" in node.source
    assert "from .._models import BaseModel\n" in node.source
    assert "from typing import Any\n" in node.source and "Annotated" not in node.source
    assert "pydantic" not in node.source
    assert node.source.rstrip().endswith("Node.model_rebuild()")  # stays with its model
    assert "from .node import Node\n" in import_.source
    assert "from pydantic import Field\n" in import_.source


def test_the_split_package_imports_and_builds_the_models(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    package = tmp_path / "pkg"
    (package / "types").mkdir(parents=True)
    (package / "__init__.py").write_text("")
    (package / "_models.py").write_text("from pydantic import BaseModel\n")
    (package / "types" / "__init__.py").write_text("")
    for module in split_models(SOURCE, "pkg"):
        (package / "types" / f"{module.name}.py").write_text(module.source)
    monkeypatch.syspath_prepend(str(tmp_path))
    try:
        imported = importlib.import_module("pkg.types.import_")
        value = imported.Import.model_validate({"n": {"children": [{"parent": {}}]}})
        assert value.node.children[0].parent.color == "red"
        assert "pkg.types.color" in sys.modules
    finally:
        for name in [n for n in sys.modules if n == "pkg" or n.startswith("pkg.")]:
            del sys.modules[name]


def test_module_names_never_collide_and_stay_short() -> None:
    long_name = "Level" * 40
    source = f"class ABTest:\n    pass\n\n\nclass AbTest:\n    pass\n\n\nclass {long_name}:\n    pass\n\n\nclass ab_test_2:\n    pass\n"
    names = [m.name for m in split_models(source, "pkg")]
    assert names[:2] == ["ab_test", "ab_test_3"]  # "ab_test_2" is a class's name: not a module's
    assert len(names[2]) <= 80 and names[2].startswith("level_level")
    assert names == [m.name for m in split_models(source, "pkg")]


def test_a_cycle_through_a_quoted_forward_reference_stays_together() -> None:
    source = textwrap.dedent(
        '''
        class A(RootModel[dict[str, "B"]]):
            root: dict[str, "B"]
            x: Annotated[int, Field(alias="C")] = 0


        class B(RootModel[dict[str, A]]):
            root: dict[str, A]


        class C:
            pass
        '''
    )
    modules = split_models(source, "pkg")
    assert [m.defines for m in modules] == [("A", "B"), ("C",)]  # an alias "C" is not a reference


def test_a_long_chain_of_models_needs_no_recursion() -> None:
    n = 3000
    source = "class M0:\n    pass\n" + "".join(f"\n\nclass M{i}:\n    x: M{i - 1}\n" for i in range(1, n))
    assert len(split_models(source, "pkg")) == n


def test_an_unexpected_statement_is_a_generator_error() -> None:
    with pytest.raises(SplitError, match="line 1"):
        split_models("print('hi')\n", "pkg")
