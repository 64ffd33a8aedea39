"""Every error the SDK raises, rooted at `BetterStackError`.

    BetterStackError
    ├── APIError                    the API answered with an error status
    │   ├── AuthenticationError     401
    │   ├── ForbiddenError          403 (read-only token, admin-only operation)
    │   ├── NotFoundError           404
    │   ├── ConflictError           409 (already acknowledged, already resolved, ...)
    │   ├── UnprocessableEntityError 422 (the body failed validation)
    │   ├── RateLimitError          429, with `retry_after`
    │   └── ServerError             5xx
    ├── ResponseDecodeError         a success status with a body that is not the JSON expected
    │   └── ResponseTooLargeError   ... or a body, whatever the status, past max_response_bytes
    ├── APIConnectionError          the request did not get an answer
    │   └── APITimeoutError         ... because it timed out
    ├── ValidationError             bad arguments, caught before any request (also a ValueError)
    ├── ConfigurationError          the client cannot be built, e.g. no token (also a ValueError)
    ├── ClientClosedError           a call on a client after close() (also a RuntimeError)
    └── UnpicklableError            a client was pickled or deep-copied (also a TypeError)

API errors carry the request's method and URL, the status code, the parsed `errors` body, the
`httpx.Response` (`response`) and the request id the answer names (`request_id`, from an
`X-Request-Id` or `Request-Id` header; Better Stack documents none, so it is often None);
`str(error)` gives the API's own words first, then the request and the request id.

Every error pickles (for `multiprocessing` and process pools) with its class, message and fields,
but for `response`, which comes back as None: it holds the request, whose headers hold the
token, and a pickle is written out. As for any exception, the cause chain and the traceback are
not pickled.
"""

from __future__ import annotations

import datetime
import email.utils
import json
import math
import time
from typing import Any, Self, TypeAlias, TypeVar, cast

import httpx

JSONValue: TypeAlias = dict[str, "JSONValue"] | list["JSONValue"] | str | int | float | bool | None
"""A value as `json.loads` gives it: what an error body holds, whatever shape the API chose."""

_J = TypeVar("_J", bound=JSONValue)

HIDDEN = "<hidden>"
"""What a token is replaced with in error messages and log records."""


# Shorter tokens are test tokens such as "read-only", which read like words that an error
# message may well hold; real tokens are about twice this long.
SHORTEST_REDACTED = 12


def _token(request: httpx.Request) -> str | None:
    scheme, _, token = request.headers.get("Authorization", "").partition(" ")
    token = (token or scheme).strip()
    return token if len(token) >= SHORTEST_REDACTED else None


def redact(value: _J, request: httpx.Request) -> _J:
    """`value` with the request's token replaced by `<hidden>` wherever a string holds it.

    An API, a proxy or a debugging page may echo the request's headers back in its body; the
    body's words go into error messages, so the token is taken out of them first.
    """
    token = _token(request)
    if token is None:
        return value

    def clean(item: JSONValue) -> JSONValue:
        if isinstance(item, str):
            return item.replace(token, HIDDEN)
        if isinstance(item, list):
            return [clean(each) for each in item]
        if isinstance(item, dict):
            return {key.replace(token, HIDDEN): clean(each) for key, each in item.items()}
        return item

    # The copy has the shape of `value`: strings stay strings, lists lists and dicts dicts.
    return cast(_J, clean(value))


REQUEST_ID_HEADERS = ("X-Request-Id", "Request-Id")
"""Where an answer's request id is looked for, first found wins (header names ignore case)."""


def request_id_of(response: httpx.Response) -> str | None:
    """The request id `response` names in a `REQUEST_ID_HEADERS` header, the token taken out; or None."""
    for name in REQUEST_ID_HEADERS:
        value = str(response.headers.get(name, "")).strip()
        if value:
            return redact(value, response.request)
    return None


def _where(method: str, url: str, request_id: str | None) -> str:
    """The request and the request id, for the end of a message: `GET https://...; request id abc`."""
    parts = [f"{method} {url}"] if method else []
    if request_id:
        parts.append(f"request id {request_id}")
    return "; ".join(parts)


def _restore(cls: type[BetterStackError], args: tuple[Any, ...]) -> BetterStackError:
    """An error of `cls` with `args`, before its fields are set back (see `__reduce__`)."""
    return cls.__new__(cls, *args)


class BetterStackError(Exception):
    """The root of every error raised by this package."""

    def __reduce__(self) -> tuple[Any, ...]:
        # Exception's own reduce calls the class with `args` alone, which the subclasses taking
        # keyword-only fields refuse; rebuild without `__init__` and set the fields back. The
        # httpx response stays behind: its request's headers hold the token.
        state = self.__dict__
        if state.get("response") is not None:
            state = {**state, "response": None}
        return _restore, (type(self), self.args), state


class ValidationError(BetterStackError, ValueError):
    """An argument was rejected before any request was sent."""


class ConfigurationError(BetterStackError, ValueError):
    """The client is misconfigured, for example no API token could be found."""


class UnpicklableError(BetterStackError, TypeError):
    """A client, or an object holding one, was pickled or deep-copied.

    A client holds open connections and the API token, which pickling would write out; build a
    client where it is needed (one per process) and pass ids or values instead.
    """


class ClientClosedError(BetterStackError, RuntimeError):
    """A call on a client after `close()`, `aclose()` or the end of its `with` block.

    Closing stops all traffic: requests in flight are cut short and nothing is sent or retried
    afterwards. Make a new client for further requests. (A RuntimeError, as httpx raised here.)
    """


class APIConnectionError(BetterStackError):
    """The request got no answer: the connection failed or broke off.

    Attributes:
        method: The HTTP method of the request.
        url: The full URL of the request.
    """

    def __init__(self, message: str, *, method: str, url: str) -> None:
        super().__init__(f"{message} ({method} {url})")
        self.method = method
        self.url = url


class APITimeoutError(APIConnectionError):
    """The request timed out."""


class ResponseDecodeError(BetterStackError):
    """A success response whose body is not the JSON the API documents.

    Attributes:
        status_code: The HTTP status of the response.
        content_type: The response's Content-Type header.
        method: The HTTP method of the request.
        url: The full URL of the request.
        response: The `httpx.Response`, its body read; None when the error was built without
            one or came through a pickle.
        request_id: The request id the answer named (see `REQUEST_ID_HEADERS`), or None.
    """

    response: httpx.Response | None
    request_id: str | None

    def __init__(
        self,
        detail: str,
        *,
        status_code: int,
        content_type: str,
        method: str,
        url: str,
        response: httpx.Response | None = None,
        request_id: str | None = None,
    ) -> None:
        where = _where(method, url, request_id)
        super().__init__(f"[{status_code}] {detail} (Content-Type {content_type or 'missing'}; {where})")
        self.status_code = status_code
        self.content_type = content_type
        self.method = method
        self.url = url
        self.response = response
        self.request_id = request_id

    @classmethod
    def for_response(cls, detail: str, response: httpx.Response) -> Self:
        """The error for `response`, with its status, content type, request and request id."""
        return cls(
            redact(detail, response.request),
            status_code=response.status_code,
            content_type=response.headers.get("Content-Type", ""),
            method=response.request.method,
            url=str(response.request.url),
            response=response,
            request_id=request_id_of(response),
        )


class ResponseTooLargeError(ResponseDecodeError):
    """A body longer than the client's `max_response_bytes` once decoded, whatever the status.

    Reading stopped at the limit, so a small gzip body expanding to gigabytes, or a body that
    never ends, costs about the limit in memory. Never retried: the same request would get the
    same answer. Pass a larger `UptimeAPI(max_response_bytes=...)` if such answers are expected.
    """


class APIError(BetterStackError):
    """The API answered with an error status.

    Attributes:
        message: The API's own words, flattened to one line.
        status_code: The HTTP status code.
        response_body: The parsed `errors` (or `error`) value: usually a string, a list of
            strings or a `{field: [messages]}` map; None when the body held neither.
        method: The HTTP method of the request.
        url: The full URL of the request.
        response: The `httpx.Response`, its body read (`error.response.headers`,
            `error.response.json()`); None when the error was built without one or came
            through a pickle. Its request carries the token in its headers, as sent.
        request_id: The request id the answer named in an `X-Request-Id` or `Request-Id`
            header, for Better Stack's support; None when it named none (Better Stack documents
            no such header). Shown in `str(error)` when present.
    """

    message: str
    status_code: int
    # Any JSON: the docs show three shapes, and proxies and older endpoints answer with others.
    response_body: JSONValue
    method: str
    url: str
    response: httpx.Response | None
    request_id: str | None

    def __init__(
        self,
        message: str,
        status_code: int,
        response_body: JSONValue = None,
        *,
        method: str = "",
        url: str = "",
        response: httpx.Response | None = None,
        request_id: str | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.status_code = status_code
        self.response_body = response_body
        self.method = method
        self.url = url
        self.response = response
        self.request_id = request_id

    def __str__(self) -> str:
        where = _where(self.method, self.url, self.request_id)
        return f"[{self.status_code}] {self.message}" + (f" ({where})" if where else "")


class AuthenticationError(APIError):
    """401: the token is missing or invalid."""


class ForbiddenError(APIError):
    """403: the token may not do this (a read-only token writing, an admin-only operation)."""


class NotFoundError(APIError):
    """404: no resource has this id."""


class ConflictError(APIError):
    """409: the resource's state forbids this, e.g. resolving a resolved incident. Never retried."""


class UnprocessableEntityError(APIError):
    """422: the request body failed the API's validation; `response_body` maps fields to messages."""


class RateLimitError(APIError):
    """429: too many requests.

    Attributes:
        retry_after: Seconds the API asked to wait, when it said.
    """

    retry_after: float | None

    def __init__(
        self,
        message: str,
        status_code: int = 429,
        response_body: JSONValue = None,
        *,
        method: str = "",
        url: str = "",
        retry_after: float | None = None,
        response: httpx.Response | None = None,
        request_id: str | None = None,
    ) -> None:
        self.retry_after = retry_after
        super().__init__(
            message, status_code, response_body, method=method, url=url, response=response, request_id=request_id
        )

    def __str__(self) -> str:
        text = super().__str__()
        return text if self.retry_after is None else f"{text} (retry after {self.retry_after:g}s)"


class ServerError(APIError):
    """5xx: the API or a proxy in front of it failed."""


_BY_STATUS: dict[int, type[APIError]] = {
    401: AuthenticationError,
    403: ForbiddenError,
    404: NotFoundError,
    409: ConflictError,
    422: UnprocessableEntityError,
    429: RateLimitError,
}


def _flatten(errors: JSONValue) -> str:
    """Turn an `errors` value into one line: `name: Can't be blank; url: is invalid`."""
    if isinstance(errors, dict):
        parts = []
        for field, messages in errors.items():
            text = ", ".join(map(str, messages)) if isinstance(messages, list) else str(messages)
            parts.append(f"{field}: {text}")
        return "; ".join(parts)
    if isinstance(errors, list):
        return "; ".join(map(str, errors))
    return str(errors)


def parse_retry_after(value: str | None, now: float | None = None) -> float | None:
    """Seconds to wait from a Retry-After header: delay seconds or an HTTP date.

    Args:
        value: The header's value, None when absent.
        now: The current time in epoch seconds, which a date is counted from; the system clock
            when None. A date already past gives 0.

    Returns:
        The seconds, or None (as if absent) for a negative or non-finite number or nonsense.
    """
    if value is None:
        return None
    try:
        seconds = float(value)
    except ValueError:
        try:
            when = email.utils.parsedate_to_datetime(value)
        except (TypeError, ValueError, OverflowError):
            return None
        if when.tzinfo is None:  # the asctime form and "-0000" carry no zone; HTTP dates are GMT
            when = when.replace(tzinfo=datetime.UTC)
        return max(0.0, when.timestamp() - (time.time() if now is None else now))
    return seconds if math.isfinite(seconds) and seconds >= 0 else None


def error_for_response(response: httpx.Response) -> APIError:
    """Build the error matching an error response, keeping the API's own words, body and response."""
    method, url = response.request.method, str(response.request.url)
    kept: dict[str, Any] = {"method": method, "url": url, "response": response, "request_id": request_id_of(response)}
    body: JSONValue = None
    try:
        parsed: JSONValue = json.loads(response.content) if response.content else None
    except (ValueError, RecursionError):
        parsed = None
    if isinstance(parsed, dict) and "errors" in parsed:
        body = parsed["errors"]
        message = _flatten(body)
    elif isinstance(parsed, dict) and "error" in parsed:
        body = parsed["error"]
        message = _flatten(body)
    else:
        snippet = response.text.strip().replace("\n", " ")[:200]
        message = snippet or response.reason_phrase or f"HTTP {response.status_code}"
    status = response.status_code
    message, body = redact(message, response.request), redact(body, response.request)
    if 300 <= status < 400:
        location = redact(response.headers.get("Location", ""), response.request)
        message = (
            f"{message}: redirected to {location or 'nowhere'}, not followed so that the token goes "
            "nowhere else; if that is the API, set base_url to it"
        )
    if status == 429:
        return RateLimitError(
            message, status, body, retry_after=parse_retry_after(response.headers.get("Retry-After")), **kept
        )
    cls = _BY_STATUS.get(status, ServerError if status >= 500 else APIError)
    return cls(message, status, body, **kept)
