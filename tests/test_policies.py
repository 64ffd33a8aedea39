"""EscalationPolicy, PolicyStep, PolicyGroup, Urgency and UrgencyGroup, on the wire."""

from __future__ import annotations

import inspect
import json
from collections.abc import Callable
from typing import Any

import httpx
import pytest

from betterstack.uptime import BaseAPIObject, ConflictError, NotFoundError, ValidationError
from betterstack.uptime.objects import StepMember
from betterstack.uptime.objects.policies import (
    MEMBER_TYPES,
    STEP_TYPES,
    WEEKDAYS,
    EscalationPolicy,
    PolicyGroup,
    PolicyStep,
    Urgency,
    UrgencyGroup,
)
from betterstack_sdk import shapes

from spec_helpers import enum_values, schema_errors, spec
from wire import created, fixture, make_api

POLICY_STEPS = fixture("get_policy")["data"]["attributes"]["steps"]
ALL_DAYS = ", ".join(enum_values("Weekday"))


def error_of(call: Callable[[], object]) -> str:
    """The text of the `ValidationError` that `call` raises."""
    with pytest.raises(ValidationError) as caught:
        call()
    return str(caught.value)


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
    assert sorted(STEP_TYPES) == sorted(enum_values("PolicyStepType"))
    allowed = ", ".join(sorted(enum_values("PolicyStepType")))
    with pytest.raises(ValidationError, match=f"step_type 'wait' is not one of: {allowed}"):
        PolicyStep("wait")


def test_a_resolve_remove_step_is_sent_with_its_action_type() -> None:
    api, wire = make_api({("POST", "/api/v3/policies"): created(fixture("get_policy"))})
    step = PolicyStep("resolve_remove", wait_before=3600, extra={"action_type": "remove_incident"})
    assert schema_errors("#/components/schemas/PolicyStep", step.to_dict()) == []
    EscalationPolicy.new(api, name="Clean up", steps=[step])
    assert wire.body() == {
        "name": "Clean up",
        "steps": [{"type": "resolve_remove", "wait_before": 3600, "action_type": "remove_incident"}],
    }


def test_an_unknown_day_lists_the_allowed_ones() -> None:
    assert list(WEEKDAYS) == enum_values("Weekday")
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


def test_step_members_must_be_a_list_of_dicts() -> None:
    members: Any = {"type": "entire_team"}
    assert error_of(lambda: PolicyStep(step_members=members)) == (
        "step_members must be a list of members (see StepMember), not {'type': 'entire_team'}"
    )


def test_times_must_be_hh_mm() -> None:
    assert error_of(lambda: PolicyStep("time_branching", time_from="6pm")) == (
        "time_from must be a time of day as HH:MM, 00:00 to 23:59, not '6pm'"
    )
    assert error_of(lambda: PolicyStep(wait_before=None, wait_until_time="24:00")) == (
        "wait_until_time must be a time of day as HH:MM, 00:00 to 23:59, not '24:00'"
    )


def test_wait_before_must_be_whole_seconds() -> None:
    assert error_of(lambda: PolicyStep(wait_before=-60)) == (
        "wait_before must be a whole number of seconds, 0 or more, not -60"
    )


def test_metadata_values_must_be_strings_or_typed_values() -> None:
    values: Any = ["eu", 5]
    assert error_of(lambda: PolicyStep("metadata_branching", metadata_values=values)) == (
        "metadata_values [5] are neither strings nor typed values such as {'type': 'no_value'}"
    )


def test_extra_keys_are_sent_as_they_are() -> None:
    step = PolicyStep(urgency_id=1, extra={"notify_all": True, "urgency_id": 2})
    assert step.to_dict() == {"type": "escalation", "wait_before": 0, "urgency_id": 1, "notify_all": True}
    not_a_dict: Any = ["notify_all"]
    assert error_of(lambda: PolicyStep(extra=not_a_dict)) == (
        "extra must be a dict of keys to send as they are, not ['notify_all']"
    )


# PolicyStep builders ----------------------------------------------------------------------------


def test_builders_send_exactly_the_fields_of_their_step_type() -> None:
    api, wire = make_api({("POST", "/api/v3/policies"): created(fixture("get_policy"))})
    EscalationPolicy.new(
        api,
        name="Built",
        steps=[
            PolicyStep.escalation(
                urgency_id=123456,
                step_members=[StepMember.current_on_call(), StepMember.user(email="alice@example.com")],
            ),
            PolicyStep.time_branch(
                timezone="Prague", days=["sat", "sun"], time_from="00:00", time_to="23:59", policy_id=456790
            ),
            PolicyStep.metadata_branch(
                metadata_key="region",
                metadata_values=["eu-west-1", {"type": "no_value"}],
                policy_metadata_key="regional_policy",
                wait_before=60,
            ),
            PolicyStep.instructions(
                instructions_comment="Check the {region} dashboard first.",
                instructions_reminder_enabled=True,
                instructions_reminder_interval_hours=2,
                wait_until_time="09:00",
                wait_until_timezone="Amsterdam",
            ),
        ],
    )
    assert (wire.last.method, wire.last.url.path) == ("POST", "/api/v3/policies")
    assert wire.body() == {
        "name": "Built",
        "steps": [
            {
                "type": "escalation",
                "wait_before": 0,
                "urgency_id": 123456,
                "step_members": [{"type": "current_on_call"}, {"type": "user", "email": "alice@example.com"}],
            },
            {
                "type": "time_branching",
                "wait_before": 0,
                "timezone": "Prague",
                "days": ["sat", "sun"],
                "time_from": "00:00",
                "time_to": "23:59",
                "policy_id": 456790,
            },
            {
                "type": "metadata_branching",
                "wait_before": 60,
                "metadata_key": "region",
                "metadata_values": [{"type": "String", "value": "eu-west-1"}, {"type": "no_value"}],
                "policy_metadata_key": "regional_policy",
            },
            {
                "type": "instructions",
                "wait_until_time": "09:00",
                "wait_until_timezone": "Amsterdam",
                "instructions_comment": "Check the {region} dashboard first.",
                "instructions_reminder_enabled": True,
                "instructions_reminder_interval_hours": 2,
            },
        ],
    }


def test_builders_reproduce_the_spec_create_example() -> None:
    example = spec()["paths"]["/api/v3/policies"]["post"]["requestBody"]["content"]["application/json"]["example"]
    built = [
        PolicyStep.time_branch(
            timezone="Prague", days=["sat", "sun"], time_from="00:00", time_to="23:59", policy_id=456790
        ),
        PolicyStep.metadata_branch(metadata_key="region", metadata_values=["eu-west-1"], policy_id=456791),
        PolicyStep.escalation(
            urgency_id=123456, step_members=[StepMember.current_on_call(), StepMember.user(email="alice@example.com")]
        ),
        PolicyStep.escalation(urgency_id=123456, step_members=[StepMember.entire_team()], wait_before=600),
    ]
    assert [step.to_dict() for step in built] == example["steps"]


def test_built_steps_are_valid_against_the_spec() -> None:
    built = [
        PolicyStep.escalation(urgency_id="123456", step_members=[StepMember.policy(2), StepMember.webhook("7")]),
        PolicyStep.time_branch(
            timezone="Prague", days=("mon",), time_from="18:00", time_to="08:00", policy_metadata_key="night"
        ),
        PolicyStep.metadata_branch(
            metadata_key="owner", metadata_values=[{"type": "User", "email": "alice@example.com"}], policy_id=3
        ),
        PolicyStep.instructions(instructions_comment="- [ ] Page the database owner", wait_before=300),
    ]
    for step in built:
        assert schema_errors("#/components/schemas/PolicyStep", step.to_dict()) == []


def test_builders_return_policy_steps_with_their_type() -> None:
    step = PolicyStep.time_branch(
        timezone="Prague", days=["sat"], time_from="00:00", time_to="23:59", policy_metadata_key="weekend_policy"
    )
    assert isinstance(step, PolicyStep)
    assert (step.step_type, step.days, step.policy_id, step.urgency_id) == ("time_branching", ["sat"], None, None)
    assert step == PolicyStep(
        "time_branching",
        timezone="Prague",
        days=["sat"],
        time_from="00:00",
        time_to="23:59",
        policy_metadata_key="weekend_policy",
    )


def test_a_time_branch_needs_days_that_are_weekdays() -> None:
    def branch(days: Any) -> PolicyStep:
        return PolicyStep.time_branch(timezone="Prague", days=days, time_from="18:00", time_to="08:00", policy_id=1)

    assert error_of(lambda: branch([])) == f"PolicyStep.time_branch() needs at least one day in days, from: {ALL_DAYS}"
    assert error_of(lambda: branch(["mon", "Monday"])) == f"days ['Monday'] are not day names; allowed: {ALL_DAYS}"
    assert error_of(lambda: branch("mon")) == f"days must be a list of day names ({ALL_DAYS}), not 'mon'"


def test_a_time_branch_needs_its_window() -> None:
    assert error_of(
        lambda: PolicyStep.time_branch(timezone="", days=["mon"], time_from="18:00", time_to="08:00", policy_id=1)
    ) == ("PolicyStep.time_branch() needs timezone (a Rails time-zone name such as 'Prague'), not ''")
    assert error_of(
        lambda: PolicyStep.time_branch(timezone="Prague", days=["mon"], time_from="18:00", time_to="8am", policy_id=1)
    ) == ("time_to must be a time of day as HH:MM, 00:00 to 23:59, not '8am'")


def test_a_branch_runs_exactly_one_policy() -> None:
    def branch(**policy: Any) -> PolicyStep:
        return PolicyStep.metadata_branch(metadata_key="region", metadata_values=["eu"], **policy)

    assert error_of(branch) == (
        "PolicyStep.metadata_branch() needs policy_id (the policy to run when the branch matches) "
        "or policy_metadata_key (the incident metadata key naming it)"
    )
    assert error_of(lambda: branch(policy_id=1, policy_metadata_key="fallback")) == (
        "PolicyStep.metadata_branch() takes policy_id or policy_metadata_key, not both"
    )
    assert error_of(lambda: branch(policy_id=None)) == error_of(branch)
    assert error_of(lambda: branch(policy_id=True)) == (
        "PolicyStep.metadata_branch() needs policy_id (an id, int or str), not True"
    )


def test_a_metadata_branch_needs_values() -> None:
    def branch(values: Any) -> PolicyStep:
        return PolicyStep.metadata_branch(metadata_key="region", metadata_values=values, policy_id=1)

    assert error_of(lambda: branch([])) == "PolicyStep.metadata_branch() needs at least one value in metadata_values"
    assert error_of(lambda: branch("eu")) == "metadata_values must be a list of values, not 'eu'"
    assert error_of(lambda: branch(["eu", 5])) == (
        "metadata_values [5] are neither strings nor typed values such as {'type': 'no_value'}"
    )


def test_an_escalation_needs_members_of_known_types() -> None:
    def escalation(members: Any) -> PolicyStep:
        return PolicyStep.escalation(urgency_id=1, step_members=members)

    assert error_of(lambda: escalation([])) == (
        "PolicyStep.escalation() needs at least one member in step_members, e.g. StepMember.current_on_call()"
    )
    assert error_of(lambda: escalation([{"type": "current_on_call"}, {"type": "usr", "id": 1}])) == (
        f"step member 1 has type 'usr', not one of: {', '.join(sorted(MEMBER_TYPES))}"
    )
    assert error_of(lambda: escalation([{"email": "alice@example.com"}])) == (
        "step member {'email': 'alice@example.com'} has no 'type'; "
        "build members with StepMember, e.g. StepMember.user(id=...)"
    )
    no_urgency: Any = None
    assert error_of(lambda: PolicyStep.escalation(urgency_id=no_urgency, step_members=[StepMember.entire_team()])) == (
        "PolicyStep.escalation() needs urgency_id (an id, int or str), not None"
    )


def test_a_step_waits_seconds_or_until_a_time_not_both() -> None:
    members = [StepMember.current_on_call()]
    assert error_of(
        lambda: PolicyStep.escalation(urgency_id=1, step_members=members, wait_before=0, wait_until_time="09:00")
    ) == ("PolicyStep.escalation() takes wait_before (seconds) or wait_until_time (a time of day), not both")
    assert error_of(
        lambda: PolicyStep.escalation(urgency_id=1, step_members=members, wait_until_timezone="Amsterdam")
    ) == ("PolicyStep.escalation(): wait_until_timezone is the time zone of wait_until_time; give wait_until_time too")


def test_an_instructions_step_needs_a_comment() -> None:
    assert error_of(lambda: PolicyStep.instructions(instructions_comment="")) == (
        "PolicyStep.instructions() needs instructions_comment (the Markdown to post), not ''"
    )
    assert error_of(
        lambda: PolicyStep.instructions(instructions_comment="x", instructions_reminder_interval_hours=0)
    ) == ("instructions_reminder_interval_hours must be a whole number of hours, 1 or more, not 0")


# StepMember -------------------------------------------------------------------------------------

MEMBERS: list[tuple[Callable[[], shapes.PolicyStepMember], dict[str, Any]]] = [
    (lambda: StepMember.current_on_call(), {"type": "current_on_call"}),
    (lambda: StepMember.current_on_call(9876), {"type": "current_on_call", "id": 9876}),
    (lambda: StepMember.entire_team(), {"type": "entire_team"}),
    (lambda: StepMember.entire_team("12"), {"type": "entire_team", "id": "12"}),
    (lambda: StepMember.user(id=12345), {"type": "user", "id": 12345}),
    (lambda: StepMember.user(email="alice@example.com"), {"type": "user", "email": "alice@example.com"}),
    (lambda: StepMember.webhook(1), {"type": "webhook", "id": 1}),
    (lambda: StepMember.slack_integration(2), {"type": "slack_integration", "id": 2}),
    (lambda: StepMember.microsoft_teams_integration(3), {"type": "microsoft_teams_integration", "id": 3}),
    (lambda: StepMember.zapier_webhook(4), {"type": "zapier_webhook", "id": 4}),
    (lambda: StepMember.pagerduty_integration(5), {"type": "pagerduty_integration", "id": 5}),
    (lambda: StepMember.policy("456790"), {"type": "policy", "id": "456790"}),
    (lambda: StepMember.incident_metadata("owner"), {"type": "incident_metadata", "metadata_key": "owner"}),
    (lambda: StepMember.all_slack_integrations(), {"type": "all_slack_integrations"}),
    (lambda: StepMember.all_microsoft_teams_integrations(), {"type": "all_microsoft_teams_integrations"}),
    (lambda: StepMember.all_zapier_integrations(), {"type": "all_zapier_integrations"}),
    (lambda: StepMember.all_webhook_integrations(), {"type": "all_webhook_integrations"}),
    (lambda: StepMember.all_splunk_on_call_integrations(), {"type": "all_splunk_on_call_integrations"}),
]


def test_there_is_a_step_member_builder_for_every_documented_type() -> None:
    assert {expected["type"] for _, expected in MEMBERS} == set(MEMBER_TYPES)


def test_step_members_are_sent_as_the_dicts_the_api_takes() -> None:
    api, wire = make_api({("POST", "/api/v3/policies"): created(fixture("get_policy"))})
    step = PolicyStep.escalation(urgency_id=1, step_members=[build() for build, _ in MEMBERS])
    EscalationPolicy.new(api, name="Everyone", steps=[step])
    assert wire.body()["steps"] == [
        {"type": "escalation", "wait_before": 0, "urgency_id": 1, "step_members": [member for _, member in MEMBERS]}
    ]
    assert all(type(build()) is dict for build, _ in MEMBERS)
    assert schema_errors("#/components/schemas/PolicyStep", step.to_dict()) == []


def test_a_user_member_takes_id_or_email() -> None:
    user: Any = StepMember.user  # both calls are type errors too
    assert error_of(lambda: user()) == (
        "StepMember.user() needs the user's id or email, e.g. StepMember.user(email='...')"
    )
    assert error_of(lambda: user(id=1, email="alice@example.com")) == (
        "StepMember.user() takes id or email, not both (the API would use the e-mail)"
    )
    assert error_of(lambda: StepMember.user(email="alice")) == (
        "StepMember.user() needs email (an e-mail address), not 'alice'"
    )


def test_a_member_id_must_be_an_id() -> None:
    no_id: Any = None
    assert error_of(lambda: StepMember.webhook(no_id)) == "StepMember.webhook() needs id (an id, int or str), not None"
    assert error_of(lambda: StepMember.current_on_call(calendar_id="")) == (
        "StepMember.current_on_call() needs calendar_id (an id, int or str), not ''"
    )
    assert error_of(lambda: StepMember.incident_metadata("")) == (
        "StepMember.incident_metadata() needs metadata_key (an incident metadata key), not ''"
    )


# PolicyStep.from_dict ---------------------------------------------------------------------------


def _api_steps() -> list[dict[str, Any]]:
    """Every step the fixtures and the spec's examples hold."""
    schemas = spec()["components"]["schemas"]
    policy_paths = spec()["paths"]
    bodies = [
        policy_paths["/api/v3/policies"]["post"]["requestBody"]["content"]["application/json"]["example"],
        policy_paths["/api/v3/policies/{policy_id}"]["patch"]["requestBody"]["content"]["application/json"]["example"],
        *(item["attributes"] for item in schemas["PolicyResource"]["examples"]),
        *(item["attributes"] for item in fixture("list_policies")["data"]),
        fixture("get_policy")["data"]["attributes"],
    ]
    return [*schemas["PolicyStep"]["examples"], *(step for body in bodies for step in body["steps"])]


@pytest.mark.parametrize("step", _api_steps(), ids=lambda step: str(step["type"]))
def test_from_dict_gives_back_the_same_dict(step: dict[str, Any]) -> None:
    assert PolicyStep.from_dict(step).to_dict() == step


def test_from_dict_reads_the_fields_and_keeps_their_nulls() -> None:
    step = PolicyStep.from_dict(POLICY_STEPS[0])
    assert (step.step_type, step.days, step.time_from, step.policy_id) == (
        "time_branching",
        ["sat", "sun"],
        "00:00",
        456790,
    )
    assert (step.urgency_id, step.step_members, step.wait_until_time, step.extra) == (None, None, None, {})
    step.policy_id = 2
    assert step.to_dict() == {**POLICY_STEPS[0], "policy_id": 2}
    assert step.to_dict()["urgency_id"] is None


def test_from_dict_keeps_what_this_sdk_does_not_know() -> None:
    received: dict[str, Any] = {
        "type": "acknowledge_gate",
        "wait_before": 0,
        "days": ["holiday"],
        "gate": {"timeout": 30},
        "step_members": [{"kind": "robot"}],
    }
    step = PolicyStep.from_dict(received)
    assert (step.step_type, step.extra) == ("acknowledge_gate", {"gate": {"timeout": 30}})
    assert step.to_dict() == received
    received["gate"]["timeout"] = 60
    assert step.to_dict()["gate"] == {"timeout": 30}  # a copy


def test_a_field_changed_after_from_dict_is_checked() -> None:
    step = PolicyStep.from_dict({"type": "time_branching", "days": ["holiday"], "policy_id": 1})
    step.days = ["funday"]
    assert error_of(step.to_dict) == f"days ['funday'] are not day names; allowed: {ALL_DAYS}"
    step.days = ["sat"]
    step.step_type = "branching"
    allowed = ", ".join(sorted(enum_values("PolicyStepType")))
    assert error_of(step.to_dict) == f"step_type 'branching' is not one of: {allowed}"


def test_from_dict_needs_a_dict_with_a_type() -> None:
    assert error_of(lambda: PolicyStep.from_dict({"wait_before": 0})) == (
        "a step must be a dict with a 'type', not {'wait_before': 0}"
    )
    not_a_dict: Any = ["escalation"]
    assert (
        error_of(lambda: PolicyStep.from_dict(not_a_dict)) == "a step must be a dict with a 'type', not ['escalation']"
    )


def test_from_dict_of_a_policys_steps_assigned_back_sends_nothing() -> None:
    api, wire = make_api({("GET", "/api/v3/policies/456789"): fixture("get_policy")})
    policy = EscalationPolicy.get(api, 456789)
    assert policy.steps is not None
    policy.steps = [PolicyStep.from_dict(step) for step in policy.steps]
    assert policy.get_modified_properties() == []
    policy.save()
    assert wire.calls == [("GET", "/api/v3/policies/456789")]


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


def test_get_or_create_matches_policy_steps_against_the_api_dicts() -> None:
    body = {**fixture("list_policies"), "pagination": {"next": None}}
    api, wire = make_api({("GET", "/api/v3/policies"): body})
    steps = [PolicyStep.from_dict(step) for step in POLICY_STEPS]
    created, policy = EscalationPolicy.get_or_create(api, name="Standard escalation", steps=steps)
    assert (created, policy.id) == (False, "456789")
    assert wire.calls == [("GET", "/api/v3/policies")]


def test_get_or_create_sends_policy_steps_as_dicts() -> None:
    body = {**fixture("list_policies"), "pagination": {"next": None}}
    api, wire = make_api(
        {("GET", "/api/v3/policies"): body, ("POST", "/api/v3/policies"): created(fixture("get_policy"))}
    )
    step = PolicyStep.escalation(urgency_id=5, step_members=[StepMember.current_on_call()])
    made, policy = EscalationPolicy.get_or_create(api, name="Night shift", steps=[step])
    assert made is True
    assert wire.calls == [("GET", "/api/v3/policies"), ("POST", "/api/v3/policies")]
    assert wire.body() == {
        "name": "Night shift",
        "steps": [
            {"type": "escalation", "wait_before": 0, "urgency_id": 5, "step_members": [{"type": "current_on_call"}]}
        ],
    }
    assert policy.id == "456789"


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
    steps: list[shapes.PolicyStep] = [{"type": "escalation", "wait_before": 0, "urgency_id": 5}]
    api, wire = make_api({})
    policy = EscalationPolicy(id="1", _api=api, name="x", steps=steps)
    policy.steps = [PolicyStep(urgency_id=5)]
    policy.save()
    assert wire.requests == []
    assert policy.steps == steps


def test_assigned_policy_steps_read_back_as_dicts_and_save_sends_them() -> None:
    api, wire = make_api(
        {
            ("GET", "/api/v3/policies/456789"): fixture("get_policy"),
            ("PATCH", "/api/v3/policies/456789"): fixture("get_policy"),
        }
    )
    policy = EscalationPolicy.get(api, 456789)
    policy.steps = [
        PolicyStep.escalation(urgency_id=5, step_members=[StepMember.user(id=12345)]),
        {"type": "instructions", "instructions_comment": "Call the vendor"},
    ]
    sent = [
        {"type": "escalation", "wait_before": 0, "urgency_id": 5, "step_members": [{"type": "user", "id": 12345}]},
        {"type": "instructions", "instructions_comment": "Call the vendor"},
    ]
    assert policy.steps == sent
    assert all(type(step) is dict for step in policy.steps)
    assert policy.get_modified_properties() == ["steps"]
    policy.save()
    assert (wire.last.method, wire.last.url.path) == ("PATCH", "/api/v3/policies/456789")
    assert wire.body() == {"steps": sent}
    assert policy.steps == POLICY_STEPS
    assert policy.get_modified_properties() == []


def test_assigning_a_bad_step_raises_at_once_and_changes_nothing() -> None:
    api, _ = make_api({("GET", "/api/v3/policies/456789"): fixture("get_policy")})
    policy = EscalationPolicy.get(api, 456789)
    bad: Any = [PolicyStep(), 1]
    assert (
        error_of(lambda: setattr(policy, "steps", bad)) == "step 1 must be a PolicyStep or a dict with a 'type', not 1"
    )
    assert error_of(lambda: setattr(policy, "steps", "escalation")) == (
        "steps must be a list of PolicyStep objects or step dicts, not 'escalation'"
    )
    assert policy.steps == POLICY_STEPS
    assert policy.get_modified_properties() == []


def test_steps_load_on_first_read_and_in_place_edits_are_tracked() -> None:
    api, _ = make_api({})
    # Loaded from the answer, not by `get`: Python 3.11's `asyncio.Runner.run` reprs the result
    # of its task on the way out (`signal.getsignal`), and `repr` reads every field.
    policy = EscalationPolicy._from_api_response(api, fixture("get_policy")["data"])
    assert "steps" not in policy.__dict__
    steps = policy.steps
    assert steps is policy.steps
    assert steps == POLICY_STEPS
    assert steps is not None
    steps.pop()
    assert policy.get_modified_properties() == ["steps"]
    policy.steps = None
    assert policy.steps is None


def test_the_constructor_takes_policy_steps_as_dicts() -> None:
    api, wire = make_api({})
    step: Any = PolicyStep(urgency_id=5)  # the generated constructor is typed for dicts only
    policy = EscalationPolicy(id="1", _api=api, steps=[step])
    assert policy.steps == [{"type": "escalation", "wait_before": 0, "urgency_id": 5}]
    policy.save()
    assert wire.requests == []


def test_save_with_a_bad_step_added_in_place_sends_nothing_and_keeps_the_edit() -> None:
    api, wire = make_api({})
    policy = EscalationPolicy(id="1", _api=api, name="x", steps=[])
    policy.name = "y"
    assert policy.steps is not None
    policy.steps.append({"wait_before": 0})  # type: ignore[typeddict-item]
    with pytest.raises(ValidationError, match="step 0 must be a PolicyStep or a dict with a 'type'"):
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
