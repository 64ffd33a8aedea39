"""`FakeUptime`: an in-memory, stateful Better Stack Uptime API built from the bundled spec.

Every operation of the spec is served. Plain collections (list, get, create, update, delete)
are handled generically from the route's shape; operations with behaviour of their own
(acknowledging an incident, an SLA computed from incidents, ...) have handlers registered by
operation id in `_handlers`.
"""

from __future__ import annotations

import datetime
import importlib
import itertools
import json
import threading
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qsl, urlencode, urlsplit

from .._spec import resolve
from ._faults import Fault, Faults
from ._routes import Route, find
from ._validation import ContractViolation, body_errors, canonical_case, response_errors

if TYPE_CHECKING:
    from ._transport import FakeTransport

Record = dict[str, Any]
DEFAULT_TOKEN = "test-token"
NOT_AUTHENTICATED = (
    "We could not authenticate your request. Please provide a valid Global API token or Uptime API token."
)
READ_ONLY = "This API token is read-only and cannot be used for write operations."
NOT_FOUND = "Resource with provided ID was not found"


def _now() -> datetime.datetime:
    return datetime.datetime.now(datetime.UTC)


def timestamp(moment: datetime.datetime) -> str:
    """The API's timestamp form: UTC with milliseconds and `Z`."""
    return moment.astimezone(datetime.UTC).strftime("%Y-%m-%dT%H:%M:%S.") + f"{moment.microsecond // 1000:03d}Z"


@dataclass
class FakeResponse:
    """What the fake answers: status, headers and body bytes."""

    status: int
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=lambda: {"Content-Type": "application/json"})

    @classmethod
    def json(cls, status: int, payload: Any, headers: Mapping[str, str] | None = None) -> FakeResponse:
        """A JSON response."""
        response = cls(status, json.dumps(payload).encode())
        response.headers.update(headers or {})
        return response

    @classmethod
    def error(cls, status: int, errors: Any) -> FakeResponse:
        """An error response in the API's `{"errors": ...}` shape."""
        return cls.json(status, {"errors": errors})


@dataclass
class Request:
    """A request as the fake sees it."""

    method: str
    path: str
    query: dict[str, str]
    headers: dict[str, str]
    body: Any
    route: Route
    path_params: dict[str, str]

    @property
    def parents(self) -> tuple[str, ...]:
        """Path parameter values other than the item's own id."""
        names = self.route.path_names[:-1] if self.route.is_item else self.route.path_names
        return tuple(self.path_params[name] for name in names)

    @property
    def item_id(self) -> str:
        """The id at the end of the path."""
        return self.path_params[self.route.path_names[-1]]


Handler = Callable[["FakeUptime", Request], FakeResponse]
HANDLERS: dict[str, Handler] = {}


def handles(*operation_ids: str) -> Callable[[Handler], Handler]:
    """Register a handler for operations that need more than generic CRUD."""

    def register(handler: Handler) -> Handler:
        for operation_id in operation_ids:
            HANDLERS[operation_id] = handler
        return handler

    return register


# The spec never changes while the fake runs: what it says about a collection is worked out once.
@cache
def _resource_type(collection: str) -> str:
    """The JSON:API `type` of a collection's items, from its resource schema's example."""
    for route in _routes_for(collection):
        schema = route.response_schema
        if schema is None:
            continue
        resolved = resolve(schema)
        for part in resolved.get("allOf", [resolved]):
            data = resolve(part).get("properties", {}).get("data")
            if data is None:
                continue
            item = resolve(data.get("items", data))
            for example in item.get("examples", []):
                if isinstance(example, dict) and "type" in example:
                    return str(example["type"])
    return collection.rsplit("/", 1)[-1].rstrip("s").replace("-", "_")


@cache
def _routes_for(collection: str) -> tuple[Route, ...]:
    from ._routes import routes

    return tuple(route for route in routes() if route.collection == collection)


@cache
def _attribute_names(collection: str) -> frozenset[str]:
    """The attribute names the spec declares for a collection's resources."""
    for route in _routes_for(collection):
        if route.response_schema is None:
            continue
        resolved = resolve(route.response_schema)
        for part in resolved.get("allOf", [resolved]):
            data = resolve(part).get("properties", {}).get("data")
            if data is None:
                continue
            item = resolve(data.get("items", data))
            attributes = item.get("properties", {}).get("attributes")
            if attributes is not None:
                return frozenset(_properties(resolve(attributes)))
    return frozenset()


def _properties(schema: dict[str, Any]) -> set[str]:
    names: set[str] = set(schema.get("properties", {}))
    for part in schema.get("allOf", []):
        names |= _properties(resolve(part))
    return names


class FakeUptime:
    """An in-memory Better Stack Uptime API.

    Args:
        token: The token it accepts for reads and writes.
        read_only_tokens: Tokens it accepts for reads only (writes get 403).
        base_url: The host its pagination links name.
        clock: The time source for timestamps (inject one for repeatable tests).
        seed: Initial data, as for `seed()`.

    Use `fake.transport` with `UptimeAPI(token, transport=fake.transport)`, or `serve(fake)` for a
    real HTTP server on 127.0.0.1.

    Set `check_contract` (on the class or an instance) to have every answer checked against the
    spec: an undocumented status or a body off schema raises `ContractViolation`.
    """

    check_contract: bool = False

    tokens: set[str]
    """Tokens accepted for reads and writes."""
    read_only_tokens: set[str]
    """Tokens accepted for reads only; a write with one of them gets 403."""
    base_url: str
    """The host its pagination links name, without a trailing slash."""
    clock: Callable[[], datetime.datetime]
    """The time source for timestamps."""
    faults: Faults
    """Faults to inject, and every request seen."""
    lock: threading.RLock
    """Held while a request is answered or seed data is stored: a served fake answers on many threads."""
    collections: dict[tuple[str, tuple[str, ...]], dict[str, Record]]
    """The stored resources: by collection path template and parent ids, then by id."""
    extra: dict[str, Any]
    """State of the endpoints that are not JSON:API collections (rotations, events, ...)."""

    def __init__(
        self,
        *,
        token: str = DEFAULT_TOKEN,
        read_only_tokens: Iterable[str] = (),
        base_url: str = "https://uptime.betterstack.com",
        clock: Callable[[], datetime.datetime] = _now,
        seed: Mapping[str, Any] | None = None,
    ) -> None:
        # The operations with behaviour of their own register themselves when their module loads;
        # whoever imported this module directly (`python -m betterstack.uptime.testing`) gets them too.
        importlib.import_module("._handlers", __package__)
        self.tokens = {token}
        self.read_only_tokens = set(read_only_tokens)
        self.base_url = base_url.rstrip("/")
        self.clock = clock
        self.faults = Faults()
        self.lock = threading.RLock()
        self.collections = {}
        self.extra = {}
        self._ids = itertools.count(1)
        if seed is not None:
            self.seed(seed)

    # State ------------------------------------------------------------------------------------

    def new_id(self) -> str:
        """A fresh numeric id, as a string like the API's."""
        while True:
            candidate = str(next(self._ids) + 100000)
            if not any(candidate in records for records in self.collections.values()):
                return candidate

    def now(self) -> str:
        """The current time as the API writes it."""
        return timestamp(self.clock())

    def collection(self, template: str, parents: tuple[str, ...] = ()) -> dict[str, Record]:
        """The records of a collection (`/api/v2/monitors`), by id."""
        return self.collections.setdefault((template, parents), {})

    def add(
        self,
        template: str,
        attributes: Mapping[str, Any],
        *,
        parents: tuple[str, ...] = (),
        id: str | None = None,
        **extra: Any,
    ) -> Record:
        """Store a resource in a collection and return its record."""
        record_id = id or self.new_id()
        defaults = dict.fromkeys(_attribute_names(template))
        stamp = self.now()
        defaults.update({"created_at": stamp, "updated_at": stamp} if "created_at" in defaults else {})
        defaults.update({key: value for key, value in attributes.items() if key in defaults or not defaults})
        record: Record = {"id": record_id, "type": _resource_type(template), "attributes": defaults, **extra}
        self.collection(template, parents)[record_id] = record
        return record

    def find(self, template: str, record_id: str, parents: tuple[str, ...] = ()) -> Record | None:
        """A stored record, or None."""
        return self.collection(template, parents).get(str(record_id))

    def seed(self, data: Mapping[str, Any]) -> None:
        """Load resources: `{"/api/v2/monitors": [{"id": "1", "url": ...}, ...], ...}`.

        Keys are collection paths as in the spec (a nested one names its parents in a
        `"_parents": [...]` entry of each item); values are lists of attribute maps, each with an
        optional `id`. `"extra"` holds state of the non-JSON:API endpoints as is.
        """
        with self.lock:
            for template, items in data.items():
                if template == "extra":
                    self.extra.update(items)
                    continue
                for item in items:
                    attributes = {k: v for k, v in item.items() if k not in {"id", "_parents", "_relationships"}}
                    extra = {"relationships": item["_relationships"]} if "_relationships" in item else {}
                    self.add(template, attributes, parents=tuple(item.get("_parents", ())), id=item.get("id"), **extra)

    @classmethod
    def from_file(cls, path: str, **options: Any) -> FakeUptime:
        """A fake seeded from a JSON file (or YAML, when PyYAML is installed)."""
        with open(path, encoding="utf-8") as handle:
            if path.endswith((".yaml", ".yml")):
                import yaml

                data = yaml.safe_load(handle)
            else:
                data = json.load(handle)
        return cls(seed=data, **options)

    @property
    def transport(self) -> FakeTransport:
        """An httpx transport (sync and async) answering from this fake."""
        from ._transport import FakeTransport

        return FakeTransport(self)

    # Serving ----------------------------------------------------------------------------------

    def handle(self, method: str, url: str, headers: Mapping[str, str], body: bytes) -> FakeResponse | Fault:
        """Answer one request; a `Fault` tells the transport or server to misbehave instead."""
        parts = urlsplit(url)
        path = parts.path
        fault = self.faults.take(method, path)
        if fault is not None and fault.before_handling:
            return fault
        response = self._answer(method, path, dict(parse_qsl(parts.query)), headers, body)
        if fault is not None:
            fault.response = response
            return fault
        return response

    def _answer(
        self, method: str, path: str, query: dict[str, str], headers: Mapping[str, str], raw: bytes
    ) -> FakeResponse:
        lowered = {key.lower(): value for key, value in headers.items()}
        token = lowered.get("authorization", "").removeprefix("Bearer ").strip()
        if token not in self.tokens and token not in self.read_only_tokens:
            return FakeResponse.error(401, NOT_AUTHENTICATED)
        found = find(method, path)
        if found is None:
            return FakeResponse.error(404, f"No route matches {method} {path}")
        route, path_params = found
        if method != "GET" and token in self.read_only_tokens:
            return FakeResponse.error(403, READ_ONLY)
        try:
            body = json.loads(raw) if raw else None
        except ValueError:
            return FakeResponse.error(400, "The request body is not valid JSON.")
        if route.body_schema is not None:
            errors = body_errors(route.body_schema, {} if body is None else body)
            if errors:
                return FakeResponse.error(422, errors)
            body = canonical_case(route.operation_id, body)
        request = Request(method, path, query, lowered, body, route, path_params)
        with self.lock:
            handler = HANDLERS.get(route.operation_id, _generic)
            response = handler(self, request)
        if self.check_contract:
            problems = response_errors(route, response.status, response.body)
            if problems:
                raise ContractViolation(f"{method} {path}: " + "; ".join(problems[:5]))
        return response

    # Responses --------------------------------------------------------------------------------

    def page(self, request: Request, records: list[Record], *, default: int | None = None) -> FakeResponse:
        """A paginated list response with absolute links, honouring `page` and `per_page`."""
        per_page_schema = request.route.query.get("per_page", {}).get("schema", {})
        maximum = int(per_page_schema.get("maximum", 250))
        size = default or (10 if maximum <= 50 else 50)
        # Like the API, a page or per_page that is not a number falls back to the default.
        per_page, page = request.query.get("per_page", ""), request.query.get("page", "")
        size = min(max(int(per_page), 1), maximum) if per_page.isdigit() else size
        number = max(int(page), 1) if page.isdigit() else 1
        last = max((len(records) + size - 1) // size, 1)

        def link(page: int | None) -> str | None:
            if page is None:
                return None
            query = {**request.query, "page": str(page)}
            return f"{self.base_url}{request.path}?{urlencode(query)}"

        chunk = records[(number - 1) * size : number * size]
        pagination = {
            "first": link(1),
            "last": link(last),
            "prev": link(number - 1) if number > 1 else None,
            "next": link(number + 1) if number < last else None,
        }
        return FakeResponse.json(200, {"data": chunk, "pagination": pagination})


def _matches(record: Record, query: Mapping[str, str]) -> bool:
    attributes = record["attributes"]
    for key, wanted in query.items():
        if key in {"page", "per_page"} or key not in attributes:
            continue
        value = attributes[key]
        text = "true" if value is True else "false" if value is False else "" if value is None else str(value)
        if text != wanted:
            return False
    return True


def parent_exists(fake: FakeUptime, request: Request) -> bool:
    """Whether every parent the path names (`/status-pages/{id}/sections`) is stored."""
    template = request.route.collection
    names = request.route.path_names[: len(request.parents)]
    for depth, name in enumerate(names):
        parent_template = template.split("/{" + name + "}")[0]
        if fake.find(parent_template, request.parents[depth], request.parents[:depth]) is None:
            return False
    return True


def _generic(fake: FakeUptime, request: Request) -> FakeResponse:
    """Plain collection semantics: list, get, create, update, delete."""
    route = request.route
    if request.parents and not parent_exists(fake, request):
        return FakeResponse.error(404, NOT_FOUND)
    collection = fake.collection(route.collection, request.parents)
    if not route.is_item:
        if request.method == "GET":
            records = [record for record in collection.values() if _matches(record, request.query)]
            return fake.page(request, records)
        if request.method == "POST":
            record = fake.add(route.collection, request.body or {}, parents=request.parents)
            return FakeResponse.json(route.success, {"data": record})
    found = collection.get(request.item_id)
    if found is None:
        return FakeResponse.error(404, NOT_FOUND)
    record = found
    if request.method == "GET":
        return FakeResponse.json(200, {"data": record})
    if request.method == "PATCH":
        known = _attribute_names(route.collection)
        record["attributes"].update({k: v for k, v in (request.body or {}).items() if k in known})
        if "updated_at" in record["attributes"]:
            record["attributes"]["updated_at"] = fake.now()
        return FakeResponse.json(200, {"data": record})
    if request.method == "DELETE":
        del collection[request.item_id]
        return FakeResponse(204)
    return FakeResponse.error(405, f"{request.method} is not served on {request.path}")
