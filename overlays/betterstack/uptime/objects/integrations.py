"""Integrations: outgoing and incoming webhooks, e-mail, alerting tools, paging tools, Jira, Slack.

The alerting-tool integrations (AWS CloudWatch, Azure, Google Monitoring, Grafana, Prometheus,
Elastic; Datadog and New Relic with an `alerting_rule`) share their attributes; each class still
stands on its own endpoints.
"""

from __future__ import annotations

from betterstack_sdk.api.aws_cloudwatch_integrations import (
    create_aws_cloudwatch_integration,
    delete_aws_cloudwatch_integration,
    get_aws_cloudwatch_integration,
    list_aws_cloudwatch_integrations,
    update_aws_cloudwatch_integration,
)
from betterstack_sdk.api.azure_integrations import (
    create_azure_integration,
    delete_azure_integration,
    get_azure_integration,
    list_azure_integrations,
    update_azure_integration,
)
from betterstack_sdk.api.datadog_integrations import (
    create_datadog_integration,
    delete_datadog_integration,
    get_datadog_integration,
    list_datadog_integrations,
    update_datadog_integration,
)
from betterstack_sdk.api.elastic_integrations import (
    create_elastic_integration,
    delete_elastic_integration,
    get_elastic_integration,
    list_elastic_integrations,
    update_elastic_integration,
)
from betterstack_sdk.api.email_integrations import (
    create_email_integration,
    delete_email_integration,
    get_email_integration,
    list_email_integrations,
    update_email_integration,
)
from betterstack_sdk.api.google_monitoring_integrations import (
    create_google_monitoring_integration,
    delete_google_monitoring_integration,
    get_google_monitoring_integration,
    list_google_monitoring_integrations,
    update_google_monitoring_integration,
)
from betterstack_sdk.api.grafana_integrations import (
    create_grafana_integration,
    delete_grafana_integration,
    get_grafana_integration,
    list_grafana_integrations,
    update_grafana_integration,
)
from betterstack_sdk.api.incoming_webhooks import (
    create_incoming_webhook,
    delete_incoming_webhook,
    get_incoming_webhook,
    list_incoming_webhooks,
    update_incoming_webhook,
)
from betterstack_sdk.api.jira_integrations import get_jira_integration, update_jira_integration
from betterstack_sdk.api.new_relic_integrations import (
    create_new_relic_integration,
    delete_new_relic_integration,
    get_new_relic_integration,
    list_new_relic_integrations,
    update_new_relic_integration,
)
from betterstack_sdk.api.outgoing_webhooks import (
    create_outgoing_webhook,
    delete_outgoing_webhook,
    get_outgoing_webhook,
    list_outgoing_webhooks,
    update_outgoing_webhook,
)
from betterstack_sdk.api.pagerduty_integrations import (
    create_pagerduty_integration,
    delete_pagerduty_integration,
    get_pagerduty_integration,
    list_pagerduty_integrations,
    update_pagerduty_integration,
)
from betterstack_sdk.api.prometheus_integrations import (
    create_prometheus_integration,
    delete_prometheus_integration,
    get_prometheus_integration,
    list_prometheus_integrations,
    update_prometheus_integration,
)
from betterstack_sdk.api.slack_integrations import list_slack_integrations
from betterstack_sdk.api.splunk_on_call_integrations import (
    create_splunk_on_call_integration,
    delete_splunk_on_call_integration,
    get_splunk_on_call_integration,
    list_splunk_on_call_integrations,
    update_splunk_on_call_integration,
)
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

from .._base import BaseAPIObject, Endpoints
from .._client import PaginatedAPI
from ._pausing import _Pausable


class OutgoingWebhook(
    OutgoingWebhookFields[PaginatedAPI],
    ListOutgoingWebhooks[PaginatedAPI],
    CreateOutgoingWebhook[PaginatedAPI],
    BaseAPIObject,
):
    """A webhook Better Stack sends on incident, on-call or monitor changes."""

    _endpoints = Endpoints(
        list=list_outgoing_webhooks,
        get=get_outgoing_webhook,
        create=create_outgoing_webhook,
        update=update_outgoing_webhook,
        delete=delete_outgoing_webhook,
    )


class IncomingWebhook(
    IncomingWebhookFields[PaginatedAPI],
    ListIncomingWebhooks[PaginatedAPI],
    CreateIncomingWebhook[PaginatedAPI],
    _Pausable,
):
    """An endpoint that turns the requests it receives into incidents, by rules."""

    _endpoints = Endpoints(
        list=list_incoming_webhooks,
        get=get_incoming_webhook,
        create=create_incoming_webhook,
        update=update_incoming_webhook,
        delete=delete_incoming_webhook,
    )


class EmailIntegration(
    EmailIntegrationFields[PaginatedAPI],
    ListEmailIntegrations[PaginatedAPI],
    CreateEmailIntegration[PaginatedAPI],
    _Pausable,
):
    """A generated e-mail address that turns the e-mails it receives into incidents, by rules."""

    _endpoints = Endpoints(
        list=list_email_integrations,
        get=get_email_integration,
        create=create_email_integration,
        update=update_email_integration,
        delete=delete_email_integration,
    )


class _AlertIntegration(AlertIntegrationFields[PaginatedAPI], _Pausable):
    """An alerting tool posting to `webhook_url`; subclasses name their endpoints."""


class _AlertIntegrationWithRule(AlertIntegrationWithRuleFields[PaginatedAPI], _Pausable):
    """An alerting tool with an `alerting_rule`; subclasses name their endpoints."""


class AwsCloudwatchIntegration(
    ListAwsCloudwatchIntegrations[PaginatedAPI], CreateAwsCloudwatchIntegration[PaginatedAPI], _AlertIntegration
):
    """An AWS CloudWatch integration."""

    _endpoints = Endpoints(
        list=list_aws_cloudwatch_integrations,
        get=get_aws_cloudwatch_integration,
        create=create_aws_cloudwatch_integration,
        update=update_aws_cloudwatch_integration,
        delete=delete_aws_cloudwatch_integration,
    )


class AzureIntegration(ListAzureIntegrations[PaginatedAPI], CreateAzureIntegration[PaginatedAPI], _AlertIntegration):
    """An Azure Monitor integration."""

    _endpoints = Endpoints(
        list=list_azure_integrations,
        get=get_azure_integration,
        create=create_azure_integration,
        update=update_azure_integration,
        delete=delete_azure_integration,
    )


class GoogleMonitoringIntegration(
    ListGoogleMonitoringIntegrations[PaginatedAPI], CreateGoogleMonitoringIntegration[PaginatedAPI], _AlertIntegration
):
    """A Google Cloud Monitoring integration."""

    _endpoints = Endpoints(
        list=list_google_monitoring_integrations,
        get=get_google_monitoring_integration,
        create=create_google_monitoring_integration,
        update=update_google_monitoring_integration,
        delete=delete_google_monitoring_integration,
    )


class GrafanaIntegration(
    ListGrafanaIntegrations[PaginatedAPI], CreateGrafanaIntegration[PaginatedAPI], _AlertIntegration
):
    """A Grafana integration."""

    _endpoints = Endpoints(
        list=list_grafana_integrations,
        get=get_grafana_integration,
        create=create_grafana_integration,
        update=update_grafana_integration,
        delete=delete_grafana_integration,
    )


class PrometheusIntegration(
    ListPrometheusIntegrations[PaginatedAPI], CreatePrometheusIntegration[PaginatedAPI], _AlertIntegration
):
    """A Prometheus (Alertmanager) integration."""

    _endpoints = Endpoints(
        list=list_prometheus_integrations,
        get=get_prometheus_integration,
        create=create_prometheus_integration,
        update=update_prometheus_integration,
        delete=delete_prometheus_integration,
    )


class ElasticIntegration(
    ListElasticIntegrations[PaginatedAPI], CreateElasticIntegration[PaginatedAPI], _AlertIntegration
):
    """An Elastic integration."""

    _endpoints = Endpoints(
        list=list_elastic_integrations,
        get=get_elastic_integration,
        create=create_elastic_integration,
        update=update_elastic_integration,
        delete=delete_elastic_integration,
    )


class DatadogIntegration(
    ListDatadogIntegrations[PaginatedAPI], CreateDatadogIntegration[PaginatedAPI], _AlertIntegrationWithRule
):
    """A Datadog integration."""

    _endpoints = Endpoints(
        list=list_datadog_integrations,
        get=get_datadog_integration,
        create=create_datadog_integration,
        update=update_datadog_integration,
        delete=delete_datadog_integration,
    )


class NewRelicIntegration(
    ListNewRelicIntegrations[PaginatedAPI], CreateNewRelicIntegration[PaginatedAPI], _AlertIntegrationWithRule
):
    """A New Relic integration."""

    _endpoints = Endpoints(
        list=list_new_relic_integrations,
        get=get_new_relic_integration,
        create=create_new_relic_integration,
        update=update_new_relic_integration,
        delete=delete_new_relic_integration,
    )


class PagerdutyIntegration(
    PagerdutyIntegrationFields[PaginatedAPI],
    ListPagerdutyIntegrations[PaginatedAPI],
    CreatePagerdutyIntegration[PaginatedAPI],
    BaseAPIObject,
):
    """A PagerDuty service that incidents are forwarded to; `key` is a secret, hidden in repr."""

    _endpoints = Endpoints(
        list=list_pagerduty_integrations,
        get=get_pagerduty_integration,
        create=create_pagerduty_integration,
        update=update_pagerduty_integration,
        delete=delete_pagerduty_integration,
    )


class SplunkOnCallIntegration(
    SplunkOnCallIntegrationFields[PaginatedAPI],
    ListSplunkOnCallIntegrations[PaginatedAPI],
    CreateSplunkOnCallIntegration[PaginatedAPI],
    BaseAPIObject,
):
    """A Splunk On-Call (VictorOps) endpoint that incidents are forwarded to."""

    _endpoints = Endpoints(
        list=list_splunk_on_call_integrations,
        get=get_splunk_on_call_integration,
        create=create_splunk_on_call_integration,
        update=update_splunk_on_call_integration,
        delete=delete_splunk_on_call_integration,
    )


class JiraIntegration(JiraIntegrationFields[PaginatedAPI], BaseAPIObject):
    """A Jira integration: load with `get()`, edit and `save()`.

    It is connected and removed in the web UI; the API has no list, create or delete, so
    `filter()`, `new()` and `delete()` raise `ValidationError` without a request.
    """

    _endpoints = Endpoints(get=get_jira_integration, update=update_jira_integration)


class SlackIntegration(SlackIntegrationFields[PaginatedAPI], ListSlackIntegrations[PaginatedAPI], BaseAPIObject):
    """A Slack channel connected in the web UI; the API only lists them (`get_all_instances`, `filter`)."""

    _endpoints = Endpoints(list=list_slack_integrations)
