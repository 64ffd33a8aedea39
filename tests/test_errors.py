"""Error mapping: every failure surfaces as a typed `BetterStackError` carrying the API's own words."""

from __future__ import annotations

import asyncio
import datetime
import email.utils
import inspect
import json
import multiprocessing
import pickle
from concurrent.futures import ProcessPoolExecutor

import httpx
import pytest

from betterstack.uptime import (
    APIConnectionError,
    APIError,
    APITimeoutError,
    AuthenticationError,
    BetterStackError,
    ConfigurationError,
    ConflictError,
    ForbiddenError,
    NotFoundError,
    RateLimitError,
    ResponseDecodeError,
    ServerError,
    UnprocessableEntityError,
    ValidationError,
)
from betterstack.uptime._errors import parse_retry_after
from betterstack.uptime.objects import Monitor
from betterstack_sdk.api.monitors import get_monitor, list_monitors

from wire import Answer, fixture, make_api, raising, reply

BASE = "https://uptime.betterstack.com"


def get_monitor_error(answer: Answer) -> BetterStackError:
    api, _ = make_api(answer)
    with pytest.raises(BetterStackError) as caught:
        api.call(get_monitor, monitor_id="42")
    return caught.value


# Status mapping -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("status", "cls"),
    [
        (401, AuthenticationError),
        (403, ForbiddenError),
        (404, NotFoundError),
        (409, ConflictError),
        (422, UnprocessableEntityError),
        (429, RateLimitError),
        (500, ServerError),
        (502, ServerError),
        (503, ServerError),
        (504, ServerError),
        (400, APIError),
        (405, APIError),
        (418, APIError),
    ],
)
def test_each_status_maps_to_its_error_class(status: int, cls: type[APIError]) -> None:
    error = get_monitor_error(reply(status, {"errors": "Something went wrong"}))
    assert type(error) is cls
    assert isinstance(error, APIError)
    assert error.status_code == status


@pytest.mark.parametrize("status", [401, 403, 404, 409, 422, 429, 500, 503])
def test_api_error_carries_status_body_method_and_url(status: int) -> None:
    error = get_monitor_error(reply(status, {"errors": "Resource with provided ID was not found"}))
    assert isinstance(error, APIError)
    assert error.status_code == status
    assert error.response_body == "Resource with provided ID was not found"
    assert error.method == "GET"
    assert error.url == f"{BASE}/api/v2/monitors/42"


def test_validation_error_str_shows_the_api_words_first() -> None:
    api, wire = make_api(reply(422, {"errors": {"name": ["Can't be blank"]}}))
    with pytest.raises(UnprocessableEntityError) as caught:
        Monitor.new(api, monitor_type="status", url="https://example.com")
    assert str(caught.value) == f"[422] name: Can't be blank (POST {BASE}/api/v2/monitors)"
    assert caught.value.response_body == {"name": ["Can't be blank"]}
    assert caught.value.message == "name: Can't be blank"
    assert len(wire.requests) == 1


def test_validation_error_str_joins_several_fields_and_messages() -> None:
    body = {"errors": {"name": ["Can't be blank"], "url": ["is invalid", "is too long"]}}
    error = get_monitor_error(reply(422, body))
    assert isinstance(error, APIError)
    assert error.message == "name: Can't be blank; url: is invalid, is too long"
    assert error.response_body == body["errors"]


def test_string_errors_body_becomes_the_message() -> None:
    api, _ = make_api(reply(409, {"errors": "Incident was already resolved"}))
    with pytest.raises(ConflictError) as caught:
        api.post("/api/v3/incidents/7/resolve", body={})
    assert str(caught.value) == f"[409] Incident was already resolved (POST {BASE}/api/v3/incidents/7/resolve)"
    assert caught.value.response_body == "Incident was already resolved"


def test_empty_error_body_falls_back_to_the_reason_phrase() -> None:
    error = get_monitor_error(reply(404))
    assert isinstance(error, NotFoundError)
    assert error.response_body is None
    assert str(error) == f"[404] Not Found (GET {BASE}/api/v2/monitors/42)"


def test_non_json_error_body_is_kept_as_text() -> None:
    page = b"<html><body><h1>502 Bad Gateway</h1></body></html>"
    error = get_monitor_error(reply(502, content=page, headers={"Content-Type": "text/html"}))
    assert isinstance(error, ServerError)
    assert error.response_body is None
    assert error.message == page.decode()


def test_long_non_json_error_body_is_cut_to_one_short_line() -> None:
    error = get_monitor_error(reply(500, content=b"line one\n" + b"x" * 1000, headers={"Content-Type": "text/plain"}))
    assert isinstance(error, ServerError)
    assert error.message.startswith("line one x")
    assert "\n" not in error.message
    assert len(error.message) == 200


def test_rate_limit_error_takes_retry_after_seconds() -> None:
    error = get_monitor_error(reply(429, {"errors": "Too many requests"}, headers={"Retry-After": "30"}))
    assert isinstance(error, RateLimitError)
    assert error.retry_after == 30.0
    assert str(error) == f"[429] Too many requests (GET {BASE}/api/v2/monitors/42) (retry after 30s)"


def test_rate_limit_error_with_an_http_date_retry_after_has_the_seconds_until_then() -> None:
    then = email.utils.format_datetime(
        datetime.datetime.now(datetime.UTC) + datetime.timedelta(seconds=120), usegmt=True
    )
    error = get_monitor_error(reply(429, {"errors": "Too many requests"}, headers={"Retry-After": then}))
    assert isinstance(error, RateLimitError)
    assert error.retry_after is not None
    assert 118 < error.retry_after <= 120  # the date is whole seconds, read a moment later


@pytest.mark.parametrize("value", ["inf", "-inf", "nan", "1e400", "-1", "Infinity"])
def test_rate_limit_error_with_a_retry_after_not_finite_or_negative_has_none(value: str) -> None:
    error = get_monitor_error(reply(429, {"errors": "Too many requests"}, headers={"Retry-After": value}))
    assert isinstance(error, RateLimitError)
    assert error.retry_after is None
    assert str(error) == f"[429] Too many requests (GET {BASE}/api/v2/monitors/42)"


# Wed, 21 Oct 2026 07:28:00 GMT in epoch seconds.
NOW = 1792567680.0


@pytest.mark.parametrize(
    ("value", "seconds"),
    [
        ("30", 30.0),
        (" 2.5 ", 2.5),
        ("0", 0.0),
        ("Wed, 21 Oct 2026 07:28:30 GMT", 30.0),
        ("Wed, 21 Oct 2026 09:28:30 +0200", 30.0),
        ("Wednesday, 21-Oct-26 07:28:30 GMT", 30.0),
        ("Wed Oct 21 07:28:30 2026", 30.0),
        ("Wed, 21 Oct 2026 07:27:00 GMT", 0.0),
        (None, None),
        ("", None),
        ("soon", None),
        ("-5", None),
        ("inf", None),
        ("nan", None),
        ("1e400", None),
        ("Wed, 21 Oct 99999 07:28:30 GMT", None),
    ],
)
def test_parse_retry_after_reads_seconds_and_http_dates(value: str | None, seconds: float | None) -> None:
    assert parse_retry_after(value, now=NOW) == seconds


def test_rate_limit_error_without_retry_after_has_none() -> None:
    error = get_monitor_error(reply(429, {"errors": "Too many invitations sent. Please try again later."}))
    assert isinstance(error, RateLimitError)
    assert error.retry_after is None
    assert error.response_body == "Too many invitations sent. Please try again later."


# No answer --------------------------------------------------------------------------------


@pytest.mark.parametrize("timeout", [httpx.ReadTimeout, httpx.ConnectTimeout, httpx.WriteTimeout, httpx.PoolTimeout])
def test_timeout_raises_api_timeout_error(timeout: type[httpx.TransportError]) -> None:
    error = get_monitor_error(raising(timeout))
    assert type(error) is APITimeoutError
    assert not isinstance(error, httpx.HTTPError)
    assert (error.method, error.url) == ("GET", f"{BASE}/api/v2/monitors/42")
    assert isinstance(error.__cause__, timeout)


@pytest.mark.parametrize("failure", [httpx.ConnectError, httpx.ReadError, httpx.RemoteProtocolError])
def test_refused_or_broken_connection_raises_api_connection_error(failure: type[httpx.TransportError]) -> None:
    error = get_monitor_error(raising(failure))
    assert type(error) is APIConnectionError
    assert not isinstance(error, httpx.HTTPError)
    assert (error.method, error.url) == ("GET", f"{BASE}/api/v2/monitors/42")
    assert str(error).endswith(f"(GET {BASE}/api/v2/monitors/42)")


def test_connection_error_on_a_raw_request_is_wrapped_too() -> None:
    api, _ = make_api(raising(httpx.ConnectError))
    with pytest.raises(APIConnectionError) as caught:
        api.delete("/api/v2/monitors/42")
    assert caught.value.method == "DELETE"


def test_async_call_wraps_timeouts() -> None:
    api, _ = make_api(raising(httpx.ReadTimeout))
    with pytest.raises(APITimeoutError) as caught:
        asyncio.run(api.acall(get_monitor, monitor_id="42"))
    assert caught.value.url == f"{BASE}/api/v2/monitors/42"


def test_async_call_maps_error_statuses() -> None:
    api, _ = make_api(reply(404, {"errors": "Resource with provided ID was not found"}))
    with pytest.raises(NotFoundError) as caught:
        asyncio.run(api.acall(get_monitor, monitor_id="42"))
    assert caught.value.url == f"{BASE}/api/v2/monitors/42"


# Success statuses with a body we cannot use -------------------------------------------------


def test_malformed_json_on_200_raises_response_decode_error_naming_status_and_content_type() -> None:
    error = get_monitor_error(reply(200, content=b"<html>maintenance</html>", headers={"Content-Type": "text/html"}))
    assert type(error) is ResponseDecodeError
    assert (error.status_code, error.content_type) == (200, "text/html")
    assert (error.method, error.url) == ("GET", f"{BASE}/api/v2/monitors/42")
    assert str(error).startswith("[200] the body is not valid JSON")
    assert "Content-Type text/html" in str(error)


def test_truncated_json_on_200_raises_response_decode_error() -> None:
    truncated = json.dumps(fixture("get_monitor")).encode()[:100]
    error = get_monitor_error(reply(200, content=truncated, headers={"Content-Type": "application/json"}))
    assert isinstance(error, ResponseDecodeError)
    assert error.content_type == "application/json"
    assert "of 100)" in str(error)


def test_truncated_json_on_a_raw_request_raises_response_decode_error() -> None:
    api, _ = make_api(reply(200, content=b'{"data": [', headers={"Content-Type": "application/json"}))
    with pytest.raises(ResponseDecodeError):
        list(api.get("/api/v2/monitors"))


def test_200_without_data_raises_response_decode_error() -> None:
    error = get_monitor_error(reply(200, {"monitor": fixture("get_monitor")["data"]}))
    assert type(error) is ResponseDecodeError
    assert error.status_code == 200
    assert "does not have the documented shape" in str(error)


def test_list_200_without_data_raises_response_decode_error() -> None:
    api, _ = make_api(reply(200, {"pagination": None}))
    with pytest.raises(ResponseDecodeError):
        api.call(list_monitors)


def test_decode_error_is_not_an_api_error() -> None:
    # A garbled success must not be caught by `except APIError` handlers meant for error statuses.
    assert not issubclass(ResponseDecodeError, APIError)
    assert issubclass(ResponseDecodeError, BetterStackError)


# The hierarchy -----------------------------------------------------------------------------


def test_local_errors_are_value_errors_and_better_stack_errors() -> None:
    for cls in (ValidationError, ConfigurationError):
        assert issubclass(cls, ValueError)
        assert issubclass(cls, BetterStackError)


def test_timeout_error_is_a_connection_error() -> None:
    assert issubclass(APITimeoutError, APIConnectionError)
    assert issubclass(APIConnectionError, BetterStackError)
    assert not issubclass(APIConnectionError, APIError)


# Pickling ------------------------------------------------------------------------------------


def sdk_error_classes() -> list[type[BetterStackError]]:
    """Every error class the package defines, found by walking the hierarchy, so a new one is in."""
    found: list[type[BetterStackError]] = []
    pending: list[type[BetterStackError]] = [BetterStackError]
    while pending:
        cls = pending.pop()
        if cls.__module__.startswith("betterstack.uptime") and cls not in found:
            found.append(cls)
        pending += cls.__subclasses__()
    return sorted(found, key=lambda cls: cls.__name__)


# A value for each constructor parameter an SDK error takes; a new parameter needs one here.
SAMPLES: dict[str, object] = {
    "message": "Resource with provided ID was not found",
    "detail": "the body is not valid JSON",
    "status_code": 404,
    "response_body": {"name": ["Can't be blank"], "url": ["is invalid"]},
    "content_type": "text/html",
    "method": "GET",
    "url": f"{BASE}/api/v2/monitors/42",
    "retry_after": 30.0,
}


def sample_error(cls: type[BetterStackError]) -> BetterStackError:
    """An instance of `cls` with every field its constructor takes set to a sample value."""
    try:
        parameters = inspect.signature(cls).parameters
    except ValueError:  # no constructor of its own: Exception's, which takes the message
        return cls(SAMPLES["message"])
    positional: list[object] = []
    keywords: dict[str, object] = {}
    for name, parameter in parameters.items():
        if parameter.kind in (parameter.VAR_POSITIONAL, parameter.VAR_KEYWORD):
            continue
        if name not in SAMPLES:
            if parameter.default is parameter.empty:
                pytest.fail(f"{cls.__name__}({name}=...) has no sample value: add one to SAMPLES")
            continue
        if parameter.kind is parameter.POSITIONAL_ONLY:
            positional.append(SAMPLES[name])
        else:
            keywords[name] = SAMPLES[name]
    return cls(*positional, **keywords)


def test_every_sdk_error_class_is_found_for_the_pickle_tests() -> None:
    names = {cls.__name__ for cls in sdk_error_classes()}
    assert {"BetterStackError", "APIError", "RateLimitError", "ResponseDecodeError", "APITimeoutError"} <= names
    assert {"ValidationError", "ConfigurationError", "PaginationError", "UnpicklableError"} <= names


@pytest.mark.parametrize("cls", sdk_error_classes(), ids=lambda cls: cls.__name__)
def test_every_sdk_error_survives_pickle_with_its_class_message_and_fields(cls: type[BetterStackError]) -> None:
    error = sample_error(cls)
    error.add_note("while syncing monitors")
    for protocol in range(pickle.HIGHEST_PROTOCOL + 1):
        copy = pickle.loads(pickle.dumps(error, protocol))
        assert type(copy) is cls
        assert (str(copy), repr(copy), copy.args) == (str(error), repr(error), error.args)
        assert vars(copy) == vars(error)


def test_a_pickled_api_error_keeps_method_url_status_and_body() -> None:
    error = get_monitor_error(reply(422, {"errors": {"name": ["Can't be blank"]}}))
    copy = pickle.loads(pickle.dumps(error))
    assert isinstance(copy, UnprocessableEntityError)
    assert (copy.method, copy.url, copy.status_code) == ("GET", f"{BASE}/api/v2/monitors/42", 422)
    assert copy.response_body == {"name": ["Can't be blank"]}
    assert str(copy) == f"[422] name: Can't be blank (GET {BASE}/api/v2/monitors/42)"


def get_missing_monitor() -> None:
    """Run in a worker process: a GET answered 404 on the wire."""
    api, _ = make_api(reply(404, {"errors": "Resource with provided ID was not found"}))
    api.call(get_monitor, monitor_id="42")


def raise_error(error: BetterStackError) -> None:
    """Run in a worker process: raise `error`, which reached the worker pickled."""
    raise error


def test_sdk_errors_cross_a_process_pool_intact() -> None:
    errors = [sample_error(cls) for cls in sdk_error_classes()]
    with ProcessPoolExecutor(max_workers=2, mp_context=multiprocessing.get_context("spawn")) as pool:
        missing = pool.submit(get_missing_monitor)
        raised = [pool.submit(raise_error, error) for error in errors]
        with pytest.raises(NotFoundError) as caught:
            missing.result(timeout=60)
        for future, error in zip(raised, errors, strict=True):
            back = future.exception(timeout=60)
            assert type(back) is type(error)
            assert (str(back), vars(back)) == (str(error), vars(error))
        # The pool survived the errors: a BrokenProcessPool would have failed the futures above.
        assert pool.submit(str, 1).result(timeout=60) == "1"
    assert str(caught.value) == f"[404] Resource with provided ID was not found (GET {BASE}/api/v2/monitors/42)"
    assert caught.value.status_code == 404
