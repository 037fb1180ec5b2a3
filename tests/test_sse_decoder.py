"""The generated client's server-sent-events decoder against the WHATWG rules, fed in every split.

Each stream is decoded whole, one byte at a time, and cut in two at every byte (inside CRLFs and
inside UTF-8 sequences too); every way must give exactly the events the spec's algorithm gives.
The decoder comes from the media fixture's golden package (tests/fixtures/media/expected).
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

GOLDEN = Path(__file__).resolve().parent / "fixtures" / "media" / "expected"
if str(GOLDEN) not in sys.path:
    sys.path.insert(0, str(GOLDEN))

from media_lab._streaming import SSEDecoder  # noqa: E402

Event = tuple[str, str, "str | None", "int | None"]  # (event, data, id, retry)


def decode(chunks: list[bytes]) -> list[Event]:
    decoder = SSEDecoder()
    return [(e.event, e.data, e.id, e.retry) for chunk in chunks for e in decoder.feed(chunk)]


def every_split(raw: bytes) -> list[list[bytes]]:
    """The stream whole, byte by byte, and cut in two at every position."""
    return [[raw], [raw[i : i + 1] for i in range(len(raw))], *([raw[:i], raw[i:]] for i in range(1, len(raw)))]


CASES: dict[str, tuple[bytes, list[Event]]] = {
    "one event per data line": (
        b'data: {"a": 1}\n\ndata: {"a": 2}\n\n',
        [("message", '{"a": 1}', None, None), ("message", '{"a": 2}', None, None)],
    ),
    "multi-line data joined with LF": (
        b"data: first\ndata: second\ndata:third\n\n",
        [("message", "first\nsecond\nthird", None, None)],
    ),
    "comments and unknown fields are ignored": (
        b": keep-alive\n:another\nfoo: bar\ndata: x\n: in between\n\n",
        [("message", "x", None, None)],
    ),
    "event names apply to one event only": (
        b"event: progress\ndata: 1\n\ndata: 2\n\nevent: done\ndata: 3\n\n",
        [("progress", "1", None, None), ("message", "2", None, None), ("done", "3", None, None)],
    ),
    "id carries over, retry needs digits, an id with NUL is ignored": (
        b"id: 7\nretry: 1500\ndata: a\n\ndata: b\n\nid: x\0y\nretry: soon\ndata: c\n\nid\ndata: d\n\n",
        [("message", "a", "7", 1500), ("message", "b", "7", 1500), ("message", "c", "7", 1500), ("message", "d", "", 1500)],
    ),
    "CR line ends": (b"event: e\rdata: x\rdata: y\r\rdata: z\r\r", [("e", "x\ny", None, None), ("message", "z", None, None)]),
    "CRLF line ends": (b"data: x\r\ndata: y\r\n\r\ndata: z\r\n\r\n", [("message", "x\ny", None, None), ("message", "z", None, None)]),
    "mixed line ends": (b"data: a\rdata: b\ndata: c\r\n\ndata: d\n\r", [("message", "a\nb\nc", None, None), ("message", "d", None, None)]),
    "only one space after the colon is dropped": (
        b"data:  two spaces\ndata:none\ndata\ndata:\n\n",
        [("message", " two spaces\nnone\n\n", None, None)],
    ),
    "empty data still dispatches; no data does not": (
        b"data:\n\nevent: lonely\n\ndata: after\n\n",
        [("message", "", None, None), ("message", "after", None, None)],
    ),
    "UTF-8 in data, event and comment": (
        "event: grüße\ndata: {\"t\": \"日本語 😀 ñ\"}\n: коммент\n\n".encode(),
        [("grüße", '{"t": "日本語 😀 ñ"}', None, None)],
    ),
    "a byte order mark before the first line is dropped": (
        b"\xef\xbb\xbfdata: x\n\n",
        [("message", "x", None, None)],
    ),
    "an event the stream ends inside is not dispatched": (
        b"data: done\n\ndata: cut off",
        [("message", "done", None, None)],
    ),
    "colons in the value stay": (b"data: a: b: c\n\n", [("message", "a: b: c", None, None)]),
    "[DONE] is an ordinary event to the decoder": (b"data: [DONE]\n\n", [("message", "[DONE]", None, None)]),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_decoder_follows_the_spec_in_every_split(name: str) -> None:
    raw, expected = CASES[name]
    for chunks in every_split(raw):
        assert decode(chunks) == expected, f"split as {chunks!r}"


def test_invalid_utf8_is_replaced_not_raised() -> None:
    assert decode([b"data: \xff\xfe ok\n\n"]) == [("message", "\ufffd\ufffd ok", None, None)]


def test_a_cr_at_the_end_of_a_read_and_an_lf_at_the_start_of_the_next_are_one_line_end() -> None:
    # With the LF counted as a second line end, the blank line would dispatch "a" early.
    assert decode([b"data: a\r", b"\ndata: b\r", b"\n\r", b"\n"]) == [("message", "a\nb", None, None)]


def test_many_events_in_one_read_and_one_event_over_many_reads() -> None:
    raw = b"".join(b"data: %d\n\n" % i for i in range(1000))
    assert [e[1] for e in decode([raw])] == [str(i) for i in range(1000)]
    assert [e[1] for e in decode([raw[i : i + 3] for i in range(0, len(raw), 3)])] == [str(i) for i in range(1000)]
