"""The generator's parallel paths give the same results as the sequential ones, and a failing
child never loses an error."""

from __future__ import annotations

import os

import pytest

from generator.output import formatting
from generator.common import forked


@pytest.fixture
def fork_allowed(monkeypatch: pytest.MonkeyPatch) -> None:
    # pytest may run helper threads; the children here only compute, they take no locks.
    monkeypatch.setattr(forked, "can_fork", lambda: True)


def test_a_result_comes_back_from_the_child(fork_allowed: None) -> None:
    parent = os.getpid()
    assert forked.start(lambda: (os.getpid() != parent, [1, 2]))() == (True, [1, 2])


def test_an_error_in_the_child_is_raised_in_the_parent(fork_allowed: None) -> None:
    calls = []

    def failing() -> None:
        calls.append(os.getpid())
        raise ValueError("bad spec")

    with pytest.raises(ValueError, match="bad spec"):
        forked.start(failing)()
    assert calls == [os.getpid()]  # the child's attempt ran elsewhere; the parent's raised here


def test_a_child_that_dies_is_replaced_by_the_parent(fork_allowed: None) -> None:
    parent = os.getpid()

    def dies_in_child() -> str:
        if os.getpid() != parent:
            os._exit(9)
        return "computed by the parent"

    assert forked.start(dies_in_child)() == "computed by the parent"


def test_without_fork_the_work_runs_in_process(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(forked, "can_fork", lambda: False)
    parent = os.getpid()
    assert forked.start(lambda: os.getpid())() == parent


SOURCES = {f"pkg/m{i}.py": f"def f{i}( a,b ):\n  return {{'a':a,'b':b, 'n':{i}}}\n" for i in range(40)}


def test_parallel_black_writes_what_sequential_black_does(fork_allowed: None, monkeypatch: pytest.MonkeyPatch) -> None:
    sequential = formatting.format_files(SOURCES)
    monkeypatch.setattr(formatting, "_PARALLEL_FROM", 0)
    assert formatting.format_files(SOURCES) == sequential
    assert sequential["pkg/m3.py"] == "def f3(a, b):\n    return {\"a\": a, \"b\": b, \"n\": 3}\n"


def test_parallel_black_reports_invalid_code(fork_allowed: None, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(formatting, "_PARALLEL_FROM", 0)
    with pytest.raises(formatting.GeneratedCodeError, match="pkg/m7.py"):
        formatting.format_files({**SOURCES, "pkg/m7.py": "def broken(:\n"})
