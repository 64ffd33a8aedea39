"""`plan`: the changes that make the team match a configuration, worked out with GETs only.

Each entry is matched to a live resource by its identity. No match is a create; a match is an
update of the fields that differ, compared in file form (references by name, values the API
rewrites as it returns them); a live resource of a kind the file lists that no entry matches is
a delete, with `prune=True` only. A field the file leaves out is compared only when the kind
knows what leaving it out means (`paused: false`, no group); otherwise the team's value stands.
Write-only fields (passwords) are never compared, so never shown.

Before reading anything the file is checked; before comparing, every name it uses must be in
the file or in the team, and every value must be one the API's schema takes: the errors name
the file and line.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

from .._errors import ValidationError
from .._kind import kind_of
from .._validation import check_body
from ._errors import ConfigError
from ._file import Config, Entry, check, walk
from ._kinds import (
    KINDS,
    LOOKUPS,
    METADATA,
    SHOWN,
    STATUS_PAGE_RESOURCES,
    STATUS_PAGE_SECTIONS,
    STATUS_PAGES,
    Kind,
    owner_key,
    same,
    shown_key,
)
from ._lines import Path
from ._team import Key, Team

if TYPE_CHECKING:
    from .._client import PaginatedAPI

Action = Literal["create", "update", "delete"]
"""What a change does to one resource."""

_SIGNS: dict[str, str] = {"create": "+", "update": "~", "delete": "-"}
_LONGEST_VALUE = 80
# Text shown without quotes: words (letters, digits, `.` `/` `:` `@` `-` `_` `+`) between single spaces.
_WORDS = re.compile(r"[\w./:@+-]+(?: [\w./:@+-]+)*")
_RANK: dict[str, int] = {kind.name: index for index, kind in enumerate(KINDS)}


@dataclass
class Change:
    """One change of a plan: create, update or delete one resource.

    Attributes:
        kind: The kind of resource (`monitor`, `status_page_section`, ...).
        name: The resource as the file names it (`Homepage`; `example: Website` for a section
            of the status page `example`).
        action: `create`, `update` or `delete`.
        fields: For each field, `(old, new)` in file form: old is None on create, new None on
            delete; an update holds only the fields that change. Write-only fields never appear.
    """

    kind: str
    name: str
    action: Action
    fields: dict[str, tuple[Any, Any]] = field(default_factory=dict)
    # What apply needs: how the resource is known, the entry as the file holds it (write-only
    # fields too), the live object and where in the file it came from.
    _key: Key | None = field(default=None, repr=False, compare=False)
    _entry: Entry | None = field(default=None, repr=False, compare=False)
    _live: Any = field(default=None, repr=False, compare=False)

    def render(self) -> str:
        """The change as one line: `+ monitor Homepage`, `~ monitor Homepage: check_frequency 30 → 60`."""
        line = f"{_SIGNS[self.action]} {self.kind} {self.name}"
        if self.action == "update":
            line += ": " + ", ".join(
                f"{name} {_shown(old)} → {_shown(new)}" for name, (old, new) in self.fields.items()
            )
        return line


def _shown(value: Any) -> str:
    """A value in a plan's line: plain words as they are, anything else (and text reading as a number,
    `true` or `null`) as JSON; cut short past 80 characters."""
    plain = isinstance(value, str) and _WORDS.fullmatch(value) is not None
    if plain:
        try:
            json.loads(value)
        except ValueError:
            pass
        else:
            plain = False
    text = value if plain else json.dumps(value, ensure_ascii=False, separators=(", ", ": "))
    return text if len(text) <= _LONGEST_VALUE else text[: _LONGEST_VALUE - 3] + "..."


@dataclass
class Plan:
    """The changes `apply` makes, in the order it makes them.

    Creates and updates come first in dependency order (urgencies, escalation policies, groups,
    monitors and heartbeats, status pages, their sections, their resources, metadata), then
    deletes in the reverse order.

    Attributes:
        changes: The changes, in order.
        prune: Whether deletes were planned (`plan(..., prune=True)`).
    """

    changes: list[Change] = field(default_factory=list)
    prune: bool = False
    # The team as the plan read it: ids by name, extended by apply as it creates.
    _team: Team | None = field(default=None, repr=False, compare=False)
    # Whether apply has run it: a plan describes the team as it was, so it is applied once.
    _applied: bool = field(default=False, repr=False, compare=False)

    @property
    def is_empty(self) -> bool:
        """Whether the team already matches the file: nothing to create, update or delete."""
        return not self.changes

    def counts(self) -> dict[Action, int]:
        """How many changes of each action."""
        counts: dict[Action, int] = {"create": 0, "update": 0, "delete": 0}
        for change in self.changes:
            counts[change.action] += 1
        return counts

    def summary(self) -> str:
        """`3 to create, 1 to update, 0 to delete`."""
        counts = self.counts()
        return f"{counts['create']} to create, {counts['update']} to update, {counts['delete']} to delete"

    def render(self) -> str:
        """One line per change (see `Change.render`), then the summary line."""
        return "\n".join([*(change.render() for change in self.changes), self.summary()])


def plan(api: PaginatedAPI, config: Config, *, prune: bool = False) -> Plan:
    """The changes that make the team match `config`; only GET requests are sent.

    Args:
        api: The client of the team.
        config: The configuration (`load(path)`, `loads(text)` or `export(api)`).
        prune: Also delete the resources of the kinds `config` lists that it does not have.
            Kinds it does not list are never touched.

    Returns:
        The plan: pass it to `apply`, or show `plan.render()`.

    Raises:
        ConfigError: The configuration names something neither it nor the team has, holds a
            value the API would refuse, matches more than one resource of the team, or has
            policies that name each other before either exists; the message names the line.
        BetterStackError: Reading the team failed (`APIError`, `APIConnectionError`, ...).
    """
    check(config)
    team = Team(api)
    team.read(_needed(config))
    team.read_lookups()
    planner = _Planner(config, team, prune)
    return Plan(planner.changes(), prune, team)


def _needed(config: Config) -> set[str]:
    """The kinds to read: those the file manages, those they name, and those the file names."""
    needed = {kind.name for kind in config.managed}
    for kind in config.managed:  # their references read as names, even left out of the file
        needed |= {target for target in kind.targets if target not in LOOKUPS}
    for kind, entry, _, _ in walk(config):
        needed.update(target for _, target, value in _references(kind, entry) if not isinstance(value, int))
    return needed


def _references(kind: Kind, entry: Entry) -> Iterable[tuple[Path, str, Any]]:
    """Every name an entry uses: `(path below the entry, kind named, name)`."""
    for below, _, target, value in kind.references_of(entry):
        yield below, target, value
    shown = shown_key(entry) if kind is STATUS_PAGE_RESOURCES else None
    if shown is not None:
        yield (shown,), shown, entry[shown]
    owner = owner_key(entry) if kind is METADATA else None
    if owner is not None:
        yield ("owner", owner), owner, entry["owner"][owner]


class _Planner:
    """The comparison of one configuration with one team."""

    def __init__(self, config: Config, team: Team, prune: bool) -> None:
        self.config = config
        self.team = team
        self.prune = prune
        self.creates: dict[str, list[Change]] = {}
        self.updates: dict[str, list[Change]] = {}
        self.deletes: dict[str, list[Change]] = {}
        # The identities each top-level kind has in the file, ids the team knows already as names.
        self.listed: dict[str, set[Any]] = {}
        for kind in config.managed:
            self.listed[kind.name] = {
                kind.identity_of(self._canon(kind, entry)) for entry in config.entries(kind) or []
            }

    def changes(self) -> list[Change]:
        """Every change, in the order apply makes them."""
        self._check_references()
        for kind in self.config.managed:
            entries = self.config.entries(kind) or []
            desired: list[tuple[Entry, Path]] = [
                (self._canon(kind, entry), (kind.key, index)) for index, entry in enumerate(entries)
            ]
            matched = self._compare(kind, desired, self.team.objects.get(kind.name, []), None)
            if kind is STATUS_PAGES:
                self._compare_children(matched)
        ordered: list[Change] = []
        for kind in (*self.config.managed, STATUS_PAGE_SECTIONS, STATUS_PAGE_RESOURCES):
            ordered += self._in_order(kind, self.creates.get(kind.name, []))
            ordered += self.updates.get(kind.name, [])
        ordered = sorted(ordered, key=lambda change: _rank(change.kind))  # stable: file order within a kind
        deletes = [
            change
            for kind in reversed(KINDS)
            for change in self._deletes_in_order(kind, self.deletes.get(kind.name, []))
        ]
        return ordered + deletes

    # Entries --------------------------------------------------------------------------------

    def _canon(self, kind: Kind, entry: Entry) -> Entry:
        """An entry in the form live resources are read in, to compare: ids the team knows as names."""
        names = self.team.name_of
        canon: Entry = {}
        for name, value in entry.items():
            codec = kind.field_codecs.get(name)
            if codec is not None:
                canon[name] = codec.canon(value, names)
            elif kind is STATUS_PAGE_RESOURCES and name in SHOWN and isinstance(value, int):
                canon[name] = names(name, value)
            elif kind is METADATA and name == "owner" and isinstance(value, dict):
                canon[name] = {key: names(key, item) if isinstance(item, int) else item for key, item in value.items()}
            else:
                canon[name] = value
        return canon

    def _where(self, path: Path) -> str:
        return self.config.where(path)

    def _check_references(self) -> None:
        for kind, entry, path, scope in walk(self.config):
            label = kind.label(kind.identity_of(self._canon(kind, entry)), scope)
            for below, target, value in _references(kind, entry):
                if isinstance(value, int) or value in self.listed.get(target, ()):
                    continue
                field_name = next(part for part in reversed(below) if isinstance(part, str))
                said = f"{self._where((*path, *below))}: {kind.name} {label!r} names {field_name} {value!r}"
                ids = self.team.ids.get((target, None, value), [])
                if not ids:
                    raise ConfigError(f"{said}, which the file and the team do not have")
                if len(ids) > 1:
                    raise ConfigError(
                        f"{said}, which {len(ids)} resources of the team are called (ids {', '.join(ids)}); "
                        "give them names of their own"
                    )
                if self.prune and target in self.listed:
                    raise ConfigError(
                        f"{said}, which the file does not list, so prune would delete it; add it to the file"
                    )

    # Comparing --------------------------------------------------------------------------------

    def _compare(
        self, kind: Kind, desired: list[tuple[Entry, Path]], live: list[Any], scope: Any
    ) -> list[tuple[Entry, Path, Any]]:
        """Changes for one kind (within one page for sections and resources); returns each entry with its match."""
        index: dict[Any, list[Any]] = {}
        for obj in live:
            index.setdefault(self.team.identity(kind, obj), []).append(obj)
        matched: list[tuple[Entry, Path, Any]] = []
        wanted = set()
        for entry, path in desired:
            identity = kind.identity_of(entry)
            wanted.add(identity)
            label = kind.label(identity, scope)
            key: Key = (kind.name, scope, identity)
            found = index.get(identity, [])
            if len(found) > 1:
                ids = ", ".join(str(obj.id) for obj in found)
                raise ConfigError(
                    f"{self._where(path)}: {kind.name} {label!r} matches {len(found)} resources of the team "
                    f"(ids {ids}); give them names of their own"
                )
            if not found:
                shown = {
                    name: (None, value)
                    for name, value in entry.items()
                    if name in kind.field_codecs and name not in kind.write_only
                }
                self._check_body(kind, kind.create, kind.create_body(entry, _placeholder), entry, path, label)
                change = Change(kind.name, label, "create", shown, key, entry)
                self.creates.setdefault(kind.name, []).append(change)
                matched.append((entry, path, None))
                continue
            obj = found[0]
            matched.append((entry, path, obj))
            differences = self._differences(kind, entry, self.team.entry(kind, obj))
            if differences:
                new = {name: new for name, (_, new) in differences.items()}
                if kind.update is None or kind.update == kind.create:  # an upsert takes the whole entry
                    body = kind.create_body(entry, _placeholder)
                else:
                    body = kind.wire(new, {}, _placeholder)
                self._check_body(kind, kind.update or kind.create, body, entry, path, label)
                self.updates.setdefault(kind.name, []).append(
                    Change(kind.name, label, "update", differences, key, entry, obj)
                )
        if self.prune:
            for identity, objects in index.items():
                if identity in wanted:
                    continue
                for obj in objects:
                    current = self.team.entry(kind, obj)
                    shown = {
                        name: (current[name], None)
                        for name in kind.exported
                        if not kind.is_default(name, current[name])
                    }
                    change = Change(
                        kind.name, kind.label(identity, scope), "delete", shown, (kind.name, scope, identity), None, obj
                    )
                    self.deletes.setdefault(kind.name, []).append(change)
        return matched

    @staticmethod
    def _differences(kind: Kind, entry: Entry, current: Mapping[str, Any]) -> dict[str, tuple[Any, Any]]:
        """`(old, new)` of each compared field that differs; a field left out counts only if it has a default."""
        differences = {}
        for name in kind.compared:
            if name in entry:
                want = entry[name]
            elif name in kind.defaults:
                want = kind.defaults[name]
            else:
                continue
            have = current.get(name)
            if not same(want, have):
                differences[name] = (have, want)
        return differences

    def _compare_children(self, pages: list[tuple[Entry, Path, Any]]) -> None:
        """Sections and resources of the pages whose entries list `sections`."""
        children = STATUS_PAGES.children
        assert children is not None
        listed = [(entry, path, page) for entry, path, page in pages if children in entry]
        self.team.read_children(page for _, _, page in listed if page is not None)
        for entry, path, page in listed:
            scope = STATUS_PAGES.identity_of(entry)
            sections: list[tuple[Entry, Path]] = []
            resources: list[tuple[Entry, Path]] = []
            for number, section in enumerate(entry[children]):
                below = (*path, children, number)
                sections.append((self._canon(STATUS_PAGE_SECTIONS, section), below))
                for item, resource in enumerate(section.get(STATUS_PAGE_RESOURCES.key) or []):
                    placed = {**resource, "section": section.get("name")}
                    resources.append(
                        (self._canon(STATUS_PAGE_RESOURCES, placed), (*below, STATUS_PAGE_RESOURCES.key, item))
                    )
            live_sections = self.team.sections.get(page.id, []) if page is not None else []
            live_resources = self.team.resources.get(page.id, []) if page is not None else []
            self._compare(STATUS_PAGE_SECTIONS, sections, live_sections, scope)
            self._compare(STATUS_PAGE_RESOURCES, resources, live_resources, scope)

    # Checks -----------------------------------------------------------------------------------

    def _check_body(
        self, kind: Kind, operation: str, body: dict[str, Any], entry: Entry, path: Path, label: str
    ) -> None:
        """Check a body against the operation's schema before anything is sent.

        Raises:
            ConfigError: A value the API would refuse, at the line of the field it is in.
        """
        try:
            check_body(operation, body, secrets=kind_of(kind.cls).secrets)
        except ValidationError as error:
            problems = str(error).removeprefix(f"{operation}: ").removesuffix(" (nothing was sent)")
            first = problems.split(" ", 1)[0].split(".", 1)[0].split("[", 1)[0]
            named = next(
                (name for name, codec in kind.field_codecs.items() if codec.wire == first and name in entry), None
            )
            where = self._where((*path, named) if named else path)
            raise ConfigError(f"{where}: {kind.name} {label!r}: {problems}") from None

    def _in_order(self, kind: Kind, creates: list[Change]) -> list[Change]:
        """Creates of one kind, each after those of the same kind it names (a policy branching to another).

        Raises:
            ConfigError: New entries name each other (or themselves): none can be created first.
        """
        ordered = _by_references(kind, creates, lambda change: change._entry or {}, referrers_first=False)
        if ordered is None:
            names = ", ".join(repr(change.name) for change in creates)
            raise ConfigError(
                f"{self.config.source}: the new {kind.name} entries {names} name each other (or themselves); "
                "none can be created first: create one without the reference, then add it"
            )
        return ordered

    def _deletes_in_order(self, kind: Kind, deletes: list[Change]) -> list[Change]:
        """Deletes of one kind, each before those of the same kind it names (a branching policy first)."""
        ordered = _by_references(
            kind, deletes, lambda change: self.team.entry(kind, change._live), referrers_first=True
        )
        return deletes if ordered is None else ordered


def _by_references(
    kind: Kind, changes: list[Change], entry_of: Callable[[Change], Mapping[str, Any]], *, referrers_first: bool
) -> list[Change] | None:
    """`changes` of one kind in the order their references to each other ask, else as given; None for a cycle.

    A change comes after those it names, or with `referrers_first` before them.
    """
    pending = {change.name: change for change in changes}
    names: dict[str, set[str]] = {
        change.name: {
            value
            for _, _, target, value in kind.references_of(entry_of(change))
            if target == kind.name and value in pending
        }
        for change in changes
    }
    waits = names
    if referrers_first:
        waits = {name: {other for other, named in names.items() if name in named} for name in names}
    ordered: list[Change] = []
    while pending:
        ready = [name for name in pending if not waits[name] & pending.keys()]
        if not ready:
            return None
        ordered += [pending.pop(name) for name in ready]
    return ordered


def _placeholder(kind: str, name: Any) -> Any:
    """An id standing for a name while bodies are checked: what it names is checked apart."""
    return 1


def _rank(kind: str) -> int:
    return _RANK[kind]
