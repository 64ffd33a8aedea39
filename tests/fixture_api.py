"""An httpx transport that answers any operation of the spec from `tests/fixtures/`.

GETs get their operation's fixture; creates, updates and actions get the fixture of the
matching GET (`create_monitor` falls back to `get_monitor`); deletes get 204. It is stateless:
enough to run documentation examples unchanged, not a fake of the API.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import httpx

from spec_helpers import Operation, operations

FIXTURES = Path(__file__).parent / "fixtures"
VERBS = ("create_", "update_", "acknowledge_", "resolve_", "escalate_", "upsert_", "invite_", "change_")


def _pattern(operation: Operation) -> re.Pattern[str]:
    return re.compile("^" + re.sub(r"\\\{[^}]+\\\}", "[^/]+", re.escape(operation.path)) + "$")


ROUTES = [(operation.method.upper(), _pattern(operation), operation) for operation in operations()]


def _fixture_for(operation: Operation) -> Path | None:
    own = FIXTURES / f"{operation.operation_id}.json"
    if own.exists():
        return own
    for verb in VERBS:
        if operation.operation_id.startswith(verb):
            name = operation.operation_id.removeprefix(verb)
            for candidate in (f"get_{name}", f"get_{name.removesuffix('_role')}"):
                if (FIXTURES / f"{candidate}.json").exists():
                    return FIXTURES / f"{candidate}.json"
    return None


def handle(request: httpx.Request) -> httpx.Response:
    """Answer `request` from the fixtures, or 404 for a path the spec does not have."""
    for method, pattern, operation in ROUTES:
        if method == request.method and pattern.match(request.url.path):
            if operation.method == "delete":
                return httpx.Response(204)
            path = _fixture_for(operation)
            if path is None:
                return httpx.Response(204)
            body = json.loads(path.read_text())
            if isinstance(body, dict) and isinstance(body.get("pagination"), dict):
                body["pagination"]["next"] = None  # one page is enough for an example
            return httpx.Response(int(operation.success_status()), json=body)
    return httpx.Response(404, json={"errors": f"no such route: {request.method} {request.url.path}"})


def fixture_transport() -> httpx.MockTransport:
    """A transport serving the fixtures."""
    return httpx.MockTransport(handle)
