"""One measurement in a fresh interpreter; prints one JSON line. Run by list_all.py and object_cost.py (for report.py).

It imports only the standard library at the top, so the same file runs under this project's venv
(contenders `objects`, `objects-async`, `generated`, `raw`, `sdk`) and under bench/.venv-old
(contender `old`), whose `betterstack.uptime` is the older package. The older package is imported
through importlib, so mypy sees `Any` there and never confuses it with this SDK's `betterstack.uptime`.

    python bench/child.py list  CONTENDER --base-url URL --per-page P
    python bench/child.py build IMPL --repeat R --rounds K
    python bench/child.py get   IMPL --base-url URL --repeat R --rounds K
    python bench/child.py save  IMPL --base-url URL --repeat R --rounds K

`list` times listing every monitor (client construction and imports excluded): wall seconds,
process CPU seconds (all threads), the item count and the peak RSS. `build` prints microseconds
per operation for each of K rounds of R operations; `get` and `save` print wall and process-CPU
microseconds per call for each round.
"""

from __future__ import annotations

import argparse
import importlib
import json
import resource
import sys
import time
from collections.abc import Callable, Coroutine, Iterator
from pathlib import Path
from typing import Any

FIXTURE = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "get_monitor.json"
TOKEN = "bench-token"


def _old() -> Any:
    """The older package (betterstack-uptime 2.0.1), only importable under bench/.venv-old."""
    return importlib.import_module("betterstack.uptime")


def _old_api(base_url: str) -> Any:
    old = _old()
    return old.PaginatedAPI(base_url + "/api/v2/", old.BearerAuth(TOKEN))


def _sdk_api(base_url: str) -> Any:
    from betterstack.uptime import UptimeAPI

    return UptimeAPI(TOKEN, base_url=base_url)


# list ----------------------------------------------------------------------------------------


# Each lister returns the listing to time and how to read one item's URL: every contender reads
# one field of every item, as a caller using the list would, so lazy loading is not free here.
Lister = tuple[Callable[[], Iterator[Any]], Callable[[Any], object]]


def _list_objects(base_url: str, per_page: int) -> Lister:
    from betterstack.uptime.objects import Monitor

    api = _sdk_api(base_url)
    return lambda: Monitor.filter(api, per_page=per_page), lambda monitor: monitor.url


def _list_generated(base_url: str, per_page: int) -> Lister:
    from betterstack.uptime import paginate
    from betterstack_sdk.api.monitors import list_monitors

    api = _sdk_api(base_url)
    return lambda: paginate(api, list_monitors, per_page=per_page), lambda resource: resource.attributes.url


def _list_old(base_url: str, per_page: int) -> Lister:
    monitor = _old().Monitor
    api = _old_api(base_url)
    return lambda: monitor.filter(api, per_page=per_page), lambda monitor: monitor.url


def _list_raw(base_url: str, per_page: int) -> Lister:
    import httpx

    client = httpx.Client(headers={"Authorization": f"Bearer {TOKEN}", "Accept": "application/json"})

    def items() -> Iterator[Any]:
        url: str | None = f"{base_url}/api/v2/monitors?per_page={per_page}"
        while url is not None:
            body = json.loads(client.get(url).content)
            yield from body["data"]
            url = body["pagination"]["next"]

    return items, lambda item: item["attributes"]["url"]


LISTERS: dict[str, Callable[[str, int], Lister]] = {
    "objects": _list_objects,
    "generated": _list_generated,
    "old": _list_old,
    "raw": _list_raw,
}


ASYNC_LISTERS = ("objects-async", "raw-async")
READ_AHEAD = 8
"""Pages in flight for `raw-async`: `max_workers`' default, as the SDK's async walk keeps."""


def _timed_async(contender: str, urls: Coroutine[Any, Any, list[str | None]]) -> dict[str, Any]:
    """`asyncio.run(urls)` timed as a whole: the loop's start and end, its connections closed."""
    import asyncio

    wall, cpu = time.perf_counter(), time.process_time()
    found = asyncio.run(urls)
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    if any(url is None for url in found):
        raise SystemExit(f"{contender}: an item without its URL")
    return {"count": len(found), "wall": wall, "cpu": cpu, "peak_mib": _peak_kib() / 1024}


def _run_list_async(base_url: str, per_page: int) -> dict[str, Any]:
    """`[m.url async for m in Monitor.afilter(api, per_page=P)]` under asyncio.run, the client made outside it.

    Timed: asyncio.run as a whole (the loop's start and end, its async connections closed),
    not the imports nor the client, as for the sync contenders.
    """
    from betterstack.uptime.objects import Monitor

    api = _sdk_api(base_url)

    async def urls() -> list[str | None]:
        return [monitor.url async for monitor in Monitor.afilter(api, per_page=per_page)]

    return _timed_async("objects-async", urls())


def _run_list_raw_async(base_url: str, per_page: int) -> dict[str, Any]:
    """httpx.AsyncClient and json.loads: the first page, then the rest with READ_AHEAD in flight.

    The floor of the async contenders at the SDK's concurrency: the walk `objects-async` makes
    (pages in order, each taken replaced by the next), without objects, checks or retries.
    Timed as `objects-async` is.
    """
    import asyncio
    from collections import deque
    from itertools import islice
    from urllib.parse import parse_qs, urlsplit

    import httpx

    headers = {"Authorization": f"Bearer {TOKEN}", "Accept": "application/json"}
    first_url = f"{base_url}/api/v2/monitors?per_page={per_page}"

    async def urls() -> list[str | None]:
        limits = httpx.Limits(max_connections=READ_AHEAD)
        async with httpx.AsyncClient(headers=headers, limits=limits) as client:

            async def page(url: str) -> Any:
                return json.loads((await client.get(url)).content)

            body = await page(first_url)
            last = int(parse_qs(urlsplit(body["pagination"]["last"]).query)["page"][0])
            numbers = iter(range(2, last + 1))
            # A window of READ_AHEAD pages in flight, taken in order, each replaced as it is taken.
            window = deque(asyncio.ensure_future(page(f"{first_url}&page={n}")) for n in islice(numbers, READ_AHEAD))
            found = [item["attributes"]["url"] for item in body["data"]]
            while window:
                body = await window.popleft()
                for number in islice(numbers, 1):
                    window.append(asyncio.ensure_future(page(f"{first_url}&page={number}")))
                found += [item["attributes"]["url"] for item in body["data"]]
            return found

    return _timed_async("raw-async", urls())


def run_list(contender: str, base_url: str, per_page: int) -> dict[str, Any]:
    """Time listing every monitor once, reading each one's URL; items are then dropped (streaming)."""
    if contender == "objects-async":
        return _run_list_async(base_url, per_page)
    if contender == "raw-async":
        return _run_list_raw_async(base_url, per_page)
    make, read = LISTERS[contender](base_url, per_page)
    wall, cpu = time.perf_counter(), time.process_time()
    count = 0
    for item in make():
        if read(item) is None:
            raise SystemExit(f"{contender}: an item without its URL")
        count += 1
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    return {"count": count, "wall": wall, "cpu": cpu, "peak_mib": _peak_kib() / 1024}


def _peak_kib() -> int:
    """This process's peak resident memory in KiB.

    Linux's VmHWM; `ru_maxrss` would carry over the forking parent's peak across exec, and the
    parent here holds every pre-rendered page.
    """
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


# build ---------------------------------------------------------------------------------------


def _item() -> dict[str, Any]:
    item: dict[str, Any] = json.loads(FIXTURE.read_text())["data"]
    return item


def _rounds(operation: Callable[[], object], repeat: int, rounds: int) -> list[float]:
    """Microseconds per call of `operation`, one figure per round of `repeat` calls."""
    operation()  # warm caches (lazy imports, per-class set-up)
    figures = []
    for _ in range(rounds):
        start = time.perf_counter()
        for _ in range(repeat):
            operation()
        figures.append((time.perf_counter() - start) / repeat * 1e6)
    return figures


def run_build(implementation: str, repeat: int, rounds: int) -> dict[str, Any]:
    """Cost of turning one response item into a Monitor (no request is made)."""
    item = _item()
    if implementation == "old":
        monitor = _old().Monitor
        api = _old_api("http://127.0.0.1:9")

        def build() -> object:
            return monitor._from_api_response(api, item)

        return {"us": _rounds(build, repeat, rounds)}
    from betterstack.uptime._kind import kind_of
    from betterstack.uptime.objects import Monitor
    from betterstack_sdk.models import MonitorResource

    sdk_api = _sdk_api("http://127.0.0.1:9")
    kind = kind_of(Monitor)
    fields, from_item = kind.fields, kind.from_item
    if implementation == "sdk":
        # What the list path pays per item.
        def build() -> object:
            return from_item(sdk_api, item)

        return {"us": _rounds(build, repeat, rounds)}
    if implementation == "sdk-read-all":
        # The same, then every declared field read once: the most a caller can add to it.
        def build_and_read() -> object:
            monitor = from_item(sdk_api, item)
            return [getattr(monitor, name) for name in fields]

        return {"us": _rounds(build_and_read, repeat, rounds)}
    if implementation == "generated":
        # The generated layer's model alone, for comparison.
        def parse() -> object:
            return MonitorResource.from_dict(item)

        return {"us": _rounds(parse, repeat, rounds)}
    raise SystemExit(f"unknown build implementation {implementation!r}")


# get and save --------------------------------------------------------------------------------


def _timed_rounds(operation: Callable[[], object], repeat: int, rounds: int) -> dict[str, list[float]]:
    """Wall and process-CPU microseconds per call of `operation`, one figure each per round of `repeat` calls."""
    operation()  # warm caches (lazy imports, per-class set-up, the connection)
    wall: list[float] = []
    cpu: list[float] = []
    for _ in range(rounds):
        start, start_cpu = time.perf_counter(), time.process_time()
        for _ in range(repeat):
            operation()
        wall.append((time.perf_counter() - start) / repeat * 1e6)
        cpu.append((time.process_time() - start_cpu) / repeat * 1e6)
    return {"wall_us": wall, "cpu_us": cpu}


def _raw_client() -> Any:
    import httpx

    return httpx.Client(headers={"Authorization": f"Bearer {TOKEN}", "Accept": "application/json"})


def run_get(implementation: str, base_url: str, repeat: int, rounds: int) -> dict[str, Any]:
    """One monitor by id: `Monitor.get(api, 1)` against raw httpx GET + json.loads (and the older package's)."""
    operation: Callable[[], object]
    if implementation == "raw":
        client = _raw_client()
        url = f"{base_url}/api/v2/monitors/1"

        def operation() -> object:
            return json.loads(client.get(url).content)["data"]
    elif implementation == "old":
        monitor = _old().Monitor
        api = _old_api(base_url)

        def operation() -> object:
            found = monitor(id="1", _api=api)
            found.fetch_data()
            return found
    else:
        from betterstack.uptime.objects import Monitor

        sdk_api = _sdk_api(base_url)

        def operation() -> object:
            return Monitor.get(sdk_api, 1)

    return _timed_rounds(operation, repeat, rounds)


def run_save(implementation: str, base_url: str, repeat: int, rounds: int) -> dict[str, Any]:
    """`save()` with nothing changed (no request expected) and with one field changed (one PATCH).

    `raw` is httpx doing the changed save's request: PATCH `{"pronounceable_name": ...}` as JSON,
    then json.loads of the answer (it has no unchanged case: nothing to send).
    """
    names = iter(("Renamed A", "Renamed B") * (repeat * rounds + 1))
    if implementation == "raw":
        client = _raw_client()
        url = f"{base_url}/api/v2/monitors/1"
        headers = {"Content-Type": "application/json"}

        def patch() -> object:
            body = json.dumps({"pronounceable_name": next(names)}).encode()
            return json.loads(client.patch(url, content=body, headers=headers).content)["data"]

        return {"changed": _timed_rounds(patch, repeat, rounds)}
    monitor: Any
    if implementation == "old":
        monitor = _old().Monitor(id="1", _api=_old_api(base_url))
        monitor.fetch_data()
    else:
        from betterstack.uptime.objects import Monitor

        monitor = Monitor.get(_sdk_api(base_url), 1)
    unchanged = _timed_rounds(monitor.save, repeat, rounds)

    def change_and_save() -> None:
        monitor.pronounceable_name = next(names)
        monitor.save()

    changed = _timed_rounds(change_and_save, repeat, rounds)
    if monitor.get_modified_properties():
        raise SystemExit("save() left the object dirty")
    return {"unchanged": unchanged, "changed": changed}


def main() -> None:
    """Parse the command line, run one measurement, print its JSON."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    listing = commands.add_parser("list")
    listing.add_argument("contender", choices=sorted([*LISTERS, *ASYNC_LISTERS]))
    listing.add_argument("--base-url", required=True)
    listing.add_argument("--per-page", type=int, required=True)
    build = commands.add_parser("build")
    build.add_argument("implementation", choices=["sdk", "sdk-read-all", "generated", "old"])
    build.add_argument("--repeat", type=int, default=2000)
    build.add_argument("--rounds", type=int, default=5)
    for name in ("get", "save"):
        one = commands.add_parser(name)
        one.add_argument("implementation", choices=["sdk", "raw", "old"])
        one.add_argument("--base-url", required=True)
        one.add_argument("--repeat", type=int, default=200)
        one.add_argument("--rounds", type=int, default=5)
    arguments = parser.parse_args()
    if arguments.command == "list":
        result = run_list(arguments.contender, arguments.base_url, arguments.per_page)
    elif arguments.command == "build":
        result = run_build(arguments.implementation, arguments.repeat, arguments.rounds)
    elif arguments.command == "get":
        result = run_get(arguments.implementation, arguments.base_url, arguments.repeat, arguments.rounds)
    else:
        result = run_save(arguments.implementation, arguments.base_url, arguments.repeat, arguments.rounds)
    json.dump(result, sys.stdout)
    print()


if __name__ == "__main__":
    main()
