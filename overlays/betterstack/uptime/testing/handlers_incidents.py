"""Incidents: filtered lists, manual incidents, acknowledge, resolve, escalate, timeline, comments.

Incidents are records of `/api/v3/incidents`; seed them like any collection (`monitor_id`,
`heartbeat_id`, `started_at`, `metadata`, ... as attributes). Besides the records the fake keeps,
in `fake.extra`:

- `"incident_details"`: `{incident_id: {"summary", "description", "requester_email"}}`, the
  create-only fields the API does not send back (the timeline shows them);
- `"incident_escalations"`: `{incident_id: [{"at", "escalation_type", "target"}]}`.

The timeline is derived from that state: the start, escalations, acknowledgement, resolution and
the comments (`/api/v2/incidents/{incident_id}/comments`), newest first.

Every incident answered carries `relationships.monitor`, naming the monitor it came from (by its
`monitor_id` attribute or a seeded relationship) or null, and `relationships.heartbeat` when it
came from a heartbeat.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Mapping
from typing import Any

from ._fake import NOT_FOUND, FakeResponse, FakeUptime, Record, Request, _matches, handles

INCIDENTS = "/api/v3/incidents"
COMMENTS = "/api/v2/incidents/{incident_id}/comments"
METADATA = "/api/v3/metadata"
CHANNELS = ("call", "sms", "email", "push", "critical_alert", "team_wait")
ALREADY_ACKNOWLEDGED = "Incident was already acknowledged"
ALREADY_RESOLVED = "Incident was already resolved"
CANNOT_ESCALATE = "Cannot escalate a resolved incident."

# `metadata[Key]=value` and the docs' array form `metadata[Key][][value]=value`.
_METADATA_FILTER = re.compile(r"^metadata\[([^\]]+)\](?:\[\]\[value\])?$")
# Who an escalation type needs named, any one of the fields.
_ESCALATION_TARGETS = {
    "User": ("user_email", "user_id"),
    "Team": ("team_name", "team_id"),
    "Schedule": ("schedule_id",),
    "Policy": ("policy_id",),
}


def is_resolved(record: Record) -> bool:
    """Whether an incident record is resolved (by timestamp or status)."""
    attributes = record["attributes"]
    return attributes.get("resolved_at") is not None or attributes.get("status") == "Resolved"


def is_acknowledged(record: Record) -> bool:
    """Whether an incident record is acknowledged (by timestamp or status)."""
    attributes = record["attributes"]
    return attributes.get("acknowledged_at") is not None or attributes.get("status") == "Acknowledged"


def _related_id(record: Record, name: str) -> str | None:
    """The monitor or heartbeat id of an incident: the attribute, else the relationship."""
    value = record["attributes"].get(f"{name}_id")
    if value is None:
        relationship = (record.get("relationships") or {}).get(name) or {}
        value = (relationship.get("data") or {}).get("id")
    return None if value is None else str(value)


def document(record: Record) -> Record:
    """The incident as the API answers it: with the `monitor` (and any `heartbeat`) relationship."""
    relationships: dict[str, Any] = dict(record.get("relationships") or {})
    for name in ("monitor", "heartbeat"):
        related = _related_id(record, name)
        if related is not None or name == "monitor":
            relationships[name] = {"data": None if related is None else {"id": related, "type": name}}
    return {**record, "relationships": relationships}


def _day(text: str | None, name: str) -> datetime.date | None:
    if text is None:
        return None
    try:
        return datetime.date.fromisoformat(text)
    except ValueError:
        raise ValueError(f"{name} must be a date (YYYY-MM-DD), not {text!r}") from None


def _flag(text: str | None, name: str) -> bool | None:
    if text is None:
        return None
    if text not in {"true", "false"}:
        raise ValueError(f"{name} must be true or false, not {text!r}")
    return text == "true"


def _has_metadata(record: Record, key: str, wanted: str) -> bool:
    values = (record["attributes"].get("metadata") or {}).get(key)
    if isinstance(values, str):  # v2-style plain strings, as a seed may hold them
        return values == wanted
    return any(
        isinstance(value, Mapping) and value.get("type", "String") == "String" and value.get("value") == wanted
        for value in values or []
    )


def _started_day(record: Record) -> str:
    """The UTC day an incident started, `YYYY-MM-DD`, or "" when it has no start."""
    started = record["attributes"].get("started_at") or ""
    try:
        moment = datetime.datetime.fromisoformat(started)
    except ValueError:
        return str(started)[:10]
    if moment.tzinfo is not None:
        moment = moment.astimezone(datetime.UTC)
    return moment.date().isoformat()


def _newest_first(record: Record) -> tuple[str, int]:
    started = record["attributes"].get("started_at") or ""
    return started, int(record["id"]) if str(record["id"]).isdigit() else 0


@handles("list_incidents")
def list_incidents(fake: FakeUptime, request: Request) -> FakeResponse:
    """Incidents newest first, filtered by day range, monitor, heartbeat, state and metadata."""
    query = request.query
    try:
        start, end = _day(query.get("from"), "from"), _day(query.get("to"), "to")
        resolved = _flag(query.get("resolved"), "resolved")
        acknowledged = _flag(query.get("acknowledged"), "acknowledged")
    except ValueError as error:
        return FakeResponse.error(400, str(error))
    if start is not None and end is not None and start > end:
        return FakeResponse.error(400, "from must not be after to")
    metadata = {found.group(1): value for key, value in query.items() if (found := _METADATA_FILTER.match(key))}

    def wanted(record: Record) -> bool:
        started = _started_day(record)
        checks = [
            _matches(record, {"team_name": query["team_name"]}) if "team_name" in query else True,
            start is None or (bool(started) and started >= start.isoformat()),
            end is None or (bool(started) and started <= end.isoformat()),
            "monitor_id" not in query or _related_id(record, "monitor") == query["monitor_id"],
            "heartbeat_id" not in query or _related_id(record, "heartbeat") == query["heartbeat_id"],
            resolved is None or is_resolved(record) == resolved,
            acknowledged is None or is_acknowledged(record) == acknowledged,
            all(_has_metadata(record, key, value) for key, value in metadata.items()),
        ]
        return all(checks)

    records = [record for record in fake.collection(INCIDENTS).values() if wanted(record)]
    records.sort(key=_newest_first, reverse=True)
    return fake.page(request, [document(record) for record in records])


@handles("create_incident")
def create_incident(fake: FakeUptime, request: Request) -> FakeResponse:
    """A manual incident: `Started` now, with the given name, channels and metadata."""
    body: dict[str, Any] = request.body or {}
    attributes: dict[str, Any] = {
        # A manual incident shows its summary as the cause; without a name the summary names it.
        "name": body.get("name", body.get("summary")),
        "cause": body.get("summary"),
        "started_at": fake.now(),
        "status": "Started",
        "team_name": body.get("team_name"),
        "escalation_policy_id": body.get("policy_id"),
        "metadata": body.get("metadata"),
        **{channel: body[channel] for channel in CHANNELS if channel in body},
    }
    record = fake.add(INCIDENTS, attributes)
    details = {name: body.get(name) for name in ("summary", "description", "requester_email")}
    fake.extra.setdefault("incident_details", {})[record["id"]] = details
    # The metadata endpoint reads the same keys the incident carries.
    for key, values in (body.get("metadata") or {}).items():
        if values:
            fake.add(METADATA, {"key": key, "values": values, "owner_id": record["id"], "owner_type": "Incident"})
    return FakeResponse.json(201, {"data": document(record)})


def _incident(fake: FakeUptime, request: Request) -> Record | None:
    return fake.find(INCIDENTS, request.path_params["incident_id"])


@handles("get_incident")
def get_incident(fake: FakeUptime, request: Request) -> FakeResponse:
    """One incident with its relationships."""
    record = _incident(fake, request)
    if record is None:
        return FakeResponse.error(404, NOT_FOUND)
    return FakeResponse.json(200, {"data": document(record)})


@handles("delete_incident")
def delete_incident(fake: FakeUptime, request: Request) -> FakeResponse:
    """Delete an incident with its comments, escalations and metadata."""
    incident_id = request.path_params["incident_id"]
    if fake.collection(INCIDENTS).pop(incident_id, None) is None:
        return FakeResponse.error(404, NOT_FOUND)
    fake.collections.pop((COMMENTS, (incident_id,)), None)
    for name in ("incident_details", "incident_escalations"):
        fake.extra.get(name, {}).pop(incident_id, None)
    metadata = fake.collection(METADATA)
    for key in [key for key, item in metadata.items() if _owned_by(item, incident_id)]:
        del metadata[key]
    return FakeResponse(204)


def _owned_by(record: Record, incident_id: str) -> bool:
    attributes = record["attributes"]
    return attributes.get("owner_type") == "Incident" and str(attributes.get("owner_id")) == incident_id


@handles("acknowledge_incident")
def acknowledge_incident(fake: FakeUptime, request: Request) -> FakeResponse:
    """Acknowledge now, by whoever the body names; 409 when acknowledged or resolved already."""
    record = _incident(fake, request)
    if record is None:
        return FakeResponse.error(404, NOT_FOUND)
    if is_resolved(record):
        return FakeResponse.error(409, ALREADY_RESOLVED)
    if is_acknowledged(record):
        return FakeResponse.error(409, ALREADY_ACKNOWLEDGED)
    by = (request.body or {}).get("acknowledged_by")
    record["attributes"].update(acknowledged_at=fake.now(), acknowledged_by=by, status="Acknowledged")
    return FakeResponse.json(200, {"data": document(record)})


@handles("resolve_incident")
def resolve_incident(fake: FakeUptime, request: Request) -> FakeResponse:
    """Resolve now, by whoever the body names; 409 when resolved already."""
    record = _incident(fake, request)
    if record is None:
        return FakeResponse.error(404, NOT_FOUND)
    if is_resolved(record):
        return FakeResponse.error(409, ALREADY_RESOLVED)
    by = (request.body or {}).get("resolved_by")
    record["attributes"].update(resolved_at=fake.now(), resolved_by=by, status="Resolved")
    return FakeResponse.json(200, {"data": document(record)})


@handles("escalate_incident")
def escalate_incident(fake: FakeUptime, request: Request) -> FakeResponse:
    """Record an escalation for the timeline; 409 on a resolved incident, 422 without a target."""
    record = _incident(fake, request)
    if record is None:
        return FakeResponse.error(404, NOT_FOUND)
    if is_resolved(record):
        return FakeResponse.error(409, CANNOT_ESCALATE)
    body: dict[str, Any] = request.body or {}
    kind = str(body["escalation_type"])
    fields = _ESCALATION_TARGETS.get(kind, ())
    target = next((body[name] for name in fields if body.get(name) is not None), None)
    if fields and target is None:
        return FakeResponse.error(422, {fields[0]: ["can't be blank"]})
    escalation = {"at": fake.now(), "escalation_type": kind, "target": target}
    fake.extra.setdefault("incident_escalations", {}).setdefault(record["id"], []).append(escalation)
    return FakeResponse.json(200, {"data": document(record)})


def _item(item_id: str, item_type: str, at: str, title: str | None, content: Any) -> Record:
    data = {"title": title, "content": content, "attachments": [], "links": []}
    return {"id": item_id, "type": "timeline_item", "attributes": {"item_type": item_type, "at": at, "data": data}}


def _by(text: str, who: Any) -> str:
    return f"{text} by {who}" if who else text


@handles("get_incident_timeline")
def get_incident_timeline(fake: FakeUptime, request: Request) -> FakeResponse:
    """The incident's start, escalations, acknowledgement, resolution and comments, newest first."""
    record = _incident(fake, request)
    if record is None:
        return FakeResponse.error(404, NOT_FOUND)
    incident_id = record["id"]
    attributes = record["attributes"]
    details = fake.extra.get("incident_details", {}).get(incident_id, {})
    items: list[Record] = []
    if attributes.get("started_at"):
        title = _by("Incident started", details.get("requester_email"))
        content = details.get("description") or attributes.get("cause")
        items.append(_item(f"{incident_id}-started", "generic_card", attributes["started_at"], title, content))
    for number, escalation in enumerate(fake.extra.get("incident_escalations", {}).get(incident_id, []), 1):
        title = f"Escalated to {escalation['escalation_type']}" + (
            f" {escalation['target']}" if escalation.get("target") is not None else ""
        )
        items.append(_item(f"{incident_id}-escalation-{number}", "generic_card", escalation["at"], title, None))
    if attributes.get("acknowledged_at"):
        title = _by("Incident acknowledged", attributes.get("acknowledged_by"))
        items.append(_item(f"{incident_id}-acknowledged", "generic_card", attributes["acknowledged_at"], title, None))
    if attributes.get("resolved_at"):
        title = _by("Incident resolved", attributes.get("resolved_by"))
        items.append(_item(f"{incident_id}-resolved", "generic_card", attributes["resolved_at"], title, None))
    for comment in fake.collection(COMMENTS, (incident_id,)).values():
        content = {"text": comment["attributes"].get("content"), "user": None}
        items.append(_item(comment["id"], "comment", comment["attributes"].get("created_at") or "", None, content))
    # Oldest last; a stable sort keeps same-moment items in the order they happened.
    items.reverse()
    items.sort(key=lambda item: str(item["attributes"]["at"]), reverse=True)
    return FakeResponse.json(200, {"data": items})


# Comments: plain CRUD, but only under an incident that exists.


def _comments(fake: FakeUptime, request: Request) -> dict[str, Record] | None:
    if _incident(fake, request) is None:
        return None
    return fake.collection(COMMENTS, (request.path_params["incident_id"],))


@handles("list_incident_comments")
def list_incident_comments(fake: FakeUptime, request: Request) -> FakeResponse:
    """The incident's comments, oldest first, a page at a time."""
    comments = _comments(fake, request)
    if comments is None:
        return FakeResponse.error(404, NOT_FOUND)
    return fake.page(request, list(comments.values()))


@handles("create_incident_comment")
def create_incident_comment(fake: FakeUptime, request: Request) -> FakeResponse:
    """A new comment, its id repeated as a number in the attributes as the API does."""
    comments = _comments(fake, request)
    if comments is None:
        return FakeResponse.error(404, NOT_FOUND)
    comment_id = fake.new_id()
    content = (request.body or {}).get("content")
    record = fake.add(COMMENTS, {"id": int(comment_id), "content": content}, parents=request.parents, id=comment_id)
    return FakeResponse.json(201, {"data": record})


@handles("get_incident_comment", "update_incident_comment", "delete_incident_comment")
def incident_comment(fake: FakeUptime, request: Request) -> FakeResponse:
    """Read, change or delete one comment of an existing incident."""
    comments = _comments(fake, request)
    record = None if comments is None else comments.get(request.path_params["comment_id"])
    if comments is None or record is None:
        return FakeResponse.error(404, NOT_FOUND)
    if request.method == "DELETE":
        del comments[record["id"]]
        return FakeResponse(204)
    if request.method == "PATCH" and "content" in (request.body or {}):
        record["attributes"].update(content=request.body["content"], updated_at=fake.now())
    return FakeResponse.json(200, {"data": record})
