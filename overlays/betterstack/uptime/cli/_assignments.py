"""`--set field=value`: fields checked against the spec's, values read as JSON where they parse."""

from __future__ import annotations

import difflib
import json
from typing import Any

import typer


def value_of(text: str) -> Any:
    """`30` as 30, `true` as True, `null` as None, `["us","eu"]` as a list; anything else as text."""
    try:
        return json.loads(text)
    except ValueError:
        return text


def parsed(assignments: list[str], fields: tuple[str, ...] | list[str], what: str) -> dict[str, Any]:
    """`{"field": value}` from `field=value` texts, each field one of `fields`.

    Raises:
        typer.BadParameter: A text without `=`, or a field `what` does not have (with the closest
            name when there is one); exit code 2.
    """
    values: dict[str, Any] = {}
    for assignment in assignments:
        name, equals, text = assignment.partition("=")
        name = name.strip()
        if not equals or not name:
            raise typer.BadParameter(f"{assignment!r} is not field=value", param_hint="--set")
        if name not in fields:
            close = difflib.get_close_matches(name, fields, n=1)
            hint = f"; did you mean {close[0]!r}?" if close else f" (fields: {', '.join(sorted(fields))})"
            raise typer.BadParameter(f"{what} has no field {name!r}{hint}", param_hint="--set")
        values[name] = value_of(text)
    return values
