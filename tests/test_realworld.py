"""The corpus of real samples (tests/realworld/) against the spec, the SDK and the fake.

Each sample is a body the real API sent or took, from public sources listed in SOURCES.md:
`<operationId>.<tag>.<kind>.json`, where the kind is `request`, `response` (2xx) or `error-<status>`.
Every sample is checked twice: against the bundled spec (jsonschema), and through the SDK (the
generated parser and the object layer for answers, the SDK's own argument checks and `new()` for
requests). A sample SOURCES.md marks `excluded: <reason>` must still fail one of those checks, so
an exclusion cannot outlive its reason. The fake takes every request sample too.
"""

from __future__ import annotations

import datetime
import json
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import httpx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from betterstack.uptime import APIError, BaseAPIObject, UptimeAPI, ValidationError
from betterstack.uptime import objects as objects_package
from betterstack.uptime._kind import KINDS, kind_of
from betterstack.uptime._validation import check_body
from betterstack.uptime.testing import DEFAULT_TOKEN, FakeUptime

from spec_bodies import Bodies, merged_schema
from spec_helpers import Operation, call_plan, operations, resolve, schema_errors
from wire import TOKEN, Recorder

REALWORLD = Path(__file__).resolve().parent / "realworld"
NAME = re.compile(
    r"^(?P<operation>[a-z0-9_]+)\.(?P<tag>(?:docs|tf|client)-\d+)\.(?P<kind>request|response|error-\d{3})\.json$"
)
ROW = re.compile(r"^\|\s*`?(?P<file>[^|`]+?\.json)`?\s*\|(?P<source>[^|]*)\|(?P<note>.*)\|\s*$")
# Path parameters get this value; the mock transport answers whatever the path.
PATH_ID = "1"


@dataclass(frozen=True)
class Sample:
    """One body of the corpus and what SOURCES.md says of it."""

    path: Path
    operation: Operation
    kind: str
    source: str
    note: str

    @property
    def body(self) -> Any:
        return json.loads(self.path.read_text())

    @property
    def excluded(self) -> bool:
        return self.note.startswith("excluded:")

    @property
    def status(self) -> int:
        if self.kind.startswith("error-"):
            return int(self.kind.removeprefix("error-"))
        if self.kind == "response":
            return int(self.operation.success_status())
        return 0

    def __str__(self) -> str:
        return self.path.name


@cache
def rows() -> dict[str, tuple[str, str]]:
    """SOURCES.md's table: file name -> (source, note)."""
    found: dict[str, tuple[str, str]] = {}
    listing = REALWORLD / "SOURCES.md"
    for line in listing.read_text().splitlines() if listing.exists() else []:
        match = ROW.match(line)
        if match and match["file"].strip() != "file":
            found[match["file"].strip()] = (match["source"].strip(), match["note"].strip())
    return found


@cache
def corpus() -> list[Sample]:
    by_id = {operation.operation_id: operation for operation in operations()}
    samples = []
    for path in sorted(REALWORLD.glob("*.json")):
        match = NAME.match(path.name)
        assert match is not None, f"{path.name} is not named <operationId>.<tag>.<kind>.json"
        assert match["operation"] in by_id, f"{path.name}: no operation {match['operation']!r} in the spec"
        source, note = rows().get(path.name, ("", ""))
        samples.append(Sample(path, by_id[match["operation"]], match["kind"], source, note))
    return samples


# The corpus itself ------------------------------------------------------------------------------


def test_every_sample_is_listed_with_its_source() -> None:
    files = {sample.path.name for sample in corpus()}
    assert sorted(files - set(rows())) == [], "samples missing from SOURCES.md"
    assert sorted(set(rows()) - files) == [], "SOURCES.md lists files that do not exist"
    assert [name for name, (source, _) in rows().items() if not source] == [], "rows without a source"


def test_the_corpus_covers_every_resource_family() -> None:
    assert len(corpus()) >= 80
    covered = {sample.operation.definition["tags"][0] for sample in corpus()}
    families = {
        "monitors", "monitor_groups", "heartbeats", "heartbeat_groups", "incidents", "incident_comments",
        "incident_timeline", "status_pages", "status_page_sections", "status_page_resources", "status_reports",
        "on_call_calendars", "on_call_events", "on_call_rotations", "policies", "urgencies", "metadata",
        "outgoing_webhooks", "incoming_webhooks", "team_members", "roles", "catalog_relations",
    }  # fmt: skip
    assert sorted(families - covered) == []


# Check 1: the spec -----------------------------------------------------------------------------


def spec_problems(sample: Sample) -> list[str]:
    """What the bundled spec says is wrong with the sample."""
    pointer = sample.operation.pointer
    if sample.kind == "request":
        return schema_errors(f"{pointer}/requestBody/content/application~1json/schema", sample.body)
    responses = sample.operation.definition["responses"]
    status = str(sample.status)
    key = status if status in responses else "default"
    if key not in responses:
        return [f"the spec documents no {status} answer"]
    content = resolve(responses[key]).get("content", {}).get("application/json")
    if content is None:
        return [f"the spec documents no JSON body for {status}"]
    target = (
        f"#/components/responses/{responses[key]['$ref'].rsplit('/', 1)[-1]}"
        if "$ref" in responses[key]
        else (f"{pointer}/responses/{key}")
    )
    return schema_errors(f"{target}/content/application~1json/schema", sample.body)


# Check 2: the SDK ------------------------------------------------------------------------------


@cache
def object_classes() -> dict[str, tuple[type[BaseAPIObject], str]]:
    """Operation id -> (the object class standing on it, which of its endpoints it is)."""
    found: dict[str, tuple[type[BaseAPIObject], str]] = {}
    for name in objects_package.__all__:
        cls = getattr(objects_package, name)
        if cls not in KINDS:
            continue  # PolicyStep, OnCallUser, ...: not resource classes
        operations = KINDS[cls].operations
        for kind in ("list", "get", "create", "update", "delete"):
            operation = getattr(operations, kind)
            if operation is not None:
                found.setdefault(operation.name, (cls, kind))
    return found


def path_arguments(operation: Operation) -> dict[str, str]:
    return {parameter["name"]: PATH_ID for parameter in operation.parameters() if parameter["in"] == "path"}


def query_arguments(operation: Operation) -> dict[str, Any]:
    return {
        parameter["name"]: parameter["example"]
        for parameter in operation.parameters()
        if parameter["in"] == "query" and parameter.get("required")
    }


def serving(sample: Sample, body: Any, status: int) -> tuple[UptimeAPI, Recorder]:
    def answer(request: httpx.Request) -> httpx.Response:
        if request.url.params.get("page") not in (None, "1"):
            # The sample's next page: empty and last, so a walk ends after the sample's items.
            return httpx.Response(200, json={"data": [], "pagination": {"next": None}})
        if request.method.lower() == sample.operation.method:
            return httpx.Response(status, json=body)
        return httpx.Response(200, json=body)  # a save() PATCH answered with the same resource

    recorder = Recorder(answer)
    return UptimeAPI(TOKEN, transport=httpx.MockTransport(recorder), retries=0, rate_limit=None), recorder


def read_every_field(obj: BaseAPIObject) -> None:
    for name in kind_of(type(obj)).fields:
        getattr(obj, name)
    repr(obj)


def sdk_problems(sample: Sample) -> list[str]:
    """What goes wrong when the SDK reads or sends the sample."""
    try:
        if sample.kind == "request":
            check_request(sample)
        elif sample.kind == "response":
            check_answer(sample)
        else:
            check_error(sample)
    except (APIError, ValidationError, AssertionError) as error:
        return [f"{type(error).__name__}: {error}"]
    except Exception as error:
        return [f"{type(error).__name__}: {error}"]
    return []


def _parents(cls: type[BaseAPIObject]) -> dict[str, str]:
    return {name: PATH_ID for name in kind_of(cls).parent_arguments}


def check_answer(sample: Sample) -> None:
    api, wire = serving(sample, sample.body, sample.status)
    # The spec's own example arguments: what matters here is the answer, not the request.
    api.call(sample.operation.module(), **call_plan(sample.operation)[0])
    found = object_classes().get(sample.operation.operation_id)
    if found is None:
        return
    cls, kind = found
    if kind == "get":
        obj = cls.get(api, PATH_ID, **_parents(cls))
        read_every_field(obj)
        edit_and_save(obj, wire)
    elif kind == "list" and not kind_of(cls).parent_arguments:
        for obj in cls.get_all_instances(api):
            read_every_field(obj)


def edit_and_save(obj: BaseAPIObject, wire: Recorder) -> None:
    """Change one plain field the update operation takes; save() must send exactly that."""
    cls = type(obj)
    update = kind_of(cls).operations.update
    if update is None:
        return
    operation = next(op for op in operations() if op.operation_id == update.name)
    schema = (
        operation.definition.get("requestBody", {}).get("content", {}).get("application/json", {}).get("schema", {})
    )
    # Free text only: a pattern, format or enum would rightly refuse the edited value.
    writable = {
        name
        for name, prop in _properties(schema).items()
        if not {"pattern", "format", "enum", "$ref", "anyOf", "oneOf"} & set(prop)
    }
    for name in kind_of(cls).fields:
        wire_name = kind_of(cls).wire_names.get(name, name)
        value = getattr(obj, name)
        if wire_name in writable and isinstance(value, str) and value and name not in kind_of(cls).secrets:
            setattr(obj, name, value + " (edited)")
            sent = len(wire.requests)
            obj.save()
            assert wire.requests[sent].method == "PATCH", wire.calls
            assert json.loads(wire.requests[sent].content) == {wire_name: value + " (edited)"}
            return


def _properties(schema: dict[str, Any]) -> dict[str, Any]:
    schema = resolve(schema)
    found: dict[str, Any] = {}
    for part in schema.get("allOf", []):
        found |= _properties(part)
    own: dict[str, Any] = schema.get("properties", {})
    return found | own


def check_request(sample: Sample) -> None:
    body: Any = sample.body
    check_body(sample.operation.operation_id, body)
    found = object_classes().get(sample.operation.operation_id)
    if found is None or found[1] != "create" or kind_of(found[0]).parent_arguments or not isinstance(body, dict):
        return
    cls = found[0]
    # The answer repeats the fields sent; what matters here is what goes out.
    answer = {"data": {"id": PATH_ID, "type": "resource", "attributes": body}}
    api, wire = serving(sample, answer, int(sample.operation.success_status()))
    fields: dict[str, Any] = {kind_of(cls).python_names.get(str(key), str(key)): value for key, value in body.items()}
    cls.new(api, **fields)
    assert json.loads(wire.requests[0].content) == body


def check_error(sample: Sample) -> None:
    api, _ = serving(sample, sample.body, sample.status)
    with pytest.raises(APIError) as raised:
        api.call(sample.operation.module(), **call_plan(sample.operation)[0])
    assert raised.value.status_code == sample.status


@pytest.mark.parametrize("sample", [pytest.param(s, id=str(s)) for s in corpus() if not s.excluded])
def test_sample_matches_the_spec(sample: Sample) -> None:
    assert spec_problems(sample) == []


@pytest.mark.parametrize("sample", [pytest.param(s, id=str(s)) for s in corpus() if not s.excluded])
def test_sample_goes_through_the_sdk(sample: Sample) -> None:
    assert sdk_problems(sample) == []


@pytest.mark.parametrize("sample", [pytest.param(s, id=str(s)) for s in corpus() if s.excluded])
def test_an_excluded_sample_still_fails_a_check(sample: Sample) -> None:
    # Once the spec and the SDK take it, the exclusion in SOURCES.md is stale: remove it.
    assert spec_problems(sample) or sdk_problems(sample), f"{sample}: {sample.note}"


# The fake --------------------------------------------------------------------------------------


def fake_request(fake: FakeUptime, sample: Sample, body: Any) -> httpx.Response:
    path = sample.operation.path
    for name, value in path_arguments(sample.operation).items():
        path = path.replace("{" + name + "}", value)
    with httpx.Client(transport=fake.transport, base_url="https://uptime.betterstack.com") as client:
        return client.request(
            sample.operation.method.upper(),
            path,
            json=body,
            params=query_arguments(sample.operation),
            headers={"Authorization": f"Bearer {DEFAULT_TOKEN}"},
        )


@pytest.mark.parametrize(
    "sample", [pytest.param(s, id=str(s)) for s in corpus() if s.kind == "request" and not s.excluded]
)
def test_the_fake_takes_every_real_request(sample: Sample) -> None:
    # The samples were made on their own dates: a clock before all of them (events must not
    # start in the past).
    fake = FakeUptime(clock=lambda: datetime.datetime(2020, 1, 1, tzinfo=datetime.UTC))
    seed_parents(fake, sample.operation, sample.body if sample.operation.method == "patch" else {})
    response = fake_request(fake, sample, sample.body)
    assert response.status_code < 400, response.text


def seed_parents(fake: FakeUptime, operation: Operation, target: Any) -> None:
    """Put a record with id PATH_ID in every collection the operation's path names by id.

    The last one, the record a PATCH changes, holds what the request names (nested ids).
    """
    parts = operation.path.split("/")
    named = [index for index, part in enumerate(parts) if part.startswith("{")]
    for depth, index in enumerate(named):
        attributes = target if index == named[-1] and isinstance(target, dict) else {}
        fake.add("/".join(parts[:index]), attributes, parents=(PATH_ID,) * depth, id=PATH_ID)
    if operation.path.endswith("/events/{event_id}"):
        # On-call events are flat and live beside their calendar, not in a collection of their own.
        event = {"id": PATH_ID, "starts_at": "2020-01-02T00:00:00Z", "ends_at": "2030-01-01T00:00:00Z", "users": []}
        fake.extra.setdefault("on_call_events", {})[PATH_ID] = [{**event, **(target or {})}]


# Whatever the API returned passes the SDK's checks when sent back --------------------------------


def round_trips() -> list[Any]:
    """(object class, its attributes schema, its update operation) for every updatable class."""
    found = []
    for name in sorted(objects_package.__all__):
        cls = getattr(objects_package, name)
        operations_ = KINDS[cls].operations if cls in KINDS else None
        fields = next((base.__name__ for base in cls.__mro__ if base.__module__ == "betterstack_sdk.fields"), None)
        if operations_ is None or operations_.update is None or fields is None:
            continue
        update = operations_.update.name
        found.append(pytest.param(cls, fields.removesuffix("Fields") + "Attributes", update, id=name))
    return found


# What the request schemas say of values (ranges, lengths, patterns, nested keys), which the API's
# answers obey too though the response schemas do not repeat it.
VALUE_RULES = ("minimum", "maximum", "minLength", "maxLength", "pattern", "minItems", "required")


def as_returned(returned: dict[str, Any], taken: dict[str, Any]) -> dict[str, Any]:
    """The response schema `returned`, with the value rules of the request schema `taken`.

    Types, nullability, enums and optional keys stay the response's: those are what an answer
    may differ in from a request, and what the SDK must take back.
    """
    returned, taken = merged_schema(returned), merged_schema(taken)
    for key in ("anyOf", "oneOf"):
        if key in returned:
            return {key: [as_returned(option, taken) for option in returned[key]]}
    for key in ("anyOf", "oneOf"):
        if key in taken:  # the first option that is not null carries the rules
            taken = next((merged_schema(o) for o in taken[key] if o.get("type") != "null"), {})
    merged = {**returned, **{rule: taken[rule] for rule in VALUE_RULES if rule in taken}}
    if "properties" in returned:
        merged["properties"] = {
            name: as_returned(sub, taken.get("properties", {}).get(name, {}))
            for name, sub in returned["properties"].items()
        }
        merged["required"] = [name for name in merged.get("required", []) if name in returned["properties"]]
    if "items" in returned:
        merged["items"] = as_returned(returned["items"], taken.get("items", {}))
    return merged


@pytest.mark.parametrize(("cls", "attributes", "update"), round_trips())
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_what_the_api_returned_passes_the_sdks_checks_when_sent_back(
    cls: type[BaseAPIObject], attributes: str, update: str, data: st.DataObject
) -> None:
    operation = next(op for op in operations() if op.operation_id == update)
    taken = operation.definition["requestBody"]["content"]["application/json"]["schema"]
    schema = as_returned({"$ref": f"#/components/schemas/{attributes}"}, taken)
    schema["required"] = []  # the request's required fields are the update's, not the answer's
    returned = data.draw(Bodies(frozenset()).body(schema))
    sent_back = {key: value for key, value in returned.items() if key in _properties(taken)}
    check_body(update, sent_back, secrets=kind_of(cls).secrets)


def answered_pairs() -> list[Any]:
    """Request samples whose source also shows the answer to them (same operation and tag)."""
    kept = {(s.operation.operation_id, s.path.name.split(".")[1], s.kind): s for s in corpus() if not s.excluded}
    return [
        pytest.param(request, answer, id=str(request))
        for (operation, tag, kind), request in sorted(kept.items())
        if kind == "request" and (answer := kept.get((operation, tag, "response"))) is not None
    ]


# The members of a JSON:API resource; an older page's `steps` beside `attributes` is no shape to copy.
JSON_API_MEMBERS = {"id", "type", "attributes", "relationships", "meta"}


def keys_of(body: Any) -> dict[str, set[str]]:
    """The keys a body shows at the levels a client reads: the top, `data`, and its attributes."""
    found: dict[str, set[str]] = {"top": set(body) if isinstance(body, dict) else set()}
    data = body.get("data") if isinstance(body, dict) else None
    if isinstance(data, dict):
        found["data"] = set(data) & JSON_API_MEMBERS
        if isinstance(data.get("attributes"), dict):
            found["attributes"] = set(data["attributes"])
    return found


@pytest.mark.parametrize(("request_sample", "answer"), answered_pairs())
def test_the_fake_answers_in_the_shape_of_the_real_answer(request_sample: Sample, answer: Sample) -> None:
    fake = FakeUptime(clock=lambda: datetime.datetime(2020, 1, 1, tzinfo=datetime.UTC))
    seed_parents(
        fake, request_sample.operation, request_sample.body if request_sample.operation.method == "patch" else {}
    )
    response = fake_request(fake, request_sample, request_sample.body)
    real, faked = keys_of(answer.body), keys_of(response.json() if response.content else None)
    missing = {level: sorted(keys - faked.get(level, set())) for level, keys in real.items()}
    assert {level: keys for level, keys in missing.items() if keys} == {}
