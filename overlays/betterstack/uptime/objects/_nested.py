"""Objects whose path holds parent ids (a status page's sections, a relation's records, ...)."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from typing import TYPE_CHECKING, Any, Self

from .._base import BaseAPIObject
from .._errors import ValidationError
from .._kind import kind_of

if TYPE_CHECKING:
    from .._client import PaginatedAPI


def _elsewhere(cls: type[BaseAPIObject], verb: str) -> ValidationError:
    # The kind's `listed_by` and `created_by` say how to list and create them instead.
    kind = kind_of(cls)
    method = kind.created_by if verb == "create" else kind.listed_by
    return ValidationError(f"{cls.__name__} objects belong to a parent; {verb} them with its own method: use {method}")


class _Nested(BaseAPIObject):
    """An object whose path holds parent ids: no collection, no class-level listing or creation.

    Subclasses name how to list and create them instead (`listed_by=`, `created_by=`).
    """

    @classmethod
    def get_all_instances(cls, api: PaginatedAPI) -> Iterator[Self]:
        """Not available: the objects belong to a parent.

        Raises:
            ValidationError: Always; list them through the parent instead.
        """
        raise _elsewhere(cls, "list")

    @classmethod
    def aget_all_instances(cls, api: PaginatedAPI) -> AsyncIterator[Self]:
        """Not available: the objects belong to a parent.

        Raises:
            ValidationError: Always; list them through the parent instead.
        """
        raise _elsewhere(cls, "list")

    @classmethod
    def filter(cls, api: PaginatedAPI, **query: Any) -> Iterator[Self]:
        """Not available: the objects belong to a parent.

        Raises:
            ValidationError: Always; list them through the parent instead.
        """
        raise _elsewhere(cls, "list")

    @classmethod
    def afilter(cls, api: PaginatedAPI, **query: Any) -> AsyncIterator[Self]:
        """Not available: the objects belong to a parent.

        Raises:
            ValidationError: Always; list them through the parent instead.
        """
        raise _elsewhere(cls, "list")

    @classmethod
    def new(cls, api: PaginatedAPI, **fields: Any) -> Self:
        """Not available: the objects belong to a parent.

        Raises:
            ValidationError: Always; create them through the parent instead.
        """
        raise _elsewhere(cls, "create")

    @classmethod
    async def anew(cls, api: PaginatedAPI, **fields: Any) -> Self:
        """Not available: the objects belong to a parent.

        Raises:
            ValidationError: Always; create them through the parent instead.
        """
        raise _elsewhere(cls, "create")

    @classmethod
    def get_or_create(cls, api: PaginatedAPI, **fields: Any) -> tuple[bool, Self]:
        """Not available: the objects belong to a parent.

        Raises:
            ValidationError: Always.
        """
        raise _elsewhere(cls, "list")

    @classmethod
    async def aget_or_create(cls, api: PaginatedAPI, **fields: Any) -> tuple[bool, Self]:
        """Not available: the objects belong to a parent.

        Raises:
            ValidationError: Always.
        """
        raise _elsewhere(cls, "list")
