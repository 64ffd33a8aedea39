"""On-call calendars (schedules), their events and their rotations."""

from __future__ import annotations

import copy
import datetime
from collections.abc import Iterator, Mapping
from typing import Any, Self, Unpack, cast, overload

from betterstack_sdk import shapes
from betterstack_sdk.api.on_call_calendars import (
    create_on_call_calendar,
    delete_on_call_calendar,
    get_on_call_calendar,
    list_on_call_calendars,
    update_on_call_calendar,
)
from betterstack_sdk.api.on_call_events import (
    create_on_call_event,
    delete_on_call_event,
    get_on_call_event,
    list_on_call_events,
    update_on_call_event,
)
from betterstack_sdk.api.on_call_rotations import create_on_call_rotation, get_on_call_rotation
from betterstack_sdk.fields import OnCallCalendarFields, OnCallEventFields
from betterstack_sdk.models import OnCallRotationCreate, OnCallRotationInterval
from betterstack_sdk.models.on_call_calendar_relationships import OnCallCalendarRelationships
from betterstack_sdk.models.on_call_calendar_user import OnCallCalendarUser
from betterstack_sdk.models.on_call_calendar_user_attributes import OnCallCalendarUserAttributes
from betterstack_sdk.models.on_call_calendar_users_relationship import OnCallCalendarUsersRelationship
from betterstack_sdk.signatures import ListOnCallCalendars

from .._base import BaseAPIObject, Endpoints, _own_id
from .._client import PaginatedAPI
from .._errors import ValidationError
from .._pagination import Page, page_links, walk_pages
from .._validation import check_body

DateTimeLike = str | datetime.datetime


def _timestamp(value: DateTimeLike) -> str:
    return value.isoformat() if isinstance(value, datetime.datetime) else value


def _included_users(parsed: Any) -> dict[str, dict[str, Any]]:
    """The `included` users of a calendar response, by id, as attribute dicts."""
    included = parsed.included if isinstance(parsed.included, list) else []
    people: dict[str, dict[str, Any]] = {}
    for item in included:
        # The generated model falls back to plain dicts when an item does not parse.
        if isinstance(item, OnCallCalendarUser):
            attributes = item.attributes.to_dict() if isinstance(item.attributes, OnCallCalendarUserAttributes) else {}
            people[str(item.id)] = attributes
        elif isinstance(item, Mapping) and "id" in item:
            raw = item.get("attributes")
            people[str(item["id"])] = dict(raw) if isinstance(raw, Mapping) else {}
    return people


class OnCallUser(shapes.OnCallCalendarUserIdentifier, shapes.OnCallCalendarUserAttributes):
    """A user on call now, as `OnCallCalendar.on_call_users` lists them.

    The identifier from the calendar's `on_call_users` relationship (`id`, `type`, `meta`)
    joined with the user's attributes from `included` (`first_name`, `last_name`, `email`,
    `phone_numbers`); `email` falls back to `meta.email`. Both halves are the spec's schemas.
    """


def _on_call_users(resource: Any, people: Mapping[str, Mapping[str, Any]]) -> list[OnCallUser] | None:
    """`relationships.on_call_users` joined with the included users; None when not sent.

    Each user keeps the relationship's keys (`id`, `type`, `meta`) and gains the included
    attributes (`first_name`, `last_name`, `email`, `phone_numbers`). The join is on id alone:
    the docs name the included type both `user` and `on_call_user` (catalog C10).
    """
    relationships = resource.relationships
    if not isinstance(relationships, OnCallCalendarRelationships):
        return None
    relationship = relationships.on_call_users
    if not isinstance(relationship, OnCallCalendarUsersRelationship):
        return None
    users: list[OnCallUser] = []
    for identifier in relationship.data if isinstance(relationship.data, list) else []:
        # Like `included`, an identifier the model cannot parse stays a plain dict.
        user = dict(identifier) if isinstance(identifier, Mapping) else identifier.to_dict()
        for key, value in people.get(str(user.get("id")), {}).items():
            # Copied: the same included user appears in several calendars of a page.
            user.setdefault(key, copy.deepcopy(value))
        meta = user.get("meta")
        if user.get("email") is None and isinstance(meta, Mapping) and meta.get("email") is not None:
            user["email"] = meta["email"]
        # The two halves come from the generated models' to_dict(), made from the same schemas.
        users.append(cast(OnCallUser, user))
    return users


class OnCallEvent(OnCallEventFields[PaginatedAPI], BaseAPIObject):
    """A time span in which given users are on call, in one calendar.

    Events are plain objects on the wire, not JSON:API. They have no collection of their own:
    list them with `OnCallCalendar.fetch_events()`, create them with `OnCallCalendar.add_event()`
    or `OnCallEvent.new(api, calendar_id=..., ...)`.
    """

    _endpoints = Endpoints(
        list=list_on_call_events,
        get=get_on_call_event,
        create=create_on_call_event,
        update=update_on_call_event,
        delete=delete_on_call_event,
    )
    _parent_arguments = ("calendar_id",)

    def __init__(
        self,
        id: str,
        _api: PaginatedAPI,
        _extras: dict[str, Any] | None = None,
        _original_values: dict[str, Any] | None = None,
        _calendar_id: str | int | None = None,
        **fields: Any,
    ) -> None:
        super().__init__(id, _api, _extras, _original_values, **fields)
        self._calendar_id: str | None = None if _calendar_id is None else str(_calendar_id)

    def _apply_resource(self, resource: Any) -> None:
        self._apply_item(resource.to_dict())

    def _apply_item(self, item: Mapping[str, Any]) -> None:
        # An event is flat: its id sits beside its fields.
        values = dict(item)
        event_id = values.pop("id", None)
        if event_id is not None:
            self.__dict__["id"] = str(event_id)
        self._apply(values)

    @classmethod
    def _list(cls, api: PaginatedAPI, query: Mapping[str, Any], **private: Any) -> Iterator[Self]:
        calendar_id = private.get("_calendar_id")
        if calendar_id is None:
            raise ValidationError("OnCallEvent has no collection of its own: use OnCallCalendar.fetch_events()")
        endpoint = list_on_call_events
        arguments = cls._query_arguments(endpoint, query)

        def objects() -> Iterator[Self]:
            # Not paginated: one answer holds every event of the calendar.
            parsed = api.call(endpoint, calendar_id=str(calendar_id), **arguments)
            for event in parsed.events:
                yield cls._from_resource(api, event, _calendar_id=str(calendar_id))

        return objects()

    @classmethod
    def new(cls, api: PaginatedAPI, *, calendar_id: str | int, **fields: Unpack[shapes.OnCallEventCreate]) -> Self:
        """Create an event (an override) in a calendar.

        Args:
            api: The client.
            calendar_id: The calendar to add the event to.
            **fields: `starts_at`, `ends_at` (ISO 8601) and `users` (e-mail addresses).
        """
        endpoint = create_on_call_event
        parsed = api.call(endpoint, calendar_id=_own_id(calendar_id), body=cls._body(endpoint, fields))
        obj = cls(id="", _api=api, _original_values={}, _calendar_id=calendar_id)
        obj._apply_resource(parsed)
        return obj

    def fetch_data(self, **query: Any) -> None:
        """Reload this event from the API; local changes are discarded."""
        endpoint = self._endpoint("get")
        parsed = self._api.call(endpoint, **self._id_arguments(endpoint), **self._query_arguments(endpoint, query))
        self._apply_resource(parsed)

    def save(self) -> None:
        """PATCH the changed fields; no request when nothing changed (see `BaseAPIObject.save`)."""
        modified = self.get_modified_properties()
        if not modified:
            return
        values = self._values()
        endpoint = self._endpoint("update")
        body = self._body(endpoint, {type(self)._wire_names.get(name, name): values[name] for name in modified})
        parsed = self._api.call(endpoint, **self._id_arguments(endpoint), body=body)
        if parsed is not None:
            self._apply_resource(parsed)
        else:
            self.reset_variable_tracking()


class OnCallCalendar(OnCallCalendarFields[PaginatedAPI], ListOnCallCalendars[PaginatedAPI], BaseAPIObject):
    """An on-call calendar (schedule): who is on call and when.

    `on_call_users` are the users on call now, taken from the calendar's `on_call_users`
    relationship joined with the response's `included` users; every load of the calendar
    (`get`, listing, `new`, `fetch_data`, `save`) refreshes them.
    """

    _endpoints = Endpoints(
        list=list_on_call_calendars,
        get=get_on_call_calendar,
        create=create_on_call_calendar,
        update=update_on_call_calendar,
        delete=delete_on_call_calendar,
    )

    _on_call_users: list[OnCallUser] | None = None
    _events: list[OnCallEvent] | None = None

    # Loading --------------------------------------------------------------------------------

    def _apply_calendar(self, resource: Any, people: Mapping[str, Mapping[str, Any]]) -> None:
        """Take a calendar resource and, when it names them, the users on call in it."""
        self._apply_resource(resource)
        users = _on_call_users(resource, people)
        if users is not None:
            self._on_call_users = users

    @classmethod
    def _list(cls, api: PaginatedAPI, query: Mapping[str, Any], **private: Any) -> Iterator[Self]:
        endpoint = list_on_call_calendars
        arguments = cls._query_arguments(endpoint, query)

        def page(parsed: Any) -> Page[Self]:
            # `included` holds the users of the whole page; each calendar picks its own.
            people = _included_users(parsed)
            calendars = []
            for resource in parsed.data:
                calendar = cls(id=str(resource.id), _api=api, _original_values={})
                calendar._on_call_users = []
                calendar._apply_calendar(resource, people)
                calendars.append(calendar)
            return Page(calendars, page_links(parsed))

        def objects() -> Iterator[Self]:
            pages: Iterator[Page[Self]] = walk_pages(
                lambda: page(api.call(endpoint, **arguments)),
                lambda url: page(api.follow(endpoint, url)),
                api.max_workers,
                api.transport.scope,
            )
            for each in pages:
                yield from each.items

        return objects()

    @classmethod
    def new(cls, api: PaginatedAPI, **fields: Unpack[shapes.OnCallCalendarCreate]) -> Self:
        """Create a calendar."""
        endpoint = create_on_call_calendar
        parsed = api.call(endpoint, body=cls._body(endpoint, fields))
        obj = cls(id=str(parsed.data.id), _api=api, _original_values={})
        obj._on_call_users = []
        obj._apply_calendar(parsed.data, _included_users(parsed))
        return obj

    def fetch_data(self, **query: Any) -> None:
        """Reload the calendar and who is on call (`date=` looks at another time).

        Local changes are discarded, and cached `events` are dropped so the next access refetches.
        """
        endpoint = self._endpoint("get")
        parsed = self._api.call(endpoint, **self._id_arguments(endpoint), **self._query_arguments(endpoint, query))
        self._on_call_users = []
        self._apply_calendar(parsed.data, _included_users(parsed))
        self._events = None

    def save(self) -> None:
        """PATCH the changed fields; no request when nothing changed (see `BaseAPIObject.save`)."""
        modified = self.get_modified_properties()
        if not modified:
            return
        values = self._values()
        endpoint = self._endpoint("update")
        body = self._body(endpoint, {type(self)._wire_names.get(name, name): values[name] for name in modified})
        parsed = self._api.call(endpoint, **self._id_arguments(endpoint), body=body)
        if parsed is not None and hasattr(parsed, "data"):
            self._apply_calendar(parsed.data, _included_users(parsed))
        else:
            self.reset_variable_tracking()

    # On-call users ---------------------------------------------------------------------------

    @property
    def on_call_users(self) -> list[OnCallUser]:
        """The users on call now: `id`, `type`, `meta`, `email`, `first_name`, `last_name`, `phone_numbers`.

        Filled by every load of the calendar; a calendar built from an id alone fetches them on
        first access (without touching its other attributes).
        """
        if self._on_call_users is None:
            parsed = self._api.call(get_on_call_calendar, calendar_id=self.id)
            self._on_call_users = _on_call_users(parsed.data, _included_users(parsed)) or []
        return self._on_call_users

    # Events ----------------------------------------------------------------------------------

    @property
    def events(self) -> list[OnCallEvent]:
        """The calendar's events, fetched on first access (`fetch_events()` refreshes)."""
        if self._events is None:
            self.fetch_events()
        assert self._events is not None
        return self._events

    def fetch_events(self) -> list[OnCallEvent]:
        """Fetch every event of the calendar (the list is not paginated), cache and return them."""
        self._events = list(OnCallEvent._list(self._api, {}, _calendar_id=self.id))
        return self._events

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
        event = OnCallEvent.new(
            self._api,
            calendar_id=self.id,
            starts_at=_timestamp(starts_at),
            ends_at=_timestamp(ends_at),
            users=users,
            override=override,
        )
        self._events = None
        return event

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
            raise TypeError(f"create_rotation() missing {', '.join(map(repr, missing))}")
        allowed = [member.value for member in OnCallRotationInterval]
        if rotation_interval not in allowed:
            raise ValidationError(f"{name} {rotation_interval!r} is not one of: {', '.join(allowed)}")
        body = OnCallRotationCreate(
            users=list(users),
            rotation_length=rotation_length,
            rotation_interval=OnCallRotationInterval(rotation_interval),
            start_rotations_at=_timestamp(start_rotations_at),
            end_rotations_at=_timestamp(end_rotations_at),
        )
        if team_name is not None:
            body.team_name = team_name
        check_body("create_on_call_rotation", body.to_dict())
        parsed = self._api.call(create_on_call_rotation, calendar_id=self.id, body=body)
        self._events = None
        # The generated model's to_dict() follows the same schema, shapes.OnCallRotation.
        return cast(shapes.OnCallRotation, parsed.to_dict())

    def get_rotation(self) -> shapes.OnCallRotation:
        """The calendar's rotation settings (`rotation_length`, `rotation_interval`, `users`, ...).

        Raises:
            NotFoundError: The calendar has no rotation (or does not exist).
        """
        parsed = self._api.call(get_on_call_rotation, calendar_id=self.id)
        return cast(shapes.OnCallRotation, parsed.to_dict())
