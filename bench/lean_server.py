"""A lean local stand-in for the monitors endpoints, so a benchmark measures the client and not the server.

Every list page is rendered to bytes once, up front (status line, headers and body together), so
answering a request costs a dictionary look-up and one socket write. Items are the monitor of
`tests/fixtures/get_monitor.json` with `id`, `url` and `pronounceable_name` varied; pages carry
`pagination` links (absolute URLs, `first`/`last`/`prev`/`next`) as the real API does.

Routes (anything else is a 404):
    GET   /api/v2/monitors?page=P&per_page=S   a list page (per_page defaults to 50, as in the API)
    GET   /api/v2/monitors/ID                  one monitor
    PATCH /api/v2/monitors/ID                  the monitor with the sent attributes merged in (not stored)

It listens on 127.0.0.1 only, in a daemon thread, and can add a fixed latency to every response.
"""

from __future__ import annotations

import copy
import json
import threading
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl

FIXTURE = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "get_monitor.json"
LIST_PATH = "/api/v2/monitors"
DEFAULT_PER_PAGE = 50
MAX_PER_PAGE = 250


def template_item() -> dict[str, Any]:
    """The monitor item of the fixture (`{"id", "type", "attributes"}`)."""
    item: dict[str, Any] = json.loads(FIXTURE.read_text())["data"]
    return item


def make_item(template: dict[str, Any], number: int) -> dict[str, Any]:
    """Monitor `number` (1-based): the template with its id, URL and name varied."""
    item = copy.deepcopy(template)
    item["id"] = str(number)
    attributes = item["attributes"]
    attributes["url"] = f"https://service-{number}.example.com/health"
    attributes["pronounceable_name"] = f"Service {number}"
    return item


def _response(status: str, body: bytes) -> bytes:
    head = f"HTTP/1.1 {status}\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: {len(body)}\r\n\r\n"
    return head.encode("ascii") + body


_NOT_FOUND = _response("404 Not Found", b'{"errors":["Resource not found"]}')


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive, as the real API
    disable_nagle_algorithm = True
    server: _Server

    def log_message(self, format: str, *args: Any) -> None:
        del format, args  # silent

    def _send(self, raw: bytes) -> None:
        if self.server.latency:
            time.sleep(self.server.latency)
        self.wfile.write(raw)  # status line, headers and body in one write

    def do_GET(self) -> None:
        path, _, query = self.path.partition("?")
        if path == LIST_PATH:
            parameters = dict(parse_qsl(query))
            try:
                page = int(parameters.get("page", "1"))
                per_page = min(int(parameters.get("per_page", DEFAULT_PER_PAGE)), MAX_PER_PAGE)
            except ValueError:
                self._send(_NOT_FOUND)
                return
            self._send(self.server.site.page(page, per_page, "per_page" in parameters))
            return
        item = self.server.site.item_for(path)
        self._send(_NOT_FOUND if item is None else _response("200 OK", json.dumps({"data": item}).encode()))

    def do_PATCH(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        sent = json.loads(self.rfile.read(length) or b"{}") if length else {}
        item = self.server.site.item_for(self.path.partition("?")[0])
        if item is None:
            self._send(_NOT_FOUND)
            return
        item = copy.deepcopy(item)
        item["attributes"].update(sent if isinstance(sent, dict) else {})
        self._send(_response("200 OK", json.dumps({"data": item}).encode()))


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    # socketserver's default backlog of 5 overflows when a client opens 8 connections at once,
    # and the kernel then makes the refused ones retry after a second: a stall in the figures
    # that no real server's backlog would cause.
    request_queue_size = 128
    latency: float
    site: Site


class Site:
    """The monitors and their pre-rendered pages."""

    def __init__(self, count: int, base_url: str, per_pages: Iterable[int]) -> None:
        template = template_item()
        self.count = count
        self.base_url = base_url
        self.items = [make_item(template, number) for number in range(1, count + 1)]
        self._encoded = [json.dumps(item, separators=(",", ":")) for item in self.items]
        self._pages: dict[tuple[int, int, bool], bytes] = {}
        self._lock = threading.Lock()
        for per_page in per_pages:  # the pages a client asks for with an explicit per_page
            for page in range(1, self._last(per_page) + 1):
                self.page(page, per_page, True)

    def _last(self, per_page: int) -> int:
        return max(1, -(-self.count // per_page))

    def _link(self, page: int, per_page: int, explicit: bool) -> str:
        suffix = f"&per_page={per_page}" if explicit else ""
        return f"{self.base_url}{LIST_PATH}?page={page}{suffix}"

    def _render(self, page: int, per_page: int, explicit: bool) -> bytes:
        last = self._last(per_page)
        start = (page - 1) * per_page
        data = ",".join(self._encoded[start : start + per_page]) if page >= 1 else ""
        links = {
            "first": self._link(1, per_page, explicit),
            "last": self._link(last, per_page, explicit),
            "prev": self._link(page - 1, per_page, explicit) if 1 < page <= last + 1 else None,
            "next": self._link(page + 1, per_page, explicit) if 1 <= page < last else None,
        }
        body = '{"data":[' + data + '],"pagination":' + json.dumps(links, separators=(",", ":")) + "}"
        return _response("200 OK", body.encode())

    def page(self, page: int, per_page: int, explicit: bool) -> bytes:
        """The whole HTTP response for one list page, rendered at most once."""
        key = (page, per_page, explicit)
        raw = self._pages.get(key)
        if raw is None:
            raw = self._render(page, per_page, explicit)
            with self._lock:
                self._pages[key] = raw
        return raw

    def item_for(self, path: str) -> dict[str, Any] | None:
        """The monitor at `/api/v2/monitors/ID`, if there is one."""
        if not path.startswith(LIST_PATH + "/"):
            return None
        tail = path[len(LIST_PATH) + 1 :]
        if not tail.isdigit() or not 1 <= int(tail) <= self.count:
            return None
        return self.items[int(tail) - 1]


@dataclass(frozen=True)
class Running:
    """A started server: its root URL (`http://127.0.0.1:PORT`) and its monitors."""

    base_url: str
    site: Site
    server: _Server

    def set_latency(self, seconds: float) -> None:
        """Add `seconds` before every response from now on."""
        self.server.latency = seconds


@contextmanager
def serve(
    count: int, *, per_pages: Iterable[int] = (DEFAULT_PER_PAGE, MAX_PER_PAGE), latency: float = 0.0
) -> Iterator[Running]:
    """Serve `count` monitors on 127.0.0.1 (a free port) in a daemon thread until the block ends."""
    server = _Server(("127.0.0.1", 0), _Handler)
    base_url = f"http://127.0.0.1:{server.server_address[1]}"
    server.site = Site(count, base_url, per_pages)
    server.latency = latency
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield Running(base_url, server.site, server)
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


if __name__ == "__main__":
    import argparse

    parser = argparse.ArgumentParser(description="Serve N monitors on 127.0.0.1 until interrupted.")
    parser.add_argument("--n", type=int, default=10_000)
    parser.add_argument("--latency-ms", type=float, default=0.0)
    arguments = parser.parse_args()
    with serve(arguments.n, latency=arguments.latency_ms / 1000) as running:
        print(f"serving {arguments.n} monitors at {running.base_url}{LIST_PATH}", flush=True)
        try:
            while True:
                time.sleep(3600)
        except KeyboardInterrupt:
            pass
