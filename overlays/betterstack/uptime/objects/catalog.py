"""The service catalog: relations, their attributes, and their records (rows of attribute values)."""

from __future__ import annotations

from typing import Unpack

from betterstack_sdk import operations as ops
from betterstack_sdk import shapes
from betterstack_sdk.fields import CatalogAttributeFields, CatalogRecordFields, CatalogRelationFields
from betterstack_sdk.signatures import CreateCatalogRelation, ListCatalogRelations

from .._base import BaseAPIObject, Operations
from .._client import PaginatedAPI
from .._flows import Flow, arun, run
from .._kind import kind_of
from ._nested import _Nested


class _InRelation(_Nested, parent_arguments=("relation_id",)):
    """A sub-resource of a catalog relation: its path carries `relation_id`, kept in `_relation_id`.

    It has no collection of its own: list and create it through its `CatalogRelation`.
    """

    _relation_id: str | None = None


class CatalogAttribute(
    CatalogAttributeFields[PaginatedAPI],
    _InRelation,
    operations=Operations(
        list=ops.list_catalog_attributes,
        get=ops.get_catalog_attribute,
        create=ops.create_catalog_attribute,
        update=ops.update_catalog_attribute,
        delete=ops.delete_catalog_attribute,
    ),
    listed_by="CatalogRelation.fetch_attributes()",
    created_by="CatalogRelation.add_attribute()",
):
    """An attribute (column) of a catalog relation; `primary` attributes are matched against incident metadata."""


class CatalogRecord(
    CatalogRecordFields[PaginatedAPI],
    _InRelation,
    operations=Operations(
        list=ops.list_catalog_records,
        get=ops.get_catalog_record,
        create=ops.create_catalog_record,
        update=ops.update_catalog_record,
        delete=ops.delete_catalog_record,
    ),
    listed_by="CatalogRelation.fetch_records()",
    created_by="CatalogRelation.add_record()",
):
    """A record (row) of a catalog relation: `attributes` holds each attribute's values."""


class CatalogRelation(
    CatalogRelationFields[PaginatedAPI],
    ListCatalogRelations[PaginatedAPI],
    CreateCatalogRelation[PaginatedAPI],
    BaseAPIObject,
    operations=Operations(
        list=ops.list_catalog_relations,
        get=ops.get_catalog_relation,
        create=ops.create_catalog_relation,
        update=ops.update_catalog_relation,
        delete=ops.delete_catalog_relation,
    ),
    caches=("_attributes", "_records"),
):
    """A catalog relation (a table, e.g. "Services"), with its attributes and records."""

    _attributes: list[CatalogAttribute] | None = None
    _records: list[CatalogRecord] | None = None

    @property
    def attributes(self) -> list[CatalogAttribute]:
        """The relation's attributes, fetched on first access (`fetch_attributes()` refreshes).

        A property fetches synchronously; async code calls `await relation.afetch_attributes()`.
        """
        if self._attributes is None:
            self.fetch_attributes()
        assert self._attributes is not None
        return self._attributes

    def fetch_attributes(self) -> list[CatalogAttribute]:
        """Fetch the relation's attributes from the API, cache and return them."""
        return run(self._api, _fetch_attributes_flow(self))

    async def afetch_attributes(self) -> list[CatalogAttribute]:
        """The async `fetch_attributes`."""
        return await arun(self._api, _fetch_attributes_flow(self))

    @property
    def records(self) -> list[CatalogRecord]:
        """The relation's records, fetched on first access (`fetch_records()` refreshes).

        A property fetches synchronously; async code calls `await relation.afetch_records()`.
        """
        if self._records is None:
            self.fetch_records()
        assert self._records is not None
        return self._records

    def fetch_records(self) -> list[CatalogRecord]:
        """Fetch the relation's records from the API, cache and return them."""
        return run(self._api, _fetch_records_flow(self))

    async def afetch_records(self) -> list[CatalogRecord]:
        """The async `fetch_records`."""
        return await arun(self._api, _fetch_records_flow(self))

    def add_attribute(self, **fields: Unpack[shapes.CatalogAttributeCreate]) -> CatalogAttribute:
        """Add an attribute (`name` is required) and return it; the cached `attributes` are dropped."""
        return run(self._api, _add_attribute_flow(self, fields))

    async def aadd_attribute(self, **fields: Unpack[shapes.CatalogAttributeCreate]) -> CatalogAttribute:
        """The async `add_attribute`."""
        return await arun(self._api, _add_attribute_flow(self, fields))

    def add_record(self, **fields: Unpack[shapes.CatalogRecordCreate]) -> CatalogRecord:
        """Add a record, `attributes=[{"attribute": {"id": ...}, "values": [...]}]`, and return it.

        The cached `records` are dropped.
        """
        return run(self._api, _add_record_flow(self, fields))

    async def aadd_record(self, **fields: Unpack[shapes.CatalogRecordCreate]) -> CatalogRecord:
        """The async `add_record`."""
        return await arun(self._api, _add_record_flow(self, fields))


def _fetch_attributes_flow(relation: CatalogRelation) -> Flow[list[CatalogAttribute]]:
    relation._attributes = yield kind_of(CatalogAttribute).walk(relation._api, {}, _relation_id=relation.id)
    return relation._attributes


def _fetch_records_flow(relation: CatalogRelation) -> Flow[list[CatalogRecord]]:
    relation._records = yield kind_of(CatalogRecord).walk(relation._api, {}, _relation_id=relation.id)
    return relation._records


def _add_attribute_flow(relation: CatalogRelation, fields: shapes.CatalogAttributeCreate) -> Flow[CatalogAttribute]:
    attribute = yield from kind_of(CatalogAttribute).create_flow(relation._api, fields, _relation_id=relation.id)
    relation._attributes = None
    return attribute


def _add_record_flow(relation: CatalogRelation, fields: shapes.CatalogRecordCreate) -> Flow[CatalogRecord]:
    record = yield from kind_of(CatalogRecord).create_flow(relation._api, fields, _relation_id=relation.id)
    relation._records = None
    return record
