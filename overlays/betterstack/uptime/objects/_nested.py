"""Objects whose path holds parent ids (a status page's sections, a relation's records, ...)."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from typing import TYPE_CHECKING, Any, ClassVar, Self

from .._base import BaseAPIObject
from .._errors import ValidationError

if TYPE_CHECKING:
    from .._client import PaginatedAPI


class _Nested(BaseAPIObject):
    """An object whose path holds parent ids: no collection, no class-level listing or creation."""

    # How to list and create these objects instead, for the error messages.
    _listed_by: ClassVar[str] = ""
    _created_by: ClassVar[str] = ""

    @classmethod
    def _elsewhere(cls, verb: str, method: str) -> ValidationError:
        return ValidationError(
            f"{cls.__name__} objects belong to a parent; {verb} them with its own method: use {method}"
        )

    @classmethod
    def get_all_instances(cls, api: PaginatedAPI) -> Iterator[Self]:
        """Not available: the objects belong to a parent.

        Raises:
            ValidationError: Always; list them through the parent instead.
        """
        raise cls._elsewhere("list", cls._listed_by)

    @classmethod
    def aget_all_instances(cls, api: PaginatedAPI) -> AsyncIterator[Self]:
        """Not available: the objects belong to a parent.

        Raises:
            ValidationError: Always; list them through the parent instead.
        """
        raise cls._elsewhere("list", cls._listed_by)

    @classmethod
    def filter(cls, api: PaginatedAPI, **query: Any) -> Iterator[Self]:
        """Not available: the objects belong to a parent.

        Raises:
            ValidationError: Always; list them through the parent instead.
        """
        raise cls._elsewhere("list", cls._listed_by)

    @classmethod
    def afilter(cls, api: PaginatedAPI, **query: Any) -> AsyncIterator[Self]:
        """Not available: the objects belong to a parent.

        Raises:
            ValidationError: Always; list them through the parent instead.
        """
        raise cls._elsewhere("list", cls._listed_by)

    @classmethod
    def new(cls, api: PaginatedAPI, **fields: Any) -> Self:
        """Not available: the objects belong to a parent.

        Raises:
            ValidationError: Always; create them through the parent instead.
        """
        raise cls._elsewhere("create", cls._created_by)

    @classmethod
    async def anew(cls, api: PaginatedAPI, **fields: Any) -> Self:
        """Not available: the objects belong to a parent.

        Raises:
            ValidationError: Always; create them through the parent instead.
        """
        raise cls._elsewhere("create", cls._created_by)

    @classmethod
    def get_or_create(cls, api: PaginatedAPI, **fields: Any) -> tuple[bool, Self]:
        """Not available: the objects belong to a parent.

        Raises:
            ValidationError: Always.
        """
        raise cls._elsewhere("list", cls._listed_by)

    @classmethod
    async def aget_or_create(cls, api: PaginatedAPI, **fields: Any) -> tuple[bool, Self]:
        """Not available: the objects belong to a parent.

        Raises:
            ValidationError: Always.
        """
        raise cls._elsewhere("list", cls._listed_by)
