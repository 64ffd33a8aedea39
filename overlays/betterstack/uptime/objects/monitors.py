"""Monitors, their availability (SLA) and monitor groups."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, cast

from betterstack_sdk import shapes
from betterstack_sdk.api.monitor_groups import (
    create_monitor_group,
    delete_monitor_group,
    get_monitor_group,
    list_monitor_group_monitors,
    list_monitor_groups,
    update_monitor_group,
)
from betterstack_sdk.api.monitors import (
    create_monitor,
    delete_monitor,
    get_monitor,
    get_monitor_response_times,
    get_monitor_sla,
    list_monitors,
    update_monitor,
)
from betterstack_sdk.fields import MonitorFields, MonitorGroupFields, MonitorSlaFields
from betterstack_sdk.signatures import CreateMonitor, CreateMonitorGroup, ListMonitorGroups, ListMonitors

from .._base import BaseAPIObject, Endpoints
from .._client import PaginatedAPI, request_arguments
from .._errors import ValidationError
from .._pagination import paginate
from ._dates import DateLike, _day
from ._pausing import _Pausable


class MonitorSLA(MonitorSlaFields[PaginatedAPI], BaseAPIObject):
    """A monitor's availability over a time frame; its id is the monitor's id.

    The documented downtime field is `total_downtime`; `downtime_duration`, the older package's
    name, is filled from it.
    """

    _endpoints = Endpoints(get=get_monitor_sla)

    def __init__(
        self,
        id: str,
        _api: PaginatedAPI,
        _extras: dict[str, Any] | None = None,
        _original_values: dict[str, Any] | None = None,
        _sla_start: DateLike | None = None,
        _sla_end: DateLike | None = None,
        **fields: Any,
    ) -> None:
        super().__init__(id, _api, _extras, _original_values, **fields)
        self._sla_start: str | None = _day(_sla_start) if _sla_start is not None else None
        self._sla_end: str | None = _day(_sla_end) if _sla_end is not None else None

    def _apply(self, attributes: Mapping[str, Any]) -> None:
        if attributes.get("downtime_duration") is None:
            attributes = {**attributes, "downtime_duration": attributes.get("total_downtime")}
        super()._apply(attributes)

    def fetch_data(self, **query: Any) -> None:
        """Load the SLA for the current time frame (since creation when none is set)."""
        if not query:
            query = {key: value for key, value in (("from_", self._sla_start), ("to", self._sla_end)) if value}
        super().fetch_data(**query)

    def fetch_sla(self, from_date: DateLike, to_date: DateLike) -> None:
        """Load the SLA between two days (inclusive), given as `YYYY-MM-DD`, `date` or `datetime`."""
        self._sla_start, self._sla_end = _day(from_date), _day(to_date)
        self.fetch_data()

    @property
    def timeframe(self) -> tuple[str | None, str | None]:
        """The current time frame as `(start, end)` days."""
        return self._sla_start, self._sla_end

    @timeframe.setter
    def timeframe(self, value: tuple[DateLike, DateLike]) -> None:
        self.fetch_sla(*value)

    def generate_url(self) -> str:
        """The SLA path of the monitor."""
        return str(request_arguments(get_monitor_sla, {"monitor_id": self.id})["url"])

    @classmethod
    def generate_global_url(cls) -> str:
        """SLA objects have no collection.

        Raises:
            ValueError: Always.
        """
        raise ValidationError("MonitorSLA has no collection URL: it belongs to one monitor")


class Monitor(MonitorFields[PaginatedAPI], ListMonitors[PaginatedAPI], CreateMonitor[PaginatedAPI], _Pausable):
    """An uptime check of a URL, host or port.

    `request_headers` saves as the list it holds: headers dropped from it are removed (each goes
    as `{"id": ..., "_destroy": "true"}`, the API's rule), new ones added, changed ones changed.
    """

    _endpoints = Endpoints(
        list=list_monitors, get=get_monitor, create=create_monitor, update=update_monitor, delete=delete_monitor
    )

    _sla: MonitorSLA | None = None

    @property
    def is_paused(self) -> bool:
        """Whether the monitor is paused (it has a `paused_at`)."""
        return self.paused_at is not None

    @property
    def sla(self) -> MonitorSLA:
        """This monitor's `MonitorSLA`; call `fetch_sla()` or `fetch_data()` on it to load figures."""
        if self._sla is None:
            self._sla = MonitorSLA(id=self.id, _api=self._api)
        return self._sla

    def response_times(self) -> shapes.MonitorResponseTimesAttributes:
        """Response times of the last 24 hours, by region (the API's `attributes`)."""
        parsed = self._api.call(get_monitor_response_times, monitor_id=self.id)
        # The generated model's to_dict() follows the same schema as the TypedDict.
        return cast(shapes.MonitorResponseTimesAttributes, parsed.data.attributes.to_dict())


class MonitorGroup(
    MonitorGroupFields[PaginatedAPI], ListMonitorGroups[PaginatedAPI], CreateMonitorGroup[PaginatedAPI], _Pausable
):
    """A named group of monitors, paused and resumed together."""

    _endpoints = Endpoints(
        list=list_monitor_groups,
        get=get_monitor_group,
        create=create_monitor_group,
        update=update_monitor_group,
        delete=delete_monitor_group,
    )
    _caches = ("_monitors",)

    _monitors: list[Monitor] | None = None

    @property
    def monitors(self) -> list[Monitor]:
        """The group's monitors, fetched on first access (`fetch_monitors()` refreshes)."""
        if self._monitors is None:
            self.fetch_monitors()
        assert self._monitors is not None
        return self._monitors

    def fetch_monitors(self) -> list[Monitor]:
        """Fetch the group's monitors from the API, cache and return them."""
        resources = paginate(self._api, list_monitor_group_monitors, monitor_group_id=self.id)
        self._monitors = [Monitor._from_resource(self._api, resource) for resource in resources]
        return self._monitors
