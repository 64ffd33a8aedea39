"""A real HTTP server on 127.0.0.1 that records every request and answers from a handler.

Tests use it to see exactly what a generated endpoint function puts on the wire; the interim
demo uses it to serve canned responses.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit


@dataclass(frozen=True)
class RecordedRequest:
    """One request as it arrived: the raw path and query, headers and body bytes."""

    method: str
    path: str
    query: str
    headers: dict[str, str]
    body: bytes


@dataclass(frozen=True)
class CannedResponse:
    """What the server answers."""

    status: int = 204
    body: bytes = b""
    content_type: str = "application/json"


Handler = Callable[[RecordedRequest], CannedResponse]


@dataclass
class LocalServer:
    """The running server: its base URL and the requests it has seen, oldest first."""

    base_url: str
    requests: list[RecordedRequest] = field(default_factory=list)
    handler: Handler = field(default=lambda _request: CannedResponse())

    @property
    def last(self) -> RecordedRequest:
        """The most recent request; fails the test clearly when there was none."""
        assert self.requests, "the server received no request"
        return self.requests[-1]


def _request_handler(server: LocalServer) -> type[BaseHTTPRequestHandler]:
    class _Handler(BaseHTTPRequestHandler):
        def _answer(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            parts = urlsplit(self.path)
            recorded = RecordedRequest(
                method=self.command,
                path=parts.path,
                query=parts.query,
                headers={key.lower(): value for key, value in self.headers.items()},
                body=self.rfile.read(length) if length else b"",
            )
            server.requests.append(recorded)
            canned = server.handler(recorded)
            # send_response would look the code up in HTTPStatus; 520 must go out as it is.
            self.send_response_only(canned.status, "Status")
            self.send_header("Content-Type", canned.content_type)
            self.send_header("Content-Length", str(len(canned.body)))
            self.end_headers()
            self.wfile.write(canned.body)

        do_GET = do_POST = do_PATCH = do_PUT = do_DELETE = _answer

        def log_message(self, format: str, *args: object) -> None:
            return

    return _Handler


@contextmanager
def running_server(handler: Handler | None = None) -> Iterator[LocalServer]:
    """Start a server on a free port of 127.0.0.1 for the duration of the block."""
    state = LocalServer(base_url="")
    if handler is not None:
        state.handler = handler
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _request_handler(state))
    state.base_url = f"http://127.0.0.1:{httpd.server_address[1]}"
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield state
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join()
