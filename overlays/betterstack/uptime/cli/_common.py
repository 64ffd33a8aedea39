"""What several command groups share: the settings of the run, pausing a batch, completing ids."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any, TypeVar

import typer

from ._exit import API_ERROR, code_of
from ._output import say
from ._settings import Settings

if TYPE_CHECKING:
    from betterstack.uptime import BaseAPIObject

_ObjectT = TypeVar("_ObjectT", bound="BaseAPIObject")


def settings_of(ctx: typer.Context) -> Settings:
    """The run's settings (the global options), made by the app's callback."""
    settings = ctx.find_object(Settings)
    return settings if settings is not None else Settings()


def given(filters: dict[str, Any]) -> dict[str, Any]:
    """The filters an option was given for: None means the option was left out."""
    return {key: value for key, value in filters.items() if value is not None}


def label(obj: BaseAPIObject) -> str:
    """`123 Homepage`: the id and the object's name, for lines a person reads."""
    values = obj.to_dict()
    name = next((values[field] for field in ("pronounceable_name", "name", "title") if values.get(field)), None)
    return f"{obj.id} {name}" if name else str(obj.id)


def each(
    settings: Settings, objects: Iterable[_ObjectT], action: Callable[[_ObjectT], object], done: str
) -> list[_ObjectT]:
    """Run `action` on every object, saying `<done> <id> <name>` for each; returns those that failed.

    A failure is reported on its own line and the batch goes on; the caller exits non-zero.
    """
    from betterstack.uptime import BetterStackError

    failed = []
    for obj in objects:
        try:
            action(obj)
        except BetterStackError as error:
            failed.append(obj)
            sys.stderr.write(f"betterstack: {label(obj)}: {error}\n")
            continue
        say(settings, f"{done} {label(obj)}")
        if settings.quiet:
            sys.stdout.write(f"{obj.id}\n")
    return failed


def exit_for(failed: list[Any], what: str) -> None:
    """Exit with the API error code when some objects of a batch failed, naming how many."""
    if failed:
        sys.stderr.write(f"betterstack: {len(failed)} {what} failed: {', '.join(str(obj.id) for obj in failed)}\n")
        raise typer.Exit(API_ERROR)


def completion_of(kind: str) -> Callable[[typer.Context, str], list[tuple[str, str]]]:
    """Shell completion of ids for a resource class (first page only, so it stays quick).

    The global options typed so far (`--profile`, `--base-url`) are read from the command
    line; a missing token, a slow API or any error completes nothing, silently: completion must
    never print into the shell or hold it up.
    """

    def complete(ctx: typer.Context, incomplete: str) -> list[tuple[str, str]]:
        import contextlib
        import io

        try:
            import itertools

            from betterstack.uptime import objects

            given = ctx.find_root().params
            settings = Settings(profile=given.get("profile"), team=given.get("team"), base_url=given.get("base_url"))
            cls = getattr(objects, kind)
            with contextlib.redirect_stderr(io.StringIO()), settings.api() as api:
                quick = api.with_options(timeout=3.0, retries=0, total_timeout=5.0)
                found = list(itertools.islice(cls.filter(quick, per_page=50), 50))
            return [(str(obj.id), label(obj)) for obj in found if str(obj.id).startswith(incomplete)]
        except (Exception, typer.Exit):  # completion must never break the shell
            return []

    return complete


__all__ = ["code_of", "completion_of", "each", "exit_for", "given", "label", "settings_of"]
