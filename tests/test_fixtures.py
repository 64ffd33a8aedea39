"""Recorded-style responses parse through the generated endpoint functions and round-trip.

Each `tests/fixtures/<operation_id>[.<variant>].json` is the body of that operation's success
response, with the live API's quirks: lower-case enum values, unknown fields, nulls, foreign keys
as strings and as integers.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from betterstack_sdk import AuthenticatedClient

from local_server import CannedResponse, RecordedRequest, running_server
from spec_helpers import Operation, call_plan, operations, schema_errors

FIXTURES = sorted((Path(__file__).parent / "fixtures").glob("*.json"))
BY_ID = {op.operation_id: op for op in operations()}


def _operation(fixture: Path) -> Operation:
    operation_id = fixture.name.split(".")[0]
    assert operation_id in BY_ID, f"{fixture.name} names no operation of the spec"
    return BY_ID[operation_id]


def test_every_get_operation_has_a_fixture() -> None:
    covered = {fixture.name.split(".")[0] for fixture in FIXTURES}
    missing = sorted(op.operation_id for op in operations() if op.method == "get" and op.operation_id not in covered)
    assert not missing, f"GET operations without a fixture in tests/fixtures/: {missing}"


@pytest.mark.parametrize("fixture", FIXTURES, ids=[f.name for f in FIXTURES])
def test_fixture_matches_the_spec(fixture: Path) -> None:
    operation = _operation(fixture)
    status = operation.success_status()
    pointer = f"{operation.pointer}/responses/{status}/content/application~1json/schema"
    body = json.loads(fixture.read_text())
    errors = schema_errors(pointer, body)
    assert not errors, f"{fixture.name} does not match {pointer}:\n" + "\n".join(errors)


@pytest.mark.parametrize("fixture", FIXTURES, ids=[f.name for f in FIXTURES])
def test_fixture_parses_and_round_trips(fixture: Path) -> None:
    operation = _operation(fixture)
    status = int(operation.success_status())
    raw = fixture.read_bytes()

    def answer(_request: RecordedRequest) -> CannedResponse:
        return CannedResponse(status=status, body=raw)

    with running_server(answer) as server, AuthenticatedClient(base_url=server.base_url, token="t") as client:
        response = operation.module().sync_detailed(client=client, **call_plan(operation)[0])
    assert response.status_code == status
    assert response.parsed is not None, f"{fixture.name}: the generated function returned nothing"
    assert response.parsed.to_dict() == json.loads(raw)
