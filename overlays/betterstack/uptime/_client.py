"""The API client: one connection pool, retries, error mapping, and calls to generated endpoints.

`call(endpoint, ...)` takes a generated endpoint module and returns what its `sync_detailed`
documents: a module matches the `Endpoint` protocol structurally, so mypy and pyright infer the
result type (`MonitorResponse` for `get_monitor`) without the module being named anywhere here.
"""

from __future__ import annotations

import inspect
import ipaddress
import json
import os
from collections.abc import Iterator, Mapping
from functools import cache, partial
from types import ModuleType, TracebackType
from typing import TYPE_CHECKING, Any, NoReturn, Protocol, Self, SupportsIndex, TypeVar, cast, overload
from urllib.parse import urlsplit

import httpx

from betterstack_sdk.servers import OPERATION_SERVERS

from ._body import ACCEPT_ENCODING, DEFAULT_MAX_RESPONSE_BYTES
from ._cancellation import CancelScope, interruptible
from ._errors import (
    APIConnectionError,
    APITimeoutError,
    ConfigurationError,
    JSONValue,
    ResponseDecodeError,
    UnpicklableError,
    ValidationError,
    error_for_response,
    redact,
)
from ._event_loops import LoopTransports
from ._logs import hide_in_logs
from ._proxies import proxy_routes, shown
from ._retry import RateLimiter, RetryPolicy, RetryTransport
from ._validation import check_path_segment

if TYPE_CHECKING:
    # Only for annotations: the generated package (and attrs) load when a client is made.
    from betterstack_sdk import AuthenticatedClient
    from betterstack_sdk.models.error_body import ErrorBody
    from betterstack_sdk.types import Response

DEFAULT_BASE_URL = "https://uptime.betterstack.com"
DEFAULT_TEAM_BASE_URL = "https://betterstack.com"
TOKEN_VARIABLE = "BETTERSTACK_API_TOKEN"
USER_AGENT = "betterstack-sdk/0.1.0"

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


@cache
def path_parameters(endpoint: ModuleType) -> tuple[str, ...]:
    """The path parameters of a generated endpoint module, in order."""
    # The generated `_get_kwargs` takes path parameters positionally and everything else by keyword.
    parameters = inspect.signature(endpoint._get_kwargs).parameters.values()
    return tuple(p.name for p in parameters if p.kind is inspect.Parameter.POSITIONAL_OR_KEYWORD)


def request_arguments(endpoint: ModuleType, arguments: Mapping[str, Any]) -> dict[str, Any]:
    """The request a generated endpoint builds from `arguments`, its path parameters checked first.

    Raises:
        ValidationError: A path parameter is empty, `.` or `..` (which would address another path).
    """
    operation = endpoint.__name__.rsplit(".", 1)[-1]
    for name in path_parameters(endpoint):
        if name in arguments:
            check_path_segment(operation, name, arguments[name])
    kwargs: dict[str, Any] = endpoint._get_kwargs(**arguments)
    return kwargs


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


def path_and_query(url: str) -> str:
    """A link's path and query: all of it that is sent, always to this client's own host."""
    parts = urlsplit(url)
    return f"{parts.path}?{parts.query}" if parts.query else parts.path


def decode_json(response: httpx.Response) -> JSONValue:
    """The body parsed as JSON (None when empty), or ResponseDecodeError naming the request."""
    if not response.content:
        return None
    try:
        value: JSONValue = json.loads(response.content)
        return value
    except RecursionError:
        raise ResponseDecodeError.for_response("the body is nested too deeply to parse", response) from None
    except ValueError as error:
        detail = (
            f"the body is not valid JSON ({error.msg} at byte {error.pos} of {len(response.content)})"
            if isinstance(error, json.JSONDecodeError)
            else "the body is not valid JSON"
        )
        raise ResponseDecodeError.for_response(detail, response) from None


def check_response(response: httpx.Response) -> None:
    """Raise the matching error for an error status, or for a body that is not JSON.

    Raises:
        APIError: The status is 4xx or 5xx (a subclass per status).
        ResponseDecodeError: A success status with a body that does not parse as JSON.
    """
    if not 200 <= response.status_code < 300:
        raise error_for_response(response)
    decode_json(response)


class _Refuse(httpx.BaseTransport, httpx.AsyncBaseTransport):
    def __init__(self, side: str) -> None:
        self.side: str = side

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        raise ConfigurationError(f"the transport given is not a {self.side} transport")

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        raise ConfigurationError(f"the transport given is not a {self.side} transport")


def _proxy_transports(
    proxy: httpx.Proxy, trust_env: bool, scope: CancelScope
) -> tuple[httpx.HTTPTransport, LoopTransports]:
    """The transports through `proxy`, cut short and kept per event loop as the direct ones are."""
    try:
        sync = interruptible(httpx.HTTPTransport(proxy=proxy, trust_env=trust_env), scope)
    except ImportError as error:  # a socks5:// proxy without the socksio package
        raise ConfigurationError(
            f"proxy {shown(str(proxy.url))!r}: {error}; or unset the variable naming it (ALL_PROXY, ...)"
        ) from None
    return sync, LoopTransports(partial(httpx.AsyncHTTPTransport, proxy=proxy, trust_env=trust_env))


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

    Raises:
        ConfigurationError: The token is empty, a URL is not absolute, or it is plain http to a
            host other than loopback without `allow_insecure`; a proxy URL cannot be used;
            `proxy` and `transport` were both given; `max_response_bytes` is not positive.
    """

    base_url: str
    """The API root, without a trailing slash."""
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
    ) -> None:
        if not bearer_token:
            raise ConfigurationError("the API token is empty; pass bearer_token or set " + TOKEN_VARIABLE)
        if rate_limit is not None and rate_limit <= 0:
            raise ConfigurationError(f"rate_limit must be positive requests per second, got {rate_limit!r}")
        if max_workers < 1:
            raise ConfigurationError(f"max_workers must be at least 1, got {max_workers!r}")
        if total_timeout is not None and total_timeout <= 0:
            raise ConfigurationError(f"total_timeout must be positive seconds or None, got {total_timeout!r}")
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
        self.max_workers = max_workers
        self.timeout = timeout
        policy = RetryPolicy(retries=retries, backoff_factor=backoff_factor, total_timeout=total_timeout)
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
            sync_transport = interruptible(httpx.HTTPTransport(trust_env=trust_env), scope)
            async_transport = LoopTransports(partial(httpx.AsyncHTTPTransport, trust_env=trust_env))
            hosts = {urlsplit(root).hostname or "" for root in (self.base_url, self.team_base_url)}
            proxied: dict[int, RetryTransport] = {}  # one pool per proxy, however many patterns
            for pattern, route in proxy_routes(proxy, trust_env, filter(_is_loopback, hosts)).items():
                if route is not None and id(route) not in proxied:
                    proxied[id(route)] = retrying(*_proxy_transports(route, trust_env, scope))
                mounts[pattern] = None if route is None else proxied[id(route)]
        else:
            sync_transport = transport if isinstance(transport, httpx.BaseTransport) else _Refuse("sync")
            async_transport = transport if isinstance(transport, httpx.AsyncBaseTransport) else _Refuse("async")
        self.transport = retrying(sync_transport, async_transport)
        # Every httpx client sending this token holds this transport, so it lives as long as they do.
        hide_in_logs(bearer_token, self.transport)
        options: dict[str, Any] = {
            "token": bearer_token,
            "timeout": httpx.Timeout(timeout),
            # Only codings the SDK decodes a bounded step at a time (see `_body`).
            "headers": {"User-Agent": USER_AGENT, "Accept": "application/json", "Accept-Encoding": ACCEPT_ENCODING},
            # A redirect is answered as an error rather than followed, so the token never goes
            # to a host the API (or anything posing as it) names.
            "follow_redirects": False,
            # A pattern mounted to None is sent through `transport`: what NO_PROXY names.
            "httpx_args": {"transport": self.transport, "mounts": mounts} if mounts else {"transport": self.transport},
        }
        from betterstack_sdk import AuthenticatedClient  # with attrs, loaded when a client is made

        self.client = AuthenticatedClient(base_url=self.base_url, **options)
        self.team_client = AuthenticatedClient(base_url=self.team_base_url, **options)

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

    def _client_for(self, endpoint: ModuleType) -> AuthenticatedClient:
        # The spec names the operations that live on another host (team members and roles).
        return self.team_client if endpoint.__name__.rsplit(".", 1)[-1] in OPERATION_SERVERS else self.client

    def _send(self, client: AuthenticatedClient, kwargs: dict[str, Any], *, decoded: bool = False) -> httpx.Response:
        # `decoded`: the caller parses the JSON itself, once, so it is not parsed here to check it.
        http = client.get_httpx_client()
        request = http.build_request(**kwargs)
        self.transport.scope.check(request)  # before httpx's own bare RuntimeError for a closed client
        try:
            response = http.send(request, stream=True)
            try:
                response.read()
            finally:
                response.close()
        except httpx.DecodingError as error:
            raise _decoding_error(error, response) from None
        except httpx.RequestError as error:
            raise _connection_error(error, request) from error
        if decoded and 200 <= response.status_code < 300:
            return response
        check_response(response)
        return response

    async def _asend(self, client: AuthenticatedClient, kwargs: dict[str, Any]) -> httpx.Response:
        http = client.get_async_httpx_client()
        request = http.build_request(**kwargs)
        self.transport.scope.check(request)  # before httpx's own bare RuntimeError for a closed client
        try:
            response = await http.send(request, stream=True)
            try:
                await response.aread()
            finally:
                await response.aclose()
        except httpx.DecodingError as error:
            raise _decoding_error(error, response) from None
        except httpx.RequestError as error:
            raise _connection_error(error, request) from error
        check_response(response)
        return response

    def _parse(self, endpoint: ModuleType, client: AuthenticatedClient, response: httpx.Response) -> Any:
        try:
            parsed = endpoint._parse_response(client=client, response=response)
            if parsed is None and response.content:
                # The docs and the live API disagree on 200 versus 201 for some creates (catalog
                # C2); a success body is parsed whichever of the two it came with.
                for code in (200, 201):
                    twin = httpx.Response(
                        code,
                        content=response.content,
                        headers={"Content-Type": response.headers.get("Content-Type", "application/json")},
                    )
                    twin.request = response.request
                    parsed = endpoint._parse_response(client=client, response=twin)
                    if parsed is not None:
                        break
            return parsed
        except (KeyError, TypeError, ValueError, AttributeError, RecursionError) as error:
            raise ResponseDecodeError.for_response(
                f"the body does not have the documented shape ({type(error).__name__}: {error})", response
            ) from error

    # The second overload of each takes what the first cannot infer from: an endpoint held as a
    # plain `ModuleType`, or (for mypy) one documenting two success bodies (`list_team_members`).

    @overload
    def call(self, endpoint: Endpoint[T], **arguments: Any) -> T: ...
    @overload
    def call(self, endpoint: ModuleType, **arguments: Any) -> Any: ...
    def call(self, endpoint: Endpoint[Any] | ModuleType, **arguments: Any) -> Any:
        """Call a generated endpoint module (`betterstack_sdk.api.monitors.get_monitor`) and parse.

        The generated module builds the request and parses the body; this adds the pool, retries
        and typed errors.

        Args:
            endpoint: A module of `betterstack_sdk.api`.
            **arguments: The arguments of its `sync_detailed` but `client`: path parameters,
                query parameters and `body` (a generated model).

        Returns:
            The parsed success body, typed as the module documents it (`get_monitor` gives a
            `MonitorResponse`). None for a 204 answer, documented (where the type is `Any`) or not.

        Raises:
            APIError: The API answered with an error status.
            APIConnectionError: No answer (APITimeoutError when it timed out).
            ResponseDecodeError: A success whose body is not the documented JSON.
            ClientClosedError: The client was closed, before or during the call.
        """
        module = cast(ModuleType, endpoint)  # every endpoint is a module at run time
        client = self._client_for(module)
        response = self._send(client, request_arguments(module, arguments))
        return self._parse(module, client, response)

    @overload
    async def acall(self, endpoint: Endpoint[T], **arguments: Any) -> T: ...
    @overload
    async def acall(self, endpoint: ModuleType, **arguments: Any) -> Any: ...
    async def acall(self, endpoint: Endpoint[Any] | ModuleType, **arguments: Any) -> Any:
        """The async `call`."""
        module = cast(ModuleType, endpoint)
        client = self._client_for(module)
        response = await self._asend(client, request_arguments(module, arguments))
        return self._parse(module, client, response)

    @overload
    def follow(self, endpoint: Endpoint[T], url: str) -> T: ...
    @overload
    def follow(self, endpoint: ModuleType, url: str) -> Any: ...
    def follow(self, endpoint: Endpoint[Any] | ModuleType, url: str) -> Any:
        """GET a page link the API returned (`pagination.next`) and parse it as `endpoint` would.

        Only the link's path and query are used: the request always goes to this client's host,
        so a link can never carry the token elsewhere.
        """
        module = cast(ModuleType, endpoint)
        client = self._client_for(module)
        response = self._send(client, {"method": "GET", "url": path_and_query(url)})
        return self._parse(module, client, response)

    def call_json(self, endpoint: ModuleType, **arguments: Any) -> tuple[JSONValue, httpx.Response]:
        """Send a generated endpoint's request and return the body as plain JSON, with the response.

        The list path of the object layer reads items straight from this, parsing each page once.

        Raises:
            APIError, APIConnectionError, ResponseDecodeError: As for `call`.
        """
        response = self._send(self._client_for(endpoint), request_arguments(endpoint, arguments), decoded=True)
        return decode_json(response), response

    def follow_json(self, endpoint: ModuleType, url: str) -> tuple[JSONValue, httpx.Response]:
        """The plain-JSON `follow`: GET a page link (path and query only, on this host)."""
        request = {"method": "GET", "url": path_and_query(url)}
        response = self._send(self._client_for(endpoint), request, decoded=True)
        return decode_json(response), response

    @overload
    async def afollow(self, endpoint: Endpoint[T], url: str) -> T: ...
    @overload
    async def afollow(self, endpoint: ModuleType, url: str) -> Any: ...
    async def afollow(self, endpoint: Endpoint[Any] | ModuleType, url: str) -> Any:
        """The async `follow`."""
        module = cast(ModuleType, endpoint)
        client = self._client_for(module)
        response = await self._asend(client, {"method": "GET", "url": path_and_query(url)})
        return self._parse(module, client, response)

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
        return self._send(self.client, kwargs)

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

    Raises:
        ConfigurationError: No token was given and the environment variable is not set; a URL
            is plain http to a host other than loopback without `allow_insecure`; a proxy URL
            cannot be used; `proxy` and `transport` were both given; `max_response_bytes` is not
            positive.
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
        )
