"""Team members, pending invitations and roles; served by `https://betterstack.com` (`api.team_client`)."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any, Self, Unpack

from betterstack_sdk import shapes
from betterstack_sdk.api.roles import list_roles
from betterstack_sdk.api.team_members import (
    change_team_member_role,
    delete_team_member,
    delete_team_member_by_email,
    invite_team_member,
    list_team_members,
)
from betterstack_sdk.fields import TeamMemberFields, TeamRoleFields
from betterstack_sdk.signatures import ListRoles, ListTeamMembers

from .._base import BaseAPIObject, Endpoints, _own_id
from .._client import PaginatedAPI
from .._errors import NotFoundError, ValidationError

_INVITATION = "team_member_invitation"


class Role(TeamRoleFields[PaginatedAPI], ListRoles[PaginatedAPI], BaseAPIObject):
    """A role members can hold, system or custom; its id is what `TeamMember.change_role` takes."""

    _endpoints = Endpoints(list=list_roles)


class TeamMember(TeamMemberFields[PaginatedAPI], ListTeamMembers[PaginatedAPI], BaseAPIObject):
    """A member of the token's team, or a pending invitation (`is_invitation`).

    There is no get by id: find members with `filter(email=...)` or `get_all_instances()`.
    A pending invitation may have no id (`id` is None): it is known by its e-mail, which is what
    `remove()` cancels it by.
    """

    _endpoints = Endpoints(list=list_team_members, create=invite_team_member, delete=delete_team_member)

    # Wider than the base's `str`: the API answers a pending invitation with `"id": null`.
    id: str | None  # type: ignore[assignment]

    _type: str | None = None
    _team_name: str | None = None

    def _apply_item(self, item: Mapping[str, Any]) -> None:
        super()._apply_item(item)
        self._type = item.get("type")

    @property
    def is_invitation(self) -> bool:
        """Whether this is a pending invitation rather than a member.

        Members always have an id, so an item without one is an invitation even when the
        answer leaves out its `type`.
        """
        return self._type == _INVITATION or self.id is None

    @classmethod
    def _list(cls, api: PaginatedAPI, query: Mapping[str, Any], **private: Any) -> Iterator[Self]:
        private.setdefault("_team_name", query.get("team_name"))
        if "email" not in query:
            return super()._list(api, query, **private)
        arguments = cls._query_arguments(list_team_members, query)

        # With `email` the API answers with one object, not a page, and 404 when nobody matches.
        def objects() -> Iterator[Self]:
            try:
                parsed = api.call(list_team_members, **arguments)
            except NotFoundError:
                return
            resources = parsed.data if isinstance(parsed.data, list) else [parsed.data]
            for resource in resources:
                yield cls._from_resource(api, resource, **private)

        return objects()

    @classmethod
    def new(cls, api: PaginatedAPI, **fields: Unpack[shapes.TeamMemberInvite]) -> Self:
        """Invite someone (`email`, optional `role` or custom `role_id`); see `invite`."""
        return cls._invite(api, dict(fields), None)

    @classmethod
    def invite(
        cls,
        api: PaginatedAPI,
        email: str,
        role: shapes.TeamMemberInvitableRole | None = None,
        *,
        team_name: str | None = None,
    ) -> Self:
        """Invite `email` to the team, as `role` (the API's default is `responder`).

        Args:
            api: The client.
            email: The address to invite.
            role: `responder`, `member`, `team_lead` or `billing_admin`; admins cannot be invited.
            team_name: The team, required with a Global API token that spans several teams.

        Returns:
            The new invitation, or the existing member when the address already belongs to the team.
        """
        body: dict[str, Any] = {"email": email}
        if role is not None:
            body["role"] = role
        return cls._invite(api, body, team_name)

    @classmethod
    def _invite(cls, api: PaginatedAPI, body: dict[str, Any], team_name: str | None) -> Self:
        query = {"team_name": team_name} if team_name is not None else {}
        parsed = api.call(invite_team_member, body=cls._body(invite_team_member, body), **query)
        return cls._from_resource(api, parsed.data, _team_name=team_name)

    def remove(self) -> None:
        """Remove the member from the team, or cancel the invitation (by e-mail, as it has no usable id)."""
        if not self.is_invitation:
            self._call("delete")
            return
        if not self.email:
            raise ValidationError("this invitation has no e-mail to cancel it by; load it again with filter()")
        query = {"team_name": self._team_name} if self._team_name else {}
        self._api.call(delete_team_member_by_email, email=self.email, **query)

    def delete(self) -> None:
        """The same as `remove()`."""
        self.remove()

    def change_role(self, role_id: str | int | Role) -> None:
        """Give the member the role with this id (see `Role`); the object then holds the API's answer.

        Raises:
            ValidationError: This is a pending invitation, whose role cannot be changed.
        """
        member_id = self.id
        if self.is_invitation or member_id is None:
            shown = repr(self.email) if self.email else "this member"
            raise ValidationError(f"{shown} is a pending invitation; its role cannot be changed")
        role = role_id.id if isinstance(role_id, Role) else _own_id(role_id)
        parsed = self._api.call(change_team_member_role, team_member_id=member_id, role_id=role)
        self._apply_resource(parsed.data)
