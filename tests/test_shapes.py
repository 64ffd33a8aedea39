"""The TypedDict shapes name exactly the keys the wire uses."""

from __future__ import annotations

import keyword
import typing
from typing import Any

import pytest

from betterstack_sdk import shapes

from spec_helpers import enum_values, operations, resolve, spec


def _properties(schema: dict[str, Any]) -> set[str]:
    found: set[str] = set()
    for part in schema.get("allOf", []):
        found |= _properties(resolve(part))
    return found | set(schema.get("properties", {}))


def _required(schema: dict[str, Any]) -> set[str]:
    found: set[str] = set(schema.get("required", []))
    for part in schema.get("allOf", []):
        found |= _required(resolve(part))
    return found


BODIES = sorted(
    {
        op.definition["requestBody"]["content"]["application/json"]["schema"]["$ref"].rsplit("/", 1)[-1]
        for op in operations()
        if "requestBody" in op.definition
    }
)
QUERIES = sorted(
    (
        "".join(part.capitalize() for part in op.operation_id.split("_")) + "Query",
        {p["name"] for p in op.parameters() if p["in"] == "query"},
    )
    for op in operations()
    if any(p["in"] == "query" for p in op.parameters())
)


@pytest.mark.parametrize("name", BODIES)
def test_body_shape_keys_are_the_wire_names(name: str) -> None:
    shape = getattr(shapes, name)
    assert set(typing.get_type_hints(shape)) == _properties(spec()["components"]["schemas"][name])


@pytest.mark.parametrize(("name", "wire_names"), QUERIES, ids=[q[0] for q in QUERIES])
def test_query_shape_keys_are_the_parameter_names(name: str, wire_names: set[str]) -> None:
    expected = {f"{key}_" if keyword.iskeyword(key) else key for key in wire_names}
    assert set(typing.get_type_hints(getattr(shapes, name))) == expected


def test_required_body_fields_are_required_keys() -> None:
    required = _required(spec()["components"]["schemas"]["MonitorCreate"])
    assert shapes.MonitorCreate.__required_keys__ == required
    assert required <= shapes.MonitorUpdate.__optional_keys__


def test_a_case_variant_leaves_the_documented_values_as_the_type() -> None:
    # The spec takes `GET` for `http_method` (an `x-case-variant` option); the type keeps `get`.
    for body in (shapes.MonitorCreate, shapes.MonitorUpdate):
        hint = typing.get_type_hints(body)["http_method"]
        assert set(typing.get_args(hint)) == set(enum_values("MonitorHttpMethod"))
