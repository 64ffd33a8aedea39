"""How much `import betterstack_sdk` costs, against the httpx it cannot avoid.

Each figure is the median of fresh interpreter runs (`python -c "import ..."`), reported with
the ratio to a bare interpreter and to `import httpx`, since absolute times on a shared machine
are noise.

Usage: python bench/import_time.py [--runs N]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time

CASES = {
    "python (nothing)": "pass",
    "import httpx": "import httpx",
    "import betterstack_sdk": "import betterstack_sdk",
    "import one endpoint module": "import betterstack_sdk.api.monitors.list_monitors",
    "import all models": "import betterstack_sdk.models",
    "import betterstack.uptime": "import betterstack.uptime",
    "import betterstack.uptime.objects": "import betterstack.uptime.objects",
}


def _median_seconds(statement: str, runs: int) -> float:
    samples = []
    subprocess.run([sys.executable, "-c", statement], check=True)  # warm the file cache
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-c", statement], check=True)
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


def main() -> None:
    """Print one line per case: median milliseconds and ratios."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    runs = parser.parse_args().runs
    results = {name: _median_seconds(statement, runs) for name, statement in CASES.items()}
    bare, httpx_cost = results["python (nothing)"], results["import httpx"] - results["python (nothing)"]
    print(f"{'case':32} {'median ms':>10} {'over bare':>10} {'x httpx':>8}")
    for name, seconds in results.items():
        extra = seconds - bare
        ratio = f"{extra / httpx_cost:8.2f}" if httpx_cost > 0 else "       -"
        print(f"{name:32} {seconds * 1000:10.1f} {extra * 1000:10.1f} {ratio}")


if __name__ == "__main__":
    main()
