"""generator/common/layout.py: code written the way black writes it, so black's first pass
changes nothing and its second (stability) pass never runs.

The layout is a head start, not the formatter: black still formats every file. So these tests
hold it to black's own output, statement by statement and over whole fixture packages.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from generator import pipeline
from generator.output.formatting import format_python
from generator.common import layout
from tests.snapshots import fixture_specs

LONG_CALL = (
    "return self._client.request(list[_types.Call], RequestOptions(method='GET', path='/call', "
    "query={'assistantId': assistant_id, 'limit': limit, 'createdAtGt': created_at_gt, 'createdAtLt': created_at_lt}, "
    "extra_headers=extra_headers, extra_query=extra_query, timeout=timeout, max_retries=max_retries, "
    "operation='listCalls'))"
)

STATEMENTS = [
    "return self._client.request(list[_types.Call], RequestOptions(method='GET', path='/call'))",
    LONG_CALL,
    "pager: TimeCursorPager[Call] = TimeCursorPager(page_size=page_size, upper_bound=created_at_le, "
    "cursor_of=lambda item: item.created_at, key_of=lambda item: item.id)",
    "return await self.list(assistant_id=assistant_id, created_at_gt=created_at_gt, created_at_lt=created_at_lt, "
    "limit=size, extra_headers=extra_headers, extra_query=extra_query, timeout=timeout, max_retries=max_retries)",
    "value = {'a': 1, 'b': [1, 2, 3], 'c': \"it's\"}",
    "x = ['a' * 30, 'b' * 30, 'c' * 30, 'd' * 30]",
    "self.a_rather_long_method_name_for_a_resource_all = async_to_raw_pages_wrapper(resource.a_rather_long_method_name_for_a_resource_all)",
]


def _black_stable(code: str) -> bool:
    return format_python("t.py", code) == code


@pytest.mark.parametrize("code", STATEMENTS)
def test_a_statement_is_laid_out_as_black_lays_it_out(code: str) -> None:
    lines = layout.statement(code, 8)
    text = "class A:\n    async def f(self):\n" + "".join(f"        {line}\n" for line in lines)
    assert format_python("t.py", text) == text


def test_arguments_and_imports_and_collections_as_black_writes_them() -> None:
    names = [f"Name{i}" for i in range(12)]
    lines = layout.import_from("..types", names, indent=0) + layout.import_from("..x", ["A", "B"], indent=0) + [""]
    lines += layout.collection("__all__ = [", [repr(n) for n in names], "]") + layout.collection("__all__ = [", ["'A'"], "]")
    text = "".join(f"{line}\n" for line in lines)
    assert _black_stable(text)
    assert lines[0] == "from ..types import (" and lines[1] == "    Name0,"


def test_a_long_def_line_splits_at_its_parameters() -> None:
    long = "VeryLongResourceClassNameThatDoesNotFitWithTheMethodName" * 2
    for parameters in (["self"], ["self", "other"]):
        lines = layout.signature("def with_raw_response(", parameters, f") -> {long}:", 4)
        text = "class A:\n" + "".join(f"    {line}\n" for line in lines) + "        pass\n"
        assert _black_stable(text), text


def test_strings_get_black_quotes_and_nothing_else_changes() -> None:
    assert layout.black_strings("['a', \"b\", 'it\\'s', 1]") == "[\"a\", \"b\", \"it's\", 1]"
    assert layout.black_strings("'say \"hi\"'") == "'say \"hi\"'"  # fewer escapes win, as in black


def test_what_layout_cannot_read_is_left_as_it_is() -> None:
    assert layout.statement("x = 1  # a comment", 0) == ["x = 1  # a comment"]
    assert layout.statement("x = (", 0) == ["x = ("]
    ternary = "return cast('type[Pet]', _types.Pet) if some_condition_that_is_rather_long else cast('type[Other]', _types.Other_with_a_long_name)"
    assert layout.statement(ternary, 8) == [ternary.replace("'", '"')]  # one line: black adds its own parentheses


@pytest.mark.parametrize("spec", fixture_specs(), ids=lambda p: p.parent.name)
def test_every_rendered_file_but_the_models_is_black_formatted_before_black(spec: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The files the templates write (client, resources, exceptions, the types index) need no
    second black pass; the model modules come from datamodel-code-generator and may."""
    rendered: dict[str, str] = {}

    def keep(files: dict[str, str], *args: object, preformatted: frozenset[str] = frozenset(), **kwargs: object) -> dict[str, str]:
        rendered.update({path: text for path, text in files.items() if path.endswith(".py") and path not in preformatted})
        return files

    monkeypatch.setattr(pipeline, "format_files", keep)
    pipeline.generate(spec)
    ours = {path: text for path, text in rendered.items() if "/types/" not in path or path.endswith("/types/__init__.py")}
    assert ours
    unstable = sorted(path for path, text in ours.items() if not _black_stable(text))
    assert not unstable


def _rendered_models(spec: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    rendered: dict[str, str] = {}

    def keep(files: dict[str, str], *args: object, lay_out: frozenset[str] = frozenset(), **kwargs: object) -> dict[str, str]:
        rendered.update({path: files[path] for path in lay_out})
        return files

    monkeypatch.setattr(pipeline, "format_files", keep)
    pipeline.generate(spec)
    return rendered


@pytest.mark.parametrize("spec", fixture_specs(), ids=lambda p: p.parent.name)
def test_the_models_head_start_never_changes_what_black_writes(spec: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    models = _rendered_models(spec, monkeypatch)
    assert models and all("/types/" in path for path in models)
    for path, text in models.items():
        assert format_python(path, layout.module(text)) == format_python(path, text), path


def test_the_models_head_start_leaves_most_model_modules_to_one_black_pass(monkeypatch: pytest.MonkeyPatch) -> None:
    models = {}
    for spec in fixture_specs():
        models.update(_rendered_models(spec, monkeypatch))
    laid = [layout.module(text) for text in models.values()]
    assert sum(_black_stable(text) for text in laid) >= 0.75 * len(laid)
    assert sum(_black_stable(text) for text in models.values()) < 0.5 * len(models)  # what it was without


def test_module_layout_adds_the_empty_line_after_a_class_docstring_and_splits_imports() -> None:
    source = (
        "from __future__ import annotations\n\n"
        f"from .a_module_with_a_rather_long_name import {', '.join(f'SomeModelName{i}' for i in range(6))}\n\n\n"
        'class A(Base):\n    """Doc."""\n'
        "    x: Annotated[int | None, Field(alias='theXValue', description='a long text for the field x of A')] = None\n"
    )
    laid = layout.module(source)
    assert _black_stable(laid), laid
    assert format_python("m.py", source) == laid


@pytest.mark.parametrize(
    "code",
    [
        *STATEMENTS,
        'x = f"a {{b}} {c!r} and a long tail to make the line break somewhere " + call(argument_one, argument_two, argument_three)',
        "value = call('it\\'s', \"say \\\"hi\\\"\", b'\\x00', r'\\d+', u'x', 1e-05, 0xFF, [1, 2,], {'k': (1,)})",
    ],
)
def test_layout_never_changes_what_the_code_means(code: str) -> None:
    import ast

    laid = "\n".join(layout.statement(code, 4))
    assert ast.dump(ast.parse(laid)) == ast.dump(ast.parse(code))
