"""Open enums you can test for: a value the spec does not list is a member whose ``is_unknown``
is true (over real HTTP, sync and async), and no listed member is ever "unknown"."""

from __future__ import annotations

import pytest
import vapi_calls
from vapi_calls.types import CallEndedReason, CallStatus, CallType

from .conftest import Flavour, ScriptedServer

pytestmark = pytest.mark.anyio


async def test_an_unknown_value_from_the_server_is_detectable(flavour: Flavour, server: ScriptedServer, calls_payload: list) -> None:
    server.json([{**calls_payload[0], "status": "on-hold-new-in-2026"}, {**calls_payload[0], "status": "ended"}])
    client = flavour.client()
    unknown, known = await flavour.run(client.calls.list())
    assert isinstance(unknown.status, CallStatus) and unknown.status.is_unknown
    assert unknown.status.value == "on-hold-new-in-2026" and unknown.status.name == "UNKNOWN"
    assert unknown.status == "on-hold-new-in-2026"
    assert known.status is CallStatus.ENDED and not known.status.is_unknown
    assert unknown.to_dict()["status"] == "on-hold-new-in-2026"


@pytest.mark.parametrize("enum", [CallStatus, CallType, CallEndedReason])
def test_no_listed_member_is_unknown(enum: type) -> None:
    assert [member for member in enum if member.is_unknown] == []
    assert enum("not-a-listed-value").is_unknown
    assert "is_unknown" not in enum.__members__
    assert isinstance(CallStatus("x"), vapi_calls.types.CallStatus)
