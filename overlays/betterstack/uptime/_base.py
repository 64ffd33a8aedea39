"""`BaseAPIObject`: typed attributes, change tracking and CRUD for every resource object.

A resource class inherits its typed attribute declarations from `betterstack_sdk.fields` (made
from the spec) and names its generated endpoint modules; everything else is here. Reading an
attribute never makes a request.

Loading is lazy per field: an object keeps the API's attributes as they arrived (that dict is
also its change-tracking snapshot, never mutated), and a field becomes an instance attribute the
first time it is read or set. Building an object from a list item therefore costs a few
dictionary writes whatever the resource's size, and only lists and dicts that are read get
copied (so in-place edits of them are still seen by `save()`).
"""

from __future__ import annotations

import datetime
import enum
import inspect
import types
import typing
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import cache
from types import ModuleType
from typing import TYPE_CHECKING, Any, ClassVar, Self, TypeVar

from ._client import path_parameters, request_arguments
from ._errors import BetterStackError, ValidationError
from ._nested_attributes import with_removals
from ._pagination import iter_json_pages
from ._validation import check_body, check_query, refused_nulls

if TYPE_CHECKING:
    from ._client import PaginatedAPI

_MISSING = object()

# Public classmethods return `_T` through `cls: type[_T]` rather than `Self`: the same to type
# checkers, and jedi (IPython, Jupyter, several editors) completes the fields only this way.
_T = TypeVar("_T", bound="BaseAPIObject")


@cache
def _signature(function: Any) -> inspect.Signature:
    return inspect.signature(function)


@cache
def _hints(function: Any) -> dict[str, Any]:
    return typing.get_type_hints(function)


def _wire_value(value: Any) -> Any:
    if isinstance(value, datetime.datetime | datetime.date):
        return value.isoformat()
    return value


def _argument(value: Any, annotation: Any) -> Any:
    """Turn a plain value into what a generated function's parameter expects."""
    options = typing.get_args(annotation) if isinstance(annotation, types.UnionType) else (annotation,)
    for option in options:
        if isinstance(option, type) and hasattr(option, "from_dict") and isinstance(value, Mapping):
            return option.from_dict(dict(value))
        if isinstance(option, type) and issubclass(option, enum.Enum) and not isinstance(value, enum.Enum):
            return option(value)
    return _wire_value(value)


def _copy(value: Any) -> Any:
    """A copy of JSON-shaped data, deep enough for change tracking and much cheaper than deepcopy."""
    if isinstance(value, list):
        return [_copy(item) for item in value]
    if isinstance(value, dict):
        return {key: _copy(item) for key, item in value.items()}
    return value


_SCALARS = frozenset({"str", "int", "float", "bool", "None"})


def _is_scalar(annotation: Any) -> bool:
    """Whether a field annotation allows only str, int, float, bool or None (never a container)."""
    if isinstance(annotation, str):
        # A Literal of the spec's enum values holds strings or integers only.
        return all(part.strip() in _SCALARS or part.strip().startswith("Literal[") for part in annotation.split("|"))
    options = typing.get_args(annotation) if isinstance(annotation, types.UnionType) else (annotation,)
    return all(option in (str, int, float, bool, type(None)) for option in options)


def _is_mutable(value: Any) -> bool:
    return not isinstance(value, str | int | float | bool | tuple | frozenset | type(None))


def _resource_item(resource: Any) -> dict[str, Any]:
    """The JSON:API item of a generated resource model: its id, type (when sent) and attributes."""
    item = {"id": resource.id, "attributes": resource.attributes.to_dict()}
    kind = getattr(resource, "type_", None)
    if isinstance(kind, str):
        item["type"] = str(kind)  # str() turns a generated str enum into its plain value
    return item


def _own_id(value: Any) -> Any:
    """An id as objects hold it: text, or None where the API sends none (a pending invitation).

    Never `str(None)`: a "None" id would be sent in paths as if it named something.
    """
    return None if value is None else str(value)


def _keywords_only(cls: type, method: str, args: tuple[Any, ...]) -> None:
    if args:
        raise ValidationError(
            f"{cls.__name__}.{method}() takes fields as keywords, not {len(args)} positional value(s)"
        )


def _normalise_id(value: Any) -> Any:
    # Foreign keys arrive as integers or as numeric strings; objects always hold integers.
    # ASCII digits only, and few enough for an int: "²".isdigit() and "١٢".isdigit() are true too.
    if isinstance(value, str) and value.isascii() and value.isdigit() and len(value) <= 18:
        return int(value)
    return value


@dataclass(frozen=True)
class Endpoints:
    """The generated endpoint modules a resource class stands on; None where the API has none."""

    list: ModuleType | None = None
    get: ModuleType | None = None
    create: ModuleType | None = None
    update: ModuleType | None = None
    delete: ModuleType | None = None


class BaseAPIObject:
    """The base of every resource object: `Monitor`, `Incident`, `StatusPage`, ...

    Construct with `Cls(id=..., _api=api)` (no request is made), or load with `Cls.get(api, id)`,
    `Cls.get_all_instances(api)`, `Cls.filter(api, ...)` and `Cls.new(api, ...)`.

    Change tracking: `save()` PATCHes exactly the fields changed since the last load or save,
    in-place edits of lists and dicts included, and sends nothing when nothing changed.
    """

    # What a resource class declares: the generated modules it stands on.
    _endpoints: ClassVar[Endpoints] = Endpoints()
    # Path arguments besides the id, each taken from the private attribute of the same name
    # with a leading underscore (`status_page_id` from `self._status_page_id`).
    _parent_arguments: ClassVar[tuple[str, ...]] = ()
    # Private attributes caching related objects (`_monitors`), dropped when the object reloads.
    _caches: ClassVar[tuple[str, ...]] = ()

    # From the generated fields class the resource also inherits:
    _wire_names: ClassVar[dict[str, str]] = {}
    _foreign_keys: ClassVar[frozenset[str]] = frozenset()
    _secrets: ClassVar[frozenset[str]] = frozenset()
    _fields: ClassVar[tuple[str, ...]] = ()
    _python_names: ClassVar[dict[str, str]] = {}

    # The resource's id as text. The API may send none (a pending team invitation's id is null):
    # the object then holds None, never "None", and the one class that meets it, TeamMember,
    # declares `str | None`.
    id: str
    _api: PaginatedAPI
    _extras: dict[str, Any]
    _original_values: dict[str, Any]
    # The declared field names as a set, for the per-read checks.
    _field_set: ClassVar[frozenset[str]] = frozenset()
    # The fields whose values may be lists or dicts, which are copied when loaded.
    _containers: ClassVar[frozenset[str]] = frozenset()
    _constructed_state: ClassVar[dict[str, Any] | None] = None
    # Whether the class takes items as they come (overrides neither `_apply` nor `_apply_item`).
    _plain_items: ClassVar[bool] = True

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        # A user's subclass may declare fields of its own; they are tracked like the spec's.
        own = [
            name
            for name in inspect.get_annotations(cls)
            if not name.startswith("_") and name != "id" and name not in cls._wire_names
        ]
        inherited = [name for base in cls.__mro__[1:] for name in base.__dict__.get("_fields", ())]
        cls._fields = tuple(dict.fromkeys([*cls._wire_names, *inherited, *own]))
        cls._field_set = frozenset(cls._fields)
        cls._python_names = {cls._wire_names.get(name, name): name for name in cls._fields}
        annotations = {k: v for base in reversed(cls.__mro__) for k, v in inspect.get_annotations(base).items()}
        cls._containers = frozenset(name for name in cls._fields if not _is_scalar(annotations.get(name)))
        cls._plain_items = cls._apply is BaseAPIObject._apply and cls._apply_item is BaseAPIObject._apply_item

    def __init__(
        self,
        id: str,
        _api: PaginatedAPI,
        _extras: dict[str, Any] | None = None,
        _original_values: dict[str, Any] | None = None,
        **fields: Any,
    ) -> None:
        state = self.__dict__
        state["id"] = _own_id(id)
        state["_api"] = _api
        state["_original_values"] = {}
        if _extras is not None:
            state["_extras"] = dict(_extras)
        cls = type(self)
        for name, value in fields.items():
            if name not in cls._field_set and not name.startswith("_"):
                raise TypeError(f"{cls.__name__}() got an unexpected field {name!r}{self._hint(name)}")
            if value is not None and name[1:] in cls._parent_arguments:
                value = str(value)  # a parent id goes into paths as text, whether given as int or str
            state[name] = value
        if _original_values is not None:
            state["_original_values"] = {cls._wire_names.get(k, k): v for k, v in _original_values.items()}
        else:
            self.reset_variable_tracking()

    # Attribute access ----------------------------------------------------------------------

    def _hint(self, name: str) -> str:
        import difflib  # only for error messages

        close = difflib.get_close_matches(name, [*type(self)._fields, *self._extras], n=1)
        return f"; did you mean {close[0]!r}?" if close else ""

    if not TYPE_CHECKING:
        # Hidden from type checkers on purpose: they must treat a misspelt name as an error.

        def __getattr__(self, name: str) -> Any:
            state = self.__dict__
            if "_original_values" not in state:
                raise AttributeError(name)  # not initialised (copying, unpickling)
            cls = type(self)
            if name in cls._field_set:
                # The first read of a field: from the snapshot, lists and dicts copied so in-place
                # edits show against it, foreign keys as integers.
                value = state["_original_values"].get(cls._wire_names.get(name, name))
                if name in cls._containers:
                    value = _copy(value)
                elif name in cls._foreign_keys and type(value) is str:
                    value = _normalise_id(value)
                state[name] = value
                return value
            if name == "_extras":
                python_names = type(self)._python_names
                extras = {k: _copy(v) for k, v in state["_original_values"].items() if k not in python_names}
                state["_extras"] = extras
                return extras
            if not name.startswith("_"):
                extras = self._extras
                if name in extras:
                    return extras[name]
            raise AttributeError(f"{type(self).__name__!r} object has no attribute {name!r}{self._hint(name)}")

        def __setattr__(self, name: str, value: Any) -> None:
            cls = type(self)
            if name.startswith("_") or name == "id" or name in cls._field_set:
                object.__setattr__(self, name, value)
            elif name in self._extras:
                self._extras[name] = value
            elif isinstance(getattr(cls, name, None), property):
                object.__setattr__(self, name, value)
            else:
                raise AttributeError(
                    f"{cls.__name__} has no field {name!r}{self._hint(name)} "
                    "(a misspelt name would otherwise be sent to the API)"
                )

    # Values ---------------------------------------------------------------------------------

    def _values(self) -> dict[str, Any]:
        """Current values by Python name: declared fields, then extras."""
        values = {name: getattr(self, name) for name in type(self)._fields}
        values.update(self._extras)
        return values

    def _apply(self, attributes: Mapping[str, Any]) -> None:
        """Take attributes as the API sent them (wire names) as the saved state; unknown ones are extras.

        Subclasses that adjust what the API sends (drop a key, fill an old name) override this
        and pass the adjusted mapping on.
        """
        state = self.__dict__
        for name in [key for key in state if key in type(self)._field_set]:
            del state[name]
        state.pop("_extras", None)
        state.pop("_unconfirmed", None)
        if "id" in attributes and "id" not in type(self)._python_names:
            # Some resources repeat their id inside the attributes; the resource id is the one kept.
            attributes = {key: value for key, value in attributes.items() if key != "id"}
        state["_original_values"] = attributes

    def _apply_item(self, item: Mapping[str, Any]) -> None:
        """Take one JSON:API item (`{"id", "attributes", "relationships"?}`): its id and attributes.

        The one place a resource's answer enters an object, whether it came as plain JSON (lists)
        or as a generated model (`_apply_resource`); subclasses read more of the item here.
        """
        self.__dict__["id"] = _own_id(item.get("id"))
        self._apply(item.get("attributes") or {})

    def _apply_resource(self, resource: Any) -> None:
        """Take a generated resource model (`MonitorResource`)."""
        self._apply_item(_resource_item(resource))

    @classmethod
    def _from_resource(cls, api: PaginatedAPI, resource: Any, **private: Any) -> Self:
        obj = cls(id=_own_id(resource.id), _api=api, _original_values={})
        obj.__dict__.update(private)
        obj._apply_resource(resource)
        return obj

    @classmethod
    def _from_item(cls, api: PaginatedAPI, item: Mapping[str, Any], **private: Any) -> Self:
        """Build an object from one JSON:API item without copying it.

        The item's `attributes` become the object's snapshot, so it must not be changed afterwards.
        """
        obj = cls.__new__(cls)
        # What the constructor would leave (the private attributes' defaults), without running
        # it: a list page builds thousands of these.
        state = obj.__dict__
        state.update(cls.__dict__.get("_constructed_state") or cls._constructed())
        state["_api"] = api
        if private:
            state.update(private)
        if cls._plain_items:
            # Nothing to adjust in the item: the same as `_apply_item` on a fresh object.
            attributes = item.get("attributes") or {}
            if "id" in attributes and "id" not in cls._python_names:
                attributes = {key: value for key, value in attributes.items() if key != "id"}
            state["id"] = _own_id(item.get("id"))
            state["_original_values"] = attributes
        else:
            obj._apply_item(item)
        return obj

    @classmethod
    def _constructed(cls) -> dict[str, Any]:
        """The private state `cls(id="", _api=None, _original_values={})` leaves; made once per class.

        Only immutable values, so one dict serves every object; `_from_item` sets the rest.
        """
        blank = cls.__dict__.get("_constructed_state")
        if blank is None:
            made = cls(id="", _api=None, _original_values={}).__dict__  # type: ignore[arg-type]
            blank = {name: value for name, value in made.items() if name not in ("id", "_api", "_original_values")}
            mutable = [name for name, value in blank.items() if _is_mutable(value)]
            if mutable:  # shared between objects, these would leak edits from one to another
                raise TypeError(f"{cls.__name__}() leaves mutable defaults {mutable}; give them None defaults")
            cls._constructed_state = blank
        return blank

    @classmethod
    def _from_api_response(cls, api: PaginatedAPI, data: Mapping[str, Any]) -> Self:
        """Build an object from one JSON:API item, as the older package did (the item is copied)."""
        return cls._from_item(api, _copy(data))

    # Change tracking ------------------------------------------------------------------------

    def reset_variable_tracking(self) -> None:
        """Take the current values as the saved state: nothing counts as modified after this."""
        cls = type(self)
        values = self._values()
        self.__dict__["_original_values"] = _copy({cls._wire_names.get(name, name): v for name, v in values.items()})
        self.__dict__.pop("_unconfirmed", None)

    def get_modified_properties(self) -> list[str]:
        """Names of the fields changed since the last load or save, in-place edits included."""
        cls = type(self)
        state = self.__dict__
        saved = state["_original_values"]
        wire_names, foreign_keys = cls._wire_names, cls._foreign_keys
        modified = []
        for name in cls._fields:
            if name not in state:
                continue  # never read nor set: still equal to the snapshot
            value = saved.get(wire_names.get(name, name))
            if state[name] != (_normalise_id(value) if name in foreign_keys else value):
                modified.append(name)
        if "_extras" in state:
            saved = state["_original_values"]
            modified += [name for name, value in state["_extras"].items() if saved.get(name, _MISSING) != value]
        unconfirmed = state.get("_unconfirmed")
        if unconfirmed:
            modified += [name for name in [*cls._fields, *self._extras] if name in unconfirmed and name not in modified]
        return modified

    # URLs -----------------------------------------------------------------------------------

    def _path_arguments(self) -> dict[str, str]:
        arguments: dict[str, str] = {}
        for name in type(self)._parent_arguments:
            value = self.__dict__.get(f"_{name}")
            if value is None:
                raise ValidationError(f"{type(self).__name__} {self.id!r} does not know its {name}; set _{name}")
            arguments[name] = str(value)
        return arguments

    def _endpoint(self, kind: str) -> ModuleType:
        endpoint: ModuleType | None = getattr(type(self)._endpoints, kind)
        if endpoint is None:
            raise ValidationError(f"the API offers no {kind} operation for {type(self).__name__}")
        return endpoint

    def _id_arguments(self, endpoint: ModuleType) -> dict[str, str]:
        names = path_parameters(endpoint)
        arguments = self._path_arguments()
        own = [name for name in names if name not in arguments]
        if len(own) != 1:
            raise ValidationError(f"cannot tell the id argument of {endpoint.__name__} among {list(names)}")
        own_id: str | None = self.__dict__.get("id")
        if own_id is None:
            operation = endpoint.__name__.rsplit(".", 1)[-1]
            raise ValidationError(
                f"{type(self).__name__} has no id (the API sent none), so {operation} cannot address it "
                "(nothing was sent)"
            )
        arguments[own[0]] = own_id
        return arguments

    def generate_url(self) -> str:
        """The path of this object (`/api/v2/monitors/42`), with its id URL-quoted."""
        endpoints = type(self)._endpoints
        endpoint = endpoints.get or endpoints.update or endpoints.delete
        if endpoint is None:
            raise ValidationError(f"{type(self).__name__} objects have no URL of their own")
        return str(request_arguments(endpoint, self._id_arguments(endpoint))["url"])

    @classmethod
    def generate_global_url(cls) -> str:
        """The path of the collection (`/api/v2/monitors`).

        Raises:
            ValueError: The resource has no collection of its own (it needs a parent id).
        """
        if cls._endpoints.list is None or cls._parent_arguments:
            raise ValidationError(f"{cls.__name__} has no collection URL of its own")
        return str(cls._endpoints.list._get_kwargs()["url"])

    # Requests -------------------------------------------------------------------------------

    def _call(self, kind: str, **arguments: Any) -> Any:
        endpoint = self._endpoint(kind)
        return self._api.call(endpoint, **self._id_arguments(endpoint), **arguments)

    @classmethod
    def _body(cls, endpoint: ModuleType, values: Mapping[str, Any]) -> Any:
        """The generated body model of `endpoint` from `values` (wire names), checked against the spec.

        Raises:
            ValidationError: A value the spec rules out (wrong type, unknown enum value, missing
                required field); nothing is sent and the object keeps every edit.
        """
        annotation = _hints(endpoint.sync_detailed)["body"]
        operation = endpoint.__name__.rsplit(".", 1)[-1]
        wire = {key: _wire_value(value) for key, value in values.items()}
        check_body(operation, wire, secrets=cls._secrets)
        try:
            return _argument(wire, annotation)
        except KeyError as error:
            raise ValidationError(f"{operation} needs the field {error.args[0]!r}") from None
        except (TypeError, ValueError) as error:
            raise ValidationError(f"{operation}: {error}") from None

    def fetch_data(self, **query: Any) -> None:
        """Reload this object's attributes from the API; local changes are discarded."""
        endpoint = self._endpoint("get")
        parsed = self._api.call(endpoint, **self._id_arguments(endpoint), **self._query_arguments(endpoint, query))
        self._apply_resource(parsed.data)
        for cache_name in type(self)._caches:
            object.__setattr__(self, cache_name, None)

    def save(self) -> None:
        """PATCH the changed fields; no request when nothing changed.

        After success the object holds the API's answer and is clean. After a failure it keeps
        the edits and stays dirty, so calling `save()` again sends them again.
        """
        modified = self.get_modified_properties()
        if not modified:
            return
        wire = {type(self)._wire_names.get(name, name): getattr(self, name) for name in modified}
        endpoint = self._endpoint("update")
        # Items dropped from a list the API updates item by item go as `_destroy` items.
        wire = with_removals(endpoint.__name__.rsplit(".", 1)[-1], wire, self.__dict__["_original_values"])
        body = self._body(endpoint, wire)
        try:
            parsed = self._api.call(endpoint, **self._id_arguments(endpoint), body=body)
        except BetterStackError:
            # The PATCH may have been applied even so (its answer lost): until a save succeeds,
            # these fields are sent again even if set back to the values last loaded.
            self.__dict__.setdefault("_unconfirmed", set()).update(modified)
            raise
        if parsed is not None and hasattr(parsed, "data"):
            self._apply_resource(parsed.data)
        else:
            self.reset_variable_tracking()

    def _patch_now(self, values: Mapping[str, Any]) -> None:
        """PATCH `values` (wire names) at once; other unsaved edits stay unsaved."""
        endpoint = self._endpoint("update")
        values = with_removals(endpoint.__name__.rsplit(".", 1)[-1], values, self.__dict__["_original_values"])
        parsed = self._api.call(endpoint, **self._id_arguments(endpoint), body=self._body(endpoint, values))
        pending = {name: getattr(self, name) for name in self.get_modified_properties()}
        if parsed is not None and hasattr(parsed, "data"):
            self._apply_resource(parsed.data)
        else:
            self.reset_variable_tracking()
        for name, value in pending.items():
            setattr(self, name, value)

    def delete(self) -> None:
        """Delete this object in the API."""
        self._call("delete")

    @classmethod
    def get(cls: type[_T], api: PaginatedAPI, id: str | int, **parents: str | int) -> _T:
        """Load one object by id (sub-resources also take their parent ids)."""
        if id is None:
            raise ValidationError(f"{cls.__name__}.get() needs an id, not None (nothing was sent)")
        obj = cls(id=_own_id(id), _api=api)
        for name, value in parents.items():
            object.__setattr__(obj, f"_{name}", _own_id(value))
        obj.fetch_data()
        return obj

    @classmethod
    def _query_arguments(cls, endpoint: ModuleType, query: Mapping[str, Any]) -> dict[str, Any]:
        """Map keyword arguments (`from_`, `url`) to the generated function's names and types."""
        parameters = _signature(endpoint.sync_detailed).parameters
        hints = _hints(endpoint.sync_detailed)
        allowed = {name: name for name, p in parameters.items() if p.kind is inspect.Parameter.KEYWORD_ONLY}
        for name in list(allowed):
            if name.endswith("_query"):
                allowed[name.removesuffix("_query")] = name
        allowed.pop("client", None)
        allowed.pop("body", None)
        arguments: dict[str, Any] = {}
        for key, value in query.items():
            target = allowed.get(key) or allowed.get(f"{key}_")
            if target is None:
                names = sorted(k for k in allowed if not k.endswith("_query"))
                raise ValidationError(
                    f"{cls.__name__} cannot be filtered by {key!r}; allowed: {', '.join(names) or 'nothing'}"
                )
            wire_name = target.removesuffix("_query").rstrip("_")  # `from_` is the spec's `from`
            check_query(endpoint.__name__.rsplit(".", 1)[-1], wire_name, _wire_value(value))
            arguments[target] = _argument(value, hints[target])
        return arguments

    @classmethod
    def _list(cls, api: PaginatedAPI, query: Mapping[str, Any], **private: Any) -> Iterator[Self]:
        if cls._endpoints.list is None:
            raise ValidationError(f"the API offers no list operation for {cls.__name__}")
        endpoint = cls._endpoints.list
        missing = [name for name in cls._parent_arguments if private.get(f"_{name}") is None]
        if missing:
            raise ValidationError(f"{cls.__name__} has no collection of its own; list it through its {missing[0]}")
        path = {name: str(private[f"_{name}"]) for name in cls._parent_arguments}
        arguments = {**path, **cls._query_arguments(endpoint, query)}

        def objects() -> Iterator[Self]:
            for page in iter_json_pages(api, endpoint, **arguments):
                for item in page.items:
                    yield cls._from_item(api, item, **private)

        return objects()

    @classmethod
    def get_all_instances(cls: type[_T], api: PaginatedAPI) -> Iterator[_T]:
        """Every object of this kind, fetched lazily page by page."""
        return cls._list(api, {})

    @classmethod
    def filter(cls: type[_T], api: PaginatedAPI, *args: Any, **query: Any) -> Iterator[_T]:
        """Objects matching the API's list filters, fetched lazily.

        Resource classes declare their filters as typed keywords (`betterstack_sdk.signatures`);
        `*args` lets those declarations refine this one.

        Raises:
            ValidationError: A filter the list operation does not take (raised at the call).
        """
        _keywords_only(cls, "filter", args)
        return cls._list(api, query)

    @classmethod
    def new(cls: type[_T], api: PaginatedAPI, *args: Any, **fields: Any) -> _T:
        """Create an object in the API and return it.

        A field given as None that the API takes no null for is left out (objects read back
        every field as possibly None, so values copied from another object need no cast).
        Resource classes declare the fields as typed keywords (`betterstack_sdk.signatures`).
        """
        _keywords_only(cls, "new", args)
        if cls._endpoints.create is None:
            raise ValidationError(f"the API offers no create operation for {cls.__name__}")
        endpoint = cls._endpoints.create
        body_type = _hints(endpoint.sync_detailed)["body"]
        import difflib

        import attrs  # the generated models are attrs classes, loaded by now

        accepted = {*cls._fields, *(f.name for f in attrs.fields(body_type) if f.name != "additional_properties")}
        unknown = [name for name in fields if name not in accepted]
        if unknown:
            close = difflib.get_close_matches(unknown[0], cls._fields, n=1)
            hint = f"; did you mean {close[0]!r}?" if close else ""
            raise ValidationError(f"{cls.__name__} has no field {unknown[0]!r}{hint}")
        wire = {cls._wire_names.get(name, name): value for name, value in fields.items()}
        for key in refused_nulls(endpoint.__name__.rsplit(".", 1)[-1], wire):
            del wire[key]
        parsed = api.call(endpoint, body=cls._body(endpoint, wire))
        return cls._from_resource(api, parsed.data)

    @classmethod
    def get_or_create(cls: type[_T], api: PaginatedAPI, *args: Any, **fields: Any) -> tuple[bool, _T]:
        """Return `(created, obj)`: the one object whose fields equal `fields`, or a new one.

        The API's filters narrow the search where they can; every candidate is then compared
        exactly, so a partial match on the server is never mistaken for the object.

        Raises:
            ValidationError: More than one object matches.
        """
        _keywords_only(cls, "get_or_create", args)
        filterable = {}
        if cls._endpoints.list is not None:
            for key, value in fields.items():
                try:
                    cls._query_arguments(cls._endpoints.list, {key: value})
                except ValidationError:
                    continue
                filterable[key] = value
        candidates = cls._list(api, filterable)
        matches = [obj for obj in candidates if all(getattr(obj, key, None) == value for key, value in fields.items())]
        if len(matches) > 1:
            ids = ", ".join(str(obj.id) for obj in matches)
            shown = {k: "<hidden>" if k in cls._secrets else v for k, v in fields.items()}
            raise ValidationError(f"{len(matches)} {cls.__name__} objects match {shown!r} (ids {ids})")
        if matches:
            return False, matches[0]
        return True, cls.new(api, **fields)

    # Python protocol ------------------------------------------------------------------------

    def __repr__(self) -> str:
        cls = type(self)
        shown = [f"id={self.id!r}"]
        for name, value in self._values().items():
            if value is None:
                continue
            shown.append(f"{name}=<hidden>" if name in cls._secrets else f"{name}={value!r}")
        return f"{cls.__name__}({', '.join(shown)})"

    def __eq__(self, other: object) -> bool:
        if type(other) is not type(self):
            return NotImplemented
        assert isinstance(other, BaseAPIObject)
        return self.id == other.id and self._values() == other._values()

    def __hash__(self) -> int:
        return hash((type(self), self.id))

    def __dir__(self) -> list[str]:
        # What completion in a notebook offers: the fields, the extras the API sent and the
        # public methods and properties, not the machinery.
        names = {*type(self)._fields, *self._extras, "id"}
        names.update(name for name in dir(type(self)) if not name.startswith("_"))
        return sorted(names)


def filter_on_attribute(objects: typing.Iterable[Any], attribute: str, value: Any) -> list[Any]:
    """The objects whose `attribute` equals `value` (a missing attribute counts as None)."""
    return [obj for obj in objects if getattr(obj, attribute, None) == value]
