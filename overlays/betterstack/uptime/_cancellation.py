"""Stopping requests: when a client is closed, and when a list walk is left early.

A `CancelScope` is a set of requests that stop together. Each client has one, cancelled by
`close()` and `aclose()`; each list walk that reads ahead has one under it, cancelled when the
walk ends however it ends (exhausted, `break`, an exception, `KeyboardInterrupt`, the generator
closed or collected). Once a scope is cancelled:

- no request under it is sent and none is retried: `RetryTransport` checks before each attempt
  and after each failure, and its waits (backoff, `Retry-After`, the rate limit) end at once;
- a request under it that is waiting on the network stops at once: the client's own sync
  connection pool (not a transport passed in) shuts down the socket that each blocking read,
  write or TLS handshake is using, so a thread blocked on a slow API returns instead of holding
  the process until its read timeout and retries have run out.

A request is under its client's scope, or under a walk's when one of that walk's read-ahead
threads makes it (`CancelScope.run` marks the thread's context).
"""

from __future__ import annotations

import contextlib
import socket
import threading
import weakref
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import ParamSpec, TypeVar

import httpx

from ._errors import BetterStackError, ClientClosedError

P = ParamSpec("P")
R = TypeVar("R")

CLIENT_CLOSED = (
    "the client is closed (by close(), aclose() or the end of its `with` block) and sends nothing more; "
    "make a new UptimeAPI for further requests"
)


class _WalkLeft(BetterStackError):
    """A page read ahead for a list walk that has ended: raised in its thread, never to a caller."""


_current: ContextVar[CancelScope | None] = ContextVar("betterstack_cancel_scope", default=None)


class CancelScope:
    """Requests that stop together (see the module).

    Args:
        reason: What the error of a request stopped by this scope says.
        error: The class of that error.
        parent: A scope whose cancelling cancels this one too.
    """

    def __init__(self, reason: str, error: type[BetterStackError], parent: CancelScope | None = None) -> None:
        self.reason = reason
        self.error = error
        self.parent = parent
        self._cancelled = threading.Event()
        self._lock = threading.Lock()
        self._sockets: set[socket.socket] = set()
        self._children: weakref.WeakSet[CancelScope] = weakref.WeakSet()
        if parent is not None:
            with parent._lock:
                parent._children.add(self)
            if parent.cancelled:
                self.cancel()

    @classmethod
    def for_client(cls) -> CancelScope:
        """The scope of a client's requests, cancelled when it is closed."""
        return cls(CLIENT_CLOSED, ClientClosedError)

    def walk(self) -> CancelScope:
        """A scope for the pages one list walk reads ahead, cancelled with this one too."""
        return CancelScope("the list walk was left, so the pages it read ahead are not fetched", _WalkLeft, self)

    @property
    def cancelled(self) -> bool:
        """Whether `cancel()` was called, here or on a parent."""
        return self._cancelled.is_set()

    def cancel(self) -> None:
        """Stop every request under this scope: shut down the sockets they are waiting on."""
        with self._lock:
            self._cancelled.set()
            # Under the lock: a socket left out of the set here has been handed back to the pool.
            for each in self._sockets:
                _shut_down(each)
            children = list(self._children)
        for child in children:
            child.cancel()

    def check(self, request: httpx.Request | None = None) -> None:
        """Raise the scope's error (naming `request`) once it is cancelled.

        Raises:
            ClientClosedError: The client is closed (also when this is a walk's scope under it).
        """
        if not self.cancelled:
            return
        # The client's closing says more than the end of a walk: report the outermost scope.
        scope = self
        while scope.parent is not None and scope.parent.cancelled:
            scope = scope.parent
        where = f"{request.method} {request.url}: " if request is not None else ""
        raise scope.error(where + scope.reason)

    def wait(self, seconds: float) -> None:
        """Sleep `seconds`, or less when the scope is cancelled meanwhile."""
        self._cancelled.wait(seconds)

    def current(self) -> CancelScope:
        """The scope a request made here is under: the walk's, in one of its read-ahead threads."""
        marked = _current.get()
        if marked is None:
            return self
        scope: CancelScope | None = marked
        while scope is not None:
            if scope is self:
                return marked
            scope = scope.parent
        return self  # a walk of another client's

    def run(self, function: Callable[P, R], *args: P.args, **kwargs: P.kwargs) -> R:
        """Call `function` with the requests it makes under this scope."""
        token = _current.set(self)
        try:
            return function(*args, **kwargs)
        finally:
            _current.reset(token)

    @contextmanager
    def holding(self, sock: socket.socket | None, error: type[Exception]) -> Iterator[None]:
        """Keep `sock` where `cancel()` shuts it down while a blocking operation uses it.

        Raises:
            httpcore.NetworkError: `error`, when the scope is cancelled already (the transport
                retries nothing after that and raises the scope's own error instead).
        """
        with self._lock:
            if self.cancelled:
                raise error(self.reason)
            if sock is not None:
                self._sockets.add(sock)
        try:
            yield
        finally:
            if sock is not None:
                with self._lock:
                    self._sockets.discard(sock)


def _shut_down(sock: socket.socket) -> None:
    # A socket closed already (OSError) belongs to a request that has ended. The plain socket's
    # shutdown: an SSLSocket's own would also drop its TLS object under the thread reading from
    # it, which then fails with a bare ValueError.
    with contextlib.suppress(OSError):
        socket.socket.shutdown(sock, socket.SHUT_RDWR)
