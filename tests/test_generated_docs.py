"""The generated docs stay true: the README's example call is chosen by role (adding a
parameter does not rewrite it), no sentence is said twice, the client's docstring holds no
maintainer provenance, and argument docs keep the spec's line breaks."""

from __future__ import annotations

import re
from pathlib import Path

import vapi_calls
from vapi_calls.resources.calls import Calls

from generator.parse import ir
from generator.render.render import _example_parameters

GENERATED = Path(__file__).resolve().parent.parent / "generated"


def _param(name: str, annotation: str, required: bool = False) -> ir.Parameter:
    return ir.Parameter(wire_name=name, name=name, location="query", annotation=annotation, required=required, description="")


def _operation(*params: ir.Parameter, paginated: bool = False) -> ir.Operation:
    pagination = (
        ir.Pagination(
            "time-cursor", "Call", page_size_param="limit", cursor_param="created_at_le",
            cursor_field=ir.PageField(("created_at",), "createdAt"), id_field=ir.PageField(("id",), "id"),
        )
        if paginated
        else None
    )
    return ir.Operation("list", "GET", "/call", "listCalls", "", "", params, "list[Call]", pagination=pagination)


def _names(op: ir.Operation) -> list[str]:
    return [p.name for p in _example_parameters(op)]


def test_the_example_call_does_not_change_when_a_parameter_is_added() -> None:
    before = [_param("assistant_id", "str"), _param("limit", "int"), _param("created_at_gt", "datetime | str")]
    assert _names(_operation(*before, paginated=True)) == ["limit", "created_at_gt"]
    for position in range(len(before) + 1):
        grown = [*before[:position], _param("sort_order", "str"), *before[position:]]
        assert _names(_operation(*grown, paginated=True)) == ["limit", "created_at_gt"], position


def test_required_arguments_are_always_in_the_example() -> None:
    op = _operation(_param("q", "str"), _param("team", "str", required=True), _param("since", "datetime | str"))
    assert _names(op) == ["team", "since"]
    assert _names(_operation(_param("q", "str"), _param("flag", "bool"))) == ["q"]


def test_the_readme_example_and_no_repeated_sentence() -> None:
    readme = (GENERATED / "README.md").read_text(encoding="utf-8")
    assert "result = client.calls.list(limit=10, created_at_gt=datetime(2024, 1, 1, tzinfo=timezone.utc))" in readme
    intro = readme.split("## Install")[0]
    sentences = [s.strip().lower() for s in re.split(r"(?<=[.!?])\s+", " ".join(intro.split())) if s.strip()]
    assert len(sentences) == len(set(sentences)), sentences
    first_words = [" ".join(s.split()[:6]) for s in sentences]
    assert len(first_words) == len(set(first_words)), first_words


def test_the_client_docstring_is_for_users() -> None:
    for doc in (vapi_calls.Vapi.__doc__, vapi_calls.AsyncVapi.__doc__, vapi_calls.__doc__):
        assert doc and "Curated" not in doc and "reference page" not in doc


def test_argument_docs_keep_the_specs_line_breaks() -> None:
    doc = Calls.delete.__doc__ or ""
    assert "will be ignored\n                When requesting a bulk delete" in doc, doc


def test_the_readme_error_table_lists_every_exported_exception() -> None:
    readme = (GENERATED / "README.md").read_text(encoding="utf-8")
    table = readme.split("## Errors", 1)[1].split("```", 1)[0]
    listed = set(re.findall(r"^\| `(\w+)` \|", table, flags=re.M))
    exported = {
        name for name in vapi_calls.__all__ if isinstance(getattr(vapi_calls, name), type) and issubclass(getattr(vapi_calls, name), Exception)
    }
    assert exported == listed
    assert all(issubclass(getattr(vapi_calls, name), vapi_calls.VapiError) for name in exported)
