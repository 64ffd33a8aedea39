"""Team members and roles, monitoring IPs, metadata upserts and status reports with their updates.

Team members are records of `/api/v2/team-members` (type `team_member`); pending invitations
live there too, with type `team_member_invitation`. A seed cannot name a record's type, so seed
invitations as `extra["team_member_invitations"]`: `[{"email", "role", "invited_at"?}]`; they move
into the collection on first use. Roles are seeded with the system roles (ids 1 to 5) on first
use; custom ones can be seeded under `/api/v2/roles` with `role: custom`.
`extra["monitoring_ips"]` replaces the default cluster -> IPs map.
"""

from __future__ import annotations

from typing import Any

from ._fake import NOT_FOUND, FakeResponse, FakeUptime, Record, Request, _attribute_names, handles
from .handlers_incidents import INCIDENTS

TEAM_MEMBERS = "/api/v2/team-members"
ROLES = "/api/v2/roles"
METADATA = "/api/v3/metadata"
STATUS_PAGES = "/api/v2/status-pages"
REPORTS = "/api/v2/status-pages/{status_page_id}/status-reports"
UPDATES = "/api/v2/status-pages/{status_page_id}/status-reports/{status_report_id}/status-updates"
MEMBER = "team_member"
INVITATION = "team_member_invitation"
ALREADY_MEMBER = "User is already a member of this team."
INVITATION_SENT = "Invitation sent."
SYSTEM_ROLES = (
    ("1", "Admin", "admin"),
    ("2", "Team lead", "team_lead"),
    ("3", "Responder", "responder"),
    ("4", "Member", "member"),
    ("5", "Billing admin", "billing_admin"),
)
MONITORING_IPS = {
    "eu": ["139.162.215.1", "139.162.215.2", "172.105.84.10"],
    "us": ["66.228.56.1", "66.228.56.2", "66.228.56.3"],
    "as": ["139.162.3.4", "139.162.3.5"],
    "au": ["172.105.181.1", "172.105.181.2"],
}
# Worst first: a report is as bad as its worst affected resource; `resolved` and `not_affected`
# count as operational.
_SEVERITY = ("downtime", "degraded", "maintenance")


# Team members ----------------------------------------------------------------------------------


def _members(fake: FakeUptime) -> dict[str, Record]:
    """The members and invitations, with seeded invitations moved in from `extra`."""
    members = fake.collection(TEAM_MEMBERS)
    for seeded in fake.extra.pop("team_member_invitations", []):
        _invitation(fake, seeded["email"], seeded.get("role", "responder"), seeded.get("invited_at"), seeded.get("id"))
    for record in members.values():
        # `add` stamps `updated_at` on anything with a `created_at`; members have no such field.
        record["attributes"].pop("updated_at", None)
    return members


def _invitation(
    fake: FakeUptime, email: str, role: str, invited_at: str | None = None, record_id: str | None = None
) -> Record:
    record = fake.add(
        TEAM_MEMBERS, {"email": email, "role": role, "invited_at": invited_at or fake.now()}, id=record_id
    )
    record["type"] = INVITATION
    # An invitation carries no account fields; `add` stamps every record it makes.
    record["attributes"].update(created_at=None, mobile_app_platforms=None)
    record["attributes"].pop("updated_at", None)
    return record


def _by_email(fake: FakeUptime, email: str) -> Record | None:
    wanted = email.lower()
    return next(
        (record for record in _members(fake).values() if str(record["attributes"].get("email")).lower() == wanted),
        None,
    )


def _member_not_found(kind: str, value: str) -> FakeResponse:
    return FakeResponse.error(404, f"Resource type user with {kind} = {value} was not found")


@handles("list_team_members")
def list_team_members(fake: FakeUptime, request: Request) -> FakeResponse:
    """Members and invitations a page at a time; with `email`, the one that matches or 404."""
    email = request.query.get("email")
    if email is not None:
        record = _by_email(fake, email)
        if record is None:
            return FakeResponse.error(404, NOT_FOUND)
        return FakeResponse.json(200, {"data": record})
    return fake.page(request, list(_members(fake).values()))


@handles("invite_team_member")
def invite_team_member(fake: FakeUptime, request: Request) -> FakeResponse:
    """201 with a new (or re-sent) invitation; 200 with the member when the address is one."""
    body: dict[str, Any] = request.body or {}
    existing = _by_email(fake, str(body["email"]))
    if existing is not None and existing["type"] == MEMBER:
        return FakeResponse.json(200, {"message": ALREADY_MEMBER, "data": existing})
    role = str(body.get("role", "responder"))
    if "role_id" in body:
        found = _roles(fake).get(str(body["role_id"]))
        if found is None:
            return FakeResponse.error(422, f"Role with id {body['role_id']} was not found")
        role = str(found["attributes"]["role"])
    if role == "admin":
        return FakeResponse.error(422, "Admins cannot be invited through the API")
    if existing is not None:
        existing["attributes"].update(role=role, invited_at=fake.now())
        return FakeResponse.json(201, {"message": INVITATION_SENT, "data": existing})
    return FakeResponse.json(201, {"message": INVITATION_SENT, "data": _invitation(fake, str(body["email"]), role)})


def _remove(fake: FakeUptime, record: Record) -> FakeResponse:
    if record["attributes"].get("role") == "admin":
        return FakeResponse.error(403, "Admins cannot be removed through the API.")
    del _members(fake)[record["id"]]
    return FakeResponse(204)


@handles("delete_team_member")
def delete_team_member(fake: FakeUptime, request: Request) -> FakeResponse:
    """Remove a member by id (invitations have no usable id); admins stay (403)."""
    record = _members(fake).get(request.item_id)
    if record is None or record["type"] != MEMBER:
        return _member_not_found("id", request.item_id)
    return _remove(fake, record)


@handles("delete_team_member_by_email")
def delete_team_member_by_email(fake: FakeUptime, request: Request) -> FakeResponse:
    """Remove the member, or cancel the invitation, with this e-mail."""
    email = request.query.get("email")
    if not email:
        return FakeResponse.error(422, "Email is required")
    record = _by_email(fake, email)
    if record is None:
        return _member_not_found("email", email)
    return _remove(fake, record)


@handles("change_team_member_role")
def change_team_member_role(fake: FakeUptime, request: Request) -> FakeResponse:
    """Give a member a role by id; admin roles can be neither granted nor taken (403)."""
    member_id, role_id = request.path_params["team_member_id"], request.path_params["role_id"]
    record = _members(fake).get(member_id)
    if record is None or record["type"] != MEMBER:
        return _member_not_found("id", member_id)
    role = _roles(fake).get(role_id)
    if role is None:
        return FakeResponse.error(404, f"Resource type role with id = {role_id} was not found")
    if "admin" in (record["attributes"].get("role"), role["attributes"]["role"]):
        return FakeResponse.error(403, "Admin roles cannot be granted or taken away through the API.")
    record["attributes"].update(role=role["attributes"]["role"], role_id=role["id"])
    return FakeResponse.json(200, {"data": record})


# Roles -----------------------------------------------------------------------------------------


def _roles(fake: FakeUptime) -> dict[str, Record]:
    """The roles, with every system role present (seeded ones keep their ids)."""
    roles = fake.collection(ROLES)
    present = {record["attributes"].get("role") for record in roles.values()}
    for role_id, name, role in SYSTEM_ROLES:
        if role not in present:
            fake.add(ROLES, {"name": name, "role": role}, id=None if role_id in roles else role_id)
    return roles


@handles("list_roles")
def list_roles(fake: FakeUptime, request: Request) -> FakeResponse:
    """The system roles and any custom ones, a page at a time."""
    return fake.page(request, list(_roles(fake).values()))


# Monitoring IPs --------------------------------------------------------------------------------


@handles("get_monitoring_ips")
def get_monitoring_ips(fake: FakeUptime, request: Request) -> FakeResponse:
    """Each cluster's check IPs: `extra["monitoring_ips"]` or a fixed default map."""
    return FakeResponse.json(200, fake.extra.get("monitoring_ips", MONITORING_IPS))


# Metadata --------------------------------------------------------------------------------------


@handles("upsert_metadata")
def upsert_metadata(fake: FakeUptime, request: Request) -> FakeResponse:
    """Set one key of one resource: 201 new, 200 replaced or merged, 204 removed (empty or null `values`)."""
    body: dict[str, Any] = request.body or {}
    owner_id, owner_type, key = str(body["owner_id"]), str(body["owner_type"]), str(body["key"])
    collection = fake.collection(METADATA)
    record = next(
        (
            item
            for item in collection.values()
            if item["attributes"].get("key") == key
            and item["attributes"].get("owner_type") == owner_type
            and str(item["attributes"].get("owner_id")) == owner_id
        ),
        None,
    )
    # `values: null` removes the key like an empty list (the Terraform provider sends it so).
    values = list(body["values"] or [])
    if not values:
        if record is not None:
            del collection[record["id"]]
        _sync_incident(fake, owner_type, owner_id, key, None)
        return FakeResponse(204)
    if record is None:
        attributes = {"key": key, "values": values, "owner_id": owner_id, "owner_type": owner_type}
        record = fake.add(METADATA, attributes)
        status = 201
    else:
        if body.get("mode") == "merge":
            values = record["attributes"]["values"] + [
                value for value in values if value not in record["attributes"]["values"]
            ]
        record["attributes"]["values"] = values
        status = 200
    _sync_incident(fake, owner_type, owner_id, key, values)
    return FakeResponse.json(status, {"data": record})


def _sync_incident(fake: FakeUptime, owner_type: str, owner_id: str, key: str, values: list[Any] | None) -> None:
    """Keep an incident's `metadata` attribute in step with its metadata records."""
    incident = fake.find(INCIDENTS, owner_id) if owner_type == "Incident" else None
    if incident is None:
        return
    metadata = dict(incident["attributes"].get("metadata") or {})
    if values is None:
        metadata.pop(key, None)
    else:
        metadata[key] = values
    incident["attributes"]["metadata"] = metadata


# Status reports --------------------------------------------------------------------------------


def _numeric(value: str) -> int | str:
    return int(value) if value.isdigit() else value


def _affected(resources: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [
        {"status_page_resource_id": str(item["status_page_resource_id"]), "status": item["status"]}
        for item in resources
    ]


def _aggregate_state(resources: list[dict[str, Any]]) -> str:
    states = {str(item.get("status")) for item in resources}
    return next((state for state in _SEVERITY if state in states), "operational")


def _updates(fake: FakeUptime, page_id: str, report_id: str) -> list[Record]:
    updates = fake.collection(UPDATES, (page_id, report_id)).values()
    return sorted(updates, key=lambda update: (str(update["attributes"].get("published_at")), int(update["id"])))


def _report(fake: FakeUptime, page_id: str, record: Record) -> tuple[Record, list[Record]]:
    """The report with `relationships.status_updates`, and the updates for `included`.

    The report takes the affected resources of its latest update, as posting an update sets them.
    """
    updates = _updates(fake, page_id, record["id"])
    attributes = record["attributes"]
    if updates and updates[-1]["attributes"].get("affected_resources") is not None:
        attributes["affected_resources"] = updates[-1]["attributes"]["affected_resources"]
    attributes["aggregate_state"] = _aggregate_state(attributes.get("affected_resources") or [])
    identifiers = [{"id": update["id"], "type": update["type"]} for update in updates]
    return {**record, "relationships": {"status_updates": {"data": identifiers}}}, updates


@handles("list_status_reports")
def list_status_reports(fake: FakeUptime, request: Request) -> FakeResponse:
    """A page's reports, each naming its updates, a page at a time; 404 for an unknown page."""
    page_id = request.path_params["status_page_id"]
    if fake.find(STATUS_PAGES, page_id) is None:
        return FakeResponse.error(404, NOT_FOUND)
    reports = [_report(fake, page_id, record)[0] for record in fake.collection(REPORTS, (page_id,)).values()]
    return fake.page(request, reports)


@handles("create_status_report")
def create_status_report(fake: FakeUptime, request: Request) -> FakeResponse:
    """A report and its first update (`message`); a maintenance report needs `ends_at`."""
    page_id = request.path_params["status_page_id"]
    if fake.find(STATUS_PAGES, page_id) is None:
        return FakeResponse.error(404, NOT_FOUND)
    body: dict[str, Any] = request.body or {}
    report_type = body.get("report_type", "manual")
    if report_type == "automatic":
        return FakeResponse.error(422, {"report_type": ["automatic reports are created by the system"]})
    if report_type == "maintenance" and body.get("ends_at") is None:
        return FakeResponse.error(422, {"ends_at": ["can't be blank"]})
    published_at = body.get("published_at") or fake.now()
    affected = _affected(body["affected_resources"])
    report = fake.add(
        REPORTS,
        {
            "title": body["title"],
            "report_type": report_type,
            "starts_at": body.get("starts_at") or published_at,
            "ends_at": body.get("ends_at"),
            "status_page_id": _numeric(page_id),
            "affected_resources": affected,
        },
        parents=(page_id,),
    )
    update = {
        "message": body["message"],
        "published_at": published_at,
        "notify_subscribers": body.get("notify_subscribers", False),
        "status_report_id": _numeric(report["id"]),
        "affected_resources": affected,
    }
    fake.add(UPDATES, update, parents=(page_id, report["id"]))
    data, updates = _report(fake, page_id, report)
    return FakeResponse.json(201, {"data": data, "included": updates})


@handles("get_status_report", "update_status_report")
def status_report(fake: FakeUptime, request: Request) -> FakeResponse:
    """One report with its updates in `included`; PATCH changes the title or time range."""
    page_id = request.path_params["status_page_id"]
    record = fake.find(REPORTS, request.path_params["status_report_id"], (page_id,))
    if record is None:
        return FakeResponse.error(404, NOT_FOUND)
    if request.method == "PATCH":
        known = _attribute_names(REPORTS)
        record["attributes"].update({k: v for k, v in (request.body or {}).items() if k in known})
    data, updates = _report(fake, page_id, record)
    return FakeResponse.json(200, {"data": data, "included": updates})
