"""The SDK's own log records, and keeping API tokens out of them and out of httpx's and httpcore's.

The SDK logs on the `betterstack` logger and its children:

- `betterstack.http`: each request's answer at DEBUG (`GET https://... -> 200 OK in 0.012s`,
  with `http_method`, `url`, `status_code` and `elapsed` on the record), a request that got no
  answer at DEBUG, and each retry the client decides on at INFO (`... 503 Service Unavailable;
  retry 1 of 3 in 0.52s`, with `retry` and `delay`).

Nothing is set up unless asked: the records go wherever the application's logging sends them.
`BETTERSTACK_LOG=debug` or `info` in the environment attaches one stderr handler at that level
to the `betterstack` logger when the first client is made, as `OPENAI_LOG` does for openai.
No record holds a header, a body or a token: URLs are logged with the client's token taken out.

httpcore logs each response's status line and headers at DEBUG, and httpx each status line at
INFO: a server or proxy repeating the Authorization header (in `Location`, a debug header, the
reason phrase) would put the token in the logs. Each client registers its token here while its
transport lives; a filter on those loggers replaces every registered token in a record's message
with `<hidden>` before any handler sees it. Tokens shorter than real ones (test tokens such as
"read-only") are left alone, as in error messages.
"""

from __future__ import annotations

import logging
import os
import threading
import time
import warnings
import weakref
from collections import Counter
from collections.abc import Callable

import httpx

from ._errors import HIDDEN, SHORTEST_REDACTED, redact
from ._retry import RetryPolicy

LOGGER_NAME = "betterstack"
"""The SDK's logger; its children (`betterstack.http`) hold the records."""
LOG_VARIABLE = "BETTERSTACK_LOG"
"""The environment variable that turns the SDK's logging on: `debug` or `info`."""
_LEVELS = {"debug": logging.DEBUG, "info": logging.INFO}

logger = logging.getLogger(LOGGER_NAME)
http_logger = logging.getLogger(f"{LOGGER_NAME}.http")

clock: Callable[[], float] = time.perf_counter
"""What request times are measured with (tests replace it)."""

# The loggers of httpx and httpcore (and hpack, which logs HTTP/2 headers); loggers filter only
# the records logged on them, not those of their children, so each is named.
_LOGGERS = (
    LOGGER_NAME,
    http_logger.name,
    "httpx",
    "httpcore.connection",
    "httpcore.http11",
    "httpcore.http2",
    "httpcore.proxy",
    "httpcore.socks",
    "hpack.hpack",
    "hpack.table",
)
_FAMILIES = ("httpx.", "httpcore.", "hpack.", f"{LOGGER_NAME}.")


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


# BETTERSTACK_LOG ------------------------------------------------------------------------------

_configure_lock = threading.Lock()
_configured = False


def configure_from_environment() -> logging.Handler | None:
    """Attach a stderr handler to the `betterstack` logger as `BETTERSTACK_LOG` says, once per process.

    Called by every client's constructor; only the first call reads the variable. `debug` or
    `info` (any case) sets the logger and a new stderr handler to that level; unset or empty
    does nothing; any other value is ignored with a warning naming the values taken.

    Returns:
        The handler attached by this call, or None.
    """
    global _configured
    if _configured:  # the common case, without the lock
        return None
    with _configure_lock:
        if _configured:
            return None
        _configured = True
        value = os.environ.get(LOG_VARIABLE, "").strip()
        if not value:
            return None
        level = _LEVELS.get(value.lower())
        if level is None:
            warnings.warn(
                f"{LOG_VARIABLE}={value!r} is not one of: debug, info; the SDK's logging is left as it is",
                RuntimeWarning,
                stacklevel=4,  # the user's UptimeAPI(...)
            )
            return None
        handler = logging.StreamHandler()  # stderr
        handler.setLevel(level)
        handler.setFormatter(logging.Formatter("[%(asctime)s %(name)s %(levelname)s] %(message)s"))
        handler.addFilter(_FILTER)
        logger.addHandler(handler)
        logger.setLevel(level)
        return handler


# Request records ------------------------------------------------------------------------------


def started() -> float | None:
    """The time a request starts, or None when its answer will not be logged (DEBUG is off)."""
    return clock() if http_logger.isEnabledFor(logging.DEBUG) else None


def _status(response: httpx.Response) -> str:
    # A status outside the IANA list (520 from a proxy) has no reason phrase.
    return f"{response.status_code} {response.reason_phrase}".rstrip()


def log_answer(response: httpx.Response, start: float) -> None:
    """Log at DEBUG that `response` answered its request, `start` being what `started()` gave."""
    elapsed = clock() - start
    request = response.request
    url = redact(str(request.url), request)
    http_logger.debug(
        "%s %s -> %s in %.3fs",
        request.method,
        url,
        _status(response),
        elapsed,
        extra={"http_method": request.method, "url": url, "status_code": response.status_code, "elapsed": elapsed},
    )


def log_failure(request: httpx.Request, error: Exception, start: float) -> None:
    """Log at DEBUG that `request` got no answer (`error`'s class is named, not its words)."""
    elapsed = clock() - start
    url = redact(str(request.url), request)
    http_logger.debug(
        "%s %s -> no answer (%s) in %.3fs",
        request.method,
        url,
        type(error).__name__,
        elapsed,
        extra={"http_method": request.method, "url": url, "status_code": None, "elapsed": elapsed},
    )


class LoggedRetryPolicy(RetryPolicy):
    """A `RetryPolicy` that logs each retry it decides on at INFO on `betterstack.http`.

    The record is made when the retry is decided, before the wait; a retry whose wait would
    overrun `total_timeout` is then not made after all, and the call ends with the answer or
    error the record names.
    """

    def delay_for_response(self, request: httpx.Request, response: httpx.Response, retry: int) -> float | None:
        """As `RetryPolicy.delay_for_response`, logging a retry."""
        delay = super().delay_for_response(request, response, retry)
        if delay is not None:
            self._log(request, _status(response), retry, delay)
        return delay

    def delay_for_error(self, request: httpx.Request, error: httpx.TransportError, retry: int) -> float | None:
        """As `RetryPolicy.delay_for_error`, logging a retry."""
        delay = super().delay_for_error(request, error, retry)
        if delay is not None:
            self._log(request, type(error).__name__, retry, delay)
        return delay

    def _log(self, request: httpx.Request, cause: str, retry: int, delay: float) -> None:
        if not http_logger.isEnabledFor(logging.INFO):
            return
        url = redact(str(request.url), request)
        http_logger.info(
            "%s %s -> %s; retry %d of %d in %.2fs",
            request.method,
            url,
            cause,
            retry + 1,
            self.retries,
            delay,
            extra={"http_method": request.method, "url": url, "retry": retry + 1, "delay": delay},
        )
