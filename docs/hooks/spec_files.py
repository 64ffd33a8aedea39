"""MkDocs hook: the bundled OpenAPI description as a rendered page and as downloads.

Adds to the site, under `spec/` (beside the page docs/spec.md):

- `spec/openapi.json`: betterstack_sdk/openapi.json, the description the SDK is generated from;
- `spec/openapi.yaml`: the same document as YAML, keys in the same order;
- `spec/redoc.html`: the description rendered by Redocly's `build-docs` (node_modules) with the
  template redoc.hbs beside this file, the Redoc script inlined and the "API docs by Redocly"
  logo drawn from a data URL, so the page loads nothing from elsewhere and works offline. Its
  prerendered menu links are server paths (`/monitors`) while the page routes by its hash
  (`redoc.html#/monitors`); they are rewritten to the hash, so a link opened in a new tab, or
  followed before the script runs, lands on the right section rather than on a missing page.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import tempfile
from pathlib import Path

import yaml
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files

SPEC = Path("betterstack_sdk") / "openapi.json"
TEMPLATE = Path(__file__).with_name("redoc.hbs")
# The Redoc bundle shows Redocly's logo from their CDN, with no option to turn it off.
LOGOS = ("https://cdn.redoc.ly/redoc/logo-mini-full.svg", "https://cdn.redoc.ly/redoc/logo-mini.svg")
BLANK = "data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg' width='1' height='1'/%3E"
SERVER_LINK = re.compile(r'(<a\b[^>]*?\shref=")/')


def _render(root: Path, spec: Path) -> str:
    """The spec rendered to one HTML page by `redocly build-docs`."""
    env = {**os.environ, "REDOCLY_TELEMETRY": "off", "REDOCLY_SUPPRESS_UPDATE_NOTICE": "true"}
    with tempfile.TemporaryDirectory() as scratch:
        out = Path(scratch) / "redoc.html"
        command = ["npx", "--no-install", "redocly", "build-docs", str(spec), "--inlineBundle"]
        command += ["--template", str(TEMPLATE), "-o", str(out)]
        try:
            done = subprocess.run(command, cwd=root, env=env, capture_output=True, text=True, timeout=300)
        except FileNotFoundError:
            raise PluginError("npx is missing: the spec page needs node and `npm ci` (`make install`)") from None
        if done.returncode != 0 or not out.is_file():
            raise PluginError(
                f"redocly build-docs failed ({done.returncode}); `make install` sets it up:\n{done.stderr}"
            )
        page = out.read_text(encoding="utf-8")
    for logo in LOGOS:
        page = page.replace(logo, BLANK)
    page = SERVER_LINK.sub(r"\1#/", page)
    if "cdn.redoc.ly" in page:
        raise PluginError("the rendered spec loads from cdn.redoc.ly: see LOGOS in docs/hooks/spec_files.py")
    return page


def on_files(files: Files, config: MkDocsConfig) -> Files:
    """Add the spec's JSON, YAML and rendered HTML to the site."""
    root = Path(config.config_file_path).parent
    spec = root / SPEC
    text = spec.read_text(encoding="utf-8")
    document = json.loads(text)
    as_yaml = yaml.safe_dump(document, sort_keys=False, allow_unicode=True, width=120)
    files.append(File.generated(config, "spec/openapi.json", content=text))
    files.append(File.generated(config, "spec/openapi.yaml", content=as_yaml))
    files.append(File.generated(config, "spec/redoc.html", content=_render(root, SPEC)))
    return files
