"""`betterstack incidents ...`: list, acknowledge, resolve, escalate, comment, read the timeline."""

from __future__ import annotations

import sys
from collections.abc import Mapping
from datetime import datetime
from typing import Annotated, Any, Literal, Optional

import typer

from ._common import completion_of, each, exit_for, given, label, settings_of
from ._exit import reported
from ._output import collected, emit, emit_one, say

app: typer.Typer = typer.Typer(
    help="Incidents: see what is open, acknowledge, resolve, escalate, comment.",
    no_args_is_help=True,
    rich_markup_mode=None,
)

COLUMNS = ("id", "name", "status", "cause", "started_at", "resolved_at")
TIMELINE_COLUMNS = ("time", "type", "content")

# The spec's `IncidentEscalationType`; typer needs the values here, without importing the SDK.
EscalationType = Literal["User", "Team", "Schedule", "Policy", "Organization"]
# Whom each escalation type needs named (any one option of the tuple), checked before sending.
TARGETS: dict[str, tuple[str, ...]] = {
    "User": ("user_email", "user_id"),
    "Team": ("team_name", "team_id"),
    "Schedule": ("schedule_id",),
    "Policy": ("policy_id",),
}

IncidentId = Annotated[str, typer.Argument(help="The incident's id.", autocompletion=completion_of("Incident"))]
Ids = Annotated[
    list[str], typer.Argument(help="Incident ids.", autocompletion=completion_of("Incident"), show_default=False)
]


@app.command("list")
def list_incidents(
    ctx: typer.Context,
    open_: Annotated[bool, typer.Option("--open", help="Only incidents not resolved yet.")] = False,
    monitor: Annotated[Optional[int], typer.Option("--monitor", help="Only incidents of this monitor (id).")] = None,  # noqa: UP045
    heartbeat: Annotated[
        Optional[int],  # noqa: UP045
        typer.Option("--heartbeat", help="Only incidents of this heartbeat (id)."),
    ] = None,
    from_: Annotated[
        Optional[datetime],  # noqa: UP045
        typer.Option("--from", formats=["%Y-%m-%d"], help="Only incidents started on or after this day, YYYY-MM-DD."),
    ] = None,
    to: Annotated[
        Optional[datetime],  # noqa: UP045
        typer.Option("--to", formats=["%Y-%m-%d"], help="Only incidents started on or before this day, YYYY-MM-DD."),
    ] = None,
) -> None:
    """List incidents, newest first (all pages)."""
    settings = settings_of(ctx)
    with reported(settings.debug):
        from betterstack.uptime.objects import Incident

        api = settings.api()
        filters: dict[str, Any] = {
            "from_": None if from_ is None else from_.date().isoformat(),
            "to": None if to is None else to.date().isoformat(),
            "monitor_id": monitor,
            "heartbeat_id": heartbeat,
            "resolved": False if open_ else None,
            **settings.team_filter(),
        }
        found = collected(settings, Incident.filter(api, **given(filters)), "incidents")
        emit(settings, [incident.to_dict() for incident in found], COLUMNS)


@app.command("get")
def get_incident(ctx: typer.Context, incident_id: IncidentId) -> None:
    """Show one incident, every field."""
    settings = settings_of(ctx)
    with reported(settings.debug):
        from betterstack.uptime.objects import Incident

        emit_one(settings, Incident.get(settings.api(), incident_id).to_dict())


By = Annotated[
    Optional[str],  # noqa: UP045
    typer.Option("--by", help="Who does it (an e-mail or any name); the API's default when left out."),
]


@app.command("ack")
def acknowledge_incidents(ctx: typer.Context, ids: Ids, by: By = None) -> None:
    """Acknowledge incidents, which stops their escalation."""
    settings = settings_of(ctx)
    with reported(settings.debug):
        from betterstack.uptime.objects import Incident

        api = settings.api()
        # Unfetched: the API answers each action with the incident, so no GET is needed.
        incidents = [Incident(id=incident_id, _api=api) for incident_id in ids]
        failed = each(settings, incidents, lambda i: i.acknowledge(by), "acknowledged")
    exit_for(failed, "incidents")


@app.command("resolve")
def resolve_incidents(ctx: typer.Context, ids: Ids, by: By = None) -> None:
    """Resolve incidents, which stops all their alerts."""
    settings = settings_of(ctx)
    with reported(settings.debug):
        from betterstack.uptime.objects import Incident

        api = settings.api()
        incidents = [Incident(id=incident_id, _api=api) for incident_id in ids]
        failed = each(settings, incidents, lambda i: i.resolve(by), "resolved")
    exit_for(failed, "incidents")


@app.command("escalate")
def escalate_incident(
    ctx: typer.Context,
    incident_id: IncidentId,
    escalation_type: Annotated[EscalationType, typer.Option("--type", help="Whom to alert.", show_default=False)],
    user_email: Annotated[Optional[str], typer.Option(help="The user to alert (--type User).")] = None,  # noqa: UP045
    user_id: Annotated[Optional[int], typer.Option(help="The user to alert (--type User).")] = None,  # noqa: UP045
    team_name: Annotated[Optional[str], typer.Option(help="The team to alert (--type Team).")] = None,  # noqa: UP045
    team_id: Annotated[Optional[int], typer.Option(help="The team to alert (--type Team).")] = None,  # noqa: UP045
    schedule_id: Annotated[
        Optional[int],  # noqa: UP045
        typer.Option(help="The on-call calendar to alert (--type Schedule)."),
    ] = None,
    policy_id: Annotated[Optional[int], typer.Option(help="The escalation policy to run (--type Policy).")] = None,  # noqa: UP045
    call: Annotated[Optional[bool], typer.Option("--call/--no-call", help="Call them.", show_default=False)] = None,  # noqa: UP045
    sms: Annotated[Optional[bool], typer.Option("--sms/--no-sms", help="Send an SMS.", show_default=False)] = None,  # noqa: UP045
    email: Annotated[
        Optional[bool],  # noqa: UP045
        typer.Option("--email/--no-email", help="Send an e-mail.", show_default=False),
    ] = None,
    push: Annotated[
        Optional[bool],  # noqa: UP045
        typer.Option("--push/--no-push", help="Send a push notification.", show_default=False),
    ] = None,
    critical_alert: Annotated[
        Optional[bool],  # noqa: UP045
        typer.Option(
            "--critical-alert/--no-critical-alert",
            help="Send a critical alert, which bypasses do-not-disturb.",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Alert someone about an incident: a user, a team, an on-call calendar, a policy or everyone.

    The channel options are sent only when given; the API's defaults apply otherwise.
    """
    settings = settings_of(ctx)
    targets = {
        "user_email": user_email,
        "user_id": user_id,
        "team_name": team_name,
        "team_id": team_id,
        "schedule_id": schedule_id,
        "policy_id": policy_id,
    }
    needed = TARGETS.get(escalation_type, ())
    if needed and all(targets[name] is None for name in needed):
        options = " or ".join("--" + name.replace("_", "-") for name in needed)
        raise typer.BadParameter(f"{escalation_type} needs {options}", param_hint="'--type'")
    with reported(settings.debug):
        from betterstack.uptime.objects import Incident

        incident = Incident(id=incident_id, _api=settings.api())
        incident.escalate(
            escalation_type,
            user_email=user_email,
            user_id=user_id,
            team_name=team_name,
            team_id=team_id,
            schedule_id=schedule_id,
            policy_id=policy_id,
            call=call,
            sms=sms,
            email=email,
            push=push,
            critical_alert=critical_alert,
        )
        whom = next((str(targets[name]) for name in needed if targets[name] is not None), None)
        say(settings, f"escalated {label(incident)} to {escalation_type}" + (f" {whom}" if whom else ""))
        if settings.quiet or settings.output != "table":
            emit_one(settings, incident.to_dict())


@app.command("comment")
def comment_on_incident(
    ctx: typer.Context, incident_id: IncidentId, text: Annotated[str, typer.Argument(help="The comment, Markdown.")]
) -> None:
    """Post a comment on an incident; prints the new comment's id."""
    settings = settings_of(ctx)
    with reported(settings.debug):
        from betterstack.uptime.objects import Incident

        comment = Incident(id=incident_id, _api=settings.api()).add_comment(text)
        if settings.quiet or settings.output == "table":
            sys.stdout.write(f"{comment.id}\n")
        else:
            emit_one(settings, comment.to_dict())


def _content(item: Mapping[str, Any]) -> str:
    """What a timeline item says, in one cell: its title, then its text (a comment's, with its author)."""
    data = item.get("data") or {}
    content = data.get("content")
    if isinstance(content, Mapping):
        user = content.get("user") or {}
        author = user.get("name") if isinstance(user, Mapping) else None
        content = f"{content.get('text') or ''}" + (f" ({author})" if author else "")
    parts = [str(part) for part in (data.get("title"), content) if part]
    return ": ".join(parts)


@app.command("timeline")
def incident_timeline(ctx: typer.Context, incident_id: IncidentId) -> None:
    """An incident's timeline, newest first: when, what kind of item, what it says."""
    settings = settings_of(ctx)
    with reported(settings.debug):
        from betterstack.uptime.objects import Incident

        items = Incident(id=incident_id, _api=settings.api()).timeline()
        if settings.quiet or settings.output != "table":
            # Scripts get the items as the API sends them: id, item_type, at, data.
            emit(settings, [dict(item) for item in items], TIMELINE_COLUMNS)
        else:
            rows = [
                {"time": item.get("at"), "type": item.get("item_type"), "content": _content(item)} for item in items
            ]
            emit(settings, rows, TIMELINE_COLUMNS)
