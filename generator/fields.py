"""Write `betterstack_sdk/fields.py`: one annotation-only class per `XAttributes` schema.

The overlay's resource objects inherit these, so every attribute the spec declares is a typed
attribute (`monitor.url: str | None`) without a hand-copied field list. Types are the plain
Python values the overlay holds: timestamps and enums as `str`, nested objects as dicts, foreign
keys as `int` (the overlay normalises the API's mix of strings and integers).
"""

from __future__ import annotations

import keyword
from typing import Any

FOREIGN_KEY = "#/components/schemas/ForeignKeyId"
PRIMITIVES = {"string": "str", "integer": "int", "number": "float", "boolean": "bool"}


def _ref(schemas: dict[str, Any], ref: str) -> dict[str, Any]:
    return schemas[ref.rsplit("/", 1)[-1]]  # type: ignore[no-any-return]


def _properties(schemas: dict[str, Any], schema: dict[str, Any]) -> dict[str, Any]:
    found: dict[str, Any] = {}
    for part in schema.get("allOf", []):
        found |= _properties(schemas, _ref(schemas, part["$ref"]) if "$ref" in part else part)
    own: dict[str, Any] = schema.get("properties", {})
    return found | own


def _union(types: list[str]) -> str:
    unique = list(dict.fromkeys(types))
    return " | ".join(unique) if unique else "Any"


def python_type(schemas: dict[str, Any], schema: dict[str, Any]) -> str:
    """The Python type of a value of `schema`, without the `| None`."""
    if schema.get("$ref") == FOREIGN_KEY:
        return "int"
    if "$ref" in schema:
        return python_type(schemas, _ref(schemas, schema["$ref"]))
    for combinator in ("anyOf", "oneOf"):
        if combinator in schema:
            options = [option for option in schema[combinator] if option.get("type") != "null"]
            return _union([python_type(schemas, option) for option in options])
    if "allOf" in schema and len(schema["allOf"]) == 1:
        return python_type(schemas, schema["allOf"][0])
    declared = schema.get("type", "object" if "properties" in schema or "allOf" in schema else None)
    kinds = [declared] if isinstance(declared, str) else [kind for kind in declared or [] if kind != "null"]
    types: list[str] = []
    for kind in kinds:
        if kind in PRIMITIVES:
            types.append(PRIMITIVES[kind])
        elif kind == "array":
            types.append(f"list[{python_type(schemas, schema.get('items', {}))}]")
        elif kind == "object":
            types.append("dict[str, Any]")
    return _union(types)


def _docstring(text: str) -> str:
    return '"""' + " ".join(text.split()).replace('"""', "'''").replace("\\", "\\\\") + '"""'


def fields_module(spec: dict[str, Any]) -> str:
    """Return the source of `fields.py` for the spec."""
    schemas = spec["components"]["schemas"]
    lines = [
        '"""Typed attribute declarations of every resource, from the `XAttributes` schemas of the spec."""',
        "",
        "from typing import Any, ClassVar",
        "",
    ]
    for name in sorted(schemas):
        if not name.endswith("Attributes"):
            continue
        schema = schemas[name]
        properties = _properties(schemas, schema)
        class_name = name.removesuffix("Attributes") + "Fields"
        wire_names: dict[str, str] = {}
        foreign_keys: list[str] = []
        secrets: list[str] = []
        body: list[str] = []
        for wire, prop in properties.items():
            if wire == "id":
                continue  # the object's own `id` already holds it
            attribute = f"{wire}_" if keyword.iskeyword(wire) else wire
            wire_names[attribute] = wire
            if prop.get("$ref") == FOREIGN_KEY:
                foreign_keys.append(attribute)
            if prop.get("x-secret"):
                secrets.append(attribute)
            body.append(f"    {attribute}: {python_type(schemas, prop)} | None")
            description = prop.get("description") or (
                _ref(schemas, prop["$ref"]).get("description") if "$ref" in prop else None
            )
            if description:
                body.append(f"    {_docstring(description)}")
        lines += ["", "", f"class {class_name}:"]
        lines.append(f"    {_docstring(schema.get('description') or f'Attributes of `{name}`.')}")
        lines.append("")
        lines.append(f"    _wire_names: ClassVar[dict[str, str]] = {wire_names!r}")
        lines.append(f"    _foreign_keys: ClassVar[frozenset[str]] = frozenset({sorted(foreign_keys)!r})")
        lines.append(f"    _secrets: ClassVar[frozenset[str]] = frozenset({sorted(secrets)!r})")
        lines.append("")
        lines += body
    return "\n".join(lines) + "\n"
