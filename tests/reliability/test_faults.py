"""Faults over real HTTP: every operation succeeds after retries or raises its documented error.

The fake serves on 127.0.0.1 and injects each kind of fault. A test compares what the server saw,
request by request (method, path, the fault it met), with what `RetryPolicy` allows; the error
raised with the one documented for the last fault; the fake's state with what the requests that
reached it must have done; and the time taken with `total_timeout`.
"""

from __future__ import annotations

import asyncio
import copy
import dataclasses
import random
import re
import socket
import time
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from typing import Any

import httpx
import pytest

from betterstack.uptime import (
    APIConnectionError,
    APIError,
    APITimeoutError,
    BetterStackError,
    RateLimitError,
    ResponseDecodeError,
    ServerError,
    UptimeAPI,
)
from betterstack.uptime.objects import Monitor
from betterstack.uptime.testing import DEFAULT_TOKEN, FakeUptime, Fault, RunningFake, serve
from betterstack_sdk.api.monitors import get_monitor

from reliability.tally import count, size

MONITORS = "/api/v2/monitors"
SEED: dict[str, Any] = {
    MONITORS: [
        {"id": "1", "url": "https://one.example", "monitor_type": "status"},
        {"id": "2", "url": "https://two.example", "monitor_type": "status"},
    ]
}
EDITED = "https://one.example/health"
CREATED = "https://new.example"
RETRIES = 2
READ_TIMEOUT = 5.0  # only the hang and trickle tests wait for a read timeout; they use SHORT_READ
SHORT_READ = 0.25
TOTAL = 3.0
SLACK = 1.5
# Methods the policy sends again after an answer or an error that may have followed sending.
RESENT = frozenset({"GET", "PATCH"})


@dataclass(frozen=True)
class Kind:
    """A fault as injected here, and what the SDK must make of it."""

    name: str
    fault: Fault
    error: type[BetterStackError]
    retried: bool  # for the methods in RESENT; POST and DELETE are never resent after these


KINDS = [
    Kind("429 Retry-After 0.01", Fault("status", status=429, retry_after="0.01"), RateLimitError, True),
    Kind("429 no Retry-After", Fault("status", status=429), RateLimitError, True),
    Kind("429 Retry-After 120", Fault("status", status=429, retry_after="120"), RateLimitError, False),
    Kind("500", Fault("status", status=500), ServerError, False),
    Kind("502", Fault("status", status=502), ServerError, True),
    Kind("503", Fault("status", status=503), ServerError, True),
    Kind("504", Fault("status", status=504), ServerError, True),
    Kind("drop before", Fault("drop_before"), APIConnectionError, True),
    Kind("drop after", Fault("drop_after"), APIConnectionError, True),
    Kind("reset before", Fault("reset_before"), APIConnectionError, True),
    Kind("reset after", Fault("reset_after"), APIConnectionError, True),
    Kind("truncated", Fault("truncated"), APIConnectionError, True),
    Kind("malformed", Fault("malformed"), ResponseDecodeError, False),
]
BY_NAME = {kind.name: kind for kind in KINDS}
HANG = Kind("hang", Fault("hang", hang_seconds=3.0), APITimeoutError, True)


@dataclass
class Client:
    """An UptimeAPI on the served fake, with an event loop kept for its async calls."""

    fake: FakeUptime
    api: UptimeAPI
    runner: asyncio.Runner


@contextmanager
def connect(running: RunningFake, *, retries: int, timeout: float, total: float | None) -> Iterator[Client]:
    """An UptimeAPI with tiny backoff, the per-read `timeout` and the `total` time budget."""
    api = UptimeAPI(DEFAULT_TOKEN, base_url=running.base_url, retries=retries, backoff_factor=0.001, timeout=timeout)
    api.transport.policy = dataclasses.replace(api.transport.policy, total_timeout=total)
    with asyncio.Runner() as runner:
        try:
            yield Client(running.fake, api, runner)
        finally:
            runner.run(api.aclose())


@contextmanager
def policy(api: UptimeAPI, **changes: Any) -> Iterator[None]:
    """Change the retry policy of a shared client for the block."""
    saved = api.transport.policy
    api.transport.policy = dataclasses.replace(saved, **changes)
    try:
        yield
    finally:
        api.transport.policy = saved


@pytest.fixture(scope="module")
def running() -> Iterator[RunningFake]:
    with serve(FakeUptime()) as served:
        yield served


@pytest.fixture(scope="module")
def client(running: RunningFake) -> Iterator[Client]:
    with connect(running, retries=RETRIES, timeout=READ_TIMEOUT, total=TOTAL) as connected:
        yield connected


@pytest.fixture(scope="module")
def impatient(running: RunningFake) -> Iterator[Client]:
    """A client with a short read timeout and one retry, for hangs and trickles."""
    with connect(running, retries=1, timeout=SHORT_READ, total=TOTAL) as connected:
        yield connected


def reset(fake: FakeUptime, seed: dict[str, Any] = SEED) -> None:
    """Back to the seed, with no fault pending and nothing seen."""
    fake.faults.clear()
    fake.collections.clear()
    fake.seed(seed)
    fake.faults.seen.clear()


def monitors(fake: FakeUptime) -> dict[str, dict[str, Any]]:
    return {record_id: copy.deepcopy(record["attributes"]) for record_id, record in fake.collection(MONITORS).items()}


# Operations ---------------------------------------------------------------------------------


def _unchanged(before: dict[str, dict[str, Any]], after: dict[str, dict[str, Any]], handled: int) -> None:
    assert after == before


def _edited(before: dict[str, dict[str, Any]], after: dict[str, dict[str, Any]], handled: int) -> None:
    expected = copy.deepcopy(before)
    if handled:
        expected["1"]["url"] = EDITED
        expected["1"]["updated_at"] = after["1"]["updated_at"]
    assert after == expected


def _created(before: dict[str, dict[str, Any]], after: dict[str, dict[str, Any]], handled: int) -> None:
    new = [after[record_id]["url"] for record_id in after.keys() - before.keys()]
    assert new == [CREATED] * handled
    assert {record_id: after[record_id] for record_id in before} == before


def _deleted(before: dict[str, dict[str, Any]], after: dict[str, dict[str, Any]], handled: int) -> None:
    expected = {record_id: attributes for record_id, attributes in before.items() if not handled or record_id != "2"}
    assert after == expected


def _update(client: Client) -> Monitor:
    monitor = Monitor(id="1", _api=client.api)
    monitor.url = EDITED
    monitor.save()
    return monitor


def _delete(client: Client) -> None:
    Monitor(id="2", _api=client.api).delete()


@dataclass(frozen=True)
class Operation:
    """One SDK call, the request it makes, what a success returns and what it does to the state."""

    name: str
    method: str
    path: str
    run: Callable[[Client], Any]
    returns: Callable[[Any], bool]
    effect: Callable[[dict[str, dict[str, Any]], dict[str, dict[str, Any]], int], None]


OPERATIONS = [
    Operation(
        "get",
        "GET",
        f"{MONITORS}/1",
        lambda c: Monitor.get(c.api, "1"),
        lambda m: m.url == SEED[MONITORS][0]["url"],
        _unchanged,
    ),
    Operation(
        "list",
        "GET",
        MONITORS,
        lambda c: [m.id for m in Monitor.get_all_instances(c.api)],
        lambda ids: ids == ["1", "2"],
        _unchanged,
    ),
    Operation(
        "async get",
        "GET",
        f"{MONITORS}/1",
        lambda c: c.runner.run(c.api.acall(get_monitor, monitor_id="1")),
        lambda parsed: parsed.data.id == "1",
        _unchanged,
    ),
    Operation("save", "PATCH", f"{MONITORS}/1", _update, lambda m: m.get_modified_properties() == [], _edited),
    Operation(
        "new",
        "POST",
        MONITORS,
        lambda c: Monitor.new(c.api, url=CREATED, monitor_type="status"),
        lambda m: m.url == CREATED,
        _created,
    ),
    Operation("delete", "DELETE", f"{MONITORS}/2", _delete, lambda result: result is None, _deleted),
]
BY_OPERATION = {operation.name: operation for operation in OPERATIONS}


# The model ----------------------------------------------------------------------------------


def expected_attempts(method: str, kinds: list[Kind], retries: int) -> list[Kind | None]:
    """The fault each attempt meets (None: the attempt succeeds), as the retry policy plays out."""
    met: list[Kind | None] = []
    for attempt in range(retries + 1):
        kind = kinds[attempt] if attempt < len(kinds) else None
        met.append(kind)
        if kind is None or not (kind.retried and method in RESENT):
            break
    return met


def assert_documented(error: BetterStackError, kind: Kind, operation: Operation) -> None:
    """`error` is exactly the one documented for the last fault, naming the request."""
    assert type(error) is kind.error, f"{kind.name} on {operation.name}: {error!r}"
    assert isinstance(error, APIError | APIConnectionError | ResponseDecodeError)
    assert (error.method, httpx.URL(error.url).path) == (operation.method, operation.path)
    if isinstance(error, APIError):
        assert error.status_code == kind.fault.status
    if isinstance(error, RateLimitError):
        retry_after = kind.fault.retry_after
        assert error.retry_after == (float(retry_after) if retry_after is not None else None)


def run_case(client: Client, operation: Operation, kinds: list[Kind], *, seed: dict[str, Any] = SEED) -> None:
    """Inject `kinds` in order into `operation`'s requests, run it and check everything against the model."""
    fake, api = client.fake, client.api
    reset(fake, seed)
    before = monitors(fake)
    for kind in kinds:
        fake.faults.add(kind.fault, method=operation.method, path=f"^{re.escape(operation.path)}$")
    met = expected_attempts(operation.method, kinds, api.transport.policy.retries)
    started = time.monotonic()
    try:
        result = operation.run(client)
    except BetterStackError as error:
        last = met[-1]
        assert last is not None, f"{operation.name} raised {error!r} although its last attempt met no fault"
        assert_documented(error, last, operation)
    else:
        assert met[-1] is None, f"{operation.name} succeeded although {met[-1]} should have ended it"
        assert operation.returns(result)
    elapsed = time.monotonic() - started

    seen = list(fake.faults.seen)
    assert [(request.method, request.path) for request in seen] == [(operation.method, operation.path)] * len(met)
    assert [request.fault for request in seen] == [kind.fault.kind if kind else None for kind in met]
    struck = sum(kind is not None for kind in met)
    assert fake.faults.pending == len(kinds) - struck
    handled = sum(kind is None or not kind.fault.before_handling for kind in met)
    operation.effect(before, monitors(fake), handled)
    total = api.transport.policy.total_timeout
    assert total is not None and elapsed < total + SLACK
    count("faults injected", struck)
    count("operations run")


# Every fault kind on every operation --------------------------------------------------------


@pytest.mark.parametrize("times", [RETRIES, RETRIES + 1], ids=["as-many-as-the-retries", "one-more-than-the-retries"])
@pytest.mark.parametrize("kind", KINDS, ids=[kind.name for kind in KINDS])
@pytest.mark.parametrize("operation", OPERATIONS, ids=[operation.name for operation in OPERATIONS])
def test_each_fault_ends_as_the_retry_policy_says(client: Client, operation: Operation, kind: Kind, times: int) -> None:
    run_case(client, operation, [kind] * times)


@pytest.mark.parametrize("seed", range(3))
def test_random_fault_sequences_end_as_the_retry_policy_says(client: Client, seed: int) -> None:
    rng = random.Random(seed)
    for _ in range(size(40, 1000)):
        operation = rng.choice(OPERATIONS)
        run_case(client, operation, [rng.choice(KINDS) for _ in range(rng.randint(0, RETRIES + 1))])


def test_a_burst_of_every_gateway_error_within_the_retries_succeeds(client: Client) -> None:
    burst = [BY_NAME["502"], BY_NAME["503"], BY_NAME["504"], BY_NAME["429 no Retry-After"]]
    with policy(client.api, retries=len(burst)):
        for name in ("get", "save", "list", "async get"):
            run_case(client, BY_OPERATION[name], burst)


# Hangs: read timeouts -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "times"),
    [("get", 1), ("get", 2), ("save", 1), ("async get", 1), ("new", 1)],
    ids=["get-once", "get-beyond-the-retries", "save-once", "async-get-once", "new-once"],
)
def test_a_hang_is_a_timeout_retried_as_the_policy_says(impatient: Client, name: str, times: int) -> None:
    run_case(impatient, BY_OPERATION[name], [HANG] * times)


def test_hangs_stop_at_the_total_timeout_before_the_retries_run_out(impatient: Client) -> None:
    fake = impatient.fake
    reset(fake)
    fake.faults.add(HANG.fault, times=10)
    # Attempt 1 times out at 0.25 s; attempt 2 gets what is left of 0.4 s; the next backoff
    # (at least 0.075 s) no longer fits, so two requests and not the eleven retries allow.
    with policy(impatient.api, retries=10, total_timeout=0.4, backoff_factor=0.05):
        started = time.monotonic()
        with pytest.raises(APITimeoutError):
            Monitor.get(impatient.api, "1")
        elapsed = time.monotonic() - started
    assert [request.fault for request in fake.faults.seen] == ["hang", "hang"]
    assert elapsed < 0.4 + SHORT_READ + SLACK
    count("faults injected", 2)
    count("operations run")


# Trickling bodies ---------------------------------------------------------------------------


def test_without_a_total_timeout_a_trickle_outlasts_the_read_timeout(impatient: Client) -> None:
    fake = impatient.fake
    reset(fake, {})
    interval = 0.0015
    fake.faults.add(Fault("trickle", interval=interval))
    with policy(impatient.api, total_timeout=None):
        response = impatient.api.request("GET", MONITORS)
    # Each byte came well within the 0.25 s read timeout, the whole body well after it.
    assert interval < SHORT_READ < len(response.content) * interval
    assert response.json()["data"] == []
    assert [request.fault for request in fake.faults.seen] == ["trickle"]
    count("faults injected")
    count("operations run")


@pytest.mark.parametrize("name", ["get", "list", "async get", "new"])
def test_a_trickling_body_is_cut_off_at_the_total_timeout(impatient: Client, name: str) -> None:
    operation = BY_OPERATION[name]
    fake = impatient.fake
    reset(fake)
    before = monitors(fake)
    # 20 ms a byte: a monitor's ~1 kB would take 20 s; no read ever waits the 0.25 s timeout.
    fake.faults.add(Fault("trickle", interval=0.02), method=operation.method)
    with policy(impatient.api, total_timeout=0.2):
        started = time.monotonic()
        with pytest.raises(APITimeoutError) as caught:
            operation.run(impatient)
        elapsed = time.monotonic() - started
    assert "total_timeout of 0.2s ran out while the body was arriving" in str(caught.value.__cause__)
    assert elapsed < 0.2 + SHORT_READ + SLACK
    # The time is up, so the GET is not tried again either.
    assert [(request.method, request.fault) for request in fake.faults.seen] == [(operation.method, "trickle")]
    operation.effect(before, monitors(fake), 1)
    count("faults injected")
    count("operations run")


# Retry-After against the time budget ---------------------------------------------------------


def test_a_retry_after_longer_than_the_time_left_is_not_waited_for(client: Client) -> None:
    fake = client.fake
    reset(fake)
    fake.faults.add(Fault("status", status=429, retry_after="30"))
    with policy(client.api, total_timeout=1.0):
        started = time.monotonic()
        with pytest.raises(RateLimitError) as caught:
            Monitor.get(client.api, "1")
        elapsed = time.monotonic() - started
    assert caught.value.retry_after == 30.0
    assert len(fake.faults.seen) == 1
    assert elapsed < 1.0 + SLACK
    count("faults injected")
    count("operations run")


def test_retry_after_is_waited_for_while_the_time_left_allows(client: Client) -> None:
    fake = client.fake
    reset(fake)
    fake.faults.add(Fault("status", status=429, retry_after="0.3"), times=2)
    # The first 0.3 s fits in 0.5 s; the second no longer does, so its 429 is the answer.
    with policy(client.api, total_timeout=0.5):
        started = time.monotonic()
        with pytest.raises(RateLimitError) as caught:
            Monitor.get(client.api, "1")
        elapsed = time.monotonic() - started
    assert caught.value.retry_after == 0.3
    assert [request.fault for request in fake.faults.seen] == ["status", "status"]
    assert elapsed < 0.5 + SLACK
    count("faults injected", 2)
    count("operations run")


def test_a_rate_limit_wait_beyond_the_total_timeout_is_not_begun(running: RunningFake) -> None:
    fake = running.fake
    reset(fake)
    now = [0.0]
    waits: list[float] = []

    def sleep(seconds: float) -> None:
        waits.append(seconds)
        now[0] += seconds

    with UptimeAPI(DEFAULT_TOKEN, base_url=running.base_url, rate_limit=1) as api:
        # One hand-moved clock for the limiter and the time budget: nothing really waits.
        api.transport.policy = dataclasses.replace(api.transport.policy, total_timeout=0.5)
        api.transport._sleep = sleep
        api.transport._clock = lambda: now[0]
        limiter = api.transport._limiter
        assert limiter is not None
        limiter._clock = lambda: now[0]
        Monitor.get(api, "1")
        with pytest.raises(APITimeoutError) as caught:
            Monitor.get(api, "1")
    assert "does not cover the 1s wait for a rate-limit slot" in str(caught.value.__cause__)
    assert waits == [0.0]
    assert [request.path for request in fake.faults.seen] == [f"{MONITORS}/1"]
    count("operations run", 2)


# Refused connections: the request was never sent --------------------------------------------


@contextmanager
def closed_port() -> Iterator[socket.socket]:
    """A port on 127.0.0.1 held but not listening: connecting to it is refused."""
    held = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    try:
        held.bind(("127.0.0.1", 0))
        yield held
    finally:
        held.close()


@pytest.mark.parametrize("method", ["GET", "POST"])
def test_a_refused_connection_is_retried_whatever_the_method(method: str) -> None:
    waits: list[float] = []
    with closed_port() as held:
        base_url = f"http://127.0.0.1:{held.getsockname()[1]}"
        with UptimeAPI(DEFAULT_TOKEN, base_url=base_url, retries=RETRIES, backoff_factor=0.001) as api:
            api.transport._sleep = waits.append
            started = time.monotonic()
            with pytest.raises(APIConnectionError) as caught:
                if method == "GET":
                    Monitor.get(api, "1")
                else:
                    Monitor.new(api, url=CREATED, monitor_type="status")
            elapsed = time.monotonic() - started
    assert type(caught.value) is APIConnectionError
    assert "ConnectError" in str(caught.value)
    assert len(waits) == RETRIES  # one wait before each retry: every attempt was made
    assert elapsed < TOTAL + SLACK
    count("faults injected", RETRIES + 1)
    count("operations run")


def test_a_post_refused_before_sending_is_sent_again_and_creates_one_monitor() -> None:
    fake = FakeUptime()
    with ExitStack() as stack:
        held = stack.enter_context(closed_port())
        port = held.getsockname()[1]
        waits: list[float] = []

        def start_serving(seconds: float) -> None:
            # The first attempt was refused; the retry finds the fake listening on the same port.
            waits.append(seconds)
            held.close()
            stack.enter_context(serve(fake, port=port))

        api = stack.enter_context(UptimeAPI(DEFAULT_TOKEN, base_url=f"http://127.0.0.1:{port}", backoff_factor=0.001))
        api.transport._sleep = start_serving
        monitor = Monitor.new(api, url=CREATED, monitor_type="status")
    assert len(waits) == 1
    assert [(request.method, request.path) for request in fake.faults.seen] == [("POST", MONITORS)]
    assert {record_id: record["attributes"]["url"] for record_id, record in fake.collection(MONITORS).items()} == {
        monitor.id: CREATED
    }
    count("faults injected")
    count("operations run")
