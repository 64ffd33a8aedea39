"""`betterstack status-pages ...`: the pages, their resources, and incident and maintenance reports."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING, Annotated, Any, Literal, Optional

import typer

from ._common import completion_of, label, settings_of
from ._exit import reported
from ._output import collected, emit, emit_one, say
from ._settings import Settings

if TYPE_CHECKING:
    from betterstack.uptime.objects import StatusReport, StatusUpdate

app: typer.Typer = typer.Typer(
    help="Public status pages: incident and maintenance reports.", no_args_is_help=True, rich_markup_mode=None
)
reports: typer.Typer = typer.Typer(
    help="Incident and maintenance reports on a status page, and their updates.",
    no_args_is_help=True,
    rich_markup_mode=None,
)
app.add_typer(reports, name="report")

COLUMNS = ("id", "company_name", "subdomain", "custom_domain", "aggregate_state", "published")
RESOURCE_COLUMNS = ("id", "public_name", "resource_type", "resource_id", "status")
REPORT_COLUMNS = ("id", "title", "report_type", "aggregate_state", "starts_at", "ends_at")

# `--type` as a person says it, and the spec's `report_type` for it.
REPORT_TYPES = {"incident": "manual", "maintenance": "maintenance"}
RESOLVED_MESSAGES = {"manual": "This incident has been resolved.", "maintenance": "The maintenance is complete."}

PageId = Annotated[str, typer.Argument(help="The status page's id.", autocompletion=completion_of("StatusPage"))]
ReportId = Annotated[str, typer.Argument(help="The report's id (see `status-pages report list`).")]
Affected = Annotated[
    Optional[list[str]],  # noqa: UP045
    typer.Option(
        "--affected",
        "-a",
        metavar="RESOURCE_ID=STATUS",
        help="RESOURCE_ID=STATUS: a resource of the page (see `status-pages resources`, not the monitor's id) "
        "and its state: resolved, degraded, downtime, maintenance or not_affected. Repeat for more.",
        show_default=False,
    ),
]
Message = Annotated[str, typer.Option("--message", "-m", help="The text of the update, shown on the page.")]


def _statuses() -> list[str]:
    """The states a report may give a resource: the bundled spec's `StatusReportResourceStatus`."""
    from betterstack.uptime._spec import spec

    allowed: list[str] = spec()["components"]["schemas"]["StatusReportResourceStatus"]["enum"]
    return allowed


def _affected(texts: list[str]) -> dict[str, str]:
    """`{resource_id: status}` from `RESOURCE_ID=STATUS` texts, each status one of the spec's.

    Raises:
        typer.BadParameter: A text without `=`, or a status the spec rules out; exit code 2.
    """
    found: dict[str, str] = {}
    if not texts:
        return found
    allowed = _statuses()
    for text in texts:
        resource_id, equals, status = (part.strip() for part in text.partition("="))
        if not equals or not resource_id or not status:
            raise typer.BadParameter(f"{text!r} is not RESOURCE_ID=STATUS", param_hint="--affected")
        if status not in allowed:
            raise typer.BadParameter(
                f"{status!r} is not a status of an affected resource (one of: {', '.join(allowed)})",
                param_hint="--affected",
            )
        found[resource_id] = status
    return found


def _wire(affected: dict[str, str]) -> list[Any]:
    """The spec's `affected_resources`: `[{"status_page_resource_id": ..., "status": ...}]`."""
    return [{"status_page_resource_id": key, "status": status} for key, status in affected.items()]


def _current(report: StatusReport) -> dict[str, str | None]:
    """The report's affected resources and their latest states (None when not told), by resource id."""
    return {
        str(resource["status_page_resource_id"]): resource.get("status")
        for resource in report.affected_resources or []
        if resource.get("status_page_resource_id") is not None
    }


def _timestamp(text: str | None, option: str) -> str | None:
    """An ISO 8601 time as given, once checked; a usage error names the option otherwise."""
    if text is None:
        return None
    try:
        datetime.datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        example = "e.g. 2026-11-20T09:00:00Z"
        raise typer.BadParameter(f"{text!r} is not an ISO 8601 time ({example})", param_hint=option) from None
    return text


def _states(affected: dict[str, str]) -> str:
    """`42 resolved, 43 degraded` for the line a person reads."""
    return ", ".join(f"{key} {status}" for key, status in affected.items()) or "no resources"


def _posted(settings: Settings, update: StatusUpdate, line: str) -> None:
    say(settings, line)
    if settings.quiet or settings.output != "table":
        emit_one(settings, update.to_dict())


@app.command("list")
def list_pages(ctx: typer.Context) -> None:
    """List status pages."""
    settings = settings_of(ctx)
    with reported(settings.debug):
        from betterstack.uptime.objects import StatusPage

        found = collected(settings, StatusPage.filter(settings.api()), "status pages")
        emit(settings, [page.to_dict() for page in found], COLUMNS)


@app.command("get")
def get_page(ctx: typer.Context, page_id: PageId) -> None:
    """Show one status page, every field."""
    settings = settings_of(ctx)
    with reported(settings.debug):
        from betterstack.uptime.objects import StatusPage

        emit_one(settings, StatusPage.get(settings.api(), page_id).to_dict())


@app.command("resources")
def list_resources(ctx: typer.Context, page_id: PageId) -> None:
    """List the resources shown on a status page: their ids are what `--affected` takes."""
    settings = settings_of(ctx)
    with reported(settings.debug):
        from betterstack.uptime.objects import StatusPage

        found = StatusPage(id=page_id, _api=settings.api()).fetch_resources()
        emit(settings, [resource.to_dict() for resource in found], RESOURCE_COLUMNS)


@reports.command("list")
def list_reports(ctx: typer.Context, page_id: PageId) -> None:
    """List the reports of a status page."""
    settings = settings_of(ctx)
    with reported(settings.debug):
        from betterstack.uptime.objects import StatusPage

        found = StatusPage(id=page_id, _api=settings.api()).fetch_reports()
        emit(settings, [report.to_dict() for report in found], REPORT_COLUMNS)


@reports.command("create")
def create_report(
    ctx: typer.Context,
    page_id: PageId,
    title: Annotated[str, typer.Option("--title", "-t", help="The report's title.")],
    message: Annotated[str, typer.Option("--message", "-m", help="The text of its first update.")],
    type_: Annotated[
        Literal["incident", "maintenance"], typer.Option("--type", help="An incident, or a planned maintenance.")
    ] = "incident",
    affected: Affected = None,
    starts_at: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option(metavar="TIME", help="When it starts, ISO 8601; now when left out."),
    ] = None,
    ends_at: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option(metavar="TIME", help="When it ends, ISO 8601; needed for a maintenance."),
    ] = None,
) -> None:
    """Publish an incident or maintenance report, with the state of each affected resource."""
    settings = settings_of(ctx)
    resources = _affected(affected or [])
    fields: dict[str, Any] = {"title": title, "message": message, "report_type": REPORT_TYPES[type_]}
    fields["affected_resources"] = _wire(resources)
    for option, name, text in (("--starts-at", "starts_at", starts_at), ("--ends-at", "ends_at", ends_at)):
        if _timestamp(text, option) is not None:
            fields[name] = text
    if type_ == "maintenance" and ends_at is None:
        raise typer.BadParameter("a maintenance report needs --ends-at", param_hint="--type")
    with reported(settings.debug):
        from betterstack.uptime.objects import StatusPage

        report = StatusPage(id=page_id, _api=settings.api()).add_report(**fields)
        say(settings, f"created {type_} report {label(report)} on status page {page_id} ({_states(resources)})")
        if settings.quiet or settings.output != "table":
            emit_one(settings, report.to_dict())


@reports.command("update")
def update_report(
    ctx: typer.Context, page_id: PageId, report_id: ReportId, message: Message, affected: Affected = None
) -> None:
    """Post an update to a report; resources not named with --affected keep their state."""
    settings = settings_of(ctx)
    changed = _affected(affected or [])
    with reported(settings.debug):
        from betterstack.uptime.objects import StatusReport

        report = StatusReport.get(settings.api(), report_id, status_page_id=page_id)
        # Every update states every affected resource, so the others are sent as they stand
        # (one whose state the API did not tell cannot be sent without being named).
        current = {key: status for key, status in _current(report).items() if status is not None}
        resources = {**current, **changed}
        update = report.add_update(message=message, affected_resources=_wire(resources))
        _posted(settings, update, f"posted update {update.id} to report {label(report)} ({_states(resources)})")


@reports.command("resolve")
def resolve_report(
    ctx: typer.Context,
    page_id: PageId,
    report_id: ReportId,
    message: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option("--message", "-m", help="The text of the closing update.", show_default=False),
    ] = None,
) -> None:
    """Post a closing update: every affected resource of the report `resolved`.

    The message says the incident is resolved (or the maintenance complete) unless --message is given.
    """
    settings = settings_of(ctx)
    with reported(settings.debug):
        from betterstack.uptime.objects import StatusReport

        report = StatusReport.get(settings.api(), report_id, status_page_id=page_id)
        resources = dict.fromkeys(_current(report), "resolved")
        text = message or RESOLVED_MESSAGES.get(str(report.report_type), RESOLVED_MESSAGES["manual"])
        update = report.add_update(message=text, affected_resources=_wire(resources))
        _posted(settings, update, f"resolved report {label(report)} with update {update.id} ({_states(resources)})")
