"""`betterstack maintenance`: pause monitors and heartbeats around a command, then resume them.

    betterstack maintenance --monitors 2,3 --group 12 -- make deploy

The run has three phases. Pausing: every monitor and heartbeat named is fetched (an unknown id
stops the run before anything is paused), then each one not paused already is paused; those
paused before are left alone, and stay paused after. Running: the command, with the terminal's
stdin, stdout and stderr; SIGINT and SIGTERM are forwarded to it (a Ctrl-C typed in the
terminal reaches it directly, and only once) and the run waits for it to end. Resuming:
whatever this run paused is resumed, however the command ended, and any object that could not
be resumed is named, with the command that resumes it by hand.

Progress lines go to stderr, so stdout is the command's own.
"""

from __future__ import annotations

import contextlib
import os
import shlex
import signal
import sys
import threading
from dataclasses import dataclass
from types import FrameType
from typing import TYPE_CHECKING, Annotated, Literal, Optional

import typer

from ._common import completion_of, label, settings_of
from ._exit import API_ERROR, INTERRUPTED, reported
from ._settings import Settings

if TYPE_CHECKING:
    import subprocess

    from betterstack.uptime.objects import Heartbeat, Monitor

NOT_EXECUTABLE = 126
"""The command exists but cannot be run (as a shell says)."""
NOT_FOUND = 127
"""There is no such command (as a shell says)."""
SIGNALS = (signal.SIGINT, signal.SIGTERM)
Phase = Literal["pausing", "running", "resuming"]


class _Interrupted(BaseException):
    """SIGINT or SIGTERM arrived while the run could stop (while pausing, or a second time while resuming)."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


def _signal_exit(signum: int) -> int:
    """The exit code of a run stopped by a signal, as a shell gives it: 130 for SIGINT, 143 for SIGTERM."""
    return INTERRUPTED if signum == signal.SIGINT else 128 + signum


def _signal_name(signum: int) -> str:
    return signal.Signals(signum).name


class _Signals:
    """What SIGINT and SIGTERM do during a run, by phase (installed only on the main thread).

    Pausing: stop pausing (what was paused is then resumed). Running: forward the signal to the
    command (unless it is a Ctrl-C the terminal sent the command too) and keep waiting for it.
    Resuming: the first one only gets a note, as stopping then would leave monitors paused; a
    second one stops the resuming.
    """

    def __init__(self) -> None:
        self.phase: Phase = "pausing"
        self.received: int | None = None
        """The first signal that stopped or interrupted something (the run's exit code follows it)."""
        self.while_resuming = 0
        self.note_due = False
        self._child: subprocess.Popen[bytes] | None = None
        self._previous: dict[int, object] = {}

    def __enter__(self) -> _Signals:
        if threading.current_thread() is threading.main_thread():
            for signum in SIGNALS:
                self._previous[signum] = signal.signal(signum, self._handle)
        return self

    def __exit__(self, *_: object) -> None:
        for signum, handler in self._previous.items():
            if handler is not None:  # None: a handler set outside Python, which cannot be put back
                signal.signal(signum, handler)  # type: ignore[arg-type]  # what signal.signal gave back

    def watch(self, child: subprocess.Popen[bytes]) -> None:
        """Forward signals to `child` from now on (and one that came while it was starting)."""
        self._child = child
        if self.received is not None:
            self._forward(self.received)

    def _forward(self, signum: int) -> None:
        if self._child is not None:
            # OSError: it has just ended; ValueError: a signal Windows cannot send.
            with contextlib.suppress(OSError, ValueError):
                self._child.send_signal(signum)

    def _handle(self, signum: int, frame: FrameType | None) -> None:
        if self.phase == "resuming":
            self.while_resuming += 1
            if self.while_resuming > 1:
                self.received = self.received or signum
                raise _Interrupted(signum)
            self.note_due = True
            return
        if self.received is None:
            self.received = signum
        if self.phase == "pausing":
            raise _Interrupted(signum)
        if signum == signal.SIGINT and self._child is not None and _in_foreground(self._child.pid):
            return  # a Ctrl-C: the terminal sent it to the command too
        self._forward(signum)


def _in_foreground(pid: int) -> bool:
    """Whether process `pid` is in the foreground process group of the terminal (if any) this run is on.

    The terminal sends a Ctrl-C to its whole foreground group: a command in it has had the
    SIGINT already, and a second one would make it a double Ctrl-C, which many tools take as
    "stop now, skip the clean-up" (`terraform apply`, `docker compose`). A SIGINT sent to this
    process alone (`kill -INT`) when it runs in the background, or with no terminal, is forwarded.
    A Windows console sends Ctrl-C to every process attached to it.
    """
    if not hasattr(os, "tcgetpgrp"):
        return True
    for fd in (0, 1, 2):
        try:
            if os.isatty(fd):
                return os.tcgetpgrp(fd) == os.getpgid(pid)
        except OSError:  # no such process any more, or no controlling terminal
            return False
    return False


@dataclass
class _Target:
    """A monitor or heartbeat to pause, and how to name it to a person."""

    obj: Monitor | Heartbeat
    kind: Literal["monitor", "heartbeat"]

    def __str__(self) -> str:
        return label(self.obj) if self.kind == "monitor" else f"heartbeat {label(self.obj)}"


def _progress(settings: Settings, message: str) -> None:
    """A progress line on stderr (stdout is the command's); none with `-q`."""
    if not settings.quiet:
        sys.stderr.write(message + "\n")


def _error(message: str) -> None:
    sys.stderr.write(f"betterstack: {message}\n")


def _ids(values: list[str] | None) -> list[str]:
    """`["2,3", "4"]` as `["2", "3", "4"]`: ids may be given comma-separated, or the option repeated."""
    return [item.strip() for value in values or [] for item in value.split(",") if item.strip()]


def _targets(
    settings: Settings, monitors: list[str], groups: list[str], heartbeats: list[str], heartbeat_groups: list[str]
) -> list[_Target]:
    """Every monitor and heartbeat named, fetched (their state says which are paused), each once."""
    from betterstack.uptime.objects import Heartbeat, HeartbeatGroup, Monitor, MonitorGroup

    api = settings.api()
    found = [_Target(Monitor.get(api, monitor_id), "monitor") for monitor_id in monitors]
    for group_id in groups:
        found += [_Target(monitor, "monitor") for monitor in MonitorGroup(id=group_id, _api=api).fetch_monitors()]
    found += [_Target(Heartbeat.get(api, heartbeat_id), "heartbeat") for heartbeat_id in heartbeats]
    for group_id in heartbeat_groups:
        group = HeartbeatGroup(id=group_id, _api=api)
        found += [_Target(heartbeat, "heartbeat") for heartbeat in group.fetch_heartbeats()]
    unique: dict[tuple[str, str], _Target] = {}
    for target in found:
        unique.setdefault((target.kind, str(target.obj.id)), target)
    return list(unique.values())


def _pause(settings: Settings, targets: list[_Target], paused: list[_Target]) -> bool:
    """Pause every target not paused yet, adding each to `paused`; False when one could not be paused."""
    from betterstack.uptime import APIError, BetterStackError

    for target in targets:
        if target.obj.is_paused:
            _progress(settings, f"already paused, will stay paused: {target}")
            continue
        # Listed before the request: if it is cut short, resuming undoes whatever it did (the
        # target was running before, so resuming it is never wrong).
        paused.append(target)
        try:
            target.obj.pause()
        except BetterStackError as error:
            _error(f"could not pause {target}: {error}")
            if isinstance(error, APIError) and error.status_code < 500:
                paused.remove(target)  # the API refused: nothing changed
            return False
        _progress(settings, f"paused {target}")
    return True


def _run(settings: Settings, command: list[str], signals: _Signals) -> int:
    """Run the command with the terminal's stdin, stdout and stderr; its exit code (128+N if killed by signal N)."""
    import subprocess

    _progress(settings, f"running: {shlex.join(command)}")
    sys.stdout.flush()
    sys.stderr.flush()
    signals.phase = "running"
    try:
        child = subprocess.Popen(command)
    except OSError as error:
        _error(f"cannot run {command[0]!r}: {error.strerror or error}")
        return NOT_FOUND if isinstance(error, FileNotFoundError) else NOT_EXECUTABLE
    signals.watch(child)
    code = child.wait()
    signals.phase = "resuming"
    code = 128 - code if code < 0 else code
    if signals.received is not None:
        _progress(settings, f"command exited with {code} after {_signal_name(signals.received)}")
    elif code != 0:
        _progress(settings, f"command exited with {code}")
    return code


def _resume(settings: Settings, paused: list[_Target], signals: _Signals) -> list[_Target]:
    """Resume what this run paused; those that could not be resumed."""
    from betterstack.uptime import BetterStackError

    signals.phase = "resuming"
    left: list[_Target] = []
    done = 0
    try:
        for target in paused:
            try:
                target.obj.resume()
            except BetterStackError as error:
                left.append(target)
                _error(f"could not resume {target}: {error}")
            else:
                _progress(settings, f"resumed {target}")
            done += 1
            if signals.note_due:
                signals.note_due = False
                _error("resuming what was paused first; a second Ctrl-C stops and leaves the rest paused")
    except _Interrupted as stop:
        _error(f"stopped by {_signal_name(stop.signum)} while resuming")
        left += paused[done:]
    return left


def _report_left(left: list[_Target]) -> None:
    """Name every object still paused, and the commands that resume them."""
    _error(f"{len(left)} still paused, could not resume: {', '.join(str(target) for target in left)}")
    for kind, group in (("monitor", "monitors"), ("heartbeat", "heartbeats")):
        ids = [str(target.obj.id) for target in left if target.kind == kind]
        if ids:
            _error(f"resume them with: betterstack {group} resume {' '.join(ids)}")


def _maintain(settings: Settings, targets: list[_Target], command: list[str]) -> int:
    """Pause, run, resume; the exit code of the whole run."""
    paused: list[_Target] = []
    with _Signals() as signals:
        try:
            if not targets:
                _progress(settings, "nothing to pause")
            if _pause(settings, targets, paused):
                code = _run(settings, command, signals)
            else:
                _error("the command was not run")
                code = API_ERROR
        except (_Interrupted, KeyboardInterrupt) as stop:
            signum = stop.signum if isinstance(stop, _Interrupted) else signal.SIGINT
            _error(f"stopped by {_signal_name(signum)} before the command ran")
            code = _signal_exit(signum)
        finally:
            # Also on an unexpected error: nothing this run paused stays paused silently.
            left = _resume(settings, paused, signals)
        if signals.received is not None:
            code = _signal_exit(signals.received)
    if left:
        _report_left(left)
        code = code or API_ERROR
    return code


Ids = Annotated[
    Optional[list[str]],  # noqa: UP045 (typer reads the annotation at run time)
    typer.Option(
        "--monitors",
        metavar="ID[,ID...]",
        help="Monitor ids, comma-separated (or repeat the option).",
        autocompletion=completion_of("Monitor"),
    ),
]
Groups = Annotated[
    Optional[list[str]],  # noqa: UP045
    typer.Option(
        "--group", metavar="GROUP_ID", help="Every monitor of this monitor group (id); repeat for more groups."
    ),
]
HeartbeatIds = Annotated[
    Optional[list[str]],  # noqa: UP045
    typer.Option("--heartbeats", metavar="ID[,ID...]", help="Heartbeat ids, comma-separated (or repeat the option)."),
]
HeartbeatGroups = Annotated[
    Optional[list[str]],  # noqa: UP045
    typer.Option(
        "--heartbeat-group",
        metavar="GROUP_ID",
        help="Every heartbeat of this heartbeat group (id); repeat for more groups.",
    ),
]
Command = Annotated[
    list[str],
    typer.Argument(metavar="-- COMMAND [ARGS]...", help="The command to run, after `--`.", show_default=False),
]


def maintenance(
    ctx: typer.Context,
    command: Command,
    monitors: Ids = None,
    group: Groups = None,
    heartbeats: HeartbeatIds = None,
    heartbeat_group: HeartbeatGroups = None,
) -> None:
    """Pause monitors and heartbeats, run COMMAND, then resume them, whatever happened.

    \b
    betterstack maintenance --monitors 2,3 --group 12 -- make deploy

    Monitors paused already are left paused. Ctrl-C (SIGINT) and SIGTERM go to COMMAND; once it
    has ended, what was paused is resumed. Progress goes to stderr; stdout is COMMAND's.

    \b
    Exit codes:
      COMMAND's own (128+N if signal N killed it)
      1    a monitor could not be paused (COMMAND not run), or COMMAND succeeded but a
           monitor could not be resumed (each one is named)
      126  COMMAND cannot be run; 127 COMMAND not found
      130  Ctrl-C, 143 SIGTERM
    """
    settings = settings_of(ctx)
    if command[0].startswith("-"):
        raise typer.BadParameter(f"no such option: {command[0]} (the command goes after `--`)", param_hint="COMMAND")
    named = [_ids(monitors), group or [], _ids(heartbeats), heartbeat_group or []]
    if not any(named):
        raise typer.BadParameter("name what to pause: --monitors, --group, --heartbeats or --heartbeat-group")
    with reported(settings.debug):
        targets = _targets(settings, *named)
        code = _maintain(settings, targets, command)
    if code:
        raise typer.Exit(code)
