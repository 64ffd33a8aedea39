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
# This SDK's contenders run under the interpreter running the benchmark (the project's .venv).
SDK_PYTHON = Path(sys.executable)


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
    subprocess.run(["python3", "-m", "venv", "--clear", str(OLD_VENV)], check=True)
    subprocess.run([str(OLD_PYTHON), "-m", "pip", "install", "--quiet", OLD_REQUIREMENT], check=True)
    subprocess.run(check, check=True, capture_output=True)
    return OLD_PYTHON


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
