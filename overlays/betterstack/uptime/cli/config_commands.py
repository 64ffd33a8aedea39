"""`betterstack export`, `plan` and `apply`: a team's uptime setup as a file, under version control.

    betterstack export -f uptime.yaml       # the live team, as YAML (stdout without -f)
    betterstack plan uptime.yaml            # what apply would change; sends only GETs
    betterstack apply uptime.yaml           # shows the plan, asks, applies it

The file's format and the planning live in `betterstack.uptime.config`; these commands read
and write the file, print the plan and report how an apply went. The destination of `export`
is `--file/-f`, because the global `-o` is the output format (`betterstack -o json export`
writes JSON). A file that cannot be used (bad YAML, a misspelt field, a name nothing has) is a
usage error, exit 2, naming its line. `plan` exits 0 whether or not there are changes; a script
asks `betterstack -o json plan FILE` for the changes as a list. `apply` asks before it changes
anything, and without `--yes` refuses to run when stdin is not a terminal (no one to ask). A
failure midway stops the apply: what was applied was printed as it went, and the error and the
changes not applied follow on stderr; applying the file again finishes the job.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager, nullcontext
from difflib import get_close_matches
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Optional

import typer

from ._common import settings_of
from ._exit import API_ERROR, USAGE_ERROR, code_of, fail, reported
from ._output import _console
from ._settings import Settings

if TYPE_CHECKING:
    from betterstack.uptime import UptimeAPI
    from betterstack.uptime.config import ApplyResult, Change, Config, Plan

KINDS = (
    "urgencies",
    "escalation_policies",
    "monitor_groups",
    "heartbeat_groups",
    "monitors",
    "heartbeats",
    "status_pages",
    "metadata",
)
"""The file's top-level lists, in the order they are applied."""
DONE = {"create": "created", "update": "updated", "delete": "deleted"}

File = Annotated[
    Path,
    typer.Argument(
        help="The file: YAML or JSON; - reads stdin.", exists=True, dir_okay=False, allow_dash=True, show_default=False
    ),
]
Prune = Annotated[
    bool,
    typer.Option(
        "--prune", help="Also delete what the team has and the file does not, within the kinds the file lists."
    ),
]


@contextmanager
def _file_errors(debug: bool) -> Iterator[None]:
    """A file that cannot be used is a usage error (exit 2): `betterstack: error: FILE:LINE: ...`."""
    from betterstack.uptime.config import ConfigError

    try:
        yield
    except ConfigError as error:
        if debug:
            import traceback

            traceback.print_exc()
        fail(f"error: {error}", USAGE_ERROR)


def _busy(settings: Settings, what: str) -> AbstractContextManager[object]:
    """A spinner on stderr while the API is read, on a terminal only."""
    if settings.quiet or not sys.stderr.isatty():
        return nullcontext()
    return _console(stderr=True).status(what)


def _can_ask() -> bool:
    """Whether a person can answer the confirmation: stdin is a terminal."""
    return sys.stdin.isatty()


def _kinds(given: str | None) -> list[str] | None:
    """The kinds `--kinds` names (`monitors,heartbeat-groups`), checked; None for every kind."""
    if given is None:
        return None
    kinds = []
    for word in given.split(","):
        kind = word.strip().replace("-", "_")
        if kind not in KINDS:
            close = get_close_matches(kind, KINDS, n=1)
            hint = f"did you mean {close[0]!r}?" if close else f"kinds: {', '.join(KINDS)}"
            raise typer.BadParameter(f"no kind {word.strip()!r}; {hint}", param_hint="'--kinds'")
        kinds.append(kind)
    return kinds


def _loaded(file: Path) -> Config:
    """The file's config; `-` is stdin."""
    from betterstack.uptime import config

    if str(file) == "-":
        return config.loads(sys.stdin.read(), source="<stdin>")
    return config.load(file)


def _planned(settings: Settings, api: UptimeAPI, file: Path, prune: bool) -> Plan:
    from betterstack.uptime import config

    loaded = _loaded(file)
    with _busy(settings, f"Comparing {file} with the team..."):
        return config.plan(api, loaded, prune=prune)


def _done(change: Change) -> str:
    """`created monitor Homepage`, `updated monitor Homepage: check_frequency`: one applied change."""
    line = f"{DONE[change.action]} {change.kind} {change.name}"
    if change.action == "update" and change.fields:
        line += ": " + ", ".join(change.fields)
    return line


def _as_rows(plan: Plan) -> list[dict[str, Any]]:
    """The changes as data, for `-o json|yaml`: fields map to `[old, new]`."""
    return [
        {
            "action": change.action,
            "kind": change.kind,
            "name": change.name,
            "fields": {field: [old, new] for field, (old, new) in change.fields.items()},
        }
        for change in plan.changes
    ]


def _print_plan(settings: Settings, plan: Plan) -> None:
    """The plan's lines and summary; with `-o json|yaml` its changes as a list, for scripts."""
    if settings.output == "json":
        sys.stdout.write(json.dumps(_as_rows(plan), indent=2, ensure_ascii=False) + "\n")
    elif settings.output == "yaml":
        import yaml

        sys.stdout.write(yaml.safe_dump(_as_rows(plan), sort_keys=False, allow_unicode=True))
    elif not settings.quiet:
        sys.stdout.write(plan.render() + "\n")


def _no_csv(settings: Settings, command: str) -> None:
    """Refuse `-o csv`: a file and a plan are nested, with no rows to put in columns."""
    if settings.output == "csv":
        fail(f"error: {command} writes no CSV: its output is nested; use -o json or -o yaml", USAGE_ERROR)


def _applied(settings: Settings, api: UptimeAPI, plan: Plan) -> ApplyResult:
    """Apply the plan: a progress bar above the lines on a terminal, one line per change otherwise."""
    from betterstack.uptime import config

    if settings.quiet:
        return config.apply(api, plan)
    if not sys.stdout.isatty():

        def line(change: Change) -> None:
            sys.stdout.write(_done(change) + "\n")

        return config.apply(api, plan, progress=line)

    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    console = _console()
    with Progress(TextColumn("Applying"), BarColumn(), MofNCompleteColumn(), console=console, transient=True) as bar:
        task = bar.add_task("apply", total=len(plan.changes))

        def progress(change: Change) -> None:
            bar.advance(task)
            bar.console.print(_done(change), markup=False, highlight=False)

        return config.apply(api, plan, progress=progress)


def _report_failure(plan: Plan, result: ApplyResult) -> None:
    """The error on one line, then what was not applied, on stderr."""
    assert result.failed is not None and result.error is not None
    total = len(plan.changes)
    not_applied = [result.failed, *result.remaining]
    lines = [
        f"betterstack: error: {result.failed.render()}: {result.error}",
        f"betterstack: {len(result.applied)} of {total} changes applied; not applied:",
        *(f"  {change.render()}" for change in not_applied),
        "betterstack: apply the file again to finish: it plans from the team as it is now",
    ]
    sys.stderr.write("\n".join(lines) + "\n")


def export_config(
    ctx: typer.Context,
    file: Annotated[
        Optional[Path],  # noqa: UP045
        typer.Option(
            "--file",
            "-f",
            help="Write to this file instead of stdout.",
            dir_okay=False,
            metavar="FILE",
            show_default=False,
        ),
    ] = None,
    kinds: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option(
            "--kinds",
            metavar="KINDS",
            help=f"Only these kinds, comma-separated: {', '.join(KINDS)}.",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Write the team's uptime setup as a file: YAML, or JSON with -o json or a .json file name."""
    settings = settings_of(ctx)
    _no_csv(settings, "export")
    chosen = _kinds(kinds)
    as_json = settings.output == "json" or (file is not None and file.suffix.lower() == ".json")
    with reported(settings.debug):
        from betterstack.uptime import config

        api = settings.api()
        with _busy(settings, "Reading the team..."):
            exported = config.export(api)
        if chosen is not None:
            exported = _only(exported, chosen)
        text = config.dump(exported, format="json" if as_json else "yaml")
        if file is None:
            sys.stdout.write(text)
            return
        try:
            file.write_text(text, encoding="utf-8")
        except OSError as error:
            fail(f"error: cannot write {file}: {error.strerror or error}", USAGE_ERROR)
        if not settings.quiet:
            sys.stderr.write(f"wrote {file}\n")


def _only(exported: Config, kinds: list[str]) -> Config:
    """The configuration managing only `kinds`: the others left out of the file."""
    import copy

    only = copy.copy(exported)
    for kind in KINDS:
        if kind not in kinds:
            setattr(only, kind, None)
    return only


def plan_config(ctx: typer.Context, file: File, prune: Prune = False) -> None:
    """Show what apply would change, field by field; sends nothing but GETs. Exits 0 either way."""
    settings = settings_of(ctx)
    _no_csv(settings, "plan")
    with reported(settings.debug), _file_errors(settings.debug):
        plan = _planned(settings, settings.api(), file, prune)
        _print_plan(settings, plan)


def apply_config(
    ctx: typer.Context,
    file: File,
    prune: Prune = False,
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Do not ask for confirmation.")] = False,
) -> None:
    """Make the team match the file: show the plan, ask, then apply it in dependency order."""
    settings = settings_of(ctx)
    if not yes and (str(file) == "-" or not _can_ask()):
        why = "the file comes from stdin" if str(file) == "-" else "stdin is not a terminal"
        fail(f"error: apply asks before it changes anything, and cannot ask: {why}; pass --yes", USAGE_ERROR)
    with reported(settings.debug), _file_errors(settings.debug):
        api = settings.api()
        plan = _planned(settings, api, file, prune)
        if not settings.quiet:
            sys.stdout.write(plan.render() + "\n")
        if plan.is_empty:
            return
        if not yes:
            typer.confirm(f"Apply these {len(plan.changes)} changes?", abort=True)
        result = _applied(settings, api, plan)
        if result.failed is not None:
            _report_failure(plan, result)
            raise typer.Exit(code_of(result.error) if result.error is not None else API_ERROR)
        if not settings.quiet:
            sys.stdout.write(f"applied {len(result.applied)} changes\n")
