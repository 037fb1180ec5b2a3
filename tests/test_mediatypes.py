"""generator/parse/mediatypes.py: the one rule that classifies a media type, for request bodies
and responses alike, and how each direction maps the kinds it has no use for."""

from __future__ import annotations

from typing import Any

import pytest

from generator.parse import mediatypes, requestbodies, responses

BLOB = {"type": "string", "format": "binary"}
STRING = {"type": "string"}


@pytest.mark.parametrize(
    ("media_type", "schema", "kind"),
    [
        ("application/json", None, "json"),
        ("Application/JSON; charset=utf-8", None, "json"),
        ("application/problem+json", None, "json"),
        ("application/json; version=2", STRING, "json"),
        ("text/event-stream", None, "events"),
        ("application/x-www-form-urlencoded", {"type": "object"}, "form"),
        ("multipart/form-data", {"type": "object"}, "multipart"),
        ("multipart/mixed", None, "multipart"),
        ("text/plain", STRING, "text"),
        ("text/csv", None, "text"),
        ("text/plain", BLOB, "binary"),  # a file served as text/plain: format: binary wins
        ("text/csv; charset=utf-8", BLOB, "binary"),
        ("application/xml", None, "text"),
        ("application/atom+xml", None, "text"),
        ("application/sdp", None, "text"),
        ("application/x-ndjson", None, "text"),
        ("application/jsonl", None, "text"),
        ("application/yaml", None, "text"),
        ("application/javascript", None, "text"),
        ("application/octet-stream", None, "binary"),
        ("application/octet-stream", STRING, "binary"),  # a plain string: still a file
        ("application/octet-stream", BLOB, "binary"),
        ("application/graphql", STRING, "text"),  # another type the spec types as a string
        ("application/graphql", {"type": "string", "format": "uri"}, "text"),
        ("application/pdf", {"type": "string", "contentMediaType": "application/pdf"}, "binary"),
        ("application/pdf", {"type": "string", "contentMediaType": "application/pdf", "contentEncoding": "base64"}, "text"),
        ("image/png", None, "binary"),
        ("image/png", BLOB, "binary"),
        ("application/vnd.custom", None, "binary"),
        ("application/zip", {"type": "object"}, "binary"),
    ],
)
def test_the_rule(media_type: str, schema: Any, kind: str) -> None:
    assert mediatypes.kind(media_type, schema) == kind


@pytest.mark.parametrize(
    ("media_type", "schema"),
    [
        ("text/plain", BLOB),  # the two used to disagree here (requests: text)...
        ("application/octet-stream", STRING),  # ...and here (requests: text)
        ("application/graphql", STRING),  # ...and here (responses: binary)
        ("application/jsonl", None),
        ("application/javascript", None),
        ("application/json", BLOB),
        ("image/png", None),
        ("text/csv", None),
    ],
)
def test_requests_and_responses_agree(media_type: str, schema: Any) -> None:
    assert requestbodies.kind_of(media_type, schema) == responses.media_kind(media_type, schema)


def test_each_direction_maps_the_kinds_it_has_no_use_for() -> None:
    assert requestbodies.kind_of("text/event-stream") == "text"  # a request sends events as text
    assert responses.media_kind("text/event-stream") == "events"
    assert requestbodies.kind_of("multipart/form-data") == "multipart"
    assert responses.media_kind("multipart/form-data") == "binary"  # an answer read as bytes
    assert responses.media_kind("application/x-www-form-urlencoded") == "binary"


def test_essence_and_is_json() -> None:
    assert mediatypes.essence(" Text/Plain ; charset=utf-8") == "text/plain"
    assert mediatypes.is_json("application/merge-patch+json; charset=utf-8")
    assert not mediatypes.is_json("application/jsonl")
    assert not mediatypes.is_json("text/json-ish")
