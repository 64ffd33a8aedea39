"""The spec covers every operation of the API catalog (sections 3 and 4 of api-catalog.md).

The list below is the catalog's, kept here as the checklist the spec is measured against; path
parameter names are compared as placeholders only.
"""

from __future__ import annotations

import re

from spec_helpers import operations

V2, V3 = "/api/v2", "/api/v3"


def _crud(base: str, collection: bool = True) -> set[tuple[str, str]]:
    found = {("get", f"{base}/{{}}"), ("patch", f"{base}/{{}}"), ("delete", f"{base}/{{}}")}
    if collection:
        found |= {("get", base), ("post", base)}
    return found


CATALOG: set[tuple[str, str]] = (
    _crud(f"{V2}/monitors")
    | {("get", f"{V2}/monitors/{{}}/sla"), ("get", f"{V2}/monitors/{{}}/response-times")}
    | _crud(f"{V2}/monitor-groups")
    | {("get", f"{V2}/monitor-groups/{{}}/monitors")}
    | _crud(f"{V2}/heartbeats")
    | {("get", f"{V2}/heartbeats/{{}}/availability")}
    | _crud(f"{V2}/heartbeat-groups")
    | {("get", f"{V2}/heartbeat-groups/{{}}/heartbeats")}
    | {("get", f"{V3}/incidents"), ("post", f"{V3}/incidents"), ("get", f"{V3}/incidents/{{}}")}
    | {("delete", f"{V3}/incidents/{{}}")}
    | {("post", f"{V3}/incidents/{{}}/{action}") for action in ("acknowledge", "resolve", "escalate")}
    | {("get", f"{V2}/incidents/{{}}/timeline")}
    | _crud(f"{V2}/incidents/{{}}/comments")
    | _crud(f"{V2}/status-pages")
    | _crud(f"{V2}/status-pages/{{}}/sections")
    | _crud(f"{V2}/status-pages/{{}}/resources")
    | _crud(f"{V2}/status-page-groups")
    | _crud(f"{V2}/status-pages/{{}}/status-reports")
    | _crud(f"{V2}/status-pages/{{}}/status-reports/{{}}/status-updates")
    | _crud(f"{V2}/on-calls")
    | {("get", f"{V2}/on-calls/{{}}/events"), ("post", f"{V2}/on-calls/{{}}/events")}
    | _crud(f"{V2}/on-calls/{{}}/events", collection=False)
    | {("get", f"{V2}/on-calls/{{}}/rotation"), ("post", f"{V2}/on-calls/{{}}/rotation")}
    | _crud(f"{V3}/policies")
    | _crud(f"{V2}/policy-groups")
    | _crud(f"{V2}/urgencies")
    | _crud(f"{V2}/urgency-groups")
    | {("get", f"{V3}/metadata"), ("post", f"{V3}/metadata")}
    | _crud(f"{V2}/outgoing-webhooks")
    | _crud(f"{V2}/incoming-webhooks")
    | _crud(f"{V2}/email-integrations")
    | set().union(
        *(
            _crud(f"{V2}/{kind}")
            for kind in (
                "aws-cloudwatch-integrations",
                "azure-integrations",
                "google-monitoring-integrations",
                "grafana-integrations",
                "prometheus-integrations",
                "elastic-integrations",
                "datadog-integrations",
                "new-relic-integrations",
                "pager-duty-webhooks",
                "splunk-on-calls",
            )
        )
    )
    | {("get", f"{V2}/jira-integrations/{{}}"), ("patch", f"{V2}/jira-integrations/{{}}")}
    | {("get", f"{V2}/slack-integrations")}
    | _crud(f"{V2}/catalog/relations")
    | _crud(f"{V2}/catalog/relations/{{}}/attributes")
    | _crud(f"{V2}/catalog/relations/{{}}/records")
    | {("get", f"{V2}/team-members"), ("post", f"{V2}/team-members"), ("delete", f"{V2}/team-members/{{}}")}
    | {("delete", f"{V2}/team-members"), ("post", f"{V2}/team-members/{{}}/change-role/{{}}")}
    | {("get", f"{V2}/roles"), ("get", "/ips-by-cluster.json")}
)


def test_spec_covers_every_catalog_operation() -> None:
    in_spec = {(op.method, re.sub(r"\{[^}]+\}", "{}", op.path)) for op in operations()}
    missing = sorted(CATALOG - in_spec)
    assert not missing, f"operations of the catalog missing from spec/: {missing}"


def test_spec_has_no_operation_outside_the_catalog() -> None:
    in_spec = {(op.method, re.sub(r"\{[^}]+\}", "{}", op.path)) for op in operations()}
    assert sorted(in_spec - CATALOG) == []
