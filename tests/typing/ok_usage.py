"""Typical user code that must pass `mypy --strict` (checked by tests/test_typing.py; never run).

`assert_type` fails when a type is wider than stated, including `Any`, so these lines prove
that attributes, constructors and filters keep their precise types.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, assert_type

from betterstack.uptime import (
    APIError,
    NotFoundError,
    Page,
    PageLinks,
    RateLimitError,
    UptimeAPI,
    apaginate,
    iter_pages,
    paginate,
)
from betterstack.uptime.objects import Monitor, MonitorGroup, MonitorSLA
from betterstack_sdk.api.monitors import list_monitors
from betterstack_sdk.models.monitor_list import MonitorList


def read_attributes(api: UptimeAPI) -> None:
    monitor = Monitor.get(api, 42)
    assert_type(monitor, Monitor)
    url: str | None = monitor.url
    assert_type(monitor.url, str | None)
    assert_type(monitor.check_frequency, int | None)
    assert_type(monitor.regions, list[str] | None)
    assert_type(monitor.id, str)
    assert_type(monitor.is_paused, bool)
    assert_type(monitor.sla, MonitorSLA)
    assert_type(monitor.get_modified_properties(), list[str])
    print(url)


def edit_and_save(api: UptimeAPI) -> None:
    monitor = Monitor(id="42", _api=api)
    monitor.fetch_data()
    monitor.url = "https://example.com/health"
    monitor.check_frequency = 60
    monitor.policy_id = None
    if monitor.regions is not None:
        monitor.regions.append("au")
    monitor.save()
    monitor.pause()
    monitor.delete()


def create(api: UptimeAPI) -> str:
    monitor = Monitor.new(api, monitor_type="status", url="https://x")
    assert_type(monitor, Monitor)
    Monitor.new(api, monitor_type="keyword", url="https://x", required_keyword="ok", regions=["us", "eu"])
    created, group = MonitorGroup.get_or_create(api, name="Production")
    assert_type(created, bool)
    assert_type(group, MonitorGroup)
    return monitor.id


def list_and_filter(api: UptimeAPI) -> list[str]:
    found = Monitor.filter(api, url="x", per_page=10)
    assert_type(found, Iterator[Monitor])
    names: list[str] = [monitor.pronounceable_name or "" for monitor in found]
    everything: Iterator[Monitor] = Monitor.get_all_instances(api)
    for group in MonitorGroup.get_all_instances(api):
        assert_type(group.monitors, list[Monitor])
    return names + [monitor.id for monitor in everything]


class TaggedMonitor(Monitor):
    """A user's subclass with a field of its own."""

    owner: str | None


def subclass(api: UptimeAPI) -> str | None:
    monitor = TaggedMonitor.get(api, 1)
    assert_type(monitor, TaggedMonitor)
    monitor.owner = "ops"
    return monitor.owner


def handle_errors(api: UptimeAPI) -> float | None:
    try:
        Monitor.get(api, 404)
    except NotFoundError as error:
        assert_type(error.status_code, int)
    except RateLimitError as error:
        return error.retry_after
    except APIError as error:
        print(error.method, error.url, error.response_body)
    return None


def pages_and_raw(api: UptimeAPI) -> None:
    for page in iter_pages(api, list_monitors, per_page=100):
        assert_type(page, Page[Any])
        links: PageLinks = page.links
        print(links.next, len(page.items))
    for item in paginate(api, list_monitors):
        print(item)
    for raw in api.get("/api/v2/monitors", parameters={"per_page": 100}):
        assert_type(raw, dict[str, Any])
    parsed = list_monitors.sync(client=api.client)
    if isinstance(parsed, MonitorList):
        print(parsed.data)


def context_manager() -> None:
    with UptimeAPI() as api:
        assert_type(api, UptimeAPI)
        Monitor.get(api, 1)


async def asynchronous(api: UptimeAPI) -> None:
    async with api:
        async for item in apaginate(api, list_monitors):
            print(item)
