"""List-all time of five clients against one lean local server, each client in its own process.

Contenders (each lists every monitor with the same per_page, reading every item's URL):
    objects        this SDK's object layer: `Monitor.filter(api, per_page=P)` (get_all_instances with a page size)
    objects-async  the same, async: `[m.url async for m in Monitor.afilter(api, per_page=P)]` under asyncio.run
    generated      this SDK's generated layer and its pager: `paginate(api, list_monitors, per_page=P)`
    old            betterstack-uptime 2.0.1 from PyPI (in bench/.venv-old): `Monitor.filter(api, per_page=P)`
    raw            httpx + json.loads following `pagination.next` one page at a time: the floor
    raw-async      httpx.AsyncClient + json.loads, the first page then 8 in flight (`max_workers`'
                   default): the floor of the async contenders at the SDK's concurrency

Figures per scenario (per_page x added latency): wall and process-CPU seconds of the listing alone
(imports and client construction excluded), medians of K runs with [min-max], peak RSS, and
ratios of the medians against raw httpx and against the older package. Runs are interleaved
(run 1 of every contender, then run 2, ...) so drift on a shared machine spreads evenly.

`bench/report.py` (`make bench`) runs every scenario through `run_scenario` and reports them.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # `python bench/list_all.py` as well as -m

from bench.common import run_child

CONTENDERS = ("objects", "objects-async", "generated", "old", "raw", "raw-async")


def run_scenario(
    base_url: str, n: int, per_page: int, runs: int, contenders: list[str], old_python: Path | None, sdk_python: Path
) -> dict[str, dict[str, list[float]]]:
    """K interleaved runs of every contender; returns wall, cpu and peak_mib samples by contender."""
    samples: dict[str, dict[str, list[float]]] = {c: {"wall": [], "cpu": [], "peak_mib": []} for c in contenders}
    for _ in range(runs):
        for contender in contenders:
            python = old_python if contender == "old" else sdk_python
            assert python is not None
            result = run_child(python, ["list", contender, "--base-url", base_url, "--per-page", str(per_page)])
            if result["count"] != n:
                raise SystemExit(f"{contender} listed {result['count']} monitors, expected {n}")
            for key in ("wall", "cpu", "peak_mib"):
                samples[contender][key].append(float(result[key]))
    return samples
