"""Monitors, their availability (SLA) and monitor groups."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, cast

from betterstack_sdk import operations as ops
from betterstack_sdk.fields import MonitorFields, MonitorGroupFields, MonitorSlaFields
from betterstack_sdk.signatures import CreateMonitor, CreateMonitorGroup, ListMonitorGroups, ListMonitors

from .._base import BaseAPIObject, Operations
from .._calls import Answer, Call, url_path
from .._client import PaginatedAPI
from .._errors import ResponseDecodeError, ValidationError
from .._flows import Flow, answer_of, arun, run
from .._kind import Kind, kind_of
from ._dates import DateLike, _day
from ._pausing import _Pausable

if TYPE_CHECKING:
    from betterstack_sdk import shapes


class _SlaKind(Kind["MonitorSLA"]):
    def apply(self, obj: MonitorSLA, attributes: Mapping[str, Any]) -> None:
        if attributes.get("downtime_duration") is None:
            attributes = {**attributes, "downtime_duration": attributes.get("total_downtime")}
        super().apply(obj, attributes)

    def fetch_flow(self, obj: MonitorSLA, **query: Any) -> Flow[Answer]:
        # Without a query, the current time frame (since creation when none is set).
        if not query:
            query = {key: value for key, value in (("from_", obj._sla_start), ("to", obj._sla_end)) if value}
        return (yield from super().fetch_flow(obj, **query))


class MonitorSLA(
    MonitorSlaFields[PaginatedAPI], BaseAPIObject, kind=_SlaKind, operations=Operations(get=ops.get_monitor_sla)
):
    """A monitor's availability over a time frame; its id is the monitor's id.

    The documented downtime field is `total_downtime`; `downtime_duration`, the older package's
    name, is filled from it.
    """

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

    def fetch_sla(self, from_date: DateLike, to_date: DateLike) -> None:
        """Load the SLA between two days (inclusive), given as `YYYY-MM-DD`, `date` or `datetime`."""
        self._sla_start, self._sla_end = _day(from_date), _day(to_date)
        self.fetch_data()

    async def afetch_sla(self, from_date: DateLike, to_date: DateLike) -> None:
        """The async `fetch_sla`."""
        self._sla_start, self._sla_end = _day(from_date), _day(to_date)
        await self.afetch_data()

    @property
    def timeframe(self) -> tuple[str | None, str | None]:
        """The current time frame as `(start, end)` days."""
        return self._sla_start, self._sla_end

    @timeframe.setter
    def timeframe(self, value: tuple[DateLike, DateLike]) -> None:
        self.fetch_sla(*value)

    def generate_url(self) -> str:
        """The SLA path of the monitor."""
        return url_path(ops.get_monitor_sla, {"monitor_id": self.id})

    @classmethod
    def generate_global_url(cls) -> str:
        """SLA objects have no collection.

        Raises:
            ValueError: Always.
        """
        raise ValidationError("MonitorSLA has no collection URL: it belongs to one monitor")


class Monitor(
    MonitorFields[PaginatedAPI],
    ListMonitors[PaginatedAPI],
    CreateMonitor[PaginatedAPI],
    _Pausable,
    operations=Operations(
        list=ops.list_monitors,
        get=ops.get_monitor,
        create=ops.create_monitor,
        update=ops.update_monitor,
        delete=ops.delete_monitor,
    ),
):
    """An uptime check of a URL, host or port.

    `request_headers` saves as the list it holds: headers dropped from it are removed (each goes
    as `{"id": ..., "_destroy": "true"}`, the API's rule), new ones added, changed ones changed.
    """

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
        return run(self._api, _response_times_flow(self))

    async def aresponse_times(self) -> shapes.MonitorResponseTimesAttributes:
        """The async `response_times`."""
        return await arun(self._api, _response_times_flow(self))


class MonitorGroup(
    MonitorGroupFields[PaginatedAPI],
    ListMonitorGroups[PaginatedAPI],
    CreateMonitorGroup[PaginatedAPI],
    _Pausable,
    operations=Operations(
        list=ops.list_monitor_groups,
        get=ops.get_monitor_group,
        create=ops.create_monitor_group,
        update=ops.update_monitor_group,
        delete=ops.delete_monitor_group,
    ),
    caches=("_monitors",),
):
    """A named group of monitors, paused and resumed together."""

    _monitors: list[Monitor] | None = None

    @property
    def monitors(self) -> list[Monitor]:
        """The group's monitors, fetched on first access (`fetch_monitors()` refreshes).

        A property fetches synchronously; async code calls `await group.afetch_monitors()`.
        """
        if self._monitors is None:
            self.fetch_monitors()
        assert self._monitors is not None
        return self._monitors

    def fetch_monitors(self) -> list[Monitor]:
        """Fetch the group's monitors from the API, cache and return them."""
        return run(self._api, _fetch_monitors_flow(self))

    async def afetch_monitors(self) -> list[Monitor]:
        """The async `fetch_monitors`: fetch the group's monitors, cache and return them."""
        return await arun(self._api, _fetch_monitors_flow(self))


def _response_times_flow(monitor: Monitor) -> Flow[shapes.MonitorResponseTimesAttributes]:
    answer = answer_of((yield kind_of(type(monitor)).call(monitor, ops.get_monitor_response_times)))
    data = answer.resource()
    if data is None:
        raise ResponseDecodeError.for_response("the answer holds no response times", answer.response)
    return cast("shapes.MonitorResponseTimesAttributes", data.get("attributes") or {})


def _fetch_monitors_flow(group: MonitorGroup) -> Flow[list[Monitor]]:
    call = Call(ops.list_monitor_group_monitors, {"monitor_group_id": group.id})
    group._monitors = yield kind_of(Monitor).walk_call(group._api, call)
    return group._monitors
