"""`betterstack export`, `plan` and `apply` against the seeded fake: the wire and the screen."""

from __future__ import annotations

import dataclasses
import json
import os
import re
import shlex
import sys
from pathlib import Path

import pexpect  # type: ignore[import-untyped]
import pytest
import yaml

from betterstack.uptime.cli import config_commands
from betterstack.uptime.config import Config
from betterstack.uptime.testing import DEFAULT_TOKEN, FakeUptime, Fault, serve

from cli_runs import CLI

README = Path(__file__).parent.parent / "README.md"
SCHEMA_LINE = re.compile(r"# yaml-language-server: \$schema=\S+config\.schema\.json\n")
SEED = Path(__file__).parent.parent / "examples" / "seed.json"
# CSI sequences (styles, cursor moves), and the carriage returns of a terminal's lines.
ESCAPES = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]|\r")


@pytest.fixture
def exported(cli: CLI, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    """The seeded team exported as YAML (the requests it took forgotten); the working folder is tmp_path."""
    monkeypatch.chdir(tmp_path)
    result = cli.run("export")
    assert result.exit_code == 0, result.output
    cli.requests.clear()
    return result.stdout


def _write(text: str, name: str = "uptime.yaml") -> str:
    Path(name).write_text(text, encoding="utf-8")
    return name


def _edited(text: str) -> str:
    """The seed's export with Homepage checked every minute and a Shop monitor added."""
    homepage = text.index("- pronounceable_name: Homepage")
    text = text[:homepage] + text[homepage:].replace("check_frequency: 30", "check_frequency: 60", 1)
    shop = "- pronounceable_name: Shop\n  monitor_type: status\n  url: https://shop.example.com\n"
    return text.replace("heartbeats: []\n", shop + "heartbeats: []\n")


# export


def test_export_prints_yaml_naming_the_seeds_monitors_after_the_schema_line_with_gets_only(cli: CLI) -> None:
    result = cli.run("export")
    assert result.exit_code == 0, result.output
    assert SCHEMA_LINE.match(result.stdout)
    data = yaml.safe_load(result.stdout)
    assert data["version"] == 1
    assert [monitor["pronounceable_name"] for monitor in data["monitors"]] == ["API health", "Database", "Homepage"]
    assert data["monitors"][2]["monitor_group"] == "Storefront"
    assert data["status_pages"][0]["sections"][0]["resources"] == [
        {"monitor": "Homepage", "public_name": "Homepage", "widget_type": "history"}
    ]
    assert cli.requests and cli.writes() == []
    assert result.stderr == ""


def test_export_to_a_file_writes_it_and_says_so_on_stderr(cli: CLI, tmp_path: Path) -> None:
    result = cli.run("export", "--file", str(tmp_path / "uptime.yaml"))
    assert result.exit_code == 0, result.output
    assert (result.stdout, result.stderr) == ("", f"wrote {tmp_path / 'uptime.yaml'}\n")
    assert SCHEMA_LINE.match((tmp_path / "uptime.yaml").read_text())


def test_export_writes_json_with_the_global_json_output_or_a_json_file_name(cli: CLI, tmp_path: Path) -> None:
    printed = cli.run("-o", "json", "export")
    assert printed.exit_code == 0, printed.output
    assert json.loads(printed.stdout)["monitor_groups"] == [{"name": "Storefront", "sort_index": 1}]
    assert cli.run("-q", "export", "-f", str(tmp_path / "uptime.json")).stderr == ""
    assert json.loads((tmp_path / "uptime.json").read_text()) == json.loads(printed.stdout)


def test_export_kinds_leaves_the_other_kinds_out_of_the_file(cli: CLI) -> None:
    result = cli.run("export", "--kinds", "monitors,monitor-groups")
    assert result.exit_code == 0, result.output
    assert list(yaml.safe_load(result.stdout)) == ["version", "monitor_groups", "monitors"]


def test_an_unknown_kind_is_a_usage_error_with_the_closest_kind_and_nothing_is_sent(cli: CLI) -> None:
    result = cli.run("export", "--kinds", "monitors,heartbeat")
    assert result.exit_code == 2
    assert "Invalid value for '--kinds': no kind 'heartbeat'; did you mean 'heartbeats'?" in result.stderr
    assert cli.requests == []


def test_export_as_csv_is_a_usage_error_and_nothing_is_sent(cli: CLI) -> None:
    result = cli.run("-o", "csv", "export")
    assert result.exit_code == 2
    assert result.stderr == "betterstack: error: export writes no CSV: its output is nested; use -o json or -o yaml\n"
    assert cli.requests == []


def test_export_into_a_missing_folder_is_one_line_exit_2(cli: CLI, tmp_path: Path) -> None:
    result = cli.run("export", "-f", str(tmp_path / "no" / "uptime.yaml"))
    assert result.exit_code == 2
    assert (
        result.stderr
        == f"betterstack: error: cannot write {tmp_path / 'no' / 'uptime.yaml'}: No such file or directory\n"
    )


def test_the_kinds_are_the_files_top_level_lists() -> None:
    fields = [field.name for field in dataclasses.fields(Config)]
    assert tuple(name for name in fields if name not in ("version", "source", "lines")) == config_commands.KINDS


# plan


def test_plan_of_the_export_is_empty_and_exits_0(cli: CLI, exported: str) -> None:
    result = cli.run("plan", _write(exported))
    assert result.exit_code == 0, result.output
    assert result.stdout == "0 to create, 0 to update, 0 to delete\n"


def test_plan_of_an_edited_file_shows_the_changes_and_sends_only_gets(cli: CLI, exported: str) -> None:
    result = cli.run("plan", _write(_edited(exported)))
    assert result.exit_code == 0, result.output
    assert result.stdout == (
        "+ monitor Shop\n~ monitor Homepage: check_frequency 30 → 60\n1 to create, 1 to update, 0 to delete\n"
    )
    assert cli.requests and {method for method, _ in cli.calls} == {"GET"}


def test_plan_deletes_only_with_prune_and_only_kinds_the_file_lists(cli: CLI, exported: str) -> None:
    data = yaml.safe_load(exported)
    only_monitors = {"version": 1, "monitors": [m for m in data["monitors"] if m["pronounceable_name"] != "Database"]}
    name = _write(yaml.safe_dump(only_monitors))
    assert cli.run("plan", name).stdout == "0 to create, 0 to update, 0 to delete\n"
    assert cli.run("plan", "--prune", name).stdout == "- monitor Database\n0 to create, 0 to update, 1 to delete\n"
    assert cli.writes() == []


def test_plan_as_json_lists_the_changes_with_old_and_new_values(cli: CLI, exported: str) -> None:
    result = cli.run("-o", "json", "plan", _write(_edited(exported)))
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) == [
        {
            "action": "create",
            "kind": "monitor",
            "name": "Shop",
            "fields": {
                "pronounceable_name": [None, "Shop"],
                "monitor_type": [None, "status"],
                "url": [None, "https://shop.example.com"],
            },
        },
        {"action": "update", "kind": "monitor", "name": "Homepage", "fields": {"check_frequency": [30, 60]}},
    ]


def test_plan_reads_the_file_from_stdin_given_a_dash(cli: CLI, exported: str) -> None:
    result = cli.run("plan", "-", input=_edited(exported))
    assert result.exit_code == 0, result.output
    assert result.stdout.endswith("1 to create, 1 to update, 0 to delete\n")


def test_a_name_nothing_has_is_exit_2_naming_the_files_line_and_nothing_is_written(cli: CLI, exported: str) -> None:
    text = exported.replace("monitor_group: Storefront", "monitor_group: Storefrnt", 1)
    line = text.splitlines().index("  monitor_group: Storefrnt") + 1
    name = _write(text)
    for args in (["plan", name], ["apply", name, "--yes"]):
        result = cli.run(*args)
        assert result.exit_code == 2
        assert result.stderr == (
            f"betterstack: error: uptime.yaml:{line}: monitor 'API health' names monitor_group 'Storefrnt', "
            "which the file and the team do not have\n"
        )
        assert result.stdout == ""
    assert cli.writes() == []


def test_a_misspelt_field_is_exit_2_naming_the_line_and_the_field_meant(cli: CLI, exported: str) -> None:
    text = exported.replace("  http_method: get", "  http_methd: get", 1)
    result = cli.run("plan", _write(text))
    assert result.exit_code == 2
    line = text.splitlines().index("  http_methd: get") + 1
    assert result.stderr == (
        f"betterstack: error: uptime.yaml:{line}: monitor has no field 'http_methd'; did you mean 'http_method'?\n"
    )
    assert cli.requests == []


def test_a_missing_file_is_a_usage_error_and_nothing_is_sent(cli: CLI, tmp_path: Path) -> None:
    result = cli.run("plan", str(tmp_path / "none.yaml"))
    assert result.exit_code == 2
    assert "Invalid value for 'file': File" in result.stderr
    assert cli.requests == []


# apply


def test_apply_yes_sends_the_writes_says_each_change_and_a_second_plan_is_empty(cli: CLI, exported: str) -> None:
    name = _write(_edited(exported))
    result = cli.run("apply", name, "--yes")
    assert result.exit_code == 0, result.output
    assert result.stdout == (
        "+ monitor Shop\n~ monitor Homepage: check_frequency 30 → 60\n1 to create, 1 to update, 0 to delete\n"
        "created monitor Shop\nupdated monitor Homepage: check_frequency\napplied 2 changes\n"
    )
    assert cli.writes() == [
        (
            "POST",
            "/api/v2/monitors",
            {"pronounceable_name": "Shop", "monitor_type": "status", "url": "https://shop.example.com"},
        ),
        ("PATCH", "/api/v2/monitors/2", {"check_frequency": 60}),
    ]
    cli.requests.clear()
    again = cli.run("plan", name)
    assert again.stdout == "0 to create, 0 to update, 0 to delete\n"
    assert cli.writes() == []


def test_apply_with_nothing_to_change_asks_nothing_and_writes_nothing(cli: CLI, exported: str) -> None:
    result = cli.run("apply", _write(exported), "--yes")
    assert result.exit_code == 0, result.output
    assert result.stdout == "0 to create, 0 to update, 0 to delete\n"
    assert cli.writes() == []


def test_apply_quiet_prints_nothing(cli: CLI, exported: str) -> None:
    result = cli.run("-q", "apply", _write(_edited(exported)), "--yes")
    assert (result.exit_code, result.stdout, result.stderr) == (0, "", "")
    assert len(cli.writes()) == 2


def test_apply_without_yes_refuses_when_stdin_is_not_a_terminal_and_sends_nothing(cli: CLI, exported: str) -> None:
    result = cli.run("apply", _write(_edited(exported)))
    assert result.exit_code == 2
    assert result.stderr == (
        "betterstack: error: apply asks before it changes anything, and cannot ask: stdin is not a terminal; "
        "pass --yes\n"
    )
    assert cli.requests == []


def test_apply_asks_on_a_terminal_and_a_no_writes_nothing(
    cli: CLI, exported: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(config_commands, "_can_ask", lambda: True)
    name = _write(_edited(exported))
    refused = cli.run("apply", name, input="n\n")
    assert refused.exit_code == 1
    assert refused.stdout.endswith("1 to create, 1 to update, 0 to delete\nApply these 2 changes? [y/N]: n\n")
    assert cli.writes() == []
    accepted = cli.run("apply", name, input="y\n")
    assert accepted.exit_code == 0, accepted.output
    assert accepted.stdout.endswith(
        "[y/N]: y\ncreated monitor Shop\nupdated monitor Homepage: check_frequency\napplied 2 changes\n"
    )
    assert len(cli.writes()) == 2


def test_apply_from_stdin_needs_yes(cli: CLI, exported: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(config_commands, "_can_ask", lambda: True)
    refused = cli.run("apply", "-", input=_edited(exported))
    assert refused.exit_code == 2
    assert refused.stderr.endswith("cannot ask: the file comes from stdin; pass --yes\n")
    assert cli.requests == []
    assert cli.run("apply", "-", "--yes", input=_edited(exported)).exit_code == 0
    assert len(cli.writes()) == 2


def test_a_failure_midway_reports_what_was_applied_the_error_and_what_was_not(cli: CLI, exported: str) -> None:
    text = _edited(exported).replace("check_frequency: 30", "check_frequency: 90", 1)  # Database, before Homepage
    name = _write(text)
    cli.fake.faults.add(Fault("status", status=500), method="PATCH", path=r"/monitors/4$")
    result = cli.run("apply", name, "--yes")
    assert result.exit_code == 1
    assert result.stdout.splitlines()[-2:] == ["1 to create, 2 to update, 0 to delete", "created monitor Shop"]
    assert result.stderr.splitlines() == [
        "betterstack: error: ~ monitor Database: check_frequency 30 → 90: [500] Injected failure. "
        "(PATCH https://uptime.betterstack.com/api/v2/monitors/4)",
        "betterstack: 1 of 3 changes applied; not applied:",
        "  ~ monitor Database: check_frequency 30 → 90",
        "  ~ monitor Homepage: check_frequency 30 → 60",
        "betterstack: apply the file again to finish: it plans from the team as it is now",
    ]
    cli.requests.clear()
    again = cli.run("apply", name, "--yes")
    assert again.exit_code == 0, again.output
    assert again.stdout.startswith("~ monitor Database: check_frequency 30 → 90\n~ monitor Homepage:")
    assert cli.writes() == [
        ("PATCH", "/api/v2/monitors/4", {"check_frequency": 90}),
        ("PATCH", "/api/v2/monitors/2", {"check_frequency": 60}),
    ]
    assert cli.run("plan", name).stdout == "0 to create, 0 to update, 0 to delete\n"


def test_a_connection_lost_midway_exits_4_and_the_report_still_follows(cli: CLI, exported: str) -> None:
    cli.fake.faults.add(Fault("reset_before"), method="PATCH")
    result = cli.run("apply", _write(_edited(exported)), "--yes")
    assert result.exit_code == 4
    assert result.stdout.endswith("created monitor Shop\n")
    assert result.stderr.splitlines()[1:] == [
        "betterstack: 1 of 2 changes applied; not applied:",
        "  ~ monitor Homepage: check_frequency 30 → 60",
        "betterstack: apply the file again to finish: it plans from the team as it is now",
    ]


def test_on_a_terminal_apply_asks_then_shows_each_change_above_a_progress_bar(cli: CLI, exported: str) -> None:
    name = _write(_edited(exported))
    with serve(FakeUptime.from_file(str(SEED), token=DEFAULT_TOKEN)) as running:
        env = {**os.environ, "BETTERSTACK_API_TOKEN": DEFAULT_TOKEN, "BETTERSTACK_BASE_URL": running.base_url}
        env.update(BETTERSTACK_CONFIG=os.devnull, TERM="xterm-256color")
        child = pexpect.spawn(
            sys.executable,
            ["-m", "betterstack.uptime", "apply", name],
            env=env,
            dimensions=(40, 120),
            encoding="utf-8",
            timeout=20,
        )
        try:
            child.expect(r"Apply these 2 changes\? \[y/N\]: ")
            asked = ESCAPES.sub("", child.before)
            child.sendline("y")
            child.expect(pexpect.EOF)
            shown = child.before
        finally:
            child.close(force=True)
    assert child.exitstatus == 0, shown
    assert asked.endswith(
        "+ monitor Shop\n~ monitor Homepage: check_frequency 30 → 60\n1 to create, 1 to update, 0 to delete\n"
    )
    assert "Applying" in shown and "2/2" in shown  # the bar, gone once done
    # The bar is redrawn in place (a carriage return, then a line erased): every piece is a line of its own.
    pieces = re.split(r"\r\n|\r|\n", re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", shown))
    lines = [piece for piece in pieces if piece and not piece.startswith("Applying")]
    assert lines == ["y", "created monitor Shop", "updated monitor Homepage: check_frequency", "applied 2 changes"]


# The README


def _readme_commands() -> list[list[str]]:
    """The arguments of every `betterstack ...` in the shell blocks of the README's "Uptime as code"."""
    section = README.read_text().split("\n## Uptime as code\n", 1)[1].split("\n## ", 1)[0]
    commands = []
    for block in re.findall(r"```sh\n(.*?)```", section, re.DOTALL):
        for line in block.replace("\\\n", " ").splitlines():
            words = shlex.split(line, comments=True)
            for segment in " ".join(words).split("|"):
                parts = segment.split()
                if "betterstack" in parts:
                    commands.append(parts[parts.index("betterstack") + 1 :])
    return commands


def test_the_readme_shows_the_workflow() -> None:
    commands = _readme_commands()
    assert {
        command[command.index(verb)] for command in commands for verb in ("export", "plan", "apply") if verb in command
    } == {
        "export",
        "plan",
        "apply",
    }


@pytest.mark.parametrize("args", _readme_commands(), ids=" ".join)
def test_every_command_the_readme_shows_exists_with_those_options(cli: CLI, args: list[str]) -> None:
    result = cli.run(*args, "--help")
    assert result.exit_code == 0, result.output
    assert cli.requests == []
