"""The command line's settings and output, as a person meets them: token, profiles, formats, colour.

Most tests run the app in-process against the demo's seeded fake served over real HTTP on
127.0.0.1 (`--base-url`), with a fake that accepts one token only: which token won shows as the
list succeeding or being refused. Where the wire matters (the team filter, nothing sent on a
configuration error) they use the `cli` fixture of tests/cli_runs.py. What only a process shows
(a `--debug` traceback, colour on a terminal) runs `python -m betterstack.uptime` in a subprocess
or a pseudo-terminal.
"""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pexpect  # type: ignore[import-untyped]
import pytest
from typer.testing import CliRunner, Result

from betterstack.uptime.cli._app import app
from betterstack.uptime.cli._settings import Settings
from betterstack.uptime.testing import FakeUptime
from betterstack.uptime.testing._server import RunningFake, serve

from cli_runs import CLI, SEED

ROOT = Path(__file__).resolve().parent.parent
EXPECTED = Path(__file__).parent / "fixtures" / "cli"
TOKEN = "s3cret-T0KEN-the-fake-takes"
WRONG = "0ther-T0KEN-the-fake-refuses"
# Everything that would change what a run sees, unset for each test.
SETTINGS_VARIABLES = (
    "BETTERSTACK_API_TOKEN",
    "BETTERUPTIME_API_TOKEN",
    "BETTERSTACK_PROFILE",
    "BETTERSTACK_BASE_URL",
    "BETTERSTACK_LOG",
    "NO_COLOR",
    "FORCE_COLOR",
    "COLUMNS",
)
README = ROOT / "README.md"
ESCAPE = "\x1b"
SECONDS = 20  # the longest any subprocess or expect may take


@pytest.fixture
def config(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """The config file (not written yet) that BETTERSTACK_CONFIG names, in an environment with no settings."""
    for variable in SETTINGS_VARIABLES:
        monkeypatch.delenv(variable, raising=False)
    path = tmp_path / "config.toml"
    monkeypatch.setenv("BETTERSTACK_CONFIG", str(path))
    return path


@pytest.fixture
def served(config: Path) -> Iterator[RunningFake]:
    """The demo's seeded fake on 127.0.0.1, accepting TOKEN only."""
    with serve(FakeUptime.from_file(str(SEED), token=TOKEN)) as running:
        yield running


def run(*args: str, env: dict[str, str] | None = None) -> Result:
    """`betterstack <args>` in-process, with `env` added to the environment."""
    return CliRunner().invoke(app, list(args), env=env, catch_exceptions=False)


def listed(*args: str, env: dict[str, str] | None = None) -> Result:
    """`betterstack -q <args> monitors list`: the seed's ids when the token was taken."""
    return run("-q", *args, "monitors", "list", env=env)


def environment(**variables: str) -> dict[str, str]:
    """The test process's environment with `variables` added, for a subprocess."""
    return {**os.environ, **variables}


def betterstack(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    """`python -m betterstack.uptime <args>` in a subprocess, output captured (no terminal)."""
    command = [sys.executable, "-m", "betterstack.uptime", *args]
    return subprocess.run(command, env=env, capture_output=True, text=True, timeout=SECONDS, check=False)


# Where the token comes from.


def test_the_profile_asked_for_wins_over_the_environment(config: Path, served: RunningFake) -> None:
    config.write_text(f'[profiles.ops]\ntoken = "{TOKEN}"\n')
    result = listed("--profile", "ops", "--base-url", served.base_url, env={"BETTERSTACK_API_TOKEN": WRONG})
    assert (result.exit_code, result.stdout, result.stderr) == (0, "2\n3\n4\n", "")


def test_betterstack_profile_variable_chooses_the_profile_as_the_option_does(config: Path, served: RunningFake) -> None:
    config.write_text(f'[profiles.default]\ntoken = "{WRONG}"\n\n[profiles.ops]\ntoken = "{TOKEN}"\n')
    result = listed("--base-url", served.base_url, env={"BETTERSTACK_PROFILE": "ops"})
    assert (result.exit_code, result.stdout) == (0, "2\n3\n4\n")


def test_betterstack_api_token_wins_over_betteruptime_api_token(config: Path, served: RunningFake) -> None:
    env = {"BETTERSTACK_API_TOKEN": TOKEN, "BETTERUPTIME_API_TOKEN": WRONG}
    result = listed("--base-url", served.base_url, env=env)
    assert (result.exit_code, result.stdout) == (0, "2\n3\n4\n")


def test_betteruptime_api_token_the_terraform_providers_name_wins_over_the_default_profile(
    config: Path, served: RunningFake
) -> None:
    config.write_text(f'[profiles.default]\ntoken = "{WRONG}"\n')
    result = listed("--base-url", served.base_url, env={"BETTERUPTIME_API_TOKEN": TOKEN})
    assert (result.exit_code, result.stdout) == (0, "2\n3\n4\n")


def test_the_default_profile_gives_the_token_when_the_environment_has_none(config: Path, served: RunningFake) -> None:
    config.write_text(f'[profiles.default]\ntoken = "{TOKEN}"\n')
    result = listed("--base-url", served.base_url)
    assert (result.exit_code, result.stdout) == (0, "2\n3\n4\n")


def test_the_environment_wins_over_the_default_profile(config: Path, served: RunningFake) -> None:
    config.write_text(f'[profiles.default]\ntoken = "{TOKEN}"\n')
    result = listed("--base-url", served.base_url, env={"BETTERSTACK_API_TOKEN": WRONG})
    assert result.exit_code == 1
    assert result.stderr.startswith("betterstack: error: [401] ")


def test_a_token_with_blanks_around_it_is_trimmed(config: Path, served: RunningFake) -> None:
    config.write_text(f'[profiles.default]\ntoken = " {TOKEN}\\n"\n')
    result = listed("--base-url", served.base_url)
    assert (result.exit_code, result.stdout) == (0, "2\n3\n4\n")


# Where the API is, and the team.


def test_a_profiles_base_url_is_the_api_root(config: Path, served: RunningFake) -> None:
    config.write_text(f'[profiles.fake]\ntoken = "{TOKEN}"\nbase_url = "{served.base_url}"\n')
    result = listed("--profile", "fake")
    assert (result.exit_code, result.stdout) == (0, "2\n3\n4\n")


def test_the_base_url_option_wins_over_the_profiles(config: Path, served: RunningFake) -> None:
    config.write_text(f'[profiles.default]\ntoken = "{TOKEN}"\nbase_url = "http://127.0.0.1:9"\n')
    result = listed("--base-url", served.base_url)
    assert (result.exit_code, result.stdout) == (0, "2\n3\n4\n")


def test_a_plain_http_base_url_off_this_machine_is_refused_before_anything_is_sent(config: Path) -> None:
    result = listed("--base-url", "http://uptime.example.com", env={"BETTERSTACK_API_TOKEN": TOKEN})
    assert result.exit_code == 3
    assert result.stderr.startswith("betterstack: error: base_url 'http://uptime.example.com' is plain http")


def test_a_profiles_team_goes_into_list_filters_as_team_name(cli: CLI, tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    config.write_text('[profiles.default]\nteam = "Production"\n')
    cli.env["BETTERSTACK_CONFIG"] = str(config)
    result = cli.run("-q", "monitors", "list")
    assert result.exit_code == 0, result.output
    assert [dict(request.url.params) for request in cli.requests] == [{"team_name": "Production"}]


def test_the_team_option_wins_over_the_profiles(cli: CLI, tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    config.write_text('[profiles.default]\nteam = "Production"\n')
    cli.env["BETTERSTACK_CONFIG"] = str(config)
    result = cli.run("--team", "Staging", "-q", "monitors", "list")
    assert result.exit_code == 0, result.output
    assert [dict(request.url.params) for request in cli.requests] == [{"team_name": "Staging"}]


def test_the_team_filter_reads_the_profile_before_any_client_is_made(config: Path) -> None:
    config.write_text('[profiles.ops]\nteam = "Production"\n')
    assert Settings(profile="ops").team_filter() == {"team_name": "Production"}
    assert Settings(profile="ops", team="Staging").team_filter() == {"team_name": "Staging"}
    assert Settings().team_filter() == {}


# What cannot be used: exit code 3, one line, nothing sent.


def test_an_unknown_profile_names_the_known_ones(cli: CLI, tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    config.write_text('[profiles.staging]\ntoken = "a"\n\n[profiles.default]\ntoken = "b"\n')
    cli.env["BETTERSTACK_CONFIG"] = str(config)
    result = cli.run("--profile", "prod", "monitors", "list")
    assert result.exit_code == 3
    assert result.stderr == f"betterstack: error: no profile 'prod' in {config} (profiles: default, staging)\n"
    assert (result.stdout, cli.requests) == ("", [])


def test_a_profile_asked_for_without_a_config_file_says_where_the_file_was_looked_for(cli: CLI) -> None:
    result = cli.run("--profile", "prod", "monitors", "list")
    assert result.exit_code == 3
    missing = cli.env["BETTERSTACK_CONFIG"]
    assert result.stderr == f"betterstack: error: profile 'prod' asked for, but there is no config file at {missing}\n"
    assert cli.requests == []


def test_a_config_file_that_is_not_toml_is_a_configuration_error(cli: CLI, tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    config.write_text("[profiles.default\ntoken = 1\n")
    cli.env["BETTERSTACK_CONFIG"] = str(config)
    result = cli.run("monitors", "list")
    assert result.exit_code == 3
    assert result.stderr.startswith(f"betterstack: error: the config file {config} cannot be read: ")
    assert len(result.stderr.splitlines()) == 1
    assert cli.requests == []


def test_a_misspelt_profile_setting_gets_the_closest_name(cli: CLI, tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    config.write_text('[profiles.default]\ntokn = "abc"\n')
    cli.env["BETTERSTACK_CONFIG"] = str(config)
    result = cli.run("monitors", "list")
    assert result.exit_code == 3
    assert result.stderr == (
        f"betterstack: error: profile 'default' in {config} has no setting 'tokn'; did you mean 'token'?\n"
    )
    assert cli.requests == []


def test_a_profile_setting_that_is_not_text_is_a_configuration_error(cli: CLI, tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    config.write_text("[profiles.default]\nteam = 7\n")
    cli.env["BETTERSTACK_CONFIG"] = str(config)
    result = cli.run("monitors", "list")
    assert result.exit_code == 3
    assert result.stderr == (
        f"betterstack: error: team of profile 'default' in {config} must be text in quotes, got int\n"
    )


def test_no_token_anywhere_is_a_configuration_error_naming_both_places(config: Path) -> None:
    config.write_text('[profiles.default]\nteam = "Production"\n')
    result = run("monitors", "list")
    assert result.exit_code == 3
    assert result.stderr == (
        "betterstack: error: no API token: set BETTERSTACK_API_TOKEN, or add a profile with a token to "
        f"{config} and pass --profile\n"
    )


def test_a_token_no_header_can_carry_is_refused_naming_its_source_not_its_value(config: Path) -> None:
    result = run("monitors", "list", env={"BETTERUPTIME_API_TOKEN": f"{TOKEN}\nsecond-line"})
    assert result.exit_code == 3
    assert result.stderr == (
        "betterstack: error: the API token from BETTERUPTIME_API_TOKEN has a character an HTTP header cannot "
        "carry (a space, a line break or a non-ASCII letter); copy it again from Better Stack\n"
    )


# The token is never shown.


@pytest.mark.parametrize(
    ("args", "token", "code"),
    [
        (("monitors", "get", "999"), TOKEN, 1),  # the API's 404
        (("monitors", "list"), f"{TOKEN}-not-quite", 1),  # the API's 401
        (("--base-url", "http://127.0.0.1:9", "monitors", "list"), TOKEN, 4),  # nothing listening
        (("monitors", "list"), f"{TOKEN}\n", 0),  # a token read from a file with its line break
        (("monitors", "list"), f"{TOKEN}\nsecond-line", 3),  # a token no header can carry
        (("monitors", "list"), f"{TOKEN}-pâté", 3),
    ],
    ids=["404", "401", "connection refused", "trailing line break", "line break inside", "non-ascii"],
)
def test_the_token_never_appears_even_in_debug_tracebacks_and_request_logs(
    served: RunningFake, args: tuple[str, ...], token: str, code: int
) -> None:
    env = environment(BETTERSTACK_API_TOKEN=token, BETTERSTACK_BASE_URL=served.base_url, BETTERSTACK_LOG="debug")
    done = betterstack("--debug", *args, env=env)
    assert done.returncode == code, done.stderr
    shown = done.stdout + done.stderr
    assert TOKEN not in shown
    assert "T0KEN" not in shown  # nor a part of it
    if code in {1, 4}:
        assert "Traceback (most recent call last)" in done.stderr


# Formats and colour.


def test_yaml_lists_every_field_of_every_monitor(served: RunningFake) -> None:
    result = run("--base-url", served.base_url, "-o", "yaml", "monitors", "list", env={"BETTERSTACK_API_TOKEN": TOKEN})
    assert result.exit_code == 0, result.stderr
    assert result.stdout == (EXPECTED / "monitors_list.yaml").read_text()


def test_csv_has_a_header_of_every_field_then_a_row_per_monitor(served: RunningFake) -> None:
    result = run("--base-url", served.base_url, "-o", "csv", "monitors", "list", env={"BETTERSTACK_API_TOKEN": TOKEN})
    assert result.exit_code == 0, result.stderr
    assert result.stdout == (EXPECTED / "monitors_list.csv").read_text()


def test_a_table_into_a_pipe_has_no_escape_codes(served: RunningFake) -> None:
    env = environment(BETTERSTACK_API_TOKEN=TOKEN, BETTERSTACK_BASE_URL=served.base_url)
    done = betterstack("monitors", "list", env=env)
    assert done.returncode == 0, done.stderr
    assert "Homepage" in done.stdout
    assert ESCAPE not in done.stdout + done.stderr


def _on_a_terminal(served: RunningFake, **variables: str) -> str:
    """What `betterstack monitors list` writes to a 120-column pseudo-terminal."""
    env = environment(BETTERSTACK_API_TOKEN=TOKEN, BETTERSTACK_BASE_URL=served.base_url, TERM="xterm-256color")
    env.update(variables)
    child = pexpect.spawn(
        sys.executable,
        ["-m", "betterstack.uptime", "monitors", "list"],
        env=env,
        dimensions=(40, 120),
        encoding="utf-8",
        timeout=SECONDS,
    )
    try:
        child.expect(pexpect.EOF, timeout=SECONDS)
    finally:
        child.close(force=True)
    assert child.exitstatus == 0, child.before
    screen: str = child.before
    return screen


def test_a_terminal_gets_styles_and_no_color_turns_every_one_off(served: RunningFake) -> None:
    styled = _on_a_terminal(served)
    assert "Homepage" in styled
    assert f"{ESCAPE}[1m" in styled  # bold headers: the terminal does get styles
    plain = _on_a_terminal(served, NO_COLOR="1")
    assert "Homepage" in plain
    assert ESCAPE not in plain  # neither colour nor bold
    assert plain.replace("\r\n", "\n") == styled.replace(f"{ESCAPE}[1m", "").replace(f"{ESCAPE}[0m", "").replace(
        "\r\n", "\n"
    )


# Entry points.


def test_python_dash_m_runs_the_command_line(config: Path) -> None:
    done = betterstack("--help", env=environment())
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("Usage: betterstack [OPTIONS] COMMAND [ARGS]...\n")
    for group in ("monitors", "heartbeats", "incidents", "oncall", "status-pages", "maintenance"):
        assert f"\n  {group} " in done.stdout
    assert done.stderr == ""


def test_completion_offers_ids_with_names_from_the_api_the_command_line_names(served: RunningFake) -> None:
    env = {
        "BETTERSTACK_API_TOKEN": TOKEN,
        "_BETTERSTACK_COMPLETE": "complete_zsh",
        "_TYPER_COMPLETE_ARGS": f"betterstack --base-url {served.base_url} monitors get ",
    }
    result = CliRunner().invoke(app, [], env=env, prog_name="betterstack", catch_exceptions=False)
    assert result.stdout == '_arguments \'*: :(("2":"2 Homepage"\n"3":"3 API health"\n"4":"4 Database"))\'\n'


def test_completion_without_a_token_offers_nothing_and_prints_no_error(served: RunningFake) -> None:
    env = {
        "_BETTERSTACK_COMPLETE": "complete_zsh",
        "_TYPER_COMPLETE_ARGS": f"betterstack --base-url {served.base_url} monitors get ",
    }
    result = CliRunner().invoke(app, [], env=env, prog_name="betterstack", catch_exceptions=False)
    assert (result.stdout, result.stderr) == ("_files\n", "")


def _readme_commands() -> list[list[str]]:
    """The arguments of every `betterstack ...` in the shell blocks of the README's command-line section."""
    section = README.read_text().split("\n## The command line\n", 1)[1].split("\n## ", 1)[0]
    commands = []
    for block in re.findall(r"```sh\n(.*?)```", section, re.DOTALL):
        for line in block.replace("\\\n", " ").splitlines():
            lexer = shlex.shlex(line, posix=True, punctuation_chars=True)
            lexer.whitespace_split = True  # words end at blanks and punctuation only, not at `:` or `,`
            words = list(lexer)
            # Pipes, `$(...)` and redirections split a line into commands; `xargs` may come first.
            segments: list[list[str]] = [[]]
            for word in words:
                if word and set(word) <= set("();<>|&"):
                    segments.append([])
                else:
                    segments[-1].append(word)
            commands += [
                segment[segment.index("betterstack") + 1 :] for segment in segments if "betterstack" in segment
            ]
    return commands


README_COMMANDS = _readme_commands()


def test_the_readme_shows_commands() -> None:
    assert len(README_COMMANDS) >= 15
    assert ["maintenance", "--monitors", "2,3", "--group", "12", "--", "make", "deploy"] in README_COMMANDS


@pytest.mark.parametrize("args", README_COMMANDS, ids=[" ".join(args) for args in README_COMMANDS])
def test_every_command_the_readme_shows_exists_with_those_options(config: Path, args: list[str]) -> None:
    # `--help` before any `--`: the command path and every option are checked, and nothing is run
    # or sent (no token, no API to reach, should help ever be ignored).
    end = args.index("--") if "--" in args else len(args)
    result = run(*args[:end], "--help", *args[end:], env={"BETTERSTACK_BASE_URL": "http://127.0.0.1:9"})
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("Usage: betterstack ")
