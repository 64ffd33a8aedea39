"""`betterstack incidents ...` against the fake: the wire and the screen.

The demo's seed holds incident 501 (open, monitor 3) and 502 (resolved, monitor 2); the
`incidents` fixture adds 503 (open, from heartbeat 51) and fixes the fake's clock, so times
written by acknowledging, resolving or commenting are known.
"""

from __future__ import annotations

import datetime
import json

import pytest

from cli_runs import CLI

NOW = datetime.datetime(2026, 11, 26, 7, 0, tzinfo=datetime.UTC)
STAMP = "2026-11-26T07:00:00.000Z"
NOT_FOUND = "[404] Resource with provided ID was not found"
API = "https://uptime.betterstack.com"


@pytest.fixture
def incidents(cli: CLI) -> CLI:
    """The command line against the demo's fake plus incident 503 of heartbeat 51, at a fixed time."""
    cli.fake.clock = lambda: NOW
    cli.fake.seed(
        {
            "/api/v3/incidents": [
                {
                    "id": "503",
                    "name": "Nightly backup",
                    "cause": "Missed heartbeat",
                    "status": "Started",
                    "started_at": "2026-11-20T03:00:00.000Z",
                    "heartbeat_id": 51,
                    "team_name": "Production",
                }
            ]
        }
    )
    cli.env["COLUMNS"] = "120"  # wide enough for the table not to fold
    return cli


def query(cli: CLI, index: int = 0) -> dict[str, str]:
    """The query parameters of a request, the first by default."""
    return dict(cli.requests[index].url.params)


# list


def test_list_prints_a_table_newest_first(incidents: CLI) -> None:
    result = incidents.run("incidents", "list")
    assert result.exit_code == 0, result.output
    # Trailing blanks of the last column cut, to keep the lines readable here.
    assert [line.rstrip() for line in result.stdout.splitlines()] == [
        " id  ┃ name           ┃ status   ┃ cause                         ┃ started_at               ┃ resolved_at",
        "━━━━━╇━━━━━━━━━━━━━━━━╇━━━━━━━━━━╇━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━━━━━━━━━━━━",
        " 501 │ API health     │ Started  │ Keyword not found             │ 2026-11-26T06:40:00.000Z │",
        " 503 │ Nightly backup │ Started  │ Missed heartbeat              │ 2026-11-20T03:00:00.000Z │",
        " 502 │ Homepage       │ Resolved │ Timeout (no headers received) │ 2026-10-14T02:10:00.000Z │"
        " 2026-10-14T02:24:00.000Z",
    ]
    assert incidents.calls == [("GET", "/api/v3/incidents")]
    assert query(incidents) == {}


def test_list_as_json_prints_every_field_with_the_monitor_and_heartbeat_ids(incidents: CLI) -> None:
    result = incidents.run("-o", "json", "incidents", "list")
    assert result.exit_code == 0, result.output
    printed = json.loads(result.stdout)
    assert [(row["id"], row["monitor_id"], row["heartbeat_id"]) for row in printed] == [
        ("501", 3, None),
        ("503", None, 51),
        ("502", 2, None),
    ]
    assert printed[2]["acknowledged_by"] == "alice@example.com"


def test_list_open_sends_resolved_false(incidents: CLI) -> None:
    result = incidents.run("-q", "incidents", "list", "--open")
    assert result.exit_code == 0, result.output
    assert result.stdout == "501\n503\n"
    assert query(incidents) == {"resolved": "false"}


def test_list_monitor_filter(incidents: CLI) -> None:
    result = incidents.run("-q", "incidents", "list", "--monitor", "2")
    assert result.stdout == "502\n"
    assert query(incidents) == {"monitor_id": "2"}


def test_list_heartbeat_filter(incidents: CLI) -> None:
    result = incidents.run("-q", "incidents", "list", "--heartbeat", "51")
    assert result.stdout == "503\n"
    assert query(incidents) == {"heartbeat_id": "51"}


def test_list_date_range_and_every_filter_at_once(incidents: CLI) -> None:
    result = incidents.run(
        "--team",
        "Production",
        "-q",
        "incidents",
        "list",
        "--open",
        "--monitor",
        "3",
        "--from",
        "2026-11-01",
        "--to",
        "2026-11-30",
    )
    assert result.exit_code == 0, result.output
    assert result.stdout == "501\n"
    assert query(incidents) == {
        "team_name": "Production",
        "from": "2026-11-01",
        "to": "2026-11-30",
        "monitor_id": "3",
        "resolved": "false",
    }


def test_list_from_alone_leaves_out_older_incidents(incidents: CLI) -> None:
    result = incidents.run("-o", "csv", "incidents", "list", "--from", "2026-11-21")
    assert result.stdout.splitlines()[1].startswith("501,")
    assert len(result.stdout.splitlines()) == 2
    assert query(incidents) == {"from": "2026-11-21"}


def test_list_a_date_not_as_a_day_is_a_usage_error_and_nothing_is_sent(incidents: CLI) -> None:
    result = incidents.run("incidents", "list", "--from", "yesterday")
    assert result.exit_code == 2
    assert "Invalid value for '--from': 'yesterday' does not match the formats '%Y-%m-%d'." in result.stderr
    assert incidents.requests == []


def test_list_a_monitor_id_not_a_number_is_a_usage_error_and_nothing_is_sent(incidents: CLI) -> None:
    result = incidents.run("incidents", "list", "--monitor", "Homepage")
    assert result.exit_code == 2
    assert "Invalid value for '--monitor': 'Homepage' is not a valid int." in result.stderr
    assert incidents.requests == []


def test_list_from_after_to_is_the_apis_error_in_one_line(incidents: CLI) -> None:
    result = incidents.run("incidents", "list", "--from", "2026-11-30", "--to", "2026-11-01")
    assert result.exit_code == 1
    assert result.stderr == (
        "betterstack: error: [400] from must not be after to "
        f"(GET {API}/api/v3/incidents?from=2026-11-30&to=2026-11-01)\n"
    )


# get


def test_get_prints_every_field_as_lines(incidents: CLI) -> None:
    result = incidents.run("incidents", "get", "501")
    assert result.exit_code == 0, result.output
    lines = [line.strip().split(maxsplit=1) for line in result.stdout.splitlines()]
    assert lines[0] == ["id", "501"]
    assert ["cause", "Keyword not found"] in lines
    assert ["monitor_id", "3"] in lines
    assert lines[-1] == ["heartbeat_id"]
    assert incidents.calls == [("GET", "/api/v3/incidents/501")]


def test_get_quiet_prints_the_id(incidents: CLI) -> None:
    assert incidents.run("-q", "incidents", "get", "503").stdout == "503\n"


def test_get_an_unknown_incident_is_one_line_exit_1(incidents: CLI) -> None:
    result = incidents.run("incidents", "get", "999")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr == f"betterstack: error: {NOT_FOUND} (GET {API}/api/v3/incidents/999)\n"


# ack / resolve


def test_ack_reports_each_incident_and_sends_who(incidents: CLI) -> None:
    result = incidents.run("incidents", "ack", "501", "503", "--by", "bob@example.com")
    assert result.exit_code == 0, result.output
    assert result.stdout == "acknowledged 501 API health\nacknowledged 503 Nightly backup\n"
    assert incidents.writes() == [
        ("POST", "/api/v3/incidents/501/acknowledge", {"acknowledged_by": "bob@example.com"}),
        ("POST", "/api/v3/incidents/503/acknowledge", {"acknowledged_by": "bob@example.com"}),
    ]
    assert incidents.calls == [
        ("POST", "/api/v3/incidents/501/acknowledge"),
        ("POST", "/api/v3/incidents/503/acknowledge"),
    ]
    stored = incidents.fake.find("/api/v3/incidents", "501")
    assert stored is not None
    assert stored["attributes"]["acknowledged_at"] == STAMP


def test_ack_without_by_sends_no_body(incidents: CLI) -> None:
    result = incidents.run("-q", "incidents", "ack", "501")
    assert result.exit_code == 0, result.output
    assert result.stdout == "501\n"
    assert incidents.writes() == [("POST", "/api/v3/incidents/501/acknowledge", None)]


def test_ack_goes_on_after_a_conflict_and_exits_with_the_api_error_code(incidents: CLI) -> None:
    result = incidents.run("incidents", "ack", "502", "999", "501")
    assert result.exit_code == 1
    assert result.stdout == "acknowledged 501 API health\n"
    assert result.stderr.splitlines() == [
        f"betterstack: 502: [409] Incident was already resolved (POST {API}/api/v3/incidents/502/acknowledge)",
        f"betterstack: 999: {NOT_FOUND} (POST {API}/api/v3/incidents/999/acknowledge)",
        "betterstack: 2 incidents failed: 502, 999",
    ]
    assert len(incidents.writes()) == 3


def test_resolve_reports_each_incident_and_sends_who(incidents: CLI) -> None:
    result = incidents.run("incidents", "resolve", "501", "503", "--by", "carol")
    assert result.exit_code == 0, result.output
    assert result.stdout == "resolved 501 API health\nresolved 503 Nightly backup\n"
    assert incidents.writes() == [
        ("POST", "/api/v3/incidents/501/resolve", {"resolved_by": "carol"}),
        ("POST", "/api/v3/incidents/503/resolve", {"resolved_by": "carol"}),
    ]
    assert incidents.run("-q", "incidents", "list", "--open").stdout == ""


def test_resolve_a_resolved_incident_is_one_line_exit_1(incidents: CLI) -> None:
    result = incidents.run("incidents", "resolve", "502")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr.splitlines() == [
        f"betterstack: 502: [409] Incident was already resolved (POST {API}/api/v3/incidents/502/resolve)",
        "betterstack: 1 incidents failed: 502",
    ]


def test_ack_without_ids_is_a_usage_error_and_nothing_is_sent(incidents: CLI) -> None:
    result = incidents.run("incidents", "ack", "--by", "bob")
    assert result.exit_code == 2
    assert "Missing argument" in result.stderr
    assert incidents.requests == []


# escalate


def test_escalate_to_a_user_sends_the_type_target_and_channels_given(incidents: CLI) -> None:
    result = incidents.run(
        "incidents", "escalate", "501", "--type", "User", "--user-email", "bob@example.com", "--call", "--no-sms"
    )
    assert result.exit_code == 0, result.output
    assert result.stdout == "escalated 501 API health to User bob@example.com\n"
    assert incidents.writes() == [
        (
            "POST",
            "/api/v3/incidents/501/escalate",
            {"escalation_type": "User", "user_email": "bob@example.com", "call": True, "sms": False},
        )
    ]


def test_escalate_each_target_option_is_sent_by_its_spec_name(incidents: CLI) -> None:
    runs = [
        ("--type", "Team", "--team-id", "4", "--email"),
        ("--type", "Schedule", "--schedule-id", "7", "--push", "--critical-alert"),
        ("--type", "Policy", "--policy-id", "9"),
        ("--type", "Organization", "--no-call"),
    ]
    for options in runs:
        assert incidents.run("-q", "incidents", "escalate", "503", *options).stdout == "503\n"
    assert [body for _, _, body in incidents.writes()] == [
        {"escalation_type": "Team", "team_id": 4, "email": True},
        {"escalation_type": "Schedule", "schedule_id": 7, "push": True, "critical_alert": True},
        {"escalation_type": "Policy", "policy_id": 9},
        {"escalation_type": "Organization", "call": False},
    ]


def test_escalate_as_json_prints_the_incident(incidents: CLI) -> None:
    result = incidents.run("-o", "json", "incidents", "escalate", "501", "--type", "Team", "--team-name", "Ops")
    assert result.exit_code == 0, result.output
    printed = json.loads(result.stdout)
    assert (printed["id"], printed["name"], printed["status"]) == ("501", "API health", "Started")


def test_escalate_without_its_target_is_a_usage_error_and_nothing_is_sent(incidents: CLI) -> None:
    result = incidents.run("incidents", "escalate", "501", "--type", "Team", "--call")
    assert result.exit_code == 2
    assert "Invalid value for '--type': Team needs --team-name or --team-id" in result.stderr
    assert incidents.requests == []


def test_escalate_an_unknown_type_is_a_usage_error_and_nothing_is_sent(incidents: CLI) -> None:
    result = incidents.run("incidents", "escalate", "501", "--type", "Everyone")
    assert result.exit_code == 2
    assert "Invalid value for '--type': 'Everyone' is not one of 'User', 'Team', 'Schedule', 'Policy'" in (
        result.stderr
    )
    assert incidents.requests == []


def test_escalate_without_a_type_is_a_usage_error(incidents: CLI) -> None:
    result = incidents.run("incidents", "escalate", "501")
    assert result.exit_code == 2
    assert "Missing option '--type'" in result.stderr
    assert incidents.requests == []


def test_escalate_a_resolved_incident_is_the_apis_conflict_in_one_line(incidents: CLI) -> None:
    result = incidents.run("incidents", "escalate", "502", "--type", "Organization")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr == (
        f"betterstack: error: [409] Cannot escalate a resolved incident. (POST {API}/api/v3/incidents/502/escalate)\n"
    )


# comment


def test_comment_prints_the_new_comments_id(incidents: CLI) -> None:
    result = incidents.run("incidents", "comment", "501", "Looking into it: **the DB**")
    assert result.exit_code == 0, result.output
    assert result.stdout == "100001\n"
    assert incidents.writes() == [
        ("POST", "/api/v2/incidents/501/comments", {"content": "Looking into it: **the DB**"}),
    ]


def test_comment_as_json_prints_the_comment(incidents: CLI) -> None:
    result = incidents.run("-o", "json", "incidents", "comment", "501", "On it")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) == {
        "id": "100001",
        "content": "On it",
        "created_at": STAMP,
        "updated_at": STAMP,
    }


def test_comment_on_an_unknown_incident_is_one_line_exit_1(incidents: CLI) -> None:
    result = incidents.run("incidents", "comment", "999", "hello")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr == f"betterstack: error: {NOT_FOUND} (POST {API}/api/v2/incidents/999/comments)\n"


def test_comment_without_text_is_a_usage_error_and_nothing_is_sent(incidents: CLI) -> None:
    result = incidents.run("incidents", "comment", "501")
    assert result.exit_code == 2
    assert "Missing argument 'text'." in result.stderr
    assert incidents.requests == []


# timeline


def test_timeline_prints_time_type_and_content_newest_first(incidents: CLI) -> None:
    incidents.run("incidents", "escalate", "501", "--type", "Team", "--team-name", "Ops")
    incidents.run("incidents", "ack", "501", "--by", "bob@example.com")
    incidents.run("incidents", "comment", "501", "Looking into it")
    incidents.requests.clear()
    result = incidents.run("incidents", "timeline", "501")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [
        " time                     ┃ type         ┃ content                                  ",
        "━━━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━",
        f" {STAMP} │ comment      │ Looking into it                          ",
        f" {STAMP} │ generic_card │ Incident acknowledged by bob@example.com ",
        f" {STAMP} │ generic_card │ Escalated to Team Ops                    ",
        " 2026-11-26T06:40:00.000Z │ generic_card │ Incident started: Keyword not found      ",
    ]
    assert incidents.calls == [("GET", "/api/v2/incidents/501/timeline")]


def test_timeline_as_json_prints_the_items_as_the_api_sends_them(incidents: CLI) -> None:
    incidents.run("incidents", "comment", "501", "On it")
    result = incidents.run("-o", "json", "incidents", "timeline", "501")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) == [
        {
            "id": "100001",
            "item_type": "comment",
            "at": STAMP,
            "data": {"title": None, "content": {"text": "On it", "user": None}, "attachments": [], "links": []},
        },
        {
            "id": "501-started",
            "item_type": "generic_card",
            "at": "2026-11-26T06:40:00.000Z",
            "data": {"title": "Incident started", "content": "Keyword not found", "attachments": [], "links": []},
        },
    ]


def test_timeline_quiet_prints_item_ids(incidents: CLI) -> None:
    assert incidents.run("-q", "incidents", "timeline", "502").stdout == (
        "502-resolved\n502-acknowledged\n502-started\n"
    )


def test_timeline_of_an_unknown_incident_is_one_line_exit_1(incidents: CLI) -> None:
    result = incidents.run("incidents", "timeline", "999")
    assert result.exit_code == 1
    assert result.stderr == f"betterstack: error: {NOT_FOUND} (GET {API}/api/v2/incidents/999/timeline)\n"
