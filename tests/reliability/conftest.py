"""Hypothesis profiles for the reliability suite, and the summary of its figures."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, settings

from reliability.tally import FIGURES, LONG, NOTES, TALLY

settings.register_profile(
    "reliability-short",
    max_examples=40,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
settings.register_profile(
    "reliability-long",
    max_examples=1000,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
settings.load_profile("reliability-long" if LONG else "reliability-short")


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    if not TALLY and not NOTES:
        return
    mode = "long" if LONG else "short"
    terminalreporter.write_sep("-", f"reliability figures ({mode} run)")
    for figure in FIGURES:
        terminalreporter.write_line(f"{figure}: {TALLY[figure]}")
    for name, value in NOTES.items():
        terminalreporter.write_line(f"{name}: {value}")
