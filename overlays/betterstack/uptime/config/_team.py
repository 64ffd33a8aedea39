"""`Team`: the live resources an export or a plan reads, each list read once, and their names.

Lists are read a page of the most items the API allows at a time (250), so 1,000 monitors take
four requests. A status page's sections and resources are read only for the pages asked for.
References between resources are ids in the API and names in files: `name_of` turns an id into
the identity of what it names, and `ids` keeps the id of every resource by identity (plus those
`apply` creates), for the way back.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache
from typing import TYPE_CHECKING, Any

from .._flows import Flow, run
from .._kind import kind_of
from .._spec import spec
from ..objects.status_pages import StatusPageResource, StatusPageSection
from ._kinds import (
    BY_NAME,
    LOOKUPS,
    METADATA,
    OWNERS,
    SHOWN,
    STATUS_PAGE_RESOURCES,
    STATUS_PAGE_SECTIONS,
    STATUS_PAGES,
    Kind,
    as_id,
)

if TYPE_CHECKING:
    from .._base import BaseAPIObject
    from .._client import PaginatedAPI

Key = tuple[str, Any, Any]
"""How a resource is known across a plan and its apply: `(kind, scope, identity)`; the scope is
the status page's subdomain for its sections and resources, None for the rest."""


@cache
def _page_size() -> int:
    """The most items a page of the lists read here may hold: the spec's `PerPage` maximum (250)."""
    maximum: int = spec()["components"]["parameters"]["PerPage"]["schema"]["maximum"]
    return maximum


def _all_flow(api: PaginatedAPI, cls: type[BaseAPIObject], parents: dict[str, Any]) -> Flow[list[Any]]:
    found: list[Any] = yield kind_of(cls).walk(api, {"per_page": _page_size()}, **parents)
    return found


def read_all(api: PaginatedAPI, cls: type[BaseAPIObject], **parents: Any) -> list[Any]:
    """Every object of a list, read in the largest pages the API allows."""
    return run(api, _all_flow(api, cls, parents))


class Team:
    """The live state of the kinds read so far, indexed by identity.

    Args:
        api: The client to read with.
    """

    def __init__(self, api: PaginatedAPI) -> None:
        self.api = api
        self.objects: dict[str, list[Any]] = {}
        """The objects of each kind (or looked-up kind) read, by kind name."""
        self.sections: dict[str, list[StatusPageSection]] = {}
        """Each status page's sections, by page id, for the pages read."""
        self.resources: dict[str, list[StatusPageResource]] = {}
        """Each status page's resources, by page id, for the pages read."""
        self.ids: dict[Key, list[str]] = {}
        """The ids of the resources read (and created by apply), by `Key`."""
        self._names: dict[tuple[str, str], Any] = {}

    # Reading ----------------------------------------------------------------------------------

    def read(self, kinds: Iterable[str]) -> None:
        """Read every resource of these kinds (kind or lookup names) not read yet.

        Metadata is known by its owner's name, and a status page resource by the name of what it
        shows, so reading either reads those kinds too.
        """
        wanted = set(kinds)
        if METADATA.name in wanted:
            wanted |= set(OWNERS)
        if STATUS_PAGES.name in wanted:
            wanted |= set(SHOWN)
        for name in [*LOOKUPS, *BY_NAME]:  # dependency order: what names others comes first
            if (
                name in wanted
                and name not in self.objects
                and name not in (STATUS_PAGE_SECTIONS.name, STATUS_PAGE_RESOURCES.name)
            ):
                self._read(name)

    def _read(self, name: str) -> None:
        if name in LOOKUPS:
            lookup = LOOKUPS[name]
            objects = read_all(self.api, lookup.cls)
            for obj in objects:
                self._known(name, None, obj.__dict__["_original_values"].get(lookup.identity), obj.id)
            self.objects[name] = objects
            return
        kind = BY_NAME[name]
        objects = read_all(self.api, kind.cls)
        if kind is METADATA:
            # Only the metadata of the kinds a file manages it for, whose owners are known.
            objects = [obj for obj in objects if self._owned(obj)]
        self.objects[name] = objects
        for obj in objects:
            self._known(name, None, self.identity(kind, obj), obj.id)

    def _owned(self, obj: Any) -> bool:
        attributes = obj.__dict__["_original_values"]
        owner = next((key for key, owner in OWNERS.items() if owner == attributes.get("owner_type")), None)
        return owner is not None and (owner, str(attributes.get("owner_id"))) in self._names

    def read_lookups(self) -> None:
        """Read the kinds a file names but does not manage (policy groups, ...) that what was read refers to."""
        wanted = set()
        for kind in BY_NAME.values():
            for reference in kind.references:
                if reference.target in LOOKUPS and any(
                    obj.__dict__["_original_values"].get(reference.wire) is not None
                    for obj in self.objects.get(kind.name, ())
                ):
                    wanted.add(reference.target)
        self.read(wanted)

    def read_children(self, pages: Iterable[Any]) -> None:
        """Read the sections and resources of these status pages (objects read by `read`)."""
        for page in pages:
            if page.id in self.sections:
                continue
            scope = self.identity(STATUS_PAGES, page)
            parent = {"_status_page_id": page.id}
            sections: list[StatusPageSection] = read_all(self.api, StatusPageSection, **parent)
            self.sections[page.id] = sections
            for section in sections:
                self._known(STATUS_PAGE_SECTIONS.name, scope, self.identity(STATUS_PAGE_SECTIONS, section), section.id)
            resources: list[StatusPageResource] = read_all(self.api, StatusPageResource, **parent)
            self.resources[page.id] = resources
            for resource in resources:
                identity = self.identity(STATUS_PAGE_RESOURCES, resource)
                self._known(STATUS_PAGE_RESOURCES.name, scope, identity, resource.id)

    # Names --------------------------------------------------------------------------------------

    def _known(self, kind: str, scope: Any, identity: Any, id: str) -> None:
        self.ids.setdefault((kind, scope, identity), []).append(id)
        self._names[(kind, id)] = identity

    def name_of(self, kind: str, id: Any) -> Any:
        """The identity of the resource of `kind` with this id; the id (as an integer) when unknown."""
        return self._names.get((kind, str(id)), as_id(id))

    def identity(self, kind: Kind, obj: Any) -> Any:
        """What a live object is matched to an entry by."""
        return kind.identity_of(self.entry(kind, obj))

    def entry(self, kind: Kind, obj: Any) -> dict[str, Any]:
        """A live object in file form: every exported field, empty ones too (see `Kind.read`)."""
        return kind.read(obj.__dict__["_original_values"], self.name_of)

    def created(self, key: Key, id: str) -> None:
        """Note a resource `apply` created, so what follows can name it."""
        self.ids[key] = [id]
        self._names[(key[0], id)] = key[2]

    def id_of(self, kind: str, name: Any, scope: Any = None) -> Any:
        """The id of the resource of `kind` named `name` (within `scope`); an integer is an id already.

        Raises:
            KeyError: Nothing (or more than one resource) has that name.
        """
        if isinstance(name, int):
            return name
        found = self.ids.get((kind, scope, name)) or self.ids.get((kind, None, name)) or []
        if len(found) != 1:
            raise KeyError((kind, scope, name))
        return as_id(found[0])
