"""Error mapping: every failure surfaces as a typed `BetterStackError` carrying the API's own words."""

from __future__ import annotations

import asyncio
import json

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


def test_rate_limit_error_with_http_date_retry_after_has_none() -> None:
    headers = {"Retry-After": "Wed, 21 Oct 2026 07:28:00 GMT"}
    error = get_monitor_error(reply(429, {"errors": "Too many requests"}, headers=headers))
    assert isinstance(error, RateLimitError)
    assert error.retry_after is None
    assert "retry after" not in str(error)


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
