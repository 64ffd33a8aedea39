"""Make the test helpers importable as plain modules."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

# Every answer the fake gives anywhere in the suite is checked against the spec.
from betterstack.uptime.testing import FakeUptime

FakeUptime.check_contract = True

# The fixture `installed`: the SDK built as a wheel and installed into a fresh venv, once a session.
pytest_plugins = ["installed", "drivers", "cli_runs"]
