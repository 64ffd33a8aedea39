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

from bench.common import ensure_old_venv, ensure_sdk_venv, ratio, run_child, summary
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


def main() -> None:
    """Measure and print the three tables."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="rounds / fresh interpreters per figure (default 5)")
    parser.add_argument("--build-repeat", type=int, default=2000, help="objects built per round (default 2000)")
    parser.add_argument("--save-repeat", type=int, default=200, help="saves per round (default 200)")
    parser.add_argument("--import-runs", type=int, default=15, help="fresh interpreters per import figure (default 15)")
    arguments = parser.parse_args()
    old_python = ensure_old_venv()
    sdk_python = ensure_sdk_venv()
    print(f"python {sys.version.split()[0]}; K={arguments.runs}; server and clients on 127.0.0.1")

    print(f"\nbuild one Monitor from one response item (us; {arguments.build_repeat} per round)")
    built = measure_build(arguments.runs, arguments.build_repeat, old_python, sdk_python)
    old_build = statistics.median(built["old"])
    for implementation, values in built.items():
        print(f"  {implementation:13} {_cell(values):>24}  vs old {ratio(statistics.median(values), old_build)}")

    print(f"\nsave() against the lean server (us; {arguments.save_repeat} per round)")
    saved = measure_save(arguments.runs, arguments.save_repeat, old_python, sdk_python)
    for kind in ("unchanged_us", "changed_us"):
        old_save = statistics.median(saved["old"][kind])
        for implementation, figures in saved.items():
            label = f"{implementation} {kind.removesuffix('_us')}"
            print(
                f"  {label:13} {_cell(figures[kind]):>24}  vs old {ratio(statistics.median(figures[kind]), old_save)}"
            )

    print("\ncold import (ms wall of `python -c`; over bare = minus that venv's bare interpreter)")
    timings = measure_imports(arguments.import_runs, old_python, sdk_python)
    bare = {venv: statistics.median(timings[(venv, "pass")]) for venv in ("sdk", "old")}
    old_import = statistics.median(timings[("old", "import betterstack.uptime")]) - bare["old"]
    print(f"  {'venv':4} {'statement':34} {'ms median [min-max]':>24} {'over bare':>10} {'vs old':>8}")
    for (venv, statement), values in timings.items():
        over = statistics.median(values) - bare[venv]
        versus = ratio(over, old_import) if statement != "pass" else "-"
        print(f"  {venv:4} {statement:34} {_cell(values):>24} {over:10.1f} {versus:>8}")


if __name__ == "__main__":
    main()
