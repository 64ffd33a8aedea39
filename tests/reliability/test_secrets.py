"""The token and secret fields stay out of every output, and the token goes only where it should.

Output means repr and str of the client and objects, log records at DEBUG of httpx, httpcore
and the SDK (message and args), every log record at any level when a server echoes the token
in its headers and reason phrase, and the text of every error the SDK raises. The token travels
only over https (or to loopback), is never sent on to the host a redirect names, and TLS
certificates are verified by default.
"""

from __future__ import annotations

import asyncio
import json
import logging
import re
import socket
import ssl
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import httpx
import pytest

import betterstack.uptime.objects as objects
from betterstack.uptime import (
    APIConnectionError,
    APIError,
    APITimeoutError,
    BaseAPIObject,
    BetterStackError,
    ConfigurationError,
    NotFoundError,
    PaginatedAPI,
    ResponseDecodeError,
    UptimeAPI,
)
from betterstack.uptime._kind import kind_of
from betterstack.uptime.objects import Monitor
from betterstack.uptime.testing import FakeUptime, Fault, serve
from betterstack_sdk.api.monitors import get_monitor

from reliability.tally import count
from wire import Recorder, make_api, reply

TOKEN = "tok-9f8e7d6c5b4a39281706-secret"
SECRET = "hunter2-do-not-print"


def leaks(texts: list[str], secrets: tuple[str, ...] = (TOKEN,)) -> list[str]:
    """The texts holding a secret; counted in the tally."""
    found = [text for text in texts if any(secret in text for secret in secrets)]
    count("secrets found in output", len(found))
    return found


def error_texts(error: BaseException) -> list[str]:
    """Everything an error shows: str, repr, args and the attributes callers log."""
    texts = [str(error), repr(error), *map(str, error.args)]
    for name in ("message", "response_body", "url", "method"):
        if hasattr(error, name):
            texts.append(repr(getattr(error, name)))
    return texts


# repr and str ---------------------------------------------------------------------------------


def test_the_client_never_shows_the_token() -> None:
    api = UptimeAPI(TOKEN)
    api.client.get_httpx_client()
    api.team_client.get_async_httpx_client()
    shown = [repr(api), str(api), repr(api.client), repr(api.team_client), repr(api.transport)]
    shown += [repr(api.client.get_httpx_client().headers)]
    count("operations run")
    assert leaks(shown) == []
    assert repr(api) == "UptimeAPI(base_url='https://uptime.betterstack.com')"


SECRET_CLASSES = [
    getattr(objects, name)
    for name in objects.__all__
    if isinstance(getattr(objects, name), type)
    and issubclass(getattr(objects, name), BaseAPIObject)
    and kind_of(getattr(objects, name)).secrets
]


def test_the_spec_marks_secrets_on_the_classes_expected() -> None:
    # A guard for the next test: it must have something to check.
    names = {cls.__name__: sorted(kind_of(cls).secrets) for cls in SECRET_CLASSES}
    assert names["Monitor"] == ["auth_password", "environment_variables"]
    assert names["PagerdutyIntegration"] == ["key"]


@pytest.mark.parametrize("cls", SECRET_CLASSES, ids=lambda cls: cls.__name__)
def test_secret_fields_are_hidden_in_repr_and_str(cls: type[BaseAPIObject]) -> None:
    api, _ = make_api()
    values: dict[str, Any] = {
        name: {"SECRET_VAR": SECRET} if name == "environment_variables" else SECRET for name in kind_of(cls).secrets
    }
    wire = {kind_of(cls).wire_names.get(name, name): value for name, value in values.items()}
    loaded = kind_of(cls).from_item(api, {"id": "1", "attributes": wire})
    built = cls(id="2", _api=api, **values)
    shown = [repr(loaded), str(loaded), repr(built), str(built)]
    assert leaks(shown, (SECRET, TOKEN)) == []
    for name in kind_of(cls).secrets:
        assert f"{name}=<hidden>" in repr(loaded)


# Logs -----------------------------------------------------------------------------------------

LOGGERS = ("httpx", "httpcore", "betterstack")


@pytest.fixture
def debug_logs(caplog: pytest.LogCaptureFixture) -> Iterator[pytest.LogCaptureFixture]:
    for name in LOGGERS:
        caplog.set_level(logging.DEBUG, logger=name)
    yield caplog


def record_texts(records: list[logging.LogRecord]) -> list[str]:
    """Each record's formatted message, raw message, every arg and any exception text."""
    texts = []
    for record in records:
        texts += [record.getMessage(), str(record.msg)]
        args = record.args if isinstance(record.args, tuple) else (record.args,)
        texts += [repr(arg) for arg in args] + [str(arg) for arg in args]
        if record.exc_info:
            texts.append(logging.Formatter().formatException(record.exc_info))
    return texts


def test_debug_logs_of_real_requests_never_hold_the_token(debug_logs: pytest.LogCaptureFixture) -> None:
    fake = FakeUptime(token=TOKEN, seed={"/api/v2/monitors": [{"id": "1", "url": "https://e.com"}]})
    with serve(fake) as running:
        api = UptimeAPI(TOKEN, base_url=running.base_url, retries=1, backoff_factor=0, timeout=0.5)
        wrong = UptimeAPI("tok-wrong-0000000000000000", base_url=running.base_url, retries=0)
        monitor = Monitor.get(api, "1")
        monitor.check_frequency = 60
        monitor.save()
        created = Monitor.new(api, url="https://new.example.com", monitor_type="status")
        list(Monitor.get_all_instances(api))
        slow = UptimeAPI(TOKEN, base_url=running.base_url, retries=0, timeout=0.2)
        failures: list[tuple[Fault | None, Callable[[], Any]]] = [
            (None, lambda: Monitor.get(api, "404")),
            (None, lambda: Monitor.get(wrong, "1")),
            (None, lambda: api.post("/api/v2/heartbeats", body={})),  # the fake's 422: name is required
            (Fault("status", status=503), lambda: Monitor.get(api, "1")),
            (Fault("hang", hang_seconds=1.0), lambda: Monitor.get(slow, "1")),
            (Fault("malformed"), lambda: Monitor.get(api, "1")),
        ]
        for fault, failure in failures:
            if fault is not None:
                fake.faults.add(fault, times=2)
            with pytest.raises(BetterStackError):
                failure()
            fake.faults.clear()
        created.delete()
        for client in (api, wrong, slow):
            client.close()
    count("operations run", 5 + len(failures))
    assert any(record.name.startswith("httpcore") for record in debug_logs.records), "DEBUG logging is not on"
    assert any(record.name.startswith("httpx") for record in debug_logs.records)
    assert leaks(record_texts(debug_logs.records)) == []


@contextmanager
def echoing_server() -> Iterator[str]:
    """A server on 127.0.0.1 repeating the request's Authorization header wherever an answer can.

    The header comes back in `Location`, a debug header, a cookie and the reason phrase, with
    the status the last path segment names (`/api/v2/monitors/404`); 200 answers with a monitor.
    """

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_GET(self) -> None:
            header = self.headers["Authorization"]
            status = int(self.path.rsplit("/", 1)[-1])
            body = json.dumps({"data": {"id": "200", "type": "monitor", "attributes": {}}}).encode()
            self.send_response_only(status, f"Echo {header}")
            self.send_header("Location", f"https://elsewhere.example/login?authorization={header}")
            self.send_header("X-Debug-Authorization", header)
            self.send_header("Set-Cookie", f"session={header.partition(' ')[2]}; HttpOnly")
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: object) -> None:
            return

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


def test_no_log_record_holds_the_token_a_server_echoes(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)  # every logger, every level
    for name in LOGGERS:
        caplog.set_level(logging.DEBUG, logger=name)

    async def in_async(base_url: str) -> None:
        async with UptimeAPI(TOKEN, base_url=base_url, retries=0) as api:
            await api.acall(get_monitor, monitor_id="200")
            with pytest.raises(NotFoundError):
                await api.acall(get_monitor, monitor_id="404")

    with echoing_server() as base_url:
        with UptimeAPI(TOKEN, base_url=base_url, retries=0) as api:
            assert Monitor.get(api, "200").id == "200"
            get_monitor.sync_detailed(client=api.client, monitor_id="200")  # the generated layer directly
            assert api.request("GET", "/api/v2/monitors/200").headers["X-Debug-Authorization"] == f"Bearer {TOKEN}"
            for status in (302, 401, 404, 429, 500, 503):
                with pytest.raises(APIError):
                    Monitor.get(api, str(status))
        asyncio.run(in_async(base_url))
    count("operations run", 12)
    # The echoes did reach the logs: httpcore's header records and httpx's status lines.
    messages = [(record.name, record.getMessage()) for record in caplog.records]
    assert any(name == "httpcore.http11" and "X-Debug-Authorization" in text for name, text in messages)
    assert any(name == "httpx" and '"HTTP/1.1 404 Echo Bearer ' in text for name, text in messages)
    assert leaks(record_texts(caplog.records)) == []


# Error messages -------------------------------------------------------------------------------


def api_with(handler: Callable[[httpx.Request], httpx.Response], token: str = TOKEN) -> UptimeAPI:
    """A client with `token` answered by `handler`, without retries."""
    return UptimeAPI(token, transport=httpx.MockTransport(handler), retries=0)


def echo(status: int, content_type: str = "application/json") -> Callable[[httpx.Request], httpx.Response]:
    """A server that repeats the request's Authorization header in its body, as debug pages do."""

    def answer(request: httpx.Request) -> httpx.Response:
        header = request.headers["Authorization"]
        if content_type == "application/json":
            body = json.dumps({"errors": {"token": [f"{header} is not valid"]}, "echo": header})
        else:
            body = f"<html>Authorization: {header}</html>"
        return httpx.Response(status, content=body.encode(), headers={"Content-Type": content_type})

    return answer


@pytest.mark.parametrize("status", [400, 401, 403, 404, 409, 422, 429, 500, 503])
def test_an_api_error_that_echoes_the_token_does_not_repeat_it(status: int) -> None:
    api = api_with(echo(status))
    with pytest.raises(APIError) as caught:
        Monitor.get(api, "1")
    count("operations run")
    assert leaks(error_texts(caught.value)) == []
    assert "Bearer <hidden> is not valid" in caught.value.message


def test_an_html_error_page_echoing_the_token_does_not_repeat_it() -> None:
    api = api_with(echo(502, "text/html"))
    with pytest.raises(APIError) as caught:
        Monitor.get(api, "1")
    count("operations run")
    assert leaks(error_texts(caught.value)) == []
    assert "Authorization: Bearer <hidden>" in str(caught.value)


def test_a_decode_error_echoing_the_token_does_not_repeat_it() -> None:
    def shaped_wrong(request: httpx.Request) -> httpx.Response:
        # Valid JSON, but not a monitor: its attributes are the token itself.
        return httpx.Response(200, json={"data": {"id": "1", "attributes": request.headers["Authorization"]}})

    api = api_with(shaped_wrong)
    with pytest.raises(ResponseDecodeError) as caught:
        Monitor.get(api, "1")
    count("operations run")
    assert leaks(error_texts(caught.value)) == []


def test_a_connection_error_mentioning_the_token_does_not_repeat_it() -> None:
    def refuse(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError(f"proxy refused {request.headers['Authorization']}", request=request)

    api = api_with(refuse)
    with pytest.raises(APIConnectionError) as caught:
        Monitor.get(api, "1")
    count("operations run")
    assert leaks(error_texts(caught.value)) == []
    assert "proxy refused Bearer <hidden>" in str(caught.value)


def test_real_connection_errors_and_timeouts_do_not_show_the_token() -> None:
    with socket.socket() as closed:
        closed.bind(("127.0.0.1", 0))
        port = closed.getsockname()[1]
    with (
        UptimeAPI(TOKEN, base_url=f"http://127.0.0.1:{port}", retries=0) as api,
        pytest.raises(APIConnectionError) as refused,
    ):
        Monitor.get(api, "1")
    fake = FakeUptime(token=TOKEN)
    fake.faults.add(Fault("hang", hang_seconds=1.0))
    with (
        serve(fake) as running,
        UptimeAPI(TOKEN, base_url=running.base_url, retries=0, timeout=0.2) as slow,
        pytest.raises(APITimeoutError) as timed_out,
    ):
        Monitor.get(slow, "1")
    count("operations run", 2)
    assert leaks(error_texts(refused.value) + error_texts(timed_out.value)) == []


def test_a_short_token_is_not_taken_for_a_word() -> None:
    # Redacting "read-only" would mangle the fake's own message about read-only tokens.
    api = api_with(reply(403, {"errors": "This API token is read-only"}), token="read-only")
    with pytest.raises(APIError) as caught:
        Monitor.get(api, "1")
    count("operations run")
    assert caught.value.message == "This API token is read-only"


# Plain http -----------------------------------------------------------------------------------

INSECURE = ["http://uptime.example.com", "http://10.0.0.1:8080", "http://uptime.betterstack.com/"]
LOOPBACK = ["http://127.0.0.1:8080", "http://[::1]:8080", "http://localhost:8080", "http://127.0.0.2"]


@pytest.mark.parametrize("url", INSECURE)
def test_plain_http_to_another_host_is_refused_as_base_url(url: str) -> None:
    with pytest.raises(ConfigurationError) as caught:
        UptimeAPI(TOKEN, base_url=url)
    assert str(caught.value) == (
        f"base_url {url!r} is plain http: the token would cross the network unencrypted. "
        "Use https://, or pass allow_insecure=True if the network in between is trusted"
    )
    with pytest.raises(ConfigurationError, match=r"^base_url .* is plain http"):
        PaginatedAPI(url, TOKEN)
    assert leaks(error_texts(caught.value)) == []


@pytest.mark.parametrize("url", INSECURE)
def test_plain_http_to_another_host_is_refused_as_team_base_url(url: str) -> None:
    with pytest.raises(ConfigurationError, match="^team_base_url " + re.escape(repr(url)) + " is plain http"):
        UptimeAPI(TOKEN, team_base_url=url)
    with pytest.raises(ConfigurationError, match="^team_base_url " + re.escape(repr(url)) + " is plain http"):
        PaginatedAPI("https://uptime.betterstack.com", TOKEN, team_base_url=url)


@pytest.mark.parametrize("url", INSECURE)
def test_allow_insecure_accepts_plain_http(url: str) -> None:
    api, wire = make_api(reply(200, {"data": {"id": "1", "type": "monitor", "attributes": {}}}))
    api = UptimeAPI(TOKEN, base_url=url, allow_insecure=True, transport=httpx.MockTransport(wire), retries=0)
    Monitor.get(api, "1")
    count("operations run")
    assert str(wire.last.url) == url.rstrip("/") + "/api/v2/monitors/1"
    assert PaginatedAPI(url, TOKEN, allow_insecure=True).base_url == url.rstrip("/")


@pytest.mark.parametrize("url", LOOPBACK)
def test_plain_http_to_loopback_is_accepted(url: str) -> None:
    assert UptimeAPI(TOKEN, base_url=url, team_base_url=url).team_base_url == url


@pytest.mark.parametrize("url", ["uptime.betterstack.com", "ftp://uptime.betterstack.com", "https://", ""])
def test_a_url_that_is_not_absolute_http_is_refused(url: str) -> None:
    with pytest.raises(ConfigurationError, match="base_url must be an absolute https:// URL"):
        UptimeAPI(TOKEN, base_url=url)


def test_the_fake_served_on_loopback_still_works() -> None:
    fake = FakeUptime(token=TOKEN, seed={"/api/v2/monitors": [{"id": "1", "url": "https://e.com"}]})
    with serve(fake) as running:
        assert running.base_url.startswith("http://127.0.0.1:")
        with UptimeAPI(TOKEN, base_url=running.base_url) as api:
            assert Monitor.get(api, "1").url == "https://e.com"
    count("operations run")


# Redirects ------------------------------------------------------------------------------------


@dataclass
class Server:
    """A real server on 127.0.0.1 answering every GET alike; `seen` holds each request's headers."""

    base_url: str = ""
    seen: list[dict[str, str]] = field(default_factory=list)


@contextmanager
def local_server(status: int, location: str | None = None) -> Iterator[Server]:
    """Serve `status` (with `Location: location` when given) to every GET until the block ends."""
    state = Server()

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            state.seen.append({key.lower(): value for key, value in self.headers.items()})
            body = b'{"data": {}}'
            self.send_response_only(status)
            if location is not None:
                self.send_header("Location", location)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: object) -> None:
            return

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    state.base_url = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True)
    thread.start()
    try:
        yield state
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


@pytest.mark.parametrize("status", [301, 302, 303, 307, 308])
def test_a_redirect_to_another_local_server_is_not_followed(status: int) -> None:
    with local_server(200) as elsewhere:
        # "localhost" and "127.0.0.1" are different hosts to httpx, as the API and an attacker would be.
        location = elsewhere.base_url.replace("127.0.0.1", "localhost") + "/api/v2/monitors/1"
        with local_server(status, location) as api_host:
            with UptimeAPI(TOKEN, base_url=api_host.base_url, retries=0) as api, pytest.raises(APIError) as caught:
                Monitor.get(api, "1")
            count("operations run")
        assert [headers["authorization"] for headers in api_host.seen] == [f"Bearer {TOKEN}"]
        assert elsewhere.seen == []
    assert caught.value.status_code == status
    assert f"redirected to {location}, not followed so that the token goes nowhere else" in str(caught.value)


@pytest.mark.parametrize("status", [301, 302, 307, 308])
def test_a_redirect_with_a_location_on_another_host_sends_nothing_there(status: int) -> None:
    with local_server(200) as elsewhere:
        location = f"{elsewhere.base_url}/steal"

        def redirect(request: httpx.Request) -> httpx.Response:
            if request.url.host == "uptime.betterstack.com":
                return httpx.Response(status, headers={"Location": location})
            # Anything reaching here would have been a followed redirect: forward it for real.
            with httpx.Client() as client:
                return client.send(request)

        wire = Recorder(redirect)
        api = api_with(wire)
        with pytest.raises(APIError) as caught:
            Monitor.get(api, "1")
        count("operations run")
        assert elsewhere.seen == []
    assert [str(r.url) for r in wire.requests] == ["https://uptime.betterstack.com/api/v2/monitors/1"]
    assert f"redirected to {location}" in str(caught.value)


def test_nothing_in_the_sdk_turns_redirect_following_on() -> None:
    api = UptimeAPI(TOKEN)
    clients: list[httpx.Client | httpx.AsyncClient] = []
    for client in (api.client, api.team_client):
        clients += [client.get_httpx_client(), client.get_async_httpx_client()]
    assert [c.follow_redirects for c in clients] == [False] * 4


# TLS ------------------------------------------------------------------------------------------


def test_tls_certificates_are_verified_by_default() -> None:
    api = UptimeAPI(TOKEN)
    # The async side opens a transport per event loop (`LoopTransports`), each from this factory.
    transports = [api.transport._sync, api.transport._async._factory()]  # type: ignore[attr-defined]
    contexts: list[ssl.SSLContext] = [t._pool._ssl_context for t in transports]
    assert [(c.verify_mode, c.check_hostname) for c in contexts] == [(ssl.CERT_REQUIRED, True)] * 2
