"""The fake API's monitors, heartbeats and their groups, driven through the object API."""

from __future__ import annotations

import datetime
import json
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from betterstack.uptime import APIError, NotFoundError, UnprocessableEntityError, UptimeAPI
from betterstack.uptime.objects import Heartbeat, HeartbeatGroup, Monitor, MonitorGroup, MonitorSLA
from betterstack.uptime.testing import FakeUptime
from betterstack.uptime.testing._routes import find
from betterstack.uptime.testing._validation import body_errors

from wire import Clock

START = datetime.datetime(2026, 11, 1, 12, 0, tzinfo=datetime.UTC)
MONITORS = "/api/v2/monitors"
HEARTBEATS = "/api/v2/heartbeats"
INCIDENTS = "/api/v3/incidents"


class CheckedTransport(httpx.BaseTransport):
    """The fake's transport, keeping each request and checking each success against the spec."""

    def __init__(self, fake: FakeUptime) -> None:
        self.inner = fake.transport
        self.requests: list[httpx.Request] = []

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        response: httpx.Response = self.inner.handle_request(request)
        self.requests.append(request)
        found = find(request.method, request.url.path)
        assert found is not None
        route = found[0]
        if response.status_code == route.success and route.response_schema is not None:
            assert body_errors(route.response_schema, json.loads(response.content)) is None
        return response

    @property
    def last(self) -> httpx.Request:
        return self.requests[-1]

    def body(self) -> Any:
        return json.loads(self.last.content)


@pytest.fixture
def clock() -> Clock:
    return Clock(START)


@pytest.fixture
def fake(clock: Clock) -> FakeUptime:
    return FakeUptime(clock=clock)


@pytest.fixture
def wire(fake: FakeUptime) -> CheckedTransport:
    return CheckedTransport(fake)


@pytest.fixture
def api(wire: CheckedTransport) -> Iterator[UptimeAPI]:
    with UptimeAPI("test-token", transport=wire, retries=0) as client:
        yield client


def stamp(moment: datetime.datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%S.000Z")


def stored(fake: FakeUptime, collection: str, record_id: str) -> dict[str, Any]:
    record = fake.find(collection, record_id)
    assert record is not None
    attributes: dict[str, Any] = record["attributes"]
    return attributes


def incident(fake: FakeUptime, start: datetime.datetime, minutes: float | None, **link: Any) -> None:
    """Store an incident that lasted `minutes` (None: still open), linked as `link` says."""
    resolved = None if minutes is None else stamp(start + datetime.timedelta(minutes=minutes))
    attributes = {"started_at": stamp(start), "resolved_at": resolved}
    relationships = link.pop("relationships", None)
    extra = {} if relationships is None else {"relationships": relationships}
    fake.add(INCIDENTS, {**attributes, **link}, **extra)


def new_monitor(api: UptimeAPI, **fields: Any) -> Monitor:
    return Monitor.new(api, monitor_type="status", url="https://example.com", **fields)


# Monitors ------------------------------------------------------------------------------------


def test_a_new_monitor_is_pending_with_the_fields_sent(fake: FakeUptime, api: UptimeAPI) -> None:
    monitor = new_monitor(api, regions=["eu", "us"], check_frequency=60, paused=False)
    assert monitor.status == "pending"
    assert monitor.paused_at is None
    assert monitor.regions == ["eu", "us"]
    assert monitor.check_frequency == 60
    assert monitor.created_at == stamp(START)
    attributes = stored(fake, MONITORS, monitor.id)
    assert attributes["status"] == "pending"
    assert attributes["url"] == "https://example.com"
    assert attributes["paused"] is None  # a switch, shown as paused_at and status


def test_a_monitor_created_paused_is_paused(fake: FakeUptime, api: UptimeAPI) -> None:
    monitor = new_monitor(api, paused=True)
    assert monitor.status == "paused"
    assert monitor.paused_at == stamp(START)
    assert monitor.is_paused
    assert stored(fake, MONITORS, monitor.id)["paused_at"] == stamp(START)


def test_new_request_headers_get_ids(fake: FakeUptime, api: UptimeAPI) -> None:
    monitor = new_monitor(api, request_headers=[{"name": "X-Probe", "value": "uptime"}])
    assert monitor.request_headers is not None
    [header] = monitor.request_headers
    assert header["name"] == "X-Probe"
    assert header["value"] == "uptime"
    assert isinstance(header["id"], str)
    assert stored(fake, MONITORS, monitor.id)["request_headers"] == [header]


def test_pause_sets_paused_at_and_status(fake: FakeUptime, api: UptimeAPI, clock: Clock) -> None:
    monitor = new_monitor(api)
    clock.advance(hours=1)
    monitor.pause()
    paused_at = stamp(START + datetime.timedelta(hours=1))
    assert (monitor.status, monitor.paused_at) == ("paused", paused_at)
    attributes = stored(fake, MONITORS, monitor.id)
    assert (attributes["status"], attributes["paused_at"], attributes["updated_at"]) == ("paused", paused_at, paused_at)


def test_resume_clears_paused_at_and_the_monitor_is_up(fake: FakeUptime, api: UptimeAPI) -> None:
    monitor = new_monitor(api, paused=True)
    monitor.resume()
    assert (monitor.status, monitor.paused_at) == ("up", None)
    attributes = stored(fake, MONITORS, monitor.id)
    assert (attributes["status"], attributes["paused_at"]) == ("up", None)


def test_save_merges_the_changed_fields(fake: FakeUptime, api: UptimeAPI, wire: CheckedTransport) -> None:
    monitor = new_monitor(api, check_frequency=60, email=True)
    monitor.check_frequency = 30
    monitor.save()
    assert wire.body() == {"check_frequency": 30}
    assert Monitor.get(api, monitor.id).check_frequency == 30
    attributes = stored(fake, MONITORS, monitor.id)
    assert (attributes["check_frequency"], attributes["email"], attributes["status"]) == (30, True, "pending")


def test_a_header_sent_with_destroy_is_deleted_and_new_ones_are_added(fake: FakeUptime, api: UptimeAPI) -> None:
    monitor = new_monitor(api, request_headers=[{"name": "A", "value": "1"}, {"name": "B", "value": "2"}])
    assert monitor.request_headers is not None
    first, second = monitor.request_headers
    destroy = {"id": first["id"], "_destroy": "true"}
    monitor.request_headers = [destroy, second, {"name": "C", "value": "3"}]  # type: ignore[list-item]
    monitor.save()
    assert monitor.request_headers is not None
    assert [(h["name"], h["value"]) for h in monitor.request_headers] == [("B", "2"), ("C", "3")]
    assert monitor.request_headers[0]["id"] == second["id"]
    assert monitor.request_headers[1]["id"] not in {first["id"], second["id"]}
    assert all("_destroy" not in header for header in stored(fake, MONITORS, monitor.id)["request_headers"])


def test_a_header_dropped_from_the_list_is_deleted(fake: FakeUptime, api: UptimeAPI, wire: CheckedTransport) -> None:
    monitor = new_monitor(api, request_headers=[{"name": "A", "value": "1"}, {"name": "B", "value": "2"}])
    assert monitor.request_headers is not None
    first, second = monitor.request_headers
    monitor.request_headers = [second]
    monitor.save()
    assert wire.body() == {"request_headers": [second, {"id": first["id"], "_destroy": "true"}]}
    assert monitor.request_headers == [second]
    assert stored(fake, MONITORS, monitor.id)["request_headers"] == [second]


def test_request_headers_null_on_create_makes_a_monitor_without_headers(fake: FakeUptime, api: UptimeAPI) -> None:
    monitor = new_monitor(api, request_headers=None)
    assert monitor.request_headers == []
    assert stored(fake, MONITORS, monitor.id)["request_headers"] == []


def test_an_upper_case_http_method_is_taken_and_answered_in_lower_case(
    fake: FakeUptime, api: UptimeAPI, wire: CheckedTransport
) -> None:
    monitor = new_monitor(api, http_method="GET")
    assert wire.body()["http_method"] == "GET"
    assert monitor.http_method == "get"
    monitor.http_method = "Post"  # type: ignore[assignment]
    monitor.save()
    assert (monitor.http_method, stored(fake, MONITORS, monitor.id)["http_method"]) == ("post", "post")


def test_an_http_method_outside_the_documented_ones_is_still_a_422(api: UptimeAPI) -> None:
    with pytest.raises(UnprocessableEntityError) as caught:
        api.request("POST", MONITORS, body={"monitor_type": "status", "url": "https://x", "http_method": "TRACE"})
    errors = caught.value.response_body
    assert isinstance(errors, dict)
    assert list(errors) == ["http_method"]


def test_a_header_sent_with_its_id_is_changed(api: UptimeAPI) -> None:
    monitor = new_monitor(api, request_headers=[{"name": "A", "value": "1"}])
    assert monitor.request_headers is not None
    header_id = monitor.request_headers[0]["id"]
    monitor.request_headers = [{"id": header_id, "value": "2"}]
    monitor.save()
    assert monitor.request_headers == [{"id": header_id, "name": "A", "value": "2"}]


def test_an_unknown_header_id_is_a_422_and_changes_nothing(fake: FakeUptime, api: UptimeAPI) -> None:
    monitor = new_monitor(api, check_frequency=60)
    monitor.check_frequency = 30
    monitor.request_headers = [{"id": "999", "_destroy": "true"}]  # type: ignore[typeddict-unknown-key]
    with pytest.raises(UnprocessableEntityError) as caught:
        monitor.save()
    assert caught.value.response_body == {"request_headers": ["has no header with id 999"]}
    assert stored(fake, MONITORS, monitor.id)["check_frequency"] == 60


def test_updating_an_unknown_monitor_is_a_404(api: UptimeAPI) -> None:
    with pytest.raises(NotFoundError):
        Monitor(id="999", _api=api).pause()


# Heartbeats ----------------------------------------------------------------------------------


def test_a_new_heartbeat_is_pending_with_a_ping_url(fake: FakeUptime, api: UptimeAPI) -> None:
    heartbeat = Heartbeat.new(api, name="Nightly backup", period=86400, grace=3600)
    assert (heartbeat.status, heartbeat.paused_at) == ("pending", None)
    assert (heartbeat.name, heartbeat.period, heartbeat.grace) == ("Nightly backup", 86400, 3600)
    assert heartbeat.url is not None
    assert heartbeat.url.startswith("https://uptime.betterstack.com/api/v1/heartbeat/")
    assert stored(fake, HEARTBEATS, heartbeat.id)["url"] == heartbeat.url


def test_a_heartbeat_created_paused_is_paused(api: UptimeAPI) -> None:
    heartbeat = Heartbeat.new(api, name="Backup", period=60, grace=0, paused=True)
    assert (heartbeat.status, heartbeat.paused_at) == ("paused", stamp(START))


def test_a_resumed_heartbeat_is_pending_again(fake: FakeUptime, api: UptimeAPI, clock: Clock) -> None:
    heartbeat = Heartbeat.new(api, name="Backup", period=60, grace=0)
    clock.advance(minutes=5)
    heartbeat.pause()
    assert (heartbeat.status, heartbeat.paused_at) == ("paused", stamp(clock.now))
    heartbeat.resume()
    assert (heartbeat.status, heartbeat.paused_at) == ("pending", None)
    attributes = stored(fake, HEARTBEATS, heartbeat.id)
    assert (attributes["status"], attributes["paused_at"]) == ("pending", None)


# SLA and availability ------------------------------------------------------------------------


def test_sla_since_creation_counts_the_monitors_incidents(fake: FakeUptime, api: UptimeAPI, clock: Clock) -> None:
    monitor = new_monitor(api)
    other = new_monitor(api)
    incident(fake, START + datetime.timedelta(hours=1), 10, monitor_id=int(monitor.id))
    incident(
        fake,
        START + datetime.timedelta(hours=5),
        30,
        relationships={"monitor": {"data": {"id": monitor.id, "type": "monitor"}}},
    )
    incident(fake, START + datetime.timedelta(hours=2), 600, monitor_id=other.id)
    clock.advance(days=1)
    sla = monitor.sla
    sla.fetch_data()
    assert sla.number_of_incidents == 2
    assert sla.total_downtime == 2400
    assert sla.downtime_duration == 2400
    assert sla.longest_incident == 1800
    assert sla.average_incident == 1200
    assert sla.availability == round(100 * (86400 - 2400) / 86400, 2)


def test_sla_over_days_counts_only_the_downtime_inside_them(
    fake: FakeUptime, api: UptimeAPI, clock: Clock, wire: CheckedTransport
) -> None:
    monitor = new_monitor(api)
    # Starts an hour before 3 November and lasts two hours: one hour falls inside.
    incident(fake, datetime.datetime(2026, 11, 2, 23, 0, tzinfo=datetime.UTC), 120, monitor_id=monitor.id)
    incident(fake, datetime.datetime(2026, 11, 5, 1, 0, tzinfo=datetime.UTC), 60, monitor_id=monitor.id)
    clock.advance(days=10)
    sla = MonitorSLA(id=monitor.id, _api=api)
    sla.fetch_sla("2026-11-03", "2026-11-04")
    assert dict(wire.last.url.params) == {"from": "2026-11-03", "to": "2026-11-04"}
    assert (sla.number_of_incidents, sla.total_downtime, sla.longest_incident) == (1, 3600, 3600)
    assert sla.availability == 97.92  # one hour of two days


def test_an_open_incident_is_down_until_now(fake: FakeUptime, api: UptimeAPI, clock: Clock) -> None:
    monitor = new_monitor(api)
    clock.advance(hours=1)
    incident(fake, clock.now, None, monitor_id=monitor.id)
    clock.advance(hours=1)
    sla = monitor.sla
    sla.fetch_data()
    assert (sla.number_of_incidents, sla.total_downtime, sla.availability) == (1, 3600, 50.0)


def test_overlapping_incidents_count_their_downtime_once(fake: FakeUptime, api: UptimeAPI, clock: Clock) -> None:
    monitor = new_monitor(api)
    incident(fake, START, 60, monitor_id=monitor.id)
    incident(fake, START + datetime.timedelta(minutes=30), 60, monitor_id=monitor.id)
    clock.advance(hours=4)
    sla = monitor.sla
    sla.fetch_data()
    assert (sla.number_of_incidents, sla.total_downtime, sla.longest_incident) == (2, 5400, 3600)


def test_sla_without_incidents_is_full_availability(api: UptimeAPI, clock: Clock) -> None:
    monitor = new_monitor(api)
    clock.advance(days=1)
    sla = monitor.sla
    sla.fetch_data()
    assert (sla.availability, sla.total_downtime, sla.number_of_incidents) == (100.0, 0, 0)


@pytest.mark.parametrize(
    ("start", "end", "message"),
    [
        ("2026-11-05", "2026-11-03", "Invalid date range: from must be before to."),
        ("yesterday", "2026-11-03", "Invalid date range: from must be a date as YYYY-MM-DD, got 'yesterday'."),
        ("2026-11-01", "2026-13-01", "Invalid date range: to must be a date as YYYY-MM-DD, got '2026-13-01'."),
        ("2027-01-01", "2027-01-02", "Invalid date range: from must not be in the future."),
    ],
)
def test_a_bad_sla_range_is_a_400(api: UptimeAPI, start: str, end: str, message: str) -> None:
    monitor = new_monitor(api)
    with pytest.raises(APIError) as caught:
        monitor.sla.fetch_sla(start, end)
    assert (caught.value.status_code, caught.value.response_body) == (400, message)


def test_sla_of_an_unknown_monitor_is_a_404(api: UptimeAPI) -> None:
    with pytest.raises(NotFoundError):
        MonitorSLA(id="999", _api=api).fetch_data()


def test_heartbeat_availability_counts_the_heartbeats_incidents(fake: FakeUptime, api: UptimeAPI, clock: Clock) -> None:
    heartbeat = Heartbeat.new(api, name="Backup", period=60, grace=0)
    incident(fake, datetime.datetime(2026, 11, 3, 6, 0, tzinfo=datetime.UTC), 36, heartbeat_id=int(heartbeat.id))
    incident(
        fake,
        datetime.datetime(2026, 11, 3, 8, 0, tzinfo=datetime.UTC),
        12,
        relationships={"heartbeat": {"data": {"id": heartbeat.id, "type": "heartbeat"}}},
    )
    clock.advance(days=5)
    summary = heartbeat.availability("2026-11-03", "2026-11-03")
    assert summary == {
        "availability": 96.67,
        "total_downtime": 2880,
        "number_of_incidents": 2,
        "longest_incident": 2160,
        "average_incident": 1440,
    }


def test_a_bad_availability_range_is_a_400(api: UptimeAPI) -> None:
    heartbeat = Heartbeat.new(api, name="Backup", period=60, grace=0)
    with pytest.raises(APIError) as caught:
        heartbeat.availability("2026-11-02", "2026-11-01")
    assert caught.value.status_code == 400


# Response times ------------------------------------------------------------------------------


def test_response_times_are_made_up_per_region_and_repeatable(api: UptimeAPI) -> None:
    monitor = new_monitor(api, regions=["eu", "as"])
    times = monitor.response_times()
    regions = times.get("regions") or []
    assert [region.get("region") for region in regions] == ["eu", "as"]
    samples = regions[0].get("response_times") or []
    assert len(samples) == 24
    assert samples[-1].get("at") == stamp(START)
    first = samples[0]
    parts = [
        first.get("name_lookup_time"),
        first.get("connection_time"),
        first.get("tls_handshake_time"),
        first.get("data_transfer_time"),
    ]
    assert first.get("response_time") == pytest.approx(sum(part or 0.0 for part in parts), abs=1e-4)
    assert monitor.response_times() == times


def test_response_times_of_an_unknown_monitor_are_a_404(api: UptimeAPI) -> None:
    with pytest.raises(NotFoundError):
        Monitor(id="999", _api=api).response_times()


# Groups --------------------------------------------------------------------------------------


def test_a_monitor_groups_monitors_are_those_naming_it(api: UptimeAPI) -> None:
    group = MonitorGroup.new(api, name="Backend")
    as_int = new_monitor(api, monitor_group_id=int(group.id))
    as_string = new_monitor(api, monitor_group_id=group.id)
    new_monitor(api)
    assert [monitor.id for monitor in group.monitors] == [as_int.id, as_string.id]


def test_a_groups_members_come_a_page_at_a_time(api: UptimeAPI, wire: CheckedTransport) -> None:
    group = MonitorGroup.new(api, name="Backend")
    members = [new_monitor(api, monitor_group_id=group.id).id for _ in range(3)]
    response = api.request("GET", f"/api/v2/monitor-groups/{group.id}/monitors", parameters={"per_page": 2})
    page = response.json()
    assert [item["id"] for item in page["data"]] == members[:2]
    assert page["pagination"]["next"].endswith(f"/api/v2/monitor-groups/{group.id}/monitors?per_page=2&page=2")
    assert [monitor.id for monitor in group.fetch_monitors()] == members


def test_the_monitors_of_an_unknown_group_are_a_404(api: UptimeAPI) -> None:
    with pytest.raises(NotFoundError):
        MonitorGroup(id="999", _api=api).fetch_monitors()


def test_a_heartbeat_groups_heartbeats_are_those_naming_it(api: UptimeAPI) -> None:
    group = HeartbeatGroup.new(api, name="Cron jobs")
    member = Heartbeat.new(api, name="Backup", period=60, grace=0, heartbeat_group_id=int(group.id))
    Heartbeat.new(api, name="Other", period=60, grace=0)
    assert [heartbeat.id for heartbeat in group.heartbeats] == [member.id]


def test_the_heartbeats_of_an_unknown_group_are_a_404(api: UptimeAPI) -> None:
    with pytest.raises(NotFoundError):
        HeartbeatGroup(id="999", _api=api).fetch_heartbeats()


def test_a_new_group_is_not_paused(fake: FakeUptime, api: UptimeAPI) -> None:
    group = MonitorGroup.new(api, name="Backend", sort_index=2)
    assert (group.name, group.sort_index, group.paused) == ("Backend", 2, False)
    assert stored(fake, "/api/v2/monitor-groups", group.id)["paused"] is False


def test_pausing_a_monitor_group_pauses_its_monitors(fake: FakeUptime, api: UptimeAPI, clock: Clock) -> None:
    group = MonitorGroup.new(api, name="Backend")
    members = [new_monitor(api, monitor_group_id=group.id) for _ in range(2)]
    outsider = new_monitor(api)
    clock.advance(minutes=10)
    group.pause()
    assert group.paused is True
    for member in members:
        member.fetch_data()
        assert (member.status, member.paused_at) == ("paused", stamp(clock.now))
    assert stored(fake, MONITORS, outsider.id)["paused_at"] is None
    group.resume()
    assert group.paused is False
    assert [(m.status, m.paused_at) for m in group.fetch_monitors()] == [("up", None), ("up", None)]


def test_pausing_a_heartbeat_group_pauses_its_heartbeats(fake: FakeUptime, api: UptimeAPI) -> None:
    group = HeartbeatGroup.new(api, name="Cron jobs")
    member = Heartbeat.new(api, name="Backup", period=60, grace=0, heartbeat_group_id=group.id)
    group.pause()
    assert stored(fake, HEARTBEATS, member.id)["status"] == "paused"
    assert stored(fake, HEARTBEATS, member.id)["paused_at"] == stamp(START)
    group.resume()
    member.fetch_data()
    assert (member.status, member.paused_at) == ("pending", None)


def test_renaming_a_group_leaves_its_monitors_running(fake: FakeUptime, api: UptimeAPI) -> None:
    group = MonitorGroup.new(api, name="Backend")
    member = new_monitor(api, monitor_group_id=group.id)
    group.name = "Services"
    group.save()
    assert stored(fake, "/api/v2/monitor-groups", group.id)["name"] == "Services"
    assert stored(fake, MONITORS, member.id)["status"] == "pending"


def test_deleting_a_monitor_group_keeps_its_monitors_ungrouped(fake: FakeUptime, api: UptimeAPI) -> None:
    group = MonitorGroup.new(api, name="Backend")
    member = new_monitor(api, monitor_group_id=group.id)
    group.delete()
    assert fake.find("/api/v2/monitor-groups", group.id) is None
    member.fetch_data()
    assert member.monitor_group_id is None
    assert stored(fake, MONITORS, member.id)["monitor_group_id"] is None


def test_deleting_a_heartbeat_group_keeps_its_heartbeats_ungrouped(fake: FakeUptime, api: UptimeAPI) -> None:
    group = HeartbeatGroup.new(api, name="Cron jobs")
    member = Heartbeat.new(api, name="Backup", period=60, grace=0, heartbeat_group_id=int(group.id))
    group.delete()
    assert fake.find("/api/v2/heartbeat-groups", group.id) is None
    assert stored(fake, HEARTBEATS, member.id)["heartbeat_group_id"] is None
    assert [heartbeat.id for heartbeat in Heartbeat.get_all_instances(api)] == [member.id]


def test_deleting_an_unknown_group_is_a_404(api: UptimeAPI) -> None:
    with pytest.raises(NotFoundError):
        MonitorGroup(id="999", _api=api).delete()
