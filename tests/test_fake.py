"""The fake API's generic behaviour: auth, errors, validation, pagination, seeding, faults, ways in.

Operation-specific behaviour (pausing, acknowledging, SLA, ...) is tested with the resources;
this covers what every operation shares, in process through `fake.transport`, over real HTTP
through `serve()`, as `python -m betterstack.uptime.testing`, and as the pytest plugin.
"""

from __future__ import annotations

import datetime
import json
import re
import selectors
import signal
import socket
import struct
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any, Literal

import httpx
import pytest

from betterstack.uptime import (
    APIConnectionError,
    APITimeoutError,
    AuthenticationError,
    ForbiddenError,
    NotFoundError,
    RateLimitError,
    ResponseDecodeError,
    ServerError,
    UnprocessableEntityError,
    UptimeAPI,
)
from betterstack.uptime.objects import Monitor, StatusPageGroup
from betterstack.uptime.testing import DEFAULT_TOKEN, FakeUptime, Fault, serve

from spec_helpers import query_parameter

pytest_plugins = ["pytester"]

ROOT = Path(__file__).resolve().parent.parent
MONITORS = "/api/v2/monitors"
# A plain collection, served by the generic handler: the pagination tests list it.
GROUPS = "/api/v2/status-page-groups"
INCIDENTS = "/api/v3/incidents"
API = "https://uptime.betterstack.com"
NEW_MONITOR = {"monitor_type": "status", "url": "https://example.com"}
MOMENT = datetime.datetime(2026, 11, 20, 8, 30, 15, 123000, tzinfo=datetime.UTC)


@pytest.fixture
def fake() -> FakeUptime:
    return FakeUptime(clock=lambda: MOMENT)


def make_api(fake: FakeUptime, token: str = DEFAULT_TOKEN, **options: Any) -> tuple[UptimeAPI, list[float]]:
    """An UptimeAPI over `fake` whose retry waits are recorded instead of slept."""
    api = UptimeAPI(token, transport=fake.transport, **options)
    waits: list[float] = []
    api.transport._sleep = waits.append
    return api, waits


def seed_groups(fake: FakeUptime, count: int) -> None:
    fake.seed({GROUPS: [{"id": str(n), "name": f"Group {n}"} for n in range(1, count + 1)]})


def monitor_ids(fake: FakeUptime) -> list[str]:
    return list(fake.collection(MONITORS))


# Auth and errors ------------------------------------------------------------------------------


def test_a_wrong_token_gets_401_whatever_the_path(fake: FakeUptime) -> None:
    fake.seed({MONITORS: [{"id": "1", "url": "https://example.com"}]})
    api, _ = make_api(fake, token="wrong-token")
    for path in (f"{MONITORS}/1", "/api/v2/nothing-here"):
        with pytest.raises(AuthenticationError) as caught:
            api.request("GET", path)
        assert caught.value.status_code == 401
        assert "could not authenticate" in caught.value.message


def test_a_read_only_token_reads_but_cannot_write(fake: FakeUptime) -> None:
    reader = FakeUptime(read_only_tokens=["read-only"], seed={MONITORS: [{"id": "1", "url": "https://example.com"}]})
    api, _ = make_api(reader, token="read-only")
    assert api.request("GET", f"{MONITORS}/1").json()["data"]["id"] == "1"
    with pytest.raises(ForbiddenError) as caught:
        api.request("POST", MONITORS, body=NEW_MONITOR)
    assert caught.value.status_code == 403
    assert "read-only" in caught.value.message
    with pytest.raises(ForbiddenError):
        api.request("DELETE", f"{MONITORS}/1")
    assert monitor_ids(reader) == ["1"]


def test_an_unknown_id_gets_404_for_every_method(fake: FakeUptime) -> None:
    api, _ = make_api(fake)
    for method, body in (("GET", None), ("PATCH", {"url": "https://example.org"}), ("DELETE", None)):
        with pytest.raises(NotFoundError) as caught:
            api.request(method, f"{MONITORS}/404404", body=body)
        assert caught.value.response_body == "Resource with provided ID was not found"
    with pytest.raises(NotFoundError):
        Monitor.get(api, "404404")


def test_a_body_breaking_the_schema_gets_422_with_the_field_map(fake: FakeUptime) -> None:
    api, _ = make_api(fake)
    with pytest.raises(UnprocessableEntityError) as caught:
        api.request("POST", MONITORS, body={"url": 5})
    errors = caught.value.response_body
    assert isinstance(errors, dict)
    assert errors["monitor_type"] == ["can't be blank"]
    assert set(errors) == {"monitor_type", "url"}
    assert all(isinstance(messages, list) and messages for messages in errors.values())
    assert monitor_ids(fake) == []


def test_a_body_that_is_not_an_object_gets_422(fake: FakeUptime) -> None:
    api, _ = make_api(fake)
    with pytest.raises(UnprocessableEntityError) as caught:
        api.request("POST", MONITORS, body=["not", "an", "object"])
    assert isinstance(caught.value.response_body, str)


# Records --------------------------------------------------------------------------------------


def test_a_created_record_has_every_declared_attribute_and_timestamps(fake: FakeUptime) -> None:
    api, _ = make_api(fake)
    response = api.request("POST", MONITORS, body=NEW_MONITOR)
    assert response.status_code == 201
    record = response.json()["data"]
    assert record["type"] == "monitor"
    assert isinstance(record["id"], str)
    attributes = record["attributes"]
    assert attributes["url"] == "https://example.com"
    assert attributes["created_at"] == attributes["updated_at"] == "2026-11-20T08:30:15.123Z"
    assert {"pronounceable_name", "paused_at", "team_name", "check_frequency"} <= set(attributes)
    assert api.request("GET", f"{MONITORS}/{record['id']}").json()["data"] == record


def test_patch_changes_what_is_read_back_and_delete_removes(fake: FakeUptime) -> None:
    fake.seed({GROUPS: [{"id": "3", "name": "Old"}]})
    api, _ = make_api(fake)
    group = StatusPageGroup.get(api, "3")
    group.name = "New"
    group.save()
    assert api.request("GET", f"{GROUPS}/3").json()["data"]["attributes"]["name"] == "New"
    group.delete()
    assert fake.find(GROUPS, "3") is None


# Pagination -----------------------------------------------------------------------------------


def test_a_list_pages_by_50_with_absolute_links(fake: FakeUptime) -> None:
    seed_groups(fake, 120)
    api, _ = make_api(fake)
    body = api.request("GET", GROUPS).json()
    assert [item["id"] for item in body["data"]] == [str(n) for n in range(1, 51)]
    assert body["pagination"] == {
        "first": f"{API}{GROUPS}?page=1",
        "last": f"{API}{GROUPS}?page=3",
        "prev": None,
        "next": f"{API}{GROUPS}?page=2",
    }


def test_the_last_page_holds_the_rest_and_links_keep_the_query(fake: FakeUptime) -> None:
    seed_groups(fake, 120)
    api, _ = make_api(fake)
    body = api.request("GET", GROUPS, parameters={"page": 3, "per_page": 40}).json()
    assert [item["id"] for item in body["data"]] == [str(n) for n in range(81, 121)]
    assert body["pagination"]["prev"] == f"{API}{GROUPS}?page=2&per_page=40"
    assert body["pagination"]["last"] == f"{API}{GROUPS}?page=3&per_page=40"
    assert body["pagination"]["next"] is None
    beyond = api.request("GET", GROUPS, parameters={"page": 9, "per_page": 40}).json()
    assert beyond["data"] == []


def test_per_page_is_capped_at_the_documented_maximum(fake: FakeUptime) -> None:
    maximum = query_parameter(GROUPS, "get", "per_page")["maximum"]
    seed_groups(fake, maximum + 50)
    api, _ = make_api(fake)
    body = api.request("GET", GROUPS, parameters={"per_page": 1000}).json()
    assert len(body["data"]) == maximum
    assert body["pagination"]["last"] == f"{API}{GROUPS}?per_page=1000&page=2"


def test_an_empty_list_has_one_page(fake: FakeUptime) -> None:
    api, _ = make_api(fake)
    body = api.request("GET", GROUPS).json()
    assert body == {
        "data": [],
        "pagination": {"first": f"{API}{GROUPS}?page=1", "last": f"{API}{GROUPS}?page=1", "prev": None, "next": None},
    }


def test_incidents_page_by_10_and_at_most_50(fake: FakeUptime) -> None:
    maximum = query_parameter(INCIDENTS, "get", "per_page")["maximum"]
    fake.seed({INCIDENTS: [{"id": str(n), "name": f"Incident {n}"} for n in range(1, maximum + 11)]})
    api, _ = make_api(fake)
    assert len(api.request("GET", INCIDENTS).json()["data"]) == 10
    assert len(api.request("GET", INCIDENTS, parameters={"per_page": maximum * 2}).json()["data"]) == maximum


def test_the_sdk_walks_every_page(fake: FakeUptime) -> None:
    seed_groups(fake, 120)
    api, _ = make_api(fake)
    assert [group.id for group in StatusPageGroup.get_all_instances(api)] == [str(n) for n in range(1, 121)]


# List filters ---------------------------------------------------------------------------------


def test_list_filters_match_attributes_exactly(fake: FakeUptime) -> None:
    fake.seed(
        {
            MONITORS: [
                {"id": "1", "url": "https://a.example", "pronounceable_name": "A", "team_name": "Ops"},
                {"id": "2", "url": "https://b.example", "pronounceable_name": "B", "team_name": "Ops"},
                {"id": "3", "url": "https://a.example/x", "pronounceable_name": "A", "team_name": "Web"},
            ]
        }
    )
    api, _ = make_api(fake)
    assert [m.id for m in Monitor.filter(api, url="https://a.example")] == ["1"]
    assert [m.id for m in Monitor.filter(api, pronounceable_name="A")] == ["1", "3"]
    assert [m.id for m in Monitor.filter(api, team_name="Ops")] == ["1", "2"]
    assert [m.id for m in Monitor.filter(api, team_name="Ops", pronounceable_name="B")] == ["2"]
    assert list(Monitor.filter(api, team_name="Nobody")) == []


# Seeding --------------------------------------------------------------------------------------

SEED: dict[str, Any] = {
    "/api/v2/status-pages": [{"id": "10", "company_name": "Acme", "undeclared": "dropped"}],
    "/api/v2/status-pages/{status_page_id}/sections": [{"id": "11", "name": "API", "_parents": ["10"]}],
    MONITORS: [{"url": "https://example.com", "pronounceable_name": "Home"}],
    "extra": {"note": "kept as is"},
}


def check_seeded(fake: FakeUptime) -> None:
    api, _ = make_api(fake)
    page = api.request("GET", "/api/v2/status-pages/10").json()["data"]
    assert page["attributes"]["company_name"] == "Acme"
    assert "undeclared" not in page["attributes"]
    sections = api.request("GET", "/api/v2/status-pages/10/sections").json()["data"]
    assert [(section["id"], section["attributes"]["name"]) for section in sections] == [("11", "API")]
    [monitor] = Monitor.get_all_instances(api)
    assert (monitor.url, monitor.pronounceable_name) == ("https://example.com", "Home")
    assert fake.extra == {"note": "kept as is"}


def test_seed_from_a_dict(fake: FakeUptime) -> None:
    fake.seed(SEED)
    check_seeded(fake)


def test_seed_from_a_json_file(tmp_path: Path) -> None:
    path = tmp_path / "seed.json"
    path.write_text(json.dumps(SEED))
    check_seeded(FakeUptime.from_file(str(path)))


def test_seed_from_a_yaml_file_with_options(tmp_path: Path) -> None:
    yaml = pytest.importorskip("yaml")
    path = tmp_path / "seed.yaml"
    path.write_text(yaml.safe_dump(SEED))
    fake = FakeUptime.from_file(str(path), token="other-token")
    assert fake.tokens == {"other-token"}
    api, _ = make_api(fake, token="other-token")
    assert api.request("GET", "/api/v2/status-pages/10").status_code == 200


# Faults, in process ---------------------------------------------------------------------------


def test_a_429_with_retry_after_is_waited_for_then_retried(fake: FakeUptime) -> None:
    fake.seed({MONITORS: [{"id": "1", "url": "https://example.com"}]})
    fake.faults.add(Fault("status", status=429, retry_after="7"))
    api, waits = make_api(fake, retries=2)
    assert Monitor.get(api, "1").url == "https://example.com"
    assert waits == [7.0]


def test_a_429_without_retry_after_backs_off(fake: FakeUptime) -> None:
    fake.seed({MONITORS: [{"id": "1", "url": "https://example.com"}]})
    fake.faults.add(Fault("status", status=429), times=2)
    api, waits = make_api(fake, retries=2, backoff_factor=1.0)
    assert Monitor.get(api, "1").id == "1"
    assert len(waits) == 2
    assert 0.75 <= waits[0] <= 1.0 and 1.5 <= waits[1] <= 2.0


def test_a_429_the_sdk_does_not_retry_carries_retry_after(fake: FakeUptime) -> None:
    fake.faults.add(Fault("status", status=429, retry_after="30"))
    api, waits = make_api(fake, retries=0)
    with pytest.raises(RateLimitError) as caught:
        api.request("GET", MONITORS)
    assert caught.value.retry_after == 30.0
    assert waits == []


def test_a_status_fault_never_reaches_the_state(fake: FakeUptime) -> None:
    fake.faults.add(Fault("status", status=503), method="POST")
    api, waits = make_api(fake, retries=3)
    # A POST is not retried after an answer, so the 503 surfaces and nothing was created.
    with pytest.raises(ServerError) as caught:
        api.request("POST", MONITORS, body=NEW_MONITOR)
    assert caught.value.status_code == 503
    assert monitor_ids(fake) == []
    assert waits == []
    api.request("POST", MONITORS, body=NEW_MONITOR)
    assert len(monitor_ids(fake)) == 1


def test_faults_hit_only_the_matching_requests_and_run_out(fake: FakeUptime) -> None:
    fake.seed({MONITORS: [{"id": "1", "url": "https://example.com"}, {"id": "2", "url": "https://example.org"}]})
    fake.faults.add(Fault("status", status=500), times=2, method="GET", path=r"/monitors/2$")
    api, _ = make_api(fake, retries=0)
    assert api.request("GET", f"{MONITORS}/1").status_code == 200
    for _ in range(2):
        with pytest.raises(ServerError):
            api.request("GET", f"{MONITORS}/2")
    assert api.request("GET", f"{MONITORS}/2").status_code == 200
    fake.faults.add(Fault("status", status=500))
    fake.faults.clear()
    assert api.request("GET", f"{MONITORS}/2").status_code == 200


def test_faults_need_a_positive_count(fake: FakeUptime) -> None:
    with pytest.raises(ValueError, match="at least 1"):
        fake.faults.add(Fault("hang"), times=0)


def test_a_hang_is_a_timeout(fake: FakeUptime) -> None:
    fake.faults.add(Fault("hang"))
    api, _ = make_api(fake, retries=0)
    with pytest.raises(APITimeoutError):
        api.request("GET", MONITORS)


def test_a_drop_before_handling_leaves_the_state_alone(fake: FakeUptime) -> None:
    fake.faults.add(Fault("drop_before"))
    api, _ = make_api(fake, retries=0)
    with pytest.raises(APIConnectionError) as caught:
        api.request("POST", MONITORS, body=NEW_MONITOR)
    assert not isinstance(caught.value, APITimeoutError)
    assert monitor_ids(fake) == []


def test_a_drop_before_handling_is_retried_even_for_a_post(fake: FakeUptime) -> None:
    fake.faults.add(Fault("drop_before"))
    api, waits = make_api(fake, retries=1)
    assert api.request("POST", MONITORS, body=NEW_MONITOR).status_code == 201
    assert len(monitor_ids(fake)) == 1
    assert len(waits) == 1


def test_a_drop_after_handling_changed_the_state_and_a_post_is_not_retried(fake: FakeUptime) -> None:
    fake.faults.add(Fault("drop_after"))
    api, waits = make_api(fake, retries=3)
    with pytest.raises(APIConnectionError):
        api.request("POST", MONITORS, body=NEW_MONITOR)
    assert len(monitor_ids(fake)) == 1
    assert waits == []


@pytest.mark.parametrize("kind", ["malformed", "truncated"])
def test_broken_json_is_a_decode_error(fake: FakeUptime, kind: Literal["malformed", "truncated"]) -> None:
    fake.seed({MONITORS: [{"id": "1", "url": "https://example.com"}]})
    fake.faults.add(Fault(kind))
    api, _ = make_api(fake, retries=0)
    with pytest.raises(ResponseDecodeError) as caught:
        Monitor.get(api, "1")
    assert caught.value.status_code == 200


def test_broken_json_strikes_after_handling(fake: FakeUptime) -> None:
    fake.faults.add(Fault("truncated"), method="POST")
    api, _ = make_api(fake, retries=0)
    with pytest.raises(ResponseDecodeError):
        api.request("POST", MONITORS, body=NEW_MONITOR)
    assert len(monitor_ids(fake)) == 1


def test_the_transport_serves_async_clients(fake: FakeUptime) -> None:
    import asyncio

    fake.seed({MONITORS: [{"id": "1", "url": "https://example.com"}]})

    async def fetch() -> Any:
        async with httpx.AsyncClient(transport=fake.transport, base_url=API) as client:
            response = await client.get(f"{MONITORS}/1", headers={"Authorization": f"Bearer {DEFAULT_TOKEN}"})
            return response.json()

    assert asyncio.run(fetch())["data"]["id"] == "1"


# Faults, over real HTTP -----------------------------------------------------------------------


@pytest.fixture
def served(fake: FakeUptime) -> Iterator[tuple[FakeUptime, UptimeAPI, list[float]]]:
    """The fake on 127.0.0.1 and an UptimeAPI talking to it over HTTP, without retries."""
    with serve(fake) as running:
        assert running.fake is fake
        api = UptimeAPI(DEFAULT_TOKEN, base_url=running.base_url, team_base_url=running.base_url, retries=0)
        waits: list[float] = []
        api.transport._sleep = waits.append
        with api:
            yield fake, api, waits


def test_over_http_the_fake_answers_with_links_to_itself(served: tuple[FakeUptime, UptimeAPI, list[float]]) -> None:
    fake, api, _ = served
    seed_groups(fake, 60)
    body = api.request("GET", GROUPS).json()
    assert body["pagination"]["next"] == f"{api.base_url}{GROUPS}?page=2"
    assert len(list(StatusPageGroup.get_all_instances(api))) == 60
    created = api.request("POST", MONITORS, body=NEW_MONITOR)
    assert created.status_code == 201
    assert created.headers["Content-Type"] == "application/json"


def test_over_http_a_status_fault_is_sent_and_retried(served: tuple[FakeUptime, UptimeAPI, list[float]]) -> None:
    fake, api, waits = served
    fake.seed({MONITORS: [{"id": "1", "url": "https://example.com"}]})
    fake.faults.add(Fault("status", status=503, retry_after="2"), times=2)
    with pytest.raises(ServerError):
        api.request("GET", f"{MONITORS}/1")
    retrying = UptimeAPI(DEFAULT_TOKEN, base_url=api.base_url, retries=1)
    retrying.transport._sleep = waits.append
    with retrying:
        assert Monitor.get(retrying, "1").url == "https://example.com"
    assert waits == [2.0]


def test_over_http_a_drop_before_closes_the_connection(served: tuple[FakeUptime, UptimeAPI, list[float]]) -> None:
    fake, api, _ = served
    fake.faults.add(Fault("drop_before"))
    with pytest.raises(APIConnectionError):
        api.request("POST", MONITORS, body=NEW_MONITOR)
    assert monitor_ids(fake) == []
    assert api.request("GET", MONITORS).status_code == 200


def test_over_http_a_drop_after_changed_the_state(served: tuple[FakeUptime, UptimeAPI, list[float]]) -> None:
    fake, api, _ = served
    fake.faults.add(Fault("drop_after"))
    with pytest.raises(APIConnectionError):
        api.request("POST", MONITORS, body=NEW_MONITOR)
    assert len(monitor_ids(fake)) == 1


def test_over_http_a_truncated_body_breaks_off(served: tuple[FakeUptime, UptimeAPI, list[float]]) -> None:
    fake, api, _ = served
    fake.seed({MONITORS: [{"id": "1", "url": "https://example.com"}]})
    fake.faults.add(Fault("truncated"))
    # The server declares the full length and closes early, so the client sees a broken
    # connection rather than a short body it could try to parse.
    with pytest.raises(APIConnectionError):
        Monitor.get(api, "1")
    assert Monitor.get(api, "1").id == "1"


def test_over_http_malformed_json_is_a_decode_error(served: tuple[FakeUptime, UptimeAPI, list[float]]) -> None:
    fake, api, _ = served
    fake.faults.add(Fault("malformed"))
    with pytest.raises(ResponseDecodeError):
        api.request("GET", MONITORS)


def test_over_http_a_hang_times_out(fake: FakeUptime) -> None:
    fake.faults.add(Fault("hang", hang_seconds=1.0))
    with serve(fake) as running:
        api = UptimeAPI(DEFAULT_TOKEN, base_url=running.base_url, retries=0, timeout=0.1)
        with api, pytest.raises(APITimeoutError):
            api.request("GET", MONITORS)


def handler_threads() -> set[threading.Thread]:
    """The threads the fake's HTTP servers run to answer connections."""
    return {thread for thread in threading.enumerate() if thread.name.endswith("(process_request_thread)")}


@pytest.mark.parametrize(
    "sent",
    [b"GET /api/v2/monitors HTTP/1.1\r\nHost: 127", b"GET /api/v2/monitors HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"],
    ids=["mid-headers", "after-the-request"],
)
def test_over_http_a_client_that_disconnects_is_let_go_quietly(
    fake: FakeUptime, capfd: pytest.CaptureFixture[str], sent: bytes
) -> None:
    before = handler_threads()
    with serve(fake) as running:
        port = int(running.base_url.rsplit(":", 1)[1])
        with socket.create_connection(("127.0.0.1", port)) as client:
            client.sendall(sent)
            # SO_LINGER with a zero timeout makes close() send RST: ConnectionResetError on the server.
            client.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        # Connections are accepted in order, so this answer means the reset one has its thread.
        with UptimeAPI(DEFAULT_TOKEN, base_url=running.base_url, retries=0) as api:
            assert api.request("GET", MONITORS).status_code == 200
        for thread in handler_threads() - before:
            thread.join(timeout=10)
    assert capfd.readouterr().err == ""


def test_serve_without_a_fake_makes_one() -> None:
    with serve() as running, UptimeAPI(DEFAULT_TOKEN, base_url=running.base_url) as api:
        assert isinstance(running.fake, FakeUptime)
        assert api.request("GET", MONITORS).json()["data"] == []


# python -m betterstack.uptime.testing ---------------------------------------------------------


def test_the_module_serves_until_interrupted(tmp_path: Path) -> None:
    seed = tmp_path / "seed.json"
    seed.write_text(json.dumps({MONITORS: [{"id": "5", "url": "https://example.com"}]}))
    command = [sys.executable, "-m", "betterstack.uptime.testing", "--port", "0", "--seed", str(seed)]
    process = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        assert process.stdout is not None
        with selectors.DefaultSelector() as selector:
            selector.register(process.stdout, selectors.EVENT_READ)
            assert selector.select(timeout=30), "the server printed nothing within 30 s"
        banner = process.stdout.readline()
        found = re.search(r"(http://127\.0\.0\.1:\d+)", banner)
        assert found, banner
        with UptimeAPI(DEFAULT_TOKEN, base_url=found.group(1), retries=0) as api:
            assert Monitor.get(api, "5").url == "https://example.com"
        process.send_signal(signal.SIGINT)
        assert process.wait(timeout=10) == 0
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
        for stream in (process.stdout, process.stderr):
            if stream is not None:
                stream.close()


# The pytest plugin ----------------------------------------------------------------------------

PLUGIN_TESTS = """
from betterstack.uptime import UptimeAPI
from betterstack.uptime.objects import Monitor
from betterstack.uptime.testing import FakeUptime


def test_fixtures(fake_uptime, uptime_api):
    assert isinstance(fake_uptime, FakeUptime) and isinstance(uptime_api, UptimeAPI)
    fake_uptime.seed({"/api/v2/monitors": [{"id": "7", "url": "https://example.com"}]})
    assert [m.url for m in Monitor.get_all_instances(uptime_api)] == ["https://example.com"]
    Monitor.get(uptime_api, "7").delete()
    assert fake_uptime.collection("/api/v2/monitors") == {}


def test_each_test_gets_a_fresh_fake(fake_uptime):
    assert fake_uptime.collections == {}
"""


def test_the_pytest_plugin_provides_the_fixtures(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(PLUGIN_TESTS)
    result = pytester.runpytest("-p", "betterstack.uptime.testing.pytest_plugin", "-p", "no:cacheprovider")
    result.assert_outcomes(passed=2)


def test_the_pytest_plugin_works_from_a_conftest(pytester: pytest.Pytester) -> None:
    pytester.makeconftest('pytest_plugins = ["betterstack.uptime.testing.pytest_plugin"]')
    pytester.makepyfile(PLUGIN_TESTS)
    pytester.runpytest("-p", "no:cacheprovider").assert_outcomes(passed=2)


def test_the_pytest_plugin_is_on_once_installed(pytester: pytest.Pytester) -> None:
    # Registered through the pytest11 entry point: no -p, no conftest.
    pytester.makepyfile(PLUGIN_TESTS)
    pytester.runpytest("-p", "no:cacheprovider").assert_outcomes(passed=2)


def test_the_pytest_plugin_can_be_switched_off(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(PLUGIN_TESTS)
    result = pytester.runpytest("-p", "no:betterstack.uptime.testing.pytest_plugin", "-p", "no:cacheprovider")
    result.assert_outcomes(errors=2)


def test_ids_are_percent_decoded_from_the_path(fake: FakeUptime) -> None:
    fake.add("/api/v2/monitors", {"url": "https://odd.example"}, id="a/b c")
    api = UptimeAPI(DEFAULT_TOKEN, transport=fake.transport, retries=0)
    assert Monitor.get(api, "a/b c").url == "https://odd.example"


def test_a_nested_collection_under_an_unknown_parent_is_404(fake: FakeUptime) -> None:
    api = UptimeAPI(DEFAULT_TOKEN, transport=fake.transport, retries=0)
    with pytest.raises(NotFoundError):
        list(api.get("/api/v2/status-pages/999/sections"))
    with pytest.raises(NotFoundError):
        api.post("/api/v2/status-pages/999/sections", body={"name": "Orphan"})
    assert fake.collection("/api/v2/status-pages/{status_page_id}/sections", ("999",)) == {}


def test_a_page_that_is_not_a_number_falls_back_to_the_first(fake: FakeUptime) -> None:
    fake.add("/api/v2/monitors", {"url": "https://one.example"}, id="1")
    api = UptimeAPI(DEFAULT_TOKEN, transport=fake.transport, retries=0)
    body = api.request("GET", "/api/v2/monitors", parameters={"page": "first", "per_page": "many"}).json()
    assert [item["id"] for item in body["data"]] == ["1"]
    assert body["pagination"]["prev"] is None


def test_check_contract_catches_an_answer_off_the_spec(fake: FakeUptime, monkeypatch: pytest.MonkeyPatch) -> None:
    from betterstack.uptime.testing import ContractViolation, FakeResponse
    from betterstack.uptime.testing._fake import HANDLERS

    assert FakeUptime.check_contract  # switched on for the whole suite by tests/conftest.py
    monkeypatch.setitem(HANDLERS, "get_monitor", lambda _fake, _request: FakeResponse.json(200, {"data": {"id": 1}}))
    monkeypatch.setitem(HANDLERS, "delete_monitor", lambda _fake, _request: FakeResponse.json(418, {}))
    api = UptimeAPI(DEFAULT_TOKEN, transport=fake.transport, retries=0)
    with pytest.raises(ContractViolation, match=r"get_monitor 200 data/id: 1 is not of type 'string'"):
        Monitor.get(api, "1")
    with pytest.raises(ContractViolation, match="does not document status 418"):
        Monitor(id="1", _api=api).delete()
