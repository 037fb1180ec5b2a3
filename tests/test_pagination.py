"""``calls.list_all``: walking every page of ``GET /call`` against a server that pages like Vapi's.

The server keeps calls in memory, newest first, and answers ``GET /call`` by applying the
filters of the query string (``assistantId``, ``createdAt*``, ``updatedAt*``) and then ``limit``.
"""

from __future__ import annotations

import copy
import uuid
from datetime import datetime, timedelta, timezone
from typing import Any

import pytest

import vapi_calls
from vapi_calls.types import Call

pytestmark = pytest.mark.anyio

T0 = datetime(2024, 3, 14, 16, 0, 0, 123000, tzinfo=timezone.utc)
MAX_REQUESTS = 40  # a safety net: the server answers [] after this many, so a loop cannot hang


def _wire_time(moment: datetime) -> str:
    return moment.isoformat(timespec="milliseconds").replace("+00:00", "Z")


def make_calls(template: dict[str, Any], spec: list[tuple[int, str]]) -> list[dict[str, Any]]:
    """Calls from the example payload; ``spec`` is ``(minutes after T0, assistant id)``, newest first."""
    calls = []
    for index, (minutes, assistant_id) in enumerate(spec):
        call = copy.deepcopy(template)
        created = T0 + timedelta(minutes=minutes)
        call["id"] = str(uuid.UUID(int=index + 1))
        call["assistantId"] = assistant_id
        call["createdAt"] = _wire_time(created)
        call["updatedAt"] = _wire_time(created + timedelta(minutes=5))
        calls.append(call)
    return calls


class CallStore:
    """The server side of ``GET /call``: filters, newest first, then ``limit``."""

    FILTERS = {
        "Gt": lambda value, bound: value > bound,
        "Lt": lambda value, bound: value < bound,
        "Ge": lambda value, bound: value >= bound,
        "Le": lambda value, bound: value <= bound,
    }

    def __init__(self, calls: list[dict[str, Any]], *, ignore_cursor: bool = False) -> None:
        self.calls = sorted(calls, key=lambda call: self._time(call["createdAt"]), reverse=True)
        self.ignore_cursor = ignore_cursor

    @staticmethod
    def _time(text: str) -> datetime:
        return datetime.fromisoformat(text.replace("Z", "+00:00"))  # Python 3.10 does not read "Z"

    def answer(self, request: Any) -> tuple[int, Any]:
        """``(status, body)`` for one recorded request."""
        if request.method != "GET" or request.path != "/call":
            return 404, {"message": f"Cannot {request.method} {request.path}"}
        params = {name: values[-1] for name, values in request.params.items()}
        calls = self.calls
        if "assistantId" in params:
            calls = [call for call in calls if call.get("assistantId") == params["assistantId"]]
        for field in ("createdAt", "updatedAt"):
            for suffix, keep in self.FILTERS.items():
                name = field + suffix
                if name not in params or (self.ignore_cursor and name == "createdAtLe"):
                    continue
                bound = self._time(params[name])
                calls = [call for call in calls if keep(self._time(call[field]), bound)]
        limit = int(float(params.get("limit", "100")))
        return 200, calls[:limit]


def serve(server: Any, store: CallStore) -> None:
    def responder(request: Any) -> Any:
        if len(server.requests) > MAX_REQUESTS:
            return server.Reply(200, [])
        return server.Reply(*store.answer(request))

    server.responder = responder


def ids(calls: list[Any]) -> list[str]:
    return [call.id if hasattr(call, "id") else call["id"] for call in calls]


def cursors(server: Any) -> list[str | None]:
    return [request.params.get("createdAtLe", [None])[0] for request in server.requests]


# Newest first; ties of createdAt fall on the page boundaries of page_size=3.
TIED = [
    (50, "asst-A"), (50, "asst-B"),                  # page 1 ends inside the 40-minute group
    (40, "asst-A"), (40, "asst-A"), (40, "asst-B"),
    (30, "asst-B"),
    (20, "asst-A"), (20, "asst-B"),
    (10, "asst-A"),
    (0, "asst-A"), (0, "asst-B"),
]  # fmt: skip


async def test_every_call_once_in_order_across_tied_pages(flavour, server, calls_payload):
    calls = make_calls(calls_payload[0], TIED)
    serve(server, CallStore(calls))
    client = flavour.client()

    items = await flavour.collect(client.calls.list_all(page_size=3))

    assert ids(items) == ids(calls)
    assert all(isinstance(item, Call) for item in items)
    assert 3 <= len(server.requests) < 10
    assert all(request.path == "/call" for request in server.requests)
    assert server.requests[0].params["limit"] == ["3"]
    assert "createdAtLe" not in server.requests[0].params
    # each later page asks for calls at or before the oldest call seen so far
    later = [datetime.fromisoformat(cursor.replace("Z", "+00:00")) for cursor in cursors(server)[1:]]
    assert later == sorted(later, reverse=True)
    assert set(later) <= {item.created_at for item in items}


async def test_the_callers_filters_are_sent_on_every_page(flavour, server, calls_payload):
    calls = make_calls(calls_payload[0], TIED)
    serve(server, CallStore(calls))
    client = flavour.client()
    since = T0 + timedelta(minutes=10)

    items = await flavour.collect(
        client.calls.list_all(
            assistant_id="asst-A",
            created_at_ge=since,
            updated_at_lt="2030-01-01T00:00:00Z",
            page_size=2,
            extra_headers={"X-Trace-Id": "walk-1"},
        )
    )

    expected = [
        call
        for call in calls
        if call["assistantId"] == "asst-A" and datetime.fromisoformat(call["createdAt"].replace("Z", "+00:00")) >= since
    ]
    assert ids(items) == ids(expected)
    assert len(expected) == 5 and len(server.requests) >= 3
    for request in server.requests:
        assert request.params["assistantId"] == ["asst-A"]
        assert request.params["createdAtGe"] == ["2024-03-14T16:10:00.123000Z"]
        assert request.params["updatedAtLt"] == ["2030-01-01T00:00:00Z"]
        assert request.headers["x-trace-id"] == "walk-1"


@pytest.mark.parametrize(
    ("upper_bound", "on_the_wire"),
    [
        ("2024-03-14T16:30:00.123Z", "2024-03-14T16:30:00.123Z"),
        (T0 + timedelta(minutes=30), "2024-03-14T16:30:00.123000Z"),
        ((T0 + timedelta(minutes=30)).replace(tzinfo=None), "2024-03-14T16:30:00.123000Z"),
    ],
    ids=["string", "aware-datetime", "naive-datetime"],
)
async def test_an_upper_bound_given_by_the_caller_is_the_first_cursor(
    flavour, server, calls_payload, upper_bound, on_the_wire
):
    calls = make_calls(calls_payload[0], TIED)
    serve(server, CallStore(calls))
    client = flavour.client()

    items = await flavour.collect(client.calls.list_all(created_at_le=upper_bound, page_size=2))

    assert ids(items) == ids(calls[5:])
    assert cursors(server)[0] == on_the_wire


async def test_empty_result_yields_nothing_after_one_request(flavour, server):
    serve(server, CallStore([]))
    client = flavour.client()

    items = await flavour.collect(client.calls.list_all(page_size=3, assistant_id="asst-none"))

    assert items == []
    assert len(server.requests) == 1


async def test_more_calls_on_one_timestamp_than_a_page_holds(flavour, server, calls_payload):
    spec = [(60, "asst-A")] + [(30, "asst-A")] * 7 + [(20, "asst-B"), (10, "asst-A")]
    calls = make_calls(calls_payload[0], spec)
    serve(server, CallStore(calls))
    client = flavour.client()

    items = await flavour.collect(client.calls.list_all(page_size=3))

    assert ids(items) == ids(calls)
    limits = [int(request.params["limit"][0]) for request in server.requests]
    assert limits[0] == 3
    assert max(limits) >= 8  # the pager grew its pages until the tie fit
    assert limits == sorted(limits)
    assert len(server.requests) < 12


@pytest.mark.parametrize(
    "spec",
    [
        [(50, "asst-A"), (40, "asst-A"), (30, "asst-A"), (20, "asst-A"), (10, "asst-A")],
        [(30, "asst-A")] * 5,
    ],
    ids=["distinct-timestamps", "one-timestamp"],
)
async def test_a_server_that_ignores_the_cursor_does_not_loop(flavour, server, calls_payload, spec):
    calls = make_calls(calls_payload[0], spec)
    serve(server, CallStore(calls, ignore_cursor=True))
    client = flavour.client()

    items: list[Any] = []
    iterator = client.calls.list_all(page_size=3)
    try:
        if flavour.is_async:
            async for item in iterator:
                items.append(item)
        else:
            for item in iterator:
                items.append(item)
    except vapi_calls.PaginationError:
        pass

    assert len(server.requests) <= 12
    assert len(ids(items)) == len(set(ids(items)))  # never the same call twice
    assert ids(items) == ids(calls)[: len(items)]
