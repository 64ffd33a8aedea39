"""The fake as a real HTTP server on 127.0.0.1, in a thread or as `python -m betterstack.uptime.testing`."""

from __future__ import annotations

import socket
import struct
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from ._fake import FakeUptime
from ._faults import Fault

MAX_HANG_SECONDS = 30.0
INJECTED = b'{"errors":"Injected failure."}'


@dataclass(frozen=True)
class RunningFake:
    """A fake being served: its API root URL and the fake itself (for seeding and faults)."""

    base_url: str
    fake: FakeUptime


class FakeServer(ThreadingHTTPServer):
    """The HTTP server of a fake; `stopping` cuts hangs and trickles short when it shuts down."""

    daemon_threads = True

    def __init__(self, address: tuple[str, int], handler: type[BaseHTTPRequestHandler]) -> None:
        super().__init__(address, handler)
        self.stopping = threading.Event()

    def handle_error(self, request: socket.socket | tuple[bytes, socket.socket], client_address: Any) -> None:
        """Let a client that went away go quietly; print any other failure as usual."""
        # A client timing out, giving up or resetting is what the fault tests do all day.
        if isinstance(sys.exc_info()[1], ConnectionError):
            return
        super().handle_error(request, client_address)


def _handler(fake: FakeUptime) -> type[BaseHTTPRequestHandler]:
    class _Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        # Headers and body go out in separate writes; with Nagle's algorithm the body waits for
        # the client's delayed ACK, 40 ms a request on Linux.
        disable_nagle_algorithm = True
        server: FakeServer

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

        def _reset(self) -> None:
            # SO_LINGER with a zero timeout makes close() send RST instead of FIN.
            self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            self.connection.close()
            self.close_connection = True

        def _trickle(self, fault: Fault) -> None:
            assert fault.response is not None
            self._send(fault.response.status, fault.response.headers, b"", declared=len(fault.response.body))
            self.close_connection = True
            for index in range(len(fault.response.body)):
                if self.server.stopping.wait(fault.interval):
                    return
                try:
                    self.wfile.write(fault.response.body[index : index + 1])
                except OSError:
                    return  # the client gave up, as it should

        def _act_out(self, fault: Fault) -> None:
            if fault.kind in {"drop_before", "drop_after"}:
                self.close_connection = True
                return
            if fault.kind in {"reset_before", "reset_after"}:
                self._reset()
                return
            if fault.kind == "hang":
                self.server.stopping.wait(min(fault.hang_seconds, MAX_HANG_SECONDS))
                self.close_connection = True
                return
            if fault.kind == "status":
                headers = {"Content-Type": "application/json"}
                if fault.retry_after is not None:
                    headers["Retry-After"] = fault.retry_after
                self._send(fault.status, headers, INJECTED if fault.body is None else fault.body)
                return
            if fault.kind == "trickle":
                self._trickle(fault)
                return
            assert fault.response is not None
            if fault.kind == "truncated":
                body = fault.response.body
                # An empty body (a 204) is cut short too: one byte is promised and none sent.
                declared = max(len(body), 1)
                self._send(200, {"Content-Type": "application/json"}, body[: len(body) // 2], declared=declared)
                self.close_connection = True
                return
            self._send(200, {"Content-Type": "application/json"}, b'{"data": [1, 2,, }')

        do_GET = do_POST = do_PATCH = do_PUT = do_DELETE = _serve

        def log_message(self, format: str, *args: object) -> None:
            return

    return _Handler


def make_server(fake: FakeUptime, host: str = "127.0.0.1", port: int = 0) -> FakeServer:
    """An HTTP server answering from `fake` (port 0 picks a free one)."""
    return FakeServer((host, port), _handler(fake))


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
        server.stopping.set()
        server.shutdown()
        server.server_close()
        thread.join()
