"""Write `betterstack_sdk/operations.py`: every operation of the spec as one typed record.

The overlay builds its requests and reads its answers from this table alone: method, path
template, path and query parameters (keyword and wire names), the body's TypedDict, the result
model, the host (team members and roles live on their own) and whether the answer is a page.
It never reads the generated functions' private helpers or signatures.

The keyword names and the result types are read from the endpoint modules openapi-python-client
has just written, so the table always names what the generated functions call them.
"""

from __future__ import annotations

import ast
from pathlib import Path
from typing import Any

from fields import docstring, properties, ref_name

METHODS = ("get", "post", "put", "patch", "delete")

_CLASS = '''

@dataclass(frozen=True, slots=True, eq=False)
class Operation(Generic[_ResultT]):
    """One operation of the API; `_ResultT` is the generated model of its success body.

    Attributes:
        name: The operation id, also the generated module's name (`get_monitor`).
        tag: The package of that module under `betterstack_sdk.api` (`monitors`).
        method: The HTTP method, upper case.
        path: The path template (`/api/v2/monitors/{monitor_id}`).
        path_parameters: The names in the template, in order.
        query: Each query parameter's keyword (`from_`) and wire name (`from`).
        deep_objects: The query parameters sent as `name[key]=value` (wire names).
        body: The `shapes` TypedDict of the JSON body, if the operation takes one.
        results: The models a success body parses as (`monitor_response.MonitorResponse`, under
            `betterstack_sdk.models`), tried in order; none for an answer without a body.
        statuses: The documented success statuses.
        server: The host the operation lives on when it is not the API's (`https://betterstack.com`).
        paginated: Whether the answer is a page with `pagination` links.
    """

    name: str
    tag: str
    method: str
    path: str
    path_parameters: tuple[str, ...]
    query: Mapping[str, str]
    deep_objects: frozenset[str]
    body: str | None
    results: tuple[str, ...]
    statuses: tuple[int, ...]
    server: str | None
    paginated: bool

    @property
    def module(self) -> str:
        """The generated endpoint module's import name."""
        return f"betterstack_sdk.api.{self.tag}.{self.name}"
'''


def _resolve(spec: dict[str, Any], node: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in node:
        section, name = node["$ref"].split("/")[-2:]
        node = spec["components"][section][name]
    return node


def _read_module(path: Path) -> tuple[list[str], list[str], list[str]]:
    """The path keywords, the other keywords of `_get_kwargs`, and the success models of `sync_detailed`.

    Each model as `module.Class` under `betterstack_sdk.models`.
    """
    tree = ast.parse(path.read_text(encoding="utf-8"))
    functions = {node.name: node for node in tree.body if isinstance(node, ast.FunctionDef)}
    kwargs = functions["_get_kwargs"].args
    positional = [arg.arg for arg in kwargs.args]
    keywords = [arg.arg for arg in kwargs.kwonlyargs]
    returned = functions["sync_detailed"].returns
    assert isinstance(returned, ast.Subscript)  # Response[...]
    types = [part.strip() for part in ast.unparse(returned.slice).split("|")]
    modules = {
        alias.name: node.module.rsplit(".", 1)[-1]
        for node in tree.body
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("models.")
        for alias in node.names
    }
    results = [f"{modules[name]}.{name}" for name in types if name not in ("ErrorBody", "Any", "None")]
    return positional, keywords, results


def _records(spec: dict[str, Any], package: Path) -> list[dict[str, Any]]:
    from openapi_python_client.strings import snake_case

    schemas = spec["components"]["schemas"]
    records = []
    for path, item in spec["paths"].items():
        server = item["servers"][0]["url"] if "servers" in item else None
        for method in METHODS:
            operation = item.get(method)
            if operation is None:
                continue
            name = snake_case(operation["operationId"])
            tag = snake_case(operation["tags"][0])
            positional, keywords, results = _read_module(package / "api" / tag / f"{name}.py")
            parameters = [_resolve(spec, p) for p in [*item.get("parameters", []), *operation.get("parameters", [])]]
            query = [p for p in parameters if p["in"] == "query"]
            python_query = [keyword for keyword in keywords if keyword != "body"]
            assert len(python_query) == len(query), f"{name}: query keywords {python_query} against the spec's {query}"
            # The path template is formatted with the keywords: they must be the spec's names.
            assert positional == [p["name"] for p in parameters if p["in"] == "path"], name
            content = _resolve(spec, operation.get("requestBody", {})).get("content", {})
            body = content.get("application/json", {}).get("schema")
            statuses = sorted(int(code) for code in operation["responses"] if code.startswith("2"))
            paginated = False
            for code in statuses:
                response = _resolve(spec, operation["responses"][str(code)])
                schema = response.get("content", {}).get("application/json", {}).get("schema")
                options = [] if schema is None else [schema, *_resolve(spec, schema).get("oneOf", [])]
                if any("pagination" in properties(schemas, option) for option in options):
                    paginated = True
            records.append(
                {
                    "name": name,
                    "tag": tag,
                    "method": method.upper(),
                    "path": path,
                    "path_parameters": tuple(positional),
                    "query": dict(zip(python_query, [p["name"] for p in query], strict=True)),
                    "deep_objects": frozenset(p["name"] for p in query if p.get("style") == "deepObject"),
                    "body": ref_name(body["$ref"]) if body is not None and "$ref" in body else None,
                    "results": tuple(results),
                    "statuses": tuple(statuses),
                    "server": server,
                    "paginated": paginated,
                    "summary": operation.get("summary", name),
                }
            )
    return sorted(records, key=lambda record: record["name"])


def _literal(value: Any) -> str:
    if isinstance(value, frozenset):
        return f"frozenset({sorted(value)!r})" if value else "frozenset()"
    return repr(value)


def operations_module(spec: dict[str, Any], package: Path) -> str:
    """Source of `operations.py` for the spec, reading the endpoint modules under `package`."""
    records = _records(spec, package)
    models = sorted({name.rsplit(".", 1)[-1] for record in records for name in record["results"]})
    lines = [
        '"""Every operation of the API as data: method, path, parameters, body, result, host and paging.',
        "",
        "One module-level record per operation, named as its generated module (`get_monitor`), and",
        "`OPERATIONS` by name. Each is typed with the model of its success body, so code driven by the",
        "table stays typed. Reading it loads neither the endpoint modules nor the models.",
        '"""',
        "",
        "from __future__ import annotations",
        "",
        "from collections.abc import Mapping",
        "from dataclasses import dataclass",
        "from typing import TYPE_CHECKING, Any, Generic, TypeVar",
        "",
        "if TYPE_CHECKING:",
        f"    from .models import {', '.join(models)}",
        "",
        '_ResultT = TypeVar("_ResultT")',
        _CLASS,
    ]
    for record in records:
        result = " | ".join(name.rsplit(".", 1)[-1] for name in record["results"]) or "None"
        fields = [
            f"    {key}={_literal(record[key])},"
            for key in (
                "name",
                "tag",
                "method",
                "path",
                "path_parameters",
                "query",
                "deep_objects",
                "body",
                "results",
                "statuses",
                "server",
                "paginated",
            )
        ]
        lines += [
            "",
            f"{record['name']}: Operation[{result}] = Operation(",
            *fields,
            ")",
            docstring(f"{record['summary']}.", indent=""),
        ]
    names = "".join(f"        {record['name']},\n" for record in records)
    lines += [
        "",
        "OPERATIONS: Mapping[str, Operation[Any]] = {",
        "    operation.name: operation",
        "    for operation in (",
        names.rstrip("\n"),
        "    )",
        "}",
        '"""Every operation by name."""',
        "",
    ]
    return "\n".join(lines)
