"""httpx's httpcore pools with a wrapped network backend.

- Sync connections that `CancelScope.cancel()` cuts short (`interruptible`).
- Async connections that cost less CPU per request (`lean_async`): see there.

Apart from `_cancellation` so that httpcore loads when a client is made, not on import.
"""

from __future__ import annotations

import select
import socket
import ssl
import sys
from collections.abc import Callable, Iterable
from typing import Any, TypeVar

import httpcore
import httpx

from ._cancellation import CancelScope

_AsyncTransport = TypeVar("_AsyncTransport", bound=httpx.AsyncBaseTransport)


class _Stream(httpcore.NetworkStream):
    """A connection whose blocking operations `CancelScope.cancel()` can cut short."""

    def __init__(self, stream: httpcore.NetworkStream, scope: CancelScope) -> None:
        self._stream = stream
        self._scope = scope
        sock = stream.get_extra_info("socket")
        self._socket = sock if isinstance(sock, socket.socket) else None

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        with self._scope.current().holding(self._socket, httpcore.ReadError):
            return self._stream.read(max_bytes, timeout)

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        with self._scope.current().holding(self._socket, httpcore.WriteError):
            self._stream.write(buffer, timeout)

    def close(self) -> None:
        self._stream.close()

    def start_tls(
        self, ssl_context: ssl.SSLContext, server_hostname: str | None = None, timeout: float | None = None
    ) -> httpcore.NetworkStream:
        with self._scope.current().holding(self._socket, httpcore.ConnectError):
            return _Stream(self._stream.start_tls(ssl_context, server_hostname, timeout), self._scope)

    def get_extra_info(self, info: str) -> Any:
        return self._stream.get_extra_info(info)


class _Backend(httpcore.NetworkBackend):
    """Opens connections as `backend` does, refusing once the scope in effect is cancelled."""

    def __init__(self, backend: httpcore.NetworkBackend, scope: CancelScope) -> None:
        self._backend = backend
        self._scope = scope

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[httpcore.SOCKET_OPTION] | None = None,
    ) -> httpcore.NetworkStream:
        with self._scope.current().holding(None, httpcore.ConnectError):
            stream = self._backend.connect_tcp(host, port, timeout, local_address, socket_options)
        return _Stream(stream, self._scope)

    def connect_unix_socket(
        self, path: str, timeout: float | None = None, socket_options: Iterable[httpcore.SOCKET_OPTION] | None = None
    ) -> httpcore.NetworkStream:
        with self._scope.current().holding(None, httpcore.ConnectError):
            stream = self._backend.connect_unix_socket(path, timeout, socket_options)
        return _Stream(stream, self._scope)

    def sleep(self, seconds: float) -> None:
        self._backend.sleep(seconds)


def interruptible(transport: httpx.HTTPTransport, scope: CancelScope) -> httpx.HTTPTransport:
    """`transport`, its connections cut short when `scope` (or a walk's under it) is cancelled.

    httpx takes no network backend, so the one of its httpcore pool is wrapped. Should another
    httpx lay its pool out otherwise, the transport is returned as it is: requests are still
    refused once the scope is cancelled, only those waiting then run to their timeout.
    """
    pool = getattr(transport, "_pool", None)
    backend = getattr(pool, "_network_backend", None)
    if isinstance(backend, httpcore.NetworkBackend):
        pool._network_backend = _Backend(backend, scope)  # type: ignore[union-attr]
    return transport


# Async pools ---------------------------------------------------------------------------------
#
# A cost httpcore's async pool pays on every request that its sync pool does not, about a tenth
# of the async list walk's CPU time without latency (bench/README.md, `objects-async`, 50 a page).
# Before reusing an idle connection the pool asks it whether its socket is readable (the
# server closed it). anyio answers from a table of its socket's attributes that it builds afresh
# for each question, with a `getpeername()` system call; the pool asks about every idle
# connection each time a request starts or ends, so with 8 pages in flight some 20 times a
# request. `_AsyncStream` looks the socket up once and polls it, as httpcore does.
#
# Another such cost is left alone: httpcore's async locks and events `import sniffio` as each is
# set up, some 8 times a request (encode/httpcore#1103), and without sniffio installed each
# failed import searches `sys.path`. Installing sniffio removes it; making the import fail at
# once (a None in `sys.modules`) would change the whole process, `import trio` included.


def _readable(sock: Any) -> bool:
    """Whether `sock` has data or its end waiting: httpcore's `is_socket_readable`, of any socket-like object.

    `sock` is the stream's socket as its backend gives it: asyncio's `TransportSocket`, which is
    no `socket.socket` but has its `fileno()`, or a socket.
    """
    fd = sock.fileno()
    if fd < 0:
        return True  # closed: readable, as httpcore counts it, since the next read returns b""
    # select() on Windows, and where poll() is missing (eventlet), as httpcore does.
    if sys.platform == "win32" or getattr(select, "poll", None) is None:
        return bool(select.select([fd], [], [], 0)[0])
    poller = select.poll()
    poller.register(fd, select.POLLIN)
    return bool(poller.poll(0))


class _AsyncStream(httpcore.AsyncNetworkStream):
    """An async connection as `stream` is, but asked `is_readable` it polls its socket directly."""

    def __init__(self, stream: httpcore.AsyncNetworkStream) -> None:
        self._stream = stream
        # asyncio's TransportSocket or trio's socket; from a backend giving none, every question
        # goes to the stream itself.
        sock = stream.get_extra_info("socket")
        self._socket = sock if callable(getattr(sock, "fileno", None)) else None

    async def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        return await self._stream.read(max_bytes, timeout)

    async def write(self, buffer: bytes, timeout: float | None = None) -> None:
        await self._stream.write(buffer, timeout)

    async def aclose(self) -> None:
        await self._stream.aclose()

    async def start_tls(
        self, ssl_context: ssl.SSLContext, server_hostname: str | None = None, timeout: float | None = None
    ) -> httpcore.AsyncNetworkStream:
        return _AsyncStream(await self._stream.start_tls(ssl_context, server_hostname, timeout))

    def get_extra_info(self, info: str) -> Any:
        if info == "is_readable" and self._socket is not None:
            return _readable(self._socket)
        return self._stream.get_extra_info(info)


class _AsyncBackend(httpcore.AsyncNetworkBackend):
    """Opens connections as `backend` does, each a `_AsyncStream`."""

    def __init__(self, backend: httpcore.AsyncNetworkBackend) -> None:
        self._backend = backend

    async def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[httpcore.SOCKET_OPTION] | None = None,
    ) -> httpcore.AsyncNetworkStream:
        return _AsyncStream(await self._backend.connect_tcp(host, port, timeout, local_address, socket_options))

    async def connect_unix_socket(
        self, path: str, timeout: float | None = None, socket_options: Iterable[httpcore.SOCKET_OPTION] | None = None
    ) -> httpcore.AsyncNetworkStream:
        return _AsyncStream(await self._backend.connect_unix_socket(path, timeout, socket_options))

    async def sleep(self, seconds: float) -> None:
        await self._backend.sleep(seconds)


def lean_async(make: Callable[[], _AsyncTransport]) -> _AsyncTransport:
    """`make()`, its httpcore pool's connections costing less CPU per request (see above).

    Called for each event loop's pool (`LoopTransports`), so a sync-only program never gets
    here. Should another httpx lay its pool out otherwise, the transport is returned as made.
    """
    transport = make()
    pool = getattr(transport, "_pool", None)
    backend = getattr(pool, "_network_backend", None)
    if isinstance(backend, httpcore.AsyncNetworkBackend):
        pool._network_backend = _AsyncBackend(backend)  # type: ignore[union-attr]
    return transport
