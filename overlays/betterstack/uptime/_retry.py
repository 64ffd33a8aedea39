"""Retries and client-side rate limiting, as one httpx transport wrapped around the real one.

What is retried, with exponential backoff and jitter:
- 429, honouring `Retry-After` (seconds or an HTTP date) up to `max_retry_after` seconds (beyond
  that the 429 is returned at once, so the caller gets a `RateLimitError` with `retry_after`
  instead of a silent block); a negative, infinite or unreadable one counts as absent;
- 502, 503 and 504;
- connection errors and timeouts.

A POST or DELETE is retried only when the connection failed before the request was sent, so a
retry can never create a second monitor. 409 and 422 are answers, never retried.

One request has `RetryPolicy.total_timeout` seconds in all: attempts, waits and reading the
body. httpx's timeouts bound each connect and each read, so a server trickling a byte at a time
could otherwise hold a call for ever. Each attempt's httpx timeouts are cut to the time left; a
backoff, `Retry-After` or rate-limit wait that would not end in time is not begun (the last
answer or error is given instead, or a timeout before any attempt); the body is checked against
the limit as it arrives. A call so ends within `total_timeout` plus at most one read timeout,
with `APITimeoutError` when time ran out.

Every body is read here, whole, before the response is handed on, so that a connection breaking
mid-body is retried like any other; `_body.read_body` decodes it as it arrives and stops at
`max_response_bytes` (`ResponseTooLargeError`, never retried).
"""

from __future__ import annotations

import random
import threading
import time
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from dataclasses import dataclass, field

import httpx

from ._body import DEFAULT_MAX_RESPONSE_BYTES, WrappedStream, aread_body, read_body
from ._cancellation import CancelScope
from ._errors import parse_retry_after

RETRY_STATUSES = frozenset({429, 502, 503, 504})
# Errors raised before a single byte of the request left: safe to retry whatever the method.
NOT_SENT = (httpx.ConnectError, httpx.ConnectTimeout, httpx.PoolTimeout)


@dataclass(frozen=True)
class RetryPolicy:
    """When to retry and how long to wait; `random` and `now` are injectable for tests.

    Attributes:
        retries: Retries after the first attempt (0 disables retrying).
        backoff_factor: First backoff in seconds; doubles each retry.
        max_backoff: Upper bound of one backoff.
        max_retry_after: The longest `Retry-After` honoured; a longer one is not waited for.
        total_timeout: Seconds one request may take in all, attempts, waits and body reading
            included (see the module); None for no limit. The default leaves room for every
            retry after a full 60 s `Retry-After`.
        random: Draws the jitter, in [0, 1).
        now: The wall clock in epoch seconds, which a `Retry-After` date is counted from.
    """

    retries: int = 3
    backoff_factor: float = 0.5
    max_backoff: float = 8.0
    max_retry_after: float = 60.0
    total_timeout: float | None = 300.0
    random: Callable[[], float] = field(default=random.random, repr=False)
    now: Callable[[], float] = field(default=time.time, repr=False)

    def __post_init__(self) -> None:
        if self.total_timeout is not None and self.total_timeout <= 0:
            raise ValueError(f"total_timeout must be positive seconds or None, got {self.total_timeout!r}")

    def backoff(self, retry: int) -> float:
        """Seconds before retry number `retry` (0-based): exponential, capped, 75-100 % jitter."""
        delay = min(self.max_backoff, self.backoff_factor * (2**retry))
        return float(delay * (0.75 + 0.25 * self.random()))

    def delay_for_response(self, request: httpx.Request, response: httpx.Response, retry: int) -> float | None:
        """Seconds to wait before retrying after `response`, or None not to retry."""
        if retry >= self.retries or response.status_code not in RETRY_STATUSES:
            return None
        if request.method in {"POST", "DELETE"}:
            return None
        retry_after = parse_retry_after(response.headers.get("Retry-After"), self.now())
        if retry_after is None:
            return self.backoff(retry)
        return retry_after if retry_after <= self.max_retry_after else None

    def delay_for_error(self, request: httpx.Request, error: httpx.TransportError, retry: int) -> float | None:
        """Seconds to wait before retrying after a transport error, or None not to retry."""
        if retry >= self.retries:
            return None
        if request.method in {"POST", "DELETE"} and not isinstance(error, NOT_SENT):
            return None
        return self.backoff(retry)


class RateLimiter:
    """Spaces request starts at least `1 / per_second` apart, across threads."""

    def __init__(self, per_second: float, clock: Callable[[], float] = time.monotonic) -> None:
        if per_second <= 0:
            raise ValueError(f"rate limit must be positive requests per second, got {per_second!r}")
        self._interval = 1.0 / per_second
        self._clock = clock
        self._next_start = 0.0
        self._lock = threading.Lock()

    def reserve(self) -> float:
        """Claim the next slot; return how long to wait for it."""
        with self._lock:
            now = self._clock()
            start = max(now, self._next_start)
            self._next_start = start + self._interval
            return start - now


class _Budget:
    """The time one request has left under `RetryPolicy.total_timeout`."""

    def __init__(self, request: httpx.Request, total: float | None, clock: Callable[[], float]) -> None:
        self.request = request
        self.total = total
        self.clock = clock
        self.deadline = None if total is None else clock() + total
        timeouts = request.extensions.get("timeout")
        self.timeouts: dict[str, float | None] | None = dict(timeouts) if isinstance(timeouts, dict) else None

    def left(self) -> float | None:
        """Seconds left, or None without a limit."""
        return None if self.deadline is None else self.deadline - self.clock()

    def allows(self, delay: float) -> bool:
        """Whether a wait of `delay` seconds still leaves time for another attempt."""
        left = self.left()
        return left is None or delay < left

    def slot(self, wait: float) -> None:
        """Raise PoolTimeout when a rate-limit wait of `wait` seconds leaves no time to send."""
        if not self.allows(wait):
            raise httpx.PoolTimeout(
                f"the total_timeout of {self.total:g}s does not cover the {wait:g}s wait for a rate-limit slot",
                request=self.request,
            )

    def start_attempt(self) -> None:
        """Cut this attempt's httpx timeouts to the time left, or raise when none is."""
        left = self.left()
        if left is None:
            return
        if left <= 0:
            raise httpx.PoolTimeout(self.spent("before the request could be sent"), request=self.request)
        if self.timeouts is not None:
            cut = {phase: left if limit is None else min(limit, left) for phase, limit in self.timeouts.items()}
            self.request.extensions["timeout"] = cut

    def watch(self, response: httpx.Response) -> None:
        """Make reading `response`'s body fail once the time is up."""
        if self.deadline is not None:
            response.stream = _BodyDeadline(response.stream, self)

    def check(self) -> None:
        """Raise ReadTimeout when the time is up."""
        left = self.left()
        if left is not None and left <= 0:
            raise httpx.ReadTimeout(self.spent("while the body was arriving"), request=self.request)

    def spent(self, when: str) -> str:
        return f"the total_timeout of {self.total:g}s ran out {when}"


class _BodyDeadline(WrappedStream):
    """A response body that stops with ReadTimeout when its request's time is up."""

    def __init__(self, stream: httpx.SyncByteStream | httpx.AsyncByteStream, budget: _Budget) -> None:
        super().__init__(stream)
        self._budget = budget

    def __iter__(self) -> Iterator[bytes]:
        assert isinstance(self._stream, httpx.SyncByteStream)
        for chunk in self._stream:
            try:
                self._budget.check()
            except httpx.ReadTimeout:
                # httpx does not close a body whose reading failed; an unclosed one keeps its socket.
                self._stream.close()
                raise
            yield chunk

    async def __aiter__(self) -> AsyncIterator[bytes]:
        assert isinstance(self._stream, httpx.AsyncByteStream)
        async for chunk in self._stream:
            try:
                self._budget.check()
            except httpx.ReadTimeout:
                await self._stream.aclose()
                raise
            yield chunk


async def _asyncio_sleep(seconds: float) -> None:
    import asyncio  # only async callers pay for importing asyncio

    await asyncio.sleep(seconds)


class RetryTransport(httpx.BaseTransport, httpx.AsyncBaseTransport):
    """Wraps a sync and an async transport with the retry policy and an optional rate limit.

    `max_response_bytes` caps every body, decoded (None: no cap). `sleep`, `async_sleep` and
    `clock` are injectable for tests; `clock` measures `total_timeout`. Once `scope` is
    cancelled (by `close()`, or a walk's scope under it), nothing is sent or retried: a request
    raises the scope's error instead (`ClientClosedError` for a closed client), and a sync wait
    ends at once unless `sleep` was given.
    """

    scope: CancelScope
    """Cancelled by `close()`: the client's requests, and the list walks under it, stop."""

    def __init__(
        self,
        sync_transport: httpx.BaseTransport,
        async_transport: httpx.AsyncBaseTransport,
        policy: RetryPolicy,
        *,
        rate_limiter: RateLimiter | None = None,
        sleep: Callable[[float], None] | None = None,
        async_sleep: Callable[[float], Awaitable[None]] | None = None,
        clock: Callable[[], float] = time.monotonic,
        max_response_bytes: int | None = DEFAULT_MAX_RESPONSE_BYTES,
        scope: CancelScope | None = None,
    ) -> None:
        self._sync = sync_transport
        self._async = async_transport
        self.policy = policy
        self._limiter = rate_limiter
        self.scope = scope if scope is not None else CancelScope.for_client()
        self._sleep = sleep or self._wait
        self._async_sleep = async_sleep or _asyncio_sleep
        self._clock = clock
        self.max_response_bytes = max_response_bytes

    def _wait(self, seconds: float) -> None:
        # In a walk's read-ahead thread the walk's scope, which the client's cancels too.
        self.scope.current().wait(seconds)

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        """Send `request`, retrying as the policy and the time left allow."""
        scope = self.scope.current()
        budget = _Budget(request, self.policy.total_timeout, self._clock)
        retry = 0
        while True:
            if self._limiter is not None:
                wait = self._limiter.reserve()
                budget.slot(wait)
                self._sleep(wait)
            scope.check(request)
            budget.start_attempt()
            try:
                response = self._sync.handle_request(request)
                budget.watch(response)
                response = read_body(response, request, self.max_response_bytes)
            except httpx.TransportError as error:
                scope.check(request)  # cut short by close() or the end of a walk: not retried
                delay = self.policy.delay_for_error(request, error, retry)
                if delay is None or not budget.allows(delay):
                    raise
            else:
                delay = self.policy.delay_for_response(request, response, retry)
                if delay is None or not budget.allows(delay):
                    return response
                response.close()
            self._sleep(delay)
            retry += 1

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        """Send `request` asynchronously, retrying as the policy and the time left allow."""
        scope = self.scope
        budget = _Budget(request, self.policy.total_timeout, self._clock)
        retry = 0
        while True:
            if self._limiter is not None:
                wait = self._limiter.reserve()
                budget.slot(wait)
                await self._async_sleep(wait)
            scope.check(request)
            budget.start_attempt()
            try:
                response = await self._async.handle_async_request(request)
                budget.watch(response)
                response = await aread_body(response, request, self.max_response_bytes)
            except httpx.TransportError as error:
                scope.check(request)  # cut short by aclose(): not retried
                delay = self.policy.delay_for_error(request, error, retry)
                if delay is None or not budget.allows(delay):
                    raise
            else:
                delay = self.policy.delay_for_response(request, response, retry)
                if delay is None or not budget.allows(delay):
                    return response
                await response.aclose()
            await self._async_sleep(delay)
            retry += 1

    def close(self) -> None:
        """Stop every request (see `scope`) and close the wrapped sync transport."""
        self.scope.cancel()
        self._sync.close()

    async def aclose(self) -> None:
        """Stop every request (see `scope`) and close the wrapped async transport."""
        self.scope.cancel()
        await self._async.aclose()
