"""`api.call(endpoint, ...)` for the generated endpoint modules, driven by the operation table.

A caller of the generated layer passes a module (`betterstack_sdk.api.monitors.get_monitor`) and
its keyword arguments, holding generated models and enums; the table says where each goes, and
the operation's result model (`MonitorResponse.from_dict`) parses the answer.
"""

from __future__ import annotations

import enum
import importlib
from collections.abc import Mapping
from types import ModuleType
from typing import TYPE_CHECKING, Any

from ._calls import Answer, Call
from ._errors import ResponseDecodeError, ValidationError

if TYPE_CHECKING:
    from betterstack_sdk.operations import Operation


def operation_of(endpoint: object) -> Operation[Any]:
    """The table's record for a generated endpoint module.

    Raises:
        ValidationError: `endpoint` is not a module of `betterstack_sdk.api`.
    """
    from betterstack_sdk.operations import OPERATIONS

    name = getattr(endpoint, "__name__", "")
    operation = OPERATIONS.get(name.rsplit(".", 1)[-1]) if isinstance(endpoint, ModuleType) else None
    if operation is None or operation.module != name:
        raise ValidationError(
            f"{endpoint!r} is not an endpoint module of betterstack_sdk.api (such as "
            "betterstack_sdk.api.monitors.get_monitor)"
        )
    return operation


def _plain(value: Any) -> Any:
    """A generated model, enum or `UNSET` as the JSON it stands for (`UNSET` as None)."""
    from betterstack_sdk.types import Unset

    if isinstance(value, Unset):
        return None
    if isinstance(value, enum.Enum):
        return value.value
    to_dict = getattr(value, "to_dict", None)
    return to_dict() if callable(to_dict) else value


def generated_call(endpoint: object, arguments: Mapping[str, Any]) -> Call:
    """The `Call` for a generated endpoint module and the keywords of its `sync_detailed`.

    Raises:
        ValidationError: A keyword the operation does not take.
    """
    operation = operation_of(endpoint)
    path: dict[str, str] = {}
    query: dict[str, Any] = {}
    body = None
    for name, value in arguments.items():
        if name in operation.path_parameters:
            path[name] = value
        elif name == "body" and operation.body is not None:
            body = _plain(value)
        elif name in operation.query:
            query[operation.query[name]] = _plain(value)
        else:
            allowed = [*operation.path_parameters, *operation.query, *(["body"] if operation.body else [])]
            raise ValidationError(
                f"{operation.name} takes no argument {name!r}; it takes: {', '.join(allowed) or 'none'}"
            )
    return Call(operation, path, query, body)


def parsed(operation: Operation[Any], answer: Answer) -> Any:
    """The answer parsed as the operation's result model; None for an answer without a body.

    Raises:
        ResponseDecodeError: The body has none of the documented shapes.
    """
    if answer.body is None or not operation.results:
        return None
    failure: Exception | None = None
    for result in operation.results:
        module, name = result.rsplit(".", 1)
        model = getattr(importlib.import_module(f"betterstack_sdk.models.{module}"), name)
        try:
            return model.from_dict(answer.body)
        except (KeyError, TypeError, ValueError, AttributeError, RecursionError) as error:
            failure = error
    raise ResponseDecodeError.for_response(
        f"the body does not have the documented shape ({type(failure).__name__}: {failure})", answer.response
    ) from failure
