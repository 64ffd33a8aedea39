"""Run the object layer's tests twice: through the sync methods, and through their async twins.

In the async run every public method with an `a`-prefixed twin (`save` and `asave`,
`get_all_instances` and `aget_all_instances`, ...) is replaced, for the test's duration, by one
that runs the twin on an event loop of the test's own: a coroutine is run to its end, an async
iterator is pulled item by item (so lists stay lazy, and read-ahead runs as tasks on that loop).
The sync tests therefore check the async flows, request for request and state for state. A sync
method called while the loop runs (an async twin reaching for a sync one) fails the test.
"""

from __future__ import annotations

import asyncio
import inspect
from collections.abc import Iterator
from typing import Any

import pytest

from betterstack.uptime._base import BaseAPIObject

# The object layer's test modules; each of their tests runs once per driver.
OBJECT_TESTS = frozenset(
    {
        "test_base",
        "test_catalog",
        "test_heartbeats",
        "test_incidents",
        "test_integrations",
        "test_metadata",
        "test_monitors",
        "test_nested_attributes",
        "test_on_call",
        "test_policies",
        "test_regressions",
        "test_status_pages",
        "test_team",
    }
)


def _classes() -> list[type]:
    from betterstack.uptime import objects

    for name in objects.__all__:
        getattr(objects, name)  # each module loads on first use
    found: list[type] = []
    pending: list[type] = [BaseAPIObject]
    while pending:
        cls = pending.pop()
        if cls not in found:
            found.append(cls)
            pending.extend(cls.__subclasses__())
    return found


def _twinned(runner: asyncio.Runner, owner: type, name: str, kind: str) -> Any:
    twin_name = f"a{name}"

    def through_twin(target: Any, *args: Any, **kwargs: Any) -> Any:
        result = getattr(target, twin_name)(*args, **kwargs)
        if inspect.iscoroutine(result):
            return runner.run(result)
        if hasattr(result, "__anext__"):
            return _pulled(runner, result)
        return result

    through_twin.__name__ = name
    if kind == "classmethod":
        return classmethod(through_twin)
    if kind == "staticmethod":
        return staticmethod(lambda *args, **kwargs: through_twin(owner, *args, **kwargs))
    return through_twin


def _pulled(runner: asyncio.Runner, items: Any) -> Iterator[Any]:
    try:
        while True:
            try:
                yield runner.run(items.__anext__())
            except StopAsyncIteration:
                return
    finally:
        runner.run(items.aclose())


def patch_to_async(monkeypatch: pytest.MonkeyPatch, runner: asyncio.Runner) -> list[str]:
    """Replace every sync method that has an async twin; returns the names replaced."""
    replaced = []
    for cls in _classes():
        for name, member in list(vars(cls).items()):
            if name.startswith("_") or not hasattr(cls, f"a{name}"):
                continue
            if isinstance(member, classmethod):
                kind = "classmethod"
            elif isinstance(member, staticmethod):
                kind = "staticmethod"
            elif callable(member):
                kind = "method"
            else:
                continue  # properties stay sync, as documented
            monkeypatch.setattr(cls, name, _twinned(runner, cls, name, kind))
            replaced.append(f"{cls.__name__}.{name}")
    return replaced


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """Give every test of the object layer's modules a `driver` parameter: sync, then async."""
    module = metafunc.module.__name__.rsplit(".", 1)[-1]
    if module in OBJECT_TESTS and "driver" in metafunc.fixturenames:
        metafunc.parametrize("driver", ["sync", "async"], indirect=True)


@pytest.fixture(autouse=True)
def driver(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """`sync`, or `async` with the object layer's sync methods running their async twins."""
    mode: str = getattr(request, "param", "sync")
    if mode == "async" and request.node.get_closest_marker("sync_only") is not None:
        pytest.skip("sync only: " + str(request.node.get_closest_marker("sync_only").args[0]))
    if mode == "sync":
        yield mode
        return
    with asyncio.Runner() as runner:
        patch_to_async(monkeypatch, runner)
        yield mode
        monkeypatch.undo()
