"""The documentation site as a reader meets it: built once, served on 127.0.0.1 and opened in headless Chromium.

The browser is Debian's ``chromium`` at /usr/bin/chromium (``.ci/run`` installs it when missing), driven by
Playwright through ``executable_path``; no browser is ever downloaded and no request leaves 127.0.0.1.
Each page checked leaves a full-page screenshot in build/docs-screenshots/.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from functools import partial
from html.parser import HTMLParser
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urljoin, urlsplit

import pytest
from playwright.sync_api import Browser, ConsoleMessage, Error, Request, Response, Route, sync_playwright

ROOT = Path(__file__).parent.parent
CHROMIUM = Path("/usr/bin/chromium")
SCREENSHOTS = ROOT / "build" / "docs-screenshots"

# The spec page embeds the description rendered by Redoc, headed by the spec's title and version.
_INFO = json.loads((ROOT / "betterstack_sdk" / "openapi.json").read_text(encoding="utf-8"))["info"]
SPEC_HEADING = f"{_INFO['title']} ({_INFO['version']})"

# A page of each kind: (screenshot name, path under the site, the main heading a reader sees there,
# the heading inside the page's embedded frame or None).
PAGES = [
    pytest.param("home", "", "betterstack-sdk", None, id="home"),
    pytest.param("getting-started", "getting-started/", "Getting started", None, id="guide"),
    pytest.param("reference-monitors", "reference/objects/monitors/", "Monitors", None, id="reference"),
    pytest.param("spec", "spec/", "The API specification", SPEC_HEADING, id="spec"),
]

# Strips the permalink anchor that the `toc` extension appends to every heading.
_HEADING_TEXT = (
    "h => { const c = h.cloneNode(true); c.querySelectorAll('.headerlink').forEach(a => a.remove());"
    " return c.textContent.trim(); }"
)


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The site, built once per session with the venv's mkdocs, every warning an error."""
    mkdocs = Path(sys.executable).parent / "mkdocs"
    if not mkdocs.is_file():
        pytest.fail(f"{mkdocs} is missing: the `docs` extra is not installed; run `make install`.")
    out = tmp_path_factory.mktemp("site")
    # As under make: the venv's tools first on PATH, for the hooks that run them.
    path = os.pathsep.join([str(mkdocs.parent), os.environ.get("PATH", "")])
    built = subprocess.run(
        [str(mkdocs), "build", "--strict", "--site-dir", str(out)],
        cwd=ROOT,
        env={**os.environ, "PATH": path},
        capture_output=True,
        text=True,
        check=False,
    )
    if built.returncode != 0:
        pytest.fail(f"`mkdocs build --strict` exited {built.returncode}:\n{built.stdout}{built.stderr}")
    return out


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        """Say nothing per request: the tests report what went wrong themselves."""


@pytest.fixture(scope="session")
def base_url(site: Path) -> Iterator[str]:
    """The built site served by http.server on 127.0.0.1, on a port the system picks, from a thread."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(_QuietHandler, directory=str(site)))
    thread = threading.Thread(target=server.serve_forever, name="docs-site", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


# Module scope, not session: Playwright's sync API holds an event loop running in this thread
# while it is started, which would break every later test that runs a loop of its own.
@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    """Headless Debian Chromium, one for the session."""
    if not CHROMIUM.is_file():
        pytest.fail(
            f"{CHROMIUM} is missing: the docs site test needs Debian's Chromium. "
            "Run .ci/run, or `apt-get install -y chromium` as root."
        )
    playwright = sync_playwright().start()
    try:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, headless=True)
        yield chromium
        chromium.close()
    finally:
        playwright.stop()


@pytest.mark.parametrize(("name", "path", "heading", "framed_heading"), PAGES)
def test_page_shows_its_heading_without_errors(
    browser: Browser, base_url: str, name: str, path: str, heading: str, framed_heading: str | None
) -> None:
    errors: list[str] = []

    def on_console(message: ConsoleMessage) -> None:
        if message.type == "error":
            errors.append(f"console error: {message.text} ({message.location['url']})")

    def on_page_error(error: Error) -> None:
        errors.append(f"page error: {error.message}")

    def on_request_failed(request: Request) -> None:
        if request.url.startswith(base_url):
            errors.append(f"request failed: {request.url} ({request.failure})")

    def on_response(response: Response) -> None:
        if response.status >= 400:
            errors.append(f"HTTP {response.status}: {response.url}")

    def off_site(url: str) -> bool:
        return url.startswith(("http:", "https:", "ws:", "wss:")) and not url.startswith(base_url)

    def refuse(route: Route) -> None:
        errors.append(f"off-site request (the site must work offline): {route.request.url}")
        route.abort()

    context = browser.new_context(viewport={"width": 1280, "height": 800})
    try:
        page = context.new_page()
        page.on("console", on_console)
        page.on("pageerror", on_page_error)
        page.on("requestfailed", on_request_failed)
        page.on("response", on_response)
        page.route(off_site, refuse)

        response = page.goto(base_url + path, wait_until="networkidle")
        h1 = page.locator("h1").first
        h1.wait_for(state="visible")
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=SCREENSHOTS / f"{name}.png", full_page=True)

        assert response is not None and response.ok, f"GET /{path} answered {response and response.status}"
        assert not errors, f"/{path}:\n" + "\n".join(errors)
        assert h1.evaluate(_HEADING_TEXT) == heading
        if framed_heading is not None:
            assert page.frame_locator("iframe").first.locator("h1").first.inner_text() == framed_heading
    finally:
        context.close()


class _Links(HTMLParser):
    """Every href, src and srcset URL of one HTML page."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for attribute, value in attrs:
            if not value:
                continue
            if attribute in ("href", "src"):
                self.urls.append(value)
            elif attribute == "srcset":
                self.urls.extend(candidate.split()[0] for candidate in value.split(",") if candidate.strip())


def _target(site: Path, page: Path, url: str) -> Path | None:
    """The file in ``site`` that ``url``, found on ``page``, points at; None for a link off the site."""
    here = "http://site.invalid/" + page.relative_to(site).as_posix()
    parts = urlsplit(urljoin(here, url))
    if (parts.scheme, parts.netloc) != ("http", "site.invalid"):
        return None  # another site, mailto:, data:, javascript:
    target = site / unquote(parts.path).lstrip("/")
    return target / "index.html" if target.is_dir() else target


def test_every_internal_link_resolves_to_a_file(site: Path) -> None:
    pages = sorted(site.rglob("*.html"))
    assert pages, f"the build left no HTML in {site}"
    broken: list[str] = []
    for page in pages:
        parser = _Links()
        parser.feed(page.read_text(encoding="utf-8"))
        parser.close()
        for url in parser.urls:
            target = _target(site, page, url)
            if target is not None and not target.is_file():
                broken.append(f"{page.relative_to(site)}: {url}")
    assert not broken, f"{len(broken)} internal links lead nowhere:\n" + "\n".join(broken)
