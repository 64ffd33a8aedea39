"""Escalation policies (v3) and their steps, policy groups, urgencies and urgency groups."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import KW_ONLY, dataclass
from typing import TYPE_CHECKING, Any, Self, TypeVar, Unpack, get_args, overload

from betterstack_sdk import operations as ops
from betterstack_sdk import shapes
from betterstack_sdk.fields import PolicyFields, PolicyGroupFields, UrgencyFields, UrgencyGroupFields
from betterstack_sdk.signatures import (
    CreatePolicyGroup,
    CreateUrgency,
    CreateUrgencyGroup,
    ListPolicies,
    ListPolicyGroups,
    ListUrgencies,
    ListUrgencyGroups,
)

from .._base import BaseAPIObject, Operations
from .._client import PaginatedAPI
from .._errors import ValidationError
from .._flows import Flow, arun, run
from .._kind import Kind, kind_of
from .._values import copy_json

STEP_TYPES: tuple[str, ...] = tuple(sorted(get_args(shapes.PolicyStepType)))
"""The documented step types: `escalation`, `instructions`, `metadata_branching`, `resolve_remove`, `time_branching`."""
WEEKDAYS: tuple[str, ...] = get_args(shapes.Weekday)
"""The day names time branching takes: `mon` ... `sun`."""
MEMBER_TYPES: tuple[str, ...] = get_args(shapes.PolicyStepMemberType)
"""The documented step member types: `current_on_call`, `entire_team`, `user`, `webhook`, ..."""

# HH:MM, 00:00 to 23:59: the Terraform provider's check of time_from, time_to and wait_until_time
# (resource_policy.go); the spec's pattern, two digits each side, would let 99:99 through.
_TIME_OF_DAY = re.compile(r"^(2[0-3]|[01][0-9]):[0-5][0-9]$")


def _allowed(values: Iterable[str]) -> str:
    return ", ".join(sorted(values))


def _days_problem(days: object) -> str | None:
    """What is wrong with `days` as a list of day names, or None."""
    if not isinstance(days, list | tuple):
        return f"days must be a list of day names ({', '.join(WEEKDAYS)}), not {days!r}"
    unknown = [day for day in days if day not in WEEKDAYS]
    if unknown:
        return f"days {unknown!r} are not day names; allowed: {', '.join(WEEKDAYS)}"
    return None


def _members_problem(members: object, *, known_types: bool = False) -> str | None:
    """What is wrong with `members` as a list of step members, or None.

    With `known_types`, a member type the spec does not document is wrong too (the builders'
    check; the constructor leaves room for types added to the API later).
    """
    if isinstance(members, str | bytes | Mapping) or not isinstance(members, Sequence):
        return f"step_members must be a list of members (see StepMember), not {members!r}"
    for index, member in enumerate(members):
        if not isinstance(member, Mapping) or "type" not in member:
            return f"step member {member!r} has no 'type'; build members with StepMember, e.g. StepMember.user(id=...)"
        if known_types and member["type"] not in MEMBER_TYPES:
            return f"step member {index} has type {member['type']!r}, not one of: {_allowed(MEMBER_TYPES)}"
    return None


def _values_problem(values: object) -> str | None:
    """What is wrong with `values` as the `metadata_values` of a metadata branch, or None."""
    if isinstance(values, str | bytes | Mapping) or not isinstance(values, Sequence):
        return f"metadata_values must be a list of values, not {values!r}"
    wrong = [value for value in values if not isinstance(value, str | Mapping)]
    if wrong:
        return f"metadata_values {wrong!r} are neither strings nor typed values such as {{'type': 'no_value'}}"
    return None


@dataclass
class PolicyStep:
    """One step of an escalation policy, built in Python and sent as a dict.

    Not an API object: pass it in `EscalationPolicy.new(steps=[...])`, assign it to
    `policy.steps` before `save()`, or call `to_dict()`. The builders take exactly the fields of
    one step type, the required ones required: `PolicyStep.escalation(...)`,
    `PolicyStep.time_branch(...)`, `PolicyStep.metadata_branch(...)` and
    `PolicyStep.instructions(...)`. The constructor takes every field of every type, all
    optional; `PolicyStep.from_dict(step)` reads a step as the API returns it.

    Attributes:
        step_type: One of `STEP_TYPES`; sent as `type`.
        wait_before: Seconds to wait after the previous step; None omits it.
        urgency_id: The urgency (severity) of an escalation step.
        step_members: Who an escalation step alerts, dicts such as `StepMember` builds.
        timezone: Time-zone name a time branch is evaluated in, e.g. `Prague`.
        days: Days a time branch matches, from `WEEKDAYS`.
        time_from: Start of a time branch's window, `HH:MM`.
        time_to: End of a time branch's window, `HH:MM`.
        policy_id: The policy a branch runs when it matches.
        policy_metadata_key: Incident metadata key naming the policy a branch runs.
        metadata_key: Incident metadata key a metadata branch checks.
        metadata_values: Values a metadata branch matches; a plain string `s` is sent as
            `{"type": "String", "value": s}`.
        instructions_comment: Markdown an instructions step posts on the incident.
        instructions_reminder_enabled: Remind responders of the instructions periodically.
        instructions_reminder_interval_hours: Hours between reminders.
        wait_until_time: Wait until this time of day (`HH:MM`) instead of `wait_before`.
        wait_until_timezone: Time-zone name of `wait_until_time`.
        extra: Keys this SDK does not know (the API may add some), sent as they are after the
            fields above, which win over a key of the same name.

    Raises:
        ValidationError: `step_type`, a day, a time or a member is not one the API takes.
    """

    step_type: str = "escalation"
    wait_before: int | None = 0
    urgency_id: int | str | None = None
    step_members: Sequence[Mapping[str, Any]] | None = None
    timezone: str | None = None
    days: list[str] | None = None
    time_from: str | None = None
    time_to: str | None = None
    policy_id: int | str | None = None
    policy_metadata_key: str | None = None
    _: KW_ONLY
    metadata_key: str | None = None
    metadata_values: Sequence[Mapping[str, Any] | str] | None = None
    instructions_comment: str | None = None
    instructions_reminder_enabled: bool | None = None
    instructions_reminder_interval_hours: int | None = None
    wait_until_time: str | None = None
    wait_until_timezone: str | None = None
    extra: dict[str, Any] = dataclasses.field(default_factory=dict)
    # The step as `from_dict` got it from the API. Values still equal to it are not checked
    # (the API's word stands, even a step type or day this SDK does not know), and keys it
    # sent as null are sent back as null, so `from_dict(d).to_dict() == d`.
    _received: dict[str, Any] | None = dataclasses.field(default=None, init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        _validate(self)

    # Builders, one per step type ----------------------------------------------------------

    @classmethod
    def escalation(
        cls,
        *,
        urgency_id: int | str,
        step_members: Sequence[shapes.PolicyStepMember],
        wait_before: int | None = None,
        wait_until_time: str | None = None,
        wait_until_timezone: str | None = None,
    ) -> Self:
        """An `escalation` step: alert `step_members` the way the urgency `urgency_id` says.

        Args:
            urgency_id: The urgency (severity) deciding how members are alerted (`Urgency.id`).
            step_members: Who to alert, at least one; see `StepMember`.
            wait_before: Seconds to wait after the previous step. When neither this nor
                `wait_until_time` is given, 0: the step runs at once.
            wait_until_time: Wait until this time of day, `HH:MM`, instead of `wait_before`.
            wait_until_timezone: Rails time-zone name of `wait_until_time`, e.g. `Prague`.

        Raises:
            ValidationError: No member, a member of an unknown type, or bad waiting times.
        """
        problem = _members_problem(step_members, known_types=True)
        if problem is None and not step_members:
            problem = (
                "PolicyStep.escalation() needs at least one member in step_members, e.g. StepMember.current_on_call()"
            )
        if problem:
            raise ValidationError(problem)
        return cls(
            "escalation",
            urgency_id=_required_id("escalation", "urgency_id", urgency_id),
            step_members=[dict(member) for member in step_members],
            **_waiting("escalation", wait_before, wait_until_time, wait_until_timezone),
        )

    @overload
    @classmethod
    def time_branch(
        cls,
        *,
        timezone: str,
        days: Sequence[shapes.Weekday],
        time_from: str,
        time_to: str,
        policy_id: int | str,
        wait_before: int | None = None,
        wait_until_time: str | None = None,
        wait_until_timezone: str | None = None,
    ) -> Self: ...

    @overload
    @classmethod
    def time_branch(
        cls,
        *,
        timezone: str,
        days: Sequence[shapes.Weekday],
        time_from: str,
        time_to: str,
        policy_metadata_key: str,
        wait_before: int | None = None,
        wait_until_time: str | None = None,
        wait_until_timezone: str | None = None,
    ) -> Self: ...

    @classmethod
    def time_branch(
        cls,
        *,
        timezone: str,
        days: Sequence[shapes.Weekday],
        time_from: str,
        time_to: str,
        policy_id: int | str | None = None,
        policy_metadata_key: str | None = None,
        wait_before: int | None = None,
        wait_until_time: str | None = None,
        wait_until_timezone: str | None = None,
    ) -> Self:
        """A `time_branching` step: run another policy when the incident starts in a time window.

        Args:
            timezone: Rails time-zone name the window is in, e.g. `Prague`.
            days: The days the window applies to, at least one of `WEEKDAYS`.
            time_from: Start of the window, `HH:MM`.
            time_to: End of the window, `HH:MM`; earlier than `time_from` for a window over midnight.
            policy_id: The policy to run when the incident starts in the window.
            policy_metadata_key: Instead of `policy_id`, the incident metadata key naming the policy.
            wait_before: As for `escalation`.
            wait_until_time: As for `escalation`.
            wait_until_timezone: As for `escalation`.

        Raises:
            ValidationError: No day or an unknown one, a time not `HH:MM`, no policy or two.
        """
        builder = "time_branch"
        problem = _days_problem(days)
        if problem is None and not days:
            problem = f"PolicyStep.time_branch() needs at least one day in days, from: {', '.join(WEEKDAYS)}"
        if problem:
            raise ValidationError(problem)
        return cls(
            "time_branching",
            timezone=_required_text(builder, "timezone", timezone, "a Rails time-zone name such as 'Prague'"),
            days=list(days),
            time_from=_required_text(builder, "time_from", time_from, "HH:MM"),
            time_to=_required_text(builder, "time_to", time_to, "HH:MM"),
            **_branch_policy(builder, policy_id, policy_metadata_key),
            **_waiting(builder, wait_before, wait_until_time, wait_until_timezone),
        )

    @overload
    @classmethod
    def metadata_branch(
        cls,
        *,
        metadata_key: str,
        metadata_values: Sequence[str | shapes.MetadataValue],
        policy_id: int | str,
        wait_before: int | None = None,
        wait_until_time: str | None = None,
        wait_until_timezone: str | None = None,
    ) -> Self: ...

    @overload
    @classmethod
    def metadata_branch(
        cls,
        *,
        metadata_key: str,
        metadata_values: Sequence[str | shapes.MetadataValue],
        policy_metadata_key: str,
        wait_before: int | None = None,
        wait_until_time: str | None = None,
        wait_until_timezone: str | None = None,
    ) -> Self: ...

    @classmethod
    def metadata_branch(
        cls,
        *,
        metadata_key: str,
        metadata_values: Sequence[str | shapes.MetadataValue],
        policy_id: int | str | None = None,
        policy_metadata_key: str | None = None,
        wait_before: int | None = None,
        wait_until_time: str | None = None,
        wait_until_timezone: str | None = None,
    ) -> Self:
        """A `metadata_branching` step: run another policy when incident metadata has one of some values.

        Args:
            metadata_key: The incident metadata key to check.
            metadata_values: The values that match, at least one: strings (sent as
                `{"type": "String", "value": ...}`) or typed values such as
                `{"type": "no_value"}`, which matches a missing or blank key.
            policy_id: The policy to run when the key has one of the values.
            policy_metadata_key: Instead of `policy_id`, the incident metadata key naming the policy.
            wait_before: As for `escalation`.
            wait_until_time: As for `escalation`.
            wait_until_timezone: As for `escalation`.

        Raises:
            ValidationError: No value, a value neither a string nor a dict, no policy or two.
        """
        builder = "metadata_branch"
        problem = _values_problem(metadata_values)
        if problem is None and not metadata_values:
            # At least one value: the Terraform provider's check (validatePolicy, resource_policy.go).
            problem = "PolicyStep.metadata_branch() needs at least one value in metadata_values"
        if problem:
            raise ValidationError(problem)
        return cls(
            "metadata_branching",
            metadata_key=_required_text(builder, "metadata_key", metadata_key, "an incident metadata key"),
            metadata_values=list(metadata_values),
            **_branch_policy(builder, policy_id, policy_metadata_key),
            **_waiting(builder, wait_before, wait_until_time, wait_until_timezone),
        )

    @classmethod
    def instructions(
        cls,
        *,
        instructions_comment: str,
        instructions_reminder_enabled: bool | None = None,
        instructions_reminder_interval_hours: int | None = None,
        wait_before: int | None = None,
        wait_until_time: str | None = None,
        wait_until_timezone: str | None = None,
    ) -> Self:
        """An `instructions` step: post a comment on the incident for whoever responds.

        Args:
            instructions_comment: Markdown to post; may hold `{metadata_key}` placeholders and
                `- [ ]` checkboxes.
            instructions_reminder_enabled: Remind responders of the instructions periodically.
            instructions_reminder_interval_hours: Hours between reminders, 1 or more.
            wait_before: As for `escalation`.
            wait_until_time: As for `escalation`.
            wait_until_timezone: As for `escalation`.

        Raises:
            ValidationError: An empty comment, an interval under 1 hour, or bad waiting times.
        """
        interval = instructions_reminder_interval_hours
        if interval is not None and (isinstance(interval, bool) or not isinstance(interval, int) or interval < 1):
            raise ValidationError(
                f"instructions_reminder_interval_hours must be a whole number of hours, 1 or more, not {interval!r}"
            )
        return cls(
            "instructions",
            instructions_comment=_required_text(
                "instructions", "instructions_comment", instructions_comment, "the Markdown to post"
            ),
            instructions_reminder_enabled=instructions_reminder_enabled,
            instructions_reminder_interval_hours=interval,
            **_waiting("instructions", wait_before, wait_until_time, wait_until_timezone),
        )

    # From and to the wire -----------------------------------------------------------------

    @classmethod
    def from_dict(cls, step: Mapping[str, Any]) -> Self:
        """A step as the API returns it (one item of `EscalationPolicy.steps`), as a `PolicyStep`.

        Nothing the API sends is refused or lost: keys this SDK does not know go to `extra`, a
        step type or day it does not know is kept, and `to_dict()` gives the same dict back
        (nulls included) until a field is changed.

        Raises:
            ValidationError: `step` is not a dict with a `type`.
        """
        if not isinstance(step, Mapping) or "type" not in step:
            raise ValidationError(f"a step must be a dict with a 'type', not {step!r}")
        values: dict[str, Any] = {name: None for name in _FIELD_NAMES}
        extra: dict[str, Any] = {}
        for key, value in step.items():
            if key in _FIELD_NAMES:
                values[key] = copy_json(value)
            elif key != "type":
                extra[key] = copy_json(value)
        # Not through __init__: its checks would refuse what the API sends but this SDK does
        # not know yet.
        obj = cls.__new__(cls)
        obj.__dict__.update(values, step_type=step["type"], extra=extra, _received=copy_json(dict(step)))
        return obj

    def to_dict(self) -> dict[str, Any]:
        """The step as the API takes it: `type`, every field that is set (not None), then `extra`.

        Raises:
            ValidationError: `step_type`, a day, a time or a member is not one the API takes.
        """
        _validate(self)
        received = self._received or {}
        step: dict[str, Any] = {"type": self.step_type}
        for name in _FIELD_NAMES:
            value = getattr(self, name)
            if value is not None:
                step[name] = copy_json(value)
            elif name in received and received[name] is None:
                step[name] = None
        if self.days is not None:
            step["days"] = [str(day) for day in self.days]
        if self.step_members is not None:
            step["step_members"] = [dict(member) for member in self.step_members]
        if self.metadata_values is not None:
            step["metadata_values"] = [
                {"type": "String", "value": value} if isinstance(value, str) else dict(value)
                for value in self.metadata_values
            ]
        for key, value in self.extra.items():
            step.setdefault(key, copy_json(value))
        return step


_FIELD_NAMES: tuple[str, ...] = tuple(
    field.name for field in dataclasses.fields(PolicyStep) if field.name not in ("step_type", "extra", "_received")
)
"""The `PolicyStep` fields sent under their own names (all but `step_type`, sent as `type`)."""


def _to_check(step: PolicyStep, key: str, value: object) -> bool:
    """Whether `value` is set and not what the API sent under `key` (the API's word stands)."""
    received = step._received
    return value is not None and not (received is not None and key in received and received[key] == value)


def _validate(step: PolicyStep) -> None:
    """Raise `ValidationError` for a value of `step` the API would refuse.

    A function rather than a method, so that editors do not offer it after `step.`.
    """
    if _to_check(step, "type", step.step_type) and step.step_type not in STEP_TYPES:
        raise ValidationError(f"step_type {step.step_type!r} is not one of: {_allowed(STEP_TYPES)}")
    if _to_check(step, "days", step.days) and (problem := _days_problem(step.days)):
        raise ValidationError(problem)
    if _to_check(step, "step_members", step.step_members) and (problem := _members_problem(step.step_members)):
        raise ValidationError(problem)
    values = step.metadata_values
    if _to_check(step, "metadata_values", values) and (problem := _values_problem(values)):
        raise ValidationError(problem)
    if not isinstance(step.extra, Mapping):
        raise ValidationError(f"extra must be a dict of keys to send as they are, not {step.extra!r}")
    for name in ("time_from", "time_to", "wait_until_time"):
        value = getattr(step, name)
        if _to_check(step, name, value) and not (isinstance(value, str) and _TIME_OF_DAY.match(value)):
            raise ValidationError(f"{name} must be a time of day as HH:MM, 00:00 to 23:59, not {value!r}")
    wait = step.wait_before
    if _to_check(step, "wait_before", wait) and (isinstance(wait, bool) or not isinstance(wait, int) or wait < 0):
        raise ValidationError(f"wait_before must be a whole number of seconds, 0 or more, not {wait!r}")


def _required_text(builder: str, name: str, value: object, what: str) -> str:
    if not isinstance(value, str) or not value:
        raise ValidationError(f"PolicyStep.{builder}() needs {name} ({what}), not {value!r}")
    return value


def _required_id(builder: str, name: str, value: object) -> int | str:
    if isinstance(value, bool) or not isinstance(value, int | str) or value == "":
        raise ValidationError(f"PolicyStep.{builder}() needs {name} (an id, int or str), not {value!r}")
    return value


def _branch_policy(builder: str, policy_id: int | str | None, policy_metadata_key: str | None) -> dict[str, Any]:
    """`policy_id` or `policy_metadata_key`, exactly one: the spec has the key "instead of" the id."""
    if policy_id is None and policy_metadata_key is None:
        raise ValidationError(
            f"PolicyStep.{builder}() needs policy_id (the policy to run when the branch matches) "
            "or policy_metadata_key (the incident metadata key naming it)"
        )
    if policy_id is not None and policy_metadata_key is not None:
        raise ValidationError(f"PolicyStep.{builder}() takes policy_id or policy_metadata_key, not both")
    if policy_id is not None:
        return {"policy_id": _required_id(builder, "policy_id", policy_id)}
    return {
        "policy_metadata_key": _required_text(builder, "policy_metadata_key", policy_metadata_key, "a metadata key")
    }


def _waiting(
    builder: str, wait_before: int | None, wait_until_time: str | None, wait_until_timezone: str | None
) -> dict[str, Any]:
    """The waiting fields of a built step: `wait_before` seconds or `wait_until_time`, not both.

    The Terraform provider documents each as "omit if the other is set" (resource_policy.go).
    """
    if wait_before is not None and wait_until_time is not None:
        raise ValidationError(
            f"PolicyStep.{builder}() takes wait_before (seconds) or wait_until_time (a time of day), not both"
        )
    if wait_until_timezone is not None and wait_until_time is None:
        raise ValidationError(
            f"PolicyStep.{builder}(): wait_until_timezone is the time zone of wait_until_time; give wait_until_time too"
        )
    if wait_until_time is None:
        return {"wait_before": 0 if wait_before is None else wait_before}
    return {"wait_before": None, "wait_until_time": wait_until_time, "wait_until_timezone": wait_until_timezone}


class StepMember:
    """Builders of the members an escalation step alerts, one per member type the spec documents.

    Each returns the member exactly as the API takes it: a plain dict, typed as
    `betterstack_sdk.shapes.PolicyStepMember`, e.g. `StepMember.user(email="alice@example.com")`
    is `{"type": "user", "email": "alice@example.com"}`. Use them in
    `PolicyStep.escalation(step_members=[...])`, or anywhere a member dict goes.
    """

    __slots__ = ()

    @staticmethod
    def current_on_call(calendar_id: int | str | None = None) -> shapes.PolicyStepMember:
        """Whoever is on call: in the on-call calendar `calendar_id`, or the default calendar."""
        return _member("current_on_call", "calendar_id", calendar_id, optional=True)

    @staticmethod
    def entire_team(team_id: int | str | None = None) -> shapes.PolicyStepMember:
        """Everyone in the team `team_id`, or in the incident's team.

        Sent as `id`: the spec deprecates `team_id` in members.
        """
        return _member("entire_team", "team_id", team_id, optional=True)

    @overload
    @staticmethod
    def user(*, id: int | str) -> shapes.PolicyStepMember: ...

    @overload
    @staticmethod
    def user(*, email: str) -> shapes.PolicyStepMember: ...

    @staticmethod
    def user(*, id: int | str | None = None, email: str | None = None) -> shapes.PolicyStepMember:
        """One team member, by user `id` or by `email` (exactly one).

        Raises:
            ValidationError: Both or neither of `id` and `email`.
        """
        if id is None and email is None:
            raise ValidationError("StepMember.user() needs the user's id or email, e.g. StepMember.user(email='...')")
        if id is not None and email is not None:
            raise ValidationError("StepMember.user() takes id or email, not both (the API would use the e-mail)")
        if email is not None:
            if not isinstance(email, str) or "@" not in email:
                raise ValidationError(f"StepMember.user() needs email (an e-mail address), not {email!r}")
            return {"type": "user", "email": email}
        return _member("user", "id", id)

    @staticmethod
    def webhook(id: int | str) -> shapes.PolicyStepMember:
        """The outgoing webhook integration `id`."""
        return _member("webhook", "id", id)

    @staticmethod
    def slack_integration(id: int | str) -> shapes.PolicyStepMember:
        """The Slack integration `id`."""
        return _member("slack_integration", "id", id)

    @staticmethod
    def microsoft_teams_integration(id: int | str) -> shapes.PolicyStepMember:
        """The Microsoft Teams integration `id`."""
        return _member("microsoft_teams_integration", "id", id)

    @staticmethod
    def zapier_webhook(id: int | str) -> shapes.PolicyStepMember:
        """The Zapier webhook `id`."""
        return _member("zapier_webhook", "id", id)

    @staticmethod
    def pagerduty_integration(id: int | str) -> shapes.PolicyStepMember:
        """The PagerDuty integration `id`."""
        return _member("pagerduty_integration", "id", id)

    @staticmethod
    def policy(id: int | str) -> shapes.PolicyStepMember:
        """Another escalation policy, run from this step."""
        return _member("policy", "id", id)

    @staticmethod
    def incident_metadata(metadata_key: str) -> shapes.PolicyStepMember:
        """Whoever the incident's metadata value under `metadata_key` names (a user, a team, ...)."""
        if not isinstance(metadata_key, str) or not metadata_key:
            raise ValidationError(
                f"StepMember.incident_metadata() needs metadata_key (an incident metadata key), not {metadata_key!r}"
            )
        return {"type": "incident_metadata", "metadata_key": metadata_key}

    @staticmethod
    def all_slack_integrations() -> shapes.PolicyStepMember:
        """Every Slack integration of the team."""
        return {"type": "all_slack_integrations"}

    @staticmethod
    def all_microsoft_teams_integrations() -> shapes.PolicyStepMember:
        """Every Microsoft Teams integration of the team."""
        return {"type": "all_microsoft_teams_integrations"}

    @staticmethod
    def all_zapier_integrations() -> shapes.PolicyStepMember:
        """Every Zapier integration of the team."""
        return {"type": "all_zapier_integrations"}

    @staticmethod
    def all_webhook_integrations() -> shapes.PolicyStepMember:
        """Every outgoing webhook integration of the team."""
        return {"type": "all_webhook_integrations"}

    @staticmethod
    def all_splunk_on_call_integrations() -> shapes.PolicyStepMember:
        """Every Splunk On-Call integration of the team."""
        return {"type": "all_splunk_on_call_integrations"}


def _member(
    member_type: shapes.PolicyStepMemberType, argument: str, value: object, *, optional: bool = False
) -> shapes.PolicyStepMember:
    """A member of `member_type` with the id `value` (given as `argument`), sent as `id`."""
    if value is None and optional:
        return {"type": member_type}
    if isinstance(value, bool) or not isinstance(value, int | str) or value == "":
        raise ValidationError(f"StepMember.{member_type}() needs {argument} (an id, int or str), not {value!r}")
    return {"type": member_type, "id": value}


StepLike = PolicyStep | Mapping[str, Any]
"""A step as `EscalationPolicy` takes it: a `PolicyStep` or a step dict with a `type`."""


def _wire_steps(steps: Iterable[StepLike]) -> list[dict[str, Any]]:
    if isinstance(steps, str | bytes | Mapping) or not isinstance(steps, Iterable):
        raise ValidationError(f"steps must be a list of PolicyStep objects or step dicts, not {steps!r}")
    wire: list[dict[str, Any]] = []
    for index, step in enumerate(steps):
        if isinstance(step, PolicyStep):
            wire.append(step.to_dict())
        elif isinstance(step, Mapping) and "type" in step:
            wire.append(dict(step))
        else:
            raise ValidationError(f"step {index} must be a PolicyStep or a dict with a 'type', not {step!r}")
    return wire


_P = TypeVar("_P", bound="EscalationPolicy")


class _PolicyKind(Kind[_P]):
    # Steps go out as the dicts the API returns, whether given as `PolicyStep` objects or dicts.

    def create_flow(self, api: PaginatedAPI, fields: Mapping[str, Any], **private: Any) -> Flow[_P]:
        if fields.get("steps") is not None:
            fields = {**fields, "steps": _wire_steps(fields["steps"])}
        created: _P = yield from super().create_flow(api, fields, **private)
        return created

    def get_or_create_flow(self, api: PaginatedAPI, fields: Mapping[str, Any]) -> Flow[tuple[bool, _P]]:
        # Steps compare as the dicts the API returns, so a `PolicyStep` matches its saved step.
        if fields.get("steps") is not None:
            fields = {**fields, "steps": _wire_steps(fields["steps"])}
        found: tuple[bool, _P] = yield from super().get_or_create_flow(api, fields)
        return found

    def save_flow(self, obj: _P) -> Flow[None]:
        steps = obj.__dict__.get("steps")  # never read nor set: nothing to convert
        if steps is not None:
            obj.__dict__["steps"] = _wire_steps(steps)  # in-place edits bypassed the setter
        yield from super().save_flow(obj)


class EscalationPolicy(
    PolicyFields[PaginatedAPI],
    ListPolicies[PaginatedAPI],
    BaseAPIObject,
    kind=_PolicyKind,
    operations=Operations(
        list=ops.list_policies,
        get=ops.get_policy,
        create=ops.create_policy,
        update=ops.update_policy,
        delete=ops.delete_policy,
    ),
):
    """An escalation policy (v3): the steps that alert people when an incident starts.

    `steps` reads as dicts, as the API returns them (`PolicyStep.from_dict` turns one into a
    `PolicyStep`). `new(steps=...)`, `get_or_create(steps=...)` and assignment to `steps` take
    `PolicyStep` objects and step dicts alike; `PolicyStep` objects appended in place are
    converted by `save()`, which sends no step list equal to the saved one. A step that is not
    valid raises `ValidationError` before any request, the object unchanged.
    """

    @overload
    @classmethod
    def new(cls, api: PaginatedAPI, **fields: Unpack[shapes.PolicyCreate]) -> Self: ...

    @overload
    @classmethod
    def new(cls, api: PaginatedAPI, *, steps: Sequence[StepLike], **fields: Any) -> Self: ...

    @classmethod
    def new(cls, api: PaginatedAPI, **fields: Any) -> Self:
        """Create a policy; `steps` may mix `PolicyStep` objects and step dicts.

        Raises:
            ValidationError: A step is neither a `PolicyStep` nor a dict with a `type`, or a
                `PolicyStep` is invalid (no request is sent).
        """
        kind = kind_of(cls)
        return run(api, kind.create_flow(api, kind.new_fields(fields)))

    @overload
    @classmethod
    async def anew(cls, api: PaginatedAPI, **fields: Unpack[shapes.PolicyCreate]) -> Self: ...

    @overload
    @classmethod
    async def anew(cls, api: PaginatedAPI, *, steps: Sequence[StepLike], **fields: Any) -> Self: ...

    @classmethod
    async def anew(cls, api: PaginatedAPI, **fields: Any) -> Self:
        """The async `new`."""
        kind = kind_of(cls)
        return await arun(api, kind.create_flow(api, kind.new_fields(fields)))

    if not TYPE_CHECKING:
        # Type checkers see the generated, typed constructor of PolicyFields.

        def __init__(self, id: str, _api: PaginatedAPI, **fields: Any) -> None:
            if fields.get("steps") is not None:
                fields["steps"] = _wire_steps(fields["steps"])  # stored as the API returns them
            super().__init__(id, _api, **fields)

    # `steps` reads as the generated field declares it (the API's dicts) and takes `PolicyStep`
    # objects as well: mypy (>= 1.16) and pyright accept a setter typed apart from the getter.
    # Pyright flags any property over a declared field; this one reads as the field's type.
    @property
    def steps(self) -> list[shapes.PolicyStep] | None:
        """The steps in order, as the API returns them; assign `PolicyStep` objects or step dicts."""
        state = self.__dict__
        if "steps" not in state:
            if "_original_values" not in state:
                raise AttributeError("steps")  # not initialised (copying, unpickling)
            # Loaded on first read like every field (BaseAPIObject.__getattr__): a copy of the
            # snapshot, so in-place edits show against it.
            wire = kind_of(type(self)).wire_names.get("steps", "steps")
            state["steps"] = copy_json(state["_original_values"].get(wire))
        steps: list[shapes.PolicyStep] | None = state["steps"]
        return steps

    @steps.setter
    def steps(self, steps: Sequence[StepLike] | None) -> None:  # pyright: ignore[reportIncompatibleVariableOverride]
        # Stored as plain dicts, so change tracking compares them with the API's last answer.
        self.__dict__["steps"] = None if steps is None else _wire_steps(steps)


class PolicyGroup(
    PolicyGroupFields[PaginatedAPI],
    ListPolicyGroups[PaginatedAPI],
    CreatePolicyGroup[PaginatedAPI],
    BaseAPIObject,
    operations=Operations(
        list=ops.list_policy_groups,
        get=ops.get_policy_group,
        create=ops.create_policy_group,
        update=ops.update_policy_group,
        delete=ops.delete_policy_group,
    ),
):
    """A named group of escalation policies in the dashboard."""


class Urgency(
    UrgencyFields[PaginatedAPI],
    ListUrgencies[PaginatedAPI],
    CreateUrgency[PaginatedAPI],
    BaseAPIObject,
    operations=Operations(
        list=ops.list_urgencies,
        get=ops.get_urgency,
        create=ops.create_urgency,
        update=ops.update_urgency,
        delete=ops.delete_urgency,
    ),
):
    """An urgency ("severity" in the dashboard): how an escalation step alerts people."""


class UrgencyGroup(
    UrgencyGroupFields[PaginatedAPI],
    ListUrgencyGroups[PaginatedAPI],
    CreateUrgencyGroup[PaginatedAPI],
    BaseAPIObject,
    operations=Operations(
        list=ops.list_urgency_groups,
        get=ops.get_urgency_group,
        create=ops.create_urgency_group,
        update=ops.update_urgency_group,
        delete=ops.delete_urgency_group,
    ),
):
    """A named group of urgencies ("severity group")."""
