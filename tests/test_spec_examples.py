"""Every example in spec/ is valid against the schema it illustrates."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from spec_helpers import schema_errors, spec

NAME_MAPS = {"properties", "patternProperties", "schemas", "parameters", "responses", "paths", "headers", "content"}


def _escape(key: str) -> str:
    return key.replace("~", "~0").replace("/", "~1")


def _examples(node: Any, pointer: str, in_name_map: bool = False) -> Iterator[tuple[str, str, Any]]:
    """Yield (where, schema pointer, example value) for every example below `node`."""
    if isinstance(node, list):
        for index, item in enumerate(node):
            yield from _examples(item, f"{pointer}/{index}")
        return
    if not isinstance(node, dict):
        return
    if not in_name_map:
        # Media types and parameters keep their schema beside the example; a schema is its own.
        schema_pointer = f"{pointer}/schema" if "schema" in node else pointer
        if "example" in node:
            yield f"{pointer}/example", schema_pointer, node["example"]
        examples = node.get("examples")
        if isinstance(examples, list):
            for index, value in enumerate(examples):
                yield f"{pointer}/examples/{index}", schema_pointer, value
        elif isinstance(examples, dict):
            for name, example in examples.items():
                yield f"{pointer}/examples/{name}", schema_pointer, example["value"]
    for key, value in node.items():
        if not in_name_map and key in {"example", "examples"}:
            continue
        yield from _examples(value, f"{pointer}/{_escape(key)}", in_name_map=not in_name_map and key in NAME_MAPS)


EXAMPLES = sorted(_examples(spec(), "#"))


def test_spec_has_examples() -> None:
    assert len(EXAMPLES) > 100


@pytest.mark.parametrize(("where", "schema_pointer", "value"), EXAMPLES, ids=[e[0] for e in EXAMPLES])
def test_example_matches_its_schema(where: str, schema_pointer: str, value: Any) -> None:
    errors = schema_errors(schema_pointer, value)
    assert not errors, f"{where} does not match {schema_pointer}:\n" + "\n".join(errors)


def test_every_resource_schema_has_an_example() -> None:
    schemas = spec()["components"]["schemas"]
    resources = [name for name, schema in schemas.items() if "attributes" in schema.get("required", [])]
    missing = sorted(name for name in resources if not schemas[name].get("examples"))
    assert len(resources) > 30
    assert not missing, f"resource schemas without `examples`: {missing}"
