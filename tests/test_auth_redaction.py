"""No credential in what a failed call shows, for every scheme, over real HTTP, sync and async.

For each way of authenticating (bearer, Basic, an API key in a header, the query and a cookie,
an OAuth2 access token, OAuth2 client credentials sent either way) each failure a caller can
meet (the server answers 500 and the call is retried once, nothing listens and the call is
retried once, the answer does not come in time) must leave no credential in the exception's
repr and message, its ``request`` (repr, headers, URL, body), its ``response.request``, the
httpx error it was raised from, or any log line at ``DEBUG`` (the package's and httpx's own):
while the request that was sent (recorded by the transport, before the socket) carried it,
and the copy shown keeps everything else (method, path, other parameters and headers) with
the credential's place marked ``[REDACTED]``.
"""

from __future__ import annotations

import base64
import logging
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, quote, quote_plus

import httpx
import pytest

from tests.conftest import Recorded, Reply, ScriptedServer

GOLDEN = Path(__file__).resolve().parent / "fixtures" / "auth" / "expected"
if str(GOLDEN) not in sys.path:
    sys.path.insert(0, str(GOLDEN))

import secure_things  # noqa: E402

pytestmark = pytest.mark.anyio

MARKER = "[REDACTED]"
BEARER = "bt-redact-1a2b3c"
USER, PASSWORD = "AC-redact-user", "pw/redact+odd:chars"
HEADER_KEY = "hk-redact-4d5e6f"
QUERY_KEY = "qk/redact+needs=escaping"
COOKIE_KEY = "ck-redact-7a8b9c"
ACCESS_TOKEN = "at-redact-0d1e2f"
CLIENT_ID, CLIENT_SECRET = "cid-redact-33", "cs/redact+secret=44"
FETCHED = "tok-redact-fetched-55"


def _forms(secret: str) -> set[str]:
    """A secret as it may appear in a header, a URL or a form body."""
    return {secret, quote(secret, safe=""), quote_plus(secret, safe="")}


def _basic(user: str, password: str) -> str:
    return base64.b64encode(f"{user}:{password}".encode()).decode()


class Case:
    """One scheme: the client arguments, the method that uses it, what the credential looks like
    on the wire (to check the request sent carried it) and the secrets that must not show."""

    def __init__(self, name: str, method: str, options: dict[str, Any], secrets: list[str], carried: Callable[[httpx.Request], bool]) -> None:
        self.name, self.method, self.options, self.secrets, self.carried = name, method, options, secrets, carried

    def __repr__(self) -> str:
        return self.name


def _auth_header(request: httpx.Request) -> str:
    return request.headers.get("authorization", "")


CASES = [
    Case("bearer", "get_bearer", {"api_key": BEARER}, [BEARER], lambda r: _auth_header(r) == f"Bearer {BEARER}"),
    Case("basic", "get_basic", {"username": USER, "password": PASSWORD}, [USER, PASSWORD, _basic(USER, PASSWORD)], lambda r: _auth_header(r) == f"Basic {_basic(USER, PASSWORD)}"),
    Case("api_key_header", "get_header_key", {"header_key_api_key": HEADER_KEY}, [HEADER_KEY], lambda r: r.headers.get("x-api-key") == HEADER_KEY),
    Case("api_key_query", "get_query_key", {"query_key_api_key": QUERY_KEY}, [QUERY_KEY], lambda r: r.url.params.get("key") == QUERY_KEY),
    Case("api_key_cookie", "get_cookie_key", {"cookie_key_api_key": COOKIE_KEY}, [COOKIE_KEY], lambda r: f"session={COOKIE_KEY}" in r.headers.get("cookie", "")),
    Case("oauth2_access_token", "get_user_token", {"user_oauth_access_token": ACCESS_TOKEN}, [ACCESS_TOKEN], lambda r: _auth_header(r) == f"Bearer {ACCESS_TOKEN}"),
    Case(
        "oauth2_client_secret_basic", "get_oauth", {"client_id": CLIENT_ID, "client_secret": CLIENT_SECRET},
        [CLIENT_ID, CLIENT_SECRET, FETCHED, _basic(quote_plus(CLIENT_ID), quote_plus(CLIENT_SECRET))],
        lambda r: _auth_header(r) in (f"Bearer {FETCHED}", f"Basic {_basic(quote_plus(CLIENT_ID), quote_plus(CLIENT_SECRET))}"),
    ),
    Case(
        "oauth2_client_secret_post", "get_oauth", {"client_id": CLIENT_ID, "client_secret": CLIENT_SECRET, "token_endpoint_auth_method": "client_secret_post"},
        [CLIENT_ID, CLIENT_SECRET, FETCHED],
        lambda r: _auth_header(r) == f"Bearer {FETCHED}" or (r.url.path == "/oauth/token" and parse_qs(r.content.decode()).get("client_secret") == [CLIENT_SECRET]),
    ),
]


class Recording(httpx.HTTPTransport):
    """The real transport, keeping each request as it goes to the socket."""

    def __init__(self) -> None:
        super().__init__()
        self.sent: list[httpx.Request] = []

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        self.sent.append(request)
        return super().handle_request(request)


class AsyncRecording(httpx.AsyncHTTPTransport):
    def __init__(self) -> None:
        super().__init__()
        self.sent: list[httpx.Request] = []

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        self.sent.append(request)
        return await super().handle_async_request(request)


@pytest.fixture(autouse=True)
def no_credentials_in_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    for env in secure_things._security.CREDENTIAL_ENVIRONMENT.values():
        monkeypatch.delenv(env, raising=False)
    monkeypatch.delenv("SECURE_THINGS_BASE_URL", raising=False)
    monkeypatch.setattr(secure_things._base_client, "_backoff", lambda retries_taken: 0.001)


def _responder(failure: str) -> Callable[[Recorded], Reply]:
    def respond(request: Recorded) -> Reply:
        if request.path == "/oauth/token":
            return Reply(200, {"access_token": FETCHED, "expires_in": 3600})
        if failure == "timeout":
            return Reply(200, {"ok": True}, delay=3.0)
        return Reply(500, {"message": "the server is down"}, headers={"retry-after-ms": "1"})

    return respond


def _texts_of(error: BaseException) -> list[str]:
    """Everything a caller can print of the exception and the requests it holds."""
    assert isinstance(error, secure_things.APIError)
    requests = [error.request]
    if isinstance(error, secure_things.APIStatusError):
        requests.append(error.response.request)
        assert error.response.request is error.request
    cause = error.__cause__
    if isinstance(cause, httpx.RequestError):
        requests.append(cause.request)
        assert cause.request is error.request
    texts = [repr(error), str(error), error.message]
    for request in requests:
        texts += [repr(request), str(request.url), repr(request.headers), repr(list(request.headers.multi_items()))]
        texts.append(request.content.decode("utf-8", "replace"))
    return texts


@pytest.mark.parametrize("failure", ["status", "connection", "timeout"])
@pytest.mark.parametrize("case", CASES, ids=repr)
@pytest.mark.parametrize("is_async", [False, True], ids=["sync", "async"])
async def test_no_credential_in_what_a_failed_call_shows(
    is_async: bool, case: Case, failure: str, server: ScriptedServer, refused_url: str, caplog: pytest.LogCaptureFixture
) -> None:
    server.responder = _responder(failure)
    caplog.set_level(logging.DEBUG)  # every logger: the package's, httpx's and httpcore's
    transport = AsyncRecording() if is_async else Recording()
    http_client = httpx.AsyncClient(transport=transport) if is_async else httpx.Client(transport=transport)
    cls = secure_things.AsyncSecureThings if is_async else secure_things.SecureThings
    client = cls(
        **case.options,
        base_url=refused_url if failure == "connection" else server.url,
        max_retries=0 if failure == "timeout" else 1,
        timeout=0.5 if failure == "timeout" else 10.0,
        default_headers={"X-Trace": "trace-1"},
        http_client=http_client,
    )
    try:
        with pytest.raises(secure_things.APIError) as caught:
            result = getattr(client.things, case.method)(extra_query={"page": "2"})
            if is_async:
                await result
    finally:
        if is_async:
            await http_client.aclose()
        else:
            http_client.close()
    error = caught.value
    expected = {"status": secure_things.InternalServerError, "connection": secure_things.APIConnectionError, "timeout": secure_things.APITimeoutError}[failure]
    assert isinstance(error, expected)

    assert transport.sent and all(case.carried(r) for r in transport.sent), "the request sent carried the credential"
    if failure != "timeout" and not (failure == "connection" and case.method == "get_oauth"):
        assert "Retrying" in caplog.text, "the retry's debug line is among the texts checked"  # (a token fetch is not retried)

    texts = _texts_of(error) + [record.getMessage() for record in caplog.records]
    joined = "\n".join(texts)
    for secret in case.secrets:
        for form in _forms(secret):
            assert form not in joined, f"{secret!r} shows as {form!r}"

    shown = error.request
    assert shown.method == "GET" or shown.url.path == "/oauth/token"
    if shown.url.path != "/oauth/token":
        path = {"get_bearer": "/bearer", "get_basic": "/basic", "get_header_key": "/header-key", "get_query_key": "/query-key", "get_cookie_key": "/cookie-key", "get_user_token": "/user-token", "get_oauth": "/oauth"}[case.method]
        assert shown.url.path == path and shown.url.params["page"] == "2" and shown.headers["x-trace"] == "trace-1"
    marked = {
        "bearer": lambda r: r.headers["authorization"] == f"Bearer {MARKER}",
        "basic": lambda r: r.headers["authorization"] == f"Basic {MARKER}",
        "api_key_header": lambda r: r.headers["x-api-key"] == MARKER,
        "api_key_query": lambda r: r.url.params["key"] == MARKER,
        "api_key_cookie": lambda r: r.headers["cookie"] == f"session={MARKER}",
        "oauth2_access_token": lambda r: r.headers["authorization"] == f"Bearer {MARKER}",
        "oauth2_client_secret_basic": lambda r: r.headers["authorization"] in (f"Bearer {MARKER}", f"Basic {MARKER}"),
        "oauth2_client_secret_post": lambda r: r.headers.get("authorization") == f"Bearer {MARKER}" or parse_qs(r.content.decode())["client_secret"] == [MARKER],
    }[case.name]
    assert marked(shown), f"the credential's place is marked in {shown.headers!r} {shown.url}"


# -- the other places a request reaches the caller ---------------------------------------------


@pytest.fixture(params=[False, True], ids=["sync", "async"])
async def make(request: pytest.FixtureRequest) -> Any:
    """A client factory for the flavour; the clients are closed after the test."""
    made: list[Any] = []

    def factory(**options: Any) -> Any:
        cls = secure_things.AsyncSecureThings if request.param else secure_things.SecureThings
        client = cls(**options)
        made.append(client)
        return client

    factory.is_async = request.param  # type: ignore[attr-defined]
    yield factory
    for client in made:
        closing = client.close()
        if request.param:
            await closing


async def _run(result: Any) -> Any:
    import inspect

    return await result if inspect.isawaitable(result) else result


async def test_a_response_that_does_not_parse_shows_the_request_redacted(make: Any, server: ScriptedServer) -> None:
    server.json({"ok": {"not": "a boolean"}})
    client = make(query_key_api_key=QUERY_KEY, base_url=server.url, strict_response_validation=True)
    with pytest.raises(secure_things.APIResponseValidationError) as caught:
        await _run(client.things.get_query_key(q="cats"))
    assert parse_qs(server.requests[0].query)["key"] == [QUERY_KEY]
    shown = caught.value.request
    assert shown is caught.value.response.request
    assert shown.url.params["key"] == MARKER and shown.url.params["q"] == "cats"
    assert not any(form in repr(caught.value) + repr(shown) + str(shown.url) for form in _forms(QUERY_KEY))


async def test_a_raw_response_shows_the_request_redacted(make: Any, server: ScriptedServer) -> None:
    server.json({"ok": True})
    client = make(cookie_key_api_key=COOKIE_KEY, base_url=server.url)
    raw = await _run(client.things.with_raw_response.get_cookie_key(extra_headers={"X-Trace": "t-2"}))
    assert raw.parse().ok is True
    assert server.requests[0].headers["cookie"] == f"session={COOKIE_KEY}"
    shown = raw.http_response.request
    assert shown.headers["cookie"] == f"session={MARKER}" and shown.headers["x-trace"] == "t-2"
    assert COOKIE_KEY not in repr(list(shown.headers.multi_items()))


async def test_a_followed_redirect_shows_the_request_it_ended_at_redacted(make: Any, server: ScriptedServer) -> None:
    server.reply(Reply(307, b"", {"Location": "/header-key-moved?page=3"}), Reply(404, {"message": "gone"}))
    client = make(header_key_api_key=HEADER_KEY, base_url=server.url, max_retries=0)
    with pytest.raises(secure_things.NotFoundError) as caught:
        await _run(client.things.get_header_key())
    assert [r.headers.get("x-api-key") for r in server.requests] == [HEADER_KEY, HEADER_KEY], "same origin: the key goes along"
    shown = caught.value.request
    assert shown.url.path == "/header-key-moved" and shown.url.params["page"] == "3"
    assert shown.headers["x-api-key"] == MARKER


def test_a_client_repr_shows_no_password_of_its_base_url() -> None:
    client = secure_things.SecureThings(api_key=BEARER, base_url="http://someone:pw-in-url-9@127.0.0.1:9/api")
    assert "pw-in-url-9" not in repr(client) and BEARER not in repr(client)
    assert repr(client) == "SecureThings(base_url='http://127.0.0.1:9/api/')"


def test_the_redacted_copy_of_a_streamed_upload_has_no_body() -> None:
    from secure_things._redaction import redacted_request

    def chunks() -> Any:
        yield b"file contents"

    auth = secure_things._auth.Auth(secure_things._security.SCHEMES, {"header_key_api_key": HEADER_KEY})
    sent = httpx.Request("PUT", "http://127.0.0.1:9/up?x=1", headers={"X-API-Key": HEADER_KEY, "Content-Type": "text/plain"}, content=chunks())
    shown = redacted_request(sent, auth)
    assert shown.content == b"" and shown.headers["content-type"] == "text/plain" and shown.headers["x-api-key"] == MARKER
    assert shown.url == httpx.URL("http://127.0.0.1:9/up?x=1")


def test_the_redacted_copy_keeps_other_cookies_and_parameters() -> None:
    from secure_things._redaction import redacted_request

    auth = secure_things._auth.Auth(secure_things._security.SCHEMES, {"cookie_key_api_key": COOKIE_KEY, "query_key_api_key": QUERY_KEY})
    sent = httpx.Request("GET", "http://127.0.0.1:9/p", params={"a": "1", "key": QUERY_KEY, "b": "x y"}, headers={"Cookie": f"theme=dark; session={COOKIE_KEY}; lang=en"})
    shown = redacted_request(sent, auth)
    assert shown.headers["cookie"] == f"theme=dark; session={MARKER}; lang=en"
    assert list(shown.url.params.multi_items()) == [("a", "1"), ("key", MARKER), ("b", "x y")]
