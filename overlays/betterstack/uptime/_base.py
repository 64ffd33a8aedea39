"""`BaseAPIObject`: load, list, create, save and delete any resource, sync and async.

A resource class inherits its typed fields from `betterstack_sdk.fields` and names its operations
from the generated table (`betterstack_sdk.operations`); everything else is here or in `_state`.
Each operation is written once as a flow (`_flows`): `save()` runs `_save_flow()` with the sync
driver and `asave()` the same flow with the async one. Reading an attribute never makes a request.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar, Self, TypeVar

from ._calls import Call, url_path, wire_value
from ._errors import BetterStackError, ValidationError
from ._flows import Flow, Walk, answer_of, arun, run
from ._nested_attributes import with_removals
from ._state import TrackedObject, _own_id
from ._validation import body_properties, check_body, check_query, refused_nulls

if TYPE_CHECKING:
    from betterstack_sdk.operations import Operation

    from ._client import PaginatedAPI

# Public classmethods return `_T` through `cls: type[_T]` rather than `Self`: the same to type
# checkers, and jedi (IPython, Jupyter, several editors) completes the fields only this way.
_T = TypeVar("_T", bound="BaseAPIObject")


def _keywords_only(cls: type, method: str, args: tuple[Any, ...]) -> None:
    if args:
        raise ValidationError(
            f"{cls.__name__}.{method}() takes fields as keywords, not {len(args)} positional value(s)"
        )


@dataclass(frozen=True)
class Operations:
    """The operations of a resource class, from `betterstack_sdk.operations`; None where the API has none."""

    list: Operation[Any] | None = None
    get: Operation[Any] | None = None
    create: Operation[Any] | None = None
    update: Operation[Any] | None = None
    delete: Operation[Any] | None = None


class BaseAPIObject(TrackedObject):
    """The base of every resource object: `Monitor`, `Incident`, `StatusPage`, ...

    Construct with `Cls(id=..., _api=api)` (no request is made), or load with `Cls.get(api, id)`,
    `Cls.get_all_instances(api)`, `Cls.filter(api, ...)` and `Cls.new(api, ...)`; every method
    that talks to the API has an async twin named with an `a` (`aget`, `afilter`, `asave`, ...).

    Change tracking: `save()` PATCHes exactly the fields changed since the last load or save,
    in-place edits of lists and dicts included, and sends nothing when nothing changed.
    """

    # What a resource class declares: its operations.
    _operations: ClassVar[Operations] = Operations()
    # Private attributes caching related objects (`_monitors`), dropped when the object reloads.
    _caches: ClassVar[tuple[str, ...]] = ()

    # Requests -------------------------------------------------------------------------------

    def _path_arguments(self) -> dict[str, str]:
        arguments: dict[str, str] = {}
        for name in type(self)._parent_arguments:
            value = self.__dict__.get(f"_{name}")
            if value is None:
                raise ValidationError(f"{type(self).__name__} {self.id!r} does not know its {name}; set _{name}")
            arguments[name] = str(value)
        return arguments

    def _operation(self, kind: str) -> Operation[Any]:
        operation: Operation[Any] | None = getattr(type(self)._operations, kind)
        if operation is None:
            raise ValidationError(f"the API offers no {kind} operation for {type(self).__name__}")
        return operation

    def _id_arguments(self, operation: Operation[Any]) -> dict[str, str]:
        """The path of `operation` for this object: its parents' ids, then its own id."""
        arguments = self._path_arguments()
        own = [name for name in operation.path_parameters if name not in arguments]
        if len(own) != 1:
            raise ValidationError(f"cannot tell the id argument of {operation.name} among {operation.path_parameters}")
        own_id: str | None = self.__dict__.get("id")
        if own_id is None:
            raise ValidationError(
                f"{type(self).__name__} has no id (the API sent none), so {operation.name} cannot address it "
                "(nothing was sent)"
            )
        arguments[own[0]] = own_id
        return arguments

    def _call(self, operation: Operation[Any], body: Mapping[str, Any] | None = None, **query: Any) -> Call:
        """A call of `operation` on this object, the body checked against the spec first.

        Raises:
            ValidationError: A value the spec rules out; nothing is sent.
        """
        checked = None if body is None else type(self)._checked_body(operation, body)
        return Call(operation, self._id_arguments(operation), type(self)._query(operation, query), checked)

    @classmethod
    def _checked_body(cls, operation: Operation[Any], values: Mapping[str, Any]) -> dict[str, Any]:
        """`values` (wire names) as the JSON body of `operation`, checked against the spec.

        Raises:
            ValidationError: A value the spec rules out (wrong type, unknown enum value, missing
                required field); nothing is sent and the object keeps every edit.
        """
        body = {key: wire_value(value) for key, value in values.items()}
        check_body(operation.name, body, secrets=cls._secrets)
        return body

    @classmethod
    def _query(cls, operation: Operation[Any], query: Mapping[str, Any]) -> dict[str, Any]:
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
                    f"{cls.__name__} cannot be filtered by {key!r}; allowed: {', '.join(names) or 'nothing'}"
                )
            check_query(operation.name, wire, wire_value(value))
            parameters[wire] = value
        # In the spec's order, as the generated functions send them, whatever the caller's order.
        return {wire: parameters[wire] for wire in operation.query.values() if wire in parameters}

    def generate_url(self) -> str:
        """The path of this object (`/api/v2/monitors/42`), with its id URL-quoted."""
        operations = type(self)._operations
        operation = operations.get or operations.update or operations.delete
        if operation is None:
            raise ValidationError(f"{type(self).__name__} objects have no URL of their own")
        return url_path(operation, self._id_arguments(operation))

    @classmethod
    def generate_global_url(cls) -> str:
        """The path of the collection (`/api/v2/monitors`).

        Raises:
            ValueError: The resource has no collection of its own (it needs a parent id).
        """
        if cls._operations.list is None or cls._parent_arguments:
            raise ValidationError(f"{cls.__name__} has no collection URL of its own")
        return cls._operations.list.path

    # Flows ----------------------------------------------------------------------------------

    def _take(self, result: object) -> None:
        """Take the resource an answer holds as the saved state; reload when it holds none."""
        data = answer_of(result).resource()
        if data is not None:
            self._apply_item(data)
        else:
            self.reset_variable_tracking()

    def _fetch_flow(self, **query: Any) -> Flow[None]:
        operation = self._operation("get")
        answer = answer_of((yield self._call(operation, **query)))
        data = answer.resource()
        if data is None:
            raise ValidationError(f"{operation.name} answered without a body")
        self._apply_item(data)
        for cache_name in type(self)._caches:
            object.__setattr__(self, cache_name, None)

    def _save_flow(self) -> Flow[None]:
        modified = self.get_modified_properties()
        if not modified:
            return
        operation = self._operation("update")
        wire = {type(self)._wire_names.get(name, name): getattr(self, name) for name in modified}
        # Items dropped from a list the API updates item by item go as `_destroy` items.
        wire = with_removals(operation.name, wire, self.__dict__["_original_values"])
        call = self._call(operation, wire)
        try:
            answer = yield call
        except BetterStackError:
            # The PATCH may have been applied even so (its answer lost): until a save succeeds,
            # these fields are sent again even if set back to the values last loaded.
            self.__dict__.setdefault("_unconfirmed", set()).update(modified)
            raise
        self._take(answer)

    def _patch_flow(self, values: Mapping[str, Any]) -> Flow[None]:
        """PATCH `values` (wire names) at once; other unsaved edits stay unsaved."""
        operation = self._operation("update")
        values = with_removals(operation.name, values, self.__dict__["_original_values"])
        answer = yield self._call(operation, values)
        pending = {name: getattr(self, name) for name in self.get_modified_properties()}
        self._take(answer)
        for name, value in pending.items():
            setattr(self, name, value)

    def _delete_flow(self) -> Flow[None]:
        yield self._call(self._operation("delete"))

    @classmethod
    def _create_flow(cls, api: PaginatedAPI, fields: Mapping[str, Any], **private: Any) -> Flow[Self]:
        """POST `fields` (Python names) to the collection, under the parents named in `private`."""
        operation = cls._operations.create
        if operation is None:
            raise ValidationError(f"the API offers no create operation for {cls.__name__}")
        wire = {cls._wire_names.get(name, name): value for name, value in fields.items()}
        path = {name: str(private[f"_{name}"]) for name in cls._parent_arguments}
        body = cls._checked_body(operation, wire)
        data = answer_of((yield Call(operation, path, {}, body))).resource()
        if data is None:
            raise ValidationError(f"{operation.name} answered without the object it made")
        return cls._from_item(api, data, **private)

    @classmethod
    def _list_call(cls, query: Mapping[str, Any], **private: Any) -> Call:
        operation = cls._operations.list
        if operation is None:
            raise ValidationError(f"the API offers no list operation for {cls.__name__}")
        missing = [name for name in cls._parent_arguments if private.get(f"_{name}") is None]
        if missing:
            raise ValidationError(f"{cls.__name__} has no collection of its own; list it through its {missing[0]}")
        path = {name: str(private[f"_{name}"]) for name in cls._parent_arguments}
        return Call(operation, path, cls._query(operation, query))

    @classmethod
    def _walk(cls, api: PaginatedAPI, query: Mapping[str, Any], **private: Any) -> Walk[Self]:
        """Every object of a list (all pages), for flows that need them all."""
        return Walk(cls._list_call(query, **private), lambda item: cls._from_item(api, item, **private))

    @classmethod
    def _objects(cls, api: PaginatedAPI, call: Call, **private: Any) -> Iterator[Self]:
        from ._pagination import walk

        for page in walk(api, call):
            for item in page.items:
                yield cls._from_item(api, item, **private)

    @classmethod
    async def _aobjects(cls, api: PaginatedAPI, call: Call, **private: Any) -> AsyncIterator[Self]:
        from contextlib import aclosing

        from ._pagination import awalk

        async with aclosing(awalk(api, call)) as pages:
            async for page in pages:
                for item in page.items:
                    yield cls._from_item(api, item, **private)

    @classmethod
    def _new_fields(cls, fields: Mapping[str, Any]) -> dict[str, Any]:
        """`fields` checked for names the create operation takes, a None it refuses left out."""
        operation = cls._operations.create
        if operation is None:
            raise ValidationError(f"the API offers no create operation for {cls.__name__}")
        accepted = {*cls._fields, *body_properties(operation.name)}
        unknown = [name for name in fields if name not in accepted and cls._wire_names.get(name) not in accepted]
        if unknown:
            import difflib  # only for the error message

            close = difflib.get_close_matches(unknown[0], cls._fields, n=1)
            hint = f"; did you mean {close[0]!r}?" if close else ""
            raise ValidationError(f"{cls.__name__} has no field {unknown[0]!r}{hint}")
        refused = refused_nulls(operation.name, {cls._wire_names.get(k, k): v for k, v in fields.items()})
        return {name: value for name, value in fields.items() if cls._wire_names.get(name, name) not in refused}

    @classmethod
    def _candidates_flow(cls, api: PaginatedAPI, fields: Mapping[str, Any]) -> Flow[list[Self]]:
        """The objects `get_or_create` compares with `fields`: the list, narrowed by the filters it takes."""
        filterable = {}
        operation = cls._operations.list
        if operation is not None:
            for key, value in fields.items():
                try:
                    cls._query(operation, {key: value})
                except ValidationError:
                    continue
                filterable[key] = value
        candidates: list[Self] = yield cls._walk(api, filterable)
        return candidates

    @classmethod
    def _get_or_create_flow(cls, api: PaginatedAPI, fields: Mapping[str, Any]) -> Flow[tuple[bool, Self]]:
        candidates = yield from cls._candidates_flow(api, fields)
        matches = [obj for obj in candidates if all(getattr(obj, key, None) == value for key, value in fields.items())]
        if len(matches) > 1:
            ids = ", ".join(str(obj.id) for obj in matches)
            shown = {k: "<hidden>" if k in cls._secrets else v for k, v in fields.items()}
            raise ValidationError(f"{len(matches)} {cls.__name__} objects match {shown!r} (ids {ids})")
        if matches:
            return False, matches[0]
        created = yield from cls._create_flow(api, cls._new_fields(fields))
        return True, created

    @classmethod
    def _unfetched(cls, api: PaginatedAPI, id: str | int, parents: Mapping[str, str | int]) -> Self:
        if id is None:
            raise ValidationError(f"{cls.__name__}.get() needs an id, not None (nothing was sent)")
        # An empty snapshot: the fetch replaces it, so no field is read to make one.
        obj = cls(id=_own_id(id), _api=api, _original_values={})
        for name, value in parents.items():
            object.__setattr__(obj, f"_{name}", _own_id(value))
        return obj

    # Public methods, sync and async ---------------------------------------------------------

    def fetch_data(self, **query: Any) -> None:
        """Reload this object's attributes from the API; local changes are discarded."""
        run(self._api, self._fetch_flow(**query))

    async def afetch_data(self, **query: Any) -> None:
        """The async `fetch_data`."""
        await arun(self._api, self._fetch_flow(**query))

    def save(self) -> None:
        """PATCH the changed fields; no request when nothing changed.

        After success the object holds the API's answer and is clean. After a failure it keeps
        the edits and stays dirty, so calling `save()` again sends them again.
        """
        run(self._api, self._save_flow())

    async def asave(self) -> None:
        """The async `save`."""
        await arun(self._api, self._save_flow())

    def delete(self) -> None:
        """Delete this object in the API."""
        run(self._api, self._delete_flow())

    async def adelete(self) -> None:
        """The async `delete`."""
        await arun(self._api, self._delete_flow())

    @classmethod
    def get(cls: type[_T], api: PaginatedAPI, id: str | int, **parents: str | int) -> _T:
        """Load one object by id (sub-resources also take their parent ids)."""
        obj = cls._unfetched(api, id, parents)
        obj.fetch_data()
        return obj

    @classmethod
    async def aget(cls: type[_T], api: PaginatedAPI, id: str | int, **parents: str | int) -> _T:
        """The async `get`."""
        obj = cls._unfetched(api, id, parents)
        await obj.afetch_data()
        return obj

    @classmethod
    def get_all_instances(cls: type[_T], api: PaginatedAPI) -> Iterator[_T]:
        """Every object of this kind, fetched lazily page by page."""
        return cls._objects(api, cls._list_call({}))

    @classmethod
    def aget_all_instances(cls: type[_T], api: PaginatedAPI) -> AsyncIterator[_T]:
        """The async `get_all_instances`: `async for monitor in Monitor.aget_all_instances(api)`."""
        return cls._aobjects(api, cls._list_call({}))

    @classmethod
    def filter(cls: type[_T], api: PaginatedAPI, *args: Any, **query: Any) -> Iterator[_T]:
        """Objects matching the API's list filters, fetched lazily.

        Resource classes declare their filters as typed keywords (`betterstack_sdk.signatures`);
        `*args` lets those declarations refine this one.

        Raises:
            ValidationError: A filter the list operation does not take (raised at the call).
        """
        _keywords_only(cls, "filter", args)
        return cls._objects(api, cls._list_call(query))

    @classmethod
    def afilter(cls: type[_T], api: PaginatedAPI, *args: Any, **query: Any) -> AsyncIterator[_T]:
        """The async `filter`: `async for monitor in Monitor.afilter(api, url=...)`."""
        _keywords_only(cls, "afilter", args)
        return cls._aobjects(api, cls._list_call(query))

    @classmethod
    def new(cls: type[_T], api: PaginatedAPI, *args: Any, **fields: Any) -> _T:
        """Create an object in the API and return it.

        A field given as None that the API takes no null for is left out (objects read back
        every field as possibly None, so values copied from another object need no cast).
        Resource classes declare the fields as typed keywords (`betterstack_sdk.signatures`).
        """
        _keywords_only(cls, "new", args)
        return run(api, cls._create_flow(api, cls._new_fields(fields)))

    @classmethod
    async def anew(cls: type[_T], api: PaginatedAPI, *args: Any, **fields: Any) -> _T:
        """The async `new`."""
        _keywords_only(cls, "anew", args)
        return await arun(api, cls._create_flow(api, cls._new_fields(fields)))

    @classmethod
    def get_or_create(cls: type[_T], api: PaginatedAPI, *args: Any, **fields: Any) -> tuple[bool, _T]:
        """Return `(created, obj)`: the one object whose fields equal `fields`, or a new one.

        The API's filters narrow the search where they can; every candidate is then compared
        exactly, so a partial match on the server is never mistaken for the object.

        Raises:
            ValidationError: More than one object matches.
        """
        _keywords_only(cls, "get_or_create", args)
        return run(api, cls._get_or_create_flow(api, fields))

    @classmethod
    async def aget_or_create(cls: type[_T], api: PaginatedAPI, *args: Any, **fields: Any) -> tuple[bool, _T]:
        """The async `get_or_create`."""
        _keywords_only(cls, "aget_or_create", args)
        return await arun(api, cls._get_or_create_flow(api, fields))


def filter_on_attribute(objects: Iterable[Any], attribute: str, value: Any) -> list[Any]:
    """The objects whose `attribute` equals `value` (a missing attribute counts as None)."""
    return [obj for obj in objects if getattr(obj, attribute, None) == value]
