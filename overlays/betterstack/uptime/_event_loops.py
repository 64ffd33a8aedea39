"""One async connection pool per event loop, so that a client outlives `asyncio.run()`.

httpx's async transport keeps its connections on the event loop that opened them: a client used
in a second `asyncio.run()`, or in pytest-asyncio's loop per test, would find them on a closed
loop ("Event loop is closed"). `LoopTransports` opens a transport for each loop it is used on
and closes it on that loop as the loop ends: it leaves a small async generator suspended there,
and the loop's `shutdown_asyncgens()` (which `asyncio.run()`, `asyncio.Runner` and
pytest-asyncio call on the way out) resumes it to close the transport. A loop closed without
that step leaves its connections to the garbage collector.
"""

from __future__ import annotations

import threading
from collections.abc import AsyncGenerator, Callable
from typing import TYPE_CHECKING

import httpx

if TYPE_CHECKING:
    import asyncio


class _LoopPool:
    """The transport of one event loop, and the async generator that closes it when the loop ends."""

    def __init__(self, transport: httpx.AsyncBaseTransport) -> None:
        self.transport = transport
        self.open = True
        self.keeper = self._keep()

    async def _keep(self) -> AsyncGenerator[None, None]:
        try:
            yield
        finally:
            await self.aclose()

    async def aclose(self) -> None:
        if self.open:
            self.open = False
            await self.transport.aclose()

    def forget(self) -> None:
        """Leave the transport unclosed and end the keeper without its loop (which has ended)."""
        self.open = False
        # With `open` false the keeper's `finally` awaits nothing: one step ends it, and a
        # finished generator is not handed to its (closed) loop when it is collected.
        step = self.keeper.aclose()
        try:
            step.send(None)
        except StopIteration:
            return
        step.close()


class LoopTransports(httpx.AsyncBaseTransport):
    """An async transport that is a new `factory()` on each event loop it is used on."""

    def __init__(self, factory: Callable[[], httpx.AsyncBaseTransport]) -> None:
        self._factory = factory
        self._pools: dict[asyncio.AbstractEventLoop, _LoopPool] = {}
        self._lock = threading.Lock()

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        """Send `request` through the running loop's transport, opened on first use."""
        import asyncio  # only async callers pay for importing asyncio

        loop = asyncio.get_running_loop()
        pool = self._pools.get(loop)
        if pool is None or not pool.open:
            pool = _LoopPool(self._factory())
            with self._lock:
                self._pools[loop] = pool
            # Runs to the keeper's `yield` without suspending, where the loop's async generator
            # hooks register it for `shutdown_asyncgens()`.
            await anext(pool.keeper)
            self.close()
        return await pool.transport.handle_async_request(request)

    async def aclose(self) -> None:
        """Close the running loop's transport, and forget those of loops that have ended."""
        import asyncio

        with self._lock:
            pool = self._pools.pop(asyncio.get_running_loop(), None)
        if pool is not None:
            await pool.aclose()
            pool.forget()
        self.close()

    def close(self) -> None:
        """Forget the transports of loops that have ended (closed as they ended, if they shut down).

        The transport of a loop still open closes when that loop ends, or by `aclose()` on it.
        """
        with self._lock:
            ended = [loop for loop in self._pools if loop.is_closed()]
            pools = [self._pools.pop(loop) for loop in ended]
        for pool in pools:
            pool.forget()
