"""The service catalog: relations, their attributes, and their records (rows of attribute values)."""

from __future__ import annotations

from typing import Any, Unpack

from betterstack_sdk import shapes
from betterstack_sdk.api.catalog_attributes import (
    create_catalog_attribute,
    delete_catalog_attribute,
    get_catalog_attribute,
    list_catalog_attributes,
    update_catalog_attribute,
)
from betterstack_sdk.api.catalog_records import (
    create_catalog_record,
    delete_catalog_record,
    get_catalog_record,
    list_catalog_records,
    update_catalog_record,
)
from betterstack_sdk.api.catalog_relations import (
    create_catalog_relation,
    delete_catalog_relation,
    get_catalog_relation,
    list_catalog_relations,
    update_catalog_relation,
)
from betterstack_sdk.fields import CatalogAttributeFields, CatalogRecordFields, CatalogRelationFields
from betterstack_sdk.signatures import CreateCatalogRelation, ListCatalogRelations

from .._base import BaseAPIObject, Endpoints
from .._client import PaginatedAPI
from ._nested import _Nested


class _InRelation(_Nested):
    """A sub-resource of a catalog relation: its path carries `relation_id`, kept in `_relation_id`.

    It has no collection of its own: list and create it through its `CatalogRelation`.
    """

    _parent_arguments = ("relation_id",)

    def __init__(
        self,
        id: str,
        _api: PaginatedAPI,
        _extras: dict[str, Any] | None = None,
        _original_values: dict[str, Any] | None = None,
        _relation_id: str | int | None = None,
        **fields: Any,
    ) -> None:
        super().__init__(id, _api, _extras, _original_values, **fields)
        self._relation_id = None if _relation_id is None else str(_relation_id)


class CatalogAttribute(CatalogAttributeFields[PaginatedAPI], _InRelation):
    """An attribute (column) of a catalog relation; `primary` attributes are matched against incident metadata."""

    _endpoints = Endpoints(
        list=list_catalog_attributes,
        get=get_catalog_attribute,
        create=create_catalog_attribute,
        update=update_catalog_attribute,
        delete=delete_catalog_attribute,
    )
    _listed_by = "CatalogRelation.fetch_attributes()"
    _created_by = "CatalogRelation.add_attribute()"


class CatalogRecord(CatalogRecordFields[PaginatedAPI], _InRelation):
    """A record (row) of a catalog relation: `attributes` holds each attribute's values."""

    _endpoints = Endpoints(
        list=list_catalog_records,
        get=get_catalog_record,
        create=create_catalog_record,
        update=update_catalog_record,
        delete=delete_catalog_record,
    )
    _listed_by = "CatalogRelation.fetch_records()"
    _created_by = "CatalogRelation.add_record()"


class CatalogRelation(
    CatalogRelationFields[PaginatedAPI],
    ListCatalogRelations[PaginatedAPI],
    CreateCatalogRelation[PaginatedAPI],
    BaseAPIObject,
):
    """A catalog relation (a table, e.g. "Services"), with its attributes and records."""

    _endpoints = Endpoints(
        list=list_catalog_relations,
        get=get_catalog_relation,
        create=create_catalog_relation,
        update=update_catalog_relation,
        delete=delete_catalog_relation,
    )
    _caches = ("_attributes", "_records")

    _attributes: list[CatalogAttribute] | None = None
    _records: list[CatalogRecord] | None = None

    @property
    def attributes(self) -> list[CatalogAttribute]:
        """The relation's attributes, fetched on first access (`fetch_attributes()` refreshes)."""
        if self._attributes is None:
            self.fetch_attributes()
        assert self._attributes is not None
        return self._attributes

    def fetch_attributes(self) -> list[CatalogAttribute]:
        """Fetch the relation's attributes from the API, cache and return them."""
        self._attributes = list(CatalogAttribute._list(self._api, {}, _relation_id=self.id))
        return self._attributes

    @property
    def records(self) -> list[CatalogRecord]:
        """The relation's records, fetched on first access (`fetch_records()` refreshes)."""
        if self._records is None:
            self.fetch_records()
        assert self._records is not None
        return self._records

    def fetch_records(self) -> list[CatalogRecord]:
        """Fetch the relation's records from the API, cache and return them."""
        self._records = list(CatalogRecord._list(self._api, {}, _relation_id=self.id))
        return self._records

    def add_attribute(self, **fields: Unpack[shapes.CatalogAttributeCreate]) -> CatalogAttribute:
        """Add an attribute (`name` is required) and return it; the cached `attributes` are dropped."""
        attribute = CatalogAttribute._create(self._api, fields, _relation_id=self.id)
        self._attributes = None
        return attribute

    def add_record(self, **fields: Unpack[shapes.CatalogRecordCreate]) -> CatalogRecord:
        """Add a record, `attributes=[{"attribute": {"id": ...}, "values": [...]}]`, and return it.

        The cached `records` are dropped.
        """
        record = CatalogRecord._create(self._api, fields, _relation_id=self.id)
        self._records = None
        return record
