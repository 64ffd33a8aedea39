"""Items dropped from a list the API updates item by item go out as `_destroy` items, on the wire."""

from __future__ import annotations

from typing import Any

import pytest

from betterstack.uptime._nested_attributes import nested_lists
from betterstack.uptime.objects import Monitor

from wire import Recorder, fixture, make_api

MONITOR_2 = ("PATCH", "/api/v2/monitors/2")
X_PROBE = {"id": "11", "name": "X-Probe", "value": "uptime"}
X_TRACE = {"id": "12", "name": "X-Trace", "value": "on"}


def with_headers(*headers: dict[str, str]) -> Any:
    body = fixture("get_monitor")
    body["data"]["attributes"]["request_headers"] = [dict(header) for header in headers]
    return body


def monitor_with(*headers: dict[str, str]) -> tuple[Monitor, Recorder]:
    api, wire = make_api({MONITOR_2: with_headers(*headers)})
    return Monitor._from_api_response(api, with_headers(*headers)["data"]), wire


def test_the_spec_names_request_headers_as_the_only_such_list() -> None:
    assert nested_lists("update_monitor") == frozenset({"request_headers"})
    assert nested_lists("create_monitor") == frozenset({"request_headers"})
    assert nested_lists("update_heartbeat") == frozenset()


def test_a_removed_header_goes_as_a_destroy_item_after_the_kept_ones() -> None:
    monitor, wire = monitor_with(X_PROBE, X_TRACE)
    assert monitor.request_headers is not None
    monitor.request_headers = [header for header in monitor.request_headers if header["name"] != "X-Probe"]
    monitor.save()
    assert wire.calls == [MONITOR_2]
    assert wire.body() == {"request_headers": [X_TRACE, {"id": "11", "_destroy": "true"}]}


def test_removing_a_header_in_place_is_saved_too() -> None:
    monitor, wire = monitor_with(X_PROBE, X_TRACE)
    assert monitor.request_headers is not None
    monitor.request_headers.pop(0)
    monitor.save()
    assert wire.body() == {"request_headers": [X_TRACE, {"id": "11", "_destroy": "true"}]}


@pytest.mark.parametrize("cleared", [[], None])
def test_clearing_the_headers_destroys_each_one(cleared: list[Any] | None) -> None:
    monitor, wire = monitor_with(X_PROBE, X_TRACE)
    monitor.request_headers = cleared
    monitor.save()
    assert wire.body() == {"request_headers": [{"id": "11", "_destroy": "true"}, {"id": "12", "_destroy": "true"}]}


def test_a_header_replaced_by_a_new_one_is_destroyed_and_the_new_one_added() -> None:
    monitor, wire = monitor_with(X_PROBE)
    monitor.request_headers = [{"name": "X-New", "value": "1"}]
    monitor.save()
    assert wire.body() == {"request_headers": [{"name": "X-New", "value": "1"}, {"id": "11", "_destroy": "true"}]}


def test_adding_and_changing_headers_sends_no_destroy_item() -> None:
    monitor, wire = monitor_with(X_PROBE)
    assert monitor.request_headers is not None
    monitor.request_headers[0]["value"] = "changed"
    monitor.request_headers.append({"name": "X-New", "value": "1"})
    monitor.save()
    assert wire.body() == {
        "request_headers": [{"id": "11", "name": "X-Probe", "value": "changed"}, {"name": "X-New", "value": "1"}]
    }


def test_a_destroy_item_the_caller_wrote_is_sent_once() -> None:
    monitor, wire = monitor_with(X_PROBE, X_TRACE)
    monitor.request_headers = [{"id": "11", "_destroy": "true"}, X_TRACE]  # type: ignore[typeddict-unknown-key,list-item]
    monitor.save()
    assert wire.body() == {"request_headers": [{"id": "11", "_destroy": "true"}, X_TRACE]}


def test_other_fields_go_as_they_are() -> None:
    monitor, wire = monitor_with(X_PROBE)
    monitor.check_frequency = 60
    monitor.save()
    assert wire.body() == {"check_frequency": 60}


def test_after_the_save_the_object_holds_the_answer_and_is_clean() -> None:
    api, wire = make_api({MONITOR_2: with_headers(X_TRACE)})
    monitor = Monitor._from_api_response(api, with_headers(X_PROBE, X_TRACE)["data"])
    monitor.request_headers = [X_TRACE]  # type: ignore[list-item]
    monitor.save()
    assert (monitor.request_headers, monitor.get_modified_properties()) == ([X_TRACE], [])
    monitor.save()
    assert len(wire.requests) == 1


def test_a_monitor_created_with_headers_sends_them_as_given() -> None:
    api, wire = make_api({("POST", "/api/v2/monitors"): fixture("create_monitor")})
    Monitor.new(api, monitor_type="status", url="https://example.com", request_headers=[{"name": "A", "value": "1"}])
    assert wire.body() == {
        "monitor_type": "status",
        "url": "https://example.com",
        "request_headers": [{"name": "A", "value": "1"}],
    }
