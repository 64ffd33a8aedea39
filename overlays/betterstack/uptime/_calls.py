"""`Call`: one request of the object layer, built from the generated operation table, and its answer.

A call names its operation (`betterstack_sdk.operations.get_monitor`) and holds plain values:
path parameters, query parameters by wire name and the JSON body. Nothing here sends anything;
the client turns a call into an httpx request (`request_arguments`) and reads the answer back as
JSON, once (`resource_data`).
"""

from __future__ import annotations

import datetime
import json
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, ClassVar, Self, cast
from urllib.parse import quote

from ._errors import JSONValue, ResponseDecodeError, ValidationError
from ._urls import path_and_query
from ._validation import check_path_segment

if TYPE_CHECKING:
    import httpx

    from betterstack_sdk.operations import Operation


class Record:
    """A frozen record of the fields its `__slots__` name, compared, hashed and shown by them.

    What `@dataclass(frozen=True, slots=True)` makes, written once: a dataclass generates and
    compiles its methods as its module is imported, about 0.4 ms a class, which every
    `from betterstack.uptime.objects import Monitor` would pay. A subclass names its fields in
    `_field_names`, in the order its `__init__` takes them, holds them in `__slots__` and sets
    them with `object.__setattr__`.
    """

    __slots__ = ()
    _field_names: ClassVar[tuple[str, ...]] = ()

    def _fields(self) -> tuple[Any, ...]:
        return tuple(getattr(self, name) for name in self._field_names)

    def __eq__(self, other: object) -> bool:
        if type(other) is not type(self):
            return NotImplemented
        assert isinstance(other, Record)
        return self._fields() == other._fields()

    def __hash__(self) -> int:
        return hash(self._fields())

    def __repr__(self) -> str:
        shown = ", ".join(f"{name}={getattr(self, name)!r}" for name in self._field_names)
        return f"{type(self).__qualname__}({shown})"

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"cannot assign to field {name!r} of a frozen {type(self).__name__}")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"cannot delete field {name!r} of a frozen {type(self).__name__}")

    def __reduce__(self) -> tuple[type[Self], tuple[Any, ...]]:
        return type(self), self._fields()  # every subclass takes its fields positionally


class Call(Record):
    """A request to send: an operation, its path and query values, its JSON body.

    `url`, when given, is a page link to GET instead (path and query only, on the operation's host).
    """

    _field_names = ("operation", "path", "query", "body", "url")
    __slots__ = ("body", "operation", "path", "query", "url")
    operation: Operation[Any]
    path: Mapping[str, str]
    query: Mapping[str, Any]
    body: Any
    url: str | None

    def __init__(
        self,
        operation: Operation[Any],
        path: Mapping[str, str] | None = None,
        query: Mapping[str, Any] | None = None,
        body: Any = None,
        url: str | None = None,
    ) -> None:
        setter = object.__setattr__
        setter(self, "operation", operation)
        setter(self, "path", {} if path is None else path)
        setter(self, "query", {} if query is None else query)
        setter(self, "body", body)
        setter(self, "url", url)


def wire_value(value: Any) -> Any:
    """A value as JSON holds it: dates and times as ISO text, containers converted inside."""
    if isinstance(value, datetime.datetime | datetime.date):
        return value.isoformat()
    if isinstance(value, Mapping):
        return {key: wire_value(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [wire_value(item) for item in value]
    return value


def url_path(operation: Operation[Any], path: Mapping[str, str]) -> str:
    """The operation's path with each parameter checked and URL-quoted.

    Raises:
        ValidationError: A parameter is missing, empty, `.` or `..` (which would address another path).
    """
    values = {}
    for name in operation.path_parameters:
        if name not in path:
            raise ValidationError(f"{operation.name} needs {name} (nothing was sent)")
        check_path_segment(operation.name, name, path[name])
        values[name] = quote(str(path[name]), safe="")
    return operation.path.format(**values)


def _query_value(value: Any) -> Any:
    # httpx sends True as "true"; an enum member goes as its value.
    value = getattr(value, "value", value) if not isinstance(value, str | int | float | bool) else value
    return wire_value(value)


def query_parameters(operation: Operation[Any], query: Mapping[str, Any]) -> dict[str, Any]:
    """Query parameters by wire name, None left out and deep objects spread (`metadata[key]=value`)."""
    params: dict[str, Any] = {}
    for name, value in query.items():
        if value is None:
            continue
        if name in operation.deep_objects and isinstance(value, Mapping):
            params.update({f"{name}[{key}]": _query_value(item) for key, item in value.items()})
        else:
            params[name] = _query_value(value)
    return params


# `json.dumps` with options makes an encoder per call; one made once encodes the same.
_BODY_ENCODER = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"), allow_nan=False)


def request_arguments(call: Call) -> dict[str, Any]:
    """The arguments of `httpx.Client.build_request` for `call`, its URL relative to the host's root.

    Raises:
        ValidationError: A path parameter is unusable, or the body holds a value JSON cannot hold.
    """
    operation = call.operation
    if call.url is not None:
        return {"method": "GET", "url": path_and_query(call.url)}
    arguments: dict[str, Any] = {"method": operation.method, "url": url_path(operation, call.path)}
    if call.query:
        arguments["params"] = query_parameters(operation, call.query)
    if call.body is not None:
        try:
            content = _BODY_ENCODER.encode(wire_value(call.body))
        except (TypeError, ValueError) as error:
            raise ValidationError(f"{operation.name}: the body cannot be sent as JSON ({error})") from None
        arguments["content"] = content.encode()
        arguments["headers"] = {"Content-Type": "application/json"}
    return arguments


def decode_json(response: httpx.Response) -> JSONValue:
    """The body parsed as JSON (None when empty), or ResponseDecodeError naming the request."""
    if not response.content:
        return None
    try:
        value: JSONValue = json.loads(response.content)
        return value
    except RecursionError:
        raise ResponseDecodeError.for_response("the body is nested too deeply to parse", response) from None
    except ValueError as error:
        detail = (
            f"the body is not valid JSON ({error.msg} at byte {error.pos} of {len(response.content)})"
            if isinstance(error, json.JSONDecodeError)
            else "the body is not valid JSON"
        )
        raise ResponseDecodeError.for_response(detail, response) from None


# The types a resource's id and attributes may have: the id may be null (a pending team
# invitation has none), but not missing. Tuples: faster than unions, and these run per item.
_ID_TYPES = (str, int, type(None))
_ATTRIBUTES_TYPES = (dict, type(None))
_EMPTY: dict[str, Any] = {}


def _is_resource(item: object) -> bool:
    return (
        type(item) is dict
        and isinstance(item.get("id", _EMPTY), _ID_TYPES)
        and isinstance(item.get("attributes", _EMPTY), _ATTRIBUTES_TYPES)
    )


def _all_resources(items: list[Any]) -> bool:
    # `_is_resource` inlined: a list page checks every item, and a call per item costs twice this.
    for item in items:
        if (
            type(item) is not dict
            or not isinstance(item.get("id", _EMPTY), _ID_TYPES)
            or not isinstance(item.get("attributes", _EMPTY), _ATTRIBUTES_TYPES)
        ):
            return False
    return True


class Answer(Record):
    """A success answer: its body parsed as JSON, once, and the response it came in."""

    _field_names = ("body", "response")
    __slots__ = ("body", "response")
    body: JSONValue
    response: httpx.Response

    def __init__(self, body: JSONValue, response: httpx.Response) -> None:
        object.__setattr__(self, "body", body)
        object.__setattr__(self, "response", response)

    def resource(self) -> dict[str, Any] | None:
        """The resource in `data`, or None for an answer without a body (204).

        Raises:
            ResponseDecodeError: A body whose `data` is not a resource (`{"id", "attributes"}`).
        """
        if self.body is None:
            return None
        data = self.body.get("data") if isinstance(self.body, dict) else None
        if not _is_resource(data):
            raise ResponseDecodeError.for_response(
                "the body does not have the documented shape: `data` is not a resource with an `id` and `attributes`",
                self.response,
            )
        assert isinstance(data, dict)
        return data

    def resources(self) -> list[dict[str, Any]]:
        """The resources in `data`: a list, or one object (a list narrowed to one match).

        Raises:
            ResponseDecodeError: `data` is not a list of resources.
        """
        data = self.body.get("data") if isinstance(self.body, dict) else None
        items = data if isinstance(data, list) else [data] if isinstance(data, dict) else None
        if items is None or not _all_resources(items):
            raise ResponseDecodeError.for_response(
                "the body is not a `data` list of resources with an `id` and `attributes`", self.response
            )
        return cast(list[dict[str, Any]], items)
