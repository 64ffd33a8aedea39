"""Read the bundled spec the way the tests need it: operations, schemas, generated names."""

from __future__ import annotations

import enum
import importlib
import inspect
import sys
import types
import typing
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from types import ModuleType
from typing import Any
from urllib.parse import quote

from jsonschema import Draft202012Validator
from openapi_python_client.strings import snake_case
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "generator"))
from bundle import load_spec  # noqa: E402

SPEC_URI = "urn:betterstack:spec"
# Characters that must be escaped in a path segment, to prove the ids are quoted.
PATH_VALUE = "a/b c"
METHODS = ("get", "post", "put", "patch", "delete")


@cache
def spec() -> dict[str, Any]:
    """The merged spec, loaded once per test session."""
    return load_spec()


@dataclass(frozen=True)
class Operation:
    """One operation of the spec, with what the tests derive from it."""

    path: str
    method: str
    definition: dict[str, Any]

    @property
    def operation_id(self) -> str:
        return str(self.definition["operationId"])

    @property
    def pointer(self) -> str:
        escaped = self.path.replace("~", "~0").replace("/", "~1")
        return f"#/paths/{escaped}/{self.method}"

    def parameters(self) -> list[dict[str, Any]]:
        """Path-item and operation parameters, references resolved."""
        item = spec()["paths"][self.path]
        found = [resolve(p) for p in item.get("parameters", []) + self.definition.get("parameters", [])]
        return found

    def module(self) -> ModuleType:
        """The generated module of this operation."""
        tag = snake_case(self.definition["tags"][0])
        return importlib.import_module(f"betterstack_sdk.api.{tag}.{snake_case(self.operation_id)}")

    def success_status(self) -> str:
        """The lowest documented 2xx status code."""
        return str(min(code for code in self.definition["responses"] if code.startswith("2")))


def operations() -> list[Operation]:
    """Every operation in the spec, in path order."""
    return [
        Operation(path, method, item[method])
        for path, item in sorted(spec()["paths"].items())
        for method in METHODS
        if method in item
    ]


def resolve(node: dict[str, Any]) -> dict[str, Any]:
    """Follow a local `$ref` (repeatedly) to what it names."""
    while "$ref" in node:
        target: Any = spec()
        for part in node["$ref"].removeprefix("#/").split("/"):
            target = target[part.replace("~1", "/").replace("~0", "~")]
        node = target
    return node


@cache
def _registry() -> Registry[Any]:
    resource: Resource[Any] = Resource.from_contents(spec(), default_specification=DRAFT202012)
    registry: Registry[Any] = Registry().with_resource(SPEC_URI, resource)
    return registry


def schema_errors(pointer: str, value: Any) -> list[str]:
    """What is wrong with `value` against the schema at `pointer` (a `#/...` pointer into the spec)."""
    validator = Draft202012Validator({"$ref": SPEC_URI + pointer}, registry=_registry())
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(value)]


def generated_model(name: str) -> Any:
    """The generated attrs class for the component schema `name`."""
    return getattr(importlib.import_module("betterstack_sdk.models"), name)


def _convert(value: Any, annotation: Any) -> Any:
    """Turn plain JSON into what the generated signature expects (a model, an enum, or as is)."""
    options = typing.get_args(annotation) if isinstance(annotation, types.UnionType) else (annotation,)
    for option in options:
        if isinstance(option, type) and hasattr(option, "from_dict") and isinstance(value, dict):
            return option.from_dict(value)
        if isinstance(option, type) and issubclass(option, enum.Enum):
            return option(value)
    return value


def _wire(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _python_name(signature_names: set[str], wire_name: str) -> str:
    base = snake_case(wire_name)
    for candidate in (base, f"{base}_", f"{base}_query", f"{base}_path"):
        if candidate in signature_names:
            return candidate
    raise AssertionError(f"no argument for parameter {wire_name!r} among {sorted(signature_names)}")


def call_plan(operation: Operation) -> tuple[dict[str, Any], str, list[tuple[str, str]], Any]:
    """Arguments for the generated function and the request they must produce."""
    function = operation.module().sync_detailed
    hints = typing.get_type_hints(function)
    names = set(inspect.signature(function).parameters)
    kwargs: dict[str, Any] = {}
    path = operation.path
    query: list[tuple[str, str]] = []
    for parameter in operation.parameters():
        name = _python_name(names, parameter["name"])
        if parameter["in"] == "path":
            kwargs[name] = PATH_VALUE
            path = path.replace("{" + parameter["name"] + "}", quote(PATH_VALUE, safe=""))
            continue
        assert "example" in parameter, f"{operation.operation_id}: parameter {parameter['name']} has no example"
        value = parameter["example"]
        kwargs[name] = _convert(value, hints[name])
        if isinstance(value, dict):
            query += [(f"{parameter['name']}[{key}]", _wire(item)) for key, item in value.items()]
        else:
            query.append((parameter["name"], _wire(value)))
    body = None
    content = operation.definition.get("requestBody", {}).get("content", {}).get("application/json")
    if content is not None:
        assert "example" in content, f"{operation.operation_id}: request body has no example"
        body = content["example"]
        kwargs["body"] = _convert(body, hints["body"])
    return kwargs, path, sorted(query), body


# Spec facts for tests that must not restate them -----------------------------------------------


def operation_ids() -> set[str]:
    """The id of every operation the spec declares, whatever its HTTP method."""
    return {
        operation["operationId"]
        for item in spec()["paths"].values()
        for operation in item.values()
        if isinstance(operation, dict) and "operationId" in operation
    }


def enum_values(name: str) -> list[Any]:
    """The documented values of the component schema `name` (an enum), in the spec's order."""
    values: list[Any] = spec()["components"]["schemas"][name]["enum"]
    return values


def query_parameter(path: str, method: str, name: str) -> dict[str, Any]:
    """The schema of the query parameter `name` of the operation at `path` and `method`."""
    operation = Operation(path, method, spec()["paths"][path][method])
    found = [p for p in operation.parameters() if p["in"] == "query" and p["name"] == name]
    assert found, f"{operation.operation_id} has no query parameter {name!r}"
    schema: dict[str, Any] = found[-1]["schema"]
    return schema


def body_pointer(operation: Operation) -> str | None:
    """The `#/...` pointer of the operation's JSON request body schema, or None without one."""
    body = operation.definition.get("requestBody")
    if body is None or "application/json" not in resolve(body).get("content", {}):
        return None
    base = body.get("$ref", operation.pointer + "/requestBody")
    return f"{base}/content/application~1json/schema"


def query_pointers(operation: Operation) -> dict[str, str]:
    """The `#/...` pointer of each query parameter's schema, by wire name (the operation's own win)."""
    item_pointer = operation.pointer.rsplit("/", 1)[0]
    found: dict[str, str] = {}
    shared = spec()["paths"][operation.path].get("parameters", [])
    for base, parameters in ((item_pointer, shared), (operation.pointer, operation.definition.get("parameters", []))):
        for index, parameter in enumerate(parameters):
            if resolve(parameter)["in"] == "query":
                found[resolve(parameter)["name"]] = parameter.get("$ref", f"{base}/parameters/{index}") + "/schema"
    return found


def schema_validator(pointer: str) -> Any:
    """A jsonschema (draft 2020-12) validator of the schema at `pointer`, its `$ref`s read from the spec."""
    return Draft202012Validator({"$ref": SPEC_URI + pointer}, registry=_registry())


def schema_field(schema_name: str, *path: str) -> dict[str, Any]:
    """The schema of a field of the component schema `schema_name`, its `allOf` parts searched and
    `$ref`s followed; `"items"` in `path` steps into an array's items."""
    node = resolve(spec()["components"]["schemas"][schema_name])
    for step in path:
        if step == "items":
            node = resolve(node["items"])
            continue
        parts = [node]
        while parts:
            part = resolve(parts.pop(0))
            if step in part.get("properties", {}):
                node = resolve(part["properties"][step])
                break
            parts += part.get("allOf", [])
        else:
            raise KeyError(f"{schema_name} has no field {'.'.join(path)}")
    return node
