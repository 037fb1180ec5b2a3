"""An independent check of every request the wire-formats client sends: Prism
(``@stoplight/prism-cli``), started on the fixture spec with ``-d``, validates each request
against the spec (422 when it does not match) and answers from the response schemas, which
the client must parse.

Prism is installed by this test from npm into ``.cache/prism`` (gitignored) on first use, so a
fresh clone's ``make test`` needs only node and npm. Marked ``slow``: the install takes about
half a minute, Prism's start a few seconds.

What Prism cannot check, and is checked by tests/test_wire_requests.py with python-multipart and
the standard library's decoder instead: repeated multipart parts as an array and JSON parts
(stoplightio/prism#2654, unmerged), a form field sent as JSON (``encoding.contentType``: Prism
5.16 does not decode it), and arrays of objects in a form body (``items[0][price]``, which
OpenAPI's deepObject leaves undefined), parameters declared with ``content`` (Prism 5.16 accepts
any text there: ``/lookup/kindless`` passes), and path parameters of the styles ``label`` and
``matrix`` (Prism 5.16's deserializer crashes on them: ``parameters[name].startsWith is not a
function``, and the connection drops). Prism also judges a header parameter named
``Content-Type``, which OpenAPI says to ignore (and the client does): the fixture's has no enum.
"""

from __future__ import annotations

import inspect
import sys
import uuid
from collections.abc import Iterator
from datetime import date, datetime, timezone
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.prism_server import prism_mock

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = ROOT / "tests" / "fixtures" / "wire"
GOLDEN = FIXTURE / "expected"
if str(GOLDEN) not in sys.path:
    sys.path.insert(0, str(GOLDEN))

import wire_formats  # noqa: E402
import wire_formats.types  # noqa: E402

pytestmark = [pytest.mark.slow, pytest.mark.anyio]


@pytest.fixture(scope="module")
def prism_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with prism_mock(FIXTURE / "openapi.yaml", tmp_path_factory.mktemp("prism") / "prism.log", dynamic=True) as url:
        yield url


@pytest.fixture(params=[False, True], ids=["sync", "async"])
def client(request: pytest.FixtureRequest, prism_url: str) -> Any:
    cls = wire_formats.AsyncWireFormats if request.param else wire_formats.WireFormats
    return cls(api_key="wk-prism", base_url=prism_url, max_retries=0)


async def run(result: Any) -> Any:
    return await result if inspect.isawaitable(result) else result


async def test_prism_accepts_every_request_and_every_answer_parses(client: Any, tmp_path: Path) -> None:
    echo = wire_formats.types.Echo
    found = await run(
        client.search.search(
            ids=[1, 2],
            tags=["a,b", "c"],
            words=["big", "red"],
            codes=["x", "y"],
            filter={"status": "open", "created": {"gt": 5}},
            where={"name": "Ann & Bo", "age": 3},
            q="a b+c/é?",
            active=True,
            since=datetime(2024, 1, 2, 3, 4, 5),
            x_trace_ids=["t1", "t2"],
            session="s1",
        )
    )
    assert isinstance(found, echo)
    # Prism 5.16 crashes on an optional array header that is absent (its `simple` deserializer
    # splits `undefined`), so the header is always sent here; leaving it out is tested elsewhere.
    assert isinstance(await run(client.search.search(x_trace_ids=["only"])), echo)
    charge = client.charges.create(
        amount=100,
        currency="usd",
        capture=False,
        description="Tea & cake, 50% off",
        capture_before=datetime(2024, 1, 1, tzinfo=timezone.utc),
        metadata={"order_id": "6735"},
        expand=["customer", "invoice"],
        tags=["a", "b"],
        purpose=wire_formats.types.Purpose.FINE_TUNE,
    )
    assert isinstance(await run(charge), echo)
    path = tmp_path / "report.csv"
    path.write_bytes(b"a,b\n1,2\n")
    upload = client.files.upload(file=path, purpose="assistant", note="n", count=3, public=True, expires=date(2025, 1, 1))
    assert isinstance(await run(upload), echo)
    assert isinstance(await run(client.files.upload(file=("x.bin", b"\x00\x01", "application/octet-stream"), purpose="fine-tune")), echo)
    assert await run(client.files.put_content("f1", body=path)) is None
    assert isinstance(await run(client.notes.put("n1", body="héllo")), echo)


async def test_prism_accepts_nullable_unions_and_typed_scalars_in_every_location(client: Any) -> None:
    """FastAPI's optional parameters (``anyOf: [T, null]``), 3.1's ``type: [T, 'null']``, dates,
    UUIDs, enums and booleans in the query, header objects, cookies, ``allowReserved``."""
    echo = wire_formats.types.Echo
    optional = client.params.list_optional(
        limit=5,
        q="tea",
        color="green",
        since=datetime(2024, 1, 2, 3, 4, 5, tzinfo=timezone.utc),
        ids=[1, 2],
        flag=False,
        shade=wire_formats.types.ListOptionalShade.LIGHT,
        ref="r-1",
        x_request_id=uuid.uuid4(),
        theme="dark",
        page=2,
        pages=[3, 4],
    )
    assert isinstance(await run(optional), echo)
    # None for an optional nullable parameter leaves it out, and Prism accepts that.
    assert isinstance(await run(client.params.list_optional(limit=1, q=None, color=None, flag=None)), echo)
    styled = client.params.get_styled(
        point={"x": 3, "y": 4},
        path="/a/b:c,d?e=f&g",
        day=date(2024, 5, 6),
        uid=str(uuid.uuid4()),
        purpose=wire_formats.types.Purpose.FINE_TUNE,
        # Prism 5.16 crashes on an absent object header too (see above), so both are sent.
        x_point={"x": 1, "y": 2},
        x_point_exploded={"x": 5, "y": 6},
        x_enabled=True,
        x_since=datetime(2024, 1, 1, 12, 30, tzinfo=timezone.utc),
        ids=["u", "v"],
    )
    assert isinstance(await run(styled), echo)
    lookup = client.params.lookup({"kind": "a b", "n": 1}, opts=[1, 2], note="n", x_context={"kind": "x"}, prefs={"kind": "p"})
    assert isinstance(await run(lookup), echo)


@pytest.mark.parametrize(
    ("query", "headers"),
    [
        ("limit=ten", {}),
        ("limit=1&color=blue", {}),
        ("limit=1&flag=False", {}),
        ("limit=1&page=0", {}),
    ],
)
def test_prism_judges_the_nullable_union_parameters(prism_url: str, query: str, headers: dict[str, str]) -> None:
    """The control for the test above: Prism does check these parameters' values."""
    response = httpx.get(f"{prism_url}/optional?{query}", headers={"Authorization": "Bearer x", **headers})
    assert response.status_code == 422


def test_prism_rejects_a_request_the_spec_does_not_allow(prism_url: str) -> None:
    """The control: the validator does reject (a form without the required ``currency``)."""
    response = httpx.post(
        f"{prism_url}/charges",
        content=b"amount=1",
        headers={"Content-Type": "application/x-www-form-urlencoded", "Authorization": "Bearer x"},
    )
    assert response.status_code == 422
