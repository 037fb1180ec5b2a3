"""Every pagination style over real HTTP, sync and async: the `tests/fixtures/pagination` client
(one list operation per style, recognised from the spec, and one set by its generator config)
against a loopback server that pages like the API of that style.

Each server checks the caller's filters itself and answers 400 when one is missing, so a walk
that drops a filter on a later page fails; the tests also read every recorded request.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import Recorded, Reply, ScriptedServer

GOLDEN = Path(__file__).resolve().parent / "fixtures" / "pagination" / "expected"
if str(GOLDEN) not in sys.path:
    sys.path.insert(0, str(GOLDEN))

import paging_zoo  # noqa: E402

pytestmark = pytest.mark.anyio

ITEMS = [{"id": f"it_{n}", "name": f"item {n}", "kind": "a" if n % 2 else "b"} for n in range(7)]
MAX_REQUESTS = 30  # a safety net: a walk that loops gets 500s after this many requests


@pytest.fixture(params=[False, True], ids=["sync", "async"])
def make_client(request: pytest.FixtureRequest, server: ScriptedServer) -> Any:
    def make(**options: Any) -> Any:
        cls = paging_zoo.AsyncZoo if request.param else paging_zoo.Zoo
        return cls(api_key="zk-secret", base_url=server.url, max_retries=0, **options)

    return make


async def collect(items: Any) -> list[Any]:
    if hasattr(items, "__aiter__"):
        return [item async for item in items]
    return list(items)


def ids(items: list[Any]) -> list[str]:
    return [item.id for item in items]


def param(request: Recorded, name: str) -> str | None:
    values = request.params.get(name)
    return values[-1] if values else None


def serve(server: ScriptedServer, answer: Any, **required: str) -> None:
    """Answer with ``answer(request)``, after checking that every ``required`` filter was sent."""

    def responder(request: Recorded) -> Reply:
        if len(server.requests) > MAX_REQUESTS:
            return Reply(500, {"message": "too many requests: the walk loops"})
        for name, value in required.items():
            if param(request, name) != value:
                return Reply(400, {"message": f"filter {name} missing on {request.path}?{request.query}"})
        return answer(request)

    server.responder = responder


def window(start: int, size: int) -> list[dict[str, Any]]:
    return ITEMS[start : start + size]


# -- cursors ------------------------------------------------------------------------------


def charges(request: Recorded) -> Reply:
    """Payments style: `starting_after` an id, `has_more`."""
    size = int(param(request, "limit") or 10)
    after = param(request, "starting_after")
    start = 0 if after is None else [i["id"] for i in ITEMS].index(after) + 1
    page = window(start, size)
    return Reply(200, {"object": "list", "data": page, "has_more": start + size < len(ITEMS), "url": "/charges"})


async def test_cursor_id_walks_every_item_once_with_every_filter(server: ScriptedServer, make_client: Any) -> None:
    serve(server, charges, customer="cus_1")
    client = make_client()

    items = await collect(client.charges.list_all(customer="cus_1", page_size=3))

    assert ids(items) == [i["id"] for i in ITEMS]
    assert all(isinstance(item, paging_zoo.types.Item) for item in items)
    assert [param(r, "starting_after") for r in server.requests] == [None, "it_2", "it_5"]
    assert all(param(r, "limit") == "3" and param(r, "customer") == "cus_1" for r in server.requests)
    assert all(r.headers["authorization"] == "Bearer zk-secret" for r in server.requests)


async def test_max_items_stops_without_fetching_more(server: ScriptedServer, make_client: Any) -> None:
    serve(server, charges, customer="cus_1")
    client = make_client()

    items = await collect(client.charges.list_all(customer="cus_1", page_size=3, max_items=4))

    assert ids(items) == ["it_0", "it_1", "it_2", "it_3"]
    assert len(server.requests) == 2


async def test_the_default_page_size_respects_the_parameters_maximum(server: ScriptedServer, make_client: Any) -> None:
    serve(server, charges, customer="cus_1")
    client = make_client()

    await collect(client.charges.list_all(customer="cus_1"))

    assert param(server.requests[0], "limit") == "50"  # the spec's `maximum: 50`, not 100


async def test_a_caller_given_cursor_is_the_first_page(server: ScriptedServer, make_client: Any) -> None:
    serve(server, charges, customer="cus_1")
    client = make_client()

    items = await collect(client.charges.list_all(customer="cus_1", starting_after="it_3", page_size=2))

    assert ids(items) == ["it_4", "it_5", "it_6"]
    assert param(server.requests[0], "starting_after") == "it_3"


def messages(request: Recorded) -> Reply:
    """Chat style: an opaque cursor under `response_metadata`, empty on the last page."""
    size = int(param(request, "limit") or 10)
    start = int((param(request, "cursor") or "c0")[1:])
    end = start + size
    next_cursor = f"c{end}" if end < len(ITEMS) else ""
    return Reply(200, {"ok": True, "messages": window(start, size), "response_metadata": {"next_cursor": next_cursor}})


async def test_cursor_from_a_nested_field(server: ScriptedServer, make_client: Any) -> None:
    serve(server, messages, channel="C1")
    client = make_client()

    items = await collect(client.messages.list_all(channel="C1", page_size=3))

    assert ids(items) == [i["id"] for i in ITEMS]
    assert [param(r, "cursor") for r in server.requests] == [None, "c3", "c6"]


def files(request: Recorded) -> Reply:
    """Google style: `nextPageToken` fed back as `pageToken`, absent on the last page."""
    size = int(param(request, "pageSize") or 10)
    start = int(param(request, "pageToken") or 0)
    body: dict[str, Any] = {"files": window(start, size)}
    if start + size < len(ITEMS):
        body["nextPageToken"] = str(start + size)
    return Reply(200, body)


async def test_page_token_cursor(server: ScriptedServer, make_client: Any) -> None:
    serve(server, files, q="name contains 'x'")
    client = make_client()

    items = await collect(client.files.list_all(q="name contains 'x'", page_size=4))

    assert ids(items) == [i["id"] for i in ITEMS]
    assert [param(r, "pageToken") for r in server.requests] == [None, "4"]
    assert all(param(r, "pageSize") == "4" for r in server.requests)


async def test_a_repeated_cursor_raises_instead_of_looping(server: ScriptedServer, make_client: Any) -> None:
    serve(server, lambda request: Reply(200, {"files": window(0, 2), "nextPageToken": "same"}))
    client = make_client()

    with pytest.raises(paging_zoo.PaginationError, match="second time"):
        await collect(client.files.list_all(page_size=2))
    assert [param(r, "pageToken") for r in server.requests] == [None, "same"]


# -- counted pages ------------------------------------------------------------------------


def orders(total: int) -> Any:
    def answer(request: Recorded) -> Reply:
        size = int(param(request, "limit") or 10)
        start = int(param(request, "offset") or 0)
        return Reply(200, {"results": ITEMS[:total][start : start + size], "total": total})

    return answer


async def test_offset_stops_when_the_total_is_reached(server: ScriptedServer, make_client: Any) -> None:
    serve(server, orders(6), status="open")
    client = make_client()

    items = await collect(client.orders.list_all(status="open", page_size=3))

    assert ids(items) == [i["id"] for i in ITEMS[:6]]
    assert [param(r, "offset") for r in server.requests] == [None, "3"]  # no third, empty request


async def test_offset_raw_pages_are_typed_responses(server: ScriptedServer, make_client: Any) -> None:
    serve(server, orders(7), status="open")
    client = make_client()

    pages = await collect(client.orders.with_raw_response.list_all(status="open", page_size=3))

    assert [page.status_code for page in pages] == [200, 200, 200]
    parsed = [page.parse() for page in pages]
    assert all(isinstance(page, paging_zoo.types.OrderList) for page in parsed)
    assert [len(page.results) for page in parsed] == [3, 3, 1]
    assert [param(r, "offset") for r in server.requests] == [None, "3", "6"]


async def test_raw_pages_honour_max_items(server: ScriptedServer, make_client: Any) -> None:
    serve(server, orders(7), status="open")
    client = make_client()

    pages = await collect(client.orders.with_raw_response.list_all(status="open", page_size=3, max_items=4))

    assert len(pages) == 2 and len(server.requests) == 2


def events(request: Recorded) -> Reply:
    size = int(param(request, "per_page") or 10)
    page = int(param(request, "page") or 1)
    return Reply(200, window((page - 1) * size, size))


async def test_page_numbers_until_a_short_page(server: ScriptedServer, make_client: Any) -> None:
    serve(server, events, type="push")
    client = make_client()

    items = await collect(client.events.list_all(type_="push", page_size=3))

    assert ids(items) == [i["id"] for i in ITEMS]
    assert [param(r, "page") for r in server.requests] == ["1", "2", "3"]
    assert all(param(r, "per_page") == "3" for r in server.requests)


async def test_an_empty_first_page_is_one_request(server: ScriptedServer, make_client: Any) -> None:
    serve(server, lambda request: Reply(200, []), type="none")
    client = make_client()

    assert await collect(client.events.list_all(type_="none", page_size=3)) == []
    assert len(server.requests) == 1


async def test_a_server_that_ignores_the_page_number_does_not_loop(server: ScriptedServer, make_client: Any) -> None:
    serve(server, lambda request: Reply(200, window(0, 3)))
    client = make_client()

    with pytest.raises(paging_zoo.PaginationError, match="same page twice"):
        await collect(client.events.list_all(page_size=3))
    assert len(server.requests) == 2


def invoices(request: Recorded) -> Reply:
    """The config's override: `start` and `max`, the items in `lines` beside `warnings`."""
    size = int(param(request, "max") or 10)
    start = int(param(request, "start") or 0)
    return Reply(200, {"lines": window(start, size), "warnings": ["one"]})


async def test_the_config_override_pages_by_offset(server: ScriptedServer, make_client: Any) -> None:
    serve(server, invoices, customer="cus_9")
    client = make_client()

    items = await collect(client.invoices.list_all(customer="cus_9", page_size=3))

    assert ids(items) == [i["id"] for i in ITEMS]
    assert [param(r, "start") for r in server.requests] == [None, "3", "6"]


def test_a_switched_off_recognition_has_no_iterator() -> None:
    from paging_zoo.resources.charges import Charges
    from paging_zoo.resources.reports import Reports
    from paging_zoo.resources.tags import Tags

    assert hasattr(Reports, "list") and not hasattr(Reports, "list_all")  # `none` in the config
    assert hasattr(Tags, "list") and not hasattr(Tags, "list_all")  # a limit alone
    assert not hasattr(Charges, "search_all") and not hasattr(Charges, "get_all")  # a POST; one object


# -- URLs from the server ------------------------------------------------------------------


def users(server: ScriptedServer, relative: bool) -> Any:
    """`links.next` holds the next page's URL; it carries the cursor, not the caller's filter."""

    def answer(request: Recorded) -> Reply:
        size = int(param(request, "limit") or 10)
        start = int(param(request, "after") or 0)
        end = start + size
        target = f"/users?after={end}&limit={size}"
        next_url = None if end >= len(ITEMS) else (target if relative else server.url + target)
        return Reply(200, {"data": window(start, size), "links": {"next": next_url, "prev": None}})

    return answer


@pytest.mark.parametrize("relative", [False, True], ids=["absolute", "relative"])
async def test_next_url_in_the_body(server: ScriptedServer, make_client: Any, relative: bool) -> None:
    serve(server, users(server, relative), role="admin")
    client = make_client()

    items = await collect(client.users.list_all(role="admin", page_size=3))

    assert ids(items) == [i["id"] for i in ITEMS]
    assert [param(r, "after") for r in server.requests] == [None, "3", "6"]
    assert all(param(r, "role") == "admin" and param(r, "limit") == "3" for r in server.requests)
    assert all(len(r.params["limit"]) == 1 for r in server.requests)  # the URL's own, not twice


async def test_a_next_url_on_another_server_is_not_followed(server: ScriptedServer, make_client: Any) -> None:
    serve(server, lambda request: Reply(200, {"data": window(0, 2), "links": {"next": "https://elsewhere.example/users?after=2"}}))
    client = make_client()

    with pytest.raises(paging_zoo.PaginationError, match="another server") as caught:
        await collect(client.users.list_all(page_size=2))
    assert len(server.requests) == 1
    assert "zk-secret" not in str(caught.value)


def repos(server: ScriptedServer) -> Any:
    """GitHub style: a `Link` header with `rel="next"` (and `last`), the filter not in it."""

    def answer(request: Recorded) -> Reply:
        size = int(param(request, "per_page") or 10)
        page = int(param(request, "page") or 1)
        links = [f'<{server.url}/repos?page=9&per_page={size}>; rel="last"']
        if page * size < len(ITEMS):
            links.insert(0, f'<{server.url}/repos?page={page + 1}&per_page={size}>; rel="next"')
        return Reply(200, window((page - 1) * size, size), {"Link": ", ".join(links)})

    return answer


async def test_next_url_in_the_link_header(server: ScriptedServer, make_client: Any) -> None:
    serve(server, repos(server), sort="updated")
    client = make_client()

    items = await collect(client.repos.list_all(sort="updated", page_size=3))

    assert ids(items) == [i["id"] for i in ITEMS]
    assert [param(r, "page") for r in server.requests] == [None, "2", "3"]
    assert all(param(r, "sort") == "updated" for r in server.requests)


async def test_link_header_raw_pages_show_each_header(server: ScriptedServer, make_client: Any) -> None:
    serve(server, repos(server), sort="updated")
    client = make_client()

    pages = await collect(client.repos.with_raw_response.list_all(sort="updated", page_size=4))

    assert len(pages) == 2
    assert 'rel="next"' in pages[0].headers["link"] and 'rel="next"' not in pages[1].headers["link"]
    assert [len(page.parse()) for page in pages] == [4, 3]


def test_the_walk_parameters_are_checked_before_any_request() -> None:
    client = paging_zoo.Zoo(api_key="zk", base_url="http://127.0.0.1:9")
    with pytest.raises(paging_zoo.ArgumentError):
        client.orders.list_all(page_size=0)
    with pytest.raises(paging_zoo.ArgumentError):
        client.orders.list_all(max_items=-1)

