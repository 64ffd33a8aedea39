"""Outgoing webhooks with their custom request templates.

Outgoing webhooks are records of `/api/v2/outgoing-webhooks`. A webhook's custom template is its
`custom_webhook_template_attributes` attribute, holding the template's own `id`. Every answer
links it under `relationships.custom_webhook_template` and carries it in `included` as a
`custom_webhook_template` object; a webhook without one has a null link (and adds nothing to
`included`, which is `[]` then). A template sent on create or update changes only the fields sent
of the one the webhook has; a new one's `http_method` is `post` unless sent. Seed a template as
that attribute: one without an `id` gets one the first time it is served.
"""

from __future__ import annotations

import dataclasses
import json
from typing import Any

from ._fake import FakeResponse, FakeUptime, Record, Request, _generic, _matches, handles

WEBHOOKS = "/api/v2/outgoing-webhooks"
TEMPLATE = "custom_webhook_template"
TEMPLATE_ATTRIBUTE = "custom_webhook_template_attributes"
TEMPLATE_FIELDS = ("http_method", "auth_username", "auth_password", "headers_template", "body_template")


def _template(fake: FakeUptime, record: Record) -> Record | None:
    """The webhook's template as an `included` object, or None; a seeded one gets its id here."""
    template = record["attributes"].get(TEMPLATE_ATTRIBUTE)
    if not isinstance(template, dict):
        return None
    if template.get("id") is None:
        template["id"] = fake.new_id()
    return {
        "id": str(template["id"]),
        "type": TEMPLATE,
        "attributes": {name: template.get(name) for name in TEMPLATE_FIELDS},
    }


def _documents(fake: FakeUptime, records: list[Record]) -> tuple[list[Record], list[Record]]:
    """Webhooks with `relationships.custom_webhook_template`, and their templates for `included`."""
    webhooks: list[Record] = []
    included: list[Record] = []
    for record in records:
        template = _template(fake, record)
        link = None if template is None else {"id": template["id"], "type": TEMPLATE}
        relationships = {**(record.get("relationships") or {}), TEMPLATE: {"data": link}}
        webhooks.append({**record, "relationships": relationships})
        included += [] if template is None else [template]
    return webhooks, included


def _merged(fake: FakeUptime, current: Any, sent: dict[str, Any]) -> dict[str, Any]:
    """The template after a create or update that sent `sent`."""
    new = {**dict.fromkeys(TEMPLATE_FIELDS), "http_method": "post"}
    template: dict[str, Any] = dict(current) if isinstance(current, dict) else new
    if template.get("id") is None:
        template["id"] = fake.new_id()
    template.update({name: value for name, value in sent.items() if name in TEMPLATE_FIELDS})
    return template


@handles("list_outgoing_webhooks")
def list_outgoing_webhooks(fake: FakeUptime, request: Request) -> FakeResponse:
    """A page of webhooks, with the templates of that page in `included`."""
    records = [record for record in fake.collection(WEBHOOKS).values() if _matches(record, request.query)]
    response = fake.page(request, records)
    payload = json.loads(response.body)
    shown = {webhook["id"] for webhook in payload["data"]}
    payload["data"], payload["included"] = _documents(fake, [record for record in records if record["id"] in shown])
    return FakeResponse.json(response.status, payload)


@handles("create_outgoing_webhook", "get_outgoing_webhook", "update_outgoing_webhook")
def outgoing_webhook(fake: FakeUptime, request: Request) -> FakeResponse:
    """Create, read or change one webhook as a plain record, answered with its template."""
    body: dict[str, Any] = request.body or {}
    sent = body.get(TEMPLATE_ATTRIBUTE)
    if isinstance(sent, dict):
        stored = fake.find(WEBHOOKS, request.item_id) if request.route.is_item else None
        current = None if stored is None else stored["attributes"].get(TEMPLATE_ATTRIBUTE)
        request = dataclasses.replace(request, body={**body, TEMPLATE_ATTRIBUTE: _merged(fake, current, sent)})
    response = _generic(fake, request)
    if response.status >= 300:
        return response
    record = fake.find(WEBHOOKS, json.loads(response.body)["data"]["id"])
    assert record is not None  # just created, read or changed
    webhooks, included = _documents(fake, [record])
    return FakeResponse.json(response.status, {"data": webhooks[0], "included": included})
