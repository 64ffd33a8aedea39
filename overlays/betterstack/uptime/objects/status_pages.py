"""Status pages, their sections, resources, reports and report updates, and status page groups.

Sections, resources and reports live under one status page, and updates under one report: their
paths carry the parent ids, kept in the private attributes `_status_page_id` (and
`_status_report_id`). They are listed and created through the parent (`StatusPage.sections`,
`StatusPage.add_section(...)`, `StatusReport.updates`, ...), never through class methods.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Unpack

from betterstack_sdk import shapes
from betterstack_sdk.api.status_page_groups import (
    create_status_page_group,
    delete_status_page_group,
    get_status_page_group,
    list_status_page_groups,
    update_status_page_group,
)
from betterstack_sdk.api.status_page_resources import (
    create_status_page_resource,
    delete_status_page_resource,
    get_status_page_resource,
    list_status_page_resources,
    update_status_page_resource,
)
from betterstack_sdk.api.status_page_sections import (
    create_status_page_section,
    delete_status_page_section,
    get_status_page_section,
    list_status_page_sections,
    update_status_page_section,
)
from betterstack_sdk.api.status_pages import (
    create_status_page,
    delete_status_page,
    get_status_page,
    list_status_pages,
    update_status_page,
)
from betterstack_sdk.api.status_reports import (
    create_status_report,
    delete_status_report,
    get_status_report,
    list_status_reports,
    update_status_report,
)
from betterstack_sdk.api.status_updates import (
    create_status_update,
    delete_status_update,
    get_status_update,
    list_status_updates,
    update_status_update,
)
from betterstack_sdk.fields import (
    StatusPageFields,
    StatusPageGroupFields,
    StatusPageResourceFields,
    StatusPageSectionFields,
    StatusReportFields,
    StatusUpdateFields,
)
from betterstack_sdk.signatures import CreateStatusPage, CreateStatusPageGroup, ListStatusPageGroups, ListStatusPages

from .._base import BaseAPIObject, Endpoints
from .._client import PaginatedAPI
from ._nested import _Nested


def _private_id(value: str | int | None) -> str | None:
    return None if value is None else str(value)


class _OnStatusPage(_Nested):
    """A nested object directly under a status page, which it names in `_status_page_id`."""

    def __init__(
        self,
        id: str,
        _api: PaginatedAPI,
        _extras: dict[str, Any] | None = None,
        _original_values: dict[str, Any] | None = None,
        _status_page_id: str | int | None = None,
        **fields: Any,
    ) -> None:
        super().__init__(id, _api, _extras, _original_values, **fields)
        self._status_page_id = _private_id(_status_page_id)


class StatusPageSection(StatusPageSectionFields[PaginatedAPI], _OnStatusPage):
    """A titled group of resources on a status page."""

    _endpoints = Endpoints(
        list=list_status_page_sections,
        get=get_status_page_section,
        create=create_status_page_section,
        update=update_status_page_section,
        delete=delete_status_page_section,
    )
    _parent_arguments = ("status_page_id",)
    _listed_by = "StatusPage.sections or StatusPage.fetch_sections()"
    _created_by = "StatusPage.add_section()"


class StatusPageResource(StatusPageResourceFields[PaginatedAPI], _OnStatusPage):
    """A monitor, heartbeat or other item shown on a status page."""

    _endpoints = Endpoints(
        list=list_status_page_resources,
        get=get_status_page_resource,
        create=create_status_page_resource,
        update=update_status_page_resource,
        delete=delete_status_page_resource,
    )
    _parent_arguments = ("status_page_id",)
    _listed_by = "StatusPage.resources or StatusPage.fetch_resources()"
    _created_by = "StatusPage.add_resource()"


class StatusUpdate(StatusUpdateFields[PaginatedAPI], _Nested):
    """One message of a status report, with the state it gives each affected resource."""

    _endpoints = Endpoints(
        list=list_status_updates,
        get=get_status_update,
        create=create_status_update,
        update=update_status_update,
        delete=delete_status_update,
    )
    _parent_arguments = ("status_page_id", "status_report_id")
    _listed_by = "StatusReport.updates or StatusReport.fetch_updates()"
    _created_by = "StatusReport.add_update()"

    _status_page_id: str | None = None
    _status_report_id: str | None = None


class StatusReport(StatusReportFields[PaginatedAPI], _Nested):
    """An incident or maintenance report published on a status page, with its updates."""

    _endpoints = Endpoints(
        list=list_status_reports,
        get=get_status_report,
        create=create_status_report,
        update=update_status_report,
        delete=delete_status_report,
    )
    _parent_arguments = ("status_page_id",)
    _listed_by = "StatusPage.reports or StatusPage.fetch_reports()"
    _created_by = "StatusPage.add_report()"

    _status_page_id: str | None = None
    _updates: list[StatusUpdate] | None = None

    def fetch_data(self, **query: Any) -> None:
        """Reload the report; its updates come along in the same answer and refill `updates`."""
        endpoint = self._endpoint("get")
        parsed = self._api.call(endpoint, **self._id_arguments(endpoint), **self._query_arguments(endpoint, query))
        self._apply_resource(parsed.data)
        self._updates = self._included_updates(parsed)

    def _included_updates(self, parsed: Any) -> list[StatusUpdate] | None:
        # Only trust `included` when it holds every update the report names; otherwise the
        # next access of `updates` lists them.
        identifiers = getattr(getattr(parsed.data.relationships, "status_updates", None), "data", None)
        included = parsed.included
        if not isinstance(identifiers, list) or not isinstance(included, list):
            return None
        found = {
            item.id: item for item in included if item.type_ == "status_update" and hasattr(item.attributes, "to_dict")
        }
        if any(identifier.id not in found for identifier in identifiers):
            return None
        parents = self._parents()
        return [StatusUpdate._from_resource(self._api, found[identifier.id], **parents) for identifier in identifiers]

    def _parents(self) -> dict[str, str]:
        return {"_status_page_id": self._path_arguments()["status_page_id"], "_status_report_id": self.id}

    @property
    def updates(self) -> list[StatusUpdate]:
        """The report's updates, fetched on first access (`fetch_updates()` refreshes)."""
        if self._updates is None:
            self.fetch_updates()
        assert self._updates is not None
        return self._updates

    def fetch_updates(self) -> list[StatusUpdate]:
        """Fetch the report's updates from the API, cache and return them.

        Raises:
            ValidationError: The report does not know its status page (`_status_page_id`).
        """
        self._updates = list(StatusUpdate._list(self._api, {}, **self._parents()))
        return self._updates

    def add_update(self, **fields: Unpack[shapes.StatusUpdateCreate]) -> StatusUpdate:
        """Post a new update to this report (`message` and `affected_resources` are required).

        The cached `updates` are dropped, so the next access lists them again.
        """
        update = StatusUpdate._create(self._api, fields, **self._parents())
        self._updates = None
        return update


class StatusPage(
    StatusPageFields[PaginatedAPI], ListStatusPages[PaginatedAPI], CreateStatusPage[PaginatedAPI], BaseAPIObject
):
    """A public page showing the state of your services.

    The page password is write-only: pass `password` to `new()` or call `set_password()`; it is
    never an attribute and never shown.
    """

    _endpoints = Endpoints(
        list=list_status_pages,
        get=get_status_page,
        create=create_status_page,
        update=update_status_page,
        delete=delete_status_page,
    )

    _sections: list[StatusPageSection] | None = None
    _resources: list[StatusPageResource] | None = None
    _reports: list[StatusReport] | None = None

    def _apply(self, attributes: Mapping[str, Any]) -> None:
        # The API does not echo the password; should it ever, it must not become a visible extra.
        super()._apply({key: value for key, value in attributes.items() if key != "password"})

    def fetch_data(self, **query: Any) -> None:
        """Reload the page's attributes; cached sections, resources and reports are dropped too."""
        super().fetch_data(**query)
        self._sections = None
        self._resources = None
        self._reports = None

    def set_password(self, password: str) -> None:
        """Set the page password (write-only); an empty string turns password protection off.

        Other unsaved edits stay unsaved.
        """
        self._patch_now({"password": password})

    @property
    def sections(self) -> list[StatusPageSection]:
        """The page's sections, fetched on first access (`fetch_sections()` refreshes)."""
        if self._sections is None:
            self.fetch_sections()
        assert self._sections is not None
        return self._sections

    def fetch_sections(self) -> list[StatusPageSection]:
        """Fetch the page's sections from the API, cache and return them."""
        self._sections = list(StatusPageSection._list(self._api, {}, _status_page_id=self.id))
        return self._sections

    def add_section(self, **fields: Unpack[shapes.StatusPageSectionCreate]) -> StatusPageSection:
        """Add a section (at the end unless `position` is given) and return it.

        Inserting may move other sections, so the cached `sections` are dropped.
        """
        section = StatusPageSection._create(self._api, fields, _status_page_id=self.id)
        self._sections = None
        return section

    @property
    def resources(self) -> list[StatusPageResource]:
        """The page's resources, fetched on first access (`fetch_resources()` refreshes)."""
        if self._resources is None:
            self.fetch_resources()
        assert self._resources is not None
        return self._resources

    def fetch_resources(self) -> list[StatusPageResource]:
        """Fetch the page's resources from the API, cache and return them."""
        self._resources = list(StatusPageResource._list(self._api, {}, _status_page_id=self.id))
        return self._resources

    def add_resource(self, **fields: Unpack[shapes.StatusPageResourceCreate]) -> StatusPageResource:
        """Show a monitor, heartbeat or other item on the page and return it.

        `resource_type` and `public_name` are required, and `resource_id` for every type but
        `ManuallyTrackedItem`. The cached `resources` are dropped.
        """
        resource = StatusPageResource._create(self._api, fields, _status_page_id=self.id)
        self._resources = None
        return resource

    @property
    def reports(self) -> list[StatusReport]:
        """The page's status reports, fetched on first access (`fetch_reports()` refreshes)."""
        if self._reports is None:
            self.fetch_reports()
        assert self._reports is not None
        return self._reports

    def fetch_reports(self) -> list[StatusReport]:
        """Fetch the page's status reports from the API, cache and return them."""
        self._reports = list(StatusReport._list(self._api, {}, _status_page_id=self.id))
        return self._reports

    def add_report(self, **fields: Unpack[shapes.StatusReportCreate]) -> StatusReport:
        """Publish a status report with its first update and return it.

        `title`, `message` and `affected_resources` are required, and `ends_at` for a
        `maintenance` report. The cached `reports` are dropped.
        """
        report = StatusReport._create(self._api, fields, _status_page_id=self.id)
        self._reports = None
        return report


class StatusPageGroup(
    StatusPageGroupFields[PaginatedAPI],
    ListStatusPageGroups[PaginatedAPI],
    CreateStatusPageGroup[PaginatedAPI],
    BaseAPIObject,
):
    """A named group of status pages."""

    _endpoints = Endpoints(
        list=list_status_page_groups,
        get=get_status_page_group,
        create=create_status_page_group,
        update=update_status_page_group,
        delete=delete_status_page_group,
    )
