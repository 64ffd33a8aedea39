"""A stateful, in-memory Better Stack Uptime API for tests and demos, served from the spec.

    from betterstack.uptime import UptimeAPI
    from betterstack.uptime.testing import FakeUptime

    fake = FakeUptime()
    api = UptimeAPI("test-token", transport=fake.transport)

or over real HTTP: `with serve(fake) as running: UptimeAPI("test-token", base_url=running.base_url)`,
or `python -m betterstack.uptime.testing --port 8080`. Needs the `testing` extra (jsonschema).
"""

from . import _handlers as _handlers  # registers the operations with behaviour of their own
from ._fake import DEFAULT_TOKEN, FakeResponse, FakeUptime
from ._faults import Fault
from ._server import RunningFake, serve
from ._validation import ContractViolation

__all__ = ["DEFAULT_TOKEN", "ContractViolation", "FakeResponse", "FakeUptime", "Fault", "RunningFake", "serve"]
