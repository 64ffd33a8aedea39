"""Monitor, MonitorSLA and MonitorGroup, on the wire."""

from __future__ import annotations

import datetime

import httpx
import pytest

from betterstack.uptime import NotFoundError, ValidationError
from betterstack.uptime.objects import Monitor, MonitorGroup, MonitorSLA
from betterstack_sdk import shapes

from spec_helpers import enum_values
from wire import fixture, make_api


def test_get_loads_the_monitor() -> None:
    api, wire = make_api({("GET", "/api/v2/monitors/2"): fixture("get_monitor")})
    monitor = Monitor.get(api, 2)
    assert wire.last.url.path == "/api/v2/monitors/2"
    assert monitor.id == "2"
    assert monitor.url == "https://example.com"
    assert monitor.monitor_group_id == 12  # "12" on the wire, normalised to int
    assert monitor.get_modified_properties() == []


def test_get_all_instances_follows_pages() -> None:
    page_two = fixture("list_monitors")
    page_two["data"] = page_two["data"][:1]
    page_two["pagination"]["next"] = None

    def monitors(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, json=page_two if request.url.params.get("page") == "2" else fixture("list_monitors"))

    api, wire = make_api({("GET", "/api/v2/monitors"): monitors})
    ids = [monitor.id for monitor in Monitor.get_all_instances(api)]
    assert ids == ["2", "3", "4", "2"]
    assert [request.url.params.get("page") for request in wire.requests] == [None, "2"]


def test_filter_sends_the_query() -> None:
    api, wire = make_api({("GET", "/api/v2/monitors"): {**fixture("list_monitors"), "pagination": {"next": None}}})
    found = list(Monitor.filter(api, url="https://example.com", team_name="Production", per_page=3))
    assert len(found) == 3
    assert dict(wire.last.url.params) == {"url": "https://example.com", "team_name": "Production", "per_page": "3"}


def test_filter_rejects_an_unknown_parameter_before_any_request() -> None:
    api, wire = make_api({})
    with pytest.raises(ValidationError, match="cannot be filtered by 'status'"):
        Monitor.filter(api, status="up")  # type: ignore[call-arg]
    assert wire.requests == []


def test_new_posts_exactly_the_fields() -> None:
    api, wire = make_api({("POST", "/api/v2/monitors"): lambda _r: httpx.Response(201, json=fixture("create_monitor"))})
    monitor = Monitor.new(api, monitor_type="status", url="https://shop.example.com", regions=["eu"], email=True)
    assert wire.last.method == "POST"
    assert wire.body() == {
        "monitor_type": "status",
        "url": "https://shop.example.com",
        "regions": ["eu"],
        "email": True,
    }
    assert monitor.id == "9"
    assert monitor.status == "pending"


def test_save_patches_only_the_changed_fields() -> None:
    api, wire = make_api(
        {("GET", "/api/v2/monitors/2"): fixture("get_monitor"), ("PATCH", "/api/v2/monitors/2"): fixture("get_monitor")}
    )
    monitor = Monitor.get(api, "2")
    monitor.check_frequency = 60
    assert monitor.regions is not None
    monitor.regions.append("au")
    monitor.policy_id = None
    monitor.save()
    assert (wire.last.method, wire.last.url.path) == ("PATCH", "/api/v2/monitors/2")
    assert wire.body() == {"check_frequency": 60, "regions": ["us", "eu", "au"]}


def test_pause_and_resume_send_the_switch() -> None:
    paused = fixture("get_monitor")
    paused["data"]["attributes"]["paused_at"] = "2026-11-26T10:00:00.000Z"
    api, wire = make_api({("PATCH", "/api/v2/monitors/2"): paused})
    monitor = Monitor(id="2", _api=api)
    monitor.pause()
    assert wire.body() == {"paused": True}
    assert monitor.is_paused
    monitor.resume()
    assert wire.body() == {"paused": False}


def test_delete_sends_delete() -> None:
    api, wire = make_api({("DELETE", "/api/v2/monitors/2"): lambda _r: httpx.Response(204)})
    Monitor(id="2", _api=api).delete()
    assert (wire.last.method, wire.last.url.path) == ("DELETE", "/api/v2/monitors/2")


def test_missing_monitor_raises_not_found_with_the_request() -> None:
    api, _ = make_api({})
    with pytest.raises(NotFoundError) as caught:
        Monitor.get(api, "404")
    assert str(caught.value) == (
        "[404] Resource with provided ID was not found (GET https://uptime.betterstack.com/api/v2/monitors/404)"
    )


def test_sla_is_lazy_and_fetches_the_timeframe() -> None:
    api, wire = make_api({("GET", "/api/v2/monitors/2/sla"): fixture("get_monitor_sla")})
    monitor = Monitor(id="2", _api=api)
    sla = monitor.sla
    assert sla is monitor.sla
    assert wire.requests == []
    sla.fetch_sla(datetime.date(2026, 10, 1), "2026-10-31")
    assert dict(wire.last.url.params) == {"from": "2026-10-01", "to": "2026-10-31"}
    assert sla.availability == 99.98
    assert sla.total_downtime == 540
    assert sla.downtime_duration == 540
    assert sla.timeframe == ("2026-10-01", "2026-10-31")


def test_sla_has_no_collection_and_cannot_be_saved() -> None:
    api, wire = make_api({})
    with pytest.raises(ValueError, match="no collection"):
        MonitorSLA.generate_global_url()
    sla = MonitorSLA(id="2", _api=api, availability=50.0, _original_values={})
    with pytest.raises(ValidationError, match="no update operation"):
        sla.save()
    assert wire.requests == []


def test_group_monitors_are_fetched_once() -> None:
    api, wire = make_api({("GET", "/api/v2/monitor-groups/12/monitors"): fixture("list_monitor_group_monitors")})
    group = MonitorGroup(id="12", _api=api)
    assert [monitor.id for monitor in group.monitors] == ["2", "5"]
    assert [monitor.id for monitor in group.monitors] == ["2", "5"]
    assert len(wire.requests) == 1
    assert [monitor.id for monitor in group.fetch_monitors()] == ["2", "5"]
    assert len(wire.requests) == 2


def test_group_pause_patches_paused() -> None:
    api, wire = make_api({("PATCH", "/api/v2/monitor-groups/12"): fixture("get_monitor_group")})
    MonitorGroup(id="12", _api=api).pause()
    assert wire.body() == {"paused": True}


def test_response_times_come_by_region() -> None:
    api, _ = make_api({("GET", "/api/v2/monitors/2/response-times"): fixture("get_monitor_response_times")})
    times = Monitor(id="2", _api=api).response_times()
    assert set(times) == set(shapes.MonitorResponseTimesAttributes.__annotations__)
    regions = times.get("regions") or []
    assert [region.get("region") for region in regions] == ["eu", "us"]
    samples = [sample for region in regions for sample in region.get("response_times") or []]
    assert samples
    assert all(set(sample) == set(shapes.ResponseTimeSample.__annotations__) for sample in samples)


def test_a_create_answered_with_200_instead_of_201_still_parses() -> None:
    api, _ = make_api({("POST", "/api/v2/monitors"): fixture("create_monitor")})
    assert Monitor.new(api, monitor_type="status", url="https://shop.example.com").id == "9"


def test_new_copies_what_another_monitor_reads_back_and_sends_only_the_nones_the_api_takes() -> None:
    source = fixture("get_monitor")
    source["data"]["attributes"].update({"regions": None, "request_headers": None, "team_wait": None})
    api, wire = make_api(
        {
            ("GET", "/api/v2/monitors/2"): source,
            ("POST", "/api/v2/monitors"): lambda _r: httpx.Response(201, json=fixture("create_monitor")),
        }
    )
    original = Monitor.get(api, 2)
    Monitor.new(
        api,
        monitor_type=original.monitor_type,
        url=original.url,
        regions=original.regions,
        request_headers=original.request_headers,
        team_wait=original.team_wait,
    )
    # regions takes no null: left out. request_headers does (Terraform sends it on every create)
    # and so does team_wait ("never escalate"): sent as null.
    assert wire.body() == {
        "monitor_type": "status",
        "url": "https://example.com",
        "request_headers": None,
        "team_wait": None,
    }


def test_new_with_a_required_field_read_back_as_none_says_what_is_missing() -> None:
    api, wire = make_api({})
    with pytest.raises(ValidationError, match="monitor_type"):
        Monitor.new(api, monitor_type=None, url="https://example.com")
    assert wire.requests == []


def test_new_refuses_positional_fields() -> None:
    api, wire = make_api({})
    with pytest.raises(ValidationError, match=r"Monitor.a?new\(\) takes fields as keywords"):
        Monitor.new(api, "status")  # type: ignore[call-arg]
    assert wire.requests == []


def test_new_sends_request_headers_none_as_null_like_terraform() -> None:
    api, wire = make_api({("POST", "/api/v2/monitors"): lambda _r: httpx.Response(201, json=fixture("create_monitor"))})
    Monitor.new(api, monitor_type="status", url="http://example.com", request_headers=None)
    assert wire.body() == {"monitor_type": "status", "url": "http://example.com", "request_headers": None}


def test_new_sends_an_upper_case_http_method_as_given() -> None:
    api, wire = make_api({("POST", "/api/v2/monitors"): lambda _r: httpx.Response(201, json=fixture("create_monitor"))})
    Monitor.new(api, monitor_type="status", url="https://example.com", http_method="POST")  # type: ignore[arg-type]
    assert wire.body() == {"monitor_type": "status", "url": "https://example.com", "http_method": "POST"}


def test_a_typo_of_an_http_method_is_refused_with_the_documented_values() -> None:
    api, wire = make_api({})
    allowed = ", ".join(enum_values("MonitorHttpMethod"))
    with pytest.raises(ValidationError, match=f"http_method 'gett' is not one of: {allowed}"):
        Monitor.new(api, monitor_type="status", url="https://example.com", http_method="gett")  # type: ignore[arg-type]
    assert wire.requests == []


def test_an_upper_case_http_method_in_an_answer_is_read_as_sent() -> None:
    answer = fixture("get_monitor")
    answer["data"]["attributes"]["http_method"] = "GET"
    api, _ = make_api({("GET", "/api/v2/monitors/2"): answer})
    method: str | None = Monitor.get(api, 2).http_method  # typed with the documented lower-case values
    assert method == "GET"
