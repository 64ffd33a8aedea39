"""Merge `spec/openapi.yaml` and the family files in `spec/resources/` into one OpenAPI document.

Each family file holds `tags`, `paths` and `components` for one resource family; the root file
holds `info`, `servers`, `security` and the shared components. References are written as local
`#/components/...` pointers everywhere, so the merged document needs no further resolution.

Usage: python generator/bundle.py --out build/openapi.json [--only monitors,heartbeats]
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
SPEC_DIR = ROOT / "spec"
FAMILY_KEYS = {"tags", "paths", "components"}


class BundleError(Exception):
    """The spec files cannot be merged: a duplicate name or an unexpected key."""


def _load_yaml(path: Path) -> dict[str, Any]:
    with path.open(encoding="utf-8") as handle:
        data = yaml.safe_load(handle)
    if not isinstance(data, dict):
        raise BundleError(f"{path.relative_to(ROOT)}: expected a mapping at the top level")
    return data


def family_files(only: set[str] | None = None) -> list[Path]:
    """Return the family files in a stable order, optionally only the named ones."""
    files = sorted((SPEC_DIR / "resources").glob("*.yaml"))
    if only is not None:
        unknown = only - {f.stem for f in files}
        if unknown:
            raise BundleError(f"no family file named {sorted(unknown)} in spec/resources/")
        files = [f for f in files if f.stem in only]
    return files


def _check_keys(node: Any, where: Path, trail: str = "") -> None:
    # An unquoted comma inside a YAML flow mapping ({description: a, b}) silently splits the
    # text into a bogus key; no spec key has a space, so one with a space is that mistake.
    if isinstance(node, dict):
        for key, value in node.items():
            if isinstance(key, str) and " " in key and not trail.endswith(("example", "examples")):
                raise BundleError(f"{where}: key {key!r} under {trail or '/'} has a space; quote text with commas")
            _check_keys(value, where, f"{trail}/{key}")
    elif isinstance(node, list):
        for index, item in enumerate(node):
            _check_keys(item, where, f"{trail}/{index}")


def _merge_family(document: dict[str, Any], path: Path) -> None:
    family = _load_yaml(path)
    where = path.relative_to(ROOT)
    _check_keys(family, where)
    extra = set(family) - FAMILY_KEYS
    if extra:
        raise BundleError(f"{where}: only {sorted(FAMILY_KEYS)} belong in a family file, found {sorted(extra)}")
    known_tags = {tag["name"] for tag in document["tags"]}
    for tag in family.get("tags", []):
        if tag["name"] in known_tags:
            raise BundleError(f"{where}: tag {tag['name']!r} is already defined in another file")
        document["tags"].append(tag)
    for route, item in family.get("paths", {}).items():
        if route in document["paths"]:
            raise BundleError(f"{where}: path {route} is already defined in another file")
        document["paths"][route] = item
    for section, entries in family.get("components", {}).items():
        target = document["components"].setdefault(section, {})
        for name, value in entries.items():
            if name in target:
                raise BundleError(f"{where}: components.{section}.{name} is already defined elsewhere")
            target[name] = value


def load_spec(only: set[str] | None = None) -> dict[str, Any]:
    """Return the merged OpenAPI document built from `spec/`."""
    document = _load_yaml(SPEC_DIR / "openapi.yaml")
    _check_keys(document, Path("spec/openapi.yaml"))
    document.setdefault("tags", [])
    document.setdefault("paths", {})
    document.setdefault("components", {})
    for path in family_files(only):
        _merge_family(document, path)
    document["tags"].sort(key=lambda tag: tag["name"])
    return document


def main(argv: list[str] | None = None) -> int:
    """Write the merged document as JSON."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, required=True, help="where to write the merged JSON document")
    parser.add_argument("--only", help="comma-separated family names (file stems) to include")
    args = parser.parse_args(argv)
    only = set(args.only.split(",")) if args.only else None
    try:
        document = load_spec(only)
    except BundleError as error:
        print(f"bundle: {error}", file=sys.stderr)
        return 1
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(document, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
