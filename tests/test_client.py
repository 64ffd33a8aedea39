"""The client: token, hosts, headers, lifecycle, the generated layer's client, and raw requests."""

from __future__ import annotations

import asyncio
import copy
import gc
import json
import pickle
import time
import traceback
from collections.abc import Callable

import httpx
import pytest

from betterstack.uptime import (
    ClientClosedError,
    ConfigurationError,
    PaginatedAPI,
    UnpicklableError,
    UnprocessableEntityError,
    UptimeAPI,
    ValidationError,
)
from betterstack.uptime._event_loops import LoopTransports
from betterstack.uptime.objects import Monitor
from betterstack_sdk.api.monitors import get_monitor, list_monitors
from betterstack_sdk.api.team_members import list_team_members
from betterstack_sdk.models.monitor_list import MonitorList

from wire import MONITOR, TOKEN, Recorder, fixture, make_api

TOKEN_VARIABLE = "BETTERSTACK_API_TOKEN"


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


# The token ----------------------------------------------------------------------------------


def test_token_falls_back_to_the_environment_variable(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(TOKEN_VARIABLE, "token-from-env")
    recorder = Recorder(MONITOR)
    api = UptimeAPI(transport=httpx.MockTransport(recorder))
    Monitor.get(api, 2)
    assert recorder.last.headers["Authorization"] == "Bearer token-from-env"


def test_explicit_token_wins_over_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(TOKEN_VARIABLE, "token-from-env")
    api, wire = make_api(MONITOR)
    Monitor.get(api, 2)
    assert wire.last.headers["Authorization"] == f"Bearer {TOKEN}"


def test_no_token_at_all_raises_configuration_error_at_construction(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(TOKEN_VARIABLE, raising=False)
    recorder = Recorder(MONITOR)
    with pytest.raises(ConfigurationError, match=TOKEN_VARIABLE):
        UptimeAPI(transport=httpx.MockTransport(recorder))
    assert recorder.requests == []


@pytest.mark.parametrize("where", ["argument", "environment"])
def test_empty_token_raises_configuration_error(monkeypatch: pytest.MonkeyPatch, where: str) -> None:
    monkeypatch.setenv(TOKEN_VARIABLE, "")
    with pytest.raises(ConfigurationError):
        UptimeAPI("" if where == "argument" else None)


def test_paginated_api_requires_a_token() -> None:
    with pytest.raises(ConfigurationError):
        PaginatedAPI("https://uptime.betterstack.com", "")


def test_token_never_shows_in_reprs() -> None:
    api, _ = make_api(MONITOR)
    Monitor.get(api, 2)  # the pooled httpx client now exists and carries the header
    for text in (repr(api), str(api), repr(api.client), repr(api.team_client), repr(api.transport)):
        assert TOKEN not in text


def test_token_never_shows_in_error_messages() -> None:
    api, _ = make_api(lambda _r: httpx.Response(401, json={"errors": "We could not authenticate your request."}))
    with pytest.raises(Exception) as caught:
        Monitor.get(api, 2)
    assert TOKEN not in str(caught.value)
    assert TOKEN not in repr(caught.value)


# repr, pickling and copies ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("arguments", "shown"),
    [
        ({"base_url": "ftp://uptime.example.com"}, "UptimeAPI(<not initialised>)"),
        ({"rate_limit": -1}, "UptimeAPI(<not initialised>)"),
        ({"team_base_url": "http://example.com"}, "UptimeAPI(base_url='https://uptime.betterstack.com')"),
    ],
    ids=["base_url", "rate_limit", "team_base_url"],
)
def test_a_traceback_with_locals_shows_a_client_whose_constructor_failed(
    arguments: dict[str, object], shown: str
) -> None:
    with pytest.raises(ConfigurationError) as caught:
        UptimeAPI(TOKEN, **arguments)  # type: ignore[arg-type]
    # Error reporters that capture locals call repr() on the half-built client in __init__'s frame.
    text = "".join(traceback.TracebackException.from_exception(caught.value, capture_locals=True).format())
    assert f"self = {shown}\n" in text


def test_a_traceback_with_locals_shows_a_client_without_a_token(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(TOKEN_VARIABLE, raising=False)
    with pytest.raises(ConfigurationError) as caught:
        UptimeAPI()
    text = "".join(traceback.TracebackException.from_exception(caught.value, capture_locals=True).format())
    assert "self = UptimeAPI(<not initialised>)" in text


@pytest.mark.parametrize("cls", [UptimeAPI, PaginatedAPI])
def test_repr_of_a_client_never_initialised_does_not_raise(cls: type[PaginatedAPI]) -> None:
    assert repr(cls.__new__(cls)) == f"{cls.__name__}(<not initialised>)"


REFUSED = (
    "UptimeAPI cannot be pickled or deep-copied: it holds open connections and the API token, which "
    "pickling would write out. Make a client where it is needed (one per process) and pass ids or "
    "values, not the client or objects bound to it"
)


@pytest.mark.parametrize("copier", [pickle.dumps, copy.deepcopy], ids=["pickle", "deepcopy"])
def test_a_client_refuses_pickling_and_deep_copies_saying_why(copier: Callable[[object], object]) -> None:
    api, _ = make_api(MONITOR)
    with pytest.raises(UnpicklableError) as caught:
        copier(api)
    assert isinstance(caught.value, TypeError)
    assert str(caught.value) == REFUSED


@pytest.mark.parametrize("copier", [pickle.dumps, copy.deepcopy], ids=["pickle", "deepcopy"])
def test_an_object_bound_to_a_client_refuses_pickling_and_deep_copies(copier: Callable[[object], object]) -> None:
    api, _ = make_api(MONITOR)
    monitor = Monitor.get(api, 2)
    with pytest.raises(UnpicklableError, match=r"^UptimeAPI cannot be pickled or deep-copied"):
        copier(monitor)


def test_a_shallow_copy_of_a_client_shares_its_pool() -> None:
    api, wire = make_api(MONITOR)
    clone = copy.copy(api)
    assert (clone.client, clone.transport, repr(clone)) == (api.client, api.transport, repr(api))
    Monitor.get(clone, 2)
    assert len(wire.requests) == 1


# Hosts and headers --------------------------------------------------------------------------


def test_requests_go_to_the_uptime_host_by_default() -> None:
    api, wire = make_api(MONITOR)
    Monitor.get(api, 2)
    assert str(wire.last.url) == "https://uptime.betterstack.com/api/v2/monitors/2"


def test_base_url_override() -> None:
    api, wire = make_api(MONITOR, base_url="http://127.0.0.1:8080/")
    Monitor.get(api, 2)
    assert str(wire.last.url) == "http://127.0.0.1:8080/api/v2/monitors/2"
    assert api.base_url == "http://127.0.0.1:8080"


def test_team_endpoints_go_to_the_team_host() -> None:
    api, wire = make_api(lambda _r: httpx.Response(200, json=fixture("list_team_members")))
    api.call(list_team_members)
    assert wire.last.url.host == "betterstack.com"
    assert wire.last.headers["Authorization"] == f"Bearer {TOKEN}"


def test_team_base_url_override() -> None:
    api, wire = make_api(
        lambda _r: httpx.Response(200, json=fixture("list_team_members")),
        team_base_url="http://team.test",
        allow_insecure=True,  # plain http to a host other than loopback is refused without it
    )
    api.call(list_team_members)
    assert (wire.last.url.scheme, wire.last.url.host, wire.last.url.path) == (
        "http",
        "team.test",
        "/api/v2/team-members",
    )


def test_every_request_carries_the_bearer_token_and_identifies_the_sdk() -> None:
    api, wire = make_api(MONITOR)
    Monitor.get(api, 2)
    headers = wire.last.headers
    assert headers["Authorization"] == f"Bearer {TOKEN}"
    assert headers["User-Agent"].startswith("betterstack-sdk/")
    assert headers["Accept"] == "application/json"


def test_timeout_option_reaches_the_transport() -> None:
    api, wire = make_api(MONITOR, timeout=5.0)
    Monitor.get(api, 2)
    assert wire.last.extensions["timeout"] == {"connect": 5.0, "read": 5.0, "write": 5.0, "pool": 5.0}


def test_max_workers_below_one_is_a_configuration_error() -> None:
    with pytest.raises(ConfigurationError):
        make_api(MONITOR, max_workers=0)


def test_total_timeout_option_sets_the_retry_budget() -> None:
    api, _ = make_api(MONITOR, total_timeout=12.5)
    assert api.transport.policy.total_timeout == 12.5
    api, _ = make_api(MONITOR, total_timeout=None)
    assert api.transport.policy.total_timeout is None
    assert make_api(MONITOR)[0].transport.policy.total_timeout == 300.0
    with pytest.raises(ConfigurationError, match="total_timeout must be positive seconds or None, got 0"):
        make_api(MONITOR, total_timeout=0)


@pytest.mark.parametrize(
    "url", ["https://evil.example/api/v2/monitors", "http://uptime.betterstack.com/api/v2/monitors", "//evil.example/x"]
)
def test_a_raw_request_to_another_host_is_refused_before_sending(url: str) -> None:
    api, wire = make_api(MONITOR)
    with pytest.raises(ValidationError, match="the API token is only ever sent to the API's own hosts"):
        api.request("GET", url)
    assert wire.requests == []


def test_a_raw_request_may_name_the_api_host_in_full() -> None:
    api, wire = make_api(MONITOR)
    api.request("GET", "https://uptime.betterstack.com/api/v2/monitors/2")
    assert str(wire.last.url) == "https://uptime.betterstack.com/api/v2/monitors/2"


@pytest.mark.parametrize(
    ("path", "position"), [("/api/v2/monitors/1\x00", 18), ("/api/v2/monitors/1\n2", 18), ("/api/v2/mon\x7fitors", 11)]
)
@pytest.mark.parametrize("method", ["GET", "POST", "PATCH", "DELETE"])
def test_a_raw_request_path_with_a_control_character_is_refused_naming_it(
    method: str, path: str, position: int
) -> None:
    api, wire = make_api(MONITOR)
    with pytest.raises(ValidationError) as caught:
        api.request(method, path)
    assert str(caught.value) == (
        f"{method} request: url {path!r} holds the control character {path[position]!r} at position {position}, "
        "which cannot be sent; percent-encode it (urllib.parse.quote) or leave it out"
    )
    assert wire.requests == []


def test_a_raw_get_path_with_a_control_character_is_refused_when_called() -> None:
    api, wire = make_api(MONITOR)
    with pytest.raises(ValidationError, match=r"^GET request: url '/api/v2/monitors\\r' holds the control character"):
        api.get("/api/v2/monitors\r")
    assert wire.requests == []


def test_a_raw_request_url_httpx_cannot_parse_is_a_validation_error() -> None:
    api, wire = make_api(MONITOR)
    path = "/api/v2/monitors/" + "1" * 70_000
    refused = r"^GET request: url '/api/v2/monitors/1+' is not a URL or path that can be sent \(URL too long\)$"
    with pytest.raises(ValidationError, match=refused):
        api.request("GET", path)
    assert wire.requests == []


def test_negative_rate_limit_is_a_configuration_error() -> None:
    with pytest.raises(ConfigurationError):
        make_api(MONITOR, rate_limit=-1)


# Lifecycle ----------------------------------------------------------------------------------


def test_context_manager_closes_the_pool_and_the_transport() -> None:
    recorder = Recorder(MONITOR)
    transport = ClosingTransport(recorder)
    with UptimeAPI(TOKEN, transport=transport) as api:
        Monitor.get(api, 2)
        assert not transport.closed
    assert transport.closed
    assert api.client.get_httpx_client().is_closed
    assert len(recorder.requests) == 1


def test_async_context_manager_closes_the_async_pool() -> None:
    recorder = Recorder(MONITOR)
    transport = ClosingTransport(recorder)

    async def use() -> UptimeAPI:
        async with UptimeAPI(TOKEN, transport=transport) as api:
            await api.acall(get_monitor, monitor_id="2")
        return api

    api = asyncio.run(use())
    assert transport.aclosed
    assert api.client.get_async_httpx_client().is_closed
    assert len(recorder.requests) == 1


CLOSED = (
    "GET https://uptime.betterstack.com/api/v2/monitors/2: the client is closed (by close(), aclose() or the "
    "end of its `with` block) and sends nothing more; make a new UptimeAPI for further requests"
)


@pytest.mark.parametrize("used", [False, True], ids=["never-used", "used"])
def test_a_call_after_close_raises_client_closed_error_and_sends_nothing(used: bool) -> None:
    api, wire = make_api(MONITOR)
    if used:
        Monitor.get(api, 2)
    api.close()
    with pytest.raises(ClientClosedError) as caught:
        Monitor.get(api, 2)
    assert str(caught.value) == CLOSED
    assert isinstance(caught.value, RuntimeError)  # what httpx raised here before
    assert len(wire.requests) == int(used)


def test_an_async_call_after_async_with_raises_client_closed_error() -> None:
    api, wire = make_api(MONITOR)

    async def use_then_call_again() -> None:
        async with api:
            await api.acall(get_monitor, monitor_id="2")
        await api.acall(get_monitor, monitor_id="2")

    with pytest.raises(ClientClosedError) as caught:
        asyncio.run(use_then_call_again())
    assert str(caught.value) == CLOSED
    assert len(wire.requests) == 1


@pytest.mark.parametrize("used", [False, True], ids=["never-used", "used"])
def test_the_generated_layer_sends_nothing_after_close(used: bool) -> None:
    api, wire = make_api(MONITOR)
    if used:
        get_monitor.sync_detailed(monitor_id="2", client=api.client)
    api.close()
    # ClientClosedError through the SDK's transport; httpx's own RuntimeError once its client was closed.
    with pytest.raises(RuntimeError, match="closed"):
        get_monitor.sync_detailed(monitor_id="2", client=api.client)
    assert len(wire.requests) == int(used)


def test_entering_a_closed_client_raises_client_closed_error() -> None:
    api, _wire = make_api(MONITOR)
    with api:
        pass
    with pytest.raises(ClientClosedError, match="make a new UptimeAPI"), api:
        pass

    async def enter() -> None:
        async with api:
            pass

    with pytest.raises(ClientClosedError, match="make a new UptimeAPI"):
        asyncio.run(enter())


def test_a_request_cut_short_by_close_is_not_retried() -> None:
    requests: list[httpx.Request] = []

    def close_while_in_flight(request: httpx.Request) -> httpx.Response:
        requests.append(request)
        api.close()  # as another thread would, while this request waits for its answer
        raise httpx.ReadError("the connection was shut down", request=request)

    api = UptimeAPI(TOKEN, transport=httpx.MockTransport(close_while_in_flight), retries=3, backoff_factor=0)
    with pytest.raises(ClientClosedError) as caught:
        Monitor.get(api, 2)
    assert str(caught.value) == CLOSED
    assert len(requests) == 1


def test_a_retry_wait_ends_at_once_when_the_client_is_closed() -> None:
    def close_then_ask_to_wait(request: httpx.Request) -> httpx.Response:
        api.close()
        return httpx.Response(503, headers={"Retry-After": "30"}, json={"errors": "down"})

    recorder = Recorder(close_then_ask_to_wait)
    api = UptimeAPI(TOKEN, transport=httpx.MockTransport(recorder), retries=3)
    started = time.monotonic()
    with pytest.raises(ClientClosedError):
        Monitor.get(api, 2)
    assert time.monotonic() - started < 5  # not the 30 s asked for
    assert len(recorder.requests) == 1


# Event loops --------------------------------------------------------------------------------


class Opened(list[ClosingTransport]):
    """A transport factory for `LoopTransports`, keeping what it opened, oldest first."""

    def __call__(self) -> ClosingTransport:
        self.append(ClosingTransport(Recorder(MONITOR)))
        return self[-1]


async def send_through(loops: LoopTransports) -> int:
    return (await loops.handle_async_request(httpx.Request("GET", "https://uptime.betterstack.com/"))).status_code


def test_each_event_loop_gets_its_own_async_transport_closed_as_the_loop_ends() -> None:
    opened = Opened()
    loops = LoopTransports(opened)
    assert [asyncio.run(send_through(loops)), asyncio.run(send_through(loops))] == [200, 200]
    assert [transport.aclosed for transport in opened] == [True, True]


def test_aclose_closes_the_running_loops_transport_at_once() -> None:
    opened = Opened()
    loops = LoopTransports(opened)

    async def send_then_close() -> bool:
        await send_through(loops)
        await loops.aclose()
        return opened[0].aclosed

    assert asyncio.run(send_then_close())


def test_a_loop_closed_without_shutting_down_is_forgotten_quietly() -> None:
    opened = Opened()
    loops = LoopTransports(opened)

    async def send() -> None:
        await send_through(loops)

    loop = asyncio.new_event_loop()
    loop.run_until_complete(send())
    loop.close()  # without shutdown_asyncgens(): its transport cannot be closed on it any more
    asyncio.run(send())
    gc.collect()  # a keeper handed to the closed loop would fail here, as an unraisable error
    assert [transport.aclosed for transport in opened] == [False, True]


# The generated layer's client -------------------------------------------------------------------


def test_generated_functions_work_with_api_client() -> None:
    api, wire = make_api(lambda _r: httpx.Response(200, json=fixture("list_monitors")))
    parsed = list_monitors.sync(client=api.client, per_page=10)
    assert isinstance(parsed, MonitorList)
    assert [str(item.id) for item in parsed.data] == [str(item["id"]) for item in fixture("list_monitors")["data"]]
    assert str(wire.last.url) == "https://uptime.betterstack.com/api/v2/monitors?per_page=10"
    assert wire.last.headers["Authorization"] == f"Bearer {TOKEN}"


def test_generated_functions_share_the_retrying_transport() -> None:
    answers = iter([httpx.Response(503), httpx.Response(200, json=fixture("list_monitors"))])
    recorder = Recorder(lambda _r: next(answers))
    api = UptimeAPI(TOKEN, transport=httpx.MockTransport(recorder))
    waits: list[float] = []
    api.transport._sleep = waits.append
    parsed = list_monitors.sync(client=api.client)
    assert isinstance(parsed, MonitorList)
    assert len(recorder.requests) == 2
    assert len(waits) == 1


# Raw requests -------------------------------------------------------------------------------


def test_raw_post_sends_the_json_body() -> None:
    api, wire = make_api(lambda _r: httpx.Response(201, json=fixture("create_monitor")))
    response = api.post("/api/v2/monitors", body={"monitor_type": "status", "url": "https://example.com"})
    assert response.status_code == 201
    assert (wire.last.method, wire.last.url.path) == ("POST", "/api/v2/monitors")
    assert wire.last.headers["Content-Type"] == "application/json"
    assert json.loads(wire.last.content) == {"monitor_type": "status", "url": "https://example.com"}


def test_raw_patch_sends_the_json_body() -> None:
    api, wire = make_api(MONITOR)
    api.patch("/api/v2/monitors/2", body={"paused": True, "regions": ["us"]})
    assert (wire.last.method, wire.last.url.path) == ("PATCH", "/api/v2/monitors/2")
    assert json.loads(wire.last.content) == {"paused": True, "regions": ["us"]}


def test_raw_delete_sends_no_body() -> None:
    api, wire = make_api(lambda _r: httpx.Response(204))
    response = api.delete("/api/v2/monitors/2", body={"ignored": True})
    assert response.status_code == 204
    assert (wire.last.method, wire.last.url.path, wire.last.content) == ("DELETE", "/api/v2/monitors/2", b"")


@pytest.mark.parametrize("method", ["post", "patch", "delete"])
def test_raw_query_keys_lose_one_trailing_underscore(method: str) -> None:
    api, wire = make_api(lambda _r: httpx.Response(200, json={}))
    getattr(api, method)("/api/v2/monitors/2/sla", parameters={"from_": "2026-01-01", "to": "2026-01-31", "odd__": 1})
    assert list(wire.last.url.params.multi_items()) == [("from", "2026-01-01"), ("to", "2026-01-31"), ("odd_", "1")]


def test_raw_query_booleans_go_out_lowercase() -> None:
    api, wire = make_api(lambda _r: httpx.Response(200, json={}))
    api.request("GET", "/api/v3/incidents", parameters={"resolved": False, "acknowledged": True})
    assert wire.last.url.query == b"resolved=false&acknowledged=true"


def test_raw_request_errors_raise() -> None:
    api, _ = make_api(lambda _r: httpx.Response(422, json={"errors": {"url": ["is invalid"]}}))
    with pytest.raises(UnprocessableEntityError) as caught:
        api.post("/api/v2/monitors", body={"url": "nope"})
    assert caught.value.response_body == {"url": ["is invalid"]}


def test_a_path_parameter_of_none_is_refused_not_sent_as_text() -> None:
    api, wire = make_api({})
    with pytest.raises(ValidationError, match=r"get_monitor: monitor_id is None, not an id \(nothing was sent\)"):
        api.call(get_monitor, monitor_id=None)
    assert wire.requests == []
