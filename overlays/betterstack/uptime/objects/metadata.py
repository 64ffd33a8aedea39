"""Metadata: keys with typed values attached to monitors, heartbeats, incidents and integrations."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Self

from betterstack_sdk import shapes
from betterstack_sdk.api.metadata import list_metadata, upsert_metadata
from betterstack_sdk.fields import MetadataFields
from betterstack_sdk.signatures import ListMetadata

from .._base import BaseAPIObject, Endpoints
from .._client import PaginatedAPI
from .._errors import ValidationError


class Metadata(MetadataFields[PaginatedAPI], ListMetadata[PaginatedAPI], BaseAPIObject):
    """One metadata key on one resource, with its values (`[{"type": "String", "value": "..."}]`).

    The API has no per-record update or delete: `upsert()` sets a key, `save()` upserts the
    changed `values`, and `delete()` upserts an empty list, which removes the key.
    """

    _endpoints = Endpoints(list=list_metadata)

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
        parsed = _upsert(api, owner_type, owner_id, key, values, mode)
        return None if parsed is None else cls._from_resource(api, parsed.data)

    def _owner(self) -> tuple[Any, Any, str]:
        if self.owner_type is None or self.owner_id is None or self.key is None:
            raise ValidationError(f"Metadata {self.id!r} needs owner_type, owner_id and key; load it with filter()")
        return self.owner_type, self.owner_id, self.key

    def save(self) -> None:
        """Upsert the changed `values` (replacing the key's values); no request when nothing changed.

        Raises:
            ValidationError: A field other than `values` changed: a key cannot be renamed or moved.
        """
        modified = self.get_modified_properties()
        if not modified:
            return
        if modified != ["values"]:
            others = ", ".join(name for name in modified if name != "values")
            raise ValidationError(
                f"only the values of a metadata key can be saved, not {others}; upsert a new key and delete this one"
            )
        parsed = _upsert(self._api, *self._owner(), self.values or [], None)
        if parsed is not None:
            self._apply_resource(parsed.data)
        else:
            self.reset_variable_tracking()

    def delete(self) -> None:
        """Remove the key from its resource (upserts an empty list of values)."""
        _upsert(self._api, *self._owner(), [], None)


def _upsert(
    api: PaginatedAPI,
    owner_type: str,
    owner_id: str | int,
    key: str,
    values: Sequence[shapes.MetadataValue | dict[str, Any]] | None,
    mode: str | None,
) -> Any:
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
    return api.call(upsert_metadata, body=Metadata._body(upsert_metadata, body))
