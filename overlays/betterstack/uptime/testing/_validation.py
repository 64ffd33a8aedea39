"""Request bodies checked against the spec, with errors in the API's 422 shape."""

from __future__ import annotations

import json
from functools import cache
from typing import Any

from .._spec import resolve, spec
from .._validation import body_properties
from ._routes import Route

try:
    from jsonschema import Draft202012Validator
    from referencing import Registry, Resource
    from referencing.jsonschema import DRAFT202012
except ImportError as error:  # pragma: no cover - exercised only without the extra
    raise ImportError(
        "betterstack.uptime.testing validates requests with jsonschema: pip install 'betterstack-sdk[testing]'"
    ) from error

SPEC_URI = "urn:betterstack:openapi"


@cache
def _registry() -> Registry[Any]:
    resource: Resource[Any] = Resource.from_contents(spec(), default_specification=DRAFT202012)
    registry: Registry[Any] = Registry().with_resource(SPEC_URI, resource)
    return registry


def body_errors(schema: dict[str, Any], body: Any) -> dict[str, list[str]] | str | None:
    """What is wrong with `body` by `schema`: `{field: [messages]}`, a sentence, or None."""
    target = {"$ref": SPEC_URI + schema["$ref"]} if "$ref" in schema else schema
    validator = Draft202012Validator(target, registry=_registry())
    if not isinstance(body, dict):
        return "The request body must be a JSON object."
    found: dict[str, list[str]] = {}
    for error in validator.iter_errors(body):
        if error.validator == "required" and isinstance(error.validator_value, list):
            for name in error.validator_value:
                if name not in (error.instance or {}):
                    found.setdefault(str(name), []).append("can't be blank")
            continue
        field = str(error.absolute_path[0]) if error.absolute_path else "base"
        found.setdefault(field, []).append(error.message)
    return found or None


def _documented_spellings(schema: dict[str, Any]) -> dict[str, str]:
    """Casefolded value -> documented value, for a property whose `anyOf` has an `x-case-variant` option."""
    options = [resolve(option) for option in schema.get("anyOf", [])]
    if not any(option.get("x-case-variant") for option in options):
        return {}
    return {str(value).casefold(): value for option in options for value in option.get("enum", [])}


def canonical_case(operation_id: str, body: Any) -> Any:
    """`body` with each value sent in another letter case (`"GET"`) in the documented one (`"get"`).

    The API takes any case where the spec marks an `x-case-variant` and answers in the documented
    one (the Terraform provider compares `http_method` with `strings.EqualFold` for that reason).
    """
    if not isinstance(body, dict):
        return body
    fixed = dict(body)
    for name, schema in body_properties(operation_id).items():
        value = fixed.get(name)
        if isinstance(value, str):
            fixed[name] = _documented_spellings(dict(schema)).get(value.casefold(), value)
    return fixed


class ContractViolation(AssertionError):
    """The fake answered something the spec does not allow: a bug in the fake or in the spec."""


def response_errors(route: Route, status: int, body: bytes) -> list[str]:
    """What is wrong with a response by the spec: an undocumented status or a body off schema."""
    responses = spec()["paths"][route.template][route.method.lower()]["responses"]
    documented = responses.get(str(status))
    if documented is None:
        return [f"{route.operation_id} does not document status {status} (documented: {sorted(responses)})"]
    escaped = route.template.replace("~", "~0").replace("/", "~1")
    base = documented.get("$ref") or f"#/paths/{escaped}/{route.method.lower()}/responses/{status}"
    schema = resolve(documented).get("content", {}).get("application/json", {}).get("schema")
    if schema is None:
        return [] if not body else [f"{route.operation_id} {status} documents no body but one was sent"]
    try:
        payload = json.loads(body)
    except ValueError:
        return [f"{route.operation_id} {status} sent a body that is not JSON"]
    # Point into the spec rather than copying the schema out, so its local `$ref`s resolve.
    validator = Draft202012Validator(
        {"$ref": f"{SPEC_URI}{base}/content/application~1json/schema"}, registry=_registry()
    )
    return [
        f"{route.operation_id} {status} {'/'.join(map(str, error.absolute_path))}: {error.message}"
        for error in validator.iter_errors(payload)
    ]
