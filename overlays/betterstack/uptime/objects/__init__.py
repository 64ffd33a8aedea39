"""Resource objects of the Better Stack Uptime API, one module per resource family.

Each module is imported on first use of one of its classes, so `from betterstack.uptime.objects
import Monitor` does not load the endpoints of every other family.
"""

# Private aliases: the package namespace holds only the resource classes.
import typing as _typing

from .._lazy import attribute_loader as _attribute_loader

if _typing.TYPE_CHECKING:
    from .catalog import CatalogAttribute, CatalogRecord, CatalogRelation
    from .heartbeats import Heartbeat, HeartbeatGroup
    from .incidents import Incident, IncidentComment, IncidentTimelineItem
    from .integrations import (
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
    from .metadata import Metadata
    from .monitors import Monitor, MonitorGroup, MonitorSLA
    from .on_call import OnCallCalendar, OnCallEvent, OnCallUser
    from .policies import EscalationPolicy, PolicyGroup, PolicyStep, StepMember, Urgency, UrgencyGroup
    from .status_pages import (
        StatusPage,
        StatusPageGroup,
        StatusPageResource,
        StatusPageSection,
        StatusReport,
        StatusUpdate,
    )
    from .team import Role, TeamMember

_MODULES = {
    "AwsCloudwatchIntegration": ".integrations",
    "AzureIntegration": ".integrations",
    "CatalogAttribute": ".catalog",
    "CatalogRecord": ".catalog",
    "CatalogRelation": ".catalog",
    "DatadogIntegration": ".integrations",
    "ElasticIntegration": ".integrations",
    "EmailIntegration": ".integrations",
    "EscalationPolicy": ".policies",
    "GoogleMonitoringIntegration": ".integrations",
    "GrafanaIntegration": ".integrations",
    "Heartbeat": ".heartbeats",
    "HeartbeatGroup": ".heartbeats",
    "Incident": ".incidents",
    "IncidentComment": ".incidents",
    "IncidentTimelineItem": ".incidents",
    "IncomingWebhook": ".integrations",
    "JiraIntegration": ".integrations",
    "Metadata": ".metadata",
    "Monitor": ".monitors",
    "MonitorGroup": ".monitors",
    "MonitorSLA": ".monitors",
    "NewRelicIntegration": ".integrations",
    "OnCallCalendar": ".on_call",
    "OnCallEvent": ".on_call",
    "OnCallUser": ".on_call",
    "OutgoingWebhook": ".integrations",
    "PagerdutyIntegration": ".integrations",
    "PolicyGroup": ".policies",
    "PolicyStep": ".policies",
    "PrometheusIntegration": ".integrations",
    "Role": ".team",
    "SlackIntegration": ".integrations",
    "SplunkOnCallIntegration": ".integrations",
    "StatusPage": ".status_pages",
    "StatusPageGroup": ".status_pages",
    "StatusPageResource": ".status_pages",
    "StatusPageSection": ".status_pages",
    "StatusReport": ".status_pages",
    "StatusUpdate": ".status_pages",
    "StepMember": ".policies",
    "TeamMember": ".team",
    "Urgency": ".policies",
    "UrgencyGroup": ".policies",
}


if not _typing.TYPE_CHECKING:
    # Hidden from type checkers: a module `__getattr__` would make every misspelt name they
    # import from here pass as `Any`. They read the imports above instead.
    __getattr__ = _attribute_loader(__name__, globals(), _MODULES)


__all__ = [
    "AwsCloudwatchIntegration",
    "AzureIntegration",
    "CatalogAttribute",
    "CatalogRecord",
    "CatalogRelation",
    "DatadogIntegration",
    "ElasticIntegration",
    "EmailIntegration",
    "EscalationPolicy",
    "GoogleMonitoringIntegration",
    "GrafanaIntegration",
    "Heartbeat",
    "HeartbeatGroup",
    "Incident",
    "IncidentComment",
    "IncidentTimelineItem",
    "IncomingWebhook",
    "JiraIntegration",
    "Metadata",
    "Monitor",
    "MonitorGroup",
    "MonitorSLA",
    "NewRelicIntegration",
    "OnCallCalendar",
    "OnCallEvent",
    "OnCallUser",
    "OutgoingWebhook",
    "PagerdutyIntegration",
    "PolicyGroup",
    "PolicyStep",
    "PrometheusIntegration",
    "Role",
    "SlackIntegration",
    "SplunkOnCallIntegration",
    "StatusPage",
    "StatusPageGroup",
    "StatusPageResource",
    "StatusPageSection",
    "StatusReport",
    "StatusUpdate",
    "StepMember",
    "TeamMember",
    "Urgency",
    "UrgencyGroup",
]
