"""Hostile responses: whatever the API (or a proxy in front of it) answers, the SDK keeps the data or
raises its own error.

Bodies are generated from the spec's response schemas, then made hostile: extra fields, enum
values the spec does not know, nulls, missing fields, values of the wrong type, huge strings,
deep nesting; and bytes that are not the JSON documented at all (HTML error pages, truncated or
non-UTF-8 bodies, JSON of the wrong shape, wrong content types). They reach `UptimeAPI` through an
httpx MockTransport, on the generated layer (`api.call`) and on the object layer.

The oracle is the spec itself, with its enums removed (the SDK promises to keep enum values it
does not know): a body valid against that must parse and keep every value; any other body may
parse (and then keep every value) or raise `ResponseDecodeError` with the status. An error status
always raises the `APIError` subclass of that status. Nothing else may escape.

hypothesis-jsonschema's `from_schema` draws the leaves (strings with formats and patterns,
numbers, arrays of scalars). Objects are drawn here: with the pinned hypothesis 6.170,
hypothesis-jsonschema 0.23.1 fails on every object schema (`'many' object has no attribute 'more'`,
its `from_object_schema` uses a hypothesis internal that changed), and walking the objects here is
also what lets each mutation be applied at any depth.
"""

from __future__ import annotations

import asyncio
import json
import re
from collections import defaultdict
from collections.abc import Callable
from functools import cache
from typing import Any

import httpx
import pytest
from hypothesis import example, given
from hypothesis import strategies as st
from hypothesis.strategies import SearchStrategy
from jsonschema import Draft202012Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

from betterstack.uptime import (
    APIError,
    AuthenticationError,
    BetterStackError,
    ConflictError,
    ForbiddenError,
    NotFoundError,
    PaginationError,
    RateLimitError,
    ResponseDecodeError,
    ServerError,
    UnprocessableEntityError,
    UptimeAPI,
)
from betterstack.uptime._kind import kind_of
from betterstack.uptime.objects import Incident, Monitor, StatusPage
from betterstack_sdk.api.monitors import get_monitor

from reliability.tally import count
from spec_bodies import JSON_VALUES, Bodies, merged_schema
from spec_helpers import Operation, call_plan, operations, resolve, spec
from wire import fixture, make_api

# Schemas and operations ----------------------------------------------------------------------

JSON_TYPE = "application/json"
MODES = ("extra", "unknown_enum", "null", "missing", "wrong_type", "huge")
# What the SDK promises to take as it comes; the rest of MODES may also be refused.
TOLERATED = frozenset({"extra", "unknown_enum"})


def success_schema(operation: Operation) -> dict[str, Any] | None:
    """The JSON schema of the operation's documented success, None when it answers no content."""
    response = resolve(operation.definition["responses"][operation.success_status()])
    content = response.get("content", {}).get(JSON_TYPE)
    return None if content is None else dict(content["schema"])


def schema_label(schema: dict[str, Any]) -> str:
    if "$ref" in schema:
        return str(schema["$ref"]).rsplit("/", 1)[-1]
    return "|".join(schema_label(branch) for branch in schema["anyOf"])


def _group_by_schema() -> dict[str, list[Operation]]:
    groups: dict[str, list[Operation]] = defaultdict(list)
    for operation in operations():
        schema = success_schema(operation)
        groups["no content" if schema is None else schema_label(schema)].append(operation)
    return dict(sorted(groups.items()))


BY_SCHEMA = _group_by_schema()
JSON_GROUPS = sorted(label for label in BY_SCHEMA if label != "no content")
ALL_OPERATIONS = operations()
JSON_OPERATIONS = [operation for label in JSON_GROUPS for operation in BY_SCHEMA[label]]


_PLANS: dict[str, dict[str, Any]] = {}


def plan(operation: Operation) -> dict[str, Any]:
    """Arguments that make the generated function send the operation's request."""
    if operation.operation_id not in _PLANS:
        _PLANS[operation.operation_id] = call_plan(operation)[0]
    return _PLANS[operation.operation_id]


def _without_enums(node: Any) -> Any:
    if isinstance(node, dict):
        return {
            key: _without_enums(value) for key, value in node.items() if not (key == "enum" and type(value) is list)
        }
    if isinstance(node, list):
        return [_without_enums(item) for item in node]
    return node


@cache
def _tolerant_registry() -> Registry[Any]:
    resource: Resource[Any] = Resource.from_contents(_without_enums(spec()), default_specification=DRAFT202012)
    registry: Registry[Any] = Registry().with_resource("urn:tolerant", resource)
    return registry


@cache
def _tolerant_validator(text: str) -> Draft202012Validator:
    anchored = json.loads(text.replace('"#/', '"urn:tolerant#/'))
    return Draft202012Validator(anchored, registry=_tolerant_registry())


def tolerated(schema: dict[str, Any], body: Any) -> bool:
    """Whether `body` is what the SDK must accept: valid against `schema` once enums are dropped."""
    return bool(_tolerant_validator(json.dumps(schema, sort_keys=True)).is_valid(body))


def canonical(value: Any) -> str:
    """`value` as JSON text, compared so that `True == 1` or `1.0 == 1` cannot pass for kept data.

    An empty list and an empty object count as the same: the generated models read either, empty,
    as their own kind (`dict([])`, iterating `{}`), and nothing is lost. A non-empty one of the
    wrong kind is still refused or must come back as it was.
    """
    return json.dumps(_empties_alike(value), sort_keys=True)


def _empties_alike(value: Any) -> Any:
    if isinstance(value, list):
        return [_empties_alike(item) for item in value] if value else {}
    if isinstance(value, dict):
        return {key: _empties_alike(item) for key, item in value.items()}
    return value


# Body strategies from the spec ---------------------------------------------------------------


@cache
def bodies(label: str, modes: frozenset[str]) -> SearchStrategy[Any]:
    return Bodies(modes).body({"$ref": f"#/components/schemas/{label}"} if "|" not in label else _any_of(label))


def _any_of(label: str) -> dict[str, Any]:
    return {"anyOf": [{"$ref": f"#/components/schemas/{name}"} for name in label.split("|")]}


MODE_SETS = st.frozensets(st.sampled_from(MODES))


# The wire ------------------------------------------------------------------------------------


class Stage:
    """The one answer the mock API gives, changed between examples."""

    def __init__(self) -> None:
        self.status = 200
        self.content = b""
        self.headers: dict[str, str] = {}

    def set(self, status: int, content: bytes, content_type: str | None = JSON_TYPE) -> None:
        self.status, self.content = status, content
        self.headers = {} if content_type is None else {"Content-Type": content_type}

    def set_json(self, status: int, body: Any, content_type: str | None = JSON_TYPE) -> None:
        self.set(status, json.dumps(body).encode(), content_type)

    def __call__(self, request: httpx.Request) -> httpx.Response:
        # Streamed, as from a real connection: the SDK reads and decodes it, not this mock.
        return httpx.Response(self.status, headers=self.headers, stream=httpx.ByteStream(self.content))


def staged() -> tuple[UptimeAPI, Stage]:
    stage = Stage()
    api, _ = make_api(stage)
    return api, stage


ERROR_CLASSES: dict[int, type[APIError]] = {
    401: AuthenticationError,
    403: ForbiddenError,
    404: NotFoundError,
    409: ConflictError,
    422: UnprocessableEntityError,
    429: RateLimitError,
}


def error_class(status: int) -> type[APIError]:
    return ERROR_CLASSES.get(status, ServerError if status >= 500 else APIError)


def outcome(run: Callable[[], Any]) -> Any:
    """What `run()` returns, or the SDK error it raises; anything else escapes and fails the test."""
    try:
        return run()
    except BetterStackError as error:
        return error


def assert_decode_error(result: Any, status: int) -> None:
    assert isinstance(result, ResponseDecodeError), f"expected ResponseDecodeError, got {result!r}"
    assert result.status_code == status


def model_json(model: Any) -> str:
    """The parsed model back as canonical JSON."""
    return canonical(model.to_dict())


def deep(depth: int) -> str:
    """JSON text nested `depth` levels deep, alternating arrays and objects."""
    opening = "".join('{"d":' if level % 2 else "[" for level in range(depth))
    closing = "".join("}" if level % 2 else "]" for level in reversed(range(depth)))
    return opening + "0" + closing


# The generated layer: valid and mutated bodies from every success schema ---------------------


def check_success_body(data: st.DataObject, modes: frozenset[str]) -> None:
    """Serve a body of a drawn operation's success schema, with `modes` applied, and judge the parse."""
    count("fuzz cases run")
    operation = data.draw(st.sampled_from(JSON_OPERATIONS), label="operation")
    schema = success_schema(operation)
    assert schema is not None
    body = data.draw(bodies(schema_label(schema), modes), label="body")
    status = int(operation.success_status())
    api, stage = staged()
    stage.set_json(status, body)
    result = outcome(lambda: api.call(operation.module(), **plan(operation)))
    if modes <= TOLERATED or tolerated(schema, body):
        assert not isinstance(result, BaseException), f"a body the SDK must take was refused: {result!r}"
    if isinstance(result, BaseException):
        assert_decode_error(result, status)
    else:
        assert model_json(result) == canonical(body)


@given(data=st.data())
def test_valid_bodies_parse_and_keep_every_value(data: st.DataObject) -> None:
    check_success_body(data, frozenset())


@given(data=st.data(), modes=st.frozensets(st.sampled_from(sorted(TOLERATED)), min_size=1))
def test_extra_fields_and_unknown_enum_values_are_kept(data: st.DataObject, modes: frozenset[str]) -> None:
    check_success_body(data, modes)


@pytest.mark.parametrize("mode", ["null", "missing", "wrong_type", "huge"])
@given(data=st.data(), others=MODE_SETS)
def test_mutated_bodies_keep_their_data_or_raise_decode_error(
    mode: str, data: st.DataObject, others: frozenset[str]
) -> None:
    check_success_body(data, others | {mode})


def test_a_list_of_enum_values_with_a_null_round_trips() -> None:
    # Found by the long run: the regions [None] were kept as sent, then to_dict() read `.value`.
    body = fixture("get_monitor")
    body["data"]["attributes"]["regions"] = [None, "eu"]
    api, stage = staged()
    stage.set_json(200, body)
    assert canonical(api.call(get_monitor, monitor_id="2").to_dict()) == canonical(body)
    regions: Any = Monitor.get(api, 2).regions  # kept as sent, whatever its declared type
    assert regions == [None, "eu"]


def test_unparsed_union_list_round_trips() -> None:
    body = fixture("get_monitor")
    body["data"]["attributes"]["request_headers"] = [5]
    api, stage = staged()
    stage.set_json(200, body)
    parsed = api.call(get_monitor, monitor_id="2")
    assert canonical(parsed.to_dict()) == canonical(body)


# Bytes that are not the documented JSON, on every operation ------------------------------------

BAD_GATEWAY = b"<html><head><title>502 Bad Gateway</title></head><body><h1>502 Bad Gateway</h1></body></html>"


@pytest.mark.parametrize("operation", ALL_OPERATIONS, ids=lambda operation: operation.operation_id)
def test_proxy_html_error_page_raises_server_error_with_502(operation: Operation) -> None:
    api, stage = staged()
    stage.set(502, BAD_GATEWAY, "text/html")
    with pytest.raises(ServerError) as caught:
        api.call(operation.module(), **plan(operation))
    assert caught.value.status_code == 502
    assert caught.value.message == BAD_GATEWAY.decode()


@pytest.mark.parametrize("operation", ALL_OPERATIONS, ids=lambda operation: operation.operation_id)
def test_html_on_a_success_status_raises_decode_error_with_that_status(operation: Operation) -> None:
    status = int(operation.success_status())
    api, stage = staged()
    stage.set(status, b"<!DOCTYPE html><html><body>Maintenance</body></html>", "text/html; charset=utf-8")
    with pytest.raises(ResponseDecodeError) as caught:
        api.call(operation.module(), **plan(operation))
    assert (caught.value.status_code, caught.value.content_type) == (status, "text/html; charset=utf-8")


CONTENT_TYPES = st.sampled_from(
    [JSON_TYPE, "application/json; charset=utf-8", "text/html", "text/plain", "application/octet-stream", None]
)


@st.composite
def garbage(draw: st.DrawFn, *, nested: bool = True) -> bytes:
    """Bytes that are not JSON: HTML, text, invalid UTF-8, a JSON text cut short, nesting past any limit."""
    kind = draw(st.sampled_from(["html", "text", "binary", "truncated", *(["deep"] if nested else [])]))
    if kind == "html":
        return b"<html><body><h1>" + draw(st.text(max_size=40)).encode() + b"</h1></body></html>"
    if kind == "text":
        return draw(st.text(min_size=1, max_size=40).filter(lambda text: not _is_json(text))).encode()
    if kind == "binary":
        return b"\xff\xfe\x00" + draw(st.binary(max_size=40))
    if kind == "deep":
        return deep(100_000).encode()
    whole = json.dumps(draw(JSON_VALUES.map(lambda value: {"data": value}))).encode()
    return whole[: draw(st.integers(1, len(whole) - 1))]


def _is_json(text: str) -> bool:
    try:
        json.loads(text)
    except ValueError:
        return False
    return True


@given(
    operation=st.sampled_from(ALL_OPERATIONS),
    status=st.sampled_from([400, 401, 403, 404, 409, 422, 429, 500, 502, 503, 504]) | st.integers(300, 599),
    body=st.one_of(
        bodies("ErrorBody", frozenset()).map(lambda body: json.dumps(body).encode()),
        JSON_VALUES.map(lambda value: json.dumps(value).encode()),
        st.just(b""),
    ),
    content_type=CONTENT_TYPES,
)
def test_error_status_raises_the_api_error_of_that_status(
    operation: Operation, status: int, body: bytes, content_type: str | None
) -> None:
    count("fuzz cases run")
    api, stage = staged()
    stage.set(status, body, content_type)
    with pytest.raises(APIError) as caught:
        api.call(operation.module(), **plan(operation))
    assert type(caught.value) is error_class(status)
    assert caught.value.status_code == status
    sent = json.loads(body) if body else None
    if isinstance(sent, dict) and "errors" in sent:
        assert caught.value.response_body == sent["errors"]


# Nesting past the parser's limit is left out until the bug `test_deep_error_body_raises_the_api_error` holds is fixed.
@given(operation=st.sampled_from(ALL_OPERATIONS), status=st.integers(300, 599), body=garbage(nested=True))
@example(operation=ALL_OPERATIONS[0], status=502, body=BAD_GATEWAY)
def test_error_status_with_a_body_that_is_not_json_raises_the_api_error(
    operation: Operation, status: int, body: bytes
) -> None:
    count("fuzz cases run")
    api, stage = staged()
    stage.set(status, body, "text/html")
    with pytest.raises(APIError) as caught:
        api.call(operation.module(), **plan(operation))
    assert (type(caught.value), caught.value.status_code) == (error_class(status), status)


@given(operation=st.sampled_from(JSON_OPERATIONS), body=garbage(nested=True), content_type=CONTENT_TYPES)
def test_success_status_with_a_body_that_is_not_json_raises_decode_error(
    operation: Operation, body: bytes, content_type: str | None
) -> None:
    count("fuzz cases run")
    status = int(operation.success_status())
    api, stage = staged()
    stage.set(status, body, content_type)
    assert_decode_error(outcome(lambda: api.call(operation.module(), **plan(operation))), status)


@given(operation=st.sampled_from(JSON_OPERATIONS), depth=st.integers(2, 60), content_type=CONTENT_TYPES)
def test_moderately_nested_extra_field_is_kept_whatever_the_content_type(
    operation: Operation, depth: int, content_type: str | None
) -> None:
    count("fuzz cases run")
    schema = success_schema(operation)
    assert schema is not None
    body = {**fixture_or_minimal(schema), "extra_nested": json.loads(deep(depth))}
    status = int(operation.success_status())
    api, stage = staged()
    stage.set_json(status, body, content_type)
    parsed = api.call(operation.module(), **plan(operation))
    assert model_json(parsed) == canonical(body)


def fixture_or_minimal(schema: dict[str, Any]) -> dict[str, Any]:
    """The smallest body valid against `schema`: its required properties, each at its simplest."""
    return {
        name: _minimal(sub)
        for name, sub in merged_schema(_first_branch(schema)).get("properties", {}).items()
        if name in merged_schema(_first_branch(schema)).get("required", [])
    }


def _first_branch(schema: dict[str, Any]) -> dict[str, Any]:
    return schema["anyOf"][0] if "anyOf" in schema else schema


def _minimal(schema: dict[str, Any]) -> Any:
    flat = merged_schema(_first_branch(schema))
    kind = flat.get("type", "object")
    kind = kind[0] if isinstance(kind, list) else kind
    if "enum" in flat:
        return flat["enum"][0]
    makers: dict[str, Callable[[], Any]] = {
        "object": lambda: fixture_or_minimal(flat),
        "array": list,
        "string": str,
        "integer": int,
        "number": float,
        "boolean": bool,
        "null": lambda: None,
    }
    return makers[kind]()


def test_deeply_nested_success_body_raises_decode_error() -> None:
    api, stage = staged()
    stage.set(200, deep(100_000).encode())
    assert_decode_error(outcome(lambda: api.call(get_monitor, monitor_id="2")), 200)


def test_deep_error_body_raises_the_api_error() -> None:
    api, stage = staged()
    stage.set(502, deep(100_000).encode())
    result = outcome(lambda: api.call(get_monitor, monitor_id="2"))
    assert isinstance(result, ServerError) and result.status_code == 502


def test_deeply_nested_list_page_raises_decode_error() -> None:
    api, stage = staged()
    stage.set(200, deep(100_000).encode())
    assert_decode_error(outcome(lambda: list(Monitor.get_all_instances(api))), 200)


def test_body_that_fails_content_decoding_raises_decode_error_with_the_status() -> None:
    api, stage = staged()
    stage.set(200, b"not gzip at all", JSON_TYPE)
    stage.headers["Content-Encoding"] = "gzip"
    assert_decode_error(outcome(lambda: api.call(get_monitor, monitor_id="2")), 200)


def test_async_call_maps_a_garbled_success_and_a_proxy_error_page() -> None:
    api, stage = staged()
    stage.set(200, b'{"data": {"id": "2", "attributes"', JSON_TYPE)
    assert_decode_error(outcome(lambda: asyncio.run(api.acall(get_monitor, monitor_id="2"))), 200)
    stage.set(503, BAD_GATEWAY, "text/html")
    result = outcome(lambda: asyncio.run(api.acall(get_monitor, monitor_id="2")))
    assert isinstance(result, ServerError) and result.status_code == 503


# The object layer ------------------------------------------------------------------------------

OBJECT_CLASSES: dict[str, type[Monitor] | type[Incident] | type[StatusPage]] = {
    "Monitor": Monitor,
    "Incident": Incident,
    "StatusPage": StatusPage,
}
# Modes whose values the generated models cannot hold (a wrong type under a union) are left to the
# list path and to `test_object_get_with_an_unparsed_union_item_raises_decode_error`.
OBJECT_MODES = st.frozensets(st.sampled_from(["extra", "unknown_enum", "null", "missing", "huge"]))
ASCII_DIGITS = re.compile(r"[0-9]{1,18}")


def expected_value(cls: type[Any], wire: str, value: Any) -> Any:
    # Foreign keys arrive as integers or numeric strings; objects hold integers.
    if wire in kind_of(cls).foreign_keys and isinstance(value, str) and ASCII_DIGITS.fullmatch(value):
        return int(value)
    return value


def assert_object_keeps(obj: Any, item: Any) -> None:
    """Every attribute `item` carries is readable from `obj` with the same value."""
    cls = type(obj)
    assert obj.id == (None if item["id"] is None else str(item["id"]))  # never the text "None"
    attributes = item.get("attributes") or {}
    python_names = {wire: python for python, wire in kind_of(cls).wire_names.items()}
    for wire, value in attributes.items():
        if wire == "id" or (cls is StatusPage and wire == "password"):
            continue  # the resource id wins; the page password is write-only and never kept
        if cls is Incident and wire in ("monitor_id", "heartbeat_id") and value is None:
            continue  # filled from `relationships` when the attribute is null
        read = getattr(obj, python_names.get(wire, wire))
        assert canonical(read) == canonical(expected_value(cls, wire, value)), wire


@pytest.mark.parametrize("name", sorted(OBJECT_CLASSES))
@given(data=st.data(), modes=OBJECT_MODES)
def test_object_get_keeps_every_attribute_or_raises_decode_error(
    name: str, data: st.DataObject, modes: frozenset[str]
) -> None:
    count("fuzz cases run")
    cls = OBJECT_CLASSES[name]
    body = data.draw(bodies(f"{name}Response", modes), label="body")
    api, stage = staged()
    stage.set_json(200, body)
    result = outcome(lambda: cls.get(api, "7"))
    if modes <= TOLERATED:
        assert not isinstance(result, BaseException), f"a body the SDK must take was refused: {result!r}"
    if isinstance(result, BaseException):
        assert_decode_error(result, 200)
    else:
        assert_object_keeps(result, body["data"])


@pytest.mark.parametrize("name", sorted(OBJECT_CLASSES))
@given(data=st.data(), modes=MODE_SETS)
def test_list_page_of_mutated_items_yields_every_item_or_raises_decode_error(
    name: str, data: st.DataObject, modes: frozenset[str]
) -> None:
    count("fuzz cases run")
    cls = OBJECT_CLASSES[name]
    body = data.draw(bodies(f"{name}List", modes), label="body")
    body["pagination"] = {"first": None, "last": None, "prev": None, "next": None}
    api, stage = staged()
    stage.set_json(200, body)
    result = outcome(lambda: list(cls.get_all_instances(api)))
    if modes <= TOLERATED:
        assert not isinstance(result, BaseException), f"a page the SDK must take was refused: {result!r}"
    if isinstance(result, BaseException):
        assert_decode_error(result, 200)
    else:
        assert len(result) == len(body["data"])
        for obj, item in zip(result, body["data"], strict=True):
            assert_object_keeps(obj, item)


SAVE_ANSWERS = st.one_of(
    bodies("MonitorResponse", frozenset({"extra", "unknown_enum", "null", "missing"})).map(lambda body: (200, body)),
    garbage(nested=False).map(lambda content: (200, content)),
    st.tuples(st.sampled_from([409, 422, 429, 500, 502]), garbage(nested=False)),
)


@given(answer=SAVE_ANSWERS)
def test_save_takes_the_answer_or_raises_and_keeps_the_edit(answer: tuple[int, Any]) -> None:
    count("fuzz cases run")
    status, body = answer
    api, stage = staged()
    stage.set_json(200, fixture("get_monitor"))
    monitor = Monitor.get(api, 2)
    monitor.check_frequency = 61
    if isinstance(body, bytes):
        stage.set(status, body, "text/html")
    else:
        stage.set_json(status, body)
    result = outcome(monitor.save)
    if isinstance(result, ResponseDecodeError | APIError):
        expected = ResponseDecodeError if status < 300 else error_class(status)
        assert (type(result), result.status_code) == (expected, status)
        assert monitor.check_frequency == 61
        assert monitor.get_modified_properties() == ["check_frequency"]
    else:
        assert not isinstance(result, BaseException), f"save() raised {result!r}"
        assert isinstance(body, dict), "a body that is not JSON was taken as a saved answer"
        assert_object_keeps(monitor, body["data"])
        assert monitor.get_modified_properties() == []


# Bugs the properties found, each held until fixed ---------------------------------------------


def _monitor_body(**attributes: Any) -> dict[str, Any]:
    body: dict[str, Any] = fixture("get_monitor")
    body["data"]["attributes"].update(attributes)
    return body


def test_object_get_with_an_unparsed_union_item_raises_decode_error_or_keeps_it() -> None:
    api, stage = staged()
    stage.set_json(200, _monitor_body(request_headers=[5]))
    headers: Any = Monitor.get(api, 2).request_headers  # kept as sent, whatever its declared type
    assert headers == [5]


@pytest.mark.parametrize("value", ["²", "1" * 5000])
def test_odd_foreign_key_strings_are_kept_as_sent(value: str) -> None:
    api, stage = staged()
    stage.set_json(200, _monitor_body(policy_id=value))
    kept: Any = Monitor.get(api, 2).policy_id
    assert kept == value


def test_foreign_key_of_non_ascii_digits_is_kept_as_sent() -> None:
    api, stage = staged()
    stage.set_json(200, _monitor_body(policy_id="١٢"))
    kept: Any = Monitor.get(api, 2).policy_id
    assert kept == "١٢"


def _page_with(**links: str) -> dict[str, Any]:
    body: dict[str, Any] = fixture("list_monitors")
    body["pagination"] = {"first": None, "last": None, "prev": None, "next": None, **links}
    return body


@pytest.mark.parametrize("link", ["next", "last"])
def test_page_link_with_a_non_ascii_digit_page_raises_an_sdk_error(link: str) -> None:
    api, stage = staged()
    stage.set_json(200, _page_with(**{link: "https://uptime.betterstack.com/api/v2/monitors?page=²"}))
    assert isinstance(outcome(lambda: list(Monitor.get_all_instances(api))), BetterStackError | list)


def test_next_link_that_is_not_a_url_raises_an_sdk_error() -> None:
    api, stage = staged()
    stage.set_json(200, _page_with(next="::::"))
    with pytest.raises(PaginationError, match="a page link that is not a URL: '::::'"):
        list(Monitor.get_all_instances(api))
