"""The stage cache: a regeneration repeats no work whose inputs it has seen, and its output is
byte for byte what a run without the cache writes."""

from __future__ import annotations

import shutil
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from generator.common import forked, stagecache
from generator.output import formatting
from generator.models import models
from generator.validate import validate
from generator.pipeline import generate
from generator.common.resources import TEMPLATES
from generator.common.stagecache import StageCache
from generator.validate.validate import structure_key

PETSTORE = Path(__file__).parent / "fixtures" / "petstore" / "openapi.yaml"


@pytest.fixture
def spec(tmp_path: Path) -> Path:
    folder = tmp_path / "spec"
    folder.mkdir()
    for name in ("openapi.yaml", "openapi.generator.yaml"):
        shutil.copyfile(PETSTORE.with_name(name), folder / name)
    return folder / "openapi.yaml"


@pytest.fixture
def work(monkeypatch: pytest.MonkeyPatch) -> Counter[str]:
    """How often each expensive stage really ran (in this process: no forked children)."""
    ran: Counter[str] = Counter()
    monkeypatch.setattr(forked, "can_fork", lambda: False)

    def counting(name: str, function: Any) -> Any:
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            ran[name] += 1
            return function(*args, **kwargs)

        return wrapper

    monkeypatch.setattr(validate, "_validator_findings", counting("validator", validate._validator_findings))
    monkeypatch.setattr(models, "_generate", counting("models", models._generate))
    monkeypatch.setattr(formatting, "format_python", counting("black", formatting.format_python))
    return ran


def edit(spec: Path, old: str, new: str) -> None:
    text = spec.read_text()
    assert old in text
    spec.write_text(text.replace(old, new, 1))


def test_a_cached_run_writes_what_an_uncached_one_does(spec: Path, tmp_path: Path) -> None:
    cache = StageCache(tmp_path / "cache")
    cold = generate(spec, cache).files
    warm = generate(spec, cache).files
    assert cold == warm == generate(spec).files
    edit(spec, "description: The pet's id.", "description: The id of the pet.")
    assert generate(spec, cache).files == generate(spec).files


def test_an_edit_redoes_only_the_work_it_affects(spec: Path, tmp_path: Path, work: Counter[str]) -> None:
    cache = StageCache(tmp_path / "cache")
    files = generate(spec, cache).files
    copied = {source.name for source in (TEMPLATES / "package").glob("*.py")}  # runtime modules black never sees
    python_files = sum(path.endswith(".py") and path.rpartition("/")[2] not in copied for path in files)
    assert 0 < len(copied) < python_files
    assert work == {"validator": 1, "models": 1, "black": python_files}

    work.clear()
    generate(spec, cache)
    assert work == {}

    work.clear()  # documentation of an operation: no validation, no models, black on one file
    edit(spec, "summary: Get a pet", "summary: Get one pet")
    generate(spec, cache)
    assert work == {"black": 1}

    work.clear()  # documentation of a schema: the models again, still no validation
    edit(spec, "description: The pet's id.", "description: The id of the pet.")
    generate(spec, cache)
    assert work["validator"] == 0 and work["models"] == 1 and 1 <= work["black"] < python_files

    work.clear()  # a new property changes the structure: everything that reads it runs
    edit(spec, "        id: {type: integer,", "        weight: {type: number}\n        id: {type: integer,")
    generate(spec, cache)
    assert work["validator"] == 1 and work["models"] == 1


def test_findings_are_remembered_and_reported_again(spec: Path, tmp_path: Path, work: Counter[str]) -> None:
    edit(spec, "summary: Get a pet", "summary: Get a pet\n      title: not allowed in 3.1")
    cache = StageCache(tmp_path / "cache")
    first = generate(spec, cache).api.warnings
    assert any("title" in w.message for w in first) and work["validator"] == 1
    work.clear()
    edit(spec, "summary: Get a pet", "summary: Get one pet")
    assert generate(spec, cache).api.warnings == first
    assert work["validator"] == 0


def test_a_new_toolchain_misses_every_entry(spec: Path, tmp_path: Path, work: Counter[str], monkeypatch: pytest.MonkeyPatch) -> None:
    cache = StageCache(tmp_path / "cache")
    generate(spec, cache)
    work.clear()
    monkeypatch.setattr(stagecache, "toolchain_key", lambda: "another generator version")
    generate(spec, cache)
    assert work["validator"] == 1 and work["models"] == 1 and work["black"] > 1


def test_an_unreadable_entry_is_a_miss(spec: Path, tmp_path: Path) -> None:
    cache = StageCache(tmp_path / "cache")
    expected = generate(spec, cache).files
    for entry in (tmp_path / "cache" / "models").iterdir():
        entry.write_bytes(b"{not json")
    assert generate(spec, cache).files == expected


def test_an_unwritable_cache_only_costs_time(spec: Path, tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("a file where the cache folder should be")
    assert generate(spec, StageCache(blocker / "cache")).files == generate(spec).files


def test_the_cache_is_bounded(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(stagecache, "_MAX_ENTRIES", 10)
    cache = StageCache(tmp_path)
    for n in range(11):
        cache.put("format", f"{n:02}", b"x")
    cache.prune()
    assert len(list((tmp_path / "format").iterdir())) == 6


def test_the_validation_key_ignores_prose_but_not_structure_or_data() -> None:
    base = {"info": {"title": "t", "description": "one"}, "paths": {"/a": {"get": {"summary": "s"}}}}
    prose = {"info": {"title": "t", "description": "two"}, "paths": {"/a": {"get": {"summary": "other"}}}}
    assert structure_key(base) == structure_key(prose)
    assert structure_key(base) != structure_key({**base, "info": {"title": "u", "description": "one"}})
    schema = {"type": "object", "properties": {"description": {"type": "string", "minLength": 5}}}
    with_default = {"components": {"schemas": {"A": {**schema, "default": {"description": "hello"}}}}}
    too_short = {"components": {"schemas": {"A": {**schema, "default": {"description": "hi"}}}}}
    assert structure_key(with_default) != structure_key(too_short)  # data, kept verbatim
    extension = {"info": {"x-logo": {"description": "a"}}}
    assert structure_key(extension) != structure_key({"info": {"x-logo": {"description": "b"}}})
