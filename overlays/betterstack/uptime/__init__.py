"""The Better Stack Uptime API as typed, change-tracking Python objects.

from betterstack.uptime import UptimeAPI
from betterstack.uptime.objects import Monitor

with UptimeAPI("token") as api:
    for monitor in Monitor.get_all_instances(api):
        print(monitor.pronounceable_name, monitor.status)
"""

# Private aliases: the package namespace holds only the public names.
import typing as _typing

from ._lazy import attribute_loader as _attribute_loader

if _typing.TYPE_CHECKING:
    from ._base import BaseAPIObject, filter_on_attribute
    from ._client import ClientOptions, PaginatedAPI, UptimeAPI
    from ._errors import (
        APIConnectionError,
        APIError,
        APITimeoutError,
        AuthenticationError,
        BetterStackError,
        ClientClosedError,
        ConfigurationError,
        ConflictError,
        ForbiddenError,
        JSONValue,
        NotFoundError,
        RateLimitError,
        ResponseDecodeError,
        ResponseTooLargeError,
        ServerError,
        UnpicklableError,
        UnprocessableEntityError,
        ValidationError,
    )
    from ._pagination import Page, PageLinks, PaginationError, aiter_pages, apaginate, iter_pages, paginate
    from ._retry import RetryPolicy

# Each name loads its module on first use: `betterstack --help` and `import betterstack.uptime.cli`
# need none of them, and `from betterstack.uptime.objects import Monitor` only those it uses.
_HOMES = {
    "APIConnectionError": "._errors",
    "APIError": "._errors",
    "APITimeoutError": "._errors",
    "AuthenticationError": "._errors",
    "BaseAPIObject": "._base",
    "BetterStackError": "._errors",
    "ClientClosedError": "._errors",
    "ClientOptions": "._client",
    "ConfigurationError": "._errors",
    "ConflictError": "._errors",
    "ForbiddenError": "._errors",
    "JSONValue": "._errors",
    "NotFoundError": "._errors",
    "Page": "._pagination",
    "PageLinks": "._pagination",
    "PaginatedAPI": "._client",
    "PaginationError": "._pagination",
    "RateLimitError": "._errors",
    "ResponseDecodeError": "._errors",
    "ResponseTooLargeError": "._errors",
    "RetryPolicy": "._retry",
    "ServerError": "._errors",
    "UnpicklableError": "._errors",
    "UnprocessableEntityError": "._errors",
    "UptimeAPI": "._client",
    "ValidationError": "._errors",
    "aiter_pages": "._pagination",
    "apaginate": "._pagination",
    "filter_on_attribute": "._base",
    "iter_pages": "._pagination",
    "paginate": "._pagination",
}


if not _typing.TYPE_CHECKING:
    # Hidden from type checkers: a module `__getattr__` would make every misspelt name they
    # import from here pass as `Any`. They read the imports above instead.
    __getattr__ = _attribute_loader(__name__, globals(), _HOMES)


# The one place the version is written: hatchling reads it for the wheel ([tool.hatch.version]),
# and a constant costs nothing at import, unlike asking importlib.metadata.
__version__ = "0.1.0"

__all__ = [
    "APIConnectionError",
    "APIError",
    "APITimeoutError",
    "AuthenticationError",
    "BaseAPIObject",
    "BetterStackError",
    "ClientClosedError",
    "ClientOptions",
    "ConfigurationError",
    "ConflictError",
    "ForbiddenError",
    "JSONValue",
    "NotFoundError",
    "Page",
    "PageLinks",
    "PaginatedAPI",
    "PaginationError",
    "RateLimitError",
    "ResponseDecodeError",
    "ResponseTooLargeError",
    "RetryPolicy",
    "ServerError",
    "UnpicklableError",
    "UnprocessableEntityError",
    "UptimeAPI",
    "ValidationError",
    "aiter_pages",
    "apaginate",
    "filter_on_attribute",
    "iter_pages",
    "paginate",
]
