"""Lists the API updates item by item (Rails nested attributes), and the `_destroy` items they need.

A monitor's `request_headers` is such a list: on update, an item with an `id` changes that item,
one without an `id` adds one, and items the list does not name stay as they are. Dropping an
item from the list and saving would therefore change nothing; the API removes an item only when
sent `{"id": ..., "_destroy": "true"}` for it, as the Terraform provider does. Which body fields
work this way is read from the spec: lists whose items declare both `id` and `_destroy`.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from typing import Any

from ._spec import resolve
from ._validation import body_properties

# What the Terraform provider sends (`loadRequestHeaders` in internal/provider/resource_monitor.go);
# Rails reads `true` as well, and the spec takes either.
DESTROY = "true"


@cache
def nested_lists(operation: str) -> frozenset[str]:
    """Wire names of the body fields of `operation` whose items declare `id` and `_destroy`."""
    found = set()
    for name, schema in body_properties(operation).items():
        items = schema.get("items")
        if isinstance(items, Mapping) and {"id", "_destroy"} <= set(resolve(items).get("properties", {})):
            found.add(name)
    return frozenset(found)


def _ids(items: Any) -> list[str]:
    if not isinstance(items, list | tuple):
        return []
    return [str(item["id"]) for item in items if isinstance(item, Mapping) and item.get("id") is not None]


def with_removals(operation: str, values: Mapping[str, Any], saved: Mapping[str, Any]) -> dict[str, Any]:
    """`values` (a body, wire names) with a `_destroy` item for each item that left a nested list.

    Every item `saved` (the last state loaded, wire names) held with an id that the list in
    `values` no longer names gets `{"id": ..., "_destroy": "true"}` after the list's own items.
    None for such a list means no items: it goes as the `_destroy` items alone (an empty list
    when there were none), so clearing a list clears it rather than sending a null.
    """
    body = dict(values)
    for name in nested_lists(operation) & set(body):
        current = body[name]
        if current is not None and not isinstance(current, list | tuple):
            continue  # not a list: the argument checks name it
        kept = set(_ids(current))
        removed = [item_id for item_id in dict.fromkeys(_ids(saved.get(name))) if item_id not in kept]
        body[name] = [*(current or []), *({"id": item_id, "_destroy": DESTROY} for item_id in removed)]
    return body
