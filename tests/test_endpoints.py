"""Every generated endpoint function sends the method, path, query and JSON body the spec says.

The cases come from the spec itself: each operation is called with its parameters' examples and
its request body example, against a real HTTP server on 127.0.0.1, sync and async.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Iterator
from typing import Any
from urllib.parse import parse_qsl

import pytest

from betterstack_sdk import AuthenticatedClient

from local_server import LocalServer, running_server
from spec_helpers import Operation, call_plan, operation_ids, operations, resolve

TOKEN = "test-token"


@pytest.fixture(scope="module")
def server() -> Iterator[LocalServer]:
    with running_server() as running:
        yield running


OPERATIONS = operations()


def test_spec_has_operations() -> None:
    assert OPERATIONS and {operation.operation_id for operation in OPERATIONS} == operation_ids()


@pytest.mark.parametrize("mode", ["sync", "async"])
@pytest.mark.parametrize("operation", OPERATIONS, ids=[op.operation_id for op in OPERATIONS])
def test_endpoint_sends_what_the_spec_says(operation: Operation, mode: str, server: LocalServer) -> None:
    kwargs, path, query, body = call_plan(operation)
    module = operation.module()
    client = AuthenticatedClient(base_url=server.base_url, token=TOKEN)
    if mode == "sync":
        with client:
            response = module.sync_detailed(client=client, **kwargs)
    else:

        async def call() -> Any:
            async with client:
                return await module.asyncio_detailed(client=client, **kwargs)

        response = asyncio.run(call())

    request = server.last
    assert response.status_code == 204
    assert request.method == operation.method.upper()
    assert request.path == path
    assert sorted(parse_qsl(request.query)) == query
    assert request.headers["authorization"] == f"Bearer {TOKEN}"
    if body is None:
        assert request.body == b""
    else:
        assert request.headers["content-type"] == "application/json"
        assert json.loads(request.body) == body


def test_every_operation_has_a_unique_operation_id() -> None:
    ids = [op.operation_id for op in OPERATIONS]
    assert len(ids) == len(set(ids))


def test_every_path_parameter_is_declared_in_the_path() -> None:
    for operation in OPERATIONS:
        for parameter in operation.parameters():
            if parameter["in"] == "path":
                assert "{" + parameter["name"] + "}" in operation.path, operation.operation_id


def test_every_operation_documents_its_errors() -> None:
    for operation in OPERATIONS:
        codes = set(operation.definition["responses"])
        assert {"401", "429"} <= codes, f"{operation.operation_id} lacks 401/429"
        if operation.method != "get":
            assert "403" in codes, f"{operation.operation_id} is a write without 403"
        if "requestBody" in operation.definition:
            assert "422" in codes, f"{operation.operation_id} takes a body without 422"
        if any(p["in"] == "path" for p in operation.parameters()):
            assert "404" in codes, f"{operation.operation_id} names a resource without 404"
        for code in codes - {"204"}:
            response = resolve(operation.definition["responses"][code])
            if code.startswith(("4", "5")):
                schema = response["content"]["application/json"]["schema"]
                assert schema == {"$ref": "#/components/schemas/ErrorBody"}, f"{operation.operation_id} {code}"


def _is_paginated(schema: dict[str, Any]) -> bool:
    return {"$ref": "#/components/schemas/ListEnvelope"} in resolve(schema).get("allOf", [])


def test_every_paginated_list_takes_page_and_per_page() -> None:
    checked = 0
    for operation in OPERATIONS:
        content = resolve(operation.definition["responses"][operation.success_status()]).get("content", {})
        schema = content.get("application/json", {}).get("schema")
        if schema is None or not _is_paginated(schema):
            continue
        limits = {p["name"]: p["schema"] for p in operation.parameters() if p["in"] == "query"}
        assert "page" in limits, f"{operation.operation_id} is paginated without `page`"
        assert isinstance(limits["per_page"].get("maximum"), int), f"{operation.operation_id}: per_page maximum"
        checked += 1
    assert checked > 0
