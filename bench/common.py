"""What the benchmark scripts share: the interpreters, the older package's venv, running a child, statistics."""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

BENCH = Path(__file__).resolve().parent
CHILD = BENCH / "child.py"
OLD_VENV = BENCH / ".venv-old"
OLD_PYTHON = OLD_VENV / "bin" / "python"
OLD_REQUIREMENT = "betterstack-uptime==2.0.1"
OLD_VERSION = OLD_REQUIREMENT.split("==")[1]
ROOT = BENCH.parent
# This SDK's contenders run in a venv holding only what a user installs: the SDK (editable, so it
# is always the working tree) and its runtime dependencies at the project's pinned versions. The
# project's .venv also holds the dev tools, some of which httpx imports when present (rich, click).
SDK_VENV = BENCH / ".venv-sdk"
SDK_PYTHON = SDK_VENV / "bin" / "python"
# The command line's start-up runs from a venv with the `cli` extra as a user installs it; kept
# apart from .venv-sdk, whose httpx would otherwise import rich and click (see above).
CLI_VENV = BENCH / ".venv-cli"
CLI_BINARY = CLI_VENV / "bin" / "betterstack"
# An older-package install that pins what it pulls in, so its figures are reproducible.
OLD_CONSTRAINTS = BENCH / "old-constraints.txt"


def ensure_old_venv() -> Path:
    """The older package's interpreter; creates bench/.venv-old with it on first use.

    Its import path `betterstack.uptime` is this SDK's too, so it can never share a venv with it.
    """
    check = [str(OLD_PYTHON), "-c", "import importlib.metadata as m; print(m.version('betterstack-uptime'))"]
    if OLD_PYTHON.exists():
        found = subprocess.run(check, capture_output=True, text=True, check=False)
        if found.returncode == 0 and found.stdout.strip() == OLD_VERSION:
            return OLD_PYTHON
    print(f"creating {OLD_VENV} with {OLD_REQUIREMENT} ...", file=sys.stderr, flush=True)
    subprocess.run([sys.executable, "-m", "venv", "--clear", str(OLD_VENV)], check=True)
    install = [str(OLD_PYTHON), "-m", "pip", "install", "--quiet", "-c", str(OLD_CONSTRAINTS), OLD_REQUIREMENT]
    subprocess.run(install, check=True)
    subprocess.run(check, check=True, capture_output=True)
    return OLD_PYTHON


def _ensure_venv(venv: Path, requirement: str, what: str) -> None:
    """Make `venv` with `requirement` installed editable at the project's pins, unless it is current."""
    stamp = venv / ".installed"
    sources = [ROOT / "pyproject.toml", ROOT / "constraints.txt"]
    if stamp.exists() and all(source.stat().st_mtime <= stamp.stat().st_mtime for source in sources):
        return
    print(f"creating {venv} with {what} ...", file=sys.stderr, flush=True)
    subprocess.run([sys.executable, "-m", "venv", "--clear", str(venv)], check=True)
    python = venv / "bin" / "python"
    install = [str(python), "-m", "pip", "install", "--quiet", "-c", str(ROOT / "constraints.txt"), "-e", requirement]
    subprocess.run(install, check=True)
    stamp.touch()


def ensure_sdk_venv() -> Path:
    """The interpreter of bench/.venv-sdk (this SDK and its runtime dependencies only); made on first use."""
    _ensure_venv(SDK_VENV, str(ROOT), "this SDK and its runtime dependencies")
    return SDK_PYTHON


def ensure_cli_venv() -> Path:
    """The `betterstack` script of bench/.venv-cli (this SDK with its `cli` extra); made on first use."""
    _ensure_venv(CLI_VENV, f"{ROOT}[cli]", "this SDK and its cli extra")
    return CLI_BINARY


def run_child(python: Path, arguments: Sequence[str], *, timeout: float = 600) -> dict[str, Any]:
    """Run bench/child.py under `python` in a fresh process and return the JSON it prints."""
    done = subprocess.run(
        [str(python), str(CHILD), *arguments], capture_output=True, text=True, timeout=timeout, check=False
    )
    if done.returncode != 0:
        raise RuntimeError(f"child {' '.join(arguments)} failed ({done.returncode}):\n{done.stderr[-3000:]}")
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def summary(values: Sequence[float]) -> tuple[float, float, float]:
    """(median, min, max)."""
    return statistics.median(values), min(values), max(values)


def ratio(numerator: float, denominator: float) -> str:
    """`numerator / denominator` as `1.23x`, or `-` when it cannot be formed."""
    return f"{numerator / denominator:.2f}x" if denominator > 0 else "-"
