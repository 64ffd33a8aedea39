"""`betterstack oncall ...`: who is on call now, a calendar's events, the calendars."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any, Optional

import typer

from ._common import completion_of, settings_of
from ._exit import reported
from ._output import collected, emit, say

if TYPE_CHECKING:
    from betterstack.uptime.objects import OnCallCalendar

app: typer.Typer = typer.Typer(
    help="On-call calendars: who is on call now, and when.", no_args_is_help=True, rich_markup_mode=None
)

# A user on call is the calendar's relationship (`id`, `type`, `meta`) joined with the user's attributes.
USER_COLUMNS = ("id", "first_name", "last_name", "email", "phone_numbers")
EVENT_COLUMNS = ("id", "starts_at", "ends_at", "users", "override")
CALENDAR_COLUMNS = ("id", "name", "default_calendar", "team_name")

Calendar = Annotated[
    Optional[str],  # noqa: UP045
    typer.Option(
        "--calendar",
        metavar="CALENDAR_ID",
        help="The calendar's id (see `oncall calendars`); the team's default calendar when left out.",
        autocompletion=completion_of("OnCallCalendar"),
    ),
]


def _named(calendar: OnCallCalendar) -> str:
    """`calendar 7 (default)`, `calendar 8 Weekend`: which calendar a line is about."""
    name = f"calendar {calendar.id}"
    if calendar.name:
        name += f" {calendar.name}"
    return f"{name} (default)" if calendar.default_calendar else name


@app.command("who")
def who(ctx: typer.Context, calendar: Calendar = None) -> None:
    """Who is on call now: name, e-mail and phone numbers of each person."""
    settings = settings_of(ctx)
    with reported(settings.debug):
        from betterstack.uptime.objects import OnCallCalendar

        # `default` names the team's default calendar in the API's path.
        found = OnCallCalendar.get(settings.api(), calendar or "default")
        users = [dict(user) for user in found.on_call_users]
        if not users and not settings.quiet and settings.output == "table":
            say(settings, f"nobody is on call now in {_named(found)}")
            return
        emit(settings, users, USER_COLUMNS, title=f"on call now in {_named(found)}")


@app.command("events")
def events(ctx: typer.Context, calendar: Calendar = None) -> None:
    """The calendar's events (regular shifts and overrides): start, end and the users on call."""
    settings = settings_of(ctx)
    with reported(settings.debug):
        from betterstack.uptime.objects import OnCallCalendar

        # Unfetched: the events answer needs only the calendar's id (or `default`).
        found = OnCallCalendar(id=calendar or "default", _api=settings.api()).fetch_events()
        emit(settings, [event.to_dict() for event in found], EVENT_COLUMNS)


@app.command("calendars")
def calendars(ctx: typer.Context) -> None:
    """List the on-call calendars (their ids are what `--calendar` takes)."""
    settings = settings_of(ctx)
    with reported(settings.debug):
        from betterstack.uptime.objects import OnCallCalendar

        team: dict[str, Any] = settings.team_filter()
        found = collected(settings, OnCallCalendar.filter(settings.api(), **team), "calendars")
        emit(settings, [calendar.to_dict() for calendar in found], CALENDAR_COLUMNS)
