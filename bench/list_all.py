"""List-all time of four clients against one lean local server, each client in its own process.

Contenders (each lists every monitor with the same per_page, counting and dropping the items):
    objects    this SDK's object layer: `Monitor.filter(api, per_page=P)` (get_all_instances with a page size)
    generated  this SDK's generated layer and its pager: `paginate(api, list_monitors, per_page=P)`
    old        betterstack-uptime 2.0.1 from PyPI (in bench/.venv-old): `Monitor.filter(api, per_page=P)`
    raw        httpx + json.loads following `pagination.next` one page at a time: the floor

Figures per scenario (per_page x added latency): wall and process-CPU seconds of the listing alone
(imports and client construction excluded), medians of K runs with [min-max], peak RSS, and
ratios of the medians against raw httpx and against the older package. Runs are interleaved
(run 1 of every contender, then run 2, ...) so drift on a shared machine spreads evenly.

Usage: python bench/list_all.py [--n 10000] [--runs 5] [--per-page 50 250] [--latency-ms 0 20]
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # `python bench/list_all.py` as well as -m

from bench.common import ensure_old_venv, ensure_sdk_venv, ratio, run_child, summary
from bench.lean_server import serve

CONTENDERS = ("objects", "generated", "old", "raw")


def _cell(values: list[float], digits: int = 3) -> str:
    median, low, high = summary(values)
    return f"{median:.{digits}f} [{low:.{digits}f}-{high:.{digits}f}]"


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


def report(title: str, samples: dict[str, dict[str, list[float]]]) -> None:
    """Print one scenario's table."""
    medians = {c: {k: summary(v)[0] for k, v in s.items()} for c, s in samples.items()}
    print(f"\n{title}")
    header = f"{'contender':10} {'wall s median [min-max]':>26} {'cpu s median [min-max]':>26} {'peak MiB':>9}"
    header += f" {'cpu/raw':>8} {'cpu/old':>8} {'wall/raw':>9} {'wall/old':>9}"
    print(header)
    for contender, values in samples.items():
        mine = medians[contender]
        raw, old = medians.get("raw"), medians.get("old")
        cpu_raw = ratio(mine["cpu"], raw["cpu"]) if raw else "-"
        cpu_old = ratio(mine["cpu"], old["cpu"]) if old else "-"
        wall_raw = ratio(mine["wall"], raw["wall"]) if raw else "-"
        wall_old = ratio(mine["wall"], old["wall"]) if old else "-"
        print(
            f"{contender:10} {_cell(values['wall']):>26} {_cell(values['cpu']):>26} {mine['peak_mib']:9.1f}"
            f" {cpu_raw:>8} {cpu_old:>8} {wall_raw:>9} {wall_old:>9}"
        )


def main() -> None:
    """Run every scenario and print its table; optionally write every sample as JSON."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=10_000, help="monitors served (default 10000)")
    parser.add_argument("--runs", type=int, default=5, help="runs per contender and scenario (default 5)")
    parser.add_argument("--per-page", type=int, nargs="+", default=[50, 250], help="page sizes (default 50 250)")
    parser.add_argument("--latency-ms", type=float, nargs="+", default=[0.0, 20.0], help="added per response")
    parser.add_argument("--contenders", nargs="+", choices=CONTENDERS, default=list(CONTENDERS))
    parser.add_argument("--json", type=Path, help="also write every sample to this file")
    arguments = parser.parse_args()
    old_python = ensure_old_venv() if "old" in arguments.contenders else None
    sdk_python = ensure_sdk_venv()
    print(f"python {sys.version.split()[0]}; N={arguments.n}; K={arguments.runs}; server and clients on 127.0.0.1")
    everything: list[dict[str, Any]] = []
    with serve(arguments.n, per_pages=arguments.per_page) as server:
        for latency_ms in arguments.latency_ms:
            server.set_latency(latency_ms / 1000)
            for per_page in arguments.per_page:
                samples = run_scenario(
                    server.base_url, arguments.n, per_page, arguments.runs, arguments.contenders, old_python, sdk_python
                )
                report(f"N={arguments.n} per_page={per_page} latency={latency_ms:g} ms (K={arguments.runs})", samples)
                everything.append(
                    {"n": arguments.n, "per_page": per_page, "latency_ms": latency_ms, "samples": samples}
                )
                sys.stdout.flush()
    if arguments.json is not None:
        arguments.json.write_text(json.dumps(everything, indent=1) + "\n")


if __name__ == "__main__":
    main()
