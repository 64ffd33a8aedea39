"""Incidents (v3 API), their timeline and their comments."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Never, cast

from betterstack_sdk import operations as ops
from betterstack_sdk import shapes
from betterstack_sdk.fields import IncidentCommentFields, IncidentFields
from betterstack_sdk.operations import Operation
from betterstack_sdk.signatures import CreateIncident, ListIncidents

from .._base import BaseAPIObject, Operations
from .._client import PaginatedAPI
from .._errors import ValidationError
from .._flows import Flow, Walk, answer_of, arun, run
from .._kind import Kind, kind_of
from ._nested import _Nested


class IncidentTimelineItem(shapes.IncidentTimelineItemAttributes):
    """One item of `Incident.timeline()`: the item's `id` beside its attributes from the spec."""

    id: str
    """Not always numeric: a timestamp or `<n>-content-response` also occur."""


class IncidentComment(
    IncidentCommentFields[PaginatedAPI],
    _Nested,
    operations=Operations(
        list=ops.list_incident_comments,
        get=ops.get_incident_comment,
        create=ops.create_incident_comment,
        update=ops.update_incident_comment,
        delete=ops.delete_incident_comment,
    ),
    parent_arguments=("incident_id",),
    listed_by="Incident.comments()",
    created_by="Incident.add_comment()",
):
    """A Markdown comment on an incident (v2 API); it knows its incident through `_incident_id`.

    Comments are listed with `Incident.comments()` and created with `Incident.add_comment()`;
    `save()` and `delete()` work on a comment loaded either way. The API lets only comments made
    through the API be edited. The integer id the attributes repeat is not kept as an extra.
    """

    _incident_id: str | None = None


def _timeline_item(item: Mapping[str, Any]) -> IncidentTimelineItem:
    return cast(IncidentTimelineItem, {"id": item.get("id"), **(item.get("attributes") or {})})


def _escalation(
    method: str,
    escalation_type: shapes.IncidentEscalationType,
    options: Mapping[str, Any],
    unexpected: Mapping[str, Any],
) -> dict[str, Any]:
    """The body of an escalation: the type and the options given (not None).

    Raises:
        ValidationError: A keyword the escalation does not take.
    """
    if unexpected:
        allowed = shapes.IncidentEscalation.__optional_keys__
        raise ValidationError(
            f"{method}() does not take {', '.join(map(repr, sorted(unexpected)))}; "
            f"allowed: {', '.join(sorted(allowed))}"
        )
    given = {name: value for name, value in options.items() if value is not None}
    return {"escalation_type": escalation_type, **given}


class _IncidentKind(Kind["Incident"]):
    def apply_item(self, obj: Incident, item: Mapping[str, Any]) -> None:
        # The monitor or heartbeat may be named only in `relationships`; the ids are filled from there.
        attributes = item.get("attributes") or {}
        relationships = item.get("relationships")
        found = {}
        for name in ("monitor", "heartbeat"):
            related = relationships.get(name) if isinstance(relationships, dict) else None
            data = related.get("data") if isinstance(related, dict) else None
            if attributes.get(f"{name}_id") is None and isinstance(data, dict) and data.get("id") is not None:
                found[f"{name}_id"] = data["id"]
        super().apply_item(obj, {**item, "attributes": {**attributes, **found}} if found else item)

    def save_flow(self, obj: Incident) -> Flow[None]:
        # Raised as the flow is made, so `save()` and `asave()` refuse before any request.
        raise ValidationError(
            "the API offers no update operation for Incident (incidents cannot be PATCHed); "
            "use acknowledge(), resolve(), escalate() or add_comment()"
        )


class Incident(
    IncidentFields[PaginatedAPI],
    ListIncidents[PaginatedAPI],
    CreateIncident[PaginatedAPI],
    BaseAPIObject,
    kind=_IncidentKind,
    operations=Operations(
        list=ops.list_incidents, get=ops.get_incident, create=ops.create_incident, delete=ops.delete_incident
    ),
):
    """An incident (v3 API): started by a failing monitor or heartbeat, or created by hand.

    Incidents cannot be edited through the API: change their state with `acknowledge()`,
    `resolve()` and `escalate()`, and talk about them with `add_comment()`; `save()` raises
    `ValidationError` without a request.

    `monitor_id` and `heartbeat_id` come from the `monitor` and `heartbeat` relationships when the
    attributes do not carry them. `response_options` is kept as the API sends it (a string
    holding JSON, e.g. `"{}"`).
    """

    @property
    def is_resolved(self) -> bool:
        """Whether the incident has a `resolved_at` or its status is `Resolved`."""
        return self.resolved_at is not None or self.status == "Resolved"

    @property
    def is_acknowledged(self) -> bool:
        """Whether the incident has an `acknowledged_at` or its status is `Acknowledged`."""
        return self.acknowledged_at is not None or self.status == "Acknowledged"

    def acknowledge(self, acknowledged_by: str | None = None) -> None:
        """Acknowledge the incident, which stops further escalation; the object takes the API's answer.

        Args:
            acknowledged_by: Who acknowledges (an e-mail or any name); sent only when given.

        Raises:
            ConflictError: The incident was already acknowledged. The object is left unchanged.
        """
        body = None if acknowledged_by is None else {"acknowledged_by": acknowledged_by}
        run(self._api, _act_flow(self, ops.acknowledge_incident, body))

    async def aacknowledge(self, acknowledged_by: str | None = None) -> None:
        """The async `acknowledge`."""
        body = None if acknowledged_by is None else {"acknowledged_by": acknowledged_by}
        await arun(self._api, _act_flow(self, ops.acknowledge_incident, body))

    def resolve(self, resolved_by: str | None = None) -> None:
        """Resolve the incident, which stops all alerts; the object takes the API's answer.

        Args:
            resolved_by: Who resolves (an e-mail or any name); sent only when given.

        Raises:
            ConflictError: The incident was already resolved. The object is left unchanged.
        """
        body = None if resolved_by is None else {"resolved_by": resolved_by}
        run(self._api, _act_flow(self, ops.resolve_incident, body))

    async def aresolve(self, resolved_by: str | None = None) -> None:
        """The async `resolve`."""
        body = None if resolved_by is None else {"resolved_by": resolved_by}
        await arun(self._api, _act_flow(self, ops.resolve_incident, body))

    def escalate(
        self,
        escalation_type: shapes.IncidentEscalationType,
        *,
        user_email: str | None = None,
        user_id: int | None = None,
        team_name: str | None = None,
        team_id: int | None = None,
        schedule_id: int | None = None,
        policy_id: int | None = None,
        call: bool | None = None,
        sms: bool | None = None,
        email: bool | None = None,
        push: bool | None = None,
        critical_alert: bool | None = None,
        **unexpected: Never,
    ) -> None:
        """Alert someone about the incident; the object takes the API's answer.

        The keywords are the fields of the spec's `IncidentEscalation` body (tests check that
        they stay so); each is sent only when given.

        Args:
            escalation_type: `User`, `Team`, `Schedule`, `Policy` or `Organization`.
            user_email: The user to alert (for `User`; or `user_id`).
            user_id: The user to alert (for `User`).
            team_name: The team to alert (for `Team`; or `team_id`).
            team_id: The team to alert (for `Team`).
            schedule_id: The on-call calendar to alert (for `Schedule`).
            policy_id: The escalation policy to run (for `Policy`).
            call: Call the people alerted (`User`, `Team`, `Schedule`, `Organization`).
            sms: Send them an SMS.
            email: Send them an e-mail.
            push: Send them a push notification.
            critical_alert: Send them a critical alert, which bypasses do-not-disturb.
            **unexpected: Nothing: type checkers reject any other keyword, and at run time it
                raises ValidationError naming the keywords allowed.

        Raises:
            ValidationError: A keyword the escalation does not take (before any request).
            ConflictError: The incident is resolved.
        """
        options = {
            "user_email": user_email,
            "user_id": user_id,
            "team_name": team_name,
            "team_id": team_id,
            "schedule_id": schedule_id,
            "policy_id": policy_id,
            "call": call,
            "sms": sms,
            "email": email,
            "push": push,
            "critical_alert": critical_alert,
        }
        body = _escalation("escalate", escalation_type, options, unexpected)
        run(self._api, _act_flow(self, ops.escalate_incident, body))

    async def aescalate(
        self,
        escalation_type: shapes.IncidentEscalationType,
        *,
        user_email: str | None = None,
        user_id: int | None = None,
        team_name: str | None = None,
        team_id: int | None = None,
        schedule_id: int | None = None,
        policy_id: int | None = None,
        call: bool | None = None,
        sms: bool | None = None,
        email: bool | None = None,
        push: bool | None = None,
        critical_alert: bool | None = None,
        **unexpected: Never,
    ) -> None:
        """The async `escalate`."""
        options = {
            "user_email": user_email,
            "user_id": user_id,
            "team_name": team_name,
            "team_id": team_id,
            "schedule_id": schedule_id,
            "policy_id": policy_id,
            "call": call,
            "sms": sms,
            "email": email,
            "push": push,
            "critical_alert": critical_alert,
        }
        body = _escalation("aescalate", escalation_type, options, unexpected)
        await arun(self._api, _act_flow(self, ops.escalate_incident, body))

    def timeline(self) -> list[IncidentTimelineItem]:
        """The incident's timeline as the API orders it: each item's `id` plus its attributes."""
        return run(self._api, _timeline_flow(self))

    async def atimeline(self) -> list[IncidentTimelineItem]:
        """The async `timeline`."""
        return await arun(self._api, _timeline_flow(self))

    def comments(self) -> list[IncidentComment]:
        """Fetch the incident's comments."""
        return run(self._api, _comments_flow(self))

    async def acomments(self) -> list[IncidentComment]:
        """The async `comments`."""
        return await arun(self._api, _comments_flow(self))

    def add_comment(self, content: str) -> IncidentComment:
        """Post a Markdown comment on the incident and return it."""
        return run(self._api, _add_comment_flow(self, content))

    async def aadd_comment(self, content: str) -> IncidentComment:
        """The async `add_comment`."""
        return await arun(self._api, _add_comment_flow(self, content))


def _act_flow(incident: Incident, operation: Operation[Any], body: Mapping[str, Any] | None) -> Flow[None]:
    """POST an action; the incident takes the one the API answers with, or reloads."""
    kind = kind_of(type(incident))
    data = answer_of((yield kind.call(incident, operation, body))).resource()
    if data is not None:
        kind.apply_item(incident, data)
    else:
        # An answer without the incident: load it, so the state shown is the API's.
        yield from kind.fetch_flow(incident)


def _timeline_flow(incident: Incident) -> Flow[list[IncidentTimelineItem]]:
    call = kind_of(type(incident)).call(incident, ops.get_incident_timeline)
    items: list[IncidentTimelineItem] = yield Walk(call, _timeline_item)
    return items


def _comments_flow(incident: Incident) -> Flow[list[IncidentComment]]:
    incident_id = kind_of(type(incident)).id_arguments(incident, ops.list_incident_comments)["incident_id"]
    comments: list[IncidentComment] = yield kind_of(IncidentComment).walk(incident._api, {}, _incident_id=incident_id)
    return comments


def _add_comment_flow(incident: Incident, content: str) -> Flow[IncidentComment]:
    incident_id = kind_of(type(incident)).id_arguments(incident, ops.create_incident_comment)["incident_id"]
    comments = kind_of(IncidentComment)
    return (yield from comments.create_flow(incident._api, {"content": content}, _incident_id=incident_id))
