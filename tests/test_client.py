"""The client: token, hosts, headers, lifecycle, the generated layer's client, and raw requests."""

from __future__ import annotations

import asyncio
import json

import httpx
import pytest

from betterstack.uptime import (
    ConfigurationError,
    PaginatedAPI,
    UnprocessableEntityError,
    UptimeAPI,
    ValidationError,
)
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
