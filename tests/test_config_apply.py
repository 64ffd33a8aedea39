"""`betterstack.uptime.config.apply`: a plan's changes on the wire, in dependency order, and failures.

On the fake API: creates name what they refer to by the ids of resources found or just created;
updates PATCH exactly the changed fields; deletes run in reverse order; secrets are sent on
create. A fault midway leaves a result naming what was applied and what was not, and a second
plan and apply finish the job.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
import yaml

from betterstack.uptime import APIConnectionError, ServerError
from betterstack.uptime.config import Change, Config, ConfigError, Plan, apply, export, load, loads, plan
from betterstack.uptime.testing import Fault

from config_teams import TEAM_FILE, Teams

ID_OF = {
    "High": 100001,
    "Low": 100002,
    "Weekend": 100003,
    "Critical": 100004,
    "Internal": 100005,
    "Storefront": 100006,
    "Backups": 100007,
    "Homepage": 100011,  # after its request header, 100010
    "Nightly backup": 100013,
    "shop": 100014,
}


@pytest.fixture
def teams() -> Iterator[Teams]:
    with Teams() as made:
        yield made


def team_data() -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(TEAM_FILE.read_text(encoding="utf-8"))
    return data


# Creates ----------------------------------------------------------------------------------------


def test_creates_run_in_dependency_order_with_names_turned_into_ids(teams: Teams) -> None:
    team = teams.new()
    result = apply(team.api, plan(team.api, load(TEAM_FILE)))
    assert result.ok
    posts = [(method, path) for method, path in team.calls() if method != "GET"]
    assert posts == [
        ("POST", "/api/v2/urgencies"),
        ("POST", "/api/v2/urgencies"),
        ("POST", "/api/v3/policies"),
        ("POST", "/api/v3/policies"),
        ("POST", "/api/v2/monitor-groups"),
        ("POST", "/api/v2/monitor-groups"),
        ("POST", "/api/v2/heartbeat-groups"),
        ("POST", "/api/v2/monitors"),
        ("POST", "/api/v2/monitors"),
        ("POST", "/api/v2/monitors"),
        ("POST", "/api/v2/heartbeats"),
        ("POST", "/api/v2/heartbeats"),
        ("POST", "/api/v2/status-pages"),
        ("POST", "/api/v2/status-pages/100014/sections"),
        ("POST", "/api/v2/status-pages/100014/sections"),
        ("POST", "/api/v2/status-pages/100014/resources"),
        ("POST", "/api/v2/status-pages/100014/resources"),
        ("POST", "/api/v2/status-pages/100014/resources"),
        ("POST", "/api/v3/metadata"),
        ("POST", "/api/v3/metadata"),
    ]
    bodies = {
        (path, body.get("name") or body.get("pronounceable_name") or body.get("public_name") or body.get("key")): body
        for _, path, body in team.writes()
    }
    assert bodies[("/api/v3/policies", "Critical")] == {
        "name": "Critical",
        "repeat_count": 3,
        "repeat_delay": 60,
        "steps": [
            {
                "type": "escalation",
                "urgency_id": ID_OF["High"],
                "step_members": [{"type": "current_on_call"}, {"type": "user", "email": "alice@example.com"}],
            },
            {
                "type": "time_branching",
                "wait_before": 300,
                "timezone": "Prague",
                "days": ["sat", "sun"],
                "time_from": "00:00",
                "time_to": "23:59",
                "policy_id": ID_OF["Weekend"],
            },
        ],
    }
    assert bodies[("/api/v2/monitors", "Homepage")] == {
        "pronounceable_name": "Homepage",
        "email": True,
        "monitor_type": "status",
        "url": "https://example.com",
        "monitor_group_id": ID_OF["Storefront"],
        "policy_id": ID_OF["Critical"],
        "expiration_policy_id": ID_OF["Weekend"],
        "check_frequency": 30,
        "http_method": "get",
        "request_headers": [{"name": "X-Check", "value": "uptime"}],
        "ssl_expiration": 14,
        "regions": ["us", "eu"],
    }
    assert bodies[("/api/v2/status-pages/100014/resources", "Backups")] == {
        "public_name": "Backups",
        "widget_type": "plain",
        "status_page_section_id": 100015,
        "resource_type": "Heartbeat",
        "resource_id": ID_OF["Nightly backup"],
    }
    assert bodies[("/api/v3/metadata", "runbook")] == {
        "owner_id": str(ID_OF["Nightly backup"]),
        "owner_type": "Heartbeat",
        "key": "runbook",
        "values": [{"type": "String", "value": "https://wiki.example.com/backups"}],
    }


def test_secrets_are_sent_on_create(teams: Teams) -> None:
    team = teams.new()
    text = """version: 1
monitors:
- url: https://a.example
  monitor_type: status
  auth_username: probe
  auth_password: hunter2
status_pages:
- subdomain: shop
  company_name: Shop
  company_url: https://shop.example.com
  timezone: Amsterdam
  password: hunter3
  password_enabled: true
"""
    assert apply(team.api, plan(team.api, loads(text))).ok
    monitor, page = (body for _, _, body in team.writes())
    assert (monitor["auth_password"], page["password"]) == ("hunter2", "hunter3")
    assert "pronounceable_name" not in monitor  # matched by its url, as it reads back with no name


# Updates and deletes ----------------------------------------------------------------------------


def test_updates_patch_only_the_changed_fields(teams: Teams) -> None:
    team = teams.full()
    data = team_data()
    homepage = next(monitor for monitor in data["monitors"] if monitor["pronounceable_name"] == "Homepage")
    homepage.update(check_frequency=60, regions=["eu"], monitor_group="Internal")
    data["escalation_policies"][1]["steps"][0]["urgency"] = "High"
    shop = data["status_pages"][0]
    shop["sections"][1]["resources"].append(shop["sections"][0]["resources"].pop(1))
    data["metadata"][1]["values"] = [{"type": "String", "value": "web"}]
    result = apply(team.api, plan(team.api, Config.from_data(data)))
    assert result.ok
    assert team.writes() == [
        (
            "PATCH",
            "/api/v3/policies/100003",
            {
                "steps": [
                    {"type": "escalation", "urgency_id": ID_OF["High"], "step_members": [{"type": "current_on_call"}]}
                ]
            },
        ),
        (
            "PATCH",
            "/api/v2/monitors/100011",
            {"monitor_group_id": ID_OF["Internal"], "check_frequency": 60, "regions": ["eu"]},
        ),
        ("PATCH", "/api/v2/status-pages/100014/resources/100018", {"status_page_section_id": 100016}),
        (
            "POST",
            "/api/v3/metadata",
            {
                "owner_id": "100011",
                "owner_type": "Monitor",
                "key": "team",
                "values": [{"type": "String", "value": "web"}],
            },
        ),
    ]
    assert plan(team.api, Config.from_data(data)).is_empty


def test_request_headers_keep_the_ids_of_headers_of_the_same_name(teams: Teams) -> None:
    team = teams.full()
    data = team_data()
    homepage = next(monitor for monitor in data["monitors"] if monitor["pronounceable_name"] == "Homepage")
    homepage["request_headers"] = [{"name": "X-Check", "value": "v2"}, {"name": "X-Env", "value": "prod"}]
    assert apply(team.api, plan(team.api, Config.from_data(data))).ok
    headers = [{"name": "X-Check", "value": "v2", "id": "100010"}, {"name": "X-Env", "value": "prod"}]
    assert team.writes() == [("PATCH", "/api/v2/monitors/100011", {"request_headers": headers})]
    homepage["request_headers"] = [{"name": "X-Env", "value": "prod"}]
    assert apply(team.api, plan(team.api, Config.from_data(data))).ok
    assert team.writes()[-1] == (
        "PATCH",
        "/api/v2/monitors/100011",
        {"request_headers": [{"name": "X-Env", "value": "prod", "id": "100022"}, {"id": "100010", "_destroy": "true"}]},
    )
    assert plan(team.api, Config.from_data(data)).is_empty


def test_pruned_resources_are_deleted_in_reverse_dependency_order(teams: Teams) -> None:
    team = teams.full()
    empty: dict[str, list[Any]] = {
        key: [] for key in ("urgencies", "escalation_policies", "monitor_groups", "heartbeat_groups")
    }
    keep = {"version": 1, **empty, "monitors": [], "heartbeats": [], "status_pages": [], "metadata": []}
    result = apply(team.api, plan(team.api, Config.from_data(keep), prune=True))
    assert result.ok
    assert team.writes() == [
        ("POST", "/api/v3/metadata", {"owner_id": "100013", "owner_type": "Heartbeat", "key": "runbook", "values": []}),
        ("POST", "/api/v3/metadata", {"owner_id": "100011", "owner_type": "Monitor", "key": "team", "values": []}),
        ("DELETE", "/api/v2/status-pages/100014", None),
        ("DELETE", "/api/v2/heartbeats/100012", None),
        ("DELETE", "/api/v2/heartbeats/100013", None),
        ("DELETE", "/api/v2/monitors/100008", None),
        ("DELETE", "/api/v2/monitors/100009", None),
        ("DELETE", "/api/v2/monitors/100011", None),
        ("DELETE", "/api/v2/heartbeat-groups/100007", None),
        ("DELETE", "/api/v2/monitor-groups/100005", None),
        ("DELETE", "/api/v2/monitor-groups/100006", None),
        ("DELETE", "/api/v3/policies/100004", None),
        ("DELETE", "/api/v3/policies/100003", None),
        ("DELETE", "/api/v2/urgencies/100001", None),
        ("DELETE", "/api/v2/urgencies/100002", None),
    ]
    assert export(team.api) == Config.from_data(keep)


# Failures ---------------------------------------------------------------------------------------


def test_a_failure_midway_stops_and_says_what_was_and_was_not_applied(teams: Teams) -> None:
    team = teams.new()
    team.fake.faults.add(Fault("status", status=500), method="POST", path=r"/monitors$", after=2)
    first = plan(team.api, load(TEAM_FILE))
    result = apply(team.api, first)
    assert not result.ok
    assert result.failed is not None and result.failed.render() == "+ monitor Homepage"
    assert isinstance(result.error, ServerError) and result.error.status_code == 500
    assert [change.name for change in result.applied][-2:] == ["API health", "Database"]
    assert len(result.applied) == 9
    assert [change.render() for change in result.remaining][:2] == [
        "+ heartbeat Hourly sync",
        "+ heartbeat Nightly backup",
    ]
    assert len(result.remaining) == 10
    lines = result.render().splitlines()
    assert lines[9].startswith("failed: + monitor Homepage: [500] Injected failure. (POST ")
    assert lines[-1] == "9 applied, 1 failed, 10 not tried; run plan and apply again to finish"

    second = plan(team.api, load(TEAM_FILE))
    assert len(second.changes) == 11 and second.changes[0].render() == "+ monitor Homepage"
    assert apply(team.api, second).ok
    assert plan(team.api, load(TEAM_FILE), prune=True).is_empty


def test_a_create_whose_answer_was_lost_is_not_made_twice(teams: Teams) -> None:
    team = teams.new()
    team.fake.faults.add(Fault("drop_after"), method="POST", path=r"/monitor-groups$")
    result = apply(team.api, plan(team.api, load(TEAM_FILE)))
    assert isinstance(result.error, APIConnectionError)
    assert result.failed is not None and result.failed.render() == "+ monitor_group Internal"
    assert len(team.fake.collection("/api/v2/monitor-groups")) == 1  # made, though the answer was lost
    second = plan(team.api, load(TEAM_FILE))
    assert "+ monitor_group Internal" not in second.render()
    assert apply(team.api, second).ok
    assert plan(team.api, load(TEAM_FILE), prune=True).is_empty
    assert len(team.fake.collection("/api/v2/monitor-groups")) == 2


def test_a_failed_update_converges_on_the_next_run(teams: Teams) -> None:
    team = teams.full()
    data = team_data()
    for monitor in data["monitors"]:
        monitor["check_frequency"] = 120
    team.fake.faults.add(Fault("status", status=422, body=b'{"errors": {"base": ["busy"]}}'), method="PATCH", after=1)
    result = apply(team.api, plan(team.api, Config.from_data(data)))
    assert (len(result.applied), len(result.remaining)) == (1, 1)
    assert apply(team.api, plan(team.api, Config.from_data(data))).ok
    assert plan(team.api, Config.from_data(data)).is_empty


# The call ---------------------------------------------------------------------------------------


def test_progress_hears_of_each_change_once_made(teams: Teams) -> None:
    team = teams.new()
    heard: list[str] = []
    changes = plan(team.api, loads("version: 1\nmonitor_groups:\n- name: A\n- name: B\n"))
    result = apply(team.api, changes, progress=lambda change: heard.append(change.render()))
    assert heard == ["+ monitor_group A", "+ monitor_group B"]
    assert result.render() == "applied: + monitor_group A\napplied: + monitor_group B\n2 applied"


def test_a_plan_is_applied_once(teams: Teams) -> None:
    team = teams.new()
    changes = plan(team.api, loads("version: 1\nmonitor_groups:\n- name: A\n"))
    apply(team.api, changes)
    with pytest.raises(ConfigError, match=r"^this plan was applied already; make a new one"):
        apply(team.api, changes)
    assert len(team.fake.collection("/api/v2/monitor-groups")) == 1


def test_a_plan_made_by_hand_is_refused(teams: Teams) -> None:
    with pytest.raises(ConfigError, match=r"^apply takes a plan made by plan\(api, config\)"):
        apply(teams.new().api, Plan([Change("monitor_group", "A", "create")]))
