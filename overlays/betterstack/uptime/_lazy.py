"""Package attributes loaded on first use (PEP 562), so importing a package loads none of its modules."""

from __future__ import annotations

import importlib
from collections.abc import Callable, Mapping, MutableMapping
from typing import Any


def attribute_loader(
    package: str, namespace: MutableMapping[str, Any], homes: Mapping[str, str]
) -> Callable[[str], Any]:
    """A module `__getattr__` importing each name from its module in `homes` (`{"Monitor": ".monitors"}`)."""

    def __getattr__(name: str) -> Any:
        home = homes.get(name)
        if home is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        value = getattr(importlib.import_module(home, package), name)
        namespace[name] = value  # later reads skip this function
        return value

    return __getattr__
