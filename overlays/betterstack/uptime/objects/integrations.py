"""Integrations: outgoing and incoming webhooks, e-mail, alerting tools, paging tools, Jira, Slack.

The alerting-tool integrations (AWS CloudWatch, Azure, Google Monitoring, Grafana, Prometheus,
Elastic; Datadog and New Relic with an `alerting_rule`) share their attributes; each class still
stands on its own endpoints.
"""

from __future__ import annotations

from betterstack_sdk import operations as ops
from betterstack_sdk.fields import (
    AlertIntegrationFields,
    AlertIntegrationWithRuleFields,
    EmailIntegrationFields,
    IncomingWebhookFields,
    JiraIntegrationFields,
    OutgoingWebhookFields,
    PagerdutyIntegrationFields,
    SlackIntegrationFields,
    SplunkOnCallIntegrationFields,
)
from betterstack_sdk.signatures import (
    CreateAwsCloudwatchIntegration,
    CreateAzureIntegration,
    CreateDatadogIntegration,
    CreateElasticIntegration,
    CreateEmailIntegration,
    CreateGoogleMonitoringIntegration,
    CreateGrafanaIntegration,
    CreateIncomingWebhook,
    CreateNewRelicIntegration,
    CreateOutgoingWebhook,
    CreatePagerdutyIntegration,
    CreatePrometheusIntegration,
    CreateSplunkOnCallIntegration,
    ListAwsCloudwatchIntegrations,
    ListAzureIntegrations,
    ListDatadogIntegrations,
    ListElasticIntegrations,
    ListEmailIntegrations,
    ListGoogleMonitoringIntegrations,
    ListGrafanaIntegrations,
    ListIncomingWebhooks,
    ListNewRelicIntegrations,
    ListOutgoingWebhooks,
    ListPagerdutyIntegrations,
    ListPrometheusIntegrations,
    ListSlackIntegrations,
    ListSplunkOnCallIntegrations,
)

from .._base import BaseAPIObject, Operations
from .._client import PaginatedAPI
from ._pausing import _Pausable


class OutgoingWebhook(
    OutgoingWebhookFields[PaginatedAPI],
    ListOutgoingWebhooks[PaginatedAPI],
    CreateOutgoingWebhook[PaginatedAPI],
    BaseAPIObject,
    operations=Operations(
        list=ops.list_outgoing_webhooks,
        get=ops.get_outgoing_webhook,
        create=ops.create_outgoing_webhook,
        update=ops.update_outgoing_webhook,
        delete=ops.delete_outgoing_webhook,
    ),
):
    """A webhook Better Stack sends on incident, on-call or monitor changes."""


class IncomingWebhook(
    IncomingWebhookFields[PaginatedAPI],
    ListIncomingWebhooks[PaginatedAPI],
    CreateIncomingWebhook[PaginatedAPI],
    _Pausable,
    operations=Operations(
        list=ops.list_incoming_webhooks,
        get=ops.get_incoming_webhook,
        create=ops.create_incoming_webhook,
        update=ops.update_incoming_webhook,
        delete=ops.delete_incoming_webhook,
    ),
):
    """An endpoint that turns the requests it receives into incidents, by rules."""


class EmailIntegration(
    EmailIntegrationFields[PaginatedAPI],
    ListEmailIntegrations[PaginatedAPI],
    CreateEmailIntegration[PaginatedAPI],
    _Pausable,
    operations=Operations(
        list=ops.list_email_integrations,
        get=ops.get_email_integration,
        create=ops.create_email_integration,
        update=ops.update_email_integration,
        delete=ops.delete_email_integration,
    ),
):
    """A generated e-mail address that turns the e-mails it receives into incidents, by rules."""


class _AlertIntegration(AlertIntegrationFields[PaginatedAPI], _Pausable):
    """An alerting tool posting to `webhook_url`; subclasses name their operations."""


class _AlertIntegrationWithRule(AlertIntegrationWithRuleFields[PaginatedAPI], _Pausable):
    """An alerting tool with an `alerting_rule`; subclasses name their operations."""


class AwsCloudwatchIntegration(
    ListAwsCloudwatchIntegrations[PaginatedAPI],
    CreateAwsCloudwatchIntegration[PaginatedAPI],
    _AlertIntegration,
    operations=Operations(
        list=ops.list_aws_cloudwatch_integrations,
        get=ops.get_aws_cloudwatch_integration,
        create=ops.create_aws_cloudwatch_integration,
        update=ops.update_aws_cloudwatch_integration,
        delete=ops.delete_aws_cloudwatch_integration,
    ),
):
    """An AWS CloudWatch integration."""


class AzureIntegration(
    ListAzureIntegrations[PaginatedAPI],
    CreateAzureIntegration[PaginatedAPI],
    _AlertIntegration,
    operations=Operations(
        list=ops.list_azure_integrations,
        get=ops.get_azure_integration,
        create=ops.create_azure_integration,
        update=ops.update_azure_integration,
        delete=ops.delete_azure_integration,
    ),
):
    """An Azure Monitor integration."""


class GoogleMonitoringIntegration(
    ListGoogleMonitoringIntegrations[PaginatedAPI],
    CreateGoogleMonitoringIntegration[PaginatedAPI],
    _AlertIntegration,
    operations=Operations(
        list=ops.list_google_monitoring_integrations,
        get=ops.get_google_monitoring_integration,
        create=ops.create_google_monitoring_integration,
        update=ops.update_google_monitoring_integration,
        delete=ops.delete_google_monitoring_integration,
    ),
):
    """A Google Cloud Monitoring integration."""


class GrafanaIntegration(
    ListGrafanaIntegrations[PaginatedAPI],
    CreateGrafanaIntegration[PaginatedAPI],
    _AlertIntegration,
    operations=Operations(
        list=ops.list_grafana_integrations,
        get=ops.get_grafana_integration,
        create=ops.create_grafana_integration,
        update=ops.update_grafana_integration,
        delete=ops.delete_grafana_integration,
    ),
):
    """A Grafana integration."""


class PrometheusIntegration(
    ListPrometheusIntegrations[PaginatedAPI],
    CreatePrometheusIntegration[PaginatedAPI],
    _AlertIntegration,
    operations=Operations(
        list=ops.list_prometheus_integrations,
        get=ops.get_prometheus_integration,
        create=ops.create_prometheus_integration,
        update=ops.update_prometheus_integration,
        delete=ops.delete_prometheus_integration,
    ),
):
    """A Prometheus (Alertmanager) integration."""


class ElasticIntegration(
    ListElasticIntegrations[PaginatedAPI],
    CreateElasticIntegration[PaginatedAPI],
    _AlertIntegration,
    operations=Operations(
        list=ops.list_elastic_integrations,
        get=ops.get_elastic_integration,
        create=ops.create_elastic_integration,
        update=ops.update_elastic_integration,
        delete=ops.delete_elastic_integration,
    ),
):
    """An Elastic integration."""


class DatadogIntegration(
    ListDatadogIntegrations[PaginatedAPI],
    CreateDatadogIntegration[PaginatedAPI],
    _AlertIntegrationWithRule,
    operations=Operations(
        list=ops.list_datadog_integrations,
        get=ops.get_datadog_integration,
        create=ops.create_datadog_integration,
        update=ops.update_datadog_integration,
        delete=ops.delete_datadog_integration,
    ),
):
    """A Datadog integration."""


class NewRelicIntegration(
    ListNewRelicIntegrations[PaginatedAPI],
    CreateNewRelicIntegration[PaginatedAPI],
    _AlertIntegrationWithRule,
    operations=Operations(
        list=ops.list_new_relic_integrations,
        get=ops.get_new_relic_integration,
        create=ops.create_new_relic_integration,
        update=ops.update_new_relic_integration,
        delete=ops.delete_new_relic_integration,
    ),
):
    """A New Relic integration."""


class PagerdutyIntegration(
    PagerdutyIntegrationFields[PaginatedAPI],
    ListPagerdutyIntegrations[PaginatedAPI],
    CreatePagerdutyIntegration[PaginatedAPI],
    BaseAPIObject,
    operations=Operations(
        list=ops.list_pagerduty_integrations,
        get=ops.get_pagerduty_integration,
        create=ops.create_pagerduty_integration,
        update=ops.update_pagerduty_integration,
        delete=ops.delete_pagerduty_integration,
    ),
):
    """A PagerDuty service that incidents are forwarded to; `key` is a secret, hidden in repr."""


class SplunkOnCallIntegration(
    SplunkOnCallIntegrationFields[PaginatedAPI],
    ListSplunkOnCallIntegrations[PaginatedAPI],
    CreateSplunkOnCallIntegration[PaginatedAPI],
    BaseAPIObject,
    operations=Operations(
        list=ops.list_splunk_on_call_integrations,
        get=ops.get_splunk_on_call_integration,
        create=ops.create_splunk_on_call_integration,
        update=ops.update_splunk_on_call_integration,
        delete=ops.delete_splunk_on_call_integration,
    ),
):
    """A Splunk On-Call (VictorOps) endpoint that incidents are forwarded to."""


class JiraIntegration(
    JiraIntegrationFields[PaginatedAPI],
    BaseAPIObject,
    operations=Operations(get=ops.get_jira_integration, update=ops.update_jira_integration),
):
    """A Jira integration: load with `get()`, edit and `save()`.

    It is connected and removed in the web UI; the API has no list, create or delete, so
    `filter()`, `new()` and `delete()` raise `ValidationError` without a request.
    """


class SlackIntegration(
    SlackIntegrationFields[PaginatedAPI],
    ListSlackIntegrations[PaginatedAPI],
    BaseAPIObject,
    operations=Operations(list=ops.list_slack_integrations),
):
    """A Slack channel connected in the web UI; the API only lists them (`get_all_instances`, `filter`)."""
