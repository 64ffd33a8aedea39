"""Write `betterstack_sdk/signatures.py`: typed `new`, `get_or_create`, `filter` and their async twins.

One class per create operation (`CreateMonitor`: `new` and `get_or_create`, a keyword per body
field) and per list operation (`ListMonitors`: `filter`, a keyword per query parameter), for the
collections at the top of the API (no parent id in the path). The overlay's resource classes
inherit them; the methods themselves are the overlay's (`BaseAPIObject.new` ...), so these
declarations exist for type checkers and editors only. Explicit keywords, rather than
`**Unpack[TypedDict]`, because editors built on jedi complete only those.

Every body keyword also takes what the object's attribute of the same name reads back (its
TypedDicts, lists as any sequence) and None, so a value read from one object can be passed to
`new()` without a cast; the overlay leaves out a None that the API does not take.
"""

from __future__ import annotations

import keyword
from typing import Any

from fields import API_TYPEVAR, docstring, properties, python_types, ref_name, required, union

METHODS = {"get", "post", "put", "patch", "delete"}


def _pascal(operation_id: str) -> str:
    return "".join(part.capitalize() for part in operation_id.split("_"))


def _python_name(name: str) -> str:
    return f"{name}_" if keyword.iskeyword(name) else name


def _resolve(spec: dict[str, Any], node: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in node:
        section, name = node["$ref"].split("/")[-2:]
        node = spec["components"][section][name]
    return node


def _accepted(options: list[str]) -> str:
    """The union of `options`, every list among them taken as one sequence of any of their items.

    A caller's tuple is fine, and list invariance would otherwise refuse a list of a narrower
    item type (a list read back, of the response's TypedDict, where the request's is declared).
    """
    items = [inner for option in options if option.startswith("list[") for inner in option[5:-1].split(" | ")]
    others = [option for option in options if not option.startswith("list[")]
    return union([*others, *([f"Sequence[{union(items)}]"] if items else [])])


def _read_properties(spec: dict[str, Any], operation: dict[str, Any]) -> dict[str, Any]:
    """The attributes of the resource a create operation answers with (`data.attributes`)."""
    for status in ("201", "200"):
        response = _resolve(spec, operation.get("responses", {}).get(status, {}))
        schema = response.get("content", {}).get("application/json", {}).get("schema")
        if schema is None:
            continue
        schemas = spec["components"]["schemas"]
        data = properties(schemas, schema).get("data", {})
        attributes = properties(schemas, data).get("attributes", {})
        if attributes:
            return properties(schemas, attributes)
    return {}


def _keyword(name: str, annotation: str, is_required: bool) -> str:
    return f"            {name}: {annotation}{'' if is_required else ' = ...'},"


def _described(schemas: dict[str, Any], prop: dict[str, Any]) -> str:
    text = prop.get("description") or (schemas[ref_name(prop["$ref"])].get("description") if "$ref" in prop else "")
    return " ".join(str(text or "").split())


def _method_doc(summary: str, arguments: list[tuple[str, str]]) -> list[str]:
    """A Google-style docstring: the summary, then `Args:` for the keywords the spec describes."""
    described = [(name, text) for name, text in arguments if text]
    if not described:
        return [docstring(summary, indent="            ")]
    lines = [docstring(summary, indent="            ")[:-3], "", "            Args:"]
    lines += [docstring(f"{name}: {text}", indent="                ")[3 + 16 : -3] for name, text in described]
    lines = [line if line.startswith(" ") or not line else "                " + line for line in lines]
    return [*lines, '            """']


def _declaration(head: str, keywords: list[str], returns: str, doc: list[str]) -> list[str]:
    """A classmethod declaration (`def new(` or `async def anew(`): keywords, return type, docstring."""
    return [
        "",
        "        @classmethod",
        f"        {head}(",
        "            cls: type[_T],",
        "            api: _ApiT,",
        *(["            *,", *keywords] if keywords else []),
        f"        ) -> {returns}:",
        *doc,
    ]


def _create_class(spec: dict[str, Any], operation: dict[str, Any], typed_dicts: frozenset[str]) -> list[str]:
    schemas = spec["components"]["schemas"]
    body = _resolve(spec, operation["requestBody"])["content"]["application/json"]["schema"]
    needed = required(schemas, body)
    read = _read_properties(spec, operation)
    keywords: list[tuple[bool, str, str]] = []
    arguments: list[tuple[str, str]] = []
    for wire, prop in properties(schemas, body).items():
        arguments.append((_python_name(wire), _described(schemas, prop)))
        written = python_types(schemas, prop, typed_dicts, foreign_key="int | str")
        returned = python_types(schemas, read[wire], typed_dicts) if wire in read else []
        annotation = f"{_accepted([*written, *returned])} | None"
        keywords.append((wire in needed, _python_name(wire), annotation))
    # Required keywords first: a reader sees what must be given before what may be.
    ordered = [k for k in keywords if k[0]] + [k for k in keywords if not k[0]]
    lines = [_keyword(name, annotation, needs) for needs, name, annotation in ordered]
    # get_or_create may only look an object up: the body's required fields matter only when
    # it creates one, and the API says so then.
    lookup = [_keyword(name, annotation, False) for _, name, annotation in ordered]
    title = body.get("description") or (schemas[ref_name(body["$ref"])].get("description") if "$ref" in body else "")
    summary = operation.get("summary", operation["operationId"])
    lowered = summary[:1].lower() + summary[1:]
    looked_up = docstring(
        "Return `(created, obj)`: the one object whose fields equal the keywords, or a new one made with them.",
        indent="            ",
    )
    name = _pascal(operation["operationId"])
    return [
        "",
        "",
        f"class {name}(Generic[_ApiT]):",
        docstring(f"Typed `new` and `get_or_create` of the objects `{operation['operationId']}` makes."),
        "",
        "    if TYPE_CHECKING:",
        *_declaration("def new", lines, "_T", _method_doc(f"{summary}. {title}", arguments)),
        *_declaration("def get_or_create", lookup, "tuple[bool, _T]", [looked_up]),
        *_declaration("async def anew", lines, "_T", _method_doc(f"The async `new`: {lowered}. {title}", arguments)),
        *_declaration(
            "async def aget_or_create",
            lookup,
            "tuple[bool, _T]",
            [docstring("The async `get_or_create`.", "            ")],
        ),
    ]


def _list_class(spec: dict[str, Any], operation: dict[str, Any], typed_dicts: frozenset[str]) -> list[str]:
    schemas = spec["components"]["schemas"]
    parameters = [_resolve(spec, p) for p in operation.get("parameters", [])]
    keywords = []
    arguments: list[tuple[str, str]] = []
    for parameter in parameters:
        if parameter["in"] != "query":
            continue
        arguments.append((_python_name(parameter["name"]), _described(schemas, parameter)))
        annotation = _accepted(python_types(schemas, parameter["schema"], typed_dicts, "int | str"))
        keywords.append(_keyword(_python_name(parameter["name"]), annotation, bool(parameter.get("required"))))
    listed = "The objects matching the API's list filters, fetched lazily page by page."
    alisted = "The async `filter`: `async for` over the objects matching the API's list filters."
    name = _pascal(operation["operationId"])
    return [
        "",
        "",
        f"class {name}(Generic[_ApiT]):",
        docstring(f"Typed `filter` of the objects `{operation['operationId']}` lists."),
        "",
        "    if TYPE_CHECKING:",
        *_declaration("def filter", keywords, "Iterator[_T]", _method_doc(listed, arguments)),
        *_declaration("def afilter", keywords, "AsyncIterator[_T]", _method_doc(alisted, arguments)),
    ]


def signatures_module(spec: dict[str, Any], typed_dicts: frozenset[str]) -> str:
    """Return the source of `signatures.py` for the spec; `typed_dicts` are the names shapes.py defines."""
    lines = [
        '"""Typed `new`, `get_or_create`, `filter` and their async twins, one class per create or list operation.',
        "",
        "Declarations for type checkers and editors; the overlay's `BaseAPIObject` implements them.",
        '"""',
        "",
        "from __future__ import annotations",
        "",
        "from collections.abc import AsyncIterator, Iterator, Sequence",
        "from typing import TYPE_CHECKING, Any, Generic, Literal, TypeVar",
        "",
        "if TYPE_CHECKING:",
        "    from . import shapes",
        "",
        API_TYPEVAR,
        '_T = TypeVar("_T")',
    ]
    operations = sorted(
        (operation["operationId"], method, path, operation)
        for path, item in spec["paths"].items()
        for method, operation in item.items()
        if method in METHODS and "{" not in path
    )
    for operation_id, method, _path, operation in operations:
        if method == "post" and operation_id.startswith("create_") and "requestBody" in operation:
            lines += _create_class(spec, operation, typed_dicts)
        elif method == "get" and operation_id.startswith("list_"):
            lines += _list_class(spec, operation, typed_dicts)
    return "\n".join(lines) + "\n"
