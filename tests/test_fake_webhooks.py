"""The fake API's outgoing webhooks: the custom template linked in `relationships` and `included`."""

from __future__ import annotations

from typing import Any

import pytest

from betterstack.uptime import NotFoundError, UptimeAPI
from betterstack.uptime.objects import OutgoingWebhook
from betterstack.uptime.testing import FakeUptime

WEBHOOKS = "/api/v2/outgoing-webhooks"
HEADERS = [{"name": "Content-Type", "value": "application/json"}]


@pytest.fixture
def fake() -> FakeUptime:
    return FakeUptime()


@pytest.fixture
def api(fake: FakeUptime) -> UptimeAPI:
    return UptimeAPI("test-token", transport=fake.transport, retries=0)


def template(id: str, **fields: Any) -> dict[str, Any]:
    """A `custom_webhook_template` object of `included`."""
    attributes = {"http_method": "post", "auth_username": None, "auth_password": None, "headers_template": None}
    return {"id": id, "type": "custom_webhook_template", "attributes": {**attributes, "body_template": None, **fields}}


def link(id: str | None) -> dict[str, Any]:
    return {"custom_webhook_template": {"data": None if id is None else {"id": id, "type": "custom_webhook_template"}}}


def test_a_webhook_without_a_template_links_none(api: UptimeAPI) -> None:
    created = api.request(
        "POST", WEBHOOKS, body={"name": "Test", "url": "https://example.com", "trigger_type": "on_call_change"}
    )
    assert created.status_code == 201
    body = created.json()
    assert (body["data"]["relationships"], body["included"]) == (link(None), [])
    assert body["data"]["attributes"]["custom_webhook_template_attributes"] is None
    assert api.request("GET", f"{WEBHOOKS}/{body['data']['id']}").json() == body


def test_a_template_sent_is_linked_and_included(fake: FakeUptime, api: UptimeAPI) -> None:
    sent = {"headers_template": HEADERS, "body_template": '{"id": "$INCIDENT_ID"}'}
    body = {"url": "https://example.com", "trigger_type": "incident_change", "custom_webhook_template_attributes": sent}
    answer = api.request("POST", WEBHOOKS, body=body).json()
    [included] = answer["included"]
    assert included == template(included["id"], **sent)
    assert answer["data"]["relationships"] == link(included["id"])
    # The attribute carries the same template, with its id, as Terraform reads it.
    assert answer["data"]["attributes"]["custom_webhook_template_attributes"] == {
        "id": included["id"],
        **included["attributes"],
    }
    stored = fake.find(WEBHOOKS, answer["data"]["id"])
    assert stored is not None
    assert stored["attributes"]["custom_webhook_template_attributes"]["id"] == included["id"]


def test_an_update_changes_only_the_template_fields_sent(api: UptimeAPI) -> None:
    sent = {"http_method": "put", "headers_template": HEADERS, "body_template": "a"}
    body = {"url": "https://example.com", "trigger_type": "incident_change", "custom_webhook_template_attributes": sent}
    created = api.request("POST", WEBHOOKS, body=body).json()
    webhook_id, template_id = created["data"]["id"], created["included"][0]["id"]
    changed = {"custom_webhook_template_attributes": {"body_template": "b", "auth_username": "relay"}}
    updated = api.request("PATCH", f"{WEBHOOKS}/{webhook_id}", body=changed).json()
    expected = template(
        template_id, http_method="put", headers_template=HEADERS, body_template="b", auth_username="relay"
    )
    assert (updated["data"]["relationships"], updated["included"]) == (link(template_id), [expected])
    renamed = api.request("PATCH", f"{WEBHOOKS}/{webhook_id}", body={"name": "Relay"}).json()
    assert renamed["included"] == [expected]


def test_a_list_includes_the_templates_of_its_page(fake: FakeUptime, api: UptimeAPI) -> None:
    fake.seed(
        {
            WEBHOOKS: [
                {"id": "16", "url": "https://a.example.com", "trigger_type": "on_call_change"},
                {
                    "id": "17",
                    "url": "https://b.example.com",
                    "trigger_type": "incident_change",
                    "custom_webhook_template_attributes": {"id": "18", "http_method": "get", "body_template": "x"},
                },
                # Seeded without an id: one is given when first served, and kept.
                {
                    "id": "19",
                    "url": "https://c.example.com",
                    "trigger_type": "incident_change",
                    "custom_webhook_template_attributes": {},
                },
            ]
        }
    )
    first = api.request("GET", WEBHOOKS, parameters={"per_page": 2}).json()
    assert [item["relationships"] for item in first["data"]] == [link(None), link("18")]
    assert first["included"] == [template("18", http_method="get", body_template="x")]
    last = api.request("GET", WEBHOOKS, parameters={"per_page": 2, "page": 2}).json()
    [given] = last["included"]
    assert given == template(given["id"], http_method=None)
    assert last["data"][0]["relationships"] == link(given["id"])
    assert api.request("GET", f"{WEBHOOKS}/19").json()["included"] == [given]


def test_the_sdk_reads_and_saves_a_template(fake: FakeUptime, api: UptimeAPI) -> None:
    webhook = OutgoingWebhook.new(
        api,
        url="https://example.com",
        trigger_type="incident_change",
        custom_webhook_template_attributes={
            "headers_template": [{"name": "Content-Type", "value": "application/json"}],
            "body_template": "a",
        },
    )
    read = webhook.custom_webhook_template_attributes
    assert read is not None and (read["http_method"], read["body_template"]) == ("post", "a")
    webhook.custom_webhook_template_attributes = {**read, "body_template": "b"}
    webhook.save()
    stored = fake.find(WEBHOOKS, webhook.id)
    assert stored is not None
    assert stored["attributes"]["custom_webhook_template_attributes"] == {**read, "body_template": "b"}
    webhook.delete()
    with pytest.raises(NotFoundError):
        OutgoingWebhook.get(api, webhook.id)
