"""A client's lifecycle over real HTTP: leaving a walk early, closing, and event loop after event loop.

A list walk reads pages ahead on threads; against a slow API (`slow_api`, which holds the pages
past the third) they are in flight when the caller leaves the walk or closes the client. Leaving
must stop them at once, the server seeing each connection close, and closing must stop all
traffic: nothing sent or retried afterwards. A process that did this must exit at once too,
where it used to wait out `timeout * (retries + 1)` (124 s with the defaults) for those threads.
One client must also serve one `asyncio.run()` after another, and an `aclose()` must cut short
an async request in flight.
"""

from __future__ import annotations

import asyncio
import contextlib
import queue
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Generator

import pytest

from betterstack.uptime import ClientClosedError, UptimeAPI, apaginate
from betterstack.uptime.objects import Monitor
from betterstack_sdk.api.monitors import list_monitors

from reliability.slow_api import PER_PAGE, SlowAPI, slow_api
from reliability.tally import count

TOKEN = "lifecycle-token-0123456789"
LAST_OF_PAGE_3 = 3 * PER_PAGE - 1
READ_AHEAD = 7
"""Pages in flight (4 to 10, held) once a walk with the default 8 workers has page 3."""
PROMPTLY = 1.0
"""Seconds within which requests in flight stop, and a process exits, after a walk is left."""


def held_in_flight(server: SlowAPI, pages: int = READ_AHEAD) -> bool:
    return server.wait_for(lambda s: len(s.held) == pages)


def assert_stopped_promptly(server: SlowAPI, since: float) -> None:
    """Every held page's connection closed within PROMPTLY of `since`, and no request came after it."""
    hung_up = server.wait_for(lambda s: all(arrival.hung_up is not None for arrival in s.held))
    assert hung_up, f"{sum(a.hung_up is None for a in server.held)} of {len(server.held)} pages still in flight"
    latest = max(arrival.hung_up or 0.0 for arrival in server.held)
    assert latest - since < PROMPTLY
    late = server.since(since)
    count("requests after close or a walk's end", len(late))
    assert late == []


# Leaving a walk early -----------------------------------------------------------------------


class Leave(Exception):
    pass


def leave_by_break(api: UptimeAPI, server: SlowAPI) -> float:
    left = 0.0
    for n, _monitor in enumerate(Monitor.get_all_instances(api)):
        if n == LAST_OF_PAGE_3:
            assert held_in_flight(server)
            left = time.monotonic()
            break
    return left


def leave_by_exception(api: UptimeAPI, server: SlowAPI) -> float:
    left = 0.0
    with contextlib.suppress(Leave):
        for n, _monitor in enumerate(Monitor.get_all_instances(api)):
            if n == LAST_OF_PAGE_3:
                assert held_in_flight(server)
                left = time.monotonic()
                raise Leave
    return left


def leave_by_keyboard_interrupt(api: UptimeAPI, server: SlowAPI) -> float:
    left = 0.0
    with pytest.raises(KeyboardInterrupt):
        for n, _monitor in enumerate(Monitor.get_all_instances(api)):
            if n == LAST_OF_PAGE_3:
                assert held_in_flight(server)
                left = time.monotonic()
                raise KeyboardInterrupt
    return left


def leave_by_closing_the_generator(api: UptimeAPI, server: SlowAPI) -> float:
    walk = Monitor.get_all_instances(api)
    for _ in range(LAST_OF_PAGE_3 + 1):
        next(walk)
    assert held_in_flight(server)
    left = time.monotonic()
    assert isinstance(walk, Generator)
    walk.close()
    return left


def leave_raw_walk_by_break(api: UptimeAPI, server: SlowAPI) -> float:
    left = 0.0
    for n, _item in enumerate(api.get("/api/v2/monitors")):
        if n == LAST_OF_PAGE_3:
            assert held_in_flight(server)
            left = time.monotonic()
            break
    return left


LEAVES: dict[str, Callable[[UptimeAPI, SlowAPI], float]] = {
    "break": leave_by_break,
    "exception": leave_by_exception,
    "KeyboardInterrupt": leave_by_keyboard_interrupt,
    "generator-closed": leave_by_closing_the_generator,
    "raw-get-break": leave_raw_walk_by_break,
}


@pytest.mark.parametrize("how", list(LEAVES))
def test_leaving_a_walk_early_stops_its_pages_in_flight_at_once(how: str) -> None:
    with slow_api() as server, UptimeAPI(TOKEN, base_url=server.base_url) as api:
        left = LEAVES[how](api, server)
        assert_stopped_promptly(server, left)
        # The walk's end is not the client's: the next walk starts afresh.
        assert next(Monitor.get_all_instances(api)).id == "101"
        count("operations run")


def test_close_stops_every_request_in_flight_and_sends_nothing_after() -> None:
    with slow_api() as server:
        api = UptimeAPI(TOKEN, base_url=server.base_url)
        walk = Monitor.get_all_instances(api)  # not left: its pages are in flight as the client closes
        for _ in range(LAST_OF_PAGE_3 + 1):
            next(walk)
        assert held_in_flight(server)
        closed = time.monotonic()
        api.close()
        assert_stopped_promptly(server, closed)
        with pytest.raises(ClientClosedError, match=r"GET http://127\.0\.0\.1:\d+/api/v2/monitors\?page=4: the client"):
            next(walk)
        with pytest.raises(ClientClosedError, match="make a new UptimeAPI"):
            Monitor.get(api, "101")
        with pytest.raises(ClientClosedError):
            list(api.get("/api/v2/monitors"))
        assert server.since(closed) == []
        count("operations run")


# The process exits at once ----------------------------------------------------------------

CHILD = f"""
import sys, time
from betterstack.uptime import UptimeAPI
from betterstack.uptime.objects import Monitor

base_url, how = sys.argv[1], sys.argv[2]
try:
    with UptimeAPI({TOKEN!r}, base_url=base_url) as api:  # the defaults: 30 s timeout, 3 retries
        for n, monitor in enumerate(Monitor.get_all_instances(api)):
            if n == {LAST_OF_PAGE_3}:
                print("READY", flush=True)
                if how == "interrupt":
                    continue  # on into page 4, held, where Ctrl-C finds the walk waiting
                sys.stdin.readline()
                if how == "break":
                    break
                raise LookupError
except (LookupError, KeyboardInterrupt):
    pass
print("LEFT", time.monotonic(), flush=True)
"""
EXIT_BOUND = 10.0
"""Seconds the test waits for the child at most (it took 124 s before the fix)."""


def lines_of(process: subprocess.Popen[str]) -> tuple[queue.Queue[str], threading.Thread]:
    """The child's output lines as they come, so that reading one can time out, and their reader."""
    lines: queue.Queue[str] = queue.Queue()

    def pump() -> None:
        assert process.stdout is not None
        for line in process.stdout:
            lines.put(line)

    reader = threading.Thread(target=pump, daemon=True)
    reader.start()
    return lines, reader


@pytest.mark.parametrize("how", ["break", "exception", "interrupt"])
def test_a_process_that_left_a_walk_exits_at_once(how: str) -> None:
    with (
        slow_api() as server,
        subprocess.Popen(
            [sys.executable, "-c", CHILD, server.base_url, how],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        ) as child,
    ):
        lines, reader = lines_of(child)
        try:
            assert lines.get(timeout=EXIT_BOUND) == "READY\n"
            if how == "interrupt":
                # Page 11 is asked for as the walk moves on to page 4 and waits for it.
                assert held_in_flight(server, READ_AHEAD + 1)
                child.send_signal(signal.SIGINT)
            else:
                assert held_in_flight(server)
                assert child.stdin is not None
                child.stdin.write("\n")
                child.stdin.flush()
            marker, left = lines.get(timeout=EXIT_BOUND).split()
            seen = time.monotonic()
            try:
                child.wait(timeout=EXIT_BOUND)
            except subprocess.TimeoutExpired:
                pytest.fail(f"the process was still running {EXIT_BOUND:g} s after leaving its `with` block")
            exited = time.monotonic() - seen
        finally:
            child.kill()
            child.wait()
            reader.join(EXIT_BOUND)
        assert (marker, child.returncode) == ("LEFT", 0)
        assert exited < PROMPTLY
        # time.monotonic() is the system's monotonic clock, the same in both processes.
        late = server.since(float(left))
        count("requests after close or a walk's end", len(late))
        assert late == []
        count("operations run")


# Event loops ---------------------------------------------------------------------------------


async def first_page(api: UptimeAPI) -> list[str]:
    return [str(monitor.id) for monitor in (await api.acall(list_monitors)).data]


FIRST_PAGE = ["101", "102", "103"]


def test_one_client_serves_one_event_loop_after_another() -> None:
    with slow_api(pages=2, answered=2, delay=0.0) as server:
        api = UptimeAPI(TOKEN, base_url=server.base_url)
        assert asyncio.run(first_page(api)) == FIRST_PAGE
        # The first loop's connection was closed as that loop ended, not left to the collector.
        assert server.wait_for(lambda s: s.closed == s.opened == 1)
        assert asyncio.run(first_page(api)) == FIRST_PAGE
        # A loop per test, as pytest-asyncio runs them, and an async walk across its pages.
        for _ in range(2):
            with asyncio.Runner() as runner:
                assert runner.run(first_page(api)) == FIRST_PAGE

                async def walk() -> list[str]:
                    return [str(item.id) async for item in apaginate(api, list_monitors)]

                assert runner.run(walk()) == [*FIRST_PAGE, "201", "202", "203"]
        assert server.wait_for(lambda s: s.closed == s.opened == 4)
        api.close()
        count("operations run")


def test_async_with_closes_the_client_for_good() -> None:
    with slow_api(delay=0.0) as server:
        api = UptimeAPI(TOKEN, base_url=server.base_url)

        async def use() -> list[str]:
            async with api:
                return await first_page(api)

        assert asyncio.run(use()) == FIRST_PAGE
        with pytest.raises(ClientClosedError, match="the client is closed"):
            asyncio.run(first_page(api))
        with pytest.raises(ClientClosedError):
            asyncio.run(use())
        assert len(server.arrivals) == 1
        count("operations run")


def test_aclose_stops_an_async_request_in_flight() -> None:
    with slow_api() as server:
        api = UptimeAPI(TOKEN, base_url=server.base_url)

        async def close_while_waiting() -> float:
            waiting = asyncio.create_task(api.acall(list_monitors, page=5))
            assert await asyncio.to_thread(held_in_flight, server, 1)
            closed = time.monotonic()
            await api.aclose()
            with pytest.raises(ClientClosedError, match=r"page=5: the client is closed"):
                await asyncio.wait_for(waiting, PROMPTLY)
            return closed

        closed = asyncio.run(close_while_waiting())
        assert_stopped_promptly(server, closed)
        count("operations run")
