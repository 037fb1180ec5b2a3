"""Responses that drift from the spec, over real HTTP, in lenient (default) and strict mode.

Each case is a page of three calls whose middle one drifted in one way. Lenient mode: all
three come back, the two others exactly as they would have without the drift, the drifted
one still a ``Call`` whose misfit part is kept as the server sent it; each mismatch is on
``with_raw_response``'s ``mismatches`` and logged once per operation and place (without the
value). Strict mode: ``APIResponseValidationError``.

Extra fields are not drift: OpenAPI objects are open, so both modes keep them silently.
"""

from __future__ import annotations

import copy
import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest

import vapi_calls
from vapi_calls import types
from vapi_calls._lenient import ResponseMismatch

pytestmark = pytest.mark.anyio

SECRET = "sk-drift-secret-0b7d"  # every drifted value carries it: it must never be logged


@dataclass(frozen=True)
class Drift:
    name: str
    mutate: Callable[[dict[str, Any]], None]
    path: str  # the mismatch's JSON path in a page whose drifted call is at index 1
    check: Callable[[types.Call], None]  # on the drifted call, in lenient mode
    expected: str = ""  # a fragment of the mismatch's `expected`


def _set(path: str, value: Any) -> Callable[[dict[str, Any]], None]:
    def mutate(call: dict[str, Any]) -> None:
        *parents, last = path.split(".")
        node = call
        for key in parents:
            node = node[key]
        node[last] = value

    return mutate


def _delete(key: str) -> Callable[[dict[str, Any]], None]:
    return lambda call: call.pop(key)


def _wrong_scalar(call: types.Call) -> None:
    assert call.cost == SECRET  # kept as sent
    assert isinstance(call.cost_breakdown, types.CostBreakdown)  # its siblings typed


def _voice_id_number(call: types.Call) -> None:
    voice = call.assistant.voice  # type: ignore[union-attr]
    assert type(voice) is types.AzureVoice  # still the variant the tag names
    assert voice.voice_id == 4242  # type: ignore[comparison-overlap]
    assert voice.speed == 1.0


def _object_for_list(call: types.Call) -> None:
    model = call.assistant.model  # type: ignore[union-attr]
    assert type(model) is types.OpenAIModel
    assert model.messages == {"role": SECRET}  # type: ignore[comparison-overlap]
    assert model.tools is not None and type(model.tools[0]) is types.TransferCallTool


def _list_for_object(call: types.Call) -> None:
    assert call.cost_breakdown == [SECRET, 1]  # type: ignore[comparison-overlap]
    assert isinstance(call.created_at, __import__("datetime").datetime)


def _missing_required(call: types.Call) -> None:
    assert "org_id" not in call.model_fields_set
    assert call.id.endswith("1")


def _null(call: types.Call) -> None:
    assert call.created_at is None
    assert call.org_id  # the rest typed


def _unknown_variant(call: types.Call) -> None:
    voice = call.assistant.voice  # type: ignore[union-attr]
    assert type(voice) is types.UnknownVariant
    assert voice.to_dict() == {"voiceId": SECRET, "stability": 0.5}


def _unknown_tag(call: types.Call) -> None:
    voice = call.assistant.voice  # type: ignore[union-attr]
    assert type(voice) is types.UnknownVariant and not isinstance(voice, types.AzureVoice)
    assert voice.to_dict() == {"provider": "cartesia", "voiceId": SECRET, "experimentalControls": {"speed": "fast"}}
    transcriber = call.assistant.transcriber  # type: ignore[union-attr]
    assert type(transcriber) is types.DeepgramTranscriber  # its siblings still typed


DRIFTS = [
    Drift("wrong-scalar-type", _set("cost", SECRET), "$[1].cost", _wrong_scalar, "float"),
    Drift("nested-wrong-scalar-type", _set("assistant.voice.voiceId", 4242), "$[1].assistant.voice.voiceId", _voice_id_number, "str"),
    Drift("object-for-list", _set("assistant.model.messages", {"role": SECRET}), "$[1].assistant.model.messages", _object_for_list, "list[OpenAIMessage]"),
    Drift("list-for-object", _set("costBreakdown", [SECRET, 1]), "$[1].costBreakdown", _list_for_object, "CostBreakdown"),
    Drift("missing-required-field", _delete("orgId"), "$[1].orgId", _missing_required, "str"),
    Drift("null-where-not-nullable", _set("createdAt", None), "$[1].createdAt", _null, "datetime"),
    Drift(
        "unknown-union-variant",
        _set("assistant.voice", {"voiceId": SECRET, "stability": 0.5}),
        "$[1].assistant.voice.provider",
        _unknown_variant,
        "provider one of 'azure'",
    ),
    Drift(
        "unknown-discriminator-value",
        _set("assistant.voice", {"provider": "cartesia", "voiceId": SECRET, "experimentalControls": {"speed": "fast"}}),
        "$[1].assistant.voice.provider",
        _unknown_tag,
        "provider one of 'azure'",
    ),
]


def _page(call: dict[str, Any], drift: Callable[[dict[str, Any]], None] | None) -> list[dict[str, Any]]:
    page = []
    for index in range(3):
        item = copy.deepcopy(call)
        item["id"] = f"{call['id'][:-1]}{index}"
        if index == 1 and drift is not None:
            drift(item)
        page.append(item)
    return page


@pytest.mark.parametrize("drift", DRIFTS, ids=[d.name for d in DRIFTS])
async def test_lenient_mode_returns_every_call_typed_where_it_fits(flavour, server, calls_payload, drift, caplog):
    caplog.set_level(logging.WARNING, logger="vapi_calls")
    page = _page(calls_payload[0], drift.mutate)
    server.json(page, times=3)
    client = flavour.client()

    calls = await flavour.run(client.calls.list())

    assert [type(c) for c in calls] == [types.Call] * 3
    assert [c.id for c in calls] == [p["id"] for p in page]
    undrifted = vapi_calls.types.Call.model_validate(page[0])
    for index in (0, 2):  # the others exactly as without the drift
        assert calls[index] == undrifted.model_copy(update={"id": page[index]["id"]})
    drift.check(calls[1])
    assert calls[1].to_dict().keys() == page[1].keys()  # nothing dropped, nothing added

    raw = await flavour.run(client.calls.with_raw_response.list())
    mismatches = raw.mismatches
    assert [m.path for m in mismatches] == [drift.path]
    assert all(isinstance(m, ResponseMismatch) for m in mismatches)
    assert drift.expected in mismatches[0].expected
    assert SECRET not in str(mismatches[0])

    await flavour.run(client.calls.list())  # reported once per operation and place, not per response
    warnings = [r for r in caplog.records if r.levelno == logging.WARNING and r.name == "vapi_calls"]
    assert len(warnings) == 1, [r.getMessage() for r in warnings]
    message = warnings[0].getMessage()
    assert "listCalls" in message and drift.path.replace("$[1]", "$[*]") in message
    assert SECRET not in message and SECRET not in caplog.text


@pytest.mark.parametrize("drift", DRIFTS, ids=[d.name for d in DRIFTS])
async def test_strict_mode_raises(flavour, server, calls_payload, drift):
    server.json(_page(calls_payload[0], drift.mutate))
    client = flavour.client(strict_response_validation=True)

    with pytest.raises(vapi_calls.APIResponseValidationError) as caught:
        await flavour.run(client.calls.list())

    assert "1." in str(caught.value)  # the place: the drifted item
    assert SECRET not in str(caught.value)


def _extra_fields(call: dict[str, Any]) -> None:
    call["newTopLevelField"] = {"nested": [1, 2]}
    call["assistant"]["voice"]["chunkPlan"] = {"enabled": True, "minCharacters": 30}
    call["assistant"]["model"]["messages"][0]["newKey"] = SECRET


@pytest.mark.parametrize("strict", [False, True], ids=["lenient", "strict"])
async def test_extra_nested_fields_are_kept_in_both_modes(flavour, server, calls_payload, strict, caplog):
    page = _page(calls_payload[0], _extra_fields)
    server.json(page)
    client = flavour.client(strict_response_validation=strict)

    raw = await flavour.run(client.calls.with_raw_response.list())
    calls = raw.parse()

    assert raw.mismatches == []
    assert not [r for r in caplog.records if r.levelno >= logging.WARNING]
    voice = calls[1].assistant.voice
    assert type(voice) is types.AzureVoice and voice.model_extra == {"chunkPlan": {"enabled": True, "minCharacters": 30}}
    assert calls[1].model_extra == {"newTopLevelField": {"nested": [1, 2]}}
    assert calls[1].to_dict()["assistant"]["model"]["messages"][0]["newKey"] == SECRET


async def test_every_item_drifted_in_the_same_place_is_one_warning(flavour, server, calls_payload, caplog):
    caplog.set_level(logging.WARNING, logger="vapi_calls")
    page = [dict(calls_payload[0], id=f"call-{i}", cost="n/a") for i in range(50)]
    server.json(page)
    client = flavour.client()

    raw = await flavour.run(client.calls.with_raw_response.list())

    assert [m.path for m in raw.mismatches] == [f"$[{i}].cost" for i in range(50)]
    assert len([r for r in caplog.records if r.name == "vapi_calls" and r.levelno == logging.WARNING]) == 1


async def test_an_unknown_tag_validated_outside_a_call_is_the_fallback(calls_payload):
    """``Model.model_validate`` (no client involved) accepts an unknown tag as the fallback."""
    call = copy.deepcopy(calls_payload[0])
    call["assistant"]["voice"] = {"provider": "cartesia", "voiceId": "x"}
    parsed = types.Call.model_validate(call)
    assert type(parsed.assistant.voice) is types.UnknownVariant  # type: ignore[union-attr]
    assert type(types.Call.model_validate(calls_payload[0]).assistant.voice) is types.AzureVoice  # type: ignore[union-attr]


async def test_a_body_that_is_not_json_raises_in_lenient_mode_too(flavour, server):
    server.reply(server.Reply(200, b'[{"id": "abc",', {"Content-Type": "application/json"}))
    client = flavour.client()

    with pytest.raises(vapi_calls.APIResponseValidationError):
        await flavour.run(client.calls.list())


async def test_with_options_keeps_or_sets_strictness(flavour, server, calls_payload):
    client = flavour.client(strict_response_validation=True)
    assert client.with_options().strict_response_validation is True
    assert client.with_options(strict_response_validation=False).strict_response_validation is False
    server.json(_page(calls_payload[0], _delete("orgId")))
    calls = await flavour.run(client.with_options(strict_response_validation=False).calls.list())
    assert len(calls) == 3
