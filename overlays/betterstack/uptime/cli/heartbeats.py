"""`betterstack heartbeats ...` and `betterstack heartbeat-groups ...`."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any, Optional

import typer

from ._common import completion_of, each, exit_for, settings_of
from ._exit import reported
from ._output import collected, emit, emit_one

if TYPE_CHECKING:
    from betterstack.uptime.objects import Heartbeat

app: typer.Typer = typer.Typer(
    help="Checks that expect regular pings from a job (cron, backups, queues).",
    no_args_is_help=True,
    rich_markup_mode=None,
)
groups: typer.Typer = typer.Typer(
    help="Named groups of heartbeats, paused and resumed together.", no_args_is_help=True, rich_markup_mode=None
)

# No `url`: it is the heartbeat's secret ping address (`-o json` still has it).
COLUMNS = ("id", "name", "status", "period", "grace", "heartbeat_group_id", "paused_at")
GROUP_COLUMNS = ("id", "name", "sort_index", "paused", "created_at")

HeartbeatId = Annotated[str, typer.Argument(help="The heartbeat's id.", autocompletion=completion_of("Heartbeat"))]
GroupId = Annotated[str, typer.Argument(help="The group's id.", autocompletion=completion_of("HeartbeatGroup"))]
Ids = Annotated[
    Optional[list[str]],  # noqa: UP045
    typer.Argument(help="Heartbeat ids.", autocompletion=completion_of("Heartbeat"), show_default=False),
]
Group = Annotated[Optional[str], typer.Option("--group", help="Every heartbeat of this heartbeat group (id).")]  # noqa: UP045
GroupIds = Annotated[
    list[str], typer.Argument(help="Group ids.", autocompletion=completion_of("HeartbeatGroup"), show_default=False)
]


@app.command("list")
def list_heartbeats(ctx: typer.Context) -> None:
    """List heartbeats (all pages)."""
    settings = settings_of(ctx)
    with reported(settings.debug):
        from betterstack.uptime.objects import Heartbeat

        team: dict[str, Any] = settings.team_filter()
        found = collected(settings, Heartbeat.filter(settings.api(), **team), "heartbeats")
        emit(settings, [heartbeat.to_dict() for heartbeat in found], COLUMNS)


@app.command("get")
def get_heartbeat(ctx: typer.Context, heartbeat_id: HeartbeatId) -> None:
    """Show one heartbeat, every field (its ping URL too)."""
    settings = settings_of(ctx)
    with reported(settings.debug):
        from betterstack.uptime.objects import Heartbeat

        emit_one(settings, Heartbeat.get(settings.api(), heartbeat_id).to_dict())


def _targets(ctx: typer.Context, ids: list[str], group: str | None) -> list[Heartbeat]:
    settings = settings_of(ctx)
    from betterstack.uptime.objects import Heartbeat, HeartbeatGroup

    if not ids and group is None:
        raise typer.BadParameter("name the heartbeats: ids or --group")
    api = settings.api()
    # By id, unfetched: the PATCH's answer names each heartbeat, so no GET is needed.
    found = [Heartbeat(id=heartbeat_id, _api=api) for heartbeat_id in ids]
    if group is not None:
        found += HeartbeatGroup(id=group, _api=api).fetch_heartbeats()
    return found


@app.command("pause")
def pause_heartbeats(ctx: typer.Context, ids: Ids = None, group: Group = None) -> None:
    """Pause heartbeats: by id, or every heartbeat of a group; missed pings then start no incident."""
    settings = settings_of(ctx)
    with reported(settings.debug):
        failed = each(settings, _targets(ctx, ids or [], group), lambda h: h.pause(), "paused")
    exit_for(failed, "heartbeats")


@app.command("resume")
def resume_heartbeats(ctx: typer.Context, ids: Ids = None, group: Group = None) -> None:
    """Resume heartbeats: by id, or every heartbeat of a group."""
    settings = settings_of(ctx)
    with reported(settings.debug):
        failed = each(settings, _targets(ctx, ids or [], group), lambda h: h.resume(), "resumed")
    exit_for(failed, "heartbeats")


@groups.command("list")
def list_groups(ctx: typer.Context) -> None:
    """List heartbeat groups."""
    settings = settings_of(ctx)
    with reported(settings.debug):
        from betterstack.uptime.objects import HeartbeatGroup

        team: dict[str, Any] = settings.team_filter()
        found = collected(settings, HeartbeatGroup.filter(settings.api(), **team), "groups")
        emit(settings, [group.to_dict() for group in found], GROUP_COLUMNS)


@groups.command("get")
def get_group(ctx: typer.Context, group_id: GroupId) -> None:
    """Show one heartbeat group."""
    settings = settings_of(ctx)
    with reported(settings.debug):
        from betterstack.uptime.objects import HeartbeatGroup

        emit_one(settings, HeartbeatGroup.get(settings.api(), group_id).to_dict())


@groups.command("pause")
def pause_groups(ctx: typer.Context, ids: GroupIds) -> None:
    """Pause heartbeat groups (every heartbeat in them)."""
    settings = settings_of(ctx)
    with reported(settings.debug):
        from betterstack.uptime.objects import HeartbeatGroup

        api = settings.api()
        # Unfetched, as heartbeats are: the PATCH's answer names the group, and an unknown id
        # fails on its own line while the other groups are still paused.
        failed = each(settings, [HeartbeatGroup(id=i, _api=api) for i in ids], lambda g: g.pause(), "paused")
    exit_for(failed, "groups")


@groups.command("resume")
def resume_groups(ctx: typer.Context, ids: GroupIds) -> None:
    """Resume heartbeat groups (every heartbeat in them)."""
    settings = settings_of(ctx)
    with reported(settings.debug):
        from betterstack.uptime.objects import HeartbeatGroup

        api = settings.api()
        failed = each(settings, [HeartbeatGroup(id=i, _api=api) for i in ids], lambda g: g.resume(), "resumed")
    exit_for(failed, "groups")
