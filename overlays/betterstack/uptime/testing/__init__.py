"""A stateful, in-memory Better Stack Uptime API for tests and demos, served from the spec.

    from betterstack.uptime import UptimeAPI
    from betterstack.uptime.testing import FakeUptime

    fake = FakeUptime()
    api = UptimeAPI("test-token", transport=fake.transport)

or over real HTTP: `with serve(fake) as running: UptimeAPI("test-token", base_url=running.base_url)`,
or `python -m betterstack.uptime.testing --port 8080`. Needs the `testing` extra (jsonschema).
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ._fake import DEFAULT_TOKEN, FakeResponse, FakeUptime
    from ._faults import Fault
    from ._server import RunningFake, serve
    from ._validation import ContractViolation

__all__ = ["DEFAULT_TOKEN", "ContractViolation", "FakeResponse", "FakeUptime", "Fault", "RunningFake", "serve"]

# Loaded on first use, not at import: pytest imports the plugin submodule (and so this package)
# at every start, in projects that may not have the `testing` extra (jsonschema) installed.
_HOMES = {
    "DEFAULT_TOKEN": "._fake",
    "ContractViolation": "._validation",
    "FakeResponse": "._fake",
    "FakeUptime": "._fake",
    "Fault": "._faults",
    "RunningFake": "._server",
    "serve": "._server",
}


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    importlib.import_module("._handlers", __name__)  # registers the operations with behaviour of their own
    value = getattr(importlib.import_module(home, __name__), name)
    globals()[name] = value
    return value
