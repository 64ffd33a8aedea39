"""JSON-shaped values as objects hold them: cheap copies, plain data, ids."""

from __future__ import annotations

import datetime
import enum
import types
import typing
from collections.abc import Mapping
from typing import Any


def copy_json(value: Any) -> Any:
    """A copy of JSON-shaped data, deep enough for change tracking and much cheaper than deepcopy."""
    if isinstance(value, list):
        return [copy_json(item) for item in value]
    if isinstance(value, dict):
        return {key: copy_json(item) for key, item in value.items()}
    return value


def plain(value: Any) -> Any:
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
        return {str(key): plain(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [plain(item) for item in value]
    to_dict = getattr(value, "to_dict", None)  # a PolicyStep, a generated model
    return plain(to_dict()) if callable(to_dict) else value


_SCALARS = frozenset({"str", "int", "float", "bool", "None"})


def is_scalar(annotation: Any) -> bool:
    """Whether a field annotation allows only str, int, float, bool or None (never a container)."""
    if isinstance(annotation, str):
        # A Literal of the spec's enum values holds strings or integers only.
        return all(part.strip() in _SCALARS or part.strip().startswith("Literal[") for part in annotation.split("|"))
    options = typing.get_args(annotation) if isinstance(annotation, types.UnionType) else (annotation,)
    return all(option in (str, int, float, bool, type(None)) for option in options)


def is_mutable(value: Any) -> bool:
    return not isinstance(value, str | int | float | bool | tuple | frozenset | type(None))


def own_id(value: Any) -> Any:
    """An id as objects hold it: text, or None where the API sends none (a pending invitation).

    Never `str(None)`: a "None" id would be sent in paths as if it named something.
    """
    return None if value is None else str(value)


def normalise_id(value: Any) -> Any:
    """A foreign key as objects hold it: an integer, whether the API sent an integer or digits."""
    # ASCII digits only, and few enough for an int: "²".isdigit() and "١٢".isdigit() are true too.
    if isinstance(value, str) and value.isascii() and value.isdigit() and len(value) <= 18:
        return int(value)
    return value
