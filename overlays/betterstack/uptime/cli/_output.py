"""Printing results: a table on a terminal, JSON, YAML or CSV for scripts, ids alone with `-q`.

Rows are plain dicts keyed by the spec's field names (`obj.to_dict()`), so `-o json|yaml|csv`
keep the same names from one release to the next. Styles (colour, bold) only on a terminal, and
none at all when `NO_COLOR` is set: rich alone would drop the colours but keep bold.
"""

from __future__ import annotations

import json
import os
import sys
import time
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any, TypeVar

from ._settings import Settings

if TYPE_CHECKING:
    from rich.console import Console

T = TypeVar("T")

# Lists that take longer than this show a progress line on a terminal.
PROGRESS_AFTER = 0.5


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def _console(*, stderr: bool = False) -> Console:
    """A rich console on stdout (or stderr): styled on a terminal, plain when `NO_COLOR` is set."""
    from rich.console import Console

    plain = os.environ.get("NO_COLOR", "") != ""
    return Console(soft_wrap=False, stderr=stderr, color_system=None if plain else "auto")


def _csv(rows: Sequence[Mapping[str, Any]]) -> str:
    import csv
    import io

    columns = list(dict.fromkeys(key for row in rows for key in row))
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([_cell(row.get(column)) for column in columns])
    return buffer.getvalue()


def _table(rows: Sequence[Mapping[str, Any]], columns: Sequence[str], title: str | None) -> None:
    from rich.table import Table

    table = Table(title=title, show_edge=False, header_style="bold")
    for column in columns:
        table.add_column(column, overflow="fold")
    for row in rows:
        table.add_row(*(_cell(row.get(column)) for column in columns))
    _console().print(table)


def emit(
    settings: Settings, rows: Sequence[Mapping[str, Any]], columns: Sequence[str], title: str | None = None
) -> None:
    """Print rows in the chosen format; the table shows `columns`, the other formats every field."""
    if settings.quiet:
        for row in rows:
            sys.stdout.write(f"{row.get('id')}\n")
    elif settings.output == "json":
        sys.stdout.write(json.dumps(list(rows), indent=2, ensure_ascii=False) + "\n")
    elif settings.output == "yaml":
        import yaml

        sys.stdout.write(yaml.safe_dump(list(rows), sort_keys=False, allow_unicode=True))
    elif settings.output == "csv":
        sys.stdout.write(_csv(rows))
    else:
        _table(rows, columns, title)


def emit_one(settings: Settings, row: Mapping[str, Any]) -> None:
    """Print one object: every field, as `field  value` lines on a terminal."""
    if settings.quiet:
        sys.stdout.write(f"{row.get('id')}\n")
    elif settings.output == "json":
        sys.stdout.write(json.dumps(row, indent=2, ensure_ascii=False) + "\n")
    elif settings.output == "yaml":
        import yaml

        sys.stdout.write(yaml.safe_dump(dict(row), sort_keys=False, allow_unicode=True))
    elif settings.output == "csv":
        sys.stdout.write(_csv([row]))
    else:
        from rich.table import Table

        table = Table(show_header=False, show_edge=False, box=None)
        table.add_column("field", style="bold")
        table.add_column("value", overflow="fold")
        for key, value in row.items():
            table.add_row(key, _cell(value))
        _console().print(table)


def say(settings: Settings, message: str) -> None:
    """A line for a person (what was done); nothing with `-q` or a machine format."""
    if not settings.quiet and settings.output == "table":
        sys.stdout.write(message + "\n")


def collected(settings: Settings, items: Iterable[T], what: str) -> list[T]:
    """Every item, with a progress line on stderr when it takes more than a moment on a terminal."""
    if settings.quiet or not sys.stderr.isatty():
        return list(items)
    found: list[T] = []
    started = time.monotonic()
    iterator: Iterator[T] = iter(items)
    for item in iterator:
        found.append(item)
        if time.monotonic() - started > PROGRESS_AFTER:
            return found + _with_progress(iterator, len(found), what)
    return found


def _with_progress(iterator: Iterator[T], done: int, what: str) -> list[T]:
    from rich.progress import Progress, SpinnerColumn, TextColumn

    rest: list[T] = []
    with Progress(
        SpinnerColumn(), TextColumn("{task.description}"), console=_console(stderr=True), transient=True
    ) as bar:
        task = bar.add_task(f"{done} {what}", total=None)
        for item in iterator:
            rest.append(item)
            bar.update(task, description=f"{done + len(rest)} {what}")
    return rest
