"""Team members, invitations and roles, on the wire; they live on https://betterstack.com."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from betterstack.uptime import ConflictError, ForbiddenError, NotFoundError, UptimeAPI, ValidationError
from betterstack.uptime.objects.team import Role, TeamMember

from wire import Recorder, fixture, make_api, one_page, reply

TEAM_HOST = "betterstack.com"


def _item(index: int) -> Any:
    return fixture("list_team_members")["data"][index]


def single(index: int) -> Any:
    return {"data": _item(index)}


def where(request: httpx.Request) -> tuple[str, str, str]:
    """The method, host and path of `request`: team requests must reach the team host."""
    return request.method, request.url.host, request.url.path


def test_get_all_instances_lists_members_and_invitations_on_the_team_host() -> None:
    page_two = fixture("list_team_members")
    page_two["data"] = page_two["data"][:1]
    page_two["pagination"]["next"] = None

    def pages(request: httpx.Request) -> httpx.Response:
        page = page_two if request.url.params.get("page") == "2" else fixture("list_team_members")
        return httpx.Response(200, json=page)

    api, wire = make_api({("GET", TEAM_HOST, "/api/v2/team-members"): pages})
    members = list(TeamMember.get_all_instances(api))
    assert [where(r) for r in wire.requests] == [("GET", TEAM_HOST, "/api/v2/team-members")] * 2
    assert [r.url.params.get("page") for r in wire.requests] == [None, "2"]
    assert [m.id for m in members] == ["9101", "9102", "88213", "9101"]
    alice, carol, bob, _ = members
    assert (alice.email, alice.role, alice.role_id, alice.is_invitation) == ("alice@example.com", "team_lead", 2, False)
    assert carol.beta_flag is True  # type: ignore[attr-defined]
    assert (bob.email, bob.invited_at, bob.is_invitation) == ("bob@example.com", "2026-11-20T08:30:00.000Z", True)
    assert all(m.get_modified_properties() == [] for m in members)


def test_filter_by_team_name_sends_the_query() -> None:
    listing = fixture("list_team_members")
    listing["pagination"]["next"] = None
    api, wire = make_api({("GET", TEAM_HOST, "/api/v2/team-members"): listing})
    assert len(list(TeamMember.filter(api, team_name="Production", per_page=3))) == 3
    assert dict(wire.last.url.params) == {"team_name": "Production", "per_page": "3"}


def test_filter_by_email_takes_the_single_object() -> None:
    api, wire = make_api({("GET", TEAM_HOST, "/api/v2/team-members"): single(0)})
    found = list(TeamMember.filter(api, email="alice@example.com", team_name="Production"))
    assert dict(wire.last.url.params) == {"email": "alice@example.com", "team_name": "Production"}
    assert [(m.id, m.email, m.first_name) for m in found] == [("9101", "alice@example.com", "Alice")]


def test_filter_by_unknown_email_yields_nothing() -> None:
    api, wire = make_api({})
    assert list(TeamMember.filter(api, email="nobody@example.com")) == []
    assert len(wire.requests) == 1


def test_filter_rejects_an_unknown_parameter_before_any_request() -> None:
    api, wire = make_api({})
    with pytest.raises(ValidationError, match="cannot be filtered by 'role'"):
        TeamMember.filter(api, role="admin")  # type: ignore[call-arg]
    with pytest.raises(ValidationError, match="cannot be filtered by 'role'"):
        TeamMember.filter(api, email="alice@example.com", role="admin")  # type: ignore[call-arg]
    assert wire.requests == []


def test_invite_posts_email_and_role_with_team_in_query() -> None:
    invited = {"message": "Invitation sent.", **single(2)}
    api, wire = make_api({("POST", TEAM_HOST, "/api/v2/team-members"): reply(201, invited)})
    member = TeamMember.invite(api, "bob@example.com", "responder", team_name="Production")
    assert where(wire.last) == ("POST", TEAM_HOST, "/api/v2/team-members")
    assert dict(wire.last.url.params) == {"team_name": "Production"}
    assert wire.body() == {"email": "bob@example.com", "role": "responder"}
    assert (member.id, member.email, member.is_invitation) == ("88213", "bob@example.com", True)
    assert member.get_modified_properties() == []


def test_invite_of_an_existing_member_returns_the_member() -> None:
    existing = {"message": "User is already a member of this team.", **single(0)}
    api, wire = make_api({("POST", TEAM_HOST, "/api/v2/team-members"): existing})
    member = TeamMember.invite(api, "alice@example.com")
    assert wire.body() == {"email": "alice@example.com"}
    assert dict(wire.last.url.params) == {}
    assert (member.id, member.is_invitation) == ("9101", False)


def test_new_invites_with_a_custom_role_id() -> None:
    api, wire = make_api({("POST", TEAM_HOST, "/api/v2/team-members"): reply(201, single(1))})
    member = TeamMember.new(api, email="carol@example.com", role_id=57)
    assert wire.body() == {"email": "carol@example.com", "role_id": 57}
    assert member.role_id == 57


def test_inviting_an_admin_is_forbidden() -> None:
    api, _ = make_api(
        {("POST", TEAM_HOST, "/api/v2/team-members"): reply(403, {"errors": "Admins cannot be invited via API."})}
    )
    with pytest.raises(ForbiddenError, match="Admins cannot be invited"):
        TeamMember.invite(api, "root@example.com", "admin")  # type: ignore[arg-type]


def test_remove_a_member_deletes_by_id() -> None:
    api, wire = make_api({("DELETE", TEAM_HOST, "/api/v2/team-members/9101"): reply(204)})
    member = TeamMember._from_api_response(api, _item(0))
    member.remove()
    assert where(wire.last) == ("DELETE", TEAM_HOST, "/api/v2/team-members/9101")
    assert wire.last.url.params == httpx.QueryParams()


def test_remove_an_invitation_cancels_it_by_email_in_its_team() -> None:
    listing = fixture("list_team_members")
    listing["pagination"]["next"] = None
    api, wire = make_api(
        {
            ("GET", TEAM_HOST, "/api/v2/team-members"): listing,
            ("DELETE", TEAM_HOST, "/api/v2/team-members"): reply(204),
        }
    )
    invitation = list(TeamMember.filter(api, team_name="Production"))[2]
    invitation.delete()
    assert where(wire.last) == ("DELETE", TEAM_HOST, "/api/v2/team-members")
    assert dict(wire.last.url.params) == {"email": "bob@example.com", "team_name": "Production"}


def test_remove_unknown_member_raises_not_found() -> None:
    api, wire = make_api({})
    with pytest.raises(NotFoundError):
        TeamMember(id="999", _api=api).remove()
    assert where(wire.last) == ("DELETE", TEAM_HOST, "/api/v2/team-members/999")


def test_change_role_posts_and_takes_the_answer() -> None:
    changed = single(0)
    changed["data"]["attributes"].update(role="custom", role_id=57)
    api, wire = make_api({("POST", TEAM_HOST, "/api/v2/team-members/9101/change-role/57"): changed})
    member = TeamMember._from_api_response(api, _item(0))
    member.change_role(Role(id="57", _api=api))
    assert where(wire.last) == ("POST", TEAM_HOST, "/api/v2/team-members/9101/change-role/57")
    assert wire.last.content == b""
    assert (member.role, member.role_id) == ("custom", 57)
    assert member.get_modified_properties() == []
    member.change_role(57)
    assert wire.last.url.path == "/api/v2/team-members/9101/change-role/57"


def test_change_role_of_an_invitation_raises_before_any_request() -> None:
    api, wire = make_api({})
    invitation = TeamMember._from_api_response(api, _item(2))
    with pytest.raises(ValidationError, match="pending invitation"):
        invitation.change_role(3)
    assert wire.requests == []


def test_concurrent_role_change_raises_conflict() -> None:
    busy = {"errors": "Another role change for this user is in progress. Please try again."}
    api, _ = make_api({("POST", TEAM_HOST, "/api/v2/team-members/9101/change-role/3"): reply(409, busy)})
    member = TeamMember._from_api_response(api, _item(0))
    with pytest.raises(ConflictError, match="in progress"):
        member.change_role("3")
    assert member.role == "team_lead"


def test_no_get_or_update_for_members() -> None:
    api, wire = make_api({})
    with pytest.raises(ValidationError, match="no get operation"):
        TeamMember.get(api, "9101")
    member = TeamMember(id="9101", _api=api)
    member.first_name = "Alicia"
    with pytest.raises(ValidationError, match="no update operation"):
        member.save()
    with pytest.raises(AttributeError, match="did you mean 'email'"):
        member.emial = "x"  # type: ignore[attr-defined]
    assert wire.requests == []


def test_roles_are_listed_on_the_team_host() -> None:
    api, wire = make_api({("GET", TEAM_HOST, "/api/v2/roles"): fixture("list_roles")})
    roles = list(Role.filter(api, per_page=50))
    assert where(wire.last) == ("GET", TEAM_HOST, "/api/v2/roles")
    assert dict(wire.last.url.params) == {"per_page": "50"}
    assert [(r.id, r.name, r.role) for r in roles] == [
        ("1", "Admin", "admin"),
        ("3", "Responder", "responder"),
        ("57", "Incident commander", "custom"),
    ]
    assert Role.generate_global_url() == "/api/v2/roles"
    with pytest.raises(ValidationError, match="no create operation"):
        Role.new(api, name="Viewer")
    assert len(wire.requests) == 1


def test_roles_on_a_custom_team_host() -> None:
    recorder = Recorder({("GET", "team.example.test", "/api/v2/roles"): fixture("list_roles")})
    api = UptimeAPI(
        "test-token", team_base_url="https://team.example.test", transport=httpx.MockTransport(recorder), retries=0
    )
    assert len(list(Role.get_all_instances(api))) == 3
    assert recorder.last.headers["Authorization"] == "Bearer test-token"


def test_get_or_create_invites_only_when_the_email_is_unknown() -> None:
    def members(request: httpx.Request) -> httpx.Response:
        if request.url.params.get("email") == "alice@example.com":
            return httpx.Response(200, json=single(0))
        return httpx.Response(404, json={"errors": "Resource with provided ID was not found"})

    api, wire = make_api(
        {
            ("GET", TEAM_HOST, "/api/v2/team-members"): members,
            ("POST", TEAM_HOST, "/api/v2/team-members"): reply(201, single(2)),
        }
    )
    created, alice = TeamMember.get_or_create(api, email="alice@example.com")
    assert (created, alice.id) == (False, "9101")
    assert len(wire.requests) == 1
    created, bob = TeamMember.get_or_create(api, email="bob@example.com")
    assert (created, bob.id, bob.is_invitation) == (True, "88213", True)
    assert [where(r) for r in wire.requests[1:]] == [
        ("GET", TEAM_HOST, "/api/v2/team-members"),
        ("POST", TEAM_HOST, "/api/v2/team-members"),
    ]
    assert wire.body() == {"email": "bob@example.com"}


# Invitations without an id (the Terraform provider's fixtures of the current API) --------------


def test_filter_by_email_takes_an_invitation_whose_id_is_null() -> None:
    api, wire = make_api({("GET", TEAM_HOST, "/api/v2/team-members"): fixture("list_team_members.invitation_by_email")})
    [invited] = TeamMember.filter(api, email="invited@example.com")
    assert dict(wire.last.url.params) == {"email": "invited@example.com"}
    assert (invited.id, invited.is_invitation) == (None, True)
    assert (invited.email, invited.role, invited.invited_at) == (
        "invited@example.com",
        "responder",
        "2026-03-01T12:00:00Z",
    )
    assert invited.get_modified_properties() == []
    assert repr(invited).startswith("TeamMember(id=None, email='invited@example.com'")


def test_new_answered_with_a_null_id_returns_the_invitation_and_cancels_it_by_email() -> None:
    invited_answer = fixture("invite_team_member.invitation_without_id")
    api, wire = make_api(
        {
            ("POST", TEAM_HOST, "/api/v2/team-members"): reply(201, invited_answer),
            ("DELETE", TEAM_HOST, "/api/v2/team-members"): reply(204),
        }
    )
    invited = TeamMember.new(api, email="test@example.com", role="responder")
    assert wire.body() == {"email": "test@example.com", "role": "responder"}
    assert (invited.id, invited.is_invitation, invited.email) == (None, True, "test@example.com")
    invited.remove()
    assert where(wire.last) == ("DELETE", TEAM_HOST, "/api/v2/team-members")
    assert dict(wire.last.url.params) == {"email": "test@example.com"}


def test_an_item_without_an_id_or_type_is_an_invitation_in_a_list() -> None:
    listing = one_page("list_team_members")
    listing["data"][2]["id"] = None
    del listing["data"][2]["type"]
    api, _ = make_api({("GET", TEAM_HOST, "/api/v2/team-members"): listing})
    members = list(TeamMember.get_all_instances(api))
    assert [(m.id, m.is_invitation) for m in members] == [("9101", False), ("9102", False), (None, True)]


def test_an_invitation_without_an_id_refuses_a_role_change_before_any_request() -> None:
    api, wire = make_api({("GET", TEAM_HOST, "/api/v2/team-members"): fixture("list_team_members.invitation_by_email")})
    [invited] = TeamMember.filter(api, email="invited@example.com")
    with pytest.raises(ValidationError, match=r"'invited@example\.com' is a pending invitation"):
        invited.change_role(3)
    assert len(wire.requests) == 1


def test_change_role_to_none_is_refused_not_sent_as_text() -> None:
    api, wire = make_api({})
    member = TeamMember._from_api_response(api, _item(0))
    with pytest.raises(ValidationError, match="role_id is None, not an id"):
        member.change_role(None)  # type: ignore[arg-type]
    assert wire.requests == []
