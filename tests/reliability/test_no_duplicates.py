"""Nothing created twice, no edit lost: creates and saves under seeded random faults.

Each run is checked against the fake's own record of the requests it saw and the faults they met:
a request that reached the fake's state (no fault, or a fault striking after handling) is the only
thing that may change it, so a retried POST that created a second object would show up as two
handled POSTs for one call. Runs go over real HTTP and over the in-process transport, whose
`drop_before` is a refused connection, the one failure after which a POST is sent again.
"""

from __future__ import annotations

import dataclasses
import random
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import pytest

from betterstack.uptime import BetterStackError, UptimeAPI
from betterstack.uptime.objects import Monitor
from betterstack.uptime.testing import DEFAULT_TOKEN, FakeUptime, Fault, serve
from betterstack.uptime.testing._faults import FaultKind

from reliability.tally import count, size

MONITORS = "/api/v2/monitors"
RETRIES = 2
MENU = [
    Fault("status", status=429, retry_after="0.01"),
    Fault("status", status=429),
    Fault("status", status=429, retry_after="120"),
    Fault("status", status=500),
    Fault("status", status=502),
    Fault("status", status=503),
    Fault("status", status=504),
    Fault("drop_before"),
    Fault("drop_after"),
    Fault("reset_before"),
    Fault("reset_after"),
    Fault("truncated"),
    Fault("malformed"),
]
# In process a hang costs no time, so it joins the menu there.
IN_PROCESS_MENU = [*MENU, Fault("hang")]
EDITABLE: dict[str, Callable[[random.Random], Any]] = {
    "url": lambda rng: f"https://m{rng.randrange(10**6)}.example/health",
    "pronounceable_name": lambda rng: f"Monitor {rng.randrange(10**6)}",
    # Wide ranges: a value drawn again could set a field back to what was last loaded, the case
    # test_a_field_set_back_after_a_failed_save_that_reached_the_server_is_still_sent pins.
    "check_frequency": lambda rng: rng.randrange(30, 10**6),
}


@dataclass
class Wire:
    """A fake and an UptimeAPI reaching it one way or the other."""

    name: str
    fake: FakeUptime
    api: UptimeAPI
    menu: list[Fault]

    def reset(self, seed: dict[str, Any] | None = None) -> None:
        self.fake.faults.clear()
        self.fake.collections.clear()
        self.fake.seed(seed or {})
        self.fake.faults.seen.clear()


def _api(**where: Any) -> UptimeAPI:
    api = UptimeAPI(DEFAULT_TOKEN, retries=RETRIES, backoff_factor=0.001, timeout=5.0, **where)
    api.transport.policy = dataclasses.replace(api.transport.policy, total_timeout=3.0)
    return api


@pytest.fixture(scope="module", params=["http", "in-process"])
def wire(request: pytest.FixtureRequest) -> Iterator[Wire]:
    fake = FakeUptime()
    if request.param == "in-process":
        with _api(transport=fake.transport) as api:
            yield Wire("in-process", fake, api, IN_PROCESS_MENU)
        return
    with serve(fake) as running, _api(base_url=running.base_url) as api:
        yield Wire("http", fake, api, MENU)


def handled(fault: FaultKind | None) -> bool:
    """Whether a request that met `fault` reached the fake's state."""
    return fault is None or not Fault(fault).before_handling


def urls(fake: FakeUptime) -> Counter[str]:
    return Counter(record["attributes"]["url"] for record in fake.collection(MONITORS).values())


def server_ids(fake: FakeUptime) -> dict[str, str]:
    return {record["attributes"]["url"]: record_id for record_id, record in fake.collection(MONITORS).items()}


def add_random_faults(wire: Wire, rng: random.Random, *, method: str | None, most: int) -> None:
    for _ in range(rng.randint(0, most)):
        wire.fake.faults.add(rng.choice(wire.menu), method=method, path=f"^{MONITORS}$")


# Creates ------------------------------------------------------------------------------------


@pytest.mark.parametrize("seed", range(2))
def test_creates_under_random_faults_leave_exactly_the_objects_the_caller_saw(wire: Wire, seed: int) -> None:
    rng = random.Random(seed)
    wire.reset()
    fake = wire.fake
    succeeded: dict[str, str] = {}
    failed: list[str] = []
    handled_posts: dict[str, int] = {}
    for index in range(size(40, 400)):
        url = f"https://create-{seed}-{index}.example"
        add_random_faults(wire, rng, method="POST", most=2)
        start = len(fake.faults.seen)
        try:
            monitor = Monitor.new(wire.api, url=url, monitor_type="status")
        except BetterStackError:
            failed.append(url)
        else:
            assert monitor.url == url
            succeeded[url] = monitor.id
        met = list(fake.faults.seen)[start:]
        assert all(request.method == "POST" for request in met)
        handled_posts[url] = sum(handled(request.fault) for request in met)
        count("faults injected", sum(request.fault is not None for request in met))
        count("operations run")

    on_server = urls(fake)
    duplicates = sum(n - 1 for n in on_server.values() if n > 1)
    count("duplicates found", duplicates)
    assert duplicates == 0
    # Every object on the server is one the caller saw created, or one whose create reached the
    # server and then failed; never a second copy.
    assert all(n <= 1 for n in handled_posts.values())
    assert dict(on_server) == {url: 1 for url, n in handled_posts.items() if n == 1}
    assert {url: server_ids(fake)[url] for url in succeeded} == succeeded
    assert failed, "the faults should have made some creates fail"

    # The caller makes good the failures with get_or_create, still under faults, and ends with
    # exactly one object for each create it asked for.
    for url in failed:
        for _ in range(20):
            add_random_faults(wire, rng, method=None, most=2)
            existed = url in urls(fake)
            start = len(fake.faults.seen)
            try:
                created, monitor = Monitor.get_or_create(wire.api, url=url, monitor_type="status")
            except BetterStackError:
                continue
            finally:
                met = list(fake.faults.seen)[start:]
                count("faults injected", sum(request.fault is not None for request in met))
                count("operations run")
            assert created is not existed
            succeeded[url] = monitor.id
            break
        fake.faults.clear()
    on_server = urls(fake)
    duplicates = sum(n - 1 for n in on_server.values() if n > 1)
    count("duplicates found", duplicates)
    assert duplicates == 0
    assert server_ids(fake) == succeeded
    assert len(fake.collection(MONITORS)) == size(40, 400)


# Saves --------------------------------------------------------------------------------------

SAVE_FAULTS = {
    "503": Fault("status", status=503),
    "429-retry-after-120": Fault("status", status=429, retry_after="120"),
    "drop-after": Fault("drop_after"),
    "reset-before": Fault("reset_before"),
    "truncated": Fault("truncated"),
    "malformed": Fault("malformed"),
}


def final_for_patch(fault: Fault, wire: Wire) -> bool:
    """Whether a PATCH meeting `fault` is not sent again: an answer that is final, or unparsable.

    In process a truncated body arrives whole but cut (a decode error); over HTTP the connection
    breaks off before the promised length (a connection error, retried).
    """
    if fault.kind == "status":
        return fault.status == 500 or fault.retry_after == "120"
    return fault.kind == "malformed" or (fault.kind == "truncated" and wire.name == "in-process")


def patch_attempts(faults: list[Fault], wire: Wire) -> int:
    """PATCH requests one save sends when its requests meet `faults` in turn (the retry policy)."""
    for attempt in range(RETRIES + 1):
        if attempt >= len(faults) or final_for_patch(faults[attempt], wire):
            return attempt + 1
    return RETRIES + 1


def saved_fields(fake: FakeUptime, record_id: str) -> dict[str, Any]:
    record = fake.find(MONITORS, record_id)
    assert record is not None
    return {name: record["attributes"][name] for name in EDITABLE}


@pytest.mark.parametrize("name", SAVE_FAULTS)
def test_a_failed_save_keeps_its_edits_and_the_next_save_applies_them_once(wire: Wire, name: str) -> None:
    fault = SAVE_FAULTS[name]
    original = {"url": "https://one.example", "pronounceable_name": "One", "check_frequency": 60}
    wire.reset({MONITORS: [{"id": "1", "monitor_type": "status", **original}]})
    fake = wire.fake
    monitor = Monitor.get(wire.api, "1")
    edits = {"url": "https://one.example/v2", "pronounceable_name": "One, edited", "check_frequency": 30}
    for field, value in edits.items():
        setattr(monitor, field, value)
    fake.faults.seen.clear()
    fake.faults.add(fault, times=RETRIES + 1, method="PATCH")

    with pytest.raises(BetterStackError):
        monitor.save()
    first = patch_attempts([fault] * (RETRIES + 1), wire)
    assert [request.method for request in fake.faults.seen] == ["PATCH"] * first
    lost = sum(getattr(monitor, field) != value for field, value in edits.items())
    count("edits lost", lost)
    assert lost == 0
    assert sorted(monitor.get_modified_properties()) == sorted(edits)
    assert saved_fields(fake, "1") == (original if fault.before_handling else edits)

    fake.faults.clear()
    monitor.save()
    assert [request.method for request in fake.faults.seen] == ["PATCH"] * (first + 1)
    assert monitor.get_modified_properties() == []
    assert saved_fields(fake, "1") == edits == {field: getattr(monitor, field) for field in edits}
    monitor.save()  # nothing is left to send
    assert len(fake.faults.seen) == first + 1
    count("faults injected", first)
    count("operations run", 3)


@pytest.mark.parametrize("seed", range(2))
def test_random_edits_under_random_faults_all_reach_the_server(wire: Wire, seed: int) -> None:
    rng = random.Random(seed)
    ids = [str(n) for n in range(1, 6)]
    wire.reset(
        {
            MONITORS: [
                {"id": i, "url": f"https://{i}.example", "monitor_type": "status", "check_frequency": 60} for i in ids
            ]
        }
    )
    fake = wire.fake
    objects = {i: Monitor.get(wire.api, i) for i in ids}
    intended = {i: saved_fields(fake, i) for i in ids}
    lost = 0

    def edit(monitor: Monitor) -> None:
        for field in rng.sample(sorted(EDITABLE), rng.randint(1, len(EDITABLE))):
            value = EDITABLE[field](rng)
            setattr(monitor, field, value)
            intended[monitor.id][field] = value

    for _ in range(size(30, 300)):
        monitor = objects[rng.choice(ids)]
        edit(monitor)
        for _attempt in range(20):
            fake.faults.clear()
            faults = [rng.choice(wire.menu) for _ in range(rng.randint(0, RETRIES + 1))]
            for fault in faults:
                fake.faults.add(fault, method="PATCH")
            start = len(fake.faults.seen)
            # An edit may have set the value already saved; then there is nothing to send.
            expected = patch_attempts(faults, wire) if monitor.get_modified_properties() else 0
            try:
                monitor.save()
            except BetterStackError:
                failed = True
            else:
                failed = False
            met = list(fake.faults.seen)[start:]
            assert [request.method for request in met] == ["PATCH"] * expected
            count("faults injected", sum(request.fault is not None for request in met))
            count("operations run")
            if not failed:
                break
            # The edits survive the failure in the object, and more may be made before retrying.
            lost += sum(getattr(monitor, field) != value for field, value in intended[monitor.id].items())
            if rng.random() < 0.3:
                edit(monitor)
        else:
            pytest.fail(f"monitor {monitor.id} was never saved")
        assert monitor.get_modified_properties() == []
        start = len(fake.faults.seen)
        monitor.save()
        assert len(fake.faults.seen) == start  # saved once; nothing is sent again

    for i in ids:
        lost += sum(saved_fields(fake, i)[field] != value for field, value in intended[i].items())
    count("edits lost", lost)
    assert lost == 0
    assert {i: saved_fields(fake, i) for i in ids} == intended
    assert {i: {field: getattr(objects[i], field) for field in EDITABLE} for i in ids} == intended


def test_a_field_set_back_after_a_failed_save_that_reached_the_server_is_still_sent(wire: Wire) -> None:
    wire.reset({MONITORS: [{"id": "1", "url": "https://one.example", "monitor_type": "status", "check_frequency": 60}]})
    fake = wire.fake
    monitor = Monitor.get(wire.api, "1")
    monitor.check_frequency = 120
    # The PATCH is applied each time, and each time its answer is lost.
    fake.faults.add(Fault("drop_after"), times=RETRIES + 1, method="PATCH")
    with pytest.raises(BetterStackError):
        monitor.save()
    assert saved_fields(fake, "1")["check_frequency"] == 120
    monitor.check_frequency = 60  # the caller changes its mind
    monitor.url = "https://one.example/health"
    monitor.save()
    lost = int(saved_fields(fake, "1")["check_frequency"] != 60) + int(monitor.check_frequency != 60)
    count("operations run", 3)
    count("faults injected", RETRIES + 1)
    assert saved_fields(fake, "1") == {
        "url": "https://one.example/health",
        "pronounceable_name": None,
        "check_frequency": 60,
    }
    assert monitor.check_frequency == 60
    assert lost == 0
