"""A tour of betterstack.uptime, then of the `betterstack` command line.

With no BETTERSTACK_API_TOKEN it starts the fake API on 127.0.0.1, seeds it from
examples/seed.json and runs the whole tour against it, then runs `betterstack` commands (the
`cli` extra) against a freshly seeded fake. With a token it runs only the read-only part of the
SDK tour, against the real API.

Usage: python examples/demo.py
"""

from __future__ import annotations

import json
import os
import shlex
import subprocess
import sys
from pathlib import Path

import httpx

from betterstack.uptime import UptimeAPI
from betterstack.uptime.objects import (
    EscalationPolicy,
    Incident,
    Monitor,
    OnCallCalendar,
    PolicyStep,
    StatusPage,
)

SEED = Path(__file__).with_name("seed.json")


def show(title: str) -> None:
    """Print a section title."""
    print(f"\n== {title}")


def read_only_tour(api: UptimeAPI) -> None:
    """What any token may do: list monitors with their status and SLA, incidents, who is on call."""
    show("Monitors, their status and availability this month")
    for monitor in Monitor.get_all_instances(api):
        monitor.sla.fetch_sla("2026-11-01", "2026-11-30")
        print(f"  {monitor.pronounceable_name:<12} {monitor.status or '?':<8} {monitor.sla.availability}%")

    show("Open incidents")
    for incident in Incident.filter(api, resolved=False):
        print(f"  #{incident.id} {incident.name}: {incident.cause} (acknowledged: {incident.is_acknowledged})")

    show("Who is on call")
    calendar = OnCallCalendar(id="default", _api=api)
    calendar.fetch_data()
    print("  " + (", ".join(user.get("email") or "?" for user in calendar.on_call_users) or "nobody"))


def write_tour(api: UptimeAPI, sent: list[httpx.Request]) -> None:
    """Create, change, pause and resume a monitor; acknowledge and resolve; walk a status page; build a policy."""
    show("Create a monitor")
    monitor = Monitor.new(
        api, monitor_type="status", url="https://shop.example.com", pronounceable_name="Shop", regions=["us", "eu"]
    )
    print(f"  created #{monitor.id}: {monitor.url}, status {monitor.status}")

    show("Change it and save: only the changed fields are sent")
    monitor.check_frequency = 60
    assert monitor.regions is not None
    monitor.regions.append("as")
    print(f"  modified: {monitor.get_modified_properties()}")
    monitor.save()
    print(f"  PATCH {sent[-1].url.path} {sent[-1].content.decode()}")

    show("Pause and resume it")
    monitor.pause()
    print(f"  paused: {monitor.is_paused} (paused_at {monitor.paused_at})")
    monitor.resume()
    print(f"  paused: {monitor.is_paused}")

    show("Acknowledge and resolve the open incident")
    for incident in Incident.filter(api, resolved=False):
        incident.acknowledge(acknowledged_by="alice@example.com")
        incident.resolve(resolved_by="alice@example.com")
        print(f"  #{incident.id}: {incident.status}, resolved by {incident.resolved_by} at {incident.resolved_at}")

    show("A status page's sections and resources")
    page = StatusPage.get(api, "123")
    print(f"  {page.company_name} ({page.aggregate_state})")
    for section in page.sections:
        names = [r.public_name for r in page.resources if str(r.status_page_section_id) == section.id]
        print(f"    {section.name}: {', '.join(str(name) for name in names)}")

    show("An escalation policy built with PolicyStep")
    steps = [
        PolicyStep(step_type="escalation", wait_before=0, urgency_id=1, step_members=[{"type": "current_on_call"}]),
        PolicyStep(step_type="escalation", wait_before=600, urgency_id=1, step_members=[{"type": "entire_team"}]),
    ]
    policy = EscalationPolicy.new(api, name="Storefront", repeat_count=2, repeat_delay=300, steps=steps)
    print(f"  policy #{policy.id} {policy.name!r}: {len(policy.steps or [])} steps")
    print(f"  first step sent: {json.dumps(steps[0].to_dict())}")


def betterstack(*args: str, base_url: str) -> None:
    """Show `betterstack <args>` as typed at a prompt, then run it against the fake at `base_url`."""
    print(f"\n$ betterstack {shlex.join(args)}", flush=True)
    # The token and API root as a person would export them; no config file, so a profile of the
    # person running the demo changes nothing.
    env = {name: value for name, value in os.environ.items() if not name.startswith(("BETTERSTACK_", "BETTERUPTIME_"))}
    env.update(BETTERSTACK_API_TOKEN="test-token", BETTERSTACK_BASE_URL=base_url, BETTERSTACK_CONFIG=os.devnull)
    if not sys.stdout.isatty():  # a log or a pipe: tables as wide as they need, not folded at 80 columns
        env.setdefault("COLUMNS", "160")
    subprocess.run([sys.executable, "-m", "betterstack.uptime", *args], env=env, check=True, timeout=60)


def command_line_tour(base_url: str) -> None:
    """The on-call chores from the terminal: list, pause and resume, acknowledge, who is on call."""
    show(f"The command line (`betterstack`), against a freshly seeded fake at {base_url}")
    betterstack("monitors", "list", base_url=base_url)
    betterstack("monitors", "pause", "2", "3", base_url=base_url)
    betterstack("monitors", "resume", "2", "3", base_url=base_url)
    betterstack("incidents", "ack", "501", "--by", "alice@example.com", base_url=base_url)
    betterstack("oncall", "who", base_url=base_url)


def main() -> None:
    """Run the tour against the fake, or (read-only) against the real API when a token is set."""
    token = os.environ.get("BETTERSTACK_API_TOKEN")
    if token:
        print("BETTERSTACK_API_TOKEN is set: running the read-only tour against the real API.")
        with UptimeAPI(token) as api:
            read_only_tour(api)
        return

    from betterstack.uptime.testing import FakeUptime, serve

    fake = FakeUptime.from_file(str(SEED))
    sent: list[httpx.Request] = []
    with serve(fake) as running:
        print(f"No BETTERSTACK_API_TOKEN: touring the fake API at {running.base_url}")
        hooks = {"request": [sent.append]}
        with UptimeAPI("test-token", base_url=running.base_url) as api:
            api.client.get_httpx_client().event_hooks = hooks
            read_only_tour(api)
            write_tour(api, sent)
    # A fresh fake: the tour above resolved the open incident the command line acknowledges.
    with serve(FakeUptime.from_file(str(SEED))) as running:
        command_line_tour(running.base_url)
    with serve(FakeUptime.from_file(str(SEED))) as running:
        uptime_as_code_tour(running.base_url)


def uptime_as_code_tour(base_url: str) -> None:
    """Uptime as code: export the team to a file, edit it, plan the difference, apply it."""
    import difflib
    import tempfile

    show(f"Uptime as code: export, edit, plan, apply (a freshly seeded fake at {base_url})")
    here = Path.cwd()
    with tempfile.TemporaryDirectory() as folder:
        os.chdir(folder)  # the commands name the file as a person would: uptime.yaml
        try:
            betterstack(
                "export", "--kinds", "monitor-groups,monitors,heartbeats", "-f", "uptime.yaml", base_url=base_url
            )
            file = Path("uptime.yaml")
            before = file.read_text()
            # The edit a person would make: check the homepage every minute, add a monitor and a heartbeat.
            homepage = before.index("- pronounceable_name: Homepage")
            after = before[:homepage] + before[homepage:].replace("check_frequency: 30", "check_frequency: 60", 1)
            after = after.replace(
                "heartbeats: []\n",
                "- pronounceable_name: Shop\n  monitor_type: status\n  url: https://shop.example.com\n"
                "  monitor_group: Storefront\n"
                "heartbeats:\n- name: Nightly backup\n  period: 86400\n  grace: 600\n",
            )
            file.write_text(after)
            print("\n# The edit, as `git diff uptime.yaml` shows it:")
            diff = difflib.unified_diff(
                before.splitlines(), after.splitlines(), "a/uptime.yaml", "b/uptime.yaml", lineterm=""
            )
            print("\n".join(list(diff)[2:]), flush=True)
            betterstack("plan", "uptime.yaml", base_url=base_url)
            betterstack("apply", "uptime.yaml", "--yes", base_url=base_url)
            betterstack("plan", "uptime.yaml", base_url=base_url)  # nothing left to do
        finally:
            os.chdir(here)


if __name__ == "__main__":
    main()
