"""`betterstack heartbeats ...` and `heartbeat-groups ...` against the fake: the wire and the screen.

The demo's seed holds no heartbeats, so each test runs against two heartbeats and a group added
to the fake with a fixed clock (the `beats` fixture).
"""

from __future__ import annotations

import datetime
import json

import pytest

from cli_runs import CLI

NOW = datetime.datetime(2026, 11, 26, 7, 0, tzinfo=datetime.UTC)
STAMP = "2026-11-26T07:00:00.000Z"
NOT_FOUND = "[404] Resource with provided ID was not found"


@pytest.fixture
def beats(cli: CLI) -> CLI:
    """The command line against the demo's fake plus heartbeats 51 (in group 61) and 52."""
    cli.fake.clock = lambda: NOW
    cli.fake.seed(
        {
            "/api/v2/heartbeat-groups": [{"id": "61", "name": "Jobs", "sort_index": 1, "paused": False}],
            "/api/v2/heartbeats": [
                {
                    "id": "51",
                    "name": "Nightly backup",
                    "url": "https://uptime.betterstack.com/api/v1/heartbeat/secret51",
                    "period": 86400,
                    "grace": 3600,
                    "status": "up",
                    "heartbeat_group_id": 61,
                    "team_name": "Production",
                },
                {"id": "52", "name": "Queue worker", "period": 60, "grace": 30, "status": "down"},
            ],
        }
    )
    return cli


# heartbeats list / get


def test_list_prints_a_table_without_the_secret_ping_url(beats: CLI) -> None:
    result = beats.run("heartbeats", "list")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [
        " id ┃ name           ┃ status ┃ period ┃ grace ┃ heartbeat_group_id ┃ paused_at ",
        "━━━━╇━━━━━━━━━━━━━━━━╇━━━━━━━━╇━━━━━━━━╇━━━━━━━╇━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━",
        " 51 │ Nightly backup │ up     │ 86400  │ 3600  │ 61                 │           ",
        " 52 │ Queue worker   │ down   │ 60     │ 30    │                    │           ",
    ]
    assert "secret51" not in result.stdout
    assert beats.calls == [("GET", "/api/v2/heartbeats")]


def test_list_as_json_prints_every_field_by_the_specs_names(beats: CLI) -> None:
    result = beats.run("-o", "json", "heartbeats", "list")
    assert result.exit_code == 0, result.output
    printed = json.loads(result.stdout)
    assert [row["id"] for row in printed] == ["51", "52"]
    assert printed[0]["name"] == "Nightly backup"
    assert printed[0]["url"] == "https://uptime.betterstack.com/api/v1/heartbeat/secret51"
    assert printed[0]["heartbeat_group_id"] == 61
    assert list(printed[0])[:3] == ["id", "call", "sms"]


def test_list_quiet_prints_ids_one_per_line(beats: CLI) -> None:
    result = beats.run("-q", "heartbeats", "list")
    assert result.stdout == "51\n52\n"


def test_list_with_team_sends_the_team_filter(beats: CLI) -> None:
    result = beats.run("--team", "Production", "-q", "heartbeats", "list")
    assert result.exit_code == 0, result.output
    assert result.stdout == "51\n"
    assert dict(beats.requests[0].url.params) == {"team_name": "Production"}


def test_get_prints_every_field_as_lines(beats: CLI) -> None:
    result = beats.run("heartbeats", "get", "52")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["id", "52"]
    assert "name                  Queue worker" in result.stdout
    assert [line.split()[0] for line in lines][-2:] == ["created_at", "updated_at"]
    assert lines[-1].split() == ["updated_at", STAMP]
    assert beats.calls == [("GET", "/api/v2/heartbeats/52")]


def test_get_as_yaml(beats: CLI) -> None:
    result = beats.run("-o", "yaml", "heartbeats", "get", "52")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("id: '52'\ncall: null\n")
    assert "name: Queue worker\n" in result.stdout


def test_get_an_unknown_heartbeat_is_one_line_exit_1(beats: CLI) -> None:
    result = beats.run("heartbeats", "get", "999")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr == (
        f"betterstack: error: {NOT_FOUND} (GET https://uptime.betterstack.com/api/v2/heartbeats/999)\n"
    )


# heartbeats pause / resume


def test_pause_reports_each_heartbeat_and_sends_one_patch_each(beats: CLI) -> None:
    result = beats.run("heartbeats", "pause", "51", "52")
    assert result.exit_code == 0, result.output
    assert result.stdout == "paused 51 Nightly backup\npaused 52 Queue worker\n"
    assert beats.writes() == [
        ("PATCH", "/api/v2/heartbeats/51", {"paused": True}),
        ("PATCH", "/api/v2/heartbeats/52", {"paused": True}),
    ]
    assert beats.calls == [("PATCH", "/api/v2/heartbeats/51"), ("PATCH", "/api/v2/heartbeats/52")]
    stored = beats.fake.find("/api/v2/heartbeats", "51")
    assert stored is not None
    assert stored["attributes"]["paused_at"] == STAMP


def test_pause_quiet_prints_the_ids_done(beats: CLI) -> None:
    result = beats.run("-q", "heartbeats", "pause", "51", "52")
    assert result.stdout == "51\n52\n"


def test_pause_goes_on_after_a_failure_and_exits_with_the_api_error_code(beats: CLI) -> None:
    result = beats.run("heartbeats", "pause", "999", "52")
    assert result.exit_code == 1
    assert result.stdout == "paused 52 Queue worker\n"
    assert result.stderr.splitlines() == [
        f"betterstack: 999: {NOT_FOUND} (PATCH https://uptime.betterstack.com/api/v2/heartbeats/999)",
        "betterstack: 1 heartbeats failed: 999",
    ]
    assert [path for _, path, _ in beats.writes()] == ["/api/v2/heartbeats/999", "/api/v2/heartbeats/52"]


def test_resume_a_group_resumes_each_heartbeat_of_it(beats: CLI) -> None:
    beats.run("heartbeats", "pause", "51", "52")
    beats.requests.clear()
    result = beats.run("heartbeats", "resume", "--group", "61")
    assert result.exit_code == 0, result.output
    assert result.stdout == "resumed 51 Nightly backup\n"
    assert beats.calls == [("GET", "/api/v2/heartbeat-groups/61/heartbeats"), ("PATCH", "/api/v2/heartbeats/51")]
    assert beats.writes() == [("PATCH", "/api/v2/heartbeats/51", {"paused": False})]


def test_pause_with_an_unknown_group_is_one_line_exit_1_and_nothing_is_paused(beats: CLI) -> None:
    result = beats.run("heartbeats", "pause", "52", "--group", "999")
    assert result.exit_code == 1
    assert result.stderr == (
        f"betterstack: error: {NOT_FOUND} (GET https://uptime.betterstack.com/api/v2/heartbeat-groups/999/heartbeats)\n"
    )
    assert beats.writes() == []


def test_pause_without_ids_or_group_is_a_usage_error_and_nothing_is_sent(beats: CLI) -> None:
    result = beats.run("heartbeats", "pause")
    assert result.exit_code == 2
    assert "Invalid value: name the heartbeats: ids or --group" in result.stderr
    assert result.stdout == ""
    assert beats.requests == []


def test_an_unknown_option_is_a_usage_error_and_nothing_is_sent(beats: CLI) -> None:
    result = beats.run("heartbeats", "list", "--url", "x")
    assert result.exit_code == 2
    assert "No such option: --url" in result.stderr
    assert beats.requests == []


# heartbeat-groups


def test_groups_list_prints_a_table(beats: CLI) -> None:
    result = beats.run("heartbeat-groups", "list")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [
        " id ┃ name ┃ sort_index ┃ paused ┃ created_at               ",
        "━━━━╇━━━━━━╇━━━━━━━━━━━━╇━━━━━━━━╇━━━━━━━━━━━━━━━━━━━━━━━━━━",
        f" 61 │ Jobs │ 1          │ no     │ {STAMP} ",
    ]
    assert beats.calls == [("GET", "/api/v2/heartbeat-groups")]


def test_groups_list_as_csv_and_quiet(beats: CLI) -> None:
    result = beats.run("-o", "csv", "heartbeat-groups", "list")
    assert result.stdout == (
        f"id,name,sort_index,paused,team_name,created_at,updated_at\n61,Jobs,1,no,,{STAMP},{STAMP}\n"
    )
    assert beats.run("-q", "heartbeat-groups", "list").stdout == "61\n"


def test_groups_get_as_json(beats: CLI) -> None:
    result = beats.run("-o", "json", "heartbeat-groups", "get", "61")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) == {
        "id": "61",
        "name": "Jobs",
        "sort_index": 1,
        "paused": False,
        "team_name": None,
        "created_at": STAMP,
        "updated_at": STAMP,
    }
    assert beats.calls == [("GET", "/api/v2/heartbeat-groups/61")]


def test_groups_get_an_unknown_group_is_one_line_exit_1(beats: CLI) -> None:
    result = beats.run("heartbeat-groups", "get", "999")
    assert result.exit_code == 1
    assert result.stderr == (
        f"betterstack: error: {NOT_FOUND} (GET https://uptime.betterstack.com/api/v2/heartbeat-groups/999)\n"
    )


def test_groups_pause_sends_one_patch_per_group_and_pauses_its_heartbeats(beats: CLI) -> None:
    result = beats.run("heartbeat-groups", "pause", "61")
    assert result.exit_code == 0, result.output
    assert result.stdout == "paused 61 Jobs\n"
    assert beats.writes() == [("PATCH", "/api/v2/heartbeat-groups/61", {"paused": True})]
    assert json.loads(beats.run("-o", "json", "heartbeats", "get", "51").stdout)["status"] == "paused"


def test_groups_resume_reports_each_group_and_goes_on_after_a_failure(beats: CLI) -> None:
    result = beats.run("heartbeat-groups", "resume", "999", "61")
    assert result.exit_code == 1
    assert result.stdout == "resumed 61 Jobs\n"
    assert result.stderr.splitlines() == [
        f"betterstack: 999: {NOT_FOUND} (PATCH https://uptime.betterstack.com/api/v2/heartbeat-groups/999)",
        "betterstack: 1 groups failed: 999",
    ]
    assert beats.writes() == [
        ("PATCH", "/api/v2/heartbeat-groups/999", {"paused": False}),
        ("PATCH", "/api/v2/heartbeat-groups/61", {"paused": False}),
    ]


def test_groups_pause_without_ids_is_a_usage_error_and_nothing_is_sent(beats: CLI) -> None:
    result = beats.run("heartbeat-groups", "pause")
    assert result.exit_code == 2
    assert "Missing argument" in result.stderr
    assert beats.requests == []
