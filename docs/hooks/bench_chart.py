"""MkDocs hook: the benchmark chart, bench/list_all.png, served at `assets/list_all.png`.

The performance guide includes bench/RESULTS.md rather than copying it, and that file links its
chart as `list_all.png`, beside it: the chart is also served beside the guide
(`guides/list_all.png`), so the included link resolves wherever `make bench` puts the line.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files

CHART = Path("bench") / "list_all.png"
URIS = ("assets/list_all.png", "guides/list_all.png")


def on_files(files: Files, config: MkDocsConfig) -> Files:
    """Add the chart to the site's files, failing the build when it is missing."""
    source = Path(config.config_file_path).parent / CHART
    if not source.is_file():
        raise PluginError(f"{CHART} is missing: `make bench` draws it")
    for uri in URIS:
        files.append(File.generated(config, uri, abs_src_path=str(source)))
    return files
