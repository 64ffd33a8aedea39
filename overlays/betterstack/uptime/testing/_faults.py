"""Faults the fake injects: error statuses, hangs, dropped connections, broken JSON."""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from ._fake import FakeResponse

FaultKind = Literal["status", "hang", "drop_before", "drop_after", "malformed", "truncated"]


@dataclass
class Fault:
    """One injected misbehaviour.

    Attributes:
        kind: `status` answers `status` (with `retry_after` when set) without touching state;
            `hang` stalls past the client's timeout; `drop_before` closes the connection before
            the request is handled, `drop_after` after (state has changed); `malformed` and
            `truncated` answer 200 with broken JSON after handling.
        status: The status of a `status` fault.
        retry_after: The `Retry-After` header of a `status` fault, if any.
        hang_seconds: How long a real server stalls for a `hang` fault.
        response: Filled in for faults that strike after the request was handled.
    """

    kind: FaultKind
    status: int = 503
    retry_after: str | None = None
    hang_seconds: float = 5.0
    response: FakeResponse | None = None

    @property
    def before_handling(self) -> bool:
        """Whether the request never reaches the API's state."""
        return self.kind in {"status", "hang", "drop_before"}


@dataclass
class _Rule:
    fault: Fault
    remaining: int
    method: str | None
    path: re.Pattern[str] | None


@dataclass
class Faults:
    """The queue of faults to inject, consumed in order by matching requests."""

    _rules: list[_Rule] = field(default_factory=list)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, fault: Fault, *, times: int = 1, method: str | None = None, path: str | None = None) -> None:
        """Inject `fault` into the next `times` requests matching `method` and the `path` regex."""
        if times < 1:
            raise ValueError(f"times must be at least 1, got {times!r}")
        pattern = re.compile(path) if path is not None else None
        with self._lock:
            self._rules.append(_Rule(fault, times, method.upper() if method else None, pattern))

    def take(self, method: str, path: str) -> Fault | None:
        """The fault for this request, if one is due (a copy, so responses do not leak)."""
        with self._lock:
            for rule in self._rules:
                if rule.method not in {None, method} or (rule.path is not None and not rule.path.search(path)):
                    continue
                rule.remaining -= 1
                if rule.remaining == 0:
                    self._rules.remove(rule)
                return Fault(rule.fault.kind, rule.fault.status, rule.fault.retry_after, rule.fault.hang_seconds)
        return None

    def clear(self) -> None:
        """Drop every pending fault."""
        with self._lock:
            self._rules.clear()
