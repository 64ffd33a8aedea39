"""Per-object costs of this SDK against the older package, each measured in its own process.

    build    microseconds to turn one response item (tests/fixtures/get_monitor.json) into a Monitor:
               sdk           `Monitor._from_item(api, item)`, what the list path pays per item
               sdk-read-all  the same, then every declared field read once (fields load lazily)
               generated     `MonitorResource.from_dict(item)`, the generated model alone
               old           `Monitor._from_api_response(api, item)` of betterstack-uptime 2.0.1
    save     microseconds per `save()` against the lean local server: unchanged (no request is
             expected) and with `pronounceable_name` changed (one PATCH, answer applied)
    import   cold `python -c "import X"` wall milliseconds, minus a bare interpreter's, per venv

Each figure: median [min-max] of K rounds (build/save: K rounds of R operations in one process;
import: --import-runs fresh interpreters per case, interleaved, after one warm-up run), plus the ratio of the medians.

`bench/report.py` (`make bench`) calls the three `measure_*` functions and reports them.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # `python bench/object_cost.py` as well as -m

from bench.common import run_child
from bench.lean_server import serve


def _import_ms(cases: list[tuple[str, Path, str]], runs: int) -> dict[tuple[str, str], list[float]]:
    """Wall milliseconds of `runs` fresh `python -c statement` per case, interleaved round by round
    (after one run of each to warm the file cache), so drift on a shared machine hits every case alike."""
    samples: dict[tuple[str, str], list[float]] = {(venv, statement): [] for venv, _, statement in cases}
    with tempfile.TemporaryDirectory() as empty:  # nothing importable in the working directory
        for _venv, python, statement in cases:
            subprocess.run([str(python), "-c", statement], check=True, cwd=empty)
        for _ in range(runs):
            for venv, python, statement in cases:
                start = time.perf_counter()
                subprocess.run([str(python), "-c", statement], check=True, cwd=empty)
                samples[(venv, statement)].append((time.perf_counter() - start) * 1000)
    return samples


BUILDS = ("sdk", "sdk-read-all", "generated", "old")
IMPORT_CASES = (
    ("sdk", "pass"),
    ("sdk", "import betterstack_sdk"),
    ("sdk", "import betterstack.uptime"),
    ("sdk", "import betterstack.uptime.objects"),
    ("old", "pass"),
    ("old", "import betterstack.uptime"),
)


def measure_build(runs: int, repeat: int, old_python: Path, sdk_python: Path) -> dict[str, list[float]]:
    """Microseconds per Monitor built from one item, K rounds per implementation (see child.py)."""
    built: dict[str, list[float]] = {}
    for implementation in BUILDS:
        python = old_python if implementation == "old" else sdk_python
        result = run_child(python, ["build", implementation, "--repeat", str(repeat), "--rounds", str(runs)])
        built[implementation] = result["us"]
    return built


def measure_save(runs: int, repeat: int, old_python: Path, sdk_python: Path) -> dict[str, dict[str, list[float]]]:
    """Microseconds per `save()`, unchanged and changed, against the lean server."""
    saved: dict[str, dict[str, list[float]]] = {}
    with serve(10, per_pages=()) as server:
        for implementation, python in (("sdk", sdk_python), ("old", old_python)):
            command = ["save", implementation, "--base-url", server.base_url, "--repeat", str(repeat)]
            saved[implementation] = run_child(python, [*command, "--rounds", str(runs)])
    return saved


def measure_imports(runs: int, old_python: Path, sdk_python: Path) -> dict[tuple[str, str], list[float]]:
    """Cold-import wall milliseconds per (venv, statement), including the bare interpreters."""
    pythons = {"sdk": sdk_python, "old": old_python}
    return _import_ms([(venv, pythons[venv], statement) for venv, statement in IMPORT_CASES], runs)
