"""The fake API's incidents: list filters, manual incidents, state changes, timeline and comments."""

from __future__ import annotations

import datetime
from typing import Any

import pytest

from betterstack.uptime import APIError, ConflictError, NotFoundError, UnprocessableEntityError, UptimeAPI
from betterstack.uptime.objects import Incident, IncidentTimelineItem
from betterstack.uptime.testing import FakeUptime
from betterstack_sdk import shapes

from spec_helpers import query_parameter
from wire import Clock

INCIDENTS = "/api/v3/incidents"
START = datetime.datetime(2026, 11, 20, 8, 0, tzinfo=datetime.UTC)


@pytest.fixture
def clock() -> Clock:
    return Clock(START)


@pytest.fixture
def fake(clock: Clock) -> FakeUptime:
    return FakeUptime(clock=clock)


@pytest.fixture
def api(fake: FakeUptime) -> UptimeAPI:
    return UptimeAPI("test-token", transport=fake.transport, retries=0)


def value(text: str) -> list[shapes.MetadataValue]:
    return [{"type": "String", "value": text}]


def data(item: IncidentTimelineItem) -> shapes.IncidentTimelineItemData:
    """An item's `data`, which the spec allows to be null; every item of the fake has one."""
    found = item.get("data")
    assert found is not None
    return found


def seed_incidents(fake: FakeUptime) -> None:
    fake.seed(
        {
            INCIDENTS: [
                {"id": "1", "name": "Old", "started_at": "2026-10-01T10:00:00.000Z", "monitor_id": 2},
                {
                    "id": "2",
                    "name": "Heartbeat",
                    "started_at": "2026-10-15T10:00:00.000Z",
                    "_relationships": {"heartbeat": {"data": {"id": "5", "type": "heartbeat"}}},
                    "acknowledged_at": "2026-10-15T10:05:00.000Z",
                    "status": "Acknowledged",
                },
                {
                    "id": "3",
                    "name": "Resolved",
                    "started_at": "2026-10-31T23:00:00.000Z",
                    "_relationships": {"monitor": {"data": {"id": "2", "type": "monitor"}}},
                    "resolved_at": "2026-11-01T01:00:00.000Z",
                    "status": "Resolved",
                    "metadata": {"Service": value("checkout")},
                },
                {
                    "id": "4",
                    "name": "New",
                    "started_at": "2026-11-19T08:00:00.000Z",
                    "metadata": {"Service": value("search"), "Env": value("prod")},
                },
            ]
        }
    )


def ids(incidents: Any) -> list[str]:
    return [incident.id for incident in incidents]


# Listing ---------------------------------------------------------------------------------------


def test_lists_newest_first(fake: FakeUptime, api: UptimeAPI) -> None:
    seed_incidents(fake)
    assert ids(Incident.get_all_instances(api)) == ["4", "3", "2", "1"]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"from_": "2026-10-15"}, ["4", "3", "2"]),
        ({"to": "2026-10-31"}, ["3", "2", "1"]),
        ({"from_": "2026-10-02", "to": "2026-10-31"}, ["3", "2"]),
        ({"monitor_id": 2}, ["3", "1"]),
        ({"heartbeat_id": 5}, ["2"]),
        ({"resolved": True}, ["3"]),
        ({"resolved": False}, ["4", "2", "1"]),
        ({"acknowledged": True}, ["2"]),
        ({"acknowledged": False, "resolved": False}, ["4", "1"]),
        ({"metadata": {"Service": "checkout"}}, ["3"]),
        ({"metadata": {"Service": "search", "Env": "prod"}}, ["4"]),
        ({"metadata": {"Service": "search", "Env": "staging"}}, []),
    ],
)
def test_list_filters(fake: FakeUptime, api: UptimeAPI, query: dict[str, Any], expected: list[str]) -> None:
    seed_incidents(fake)
    assert ids(Incident.filter(api, **query)) == expected


def test_metadata_filter_array_form(fake: FakeUptime, api: UptimeAPI) -> None:
    seed_incidents(fake)
    response = api.request("GET", INCIDENTS, parameters={"metadata[Service][][value]": "checkout"})
    assert [item["id"] for item in response.json()["data"]] == ["3"]


def test_bad_day_is_400(fake: FakeUptime, api: UptimeAPI) -> None:
    seed_incidents(fake)
    with pytest.raises(APIError, match="from must be a date") as raised:
        list(Incident.filter(api, from_="yesterday"))
    assert raised.value.status_code == 400


def test_pages_of_ten_by_default_and_fifty_at_most(fake: FakeUptime, api: UptimeAPI) -> None:
    maximum = query_parameter(INCIDENTS, "get", "per_page")["maximum"]
    count = maximum + 5
    times = [f"2026-11-01T{n // 60:02d}:{n % 60:02d}:00.000Z" for n in range(count)]
    fake.seed({INCIDENTS: [{"name": f"#{n}", "started_at": time} for n, time in enumerate(times)]})
    first = api.request("GET", INCIDENTS).json()
    assert len(first["data"]) == 10
    assert first["pagination"]["next"] == "https://uptime.betterstack.com/api/v3/incidents?page=2"
    assert first["data"][0]["attributes"]["name"] == f"#{count - 1}"
    capped = api.request("GET", INCIDENTS, parameters={"per_page": maximum * 2}).json()
    assert len(capped["data"]) == maximum
    assert len(list(Incident.get_all_instances(api))) == count


# Creating --------------------------------------------------------------------------------------


def test_create_starts_a_manual_incident(fake: FakeUptime, api: UptimeAPI) -> None:
    incident = Incident.new(
        api,
        requester_email="alice@example.com",
        name="Checkout failing",
        summary="Customers cannot pay",
        description="Payments time out.",
        email=True,
        call=False,
        team_wait=300,
        metadata={"Service": value("checkout")},
    )
    stored = fake.find(INCIDENTS, incident.id)
    assert stored is not None
    assert stored["attributes"]["status"] == incident.status == "Started"
    assert stored["attributes"]["started_at"] == incident.started_at == "2026-11-20T08:00:00.000Z"
    assert (incident.name, incident.cause) == ("Checkout failing", "Customers cannot pay")
    assert (incident.email, incident.call, incident.team_wait) == (True, False, 300)
    assert stored["attributes"]["metadata"] == {"Service": value("checkout")}
    assert incident.acknowledged_at is None and incident.resolved_at is None
    assert ids(Incident.filter(api, metadata={"Service": "checkout"})) == [incident.id]


def test_a_manual_incident_names_no_monitor(api: UptimeAPI) -> None:
    created = api.request("POST", INCIDENTS, body={"summary": "Test incident", "requester_email": "a@example.com"})
    assert created.status_code == 201
    assert created.json()["data"]["relationships"] == {"monitor": {"data": None}}


def test_create_checks_the_body(api: UptimeAPI) -> None:
    with pytest.raises(UnprocessableEntityError) as raised:
        api.request("POST", INCIDENTS, body={"name": 5})
    assert isinstance(raised.value.response_body, dict)
    assert "name" in raised.value.response_body


# State changes ---------------------------------------------------------------------------------


def test_acknowledge_then_resolve(fake: FakeUptime, api: UptimeAPI, clock: Clock) -> None:
    incident = Incident.new(api, name="Down")
    clock.advance(minutes=5)
    incident.acknowledge("alice@example.com")
    assert (incident.status, incident.acknowledged_by) == ("Acknowledged", "alice@example.com")
    assert incident.acknowledged_at == "2026-11-20T08:05:00.000Z"
    with pytest.raises(ConflictError, match="Incident was already acknowledged"):
        incident.acknowledge()
    clock.advance(minutes=5)
    incident.resolve("bob@example.com")
    stored = fake.find(INCIDENTS, incident.id)
    assert stored is not None
    assert stored["attributes"]["status"] == "Resolved"
    assert stored["attributes"]["resolved_at"] == incident.resolved_at == "2026-11-20T08:10:00.000Z"
    assert stored["attributes"]["resolved_by"] == "bob@example.com"
    assert stored["attributes"]["acknowledged_by"] == "alice@example.com"
    with pytest.raises(ConflictError, match="Incident was already resolved"):
        incident.resolve()
    assert ids(Incident.filter(api, resolved=True)) == [incident.id]


def test_acknowledge_without_a_name(api: UptimeAPI) -> None:
    incident = Incident.new(api, name="Down")
    incident.acknowledge()
    assert incident.status == "Acknowledged"
    assert incident.acknowledged_by is None


def test_acknowledging_a_resolved_incident_conflicts(fake: FakeUptime, api: UptimeAPI) -> None:
    incident = Incident.new(api, name="Down")
    incident.resolve()
    with pytest.raises(ConflictError):
        incident.acknowledge()
    stored = fake.find(INCIDENTS, incident.id)
    assert stored is not None and stored["attributes"]["acknowledged_at"] is None


def test_escalate(fake: FakeUptime, api: UptimeAPI) -> None:
    incident = Incident.new(api, name="Down")
    incident.escalate("User", user_email="bob@example.com", call=True)
    assert incident.status == "Started"
    with pytest.raises(UnprocessableEntityError) as raised:
        incident.escalate("Schedule")
    assert raised.value.response_body == {"schedule_id": ["can't be blank"]}
    incident.escalate("Organization")
    incident.resolve()
    with pytest.raises(ConflictError, match=r"Cannot escalate a resolved incident\."):
        incident.escalate("Team", team_name="Ops")
    titles = [data(item).get("title") for item in incident.timeline()]
    assert titles.count("Escalated to User bob@example.com") == 1
    assert "Escalated to Organization" in titles


MONITOR_2 = {"monitor": {"data": {"id": "2", "type": "monitor"}}}


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("GET", f"{INCIDENTS}/1"),
        ("POST", f"{INCIDENTS}/1/acknowledge"),
        ("POST", f"{INCIDENTS}/1/resolve"),
        ("POST", f"{INCIDENTS}/1/escalate"),
    ],
)
def test_answers_name_the_monitor_of_the_incident(fake: FakeUptime, api: UptimeAPI, method: str, path: str) -> None:
    seed_incidents(fake)  # incident 1 names its monitor by the `monitor_id` attribute
    body = {"escalation_type": "Organization"} if path.endswith("escalate") else None
    assert api.request(method, path, body=body).json()["data"]["relationships"] == MONITOR_2


def test_listed_incidents_name_their_monitor_or_heartbeat(fake: FakeUptime, api: UptimeAPI) -> None:
    seed_incidents(fake)
    listed = {item["id"]: item["relationships"] for item in api.request("GET", INCIDENTS).json()["data"]}
    assert listed == {
        "4": {"monitor": {"data": None}},
        "3": MONITOR_2,
        "2": {"monitor": {"data": None}, "heartbeat": {"data": {"id": "5", "type": "heartbeat"}}},
        "1": MONITOR_2,
    }
    assert [(incident.monitor_id, incident.heartbeat_id) for incident in Incident.get_all_instances(api)] == [
        (None, None),
        (2, None),
        (None, 5),
        (2, None),
    ]


def test_unknown_incident_is_404(api: UptimeAPI) -> None:
    with pytest.raises(NotFoundError):
        api.request("POST", f"{INCIDENTS}/999/acknowledge")
    with pytest.raises(NotFoundError):
        api.request("GET", "/api/v2/incidents/999/timeline")
    with pytest.raises(NotFoundError):
        api.request("GET", "/api/v2/incidents/999/comments")


# Timeline and comments -------------------------------------------------------------------------


def test_timeline_follows_the_incident(api: UptimeAPI, clock: Clock) -> None:
    incident = Incident.new(
        api, name="Down", summary="Status 500", description="Checkout is down", requester_email="a@example.com"
    )
    clock.advance(minutes=1)
    incident.acknowledge("alice@example.com")
    clock.advance(minutes=1)
    comment = incident.add_comment("Rolled back the deploy.")
    clock.advance(minutes=1)
    incident.resolve()
    timeline = incident.timeline()
    assert [(item["item_type"], item["at"]) for item in timeline] == [
        ("generic_card", "2026-11-20T08:03:00.000Z"),
        ("comment", "2026-11-20T08:02:00.000Z"),
        ("generic_card", "2026-11-20T08:01:00.000Z"),
        ("generic_card", "2026-11-20T08:00:00.000Z"),
    ]
    resolved, commented, acknowledged, started = timeline
    assert data(resolved).get("title") == "Incident resolved"
    assert commented["id"] == comment.id
    assert data(commented).get("content") == {"text": "Rolled back the deploy.", "user": None}
    assert data(acknowledged).get("title") == "Incident acknowledged by alice@example.com"
    assert data(started).get("title") == "Incident started by a@example.com"
    assert data(started).get("content") == "Checkout is down"


def test_timeline_of_a_seeded_incident(fake: FakeUptime, api: UptimeAPI) -> None:
    seed_incidents(fake)
    items = api.request("GET", "/api/v2/incidents/3/timeline").json()["data"]
    assert [item["type"] for item in items] == ["timeline_item", "timeline_item"]
    assert [item["attributes"]["at"] for item in items] == ["2026-11-01T01:00:00.000Z", "2026-10-31T23:00:00.000Z"]


def test_comments_crud(fake: FakeUptime, api: UptimeAPI, clock: Clock) -> None:
    incident = Incident.new(api, name="Down")
    comment = incident.add_comment("First")
    assert fake.collection("/api/v2/incidents/{incident_id}/comments", (incident.id,))[comment.id]["attributes"][
        "id"
    ] == int(comment.id)
    clock.advance(minutes=1)
    comment.content = "First, edited"
    comment.save()
    assert comment.updated_at == "2026-11-20T08:01:00.000Z"
    incident.add_comment("Second")
    assert [c.content for c in incident.comments()] == ["First, edited", "Second"]
    comment.delete()
    assert [c.content for c in incident.comments()] == ["Second"]
    with pytest.raises(NotFoundError):
        api.request("GET", f"/api/v2/incidents/{incident.id}/comments/{comment.id}")
    # add_comment("") is refused before the request (the spec's minLength); the fake's own check
    # is reached with a raw request.
    with pytest.raises(UnprocessableEntityError):
        api.request("POST", f"/api/v2/incidents/{incident.id}/comments", body={"content": ""})


def test_delete_removes_comments_and_metadata(fake: FakeUptime, api: UptimeAPI) -> None:
    incident = Incident.new(api, name="Down", metadata={"Service": value("checkout")})
    incident.add_comment("Note")
    assert len(fake.collection("/api/v3/metadata")) == 1
    incident.delete()
    assert fake.find(INCIDENTS, incident.id) is None
    assert fake.collection("/api/v3/metadata") == {}
    with pytest.raises(NotFoundError):
        api.request("GET", f"/api/v2/incidents/{incident.id}/comments")
