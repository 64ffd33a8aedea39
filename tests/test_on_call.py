"""OnCallCalendar and OnCallEvent, on the wire."""

from __future__ import annotations

import datetime
from typing import Any

import httpx
import pytest

from betterstack.uptime import NotFoundError, ResponseDecodeError, UnprocessableEntityError, ValidationError
from betterstack.uptime.objects.on_call import OnCallCalendar, OnCallEvent, OnCallUser
from betterstack_sdk import shapes

from wire import created, fixture, make_api

ALICE: dict[str, Any] = {
    "id": "2345",
    "type": "user",
    "meta": {"email": "alice@example.com"},
    "first_name": "Alice",
    "last_name": "Novak",
    "email": "alice@example.com",
    "phone_numbers": ["+420737123456"],
}
BOB: dict[str, Any] = {
    "id": "2346",
    "type": "user",
    "meta": {"email": "bob@example.com"},
    "first_name": "Bob",
    "last_name": None,
    "email": "bob@example.com",
    "phone_numbers": [],
}


BOB_INCLUDED: dict[str, Any] = {
    "id": "2346",
    "type": "user",
    "attributes": {"first_name": "Bob", "last_name": None, "email": "bob@example.com", "phone_numbers": []},
}


def calendar_with(users: list[dict[str, Any]], included: list[dict[str, Any]]) -> Any:
    body = fixture("get_on_call_calendar")
    body["data"]["relationships"]["on_call_users"]["data"] = users
    body["included"] = included
    return body


# Calendars ------------------------------------------------------------------------------------


def test_list_joins_each_calendars_users_with_the_included_users() -> None:
    api, wire = make_api({("GET", "/api/v2/on-calls"): fixture("list_on_call_calendars")})
    calendars = list(OnCallCalendar.get_all_instances(api))
    assert wire.calls == [("GET", "/api/v2/on-calls")]
    assert [calendar.id for calendar in calendars] == ["12345", "12346", "12347"]
    assert [calendar.on_call_users for calendar in calendars] == [[ALICE], [ALICE, BOB], []]
    assert calendars[1].name == "Tier 2"
    assert calendars[1].beta_flag is True  # type: ignore[attr-defined]
    assert calendars[0].get_modified_properties() == []
    # Each calendar holds its own copy of a user seen in several calendars.
    phone_numbers = calendars[0].on_call_users[0].get("phone_numbers")
    assert phone_numbers is not None
    phone_numbers.append("+1")
    assert calendars[1].on_call_users[0]["phone_numbers"] == ["+420737123456"]
    assert len(wire.requests) == 1


def test_filter_sends_the_query_and_follows_pages() -> None:
    first = fixture("list_on_call_calendars")
    first["pagination"]["next"] = "https://uptime.betterstack.com/api/v2/on-calls?page=2&team_name=Production"
    second = fixture("list_on_call_calendars")
    second["data"] = second["data"][2:]
    second["included"] = []

    def pages(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, json=second if request.url.params.get("page") == "2" else first)

    api, wire = make_api({("GET", "/api/v2/on-calls"): pages})
    found = list(OnCallCalendar.filter(api, team_name="Production", per_page=3))
    assert [dict(request.url.params) for request in wire.requests] == [
        {"team_name": "Production", "per_page": "3"},
        {"page": "2", "team_name": "Production"},
    ]
    assert [calendar.id for calendar in found] == ["12345", "12346", "12347", "12347"]


def test_filter_rejects_an_unknown_parameter_before_any_request() -> None:
    api, wire = make_api({})
    with pytest.raises(ValidationError, match="cannot be filtered by 'name'"):
        OnCallCalendar.filter(api, name="Tier 2")  # type: ignore[call-arg]
    assert wire.requests == []


def test_get_default_calendar_takes_its_real_id_and_users() -> None:
    api, wire = make_api({("GET", "/api/v2/on-calls/default"): fixture("get_on_call_calendar")})
    calendar = OnCallCalendar.get(api, "default")
    assert wire.calls == [("GET", "/api/v2/on-calls/default")]
    assert calendar.id == "12345"
    assert calendar.default_calendar is True
    assert calendar.name is None
    # No `meta` in a single-calendar answer: the e-mail comes from `included`.
    assert calendar.on_call_users == [
        {
            "id": "2345",
            "type": "user",
            "first_name": "Alice",
            "last_name": "Novak",
            "email": "alice@example.com",
            "phone_numbers": ["+420737123456"],
        }
    ]


def test_fetch_data_refreshes_users_and_drops_cached_events() -> None:
    answers = [fixture("get_on_call_calendar"), calendar_with([{"id": "2346", "type": "user"}], [])]
    api, wire = make_api(
        {
            ("GET", "/api/v2/on-calls/12345"): lambda _request: httpx.Response(200, json=answers.pop(0)),
            ("GET", "/api/v2/on-calls/12345/events"): fixture("list_on_call_events"),
        }
    )
    calendar = OnCallCalendar.get(api, 12345)
    assert [user["id"] for user in calendar.on_call_users] == ["2345"]
    assert len(calendar.events) == 3
    calendar.name = "edited"
    calendar.fetch_data(date="2026-12-24")
    assert dict(wire.last.url.params) == {"date": "2026-12-24"}
    # A user without `included` attributes or `meta` keeps what the relationship says.
    assert calendar.on_call_users == [{"id": "2346", "type": "user"}]
    assert calendar.name is None
    assert calendar.get_modified_properties() == []
    assert len(calendar.events) == 3
    assert wire.calls.count(("GET", "/api/v2/on-calls/12345/events")) == 2


def test_users_join_on_id_whatever_the_included_type() -> None:
    # The docs name the included type `on_call_user` in one place (catalog C10).
    included = [{"id": "2346", "type": "on_call_user", "attributes": {"first_name": "Bob", "email": "bob@example.com"}}]
    api, _ = make_api(
        {("GET", "/api/v2/on-calls/1"): calendar_with([{"id": "2346", "type": "user"}], included)},
    )
    assert OnCallCalendar.get(api, 1).on_call_users == [
        {"id": "2346", "type": "user", "first_name": "Bob", "email": "bob@example.com"}
    ]


def test_users_survive_included_items_the_model_cannot_parse() -> None:
    # An item without `type` makes the generated model keep `included` as plain dicts.
    included: list[dict[str, Any]] = [
        {"id": "2346", "attributes": {"first_name": "Bob"}},
        {"attributes": {"first_name": "Nobody"}},
    ]
    users = [{"id": "2346", "type": "user", "meta": {"email": "bob@example.com"}}]
    api, _ = make_api({("GET", "/api/v2/on-calls/1"): calendar_with(users, included)})
    assert OnCallCalendar.get(api, 1).on_call_users == [
        {
            "id": "2346",
            "type": "user",
            "meta": {"email": "bob@example.com"},
            "first_name": "Bob",
            "email": "bob@example.com",
        }
    ]


def test_users_survive_identifiers_the_model_cannot_parse() -> None:
    users = [{"id": "2345"}]
    api, _ = make_api(
        {("GET", "/api/v2/on-calls/1"): calendar_with(users, fixture("get_on_call_calendar")["included"])}
    )
    assert OnCallCalendar.get(api, 1).on_call_users == [{k: v for k, v in ALICE.items() if k not in ("type", "meta")}]


def test_on_call_users_of_a_bare_calendar_are_fetched_once_without_touching_edits() -> None:
    api, wire = make_api({("GET", "/api/v2/on-calls/12345"): fixture("get_on_call_calendar")})
    calendar = OnCallCalendar(id="12345", _api=api)
    calendar.name = "Renamed"
    assert [user["email"] for user in calendar.on_call_users] == ["alice@example.com"]
    assert [user["email"] for user in calendar.on_call_users] == ["alice@example.com"]
    assert len(wire.requests) == 1
    assert calendar.name == "Renamed"
    assert calendar.get_modified_properties() == ["name"]


def test_fetch_on_call_users_refreshes_them_without_touching_edits() -> None:
    answers = [fixture("get_on_call_calendar"), calendar_with([{"id": "2346", "type": "user"}], [])]
    api, wire = make_api({("GET", "/api/v2/on-calls/12345"): lambda _request: httpx.Response(200, json=answers.pop(0))})
    calendar = OnCallCalendar(id="12345", _api=api, _on_call_users=[dict(BOB)])  # type: ignore[call-arg]  # a private cache, taken at run time as the reference documents
    calendar.name = "Renamed"
    assert [user["id"] for user in calendar.fetch_on_call_users()] == ["2345"]
    assert calendar.fetch_on_call_users() == [{"id": "2346", "type": "user"}]
    assert calendar.on_call_users == [{"id": "2346", "type": "user"}]
    assert wire.calls == [("GET", "/api/v2/on-calls/12345")] * 2
    assert wire.last.url.params == httpx.QueryParams()
    assert calendar.name == "Renamed"
    assert calendar.get_modified_properties() == ["name"]


def test_get_or_create_finds_the_calendar_and_fetches_its_users_on_first_access() -> None:
    api, wire = make_api(
        {
            ("GET", "/api/v2/on-calls"): fixture("list_on_call_calendars"),
            ("GET", "/api/v2/on-calls/12346"): calendar_with([{"id": "2346", "type": "user"}], [BOB_INCLUDED]),
        }
    )
    created_now, calendar = OnCallCalendar.get_or_create(api, name="Tier 2")
    assert created_now is False
    assert calendar.id == "12346"
    assert wire.calls == [("GET", "/api/v2/on-calls")]
    assert [user["first_name"] for user in calendar.on_call_users] == ["Bob"]
    assert wire.calls == [("GET", "/api/v2/on-calls"), ("GET", "/api/v2/on-calls/12346")]
    assert calendar.get_modified_properties() == []


def test_new_posts_exactly_the_fields_and_keeps_the_users() -> None:
    api, wire = make_api({("POST", "/api/v2/on-calls"): created(fixture("get_on_call_calendar"))})
    calendar = OnCallCalendar.new(api, name="Tier 3", team_name="Production")
    assert wire.calls == [("POST", "/api/v2/on-calls")]
    assert wire.body() == {"name": "Tier 3", "team_name": "Production"}
    assert calendar.id == "12345"
    assert calendar.team_name == "Production"
    assert [user["first_name"] for user in calendar.on_call_users] == ["Alice"]
    assert calendar.get_modified_properties() == []


def test_save_patches_only_the_changed_fields() -> None:
    renamed = fixture("get_on_call_calendar")
    renamed["data"]["attributes"]["name"] = "Primary"
    api, wire = make_api({("PATCH", "/api/v2/on-calls/12345"): renamed})
    calendar = OnCallCalendar(id="12345", _api=api, name="Old", team_name="Production", _on_call_users=[])  # type: ignore[call-arg]  # a private cache, taken at run time as the reference documents
    calendar.save()
    assert wire.requests == []
    calendar.name = "Primary"
    calendar.save()
    assert wire.calls == [("PATCH", "/api/v2/on-calls/12345")]
    assert wire.body() == {"name": "Primary"}
    assert calendar.name == "Primary"
    assert calendar.default_calendar is True
    assert [user["id"] for user in calendar.on_call_users] == ["2345"]
    assert calendar.get_modified_properties() == []


def test_save_keeps_the_users_when_the_answer_does_not_name_them() -> None:
    renamed = fixture("get_on_call_calendar")
    del renamed["data"]["relationships"]
    del renamed["included"]
    api, _ = make_api({("PATCH", "/api/v2/on-calls/12345"): renamed})
    calendar = OnCallCalendar(id="12345", _api=api, _on_call_users=[dict(BOB)])  # type: ignore[call-arg]  # a private cache, taken at run time as the reference documents
    calendar.name = "Primary"
    calendar.save()
    assert calendar.on_call_users == [BOB]


def test_delete_sends_delete() -> None:
    api, wire = make_api({("DELETE", "/api/v2/on-calls/12345"): lambda _request: httpx.Response(204)})
    OnCallCalendar(id="12345", _api=api).delete()
    assert wire.calls == [("DELETE", "/api/v2/on-calls/12345")]


def test_missing_calendar_raises_not_found() -> None:
    api, _ = make_api({})
    with pytest.raises(NotFoundError) as caught:
        OnCallCalendar.get(api, 404)
    assert caught.value.url == "https://uptime.betterstack.com/api/v2/on-calls/404"


def test_misspelt_attribute_is_refused() -> None:
    api, _ = make_api({})
    calendar = OnCallCalendar(id="1", _api=api)
    with pytest.raises(AttributeError, match="did you mean 'team_name'"):
        calendar.teamname = "x"  # type: ignore[attr-defined]


# Events ---------------------------------------------------------------------------------------


def test_events_are_fetched_once_and_know_their_calendar() -> None:
    api, wire = make_api({("GET", "/api/v2/on-calls/12345/events"): fixture("list_on_call_events")})
    calendar = OnCallCalendar(id="12345", _api=api)
    events = calendar.events
    assert calendar.events is events
    assert wire.calls == [("GET", "/api/v2/on-calls/12345/events")]
    assert wire.last.url.params.get("page") is None
    assert [event.id for event in events] == ["12345", "23456", "34567"]
    assert [event.override for event in events] == [False, None, True]
    assert events[2].users == ["alice@example.com", "bob@example.com"]
    assert events[0].starts_at == "2026-11-19T22:00:00Z"
    assert all(event._calendar_id == "12345" for event in events)
    assert events[0].generate_url() == "/api/v2/on-calls/12345/events/12345"
    assert events[0].get_modified_properties() == []
    fetched = calendar.fetch_events()
    assert [event.id for event in fetched] == ["12345", "23456", "34567"]
    assert calendar.events is fetched
    assert len(wire.requests) == 2


def test_events_in_an_answer_of_another_shape_raise_response_decode_error() -> None:
    api, wire = make_api({("GET", "/api/v2/on-calls/12345/events"): {"data": []}})
    calendar = OnCallCalendar(id="12345", _api=api)
    with pytest.raises(ResponseDecodeError, match="`events` is not a list of objects") as caught:
        calendar.fetch_events()
    assert caught.value.url == "https://uptime.betterstack.com/api/v2/on-calls/12345/events"
    assert wire.calls == [("GET", "/api/v2/on-calls/12345/events")]
    assert calendar._events is None


def test_add_event_posts_the_event_and_drops_cached_events() -> None:
    answer = {"id": 777, "users": ["bob@example.com"], "starts_at": "2026-12-24T08:00:00+00:00"}
    api, wire = make_api(
        {
            ("GET", "/api/v2/on-calls/12345/events"): fixture("list_on_call_events"),
            ("POST", "/api/v2/on-calls/12345/events"): created(
                {**answer, "ends_at": "2026-12-24T20:00:00Z", "override": True}
            ),
        }
    )
    calendar = OnCallCalendar(id="12345", _api=api)
    assert len(calendar.events) == 3
    event = calendar.add_event(
        datetime.datetime(2026, 12, 24, 8, tzinfo=datetime.UTC), "2026-12-24T20:00:00Z", ["bob@example.com"]
    )
    assert (wire.last.method, wire.last.url.path) == ("POST", "/api/v2/on-calls/12345/events")
    assert wire.body() == {
        "starts_at": "2026-12-24T08:00:00+00:00",
        "ends_at": "2026-12-24T20:00:00Z",
        "users": ["bob@example.com"],
        "override": True,
    }
    assert isinstance(event, OnCallEvent)
    assert (event.id, event._calendar_id, event.override) == ("777", "12345", True)
    assert event.get_modified_properties() == []
    calendar.events  # noqa: B018 (the property fetches)
    assert wire.calls.count(("GET", "/api/v2/on-calls/12345/events")) == 2


def test_add_event_in_the_past_raises_unprocessable_with_the_api_words() -> None:
    refused = httpx.Response(422, json={"errors": {"starts_at": ["must be today or later"]}})
    api, _ = make_api({("POST", "/api/v2/on-calls/1/events"): lambda _request: refused})
    with pytest.raises(UnprocessableEntityError) as caught:
        OnCallCalendar(id="1", _api=api).add_event("2020-01-01T00:00:00Z", "2020-01-02T00:00:00Z", ["a@example.com"])
    assert caught.value.response_body == {"starts_at": ["must be today or later"]}


def test_event_new_needs_its_calendar_in_the_path() -> None:
    api, wire = make_api({("POST", "/api/v2/on-calls/9/events"): created(fixture("get_on_call_event"))})
    event = OnCallEvent.new(
        api, calendar_id=9, starts_at="2026-11-21T22:00:00Z", ends_at="2026-11-22T22:00:00Z", users=["a@example.com"]
    )
    assert wire.body() == {
        "starts_at": "2026-11-21T22:00:00Z",
        "ends_at": "2026-11-22T22:00:00Z",
        "users": ["a@example.com"],
    }
    assert (event.id, event._calendar_id) == ("34567", "9")
    assert event.beta_flag is True  # type: ignore[attr-defined]


def test_event_get_save_and_delete_use_the_calendar_path() -> None:
    edited = fixture("get_on_call_event")
    edited["users"] = ["bob@example.com"]
    api, wire = make_api(
        {
            ("GET", "/api/v2/on-calls/12345/events/34567"): fixture("get_on_call_event"),
            ("PATCH", "/api/v2/on-calls/12345/events/34567"): edited,
            ("DELETE", "/api/v2/on-calls/12345/events/34567"): lambda _request: httpx.Response(204),
        }
    )
    event = OnCallEvent.get(api, 34567, calendar_id=12345)
    assert (event.id, event.users, event.override) == ("34567", ["alice@example.com"], True)
    assert event.get_modified_properties() == []
    event.save()
    assert len(wire.requests) == 1
    assert event.users is not None
    event.users[0] = "bob@example.com"
    event.save()
    assert (wire.last.method, wire.last.url.path) == ("PATCH", "/api/v2/on-calls/12345/events/34567")
    assert wire.body() == {"users": ["bob@example.com"]}
    assert event.users == ["bob@example.com"]
    assert event.get_modified_properties() == []
    event.users = ["carol@example.com"]
    event.fetch_data()
    assert event.users == ["alice@example.com"]
    event.delete()
    assert wire.calls[-1] == ("DELETE", "/api/v2/on-calls/12345/events/34567")


def test_event_without_calendar_refuses_before_any_request() -> None:
    api, wire = make_api({})
    event = OnCallEvent(id="1", _api=api)
    with pytest.raises(ValidationError, match="does not know its calendar_id"):
        event.generate_url()
    with pytest.raises(ValidationError, match="calendar_id"):
        event.delete()
    with pytest.raises(ValueError, match="no collection"):
        OnCallEvent.generate_global_url()
    with pytest.raises(ValidationError, match="fetch_events"):
        OnCallEvent.get_all_instances(api)
    with pytest.raises(ValidationError, match="fetch_events"):
        OnCallEvent.filter(api)
    assert wire.requests == []


def test_missing_event_raises_not_found() -> None:
    api, _ = make_api({})
    with pytest.raises(NotFoundError):
        OnCallEvent.get(api, 1, calendar_id=2)


# Rotations ------------------------------------------------------------------------------------


def test_create_rotation_sends_rotation_interval_and_returns_the_rotation() -> None:
    api, wire = make_api(
        {
            ("GET", "/api/v2/on-calls/12345/events"): fixture("list_on_call_events"),
            ("POST", "/api/v2/on-calls/12345/rotation"): created(fixture("get_on_call_rotation")),
        }
    )
    calendar = OnCallCalendar(id="12345", _api=api)
    assert len(calendar.events) == 3
    rotation = calendar.create_rotation(
        ["bob@example.com", "alice@example.com"],
        8,
        "hour",
        datetime.datetime(2026, 2, 1, 7, tzinfo=datetime.UTC),
        "2027-02-01T07:00:00.000Z",
    )
    assert (wire.last.method, wire.last.url.path) == ("POST", "/api/v2/on-calls/12345/rotation")
    assert wire.body() == {
        "users": ["bob@example.com", "alice@example.com"],
        "rotation_length": 8,
        "rotation_interval": "hour",
        "start_rotations_at": "2026-02-01T07:00:00+00:00",
        "end_rotations_at": "2027-02-01T07:00:00.000Z",
    }
    assert rotation == fixture("get_on_call_rotation")
    calendar.events  # noqa: B018 (the property fetches)
    assert wire.calls.count(("GET", "/api/v2/on-calls/12345/events")) == 2


def test_create_rotation_sends_team_name_when_given() -> None:
    api, wire = make_api({("POST", "/api/v2/on-calls/1/rotation"): created(fixture("get_on_call_rotation"))})
    OnCallCalendar(id="1", _api=api).create_rotation(["a@example.com"], 1, "week", "s", "e", team_name="Production")
    assert wire.body() == {
        "users": ["a@example.com"],
        "rotation_length": 1,
        "rotation_interval": "week",
        "start_rotations_at": "s",
        "end_rotations_at": "e",
        "team_name": "Production",
    }


def test_create_rotation_rejects_an_unknown_period_before_any_request() -> None:
    api, wire = make_api({})
    with pytest.raises(ValidationError, match="'month' is not one of: day, hour, week"):
        OnCallCalendar(id="1", _api=api).create_rotation(["a@example.com"], 1, "month", "s", "e")  # type: ignore[call-overload]
    assert wire.requests == []


def test_create_rotation_takes_the_older_rotation_period_and_sends_rotation_interval() -> None:
    api, wire = make_api({("POST", "/api/v2/on-calls/1/rotation"): created(fixture("get_on_call_rotation"))})
    OnCallCalendar(id="1", _api=api).create_rotation(
        users=["a@example.com"], rotation_length=2, rotation_period="day", start_rotations_at="s", end_rotations_at="e"
    )
    assert wire.body() == {
        "users": ["a@example.com"],
        "rotation_length": 2,
        "rotation_interval": "day",
        "start_rotations_at": "s",
        "end_rotations_at": "e",
    }


def test_create_rotation_refuses_rotation_interval_and_rotation_period_that_disagree() -> None:
    api, wire = make_api({})
    calendar = OnCallCalendar(id="1", _api=api)
    with pytest.raises(ValidationError, match="rotation_interval 'day' and rotation_period 'week' disagree"):
        calendar.create_rotation(["a@example.com"], 1, "day", "s", "e", rotation_period="week")  # type: ignore[call-overload]
    assert wire.requests == []


def test_create_rotation_names_rotation_period_when_its_value_is_wrong() -> None:
    api, wire = make_api({})
    calendar = OnCallCalendar(id="1", _api=api)
    with pytest.raises(ValidationError, match="rotation_period 'month' is not one of: day, hour, week"):
        calendar.create_rotation(  # type: ignore[call-overload]
            ["a@example.com"], 1, rotation_period="month", start_rotations_at="s", end_rotations_at="e"
        )
    assert wire.requests == []


def test_create_rotation_without_a_unit_is_a_type_error() -> None:
    api, wire = make_api({})
    with pytest.raises(TypeError, match="missing 'rotation_interval'"):
        OnCallCalendar(id="1", _api=api).create_rotation(  # type: ignore[call-overload]
            ["a@example.com"], 1, start_rotations_at="s", end_rotations_at="e"
        )
    assert wire.requests == []


def test_get_rotation_returns_the_flat_object() -> None:
    api, wire = make_api({("GET", "/api/v2/on-calls/12345/rotation"): fixture("get_on_call_rotation")})
    rotation = OnCallCalendar(id="12345", _api=api).get_rotation()
    assert wire.calls == [("GET", "/api/v2/on-calls/12345/rotation")]
    assert rotation == fixture("get_on_call_rotation")
    assert rotation["rotation_interval"] == "hour"


def test_rotation_has_the_keys_of_the_spec_schema() -> None:
    api, _ = make_api({("GET", "/api/v2/on-calls/12345/rotation"): fixture("get_on_call_rotation")})
    rotation = OnCallCalendar(id="12345", _api=api).get_rotation()
    assert set(rotation) == set(shapes.OnCallRotation.__annotations__)


def test_on_call_users_have_the_keys_of_on_call_user() -> None:
    api, _ = make_api({("GET", "/api/v2/on-calls/default"): fixture("get_on_call_calendar")})
    users = OnCallCalendar.get(api, "default").on_call_users
    keys = set(OnCallUser.__annotations__)
    assert keys == {"id", "type", "meta", "first_name", "last_name", "email", "phone_numbers"}
    assert all(OnCallUser.__required_keys__ <= set(user) <= keys for user in users)


def test_get_rotation_of_a_calendar_without_one_raises_not_found() -> None:
    api, _ = make_api({})
    with pytest.raises(NotFoundError):
        OnCallCalendar(id="12345", _api=api).get_rotation()
