"""Defects a review of the core found, each pinned by the behaviour that was wrong."""

from __future__ import annotations

import asyncio
import gzip
import json
from typing import Any

import httpx
import pytest

from betterstack.uptime import (
    BetterStackError,
    ConfigurationError,
    UptimeAPI,
    ValidationError,
    apaginate,
)
from betterstack.uptime.objects import Monitor, MonitorSLA
from betterstack.uptime.testing import FakeUptime, Fault, serve
from betterstack_sdk.api.monitors import list_monitors

MONITORS = "/api/v2/monitors"


def seeded_fake() -> FakeUptime:
    return FakeUptime(seed={MONITORS: [{"id": "1", "url": "https://a.example", "monitor_type": "status"}]})


def test_a_delete_that_reached_the_server_is_not_sent_again() -> None:
    fake = seeded_fake()
    api = UptimeAPI("test-token", transport=fake.transport, backoff_factor=0)
    monitor = Monitor.get(api, 1)
    fake.faults.add(Fault("drop_after"), method="DELETE")
    with pytest.raises(BetterStackError):
        monitor.delete()
    assert fake.find(MONITORS, "1") is None  # deleted once; no second DELETE turned it into a 404


def test_a_gzip_encoded_create_answered_with_200_parses() -> None:
    body = {"data": {"id": "7", "type": "monitor", "attributes": {"url": "https://a.example"}}}

    def answer(_request: httpx.Request) -> httpx.Response:
        headers = {"Content-Type": "application/json", "Content-Encoding": "gzip"}
        return httpx.Response(200, headers=headers, content=gzip.compress(json.dumps(body).encode()))

    api = UptimeAPI("t", transport=httpx.MockTransport(answer))
    assert Monitor.new(api, url="https://a.example", monitor_type="status").id == "7"


def _bad_encoding(_request: httpx.Request) -> httpx.Response:
    # A proxy labelling a plain body as gzip: httpx fails while decoding it.
    return httpx.Response(200, headers={"Content-Encoding": "gzip"}, stream=httpx.ByteStream(b'{"data": 1}'))


def _redirect(_request: httpx.Request) -> httpx.Response:
    return httpx.Response(301, headers={"Location": "https://uptime.betterstack.com/api/v2/monitors/1"})


@pytest.mark.parametrize("answer", [_bad_encoding, _redirect], ids=["bad-encoding", "redirect"])
def test_odd_responses_raise_the_sdks_own_errors(answer: Any) -> None:
    api = UptimeAPI("t", transport=httpx.MockTransport(answer), retries=0)
    with pytest.raises(BetterStackError):
        Monitor.get(api, 1)


def test_a_sync_only_transport_is_never_bypassed_by_async_calls() -> None:
    class SyncOnly(httpx.BaseTransport):
        def handle_request(self, request: httpx.Request) -> httpx.Response:
            return httpx.Response(200, json={"data": [], "pagination": {"next": None}})

    api = UptimeAPI("real-secret-token", transport=SyncOnly(), retries=0)

    async def collect() -> list[Any]:
        return [item async for item in apaginate(api, list_monitors)]

    with pytest.raises(ConfigurationError):
        asyncio.run(collect())


def test_new_rejects_a_misspelt_field_before_any_request() -> None:
    fake = FakeUptime()
    api = UptimeAPI("test-token", transport=fake.transport)
    with pytest.raises(ValidationError, match="did you mean 'pronounceable_name'"):
        Monitor.new(api, url="https://a.example", monitor_type="status", pronouncable_name="Shop")  # type: ignore[call-arg]
    assert fake.collection(MONITORS) == {}


def test_a_body_cut_short_is_retried_for_a_get() -> None:
    fake = seeded_fake()
    fake.faults.add(Fault("truncated"), method="GET")
    with serve(fake) as running, UptimeAPI("test-token", base_url=running.base_url, backoff_factor=0) as api:
        assert Monitor.get(api, 1).url == "https://a.example"
    assert fake.faults.take("GET", "/api/v2/monitors/1") is None  # the fault was served, then the retry


def test_absolute_urls_keep_their_host_across_pages() -> None:
    seen: list[str] = []

    def answer(request: httpx.Request) -> httpx.Response:
        seen.append(str(request.url.host))
        page = int(request.url.params.get("page", 1))
        following = f"https://betterstack.com/api/v2/team-members?page={page + 1}" if page < 2 else None
        return httpx.Response(200, json={"data": [{"id": str(page)}], "pagination": {"next": following}})

    api = UptimeAPI("t", transport=httpx.MockTransport(answer), max_workers=1)
    assert [item["id"] for item in api.get("https://betterstack.com/api/v2/team-members")] == ["1", "2"]
    assert seen == ["betterstack.com", "betterstack.com"]


def test_downtime_duration_follows_each_timeframe() -> None:
    def answer(request: httpx.Request) -> httpx.Response:
        down = 100 if request.url.params.get("from") == "2026-01-01" else 7
        attributes = {"availability": 99.0, "total_downtime": down}
        return httpx.Response(200, json={"data": {"id": "1", "type": "monitor_sla", "attributes": attributes}})

    sla = MonitorSLA(id="1", _api=UptimeAPI("t", transport=httpx.MockTransport(answer)))
    sla.fetch_sla("2026-01-01", "2026-01-31")
    sla.fetch_sla("2026-02-01", "2026-02-28")
    assert (sla.total_downtime, sla.downtime_duration) == (7, 7)


def test_get_or_create_never_prints_a_secret() -> None:
    fake = FakeUptime()
    for record_id in ("1", "2"):
        fake.add(MONITORS, {"url": "https://a.example", "auth_password": "hunter2"}, id=record_id)
    api = UptimeAPI("test-token", transport=fake.transport)
    with pytest.raises(ValidationError) as caught:
        Monitor.get_or_create(api, url="https://a.example", auth_password="hunter2")
    assert "hunter2" not in str(caught.value)


def test_new_ids_never_collide_with_seeded_ones() -> None:
    fake = FakeUptime(seed={MONITORS: [{"id": "100001", "url": "https://seeded.example"}]})
    api = UptimeAPI("test-token", transport=fake.transport)
    created = Monitor.new(api, url="https://new.example", monitor_type="status")
    assert created.id != "100001"
    assert fake.find(MONITORS, "100001")["attributes"]["url"] == "https://seeded.example"  # type: ignore[index]


@pytest.mark.sync_only("it calls the sync get inside a running loop on purpose, to open both pools")
def test_close_closes_every_pool_that_was_opened() -> None:
    fake = seeded_fake()

    async def use_both() -> UptimeAPI:
        async with UptimeAPI("test-token", transport=fake.transport) as api:
            Monitor.get(api, 1)
            [item async for item in apaginate(api, list_monitors)]
        return api

    api = asyncio.run(use_both())
    assert api.client.get_httpx_client().is_closed
    assert api.client.get_async_httpx_client().is_closed
