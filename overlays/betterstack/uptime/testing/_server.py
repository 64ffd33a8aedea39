"""The fake as a real HTTP server on 127.0.0.1, in a thread or as `python -m betterstack.uptime.testing`."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from ._fake import FakeUptime
from ._faults import Fault

MAX_HANG_SECONDS = 30.0


@dataclass(frozen=True)
class RunningFake:
    """A fake being served: its API root URL and the fake itself (for seeding and faults)."""

    base_url: str
    fake: FakeUptime


def _handler(fake: FakeUptime) -> type[BaseHTTPRequestHandler]:
    class _Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def _serve(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length) if length else b""
            url = f"http://{self.headers.get('Host', '127.0.0.1')}{self.path}"
            outcome = fake.handle(self.command, url, dict(self.headers.items()), body)
            if isinstance(outcome, Fault):
                self._act_out(outcome)
                return
            self._send(outcome.status, outcome.headers, outcome.body)

        def _send(self, status: int, headers: dict[str, str], body: bytes, declared: int | None = None) -> None:
            self.send_response_only(status, "Status")
            for key, value in headers.items():
                self.send_header(key, value)
            self.send_header("Content-Length", str(len(body) if declared is None else declared))
            self.end_headers()
            self.wfile.write(body)

        def _act_out(self, fault: Fault) -> None:
            if fault.kind in {"drop_before", "drop_after"}:
                self.close_connection = True
                return
            if fault.kind == "hang":
                time.sleep(min(fault.hang_seconds, MAX_HANG_SECONDS))
                self.close_connection = True
                return
            if fault.kind == "status":
                headers = {"Content-Type": "application/json"}
                if fault.retry_after is not None:
                    headers["Retry-After"] = fault.retry_after
                self._send(fault.status, headers, b'{"errors":"Injected failure."}')
                return
            assert fault.response is not None
            if fault.kind == "truncated":
                body = fault.response.body
                self._send(200, {"Content-Type": "application/json"}, body[: len(body) // 2], declared=len(body))
                self.close_connection = True
                return
            self._send(200, {"Content-Type": "application/json"}, b'{"data": [1, 2,, }')

        do_GET = do_POST = do_PATCH = do_PUT = do_DELETE = _serve

        def log_message(self, format: str, *args: object) -> None:
            return

    return _Handler


def make_server(fake: FakeUptime, host: str = "127.0.0.1", port: int = 0) -> ThreadingHTTPServer:
    """An HTTP server answering from `fake` (port 0 picks a free one)."""
    server = ThreadingHTTPServer((host, port), _handler(fake))
    server.daemon_threads = True
    return server


@contextmanager
def serve(fake: FakeUptime | None = None, *, port: int = 0) -> Iterator[RunningFake]:
    """Serve `fake` (a new one if None) on 127.0.0.1 in a thread for the duration of the block."""
    fake = fake or FakeUptime()
    server = make_server(fake, port=port)
    base_url = f"http://127.0.0.1:{server.server_address[1]}"
    fake.base_url = base_url
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield RunningFake(base_url, fake)
    finally:
        server.shutdown()
        server.server_close()
        thread.join()
