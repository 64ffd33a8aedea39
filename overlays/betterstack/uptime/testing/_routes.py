"""The operations of the bundled spec, as routes the fake API matches requests against."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from typing import Any
from urllib.parse import unquote

from .._spec import resolve, spec

METHODS = ("get", "post", "put", "patch", "delete")


@dataclass(frozen=True)
class Route:
    """One operation: its path pattern and what the fake needs to serve it."""

    operation_id: str
    method: str
    template: str
    pattern: re.Pattern[str]
    path_names: tuple[str, ...]
    query: dict[str, dict[str, Any]] = field(hash=False)
    body_schema: dict[str, Any] | None = field(hash=False)
    success: int
    response_schema: dict[str, Any] | None = field(hash=False)

    @property
    def collection(self) -> str:
        """The collection template this operation works on: the path without a trailing `{id}`."""
        return re.sub(r"/\{[^}]+\}$", "", self.template) if self.is_item else self.template

    @property
    def is_item(self) -> bool:
        """Whether the path ends in an id (`/monitors/{monitor_id}`)."""
        return self.template.endswith("}")

    def match(self, path: str) -> dict[str, str] | None:
        """The path parameters when `path` matches, else None."""
        found = self.pattern.match(path)
        if found is None:
            return None
        # Ids arrive percent-encoded (`a%2Fb`); records are stored under the decoded id.
        return {name: unquote(value) for name, value in zip(self.path_names, found.groups(), strict=True)}


def _route(template: str, method: str, item: dict[str, Any], operation: dict[str, Any]) -> Route:
    parameters = [resolve(p) for p in item.get("parameters", []) + operation.get("parameters", [])]
    names = tuple(re.findall(r"\{([^}]+)\}", template))
    pattern = re.compile("^" + re.sub(r"\\\{[^}]+\\\}", "([^/]+)", re.escape(template)) + "$")
    body = operation.get("requestBody", {}).get("content", {}).get("application/json", {}).get("schema")
    success = min(int(code) for code in operation["responses"] if code.startswith("2"))
    response = resolve(operation["responses"][str(success)])
    response_schema = response.get("content", {}).get("application/json", {}).get("schema")
    return Route(
        operation_id=operation["operationId"],
        method=method.upper(),
        template=template,
        pattern=pattern,
        path_names=names,
        query={p["name"]: p for p in parameters if p["in"] == "query"},
        body_schema=body,
        success=success,
        response_schema=response_schema,
    )


@cache
def routes() -> tuple[Route, ...]:
    """Every operation of the spec, literal paths before templated ones."""
    found = [
        _route(template, method, item, item[method])
        for template, item in spec()["paths"].items()
        for method in METHODS
        if method in item
    ]
    return tuple(sorted(found, key=lambda route: (route.template.count("{"), route.template)))


def find(method: str, path: str) -> tuple[Route, dict[str, str]] | None:
    """The route and path parameters for a request, if the spec has it."""
    for route in routes():
        if route.method == method:
            parameters = route.match(path)
            if parameters is not None:
                return route, parameters
    return None
