"""`betterstack status-pages ...` against the fake: the wire and the screen."""

from __future__ import annotations

import datetime
import json
from typing import Any

import pytest

from cli_runs import CLI

REPORTS = "/api/v2/status-pages/{status_page_id}/status-reports"
UPDATES = "/api/v2/status-pages/{status_page_id}/status-reports/{status_report_id}/status-updates"
NOW = "2026-11-20T09:41:00.000Z"
AFFECTED = [
    {"status_page_resource_id": "42", "status": "downtime"},
    {"status_page_resource_id": "41", "status": "degraded"},
]


@pytest.fixture(autouse=True)
def fixed(cli: CLI) -> None:
    """A fixed clock (for the times the fake writes) and a terminal wide enough for every table."""
    cli.fake.clock = lambda: datetime.datetime(2026, 11, 20, 9, 41, tzinfo=datetime.UTC)
    cli.env["COLUMNS"] = "120"


def report(cli: CLI, report_type: str = "manual", affected: list[dict[str, str]] = AFFECTED) -> None:
    """Report 98765 on page 123, with its first update 55501."""
    attributes: dict[str, Any] = {"title": "Elevated API error rates", "report_type": report_type, "starts_at": NOW}
    attributes |= {"ends_at": None, "status_page_id": 123, "affected_resources": affected}
    cli.fake.add(REPORTS, attributes, parents=("123",), id="98765")
    update = {"message": "Investigating", "published_at": NOW, "notify_subscribers": False, "status_report_id": 98765}
    cli.fake.add(UPDATES, {**update, "affected_resources": affected}, parents=("123", "98765"), id="55501")


def not_found(method: str, path: str) -> str:
    return f"betterstack: error: [404] Resource with provided ID was not found ({method} https://uptime.betterstack.com{path})\n"


# list, get, resources -------------------------------------------------------------------------


def test_list_shows_the_pages_in_a_table(cli: CLI) -> None:
    result = cli.run("status-pages", "list")
    assert result.exit_code == 0, result.output
    assert result.stdout == (
        " id  ┃ company_name ┃ subdomain ┃ custom_domain ┃ aggregate_state ┃ published \n"
        "━━━━━╇━━━━━━━━━━━━━━╇━━━━━━━━━━━╇━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━\n"
        " 123 │ Example Inc. │ example   │               │ degraded        │           \n"
    )
    assert cli.calls == [("GET", "/api/v2/status-pages")]


def test_list_as_json_and_quiet(cli: CLI) -> None:
    printed = json.loads(cli.run("-o", "json", "status-pages", "list").stdout)
    assert [(page["id"], page["company_name"], page["subdomain"]) for page in printed] == [
        ("123", "Example Inc.", "example")
    ]
    assert cli.run("-q", "status-pages", "list").stdout == "123\n"


def test_get_shows_every_field_of_the_page(cli: CLI) -> None:
    result = cli.run("status-pages", "get", "123")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[:3] == [
        " id                          123                      ",
        " company_name                Example Inc.             ",
        " company_url                 https://example.com      ",
    ]
    assert " subscribable                yes                      " in lines
    assert cli.calls == [("GET", "/api/v2/status-pages/123")]


def test_get_as_json_has_the_specs_field_names(cli: CLI) -> None:
    printed = json.loads(cli.run("-o", "json", "status-pages", "get", "123").stdout)
    assert {key: printed[key] for key in ("id", "company_name", "timezone", "history", "aggregate_state")} == {
        "id": "123",
        "company_name": "Example Inc.",
        "timezone": "Amsterdam",
        "history": 90,
        "aggregate_state": "degraded",
    }


def test_get_of_an_unknown_page_is_one_line_naming_the_request(cli: CLI) -> None:
    result = cli.run("status-pages", "get", "999")
    assert result.exit_code == 1
    assert result.stderr == not_found("GET", "/api/v2/status-pages/999")


def test_resources_lists_the_ids_that_affected_takes(cli: CLI) -> None:
    result = cli.run("status-pages", "resources", "123")
    assert result.exit_code == 0, result.output
    assert result.stdout == (
        " id ┃ public_name ┃ resource_type ┃ resource_id ┃ status      \n"
        "━━━━╇━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━╇━━━━━━━━━━━━━\n"
        " 41 │ Homepage    │ Monitor       │ 2           │ operational \n"
        " 42 │ Public API  │ Monitor       │ 3           │ downtime    \n"
    )
    assert cli.calls == [("GET", "/api/v2/status-pages/123/resources")]
    assert cli.run("-q", "status-pages", "resources", "123").stdout == "41\n42\n"


# report list ----------------------------------------------------------------------------------


def test_report_list_shows_the_pages_reports_in_a_table(cli: CLI) -> None:
    report(cli)
    result = cli.run("status-pages", "report", "list", "123")
    assert result.exit_code == 0, result.output
    assert result.stdout == (
        " id    ┃ title                    ┃ report_type ┃ aggregate_state ┃ starts_at                ┃ ends_at \n"
        "━━━━━━━╇━━━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━\n"
        " 98765 │ Elevated API error rates │ manual      │ downtime        │ 2026-11-20T09:41:00.000Z │         \n"
    )
    assert cli.calls == [("GET", "/api/v2/status-pages/123/status-reports")]


def test_report_list_as_json_has_the_affected_resources(cli: CLI) -> None:
    report(cli)
    printed = json.loads(cli.run("-o", "json", "status-pages", "report", "list", "123").stdout)
    assert [(row["id"], row["affected_resources"]) for row in printed] == [("98765", AFFECTED)]


def test_report_list_of_an_unknown_page_is_one_line(cli: CLI) -> None:
    result = cli.run("status-pages", "report", "list", "999")
    assert result.exit_code == 1
    assert result.stderr == not_found("GET", "/api/v2/status-pages/999/status-reports")


# report create --------------------------------------------------------------------------------


def test_create_posts_an_incident_report_with_its_affected_resources(cli: CLI) -> None:
    result = cli.run(
        "status-pages",
        "report",
        "create",
        "123",
        "--title",
        "API down",
        "--message",
        "Investigating",
        "--affected",
        "42=downtime",
        "-a",
        "41=degraded",
    )
    assert result.exit_code == 0, result.output
    assert result.stdout == "created incident report 100001 API down on status page 123 (42 downtime, 41 degraded)\n"
    assert cli.calls == [("POST", "/api/v2/status-pages/123/status-reports")]
    assert cli.body() == {
        "title": "API down",
        "message": "Investigating",
        "report_type": "manual",
        "affected_resources": AFFECTED,
    }


def test_create_quiet_prints_the_new_reports_id(cli: CLI) -> None:
    result = cli.run("-q", "status-pages", "report", "create", "123", "-t", "API down", "-m", "Investigating")
    assert result.exit_code == 0, result.output
    assert result.stdout == "100001\n"
    assert cli.body()["affected_resources"] == []


def test_create_as_json_prints_the_new_report(cli: CLI) -> None:
    result = cli.run(
        "-o", "json", "status-pages", "report", "create", "123", "-t", "API down", "-m", "x", "-a", "42=downtime"
    )
    assert json.loads(result.stdout) == {
        "id": "100001",
        "title": "API down",
        "report_type": "manual",
        "starts_at": NOW,
        "ends_at": None,
        "status_page_id": 123,
        "affected_resources": [{"status_page_resource_id": "42", "status": "downtime"}],
        "aggregate_state": "downtime",
        "created_at": NOW,
        "updated_at": NOW,
    }


def test_create_a_maintenance_sends_its_type_and_time_range(cli: CLI) -> None:
    result = cli.run(
        "status-pages",
        "report",
        "create",
        "123",
        "-t",
        "Database upgrade",
        "-m",
        "Upgrading",
        "--type",
        "maintenance",
        "-a",
        "42=maintenance",
        "--starts-at",
        "2026-11-21T01:00:00Z",
        "--ends-at",
        "2026-11-21T02:00:00Z",
    )
    assert result.exit_code == 0, result.output
    assert result.stdout == "created maintenance report 100001 Database upgrade on status page 123 (42 maintenance)\n"
    assert cli.writes() == [
        (
            "POST",
            "/api/v2/status-pages/123/status-reports",
            {
                "title": "Database upgrade",
                "message": "Upgrading",
                "report_type": "maintenance",
                "affected_resources": [{"status_page_resource_id": "42", "status": "maintenance"}],
                "starts_at": "2026-11-21T01:00:00Z",
                "ends_at": "2026-11-21T02:00:00Z",
            },
        )
    ]


def test_a_maintenance_without_an_end_is_a_usage_error_and_nothing_is_sent(cli: CLI) -> None:
    result = cli.run("status-pages", "report", "create", "123", "-t", "x", "-m", "y", "--type", "maintenance")
    assert result.exit_code == 2
    assert "Invalid value for --type: a maintenance report needs --ends-at" in result.stderr
    assert cli.requests == []


def test_a_status_the_spec_rules_out_is_a_usage_error_naming_the_allowed_ones(cli: CLI) -> None:
    result = cli.run("status-pages", "report", "create", "123", "-t", "x", "-m", "y", "-a", "42=operational")
    assert result.exit_code == 2
    assert (
        "Invalid value for --affected: 'operational' is not a status of an affected resource "
        "(one of: resolved, degraded, downtime, maintenance, not_affected)"
    ) in result.stderr
    assert cli.requests == []


def test_affected_without_a_status_is_a_usage_error(cli: CLI) -> None:
    result = cli.run("status-pages", "report", "create", "123", "-t", "x", "-m", "y", "-a", "42")
    assert result.exit_code == 2
    assert "Invalid value for --affected: '42' is not RESOURCE_ID=STATUS" in result.stderr
    assert cli.requests == []


def test_a_time_that_is_not_iso_8601_is_a_usage_error(cli: CLI) -> None:
    result = cli.run("status-pages", "report", "create", "123", "-t", "x", "-m", "y", "--ends-at", "tomorrow")
    assert result.exit_code == 2
    assert "Invalid value for --ends-at: 'tomorrow' is not an ISO 8601 time" in result.stderr
    assert cli.requests == []


def test_an_unknown_type_or_a_missing_title_is_a_usage_error(cli: CLI) -> None:
    unknown = cli.run("status-pages", "report", "create", "123", "-t", "x", "-m", "y", "--type", "outage")
    assert unknown.exit_code == 2
    assert "'outage' is not one of 'incident', 'maintenance'." in unknown.stderr
    missing = cli.run("status-pages", "report", "create", "123", "-m", "y")
    assert missing.exit_code == 2
    assert "Missing option '--title' / '-t'." in missing.stderr
    assert cli.requests == []


def test_create_on_an_unknown_page_is_one_line_naming_the_request(cli: CLI) -> None:
    result = cli.run("status-pages", "report", "create", "999", "-t", "x", "-m", "y")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr == not_found("POST", "/api/v2/status-pages/999/status-reports")


# report update ---------------------------------------------------------------------------------


def test_update_posts_the_changed_states_and_keeps_the_others(cli: CLI) -> None:
    report(cli)
    result = cli.run("status-pages", "report", "update", "123", "98765", "-m", "Fix deployed", "-a", "42=degraded")
    assert result.exit_code == 0, result.output
    assert result.stdout == "posted update 100001 to report 98765 Elevated API error rates (42 degraded, 41 degraded)\n"
    assert cli.calls == [
        ("GET", "/api/v2/status-pages/123/status-reports/98765"),
        ("POST", "/api/v2/status-pages/123/status-reports/98765/status-updates"),
    ]
    assert cli.body() == {
        "message": "Fix deployed",
        "affected_resources": [
            {"status_page_resource_id": "42", "status": "degraded"},
            {"status_page_resource_id": "41", "status": "degraded"},
        ],
    }


def test_update_without_affected_sends_the_states_as_they_stand(cli: CLI) -> None:
    report(cli)
    result = cli.run("-q", "status-pages", "report", "update", "123", "98765", "-m", "Still investigating")
    assert result.stdout == "100001\n"
    assert cli.body() == {"message": "Still investigating", "affected_resources": AFFECTED}


def test_update_can_add_a_resource(cli: CLI) -> None:
    report(cli, affected=[{"status_page_resource_id": "42", "status": "downtime"}])
    cli.run("status-pages", "report", "update", "123", "98765", "-m", "Spreading", "-a", "41=downtime")
    assert cli.body()["affected_resources"] == [
        {"status_page_resource_id": "42", "status": "downtime"},
        {"status_page_resource_id": "41", "status": "downtime"},
    ]


def test_update_as_json_prints_the_new_update(cli: CLI) -> None:
    report(cli)
    result = cli.run("-o", "json", "status-pages", "report", "update", "123", "98765", "-m", "Fix deployed")
    printed = json.loads(result.stdout)
    assert (printed["id"], printed["message"], printed["affected_resources"]) == ("100001", "Fix deployed", AFFECTED)


def test_update_of_an_unknown_report_is_one_line_and_posts_nothing(cli: CLI) -> None:
    result = cli.run("status-pages", "report", "update", "123", "999", "-m", "y")
    assert result.exit_code == 1
    assert result.stderr == not_found("GET", "/api/v2/status-pages/123/status-reports/999")
    assert cli.writes() == []


def test_update_with_a_bad_status_sends_nothing(cli: CLI) -> None:
    report(cli)
    result = cli.run("status-pages", "report", "update", "123", "98765", "-m", "y", "-a", "42=fixed")
    assert result.exit_code == 2
    assert "'fixed' is not a status of an affected resource" in result.stderr
    assert cli.requests == []


def test_update_needs_a_message(cli: CLI) -> None:
    result = cli.run("status-pages", "report", "update", "123", "98765")
    assert result.exit_code == 2
    assert "Missing option '--message' / '-m'." in result.stderr
    assert cli.requests == []


# report resolve --------------------------------------------------------------------------------


def test_resolve_posts_every_affected_resource_resolved(cli: CLI) -> None:
    report(cli)
    result = cli.run("status-pages", "report", "resolve", "123", "98765")
    assert result.exit_code == 0, result.output
    assert result.stdout == (
        "resolved report 98765 Elevated API error rates with update 100001 (42 resolved, 41 resolved)\n"
    )
    assert cli.writes() == [
        (
            "POST",
            "/api/v2/status-pages/123/status-reports/98765/status-updates",
            {
                "message": "This incident has been resolved.",
                "affected_resources": [
                    {"status_page_resource_id": "42", "status": "resolved"},
                    {"status_page_resource_id": "41", "status": "resolved"},
                ],
            },
        )
    ]
    # The report is operational again.
    printed = json.loads(cli.run("-o", "json", "status-pages", "report", "list", "123").stdout)
    assert printed[0]["aggregate_state"] == "operational"


def test_resolve_a_maintenance_says_it_is_complete(cli: CLI) -> None:
    report(cli, report_type="maintenance")
    cli.run("status-pages", "report", "resolve", "123", "98765")
    assert cli.body()["message"] == "The maintenance is complete."


def test_resolve_with_a_message_and_quiet_prints_the_updates_id(cli: CLI) -> None:
    report(cli)
    result = cli.run("-q", "status-pages", "report", "resolve", "123", "98765", "-m", "Back to normal since 10:12 UTC.")
    assert result.stdout == "100001\n"
    assert cli.body()["message"] == "Back to normal since 10:12 UTC."


def test_resolve_as_json_prints_the_closing_update(cli: CLI) -> None:
    report(cli)
    printed = json.loads(cli.run("-o", "json", "status-pages", "report", "resolve", "123", "98765").stdout)
    assert printed["affected_resources"] == [
        {"status_page_resource_id": "42", "status": "resolved"},
        {"status_page_resource_id": "41", "status": "resolved"},
    ]


def test_resolve_of_an_unknown_report_is_one_line_and_posts_nothing(cli: CLI) -> None:
    result = cli.run("status-pages", "report", "resolve", "123", "999")
    assert result.exit_code == 1
    assert result.stderr == not_found("GET", "/api/v2/status-pages/123/status-reports/999")
    assert cli.writes() == []


def test_resolve_needs_the_page_and_the_report(cli: CLI) -> None:
    result = cli.run("status-pages", "report", "resolve", "123")
    assert result.exit_code == 2
    assert "Missing argument 'report_id'." in result.stderr
    assert cli.requests == []
