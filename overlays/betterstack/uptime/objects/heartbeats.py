"""Heartbeats, their availability and heartbeat groups."""

from __future__ import annotations

from typing import cast

from betterstack_sdk import operations as ops
from betterstack_sdk import shapes
from betterstack_sdk.fields import HeartbeatFields, HeartbeatGroupFields
from betterstack_sdk.signatures import CreateHeartbeat, CreateHeartbeatGroup, ListHeartbeatGroups, ListHeartbeats

from .._base import Operations
from .._calls import Call
from .._client import PaginatedAPI
from .._errors import ResponseDecodeError
from .._flows import Flow, answer_of, arun, run
from .._kind import kind_of
from ._dates import DateLike, _day
from ._pausing import _Pausable


class Heartbeat(
    HeartbeatFields[PaginatedAPI],
    ListHeartbeats[PaginatedAPI],
    CreateHeartbeat[PaginatedAPI],
    _Pausable,
    operations=Operations(
        list=ops.list_heartbeats,
        get=ops.get_heartbeat,
        create=ops.create_heartbeat,
        update=ops.update_heartbeat,
        delete=ops.delete_heartbeat,
    ),
):
    """A check that expects regular pings from a job; a missed ping past the grace period starts an incident."""

    @property
    def is_paused(self) -> bool:
        """Whether the heartbeat is paused (it has a `paused_at`)."""
        return self.paused_at is not None

    def availability(
        self, from_date: DateLike | None = None, to_date: DateLike | None = None
    ) -> shapes.HeartbeatAvailabilityAttributes:
        """The heartbeat's availability between two days (inclusive), as the API's attributes.

        Args:
            from_date: First day, as `YYYY-MM-DD`, `date` or `datetime`; the API's default when None.
            to_date: Last day, in the same forms; the API's default when None.

        Returns:
            `availability` (percent), `total_downtime`, `number_of_incidents`, `longest_incident`
            and `average_incident` (seconds), plus anything else the API sent.
        """
        return run(self._api, _availability_flow(self, from_date, to_date))

    async def aavailability(
        self, from_date: DateLike | None = None, to_date: DateLike | None = None
    ) -> shapes.HeartbeatAvailabilityAttributes:
        """The async `availability`."""
        return await arun(self._api, _availability_flow(self, from_date, to_date))


class HeartbeatGroup(
    HeartbeatGroupFields[PaginatedAPI],
    ListHeartbeatGroups[PaginatedAPI],
    CreateHeartbeatGroup[PaginatedAPI],
    _Pausable,
    operations=Operations(
        list=ops.list_heartbeat_groups,
        get=ops.get_heartbeat_group,
        create=ops.create_heartbeat_group,
        update=ops.update_heartbeat_group,
        delete=ops.delete_heartbeat_group,
    ),
    caches=("_heartbeats",),
):
    """A named group of heartbeats, paused and resumed together."""

    _heartbeats: list[Heartbeat] | None = None

    @property
    def heartbeats(self) -> list[Heartbeat]:
        """The group's heartbeats, fetched on first access (`fetch_heartbeats()` refreshes).

        A property fetches synchronously; async code calls `await group.afetch_heartbeats()`.
        """
        if self._heartbeats is None:
            self.fetch_heartbeats()
        assert self._heartbeats is not None
        return self._heartbeats

    def fetch_heartbeats(self) -> list[Heartbeat]:
        """Fetch the group's heartbeats from the API, cache and return them."""
        return run(self._api, _fetch_heartbeats_flow(self))

    async def afetch_heartbeats(self) -> list[Heartbeat]:
        """The async `fetch_heartbeats`."""
        return await arun(self._api, _fetch_heartbeats_flow(self))


def _availability_flow(
    heartbeat: Heartbeat, from_date: DateLike | None, to_date: DateLike | None
) -> Flow[shapes.HeartbeatAvailabilityAttributes]:
    query = {key: _day(value) for key, value in (("from_", from_date), ("to", to_date)) if value is not None}
    answer = answer_of((yield kind_of(type(heartbeat)).call(heartbeat, ops.get_heartbeat_availability, None, **query)))
    data = answer.resource()
    if data is None:
        raise ResponseDecodeError.for_response("the answer holds no availability", answer.response)
    return cast(shapes.HeartbeatAvailabilityAttributes, data.get("attributes") or {})


def _fetch_heartbeats_flow(group: HeartbeatGroup) -> Flow[list[Heartbeat]]:
    call = Call(ops.list_heartbeat_group_heartbeats, {"heartbeat_group_id": group.id})
    group._heartbeats = yield kind_of(Heartbeat).walk_call(group._api, call)
    return group._heartbeats
