"""Connections that `CancelScope.cancel()` cuts short: httpx's httpcore pool with a wrapped backend.

Apart from `_cancellation` so that httpcore loads when a client is made, not on import.
"""

from __future__ import annotations

import socket
import ssl
from collections.abc import Iterable
from typing import Any

import httpcore
import httpx

from ._cancellation import CancelScope


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
