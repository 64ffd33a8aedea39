"""Resource objects of the Better Stack Uptime API, one module per resource family."""

from .catalog import CatalogAttribute, CatalogRecord, CatalogRelation
from .heartbeats import Heartbeat, HeartbeatGroup
from .incidents import Incident, IncidentComment
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
from .on_call import OnCallCalendar, OnCallEvent
from .policies import EscalationPolicy, PolicyGroup, PolicyStep, Urgency, UrgencyGroup
from .status_pages import (
    StatusPage,
    StatusPageGroup,
    StatusPageResource,
    StatusPageSection,
    StatusReport,
    StatusUpdate,
)
from .team import Role, TeamMember

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
    "IncomingWebhook",
    "JiraIntegration",
    "Metadata",
    "Monitor",
    "MonitorGroup",
    "MonitorSLA",
    "NewRelicIntegration",
    "OnCallCalendar",
    "OnCallEvent",
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
    "TeamMember",
    "Urgency",
    "UrgencyGroup",
]
