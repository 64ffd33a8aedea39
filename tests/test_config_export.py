"""`betterstack.uptime.config`: export, and the file it writes and reads (`dump`, `load`, `loads`).

On the fake API: a team exported, applied into an empty team and exported again gives the same
file; export sends only GETs, writes names for ids, leaves out defaults, read-only fields and
secrets. Loading checks every entry and names the file and line of what it refuses.
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest

import betterstack.uptime.config
from betterstack.uptime.config import (
    SCHEMA_URL,
    Config,
    ConfigError,
    apply,
    dump,
    export,
    load,
    loads,
    plan,
)

from config_teams import FIXTURES, ROOT, Teams, demo_seed

MONITORS = "/api/v2/monitors"


@pytest.fixture
def teams() -> Iterator[Teams]:
    with Teams() as made:
        yield made


def text_of(name: str) -> str:
    return (FIXTURES / name).read_text(encoding="utf-8")


# Export -----------------------------------------------------------------------------------------


def test_export_of_the_demo_team_names_references_and_leaves_out_defaults(teams: Teams) -> None:
    team = teams.new(demo_seed())
    assert dump(export(team.api)) == text_of("demo.yaml")


def test_export_sends_one_get_per_list_and_per_status_page_child(teams: Teams) -> None:
    team = teams.new(demo_seed())
    export(team.api)
    assert team.calls() == [
        ("GET", "/api/v2/urgencies"),
        ("GET", "/api/v3/policies"),
        ("GET", "/api/v2/monitor-groups"),
        ("GET", "/api/v2/heartbeat-groups"),
        ("GET", "/api/v2/monitors"),
        ("GET", "/api/v2/heartbeats"),
        ("GET", "/api/v2/status-pages"),
        ("GET", "/api/v3/metadata"),
        ("GET", "/api/v2/status-pages/123/sections"),
        ("GET", "/api/v2/status-pages/123/resources"),
    ]
    assert {request.url.params["per_page"] for request in team.requests} == {"250"}


def test_export_then_apply_into_an_empty_team_then_export_gives_the_same_file(teams: Teams) -> None:
    source, target = teams.new(demo_seed()), teams.new()
    text = dump(export(source.api))
    result = apply(target.api, plan(target.api, loads(text, "demo.yaml")))
    assert result.ok, result.error
    assert dump(export(target.api)) == text


def test_a_team_of_every_kind_applied_from_a_file_exports_as_that_file(teams: Teams) -> None:
    team = teams.new()
    result = apply(team.api, plan(team.api, load(FIXTURES / "team.yaml")))
    assert result.ok, result.error
    assert len(result.applied) == 20
    assert dump(export(team.api)) == text_of("team.yaml")


def test_json_export_loads_back_to_the_same_configuration(teams: Teams) -> None:
    exported = export(teams.full().api)
    text = dump(exported, format="json")
    assert json.loads(text)["$schema"] == SCHEMA_URL
    assert loads(text) == exported
    assert loads(dump(exported)) == exported


def test_export_writes_no_secret_no_read_only_field_and_no_team_name(teams: Teams) -> None:
    team = teams.new()
    config = loads(
        """
version: 1
monitors:
- pronounceable_name: Login
  url: https://example.com/login
  monitor_type: status
  auth_username: probe
  auth_password: hunter2-monitor
  environment_variables: {TOKEN: hunter2-env}
  team_name: Production
status_pages:
- subdomain: shop
  company_name: Shop
  company_url: https://shop.example.com
  timezone: Amsterdam
  password: hunter2-page
  password_enabled: true
heartbeats:
- name: Backup
  period: 60
  grace: 0
"""
    )
    assert apply(team.api, plan(team.api, config)).ok
    exported = export(team.api)
    text = dump(exported)
    for secret in ("hunter2", "team_name", "Production", "heartbeat/", "status:", "created_at", "id:"):
        assert secret not in text
    assert exported.monitors == [
        {
            "pronounceable_name": "Login",
            "monitor_type": "status",
            "url": "https://example.com/login",
            "auth_username": "probe",
        }
    ]
    assert exported.heartbeats == [{"name": "Backup", "period": 60, "grace": 0}]


def test_a_monitor_without_a_name_is_written_with_its_url_and_plans_empty(teams: Teams) -> None:
    team = teams.new({MONITORS: [{"id": "1", "url": "https://example.com", "monitor_type": "status"}]})
    exported = export(team.api)
    assert exported.monitors == [
        {"pronounceable_name": "https://example.com", "monitor_type": "status", "url": "https://example.com"}
    ]
    assert plan(team.api, exported).is_empty


def test_two_monitors_of_one_name_are_refused_with_their_ids(teams: Teams) -> None:
    monitor = {"url": "https://example.com", "pronounceable_name": "Homepage", "monitor_type": "status"}
    team = teams.new({MONITORS: [{"id": "1", **monitor}, {"id": "2", **monitor}]})
    with pytest.raises(ConfigError) as caught:
        export(team.api)
    assert str(caught.value) == (
        "<export>: monitor 'Homepage' names two resources (ids 1 and 2); give each a name of its own "
        "(pronounceable_name) and export again"
    )


def test_a_reference_to_a_resource_the_team_lacks_is_exported_as_its_id(teams: Teams) -> None:
    team = teams.new({MONITORS: [{"id": "1", "url": "https://a.example", "monitor_type": "status", "policy_id": 77}]})
    exported = export(team.api)
    assert exported.monitors is not None
    assert exported.monitors[0]["policy"] == 77
    assert plan(team.api, exported).is_empty


def test_the_yaml_points_editors_at_the_schema() -> None:
    assert dump(Config()).splitlines() == [f"# yaml-language-server: $schema={SCHEMA_URL}", "version: 1"]
    assert SCHEMA_URL.endswith("/betterstack_sdk/config.schema.json")


def test_dump_writes_text_of_several_lines_as_a_block() -> None:
    config = Config(status_pages=[{"subdomain": "shop", "custom_css": "body {\n  color: red;\n}\n"}])
    assert "  custom_css: |\n    body {\n      color: red;\n    }\n" in dump(config)
    assert loads(dump(config)) == config


def test_dump_refuses_an_unknown_format() -> None:
    with pytest.raises(ConfigError, match=r"^format must be 'yaml' or 'json', not 'toml'$"):
        dump(Config(), format="toml")  # type: ignore[arg-type]


# Reading files ----------------------------------------------------------------------------------


def test_load_reads_yaml_and_json_alike(tmp_path: Path) -> None:
    data = {"version": 1, "monitors": [{"pronounceable_name": "A", "url": "https://a.example", "monitor_type": "ping"}]}
    (tmp_path / "a.json").write_text(json.dumps(data))
    (tmp_path / "a.yaml").write_text(dump(Config(monitors=data["monitors"])))  # type: ignore[arg-type]
    assert load(tmp_path / "a.json") == load(tmp_path / "a.yaml") == Config(monitors=data["monitors"])  # type: ignore[arg-type]
    assert load(tmp_path / "a.json").source == str(tmp_path / "a.json")


def test_json_needs_no_pyyaml_and_yaml_names_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "yaml", None)
    assert loads('{"version": 1, "monitor_groups": [{"name": "A"}]}').monitor_groups == [{"name": "A"}]
    assert dump(Config(), format="json").startswith("{")
    with pytest.raises(
        ConfigError, match=r"^reading and writing YAML needs PyYAML: pip install 'betterstack-sdk\[cli\]'$"
    ):
        loads("version: 1\n")
    with pytest.raises(ConfigError, match=r"pip install 'betterstack-sdk\[cli\]'"):
        dump(Config())


def test_importing_the_sdk_loads_neither_the_config_package_nor_yaml() -> None:
    code = (
        "import sys, betterstack.uptime, betterstack.uptime.objects;"
        "assert 'betterstack.uptime.config' not in sys.modules;"
        "import betterstack.uptime.config;"
        "assert 'yaml' not in sys.modules, 'yaml'"
    )
    subprocess.run([sys.executable, "-c", code], check=True, cwd=ROOT)


def test_a_missing_file_is_a_config_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match=r"nope\.yaml: cannot read the file: No such file or directory$"):
        load(tmp_path / "nope.yaml")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("version: 1\nmonitors: [\n", "t.yaml:3: not valid YAML: "),
        ('{"version": 1,\n "monitors": [}\n', "t.yaml:2: not valid JSON: Expecting value"),
        ("- 1\n", "t.yaml:1: a configuration is a mapping of kinds (version, monitors, ...), not [1]"),
        ("version: 2\n", "t.yaml:1: version must be 1, not 2"),
        ("version: 1\nmonitor: []\n", "t.yaml:2: unknown kind 'monitor'; did you mean 'monitors'?; known: version, "),
        ("version: 1\nmonitors:\n", "t.yaml:2: monitors must be a list of monitor entries ([] for none), not None"),
        (
            "version: 1\nmonitors:\n- Homepage\n",
            "t.yaml:3: each of monitors is a mapping of monitor fields, not 'Homepage'",
        ),
        (
            "version: 1\nmonitors:\n- pronounceable_name: A\n  url: https://a.example\n  chek_frequency: 30\n",
            "t.yaml:5: monitor has no field 'chek_frequency'; did you mean 'check_frequency'?",
        ),
        (
            "version: 1\nmonitors:\n- url: https://a.example\n  monitor_group_id: 12\n",
            "t.yaml:4: monitor names monitor_group by its name: write monitor_group: <name>",
        ),
        ("version: 1\nmonitors:\n- url: https://a.example\n  status: up\n", "t.yaml:4: 'status' is read-only"),
        (
            "version: 1\nmonitors:\n- monitor_type: ping\n",
            "t.yaml:3: each monitor needs its pronounceable_name (or its url)",
        ),
        (
            "version: 1\nheartbeats:\n- name: A\n- name: B\n- name: A\n",
            "t.yaml:5: a second heartbeat 'A' (the first is at t.yaml:3); each must be unique",
        ),
        (
            "version: 1\nheartbeats:\n- name: A\n  heartbeat_group: [Backups]\n",
            "t.yaml:4: heartbeat_group names a heartbeat_group by its name (or id), not ['Backups']",
        ),
        (
            "version: 1\nstatus_pages:\n- subdomain: shop\n  sections:\n  - name: Web\n"
            "    resources:\n    - public_name: X\n",
            "t.yaml:7: a status page resource names what it shows by one of monitor, heartbeat, monitor_group, "
            "heartbeat_group, resource_type; found none of them",
        ),
        (
            "version: 1\nstatus_pages:\n- subdomain: shop\n  sections:\n  - name: Web\n  - name: Web\n",
            "t.yaml:6: a second status_page_section 'Web' (the first is at t.yaml:5)",
        ),
        (
            "version: 1\nmetadata:\n- owner: Homepage\n  key: team\n  values: []\n",
            "t.yaml:3: metadata names its owner as {monitor: <name>} or {heartbeat: <name>}, not 'Homepage'",
        ),
    ],
)
def test_a_file_that_is_not_a_configuration_is_refused_at_its_line(text: str, message: str) -> None:
    with pytest.raises(ConfigError) as caught:
        loads(text, "t.yaml")
    assert str(caught.value).startswith(message)


def test_json_errors_name_the_line_of_the_key() -> None:
    entry = {"url": "https://a.example", "paused": True, "recovery_perod": 60}
    text = json.dumps({"version": 1, "monitors": [entry]}, indent=2)
    line = text.splitlines().index('      "recovery_perod": 60') + 1
    with pytest.raises(ConfigError) as caught:
        loads(text, "m.json")
    assert str(caught.value) == f"m.json:{line}: monitor has no field 'recovery_perod'; did you mean 'recovery_period'?"


def test_a_json_schema_key_is_taken_and_left_out() -> None:
    config = load(FIXTURES / "monitors.json")
    assert config.to_data() == {
        "version": 1,
        "monitors": [{"pronounceable_name": "Homepage", "url": "https://example.com", "monitor_type": "status"}],
    }


def test_the_public_names_are_exported() -> None:
    package = vars(betterstack.uptime.config)
    public = {name for name, value in package.items() if not name.startswith("_") and not isinstance(value, ModuleType)}
    assert set(betterstack.uptime.config.__all__) == public


def test_every_id_a_body_takes_is_a_name_in_the_file() -> None:
    from betterstack.uptime._validation import body_properties
    from betterstack.uptime.config._kinds import KINDS, Reference

    for kind in KINDS:
        for operation in {kind.create, kind.update or kind.create}:
            for wire, schema in body_properties(operation).items():
                if schema.get("$ref", "").endswith("/ForeignKeyId") and wire not in kind.hidden:
                    codec = next(codec for codec in kind.field_codecs.values() if codec.wire == wire)
                    assert isinstance(codec, Reference), (kind.name, wire)
                    assert codec.field == ("section" if codec.scoped else wire.removesuffix("_id"))
