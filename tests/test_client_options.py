"""What users of the best SDKs expect of a client: `with_options`, logging, headers, `to_dict`, error responses."""

from __future__ import annotations

import asyncio
import dataclasses
import datetime
import json
import logging
import pickle
import re
from collections.abc import Callable, Iterator
from typing import Any, cast

import httpx
import pytest

import betterstack.uptime
from betterstack.uptime import (
    ClientClosedError,
    ConfigurationError,
    NotFoundError,
    RateLimitError,
    ResponseDecodeError,
    ServerError,
    UptimeAPI,
    _logs,
)
from betterstack.uptime._client import _Shared
from betterstack.uptime._kind import kind_of
from betterstack.uptime.objects import Monitor
from betterstack_sdk.api.monitors import get_monitor
from betterstack_sdk.api.team_members import list_team_members

from wire import MONITOR, NOT_FOUND, TOKEN, Recorder, fixture, make_api, raising, reply

BASE = "https://uptime.betterstack.com"
MONITOR_2 = f"{BASE}/api/v2/monitors/2"
VERSION = betterstack.uptime.__version__
CLOSED = (
    f"GET {MONITOR_2}: the client is closed (by close(), aclose() or the end of its `with` block) and sends "
    "nothing more; make a new UptimeAPI for further requests"
)


def timeouts(seconds: float) -> dict[str, float]:
    """A request's `timeout` extension for a client made with `timeout=seconds`."""
    return dict.fromkeys(("connect", "read", "write", "pool"), seconds)


class ClosingTransport(httpx.MockTransport):
    """A mock transport that remembers being closed."""

    def __init__(self, handler: Recorder) -> None:
        super().__init__(handler)
        self.closed = False
        self.aclosed = False

    def close(self) -> None:
        self.closed = True

    async def aclose(self) -> None:
        self.aclosed = True


# with_options: what changes ----------------------------------------------------------------------


def test_with_options_timeout_applies_to_the_derived_clients_requests_only() -> None:
    api, wire = make_api(MONITOR)
    quick = api.with_options(timeout=5.0)
    Monitor.get(quick, 2)
    Monitor.get(api, 2)
    assert [request.extensions["timeout"] for request in wire.requests] == [timeouts(5.0), timeouts(30.0)]


def test_with_options_leaves_the_original_client_as_it_was() -> None:
    api, _ = make_api(MONITOR, default_headers={"X-Team": "ops"}, app_name="myapp/1.2")
    derived = api.with_options(
        timeout=5.0,
        retries=1,
        backoff_factor=2.0,
        total_timeout=12.5,
        max_workers=1,
        default_headers={"X-Trace": "t1"},
        app_name="batch/2",
    )
    policy = api.transport.policy
    assert (api.timeout, api.max_workers, api.default_headers, api.app_name) == (
        30.0,
        8,
        {"X-Team": "ops"},
        "myapp/1.2",
    )
    assert (policy.retries, policy.backoff_factor, policy.total_timeout) == (0, 0.5, 300.0)
    policy = derived.transport.policy
    assert (derived.timeout, derived.max_workers, derived.app_name) == (5.0, 1, "batch/2")
    assert derived.default_headers == {"X-Team": "ops", "X-Trace": "t1"}
    assert (policy.retries, policy.backoff_factor, policy.total_timeout) == (1, 2.0, 12.5)
    assert type(derived) is UptimeAPI


def test_with_options_retries_apply_to_the_derived_clients_requests_only() -> None:
    api, wire = make_api([reply(503, headers={"Retry-After": "0"}), MONITOR])
    retrying = api.with_options(retries=1)
    waits: list[float] = []
    retrying.transport._sleep = waits.append
    assert Monitor.get(retrying, 2).id == "2"
    assert (wire.calls, waits) == ([("GET", "/api/v2/monitors/2")] * 2, [0.0])


def test_the_original_client_keeps_its_retries() -> None:
    api, wire = make_api(reply(503))
    api.with_options(retries=3)
    with pytest.raises(ServerError):
        Monitor.get(api, 2)
    assert len(wire.requests) == 1


def test_with_options_backoff_factor_sets_the_first_retry_delay() -> None:
    api, wire = make_api([reply(503), MONITOR])
    slow = api.with_options(retries=1, backoff_factor=2.0)
    slow.transport.policy = dataclasses.replace(slow.transport.policy, random=lambda: 1.0)  # no jitter
    waits: list[float] = []
    slow.transport._sleep = waits.append
    Monitor.get(slow, 2)
    assert (len(wire.requests), waits) == (2, [2.0])


def test_with_options_total_timeout_may_be_none_or_positive() -> None:
    api, _ = make_api(MONITOR)
    assert api.with_options(total_timeout=None).transport.policy.total_timeout is None
    with pytest.raises(ConfigurationError, match=r"^total_timeout must be positive seconds or None, got 0$"):
        api.with_options(total_timeout=0)


def test_with_options_refuses_max_workers_below_one() -> None:
    api, _ = make_api(MONITOR)
    with pytest.raises(ConfigurationError, match=r"^max_workers must be at least 1, got 0$"):
        api.with_options(max_workers=0)


def test_with_options_refuses_an_option_it_does_not_take_naming_the_closest() -> None:
    api, _ = make_api(MONITOR)
    options = cast(Any, {"timeot": 5.0})
    with pytest.raises(
        ConfigurationError, match=r"^with_options\(\) got an unexpected option 'timeot'; did you mean 'timeout'\?$"
    ):
        api.with_options(**options)


def test_with_options_default_headers_are_merged_over_the_clients_own() -> None:
    api, wire = make_api(MONITOR, default_headers={"X-Team": "ops", "X-Env": "prod"})
    Monitor.get(api.with_options(default_headers={"X-Env": "staging", "X-Trace": "t1"}), 2)
    assert wire.last.headers.multi_items() == [
        ("host", "uptime.betterstack.com"),
        ("connection", "keep-alive"),
        ("user-agent", f"betterstack-sdk/{VERSION}"),
        ("accept", "application/json"),
        ("accept-encoding", "gzip, deflate"),
        ("x-team", "ops"),
        ("x-env", "staging"),
        ("x-trace", "t1"),
        ("authorization", f"Bearer {TOKEN}"),
    ]


def test_with_options_app_name_replaces_the_clients_own() -> None:
    api, wire = make_api(MONITOR, app_name="myapp/1.2")
    Monitor.get(api.with_options(app_name="nightly-sync/3"), 2)
    Monitor.get(api, 2)
    assert [request.headers["User-Agent"] for request in wire.requests] == [
        f"betterstack-sdk/{VERSION} nightly-sync/3",
        f"betterstack-sdk/{VERSION} myapp/1.2",
    ]


# with_options: what is shared ----------------------------------------------------------------------


def test_a_derived_client_sends_through_the_parents_transports_with_the_same_token() -> None:
    api, wire = make_api(MONITOR, rate_limit=1000.0)
    derived = api.with_options(timeout=5.0)
    shared = derived.transport._sync
    assert isinstance(shared, _Shared)
    assert (shared.sync, shared.async_) == (api.transport._sync, api.transport._async)
    assert derived.transport._limiter is api.transport._limiter is not None
    Monitor.get(derived, 2)
    assert wire.last.headers["Authorization"] == f"Bearer {TOKEN}"


def test_a_client_derived_from_a_derived_one_sends_through_the_first_parents_transports() -> None:
    api, wire = make_api(MONITOR)
    grandchild = api.with_options(timeout=5.0).with_options(retries=1)
    shared = grandchild.transport._sync
    assert isinstance(shared, _Shared)
    assert shared.sync is api.transport._sync
    Monitor.get(grandchild, 2)
    assert (wire.last.extensions["timeout"], grandchild.transport.policy.retries) == (timeouts(5.0), 1)


def test_objects_loaded_through_a_derived_client_keep_using_it() -> None:
    body = fixture("get_monitor")
    api, wire = make_api({("GET", "/api/v2/monitors/2"): body, ("PATCH", "/api/v2/monitors/2"): body})
    monitor = Monitor.get(api.with_options(timeout=5.0, default_headers={"X-Trace": "t1"}), 2)
    monitor.check_frequency = 60
    monitor.save()
    assert wire.calls == [("GET", "/api/v2/monitors/2"), ("PATCH", "/api/v2/monitors/2")]
    assert wire.body() == {"check_frequency": 60}
    assert (wire.last.extensions["timeout"], wire.last.headers["X-Trace"]) == (timeouts(5.0), "t1")


def test_the_derived_clients_generated_layer_client_carries_its_options() -> None:
    api, wire = make_api(lambda _r: httpx.Response(200, json=fixture("list_team_members")))
    derived = api.with_options(timeout=5.0, default_headers={"X-Trace": "t1"})
    list_team_members.sync(client=derived.team_client)
    assert (wire.last.url.host, wire.last.headers["X-Trace"]) == ("betterstack.com", "t1")
    assert wire.last.extensions["timeout"] == timeouts(5.0)


# with_options: closing -------------------------------------------------------------------------


def test_closing_a_derived_client_leaves_the_parents_pools_open() -> None:
    recorder = Recorder(MONITOR)
    transport = ClosingTransport(recorder)
    api = UptimeAPI(TOKEN, transport=transport)
    with api.with_options(timeout=5.0) as derived:
        Monitor.get(derived, 2)
    assert not transport.closed
    Monitor.get(api, 2)
    assert len(recorder.requests) == 2


def test_a_closed_derived_client_sends_nothing_more() -> None:
    api, wire = make_api(MONITOR)
    derived = api.with_options(timeout=5.0)
    derived.close()
    with pytest.raises(ClientClosedError) as caught:
        Monitor.get(derived, 2)
    assert (str(caught.value), wire.requests) == (CLOSED, [])


def test_closing_the_parent_closes_the_derived_clients() -> None:
    api, wire = make_api(MONITOR)
    derived = api.with_options(timeout=5.0)
    api.close()
    with pytest.raises(ClientClosedError) as caught:
        Monitor.get(derived, 2)
    assert (str(caught.value), wire.requests) == (CLOSED, [])


def test_with_options_on_a_closed_client_raises_client_closed_error() -> None:
    api, _ = make_api(MONITOR)
    api.close()
    with pytest.raises(ClientClosedError):
        api.with_options(timeout=5.0)


def test_async_closing_a_derived_client_leaves_the_parents_async_pool_open() -> None:
    recorder = Recorder(MONITOR)
    transport = ClosingTransport(recorder)

    async def use() -> None:
        async with UptimeAPI(TOKEN, transport=transport) as api:
            async with api.with_options(timeout=5.0) as derived:
                await derived.acall(get_monitor, monitor_id="2")
            assert not transport.aclosed
            await api.acall(get_monitor, monitor_id="2")

    asyncio.run(use())
    assert [request.extensions["timeout"] for request in recorder.requests] == [timeouts(5.0), timeouts(30.0)]
    assert transport.aclosed


# Headers ----------------------------------------------------------------------------------------


def test_default_headers_go_with_every_request_to_both_hosts() -> None:
    api, wire = make_api(
        {
            ("GET", "/api/v2/monitors/2"): fixture("get_monitor"),
            ("GET", "/api/v2/team-members"): fixture("list_team_members"),
        },
        default_headers={"X-Team": "ops"},
    )
    Monitor.get(api, 2)
    api.call(list_team_members)
    assert [(request.url.host, request.headers["X-Team"]) for request in wire.requests] == [
        ("uptime.betterstack.com", "ops"),
        ("betterstack.com", "ops"),
    ]


def test_the_user_agent_names_the_sdk_version_then_the_app_name() -> None:
    api, wire = make_api(MONITOR, app_name="myapp/1.2")
    Monitor.get(api, 2)
    assert wire.last.headers["User-Agent"] == f"betterstack-sdk/{VERSION} myapp/1.2"


def test_the_user_agent_without_an_app_name_names_the_sdk_version_only() -> None:
    api, wire = make_api(MONITOR)
    Monitor.get(api, 2)
    assert wire.last.headers["User-Agent"] == f"betterstack-sdk/{VERSION}"


def test_the_user_agent_version_is_the_packages_own(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(betterstack.uptime, "__version__", "9.9.9")
    api, wire = make_api(MONITOR)
    Monitor.get(api, 2)
    assert wire.last.headers["User-Agent"] == "betterstack-sdk/9.9.9"


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("Authorization", "it carries the API token; pass the token as bearer_token"),
        ("authorization", "it carries the API token; pass the token as bearer_token"),
        ("Accept-Encoding", "the SDK asks for the codings it decodes within max_response_bytes"),
        ("User-Agent", 'pass app_name="myapp/1.2" to add to it'),
    ],
)
def test_default_headers_may_not_set_the_sdks_own_headers(name: str, reason: str) -> None:
    with pytest.raises(ConfigurationError) as caught:
        make_api(MONITOR, default_headers={name: "x"})
    assert str(caught.value) == f"default_headers may not set {name}: {reason}"


def test_with_options_may_not_override_authorization_either() -> None:
    api, _ = make_api(MONITOR)
    with pytest.raises(ConfigurationError, match=r"^default_headers may not set Authorization: "):
        api.with_options(default_headers={"Authorization": "Bearer other"})


def test_a_default_header_value_with_a_line_break_is_refused() -> None:
    with pytest.raises(ConfigurationError) as caught:
        make_api(MONITOR, default_headers={"X-Team": "ops\r\nX-Evil: 1"})
    assert str(caught.value) == (
        "default_headers['X-Team'] = 'ops\\r\\nX-Evil: 1': a header value is a str of printable ASCII "
        "(no line breaks or other control characters)"
    )


def test_a_default_header_name_that_is_not_a_token_is_refused() -> None:
    with pytest.raises(ConfigurationError, match=r"^default_headers: 'X Team' is not an HTTP header name$"):
        make_api(MONITOR, default_headers={"X Team": "ops"})


@pytest.mark.parametrize("app_name", ["", "my app\n", "appé/1"])
def test_an_app_name_that_cannot_go_in_a_header_is_refused(app_name: str) -> None:
    with pytest.raises(ConfigurationError) as caught:
        make_api(MONITOR, app_name=app_name)
    assert str(caught.value) == (
        f'app_name must be printable ASCII such as "myapp/1.2", got {app_name!r}; it is added to the User-Agent'
    )


# Logging ----------------------------------------------------------------------------------------


@pytest.fixture
def ticking(monkeypatch: pytest.MonkeyPatch) -> None:
    """Request times read 10.0, 10.25, 10.5, ...: each request logs 0.250s."""
    times = iter(10.0 + 0.25 * step for step in range(1000))
    monkeypatch.setattr(_logs, "clock", lambda: next(times))


def sdk_records(caplog: pytest.LogCaptureFixture) -> list[tuple[str, int, str]]:
    """The logger name, level and message of every record on the `betterstack` loggers."""
    return [(r.name, r.levelno, r.getMessage()) for r in caplog.records if r.name.startswith("betterstack")]


@pytest.mark.usefixtures("ticking")
def test_each_answer_is_logged_at_debug_with_method_url_status_and_time(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG, logger="betterstack")
    api, _ = make_api(MONITOR)
    Monitor.get(api, 2)
    assert sdk_records(caplog) == [("betterstack.http", logging.DEBUG, f"GET {MONITOR_2} -> 200 OK in 0.250s")]
    record = caplog.records[-1]
    fields = (record.http_method, record.url, record.status_code, record.elapsed)  # type: ignore[attr-defined]
    assert fields == ("GET", MONITOR_2, 200, 0.25)


@pytest.mark.usefixtures("ticking")
def test_an_error_answer_is_logged_before_its_error_is_raised(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG, logger="betterstack")
    api, _ = make_api(reply(404, NOT_FOUND))
    with pytest.raises(NotFoundError):
        Monitor.get(api, 2)
    assert sdk_records(caplog) == [("betterstack.http", logging.DEBUG, f"GET {MONITOR_2} -> 404 Not Found in 0.250s")]


@pytest.mark.usefixtures("ticking")
def test_a_request_without_an_answer_is_logged_naming_the_failure(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG, logger="betterstack")
    api, _ = make_api(raising(httpx.ConnectError))
    with pytest.raises(betterstack.uptime.APIConnectionError):
        Monitor.get(api, 2)
    assert sdk_records(caplog) == [
        ("betterstack.http", logging.DEBUG, f"GET {MONITOR_2} -> no answer (ConnectError) in 0.250s")
    ]
    assert caplog.records[-1].status_code is None  # type: ignore[attr-defined]


@pytest.mark.usefixtures("ticking")
def test_each_retry_is_logged_at_info_with_its_cause_number_and_delay(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG, logger="betterstack")
    api, _ = make_api([reply(503, headers={"Retry-After": "2"}), raising(httpx.ConnectError), MONITOR])
    retrying = api.with_options(retries=2)
    retrying.transport.policy = dataclasses.replace(retrying.transport.policy, random=lambda: 1.0)
    retrying.transport._sleep = lambda _seconds: None
    Monitor.get(retrying, 2)
    assert sdk_records(caplog) == [
        ("betterstack.http", logging.INFO, f"GET {MONITOR_2} -> 503 Service Unavailable; retry 1 of 2 in 2.00s"),
        ("betterstack.http", logging.INFO, f"GET {MONITOR_2} -> ConnectError; retry 2 of 2 in 1.00s"),
        ("betterstack.http", logging.DEBUG, f"GET {MONITOR_2} -> 200 OK in 0.250s"),
    ]
    assert [(r.retry, r.delay) for r in caplog.records if r.levelno == logging.INFO] == [(1, 2.0), (2, 1.0)]  # type: ignore[attr-defined]


def test_nothing_is_logged_or_timed_when_the_sdks_logger_is_above_debug(
    caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_clock() -> float:
        raise AssertionError("a request was timed with nothing to log it")

    monkeypatch.setattr(_logs, "clock", no_clock)
    caplog.set_level(logging.INFO, logger="betterstack")
    api, _ = make_api(MONITOR)
    Monitor.get(api, 2)
    assert sdk_records(caplog) == []


@pytest.mark.usefixtures("ticking")
def test_the_token_never_appears_in_a_record_even_in_a_url(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    api, _ = make_api([reply(503), MONITOR])
    retrying = api.with_options(retries=1)
    retrying.transport._sleep = lambda _seconds: None
    retrying.request("GET", f"/api/v2/monitors/2?probe={TOKEN}")
    texts = [f"{record.getMessage()} {vars(record)}" for record in caplog.records]
    assert [text for text in texts if TOKEN in text] == []
    assert [message for _, _, message in sdk_records(caplog) if "-> 200" in message] == [
        f"GET {MONITOR_2}?probe=<hidden> -> 200 OK in 0.250s"
    ]


async def _get_async(api: UptimeAPI) -> None:
    await api.acall(get_monitor, monitor_id="2")


@pytest.mark.usefixtures("ticking")
def test_async_answers_are_logged_too(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG, logger="betterstack")
    api, _ = make_api(MONITOR)
    asyncio.run(_get_async(api))
    assert sdk_records(caplog) == [("betterstack.http", logging.DEBUG, f"GET {MONITOR_2} -> 200 OK in 0.250s")]


# BETTERSTACK_LOG ------------------------------------------------------------------------------------


@pytest.fixture
def fresh_logging(monkeypatch: pytest.MonkeyPatch) -> Iterator[logging.Logger]:
    """The `betterstack` logger as before any client read `BETTERSTACK_LOG`, put back afterwards."""
    logger = logging.getLogger("betterstack")
    level, handlers = logger.level, list(logger.handlers)
    monkeypatch.setattr(_logs, "_configured", False)
    yield logger
    logger.handlers[:] = handlers
    logger.setLevel(level)


def added_handlers(logger: logging.Logger, before: list[logging.Handler]) -> list[logging.Handler]:
    return [handler for handler in logger.handlers if handler not in before]


@pytest.mark.usefixtures("ticking")
@pytest.mark.parametrize(
    ("value", "level"), [("debug", logging.DEBUG), ("info", logging.INFO), ("DEBUG", logging.DEBUG)]
)
def test_betterstack_log_attaches_one_stderr_handler_at_its_level(
    fresh_logging: logging.Logger,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    value: str,
    level: int,
) -> None:
    before = list(fresh_logging.handlers)
    monkeypatch.setenv("BETTERSTACK_LOG", value)
    api, _ = make_api(MONITOR)
    make_api(MONITOR)  # a second client adds nothing
    (handler,) = added_handlers(fresh_logging, before)
    assert isinstance(handler, logging.StreamHandler)
    assert (handler.level, fresh_logging.level) == (level, level)
    Monitor.get(api, 2)
    printed = capsys.readouterr().err
    if level == logging.DEBUG:
        assert re.fullmatch(
            rf"\[\d{{4}}-\d\d-\d\d [\d:,]+ betterstack\.http DEBUG\] GET {re.escape(MONITOR_2)} -> 200 OK in 0\.250s\n",
            printed,
        ), printed
    else:
        assert printed == ""


def test_betterstack_log_is_read_once_at_the_first_client(
    fresh_logging: logging.Logger, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = list(fresh_logging.handlers)
    monkeypatch.delenv("BETTERSTACK_LOG", raising=False)
    make_api(MONITOR)
    monkeypatch.setenv("BETTERSTACK_LOG", "debug")
    make_api(MONITOR)
    assert added_handlers(fresh_logging, before) == []


def test_betterstack_log_with_another_value_warns_and_changes_nothing(
    fresh_logging: logging.Logger, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = list(fresh_logging.handlers)
    monkeypatch.setenv("BETTERSTACK_LOG", "verbose")
    with pytest.warns(RuntimeWarning) as caught:
        make_api(MONITOR)
    assert [str(warning.message) for warning in caught] == [
        "BETTERSTACK_LOG='verbose' is not one of: debug, info; the SDK's logging is left as it is"
    ]
    assert added_handlers(fresh_logging, before) == []


# to_dict ----------------------------------------------------------------------------------------


def test_to_dict_gives_the_id_then_every_field_by_python_name() -> None:
    api, _ = make_api(MONITOR)
    monitor = Monitor.get(api, 2)
    item = fixture("get_monitor")["data"]
    # Every declared field, those the answer left out as None; foreign keys read as integers.
    expected = {
        "id": item["id"],
        **dict.fromkeys(kind_of(Monitor).fields),
        **item["attributes"],
        "monitor_group_id": 12,
    }
    assert monitor.to_dict() == expected
    assert next(iter(monitor.to_dict())) == "id"


def test_to_dict_holds_unsaved_changes_and_extras_and_sends_nothing() -> None:
    body = fixture("get_monitor")
    body["data"]["attributes"]["new_api_field"] = {"since": "2027"}
    api, wire = make_api(reply(200, body))
    monitor = Monitor.get(api, 2)
    monitor.check_frequency = 60
    data = monitor.to_dict()
    assert (data["check_frequency"], data["new_api_field"]) == (60, {"since": "2027"})
    assert list(data)[-1] == "new_api_field"
    assert len(wire.requests) == 1


def test_to_dict_includes_secrets_that_repr_hides() -> None:
    api, _ = make_api(MONITOR)
    monitor = Monitor.get(api, 2)
    monitor.auth_password = "hunter2-password"
    assert monitor.to_dict()["auth_password"] == "hunter2-password"
    assert "hunter2-password" not in repr(monitor)


def test_to_dict_is_json_ready_and_a_copy() -> None:
    api, _ = make_api(MONITOR)
    monitor = Monitor.get(api, 2)
    monitor.regions = ["us"]
    setattr(monitor, "maintenance_from", datetime.time(1, 30))  # a value set as Python holds it  # noqa: B010
    data = monitor.to_dict()
    assert json.loads(json.dumps(data)) == data
    assert data["maintenance_from"] == "01:30:00"
    data["regions"].append("eu")
    assert monitor.regions == ["us"]
    assert monitor.get_modified_properties() == ["maintenance_from", "regions"]


# Errors keep the response and the request id ------------------------------------------------------


def get_monitor_error(answer: Callable[[httpx.Request], httpx.Response]) -> Any:
    """The error `Monitor.get(api, 2)` raises when the API answers with `answer`."""
    api, _ = make_api(answer)
    with pytest.raises(betterstack.uptime.BetterStackError) as caught:
        Monitor.get(api, 2)
    return caught.value


def test_an_api_error_keeps_the_response() -> None:
    error = get_monitor_error(reply(404, NOT_FOUND))
    assert isinstance(error, NotFoundError)
    assert isinstance(error.response, httpx.Response)
    assert (error.response.status_code, error.response.json()) == (404, NOT_FOUND)
    assert (error.response.request.method, str(error.response.request.url)) == ("GET", MONITOR_2)
    assert error.request_id is None
    assert str(error) == f"[404] Resource with provided ID was not found (GET {MONITOR_2})"


@pytest.mark.parametrize("header", ["X-Request-Id", "x-request-id", "Request-Id"])
def test_an_api_error_keeps_the_request_id_and_shows_it(header: str) -> None:
    error = get_monitor_error(reply(404, NOT_FOUND, headers={header: "req-7f3c"}))
    assert error.request_id == "req-7f3c"
    assert str(error) == f"[404] Resource with provided ID was not found (GET {MONITOR_2}; request id req-7f3c)"


def test_x_request_id_wins_over_request_id() -> None:
    error = get_monitor_error(reply(500, {"errors": "boom"}, headers={"Request-Id": "b", "X-Request-Id": "a"}))
    assert (type(error), error.request_id) == (ServerError, "a")


def test_a_rate_limit_error_shows_the_request_id_then_the_wait() -> None:
    error = get_monitor_error(reply(429, {"errors": "Slow down"}, headers={"Retry-After": "30", "X-Request-Id": "r1"}))
    assert isinstance(error, RateLimitError)
    assert error.response is not None
    assert (error.retry_after, error.request_id, error.response.status_code) == (30.0, "r1", 429)
    assert str(error) == f"[429] Slow down (GET {MONITOR_2}; request id r1) (retry after 30s)"


def test_a_request_id_echoing_the_token_is_hidden() -> None:
    error = get_monitor_error(reply(404, NOT_FOUND, headers={"X-Request-Id": f"id-{TOKEN}"}))
    assert error.request_id == "id-<hidden>"
    assert TOKEN not in str(error)


def test_a_decode_error_keeps_the_response_and_the_request_id() -> None:
    error = get_monitor_error(
        reply(200, content=b"<html>", headers={"X-Request-Id": "r2", "Content-Type": "text/html"})
    )
    assert isinstance(error, ResponseDecodeError)
    assert error.response is not None
    assert (error.response.content, error.request_id) == (b"<html>", "r2")
    assert str(error) == (
        "[200] the body is not valid JSON (Expecting value at byte 0 of 6) "
        f"(Content-Type text/html; GET {MONITOR_2}; request id r2)"
    )


def test_a_pickled_api_error_keeps_the_request_id_but_not_the_response_holding_the_token() -> None:
    error = get_monitor_error(reply(404, NOT_FOUND, headers={"X-Request-Id": "req-7f3c"}))
    data = pickle.dumps(error)
    assert TOKEN.encode() not in data
    copy = pickle.loads(data)
    assert (type(copy), copy.response, copy.request_id, str(copy)) == (NotFoundError, None, "req-7f3c", str(error))
    assert error.response is not None  # the original keeps it


def test_async_api_errors_keep_the_response_and_the_request_id_too() -> None:
    api, _ = make_api(reply(404, NOT_FOUND, headers={"X-Request-Id": "req-a"}))
    with pytest.raises(NotFoundError) as caught:
        asyncio.run(_get_async(api))
    assert caught.value.response is not None
    assert (caught.value.response.status_code, caught.value.request_id) == (404, "req-a")


@pytest.mark.parametrize("token", ["abc\ndef", "tökén", "a\tb"])
def test_a_token_that_cannot_go_in_a_header_is_refused_without_printing_it(token: str) -> None:
    with pytest.raises(ConfigurationError) as caught:
        UptimeAPI(token)
    assert "cannot be sent" in str(caught.value)
    assert token.strip() not in str(caught.value)


def test_blanks_around_a_token_are_not_sent() -> None:
    api, wire = make_api({("GET", "/api/v2/monitors/2"): fixture("get_monitor")})
    api.close()
    with UptimeAPI(f"  {TOKEN}\n", transport=httpx.MockTransport(wire), retries=0) as trimmed:
        trimmed.request("GET", "/api/v2/monitors/2")
    assert wire.last.headers["Authorization"] == f"Bearer {TOKEN}"
