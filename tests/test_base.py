"""BaseAPIObject through Monitor and MonitorGroup: change tracking, attribute rules and the class methods."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from betterstack.uptime import (
    BaseAPIObject,
    NotFoundError,
    PaginatedAPI,
    ResponseDecodeError,
    UnprocessableEntityError,
    UptimeAPI,
    ValidationError,
    filter_on_attribute,
)
from betterstack.uptime._base import Operations
from betterstack.uptime._kind import kind_of
from betterstack.uptime.objects import Monitor, MonitorGroup
from betterstack_sdk import operations as ops
from betterstack_sdk.fields import IncidentFields

from wire import TOKEN, fixture, make_api, one_page, reply


def monitor_answer(**attributes: Any) -> Any:
    """The get_monitor fixture with some attributes changed."""
    body = fixture("get_monitor")
    body["data"]["attributes"].update(attributes)
    return body


def loaded(api: UptimeAPI, **attributes: Any) -> Monitor:
    """Monitor 2 as the API sends it, built without a request."""
    return Monitor._from_api_response(api, monitor_answer(**attributes)["data"])


def monitor_item(id: str, **attributes: Any) -> Any:
    item = copy.deepcopy(fixture("list_monitors")["data"][0])
    item["id"] = id
    item["attributes"].update(attributes)
    return item


MONITOR_2 = ("PATCH", "/api/v2/monitors/2")


# Construction and loading -------------------------------------------------------------------


def test_constructing_an_object_makes_no_request() -> None:
    api, wire = make_api()
    monitor = Monitor(id="42", _api=api)
    assert wire.requests == []
    assert monitor.id == "42"
    assert monitor.url is None
    assert monitor.get_modified_properties() == []


def test_integer_id_is_kept_as_a_string() -> None:
    api, _ = make_api()
    assert Monitor(id=42, _api=api).id == "42"


def test_constructor_rejects_an_unknown_field_with_a_hint() -> None:
    api, _ = make_api()
    with pytest.raises(TypeError, match="did you mean 'url'"):
        Monitor(id="1", _api=api, urll="https://example.com")  # type: ignore[call-arg]


def test_get_loads_one_object_with_one_request() -> None:
    api, wire = make_api({("GET", "/api/v2/monitors/2"): fixture("get_monitor")})
    monitor = Monitor.get(api, 2)
    assert wire.calls == [("GET", "/api/v2/monitors/2")]
    assert monitor.id == "2"
    assert monitor.pronounceable_name == "Homepage"
    assert monitor.regions == ["us", "eu"]
    assert monitor.get_modified_properties() == []


def test_get_of_a_missing_object_raises_not_found() -> None:
    api, _ = make_api()
    with pytest.raises(NotFoundError):
        Monitor.get(api, 999)


def test_fetch_data_discards_local_changes() -> None:
    api, wire = make_api({("GET", "/api/v2/monitors/2"): fixture("get_monitor")})
    monitor = loaded(api)
    monitor.url = "https://example.com/local"
    monitor.fetch_data()
    assert monitor.url == "https://example.com"
    assert monitor.get_modified_properties() == []
    assert wire.calls == [("GET", "/api/v2/monitors/2")]


# Change tracking ----------------------------------------------------------------------------


def test_save_patches_exactly_the_changed_fields() -> None:
    api, wire = make_api({MONITOR_2: fixture("get_monitor")})
    monitor = loaded(api)
    monitor.url = "https://example.com/health"
    monitor.check_frequency = 60
    monitor.save()
    assert wire.calls == [MONITOR_2]
    assert wire.body() == {"url": "https://example.com/health", "check_frequency": 60}
    assert wire.last.headers["Content-Type"] == "application/json"


def test_save_sends_nothing_when_nothing_changed() -> None:
    api, wire = make_api({MONITOR_2: fixture("get_monitor")})
    monitor = loaded(api)
    monitor.save()
    monitor.url = monitor.url  # the same value is no change
    monitor.save()
    assert wire.requests == []


def test_changing_a_field_back_is_no_change() -> None:
    api, wire = make_api({MONITOR_2: fixture("get_monitor")})
    monitor = loaded(api)
    monitor.check_frequency = 60
    monitor.check_frequency = 30
    assert monitor.get_modified_properties() == []
    monitor.save()
    assert wire.requests == []


def test_in_place_list_append_is_saved() -> None:
    api, wire = make_api({MONITOR_2: fixture("get_monitor")})
    monitor = loaded(api)
    assert monitor.regions is not None
    monitor.regions.append("as")
    assert monitor.get_modified_properties() == ["regions"]
    monitor.save()
    assert wire.body() == {"regions": ["us", "eu", "as"]}


def test_in_place_dict_edit_is_saved() -> None:
    api, wire = make_api({MONITOR_2: fixture("get_monitor")})
    monitor = loaded(api)
    assert monitor.environment_variables is not None
    monitor.environment_variables["API_KEY"] = "abc"
    monitor.save()
    assert wire.body() == {"environment_variables": {"API_KEY": "abc"}}


def test_edit_inside_a_list_of_dicts_is_saved() -> None:
    api, wire = make_api({MONITOR_2: fixture("get_monitor")})
    monitor = loaded(api)
    assert monitor.request_headers is not None
    monitor.request_headers[0]["value"] = "changed"
    monitor.save()
    assert wire.body() == {"request_headers": [{"id": "11", "name": "X-Probe", "value": "changed"}]}


def test_setting_a_field_to_none_sends_null() -> None:
    api, wire = make_api({MONITOR_2: fixture("get_monitor")})
    monitor = loaded(api)
    monitor.monitor_group_id = None
    monitor.save()
    assert wire.body() == {"monitor_group_id": None}


def test_a_new_extra_set_to_none_counts() -> None:
    # The older package compared against None for missing keys and so never saw this change.
    api, wire = make_api({MONITOR_2: fixture("get_monitor")})
    monitor = loaded(api)
    monitor._extras["escalation_note"] = None
    assert monitor.get_modified_properties() == ["escalation_note"]
    monitor.save()
    assert wire.body() == {"escalation_note": None}


def test_an_extra_from_the_api_can_be_changed_and_saved() -> None:
    api, wire = make_api({MONITOR_2: fixture("get_monitor")})
    monitor = loaded(api, beta_checks_enabled=True)
    name = "beta_checks_enabled"
    setattr(monitor, name, False)
    assert monitor.get_modified_properties() == [name]
    monitor.save()
    assert wire.body() == {name: False}


def test_after_a_successful_save_the_object_holds_the_answer_and_is_clean() -> None:
    answer = monitor_answer(url="https://example.com/health/", updated_at="2026-12-01T00:00:00.000Z")
    api, _ = make_api({MONITOR_2: answer})
    monitor = loaded(api)
    monitor.url = "https://example.com/health"
    monitor.save()
    assert monitor.url == "https://example.com/health/"
    assert monitor.updated_at == "2026-12-01T00:00:00.000Z"
    assert monitor.get_modified_properties() == []


def test_after_a_failed_save_the_edits_stay_and_are_sent_again() -> None:
    invalid = reply(422, {"errors": {"check_frequency": ["is not included in the list"]}})
    api, wire = make_api({MONITOR_2: [invalid, reply(200, fixture("get_monitor"))]})
    monitor = loaded(api)
    monitor.check_frequency = 7
    assert monitor.regions is not None
    monitor.regions.append("au")
    with pytest.raises(UnprocessableEntityError):
        monitor.save()
    assert monitor.check_frequency == 7
    assert monitor.regions == ["us", "eu", "au"]
    assert sorted(monitor.get_modified_properties()) == ["check_frequency", "regions"]
    monitor.save()
    assert wire.calls == [MONITOR_2, MONITOR_2]
    assert wire.body(0) == wire.body(1) == {"check_frequency": 7, "regions": ["us", "eu", "au"]}
    assert monitor.get_modified_properties() == []


def test_reset_variable_tracking_makes_the_object_clean() -> None:
    api, wire = make_api()
    monitor = loaded(api)
    monitor.url = "https://example.com/local"
    monitor.reset_variable_tracking()
    monitor.save()
    assert wire.requests == []


# Attribute rules ----------------------------------------------------------------------------


def test_assigning_an_unknown_name_raises_with_a_hint_and_sends_nothing() -> None:
    api, wire = make_api({MONITOR_2: fixture("get_monitor")})
    monitor = loaded(api)
    with pytest.raises(AttributeError, match="did you mean 'url'"):
        monitor.urll = "https://example.com/typo"  # type: ignore[attr-defined]
    assert monitor.get_modified_properties() == []
    monitor.save()
    assert wire.requests == []


def test_reading_an_unknown_name_raises_with_a_hint() -> None:
    api, _ = make_api()
    monitor = loaded(api)
    with pytest.raises(AttributeError, match="did you mean 'check_frequency'"):
        print(monitor.check_frequncy)  # type: ignore[attr-defined]


def test_unknown_api_fields_are_kept_as_extras_and_readable() -> None:
    api, _ = make_api()
    monitor = loaded(api, incident_count=3, labels={"env": "prod"})
    assert monitor._extras == {"incident_count": 3, "labels": {"env": "prod"}}
    assert getattr(monitor, "incident_count") == 3  # noqa: B009
    assert getattr(monitor, "labels") == {"env": "prod"}  # noqa: B009
    assert monitor.get_modified_properties() == []


def test_unknown_api_field_named_like_a_method_stays_an_extra() -> None:
    api, _ = make_api()
    monitor = loaded(api, save="not a method")
    assert monitor._extras == {"save": "not a method"}
    assert callable(monitor.save)


def test_foreign_keys_are_integers_whatever_the_wire_sent() -> None:
    api, _ = make_api()
    assert loaded(api, monitor_group_id="12", policy_id=41).monitor_group_id == 12
    assert loaded(api, policy_id="41").policy_id == 41


def test_repr_hides_secrets_and_never_shows_the_token() -> None:
    api, _ = make_api()
    monitor = loaded(api, auth_password="hunter2", environment_variables={"DB_PASSWORD": "p4ss"})
    text = repr(monitor)
    assert text.startswith("Monitor(id='2', ")
    assert "auth_password=<hidden>" in text
    assert "environment_variables=<hidden>" in text
    assert "url='https://example.com'" in text
    for secret in ("hunter2", "DB_PASSWORD", "p4ss", TOKEN):
        assert secret not in text


def test_repr_leaves_out_empty_fields() -> None:
    api, _ = make_api()
    assert repr(Monitor(id="7", _api=api)) == "Monitor(id='7')"


# URLs ---------------------------------------------------------------------------------------


def test_ids_are_url_quoted_in_paths() -> None:
    api, wire = make_api()
    monitor = Monitor(id="1/../../v3/incidents", _api=api)
    assert monitor.generate_url() == "/api/v2/monitors/1%2F..%2F..%2Fv3%2Fincidents"
    with pytest.raises(NotFoundError):
        monitor.fetch_data()
    assert wire.last.url.raw_path == b"/api/v2/monitors/1%2F..%2F..%2Fv3%2Fincidents"


def test_ids_are_url_quoted_on_delete() -> None:
    api, wire = make_api()
    with pytest.raises(NotFoundError):
        Monitor(id="a b?c#d", _api=api).delete()
    assert wire.last.method == "DELETE"
    assert wire.last.url.raw_path == b"/api/v2/monitors/a%20b%3Fc%23d"


def test_generate_global_url() -> None:
    assert Monitor.generate_global_url() == "/api/v2/monitors"
    assert MonitorGroup.generate_global_url() == "/api/v2/monitor-groups"


def test_delete_sends_delete_to_the_object_path() -> None:
    api, wire = make_api({("DELETE", "/api/v2/monitors/2"): reply(204)})
    loaded(api).delete()
    assert wire.calls == [("DELETE", "/api/v2/monitors/2")]
    assert wire.last.content == b""


# Listing and filtering ----------------------------------------------------------------------


def test_get_all_instances_is_lazy() -> None:
    api, wire = make_api({("GET", "/api/v2/monitors"): fixture("list_monitors")})
    monitors = Monitor.get_all_instances(api)
    assert wire.requests == []
    first = next(monitors)
    assert (first.id, first.url) == ("2", "https://example.com")
    assert len(wire.requests) == 1
    assert first.get_modified_properties() == []


def test_listed_objects_are_tracked_against_the_answer_without_copies_leaking() -> None:
    # Objects from a list keep the page's attributes as their snapshot; what a caller can edit
    # in place is copied on first read, so an edit is seen and the snapshot stays as sent.
    items = [monitor_item("2", regions=["us", "eu"]), monitor_item("3", regions=["as"])]
    api, wire = make_api({("GET", "/api/v2/monitors"): one_page("list_monitors", items), MONITOR_2: monitor_answer()})
    first, second = list(Monitor.get_all_instances(api))
    assert first.get_modified_properties() == []
    assert first.regions is not None
    first.regions.append("au")
    second.pronounceable_name = "Renamed"
    assert first.get_modified_properties() == ["regions"]
    assert second.get_modified_properties() == ["pronounceable_name"]
    assert first._original_values["regions"] == ["us", "eu"]
    assert first.regions == ["us", "eu", "au"]
    assert second.regions == ["as"]
    first.save()
    assert wire.body() == {"regions": ["us", "eu", "au"]}
    assert first.get_modified_properties() == []


def test_edits_made_before_the_first_read_survive_loading_the_rest() -> None:
    # Fields load on first read; a value set before that must not be overwritten by the load.
    items = [monitor_item("2", regions=["us"], url="https://old.example")]
    api, _ = make_api({("GET", "/api/v2/monitors"): one_page("list_monitors", items)})
    (monitor,) = Monitor.get_all_instances(api)
    monitor.regions = ["eu"]
    monitor.url = "https://new.example"
    assert (monitor.pronounceable_name, monitor.regions, monitor.url) == (
        items[0]["attributes"]["pronounceable_name"],
        ["eu"],
        "https://new.example",
    )
    assert monitor.get_modified_properties() == ["url", "regions"]


def test_a_listed_object_reads_every_field_as_sent() -> None:
    item = monitor_item("2", monitor_group_id="12", unknown_flag=True)
    api, _ = make_api({("GET", "/api/v2/monitors"): one_page("list_monitors", [item])})
    (monitor,) = Monitor.get_all_instances(api)
    expected = {name: item["attributes"].get(name) for name in kind_of(Monitor).fields}
    expected["monitor_group_id"] = 12  # foreign keys are integers whatever the wire sent
    assert {name: getattr(monitor, name) for name in kind_of(Monitor).fields} == expected
    assert monitor._extras == {k: v for k, v in item["attributes"].items() if k not in kind_of(Monitor).fields}
    name = "unknown_flag"  # an extra: read as an attribute, unknown to type checkers
    assert getattr(monitor, name) is True
    assert monitor.get_modified_properties() == []


@pytest.mark.parametrize(
    "data",
    [None, "monitors", [{"id": "2"}, "not an item"], [{"attributes": {}}], [{"id": "2", "attributes": []}]],
    ids=["no-data", "a-string", "a-string-item", "no-id", "attributes-a-list"],
)
def test_a_list_page_that_is_not_resources_raises_a_decode_error(data: Any) -> None:
    api, _ = make_api({("GET", "/api/v2/monitors"): {"data": data, "pagination": None}})
    with pytest.raises(ResponseDecodeError, match=r"\[200\] the body is not a `data` list of resources"):
        list(Monitor.get_all_instances(api))


def test_filter_rejects_an_unknown_parameter_before_any_request() -> None:
    api, wire = make_api()
    with pytest.raises(ValidationError, match="allowed: page, per_page, pronounceable_name, team_name, url"):
        Monitor.filter(api, colour="red")  # type: ignore[call-arg]
    with pytest.raises(ValidationError, match="cannot be filtered by 'url'"):
        MonitorGroup.filter(api, url="https://example.com")  # type: ignore[call-arg]
    assert wire.requests == []


def test_filter_sends_url_and_paging_as_the_query() -> None:
    api, wire = make_api({("GET", "/api/v2/monitors"): one_page("list_monitors")})
    found = list(Monitor.filter(api, url="https://example.com", per_page=10))
    assert [monitor.id for monitor in found] == [item["id"] for item in fixture("list_monitors")["data"]]
    assert list(wire.last.url.params.multi_items()) == [("url", "https://example.com"), ("per_page", "10")]


class _IncidentRow(IncidentFields[PaginatedAPI], BaseAPIObject, operations=Operations(list=ops.list_incidents)):
    """A minimal incident class: a list endpoint with boolean and `from` filters."""


def test_settings_in_the_class_body_are_refused_with_the_keyword_to_use() -> None:
    with pytest.raises(TypeError) as raised:

        class _Old(IncidentFields[PaginatedAPI], BaseAPIObject):
            _operations = Operations(list=ops.list_incidents)

    assert str(raised.value) == (
        "_Old declares _operations in its body; settings are class keywords now: class _Old(..., operations=...)"
    )


def test_filter_sends_booleans_lowercase_and_from_without_underscore() -> None:
    api, wire = make_api({("GET", "/api/v3/incidents"): one_page("list_incidents")})
    list(_IncidentRow.filter(api, resolved=False, acknowledged=True, from_="2026-01-01"))
    assert dict(wire.last.url.params) == {"resolved": "false", "acknowledged": "true", "from": "2026-01-01"}


def test_filter_on_attribute_compares_exactly() -> None:
    api, _ = make_api()
    monitors = [loaded(api), loaded(api, url="https://example.com/other"), Monitor(id="9", _api=api)]
    assert filter_on_attribute(monitors, "url", "https://example.com") == [monitors[0]]
    assert filter_on_attribute(monitors, "url", None) == [monitors[2]]
    assert filter_on_attribute(monitors, "no_such_attribute", None) == monitors


# Creating -----------------------------------------------------------------------------------


def test_new_sends_exactly_the_given_fields() -> None:
    api, wire = make_api({("POST", "/api/v2/monitors"): reply(201, fixture("create_monitor"))})
    monitor = Monitor.new(api, monitor_type="status", url="https://example.com", regions=["us"])
    assert wire.calls == [("POST", "/api/v2/monitors")]
    assert wire.body() == {"monitor_type": "status", "url": "https://example.com", "regions": ["us"]}
    assert monitor.id == fixture("create_monitor")["data"]["id"]
    assert monitor.get_modified_properties() == []


def test_new_monitor_group_sends_exactly_the_given_fields() -> None:
    created = {"data": fixture("list_monitor_groups")["data"][0]}
    api, wire = make_api({("POST", "/api/v2/monitor-groups"): reply(201, created)})
    group = MonitorGroup.new(api, name="Backend services")
    assert wire.body() == {"name": "Backend services"}
    assert (group.id, group.name) == ("12", "Backend services")


def test_get_or_create_returns_the_exact_match_without_creating() -> None:
    items = [monitor_item("2", url="https://example.com", pronounceable_name="Homepage")]
    api, wire = make_api({("GET", "/api/v2/monitors"): one_page("list_monitors", items)})
    created, monitor = Monitor.get_or_create(api, url="https://example.com", monitor_type="status")
    assert (created, monitor.id) == (False, "2")
    assert wire.calls == [("GET", "/api/v2/monitors")]
    # The filterable field narrows the search on the server; the other is compared locally.
    assert dict(wire.last.url.params) == {"url": "https://example.com"}


def test_get_or_create_does_not_trust_a_partial_server_side_match() -> None:
    items = [monitor_item("5", url="https://example.com/other")]
    api, wire = make_api(
        {
            ("GET", "/api/v2/monitors"): one_page("list_monitors", items),
            ("POST", "/api/v2/monitors"): reply(201, fixture("create_monitor")),
        }
    )
    created, monitor = Monitor.get_or_create(api, url="https://example.com", monitor_type="status")
    assert created is True
    assert monitor.id == fixture("create_monitor")["data"]["id"]
    assert wire.calls == [("GET", "/api/v2/monitors"), ("POST", "/api/v2/monitors")]
    assert wire.body() == {"url": "https://example.com", "monitor_type": "status"}


def test_get_or_create_creates_when_none_match() -> None:
    api, wire = make_api(
        {
            ("GET", "/api/v2/monitor-groups"): one_page("list_monitor_groups", []),
            ("POST", "/api/v2/monitor-groups"): reply(201, {"data": fixture("list_monitor_groups")["data"][0]}),
        }
    )
    created, group = MonitorGroup.get_or_create(api, name="Backend services")
    assert (created, group.name) == (True, "Backend services")
    assert wire.calls == [("GET", "/api/v2/monitor-groups"), ("POST", "/api/v2/monitor-groups")]
    assert wire.body() == {"name": "Backend services"}


def test_get_or_create_raises_on_several_matches() -> None:
    items = [monitor_item("2"), monitor_item("3")]
    api, wire = make_api({("GET", "/api/v2/monitors"): one_page("list_monitors", items)})
    with pytest.raises(ValidationError, match="ids 2, 3"):
        Monitor.get_or_create(api, url=items[0]["attributes"]["url"])
    assert [request.method for request in wire.requests] == ["GET"]


# MonitorGroup -------------------------------------------------------------------------------


def test_monitor_group_save_patches_its_own_path() -> None:
    body = {"data": fixture("list_monitor_groups")["data"][0]}
    api, wire = make_api({("GET", "/api/v2/monitor-groups/12"): body, ("PATCH", "/api/v2/monitor-groups/12"): body})
    group = MonitorGroup.get(api, 12)
    group.name = "Backend"
    group.sort_index = 2
    group.save()
    assert wire.calls == [("GET", "/api/v2/monitor-groups/12"), ("PATCH", "/api/v2/monitor-groups/12")]
    assert wire.body() == {"name": "Backend", "sort_index": 2}


# Python protocol ----------------------------------------------------------------------------


def test_objects_are_hashable_by_type_and_id() -> None:
    api, _ = make_api()
    first, same, other = loaded(api), loaded(api), Monitor(id="3", _api=api)
    assert first == same
    assert len({first, same, other}) == 2
    assert {first: "a"}[same] == "a"
    before = hash(first)
    first.url = "https://example.com/changed"
    assert hash(first) == before


def test_objects_of_different_classes_are_not_equal() -> None:
    api, _ = make_api()
    assert Monitor(id="12", _api=api) != MonitorGroup(id="12", _api=api)
    assert len({Monitor(id="12", _api=api), MonitorGroup(id="12", _api=api)}) == 2


def test_equality_compares_values() -> None:
    api, _ = make_api()
    first, second = loaded(api), loaded(api)
    second.check_frequency = 60
    assert first != second


# User subclasses ----------------------------------------------------------------------------


def test_user_subclass_field_is_tracked_and_saved() -> None:
    # The older package cached the field list per class on first use, so a subclass defined
    # afterwards wrote its own field into extras and read back None (its bug B7).
    api, wire = make_api({MONITOR_2: fixture("get_monitor")})
    loaded(api).url = "https://example.com/warm-the-parent-class"

    class TaggedMonitor(Monitor):
        owner: str | None

    monitor = TaggedMonitor._from_api_response(api, monitor_answer(owner="ops")["data"])
    assert monitor.owner == "ops"
    assert monitor._extras == {}
    monitor.owner = "sre"
    assert monitor.owner == "sre"
    assert monitor.get_modified_properties() == ["owner"]
    monitor.save()
    assert wire.body() == {"owner": "sre"}
    assert monitor.get_modified_properties() == []


def test_user_sub_subclass_tracks_every_level() -> None:
    api, wire = make_api({MONITOR_2: fixture("get_monitor")})

    class TaggedMonitor(Monitor):
        owner: str | None

    class CostedMonitor(TaggedMonitor):
        cost_centre: str | None

    # The typed constructor declares the spec's fields; a subclass's own ones are taken at run time.
    monitor = CostedMonitor(id="2", _api=api, owner="ops", cost_centre="R&D")  # type: ignore[call-arg]
    assert (monitor.owner, monitor.cost_centre) == ("ops", "R&D")
    monitor.cost_centre = "Ops"
    monitor.url = "https://example.com/health"
    monitor.save()
    assert wire.body() == {"url": "https://example.com/health", "cost_centre": "Ops"}
    assert "cost_centre" not in kind_of(Monitor).fields
    assert "cost_centre" not in kind_of(TaggedMonitor).fields


# Answers without `type`, ids that are null ------------------------------------------------------


def test_get_reads_an_answer_without_type() -> None:
    api, wire = make_api({("GET", "/api/v2/monitors/2"): fixture("get_monitor.without_type")})
    monitor = Monitor.get(api, 2)
    assert wire.calls == [("GET", "/api/v2/monitors/2")]
    assert (monitor.id, monitor.url, monitor.regions) == ("2", "https://example.com", ["us", "eu"])
    assert monitor.get_modified_properties() == []


def test_save_takes_an_answer_without_type() -> None:
    answer = fixture("get_monitor.without_type")
    answer["data"]["attributes"]["check_frequency"] = 60
    api, wire = make_api({MONITOR_2: answer})
    monitor = loaded(api)
    monitor.check_frequency = 60
    monitor.save()
    assert wire.body() == {"check_frequency": 60}
    assert (monitor.check_frequency, monitor.get_modified_properties()) == (60, [])


def test_new_takes_an_answer_without_type() -> None:
    api, wire = make_api({("POST", "/api/v2/monitors"): reply(201, fixture("get_monitor.without_type"))})
    monitor = Monitor.new(api, monitor_type="status", url="https://example.com")
    assert wire.body() == {"monitor_type": "status", "url": "https://example.com"}
    assert (monitor.id, monitor.pronounceable_name) == ("2", "Homepage")


def test_a_null_id_is_held_as_none_never_as_text() -> None:
    api, _ = make_api()
    item = {**fixture("get_monitor")["data"], "id": None}
    assert Monitor._from_api_response(api, item).id is None
    listed = one_page("list_monitors", [item])
    api, _ = make_api({("GET", "/api/v2/monitors"): listed})
    assert [monitor.id for monitor in Monitor.get_all_instances(api)] == [None]


def test_an_object_without_an_id_refuses_requests_that_need_one() -> None:
    api, wire = make_api()
    monitor = Monitor._from_api_response(api, {**fixture("get_monitor")["data"], "id": None})
    monitor.check_frequency = 60
    with pytest.raises(ValidationError, match=r"Monitor has no id \(the API sent none\), so update_monitor cannot"):
        monitor.save()
    with pytest.raises(ValidationError, match="so delete_monitor cannot address it"):
        monitor.delete()
    assert wire.requests == []


def test_get_of_none_is_refused_not_sent_as_text() -> None:
    api, wire = make_api({})
    with pytest.raises(ValidationError, match=r"Monitor.get\(\) needs an id, not None \(nothing was sent\)"):
        Monitor.get(api, None)  # type: ignore[arg-type]
    assert wire.requests == []
