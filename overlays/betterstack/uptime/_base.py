"""`BaseAPIObject`: load, list, create, save and delete any resource, sync and async.

A resource class inherits its typed fields from `betterstack_sdk.fields` and names its operations
from the generated table (`betterstack_sdk.operations`) as a class keyword; its `Kind` (`_kind`)
holds them with every flow. Each operation is written once as a flow (`_flows`): `save()` runs
the kind's `save_flow` with the sync driver and `asave()` the same flow with the async one.
Reading an attribute never makes a request.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterable, Iterator
from typing import TYPE_CHECKING, Any, TypeVar

from ._errors import ValidationError
from ._flows import arun, run
from ._kind import KINDS, Operations, kind_of
from ._state import TrackedObject

if TYPE_CHECKING:
    from ._client import PaginatedAPI

__all__ = ["BaseAPIObject", "Operations", "filter_on_attribute"]

# Public classmethods return `_T` through `cls: type[_T]` rather than `Self`: the same to type
# checkers, and jedi (IPython, Jupyter, several editors) completes the fields only this way.
_T = TypeVar("_T", bound="BaseAPIObject")


def _keywords_only(cls: type, method: str, args: tuple[Any, ...]) -> None:
    if args:
        raise ValidationError(
            f"{cls.__name__}.{method}() takes fields as keywords, not {len(args)} positional value(s)"
        )


class BaseAPIObject(TrackedObject):
    """The base of every resource object: `Monitor`, `Incident`, `StatusPage`, ...

    Construct with `Cls(id=..., _api=api)` (no request is made), or load with `Cls.get(api, id)`,
    `Cls.get_all_instances(api)`, `Cls.filter(api, ...)` and `Cls.new(api, ...)`; every method
    that talks to the API has an async twin named with an `a` (`aget`, `afilter`, `asave`, ...).

    Change tracking: `save()` PATCHes exactly the fields changed since the last load or save,
    in-place edits of lists and dicts included, and sends nothing when nothing changed.
    """

    def generate_url(self) -> str:
        """The path of this object (`/api/v2/monitors/42`), with its id URL-quoted."""
        return KINDS[type(self)].url(self)

    @classmethod
    def generate_global_url(cls) -> str:
        """The path of the collection (`/api/v2/monitors`).

        Raises:
            ValueError: The resource has no collection of its own (it needs a parent id).
        """
        kind = kind_of(cls)
        if kind.operations.list is None or kind.parent_arguments:
            raise ValidationError(f"{cls.__name__} has no collection URL of its own")
        return kind.operations.list.path

    # Public methods, sync and async ---------------------------------------------------------

    def fetch_data(self, **query: Any) -> None:
        """Reload this object's attributes from the API; local changes are discarded."""
        run(self._api, KINDS[type(self)].fetch_flow(self, **query))

    async def afetch_data(self, **query: Any) -> None:
        """The async `fetch_data`."""
        await arun(self._api, KINDS[type(self)].fetch_flow(self, **query))

    def save(self) -> None:
        """PATCH the changed fields; no request when nothing changed.

        After success the object holds the API's answer and is clean. After a failure it keeps
        the edits and stays dirty, so calling `save()` again sends them again.
        """
        run(self._api, KINDS[type(self)].save_flow(self))

    async def asave(self) -> None:
        """The async `save`."""
        await arun(self._api, KINDS[type(self)].save_flow(self))

    def delete(self) -> None:
        """Delete this object in the API."""
        run(self._api, KINDS[type(self)].delete_flow(self))

    async def adelete(self) -> None:
        """The async `delete`."""
        await arun(self._api, KINDS[type(self)].delete_flow(self))

    @classmethod
    def get(cls: type[_T], api: PaginatedAPI, id: str | int, **parents: str | int) -> _T:
        """Load one object by id (sub-resources also take their parent ids)."""
        obj = kind_of(cls).unfetched(api, id, parents)
        obj.fetch_data()
        return obj

    @classmethod
    async def aget(cls: type[_T], api: PaginatedAPI, id: str | int, **parents: str | int) -> _T:
        """The async `get`."""
        obj = kind_of(cls).unfetched(api, id, parents)
        await obj.afetch_data()
        return obj

    @classmethod
    def get_all_instances(cls: type[_T], api: PaginatedAPI) -> Iterator[_T]:
        """Every object of this kind, fetched lazily page by page."""
        kind = kind_of(cls)
        return kind.objects(api, kind.list_call({}))

    @classmethod
    def aget_all_instances(cls: type[_T], api: PaginatedAPI) -> AsyncIterator[_T]:
        """The async `get_all_instances`: `async for monitor in Monitor.aget_all_instances(api)`."""
        kind = kind_of(cls)
        return kind.aobjects(api, kind.list_call({}))

    @classmethod
    def filter(cls: type[_T], api: PaginatedAPI, *args: Any, **query: Any) -> Iterator[_T]:
        """Objects matching the API's list filters, fetched lazily.

        Resource classes declare their filters as typed keywords (`betterstack_sdk.signatures`);
        `*args` lets those declarations refine this one.

        Raises:
            ValidationError: A filter the list operation does not take (raised at the call).
        """
        _keywords_only(cls, "filter", args)
        kind = kind_of(cls)
        return kind.objects(api, kind.list_call(query))

    @classmethod
    def afilter(cls: type[_T], api: PaginatedAPI, *args: Any, **query: Any) -> AsyncIterator[_T]:
        """The async `filter`: `async for monitor in Monitor.afilter(api, url=...)`."""
        _keywords_only(cls, "afilter", args)
        kind = kind_of(cls)
        return kind.aobjects(api, kind.list_call(query))

    @classmethod
    def new(cls: type[_T], api: PaginatedAPI, *args: Any, **fields: Any) -> _T:
        """Create an object in the API and return it.

        A field given as None that the API takes no null for is left out (objects read back
        every field as possibly None, so values copied from another object need no cast).
        Resource classes declare the fields as typed keywords (`betterstack_sdk.signatures`).
        """
        _keywords_only(cls, "new", args)
        kind = kind_of(cls)
        return run(api, kind.create_flow(api, kind.new_fields(fields)))

    @classmethod
    async def anew(cls: type[_T], api: PaginatedAPI, *args: Any, **fields: Any) -> _T:
        """The async `new`."""
        _keywords_only(cls, "anew", args)
        kind = kind_of(cls)
        return await arun(api, kind.create_flow(api, kind.new_fields(fields)))

    @classmethod
    def get_or_create(cls: type[_T], api: PaginatedAPI, *args: Any, **fields: Any) -> tuple[bool, _T]:
        """Return `(created, obj)`: the one object whose fields equal `fields`, or a new one.

        The API's filters narrow the search where they can; every candidate is then compared
        exactly, so a partial match on the server is never mistaken for the object.

        Raises:
            ValidationError: More than one object matches.
        """
        _keywords_only(cls, "get_or_create", args)
        return run(api, kind_of(cls).get_or_create_flow(api, fields))

    @classmethod
    async def aget_or_create(cls: type[_T], api: PaginatedAPI, *args: Any, **fields: Any) -> tuple[bool, _T]:
        """The async `get_or_create`."""
        _keywords_only(cls, "aget_or_create", args)
        return await arun(api, kind_of(cls).get_or_create_flow(api, fields))


def filter_on_attribute(objects: Iterable[Any], attribute: str, value: Any) -> list[Any]:
    """The objects whose `attribute` equals `value` (a missing attribute counts as None)."""
    return [obj for obj in objects if getattr(obj, attribute, None) == value]
