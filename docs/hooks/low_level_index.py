"""MkDocs hook: the index of the generated package, `reference/low-level.md`, from its operation table.

Reads `betterstack_sdk.operations` (method, path, host and paging of every operation) and the
one-line summary under each record in betterstack_sdk/operations.py, and writes one section per
tag (the package under `betterstack_sdk.api`) with a row per operation. The tag descriptions
come from the bundled spec. Nothing here is written by hand, so the page follows `make generate`.
"""

from __future__ import annotations

import ast
import itertools
import json
from collections import defaultdict
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files

URI = "reference/low-level.md"
TABLE = Path("betterstack_sdk") / "operations.py"
SPEC = Path("betterstack_sdk") / "openapi.json"

INTRO = """\
# The low-level package

`betterstack_sdk` is generated from the spec by `make generate` and never edited by hand. Each
operation is a module under `betterstack_sdk.api.<tag>` with four functions: `sync` and
`asyncio` return the parsed body, `sync_detailed` and `asyncio_detailed` the whole `Response`.
They take an `AuthenticatedClient`, the path parameters, then the query parameters and the
body (`body=`) as keywords.

```py
from betterstack_sdk import AuthenticatedClient
from betterstack_sdk.api.monitors import list_monitors

with AuthenticatedClient(base_url="https://uptime.betterstack.com", token="...") as client:
    page = list_monitors.sync(client=client, per_page=50)
```

Operations marked *betterstack.com* live on `https://betterstack.com`: call them with a second
client on that base URL. *Paged* operations answer one page with `pagination` links; the
[object API](objects/index.md) and [`paginate`](pagination.md) follow them for you. Every
operation's parameters and bodies are in the [API specification](../spec.md).

This page is generated from `betterstack_sdk/operations.py` when the site is built.
"""


def _summaries(source: str) -> dict[str, str]:
    """Each operation record's docstring (the string right after `name: Operation[...] = ...`)."""
    summaries: dict[str, str] = {}
    body = ast.parse(source).body
    for statement, following in itertools.pairwise(body):
        if (
            isinstance(statement, ast.AnnAssign)
            and isinstance(statement.target, ast.Name)
            and isinstance(following, ast.Expr)
            and isinstance(following.value, ast.Constant)
            and isinstance(following.value.value, str)
        ):
            summaries[statement.target.id] = following.value.value.strip().splitlines()[0]
    return summaries


def _cell(text: str) -> str:
    """Text for one table cell: one line, no column breaks, no HTML."""
    return " ".join(text.split()).replace("|", "\\|").replace("<", "&lt;").replace(">", "&gt;")


def render(root: Path) -> str:
    """The page's Markdown."""
    from betterstack_sdk.operations import OPERATIONS

    summaries = _summaries((root / TABLE).read_text(encoding="utf-8"))
    spec: dict[str, Any] = json.loads((root / SPEC).read_text(encoding="utf-8"))
    descriptions = {tag["name"]: tag.get("description", "") for tag in spec.get("tags", [])}
    by_tag: dict[str, list[Any]] = defaultdict(list)
    for operation in OPERATIONS.values():
        by_tag[operation.tag].append(operation)

    lines = [INTRO, f"{len(OPERATIONS)} operations under {len(by_tag)} tags.", ""]
    lines += ["| tag | operations | what it covers |", "|---|---|---|"]
    for tag in sorted(by_tag):
        lines.append(f"| [`{tag}`](#{tag}) | {len(by_tag[tag])} | {_cell(descriptions.get(tag, ''))} |")
    for tag in sorted(by_tag):
        lines += ["", f"## `{tag}` {{#{tag}}}", ""]
        if descriptions.get(tag):
            lines += [descriptions[tag], ""]
        lines += ["| module | method | path | summary |", "|---|---|---|---|"]
        for operation in sorted(by_tag[tag], key=lambda op: op.name):
            notes = [note for note, on in (("paged", operation.paginated), ("betterstack.com", operation.server)) if on]
            summary = _cell(summaries.get(operation.name, ""))
            if notes:
                summary += " " + " ".join(f"*{note}*" for note in notes)
            lines.append(f"| `{operation.module}` | `{operation.method}` | `{operation.path}` | {summary} |")
    return "\n".join(lines) + "\n"


def on_files(files: Files, config: MkDocsConfig) -> Files:
    """Add the generated page to the site."""
    root = Path(config.config_file_path).parent
    files.append(File.generated(config, URI, content=render(root)))
    return files
