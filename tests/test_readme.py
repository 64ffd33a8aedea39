"""The README's object-API example runs unchanged, against the fake API seeded for the demo."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import httpx
import pytest

from betterstack.uptime.testing import FakeUptime

ROOT = Path(__file__).parent.parent
README = ROOT / "README.md"


def _example(heading: str) -> str:
    section = README.read_text().split(heading, 1)[1]
    match = re.search(r"```python\n(.*?)```", section, re.DOTALL)
    assert match, f"README has no python example under {heading!r}"
    return match.group(1)


def test_readme_example_runs_unchanged(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    seen: list[httpx.Request] = []
    fake = FakeUptime.from_file(str(ROOT / "examples" / "seed.json"), token="your-api-token")
    fake_transport = fake.transport

    def recording(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        response: httpx.Response = fake_transport.handle_request(request)
        return response

    monkeypatch.setattr(httpx, "HTTPTransport", lambda **_options: httpx.MockTransport(recording))
    exec(compile(_example("## The object API"), str(README), "exec"), {})

    printed = capsys.readouterr().out
    assert "Homepage up False" in printed
    assert "99.97% available" in printed  # one 14-minute incident in October
    assert "['alice@example.com']" in printed
    patches = [r for r in seen if r.method == "PATCH"]
    assert [json.loads(r.content) for r in patches] == [{"check_frequency": 60}]
    assert all(r.headers["authorization"] == "Bearer your-api-token" for r in seen)
    posted: dict[str, Any] = {r.url.path: json.loads(r.content) for r in seen if r.method == "POST" and r.content}
    assert posted["/api/v2/monitors"] == {"url": "https://shop.example.com", "monitor_type": "status"}
    assert posted["/api/v3/policies"]["steps"][1]["days"] == ["sat", "sun"]
    shop = [
        r for r in fake.collection("/api/v2/monitors").values() if r["attributes"]["url"] == "https://shop.example.com"
    ]
    assert len(shop) == 1
    assert fake.find("/api/v3/incidents", "501")["attributes"]["acknowledged_by"] == "oncall@example.com"  # type: ignore[index]


def test_readme_async_example_runs_unchanged(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    seen: list[httpx.Request] = []
    fake = FakeUptime.from_file(str(ROOT / "examples" / "seed.json"), token="your-api-token")
    fake_transport = fake.transport

    def recording(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        response: httpx.Response = fake_transport.handle_request(request)
        return response

    monkeypatch.setattr(httpx, "AsyncHTTPTransport", lambda **_options: httpx.MockTransport(recording))
    monkeypatch.setattr(httpx, "HTTPTransport", lambda **_options: httpx.MockTransport(recording))
    exec(compile(_example("### The same, async"), str(README), "exec"), {})

    printed = capsys.readouterr().out
    assert "Homepage up False" in printed
    assert "99.97% available" in printed
    patches = [r for r in seen if r.method == "PATCH"]
    assert [json.loads(r.content) for r in patches] == [{"check_frequency": 60}]
    posted: dict[str, Any] = {r.url.path: json.loads(r.content) for r in seen if r.method == "POST" and r.content}
    assert posted["/api/v2/monitors"] == {"url": "https://shop.example.com", "monitor_type": "status"}
    assert fake.find("/api/v3/incidents", "501")["attributes"]["acknowledged_by"] == "oncall@example.com"  # type: ignore[index]
    # Everything went through the async client: the sync transport was never made.
    assert seen and all(r.headers["authorization"] == "Bearer your-api-token" for r in seen)


def test_readme_testing_example_runs_unchanged() -> None:
    namespace: dict[str, Any] = {}
    exec(compile(_example("### Testing your code without a token"), str(README), "exec"), namespace)
    assert namespace["fake"].faults.take("GET", "/api/v2/monitors/1") is None  # the 429 was served
