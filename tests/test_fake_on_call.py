"""The fake API's on-call calendars: who is on call, the default calendar, events and rotations."""

from __future__ import annotations

import datetime
from typing import Any

import pytest

from betterstack.uptime import NotFoundError, UnprocessableEntityError, UptimeAPI
from betterstack.uptime.objects import OnCallCalendar, OnCallEvent
from betterstack.uptime.testing import FakeUptime

CALENDARS = "/api/v2/on-calls"
NOW = datetime.datetime(2026, 11, 20, 12, 0, tzinfo=datetime.UTC)
ALICE = {"id": "2345", "first_name": "Alice", "last_name": "Novak", "email": "alice@example.com"}


@pytest.fixture
def fake() -> FakeUptime:
    return FakeUptime(clock=lambda: NOW)


@pytest.fixture
def api(fake: FakeUptime) -> UptimeAPI:
    return UptimeAPI("test-token", transport=fake.transport, retries=0)


def event(starts_at: str, ends_at: str, *users: str, id: int = 1, override: bool = True) -> dict[str, Any]:
    return {"id": id, "starts_at": starts_at, "ends_at": ends_at, "users": list(users), "override": override}


def events_of(fake: FakeUptime, calendar_id: str) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = fake.extra.get("on_call_events", {}).get(calendar_id, [])
    return found


# Calendars -------------------------------------------------------------------------------------


def test_default_calendar_is_made_on_first_need(fake: FakeUptime, api: UptimeAPI) -> None:
    assert list(OnCallCalendar.get_all_instances(api)) == []
    calendar = OnCallCalendar.get(api, "default")
    assert (calendar.default_calendar, calendar.name) == (True, None)
    assert OnCallCalendar.get(api, "default").id == calendar.id
    assert [c.id for c in OnCallCalendar.get_all_instances(api)] == [calendar.id]
    assert calendar.on_call_users == []


def test_create_answers_201_in_a_data_envelope(fake: FakeUptime, api: UptimeAPI) -> None:
    response = api.request("POST", CALENDARS, body={"name": "Tier 2", "team_name": "Production"})
    assert response.status_code == 201
    body = response.json()
    assert body["data"]["attributes"] == {"name": "Tier 2", "default_calendar": False, "team_name": "Production"}
    assert body["data"]["relationships"] == {"on_call_users": {"data": []}}
    assert body["included"] == []
    calendar = OnCallCalendar.new(api, name="Tier 3")
    calendar.name = "Tier 3 (weekends)"
    calendar.save()
    stored = fake.find(CALENDARS, calendar.id)
    assert stored is not None and stored["attributes"]["name"] == "Tier 3 (weekends)"


def test_on_call_users_come_from_the_events_now(fake: FakeUptime, api: UptimeAPI) -> None:
    fake.seed(
        {
            CALENDARS: [{"id": "10", "name": "Primary"}, {"id": "11", "name": "Secondary"}],
            "extra": {
                "users": [{**ALICE, "phone_numbers": ["+420737123456"]}],
                "on_call_events": {
                    "10": [
                        event("2026-11-20T00:00:00Z", "2026-11-21T00:00:00Z", "alice@example.com"),
                        event("2026-11-21T00:00:00Z", "2026-11-22T00:00:00Z", "bob@example.com", id=2),
                    ],
                    "11": [event("2026-11-19T00:00:00Z", "2026-11-22T00:00:00Z", "alice@example.com", id=3)],
                },
            },
        }
    )
    page = api.request("GET", CALENDARS).json()
    assert [user["id"] for user in page["included"]] == ["2345"]
    assert page["included"][0]["attributes"]["phone_numbers"] == ["+420737123456"]
    primary, secondary = OnCallCalendar.get_all_instances(api)
    assert [user["email"] for user in primary.on_call_users] == ["alice@example.com"]
    assert primary.on_call_users[0]["first_name"] == "Alice"
    assert primary.on_call_users[0]["meta"] == {"email": "alice@example.com"}
    assert [user["id"] for user in secondary.on_call_users] == ["2345"]
    primary.fetch_data(date="2026-11-21T06:00:00Z")
    assert [user["email"] for user in primary.on_call_users] == ["bob@example.com"]
    # A user known only by e-mail keeps the id first given to them; a day means its 00:00 UTC.
    again = OnCallCalendar.get(api, "10")
    again.fetch_data(date="2026-11-21")
    assert again.on_call_users == primary.on_call_users


def test_on_call_users_known_from_team_members_or_a_seed(fake: FakeUptime, api: UptimeAPI) -> None:
    fake.seed(
        {
            "/api/v2/team-members": [{"id": "77", "email": "carol@example.com", "first_name": "Carol"}],
            CALENDARS: [
                {
                    "id": "12",
                    "name": "Seeded",
                    "_relationships": {"on_call_users": {"data": [{"id": "2345", "type": "user"}]}},
                },
                {"id": "13", "name": "Members"},
            ],
            "extra": {
                "users": [ALICE],
                "on_call_events": {"13": [event("2026-11-20T00:00:00Z", "2026-11-21T00:00:00Z", "carol@example.com")]},
            },
        }
    )
    assert [user["first_name"] for user in OnCallCalendar.get(api, "12").on_call_users] == ["Alice"]
    carol = OnCallCalendar.get(api, "13").on_call_users
    assert [(user["id"], user["first_name"]) for user in carol] == [("77", "Carol")]


def test_delete_calendar_drops_its_events(fake: FakeUptime, api: UptimeAPI) -> None:
    calendar = OnCallCalendar.new(api, name="Temp")
    calendar.add_event("2026-11-21T00:00:00Z", "2026-11-22T00:00:00Z", ["alice@example.com"])
    calendar.delete()
    assert fake.find(CALENDARS, calendar.id) is None
    assert calendar.id not in fake.extra["on_call_events"]
    with pytest.raises(NotFoundError):
        calendar.fetch_events()


# Events ----------------------------------------------------------------------------------------


def test_events_are_flat_and_not_paginated(fake: FakeUptime, api: UptimeAPI) -> None:
    calendar = OnCallCalendar.get(api, "default")
    created = api.request(
        "POST",
        f"{CALENDARS}/default/events",
        body={"starts_at": "2026-11-21T08:00:00Z", "ends_at": "2026-11-21T20:00:00Z", "users": ["a@example.com"]},
    )
    assert created.status_code == 201
    flat = created.json()
    assert flat == {
        "id": flat["id"],
        "users": ["a@example.com"],
        "starts_at": "2026-11-21T08:00:00.000Z",
        "ends_at": "2026-11-21T20:00:00.000Z",
        "override": False,  # left out, as in the docs' example, whose answer says false
    }
    assert isinstance(flat["id"], int)
    assert api.request("GET", f"{CALENDARS}/{calendar.id}/events").json() == {"events": [flat]}


def test_event_get_update_delete(fake: FakeUptime, api: UptimeAPI) -> None:
    calendar = OnCallCalendar.new(api, name="Ops")
    added = calendar.add_event(NOW, "2026-11-21T00:00:00Z", ["alice@example.com"])
    assert [user["email"] for user in OnCallCalendar.get(api, calendar.id).on_call_users] == ["alice@example.com"]
    loaded = OnCallEvent.get(api, added.id, calendar_id=calendar.id)
    assert (loaded.starts_at, loaded.users, loaded.override) == (
        "2026-11-20T12:00:00.000Z",
        ["alice@example.com"],
        True,
    )
    loaded.users = ["bob@example.com"]
    loaded.ends_at = "2026-11-22T00:00:00Z"
    loaded.save()
    assert events_of(fake, calendar.id) == [
        event("2026-11-20T12:00:00.000Z", "2026-11-22T00:00:00.000Z", "bob@example.com", id=int(added.id))
    ]
    loaded.delete()
    assert events_of(fake, calendar.id) == []
    with pytest.raises(NotFoundError):
        OnCallEvent.get(api, added.id, calendar_id=calendar.id)


def test_an_update_answers_and_keeps_the_events_override(fake: FakeUptime, api: UptimeAPI) -> None:
    fake.seed(
        {
            CALENDARS: [{"id": "10", "name": "Ops"}],
            "extra": {"on_call_events": {"10": [event("2026-11-21T00:00:00Z", "2026-11-22T00:00:00Z", "a@x.io")]}},
        }
    )
    answer = api.request("PATCH", f"{CALENDARS}/10/events/1", body={"starts_at": "2026-11-21T09:45:00Z"}).json()
    assert answer == {
        "id": 1,
        "starts_at": "2026-11-21T09:45:00.000Z",
        "ends_at": "2026-11-22T00:00:00Z",
        "users": ["a@x.io"],
        "override": True,
    }
    assert events_of(fake, "10") == [answer]


def test_an_event_seeded_without_override_is_a_regular_one(fake: FakeUptime, api: UptimeAPI) -> None:
    seeded = {"id": 1, "starts_at": "2026-11-21T00:00:00Z", "ends_at": "2026-11-22T00:00:00Z", "users": ["a@x.io"]}
    fake.seed({CALENDARS: [{"id": "10", "name": "Ops"}], "extra": {"on_call_events": {"10": [seeded]}}})
    answer = api.request("PATCH", f"{CALENDARS}/10/events/1", body={"users": ["b@x.io"]}).json()
    assert answer == {**seeded, "users": ["b@x.io"], "override": False}
    assert api.request("GET", f"{CALENDARS}/10/events/1").json()["override"] is False
    assert events_of(fake, "10") == [answer]


def test_an_event_created_with_override_false_is_a_regular_one(fake: FakeUptime, api: UptimeAPI) -> None:
    body = {"starts_at": "2026-11-21T08:00:00Z", "ends_at": "2026-11-21T20:00:00Z", "users": ["a@x.io"]}
    created = api.request("POST", f"{CALENDARS}/default/events", body={**body, "override": False}).json()
    assert created["override"] is False
    assert events_of(fake, OnCallCalendar.get(api, "default").id) == [created]


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"starts_at": "2026-11-19T23:00:00Z", "ends_at": "2026-11-21T00:00:00Z"}, "starts_at"),
        ({"starts_at": "2026-11-21T00:00:00Z", "ends_at": "2026-11-20T23:00:00Z"}, "ends_at"),
        ({"starts_at": "tomorrow", "ends_at": "2026-11-21T00:00:00Z"}, "starts_at"),
    ],
)
def test_event_times_are_checked(fake: FakeUptime, api: UptimeAPI, body: dict[str, str], field: str) -> None:
    with pytest.raises(UnprocessableEntityError) as raised:
        api.request("POST", f"{CALENDARS}/default/events", body={**body, "users": ["a@example.com"]})
    assert isinstance(raised.value.response_body, dict)
    assert field in raised.value.response_body
    assert events_of(fake, OnCallCalendar.get(api, "default").id) == []


def test_ended_events_cannot_change(fake: FakeUptime, api: UptimeAPI) -> None:
    fake.seed(
        {
            CALENDARS: [{"id": "10", "name": "Ops"}],
            "extra": {"on_call_events": {"10": [event("2026-11-18T00:00:00Z", "2026-11-19T00:00:00Z", "a@x.io")]}},
        }
    )
    with pytest.raises(UnprocessableEntityError):
        api.request("PATCH", f"{CALENDARS}/10/events/1", body={"users": ["b@x.io"]})
    assert events_of(fake, "10")[0]["users"] == ["a@x.io"]


# Rotations -------------------------------------------------------------------------------------


def test_rotation_writes_consecutive_shifts(fake: FakeUptime, api: UptimeAPI) -> None:
    fake.seed(
        {
            CALENDARS: [{"id": "10", "name": "Ops"}],
            "extra": {
                "on_call_events": {
                    "10": [
                        event("2026-11-21T00:00:00Z", "2026-11-22T00:00:00Z", "old@x.io", id=1, override=False),
                        event("2026-11-21T00:00:00Z", "2026-11-21T06:00:00Z", "override@x.io", id=2),
                    ]
                }
            },
        }
    )
    calendar = OnCallCalendar.get(api, "10")
    with pytest.raises(NotFoundError):
        calendar.get_rotation()
    rotation = calendar.create_rotation(
        ["a@x.io", "b@x.io", "c@x.io"], 2, "day", "2026-11-16T08:00:00Z", "2026-11-25T08:00:00Z"
    )
    expected = {
        "users": ["a@x.io", "b@x.io", "c@x.io"],
        "rotation_length": 2,
        "rotation_interval": "day",
        "start_rotations_at": "2026-11-16T08:00:00.000Z",
        "end_rotations_at": "2026-11-25T08:00:00.000Z",
        "timezone": None,
        "effective_timezone": "UTC",
        "working_hours": [],
    }
    assert rotation == expected
    assert calendar.get_rotation() == expected
    shifts = [(e.starts_at, e.ends_at, e.users) for e in calendar.fetch_events() if not e.override]
    # The shift that ended on the 18th is not written; the last one stops at the rotation's end.
    assert shifts == [
        ("2026-11-18T08:00:00.000Z", "2026-11-20T08:00:00.000Z", ["b@x.io"]),
        ("2026-11-20T08:00:00.000Z", "2026-11-22T08:00:00.000Z", ["c@x.io"]),
        ("2026-11-22T08:00:00.000Z", "2026-11-24T08:00:00.000Z", ["a@x.io"]),
        ("2026-11-24T08:00:00.000Z", "2026-11-25T08:00:00.000Z", ["b@x.io"]),
    ]
    assert [e.users for e in calendar.events if e.override] == [["override@x.io"]]
    calendar.fetch_data()
    assert [user["email"] for user in calendar.on_call_users] == ["c@x.io"]


ROTATION = {
    "users": ["a@x.io"],
    "rotation_length": 1,
    "rotation_interval": "day",
    "start_rotations_at": "2026-11-23T00:00:00Z",
    "end_rotations_at": "2026-11-30T00:00:00Z",
}


def test_a_rotation_answers_its_time_zone_and_working_hours(fake: FakeUptime, api: UptimeAPI) -> None:
    working_hours = [
        {"day": "friday", "start_time": "22:00:00", "end_time": "06:00"},
        {"day": "monday", "start_time": "13:00", "end_time": "17:00"},
        {"day": "sunday", "start_time": "00:00", "end_time": "00:00"},
        {"day": "monday", "start_time": "09:00", "end_time": "12:00:00"},
    ]
    body = {**ROTATION, "timezone": "Europe/Prague", "working_hours": working_hours}
    created = api.request("POST", f"{CALENDARS}/default/rotation", body=body)
    assert created.status_code == 201
    assert created.json() == {
        "users": ["a@x.io"],
        "rotation_length": 1,
        "rotation_interval": "day",
        "start_rotations_at": "2026-11-23T00:00:00.000Z",
        "end_rotations_at": "2026-11-30T00:00:00.000Z",
        "timezone": "Europe/Prague",
        "effective_timezone": "Europe/Prague",
        # In the API's order, Sunday first and then by start, with seconds dropped.
        "working_hours": [
            {"day": "sunday", "start_time": "00:00", "end_time": "00:00"},
            {"day": "monday", "start_time": "09:00", "end_time": "12:00"},
            {"day": "monday", "start_time": "13:00", "end_time": "17:00"},
            {"day": "friday", "start_time": "22:00", "end_time": "06:00"},
        ],
    }
    assert api.request("GET", f"{CALENDARS}/default/rotation").json() == created.json()


def test_a_rotation_with_working_hours_and_no_time_zone_runs_in_utc(api: UptimeAPI) -> None:
    body = {**ROTATION, "working_hours": [{"day": "sunday", "start_time": "00:00", "end_time": "00:00"}]}
    answer = api.request("POST", f"{CALENDARS}/default/rotation", body=body).json()
    assert (answer["timezone"], answer["effective_timezone"]) == ("UTC", "UTC")
    assert answer["working_hours"] == [{"day": "sunday", "start_time": "00:00", "end_time": "00:00"}]


def test_a_new_rotation_keeps_the_time_zone_and_drops_the_working_hours_not_sent(api: UptimeAPI) -> None:
    working_hours = [{"day": "monday", "start_time": "09:00", "end_time": "17:00"}]
    body = {**ROTATION, "timezone": "Europe/Prague", "working_hours": working_hours}
    api.request("POST", f"{CALENDARS}/default/rotation", body=body)
    answer = api.request("POST", f"{CALENDARS}/default/rotation", body=ROTATION).json()
    assert (answer["timezone"], answer["effective_timezone"], answer["working_hours"]) == (
        "Europe/Prague",
        "Europe/Prague",
        [],
    )


def test_a_rotation_seeded_without_time_zone_or_working_hours(fake: FakeUptime, api: UptimeAPI) -> None:
    fake.seed({CALENDARS: [{"id": "10", "name": "Ops"}], "extra": {"on_call_rotations": {"10": ROTATION}}})
    answer = api.request("GET", f"{CALENDARS}/10/rotation").json()
    assert answer == {**ROTATION, "timezone": None, "effective_timezone": "UTC", "working_hours": []}


def test_rotation_body_is_checked(api: UptimeAPI) -> None:
    body = {
        "users": ["a@x.io"],
        "rotation_length": 1,
        "rotation_interval": "week",
        "start_rotations_at": "2026-12-01T00:00:00Z",
        "end_rotations_at": "2026-11-01T00:00:00Z",
    }
    with pytest.raises(UnprocessableEntityError) as raised:
        api.request("POST", f"{CALENDARS}/default/rotation", body=body)
    assert isinstance(raised.value.response_body, dict)
    assert "end_rotations_at" in raised.value.response_body
    with pytest.raises(UnprocessableEntityError) as raised:
        api.request("POST", f"{CALENDARS}/default/rotation", body={**body, "rotation_interval": "month"})
    assert isinstance(raised.value.response_body, dict)
    assert "rotation_interval" in raised.value.response_body
    with pytest.raises(UnprocessableEntityError):
        api.request(
            "POST",
            f"{CALENDARS}/default/rotation",
            body={**body, "rotation_interval": "hour", "end_rotations_at": "2099-01-01T00:00:00Z"},
        )
    with pytest.raises(NotFoundError):
        api.request("POST", f"{CALENDARS}/999/rotation", body=body)
