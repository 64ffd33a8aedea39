"""Retries and rate limiting: what is retried, how long it waits, and what is never sent twice.

Nothing here sleeps: every `RetryTransport` gets a recording fake sleep, and `RetryPolicy.random`
is pinned so the jitter is known.
"""

from __future__ import annotations

import asyncio
import dataclasses
import json
import threading
from typing import Any

import httpx
import pytest

from betterstack.uptime import (
    APIConnectionError,
    APITimeoutError,
    ConflictError,
    RateLimitError,
    RetryPolicy,
    ServerError,
    UnprocessableEntityError,
    UptimeAPI,
)
from betterstack.uptime._retry import RateLimiter, RetryTransport
from betterstack.uptime.objects import Monitor
from betterstack_sdk.api.monitors import create_monitor, get_monitor
from betterstack_sdk.models.monitor_create import MonitorCreate

from wire import MONITOR, TOKEN, Answer, Recorder, fixture, raising, reply

CREATED = reply(201, fixture("create_monitor"))


class Sleeps:
    """A fake sleep for both the sync and the async path: it records the waits and returns."""

    def __init__(self) -> None:
        self.waits: list[float] = []

    def __call__(self, seconds: float) -> None:
        self.waits.append(seconds)

    async def asleep(self, seconds: float) -> None:
        self.waits.append(seconds)


def make_api(*answers: Answer, jitter: float = 1.0, **options: Any) -> tuple[UptimeAPI, Recorder, Sleeps]:
    """An UptimeAPI over a recording handler, with a fake sleep and jitter pinned to `jitter`.

    `jitter` is what `RetryPolicy.random` returns: 1.0 gives the full backoff, 0.0 the 75 % floor.
    """
    recorder, sleeps = Recorder(answers), Sleeps()
    api = UptimeAPI(TOKEN, transport=httpx.MockTransport(recorder), **options)
    # The client builds its RetryTransport itself; swap in the injectable parts, keeping the
    # retries and backoff it was configured with.
    api.transport.policy = dataclasses.replace(api.transport.policy, random=lambda: jitter)
    api.transport._sleep = sleeps
    api.transport._async_sleep = sleeps.asleep
    return api, recorder, sleeps


# 429 ----------------------------------------------------------------------------------------


def test_429_is_retried_after_the_retry_after_seconds() -> None:
    api, wire, sleeps = make_api(
        reply(429, {"errors": "Too many requests"}, headers={"Retry-After": "2"}),
        reply(429, {"errors": "Too many requests"}, headers={"Retry-After": "3.5"}),
        MONITOR,
    )
    monitor = Monitor.get(api, 2)
    assert monitor.url == "https://example.com"
    assert wire.methods == ["GET", "GET", "GET"]
    assert sleeps.waits == [2.0, 3.5]


def test_retry_after_above_the_cap_is_not_waited_for() -> None:
    api, wire, sleeps = make_api(reply(429, {"errors": "Too many requests"}, headers={"Retry-After": "120"}), MONITOR)
    with pytest.raises(RateLimitError) as caught:
        Monitor.get(api, 2)
    assert caught.value.retry_after == 120.0
    assert len(wire.requests) == 1
    assert sleeps.waits == []


def test_retry_after_at_the_cap_is_waited_for() -> None:
    api, wire, sleeps = make_api(reply(429, headers={"Retry-After": "60"}), MONITOR)
    Monitor.get(api, 2)
    assert len(wire.requests) == 2
    assert sleeps.waits == [60.0]


def test_429_without_retry_after_is_retried_with_backoff() -> None:
    api, wire, sleeps = make_api(reply(429, {"errors": "Too many requests"}), MONITOR)
    Monitor.get(api, 2)
    assert len(wire.requests) == 2
    assert sleeps.waits == [0.5]


# Wed, 21 Oct 2026 07:28:00 GMT as the wall clock (`RetryPolicy.now`) of the date tests.
NOW = 1792567680.0


def at(now: float, api: UptimeAPI) -> UptimeAPI:
    """`api` with its retry policy's wall clock stopped at `now`."""
    api.transport.policy = dataclasses.replace(api.transport.policy, now=lambda: now)
    return api


def test_429_with_an_http_date_retry_after_waits_until_that_date() -> None:
    api, wire, sleeps = make_api(reply(429, headers={"Retry-After": "Wed, 21 Oct 2026 07:28:07 GMT"}), MONITOR)
    Monitor.get(at(NOW, api), 2)
    assert len(wire.requests) == 2
    assert sleeps.waits == [7.0]


def test_429_with_an_http_date_retry_after_already_past_is_retried_at_once() -> None:
    api, wire, sleeps = make_api(reply(429, headers={"Retry-After": "Wed, 21 Oct 2026 07:27:00 GMT"}), MONITOR)
    Monitor.get(at(NOW, api), 2)
    assert len(wire.requests) == 2
    assert sleeps.waits == [0.0]


def test_429_with_an_http_date_retry_after_beyond_the_cap_is_not_waited_for() -> None:
    api, wire, sleeps = make_api(reply(429, headers={"Retry-After": "Wed, 21 Oct 2026 07:30:00 GMT"}), MONITOR)
    with pytest.raises(RateLimitError):
        Monitor.get(at(NOW, api), 2)
    assert len(wire.requests) == 1
    assert sleeps.waits == []


@pytest.mark.parametrize("value", ["inf", "-inf", "nan", "1e400", "-1", "soon", "Wed, 32 Oct 2026 07:28:00 GMT"])
def test_429_with_a_retry_after_not_finite_negative_or_nonsense_backs_off(value: str) -> None:
    api, wire, sleeps = make_api(reply(429, headers={"Retry-After": value}), MONITOR)
    Monitor.get(at(NOW, api), 2)
    assert len(wire.requests) == 2
    assert sleeps.waits == [0.5]


# 5xx ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("status", [502, 503, 504])
def test_gateway_errors_are_retried_with_exponential_backoff(status: int) -> None:
    api, wire, sleeps = make_api(reply(status), reply(status), reply(status), MONITOR)
    Monitor.get(api, 2)
    assert wire.methods == ["GET"] * 4
    assert sleeps.waits == [0.5, 1.0, 2.0]


def test_backoff_jitter_floor_is_three_quarters_of_the_delay() -> None:
    api, _, sleeps = make_api(reply(503), reply(503), reply(503), MONITOR, jitter=0.0)
    Monitor.get(api, 2)
    assert sleeps.waits == [0.375, 0.75, 1.5]


def test_backoff_factor_sets_the_first_delay() -> None:
    api, _, sleeps = make_api(reply(503), reply(503), MONITOR, backoff_factor=2.0)
    Monitor.get(api, 2)
    assert sleeps.waits == [2.0, 4.0]


@pytest.mark.parametrize("draw", [0.0, 0.25, 0.5, 0.999, 1.0])
def test_backoff_stays_within_the_jitter_bounds(draw: float) -> None:
    policy = RetryPolicy(backoff_factor=0.5, random=lambda: draw)
    for retry in range(4):
        full = 0.5 * 2**retry
        assert 0.75 * full <= policy.backoff(retry) <= full


def test_backoff_is_capped_at_max_backoff() -> None:
    assert RetryPolicy(backoff_factor=1.0, max_backoff=8.0, random=lambda: 1.0).backoff(10) == 8.0
    assert RetryPolicy(backoff_factor=1.0, max_backoff=8.0, random=lambda: 0.0).backoff(10) == 6.0


def test_500_is_not_retried() -> None:
    # A plain 500 is an application failure that repeating will not cure; only gateway errors are.
    api, wire, sleeps = make_api(reply(500, {"errors": "Internal error"}), MONITOR)
    with pytest.raises(ServerError):
        Monitor.get(api, 2)
    assert len(wire.requests) == 1
    assert sleeps.waits == []


def test_patch_is_retried_after_a_gateway_error() -> None:
    api, wire, sleeps = make_api(reply(503), MONITOR)
    monitor = Monitor(id="2", _api=api)
    monitor.url = "https://example.com/health"
    monitor.save()
    assert wire.methods == ["PATCH", "PATCH"]
    assert [json.loads(request.content) for request in wire.requests] == [{"url": "https://example.com/health"}] * 2
    assert sleeps.waits == [0.5]


# Connection errors ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "failure", [httpx.ConnectError, httpx.ConnectTimeout, httpx.ReadTimeout, httpx.ReadError, httpx.PoolTimeout]
)
def test_connection_errors_are_retried_for_get(failure: type[httpx.TransportError]) -> None:
    api, wire, sleeps = make_api(raising(failure), raising(failure), MONITOR)
    assert Monitor.get(api, 2).id == "2"
    assert wire.methods == ["GET"] * 3
    assert sleeps.waits == [0.5, 1.0]


# POST: never create twice ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "failure",
    [
        reply(502),
        reply(503),
        reply(504),
        reply(429, {"errors": "Too many requests"}, headers={"Retry-After": "1"}),
        reply(429, {"errors": "Too many requests"}),
        raising(httpx.ReadTimeout),
        raising(httpx.ReadError),
        raising(httpx.WriteError),
        raising(httpx.RemoteProtocolError),
    ],
    ids=["502", "503", "504", "429-retry-after", "429", "read-timeout", "read-error", "write-error", "protocol"],
)
def test_post_is_never_retried_once_it_may_have_arrived(failure: Answer) -> None:
    api, wire, sleeps = make_api(failure, CREATED)
    with pytest.raises((ServerError, RateLimitError, APIConnectionError)):
        Monitor.new(api, monitor_type="status", url="https://example.com")
    assert wire.methods == ["POST"]
    assert sleeps.waits == []


@pytest.mark.parametrize("failure", [httpx.ConnectError, httpx.ConnectTimeout, httpx.PoolTimeout])
def test_post_is_retried_when_the_connection_failed_before_sending(failure: type[httpx.TransportError]) -> None:
    api, wire, sleeps = make_api(raising(failure), CREATED)
    monitor = Monitor.new(api, monitor_type="status", url="https://example.com")
    assert monitor.id == "9"
    assert wire.methods == ["POST", "POST"]
    assert json.loads(wire.requests[1].content) == {"monitor_type": "status", "url": "https://example.com"}
    assert sleeps.waits == [0.5]


# Answers that are final ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("status", "error", "body"),
    [
        (409, ConflictError, {"errors": "Incident was already resolved"}),
        (422, UnprocessableEntityError, {"errors": {"url": ["is invalid"]}}),
    ],
)
@pytest.mark.parametrize("method", ["GET", "PATCH", "DELETE"])
def test_conflict_and_validation_answers_are_never_retried(
    status: int, error: type[Exception], body: Any, method: str
) -> None:
    api, wire, sleeps = make_api(reply(status, body), MONITOR)
    monitor = Monitor(id="2", _api=api)
    with pytest.raises(error):
        if method == "GET":
            monitor.fetch_data()
        elif method == "PATCH":
            monitor.url = "not a url"
            monitor.save()
        else:
            monitor.delete()
    assert wire.methods == [method]
    assert sleeps.waits == []


# Giving up ----------------------------------------------------------------------------------


def test_exhausted_retries_raise_the_last_error() -> None:
    api, wire, sleeps = make_api(reply(502), reply(503), reply(502), reply(504, {"errors": "Gateway timeout"}))
    with pytest.raises(ServerError) as caught:
        Monitor.get(api, 2)
    assert caught.value.status_code == 504
    assert caught.value.message == "Gateway timeout"
    assert len(wire.requests) == 4
    assert len(sleeps.waits) == 3


def test_exhausted_retries_after_connection_errors_raise_the_last_one() -> None:
    api, wire, _ = make_api(
        raising(httpx.ConnectError), reply(503), raising(httpx.ConnectError), raising(httpx.ReadTimeout)
    )
    with pytest.raises(APITimeoutError):
        Monitor.get(api, 2)
    assert len(wire.requests) == 4


def test_retries_option_sets_the_number_of_retries() -> None:
    api, wire, sleeps = make_api(reply(503), retries=1)
    with pytest.raises(ServerError):
        Monitor.get(api, 2)
    assert len(wire.requests) == 2
    assert sleeps.waits == [0.5]


@pytest.mark.parametrize(
    "failure",
    [reply(503), reply(429, headers={"Retry-After": "1"}), raising(httpx.ConnectError)],
    ids=["503", "429", "connect-error"],
)
def test_retries_zero_disables_retrying(failure: Answer) -> None:
    api, wire, sleeps = make_api(failure, MONITOR, retries=0)
    with pytest.raises((ServerError, RateLimitError, APIConnectionError)):
        Monitor.get(api, 2)
    assert len(wire.requests) == 1
    assert sleeps.waits == []


# Async ------------------------------------------------------------------------------------


def test_async_call_retries_with_the_async_sleep() -> None:
    api, wire, sleeps = make_api(
        reply(503), reply(429, headers={"Retry-After": "1"}), raising(httpx.ConnectError), MONITOR
    )
    parsed = asyncio.run(api.acall(get_monitor, monitor_id="2"))
    assert parsed.data.id == "2"
    assert wire.methods == ["GET"] * 4
    assert sleeps.waits == [0.5, 1.0, 2.0]


def test_async_post_is_not_retried_after_a_gateway_error() -> None:
    api, wire, sleeps = make_api(reply(503), CREATED)

    async def create() -> None:
        async with api:
            body = MonitorCreate.from_dict({"monitor_type": "status", "url": "https://example.com"})
            await api.acall(create_monitor, body=body)

    with pytest.raises(ServerError):
        asyncio.run(create())
    assert wire.methods == ["POST"]
    assert sleeps.waits == []


def test_async_client_over_the_retry_transport_directly() -> None:
    recorder, sleeps = Recorder([reply(504), reply(504), reply(200, {"ok": True})]), Sleeps()
    transport = RetryTransport(
        httpx.MockTransport(recorder),
        httpx.MockTransport(recorder),
        RetryPolicy(retries=2, random=lambda: 1.0),
        sleep=sleeps,
        async_sleep=sleeps.asleep,
    )

    async def fetch() -> httpx.Response:
        async with httpx.AsyncClient(transport=transport, base_url="https://uptime.betterstack.com") as client:
            return await client.get("/api/v2/monitors")

    response = asyncio.run(fetch())
    assert response.json() == {"ok": True}
    assert len(recorder.requests) == 3
    assert sleeps.waits == [0.5, 1.0]


# The transport on its own ---------------------------------------------------------------------


def direct_client(*answers: Answer, retries: int = 2) -> tuple[httpx.Client, Recorder, Sleeps]:
    recorder, sleeps = Recorder(answers), Sleeps()
    mock = httpx.MockTransport(recorder)
    transport = RetryTransport(mock, mock, RetryPolicy(retries=retries, random=lambda: 1.0), sleep=sleeps)
    return httpx.Client(transport=transport, base_url="https://uptime.betterstack.com"), recorder, sleeps


def test_retry_transport_returns_the_last_response_when_retries_run_out() -> None:
    client, wire, sleeps = direct_client(reply(502), reply(503), reply(504))
    with client:
        response = client.get("/api/v2/monitors")
    assert response.status_code == 504
    assert len(wire.requests) == 3
    assert sleeps.waits == [0.5, 1.0]


def test_retry_transport_reraises_the_last_transport_error() -> None:
    client, wire, _ = direct_client(
        raising(httpx.ConnectError), raising(httpx.ConnectTimeout), raising(httpx.ReadTimeout)
    )
    with client, pytest.raises(httpx.ReadTimeout):
        client.get("/api/v2/monitors")
    assert len(wire.requests) == 3


def test_retry_transport_sends_the_same_body_again() -> None:
    client, wire, _ = direct_client(reply(503), reply(200, {}))
    with client:
        client.patch("/api/v2/monitors/2", json={"paused": True})
    assert [request.content for request in wire.requests] == [b'{"paused":true}'] * 2


# Rate limiting --------------------------------------------------------------------------------


class Clock:
    """A clock that moves only when told."""

    def __init__(self, now: float = 100.0) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now


def test_rate_limiter_spaces_request_starts() -> None:
    clock = Clock()
    limiter = RateLimiter(4, clock=clock)
    assert [limiter.reserve() for _ in range(4)] == [0.0, 0.25, 0.5, 0.75]


def test_rate_limiter_does_not_wait_once_the_interval_has_passed() -> None:
    clock = Clock()
    limiter = RateLimiter(2, clock=clock)
    assert limiter.reserve() == 0.0
    clock.now += 0.2
    assert limiter.reserve() == pytest.approx(0.3)
    clock.now += 5.0
    assert limiter.reserve() == 0.0


def test_rate_limiter_gives_every_thread_its_own_slot() -> None:
    limiter = RateLimiter(10, clock=Clock())
    waits: list[float] = []
    lock = threading.Lock()

    def reserve() -> None:
        wait = limiter.reserve()
        with lock:
            waits.append(wait)

    threads = [threading.Thread(target=reserve) for _ in range(20)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(round(wait, 6) for wait in waits) == [round(slot / 10, 6) for slot in range(20)]


def test_rate_limiter_rejects_a_rate_that_is_not_positive() -> None:
    with pytest.raises(ValueError):
        RateLimiter(0)


def test_retry_transport_waits_for_the_rate_limiter_before_every_attempt() -> None:
    recorder, sleeps = Recorder([reply(503), reply(200, {})]), Sleeps()
    mock = httpx.MockTransport(recorder)
    transport = RetryTransport(
        mock, mock, RetryPolicy(random=lambda: 1.0), rate_limiter=RateLimiter(2, clock=Clock()), sleep=sleeps
    )
    with httpx.Client(transport=transport, base_url="https://uptime.betterstack.com") as client:
        client.get("/api/v2/monitors")
        client.get("/api/v2/monitors")
    # limiter slot, backoff, limiter slot (the retry), limiter slot (the second request)
    assert sleeps.waits == [0.0, 0.5, 0.5, 1.0]
    assert len(recorder.requests) == 3


def test_rate_limit_option_spaces_requests_of_the_client() -> None:
    api, wire, sleeps = make_api(MONITOR, rate_limit=2)
    limiter = api.transport._limiter
    assert limiter is not None
    limiter._clock = Clock()  # a clock that stands still: every start needs its own slot
    Monitor.get(api, 2)
    Monitor.get(api, 2)
    Monitor.get(api, 2)
    assert len(wire.requests) == 3
    assert sleeps.waits == [0.0, 0.5, 1.0]


def test_no_rate_limit_by_default() -> None:
    api, _, sleeps = make_api(MONITOR)
    Monitor.get(api, 2)
    Monitor.get(api, 2)
    assert sleeps.waits == []
