"""`TrackedObject`: typed attributes loaded lazily from the API's JSON, and change tracking.

An object keeps the API's attributes as they arrived (that dict is also its change-tracking
snapshot, never mutated), and a field becomes an instance attribute the first time it is read or
set. Building an object from a list item therefore costs a few dictionary writes whatever the
resource's size, and only lists and dicts that are read get copied (so in-place edits of them are
still seen by `save()`). What the class knows (its fields, wire names, operations) is its `Kind`
(`_kind`), not an attribute: see there why. Nothing here makes a request: `_base` adds those.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, Unpack

from ._kind import KINDS, Kind, Settings, register
from ._values import copy_json, normalise_id, own_id, plain

if TYPE_CHECKING:
    from ._client import PaginatedAPI

_MISSING = object()


def values_of(obj: TrackedObject) -> dict[str, Any]:
    """Current values by Python name: declared fields, then extras."""
    values = {name: getattr(obj, name) for name in KINDS[type(obj)].fields}
    values.update(obj._extras)
    return values


class TrackedObject:
    """Fields read lazily from the API's attributes, and the changes made to them since.

    `get_modified_properties()` names exactly the fields changed since the last load or save,
    in-place edits of lists and dicts included.
    """

    # The resource's id as text. The API may send none (a pending team invitation's id is null):
    # the object then holds None, never "None", and the one class that meets it, TeamMember,
    # declares `str | None`.
    id: str
    _api: PaginatedAPI
    _extras: dict[str, Any]
    _original_values: dict[str, Any]

    def __init_subclass__(cls, *, kind: type[Kind[Any]] | None = None, **settings: Unpack[Settings]) -> None:
        """Register the class's `Kind`: `kind` if given, or its base's, with these settings (`_kind.Settings`)."""
        super().__init_subclass__()
        for name in Settings.__annotations__:
            if f"_{name}" in cls.__dict__:  # the way of releases before 0.2, silently ignored otherwise
                raise TypeError(
                    f"{cls.__name__} declares _{name} in its body; settings are class keywords now: "
                    f"class {cls.__name__}(..., {name}=...)"
                )
        register(cls, kind, settings)

    def __init__(
        self,
        id: str,
        _api: PaginatedAPI,
        _extras: dict[str, Any] | None = None,
        _original_values: dict[str, Any] | None = None,
        **fields: Any,
    ) -> None:
        state = self.__dict__
        state["id"] = own_id(id)
        state["_api"] = _api
        state["_original_values"] = {}
        if _extras is not None:
            state["_extras"] = dict(_extras)
        kind = KINDS[type(self)]
        for name, value in fields.items():
            if name not in kind.field_set and not name.startswith("_"):
                raise TypeError(f"{kind.name}() got an unexpected field {name!r}{kind.hint(name, self._extras)}")
            if value is not None and name[1:] in kind.parent_arguments:
                value = str(value)  # a parent id goes into paths as text, whether given as int or str
            state[name] = value
        if _original_values is not None:
            state["_original_values"] = {kind.wire_names.get(k, k): v for k, v in _original_values.items()}
        else:
            self.reset_variable_tracking()

    # Attribute access ----------------------------------------------------------------------

    if not TYPE_CHECKING:
        # Hidden from type checkers on purpose: they must treat a misspelt name as an error.

        def __getattr__(self, name: str) -> Any:
            state = self.__dict__
            if "_original_values" not in state:
                raise AttributeError(name)  # not initialised (copying, unpickling)
            kind = KINDS[type(self)]
            if name in kind.field_set:
                # The first read of a field: from the snapshot, lists and dicts copied so in-place
                # edits show against it, foreign keys as integers.
                value = state["_original_values"].get(kind.wire_names.get(name, name))
                if name in kind.containers:
                    value = copy_json(value)
                elif name in kind.foreign_keys and type(value) is str:
                    value = normalise_id(value)
                state[name] = value
                return value
            if name == "_extras":
                python_names = kind.python_names
                extras = {k: copy_json(v) for k, v in state["_original_values"].items() if k not in python_names}
                state["_extras"] = extras
                return extras
            if not name.startswith("_"):
                extras = self._extras
                if name in extras:
                    return extras[name]
            raise AttributeError(f"{kind.name!r} object has no attribute {name!r}{kind.hint(name, self._extras)}")

        def __setattr__(self, name: str, value: Any) -> None:
            kind = KINDS[type(self)]
            if name.startswith("_") or name == "id" or name in kind.field_set:
                object.__setattr__(self, name, value)
            elif name in self._extras:
                self._extras[name] = value
            elif isinstance(getattr(type(self), name, None), property):
                object.__setattr__(self, name, value)
            else:
                raise AttributeError(
                    f"{kind.name} has no field {name!r}{kind.hint(name, self._extras)} "
                    "(a misspelt name would otherwise be sent to the API)"
                )

    # Values ---------------------------------------------------------------------------------

    def to_dict(self) -> dict[str, Any]:
        """The object's current values as plain data: `id`, then each field by its Python name, then extras.

        Changes not saved yet are included; nothing is sent or fetched. Values are ready for
        `json.dumps`: dates and times as ISO text, tuples as lists, a value with a `to_dict()`
        (a `PolicyStep`) as its dict. The result is a copy: changing it leaves the object alone.

        Secret fields (a monitor's `auth_password`, ...) are included, unlike in `repr()`: this
        is your own data. Leave them out before logging or sharing the dict.
        """
        values = {"id": self.id, **values_of(self)}
        return {name: plain(value) for name, value in values.items()}

    @classmethod
    def _from_api_response(cls, api: PaginatedAPI, data: Mapping[str, Any]) -> Self:
        """Build an object from one JSON:API item, as the older package did (the item is copied).

        Kept for code written against the older package, which documented no other way.
        """
        return KINDS[cls].from_item(api, copy_json(data))  # type: ignore[no-any-return]

    # Change tracking ------------------------------------------------------------------------

    def reset_variable_tracking(self) -> None:
        """Take the current values as the saved state: nothing counts as modified after this."""
        wire_names = KINDS[type(self)].wire_names
        values = values_of(self)
        self.__dict__["_original_values"] = copy_json({wire_names.get(name, name): v for name, v in values.items()})
        self.__dict__.pop("_unconfirmed", None)

    def get_modified_properties(self) -> list[str]:
        """Names of the fields changed since the last load or save, in-place edits included."""
        kind = KINDS[type(self)]
        state = self.__dict__
        saved = state["_original_values"]
        wire_names, foreign_keys = kind.wire_names, kind.foreign_keys
        modified = []
        for name in kind.fields:
            if name not in state:
                continue  # never read nor set: still equal to the snapshot
            value = saved.get(wire_names.get(name, name))
            if state[name] != (normalise_id(value) if name in foreign_keys else value):
                modified.append(name)
        if "_extras" in state:
            modified += [name for name, value in state["_extras"].items() if saved.get(name, _MISSING) != value]
        unconfirmed = state.get("_unconfirmed")
        if unconfirmed:
            modified += [name for name in [*kind.fields, *self._extras] if name in unconfirmed and name not in modified]
        return modified

    # Python protocol ------------------------------------------------------------------------

    def __repr__(self) -> str:
        kind = KINDS[type(self)]
        shown = [f"id={self.id!r}"]
        state = self.__dict__
        saved = state.get("_original_values", {})
        # Fields never read are shown from the snapshot without loading them: asyncio builds the
        # repr of every result a loop returns, and loading copies every list and dict.
        values = {
            name: state[name] if name in state else saved.get(kind.wire_names.get(name, name)) for name in kind.fields
        }
        values.update(self._extras)
        for name, value in values.items():
            if value is None:
                continue
            shown.append(f"{name}=<hidden>" if name in kind.secrets else f"{name}={value!r}")
        return f"{kind.name}({', '.join(shown)})"

    def __eq__(self, other: object) -> bool:
        if type(other) is not type(self):
            return NotImplemented
        assert isinstance(other, TrackedObject)
        return self.id == other.id and values_of(self) == values_of(other)

    def __hash__(self) -> int:
        return hash((type(self), self.id))

    def __dir__(self) -> list[str]:
        # What completion in a notebook offers: the fields, the extras the API sent and the
        # public methods and properties, not the machinery.
        names = {*KINDS[type(self)].fields, *self._extras, "id"}
        names.update(name for name in dir(type(self)) if not name.startswith("_"))
        return sorted(names)
