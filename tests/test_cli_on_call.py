"""`betterstack oncall ...` against the fake: the wire and the screen."""

from __future__ import annotations

import datetime
import json

import pytest

from cli_runs import CLI

CALENDARS = "/api/v2/on-calls"


@pytest.fixture(autouse=True)
def fixed(cli: CLI) -> None:
    """A fixed clock (who is on call depends on it) and a terminal wide enough for every table."""
    cli.fake.clock = lambda: datetime.datetime(2026, 11, 20, 9, 41, tzinfo=datetime.UTC)
    cli.env["COLUMNS"] = "120"


def weekend(cli: CLI) -> None:
    """A second calendar, with no events and so nobody on call."""
    cli.fake.add(CALENDARS, {"name": "Weekend", "default_calendar": False, "team_name": "Production"}, id="8")


# who ------------------------------------------------------------------------------------------


def test_who_asks_for_the_default_calendar_and_shows_each_person_in_a_table(cli: CLI) -> None:
    result = cli.run("oncall", "who")
    assert result.exit_code == 0, result.output
    assert result.stdout == (
        "               on call now in calendar 7 (default)               \n"
        " id ┃ first_name ┃ last_name ┃ email             ┃ phone_numbers \n"
        "━━━━╇━━━━━━━━━━━━╇━━━━━━━━━━━╇━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━\n"
        ' 1  │ Alice      │ Ng        │ alice@example.com │ ["+15550100"] \n'
    )
    assert cli.calls == [("GET", "/api/v2/on-calls/default")]


def test_who_as_json_prints_each_user_with_the_specs_field_names(cli: CLI) -> None:
    result = cli.run("-o", "json", "oncall", "who")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) == [
        {
            "id": "1",
            "type": "user",
            "meta": {"email": "alice@example.com"},
            "first_name": "Alice",
            "last_name": "Ng",
            "email": "alice@example.com",
            "phone_numbers": ["+15550100"],
        }
    ]


def test_who_as_csv_has_a_header_and_a_row_per_person(cli: CLI) -> None:
    result = cli.run("-o", "csv", "oncall", "who")
    assert result.stdout == (
        "id,type,meta,first_name,last_name,email,phone_numbers\n"
        '1,user,"{""email"": ""alice@example.com""}",Alice,Ng,alice@example.com,"[""+15550100""]"\n'
    )


def test_who_quiet_prints_user_ids(cli: CLI) -> None:
    result = cli.run("-q", "oncall", "who")
    assert result.stdout == "1\n"


def test_who_with_a_calendar_asks_for_that_calendar(cli: CLI) -> None:
    result = cli.run("-q", "oncall", "who", "--calendar", "7")
    assert result.stdout == "1\n"
    assert cli.calls == [("GET", "/api/v2/on-calls/7")]


def test_who_says_so_when_nobody_is_on_call(cli: CLI) -> None:
    weekend(cli)
    result = cli.run("oncall", "who", "--calendar", "8")
    assert result.exit_code == 0, result.output
    assert result.stdout == "nobody is on call now in calendar 8 Weekend\n"
    assert cli.calls == [("GET", "/api/v2/on-calls/8")]


def test_who_as_json_when_nobody_is_on_call_is_an_empty_list(cli: CLI) -> None:
    weekend(cli)
    result = cli.run("-o", "json", "oncall", "who", "--calendar", "8")
    assert result.stdout == "[]\n"


def test_who_in_an_unknown_calendar_is_one_line_naming_the_request(cli: CLI) -> None:
    result = cli.run("oncall", "who", "--calendar", "999")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr == (
        "betterstack: error: [404] Resource with provided ID was not found "
        "(GET https://uptime.betterstack.com/api/v2/on-calls/999)\n"
    )


def test_who_with_calendar_but_no_id_is_a_usage_error_and_nothing_is_sent(cli: CLI) -> None:
    result = cli.run("oncall", "who", "--calendar")
    assert result.exit_code == 2
    assert "Option '--calendar' requires an argument." in result.stderr
    assert cli.requests == []


# events ---------------------------------------------------------------------------------------


def test_events_lists_the_default_calendars_events_in_a_table(cli: CLI) -> None:
    result = cli.run("oncall", "events")
    assert result.exit_code == 0, result.output
    assert result.stdout == (
        " id ┃ starts_at                ┃ ends_at                  ┃ users                 ┃ override \n"
        "━━━━╇━━━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━\n"
        ' 1  │ 2026-01-01T00:00:00.000Z │ 2030-01-01T00:00:00.000Z │ ["alice@example.com"] │ no       \n'
    )
    # The events need no GET of the calendar first.
    assert cli.calls == [("GET", "/api/v2/on-calls/default/events")]


def test_events_as_json_prints_start_end_and_users(cli: CLI) -> None:
    result = cli.run("-o", "json", "oncall", "events", "--calendar", "7")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) == [
        {
            "id": "1",
            "starts_at": "2026-01-01T00:00:00.000Z",
            "ends_at": "2030-01-01T00:00:00.000Z",
            "users": ["alice@example.com"],
            "override": False,
        }
    ]
    assert cli.calls == [("GET", "/api/v2/on-calls/7/events")]


def test_events_quiet_prints_event_ids(cli: CLI) -> None:
    result = cli.run("-q", "oncall", "events")
    assert result.stdout == "1\n"


def test_events_of_an_unknown_calendar_is_one_line_naming_the_request(cli: CLI) -> None:
    result = cli.run("oncall", "events", "--calendar", "999")
    assert result.exit_code == 1
    assert result.stderr == (
        "betterstack: error: [404] Resource with provided ID was not found "
        "(GET https://uptime.betterstack.com/api/v2/on-calls/999/events)\n"
    )


def test_events_takes_no_argument_and_sends_nothing(cli: CLI) -> None:
    result = cli.run("oncall", "events", "7")
    assert result.exit_code == 2
    assert "Got unexpected extra argument(s) (7)" in result.stderr
    assert cli.requests == []


# calendars ------------------------------------------------------------------------------------


def test_calendars_lists_every_calendar_in_a_table(cli: CLI) -> None:
    weekend(cli)
    result = cli.run("oncall", "calendars")
    assert result.exit_code == 0, result.output
    assert result.stdout == (
        " id ┃ name    ┃ default_calendar ┃ team_name  \n"
        "━━━━╇━━━━━━━━━╇━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━\n"
        " 7  │         │ yes              │ Production \n"
        " 8  │ Weekend │ no               │ Production \n"
    )
    assert cli.calls == [("GET", "/api/v2/on-calls")]


def test_calendars_as_json_and_quiet(cli: CLI) -> None:
    printed = json.loads(cli.run("-o", "json", "oncall", "calendars").stdout)
    assert printed == [{"id": "7", "name": None, "default_calendar": True, "team_name": "Production"}]
    assert cli.run("-q", "oncall", "calendars").stdout == "7\n"


def test_calendars_with_team_sends_the_team_filter(cli: CLI) -> None:
    result = cli.run("--team", "Production", "-q", "oncall", "calendars")
    assert result.stdout == "7\n"
    assert dict(cli.requests[0].url.params) == {"team_name": "Production"}
