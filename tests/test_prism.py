"""Every generated operation, driven through Prism mocking the spec with request validation on.

Prism (`@stoplight/prism-cli`, pinned in package.json, installed by `make install`) is an
implementation of the spec independent of our code: when a request the SDK builds breaks the
spec, it answers 422 (or the documented 4xx) with the violations in an `sl-violations` header,
or a problem+json body when it cannot route the request at all.
"""

from __future__ import annotations

import ctypes
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from betterstack_sdk import AuthenticatedClient

from spec_helpers import ROOT, Operation, call_plan, operation_ids, operations, spec

OPERATIONS = operations()
STARTUP_SECONDS = 30.0
# What `npx --no-install prism` runs. Started directly it is one node process, which can be told
# to die with this one: behind npx's wrapper shell it would outlive a pytest killed by a timeout.
PRISM = ROOT / "node_modules" / ".bin" / "prism"
PR_SET_PDEATHSIG = 1


def _die_with_parent() -> None:
    """In the child before exec: on Linux, get SIGTERM when the test process dies, however it dies."""
    if sys.platform == "linux":
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGTERM)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def _stop(process: subprocess.Popen[bytes]) -> None:
    """Stop Prism and anything it started (its own process group)."""
    if process.poll() is not None:
        return
    os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()


@pytest.fixture(scope="module")
def prism(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Prism mocking the bundled spec on 127.0.0.1; its base URL."""
    if shutil.which("node") is None or not PRISM.exists():
        pytest.fail("Prism is not installed: it needs Node.js and `make install` (npm ci)")
    folder = tmp_path_factory.mktemp("prism")
    document = folder / "openapi.json"
    document.write_text(json.dumps(spec()))
    port = _free_port()
    base_url = f"http://127.0.0.1:{port}"
    command = [str(PRISM), "mock", str(document), "-h", "127.0.0.1", "-p", str(port)]
    log_path = folder / "prism.log"
    with log_path.open("wb") as log:
        process = subprocess.Popen(
            command,
            cwd=ROOT,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
            preexec_fn=_die_with_parent,
        )
    try:
        _wait_until_up(process, base_url, log_path)
        yield base_url
    finally:
        _stop(process)


def _wait_until_up(process: subprocess.Popen[bytes], base_url: str, log_path: Path) -> None:
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline:
        try:
            httpx.get(f"{base_url}/ips-by-cluster.json", timeout=1.0)
            return
        except httpx.TransportError:
            pass
        try:
            # Waiting on the process paces the polling and notices at once if Prism died.
            process.wait(timeout=0.25)
        except subprocess.TimeoutExpired:
            continue
        pytest.fail(f"Prism exited with {process.returncode}:\n{log_path.read_text(errors='replace')}")
    pytest.fail(f"Prism did not answer within {STARTUP_SECONDS:g} s:\n{log_path.read_text(errors='replace')}")


def _violations(response: httpx.Response) -> list[dict[str, Any]]:
    """Prism's findings about the exchange: `{"location": ["request", ...], "message", ...}`."""
    header = response.headers.get("sl-violations")
    found: list[dict[str, Any]] = json.loads(header) if header else []
    return found


def test_the_spec_has_operations() -> None:
    assert OPERATIONS and {operation.operation_id for operation in OPERATIONS} == operation_ids()


@pytest.mark.parametrize("operation", OPERATIONS, ids=[operation.operation_id for operation in OPERATIONS])
def test_prism_accepts_what_the_sdk_sends(operation: Operation, prism: str) -> None:
    kwargs, _, _, _ = call_plan(operation)
    with AuthenticatedClient(base_url=prism, token="test-token") as client:
        response = operation.module().sync_detailed(client=client, **kwargs)
    about = f"{response.status_code} {response.headers.get('content-type')}: {response.content[:300]!r}"
    violations = [v for v in _violations(response) if v.get("location", [None])[0] == "request"]
    assert not violations, f"Prism reports request violations: {violations}"
    assert "problem+json" not in response.headers.get("content-type", ""), about
    assert str(response.status_code) in operation.definition["responses"], about
    assert 200 <= response.status_code < 300, about


def test_prism_reports_a_request_that_breaks_the_spec(prism: str) -> None:
    # Proof that validation is on: without it, the test above would pass whatever the SDK sent.
    response = httpx.post(
        f"{prism}/api/v2/monitors", json={"url": 5}, headers={"Authorization": "Bearer test-token"}, timeout=10
    )
    assert response.status_code == 422
    messages = [str(v.get("message")) for v in _violations(response)]
    assert any("url" in message for message in messages), messages
