"""A short tour of the generated low-level package against a local server on 127.0.0.1.

The server answers with the canned responses in tests/fixtures/ and prints what each call put
on the wire. (A later version runs the object API against a stateful fake of the whole API.)

Usage: python examples/demo.py
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from betterstack_sdk import AuthenticatedClient
from betterstack_sdk.api.monitors import create_monitor, get_monitor_sla, list_monitors, update_monitor
from betterstack_sdk.models import MonitorCreate, MonitorList, MonitorResponse, MonitorSlaResponse, MonitorUpdate

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
from local_server import CannedResponse, RecordedRequest, running_server  # noqa: E402

FIXTURES = ROOT / "tests" / "fixtures"
ROUTES = {
    ("GET", "/api/v2/monitors"): (200, "list_monitors.json"),
    ("GET", "/api/v2/monitors/2/sla"): (200, "get_monitor_sla.json"),
    ("POST", "/api/v2/monitors"): (201, "create_monitor.json"),
    ("PATCH", "/api/v2/monitors/9"): (200, "get_monitor.json"),
}


def answer(request: RecordedRequest) -> CannedResponse:
    """Serve the fixture for a known route, and show the request."""
    query = f"?{request.query}" if request.query else ""
    body = f"  body={request.body.decode()}" if request.body else ""
    print(f"    -> {request.method} {request.path}{query}{body}")
    status, name = ROUTES.get((request.method, request.path), (404, ""))
    payload = (FIXTURES / name).read_bytes() if name else json.dumps({"errors": "Not found"}).encode()
    return CannedResponse(status=status, body=payload)


def main() -> None:
    """Run the tour."""
    with running_server(answer) as server, AuthenticatedClient(base_url=server.base_url, token="demo") as client:
        print("List monitors:")
        page = list_monitors.sync(client=client, per_page=3)
        assert isinstance(page, MonitorList)
        for monitor in page.data:
            attributes = monitor.attributes
            print(f"    {monitor.id:>3}  {attributes.status!s:8}  {attributes.pronounceable_name}  ({attributes.url})")

        print("Availability of monitor 2 in October:")
        sla = get_monitor_sla.sync(client=client, monitor_id="2", from_="2026-10-01", to="2026-10-31")
        assert isinstance(sla, MonitorSlaResponse)
        print(f"    {sla.data.attributes.availability}% available, {sla.data.attributes.number_of_incidents} incidents")

        print("Create a monitor:")
        body = MonitorCreate.from_dict({"monitor_type": "status", "url": "https://shop.example.com", "email": True})
        created = create_monitor.sync(client=client, body=body)
        assert isinstance(created, MonitorResponse)
        print(f"    created monitor {created.data.id}, status {created.data.attributes.status}")

        print("Change only its check frequency (PATCH sends just that field):")
        update_monitor.sync(client=client, monitor_id=created.data.id, body=MonitorUpdate(check_frequency=60))


if __name__ == "__main__":
    main()
