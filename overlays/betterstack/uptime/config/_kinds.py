"""The kinds of resource a configuration manages: what each is, how it is named, read and written.

`KINDS` lists them in dependency order, the order `apply` creates and updates in (deletes run in
reverse): urgencies, escalation policies, monitor and heartbeat groups, monitors and heartbeats,
status pages, their sections and resources, metadata. For each kind the table says:

- the object class and the operations whose body fields the file holds (`create`, `update`);
- the identity: the field an entry is matched to a live resource by (`pronounceable_name` for
  monitors, `subdomain` for status pages, `name` for the rest; a status page resource by what
  it shows, metadata by owner and key);
- references: `*_id` body fields held in the file as the named key without `_id`, naming the
  target by its identity (`monitor_group: Storefront`); an integer names an id the file cannot
  name (a resource of another kind the file does not manage);
- defaults: fields compared even when the file leaves them out, with the value leaving them
  out stands for (`paused: false`, a reference to nothing);
- codecs: fields the API returns in another form than it takes (a monitor's `paused` shows as
  `paused_at`, request headers carry ids, policy steps name urgencies by id, `http_method`
  comes back in lower case).

Read-only fields (`id`, `status`, `created_at`, ...) are whatever the bodies do not take; write-only
fields are those the class keeps secret or never reads back (`auth_password`, a status page's
`password`): never exported, never shown as a difference, sent only on create. `team_name` ties a
resource to one team, so it is neither exported nor compared, and is sent only on create.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import cache, cached_property
from typing import Any, Protocol

from .._base import BaseAPIObject
from .._kind import kind_of
from .._spec import resolve, spec
from .._validation import body_properties
from ..objects.heartbeats import Heartbeat, HeartbeatGroup
from ..objects.metadata import Metadata
from ..objects.monitors import Monitor, MonitorGroup
from ..objects.policies import EscalationPolicy, PolicyGroup, Urgency, UrgencyGroup
from ..objects.status_pages import StatusPage, StatusPageGroup, StatusPageResource, StatusPageSection
from ._lines import Path

Names = Callable[[str, Any], Any]
"""`names(kind, id)`: the identity of the live resource of `kind` with that id, or the id as an
integer when there is none (a reference the file cannot name)."""

Ids = Callable[[str, Any], Any]
"""`ids(kind, identity)`: the id of the resource of `kind` so named (an integer passes through)."""

Found = tuple[Path, str, Any]
"""A reference an entry makes: where (below the field), the kind it names and the name."""

TEAM_NAME = "team_name"
"""The field naming the team a resource is created in: sent on create only, never exported."""


def empty(value: Any) -> bool:
    """Whether `value` says nothing: None, or an empty list, dict or string."""
    return value is None or (isinstance(value, list | dict | str) and not value)


def as_id(value: Any) -> Any:
    """An id as the bodies take it: an integer when it is one, else the text."""
    if isinstance(value, str) and value.isascii() and value.isdigit():
        return int(value)
    return value


# Codecs ---------------------------------------------------------------------------------------


class Codec(Protocol):
    """How one file field reads from the API's attributes and goes back into a body."""

    @property
    def wire(self) -> str:
        """The body field it is written to."""
        ...

    @property
    def targets(self) -> tuple[str, ...]:
        """The kinds its values name (read to compare them by name)."""
        ...

    def read(self, attributes: Mapping[str, Any], names: Names) -> Any:
        """The field's value in file form, from a live resource's attributes."""
        ...

    def canon(self, value: Any, names: Names) -> Any:
        """A value from the file in the form `read` gives, so the two compare (ids known by name as names)."""
        ...

    def write(self, value: Any, snapshot: Mapping[str, Any], ids: Ids) -> Any:
        """The body value for a file value; `snapshot` is the live resource's attributes (or empty)."""
        ...

    def references(self, value: Any) -> Iterator[Found]:
        """The references a file value makes."""
        ...


@dataclass(frozen=True)
class Plain:
    """A field the file holds as the API takes it; values in another letter case compare as documented."""

    wire: str
    spellings: Mapping[str, str] = field(default_factory=dict)
    targets: tuple[str, ...] = ()

    def read(self, attributes: Mapping[str, Any], names: Names) -> Any:
        """The attribute, in its documented spelling."""
        return self.canon(attributes.get(self.wire), names)

    def canon(self, value: Any, names: Names) -> Any:
        """The documented spelling of a value the API takes in any letter case (`GET` is `get`)."""
        if isinstance(value, str) and self.spellings:
            return self.spellings.get(value.casefold(), value)
        return value

    def write(self, value: Any, snapshot: Mapping[str, Any], ids: Ids) -> Any:
        """The value as it is."""
        return value

    def references(self, value: Any) -> Iterator[Found]:
        """None."""
        return iter(())


@dataclass(frozen=True)
class Reference:
    """A `*_id` field held as the named key without `_id`: `monitor_group: Storefront`.

    `scoped` references name a resource within the entry's parent (a resource's section).
    """

    field: str
    wire: str
    target: str
    scoped: bool = False

    @property
    def targets(self) -> tuple[str, ...]:
        """The kind it names; none for a scoped reference, which names what the entry is nested in."""
        return () if self.scoped else (self.target,)

    def read(self, attributes: Mapping[str, Any], names: Names) -> Any:
        """The identity of the resource the id names (its id, as an integer, when unknown)."""
        value = attributes.get(self.wire)
        return None if value is None else names(self.target, value)

    def canon(self, value: Any, names: Names) -> Any:
        """The name as written; an id the team knows by a name, as that name."""
        return names(self.target, value) if isinstance(value, int) and not isinstance(value, bool) else value

    def write(self, value: Any, snapshot: Mapping[str, Any], ids: Ids) -> Any:
        """The id of the resource named (None stays None)."""
        return None if value is None else ids(self.target, value)

    def references(self, value: Any) -> Iterator[Found]:
        """The name, unless empty or an id."""
        if value is not None and not isinstance(value, int):
            yield (), self.target, value


@dataclass(frozen=True)
class Paused(Plain):
    """`paused`: taken as a switch; a monitor or heartbeat returns it as `paused_at`, a group as is."""

    wire: str = "paused"

    def read(self, attributes: Mapping[str, Any], names: Names) -> Any:
        """Whether the resource is paused."""
        return attributes.get("paused_at") is not None or attributes.get("paused") is True


@dataclass(frozen=True)
class NameOrUrl(Plain):
    """A monitor's `pronounceable_name`, its URL when it has none (as export writes it)."""

    wire: str = "pronounceable_name"

    def read(self, attributes: Mapping[str, Any], names: Names) -> Any:
        """The name, or the URL."""
        return attributes.get("pronounceable_name") or attributes.get("url")


@dataclass(frozen=True)
class Headers:
    """A monitor's `request_headers`: `[{name, value}]` in the file; the API adds an id to each.

    On update a header keeps the id of the live header of the same name, so the API changes it
    rather than adding one; the object layer sends `_destroy` items for those left out.
    """

    wire: str = "request_headers"
    targets: tuple[str, ...] = ()

    def read(self, attributes: Mapping[str, Any], names: Names) -> Any:
        """The headers without their ids."""
        return self.canon(attributes.get(self.wire), names)

    def canon(self, value: Any, names: Names) -> Any:
        """Each header as `{name, value}`."""
        if not isinstance(value, list):
            return value
        return [
            {key: header[key] for key in ("name", "value") if key in header} if isinstance(header, dict) else header
            for header in value
        ]

    def write(self, value: Any, snapshot: Mapping[str, Any], ids: Ids) -> Any:
        """The headers, each with the id of the live header of its name."""
        if not isinstance(value, list):
            return value
        live = {
            header.get("name"): header.get("id")
            for header in snapshot.get(self.wire) or []
            if isinstance(header, dict) and header.get("id") is not None
        }
        written = []
        for header in value:
            item = dict(header)
            if item.get("name") in live:
                item["id"] = live.pop(item["name"])
            written.append(item)
        return written

    def references(self, value: Any) -> Iterator[Found]:
        """None."""
        return iter(())


@dataclass(frozen=True)
class Steps:
    """An escalation policy's `steps`: urgencies and policies named, not numbered.

    In the file a step names its urgency (`urgency: High`) and the policy a branch runs
    (`policy: Weekend`). Members keep the API's ids (users, calendars, teams and integrations
    are not in files), but a `user` member with an e-mail is written without its id, which
    differs between teams. Keys the API sends as null, and `wait_before: 0` (what the API takes
    when it is left out), are left out.
    """

    wire: str = "steps"
    targets: tuple[str, ...] = ("urgency", "escalation_policy")

    def read(self, attributes: Mapping[str, Any], names: Names) -> Any:
        """The steps in file form."""
        steps = attributes.get(self.wire)
        if not isinstance(steps, list):
            return steps
        return [self._step(step, names) if isinstance(step, dict) else step for step in steps]

    def _step(self, step: Mapping[str, Any], names: Names) -> dict[str, Any]:
        written: dict[str, Any] = {}
        order = _step_order()
        for key, value in sorted(step.items(), key=lambda item: order.get(item[0].removesuffix("_id"), len(order))):
            if value is None or (key == "wait_before" and value == 0):
                continue
            if key in ("urgency_id", "policy_id", "urgency", "policy"):
                target = "urgency" if key.startswith("urgency") else "escalation_policy"
                named = isinstance(value, str) and not key.endswith("_id")
                written[key.removesuffix("_id")] = value if named else names(target, value)
            elif key == "step_members" and isinstance(value, list):
                written[key] = [self._member(member) if isinstance(member, dict) else member for member in value]
            else:
                written[key] = value
        return written

    @staticmethod
    def _member(member: Mapping[str, Any]) -> dict[str, Any]:
        written = {key: value for key, value in member.items() if value is not None}
        if written.get("type") == "user" and written.get("email"):
            written.pop("id", None)
        return written

    def canon(self, value: Any, names: Names) -> Any:
        """The steps as `read` gives them: nulls and `wait_before: 0` left out, known ids as names."""
        if not isinstance(value, list):
            return value
        return [self._step(step, names) if isinstance(step, dict) else step for step in value]

    def write(self, value: Any, snapshot: Mapping[str, Any], ids: Ids) -> Any:
        """The steps with ids for the urgencies and policies they name."""
        if not isinstance(value, list):
            return value
        written = []
        for step in value:
            item: dict[str, Any] = {}
            for key, each in step.items():
                if key in ("urgency", "policy"):
                    item[f"{key}_id"] = ids("urgency" if key == "urgency" else "escalation_policy", each)
                else:
                    item[key] = each
            written.append(item)
        return written

    def references(self, value: Any) -> Iterator[Found]:
        """The urgencies and policies the steps name."""
        if not isinstance(value, list):
            return
        for index, step in enumerate(value):
            if not isinstance(step, dict):
                continue
            for key, target in (("urgency", "urgency"), ("policy", "escalation_policy")):
                if isinstance(step.get(key), str):
                    yield (index, key), target, step[key]


@cache
def _step_order() -> dict[str, int]:
    """The position of each step key in the spec's `PolicyStep` (`urgency` for `urgency_id`), for a stable order."""
    properties = spec()["components"]["schemas"]["PolicyStep"]["properties"]
    return {name.removesuffix("_id"): index for index, name in enumerate(properties)}


# Kinds ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Lookup:
    """A kind the file names but does not manage (policy groups, ...): read to resolve names."""

    name: str
    cls: type[BaseAPIObject]
    identity: str = "name"


LOOKUPS: dict[str, Lookup] = {
    lookup.name: lookup
    for lookup in (
        Lookup("policy_group", PolicyGroup),
        Lookup("urgency_group", UrgencyGroup),
        Lookup("status_page_group", StatusPageGroup),
    )
}
"""Kinds named by references but never created, changed or deleted by a configuration."""


@dataclass(frozen=True)
class Kind:
    """One kind of resource a configuration manages.

    Attributes:
        name: The kind as plans name it (`monitor`, `status_page_section`).
        key: The list's key in the file (`monitors`; `sections` within a status page).
        cls: The object class.
        identity: The field naming an entry, matched to the live resource's; None for status
            page resources, matched by what they show (`monitor: Homepage`).
        writes: The operations creating and updating entries, when they are not the object
            class's create and update (metadata is upserted).
        references: Fields naming other resources.
        codecs: Fields read or written in another form than the API's (see `Codec`).
        defaults: Fields compared when left out, with the value leaving them out stands for.
        hidden: Body fields the file does not hold (what nesting or another key says instead).
        extra: File keys beside the body's fields (`monitor` of a status page resource).
        parent: The kind an entry is nested in.
        children: The key of the kind nested in each entry (`sections`).
        identify: The identity of an entry in file form, when it is more than the `identity` field.
        read_extra: The `extra` keys of a live resource in file form, from its attributes.
        describe: An identity as plans and messages show it (`monitor Homepage: team`).
        write_extra: The body fields the `extra` keys of an entry stand for, on create.
    """

    name: str
    key: str
    cls: type[BaseAPIObject]
    identity: str | None
    references: tuple[Reference, ...] = ()
    codecs: Mapping[str, Codec] = field(default_factory=dict)
    defaults: Mapping[str, Any] = field(default_factory=dict)
    hidden: frozenset[str] = frozenset()
    extra: tuple[str, ...] = ()
    parent: str | None = None
    children: str | None = None
    identify: Callable[[Mapping[str, Any]], Any] | None = None
    read_extra: Callable[[Mapping[str, Any], Names], dict[str, Any]] | None = None
    describe: Callable[[Any], str] = str
    write_extra: Callable[[Mapping[str, Any], Ids], dict[str, Any]] | None = None
    writes: tuple[str, str] | None = None

    @cached_property
    def create(self) -> str:
        """The create operation, whose body fields the file holds."""
        return self.writes[0] if self.writes else kind_of(self.cls).operation("create").name

    @cached_property
    def update(self) -> str | None:
        """The update operation, if the API has one."""
        if self.writes:
            return self.writes[1]
        update = kind_of(self.cls).operations.update
        return None if update is None else update.name

    @cached_property
    def body(self) -> tuple[str, ...]:
        """The body fields of create and update, create's first, in the spec's order."""
        create = list(body_properties(self.create))
        update = list(body_properties(self.update)) if self.update else []
        return tuple(dict.fromkeys([*create, *update]))

    @cached_property
    def field_codecs(self) -> dict[str, Codec]:
        """A codec for each file field from the body, by file name, in the body's order."""
        by_wire: dict[str, Codec] = {reference.wire: reference for reference in self.references}
        by_wire.update({codec.wire: codec for codec in self.codecs.values()})
        named = {codec.wire: name for name, codec in self.codecs.items()}
        named.update({reference.wire: reference.field for reference in self.references})
        codecs: dict[str, Codec] = {}
        for wire in self.body:
            if wire in self.hidden:
                continue
            codecs[named.get(wire, wire)] = by_wire.get(wire) or Plain(wire, _spellings(self.create, wire))
        for reference in self.references:  # references the file holds that no body field is
            codecs.setdefault(reference.field, reference)
        return codecs

    @cached_property
    def targets(self) -> frozenset[str]:
        """The kinds its fields name (a plan reads them, to compare the team's ids as names)."""
        return frozenset(target for codec in self.field_codecs.values() for target in codec.targets)

    @cached_property
    def fields(self) -> tuple[str, ...]:
        """Every key an entry may hold, in the order export writes them: extras, identity, body fields, children."""
        hidden = self.scoped
        first = [self.identity] if self.identity else []
        names = [*self.extra, *first, *(name for name in self.field_codecs if name not in hidden)]
        if self.children:
            names.append(self.children)
        return tuple(dict.fromkeys(names))

    @cached_property
    def write_only(self) -> frozenset[str]:
        """File fields never exported nor compared: secrets, and fields the API never returns."""
        create = body_properties(self.create)
        found = set()
        for name, codec in self.field_codecs.items():
            schema = create.get(codec.wire) or body_properties(self.update or self.create).get(codec.wire) or {}
            returned = codec.wire in kind_of(self.cls).field_set
            if codec.wire in kind_of(self.cls).secrets or not returned or resolve(schema).get("writeOnly"):
                found.add(name)
        return frozenset(found)

    @cached_property
    def read_only(self) -> frozenset[str]:
        """Attributes the API returns but no body takes (`id`, `status`, `created_at`, ...): never in a file."""
        taken = set(self.body)
        return frozenset({"id", *(name for name in kind_of(self.cls).fields if name not in taken)})

    @cached_property
    def create_only(self) -> frozenset[str]:
        """File fields the update operation does not take (`team_name`, ...): sent on create only."""
        update = set(body_properties(self.update)) if self.update else set()
        return frozenset(name for name, codec in self.field_codecs.items() if codec.wire not in update)

    @cached_property
    def scoped(self) -> frozenset[str]:
        """Reference fields the file says by nesting (a resource's section), never written as keys."""
        return frozenset(reference.field for reference in self.references if reference.scoped)

    @cached_property
    def compared(self) -> tuple[str, ...]:
        """The fields a plan compares, in the file's order."""
        skipped = self.write_only | self.create_only | {self.identity, TEAM_NAME}
        return tuple(name for name in self.field_codecs if name not in skipped)

    @cached_property
    def exported(self) -> tuple[str, ...]:
        """The fields an export writes (when they hold more than a default): compared, and create-only."""
        skipped = self.write_only | {self.identity, TEAM_NAME} | self.scoped
        return tuple(name for name in self.field_codecs if name not in skipped)

    @cached_property
    def readable(self) -> tuple[str, ...]:
        """The fields a live resource is read with: all but the identity and write-only fields."""
        return tuple(name for name in self.field_codecs if name not in self.write_only and name != self.identity)

    def read(self, attributes: Mapping[str, Any], names: Names) -> dict[str, Any]:
        """A live resource in file form: its extras and identity, then every readable field (empty ones too)."""
        codecs = self.field_codecs
        entry = self.read_extra(attributes, names) if self.read_extra else {}
        if self.identity:
            codec = codecs.get(self.identity)
            entry[self.identity] = codec.read(attributes, names) if codec else attributes.get(self.identity)
        entry.update((name, codecs[name].read(attributes, names)) for name in self.readable)
        return entry

    def wire(self, fields: Mapping[str, Any], snapshot: Mapping[str, Any], ids: Ids) -> dict[str, Any]:
        """A body from file fields (extras and children left out), against a live snapshot (or `{}`)."""
        codecs = self.field_codecs
        return {
            codecs[name].wire: codecs[name].write(value, snapshot, ids)
            for name, value in fields.items()
            if name in codecs
        }

    def create_body(self, entry: Mapping[str, Any], ids: Ids) -> dict[str, Any]:
        """The create body of an entry: its fields, write-only ones too, and what its extras stand for."""
        body = self.wire(entry, {}, ids)
        if self.write_extra is not None:
            body.update(self.write_extra(entry, ids))
        return body

    def label(self, identity: Any, scope: Any = None) -> str:
        """An entry as plans and messages name it: `Homepage`, `example: Website` (within its page)."""
        text = self.describe(identity)
        return text if scope is None else f"{scope}: {text}"

    def identity_of(self, entry: Mapping[str, Any]) -> Any:
        """What an entry (in file form, from the file or from `read`) is matched by."""
        if self.identify is not None:
            return self.identify(entry)
        return entry.get(self.identity) if self.identity else None

    def is_default(self, name: str, value: Any) -> bool:
        """Whether a field's value is what leaving it out gives, so export leaves it out."""
        if name in self.defaults:
            return same(value, self.defaults[name])
        return empty(value)

    def references_of(self, entry: Mapping[str, Any]) -> Iterator[tuple[Path, Reference | None, str, Any]]:
        """The references an entry makes: `(path below the entry, reference, target kind, name)`."""
        for name, codec in self.field_codecs.items():
            if name not in entry:
                continue
            for below, target, value in codec.references(entry[name]):
                reference = codec if isinstance(codec, Reference) else None
                yield (name, *below), reference, target, value


def _spellings(operation: str, wire: str) -> dict[str, str]:
    """Casefolded value -> documented value, for a field the API takes in any letter case (`x-case-variant`)."""
    schema = resolve(body_properties(operation).get(wire, {}))
    options = [resolve(option) for option in schema.get("anyOf", [])]
    if not any(option.get("x-case-variant") for option in options):
        return {}
    return {str(value).casefold(): str(value) for option in options for value in option.get("enum", [])}


def same(one: Any, other: Any) -> bool:
    """Whether two file values are equal, empty values alike, booleans never equal to numbers."""
    if empty(one) or empty(other):
        return empty(one) and empty(other)
    if isinstance(one, bool) or isinstance(other, bool):
        return type(one) is type(other) and one == other
    if isinstance(one, dict) and isinstance(other, dict):
        keys = {key for key, value in [*one.items(), *other.items()] if not empty(value)}
        return all(same(one.get(key), other.get(key)) for key in keys)
    if isinstance(one, list) and isinstance(other, list):
        return len(one) == len(other) and all(same(a, b) for a, b in zip(one, other, strict=True))
    if isinstance(one, int | float) and isinstance(other, int | float):
        return one == other
    return type(one) is type(other) and one == other


URGENCIES = Kind(
    "urgency",
    "urgencies",
    Urgency,
    "name",
    references=(Reference("urgency_group", "urgency_group_id", "urgency_group"),),
    defaults={"urgency_group": None},
)
ESCALATION_POLICIES = Kind(
    "escalation_policy",
    "escalation_policies",
    EscalationPolicy,
    "name",
    references=(
        Reference("policy_group", "policy_group_id", "policy_group"),
        Reference("fallback_policy", "fallback_policy_id", "escalation_policy"),
    ),
    codecs={"steps": Steps()},
    defaults={"policy_group": None, "fallback_policy": None},
)
MONITOR_GROUPS = Kind(
    "monitor_group",
    "monitor_groups",
    MonitorGroup,
    "name",
    codecs={"paused": Paused()},
    defaults={"paused": False},
)
HEARTBEAT_GROUPS = Kind(
    "heartbeat_group",
    "heartbeat_groups",
    HeartbeatGroup,
    "name",
    codecs={"paused": Paused()},
    defaults={"paused": False},
)


def _monitor_identity(entry: Mapping[str, Any]) -> Any:
    # A monitor without a name is written with its URL as the name, and matched by its URL.
    return entry.get("pronounceable_name") or entry.get("url")


MONITORS = Kind(
    "monitor",
    "monitors",
    Monitor,
    "pronounceable_name",
    references=(
        Reference("monitor_group", "monitor_group_id", "monitor_group"),
        Reference("policy", "policy_id", "escalation_policy"),
        Reference("expiration_policy", "expiration_policy_id", "escalation_policy"),
    ),
    codecs={"pronounceable_name": NameOrUrl(), "paused": Paused(), "request_headers": Headers()},
    defaults={"paused": False, "monitor_group": None, "policy": None, "expiration_policy": None},
    identify=_monitor_identity,
)
HEARTBEATS = Kind(
    "heartbeat",
    "heartbeats",
    Heartbeat,
    "name",
    references=(
        Reference("heartbeat_group", "heartbeat_group_id", "heartbeat_group"),
        Reference("policy", "policy_id", "escalation_policy"),
    ),
    codecs={"paused": Paused()},
    defaults={"paused": False, "heartbeat_group": None, "policy": None},
)
STATUS_PAGES = Kind(
    "status_page",
    "status_pages",
    StatusPage,
    "subdomain",
    references=(Reference("status_page_group", "status_page_group_id", "status_page_group"),),
    defaults={"status_page_group": None},
    children="sections",
)
STATUS_PAGE_SECTIONS = Kind(
    "status_page_section",
    "sections",
    StatusPageSection,
    "name",
    parent="status_page",
    children="resources",
)

SHOWN: dict[str, str] = {
    "monitor": "Monitor",
    "heartbeat": "Heartbeat",
    "monitor_group": "MonitorGroup",
    "heartbeat_group": "HeartbeatGroup",
}
"""The keys naming what a status page resource shows, and the `resource_type` of each."""


def _resource_identity(entry: Mapping[str, Any]) -> Any:
    """`(resource_type, what)`: what is the name or id shown, or the public name of a manual item."""
    key = shown_key(entry)
    if key is not None:
        return SHOWN[key], entry[key]
    shown = entry.get("resource_id")
    return entry.get("resource_type"), entry.get("public_name") if shown is None else shown


def _resource_extra(attributes: Mapping[str, Any], names: Names) -> dict[str, Any]:
    resource_type, resource_id = attributes.get("resource_type"), attributes.get("resource_id")
    key = next((key for key, shown in SHOWN.items() if shown == resource_type), None)
    if key is not None and resource_id is not None:
        return {key: names(key, resource_id)}
    extra: dict[str, Any] = {"resource_type": resource_type}
    if resource_id is not None:
        extra["resource_id"] = as_id(resource_id)
    return extra


def _resource_body(entry: Mapping[str, Any], ids: Ids) -> dict[str, Any]:
    key = shown_key(entry)
    if key is not None:
        return {"resource_type": SHOWN[key], "resource_id": ids(key, entry[key])}
    body = {"resource_type": entry.get("resource_type")}
    if entry.get("resource_id") is not None:
        body["resource_id"] = entry["resource_id"]
    return body


def _resource_label(identity: Any) -> str:
    resource_type, what = identity
    return f"{next((key for key, shown in SHOWN.items() if shown == resource_type), resource_type)} {what}"


STATUS_PAGE_RESOURCES = Kind(
    "status_page_resource",
    "resources",
    StatusPageResource,
    None,
    # The section is the one the resource is listed under; what it shows is its identity.
    references=(Reference("section", "status_page_section_id", "status_page_section", scoped=True),),
    hidden=frozenset({"resource_type", "resource_id"}),
    extra=(*SHOWN, "resource_type", "resource_id"),
    parent="status_page_section",
    identify=_resource_identity,
    read_extra=_resource_extra,
    describe=_resource_label,
    write_extra=_resource_body,
)

OWNERS: dict[str, str] = {"monitor": "Monitor", "heartbeat": "Heartbeat"}
"""The kinds whose metadata a configuration manages, and the `owner_type` of each."""


def owner_key(entry: Mapping[str, Any]) -> str | None:
    """The key naming a metadata entry's owner (`monitor`, `heartbeat`), if its `owner` has one."""
    owner = entry.get("owner")
    return next((key for key in OWNERS if key in owner), None) if isinstance(owner, dict) else None


def _metadata_identity(entry: Mapping[str, Any]) -> Any:
    key = owner_key(entry)
    return (key, entry["owner"][key] if key else None, entry.get("key"))


def _metadata_extra(attributes: Mapping[str, Any], names: Names) -> dict[str, Any]:
    key = next((key for key, owner in OWNERS.items() if owner == attributes.get("owner_type")), None)
    owner_id = attributes.get("owner_id")
    if key is None or owner_id is None:
        return {"owner": {}}
    return {"owner": {key: names(key, owner_id)}}


def _metadata_body(entry: Mapping[str, Any], ids: Ids) -> dict[str, Any]:
    key = owner_key(entry)
    assert key is not None  # checked as the file was loaded
    return {"owner_type": OWNERS[key], "owner_id": str(ids(key, entry["owner"][key]))}


def _metadata_label(identity: Any) -> str:
    owner, name, key = identity
    return f"{owner} {name}: {key}"


METADATA = Kind(
    "metadata",
    "metadata",
    Metadata,
    "key",
    writes=("upsert_metadata", "upsert_metadata"),
    hidden=frozenset({"owner_id", "owner_type", "mode"}),
    extra=("owner",),
    identify=_metadata_identity,
    read_extra=_metadata_extra,
    describe=_metadata_label,
    write_extra=_metadata_body,
)

KINDS: tuple[Kind, ...] = (
    URGENCIES,
    ESCALATION_POLICIES,
    MONITOR_GROUPS,
    HEARTBEAT_GROUPS,
    MONITORS,
    HEARTBEATS,
    STATUS_PAGES,
    STATUS_PAGE_SECTIONS,
    STATUS_PAGE_RESOURCES,
    METADATA,
)
"""Every kind, in the order apply creates and updates them."""

BY_NAME: dict[str, Kind] = {kind.name: kind for kind in KINDS}
"""The kinds by name (`monitor`)."""

TOP_LEVEL: tuple[Kind, ...] = tuple(kind for kind in KINDS if kind.parent is None)
"""The kinds listed at the top of a file, in the file's order."""


def top_level(key: str) -> Kind | None:
    """The kind a top-level key of the file lists, if any."""
    return next((kind for kind in TOP_LEVEL if kind.key == key), None)


def shown_key(entry: Mapping[str, Any]) -> str | None:
    """The key naming what a status page resource entry shows (`monitor`, ...), if any."""
    return next((key for key in SHOWN if key in entry), None)
