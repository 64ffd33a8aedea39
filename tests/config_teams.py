"""Fake teams for the tests of `betterstack.uptime.config`: a fake API, a client, the requests sent.

with Teams() as teams:
    team = teams.new(seed)          # or teams.new() for an empty team, or teams.full()
    apply(team.api, plan(team.api, config))
    team.writes()                   # [("PATCH", "/api/v2/monitors/2", {...}), ...]
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType
from typing import Any

import httpx

from betterstack.uptime import UptimeAPI
from betterstack.uptime.config import apply, load, plan
from betterstack.uptime.testing import DEFAULT_TOKEN, FakeUptime

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures" / "config"
TEAM_FILE = FIXTURES / "team.yaml"
"""A file of every kind, with references between them, in the form export writes."""
SEED = ROOT / "examples" / "seed.json"


def demo_seed() -> dict[str, Any]:
    """The demo's seed data (`examples/seed.json`), a fresh copy."""
    seed: dict[str, Any] = json.loads(SEED.read_text(encoding="utf-8"))
    return seed


@dataclass
class Team:
    """A fake team, a client of it (no retries), and every request the client sent."""

    fake: FakeUptime
    api: UptimeAPI
    requests: list[httpx.Request] = field(default_factory=list)

    def calls(self) -> list[tuple[str, str]]:
        """Method and path of each request, in order."""
        return [(request.method, request.url.path) for request in self.requests]

    def writes(self) -> list[tuple[str, str, Any]]:
        """Method, path and JSON body (None when empty) of each request but GETs."""
        return [
            (request.method, request.url.path, json.loads(request.content) if request.content else None)
            for request in self.requests
            if request.method != "GET"
        ]

    def forget(self) -> None:
        """Drop the requests recorded so far."""
        self.requests.clear()


class Teams:
    """Makes teams and closes their clients at the end of a `with` block."""

    def __init__(self) -> None:
        self.made: list[Team] = []

    def new(self, seed: dict[str, Any] | None = None) -> Team:
        """A team holding `seed` (`FakeUptime.seed` data), empty without it."""
        fake = FakeUptime(seed=seed)
        requests: list[httpx.Request] = []

        def answer(request: httpx.Request) -> httpx.Response:
            requests.append(request)
            response: httpx.Response = fake.transport.handle_request(request)
            return response

        team = Team(fake, UptimeAPI(DEFAULT_TOKEN, transport=httpx.MockTransport(answer), retries=0), requests)
        self.made.append(team)
        return team

    def full(self) -> Team:
        """A team made from `TEAM_FILE`, the requests that made it forgotten."""
        team = self.new()
        result = apply(team.api, plan(team.api, load(TEAM_FILE)))
        assert result.ok, result.error
        team.forget()
        return team

    def __enter__(self) -> Teams:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, traceback: TracebackType | None
    ) -> None:
        for team in self.made:
            team.api.close()
