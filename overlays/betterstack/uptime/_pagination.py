"""Lazy pagination over `pagination.next`, with bounded read-ahead when the page count is known.

A page type says where its items are and what comes next (`Page`); one engine walks pages for
generated list endpoints and for raw URLs alike. It yields the first page as soon as it arrives,
keeps at most `max_workers` pages in flight, follows `next` past a stale `last`, refuses a `next`
that repeats, and raises a failed page's error after the items before it were yielded. However a
walk ends (exhausted, `break`, an exception, the generator closed), the pages it read ahead stop:
those not started are cancelled and those in flight cut short, none retried (`_cancellation`).

`iter_pages(api, list_monitors)` is typed from the endpoint module itself: the module matches the
`ListEndpoint` protocol, whose list model's `data` gives the item type (`MonitorResource`).
"""

from __future__ import annotations

import time
from collections.abc import AsyncGenerator, AsyncIterator, Awaitable, Callable, Iterator, Sequence
from dataclasses import dataclass, field
from types import ModuleType
from typing import TYPE_CHECKING, Any, Generic, Protocol, TypeVar, cast, overload
from urllib.parse import SplitResult, parse_qsl, urlencode, urlsplit, urlunsplit

import httpx

from ._calls import Answer, Call, decode_json
from ._cancellation import CancelScope
from ._errors import BetterStackError
from ._urls import path_and_query

if TYPE_CHECKING:
    from concurrent.futures import Future

    from betterstack_sdk.models.error_body import ErrorBody

    from ._client import PaginatedAPI

T = TypeVar("T")
T_co = TypeVar("T_co", covariant=True)

# The endpoint protocols here read `sync`, not `sync_detailed` as `Endpoint` does: its result is
# not wrapped in the invariant `Response[...]`, so a list model can match `Listing[T]` by shape.


class Listing(Protocol[T_co]):
    """A generated list model (`MonitorList`): its items are in `data`."""

    @property
    def data(self) -> Sequence[T_co]:
        """The items of one page."""
        ...


class Single(Protocol[T_co]):
    """A generated single-object model (`TeamMemberResponse`): a list narrowed to one match."""

    @property
    def data(self) -> T_co:
        """The one item."""
        ...


class ListEndpoint(Protocol[T_co]):
    """A generated list endpoint module (`betterstack_sdk.api.monitors.list_monitors`).

    Its `sync` answers with a list model whose `data` holds `T_co` items (`MonitorResource`).
    """

    def sync(self, *args: Any, **kwargs: Any) -> ErrorBody | Listing[T_co] | None:
        """Send the request and parse the answer (never called here)."""
        ...


class OneOrListEndpoint(Protocol[T_co]):
    """A generated endpoint answering with a list model or a single object of `T_co`.

    `list_team_members` does (filtered by e-mail it answers with the one member); a one-object
    endpoint such as `get_monitor` matches too and gives a single page of one item.
    """

    def sync(self, *args: Any, **kwargs: Any) -> ErrorBody | Listing[T_co] | Single[T_co] | None:
        """Send the request and parse the answer (never called here)."""
        ...


class PaginationError(BetterStackError):
    """The API's page links are inconsistent, e.g. a `next` link that repeats."""


@dataclass(frozen=True)
class PageLinks:
    """Absolute links to other pages; None where there is none."""

    first: str | None = None
    last: str | None = None
    prev: str | None = None
    next: str | None = None


@dataclass(frozen=True)
class Page(Generic[T]):
    """One page of a list: its items and its links."""

    items: list[T]
    links: PageLinks = field(default_factory=PageLinks)

    @property
    def number(self) -> int | None:
        """This page's number, from the `prev` or `next` link; 1 when neither exists."""
        if self.links.next is not None and (following := page_number(self.links.next)) is not None:
            return following - 1
        if self.links.prev is not None and (previous := page_number(self.links.prev)) is not None:
            return previous + 1
        return 1 if self.links.next is None and self.links.prev is None else None

    def __iter__(self) -> Iterator[T]:
        return iter(self.items)


# Links are parsed with urllib rather than httpx.URL: several per page, and httpx's full
# validation costs about 20 times as much.


def page_number(url: str | None) -> int | None:
    """The integer `page` query value of a link, if it has one."""
    if not url:
        return None
    values = [value for key, value in parse_qsl(urlsplit(url).query) if key == "page"]
    # isascii: "²".isdigit() is true, yet int() refuses it.
    return int(values[0]) if values and values[0].isascii() and values[0].isdigit() else None


_Key = tuple[str, tuple[tuple[str, str], ...]]
"""A page link as the walks compare them: its path and its sorted query pairs."""


def _key(url: str) -> _Key:
    parts = urlsplit(url)
    return parts.path, tuple(sorted(parse_qsl(parts.query, keep_blank_values=True)))


def _parsed_link(link: str) -> tuple[SplitResult, list[tuple[str, str]]]:
    """A page link split once: its parts and its query pairs.

    Raises:
        PaginationError: The link is not an http(s) URL or an absolute path.
    """
    try:
        parts = urlsplit(link)
    except ValueError:
        parts = None
    if parts is None or parts.scheme not in ("http", "https", "") or not parts.path.startswith("/"):
        raise PaginationError(f"the API sent a page link that is not a URL: {link!r}")
    return parts, parse_qsl(parts.query, keep_blank_values=True)


def _check_link(link: str) -> None:
    _parsed_link(link)


def _with_page(url: str, number: int) -> str:
    parts = urlsplit(url)
    query = [(key, value) for key, value in parse_qsl(parts.query, keep_blank_values=True) if key != "page"]
    return urlunsplit(parts._replace(query=urlencode([*query, ("page", str(number))])))


class _Links:
    """The `next` links a walk follows and the pages it reads ahead, each link parsed once.

    What `_key`, `page_number` and `_with_page` give, without parsing a link again for each: a
    walk calls `follow` once per page and `ahead` for the pages to read ahead with it, which
    are only those it did not plan from an earlier link (one a page, once the window is full).
    """

    def __init__(self, first: PageLinks) -> None:
        self.seen: set[_Key] = set()
        if first.first is not None and first.prev is None:
            self.seen.add(_key(first.first))  # a `next` pointing back to the start is a loop too
        self._parts: SplitResult | None = None
        self._others: list[tuple[str, str]] = []  # the query of the link followed last, but `page`
        self._planned: tuple[str, tuple[tuple[str, str], ...]] | None = None
        self._highest = 0  # the highest page number planned from links like the one followed last

    def follow(self, link: str) -> tuple[_Key, int | None]:
        """The key and page number of `link`, the `next` link about to be followed.

        Raises:
            PaginationError: The link is not a URL, or it was followed before (a loop).
        """
        parts, pairs = _parsed_link(link)
        key = (parts.path, tuple(sorted(pairs)))
        if key in self.seen:
            raise PaginationError(f"the API sent the page link {link} twice; stopping rather than looping forever")
        self.seen.add(key)
        self._parts, self._others = parts, [(name, value) for name, value in pairs if name != "page"]
        # As `page_number` reads it: the first non-empty `page`; isascii, since "²".isdigit() is true.
        values = [value for name, value in pairs if name == "page" and value]
        return key, int(values[0]) if values and values[0].isascii() and values[0].isdigit() else None

    def ahead(self, number: int, last: int, count: int) -> list[tuple[_Key, str]]:
        """Keys and URLs of pages `number` to `number + count - 1` (at most `last`) not yet planned nor seen.

        The URLs are the link `follow` took last with its `page` replaced, as `_with_page` makes them.
        """
        assert self._parts is not None
        parts, others = self._parts, self._others
        planned = (parts.path, tuple(others))
        if planned != self._planned:  # links unlike the last ones: plan their window afresh
            self._planned, self._highest = planned, number - 1
        end = min(number + count - 1, last)
        found = []
        for ahead_number in range(max(number, self._highest + 1), end + 1):
            query = [*others, ("page", str(ahead_number))]
            key = (parts.path, tuple(sorted(query)))
            if key not in self.seen:
                found.append((key, urlunsplit(parts._replace(query=urlencode(query)))))
        self._highest = max(self._highest, end)
        return found


READ_AHEAD_MIN_WAIT = 0.005
"""Seconds a page must have spent waiting on the network for read-ahead to start.

Read-ahead starts once a page waited both this long and longer than it took to process: below
that (a local or very fast API) threads cost more CPU than they save time, so pages are fetched
one at a time. The wait that counts is the shorter of that page's and the page's before it: the
first page's alone does not count, as it also waits for the connection to open.

On a busy machine a measured wait also holds the time the thread waited for a CPU: up to some
3 ms for a local answer on the benchmark's two cores at a load of one, more under heavier load.
One such page starting eight threads adds a third to a local list's CPU time (bench/README.md),
hence the bound and two pages in a row, which a network's latency gives and noise seldom does.
"""


def _worth_reading_ahead(waited: float, busy: float) -> bool:
    return waited >= READ_AHEAD_MIN_WAIT and waited >= busy


def _timed(fetch: Callable[[], Page[T]]) -> tuple[Page[T], float, float]:
    """The page, the seconds spent waiting for it and the seconds of CPU spent processing it."""
    wall, cpu = time.perf_counter(), time.thread_time()
    page = fetch()
    busy = time.thread_time() - cpu
    return page, (time.perf_counter() - wall) - busy, busy


def walk_pages(
    first: Callable[[], Page[T]],
    follow: Callable[[str], Page[T]],
    max_workers: int,
    scope: CancelScope | None = None,
) -> Iterator[Page[T]]:
    """Yield pages lazily: `first()`, then `follow(next)` until `next` is null.

    Pages read ahead are fetched under a scope of their own under `scope` (the client's), which
    the walk cancels as it ends: `follow` must send through that client.
    """
    page, waited, _ = _timed(first)
    yield page
    last = page_number(page.links.last)
    # Whether the pages fetched last, one at a time, mostly waited on the network; nothing is
    # measured yet (the first page's wait includes opening the connection).
    slow = _worth_reading_ahead(0.0, 0.0)
    executor = None
    walk: CancelScope | None = None  # the scope of the pages read ahead, made with the executor
    ahead: dict[_Key, Future[Page[T]]] = {}
    links = _Links(page.links)
    try:
        while (link := page.links.next) is not None:
            key, number = links.follow(link)
            if executor is None and max_workers > 1 and last is not None and slow:
                from concurrent.futures import ThreadPoolExecutor  # imported only when pages are read ahead

                executor = ThreadPoolExecutor(max_workers)
                walk = (scope or CancelScope.for_client()).walk()
            if walk is not None and executor is not None and last is not None and number is not None:
                # Read ahead only up to the page count the API announced; beyond a stale `last`
                # the loop still follows `next` one page at a time.
                for ahead_key, url in links.ahead(number, last, max_workers):
                    if ahead_key not in ahead:
                        ahead[ahead_key] = executor.submit(walk.run, follow, url)
            pending = ahead.pop(key, None)
            if pending is not None:
                page = pending.result()
            else:
                waited_before = waited
                page, waited, busy = _timed(lambda: follow(link))
                slow = _worth_reading_ahead(min(waited, waited_before), busy)
            yield page
    finally:
        for pending in ahead.values():
            pending.cancel()
        if walk is not None and executor is not None:
            # Pages in flight stop at once rather than after their timeouts and retries: the
            # executor's threads would otherwise hold the process open that long after the walk.
            walk.cancel()
            executor.shutdown(wait=False, cancel_futures=True)


async def awalk_pages(
    first: Callable[[], Awaitable[Page[T]]], follow: Callable[[str], Awaitable[Page[T]]], max_workers: int = 1
) -> AsyncGenerator[Page[T], None]:
    """Yield pages lazily from async fetchers: `first()`, then `follow(next)` until `next` is null.

    Once the first page announces the page count, up to `max_workers` pages are fetched at once
    as tasks on the running loop (tasks cost no thread, so no speed test decides it). However the
    walk ends, the tasks still pending are cancelled, which cuts their requests short.
    """
    import asyncio  # imported only by async walks

    page = await first()
    yield page
    last = page_number(page.links.last)
    ahead: dict[_Key, asyncio.Future[Page[T]]] = {}
    links = _Links(page.links)
    try:
        while (link := page.links.next) is not None:
            key, number = links.follow(link)
            if max_workers > 1 and last is not None and number is not None:
                # Only up to the page count announced; beyond a stale `last`, one page at a time.
                for ahead_key, url in links.ahead(number, last, max_workers):
                    if ahead_key not in ahead:
                        ahead[ahead_key] = asyncio.ensure_future(follow(url))
            pending = ahead.pop(key, None)
            page = await (pending if pending is not None else follow(link))
            yield page
    finally:
        for task in ahead.values():
            task.cancel()
            # A page that failed after the walk ended is nobody's error: retrieve it, quietly.
            task.add_done_callback(_forget)


def _forget(task: Any) -> None:
    if not task.cancelled():
        task.exception()


def page_links(parsed: object) -> PageLinks:
    """The links of a parsed generated list model; empty when it has no `pagination`."""
    pagination = getattr(parsed, "pagination", None)
    from betterstack_sdk.types import Unset  # the generated layer is in use here anyway

    if pagination is None or isinstance(pagination, Unset):
        return PageLinks()

    def text(value: object) -> str | None:
        return value if isinstance(value, str) else None

    return PageLinks(text(pagination.first), text(pagination.last), text(pagination.prev), text(pagination.next_))


def _typed_page(parsed: Any) -> Page[Any]:
    # A list endpoint narrowed to one match (team members by e-mail) answers with a single object.
    data = parsed.data
    return Page(list(data) if isinstance(data, list) else [data], page_links(parsed))


# Each function below has two overloads: a list model alone, tried first, and a list model or a
# single object. With the second alone, `MonitorList` would also pass as a single object of a list.


@overload
def iter_pages(api: PaginatedAPI, endpoint: ListEndpoint[T], **arguments: Any) -> Iterator[Page[T]]: ...
@overload
def iter_pages(api: PaginatedAPI, endpoint: OneOrListEndpoint[T], **arguments: Any) -> Iterator[Page[T]]: ...
def iter_pages(api: PaginatedAPI, endpoint: OneOrListEndpoint[Any], **arguments: Any) -> Iterator[Page[Any]]:
    """Pages of a generated list endpoint, e.g. `iter_pages(api, list_monitors, per_page=100)`.

    Args:
        api: The client.
        endpoint: A list endpoint module of `betterstack_sdk.api`.
        **arguments: Its path and query parameters (`per_page=100`).

    Returns:
        The pages, fetched lazily; items are the generated resource models (`MonitorResource`).
    """
    module = cast(ModuleType, endpoint)  # every endpoint is a module at run time
    return walk_pages(
        lambda: _typed_page(api.call(module, **arguments)),
        lambda url: _typed_page(api.follow(module, url)),
        api.max_workers,
        api.transport.scope,
    )


@overload
def paginate(api: PaginatedAPI, endpoint: ListEndpoint[T], **arguments: Any) -> Iterator[T]: ...
@overload
def paginate(api: PaginatedAPI, endpoint: OneOrListEndpoint[T], **arguments: Any) -> Iterator[T]: ...
def paginate(api: PaginatedAPI, endpoint: OneOrListEndpoint[Any], **arguments: Any) -> Iterator[Any]:
    """Items of a generated list endpoint across all pages, fetched lazily (`MonitorResource`s)."""
    for page in iter_pages(api, endpoint, **arguments):
        yield from page.items


@overload
def aiter_pages(api: PaginatedAPI, endpoint: ListEndpoint[T], **arguments: Any) -> AsyncIterator[Page[T]]: ...
@overload
def aiter_pages(api: PaginatedAPI, endpoint: OneOrListEndpoint[T], **arguments: Any) -> AsyncIterator[Page[T]]: ...
async def aiter_pages(
    api: PaginatedAPI, endpoint: OneOrListEndpoint[Any], **arguments: Any
) -> AsyncIterator[Page[Any]]:
    """The async `iter_pages`."""
    module = cast(ModuleType, endpoint)

    async def first() -> Page[Any]:
        return _typed_page(await api.acall(module, **arguments))

    async def follow(url: str) -> Page[Any]:
        return _typed_page(await api.afollow(module, url))

    async for page in awalk_pages(first, follow, api.max_workers):
        yield page


@overload
def apaginate(api: PaginatedAPI, endpoint: ListEndpoint[T], **arguments: Any) -> AsyncIterator[T]: ...
@overload
def apaginate(api: PaginatedAPI, endpoint: OneOrListEndpoint[T], **arguments: Any) -> AsyncIterator[T]: ...
async def apaginate(api: PaginatedAPI, endpoint: OneOrListEndpoint[Any], **arguments: Any) -> AsyncIterator[Any]:
    """The async `paginate`."""
    async for page in aiter_pages(api, endpoint, **arguments):
        for item in page.items:
            yield item


def json_page(answer: Answer, *, resources: bool) -> Page[dict[str, Any]]:
    """One page of plain JSON items from an answer: `data` and `pagination`.

    With `resources`, every item must be a JSON:API resource (`{"id", "attributes"}`, the id
    possibly null); anything else raises ResponseDecodeError naming the request. Without it, a
    body with no `data` list or object is an empty page.
    """
    body = answer.body
    if resources:
        items: list[Any] | None = answer.resources()
    else:
        data = body.get("data") if isinstance(body, dict) else None
        items = data if isinstance(data, list) else [data] if isinstance(data, dict) else None
    links = body.get("pagination") if isinstance(body, dict) else None
    if not isinstance(links, dict):
        return Page(items or [])

    def text(key: str) -> str | None:
        value = links.get(key)
        return value if isinstance(value, str) else None

    return Page(items or [], PageLinks(text("first"), text("last"), text("prev"), text("next")))


def walk(api: PaginatedAPI, call: Call) -> Iterator[Page[dict[str, Any]]]:
    """Pages of a list call as plain JSON resources, each page parsed once, read ahead in threads."""
    return walk_pages(
        lambda: json_page(api.exchange(call), resources=True),
        lambda url: json_page(api.exchange(Call(call.operation, url=url)), resources=True),
        api.max_workers,
        api.transport.scope,
    )


def awalk(api: PaginatedAPI, call: Call) -> AsyncGenerator[Page[dict[str, Any]], None]:
    """The async `walk`: pages read ahead as tasks on the running loop."""

    async def first() -> Page[dict[str, Any]]:
        return json_page(await api.aexchange(call), resources=True)

    async def follow(url: str) -> Page[dict[str, Any]]:
        return json_page(await api.aexchange(Call(call.operation, url=url)), resources=True)

    return awalk_pages(first, follow, api.max_workers)


def raw_items(api: PaginatedAPI, url: str, parameters: dict[str, Any]) -> Iterator[dict[str, Any]]:
    """Items of `data` for a raw GET, following `next` (path and query only, on this host)."""

    origin = httpx.URL(api.base_url + "/").join(url)

    def page(response: httpx.Response) -> Page[dict[str, Any]]:
        return json_page(Answer(decode_json(response), response), resources=False)

    def follow(link: str) -> Page[dict[str, Any]]:
        return page(api.request("GET", str(origin.join(path_and_query(link)))))

    def first() -> Page[dict[str, Any]]:
        return page(api.request("GET", url, parameters=parameters))

    for each in walk_pages(first, follow, api.max_workers, api.transport.scope):
        yield from each.items
