"""Per-object costs of this SDK against the older package, each measured in its own process.

    build    microseconds to turn one response item (tests/fixtures/get_monitor.json) into a Monitor:
               sdk-item      `Monitor._from_api_response(api, item)` (this SDK, from the raw dict)
               sdk-resource  `Monitor._from_resource(api, MonitorResource.from_dict(item))`, what the
                             list path pays per item (generated model, then object)
               old           `Monitor._from_api_response(api, item)` of betterstack-uptime 2.0.1
    save     microseconds per `save()` against the lean local server: unchanged (no request is
             expected) and with `pronounceable_name` changed (one PATCH, answer applied)
    import   cold `python -c "import X"` wall milliseconds, minus a bare interpreter's, per venv

Each figure: median [min-max] of K rounds (build/save: K rounds of R operations in one process;
import: --import-runs fresh interpreters per case, interleaved, after one warm-up run), plus the ratio of the medians.

Usage: python bench/object_cost.py [--runs 5] [--build-repeat 2000] [--save-repeat 200] [--import-runs 15]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # `python bench/object_cost.py` as well as -m

from bench.common import SDK_PYTHON, ensure_old_venv, ratio, run_child, summary
from bench.lean_server import serve


def _cell(values: list[float], digits: int = 1) -> str:
    median, low, high = summary(values)
    return f"{median:.{digits}f} [{low:.{digits}f}-{high:.{digits}f}]"


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


def main() -> None:
    """Measure and print the three tables."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="rounds / fresh interpreters per figure (default 5)")
    parser.add_argument("--build-repeat", type=int, default=2000, help="objects built per round (default 2000)")
    parser.add_argument("--save-repeat", type=int, default=200, help="saves per round (default 200)")
    parser.add_argument("--import-runs", type=int, default=15, help="fresh interpreters per import figure (default 15)")
    arguments = parser.parse_args()
    runs = str(arguments.runs)
    old_python = ensure_old_venv()
    print(f"python {sys.version.split()[0]}; K={arguments.runs}; server and clients on 127.0.0.1")

    print(f"\nbuild one Monitor from one response item (us; {arguments.build_repeat} per round)")
    built: dict[str, list[float]] = {}
    for implementation, python in (("sdk-item", SDK_PYTHON), ("sdk-resource", SDK_PYTHON), ("old", old_python)):
        result = run_child(python, ["build", implementation, "--repeat", str(arguments.build_repeat), "--rounds", runs])
        built[implementation] = result["us"]
    old_build = statistics.median(built["old"])
    for implementation, values in built.items():
        print(f"  {implementation:13} {_cell(values):>24}  vs old {ratio(statistics.median(values), old_build)}")

    print(f"\nsave() against the lean server (us; {arguments.save_repeat} per round)")
    saved: dict[str, dict[str, list[float]]] = {}
    with serve(10, per_pages=()) as server:
        for implementation, python in (("sdk", SDK_PYTHON), ("old", old_python)):
            command = ["save", implementation, "--base-url", server.base_url]
            saved[implementation] = run_child(
                python, [*command, "--repeat", str(arguments.save_repeat), "--rounds", runs]
            )
    for kind in ("unchanged_us", "changed_us"):
        old_save = statistics.median(saved["old"][kind])
        for implementation, figures in saved.items():
            label = f"{implementation} {kind.removesuffix('_us')}"
            print(
                f"  {label:13} {_cell(figures[kind]):>24}  vs old {ratio(statistics.median(figures[kind]), old_save)}"
            )

    print("\ncold import (ms wall of `python -c`; over bare = minus that venv's bare interpreter)")
    cases = [
        ("sdk", SDK_PYTHON, "pass"),
        ("sdk", SDK_PYTHON, "import betterstack_sdk"),
        ("sdk", SDK_PYTHON, "import betterstack.uptime"),
        ("sdk", SDK_PYTHON, "import betterstack.uptime.objects"),
        ("old", old_python, "pass"),
        ("old", old_python, "import betterstack.uptime"),
    ]
    timings = _import_ms(cases, arguments.import_runs)
    bare = {venv: statistics.median(timings[(venv, "pass")]) for venv in ("sdk", "old")}
    old_import = statistics.median(timings[("old", "import betterstack.uptime")]) - bare["old"]
    print(f"  {'venv':4} {'statement':34} {'ms median [min-max]':>24} {'over bare':>10} {'vs old':>8}")
    for (venv, statement), values in timings.items():
        over = statistics.median(values) - bare[venv]
        versus = ratio(over, old_import) if statement != "pass" else "-"
        print(f"  {venv:4} {statement:34} {_cell(values):>24} {over:10.1f} {versus:>8}")


if __name__ == "__main__":
    main()
