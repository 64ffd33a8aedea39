"""`TrackedObject`: typed attributes loaded lazily from the API's JSON, and change tracking.

An object keeps the API's attributes as they arrived (that dict is also its change-tracking
snapshot, never mutated), and a field becomes an instance attribute the first time it is read or
set. Building an object from a list item therefore costs a few dictionary writes whatever the
resource's size, and only lists and dicts that are read get copied (so in-place edits of them are
still seen by `save()`). Nothing here makes a request: `_base.BaseAPIObject` adds those.
"""

from __future__ import annotations

import datetime
import enum
import inspect
import types
import typing
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, ClassVar, Self

if TYPE_CHECKING:
    from ._client import PaginatedAPI

_MISSING = object()


def _copy(value: Any) -> Any:
    """A copy of JSON-shaped data, deep enough for change tracking and much cheaper than deepcopy."""
    if isinstance(value, list):
        return [_copy(item) for item in value]
    if isinstance(value, dict):
        return {key: _copy(item) for key, item in value.items()}
    return value


def _plain(value: Any) -> Any:
    """`value` as JSON holds it, in new containers: for `TrackedObject.to_dict`."""
    if isinstance(value, enum.Enum):
        value = value.value
    if value is None or isinstance(value, bool | int | float):
        return value
    if isinstance(value, str):
        return str(value)  # a str subclass as a plain str
    if isinstance(value, datetime.date | datetime.time):  # datetime is a date
        return value.isoformat()
    if isinstance(value, Mapping):
        return {str(key): _plain(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(item) for item in value]
    to_dict = getattr(value, "to_dict", None)  # a PolicyStep, a generated model
    return _plain(to_dict()) if callable(to_dict) else value


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


def _own_id(value: Any) -> Any:
    """An id as objects hold it: text, or None where the API sends none (a pending invitation).

    Never `str(None)`: a "None" id would be sent in paths as if it named something.
    """
    return None if value is None else str(value)


def _normalise_id(value: Any) -> Any:
    # Foreign keys arrive as integers or as numeric strings; objects always hold integers.
    # ASCII digits only, and few enough for an int: "²".isdigit() and "١٢".isdigit() are true too.
    if isinstance(value, str) and value.isascii() and value.isdigit() and len(value) <= 18:
        return int(value)
    return value


class TrackedObject:
    """Fields read lazily from the API's attributes, and the changes made to them since.

    `get_modified_properties()` names exactly the fields changed since the last load or save,
    in-place edits of lists and dicts included.
    """

    # Path arguments besides the id, each taken from the private attribute of the same name
    # with a leading underscore (`status_page_id` from `self._status_page_id`).
    _parent_arguments: ClassVar[tuple[str, ...]] = ()

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
        cls._plain_items = cls._apply is TrackedObject._apply and cls._apply_item is TrackedObject._apply_item

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

    def to_dict(self) -> dict[str, Any]:
        """The object's current values as plain data: `id`, then each field by its Python name, then extras.

        Changes not saved yet are included; nothing is sent or fetched. Values are ready for
        `json.dumps`: dates and times as ISO text, tuples as lists, a value with a `to_dict()`
        (a `PolicyStep`) as its dict. The result is a copy: changing it leaves the object alone.

        Secret fields (a monitor's `auth_password`, ...) are included, unlike in `repr()`: this
        is your own data. Leave them out before logging or sharing the dict.
        """
        values = {"id": self.id, **self._values()}
        return {name: _plain(value) for name, value in values.items()}

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

        The one place a resource's answer enters an object; subclasses read more of the item here.
        """
        self.__dict__["id"] = _own_id(item.get("id"))
        self._apply(item.get("attributes") or {})

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

    # Python protocol ------------------------------------------------------------------------

    def __repr__(self) -> str:
        cls = type(self)
        shown = [f"id={self.id!r}"]
        state = self.__dict__
        saved = state.get("_original_values", {})
        # Fields never read are shown from the snapshot without loading them: asyncio builds the
        # repr of every result a loop returns, and loading copies every list and dict.
        values = {
            name: state[name] if name in state else saved.get(cls._wire_names.get(name, name)) for name in cls._fields
        }
        values.update(self._extras)
        for name, value in values.items():
            if value is None:
                continue
            shown.append(f"{name}=<hidden>" if name in cls._secrets else f"{name}={value!r}")
        return f"{cls.__name__}({', '.join(shown)})"

    def __eq__(self, other: object) -> bool:
        if type(other) is not type(self):
            return NotImplemented
        assert isinstance(other, TrackedObject)
        return self.id == other.id and self._values() == other._values()

    def __hash__(self) -> int:
        return hash((type(self), self.id))

    def __dir__(self) -> list[str]:
        # What completion in a notebook offers: the fields, the extras the API sent and the
        # public methods and properties, not the machinery.
        names = {*type(self)._fields, *self._extras, "id"}
        names.update(name for name in dir(type(self)) if not name.startswith("_"))
        return sorted(names)
