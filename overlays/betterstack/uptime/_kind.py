"""`Kind`: what the object layer knows of one resource class, and every flow it runs for it.

Kept off the resource classes on purpose. Editors (jedi, pyright) list after `monitor.` every
name a class body or a `self.x = ...` defines, private ones included; so a resource object
carries only its fields, its public methods and the private arguments of its constructor
(`_api`, `_extras`, `_original_values`, a parent id such as `_status_page_id`, a cache such as
`_sla`). The field tables, the operations and the flows (get, list, create, save, delete,
get-or-create, each written once for the sync and async drivers of `_flows`) live here, one
`Kind` per class, found with `kind_of(cls)`.

A resource class names its settings as class keywords:

    class Monitor(MonitorFields[PaginatedAPI], ..., BaseAPIObject, operations=Operations(...)):

and one that reads or writes differently gives its own `Kind` subclass (`kind=_IncidentKind`),
overriding the steps it changes (`apply_item`, `save_flow`, ...). Subclasses of a resource
inherit both.
"""

from __future__ import annotations

import inspect
from collections.abc import AsyncIterator, Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Generic, TypedDict, TypeVar, Unpack, cast

from betterstack_sdk.fields import FIELD_FACTS

from ._calls import Answer, Call, url_path, wire_value
from ._errors import BetterStackError, ValidationError
from ._flows import Flow, Walk, answer_of
from ._nested_attributes import with_removals
from ._validation import body_properties, check_body, check_query, refused_nulls
from ._values import is_mutable, is_scalar, own_id

if TYPE_CHECKING:
    from betterstack_sdk.operations import Operation

    from ._client import PaginatedAPI
    from ._state import TrackedObject

T = TypeVar("T", bound="TrackedObject")


@dataclass(frozen=True)
class Operations:
    """The operations of a resource class, from `betterstack_sdk.operations`; None where the API has none."""

    list: Operation[Any] | None = None
    get: Operation[Any] | None = None
    create: Operation[Any] | None = None
    update: Operation[Any] | None = None
    delete: Operation[Any] | None = None


class Settings(TypedDict, total=False):
    """What a resource class declares as class keywords: `class Monitor(..., operations=...)`."""

    operations: Operations
    """Its operations in the generated table."""
    parent_arguments: tuple[str, ...]
    """Path arguments besides the id, each taken from the private attribute of the same name with
    a leading underscore (`status_page_id` from `_status_page_id`)."""
    caches: tuple[str, ...]
    """Private attributes caching related objects (`_monitors`), dropped when the object reloads."""
    listed_by: str
    """For a nested resource's error messages: how to list its objects instead."""
    created_by: str
    """For a nested resource's error messages: how to create its objects instead."""


# Every resource class's kind, filled as the classes are made (`TrackedObject.__init_subclass__`).
KINDS: dict[type, Kind[Any]] = {}


def kind_of(cls: type[T]) -> Kind[T]:
    """The `Kind` of a resource class."""
    return cast("Kind[T]", KINDS[cls])


def register(cls: type[T], kind: type[Kind[Any]] | None, settings: Settings) -> None:
    """Make the kind of a new class: its own settings over its nearest registered base's."""
    parent = next((KINDS[base] for base in cls.__mro__[1:] if base in KINDS), None)
    if kind is None:
        kind = type(parent) if parent is not None else Kind
    KINDS[cls] = kind(cls, parent, **settings)


class Kind(Generic[T]):
    """The fields, settings and flows of one resource class.

    Subclasses override the steps a resource does differently; every other method is shared.
    """

    def __init__(self, cls: type[T], parent: Kind[Any] | None, **settings: Unpack[Settings]) -> None:
        self.cls: type[T] = cls
        self.name: str = cls.__name__
        # What the class declares, or what its nearest base declared.
        self.operations: Operations = settings.get("operations") or (parent.operations if parent else Operations())
        self.parent_arguments: tuple[str, ...] = settings.get(
            "parent_arguments", parent.parent_arguments if parent else ()
        )
        self.caches: tuple[str, ...] = settings.get("caches", parent.caches if parent else ())
        self.listed_by: str = settings.get("listed_by", parent.listed_by if parent else "")
        self.created_by: str = settings.get("created_by", parent.created_by if parent else "")

        # The fields: the generated fields class's, then any a user's subclass declares.
        self.wire_names: dict[str, str] = {}
        self.foreign_keys: frozenset[str] = frozenset()
        self.secrets: frozenset[str] = frozenset()
        for base in reversed(cls.__mro__):
            facts = FIELD_FACTS.get(base)
            if facts is not None:
                self.wire_names = {**self.wire_names, **facts.wire_names}
                self.foreign_keys |= facts.foreign_keys
                self.secrets |= facts.secrets
        own = [
            name
            for name in inspect.get_annotations(cls)
            if not name.startswith("_") and name != "id" and name not in self.wire_names
        ]
        inherited = parent.fields if parent else ()
        self.fields: tuple[str, ...] = tuple(dict.fromkeys([*self.wire_names, *inherited, *own]))
        # The declared field names as a set, for the per-read checks.
        self.field_set: frozenset[str] = frozenset(self.fields)
        self.python_names: dict[str, str] = {self.wire_names.get(name, name): name for name in self.fields}
        annotations = {k: v for base in reversed(cls.__mro__) for k, v in inspect.get_annotations(base).items()}
        # The fields whose values may be lists or dicts, which are copied when loaded.
        self.containers: frozenset[str] = frozenset(
            name for name in self.fields if not is_scalar(annotations.get(name))
        )
        # Whether items are taken as they come (the kind overrides neither `apply` nor `apply_item`).
        self.plain_items: bool = type(self).apply is Kind.apply and type(self).apply_item is Kind.apply_item
        self._blank: dict[str, Any] | None = None

    def hint(self, name: str, extras: Iterable[str] = ()) -> str:
        """`; did you mean 'url'?` for a misspelt field name (among the fields and `extras`), or nothing."""
        import difflib  # only for error messages

        close = difflib.get_close_matches(name, [*self.fields, *extras], n=1)
        return f"; did you mean {close[0]!r}?" if close else ""

    # Taking the API's answers ----------------------------------------------------------------

    def apply(self, obj: T, attributes: Mapping[str, Any]) -> None:
        """Take attributes as the API sent them (wire names) as the saved state; unknown ones are extras.

        Kinds that adjust what the API sends (drop a key, fill an old name) override this and
        pass the adjusted mapping on.
        """
        state = obj.__dict__
        for name in [key for key in state if key in self.field_set]:
            del state[name]
        state.pop("_extras", None)
        state.pop("_unconfirmed", None)
        if "id" in attributes and "id" not in self.python_names:
            # Some resources repeat their id inside the attributes; the resource id is the one kept.
            attributes = {key: value for key, value in attributes.items() if key != "id"}
        state["_original_values"] = attributes

    def apply_item(self, obj: T, item: Mapping[str, Any]) -> None:
        """Take one JSON:API item (`{"id", "attributes", "relationships"?}`): its id and attributes.

        The one place a resource's answer enters an object; kinds read more of the item here.
        """
        obj.__dict__["id"] = own_id(item.get("id"))
        self.apply(obj, item.get("attributes") or {})

    def take(self, obj: T, result: object) -> None:
        """Take the resource an answer holds as the saved state; reload when it holds none."""
        data = answer_of(result).resource()
        if data is not None:
            self.apply_item(obj, data)
        else:
            obj.reset_variable_tracking()

    def from_item(self, api: PaginatedAPI, item: Mapping[str, Any], **private: Any) -> T:
        """Build an object from one JSON:API item without copying it.

        The item's `attributes` become the object's snapshot, so it must not be changed afterwards.
        """
        cls = self.cls
        obj = cls.__new__(cls)
        # What the constructor would leave (the private attributes' defaults), without running
        # it: a list page builds thousands of these.
        state = obj.__dict__
        state.update(self._blank if self._blank is not None else self.blank())
        state["_api"] = api
        if private:
            state.update(private)
        if self.plain_items:
            # Nothing to adjust in the item: the same as `apply_item` on a fresh object.
            attributes = item.get("attributes") or {}
            if "id" in attributes and "id" not in self.python_names:
                attributes = {key: value for key, value in attributes.items() if key != "id"}
            state["id"] = own_id(item.get("id"))
            state["_original_values"] = attributes
        else:
            self.apply_item(obj, item)
        return obj

    def blank(self) -> dict[str, Any]:
        """The private state `cls(id="", _api=None, _original_values={})` leaves; made once per class.

        Only immutable values, so one dict serves every object; `from_item` sets the rest.
        """
        if self._blank is None:
            made = self.cls(id="", _api=None, _original_values={}).__dict__  # type: ignore[arg-type]
            blank = {name: value for name, value in made.items() if name not in ("id", "_api", "_original_values")}
            mutable = [name for name, value in blank.items() if is_mutable(value)]
            if mutable:  # shared between objects, these would leak edits from one to another
                raise TypeError(f"{self.name}() leaves mutable defaults {mutable}; give them None defaults")
            self._blank = blank
        return self._blank

    def unfetched(self, api: PaginatedAPI, id: str | int, parents: Mapping[str, str | int]) -> T:
        """An object known by its id (and its parents' ids), for a `get` to fill."""
        if id is None:
            raise ValidationError(f"{self.name}.get() needs an id, not None (nothing was sent)")
        # An empty snapshot: the fetch replaces it, so no field is read to make one.
        obj = self.cls(id=own_id(id), _api=api, _original_values={})
        for name, value in parents.items():
            obj.__dict__[f"_{name}"] = own_id(value)
        return obj

    # Requests --------------------------------------------------------------------------------

    def operation(self, kind: str) -> Operation[Any]:
        """The class's `list`, `get`, `create`, `update` or `delete` operation.

        Raises:
            ValidationError: The API has no such operation for this resource.
        """
        operation: Operation[Any] | None = getattr(self.operations, kind)
        if operation is None:
            raise ValidationError(f"the API offers no {kind} operation for {self.name}")
        return operation

    def path_arguments(self, obj: T) -> dict[str, str]:
        """The parent ids in the object's paths, from its private attributes (`_status_page_id`)."""
        arguments: dict[str, str] = {}
        for name in self.parent_arguments:
            value = obj.__dict__.get(f"_{name}")
            if value is None:
                raise ValidationError(f"{self.name} {obj.id!r} does not know its {name}; set _{name}")
            arguments[name] = str(value)
        return arguments

    def id_arguments(self, obj: T, operation: Operation[Any]) -> dict[str, str]:
        """The path of `operation` for this object: its parents' ids, then its own id."""
        arguments = self.path_arguments(obj)
        own = [name for name in operation.path_parameters if name not in arguments]
        if len(own) != 1:
            raise ValidationError(f"cannot tell the id argument of {operation.name} among {operation.path_parameters}")
        object_id: str | None = obj.__dict__.get("id")
        if object_id is None:
            raise ValidationError(
                f"{self.name} has no id (the API sent none), so {operation.name} cannot address it (nothing was sent)"
            )
        arguments[own[0]] = object_id
        return arguments

    def call(self, obj: T, operation: Operation[Any], body: Mapping[str, Any] | None = None, **query: Any) -> Call:
        """A call of `operation` on `obj`, the body checked against the spec first.

        Raises:
            ValidationError: A value the spec rules out; nothing is sent.
        """
        checked = None if body is None else self.checked_body(operation, body)
        return Call(operation, self.id_arguments(obj, operation), self.query(operation, query), checked)

    def checked_body(self, operation: Operation[Any], values: Mapping[str, Any]) -> dict[str, Any]:
        """`values` (wire names) as the JSON body of `operation`, checked against the spec.

        Raises:
            ValidationError: A value the spec rules out (wrong type, unknown enum value, missing
                required field); nothing is sent and the object keeps every edit.
        """
        body = {key: wire_value(value) for key, value in values.items()}
        check_body(operation.name, body, secrets=self.secrets)
        return body

    def query(self, operation: Operation[Any], query: Mapping[str, Any]) -> dict[str, Any]:
        """Keyword arguments (`from_`, `url`) as the operation's query parameters, checked.

        Raises:
            ValidationError: A parameter the operation does not take, or a value the spec rules out.
        """
        parameters: dict[str, Any] = {}
        for key, value in query.items():
            # The keyword as generated (`from_`, `url_query` beside a body field `url`) or the wire name.
            wire = operation.query.get(key) or (key if key in operation.query.values() else None)
            if wire is None:
                names = sorted(name.removesuffix("_query") for name in operation.query)
                raise ValidationError(
                    f"{self.name} cannot be filtered by {key!r}; allowed: {', '.join(names) or 'nothing'}"
                )
            check_query(operation.name, wire, wire_value(value))
            parameters[wire] = value
        # In the spec's order, as the generated functions send them, whatever the caller's order.
        return {wire: parameters[wire] for wire in operation.query.values() if wire in parameters}

    def url(self, obj: T) -> str:
        """The path of `obj` (`/api/v2/monitors/42`), with its id URL-quoted."""
        operation = self.operations.get or self.operations.update or self.operations.delete
        if operation is None:
            raise ValidationError(f"{self.name} objects have no URL of their own")
        return url_path(operation, self.id_arguments(obj, operation))

    # Flows of one object ---------------------------------------------------------------------

    def fetch_flow(self, obj: T, **query: Any) -> Flow[Answer]:
        """GET the object and take the answer; cached related objects are dropped.

        Returns the answer, for kinds that read more of it (what it `included`).
        """
        operation = self.operation("get")
        answer = answer_of((yield self.call(obj, operation, **query)))
        data = answer.resource()
        if data is None:
            raise ValidationError(f"{operation.name} answered without a body")
        self.apply_item(obj, data)
        for cache_name in self.caches:
            obj.__dict__[cache_name] = None
        return answer

    def save_flow(self, obj: T) -> Flow[None]:
        """PATCH the fields changed since the last load or save; nothing when none changed."""
        modified = obj.get_modified_properties()
        if not modified:
            return
        operation = self.operation("update")
        wire = {self.wire_names.get(name, name): getattr(obj, name) for name in modified}
        # Items dropped from a list the API updates item by item go as `_destroy` items.
        wire = with_removals(operation.name, wire, obj.__dict__["_original_values"])
        call = self.call(obj, operation, wire)
        try:
            answer = yield call
        except BetterStackError:
            # The PATCH may have been applied even so (its answer lost): until a save succeeds,
            # these fields are sent again even if set back to the values last loaded.
            obj.__dict__.setdefault("_unconfirmed", set()).update(modified)
            raise
        self.take(obj, answer)

    def patch_flow(self, obj: T, values: Mapping[str, Any]) -> Flow[None]:
        """PATCH `values` (wire names) at once; other unsaved edits stay unsaved."""
        operation = self.operation("update")
        values = with_removals(operation.name, values, obj.__dict__["_original_values"])
        answer = yield self.call(obj, operation, values)
        pending = {name: getattr(obj, name) for name in obj.get_modified_properties()}
        self.take(obj, answer)
        for name, value in pending.items():
            setattr(obj, name, value)

    def delete_flow(self, obj: T) -> Flow[None]:
        """DELETE the object."""
        yield self.call(obj, self.operation("delete"))

    # Flows of the class ----------------------------------------------------------------------

    def create_flow(self, api: PaginatedAPI, fields: Mapping[str, Any], **private: Any) -> Flow[T]:
        """POST `fields` (Python names) to the collection, under the parents named in `private`."""
        operation = self.operation("create")
        wire = {self.wire_names.get(name, name): value for name, value in fields.items()}
        path = {name: str(private[f"_{name}"]) for name in self.parent_arguments}
        body = self.checked_body(operation, wire)
        data = answer_of((yield Call(operation, path, {}, body))).resource()
        if data is None:
            raise ValidationError(f"{operation.name} answered without the object it made")
        return self.from_item(api, data, **private)

    def new_fields(self, fields: Mapping[str, Any]) -> dict[str, Any]:
        """`fields` checked for names the create operation takes, a None it refuses left out."""
        operation = self.operation("create")
        accepted = {*self.fields, *body_properties(operation.name)}
        unknown = [name for name in fields if name not in accepted and self.wire_names.get(name) not in accepted]
        if unknown:
            raise ValidationError(f"{self.name} has no field {unknown[0]!r}{self.hint(unknown[0])}")
        refused = refused_nulls(operation.name, {self.wire_names.get(k, k): v for k, v in fields.items()})
        return {name: value for name, value in fields.items() if self.wire_names.get(name, name) not in refused}

    def list_call(self, query: Mapping[str, Any], **private: Any) -> Call:
        """The call of the class's list operation with `query`, under the parents in `private`."""
        operation = self.operations.list
        if operation is None:
            raise ValidationError(f"the API offers no list operation for {self.name}")
        missing = [name for name in self.parent_arguments if private.get(f"_{name}") is None]
        if missing:
            raise ValidationError(f"{self.name} has no collection of its own; list it through its {missing[0]}")
        path = {name: str(private[f"_{name}"]) for name in self.parent_arguments}
        return Call(operation, path, self.query(operation, query))

    def walk(self, api: PaginatedAPI, query: Mapping[str, Any], **private: Any) -> Walk[T]:
        """Every object of the class's list (all pages), for flows that need them all."""
        return self.walk_call(api, self.list_call(query, **private), **private)

    def walk_call(self, api: PaginatedAPI, call: Call, **private: Any) -> Walk[T]:
        """Every object a list call answers with (all pages), for flows: a group's monitors, ..."""
        return Walk(call, lambda item: self.from_item(api, item, **private))

    def objects(self, api: PaginatedAPI, call: Call, **private: Any) -> Iterator[T]:
        """The objects of a list call, page by page as they are read."""
        from ._pagination import walk

        from_item = self.from_item
        for page in walk(api, call):
            for item in page.items:
                yield from_item(api, item, **private)

    async def aobjects(self, api: PaginatedAPI, call: Call, **private: Any) -> AsyncIterator[T]:
        """The async `objects`."""
        from contextlib import aclosing

        from ._pagination import awalk

        from_item = self.from_item
        async with aclosing(awalk(api, call)) as pages:
            async for page in pages:
                for item in page.items:
                    yield from_item(api, item, **private)

    def candidates_flow(self, api: PaginatedAPI, fields: Mapping[str, Any]) -> Flow[list[T]]:
        """The objects `get_or_create` compares with `fields`: the list, narrowed by the filters it takes."""
        filterable = {}
        operation = self.operations.list
        if operation is not None:
            for key, value in fields.items():
                try:
                    self.query(operation, {key: value})
                except ValidationError:
                    continue
                filterable[key] = value
        candidates: list[T] = yield self.walk(api, filterable)
        return candidates

    def get_or_create_flow(self, api: PaginatedAPI, fields: Mapping[str, Any]) -> Flow[tuple[bool, T]]:
        """`(False, the one object equal to fields)`, or `(True, a new one)`."""
        candidates = yield from self.candidates_flow(api, fields)
        matches = [obj for obj in candidates if all(getattr(obj, key, None) == value for key, value in fields.items())]
        if len(matches) > 1:
            ids = ", ".join(str(obj.id) for obj in matches)
            shown = {k: "<hidden>" if k in self.secrets else v for k, v in fields.items()}
            raise ValidationError(f"{len(matches)} {self.name} objects match {shown!r} (ids {ids})")
        if matches:
            return False, matches[0]
        created = yield from self.create_flow(api, self.new_fields(fields))
        return True, created
