"""One place for how a request is made: retries, backoff, timeouts, errors and logging.

:class:`BaseClient` holds every decision (what to send, whether and how long to wait before
a retry, which exception a response becomes); :class:`SyncAPIClient` and
:class:`AsyncAPIClient` only run the loop with blocking or async I/O.
"""

from __future__ import annotations

import contextlib
import contextvars
import email.utils
import json
import logging
import os
import platform
import random
import time
from collections.abc import Generator, Iterator, Mapping
from dataclasses import dataclass
from types import TracebackType
from typing import TYPE_CHECKING, Any, TypeVar

import httpx

from ._auth import (
    Auth,
    AuthParts,
    Requirement,
    TokenCall,
    TokenState,
    store_token,
    token_request,
)
from ._constants import LOG_ENV, PACKAGE_NAME
from ._exceptions import (
    APIConnectionError,
    APIError,
    APIStatusError,
    APITimeoutError,
    ArgumentError,
    ClientClosedError,
    status_error_class,
)
from ._bodies import RequestBody
from ._query import cookie_header, encode_query, header_parameter, json_data
from ._redaction import install_log_filter, redacted_request
from ._redirects import MAX_REDIRECTS, next_request
from ._response import APIResponse, raw_response_requested
from ._streamed_response import (
    AsyncStreamedAPIResponse,
    StreamedAPIResponse,
    streamed_response_requested,
)
from ._sentinels import NOT_GIVEN, NotGiven
from ._version import __title__, __version__

if TYPE_CHECKING:
    from ._lenient import ResponseMismatch

__all__ = [
    "DEFAULT_MAX_RETRIES",
    "DEFAULT_TIMEOUT",
    "NOT_GIVEN",
    "AsyncAPIClient",
    "NotGiven",
    "RequestOptions",
    "SyncAPIClient",
    "requesting_url",
]

T = TypeVar("T")

DEFAULT_TIMEOUT = httpx.Timeout(60.0, connect=5.0)
DEFAULT_MAX_RETRIES = 2
INITIAL_RETRY_DELAY = 0.5
MAX_RETRY_DELAY = 8.0
MAX_RETRY_AFTER = 60.0
IDEMPOTENT_METHODS = frozenset({"GET", "HEAD", "PUT", "DELETE", "OPTIONS"})
RETRYABLE_STATUSES = frozenset({408, 409, 429})
_MAX_REPORTED = 10_000  # places remembered as reported (a bound, not a limit on warnings)

log = logging.getLogger(PACKAGE_NAME)


def _setup_logging() -> None:
    """The variable named by ``LOG_ENV`` set to ``debug`` (or ``info``) logs each request to stderr."""
    level = os.environ.get(LOG_ENV, "").strip().lower()
    if level in ("debug", "info"):
        handler = logging.StreamHandler()
        handler.setFormatter(
            logging.Formatter("[%(asctime)s - %(name)s:%(lineno)d - %(levelname)s] %(message)s")
        )
        log.addHandler(handler)
        log.setLevel(logging.DEBUG if level == "debug" else logging.INFO)


_setup_logging()
install_log_filter()  # httpx's own request log line shows no credential either


Timeout = float | httpx.Timeout | None

_page_url: contextvars.ContextVar[str | None] = contextvars.ContextVar("_page_url", default=None)


@contextlib.contextmanager
def requesting_url(url: str | None) -> Iterator[None]:
    """Within the block, a request goes to ``url`` (a later page, as the server gave it; see
    ``_pagination.py``, which checks it is on this client's server) instead of its path. The
    URL's own query parameters replace the request's of the same name; the others are kept,
    so every filter the caller gave is still sent."""
    token = _page_url.set(url)
    try:
        yield
    finally:
        _page_url.reset(token)


@dataclass(frozen=True)
class RequestOptions:
    """One call's request, as a resource method describes it."""

    method: str
    path: str
    query: Mapping[str, object] | None = None
    headers: Mapping[str, object] | None = None
    cookies: Mapping[str, object] | None = None
    extra_headers: Mapping[str, str] | None = None
    extra_query: Mapping[str, object] | None = None
    body: object = None
    """The JSON body (``NOT_GIVEN`` values inside it are left out, ``None`` is sent as null), or a
    ``_bodies.RequestBody`` (a form, an upload, text or bytes)."""
    timeout: Timeout | NotGiven = NOT_GIVEN
    max_retries: int | NotGiven = NOT_GIVEN
    retryable: bool | None = None
    """Whether failures may be retried; ``None``: only for idempotent methods."""
    response_kind: str = "json"
    """How a success is read: ``json``, ``text``, ``binary`` or ``events`` (an event stream, not read ahead)."""
    event_types: Mapping[str, object] | None = None
    """For ``events``: the model of each event name the spec gives one."""
    operation: str = ""
    """The operation's name in the spec (its operationId), for reports of responses that do not match it."""
    security: Requirement | None = None
    """The operation's own ``security`` alternatives (scheme keys), when not the API's default."""
    server: str | None = None
    """The operation's own server (a path's or operation's ``servers``), unless ``base_url`` was chosen."""


@dataclass(frozen=True)
class _Pause:
    """A wait between two attempts, for the driving client to sleep through."""

    seconds: float


@dataclass(frozen=True)
class _Authenticate:
    """Fetch a token for ``state``: the driving client holds its lock around
    :meth:`BaseClient._token_flow`, so that concurrent calls make one fetch."""

    state: TokenState
    rejected: str | None = None
    """The token a 401 answered: fetched again unless another call has replaced it already."""


@dataclass(frozen=True)
class _Attempt:
    """What to do after one attempt: retry after ``delay`` seconds, or stop."""

    retry: bool
    delay: float = 0.0
    retry_after: float | None = None


class BaseClient:
    """Settings and every decision shared by the sync and async clients."""

    def __init__(
        self,
        *,
        base_url: str | httpx.URL,
        timeout: Timeout,
        max_retries: int,
        default_headers: Mapping[str, str] | None,
        default_query: Mapping[str, object] | None,
        strict_response_validation: bool = False,
        auth: Auth | None = None,
        base_url_given: bool = True,
        servers: Mapping[str, str] | None = None,
    ) -> None:
        if max_retries < 0:
            raise ArgumentError("max_retries must be 0 or more")
        self.base_url = httpx.URL(str(base_url).rstrip("/") + "/")
        self._base_url_given = base_url_given  # then it overrides the operations' own servers
        # An operation's own server (its URL in the spec) -> the URL the caller chose for it.
        self._servers = {
            spec: httpx.URL(url.rstrip("/") + "/") for spec, url in (servers or {}).items()
        }
        self._auth = auth or Auth({}, {})
        self.timeout = (
            timeout
            if isinstance(timeout, httpx.Timeout) or timeout is None
            else httpx.Timeout(timeout)
        )
        self.max_retries = max_retries
        self._custom_headers = dict(default_headers or {})
        self._custom_query = dict(default_query or {})
        self.strict_response_validation = strict_response_validation
        self._reported_mismatches: set[tuple[str, str]] = set()

    def __repr__(self) -> str:  # never shows a credential
        return f"{type(self).__name__}(base_url={self._redact(_describe_url(self.base_url))!r})"

    @property
    def api_key(self) -> str | None:
        """The ``api_key`` credential, when the client has one."""
        value = self._auth.credential("api_key")
        return value if isinstance(value, str) else None

    def _adopt(self, original: BaseClient, *, base_url: object) -> None:
        """What a ``with_options()`` copy keeps of ``original``: its fetched tokens, the URLs
        chosen for own servers (``servers=``), and (unless the copy is given its own
        ``base_url``) whether the base URL was the caller's choice.
        """
        self._auth.share_tokens(original._auth)
        if base_url is None:
            self._base_url_given = original._base_url_given
        self._servers = {**original._servers, **self._servers}  # the copy's own choices win

    @property
    def default_headers(self) -> dict[str, str]:
        headers = {
            "Accept": "application/json",
            "User-Agent": f"{__title__}/{__version__} Python/{platform.python_version()}",
        }
        headers.update(self._custom_headers)
        return headers

    # -- building the request -------------------------------------------------

    def _build_request(
        self, options: RequestOptions, retries_taken: int, auth: AuthParts | None = None
    ) -> httpx.Request:
        headers = self.default_headers
        headers.update(
            {k: header_parameter(k, v) for k, v in (options.headers or {}).items() if _given(v)}
        )
        custom = {name.lower() for name in self._custom_headers}
        if auth is not None:  # credentials; default_headers the caller set win over them
            headers.update({k: v for k, v in auth.headers.items() if k.lower() not in custom})
        cookies = cookie_header({**(auth.cookies if auth else {}), **(options.cookies or {})})
        if cookies:
            headers["Cookie"] = cookies
        headers.update(options.extra_headers or {})
        if retries_taken:
            headers["X-Retry-Count"] = str(retries_taken)
        query = {
            **self._custom_query,
            **(options.query or {}),
            **(auth.query if auth else {}),
            **(options.extra_query or {}),
        }
        page_url = _page_url.get()
        if page_url is None:
            params = encode_query(query)
            # Appended, not `URL.join`ed: a path is always below the base URL, and joining
            # parses three URLs (a third of the client's own time per call, measured).
            url = httpx.URL(str(self._base_for(options)) + options.path.lstrip("/"))
        else:
            url = httpx.URL(page_url)
            own = url.params
            rest = encode_query({k: v for k, v in query.items() if k not in own})
            params = "&".join(part for part in (url.query.decode("ascii"), rest) if part)
        timeout = self.timeout if isinstance(options.timeout, NotGiven) else options.timeout
        if timeout is not None and not isinstance(timeout, httpx.Timeout):
            timeout = httpx.Timeout(timeout)
        body: dict[str, Any] = {}
        if isinstance(options.body, RequestBody):  # a form, an upload, text or bytes
            body_headers, body = options.body.encode()
            for name, value in body_headers.items():
                headers.setdefault(name, value)
        elif options.body is not None and not isinstance(options.body, NotGiven):
            try:
                body["content"] = json.dumps(
                    json_data(options.body), ensure_ascii=False, allow_nan=False
                ).encode("utf-8")
            except (TypeError, ValueError) as exc:
                raise ArgumentError(
                    f"{options.method} {options.path}: the request body is not JSON: {exc}"
                ) from exc
            headers.setdefault("Content-Type", "application/json")
        stream = body.pop("stream", None)
        request = httpx.Request(
            options.method,
            url.copy_with(query=params.encode("ascii")) if params else url,
            headers=headers,
            extensions={"timeout": (timeout or httpx.Timeout(None)).as_dict()},
            **body,
        )
        if stream is not None:  # a file streamed from disk; its length headers are set above
            request.stream = stream
        return request

    def _base_for(self, options: RequestOptions) -> httpx.URL:
        """The operation's own server (relative to the base URL when it is relative), unless
        the caller chose the base URL; the URL the caller chose for that server (``servers=``)
        in any case."""
        if options.server is None:
            return self.base_url
        chosen = self._servers.get(options.server)
        if chosen is not None:
            return chosen
        if self._base_url_given:
            return self.base_url
        return self.base_url.join(options.server.rstrip("/") + "/")

    # -- retries --------------------------------------------------------------

    def _max_retries(self, options: RequestOptions) -> int:
        if isinstance(options.body, RequestBody) and not options.body.replayable:
            return 0  # a file argument that cannot be read again (a pipe) is sent once
        if not isinstance(options.max_retries, NotGiven):
            return options.max_retries  # the caller opted in (or out) for this call
        retryable = (
            options.retryable
            if options.retryable is not None
            else options.method in IDEMPOTENT_METHODS
        )
        return self.max_retries if retryable else 0

    def _after_error(self, options: RequestOptions, retries_taken: int) -> _Attempt:
        """Connection errors and timeouts retry with backoff while retries remain."""
        if retries_taken >= self._max_retries(options):
            return _Attempt(retry=False)
        return _Attempt(retry=True, delay=_backoff(retries_taken))

    def _after_response(
        self, response: httpx.Response, options: RequestOptions, retries_taken: int
    ) -> _Attempt:
        """Whether a response is retried, following the server's hints when it gives them."""
        if response.is_success:
            return _Attempt(retry=False)
        retry_after = _retry_after(response.headers)
        should = response.headers.get("x-should-retry", "").lower()
        if should == "true":
            retry = True
        elif should == "false":
            retry = False
        else:
            retry = response.status_code in RETRYABLE_STATUSES or response.status_code >= 500
        if not retry or retries_taken >= self._max_retries(options):
            return _Attempt(retry=False, retry_after=retry_after)
        if retry_after is not None and retry_after > MAX_RETRY_AFTER:
            return _Attempt(retry=False, retry_after=retry_after)  # too long to sleep through
        delay = (
            retry_after if retry_after is not None and retry_after > 0 else _backoff(retries_taken)
        )
        return _Attempt(retry=True, delay=delay, retry_after=retry_after)

    # -- the request loop, without I/O -------------------------------------------

    def _request_flow(
        self,
        cast_to: type[T],
        options: RequestOptions,
        response_class: type[APIResponse[Any]] = APIResponse,
    ) -> Generator[
        httpx.Request | _Pause | _Authenticate | TokenCall,
        httpx.Response | httpx.RequestError | None,
        T,
    ]:
        """Every decision of a call, as a generator the sync and async clients drive.

        It yields a request to send (and is sent back the response, or httpx's error)
        or a :class:`_Pause` to sleep through (and is sent ``None``); it returns the result or
        raises the typed exception. The clients only do the I/O, so retries, timeouts and
        errors behave the same in both. A success the client was asked to stream (see
        :func:`_streams`) arrives with its body unread and is returned as ``response_class``.
        Credentials come first: a missing one raises before anything is sent, and an OAuth2
        token is fetched (:class:`_Authenticate`) when there is none or it is about to expire,
        and once more when the call is answered 401; an access-token callable is called by
        the driver (:class:`TokenCall`: the async client awaits an async one). Whatever reaches
        the caller (an exception, a raw or streamed response) holds a copy of the request
        without its credentials (:meth:`_shown`).
        """
        retries_taken = 0
        reauthenticated = False
        while True:
            choice = self._auth.select(options.security, _operation_name(options))
            for state in choice.fetch:
                if state.needs_fetch(None):
                    yield _Authenticate(state)
            tokens: dict[str, str] = {}
            for call in self._auth.token_calls(choice):
                yield call
                tokens[call.credential] = call.token or ""
            auth = self._auth.parts(choice, tokens)
            request = self._build_request(options, retries_taken, auth)
            if log.isEnabledFor(logging.DEBUG):
                log.debug(
                    "Sending %s (attempt %d)",
                    self._redact(_describe(request)),
                    retries_taken + 1,
                )
            started = time.monotonic()
            outcome = yield request
            hops = 0
            while isinstance(outcome, httpx.Response):  # a redirect: the answer is where it points
                follow = next_request(request, outcome)
                if follow is None:
                    break
                if hops == MAX_REDIRECTS:
                    outcome = httpx.TooManyRedirects(
                        f"more than {MAX_REDIRECTS} redirects", request=request
                    )
                    break
                hops += 1
                request = follow
                outcome = yield request
            if isinstance(outcome, httpx.RequestError):
                self._log_failure(request, outcome, retries_taken)
                retryable = isinstance(
                    outcome, httpx.TransportError
                )  # not a redirect loop or a bad encoding
                attempt = (
                    self._after_error(options, retries_taken)
                    if retryable
                    else _Attempt(retry=False)
                )
                if not attempt.retry:
                    message = self._failure_message(request, outcome, retries_taken)
                    shown = outcome.request = self._shown(request)
                    if isinstance(outcome, httpx.TimeoutException):
                        raise APITimeoutError(
                            message, request=shown, retries_taken=retries_taken
                        ) from outcome
                    raise APIConnectionError(
                        message, request=shown, retries_taken=retries_taken
                    ) from outcome
            elif outcome is not None:
                elapsed = time.monotonic() - started
                self._log_response(request, outcome, elapsed, retries_taken)
                if outcome.status_code == 401 and auth.tokens and not reauthenticated:
                    reauthenticated = True  # the token may have been revoked early: once more
                    outcome.close()
                    for state, used in auth.tokens:
                        yield _Authenticate(state, rejected=used)
                    continue
                attempt = self._after_response(outcome, options, retries_taken)
                if not attempt.retry:
                    if not outcome.is_success:
                        raise self._status_error(outcome, retries_taken, attempt.retry_after)
                    handed_over = raw_response_requested() or response_class is not APIResponse
                    if handed_over or options.response_kind == "events":
                        outcome.request = self._shown(request)  # the caller holds the response
                    result = response_class(
                        outcome,
                        cast_to,
                        retries_taken=retries_taken,
                        elapsed=elapsed,
                        kind=options.response_kind,
                        event_types=options.event_types,
                        strict=self.strict_response_validation,
                        on_mismatch=lambda found: self._report_mismatches(options, found),
                    )
                    if raw_response_requested():
                        return result  # type: ignore[return-value]
                    try:
                        parsed: T = result.parse()
                        return parsed
                    except APIError as error:  # the body does not parse: show the request
                        outcome.request = error.request = self._shown(request)
                        raise
            else:  # pragma: no cover - the drivers always answer a request
                raise RuntimeError("no response was sent to the request flow")
            if log.isEnabledFor(logging.DEBUG):
                reason = (
                    f"status {outcome.status_code}"
                    if isinstance(outcome, httpx.Response)
                    else type(outcome).__name__
                )
                log.debug(
                    "Retrying %s in %.2f s: %s (retry %d of %d)",
                    self._redact(_describe(request)),
                    attempt.delay,
                    reason,
                    retries_taken + 1,
                    self._max_retries(options),
                )
            yield _Pause(attempt.delay)
            retries_taken += 1

    def _token_flow(
        self, step: _Authenticate
    ) -> Generator[httpx.Request, httpx.Response | httpx.RequestError, None]:
        """Fetch an OAuth2 client-credentials token (see ``_auth.token_request``), run by the
        drivers under the token's lock; when another call fetched one while this one waited for
        the lock, nothing is sent."""
        state = step.state
        if not state.needs_fetch(step.rejected):
            return
        request = token_request(state, self.base_url, self.timeout, self.default_headers)
        where = self._redact(_describe(request))
        log.debug("Fetching an OAuth2 token: %s", where)
        outcome = yield request
        if isinstance(outcome, httpx.RequestError):
            message = self._failure_message(request, outcome, 0)
            shown = outcome.request = self._shown(request)
            raise APIConnectionError(
                f"OAuth2 token request failed: {message}", request=shown
            ) from outcome
        if not outcome.is_success:
            error = self._status_error(outcome, 0, None)
            error.message = f"OAuth2 token request to {where} failed: {error.message}"
            error.args = (error.message,)
            raise error
        try:
            store_token(state, outcome.content)
        except ValueError as exc:
            raise APIConnectionError(
                f"OAuth2 token request to {where}: the answer has no usable access_token ({exc})",
                request=self._shown(request),
            ) from None

    # -- errors ---------------------------------------------------------------

    def _status_error(
        self, response: httpx.Response, retries_taken: int, retry_after: float | None
    ) -> APIStatusError:
        body = _decode_body(response)
        detail = _server_message(body)
        message = f"Error code: {response.status_code}"
        if detail:
            message += f" - {detail}"
        if retry_after is not None and retry_after > MAX_RETRY_AFTER:
            message += f" (the server asked to retry after {retry_after:g} s, longer than the {MAX_RETRY_AFTER:g} s this client waits)"
        message = self._redact(message)
        response.request = self._shown(response.request)
        error_class = status_error_class(response.status_code)
        return error_class(
            message,
            response=response,
            body=body,
            retries_taken=retries_taken,
            retry_after=retry_after,
        )

    def _failure_message(
        self, request: httpx.Request, error: httpx.RequestError, retries_taken: int
    ) -> str:
        """What failed, where, and why: ``Request timed out: GET https://... (read timeout of 60 s; ...)``."""
        attempts = f"{retries_taken + 1} attempt{'s' if retries_taken else ''}"
        reason = str(error) or type(error).__name__
        if isinstance(error, httpx.TimeoutException):
            phase = _TIMEOUT_PHASES.get(type(error), "read")
            limit = (request.extensions.get("timeout") or {}).get(phase)
            fired = (
                f"{phase} timeout of {limit:g} s"
                if isinstance(limit, (int, float))
                else f"{phase} timeout"
            )
            return self._redact(
                f"Request timed out: {_describe(request)} ({fired}; {attempts}; {reason})"
            )
        return self._redact(
            f"Connection error: {_describe(request)} ({type(error).__name__}: {reason}; {attempts})"
        )

    def _closed_error(self, request: httpx.Request) -> ClientClosedError:
        return ClientClosedError(
            self._redact(
                f"{_describe(request)}: the client is closed. It was closed by close() or a `with` block, or it is a "
                "with_options() copy of a client that was (copies share its connection pool); make a new client"
            )
        )

    def _redact(self, text: str) -> str:
        """``text`` without any credential or token, in any of the forms a URL or a header
        gives it: the one place every message, log line and URL shown goes through."""
        return self._auth.redact(text)

    def _shown(self, request: httpx.Request) -> httpx.Request:
        """The copy of ``request`` a caller may see: every credential redacted (``_redaction``)."""
        return redacted_request(request, self._auth)

    def _log_response(
        self,
        request: httpx.Request,
        response: httpx.Response,
        elapsed: float,
        retries_taken: int,
    ) -> None:
        if log.isEnabledFor(logging.INFO):
            log.info(
                'HTTP Request: %s %s "%s %s" %.3fs retries=%d',
                request.method,
                self._redact(str(request.url)),
                response.http_version,
                response.status_code,
                elapsed,
                retries_taken,
            )

    def _report_mismatches(
        self, options: RequestOptions, mismatches: list[ResponseMismatch]
    ) -> None:
        """A ``WARNING`` for each place a lenient response did not match the spec, once per
        operation and place (list indexes as ``[*]``); never a value of the body."""
        from ._lenient import generic_path

        operation = options.operation or f"{options.method} {options.path}"
        for mismatch in mismatches:
            key = (operation, generic_path(mismatch.path))
            if key in self._reported_mismatches:
                continue
            if len(self._reported_mismatches) < _MAX_REPORTED:
                self._reported_mismatches.add(key)
            log.warning(
                "%s: the response does not match the spec at %s: expected %s, %s (kept as sent)",
                operation,
                key[1],
                mismatch.expected,
                mismatch.problem,
            )

    def _log_failure(self, request: httpx.Request, error: Exception, retries_taken: int) -> None:
        if log.isEnabledFor(logging.INFO):
            log.info(
                "HTTP Request: %s %s failed: %s retries=%d",
                request.method,
                self._redact(str(request.url)),
                type(error).__name__,
                retries_taken,
            )


class SyncAPIClient(BaseClient):
    """Runs :meth:`BaseClient._request_flow` with blocking I/O. One :class:`httpx.Client` (connection pool) per client."""

    _client: httpx.Client

    def __init__(self, *, http_client: httpx.Client | None, **settings: Any) -> None:
        super().__init__(**settings)
        self._owns_client = http_client is None
        self._client = http_client or httpx.Client()  # redirects: see _redirects

    def request(self, cast_to: type[T], options: RequestOptions) -> T:
        """Send ``options`` with retries; return the parsed body (or the raw response, see ``with_raw_response``)."""
        streamed = streamed_response_requested()
        flow = self._request_flow(
            cast_to, options, StreamedAPIResponse if streamed else APIResponse
        )
        step = next(flow)
        while True:
            outcome: httpx.Response | httpx.RequestError | None = None
            if isinstance(step, _Pause):
                time.sleep(step.seconds)
            elif isinstance(step, _Authenticate):
                with step.state.thread_lock:
                    self._run(self._token_flow(step))
            elif isinstance(step, TokenCall):
                self._auth.call_token(step)
            else:
                try:
                    outcome = self._send(step, stream=streamed or _streams(options))
                except httpx.RequestError as exc:  # transport errors, too many redirects, ...
                    outcome = exc
            try:
                step = flow.send(outcome)
            except StopIteration as done:
                return done.value  # type: ignore[no-any-return]

    def _run(
        self, flow: Generator[httpx.Request, httpx.Response | httpx.RequestError, None]
    ) -> None:
        """Send the requests of a flow that needs no pauses (a token fetch)."""
        try:
            request = next(flow)
            while True:
                try:
                    outcome: httpx.Response | httpx.RequestError = self._send(request)
                except httpx.RequestError as exc:
                    outcome = exc
                request = flow.send(outcome)
        except StopIteration:
            return

    def _send(self, request: httpx.Request, *, stream: bool = False) -> httpx.Response:
        """Send and read the whole body, within the attempt's deadline (see :func:`_deadline`);
        with ``stream``, a success is returned unread, for the caller to read as it arrives.
        """
        deadline = _deadline(request)
        if self._client.is_closed:
            raise self._closed_error(request)
        response = self._client.send(request, stream=True, follow_redirects=False)
        if response.is_stream_consumed:  # the transport gave the whole body at once (e.g. a mock)
            return response
        if stream and response.is_success:
            return response
        try:
            body = bytearray()
            for chunk in response.iter_raw():
                body += chunk
                _check_deadline(deadline, request)
        finally:
            response.close()
        return _with_body(response, bytes(body))

    def close(self) -> None:
        """Close the connection pool (unless it was passed in as ``http_client``)."""
        if self._owns_client:
            self._client.close()

    def __enter__(self: _SyncClientT) -> _SyncClientT:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()


async def _async_sleep(seconds: float) -> None:
    # asyncio is imported here, not at the top: importing it costs about as much as the rest of
    # the package, and a synchronous caller never needs it (an async caller has it already).
    import asyncio

    await asyncio.sleep(seconds)


class AsyncAPIClient(BaseClient):
    """Runs :meth:`BaseClient._request_flow` with async I/O. One :class:`httpx.AsyncClient` (connection pool) per client."""

    _client: httpx.AsyncClient

    def __init__(self, *, http_client: httpx.AsyncClient | None, **settings: Any) -> None:
        super().__init__(**settings)
        self._owns_client = http_client is None
        self._client = http_client or httpx.AsyncClient()  # redirects: see _redirects

    async def request(self, cast_to: type[T], options: RequestOptions) -> T:
        """Send ``options`` with retries; return the parsed body (or the raw response, see ``with_raw_response``)."""
        streamed = streamed_response_requested()
        flow = self._request_flow(
            cast_to, options, AsyncStreamedAPIResponse if streamed else APIResponse
        )
        step = next(flow)
        while True:
            outcome: httpx.Response | httpx.RequestError | None = None
            if isinstance(step, _Pause):
                await _async_sleep(step.seconds)
            elif isinstance(step, _Authenticate):
                async with step.state.async_lock():
                    await self._run(self._token_flow(step))
            elif isinstance(step, TokenCall):
                await self._auth.acall_token(step)
            else:
                try:
                    outcome = await self._send(step, stream=streamed or _streams(options))
                except httpx.RequestError as exc:  # transport errors, too many redirects, ...
                    outcome = exc
            try:
                step = flow.send(outcome)
            except StopIteration as done:
                return done.value  # type: ignore[no-any-return]

    async def _run(
        self, flow: Generator[httpx.Request, httpx.Response | httpx.RequestError, None]
    ) -> None:
        """Send the requests of a flow that needs no pauses (a token fetch)."""
        try:
            request = next(flow)
            while True:
                try:
                    outcome: httpx.Response | httpx.RequestError = await self._send(request)
                except httpx.RequestError as exc:
                    outcome = exc
                request = flow.send(outcome)
        except StopIteration:
            return

    async def _send(self, request: httpx.Request, *, stream: bool = False) -> httpx.Response:
        """Send and read the whole body, within the attempt's deadline (see :func:`_deadline`);
        with ``stream``, a success is returned unread, for the caller to read as it arrives.
        """
        deadline = _deadline(request)
        if self._client.is_closed:
            raise self._closed_error(request)
        response = await self._client.send(request, stream=True, follow_redirects=False)
        if response.is_stream_consumed:  # the transport gave the whole body at once (e.g. a mock)
            return response
        if stream and response.is_success:
            return response
        try:
            body = bytearray()
            async for chunk in response.aiter_raw():
                body += chunk
                _check_deadline(deadline, request)
        finally:
            await response.aclose()
        return _with_body(response, bytes(body))

    async def close(self) -> None:
        """Close the connection pool (unless it was passed in as ``http_client``)."""
        if self._owns_client:
            await self._client.aclose()

    async def __aenter__(self: _AsyncClientT) -> _AsyncClientT:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.close()


_SyncClientT = TypeVar("_SyncClientT", bound=SyncAPIClient)
_AsyncClientT = TypeVar("_AsyncClientT", bound=AsyncAPIClient)


def _streams(options: RequestOptions) -> bool:
    """Whether a success is handed over unread: an event stream lasts as long as the server
    sends, so only httpx's per-read timeout applies to it, not the attempt's deadline.
    """
    return options.response_kind == "events"


def _deadline(request: httpx.Request) -> float | None:
    """When the attempt must be over: ``timeout`` (the read timeout) after it starts.

    httpx applies the read timeout to each read, so a server sending a byte now and then
    could hold a call forever; this bounds the whole attempt.
    """
    read = (request.extensions.get("timeout") or {}).get("read")
    return None if read is None else time.monotonic() + float(read)


def _check_deadline(deadline: float | None, request: httpx.Request) -> None:
    if deadline is not None and time.monotonic() > deadline:
        raise httpx.ReadTimeout("the response did not arrive within the timeout", request=request)


def _with_body(response: httpx.Response, raw: bytes) -> httpx.Response:
    """A complete response from a streamed one and its raw (still encoded) body."""
    return httpx.Response(
        response.status_code,
        headers=response.headers,
        content=raw,
        request=response.request,
        extensions=response.extensions,
    )


def _operation_name(options: RequestOptions) -> str:
    return (
        f"{options.operation} ({options.method} {options.path})"
        if options.operation
        else f"{options.method} {options.path}"
    )


def _given(value: object) -> bool:
    """Whether a header or cookie argument is sent: not for ``NOT_GIVEN`` or ``None``."""
    return value is not None and not isinstance(value, NotGiven)


_TIMEOUT_PHASES: dict[type[Exception], str] = {
    httpx.ConnectTimeout: "connect",
    httpx.ReadTimeout: "read",
    httpx.WriteTimeout: "write",
    httpx.PoolTimeout: "pool",
}


def _describe(request: httpx.Request) -> str:
    """``GET https://host/path?query``, without any user name or password the URL carries."""
    return f"{request.method} {_describe_url(request.url)}"


def _describe_url(url: httpx.URL) -> str:
    if url.userinfo:
        url = url.copy_with(username=None, password=None)
    return str(url)


def _backoff(retries_taken: int) -> float:
    """Exponential from 0.5 s, capped at 8 s, minus up to 25 % jitter."""
    delay = min(INITIAL_RETRY_DELAY * 2.0**retries_taken, MAX_RETRY_DELAY)
    return delay * (1 - 0.25 * random.random())


def _retry_after(headers: httpx.Headers) -> float | None:
    """Seconds from ``retry-after-ms``, or ``retry-after`` as seconds or an HTTP date."""
    milliseconds = headers.get("retry-after-ms")
    if milliseconds is not None:
        try:
            return max(float(milliseconds) / 1000.0, 0.0)
        except ValueError:
            pass
    value = headers.get("retry-after")
    if value is None:
        return None
    try:
        return max(float(value), 0.0)
    except ValueError:
        pass
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    return max(when.timestamp() - time.time(), 0.0)


def _decode_body(response: httpx.Response) -> Any:
    if not response.content:
        return None
    try:
        return json.loads(response.content)
    except ValueError:
        return response.text


def _server_message(body: Any) -> str:
    """The server's own error message, from the common JSON error shapes or a short text body."""
    if isinstance(body, dict):
        for key in ("message", "error", "detail"):
            value = body.get(key)
            if isinstance(value, dict):
                value = value.get("message")
            if isinstance(value, list):
                value = "; ".join(str(item) for item in value)
            if isinstance(value, str) and value:
                return value
        return json.dumps(body)[:500]
    if isinstance(body, str):
        return body.strip()[:500]
    return ""
