"""`Config`, the content of a configuration file, and reading and writing it (`load`, `loads`, `dump`).

A file holds `version: 1` and a list of entries for each kind it manages (`monitors`, ...); a
kind it leaves out is not managed at all. Entries hold fields as the API's create and update
bodies name them, references by name. Loading checks the shape of every entry (known keys, an
identity, no two entries with the same one) and remembers the line of every key, so the errors
found then and later (a name nothing has) say where: `monitors.yaml:14: ...`.
"""

from __future__ import annotations

import difflib
import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path as FilePath
from typing import Any, Literal

from ._errors import ConfigError
from ._kinds import OWNERS, SHOWN, STATUS_PAGE_RESOURCES, STATUS_PAGE_SECTIONS, TOP_LEVEL, Kind, top_level
from ._lines import Lines, Path, parse, yaml_module

SCHEMA_URL = "https://raw.githubusercontent.com/betterstack-sdk/betterstack-sdk/main/betterstack_sdk/config.schema.json"
"""The JSON Schema of the file (`betterstack_sdk/config.schema.json` in the package), for editors.

A YAML file's first line points at it: `# yaml-language-server: $schema=<SCHEMA_URL>`.
"""

VERSION = 1
"""The version of the file format this SDK reads and writes."""

SCHEMA_KEY = "$schema"
"""The top-level key of a JSON file naming its schema (JSON has no comments); written by `dump`, ignored when read."""

Entry = dict[str, Any]
"""One entry of a file: a resource's fields in file form."""


@dataclass
class Config:
    """What a configuration file holds: for each kind it manages, a list of entries.

    A kind left as None is not managed: a plan neither compares nor deletes anything of it. An
    entry is a dict of fields in file form (`{"pronounceable_name": "Homepage", "url": ...,
    "monitor_group": "Storefront"}`). `source` and `lines` say where it was read from, for errors.

    Attributes:
        version: The file format's version, 1.
        urgencies: Urgencies ("severities"), by `name`.
        escalation_policies: Escalation policies with their `steps`, by `name`.
        monitor_groups: Monitor groups, by `name`.
        heartbeat_groups: Heartbeat groups, by `name`.
        monitors: Monitors, by `pronounceable_name` (their `url` when they have none).
        heartbeats: Heartbeats, by `name`.
        status_pages: Status pages, by `subdomain`, each with its `sections` and their `resources`.
        metadata: Metadata keys of monitors and heartbeats, by `owner` and `key`.
        source: Where it was read from (a file name), as errors name it.
        lines: The line of each key, by path (`("monitors", 0, "url")`).
    """

    version: int = VERSION
    urgencies: list[Entry] | None = None
    escalation_policies: list[Entry] | None = None
    monitor_groups: list[Entry] | None = None
    heartbeat_groups: list[Entry] | None = None
    monitors: list[Entry] | None = None
    heartbeats: list[Entry] | None = None
    status_pages: list[Entry] | None = None
    metadata: list[Entry] | None = None
    source: str = field(default="<config>", compare=False)
    lines: Lines = field(default_factory=dict, compare=False, repr=False)

    def entries(self, kind: Kind) -> list[Entry] | None:
        """The entries of a top-level kind, or None when the configuration does not manage it."""
        found: list[Entry] | None = getattr(self, kind.key)
        return found

    @property
    def managed(self) -> list[Kind]:
        """The top-level kinds the configuration lists, in dependency order."""
        return [kind for kind in TOP_LEVEL if self.entries(kind) is not None]

    def where(self, path: Path) -> str:
        """`source:line` of the nearest known line at or above `path`; the source alone when none is known."""
        for end in range(len(path), -1, -1):
            line = self.lines.get(path[:end])
            if line is not None:
                return f"{self.source}:{line}"
        return self.source

    def to_data(self) -> dict[str, Any]:
        """The configuration as the file holds it: `version`, then each managed kind."""
        data: dict[str, Any] = {"version": self.version}
        for kind in self.managed:
            data[kind.key] = self.entries(kind)
        return data

    @classmethod
    def from_data(cls, data: Any, source: str = "<config>", lines: Lines | None = None) -> Config:
        """A configuration from data as a file holds it, checked.

        Raises:
            ConfigError: The data is not a configuration: an unknown kind or field, an entry
                without its identity, two entries with the same one, ...
        """
        config = cls(source=source, lines=dict(lines or {}))
        if not isinstance(data, dict):
            raise ConfigError(
                f"{config.where(())}: a configuration is a mapping of kinds (version, monitors, ...), "
                f"not {_shown(data)}"
            )
        for key, value in data.items():
            if key == "version":
                config.version = value
                continue
            if key == SCHEMA_KEY:
                continue  # where editors find the schema, in a JSON file
            kind = top_level(key) if isinstance(key, str) else None
            if kind is None:
                known = ["version", *(kind.key for kind in TOP_LEVEL)]
                raise ConfigError(
                    f"{config.where((key,))}: unknown kind {key!r}{_hint(key, known)}; known: {', '.join(known)}"
                )
            _check_list(config, kind, value, (key,))  # None too: a kind listed is managed, so it needs a list
            setattr(config, kind.key, value)
        check(config)
        return config


def _shown(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _hint(name: Any, known: list[str]) -> str:
    close = difflib.get_close_matches(str(name), known, n=1)
    return f"; did you mean {close[0]!r}?" if close else ""


# Reading and writing ----------------------------------------------------------------------------


def loads(text: str, source: str = "<text>") -> Config:
    """A configuration from text: JSON when it starts with `{`, YAML otherwise.

    Args:
        text: The file's content.
        source: What errors call it (`monitors.yaml`).

    Raises:
        ConfigError: The text is not valid JSON or YAML, or not a configuration; the message
            names the line. Also when the text is YAML and PyYAML is missing (install the `cli`
            extra).
    """
    data, lines = parse(text, source)
    return Config.from_data(data, source, lines)


def load(path: str | FilePath) -> Config:
    """A configuration from a YAML or JSON file (told apart by content, not by name).

    Raises:
        ConfigError: The file cannot be read, or `loads` refuses it; messages start with `path:line`.
    """
    try:
        text = FilePath(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        reason = error.strerror if isinstance(error, OSError) and error.strerror else str(error)
        raise ConfigError(f"{path}: cannot read the file: {reason}") from error
    return loads(text, str(path))


def dump(config: Config, format: Literal["yaml", "json"] = "yaml") -> str:
    """The configuration as a file's text: YAML (its first line pointing at the schema) or JSON (its `$schema` key).

    Raises:
        ConfigError: `format` is neither `yaml` nor `json`, or it is `yaml` and PyYAML is missing.
    """
    data = config.to_data()
    if format == "json":
        return json.dumps({SCHEMA_KEY: SCHEMA_URL, **data}, indent=2, ensure_ascii=False) + "\n"
    if format != "yaml":
        raise ConfigError(f"format must be 'yaml' or 'json', not {format!r}")
    yaml = yaml_module()
    dumper = _dumper(yaml)
    text: str = yaml.dump(data, Dumper=dumper, sort_keys=False, allow_unicode=True, width=1_000_000)
    return f"# yaml-language-server: $schema={SCHEMA_URL}\n{text}"


def _dumper(yaml: Any) -> Any:
    """A safe dumper writing block style, no anchors, text of several lines as `|` blocks."""
    base = getattr(yaml, "CSafeDumper", yaml.SafeDumper)

    class Dumper(base):  # type: ignore[misc, valid-type]
        def ignore_aliases(self, data: Any) -> bool:
            return True

    def text(dumper: Any, value: str) -> Any:
        return dumper.represent_scalar("tag:yaml.org,2002:str", value, style="|" if "\n" in value else None)

    Dumper.add_representer(str, text)
    Dumper.default_flow_style = False
    return Dumper


# Checks -----------------------------------------------------------------------------------------


def check(config: Config) -> None:
    """Check the shape of every entry: known keys, an identity, no identity twice, references as names.

    Values are checked against the API's schemas later, by `plan`.

    Raises:
        ConfigError: The first problem found, with its file and line.
    """
    if type(config.version) is not int or config.version != VERSION:
        raise ConfigError(f"{config.where(('version',))}: version must be {VERSION}, not {_shown(config.version)}")
    for kind in config.managed:
        entries = config.entries(kind)
        _check_list(config, kind, entries, (kind.key,))
        assert entries is not None
        seen: dict[Any, Path] = {}
        for index, entry in enumerate(entries):
            path = (kind.key, index)
            _check_entry(config, kind, entry, path)
            _unique(config, kind, entry, path, seen)
            if kind.children is not None and kind.children in entry:
                _check_sections(config, entry, (*path, kind.children))


def _check_list(config: Config, kind: Kind, entries: Any, path: Path) -> None:
    if not isinstance(entries, list):
        raise ConfigError(
            f"{config.where(path)}: {path[-1]} must be a list of {kind.name} entries ([] for none), "
            f"not {_shown(entries)}"
        )
    for index, entry in enumerate(entries):
        if not isinstance(entry, dict):
            raise ConfigError(
                f"{config.where((*path, index))}: each of {path[-1]} is a mapping of {kind.name} fields, "
                f"not {_shown(entry)}"
            )


def _check_sections(config: Config, page: Entry, path: Path) -> None:
    _check_list(config, STATUS_PAGE_SECTIONS, page[STATUS_PAGE_SECTIONS.key], path)
    sections: dict[Any, Path] = {}
    resources: dict[Any, Path] = {}
    for index, section in enumerate(page[STATUS_PAGE_SECTIONS.key]):
        _check_entry(config, STATUS_PAGE_SECTIONS, section, (*path, index))
        _unique(config, STATUS_PAGE_SECTIONS, section, (*path, index), sections)
        if STATUS_PAGE_RESOURCES.key not in section:
            continue
        below = (*path, index, STATUS_PAGE_RESOURCES.key)
        _check_list(config, STATUS_PAGE_RESOURCES, section[STATUS_PAGE_RESOURCES.key], below)
        for number, resource in enumerate(section[STATUS_PAGE_RESOURCES.key]):
            _check_entry(config, STATUS_PAGE_RESOURCES, resource, (*below, number))
            _unique(config, STATUS_PAGE_RESOURCES, resource, (*below, number), resources)


def _check_entry(config: Config, kind: Kind, entry: Entry, path: Path) -> None:
    where = config.where(path)
    for key in entry:
        if key not in kind.fields:
            raise ConfigError(f"{config.where((*path, key))}: {_unknown(kind, key)}")
    identity = kind.identity_of(entry)
    if kind is STATUS_PAGE_RESOURCES:
        _check_shown(config, entry, path)
    elif kind.name == "metadata":
        _check_owner(config, entry, path)
    elif not isinstance(identity, str) or not identity:
        also = " (or its url)" if kind.name == "monitor" else ""
        raise ConfigError(f"{where}: each {kind.name} needs its {kind.identity}{also}, a non-empty string")
    for below, _, target, value in kind.references_of(entry):
        if not isinstance(value, str | int) or isinstance(value, bool):
            raise ConfigError(
                f"{config.where((*path, *below))}: {'.'.join(map(str, below))} names a {target} by its name "
                f"(or id), not {_shown(value)}"
            )


def _unknown(kind: Kind, key: Any) -> str:
    """Why `key` is not a field of `kind`, and what to write instead."""
    text = str(key)
    if text.endswith("_id") and text.removesuffix("_id") in kind.fields:
        return f"{kind.name} names {text.removesuffix('_id')} by its name: write {text.removesuffix('_id')}: <name>"
    if text in kind.read_only:
        return f"{text!r} is read-only: the API sets it, a file cannot"
    return f"{kind.name} has no field {text!r}{_hint(text, list(kind.fields))}"


def _check_shown(config: Config, entry: Entry, path: Path) -> None:
    """A status page resource names what it shows: one of `monitor`, `heartbeat`, ... or a `resource_type`."""
    keys = [key for key in (*SHOWN, "resource_type") if key in entry]
    if len(keys) != 1:
        choices = ", ".join((*SHOWN, "resource_type"))
        found = f"{' and '.join(keys)} together" if keys else "none of them"
        raise ConfigError(
            f"{config.where(path)}: a status page resource names what it shows by one of {choices}; found {found}"
        )
    if keys[0] in SHOWN and "resource_id" in entry:
        raise ConfigError(
            f"{config.where((*path, 'resource_id'))}: {keys[0]} names what the resource shows; drop resource_id"
        )
    if keys[0] == "resource_type" and entry.get("resource_id") is None and not entry.get("public_name"):
        raise ConfigError(
            f"{config.where(path)}: a {entry['resource_type']} resource needs its resource_id (or a public_name)"
        )


def _check_owner(config: Config, entry: Entry, path: Path) -> None:
    owner = entry.get("owner")
    keys = [key for key in OWNERS if key in owner] if isinstance(owner, dict) else []
    if not isinstance(owner, dict) or len(keys) != 1 or len(owner) != 1:
        raise ConfigError(
            f"{config.where((*path, 'owner'))}: metadata names its owner as {{monitor: <name>}} or "
            f"{{heartbeat: <name>}}, not {_shown(owner)}"
        )
    name = owner[keys[0]]
    if not isinstance(name, str | int) or isinstance(name, bool):
        raise ConfigError(
            f"{config.where((*path, 'owner', keys[0]))}: the owner's {keys[0]} is a name (or id), not {_shown(name)}"
        )
    if not isinstance(entry.get("key"), str) or not entry["key"]:
        raise ConfigError(f"{config.where(path)}: each metadata entry needs its key, a non-empty string")


def _unique(config: Config, kind: Kind, entry: Entry, path: Path, seen: dict[Any, Path]) -> None:
    identity = kind.identity_of(entry)
    try:
        first = seen.setdefault(identity, path)
    except TypeError:  # an identity of unhashable values: the checks above refuse those
        return
    if first != path:
        raise ConfigError(
            f"{config.where(path)}: a second {kind.name} {kind.label(identity)!r} (the first is at "
            f"{config.where(first)}); each must be unique"
        )


def walk(config: Config) -> Iterator[tuple[Kind, Entry, Path, Any]]:
    """Every entry, nested ones too, with its kind, path and scope (the page of a section or resource)."""
    for kind in config.managed:
        for index, entry in enumerate(config.entries(kind) or []):
            yield kind, entry, (kind.key, index), None
            if kind.children is None or kind.children not in entry:
                continue
            scope = kind.identity_of(entry)
            for number, section in enumerate(entry[kind.children]):
                below = (kind.key, index, kind.children, number)
                yield STATUS_PAGE_SECTIONS, section, below, scope
                for item, resource in enumerate(section.get(STATUS_PAGE_RESOURCES.key) or []):
                    yield STATUS_PAGE_RESOURCES, resource, (*below, STATUS_PAGE_RESOURCES.key, item), scope
