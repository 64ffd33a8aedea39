"""`betterstack monitors ...` and `monitor-groups ...` against the fake: the wire and the screen."""

from __future__ import annotations

import json

from cli_runs import CLI


def test_list_as_json_prints_every_monitor_with_the_specs_field_names(cli: CLI) -> None:
    result = cli.run("-o", "json", "monitors", "list")
    assert result.exit_code == 0, result.output
    printed = json.loads(result.stdout)
    assert [row["id"] for row in printed] == ["2", "3", "4"]
    assert printed[0]["pronounceable_name"] == "Homepage"
    assert cli.calls == [("GET", "/api/v2/monitors")]


def test_list_quiet_prints_ids_one_per_line(cli: CLI) -> None:
    result = cli.run("-q", "monitors", "list", "--url", "https://example.com")
    assert result.stdout == "2\n"
    assert dict(cli.requests[0].url.params) == {"url": "https://example.com"}


def test_update_sends_only_the_fields_set(cli: CLI) -> None:
    result = cli.run("monitors", "update", "2", "--set", "check_frequency=60")
    assert result.exit_code == 0, result.output
    assert result.stdout == "updated monitor 2 Homepage: check_frequency\n"
    assert cli.writes() == [("PATCH", "/api/v2/monitors/2", {"check_frequency": 60})]


def test_a_misspelt_field_is_a_usage_error_with_the_closest_name_and_nothing_is_sent(cli: CLI) -> None:
    result = cli.run("monitors", "update", "2", "--set", "check_frequncy=60")
    assert result.exit_code == 2
    assert "a monitor has no field 'check_frequncy'; did you mean 'check_frequency'?" in result.stderr
    assert cli.requests == []


def test_pause_reports_each_monitor_and_sends_one_patch_each(cli: CLI) -> None:
    result = cli.run("monitors", "pause", "2", "3")
    assert result.exit_code == 0, result.output
    assert result.stdout == "paused 2 Homepage\npaused 3 API health\n"
    assert cli.writes() == [
        ("PATCH", "/api/v2/monitors/2", {"paused": True}),
        ("PATCH", "/api/v2/monitors/3", {"paused": True}),
    ]


def test_pause_goes_on_after_a_failure_and_exits_with_the_api_error_code(cli: CLI) -> None:
    result = cli.run("monitors", "pause", "999", "2")
    assert result.exit_code == 1
    assert result.stdout == "paused 2 Homepage\n"
    assert result.stderr.splitlines() == [
        "betterstack: 999: [404] Resource with provided ID was not found (PATCH https://uptime.betterstack.com/api/v2/monitors/999)",
        "betterstack: 1 monitors failed: 999",
    ]


def test_an_api_error_is_one_line_naming_the_request(cli: CLI) -> None:
    result = cli.run("monitors", "get", "999")
    assert result.exit_code == 1
    assert result.stderr == (
        "betterstack: error: [404] Resource with provided ID was not found "
        "(GET https://uptime.betterstack.com/api/v2/monitors/999)\n"
    )


def test_no_token_is_a_configuration_error(cli: CLI) -> None:
    del cli.env["BETTERSTACK_API_TOKEN"]
    result = cli.run("monitors", "list")
    assert result.exit_code == 3
    assert result.stderr.startswith("betterstack: error: no API token: set BETTERSTACK_API_TOKEN")
    assert cli.requests == []
