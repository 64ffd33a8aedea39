"""Text to data, with the line of every key and list item: YAML from PyYAML's node tree, JSON by a scan.

A path names a value from the top: `("monitors", 3, "monitor_group")` is the `monitor_group` of
the fourth monitor. A mapping's values are placed at their key's line, list items at their first
line, so an error points at the line a person reads as the field.

PyYAML is imported only for YAML, and only here: JSON needs nothing beyond the standard library.
"""

from __future__ import annotations

import bisect
import json
import re
from types import ModuleType
from typing import Any

from ._errors import ConfigError

Path = tuple[str | int, ...]
"""Where a value is in a configuration: keys and list indexes from the top."""

Lines = dict[Path, int]
"""The 1-based line of each path."""

YAML_MISSING = "reading and writing YAML needs PyYAML: pip install 'betterstack-sdk[cli]'"


def yaml_module() -> ModuleType:
    """PyYAML, imported on first use.

    Raises:
        ConfigError: PyYAML is not installed; the message names the extra that brings it.
    """
    try:
        import yaml
    except ImportError as error:
        raise ConfigError(YAML_MISSING) from error
    return yaml


def is_json(text: str) -> bool:
    """Whether `text` reads as JSON (an object) rather than YAML, judged by its first character."""
    return text.lstrip().startswith("{")


def parse(text: str, source: str) -> tuple[Any, Lines]:
    """The data `text` holds (JSON or YAML, by content) and the line of every path in it.

    Raises:
        ConfigError: The text is not valid JSON or YAML (the message names the line), or it
            is YAML and PyYAML is not installed.
    """
    return _json(text, source) if is_json(text) else _yaml(text, source)


# JSON -----------------------------------------------------------------------------------------

_SPACE = re.compile(r"[ \t\n\r]*")
_STRING = re.compile(r'"(?:[^"\\]|\\.)*"')
_SCALAR = re.compile(r"-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][-+]?\d+)?|true|false|null")


def _json(text: str, source: str) -> tuple[Any, Lines]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise ConfigError(f"{source}:{error.lineno}: not valid JSON: {error.msg}") from None
    except RecursionError:
        raise ConfigError(f"{source}: not valid JSON: nested too deeply") from None
    return data, _json_lines(text)


def _json_lines(text: str) -> Lines:
    """The line of every path of `text`, which `json.loads` has accepted."""
    breaks = [match.start() for match in re.finditer("\n", text)]
    lines: Lines = {}

    def line(position: int) -> int:
        return bisect.bisect_left(breaks, position) + 1

    def skip(position: int) -> int:
        found = _SPACE.match(text, position)
        assert found is not None  # the pattern matches the empty string
        return found.end()

    def value(position: int, path: Path) -> int:
        """Scan the value at `position` (blanks before it allowed); return where it ends."""
        position = skip(position)
        char = text[position]
        if char == "{":
            position = skip(position + 1)
            while text[position] != "}":
                found = _STRING.match(text, position)
                assert found is not None  # json.loads accepted the text
                key, after = json.loads(found.group()), found.end()
                lines[(*path, key)] = line(position)
                position = skip(value(skip(after) + 1, (*path, key)))  # past the colon
                position = skip(position + 1) if text[position] == "," else position
            return position + 1
        if char == "[":
            position = skip(position + 1)
            index = 0
            while text[position] != "]":
                lines[(*path, index)] = line(position)
                position = skip(value(position, (*path, index)))
                position = skip(position + 1) if text[position] == "," else position
                index += 1
            return position + 1
        scalar = (_STRING if char == '"' else _SCALAR).match(text, position)
        assert scalar is not None  # json.loads accepted the text
        return scalar.end()

    lines[()] = line(skip(0))
    value(0, ())
    return lines


# YAML -----------------------------------------------------------------------------------------


def _yaml(text: str, source: str) -> tuple[Any, Lines]:
    yaml = yaml_module()
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)(text)
    try:
        node = loader.get_single_node()
        data = None if node is None else loader.construct_document(node)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        where = f"{source}:{mark.line + 1}" if mark is not None else source
        raise ConfigError(f"{where}: not valid YAML: {error.problem or error.context}") from None
    except (yaml.YAMLError, RecursionError) as error:
        raise ConfigError(f"{source}: not valid YAML: {error}") from None
    finally:
        loader.dispose()
    lines: Lines = {}
    if node is not None:
        lines[()] = node.start_mark.line + 1
        _node_lines(yaml, node, (), lines)
    return data, lines


def _node_lines(yaml: ModuleType, node: Any, path: Path, lines: Lines) -> None:
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                continue
            key = key_node.value
            lines[(*path, key)] = key_node.start_mark.line + 1
            _node_lines(yaml, value_node, (*path, key), lines)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            lines[(*path, index)] = item.start_mark.line + 1
            _node_lines(yaml, item, (*path, index), lines)
