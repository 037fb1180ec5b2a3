"""Every security scheme, alone and combined, over real HTTP (the `tests/fixtures/auth` client).

A loopback server records each request; the tests check exactly what arrived (the
Authorization header, the query string, the Cookie header) in the sync and the async client:
bearer, Basic, API keys in a header, the query and a cookie, OAuth2 client credentials (the
token request itself, caching, refresh before expiry, one refresh on a 401, one fetch for
concurrent calls in threads and in asyncio tasks, the client id and secret in HTTP Basic or in
the form body as ``token_endpoint_auth_method`` says), access tokens given as strings, callables
or (async client) async callables awaited under concurrent tasks, OpenID Connect; requirements that need two schemes together (AND) or one of two (OR), none, or
optionally one; a missing credential raising before anything is sent; and no credential in a log
line, an exception message, a repr or a URL shown.
"""

from __future__ import annotations

import asyncio
import base64
import inspect
import itertools
import logging
import sys
import threading
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs

import pytest

from tests.conftest import Recorded, Reply, ScriptedServer

GOLDEN = Path(__file__).resolve().parent / "fixtures" / "auth" / "expected"
if str(GOLDEN) not in sys.path:
    sys.path.insert(0, str(GOLDEN))

import secure_things  # noqa: E402

pytestmark = pytest.mark.anyio

BEARER = "bt-7f3a9c1e5d"
USER, PASSWORD = "AC-account-42", "pw:with/odd+chars"
HEADER_KEY = "hk-2b8d4f6a0c"
QUERY_KEY = "qk/needs+escaping=9e1"  # percent-encoded in the URL: redaction must catch that form too
COOKIE_KEY = "ck-5e7a9b1c3d"
CLIENT_ID, CLIENT_SECRET = "cid-31415", "cs-92653-secret"
USER_TOKEN = "ut-58979323"
OIDC_TOKEN = "oi-84626433"
SECRETS = [BEARER, USER, PASSWORD, HEADER_KEY, QUERY_KEY, COOKIE_KEY, CLIENT_ID, CLIENT_SECRET, USER_TOKEN, OIDC_TOKEN]
ALL = {
    "api_key": BEARER,
    "username": USER,
    "password": PASSWORD,
    "header_key_api_key": HEADER_KEY,
    "query_key_api_key": QUERY_KEY,
    "cookie_key_api_key": COOKIE_KEY,
    "client_id": CLIENT_ID,
    "client_secret": CLIENT_SECRET,
    "user_oauth_access_token": USER_TOKEN,
    "oidc_access_token": OIDC_TOKEN,
}


def basic(user: str, password: str) -> str:
    return "Basic " + base64.b64encode(f"{user}:{password}".encode()).decode()


class TokenServer:
    """The API and its token endpoint on one loopback server: ``/oauth/token`` hands out
    ``tok-1``, ``tok-2``, ... (each after ``delay`` seconds, valid ``expires_in`` seconds);
    every other path answers ``{"ok": true}``, or 401 for a token in ``rejected``."""

    def __init__(self, server: ScriptedServer) -> None:
        self.server = server
        self.delay = 0.0
        self.expires_in: float | None = 3600
        self.rejected: set[str] = set()
        self._numbers = itertools.count(1)
        self._lock = threading.Lock()
        server.responder = self.respond

    def respond(self, request: Recorded) -> Reply:
        if request.path == "/oauth/token":
            with self._lock:
                number = next(self._numbers)
            body: dict[str, Any] = {"access_token": f"tok-{number}", "token_type": "Bearer"}
            if self.expires_in is not None:
                body["expires_in"] = self.expires_in
            return Reply(200, body, delay=self.delay)
        if request.headers.get("authorization", "").removeprefix("Bearer ") in self.rejected:
            return Reply(401, {"message": "token revoked"})
        return Reply(200, {"ok": True})

    @property
    def token_requests(self) -> list[Recorded]:
        return [r for r in self.server.requests if r.path == "/oauth/token"]

    @property
    def api_requests(self) -> list[Recorded]:
        return [r for r in self.server.requests if r.path != "/oauth/token"]


@pytest.fixture
def api(server: ScriptedServer) -> TokenServer:
    return TokenServer(server)


@pytest.fixture(autouse=True)
def no_credentials_in_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    for env in secure_things._security.CREDENTIAL_ENVIRONMENT.values():
        monkeypatch.delenv(env, raising=False)
    monkeypatch.delenv("SECURE_THINGS_BASE_URL", raising=False)


class Flavour:
    def __init__(self, is_async: bool, server: ScriptedServer) -> None:
        self.is_async = is_async
        self.server = server
        self.clients: list[Any] = []

    def __repr__(self) -> str:
        return "async" if self.is_async else "sync"

    def client(self, **options: Any) -> Any:
        options.setdefault("base_url", self.server.url)
        options.setdefault("max_retries", 0)
        cls = secure_things.AsyncSecureThings if self.is_async else secure_things.SecureThings
        client = cls(**options)
        self.clients.append(client)
        return client

    @staticmethod
    async def run(result: Any) -> Any:
        return await result if inspect.isawaitable(result) else result


@pytest.fixture(params=[False, True], ids=["sync", "async"])
async def flavour(request: pytest.FixtureRequest, server: ScriptedServer) -> Any:
    chosen = Flavour(request.param, server)
    yield chosen
    for client in chosen.clients:
        await chosen.run(client.close())


def sent(request: Recorded) -> dict[str, Any]:
    """The credential-carrying parts of a request: Authorization, X-API-Key, the query, Cookie."""
    return {
        "authorization": request.headers.get("authorization"),
        "x-api-key": request.headers.get("x-api-key"),
        "query": parse_qs(request.query),
        "cookie": request.headers.get("cookie"),
    }


NOTHING = {"authorization": None, "x-api-key": None, "query": {}, "cookie": None}


# -- each scheme alone ---------------------------------------------------------------------------

ALONE = [
    ("get_bearer", {"authorization": f"Bearer {BEARER}"}),
    ("get_basic", {"authorization": basic(USER, PASSWORD)}),
    ("get_header_key", {"x-api-key": HEADER_KEY}),
    ("get_query_key", {"query": {"key": [QUERY_KEY]}}),
    ("get_cookie_key", {"cookie": f"session={COOKIE_KEY}"}),
    ("get_user_token", {"authorization": f"Bearer {USER_TOKEN}"}),
    ("get_oidc", {"authorization": f"Bearer {OIDC_TOKEN}"}),
]


@pytest.mark.parametrize(("method", "expected"), ALONE, ids=[m for m, _ in ALONE])
async def test_each_scheme_sends_exactly_its_credential(flavour: Flavour, api: TokenServer, method: str, expected: dict[str, Any]) -> None:
    client = flavour.client(**ALL)
    result = await flavour.run(getattr(client.things, method)())
    assert result.ok is True
    assert sent(api.api_requests[0]) == {**NOTHING, **expected}
    assert not api.token_requests


async def test_a_query_key_is_sent_beside_the_operations_own_query(flavour: Flavour, api: TokenServer) -> None:
    client = flavour.client(query_key_api_key=QUERY_KEY)
    await flavour.run(client.things.get_query_key(q="dogs & cats"))
    assert api.api_requests[0].params == {"q": ["dogs & cats"], "key": [QUERY_KEY]}


async def test_a_cookie_key_joins_the_cookie_header(flavour: Flavour, api: TokenServer) -> None:
    client = flavour.client(cookie_key_api_key=COOKIE_KEY, default_headers={"X-Trace": "1"})
    await flavour.run(client.things.get_cookie_key())
    assert api.api_requests[0].headers["cookie"] == f"session={COOKIE_KEY}"


async def test_credentials_come_from_the_environment(flavour: Flavour, api: TokenServer, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SECURE_THINGS_USERNAME", USER)
    monkeypatch.setenv("SECURE_THINGS_PASSWORD", PASSWORD)
    client = flavour.client()
    await flavour.run(client.things.get_basic())
    assert api.api_requests[0].headers["authorization"] == basic(USER, PASSWORD)


async def test_an_access_token_callable_is_called_for_each_request(flavour: Flavour, api: TokenServer) -> None:
    tokens = iter(["cb-token-1", "cb-token-2"])
    client = flavour.client(user_oauth_access_token=lambda: next(tokens))
    await flavour.run(client.things.get_user_token())
    await flavour.run(client.things.get_user_token())
    assert [r.headers["authorization"] for r in api.api_requests] == ["Bearer cb-token-1", "Bearer cb-token-2"]


@pytest.mark.parametrize(("argument", "method"), [("user_oauth_access_token", "get_user_token"), ("oidc_access_token", "get_oidc"), ("access_token", "get_oauth")])
async def test_an_async_token_callable_is_awaited_for_each_request_under_concurrent_tasks(server: ScriptedServer, api: TokenServer, argument: str, method: str) -> None:
    numbers = itertools.count(1)
    running = 0
    most = 0

    async def token() -> str:
        nonlocal running, most
        number = next(numbers)
        running += 1
        most = max(most, running)
        await asyncio.sleep(0.05)  # the other tasks call it meanwhile
        running -= 1
        return f"async-token-{number}"

    async with secure_things.AsyncSecureThings(**{argument: token}, client_id=CLIENT_ID, client_secret=CLIENT_SECRET, base_url=server.url) as client:
        results = await asyncio.gather(*(getattr(client.things, method)() for _ in range(8)))
    assert all(r.ok for r in results)
    assert sorted(r.headers["authorization"] for r in api.api_requests) == sorted(f"Bearer async-token-{n}" for n in range(1, 9))
    assert most > 1, "the callables ran concurrently, each task awaiting its own"
    assert not api.token_requests, "a token given (here by a callable) is used instead of client credentials"


async def test_a_sync_token_callable_still_works_in_the_async_client(server: ScriptedServer, api: TokenServer) -> None:
    async with secure_things.AsyncSecureThings(user_oauth_access_token=lambda: "plain-token", base_url=server.url) as client:
        await client.things.get_user_token()
    assert api.api_requests[0].headers["authorization"] == "Bearer plain-token"


async def test_an_async_token_is_redacted_like_the_credentials(server: ScriptedServer) -> None:
    server.responder = lambda request: Reply(500, {"message": f"echo {request.headers.get('authorization')}"})

    async def token() -> str:
        return "async-secret-token-77"

    async with secure_things.AsyncSecureThings(user_oauth_access_token=token, base_url=server.url, max_retries=0) as client:
        with pytest.raises(secure_things.InternalServerError) as caught:
            await client.things.get_user_token()
    assert server.requests[0].headers["authorization"] == "Bearer async-secret-token-77"
    assert "async-secret-token-77" not in str(caught.value) and "[REDACTED]" in str(caught.value)
    assert caught.value.request.headers["authorization"] == "Bearer [REDACTED]"


def test_an_async_token_callable_in_the_sync_client_is_an_argument_error(server: ScriptedServer) -> None:
    import warnings

    async def token() -> str:  # pragma: no cover - never awaited
        return "never"

    client = secure_things.SecureThings(user_oauth_access_token=token, base_url=server.url)  # type: ignore[arg-type]
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # the coroutine is closed, not left to warn "never awaited"
        with pytest.raises(secure_things.ArgumentError, match="user_oauth_access_token callable is async: pass it to the async client"):
            client.things.get_user_token()
    assert not server.requests


async def test_a_token_callable_returning_no_string_is_an_argument_error(flavour: Flavour, api: TokenServer) -> None:
    client = flavour.client(user_oauth_access_token=lambda: None)
    with pytest.raises(secure_things.ArgumentError, match="must return the token as a non-empty str, not NoneType"):
        await flavour.run(client.things.get_user_token())
    assert not api.server.requests


async def test_default_headers_the_caller_sets_win_over_the_scheme(flavour: Flavour, api: TokenServer) -> None:
    client = flavour.client(api_key=BEARER, default_headers={"Authorization": "Custom abc"})
    await flavour.run(client.things.get_bearer())
    assert api.api_requests[0].headers["authorization"] == "Custom abc"


# -- combined: AND, OR, none, optional ------------------------------------------------------------


async def test_two_schemes_in_one_requirement_are_sent_together(flavour: Flavour, api: TokenServer) -> None:
    client = flavour.client(**ALL)
    await flavour.run(client.things.get_both())
    assert sent(api.api_requests[0]) == {**NOTHING, "authorization": basic(USER, PASSWORD), "x-api-key": HEADER_KEY}


async def test_and_needs_every_scheme(flavour: Flavour, api: TokenServer) -> None:
    client = flavour.client(header_key_api_key=HEADER_KEY)
    with pytest.raises(secure_things.MissingCredentialsError) as caught:
        await flavour.run(client.things.get_both())
    assert caught.value.missing == ("username", "password")
    assert "SECURE_THINGS_USERNAME" in str(caught.value) and HEADER_KEY not in str(caught.value)
    assert not api.server.requests, "nothing is sent"


@pytest.mark.parametrize(
    ("configured", "expected"),
    [
        (ALL, {"query": {"key": [QUERY_KEY]}}),  # both: the first alternative
        ({"query_key_api_key": QUERY_KEY}, {"query": {"key": [QUERY_KEY]}}),
        ({"username": USER, "password": PASSWORD}, {"authorization": basic(USER, PASSWORD)}),
        ({"username": USER, "password": PASSWORD, "header_key_api_key": HEADER_KEY}, {"authorization": basic(USER, PASSWORD)}),
    ],
    ids=["both", "first-only", "second-only", "second-and-unrelated"],
)
async def test_alternatives_take_the_first_that_is_configured(flavour: Flavour, api: TokenServer, configured: dict[str, str], expected: dict[str, Any]) -> None:
    client = flavour.client(**configured)
    await flavour.run(client.things.get_either())
    assert sent(api.api_requests[0]) == {**NOTHING, **expected}


async def test_no_alternative_configured_names_them_all(flavour: Flavour, api: TokenServer) -> None:
    client = flavour.client(username=USER)  # half of Basic
    with pytest.raises(secure_things.MissingCredentialsError) as caught:
        await flavour.run(client.things.get_either())
    message = str(caught.value)
    assert message.startswith("getEither (GET /either) needs credentials: pass query_key_api_key")
    assert "SECURE_THINGS_QUERY_KEY_API_KEY" in message and "password" in message and "SecureThings" in message
    assert USER not in message
    assert not api.server.requests


async def test_security_none_sends_nothing_even_when_everything_is_configured(flavour: Flavour, api: TokenServer) -> None:
    client = flavour.client(**ALL)
    await flavour.run(client.things.get_public())
    assert sent(api.api_requests[0]) == NOTHING


@pytest.mark.parametrize(("configured", "expected"), [({}, NOTHING), ({"api_key": BEARER}, {**NOTHING, "authorization": f"Bearer {BEARER}"})], ids=["without", "with"])
async def test_optional_security_sends_the_credential_when_there_is_one(flavour: Flavour, api: TokenServer, configured: dict[str, str], expected: dict[str, Any]) -> None:
    client = flavour.client(**configured)
    await flavour.run(client.things.get_optional())
    assert sent(api.api_requests[0]) == expected


async def test_an_unsupported_scheme_generates_and_sends_nothing_of_its_own(flavour: Flavour, api: TokenServer) -> None:
    client = flavour.client(**ALL)
    await flavour.run(client.things.get_mtls(extra_headers={"X-Client-Cert": "by-hand"}))
    assert sent(api.api_requests[0]) == NOTHING
    assert api.api_requests[0].headers["x-client-cert"] == "by-hand"


async def test_a_client_without_credentials_is_made_and_fails_only_the_calls_that_need_them(flavour: Flavour, api: TokenServer) -> None:
    client = flavour.client()  # no operation needs one credential whatever it takes: lazy
    await flavour.run(client.things.get_public())
    with pytest.raises(secure_things.MissingCredentialsError, match="api_key \\(or SECURE_THINGS_API_KEY") as caught:
        await flavour.run(client.things.get_bearer())
    assert isinstance(caught.value, secure_things.SecureThingsError)
    assert len(api.server.requests) == 1


# -- OAuth2 client credentials -------------------------------------------------------------------


async def test_the_token_request_and_its_use(flavour: Flavour, api: TokenServer) -> None:
    client = flavour.client(client_id=CLIENT_ID, client_secret=CLIENT_SECRET)
    for _ in range(3):
        await flavour.run(client.things.get_oauth())
    (token,) = api.token_requests
    assert token.method == "POST"
    assert token.headers["authorization"] == basic(CLIENT_ID, CLIENT_SECRET)
    assert token.headers["content-type"] == "application/x-www-form-urlencoded"
    assert parse_qs(token.body.decode()) == {"grant_type": ["client_credentials"], "scope": ["things.read"]}
    assert [r.headers["authorization"] for r in api.api_requests] == ["Bearer tok-1"] * 3


@pytest.mark.parametrize("method", ["client_secret_basic", "client_secret_post"])
async def test_the_client_authenticates_to_the_token_endpoint_as_asked(flavour: Flavour, api: TokenServer, method: str) -> None:
    client = flavour.client(client_id=CLIENT_ID, client_secret="cs/odd+chars=1", token_endpoint_auth_method=method)
    await flavour.run(client.things.get_oauth())
    (token,) = api.token_requests
    form = parse_qs(token.body.decode(), keep_blank_values=True)
    assert token.headers["content-type"] == "application/x-www-form-urlencoded"
    if method == "client_secret_basic":  # RFC 6749 2.3.1: each form-encoded, then Basic
        assert token.headers["authorization"] == basic(CLIENT_ID, "cs%2Fodd%2Bchars%3D1")
        assert form == {"grant_type": ["client_credentials"], "scope": ["things.read"]}
    else:  # the pair in the body, and no Authorization header at all
        assert "authorization" not in token.headers
        assert form == {"grant_type": ["client_credentials"], "scope": ["things.read"], "client_id": [CLIENT_ID], "client_secret": ["cs/odd+chars=1"]}
    assert api.api_requests[0].headers["authorization"] == "Bearer tok-1"
    copy = client.with_options(timeout=5.0, client_secret="cs-other")  # keeps the method
    await flavour.run(copy.things.get_oauth())
    assert ("authorization" in api.token_requests[1].headers) == (method == "client_secret_basic")


async def test_a_token_endpoint_auth_method_can_be_changed_in_a_copy(flavour: Flavour, api: TokenServer) -> None:
    client = flavour.client(client_id=CLIENT_ID, client_secret=CLIENT_SECRET)
    copy = client.with_options(token_endpoint_auth_method="client_secret_post")
    await flavour.run(copy.things.get_oauth())
    await flavour.run(client.things.get_oauth())
    assert "authorization" not in api.token_requests[0].headers and "client_secret" in parse_qs(api.token_requests[0].body.decode())
    assert api.token_requests[1].headers["authorization"] == basic(CLIENT_ID, CLIENT_SECRET), "the copy's token is not shared across methods"


def test_an_unknown_token_endpoint_auth_method_is_an_argument_error() -> None:
    with pytest.raises(secure_things.ArgumentError, match="token_endpoint_auth_method must be one of 'client_secret_basic', 'client_secret_post'"):
        secure_things.SecureThings(client_id=CLIENT_ID, client_secret=CLIENT_SECRET, token_endpoint_auth_method="private_key_jwt")  # type: ignore[arg-type]


async def test_the_token_is_fetched_again_before_it_expires(flavour: Flavour, api: TokenServer, monkeypatch: pytest.MonkeyPatch) -> None:
    clock = [1000.0]
    monkeypatch.setattr(secure_things._auth, "_now", lambda: clock[0])
    api.expires_in = 100  # refreshed 30 s before it expires
    client = flavour.client(client_id=CLIENT_ID, client_secret=CLIENT_SECRET)
    await flavour.run(client.things.get_oauth())
    clock[0] += 69
    await flavour.run(client.things.get_oauth())
    clock[0] += 2  # 29 s left
    await flavour.run(client.things.get_oauth())
    assert [r.headers["authorization"] for r in api.api_requests] == ["Bearer tok-1", "Bearer tok-1", "Bearer tok-2"]
    assert len(api.token_requests) == 2


async def test_a_401_fetches_a_new_token_once(flavour: Flavour, api: TokenServer) -> None:
    api.rejected = {"tok-1"}
    client = flavour.client(client_id=CLIENT_ID, client_secret=CLIENT_SECRET)
    assert (await flavour.run(client.things.get_oauth())).ok is True
    assert [r.headers["authorization"] for r in api.api_requests] == ["Bearer tok-1", "Bearer tok-2"]
    api.rejected = {"tok-2", "tok-3"}
    with pytest.raises(secure_things.AuthenticationError):
        await flavour.run(client.things.get_oauth())
    assert len(api.token_requests) == 3, "one new token per call, not a loop"


async def test_a_failing_token_endpoint_is_a_typed_error_without_the_secret(flavour: Flavour, server: ScriptedServer) -> None:
    server.json({"error": "invalid_client", "error_description": f"bad secret {CLIENT_SECRET}"}, status=401)
    client = flavour.client(client_id=CLIENT_ID, client_secret=CLIENT_SECRET)
    with pytest.raises(secure_things.AuthenticationError) as caught:
        await flavour.run(client.things.get_oauth())
    assert "OAuth2 token request" in str(caught.value) and "/oauth/token" in str(caught.value)
    assert CLIENT_SECRET not in str(caught.value) and CLIENT_ID not in str(caught.value)
    assert [r.path for r in server.requests] == ["/oauth/token"]


async def test_a_token_answer_without_a_token_is_a_typed_error(flavour: Flavour, server: ScriptedServer) -> None:
    server.json({"token_type": "Bearer"})
    client = flavour.client(client_id=CLIENT_ID, client_secret=CLIENT_SECRET)
    with pytest.raises(secure_things.APIConnectionError, match="access_token"):
        await flavour.run(client.things.get_oauth())


async def test_a_missing_oauth2_credential_names_both_ways(flavour: Flavour, api: TokenServer) -> None:
    client = flavour.client()
    with pytest.raises(secure_things.MissingCredentialsError) as caught:
        await flavour.run(client.things.get_oauth())
    assert str(caught.value) == (
        "getOauth (GET /oauth) needs credentials: pass access_token (or SECURE_THINGS_ACCESS_TOKEN in the environment)"
        " or client_id and client_secret (or SECURE_THINGS_CLIENT_ID and SECURE_THINGS_CLIENT_SECRET in the environment)"
        f" to {'Async' if flavour.is_async else ''}SecureThings(...)"
    )
    assert caught.value.missing == ("access_token",)


async def test_a_given_access_token_is_not_needed_for_client_credentials(flavour: Flavour, api: TokenServer) -> None:
    client = flavour.client(client_id=CLIENT_ID)  # half of the pair
    with pytest.raises(secure_things.MissingCredentialsError, match="client_secret"):
        await flavour.run(client.things.get_oauth())
    assert not api.server.requests


async def test_a_token_given_for_a_client_credentials_scheme_is_used_as_it_is(flavour: Flavour, api: TokenServer) -> None:
    client = flavour.client(access_token=lambda: "own-refresh-1", client_id=CLIENT_ID, client_secret=CLIENT_SECRET)
    await flavour.run(client.things.get_oauth())
    assert api.api_requests[0].headers["authorization"] == "Bearer own-refresh-1"
    assert not api.token_requests


async def test_a_with_options_copy_shares_the_token(flavour: Flavour, api: TokenServer) -> None:
    client = flavour.client(client_id=CLIENT_ID, client_secret=CLIENT_SECRET)
    await flavour.run(client.things.get_oauth())
    copy = client.with_options(timeout=5.0)
    await flavour.run(copy.things.get_oauth())
    other = client.with_options(client_secret="cs-other-2")
    await flavour.run(other.things.get_oauth())
    assert len(api.token_requests) == 2, "the copy with the same secret reused the token"
    assert api.token_requests[1].headers["authorization"] == basic(CLIENT_ID, "cs-other-2")


async def test_concurrent_async_calls_fetch_one_token(server: ScriptedServer, api: TokenServer) -> None:
    api.delay = 0.2  # every task is waiting while the first one fetches
    async with secure_things.AsyncSecureThings(client_id=CLIENT_ID, client_secret=CLIENT_SECRET, base_url=server.url) as client:
        results = await asyncio.gather(*(client.things.get_oauth() for _ in range(8)))
        assert all(r.ok for r in results)
        assert len(api.token_requests) == 1
        api.rejected = {"tok-1"}  # revoked: eight 401s, one new token
        await asyncio.gather(*(client.things.get_oauth() for _ in range(8)))
    assert len(api.token_requests) == 2
    assert [r.headers["authorization"] for r in api.api_requests].count("Bearer tok-2") == 8


def test_concurrent_threads_fetch_one_token(server: ScriptedServer, api: TokenServer) -> None:
    api.delay = 0.2
    with secure_things.SecureThings(client_id=CLIENT_ID, client_secret=CLIENT_SECRET, base_url=server.url) as client:
        barrier = threading.Barrier(8)
        errors: list[BaseException] = []

        def call() -> None:
            barrier.wait()
            try:
                client.things.get_oauth()
            except BaseException as exc:  # pragma: no cover - reported below
                errors.append(exc)

        threads = [threading.Thread(target=call) for _ in range(8)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=30)
    assert not errors
    assert len(api.token_requests) == 1
    assert [r.headers["authorization"] for r in api.api_requests] == ["Bearer tok-1"] * 8


def test_an_async_client_used_from_two_event_loops(server: ScriptedServer, api: TokenServer) -> None:
    import httpx

    no_pool = httpx.AsyncClient(limits=httpx.Limits(max_keepalive_connections=0))  # no connection outlives its loop
    client = secure_things.AsyncSecureThings(client_id=CLIENT_ID, client_secret=CLIENT_SECRET, base_url=server.url, http_client=no_pool)

    async def once() -> None:
        await client.things.get_oauth()

    asyncio.run(once())
    api.rejected = {"tok-1"}
    asyncio.run(once())  # the token's lock is taken again, in another loop: a lock of the first would fail
    assert len(api.token_requests) == 2


async def test_every_credential_configures_every_operation(flavour: Flavour, api: TokenServer) -> None:
    """The helper a contract test (against Prism, say) uses: every operation sends its first alternative."""
    from tests.auth_credentials import every_credential

    client = flavour.client(**every_credential(secure_things))
    names = [n for n in dir(client.things) if n.startswith("get_")]
    for name in names:
        await flavour.run(getattr(client.things, name)())
    assert len(api.api_requests) == len(names) == 13 and not api.token_requests
    assert api.api_requests[names.index("get_oauth")].headers["authorization"] == "Bearer test-credential"


# -- redaction ------------------------------------------------------------------------------------


async def test_no_credential_in_logs_errors_or_reprs(flavour: Flavour, server: ScriptedServer, caplog: pytest.LogCaptureFixture) -> None:
    echo = " ".join(SECRETS + ["tok-1"])

    def respond(request: Recorded) -> Reply:
        if request.path == "/oauth/token":
            return Reply(200, {"access_token": "tok-1-" + "x" * 8, "expires_in": 60})
        return Reply(500, {"message": f"server echoes {echo} {request.path}?{request.query}"})

    server.responder = respond
    caplog.set_level(logging.DEBUG, logger="secure_things")
    client = flavour.client(**{**ALL, "max_retries": 1})
    texts = [repr(client), repr(client._auth), str(client.__dict__)]
    for method in ("get_bearer", "get_basic", "get_header_key", "get_query_key", "get_cookie_key", "get_oauth", "get_both", "get_either"):
        with pytest.raises(secure_things.InternalServerError) as caught:
            await flavour.run(getattr(client.things, method)(extra_query={"echo": QUERY_KEY}))
        texts += [str(caught.value), repr(caught.value), caught.value.message]
    texts += [record.getMessage() for record in caplog.records]
    assert any("key=" in text and "[REDACTED]" in text for text in texts), "the query key's place is shown, redacted"
    joined = "\n".join(texts)
    for secret in SECRETS + ["tok-1-xxxxxxxx", basic(USER, PASSWORD).split()[1]]:
        for form in {secret, secret.replace("/", "%2F").replace("+", "%2B").replace("=", "%3D").replace(":", "%3A")}:
            assert form not in joined, f"{secret!r} leaked"


async def test_a_connection_error_url_hides_a_query_key(flavour: Flavour, refused_url: str) -> None:
    client = flavour.client(query_key_api_key=QUERY_KEY, base_url=refused_url)
    with pytest.raises(secure_things.APIConnectionError) as caught:
        await flavour.run(client.things.get_query_key())
    message = str(caught.value)
    assert "/query-key?key=[REDACTED]" in message
    assert "needs" not in message and "escaping" not in message


# -- servers --------------------------------------------------------------------------------------


def _sent_urls(**options: Any) -> list[str]:
    import httpx

    seen: list[str] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(str(request.url))
        return httpx.Response(200, json={"ok": True})

    client = secure_things.SecureThings(api_key=BEARER, http_client=httpx.Client(transport=httpx.MockTransport(handler)), **options)
    client.things.get_public()
    client.things.upload(body="x")
    return seen


def test_the_default_environment_and_its_variables() -> None:
    assert _sent_urls() == ["https://us.things.example.com/v1/public", "https://uploads.things.example.com/v1/uploads"]
    assert _sent_urls(region="eu", version="v2")[0] == "https://eu.things.example.com/v2/public"
    assert _sent_urls(environment="sandbox")[0] == "https://sandbox.things.example.com/v1/public"
    assert secure_things._client.DEFAULT_BASE_URL == "https://us.things.example.com/v1"


def test_base_url_overrides_every_server(monkeypatch: pytest.MonkeyPatch) -> None:
    assert _sent_urls(base_url="http://localhost:9/api") == ["http://localhost:9/api/public", "http://localhost:9/api/uploads"]
    monkeypatch.setenv("SECURE_THINGS_BASE_URL", "http://localhost:8")
    assert _sent_urls(environment="sandbox") == ["http://localhost:8/public", "http://localhost:8/uploads"]


def test_a_with_options_copy_keeps_the_operation_servers() -> None:
    import httpx

    seen: list[str] = []
    transport = httpx.MockTransport(lambda request: seen.append(str(request.url)) or httpx.Response(200, json={}))
    client = secure_things.SecureThings(api_key=BEARER, http_client=httpx.Client(transport=transport))
    client.with_options(timeout=3.0).things.upload(body="x")
    client.with_options(base_url="http://localhost:7").things.upload(body="x")
    assert seen == ["https://uploads.things.example.com/v1/uploads", "http://localhost:7/uploads"]


def test_a_server_variable_outside_its_enum_is_an_argument_error() -> None:
    with pytest.raises(secure_things.ArgumentError, match="region must be one of 'us', 'eu'"):
        secure_things.SecureThings(region="mars")  # type: ignore[arg-type]
    with pytest.raises(secure_things.ArgumentError, match="environment must be one of"):
        secure_things.SecureThings(environment="staging")  # type: ignore[arg-type]


async def test_servers_sends_an_own_servers_operations_to_the_url_chosen(flavour: Flavour, server: ScriptedServer, refused_url: str) -> None:
    server.responder = lambda request: Reply(200, {"ok": True})
    client = flavour.client(api_key=BEARER, base_url=server.url + "/api", servers={"uploads": server.url + "/up/"})
    await flavour.run(client.things.upload(body="x"))
    await flavour.run(client.things.get_public())
    assert [r.path for r in server.requests] == ["/up/uploads", "/api/public"], "the chosen URL wins over base_url, for its server only"
    copy = client.with_options(timeout=5.0)  # keeps the choice
    await flavour.run(copy.things.upload(body="y"))
    moved = client.with_options(servers={"uploads": refused_url})
    with pytest.raises(secure_things.APIConnectionError, match="/uploads"):
        await flavour.run(moved.things.upload(body="z"))
    assert [r.path for r in server.requests][2:] == ["/up/uploads"]
    assert server.requests[0].headers["authorization"] == f"Bearer {BEARER}", "credentials go to the chosen server too"


def test_servers_chooses_without_base_url_and_whatever_the_environment() -> None:
    assert _sent_urls(environment="sandbox")[1] == "https://uploads.things.example.com/v1/uploads", "the spec gives the upload no sandbox server"
    assert _sent_urls(environment="sandbox", servers={"uploads": "https://uploads-eu.things.example.com/v1"}) == [
        "https://sandbox.things.example.com/v1/public",
        "https://uploads-eu.things.example.com/v1/uploads",
    ]


def test_an_unknown_server_name_is_an_argument_error() -> None:
    with pytest.raises(secure_things.ArgumentError, match="servers: 'downloads' is not a server of this API \\(known: 'uploads'\\)"):
        secure_things.SecureThings(api_key=BEARER, servers={"downloads": "http://localhost:9"})  # type: ignore[dict-item]
    assert secure_things._client.OWN_SERVERS == {"uploads": "https://uploads.things.example.com/v1"}
