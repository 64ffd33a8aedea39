"""`betterstack maintenance ... -- COMMAND` against the fake: the wire, the screen and the command's fate.

The command is always `sys.executable -c ...`, so no shell tool is needed. It inherits the real
file descriptors, so what it prints is read with `capfd`, apart from `result.stdout` (which
stays empty: progress goes to stderr). Signals are real: the command sends SIGINT or SIGTERM to
its parent, the test process, where `maintenance` handles them while it runs.
"""

from __future__ import annotations

import os
import shlex
import signal
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pexpect  # type: ignore[import-untyped]
import pytest

from betterstack.uptime.testing import DEFAULT_TOKEN, FakeUptime, Fault, serve

from cli_runs import CLI, SEED

MONITOR_2 = "/api/v2/monitors/2"
MONITOR_3 = "/api/v2/monitors/3"
PAUSE_2 = ("PATCH", MONITOR_2, {"paused": True})
RESUME_2 = ("PATCH", MONITOR_2, {"paused": False})
PAUSE_3 = ("PATCH", MONITOR_3, {"paused": True})
RESUME_3 = ("PATCH", MONITOR_3, {"paused": False})
INJECTED = "[500] Injected failure. (PATCH https://uptime.betterstack.com/api/v2/monitors/3)"

# Sends SIGINT to `maintenance` (its parent), as a Ctrl-C would, and waits for it to be forwarded.
# In a process group of its own, so that the SIGINT is forwarded even when pytest runs with `-s`
# in the foreground of a terminal (a Ctrl-C the terminal sends is not forwarded: it got it too).
INTERRUPTING = """
import os, signal, sys, time
os.setpgid(0, 0)
try:
    os.kill(os.getppid(), signal.SIGINT)
    time.sleep(30)
except KeyboardInterrupt:
    print("command: interrupted")
"""
# Sends SIGTERM to `maintenance`, and is killed by it when it is forwarded.
TERMINATING = "import os, signal, time; os.kill(os.getppid(), signal.SIGTERM); time.sleep(30)"


def python(code: str) -> list[str]:
    """A command running `code` with this Python."""
    return [sys.executable, "-c", code]


def running(command: list[str]) -> str:
    return f"running: {shlex.join(command)}"


def paused_ids(fake: FakeUptime) -> list[str]:
    """The monitors the fake holds as paused."""
    records = fake.collection("/api/v2/monitors").values()
    return [record["id"] for record in records if record["attributes"].get("paused_at") is not None]


def on_request(cli: CLI, monkeypatch: pytest.MonkeyPatch, act: Callable[[str, str, Any], None]) -> None:
    """Call `act(method, path, body)` as each request reaches the fake, before it is answered."""
    handle = cli.fake.handle

    def acting(method: str, url: str, headers: Any, body: bytes) -> Any:
        act(method, url.split("?")[0].removeprefix("https://uptime.betterstack.com"), body)
        return handle(method, url, headers, body)

    monkeypatch.setattr(cli.fake, "handle", acting)


def test_a_succeeding_command_runs_between_the_pause_and_the_resume(
    cli: CLI, capfd: pytest.CaptureFixture[str]
) -> None:
    command = python("print('deployed')")
    result = cli.run("maintenance", "--monitors", "2", "--", *command)
    assert result.exit_code == 0, result.output
    assert cli.calls == [("GET", MONITOR_2), ("PATCH", MONITOR_2), ("PATCH", MONITOR_2)]
    assert cli.writes() == [PAUSE_2, RESUME_2]
    assert result.stdout == ""
    assert result.stderr == f"paused 2 Homepage\n{running(command)}\nresumed 2 Homepage\n"
    assert capfd.readouterr().out == "deployed\n"
    assert paused_ids(cli.fake) == []


def test_a_group_pauses_each_of_its_monitors_and_ids_come_comma_separated(cli: CLI) -> None:
    command = python("pass")
    result = cli.run("maintenance", "--group", "12", "--monitors", "4,2", "--", *command)
    assert result.exit_code == 0, result.output
    assert cli.calls[:3] == [
        ("GET", "/api/v2/monitors/4"),
        ("GET", MONITOR_2),
        ("GET", "/api/v2/monitor-groups/12/monitors"),
    ]
    # Monitor 2 is named twice (by id and in the group) and paused once.
    assert cli.writes() == [
        ("PATCH", "/api/v2/monitors/4", {"paused": True}),
        PAUSE_2,
        PAUSE_3,
        ("PATCH", "/api/v2/monitors/4", {"paused": False}),
        RESUME_2,
        RESUME_3,
    ]
    assert result.stderr.splitlines() == [
        "paused 4 Database",
        "paused 2 Homepage",
        "paused 3 API health",
        running(command),
        "resumed 4 Database",
        "resumed 2 Homepage",
        "resumed 3 API health",
    ]


def test_a_failing_command_gives_its_exit_code_and_the_monitors_are_resumed(cli: CLI) -> None:
    command = python("raise SystemExit(3)")
    result = cli.run("maintenance", "--monitors", "2", "--", *command)
    assert result.exit_code == 3
    assert cli.writes() == [PAUSE_2, RESUME_2]
    assert result.stderr == f"paused 2 Homepage\n{running(command)}\ncommand exited with 3\nresumed 2 Homepage\n"


def test_ctrl_c_goes_to_the_command_then_the_monitors_are_resumed_and_the_exit_code_is_130(
    cli: CLI, capfd: pytest.CaptureFixture[str]
) -> None:
    before = signal.getsignal(signal.SIGINT)
    command = python(INTERRUPTING)
    result = cli.run("maintenance", "--monitors", "2", "--", *command)
    assert result.exit_code == 130
    assert capfd.readouterr().out == "command: interrupted\n"  # it got the SIGINT, and ended on it
    assert cli.writes() == [PAUSE_2, RESUME_2]
    assert result.stderr == (
        f"paused 2 Homepage\n{running(command)}\ncommand exited with 0 after SIGINT\nresumed 2 Homepage\n"
    )
    assert signal.getsignal(signal.SIGINT) is before


def test_sigterm_goes_to_the_command_then_the_monitors_are_resumed_and_the_exit_code_is_143(cli: CLI) -> None:
    before = signal.getsignal(signal.SIGTERM)
    command = python(TERMINATING)
    result = cli.run("maintenance", "--monitors", "2", "--", *command)
    assert result.exit_code == 143
    assert cli.writes() == [PAUSE_2, RESUME_2]
    assert result.stderr == (
        f"paused 2 Homepage\n{running(command)}\ncommand exited with 143 after SIGTERM\nresumed 2 Homepage\n"
    )
    assert signal.getsignal(signal.SIGTERM) is before


def test_a_monitor_that_cannot_be_resumed_is_named_with_the_fix_and_the_exit_code_is_1(cli: CLI) -> None:
    cli.fake.faults.add(Fault("status", status=500), method="PATCH", path=r"/monitors/3$", after=1)
    command = python("pass")
    result = cli.run("maintenance", "--monitors", "2,3", "--", *command)
    assert result.exit_code == 1
    assert cli.writes() == [PAUSE_2, PAUSE_3, RESUME_2, RESUME_3]
    assert result.stderr.splitlines() == [
        "paused 2 Homepage",
        "paused 3 API health",
        running(command),
        "resumed 2 Homepage",
        f"betterstack: could not resume 3 API health: {INJECTED}",
        "betterstack: 1 still paused, could not resume: 3 API health",
        "betterstack: resume them with: betterstack monitors resume 3",
    ]
    assert paused_ids(cli.fake) == ["3"]


def test_a_failed_resume_after_a_failed_command_keeps_the_commands_exit_code(cli: CLI) -> None:
    cli.fake.faults.add(Fault("status", status=500), method="PATCH", path=r"/monitors/3$", after=1)
    result = cli.run("maintenance", "--monitors", "3", "--", *python("raise SystemExit(4)"))
    assert result.exit_code == 4
    assert result.stderr.splitlines()[-2:] == [
        "betterstack: 1 still paused, could not resume: 3 API health",
        "betterstack: resume them with: betterstack monitors resume 3",
    ]


def test_a_monitor_paused_before_is_not_paused_again_nor_resumed(cli: CLI) -> None:
    assert cli.run("monitors", "pause", "4").exit_code == 0
    cli.requests.clear()
    command = python("pass")
    result = cli.run("maintenance", "--monitors", "4,2", "--", *command)
    assert result.exit_code == 0, result.output
    assert cli.writes() == [PAUSE_2, RESUME_2]
    assert result.stderr.splitlines() == [
        "already paused, will stay paused: 4 Database",
        "paused 2 Homepage",
        running(command),
        "resumed 2 Homepage",
    ]
    assert paused_ids(cli.fake) == ["4"]


def test_a_refused_pause_stops_the_run_before_the_command_and_resumes_the_others(
    cli: CLI, capfd: pytest.CaptureFixture[str]
) -> None:
    cli.fake.faults.add(Fault("status", status=403), method="PATCH", path=r"/monitors/3$")
    result = cli.run("maintenance", "--monitors", "2,3,4", "--", *python("print('ran')"))
    assert result.exit_code == 1
    assert capfd.readouterr().out == ""
    # The API refused monitor 3, so it was not paused: only monitor 2 is resumed; 4 is never touched.
    assert cli.writes() == [PAUSE_2, PAUSE_3, RESUME_2]
    assert result.stderr.splitlines() == [
        "paused 2 Homepage",
        "betterstack: could not pause 3 API health: "
        "[403] Injected failure. (PATCH https://uptime.betterstack.com/api/v2/monitors/3)",
        "betterstack: the command was not run",
        "resumed 2 Homepage",
    ]
    assert paused_ids(cli.fake) == []


def test_a_pause_failing_on_the_server_side_is_undone_too(cli: CLI) -> None:
    # A 5xx may come after the change was made: resuming a monitor that was running is harmless.
    cli.fake.faults.add(Fault("status", status=500), method="PATCH", path=r"/monitors/3$")
    result = cli.run("maintenance", "--monitors", "2,3", "--", *python("pass"))
    assert result.exit_code == 1
    assert cli.writes() == [PAUSE_2, PAUSE_3, RESUME_2, RESUME_3]
    assert result.stderr.splitlines()[-2:] == ["resumed 2 Homepage", "resumed 3 API health"]


def test_ctrl_c_while_pausing_resumes_what_was_paused_and_does_not_run_the_command(
    cli: CLI, monkeypatch: pytest.MonkeyPatch, capfd: pytest.CaptureFixture[str]
) -> None:
    def interrupt(method: str, path: str, body: Any) -> None:
        if (method, path, body) == ("PATCH", MONITOR_3, b'{"paused":true}'):
            os.kill(os.getpid(), signal.SIGINT)

    on_request(cli, monkeypatch, interrupt)
    result = cli.run("maintenance", "--monitors", "2,3,4", "--", *python("print('ran')"))
    assert result.exit_code == 130
    assert capfd.readouterr().out == ""
    # Monitor 3 was being paused when Ctrl-C came: it is resumed too, whatever the API did.
    assert cli.writes()[-2:] == [RESUME_2, RESUME_3]
    assert ("PATCH", "/api/v2/monitors/4", {"paused": True}) not in cli.writes()
    assert result.stderr.splitlines() == [
        "paused 2 Homepage",
        "betterstack: stopped by SIGINT before the command ran",
        "resumed 2 Homepage",
        "resumed 3 API health",
    ]
    assert paused_ids(cli.fake) == []


def test_one_ctrl_c_while_resuming_does_not_stop_the_resuming(cli: CLI, monkeypatch: pytest.MonkeyPatch) -> None:
    def interrupt(method: str, path: str, body: Any) -> None:
        if (method, path, body) == ("PATCH", MONITOR_2, b'{"paused":false}'):
            os.kill(os.getpid(), signal.SIGINT)

    on_request(cli, monkeypatch, interrupt)
    result = cli.run("maintenance", "--monitors", "2,3", "--", *python("pass"))
    assert result.exit_code == 0, result.output
    assert cli.writes()[-2:] == [RESUME_2, RESUME_3]
    assert "betterstack: resuming what was paused first; a second Ctrl-C stops and leaves the rest paused" in (
        result.stderr.splitlines()
    )
    assert paused_ids(cli.fake) == []


def test_a_second_ctrl_c_while_resuming_stops_and_names_what_stays_paused(
    cli: CLI, monkeypatch: pytest.MonkeyPatch
) -> None:
    def interrupt(method: str, path: str, body: Any) -> None:
        if body == b'{"paused":false}':
            os.kill(os.getpid(), signal.SIGINT)

    on_request(cli, monkeypatch, interrupt)
    result = cli.run("maintenance", "--monitors", "2,3,4", "--", *python("pass"))
    assert result.exit_code == 130
    lines = result.stderr.splitlines()
    assert "betterstack: stopped by SIGINT while resuming" in lines
    left = [monitor for monitor in ("2 Homepage", "3 API health", "4 Database") if f"resumed {monitor}" not in lines]
    assert left, result.stderr
    assert lines[-2:] == [
        f"betterstack: {len(left)} still paused, could not resume: {', '.join(left)}",
        f"betterstack: resume them with: betterstack monitors resume {' '.join(m.split()[0] for m in left)}",
    ]


def test_heartbeats_and_heartbeat_groups_are_paused_and_resumed_too(cli: CLI) -> None:
    cli.fake.seed(
        {
            "/api/v2/heartbeat-groups": [{"id": "61", "name": "Jobs", "sort_index": 1, "paused": False}],
            "/api/v2/heartbeats": [
                {"id": "51", "name": "Nightly backup", "period": 86400, "grace": 3600, "heartbeat_group_id": 61},
                {"id": "52", "name": "Queue worker", "period": 60, "grace": 30},
            ],
        }
    )
    command = python("pass")
    result = cli.run("maintenance", "--heartbeats", "52", "--heartbeat-group", "61", "--", *command)
    assert result.exit_code == 0, result.output
    assert cli.calls[:2] == [("GET", "/api/v2/heartbeats/52"), ("GET", "/api/v2/heartbeat-groups/61/heartbeats")]
    assert cli.writes() == [
        ("PATCH", "/api/v2/heartbeats/52", {"paused": True}),
        ("PATCH", "/api/v2/heartbeats/51", {"paused": True}),
        ("PATCH", "/api/v2/heartbeats/52", {"paused": False}),
        ("PATCH", "/api/v2/heartbeats/51", {"paused": False}),
    ]
    assert result.stderr.splitlines() == [
        "paused heartbeat 52 Queue worker",
        "paused heartbeat 51 Nightly backup",
        running(command),
        "resumed heartbeat 52 Queue worker",
        "resumed heartbeat 51 Nightly backup",
    ]


def test_quiet_prints_no_progress_only_the_commands_output(cli: CLI, capfd: pytest.CaptureFixture[str]) -> None:
    result = cli.run("-q", "maintenance", "--monitors", "2", "--", *python("print('deployed')"))
    assert result.exit_code == 0, result.output
    assert (result.stdout, result.stderr) == ("", "")
    assert capfd.readouterr().out == "deployed\n"
    assert cli.writes() == [PAUSE_2, RESUME_2]


def test_options_after_the_command_belong_to_the_command(cli: CLI, capfd: pytest.CaptureFixture[str]) -> None:
    code = "import sys; print(sys.argv[1:])"
    result = cli.run("maintenance", "--monitors", "2", sys.executable, "-c", code, "--group", "12")
    assert result.exit_code == 0, result.output
    assert capfd.readouterr().out == "['--group', '12']\n"
    assert cli.writes() == [PAUSE_2, RESUME_2]


def test_an_empty_group_pauses_nothing_and_the_command_still_runs(cli: CLI, capfd: pytest.CaptureFixture[str]) -> None:
    cli.fake.seed({"/api/v2/monitor-groups": [{"id": "13", "name": "Empty", "sort_index": 2, "paused": False}]})
    command = python("print('ran')")
    result = cli.run("maintenance", "--group", "13", "--", *command)
    assert result.exit_code == 0, result.output
    assert cli.calls == [("GET", "/api/v2/monitor-groups/13/monitors")]
    assert result.stderr == f"nothing to pause\n{running(command)}\n"
    assert capfd.readouterr().out == "ran\n"


def test_a_command_that_does_not_exist_exits_127_and_the_monitors_are_resumed(cli: CLI) -> None:
    result = cli.run("maintenance", "--monitors", "2", "--", "no-such-command-here")
    assert result.exit_code == 127
    assert cli.writes() == [PAUSE_2, RESUME_2]
    assert result.stderr.splitlines() == [
        "paused 2 Homepage",
        "running: no-such-command-here",
        "betterstack: cannot run 'no-such-command-here': No such file or directory",
        "resumed 2 Homepage",
    ]


def test_an_unknown_monitor_is_one_line_exit_1_and_nothing_is_paused_or_run(
    cli: CLI, capfd: pytest.CaptureFixture[str]
) -> None:
    result = cli.run("maintenance", "--monitors", "2,999", "--", *python("print('ran')"))
    assert result.exit_code == 1
    assert result.stderr == (
        "betterstack: error: [404] Resource with provided ID was not found "
        "(GET https://uptime.betterstack.com/api/v2/monitors/999)\n"
    )
    assert cli.writes() == []
    assert capfd.readouterr().out == ""


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--", "true"], "name what to pause: --monitors, --group, --heartbeats or --heartbeat-group"),
        (["--monitors", "2"], "Missing argument '-- COMMAND [ARGS]...'"),
        (["--monitor", "2", "--", "true"], "no such option: --monitor (the command goes after `--`)"),
    ],
    ids=["nothing-named", "no-command", "misspelt-option"],
)
def test_usage_errors_exit_2_and_send_nothing(cli: CLI, args: list[str], message: str) -> None:
    result = cli.run("maintenance", *args)
    assert result.exit_code == 2
    assert message in result.stderr
    assert cli.requests == []


# Counts the SIGINTs it gets, from the first one to half a second later.
COUNTING = """
import signal, time
got = []
signal.signal(signal.SIGINT, lambda *_: got.append(1))
print("waiting for " + "Ctrl-C", flush=True)
deadline = time.monotonic() + 20
while not got and time.monotonic() < deadline:
    time.sleep(0.01)
time.sleep(0.5)
print(f"SIGINT x{len(got)}", flush=True)
"""


def test_a_ctrl_c_typed_in_a_terminal_reaches_the_command_once(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    # The terminal sends Ctrl-C to its whole foreground process group, the command too:
    # forwarding it as well would make it a double Ctrl-C (`terraform apply` then stops at once).
    environment = {
        **os.environ,
        "BETTERSTACK_API_TOKEN": DEFAULT_TOKEN,
        "BETTERSTACK_CONFIG": str(tmp_path / "none.toml"),
        "NO_COLOR": "1",
    }
    with serve(FakeUptime.from_file(str(SEED), token=DEFAULT_TOKEN)) as served:
        args = ["-m", "betterstack.uptime", "--base-url", served.base_url, "maintenance", "--group", "12"]
        terminal = pexpect.spawn(
            sys.executable, [*args, "--", *python(COUNTING)], env=environment, encoding="utf-8", timeout=20
        )
        try:
            terminal.expect("\r\nwaiting for Ctrl-C\r\n")
            terminal.sendintr()
            terminal.expect(pexpect.EOF)
        finally:
            terminal.close(force=True)
        assert paused_ids(served.fake) == []
    screen = terminal.before.replace("\r\n", "\n")
    assert screen.splitlines() == [
        "^CSIGINT x1",  # the terminal echoes the Ctrl-C
        "command exited with 0 after SIGINT",
        "resumed 2 Homepage",
        "resumed 3 API health",
    ]
    assert terminal.exitstatus == 130
