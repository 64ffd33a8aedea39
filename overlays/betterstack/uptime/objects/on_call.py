"""On-call calendars (schedules), their events and their rotations."""

from __future__ import annotations

import datetime
import typing
from collections.abc import AsyncGenerator, AsyncIterator, Iterator, Mapping
from contextlib import aclosing
from typing import Any, Self, TypeVar, Unpack, cast, overload

from betterstack_sdk import operations as ops
from betterstack_sdk import shapes
from betterstack_sdk.fields import OnCallCalendarFields, OnCallEventFields
from betterstack_sdk.signatures import CreateOnCallCalendar, ListOnCallCalendars

from .._base import BaseAPIObject, Operations
from .._calls import Answer, Call
from .._client import PaginatedAPI
from .._errors import ResponseDecodeError, ValidationError
from .._flows import Flow, answer_of, arun, run
from .._kind import Kind, kind_of
from .._pagination import Page, awalk_pages, json_page, walk_pages
from .._values import copy_json, own_id

DateTimeLike = str | datetime.datetime

_ROTATION_INTERVALS = sorted(typing.get_args(shapes.OnCallRotationInterval))


def _timestamp(value: DateTimeLike) -> str:
    return value.isoformat() if isinstance(value, datetime.datetime) else value


def _plain_object(answer: Answer, what: str) -> dict[str, Any]:
    """The body of an answer that is a plain JSON object (events and rotations are not JSON:API).

    Raises:
        ResponseDecodeError: The body is not a JSON object.
    """
    if not isinstance(answer.body, dict):
        raise ResponseDecodeError.for_response(f"the body is not {what} (a JSON object)", answer.response)
    return answer.body


def _included_users(body: object) -> dict[str, dict[str, Any]]:
    """The `included` users of a calendar answer, by id, as attribute dicts."""
    included = body.get("included") if isinstance(body, dict) else None
    people: dict[str, dict[str, Any]] = {}
    for item in included if isinstance(included, list) else []:
        if isinstance(item, dict) and item.get("id") is not None:
            attributes = item.get("attributes")
            people[str(item["id"])] = attributes if isinstance(attributes, dict) else {}
    return people


class OnCallUser(shapes.OnCallCalendarUserIdentifier, shapes.OnCallCalendarUserAttributes):
    """A user on call now, as `OnCallCalendar.on_call_users` lists them.

    The identifier from the calendar's `on_call_users` relationship (`id`, `type`, `meta`)
    joined with the user's attributes from `included` (`first_name`, `last_name`, `email`,
    `phone_numbers`); `email` falls back to `meta.email`. Both halves are the spec's schemas.
    """


def _on_call_users(resource: Mapping[str, Any], people: Mapping[str, Mapping[str, Any]]) -> list[OnCallUser] | None:
    """`relationships.on_call_users` joined with the included users; None when not sent.

    Each user keeps the relationship's keys (`id`, `type`, `meta`) and gains the included
    attributes (`first_name`, `last_name`, `email`, `phone_numbers`). The join is on id alone:
    the docs name the included type both `user` and `on_call_user` (catalog C10).
    """
    relationships = resource.get("relationships")
    relationship = relationships.get("on_call_users") if isinstance(relationships, dict) else None
    if not isinstance(relationship, dict):
        return None
    identifiers = relationship.get("data")
    users: list[OnCallUser] = []
    for identifier in identifiers if isinstance(identifiers, list) else []:
        if not isinstance(identifier, dict):
            continue
        # Copied: the same included user appears in several calendars of a page, and the
        # identifiers belong to the answer.
        user = copy_json(identifier)
        for key, value in people.get(str(user.get("id")), {}).items():
            user.setdefault(key, copy_json(value))
        meta = user.get("meta")
        if user.get("email") is None and isinstance(meta, dict) and meta.get("email") is not None:
            user["email"] = meta["email"]
        # The two halves are the spec's schemas of the relationship and the included user.
        users.append(cast(OnCallUser, user))
    return users


def _users_in(answer: Answer, resource: Mapping[str, Any]) -> list[OnCallUser] | None:
    """The users on call named by a calendar of `answer`, joined with the answer's `included`."""
    return _on_call_users(resource, _included_users(answer.body))


_E = TypeVar("_E", bound="OnCallEvent")
_C = TypeVar("_C", bound="OnCallCalendar")


class _EventKind(Kind[_E]):
    # Events are plain objects on the wire, not JSON:API.

    def apply_item(self, obj: _E, item: Mapping[str, Any]) -> None:
        # An event is flat: its id sits beside its fields.
        values = dict(item)
        event_id = values.pop("id", None)
        if event_id is not None or "id" not in obj.__dict__:
            obj.__dict__["id"] = own_id(event_id)
        self.apply(obj, values)

    def take(self, obj: _E, result: object) -> None:
        answer = answer_of(result)
        if answer.body is None:
            obj.reset_variable_tracking()
        else:
            self.apply_item(obj, _plain_object(answer, "an on-call event"))

    def fetch_flow(self, obj: _E, **query: Any) -> Flow[Answer]:
        answer = answer_of((yield self.call(obj, ops.get_on_call_event, **query)))
        self.apply_item(obj, _plain_object(answer, "an on-call event"))
        return answer

    def list_call(self, query: Mapping[str, Any], **private: Any) -> Call:
        # The events list is not JSON:API (`{"events": [...]}`), so no class-level listing walks it.
        raise ValidationError("OnCallEvent has no collection of its own: use OnCallCalendar.fetch_events()")

    def create_flow(self, api: PaginatedAPI, fields: Mapping[str, Any], **private: Any) -> Flow[_E]:
        calendar_id = private.get("_calendar_id")
        if calendar_id is None:
            raise ValidationError("OnCallEvent.new() needs calendar_id (nothing was sent)")
        operation = ops.create_on_call_event
        body = self.checked_body(operation, {self.wire_names.get(name, name): value for name, value in fields.items()})
        answer = answer_of((yield Call(operation, {"calendar_id": str(calendar_id)}, {}, body)))
        return self.from_item(api, _plain_object(answer, "an on-call event"), **private)


class OnCallEvent(
    OnCallEventFields[PaginatedAPI],
    BaseAPIObject,
    kind=_EventKind,
    operations=Operations(
        list=ops.list_on_call_events,
        get=ops.get_on_call_event,
        create=ops.create_on_call_event,
        update=ops.update_on_call_event,
        delete=ops.delete_on_call_event,
    ),
    parent_arguments=("calendar_id",),
):
    """A time span in which given users are on call, in one calendar.

    Events are plain objects on the wire, not JSON:API. They have no collection of their own:
    list them with `OnCallCalendar.fetch_events()`, create them with `OnCallCalendar.add_event()`
    or `OnCallEvent.new(api, calendar_id=..., ...)`.
    """

    _calendar_id: str | None = None

    @classmethod
    def new(cls, api: PaginatedAPI, *, calendar_id: str | int, **fields: Unpack[shapes.OnCallEventCreate]) -> Self:
        """Create an event (an override) in a calendar.

        Args:
            api: The client.
            calendar_id: The calendar to add the event to.
            **fields: `starts_at`, `ends_at` (ISO 8601) and `users` (e-mail addresses).
        """
        return run(
            api, kind_of(cls).create_flow(api, kind_of(cls).new_fields(fields), _calendar_id=own_id(calendar_id))
        )

    @classmethod
    async def anew(
        cls, api: PaginatedAPI, *, calendar_id: str | int, **fields: Unpack[shapes.OnCallEventCreate]
    ) -> Self:
        """The async `new`."""
        return await arun(
            api, kind_of(cls).create_flow(api, kind_of(cls).new_fields(fields), _calendar_id=own_id(calendar_id))
        )


class _CalendarKind(Kind[_C]):
    def take(self, obj: _C, result: object) -> None:
        # A saved calendar's answer may name who is on call; when it does not, they stay.
        answer = answer_of(result)
        super().take(obj, answer)
        data = answer.resource()
        users = None if data is None else _users_in(answer, data)
        if users is not None:
            obj._on_call_users = users

    def fetch_flow(self, obj: _C, **query: Any) -> Flow[Answer]:
        # Who is on call comes along in the same answer (`included`).
        answer = yield from super().fetch_flow(obj, **query)
        data = answer.resource()
        obj._on_call_users = (None if data is None else _users_in(answer, data)) or []
        obj._events = None
        return answer

    def create_flow(self, api: PaginatedAPI, fields: Mapping[str, Any], **private: Any) -> Flow[_C]:
        operation = ops.create_on_call_calendar
        body = self.checked_body(operation, {self.wire_names.get(name, name): value for name, value in fields.items()})
        answer = answer_of((yield Call(operation, {}, {}, body)))
        data = answer.resource()
        if data is None:
            raise ValidationError(f"{operation.name} answered without the object it made")
        calendar = self.from_item(api, data, **private)
        calendar._on_call_users = _users_in(answer, data) or []
        return calendar

    def page(self, api: PaginatedAPI, answer: Answer) -> Page[_C]:
        """One page of calendars; `included` holds the users of the whole page, each calendar picks its own."""
        page = json_page(answer, resources=True)
        people = _included_users(answer.body)
        calendars = []
        for item in page.items:
            calendar = self.from_item(api, item)
            calendar._on_call_users = _on_call_users(item, people) or []
            calendars.append(calendar)
        return Page(calendars, page.links)

    # `_pagination.walk` keeps only each page's `data`; calendars also need its `included`.

    def objects(self, api: PaginatedAPI, call: Call, **private: Any) -> Iterator[_C]:
        pages: Iterator[Page[_C]] = walk_pages(
            lambda: self.page(api, api.exchange(call)),
            lambda url: self.page(api, api.exchange(Call(call.operation, url=url))),
            api.max_workers,
            api.transport.scope,
        )
        for page in pages:
            yield from page.items

    async def aobjects(self, api: PaginatedAPI, call: Call, **private: Any) -> AsyncIterator[_C]:
        async def first() -> Page[_C]:
            return self.page(api, await api.aexchange(call))

        async def follow(url: str) -> Page[_C]:
            return self.page(api, await api.aexchange(Call(call.operation, url=url)))

        pages: AsyncGenerator[Page[_C], None] = awalk_pages(first, follow, api.max_workers)
        async with aclosing(pages):
            async for page in pages:
                for calendar in page.items:
                    yield calendar


class OnCallCalendar(
    OnCallCalendarFields[PaginatedAPI],
    ListOnCallCalendars[PaginatedAPI],
    CreateOnCallCalendar[PaginatedAPI],
    BaseAPIObject,
    kind=_CalendarKind,
    operations=Operations(
        list=ops.list_on_call_calendars,
        get=ops.get_on_call_calendar,
        create=ops.create_on_call_calendar,
        update=ops.update_on_call_calendar,
        delete=ops.delete_on_call_calendar,
    ),
):
    """An on-call calendar (schedule): who is on call and when.

    `on_call_users` are the users on call now, taken from the calendar's `on_call_users`
    relationship joined with the response's `included` users; every load of the calendar
    (`get`, listing, `new`, `fetch_data`, `save`) refreshes them. Calendars found by
    `get_or_create` fetch them on first access.
    """

    _on_call_users: list[OnCallUser] | None = None
    _events: list[OnCallEvent] | None = None

    # On-call users ---------------------------------------------------------------------------

    @property
    def on_call_users(self) -> list[OnCallUser]:
        """The users on call now: `id`, `type`, `meta`, `email`, `first_name`, `last_name`, `phone_numbers`.

        Filled by every load of the calendar; a calendar built from an id alone fetches them on
        first access (`fetch_on_call_users()`, without touching its other attributes).
        A property fetches synchronously; async code calls `await calendar.afetch_on_call_users()`.
        """
        if self._on_call_users is None:
            self.fetch_on_call_users()
        assert self._on_call_users is not None
        return self._on_call_users

    def fetch_on_call_users(self) -> list[OnCallUser]:
        """Fetch who is on call now, cache and return them; the calendar's other attributes stay."""
        return run(self._api, _fetch_on_call_users_flow(self))

    async def afetch_on_call_users(self) -> list[OnCallUser]:
        """The async `fetch_on_call_users`."""
        return await arun(self._api, _fetch_on_call_users_flow(self))

    # Events ----------------------------------------------------------------------------------

    @property
    def events(self) -> list[OnCallEvent]:
        """The calendar's events, fetched on first access (`fetch_events()` refreshes).

        A property fetches synchronously; async code calls `await calendar.afetch_events()`.
        """
        if self._events is None:
            self.fetch_events()
        assert self._events is not None
        return self._events

    def fetch_events(self) -> list[OnCallEvent]:
        """Fetch every event of the calendar (the list is not paginated), cache and return them."""
        return run(self._api, _fetch_events_flow(self))

    async def afetch_events(self) -> list[OnCallEvent]:
        """The async `fetch_events`."""
        return await arun(self._api, _fetch_events_flow(self))

    def add_event(
        self, starts_at: DateTimeLike, ends_at: DateTimeLike, users: list[str], *, override: bool = True
    ) -> OnCallEvent:
        """Put users on call for a time span (an override event unless `override=False`).

        Args:
            starts_at: Start, ISO 8601 or a `datetime`; today 00:00 UTC or later.
            ends_at: End, ISO 8601 or a `datetime`.
            users: E-mail addresses of the users on call.
            override: Sent as is: the API makes a regular event when it is left out (the docs'
                example), so an override has to say so.

        Returns:
            The new event. Cached `events` are dropped, since the API may reshape others.
        """
        return run(self._api, _add_event_flow(self, starts_at, ends_at, users, override))

    async def aadd_event(
        self, starts_at: DateTimeLike, ends_at: DateTimeLike, users: list[str], *, override: bool = True
    ) -> OnCallEvent:
        """The async `add_event`."""
        return await arun(self._api, _add_event_flow(self, starts_at, ends_at, users, override))

    # Rotations -------------------------------------------------------------------------------

    # The spec's field is `rotation_interval`; `rotation_period`, the older package's name for it
    # (and the docs' parameter table's), is still taken as a keyword and sent as `rotation_interval`.

    @overload
    def create_rotation(
        self,
        users: list[str],
        rotation_length: int,
        rotation_interval: shapes.OnCallRotationInterval,
        start_rotations_at: DateTimeLike,
        end_rotations_at: DateTimeLike,
        *,
        team_name: str | None = None,
    ) -> shapes.OnCallRotation: ...
    @overload
    def create_rotation(
        self,
        users: list[str],
        rotation_length: int,
        *,
        rotation_period: shapes.OnCallRotationInterval,
        start_rotations_at: DateTimeLike,
        end_rotations_at: DateTimeLike,
        team_name: str | None = None,
    ) -> shapes.OnCallRotation: ...
    def create_rotation(
        self,
        users: list[str],
        rotation_length: int,
        rotation_interval: shapes.OnCallRotationInterval | None = None,
        start_rotations_at: DateTimeLike | None = None,
        end_rotations_at: DateTimeLike | None = None,
        *,
        rotation_period: shapes.OnCallRotationInterval | None = None,
        team_name: str | None = None,
    ) -> shapes.OnCallRotation:
        """Rotate users through the calendar: writes consecutive events up to the end.

        The unit goes out as `rotation_interval`, the field the API answers with and the
        Terraform provider sends (the docs' parameter table says `rotation_period`).

        Args:
            users: E-mail addresses of the users, in rotation order.
            rotation_length: Length of each shift, in `rotation_interval`s.
            rotation_interval: `hour`, `day` or `week`.
            start_rotations_at: Start, ISO 8601 or a `datetime`.
            end_rotations_at: End, ISO 8601 or a `datetime`.
            rotation_period: The older name of `rotation_interval`, as a keyword instead of it.
            team_name: The calendar's team; needed with a Global API token.

        Returns:
            The rotation as the API answers it (`rotation_interval`, `users`, ...). Cached
            `events` are dropped, since the rotation rewrites them.

        Raises:
            ValidationError: The unit is not `hour`, `day` or `week`, or `rotation_interval` and
                `rotation_period` disagree (no request is sent).
            TypeError: No unit, start or end was given.
        """
        flow = _create_rotation_flow(
            self,
            "create_rotation",
            users,
            rotation_length,
            rotation_interval,
            start_rotations_at,
            end_rotations_at,
            rotation_period,
            team_name,
        )
        return run(self._api, flow)

    @overload
    async def acreate_rotation(
        self,
        users: list[str],
        rotation_length: int,
        rotation_interval: shapes.OnCallRotationInterval,
        start_rotations_at: DateTimeLike,
        end_rotations_at: DateTimeLike,
        *,
        team_name: str | None = None,
    ) -> shapes.OnCallRotation: ...
    @overload
    async def acreate_rotation(
        self,
        users: list[str],
        rotation_length: int,
        *,
        rotation_period: shapes.OnCallRotationInterval,
        start_rotations_at: DateTimeLike,
        end_rotations_at: DateTimeLike,
        team_name: str | None = None,
    ) -> shapes.OnCallRotation: ...
    async def acreate_rotation(
        self,
        users: list[str],
        rotation_length: int,
        rotation_interval: shapes.OnCallRotationInterval | None = None,
        start_rotations_at: DateTimeLike | None = None,
        end_rotations_at: DateTimeLike | None = None,
        *,
        rotation_period: shapes.OnCallRotationInterval | None = None,
        team_name: str | None = None,
    ) -> shapes.OnCallRotation:
        """The async `create_rotation`."""
        flow = _create_rotation_flow(
            self,
            "acreate_rotation",
            users,
            rotation_length,
            rotation_interval,
            start_rotations_at,
            end_rotations_at,
            rotation_period,
            team_name,
        )
        return await arun(self._api, flow)

    def get_rotation(self) -> shapes.OnCallRotation:
        """The calendar's rotation settings (`rotation_length`, `rotation_interval`, `users`, ...).

        Raises:
            NotFoundError: The calendar has no rotation (or does not exist).
        """
        return run(self._api, _get_rotation_flow(self))

    async def aget_rotation(self) -> shapes.OnCallRotation:
        """The async `get_rotation`."""
        return await arun(self._api, _get_rotation_flow(self))


def _fetch_on_call_users_flow(calendar: OnCallCalendar) -> Flow[list[OnCallUser]]:
    answer = answer_of((yield kind_of(type(calendar)).call(calendar, ops.get_on_call_calendar)))
    data = answer.resource()
    calendar._on_call_users = (None if data is None else _users_in(answer, data)) or []
    return calendar._on_call_users


def _fetch_events_flow(calendar: OnCallCalendar) -> Flow[list[OnCallEvent]]:
    call = kind_of(type(calendar)).call(calendar, ops.list_on_call_events)
    answer = answer_of((yield call))
    # Not paginated: one answer holds every event of the calendar, as plain objects.
    items = _plain_object(answer, "a list of on-call events").get("events")
    if not isinstance(items, list) or not all(isinstance(item, dict) for item in items):
        raise ResponseDecodeError.for_response("the body's `events` is not a list of objects", answer.response)
    calendar_id = call.path["calendar_id"]
    calendar._events = [kind_of(OnCallEvent).from_item(calendar._api, item, _calendar_id=calendar_id) for item in items]
    return calendar._events


def _add_event_flow(
    calendar: OnCallCalendar, starts_at: DateTimeLike, ends_at: DateTimeLike, users: list[str], override: bool
) -> Flow[OnCallEvent]:
    calendar_id = kind_of(type(calendar)).id_arguments(calendar, ops.create_on_call_event)["calendar_id"]
    fields = {"starts_at": _timestamp(starts_at), "ends_at": _timestamp(ends_at), "users": users}
    event = yield from kind_of(OnCallEvent).create_flow(
        calendar._api, {**fields, "override": override}, _calendar_id=calendar_id
    )
    calendar._events = None
    return event


def _create_rotation_flow(
    calendar: OnCallCalendar,
    method: str,
    users: list[str],
    rotation_length: int,
    rotation_interval: shapes.OnCallRotationInterval | None,
    start_rotations_at: DateTimeLike | None,
    end_rotations_at: DateTimeLike | None,
    rotation_period: shapes.OnCallRotationInterval | None,
    team_name: str | None,
) -> Flow[shapes.OnCallRotation]:
    name = "rotation_interval"
    if rotation_period is not None:
        if rotation_interval is not None and rotation_interval != rotation_period:
            raise ValidationError(
                f"rotation_interval {rotation_interval!r} and rotation_period {rotation_period!r} disagree; "
                "pass rotation_interval alone (rotation_period is its older name)"
            )
        rotation_interval, name = rotation_period, "rotation_period"
    if rotation_interval is None or start_rotations_at is None or end_rotations_at is None:
        missing = [
            argument
            for argument, value in (
                ("rotation_interval", rotation_interval),
                ("start_rotations_at", start_rotations_at),
                ("end_rotations_at", end_rotations_at),
            )
            if value is None
        ]
        raise TypeError(f"{method}() missing {', '.join(map(repr, missing))}")
    if rotation_interval not in _ROTATION_INTERVALS:
        raise ValidationError(f"{name} {rotation_interval!r} is not one of: {', '.join(_ROTATION_INTERVALS)}")
    body: dict[str, Any] = {
        "users": list(users),
        "rotation_length": rotation_length,
        "rotation_interval": rotation_interval,
        "start_rotations_at": _timestamp(start_rotations_at),
        "end_rotations_at": _timestamp(end_rotations_at),
    }
    if team_name is not None:
        body["team_name"] = team_name
    answer = answer_of((yield kind_of(type(calendar)).call(calendar, ops.create_on_call_rotation, body)))
    calendar._events = None
    return cast(shapes.OnCallRotation, _plain_object(answer, "a rotation"))


def _get_rotation_flow(calendar: OnCallCalendar) -> Flow[shapes.OnCallRotation]:
    answer = answer_of((yield kind_of(type(calendar)).call(calendar, ops.get_on_call_rotation)))
    return cast(shapes.OnCallRotation, _plain_object(answer, "a rotation"))
