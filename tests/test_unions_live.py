"""Tagged unions in the client of the whole Vapi spec (shared/vapi/openapi.json).

The live spec declares no discriminator in the ``Call`` tree; every voice, transcriber, model
(and cost, message, destination, ...) variant pins ``provider`` or ``type`` to one value, so
the generator infers the tag (generator/models/unions.py). The property: for every union reachable
from ``Call`` and every variant of it, an object drawn from that variant's own schema (with
its tag) parses as exactly that variant's class; an unknown tag parses as ``UnknownVariant``.

Marked ``slow``: generating the client takes a minute or more.
"""

from __future__ import annotations

import importlib
import json
import sys
from pathlib import Path
from typing import Annotated, Any, Union, get_args, get_origin

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.output.formatting import format_files
from generator.pipeline import analyse
from generator.render.render import render_package
from generator.output.writer import write_tree

from .test_properties import LiveShapes

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parent.parent
LIVE_SPEC = ROOT.parent / "shared" / "vapi" / "openapi.json"


class Client:
    def __init__(self, package: Any, document: dict[str, Any], schema_of: dict[str, dict[str, Any]]) -> None:
        self.package = package
        self.types = importlib.import_module(package.__name__ + ".types")
        self.document = document
        self.schema_of = schema_of  # class name -> its component schema


@pytest.fixture(scope="module")
def live(tmp_path_factory: pytest.TempPathFactory) -> Client:
    if not LIVE_SPEC.is_file():
        pytest.skip(f"{LIVE_SPEC} is not there")
    analysis = analyse(LIVE_SPEC)
    out = tmp_path_factory.mktemp("live") / "out"
    write_tree(out, {path: text.encode() for path, text in format_files(render_package(analysis.api).files).items()})
    sys.path.insert(0, str(out))
    document = json.loads(LIVE_SPEC.read_text(encoding="utf-8"))
    schemas = document["components"]["schemas"]
    prefix = "#/components/schemas/"
    schema_of = {
        c.class_name: schemas[c.source_ref[len(prefix) :]]
        for c in analysis.models.classes
        if c.source_ref.startswith(prefix) and c.source_ref[len(prefix) :] in schemas
    }
    try:
        yield Client(importlib.import_module(analysis.api.config.package_name), document, schema_of)
    finally:
        sys.path.remove(str(out))


def tagged_unions(root: type) -> dict[Any, tuple[Any, Any]]:
    """Every distinct tagged union reachable from model ``root`` (the same variants under the
    same tag count once): key -> (the union type, its TagOf)."""
    import pydantic

    found: dict[Any, tuple[Any, Any]] = {}
    seen: set[Any] = set()

    def visit(tp: Any) -> None:
        if get_origin(tp) is Annotated:
            for meta in tp.__metadata__:
                if type(meta).__name__ == "TagOf":
                    key = (meta.property, tuple(sorted(meta.tags.items())))
                    found.setdefault(key, (tp, meta))
            visit(tp.__origin__)
            return
        for arg in get_args(tp):
            visit(arg)
        if isinstance(tp, type) and issubclass(tp, pydantic.BaseModel) and tp not in seen:
            seen.add(tp)
            tp.model_rebuild()  # a model in a reference cycle resolves its annotations on first use
            for field in tp.model_fields.values():
                visit(field.rebuild_annotation())

    visit(root)
    return found


def variants(union: Any) -> list[type]:
    inner = union.__origin__
    assert get_origin(inner) is Union
    return list(get_args(inner))


def test_the_call_tree_has_tagged_unions_for_every_provider(live: Client) -> None:
    unions = tagged_unions(live.types.Call)
    assert len(unions) >= 20  # distinct ones
    assistant = live.types.Call.model_fields["assistant"].rebuild_annotation()
    (dto,) = [a for a in get_args(assistant) if a is not type(None)]
    dto.model_rebuild()
    schemas = live.document["components"]["schemas"]
    for field in ("voice", "transcriber", "model"):
        union = dto.model_fields[field].rebuild_annotation()
        union = next(a for a in get_args(union) if a is not type(None))
        names = [cls.__name__ for cls in variants(union)]
        spec_variants = [m["$ref"].rsplit("/", 1)[-1] for m in schemas["CreateAssistantDTO"]["properties"][field]["oneOf"]]
        assert names == [*spec_variants, "UnknownVariant"], field  # DTO names are the component names here


def test_the_issue_examples_parse_as_their_own_class(live: Client) -> None:
    import pydantic

    dto = live.types.CreateAssistantDTO
    parsed = dto.model_validate(
        {
            "model": {"provider": "openai", "model": "gpt-4o"},
            "voice": {"provider": "cartesia", "voiceId": "sonic"},
            "transcriber": {"provider": "deepgram"},
        }
    )
    assert type(parsed.model) is live.types.OpenAIModel
    assert type(parsed.voice) is live.types.CartesiaVoice
    assert type(parsed.transcriber) is live.types.DeepgramTranscriber
    playht = pydantic.TypeAdapter(dto).validate_python({"voice": {"provider": "playht", "voiceId": "jennifer"}})
    assert type(playht.voice) is live.types.PlayHTVoice


@settings(max_examples=2, deadline=None, database=None, suppress_health_check=list(HealthCheck))
@given(data=st.data())
def _every_variant_parses_as_its_own_class(live: Client, data: st.DataObject) -> None:
    from pydantic import TypeAdapter

    lenient = importlib.import_module(live.package.__name__ + "._lenient")
    shapes = LiveShapes(live.document, max_depth=1)
    checked = 0
    for union, tag_of in tagged_unions(live.types.Call).values():
        adapter = TypeAdapter(union)
        for cls in variants(union):
            if cls.__name__ == "UnknownVariant":
                continue
            tag = next(value for value, name in tag_of.tags.items() if name == cls.__name__)
            value = data.draw(shapes.strategy(live.schema_of[cls.__name__]), label=cls.__name__)
            value = {**value, tag_of.property: tag}
            parsed, _ = lenient.parse_leniently(union, value)  # typed by the tag even where a field misfits
            assert type(parsed) is cls, (cls.__name__, type(parsed).__name__)
            assert type(adapter.validate_python({tag_of.property: "zz-no-such-provider"})) is live.types.UnknownVariant
            checked += 1
    assert checked >= 51  # at least the 14 transcribers, 17 models and 20 voices of the notes


def test_every_variant_of_every_union_in_the_call_tree_parses_as_its_own_class(live: Client) -> None:
    _every_variant_parses_as_its_own_class(live)


def test_an_unknown_provider_parses_as_the_fallback_keeping_its_data(live: Client) -> None:
    dto = live.types.CreateAssistantDTO
    data = {"voice": {"provider": "brand-new-tts", "voiceId": "v1", "pitch": {"semitones": 2}}}
    parsed = dto.model_validate(data)
    assert type(parsed.voice) is live.types.UnknownVariant
    assert not isinstance(parsed.voice, (live.types.AzureVoice, live.types.CartesiaVoice))
    assert parsed.voice.to_dict() == data["voice"]
