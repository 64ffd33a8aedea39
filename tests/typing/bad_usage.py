"""User mistakes that `mypy --strict` must reject (checked by tests/test_typing.py; never run).

Each line that must fail ends with `# E: <error code>`; tests/test_typing.py expects exactly
those errors, on those lines, and no others. The project's own mypy run and ruff skip this file.
"""

from __future__ import annotations

from betterstack.uptime import UptimeAPI
from betterstack.uptime.objects import Monitor, MonitorGroup


def misspelt_attribute(monitor: Monitor) -> None:
    print(monitor.urll)  # E: attr-defined


def misspelt_assignment(monitor: Monitor) -> None:
    monitor.urll = "https://example.com"  # E: attr-defined


def wrong_attribute_type(monitor: Monitor) -> None:
    monitor.check_frequency = "often"  # E: assignment


def unknown_keyword_in_new(api: UptimeAPI) -> Monitor:
    return Monitor.new(api, monitor_type="status", urll="x")  # E: call-arg


def missing_required_field_in_new(api: UptimeAPI) -> Monitor:
    return Monitor.new(api, url="https://x")  # E: call-arg


def wrong_value_in_new(api: UptimeAPI) -> Monitor:
    return Monitor.new(api, monitor_type="sttaus", url="https://x")  # E: arg-type


def wrong_filter_type(api: UptimeAPI) -> list[Monitor]:
    return list(Monitor.filter(api, per_page="10"))  # E: arg-type


def unknown_filter(api: UptimeAPI) -> list[MonitorGroup]:
    return list(MonitorGroup.filter(api, colour="red"))  # E: call-arg
