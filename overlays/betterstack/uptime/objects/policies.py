"""Escalation policies (v3) and their steps, policy groups, urgencies and urgency groups."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import KW_ONLY, dataclass
from typing import TYPE_CHECKING, Any, Self, Unpack, overload

from betterstack_sdk import shapes
from betterstack_sdk.api.policies import create_policy, delete_policy, get_policy, list_policies, update_policy
from betterstack_sdk.api.policy_groups import (
    create_policy_group,
    delete_policy_group,
    get_policy_group,
    list_policy_groups,
    update_policy_group,
)
from betterstack_sdk.api.urgencies import create_urgency, delete_urgency, get_urgency, list_urgencies, update_urgency
from betterstack_sdk.api.urgency_groups import (
    create_urgency_group,
    delete_urgency_group,
    get_urgency_group,
    list_urgency_groups,
    update_urgency_group,
)
from betterstack_sdk.fields import PolicyFields, PolicyGroupFields, UrgencyFields, UrgencyGroupFields
from betterstack_sdk.models import PolicyStepType, Weekday

from .._base import BaseAPIObject, Endpoints
from .._errors import ValidationError

if TYPE_CHECKING:
    from .._client import PaginatedAPI

STEP_TYPES: tuple[str, ...] = tuple(member.value for member in PolicyStepType)
"""The documented step types: `escalation`, `instructions`, `metadata_branching`, `time_branching`."""
WEEKDAYS: tuple[str, ...] = tuple(member.value for member in Weekday)
"""The day names time branching takes: `mon` ... `sun`."""


def _allowed(values: Iterable[str]) -> str:
    return ", ".join(sorted(values))


@dataclass
class PolicyStep:
    """One step of an escalation policy, built in Python and sent as a dict.

    Not an API object: pass it in `EscalationPolicy.new(steps=[...])`, put it in `policy.steps`
    before `save()`, or call `to_dict()`. Which fields apply depends on the step type:
    `escalation` alerts `step_members` with `urgency_id`; `time_branching` (`timezone`, `days`,
    `time_from`, `time_to`) and `metadata_branching` (`metadata_key`, `metadata_values`) run
    `policy_id` (or the policy named by `policy_metadata_key`) when they match; `instructions`
    posts `instructions_comment`.

    Attributes:
        step_type: One of `STEP_TYPES`; sent as `type`.
        wait_before: Seconds to wait after the previous step; None omits it.
        urgency_id: The urgency (severity) of an escalation step.
        step_members: Who an escalation step alerts, e.g. `{"type": "user", "email": "..."}`.
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

    Raises:
        ValidationError: `step_type` or a day is not one the API documents.
    """

    step_type: str = "escalation"
    wait_before: int | None = 0
    urgency_id: int | None = None
    step_members: list[dict[str, Any]] | None = None
    timezone: str | None = None
    days: list[str] | None = None
    time_from: str | None = None
    time_to: str | None = None
    policy_id: int | None = None
    policy_metadata_key: str | None = None
    _: KW_ONLY
    metadata_key: str | None = None
    metadata_values: list[dict[str, Any] | str] | None = None
    instructions_comment: str | None = None
    instructions_reminder_enabled: bool | None = None
    instructions_reminder_interval_hours: int | None = None
    wait_until_time: str | None = None
    wait_until_timezone: str | None = None

    def __post_init__(self) -> None:
        self._validate()

    def _validate(self) -> None:
        if self.step_type not in STEP_TYPES:
            raise ValidationError(f"step_type {self.step_type!r} is not one of: {_allowed(STEP_TYPES)}")
        if self.days is not None and not isinstance(self.days, list):
            raise ValidationError(f"days must be a list of day names ({', '.join(WEEKDAYS)}), not {self.days!r}")
        unknown = [day for day in self.days or [] if day not in WEEKDAYS]
        if unknown:
            raise ValidationError(f"days {unknown!r} are not day names; allowed: {', '.join(WEEKDAYS)}")
        for member in self.step_members or []:
            if not isinstance(member, Mapping) or "type" not in member:
                raise ValidationError(f"step member {member!r} has no 'type'")

    def to_dict(self) -> dict[str, Any]:
        """The step as the API takes it: `type` and every field that is set (not None).

        Raises:
            ValidationError: `step_type` or a day is not one the API documents.
        """
        self._validate()
        step: dict[str, Any] = {"type": str(self.step_type)}
        for field in dataclasses.fields(self):
            value = getattr(self, field.name)
            if field.name != "step_type" and value is not None:
                step[field.name] = value
        if self.days is not None:
            step["days"] = [str(day) for day in self.days]
        if self.step_members is not None:
            step["step_members"] = [dict(member) for member in self.step_members]
        if self.metadata_values is not None:
            step["metadata_values"] = [
                {"type": "String", "value": value} if isinstance(value, str) else dict(value)
                for value in self.metadata_values
            ]
        return step


StepLike = PolicyStep | Mapping[str, Any]
"""A step as `EscalationPolicy` takes it: a `PolicyStep` or a step dict with a `type`."""


def _wire_steps(steps: Iterable[StepLike]) -> list[dict[str, Any]]:
    wire = []
    for index, step in enumerate(steps):
        if isinstance(step, PolicyStep):
            wire.append(step.to_dict())
        elif isinstance(step, Mapping) and "type" in step:
            wire.append(dict(step))
        else:
            raise ValidationError(f"step {index} must be a PolicyStep or a dict with a 'type', not {step!r}")
    return wire


class EscalationPolicy(PolicyFields, BaseAPIObject):
    """An escalation policy (v3): the steps that alert people when an incident starts.

    `steps` holds dicts as the API returns them. `new()` and `save()` also take `PolicyStep`
    objects in `steps`, sending them as `PolicyStep.to_dict()` gives.
    """

    _endpoints = Endpoints(
        list=list_policies, get=get_policy, create=create_policy, update=update_policy, delete=delete_policy
    )

    @classmethod
    def filter(cls, api: PaginatedAPI, **query: Unpack[shapes.ListPoliciesQuery]) -> Iterator[Self]:  # type: ignore[override]
        """Policies matching the list filters (`team_name`, `per_page`)."""
        return cls._list(api, query)

    @overload  # type: ignore[override]
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
        if fields.get("steps") is not None:
            fields["steps"] = _wire_steps(fields["steps"])
        return super().new(api, **fields)

    def save(self) -> None:
        """PATCH the changed fields, `PolicyStep` objects in `steps` sent as dicts.

        The steps are stored as dicts from then on; a step list equal to the saved one is not
        sent. No request when nothing changed.

        Raises:
            ValidationError: A step is not valid (no request is sent; the object is unchanged).
        """
        if self.steps is not None:
            self.steps = _wire_steps(self.steps)
        super().save()


class PolicyGroup(PolicyGroupFields, BaseAPIObject):
    """A named group of escalation policies in the dashboard."""

    _endpoints = Endpoints(
        list=list_policy_groups,
        get=get_policy_group,
        create=create_policy_group,
        update=update_policy_group,
        delete=delete_policy_group,
    )

    @classmethod
    def filter(cls, api: PaginatedAPI, **query: Unpack[shapes.ListPolicyGroupsQuery]) -> Iterator[Self]:  # type: ignore[override]
        """Policy groups matching the list filters (`team_name`, `per_page`)."""
        return cls._list(api, query)

    @classmethod
    def new(cls, api: PaginatedAPI, **fields: Unpack[shapes.PolicyGroupCreate]) -> Self:  # type: ignore[override]
        """Create a policy group."""
        return super().new(api, **fields)


class Urgency(UrgencyFields, BaseAPIObject):
    """An urgency ("severity" in the dashboard): how an escalation step alerts people."""

    _endpoints = Endpoints(
        list=list_urgencies, get=get_urgency, create=create_urgency, update=update_urgency, delete=delete_urgency
    )

    @classmethod
    def filter(cls, api: PaginatedAPI, **query: Unpack[shapes.ListUrgenciesQuery]) -> Iterator[Self]:  # type: ignore[override]
        """Urgencies matching the list filters (`team_name`, `per_page`)."""
        return cls._list(api, query)

    @classmethod
    def new(cls, api: PaginatedAPI, **fields: Unpack[shapes.UrgencyCreate]) -> Self:  # type: ignore[override]
        """Create an urgency."""
        return super().new(api, **fields)


class UrgencyGroup(UrgencyGroupFields, BaseAPIObject):
    """A named group of urgencies ("severity group")."""

    _endpoints = Endpoints(
        list=list_urgency_groups,
        get=get_urgency_group,
        create=create_urgency_group,
        update=update_urgency_group,
        delete=delete_urgency_group,
    )

    @classmethod
    def filter(cls, api: PaginatedAPI, **query: Unpack[shapes.ListUrgencyGroupsQuery]) -> Iterator[Self]:  # type: ignore[override]
        """Urgency groups matching the list filters (`team_name`, `per_page`)."""
        return cls._list(api, query)

    @classmethod
    def new(cls, api: PaginatedAPI, **fields: Unpack[shapes.UrgencyGroupCreate]) -> Self:  # type: ignore[override]
        """Create an urgency group."""
        return super().new(api, **fields)
