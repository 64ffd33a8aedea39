"""Bad input from the caller is refused with ValidationError before any request is sent.

The checks come from the spec (`betterstack_sdk/openapi.json`): required fields, JSON types,
enum values that are a typo of a documented one, minimums and patterns; ids that would change
the path (`..`, `.`, empty) are refused and every other id is URL-quoted so it stays one segment.
"""

from __future__ import annotations

import contextlib
import inspect
from collections.abc import Callable
from typing import Any

import httpx
import pytest

import betterstack.uptime.objects as objects
from betterstack.uptime import BaseAPIObject, BetterStackError, UptimeAPI, ValidationError
from betterstack.uptime._kind import kind_of
from betterstack.uptime.objects import (
    CatalogRelation,
    EscalationPolicy,
    Heartbeat,
    HeartbeatGroup,
    Incident,
    Monitor,
    MonitorGroup,
    OnCallCalendar,
    OutgoingWebhook,
    PolicyStep,
    StatusPage,
    StatusReport,
    TeamMember,
)

from reliability.tally import count
from spec_helpers import enum_values, schema_field
from wire import MONITOR, Recorder, created, fixture, make_api, reply

# The classes without their types: the wrong input below is what mypy refuses and what callers
# without mypy can still pass.
UntypedMonitor: Any = Monitor
UntypedIncident: Any = Incident
UntypedHeartbeat: Any = Heartbeat
UntypedWebhook: Any = OutgoingWebhook

CREATED_MONITOR = created(fixture("get_monitor"))
MONITORS = ("POST", "/api/v2/monitors")
MONITOR_2 = ("GET", "/api/v2/monitors/2")
PATCH_2 = ("PATCH", "/api/v2/monitors/2")
# Spec facts the messages quote, read from the spec so that a change to it changes them too.
REGIONS = ", ".join(enum_values("MonitorRegion"))
MONITOR_TYPES = ", ".join(enum_values("MonitorType"))
CHECK_FREQUENCY = schema_field("MonitorCreate", "check_frequency")
HIGHEST_STATUS = schema_field("MonitorCreate", "expected_status_codes", "items")["maximum"]
MAINTENANCE_FROM = schema_field("MonitorCreate", "maintenance_from")


def refused(action: Callable[[], Any], recorder: Recorder) -> str:
    """Run `action`, which must raise ValidationError without a request; return the message."""
    before = len(recorder.requests)
    with pytest.raises(ValidationError) as caught:
        action()
    count("operations run")
    assert recorder.requests[before:] == []
    return str(caught.value)


def loaded_monitor() -> tuple[Monitor, Recorder]:
    api, wire = make_api({MONITOR_2: fixture("get_monitor"), PATCH_2: MONITOR})
    monitor = Monitor.get(api, "2")
    count("operations run")
    return monitor, wire


# new(): required fields, types, enums --------------------------------------------------------


def test_new_names_the_missing_required_field() -> None:
    api, wire = make_api({MONITORS: CREATED_MONITOR})
    message = refused(lambda: UntypedMonitor.new(api, url="https://example.com"), wire)
    assert message == "create_monitor: missing the required field monitor_type (nothing was sent)"


def test_new_names_every_missing_required_field_at_once() -> None:
    api, wire = make_api()
    message = refused(lambda: UntypedWebhook.new(api, name="Hook"), wire)
    assert "missing the required fields url, trigger_type" in message


def test_an_enum_typo_is_refused_with_the_allowed_values() -> None:
    api, wire = make_api({MONITORS: CREATED_MONITOR})
    message = refused(lambda: UntypedMonitor.new(api, url="https://example.com", monitor_type="stauts"), wire)
    assert message == (
        f"create_monitor: monitor_type 'stauts' is not one of: {MONITOR_TYPES} (did you mean 'status'?) "
        "(nothing was sent)"
    )


def test_an_enum_typo_inside_a_list_is_refused() -> None:
    api, wire = make_api({MONITORS: CREATED_MONITOR})
    message = refused(
        lambda: UntypedMonitor.new(api, url="https://e.com", monitor_type="status", regions=["us", "euu"]),
        wire,
    )
    assert f"regions[1] 'euu' is not one of: {REGIONS} (did you mean 'eu'?)" in message


def test_an_enum_value_far_from_every_documented_one_is_left_to_the_api() -> None:
    # Enums stay open (the API adds values before the spec knows them); only typos are clearly wrong.
    api, wire = make_api({MONITORS: CREATED_MONITOR})
    UntypedMonitor.new(api, url="https://example.com", monitor_type="grpc")
    count("operations run")
    assert wire.body() == {"url": "https://example.com", "monitor_type": "grpc"}


def test_an_enum_value_in_another_case_is_sent_as_given() -> None:
    # The spec documents upper-case HTTP methods as accepted; case alone is never "clearly wrong".
    api, wire = make_api({MONITORS: CREATED_MONITOR})
    UntypedMonitor.new(api, url="https://e.com", monitor_type="status", http_method="POST")
    count("operations run")
    assert wire.body()["http_method"] == "POST"


@pytest.mark.parametrize(
    ("field", "value", "expected"),
    [
        ("check_frequency", "often", "check_frequency must be an integer, not 'often' (str)"),
        ("check_frequency", 0, f"check_frequency must be at least {CHECK_FREQUENCY['minimum']}, not 0 (int)"),
        ("regions", "us", f"regions must be a list whose items are each one of {REGIONS}, not 'us' (str)"),
        ("verify_ssl", "yes", "verify_ssl must be a boolean, not 'yes' (str)"),
        ("expected_status_codes", [200, "201"], "expected_status_codes[1] must be an integer, not '201' (str)"),
        (
            "expected_status_codes",
            [HIGHEST_STATUS + 1],
            f"expected_status_codes[0] must be at most {HIGHEST_STATUS}, not {HIGHEST_STATUS + 1} (int)",
        ),
        ("request_headers", [{"name": 1}], "request_headers[0].name must be a string, not 1 (int)"),
        ("maintenance_from", "1am", f"maintenance_from must match {MAINTENANCE_FROM['pattern']}, not '1am' (str)"),
        ("monitor_type", 5, f"monitor_type must be one of {MONITOR_TYPES}, not 5 (int)"),
    ],
)
def test_new_refuses_a_wrong_type_naming_field_value_and_what_is_allowed(field: str, value: Any, expected: str) -> None:
    api, wire = make_api({MONITORS: CREATED_MONITOR})
    fields = {"url": "https://example.com", "monitor_type": "status", field: value}
    message = refused(lambda: Monitor.new(api, **fields), wire)
    assert message.startswith("create_monitor: ")
    assert expected in message
    assert message.endswith("(nothing was sent)")


def test_every_problem_is_reported_at_once() -> None:
    api, wire = make_api()
    message = refused(lambda: UntypedMonitor.new(api, url=5, check_frequency="often"), wire)
    assert message == (
        "create_monitor: missing the required field monitor_type; url must be a string, not 5 (int); "
        "check_frequency must be an integer, not 'often' (str) (nothing was sent)"
    )


def test_a_secret_field_value_never_appears_in_the_message() -> None:
    api, wire = make_api()
    message = refused(
        lambda: UntypedMonitor.new(api, url="https://e.com", monitor_type="status", auth_password=987654321),
        wire,
    )
    assert "auth_password must be a string or None, not <hidden> (int)" in message
    assert "987654321" not in message


def test_nested_step_fields_are_checked() -> None:
    api, wire = make_api()
    step = {"type": "escalation", "wait_before": "soon", "urgency_id": 1}
    message = refused(lambda: EscalationPolicy.new(api, name="P", steps=[step]), wire)
    assert "steps[0].wait_before must be an integer or None, not 'soon' (str)" in message


def test_a_valid_policy_step_still_goes_out_exactly() -> None:
    answer = {"data": {"id": "9", "type": "policy", "attributes": {"name": "P", "steps": []}}}
    api, wire = make_api({("POST", "/api/v3/policies"): created(answer)})
    step = PolicyStep(step_type="time_branching", days=["sat"], time_from="00:00", time_to="23:59", policy_id=4)
    EscalationPolicy.new(api, name="P", steps=[step])
    count("operations run")
    assert wire.body()["steps"] == [
        {
            "type": "time_branching",
            "wait_before": 0,
            "days": ["sat"],
            "time_from": "00:00",
            "time_to": "23:59",
            "policy_id": 4,
        }
    ]


def test_a_rotation_without_users_is_refused() -> None:
    api, wire = make_api()
    calendar = OnCallCalendar(id="5", _api=api)
    message = refused(
        lambda: calendar.create_rotation([], 0, "week", "2026-01-01T00:00:00Z", "2026-02-01T00:00:00Z"), wire
    )
    assert message == (
        "create_on_call_rotation: users needs at least 1 item(s); rotation_length must be at least 1, not 0 (int) "
        "(nothing was sent)"
    )


def test_an_empty_comment_is_refused() -> None:
    api, wire = make_api()
    incident = Incident(id="5", _api=api)
    message = refused(lambda: incident.add_comment(""), wire)
    assert message == "create_incident_comment: content must not be empty (nothing was sent)"


# filter() -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("call", "expected"),
    [
        (lambda api: UntypedMonitor.filter(api, url=5), "list_monitors: url must be a string, not 5 (int)"),
        (
            lambda api: UntypedMonitor.filter(api, per_page="many"),
            "list_monitors: per_page must be an integer, not 'many'",
        ),
        (lambda api: Monitor.filter(api, per_page=0), "list_monitors: per_page must be at least 1, not 0 (int)"),
        (lambda api: Monitor.filter(api, per_page=500), "list_monitors: per_page must be at most 250"),
        (
            lambda api: UntypedIncident.filter(api, resolved="maybe"),
            "list_incidents: resolved must be a boolean, not 'maybe'",
        ),
        (lambda api: Incident.filter(api, per_page=51), "list_incidents: per_page must be at most 50"),
        (lambda api: UntypedHeartbeat.filter(api, team_name=["a"]), "list_heartbeats: team_name must be a string"),
    ],
)
def test_filter_refuses_a_wrong_type_at_the_call(call: Callable[[UptimeAPI], Any], expected: str) -> None:
    api, wire = make_api()
    assert refused(lambda: call(api), wire).startswith(expected)


def test_a_valid_filter_still_goes_out_exactly() -> None:
    api, wire = make_api(reply(200, {"data": [], "pagination": {"next": None}}))
    list(Incident.filter(api, resolved=False, per_page=50, from_="2026-01-01"))
    count("operations run")
    assert str(wire.last.url.params) == "from=2026-01-01&resolved=false&per_page=50"


# Setters --------------------------------------------------------------------------------------


def test_a_wrong_type_assigned_is_refused_at_save_and_every_edit_is_kept() -> None:
    monitor, wire = loaded_monitor()
    monitor.url = "https://example.com/health"
    often: Any = "often"
    monitor.check_frequency = often
    monitor.regions = ["us"]
    message = refused(monitor.save, wire)
    assert message == "update_monitor: check_frequency must be an integer, not 'often' (str) (nothing was sent)"
    # Nothing the caller wrote is lost: the object is as they left it, still dirty.
    assert (monitor.url, monitor.check_frequency, monitor.regions) == ("https://example.com/health", "often", ["us"])
    assert sorted(monitor.get_modified_properties()) == ["check_frequency", "regions", "url"]
    monitor.check_frequency = 60
    monitor.save()
    count("operations run")
    assert wire.calls[-1] == PATCH_2
    assert wire.body() == {"url": "https://example.com/health", "check_frequency": 60, "regions": ["us"]}


def test_a_wrong_in_place_edit_is_refused_at_save() -> None:
    monitor, wire = loaded_monitor()
    assert monitor.regions is not None
    five: Any = 5
    monitor.regions.append(five)
    message = refused(monitor.save, wire)
    assert message == f"update_monitor: regions[2] must be one of {REGIONS}, not 5 (int) (nothing was sent)"
    assert monitor.get_modified_properties() == ["regions"]


def test_pause_is_refused_when_a_pending_edit_is_wrong_only_if_it_is_sent() -> None:
    # pause() sends only {"paused": true}; a wrong pending edit stays pending, untouched.
    monitor, wire = loaded_monitor()
    often: Any = "often"
    monitor.check_frequency = often
    monitor.pause()
    count("operations run")
    assert wire.body() == {"paused": True}
    assert monitor.check_frequency == "often"
    assert refused(monitor.save, wire).startswith("update_monitor: check_frequency must be an integer")


# Ids ------------------------------------------------------------------------------------------

EVIL = "../incidents/1"
EVIL_QUOTED = b"..%2Fincidents%2F1"
DOT_IDS = ["..", ".", ""]


def _gettable() -> list[type[BaseAPIObject]]:
    classes = [getattr(objects, name) for name in objects.__all__]
    return [
        cls
        for cls in classes
        if inspect.isclass(cls) and issubclass(cls, BaseAPIObject) and kind_of(cls).operations.get is not None
    ]


GETTABLE = _gettable()


def test_monitor_get_quotes_an_id_with_slashes_into_one_segment() -> None:
    api, wire = make_api()
    with pytest.raises(BetterStackError):
        Monitor.get(api, EVIL)
    count("operations run")
    assert [request.url.raw_path for request in wire.requests] == [b"/api/v2/monitors/..%2Fincidents%2F1"]


GET_CASES = [(cls, "id") for cls in GETTABLE] + [(cls, "parent") for cls in GETTABLE if kind_of(cls).parent_arguments]


@pytest.mark.parametrize(("cls", "which"), GET_CASES, ids=[f"{cls.__name__}-{which}" for cls, which in GET_CASES])
def test_every_get_keeps_a_slashed_id_inside_its_own_path(cls: type[BaseAPIObject], which: str) -> None:
    api, wire = make_api()
    parents = {name: "7" for name in kind_of(cls).parent_arguments}
    with contextlib.suppress(BetterStackError):
        cls.get(api, "3", **parents)
    evil_parents = {**parents, kind_of(cls).parent_arguments[0]: EVIL} if which == "parent" else parents
    with contextlib.suppress(BetterStackError):
        cls.get(api, EVIL if which == "id" else "3", **evil_parents)
    count("operations run", 2)
    normal, evil = wire.requests[0].url.raw_path, wire.requests[-1].url.raw_path
    assert len(wire.requests) == 2
    # The quoted id takes the place of one plain id: same path otherwise, nothing escaped.
    old = b"3" if which == "id" else b"7"
    assert evil.replace(EVIL_QUOTED, old) == normal
    assert EVIL_QUOTED in evil


@pytest.mark.parametrize("bad", DOT_IDS)
@pytest.mark.parametrize("cls", GETTABLE, ids=lambda cls: cls.__name__)
def test_every_get_refuses_a_dot_or_empty_id(cls: type[BaseAPIObject], bad: str) -> None:
    api, wire = make_api()
    parents = {name: "7" for name in kind_of(cls).parent_arguments}
    message = refused(lambda: cls.get(api, bad, **parents), wire)
    assert f"{bad!r} is not an id" in message
    if kind_of(cls).parent_arguments:
        parents[kind_of(cls).parent_arguments[-1]] = bad
        assert f"{bad!r} is not an id" in refused(lambda: cls.get(api, "3", **parents), wire)


def _id_methods(api: UptimeAPI, bad: str) -> dict[str, Callable[[], Any]]:
    """Every object method that puts an id in the path, on an object (or parent) whose id is `bad`."""
    monitor = Monitor(id=bad, _api=api, _original_values={"url": "https://a.com"})
    monitor.url = "https://b.com"
    incident = Incident(id=bad, _api=api)
    calendar = OnCallCalendar(id=bad, _api=api)
    page = StatusPage(id=bad, _api=api)
    report = StatusReport(id="4", _api=api, _status_page_id=bad)
    relation = CatalogRelation(id=bad, _api=api)
    member = TeamMember(id="8", _api=api)
    return {
        "Monitor.save": monitor.save,
        "Monitor.delete": monitor.delete,
        "Monitor.pause": monitor.pause,
        "Monitor.fetch_data": monitor.fetch_data,
        "Monitor.response_times": monitor.response_times,
        "Monitor.sla.fetch_sla": lambda: monitor.sla.fetch_sla("2026-01-01", "2026-01-31"),
        "Monitor.generate_url": monitor.generate_url,
        "MonitorGroup.fetch_monitors": MonitorGroup(id=bad, _api=api).fetch_monitors,
        "Heartbeat.availability": Heartbeat(id=bad, _api=api).availability,
        "HeartbeatGroup.fetch_heartbeats": HeartbeatGroup(id=bad, _api=api).fetch_heartbeats,
        "Incident.acknowledge": incident.acknowledge,
        "Incident.resolve": incident.resolve,
        "Incident.escalate": lambda: incident.escalate("Organization"),
        "Incident.timeline": incident.timeline,
        "Incident.comments": incident.comments,
        "Incident.add_comment": lambda: incident.add_comment("hi"),
        "Incident.delete": incident.delete,
        "OnCallCalendar.fetch_events": calendar.fetch_events,
        "OnCallCalendar.on_call_users": lambda: calendar.on_call_users,
        "OnCallCalendar.get_rotation": calendar.get_rotation,
        "OnCallCalendar.add_event": lambda: calendar.add_event(
            "2026-01-01T00:00:00Z", "2026-01-02T00:00:00Z", ["a@b.c"]
        ),
        "OnCallCalendar.create_rotation": lambda: calendar.create_rotation(
            ["a@b.c"], 1, "week", "2026-01-01T00:00:00Z", "2026-02-01T00:00:00Z"
        ),
        "StatusPage.fetch_sections": page.fetch_sections,
        "StatusPage.add_section": lambda: page.add_section(name="S"),
        "StatusPage.fetch_reports": page.fetch_reports,
        "StatusReport.fetch_updates": report.fetch_updates,
        "CatalogRelation.fetch_records": relation.fetch_records,
        "CatalogRelation.add_attribute": lambda: relation.add_attribute(name="A"),
        "TeamMember.change_role": lambda: member.change_role(bad),
    }


METHODS = list(_id_methods(make_api()[0], "1"))


@pytest.mark.parametrize("method", METHODS)
def test_every_id_method_refuses_a_dot_id_before_any_request(method: str) -> None:
    api, wire = make_api()
    for bad in DOT_IDS:
        assert "is not an id" in refused(_id_methods(api, bad)[method], wire)


@pytest.mark.parametrize("method", METHODS)
def test_every_id_method_keeps_a_slashed_id_in_one_segment(method: str) -> None:
    api, wire = make_api(reply(404, {"errors": "Resource with provided ID was not found"}))
    with contextlib.suppress(BetterStackError):
        _id_methods(api, EVIL)[method]()
    count("operations run")
    for request in wire.requests:
        segments = request.url.raw_path.split(b"?")[0].split(b"/")
        assert b".." not in segments and b"." not in segments
        assert EVIL_QUOTED in request.url.raw_path
    if method != "Monitor.generate_url":
        assert wire.requests, "the method sent nothing"
    else:
        assert _id_methods(api, EVIL)[method]() == "/api/v2/monitors/..%2Fincidents%2F1"


def test_a_raw_call_to_a_generated_endpoint_is_checked_too() -> None:
    from betterstack_sdk.api.monitors import get_monitor

    api, wire = make_api()
    assert "monitor_id '..' is not an id" in refused(lambda: api.call(get_monitor, monitor_id=".."), wire)


def test_valid_ids_still_reach_their_path() -> None:
    api, wire = make_api({MONITOR_2: fixture("get_monitor"), ("GET", "/api/v2/monitors/a.b"): fixture("get_monitor")})
    Monitor.get(api, "2")
    Monitor.get(api, "a.b")
    count("operations run", 2)
    assert [r.url.raw_path for r in wire.requests] == [b"/api/v2/monitors/2", b"/api/v2/monitors/a.b"]
    assert isinstance(wire.requests[0], httpx.Request)
