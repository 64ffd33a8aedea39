"""Every ```python block of the documentation runs, against the fake API seeded for the demo.

Blocks are collected from `docs/**/*.md`, those indented inside `=== "Sync"` / `=== "Async"` tabs
and admonitions included (dedented), and each runs on its own, as a reader would paste it: in a
fresh namespace, with a fresh fake seeded from `examples/seed.json` behind the default transport
(as `tests/test_readme.py` does for the README), accepting the token `"your-api-token"` that the
examples write, which is also in `BETTERSTACK_API_TOKEN` for those that leave the token out.
Requests to loopback hosts (a fake served with `serve()`) still go over real HTTP.

A block that defines `test_*` functions, as the testing guide's do, has each of them called with
the pytest plugin's fixtures (`fake_uptime`, `uptime_api`) once it has run.

A block that must not run (it needs something only the reader has) is fenced ```py instead.
A failure names the block as `docs/<page>.md:<line>`, and its traceback points into the page.
"""

from __future__ import annotations

import asyncio
import inspect
import logging
import os
import re
import traceback
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest

from betterstack.uptime import UptimeAPI
from betterstack.uptime.testing import DEFAULT_TOKEN, FakeUptime

ROOT = Path(__file__).parent.parent
DOCS = ROOT / "docs"
SEED = ROOT / "examples" / "seed.json"
TOKEN = "your-api-token"

# A fence opens with three or more backticks (or tildes) and an info string, at any indentation.
_FENCE = re.compile(r"^(?P<indent>[ \t]*)(?P<fence>`{3,}|~{3,})[ \t]*(?P<info>[^`\s]*)?.*$")


@dataclass(frozen=True)
class Block:
    """One ```python block: where it is and its code, dedented."""

    path: Path
    line: int
    """The line of its opening fence, 1-based."""
    code: str

    @property
    def where(self) -> str:
        """`docs/guides/x.md:12`."""
        return f"{self.path.relative_to(ROOT).as_posix()}:{self.line}"


def python_blocks(path: Path, text: str) -> Iterator[Block]:
    """The ```python blocks of a Markdown text, each dedented by its fence's indentation.

    Other fences (```py, ```sh, ...) are skipped whole, so nothing inside them is mistaken for a
    fence. A block inside a tab or an admonition is indented by 4 spaces a level; its fence and
    its lines carry that indentation, which is taken off.
    """
    lines = text.splitlines()
    index = 0
    while index < len(lines):
        opening = _FENCE.match(lines[index])
        index += 1
        if opening is None:
            continue
        indent, fence, info = opening["indent"], opening["fence"], opening["info"] or ""
        start = index
        body: list[str] = []
        while index < len(lines):
            line = lines[index]
            index += 1
            stripped = line.strip()
            if stripped.startswith(fence[0] * len(fence)) and not stripped.strip(fence[0]):
                break
            body.append(line[len(indent) :] if line.startswith(indent) else line.lstrip())
        if info == "python":
            yield Block(path, start, "\n".join(body) + "\n")


def _all_blocks() -> list[Block]:
    return [
        block for path in sorted(DOCS.rglob("*.md")) for block in python_blocks(path, path.read_text(encoding="utf-8"))
    ]


BLOCKS = _all_blocks()


class _Router(httpx.BaseTransport, httpx.AsyncBaseTransport):
    """The default transport under test: the fake for the API's hosts, real HTTP for loopback.

    The real transports are made, with the options the client gave, on the first loopback request.
    """

    def __init__(self, fake: FakeUptime, options: dict[str, Any]) -> None:
        self.fake = fake.transport
        self.options = options
        self.real_sync: httpx.HTTPTransport | None = None
        self.real_async: httpx.AsyncHTTPTransport | None = None

    @staticmethod
    def _local(request: httpx.Request) -> bool:
        return request.url.host in {"127.0.0.1", "localhost", "::1"}

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        if not self._local(request):
            return self.fake.handle_request(request)
        if self.real_sync is None:
            self.real_sync = _REAL_SYNC(**self.options)
        return self.real_sync.handle_request(request)

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        if not self._local(request):
            return await self.fake.handle_async_request(request)
        if self.real_async is None:
            self.real_async = _REAL_ASYNC(**self.options)
        return await self.real_async.handle_async_request(request)

    def close(self) -> None:
        if self.real_sync is not None:
            self.real_sync.close()

    async def aclose(self) -> None:
        if self.real_async is not None:
            await self.real_async.aclose()


_REAL_SYNC = httpx.HTTPTransport
_REAL_ASYNC = httpx.AsyncHTTPTransport


def _call_tests(namespace: dict[str, Any]) -> None:
    """Call the block's `test_*` functions with the pytest plugin's fixtures, as pytest would."""
    for name, function in list(namespace.items()):
        if not (name.startswith("test_") and inspect.isfunction(function)):
            continue
        fake = FakeUptime()
        with UptimeAPI(DEFAULT_TOKEN, transport=fake.transport) as api:
            fixtures: dict[str, object] = {"fake_uptime": fake, "uptime_api": api}
            missing = [p for p in inspect.signature(function).parameters if p not in fixtures]
            assert not missing, f"{name} asks for fixtures this test does not provide: {missing}"
            result = function(**{p: fixtures[p] for p in inspect.signature(function).parameters})
            if inspect.iscoroutine(result):
                asyncio.run(result)


@pytest.fixture
def isolated(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The environment, working directory and logging a block finds, restored after it."""
    environment = dict(os.environ)
    loggers = [logging.getLogger(), logging.getLogger("betterstack"), logging.getLogger("betterstack.http")]
    saved = [(logger, logger.level, list(logger.handlers), logger.propagate) for logger in loggers]
    for name in [name for name in os.environ if name.startswith(("BETTERSTACK_", "BETTERUPTIME_"))]:
        monkeypatch.delenv(name)
    for name in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy", "all_proxy"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("BETTERSTACK_API_TOKEN", TOKEN)
    monkeypatch.chdir(ROOT)
    try:
        yield
    finally:
        os.environ.clear()
        os.environ.update(environment)
        for logger, level, handlers, propagate in saved:
            for handler in logger.handlers:
                if handler not in handlers:
                    handler.close()
            logger.setLevel(level)
            logger.handlers[:] = handlers
            logger.propagate = propagate


def _patched(monkeypatch: pytest.MonkeyPatch, fake: FakeUptime) -> None:
    def transport(**options: Any) -> _Router:
        return _Router(fake, options)

    monkeypatch.setattr(httpx, "HTTPTransport", transport)
    monkeypatch.setattr(httpx, "AsyncHTTPTransport", transport)


def test_the_docs_have_examples() -> None:
    assert BLOCKS, f"no ```python block found under {DOCS}"


@pytest.mark.parametrize("block", BLOCKS, ids=[block.where for block in BLOCKS])
def test_docs_example_runs(block: Block, monkeypatch: pytest.MonkeyPatch, isolated: None) -> None:
    fake = FakeUptime.from_file(str(SEED), token=TOKEN)
    _patched(monkeypatch, fake)
    # Padded so that line numbers in a traceback are the page's own.
    code = compile("\n" * block.line + block.code, str(block.path), "exec")
    namespace: dict[str, Any] = {"__name__": "__main__"}
    try:
        exec(code, namespace)
        _call_tests(namespace)
    except Exception as error:
        failure = f"{block.where}: the example raised {type(error).__name__}: {error}\n\n{traceback.format_exc()}"
    else:
        return
    pytest.fail(failure, pytrace=False)  # outside the except: no "during handling" chain


def test_blocks_are_found_in_tabs_and_admonitions_and_dedented() -> None:
    page = "\n".join(
        [
            "# Title",
            "```python",
            "top = 1",
            "```",
            '=== "Sync"',
            "",
            "    ```python",
            "    def f() -> None:",
            "        pass",
            "",
            "    f()",
            "    ```",
            "",
            '!!! note "Nested"',
            '    === "Async"',
            "",
            "        ```python",
            "        nested = 2",
            "        ```",
            "```py",
            "not_run()",
            "```",
            "````markdown",
            "```python",
            "inside_another_fence()",
            "```",
            "````",
        ]
    )
    found = list(python_blocks(DOCS / "x.md", page))
    assert [(block.line, block.code) for block in found] == [
        (2, "top = 1\n"),
        (7, "def f() -> None:\n    pass\n\nf()\n"),
        (17, "nested = 2\n"),
    ]


_INCLUDE = re.compile(r'^--8<-- "(?P<path>[^":]+)(?::(?P<start>\d*))?(?::(?P<end>\d*))?"\s*$', re.MULTILINE)


def test_the_performance_guide_includes_all_of_the_bench_results_but_title() -> None:
    # Included, not copied: everything after the title line, whatever `make bench` writes.
    guide = DOCS / "guides" / "performance.md"
    results = (ROOT / "bench" / "RESULTS.md").read_text(encoding="utf-8").splitlines()
    includes = [found.groupdict() for found in _INCLUDE.finditer(guide.read_text(encoding="utf-8"))]
    assert includes == [{"path": "bench/RESULTS.md", "start": "2", "end": ""}]
    assert results[0].startswith("# ") and not any(line.startswith("# ") for line in results[1:])
