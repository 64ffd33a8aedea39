"""User mistakes that `mypy --strict` and pyright (strict) must reject (checked by tests/test_typing.py; never run).

Each line that must fail ends with a marker naming what each checker reports there:
`# E: mypy[<error code>,...] pyright[<rule>,...]`. tests/test_typing.py runs both checkers on
this file as installed from the wheel and expects each to report exactly the marked lines,
mypy with exactly the marked codes and pyright with at least the marked rules (strict mode adds
`reportUnknown...` follow-ups on the same lines). Keep each mistake on one line. The project's
own mypy run and ruff skip this file.
"""

from __future__ import annotations

from betterstack.uptime import UptimeAPI, paginate
from betterstack.uptime.objects import Incident, Monitor, MonitorGroup, OnCallCalendar, PolicyStep
from betterstack_sdk.api.on_call_rotations import get_on_call_rotation


def misspelt_class_imported() -> None:
    from betterstack.uptime.objects import Monitr  # E: mypy[attr-defined] pyright[reportAttributeAccessIssue]

    del Monitr


def misspelt_package_attribute() -> None:
    import betterstack.uptime

    print(betterstack.uptime.UptimeAPl)  # E: mypy[attr-defined] pyright[reportAttributeAccessIssue]


def misspelt_attribute(monitor: Monitor) -> None:
    print(monitor.urll)  # E: mypy[attr-defined] pyright[reportAttributeAccessIssue]


def misspelt_assignment(monitor: Monitor) -> None:
    monitor.urll = "https://example.com"  # E: mypy[attr-defined] pyright[reportAttributeAccessIssue]


def wrong_attribute_type(monitor: Monitor) -> None:
    monitor.check_frequency = "often"  # E: mypy[assignment] pyright[reportAttributeAccessIssue]


def wrong_enum_value_assigned(monitor: Monitor) -> None:
    monitor.monitor_type = "fast"  # E: mypy[assignment] pyright[reportAttributeAccessIssue]


def unknown_keyword_in_new(api: UptimeAPI) -> Monitor:
    return Monitor.new(api, monitor_type="status", urll="x")  # E: mypy[call-arg] pyright[reportCallIssue]


def missing_required_field_in_new(api: UptimeAPI) -> Monitor:
    return Monitor.new(api, url="https://x")  # E: mypy[call-arg] pyright[reportCallIssue]


def wrong_enum_value_in_new(api: UptimeAPI) -> Monitor:
    return Monitor.new(api, monitor_type="statuss", url="https://x")  # E: mypy[arg-type] pyright[reportArgumentType]


def wrong_keyword_type_in_new(api: UptimeAPI) -> Monitor:
    return Monitor.new(api, monitor_type="status", url="https://x", check_frequency="60")  # E: mypy[arg-type] pyright[reportArgumentType]


def unknown_filter(api: UptimeAPI) -> list[Monitor]:
    return list(Monitor.filter(api, urll="https://x"))  # E: mypy[call-arg] pyright[reportCallIssue]


def wrong_filter_type(api: UptimeAPI) -> list[Monitor]:
    return list(Monitor.filter(api, per_page="10"))  # E: mypy[arg-type] pyright[reportArgumentType]


def unknown_filter_of_another_resource(api: UptimeAPI) -> list[MonitorGroup]:
    return list(MonitorGroup.filter(api, colour="red"))  # E: mypy[call-arg] pyright[reportCallIssue]


def unknown_keyword_in_get_or_create(api: UptimeAPI) -> tuple[bool, Monitor]:
    return Monitor.get_or_create(api, monitor_type="status", urll="https://x")  # E: mypy[call-arg] pyright[reportCallIssue]


def wrong_keyword_type_in_get_or_create(api: UptimeAPI) -> tuple[bool, Monitor]:
    return Monitor.get_or_create(api, monitor_type="status", url="https://x", check_frequency="60")  # E: mypy[arg-type] pyright[reportArgumentType]


def unknown_keyword_in_constructor(api: UptimeAPI) -> Monitor:
    return Monitor(id="1", _api=api, urll="https://x")  # E: mypy[call-arg] pyright[reportCallIssue]


def wrong_keyword_type_in_constructor(api: UptimeAPI) -> Monitor:
    return Monitor(id="1", _api=api, check_frequency="60")  # E: mypy[arg-type] pyright[reportArgumentType]


def wrong_policy_step_field_type() -> PolicyStep:
    return PolicyStep(step_type="escalation", wait_before="soon")  # E: mypy[arg-type] pyright[reportArgumentType]


def wrong_policy_step_builder_argument() -> PolicyStep:
    return PolicyStep.escalation(urgency_id=1, step_members=[{"type": "current_on_call"}], wait_before="soon")  # E: mypy[arg-type] pyright[reportArgumentType]


def wrong_day_in_a_time_branch() -> PolicyStep:
    return PolicyStep.time_branch(timezone="Prague", days=["someday"], time_from="00:00", time_to="23:59", policy_id=1)  # E: mypy[list-item] pyright[reportArgumentType]


def misspelt_escalation_keyword(incident: Incident) -> None:
    incident.escalate("User", user_emial="a@x.io")  # E: mypy[arg-type] pyright[reportArgumentType]


def unknown_rotation_unit(calendar: OnCallCalendar) -> None:
    calendar.create_rotation(["a@x.io"], 1, "month", "2026-01-01", "2027-01-01")  # E: mypy[call-overload] pyright[reportArgumentType]


def paginate_an_endpoint_without_a_list(api: UptimeAPI) -> None:
    print(list(paginate(api, get_on_call_rotation, calendar_id="1")))  # E: mypy[arg-type] pyright[reportCallIssue,reportArgumentType]


async def async_new_with_a_misspelt_keyword(api: UptimeAPI) -> Monitor:
    return await Monitor.anew(api, monitor_type="status", urll="x")  # E: mypy[call-arg] pyright[reportCallIssue]


async def async_filter_with_a_wrong_type(api: UptimeAPI) -> list[Monitor]:
    return [each async for each in Monitor.afilter(api, per_page="10")]  # E: mypy[arg-type] pyright[reportArgumentType]


async def async_get_or_create_with_a_wrong_literal(api: UptimeAPI) -> tuple[bool, Monitor]:
    return await Monitor.aget_or_create(api, monitor_type="statuss")  # E: mypy[arg-type] pyright[reportArgumentType]
