"""Typical user code that must pass `mypy --strict` and pyright strict (checked by tests/test_typing.py; never run).

tests/test_typing.py checks it against the SDK as installed from its wheel. `assert_type` fails
when a type is wider than stated, including `Any`, so these lines prove that attributes,
constructors, filters and errors keep the precise types users see.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, Literal, assert_type

from betterstack.uptime import (
    APIError,
    JSONValue,
    NotFoundError,
    Page,
    PageLinks,
    RateLimitError,
    UptimeAPI,
    apaginate,
    iter_pages,
    paginate,
)
from betterstack.uptime.objects import (
    EscalationPolicy,
    Heartbeat,
    Incident,
    IncidentTimelineItem,
    Monitor,
    MonitorGroup,
    MonitorSLA,
    OnCallCalendar,
    OnCallUser,
    PolicyStep,
    StatusPage,
    StatusPageSection,
    StepMember,
    TeamMember,
)
from betterstack_sdk import shapes
from betterstack_sdk.api.monitors import list_monitors
from betterstack_sdk.models.monitor_list import MonitorList
from betterstack_sdk.models.monitor_resource import MonitorResource
from betterstack_sdk.shapes import MonitorType


def helper_results(api: UptimeAPI) -> None:
    assert_type(Monitor(id="1", _api=api).response_times(), shapes.MonitorResponseTimesAttributes)
    assert_type(Heartbeat(id="1", _api=api).availability(), shapes.HeartbeatAvailabilityAttributes)
    assert_type(Incident(id="1", _api=api).timeline(), list[IncidentTimelineItem])
    calendar = OnCallCalendar(id="1", _api=api)
    assert_type(calendar.on_call_users, list[OnCallUser])
    assert_type(calendar.get_rotation(), shapes.OnCallRotation)


def read_attributes(api: UptimeAPI) -> None:
    monitor = Monitor.get(api, 42)
    assert_type(monitor, Monitor)
    url: str | None = monitor.url
    assert_type(monitor.url, str | None)
    assert_type(monitor.check_frequency, int | None)
    assert_type(monitor.regions, list[Literal["us", "eu", "as", "au"]] | None)
    assert_type(monitor.monitor_type, MonitorType | None)
    assert_type(monitor.pronounceable_name, str | None)
    assert_type(monitor.id, str)
    assert_type(monitor.is_paused, bool)
    assert_type(monitor.sla, MonitorSLA)
    assert_type(monitor.get_modified_properties(), list[str])
    print(url)


def read_other_resources(api: UptimeAPI) -> None:
    heartbeat = Heartbeat.get(api, "7")
    assert_type(heartbeat, Heartbeat)
    assert_type(heartbeat.name, str | None)
    assert_type(heartbeat.period, int | None)
    assert_type(heartbeat.grace, int | None)
    assert_type(heartbeat.is_paused, bool)
    incident = Incident.get(api, "501")
    assert_type(incident, Incident)
    assert_type(incident.name, str | None)
    assert_type(incident.cause, str | None)
    assert_type(incident.monitor_id, int | None)
    assert_type(incident.is_acknowledged, bool)
    assert_type(incident.is_resolved, bool)
    page = StatusPage.get(api, "123")
    assert_type(page, StatusPage)
    assert_type(page.company_name, str | None)
    assert_type(page.sections, list[StatusPageSection])
    # A pending invitation may have no id (the API sends null); members always have one.
    for member in TeamMember.filter(api, email="bob@example.com"):
        assert_type(member.id, str | None)
        assert_type(member.is_invitation, bool)


def edit_and_save(api: UptimeAPI) -> None:
    monitor = Monitor(id="42", _api=api)
    monitor.fetch_data()
    monitor.url = "https://example.com/health"
    monitor.check_frequency = 60
    monitor.policy_id = None
    monitor.monitor_type = "keyword"
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
    assert_type(Monitor.get_or_create(api, url="https://x", monitor_type="status"), tuple[bool, Monitor])
    assert_type(Monitor(id="1", _api=api, url="https://x", check_frequency=60), Monitor)
    return monitor.id


def copy_what_was_read(api: UptimeAPI) -> Monitor:
    # Read and write types agree: whatever a field reads back goes into new(), the constructor
    # or an assignment without a cast.
    source = Monitor.get(api, 1)
    copy = Monitor.new(
        api,
        monitor_type=source.monitor_type,
        url=source.url,
        regions=source.regions,
        request_headers=source.request_headers,
        maintenance_days=source.maintenance_days,
        policy_id=source.policy_id,
    )
    copy.regions = source.regions
    copy.http_method = source.http_method
    Monitor(id="2", _api=api, monitor_type=source.monitor_type, regions=source.regions)
    page = StatusPage.get(api, 1)
    StatusPage.new(
        api,
        company_name="Copy",
        company_url=page.company_url,
        subdomain="copy",
        timezone=page.timezone,
        navigation_links=page.navigation_links,
    )
    return copy


def policy_steps_assigned(api: UptimeAPI) -> None:
    policy = EscalationPolicy.get(api, 1)
    policy.steps = [
        PolicyStep.escalation(urgency_id=123, step_members=[StepMember.current_on_call()]),
        PolicyStep(step_type="escalation", urgency_id=5),
        {"type": "escalation", "urgency_id": 5},
    ]
    current = policy.steps
    if current is not None:
        policy.steps = [PolicyStep.from_dict(step) for step in current]
    policy.save()


def list_and_filter(api: UptimeAPI) -> list[str]:
    found = Monitor.filter(api, url="x", per_page=10)
    assert_type(found, Iterator[Monitor])
    names: list[str] = [monitor.pronounceable_name or "" for monitor in found]
    everything: Iterator[Monitor] = Monitor.get_all_instances(api)
    for group in MonitorGroup.get_all_instances(api):
        assert_type(group.monitors, list[Monitor])
    for monitor in Monitor.get_all_instances(api):
        assert_type(monitor, Monitor)
    for monitor in Monitor.filter(api, url="https://example.com"):
        assert_type(monitor, Monitor)
    for heartbeat in Heartbeat.get_all_instances(api):
        assert_type(heartbeat, Heartbeat)
    for incident in Incident.filter(api, resolved=False):
        assert_type(incident, Incident)
    return names + [monitor.id for monitor in everything]


class TaggedMonitor(Monitor):
    """A user's subclass with a field of its own."""

    owner: str | None


def helper_keywords(api: UptimeAPI) -> None:
    Incident(id="1", _api=api).escalate("User", user_email="a@x.io", call=True)
    calendar = OnCallCalendar(id="1", _api=api)
    calendar.create_rotation(["a@x.io"], 1, "week", "2026-01-01T00:00:00Z", "2027-01-01T00:00:00Z")
    # The older package's keyword for the unit, still taken.
    calendar.create_rotation(
        ["a@x.io"], 1, rotation_period="day", start_rotations_at="2026-01-01", end_rotations_at="2027-01-01"
    )


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
        assert_type(error.retry_after, float | None)
        return error.retry_after
    except APIError as error:
        # The API's `errors` value as it was sent: JSON, a field map for a 422.
        assert_type(error.response_body, JSONValue)
        body: dict[str, Any] | list[Any] | str | int | float | bool | None = error.response_body
        if isinstance(error.response_body, dict):
            for field_name in error.response_body:
                assert_type(field_name, str)
        assert_type(error.method, str)
        assert_type(error.url, str)
        print(error.method, error.url, body)
    return None


def policy_steps() -> list[PolicyStep]:
    escalation = PolicyStep(
        step_type="escalation", wait_before=0, urgency_id=123, step_members=[{"type": "current_on_call"}]
    )
    assert_type(escalation.wait_before, int | None)
    return [escalation, PolicyStep(step_type="time_branching", days=["sat", "sun"], policy_id=456)]


def pages_and_raw(api: UptimeAPI) -> None:
    for page in iter_pages(api, list_monitors, per_page=100):
        assert_type(page, Page[MonitorResource])
        links: PageLinks = page.links
        print(links.next, len(page.items))
    for item in paginate(api, list_monitors):
        assert_type(item, MonitorResource)
    assert_type(api.call(list_monitors, per_page=10), MonitorList)
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


async def async_objects(api: UptimeAPI) -> list[str]:
    monitor = await Monitor.aget(api, 42)
    assert_type(monitor, Monitor)
    assert_type(monitor.url, str | None)
    monitor.check_frequency = 30
    await monitor.asave()
    await monitor.apause()
    created = await Monitor.anew(api, monitor_type="status", url="https://example.com", regions=["us", "eu"])
    assert_type(created, Monitor)
    found = await Monitor.aget_or_create(api, monitor_type="status", url="https://example.com")
    assert_type(found, tuple[bool, Monitor])
    ids = [each.id async for each in Monitor.aget_all_instances(api)]
    ids += [each.id async for each in Monitor.afilter(api, url="https://example.com", per_page=10)]
    group = await MonitorGroup.aget(api, 1)
    assert_type(await group.afetch_monitors(), list[Monitor])
    assert_type(await monitor.aresponse_times(), shapes.MonitorResponseTimesAttributes)
    await created.adelete()
    return ids
