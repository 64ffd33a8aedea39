"""`betterstack.uptime.config.plan`: the difference between a file and a team, worked out with GETs only.

On the fake API, with a team made from `tests/fixtures/config/team.yaml` (every kind, references
between them): a plan right after an apply is empty for every kind; a changed file gives exactly
the changed fields, old → new; fields the API rewrites or never returns make no difference;
deletes come only with `prune` and only for the kinds the file lists; every name must resolve,
and a dangling one is an error naming the file's line.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Iterator
from typing import Any

import pytest
import yaml

from betterstack.uptime.config import Change, Config, ConfigError, Plan, loads, plan

from config_teams import TEAM_FILE, Teams

MONITORS = "/api/v2/monitors"
HEARTBEATS = "/api/v2/heartbeats"
GROUPS = "/api/v2/monitor-groups"
KINDS = [
    "urgencies",
    "escalation_policies",
    "monitor_groups",
    "heartbeat_groups",
    "monitors",
    "heartbeats",
    "status_pages",
    "metadata",
]


@pytest.fixture
def teams() -> Iterator[Teams]:
    with Teams() as made:
        yield made


def team_data() -> dict[str, Any]:
    """The team file as data, to edit."""
    data: dict[str, Any] = yaml.safe_load(TEAM_FILE.read_text(encoding="utf-8"))
    return data


def entry(data: dict[str, Any], kind: str, name: str) -> dict[str, Any]:
    identity = "subdomain" if kind == "status_pages" else "pronounceable_name" if kind == "monitors" else "name"
    found: dict[str, Any] = next(item for item in data[kind] if item.get(identity) == name)
    return found


def shape(changes: list[Change]) -> list[tuple[str, str, str, dict[str, tuple[Any, Any]]]]:
    return [(change.kind, change.name, change.action, change.fields) for change in changes]


# Nothing to do ----------------------------------------------------------------------------------


def test_a_plan_right_after_an_apply_is_empty(teams: Teams) -> None:
    team = teams.full()
    found = plan(team.api, loads(TEAM_FILE.read_text(encoding="utf-8"), "team.yaml"), prune=True)
    assert found.is_empty
    assert found.render() == "0 to create, 0 to update, 0 to delete"


@pytest.mark.parametrize("kind", KINDS)
def test_a_plan_right_after_an_apply_is_empty_for_each_kind(teams: Teams, kind: str) -> None:
    team = teams.full()
    only = Config.from_data({"version": 1, kind: team_data()[kind]}, "team.yaml")
    assert plan(team.api, only, prune=True).changes == []


def test_values_the_api_rewrites_or_never_returns_make_no_difference(teams: Teams) -> None:
    team = teams.full()
    data = team_data()
    homepage = entry(data, "monitors", "Homepage")
    homepage["http_method"] = "GET"  # answered as "get"
    homepage["auth_password"] = "a new secret"  # never returned
    homepage["team_name"] = "Staging"  # where it is created, never compared
    del homepage["check_frequency"]  # left out: the team's 30 stands
    critical = entry(data, "escalation_policies", "Critical")
    critical["steps"][0]["wait_before"] = 0  # what leaving it out means
    critical["steps"][0]["wait_until_time"] = None  # as the API returns what a step does not use
    entry(data, "status_pages", "shop")["password"] = "hunter2"
    assert plan(team.api, Config.from_data(data)).is_empty


def test_a_plan_reads_each_list_once_and_writes_nothing(teams: Teams) -> None:
    team = teams.full()
    plan(team.api, loads(TEAM_FILE.read_text(encoding="utf-8")), prune=True)
    assert team.calls() == [
        ("GET", "/api/v2/urgencies"),
        ("GET", "/api/v3/policies"),
        ("GET", "/api/v2/monitor-groups"),
        ("GET", "/api/v2/heartbeat-groups"),
        ("GET", "/api/v2/monitors"),
        ("GET", "/api/v2/heartbeats"),
        ("GET", "/api/v2/status-pages"),
        ("GET", "/api/v3/metadata"),
        ("GET", "/api/v2/status-pages/100014/sections"),
        ("GET", "/api/v2/status-pages/100014/resources"),
    ]


# Differences ------------------------------------------------------------------------------------


def changed_team_file() -> dict[str, Any]:
    """The team file with one or more fields of every kind changed."""
    data = team_data()
    entry(data, "urgencies", "Low")["sms"] = True
    entry(data, "escalation_policies", "Critical")["repeat_count"] = 5
    entry(data, "escalation_policies", "Weekend")["steps"][0]["urgency"] = "High"
    entry(data, "monitor_groups", "Internal")["sort_index"] = 3
    entry(data, "heartbeat_groups", "Backups")["paused"] = True
    homepage = entry(data, "monitors", "Homepage")
    homepage.update(check_frequency=60, regions=["eu"], monitor_group="Internal")
    del entry(data, "monitors", "API health")["policy"]
    entry(data, "monitors", "Database")["paused"] = False
    entry(data, "heartbeats", "Nightly backup")["grace"] = 900
    shop = entry(data, "status_pages", "shop")
    shop["company_name"] = "Shop, Inc."
    services, api = shop["sections"]
    services["resources"][0]["public_name"] = "Shop"
    api["resources"].append(services["resources"].pop(1))
    api["position"] = 2
    data["metadata"][1]["values"] = [{"type": "String", "value": "web"}]
    return data


def test_a_changed_file_plans_exactly_the_changed_fields_old_to_new(teams: Teams) -> None:
    team = teams.full()
    found = plan(team.api, Config.from_data(changed_team_file(), "team.yaml"))
    string = {"type": "String"}
    assert shape(found.changes) == [
        ("urgency", "Low", "update", {"sms": (None, True)}),
        ("escalation_policy", "Critical", "update", {"repeat_count": (3, 5)}),
        (
            "escalation_policy",
            "Weekend",
            "update",
            {
                "steps": (
                    [{"type": "escalation", "urgency": "Low", "step_members": [{"type": "current_on_call"}]}],
                    [{"type": "escalation", "urgency": "High", "step_members": [{"type": "current_on_call"}]}],
                )
            },
        ),
        ("monitor_group", "Internal", "update", {"sort_index": (2, 3)}),
        ("heartbeat_group", "Backups", "update", {"paused": (False, True)}),
        ("monitor", "API health", "update", {"policy": ("Critical", None)}),
        ("monitor", "Database", "update", {"paused": (True, False)}),
        (
            "monitor",
            "Homepage",
            "update",
            {
                "monitor_group": ("Storefront", "Internal"),
                "check_frequency": (30, 60),
                "regions": (["us", "eu"], ["eu"]),
            },
        ),
        ("heartbeat", "Nightly backup", "update", {"grace": (600, 900)}),
        ("status_page", "shop", "update", {"company_name": ("Example Shop", "Shop, Inc.")}),
        ("status_page_section", "shop: API", "update", {"position": (1, 2)}),
        ("status_page_resource", "shop: monitor Homepage", "update", {"public_name": ("Storefront", "Shop")}),
        ("status_page_resource", "shop: heartbeat Nightly backup", "update", {"section": ("Services", "API")}),
        (
            "metadata",
            "monitor Homepage: team",
            "update",
            {"values": ([{**string, "value": "storefront"}], [{**string, "value": "web"}])},
        ),
    ]
    assert {method for method, _ in team.calls()} == {"GET"}


def test_a_plan_renders_a_line_per_change_then_the_summary(teams: Teams) -> None:
    team = teams.full()
    data = changed_team_file()
    data["heartbeats"].append({"name": "Weekly report", "period": 604800, "grace": 3600})
    data["monitor_groups"] = [group for group in data["monitor_groups"] if group["name"] != "Internal"]
    for monitor in data["monitors"]:
        if monitor.get("monitor_group") == "Internal":
            monitor["monitor_group"] = "Storefront"
    found = plan(team.api, Config.from_data(data), prune=True)
    lines = found.render().splitlines()
    assert lines[0] == "~ urgency Low: sms null → true"
    assert '~ monitor Homepage: check_frequency 30 → 60, regions ["us", "eu"] → ["eu"]' in lines
    assert '~ status_page shop: company_name Example Shop → "Shop, Inc."' in lines
    assert "+ heartbeat Weekly report" in lines
    assert lines[-2:] == ["- monitor_group Internal", "1 to create, 13 to update, 1 to delete"]
    assert found.counts() == {"create": 1, "update": 13, "delete": 1}


def test_a_field_left_out_counts_only_where_leaving_it_out_means_something(teams: Teams) -> None:
    team = teams.full()
    data = team_data()
    homepage = entry(data, "monitors", "Homepage")
    for name in ("monitor_group", "policy", "regions", "check_frequency", "request_headers"):
        del homepage[name]
    found = plan(team.api, Config.from_data(data))
    # No group and no policy is what a monitor without them has; the rest stays as the team has it.
    assert shape(found.changes) == [
        ("monitor", "Homepage", "update", {"monitor_group": ("Storefront", None), "policy": ("Critical", None)})
    ]


def test_a_reference_left_out_reads_as_a_name_even_when_its_kind_is_not_in_the_file(teams: Teams) -> None:
    team = teams.full()
    homepage = entry(team_data(), "monitors", "Homepage")
    del homepage["policy"], homepage["expiration_policy"]
    found = plan(team.api, Config.from_data({"version": 1, "monitors": [homepage]}))
    assert shape(found.changes) == [
        ("monitor", "Homepage", "update", {"policy": ("Critical", None), "expiration_policy": ("Weekend", None)})
    ]


def test_a_secret_is_never_shown_even_on_create(teams: Teams) -> None:
    team = teams.new()
    text = "version: 1\nmonitors:\n- url: https://a.example\n  monitor_type: status\n  auth_password: hunter2\n"
    found = plan(team.api, loads(text))
    assert shape(found.changes) == [
        (
            "monitor",
            "https://a.example",
            "create",
            {"url": (None, "https://a.example"), "monitor_type": (None, "status")},
        )
    ]
    assert "hunter2" not in found.render()
    assert "hunter2" not in repr(found)


# Prune ------------------------------------------------------------------------------------------


def test_without_prune_nothing_is_deleted(teams: Teams) -> None:
    team = teams.full()
    data = team_data()
    data["monitors"] = data["monitors"][:1]
    assert plan(team.api, Config.from_data(data)).is_empty


def test_prune_deletes_only_within_the_kinds_the_file_lists(teams: Teams) -> None:
    team = teams.full()
    data = team_data()
    only = {"version": 1, "monitors": [entry(data, "monitors", "Homepage")], "heartbeats": []}
    found = plan(team.api, Config.from_data(only), prune=True)
    assert [(change.action, change.kind, change.name) for change in found.changes] == [
        ("delete", "heartbeat", "Hourly sync"),
        ("delete", "heartbeat", "Nightly backup"),
        ("delete", "monitor", "API health"),
        ("delete", "monitor", "Database"),
    ]
    assert found.changes[0].fields == {"period": (3600, None), "grace": (300, None), "paused": (True, None)}


def test_prune_of_a_page_deletes_sections_and_resources_the_file_leaves_out(teams: Teams) -> None:
    team = teams.full()
    data = team_data()
    shop = entry(data, "status_pages", "shop")
    shop["sections"] = shop["sections"][:1]
    shop["sections"][0]["resources"] = shop["sections"][0]["resources"][:1]
    found = plan(team.api, Config.from_data({"version": 1, "status_pages": [shop]}), prune=True)
    assert [change.render() for change in found.changes] == [
        "- status_page_resource shop: heartbeat Nightly backup",
        "- status_page_resource shop: monitor API health",
        "- status_page_section shop: API",
    ]


def test_a_page_without_sections_in_the_file_leaves_them_alone(teams: Teams) -> None:
    team = teams.full()
    shop = entry(team_data(), "status_pages", "shop")
    del shop["sections"]
    assert plan(team.api, Config.from_data({"version": 1, "status_pages": [shop]}), prune=True).is_empty


def test_metadata_of_other_owners_is_neither_read_as_managed_nor_deleted(teams: Teams) -> None:
    values = [{"type": "String", "value": "checkout"}]
    record = {"id": "9", "owner_type": "Incident", "owner_id": "5", "key": "Service", "values": values}
    team = teams.new({"/api/v3/metadata": [record]})
    assert plan(team.api, loads("version: 1\nmetadata: []\n"), prune=True).is_empty


# Names ------------------------------------------------------------------------------------------


def test_names_resolve_to_the_file_and_to_the_team(teams: Teams) -> None:
    team = teams.full()
    # "Storefront" is only in the team, "Checkout" only in the file.
    text = """version: 1
monitors:
- pronounceable_name: Cart
  url: https://shop.example.com/cart
  monitor_type: status
  monitor_group: Checkout
  policy: Critical
- pronounceable_name: Search
  url: https://shop.example.com/search
  monitor_type: status
  monitor_group: Storefront
monitor_groups:
- name: Checkout
"""
    found = plan(team.api, loads(text))
    assert [change.render() for change in found.changes] == [
        "+ monitor_group Checkout",
        "+ monitor Cart",
        "+ monitor Search",
    ]


def dangling(monitor_group: str) -> str:
    return f"""version: 1
monitor_groups:
- name: Storefront
monitors:
- pronounceable_name: Homepage
  url: https://example.com
  monitor_type: status
  monitor_group: {monitor_group}
"""


def test_a_name_nothing_has_is_an_error_naming_the_file_line(teams: Teams) -> None:
    team = teams.new()
    with pytest.raises(ConfigError) as caught:
        plan(team.api, loads(dangling("Storefrnt"), "monitors.yaml"))
    assert str(caught.value) == (
        "monitors.yaml:8: monitor 'Homepage' names monitor_group 'Storefrnt', which the file and the team do not have"
    )
    assert {method for method, _ in team.calls()} == {"GET"}


def test_a_name_nothing_has_in_a_json_file_is_named_at_its_line(teams: Teams) -> None:
    data = yaml.safe_load(dangling("Storefrnt"))
    text = json.dumps(data, indent=2)
    line = text.splitlines().index('      "monitor_group": "Storefrnt"') + 1
    with pytest.raises(ConfigError, match=rf"^monitors\.json:{line}: monitor 'Homepage' names monitor_group"):
        plan(teams.new().api, loads(text, "monitors.json"))


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (
            lambda data: entry(data, "escalation_policies", "Weekend")["steps"][0].update(urgency="Hihg"),
            "team.yaml:34: escalation_policy 'Weekend' names urgency 'Hihg', which",
        ),
        (
            lambda data: entry(data, "status_pages", "shop")["sections"][1]["resources"][0].update(monitor="API"),
            "team.yaml:108: status_page_resource 'shop: monitor API' names monitor 'API', which",
        ),
        (
            lambda data: data["metadata"][0]["owner"].update(heartbeat="Nightly"),
            "team.yaml:113: metadata 'heartbeat Nightly: runbook' names heartbeat 'Nightly', which",
        ),
    ],
)
def test_names_in_steps_resources_and_owners_must_resolve_too(teams: Teams, edit: Any, message: str) -> None:
    data = team_data()
    edit(data)
    text = yaml.safe_dump(data, sort_keys=False)
    with pytest.raises(ConfigError) as caught:
        plan(teams.full().api, loads(text, "team.yaml"))
    assert str(caught.value).startswith(message)


def test_a_name_prune_would_delete_is_an_error(teams: Teams) -> None:
    team = teams.full()
    text = dangling("Internal")
    with pytest.raises(
        ConfigError, match=r"^m\.yaml:8: .* names monitor_group 'Internal', which the file does not list"
    ):
        plan(team.api, loads(text, "m.yaml"), prune=True)
    assert not plan(team.api, loads(text, "m.yaml")).is_empty


def test_a_name_two_resources_of_the_team_have_is_an_error(teams: Teams) -> None:
    team = teams.new({GROUPS: [{"id": "1", "name": "Storefront"}, {"id": "2", "name": "Storefront"}]})
    text = "version: 1\nmonitors:\n- url: https://a.example\n  monitor_type: status\n  monitor_group: Storefront\n"
    with pytest.raises(
        ConfigError, match=r"names monitor_group 'Storefront', which 2 resources of the team are called"
    ):
        plan(team.api, loads(text))


def test_an_entry_matching_two_resources_is_an_error(teams: Teams) -> None:
    team = teams.new({HEARTBEATS: [{"id": "1", "name": "Backup"}, {"id": "2", "name": "Backup"}]})
    with pytest.raises(
        ConfigError, match=r"^<text>:3: heartbeat 'Backup' matches 2 resources of the team \(ids 1, 2\)"
    ):
        plan(team.api, loads("version: 1\nheartbeats:\n- name: Backup\n  period: 60\n  grace: 0\n"))


def test_an_id_names_what_the_file_cannot_name_and_a_known_id_compares_as_its_name(teams: Teams) -> None:
    team = teams.full()
    data = team_data()
    entry(data, "monitors", "Homepage")["monitor_group"] = 100006  # Storefront's id
    entry(data, "monitors", "Database")["policy"] = 424242  # no policy of the team
    found = plan(team.api, Config.from_data(data))
    assert shape(found.changes) == [("monitor", "Database", "update", {"policy": (None, 424242)})]


# Values -----------------------------------------------------------------------------------------


def test_a_value_the_api_refuses_is_an_error_at_its_line(teams: Teams) -> None:
    team = teams.full()
    text = TEAM_FILE.read_text(encoding="utf-8").replace("check_frequency: 60", "check_frequency: often")
    with pytest.raises(ConfigError) as caught:
        plan(team.api, loads(text, "team.yaml"))
    assert (
        str(caught.value) == "team.yaml:53: monitor 'API health': check_frequency must be an integer, not 'often' (str)"
    )


def test_a_new_entry_missing_a_required_field_is_an_error(teams: Teams) -> None:
    with pytest.raises(ConfigError) as caught:
        plan(
            teams.new().api,
            loads("version: 1\nmonitors:\n- pronounceable_name: A\n  url: https://a.example\n", "m.yaml"),
        )
    assert str(caught.value) == "m.yaml:3: monitor 'A': missing the required field monitor_type"


def test_policies_are_created_after_those_they_branch_to(teams: Teams) -> None:
    data = team_data()
    critical, weekend = data["escalation_policies"]
    data["escalation_policies"] = [critical, weekend]
    found = plan(
        teams.new().api, Config.from_data({"version": 1, **{k: data[k] for k in ("urgencies", "escalation_policies")}})
    )
    assert [change.name for change in found.changes] == ["High", "Low", "Weekend", "Critical"]


def test_new_policies_naming_each_other_are_an_error(teams: Teams) -> None:
    data = team_data()
    weekend = entry(data, "escalation_policies", "Weekend")
    weekend["fallback_policy"] = "Critical"
    config = Config.from_data(
        {"version": 1, "urgencies": data["urgencies"], "escalation_policies": data["escalation_policies"]}
    )
    with pytest.raises(ConfigError, match=r"the new escalation_policy entries 'Critical', 'Weekend' name each other"):
        plan(teams.new().api, config)


def test_a_plan_is_plain_data() -> None:
    change = Change("monitor", "Homepage", "update", {"check_frequency": (30, 60)})
    assert change.render() == "~ monitor Homepage: check_frequency 30 → 60"
    assert Change("heartbeat", "Old backup", "delete").render() == "- heartbeat Old backup"
    assert (
        Plan([change]).render() == "~ monitor Homepage: check_frequency 30 → 60\n0 to create, 1 to update, 0 to delete"
    )
    assert copy.deepcopy(change) == change
