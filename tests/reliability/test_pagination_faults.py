"""Walking pages over real HTTP under faults: nothing yielded twice, nothing skipped.

Every way of listing (objects, raw `api.get`, generated models, async) walks 23 monitors in pages
of 5 on the served fake, one page at a time or reading ahead. The ids yielded are compared with
the fake's contents, and what the server saw with what the retry policy allows.
"""

from __future__ import annotations

import asyncio
import dataclasses
import json
import random
import socket
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

import pytest

from betterstack.uptime import (
    APIConnectionError,
    BetterStackError,
    PaginationError,
    RateLimitError,
    ResponseDecodeError,
    ServerError,
    UptimeAPI,
    _pagination,
    apaginate,
    paginate,
)
from betterstack.uptime.objects import Monitor
from betterstack.uptime.testing import DEFAULT_TOKEN, FakeUptime, Fault, RunningFake, serve
from betterstack_sdk.api.monitors import list_monitors

from reliability.tally import count, size

MONITORS = "/api/v2/monitors"
LIST_PATH = f"^{MONITORS}$"
PER_PAGE = 5
TOTAL = 23
PAGES = 5
ALL = [str(n) for n in range(1, TOTAL + 1)]
RETRIES = 2
# Faults a GET is retried after, each once: at most RETRIES of them can never exhaust one page.
RETRIED = [
    Fault("status", status=429, retry_after="0.01"),
    Fault("status", status=429),
    Fault("status", status=502),
    Fault("status", status=503),
    Fault("status", status=504),
    Fault("drop_before"),
    Fault("drop_after"),
    Fault("reset_before"),
    Fault("reset_after"),
    Fault("truncated"),
]


@dataclass
class Client:
    """An UptimeAPI on the served fake, with an event loop kept for its async walks."""

    fake: FakeUptime
    api: UptimeAPI
    runner: asyncio.Runner
    base_url: str


Take = Callable[[str], None]
Walker = Callable[[Client, Take], None]


def _objects(client: Client, take: Take) -> None:
    for monitor in Monitor.filter(client.api, per_page=PER_PAGE):
        take(monitor.id)


def _raw(client: Client, take: Take) -> None:
    for item in client.api.get(MONITORS, parameters={"per_page": PER_PAGE}):
        take(str(item["id"]))


def _models(client: Client, take: Take) -> None:
    for item in paginate(client.api, list_monitors, per_page=PER_PAGE):
        take(str(item.id))


def _async(client: Client, take: Take) -> None:
    async def walk() -> None:
        async for item in apaginate(client.api, list_monitors, per_page=PER_PAGE):
            take(str(item.id))

    client.runner.run(walk())


def _async_objects(client: Client, take: Take) -> None:
    async def walk() -> None:
        async for monitor in Monitor.afilter(client.api, per_page=PER_PAGE):
            take(monitor.id)

    client.runner.run(walk())


WALKERS: dict[str, Walker] = {
    "objects": _objects,
    "raw": _raw,
    "models": _models,
    "async": _async,
    "async-objects": _async_objects,
}
# The async walk follows `next` one page at a time whatever max_workers says.
READING_AHEAD = ["objects", "raw", "models"]


# Every client of the module's server, and the threads alive before it started: see `settle`.
CLIENTS: list[Client] = []
EARLIER_THREADS: set[threading.Thread] = set()


def _connect(running: RunningFake, max_workers: int) -> Iterator[Client]:
    api = UptimeAPI(
        DEFAULT_TOKEN,
        base_url=running.base_url,
        retries=RETRIES,
        backoff_factor=0.001,
        timeout=5.0,
        max_workers=max_workers,
    )
    api.transport.policy = dataclasses.replace(api.transport.policy, total_timeout=3.0)
    with asyncio.Runner() as runner:
        client = Client(running.fake, api, runner, running.base_url)
        CLIENTS.append(client)
        try:
            yield client
        finally:
            CLIENTS.remove(client)
            runner.run(api.aclose())


@pytest.fixture(scope="module")
def running() -> Iterator[RunningFake]:
    fake = FakeUptime()
    # The spec check of every answer costs ~2 ms an item, most of this file's time; list pages
    # are checked throughout the rest of the suite, and what is tested here is the walk.
    fake.check_contract = False
    EARLIER_THREADS.update(threading.enumerate())
    with serve(fake) as served:
        yield served


@pytest.fixture(scope="module")
def one_at_a_time(running: RunningFake) -> Iterator[Client]:
    yield from _connect(running, 1)


@pytest.fixture(scope="module")
def ahead(running: RunningFake) -> Iterator[Client]:
    with pytest.MonkeyPatch.context() as patch:
        # On 127.0.0.1 the first page comes too fast for read-ahead to start on its own.
        patch.setattr(_pagination, "_worth_reading_ahead", lambda waited, busy: True)
        yield from _connect(running, 5)


def reset(fake: FakeUptime, ids: list[str] = ALL) -> None:
    """Exactly the monitors `ids`, in order, with no fault pending and nothing seen."""
    fake.faults.clear()
    records = fake.collection(MONITORS)
    # Seeding costs about a millisecond a record, so only what differs is removed or added.
    for extra in [record_id for record_id in records if record_id not in ids]:
        del records[extra]
    missing = [record_id for record_id in ids if record_id not in records]
    fake.seed({MONITORS: [{"id": i, "url": f"https://{i}.example", "monitor_type": "status"} for i in missing]})
    assert list(records) == ids
    fake.faults.seen.clear()


def walk(client: Client, walker: str, on_item: Take | None = None) -> tuple[list[str], BetterStackError | None]:
    """The ids yielded, in order, and the error the walk ended with (None when it finished)."""
    ids: list[str] = []

    def take(item_id: str) -> None:
        ids.append(item_id)
        if on_item is not None:
            on_item(item_id)

    try:
        WALKERS[walker](client, take)
    except BetterStackError as error:
        return ids, error
    finally:
        settle()
    return ids, None


def settle() -> None:
    """Let the requests a walk left behind reach the server, so that they count for this walk only.

    A walk that ends with pages read ahead in flight (past a failure, or past the real end) cuts
    them short: their threads are done at once, while a request already written may still wait
    for the server to accept its connection or read it. So the threads are joined, every
    client's connections closed (the pools open new ones as needed), and the server's handler
    threads joined once each has one: each ends when it has handled all its connection brought.
    """
    for thread in threading.enumerate():
        if thread.name.startswith("ThreadPoolExecutor-"):
            thread.join(timeout=10)
    for client in CLIENTS:
        client.api.transport._sync.close()
        client.runner.run(client.api.transport._async.aclose())
    if CLIENTS:
        # Connections are accepted in order: once the server has closed this one (an empty
        # request line, closed unhandled), every connection made before it has its thread.
        server = urlsplit(CLIENTS[0].base_url)
        with socket.create_connection((server.hostname, server.port), timeout=10) as barrier:
            barrier.sendall(b"\r\n")
            assert barrier.recv(1) == b""
    for thread in threading.enumerate():
        if thread.name.endswith("(process_request_thread)") and thread not in EARLIER_THREADS:
            thread.join(timeout=10)


def list_requests(client: Client) -> int:
    seen = list(client.fake.faults.seen)
    assert {(request.method, request.path) for request in seen} <= {("GET", MONITORS)}
    return len(seen)


def add_retried_faults(client: Client, rng: random.Random) -> int:
    faults = rng.randint(0, RETRIES)
    for _ in range(faults):
        client.fake.faults.add(rng.choice(RETRIED), method="GET", path=LIST_PATH)
    return faults


def tally(ids: list[str], faults: int) -> None:
    count("faults injected", faults)
    count("operations run")
    duplicates = len(ids) - len(set(ids))
    count("duplicates found", duplicates)
    assert duplicates == 0


# Faults the retries absorb ------------------------------------------------------------------


@pytest.mark.parametrize("walker", list(WALKERS))
@pytest.mark.parametrize("workers", ["one-at-a-time", "ahead"])
def test_retried_faults_on_pages_lose_and_repeat_nothing(
    request: pytest.FixtureRequest, workers: str, walker: str
) -> None:
    client: Client = request.getfixturevalue(workers.replace("-", "_"))
    rng = random.Random(f"{workers}-{walker}")
    for _ in range(size(8, 200)):
        reset(client.fake)
        faults = add_retried_faults(client, rng)
        ids, error = walk(client, walker)
        assert error is None
        assert ids == ALL
        # Each page is asked for once, plus one request for each fault struck.
        assert list_requests(client) == PAGES + faults
        assert client.fake.faults.pending == 0
        tally(ids, faults)


# A page that fails ----------------------------------------------------------------------------

FAILING = {
    "503": (Fault("status", status=503), ServerError, RETRIES + 1),
    "drop-after": (Fault("drop_after"), APIConnectionError, RETRIES + 1),
    "truncated": (Fault("truncated"), APIConnectionError, RETRIES + 1),
    "429-retry-after-120": (Fault("status", status=429, retry_after="120"), RateLimitError, 1),
    "malformed": (Fault("malformed"), ResponseDecodeError, 1),
}


@pytest.mark.parametrize("failing", list(FAILING))
@pytest.mark.parametrize("walker", list(WALKERS))
def test_a_page_failing_midway_raises_after_the_pages_before_it(
    one_at_a_time: Client, walker: str, failing: str
) -> None:
    client = one_at_a_time
    fault, error_type, attempts = FAILING[failing]
    reset(client.fake)
    client.fake.faults.add(fault, times=attempts, method="GET", path=LIST_PATH, after=2)
    ids, error = walk(client, walker)
    assert type(error) is error_type
    assert ids == ALL[: 2 * PER_PAGE]
    # Pages 1 and 2, then every attempt at page 3, and nothing after it.
    assert list_requests(client) == 2 + attempts
    tally(ids, attempts)


@pytest.mark.parametrize("walker", READING_AHEAD)
def test_under_read_ahead_a_failing_page_leaves_a_clean_prefix(ahead: Client, walker: str) -> None:
    rng = random.Random(walker)
    failures = 0
    for _ in range(size(8, 200)):
        reset(ahead.fake)
        # Page 1 comes alone; which read-ahead request meets the failures is up to the threads,
        # so the walk may also absorb them all.
        ahead.fake.faults.add(
            Fault("status", status=503), times=RETRIES + 1, method="GET", path=LIST_PATH, after=rng.randint(1, 4)
        )
        ids, error = walk(ahead, walker)
        if error is None:
            assert ids == ALL
        else:
            failures += 1
            assert type(error) is ServerError
            assert len(ids) % PER_PAGE == 0 and PER_PAGE <= len(ids) < TOTAL
            assert ids == ALL[: len(ids)]
        tally(ids, RETRIES + 1 - ahead.fake.faults.pending)
    assert failures


# Stale `last` -------------------------------------------------------------------------------


@pytest.mark.parametrize("walker", list(WALKERS))
@pytest.mark.parametrize("workers", ["one-at-a-time", "ahead"])
def test_a_last_that_grew_stale_is_followed_past(request: pytest.FixtureRequest, workers: str, walker: str) -> None:
    client: Client = request.getfixturevalue(workers.replace("-", "_"))
    rng = random.Random(f"{workers}-{walker}")
    for _ in range(size(4, 100)):
        reset(client.fake, ALL[: 3 * PER_PAGE - 2])
        faults = add_retried_faults(client, rng)

        def grow(item_id: str) -> None:
            # While page 1 (announcing 3 pages) is read, more monitors arrive: 5 pages now.
            if item_id == "1":
                client.fake.seed(
                    {MONITORS: [{"id": i, "url": f"https://{i}.example"} for i in ALL[3 * PER_PAGE - 2 :]]}
                )

        ids, error = walk(client, walker, grow)
        assert error is None
        assert ids == ALL
        assert list_requests(client) == PAGES + faults
        tally(ids, faults)


@pytest.mark.parametrize("walker", list(WALKERS))
@pytest.mark.parametrize("workers", ["one-at-a-time", "ahead"])
def test_a_last_that_overstates_yields_nothing_extra(request: pytest.FixtureRequest, workers: str, walker: str) -> None:
    client: Client = request.getfixturevalue(workers.replace("-", "_"))
    reset(client.fake)

    def shrink(item_id: str) -> None:
        # While page 1 (announcing 5 pages) is read, the monitors of pages 4 and 5 go away.
        if item_id == "1":
            for gone in ALL[3 * PER_PAGE :]:
                del client.fake.collection(MONITORS)[gone]

    ids, error = walk(client, walker, shrink)
    assert error is None
    assert ids == ALL[: 3 * PER_PAGE]
    if workers == "ahead":
        # Pages 2 to 5 are asked for at once, trusting `last`; 4 and 5 are requested unless the
        # walk ends before a thread (or, async, a task) picks them up, and never yielded.
        assert 3 <= list_requests(client) <= 5
    else:
        assert list_requests(client) == 3
    tally(ids, 0)


# A `next` that cycles ----------------------------------------------------------------------


def forged_page(client: Client, number: int, next_number: int) -> Fault:
    """A 200 answer for page `number` with its real items and a `next` pointing at `next_number`."""
    records = list(client.fake.collection(MONITORS).values())
    items = records[(number - 1) * PER_PAGE : number * PER_PAGE]

    def link(page: int) -> str:
        return f"{client.base_url}{MONITORS}?per_page={PER_PAGE}&page={page}"

    pagination = {"first": link(1), "last": link(PAGES), "prev": link(number - 1), "next": link(next_number)}
    body: dict[str, Any] = {"data": items, "pagination": pagination}
    return Fault("status", status=200, body=json.dumps(body).encode())


@pytest.mark.parametrize("walker", list(WALKERS))
@pytest.mark.parametrize(
    ("page", "next_page"), [(3, 2), (3, 1), (2, 2)], ids=["back-one-page", "back-to-the-start", "to-itself"]
)
def test_a_next_that_cycles_raises_pagination_error(
    one_at_a_time: Client, walker: str, page: int, next_page: int
) -> None:
    client = one_at_a_time
    reset(client.fake)
    # A 503 on page 2 first: the cycle is caught across retries too. Requests: page 1, page 2
    # (503), page 2 again, page 3, ...; the forged page is request number `page + 1`.
    client.fake.faults.add(Fault("status", status=503), method="GET", path=LIST_PATH, after=1)
    client.fake.faults.add(forged_page(client, page, next_page), method="GET", path=LIST_PATH, after=page)
    ids, error = walk(client, walker)
    assert type(error) is PaginationError
    assert ids == ALL[: page * PER_PAGE]
    # Every page up to the forged one once, the 503 once more, and no request for the repeated link.
    assert list_requests(client) == page + 1
    tally(ids, 2)
