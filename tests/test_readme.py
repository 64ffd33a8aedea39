"""The README's object-API example runs unchanged (against canned responses)."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import httpx
import pytest

import fixture_api

README = Path(__file__).parent.parent / "README.md"


def _object_api_example() -> str:
    section = README.read_text().split("## The object API", 1)[1]
    match = re.search(r"```python\n(.*?)```", section, re.DOTALL)
    assert match, "README has no python example under 'The object API'"
    return match.group(1)


def test_readme_example_runs_unchanged(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    seen: list[httpx.Request] = []

    def recording(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return fixture_api.handle(request)

    monkeypatch.setattr(httpx, "HTTPTransport", lambda: httpx.MockTransport(recording))
    exec(compile(_object_api_example(), str(README), "exec"), {})

    printed = capsys.readouterr().out
    assert "Homepage up False" in printed
    assert "99.98% available" in printed
    patches = [r for r in seen if r.method == "PATCH"]
    assert [json.loads(r.content) for r in patches] == [{"check_frequency": 60}]
    assert all(r.headers["authorization"] == "Bearer your-api-token" for r in seen)
    posted: dict[str, Any] = {r.url.path: json.loads(r.content) for r in seen if r.method == "POST" and r.content}
    assert posted["/api/v2/monitors"] == {"url": "https://shop.example.com", "monitor_type": "status"}
    assert posted["/api/v3/policies"]["steps"][1]["days"] == ["sat", "sun"]
