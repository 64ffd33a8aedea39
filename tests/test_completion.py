"""Completion as users meet it: jedi (the engine of IPython, Jupyter and many editors) on the SDK.

Editor-style checks run jedi against the wheel installed in a fresh venv (the `installed`
fixture, tests/installed.py), with a project folder outside the repository: after `.` on an
object from `get()` or from a list, jedi must offer every field and public method, and inside
`new(` every field of the create body as a keyword. Notebook-style checks complete a live object
with `jedi.Interpreter` and read its `dir()`: there, no private machinery is offered. (Static
analysis still lists the private names of the object machinery after the public ones; keeping
them out needs the machinery off the resource classes, issue #13's core.)

The expected names come from the runtime classes: `kind_of(cls).fields` (the declared fields), the public
names of `dir(cls)`, and the create body's TypedDict in `betterstack_sdk.shapes`.
"""

from __future__ import annotations

import inspect
import json
from pathlib import Path
from typing import Any

import jedi  # type: ignore[import-untyped]
import pytest

from betterstack.uptime import BaseAPIObject, UptimeAPI
from betterstack.uptime._kind import kind_of
from betterstack.uptime.objects import Heartbeat, Incident, Monitor, StatusPage
from betterstack.uptime.testing import DEFAULT_TOKEN, FakeUptime
from betterstack_sdk import shapes

from installed import ROOT, Installation

CLASSES: list[type[BaseAPIObject]] = [Monitor, Heartbeat, StatusPage, Incident]
PROLOGUE = """\
from betterstack.uptime import UptimeAPI
from betterstack.uptime.objects import {name}

api = UptimeAPI("token")
"""
# Where the user types `.` with no prefix: on what `get()` returns and on a list item.
CONTEXTS = {
    "after get": '{name}.get(api, "1").',
    "in a loop": "for item in {name}.get_all_instances(api):\n    item.",
}
# The demo's seed has no heartbeat.
HEARTBEATS = {"/api/v2/heartbeats": [{"id": "7", "name": "Nightly backup", "period": 86400, "grace": 600}]}


def public_members(cls: type[BaseAPIObject]) -> set[str]:
    """What completion should offer on an instance: the fields, `id`, public methods and properties."""
    return {*kind_of(cls).fields, "id", *(name for name in dir(cls) if not name.startswith("_"))}


def private(names: list[str]) -> list[str]:
    """The single-underscore names among `names` (dunders are Python's, not the SDK's machinery)."""
    return sorted(name for name in names if name.startswith("_") and not name.startswith("__"))


class Editor:
    """jedi as an editor runs it: the fresh venv as environment, a project folder outside the repo."""

    def __init__(self, installed: Installation) -> None:
        self.environment = jedi.create_environment(str(installed.python), safe=False)
        self.project = jedi.Project(installed.user_code, environment_path=str(installed.python))
        self.path = installed.user_code / "completion.py"
        self.offered: dict[str, list[str]] = {}

    def script(self, source: str) -> Any:
        return jedi.Script(source, path=self.path, project=self.project, environment=self.environment)

    def complete(self, source: str) -> list[str]:
        """The names jedi offers at the end of `source` (asked once per source)."""
        if source not in self.offered:
            self.offered[source] = [completion.name for completion in self.script(source).complete()]
        return self.offered[source]


@pytest.fixture(scope="module")
def editor(installed: Installation) -> Editor:
    return Editor(installed)


def source(cls: type[BaseAPIObject], context: str) -> str:
    return PROLOGUE.format(name=cls.__name__) + CONTEXTS[context].format(name=cls.__name__)


def test_jedi_reads_the_sdk_from_the_installed_wheel(editor: Editor, installed: Installation) -> None:
    definitions = editor.script(PROLOGUE.format(name="Monitor") + "Monitor").infer()
    assert [definition.full_name for definition in definitions] == ["betterstack.uptime.objects.monitors.Monitor"]
    assert all(installed.holds(definition.module_path) for definition in definitions), definitions
    assert not Path(definitions[0].module_path).resolve().is_relative_to(ROOT)


@pytest.mark.parametrize("context", CONTEXTS)
@pytest.mark.parametrize("cls", CLASSES, ids=lambda cls: cls.__name__)
def test_offers_every_field_and_public_method(editor: Editor, cls: type[BaseAPIObject], context: str) -> None:
    offered = editor.complete(source(cls, context))
    missing = sorted(public_members(cls) - set(offered))
    assert missing == [], (
        f"{len(missing)} of {len(public_members(cls))} missing from the {len(offered)} offered: {missing}"
    )


# The older package's builder, documented nowhere else, which code written against it calls.
COMPATIBLE = {"_from_api_response"}


def private_state(cls: type[BaseAPIObject]) -> set[str]:
    """The private attributes a class declares: its constructor's private arguments."""
    return {name for base in cls.__mro__ for name in inspect.get_annotations(base) if private([name])}


@pytest.mark.parametrize("context", CONTEXTS)
@pytest.mark.parametrize("cls", CLASSES, ids=lambda cls: cls.__name__)
def test_offers_no_private_machinery(editor: Editor, cls: type[BaseAPIObject], context: str) -> None:
    offered = private(editor.complete(source(cls, context)))
    assert sorted(set(offered) - private_state(cls) - COMPATIBLE) == []
    assert all(not callable(getattr(cls, name, None)) for name in set(offered) - COMPATIBLE)


def test_a_monitor_offers_exactly_its_state_as_private_names(editor: Editor) -> None:
    offered = private(editor.complete(source(Monitor, "after get")))
    assert offered == ["_api", "_extras", "_from_api_response", "_original_values", "_sla"]


@pytest.mark.parametrize("cls", CLASSES, ids=lambda cls: cls.__name__)
def test_offers_every_create_field_as_a_keyword_of_new(editor: Editor, cls: type[BaseAPIObject]) -> None:
    body: type = getattr(shapes, f"{cls.__name__}Create")
    offered = editor.complete(PROLOGUE.format(name=cls.__name__) + f"{cls.__name__}.new(api, ")
    keywords = {name for name in offered if name.endswith("=")}
    missing = sorted({f"{field}=" for field in body.__annotations__} - keywords)
    assert missing == [], (
        f"{len(missing)} of {len(body.__annotations__)} missing from {len(keywords)} keywords: {missing}"
    )


# Notebooks: a live object, completed by jedi.Interpreter (as IPython does) and listed by dir() -------


@pytest.fixture(scope="module")
def live_objects() -> dict[type[BaseAPIObject], BaseAPIObject]:
    """One object of each class, loaded with `get()` from the fake seeded with the demo's data."""
    fake = FakeUptime(seed=json.loads((ROOT / "examples" / "seed.json").read_text()))
    fake.seed(HEARTBEATS)
    api = UptimeAPI(DEFAULT_TOKEN, transport=fake.transport)
    return {cls: cls.get(api, next(cls.get_all_instances(api)).id) for cls in CLASSES}


def interpreter_offers(obj: BaseAPIObject) -> list[str]:
    """The names jedi.Interpreter offers after `obj.` in a session holding `obj`."""
    return [completion.name for completion in jedi.Interpreter("obj.", [{"obj": obj}]).complete()]


@pytest.mark.parametrize("cls", CLASSES, ids=lambda cls: cls.__name__)
def test_interpreter_offers_every_field_and_public_method_of_a_live_object(
    live_objects: dict[type[BaseAPIObject], BaseAPIObject], cls: type[BaseAPIObject]
) -> None:
    offered = interpreter_offers(live_objects[cls])
    assert sorted(public_members(cls) - set(offered)) == []


@pytest.mark.parametrize("cls", CLASSES, ids=lambda cls: cls.__name__)
def test_interpreter_offers_no_private_names_of_a_live_object(
    live_objects: dict[type[BaseAPIObject], BaseAPIObject], cls: type[BaseAPIObject]
) -> None:
    offered = interpreter_offers(live_objects[cls])
    assert private(offered) == [], (
        f"{len(private(offered))} of the {len(offered)} names offered are private: {private(offered)}"
    )


@pytest.mark.parametrize("cls", CLASSES, ids=lambda cls: cls.__name__)
def test_dir_of_a_live_object_lists_every_field(
    live_objects: dict[type[BaseAPIObject], BaseAPIObject], cls: type[BaseAPIObject]
) -> None:
    assert sorted(set(kind_of(cls).fields) - set(dir(live_objects[cls]))) == []


@pytest.mark.parametrize("cls", CLASSES, ids=lambda cls: cls.__name__)
def test_dir_of_a_live_object_lists_no_private_name(
    live_objects: dict[type[BaseAPIObject], BaseAPIObject], cls: type[BaseAPIObject]
) -> None:
    assert private(dir(live_objects[cls])) == []


def test_a_client_offers_its_methods_and_no_private_machinery(editor: Editor) -> None:
    offered = editor.complete(PROLOGUE.format(name="Monitor") + "api.")
    public = {name for name in dir(UptimeAPI) if not name.startswith("_")}
    assert sorted(public - set(offered)) == []
    assert private(offered) == ["_mounts"]  # state `with_options` derives from; no method
