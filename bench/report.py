"""Run every benchmark, then write bench/RESULTS.md, bench/results.json and bench/list_all.png.

This is what `make bench` runs. The figures, the targets of issues #13 and #5 and whether each
holds are all computed here from one run on one machine; RESULTS.md is generated, never edited by hand.

    python bench/report.py [--n 10000] [--runs 5] [--stream-n 100000] [--out bench]

`--contenders` and `--sdk-python` exist for the smoke run in `make test` (tiny sizes, this
interpreter, no older package, no thresholds); see tests/test_bench_smoke.py.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import platform
import statistics
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # `python bench/report.py` as well as -m

from bench.common import ensure_cli_venv, ensure_old_venv, ensure_sdk_venv, ratio, run_child, summary
from bench.lean_server import serve
from bench.list_all import CONTENDERS, run_scenario
from bench.object_cost import (
    BUILDS,
    HTTPX_IMPORT,
    MONITOR_IMPORT,
    REQUESTS,
    measure_build,
    measure_cli_startup,
    measure_get,
    measure_imports,
    measure_save,
)

PER_PAGES = (50, 250)
LATENCIES_MS = (0.0, 20.0)
Samples = dict[str, list[float]]


ISSUES = (13, 14, 5)
"""The issues whose speed targets are checked, newest first; #13 tightened #5's CPU bound."""


@dataclass(frozen=True)
class Target:
    """One target of an issue, measured: the figure, the bound and whether it holds."""

    issue: int
    name: str
    figure: str
    bound: str
    held: bool | None  # None: not measured in this run (a contender was left out)


def _median(values: list[float]) -> float:
    return statistics.median(values)


def _cell(values: list[float], digits: int) -> str:
    median, low, high = summary(values)
    return f"{median:.{digits}f} [{low:.{digits}f}-{high:.{digits}f}]"


def _machine() -> dict[str, str]:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return {
        "cpu": cpu,
        "cores": str(os.cpu_count()),
        "load_start": f"{os.getloadavg()[0]:.2f}",
        "os": platform.platform(),
        "python": platform.python_version(),
        "date": datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M UTC"),
    }


def measure(arguments: argparse.Namespace) -> dict[str, Any]:
    """Every figure, as samples (lists of K values)."""
    contenders = list(arguments.contenders)
    old_python = ensure_old_venv() if "old" in contenders else None
    # absolute(), not resolve(): a venv's python is a symlink to the base interpreter.
    sdk_python = arguments.sdk_python.absolute() if arguments.sdk_python else ensure_sdk_venv()
    results: dict[str, Any] = {"machine": _machine(), "n": arguments.n, "runs": arguments.runs, "list": []}
    with serve(arguments.n, per_pages=PER_PAGES) as server:
        for latency_ms in LATENCIES_MS:
            server.set_latency(latency_ms / 1000)
            for per_page in PER_PAGES:
                print(f"list all: per_page={per_page} latency={latency_ms:g} ms", file=sys.stderr, flush=True)
                samples = run_scenario(
                    server.base_url, arguments.n, per_page, arguments.runs, contenders, old_python, sdk_python
                )
                results["list"].append({"per_page": per_page, "latency_ms": latency_ms, "samples": samples})
    print("streaming memory", file=sys.stderr, flush=True)
    results["stream"] = measure_streaming(arguments.n, arguments.stream_n, arguments.runs, sdk_python)
    print("object cost, get and save()", file=sys.stderr, flush=True)
    results["build"] = measure_build(arguments.runs, arguments.build_repeat, old_python, sdk_python)
    results["get"] = measure_get(arguments.runs, arguments.get_repeat, old_python, sdk_python)
    results["save"] = measure_save(arguments.runs, arguments.save_repeat, old_python, sdk_python)
    if old_python is not None:
        # The full run only (the smoke run in `make test` builds no venv): `betterstack --help`.
        print("command-line start-up", file=sys.stderr, flush=True)
        results["cli_startup_ms"] = measure_cli_startup(arguments.import_runs, ensure_cli_venv())
        print("imports", file=sys.stderr, flush=True)
        imports = measure_imports(arguments.import_runs, old_python, sdk_python)
        results["imports"] = [{"venv": v, "statement": s, "ms": values} for (v, s), values in imports.items()]
    results["machine"]["load_end"] = f"{os.getloadavg()[0]:.2f}"
    return results


def measure_streaming(small: int, large: int, runs: int, sdk_python: Path) -> dict[str, Any]:
    """Peak RSS of the object layer listing `small` and then `large` monitors (50 per page)."""
    peaks: dict[str, Any] = {}
    for n in (small, large):
        with serve(n, per_pages=(50,)) as server:
            command = ["list", "objects", "--base-url", server.base_url, "--per-page", "50"]
            peaks[str(n)] = [run_child(sdk_python, command)["peak_mib"] for _ in range(runs)]
    return peaks


def _times_faster(slow: float | None, fast: float | None, at_least: float) -> tuple[str, bool | None]:
    if slow is None or fast is None:
        return "-", None
    return f"{slow / fast:.1f}x faster", slow / fast >= at_least


def _at_most(numerator: float | None, denominator: float | None, bound: float) -> tuple[str, bool | None]:
    if numerator is None or denominator is None:
        return "-", None
    return ratio(numerator, denominator), numerator / denominator <= bound


def targets(results: dict[str, Any]) -> list[Target]:
    """The targets of issues #13 and #5 against this run's medians."""
    found: list[Target] = []
    by_case = {(case["per_page"], case["latency_ms"]): case["samples"] for case in results["list"]}

    def med(case: tuple[int, float], contender: str, key: str) -> float | None:
        samples = by_case.get(case, {}).get(contender)
        return _median(samples[key]) if samples else None

    # Issue #13 ------------------------------------------------------------------------------
    for per_page in PER_PAGES:
        slow = (per_page, 20.0)
        async_wall, objects_wall, old_wall = (med(slow, c, "wall") for c in ("objects-async", "objects", "old"))
        figure, held = _times_faster(old_wall, async_wall, 4)
        name = f"async list-all wall vs the older package, {per_page}/page, 20 ms latency"
        found.append(Target(13, name, figure, "≥ 4x faster", held))
        figure, held = _at_most(async_wall, objects_wall, 1.0)
        name = f"async list-all wall vs the sync object layer, {per_page}/page, 20 ms latency"
        found.append(Target(13, name, figure, "≤ 1.00x", held))
    for per_page in PER_PAGES:
        figure, held = _at_most(med((per_page, 0.0), "objects", "cpu"), med((per_page, 0.0), "raw", "cpu"), 1.3)
        found.append(Target(13, f"list-all CPU vs raw httpx, {per_page}/page, no latency", figure, "≤ 1.3x", held))
    requests = {"Monitor.get": results.get("get", {}), "save() of a changed field": results.get("save", {})}
    for label, implementations in requests.items():
        cpu = {
            implementation: _median((timings.get("changed") or timings)["cpu_us"])
            for implementation, timings in implementations.items()
        }
        figure, held = _at_most(cpu.get("sdk"), cpu.get("raw"), 1.25)
        if "sdk" in cpu and "raw" in cpu:
            figure += f" ({cpu['sdk']:.0f} vs {cpu['raw']:.0f} µs)"
        found.append(Target(13, f"{label}: CPU per call vs raw httpx + json.loads", figure, "≤ 1.25x", held))
    imports = {(row["venv"], row["statement"]): _median(row["ms"]) for row in results.get("imports", [])}
    name = f"cold `{MONITOR_IMPORT}` over `{HTTPX_IMPORT}` alone (same venv)"
    if imports:
        over = imports[("sdk", MONITOR_IMPORT)] - imports[("sdk", HTTPX_IMPORT)]
        found.append(Target(13, name, f"{over:+.1f} ms", "≤ +15 ms", over <= 15))
    else:
        found.append(Target(13, name, "-", "≤ +15 ms", None))

    # Issue #14 ------------------------------------------------------------------------------
    startup = results.get("cli_startup_ms")
    figure = "-" if not startup else f"{_median(startup):.0f} ms"
    held = None if not startup else _median(startup) < 300
    found.append(Target(14, "`betterstack --help` start-up, installed script, fresh process", figure, "< 300 ms", held))

    # Issue #5 -------------------------------------------------------------------------------
    for per_page in PER_PAGES:
        figure, held = _times_faster(med((per_page, 0.0), "old", "cpu"), med((per_page, 0.0), "objects", "cpu"), 3)
        found.append(Target(5, f"list-all CPU vs the older package, {per_page}/page, no latency", figure, "≥ 3x", held))
        figure, held = _at_most(med((per_page, 20.0), "objects", "wall"), med((per_page, 20.0), "old", "wall"), 1 / 3)
        name = f"list-all wall vs the older package, {per_page}/page, 20 ms latency"
        found.append(Target(5, name, figure, "≤ 0.33x", held))
    build = results.get("build", {})
    sdk_build = _median(build["sdk"]) if "sdk" in build else None
    found.append(
        Target(
            5,
            "build one Monitor from a response item",
            "-" if sdk_build is None else f"{sdk_build:.1f} µs",
            "≤ 30 µs",
            None if sdk_build is None else sdk_build <= 30,
        )
    )
    if imports:
        ours = imports[("sdk", "import betterstack.uptime")] - imports[("sdk", "pass")]
        theirs = imports[("old", "import betterstack.uptime")] - imports[("old", "pass")]
        found.append(
            Target(
                5,
                "cold import of betterstack.uptime vs the older package's",
                f"{ours:.0f} ms vs {theirs:.0f} ms",
                "no slower",
                ours <= theirs,
            )
        )
    else:
        found.append(Target(5, "cold import of betterstack.uptime vs the older package's", "-", "no slower", None))
    stream = results["stream"]
    small, large = (_median(values) for values in stream.values())
    sizes = list(stream)
    found.append(
        Target(
            5,
            f"peak memory streaming {int(sizes[1]):,} vs {int(sizes[0]):,} monitors",
            f"{large:.1f} vs {small:.1f} MiB (+{large - small:.1f})",
            "flat (+≤ 5 MiB)",
            large - small <= 5,
        )
    )
    return found


def write_chart(results: dict[str, Any], path: Path) -> None:
    """Grouped bars of list-all wall and CPU medians (min-max whiskers) per scenario and contender."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    cases = results["list"]
    contenders = [c for c in CONTENDERS if c in cases[0]["samples"]]
    figure, axes = plt.subplots(1, 2, figsize=(12, 4.5))
    width = 0.8 / len(contenders)
    for axis, key, label in ((axes[0], "wall", "wall seconds"), (axes[1], "cpu", "CPU seconds")):
        for index, contender in enumerate(contenders):
            stats = [summary(case["samples"][contender][key]) for case in cases]
            medians = [s[0] for s in stats]
            whiskers = [[s[0] - s[1] for s in stats], [s[2] - s[0] for s in stats]]
            positions = [i + (index - (len(contenders) - 1) / 2) * width for i in range(len(cases))]
            axis.bar(positions, medians, width, yerr=whiskers, capsize=2, label=contender)
        axis.set_xticks(range(len(cases)))
        axis.set_xticklabels([f"{c['per_page']}/page\n{c['latency_ms']:g} ms" for c in cases])
        axis.set_ylabel(label)
        axis.set_title(f"list {results['n']:,} monitors: {label} (median, min-max)")
        axis.legend()
    figure.tight_layout()
    figure.savefig(path, dpi=110)
    plt.close(figure)


def _async_floor(results: dict[str, Any]) -> list[str]:
    """What httpx's async client alone reaches at the SDK's concurrency (`raw-async`), beside the async targets."""
    rows = []
    for case in results["list"]:
        samples = case["samples"]
        if case["latency_ms"] != 20.0 or "raw-async" not in samples or "old" not in samples:
            continue
        floor, old = _median(samples["raw-async"]["wall"]), _median(samples["old"]["wall"])
        rows.append(f"{old / floor:.1f}x at {case['per_page']}/page")
    if not rows:
        return []
    return [
        "The floor of the async targets: `raw-async`, httpx's AsyncClient alone with the same 8 pages in",
        f"flight and no object layer, against the older package at 20 ms latency: {', '.join(rows)} faster.",
        "",
    ]


def render(results: dict[str, Any], found: list[Target], command: str, chart: str | None) -> str:
    """RESULTS.md as text."""
    machine = results["machine"]
    lines = [
        "# Benchmark results",
        "",
        "Generated by `bench/report.py`; do not edit. Ratios between contenders in one run are the",
        "figures to read: absolute times on a shared machine are noise. See README.md here for method.",
        "",
        f"- Machine: {machine['cpu']}, {machine['cores']} cores; {machine['os']}; Python {machine['python']}",
        f"- Run: {machine['date']}; N = {results['n']:,} monitors; K = {results['runs']} runs per figure",
        f"- Load average (1 min) at the start and the end: {machine.get('load_start', '-')}, "
        f"{machine.get('load_end', '-')} on {machine['cores']} cores (other work on the machine spreads the figures)",
        f"- Command: `{command}`",
        "",
    ]
    for issue in ISSUES:
        lines += [
            f"## Targets (issue #{issue})",
            "",
            "| target | this run | bound | holds |",
            "| --- | --- | --- | --- |",
        ]
        for target in (t for t in found if t.issue == issue):
            holds = "not measured" if target.held is None else ("yes" if target.held else "**no**")
            lines.append(f"| {target.name} | {target.figure} | {target.bound} | {holds} |")
        lines.append("")
        if issue == 13:
            lines += _async_floor(results)
    lines += ["## List all monitors", ""]
    if chart:
        lines += [f"![list-all wall and CPU time]({chart})", ""]
    lines += [
        "Seconds, median [min-max] of K runs, each run in a fresh process; ratios are of medians.",
        "Every contender reads one field (the URL) of every item.",
        "",
    ]
    for case in results["list"]:
        samples = case["samples"]
        raw, old = samples.get("raw"), samples.get("old")
        lines += [
            f"### {case['per_page']} per page, {case['latency_ms']:g} ms added latency",
            "",
            "| contender | wall s | CPU s | peak MiB | CPU / raw | CPU / old | wall / old |",
            "| --- | --- | --- | --- | --- | --- | --- |",
        ]
        for contender, values in samples.items():
            cpu_raw = ratio(_median(values["cpu"]), _median(raw["cpu"])) if raw else "-"
            cpu_old = ratio(_median(values["cpu"]), _median(old["cpu"])) if old else "-"
            wall_old = ratio(_median(values["wall"]), _median(old["wall"])) if old else "-"
            lines.append(
                f"| {contender} | {_cell(values['wall'], 3)} | {_cell(values['cpu'], 3)} | "
                f"{_median(values['peak_mib']):.1f} | {cpu_raw} | {cpu_old} | {wall_old} |"
            )
        lines.append("")
    lines += ["## Streaming memory", "", "Peak RSS (MiB) of the object layer listing every monitor, 50 per page.", ""]
    lines += ["| monitors | peak MiB |", "| --- | --- |"]
    lines += [f"| {int(n):,} | {_cell(values, 1)} |" for n, values in results["stream"].items()]
    lines.append("")
    build = results.get("build", {})
    if build:
        lines += ["## One object", "", "Building one Monitor from a response item (no request):"]
        lines += ["microseconds, median [min-max] of K rounds.", ""]
        lines += ["| build | µs | vs old |", "| --- | --- | --- |"]
        old_build = _median(build["old"]) if "old" in build else None
        for implementation in (i for i in BUILDS if i in build):
            values = build[implementation]
            versus = ratio(_median(values), old_build) if old_build else "-"
            lines.append(f"| {implementation} | {_cell(values, 1)} | {versus} |")
        lines.append("")
    if results.get("get") or results.get("save"):
        lines += ["## One request: get and save()", ""]
        lines += [
            "Microseconds per call against the lean server, wall and process CPU (the server runs in",
            "another process), median [min-max] of K rounds. `raw`: httpx sending the same request and",
            "`json.loads` of the answer.",
            "",
            "| operation | implementation | wall µs | CPU µs | CPU / raw | CPU / old |",
            "| --- | --- | --- | --- | --- | --- |",
        ]
        rows: list[tuple[str, dict[str, Any]]] = [("Monitor.get", {k: {"get": v} for k, v in results["get"].items()})]
        rows += [(f"save(), {case}", results["save"]) for case in ("unchanged", "changed")]
        for label, implementations in rows:
            case = label.removeprefix("save(), ") if label.startswith("save") else "get"
            cpu = {i: _median(t[case]["cpu_us"]) for i, t in implementations.items() if case in t}
            for implementation in (i for i in REQUESTS if i in cpu):
                timings = implementations[implementation][case]
                cpu_raw = ratio(cpu[implementation], cpu["raw"]) if "raw" in cpu else "-"
                cpu_old = ratio(cpu[implementation], cpu["old"]) if "old" in cpu else "-"
                lines.append(
                    f"| {label} | {implementation} | {_cell(timings['wall_us'], 1)} | "
                    f"{_cell(timings['cpu_us'], 1)} | {cpu_raw} | {cpu_old} |"
                )
        lines.append("")
    if results.get("imports"):
        lines += ["## Cold import", "", "Milliseconds of `python -c STATEMENT` in a fresh interpreter.", ""]
        lines += ["| venv | statement | ms | over a bare interpreter |", "| --- | --- | --- | --- |"]
        bare = {row["venv"]: _median(row["ms"]) for row in results["imports"] if row["statement"] == "pass"}
        for row in results["imports"]:
            over = _median(row["ms"]) - bare[row["venv"]]
            lines.append(f"| {row['venv']} | `{row['statement']}` | {_cell(row['ms'], 1)} | {over:.1f} |")
        lines.append("")
    return "\n".join(lines)


def main() -> None:
    """Measure, then write the three files."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=10_000, help="monitors served (default 10000)")
    parser.add_argument("--runs", type=int, default=5, help="runs per figure (default 5)")
    parser.add_argument("--stream-n", type=int, default=100_000, help="monitors for the memory figure")
    parser.add_argument("--build-repeat", type=int, default=2000)
    parser.add_argument("--get-repeat", type=int, default=200)
    parser.add_argument("--save-repeat", type=int, default=200)
    parser.add_argument("--import-runs", type=int, default=15)
    parser.add_argument("--contenders", nargs="+", choices=CONTENDERS, default=list(CONTENDERS))
    parser.add_argument("--sdk-python", type=Path, help="run this SDK's contenders under this interpreter")
    parser.add_argument("--out", type=Path, default=Path(__file__).resolve().parent)
    arguments = parser.parse_args()
    results = measure(arguments)
    found = targets(results)
    arguments.out.mkdir(parents=True, exist_ok=True)
    write_chart(results, arguments.out / "list_all.png")
    command = " ".join(["python bench/report.py", *sys.argv[1:]])
    (arguments.out / "RESULTS.md").write_text(render(results, found, command, "list_all.png"))
    (arguments.out / "results.json").write_text(
        json.dumps({**results, "targets": [t.__dict__ for t in found]}, indent=1)
    )
    for target in found:
        holds = "not measured" if target.held is None else ("holds" if target.held else "MISSED")
        print(f"{holds:>12}  {target.name}: {target.figure} (bound {target.bound})")
    print(f"wrote {arguments.out / 'RESULTS.md'}")


if __name__ == "__main__":
    main()
