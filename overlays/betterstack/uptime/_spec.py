"""The bundled spec (`betterstack_sdk/openapi.json`), read once per process, and its `$ref`s.

The SDK checks arguments against it (`_validation`) and the fake API serves from it (`testing`).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from functools import cache
from pathlib import Path
from typing import Any


@cache
def spec() -> dict[str, Any]:
    """The bundled OpenAPI document."""
    import betterstack_sdk

    # A plain path, not importlib.resources: importing that costs more than reading the file.
    document: dict[str, Any] = json.loads(Path(betterstack_sdk.__file__).with_name("openapi.json").read_bytes())
    return document


def resolve(node: Mapping[str, Any]) -> dict[str, Any]:
    """Follow local `$ref`s to what they name (the spec's nodes are all dicts)."""
    found: Any = node
    while "$ref" in found:
        target: Any = spec()
        for part in found["$ref"].removeprefix("#/").split("/"):
            target = target[part.replace("~1", "/").replace("~0", "~")]
        found = target
    resolved: dict[str, Any] = found
    return resolved
