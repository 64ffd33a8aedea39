"""The generated layer survives what a live, changing API sends.

Unknown fields, enum values the spec does not know, nulls in any attribute, foreign keys as
strings or integers, and HTTP statuses outside `http.HTTPStatus`.
"""

from __future__ import annotations

import enum
from typing import Any

import pytest

from betterstack_sdk import AuthenticatedClient
from betterstack_sdk.api.monitors import delete_monitor, get_monitor
from betterstack_sdk.models import MonitorRegion, MonitorResource, MonitorResponse, MonitorType

from local_server import CannedResponse, RecordedRequest, running_server
from spec_helpers import generated_model, resolve, spec


def _properties(schema: dict[str, Any]) -> dict[str, Any]:
    found: dict[str, Any] = {}
    for part in schema.get("allOf", []):
        found |= _properties(resolve(part))
    own: dict[str, Any] = schema.get("properties", {})
    return found | own


ATTRIBUTE_SCHEMAS = sorted(name for name in spec()["components"]["schemas"] if name.endswith("Attributes"))
ENUM_SCHEMAS = sorted(name for name, schema in spec()["components"]["schemas"].items() if "enum" in schema)


@pytest.mark.parametrize("name", ATTRIBUTE_SCHEMAS)
def test_null_in_every_attribute_parses(name: str) -> None:
    wire = {key: None for key in _properties(spec()["components"]["schemas"][name])}
    parsed = generated_model(name).from_dict(wire)
    assert parsed.to_dict() == wire


@pytest.mark.parametrize("name", ENUM_SCHEMAS)
def test_unknown_enum_value_is_kept(name: str) -> None:
    cls = generated_model(name)
    future: Any = 987 if issubclass(cls, int) else "value-from-the-future"
    member = cls(future)
    assert isinstance(member, enum.Enum)
    assert member.value == future
    assert member == future


def test_known_enum_value_is_the_member() -> None:
    assert MonitorType("keyword") is MonitorType.KEYWORD


def _monitor(**attributes: Any) -> dict[str, Any]:
    return {"id": "2", "type": "monitor", "attributes": {"url": "https://example.com", **attributes}}


def test_unknown_enum_values_inside_a_resource_round_trip() -> None:
    wire = _monitor(monitor_type="grpc", regions=["eu", "sa"], http_method="GET")
    parsed = MonitorResource.from_dict(wire)
    assert parsed.attributes.monitor_type == "grpc"
    assert parsed.attributes.regions == [MonitorRegion.EU, "sa"]
    assert parsed.to_dict() == wire


def test_unknown_fields_are_kept_at_every_level() -> None:
    wire = {
        "data": {**_monitor(brand_new_setting={"nested": [1, 2]}), "links": {"self": "https://x"}},
        "meta": {"request": "abc"},
    }
    wire["data"]["attributes"]["brand_new_setting"] = {"nested": [1, 2]}
    parsed = MonitorResponse.from_dict(wire)
    assert parsed.additional_properties == {"meta": {"request": "abc"}}
    assert parsed.data.additional_properties == {"links": {"self": "https://x"}}
    assert parsed.data.attributes.additional_properties == {"brand_new_setting": {"nested": [1, 2]}}
    assert parsed.to_dict() == wire


@pytest.mark.parametrize("value", ["12", 12, None])
def test_foreign_keys_keep_their_wire_type(value: object) -> None:
    parsed = MonitorResource.from_dict(_monitor(monitor_group_id=value, policy_id=value))
    assert parsed.attributes.monitor_group_id == value
    assert type(parsed.attributes.policy_id) is type(value)
    assert parsed.to_dict()["attributes"]["monitor_group_id"] == value


def _answer_520(_request: RecordedRequest) -> CannedResponse:
    return CannedResponse(status=520, body=b"<html>origin unreachable</html>", content_type="text/html")


def test_status_outside_httpstatus_does_not_crash_a_get() -> None:
    with running_server(_answer_520) as server, AuthenticatedClient(base_url=server.base_url, token="t") as client:
        response = get_monitor.sync_detailed(client=client, monitor_id="2")
    assert response.status_code == 520
    assert response.parsed is None
    assert response.content == b"<html>origin unreachable</html>"


def test_status_outside_httpstatus_does_not_crash_a_delete() -> None:
    with running_server(_answer_520) as server, AuthenticatedClient(base_url=server.base_url, token="t") as client:
        response = delete_monitor.sync_detailed(client=client, monitor_id="2")
    assert response.status_code == 520
