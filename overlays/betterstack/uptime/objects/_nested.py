"""Objects whose path holds parent ids (a status page's sections, a relation's records, ...)."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
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
    def _create(cls, api: PaginatedAPI, fields: Mapping[str, Any], **private: str) -> Self:
        """POST `fields` to the collection under the parents named in `private` (`_status_page_id=...`)."""
        endpoint = cls._endpoints.create
        if endpoint is None:
            raise ValidationError(f"the API offers no create operation for {cls.__name__}")
        path = {name: private[f"_{name}"] for name in cls._parent_arguments}
        wire = {cls._wire_names.get(name, name): value for name, value in fields.items()}
        parsed = api.call(endpoint, **path, body=cls._body(endpoint, wire))
        return cls._from_resource(api, parsed.data, **private)

    @classmethod
    def get_all_instances(cls, api: PaginatedAPI) -> Iterator[Self]:
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
    def new(cls, api: PaginatedAPI, **fields: Any) -> Self:
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
