"""Keeping API tokens out of the log records of httpx and httpcore, whatever a server echoes.

httpcore logs each response's status line and headers at DEBUG, and httpx each status line at
INFO: a server or proxy repeating the Authorization header (in `Location`, a debug header, the
reason phrase) would put the token in the logs. Each client registers its token here while its
transport lives; a filter on those loggers replaces every registered token in a record's message
with `<hidden>` before any handler sees it. Tokens shorter than real ones (test tokens such as
"read-only") are left alone, as in error messages.
"""

from __future__ import annotations

import logging
import threading
import weakref
from collections import Counter

from ._errors import HIDDEN, SHORTEST_REDACTED

# The loggers of httpx and httpcore (and hpack, which logs HTTP/2 headers); loggers filter only
# the records logged on them, not those of their children, so each is named.
_LOGGERS = (
    "httpx",
    "httpcore.connection",
    "httpcore.http11",
    "httpcore.http2",
    "httpcore.proxy",
    "httpcore.socks",
    "hpack.hpack",
    "hpack.table",
)
_FAMILIES = ("httpx.", "httpcore.", "hpack.")


class _TokenFilter(logging.Filter):
    """Replaces the registered tokens in a record's message; never drops a record."""

    def __init__(self) -> None:
        super().__init__()
        self._lock = threading.Lock()
        self._holders: Counter[str] = Counter()
        # Read without the lock by every record: a tuple replaced whole, never changed in place.
        self.tokens: tuple[str, ...] = ()

    def add(self, token: str) -> None:
        with self._lock:
            self._holders[token] += 1
            self.tokens = tuple(self._holders)

    def discard(self, token: str) -> None:
        with self._lock:
            self._holders[token] -= 1
            if self._holders[token] <= 0:
                del self._holders[token]
            self.tokens = tuple(self._holders)

    def filter(self, record: logging.LogRecord) -> bool:
        tokens = self.tokens
        if not tokens:
            return True
        try:
            message = record.getMessage()
        except Exception:  # a malformed record is the handler's to report, never the request's
            return True
        if any(token in message for token in tokens):
            for token in tokens:
                message = message.replace(token, HIDDEN)
            record.msg, record.args = message, None
        return True


_FILTER = _TokenFilter()


def _install() -> None:
    known = logging.Logger.manager.loggerDict
    names = {*_LOGGERS, *(name for name in list(known) if name.startswith(_FAMILIES))}
    for name in names:
        logging.getLogger(name).addFilter(_FILTER)  # a no-op when the filter is there already


def hide_in_logs(token: str, holder: object) -> None:
    """Keep `token` out of httpx's and httpcore's log records for as long as `holder` lives."""
    if len(token) < SHORTEST_REDACTED:
        return
    _install()
    _FILTER.add(token)
    weakref.finalize(holder, _FILTER.discard, token)
