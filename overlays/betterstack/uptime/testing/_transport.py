"""The fake as an httpx transport, sync and async, for in-process tests."""

from __future__ import annotations

from typing import TYPE_CHECKING

import httpx

from ._faults import Fault

if TYPE_CHECKING:
    from ._fake import FakeUptime


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


def _act_out(fault: Fault, request: httpx.Request) -> httpx.Response:
    # In process, a hang is the timeout it causes, and a dropped connection the error it raises.
    if fault.kind == "hang":
        raise httpx.ReadTimeout("the fake API did not answer in time", request=request)
    if fault.kind == "drop_before":
        raise httpx.ConnectError("the fake API refused the connection", request=request)
    if fault.kind == "drop_after":
        raise httpx.RemoteProtocolError("the fake API closed the connection without answering", request=request)
    if fault.kind == "status":
        headers = {"Content-Type": "application/json"}
        if fault.retry_after is not None:
            headers["Retry-After"] = fault.retry_after
        body = b'{"errors":"Injected failure."}'
        return httpx.Response(fault.status, headers=headers, content=body, request=request)
    assert fault.response is not None
    body = fault.response.body
    broken = body[: max(len(body) // 2, 1)] if fault.kind == "truncated" else b'{"data": [1, 2,, }'
    return httpx.Response(200, headers={"Content-Type": "application/json"}, content=broken, request=request)
