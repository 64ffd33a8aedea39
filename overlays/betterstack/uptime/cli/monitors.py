"""`betterstack monitors ...` and `betterstack monitor-groups ...`."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any, Optional

import typer

from .._kind import kind_of
from ._assignments import parsed
from ._common import completion_of, each, exit_for, given, label, settings_of
from ._exit import reported
from ._output import collected, emit, emit_one, say

if TYPE_CHECKING:
    from betterstack.uptime.objects import Monitor

app: typer.Typer = typer.Typer(
    help="Uptime checks of URLs, hosts and ports.", no_args_is_help=True, rich_markup_mode=None
)
groups: typer.Typer = typer.Typer(
    help="Named groups of monitors, paused and resumed together.", no_args_is_help=True, rich_markup_mode=None
)

COLUMNS = ("id", "pronounceable_name", "url", "monitor_type", "status", "check_frequency", "paused_at")
GROUP_COLUMNS = ("id", "name", "sort_index", "paused", "created_at")

MonitorId = Annotated[str, typer.Argument(help="The monitor's id.", autocompletion=completion_of("Monitor"))]
Assignments = Annotated[
    list[str], typer.Option("--set", "-s", help="field=value (a JSON value, or text); repeat for more fields.")
]


@app.command("list")
def list_monitors(
    ctx: typer.Context,
    url: Annotated[Optional[str], typer.Option(help="Only monitors checking exactly this URL.")] = None,  # noqa: UP045
    name: Annotated[Optional[str], typer.Option(help="Only monitors with exactly this name.")] = None,  # noqa: UP045
) -> None:
    """List monitors (all pages)."""
    settings = settings_of(ctx)
    with reported(settings.debug):
        from betterstack.uptime.objects import Monitor

        api = settings.api()
        filters: dict[str, Any] = {"url": url, "pronounceable_name": name, **settings.team_filter()}
        found = collected(settings, Monitor.filter(api, **given(filters)), "monitors")
        emit(settings, [monitor.to_dict() for monitor in found], COLUMNS)


@app.command("get")
def get_monitor(ctx: typer.Context, monitor_id: MonitorId) -> None:
    """Show one monitor, every field."""
    settings = settings_of(ctx)
    with reported(settings.debug):
        from betterstack.uptime.objects import Monitor

        emit_one(settings, Monitor.get(settings.api(), monitor_id).to_dict())


@app.command("create")
def create_monitor(ctx: typer.Context, assignments: Assignments) -> None:
    """Create a monitor from --set fields (url=..., monitor_type=status at least)."""
    settings = settings_of(ctx)
    with reported(settings.debug):
        from betterstack.uptime.objects import Monitor

        monitor = Monitor.new(settings.api(), **parsed(assignments, kind_of(Monitor).fields, "a monitor"))
        say(settings, f"created monitor {label(monitor)}")
        if settings.quiet or settings.output != "table":
            emit_one(settings, monitor.to_dict())


@app.command("update")
def update_monitor(ctx: typer.Context, monitor_id: MonitorId, assignments: Assignments) -> None:
    """Change fields of a monitor: only the fields given are sent."""
    settings = settings_of(ctx)
    with reported(settings.debug):
        from betterstack.uptime.objects import Monitor

        values = parsed(assignments, kind_of(Monitor).fields, "a monitor")
        monitor = Monitor.get(settings.api(), monitor_id)
        for name, value in values.items():
            setattr(monitor, name, value)
        monitor.save()
        say(settings, f"updated monitor {label(monitor)}: {', '.join(values)}")
        if settings.quiet or settings.output != "table":
            emit_one(settings, monitor.to_dict())


@app.command("delete")
def delete_monitor(
    ctx: typer.Context,
    monitor_id: MonitorId,
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Do not ask for confirmation.")] = False,
) -> None:
    """Delete a monitor."""
    settings = settings_of(ctx)
    with reported(settings.debug):
        from betterstack.uptime.objects import Monitor

        monitor = Monitor.get(settings.api(), monitor_id)
        if not yes:
            typer.confirm(f"Delete monitor {label(monitor)}?", abort=True)
        monitor.delete()
        say(settings, f"deleted monitor {label(monitor)}")


def _targets(ctx: typer.Context, ids: list[str], group: str | None, url: str | None) -> list[Monitor]:
    settings = settings_of(ctx)
    from betterstack.uptime.objects import Monitor, MonitorGroup

    api = settings.api()
    if not ids and group is None and url is None:
        raise typer.BadParameter("name the monitors: ids, --group or --url")
    # By id, unfetched: the PATCH's answer names each monitor, so no GET is needed.
    found = [Monitor(id=monitor_id, _api=api) for monitor_id in ids]
    if group is not None:
        found += MonitorGroup(id=group, _api=api).fetch_monitors()
    if url is not None:
        team: dict[str, Any] = settings.team_filter()
        found += list(Monitor.filter(api, url=url, **team))
    return found


Ids = Annotated[
    Optional[list[str]],  # noqa: UP045
    typer.Argument(help="Monitor ids.", autocompletion=completion_of("Monitor"), show_default=False),
]
Group = Annotated[Optional[str], typer.Option("--group", help="Every monitor of this monitor group (id).")]  # noqa: UP045
Url = Annotated[Optional[str], typer.Option("--url", help="Every monitor checking exactly this URL.")]  # noqa: UP045


@app.command("pause")
def pause_monitors(ctx: typer.Context, ids: Ids = None, group: Group = None, url: Url = None) -> None:
    """Pause monitors: by id, every monitor of a group, or those checking a URL."""
    settings = settings_of(ctx)
    with reported(settings.debug):
        failed = each(settings, _targets(ctx, ids or [], group, url), lambda m: m.pause(), "paused")
    exit_for(failed, "monitors")


@app.command("resume")
def resume_monitors(ctx: typer.Context, ids: Ids = None, group: Group = None, url: Url = None) -> None:
    """Resume monitors: by id, every monitor of a group, or those checking a URL."""
    settings = settings_of(ctx)
    with reported(settings.debug):
        failed = each(settings, _targets(ctx, ids or [], group, url), lambda m: m.resume(), "resumed")
    exit_for(failed, "monitors")


@app.command("sla")
def monitor_sla(
    ctx: typer.Context,
    monitor_id: MonitorId,
    from_: Annotated[Optional[str], typer.Option("--from", help="First day, YYYY-MM-DD.")] = None,  # noqa: UP045
    to: Annotated[Optional[str], typer.Option("--to", help="Last day, YYYY-MM-DD.")] = None,  # noqa: UP045
) -> None:
    """A monitor's availability over a time frame (since it was created by default)."""
    settings = settings_of(ctx)
    with reported(settings.debug):
        from betterstack.uptime.objects import MonitorSLA

        sla = MonitorSLA(id=monitor_id, _api=settings.api())
        query = {key: value for key, value in (("from_", from_), ("to", to)) if value is not None}
        sla.fetch_data(**query)
        emit_one(settings, sla.to_dict())


@groups.command("list")
def list_groups(ctx: typer.Context) -> None:
    """List monitor groups."""
    settings = settings_of(ctx)
    with reported(settings.debug):
        from betterstack.uptime.objects import MonitorGroup

        team: dict[str, Any] = settings.team_filter()
        found = collected(settings, MonitorGroup.filter(settings.api(), **team), "groups")
        emit(settings, [group.to_dict() for group in found], GROUP_COLUMNS)


@groups.command("get")
def get_group(ctx: typer.Context, group_id: Annotated[str, typer.Argument(help="The group's id.")]) -> None:
    """Show one monitor group."""
    settings = settings_of(ctx)
    with reported(settings.debug):
        from betterstack.uptime.objects import MonitorGroup

        emit_one(settings, MonitorGroup.get(settings.api(), group_id).to_dict())


@groups.command("pause")
def pause_groups(ctx: typer.Context, ids: Annotated[list[str], typer.Argument(help="Group ids.")]) -> None:
    """Pause monitor groups (every monitor in them)."""
    settings = settings_of(ctx)
    with reported(settings.debug):
        from betterstack.uptime.objects import MonitorGroup

        api = settings.api()
        failed = each(settings, [MonitorGroup.get(api, i) for i in ids], lambda g: g.pause(), "paused")
    exit_for(failed, "groups")


@groups.command("resume")
def resume_groups(ctx: typer.Context, ids: Annotated[list[str], typer.Argument(help="Group ids.")]) -> None:
    """Resume monitor groups."""
    settings = settings_of(ctx)
    with reported(settings.debug):
        from betterstack.uptime.objects import MonitorGroup

        api = settings.api()
        failed = each(settings, [MonitorGroup.get(api, i) for i in ids], lambda g: g.resume(), "resumed")
    exit_for(failed, "groups")
