"""Monitors, heartbeats and their groups: pausing, request headers, availability, group membership.

A monitor or heartbeat starts `pending`; `paused: true` sets `paused_at` and status `paused`,
`paused: false` clears it (a monitor is then `up`, a heartbeat `pending` until its next ping).
The SLA and heartbeat availability are computed from the incidents the fake holds. A group's
`paused` pauses or resumes every member, and deleting a group leaves its members ungrouped.
"""

from __future__ import annotations

import datetime
import hashlib
import random
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from typing import Any

from .._spec import resolve, spec
from ._fake import (
    NOT_FOUND,
    FakeResponse,
    FakeUptime,
    Record,
    Request,
    _attribute_names,
    _properties,
    handles,
    timestamp,
)
from ._routes import Route

INCIDENTS = "/api/v3/incidents"
# Truthy spellings of `_destroy`, as Rails nested attributes read them.
_DESTROY = {True, "true", "1"}
_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


@dataclass(frozen=True)
class _Kind:
    """What differs between monitors and heartbeats."""

    collection: str
    groups: str
    group_key: str
    resumed_status: str
    availability_type: str
    incident_key: str
    relationship: str


MONITORS = _Kind(
    collection="/api/v2/monitors",
    groups="/api/v2/monitor-groups",
    group_key="monitor_group_id",
    resumed_status="up",
    availability_type="monitor_sla",
    incident_key="monitor_id",
    relationship="monitor",
)
HEARTBEATS = _Kind(
    collection="/api/v2/heartbeats",
    groups="/api/v2/heartbeat-groups",
    group_key="heartbeat_group_id",
    # A resumed heartbeat has had no ping yet, so the API cannot call it up.
    resumed_status="pending",
    availability_type="heartbeat_availability",
    incident_key="heartbeat_id",
    relationship="heartbeat",
)
_BY_GROUPS = {kind.groups: kind for kind in (MONITORS, HEARTBEATS)}


@cache
def _writable(route: Route, keep_paused: bool) -> frozenset[str]:
    """Body fields of `route` that are also attributes of its resource, so stored and returned.

    `paused` of a monitor or heartbeat is a switch: its state shows as `paused_at` and `status`.
    """
    if route.body_schema is None:
        return frozenset()
    names = _properties(resolve(route.body_schema)) & _attribute_names(route.collection)
    return frozenset(names if keep_paused else names - {"paused"})


def _enum(schema_name: str) -> list[str]:
    found: list[str] = spec()["components"]["schemas"][schema_name]["enum"]
    return found


# Pausing ------------------------------------------------------------------------------------------


def _set_paused(fake: FakeUptime, record: Record, kind: _Kind, paused: bool) -> None:
    attributes = record["attributes"]
    if paused:
        # Pausing a paused member keeps when it was first paused, as the dashboard shows it.
        if attributes.get("paused_at") is None:
            attributes["paused_at"] = fake.now()
        attributes["status"] = "paused"
    elif attributes.get("paused_at") is not None or attributes.get("status") == "paused":
        attributes["paused_at"] = None
        attributes["status"] = kind.resumed_status


def _touch(fake: FakeUptime, record: Record) -> None:
    if "updated_at" in record["attributes"]:
        record["attributes"]["updated_at"] = fake.now()


# Request headers ----------------------------------------------------------------------------------


def _merge_headers(
    fake: FakeUptime, current: Iterable[Mapping[str, Any]], items: Iterable[Mapping[str, Any]]
) -> list[dict[str, Any]] | str:
    """The headers after applying `items` the Rails nested-attributes way, or what is wrong.

    An item with an `id` changes (or with `_destroy` deletes) that header, one without an id adds a
    header with a new id; headers the items do not name stay.
    """
    headers = {str(header.get("id")): dict(header) for header in current}
    for item in items:
        destroy = item.get("_destroy") in _DESTROY
        if "id" not in item or item["id"] is None:
            if not destroy:
                header_id = fake.new_id()
                headers[header_id] = {"id": header_id, "name": item.get("name"), "value": item.get("value")}
            continue
        header_id = str(item["id"])
        if header_id not in headers:
            return f"has no header with id {header_id}"
        if destroy:
            del headers[header_id]
        else:
            headers[header_id].update({key: item[key] for key in ("name", "value") if key in item})
    return list(headers.values())


# Monitors and heartbeats --------------------------------------------------------------------------


def _create(fake: FakeUptime, request: Request, kind: _Kind) -> FakeResponse:
    body: dict[str, Any] = request.body or {}
    fields = _writable(request.route, False)
    attributes = {key: value for key, value in body.items() if key in fields}
    if "request_headers" in attributes:
        headers = _merge_headers(fake, [], attributes["request_headers"] or [])
        assert not isinstance(headers, str)  # new headers name no ids, so nothing can be missing
        attributes["request_headers"] = headers
    record = fake.add(kind.collection, attributes)
    record["attributes"].update(status="pending", paused_at=None)
    if kind is HEARTBEATS:
        # A stable secret per heartbeat, so seeded and created heartbeats ping the same way.
        token = hashlib.sha256(f"heartbeat:{record['id']}".encode()).hexdigest()[:24]
        record["attributes"]["url"] = f"{fake.base_url}/api/v1/heartbeat/{token}"
    if body.get("paused") is True:
        _set_paused(fake, record, kind, True)
    return FakeResponse.json(request.route.success, {"data": record})


def _update(fake: FakeUptime, request: Request, kind: _Kind) -> FakeResponse:
    record = fake.find(kind.collection, request.item_id)
    if record is None:
        return FakeResponse.error(404, NOT_FOUND)
    body: dict[str, Any] = request.body or {}
    fields = _writable(request.route, False)
    changes = {key: value for key, value in body.items() if key in fields}
    if "request_headers" in changes:
        # Worked out before anything changes, so a bad header id leaves the record as it was.
        current = record["attributes"].get("request_headers") or []
        headers = _merge_headers(fake, current, changes["request_headers"] or [])
        if isinstance(headers, str):
            return FakeResponse.error(422, {"request_headers": [headers]})
        changes["request_headers"] = headers
    record["attributes"].update(changes)
    if isinstance(body.get("paused"), bool):
        _set_paused(fake, record, kind, body["paused"])
    _touch(fake, record)
    return FakeResponse.json(200, {"data": record})


@handles("create_monitor")
def create_monitor(fake: FakeUptime, request: Request) -> FakeResponse:
    """Create a `pending` monitor (`paused` when asked), giving its request headers ids."""
    return _create(fake, request, MONITORS)


@handles("create_heartbeat")
def create_heartbeat(fake: FakeUptime, request: Request) -> FakeResponse:
    """Create a `pending` heartbeat (`paused` when asked) with its ping URL."""
    return _create(fake, request, HEARTBEATS)


@handles("update_monitor")
def update_monitor(fake: FakeUptime, request: Request) -> FakeResponse:
    """Merge the fields sent; `paused` pauses or resumes, `request_headers` items add, change or delete."""
    return _update(fake, request, MONITORS)


@handles("update_heartbeat")
def update_heartbeat(fake: FakeUptime, request: Request) -> FakeResponse:
    """Merge the fields sent; `paused` pauses or resumes."""
    return _update(fake, request, HEARTBEATS)


# Availability -------------------------------------------------------------------------------------


def _parse_time(value: Any) -> datetime.datetime | None:
    if not isinstance(value, str) or not value:
        return None
    try:
        moment = datetime.datetime.fromisoformat(value)
    except ValueError:
        return None
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=datetime.UTC)


def _day_start(day: datetime.date) -> datetime.datetime:
    return datetime.datetime(day.year, day.month, day.day, tzinfo=datetime.UTC)


def _range(
    query: Mapping[str, str], created_at: datetime.datetime | None, now: datetime.datetime
) -> tuple[datetime.datetime, datetime.datetime] | str:
    """The measured span for `from`..`to` (whole days, inclusive), or the 400 message."""
    days: dict[str, datetime.date] = {}
    for name in ("from", "to"):
        text = query.get(name)
        if text is None:
            continue
        try:
            if not _DAY.match(text):
                raise ValueError(text)
            days[name] = datetime.date.fromisoformat(text)
        except ValueError:
            return f"Invalid date range: {name} must be a date as YYYY-MM-DD, got {text!r}."
    if "from" in days and "to" in days and days["from"] > days["to"]:
        return "Invalid date range: from must be before to."
    if "from" in days and days["from"] > now.date():
        return "Invalid date range: from must not be in the future."
    start = _day_start(days["from"]) if "from" in days else created_at or now
    end = min(_day_start(days["to"]) + datetime.timedelta(days=1), now) if "to" in days else now
    return start, max(start, end)


def _incidents_of(fake: FakeUptime, kind: _Kind, record_id: str) -> list[Record]:
    """The incidents naming the record by attribute (`monitor_id`) or relationship (`monitor`)."""
    found = []
    for incident in fake.collection(INCIDENTS).values():
        linked = (incident.get("attributes") or {}).get(kind.incident_key)
        if linked is None:
            relationship = (incident.get("relationships") or {}).get(kind.relationship) or {}
            linked = (relationship.get("data") or {}).get("id")
        if linked is not None and str(linked) == record_id:
            found.append(incident)
    return found


def _summary(
    incidents: Iterable[Record], start: datetime.datetime, end: datetime.datetime, now: datetime.datetime
) -> dict[str, Any]:
    """Availability figures of the incidents' downtime inside `start`..`end`."""
    spans: list[tuple[datetime.datetime, datetime.datetime]] = []
    for incident in incidents:
        attributes = incident.get("attributes") or {}
        started = _parse_time(attributes.get("started_at"))
        if started is None:
            continue
        # An incident still open is down until now.
        ended = _parse_time(attributes.get("resolved_at")) or now
        if started < end and ended > start:
            spans.append((max(started, start), min(ended, end)))
    durations = [round((until - since).total_seconds()) for since, until in spans]
    # Overlapping incidents are one outage: downtime counts each second once.
    downtime = 0.0
    covered_until = start
    for since, until in sorted(spans):
        since = max(since, covered_until)
        if until > since:
            downtime += (until - since).total_seconds()
            covered_until = until
    window = (end - start).total_seconds()
    availability = 100.0 if window <= 0 else round(100 * (window - downtime) / window, 2)
    return {
        "availability": availability,
        "total_downtime": round(downtime),
        "number_of_incidents": len(durations),
        "longest_incident": max(durations, default=0),
        "average_incident": round(sum(durations) / len(durations)) if durations else 0,
    }


def _availability(fake: FakeUptime, request: Request, kind: _Kind, path_name: str) -> FakeResponse:
    record_id = request.path_params[path_name]
    record = fake.find(kind.collection, record_id)
    if record is None:
        return FakeResponse.error(404, NOT_FOUND)
    now = fake.clock()
    span = _range(request.query, _parse_time(record["attributes"].get("created_at")), now)
    if isinstance(span, str):
        return FakeResponse.error(400, span)
    attributes = _summary(_incidents_of(fake, kind, record_id), *span, now)
    if kind is MONITORS:
        # The older name of total_downtime; the API documents only the new one.
        attributes["downtime_duration"] = None
    return FakeResponse.json(200, {"data": {"id": record_id, "type": kind.availability_type, "attributes": attributes}})


@handles("get_monitor_sla")
def get_monitor_sla(fake: FakeUptime, request: Request) -> FakeResponse:
    """The monitor's availability over `from`..`to` (default: since created), from its incidents."""
    return _availability(fake, request, MONITORS, "monitor_id")


@handles("get_heartbeat_availability")
def get_heartbeat_availability(fake: FakeUptime, request: Request) -> FakeResponse:
    """The heartbeat's availability over `from`..`to` (default: since created), from its incidents."""
    return _availability(fake, request, HEARTBEATS, "heartbeat_id")


# Response times -----------------------------------------------------------------------------------


def _samples(monitor_id: str, region: str, hour: datetime.datetime) -> list[dict[str, Any]]:
    """One made-up check an hour over the 24 hours before `hour`, the same on every call."""
    rng = random.Random(f"{monitor_id}:{region}")
    samples = []
    for back in range(24, 0, -1):
        timings = {
            "name_lookup_time": round(rng.uniform(0.001, 0.02), 5),
            "connection_time": round(rng.uniform(0.01, 0.06), 5),
            "tls_handshake_time": round(rng.uniform(0.02, 0.09), 5),
            "data_transfer_time": round(rng.uniform(0.05, 0.4), 5),
        }
        at = hour - datetime.timedelta(hours=back - 1)
        samples.append({"at": timestamp(at), "response_time": round(sum(timings.values()), 5), **timings})
    return samples


@handles("get_monitor_response_times")
def get_monitor_response_times(fake: FakeUptime, request: Request) -> FakeResponse:
    """Hourly response times of the last 24 hours for each region the monitor checks from."""
    monitor_id = request.path_params["monitor_id"]
    record = fake.find(MONITORS.collection, monitor_id)
    if record is None:
        return FakeResponse.error(404, NOT_FOUND)
    regions = record["attributes"].get("regions") or _enum("MonitorRegion")
    # Whole hours, so a fixed clock gives the same answer on every call.
    hour = fake.clock().astimezone(datetime.UTC).replace(minute=0, second=0, microsecond=0)
    found = [{"region": region, "response_times": _samples(monitor_id, str(region), hour)} for region in regions]
    resource = {"id": monitor_id, "type": "monitor_response_times", "attributes": {"regions": found}}
    return FakeResponse.json(200, {"data": resource})


# Groups -------------------------------------------------------------------------------------------


def _members(fake: FakeUptime, kind: _Kind, group_id: str) -> list[Record]:
    members = []
    for record in fake.collection(kind.collection).values():
        # Foreign keys arrive as integers or numeric strings, so they are compared as strings.
        linked = record["attributes"].get(kind.group_key)
        if linked is not None and str(linked) == group_id:
            members.append(record)
    return members


def _list_members(fake: FakeUptime, request: Request, kind: _Kind, path_name: str) -> FakeResponse:
    group_id = request.path_params[path_name]
    if fake.find(kind.groups, group_id) is None:
        return FakeResponse.error(404, NOT_FOUND)
    return fake.page(request, _members(fake, kind, group_id))


@handles("list_monitor_group_monitors")
def list_monitor_group_monitors(fake: FakeUptime, request: Request) -> FakeResponse:
    """The monitors whose `monitor_group_id` is the group's, a page at a time."""
    return _list_members(fake, request, MONITORS, "monitor_group_id")


@handles("list_heartbeat_group_heartbeats")
def list_heartbeat_group_heartbeats(fake: FakeUptime, request: Request) -> FakeResponse:
    """The heartbeats whose `heartbeat_group_id` is the group's, a page at a time."""
    return _list_members(fake, request, HEARTBEATS, "heartbeat_group_id")


@handles("create_monitor_group", "create_heartbeat_group")
def create_group(fake: FakeUptime, request: Request) -> FakeResponse:
    """Create a group; it is running (`paused: false`) unless created paused."""
    body: dict[str, Any] = request.body or {}
    fields = _writable(request.route, True)
    record = fake.add(request.route.collection, {key: value for key, value in body.items() if key in fields})
    record["attributes"]["paused"] = body.get("paused") is True
    return FakeResponse.json(request.route.success, {"data": record})


@handles("update_monitor_group", "update_heartbeat_group")
def update_group(fake: FakeUptime, request: Request) -> FakeResponse:
    """Merge the fields sent; `paused` also pauses or resumes every member of the group."""
    kind = _BY_GROUPS[request.route.collection]
    record = fake.find(kind.groups, request.item_id)
    if record is None:
        return FakeResponse.error(404, NOT_FOUND)
    body: dict[str, Any] = request.body or {}
    fields = _writable(request.route, True)
    record["attributes"].update({key: value for key, value in body.items() if key in fields})
    if isinstance(body.get("paused"), bool):
        for member in _members(fake, kind, request.item_id):
            _set_paused(fake, member, kind, body["paused"])
            _touch(fake, member)
    _touch(fake, record)
    return FakeResponse.json(200, {"data": record})


@handles("delete_monitor_group", "delete_heartbeat_group")
def delete_group(fake: FakeUptime, request: Request) -> FakeResponse:
    """Delete a group; its members stay, with no group."""
    kind = _BY_GROUPS[request.route.collection]
    groups = fake.collection(kind.groups)
    if request.item_id not in groups:
        return FakeResponse.error(404, NOT_FOUND)
    for member in _members(fake, kind, request.item_id):
        member["attributes"][kind.group_key] = None
        _touch(fake, member)
    del groups[request.item_id]
    return FakeResponse(204)
