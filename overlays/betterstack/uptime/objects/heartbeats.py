"""Heartbeats, their availability and heartbeat groups."""

from __future__ import annotations

from typing import cast

from betterstack_sdk import shapes
from betterstack_sdk.api.heartbeat_groups import (
    create_heartbeat_group,
    delete_heartbeat_group,
    get_heartbeat_group,
    list_heartbeat_group_heartbeats,
    list_heartbeat_groups,
    update_heartbeat_group,
)
from betterstack_sdk.api.heartbeats import (
    create_heartbeat,
    delete_heartbeat,
    get_heartbeat,
    get_heartbeat_availability,
    list_heartbeats,
    update_heartbeat,
)
from betterstack_sdk.fields import HeartbeatFields, HeartbeatGroupFields
from betterstack_sdk.signatures import CreateHeartbeat, CreateHeartbeatGroup, ListHeartbeatGroups, ListHeartbeats

from .._base import Endpoints
from .._client import PaginatedAPI
from .._pagination import paginate
from ._dates import DateLike, _day
from ._pausing import _Pausable


class Heartbeat(HeartbeatFields[PaginatedAPI], ListHeartbeats[PaginatedAPI], CreateHeartbeat[PaginatedAPI], _Pausable):
    """A check that expects regular pings from a job; a missed ping past the grace period starts an incident."""

    _endpoints = Endpoints(
        list=list_heartbeats,
        get=get_heartbeat,
        create=create_heartbeat,
        update=update_heartbeat,
        delete=delete_heartbeat,
    )

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
        query = {key: _day(value) for key, value in (("from_", from_date), ("to", to_date)) if value is not None}
        arguments = self._id_arguments(get_heartbeat_availability)
        parsed = self._api.call(get_heartbeat_availability, **arguments, **query)
        # The generated model's to_dict() follows the same schema as the TypedDict.
        return cast(shapes.HeartbeatAvailabilityAttributes, parsed.data.attributes.to_dict())


class HeartbeatGroup(
    HeartbeatGroupFields[PaginatedAPI],
    ListHeartbeatGroups[PaginatedAPI],
    CreateHeartbeatGroup[PaginatedAPI],
    _Pausable,
):
    """A named group of heartbeats, paused and resumed together."""

    _endpoints = Endpoints(
        list=list_heartbeat_groups,
        get=get_heartbeat_group,
        create=create_heartbeat_group,
        update=update_heartbeat_group,
        delete=delete_heartbeat_group,
    )
    _caches = ("_heartbeats",)

    _heartbeats: list[Heartbeat] | None = None

    @property
    def heartbeats(self) -> list[Heartbeat]:
        """The group's heartbeats, fetched on first access (`fetch_heartbeats()` refreshes)."""
        if self._heartbeats is None:
            self.fetch_heartbeats()
        assert self._heartbeats is not None
        return self._heartbeats

    def fetch_heartbeats(self) -> list[Heartbeat]:
        """Fetch the group's heartbeats from the API, cache and return them."""
        resources = paginate(self._api, list_heartbeat_group_heartbeats, heartbeat_group_id=self.id)
        self._heartbeats = [Heartbeat._from_resource(self._api, resource) for resource in resources]
        return self._heartbeats
