"""The async pools' connections (`_interruptible.lean_async`): httpcore's answers, for less CPU."""

from __future__ import annotations

import asyncio
import socket
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import httpcore
import httpx

from betterstack.uptime._interruptible import _AsyncBackend, _AsyncStream, lean_async


def test_an_idle_connection_is_readable_exactly_when_httpcore_would_say_so() -> None:
    async def answers() -> list[tuple[bool, bool]]:
        with socket.create_server(("127.0.0.1", 0)) as listener:
            inner = await httpcore.AnyIOBackend().connect_tcp("127.0.0.1", listener.getsockname()[1])
            stream = _AsyncStream(inner)
            server, _ = listener.accept()
            seen = [(stream.get_extra_info("is_readable"), inner.get_extra_info("is_readable"))]  # idle
            # No await from here on: the loop must not read what arrives before it is asked about.
            server.sendall(b"HTTP/1.1 408 Request Timeout\r\n\r\n")  # the server speaking out of turn
            seen.append((stream.get_extra_info("is_readable"), inner.get_extra_info("is_readable")))
            server.close()  # and hanging up: its end is waiting too
            seen.append((stream.get_extra_info("is_readable"), inner.get_extra_info("is_readable")))
            await stream.aclose()
            # Closed: no file descriptor, which counts as readable (the next read gives b"").
            seen.append((stream.get_extra_info("is_readable"), True))
            return seen

    assert asyncio.run(answers()) == [(False, False), (True, True), (True, True), (True, True)]


def test_other_questions_go_to_the_stream_itself() -> None:
    async def answers() -> tuple[object, object]:
        with socket.create_server(("127.0.0.1", 0)) as listener:
            inner = await httpcore.AnyIOBackend().connect_tcp("127.0.0.1", listener.getsockname()[1])
            stream = _AsyncStream(inner)
            listener.accept()[0].close()
            try:
                return stream.get_extra_info("server_addr"), inner.get_extra_info("server_addr")
            finally:
                await stream.aclose()

    ours, theirs = asyncio.run(answers())
    assert ours == theirs and ours is not None


class _KeepAlive(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # connections stay open between requests

    def do_GET(self) -> None:
        self.send_response(200)
        self.send_header("Content-Length", "2")
        self.end_headers()
        self.wfile.write(b"{}")
        # /close: hang up once answered without saying so, as a server whose keep-alive ran out.
        self.close_connection = self.path == "/close"

    def log_message(self, format: str, *args: object) -> None:
        del format, args


@contextmanager
def _keep_alive_server() -> Iterator[tuple[str, list[int]]]:
    """A server on 127.0.0.1 keeping connections open, and the client ports it has accepted."""
    accepted: list[int] = []

    class Server(ThreadingHTTPServer):
        daemon_threads = True

        def verify_request(self, request: object, client_address: object) -> bool:
            accepted.append(client_address[1])  # type: ignore[index]
            return True

    server = Server(("127.0.0.1", 0), _KeepAlive)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", accepted
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


def test_an_async_pool_sends_through_the_lean_backend_and_reuses_its_connection() -> None:
    transport = lean_async(httpx.AsyncHTTPTransport)
    assert isinstance(transport._pool._network_backend, _AsyncBackend)

    async def statuses(base_url: str) -> list[int]:
        async with httpx.AsyncClient(transport=transport) as client:
            return [(await client.get(f"{base_url}/{n}")).status_code for n in range(3)]

    with _keep_alive_server() as (base_url, accepted):
        assert asyncio.run(statuses(base_url)) == [200, 200, 200]
    assert len(accepted) == 1  # one connection, asked each time whether the server had closed it


def test_a_connection_the_server_closed_is_not_reused() -> None:
    transport = lean_async(httpx.AsyncHTTPTransport)

    async def statuses(base_url: str) -> list[int]:
        async with httpx.AsyncClient(transport=transport) as client:
            found = [(await client.get(f"{base_url}/close")).status_code]
            await asyncio.sleep(0.1)  # for the server's end to arrive; nothing reads it meanwhile
            found.append((await client.get(f"{base_url}/")).status_code)  # would fail on the closed one
            return found

    with _keep_alive_server() as (base_url, accepted):
        assert asyncio.run(statuses(base_url)) == [200, 200]
    assert len(accepted) == 2


def test_a_transport_without_an_httpcore_pool_is_returned_as_made() -> None:
    mock = httpx.MockTransport(lambda request: httpx.Response(204))
    assert lean_async(lambda: mock) is mock
