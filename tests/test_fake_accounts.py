"""The fake API's team members, roles, monitoring IPs, metadata and status reports."""

from __future__ import annotations

import datetime
from typing import Any

import pytest

from betterstack.uptime import ForbiddenError, NotFoundError, UnprocessableEntityError, UptimeAPI, ValidationError
from betterstack.uptime.objects import Incident, Metadata, Role, StatusPage, TeamMember
from betterstack.uptime.testing import FakeUptime
from betterstack_sdk import shapes

MEMBERS = "/api/v2/team-members"
METADATA = "/api/v3/metadata"
REPORTS = "/api/v2/status-pages/{status_page_id}/status-reports"
NOW = datetime.datetime(2026, 11, 20, 9, 41, tzinfo=datetime.UTC)
STAMP = "2026-11-20T09:41:00.000Z"


@pytest.fixture
def fake() -> FakeUptime:
    fake = FakeUptime(clock=lambda: NOW)
    fake.seed(
        {
            MEMBERS: [
                {"id": "9100", "email": "owner@example.com", "first_name": "Olga", "role": "admin", "role_id": "1"},
                {
                    "id": "9101",
                    "email": "alice@example.com",
                    "first_name": "Alice",
                    "role": "team_lead",
                    "role_id": "2",
                },
            ],
            "extra": {"team_member_invitations": [{"id": "88213", "email": "bob@example.com", "role": "responder"}]},
        }
    )
    return fake


@pytest.fixture
def api(fake: FakeUptime) -> UptimeAPI:
    return UptimeAPI("test-token", transport=fake.transport, retries=0)


def stored(fake: FakeUptime, template: str, record_id: str, parents: tuple[str, ...] = ()) -> dict[str, Any]:
    record = fake.find(template, record_id, parents)
    assert record is not None
    return record


# Team members ----------------------------------------------------------------------------------


def test_lists_members_and_invitations(api: UptimeAPI) -> None:
    people = list(TeamMember.get_all_instances(api))
    assert [(p.id, p.email, p.is_invitation) for p in people] == [
        ("9100", "owner@example.com", False),
        ("9101", "alice@example.com", False),
        ("88213", "bob@example.com", True),
    ]
    raw = api.request("GET", MEMBERS).json()
    assert [item["type"] for item in raw["data"]] == ["team_member", "team_member", "team_member_invitation"]
    assert raw["data"][2]["attributes"]["invited_at"] == STAMP
    assert raw["data"][2]["attributes"]["created_at"] is None


def test_email_filter_answers_one_object_or_404(api: UptimeAPI) -> None:
    body = api.request("GET", MEMBERS, parameters={"email": "ALICE@example.com"}).json()
    assert body["data"]["id"] == "9101"
    assert "pagination" not in body
    with pytest.raises(NotFoundError):
        api.request("GET", MEMBERS, parameters={"email": "nobody@example.com"})
    assert [m.id for m in TeamMember.filter(api, email="bob@example.com")] == ["88213"]
    assert list(TeamMember.filter(api, email="nobody@example.com")) == []


def test_invite_new_address(fake: FakeUptime, api: UptimeAPI) -> None:
    response = api.request("POST", MEMBERS, body={"email": "carol@example.com", "role": "member"})
    assert response.status_code == 201
    body = response.json()
    assert body["message"] == "Invitation sent."
    assert body["data"]["type"] == "team_member_invitation"
    record = stored(fake, MEMBERS, body["data"]["id"])
    assert record["attributes"]["role"] == "member"
    assert record["attributes"]["invited_at"] == STAMP
    invited = TeamMember.invite(api, "dave@example.com")
    assert (invited.is_invitation, invited.role) == (True, "responder")


def test_invite_existing_member_or_invitation(fake: FakeUptime, api: UptimeAPI) -> None:
    response = api.request("POST", MEMBERS, body={"email": "alice@example.com", "role": "member"})
    assert response.status_code == 200
    assert response.json()["message"] == "User is already a member of this team."
    assert stored(fake, MEMBERS, "9101")["attributes"]["role"] == "team_lead"
    again = TeamMember.invite(api, "bob@example.com", "member")
    assert (again.id, again.role) == ("88213", "member")
    assert len(fake.collection(MEMBERS)) == 3


def test_invite_with_a_role_id(fake: FakeUptime, api: UptimeAPI) -> None:
    fake.seed({"/api/v2/roles": [{"id": "42", "name": "On-call only", "role": "custom"}]})
    custom = TeamMember.new(api, email="erin@example.com", role_id="42")
    assert custom.role == "custom"
    with pytest.raises(UnprocessableEntityError, match="Admins cannot be invited"):
        TeamMember.new(api, email="frank@example.com", role_id="1")
    with pytest.raises(UnprocessableEntityError):
        TeamMember.new(api, email="frank@example.com", role_id="999")


def test_remove_member_and_cancel_invitation(fake: FakeUptime, api: UptimeAPI) -> None:
    alice, bob = (m for m in TeamMember.get_all_instances(api) if m.email != "owner@example.com")
    alice.remove()
    bob.remove()
    assert list(fake.collection(MEMBERS)) == ["9100"]
    with pytest.raises(NotFoundError, match="Resource type user with id = 9101 was not found"):
        api.request("DELETE", f"{MEMBERS}/9101")


def test_delete_rules(fake: FakeUptime, api: UptimeAPI) -> None:
    with pytest.raises(ForbiddenError):
        api.request("DELETE", f"{MEMBERS}/9100")
    with pytest.raises(NotFoundError):
        api.request("DELETE", f"{MEMBERS}/88213")  # invitations have no usable id
    with pytest.raises(ForbiddenError):
        api.request("DELETE", MEMBERS, parameters={"email": "owner@example.com"})
    with pytest.raises(NotFoundError):
        api.request("DELETE", MEMBERS, parameters={"email": "nobody@example.com"})
    with pytest.raises(UnprocessableEntityError, match="Email is required"):
        api.request("DELETE", MEMBERS)
    assert api.request("DELETE", MEMBERS, parameters={"email": "alice@example.com"}).status_code == 204
    assert sorted(fake.collection(MEMBERS)) == ["88213", "9100"]


def test_change_role(fake: FakeUptime, api: UptimeAPI) -> None:
    roles = {role.role: role for role in Role.get_all_instances(api)}
    alice = next(TeamMember.filter(api, email="alice@example.com"))
    alice.change_role(roles["responder"])
    assert (alice.role, alice.role_id) == ("responder", 3)
    assert stored(fake, MEMBERS, "9101")["attributes"]["role_id"] == "3"
    with pytest.raises(ForbiddenError):
        alice.change_role(roles["admin"])
    with pytest.raises(ForbiddenError):
        api.request("POST", f"{MEMBERS}/9100/change-role/3")
    with pytest.raises(NotFoundError):
        alice.change_role("999")
    with pytest.raises(NotFoundError):
        api.request("POST", f"{MEMBERS}/88213/change-role/3")
    with pytest.raises(ValidationError):
        next(TeamMember.filter(api, email="bob@example.com")).change_role(roles["member"])


def test_roles_are_seeded_with_the_system_roles(fake: FakeUptime, api: UptimeAPI) -> None:
    fake.seed({"/api/v2/roles": [{"id": "3", "name": "Triage", "role": "custom"}]})
    roles = [(role.id, role.role) for role in Role.get_all_instances(api)]
    assert ("3", "custom") in roles
    assert sorted(str(role) for _, role in roles) == [
        "admin",
        "billing_admin",
        "custom",
        "member",
        "responder",
        "team_lead",
    ]
    assert len({role_id for role_id, _ in roles}) == 6


# Monitoring IPs --------------------------------------------------------------------------------


def test_monitoring_ips(fake: FakeUptime, api: UptimeAPI) -> None:
    clusters = api.request("GET", "/ips-by-cluster.json").json()
    assert {"eu", "us"} <= set(clusters)
    assert all(isinstance(ip, str) for ips in clusters.values() for ip in ips)
    fake.extra["monitoring_ips"] = {"eu": ["10.0.0.1"]}
    assert api.request("GET", "/ips-by-cluster.json").json() == {"eu": ["10.0.0.1"]}


# Metadata --------------------------------------------------------------------------------------


def test_upsert_creates_replaces_merges_and_removes(fake: FakeUptime, api: UptimeAPI) -> None:
    body = {"owner_id": "2", "owner_type": "Monitor", "key": "Env", "values": [{"type": "String", "value": "prod"}]}
    created = api.request("POST", METADATA, body=body)
    assert created.status_code == 201
    record_id = created.json()["data"]["id"]
    replaced = api.request("POST", METADATA, body={**body, "values": [{"type": "String", "value": "eu"}]})
    assert (replaced.status_code, replaced.json()["data"]["id"]) == (200, record_id)
    merged = Metadata.upsert(api, "Monitor", 2, "Env", [{"type": "String", "value": "us"}], mode="merge")
    assert merged is not None and merged.values is not None
    assert [value["value"] for value in merged.values] == ["eu", "us"]
    assert stored(fake, METADATA, record_id)["attributes"]["values"] == merged.values
    removed = api.request("POST", METADATA, body={**body, "values": []})
    assert (removed.status_code, removed.content) == (204, b"")
    assert fake.collection(METADATA) == {}


def test_upsert_with_null_values_removes_the_key(fake: FakeUptime, api: UptimeAPI) -> None:
    body = {"owner_id": "123", "owner_type": "Monitor", "key": "test_key", "values": [{"type": "String", "value": "v"}]}
    assert api.request("POST", METADATA, body=body).status_code == 201
    assert Metadata.upsert(api, "Monitor", "123", "test_key", None) is None
    assert fake.collection(METADATA) == {}


def test_metadata_filters_and_delete(api: UptimeAPI) -> None:
    Metadata.upsert(api, "Monitor", 2, "Env", [{"type": "String", "value": "prod"}])
    Metadata.upsert(api, "Monitor", 3, "Env", [{"type": "String", "value": "dev"}])
    Metadata.upsert(api, "Heartbeat", 2, "Team", [{"type": "String", "value": "ops"}])
    assert [m.key for m in Metadata.filter(api, owner_type="Heartbeat")] == ["Team"]
    found = list(Metadata.filter(api, owner_type="Monitor", owner_id="2"))
    assert [(m.key, m.values) for m in found] == [("Env", [{"type": "String", "value": "prod"}])]
    found[0].delete()
    assert [m.owner_id for m in Metadata.filter(api, owner_type="Monitor")] == [3]


def test_incident_metadata_follows_upserts(fake: FakeUptime, api: UptimeAPI) -> None:
    incident = Incident.new(api, name="Down", metadata={"Service": [{"type": "String", "value": "checkout"}]})
    assert [m.key for m in Metadata.filter(api, owner_type="Incident", owner_id=incident.id)] == ["Service"]
    Metadata.upsert(api, "Incident", incident.id, "Region", [{"type": "String", "value": "eu"}])
    Metadata.upsert(api, "Incident", incident.id, "Service", [])
    incident.fetch_data()
    assert incident.metadata == {"Region": [{"type": "String", "value": "eu"}]}
    assert [i.id for i in Incident.filter(api, metadata={"Region": "eu"})] == [incident.id]


# Status reports --------------------------------------------------------------------------------


@pytest.fixture
def page(fake: FakeUptime, api: UptimeAPI) -> StatusPage:
    fake.seed({"/api/v2/status-pages": [{"id": "7", "company_name": "Acme", "subdomain": "acme"}]})
    return StatusPage.get(api, "7")


AFFECTED: list[shapes.StatusReportAffectedResourceInput] = [
    {"status_page_resource_id": "42", "status": "degraded"},
    {"status_page_resource_id": 43, "status": "downtime"},
]


def test_create_report_with_its_first_update(fake: FakeUptime, api: UptimeAPI, page: StatusPage) -> None:
    response = api.request(
        "POST",
        "/api/v2/status-pages/7/status-reports",
        body={"title": "Errors", "message": "Investigating", "affected_resources": AFFECTED},
    )
    assert response.status_code == 201
    body = response.json()
    report_id = body["data"]["id"]
    attributes = body["data"]["attributes"]
    assert attributes["report_type"] == "manual"
    assert (attributes["starts_at"], attributes["status_page_id"]) == (STAMP, 7)
    assert attributes["aggregate_state"] == "downtime"
    assert attributes["affected_resources"][1] == {"status_page_resource_id": "43", "status": "downtime"}
    [update] = body["included"]
    assert body["data"]["relationships"] == {
        "status_updates": {"data": [{"id": update["id"], "type": "status_update"}]}
    }
    assert update["attributes"]["message"] == "Investigating"
    assert update["attributes"]["status_report_id"] == int(report_id)
    assert update["attributes"]["published_at"] == STAMP
    updates = fake.collection(REPORTS + "/{status_report_id}/status-updates", ("7", report_id))
    assert list(updates) == [update["id"]]


def test_report_objects_and_later_updates(page: StatusPage) -> None:
    report = page.add_report(title="Errors", message="Investigating", affected_resources=AFFECTED)
    assert [u.message for u in report.updates] == ["Investigating"]
    report.add_update(message="Fixed", affected_resources=[{"status_page_resource_id": "42", "status": "resolved"}])
    report.fetch_data()
    assert [u.message for u in report.updates] == ["Investigating", "Fixed"]
    assert report.aggregate_state == "operational"
    report.title = "Errors (fixed)"
    report.save()
    [listed] = page.fetch_reports()
    assert (listed.title, listed.aggregate_state) == ("Errors (fixed)", "operational")


def test_report_rules(fake: FakeUptime, api: UptimeAPI, page: StatusPage) -> None:
    with pytest.raises(UnprocessableEntityError) as raised:
        page.add_report(title="Upgrade", message="Soon", affected_resources=[], report_type="maintenance")
    assert raised.value.response_body == {"ends_at": ["can't be blank"]}
    maintenance = page.add_report(
        title="Upgrade",
        message="Soon",
        affected_resources=[{"status_page_resource_id": "42", "status": "maintenance"}],
        report_type="maintenance",
        ends_at="2026-11-21T00:00:00Z",
    )
    assert maintenance.aggregate_state == "maintenance"
    with pytest.raises(NotFoundError):
        api.request(
            "POST",
            "/api/v2/status-pages/999/status-reports",
            body={"title": "x", "message": "y", "affected_resources": []},
        )
    with pytest.raises(NotFoundError):
        api.request("GET", f"/api/v2/status-pages/999/status-reports/{maintenance.id}")
