"""Contract tests: the fake serves every operation of the spec as the spec documents it.

- Every operation of the bundled spec is called through its generated endpoint module, with the
  spec's example arguments, against a fake seeded with the resources its path names; the answer
  must be a documented status (never "No route", 405 or 5xx) with a body valid for that status.
- Every request sent in this file goes through `SpecCheckingTransport`, which validates the
  request (path, query, body) against the operation's request schemas and the response against
  the schema of its status; a test fails if anything in its traffic broke the spec.
"""

from __future__ import annotations

import datetime
import inspect
import json
import re
from collections.abc import Iterator
from typing import Any
from urllib.parse import unquote

import httpx
import pytest

from betterstack.uptime import NotFoundError, UptimeAPI
from betterstack.uptime.objects import Monitor, StatusPageGroup
from betterstack.uptime.testing import DEFAULT_TOKEN, FakeUptime
from betterstack_sdk import AuthenticatedClient

from spec_helpers import Operation, _python_name, call_plan, operation_ids, operations, resolve, schema_errors, spec

API = "https://uptime.betterstack.com"
OPERATIONS = operations()
# Path prefixes that name a collection served elsewhere: incident sub-resources hang off /api/v2
# while incidents themselves live under /api/v3, and a role id names a role.
COLLECTION_OF = {"/api/v2/incidents": "/api/v3/incidents", "/change-role": "/api/v2/roles"}
DEEP_OBJECT = re.compile(r"^([^\[\]]+)\[([^\[\]]+)\]$")
BY_ROUTE = {(operation.method, operation.path): operation for operation in OPERATIONS}
MOMENT = datetime.datetime(2026, 11, 20, 8, 30, tzinfo=datetime.UTC)


# The spec, as the checking transport needs it -------------------------------------------------


def _escape(token: str) -> str:
    return token.replace("~", "~0").replace("/", "~1")


def _pattern(template: str) -> re.Pattern[str]:
    return re.compile("^" + re.sub(r"\\\{([^}]+)\\\}", r"(?P<\1>[^/]+)", re.escape(template)) + "$")


# Literal paths before templated ones, as a server routes them.
ROUTES = sorted(
    ((operation, _pattern(operation.path)) for operation in OPERATIONS), key=lambda pair: pair[0].path.count("{")
)


def find_operation(method: str, raw_path: str) -> tuple[Operation, dict[str, str]] | None:
    """The operation a request is for and its (decoded) path parameters."""
    for operation, pattern in ROUTES:
        found = pattern.match(raw_path)
        if operation.method == method.lower() and found:
            return operation, {name: unquote(value) for name, value in found.groupdict().items()}
    return None


def parameter_pointers(operation: Operation) -> dict[tuple[str, str], tuple[dict[str, Any], str]]:
    """Each parameter by (location, name): its definition and a pointer to its schema."""
    item_pointer = f"#/paths/{_escape(operation.path)}"
    found: dict[tuple[str, str], tuple[dict[str, Any], str]] = {}
    sources = [
        (spec()["paths"][operation.path].get("parameters", []), f"{item_pointer}/parameters"),
        (operation.definition.get("parameters", []), f"{operation.pointer}/parameters"),
    ]
    for parameters, base in sources:
        for index, parameter in enumerate(parameters):
            pointer = parameter.get("$ref", f"{base}/{index}")
            definition = resolve(parameter)
            found[(definition["in"], definition["name"])] = (definition, f"{pointer}/schema")
    return found


def _errors(pointer: str, value: Any) -> list[str]:
    """Schema errors of `value`, without the empty location of errors at its root."""
    return [error.removeprefix(": ") for error in schema_errors(pointer, value)]


def _query_value(raw: str, schema: dict[str, Any]) -> Any:
    """A query string value as the JSON value its schema describes (strings stay strings)."""
    kind = resolve(schema).get("type")
    if kind == "integer":
        return int(raw) if re.fullmatch(r"-?\d+", raw) else raw
    if kind == "number":
        try:
            return float(raw)
        except ValueError:
            return raw
    if kind == "boolean":
        return {"true": True, "false": False}.get(raw, raw)
    return raw


def request_problems(operation: Operation, path_params: dict[str, str], request: httpx.Request) -> list[str]:
    """How `request` breaks the spec's description of `operation`."""
    problems: list[str] = []
    declared = parameter_pointers(operation)
    if not request.headers.get("Authorization", "").startswith("Bearer "):
        problems.append("no bearer token")
    for name, value in path_params.items():
        definition, pointer = declared[("path", name)]
        problems += [f"path {name}: {error}" for error in _errors(pointer, value)]
    query: dict[str, Any] = {}
    for key, value in request.url.params.multi_items():
        deep = DEEP_OBJECT.match(key)
        name = deep.group(1) if deep else key
        if ("query", name) not in declared:
            problems.append(f"query {key!r} is not a parameter of the operation")
            continue
        definition, _ = declared[("query", name)]
        if deep and definition.get("style") != "deepObject":
            problems.append(f"query {key!r}: {name} is not a deepObject parameter")
        elif deep:
            query.setdefault(name, {})[deep.group(2)] = value
        elif name in query:
            problems.append(f"query {name!r} is repeated")
        else:
            query[name] = _query_value(value, definition["schema"])
    for (location, name), (definition, pointer) in declared.items():
        if location != "query":
            continue
        if name not in query:
            if definition.get("required"):
                problems.append(f"required query {name!r} is missing")
            continue
        problems += [f"query {name}: {error}" for error in _errors(pointer, query[name])]
    body = operation.definition.get("requestBody")
    if request.content:
        if body is None or "application/json" not in resolve(body).get("content", {}):
            problems.append("sends a body the operation does not take")
        elif not request.headers.get("Content-Type", "").startswith("application/json"):
            problems.append(f"body sent as {request.headers.get('Content-Type')!r}")
        else:
            pointer = f"{operation.pointer}/requestBody/content/application~1json/schema"
            problems += [f"body {error}" for error in _errors(pointer, json.loads(request.content))]
    elif body is not None and resolve(body).get("required"):
        problems.append("the required body is missing")
    return problems


def response_problems(operation: Operation, response: httpx.Response) -> list[str]:
    """How `response` breaks what the spec documents for `operation`."""
    status = str(response.status_code)
    documented = operation.definition["responses"].get(status, operation.definition["responses"].get("default"))
    if documented is None:
        return [f"status {status} is not documented"]
    pointer = documented.get("$ref", f"{operation.pointer}/responses/{status}")
    content = resolve(documented).get("content", {})
    if "application/json" not in content:
        return [f"status {status} documents no body, got {response.content[:80]!r}"] if response.content else []
    try:
        body = json.loads(response.content)
    except ValueError:
        return [f"status {status}: the body is not JSON: {response.content[:80]!r}"]
    errors = _errors(f"{pointer}/content/application~1json/schema", body)
    return [f"status {status} body {error}" for error in errors]


class SpecCheckingTransport(httpx.BaseTransport):
    """Validates every request and response passing through against the spec.

    Attributes:
        problems: Everything that broke the spec, one line each, naming the operation.
        statuses: The operation id and status of every exchange, in order.
    """

    def __init__(self, inner: httpx.BaseTransport) -> None:
        self.inner = inner
        self.problems: list[str] = []
        self.statuses: list[tuple[str, int]] = []

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        """Check `request`, send it on, check the response."""
        raw_path = request.url.raw_path.decode("ascii").split("?", 1)[0]
        found = find_operation(request.method, raw_path)
        if found is None:
            self.problems.append(f"{request.method} {raw_path}: no operation of the spec")
            return self.inner.handle_request(request)
        operation, path_params = found
        where = f"{operation.operation_id} ({request.method} {raw_path})"
        self.problems += [f"{where} request: {p}" for p in request_problems(operation, path_params, request)]
        response = self.inner.handle_request(request)
        response.read()
        self.statuses.append((operation.operation_id, response.status_code))
        self.problems += [f"{where} response: {p}" for p in response_problems(operation, response)]
        return response


@pytest.fixture
def fake() -> FakeUptime:
    # The spec's examples are dated around this moment (an on-call event must not start before
    # today), so the fake's clock is pinned to it.
    return FakeUptime(clock=lambda: MOMENT)


@pytest.fixture
def checked(fake: FakeUptime) -> Iterator[SpecCheckingTransport]:
    """The transport every test here talks through; fails the test if traffic broke the spec."""
    transport = SpecCheckingTransport(fake.transport)
    yield transport
    assert not transport.problems, "traffic that breaks the spec:\n" + "\n".join(transport.problems)


# Every operation --------------------------------------------------------------------------------


def _data_examples(schema: dict[str, Any]) -> Iterator[dict[str, Any]]:
    """Examples of the resources a response schema's `data` holds."""
    schema = resolve(schema)
    for key in ("allOf", "anyOf", "oneOf"):
        for part in schema.get(key, []):
            yield from _data_examples(part)
    data = schema.get("properties", {}).get("data")
    if data is not None:
        item = resolve(data.get("items", data))
        yield from (example for example in item.get("examples", []) if isinstance(example, dict))


def example_attributes(collection: str) -> dict[str, Any]:
    """The attributes of the spec's example resource of `collection`, or none."""
    for operation in OPERATIONS:
        if re.sub(r"/\{[^}]+\}$", "", operation.path) != collection:
            continue
        for status, response in operation.definition["responses"].items():
            schema = resolve(response).get("content", {}).get("application/json", {}).get("schema")
            if status.startswith("2") and schema is not None:
                for example in _data_examples(schema):
                    return dict(example.get("attributes", {}))
    return {}


def call_with_examples(operation: Operation, client: AuthenticatedClient, ids: dict[str, str]) -> Any:
    """Call `operation`'s generated function with the spec's examples, path ids from `ids`."""
    kwargs = call_plan(operation)[0]
    function = operation.module().sync_detailed
    names = set(inspect.signature(function).parameters)
    kwargs.update({_python_name(names, name): ids[name] for name in re.findall(r"\{([^}]+)\}", operation.path)})
    return function(client=client, **kwargs)


def _create(client: AuthenticatedClient, path: str, ids: dict[str, str]) -> str | None:
    """Create a resource with the POST on `path` and its example body: its id, or None."""
    creator = BY_ROUTE.get(("post", path))
    if creator is None:
        return None
    response = call_with_examples(creator, client, ids)
    if not 200 <= response.status_code < 300 or not response.content:
        return None
    body = json.loads(response.content)
    found = body.get("data", body).get("id") if isinstance(body, dict) else None
    return None if found is None else str(found)


def prepare(fake: FakeUptime, client: AuthenticatedClient, operation: Operation) -> dict[str, str]:
    """Make the resources `operation`'s path names exist; return their ids by path parameter.

    A JSON:API resource is seeded from the spec's example of it, which the other examples agree
    with (a PATCH example names the request header id the resource example has). Anything else
    (on-call events and rotations, plain JSON the fake keeps its own way) is created with the
    API's own create operation. A GET of a list shows one record matching its example filters.
    """
    ids: dict[str, str] = {}
    parents: tuple[str, ...] = ()
    for name in re.findall(r"\{([^}]+)\}", operation.path):
        prefix = operation.path.split("/{" + name + "}")[0]
        alias = next((target for suffix, target in COLLECTION_OF.items() if prefix.endswith(suffix)), None)
        collection, record_parents = (alias, ()) if alias else (prefix, parents)
        attributes = example_attributes(collection)
        created = None if attributes else _create(client, collection, ids)
        if created is None:
            created = fake.add(collection, attributes, parents=record_parents)["id"]
        ids[name] = created
        parents = (*parents, created)
    if operation.path.endswith("}") or ("get", operation.path) not in BY_ROUTE:
        return ids
    attributes = example_attributes(operation.path)
    if not attributes:
        if operation.method == "get":
            _create(client, operation.path, ids)
        return ids
    attributes.update({key: value for key, value in call_plan(operation)[2] if key in attributes})
    fake.add(operation.path, attributes, parents=parents)
    return ids


def test_the_spec_has_operations() -> None:
    assert OPERATIONS and {operation.operation_id for operation in OPERATIONS} == operation_ids()


@pytest.mark.parametrize("operation", OPERATIONS, ids=[operation.operation_id for operation in OPERATIONS])
def test_the_fake_serves_the_operation(operation: Operation, fake: FakeUptime) -> None:
    transport = SpecCheckingTransport(fake.transport)
    with AuthenticatedClient(base_url=API, token=DEFAULT_TOKEN, httpx_args={"transport": transport}) as client:
        ids = prepare(fake, client, operation)
        try:
            response = call_with_examples(operation, client, ids)
        except Exception as error:
            # A body the generated parser chokes on: the schema problems say why.
            raise AssertionError(f"{operation.operation_id}: {error!r}; " + "; ".join(transport.problems)) from error
    status = response.status_code
    body = response.content.decode(errors="replace")
    assert "No route" not in body, body
    assert status != 405 and status < 500, f"{status} {body}"
    assert str(status) in operation.definition["responses"], f"undocumented {status}: {body}"
    assert transport.statuses[-1] == (operation.operation_id, status)
    assert not transport.problems, "\n".join(transport.problems)
    # With everything its path names in place, the operation succeeds.
    assert 200 <= status < 300, f"{status} {body}"
    if response.content:
        assert response.parsed is not None


def test_the_checking_transport_catches_what_breaks_the_spec(fake: FakeUptime) -> None:
    # The checks themselves must bite, or a clean run proves nothing.
    transport = SpecCheckingTransport(fake.transport)
    with httpx.Client(transport=transport, base_url=API, headers={"Authorization": f"Bearer {DEFAULT_TOKEN}"}) as http:
        http.get("/api/v2/monitors", params={"per_page": "many", "colour": "red"})
        http.post("/api/v2/monitors", json={"url": 5})
        http.get("/api/v2/not-in-the-spec")
    problems = "\n".join(transport.problems)
    assert "query per_page: 'many' is not of type 'integer'" in problems
    assert "query 'colour' is not a parameter" in problems
    assert "body url: 5 is not of type 'string'" in problems
    assert "body 'monitor_type' is a required property" in problems
    assert "/api/v2/not-in-the-spec: no operation of the spec" in problems
    assert transport.statuses == [("list_monitors", 200), ("create_monitor", 422)]
    assert response_problems(OPERATIONS[0], httpx.Response(418)) == ["status 418 is not documented"]


# The SDK's own traffic ------------------------------------------------------------------------


def test_sdk_object_traffic_matches_the_spec(fake: FakeUptime, checked: SpecCheckingTransport) -> None:
    fake.seed({"/api/v2/status-page-groups": [{"name": f"Group {n}"} for n in range(120)]})
    api = UptimeAPI(DEFAULT_TOKEN, transport=checked, retries=0)
    assert len(list(StatusPageGroup.get_all_instances(api))) == 120
    monitor = Monitor.new(api, monitor_type="status", url="https://example.com", pronounceable_name="Home")
    monitor.check_frequency = 60
    monitor.save()
    assert [m.id for m in Monitor.filter(api, url="https://example.com")] == [monitor.id]
    assert Monitor.get(api, monitor.id).check_frequency == 60
    monitor.delete()
    with pytest.raises(NotFoundError):
        Monitor.get(api, monitor.id)
    assert {operation_id for operation_id, _ in checked.statuses} >= {
        "list_status_page_groups",
        "create_monitor",
        "update_monitor",
        "list_monitors",
        "get_monitor",
        "delete_monitor",
    }


def test_error_answers_match_the_spec(fake: FakeUptime, checked: SpecCheckingTransport) -> None:
    with httpx.Client(transport=checked, base_url=API) as http:
        assert http.get("/api/v2/monitors", headers={"Authorization": "Bearer wrong"}).status_code == 401
        http.headers["Authorization"] = f"Bearer {DEFAULT_TOKEN}"
        assert http.get("/api/v2/monitors/12345").status_code == 404
        assert http.patch("/api/v2/monitors/12345", json={"url": "https://example.org"}).status_code == 404
        assert http.delete("/api/v2/monitors/12345").status_code == 404
    statuses = [status for _, status in checked.statuses]
    assert statuses == [401, 404, 404, 404]
