"""Status pages, their sections, resources, reports and report updates, and status page groups.

Sections, resources and reports live under one status page, and updates under one report: their
paths carry the parent ids, kept in the private attributes `_status_page_id` (and
`_status_report_id`). They are listed and created through the parent (`StatusPage.sections`,
`StatusPage.add_section(...)`, `StatusReport.updates`, ...), never through class methods.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Unpack

from betterstack_sdk import operations as ops
from betterstack_sdk import shapes
from betterstack_sdk.fields import (
    StatusPageFields,
    StatusPageGroupFields,
    StatusPageResourceFields,
    StatusPageSectionFields,
    StatusReportFields,
    StatusUpdateFields,
)
from betterstack_sdk.signatures import CreateStatusPage, CreateStatusPageGroup, ListStatusPageGroups, ListStatusPages

from .._base import BaseAPIObject, Operations
from .._calls import Answer
from .._client import PaginatedAPI
from .._errors import JSONValue
from .._flows import Flow, arun, run
from .._kind import Kind, kind_of
from ._nested import _Nested


class _OnStatusPage(_Nested):
    """A nested object directly under a status page, which it names in `_status_page_id`."""

    _status_page_id: str | None = None


class StatusPageSection(
    StatusPageSectionFields[PaginatedAPI],
    _OnStatusPage,
    operations=Operations(
        list=ops.list_status_page_sections,
        get=ops.get_status_page_section,
        create=ops.create_status_page_section,
        update=ops.update_status_page_section,
        delete=ops.delete_status_page_section,
    ),
    parent_arguments=("status_page_id",),
    listed_by="StatusPage.sections or StatusPage.fetch_sections()",
    created_by="StatusPage.add_section()",
):
    """A titled group of resources on a status page."""


class StatusPageResource(
    StatusPageResourceFields[PaginatedAPI],
    _OnStatusPage,
    operations=Operations(
        list=ops.list_status_page_resources,
        get=ops.get_status_page_resource,
        create=ops.create_status_page_resource,
        update=ops.update_status_page_resource,
        delete=ops.delete_status_page_resource,
    ),
    parent_arguments=("status_page_id",),
    listed_by="StatusPage.resources or StatusPage.fetch_resources()",
    created_by="StatusPage.add_resource()",
):
    """A monitor, heartbeat or other item shown on a status page."""


class StatusUpdate(
    StatusUpdateFields[PaginatedAPI],
    _Nested,
    operations=Operations(
        list=ops.list_status_updates,
        get=ops.get_status_update,
        create=ops.create_status_update,
        update=ops.update_status_update,
        delete=ops.delete_status_update,
    ),
    parent_arguments=("status_page_id", "status_report_id"),
    listed_by="StatusReport.updates or StatusReport.fetch_updates()",
    created_by="StatusReport.add_update()",
):
    """One message of a status report, with the state it gives each affected resource."""

    _status_page_id: str | None = None
    _status_report_id: str | None = None


class _ReportKind(Kind["StatusReport"]):
    def fetch_flow(self, obj: StatusReport, **query: Any) -> Flow[Answer]:
        # The report's updates come along in the same answer (`included`) and refill `updates`.
        answer = yield from super().fetch_flow(obj, **query)
        data = answer.resource()
        obj._updates = None if data is None else _included_updates(obj, answer.body, data)
        return answer


class StatusReport(
    StatusReportFields[PaginatedAPI],
    _Nested,
    kind=_ReportKind,
    operations=Operations(
        list=ops.list_status_reports,
        get=ops.get_status_report,
        create=ops.create_status_report,
        update=ops.update_status_report,
        delete=ops.delete_status_report,
    ),
    parent_arguments=("status_page_id",),
    listed_by="StatusPage.reports or StatusPage.fetch_reports()",
    created_by="StatusPage.add_report()",
):
    """An incident or maintenance report published on a status page, with its updates."""

    _status_page_id: str | None = None
    _updates: list[StatusUpdate] | None = None

    @property
    def updates(self) -> list[StatusUpdate]:
        """The report's updates, fetched on first access (`fetch_updates()` refreshes).

        A property fetches synchronously; async code calls `await report.afetch_updates()`.
        """
        if self._updates is None:
            self.fetch_updates()
        assert self._updates is not None
        return self._updates

    def fetch_updates(self) -> list[StatusUpdate]:
        """Fetch the report's updates from the API, cache and return them.

        Raises:
            ValidationError: The report does not know its status page (`_status_page_id`).
        """
        return run(self._api, _fetch_updates_flow(self))

    async def afetch_updates(self) -> list[StatusUpdate]:
        """The async `fetch_updates`."""
        return await arun(self._api, _fetch_updates_flow(self))

    def add_update(self, **fields: Unpack[shapes.StatusUpdateCreate]) -> StatusUpdate:
        """Post a new update to this report (`message` and `affected_resources` are required).

        The cached `updates` are dropped, so the next access lists them again.
        """
        return run(self._api, _add_update_flow(self, fields))

    async def aadd_update(self, **fields: Unpack[shapes.StatusUpdateCreate]) -> StatusUpdate:
        """The async `add_update`."""
        return await arun(self._api, _add_update_flow(self, fields))


def _included_updates(report: StatusReport, body: JSONValue, data: Mapping[str, Any]) -> list[StatusUpdate] | None:
    # Only trust `included` when it holds every update the report names; otherwise the
    # next access of `updates` lists them.
    relationships = data.get("relationships")
    relation = relationships.get("status_updates") if isinstance(relationships, dict) else None
    identifiers = relation.get("data") if isinstance(relation, dict) else None
    included = body.get("included") if isinstance(body, dict) else None
    if not isinstance(identifiers, list) or not isinstance(included, list):
        return None
    if not all(isinstance(identifier, dict) for identifier in identifiers):
        return None
    found = {
        str(item.get("id")): item
        for item in included
        if isinstance(item, dict) and item.get("type") == "status_update" and isinstance(item.get("attributes"), dict)
    }
    wanted = [str(identifier.get("id")) for identifier in identifiers]
    if any(key not in found for key in wanted):
        return None
    parents = _parents(
        report,
    )
    return [kind_of(StatusUpdate).from_item(report._api, found[key], **parents) for key in wanted]


def _parents(report: StatusReport) -> dict[str, str]:
    return {
        "_status_page_id": kind_of(type(report)).path_arguments(report)["status_page_id"],
        "_status_report_id": report.id,
    }


def _fetch_updates_flow(report: StatusReport) -> Flow[list[StatusUpdate]]:
    report._updates = yield kind_of(StatusUpdate).walk(
        report._api,
        {},
        **_parents(
            report,
        ),
    )
    return report._updates


def _add_update_flow(report: StatusReport, fields: Mapping[str, Any]) -> Flow[StatusUpdate]:
    update = yield from kind_of(StatusUpdate).create_flow(
        report._api,
        fields,
        **_parents(
            report,
        ),
    )
    report._updates = None
    return update


class _PageKind(Kind["StatusPage"]):
    def apply(self, obj: StatusPage, attributes: Mapping[str, Any]) -> None:
        # The API does not echo the password; should it ever, it must not become a visible extra.
        super().apply(obj, {key: value for key, value in attributes.items() if key != "password"})


class StatusPage(
    StatusPageFields[PaginatedAPI],
    ListStatusPages[PaginatedAPI],
    CreateStatusPage[PaginatedAPI],
    BaseAPIObject,
    kind=_PageKind,
    operations=Operations(
        list=ops.list_status_pages,
        get=ops.get_status_page,
        create=ops.create_status_page,
        update=ops.update_status_page,
        delete=ops.delete_status_page,
    ),
    # Reloading the page drops its cached sections, resources and reports too.
    caches=("_sections", "_resources", "_reports"),
):
    """A public page showing the state of your services.

    The page password is write-only: pass `password` to `new()` or call `set_password()`; it is
    never an attribute and never shown.
    """

    _sections: list[StatusPageSection] | None = None
    _resources: list[StatusPageResource] | None = None
    _reports: list[StatusReport] | None = None

    def set_password(self, password: str) -> None:
        """Set the page password (write-only); an empty string turns password protection off.

        Other unsaved edits stay unsaved.
        """
        run(self._api, kind_of(type(self)).patch_flow(self, {"password": password}))

    async def aset_password(self, password: str) -> None:
        """The async `set_password`."""
        await arun(self._api, kind_of(type(self)).patch_flow(self, {"password": password}))

    # Sections -------------------------------------------------------------------------------

    @property
    def sections(self) -> list[StatusPageSection]:
        """The page's sections, fetched on first access (`fetch_sections()` refreshes).

        A property fetches synchronously; async code calls `await page.afetch_sections()`.
        """
        if self._sections is None:
            self.fetch_sections()
        assert self._sections is not None
        return self._sections

    def fetch_sections(self) -> list[StatusPageSection]:
        """Fetch the page's sections from the API, cache and return them."""
        return run(self._api, _fetch_sections_flow(self))

    async def afetch_sections(self) -> list[StatusPageSection]:
        """The async `fetch_sections`."""
        return await arun(self._api, _fetch_sections_flow(self))

    def add_section(self, **fields: Unpack[shapes.StatusPageSectionCreate]) -> StatusPageSection:
        """Add a section (at the end unless `position` is given) and return it.

        Inserting may move other sections, so the cached `sections` are dropped.
        """
        return run(self._api, _add_section_flow(self, fields))

    async def aadd_section(self, **fields: Unpack[shapes.StatusPageSectionCreate]) -> StatusPageSection:
        """The async `add_section`."""
        return await arun(self._api, _add_section_flow(self, fields))

    # Resources ------------------------------------------------------------------------------

    @property
    def resources(self) -> list[StatusPageResource]:
        """The page's resources, fetched on first access (`fetch_resources()` refreshes).

        A property fetches synchronously; async code calls `await page.afetch_resources()`.
        """
        if self._resources is None:
            self.fetch_resources()
        assert self._resources is not None
        return self._resources

    def fetch_resources(self) -> list[StatusPageResource]:
        """Fetch the page's resources from the API, cache and return them."""
        return run(self._api, _fetch_resources_flow(self))

    async def afetch_resources(self) -> list[StatusPageResource]:
        """The async `fetch_resources`."""
        return await arun(self._api, _fetch_resources_flow(self))

    def add_resource(self, **fields: Unpack[shapes.StatusPageResourceCreate]) -> StatusPageResource:
        """Show a monitor, heartbeat or other item on the page and return it.

        `resource_type` and `public_name` are required, and `resource_id` for every type but
        `ManuallyTrackedItem`. The cached `resources` are dropped.
        """
        return run(self._api, _add_resource_flow(self, fields))

    async def aadd_resource(self, **fields: Unpack[shapes.StatusPageResourceCreate]) -> StatusPageResource:
        """The async `add_resource`."""
        return await arun(self._api, _add_resource_flow(self, fields))

    # Reports --------------------------------------------------------------------------------

    @property
    def reports(self) -> list[StatusReport]:
        """The page's status reports, fetched on first access (`fetch_reports()` refreshes).

        A property fetches synchronously; async code calls `await page.afetch_reports()`.
        """
        if self._reports is None:
            self.fetch_reports()
        assert self._reports is not None
        return self._reports

    def fetch_reports(self) -> list[StatusReport]:
        """Fetch the page's status reports from the API, cache and return them."""
        return run(self._api, _fetch_reports_flow(self))

    async def afetch_reports(self) -> list[StatusReport]:
        """The async `fetch_reports`."""
        return await arun(self._api, _fetch_reports_flow(self))

    def add_report(self, **fields: Unpack[shapes.StatusReportCreate]) -> StatusReport:
        """Publish a status report with its first update and return it.

        `title`, `message` and `affected_resources` are required, and `ends_at` for a
        `maintenance` report. The cached `reports` are dropped.
        """
        return run(self._api, _add_report_flow(self, fields))

    async def aadd_report(self, **fields: Unpack[shapes.StatusReportCreate]) -> StatusReport:
        """The async `add_report`."""
        return await arun(self._api, _add_report_flow(self, fields))


def _fetch_sections_flow(page: StatusPage) -> Flow[list[StatusPageSection]]:
    page._sections = yield kind_of(StatusPageSection).walk(page._api, {}, _status_page_id=page.id)
    return page._sections


def _add_section_flow(page: StatusPage, fields: Mapping[str, Any]) -> Flow[StatusPageSection]:
    section = yield from kind_of(StatusPageSection).create_flow(page._api, fields, _status_page_id=page.id)
    page._sections = None
    return section


def _fetch_resources_flow(page: StatusPage) -> Flow[list[StatusPageResource]]:
    page._resources = yield kind_of(StatusPageResource).walk(page._api, {}, _status_page_id=page.id)
    return page._resources


def _add_resource_flow(page: StatusPage, fields: Mapping[str, Any]) -> Flow[StatusPageResource]:
    resource = yield from kind_of(StatusPageResource).create_flow(page._api, fields, _status_page_id=page.id)
    page._resources = None
    return resource


def _fetch_reports_flow(page: StatusPage) -> Flow[list[StatusReport]]:
    page._reports = yield kind_of(StatusReport).walk(page._api, {}, _status_page_id=page.id)
    return page._reports


def _add_report_flow(page: StatusPage, fields: Mapping[str, Any]) -> Flow[StatusReport]:
    report = yield from kind_of(StatusReport).create_flow(page._api, fields, _status_page_id=page.id)
    page._reports = None
    return report


class StatusPageGroup(
    StatusPageGroupFields[PaginatedAPI],
    ListStatusPageGroups[PaginatedAPI],
    CreateStatusPageGroup[PaginatedAPI],
    BaseAPIObject,
    operations=Operations(
        list=ops.list_status_page_groups,
        get=ops.get_status_page_group,
        create=ops.create_status_page_group,
        update=ops.update_status_page_group,
        delete=ops.delete_status_page_group,
    ),
):
    """A named group of status pages."""
