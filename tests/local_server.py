"""A real HTTP server on 127.0.0.1 that records every request and answers from a handler.

Tests use it to see exactly what a generated endpoint function puts on the wire; the interim
demo uses it to serve canned responses. `running_proxy` is an HTTP proxy in front of it.
"""

from __future__ import annotations

import socket
import socketserver
import ssl
import threading
from collections.abc import Callable, Iterable, Iterator
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
    """What the server answers.

    `chunks`, when given, is the body instead of `body`: written piece by piece with no
    Content-Length, the connection closing when it ends (or when the client goes away, for an
    endless one). `headers` are sent as well.
    """

    status: int = 204
    body: bytes = b""
    content_type: str = "application/json"
    headers: tuple[tuple[str, str], ...] = ()
    chunks: Iterable[bytes] | None = None


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
            for name, value in canned.headers:
                self.send_header(name, value)
            if canned.chunks is None:
                self.send_header("Content-Length", str(len(canned.body)))
                self.end_headers()
                self.wfile.write(canned.body)
                return
            self.send_header("Connection", "close")
            self.end_headers()
            try:
                for chunk in canned.chunks:
                    self.wfile.write(chunk)
            except (BrokenPipeError, ConnectionResetError):
                pass  # the client stopped reading, as it should for an endless body

        do_GET = do_POST = do_PATCH = do_PUT = do_DELETE = _answer

        def log_message(self, format: str, *args: object) -> None:
            return

    return _Handler


@contextmanager
def running_server(handler: Handler | None = None, *, tls: ssl.SSLContext | None = None) -> Iterator[LocalServer]:
    """Start a server on a free port of 127.0.0.1 for the duration of the block (https with `tls`)."""
    state = LocalServer(base_url="")
    if handler is not None:
        state.handler = handler
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _request_handler(state))
    if tls is not None:
        httpd.socket = tls.wrap_socket(httpd.socket, server_side=True)
    state.base_url = f"{'https' if tls else 'http'}://127.0.0.1:{httpd.server_address[1]}"
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield state
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join()


@dataclass
class LocalProxy:
    """A running proxy: its URL, the request lines it was sent and every byte clients sent it."""

    url: str
    upstream: tuple[str, int]
    requests: list[str] = field(default_factory=list)
    received: bytearray = field(default_factory=bytearray)


def _relay(source: socket.socket, target: socket.socket) -> None:
    try:
        while data := source.recv(65536):
            target.sendall(data)
        target.shutdown(socket.SHUT_WR)
    except OSError:
        pass  # either side hung up: a client that gave up on a certificate resets its connection


class _ProxyHandler(socketserver.StreamRequestHandler):
    server: _ProxyServer

    def handle(self) -> None:
        proxy = self.server.proxy
        head = b""
        while not head.endswith(b"\r\n\r\n"):
            line = self.rfile.readline()
            if not line:
                return
            head += line
        proxy.received += head
        request_line, _, rest = head.partition(b"\r\n")
        proxy.requests.append(request_line.decode("latin-1"))
        method, target, _version = request_line.decode("latin-1").split(" ", 2)
        with socket.create_connection(proxy.upstream) as upstream:
            if method == "CONNECT":
                self.wfile.write(b"HTTP/1.1 200 Connection established\r\n\r\n")
            else:
                # Forwarding: the absolute URL becomes a path; whatever host it named, it goes upstream.
                parts = urlsplit(target)
                path = f"{parts.path}?{parts.query}" if parts.query else parts.path
                length = next(
                    (
                        int(v)
                        for k, _, v in (h.partition(b":") for h in rest.split(b"\r\n"))
                        if k.strip().lower() == b"content-length"
                    ),
                    0,
                )
                body = self.rfile.read(length) if length else b""
                proxy.received += body
                upstream.sendall(f"{method} {path} HTTP/1.0\r\n".encode() + rest + body)
            back = threading.Thread(target=_relay, args=(upstream, self.connection), daemon=True)
            back.start()
            try:
                while data := self.rfile.read1(65536):
                    proxy.received += data
                    upstream.sendall(data)
            except OSError:
                pass
            back.join()


class _ProxyServer(socketserver.ThreadingTCPServer):
    daemon_threads = True
    proxy: LocalProxy


@contextmanager
def running_proxy(upstream: str) -> Iterator[LocalProxy]:
    """An HTTP proxy on 127.0.0.1 sending every request to the server at `upstream`, whatever host it names.

    It tunnels CONNECT requests (`CONNECT uptime.example.test:443`), so an https server on
    127.0.0.1 can stand in for any host, and forwards absolute-form ones (`GET http://host/path`).
    """
    parts = urlsplit(upstream)
    server = _ProxyServer(("127.0.0.1", 0), _ProxyHandler)
    server.proxy = LocalProxy(f"http://127.0.0.1:{server.server_address[1]}", (parts.hostname or "", parts.port or 0))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server.proxy
    finally:
        server.shutdown()
        server.server_close()
        thread.join()
