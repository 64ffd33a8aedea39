"""EscalationPolicy, PolicyStep, PolicyGroup, Urgency and UrgencyGroup, on the wire."""

from __future__ import annotations

import inspect
import json
from typing import Any

import httpx
import pytest

from betterstack.uptime import BaseAPIObject, ConflictError, NotFoundError, ValidationError
from betterstack.uptime.objects.policies import (
    STEP_TYPES,
    WEEKDAYS,
    EscalationPolicy,
    PolicyGroup,
    PolicyStep,
    Urgency,
    UrgencyGroup,
)

from wire import created, fixture, make_api

POLICY_STEPS = fixture("get_policy")["data"]["attributes"]["steps"]


# PolicyStep -----------------------------------------------------------------------------------


def test_step_signature_keeps_the_reference_order() -> None:
    parameters = inspect.signature(PolicyStep).parameters
    positional = [name for name, p in parameters.items() if p.kind is inspect.Parameter.POSITIONAL_OR_KEYWORD]
    assert positional == [
        "step_type",
        "wait_before",
        "urgency_id",
        "step_members",
        "timezone",
        "days",
        "time_from",
        "time_to",
        "policy_id",
        "policy_metadata_key",
    ]
    assert all(p.kind is inspect.Parameter.KEYWORD_ONLY for name, p in parameters.items() if name not in positional)
    step = PolicyStep()
    assert (step.step_type, step.wait_before, step.urgency_id, step.step_members) == ("escalation", 0, None, None)


def test_escalation_step_to_dict() -> None:
    step = PolicyStep("escalation", 60, 123456, [{"type": "user", "email": "alice@example.com"}])
    assert step.to_dict() == {
        "type": "escalation",
        "wait_before": 60,
        "urgency_id": 123456,
        "step_members": [{"type": "user", "email": "alice@example.com"}],
    }
    assert PolicyStep().to_dict() == {"type": "escalation", "wait_before": 0}


def test_time_branching_step_to_dict() -> None:
    step = PolicyStep(
        "time_branching", timezone="Prague", days=["sat", "sun"], time_from="00:00", time_to="23:59", policy_id=456790
    )
    assert step.to_dict() == {
        "type": "time_branching",
        "wait_before": 0,
        "timezone": "Prague",
        "days": ["sat", "sun"],
        "time_from": "00:00",
        "time_to": "23:59",
        "policy_id": 456790,
    }


def test_metadata_branching_step_keeps_every_field() -> None:
    # The older package dropped everything but `type` and `wait_before` here.
    step = PolicyStep(
        "metadata_branching",
        wait_before=30,
        policy_id=456791,
        policy_metadata_key="fallback_policy",
        metadata_key="region",
        metadata_values=["eu-west-1", {"type": "no_value"}],
    )
    assert step.to_dict() == {
        "type": "metadata_branching",
        "wait_before": 30,
        "policy_id": 456791,
        "policy_metadata_key": "fallback_policy",
        "metadata_key": "region",
        "metadata_values": [{"type": "String", "value": "eu-west-1"}, {"type": "no_value"}],
    }


def test_instructions_step_to_dict() -> None:
    step = PolicyStep(
        "instructions",
        300,
        instructions_comment="Check the {region} dashboard first.",
        instructions_reminder_enabled=True,
        instructions_reminder_interval_hours=2,
    )
    assert step.to_dict() == {
        "type": "instructions",
        "wait_before": 300,
        "instructions_comment": "Check the {region} dashboard first.",
        "instructions_reminder_enabled": True,
        "instructions_reminder_interval_hours": 2,
    }


def test_wait_until_replaces_wait_before() -> None:
    step = PolicyStep(
        wait_before=None,
        urgency_id=1,
        step_members=[{"type": "current_on_call"}],
        wait_until_time="09:00",
        wait_until_timezone="Amsterdam",
    )
    assert step.to_dict() == {
        "type": "escalation",
        "wait_until_time": "09:00",
        "wait_until_timezone": "Amsterdam",
        "urgency_id": 1,
        "step_members": [{"type": "current_on_call"}],
    }


def test_to_dict_copies_what_it_is_given() -> None:
    members = [{"type": "entire_team"}]
    wire = PolicyStep(step_members=members).to_dict()
    wire["step_members"][0]["type"] = "user"
    assert members == [{"type": "entire_team"}]


def test_an_unknown_step_type_lists_the_allowed_ones() -> None:
    assert STEP_TYPES == ("escalation", "instructions", "metadata_branching", "time_branching")
    with pytest.raises(
        ValidationError,
        match="step_type 'wait' is not one of: escalation, instructions, metadata_branching, time_branching",
    ):
        PolicyStep("wait")


def test_an_unknown_day_lists_the_allowed_ones() -> None:
    assert sorted(WEEKDAYS) == sorted(["mon", "tue", "wed", "thu", "fri", "sat", "sun"])
    with pytest.raises(ValidationError, match=r"days \['monday'\] are not day names; allowed: "):
        PolicyStep("time_branching", days=["mon", "monday"])
    with pytest.raises(ValidationError, match="days must be a list"):
        PolicyStep("time_branching", days="mon")  # type: ignore[arg-type]


def test_a_member_without_type_is_refused() -> None:
    with pytest.raises(ValidationError, match="has no 'type'"):
        PolicyStep(step_members=[{"email": "alice@example.com"}])


def test_to_dict_checks_a_step_changed_after_construction() -> None:
    step = PolicyStep()
    step.step_type = "branching"
    with pytest.raises(ValidationError, match="'branching' is not one of"):
        step.to_dict()


# EscalationPolicy ------------------------------------------------------------------------------


def test_get_loads_the_v3_policy_with_its_steps_as_dicts() -> None:
    api, wire = make_api({("GET", "/api/v3/policies/456789"): fixture("get_policy")})
    policy = EscalationPolicy.get(api, 456789)
    assert wire.calls == [("GET", "/api/v3/policies/456789")]
    assert policy.id == "456789"
    assert (policy.name, policy.repeat_count, policy.repeat_delay) == ("Standard escalation", 3, 1800)
    assert policy.policy_group_id == 41
    assert policy.steps == POLICY_STEPS
    assert policy.beta_flag is True  # type: ignore[attr-defined]
    assert "AND63" not in repr(policy)
    assert policy.generate_url() == "/api/v3/policies/456789"
    assert EscalationPolicy.generate_global_url() == "/api/v3/policies"


def test_get_all_instances_follows_pages() -> None:
    second = fixture("list_policies")
    second["data"] = second["data"][:1]
    second["pagination"]["next"] = None

    def pages(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, json=second if request.url.params.get("page") == "2" else fixture("list_policies"))

    api, wire = make_api({("GET", "/api/v3/policies"): pages})
    policies = list(EscalationPolicy.get_all_instances(api))
    assert [policy.id for policy in policies] == ["456789", "456790", "456791", "456789"]
    assert [request.url.params.get("page") for request in wire.requests] == [None, "2"]
    assert policies[2].policy_group_id == 41  # "41" on the wire


def test_filter_sends_the_query_and_rejects_unknown_keys() -> None:
    body = {**fixture("list_policies"), "pagination": {"next": None}}
    api, wire = make_api({("GET", "/api/v3/policies"): body})
    assert len(list(EscalationPolicy.filter(api, team_name="Production", per_page=10))) == 3
    assert dict(wire.last.url.params) == {"team_name": "Production", "per_page": "10"}
    with pytest.raises(ValidationError, match="cannot be filtered by 'name'"):
        EscalationPolicy.filter(api, name="x")  # type: ignore[call-arg]
    assert len(wire.requests) == 1


def test_new_sends_policy_steps_and_dicts_in_order() -> None:
    api, wire = make_api({("POST", "/api/v3/policies"): created(fixture("get_policy"))})
    policy = EscalationPolicy.new(
        api,
        name="Standard escalation",
        repeat_count=3,
        repeat_delay=1800,
        policy_group_id=41,
        steps=[
            PolicyStep("time_branching", timezone="Prague", days=["sat", "sun"], policy_id=456790),
            {"type": "escalation", "wait_before": 600, "urgency_id": 1, "step_members": [{"type": "entire_team"}]},
            PolicyStep("metadata_branching", metadata_key="region", metadata_values=["eu"], policy_id=2),
        ],
    )
    assert (wire.last.method, wire.last.url.path) == ("POST", "/api/v3/policies")
    assert wire.body() == {
        "name": "Standard escalation",
        "repeat_count": 3,
        "repeat_delay": 1800,
        "policy_group_id": 41,
        "steps": [
            {
                "type": "time_branching",
                "wait_before": 0,
                "timezone": "Prague",
                "days": ["sat", "sun"],
                "policy_id": 456790,
            },
            {"type": "escalation", "wait_before": 600, "urgency_id": 1, "step_members": [{"type": "entire_team"}]},
            {
                "type": "metadata_branching",
                "wait_before": 0,
                "metadata_key": "region",
                "metadata_values": [{"type": "String", "value": "eu"}],
                "policy_id": 2,
            },
        ],
    }
    assert policy.id == "456789"
    assert policy.steps == POLICY_STEPS
    assert policy.get_modified_properties() == []


def test_new_without_steps_sends_no_steps() -> None:
    api, wire = make_api({("POST", "/api/v3/policies"): created(fixture("get_policy"))})
    EscalationPolicy.new(api, name="Silent", team_name="Production")
    assert wire.body() == {"name": "Silent", "team_name": "Production"}


def test_new_refuses_a_bad_step_before_any_request() -> None:
    api, wire = make_api({})
    with pytest.raises(ValidationError, match="step 1 must be a PolicyStep or a dict with a 'type'"):
        EscalationPolicy.new(api, name="x", steps=[PolicyStep(), {"wait_before": 0}])
    with pytest.raises(ValidationError, match="step 0 must be"):
        EscalationPolicy.new(api, name="x", steps=["escalation"])  # type: ignore[list-item]
    assert wire.requests == []


def test_save_sends_in_place_step_edits_and_policy_steps_as_dicts() -> None:
    api, wire = make_api(
        {
            ("GET", "/api/v3/policies/456789"): fixture("get_policy"),
            ("PATCH", "/api/v3/policies/456789"): fixture("get_policy"),
        }
    )
    policy = EscalationPolicy.get(api, "456789")
    assert policy.steps is not None
    policy.steps[3]["wait_before"] = 900
    policy.steps.append(PolicyStep(urgency_id=5, step_members=[{"type": "current_on_call"}]))  # type: ignore[arg-type]
    policy.save()
    assert (wire.last.method, wire.last.url.path) == ("PATCH", "/api/v3/policies/456789")
    expected_steps = [*POLICY_STEPS[:3], {**POLICY_STEPS[3], "wait_before": 900}]
    expected_steps.append(
        {"type": "escalation", "wait_before": 0, "urgency_id": 5, "step_members": [{"type": "current_on_call"}]}
    )
    assert wire.body() == {"steps": expected_steps}
    assert policy.steps == POLICY_STEPS  # the API's answer
    assert policy.get_modified_properties() == []


def test_save_of_policy_steps_equal_to_the_saved_ones_sends_nothing() -> None:
    steps = [{"type": "escalation", "wait_before": 0, "urgency_id": 5}]
    api, wire = make_api({})
    policy = EscalationPolicy(id="1", _api=api, name="x", steps=steps)
    policy.steps = [PolicyStep(urgency_id=5)]  # type: ignore[list-item]
    policy.save()
    assert wire.requests == []
    assert policy.steps == steps


def test_save_with_a_bad_step_sends_nothing_and_keeps_the_edit() -> None:
    api, wire = make_api({})
    policy = EscalationPolicy(id="1", _api=api, name="x", steps=[])
    policy.name = "y"
    policy.steps = [{"wait_before": 0}]
    with pytest.raises(ValidationError, match="step 0"):
        policy.save()
    assert wire.requests == []
    assert sorted(policy.get_modified_properties()) == ["name", "steps"]


def test_save_sends_only_the_changed_scalar() -> None:
    api, wire = make_api({("PATCH", "/api/v3/policies/456789"): fixture("get_policy")})
    policy = EscalationPolicy(id="456789", _api=api, name="Old", repeat_count=3, steps=list(POLICY_STEPS))
    policy.name = "Standard escalation"
    policy.save()
    assert wire.body() == {"name": "Standard escalation"}


def test_delete_sends_delete_and_a_conflict_raises() -> None:
    conflict = httpx.Response(409, json={"errors": "Policy is in use by 3 monitors"})
    api, wire = make_api(
        {
            ("DELETE", "/api/v3/policies/1"): lambda _request: httpx.Response(204),
            ("DELETE", "/api/v3/policies/2"): lambda _request: conflict,
        }
    )
    EscalationPolicy(id="1", _api=api).delete()
    assert wire.calls == [("DELETE", "/api/v3/policies/1")]
    with pytest.raises(ConflictError, match="in use"):
        EscalationPolicy(id="2", _api=api).delete()


def test_missing_policy_raises_not_found() -> None:
    api, _ = make_api({})
    with pytest.raises(NotFoundError):
        EscalationPolicy.get(api, 404)


def test_misspelt_policy_attribute_is_refused() -> None:
    api, _ = make_api({})
    with pytest.raises(AttributeError, match="did you mean 'repeat_count'"):
        EscalationPolicy(id="1", _api=api).repeat_cout = 2  # type: ignore[attr-defined]


# Policy groups, urgencies and urgency groups ---------------------------------------------------

SIMPLE = [
    (PolicyGroup, "/api/v2/policy-groups", "policy_group", {"name": "Infrastructure", "sort_index": 1}),
    (
        Urgency,
        "/api/v2/urgencies",
        "urgency",
        {"name": "High", "call": True, "sms": True, "email": True, "push": True, "urgency_group_id": 7},
    ),
    (UrgencyGroup, "/api/v2/urgency-groups", "urgency_group", {"name": "Customer-facing", "team_name": "Production"}),
]


@pytest.mark.parametrize(("cls", "path", "name", "fields"), SIMPLE)
def test_simple_objects_get_list_and_filter(
    cls: type[BaseAPIObject], path: str, name: str, fields: dict[str, Any]
) -> None:
    single = fixture(f"get_{name}")
    listing = {"data": [single["data"]], "pagination": {"next": None}}
    resource_id = single["data"]["id"]
    api, wire = make_api({("GET", f"{path}/{resource_id}"): single, ("GET", path): listing})
    obj = cls.get(api, resource_id)
    assert wire.calls == [("GET", f"{path}/{resource_id}")]
    assert obj.id == resource_id
    assert obj.name == single["data"]["attributes"]["name"]  # type: ignore[attr-defined]
    assert obj.beta_flag is True  # type: ignore[attr-defined]
    assert [each.id for each in cls.filter(api, team_name="Production", per_page=5)] == [resource_id]
    assert dict(wire.last.url.params) == {"team_name": "Production", "per_page": "5"}
    assert [each.id for each in cls.get_all_instances(api)] == [resource_id]
    assert wire.last.url.params.get("team_name") is None
    with pytest.raises(ValidationError, match="cannot be filtered by 'names'"):
        cls.filter(api, names="x")
    assert len(wire.requests) == 3


@pytest.mark.parametrize(("cls", "path", "name", "fields"), SIMPLE)
def test_simple_objects_new_save_and_delete(
    cls: type[BaseAPIObject], path: str, name: str, fields: dict[str, Any]
) -> None:
    single = fixture(f"get_{name}")
    resource_id = single["data"]["id"]
    item = f"{path}/{resource_id}"
    renamed = json.loads(json.dumps(single))
    renamed["data"]["attributes"]["name"] = "Renamed"
    api, wire = make_api(
        {
            ("POST", path): created(single),
            ("PATCH", item): renamed,
            ("DELETE", item): lambda _request: httpx.Response(204),
        }
    )
    obj = cls.new(api, **fields)
    assert (wire.last.method, wire.last.url.path) == ("POST", path)
    assert wire.body() == fields
    assert obj.id == resource_id
    assert obj.get_modified_properties() == []
    obj.save()
    assert len(wire.requests) == 1
    obj.name = "Renamed"  # type: ignore[attr-defined]
    obj.save()
    assert (wire.last.method, wire.last.url.path) == ("PATCH", item)
    assert wire.body() == {"name": "Renamed"}
    assert obj.name == "Renamed"  # type: ignore[attr-defined]
    assert obj.get_modified_properties() == []
    obj.delete()
    assert wire.calls[-1] == ("DELETE", item)


def test_urgency_group_id_is_normalised() -> None:
    listing = {**fixture("list_urgencies"), "pagination": {"next": None}}
    api, _ = make_api({("GET", "/api/v2/urgencies"): listing})
    assert [urgency.urgency_group_id for urgency in Urgency.get_all_instances(api)] == [7, 7, None]


def test_missing_urgency_raises_not_found() -> None:
    api, _ = make_api({})
    with pytest.raises(NotFoundError):
        Urgency.get(api, 404)
