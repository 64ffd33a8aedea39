"""`export`: a team as a configuration, every kind a file manages, with references by name.

Entries are sorted by identity (sections by position, resources by section and position), hold
only fields with more than a default in them, and never a write-only field (secrets) nor a
read-only one (ids, statuses, timestamps) nor `team_name`: the file applies to any team.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ._errors import ConfigError
from ._file import Config, Entry, check
from ._kinds import STATUS_PAGE_RESOURCES, STATUS_PAGE_SECTIONS, STATUS_PAGES, TOP_LEVEL, Kind
from ._team import Team

if TYPE_CHECKING:
    from .._client import PaginatedAPI

SOURCE = "<export>"
"""The `source` of an exported configuration, as errors name it."""


def export(api: PaginatedAPI) -> Config:
    """The team's urgencies, escalation policies, groups, monitors, heartbeats, status pages and metadata.

    Only GET requests are sent. `dump(export(api))` is the file; `plan(api, export(api))` is empty.

    Raises:
        ConfigError: Two resources of a kind share a name (a file could not tell them apart);
            the message names their ids.
        BetterStackError: Reading the team failed.
    """
    team = Team(api)
    team.read(kind.name for kind in TOP_LEVEL)
    team.read_lookups()
    pages = team.objects.get(STATUS_PAGES.name, [])
    team.read_children(pages)
    config = Config(source=SOURCE)
    for kind in TOP_LEVEL:
        objects = team.objects.get(kind.name, [])
        _unique(team, kind, objects)
        entries = [(_sort_key(team.identity(kind, obj)), _entry(team, kind, obj), obj) for obj in objects]
        entries.sort(key=lambda found: found[0])
        if kind is STATUS_PAGES:
            for _, entry, page in entries:
                sections = _sections(team, page)
                if sections:
                    entry[STATUS_PAGE_SECTIONS.key] = sections
        setattr(config, kind.key, [entry for _, entry, _ in entries])
    check(config)
    return config


def _entry(team: Team, kind: Kind, obj: Any) -> Entry:
    """A live resource as an entry: extras and identity, then fields holding more than a default."""
    current = team.entry(kind, obj)
    keep = {*kind.extra, kind.identity}
    return {
        name: value
        for name, value in current.items()
        if name in keep or (name in kind.exported and not kind.is_default(name, value))
    }


def _sections(team: Team, page: Any) -> list[Entry]:
    """A page's sections in order, each with its resources in order."""
    sections = sorted(team.sections.get(page.id, []), key=_position)
    resources = sorted(team.resources.get(page.id, []), key=_position)
    _unique(team, STATUS_PAGE_SECTIONS, sections, page)
    _unique(team, STATUS_PAGE_RESOURCES, resources, page)
    placed: dict[str, list[Entry]] = {}
    for resource in resources:
        section_id = resource.__dict__["_original_values"].get("status_page_section_id")
        # A resource in no section (or one unknown) shows in the first: the API puts it there.
        known = section_id is not None and any(section.id == str(section_id) for section in sections)
        home = str(section_id) if known else (sections[0].id if sections else "")
        placed.setdefault(home, []).append(_entry(team, STATUS_PAGE_RESOURCES, resource))
    written = []
    for section in sections:
        entry = _entry(team, STATUS_PAGE_SECTIONS, section)
        if section.id in placed:
            entry[STATUS_PAGE_RESOURCES.key] = placed[section.id]
        written.append(entry)
    return written


def _position(obj: Any) -> tuple[bool, int, int]:
    """Sections and resources by position, those without one last, then by id (creation order)."""
    position = obj.__dict__["_original_values"].get("position")
    numeric = isinstance(position, int) and not isinstance(position, bool)
    ident = int(obj.id) if str(obj.id).isdigit() else 0
    return (not numeric, position if numeric else 0, ident)


def _sort_key(identity: Any) -> tuple[str, ...]:
    parts = identity if isinstance(identity, tuple) else (identity,)
    return tuple(str(part).casefold() for part in parts)


def _unique(team: Team, kind: Kind, objects: list[Any], page: Any = None) -> None:
    """Refuse to export two resources a file could not tell apart."""
    seen: dict[Any, Any] = {}
    for obj in objects:
        identity = team.identity(kind, obj)
        first = seen.setdefault(identity, obj)
        if first is not obj:
            within = f" on status page {team.identity(STATUS_PAGES, page)!r}" if page is not None else ""
            raise ConfigError(
                f"{SOURCE}: {kind.name} {kind.label(identity)!r}{within} names two resources (ids {first.id} and "
                f"{obj.id}); give each a name of its own ({kind.identity or 'what it shows'}) and export again"
            )
