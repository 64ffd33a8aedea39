"""On-call calendars with who is on call, their events and their rotations.

Calendars are records of `/api/v2/on-calls`; `default` as a calendar id names the default
calendar, which is created the first time it is asked for. Events and rotations are plain JSON on
the wire, so they live in `fake.extra` (seed them there too):

- `"users"`: the account's users, `[{"id", "first_name", "last_name", "email", "phone_numbers"}]`.
  A user named by e-mail and not listed is taken from the team members, else made up (and added).
- `"on_call_events"`: `{calendar_id: [{"id", "starts_at", "ends_at", "users": [emails], "override"}]}`;
  an event seeded without `override` is a regular one (`false`).
- `"on_call_rotations"`: `{calendar_id: {"users", "rotation_length", "rotation_interval",
  "start_rotations_at", "end_rotations_at", "timezone", "working_hours"}}`. A rotation is
  answered with `effective_timezone` (its `timezone`, else `UTC`) and its working hours as
  `HH:MM`, Sunday first; seeded without them, `timezone` is null and `working_hours` empty.

Who is on call in a calendar is whoever its events name at that moment (now, or the `date` of a
get). A seeded calendar whose events cover no moment yet keeps the users of its seeded
`relationships.on_call_users`.
"""

from __future__ import annotations

import datetime
import json
from typing import Any

from ._fake import NOT_FOUND, FakeResponse, FakeUptime, Record, Request, _matches, handles, timestamp

CALENDARS = "/api/v2/on-calls"
TEAM_MEMBERS = "/api/v2/team-members"
INTERVALS = {
    "hour": datetime.timedelta(hours=1),
    "day": datetime.timedelta(days=1),
    "week": datetime.timedelta(weeks=1),
}
# A rotation writes one event per shift; this bounds what one request can make the fake hold.
MAX_SHIFTS = 10_000
# The API answers working hours in this order of days, then by start time.
DAYS = ("sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday")


def parse_time(value: Any) -> datetime.datetime | None:
    """An ISO 8601 timestamp as an aware datetime (UTC when it names no zone), or None."""
    if not isinstance(value, str):
        return None
    try:
        moment = datetime.datetime.fromisoformat(value)
    except ValueError:
        return None
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=datetime.UTC)


def _today(fake: FakeUptime) -> datetime.datetime:
    """Today 00:00 UTC by the fake's clock: events may not start, or have ended, before it."""
    now = fake.clock().astimezone(datetime.UTC)
    return now.replace(hour=0, minute=0, second=0, microsecond=0)


# Users -----------------------------------------------------------------------------------------


def user_for(fake: FakeUptime, email: str) -> dict[str, Any]:
    """The user with this e-mail: from `extra["users"]`, else from the team members, else a new one."""
    users: list[dict[str, Any]] = fake.extra.setdefault("users", [])
    for user in users:
        if str(user.get("email", "")).lower() == email.lower():
            return user
    member = next(
        (
            record
            for record in fake.collection(TEAM_MEMBERS).values()
            if record["type"] == "team_member" and str(record["attributes"].get("email", "")).lower() == email.lower()
        ),
        None,
    )
    attributes = member["attributes"] if member is not None else {}
    user = {
        # Remembered, so that the same person keeps one id across responses.
        "id": member["id"] if member is not None else fake.new_id(),
        "first_name": attributes.get("first_name"),
        "last_name": attributes.get("last_name"),
        "email": email,
        "phone_numbers": [],
    }
    users.append(user)
    return user


def _included_user(user: dict[str, Any]) -> Record:
    attributes = {name: user.get(name) for name in ("first_name", "last_name", "email", "phone_numbers")}
    return {"id": str(user["id"]), "type": "user", "attributes": attributes}


# Calendars -------------------------------------------------------------------------------------


def _events(fake: FakeUptime, calendar_id: str) -> list[dict[str, Any]]:
    events: dict[str, list[dict[str, Any]]] = fake.extra.setdefault("on_call_events", {})
    found = events.setdefault(calendar_id, [])
    for event in found:
        # The API always sends `override`; a seeded event without it is a regular one.
        event.setdefault("override", False)
    return found


def _on_call_emails(fake: FakeUptime, record: Record, moment: datetime.datetime) -> list[str]:
    emails: list[str] = []
    events = _events(fake, record["id"])
    for event in events:
        starts, ends = parse_time(event.get("starts_at")), parse_time(event.get("ends_at"))
        if starts is not None and ends is not None and starts <= moment < ends:
            emails += [email for email in event.get("users") or [] if email not in emails]
    if emails or events:
        return emails
    seeded = ((record.get("relationships") or {}).get("on_call_users") or {}).get("data") or []
    known = {str(user.get("id")): user for user in fake.extra.get("users", [])}
    for identifier in seeded:
        email = (identifier.get("meta") or {}).get("email") or known.get(str(identifier.get("id")), {}).get("email")
        if email:
            emails.append(str(email))
    return emails


def _documents(fake: FakeUptime, records: list[Record], moment: datetime.datetime) -> tuple[list[Record], list[Record]]:
    """Calendars with `relationships.on_call_users`, and the users they name for `included`."""
    calendars: list[Record] = []
    included: dict[str, Record] = {}
    for record in records:
        identifiers = []
        for email in _on_call_emails(fake, record, moment):
            user = user_for(fake, email)
            identifiers.append({"id": str(user["id"]), "type": "user", "meta": {"email": user["email"]}})
            included.setdefault(str(user["id"]), _included_user(user))
        calendars.append({**record, "relationships": {"on_call_users": {"data": identifiers}}})
    return calendars, list(included.values())


def default_calendar(fake: FakeUptime) -> Record:
    """The team's default calendar, created on first need."""
    for record in fake.collection(CALENDARS).values():
        if record["attributes"].get("default_calendar"):
            return record
    return fake.add(CALENDARS, {"name": None, "default_calendar": True})


def _calendar(fake: FakeUptime, request: Request) -> Record | None:
    calendar_id = request.path_params["calendar_id"]
    return default_calendar(fake) if calendar_id == "default" else fake.find(CALENDARS, calendar_id)


def _one(fake: FakeUptime, record: Record, status: int = 200, moment: datetime.datetime | None = None) -> FakeResponse:
    calendars, included = _documents(fake, [record], moment or fake.clock())
    return FakeResponse.json(status, {"data": calendars[0], "included": included})


@handles("list_on_call_calendars")
def list_on_call_calendars(fake: FakeUptime, request: Request) -> FakeResponse:
    """A page of calendars, each with who is on call now, and those users in `included`."""
    records = [record for record in fake.collection(CALENDARS).values() if _matches(record, request.query)]
    calendars, included = _documents(fake, records, fake.clock())
    response = fake.page(request, calendars)
    if response.status != 200:
        return response
    payload = json.loads(response.body)
    named = {user["id"] for calendar in payload["data"] for user in calendar["relationships"]["on_call_users"]["data"]}
    payload["included"] = [user for user in included if user["id"] in named]
    return FakeResponse.json(200, payload)


@handles("create_on_call_calendar")
def create_on_call_calendar(fake: FakeUptime, request: Request) -> FakeResponse:
    """A new, empty calendar (never the default one)."""
    body: dict[str, Any] = request.body or {}
    record = fake.add(
        CALENDARS, {"name": body.get("name"), "team_name": body.get("team_name"), "default_calendar": False}
    )
    return _one(fake, record, 201)


@handles("get_on_call_calendar", "update_on_call_calendar", "delete_on_call_calendar")
def on_call_calendar(fake: FakeUptime, request: Request) -> FakeResponse:
    """Read (who is on call now or at `date`), rename or delete one calendar."""
    record = _calendar(fake, request)
    if record is None:
        return FakeResponse.error(404, NOT_FOUND)
    if request.method == "DELETE":
        del fake.collection(CALENDARS)[record["id"]]
        for name in ("on_call_events", "on_call_rotations"):
            fake.extra.get(name, {}).pop(record["id"], None)
        return FakeResponse(204)
    if request.method == "PATCH" and "name" in (request.body or {}):
        record["attributes"]["name"] = request.body["name"]
    # `date` is documented by name only; a day or a timestamp is taken, anything else means now.
    moment = parse_time(request.query.get("date")) if request.method == "GET" else None
    return _one(fake, record, moment=moment)


# Events ----------------------------------------------------------------------------------------


def _times(fake: FakeUptime, values: dict[str, Any]) -> dict[str, list[str]]:
    """What is wrong with an event's `starts_at` and `ends_at`, in the 422 field map."""
    errors: dict[str, list[str]] = {}
    starts, ends = parse_time(values.get("starts_at")), parse_time(values.get("ends_at"))
    for name, moment in (("starts_at", starts), ("ends_at", ends)):
        if moment is None:
            errors[name] = ["is not a valid date-time"]
    if starts is not None and starts < _today(fake):
        errors["starts_at"] = ["must be today 00:00 UTC or later"]
    if starts is not None and ends is not None and ends <= starts:
        errors.setdefault("ends_at", []).append("must be after starts_at")
    return errors


def _event(fake: FakeUptime, request: Request) -> tuple[Record | None, dict[str, Any] | None]:
    record = _calendar(fake, request)
    if record is None:
        return None, None
    event_id = request.path_params["event_id"]
    found = next((event for event in _events(fake, record["id"]) if str(event.get("id")) == event_id), None)
    return record, found


@handles("list_on_call_events")
def list_on_call_events(fake: FakeUptime, request: Request) -> FakeResponse:
    """Every event of the calendar, by start, as `{"events": [...]}` (not paginated)."""
    record = _calendar(fake, request)
    if record is None:
        return FakeResponse.error(404, NOT_FOUND)
    events = sorted(_events(fake, record["id"]), key=lambda event: str(event.get("starts_at")))
    return FakeResponse.json(200, {"events": events})


@handles("create_on_call_event")
def create_on_call_event(fake: FakeUptime, request: Request) -> FakeResponse:
    """An event (an override when `override` is true), answered as a flat event."""
    record = _calendar(fake, request)
    if record is None:
        return FakeResponse.error(404, NOT_FOUND)
    body: dict[str, Any] = request.body or {}
    errors = _times(fake, body)
    if errors:
        return FakeResponse.error(422, errors)
    event = {
        "id": int(fake.new_id()),
        "users": list(body["users"]),
        "starts_at": _api_time(body["starts_at"]),
        "ends_at": _api_time(body["ends_at"]),
        # The docs' create example sends no `override` and is answered `false`.
        "override": bool(body.get("override", False)),
    }
    _events(fake, record["id"]).append(event)
    return FakeResponse.json(201, event)


def _api_time(value: str) -> str:
    moment = parse_time(value)
    assert moment is not None  # checked by `_times` before
    return timestamp(moment)


@handles("get_on_call_event", "update_on_call_event", "delete_on_call_event")
def on_call_event(fake: FakeUptime, request: Request) -> FakeResponse:
    """Read, change (not once it has ended before today) or delete one event."""
    record, event = _event(fake, request)
    if record is None or event is None:
        return FakeResponse.error(404, NOT_FOUND)
    if request.method == "DELETE":
        _events(fake, record["id"]).remove(event)
        return FakeResponse(204)
    if request.method == "PATCH":
        body: dict[str, Any] = request.body or {}
        ended = parse_time(event.get("ends_at"))
        if ended is not None and ended < _today(fake):
            return FakeResponse.error(422, {"ends_at": ["the event has ended and cannot be changed"]})
        changed: dict[str, Any] = {**event, **{name: body[name] for name in ("starts_at", "ends_at") if name in body}}
        errors: dict[str, list[str]] = _times(fake, changed) if "starts_at" in body or "ends_at" in body else {}
        if "starts_at" not in body:
            errors.pop("starts_at", None)  # an event that began before today may still be moved to end later
        if errors:
            return FakeResponse.error(422, errors)
        for name in ("starts_at", "ends_at"):
            if name in body:
                event[name] = _api_time(body[name])
        if "users" in body:
            event["users"] = list(body["users"])
    return FakeResponse.json(200, event)


# Rotations -------------------------------------------------------------------------------------


@handles("create_on_call_rotation")
def create_on_call_rotation(fake: FakeUptime, request: Request) -> FakeResponse:
    """Store the rotation and write its shifts as events, cycling through the users.

    Shifts ending before today 00:00 UTC are not written, and the calendar's non-override events
    overlapping the rotation's range are replaced.
    """
    record = _calendar(fake, request)
    if record is None:
        return FakeResponse.error(404, NOT_FOUND)
    body: dict[str, Any] = request.body or {}
    start, end = parse_time(body["start_rotations_at"]), parse_time(body["end_rotations_at"])
    errors: dict[str, list[str]] = {}
    for name, moment in (("start_rotations_at", start), ("end_rotations_at", end)):
        if moment is None:
            errors[name] = ["is not a valid date-time"]
    if start is not None and end is not None and end <= start:
        errors["end_rotations_at"] = ["must be after start_rotations_at"]
    # `rotation_period` is the field's older name, which the older Python package sends.
    unit = body.get("rotation_interval") or body.get("rotation_period")
    if unit is None:
        errors["rotation_interval"] = ["can't be blank"]
    if errors or start is None or end is None or unit is None:
        return FakeResponse.error(422, errors)
    shift = INTERVALS[unit] * int(body["rotation_length"])
    if (end - start) / shift > MAX_SHIFTS:
        return FakeResponse.error(422, {"end_rotations_at": [f"makes more than {MAX_SHIFTS} shifts"]})
    users = list(body["users"])
    events = _events(fake, record["id"])
    kept = [event for event in events if event.get("override") or not _overlaps(event, start, end)]
    today = _today(fake)
    moment, turn = start, 0
    while moment < end:
        ends = min(moment + shift, end)
        if ends > today:
            event_id = int(fake.new_id())
            kept.append(
                {
                    "id": event_id,
                    "users": [users[turn % len(users)]],
                    "starts_at": timestamp(moment),
                    "ends_at": timestamp(ends),
                    "override": False,
                }
            )
        moment, turn = ends, turn + 1
    events[:] = kept
    rotations: dict[str, dict[str, Any]] = fake.extra.setdefault("on_call_rotations", {})
    working_hours = _working_hours(body.get("working_hours") or [])
    # Not sent, the time zone is the rotation's own; a new one with working hours gets UTC.
    timezone = body.get("timezone", (rotations.get(record["id"]) or {}).get("timezone"))
    rotation = {
        "users": users,
        "rotation_length": int(body["rotation_length"]),
        "rotation_interval": unit,
        "start_rotations_at": timestamp(start),
        "end_rotations_at": timestamp(end),
        "timezone": "UTC" if timezone is None and working_hours else timezone,
        "working_hours": working_hours,
    }
    rotations[record["id"]] = rotation
    return FakeResponse.json(201, _rotation_answer(rotation))


def _working_hours(windows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Working-hours windows as the API answers them: times as `HH:MM`, Sunday first, then by start."""

    def clock(value: Any) -> str | None:
        return value[:5] if isinstance(value, str) else None  # "22:00:00" is answered "22:00"

    answered = [
        {
            "day": window.get("day"),
            "start_time": clock(window.get("start_time")),
            "end_time": clock(window.get("end_time")),
        }
        for window in windows
    ]
    order = {day: index for index, day in enumerate(DAYS)}
    return sorted(answered, key=lambda window: (order.get(window["day"], len(DAYS)), window["start_time"] or ""))


def _rotation_answer(rotation: dict[str, Any]) -> dict[str, Any]:
    """A stored rotation with its time zones and working hours as the API answers them."""
    timezone = rotation.get("timezone")
    return {
        **rotation,
        "timezone": timezone,
        "effective_timezone": timezone or "UTC",
        "working_hours": _working_hours(rotation.get("working_hours") or []),
    }


def _overlaps(event: dict[str, Any], start: datetime.datetime, end: datetime.datetime) -> bool:
    starts, ends = parse_time(event.get("starts_at")), parse_time(event.get("ends_at"))
    return starts is not None and ends is not None and starts < end and ends > start


@handles("get_on_call_rotation")
def get_on_call_rotation(fake: FakeUptime, request: Request) -> FakeResponse:
    """The calendar's rotation as stored; 404 when it has none."""
    record = _calendar(fake, request)
    rotation = None if record is None else fake.extra.get("on_call_rotations", {}).get(record["id"])
    if rotation is None:
        return FakeResponse.error(404, NOT_FOUND)
    return FakeResponse.json(200, _rotation_answer(rotation))
