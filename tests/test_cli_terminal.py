"""The installed `betterstack` binary in a real terminal, used the way a person would.

The wheel is installed with the `cli` extra into a fresh venv (the `installed` fixture of
tests/installed.py). In that venv, `python -m betterstack.uptime.testing` serves the demo's
seeded fake on 127.0.0.1, and a bash in a 120x40 pseudo-terminal (pexpect) has the venv on its
PATH and the token and API root exported. The test types commands at its prompt and reads what
comes back on the screen, escape codes stripped; the prompt shows each command's exit code.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator

import pexpect  # type: ignore[import-untyped]
import pytest

from installed import ROOT, Installation

TOKEN = "terminal-test-token"
SECONDS = 20  # the longest any one expect waits: a hang fails the test instead of holding it
PROMPT = r"\[exit (\d+)\]\$ "
# CSI sequences (styles, bracketed paste on/off), and the carriage returns of a terminal's lines.
ESCAPES = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]|\r")


@pytest.fixture
def fake_api(installed: Installation) -> Iterator[str]:
    """The installed fake, seeded like the demo, served on a free port; yields its API root."""
    seed = ROOT / "examples" / "seed.json"
    command = ["-m", "betterstack.uptime.testing", "--port", "0", "--seed", str(seed), "--token", TOKEN]
    server = pexpect.spawn(
        str(installed.python), command, cwd=str(installed.user_code), env=installed.environment(), encoding="utf-8"
    )
    try:
        server.expect(r"API on (http://127\.0\.0\.1:\d+) ", timeout=SECONDS)
        yield str(server.match.group(1))
        server.sendintr()
        server.expect(pexpect.EOF, timeout=SECONDS)
    finally:
        server.close(force=True)


class Terminal:
    """A bash at a prompt in a pseudo-terminal; `type` runs a command and returns its screen lines."""

    def __init__(self, shell: pexpect.spawn) -> None:
        self.shell = shell
        self.shell.expect(PROMPT, timeout=SECONDS)

    def type(self, command: str) -> tuple[int, list[str]]:
        """Type `command` and Enter; its exit code and the lines it printed (the echoed command left out)."""
        self.shell.sendline(command)
        self.shell.expect(PROMPT, timeout=SECONDS)
        echoed, *printed = ESCAPES.sub("", self.shell.before).split("\n")
        assert echoed == command
        return int(self.shell.match.group(1)), [line for line in printed if line]


@pytest.fixture
def terminal(installed: Installation, fake_api: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Terminal]:
    """bash in a 120x40 xterm, with the venv on PATH, the token and the fake's root exported."""
    bash = shutil.which("bash")
    if bash is None:
        pytest.skip("no bash to type into")
    env = installed.environment()
    env.update(
        TERM="xterm-256color",
        PS1="[exit $?]$ ",
        BETTERSTACK_API_TOKEN=TOKEN,
        BETTERSTACK_BASE_URL=fake_api,
        # No config file of the person running the tests, and colour as a terminal gets it.
        BETTERSTACK_CONFIG=str(tmp_path_factory.mktemp("config") / "config.toml"),
    )
    for variable in ("NO_COLOR", "FORCE_COLOR", "COLUMNS", "LINES", "BETTERSTACK_PROFILE", "BETTERUPTIME_API_TOKEN"):
        env.pop(variable, None)
    shell = pexpect.spawn(
        bash,
        ["--noprofile", "--norc"],
        cwd=str(installed.user_code),
        env=env,
        dimensions=(40, 120),
        encoding="utf-8",
        timeout=SECONDS,
    )
    try:
        yield Terminal(shell)
        shell.sendline("exit")
        shell.expect(pexpect.EOF, timeout=SECONDS)
    finally:
        shell.close(force=True)


def _cells(line: str, separator: str) -> list[str]:
    return [cell.strip() for cell in line.split(separator)]


def test_a_person_lists_pauses_and_mistypes_an_id_in_a_terminal(terminal: Terminal) -> None:
    code, screen = terminal.type("betterstack monitors list")
    assert code == 0, screen
    columns = ["id", "pronounceable_name", "url", "monitor_type", "status", "check_frequency", "paused_at"]
    assert _cells(screen[0], "┃") == columns  # the whole header on one line: the table fits 120 columns
    rows = [_cells(line, "│") for line in screen[2:]]
    assert rows == [
        ["2", "Homepage", "https://example.com", "status", "up", "30", ""],
        ["3", "API health", "https://api.example.com/health", "keyword", "down", "60", ""],
        ["4", "Database", "db.example.com", "tcp", "up", "30", ""],
    ]

    assert terminal.type("betterstack monitors pause 2") == (0, ["paused 2 Homepage"])

    code, screen = terminal.type("betterstack monitors get 999")
    assert code == 1
    assert len(screen) == 1
    not_found = "betterstack: error: [404] Resource with provided ID was not found (GET http://127.0.0.1:"
    assert screen[0].startswith(not_found)
    assert screen[0].endswith("/api/v2/monitors/999)")
