"""A monitor list on 127.0.0.1 slow enough for a walk to read ahead, holding its later pages.

`GET /api/v2/monitors?page=N` answers pages up to `answered` after `delay` seconds each (long
enough for a walk to start reading ahead, see `READ_AHEAD_MIN_WAIT`) and holds every later page
unanswered until the client hangs up or the server stops: a slow API, as seen from a client
whose read-ahead pages are in flight. Each request is kept with the time it arrived and, for a
held page, the time the client hung up; connections are counted as they open and close.
"""

from __future__ import annotations

import json
import select
import socket
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

PER_PAGE = 3
MONITORS = "/api/v2/monitors"
HELD_LIMIT = 60.0
"""Seconds a page is held at most, should neither the client nor the test end it."""


@dataclass
class Arrival:
    """One request: when it arrived, which page, its Authorization header, and when the client hung up."""

    at: float
    page: int
    authorization: str | None
    hung_up: float | None = None


@dataclass
class SlowAPI:
    """The running server (see the module)."""

    base_url: str
    pages: int
    answered: int
    delay: float
    arrivals: list[Arrival] = field(default_factory=list)
    opened: int = 0
    closed: int = 0
    stopping: threading.Event = field(default_factory=threading.Event)
    changed: threading.Condition = field(default_factory=threading.Condition)

    def wait_for(self, predicate: Callable[[SlowAPI], bool], timeout: float = 5.0) -> bool:
        """Whether `predicate` held within `timeout` seconds, checked as requests come and go."""
        with self.changed:
            return self.changed.wait_for(lambda: predicate(self), timeout)

    @property
    def held(self) -> list[Arrival]:
        """The requests for pages this server holds, oldest first."""
        with self.changed:
            return [arrival for arrival in self.arrivals if arrival.page > self.answered]

    def since(self, moment: float) -> list[Arrival]:
        """The requests that arrived after `moment` (a `time.monotonic()` value, of any process)."""
        with self.changed:
            return [arrival for arrival in self.arrivals if arrival.at > moment]

    def note(self, update: Callable[[], object]) -> None:
        with self.changed:
            update()
            self.changed.notify_all()

    def page(self, number: int) -> bytes:
        """The body of page `number`: monitors `number * 100 + 1`, `+ 2`, ..."""

        def link(to: int) -> str | None:
            return f"{self.base_url}{MONITORS}?page={to}" if 1 <= to <= self.pages else None

        items = [
            {
                "id": str(number * 100 + index),
                "type": "monitor",
                "attributes": {"url": f"https://{number}-{index}.example", "monitor_type": "status"},
            }
            for index in range(1, PER_PAGE + 1)
        ]
        links = {"first": link(1), "last": link(self.pages), "prev": link(number - 1), "next": link(number + 1)}
        return json.dumps({"data": items, "pagination": links}).encode()


def _handler(api: SlowAPI) -> type[BaseHTTPRequestHandler]:
    class _Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        disable_nagle_algorithm = True

        def setup(self) -> None:
            super().setup()
            api.note(lambda: setattr(api, "opened", api.opened + 1))

        def finish(self) -> None:
            super().finish()
            api.note(lambda: setattr(api, "closed", api.closed + 1))

        def do_GET(self) -> None:
            values = parse_qs(urlsplit(self.path).query).get("page", ["1"])
            arrival = Arrival(time.monotonic(), int(values[0]), self.headers.get("Authorization"))
            api.note(lambda: api.arrivals.append(arrival))
            if arrival.page > api.answered:
                self._hold(arrival)
                return
            if api.stopping.wait(api.delay):
                self.close_connection = True
                return
            body = api.page(arrival.page)
            self.send_response_only(200, "OK")
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def _hold(self, arrival: Arrival) -> None:
            self.close_connection = True
            deadline = time.monotonic() + HELD_LIMIT
            while not api.stopping.is_set() and time.monotonic() < deadline:
                # Readable with nothing to read: the client closed or shut down its end.
                readable, _, _ = select.select([self.connection], [], [], 0.05)
                if not readable:
                    continue
                try:
                    gone = not self.connection.recv(1, socket.MSG_PEEK)
                except OSError:
                    gone = True
                if gone:
                    api.note(lambda: setattr(arrival, "hung_up", time.monotonic()))
                return

        def log_message(self, format: str, *args: object) -> None:
            return

    return _Handler


class _Server(ThreadingHTTPServer):
    daemon_threads = True


@contextmanager
def slow_api(pages: int = 20, answered: int = 3, delay: float = 0.02) -> Iterator[SlowAPI]:
    """Serve `pages` pages, the first `answered` after `delay` seconds each, the rest held."""
    api = SlowAPI("", pages, answered, delay)
    server = _Server(("127.0.0.1", 0), _handler(api))
    api.base_url = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield api
    finally:
        api.stopping.set()
        server.shutdown()
        server.server_close()
        thread.join()
