"""Flows: each object operation written once, driven by a sync and an async driver.

A flow is a generator that yields what it needs from the API and receives the answer, the way
httpx's `Auth.auth_flow` is driven by both of its clients:

- yielding a `Call` gets back its `Answer` (the JSON parsed once);
- yielding a `Walk` gets back every item of every page, each made into an object by the walk's
  `item` function (the drivers read pages ahead: threads for `run`, tasks for `arun`).

An error the driver meets (an `APIError`, a timeout) is thrown into the flow at its `yield`, so
a flow can note what it must (a save whose answer was lost) and re-raise. Flows never sleep,
start threads or touch the network; `save()` is `run(api, kind.save_flow(self))` and `asave()` is
`await arun(api, kind.save_flow(self))`, `kind` being the class's `Kind` (`_kind`).
"""

from __future__ import annotations

from collections.abc import Callable, Generator
from typing import TYPE_CHECKING, Any, Generic, TypeAlias, TypeVar

from ._calls import Answer, Call, Record

if TYPE_CHECKING:
    from ._client import PaginatedAPI

T = TypeVar("T")
_ItemT = TypeVar("_ItemT")


class Walk(Record, Generic[_ItemT]):
    """Every page of a list call, each item made into `_ItemT` by `item`."""

    _field_names = ("call", "item")
    __slots__ = ("call", "item")
    call: Call
    item: Callable[[dict[str, Any]], _ItemT]

    def __init__(self, call: Call, item: Callable[[dict[str, Any]], _ItemT]) -> None:
        object.__setattr__(self, "call", call)
        object.__setattr__(self, "item", item)


Flow: TypeAlias = Generator["Call | Walk[Any]", Any, T]
"""A flow returning `T`: it yields `Call`s (answered with `Answer`) and `Walk`s (with lists)."""


def run(api: PaginatedAPI, flow: Flow[T]) -> T:
    """Drive `flow` with the sync client, and return what it returns."""
    try:
        step = next(flow)
        while True:
            try:
                if isinstance(step, Call):
                    result: Any = api.exchange(step)
                else:
                    result = _collect(api, step)
            except Exception as error:
                step = flow.throw(error)
            else:
                step = flow.send(result)
    except StopIteration as stop:
        value: T = stop.value
        return value
    finally:
        flow.close()


async def arun(api: PaginatedAPI, flow: Flow[T]) -> T:
    """Drive `flow` with the async client, and return what it returns."""
    try:
        step = next(flow)
        while True:
            try:
                if isinstance(step, Call):
                    result: Any = await api.aexchange(step)
                else:
                    result = await _acollect(api, step)
            except Exception as error:
                step = flow.throw(error)
            else:
                step = flow.send(result)
    except StopIteration as stop:
        value: T = stop.value
        return value
    finally:
        flow.close()


def _collect(api: PaginatedAPI, step: Walk[_ItemT]) -> list[_ItemT]:
    from ._pagination import walk

    item = step.item
    return [item(each) for page in walk(api, step.call) for each in page.items]


async def _acollect(api: PaginatedAPI, step: Walk[_ItemT]) -> list[_ItemT]:
    from contextlib import aclosing

    from ._pagination import awalk

    item = step.item
    async with aclosing(awalk(api, step.call)) as pages:
        return [item(each) async for page in pages for each in page.items]


def answer_of(result: object) -> Answer:
    """`result` as the `Answer` a `Call` gets back (a flow's `yield` is typed `Any`)."""
    assert isinstance(result, Answer)
    return result
