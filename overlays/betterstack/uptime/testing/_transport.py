"""The fake as an httpx transport, sync and async, for in-process tests."""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator, Iterator
from typing import TYPE_CHECKING

import httpx

from ._faults import Fault

if TYPE_CHECKING:
    from ._fake import FakeUptime

INJECTED = b'{"errors":"Injected failure."}'


class FakeTransport(httpx.BaseTransport, httpx.AsyncBaseTransport):
    """Answers every request from a `FakeUptime`, acting out injected faults as httpx errors."""

    def __init__(self, fake: FakeUptime) -> None:
        self.fake = fake

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        """Answer `request`."""
        outcome = self.fake.handle(request.method, str(request.url), dict(request.headers), request.read())
        if isinstance(outcome, Fault):
            return _act_out(outcome, request)
        return httpx.Response(outcome.status, headers=outcome.headers, content=outcome.body, request=request)

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        """Answer `request` (async clients)."""
        return self.handle_request(request)


class _Trickle(httpx.SyncByteStream, httpx.AsyncByteStream):
    """A body that arrives a byte every `interval` seconds."""

    def __init__(self, body: bytes, interval: float) -> None:
        self.body = body
        self.interval = interval

    def __iter__(self) -> Iterator[bytes]:
        for index in range(len(self.body)):
            time.sleep(self.interval)
            yield self.body[index : index + 1]

    async def __aiter__(self) -> AsyncIterator[bytes]:
        for index in range(len(self.body)):
            await asyncio.sleep(self.interval)
            yield self.body[index : index + 1]


def _act_out(fault: Fault, request: httpx.Request) -> httpx.Response:
    # In process, a hang is the timeout it causes, and a dropped connection the error it raises.
    if fault.kind == "hang":
        raise httpx.ReadTimeout("the fake API did not answer in time", request=request)
    if fault.kind == "drop_before":
        raise httpx.ConnectError("the fake API refused the connection", request=request)
    if fault.kind == "drop_after":
        raise httpx.RemoteProtocolError("the fake API closed the connection without answering", request=request)
    if fault.kind in {"reset_before", "reset_after"}:
        raise httpx.ReadError("[Errno 104] Connection reset by peer", request=request)
    if fault.kind == "status":
        headers = {"Content-Type": "application/json"}
        if fault.retry_after is not None:
            headers["Retry-After"] = fault.retry_after
        body = INJECTED if fault.body is None else fault.body
        return httpx.Response(fault.status, headers=headers, content=body, request=request)
    assert fault.response is not None
    body = fault.response.body
    if fault.kind == "trickle":
        stream = _Trickle(body, fault.interval)
        return httpx.Response(fault.response.status, headers=fault.response.headers, stream=stream, request=request)
    headers = {"Content-Type": "application/json"}
    if fault.kind == "malformed":
        return httpx.Response(200, headers=headers, content=b'{"data": [1, 2,, }', request=request)
    # An empty body (a 204) is cut short too, to the start of a JSON document.
    cut = body[: len(body) // 2] if len(body) > 1 else b"{"
    return httpx.Response(200, headers=headers, content=cut, request=request)
