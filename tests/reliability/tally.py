"""The figures the reliability suite reports at the end of a run (see README.md here).

Tests add to them with `count(...)`; `conftest.py` prints them in pytest's summary. A figure
that must stay zero (duplicates, lost edits, leaked secrets) is also asserted by the test that
counts it, so a non-zero figure is always a failing test too.
"""

from __future__ import annotations

import os
from collections import Counter

FIGURES = (
    "faults injected",
    "operations run",
    "duplicates found",
    "edits lost",
    "fuzz cases run",
    "secrets found in output",
    "requests after close or a walk's end",
)

TALLY: Counter[str] = Counter()

NOTES: dict[str, str] = {}
"""Measurements printed after the figures, such as the peak memory of a refused body."""

LONG = os.environ.get("BETTERSTACK_RELIABILITY_LONG") == "1"
"""Long variants: `BETTERSTACK_RELIABILITY_LONG=1 make pytest`; CI runs the short default."""


def count(figure: str, n: int = 1) -> None:
    """Add `n` to one of `FIGURES`."""
    if figure not in FIGURES:
        raise ValueError(f"unknown figure {figure!r}; one of {FIGURES}")
    TALLY[figure] += n


def size(short: int, long: int) -> int:
    """A loop count: `short` in CI, `long` with BETTERSTACK_RELIABILITY_LONG=1."""
    return long if LONG else short


def note(name: str, value: str) -> None:
    """Record a measurement to print at the end of the run."""
    NOTES[name] = value
