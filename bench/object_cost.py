"""Per-object costs of this SDK against raw httpx and the older package, each measured in its own process.

    build    microseconds to turn one response item (tests/fixtures/get_monitor.json) into a Monitor:
               sdk           `kind_of(Monitor).from_item(api, item)`, what the list path pays per item
               sdk-read-all  the same, then every declared field read once (fields load lazily)
               generated     `MonitorResource.from_dict(item)`, the generated model alone
               old           `Monitor._from_api_response(api, item)` of betterstack-uptime 2.0.1
    get      wall and process-CPU microseconds per `Monitor.get(api, 1)` against the lean local
             server; `raw` is httpx doing the same GET and `json.loads`; `old` the older package's
             `Monitor(id=..., _api=...).fetch_data()`
    save     the same per `save()`: unchanged (no request is expected) and with
             `pronounceable_name` changed (one PATCH, answer applied); `raw` is httpx sending
             that PATCH and `json.loads` of the answer
    import   cold `python -c "import X"` wall milliseconds, minus a bare interpreter's, per venv

Each figure: median [min-max] of K rounds (build: K rounds of R operations in one process; get/save:
K processes of one round of R operations each, the implementations interleaved; import:
--import-runs fresh interpreters per case, interleaved, after one warm-up run), plus the ratio of
the medians.

`bench/report.py` (`make bench`) calls the `measure_*` functions and reports them.
"""

from __future__ import annotations

import os
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
    # The warm-up runs write the bytecode caches, as a user's first import does: with
    # PYTHONDONTWRITEBYTECODE inherited, every run would compile whatever changed since the
    # caches were written, and time the compiler.
    env = {name: value for name, value in os.environ.items() if name != "PYTHONDONTWRITEBYTECODE"}
    with tempfile.TemporaryDirectory() as empty:  # nothing importable in the working directory
        for _venv, python, statement in cases:
            subprocess.run([str(python), "-c", statement], check=True, cwd=empty, env=env)
        for _ in range(runs):
            for venv, python, statement in cases:
                start = time.perf_counter()
                subprocess.run([str(python), "-c", statement], check=True, cwd=empty, env=env)
                samples[(venv, statement)].append((time.perf_counter() - start) * 1000)
    return samples


BUILDS = ("sdk", "sdk-read-all", "generated", "old")
REQUESTS = ("sdk", "raw", "old")
"""The implementations of `get` and `save` (child.py), in the order they run and are reported."""
HTTPX_IMPORT = "import httpx"
MONITOR_IMPORT = "from betterstack.uptime.objects import Monitor"
IMPORT_CASES = (
    ("sdk", "pass"),
    ("sdk", HTTPX_IMPORT),
    ("sdk", "import betterstack_sdk"),
    ("sdk", "import betterstack.uptime"),
    ("sdk", "import betterstack.uptime.objects"),
    ("sdk", MONITOR_IMPORT),
    ("old", "pass"),
    ("old", "import betterstack.uptime"),
)

# A request's figures: wall and CPU microseconds per call, one value per round.
Timings = dict[str, list[float]]


def measure_build(runs: int, repeat: int, old_python: Path | None, sdk_python: Path) -> dict[str, list[float]]:
    """Microseconds per Monitor built from one item, K rounds per implementation (see child.py).

    Without the older package's venv (`old_python` None) its implementation is left out.
    """
    built: dict[str, list[float]] = {}
    for implementation in BUILDS:
        python = old_python if implementation == "old" else sdk_python
        if python is None:
            continue
        result = run_child(python, ["build", implementation, "--repeat", str(repeat), "--rounds", str(runs)])
        built[implementation] = result["us"]
    return built


def _requests(
    command: str, runs: int, repeat: int, old_python: Path | None, sdk_python: Path
) -> dict[str, dict[str, Timings]]:
    """`child.py get|save` of every implementation against one lean server, by implementation and case.

    One round per child, the implementations interleaved (round 1 of each, then round 2, ...), as
    the list-all runs are: drift on a shared machine then spreads over all of them rather than
    landing on whichever ran last, which their ratios would otherwise carry.
    """
    found: dict[str, dict[str, Timings]] = {}
    with serve(10, per_pages=()) as server:
        for _ in range(runs):
            for implementation in REQUESTS:
                python = old_python if implementation == "old" else sdk_python
                if python is None:
                    continue
                arguments = [command, implementation, "--base-url", server.base_url, "--repeat", str(repeat)]
                result = run_child(python, [*arguments, "--rounds", "1"])
                cases = found.setdefault(implementation, {})
                for case, timings in ({"get": result} if command == "get" else result).items():
                    merged = cases.setdefault(case, {"wall_us": [], "cpu_us": []})
                    for key in ("wall_us", "cpu_us"):
                        merged[key] += timings[key]
    return found


def measure_get(runs: int, repeat: int, old_python: Path | None, sdk_python: Path) -> dict[str, Timings]:
    """Wall and CPU microseconds per `Monitor.get` (sdk, old) and per GET + json.loads (raw)."""
    return {
        implementation: cases["get"]
        for implementation, cases in _requests("get", runs, repeat, old_python, sdk_python).items()
    }


def measure_save(runs: int, repeat: int, old_python: Path | None, sdk_python: Path) -> dict[str, dict[str, Timings]]:
    """Wall and CPU microseconds per `save()`, `unchanged` and `changed` (raw: `changed` only)."""
    return _requests("save", runs, repeat, old_python, sdk_python)


def measure_imports(runs: int, old_python: Path, sdk_python: Path) -> dict[tuple[str, str], list[float]]:
    """Cold-import wall milliseconds per (venv, statement), including the bare interpreters."""
    pythons = {"sdk": sdk_python, "old": old_python}
    return _import_ms([(venv, pythons[venv], statement) for venv, statement in IMPORT_CASES], runs)


def measure_cli_startup(runs: int, binary: Path) -> list[float]:
    """Wall milliseconds of `betterstack --help`, the installed script, in a fresh process each run."""
    import os
    import subprocess
    import time

    env = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}
    subprocess.run([str(binary), "--help"], check=True, capture_output=True, env=env)  # compiles the caches
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run([str(binary), "--help"], check=True, capture_output=True, env=env)
        samples.append((time.perf_counter() - start) * 1000)
    return samples
