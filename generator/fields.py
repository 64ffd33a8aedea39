"""Write `betterstack_sdk/fields.py`: one annotation-only class per `XAttributes` schema.

The overlay's resource objects inherit these, so every attribute the spec declares is a typed
attribute (`monitor.url: str | None`) without a hand-copied field list. Types are the plain
Python values the overlay holds: timestamps as `str`, enums as the spec's `Literal` values
(the API may still send a value the spec does not know: it arrives as a plain string), nested
objects as the TypedDicts of `shapes.py`, foreign keys as `int` (the overlay normalises the API's
mix of strings and integers).

Each class also declares, for type checkers and editors only, the constructor the overlay's
`BaseAPIObject.__init__` implements: one keyword per field, typed.
"""

from __future__ import annotations

import keyword
from typing import Any

FOREIGN_KEY = "#/components/schemas/ForeignKeyId"
PRIMITIVES = {"string": "str", "integer": "int", "number": "float", "boolean": "bool"}
# A TypeVar for the client type; the overlay binds it (`MonitorFields["PaginatedAPI"]`), since
# generated code never imports the overlay.
API_TYPEVAR = '_ApiT = TypeVar("_ApiT")'


def ref_name(ref: str) -> str:
    """The schema name a `$ref` points at."""
    return ref.rsplit("/", 1)[-1]


def _ref(schemas: dict[str, Any], ref: str) -> dict[str, Any]:
    return schemas[ref_name(ref)]  # type: ignore[no-any-return]


def properties(schemas: dict[str, Any], schema: dict[str, Any]) -> dict[str, Any]:
    """The properties of an object schema, `allOf` parts and `$ref`s included."""
    if "$ref" in schema:
        return properties(schemas, _ref(schemas, schema["$ref"]))
    found: dict[str, Any] = {}
    for part in schema.get("allOf", []):
        found |= properties(schemas, part)
    own: dict[str, Any] = schema.get("properties", {})
    return found | own


def required(schemas: dict[str, Any], schema: dict[str, Any]) -> list[str]:
    """The required property names of an object schema, `allOf` parts and `$ref`s included."""
    if "$ref" in schema:
        return required(schemas, _ref(schemas, schema["$ref"]))
    names: list[str] = []
    for part in schema.get("allOf", []):
        names += [name for name in required(schemas, part) if name not in names]
    return names + [name for name in schema.get("required", []) if name not in names]


def union(options: list[str]) -> str:
    """`a | b | ...` of the options, each once, in order."""
    unique = list(dict.fromkeys(options))
    return " | ".join(unique) if unique else "Any"


def nullable(schemas: dict[str, Any], schema: dict[str, Any]) -> bool:
    """Whether `null` is a valid value of `schema`."""
    if "$ref" in schema:
        return nullable(schemas, _ref(schemas, schema["$ref"]))
    declared = schema.get("type")
    if declared == "null" or (isinstance(declared, list) and "null" in declared):
        return True
    if None in schema.get("enum", []):
        return True
    return any(nullable(schemas, option) for key in ("anyOf", "oneOf") for option in schema.get(key, []))


def python_types(
    schemas: dict[str, Any], schema: dict[str, Any], typed_dicts: frozenset[str], foreign_key: str = "int"
) -> list[str]:
    """The Python types a value of `schema` may have, without None, as a list of union members.

    Enums become `Literal[...]`, named object schemas that `shapes.py` defines become
    `shapes.Name`, other objects `dict[str, Any]`; foreign keys become `foreign_key`.
    """
    if schema.get("$ref") == FOREIGN_KEY:
        return foreign_key.split(" | ")
    if "$ref" in schema:
        name = ref_name(schema["$ref"])
        target = schemas[name]
        if name in typed_dicts and "enum" not in target and _is_object(target):
            return [f"shapes.{name}"]
        return python_types(schemas, target, typed_dicts, foreign_key)
    if "enum" in schema:
        values = [value for value in schema["enum"] if value is not None]
        return [f"Literal[{', '.join(repr(value) for value in values)}]"] if values else []
    for combinator in ("anyOf", "oneOf"):
        if combinator in schema:
            options = [option for option in schema[combinator] if option.get("type") != "null"]
            return [t for option in options for t in python_types(schemas, option, typed_dicts, foreign_key)]
    if "allOf" in schema and len(schema["allOf"]) == 1:
        return python_types(schemas, schema["allOf"][0], typed_dicts, foreign_key)
    declared = schema.get("type", "object" if "properties" in schema or "allOf" in schema else None)
    kinds = [declared] if isinstance(declared, str) else [kind for kind in declared or [] if kind != "null"]
    found: list[str] = []
    for kind in kinds:
        if kind in PRIMITIVES:
            found.append(PRIMITIVES[kind])
        elif kind == "array":
            items = python_types(schemas, schema.get("items", {}), typed_dicts, foreign_key)
            found.append(f"list[{union(items)}]")
        elif kind == "object":
            found.append("dict[str, Any]")
    return found or ["Any"]


def _is_object(schema: dict[str, Any]) -> bool:
    return schema.get("type") == "object" or "properties" in schema or "allOf" in schema


def docstring(text: str, indent: str = "    ") -> str:
    """A one-line docstring of `text` (whitespace collapsed, quotes and backslashes escaped)."""
    return indent + '"""' + " ".join(text.split()).replace('"""', "'''").replace("\\", "\\\\") + '"""'


def parent_ids(spec: dict[str, Any]) -> dict[str, list[str]]:
    """The parent ids in the paths of each `XAttributes` schema's objects, by schema name.

    An object addressed as `/status-pages/{status_page_id}/sections/{section_id}` needs its
    `status_page_id`; the overlay's constructor takes it as `_status_page_id`.
    """
    schemas = spec["components"]["schemas"]
    found: dict[str, list[str]] = {}
    for path, item in spec["paths"].items():
        names = [segment[1:-1] for segment in path.split("/") if segment.startswith("{")]
        if len(names) < 2 or not path.endswith("}"):
            continue
        for method, operation in item.items():
            if method != "get":
                continue
            schema = operation.get("responses", {}).get("200", {}).get("content", {}).get("application/json", {})
            data = properties(schemas, schema.get("schema", {})).get("data", {})
            attributes = properties(schemas, data).get("attributes", {})
            if "$ref" in attributes:
                known = found.setdefault(ref_name(attributes["$ref"]), [])
                known += [name for name in names[:-1] if name not in known]
    return found


# The facts the overlay needs besides the annotations, in a table rather than on the classes:
# editors list a class's private attributes after `monitor.`, and users need none of these.
FACTS_HEAD = [
    "class FieldFacts(NamedTuple):",
    '    """What the overlay needs to know of a fields class besides its annotations."""',
    "",
    "    wire_names: dict[str, str]",
    '    """The API\'s name of each field, by Python name (`from_` is `from` on the wire)."""',
    "    foreign_keys: frozenset[str]",
    '    """Fields holding another resource\'s id, which objects read as integers."""',
    "    secrets: frozenset[str]",
    '    """Fields never shown (`repr`, error messages): passwords, tokens."""',
    "",
    "",
    "FIELD_FACTS: dict[type, FieldFacts] = {",
]


def fields_module(spec: dict[str, Any], typed_dicts: frozenset[str]) -> str:
    """Return the source of `fields.py` for the spec; `typed_dicts` are the names shapes.py defines."""
    schemas = spec["components"]["schemas"]
    parents = parent_ids(spec)
    lines = [
        '"""Typed attribute declarations of every resource, from the `XAttributes` schemas of the spec."""',
        "",
        "from __future__ import annotations",
        "",
        "from typing import TYPE_CHECKING, Any, Generic, Literal, NamedTuple, TypeVar",
        "",
        "if TYPE_CHECKING:",
        "    from . import shapes",
        "",
        API_TYPEVAR,
    ]
    facts: list[str] = []
    for name in sorted(schemas):
        if not name.endswith("Attributes"):
            continue
        schema = schemas[name]
        class_name = name.removesuffix("Attributes") + "Fields"
        wire_names: dict[str, str] = {}
        foreign_keys: list[str] = []
        secrets: list[str] = []
        body: list[str] = []
        keywords = [f"            _{parent}: str | int | None = None," for parent in parents.get(name, [])]
        for wire, prop in properties(schemas, schema).items():
            if wire == "id":
                continue  # the object's own `id` already holds it
            attribute = f"{wire}_" if keyword.iskeyword(wire) else wire
            wire_names[attribute] = wire
            if prop.get("$ref") == FOREIGN_KEY:
                foreign_keys.append(attribute)
            if prop.get("x-secret"):
                secrets.append(attribute)
            annotation = f"{union(python_types(schemas, prop, typed_dicts))} | None"
            body.append(f"    {attribute}: {annotation}")
            keywords.append(f"            {attribute}: {annotation} = ...,")
            description = prop.get("description") or (
                _ref(schemas, prop["$ref"]).get("description") if "$ref" in prop else None
            )
            if description:
                body.append(docstring(description))
        lines += ["", "", f"class {class_name}(Generic[_ApiT]):"]
        lines.append(docstring(schema.get("description") or f"Attributes of `{name}`."))
        lines.append("")
        lines += body
        facts += [
            f"    {class_name}: FieldFacts(",
            f"        wire_names={wire_names!r},",
            f"        foreign_keys=frozenset({sorted(foreign_keys)!r}),",
            f"        secrets=frozenset({sorted(secrets)!r}),",
            "    ),",
        ]
        lines += [
            "",
            "    if TYPE_CHECKING:",
            "        # The overlay's BaseAPIObject.__init__ implements this; declared here so that",
            "        # type checkers and editors know every keyword and its type.",
            "        def __init__(",
            "            self,",
            "            id: str | int,",
            "            _api: _ApiT,",
            "            _extras: dict[str, Any] | None = None,",
            "            _original_values: dict[str, Any] | None = None,",
            *(["            *,", *keywords] if keywords else []),
            "        ) -> None:",
            '            """An object with a known id; no request is made. Keywords set fields before any load."""',
        ]
    lines += ["", "", *FACTS_HEAD, *facts, "}"]
    return "\n".join(lines) + "\n"
