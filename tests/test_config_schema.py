"""The JSON Schema of the configuration file: made from the spec, closed, and true to what export writes.

`betterstack_sdk/config.schema.json` is written by `generator/config_schema.py`; editors validate
files against it. The examples in `tests/fixtures/config/` are hand-written files it accepts.
"""

from __future__ import annotations

import copy
import json
import sys
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any, Literal

import pytest
import yaml
from jsonschema import Draft202012Validator

from betterstack.uptime import UptimeAPI
from betterstack.uptime.config import SCHEMA_URL, apply, dump, export, load, plan
from betterstack.uptime.objects import StatusPage
from betterstack.uptime.testing import DEFAULT_TOKEN, FakeUptime

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "generator"))
from config_schema import DIALECT, KEPT_IDS, KINDS, ConfigSchemaError, config_schema
from fields import FOREIGN_KEY
from spec_helpers import ROOT, spec

SCHEMA_FILE = ROOT / "betterstack_sdk" / "config.schema.json"
EXAMPLES = ROOT / "tests" / "fixtures" / "config"
FULL = EXAMPLES / "full.yaml"
SEED = ROOT / "examples" / "seed.json"
DELETE = object()


@cache
def schema() -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    return loaded


def errors(document: Any) -> list[tuple[str, str]]:
    """Each error as (JSON path of the offending value, the keyword that failed), in path order."""
    found = Draft202012Validator(schema()).iter_errors(document)
    return sorted((error.json_path, str(error.validator)) for error in found)


def messages(document: Any) -> list[str]:
    return [error.message for error in Draft202012Validator(schema()).iter_errors(document)]


def full_example() -> dict[str, Any]:
    loaded: dict[str, Any] = yaml.safe_load(FULL.read_text(encoding="utf-8"))
    return loaded


def edited(path: tuple[str | int, ...], value: object) -> dict[str, Any]:
    """The full example with the value at `path` set to `value` (or removed, for DELETE)."""
    document = copy.deepcopy(full_example())
    parent: Any = document
    for step in path[:-1]:
        parent = parent[step]
    if value is DELETE:
        del parent[path[-1]]
    else:
        parent[path[-1]] = value
    return document


def _walk(node: Any, where: str = "") -> Iterator[tuple[str, dict[str, Any]]]:
    """Every schema object in `node` with where it sits (`$defs/MonitorEntry/properties/url`)."""
    if isinstance(node, dict):
        yield where, node
        for key, value in node.items():
            yield from _walk(value, f"{where}/{key}")
    elif isinstance(node, list):
        for index, item in enumerate(node):
            yield from _walk(item, f"{where}/{index}")


# The schema itself -------------------------------------------------------------------------------


def test_the_schema_is_valid_json_schema_2020_12() -> None:
    assert schema()["$schema"] == DIALECT
    Draft202012Validator.check_schema(schema())


def test_the_file_lists_each_kind_of_the_table_under_its_key_beside_version() -> None:
    assert list(schema()["properties"]) == ["$schema", "version", *(kind.key for kind in KINDS)]
    assert schema()["required"] == ["version"]
    assert schema()["properties"]["version"]["const"] == 1


def test_every_object_is_closed_so_misspelt_fields_are_errors() -> None:
    open_objects = [
        where for where, node in _walk(schema()) if "properties" in node and "additionalProperties" not in node
    ]
    assert open_objects == []


def test_references_name_their_target_and_only_step_members_keep_ids() -> None:
    by_id = {
        where.removeprefix("/$defs/")
        for where, node in _walk(schema())
        if node.get("$ref") == "#/$defs/ForeignKeyId" or node.get("$ref") == FOREIGN_KEY
    }
    assert by_id == {f"{name}/properties/{field}" for name, fields in KEPT_IDS.items() for field in fields}


def test_references_become_the_field_name_without_id() -> None:
    monitor = schema()["$defs"]["MonitorEntry"]["properties"]
    assert {"monitor_group", "policy", "expiration_policy"} <= set(monitor)
    assert not {"monitor_group_id", "policy_id", "expiration_policy_id", "team_name"} & set(monitor)
    assert monitor["monitor_group"]["type"] == ["string", "null"]
    step = schema()["$defs"]["PolicyStep"]["properties"]
    assert {"urgency", "policy"} <= set(step)
    assert not {"urgency_id", "policy_id"} & set(step)


def test_enums_and_descriptions_are_the_spec_s() -> None:
    schemas = spec()["components"]["schemas"]
    assert schema()["$defs"]["MonitorType"]["enum"] == schemas["MonitorType"]["enum"]
    assert schema()["$defs"]["MonitorRegion"]["enum"] == schemas["MonitorRegion"]["enum"]
    checked = schemas["MonitorUpdate"]["allOf"][-1]["properties"]["check_frequency"]
    assert schema()["$defs"]["MonitorEntry"]["properties"]["check_frequency"] == checked


def test_http_method_offers_the_documented_lower_case_values_only() -> None:
    # The API also takes `GET` (the spec's `x-case-variant` option); a file completes and checks `get`.
    method = schema()["$defs"]["MonitorEntry"]["properties"]["http_method"]
    assert method["$ref"] == "#/$defs/MonitorHttpMethod"
    assert "anyOf" not in method
    assert schema()["$defs"]["MonitorHttpMethod"]["enum"] == ["get", "head", "post", "put", "patch"]


def test_secrets_are_marked_write_only() -> None:
    defs = schema()["$defs"]
    secrets = {
        (name, field)
        for name, definition in defs.items()
        for field, prop in definition.get("properties", {}).items()
        if prop.get("writeOnly")
    }
    expected = {("MonitorEntry", "auth_password"), ("MonitorEntry", "environment_variables")}
    assert secrets == expected | {("StatusPageEntry", "password")}


def test_identity_fields_are_required() -> None:
    defs = schema()["$defs"]
    assert defs["MonitorEntry"]["required"][0] == "pronounceable_name"
    assert defs["StatusPageEntry"]["required"][0] == "subdomain"
    assert defs["StatusPageSectionEntry"]["required"] == ["name"]
    assert defs["MetadataEntry"]["required"][:2] == ["owner", "key"]
    assert defs["StatusPageResourceEntry"]["oneOf"] == [
        {"required": [key]} for key in ("monitor", "heartbeat", "monitor_group", "heartbeat_group")
    ]


# The examples ------------------------------------------------------------------------------------


@pytest.mark.parametrize("example", sorted(EXAMPLES.iterdir()), ids=lambda path: path.name)
def test_the_example_is_valid(example: Path) -> None:
    assert errors(yaml.safe_load(example.read_text(encoding="utf-8"))) == []


@pytest.mark.parametrize("example", sorted(EXAMPLES.glob("*.yaml")), ids=lambda path: path.name)
def test_the_yaml_example_points_editors_at_the_schema(example: Path) -> None:
    # The published schema, or (in this repository) the generated file itself.
    prefix, _, target = example.read_text(encoding="utf-8").splitlines()[0].partition("=")
    assert prefix == "# yaml-language-server: $schema"
    assert target == SCHEMA_URL or (example.parent / target).resolve() == SCHEMA_FILE


def test_the_full_example_lists_every_kind_with_sections_and_resources() -> None:
    document = full_example()
    assert set(document) == {"version", *(kind.key for kind in KINDS)}
    resources = [r for page in document["status_pages"] for s in page["sections"] for r in s["resources"]]
    assert {"monitor", "heartbeat"} <= {key for resource in resources for key in resource}


# What the schema rejects, and where it says the fault is -----------------------------------------

MONITOR = ("monitors", 0)
RESOURCE = ("status_pages", 0, "sections", 0, "resources", 0)
REJECTED = [
    ("misspelt kind", ("monitor",), [], "$", "additionalProperties"),
    ("misspelt field", (*MONITOR, "check_frequence"), 60, "$.monitors[0]", "additionalProperties"),
    (
        "misspelt step field",
        ("escalation_policies", 0, "steps", 0, "wait_befor"),
        0,
        "$.escalation_policies[0].steps[0]",
        "additionalProperties",
    ),
    (
        "misspelt resource field",
        (*RESOURCE, "publicname"),
        "Shop",
        "$.status_pages[0].sections[0].resources[0]",
        "additionalProperties",
    ),
    ("an id instead of a name", (*MONITOR, "monitor_group_id"), 12, "$.monitors[0]", "additionalProperties"),
    ("the team", (*MONITOR, "team_name"), "Production", "$.monitors[0]", "additionalProperties"),
    ("a number as text", (*MONITOR, "check_frequency"), "60", "$.monitors[0].check_frequency", "type"),
    ("a name as a number", (*MONITOR, "monitor_group"), 12, "$.monitors[0].monitor_group", "type"),
    ("a kind not a list", ("heartbeats",), {"name": "Nightly backup"}, "$.heartbeats", "type"),
    ("sections not a list", ("status_pages", 0, "sections"), "Website", "$.status_pages[0].sections", "type"),
    ("wrong monitor type", (*MONITOR, "monitor_type"), "http", "$.monitors[0].monitor_type", "enum"),
    ("wrong region", (*MONITOR, "regions", 1), "mars", "$.monitors[0].regions[1]", "enum"),
    (
        "wrong step type",
        ("escalation_policies", 0, "steps", 0, "type"),
        "page",
        "$.escalation_policies[0].steps[0].type",
        "enum",
    ),
    ("below the minimum", ("heartbeats", 0, "period"), 5, "$.heartbeats[0].period", "minimum"),
    ("monitor without its name", (*MONITOR, "pronounceable_name"), DELETE, "$.monitors[0]", "required"),
    ("heartbeat without its name", ("heartbeats", 0, "name"), DELETE, "$.heartbeats[0]", "required"),
    ("status page without its subdomain", ("status_pages", 0, "subdomain"), DELETE, "$.status_pages[0]", "required"),
    (
        "section without its name",
        ("status_pages", 0, "sections", 0, "name"),
        DELETE,
        "$.status_pages[0].sections[0]",
        "required",
    ),
    ("policy without its name", ("escalation_policies", 0, "name"), DELETE, "$.escalation_policies[0]", "required"),
    ("metadata without its owner", ("metadata", 0, "owner"), DELETE, "$.metadata[0]", "required"),
    ("resource naming nothing", (*RESOURCE, "monitor"), DELETE, "$.status_pages[0].sections[0].resources[0]", "oneOf"),
    (
        "resource naming two",
        (*RESOURCE, "heartbeat"),
        "Nightly backup",
        "$.status_pages[0].sections[0].resources[0]",
        "oneOf",
    ),
    (
        "owner naming two",
        ("metadata", 0, "owner", "heartbeat"),
        "Nightly backup",
        "$.metadata[0].owner",
        "maxProperties",
    ),
    ("another version", ("version",), 2, "$.version", "const"),
    ("no version", ("version",), DELETE, "$", "required"),
]


@pytest.mark.parametrize(
    ("path", "value", "where", "keyword"), [case[1:] for case in REJECTED], ids=[case[0] for case in REJECTED]
)
def test_rejects_with_the_path_of_the_fault(
    path: tuple[str | int, ...], value: object, where: str, keyword: str
) -> None:
    assert errors(edited(path, value)) == [(where, keyword)]


def test_a_misspelt_field_is_named_in_the_message() -> None:
    [message] = messages(edited((*MONITOR, "check_frequence"), 60))
    assert "'check_frequence' was unexpected" in message


# The generator's table and the spec must agree ---------------------------------------------------


def test_a_reference_the_table_does_not_place_stops_the_generator() -> None:
    changed = copy.deepcopy(spec())
    changed["components"]["schemas"]["MonitorGroupUpdate"]["properties"]["owner_team_id"] = {"$ref": FOREIGN_KEY}
    with pytest.raises(ConfigSchemaError, match=r"MonitorGroupCreate\.owner_team_id is a reference by id"):
        config_schema(changed)


def test_a_table_field_the_spec_lacks_stops_the_generator() -> None:
    changed = copy.deepcopy(spec())
    del changed["components"]["schemas"]["PolicyUpdate"]["properties"]["fallback_policy_id"]
    with pytest.raises(ConfigSchemaError, match=r"PolicyCreate has no field \['fallback_policy_id'\]"):
        config_schema(changed)


# What export writes ------------------------------------------------------------------------------


def _exported(fake: FakeUptime, format: Literal["yaml", "json"]) -> Any:
    with UptimeAPI(DEFAULT_TOKEN, transport=fake.transport) as api:
        text = dump(export(api), format=format)
    return yaml.safe_load(text) if format == "yaml" else json.loads(text)


@pytest.mark.parametrize("format", ["yaml", "json"])
def test_the_export_of_the_demo_team_is_valid(format: Literal["yaml", "json"]) -> None:
    fake = FakeUptime(seed=json.loads(SEED.read_text(encoding="utf-8")))
    assert errors(_exported(fake, format)) == []


def test_the_export_of_a_team_built_from_the_full_example_is_valid() -> None:
    fake = FakeUptime()
    with UptimeAPI(DEFAULT_TOKEN, transport=fake.transport) as api:
        result = apply(api, plan(api, load(FULL)))
    assert result.failed is None, result.error
    exported = _exported(fake, "yaml")
    assert set(exported) == set(full_example())
    assert errors(exported) == []


def test_the_export_of_a_status_page_showing_a_whole_group_is_valid() -> None:
    fake = FakeUptime(seed=json.loads(SEED.read_text(encoding="utf-8")))
    with UptimeAPI(DEFAULT_TOKEN, transport=fake.transport) as api:
        page = StatusPage.new(api, company_name="Shop", subdomain="shop-groups", timezone="UTC")
        section = page.add_section(name="Everything")
        page.add_resource(
            status_page_section_id=int(section.id), resource_type="MonitorGroup", resource_id=12, public_name="Shop"
        )
    exported = _exported(fake, "yaml")
    shown = [resource for page in exported["status_pages"] for s in page["sections"] for resource in s["resources"]]
    assert {"monitor_group": "Storefront"} in [{k: v for k, v in r.items() if k == "monitor_group"} for r in shown]
    assert errors(exported) == []


def test_the_exported_yaml_points_editors_at_this_schema() -> None:
    with UptimeAPI(DEFAULT_TOKEN, transport=FakeUptime().transport) as api:
        first = dump(export(api)).splitlines()[0]
    assert first == f"# yaml-language-server: $schema={SCHEMA_URL}"
    assert SCHEMA_URL.endswith(f"/{SCHEMA_FILE.parent.name}/{SCHEMA_FILE.name}")
