"""Running the `betterstack` command line in tests: typer's runner against the demo's seeded fake.

`cli` (a fixture) gives a `CLI`: `cli.run("monitors", "list", "-o", "json")` runs the app as a
person would type it (global options may come first), with the token in the environment and
the client answering from an in-memory `FakeUptime` seeded with `examples/seed.json`. Every
request on the wire is kept in `cli.requests`, so a test asserts what was sent as well as what
was printed.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import pytest
from typer.testing import CliRunner, Result

from betterstack.uptime import UptimeAPI
from betterstack.uptime.cli._app import app
from betterstack.uptime.cli._settings import Settings
from betterstack.uptime.testing import DEFAULT_TOKEN, FakeUptime

SEED = Path(__file__).parent.parent / "examples" / "seed.json"


@dataclass
class CLI:
    """The app, a fake API and the requests the app sent to it."""

    fake: FakeUptime
    requests: list[httpx.Request] = field(default_factory=list)
    env: dict[str, str] = field(default_factory=dict)

    def run(self, *args: str, input: str | None = None) -> Result:
        """Run `betterstack <args>`; stdout and stderr are kept apart on the result."""
        return CliRunner().invoke(app, list(args), env=self.env, input=input, catch_exceptions=False)

    @property
    def calls(self) -> list[tuple[str, str]]:
        """Method and path of every request, in order."""
        return [(request.method, request.url.path) for request in self.requests]

    def body(self, index: int = -1) -> Any:
        """The JSON body of a request, the latest by default."""
        return json.loads(self.requests[index].content)

    def writes(self) -> list[tuple[str, str, Any]]:
        """Every request that changes something: method, path, JSON body (None when empty)."""
        return [
            (r.method, r.url.path, json.loads(r.content) if r.content else None)
            for r in self.requests
            if r.method != "GET"
        ]


@pytest.fixture
def cli(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[CLI]:
    """The command line against the demo's seeded fake, with no config file and a token set."""
    fake = FakeUptime.from_file(str(SEED), token=DEFAULT_TOKEN)
    # COLUMNS: tables are as wide as this whatever the shell running the tests exports.
    env = {"BETTERSTACK_API_TOKEN": DEFAULT_TOKEN, "BETTERSTACK_CONFIG": str(tmp_path / "none.toml"), "COLUMNS": "80"}
    run = CLI(fake, env=env)

    def answer(request: httpx.Request) -> httpx.Response:
        run.requests.append(request)
        response: httpx.Response = fake.transport.handle_request(request)
        return response

    with UptimeAPI(DEFAULT_TOKEN, transport=httpx.MockTransport(answer), retries=0) as api:
        real_api = Settings.api

        def api_of(settings: Settings) -> UptimeAPI:
            real_api(settings).close()  # the token, profile and option checks, as in real use
            settings._api = api
            return api

        monkeypatch.setattr(Settings, "api", api_of)
        yield run
