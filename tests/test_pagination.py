"""Pagination: lazy, in order, bounded read-ahead, and safe against the API's inconsistent links."""

from __future__ import annotations

import asyncio
import contextlib
import threading
import time
from collections.abc import AsyncIterator, Callable, Generator, Iterator
from typing import Any

import httpx
import pytest

from betterstack.uptime import (
    NotFoundError,
    Page,
    PageLinks,
    PaginationError,
    ServerError,
    UptimeAPI,
    _pagination,
    aiter_pages,
    apaginate,
    iter_pages,
    paginate,
)
from betterstack.uptime.objects import Monitor
from betterstack_sdk.api.monitors import list_monitors
from betterstack_sdk.models.monitor_resource import MonitorResource

from wire import fixture

HOST = "uptime.betterstack.com"
LIST = f"https://{HOST}/api/v2/monitors"
ITEM = fixture("list_monitors")["data"][0]
# Generous: only reached when the code under test is broken, never in a passing run.
DEADLOCK_GUARD = 10.0


class Pages:
    """A paginated monitor list served from a handler: `total` pages of `per_page` items.

    Item ids are `"<page>.<n>"`. Links follow the API's shape (absolute URLs, `page=N`); `last`
    and each page's `next` can be overridden to imitate inconsistent answers, and `answer` can
    replace any page's response. Requests are recorded in arrival order, from any thread.
    """

    def __init__(
        self,
        total: int,
        *,
        per_page: int = 2,
        last: int | str | None = "total",
        next_link: Callable[[int], str | None] | None = None,
        answer: Callable[[int, httpx.Request], httpx.Response | None] | None = None,
    ) -> None:
        self.total = total
        self.per_page = per_page
        self.last = total if last == "total" else last
        self.next_link = next_link or (lambda number: f"{LIST}?page={number + 1}" if number < total else None)
        self.answer = answer
        self.requests: list[httpx.Request] = []
        self.lock = threading.Lock()

    @staticmethod
    def ids(number: int, per_page: int = 2) -> list[str]:
        return [f"{number}.{n}" for n in range(1, per_page + 1)]

    def expected(self, *numbers: int) -> list[str]:
        return [item for number in numbers for item in self.ids(number, self.per_page)]

    @property
    def pages(self) -> list[int]:
        """The page number of every request, in arrival order."""
        with self.lock:
            return [int(request.url.params.get("page", "1")) for request in self.requests]

    def body(self, number: int) -> dict[str, Any]:
        data = [{**ITEM, "id": item} for item in self.ids(number, self.per_page)]
        return {
            "data": data,
            "pagination": {
                "first": f"{LIST}?page=1",
                "last": f"{LIST}?page={self.last}" if isinstance(self.last, int) else None,
                "prev": f"{LIST}?page={number - 1}" if number > 1 else None,
                "next": self.next_link(number),
            },
        }

    def __call__(self, request: httpx.Request) -> httpx.Response:
        with self.lock:
            self.requests.append(request)
        number = int(request.url.params.get("page", "1"))
        if self.answer is not None and (custom := self.answer(number, request)) is not None:
            return custom
        if number > self.total:
            return httpx.Response(404, json={"errors": "Resource with provided ID was not found"})
        return httpx.Response(200, json=self.body(number))


@pytest.fixture(autouse=True)
def read_ahead_without_waiting(monkeypatch: pytest.MonkeyPatch) -> None:
    # Mock transports answer at once; read-ahead is on here whatever the first page's wait.
    monkeypatch.setattr(_pagination, "_worth_reading_ahead", lambda waited, busy: True)


def make_api(pages: Pages, max_workers: int = 5) -> UptimeAPI:
    return UptimeAPI("test-token", transport=httpx.MockTransport(pages), retries=0, max_workers=max_workers)


def ids(resources: Iterator[MonitorResource] | list[MonitorResource]) -> list[str]:
    return [str(resource.id) for resource in resources]


# Laziness and order ---------------------------------------------------------------------------


def test_nothing_is_requested_before_iteration_starts() -> None:
    pages = Pages(3)
    paginate(make_api(pages), list_monitors)
    assert pages.requests == []


def test_first_item_arrives_after_exactly_one_request() -> None:
    pages = Pages(20)
    items = paginate(make_api(pages), list_monitors)
    first = next(items)
    assert first.id == "1.1"
    assert len(pages.requests) == 1
    second = next(items)
    assert second.id == "1.2"
    assert len(pages.requests) == 1


def test_follows_next_until_it_is_null() -> None:
    pages = Pages(3, last=None)
    assert ids(paginate(make_api(pages), list_monitors)) == pages.expected(1, 2, 3)
    assert pages.pages == [1, 2, 3]


def test_follows_the_next_link_with_its_query() -> None:
    pages = Pages(2, last=None, next_link=lambda n: f"{LIST}?page=2&per_page=2&cursor=abc" if n == 1 else None)
    list(paginate(make_api(pages), list_monitors, per_page=2, team_name="Ops"))
    first, second = pages.requests
    assert dict(first.url.params) == {"per_page": "2", "team_name": "Ops"}
    assert dict(second.url.params) == {"page": "2", "per_page": "2", "cursor": "abc"}


def test_single_page_makes_one_request() -> None:
    pages = Pages(1)
    assert ids(paginate(make_api(pages), list_monitors)) == pages.expected(1)
    assert len(pages.requests) == 1


def test_empty_list_yields_nothing() -> None:
    pages = Pages(1, per_page=0)
    assert list(paginate(make_api(pages), list_monitors)) == []
    assert len(pages.requests) == 1


def test_read_ahead_yields_in_page_order_when_pages_finish_out_of_order() -> None:
    # Page 2 is answered only after two later pages have been answered.
    answered: set[int] = set()
    done = threading.Condition()

    def answer(number: int, _request: httpx.Request) -> httpx.Response | None:
        if number == 2:
            with done:
                assert done.wait_for(lambda: len(answered) >= 2, timeout=DEADLOCK_GUARD)
        return None

    pages = Pages(8, answer=answer)
    original = pages.__call__

    def recording(request: httpx.Request) -> httpx.Response:
        response = original(request)
        number = int(request.url.params.get("page", "1"))
        with done:
            if number > 2:
                answered.add(number)
            done.notify_all()
        return response

    api = UptimeAPI("test-token", transport=httpx.MockTransport(recording), retries=0, max_workers=3)
    assert ids(paginate(api, list_monitors)) == pages.expected(*range(1, 9))
    assert sorted(pages.pages) == list(range(1, 9))


def test_read_ahead_requests_each_page_once() -> None:
    pages = Pages(12)
    assert ids(paginate(make_api(pages, max_workers=4), list_monitors)) == pages.expected(*range(1, 13))
    assert sorted(pages.pages) == list(range(1, 13))


def test_max_workers_one_reads_one_page_at_a_time_in_order() -> None:
    pages = Pages(5)
    list(paginate(make_api(pages, max_workers=1), list_monitors))
    assert pages.pages == [1, 2, 3, 4, 5]


# Concurrency bound ----------------------------------------------------------------------------


class InFlight:
    """Counts requests in flight; the first wave is held until `wave` pages, page 2 among them, are in flight.

    Holding the wave proves the read-ahead reaches `wave` concurrent pages; a request beyond
    the bound made meanwhile shows up in `most`.
    """

    def __init__(self, wave: int) -> None:
        self.wave = wave
        self.in_flight: set[int] = set()
        self.most = 0
        self.opened = False
        self.timed_out = False
        self.condition = threading.Condition()

    def enter(self, number: int) -> None:
        with self.condition:
            self.in_flight.add(number)
            self.most = max(self.most, len(self.in_flight))
            if len(self.in_flight) >= self.wave and 2 in self.in_flight:
                self.opened = True
                self.condition.notify_all()
            if number == 1 or self.opened:
                return
            if not self.condition.wait_for(lambda: self.opened, timeout=DEADLOCK_GUARD):
                self.timed_out = True
                self.opened = True
                self.condition.notify_all()

    def leave(self, number: int) -> None:
        with self.condition:
            self.in_flight.discard(number)


def run_with_in_flight_count(
    max_workers: int, total: int = 12, wave: int | None = None
) -> tuple[InFlight, list[str], Pages]:
    counter = InFlight(max_workers if wave is None else wave)
    pages = Pages(total)

    def handler(request: httpx.Request) -> httpx.Response:
        number = int(request.url.params.get("page", "1"))
        counter.enter(number)
        try:
            return pages(request)
        finally:
            counter.leave(number)

    api = UptimeAPI("test-token", transport=httpx.MockTransport(handler), retries=0, max_workers=max_workers)
    return counter, ids(paginate(api, list_monitors)), pages


def test_read_ahead_fetches_max_workers_pages_at_once() -> None:
    counter, items, pages = run_with_in_flight_count(max_workers=3)
    assert not counter.timed_out, "the read-ahead never had 3 pages in flight"
    assert counter.most >= 3
    assert items == pages.expected(*range(1, 13))


@pytest.mark.parametrize("max_workers", [2, 3, 5])
def test_read_ahead_never_has_more_than_max_workers_pages_in_flight(max_workers: int) -> None:
    # The first wave is held until `max_workers` pages, page 2 among them, are in flight; any
    # request beyond the bound arrives while they are held and is counted.
    counter, items, pages = run_with_in_flight_count(max_workers)
    assert not counter.timed_out
    assert counter.most == max_workers
    assert items == pages.expected(*range(1, 13))


def test_no_read_ahead_when_the_first_page_came_without_waiting(monkeypatch: pytest.MonkeyPatch) -> None:
    # On a fast network threads cost more CPU than they save time: one page at a time.
    monkeypatch.setattr(_pagination, "_worth_reading_ahead", lambda waited, busy: False)
    counter, items, pages = run_with_in_flight_count(max_workers=5, wave=1)
    assert counter.most == 1
    assert items == pages.expected(*range(1, 13))


def test_read_ahead_starts_once_a_page_after_the_first_waited(monkeypatch: pytest.MonkeyPatch) -> None:
    # The first page's wait includes opening the connection, so it does not count: page 2 is
    # fetched alone, and its wait starts the read-ahead.
    monkeypatch.undo()  # the real rule: a page that waited 30 ms and took far less to process
    pages = Pages(12)
    lock = threading.Lock()
    in_flight: set[int] = set()
    seen_with: dict[int, int] = {}
    most = 0

    def handler(request: httpx.Request) -> httpx.Response:
        nonlocal most
        number = int(request.url.params.get("page", "1"))
        with lock:
            in_flight.add(number)
            seen_with[number] = len(in_flight)
            most = max(most, len(in_flight))
        time.sleep(0.03)  # the network wait that makes reading ahead pay
        with lock:
            in_flight.discard(number)
        return pages(request)

    api = UptimeAPI("test-token", transport=httpx.MockTransport(handler), retries=0, max_workers=3)
    assert ids(paginate(api, list_monitors)) == pages.expected(*range(1, 13))
    assert (seen_with[1], seen_with[2]) == (1, 1)
    assert most == 3


# Leaving a walk early -------------------------------------------------------------------------


def settle() -> None:
    """Wait for the read-ahead threads of walks that have ended to finish."""
    for thread in threading.enumerate():
        if thread.name.startswith("ThreadPoolExecutor-"):
            thread.join(DEADLOCK_GUARD)


@pytest.mark.parametrize("leave", ["close", "break", "exception"])
def test_leaving_a_walk_retries_none_of_its_pages_in_flight(leave: str) -> None:
    # Pages 4 and 5 are in flight when the walk is left. Their connections then break, as the
    # walk's end cuts them short on a real pool (tests/reliability/test_lifecycle.py), and
    # neither is retried, though the client retries three times.
    in_flight = threading.Semaphore(0)
    release = threading.Event()

    def hold(number: int, request: httpx.Request) -> httpx.Response | None:
        if number < 4:
            return None
        in_flight.release()
        release.wait(DEADLOCK_GUARD)
        raise httpx.ReadError("cut short", request=request)

    pages = Pages(12, answer=hold)
    api = UptimeAPI("test-token", transport=httpx.MockTransport(pages), retries=3, backoff_factor=0, max_workers=3)
    seen: list[str] = []  # pages 1 to 3, then the walk is left as 4 and 5 are read ahead
    if leave == "close":
        walk = paginate(api, list_monitors)
        seen.extend(str(next(walk).id) for _ in range(6))
        assert in_flight.acquire(timeout=DEADLOCK_GUARD) and in_flight.acquire(timeout=DEADLOCK_GUARD)
        assert isinstance(walk, Generator)
        walk.close()
    else:
        with contextlib.suppress(LookupError):
            for resource in paginate(api, list_monitors):
                seen.append(str(resource.id))
                if len(seen) == 6:
                    assert in_flight.acquire(timeout=DEADLOCK_GUARD) and in_flight.acquire(timeout=DEADLOCK_GUARD)
                    if leave == "break":
                        break
                    raise LookupError(resource.id)
    release.set()
    settle()
    assert seen == pages.expected(1, 2, 3)
    assert sorted(pages.pages) == [1, 2, 3, 4, 5]


def test_a_walk_left_early_leaves_the_client_open() -> None:
    pages = Pages(6)
    api = make_api(pages, max_workers=3)
    for _resource in paginate(api, list_monitors):
        break
    assert ids(paginate(api, list_monitors)) == pages.expected(*range(1, 7))


# Inconsistent links ---------------------------------------------------------------------------


@pytest.mark.parametrize("max_workers", [1, 5])
def test_stale_last_drops_nothing(max_workers: int) -> None:
    pages = Pages(4, last=3)
    assert ids(paginate(make_api(pages, max_workers), list_monitors)) == pages.expected(1, 2, 3, 4)
    assert sorted(pages.pages) == [1, 2, 3, 4]


def test_overstated_last_yields_nothing_extra_and_raises_nothing() -> None:
    # `last` says 8 while 4 exist: pages read ahead beyond 4 answer 404, which must not surface.
    pages = Pages(4, last=8)
    assert ids(paginate(make_api(pages, max_workers=5), list_monitors)) == pages.expected(1, 2, 3, 4)


@pytest.mark.parametrize("last", [None, 3])
def test_repeating_next_raises_pagination_error_after_the_pages_before(last: int | None) -> None:
    pages = Pages(3, last=last, next_link=lambda n: f"{LIST}?page=2")
    seen: list[str] = []
    with pytest.raises(PaginationError, match="twice"):
        for resource in paginate(make_api(pages), list_monitors):
            seen.append(str(resource.id))
    assert seen == pages.expected(1, 2)
    assert pages.pages.count(2) == 1


def test_next_cycle_back_to_an_earlier_page_is_stopped() -> None:
    pages = Pages(3, last=None, next_link=lambda n: f"{LIST}?page={2 if n == 3 else n + 1}")
    seen: list[str] = []
    with pytest.raises(PaginationError):
        for resource in paginate(make_api(pages), list_monitors):
            seen.append(str(resource.id))
    assert seen == pages.expected(1, 2, 3)
    assert pages.pages == [1, 2, 3]


@pytest.mark.parametrize("max_workers", [1, 5])
def test_failed_page_raises_after_the_items_before_it(max_workers: int) -> None:
    def answer(number: int, _request: httpx.Request) -> httpx.Response | None:
        return httpx.Response(500, json={"errors": "Internal error"}) if number == 3 else None

    pages = Pages(5, answer=answer)
    seen: list[str] = []
    with pytest.raises(ServerError) as caught:
        for resource in paginate(make_api(pages, max_workers), list_monitors):
            seen.append(str(resource.id))
    assert seen == pages.expected(1, 2)
    assert caught.value.url == f"{LIST}?page=3"


@pytest.mark.parametrize("max_workers", [1, 5])
def test_next_link_to_another_host_is_fetched_from_our_host(max_workers: int) -> None:
    elsewhere = "https://collector.example.net/api/v2/monitors"
    pages = Pages(3, next_link=lambda n: f"{elsewhere}?page={n + 1}" if n < 3 else None)
    assert ids(paginate(make_api(pages, max_workers), list_monitors)) == pages.expected(1, 2, 3)
    assert {request.url.host for request in pages.requests} == {HOST}
    assert {request.url.scheme for request in pages.requests} == {"https"}
    assert sorted(pages.pages) == [1, 2, 3]


def test_next_link_to_another_host_and_port_keeps_the_token_home() -> None:
    pages = Pages(2, last=None, next_link=lambda n: "http://127.0.0.1:8080/api/v2/monitors?page=2" if n == 1 else None)
    list(paginate(make_api(pages), list_monitors))
    second = pages.requests[1]
    assert (second.url.scheme, second.url.host, second.url.port) == ("https", HOST, None)
    assert second.headers["Authorization"] == "Bearer test-token"


# Objects --------------------------------------------------------------------------------------


def test_objects_are_built_lazily_page_by_page() -> None:
    pages = Pages(5)
    monitors = Monitor.get_all_instances(make_api(pages))
    assert pages.requests == []
    first = next(monitors)
    assert isinstance(first, Monitor)
    assert first.id == "1.1"
    assert len(pages.requests) == 1


# Raw GET --------------------------------------------------------------------------------------


def test_raw_get_yields_item_dicts_across_pages() -> None:
    pages = Pages(3, last=None)
    items = list(make_api(pages).get("/api/v2/monitors", parameters={"per_page": 2, "from_": "2026-01-01"}))
    assert [item["id"] for item in items] == pages.expected(1, 2, 3)
    assert items[0]["attributes"]["url"] == ITEM["attributes"]["url"]
    assert dict(pages.requests[0].url.params) == {"per_page": "2", "from": "2026-01-01"}
    assert pages.pages == [1, 2, 3]


def test_raw_get_is_lazy() -> None:
    pages = Pages(4)
    items = make_api(pages).get("/api/v2/monitors")
    assert pages.requests == []
    assert next(items)["id"] == "1.1"
    assert len(pages.requests) == 1


def test_raw_get_of_a_single_object_yields_it() -> None:
    single = fixture("get_monitor")
    api = UptimeAPI("test-token", transport=httpx.MockTransport(lambda _r: httpx.Response(200, json=single)))
    assert list(api.get("/api/v2/monitors/2")) == [single["data"]]


def test_raw_get_keeps_the_token_on_our_host() -> None:
    pages = Pages(2, next_link=lambda n: "https://collector.example.net/x/monitors?page=2" if n == 1 else None)
    list(make_api(pages).get("/api/v2/monitors"))
    assert [(request.url.host, request.url.path) for request in pages.requests] == [
        (HOST, "/api/v2/monitors"),
        (HOST, "/x/monitors"),
    ]


def test_raw_get_raises_the_failed_page_error() -> None:
    def answer(number: int, _request: httpx.Request) -> httpx.Response | None:
        return httpx.Response(404, json={"errors": "gone"}) if number == 2 else None

    pages = Pages(3, answer=answer)
    seen: list[str] = []
    with pytest.raises(NotFoundError):
        for item in make_api(pages).get("/api/v2/monitors"):
            seen.append(item["id"])
    assert seen == pages.expected(1)


# Pages --------------------------------------------------------------------------------------


def test_iter_pages_exposes_items_and_links() -> None:
    pages = Pages(3)
    result = list(iter_pages(make_api(pages), list_monitors))
    assert [page.number for page in result] == [1, 2, 3]
    first = result[0]
    assert isinstance(first, Page)
    assert all(isinstance(item, MonitorResource) for item in first.items)
    assert ids(first.items) == pages.expected(1)
    assert ids(list(first)) == pages.expected(1)
    assert first.links == PageLinks(first=f"{LIST}?page=1", last=f"{LIST}?page=3", prev=None, next=f"{LIST}?page=2")
    assert result[2].links.next is None
    assert result[2].links.prev == f"{LIST}?page=2"


def test_iter_pages_is_lazy() -> None:
    pages = Pages(4)
    walker = iter_pages(make_api(pages), list_monitors)
    assert pages.requests == []
    next(walker)
    assert len(pages.requests) == 1


def test_page_without_pagination_block_has_no_links() -> None:
    body = {"data": [{**ITEM, "id": "1"}]}
    api = UptimeAPI("test-token", transport=httpx.MockTransport(lambda _r: httpx.Response(200, json=body)))
    (page,) = list(iter_pages(api, list_monitors))
    assert page.links == PageLinks()
    assert page.number == 1


# Async --------------------------------------------------------------------------------------


async def collect(items: AsyncIterator[Any]) -> list[str]:
    return [str(item.id) async for item in items]


def test_apaginate_follows_next_in_order() -> None:
    pages = Pages(4)
    assert asyncio.run(collect(apaginate(make_api(pages), list_monitors))) == pages.expected(1, 2, 3, 4)
    assert pages.pages == [1, 2, 3, 4]


def test_apaginate_first_item_after_one_request() -> None:
    pages = Pages(4)

    async def first() -> str:
        items = apaginate(make_api(pages), list_monitors)
        item = await anext(items)
        return str(item.id)

    assert asyncio.run(first()) == "1.1"
    assert len(pages.requests) == 1


def test_aiter_pages_exposes_items_and_links() -> None:
    pages = Pages(2)

    async def walk() -> list[Page[Any]]:
        return [page async for page in aiter_pages(make_api(pages), list_monitors, per_page=2)]

    first, second = asyncio.run(walk())
    assert ids(first.items) == pages.expected(1)
    assert first.links.next == f"{LIST}?page=2"
    assert second.links.next is None
    assert dict(pages.requests[0].url.params) == {"per_page": "2"}


def test_apaginate_stops_a_repeating_next() -> None:
    pages = Pages(3, next_link=lambda n: f"{LIST}?page=2")
    seen: list[str] = []

    async def walk() -> None:
        async for item in apaginate(make_api(pages), list_monitors):
            seen.append(str(item.id))

    with pytest.raises(PaginationError):
        asyncio.run(walk())
    assert seen == pages.expected(1, 2)


def test_apaginate_raises_a_failed_page_after_the_items_before_it() -> None:
    def answer(number: int, _request: httpx.Request) -> httpx.Response | None:
        return httpx.Response(500, json={"errors": "Internal error"}) if number == 2 else None

    pages = Pages(3, answer=answer)
    seen: list[str] = []

    async def walk() -> None:
        async for item in apaginate(make_api(pages), list_monitors):
            seen.append(str(item.id))

    with pytest.raises(ServerError):
        asyncio.run(walk())
    assert seen == pages.expected(1)


def test_apaginate_keeps_the_token_on_our_host() -> None:
    pages = Pages(2, next_link=lambda n: "https://collector.example.net/api/v2/monitors?page=2" if n == 1 else None)
    asyncio.run(collect(apaginate(make_api(pages), list_monitors)))
    assert {request.url.host for request in pages.requests} == {HOST}
