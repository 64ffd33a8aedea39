"""Catalog relations, their attributes and their records, on the wire."""

from __future__ import annotations

import json

import httpx
import pytest

from betterstack.uptime import NotFoundError, UnprocessableEntityError, ValidationError
from betterstack.uptime.objects.catalog import CatalogAttribute, CatalogRecord, CatalogRelation

from wire import fixture, make_api, one_page, reply, where

RELATIONS = "/api/v2/catalog/relations"


# Relations ----------------------------------------------------------------------------------


def test_relation_get_and_filter() -> None:
    api, wire = make_api(
        {
            ("GET", f"{RELATIONS}/118"): fixture("get_catalog_relation"),
            ("GET", RELATIONS): one_page("list_catalog_relations"),
        }
    )
    relation = CatalogRelation.get(api, 118)
    assert where(wire.last) == ("GET", f"{RELATIONS}/118")
    assert (relation.id, relation.name, relation.match_mode) == ("118", "Services", "any")
    found = list(CatalogRelation.filter(api, per_page=25))
    assert dict(wire.last.url.params) == {"per_page": "25"}
    assert [(r.id, r.name) for r in found] == [("118", "Services"), ("119", "Customers")]
    assert found[1].beta_flag is True  # type: ignore[attr-defined]
    assert CatalogRelation.generate_global_url() == RELATIONS
    assert relation.generate_url() == f"{RELATIONS}/118"


def test_relation_new_save_delete() -> None:
    api, wire = make_api(
        {
            ("POST", RELATIONS): reply(201, fixture("get_catalog_relation")),
            ("PATCH", f"{RELATIONS}/118"): fixture("get_catalog_relation"),
            ("DELETE", f"{RELATIONS}/118"): reply(204),
        }
    )
    relation = CatalogRelation.new(api, name="Services", match_mode="any", description=None)
    assert where(wire.last) == ("POST", RELATIONS)
    assert wire.body() == {"name": "Services", "match_mode": "any", "description": None}
    assert relation.id == "118"
    relation.match_mode = "all"
    relation.save()
    assert where(wire.last) == ("PATCH", f"{RELATIONS}/118")
    assert wire.body() == {"match_mode": "all"}
    relation.delete()
    assert where(wire.last) == ("DELETE", f"{RELATIONS}/118")


def test_relation_attributes_and_records_are_lazy_and_cached() -> None:
    page_two = one_page("list_catalog_records")
    page_two["data"] = page_two["data"][:1]

    def records(request: httpx.Request) -> httpx.Response:
        page = page_two if request.url.params.get("page") == "2" else fixture("list_catalog_records")
        return httpx.Response(200, json=page)

    api, wire = make_api(
        {
            ("GET", f"{RELATIONS}/118/attributes"): fixture("list_catalog_attributes"),
            ("GET", f"{RELATIONS}/118/records"): records,
        }
    )
    relation = CatalogRelation(id="118", _api=api)
    attributes = relation.attributes
    assert where(wire.last) == ("GET", f"{RELATIONS}/118/attributes")
    assert [(a.id, a.name, a.primary) for a in attributes] == [
        ("301", "Service name", True),
        ("302", "Owner", False),
        ("303", "Runbook", False),
    ]
    assert relation.attributes is attributes
    assert len(wire.requests) == 1
    assert [r.id for r in relation.records] == ["5521", "5522", "5521"]
    assert [r.url.params.get("page") for r in wire.requests[1:]] == [None, "2"]
    record = relation.records[0]
    assert record.attributes is not None
    assert record.attributes[0] == {
        "attribute": {"id": "301", "name": "Service name"},
        "values": [{"type": "String", "value": "checkout-api"}],
    }
    # Children know their relation, so their own requests carry its id.
    assert attributes[0].generate_url() == f"{RELATIONS}/118/attributes/301"
    assert record.generate_url() == f"{RELATIONS}/118/records/5521"
    assert relation.fetch_attributes() is not attributes
    assert len(wire.requests) == 4


# Attributes and records -------------------------------------------------------------------


def test_attribute_get_save_delete_carry_the_relation() -> None:
    answered = fixture("get_catalog_attribute")
    answered["data"]["attributes"]["name"] = "Service"
    api, wire = make_api(
        {
            ("GET", f"{RELATIONS}/118/attributes/301"): fixture("get_catalog_attribute"),
            ("PATCH", f"{RELATIONS}/118/attributes/301"): answered,
            ("DELETE", f"{RELATIONS}/118/attributes/301"): reply(204),
        }
    )
    attribute = CatalogAttribute.get(api, 301, relation_id=118)
    assert (attribute.name, attribute.primary, attribute.position) == ("Service name", True, 0)
    attribute.name = "Service"
    attribute.save()
    assert where(wire.last) == ("PATCH", f"{RELATIONS}/118/attributes/301")
    assert wire.body() == {"name": "Service"}
    assert attribute.name == "Service"
    assert attribute.get_modified_properties() == []
    attribute.delete()
    assert where(wire.last) == ("DELETE", f"{RELATIONS}/118/attributes/301")


def test_add_attribute_posts_under_the_relation() -> None:
    api, wire = make_api({("POST", f"{RELATIONS}/118/attributes"): reply(201, fixture("get_catalog_attribute"))})
    attribute = CatalogRelation(id="118", _api=api).add_attribute(name="Service name", primary=True)
    assert where(wire.last) == ("POST", f"{RELATIONS}/118/attributes")
    assert wire.body() == {"name": "Service name", "primary": True}
    assert attribute.id == "301"
    assert attribute.generate_url() == f"{RELATIONS}/118/attributes/301"


def test_add_record_and_save_send_the_attribute_values() -> None:
    entries = [
        {"attribute": {"id": 301}, "values": [{"type": "String", "value": "checkout-api"}]},
        {"attribute": {"id": "302", "name": "Owner"}, "values": [{"type": "User", "email": "alice@example.com"}]},
    ]
    api, wire = make_api(
        {
            ("POST", f"{RELATIONS}/118/records"): reply(201, fixture("get_catalog_record")),
            ("PATCH", f"{RELATIONS}/118/records/5521"): fixture("get_catalog_record"),
        }
    )
    record = CatalogRelation(id="118", _api=api).add_record(attributes=json.loads(json.dumps(entries)))
    assert where(wire.last) == ("POST", f"{RELATIONS}/118/records")
    assert wire.body() == {"attributes": entries}
    assert record.id == "5521"
    assert record.attributes is not None
    values = record.attributes[2].get("values")
    assert values is not None
    values.append({"type": "String", "value": "https://wiki.example.com/checkout"})
    record.save()
    assert where(wire.last) == ("PATCH", f"{RELATIONS}/118/records/5521")
    assert wire.body()["attributes"][2] == {
        "attribute": {"id": "303", "name": "Runbook"},
        "values": [{"type": "String", "value": "https://wiki.example.com/checkout"}],
    }


def test_adding_children_drops_the_cached_lists() -> None:
    api, wire = make_api(
        {
            ("GET", f"{RELATIONS}/118"): fixture("get_catalog_relation"),
            ("GET", f"{RELATIONS}/118/attributes"): one_page("list_catalog_attributes"),
            ("GET", f"{RELATIONS}/118/records"): one_page("list_catalog_records"),
            ("POST", f"{RELATIONS}/118/attributes"): reply(201, fixture("get_catalog_attribute")),
            ("POST", f"{RELATIONS}/118/records"): reply(201, fixture("get_catalog_record")),
        }
    )
    relation = CatalogRelation(id="118", _api=api)
    assert len(relation.attributes) == 3
    assert len(relation.records) == 2
    relation.add_attribute(name="Tier")
    assert wire.body() == {"name": "Tier"}
    relation.add_record(attributes=[{"attribute": {"id": 301}, "values": []}])
    assert wire.body() == {"attributes": [{"attribute": {"id": 301}, "values": []}]}
    calls = len(wire.requests)
    relation.attributes  # noqa: B018 - reading the property fetches again
    relation.records  # noqa: B018
    assert [where(r) for r in wire.requests[calls:]] == [
        ("GET", f"{RELATIONS}/118/attributes"),
        ("GET", f"{RELATIONS}/118/records"),
    ]
    relation.fetch_data()  # a reload drops them too
    calls = len(wire.requests)
    relation.attributes  # noqa: B018
    assert where(wire.requests[calls]) == ("GET", f"{RELATIONS}/118/attributes")


# Negative cases -----------------------------------------------------------------------------


def test_children_without_their_relation_raise_before_any_request() -> None:
    api, wire = make_api({})
    with pytest.raises(ValidationError, match=r"use CatalogRelation.fetch_attributes\(\)"):
        CatalogAttribute.get_all_instances(api)
    with pytest.raises(ValidationError, match=r"use CatalogRelation.fetch_records\(\)"):
        CatalogRecord.filter(api, per_page=10)
    with pytest.raises(ValidationError, match=r"use CatalogRelation.add_record\(\)"):
        CatalogRecord.new(api, attributes=[])
    with pytest.raises(ValidationError, match=r"use CatalogRelation.fetch_attributes\(\)"):
        CatalogAttribute.get_or_create(api, name="Owner")
    with pytest.raises(ValueError):
        CatalogRecord.generate_global_url()
    orphan = CatalogAttribute(id="301", _api=api)
    with pytest.raises(ValidationError, match="does not know its relation_id"):
        orphan.fetch_data()
    with pytest.raises(ValidationError, match="does not know its relation_id"):
        orphan.delete()
    assert wire.requests == []


def test_filter_rejects_an_unknown_parameter_before_any_request() -> None:
    api, wire = make_api({})
    with pytest.raises(ValidationError, match="cannot be filtered by 'name'"):
        CatalogRelation.filter(api, name="Services")  # type: ignore[call-arg]
    assert wire.requests == []


def test_missing_record_raises_not_found() -> None:
    api, wire = make_api({})
    with pytest.raises(NotFoundError):
        CatalogRecord.get(api, "9", relation_id="118")
    assert where(wire.last) == ("GET", f"{RELATIONS}/118/records/9")


def test_rejected_attribute_raises_and_unknown_fields_are_refused() -> None:
    api, _ = make_api(
        {("POST", f"{RELATIONS}/118/attributes"): reply(422, {"errors": {"name": ["has already been taken"]}})}
    )
    with pytest.raises(UnprocessableEntityError, match="name: has already been taken"):
        CatalogRelation(id="118", _api=api).add_attribute(name="Owner")
    with pytest.raises(AttributeError, match="did you mean 'primary'"):
        CatalogAttribute(id="1", _api=api).primery = True  # type: ignore[attr-defined]
