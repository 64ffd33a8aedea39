"""Metadata (v3): listing with owner filters, upsert, and save/delete through upsert, on the wire."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from betterstack.uptime import ForbiddenError, UnprocessableEntityError, ValidationError
from betterstack.uptime.objects.metadata import Metadata

from wire import fixture, make_api, reply


def record(**attributes: Any) -> Any:
    base = {"key": "Service", "values": [{"type": "String", "value": "checkout"}], "team_name": "Production"}
    return {
        "data": {
            "id": "401",
            "type": "metadata",
            "attributes": {**base, "owner_id": "2", "owner_type": "Monitor", **attributes},
        }
    }


def test_filter_by_owner_sends_the_query() -> None:
    listing = fixture("list_metadata")
    listing["pagination"]["next"] = None
    api, wire = make_api({("GET", "/api/v3/metadata"): listing})
    found = list(Metadata.filter(api, owner_type="Monitor", owner_id="2", team_name="Production"))
    assert (wire.last.method, wire.last.url.path) == ("GET", "/api/v3/metadata")
    assert dict(wire.last.url.params) == {"owner_type": "Monitor", "owner_id": "2", "team_name": "Production"}
    assert [m.id for m in found] == ["401", "402", "403"]
    service, owner, _ = found
    assert (service.key, service.owner_type, service.owner_id) == ("Service", "Monitor", 2)  # "2" on the wire
    assert service.values == [{"type": "String", "value": "checkout"}]
    assert owner.owner_id == 5
    assert owner.beta_flag is True  # type: ignore[attr-defined]


def test_get_all_instances_follows_pages() -> None:
    page_two = fixture("list_metadata")
    page_two["data"] = page_two["data"][:1]
    page_two["pagination"]["next"] = None

    def pages(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, json=page_two if request.url.params.get("page") == "2" else fixture("list_metadata"))

    api, wire = make_api({("GET", "/api/v3/metadata"): pages})
    assert [m.id for m in Metadata.get_all_instances(api)] == ["401", "402", "403", "401"]
    assert [r.url.params.get("page") for r in wire.requests] == [None, "2"]


def test_upsert_posts_the_key_and_returns_the_record() -> None:
    api, wire = make_api({("POST", "/api/v3/metadata"): reply(201, record())})
    stored = Metadata.upsert(api, "Monitor", 2, "Service", [{"type": "String", "value": "checkout"}], mode="merge")
    assert (wire.last.method, wire.last.url.host, wire.last.url.path) == (
        "POST",
        "uptime.betterstack.com",
        "/api/v3/metadata",
    )
    assert wire.body() == {
        "owner_id": "2",  # the API takes a string, whatever the caller passes
        "owner_type": "Monitor",
        "key": "Service",
        "values": [{"type": "String", "value": "checkout"}],
        "mode": "merge",
    }
    assert stored is not None
    assert (stored.id, stored.key, stored.owner_id) == ("401", "Service", 2)
    assert stored.get_modified_properties() == []


def test_upsert_without_mode_leaves_it_out_and_accepts_200() -> None:
    api, wire = make_api({("POST", "/api/v3/metadata"): record()})
    stored = Metadata.upsert(api, "Incident", "25", "Runbook", [{"value": "https://wiki.example.com"}])
    assert wire.body() == {
        "owner_id": "25",
        "owner_type": "Incident",
        "key": "Runbook",
        "values": [{"value": "https://wiki.example.com"}],
    }
    assert stored is not None


def test_upsert_answered_204_returns_none() -> None:
    api, wire = make_api({("POST", "/api/v3/metadata"): reply(204)})
    assert Metadata.upsert(api, "Heartbeat", 5, "Owner", []) is None
    assert wire.body()["values"] == []


def test_upsert_leaves_an_unknown_owner_type_to_the_api() -> None:
    # Enums stay open so owner types the API adds later still work; the API judges the value.
    rejected = {"errors": {"owner_type": ["is not included in the list"]}}
    api, wire = make_api({("POST", "/api/v3/metadata"): reply(422, rejected)})
    with pytest.raises(UnprocessableEntityError, match="owner_type: is not included in the list"):
        Metadata.upsert(api, "Website", 2, "Service", [])  # type: ignore[arg-type]
    assert wire.body()["owner_type"] == "Website"


def test_save_upserts_the_changed_values() -> None:
    updated = record(values=[{"type": "String", "value": "checkout"}, {"type": "String", "value": "cart"}])
    api, wire = make_api({("POST", "/api/v3/metadata"): updated})
    meta = Metadata._from_api_response(api, record()["data"])
    meta.save()
    assert wire.requests == []  # nothing changed
    assert meta.values is not None
    meta.values.append({"type": "String", "value": "cart"})
    meta.save()
    assert wire.body() == {
        "owner_id": "2",
        "owner_type": "Monitor",
        "key": "Service",
        "values": [{"type": "String", "value": "checkout"}, {"type": "String", "value": "cart"}],
    }
    assert meta.values == updated["data"]["attributes"]["values"]
    assert meta.get_modified_properties() == []


def test_save_refuses_to_rename_a_key_before_any_request() -> None:
    api, wire = make_api({})
    meta = Metadata._from_api_response(api, record()["data"])
    meta.key = "Component"
    with pytest.raises(ValidationError, match="not key"):
        meta.save()
    assert wire.requests == []
    assert meta.get_modified_properties() == ["key"]


def test_delete_upserts_an_empty_list() -> None:
    api, wire = make_api({("POST", "/api/v3/metadata"): reply(204)})
    Metadata._from_api_response(api, record()["data"]).delete()
    assert wire.body() == {"owner_id": "2", "owner_type": "Monitor", "key": "Service", "values": []}


def test_delete_without_owner_raises_before_any_request() -> None:
    api, wire = make_api({})
    with pytest.raises(ValidationError, match="needs owner_type, owner_id and key"):
        Metadata(id="401", _api=api).delete()
    assert wire.requests == []


def test_no_get_by_id_and_no_plain_create() -> None:
    api, wire = make_api({})
    with pytest.raises(ValidationError, match="no get operation"):
        Metadata.get(api, "401")
    with pytest.raises(ValidationError, match="no create operation"):
        Metadata.new(api, key="Service")
    assert wire.requests == []


def test_filter_rejects_an_unknown_parameter_before_any_request() -> None:
    api, wire = make_api({})
    with pytest.raises(ValidationError, match="cannot be filtered by 'key'"):
        Metadata.filter(api, key="Service")  # type: ignore[call-arg]
    assert wire.requests == []


def test_forbidden_upsert_raises() -> None:
    api, _ = make_api({("POST", "/api/v3/metadata"): reply(403, {"errors": "This API token is read-only."})})
    with pytest.raises(ForbiddenError, match="read-only"):
        Metadata.upsert(api, "Monitor", 2, "Service", [])


def test_unknown_attribute_is_refused() -> None:
    api, _ = make_api({})
    with pytest.raises(AttributeError, match="did you mean 'values'"):
        Metadata(id="1", _api=api).valuse = []  # type: ignore[attr-defined]


def test_upsert_with_values_none_sends_null_as_terraform_does_to_remove_a_key() -> None:
    api, wire = make_api({("POST", "/api/v3/metadata"): reply(204)})
    assert Metadata.upsert(api, "Monitor", "123", "test_key", None) is None
    assert wire.body() == {"owner_id": "123", "owner_type": "Monitor", "key": "test_key", "values": None}


def test_upsert_sends_a_tuple_of_values_as_a_list() -> None:
    api, wire = make_api({("POST", "/api/v3/metadata"): reply(201, record())})
    Metadata.upsert(api, "Monitor", 2, "Service", ({"type": "String", "value": "checkout"},))
    assert wire.body()["values"] == [{"type": "String", "value": "checkout"}]


@pytest.mark.parametrize(
    ("values", "shown"),
    [(5, "5 (int)"), ("checkout", "'checkout' (str)"), ({"type": "String"}, "{'type': 'String'} (dict)")],
)
def test_upsert_refuses_values_that_are_not_a_list_naming_them(values: Any, shown: str) -> None:
    api, wire = make_api({})
    with pytest.raises(ValidationError) as raised:
        Metadata.upsert(api, "Monitor", 2, "Service", values)
    assert str(raised.value) == (
        f"upsert_metadata: values must be a list whose items are each a dict, not {shown} (nothing was sent)"
    )
    assert wire.requests == []


def test_upsert_refuses_an_owner_id_that_is_not_an_id_naming_it() -> None:
    api, wire = make_api({})
    with pytest.raises(ValidationError, match=r"owner_id must be a string, not True \(bool\)"):
        Metadata.upsert(api, "Monitor", True, "Service", [])
    with pytest.raises(ValidationError, match=r"owner_id must be a string, not 2.5 \(float\)"):
        Metadata.upsert(api, "Monitor", 2.5, "Service", [])  # type: ignore[arg-type]
    assert wire.requests == []
