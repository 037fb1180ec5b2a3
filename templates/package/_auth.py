"""Credentials, and what each operation's ``security`` sends.

The spec's security schemes (``_security.py``) are described by the classes below, each naming
the client arguments that carry its credentials. An :class:`Auth` holds one client's
credentials; for each call :meth:`Auth.select` picks the first of the operation's alternatives
whose credentials are all configured (one that needs none only when no other is), and
:meth:`Auth.parts` gives what that alternative adds to the request: headers, query parameters,
cookies. A credential that is missing raises :class:`MissingCredentialsError` before anything is
sent, naming the argument and its environment variable, never a value.

OAuth2 client-credentials tokens are fetched from the scheme's ``tokenUrl`` when first needed,
kept until shortly before they expire, and fetched again then or once when a call is answered
401. The fetch is a request of the client's sans-I/O flow (``BaseClient._token_flow``): the
sync and async drivers send it while holding the token's lock (a ``threading.Lock``, or an
``asyncio.Lock`` made when first needed), so that concurrent calls fetch one token, not one each.
The client authenticates itself to the token endpoint as ``token_endpoint_auth_method`` says
(the name RFC 7591 and authlib give it): ``client_secret_basic``, the id and secret in HTTP
Basic, which every authorization server must accept (RFC 6749, section 2.3.1), or
``client_secret_post``, the two in the form body, for servers that accept only that.

An access token given as a callable is called for each request (the caller's own refresh); the
request flow asks its driver to call it (:class:`TokenCall`), so that the async client can
also await an async callable.
"""

from __future__ import annotations

import base64
import json
import os
import threading
import time
from collections import deque
from collections.abc import Awaitable, Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal, Union
from urllib.parse import quote, quote_plus

import httpx

from ._exceptions import ArgumentError, MissingCredentialsError
from ._redaction import register

if TYPE_CHECKING:
    import asyncio

__all__ = [
    "APIKey",
    "Auth",
    "AuthParts",
    "HTTPBasic",
    "HTTPBearer",
    "OAuth2",
    "Requirement",
    "Scheme",
    "SensitiveNames",
    "TokenCall",
    "TokenEndpointAuthMethod",
    "TokenState",
    "credentials_from_environment",
    "store_token",
    "token_request",
]

Token = Union[str, Callable[[], str]]
"""An access token, or a callable that returns a current one (called for each request)."""

TokenEndpointAuthMethod = Literal["client_secret_basic", "client_secret_post"]
"""How the client authenticates itself to an OAuth2 token endpoint (RFC 7591's names)."""

TOKEN_ENDPOINT_AUTH_METHODS: tuple[str, ...] = ("client_secret_basic", "client_secret_post")

Requirement = Sequence[Sequence[str]]
"""An operation's ``security``: alternatives, each the keys of the schemes sent together."""

REFRESH_MARGIN = 30.0
"""A token is fetched again this many seconds before it expires (at most half its lifetime)."""


def _now() -> float:
    return time.monotonic()


@dataclass(frozen=True)
class HTTPBearer:
    """``Authorization: Bearer <token>`` (``http`` ``bearer``, ``openIdConnect``)."""

    token: str

    def ways(self) -> tuple[tuple[str, ...], ...]:
        return ((self.token,),)


@dataclass(frozen=True)
class HTTPBasic:
    """``Authorization: Basic base64(username:password)``."""

    username: str
    password: str

    def ways(self) -> tuple[tuple[str, ...], ...]:
        return ((self.username, self.password),)


@dataclass(frozen=True)
class APIKey:
    """An API key in a header, query parameter or cookie named ``name``."""

    key: str
    name: str
    location: str  # "header", "query" or "cookie"

    def ways(self) -> tuple[tuple[str, ...], ...]:
        return ((self.key,),)


@dataclass(frozen=True)
class OAuth2:
    """An OAuth2 bearer token: given (``token``), or fetched with the client-credentials grant
    from ``token_url`` (``client_id``, ``client_secret``, ``scopes``)."""

    token: str | None = None
    client_id: str | None = None
    client_secret: str | None = None
    token_url: str | None = None
    scopes: tuple[str, ...] = ()

    def ways(self) -> tuple[tuple[str, ...], ...]:
        ways: list[tuple[str, ...]] = []
        if self.token:
            ways.append((self.token,))
        if self.client_id and self.client_secret and self.token_url:
            ways.append((self.client_id, self.client_secret))
        return tuple(ways)


Scheme = Union[HTTPBearer, HTTPBasic, APIKey, OAuth2]


class TokenState:
    """One client's fetched token for one client-credentials scheme, and the locks that make
    concurrent calls wait for one fetch."""

    def __init__(
        self,
        scheme: OAuth2,
        client_id: str,
        client_secret: str,
        method: TokenEndpointAuthMethod = "client_secret_basic",
    ) -> None:
        self.scheme = scheme
        self.client_id = client_id
        self.client_secret = client_secret
        self.method = method
        self.token: str | None = None
        self.previous: str | None = None  # the token before (still redacted: a 401 may quote it)
        self.refresh_at: float | None = None  # None: until a 401 says otherwise
        self.thread_lock = threading.Lock()
        self._async_lock: tuple[object, asyncio.Lock] | None = None

    def __repr__(self) -> str:  # never shows the secret or the token
        return f"TokenState(token_url={self.scheme.token_url!r}, fetched={self.token is not None})"

    def fresh(self) -> bool:
        return self.token is not None and (self.refresh_at is None or _now() < self.refresh_at)

    def needs_fetch(self, rejected: str | None) -> bool:
        """Whether to fetch: no fresh token, or the one a 401 rejected is still the current one
        (another call may have replaced it while this one waited for the lock)."""
        return not self.fresh() or (rejected is not None and self.token == rejected)

    def store(self, token: str, expires_in: float | None) -> None:
        self.previous, self.token = self.token, token
        if expires_in is None:
            self.refresh_at = None
        else:
            self.refresh_at = _now() + expires_in - min(REFRESH_MARGIN, expires_in / 2)

    def async_lock(self) -> asyncio.Lock:
        """An ``asyncio.Lock`` for the running event loop, made when first needed (a lock
        belongs to one loop; a client used from another loop gets a new one)."""
        import asyncio

        loop = asyncio.get_running_loop()
        if self._async_lock is None or self._async_lock[0] is not loop:
            self._async_lock = (loop, asyncio.Lock())
        return self._async_lock[1]


@dataclass
class AuthParts:
    """What one attempt adds to its request, and the fetched tokens it uses (for a 401)."""

    headers: dict[str, str]
    query: dict[str, str]
    cookies: dict[str, str]
    tokens: list[tuple[TokenState, str]]


@dataclass(frozen=True)
class SensitiveNames:
    """Where the spec's API keys travel: header names (lower case), query parameter and cookie
    names. What a caller is shown of a request has their values redacted (``_redaction``)."""

    headers: frozenset[str] = frozenset()
    query: frozenset[str] = frozenset()
    cookies: frozenset[str] = frozenset()


@dataclass
class TokenCall:
    """Call an access-token callable: the driving client stores what it returns in ``token``
    (the async client awaits it first when it is awaitable)."""

    credential: str
    function: Callable[[], object]
    token: str | None = field(default=None, repr=False)


@dataclass(frozen=True)
class _Choice:
    """An alternative of a requirement, its schemes and the tokens to fetch for it."""

    keys: tuple[str, ...]
    fetch: tuple[TokenState, ...]


def credentials_from_environment(
    given: Mapping[str, object], environment: Mapping[str, str]
) -> dict[str, object]:
    """Each credential as given, else from its environment variable; empty ones are left out."""
    result: dict[str, object] = {}
    for name, value in given.items():
        if value is None and name in environment:
            value = os.environ.get(environment[name])
        if value is not None and value != "":
            result[name] = value
    return result


class Auth:
    """One client's credentials for the spec's schemes; see the module docstring."""

    def __init__(
        self,
        schemes: Mapping[str, Scheme],
        credentials: Mapping[str, object],
        *,
        default: Requirement = (),
        environment: Mapping[str, str] | None = None,
        client: str = "the client",
        required: Iterable[str] = (),
        token_endpoint_auth_method: TokenEndpointAuthMethod = "client_secret_basic",
    ) -> None:
        if token_endpoint_auth_method not in TOKEN_ENDPOINT_AUTH_METHODS:
            raise ArgumentError(
                "token_endpoint_auth_method must be one of "
                f"{', '.join(map(repr, TOKEN_ENDPOINT_AUTH_METHODS))}, not {token_endpoint_auth_method!r}"
            )
        self.schemes = dict(schemes)
        self.credentials = dict(credentials)
        self.default = tuple(tuple(keys) for keys in default)
        self.environment = dict(environment or {})
        self.client = client
        self.token_endpoint_auth_method: TokenEndpointAuthMethod = token_endpoint_auth_method
        self.sensitive = _sensitive_names(self.schemes.values())
        self._tokens: dict[str, TokenState] = {}
        # The latest tokens callables returned: redacted like the credentials.
        self._shown: deque[str] = deque(maxlen=16)
        for key, scheme in self.schemes.items():
            if isinstance(scheme, OAuth2) and scheme.client_id and scheme.client_secret:
                client_id = self.credentials.get(scheme.client_id)
                client_secret = self.credentials.get(scheme.client_secret)
                if isinstance(client_id, str) and isinstance(client_secret, str):
                    self._tokens[key] = TokenState(
                        scheme, client_id, client_secret, token_endpoint_auth_method
                    )
        missing = [name for name in required if name not in self.credentials]
        if missing:
            raise MissingCredentialsError(
                f"The {_names(missing)} client option{'s' if len(missing) > 1 else ''} must be set either by "
                f"passing {_names(missing)} to the client or by setting the "
                f"{_names([self.environment.get(n, n) for n in missing])} environment variable"
                f"{'s' if len(missing) > 1 else ''}",
                missing=tuple(missing),
            )
        register(self)

    def __repr__(self) -> str:  # names only, never values
        return f"Auth(schemes={sorted(self.schemes)!r}, configured={sorted(self.credentials)!r})"

    def credential(self, name: str) -> Any:
        return self.credentials.get(name)

    def merged(self, overrides: Mapping[str, object]) -> dict[str, Any]:
        """The credentials of a ``with_options()`` copy: these, with ``overrides`` that are given."""
        return {
            **self.credentials,
            **{k: v for k, v in overrides.items() if v is not None},
        }

    def share_tokens(self, original: Auth) -> None:
        """Use ``original``'s fetched tokens where this client has the same client id and
        secret (a ``with_options()`` copy), so that a copy does not fetch its own."""
        for key, state in self._tokens.items():
            theirs = original._tokens.get(key)
            if theirs is not None and (theirs.client_id, theirs.client_secret, theirs.method) == (
                state.client_id,
                state.client_secret,
                state.method,
            ):
                self._tokens[key] = theirs

    # -- choosing what to send -----------------------------------------------------------------

    def _configured(self, key: str) -> bool:
        scheme = self.schemes.get(key)
        return scheme is not None and any(
            all(name in self.credentials for name in way) for way in scheme.ways()
        )

    def select(self, requirement: Requirement | None, operation: str) -> _Choice:
        """The first alternative whose credentials are all configured; one needing none (an
        empty alternative, or no requirement) only when no other is."""
        alternatives = self.default if requirement is None else tuple(map(tuple, requirement))
        if not alternatives:
            return _Choice((), ())
        for keys in alternatives:
            if keys and all(self._configured(key) for key in keys):
                return _Choice(keys, tuple(self._to_fetch(keys)))
        if () in alternatives:
            return _Choice((), ())
        message, missing = self._missing(alternatives, operation)
        raise MissingCredentialsError(message, missing=missing)

    def _to_fetch(self, keys: tuple[str, ...]) -> Iterable[TokenState]:
        for key in keys:
            scheme = self.schemes[key]
            state = self._tokens.get(key)
            if state is not None and not (
                isinstance(scheme, OAuth2) and scheme.token and scheme.token in self.credentials
            ):
                yield state  # a client id and secret, and no token given instead

    def _missing(
        self, alternatives: tuple[tuple[str, ...], ...], operation: str
    ) -> tuple[str, tuple[str, ...]]:
        """The message, and the arguments that would make the first alternative usable."""
        options = []
        first: list[str] | None = None
        for keys in alternatives:
            names: list[str] = []  # the first way of each scheme: what `missing` reports
            texts: list[str] = []
            for key in keys:
                ways = (self.schemes[key].ways() if key in self.schemes else ()) or ((key,),)
                lacking = [[n for n in way if n not in self.credentials] for way in ways]
                if not all(lacking):
                    continue  # this scheme is configured; another of the alternative is not
                # A half-given way (a client id without its secret) is the one to finish;
                # otherwise every way is shown (an access token, or a client id and secret).
                partial = [way for way, left in zip(ways, lacking) if len(left) < len(way)]
                shown = [lacking[ways.index(partial[0])]] if partial else lacking
                names += shown[0]
                texts.append(" or ".join(_with_environment(w, self.environment) for w in shown))
            first = names if first is None else first
            options.append(" and ".join(texts))
        message = (
            f"{operation} needs credentials: pass {'; or '.join(options)} to {self.client}(...)"
        )
        return message, tuple(first or ())

    def token_calls(self, choice: _Choice) -> list[TokenCall]:
        """The access-token callables the chosen alternative sends the result of: the request
        flow has its driver call them, then passes the tokens to :meth:`parts`."""
        calls = []
        for key in choice.keys:
            name = self._given_token(key, choice)
            value = self.credentials.get(name) if name is not None else None
            if name is not None and callable(value):
                calls.append(TokenCall(name, value))
        return calls

    def _given_token(self, key: str, choice: _Choice) -> str | None:
        """The access-token credential a scheme of the chosen alternative sends, if any."""
        scheme = self.schemes[key]
        if isinstance(scheme, HTTPBearer):
            return scheme.token
        if isinstance(scheme, OAuth2) and scheme.token:
            state = self._tokens.get(key)
            if state is None or state not in choice.fetch:
                return scheme.token
        return None

    def remember(self, call: TokenCall, value: object) -> None:
        """Store what a token callable returned in ``call``, kept to be redacted like the
        credentials."""
        if not isinstance(value, str) or not value:
            raise ArgumentError(
                f"the {call.credential} callable must return the token as a non-empty str,"
                f" not {type(value).__name__}"
            )
        if value not in self._shown:
            self._shown.append(value)
        call.token = value

    def call_token(self, call: TokenCall) -> None:
        """Call ``call``'s callable (the sync client): an async callable needs the async client."""
        value = call.function()
        if isinstance(value, Awaitable):
            close = getattr(value, "close", None)
            if callable(close):
                close()  # a coroutine never awaited would warn
            raise ArgumentError(
                f"the {call.credential} callable is async: pass it to the async client, or pass"
                " a function that returns the token"
            )
        self.remember(call, value)

    async def acall_token(self, call: TokenCall) -> None:
        """Call ``call``'s callable and await what it returns when it is awaitable (the async client)."""
        value = call.function()
        if isinstance(value, Awaitable):
            value = await value
        self.remember(call, value)

    def parts(self, choice: _Choice, tokens: Mapping[str, str] | None = None) -> AuthParts:
        """What the chosen alternative adds to a request; ``tokens``: what the access-token
        callables returned for it (see :meth:`token_calls`)."""
        parts = AuthParts({}, {}, {}, [])
        for key in choice.keys:
            scheme = self.schemes[key]
            if isinstance(scheme, HTTPBasic):
                pair = f"{self.credentials[scheme.username]}:{self.credentials[scheme.password]}"
                encoded = base64.b64encode(pair.encode("utf-8")).decode("ascii")
                parts.headers["Authorization"] = f"Basic {encoded}"
            elif isinstance(scheme, APIKey):
                value = str(self.credentials[scheme.key])
                {
                    "header": parts.headers,
                    "query": parts.query,
                    "cookie": parts.cookies,
                }[
                    scheme.location
                ][scheme.name] = value
            elif isinstance(scheme, HTTPBearer):
                parts.headers["Authorization"] = f"Bearer {self._token(scheme.token, tokens)}"
            else:
                state = self._tokens.get(key)
                if state is not None and state.token is not None and state in choice.fetch:
                    parts.headers["Authorization"] = f"Bearer {state.token}"
                    parts.tokens.append((state, state.token))
                elif scheme.token:
                    parts.headers["Authorization"] = f"Bearer {self._token(scheme.token, tokens)}"
        return parts

    def _token(self, name: str, tokens: Mapping[str, str] | None) -> str:
        if tokens and name in tokens:
            return tokens[name]
        value = self.credentials[name]
        if callable(value):  # called here only when the flow did not (a direct use of parts)
            call = TokenCall(name, value)
            self.call_token(call)
            return call.token or ""
        return str(value)

    # -- redaction -------------------------------------------------------------------------------

    def secrets(self) -> list[str]:
        """Every credential value and token in every form it can take in a URL or a header,
        longest first (so that a value containing another is replaced whole)."""
        values = {v for v in self.credentials.values() if isinstance(v, str)}
        values |= set(tuple(self._shown))  # a copy: other threads may add to it
        for state in list(self._tokens.values()):
            values |= {token for token in (state.token, state.previous) if token}
        for scheme in self.schemes.values():
            if isinstance(scheme, HTTPBasic):
                user = self.credentials.get(scheme.username)
                password = self.credentials.get(scheme.password)
                if isinstance(user, str) and isinstance(password, str):
                    pair = f"{user}:{password}".encode("utf-8")
                    values.add(base64.b64encode(pair).decode("ascii"))
        forms = set()
        for value in values:
            forms |= {value, quote(value, safe=""), quote_plus(value, safe="")}
        return sorted((f for f in forms if f), key=len, reverse=True)

    def redact(self, text: str) -> str:
        for secret in self.secrets():
            text = text.replace(secret, "[REDACTED]")
        return text


def token_request(
    state: TokenState,
    base_url: httpx.URL,
    timeout: httpx.Timeout | None,
    headers: Mapping[str, str],
) -> httpx.Request:
    """The client-credentials token request (OAuth 2.0, section 4.4), with the scopes the
    spec's requirements ask for; a relative ``tokenUrl`` is relative to the base URL. The client
    id and secret go in HTTP Basic (``client_secret_basic``, which every authorization server
    must accept, 2.3.1; each form-encoded first, as 2.3.1 says) or in the form body
    (``client_secret_post``)."""
    scheme = state.scheme
    form = {"grant_type": "client_credentials"}
    if scheme.scopes:
        form["scope"] = " ".join(scheme.scopes)
    sent = {"Accept": "application/json", "User-Agent": headers.get("User-Agent", "")}
    if state.method == "client_secret_post":
        form["client_id"] = state.client_id
        form["client_secret"] = state.client_secret
    else:
        pair = f"{quote_plus(state.client_id)}:{quote_plus(state.client_secret)}".encode("utf-8")
        sent["Authorization"] = "Basic " + base64.b64encode(pair).decode("ascii")
    return httpx.Request(
        "POST",
        base_url.join(scheme.token_url or ""),
        headers=sent,
        data=form,
        extensions={"timeout": (timeout or httpx.Timeout(None)).as_dict()},
    )


def store_token(state: TokenState, content: bytes) -> None:
    """Keep the token of a token endpoint's answer; ``ValueError`` when it has none."""
    try:
        payload = json.loads(content)
    except ValueError:
        raise ValueError("the answer is not JSON") from None
    token = payload.get("access_token") if isinstance(payload, dict) else None
    if not isinstance(token, str) or not token:
        raise ValueError("no access_token")
    expires_in = payload.get("expires_in")
    try:
        lifetime = None if expires_in is None else float(expires_in)
    except (TypeError, ValueError):
        raise ValueError("expires_in is not a number") from None
    state.store(token, lifetime)


def _sensitive_names(schemes: Iterable[Scheme]) -> SensitiveNames:
    keys = [scheme for scheme in schemes if isinstance(scheme, APIKey)]
    return SensitiveNames(
        headers=frozenset(k.name.lower() for k in keys if k.location == "header"),
        query=frozenset(k.name for k in keys if k.location == "query"),
        cookies=frozenset(k.name for k in keys if k.location == "cookie"),
    )


def _with_environment(names: Sequence[str], environment: Mapping[str, str]) -> str:
    """``a and b (or A and B in the environment)``."""
    envs = [environment[n] for n in names if n in environment]
    return _names(names) + (f" (or {_names(envs)} in the environment)" if envs else "")


def _names(names: Sequence[str]) -> str:
    """``a``, ``a and b``, ``a, b and c``."""
    if len(names) <= 1:
        return "".join(names)
    return f"{', '.join(names[:-1])} and {names[-1]}"
