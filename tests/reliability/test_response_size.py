"""Bodies built to exhaust memory end in `ResponseTooLargeError`, having cost about the limit.

Over real HTTP on 127.0.0.1: a 1 MiB gzip body of 1 GiB of zeros, the same two gzip codings
deep (1.3 KB), and a body that never ends, written as fast as the socket takes it. Each call
runs in a child process of its own with the default `max_response_bytes` (64 MiB), so that its
peak memory can be measured: the peak RSS during the call (`VmHWM` in `/proc/self/status`; not
`ru_maxrss`, which after an exec still holds the parent's) over the RSS at its start (`VmRSS`),
and the peak of Python's allocations (`tracemalloc`). The child's
address space is capped at 1 GiB, so a client without the limit fails with MemoryError rather
than taking the machine's memory.
"""

from __future__ import annotations

import gzip
import itertools
import json
import subprocess
import sys
from collections.abc import Iterator

import pytest
from hostile_bodies import MIB, gzip_bomb

from local_server import CannedResponse, LocalServer, RecordedRequest, running_server
from reliability.tally import note
from wire import fixture

LIMIT = 64 * MIB
ADDRESS_SPACE = 1024 * MIB

# The child: one warm-up call (imports, the pool, the models), then the measured one.
CHILD = r"""
import asyncio, json, resource, sys, time, tracemalloc

base_url, monitor_id, mode, cap = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
resource.setrlimit(resource.RLIMIT_AS, (cap, cap))

from betterstack.uptime import UptimeAPI
from betterstack_sdk.api.monitors import get_monitor

api = UptimeAPI("memory-test-token", base_url=base_url, retries=0)


def call(monitor):
    if mode == "async":
        return asyncio.run(api.acall(get_monitor, monitor_id=monitor))
    return api.call(get_monitor, monitor_id=monitor)


def status(field):
    with open("/proc/self/status") as lines:
        return next(int(line.split()[1]) * 1024 for line in lines if line.startswith(field + ":"))


call("0")
with open("/proc/self/clear_refs", "w") as clear_refs:
    clear_refs.write("5")  # VmHWM back to the current RSS: the peak is the measured call's own
before = status("VmRSS")
tracemalloc.start()
start = time.perf_counter()
try:
    call(monitor_id)
    outcome, message = "returned", ""
except BaseException as error:
    outcome, message = type(error).__name__, str(error)
seconds = time.perf_counter() - start
traced = tracemalloc.get_traced_memory()[1]
tracemalloc.stop()
peak = status("VmHWM")
print(json.dumps({"outcome": outcome, "message": message, "seconds": seconds, "traced": traced,
                  "rss_growth": peak - before, "rss_peak": peak}))
"""


@pytest.fixture(scope="module")
def server() -> Iterator[LocalServer]:
    """The server: `/api/v2/monitors/0` a monitor, the others the bodies their names say."""
    bomb = gzip_bomb(1024)
    bodies = {
        "bomb": CannedResponse(200, bomb, headers=(("Content-Encoding", "gzip"),)),
        "stacked": CannedResponse(200, gzip.compress(bomb), headers=(("Content-Encoding", "gzip, gzip"),)),
    }

    def answer(request: RecordedRequest) -> CannedResponse:
        monitor = request.path.rsplit("/", 1)[-1]
        if monitor == "endless":
            return CannedResponse(200, chunks=itertools.repeat(b" " * MIB))
        return bodies.get(monitor) or CannedResponse(200, json.dumps(fixture("get_monitor")).encode())

    with running_server(answer) as running:
        yield running


@pytest.mark.parametrize(
    ("monitor", "mode", "what"),
    [
        ("bomb", "sync", "a 1 GiB gzip bomb (1.0 MiB sent)"),
        ("stacked", "sync", "a 1 GiB bomb two gzip codings deep (1.3 KB sent)"),
        ("endless", "sync", "an endless body"),
        ("endless", "async", "an endless body, async"),
    ],
)
def test_a_hostile_body_is_refused_in_about_the_limits_memory(
    server: LocalServer, monitor: str, mode: str, what: str
) -> None:
    child = subprocess.run(
        [sys.executable, "-c", CHILD, server.base_url, monitor, mode, str(ADDRESS_SPACE)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert child.returncode == 0, child.stderr
    result = json.loads(child.stdout)
    assert result["outcome"] == "ResponseTooLargeError", result
    assert "max_response_bytes (67,108,864 bytes)" in result["message"]
    # The body kept up to the limit, a step of decoding on top, and the interpreter's own churn.
    assert result["traced"] < LIMIT + 4 * MIB, result
    assert result["rss_growth"] < LIMIT + 32 * MIB, result
    assert result["seconds"] < 10, result
    note(
        f"peak memory refusing {what}, {LIMIT // MIB} MiB limit",
        f"RSS +{result['rss_growth'] / MIB:.0f} MiB (peak {result['rss_peak'] / MIB:.0f} MiB), "
        f"{result['traced'] / MIB:.0f} MiB traced, {result['seconds']:.2f} s",
    )
