"""Helpers shared by the tests that drive `UptimeAPI` over an in-memory transport.

A `Recorder` answers every request from its routes and keeps the request. The routes are one of:

- a table: keyed by `(method, path)`, or by `(method, host, path)` to answer on one host only
  (that key is tried first); a request no key matches gets the API's 404;
- one answer for every request;
- a list of answers used in turn, the last one repeating.

An answer in a table is a JSON body (sent with 200), a handler such as `reply(...)`, or a list
of handlers used in turn, the last one repeating.
"""

from __future__ import annotations

import datetime
import json
import threading
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

import httpx

from betterstack.uptime import UptimeAPI

FIXTURES = Path(__file__).parent / "fixtures"
TOKEN = "s3cr3t-t0ken-value"
NOT_FOUND = {"errors": "Resource with provided ID was not found"}

Answer = Callable[[httpx.Request], httpx.Response]
Routes = Mapping[tuple[str, ...], Any] | Answer | Sequence[Answer]


def fixture(name: str) -> Any:
    """The parsed JSON of `tests/fixtures/<name>.json`, a fresh copy on every call."""
    return json.loads((FIXTURES / f"{name}.json").read_text())


def one_page(name: str, items: list[Any] | None = None) -> Any:
    """A list fixture without a next page, its items replaced by `items` when given."""
    body = fixture(name)
    if items is not None:
        body["data"] = items
    body["pagination"]["next"] = None
    return body


def reply(
    status: int, body: Any = None, *, content: bytes | None = None, headers: dict[str, str] | None = None
) -> Answer:
    """A handler answering `status` with `content` as is, else with `body` as JSON, else empty."""

    def respond(_request: httpx.Request) -> httpx.Response:
        if content is not None:
            return httpx.Response(status, content=content, headers=headers)
        if body is None:
            return httpx.Response(status, headers=headers)
        return httpx.Response(status, json=body, headers=headers)

    return respond


def created(body: Any) -> Answer:
    """A handler answering 201 with `body` as JSON."""
    return reply(201, body)


def raising(error: type[httpx.TransportError]) -> Answer:
    """A handler that fails with the transport error `error` instead of answering."""

    def fail(request: httpx.Request) -> httpx.Response:
        raise error(f"simulated {error.__name__}", request=request)

    return fail


# Monitor 2 as the API sends it, for every request.
MONITOR = reply(200, fixture("get_monitor"))


def where(request: httpx.Request) -> tuple[str, str]:
    """The method and decoded path of `request`."""
    return request.method, request.url.path


class Recorder:
    """An httpx handler answering from its routes (see the module) and recording every request."""

    def __init__(self, routes: Routes | None = None) -> None:
        """Answer from `routes`; none at all answers every request with 404."""
        self.routes: Mapping[tuple[str, ...], Any] | Answer | list[Answer]
        if routes is None:
            self.routes = {}
        elif isinstance(routes, Mapping) or callable(routes):
            self.routes = routes
        else:
            self.routes = list(routes)
        self.requests: list[httpx.Request] = []
        self._turns: Counter[tuple[str, ...]] = Counter()
        self._lock = threading.Lock()

    def __call__(self, request: httpx.Request) -> httpx.Response:
        """Record `request` and answer it."""
        with self._lock:
            self.requests.append(request)
            key: tuple[str, ...] = ()
            route: Any = self.routes
            if isinstance(self.routes, Mapping):
                key = (request.method, request.url.host, request.url.path)
                if key not in self.routes:
                    key = where(request)
                route = self.routes.get(key)
            if isinstance(route, list):
                turn = self._turns[key]
                self._turns[key] += 1
                route = route[min(turn, len(route) - 1)]
        if route is None:
            return httpx.Response(404, json=NOT_FOUND)
        if callable(route):
            response: httpx.Response = route(request)
            return response
        return httpx.Response(200, json=route)

    @property
    def last(self) -> httpx.Request:
        """The latest request."""
        return self.requests[-1]

    @property
    def calls(self) -> list[tuple[str, str]]:
        """The method and decoded path of every request, in order."""
        return [where(request) for request in self.requests]

    @property
    def methods(self) -> list[str]:
        """The method of every request, in order."""
        return [request.method for request in self.requests]

    def body(self, index: int = -1) -> Any:
        """The JSON body of the request at `index`, the latest by default."""
        return json.loads(self.requests[index].content)


def make_api(routes: Routes | None = None, **options: Any) -> tuple[UptimeAPI, Recorder]:
    """An `UptimeAPI` with `TOKEN` and no retries, answered by a `Recorder` of `routes`."""
    recorder = Recorder(routes)
    return UptimeAPI(TOKEN, transport=httpx.MockTransport(recorder), retries=0, **options), recorder


class Clock:
    """A clock for the fake that the tests move by hand."""

    def __init__(self, start: datetime.datetime) -> None:
        self.now = start

    def __call__(self) -> datetime.datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        """Move the clock forward by a `timedelta(**delta)`."""
        self.now += datetime.timedelta(**delta)
