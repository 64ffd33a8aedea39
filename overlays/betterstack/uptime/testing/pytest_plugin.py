"""Pytest fixtures for testing code that uses the SDK, against the in-memory fake API.

Installed with the `testing` extra (`pip install "betterstack-sdk[testing]"`), the fixtures are
there in every pytest run: the package registers this module through the `pytest11` entry point.
Take `fake_uptime` to seed data and inject faults, and `uptime_api` to call it:

    def test_lists_monitors(fake_uptime: FakeUptime, uptime_api: UptimeAPI) -> None:
        fake_uptime.seed({"/api/v2/monitors": [{"url": "https://example.com"}]})
        assert [m.url for m in Monitor.get_all_instances(uptime_api)] == ["https://example.com"]

`pytest -p no:betterstack.uptime.testing.pytest_plugin` switches it off. An explicit
`-p betterstack.uptime.testing.pytest_plugin` or `pytest_plugins = [...]` still works.

Pytest imports this module at every start, in every project that has the SDK installed, so it
imports nothing but pytest here: the fake (and jsonschema with it) loads when a test first asks
for a fixture.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from betterstack.uptime import UptimeAPI
    from betterstack.uptime.testing import FakeUptime


@pytest.fixture
def fake_uptime() -> FakeUptime:
    """A fresh, empty fake API for each test, accepting the token `test-token`."""
    from betterstack.uptime.testing import FakeUptime

    return FakeUptime()


@pytest.fixture
def uptime_api(fake_uptime: FakeUptime) -> Iterator[UptimeAPI]:
    """An `UptimeAPI` answering from `fake_uptime`, with its token; closed after the test."""
    from betterstack.uptime import UptimeAPI
    from betterstack.uptime.testing import DEFAULT_TOKEN

    with UptimeAPI(DEFAULT_TOKEN, transport=fake_uptime.transport) as api:
        yield api
