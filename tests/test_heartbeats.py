"""Heartbeat and HeartbeatGroup, on the wire."""

from __future__ import annotations

import datetime
from typing import Any

import httpx
import pytest

from betterstack.uptime import APIError, NotFoundError, UnprocessableEntityError, ValidationError
from betterstack.uptime.objects.heartbeats import Heartbeat, HeartbeatGroup
from betterstack_sdk import shapes

from wire import fixture, make_api, one_page

# Heartbeat ---------------------------------------------------------------------------------


def test_get_loads_the_heartbeat() -> None:
    api, wire = make_api({("GET", "/api/v2/heartbeats/32"): fixture("get_heartbeat")})
    heartbeat = Heartbeat.get(api, 32)
    assert (wire.last.method, wire.last.url.path) == ("GET", "/api/v2/heartbeats/32")
    assert heartbeat.id == "32"
    assert heartbeat.name == "Invoice export"
    assert heartbeat.period == 3600
    assert heartbeat.heartbeat_group_id == 21  # "21" on the wire
    assert heartbeat.policy_id == 412  # "412" on the wire
    assert heartbeat.maintenance_days == []
    assert not heartbeat.is_paused
    assert heartbeat.get_modified_properties() == []


def test_urls() -> None:
    api, _ = make_api({})
    assert Heartbeat(id="32", _api=api).generate_url() == "/api/v2/heartbeats/32"
    assert Heartbeat.generate_global_url() == "/api/v2/heartbeats"
    assert HeartbeatGroup(id="21", _api=api).generate_url() == "/api/v2/heartbeat-groups/21"
    assert HeartbeatGroup.generate_global_url() == "/api/v2/heartbeat-groups"


def test_get_all_instances_follows_pages() -> None:
    page_two = one_page("list_heartbeats")
    page_two["data"] = page_two["data"][2:]

    def heartbeats(request: httpx.Request) -> httpx.Response:
        return httpx.Response(
            200, json=page_two if request.url.params.get("page") == "2" else fixture("list_heartbeats")
        )

    api, wire = make_api({("GET", "/api/v2/heartbeats"): heartbeats})
    found = list(Heartbeat.get_all_instances(api))
    assert [heartbeat.id for heartbeat in found] == ["31", "32", "33", "33"]
    assert [request.url.params.get("page") for request in wire.requests] == [None, "2"]
    assert [heartbeat.is_paused for heartbeat in found[:3]] == [False, False, True]


def test_filter_sends_the_query() -> None:
    api, wire = make_api({("GET", "/api/v2/heartbeats"): one_page("list_heartbeats")})
    found = list(Heartbeat.filter(api, team_name="Production", per_page=3))
    assert len(found) == 3
    assert wire.last.url.path == "/api/v2/heartbeats"
    assert dict(wire.last.url.params) == {"team_name": "Production", "per_page": "3"}


def test_filter_rejects_an_unknown_parameter_before_any_request() -> None:
    api, wire = make_api({})
    with pytest.raises(ValidationError, match="cannot be filtered by 'status'"):
        Heartbeat.filter(api, status="up")  # type: ignore[call-arg]
    assert wire.requests == []


def test_new_posts_exactly_the_fields() -> None:
    api, wire = make_api(
        {("POST", "/api/v2/heartbeats"): lambda _r: httpx.Response(201, json=fixture("get_heartbeat"))}
    )
    heartbeat = Heartbeat.new(api, name="Invoice export", period=3600, grace=300, heartbeat_group_id=21, email=True)
    assert (wire.last.method, wire.last.url.path) == ("POST", "/api/v2/heartbeats")
    assert wire.body() == {
        "name": "Invoice export",
        "period": 3600,
        "grace": 300,
        "heartbeat_group_id": 21,
        "email": True,
    }
    assert heartbeat.id == "32"
    assert heartbeat.url == "https://uptime.betterstack.com/api/v1/heartbeat/x9Y8w7V6u5T4s3R2q1P0o9N8"
    assert heartbeat.get_modified_properties() == []


def test_new_with_invalid_fields_raises_the_apis_words() -> None:
    errors = {"errors": {"name": ["Can't be blank."]}}
    api, _ = make_api({("POST", "/api/v2/heartbeats"): lambda _r: httpx.Response(422, json=errors)})
    with pytest.raises(UnprocessableEntityError, match=r"name: Can't be blank\."):
        Heartbeat.new(api, name="", period=60, grace=0)


def test_save_patches_only_the_changed_fields_and_takes_the_answer() -> None:
    answer = fixture("get_heartbeat")
    answer["data"]["attributes"].update({"grace": 600, "maintenance_days": ["sat"]})
    api, wire = make_api(
        {("GET", "/api/v2/heartbeats/32"): fixture("get_heartbeat"), ("PATCH", "/api/v2/heartbeats/32"): answer}
    )
    heartbeat = Heartbeat.get(api, "32")
    heartbeat.grace = 600
    assert heartbeat.maintenance_days is not None
    heartbeat.maintenance_days.append("sat")
    heartbeat.save()
    assert (wire.last.method, wire.last.url.path) == ("PATCH", "/api/v2/heartbeats/32")
    assert wire.body() == {"grace": 600, "maintenance_days": ["sat"]}
    assert heartbeat.grace == 600
    assert heartbeat.get_modified_properties() == []
    heartbeat.save()
    assert len(wire.requests) == 2  # nothing changed: no request


def test_pause_and_resume_send_the_switch() -> None:
    paused = fixture("get_heartbeat")
    paused["data"]["attributes"]["paused_at"] = "2026-11-26T10:00:00.000Z"
    state = {"answer": paused}
    api, wire = make_api({("PATCH", "/api/v2/heartbeats/32"): lambda _r: httpx.Response(200, json=state["answer"])})
    heartbeat = Heartbeat(id="32", _api=api)
    heartbeat.name = "Renamed, not saved"
    heartbeat.pause()
    assert (wire.last.method, wire.last.url.path) == ("PATCH", "/api/v2/heartbeats/32")
    assert wire.body() == {"paused": True}
    assert heartbeat.is_paused
    assert heartbeat.paused_at == "2026-11-26T10:00:00.000Z"
    # The unsaved edit survives the pause, still unsaved.
    assert heartbeat.name == "Renamed, not saved"
    assert heartbeat.get_modified_properties() == ["name"]
    state["answer"] = fixture("get_heartbeat")
    heartbeat.resume()
    assert wire.body() == {"paused": False}
    assert not heartbeat.is_paused


def test_delete_sends_delete() -> None:
    api, wire = make_api({("DELETE", "/api/v2/heartbeats/32"): lambda _r: httpx.Response(204)})
    Heartbeat(id="32", _api=api).delete()
    assert (wire.last.method, wire.last.url.path) == ("DELETE", "/api/v2/heartbeats/32")
    assert wire.last.content == b""


def test_missing_heartbeat_raises_not_found_with_the_request() -> None:
    api, _ = make_api({})
    with pytest.raises(NotFoundError) as caught:
        Heartbeat.get(api, "404")
    assert str(caught.value) == (
        "[404] Resource with provided ID was not found (GET https://uptime.betterstack.com/api/v2/heartbeats/404)"
    )


def test_a_misspelt_attribute_is_refused() -> None:
    api, _ = make_api({})
    heartbeat = Heartbeat(id="32", _api=api)
    with pytest.raises(AttributeError, match="did you mean 'period'"):
        heartbeat.perod = 60  # type: ignore[attr-defined]


def test_availability_without_dates_sends_no_query() -> None:
    api, wire = make_api({("GET", "/api/v2/heartbeats/31/availability"): fixture("get_heartbeat_availability")})
    figures = Heartbeat(id="31", _api=api).availability()
    assert (wire.last.method, wire.last.url.path) == ("GET", "/api/v2/heartbeats/31/availability")
    assert dict(wire.last.url.params) == {}
    assert figures == {
        "availability": 99.95,
        "total_downtime": 1320,
        "number_of_incidents": 1,
        "longest_incident": 1320,
        "average_incident": 1320,
        "beta_flag": True,
    }
    # Every key of the spec's schema, and the one it does not name kept beside them.
    assert set(figures) == {*shapes.HeartbeatAvailabilityAttributes.__annotations__, "beta_flag"}


@pytest.mark.parametrize(
    ("from_date", "to_date"),
    [
        ("2026-10-01", "2026-10-31"),
        (datetime.date(2026, 10, 1), datetime.date(2026, 10, 31)),
        (datetime.datetime(2026, 10, 1, 23, 59), datetime.datetime(2026, 10, 31, 0, 1)),
    ],
)
def test_availability_sends_days(from_date: Any, to_date: Any) -> None:
    api, wire = make_api({("GET", "/api/v2/heartbeats/31/availability"): fixture("get_heartbeat_availability")})
    figures = Heartbeat(id="31", _api=api).availability(from_date, to_date)
    assert dict(wire.last.url.params) == {"from": "2026-10-01", "to": "2026-10-31"}
    assert figures["availability"] == 99.95


def test_availability_with_only_a_start_sends_only_from() -> None:
    api, wire = make_api({("GET", "/api/v2/heartbeats/31/availability"): fixture("get_heartbeat_availability")})
    Heartbeat(id="31", _api=api).availability(from_date="2026-10-01")
    assert dict(wire.last.url.params) == {"from": "2026-10-01"}


def test_availability_with_a_bad_range_raises_the_apis_words() -> None:
    errors = {"errors": "Invalid data range: from must be before to"}
    api, _ = make_api({("GET", "/api/v2/heartbeats/31/availability"): lambda _r: httpx.Response(400, json=errors)})
    heartbeat = Heartbeat(id="31", _api=api)
    with pytest.raises(APIError, match="Invalid data range") as caught:
        heartbeat.availability("2026-10-31", "2026-10-01")
    assert caught.value.status_code == 400


# HeartbeatGroup ----------------------------------------------------------------------------


def test_group_get_loads_the_group() -> None:
    api, wire = make_api({("GET", "/api/v2/heartbeat-groups/21"): fixture("get_heartbeat_group")})
    group = HeartbeatGroup.get(api, 21)
    assert wire.last.url.path == "/api/v2/heartbeat-groups/21"
    assert (group.name, group.sort_index, group.paused) == ("Cron jobs", 1, False)
    assert group.get_modified_properties() == []


def test_group_filter_sends_the_query_and_keeps_extras() -> None:
    api, wire = make_api({("GET", "/api/v2/heartbeat-groups"): fixture("list_heartbeat_groups")})
    groups = list(HeartbeatGroup.filter(api, team_name="Production"))
    assert dict(wire.last.url.params) == {"team_name": "Production"}
    assert [group.id for group in groups] == ["21", "22"]
    assert groups[1]._extras == {"beta_flag": True}


def test_group_filter_rejects_an_unknown_parameter_before_any_request() -> None:
    api, wire = make_api({})
    with pytest.raises(ValidationError, match="cannot be filtered by 'name'"):
        HeartbeatGroup.filter(api, name="Cron jobs")  # type: ignore[call-arg]
    assert wire.requests == []


def test_group_new_posts_exactly_the_fields() -> None:
    api, wire = make_api(
        {("POST", "/api/v2/heartbeat-groups"): lambda _r: httpx.Response(201, json=fixture("get_heartbeat_group"))}
    )
    group = HeartbeatGroup.new(api, name="Cron jobs", paused=False)
    assert (wire.last.method, wire.last.url.path) == ("POST", "/api/v2/heartbeat-groups")
    assert wire.body() == {"name": "Cron jobs", "paused": False}
    assert group.id == "21"


def test_group_save_patches_only_the_changed_fields() -> None:
    api, wire = make_api({("PATCH", "/api/v2/heartbeat-groups/21"): fixture("get_heartbeat_group")})
    group = HeartbeatGroup(id="21", _api=api, name="Cron jobs")
    assert group.get_modified_properties() == []
    group.sort_index = 4
    group.save()
    assert (wire.last.method, wire.last.url.path) == ("PATCH", "/api/v2/heartbeat-groups/21")
    assert wire.body() == {"sort_index": 4}
    assert group.sort_index == 1  # the API's answer
    assert group.get_modified_properties() == []


def test_group_pause_and_resume_patch_paused() -> None:
    paused = fixture("get_heartbeat_group")
    paused["data"]["attributes"]["paused"] = True
    state = {"answer": paused}
    api, wire = make_api(
        {("PATCH", "/api/v2/heartbeat-groups/21"): lambda _r: httpx.Response(200, json=state["answer"])}
    )
    group = HeartbeatGroup(id="21", _api=api)
    group.pause()
    assert (wire.last.method, wire.last.url.path) == ("PATCH", "/api/v2/heartbeat-groups/21")
    assert wire.body() == {"paused": True}
    assert group.paused is True
    state["answer"] = fixture("get_heartbeat_group")
    group.resume()
    assert wire.body() == {"paused": False}
    assert group.paused is False
    assert group.get_modified_properties() == []


def test_group_delete_sends_delete() -> None:
    api, wire = make_api({("DELETE", "/api/v2/heartbeat-groups/21"): lambda _r: httpx.Response(204)})
    HeartbeatGroup(id="21", _api=api).delete()
    assert (wire.last.method, wire.last.url.path) == ("DELETE", "/api/v2/heartbeat-groups/21")


def test_group_heartbeats_are_fetched_once() -> None:
    api, wire = make_api(
        {("GET", "/api/v2/heartbeat-groups/21/heartbeats"): fixture("list_heartbeat_group_heartbeats")}
    )
    group = HeartbeatGroup(id="21", _api=api)
    assert wire.requests == []
    heartbeats = group.heartbeats
    assert [heartbeat.id for heartbeat in heartbeats] == ["31", "32"]
    assert all(isinstance(heartbeat, Heartbeat) for heartbeat in heartbeats)
    assert heartbeats[1].name == "Invoice export"
    assert heartbeats[1].get_modified_properties() == []
    assert group.heartbeats is heartbeats
    assert len(wire.requests) == 1
    assert wire.last.url.path == "/api/v2/heartbeat-groups/21/heartbeats"
    refreshed = group.fetch_heartbeats()
    assert [heartbeat.id for heartbeat in refreshed] == ["31", "32"]
    assert group.heartbeats is refreshed
    assert len(wire.requests) == 2


def test_group_heartbeats_of_a_missing_group_raise_not_found() -> None:
    api, _ = make_api({})
    with pytest.raises(NotFoundError):
        HeartbeatGroup(id="404", _api=api).fetch_heartbeats()


def test_group_reload_drops_the_cached_heartbeats() -> None:
    group_id = fixture("get_heartbeat_group")["data"]["id"]
    members = f"/api/v2/heartbeat-groups/{group_id}/heartbeats"
    api, wire = make_api(
        {
            ("GET", members): one_page("list_heartbeat_group_heartbeats"),
            ("GET", f"/api/v2/heartbeat-groups/{group_id}"): fixture("get_heartbeat_group"),
        }
    )
    group = HeartbeatGroup(id=group_id, _api=api)
    first = group.heartbeats
    group.fetch_data()
    assert group.heartbeats is not first
    assert [call for call in wire.calls if call[1] == members] == [("GET", members)] * 2
