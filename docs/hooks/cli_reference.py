"""MkDocs hook: the command-line reference, `reference/cli.md`, from the command line itself.

Walks the command tree of `betterstack.uptime.cli._app:app` (needs the `cli` extra) and writes,
for every command, its usage line, its help and a table of its arguments and options as
`betterstack ... --help` shows them. Nothing here is written by hand, so the page follows the
code.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files

URI = "reference/cli.md"

INTRO = """\
# Command-line reference

Every command of `betterstack`, with its arguments and options, as `--help` shows them.
Global options come before the command (`betterstack -o json monitors list`); every command
also takes `-h`/`--help`. The [command-line guide](../guides/command-line.md) shows the
everyday tasks.

This page is generated from the command line itself when the site is built.
"""

# Markdown's specials outside code spans: help texts are prose with `code` in backticks.
_SPECIAL = re.compile(r"([\\*_\[\]#])")


def _prose(text: str) -> str:
    """Help text as Markdown: HTML escaped, backtick spans kept, other specials escaped."""
    parts = text.split("`")
    for index in range(0, len(parts), 2):
        parts[index] = _SPECIAL.sub(r"\\\1", html.escape(parts[index], quote=False))
    return "`".join(parts) if len(parts) % 2 else html.escape(text, quote=False)


def _help(text: str) -> list[str]:
    """Click help as Markdown: wrapped paragraphs as prose, `\\b` (verbatim) paragraphs as code."""
    lines: list[str] = []
    for paragraph in re.split(r"\n\s*\n", text.strip()):
        if paragraph.startswith("\b"):
            lines += ["```text", paragraph.lstrip("\b").strip("\n"), "```", ""]
        else:
            lines += [_prose(" ".join(paragraph.split())), ""]
    return lines


def _slug(path: list[str]) -> str:
    return "-".join(path)


def _subcommands(command: Any, ctx: Any) -> Iterator[tuple[str, Any]]:
    if hasattr(command, "list_commands"):
        for name in command.list_commands(ctx):
            sub = command.get_command(ctx, name)
            if sub is not None and not getattr(sub, "hidden", False):
                yield name, sub


def _command(command: Any, ctx: Any, path: list[str]) -> list[str]:
    """The section of one command, then those of its subcommands."""
    title = " ".join(path)
    level = "#" * min(len(path) + 1, 6)
    lines = [f"{level} `{title}` {{#{_slug(path)}}}", ""]
    lines += _help(command.help or command.short_help or "")
    usage = " ".join([ctx.command_path, *command.collect_usage_pieces(ctx)])
    lines += ["```text", usage, "```", ""]

    rows = [(param, param.get_help_record(ctx)) for param in command.params if not getattr(param, "hidden", False)]
    rows = [(param, record) for param, record in rows if record is not None]
    arguments = [record for param, record in rows if param.param_type_name == "argument"]
    options = [record for param, record in rows if param.param_type_name != "argument"]
    for heading, records in (("argument", arguments), ("option", options)):
        if records:
            lines += [f"| {heading} | description |", "|---|---|"]
            lines += [
                f"| `{name}` | {_prose(' '.join(text.split())).replace('|', '&#124;')} |" for name, text in records
            ]
            lines.append("")

    children = list(_subcommands(command, ctx))
    if children:
        lines += ["| command | what it does |", "|---|---|"]
        for name, sub in children:
            summary = _prose(sub.get_short_help_str(limit=200))
            lines.append(f"| [`{name}`](#{_slug([*path, name])}) | {summary} |")
        lines.append("")
        for name, sub in children:
            lines += _command(sub, sub.context_class(sub, info_name=name, parent=ctx), [*path, name])
    return lines


def render() -> str:
    """The page's Markdown."""
    try:
        import typer

        from betterstack.uptime.cli._app import app
    except ImportError as error:
        raise PluginError(f"the command-line reference needs the `cli` extra ({error.name} is missing)") from None
    command = typer.main.get_command(app)
    ctx = command.context_class(command, info_name="betterstack")
    return INTRO + "\n" + "\n".join(_command(command, ctx, ["betterstack"]))


def on_files(files: Files, config: MkDocsConfig) -> Files:
    """Add the generated page to the site."""
    files.append(File.generated(config, URI, content=render()))
    return files
