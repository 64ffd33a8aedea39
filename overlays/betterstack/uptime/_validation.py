"""The caller's values checked against the spec's schemas before any request is sent.

The bundled spec (`betterstack_sdk/openapi.json`) is the one source: request bodies and query
parameters are looked up by operation id (the generated module's name). It is read on the first
write or filter, never when objects load, so reading a list costs nothing extra.

The checks cover what the spec says and a caller can get clearly wrong: JSON types, required
fields, enum values that are a typo of a documented one (enums stay open otherwise, see
`_enum_problems`), minimum and maximum, lengths of strings and lists, patterns and array items.
Formats (`date-time`, `email`) are left to the API, and so are null (the API returns null for
fields its request schemas do not declare nullable, and must get back what it returned) and
letter case of enum values. Every problem is reported at once, values of secret fields as
`<hidden>`. `tests/test_validation.py` proves these checks equal to jsonschema's but for
those differences.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import cache
from typing import Any

from ._errors import ValidationError
from ._spec import resolve, spec

Schema = Mapping[str, Any]

# How close (difflib's ratio) an unknown enum value must be to a documented one to count as a
# typo: 'stauts' to 'status' is 0.83, 'admin' to 'billing_admin' 0.56.
_NEAR_MISS = 0.75

_TYPE_NAMES = {
    "string": "a string",
    "integer": "an integer",
    "number": "a number",
    "boolean": "a boolean",
    "array": "a list",
    "object": "a dict",
    "null": "None",
}


@cache
def _located() -> dict[str, tuple[list[Any], dict[str, Any]]]:
    """Every operation's shared path parameters and its own description, by operation id (unresolved)."""
    found: dict[str, tuple[list[Any], dict[str, Any]]] = {}
    for item in spec()["paths"].values():
        shared = item.get("parameters", [])
        for operation in item.values():
            if isinstance(operation, dict) and "operationId" in operation:
                found[operation["operationId"]] = (shared, operation)
    return found


@cache
def _operation(operation_id: str) -> tuple[Schema | None, dict[str, Schema]]:
    """One operation's body schema and query parameter schemas, resolved when first asked for."""
    located = _located().get(operation_id)
    if located is None:
        return None, {}
    shared, operation = located
    parameters = [resolve(p) for p in [*shared, *operation.get("parameters", [])]]
    query = {p["name"]: p.get("schema", {}) for p in parameters if p.get("in") == "query"}
    content = resolve(operation.get("requestBody", {})).get("content", {})
    return content.get("application/json", {}).get("schema"), query


# By id, keeping the schema itself so that an id is never reused for another dict.
_FLAT: dict[int, tuple[Schema, Schema]] = {}


def _flat(schema: Schema) -> Schema:
    """`schema` with `$ref`s followed and `allOf` merged into one object schema (cached)."""
    key = id(schema)
    if key in _FLAT:
        return _FLAT[key][1]
    resolved = resolve(schema)
    if "allOf" not in resolved:
        _FLAT[key] = (schema, resolved)
        return resolved
    merged: dict[str, Any] = {k: v for k, v in resolved.items() if k != "allOf"}
    properties: dict[str, Any] = dict(merged.get("properties", {}))
    required: list[str] = list(merged.get("required", []))
    for part in resolved["allOf"]:
        flat = _flat(part)
        properties.update(flat.get("properties", {}))
        required += [name for name in flat.get("required", []) if name not in required]
        merged.update({k: v for k, v in flat.items() if k not in ("properties", "required")})
    merged["properties"], merged["required"] = properties, required
    _FLAT[key] = (schema, merged)
    return merged


def _types(schema: Schema) -> list[str]:
    kind = schema.get("type")
    if kind is None:
        return []
    return [kind] if isinstance(kind, str) else list(kind)


def _is(value: Any, kind: str) -> bool:
    if kind == "string":
        return isinstance(value, str)
    if kind == "integer":
        # 60.0 is an integer to JSON; True is not one to anybody.
        return (isinstance(value, int) and not isinstance(value, bool)) or (
            isinstance(value, float) and value.is_integer()
        )
    if kind == "number":
        return isinstance(value, int | float) and not isinstance(value, bool)
    if kind == "boolean":
        return isinstance(value, bool)
    if kind == "array":
        return isinstance(value, list | tuple)
    if kind == "object":
        return isinstance(value, Mapping)
    return kind == "null" and value is None


def _options(schema: Schema) -> list[Schema]:
    """The `anyOf`/`oneOf` options of `schema`, without those marked `x-case-variant`.

    Such an option only re-admits the enum beside it in another letter case (`GET` for `get`),
    which the enum check already leaves to the API; without it a typo gets the enum's message.
    """
    options = schema.get("anyOf") or schema.get("oneOf") or []
    return [option for option in options if not _flat(option).get("x-case-variant")]


def _describe(schema: Schema) -> str:
    schema = _flat(schema)
    options = _options(schema)
    if options:
        return " or ".join(dict.fromkeys(_describe(option) for option in options))
    if "enum" in schema:
        return "one of " + ", ".join(map(str, schema["enum"]))
    kinds = _types(schema)
    if "array" in kinds and "items" in schema:
        return f"a list whose items are each {_describe(schema['items'])}"
    return " or ".join(_TYPE_NAMES.get(kind, kind) for kind in kinds) or "a value"


def _shown(value: Any, hidden: bool) -> str:
    if hidden:
        return f"<hidden> ({type(value).__name__})"
    text = repr(value)
    return f"{text[:60]}... ({type(value).__name__})" if len(text) > 63 else f"{text} ({type(value).__name__})"


def _plain(value: Any) -> Any:
    """A generated attrs model as the dict it sends; anything else as is."""
    import attrs  # loaded with the generated models by the time a body is checked

    if attrs.has(type(value)) and hasattr(value, "to_dict"):
        return value.to_dict()
    return value


def _fits(value: Any, schema: Schema) -> bool:
    """Whether `value` has one of the JSON types `schema` allows (a schema without a type fits all).

    With `anyOf`/`oneOf`, a type one of the options allows: `anyOf: [integer, string]` takes no null.
    """
    flat = _flat(schema)
    options = flat.get("anyOf") or flat.get("oneOf")
    if options and not any(_fits(value, option) for option in options):
        return False
    kinds = _types(flat)
    return not kinds or any(_is(value, kind) for kind in kinds)


def _problems(value: Any, schema: Schema, path: str, hidden: bool) -> list[str]:
    if value is None:
        # Null is the API's to judge: it returns null for fields its request schemas call
        # non-nullable, and takes null where the spec does not know it does (Terraform sends
        # `request_headers: null`); whatever the API returned must go back unrefused.
        return []
    schema = _flat(schema)
    value = _plain(value)
    name = path or "the body"
    options = _options(schema)
    if options:
        results = [_problems(value, option, path, hidden) for option in options]
        if any(not result for result in results):
            return []
        fitting = [result for option, result in zip(options, results, strict=True) if _fits(value, option)]
        if len(fitting) == 1:
            return fitting[0]
        return [f"{name} must be {_describe(schema)}, not {_shown(value, hidden)}"]
    kinds = _types(schema)
    if kinds and not any(_is(value, kind) for kind in kinds):
        return [f"{name} must be {_describe(schema)}, not {_shown(value, hidden)}"]
    if "enum" in schema:
        return _enum_problems(value, schema["enum"], name, hidden)
    if isinstance(value, int | float) and not isinstance(value, bool):
        if "minimum" in schema and value < schema["minimum"]:
            return [f"{name} must be at least {schema['minimum']}, not {_shown(value, hidden)}"]
        if "maximum" in schema and value > schema["maximum"]:
            return [f"{name} must be at most {schema['maximum']}, not {_shown(value, hidden)}"]
    if isinstance(value, str):
        if len(value) < schema.get("minLength", 0):
            shortest = schema["minLength"]
            return [f"{name} must not be empty" if shortest == 1 else f"{name} needs at least {shortest} characters"]
        if "maxLength" in schema and len(value) > schema["maxLength"]:
            return [f"{name} takes at most {schema['maxLength']} characters, not {len(value)}"]
        if "pattern" in schema and not re.search(schema["pattern"], value):
            return [f"{name} must match {schema['pattern']}, not {_shown(value, hidden)}"]
    if isinstance(value, list | tuple):
        if len(value) < schema.get("minItems", 0):
            return [f"{name} needs at least {schema['minItems']} item(s)"]
        if "maxItems" in schema and len(value) > schema["maxItems"]:
            return [f"{name} takes at most {schema['maxItems']} item(s), not {len(value)}"]
        items = schema.get("items")
        if items is None:
            return []
        return [problem for i, item in enumerate(value) for problem in _problems(item, items, f"{name}[{i}]", hidden)]
    if isinstance(value, Mapping):
        return _object_problems(value, schema, path, hidden)
    return []


def _enum_problems(value: Any, allowed: list[Any], name: str, hidden: bool) -> list[str]:
    """A value that is a near miss of a documented one (a typo); anything else goes to the API.

    Enums stay open on purpose: the API adds values before the spec knows them, so a value far
    from every documented one may be new and is the API's to judge. A near miss is not new.
    """
    if not isinstance(value, str) or value in allowed:
        return []
    if value.casefold() in {str(option).casefold() for option in allowed}:
        return []  # the API compares some enums case-insensitively (HTTP methods)
    import difflib

    close = difflib.get_close_matches(value, [str(option) for option in allowed], n=1, cutoff=_NEAR_MISS)
    if not close:
        return []
    shown = "<hidden>" if hidden else repr(value)
    hint = "" if hidden else f" (did you mean {close[0]!r}?)"
    return [f"{name} {shown} is not one of: {', '.join(map(str, allowed))}{hint}"]


def _object_problems(
    value: Mapping[str, Any], schema: Schema, path: str, hidden: bool, secrets: frozenset[str] = frozenset()
) -> list[str]:
    problems = []
    missing = [key for key in schema.get("required", []) if key not in value]
    if missing:
        fields = ", ".join(missing)
        where = f"{path} is missing" if path else "missing"
        problems.append(f"{where} the required field{'s' if len(missing) > 1 else ''} {fields}")
    properties = schema.get("properties", {})
    extra = schema.get("additionalProperties")
    for key, item in value.items():
        sub = properties.get(key)
        if sub is None and isinstance(extra, Mapping):
            sub = extra
        if sub is None:
            continue
        flat = _flat(sub)
        secret = hidden or key in secrets or bool(flat.get("x-secret")) or bool(flat.get("writeOnly"))
        problems += _problems(item, sub, f"{path}.{key}" if path else str(key), secret)
    return problems


def _raise(where: str, problems: list[str]) -> None:
    raise ValidationError(f"{where}: {'; '.join(problems)} (nothing was sent)")


def check_body(operation: str, values: Mapping[str, Any], *, secrets: frozenset[str] = frozenset()) -> None:
    """Check a request body (wire names) against the operation's body schema.

    Args:
        operation: The operation id, which is the generated module's name (`create_monitor`).
        values: The body as it will be sent.
        secrets: Wire names whose values must not appear in the message.

    Raises:
        ValidationError: Every problem found, the fields named; nothing has been sent.
    """
    schema = _operation(operation)[0]
    if schema is None:
        return
    flat = _flat(schema)
    if isinstance(values, Mapping) and "properties" in flat:
        problems = _object_problems(values, flat, "", False, secrets)
    else:
        problems = _problems(values, schema, "", False)
    if problems:
        _raise(operation, problems)


def check_query(operation: str, name: str, value: Any) -> None:
    """Check one query parameter (its wire name, `from` not `from_`) against the spec.

    Raises:
        ValidationError: The value does not fit the parameter's schema; nothing has been sent.
    """
    schema = _operation(operation)[1].get(name)
    if schema is None:
        return
    problems = _problems(value, schema, name, False)
    if problems:
        _raise(operation, problems)


def check_path_segment(operation: str, name: str, value: Any) -> None:
    """Refuse a path parameter that, even URL-quoted, would change the path (``.``, ``..``, empty).

    Every other character is percent-encoded by the generated code, `/` included, so these are
    the only values that could reach another resource. None is refused too: it would go out as
    the text "None", naming nothing.

    Raises:
        ValidationError: The value is None, empty, `.` or `..`.
    """
    if value is None:
        raise ValidationError(f"{operation}: {name} is None, not an id (nothing was sent)")
    if str(value) in ("", ".", ".."):
        raise ValidationError(
            f"{operation}: {name} {str(value)!r} is not an id; an empty id, '.' or '..' would address "
            "another path (nothing was sent)"
        )


def body_properties(operation: str) -> Mapping[str, Schema]:
    """The properties of the operation's body schema by wire name (`$ref`s followed, `allOf` merged)."""
    schema = _operation(operation)[0]
    if schema is None:
        return {}
    properties: Mapping[str, Schema] = _flat(schema).get("properties", {})
    return properties


def refused_nulls(operation: str, values: Mapping[str, Any]) -> list[str]:
    """The keys of `values` (wire names) that hold None where the operation's body takes no null.

    Objects read back every field as possibly None, and their typed `new()` takes that None, so a
    value copied from one object never needs a cast; a None the API would refuse means "not
    given" and is left out of the body.
    """
    properties = body_properties(operation)
    return [
        key for key, value in values.items() if value is None and key in properties and not _fits(None, properties[key])
    ]
