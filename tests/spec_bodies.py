"""Strategies that draw JSON bodies from the spec's schemas, valid or made hostile on purpose.

`Bodies(frozenset())` draws values valid against a schema; the modes (`extra`, `unknown_enum`,
`null`, `missing`, `wrong_type`, `huge`) mutate nodes below the top level. Used by the hostile
response suite and the real-world round trips.
"""

from __future__ import annotations

import json
from functools import cache
from typing import Any

from hypothesis import strategies as st
from hypothesis.strategies import SearchStrategy
from hypothesis_jsonschema import from_schema

from spec_helpers import resolve

# The length of a "huge" string: large enough to matter, small enough to stay fast.
HUGE = 1 << 18

JSON_VALUES: SearchStrategy[Any] = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False, allow_infinity=False) | st.text(max_size=12),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3),
    max_leaves=8,
)
EXTRA_NAMES = st.from_regex(r"extra_[a-z0-9_]{1,10}", fullmatch=True)
NOVEL_TEXT = st.from_regex(r"future_[a-z0-9_]{1,10}", fullmatch=True)
LEAF_KEYWORDS = frozenset(
    {
        "type",
        "format",
        "pattern",
        "minLength",
        "maxLength",
        "minimum",
        "maximum",
        "exclusiveMinimum",
        "exclusiveMaximum",
    }
)


@cache
def _leaf(text: str) -> SearchStrategy[Any]:
    return from_schema(json.loads(text))


def merged_schema(schema: dict[str, Any]) -> dict[str, Any]:
    """`schema` with its `$ref` followed and its `allOf` parts merged into one object schema."""
    schema = resolve(schema)
    if "allOf" not in schema:
        return schema
    merged: dict[str, Any] = {"type": "object", "properties": {}, "required": []}
    for part in [*schema["allOf"], {key: value for key, value in schema.items() if key != "allOf"}]:
        flat = merged_schema(part)
        merged["properties"] |= flat.get("properties", {})
        merged["required"] += flat.get("required", [])
        if "additionalProperties" in flat:
            merged["additionalProperties"] = flat["additionalProperties"]
    return merged


class Bodies:
    """Strategies for JSON bodies of a schema, with the hostile `modes` applied below the top level."""

    def __init__(self, modes: frozenset[str]) -> None:
        self.modes = modes

    def body(self, schema: dict[str, Any]) -> SearchStrategy[Any]:
        return self._node(schema, 0)

    def _node(self, schema: dict[str, Any], depth: int) -> SearchStrategy[Any]:
        assert depth < 20, "the spec's schemas are not recursive"
        normal = self._plain(merged_schema(schema), depth)
        hostile: list[SearchStrategy[Any]] = []
        if depth > 0 and "null" in self.modes:
            hostile.append(st.none())
        if depth > 0 and "wrong_type" in self.modes:
            hostile.append(JSON_VALUES)
        # Repeated so that about one node in four is mutated, not one in two.
        return st.one_of(normal, normal, normal, *hostile) if hostile else normal

    def _plain(self, schema: dict[str, Any], depth: int) -> SearchStrategy[Any]:
        if "anyOf" in schema:
            return st.one_of([self._node(branch, depth) for branch in schema["anyOf"]])
        if "enum" in schema:
            known: SearchStrategy[Any] = st.sampled_from(schema["enum"])
            if "unknown_enum" not in self.modes:
                return known
            numeric = all(type(value) is int for value in schema["enum"])
            novel = st.integers(1000, 10**6) if numeric else NOVEL_TEXT
            return known | novel.filter(lambda value: value not in schema["enum"])
        types = schema.get("type", "object" if "properties" in schema or "additionalProperties" in schema else None)
        if isinstance(types, list):
            return st.one_of([self._plain({**schema, "type": kind}, depth) for kind in types])
        if types == "object":
            return self._object(schema, depth)
        if types == "array":
            items = self._node(schema.get("items", {}), depth + 1)
            return st.lists(items, min_size=schema.get("minItems", 0), max_size=max(3, schema.get("minItems", 0)))
        if types is None:
            return JSON_VALUES
        leaf = _leaf(json.dumps({key: value for key, value in schema.items() if key in LEAF_KEYWORDS}, sort_keys=True))
        if types == "string" and "huge" in self.modes:
            return leaf | st.integers(HUGE // 2, HUGE).map(lambda size: "h" * size)
        return leaf

    def _object(self, schema: dict[str, Any], depth: int) -> SearchStrategy[Any]:
        properties: dict[str, Any] = schema.get("properties", {})
        required = set(schema.get("required", [])) if "missing" not in self.modes or depth == 0 else set()
        fixed = {name: self._node(sub, depth + 1) for name, sub in properties.items() if name in required}
        optional = {name: self._node(sub, depth + 1) for name, sub in properties.items() if name not in required}
        shape: SearchStrategy[dict[str, Any]] = st.fixed_dictionaries(fixed, optional=optional)
        additional = schema.get("additionalProperties")
        if isinstance(additional, dict) and not properties:
            shape = st.dictionaries(st.text(max_size=10), self._node(additional, depth + 1), max_size=3)
        if "extra" in self.modes:
            extras = st.dictionaries(EXTRA_NAMES, JSON_VALUES, max_size=2)
            shape = st.tuples(shape, extras).map(lambda pair: {**pair[1], **pair[0]})
        return shape
