"""Incidents (v3 API), their timeline and their comments."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from types import ModuleType
from typing import Any, Never, Self, cast

from betterstack_sdk import shapes
from betterstack_sdk.api.incident_comments import (
    create_incident_comment,
    delete_incident_comment,
    get_incident_comment,
    list_incident_comments,
    update_incident_comment,
)
from betterstack_sdk.api.incident_timeline import get_incident_timeline
from betterstack_sdk.api.incidents import (
    acknowledge_incident,
    create_incident,
    delete_incident,
    escalate_incident,
    get_incident,
    list_incidents,
    resolve_incident,
)
from betterstack_sdk.fields import IncidentCommentFields, IncidentFields
from betterstack_sdk.models.incident_relationships import IncidentRelationships
from betterstack_sdk.signatures import CreateIncident, ListIncidents

from .._base import BaseAPIObject, Endpoints, _resource_item
from .._client import PaginatedAPI
from .._errors import ValidationError
from .._pagination import paginate


class IncidentTimelineItem(shapes.IncidentTimelineItemAttributes):
    """One item of `Incident.timeline()`: the item's `id` beside its attributes from the spec."""

    id: str
    """Not always numeric: a timestamp or `<n>-content-response` also occur."""


class IncidentComment(IncidentCommentFields[PaginatedAPI], BaseAPIObject):
    """A Markdown comment on an incident (v2 API); it knows its incident through `_incident_id`.

    Comments are listed with `Incident.comments()` and created with `Incident.add_comment()`;
    `save()` and `delete()` work on a comment loaded either way. The API lets only comments made
    through the API be edited.
    """

    _endpoints = Endpoints(
        list=list_incident_comments,
        get=get_incident_comment,
        create=create_incident_comment,
        update=update_incident_comment,
        delete=delete_incident_comment,
    )
    _parent_arguments = ("incident_id",)

    _incident_id: str | None = None

    def _apply(self, attributes: Mapping[str, Any]) -> None:
        # The attributes repeat the id as an integer; kept as an extra it would shadow nothing
        # but show up twice in repr and in change tracking. The resource id is the one that counts.
        super()._apply({key: value for key, value in attributes.items() if key != "id"})

    @classmethod
    def _list(cls, api: PaginatedAPI, query: Mapping[str, Any], **private: Any) -> Iterator[Self]:
        if private.get("_incident_id") is None:
            raise ValidationError("IncidentComment objects are listed per incident: use Incident.comments()")
        return super()._list(api, query, **private)

    @classmethod
    def new(cls, api: PaginatedAPI, **fields: Any) -> Self:
        """Comments are created on their incident.

        Raises:
            ValidationError: Always; use `Incident.add_comment(content)`.
        """
        raise ValidationError("IncidentComment objects are created on their incident: use Incident.add_comment()")


class Incident(IncidentFields[PaginatedAPI], ListIncidents[PaginatedAPI], CreateIncident[PaginatedAPI], BaseAPIObject):
    """An incident (v3 API): started by a failing monitor or heartbeat, or created by hand.

    Incidents cannot be edited through the API: change their state with `acknowledge()`,
    `resolve()` and `escalate()`, and talk about them with `add_comment()`.

    `monitor_id` and `heartbeat_id` come from the `monitor` and `heartbeat` relationships when the
    attributes do not carry them. `response_options` is kept as the API sends it (a string
    holding JSON, e.g. `"{}"`).
    """

    _endpoints = Endpoints(list=list_incidents, get=get_incident, create=create_incident, delete=delete_incident)

    @property
    def is_resolved(self) -> bool:
        """Whether the incident has a `resolved_at` or its status is `Resolved`."""
        return self.resolved_at is not None or self.status == "Resolved"

    @property
    def is_acknowledged(self) -> bool:
        """Whether the incident has an `acknowledged_at` or its status is `Acknowledged`."""
        return self.acknowledged_at is not None or self.status == "Acknowledged"

    def _apply_resource(self, resource: Any) -> None:
        item = _resource_item(resource)
        if isinstance(resource.relationships, IncidentRelationships):
            item["relationships"] = resource.relationships.to_dict()
        self._apply_item(item)

    def _apply_item(self, item: Mapping[str, Any]) -> None:
        # The monitor or heartbeat may be named only in `relationships`; the ids are filled from there.
        attributes = item.get("attributes") or {}
        relationships = item.get("relationships")
        found = {}
        for name in ("monitor", "heartbeat"):
            related = relationships.get(name) if isinstance(relationships, dict) else None
            data = related.get("data") if isinstance(related, dict) else None
            if attributes.get(f"{name}_id") is None and isinstance(data, dict) and data.get("id") is not None:
                found[f"{name}_id"] = data["id"]
        super()._apply_item({**item, "attributes": {**attributes, **found}} if found else item)

    def _act(self, endpoint: ModuleType, body: Mapping[str, Any] | None) -> None:
        arguments: dict[str, Any] = self._id_arguments(endpoint)
        if body is not None:
            arguments["body"] = self._body(endpoint, body)
        parsed = self._api.call(endpoint, **arguments)
        if parsed is not None and hasattr(parsed, "data"):
            self._apply_resource(parsed.data)
        else:
            # An answer without the incident: load it, so the state shown is the API's.
            self.fetch_data()

    def acknowledge(self, acknowledged_by: str | None = None) -> None:
        """Acknowledge the incident, which stops further escalation; the object takes the API's answer.

        Args:
            acknowledged_by: Who acknowledges (an e-mail or any name); sent only when given.

        Raises:
            ConflictError: The incident was already acknowledged. The object is left unchanged.
        """
        self._act(acknowledge_incident, None if acknowledged_by is None else {"acknowledged_by": acknowledged_by})

    def resolve(self, resolved_by: str | None = None) -> None:
        """Resolve the incident, which stops all alerts; the object takes the API's answer.

        Args:
            resolved_by: Who resolves (an e-mail or any name); sent only when given.

        Raises:
            ConflictError: The incident was already resolved. The object is left unchanged.
        """
        self._act(resolve_incident, None if resolved_by is None else {"resolved_by": resolved_by})

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
        if unexpected:
            allowed = shapes.IncidentEscalation.__optional_keys__
            raise ValidationError(
                f"escalate() does not take {', '.join(map(repr, sorted(unexpected)))}; "
                f"allowed: {', '.join(sorted(allowed))}"
            )
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
        given = {name: value for name, value in options.items() if value is not None}
        self._act(escalate_incident, {"escalation_type": escalation_type, **given})

    def timeline(self) -> list[IncidentTimelineItem]:
        """The incident's timeline as the API orders it: each item's `id` plus its attributes."""
        items = paginate(self._api, get_incident_timeline, **self._id_arguments(get_incident_timeline))
        # to_dict() is the generated model's, made from the same schema as the TypedDict.
        return [cast(IncidentTimelineItem, {"id": item.id, **item.attributes.to_dict()}) for item in items]

    def comments(self) -> list[IncidentComment]:
        """Fetch the incident's comments."""
        return list(IncidentComment._list(self._api, {}, _incident_id=self.id))

    def add_comment(self, content: str) -> IncidentComment:
        """Post a Markdown comment on the incident and return it."""
        endpoint = create_incident_comment
        body = IncidentComment._body(endpoint, {"content": content})
        parsed = self._api.call(endpoint, **self._id_arguments(endpoint), body=body)
        return IncidentComment._from_resource(self._api, parsed.data, _incident_id=self.id)

    def save(self) -> None:
        """Incidents cannot be edited: the API has no update operation for them.

        Raises:
            ValidationError: Always, before any request.
        """
        raise ValidationError(
            "the API offers no update operation for Incident (incidents cannot be PATCHed); "
            "use acknowledge(), resolve(), escalate() or add_comment()"
        )
