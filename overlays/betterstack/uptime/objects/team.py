"""Team members, pending invitations and roles; served by `https://betterstack.com` (`api.team_client`)."""

from __future__ import annotations

from collections.abc import AsyncGenerator, AsyncIterator, Iterator, Mapping
from contextlib import aclosing
from typing import Any, Self, TypeVar, Unpack, cast

from betterstack_sdk import operations as ops
from betterstack_sdk import shapes
from betterstack_sdk.fields import TeamMemberFields, TeamRoleFields
from betterstack_sdk.signatures import ListRoles, ListTeamMembers

from .._base import BaseAPIObject, Operations
from .._calls import Call
from .._client import PaginatedAPI
from .._errors import NotFoundError, ResponseDecodeError, ValidationError
from .._flows import Flow, answer_of, arun, run
from .._kind import Kind, kind_of
from .._values import own_id

_INVITATION = "team_member_invitation"


class Role(
    TeamRoleFields[PaginatedAPI], ListRoles[PaginatedAPI], BaseAPIObject, operations=Operations(list=ops.list_roles)
):
    """A role members can hold, system or custom; its id is what `TeamMember.change_role` takes."""


_TM = TypeVar("_TM", bound="TeamMember")


class _MemberKind(Kind[_TM]):
    # Members remember the team they were listed in, to cancel an invitation there. Filtered by
    # `email`, the API answers with one object rather than a page, and 404 when nobody matches:
    # that is no member, not an error.

    def apply_item(self, obj: _TM, item: Mapping[str, Any]) -> None:
        super().apply_item(obj, item)
        obj._type = item.get("type")

    def objects(self, api: PaginatedAPI, call: Call, **private: Any) -> Iterator[_TM]:
        try:
            yield from super().objects(api, call, **{"_team_name": call.query.get("team_name"), **private})
        except NotFoundError:
            if "email" not in call.query:
                raise

    async def aobjects(self, api: PaginatedAPI, call: Call, **private: Any) -> AsyncIterator[_TM]:
        # An async generator (closed here if the caller stops early), typed as its iterator.
        members = cast(
            AsyncGenerator[_TM, None],
            super().aobjects(api, call, **{"_team_name": call.query.get("team_name"), **private}),
        )
        try:
            async with aclosing(members):
                async for member in members:
                    yield member
        except NotFoundError:
            if "email" not in call.query:
                raise

    def found_flow(self, api: PaginatedAPI, call: Call) -> Flow[list[_TM]]:
        """Every member a list call finds, as `objects` finds them, for flows."""
        team_name = call.query.get("team_name")
        try:
            found: list[_TM] = yield self.walk_call(api, call, _team_name=team_name)
        except NotFoundError:
            if "email" not in call.query:
                raise
            return []
        return found

    def candidates_flow(self, api: PaginatedAPI, fields: Mapping[str, Any]) -> Flow[list[_TM]]:
        # Searched with `found_flow`: filtered by e-mail, the API answers 404 when nobody
        # matches, which here means the address is to be invited.
        query = {key: fields[key] for key in ("email", "team_name") if key in fields}
        return (yield from self.found_flow(api, self.list_call(query)))

    def create_flow(self, api: PaginatedAPI, fields: Mapping[str, Any], **private: Any) -> Flow[_TM]:
        # Members are created by inviting them.
        return (yield from self.invite_flow(api, fields, None))

    def invite_flow(self, api: PaginatedAPI, body: Mapping[str, Any], team_name: str | None) -> Flow[_TM]:
        """Invite someone: the new invitation, or the member the address already belongs to."""
        operation = ops.invite_team_member
        query = self.query(operation, {"team_name": team_name} if team_name is not None else {})
        answer = answer_of((yield Call(operation, {}, query, self.checked_body(operation, body))))
        data = answer.resource()
        if data is None:
            raise ResponseDecodeError.for_response("the answer holds no member or invitation", answer.response)
        return self.from_item(api, data, _team_name=team_name)

    def delete_flow(self, obj: _TM) -> Flow[None]:
        # A member goes by id; an invitation by e-mail, as it has no usable id.
        if not obj.is_invitation:
            yield self.call(obj, ops.delete_team_member)
            return
        if not obj.email:
            raise ValidationError("this invitation has no e-mail to cancel it by; load it again with filter()")
        operation = ops.delete_team_member_by_email
        query = {"email": obj.email, **({"team_name": obj._team_name} if obj._team_name else {})}
        yield Call(operation, {}, self.query(operation, query))


class TeamMember(
    TeamMemberFields[PaginatedAPI],
    ListTeamMembers[PaginatedAPI],
    BaseAPIObject,
    kind=_MemberKind,
    operations=Operations(list=ops.list_team_members, create=ops.invite_team_member, delete=ops.delete_team_member),
):
    """A member of the token's team, or a pending invitation (`is_invitation`).

    There is no get by id: find members with `filter(email=...)` or `get_all_instances()`.
    A pending invitation may have no id (`id` is None): it is known by its e-mail, which is what
    `remove()` cancels it by.
    """

    # Wider than the base's `str`: the API answers a pending invitation with `"id": null`.
    id: str | None  # type: ignore[assignment]

    _type: str | None = None
    _team_name: str | None = None

    @property
    def is_invitation(self) -> bool:
        """Whether this is a pending invitation rather than a member.

        Members always have an id, so an item without one is an invitation even when the
        answer leaves out its `type`.
        """
        return self._type == _INVITATION or self.id is None

    # Inviting -----------------------------------------------------------------------------

    @classmethod
    def new(cls, api: PaginatedAPI, **fields: Unpack[shapes.TeamMemberInvite]) -> Self:
        """Invite someone (`email`, optional `role` or custom `role_id`); see `invite`."""
        return run(api, _member_kind(cls).invite_flow(api, fields, None))

    @classmethod
    async def anew(cls, api: PaginatedAPI, **fields: Unpack[shapes.TeamMemberInvite]) -> Self:
        """The async `new`."""
        return await arun(api, _member_kind(cls).invite_flow(api, fields, None))

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
        return run(api, _member_kind(cls).invite_flow(api, _invitation(email, role), team_name))

    @classmethod
    async def ainvite(
        cls,
        api: PaginatedAPI,
        email: str,
        role: shapes.TeamMemberInvitableRole | None = None,
        *,
        team_name: str | None = None,
    ) -> Self:
        """The async `invite`."""
        return await arun(api, _member_kind(cls).invite_flow(api, _invitation(email, role), team_name))

    # Removing and changing roles ----------------------------------------------------------

    def remove(self) -> None:
        """Remove the member from the team, or cancel the invitation (by e-mail, as it has no usable id).

        `delete()` does the same.
        """
        run(self._api, kind_of(type(self)).delete_flow(self))

    async def aremove(self) -> None:
        """The async `remove`."""
        await arun(self._api, kind_of(type(self)).delete_flow(self))

    def change_role(self, role_id: str | int | Role) -> None:
        """Give the member the role with this id (see `Role`); the object then holds the API's answer.

        Raises:
            ValidationError: This is a pending invitation, whose role cannot be changed.
        """
        run(self._api, _change_role_flow(self, role_id))

    async def achange_role(self, role_id: str | int | Role) -> None:
        """The async `change_role`."""
        await arun(self._api, _change_role_flow(self, role_id))


def _change_role_flow(member: TeamMember, role_id: str | int | Role) -> Flow[None]:
    member_id = member.id
    if member.is_invitation or member_id is None:
        shown = repr(member.email) if member.email else "this member"
        raise ValidationError(f"{shown} is a pending invitation; its role cannot be changed")
    role = role_id.id if isinstance(role_id, Role) else own_id(role_id)
    answer = yield Call(ops.change_team_member_role, {"team_member_id": member_id, "role_id": role})
    kind_of(type(member)).take(member, answer)


def _member_kind(cls: type[_TM]) -> _MemberKind[_TM]:
    return cast(_MemberKind[_TM], kind_of(cls))


def _invitation(email: str, role: shapes.TeamMemberInvitableRole | None) -> dict[str, Any]:
    body: dict[str, Any] = {"email": email}
    if role is not None:
        body["role"] = role
    return body
