"""Status pages, sections, resources, reports, updates and groups, on the wire."""

from __future__ import annotations

import datetime

import httpx
import pytest

from betterstack.uptime import ConflictError, NotFoundError, ValidationError
from betterstack.uptime.objects.status_pages import (
    StatusPage,
    StatusPageGroup,
    StatusPageResource,
    StatusPageSection,
    StatusReport,
    StatusUpdate,
)

from wire import Answer, Recorder, created, fixture, make_api, one_page, reply

PAGE = "/api/v2/status-pages/123456"


def status(code: int, errors: str = "") -> Answer:
    """A handler answering `code`, with the API's `errors` text when given."""
    return reply(code, {"errors": errors} if errors else None)


def raw_calls(wire: Recorder) -> list[tuple[str, str]]:
    """The method and raw path, query included, of every request `wire` recorded."""
    return [(request.method, request.url.raw_path.decode()) for request in wire.requests]


# StatusPage ---------------------------------------------------------------------------------


def test_get_loads_the_status_page() -> None:
    api, wire = make_api({("GET", PAGE): fixture("get_status_page")})
    page = StatusPage.get(api, 123456)
    assert raw_calls(wire) == [("GET", PAGE)]
    assert page.id == "123456"
    assert page.company_name == "Example Inc."
    assert page.status_page_group_id == 7
    assert page.navigation_links == [
        {"text": "Status", "href": "/"},
        {"text": "Previous incidents", "href": "/incidents"},
    ]
    assert page.get_modified_properties() == []


def test_urls_of_a_status_page() -> None:
    api, _ = make_api({})
    assert StatusPage(id="123456", _api=api).generate_url() == PAGE
    assert StatusPage.generate_global_url() == "/api/v2/status-pages"
    assert StatusPage(id="a/b", _api=api).generate_url() == "/api/v2/status-pages/a%2Fb"


def test_get_all_instances_lists_pages_and_keeps_unknown_attributes() -> None:
    api, wire = make_api({("GET", "/api/v2/status-pages"): fixture("list_status_pages")})
    pages = list(StatusPage.get_all_instances(api))
    assert raw_calls(wire) == [("GET", "/api/v2/status-pages")]
    assert [page.id for page in pages] == ["123456", "123457"]
    internal = pages[1]
    assert internal.status_page_group_id == 7  # "7" on the wire
    assert internal.team_name == "Production"
    assert internal._extras == {"beta_flag": True}
    assert internal.password_enabled is True


def test_filter_sends_per_page() -> None:
    api, wire = make_api({("GET", "/api/v2/status-pages"): fixture("list_status_pages")})
    assert len(list(StatusPage.filter(api, per_page=2))) == 2
    assert dict(wire.last.url.params) == {"per_page": "2"}


def test_filter_rejects_an_unknown_parameter_before_any_request() -> None:
    api, wire = make_api({})
    with pytest.raises(ValidationError, match="cannot be filtered by 'team_name'"):
        StatusPage.filter(api, team_name="Production")  # type: ignore[call-arg]
    assert wire.requests == []


def test_new_posts_exactly_the_fields_and_never_keeps_the_password() -> None:
    answer = fixture("get_status_page")
    answer["data"]["attributes"]["password_enabled"] = True
    answer["data"]["attributes"]["password"] = "s3cret"  # an echo must not be kept
    api, wire = make_api({("POST", "/api/v2/status-pages"): created(answer)})
    page = StatusPage.new(
        api,
        company_name="Example Inc.",
        company_url="https://example.com",
        timezone="Amsterdam",
        subdomain="example-status",
        password_enabled=True,
        password="s3cret",
        navigation_links=[{"text": "Status", "href": "/"}],
    )
    assert (wire.last.method, wire.last.url.path) == ("POST", "/api/v2/status-pages")
    assert wire.body() == {
        "company_name": "Example Inc.",
        "company_url": "https://example.com",
        "timezone": "Amsterdam",
        "subdomain": "example-status",
        "password_enabled": True,
        "password": "s3cret",
        "navigation_links": [{"text": "Status", "href": "/"}],
    }
    assert page.id == "123456"
    assert page.password_enabled is True
    assert "s3cret" not in repr(page)
    assert "password" not in page._extras
    with pytest.raises(AttributeError):
        page.password  # type: ignore[attr-defined]  # noqa: B018
    assert page.get_modified_properties() == []


def test_password_is_not_an_attribute() -> None:
    api, wire = make_api({})
    page = StatusPage(id="123456", _api=api)
    with pytest.raises(AttributeError, match="no field 'password'"):
        page.password = "s3cret"  # type: ignore[attr-defined]
    with pytest.raises(TypeError, match="unexpected field 'password'"):
        StatusPage(id="1", _api=api, password="s3cret")  # type: ignore[call-arg]
    assert wire.requests == []


def test_set_password_patches_only_the_password_and_keeps_other_edits() -> None:
    answer = fixture("get_status_page")
    answer["data"]["attributes"]["password_enabled"] = True
    api, wire = make_api({("GET", PAGE): fixture("get_status_page"), ("PATCH", PAGE): answer})
    page = StatusPage.get(api, 123456)
    page.announcement = "Maintenance tonight"
    page.set_password("s3cret")
    assert (wire.last.method, wire.last.url.path) == ("PATCH", PAGE)
    assert wire.body() == {"password": "s3cret"}
    assert page.password_enabled is True
    assert page.get_modified_properties() == ["announcement"]
    assert "s3cret" not in repr(page)
    page.save()
    assert wire.body() == {"announcement": "Maintenance tonight"}


def test_save_patches_only_the_changed_fields() -> None:
    api, wire = make_api({("GET", PAGE): fixture("get_status_page"), ("PATCH", PAGE): fixture("get_status_page")})
    page = StatusPage.get(api, "123456")
    page.save()
    assert len(wire.requests) == 1  # nothing changed, nothing sent
    page.history = 30
    assert page.ip_allowlist is not None
    page.ip_allowlist.append("203.0.113.0/24")
    page.save()
    assert (wire.last.method, wire.last.url.path) == ("PATCH", PAGE)
    assert wire.body() == {"history": 30, "ip_allowlist": ["203.0.113.0/24"]}
    assert page.history == 90  # the API's answer wins
    assert page.get_modified_properties() == []


def test_unknown_attribute_assignment_raises() -> None:
    api, wire = make_api({})
    page = StatusPage(id="123456", _api=api)
    with pytest.raises(AttributeError, match="did you mean 'subdomain'"):
        page.subdomian = "x"  # type: ignore[attr-defined]
    assert wire.requests == []


def test_delete_sends_delete() -> None:
    api, wire = make_api({("DELETE", PAGE): status(204)})
    StatusPage(id="123456", _api=api).delete()
    assert raw_calls(wire) == [("DELETE", PAGE)]


def test_missing_status_page_raises_not_found() -> None:
    api, _ = make_api({})
    with pytest.raises(NotFoundError) as caught:
        StatusPage.get(api, "404")
    assert caught.value.url == "https://uptime.betterstack.com/api/v2/status-pages/404"


def test_conflict_raises_conflict_error_and_keeps_the_edit() -> None:
    api, _ = make_api({("PATCH", PAGE): status(409, "Subdomain is already taken")})
    page = StatusPage(id="123456", _api=api)
    page.subdomain = "taken"
    with pytest.raises(ConflictError, match="Subdomain is already taken"):
        page.save()
    assert page.get_modified_properties() == ["subdomain"]


# Sections -----------------------------------------------------------------------------------


def test_sections_are_fetched_once_and_know_their_page() -> None:
    api, wire = make_api({("GET", f"{PAGE}/sections"): fixture("list_status_page_sections")})
    page = StatusPage(id="123456", _api=api)
    sections = page.sections
    assert page.sections is sections
    assert raw_calls(wire) == [("GET", f"{PAGE}/sections")]
    assert dict(wire.last.url.params) == {}
    assert [(section.id, section.name, section.position) for section in sections] == [
        ("5", "Core services", 0),
        ("6", "", 1),
    ]
    assert all(section._status_page_id == "123456" for section in sections)
    assert sections[1]._extras == {"beta_flag": True}
    refreshed = page.fetch_sections()
    assert refreshed is not sections
    assert [section.id for section in refreshed] == ["5", "6"]
    assert page.sections is refreshed
    assert len(wire.requests) == 2


def test_fetch_data_drops_the_cached_children() -> None:
    api, wire = make_api(
        {
            ("GET", PAGE): fixture("get_status_page"),
            ("GET", f"{PAGE}/sections"): fixture("list_status_page_sections"),
        }
    )
    page = StatusPage(id="123456", _api=api)
    assert len(page.sections) == 2
    page.fetch_data()
    assert page._sections is None
    assert len(page.sections) == 2
    assert raw_calls(wire) == [("GET", f"{PAGE}/sections"), ("GET", PAGE), ("GET", f"{PAGE}/sections")]


def test_section_save_delete_and_fetch_use_the_nested_path() -> None:
    section_path = f"{PAGE}/sections/5"
    renamed = fixture("get_status_page_section")
    renamed["data"]["attributes"]["name"] = "Core"
    api, wire = make_api(
        {
            ("GET", f"{PAGE}/sections"): fixture("list_status_page_sections"),
            ("GET", section_path): fixture("get_status_page_section"),
            ("PATCH", section_path): renamed,
            ("DELETE", section_path): status(204),
        }
    )
    section = StatusPage(id="123456", _api=api).sections[0]
    section.name = "Core"
    section.save()
    assert (wire.last.method, wire.last.url.path) == ("PATCH", section_path)
    assert wire.body() == {"name": "Core"}
    assert section.name == "Core"
    assert section.get_modified_properties() == []
    section.fetch_data()
    assert (wire.last.method, wire.last.url.path) == ("GET", section_path)
    assert section.name == "Core services"
    section.delete()
    assert (wire.last.method, wire.last.url.path) == ("DELETE", section_path)


def test_section_get_takes_the_page_id() -> None:
    api, wire = make_api({("GET", f"{PAGE}/sections/5"): fixture("get_status_page_section")})
    section = StatusPageSection.get(api, 5, status_page_id=123456)
    assert raw_calls(wire) == [("GET", f"{PAGE}/sections/5")]
    assert section._status_page_id == "123456"
    assert section.fixed_position is True


def test_add_section_posts_under_the_page_and_drops_the_cache() -> None:
    api, wire = make_api(
        {
            ("GET", f"{PAGE}/sections"): fixture("list_status_page_sections"),
            ("POST", f"{PAGE}/sections"): created(fixture("get_status_page_section")),
        }
    )
    page = StatusPage(id="123456", _api=api)
    assert len(page.sections) == 2
    section = page.add_section(name="Core services", position=0)
    assert (wire.last.method, wire.last.url.path) == ("POST", f"{PAGE}/sections")
    assert wire.body() == {"name": "Core services", "position": 0}
    assert section.id == "5"
    assert section._status_page_id == "123456"
    assert section.generate_url() == f"{PAGE}/sections/5"
    assert page._sections is None


def test_section_urls_quote_the_ids() -> None:
    api, _ = make_api({})
    section = StatusPageSection(id="5/x", _api=api, _status_page_id="a/b")
    assert section.generate_url() == "/api/v2/status-pages/a%2Fb/sections/5%2Fx"


def test_section_without_its_page_raises_before_any_request() -> None:
    api, wire = make_api({})
    section = StatusPageSection(id="5", _api=api, name="Core")
    with pytest.raises(ValidationError, match="does not know its status_page_id"):
        section.generate_url()
    section.name = "Other"
    with pytest.raises(ValidationError):
        section.save()
    with pytest.raises(ValidationError):
        section.delete()
    with pytest.raises(ValidationError):
        section.fetch_data()
    with pytest.raises(ValidationError):
        StatusPageSection.get(api, 5)
    assert wire.requests == []
    assert section.get_modified_properties() == ["name"]


@pytest.mark.parametrize("cls", [StatusPageSection, StatusPageResource, StatusReport, StatusUpdate])
def test_nested_objects_have_no_collection_of_their_own(cls: type[StatusPageSection]) -> None:
    api, wire = make_api({})
    with pytest.raises(ValueError, match="no collection URL"):
        cls.generate_global_url()
    with pytest.raises(ValidationError, match="belong to a parent; list them with"):
        cls.get_all_instances(api)
    with pytest.raises(ValidationError, match="list them with"):
        cls.filter(api, per_page=5)
    with pytest.raises(ValidationError, match="create them with"):
        cls.new(api, name="x")
    with pytest.raises(ValidationError):
        cls.get_or_create(api, name="x")
    assert wire.requests == []


# Resources ----------------------------------------------------------------------------------


def test_resources_follow_pages_and_know_their_page() -> None:
    page_two = fixture("list_status_page_resources")
    page_two["data"] = page_two["data"][:1]
    page_two["data"][0]["id"] = "45"
    page_two["pagination"].update(prev=page_two["pagination"]["first"], next=None)

    def resources(request: httpx.Request) -> httpx.Response:
        first = request.url.params.get("page") is None
        return httpx.Response(200, json=fixture("list_status_page_resources") if first else page_two)

    api, wire = make_api({("GET", f"{PAGE}/resources"): resources})
    page = StatusPage(id="123456", _api=api)
    found = page.fetch_resources()
    assert [resource.id for resource in found] == ["42", "43", "44", "45"]
    assert [request.url.params.get("page") for request in wire.requests] == [None, "2"]
    assert page.resources is found
    assert len(wire.requests) == 2
    heartbeat = found[1]
    assert (heartbeat.resource_id, heartbeat.status_page_section_id) == (31, 5)  # "31", "5" on the wire
    assert heartbeat.availability == 1.0
    assert found[0].status_history is not None and found[0].status_history[0]["downtime_duration"] == 420
    assert all(resource._status_page_id == "123456" for resource in found)


def test_resource_save_and_delete_use_the_nested_path() -> None:
    path = f"{PAGE}/resources/43"
    api, wire = make_api(
        {
            ("GET", path): fixture("get_status_page_resource"),
            ("PATCH", path): fixture("get_status_page_resource"),
            ("DELETE", path): status(204),
        }
    )
    resource = StatusPageResource.get(api, 43, status_page_id="123456")
    resource.public_name = "Backups"
    resource.widget_type = "history"
    resource.save()
    assert (wire.last.method, wire.last.url.path) == ("PATCH", path)
    assert wire.body() == {"public_name": "Backups", "widget_type": "history"}
    assert resource.public_name == "Nightly backups"
    resource.delete()
    assert raw_calls(wire)[-1] == ("DELETE", path)


def test_add_resource_posts_under_the_page() -> None:
    api, wire = make_api({("POST", f"{PAGE}/resources"): created(fixture("get_status_page_resource"))})
    page = StatusPage(id="123456", _api=api, _resources=[])  # type: ignore[call-arg]  # a private cache, taken at run time as the reference documents
    resource = page.add_resource(
        resource_type="Heartbeat",
        resource_id=31,
        public_name="Nightly backups",
        status_page_section_id=5,
        mark_as_down_for="incident_matching_metadata",
        mark_as_down_metadata_rule={"key": "Severity", "values": [{"type": "String", "value": "critical"}]},
    )
    assert (wire.last.method, wire.last.url.path) == ("POST", f"{PAGE}/resources")
    assert wire.body() == {
        "resource_type": "Heartbeat",
        "resource_id": 31,
        "public_name": "Nightly backups",
        "status_page_section_id": 5,
        "mark_as_down_for": "incident_matching_metadata",
        "mark_as_down_metadata_rule": {"key": "Severity", "values": [{"type": "String", "value": "critical"}]},
    }
    assert resource.id == "43"
    assert resource._status_page_id == "123456"
    assert page._resources is None


def test_resource_without_its_page_cannot_make_a_url() -> None:
    api, _ = make_api({})
    with pytest.raises(ValueError, match="status_page_id"):
        StatusPageResource(id="43", _api=api).generate_url()
    assert StatusPageResource(id="43", _api=api, _status_page_id=123456).generate_url() == f"{PAGE}/resources/43"


def test_missing_resource_raises_not_found() -> None:
    api, wire = make_api({})
    with pytest.raises(NotFoundError):
        StatusPageResource.get(api, 99, status_page_id=123456)
    assert raw_calls(wire) == [("GET", f"{PAGE}/resources/99")]


# Reports and updates ------------------------------------------------------------------------

REPORT = f"{PAGE}/status-reports/98765"


def test_reports_are_fetched_once_and_know_their_page() -> None:
    api, wire = make_api({("GET", f"{PAGE}/status-reports"): one_page("list_status_reports")})
    page = StatusPage(id="123456", _api=api)
    reports = page.reports
    assert page.reports is reports
    assert raw_calls(wire) == [("GET", f"{PAGE}/status-reports")]
    assert [(report.id, report.report_type) for report in reports] == [
        ("98765", "manual"),
        ("98700", "maintenance"),
        ("98650", "automatic"),
    ]
    assert reports[1].status_page_id == 123456  # "123456" on the wire
    assert all(report._status_page_id == "123456" for report in reports)
    assert reports[0].generate_url() == REPORT
    assert page.fetch_reports() is not reports
    assert len(wire.requests) == 2


def test_report_get_fills_updates_from_included() -> None:
    api, wire = make_api({("GET", REPORT): fixture("get_status_report")})
    report = StatusReport.get(api, 98765, status_page_id=123456)
    assert report.title == "Elevated API error rates"
    updates = report.updates
    assert raw_calls(wire) == [("GET", REPORT)]
    assert [update.id for update in updates] == ["55501", "55502"]
    assert updates[1].status_report_id == 98765  # "98765" on the wire
    assert updates[1]._extras == {"beta_flag": True}
    assert all((update._status_page_id, update._status_report_id) == ("123456", "98765") for update in updates)
    assert updates[0].generate_url() == f"{REPORT}/status-updates/55501"


def test_report_with_incomplete_included_lists_its_updates() -> None:
    answer = fixture("get_status_report")
    answer["included"] = answer["included"][:1]
    api, wire = make_api({("GET", REPORT): answer, ("GET", f"{REPORT}/status-updates"): fixture("list_status_updates")})
    report = StatusReport.get(api, 98765, status_page_id=123456)
    assert [update.id for update in report.updates] == ["55501", "55502"]
    assert raw_calls(wire) == [("GET", REPORT), ("GET", f"{REPORT}/status-updates")]
    assert report.updates is report.updates
    assert len(wire.requests) == 2


def test_report_ignores_included_items_of_another_type() -> None:
    answer = fixture("get_status_report")
    answer["included"][1]["type"] = "status_page_resource"  # the same id, but not an update
    api, wire = make_api({("GET", REPORT): answer, ("GET", f"{REPORT}/status-updates"): fixture("list_status_updates")})
    report = StatusReport.get(api, 98765, status_page_id=123456)
    assert report._updates is None
    assert [update.id for update in report.updates] == ["55501", "55502"]
    assert raw_calls(wire) == [("GET", REPORT), ("GET", f"{REPORT}/status-updates")]


def test_add_report_posts_under_the_page() -> None:
    api, wire = make_api({("POST", f"{PAGE}/status-reports"): created(fixture("get_status_report"))})
    page = StatusPage(id="123456", _api=api, _reports=[])  # type: ignore[call-arg]  # a private cache, taken at run time as the reference documents
    report = page.add_report(
        title="Elevated API error rates",
        message="We are investigating increased error rates on the public API.",
        affected_resources=[
            {"status_page_resource_id": "42", "status": "degraded"},
            {"status_page_resource_id": 43, "status": "downtime"},
        ],
        report_type="manual",
        starts_at="2026-11-20T09:41:00Z",
    )
    assert (wire.last.method, wire.last.url.path) == ("POST", f"{PAGE}/status-reports")
    assert wire.body() == {
        "title": "Elevated API error rates",
        "message": "We are investigating increased error rates on the public API.",
        "affected_resources": [
            {"status_page_resource_id": "42", "status": "degraded"},
            {"status_page_resource_id": 43, "status": "downtime"},
        ],
        "report_type": "manual",
        "starts_at": "2026-11-20T09:41:00Z",
    }
    assert report.id == "98765"
    assert report._status_page_id == "123456"
    assert page._reports is None


def test_report_save_sends_dates_as_iso_text() -> None:
    api, wire = make_api({("PATCH", REPORT): fixture("get_status_report")})
    report = StatusReport(id="98765", _api=api, _status_page_id="123456")
    report.ends_at = datetime.datetime(2026, 11, 20, 11, 0, tzinfo=datetime.UTC)  # type: ignore[assignment]
    report.save()
    assert (wire.last.method, wire.last.url.path) == ("PATCH", REPORT)
    assert wire.body() == {"ends_at": "2026-11-20T11:00:00+00:00"}
    assert report.ends_at is None  # the API's answer
    assert report.get_modified_properties() == []


def test_report_delete_and_missing_page() -> None:
    api, wire = make_api({("DELETE", REPORT): status(204)})
    StatusReport(id="98765", _api=api, _status_page_id=123456).delete()
    assert raw_calls(wire) == [("DELETE", REPORT)]
    orphan = StatusReport(id="98765", _api=api)
    with pytest.raises(ValidationError, match="status_page_id"):
        orphan.fetch_updates()
    with pytest.raises(ValidationError, match="status_page_id"):
        orphan.add_update(message="x", affected_resources=[])
    assert len(wire.requests) == 1


def test_add_update_posts_under_the_report_and_drops_the_cache() -> None:
    api, wire = make_api({("POST", f"{REPORT}/status-updates"): created(fixture("get_status_update"))})
    report = StatusReport(id="98765", _api=api, _status_page_id="123456", _updates=[])  # type: ignore[call-arg]  # a private cache, taken at run time as the reference documents
    update = report.add_update(
        message="A fix has been deployed; we are monitoring the results.",
        affected_resources=[{"status_page_resource_id": 42, "status": "degraded"}],
        notify_subscribers=False,
    )
    assert (wire.last.method, wire.last.url.path) == ("POST", f"{REPORT}/status-updates")
    assert wire.body() == {
        "message": "A fix has been deployed; we are monitoring the results.",
        "affected_resources": [{"status_page_resource_id": 42, "status": "degraded"}],
        "notify_subscribers": False,
    }
    assert update.id == "55502"
    assert (update._status_page_id, update._status_report_id) == ("123456", "98765")
    assert report._updates is None


def test_update_save_fetch_and_delete_use_both_parent_ids() -> None:
    path = f"{REPORT}/status-updates/55502"
    api, wire = make_api(
        {
            ("GET", path): fixture("get_status_update"),
            ("PATCH", path): fixture("get_status_update"),
            ("DELETE", path): status(204),
        }
    )
    update = StatusUpdate.get(api, 55502, status_page_id=123456, status_report_id=98765)
    assert update.notify_subscribers is False
    update.message = "Fixed."
    update.save()
    assert (wire.last.method, wire.last.url.path) == ("PATCH", path)
    assert wire.body() == {"message": "Fixed."}
    update.delete()
    assert raw_calls(wire) == [("GET", path), ("PATCH", path), ("DELETE", path)]


def test_update_without_its_report_raises_before_any_request() -> None:
    api, wire = make_api({})
    update = StatusUpdate(id="55502", _api=api, _status_page_id="123456")
    with pytest.raises(ValidationError, match="does not know its status_report_id"):
        update.generate_url()
    with pytest.raises(ValidationError):
        update.delete()
    assert wire.requests == []


# Groups -------------------------------------------------------------------------------------


def test_group_crud_on_the_wire() -> None:
    groups = "/api/v2/status-page-groups"
    api, wire = make_api(
        {
            ("GET", groups): fixture("list_status_page_groups"),
            ("GET", f"{groups}/7"): fixture("get_status_page_group"),
            ("POST", groups): created(fixture("get_status_page_group")),
            ("PATCH", f"{groups}/7"): fixture("get_status_page_group"),
            ("DELETE", f"{groups}/7"): status(204),
        }
    )
    assert [group.name for group in StatusPageGroup.get_all_instances(api)] == [
        "Customer-facing pages",
        "Internal pages",
    ]
    assert len(list(StatusPageGroup.filter(api, per_page=10))) == 2
    assert dict(wire.last.url.params) == {"per_page": "10"}
    group = StatusPageGroup.new(api, name="Customer-facing pages", sort_index=0, team_name="Production")
    assert wire.body() == {"name": "Customer-facing pages", "sort_index": 0, "team_name": "Production"}
    assert group.id == "7"
    group.sort_index = 3
    group.save()
    assert (wire.last.method, wire.last.url.path) == ("PATCH", f"{groups}/7")
    assert wire.body() == {"sort_index": 3}
    StatusPageGroup.get(api, 7).delete()
    assert raw_calls(wire)[-2:] == [("GET", f"{groups}/7"), ("DELETE", f"{groups}/7")]
    assert StatusPageGroup.generate_global_url() == groups


def test_group_get_or_create_compares_exactly() -> None:
    groups = "/api/v2/status-page-groups"
    api, wire = make_api(
        {
            ("GET", groups): fixture("list_status_page_groups"),
            ("POST", groups): created(fixture("get_status_page_group")),
        }
    )
    created_now, group = StatusPageGroup.get_or_create(api, name="Internal pages")
    assert (created_now, group.id) == (False, "8")
    assert raw_calls(wire) == [("GET", groups)]
    created_now, group = StatusPageGroup.get_or_create(api, name="Customer")
    assert created_now is True
    assert raw_calls(wire)[-1] == ("POST", groups)
    assert wire.body() == {"name": "Customer"}


def test_group_filter_rejects_unknown_parameters() -> None:
    api, wire = make_api({})
    with pytest.raises(ValidationError, match="cannot be filtered by 'name'"):
        StatusPageGroup.filter(api, name="x")  # type: ignore[call-arg]
    assert wire.requests == []
