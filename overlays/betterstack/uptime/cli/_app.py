"""The `betterstack` application: global options, then one command group per resource.

Command modules import the SDK inside their commands, so `betterstack --help` loads neither the
SDK nor httpx.
"""

from __future__ import annotations

from typing import Annotated, Optional

import typer

from . import config_commands, heartbeats, incidents, maintenance, monitors, on_call, status_pages
from ._settings import Output, Settings

app: typer.Typer = typer.Typer(
    name="betterstack",
    help="Better Stack Uptime from the terminal: monitors, heartbeats, incidents, on-call, status pages.",
    no_args_is_help=True,
    context_settings={"help_option_names": ["-h", "--help"]},
    pretty_exceptions_enable=False,
    # Plain help and one-line usage errors: no boxes to parse, and no rich to load for `--help`.
    rich_markup_mode=None,
)


@app.callback()
def options(
    ctx: typer.Context,
    profile: Annotated[
        Optional[str],  # noqa: UP045 (typer reads the annotation at run time)
        typer.Option(help="Profile of the config file to take the token and API from.", envvar="BETTERSTACK_PROFILE"),
    ] = None,
    team: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option(help="Team to work on, with a global API token."),
    ] = None,
    base_url: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option(help="API root, e.g. the fake API: http://127.0.0.1:8080.", envvar="BETTERSTACK_BASE_URL"),
    ] = None,
    output: Annotated[Output, typer.Option("--output", "-o", help="Output format.")] = "table",
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Print ids only, one per line.")] = False,
    debug: Annotated[bool, typer.Option("--debug", help="Show tracebacks (never the token).")] = False,
) -> None:
    """Global options, before the command."""
    settings = Settings(profile=profile, team=team, base_url=base_url, output=output, quiet=quiet, debug=debug)
    ctx.obj = settings
    # Runs in-process (tests) would otherwise leave the connection pool open.
    ctx.call_on_close(settings.close)


app.add_typer(monitors.app, name="monitors")
app.add_typer(monitors.groups, name="monitor-groups")
app.add_typer(heartbeats.app, name="heartbeats")
app.add_typer(heartbeats.groups, name="heartbeat-groups")
app.add_typer(incidents.app, name="incidents")
app.add_typer(on_call.app, name="oncall")
app.add_typer(status_pages.app, name="status-pages")
app.command("maintenance", context_settings={"allow_interspersed_args": False, "ignore_unknown_options": True})(
    maintenance.maintenance
)
app.command("export")(config_commands.export_config)
app.command("plan")(config_commands.plan_config)
app.command("apply")(config_commands.apply_config)
