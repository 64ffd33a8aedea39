"""Retries and client-side rate limiting, as one httpx transport wrapped around the real one.

What is retried, with exponential backoff and jitter:
- 429, honouring `Retry-After` up to `max_retry_after` seconds (beyond that the 429 is returned
  at once, so the caller gets a `RateLimitError` with `retry_after` instead of a silent block);
- 502, 503 and 504;
- connection errors and timeouts.

A POST is retried only when the connection failed before the request was sent, so a retry can
never create a second monitor. 409 and 422 are answers, never retried.
"""

from __future__ import annotations

import asyncio
import random
import threading
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field

import httpx

from ._errors import parse_retry_after

RETRY_STATUSES = frozenset({429, 502, 503, 504})
# Errors raised before a single byte of the request left: safe to retry whatever the method.
NOT_SENT = (httpx.ConnectError, httpx.ConnectTimeout, httpx.PoolTimeout)


@dataclass(frozen=True)
class RetryPolicy:
    """When to retry and how long to wait; `sleep` and `random` are injectable for tests.

    Attributes:
        retries: Retries after the first attempt (0 disables retrying).
        backoff_factor: First backoff in seconds; doubles each retry.
        max_backoff: Upper bound of one backoff.
        max_retry_after: The longest `Retry-After` honoured; a longer one is not waited for.
    """

    retries: int = 3
    backoff_factor: float = 0.5
    max_backoff: float = 8.0
    max_retry_after: float = 60.0
    random: Callable[[], float] = field(default=random.random, repr=False)

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
        retry_after = parse_retry_after(response.headers.get("Retry-After"))
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


class RetryTransport(httpx.BaseTransport, httpx.AsyncBaseTransport):
    """Wraps a sync and an async transport with the retry policy and an optional rate limit."""

    def __init__(
        self,
        sync_transport: httpx.BaseTransport,
        async_transport: httpx.AsyncBaseTransport,
        policy: RetryPolicy,
        *,
        rate_limiter: RateLimiter | None = None,
        sleep: Callable[[float], None] = time.sleep,
        async_sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
    ) -> None:
        self._sync = sync_transport
        self._async = async_transport
        self.policy = policy
        self._limiter = rate_limiter
        self._sleep = sleep
        self._async_sleep = async_sleep

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        """Send `request`, retrying as the policy allows."""
        retry = 0
        while True:
            if self._limiter is not None:
                self._sleep(self._limiter.reserve())
            try:
                response = self._sync.handle_request(request)
                response.read()
            except httpx.TransportError as error:
                delay = self.policy.delay_for_error(request, error, retry)
                if delay is None:
                    raise
            else:
                delay = self.policy.delay_for_response(request, response, retry)
                if delay is None:
                    return response
                response.close()
            self._sleep(delay)
            retry += 1

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        """Send `request` asynchronously, retrying as the policy allows."""
        retry = 0
        while True:
            if self._limiter is not None:
                await self._async_sleep(self._limiter.reserve())
            try:
                response = await self._async.handle_async_request(request)
                await response.aread()
            except httpx.TransportError as error:
                delay = self.policy.delay_for_error(request, error, retry)
                if delay is None:
                    raise
            else:
                delay = self.policy.delay_for_response(request, response, retry)
                if delay is None:
                    return response
                await response.aclose()
            await self._async_sleep(delay)
            retry += 1

    def close(self) -> None:
        """Close the wrapped sync transport."""
        self._sync.close()

    async def aclose(self) -> None:
        """Close the wrapped async transport."""
        await self._async.aclose()
