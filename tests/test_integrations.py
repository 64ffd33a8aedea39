"""Integrations (webhooks, e-mail, alerting tools, PagerDuty, Splunk On-Call, Jira, Slack), on the wire."""

from __future__ import annotations

import copy
import json
from typing import Any

import httpx
import pytest

from betterstack.uptime import NotFoundError, UnprocessableEntityError, ValidationError
from betterstack.uptime.objects.integrations import (
    AwsCloudwatchIntegration,
    AzureIntegration,
    DatadogIntegration,
    ElasticIntegration,
    EmailIntegration,
    GoogleMonitoringIntegration,
    GrafanaIntegration,
    IncomingWebhook,
    JiraIntegration,
    NewRelicIntegration,
    OutgoingWebhook,
    PagerdutyIntegration,
    PrometheusIntegration,
    SlackIntegration,
    SplunkOnCallIntegration,
)

from wire import fixture, make_api, one_page, reply

ALERT = {"name": "Production alerts", "policy_id": 42, "team_wait": 180, "paused": False, "team_name": "Production"}
RULES = {
    "started_rule_type": "any",
    "acknowledged_rule_type": "unused",
    "resolved_rule_type": "any",
    "started_rules": [{"rule_target": "json", "target_field": "status", "match_type": "equals", "content": "firing"}],
}

# (class, collection path, fixture stem, fields for new, a field and value to save)
CRUD: list[tuple[type[Any], str, str, dict[str, Any], tuple[str, Any]]] = [
    (AwsCloudwatchIntegration, "aws-cloudwatch-integrations", "aws_cloudwatch_integration", ALERT, ("sms", True)),
    (AzureIntegration, "azure-integrations", "azure_integration", ALERT, ("recovery_period", 60)),
    (
        GoogleMonitoringIntegration,
        "google-monitoring-integrations",
        "google_monitoring_integration",
        ALERT,
        ("name", "GCP"),
    ),
    (GrafanaIntegration, "grafana-integrations", "grafana_integration", ALERT, ("policy_id", None)),
    (PrometheusIntegration, "prometheus-integrations", "prometheus_integration", ALERT, ("call", True)),
    (ElasticIntegration, "elastic-integrations", "elastic_integration", ALERT, ("team_wait", None)),
    (
        DatadogIntegration,
        "datadog-integrations",
        "datadog_integration",
        {**ALERT, "alerting_rule": "alert_and_warn"},
        ("alerting_rule", "alert_and_warn"),
    ),
    (
        NewRelicIntegration,
        "new-relic-integrations",
        "new_relic_integration",
        {**ALERT, "alerting_rule": "alert"},
        ("alerting_rule", "alert_and_warn"),
    ),
    (
        IncomingWebhook,
        "incoming-webhooks",
        "incoming_webhook",
        {"name": "Relay", **RULES},
        ("resolved_rule_type", "all"),
    ),
    (
        EmailIntegration,
        "email-integrations",
        "email_integration",
        {**RULES, "started_rules": [{"rule_target": "subject", "match_type": "contains", "content": "PROBLEM"}]},
        ("name", "NMS"),
    ),
    (
        OutgoingWebhook,
        "outgoing-webhooks",
        "outgoing_webhook",
        {
            "url": "https://hooks.example.com/relay",
            "trigger_type": "incident_change",
            "on_incident_started": True,
            "custom_webhook_template_attributes": {
                "http_method": "post",
                "headers_template": [{"name": "Content-Type", "value": "application/json"}],
                "body_template": '{"id": "$INCIDENT_ID"}',
            },
        },
        ("on_incident_comment", True),
    ),
    (
        PagerdutyIntegration,
        "pager-duty-webhooks",
        "pagerduty_integration",
        {"name": "PagerDuty", "key": "0123abcd", "severity": "critical"},
        ("severity", "warning"),
    ),
    (
        SplunkOnCallIntegration,
        "splunk-on-calls",
        "splunk_on_call_integration",
        {"url": "https://alert.victorops.com/integrations/generic/1/alert/k/prod", "team_name": "Production"},
        ("notify_alongside_primary_responder", True),
    ),
]
CRUD_IDS = [row[0].__name__ for row in CRUD]
PAUSABLE = [row for row in CRUD if row[0] not in (OutgoingWebhook, PagerdutyIntegration, SplunkOnCallIntegration)]


def item_id(stem: str) -> str:
    return str(fixture(f"get_{stem}")["data"]["id"])


@pytest.mark.parametrize(("cls", "path", "stem", "create", "change"), CRUD, ids=CRUD_IDS)
def test_get_loads_the_object(cls: type[Any], path: str, stem: str, create: Any, change: Any) -> None:
    ident = item_id(stem)
    api, wire = make_api({("GET", f"/api/v2/{path}/{ident}"): fixture(f"get_{stem}")})
    obj = cls.get(api, ident)
    assert (wire.last.method, wire.last.url.host, wire.last.url.path) == (
        "GET",
        "uptime.betterstack.com",
        f"/api/v2/{path}/{ident}",
    )
    assert obj.id == ident
    expected = fixture(f"get_{stem}")["data"]["attributes"]
    assert obj.name == expected["name"]
    assert obj.get_modified_properties() == []
    assert obj.generate_url() == f"/api/v2/{path}/{ident}"
    assert cls.generate_global_url() == f"/api/v2/{path}"


@pytest.mark.parametrize(("cls", "path", "stem", "create", "change"), CRUD, ids=CRUD_IDS)
def test_filter_sends_the_query(cls: type[Any], path: str, stem: str, create: Any, change: Any) -> None:
    listing = one_page(f"list_{stem}s")
    api, wire = make_api({("GET", f"/api/v2/{path}"): listing})
    found = list(cls.filter(api, team_name="Production", per_page=10))
    assert dict(wire.last.url.params) == {"team_name": "Production", "per_page": "10"}
    assert [obj.id for obj in found] == [str(item["id"]) for item in listing["data"]]
    assert all(type(obj) is cls for obj in found)


@pytest.mark.parametrize(("cls", "path", "stem", "create", "change"), CRUD, ids=CRUD_IDS)
def test_new_posts_exactly_the_fields(cls: type[Any], path: str, stem: str, create: Any, change: Any) -> None:
    api, wire = make_api({("POST", f"/api/v2/{path}"): reply(201, fixture(f"get_{stem}"))})
    obj = cls.new(api, **copy.deepcopy(create))
    assert (wire.last.method, wire.last.url.path) == ("POST", f"/api/v2/{path}")
    assert wire.body() == create
    assert obj.id == item_id(stem)
    assert obj.get_modified_properties() == []


@pytest.mark.parametrize(("cls", "path", "stem", "create", "change"), CRUD, ids=CRUD_IDS)
def test_save_patches_only_the_changed_field(
    cls: type[Any], path: str, stem: str, create: Any, change: tuple[str, Any]
) -> None:
    ident = item_id(stem)
    answered = fixture(f"get_{stem}")
    answered["data"]["attributes"][change[0]] = change[1]
    api, wire = make_api(
        {("GET", f"/api/v2/{path}/{ident}"): fixture(f"get_{stem}"), ("PATCH", f"/api/v2/{path}/{ident}"): answered}
    )
    obj = cls.get(api, ident)
    obj.save()
    assert len(wire.requests) == 1  # nothing changed: no PATCH
    setattr(obj, *change)
    obj.save()
    assert (wire.last.method, wire.last.url.path) == ("PATCH", f"/api/v2/{path}/{ident}")
    assert wire.body() == {change[0]: change[1]}
    assert getattr(obj, change[0]) == change[1]
    assert obj.get_modified_properties() == []


@pytest.mark.parametrize(("cls", "path", "stem", "create", "change"), CRUD, ids=CRUD_IDS)
def test_delete_sends_delete(cls: type[Any], path: str, stem: str, create: Any, change: Any) -> None:
    api, wire = make_api({("DELETE", f"/api/v2/{path}/7"): reply(204)})
    cls(id="7", _api=api).delete()
    assert (wire.last.method, wire.last.url.path, wire.last.content) == ("DELETE", f"/api/v2/{path}/7", b"")


@pytest.mark.parametrize(("cls", "path", "stem", "create", "change"), PAUSABLE, ids=[r[0].__name__ for r in PAUSABLE])
def test_pause_and_resume_patch_the_switch_and_keep_pending_edits(
    cls: type[Any], path: str, stem: str, create: Any, change: Any
) -> None:
    paused = fixture(f"get_{stem}")
    paused["data"]["attributes"]["paused"] = True
    resumed = fixture(f"get_{stem}")
    ident = item_id(stem)
    api, wire = make_api(
        {
            ("PATCH", f"/api/v2/{path}/{ident}"): lambda r: httpx.Response(
                200, json=paused if json.loads(r.content)["paused"] else resumed
            )
        }
    )
    obj = cls(id=ident, _api=api)
    obj.name = "Renamed, not saved yet"
    obj.pause()
    assert wire.body() == {"paused": True}
    assert obj.paused is True
    assert obj.name == "Renamed, not saved yet"
    assert obj.get_modified_properties() == ["name"]
    obj.resume()
    assert (wire.last.method, wire.last.url.path) == ("PATCH", f"/api/v2/{path}/{ident}")
    assert wire.body() == {"paused": False}
    assert obj.paused is False


def test_foreign_keys_are_normalised_and_extras_kept() -> None:
    listing = one_page("list_incoming_webhooks")
    listing["data"][0]["attributes"]["beta_flag"] = True
    api, _ = make_api({("GET", "/api/v2/incoming-webhooks"): listing})
    webhook = next(IncomingWebhook.get_all_instances(api))
    assert webhook.policy_id == 42  # "42" on the wire
    assert webhook.beta_flag is True  # type: ignore[attr-defined]
    assert webhook.started_rules == [
        {"rule_target": "json", "target_field": "status", "match_type": "equals", "content": "firing"}
    ]


def test_outgoing_webhooks_follow_pages() -> None:
    page_two = one_page("list_outgoing_webhooks")
    page_two["data"] = page_two["data"][:1]

    def pages(request: httpx.Request) -> httpx.Response:
        page = page_two if request.url.params.get("page") == "2" else fixture("list_outgoing_webhooks")
        return httpx.Response(200, json=page)

    api, wire = make_api({("GET", "/api/v2/outgoing-webhooks"): pages})
    assert [w.id for w in OutgoingWebhook.get_all_instances(api)] == ["16", "17", "19", "16"]
    assert [r.url.params.get("page") for r in wire.requests] == [None, "2"]


def test_secrets_stay_out_of_repr() -> None:
    api, _ = make_api(
        {
            ("GET", "/api/v2/pager-duty-webhooks/109"): fixture("get_pagerduty_integration"),
            ("GET", "/api/v2/outgoing-webhooks/17"): fixture("get_outgoing_webhook"),
        }
    )
    pagerduty = PagerdutyIntegration.get(api, 109)
    assert pagerduty.key == "0123456789abcdef0123456789abcdef"
    assert "key=<hidden>" in repr(pagerduty)
    assert "0123456789abcdef" not in repr(pagerduty)
    webhook = OutgoingWebhook.get(api, 17)
    assert "custom_webhook_template_attributes=<hidden>" in repr(webhook)
    assert "relay" not in repr(webhook).replace("Incident relay", "")


def test_jira_is_get_and_update_only() -> None:
    api, wire = make_api(
        {
            ("GET", "/api/v2/jira-integrations/115"): fixture("get_jira_integration"),
            ("PATCH", "/api/v2/jira-integrations/115"): fixture("get_jira_integration"),
        }
    )
    jira = JiraIntegration.get(api, "115")
    assert jira.jira_project_key == "OPS"
    assert jira.jira_fields is not None
    jira.jira_fields["labels"].append("sev1")
    jira.automatic_issue_creation = False
    jira.save()
    assert (wire.last.method, wire.last.url.path) == ("PATCH", "/api/v2/jira-integrations/115")
    assert wire.body() == {
        "automatic_issue_creation": False,
        "jira_fields": {"labels": ["uptime", "incident", "sev1"], "priority": {"name": "High"}},
    }
    sent = len(wire.requests)
    with pytest.raises(ValidationError, match="no list operation"):
        JiraIntegration.filter(api)
    with pytest.raises(ValidationError, match="no create operation"):
        JiraIntegration.new(api, name="Jira")
    with pytest.raises(ValidationError, match="no delete operation"):
        jira.delete()
    with pytest.raises(ValueError):
        JiraIntegration.generate_global_url()
    assert len(wire.requests) == sent


def test_slack_is_list_only() -> None:
    api, wire = make_api({("GET", "/api/v2/slack-integrations"): one_page("list_slack_integrations")})
    found = list(SlackIntegration.filter(api, team_name="Production"))
    assert (wire.last.url.path, dict(wire.last.url.params)) == (
        "/api/v2/slack-integrations",
        {"team_name": "Production"},
    )
    assert [(s.id, s.slack_channel_name, s.slack_status) for s in found[:2]] == [
        ("120", "incidents", "active"),
        ("121", "ops-alerts", "account_inactive"),
    ]
    assert len(found) == len(fixture("list_slack_integrations")["data"])
    with pytest.raises(ValidationError, match="no get operation"):
        SlackIntegration.get(api, "120")
    with pytest.raises(ValidationError, match="no create operation"):
        SlackIntegration.new(api)
    with pytest.raises(ValidationError, match="no update operation"):
        found[0].on_call_notifications = False
        found[0].save()
    assert len(wire.requests) == 1


def test_filter_rejects_an_unknown_parameter_before_any_request() -> None:
    api, wire = make_api({})
    with pytest.raises(ValidationError, match="cannot be filtered by 'paused'"):
        GrafanaIntegration.filter(api, paused=True)  # type: ignore[call-arg]
    assert wire.requests == []


def test_unknown_attribute_is_refused() -> None:
    api, _ = make_api({})
    integration = PrometheusIntegration(id="5", _api=api)
    with pytest.raises(AttributeError, match="did you mean 'paused'"):
        integration.pasued = True  # type: ignore[attr-defined]
    assert integration.get_modified_properties() == []


def test_missing_integration_raises_not_found() -> None:
    api, wire = make_api({})
    with pytest.raises(NotFoundError) as caught:
        AzureIntegration.get(api, "404")
    assert caught.value.status_code == 404
    assert (wire.last.method, wire.last.url.path) == ("GET", "/api/v2/azure-integrations/404")


def test_rejected_create_raises_with_the_api_errors() -> None:
    errors = {"errors": {"started_rule_type": ["is not included in the list"]}}
    api, _ = make_api({("POST", "/api/v2/incoming-webhooks"): reply(422, errors)})
    with pytest.raises(UnprocessableEntityError) as caught:
        IncomingWebhook.new(api, started_rule_type="any", acknowledged_rule_type="unused", resolved_rule_type="any")
    assert caught.value.response_body == errors["errors"]


def test_failed_save_keeps_the_edit_pending() -> None:
    api, wire = make_api({("PATCH", "/api/v2/splunk-on-calls/110"): reply(422, {"errors": {"url": ["is invalid"]}})})
    splunk = SplunkOnCallIntegration(id="110", _api=api)
    splunk.url = "not a url"
    with pytest.raises(UnprocessableEntityError):
        splunk.save()
    assert splunk.get_modified_properties() == ["url"]
    assert wire.body() == {"url": "not a url"}
