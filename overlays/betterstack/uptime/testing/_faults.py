"""Faults the fake injects: error statuses, hangs, dropped or reset connections, broken or slow bodies."""

from __future__ import annotations

import collections
import dataclasses
import re
import threading
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from ._fake import FakeResponse

FaultKind = Literal[
    "status", "hang", "drop_before", "drop_after", "reset_before", "reset_after", "malformed", "truncated", "trickle"
]
# Enough for any test, bounded for a fake left serving a demo for days.
MAX_SEEN = 100_000


@dataclass
class Fault:
    """One injected misbehaviour.

    Attributes:
        kind: `status` answers `status` (with `retry_after` and `body` when set) without touching
            state; `hang` stalls past the client's timeout; `drop_before` closes the connection
            before the request is handled, `drop_after` after (state has changed); `reset_before`
            and `reset_after` do the same with a TCP reset instead of an orderly close;
            `malformed` and `truncated` answer 200 with broken JSON after handling; `trickle`
            answers normally after handling, but sends the body a byte every `interval` seconds.
        status: The status of a `status` fault.
        retry_after: The `Retry-After` header of a `status` fault, if any.
        hang_seconds: How long a real server stalls for a `hang` fault.
        body: The body of a `status` fault, instead of an `{"errors": ...}` message (a forged
            page, say).
        interval: Seconds between the bytes of a `trickle` body.
        response: Filled in for faults that strike after the request was handled.
    """

    kind: FaultKind
    status: int = 503
    retry_after: str | None = None
    hang_seconds: float = 5.0
    body: bytes | None = None
    interval: float = 0.05
    response: FakeResponse | None = None

    @property
    def before_handling(self) -> bool:
        """Whether the request never reaches the API's state."""
        return self.kind in {"status", "hang", "drop_before", "reset_before"}


@dataclass(frozen=True)
class SeenRequest:
    """A request the fake was asked to answer, and the fault it met (None when none)."""

    method: str
    path: str
    fault: FaultKind | None


@dataclass
class _Rule:
    fault: Fault
    remaining: int
    skip: int
    method: str | None
    path: re.Pattern[str] | None


@dataclass
class Faults:
    """The queue of faults to inject, consumed in order by matching requests.

    `seen` records every request the fake answered (or misbehaved on), oldest first, so tests can
    count what reached the server against what the retry policy allows.
    """

    seen: collections.deque[SeenRequest] = field(default_factory=lambda: collections.deque(maxlen=MAX_SEEN))
    _rules: list[_Rule] = field(default_factory=list)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def add(
        self,
        fault: Fault,
        *,
        times: int = 1,
        method: str | None = None,
        path: str | None = None,
        after: int = 0,
    ) -> None:
        """Inject `fault` into the next `times` requests matching `method` and the `path` regex.

        Args:
            fault: What to do.
            times: How many matching requests it strikes.
            method: Only requests with this method (any when None).
            path: Only requests whose path matches this regex (any when None).
            after: Let this many matching requests go by first, whatever other rules do to
                them (page 3 of a list walked one page at a time, no retries, is `after=2`).
        """
        if times < 1:
            raise ValueError(f"times must be at least 1, got {times!r}")
        if after < 0:
            raise ValueError(f"after must not be negative, got {after!r}")
        pattern = re.compile(path) if path is not None else None
        with self._lock:
            self._rules.append(_Rule(fault, times, after, method.upper() if method else None, pattern))

    def take(self, method: str, path: str) -> Fault | None:
        """The fault for this request, if one is due (a copy, so responses do not leak)."""
        with self._lock:
            due = self._due(method, path)
            self.seen.append(SeenRequest(method, path, due.kind if due is not None else None))
            return due

    def _due(self, method: str, path: str) -> Fault | None:
        due: _Rule | None = None
        for rule in self._rules:
            if rule.method not in {None, method} or (rule.path is not None and not rule.path.search(path)):
                continue
            if rule.skip > 0:
                rule.skip -= 1  # every matching request counts, whatever an earlier rule does to it
            elif due is None:
                due = rule
        if due is None:
            return None
        due.remaining -= 1
        if due.remaining == 0:
            self._rules.remove(due)
        return dataclasses.replace(due.fault, response=None)

    @property
    def pending(self) -> int:
        """How many strikes are still queued."""
        with self._lock:
            return sum(rule.remaining for rule in self._rules)

    def clear(self) -> None:
        """Drop every pending fault (what was seen is kept)."""
        with self._lock:
            self._rules.clear()
