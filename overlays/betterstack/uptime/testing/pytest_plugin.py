"""Pytest fixtures for testing code that uses the SDK, against the in-memory fake API.

Switch it on with `pytest -p betterstack.uptime.testing.pytest_plugin`, or in a conftest.py:

    pytest_plugins = ["betterstack.uptime.testing.pytest_plugin"]

then take `fake_uptime` to seed data and inject faults, and `uptime_api` to call it:

    def test_lists_monitors(fake_uptime: FakeUptime, uptime_api: UptimeAPI) -> None:
        fake_uptime.seed({"/api/v2/monitors": [{"url": "https://example.com"}]})
        assert [m.url for m in Monitor.get_all_instances(uptime_api)] == ["https://example.com"]
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from betterstack.uptime import UptimeAPI

from ._fake import DEFAULT_TOKEN, FakeUptime


@pytest.fixture
def fake_uptime() -> FakeUptime:
    """A fresh, empty fake API for each test, accepting the token `test-token`."""
    return FakeUptime()


@pytest.fixture
def uptime_api(fake_uptime: FakeUptime) -> Iterator[UptimeAPI]:
    """An `UptimeAPI` answering from `fake_uptime`, with its token; closed after the test."""
    with UptimeAPI(DEFAULT_TOKEN, transport=fake_uptime.transport) as api:
        yield api
