"""Incident and IncidentComment, on the wire."""

from __future__ import annotations

import copy
import datetime
import inspect
import typing
from typing import Any

import httpx
import pytest

from betterstack.uptime import ConflictError, NotFoundError, UptimeAPI, ValidationError
from betterstack.uptime._state import values_of
from betterstack.uptime.objects.incidents import Incident, IncidentComment, IncidentTimelineItem
from betterstack_sdk import shapes

from wire import fixture, make_api, one_page, reply


def incident_answer(**attributes: Any) -> Any:
    """The get_incident fixture with some attributes changed."""
    body = fixture("get_incident")
    body["data"]["attributes"].update(attributes)
    return body


def loaded(api: UptimeAPI) -> Incident:
    return Incident._from_api_response(api, fixture("get_incident")["data"])


ACKNOWLEDGED = {
    "acknowledged_at": "2026-11-20T08:15:00.000Z",
    "acknowledged_by": "alice@example.com",
    "status": "Acknowledged",
}
RESOLVED = {**ACKNOWLEDGED, "resolved_at": "2026-11-20T09:00:00.000Z", "resolved_by": "Bob", "status": "Resolved"}


# Loading -----------------------------------------------------------------------------------


def test_get_loads_the_incident_from_v3() -> None:
    api, wire = make_api({("GET", "/api/v3/incidents/25"): fixture("get_incident")})
    incident = Incident.get(api, 25)
    assert (wire.last.method, wire.last.url.path) == ("GET", "/api/v3/incidents/25")
    assert incident.id == "25"
    assert incident.name == "Homepage"
    assert incident.status == "Started"
    assert incident.regions == ["us", "eu"]
    assert incident.escalation_policy_id == 42  # "42" on the wire
    assert incident.metadata == {"Service": [{"type": "String", "value": "checkout"}]}
    assert incident.response_options == "{}"  # kept as the API sent it: a string holding JSON
    assert incident.monitor_id == 2  # from relationships.monitor
    assert incident.heartbeat_id is None
    assert incident._extras == {"beta_flag": True}
    assert not incident.is_acknowledged
    assert not incident.is_resolved
    assert incident.get_modified_properties() == []


def test_urls_are_v3() -> None:
    api, _ = make_api({})
    assert Incident(id="25", _api=api).generate_url() == "/api/v3/incidents/25"
    assert Incident.generate_global_url() == "/api/v3/incidents"


def test_missing_incident_raises_not_found() -> None:
    api, _ = make_api({})
    with pytest.raises(NotFoundError) as caught:
        Incident.get(api, "404")
    assert str(caught.value) == (
        "[404] Resource with provided ID was not found (GET https://uptime.betterstack.com/api/v3/incidents/404)"
    )


def test_relationships_fill_monitor_and_heartbeat_ids() -> None:
    api, _ = make_api({("GET", "/api/v3/incidents"): one_page("list_incidents")})
    incidents = {incident.id: incident for incident in Incident.get_all_instances(api)}
    assert (incidents["25"].monitor_id, incidents["25"].heartbeat_id) == (2, None)
    assert (incidents["23"].monitor_id, incidents["23"].heartbeat_id) == (None, 5)
    assert (incidents["21"].monitor_id, incidents["21"].heartbeat_id) == (None, None)
    assert all(incident.get_modified_properties() == [] for incident in incidents.values())


def test_ids_in_the_attributes_win_over_relationships() -> None:
    body = incident_answer(monitor_id=7, heartbeat_id="8")
    api, _ = make_api({("GET", "/api/v3/incidents/25"): body})
    incident = Incident.get(api, 25)
    assert (incident.monitor_id, incident.heartbeat_id) == (7, 8)


def test_response_options_sent_as_an_object_stay_an_object() -> None:
    api, _ = make_api({("GET", "/api/v3/incidents/25"): incident_answer(response_options={"timeout": 30})})
    assert Incident.get(api, 25).response_options == {"timeout": 30}


def test_get_all_instances_follows_pages() -> None:
    pages = {str(number): one_page("list_incidents") for number in (2, 3, 4)}
    for number in ("2", "3"):
        pages[number]["pagination"]["next"] = f"https://uptime.betterstack.com/api/v3/incidents?page={int(number) + 1}"
    for number, page in pages.items():
        page["data"] = [{**item, "id": f"{number}{item['id']}"} for item in page["data"][:1]]

    def incidents(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, json=pages.get(request.url.params.get("page", ""), fixture("list_incidents")))

    api, wire = make_api({("GET", "/api/v3/incidents"): incidents})
    ids = [incident.id for incident in Incident.get_all_instances(api)]
    assert ids == ["25", "23", "21", "225", "325", "425"]
    assert sorted(request.url.params.get("page", "1") for request in wire.requests) == ["1", "2", "3", "4"]


# Filtering ---------------------------------------------------------------------------------


def test_filter_sends_every_list_filter_on_the_wire() -> None:
    api, wire = make_api({("GET", "/api/v3/incidents"): one_page("list_incidents")})
    found = list(
        Incident.filter(
            api,
            team_name="Production",
            from_="2026-11-01",
            to="2026-11-30",
            monitor_id=2,
            heartbeat_id=5,
            resolved=False,
            acknowledged=True,
            metadata={"env": "prod", "Service": "checkout"},
            page=1,
            per_page=50,
        )
    )
    assert [incident.id for incident in found] == ["25", "23", "21"]
    assert (wire.last.method, wire.last.url.path) == ("GET", "/api/v3/incidents")
    assert wire.last.url.params.multi_items() == [
        ("team_name", "Production"),
        ("from", "2026-11-01"),
        ("to", "2026-11-30"),
        ("monitor_id", "2"),
        ("heartbeat_id", "5"),
        ("resolved", "false"),
        ("acknowledged", "true"),
        ("metadata[env]", "prod"),
        ("metadata[Service]", "checkout"),
        ("page", "1"),
        ("per_page", "50"),
    ]
    assert b"metadata%5Benv%5D=prod" in wire.last.url.query


def test_filter_on_a_true_resolved_sends_lower_case_true() -> None:
    api, wire = make_api({("GET", "/api/v3/incidents"): one_page("list_incidents")})
    list(Incident.filter(api, resolved=True))
    assert wire.last.url.query == b"resolved=true"


def test_filter_accepts_from_without_the_underscore_and_dates() -> None:
    api, wire = make_api({("GET", "/api/v3/incidents"): one_page("list_incidents")})
    query: Any = {"from": datetime.date(2026, 11, 1)}
    list(Incident.filter(api, **query))
    assert wire.last.url.query == b"from=2026-11-01"


def test_filter_rejects_an_unknown_parameter_before_any_request() -> None:
    api, wire = make_api({})
    with pytest.raises(ValidationError, match=r"cannot be filtered by 'status'.*allowed: .*acknowledged"):
        Incident.filter(api, status="Started")  # type: ignore[call-arg]
    assert wire.requests == []


# Creating, saving, deleting ----------------------------------------------------------------


def test_new_posts_exactly_the_fields() -> None:
    api, wire = make_api({("POST", "/api/v3/incidents"): reply(201, incident_answer(name="Checkout failing"))})
    incident = Incident.new(
        api,
        requester_email="alice@example.com",
        name="Checkout failing",
        summary="Customers cannot pay",
        description="Since 14:00",
        call=False,
        email=True,
        team_wait=120,
        policy_id=42,
        metadata={"Service": [{"type": "String", "value": "checkout"}]},
    )
    assert (wire.last.method, wire.last.url.path) == ("POST", "/api/v3/incidents")
    assert wire.body() == {
        "requester_email": "alice@example.com",
        "name": "Checkout failing",
        "summary": "Customers cannot pay",
        "description": "Since 14:00",
        "call": False,
        "email": True,
        "team_wait": 120,
        "policy_id": 42,
        "metadata": {"Service": [{"type": "String", "value": "checkout"}]},
    }
    assert incident.id == "25"
    assert incident.name == "Checkout failing"
    assert incident.get_modified_properties() == []


def test_save_refuses_before_any_request() -> None:
    api, wire = make_api({})
    incident = loaded(api)
    with pytest.raises(ValidationError, match="no update operation for Incident"):
        incident.save()
    incident.name = "Renamed"
    with pytest.raises(ValidationError, match="cannot be PATCHed"):
        incident.save()
    assert wire.requests == []


def test_delete_sends_delete_to_v3() -> None:
    api, wire = make_api({("DELETE", "/api/v3/incidents/25"): reply(204)})
    Incident(id="25", _api=api).delete()
    assert (wire.last.method, wire.last.url.path) == ("DELETE", "/api/v3/incidents/25")


def test_a_misspelt_attribute_is_refused() -> None:
    api, _ = make_api({})
    with pytest.raises(AttributeError, match="did you mean 'resolved_by'"):
        loaded(api).resolved_bi = "Bob"  # type: ignore[attr-defined]


# State -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("attributes", "acknowledged", "resolved"),
    [
        ({}, False, False),
        ({"acknowledged_at": "2026-11-20T08:15:00.000Z"}, True, False),
        ({"status": "Acknowledged"}, True, False),
        ({"resolved_at": "2026-11-20T09:00:00.000Z"}, False, True),
        ({"status": "Resolved"}, False, True),
        (RESOLVED, True, True),
    ],
)
def test_is_acknowledged_and_is_resolved(attributes: dict[str, Any], acknowledged: bool, resolved: bool) -> None:
    api, _ = make_api({})
    incident = Incident(id="25", _api=api, status="Started")
    for name, value in attributes.items():
        setattr(incident, name, value)
    assert incident.is_acknowledged is acknowledged
    assert incident.is_resolved is resolved


# Acknowledge and resolve -------------------------------------------------------------------


def test_acknowledge_without_a_name_sends_no_body_and_takes_the_answer() -> None:
    api, wire = make_api({("POST", "/api/v3/incidents/25/acknowledge"): incident_answer(**ACKNOWLEDGED)})
    incident = loaded(api)
    incident.acknowledge()
    assert (wire.last.method, wire.last.url.path) == ("POST", "/api/v3/incidents/25/acknowledge")
    assert wire.last.content == b""
    assert incident.is_acknowledged
    assert incident.acknowledged_by == "alice@example.com"
    assert incident.status == "Acknowledged"
    assert incident.monitor_id == 2
    assert incident.get_modified_properties() == []


def test_acknowledge_with_a_name_sends_it() -> None:
    api, wire = make_api({("POST", "/api/v3/incidents/25/acknowledge"): incident_answer(**ACKNOWLEDGED)})
    incident = loaded(api)
    incident.acknowledge("alice@example.com")
    assert wire.body() == {"acknowledged_by": "alice@example.com"}
    assert wire.last.headers["Content-Type"] == "application/json"


def test_acknowledge_with_an_empty_name_still_sends_it() -> None:
    api, wire = make_api({("POST", "/api/v3/incidents/25/acknowledge"): incident_answer(**ACKNOWLEDGED)})
    loaded(api).acknowledge(acknowledged_by="")
    assert wire.body() == {"acknowledged_by": ""}


def test_acknowledging_an_acknowledged_incident_raises_conflict_and_changes_nothing() -> None:
    conflict = {"errors": "Incident was already acknowledged"}
    api, wire = make_api({("POST", "/api/v3/incidents/25/acknowledge"): reply(409, conflict)})
    incident = loaded(api)
    before = copy.deepcopy(values_of(incident))
    with pytest.raises(ConflictError) as caught:
        incident.acknowledge("alice@example.com")
    assert "Incident was already acknowledged" in str(caught.value)
    assert caught.value.status_code == 409
    assert caught.value.response_body == "Incident was already acknowledged"
    assert len(wire.requests) == 1  # a conflict is never retried
    assert values_of(incident) == before
    assert not incident.is_acknowledged
    assert incident.get_modified_properties() == []


def test_acknowledge_answered_without_the_incident_reloads_it() -> None:
    api, wire = make_api(
        {
            ("POST", "/api/v3/incidents/25/acknowledge"): reply(204),
            ("GET", "/api/v3/incidents/25"): incident_answer(**ACKNOWLEDGED),
        }
    )
    incident = loaded(api)
    incident.acknowledge()
    assert [(request.method, request.url.path) for request in wire.requests] == [
        ("POST", "/api/v3/incidents/25/acknowledge"),
        ("GET", "/api/v3/incidents/25"),
    ]
    assert incident.is_acknowledged


def test_resolve_without_a_name_sends_no_body_and_takes_the_answer() -> None:
    api, wire = make_api({("POST", "/api/v3/incidents/25/resolve"): incident_answer(**RESOLVED)})
    incident = loaded(api)
    incident.resolve()
    assert (wire.last.method, wire.last.url.path) == ("POST", "/api/v3/incidents/25/resolve")
    assert wire.last.content == b""
    assert incident.is_resolved
    assert incident.resolved_by == "Bob"
    assert incident.resolved_at == "2026-11-20T09:00:00.000Z"
    assert incident.get_modified_properties() == []


def test_resolve_with_a_name_sends_it() -> None:
    api, wire = make_api({("POST", "/api/v3/incidents/25/resolve"): incident_answer(**RESOLVED)})
    loaded(api).resolve(resolved_by="Bob")
    assert wire.body() == {"resolved_by": "Bob"}


def test_resolving_a_resolved_incident_raises_conflict_and_changes_nothing() -> None:
    api, _ = make_api(
        {("POST", "/api/v3/incidents/23/resolve"): reply(409, {"errors": "Incident was already resolved"})}
    )
    incident = Incident._from_api_response(api, fixture("list_incidents")["data"][1])
    before = copy.deepcopy(values_of(incident))
    with pytest.raises(ConflictError, match="Incident was already resolved"):
        incident.resolve("Bob")
    assert values_of(incident) == before


# Escalate ----------------------------------------------------------------------------------


def test_escalate_posts_the_type_and_options() -> None:
    api, wire = make_api({("POST", "/api/v3/incidents/25/escalate"): incident_answer(status="Started", sms=True)})
    incident = loaded(api)
    incident.escalate("User", user_email="alice@example.com", call=True, sms=True)
    assert (wire.last.method, wire.last.url.path) == ("POST", "/api/v3/incidents/25/escalate")
    assert wire.body() == {"escalation_type": "User", "user_email": "alice@example.com", "call": True, "sms": True}
    assert incident.sms is True
    assert incident.get_modified_properties() == []


def test_escalate_to_the_organisation_sends_only_the_type() -> None:
    api, wire = make_api({("POST", "/api/v3/incidents/25/escalate"): fixture("get_incident")})
    loaded(api).escalate("Organization")
    assert wire.body() == {"escalation_type": "Organization"}


def test_escalate_sends_ids_and_leaves_out_what_is_not_given() -> None:
    api, wire = make_api({("POST", "/api/v3/incidents/25/escalate"): fixture("get_incident")})
    loaded(api).escalate("Schedule", schedule_id=7, push=False)
    assert wire.body() == {"escalation_type": "Schedule", "schedule_id": 7, "push": False}


# The functions are taken at collection, before the async run replaces `escalate`.
@pytest.mark.parametrize("method", [Incident.escalate, Incident.aescalate], ids=["escalate", "aescalate"])
def test_escalate_keywords_are_the_fields_of_the_spec_body(method: Any) -> None:
    # Written out for type checkers and IDEs; this keeps them equal to shapes.IncidentEscalation.
    body = typing.get_type_hints(shapes.IncidentEscalation)
    hints = typing.get_type_hints(method)
    parameters = inspect.signature(method).parameters.values()
    keywords = {p.name: hints[p.name] for p in parameters if p.kind is inspect.Parameter.KEYWORD_ONLY}
    assert keywords == {name: kind | None for name, kind in body.items() if name != "escalation_type"}
    assert hints["escalation_type"] == body["escalation_type"]


def test_escalate_rejects_an_unknown_option_before_any_request() -> None:
    api, wire = make_api({})
    with pytest.raises(ValidationError, match=r"does not take 'user_emial'; allowed: .*user_email"):
        loaded(api).escalate("User", user_emial="alice@example.com")  # type: ignore[arg-type]  # untyped callers
    assert wire.requests == []


def test_escalating_a_resolved_incident_raises_conflict() -> None:
    conflict = {"errors": "Cannot escalate a resolved incident."}
    api, _ = make_api({("POST", "/api/v3/incidents/25/escalate"): reply(409, conflict)})
    incident = loaded(api)
    before = copy.deepcopy(values_of(incident))
    with pytest.raises(ConflictError, match="Cannot escalate a resolved incident"):
        incident.escalate("Team", team_name="Operations")
    assert values_of(incident) == before


# Timeline ----------------------------------------------------------------------------------


def test_timeline_returns_id_plus_attributes() -> None:
    api, wire = make_api({("GET", "/api/v2/incidents/25/timeline"): fixture("get_incident_timeline")})
    items = loaded(api).timeline()
    assert (wire.last.method, wire.last.url.path) == ("GET", "/api/v2/incidents/25/timeline")
    assert [item["id"] for item in items] == ["2026-11-20 07:59:59 UTC", "23", "107107309", "2470302-content-response"]
    assert items[0] == {
        "id": "2026-11-20 07:59:59 UTC",
        "item_type": "timeline_truncated",
        "at": "2026-11-20T07:59:59.000Z",
        "data": {"title": "Skipping 123 timeline events"},
    }
    data = items[1].get("data")
    assert data is not None
    content = data.get("content")
    assert isinstance(content, dict)
    assert content.get("user") == {"id": 123, "name": "Alice Example"}
    # A key the spec does not name is kept, untyped.
    assert dict(items[2])["beta_flag"] is True
    assert all(set(item) - {"beta_flag"} <= set(IncidentTimelineItem.__annotations__) for item in items)


def test_timeline_of_a_missing_incident_raises_not_found() -> None:
    api, _ = make_api({})
    with pytest.raises(NotFoundError):
        Incident(id="404", _api=api).timeline()


# Comments ----------------------------------------------------------------------------------


def test_comments_are_listed_per_incident() -> None:
    api, wire = make_api({("GET", "/api/v2/incidents/25/comments"): fixture("list_incident_comments")})
    comments = loaded(api).comments()
    assert (wire.last.method, wire.last.url.path) == ("GET", "/api/v2/incidents/25/comments")
    assert [comment.id for comment in comments] == ["123", "124"]
    assert comments[0].content == "Rolled back the **payments** deploy."
    assert comments[0]._incident_id == "25"
    assert comments[0]._extras == {}  # the repeated integer id is not kept as an extra
    assert comments[1]._extras == {"beta_flag": True}
    assert comments[0].generate_url() == "/api/v2/incidents/25/comments/123"


def test_add_comment_posts_the_content_and_returns_the_comment() -> None:
    api, wire = make_api({("POST", "/api/v2/incidents/25/comments"): reply(201, fixture("get_incident_comment"))})
    comment = loaded(api).add_comment("Rolled back the **payments** deploy.")
    assert (wire.last.method, wire.last.url.path) == ("POST", "/api/v2/incidents/25/comments")
    assert wire.body() == {"content": "Rolled back the **payments** deploy."}
    assert isinstance(comment, IncidentComment)
    assert (comment.id, comment._incident_id) == ("123", "25")
    assert comment.created_at == "2026-11-20T08:30:46.618Z"
    assert comment.get_modified_properties() == []


def test_comment_get_save_and_delete_use_the_incident_path() -> None:
    edited = fixture("get_incident_comment")
    edited["data"]["attributes"]["content"] = "Rolled back."
    api, wire = make_api(
        {
            ("GET", "/api/v2/incidents/25/comments/123"): fixture("get_incident_comment"),
            ("PATCH", "/api/v2/incidents/25/comments/123"): edited,
            ("DELETE", "/api/v2/incidents/25/comments/123"): reply(204),
        }
    )
    comment = IncidentComment.get(api, 123, incident_id=25)
    assert (wire.last.method, wire.last.url.path) == ("GET", "/api/v2/incidents/25/comments/123")
    comment.content = "Rolled back."
    comment.save()
    assert (wire.last.method, wire.last.url.path) == ("PATCH", "/api/v2/incidents/25/comments/123")
    assert wire.body() == {"content": "Rolled back."}
    assert comment.get_modified_properties() == []
    comment.delete()
    assert (wire.last.method, wire.last.url.path) == ("DELETE", "/api/v2/incidents/25/comments/123")


def test_comments_have_no_collection_of_their_own() -> None:
    api, wire = make_api({})
    with pytest.raises(ValueError, match="no collection URL"):
        IncidentComment.generate_global_url()
    with pytest.raises(ValidationError, match=r"Incident\.comments\(\)"):
        IncidentComment.get_all_instances(api)
    with pytest.raises(ValidationError, match=r"Incident\.add_comment\(\)"):
        IncidentComment.new(api, content="Hello")
    with pytest.raises(ValidationError, match="does not know its incident_id"):
        IncidentComment(id="123", _api=api).delete()
    assert wire.requests == []
