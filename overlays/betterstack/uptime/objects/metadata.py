"""Metadata: keys with typed values attached to monitors, heartbeats, incidents and integrations."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Self, TypeVar

from betterstack_sdk import operations as ops
from betterstack_sdk import shapes
from betterstack_sdk.fields import MetadataFields
from betterstack_sdk.signatures import ListMetadata

from .._base import BaseAPIObject, Operations
from .._calls import Call
from .._client import PaginatedAPI
from .._errors import ValidationError
from .._flows import Flow, answer_of, arun, run
from .._kind import Kind, kind_of

_M = TypeVar("_M", bound="Metadata")


class _MetadataKind(Kind["Metadata"]):
    def save_flow(self, obj: Metadata) -> Flow[None]:
        # `save()` upserts the changed `values`, replacing the key's values; a key cannot be
        # renamed or moved, so any other change is refused before a request.
        modified = obj.get_modified_properties()
        if not modified:
            return
        if modified != ["values"]:
            others = ", ".join(name for name in modified if name != "values")
            raise ValidationError(
                f"only the values of a metadata key can be saved, not {others}; upsert a new key and delete this one"
            )
        answer = yield _upsert_call(*_owner(obj), obj.values or [], None)
        self.take(obj, answer)

    def delete_flow(self, obj: Metadata) -> Flow[None]:
        # The API removes a key whose values are upserted as an empty list.
        yield _upsert_call(*_owner(obj), [], None)


class Metadata(
    MetadataFields[PaginatedAPI],
    ListMetadata[PaginatedAPI],
    BaseAPIObject,
    kind=_MetadataKind,
    operations=Operations(list=ops.list_metadata),
):
    """One metadata key on one resource, with its values (`[{"type": "String", "value": "..."}]`).

    The API has no per-record update or delete: `upsert()` sets a key, `save()` upserts the
    changed `values`, and `delete()` upserts an empty list, which removes the key.
    """

    @classmethod
    def upsert(
        cls,
        api: PaginatedAPI,
        owner_type: shapes.MetadataOwnerType,
        owner_id: str | int,
        key: str,
        values: Sequence[shapes.MetadataValue | dict[str, Any]] | None,
        mode: shapes.MetadataUpsertMode | None = None,
    ) -> Self | None:
        """Set `key` on the resource `owner_type`/`owner_id`: create it, or replace or merge its values.

        Args:
            api: The client.
            owner_type: The kind of resource (`Monitor`, `Heartbeat`, `Incident`, ...).
            owner_id: The resource's id.
            key: The metadata key.
            values: The values; an empty list or None removes the key (None is sent as `null`,
                as the Terraform provider sends it).
            mode: `replace` (the API's default) or `merge`.

        Returns:
            The metadata record, or None when the API answers 204 (the key was removed).

        Raises:
            ValidationError: An argument the API would refuse (a `values` that is not a list,
                an `owner_id` that is not an id); nothing is sent.
        """
        return run(api, _upsert_flow(cls, api, owner_type, owner_id, key, values, mode))

    @classmethod
    async def aupsert(
        cls,
        api: PaginatedAPI,
        owner_type: shapes.MetadataOwnerType,
        owner_id: str | int,
        key: str,
        values: Sequence[shapes.MetadataValue | dict[str, Any]] | None,
        mode: shapes.MetadataUpsertMode | None = None,
    ) -> Self | None:
        """The async `upsert`."""
        return await arun(api, _upsert_flow(cls, api, owner_type, owner_id, key, values, mode))


def _upsert_call(
    owner_type: str,
    owner_id: str | int,
    key: str,
    values: Sequence[shapes.MetadataValue | dict[str, Any]] | None,
    mode: str | None,
) -> Call:
    # The API takes the owner id as a string, whatever type the caller holds it as; anything but
    # an integer goes as given, so the spec's check names it (never as the text "None").
    if isinstance(owner_id, int) and not isinstance(owner_id, bool):
        owner_id = str(owner_id)
    # A tuple or other sequence goes as a list; anything else (a string, a dict, a number) as
    # given, for the check to refuse by name.
    if isinstance(values, Sequence) and not isinstance(values, str | bytes):
        values = list(values)
    body: dict[str, Any] = {"owner_id": owner_id, "owner_type": owner_type, "key": key, "values": values}
    if mode is not None:
        body["mode"] = mode
    return Call(ops.upsert_metadata, body=kind_of(Metadata).checked_body(ops.upsert_metadata, body))


def _upsert_flow(
    cls: type[_M],
    api: PaginatedAPI,
    owner_type: str,
    owner_id: str | int,
    key: str,
    values: Sequence[shapes.MetadataValue | dict[str, Any]] | None,
    mode: str | None,
) -> Flow[_M | None]:
    data = answer_of((yield _upsert_call(owner_type, owner_id, key, values, mode))).resource()
    return None if data is None else kind_of(cls).from_item(api, data)


def _owner(metadata: Metadata) -> tuple[Any, Any, str]:
    if metadata.owner_type is None or metadata.owner_id is None or metadata.key is None:
        raise ValidationError(f"Metadata {metadata.id!r} needs owner_type, owner_id and key; load it with filter()")
    return metadata.owner_type, metadata.owner_id, metadata.key
