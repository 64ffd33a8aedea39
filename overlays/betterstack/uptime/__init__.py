"""The Better Stack Uptime API as typed, change-tracking Python objects.

from betterstack.uptime import UptimeAPI
from betterstack.uptime.objects import Monitor

with UptimeAPI("token") as api:
    for monitor in Monitor.get_all_instances(api):
        print(monitor.pronounceable_name, monitor.status)
"""

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
