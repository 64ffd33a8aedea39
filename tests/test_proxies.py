"""Proxies: the standard environment variables as httpx reads them, the `proxy` argument, and
`trust_env=False`, each proved over real sockets on 127.0.0.1.

A proxy thread (`local_server.running_proxy`) sends whatever host it is asked for to a local
server: `http://api.example.test` is forwarded in clear (allowed by `allow_insecure`), and
`https://uptime.example.test` is tunnelled to a TLS server on 127.0.0.1 whose certificate the
client trusts through `SSL_CERT_FILE` (`tests/fixtures/tls/`). Neither name is ever looked up.
Where a request must go direct instead, the client's direct transport is swapped for a
recording one, so that nothing leaves 127.0.0.1 there either.
"""

from __future__ import annotations

import asyncio
import importlib.util
import json
import ssl
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from betterstack.uptime import APIConnectionError, ConfigurationError, UptimeAPI
from betterstack.uptime._proxies import proxy_routes
from betterstack_sdk.api.monitors import get_monitor

from local_server import CannedResponse, LocalServer, RecordedRequest, running_proxy, running_server
from wire import FIXTURES, TOKEN, fixture

TLS = FIXTURES / "tls"
PLAIN_API = "http://api.example.test"
TLS_API = "https://uptime.example.test"
PROXY_VARIABLES = ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "NO_PROXY", "REQUEST_METHOD")


@pytest.fixture(autouse=True)
def clean_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """No proxy variable from the machine running the tests, in either case."""
    for name in PROXY_VARIABLES:
        monkeypatch.delenv(name, raising=False)
        monkeypatch.delenv(name.lower(), raising=False)
    monkeypatch.delenv("SSL_CERT_FILE", raising=False)
    monkeypatch.delenv("SSL_CERT_DIR", raising=False)


def _monitor(request: RecordedRequest) -> CannedResponse:
    return CannedResponse(200, json.dumps(fixture("get_monitor")).encode())


@pytest.fixture
def plain_server() -> Iterator[LocalServer]:
    with running_server(_monitor) as server:
        yield server


@pytest.fixture
def tls_server() -> Iterator[LocalServer]:
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(TLS / "uptime.example.test.pem")
    with running_server(_monitor, tls=context) as server:
        yield server


def _monitor_answer(request: httpx.Request) -> httpx.Response:
    return httpx.Response(200, json=fixture("get_monitor"))


def _direct(api: UptimeAPI) -> list[httpx.Request]:
    """Swap the client's direct transport for one recording what reaches it, answering a monitor."""
    seen: list[httpx.Request] = []

    def answer(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return _monitor_answer(request)

    api.transport._sync = httpx.MockTransport(answer)
    return seen


def _get(api: UptimeAPI) -> str | None:
    return api.call(get_monitor, monitor_id="1").data.id


def test_http_proxy_variable_forwards_plain_http_requests(
    monkeypatch: pytest.MonkeyPatch, plain_server: LocalServer
) -> None:
    with running_proxy(plain_server.base_url) as proxy:
        monkeypatch.setenv("HTTP_PROXY", proxy.url)
        api = UptimeAPI(TOKEN, base_url=PLAIN_API, allow_insecure=True)
        assert _get(api) == fixture("get_monitor")["data"]["id"]
    assert proxy.requests == [f"GET {PLAIN_API}/api/v2/monitors/1 HTTP/1.1"]
    assert plain_server.last.path == "/api/v2/monitors/1"


def test_https_proxy_variable_tunnels_and_never_sees_the_token(
    monkeypatch: pytest.MonkeyPatch, tls_server: LocalServer
) -> None:
    monkeypatch.setenv("SSL_CERT_FILE", str(TLS / "ca.pem"))
    with running_proxy(tls_server.base_url) as proxy:
        monkeypatch.setenv("HTTPS_PROXY", proxy.url)
        api = UptimeAPI(TOKEN, base_url=TLS_API)  # a host only the proxy resolves
        assert _get(api) == fixture("get_monitor")["data"]["id"]
    assert proxy.requests == ["CONNECT uptime.example.test:443 HTTP/1.1"]
    assert tls_server.last.headers["authorization"] == f"Bearer {TOKEN}"
    assert TOKEN.encode() not in proxy.received  # the request went inside TLS


def test_async_requests_go_through_the_proxy_too(monkeypatch: pytest.MonkeyPatch, tls_server: LocalServer) -> None:
    monkeypatch.setenv("SSL_CERT_FILE", str(TLS / "ca.pem"))
    with running_proxy(tls_server.base_url) as proxy:
        monkeypatch.setenv("HTTPS_PROXY", proxy.url)
        api = UptimeAPI(TOKEN, base_url=TLS_API)
        monitor = asyncio.run(api.acall(get_monitor, monitor_id="1"))
    assert monitor.data.id == fixture("get_monitor")["data"]["id"]
    assert proxy.requests == ["CONNECT uptime.example.test:443 HTTP/1.1"]


def test_all_proxy_variable_serves_every_scheme(monkeypatch: pytest.MonkeyPatch, plain_server: LocalServer) -> None:
    with running_proxy(plain_server.base_url) as proxy:
        monkeypatch.setenv("ALL_PROXY", proxy.url.removeprefix("http://"))  # no scheme: http:// as httpx reads it
        _get(UptimeAPI(TOKEN, base_url=PLAIN_API, allow_insecure=True))
    assert proxy.requests == [f"GET {PLAIN_API}/api/v2/monitors/1 HTTP/1.1"]


@pytest.mark.parametrize("entry", ["api.example.test", "example.test", ".example.test", "*", "http://api.example.test"])
def test_no_proxy_sends_listed_hosts_direct(monkeypatch: pytest.MonkeyPatch, entry: str) -> None:
    with running_proxy("http://127.0.0.1:9") as proxy:
        monkeypatch.setenv("HTTP_PROXY", proxy.url)
        monkeypatch.setenv("NO_PROXY", f"other.example, {entry}")
        api = UptimeAPI(TOKEN, base_url=PLAIN_API, allow_insecure=True)
        direct = _direct(api)
        _get(api)
    assert [str(request.url) for request in direct] == [f"{PLAIN_API}/api/v2/monitors/1"]
    assert proxy.requests == []


def test_no_proxy_leaves_other_hosts_proxied(monkeypatch: pytest.MonkeyPatch, plain_server: LocalServer) -> None:
    with running_proxy(plain_server.base_url) as proxy:
        monkeypatch.setenv("HTTP_PROXY", proxy.url)
        monkeypatch.setenv("NO_PROXY", "www.api.example.test,pi.example.test")
        _get(UptimeAPI(TOKEN, base_url=PLAIN_API, allow_insecure=True))
    assert proxy.requests == [f"GET {PLAIN_API}/api/v2/monitors/1 HTTP/1.1"]


def test_loopback_hosts_are_never_proxied(monkeypatch: pytest.MonkeyPatch, plain_server: LocalServer) -> None:
    with running_proxy(plain_server.base_url) as proxy:
        monkeypatch.setenv("HTTP_PROXY", proxy.url)
        monkeypatch.setenv("ALL_PROXY", proxy.url)
        _get(UptimeAPI(TOKEN, base_url=plain_server.base_url))
        _get(UptimeAPI(TOKEN, base_url=plain_server.base_url.replace("127.0.0.1", "localhost")))
    assert proxy.requests == []
    assert len(plain_server.requests) == 2


def test_proxy_argument_serves_every_request_whatever_the_environment(
    monkeypatch: pytest.MonkeyPatch, plain_server: LocalServer
) -> None:
    monkeypatch.setenv("NO_PROXY", "*")
    monkeypatch.setenv("HTTP_PROXY", "http://127.0.0.1:9")  # nothing listens there
    with running_proxy(plain_server.base_url) as proxy:
        _get(UptimeAPI(TOKEN, base_url=PLAIN_API, allow_insecure=True, proxy=proxy.url))
    assert proxy.requests == [f"GET {PLAIN_API}/api/v2/monitors/1 HTTP/1.1"]


def test_proxy_argument_takes_an_httpx_proxy(monkeypatch: pytest.MonkeyPatch, tls_server: LocalServer) -> None:
    monkeypatch.setenv("SSL_CERT_FILE", str(TLS / "ca.pem"))
    with running_proxy(tls_server.base_url) as proxy:
        _get(UptimeAPI(TOKEN, base_url=TLS_API, proxy=httpx.Proxy(proxy.url)))
    assert proxy.requests == ["CONNECT uptime.example.test:443 HTTP/1.1"]


def test_trust_env_false_ignores_proxy_variables(monkeypatch: pytest.MonkeyPatch) -> None:
    with running_proxy("http://127.0.0.1:9") as proxy:
        monkeypatch.setenv("HTTP_PROXY", proxy.url)
        monkeypatch.setenv("ALL_PROXY", proxy.url)
        api = UptimeAPI(TOKEN, base_url=PLAIN_API, allow_insecure=True, trust_env=False)
        direct = _direct(api)
        _get(api)
    assert len(direct) == 1 and proxy.requests == []


def test_trust_env_false_ignores_ssl_cert_file(monkeypatch: pytest.MonkeyPatch, tls_server: LocalServer) -> None:
    monkeypatch.setenv("SSL_CERT_FILE", str(TLS / "ca.pem"))
    with running_proxy(tls_server.base_url) as proxy:
        api = UptimeAPI(TOKEN, base_url=TLS_API, proxy=proxy.url, trust_env=False)
        with pytest.raises(APIConnectionError, match="CERTIFICATE_VERIFY_FAILED"):
            _get(api)


def test_sslkeylogfile_is_honoured(monkeypatch: pytest.MonkeyPatch, tls_server: LocalServer, tmp_path: Path) -> None:
    keys = tmp_path / "keys.log"
    monkeypatch.setenv("SSLKEYLOGFILE", str(keys))
    monkeypatch.setenv("SSL_CERT_FILE", str(TLS / "ca.pem"))
    with running_proxy(tls_server.base_url) as proxy:
        _get(UptimeAPI(TOKEN, base_url=TLS_API, proxy=proxy.url))
    assert "CLIENT_TRAFFIC_SECRET_0" in keys.read_text() or "CLIENT_RANDOM" in keys.read_text()


def test_proxy_and_transport_together_are_refused() -> None:
    with pytest.raises(ConfigurationError, match=r"proxy='http://\*\*\*@proxy.example:3128' and transport="):
        UptimeAPI(TOKEN, proxy="http://user:pw@proxy.example:3128", transport=httpx.MockTransport(_monitor_answer))


def test_a_proxy_variable_httpx_cannot_use_names_the_variable_and_hides_the_password(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("HTTPS_PROXY", "ftp://user:hunter2@proxy.example:21")
    with pytest.raises(ConfigurationError, match=r"HTTPS_PROXY 'ftp://\*\*\*@proxy.example:21'") as raised:
        UptimeAPI(TOKEN)
    assert "hunter2" not in str(raised.value)


def test_a_socks_proxy_without_socksio_says_what_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    if importlib.util.find_spec("socksio") is not None:
        pytest.skip("socksio is installed: socks5 proxies work")
    monkeypatch.setenv("ALL_PROXY", "socks5://127.0.0.1:1080")
    with pytest.raises(ConfigurationError, match=r"httpx\[socks\]"):
        UptimeAPI(TOKEN)


def test_no_variables_mount_nothing() -> None:
    assert proxy_routes(None, trust_env=True) == {}


def test_routes_mirror_httpx_reading_of_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("https_proxy", "http://proxy.example:3128")
    monkeypatch.setenv("NO_PROXY", "internal.example, .corp.example, 10.0.0.1, ::2, http://plain.example")
    routes = proxy_routes(None, trust_env=True, loopback_hosts=["127.0.0.2"])
    proxied = {pattern: str(route.url) for pattern, route in routes.items() if route is not None}
    direct = sorted(pattern for pattern, route in routes.items() if route is None)
    assert proxied == {"https://": "http://proxy.example:3128"}
    assert direct == sorted(
        [
            "all://*internal.example",
            "all://*.corp.example",
            "all://10.0.0.1",
            "all://[::2]",
            "http://plain.example",
            "all://localhost",
            "all://127.0.0.1",
            "all://[::1]",
            "all://127.0.0.2",
        ]
    )


def test_proxy_routes_share_one_proxy_per_url(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HTTP_PROXY", "http://proxy.example:3128")
    monkeypatch.setenv("HTTPS_PROXY", "http://proxy.example:3128")
    routes = proxy_routes(None, trust_env=True)
    assert routes["http://"] is routes["https://"]
