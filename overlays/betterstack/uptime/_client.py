"""The API client: one connection pool, retries, error mapping, and calls to generated endpoints.

`call(endpoint, ...)` takes a generated endpoint module and returns what its `sync_detailed`
documents: a module matches the `Endpoint` protocol structurally, so mypy and pyright infer the
result type (`MonitorResponse` for `get_monitor`) without the module being named anywhere here.

`with_options(...)` gives a client for a scope of calls with other timeouts, retries or headers:
it sends through the same connection pools (`_Shared`), under a cancel scope of its own beneath
the parent's, so closing it ends its own calls and leaves the parent's pools open.
"""

from __future__ import annotations

import copy
import dataclasses
import ipaddress
import os
import re
import ssl
from collections.abc import Iterator, Mapping
from functools import partial
from types import ModuleType, TracebackType
from typing import TYPE_CHECKING, Any, NoReturn, Protocol, Self, SupportsIndex, TypedDict, TypeVar, Unpack, overload
from urllib.parse import urlsplit

import httpx

from ._body import ACCEPT_ENCODING, DEFAULT_MAX_RESPONSE_BYTES
from ._calls import Answer, Call, decode_json, request_arguments
from ._cancellation import CLIENT_CLOSED, CancelScope
from ._errors import (
    APIConnectionError,
    APITimeoutError,
    ClientClosedError,
    ConfigurationError,
    ResponseDecodeError,
    UnpicklableError,
    ValidationError,
    error_for_response,
    redact,
)
from ._event_loops import LoopTransports
from ._generated import generated_call, operation_of, parsed
from ._logs import LoggedRetryPolicy, configure_from_environment, hide_in_logs, log_answer, log_failure, started
from ._proxies import proxy_routes, shown
from ._retry import RateLimiter, RetryPolicy, RetryTransport

if TYPE_CHECKING:
    # Only for annotations: the generated package (and attrs) load when a client is made.
    from betterstack_sdk import AuthenticatedClient
    from betterstack_sdk.models.error_body import ErrorBody
    from betterstack_sdk.operations import Operation
    from betterstack_sdk.types import Response

DEFAULT_BASE_URL = "https://uptime.betterstack.com"
DEFAULT_TEAM_BASE_URL = "https://betterstack.com"
TOKEN_VARIABLE = "BETTERSTACK_API_TOKEN"

T = TypeVar("T")


class Endpoint(Protocol[T]):
    """A generated endpoint module as type checkers see it, e.g. `betterstack_sdk.api.monitors.get_monitor`.

    Any module of `betterstack_sdk.api` matches: `T` is the success body its `sync_detailed`
    documents (`MonitorResponse`), the error bodies being raised as `APIError` instead. For an
    operation documented with no body (204) the generated layer says `Any`, and so does `T`.
    """

    def sync_detailed(self, *args: Any, **kwargs: Any) -> Response[ErrorBody | T]:
        """Send the request and return the generated layer's response (never called here)."""
        ...


def _connection_error(error: httpx.RequestError, request: httpx.Request) -> APIConnectionError:
    method, url = request.method, str(request.url)
    if isinstance(error, httpx.TimeoutException):
        detail = redact(str(error), request)
        return APITimeoutError(f"request timed out: {type(error).__name__}: {detail}", method=method, url=url)
    detail = redact(str(error), request)
    return APIConnectionError(f"no answer from the API: {type(error).__name__}: {detail}", method=method, url=url)


def _decoding_error(error: httpx.DecodingError, response: httpx.Response) -> ResponseDecodeError:
    # The answer arrived with its status; only its Content-Encoding did not decode.
    return ResponseDecodeError.for_response(
        f"the body does not decode as its Content-Encoding says ({error})", response
    )


def _user_agent(app_name: str | None) -> str:
    """`betterstack-sdk/<version>`, then `app_name` when given."""
    from . import __version__  # the package's own; it has loaded by the time a client is made

    agent = f"betterstack-sdk/{__version__}"
    return f"{agent} {app_name}" if app_name else agent


# An HTTP header name (RFC 9110 token) and a value httpx can send: printable ASCII and tabs.
_HEADER_NAME = re.compile(r"[!#$%&'*+.^_`|~0-9A-Za-z-]+")
_HEADER_VALUE = re.compile(r"[\t\x20-\x7e]*")
# Headers the SDK owns: the token's, the codings `_body` decodes, and the one `app_name` extends.
_OWN_HEADERS = {
    "authorization": "it carries the API token; pass the token as bearer_token",
    "accept-encoding": "the SDK asks for the codings it decodes within max_response_bytes",
    "user-agent": 'pass app_name="myapp/1.2" to add to it',
}


def _checked_headers(headers: Mapping[str, str]) -> dict[str, str]:
    """`headers` as a dict, or ConfigurationError naming a header that cannot be sent or is the SDK's."""
    checked: dict[str, str] = {}
    for name, value in headers.items():
        if not isinstance(name, str) or not _HEADER_NAME.fullmatch(name):
            raise ConfigurationError(f"default_headers: {name!r} is not an HTTP header name")
        reason = _OWN_HEADERS.get(name.lower())
        if reason is not None:
            raise ConfigurationError(f"default_headers may not set {name}: {reason}")
        if not isinstance(value, str) or not _HEADER_VALUE.fullmatch(value):
            raise ConfigurationError(
                f"default_headers[{name!r}] = {value!r}: a header value is a str of printable ASCII "
                "(no line breaks or other control characters)"
            )
        checked[name] = value
    return checked


def _checked_app_name(app_name: str | None) -> str | None:
    """`app_name`, or ConfigurationError when it cannot go in a User-Agent header."""
    if app_name is not None and (
        not isinstance(app_name, str) or not app_name.strip() or not _HEADER_VALUE.fullmatch(app_name)
    ):
        raise ConfigurationError(
            f'app_name must be printable ASCII such as "myapp/1.2", got {app_name!r}; it is added to the User-Agent'
        )
    return app_name.strip() if app_name is not None else None


def _check_limits(max_workers: int, total_timeout: float | None) -> None:
    if max_workers < 1:
        raise ConfigurationError(f"max_workers must be at least 1, got {max_workers!r}")
    if total_timeout is not None and total_timeout <= 0:
        raise ConfigurationError(f"total_timeout must be positive seconds or None, got {total_timeout!r}")


class ClientOptions(TypedDict, total=False):
    """The options `with_options()` changes; those not given keep the client's values."""

    timeout: float
    """Seconds for connecting and for each read."""
    retries: int
    """Retries after a failed attempt (0: none)."""
    backoff_factor: float
    """First retry delay in seconds; doubles each retry."""
    total_timeout: float | None
    """Seconds one call may take in all, retries and waits included (None: no limit)."""
    max_workers: int
    """Pages a list walk fetches ahead concurrently, at most (1: one page at a time)."""
    default_headers: Mapping[str, str]
    """Headers sent with every request, added to (and replacing by name) the client's own."""
    app_name: str | None
    """What the User-Agent names after `betterstack-sdk/<version>` (None: nothing)."""


class _Shared(httpx.BaseTransport, httpx.AsyncBaseTransport):
    """A parent client's transports as a derived client sends through them: never closed by it.

    Each sync request runs marked with the derived client's scope (or a walk's under it), so
    closing the derived client also cuts short the parent-pool connections its requests wait on.
    """

    def __init__(self, sync: httpx.BaseTransport, async_: httpx.AsyncBaseTransport, scope: CancelScope) -> None:
        self.sync = sync
        self.async_ = async_
        self.scope = scope

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        return self.scope.current().run(self.sync.handle_request, request)

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        return await self.async_.handle_async_request(request)

    def close(self) -> None:
        """Nothing: the pools are the parent's, closed with it."""

    async def aclose(self) -> None:
        """Nothing: the pools are the parent's, closed with it."""


def _derived_transport(parent: RetryTransport, policy: RetryPolicy, scope: CancelScope) -> RetryTransport:
    """A `RetryTransport` with `policy` under `scope`, sending through `parent`'s transports and rate limit."""
    inner = parent._sync
    if isinstance(inner, _Shared):  # a client derived from a derived one: the pools' own transports
        shared = _Shared(inner.sync, inner.async_, scope)
    else:
        shared = _Shared(inner, parent._async, scope)
    # A sleep given to the parent (tests) is kept; its own scope-bound wait is not.
    sleep = None if getattr(parent._sleep, "__self__", None) is parent else parent._sleep
    return RetryTransport(
        shared,
        shared,
        policy,
        rate_limiter=parent._limiter,
        sleep=sleep,
        async_sleep=parent._async_sleep,
        clock=parent._clock,
        max_response_bytes=parent.max_response_bytes,
        scope=scope,
    )


_LOOPBACK_NAMES = frozenset({"localhost"})


def _is_loopback(host: str) -> bool:
    if host.lower() in _LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _checked_root(name: str, url: str, allow_insecure: bool) -> str:
    """`url` without its trailing slash, or ConfigurationError when it would expose the token."""
    parts = urlsplit(url)
    if parts.scheme not in ("https", "http") or not parts.hostname:
        raise ConfigurationError(f"{name} must be an absolute https:// URL, got {url!r}")
    if parts.scheme == "http" and not allow_insecure and not _is_loopback(parts.hostname):
        raise ConfigurationError(
            f"{name} {url!r} is plain http: the token would cross the network unencrypted. "
            "Use https://, or pass allow_insecure=True if the network in between is trusted"
        )
    return url.rstrip("/")


def check_url(method: str, url: str) -> None:
    """Raise ValidationError when `url`, a raw request's URL or path, could not be sent at all."""
    for position, char in enumerate(url):
        if char < " " or char == "\x7f":
            raise ValidationError(
                f"{method} request: url {url!r} holds the control character {char!r} at position {position}, "
                "which cannot be sent; percent-encode it (urllib.parse.quote) or leave it out"
            )
    try:
        httpx.URL(url)
    except httpx.InvalidURL as error:
        reason = str(error).rstrip(".")
        raise ValidationError(
            f"{method} request: url {url!r} is not a URL or path that can be sent ({reason})"
        ) from None


class _Refuse(httpx.BaseTransport, httpx.AsyncBaseTransport):
    def __init__(self, side: str) -> None:
        self.side: str = side

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        raise ConfigurationError(f"the transport given is not a {self.side} transport")

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        raise ConfigurationError(f"the transport given is not a {self.side} transport")


def _proxy_transports(
    proxy: httpx.Proxy, trust_env: bool, scope: CancelScope, tls: ssl.SSLContext
) -> tuple[httpx.HTTPTransport, LoopTransports]:
    """The transports through `proxy`, cut short and kept per event loop as the direct ones are."""
    try:
        from ._interruptible import interruptible, lean_async

        sync = interruptible(httpx.HTTPTransport(proxy=proxy, verify=tls, trust_env=trust_env), scope)
    except ImportError as error:  # a socks5:// proxy without the socksio package
        raise ConfigurationError(
            f"proxy {shown(str(proxy.url))!r}: {error}; or unset the variable naming it (ALL_PROXY, ...)"
        ) from None
    return sync, LoopTransports(
        partial(lean_async, partial(httpx.AsyncHTTPTransport, proxy=proxy, verify=tls, trust_env=trust_env))
    )


class PaginatedAPI:
    """The HTTP core: raw requests, paginated GETs and calls to generated endpoint functions.

    Args:
        base_url: The API root; `/api/v2` and `/api/v3` paths hang off it.
        bearer_token: The API token.
        team_base_url: The root of the team-members and roles endpoints.
        timeout: Seconds for connecting and for each read.
        retries: Retries after a failed attempt (see `RetryPolicy`).
        backoff_factor: First retry delay in seconds; doubles each retry.
        max_workers: Pages fetched ahead concurrently (8 by default) when the page count is known
            and the API is slow enough for it to pay; 1 fetches one page at a time.
        transport: Any httpx transport to send requests through (tests, the fake API); the
            environment's proxies are then not read, and `proxy` may not be given.
        rate_limit: Optional cap in requests per second; off by default.
        total_timeout: Seconds one call may take in all, retries and waits included (None: no
            limit); a server trickling its answer cannot hold a call past it.
        allow_insecure: Accept a plain `http://` base_url or team_base_url on a host other than
            loopback (127.0.0.1, ::1, localhost). Off by default, since the token would travel
            unencrypted.
        max_response_bytes: The longest body read, counted decoded (64 MiB by default; None: no
            limit); a longer one raises `ResponseTooLargeError` having held about this much.
        proxy: A proxy URL (`http://host:port`, `https://...`, `socks5://...` with
            `httpx[socks]`) or `httpx.Proxy` for every request; the environment is then not read.
        trust_env: Read `HTTP_PROXY`, `HTTPS_PROXY`, `ALL_PROXY`, `NO_PROXY`, `SSL_CERT_FILE` and
            `SSL_CERT_DIR` as httpx does (True by default). Loopback hosts are never proxied.
        default_headers: Headers sent with every request. `Authorization` (the token's),
            `Accept-Encoding` and `User-Agent` are the SDK's and refused.
        app_name: Your application, `"myapp/1.2"`, added to the User-Agent:
            `betterstack-sdk/<version> myapp/1.2`.

    Raises:
        ConfigurationError: The token is empty, a URL is not absolute, or it is plain http to a
            host other than loopback without `allow_insecure`; a proxy URL cannot be used;
            `proxy` and `transport` were both given; `max_response_bytes` is not positive; a
            default header or `app_name` cannot be sent, or a default header is the SDK's.
    """

    base_url: str
    """The API root, without a trailing slash."""
    # The transport of each proxied or NO_PROXY pattern, for `with_options` to derive.
    _mounts: dict[str, RetryTransport | None]
    team_base_url: str
    """The root of the team-members and roles endpoints, without a trailing slash."""
    max_workers: int
    """Pages fetched ahead concurrently, at most."""
    timeout: float
    """Seconds for connecting and for each read."""
    transport: RetryTransport
    """The transport requests go through: retries, backoff, the rate limit and the body limit.

    Requests through a proxy go through one more `RetryTransport` per proxy, sharing its policy
    and rate limit."""
    client: AuthenticatedClient
    """The generated layer's client, sharing this pool: pass it to `betterstack_sdk.api` functions."""
    team_client: AuthenticatedClient
    """The generated layer's client for team members and roles, which live on their own host."""
    default_headers: Mapping[str, str]
    """The headers sent with every request besides the SDK's own (read only)."""
    app_name: str | None
    """What the User-Agent names after `betterstack-sdk/<version>`."""

    def __init__(
        self,
        base_url: str,
        bearer_token: str,
        *,
        team_base_url: str = DEFAULT_TEAM_BASE_URL,
        timeout: float = 30.0,
        retries: int = 3,
        backoff_factor: float = 0.5,
        max_workers: int = 8,
        transport: httpx.BaseTransport | httpx.AsyncBaseTransport | None = None,
        rate_limit: float | None = None,
        total_timeout: float | None = 300.0,
        allow_insecure: bool = False,
        max_response_bytes: int | None = DEFAULT_MAX_RESPONSE_BYTES,
        proxy: str | httpx.Proxy | None = None,
        trust_env: bool = True,
        default_headers: Mapping[str, str] | None = None,
        app_name: str | None = None,
    ) -> None:
        configure_from_environment()  # BETTERSTACK_LOG, read by the first client only
        # Blanks around it come with a token pasted or read from a file; they are no part of it.
        bearer_token = bearer_token.strip() if isinstance(bearer_token, str) else bearer_token
        if not bearer_token:
            raise ConfigurationError("the API token is empty; pass bearer_token or set " + TOKEN_VARIABLE)
        if not (bearer_token.isascii() and bearer_token.isprintable()):
            # Said without the token: it could not be sent in a header, and must not be printed.
            raise ConfigurationError(
                "the API token holds a line break, a control character or a non-ASCII letter, so it cannot be "
                "sent; copy it again from Better Stack (Settings, API tokens) without anything around it"
            )
        if rate_limit is not None and rate_limit <= 0:
            raise ConfigurationError(f"rate_limit must be positive requests per second, got {rate_limit!r}")
        _check_limits(max_workers, total_timeout)
        if max_response_bytes is not None and max_response_bytes < 1:
            raise ConfigurationError(f"max_response_bytes must be positive bytes or None, got {max_response_bytes!r}")
        if proxy is not None and transport is not None:
            given = shown(str(proxy.url if isinstance(proxy, httpx.Proxy) else proxy))
            raise ConfigurationError(
                f"proxy={given!r} and transport= were both given; give the proxy to the transport "
                "instead (httpx.HTTPTransport(proxy=...))"
            )
        self.base_url = _checked_root("base_url", base_url, allow_insecure)
        self.team_base_url = _checked_root("team_base_url", team_base_url, allow_insecure)
        self.default_headers = _checked_headers(default_headers or {})
        self.app_name = _checked_app_name(app_name)
        self.max_workers = max_workers
        self.timeout = timeout
        policy = LoggedRetryPolicy(retries=retries, backoff_factor=backoff_factor, total_timeout=total_timeout)
        limiter = RateLimiter(rate_limit) if rate_limit else None
        # One scope for every transport of this client: close() stops them all.
        scope = CancelScope.for_client()
        retrying = partial(
            RetryTransport, policy=policy, rate_limiter=limiter, max_response_bytes=max_response_bytes, scope=scope
        )

        sync_transport: httpx.BaseTransport
        async_transport: httpx.AsyncBaseTransport
        mounts: dict[str, RetryTransport | None] = {}
        if transport is None:
            # Connections that close() and the end of a list walk can cut short (`_cancellation`),
            # and an async pool for each event loop the client is used on (`_event_loops`).
            # Loads httpcore: when a client is made, not on import.
            from ._interruptible import interruptible, lean_async

            # One TLS context for every pool: loading the certificates costs tens of milliseconds,
            # which each event loop's async pool would otherwise pay again.
            tls = httpx.create_ssl_context(trust_env=trust_env)
            sync_transport = interruptible(httpx.HTTPTransport(verify=tls, trust_env=trust_env), scope)
            # Each loop's pool with connections that cost less CPU per request (`lean_async`).
            async_transport = LoopTransports(
                partial(lean_async, partial(httpx.AsyncHTTPTransport, verify=tls, trust_env=trust_env))
            )
            hosts = {urlsplit(root).hostname or "" for root in (self.base_url, self.team_base_url)}
            proxied: dict[int, RetryTransport] = {}  # one pool per proxy, however many patterns
            for pattern, route in proxy_routes(proxy, trust_env, filter(_is_loopback, hosts)).items():
                if route is not None and id(route) not in proxied:
                    proxied[id(route)] = retrying(*_proxy_transports(route, trust_env, scope, tls))
                mounts[pattern] = None if route is None else proxied[id(route)]
        else:
            sync_transport = transport if isinstance(transport, httpx.BaseTransport) else _Refuse("sync")
            async_transport = transport if isinstance(transport, httpx.AsyncBaseTransport) else _Refuse("async")
        self.transport = retrying(sync_transport, async_transport)
        _connect(self, bearer_token, mounts)

    def with_options(self, **options: Unpack[ClientOptions]) -> Self:
        """A client for a scope of calls with some options changed; this one is left as it is.

        It shares this client's connection pools, token, rate limit and response size limit;
        what it sends, and the objects it loads, use its own options. Closing it (`close()`,
        `aclose()`, the end of its `with` block) stops its own calls only and never closes the
        pools, which belong to this client: closing this client stops the derived ones too.

            with api.with_options(timeout=5, retries=0) as quick:
                monitor = Monitor.get(quick, 42)  # and monitor.save() later, with the same options

        Args:
            **options: Any of `ClientOptions`: `timeout`, `retries`, `backoff_factor`,
                `total_timeout`, `max_workers`, `default_headers` (merged over this client's)
                and `app_name`, each as the constructor takes it.

        Returns:
            A client of this client's class.

        Raises:
            ConfigurationError: An option `with_options` does not take, or a value the constructor
                would refuse.
            ClientClosedError: This client is closed.
        """
        known = list(ClientOptions.__annotations__)
        unknown = sorted(set(options) - set(known))
        if unknown:
            import difflib  # only for error messages

            close = difflib.get_close_matches(unknown[0], known, n=1)
            hint = f"did you mean {close[0]!r}?" if close else f"it takes: {', '.join(known)}"
            raise ConfigurationError(f"with_options() got an unexpected option {unknown[0]!r}; {hint}")
        self.transport.scope.check()
        parent = self.transport
        max_workers = options.get("max_workers", self.max_workers)
        total_timeout = options.get("total_timeout", parent.policy.total_timeout)
        _check_limits(max_workers, total_timeout)
        policy = dataclasses.replace(
            parent.policy,
            retries=options.get("retries", parent.policy.retries),
            backoff_factor=options.get("backoff_factor", parent.policy.backoff_factor),
            total_timeout=total_timeout,
        )
        headers = {**self.default_headers, **_checked_headers(options.get("default_headers", {}))}
        app_name = _checked_app_name(options["app_name"]) if "app_name" in options else self.app_name

        derived = copy.copy(self)  # this client's fields; what follows replaces the connection side
        derived.default_headers = headers
        derived.app_name = app_name
        derived.timeout = options.get("timeout", self.timeout)
        derived.max_workers = max_workers
        scope = CancelScope(CLIENT_CLOSED, ClientClosedError, parent.scope)
        derived.transport = _derived_transport(parent, policy, scope)
        made: dict[int, RetryTransport] = {}  # one per proxy, as in the parent
        mounts: dict[str, RetryTransport | None] = {}
        for pattern, route in self._mounts.items():
            if route is not None and id(route) not in made:
                made[id(route)] = _derived_transport(route, policy, scope)
            mounts[pattern] = None if route is None else made[id(route)]
        _connect(derived, self.client.token, mounts)
        return derived

    def __repr__(self) -> str:
        # A traceback that captures locals shows a client whose constructor failed, too.
        base_url = getattr(self, "base_url", None)
        return f"{type(self).__name__}({'<not initialised>' if base_url is None else f'base_url={base_url!r}'})"

    # Pickling and copies ----------------------------------------------------------------------

    def __reduce_ex__(self, protocol: SupportsIndex) -> NoReturn:
        # Refused rather than supported: a pickle would hold the token, and the pools cannot move.
        raise UnpicklableError(
            f"{type(self).__name__} cannot be pickled or deep-copied: it holds open connections and the API "
            "token, which pickling would write out. Make a client where it is needed (one per process) and "
            "pass ids or values, not the client or objects bound to it"
        )

    def __copy__(self) -> Self:
        """A shallow copy, sharing the connection pools, the transport and the token."""
        clone = type(self).__new__(type(self))
        clone.__dict__.update(self.__dict__)
        return clone

    # Connection lifecycle --------------------------------------------------------------------

    def close(self) -> None:
        """Stop all traffic and close the connection pool; the client cannot be used again.

        Requests in flight, list walks' pages read ahead among them, are cut short; nothing is
        sent or retried afterwards, and a later call raises `ClientClosedError`. An event loop's
        async connections close with `aclose()` on that loop, or as the loop ends.
        """
        self.transport.close()
        for c in (self.client, self.team_client):
            if c._client is not None:
                c._client.close()

    async def aclose(self) -> None:
        """Stop all traffic and close the running loop's async connections, then the rest (see `close`)."""
        self.transport.scope.cancel()
        for c in (self.client, self.team_client):
            if c._async_client is not None:
                await c._async_client.aclose()
        self.close()

    def __enter__(self) -> Self:
        self.transport.scope.check()
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    async def __aenter__(self) -> Self:
        self.transport.scope.check()
        return self

    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        await self.aclose()

    # Generated endpoints --------------------------------------------------------------------

    def exchange(self, call: Call) -> Answer:
        """Send a `Call` (the object layer's requests) and return its answer, its JSON parsed once.

        Raises:
            APIError: The API answered with an error status.
            APIConnectionError: No answer (APITimeoutError when it timed out).
            ResponseDecodeError: A success whose body is not JSON.
            ValidationError: A path parameter or body value that cannot be sent (nothing was sent).
            ClientClosedError: The client was closed, before or during the call.
        """
        response = _send(self, _client_for(self, call.operation), _absolute(self, call))
        return Answer(decode_json(response), response)

    async def aexchange(self, call: Call) -> Answer:
        """The async `exchange`."""
        response = await _asend(self, _client_for(self, call.operation), _absolute(self, call))
        return Answer(decode_json(response), response)

    # The second overload of each takes what the first cannot infer from: an endpoint held as a
    # plain `ModuleType`, or (for mypy) one documenting two success bodies (`list_team_members`).

    @overload
    def call(self, endpoint: Endpoint[T], **arguments: Any) -> T: ...
    @overload
    def call(self, endpoint: ModuleType, **arguments: Any) -> Any: ...
    def call(self, endpoint: Endpoint[Any] | ModuleType, **arguments: Any) -> Any:
        """Call a generated endpoint module (`betterstack_sdk.api.monitors.get_monitor`) and parse.

        The request is built from the operation table (`betterstack_sdk.operations`) and the
        answer parsed with the operation's generated model; this adds the pool, retries and
        typed errors.

        Args:
            endpoint: A module of `betterstack_sdk.api`.
            **arguments: The arguments of its `sync_detailed` but `client`: path parameters,
                query parameters and `body` (a generated model or a plain dict).

        Returns:
            The parsed success body, typed as the module documents it (`get_monitor` gives a
            `MonitorResponse`). None for a 204 answer, documented (where the type is `Any`) or not.

        Raises:
            APIError: The API answered with an error status.
            APIConnectionError: No answer (APITimeoutError when it timed out).
            ResponseDecodeError: A success whose body is not the documented JSON.
            ValidationError: An argument the operation does not take, or one that cannot be sent.
            ClientClosedError: The client was closed, before or during the call.
        """
        call = generated_call(endpoint, arguments)
        return parsed(call.operation, self.exchange(call))

    @overload
    async def acall(self, endpoint: Endpoint[T], **arguments: Any) -> T: ...
    @overload
    async def acall(self, endpoint: ModuleType, **arguments: Any) -> Any: ...
    async def acall(self, endpoint: Endpoint[Any] | ModuleType, **arguments: Any) -> Any:
        """The async `call`."""
        call = generated_call(endpoint, arguments)
        return parsed(call.operation, await self.aexchange(call))

    @overload
    def follow(self, endpoint: Endpoint[T], url: str) -> T: ...
    @overload
    def follow(self, endpoint: ModuleType, url: str) -> Any: ...
    def follow(self, endpoint: Endpoint[Any] | ModuleType, url: str) -> Any:
        """GET a page link the API returned (`pagination.next`) and parse it as `endpoint` would.

        Only the link's path and query are used: the request always goes to this client's host,
        so a link can never carry the token elsewhere.
        """
        operation = operation_of(endpoint)
        return parsed(operation, self.exchange(Call(operation, url=url)))

    @overload
    async def afollow(self, endpoint: Endpoint[T], url: str) -> T: ...
    @overload
    async def afollow(self, endpoint: ModuleType, url: str) -> Any: ...
    async def afollow(self, endpoint: Endpoint[Any] | ModuleType, url: str) -> Any:
        """The async `follow`."""
        operation = operation_of(endpoint)
        return parsed(operation, await self.aexchange(Call(operation, url=url)))

    # Raw requests, for anything not wrapped ----------------------------------------------------

    def request(
        self, method: str, url: str, *, parameters: dict[str, Any] | None = None, body: object = None
    ) -> httpx.Response:
        """Send any request to the API; `url` is relative to `base_url`, or absolute on its host.

        Query keys lose one trailing underscore (`from_` is sent as `from`); booleans go out as
        `true`/`false`.

        Raises:
            ValidationError: `url` is absolute and on another host (the token would go there), or
                it holds a control character or cannot be parsed as a URL.
            APIError, APIConnectionError, ResponseDecodeError: As for `call`.
        """
        check_url(method, url)
        target = urlsplit(url)
        if target.scheme or target.netloc:
            origins = {urlsplit(root)[:2] for root in (self.base_url, self.team_base_url)}
            if target[:2] not in origins:
                raise ValidationError(
                    f"{method} {url}: not on {self.base_url} or {self.team_base_url}; the API token is "
                    "only ever sent to the API's own hosts, so pass a path instead"
                )
        kwargs: dict[str, Any] = {"method": method, "url": url}
        if parameters:
            kwargs["params"] = {key[:-1] if key.endswith("_") else key: value for key, value in parameters.items()}
        if body is not None:
            kwargs["json"] = body
        response = _send(self, self.client, kwargs)
        decode_json(response)  # a success that is not JSON raises here, naming the request
        return response

    def get(
        self, url: str, body: object = None, headers: object = None, parameters: dict[str, Any] | None = None
    ) -> Iterator[dict[str, Any]]:
        """GET `url` and yield the items of `data`, following `pagination.next` lazily.

        A single-object response yields that one object. `body` and `headers` are accepted for
        compatibility with the older package and ignored.
        """
        del body, headers
        from ._pagination import raw_items

        check_url("GET", url)  # now, rather than on the first item
        return raw_items(self, url, parameters or {})

    def post(
        self, url: str, body: object = None, headers: object = None, parameters: dict[str, Any] | None = None
    ) -> httpx.Response:
        """POST `body` as JSON to `url` and return the response (errors raise)."""
        del headers
        return self.request("POST", url, parameters=parameters, body=body)

    def patch(
        self, url: str, body: object = None, headers: object = None, parameters: dict[str, Any] | None = None
    ) -> httpx.Response:
        """PATCH `body` as JSON to `url` and return the response (errors raise)."""
        del headers
        return self.request("PATCH", url, parameters=parameters, body=body)

    def delete(
        self, url: str, body: object = None, headers: object = None, parameters: dict[str, Any] | None = None
    ) -> httpx.Response:
        """DELETE `url` and return the response (errors raise)."""
        del body, headers
        return self.request("DELETE", url, parameters=parameters)


# Sending, apart from the class so that editors offer only its public methods after `api.` -----


def _connect(api: PaginatedAPI, token: str, mounts: dict[str, RetryTransport | None]) -> None:
    """Make the generated layer's clients, sending through `api.transport` and `mounts`."""
    # Every httpx client sending this token holds this transport, so it lives as long as they do.
    hide_in_logs(token, api.transport)
    api._mounts = mounts
    headers = {
        "User-Agent": _user_agent(api.app_name),
        "Accept": "application/json",
        # Only codings the SDK decodes a bounded step at a time (see `_body`).
        "Accept-Encoding": ACCEPT_ENCODING,
        **api.default_headers,
    }
    options: dict[str, Any] = {
        "token": token,
        "timeout": httpx.Timeout(api.timeout),
        # A redirect is answered as an error rather than followed, so the token never goes
        # to a host the API (or anything posing as it) names.
        "follow_redirects": False,
        # A pattern mounted to None is sent through `transport`: what NO_PROXY names.
        "httpx_args": {"transport": api.transport, "mounts": mounts} if mounts else {"transport": api.transport},
    }
    from betterstack_sdk import AuthenticatedClient  # with attrs, loaded when a client is made

    # A dict each: the generated client adds the Authorization header to the one it holds.
    api.client = AuthenticatedClient(base_url=api.base_url, headers=dict(headers), **options)
    api.team_client = AuthenticatedClient(base_url=api.team_base_url, headers=dict(headers), **options)


def _send(api: PaginatedAPI, client: AuthenticatedClient, kwargs: dict[str, Any]) -> httpx.Response:
    """Send a request, read its body within the limits and map failures to the SDK's errors."""
    http = client.get_httpx_client()
    request = http.build_request(**kwargs)
    api.transport.scope.check(request)  # before httpx's own bare RuntimeError for a closed client
    start = started()  # None unless `betterstack.http` logs at DEBUG
    try:
        response = http.send(request, stream=True)
        try:
            response.read()
        finally:
            response.close()
    except httpx.DecodingError as error:
        raise _undecodable(error, response, start) from None
    except httpx.RequestError as error:
        raise _unanswered(error, request, start) from error
    return _answered(response, start)


async def _asend(api: PaginatedAPI, client: AuthenticatedClient, kwargs: dict[str, Any]) -> httpx.Response:
    """The async `_send`."""
    http = client.get_async_httpx_client()
    request = http.build_request(**kwargs)
    api.transport.scope.check(request)  # before httpx's own bare RuntimeError for a closed client
    start = started()
    try:
        response = await http.send(request, stream=True)
        try:
            await response.aread()
        finally:
            await response.aclose()
    except httpx.DecodingError as error:
        raise _undecodable(error, response, start) from None
    except httpx.RequestError as error:
        raise _unanswered(error, request, start) from error
    return _answered(response, start)


# What `_send` and `_asend` make of what happened, logged when `start` says so (DEBUG).


def _answered(response: httpx.Response, start: float | None) -> httpx.Response:
    if start is not None:
        log_answer(response, start)
    if not 200 <= response.status_code < 300:
        raise error_for_response(response)
    return response


def _undecodable(error: httpx.DecodingError, response: httpx.Response, start: float | None) -> ResponseDecodeError:
    if start is not None:
        log_answer(response, start)
    return _decoding_error(error, response)


def _unanswered(error: httpx.RequestError, request: httpx.Request, start: float | None) -> APIConnectionError:
    if start is not None:
        log_failure(request, error, start)
    return _connection_error(error, request)


def _client_for(api: PaginatedAPI, operation: Operation[Any]) -> AuthenticatedClient:
    # The table names the operations that live on another host (team members and roles).
    return api.team_client if operation.server is not None else api.client


def _absolute(api: PaginatedAPI, call: Call) -> dict[str, Any]:
    # The whole URL, so httpx parses it once rather than merging a path into its base URL.
    arguments = request_arguments(call)
    arguments["url"] = (api.team_base_url if call.operation.server is not None else api.base_url) + arguments["url"]
    return arguments


class UptimeAPI(PaginatedAPI):
    """The Better Stack Uptime API client.

    Args:
        bearer_token: The API token; when None, the `BETTERSTACK_API_TOKEN` environment variable.
        base_url: The API root (`https://uptime.betterstack.com`).
        team_base_url: The root of the team-members and roles endpoints (`https://betterstack.com`).
        timeout: Seconds for connecting and for each read.
        retries: Retries after a failed attempt.
        backoff_factor: First retry delay in seconds; doubles each retry.
        max_workers: Pages fetched ahead concurrently (8 by default) when the page count is known
            and the API is slow enough for it to pay; 1 fetches one page at a time.
        transport: Any httpx transport (tests, the fake API); the environment's proxies are then
            not read, and `proxy` may not be given.
        rate_limit: Optional cap in requests per second. Off by default; the official Terraform
            provider keeps to about 8.
        total_timeout: Seconds one call may take in all, retries and waits included (None: no
            limit); a server trickling its answer cannot hold a call past it.
        allow_insecure: Accept a plain `http://` base_url or team_base_url on a host other than
            loopback (127.0.0.1, ::1, localhost); off by default, since the token would travel
            unencrypted. Redirects are never followed and TLS certificates are always verified.
        max_response_bytes: The longest body read, counted decoded (64 MiB by default, some 200
            times the largest real page; None: no limit). A longer one, such as a small gzip
            body expanding to gigabytes, raises `ResponseTooLargeError` having held about this.
        proxy: A proxy URL (`http://host:port`, `https://...`, `socks5://...` with
            `httpx[socks]`) or `httpx.Proxy` for every request; the environment is then not read.
            An https request goes through it in a CONNECT tunnel: the proxy never sees the token.
        trust_env: Read `HTTP_PROXY`, `HTTPS_PROXY`, `ALL_PROXY`, `NO_PROXY`, `SSL_CERT_FILE` and
            `SSL_CERT_DIR` as httpx does (True by default). Loopback hosts are never proxied.
        default_headers: Headers sent with every request (a tracing header, say).
            `Authorization` (the token's), `Accept-Encoding` and `User-Agent` are the SDK's and
            refused.
        app_name: Your application, `"myapp/1.2"`, added to the User-Agent:
            `betterstack-sdk/<version> myapp/1.2`.

    `with_options(timeout=..., retries=...)` gives a client for a scope of calls with options
    changed, sharing this one's connections. Requests are logged on the `betterstack` logger
    (`BETTERSTACK_LOG=debug` or `info` prints them to stderr; see `_logs`).

    Raises:
        ConfigurationError: No token was given and the environment variable is not set; a URL
            is plain http to a host other than loopback without `allow_insecure`; a proxy URL
            cannot be used; `proxy` and `transport` were both given; `max_response_bytes` is not
            positive; a default header or `app_name` cannot be sent, or a default header is
            the SDK's.
    """

    def __init__(
        self,
        bearer_token: str | None = None,
        *,
        base_url: str = DEFAULT_BASE_URL,
        team_base_url: str = DEFAULT_TEAM_BASE_URL,
        timeout: float = 30.0,
        retries: int = 3,
        backoff_factor: float = 0.5,
        max_workers: int = 8,
        transport: httpx.BaseTransport | httpx.AsyncBaseTransport | None = None,
        rate_limit: float | None = None,
        total_timeout: float | None = 300.0,
        allow_insecure: bool = False,
        max_response_bytes: int | None = DEFAULT_MAX_RESPONSE_BYTES,
        proxy: str | httpx.Proxy | None = None,
        trust_env: bool = True,
        default_headers: Mapping[str, str] | None = None,
        app_name: str | None = None,
    ) -> None:
        token = bearer_token if bearer_token is not None else os.environ.get(TOKEN_VARIABLE)
        if not token:
            raise ConfigurationError(
                f"no API token: pass UptimeAPI(bearer_token=...) or set the {TOKEN_VARIABLE} environment variable"
            )
        super().__init__(
            base_url,
            token,
            team_base_url=team_base_url,
            timeout=timeout,
            retries=retries,
            backoff_factor=backoff_factor,
            max_workers=max_workers,
            transport=transport,
            rate_limit=rate_limit,
            total_timeout=total_timeout,
            allow_insecure=allow_insecure,
            max_response_bytes=max_response_bytes,
            proxy=proxy,
            trust_env=trust_env,
            default_headers=default_headers,
            app_name=app_name,
        )
