"""A tiny run of `make bench` (bench/report.py), so the benchmark cannot rot; no thresholds."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_the_benchmark_runs_end_to_end_and_writes_its_report(tmp_path: Path) -> None:
    # This interpreter for the SDK and no older package: no venv is built and nothing is fetched.
    command = [sys.executable, str(ROOT / "bench" / "report.py"), "--n", "120", "--runs", "1", "--stream-n", "240"]
    command += ["--build-repeat", "20", "--get-repeat", "5", "--save-repeat", "5", "--import-runs", "1"]
    command += ["--contenders", "objects", "objects-async", "generated", "raw"]
    command += ["--sdk-python", sys.executable, "--out", str(tmp_path)]
    done = subprocess.run(command, capture_output=True, text=True, timeout=300, check=False)
    assert done.returncode == 0, done.stderr[-3000:]
    results = json.loads((tmp_path / "results.json").read_text())
    assert [(case["per_page"], case["latency_ms"]) for case in results["list"]] == [
        (50, 0.0),
        (250, 0.0),
        (50, 20.0),
        (250, 20.0),
    ]
    for case in results["list"]:
        assert sorted(case["samples"]) == ["generated", "objects", "objects-async", "raw"]
        assert all(case["samples"]["objects"]["cpu"])
        assert all(case["samples"]["objects-async"]["cpu"])
    assert sorted(results["get"]) == ["raw", "sdk"]
    assert sorted(results["save"]["sdk"]) == ["changed", "unchanged"]
    assert sorted(results["save"]["raw"]) == ["changed"]
    assert sorted(results["stream"]) == ["120", "240"]
    report = (tmp_path / "RESULTS.md").read_text()
    assert "## Targets (issue #13)" in report
    assert "| list-all CPU vs raw httpx, 50/page, no latency |" in report
    assert (
        "| async list-all wall vs the older package, 50/page, 20 ms latency | - | ≥ 4x faster | not measured |"
        in report
    )
    assert "| async list-all wall vs the sync object layer, 250/page, 20 ms latency |" in report
    assert "| Monitor.get: CPU per call vs raw httpx + json.loads |" in report
    assert "| save() of a changed field: CPU per call vs raw httpx + json.loads |" in report
    assert "| Monitor.get | raw |" in report
    assert "| list-all CPU vs the older package, 50/page, no latency | - | ≥ 3x | not measured |" in report
    assert (tmp_path / "list_all.png").read_bytes().startswith(b"\x89PNG")
